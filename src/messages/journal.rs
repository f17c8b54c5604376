//! The journal, and `banzi log`.

use super::help::{Example, Help, example_of, help};

super::catalogue! {
    /// How people are told which journal entry recorded something.
    cite(seq: u64) => "日志第 {seq} 条", "journal entry #{seq}";

    // A reason, as `--reason` gives it; `what` is the change it is for, in the language in force.
    needs_reason(what: &str) => "{what}需要说明理由", "{what} needs a reason";
    reason_control(what: &str, code: &str) =>
        "{what}的理由含有控制字符 U+{code}", "the reason for {what} holds the control character U+{code}";
    reason_too_long(what: &str, max: usize) =>
        "{what}的理由超过了 {max} 个字", "the reason for {what} is longer than {max} characters";
    needs_text(what: &str) => "{what}不能为空", "{what} is empty";
    text_control(what: &str, code: &str) =>
        "{what}含有控制字符 U+{code}", "{what} holds the control character U+{code}";
    text_too_long(what: &str, max: usize) =>
        "{what}超过了 {max} 个字", "{what} is longer than {max} characters";
    text_hint(flag: &str) =>
        "在 `{flag} \"…\"` 后写一行或几行文字，不要带控制字符", "give `{flag} \"…\"` a line or a few of text, without control characters";
    reason_hint() =>
        "用 `--reason \"…\"` 说明理由；理由会记入日志", "say why with `--reason \"…\"`; it is kept in the journal";

    // Where the chain does not hold.
    entry_out_of_place(seq: u64, expected: u64) =>
        "第 {seq} 条日志出现在第 {expected} 条的位置：有条目被删除、插入或调换了次序",
        "entry #{seq} stands where entry #{expected} should: entries were removed, inserted or reordered";
    entry_not_following(seq: u64) =>
        "第 {seq} 条日志接不上前一条（它的 `prev` 不是前一条的哈希）：有条目被删除、插入或调换了次序",
        "entry #{seq} does not follow the entry before it (its `prev` is not that entry's hash): an entry was removed, inserted or reordered";
    entry_edited(seq: u64) =>
        "第 {seq} 条日志被改过：内容与其哈希不再相符", "entry #{seq} was edited: its content no longer matches its hash";

    // `banzi log`.
    log_time() => "时间", "time";
    log_operator() => "操作人", "operator";
    log_command() => "命令", "command";
    log_summary() => "说明", "summary";
    log_records() => "记录数", "records";
    log_reason(reason: &str) => "理由：{reason}", "reason: {reason}";
    log_json_hint() =>
        "`banzi log --json` 会列出每条记录和输入文件及其 SHA-256",
        "`banzi log --json` lists every record and input file with its SHA-256";
}

pub const HELP: &[Help] = &[
    help(
        "log",
        "查看日志：每一次改动的时间、操作人、命令和涉及的记录",
        "Show the journal: every change, when, by whom, with which command and records",
    ),
    help(
        "log --last",
        "只显示最新的 N 条",
        "Show only the newest N entries",
    ),
];

pub const EXAMPLES: &[Example] = &[example_of(
    "log",
    &["banzi log --last 10", "banzi log --json"],
)];
