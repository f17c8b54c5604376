//! `banzi verify`: what it finds, and accepting hand edits.

use super::help::{Example, Help, example_of, help};

super::catalogue! {
    // What `verify` finds; each follows the file's name.
    in_index_not_journal(index: &str) =>
        "在 `{index}` 中，却不在任何日志条目中", "is in `{index}` but in no journal entry";
    index_disagrees(index: &str, seq: u64) =>
        "`{index}` 所记与日志第 {seq} 条为它写入的不符（SHA-256、日志条目或状态）：索引在 banzi 之外被改动过",
        "`{index}` does not say what journal entry #{seq} wrote for it (SHA-256, entry or state): the index was changed outside banzi";
    written_not_indexed(seq: u64, index: &str) =>
        "由日志第 {seq} 条写入，却不在 `{index}` 中：索引在 banzi 之外被改动过",
        "was written by journal entry #{seq} but is not in `{index}`: the index was changed outside banzi";
    is_link() =>
        "是一个符号链接；banzi 从不跟随活动目录中的链接", "is a symbolic link; banzi never follows links inside a campaign";
    replace_link() => "把链接换成真正的文件或文件夹", "replace the link with the real file or folder";
    not_by_banzi() => "不是 banzi 写入的", "was not written by banzi";
    move_out() => "把它移出活动目录", "move it out of the campaign folder";
    /// A problem as `verify --json` lists it, and as the sentence people read.
    problem(file: &str, message: &str, fix: &str) => "`{file}` {message}；解决办法：{fix}", "`{file}` {message}; fix: {fix}";
    settings_edited(file: &str, seq: u64) =>
        "`{file}` 自第 {seq} 条日志以来被编辑过；这次编辑会随下一次改动记入日志",
        "`{file}` was edited since entry #{seq}; the edit is journaled with the next change";
    cannot_read_folder(dir: impl std::fmt::Display) => "无法读取文件夹 `{dir}`", "cannot read folder `{dir}`";

    // `verify` at the command line.
    note(text: &str) => "注意：{text}", "note: {text}";
    all_ok(entries: usize, records: usize, bytes: u64, head: &str) =>
        "日志 {entries} 条，链条完整；记录 {records} 条（{bytes} 字节）全部核对无误；日志头 {head}",
        "{entries} journal entries in an unbroken chain and {records} records ({bytes} bytes) check out; head {head}";
    no_head() => "无", "none";
    problems_found(n: usize) => "发现 {n} 个完整性问题", "{n} integrity problem(s) found";

    // `verify --head`.
    not_a_head(head: &str) =>
        "`{head}` 不是日志头；日志头形如 12:1a2b3c4d5e6f", "`{head}` is not a journal head; it looks like 12:1a2b3c4d5e6f";
    not_a_head_hint() =>
        "从文书页脚（日志头）抄下它，例如 `banzi verify --head 12:1a2b3c4d5e6f`",
        "copy the head from the document's footer (日志头), e.g. `banzi verify --head 12:1a2b3c4d5e6f`";
    head_found(seq: u64, hash: &str, time: &str, summary: &str) =>
        "活动中仍有日志头 #{seq}:{hash}（{time}，{summary}）",
        "the campaign still contains journal head #{seq}:{hash} ({time}, {summary})";
    head_differs(seq: u64, hash: &str, wanted: &str) =>
        "日志第 {seq} 条不是文书打印时的那一条：它的哈希以 {hash} 开头，而不是 {wanted}",
        "journal entry #{seq} is not the one the document was printed from: its hash begins {hash}, not {wanted}";
    head_differs_hint() =>
        "文书打印之后日志被改写过；请与存档的副本比对",
        "the journal was rewritten since the document was printed; compare with the archived copy";
    head_gone(seq: u64, last: u64) => "日志中没有第 {seq} 条；它到第 {last} 条为止", "the journal has no entry #{seq}; it ends at #{last}";
    head_gone_hint() =>
        "文书打印之后日志被截短过；请与存档的副本比对",
        "the journal was cut back since the document was printed; compare with the archived copy";

    // `verify --accept`.
    accepting_a_hand_edit() => "接受手工修改", "accepting a hand edit";
    accept_while_damaged(file: &str, message: &str) =>
        "`{file}` {message}，此时不能接受手工修改", "cannot accept a hand edit while `{file}` {message}";
    first(fix: &str) => "先{fix}", "first {fix}";
    not_a_record(file: &str) =>
        "`{file}` 不是本活动的记录；只能接受 banzi 写入过的记录",
        "`{file}` is not a record of this campaign; only a record banzi wrote can be accepted";
    name_as_verify() =>
        "按 `banzi verify` 的写法、相对于活动目录给出它，例如 plans/C01.toml",
        "name it as `banzi verify` does, relative to the campaign folder, e.g. plans/C01.toml";
    settings_need_no_accepting(file: &str) =>
        "`{file}` 无需接受：对设置的编辑会随下一次改动记入日志",
        "`{file}` needs no accepting: an edit of the settings is journaled with the next change";
    cannot_read(file: &str) => "无法读取 `{file}`", "cannot read `{file}`";
    not_regular(file: &str) =>
        "`{file}` 不是普通文件；banzi 从不跟随活动目录中的链接",
        "`{file}` is not a regular file; banzi never follows links inside a campaign";
    nothing_to_accept(file: &str, seq: u64) =>
        "`{file}` 与 banzi 在日志第 {seq} 条中写入的一致；没有需要接受的修改",
        "`{file}` is as banzi wrote it in journal entry #{seq}; there is no edit to accept";
    no_plan_to_read(unit: &str, file: &str) =>
        "单位 `{unit}` 没有工作方案，无法据以读取 `{file}`", "unit `{unit}` has no plan to read `{file}` against";
    cannot_check(file: &str) => "banzi 不知道如何检查 `{file}`", "banzi does not know how to check `{file}`";
    not_in_campaign(file: impl std::fmt::Display, root: impl std::fmt::Display) =>
        "`{file}` 不是活动 `{root}` 中的文件", "`{file}` is not a file in the campaign `{root}`";
    name_relative() =>
        "相对于活动目录给出它，例如 plans/C01.toml", "name it relative to the campaign folder, e.g. plans/C01.toml";
    /// The journal's summary of an accepted edit.
    accepted(files: &str) => "已接受手工修改：{files}", "hand edit accepted: {files}";
    now_stale(n: usize) => "；随之待重做：{n} 条", "; now stale: {n}";
    /// Between the files of an accepted edit.
    separator() => "、", ", ";
}

pub const HELP: &[Help] = &[
    help(
        "verify",
        "核对日志的链条，并按日志逐一核对每条记录：没有被改动、缺失、来历不明或链接的文件。加 --accept 记下一次有意的手工修改；加 --head 核对文书上打印的日志头",
        "Check the journal's chain and every record against it: nothing changed, missing, unknown or linked. With --accept, record a deliberate hand edit; with --head, check a printed head",
    ),
    help(
        "verify --accept",
        "按这些记录现在的样子接受它们（先按其所属命令的要求检查），并把操作人、时间、理由以及新旧 SHA-256 记入日志",
        "Take these records as they now are (after checking them as their command would), with who, when, why and the old and new SHA-256 in the journal",
    ),
    help(
        "verify --reason",
        "接受手工修改的理由（与 --accept 一起用）",
        "Why the hand edit is accepted (with --accept)",
    ),
    help(
        "verify --head",
        "核对活动中是否仍有文书上打印的日志头，例如 12:1a2b3c4d5e6f",
        "Check that the campaign still contains the journal head a document printed (日志头), e.g. 12:1a2b3c4d5e6f",
    ),
];

pub const EXAMPLES: &[Example] = &[example_of(
    "verify",
    &[
        "banzi verify",
        "banzi verify --head 12:1a2b3c4d5e6f",
        "banzi verify --accept plans/C01.toml --reason \"更正指标目标值的笔误\"",
    ],
)];
