//! `campaign.toml` and `banzi init`.

use super::help::{Example, Help, example_of, help};

super::catalogue! {
    /// Under every refusal of `campaign.toml`.
    hint() =>
        "请改正 `campaign.toml`；`banzi init` 生成的文件里每个键都有带注释的示例",
        "correct `campaign.toml`; `banzi init` writes a commented example of every key";
    invalid_settings(n: usize) =>
        "`campaign.toml` 中有 {n} 处设置无效", "`campaign.toml` has {n} invalid setting(s)";
    schema_unsupported(version: i64, supported: i64) =>
        "不支持第 {version} 版的格式；这个 banzi 读取第 {supported} 版",
        "schema version {version} is not supported; this banzi reads version {supported}";
    must_not_be_empty() => "不能为空", "must not be empty";
    implausible_year(n: i64, start: i64, end: i64) =>
        "{n} 不是合理的活动年度（{start}-{end}）", "{n} is not a plausible campaign year ({start}-{end})";
    bad_recipient() =>
        "不是有效的 age 公钥（应以 `age1pq` 开头）；请用 `banzi publicize keygen` 生成",
        "is not an age recipient (it starts with `age1pq`); make one with `banzi publicize keygen`";
    implausible_notice_days(n: i64, start: i64, end: i64) =>
        "{n} 不是合理的公示天数（工作日，{start}-{end}）",
        "{n} is not a plausible length of a public notice in working days ({start}-{end})";
    implausible_places(n: i64, start: i64, end: i64) =>
        "{n} 不是合理的名额数（{start}-{end}）", "{n} is not a plausible number of places ({start}-{end})";
    language_only_zh(language: &str) =>
        "文书只能用 `zh-CN` 生成，不能用 `{language}`",
        "documents can be written in `zh-CN` only, not `{language}`";
    criterion_needed() => "至少需要一项评价标准", "at least one criterion is needed";
    bad_code(code: &str) =>
        "`{code}` 不是有效的代码（只能用字母、数字、`-`、`_`）",
        "`{code}` is not a valid code (letters, digits, `-`, `_`)";
    criterion_twice(code: &str) => "评价标准 `{code}` 列了两次", "criterion `{code}` is listed twice";
    already_names(written: &str, code: &str) =>
        "`{written}` 已经是评价标准 `{code}` 的名称", "`{written}` already names criterion `{code}`";
    weight_outside(weight: f64) => "{weight} 不在 0-1 之间", "{weight} is outside 0-1";
    criteria_weights_sum(total: f64) =>
        "各项评价标准的权重之和为 {total}，不是 1", "the criteria's weights sum to {total}, not 1";
    weights_outside() => "每个权重都必须在 0-1 之间", "every weight must be within 0-1";
    weights_sum(total: f64) => "权重之和为 {total}，不是 1", "the weights sum to {total}, not 1";
    grade_needed() => "至少需要一个等次", "at least one grade is needed";
    grade_points_outside(grade: &str, points: f64) =>
        "等次 `{grade}` 的分值为 {points}，不在 0-100 之间",
        "grade `{grade}` has {points} points, outside 0-100";
    unknown_component(key: &str) =>
        "不认识的组成部分 `{key}`（应为 `inspection`、`democratic`、`annual`）",
        "unknown component `{key}` (expected inspection, democratic, annual)";
    unknown_method(written: &str, accepted: &str) =>
        "不认识的考察方式 `{written}`（应为其中之一：{accepted}）",
        "unknown method `{written}` (expected one of {accepted})";
    outside_0_100(value: f64) => "{value} 不在 0-100 之间", "{value} is outside 0-100";
    unknown_criterion(written: &str, accepted: &str) =>
        "不认识的评价标准 `{written}`（应为其中之一：{accepted}）",
        "unknown criterion `{written}` (expected one of {accepted})";
    two_floors(code: &str, first: &str, second: &str) =>
        "评价标准 `{code}` 设了两个最低分，分别写作 `{first}` 和 `{second}`",
        "criterion `{code}` has two floors, as `{first}` and as `{second}`";
    veto_not_setting() =>
        "一票否决是记入日志的决定，不是设置：请用 `banzi veto UNIT --reason \"…\" --basis \"…\"` 作出，并删除这一节",
        "a veto (一票否决) is a journaled decision, not a setting: make it with `banzi veto UNIT --reason \"…\" --basis \"…\"` and remove this block";
    not_annual_grade(grade: &str) =>
        "`{grade}` 不是 `scoring.annual_grades` 中的等次", "`{grade}` is not a grade of `scoring.annual_grades`";
    unknown_category(written: &str, accepted: &str) =>
        "不认识的单位类别 `{written}`（应为其中之一：{accepted}）",
        "unknown category `{written}` (expected one of {accepted})";
    two_quotas(key: &str, first: &str, second: &str) =>
        "类别 `{key}` 设了两个名额，分别写作 `{first}` 和 `{second}`",
        "category `{key}` has two quotas, as `{first}` and as `{second}`";
    share_range(share: f64) =>
        "比例 {share} 必须大于 0 且不超过 1", "share {share} must be over 0 and at most 1";
    count_or_share() =>
        "请写 `count = N` 或 `share = 0.3` 二者之一", "give either `count = N` or `share = 0.3`";
    /// `banzi init`'s journal summary.
    created(name: &str) => "新建评选活动：{name}", "campaign created: {name}";
    made(dir: impl std::fmt::Display, name: &str, file: impl std::fmt::Display) =>
        "已新建活动 `{dir}`（{name}），设置在 `{file}`",
        "made campaign `{dir}` ({name}); its settings are in {file}";
    next_units(dir: impl std::fmt::Display) =>
        "下一步：`cd {dir} && banzi units import UNITS.csv`",
        "next: cd {dir} && banzi units import UNITS.csv";
}

pub const HELP: &[Help] = &[
    help(
        "init",
        "新建一个活动文件夹，并写入带注释的 campaign.toml",
        "Make a new campaign directory with a commented campaign.toml",
    ),
    help(
        "init <dir>",
        "要新建的文件夹；它必须不存在或为空",
        "The directory to make; it must not exist or be empty",
    ),
    help(
        "init --name",
        "活动名称，如 2026年度争创“四强一硬”好班子活动",
        "The campaign's name, e.g. 2026年度争创“四强一硬”好班子活动",
    ),
    help("init --year", "活动年度", "The campaign's year"),
    help(
        "init --organizer",
        "活动的组织单位，负责提出名单",
        "Who organizes the campaign and proposes the lists",
    ),
    help(
        "init --approver",
        "审定最终名单的机关",
        "Who approves the final list",
    ),
];

pub const EXAMPLES: &[Example] = &[example_of(
    "init",
    &["banzi init 2026好班子 --name 2026年度争创“四强一硬”好班子活动 --year 2026"],
)];
