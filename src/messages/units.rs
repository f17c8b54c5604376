//! The register of units, and `banzi units`.

use super::help::{Example, Help, example_of, help};

super::catalogue! {
    /// A unit code the commands name that is not registered, before any register was imported.
    no_units_yet(code: &str) =>
        "单位 `{code}` 未登记：本次活动还没有参评单位", "unit `{code}` is not registered: the campaign has no units yet";
    no_units_yet_hint() =>
        "请先导入参评单位名册：`banzi units import FILE`", "import the register first: `banzi units import FILE`";
    not_registered(code: &str) => "参评单位名册中没有单位 `{code}`", "unit `{code}` is not in the register";
    not_registered_hint() =>
        "`banzi units list` 可列出已登记的参评单位", "`banzi units list` shows the registered units";
    /// The journal's summary of an import of the register.
    imported(encoding: &str, added: usize, changed: usize, all: usize) =>
        "导入参评单位名册（{encoding}）：新增 {added} 个，变更 {changed} 个，共 {all} 个",
        "unit register imported ({encoding}): {added} added, {changed} changed, {all} in all";

    // The problems of a register file's rows.
    empty_code() => "单位代码为空", "empty unit code";
    bad_code(code: &str) =>
        "`{code}` 不是有效的单位代码：最多 32 个字母、数字、`-` 或 `_`，以字母或数字开头",
        "`{code}` is not a valid unit code: use up to 32 letters, digits, `-` or `_`, starting with a letter or digit";
    duplicate_code(code: &str, first: usize) =>
        "单位代码 `{code}` 重复（首次出现在第 {first} 行）", "duplicate code `{code}` (first on line {first})";
    code_differs_in_case(code: &str, first_code: &str, first: usize) =>
        "单位代码 `{code}` 与 `{first_code}`（第 {first} 行）只有大小写不同；Windows 和苹果系统的文件名不区分大小写",
        "code `{code}` differs from `{first_code}` (line {first}) only in case; file names on Windows and macOS ignore case";
    code_differs_from_registered(code: &str, registered: &str) =>
        "单位代码 `{code}` 与已登记的 `{registered}` 只有大小写不同；Windows 和苹果系统的文件名不区分大小写",
        "code `{code}` differs from the registered `{registered}` only in case; file names on Windows and macOS ignore case";
    unknown_category(category: &str, accepted: &str) =>
        "不认识的单位类别 `{category}`（可用：{accepted}）", "unknown category `{category}` (expected one of {accepted})";
    empty_cell() => "单元格为空", "empty cell";
    dash_is_no_name(dash: &str) =>
        "`{dash}` 不是姓名：每个参评单位都要有党委（党组）书记",
        "`{dash}` is no name: every unit needs its Party secretary (党委（党组）书记)";
    no_rows() => "文件只有表头，没有参评单位", "the file has a header but no units";
    bad_rows(file: &str, n: usize) => "`{file}` 有 {n} 行有误", "`{file}` has {n} bad row(s)";

    // What `banzi units import` and `banzi units list` say.
    dry_run(added: usize, added_codes: &str, changed: usize, changed_codes: &str) =>
        "试运行，未写入任何内容：将新增 {added} 个单位（{added_codes}），变更 {changed} 个（{changed_codes}）",
        "dry run, nothing written: {added} unit(s) would be added ({added_codes}), {changed} changed ({changed_codes})";
    no_change(file: &str) =>
        "没有改动：参评单位名册已与 `{file}` 一致", "no change: the register already matches `{file}`";
    added_and_changed(added: usize, changed: usize, entry: &str) =>
        "新增 {added} 个单位，变更 {changed} 个（{entry}）", "{added} units added, {changed} changed ({entry})";
    kept(n: usize, codes: &str) =>
        "注意：已登记的 {n} 个单位不在此文件中，已保留：{codes}",
        "note: {n} registered unit(s) are not in this file and were kept: {codes}";
    count(n: usize) => "共 {n} 个单位", "{n} units";
    header_code() => "代码", "code";
    header_name() => "单位名称", "name";
    header_category() => "类别", "category";
    header_party_head() => "党委（党组）书记", "Party secretary";
    header_government_head() => "行政主要负责人", "administrative head";

    // The categories, as tables show them.
    county() => "县级", "county";
    department() => "市委部门", "municipal Party department";
    municipal_unit() => "市直单位", "municipal unit";
}

pub const HELP: &[Help] = &[
    help(
        "units",
        "导入或列出参评单位（参评班子）",
        "Import or list the participating units (参评班子)",
    ),
    help(
        "units import",
        "导入参评单位名册 CSV：列为 `code`、`name`、`category`、`party_head`，可选 `government_head`（或 单位代码、单位名称、类别、党委（党组）书记、行政主要负责人）；编码为 UTF-8、带 BOM 的 UTF-8 或 GB18030。`government_head` 为空或为 `—` 表示该单位没有行政主要负责人。已登记的单位按文件更新，文件中没有的单位予以保留。",
        "Import a unit register CSV: code, name, category, party_head and an optional government_head (or 单位代码, 单位名称, 类别, 党委（党组）书记, 行政主要负责人); UTF-8, UTF-8 with BOM or GB18030. An empty or `—` government_head means the unit has none. Units already registered are updated; units not in the file are kept.",
    ),
    help(
        "units import <file>",
        "名册 CSV 文件，或 Excel/WPS 工作簿（`.xlsx`）",
        "The register as a CSV file, or an Excel/WPS workbook (`.xlsx`)",
    ),
    help(
        "units import --sheet",
        "读取工作簿中名为 NAME 的工作表，而不是第一个工作表",
        "Read the sheet called NAME of a workbook, not its first sheet",
    ),
    help(
        "units import --dry-run",
        "只检查文件并说明将有哪些改动，不写入任何内容",
        "Check the file and say what would change; write nothing",
    ),
    help(
        "units list",
        "列出已登记的参评单位",
        "List the registered units",
    ),
];

pub const EXAMPLES: &[Example] = &[
    example_of(
        "units",
        &["banzi units import inputs/units.csv", "banzi units list"],
    ),
    example_of(
        "units import",
        &[
            "banzi units import inputs/units.csv --dry-run",
            "banzi units import inputs/units.csv",
            "banzi units import inputs/单位名册.xlsx --sheet 2026年",
        ],
    ),
    example_of(
        "units list",
        &[
            "banzi units list",
            "banzi units list --json",
            "banzi units list --xlsx 单位名册.xlsx",
        ],
    ),
];
