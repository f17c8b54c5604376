//! Step 2, the self-assessments (自评报告), and `banzi self-assess`.

use super::help::{Example, Help, example_of, help};

super::catalogue! {
    // The problems of a self-assessment file.
    not_a_status(status: &str, accepted: &str) =>
        "`{status}` 不是有效的完成情况（可用：{accepted}）", "`{status}` is not a status (expected one of {accepted})";
    fix_and_submit(unit: &str) =>
        "请改正文件后重新提交；`banzi self-assess template {unit}` 可打印一份已填入工作方案指标的模板",
        "correct the file and submit it again; `banzi self-assess template {unit}` prints one pre-filled with the plan's indicators";
    missing_summary() => "缺少 `summary`：自评报告的总体情况", "missing `summary`: the self-assessment's narrative";
    not_an_indicator(id: &str, unit: &str) =>
        "`{id}` 不是 `{unit}` 工作方案中的指标", "`{id}` is not an indicator of the plan of `{unit}`";
    indicator_twice(id: &str, first: usize) =>
        "指标 `{id}` 出现了两次（首次出现在第 {first} 行）", "indicator `{id}` appears twice (first on line {first})";
    indicator_without_result(id: &str, goal: &str) =>
        "工作方案的指标 `{id}`（{goal}）没有完成情况；工作方案的每个指标都要出现一次",
        "plan indicator `{id}` ({goal}) has no result; every plan indicator must appear once";
    problems(file: &str, n: usize) =>
        "自评报告 `{file}` 有 {n} 处问题", "the self-assessment `{file}` has {n} problem(s)";
    no_plan(unit: &str) => "单位 `{unit}` 没有工作方案", "unit `{unit}` has no plan";

    // The comments of `banzi self-assess template`.
    template_guide(code: &str) =>
        "# 对照目标值逐项检查工作方案的每个指标，按每项评价内容给本单位打分（0-100），\n# 然后运行：banzi self-assess submit {code} FILE",
        "# Check every indicator of the plan against its target, rate the unit on each criterion\n# (0-100), then run: banzi self-assess submit {code} FILE";
    template_summary() =>
        "# 总体情况：做了哪些工作、取得的成效、存在的不足", "# 总体情况: what was done, results, shortcomings";
    template_ratings() => "# 每项评价内容打 0-100 分", "# 0-100 for each criterion";
    template_rating_blank(name: &str) =>
        "# {name}：填入 0-100 分，并删去行首的 #", "# {name}: fill in 0-100 and remove the leading #";
    template_indicator(criterion: &str, goal: &str, target: &str, owner: &str) =>
        "# {criterion} | 目标：{goal} | 目标值：{target} | 责任人：{owner}",
        "# {criterion} | 目标: {goal} | 目标值: {target} | 责任人: {owner}";
    template_evidence() => "# 佐证材料（可选）", "# 佐证材料 (optional)";

    // What `banzi self-assess` says.
    first_submit_plan(command: &str) => "请先运行 `{command}`", "first run `{command}`";
    no_self_assessment_yet(code: &str) =>
        "单位 `{code}` 还没有自评报告", "unit `{code}` has no self-assessment yet";
    no_self_assessment_yet_hint(code: &str) =>
        "用 `banzi self-assess submit {code} FILE` 提交一份", "submit one with `banzi self-assess submit {code} FILE`";
    not_current(state: &str, note: &str) =>
        "警告：此自评报告{state}（{note}）；使用前请重新提交",
        "warning: this self-assessment is {state} ({note}); submit it again before it is used";
}

pub const HELP: &[Help] = &[
    help(
        "self-assess",
        "第二步：各单位对照工作方案的指标逐项自查，并给本单位打分（自评报告）",
        "Step 2: each unit checks its plan's indicators and rates itself (自评报告)",
    ),
    help(
        "self-assess template",
        "打印某单位的自评报告模板，已填入其工作方案的指标",
        "Print a self-assessment template pre-filled with the unit's plan indicators",
    ),
    help("self-assess template <unit>", "单位代码", "The unit's code"),
    help(
        "self-assess submit",
        "检查并保存某单位的自评报告；该单位须已有工作方案",
        "Validate and store a unit's self-assessment; the unit needs a plan",
    ),
    help(
        "self-assess submit <unit>",
        "单位代码；文件中的 `unit` 必须与之相同",
        "The unit's code; the file's `unit` key must match it",
    ),
    help(
        "self-assess submit <file>",
        "自评报告，TOML 文件，或填好的 Excel 表单（`banzi self-assess template UNIT --xlsx` 可生成一份）",
        "The self-assessment, a TOML file or a filled-in workbook form (`banzi self-assess template UNIT --xlsx` makes one)",
    ),
    help(
        "self-assess import",
        "检查并保存一个文件夹中的全部自评报告（`*.toml` 文件和填好的 `*.xlsx` 表单）；有一个文件有误则全部不保存",
        "Validate and store every self-assessment in a folder (*.toml files and filled-in *.xlsx forms); one bad file stores none",
    ),
    help("self-assess import <folder>", "文件夹", "The folder"),
    help(
        "self-assess report",
        "以 Markdown 打印该单位的自评报告",
        "Print the unit's self-assessment report (自评报告) as Markdown",
    ),
    help("self-assess report <unit>", "单位代码", "The unit's code"),
];

pub const EXAMPLES: &[Example] = &[
    example_of(
        "self-assess",
        &[
            "banzi self-assess template C01 > self-assessments/C01.toml",
            "banzi self-assess submit C01 self-assessments/C01.toml",
        ],
    ),
    example_of(
        "self-assess template",
        &[
            "banzi self-assess template C01 > self-assessments/C01.toml",
            "banzi self-assess template C01 --xlsx",
        ],
    ),
    example_of(
        "self-assess submit",
        &["banzi self-assess submit C01 self-assessments/C01.toml"],
    ),
    example_of(
        "self-assess import",
        &["banzi self-assess import self-assessments/"],
    ),
    example_of(
        "self-assess report",
        &["banzi self-assess report C01 > C01-自评报告.md"],
    ),
];
