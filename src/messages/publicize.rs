//! The public notice (公示): its period, opinions and reports, reporters' identities.

use super::help::{Example, Help, example_of, help};
use crate::publicize::State;
use crate::publicize::opinions::Status;

super::catalogue! {
    // The notice and its period.
    none_open() => "目前没有正在进行的公示", "no public notice (公示) is open";
    open_hint() =>
        "用 `banzi publicize open --start DATE --contact \"…\"` 开始公示初步名单",
        "open one with `banzi publicize open --start DATE --contact \"…\"`";
    closed_already(number: u32, date: &str) =>
        "第 {number} 次公示已于 {date} 结束", "public notice #{number} was closed on {date}";
    reopen_hint() =>
        "确需重新公示的，先用 `banzi reopen publicize --reason \"…\"` 重新打开",
        "to publish again, reopen it first with `banzi reopen publicize --reason \"…\"`";
    open_already(number: u32, start: &str, end: &str) =>
        "第 {number} 次公示正在进行（{start} 至 {end}）", "public notice #{number} is open ({start} to {end})";
    close_or_reopen_hint() =>
        "期满并处理完所有意见后用 `banzi publicize close` 结束；确需更正的，用 `banzi reopen publicize --reason \"…\"`",
        "close it with `banzi publicize close` once its period is over and every opinion resolved, or reopen it with `banzi reopen publicize --reason \"…\"`";
    no_list() => "还没有初步名单，无可公示", "there is no preliminary list to publish yet";
    draw_hint(command: &str) => "先用 `{command}` 生成初步名单", "draw it first with `{command}`";
    list_stale(version: u32, changes: &str) =>
        "第 {version} 版初步名单生成后，其依据已有变化（{changes}），不能公示",
        "version {version} of the preliminary list is stale ({changes}) and cannot be published";
    redraw_hint() =>
        "先用 `banzi shortlist` 重新生成初步名单", "draw the list again first with `banzi shortlist`";
    nobody_listed(version: u32) =>
        "第 {version} 版初步名单没有列入任何单位，无可公示", "version {version} of the preliminary list includes no unit; there is nothing to publish";
    the_contact() => "意见反映方式", "the contact for opinions";
    too_short(days: u32, minimum: u32) =>
        "公示期 {days} 个工作日太短：本活动规定不少于 {minimum} 个工作日",
        "a notice of {days} working days is too short: the campaign's minimum is {minimum}";
    too_short_hint(minimum: u32) =>
        "用 `--days {minimum}` 或更长；最短期限在 campaign.toml 的 `[publicity] min_working_days`",
        "use `--days {minimum}` or more; the minimum is `[publicity] min_working_days` in campaign.toml";
    /// The journal's summary of an opened notice.
    opened(number: u32, version: u32, start: &str, end: &str, days: u32) =>
        "第 {number} 次公示第 {version} 版初步名单：{start} 至 {end}，{days} 个工作日",
        "public notice #{number} of version {version} of the preliminary list: {start} to {end}, {days} working days";
    accept_calendar(file: &str) =>
        "补好后用 `banzi verify --accept {file} --reason \"补录节假日安排\"` 确认这次修改",
        "then take the edit with `banzi verify --accept {file} --reason \"…\"`";
    period_not_over(end: &str, today: &str) =>
        "公示期到 {end} 才满（今天是 {today}）", "the period runs until {end} (today is {today})";
    opinion_unresolved(id: &str, status: &str) =>
        "意见 {id} 尚未办结（{status}）", "opinion {id} is not resolved ({status})";
    cannot_close(number: u32, n: usize) =>
        "第 {number} 次公示还不能结束，有 {n} 个原因", "public notice #{number} cannot be closed yet, for {n} reason(s)";
    cannot_close_hint() =>
        "公示期满后再结束；每条意见都要用 `banzi publicize resolve ID --finding … --note \"…\" --by \"…\"` 办结",
        "close it after its last day, once each opinion is resolved with `banzi publicize resolve ID --finding … --note \"…\" --by \"…\"`";
    /// The journal's summary of a closed notice.
    closed(number: u32, version: u32) =>
        "第 {number} 次公示（第 {version} 版初步名单）结束", "public notice #{number} (version {version} of the preliminary list) closed";
    a_reopening() => "重新打开公示", "reopening the public notice";
    none_to_reopen() => "没有可重新打开的公示", "there is no public notice to reopen";
    /// The journal's summary of a reopened notice.
    reopened(number: u32, state: &str) =>
        "重新打开第 {number} 次公示（原为{state}）", "public notice #{number} reopened (it was {state})";
    state_open() => "公示中", "open";
    state_closed() => "已结束", "closed";
    state_reopened() => "已重新打开", "reopened";
    ruled_out_disqualified(reason: &str, seq: u64) =>
        "公示后被取消参评资格（日志第 {seq} 条）：{reason}", "disqualified after publication (journal entry #{seq}): {reason}";
    ruled_out_vetoed(reason: &str, seq: u64) =>
        "公示后被一票否决（日志第 {seq} 条）：{reason}", "vetoed after publication (journal entry #{seq}): {reason}";

    record_unfit(file: &str, n: usize) =>
        "`{file}` 有 {n} 处与 banzi 的记录方式不符，不能认可这次修改", "`{file}` has {n} problem(s) banzi would never write; the edit cannot be accepted";
    period_out_of_order(number: u32, place: usize) =>
        "第 {place} 次公示的编号写成了 {number}", "the notice in place {place} is numbered {number}";
    period_acts_missing(number: u32, state: &str) =>
        "第 {number} 次公示的状态为「{state}」，但缺少相应的办理记录（谁、何时、日志第几条）",
        "notice #{number} is {state} without the record of who made it so, when and in which entry";
    period_miscounted(number: u32, end: &str, counted: &str, days: u32) =>
        "第 {number} 次公示的结束日写成 {end}，但按工作日历 {days} 个工作日到 {counted}",
        "notice #{number} ends on {end}, but {days} working days on the calendar end on {counted}";
    opinion_out_of_order(id: &str, place: usize) =>
        "第 {place} 条意见的编号是 {id}，应为 F{place}", "opinion {id} stands in place {place}, which is F{place}";
    opinion_seal_unfit(id: &str) =>
        "意见 {id} 的“是否匿名”与加密的反映人不符", "opinion {id} is anonymous or signed against its sealed reporter";
    opinion_acts_missing(id: &str, status: &str) =>
        "意见 {id} 的状态为「{status}」，但缺少相应的核查或办结记录（谁、何时、日志第几条）",
        "opinion {id} is {status} without the record of its verification or resolution (who, when, which entry)";

    // Opinions.
    status_open() => "待核查", "open";
    status_verifying() => "核查中", "verifying";
    status_substantiated() => "属实", "substantiated";
    status_unsubstantiated() => "不属实", "unsubstantiated";
    received_before(date: &str, start: &str) =>
        "收到日期 {date} 早于公示开始日 {start}", "received on {date}, before the notice began on {start}";
    received_in_future(date: &str, today: &str) =>
        "收到日期 {date} 晚于今天（{today}）", "received on {date}, after today ({today})";
    unknown_channel(text: &str, accepted: &str) =>
        "不认识的渠道 `{text}`（可填：{accepted}）", "unknown channel `{text}` (one of: {accepted})";
    not_on_list(unit: &str, version: u32, listed: &str) =>
        "单位 `{unit}` 不在公示的第 {version} 版初步名单上（名单上有：{listed}）；泛泛的意见填 `none`",
        "unit `{unit}` is not on version {version} of the preliminary list as published (it lists {listed}); a general opinion takes `none`";
    the_summary() => "意见内容摘要", "the opinion's summary";
    not_yes_or_no(text: &str) =>
        "`{text}` 应为 是/否（或 true/false）", "`{text}` is neither true/false nor 是/否";
    anonymous_empty() => "是否匿名未填：请填 是 或 否", "empty: write true or false (是 or 否)";
    anonymous_with_reporter() =>
        "匿名意见不能填写反映人或联系方式", "an anonymous opinion names no reporter and no contact";
    signed_without_reporter() =>
        "实名意见要写明反映人", "a signed opinion needs its reporter's name";
    reporter_unreadable() =>
        "反映人或联系方式含有控制字符或超过 200 字", "the reporter or contact holds a control character or is over 200 characters";
    no_recipient() =>
        "还没有设置保护举报人身份的密钥，实名意见无法加密保存",
        "no key protects reporters' identities yet, so a signed opinion cannot be stored encrypted";
    keygen_hint() =>
        "先用 `banzi publicize keygen --out ~/banzi-reporters.key` 生成密钥（私钥保存在活动文件夹之外）",
        "make the key first with `banzi publicize keygen --out ~/banzi-reporters.key` (its secret half is kept outside the campaign)";
    bad_opinion(n: usize) => "这条意见有 {n} 处问题，未记录", "the opinion has {n} problem(s) and was not recorded";
    add_hint() => "`banzi publicize feedback add --help` 列出各项的写法", "`banzi publicize feedback add --help` shows how to give each";
    entered_already(id: &str) =>
        "同样的意见（收到日期、渠道、单位、内容均相同）已登记为 {id}", "the same opinion (received, channel, unit and summary alike) is already entered as {id}";
    twice_in_file(line: usize) =>
        "与第 {line} 行的意见完全相同", "the same opinion as on line {line}";
    no_opinions() => "文件里没有意见", "the file holds no opinion";
    bad_rows(path: impl std::fmt::Display, n: usize) =>
        "`{path}` 有 {n} 处问题，一条意见也没有导入", "`{path}` has {n} problem(s); no opinion was imported";
    /// The journal's summary of opinions entered.
    entered(ids: &str, late: usize) =>
        "登记意见 {ids}（其中逾期 {late} 条）", "opinion(s) {ids} entered ({late} late)";
    no_such_opinion(id: &str, count: usize) =>
        "没有意见 `{id}`（共 {count} 条）", "there is no opinion `{id}` ({count} in all)";
    list_hint() => "`banzi publicize feedback list` 列出所有意见", "`banzi publicize feedback list` lists them";
    the_investigator() => "核查人", "who verifies it";
    not_open(id: &str, status: &str) =>
        "意见 {id} 已不是待核查状态（{status}）", "opinion {id} is no longer open ({status})";
    /// The journal's summary of a verification begun.
    investigating(id: &str, by: &str) => "意见 {id} 交由 {by} 核查", "opinion {id} under verification by {by}";
    unknown_finding(text: &str, accepted: &str) =>
        "不认识的核查结论 `{text}`（可填：{accepted}）", "unknown finding `{text}` (one of: {accepted})";
    the_finding() => "核查情况", "the finding";
    the_resolver() => "办结人", "who resolved it";
    resolved_already(id: &str, status: &str, seq: u64) =>
        "意见 {id} 已在日志第 {seq} 条办结（{status}）", "opinion {id} was resolved in journal entry #{seq} ({status})";
    /// The journal's summary of a resolved opinion.
    resolved(id: &str, status: &str, unit: &str) =>
        "意见 {id}（{unit}）核查办结：{status}", "opinion {id} ({unit}) resolved: {status}";
    substantiated_next(unit: &str) =>
        "反映属实：如查实弄虚作假，用 `banzi disqualify {unit} --reason \"…\" --evidence \"…\"` 取消其参评资格",
        "substantiated: if it shows fraud, disqualify the unit with `banzi disqualify {unit} --reason \"…\" --evidence \"…\"`";
    a_reveal() => "查看举报人身份", "revealing a reporter";
    anonymous_nothing_to_reveal(id: &str) =>
        "意见 {id} 是匿名的，没有可查看的身份", "opinion {id} is anonymous: there is no reporter to reveal";
    /// The journal's summary of a reveal: who asked is the entry's operator, why its reason.
    revealed(id: &str) => "查看意见 {id} 的反映人身份", "reporter of opinion {id} revealed";
    late() => "逾期", "late";
    general() => "泛泛意见", "general";

    // Reporters' identities.
    identity_inside(path: &str) =>
        "`{path}` 在活动文件夹里：私钥放在这里会随活动一起被复制、归档", "`{path}` is inside the campaign, which is copied and archived with it";
    identity_outside_hint() =>
        "把私钥写到活动文件夹之外，如 `--out ~/banzi-reporters.key`，并妥善保管",
        "write it outside the campaign, such as `--out ~/banzi-reporters.key`, and keep it safe";
    identity_folder(path: &str, cause: &str) =>
        "无法写入 `{path}`：{cause}", "cannot write `{path}`: {cause}";
    identity_exists(path: &str) =>
        "`{path}` 已经存在，不会覆盖", "`{path}` exists; it is never overwritten";
    identity_unwritable(path: &str, cause: &str) =>
        "无法写入私钥 `{path}`：{cause}", "cannot write the identity `{path}`: {cause}";
    identity_comment() =>
        "banzi 举报人身份私钥：请妥善保管，不要放进活动文件夹，丢失后已加密的身份无法恢复",
        "banzi reporters' identity: keep it safe and out of the campaign; without it sealed identities cannot be read";
    bad_recipient_in_settings() =>
        "campaign.toml 中的 `[publicity] recipient` 不是有效的公钥", "`[publicity] recipient` in campaign.toml is not a valid recipient";
    cannot_seal(cause: &str) => "无法加密举报人身份：{cause}", "cannot encrypt the reporter: {cause}";
    identity_unreadable(path: &str, cause: &str) =>
        "无法读取私钥 `{path}`：{cause}", "cannot read the identity `{path}`: {cause}";
    not_an_identity(path: &str) =>
        "`{path}` 不是 banzi 生成的私钥文件", "`{path}` is not an identity made by `banzi publicize keygen`";
    identity_hint() =>
        "用 `banzi publicize keygen` 时写出的那个私钥文件", "give the identity file `banzi publicize keygen` wrote";
    wrong_identity(id: &str) =>
        "这个私钥解不开意见 {id} 的反映人身份", "this identity cannot open the reporter of opinion {id}";
    recipient_set_already() =>
        "本活动已设置保护举报人身份的公钥", "the campaign already has a key protecting reporters' identities";
    replace_hint() =>
        "确需更换的，加 `--replace`：此前登记的身份仍只能用原私钥查看",
        "to change it, add `--replace`: identities entered before stay readable only with the old identity";
    /// The journal's summary of a key set.
    recipient_set() =>
        "设置保护举报人身份的公钥", "key protecting reporters' identities set";
    identity_written(path: &str) =>
        "私钥已写入 `{path}`，只有本人可读；请妥善保管并另行备份，不要放进活动文件夹",
        "the identity is written to `{path}`, readable by you alone: keep it safe, back it up apart from the campaign";

    // What `show` and `list` print.
    show_state(number: u32, state: &str, version: u32) =>
        "第 {number} 次公示：{state}，第 {version} 版初步名单", "Public notice #{number}: {state}, version {version} of the preliminary list";
    show_period(start: &str, end: &str, days: u32) =>
        "公示期：{start} 至 {end}（{days} 个工作日）", "Period: {start} to {end} ({days} working days)";
    show_contact(contact: &str) => "意见反映方式：{contact}", "Opinions to: {contact}";
    show_counts(open: usize, verifying: usize, substantiated: usize, unsubstantiated: usize, late: usize) =>
        "意见：待核查 {open}，核查中 {verifying}，属实 {substantiated}，不属实 {unsubstantiated}（逾期 {late}）",
        "Opinions: {open} open, {verifying} verifying, {substantiated} substantiated, {unsubstantiated} unsubstantiated ({late} late)";
    show_ruled_out(unit: &str, what: &str) => "{unit}：{what}", "{unit}: {what}";
    show_stale() =>
        "初步名单已重新生成，本次公示不再对应现行名单", "the list was drawn again since: this notice no longer stands for the current list";
    show_closable() => "可以结束：`banzi publicize close`", "it can be closed: `banzi publicize close`";
    no_notice_yet() => "还没有公示", "no public notice yet";
    heading_id() => "编号", "ID";
    heading_received() => "收到日期", "Received";
    heading_channel() => "渠道", "Channel";
    heading_unit() => "单位", "Unit";
    heading_summary() => "内容摘要", "Summary";
    heading_reporter() => "反映人", "Reporter";
    heading_status() => "状态", "Status";
    heading_finding() => "核查情况", "Finding";
    anonymous() => "匿名", "anonymous";
    signed() => "实名（已加密）", "signed (encrypted)";
    no_opinions_yet() => "还没有登记意见", "no opinion entered yet";
    reporter_shown(name: &str, contact: &str) => "反映人：{name}；联系方式：{contact}", "Reporter: {name}; contact: {contact}";
    reveal_needs() =>
        "查看反映人身份要同时给出 `--identity FILE` 和 `--reason`", "revealing the reporter needs `--identity FILE` and `--reason`";
}

/// A notice's state in words, in the language in force.
pub fn state(state: State) -> String {
    match state {
        State::Open => state_open(),
        State::Closed => state_closed(),
        State::Reopened => state_reopened(),
    }
}

/// An opinion's status in words, in the language in force.
pub fn status(status: Status) -> String {
    match status {
        Status::Open => status_open(),
        Status::Verifying => status_verifying(),
        Status::Substantiated => status_substantiated(),
        Status::Unsubstantiated => status_unsubstantiated(),
    }
}

pub const HELP: &[Help] = &[
    help(
        "publicize",
        "公示：在全市范围内公示初步名单，登记、核查、办结群众意见和举报，期满后结束",
        "The public notice (公示): publish the preliminary list city-wide, enter, verify and resolve opinions and reports, and close it after its period",
    ),
    help(
        "publicize open",
        "开始公示现行的初步名单：公示期按工作日计算（跳过周末和法定节假日，调休上班日照算），公示期间名单及其依据冻结",
        "Open the notice of the current preliminary list: its period counts working days (weekends and public holidays skipped, make-up working days counted); the list and what it rests on are frozen while it is open",
    ),
    help(
        "publicize open --start",
        "公示开始日，须为工作日；不写则为今天",
        "The first day, a working day; today when left out",
    ),
    help(
        "publicize open --days",
        "公示多少个工作日；不少于 campaign.toml 规定的天数（默认即为该天数）",
        "How many working days; at least the campaign's minimum, which is the default",
    ),
    help(
        "publicize open --contact",
        "意见反映方式：电话、地址、邮箱等，照印在公示上",
        "How and where to send opinions (phone, address, email), as the notice prints it",
    ),
    help(
        "publicize show",
        "显示公示的状态、版本、起止日期和各状态的意见数",
        "Show the notice: its state, version, dates and opinions by status",
    ),
    help(
        "publicize notice",
        "打印公示文稿（Markdown 或可在 A4 纸上打印的 HTML）",
        "Print the notice (公示) as Markdown or as HTML printable on A4",
    ),
    help(
        "publicize notice --format",
        "文稿格式；`pdf` 写到标准输出，请重定向到文件",
        "The format: md, html, or pdf (to stdout: redirect it to a file)",
    ),
    help(
        "publicize keygen",
        "生成保护实名举报人身份的密钥：私钥写到活动文件夹之外，公钥写入 campaign.toml；只需做一次",
        "Make the key that protects signed reporters' identities: the identity is written outside the campaign, the recipient into campaign.toml; once",
    ),
    help(
        "publicize keygen --out",
        "私钥写到哪里（活动文件夹之外，且不能已存在）",
        "Where to write the identity: outside the campaign, a file that does not exist",
    ),
    help(
        "publicize keygen --replace",
        "更换已有的公钥；此前登记的身份仍只能用原私钥查看",
        "Replace the key already set; identities entered before stay readable only with the old identity",
    ),
    help(
        "publicize close",
        "结束公示：须在公示期满之后，且所有意见都已办结",
        "Close the notice: after its last day, once every opinion is resolved",
    ),
    help(
        "publicize feedback",
        "登记和查看公示期间收到的意见和举报",
        "Enter and read the opinions and reports received",
    ),
    help(
        "publicize feedback add",
        "登记一条意见；实名意见的反映人和联系方式加密保存，日志中不留原文",
        "Enter one opinion; a signed one's reporter and contact are stored encrypted, and left out of the journal",
    ),
    help(
        "publicize feedback add --unit",
        "所反映单位的代码（须在公示名单上）；泛泛的意见写 `none`",
        "The unit concerned, on the published list; `none` for a general opinion",
    ),
    help(
        "publicize feedback add --channel",
        "收到的渠道：电话、信函、来访、电子邮件、网络、其他（或 `phone`、`letter`、`visit`、`email`、`online`、`other`）",
        "How it came: phone 电话, letter 信函, visit 来访, email 电子邮件, online 网络, other 其他",
    ),
    help(
        "publicize feedback add --received",
        "收到日期；不写则为今天；公示期满后收到的记为逾期",
        "When it was received; today when left out; after the period's end it is marked late",
    ),
    help(
        "publicize feedback add --summary",
        "反映内容摘要",
        "What it says, in summary",
    ),
    help(
        "publicize feedback add --anonymous",
        "匿名意见",
        "An anonymous opinion",
    ),
    help(
        "publicize feedback add --reporter",
        "实名反映人的姓名（加密保存）",
        "A signed opinion's reporter (stored encrypted)",
    ),
    help(
        "publicize feedback add --reporter-contact",
        "实名反映人的联系方式（加密保存）",
        "The reporter's contact (stored encrypted)",
    ),
    help(
        "publicize feedback import",
        "从 CSV 导入意见，列为 收到日期、渠道、单位代码、内容摘要、是否匿名、反映人、联系方式（英文列名亦可：`received`、`channel`、`unit_code`、`summary`、`anonymous`、`reporter`、`reporter_contact`）；有一行出错则一条也不导入",
        "Import opinions from a CSV with the columns received, channel, unit_code, summary, anonymous, reporter, reporter_contact (or 收到日期, 渠道, 单位代码, 内容摘要, 是否匿名, 反映人, 联系方式); one bad row and none is imported",
    ),
    help(
        "publicize feedback import <file>",
        "CSV 文件，或 Excel/WPS 工作簿（`.xlsx`）",
        "The CSV file, or an Excel/WPS workbook (`.xlsx`)",
    ),
    help(
        "publicize feedback import --sheet",
        "读取工作簿中名为 NAME 的工作表，而不是第一个工作表",
        "Read the sheet called NAME of a workbook, not its first sheet",
    ),
    help(
        "publicize feedback list",
        "列出所有意见及其状态（不显示反映人）",
        "List every opinion and its status (never the reporter)",
    ),
    help(
        "publicize feedback show",
        "显示一条意见；加 --reveal-reporter 用私钥查看实名反映人，此操作记入日志",
        "Show one opinion; with --reveal-reporter, open its reporter with the identity, which is journaled",
    ),
    help(
        "publicize feedback show <id>",
        "意见编号，如 F2",
        "The opinion's ID, such as F2",
    ),
    help(
        "publicize feedback show --reveal-reporter",
        "查看实名反映人的身份",
        "Reveal the signed reporter",
    ),
    help(
        "publicize feedback show --identity",
        "`banzi publicize keygen` 写出的私钥文件",
        "The identity file `banzi publicize keygen` wrote",
    ),
    help(
        "publicize feedback show --reason",
        "为什么要查看，记入日志",
        "Why, for the journal",
    ),
    help(
        "publicize investigate",
        "开始核查一条意见，写明核查人",
        "Begin verifying an opinion, naming who verifies it",
    ),
    help("publicize investigate <id>", "意见编号", "The opinion's ID"),
    help(
        "publicize investigate --by",
        "核查人或核查部门",
        "Who verifies it",
    ),
    help(
        "publicize resolve",
        "办结一条意见：核查结论（属实或不属实）、核查情况和办结人",
        "Resolve an opinion: the finding (substantiated or not), what was found, and who resolved it",
    ),
    help("publicize resolve <id>", "意见编号", "The opinion's ID"),
    help(
        "publicize resolve --finding",
        "核查结论：属实（`substantiated`）或不属实（`unsubstantiated`）",
        "The finding: substantiated 属实 or unsubstantiated 不属实",
    ),
    help(
        "publicize resolve --note",
        "核查情况",
        "What the verification found",
    ),
    help(
        "publicize resolve --by",
        "办结人或办结部门",
        "Who resolved it",
    ),
];

pub const EXAMPLES: &[Example] = &[
    example_of(
        "publicize",
        &[
            "banzi publicize open --start 2026-12-07 --contact \"电话：0798-1234567\"",
            "banzi publicize show",
        ],
    ),
    example_of(
        "publicize open",
        &[
            "banzi publicize open --start 2026-12-07 --days 5 --contact \"电话：0798-1234567；地址：市委组织部干部监督科\"",
        ],
    ),
    example_of("publicize show", &["banzi publicize show --json"]),
    example_of(
        "publicize notice",
        &[
            "banzi publicize notice --format html > 公示.html",
            "banzi publicize notice --format pdf > 公示.pdf",
        ],
    ),
    example_of(
        "publicize keygen",
        &["banzi publicize keygen --out ~/banzi-reporters.key"],
    ),
    example_of("publicize close", &["banzi publicize close"]),
    example_of(
        "publicize feedback",
        &[
            "banzi publicize feedback list",
            "banzi publicize feedback import opinions.csv",
        ],
    ),
    example_of(
        "publicize feedback add",
        &[
            "banzi publicize feedback add --unit C02 --channel phone --received 2026-12-08 --summary \"反映……\" --anonymous",
            "banzi publicize feedback add --unit C02 --channel 信函 --summary \"……\" --reporter \"王某\" --reporter-contact \"139……\"",
        ],
    ),
    example_of(
        "publicize feedback import",
        &["banzi publicize feedback import opinions.csv"],
    ),
    example_of(
        "publicize feedback list",
        &[
            "banzi publicize feedback list --json",
            "banzi publicize feedback list --xlsx 公示意见.xlsx",
        ],
    ),
    example_of(
        "publicize feedback show",
        &[
            "banzi publicize feedback show F2",
            "banzi publicize feedback show F2 --reveal-reporter --identity ~/banzi-reporters.key --reason \"核查需要\"",
        ],
    ),
    example_of(
        "publicize investigate",
        &["banzi publicize investigate F2 --by \"干部监督科\""],
    ),
    example_of(
        "publicize resolve",
        &[
            "banzi publicize resolve F2 --finding substantiated --note \"经核查，该单位自评材料存在虚报\" --by \"干部监督科\"",
        ],
    ),
];
