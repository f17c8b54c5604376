//! The workbook forms people fill in instead of TOML: plan, self-assessment and inspection.

use super::help::{Help, help};

super::catalogue! {
    // Writing a form.
    form_exists(file: &str) =>
        "`{file}` 已经存在，未写入表单", "`{file}` already exists; no form was written";
    form_exists_hint() =>
        "已有的文件可能是填好的表单，不会被覆盖：先把它移走，或用 `--out 文件` 另选一个文件名",
        "it may be a filled-in form, which is never overwritten: move it away, or choose another name with `--out FILE`";
    cannot_write(file: &str) => "无法写入 `{file}`", "cannot write `{file}`";
    cannot_make(cause: &str) => "无法生成表单：{cause}", "cannot make the form: {cause}";
    form_written(what: &str, unit: &str, file: &str, command: &str) =>
        "已把单位 `{unit}` 的{what}表单写入 `{file}`；填好后运行 `{command}`",
        "wrote the {what} form of `{unit}` to `{file}`; fill it in, then run `{command}`";

    // Reading a form: what makes it no form of this step and unit.
    not_a_form(file: &str) =>
        "`{file}` 不是 banzi 生成的表单（缺少隐藏的表单标记）",
        "`{file}` is not a form made by banzi (its hidden form mark is missing)";
    not_a_form_hint(command: &str) =>
        "用 `{command}` 生成表单，填好后再提交；也可以提交 TOML 文件",
        "make a form with `{command}`, fill it in and submit that; or submit a TOML file";
    form_of_other_step(file: &str, what: &str, unit: &str) =>
        "`{file}` 是单位 `{unit}` 的{what}表单", "`{file}` is the {what} form of unit `{unit}`";
    form_of_other_step_hint(command: &str) => "用 `{command}` 提交它", "submit it with `{command}`";
    form_of_other_unit(file: &str, form_unit: &str, unit: &str) =>
        "`{file}` 是单位 `{form_unit}` 的表单，不是 `{unit}` 的",
        "`{file}` is the form of unit `{form_unit}`, not of `{unit}`";
    form_of_other_unit_hint(command: &str) =>
        "检查单位代码，或提交该单位自己的表单（`{command}` 可生成一份）",
        "check the unit's code, or submit that unit's own form (`{command}` makes one)";
    other_layout(file: &str, version: &str) =>
        "`{file}` 的表格版式（`{version}`）不是这个版本的 banzi 所用的",
        "`{file}` has a form layout (`{version}`) this version of banzi does not read";
    form_unreadable(file: &str, n: usize) =>
        "表单 `{file}` 有 {n} 处无法读取", "{n} place(s) of the form `{file}` cannot be read";
    form_unreadable_hint(command: &str) =>
        "改正后重新提交；表格的结构不要改动（`{command}` 可重新生成一份）",
        "correct them and submit it again; keep the form's layout as it is (`{command}` makes a new one)";
    forms_unreadable(n: usize, folder: &str) =>
        "`{folder}` 中有 {n} 个表单无法读取；未保存任何内容",
        "{n} form(s) in `{folder}` cannot be read; nothing was stored";
    no_sheet(sheet: &str) => "缺少工作表 `{sheet}`", "there is no sheet `{sheet}`";
    no_row(label: &str) =>
        "A 列中找不到 `{label}` 这一行", "column A has no row `{label}`";
    no_column(label: &str) =>
        "第 1 行中找不到 `{label}` 这一列", "row 1 has no column `{label}`";

    // A cell whose value the step's record cannot hold.
    not_a_rating(text: &str) =>
        "`{text}` 不是评分：请填 0-100 之间的数", "`{text}` is not a rating: write a number from 0 to 100";
    id_twice(id: &str, first: &str) =>
        "指标编号 `{id}` 重复（首次出现在 {first} 单元格）", "indicator id `{id}` appears twice (first in cell {first})";
}

pub const HELP: &[Help] = &[
    help(
        "plan template --xlsx",
        "改为写出一份 Excel 表单（`UNIT-plan.xlsx`，带下拉列表和填写说明），供不熟悉 TOML 的人填写后提交；不会覆盖已有文件",
        "Write an Excel form instead (`UNIT-plan.xlsx`, with drop-down lists and notes) for people to fill in and submit; never overwrites a file",
    ),
    help(
        "plan template --out",
        "表单写到这个文件，而不是当前目录下的 `UNIT-plan.xlsx`（与 --xlsx 一起用）",
        "Write the form to this file instead of `UNIT-plan.xlsx` in the current directory (with --xlsx)",
    ),
    help(
        "self-assess template --xlsx",
        "改为写出一份 Excel 表单（`UNIT-self-assessment.xlsx`，已填入工作方案的指标，带下拉列表和填写说明）；不会覆盖已有文件",
        "Write an Excel form instead (`UNIT-self-assessment.xlsx`, pre-filled with the plan's indicators, with drop-down lists and notes); never overwrites a file",
    ),
    help(
        "self-assess template --out",
        "表单写到这个文件，而不是当前目录下的 `UNIT-self-assessment.xlsx`（与 --xlsx 一起用）",
        "Write the form to this file instead of `UNIT-self-assessment.xlsx` in the current directory (with --xlsx)",
    ),
    help(
        "inspect template --xlsx",
        "改为写出一份 Excel 表单（`UNIT-inspection.xlsx`，已填入工作方案的指标，带下拉列表和填写说明）；不会覆盖已有文件",
        "Write an Excel form instead (`UNIT-inspection.xlsx`, pre-filled with the plan's indicators, with drop-down lists and notes); never overwrites a file",
    ),
    help(
        "inspect template --out",
        "表单写到这个文件，而不是当前目录下的 `UNIT-inspection.xlsx`（与 --xlsx 一起用）",
        "Write the form to this file instead of `UNIT-inspection.xlsx` in the current directory (with --xlsx)",
    ),
];
