//! Step 3, the inspection records, inspectors, the analysis and flags, and `banzi inspect`.

use super::help::{Example, Help, example_of, help};

super::catalogue! {
    // Imports of per-unit results (`inspect::Changes`).

    /// After the first units named, when more differ.
    more_units(n: usize) => "，另有 {n} 个", " and {n} more";
    /// Units whose stored results differ from the file's; `what` names the results.
    already_have_differing(count: usize, what: &str, units: &str, more: &str) =>
        "{count} 个单位已有与本文件不同的{what}：{units}{more}",
        "{count} unit(s) already have {what} that differ from this file: {units}{more}";
    replace_hint() =>
        "如本文件是对其的更正，请加 `--replace` 重新导入；未导入任何内容",
        "if this file corrects them, import it again with `--replace`; nothing was imported";
    /// The journal summary's account of an import's changes.
    changes_summary(added: usize, replaced: usize, unchanged: usize) =>
        "新增 {added} 个，替换 {replaced} 个，未变 {unchanged} 个",
        "{added} added, {replaced} replaced, {unchanged} unchanged";
    /// The record an import replaced, after [`changes_summary`].
    replaces_record(record: &str, sha256: &str, seq: u64) =>
        "；替换 {record}（原 SHA-256 {sha256}，日志第 {seq} 条）",
        "; replaces {record} with SHA-256 {sha256} (entry #{seq})";

    // The inspectors' register.

    not_in_register(name: &str) =>
        "考察组成员 `{name}` 不在考察组成员名册中",
        "inspector `{name}` is not in the inspectors' register";
    must_withdraw(name: &str, unit: &str) =>
        "考察组成员 `{name}` 在单位 `{unit}` 工作，须回避对该单位的考察",
        "inspector `{name}` works in unit `{unit}` and must withdraw (回避) from inspecting it";
    empty_name() => "姓名为空", "empty name";
    inspector_twice(name: &str, first: usize) =>
        "`{name}` 出现两次（第一次在第 {first} 行）；同名者请加以区分，如 王五（组织部）",
        "`{name}` is listed twice (first on line {first}); tell namesakes apart, e.g. 王五（组织部）";
    unknown_home_unit(unit: &str) =>
        "未知单位 `{unit}`：请填写已登记的单位代码，或留空",
        "unknown unit `{unit}`: give a registered unit code, or leave it empty";
    no_inspectors() => "文件只有表头，没有考察组成员", "the file has a header but no inspectors";
    bad_rows(file: impl std::fmt::Display, n: usize) =>
        "`{file}` 有 {n} 行有误", "`{file}` has {n} bad row(s)";
    /// Journal summary.
    inspectors_imported(encoding: &str, n: usize) =>
        "已导入考察组成员名册（{encoding}）：共 {n} 人",
        "inspectors' register imported ({encoding}): {n} inspectors";
    register_no_change() =>
        "未改动：考察组成员名册已与本文件一致",
        "no change: the register already matches this file";
    header_name() => "姓名", "name";
    header_home_unit() => "所在单位", "home unit";
    inspectors_count(n: usize) => "共 {n} 名考察组成员", "{n} inspectors";

    // An inspection record.

    record_hint(unit: &str) =>
        "请修改文件后重新记录；`banzi inspect template {unit}` 可打印带注释的示例",
        "correct the file and record it again; `banzi inspect template {unit}` prints a commented example";
    unknown_method(method: &str, accepted: &str) =>
        "未知的考察方式 `{method}`（应为以下之一：{accepted}）",
        "unknown method `{method}` (expected one of {accepted})";
    date_after_today(date: impl std::fmt::Display, today: impl std::fmt::Display) =>
        "{date} 晚于今天（{today}）；考察活动进行后再记录",
        "{date} is after today ({today}); record an activity once it has happened";
    name_an_inspector() => "请至少填写一名考察组成员", "name at least one inspector";
    named_twice(name: &str) => "`{name}` 重复填写", "`{name}` is named twice";
    not_an_indicator(indicator: &str, unit: &str) =>
        "`{indicator}` 不是 `{unit}` 工作方案中的指标",
        "`{indicator}` is not an indicator of the plan of `{unit}`";
    verified_twice(indicator: &str, first: usize) =>
        "指标 `{indicator}` 核实了两次（第一次在第 {first} 行）",
        "indicator `{indicator}` is verified twice (first on line {first})";
    record_problems(file: impl std::fmt::Display, n: usize) =>
        "考察记录 `{file}` 有 {n} 处问题",
        "the inspection record `{file}` has {n} problem(s)";
    /// Journal summary of one activity recorded.
    inspection_recorded(unit: &str, method: &str, label: &str, date: impl std::fmt::Display) =>
        "已记录 {unit} 的考察：{label}（{method}），{date}",
        "inspection of {unit} recorded: {method} ({label}) on {date}";
    /// Journal summary of several records stored.
    records_stored(n: usize) => "已存储 {n} 份考察记录", "{n} inspection records stored";
    no_plan(unit: &str) => "单位 `{unit}` 没有工作方案", "unit `{unit}` has no plan";

    // The record template's comments.

    template_intro(unit_name: &str, code: &str) =>
        "# 考察记录：{unit_name}\n# 每次考察活动一个文件。填好后运行：banzi inspect record {code} 文件",
        "# 考察记录: {unit_name}\n# One file per inspection activity. Then run: banzi inspect record {code} FILE";
    template_inspectors() =>
        "# 例如 [\"王五\", \"赵六\"]；须在考察组成员名册中，且不是本单位人员",
        "# e.g. [\"王五\", \"赵六\"]; each in the inspectors' register, none from this unit";
    template_ratings() =>
        "# 每项评价内容 0-100 分：考察组根据本次考察作出的评价",
        "# 0-100 per criterion: the inspectors' judgement from this activity";
    template_rating(name: &str) =>
        "# {name}：填写 0-100 分，并删去行首的 #",
        "# {name}: fill in 0-100 and remove the leading #";
    template_checks() =>
        "# 对本单位自报指标的核实（可选；未核实的请删去）：",
        "# Checks of the unit's self-reported indicators (optional; delete those not checked):";

    // Recording and importing records.

    no_plan_yet(unit: &str) => "单位 `{unit}` 尚无工作方案", "unit `{unit}` has no plan yet";
    submit_plan_first(unit: &str) =>
        "请先运行 `banzi plan submit {unit} 文件`", "first run `banzi plan submit {unit} FILE`";
    recorded_as(summary: &str, path: &str, entry: &str) =>
        "{summary}，存为 {path}（{entry}）", "{summary} as {path} ({entry})";
    record_no_change(path: &str) =>
        "未改动：该记录已存为 {path}", "no change: this record is already stored as {path}";
    records_unchanged(n: usize) =>
        "未改动：{n} 份记录已按相同内容存储",
        "unchanged: {n} record(s) already stored with the same content";
    still_required(unit: &str, methods: &str) =>
        "{unit} 尚需：{methods}", "still required for {unit}: {methods}";
    /// Between methods named in a list.
    list_separator() => "、", ", ";

    // Imports of the annual assessment and the votes.

    what_annual() => "年度考核结果", "annual-assessment results";
    what_votes() => "民主测评票数", "vote tallies";
    import_counts(added: usize, replaced: usize, unchanged: usize) =>
        "新增 {added} 个单位，替换 {replaced} 个，未变 {unchanged} 个",
        "{added} units added, {replaced} replaced, {unchanged} unchanged";
    dry_run_report(what: &str, counts: &str) =>
        "试运行，未写入任何内容：{what}将{counts}",
        "dry run, nothing written: {what} would have {counts}";
    import_done(what: &str, counts: &str, entry: &str) =>
        "{what}：{counts}（{entry}）", "{what}: {counts} ({entry})";
    import_no_change(what: &str) =>
        "未改动：{what}已按本文件存储", "no change: the {what} are already stored as in this file";
    reading_votes() => "正在读取测评票", "reading votes";
    votes_read(n: u64) => "已读取 {n} 张测评票", "{n} votes read";
    unit_gap(unit: &str, words: &str) => "{unit}：{words}", "{unit}: {words}";

    // The comprehensive analysis (`inspect show`).

    analysis_title(name: &str, code: &str) =>
        "{name}（{code}）综合分析", "Comprehensive analysis (综合分析) of {name} ({code})";
    weights_line(inspection: f64, democratic: f64, annual: f64) =>
        "构成权重：考察 {inspection} ＋ 民主测评 {democratic} ＋ 年度考核 {annual}",
        "Component weights: inspection {inspection} + democratic evaluation {democratic} + annual assessment {annual}";
    rescaled(inspection: f64, annual: f64) =>
        "  本次未导入民主测评：考察 {inspection} 与年度考核 {annual} 按比例折算为合计 1（生成初步名单前须导入民主测评，或将其权重设为 0）",
        "  No votes imported: inspection {inspection} and annual assessment {annual} are rescaled to sum to 1 (import the votes, or set their weight to 0, before drawing the shortlist)";
    annual_line(grade: &str, points: f64, more: &str) =>
        "年度考核：{grade}，计 {points} 分{more}", "Annual assessment: {grade}, {points} points{more}";
    annual_score(score: f64) => "，考核得分 {score}", ", score {score}";
    annual_remarks(remarks: &str) => "，{remarks}", ", {remarks}";
    annual_not_imported() => "年度考核：尚未导入", "Annual assessment: not imported yet";
    header_criterion() => "评价内容", "criterion";
    header_weight() => "权重", "weight";
    header_inspection() => "考察", "inspection";
    header_democratic() => "民主测评", "democratic";
    header_annual() => "年度考核", "annual";
    header_combined() => "综合", "combined";
    combined_formula(inspection: f64, democratic: f64, annual: f64) =>
        "各项综合得分＝{inspection} × 考察 ＋ {democratic} × 民主测评 ＋ {annual} × 年度考核",
        "Combined score of each criterion = {inspection} × inspection + {democratic} × democratic + {annual} × annual";
    header_record() => "考察记录", "record";
    header_method() => "方式", "method";
    header_date() => "日期", "date";
    inspection_mean() =>
        "考察评分＝各次考察评分的平均值：", "Inspection score = the mean of the activities' ratings:";
    header_rater_group() => "测评主体", "rater group";
    vote_grade_header(name: &str, points: f64) => "{name}（{points}）", "{name} ({points})";
    header_abstentions() => "弃权", "abstentions";
    header_mean() => "平均", "mean";
    header_effective_weight() => "实际权重", "effective weight";
    democratic_line(criterion: &str, how: &str, value: &str) =>
        "民主测评（{criterion}）：{how}＝{value}", "Democratic evaluation ({criterion}): {how} = {value}";
    democratic_weighted() =>
        "Σ 实际权重 × 各测评主体平均分（权重按有投票的测评主体重新折算）",
        "Σ effective weight × each rater group's mean (weights rescaled over the groups that voted)";
    democratic_plain() => "全部有效票的平均分", "the mean of all valid votes";
    composite_line(terms: &str, value: &str) => "综合得分＝{terms}＝{value}", "Composite = {terms} = {value}";
    plus() => " ＋ ", " + ";
    missing_line(missing: &str) => "尚缺：{missing}", "Still missing: {missing}";
    missing_separator() => "；", "; ";
    missing_records(methods: &str) => "{methods}的考察记录", "inspection records for {methods}";
    missing_annual() => "年度考核结果", "the annual-assessment result";
    missing_votes() => "部分评价内容的民主测评", "democratic-evaluation votes for some criteria";
    /// A rater-group gap under the analysis.
    note(words: &str) => "注意：{words}", "Note: {words}";

    // Flags.

    inflation_finding(criterion: &str, own: &str, inspected: &str, over: &str) =>
        "{criterion}：自评{own}分，考察评分{inspected}分，高出{over}分",
        "{criterion}: self-rated {own}, inspection {inspected}, {over} higher";
    concealment_finding(indicator: &str, verified: &str) =>
        "指标{indicator}自报已完成，考察核实为{verified}",
        "indicator {indicator} reported done, verified {verified}";
    clearing_a_flag() => "排除疑点", "clearing a flag";
    no_such_flag(id: &str) => "没有疑点 `{id}`", "there is no flag `{id}`";
    flags_hint() =>
        "`banzi inspect flags` 列出各疑点及其编号", "`banzi inspect flags` lists the flags and their ids";
    already_cleared(id: &str, operator: &str, seq: u64) =>
        "疑点 `{id}` 已由{operator}排除（日志第 {seq} 条）",
        "flag `{id}` was already cleared by {operator} in entry #{seq}";
    /// Journal summary.
    flag_cleared(id: &str) => "已排除疑点 {id}", "flag {id} cleared";
    no_flags() => "没有疑点", "no flags";
    header_id() => "编号", "id";
    header_unit() => "单位", "unit";
    header_kind() => "类型", "kind";
    header_finding() => "疑点", "finding";
    header_sources() => "来源", "sources";
    header_state() => "状态", "state";
    kind_inflation() => "自夸（自评分偏高）", "self-inflation";
    kind_concealment() => "瞒报（指标未完成）", "concealment";
    cleared_state(reason: &str, operator: &str, seq: u64) =>
        "已排除：{reason}（{operator}，#{seq}）", "cleared: {reason} ({operator}, #{seq})";
    open_state() => "待核实", "to look into";
    flag_sources(self_source: &str, n: usize) =>
        "{self_source} ＋ {n} 条考察记录", "{self_source} + {n} inspection record(s)";
    flags_count(n: usize, open: usize) => "共 {n} 个疑点，{open} 个未排除", "{n} flags, {open} not cleared";
}

pub const HELP: &[Help] = &[
    help(
        "inspect",
        "第三步：组织考察结合年度考核，以及综合分析",
        "Step 3: inspection (组织考察) combined with the annual assessment, and the comprehensive analysis",
    ),
    help(
        "inspect import-assessment",
        "导入年度考核结果：列为 `单位代码`、`年度`、`等次`，以及可选的 `得分` 和 `备注`（也可用 `unit_code`、`year`、`grade`、`score`、`remarks`）",
        "Import annual-assessment results (年度考核): unit_code, year, grade, optional score and remarks (or 单位代码, 年度, 等次, 得分, 备注)",
    ),
    help(
        "inspect import-assessment <file>",
        "CSV 文件（UTF-8、带 BOM 的 UTF-8 或 GB18030），或 Excel/WPS 工作簿（`.xlsx`）",
        "The CSV file (UTF-8, UTF-8 with BOM or GB18030), or an Excel/WPS workbook (`.xlsx`)",
    ),
    help(
        "inspect import-assessment --sheet",
        "读取工作簿中名为 NAME 的工作表，而不是第一个工作表",
        "Read the sheet called NAME of a workbook, not its first sheet",
    ),
    help(
        "inspect import-assessment --dry-run",
        "只检查并报告将有哪些改动，不写入任何内容",
        "Validate and report what would change, but write nothing",
    ),
    help(
        "inspect import-assessment --replace",
        "用文件中的结果替换已存储的不同结果",
        "Replace stored results that differ from the file's",
    ),
    help(
        "inspect import-votes",
        "导入民主测评票，每张票一行：`单位代码`、`测评主体` 和每项评价内容的等次（如 `政治强`；也可用 `unit_code`、`rater_group`、`political` 等）；逐行读取，一遍读完",
        "Import democratic-evaluation votes (民主测评), one row per rater: unit_code, rater_group and a grade per criterion (or 单位代码, 测评主体, 政治强, …); read in one streaming pass",
    ),
    help(
        "inspect import-votes <file>",
        "CSV 文件（UTF-8、带 BOM 的 UTF-8 或 GB18030），或 Excel/WPS 工作簿（`.xlsx`）",
        "The CSV file (UTF-8, UTF-8 with BOM or GB18030), or an Excel/WPS workbook (`.xlsx`)",
    ),
    help(
        "inspect import-votes --sheet",
        "读取工作簿中名为 NAME 的工作表，而不是第一个工作表",
        "Read the sheet called NAME of a workbook, not its first sheet",
    ),
    help(
        "inspect import-votes --dry-run",
        "只检查并报告将有哪些改动，不写入任何内容",
        "Validate and report what would change, but write nothing",
    ),
    help(
        "inspect import-votes --replace",
        "用文件中的票数替换已存储的不同票数",
        "Replace stored results that differ from the file's",
    ),
    help(
        "inspect template",
        "打印某单位带注释的考察记录模板",
        "Print a commented inspection-record template for a unit",
    ),
    help("inspect template <unit>", "单位代码", "The unit's code"),
    help(
        "inspect record",
        "检查并存储一次考察活动（每种考察方式、每次考察一个文件）",
        "Validate and store one inspection activity (one file per method and visit)",
    ),
    help(
        "inspect record <unit>",
        "单位代码；文件中的 `unit` 须与之一致",
        "The unit's code; the file's `unit` key must match it",
    ),
    help(
        "inspect record <file>",
        "考察记录，TOML 文件（`banzi inspect template UNIT` 可打印模板），或填好的 Excel 表单（加 `--xlsx` 可生成一份）",
        "The record, a TOML file (`banzi inspect template UNIT` prints one) or a filled-in workbook form (`banzi inspect template UNIT --xlsx` makes one)",
    ),
    help(
        "inspect import",
        "一次检查并存储一个文件夹中的考察记录，每个文件写明其单位和考察方式；有一个文件有误则都不存储（跳过 Excel/WPS 的锁定文件）",
        "Validate and store a folder of inspection records at once, each file naming its unit and method; one bad file stores none (Excel/WPS lock files are skipped)",
    ),
    help(
        "inspect import <folder>",
        "存放考察记录（TOML 文件或填好的 Excel 表单）的文件夹",
        "The folder of records, TOML files or filled-in workbook forms",
    ),
    help(
        "inspect show",
        "显示某单位的综合分析：每项输入、权重和得分",
        "Show a unit's comprehensive analysis (综合分析): every input, weight and figure",
    ),
    help("inspect show <unit>", "单位代码", "The unit's code"),
    help(
        "inspect flags",
        "列出各单位自夸、瞒报的疑点",
        "List self-inflation and concealment flags (防止自夸、瞒报) across units",
    ),
    help(
        "inspect clear-flag",
        "核实后排除一个疑点，并写明理由",
        "Clear a flag after looking into it, with the reason",
    ),
    help(
        "inspect clear-flag <id>",
        "疑点编号，即 `banzi inspect flags` 列出的编号",
        "The flag's id, as `banzi inspect flags` lists it",
    ),
    help(
        "inspect clear-flag --reason",
        "排除疑点的理由，记入日志",
        "Why the flag is cleared, for the journal",
    ),
    help(
        "inspectors",
        "导入或列出考察组成员及其所在单位，用于回避",
        "Import or list the inspectors (考察组成员) and the units they work in, for recusal (回避)",
    ),
    help(
        "inspectors import",
        "导入考察组成员名册：CSV 文件，列为 `姓名`、`所在单位`（或 `name`、`home_unit`）；所在单位填单位代码或留空。导入会替换原名册；再次导入相同内容不作改动",
        "Import the register, a CSV with name, home_unit (or 姓名, 所在单位); home_unit is a unit code or empty. It replaces the register; the same content again changes nothing",
    ),
    help(
        "inspectors import <file>",
        "CSV 文件，或 Excel/WPS 工作簿（`.xlsx`）",
        "The CSV file, or an Excel/WPS workbook (`.xlsx`)",
    ),
    help(
        "inspectors import --sheet",
        "读取工作簿中名为 NAME 的工作表，而不是第一个工作表",
        "Read the sheet called NAME of a workbook, not its first sheet",
    ),
    help("inspectors list", "列出考察组成员", "List the inspectors"),
];

pub const EXAMPLES: &[Example] = &[
    example_of(
        "inspect",
        &[
            "banzi inspect record C01 inputs/inspections/C01-hearing.toml",
            "banzi inspect show C01",
        ],
    ),
    example_of(
        "inspect import-assessment",
        &[
            "banzi inspect import-assessment inputs/annual.csv --dry-run",
            "banzi inspect import-assessment inputs/annual.csv",
        ],
    ),
    example_of(
        "inspect import-votes",
        &[
            "banzi inspect import-votes inputs/votes.csv",
            "banzi inspect import-votes inputs/民主测评.xlsx --sheet 汇总",
        ],
    ),
    example_of(
        "inspect template",
        &[
            "banzi inspect template C01 > inputs/inspections/C01-talk.toml",
            "banzi inspect template C01 --xlsx",
        ],
    ),
    example_of(
        "inspect record",
        &["banzi inspect record C01 inputs/inspections/C01-talk.toml"],
    ),
    example_of(
        "inspect import",
        &["banzi inspect import inputs/inspections/"],
    ),
    example_of(
        "inspect show",
        &["banzi inspect show C01", "banzi inspect show C01 --json"],
    ),
    example_of("inspect flags", &["banzi inspect flags"]),
    example_of(
        "inspect clear-flag",
        &["banzi inspect clear-flag concealment-C04-P1 --reason \"经复核，佐证材料已补齐\""],
    ),
    example_of(
        "inspectors",
        &[
            "banzi inspectors import inputs/inspectors.csv",
            "banzi inspectors list",
        ],
    ),
    example_of(
        "inspectors import",
        &["banzi inspectors import inputs/inspectors.csv"],
    ),
    example_of("inspectors list", &["banzi inspectors list"]),
];
