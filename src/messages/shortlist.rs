//! Step 4, the preliminary list, and `banzi shortlist`.

use super::help::{Example, Help, example_of, help};
use super::pick;
use crate::shortlist::rules::Decision;
use crate::steps::{State, Step};
use crate::units::Category;

/// A decision in words, as tables and messages show it (`--json` keeps its key).
pub fn decision(decision: Decision) -> String {
    match decision {
        Decision::Included => decision_included(),
        Decision::Excluded => decision_excluded(),
        Decision::Withdrawn => decision_withdrawn(),
        Decision::Vetoed => decision_vetoed(),
        Decision::Disqualified => decision_disqualified(),
    }
}

/// A category in words.
pub fn category(category: Category) -> String {
    pick(
        || category.label().to_owned(),
        || {
            match category {
                Category::County => "counties",
                Category::Department => "Party departments",
                Category::MunicipalUnit => "municipal units",
            }
            .to_owned()
        },
    )
}

/// A step's record in words: its title in Chinese, its noun in English.
pub fn step(step: Step) -> String {
    pick(
        || step.def().title.to_owned(),
        || step.def().noun.to_owned(),
    )
}

/// A record's state in words.
pub fn state(state: Option<State>) -> String {
    match state {
        None => String::new(),
        Some(state) => pick(
            || {
                match state {
                    State::Missing => "缺失",
                    State::Done => "已完成",
                    State::Stale => "已重新打开",
                    State::Partial => "部分完成",
                }
                .to_owned()
            },
            || state.key().to_owned(),
        ),
    }
}

/// Codes in a list: backticked in Chinese, as they are; comma-separated in English.
pub fn codes(codes: &[String]) -> String {
    pick(
        || {
            codes
                .iter()
                .map(|c| format!("`{c}`"))
                .collect::<Vec<_>>()
                .join("、")
        },
        || codes.join(", "),
    )
}

/// The separator of a list of reasons or of changes.
pub fn separator() -> String {
    pick(|| "；".to_owned(), || "; ".to_owned())
}

super::catalogue! {
    decision_included() => "列入", "included";
    decision_excluded() => "不列入", "excluded";
    decision_withdrawn() => "退出参评", "withdrawn";
    decision_vetoed() => "一票否决", "vetoed";
    decision_disqualified() => "取消参评资格", "disqualified";
    drawn_disqualified(n: usize) => "取消参评资格 {n} 个", "{n} disqualified";
    explain_disqualified(reason: &str, attributed: &str) =>
        "取消参评资格：{reason}（{attributed}）", "Disqualified (取消参评资格): {reason} ({attributed})";
    explain_accountable(persons: &str) => "追究责任：{persons}", "Held accountable: {persons}";
    disqualified_not_adjusted(unit: &str, reason: &str, seq: u64) =>
        "单位 `{unit}` 已在日志第 {seq} 条被取消参评资格（{reason}），不能调整",
        "unit `{unit}` is disqualified ({reason}) in journal entry #{seq}; a disqualification cannot be adjusted";

    quota_count(n: u32) => "{n}个", "{n}";
    quota_share(percent: &str) => "按参评单位数的{percent}%（向下取整，至少1个）",
        "{percent}% of the participating units (rounded down, at least 1)";
    quota_unset() => "未设", "not set";

    // What a unit lacks before the list can be drawn.
    lacks_reopened(step: &str) => "其{step}记录已重新打开", "its {step} was reopened";
    lacks_records(step: &str, kinds: &str) => "缺少以下方式的{step}记录：{kinds}", "no {step} record for {kinds}";
    lacks_state(step: &str, state: &str) => "其{step}记录{state}", "its {step} is {state}";
    lacks_annual() => "没有年度考核结果", "no annual-assessment result";
    lacks_votes() => "部分评价内容没有民主测评票数", "no democratic-evaluation votes for some criteria";
    lacks_run(what: &str, command: &str) => "{what}；请运行 `{command}`", "{what}; run `{command}`";

    no_units() => "还没有参评单位，无法生成初步名单", "there are no units to draw a preliminary list of";
    no_units_hint() => "请先运行 `banzi units import UNITS.csv`", "first run `banzi units import UNITS.csv`";
    no_votes(weight: &str) =>
        "活动的评分方法中民主测评的权重为 {weight}，但尚未导入民主测评票数",
        "the campaign's method weighs the democratic evaluation (民主测评) at {weight}, but no votes are imported";
    no_votes_hint() =>
        "请用 `banzi inspect import-votes FILE` 导入票数；如本次活动不开展民主测评，请在 campaign.toml 的 [scoring.components] 中设 `democratic = 0`（其余权重之和为 1），使其余权重成为活动的评分方法",
        "import them with `banzi inspect import-votes FILE`, or, if this campaign has no democratic evaluation, set `democratic = 0` in [scoring.components] of campaign.toml (with the other weights summing to 1) so that the remaining weights are its stated method";
    not_ready(units: usize) =>
        "生成初步名单需要每个参评单位（一票否决的除外）都已完成组织考察并有年度考核结果；有 {units} 个单位尚未齐备",
        "the preliminary list needs every participating unit inspected and with its annual-assessment result, unless vetoed; {units} unit(s) are not ready";
    not_ready_hint() =>
        "请补齐所缺内容；不再参加活动的单位可用 `banzi withdraw UNIT --reason \"…\"` 退出参评",
        "supply what is missing, or withdraw a unit that takes no further part with `banzi withdraw UNIT --reason \"…\"`";
    /// The journal's summary of a new version.
    drawn(number: u32, included: usize, total: usize) =>
        "生成初步名单第{number}版：{total}个单位中列入{included}个",
        "preliminary list version {number} drawn: {included} of {total} units included";

    no_list() => "还没有初步名单", "there is no preliminary list yet";
    no_list_hint() => "请运行 `banzi shortlist` 生成", "run `banzi shortlist` to draw it";
    no_such_version(n: u32, count: usize) =>
        "初步名单没有第{n}版；共有{count}版", "there is no version {n} of the preliminary list; there are {count}";
    no_such_version_hint() => "`banzi shortlist show` 可查看最新一版", "`banzi shortlist show` shows the latest";

    // Why a version is stale.
    superseded(version: u32, latest: u32) => "第{version}版已被第{latest}版取代", "version {version} is superseded by version {latest}";
    in_entry(seq: u64) => "（日志第 {seq} 条）", " in entry #{seq}";
    the_settings() => "（活动设置）", " (the settings)";
    input_added(path: &str, entry: &str) => "`{path}` 为新增记录{entry}", "`{path}` was added{entry}";
    input_changed(path: &str, how: &str) => "`{path}` 已改动{how}", "`{path}` changed{how}";
    input_now(path: &str, state: &str, entry: &str) => "`{path}` 的状态已变为「{state}」{entry}", "`{path}` is now {state}{entry}";
    input_removed(path: &str) => "`{path}` 已删除", "`{path}` was removed";
    damaged(path: &str) => "`{path}` 已损坏", "`{path}` is damaged";
    damaged_hint() => "请运行 `banzi verify`；`banzi shortlist` 会生成新的一版", "run `banzi verify`; `banzi shortlist` stores a new version";

    // Adjustments.
    adjustment_noun() => "调整", "an adjustment";
    nothing_to_adjust() => "还没有可调整的初步名单", "there is no preliminary list to adjust yet";
    nothing_to_adjust_hint() => "请先运行 `banzi shortlist`", "first run `banzi shortlist`";
    withdrawn_not_adjusted(unit: &str, seq: u64, reason: &str) =>
        "单位 `{unit}` 已在日志第 {seq} 条退出参评（{reason}）；退出参评的单位不能调整",
        "unit `{unit}` was withdrawn in entry #{seq} ({reason}); a withdrawn unit cannot be adjusted";
    vetoed_not_adjusted(unit: &str, reason: &str, seq: u64) =>
        "单位 `{unit}` 已在日志第 {seq} 条被一票否决（{reason}）；一票否决不能调整",
        "unit `{unit}` is vetoed (一票否决: {reason}) in journal entry #{seq}; a veto cannot be adjusted";
    vetoed_not_adjusted_hint(unit: &str) =>
        "一票否决可用 `banzi veto {unit} --revoke --reason \"…\"` 撤销",
        "a veto is lifted with `banzi veto {unit} --revoke --reason \"…\"`";
    nothing_to_clear(unit: &str) => "单位 `{unit}` 没有可清除的调整", "unit `{unit}` has no adjustment to clear";
    already_adjusted(unit: &str, decision: &str, operator: &str, seq: u64, reason: &str) =>
        "单位 `{unit}` 已由 {operator} 在日志第 {seq} 条调整为{decision}：{reason}",
        "unit `{unit}` is already adjusted to {decision} by {operator} in entry #{seq}: {reason}";
    already_adjusted_hint(unit: &str) =>
        "如需更改理由，请先运行 `banzi shortlist adjust {unit} --clear --reason \"…\"`",
        "to change the reason, run `banzi shortlist adjust {unit} --clear --reason \"…\"` first";
    /// The journal's summary of a cleared adjustment.
    adjustment_cleared(unit: &str, decision: &str, operator: &str, seq: u64) =>
        "清除 {unit} 的调整：原由{operator}于日志第 {seq} 条调整为{decision}",
        "adjustment of {unit} cleared (was {decision} by {operator}, #{seq})";
    /// The journal's summary of an adjustment.
    adjusted(unit: &str, decision: &str) =>
        "初步名单中 {unit} 调整为{decision}", "{unit} adjusted to {decision} on the preliminary list";
    adjusted_stale() =>
        "初步名单已过时；请运行 `banzi shortlist` 生成包含此调整的新版本",
        "the preliminary list is now stale; run `banzi shortlist` to draw a new version with it";
    override_attributed(reason: &str, operator: &str, time: &str, seq: u64) =>
        "{reason}（{operator}，{time}，#{seq}）", "{reason} ({operator}, {time}, #{seq})";
    /// A unit's reason: the department's adjustment.
    reason_adjusted(decision: &str, attributed: &str, applied: &str) =>
        "组织部调整为{decision}：{attributed}{applied}", "adjusted by the department to {decision}: {attributed}{applied}";
    reason_not_applied() => "（退出参评或一票否决的单位不适用）", " (not applied to a withdrawn or vetoed unit)";
    reason_with_ruling(check: &str, attributed: &str) => "{check}（{attributed}）", "{check} ({attributed})";

    // The rules' checks in words.
    check_withdrawn(reason: &str) => "退出参评：{reason}", "withdrawn: {reason}";
    check_veto(reason: &str) => "一票否决：{reason}", "vetoed (一票否决): {reason}";
    check_disqualified(reason: &str) => "取消参评资格：{reason}", "disqualified (取消参评资格): {reason}";
    check_no_composite() => "综合得分缺失：综合分析不完整", "no composite: the comprehensive analysis is incomplete";
    check_composite(composite: &str, meets: &str, minimum: &str) =>
        "综合得分 {composite}，{meets}最低分 {minimum}", "composite {composite}, {meets} the minimum {minimum}";
    check_floor(criterion: &str, combined: &str, meets: &str, floor: &str) =>
        "{criterion} {combined}，{meets}单项最低分 {floor}", "{criterion} {combined}, {meets} the criterion floor {floor}";
    meets() => "不低于", "not below";
    below() => "低于", "below";
    check_no_grade(minimum: &str) => "无年度考核结果，须达到「{minimum}」", "no annual-assessment result; 「{minimum}」 is required";
    check_grade(grade: &str, meets: &str, minimum: &str) =>
        "年度考核「{grade}」，{meets}「{minimum}」", "annual assessment 「{grade}」, {meets} 「{minimum}」";
    check_no_flags() => "无未排除的疑点", "no uncleared flags";
    check_flags(flags: &str, blocking: &str) => "未排除的疑点：{flags}{blocking}", "uncleared flags: {flags}{blocking}";
    flags_not_blocking() => "（按规则不影响列入）", " (by the rules they do not keep the unit off the list)";
    check_quota(category: &str, passing: usize, rank: usize, places: usize, within: &str) =>
        "{category}达标{passing}个中排第{rank}，名额{places}个，{within}",
        "{category}: ranked {rank} of {passing} passing, {places} places, {within}";
    within_quota() => "在名额内", "within the quota";
    outside_quota() => "在名额外", "outside the quota";
    tie_by_inspection(inspection: &str, across: &str, across_inspection: &str) =>
        "按考察部分决定先后：本单位 {inspection}，{across} {across_inspection}",
        "ordered by the inspection part: this unit {inspection}, {across} {across_inspection}";
    tie_by_democratic(inspection: &str, democratic: &str, across: &str, across_democratic: &str) =>
        "考察部分相同（{inspection}），按民主测评部分决定先后：本单位 {democratic}，{across} {across_democratic}",
        "the same inspection part ({inspection}), ordered by the democratic part: this unit {democratic}, {across} {across_democratic}";
    tie_by_code(across: &str, inspection: &str, democratic: &str) =>
        "与 {across} 的考察部分（{inspection}）和民主测评部分（{democratic}）均相同，按单位代码决定先后",
        "the same inspection part ({inspection}) and democratic part ({democratic}) as {across}, ordered by the unit code";
    check_tie(composite: &str, tied_with: &str, how: &str) =>
        "综合得分 {composite} 与 {tied_with} 在名额边界并列，{how}",
        "composite {composite} tied with {tied_with} at the edge of the quota; {how}";

    // `banzi shortlist`.
    no_change(version: u32, seq: u64) =>
        "没有变化：自第{version}版（日志第 {seq} 条）以来，初步名单所据的记录都没有改动；该版仍是最新的",
        "no change: nothing the list is drawn from changed since version {version} (journal entry #{seq}); it is current";
    drawn_counts(summary: &str, seq: u64, included: usize, excluded: usize, withdrawn: usize, vetoed: usize) =>
        "{summary}（日志第 {seq} 条）；列入 {included} 个，不列入 {excluded} 个，退出参评 {withdrawn} 个，一票否决 {vetoed} 个",
        "{summary} (journal entry #{seq}): {included} included, {excluded} excluded, {withdrawn} withdrawn, {vetoed} vetoed";
    changed_since(unit: &str, before: &str, after: &str, version: u32) =>
        "  {unit}：{before} → {after}（与第{version}版相比）", "  {unit}: {before} → {after} since version {version}";
    tie_warning(units: &str) =>
        "{units} 的综合得分在名额边界并列；`banzi shortlist explain UNIT` 可查看如何决定先后",
        "{units} tie on the composite at the edge of the quota; `banzi shortlist explain UNIT` shows how it was broken";
    show_hint() => "`banzi shortlist show` 可查看名单", "`banzi shortlist show` shows the list";

    // `banzi shortlist show`.
    show_title(version: u32, time: &str, operator: &str, seq: u64) =>
        "初步名单 第{version}版 · {time} · {operator} · 日志第 {seq} 条",
        "Preliminary list version {version} · {time} · {operator} · journal entry #{seq}";
    show_category(category: &str, participating: usize, quota: &str, places: usize, passing: usize, included: usize) =>
        "{category}：参评{participating}个，名额{quota}，计{places}个；达标{passing}个，按规则列入{included}个",
        "{category}: {participating} participating, quota {quota}, {places} places; {passing} passing, {included} included by the rules";
    header_rank() => "排名", "Rank";
    header_unit() => "单位", "Unit";
    header_name() => "名称", "Name";
    header_composite() => "综合得分", "Composite";
    header_decision() => "决定", "Decision";
    header_reasons() => "理由", "Reasons";
    cell_adjusted(computed: &str) => "（调整；按规则为{computed}）", " (adjusted; by the rules {computed})";
    cell_tie() => "（边界并列）", " (tie at the edge)";
    stale_warning(version: u32, why: &str) =>
        "第{version}版已过时：{why}；请运行 `banzi shortlist` 生成新的一版",
        "version {version} is stale: {why}; run `banzi shortlist` to draw a new version";
    stale_refused(version: u32, why: &str) =>
        "初步名单第{version}版已过时：{why}", "version {version} of the preliminary list is stale: {why}";
    stale_refused_hint(version: u32) =>
        "请运行 `banzi shortlist` 生成新的一版，或加 `--version {version}` 按原样打印该版",
        "run `banzi shortlist` to draw a new version, or pass `--version {version}` to print this one as it was";

    // `banzi shortlist explain`.
    not_on_version(unit: &str, version: u32) =>
        "单位 `{unit}` 不在初步名单第{version}版中；它是在该版生成后登记的",
        "unit `{unit}` is not on version {version} of the preliminary list; it was registered after";
    not_on_version_hint() => "请运行 `banzi shortlist` 生成新的一版", "run `banzi shortlist` to draw a new version";
    explain_title(unit: &str, name: &str, category: &str, version: u32) =>
        "{unit} {name}（{category}）· 初步名单 第{version}版", "{unit} {name} ({category}) · preliminary list version {version}";
    explain_decision(decision: &str) => "决定：{decision}", "Decision: {decision}";
    explain_adjusted(decision: &str, operator: &str, time: &str, seq: u64, reason: &str, computed: &str) =>
        "（组织部调整为{decision}，{operator}，{time}，日志第 {seq} 条：{reason}；按规则为{computed}）",
        " (adjusted by the department to {decision}, {operator}, {time}, #{seq}: {reason}; by the rules {computed})";
    explain_vote_gap(gap: &str) => "民主测评：{gap}", "Democratic evaluation: {gap}";
    explain_withdrawn(reason: &str, attributed: &str) => "退出参评：{reason}（{attributed}）", "Withdrawn: {reason} ({attributed})";
    explain_vetoed(reason: &str, attributed: &str) => "一票否决：{reason}（{attributed}）", "Vetoed (一票否决): {reason} ({attributed})";
    explain_composite(composite: &str, inspection: &str, democratic: &str, annual: &str) =>
        "综合得分 {composite} = 考察部分 {inspection} + 民主测评部分 {democratic} + 年度考核部分 {annual}",
        "Composite {composite} = inspection part {inspection} + democratic part {democratic} + annual part {annual}";
    explain_criteria(criteria: &str) => "各项综合得分：{criteria}", "Criteria: {criteria}";
    criteria_separator() => "，", ", ";
    explain_rules() => "规则：", "Rules:";
    explain_ordering() =>
        "排序：综合得分（保留两位小数比较）从高到低；相同时依次比较考察部分、民主测评部分，再按单位代码",
        "Ordering: by composite (compared to two decimals), highest first; on a tie by the inspection part, then the democratic part, then the unit code";

    // `banzi shortlist versions`.
    header_version() => "版本", "Version";
    header_time() => "时间", "Time";
    header_operator() => "经办人", "Operator";
    header_entry() => "日志", "Entry";
    header_included() => "列入", "Included";
    header_state() => "状态", "State";
    version_current() => "最新", "current";
    version_stale() => "已过时", "stale";
    version_superseded() => "已被取代", "superseded";
}

pub const HELP: &[Help] = &[
    help(
        "shortlist",
        "第四步：根据综合分析生成初步名单并存为新的一版；子命令用于查看、调整、说明和打印名单",
        "Step 4: draw the preliminary list (初步名单) from the comprehensive analysis and store it as a new version; its subcommands show, adjust, explain and print it",
    ),
    help(
        "shortlist show",
        "查看名单：排名、单位、类别、综合得分、各项得分、决定和理由",
        "Show the list: rank, unit, category, composite, every criterion, decision and reasons",
    ),
    help(
        "shortlist show --version",
        "已存版本的版号［默认：最新一版］",
        "A stored version's number [default: the latest]",
    ),
    help(
        "shortlist show --csv",
        "打印带中文表头的 CSV（UTF-8 带 BOM，供 Excel 和 WPS 使用）",
        "Print CSV with Chinese headers (UTF-8 with BOM, for Excel and WPS)",
    ),
    help(
        "shortlist adjust",
        "在规则之上记录组织部对某单位的决定，或清除该决定",
        "Record the department's decision on a unit on top of the rules, or clear it",
    ),
    help("shortlist adjust <unit>", "单位代码", "The unit's code"),
    help(
        "shortlist adjust --include",
        "不论规则如何决定，都列入该单位",
        "Include the unit whatever the rules decided",
    ),
    help(
        "shortlist adjust --exclude",
        "不论规则如何决定，都不列入该单位",
        "Exclude the unit whatever the rules decided",
    ),
    help(
        "shortlist adjust --clear",
        "清除该单位的调整",
        "Remove the unit's adjustment",
    ),
    help(
        "shortlist adjust --reason",
        "理由，显示在名单上并记入日志",
        "Why, shown on the list and kept in the journal",
    ),
    help(
        "shortlist explain",
        "列出对某单位适用的每条规则及其所用分数",
        "Every rule applied to a unit, with the figures it used",
    ),
    help("shortlist explain <unit>", "单位代码", "The unit's code"),
    help(
        "shortlist explain --version",
        "已存版本的版号［默认：最新一版］",
        "A stored version's number [default: the latest]",
    ),
    help(
        "shortlist document",
        "以 Markdown 打印拟定的初步名单，供领导审阅",
        "Print the proposed preliminary list for the leadership's review, as Markdown",
    ),
    help(
        "shortlist document --pdf",
        "排成 PDF（按 GB/T 9704 版式）写到标准输出，请重定向到文件",
        "Typeset it as PDF (GB/T 9704) to stdout: redirect it to a file",
    ),
    help(
        "shortlist document --version",
        "已存版本的版号［默认：最新一版］",
        "A stored version's number [default: the latest]",
    ),
    help(
        "shortlist versions",
        "列出已存的各版",
        "List the stored versions",
    ),
];

pub const EXAMPLES: &[Example] = &[
    example_of("shortlist", &["banzi shortlist", "banzi shortlist show"]),
    example_of(
        "shortlist show",
        &[
            "banzi shortlist show",
            "banzi shortlist show --version 1 --csv > 初步名单.csv",
            "banzi shortlist show --xlsx 初步名单.xlsx",
        ],
    ),
    example_of(
        "shortlist adjust",
        &[
            "banzi shortlist adjust C03 --include --reason \"市委常委会研究决定\"",
            "banzi shortlist adjust C03 --clear --reason \"撤回调整\"",
        ],
    ),
    example_of("shortlist explain", &["banzi shortlist explain C03"]),
    example_of(
        "shortlist document",
        &[
            "banzi shortlist document > 初步名单.md",
            "banzi shortlist document --pdf > 初步名单.pdf",
        ],
    ),
    example_of("shortlist versions", &["banzi shortlist versions"]),
];
