//! The store: finding, locking, reading and writing the campaign's records, and recovery; and
//! who runs a command, and when.

use super::help::{Example, Help};

super::catalogue! {
    /// A change refused because an open step (the public notice) freezes a record it touches.
    frozen_by(path: &str, noun: &str, title: &str, seq: u64) =>
        "「{title}」这一步的{noun}已于日志第 {seq} 条开始，它所依据的 `{path}` 在结束前不能更改",
        "the {noun} ({title}) opened in journal entry #{seq} freezes `{path}`, which it rests on";
    frozen_hint(close: &str, command: &str) =>
        "等公示期满并处理完所有意见后用 `{close}` 结束公示；确需更正的，先用 `banzi reopen {command} --reason \"…\"` 重新打开",
        "close it first with `{close}` once its period is over and every opinion resolved, or reopen it with `banzi reopen {command} --reason \"…\"` to correct the list";
    /// Added to a change's summary when `campaign.toml` was edited by hand before it.
    settings_edited_since(file: &str, seq: u64) =>
        "；{file} 自第 {seq} 条日志以来被编辑过", "; {file} was edited since entry #{seq}";

    /// A problem of the campaign and what to do about it.
    problem_with_fix(message: &str, fix: &str) => "{message}；解决办法：{fix}", "{message}; fix: {fix}";
    /// The fix of a record that is not what banzi wrote.
    restore() => "从备份或版本库中恢复它", "restore it from a backup or version control";
    restore_or_accept() =>
        "从备份或版本库中恢复它，或用 `banzi verify --accept FILE --reason \"…\"` 记下一次有意的手工修改",
        "restore it from a backup or version control, or record a deliberate edit with `banzi verify --accept FILE --reason \"…\"`";
    /// What `disk::look` finds where it expects a file or a folder, after "is".
    a_symbolic_link() => "一个符号链接", "a symbolic link";
    not_a_regular_file() => "一个特殊文件（不是普通文件）", "not a regular file";
    a_file() => "一个文件", "a file";
    not_a_file() => "一个文件夹或特殊文件（不是文件）", "not a file";

    // Making a campaign.
    cannot_create_directory(dir: impl std::fmt::Display) => "无法创建目录 `{dir}`", "cannot create directory `{dir}`";
    cannot_read_directory(dir: impl std::fmt::Display) => "无法读取目录 `{dir}`", "cannot read directory `{dir}`";
    campaign_completed(dir: impl std::fmt::Display) =>
        "`{dir}` 已经是一个活动：创建它的 `banzi init` 曾被中断，现已补完",
        "`{dir}` is a campaign already: the interrupted `banzi init` that made it was completed";
    go_on_with_units(dir: impl std::fmt::Display) =>
        "接着运行 `banzi -C {dir} units import UNITS.csv`", "go on with `banzi -C {dir} units import UNITS.csv`";
    campaign_already(dir: impl std::fmt::Display) => "`{dir}` 已经是一个活动", "`{dir}` is a campaign already";
    choose_another_for_new() => "新活动请另选一个目录名", "choose another directory name for a new campaign";
    directory_not_empty(dir: impl std::fmt::Display) =>
        "`{dir}` 不是空目录；新活动要在新目录或空目录中开始",
        "`{dir}` is not empty; a campaign starts in a new or empty directory";
    choose_another() => "请另选一个目录名", "choose another directory name";

    // What opening a campaign finds; each follows the file's name.
    file_where_folder() => "是一个文件，而 banzi 在这里存放的是文件夹", "is a file where banzi keeps a folder";
    is_odd(what: &str) => "是{what}；banzi 从不跟随活动目录中的链接", "is {what}; banzi never follows links inside a campaign";
    replace_with_real_folder() => "换成真正的文件夹", "replace it with the real folder";
    record_missing_since(seq: u64) => "不见了；它由日志第 {seq} 条写入", "is missing; journal entry #{seq} wrote it";
    folder_where_record() => "是一个文件夹，而 banzi 在这里存放的是记录", "is a folder where banzi keeps a record";
    replace_link_with_real_file() => "把链接换成真正的文件", "replace the link with the real file";
    changed_outside_since(seq: u64) =>
        "在日志第 {seq} 条写入后，又在 banzi 之外被改动过", "was changed outside banzi since journal entry #{seq} wrote it";
    journal_hard_link() =>
        "有不止一个名字（硬链接，例如 `cp -al` 造成的）：下一次改动也会改动另一份",
        "has more than one name (a hard link, e.g. from `cp -al`): the next change would also change the other copy";
    journal_own_name() =>
        "给它一个独立的名字：`cp journal.toml journal.new && mv journal.new journal.toml`",
        "give it a name of its own: `cp journal.toml journal.new && mv journal.new journal.toml`";
    journal_missing() =>
        "不见了：没有日志，活动中的任何内容都无法信任", "is missing: without the journal nothing in the campaign can be trusted";
    not_regular_no_links() =>
        "不是普通文件；banzi 从不跟随活动目录中的链接", "is not a regular file; banzi never follows links inside a campaign";
    replace_with_real_journal() => "换成真正的日志", "replace it with the real journal";
    replace_with_real_index() => "换成真正的索引", "replace it with the real index";
    not_utf8() => "不是 UTF-8 文本", "is not UTF-8 text";
    journal_emptied() =>
        "没有任何条目：它被清空了，没有日志，活动中的任何内容都无法信任",
        "has no entries: it was emptied, and without the journal nothing in the campaign can be trusted";
    journal_torn(line: usize) =>
        "最后一条从第 {line} 行起不完整：一次追加被中断，从未提交",
        "its last entry is torn from line {line} on: an append was cut short and never committed";
    journal_torn_fix() =>
        "从备份中恢复日志，或把它截回到前一条的末尾", "restore the journal from a backup, or cut it back to the end of the entry before";
    journal_unreadable(line: usize, column: usize, cause: &str) =>
        "第 {line} 行第 {column} 列已损坏：{cause}", "is damaged at line {line}, column {column}: {cause}";
    index_missing() => "不见了", "is missing";
    index_changed(seq: u64) =>
        "不是日志第 {seq} 条留下的索引：它在 banzi 之外被改动过", "is not the index journal entry #{seq} left: it was changed outside banzi";

    // Reading records.
    cannot_read(path: impl std::fmt::Display) => "无法读取 `{path}`", "cannot read `{path}`";
    not_in_index(file: &str, index: &str) =>
        "`{file}` 不在活动的索引 `{index}` 中", "`{file}` is not in the campaign's index `{index}`";
    run_verify() => "运行 `banzi verify` 检查整个活动", "run `banzi verify` to check the whole campaign";
    record_missing(file: &str, seq: u64) =>
        "`{file}` 不见了；banzi 在日志第 {seq} 条中写入了它", "`{file}` is missing; banzi wrote it in journal entry #{seq}";
    restore_then_verify() =>
        "从备份或版本库中恢复它；`banzi verify` 会检查每一条记录",
        "restore it from a backup or version control; `banzi verify` checks every record";
    record_changed(file: &str, sha: &str, seq: u64, wrote: &str) =>
        "`{file}` 在 banzi 之外被改动过：它的 SHA-256 是 {sha}，而日志第 {seq} 条写入的是 {wrote}",
        "`{file}` was changed outside banzi: its SHA-256 is {sha}, but journal entry #{seq} wrote {wrote}";
    record_changed_hint(fix: &str) => "{fix}；`banzi verify` 会检查每一条记录", "{fix}; `banzi verify` checks every record";
    record_not_utf8(file: &str) => "`{file}` 不是 UTF-8 文本", "`{file}` is not UTF-8 text";
    record_damaged(file: &str, cause: impl std::fmt::Display) => "`{file}` 已损坏：{cause}", "`{file}` is damaged: {cause}";
    damaged(n: usize) =>
        "活动与其日志不符（{n} 个问题）；未作任何改动", "the campaign does not match its journal ({n} problem(s)); nothing was done";
    damaged_hint() =>
        "从备份或版本库中恢复被改动的内容，或用 `banzi verify --accept FILE --reason \"…\"` 记下一次有意的手工修改；`banzi verify` 会检查全部内容",
        "restore what was changed from a backup or version control, or record a deliberate edit with `banzi verify --accept FILE --reason \"…\"`; `banzi verify` checks everything";

    // The disk.
    cannot_look_at(path: impl std::fmt::Display) => "无法查看 `{path}`", "cannot look at `{path}`";
    not_regular(file: &str, what: &str) =>
        "`{file}` 是{what}；banzi 从不跟随活动目录中的链接", "`{file}` is {what}; banzi never follows links inside a campaign";
    not_regular_hint(file: &str) =>
        "把 `{file}` 换成真正的文件或文件夹（从备份中恢复），然后运行 `banzi verify`",
        "replace `{file}` with the real file or folder (restore it from a backup), then run `banzi verify`";
    cannot_create_folder(path: impl std::fmt::Display) => "无法创建文件夹 `{path}`", "cannot create folder `{path}`";
    file_where_folder_at(path: impl std::fmt::Display) =>
        "`{path}` 是一个文件，而 banzi 在这里存放的是文件夹", "`{path}` is a file where banzi keeps a folder";
    in_the_way(part: &str, file: &str) => "`{part}` 挡住了记录 `{file}`", "`{part}` is in the way of the record `{file}`";
    move_out_then_verify() =>
        "把它移出活动目录，然后运行 `banzi verify`", "move it out of the campaign folder, then run `banzi verify`";
    cannot_create(path: impl std::fmt::Display) => "无法创建 `{path}`", "cannot create `{path}`";
    cannot_write(path: impl std::fmt::Display) => "无法写入 `{path}`", "cannot write `{path}`";
    cannot_sync(path: impl std::fmt::Display) => "无法把 `{path}` 同步到磁盘", "cannot sync `{path}`";
    cannot_read_size(path: impl std::fmt::Display) => "无法读取 `{path}` 的大小", "cannot read the size of `{path}`";
    cannot_move(from: impl std::fmt::Display, to: impl std::fmt::Display) =>
        "无法把 `{from}` 移到 `{to}`", "cannot move `{from}` to `{to}`";
    cannot_sync_folder(path: impl std::fmt::Display) => "无法把文件夹 `{path}` 同步到磁盘", "cannot sync folder `{path}`";
    cannot_open(path: impl std::fmt::Display) => "无法打开 `{path}`", "cannot open `{path}`";
    cannot_append(path: impl std::fmt::Display) => "无法追加写入 `{path}`", "cannot append to `{path}`";
    cannot_cut_back(path: impl std::fmt::Display) => "无法截短 `{path}`", "cannot cut back `{path}`";
    cannot_remove(path: impl std::fmt::Display) => "无法删除 `{path}`", "cannot remove `{path}`";

    // A change, and recovering an interrupted one.
    change_unfinished(dir: &str) => "`{dir}` 存在：另一次改动尚未完成", "`{dir}` exists: another change is unfinished";
    run_again_recovers() =>
        "再运行一次命令；banzi 会先恢复被中断的改动", "run the command again; banzi recovers an interrupted change first";
    cannot_write_manifest() => "无法写入本次改动的清单", "cannot write the change's manifest";
    neither_staged_nor_in_place(file: &str) =>
        "无法完成被中断的改动：`{file}` 既不在暂存区，也不在应在的位置",
        "cannot finish an interrupted change: `{file}` is neither staged nor in place";
    restore_campaign_then_verify() =>
        "从备份中恢复活动目录，然后运行 `banzi verify`", "restore the campaign from a backup, then run `banzi verify`";
    manifest_damaged(file: &str) => "被中断的改动的清单 `{file}` 已损坏", "`{file}` of an interrupted change is damaged";
    manifest_outside(file: &str, staged: &str, target: &str) =>
        "被中断的改动的清单 `{file}` 要把 `{staged}` 移到 `{target}`，那不是活动中的位置：它不是 banzi 写的",
        "`{file}` of an interrupted change names `{staged}` to move to `{target}`, which is not a place in the campaign: banzi did not write it";
    move_work_dir_out(dir: &str) =>
        "把 `{dir}` 文件夹移出活动目录，然后运行 `banzi verify`", "move the `{dir}` folder out of the campaign, then run `banzi verify`";
    journal_shorter(file: &str) =>
        "`{file}` 比被中断的改动开始时还短", "`{file}` is shorter than it was when an interrupted change began";
    rolled_forward(seq: u64, command: &str) =>
        "已恢复一次被中断的改动：第 {seq} 条日志（`{command}`）已提交，其记录已移到位",
        "recovered an interrupted change: entry #{seq} (`{command}`) was committed; its records were moved into place";
    rolled_back(command: &str) =>
        "已恢复一次被中断的改动：`{command}` 尚未提交，其内容均未保留",
        "recovered an interrupted change: `{command}` had not been committed; nothing of it was kept";
    discarded() =>
        "已恢复一次被中断的改动：它在暂存时被中止，其内容均未保留",
        "recovered an interrupted change: it was stopped while staging; nothing of it was kept";
    tidied() =>
        "已恢复一次被中断的改动：它已完成，其空的工作文件夹已删除",
        "recovered an interrupted change: it was complete; its empty work folder was removed";
    no_record_to_mark(file: &str, state: &str) =>
        "`{file}` 没有可标记为 {state} 的记录", "`{file}` has no record to mark {state}";

    // The lock.
    bad_lock_timeout(text: &str, max: f64) =>
        "BANZI_LOCK_TIMEOUT 的值 `{text}` 不是 0 到 {max} 之间的秒数",
        "BANZI_LOCK_TIMEOUT `{text}` is not a number of seconds from 0 to {max}";
    lock_timeout_hint() =>
        "把它设为等待其他 banzi 命令的秒数，例如 BANZI_LOCK_TIMEOUT=30，或者不设",
        "set it to how long to wait for another banzi command, e.g. BANZI_LOCK_TIMEOUT=30, or unset it";
    busy(seconds: f64, root: impl std::fmt::Display) =>
        "另一个 banzi 命令正在使用活动 `{root}`；等待 {seconds:.1} 秒后放弃",
        "another banzi command is using this campaign; gave up after {seconds:.1} s waiting for `{root}`";
    busy_hint() =>
        "等另一个命令结束后再运行（BANZI_LOCK_TIMEOUT 设定等待的秒数）",
        "run the command again when the other one has finished (BANZI_LOCK_TIMEOUT sets the wait in seconds)";
    cannot_lock(root: impl std::fmt::Display) => "无法锁定 `{root}`", "cannot lock `{root}`";
    cannot_open_campaign_folder(root: impl std::fmt::Display) =>
        "无法打开活动文件夹 `{root}`", "cannot open the campaign folder `{root}`";

    // Finding the campaign.
    the_working_directory() => "工作目录", "the working directory";
    not_a_campaign(dir: impl std::fmt::Display, named_by: &str, file: &str) =>
        "`{dir}`（由 {named_by} 指定）不是活动：其中没有 `{file}`",
        "`{dir}` (named by {named_by}) is not a campaign: it has no `{file}`";
    not_a_campaign_hint() =>
        "请指定一个由 `banzi init` 创建的目录，或用 `banzi init DIR --name NAME --year YEAR` 创建一个",
        "name a directory made by `banzi init`, or make one with `banzi init DIR --name NAME --year YEAR`";
    campaign_not_found(file: &str, cwd: impl std::fmt::Display) =>
        "在 `{cwd}` 及其上级目录中都找不到 `{file}`", "could not find `{file}` in `{cwd}` or any parent directory";
    campaign_not_found_hint() =>
        "用 `banzi init DIR --name NAME --year YEAR` 创建一个活动，或用 `-C DIR` 或 BANZI_CAMPAIGN=DIR 指定一个",
        "make a campaign with `banzi init DIR --name NAME --year YEAR`, or name one with `-C DIR` or BANZI_CAMPAIGN=DIR";

    // Who and when.
    no_operator() => "无法确定是谁在运行这个命令", "cannot tell who is running this command";
    no_operator_hint() =>
        "用 `--operator NAME` 写明操作人，或设置 BANZI_OPERATOR", "name yourself with `--operator NAME` or set BANZI_OPERATOR";
    bad_now(text: &str, cause: impl std::fmt::Display) =>
        "BANZI_NOW 的值 `{text}` 不是 RFC 3339 时间（`{cause}`）", "BANZI_NOW `{text}` is not an RFC 3339 time: {cause}";
    bad_today(text: &str) =>
        "`--today {text}` 不是日期", "`--today {text}` is not a date";
    today_in_future(date: &str, clock: &str) =>
        "`--today {date}` 晚于今天（系统时钟为 {clock}）：只能补录过去的日期",
        "`--today {date}` is after today ({clock} by the system clock): it serves records entered late";
    bad_today_hint(today: &str) =>
        "写成 {today} 这样不晚于今天的日期，或者不加 `--today` 以系统日期为准",
        "write a date no later than today, such as {today}, or leave `--today` out to use the system's date";
    bad_now_hint() =>
        "用 2026-11-24T09:30:00+08:00 这样的时间，或者不设 BANZI_NOW",
        "use a time such as 2026-11-24T09:30:00+08:00, or unset BANZI_NOW";
}

pub const HELP: &[Help] = &[];

pub const EXAMPLES: &[Example] = &[];
