//! Step 1, the work plans (工作方案), and `banzi plan`.

use super::help::{Example, Help, example_of, help};

super::catalogue! {
    // The problems of a plan file, and those a self-assessment shares with it.
    wrong_unit(written: &str, unit: &str) =>
        "此文件属于单位 `{written}`，但命令指定的是单位 `{unit}`",
        "this file is for unit `{written}`, but the command names unit `{unit}`";
    must_not_be_empty() => "不能为空", "must not be empty";
    fix_and_submit(unit: &str) =>
        "请改正文件后重新提交；`banzi plan template {unit}` 可打印一份带注释的示例",
        "correct the file and submit it again; `banzi plan template {unit}` prints a commented example";
    duplicate_indicator(id: &str, first: usize) =>
        "指标编号 `{id}` 重复（首次出现在第 {first} 行）", "duplicate indicator id `{id}` (first on line {first})";
    unknown_criterion(criterion: &str, accepted: &str) =>
        "不认识的评价内容 `{criterion}`（可用：{accepted}）", "unknown criterion `{criterion}` (expected one of {accepted})";
    criterion_without_indicator(code: &str, name: &str) =>
        "评价内容 `{code}`（{name}）没有工作指标；每项评价内容至少要有一个",
        "criterion `{code}` ({name}) has no indicator; every criterion needs at least one";
    problems(file: &str, n: usize) => "工作方案 `{file}` 有 {n} 处问题", "the plan `{file}` has {n} problem(s)";

    // The comments of `banzi plan template`.
    template_guide(code: &str) =>
        "# 每个可衡量的工作指标写一个 [[indicator]] 块；每项评价内容至少要有一个。复制一个块\n# 即可增加指标。填好后运行：banzi plan submit {code} FILE",
        "# One [[indicator]] block per measurable indicator (工作指标); every criterion needs at\n# least one. Copy a block to add more. Then run: banzi plan submit {code} FILE";
    template_id() => "# 在本方案内不得重复", "# unique within the plan";
    template_goal() => "# 工作目标，如 理论学习中心组学习不少于12次", "# 工作目标, e.g. 理论学习中心组学习不少于12次";
    template_target() => "# 目标值，如 12次", "# 目标值, e.g. 12次";
    template_owner() => "# 责任人", "# 责任人";
    template_due() => "# 完成时限（可选）", "# 完成时限 (optional)";

    // What `banzi plan show` says.
    no_plan_yet(code: &str) => "单位 `{code}` 还没有工作方案", "unit `{code}` has no plan yet";
    no_plan_yet_hint(code: &str) =>
        "`banzi plan template {code}` 可打印一份待填写的工作方案", "`banzi plan template {code}` prints one to fill in";
    heading(name: &str, code: &str, title: &str) => "{name}（{code}）工作方案{title}", "{name} ({code}) work plan{title}";
    heading_title(title: &str) => "：{title}", ": {title}";
    state_line(state: &str, entry: &str) => "状态：{state}（{entry}）", "state: {state} ({entry})";
    header_id() => "编号", "id";
    header_criterion() => "评价内容", "criterion";
    header_goal() => "工作目标", "goal";
    header_target() => "目标值", "target";
    header_owner() => "责任人", "owner";
    header_due() => "完成时限", "due";

    // The state of a unit's record, as people read it.
    state_missing() => "未提交", "missing";
    state_done() => "已完成", "done";
    state_stale() => "待重做", "stale";
    state_partial() => "部分完成", "partial";
}

pub const HELP: &[Help] = &[
    help(
        "plan",
        "第一步：各单位制定工作方案，列出可衡量的工作指标",
        "Step 1: each unit's work plan (制定方案) with measurable indicators",
    ),
    help(
        "plan template",
        "打印某单位带注释的工作方案模板，供填写后提交",
        "Print a commented plan template for a unit, to fill in and submit",
    ),
    help("plan template <unit>", "单位代码", "The unit's code"),
    help(
        "plan submit",
        "检查并保存某单位的工作方案；在自评之前可以替换",
        "Validate and store a unit's plan; a plan can be replaced until it is self-assessed",
    ),
    help(
        "plan submit <unit>",
        "单位代码；文件中的 `unit` 必须与之相同",
        "The unit's code; the file's `unit` key must match it",
    ),
    help(
        "plan submit <file>",
        "工作方案，TOML 文件（`banzi plan template UNIT` 可打印一份），或填好的 Excel 表单（`banzi plan template UNIT --xlsx` 可生成一份）",
        "The plan, a TOML file (`banzi plan template UNIT` prints one) or a filled-in workbook form (`banzi plan template UNIT --xlsx` makes one)",
    ),
    help(
        "plan import",
        "检查并保存一个文件夹中的全部工作方案（`*.toml`，单位按各文件的 `unit` 确定；以及填好的 `*.xlsx` 表单）；有一个文件有误则全部不保存（跳过 Excel/WPS 的锁定文件）",
        "Validate and store every plan in a folder (*.toml, the unit from each file's `unit` key, and filled-in *.xlsx forms); one bad file stores none (Excel/WPS lock files are skipped)",
    ),
    help("plan import <folder>", "文件夹", "The folder"),
    help(
        "plan show",
        "显示某单位已保存的工作方案",
        "Show a unit's stored plan",
    ),
    help("plan show <unit>", "单位代码", "The unit's code"),
    help(
        "plan show --toml",
        "按提交时的原样打印已保存的 TOML 记录，例如用于修改后重新提交",
        "Print the stored TOML record as submitted, e.g. to edit and resubmit it",
    ),
];

pub const EXAMPLES: &[Example] = &[
    example_of(
        "plan",
        &[
            "banzi plan template C01 > plans/C01.toml",
            "banzi plan submit C01 plans/C01.toml",
        ],
    ),
    example_of(
        "plan template",
        &[
            "banzi plan template C01 > plans/C01.toml",
            "banzi plan template C01 --xlsx --out plans/C01-plan.xlsx",
        ],
    ),
    example_of("plan submit", &["banzi plan submit C01 plans/C01.toml"]),
    example_of("plan import", &["banzi plan import plans/"]),
    example_of(
        "plan show",
        &[
            "banzi plan show C01",
            "banzi plan show C01 --toml > plans/C01.toml",
        ],
    ),
];
