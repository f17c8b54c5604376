//! Reading input files: encodings, headers, cells and words.

use super::help::{Example, Help};

super::catalogue! {
    /// The name of an encoding with a byte-order mark.
    utf8_with_bom() => "带 BOM 的 UTF-8", "UTF-8 with BOM";
    /// An input file that cannot be read, before the file system's reason.
    cannot_read(path: impl std::fmt::Display) => "无法读取 `{path}`", "cannot read `{path}`";
    /// The file system's reason in words, then its own text.
    io_reason(reason: &str, os: &str) => "{reason}（`{os}`）", "{reason} ({os})";
    io_not_found() => "文件或文件夹不存在", "not found";
    io_permission() => "没有读取权限", "permission denied";
    io_is_a_directory() => "这是一个文件夹，不是文件", "is a directory";
    io_not_a_directory() => "这是一个文件，不是文件夹", "not a directory";
    io_other() => "系统报告了错误", "the system reported an error";
    mixed_encodings(path: impl std::fmt::Display, line: usize) =>
        "`{path}` 混用了多种编码：文件是 UTF-8 文本，但第 {line} 行不是（是否粘贴进了 GBK/GB18030 编码的单元格？）",
        "`{path}` mixes encodings: it is UTF-8 text, but line {line} is not (cells in GBK/GB18030 pasted in?)";
    mixed_first_line() => "第一个不是 UTF-8 的行", "the first line that is not UTF-8";
    mixed_hint() =>
        "重新输入该行的文字，把整个文件另存为 UTF-8（Excel/WPS：「CSV UTF-8 (逗号分隔)」），再重新导入",
        "retype the text of that line and save the whole file as UTF-8 (Excel/WPS: \"CSV UTF-8 (逗号分隔)\"), then import it again";
    workbook_as_text(path: impl std::fmt::Display, kind: &str, named: &str) =>
        "`{path}` 是 Excel/WPS 工作簿（.{kind} 格式），不是 CSV 文本，虽然文件名是 .{named}",
        "`{path}` is an Excel/WPS workbook (.{kind}), not CSV text, though it is named .{named}";
    workbook_hint(kind: &str) =>
        "把文件改名为 .{kind} 后直接导入（banzi 读取工作簿）；或在 Excel/WPS 中另存为「CSV UTF-8 (逗号分隔)」后再导入",
        "rename it to .{kind} and import it as it is (banzi reads workbooks), or save it from Excel or WPS as \"CSV UTF-8 (Comma delimited)\" and import that";
    // The streaming reader of large files.
    cannot_read_streamed(file: impl std::fmt::Display, error: impl std::fmt::Display) =>
        "无法读取 `{file}`：{error}",
        "cannot read `{file}`: {error}";
    cannot_read_streamed_hint() =>
        "请检查文件名",
        "check the file name";
    no_thread() =>
        "无法启动读取文件的线程",
        "cannot start a thread to read the file";
    stopped(file: impl std::fmt::Display) =>
        "读取 `{file}` 时意外中断",
        "reading `{file}` stopped unexpectedly";
    quote_open(file: impl std::fmt::Display) =>
        "`{file}` 中有一个引号始终没有闭合",
        "`{file}` has a quote that is never closed";
    quote_open_hint() =>
        "请闭合或删除该引号，然后重新导入",
        "close the quote, or remove it, and import the file again";
    row_too_long(file: impl std::fmt::Display, kib: usize) =>
        "`{file}` 有一行超过 {kib} KiB，没有哪种导入文件会有这样长的一行",
        "`{file}` has a row longer than {kib} KiB, longer than any row an import reads";
    row_too_long_here() =>
        "这一行过长",
        "the row is too long";
    row_too_long_hint() =>
        "请确认导入的是正确的文件，且其中的引号成对",
        "check that this is the right file, and that its quotes are balanced";
    workbook_not_toml(path: impl std::fmt::Display) =>
        "`{path}` 是工作簿，这里要的是 TOML 文本", "`{path}` is a workbook, where TOML text is wanted";
    workbook_not_toml_hint() =>
        "方案、自评和考察记录的工作簿须是 `banzi … template 单位 --xlsx` 生成的表单",
        "a workbook for a plan, self-assessment or inspection must be a form made by `banzi … template UNIT --xlsx`";
    workbook_label() => "Excel/WPS 工作簿", "Excel/WPS workbook";
    not_a_workbook(path: impl std::fmt::Display, cause: &str) =>
        "`{path}` 无法作为工作簿读取：{cause}",
        "`{path}` cannot be read as a workbook: {cause}";
    not_a_workbook_hint() =>
        "在 Excel/WPS 中打开它，另存为「Excel 工作簿 (*.xlsx)」后再导入",
        "open it in Excel or WPS, save it as \"Excel Workbook (*.xlsx)\", then import that";
    no_such_sheet(path: impl std::fmt::Display, sheet: &str) =>
        "`{path}` 中没有名为 `{sheet}` 的工作表", "`{path}` has no sheet called `{sheet}`";
    sheets_are(names: &str) => "它的工作表有：{names}", "its sheets are: {names}";
    no_sheets(path: impl std::fmt::Display) => "`{path}` 中没有工作表", "`{path}` has no sheets";
    sheet_is_text(path: impl std::fmt::Display) =>
        "`{path}` 是文本文件，只有工作簿才有工作表", "`{path}` is a text file; only a workbook has sheets";
    cell_error(error: &str) =>
        "单元格是 Excel 的错误值 {error}，不是数据：请改正公式或填入数值",
        "the cell holds the Excel error {error}, not data: correct the formula or type the value";
    cell_duration() =>
        "单元格是时长，不是日期或文字：请把单元格格式设为「文本」或「日期」后重新填写",
        "the cell holds a duration, not a date or text: format the cell as Text or Date and fill it in again";
    cell_date_out_of_range(serial: &str) =>
        "单元格的日期序号 {serial} 超出了日期的范围", "the cell's date serial {serial} is not a date";
    utf16(path: impl std::fmt::Display) =>
        "`{path}` 是 UTF-16 文本，banzi 不读取这种编码",
        "`{path}` is UTF-16 text, which banzi does not read";
    utf16_hint() =>
        "在 Excel/WPS 中另存为「CSV UTF-8 (逗号分隔)」或普通的「CSV (逗号分隔)」",
        "save it from Excel/WPS as \"CSV UTF-8 (逗号分隔)\" or plain \"CSV (逗号分隔)\"";
    not_decodable(path: impl std::fmt::Display, line: usize) =>
        "`{path}` 既不是 UTF-8 也不是 GB18030 文本（第一个无法识别的字节在第 {line} 行）",
        "`{path}` is neither UTF-8 nor GB18030 text (first bad byte on line {line})";
    not_decodable_hint() =>
        "把文件另存为 UTF-8 或 GB18030 编码的 CSV（Excel/WPS：「CSV UTF-8」或「CSV」）",
        "save the file as CSV in UTF-8 or GB18030 (Excel/WPS: \"CSV UTF-8\" or \"CSV\")";
    /// The hint under a failed import's rows.
    rows_hint() =>
        "请改正上面列出的行，再重新导入该文件；本次没有导入任何内容",
        "correct the rows above and import the file again; nothing was imported";
    cannot_import(path: impl std::fmt::Display) => "`{path}` 无法导入", "`{path}` cannot be imported";
    misspelt_column(header: &str, meant: &str) =>
        "不认识的列 `{header}`：是不是想写 `{meant}`？",
        "unknown column `{header}`: did you mean `{meant}`?";
    control_character(code: &str) =>
        "文字中有控制字符 {code}；它在表格或编辑器里看不见，通常是从别的程序粘贴进来的：请删除它",
        "control character {code} in the text; it is invisible in a spreadsheet or editor, often pasted from another program: delete it";
    open_quote() =>
        "此处有一个以引号开头的单元格，缺少结尾的 `\"`，文件的其余部分都会被读进这个单元格",
        "a quoted cell starts here and its closing `\"` is missing, so the rest of the file would be read into this cell";
    column_twice(key: &str) => "列 `{key}` 出现了两次", "column `{key}` appears twice";
    missing_column(key: &str, headers: &str) =>
        "缺少列 `{key}`（可用的表头：{headers}）",
        "missing column `{key}` (accepted headers: {headers})";
    row_width(cells: usize, columns: usize) =>
        "本行有 {cells} 个单元格，但表头有 {columns} 列",
        "{cells} cells but the header has {columns} columns";
    /// What a diagnostic names when it is about the header line, a whole row, or an unnamed column.
    field_header() => "表头", "header";
    field_row() => "整行", "row";
    /// A column a diagnostic is about, by its header as written or its key.
    column_field(header: &str) => "`{header}` 列", "{header}";
    /// A key of a TOML input a diagnostic is about.
    key_field(key: &str) => "`{key}`", "{key}";
    field_column(n: usize) => "第 {n} 列", "column {n}";
    /// The csv crate's own error, after our sentence.
    csv_error(parser: &str) => "CSV 格式有误（`{parser}`）", "{parser}";
    not_valid_file(path: impl std::fmt::Display) =>
        "`{path}` 的内容有误，无法读取", "`{path}` is not a valid file of this kind";
    chinese_key_needs_quotes(key: &str) =>
        "；中文的键要加引号：`\"{key}\" = …`", "; a key in Chinese needs quotes: `\"{key}\" = …`";
    /// The toml crate's errors in Chinese: our sentence, then its own text.
    toml_missing(key: &str, parser: &str) =>
        "缺少必填的键 `{key}`（解析器原文：`{parser}`）", "missing key `{key}` ({parser})";
    toml_unknown(key: &str, parser: &str) =>
        "不认识的键 `{key}`，这里不能写它（解析器原文：`{parser}`）", "unknown key `{key}` ({parser})";
    toml_unknown_meant(key: &str, meant: &str, parser: &str) =>
        "不认识的键 `{key}`：是不是想写 `{meant}`？（解析器原文：`{parser}`）",
        "unknown key `{key}`: did you mean `{meant}`? ({parser})";
    toml_type(expected: &str, parser: &str) =>
        "值的类型不对：这里应当写{expected}（解析器原文：`{parser}`）",
        "wrong type of value: {expected} expected here ({parser})";
    toml_unknown_word(word: &str, parser: &str) =>
        "不认识的取值 `{word}`（解析器原文：`{parser}`）", "unknown value `{word}` ({parser})";
    toml_duplicate(parser: &str) =>
        "同一个键写了两次（解析器原文：`{parser}`）", "a key is written twice ({parser})";
    toml_syntax(parser: &str) =>
        "TOML 写法有误（解析器原文：`{parser}`）", "TOML syntax error ({parser})";
    toml_value(parser: &str) =>
        "值不符合要求（解析器原文：`{parser}`）", "invalid value ({parser})";
    /// What a TOML value should have been, for [`toml_type`].
    expected_number() => "一个不加引号的数字（如 `0.2`）", "a number";
    expected_integer() => "一个不加引号的整数", "an integer";
    expected_text() => "一段加引号的文字", "a quoted string";
    expected_boolean() => "`true` 或 `false`", "true or false";
    expected_list() => "一个列表（如 `[\"a\", \"b\"]`）", "a list";
    expected_table() => "一个表（`[节]` 或 `{{ 键 = 值 }}`）", "a table";
    expected_date() => "一个日期（如 `2026-12-31` 或 `\"2026年12月31日\"`）", "a date";
    expected_other(what: &str) => "`{what}`", "{what}";
    /// The forms of a date that every date field accepts.
    date_forms() =>
        "2026-12-31、2026/12/31、2026.12.31 或 2026年12月31日",
        "2026-12-31, 2026/12/31, 2026.12.31 or 2026年12月31日";
    not_a_date(text: &str, forms: &str) =>
        "`{text}` 不是日期：请写成 {forms}", "`{text}` is not a date: write it as {forms}";
    no_such_day(text: &str) =>
        "`{text}` 不是日历上存在的日子：请检查月份和日期",
        "`{text}` is not a day of the calendar: check the month and the day";
    /// One accepted word of a vocabulary with its names, and the separators of such lists.
    accepted_word(key: &str, names: &str) => "`{key}`（{names}）", "{key} ({names})";
    /// A name in a list of names: a header, a key.
    name(name: &str) => "`{name}`", "{name}";
    names_separator() => "、", ", ";
    words_separator() => "，", ", ";
    // A workbook refused before its cells are read: what it is, and the limits no real one nears.
    input_not_a_file(path: impl std::fmt::Display) =>
        "`{path}` 不是普通文件（而是设备、管道或套接字），不能导入",
        "`{path}` is not a regular file (it is a device, a pipe or a socket), so it cannot be imported";
    workbook_too_large(path: impl std::fmt::Display, mib: u64, max_mib: u64) =>
        "`{path}` 有 {mib} MiB，超过了 banzi 读取工作簿的上限 {max_mib} MiB",
        "`{path}` is {mib} MiB, more than the {max_mib} MiB banzi reads in a workbook";
    workbook_too_large_hint() =>
        "请确认导入的是正确的文件；若是，在 Excel/WPS 中把表另存为「CSV UTF-8 (逗号分隔)」后导入",
        "check that this is the right file; if it is, save the table from Excel or WPS as \"CSV UTF-8 (Comma delimited)\" and import that";
    workbook_other_format(path: impl std::fmt::Display, kind: &str) =>
        "`{path}` 是 .{kind} 格式的工作簿，banzi 只读取 .xlsx 工作簿",
        "`{path}` is a .{kind} workbook; banzi reads .xlsx workbooks";
    workbook_other_format_hint() =>
        "在 Excel 或 WPS 中打开它，另存为「Excel 工作簿 (*.xlsx)」后再导入",
        "open it in Excel or WPS, save it as \"Excel Workbook (*.xlsx)\", then import that";
    workbook_empty(path: impl std::fmt::Display) =>
        "`{path}` 是空文件（0 字节），不是工作簿", "`{path}` is empty (0 bytes), not a workbook";
    workbook_is_text(path: impl std::fmt::Display, named: &str) =>
        "`{path}` 是文本文件（可能是 CSV），不是 Excel/WPS 工作簿，虽然文件名是 .{named}",
        "`{path}` is a text file (CSV?), not an Excel/WPS workbook, though it is named .{named}";
    workbook_is_text_hint() =>
        "若它是 CSV，把文件改名为 .csv 后再导入；否则在 Excel/WPS 中打开它，另存为「Excel 工作簿 (*.xlsx)」后再导入",
        "if it is CSV, rename it to .csv and import it again; otherwise open it in Excel or WPS, save it as \"Excel Workbook (*.xlsx)\", then import that";
    workbook_unknown(path: impl std::fmt::Display) =>
        "`{path}` 既不是 Excel/WPS 工作簿，也不是文本",
        "`{path}` is neither an Excel/WPS workbook nor text";
    workbook_damaged(path: impl std::fmt::Display, cause: &str) =>
        "`{path}` 已损坏或不完整，无法作为工作簿读取（{cause}）",
        "`{path}` is damaged or incomplete, and cannot be read as a workbook ({cause})";
    workbook_damaged_hint() =>
        "重新复制或下载该文件（它可能没有传完整），或在 Excel/WPS 中打开它另存一份，再导入",
        "copy or download the file again (it may have been cut short), or open it in Excel or WPS and save it again, then import that";
    /// Why a workbook is damaged, when no reader said it in words.
    malformed_structure() => "文件内部的结构不合规范", "its inner structure is malformed";
    workbook_no_workbook(path: impl std::fmt::Display) =>
        "`{path}` 中没有工作簿（它是别的文件，如 Word 文档或文件压缩包？）",
        "`{path}` holds no workbook (is it another kind of file, such as a Word document or a zip of files?)";
    workbook_encrypted(path: impl std::fmt::Display) =>
        "`{path}` 设置了打开密码（已加密），banzi 无法读取",
        "`{path}` is protected by a password (encrypted), so banzi cannot read it";
    workbook_encrypted_hint() =>
        "在 Excel/WPS 中用密码打开它，取消密码（Excel：文件 → 信息 → 保护工作簿 → 用密码进行加密，清空密码；WPS：文件 → 文档加密 → 密码加密，清空密码），保存后再导入",
        "open it in Excel or WPS with its password, remove the password (Excel: File → Info → Protect Workbook → Encrypt with Password, and clear it; WPS: File → Document Encryption → Password Encryption, and clear it), save, then import it again";
    workbook_inflates(path: impl std::fmt::Display, part: &str, times: u64) =>
        "`{path}` 中的 `{part}` 解压后膨胀为 {times} 倍，远超任何真实的工作簿（是“压缩炸弹”吗？）",
        "`{part}` in `{path}` inflates {times} times, far more than in any real workbook (a zip bomb?)";
    workbook_part_too_large(path: impl std::fmt::Display, part: &str, mib: u64, max_mib: u64) =>
        "`{path}` 中的 `{part}` 解压后有 {mib} MiB，超过了上限 {max_mib} MiB",
        "`{part}` in `{path}` inflates to {mib} MiB, more than the {max_mib} MiB banzi reads";
    workbook_text_too_large(path: impl std::fmt::Display, max_mib: u64) =>
        "`{path}` 的单元格文字会超过 {max_mib} MiB，这是这样大小的文件可读的上限（是否有一段长文字被大量单元格重复引用？）",
        "the cells of `{path}` would hold more than {max_mib} MiB of text, the most banzi reads from a file of this size (is one long text repeated in very many cells?)";
    workbook_bomb_hint() =>
        "请确认导入的是正确的文件；若是，在 Excel/WPS 中打开它另存一份，再导入",
        "check that this is the right file; if it is, open it in Excel or WPS, save it again, and import that";
    sheet_too_large(path: impl std::fmt::Display, sheet: &str, rows: u64, columns: u64, max: u64) =>
        "`{path}` 的工作表 `{sheet}` 的单元格范围有 {rows} 行 × {columns} 列，超过了这样大小的文件可读的上限（{max} 个单元格）",
        "sheet `{sheet}` of `{path}` spans {rows} rows by {columns} columns, more cells than banzi reads from a file of this size ({max})";
    sheets_too_large(path: impl std::fmt::Display, cells: u64, max: u64) =>
        "`{path}` 的各工作表共有 {cells} 个单元格，超过了这样大小的文件可读的上限（{max} 个）",
        "the sheets of `{path}` span {cells} cells in all, more than banzi reads from a file of this size ({max})";
    sheet_too_large_hint() =>
        "删除表格以外零散的单元格（在 Excel/WPS 中按 Ctrl+End 可跳到最后一个使用的单元格），保存后再导入",
        "delete the stray cells outside the table (Ctrl+End in Excel or WPS goes to the last cell in use), save, then import again";
    sheet_twice(path: impl std::fmt::Display, sheet: &str) =>
        "`{path}` 中有不止一个工作表叫 `{sheet}`（Excel/WPS 不允许重名），无法确定读取哪一个",
        "`{path}` has more than one sheet called `{sheet}` (Excel and WPS never allow that), so which one to read is unclear";
    cell_too_long(chars: usize, max: usize) =>
        "单元格有 {chars} 个字符，超过了 Excel/WPS 单元格的上限 {max} 个：请检查填入的内容",
        "the cell holds {chars} characters, more than the {max} an Excel or WPS cell can hold: check what was put in it";
}

pub const HELP: &[Help] = &[];

pub const EXAMPLES: &[Example] = &[];
