//! The command line's own words: usage errors, and what every submission command says.

use super::help::{Example, Help};

super::catalogue! {
    secret_usage_error() =>
        "命令行有误；因其中有反映人的姓名或联系方式，这里不复述原文",
        "the command line is wrong; its words are not repeated here, since it names a reporter";
    secret_usage_hint() =>
        "`banzi publicize feedback add --help` 列出各项的写法；姓名中有空格的，要加引号：`--reporter \"欧阳 某某\"`",
        "`banzi publicize feedback add --help` shows each option; quote a name with a space: `--reporter \"欧阳 某某\"`";
    unknown_argument(arg: &str) => "不认识的参数 `{arg}`", "unexpected argument `{arg}`";
    unknown_subcommand(name: &str) => "没有 `{name}` 这个命令", "unrecognized subcommand `{name}`";
    missing_arguments(args: &str) => "缺少必需的参数：{args}", "the following required arguments were not provided: {args}";
    missing_subcommand(command: &str, commands: &str) =>
        "`{command}` 后面需要一个子命令：{commands}", "`{command}` requires a subcommand: {commands}";
    missing_value(arg: &str) => "`{arg}` 需要一个值", "a value is required for `{arg}`";
    invalid_value(value: &str, arg: &str, values: &str) =>
        "`{arg}` 的值 `{value}` 无效；可选值：{values}", "invalid value `{value}` for `{arg}`; possible values: {values}";
    value_not_valid(value: &str, arg: &str, cause: &str) =>
        "`{arg}` 的值 `{value}` 无效（`{cause}`）", "invalid value `{value}` for `{arg}`: {cause}";
    conflicting_arguments(arg: &str, other: &str) =>
        "参数 `{arg}` 不能与 `{other}` 同时使用", "the argument `{arg}` cannot be used with `{other}`";
    too_many_values(value: &str, arg: &str) =>
        "`{arg}` 多出了值 `{value}`", "unexpected value `{value}` for `{arg}`";
    wrong_number_of_values(arg: &str) => "`{arg}` 的值个数不对", "wrong number of values for `{arg}`";
    needs_equals(arg: &str) => "`{arg}` 的值要用等号给出，如 `{arg}=值`", "`{arg}` needs its value after an equals sign";
    not_utf8() => "命令行含有不是 UTF-8 的字节", "the command line has bytes that are not UTF-8";
    /// A usage error clap reports that banzi has no sentence of its own for; clap's words follow.
    usage_other(cause: &str) => "命令行有误：{cause}", "the command line is wrong: {cause}";
    did_you_mean(similar: &str) => "提示：是不是要用 `{similar}`？", "tip: a similar one exists: `{similar}`";
    try_help() => "运行时加上 `--help` 可查看用法。", "For more information, try `--help`.";

    /// Between the items of a list in a sentence, such as unit codes.
    separator() => "、", ", ";
    // Reading the files named on the command line, and submitting units' records.
    check_file_name() => "请检查文件名", "check the file name";
    ignored_columns(file: &str, columns: &str) =>
        "`{file}` 中有 banzi 不用的列，未导入：`{columns}`",
        "`{file}` has column(s) banzi does not use, and they were not imported: `{columns}`";
    name_not_utf8() =>
        "文件名不是 UTF-8 文本：请改名，例如改为单位代码加 `.toml`",
        "its name is not UTF-8 text: rename it, e.g. to the unit's code and `.toml`";
    rename_to(name: &str) => "请改名为 `{name}`", "rename it to `{name}`";
    cannot_read_folder(folder: &str, cause: &str) =>
        "无法读取文件夹 `{folder}`：{cause}", "cannot read folder `{folder}`: {cause}";
    misnamed_files(n: usize, folder: &str) =>
        "`{folder}` 中有 {n} 个文件像是提交的材料，但因文件名不会被读取；未保存任何内容",
        "{n} file(s) in `{folder}` look like submissions but would not be read for their names; nothing was stored";
    rename_and_import_again() =>
        "请按上面所示改名，然后重新导入该文件夹", "rename the files as shown, then import the folder again";
    no_toml_files(folder: &str) =>
        "文件夹 `{folder}` 中没有 `.toml` 文件，也没有 `.xlsx` 表单",
        "folder `{folder}` has no .toml files and no .xlsx forms";
    not_submissions(folder: &str, files: &str) =>
        "`{folder}` 中有不是提交材料（`.toml` 文件或 `.xlsx` 表单）的文件，未读取：{files}",
        "`{folder}` has file(s) that are not submissions (.toml files or .xlsx forms) and were not read: {files}";
    unreadable_files(n: usize, folder: &str) =>
        "`{folder}` 中有 {n} 个文件无法读取；未保存任何内容",
        "{n} file(s) in `{folder}` cannot be read; nothing was stored";
    needs_unit_key() => "每个文件都要有 `unit = \"CODE\"` 一项", "every file needs a `unit = \"CODE\"` key";
    second_file(file: &str, unit: &str) =>
        "`{file}` 是单位 `{unit}` 的第二个文件", "`{file}` is a second file for unit `{unit}`";
    files_refused(count: usize, total: usize) =>
        "{total} 个文件中有 {count} 个无法提交；未保存任何内容",
        "{count} of {total} files cannot be submitted; nothing was stored";
    correct_and_submit_folder() =>
        "请改正上面列出的文件，然后重新提交该文件夹", "correct the files listed above and submit the folder again";
    /// The journal's summary of a submission, by step.
    plan_stored(unit: &str) => "已保存 {unit} 的工作方案", "plan of {unit} stored";
    plans_stored(n: usize) => "已保存 {n} 个单位的工作方案", "plans of {n} units stored";
    self_assessment_stored(unit: &str) => "已保存 {unit} 的自评报告", "self-assessment of {unit} stored";
    self_assessments_stored(n: usize) =>
        "已保存 {n} 个单位的自评报告", "self-assessments of {n} units stored";
    inspection_stored(unit: &str) => "已保存 {unit} 的考察记录", "inspection of {unit} stored";
    inspections_stored(n: usize) => "已保存 {n} 个单位的考察记录", "inspections of {n} units stored";
    record_stored(what: &str, unit: &str) => "已保存 {unit} 的{what}", "{what} of {unit} stored";
    records_stored(what: &str, n: usize) => "已保存 {n} 个单位的{what}", "{what}s of {n} units stored";
    /// A submission that stored nothing new for some units.
    plan_unchanged(units: &str) =>
        "没有改动：{units} 的工作方案已按相同内容保存过", "unchanged: the plan of {units} is already stored with the same content";
    self_assessment_unchanged(units: &str) =>
        "没有改动：{units} 的自评报告已按相同内容保存过",
        "unchanged: the self-assessment of {units} is already stored with the same content";
    inspection_unchanged(units: &str) =>
        "没有改动：{units} 的考察记录已按相同内容保存过",
        "unchanged: the inspection of {units} is already stored with the same content";
    record_unchanged(what: &str, units: &str) =>
        "没有改动：{units} 的{what}已按相同内容保存过",
        "unchanged: the {what} of {units} is already stored with the same content";
}

pub const HELP: &[Help] = &[];

pub const EXAMPLES: &[Example] = &[];
