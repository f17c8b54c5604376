//! `banzi reopen`: sending a step back to be done again.

use super::help::{Example, Help, example_of, help};

super::catalogue! {
    needs_unit(step: &str) =>
        "重新打开 `{step}` 要用 `--unit UNIT` 指明单位", "reopening `{step}` needs the unit, with `--unit UNIT`";
    no_unit(step: &str) =>
        "`{step}` 是全活动的步骤，不用 `--unit`", "`{step}` is a step of the whole campaign: it takes no `--unit`";
    /// The change a reason is for, in "… needs a reason".
    a_reopening() => "重新打开", "a reopening";
    nothing_to_reopen(unit: &str, step: &str) =>
        "单位 `{unit}` 没有可重新打开的{step}", "unit `{unit}` has no {step} to reopen";
    submit_one(command: &str) => "先用 `{command}` 提交一份", "submit one with `{command}`";
    already_open(step: &str, unit: &str) =>
        "单位 `{unit}` 的{step}已经重新打开，正待更正", "the {step} of unit `{unit}` is already open for correction";
    submit_corrected(command: &str) => "用 `{command}` 提交更正后的版本", "submit the corrected one with `{command}`";
    /// The journal's summary of a reopening.
    reopened(step: &str, unit: &str) => "{unit} 的{step}已重新打开", "{step} of {unit} reopened";
    now_stale(steps: &str) => "；随之待重做：{steps}", "; now stale: {steps}";
    /// Between the steps that became stale.
    separator() => "、", ", ";
    next(command: &str) => "下一步：{command}", "next: {command}";
}

pub const HELP: &[Help] = &[
    help(
        "reopen",
        "重新打开某单位的一个步骤以便更正；以它为基础的步骤随之待重做。不删除任何内容。",
        "Reopen a unit's step for correction; what built on it becomes stale and must be redone. Nothing is deleted.",
    ),
    help("reopen <step>", "要重新打开的步骤", "The step"),
    help(
        "reopen --unit",
        "单位代码（重新打开单位的步骤时必填）",
        "The unit's code (for a step of a unit)",
    ),
    help("reopen --reason", "理由，记入日志", "Why, for the journal"),
];

pub const EXAMPLES: &[Example] = &[example_of(
    "reopen",
    &["banzi reopen plan --unit C01 --reason \"指标调整，重新提交工作方案\""],
)];
