//! The fonts of printed documents, the PDF engine, and `banzi fonts`.

use super::help::{Example, Help, example_of, help};

super::catalogue! {
    /// The face a role of a printed document is set in.
    face_used(role: &str, family: &str) => "{role}：{family}", "{role}: {family}";
    // The roles a typeface plays in a printed document.
    role_title() => "标题（小标宋）", "title (小标宋)";
    role_body() => "正文（仿宋）", "body (仿宋)";
    role_heading() => "一级标题（黑体）", "headings (黑体)";
    role_kai() => "荣誉证书（楷体）", "certificates (楷体)";
    role_song() => "页码（宋体）", "page numbers (宋体)";
    /// Between the items of a list in a sentence.
    separator() => "、", ", ";

    // Finding fonts.
    no_font(roles: &str, found: usize) =>
        "找不到用于{roles}的字体（找到的 {found} 个字体都不合用）",
        "no font found for {roles} (none of the {found} fonts found will do)";
    how_to_add(folders: &str) =>
        "安装 Noto CJK 字体（Debian、Ubuntu：`sudo apt-get install fonts-noto-cjk`），或把字体文件放进活动目录下的 `fonts/` 文件夹，或放进 BANZI_FONT_PATH 所列的文件夹；banzi 依次查找：{folders}",
        "install the Noto CJK fonts (Debian, Ubuntu: `sudo apt-get install fonts-noto-cjk`), or put the font files in the campaign's `fonts/` folder or in a folder named in BANZI_FONT_PATH; banzi looks in: {folders}";

    // The PDF engine.
    missing_glyph(c: char, code: &str, text: &str, role: &str) =>
        "`{c}`（U+{code}）见于“{text}”，已找到的{role}字体都没有这个字",
        "`{c}` (U+{code}) in `{text}` is in none of the {role} fonts found";
    missing_glyphs(n: usize) =>
        "有 {n} 个字在已找到的字体中都没有，印出来会缺字，所以不印：",
        "{n} character(s) are in none of the fonts found and would print as blanks, so nothing was printed:";
    /// Between the problems of one error message.
    problems_separator() => "；", "; ";
    without_pdf() =>
        "这个 banzi 构建时没有启用 `pdf` 功能，不能输出 PDF",
        "this banzi was built without the `pdf` feature and cannot write PDF";
    without_pdf_hint() =>
        "用默认功能重新构建（`cargo install --path .`，或 `cargo build --release --features pdf`），或改为输出 Markdown",
        "rebuild with the default features (`cargo install --path .`, or `cargo build --release --features pdf`), or write Markdown instead";
    typesetting_failed(template: &str, cause: &str) =>
        "排版 PDF（{template}）失败：{cause}", "typesetting the PDF ({template}) failed: {cause}";

    // `banzi fonts`.
    column_role() => "用途", "role";
    column_family() => "字体", "font";
    column_file() => "文件", "file";
    not_found() => "（未找到）", "(not found)";
    stand_in(role: &str, family: &str, official: &str) =>
        "{role}用的是替代字体 {family}，不是公文规定的 {official}",
        "{role} is set in the stand-in {family}, not the official {official}";
    use_official() =>
        "要用规定的字体，请把它们的字体文件放进活动目录下的 `fonts/` 文件夹，或放进 BANZI_FONT_PATH 所列的文件夹",
        "to use the official faces, put their font files in the campaign's `fonts/` folder or in a folder named in BANZI_FONT_PATH";
    found(n: usize, folders: &str) =>
        "共找到 {n} 个字体，查找了：{folders}", "{n} fonts found in: {folders}";
}

pub const HELP: &[Help] = &[help(
    "fonts",
    "列出打印文书所用的字体：每种用途（标题、正文、标题层次、页码）选中的字体和它的文件；用的是替代字体时提出警告。依次查找活动目录下的 fonts/、BANZI_FONT_PATH 所列的文件夹和系统字体文件夹",
    "List the fonts printed documents are set in: for each role (title, body, headings, page numbers) the face chosen and its file, with a warning where a stand-in is used. Looks in the campaign's fonts/ folder, the folders of BANZI_FONT_PATH and the system's font folders, in that order",
)];

pub const EXAMPLES: &[Example] = &[example_of(
    "fonts",
    &["banzi fonts", "banzi -C 2026 fonts --json"],
)];
