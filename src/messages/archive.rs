//! `banzi archive`: making the archive (归档) and checking one.

use super::help::{Example, Help, example_of, help};

super::catalogue! {
    // Making an archive.
    not_an_archive_name(file: &str) =>
        "`{file}` 既不是 `.tar.zst` 文件，也不是 `.zip` 文件", "`{file}` is neither a `.tar.zst` nor a `.zip` file";
    not_an_archive_name_hint() =>
        "按扩展名选择格式，例如 `banzi archive 归档.tar.zst` 或 `banzi archive 归档.zip`",
        "the extension chooses the format, e.g. `banzi archive archive.tar.zst` or `banzi archive archive.zip`";
    already_exists(file: &str) => "`{file}` 已经存在", "`{file}` already exists";
    already_exists_hint() =>
        "换一个文件名；归档从不覆盖已有的文件", "choose another name; an archive never overwrites a file";
    inside_campaign(file: &str, root: &str) =>
        "`{file}` 位于活动目录 `{root}` 之内", "`{file}` lies inside the campaign `{root}`";
    inside_campaign_hint() => "把归档写到活动目录之外", "write the archive outside the campaign folder";
    not_archived(n: usize) =>
        "活动有 {n} 个完整性问题，未归档", "the campaign has {n} integrity problem(s); nothing was archived";
    changed_while_archiving(file: &str) =>
        "`{file}` 在归档过程中被改动了，未归档", "`{file}` changed while it was being archived; nothing was archived";
    changed_while_archiving_hint() =>
        "等其他人改完，再运行 `banzi archive`", "wait until nobody is editing the campaign, then run `banzi archive` again";
    cannot_write(file: &str) => "无法写入 `{file}`", "cannot write `{file}`";
    cannot_read(file: &str) => "无法读取 `{file}`", "cannot read `{file}`";
    archived(files: usize, bytes: u64, head: &str, file: &str) =>
        "已把 {files} 个文件（{bytes} 字节，日志头 {head}）归档到 `{file}`",
        "archived {files} files ({bytes} bytes, head {head}) to `{file}`";

    // What `archive --check` finds; each follows the file's name inside the archive.
    unreadable(error: &str) => "无法读取：{error}", "cannot be read: {error}";
    no_manifest(manifest: &str) => "中没有 `{manifest}`", "holds no `{manifest}`";
    manifest_unreadable(error: &str) => "不是清单：{error}", "is not a manifest: {error}";
    listed_not_archived() => "列在清单中，却不在归档里", "is listed in the manifest but not in the archive";
    archived_not_listed() => "在归档里，却未列在清单中", "is in the archive but not listed in the manifest";
    not_as_listed(size: u64, sha: &str, listed_size: u64, listed_sha: &str) =>
        "与清单不符：{size} 字节、SHA-256 {sha}，清单上是 {listed_size} 字节、SHA-256 {listed_sha}",
        "is not as the manifest lists it: {size} bytes with SHA-256 {sha}, listed as {listed_size} bytes with SHA-256 {listed_sha}";
    listed_twice() => "在清单中列了不止一次", "is listed in the manifest more than once";
    archived_twice() => "在归档里出现了不止一次", "is in the archive more than once";
    not_a_plain_file() => "不是普通文件", "is not a regular file";
    not_a_plain_path() => "不是一个普通的相对路径", "is not a plain relative path";
    no_journal() => "不在归档里：没有日志，归档无从核对", "is not in the archive: without a journal nothing can be checked";
    journal_torn(line: usize) => "在第 {line} 行被截断", "is cut off at line {line}";
    journal_unreadable(line: usize, column: usize, error: &str) =>
        "第 {line} 行第 {column} 列无法读取：{error}", "cannot be read at line {line}, column {column}: {error}";
    index_not_the_heads(seq: u64) =>
        "不是日志第 {seq} 条留下的索引", "is not the index journal entry #{seq} left behind";
    record_not_as_written(seq: u64) =>
        "不是日志第 {seq} 条写入的样子", "is not what journal entry #{seq} wrote";
    record_not_archived(seq: u64) =>
        "由日志第 {seq} 条写入，却不在归档里", "was written by journal entry #{seq} but is not in the archive";
    manifest_head(listed: &str, head: &str) =>
        "写着日志头 {listed}，而归档中的日志到 {head} 为止", "names head {listed}, but the archive's journal ends at {head}";
    head_differs(head: &str, wanted: &str) =>
        "到日志头 {head} 为止，而不是 {wanted}", "ends at head {head}, not {wanted}";
    altered() =>
        "归档在制作之后被改动或损坏了；改用另一份副本，或用 `banzi archive` 重新归档",
        "the archive was altered or damaged since it was made; use another copy, or make a new one with `banzi archive`";
    not_the_archive() =>
        "这份归档不是该日志头所指的那一份；请找到对应的归档",
        "this is not the archive the head was printed from; find the one that is";
    no_head() => "无", "none";

    // `archive --check` at the command line.
    cannot_open(file: &str) => "无法打开归档 `{file}`", "cannot open the archive `{file}`";
    check_ok(file: &str, files: usize, bytes: u64, head: &str, version: &str) =>
        "`{file}`：{files} 个文件（{bytes} 字节）与清单相符，日志链条完整，日志头 {head}（由 banzi {version} 制作）",
        "`{file}`: {files} files ({bytes} bytes) match the manifest, the journal's chain holds, head {head} (made by banzi {version})";
    problems_found(n: usize) => "归档中发现 {n} 个问题", "{n} problem(s) found in the archive";
}

pub const HELP: &[Help] = &[
    help(
        "archive",
        "把整个活动连同清单（每个文件的路径、大小、SHA-256，日志头和 banzi 版本）归档为一个 `.tar.zst` 或 `.zip` 文件；活动须先核对无误。加 --check 核对一份归档而不解开它",
        "Archive the whole campaign, with a manifest of every file's path, size and SHA-256, the journal head and banzi's version, as one `.tar.zst` or `.zip` file; the campaign must pass verify first. With --check, check an archive without unpacking it",
    ),
    help(
        "archive <out>",
        "要写入的归档，`.tar.zst` 或 `.zip`（按扩展名）；须在活动目录之外且尚不存在",
        "The archive to write, `.tar.zst` or `.zip` by its extension; outside the campaign, and not there yet",
    ),
    help(
        "archive --check",
        "核对这份归档：每个文件与清单相符、清单完整、日志链条完整、索引即日志最后一条所记的索引",
        "Check this archive: every file as the manifest lists it, the manifest complete, the journal's chain whole and the index the one its last entry records",
    ),
    help(
        "archive --head",
        "同时核对归档中的日志头是否就是文书上打印的这一个，例如 12:1a2b3c4d5e6f（与 --check 一起用）",
        "Also check that the archive's journal head is this one a document printed, e.g. 12:1a2b3c4d5e6f (with --check)",
    ),
];

pub const EXAMPLES: &[Example] = &[example_of(
    "archive",
    &[
        "banzi archive ../2025-评选归档.tar.zst",
        "banzi archive ../2025-评选归档.zip",
        "banzi archive --check ../2025-评选归档.tar.zst --head 12:1a2b3c4d5e6f",
    ],
)];
