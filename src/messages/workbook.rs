//! Lists exported as workbooks (`--xlsx FILE`): what banzi says about writing one, and the words
//! a workbook holds, which it gives in Chinese whatever the language in force, as documents do.

use super::help::{Help, help};

super::catalogue! {
    // Writing a workbook.
    not_xlsx(file: &str) => "`{file}` 不是 `.xlsx` 文件", "`{file}` is not an `.xlsx` file";
    not_xlsx_hint() =>
        "导出的工作簿须以 `.xlsx` 结尾，例如 `--xlsx 参评单位.xlsx`",
        "name the workbook with `.xlsx` at the end, e.g. `--xlsx units.xlsx`";
    inside_campaign(file: &str, root: &str) =>
        "`{file}` 位于活动目录 `{root}` 之内", "`{file}` lies inside the campaign `{root}`";
    inside_campaign_hint() =>
        "把工作簿写到活动目录之外；活动目录中只放 banzi 的记录",
        "write the workbook outside the campaign folder, which holds only banzi's records";
    cannot_write(file: &str, cause: &str) => "无法写入 `{file}`：{cause}", "cannot write `{file}`: {cause}";
    cannot_write_hint() =>
        "检查文件夹是否存在、能否写入，以及该文件是否正在 Excel 或 WPS 中打开",
        "check that the folder exists and can be written, and that the file is not open in Excel or WPS";
    wrote(file: &str, rows: usize) => "已写入 `{file}`（{rows} 行）", "wrote `{file}` ({rows} rows)";

    // The lists' titles, which are also their sheets' names.
    units_title() => "参评单位名册", "Register of units";
    shortlist_title(version: u32) => "初步名单（第{version}版）", "Preliminary list (version {version})";
    opinions_title() => "公示意见登记表", "Opinions on the notice";
    commend_title() => "表彰名单", "Final list";
    removed_title() => "移出名单的单位", "Units removed from the list";

    // Column headers not already in a list's own catalogue.
    column_code() => "单位代码", "Code";
    column_name() => "单位名称", "Unit";
    column_category() => "类别", "Category";
    column_annual_grade() => "年度考核等次", "Annual grade";
    column_computed_decision() => "按规则决定", "Decision by the rules";
    column_adjustment() => "调整", "Adjustment";
    column_tie() => "边界并列", "Tie at the edge";
    column_late() => "逾期", "Late";
    column_investigator() => "核查人", "Verified by";
    column_resolved_by() => "办结人", "Resolved by";
    column_resolved_on() => "办结日期", "Resolved on";
    column_publicity() => "公示情况", "On the notice";
    column_removed_because() => "移出理由", "Why removed";
    yes() => "是", "yes";
    no() => "否", "no";

    // The sheet that says where a list comes from (说明), its page header and footer.
    about_sheet() => "说明", "About";
    about_item() => "项目", "Item";
    about_value() => "内容", "Value";
    about_campaign() => "活动", "Campaign";
    about_command() => "导出命令", "Exported by";
    about_version() => "banzi 版本", "banzi version";
    about_head() => "日志头", "Journal head";
    about_head_time() => "日志头时间", "Time of the journal head";
    about_check() => "核对", "Check";
    about_check_how(head: &str) =>
        "运行 banzi verify --head {head} 可核对活动目录是否仍是导出时的状态",
        "banzi verify --head {head} checks that the campaign is still as it was exported";
    about_list() => "名单", "List";
    about_state() => "状态", "State";
    about_drawn() => "生成", "Drawn";
    about_stale() => "已过时", "Stale";
    about_notice() => "公示批次", "Notice";
    about_list_version() => "初步名单版本", "Preliminary list version";
    about_decision_no() => "决定文号", "Decision number";
    about_decision_date() => "成文日期", "Decision date";
    about_approver() => "批准机关", "Approved by";
    page_footer(version: &str, head: &str) => "banzi {version}　日志头 {head}", "banzi {version}, journal head {head}";
    page_number() => "第 &P 页，共 &N 页", "page &P of &N";
}

pub const HELP: &[Help] = &[
    help(
        "units list --xlsx",
        "把名册写入 Excel 工作簿（`.xlsx`）而不打印表格；表头与 `banzi units import` 所认的一致，可再导入",
        "Write the register to an Excel workbook (.xlsx) instead of printing the table, with the headers `banzi units import` reads, so that it can be imported again",
    ),
    help(
        "shortlist show --xlsx",
        "把名单写入 Excel 工作簿（`.xlsx`）而不打印表格：分数为数值，另附说明页（版本和日志头）；最新一版已过时则拒绝",
        "Write the list to an Excel workbook (.xlsx) instead of printing the tables: scores as numbers, with an About sheet (the version and journal head); refused while the latest version is stale",
    ),
    help(
        "publicize feedback list --xlsx",
        "把意见登记表写入 Excel 工作簿（`.xlsx`）而不打印表格；日期为日期，不含反映人",
        "Write the opinions to an Excel workbook (.xlsx) instead of printing the table; dates as dates, never the reporter",
    ),
    help(
        "commend show --xlsx",
        "把表彰名单写入 Excel 工作簿（`.xlsx`）而不打印表格，另附说明页（决定文号、版本和日志头）",
        "Write the final list to an Excel workbook (.xlsx) instead of printing the table, with an About sheet (decision number, versions and journal head)",
    ),
];
