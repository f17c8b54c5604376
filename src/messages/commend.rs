//! The commendation: the final list, its approval and the documents published.

use super::help::{Example, Help, example_of, help};

super::catalogue! {
    // Order.
    not_proposed() => "还没有提出拟表彰名单", "the final list is not proposed yet";
    propose_hint() =>
        "用 `banzi commend propose` 提出拟表彰名单", "propose it with `banzi commend propose`";
    proposal_stale() =>
        "拟表彰名单提出后，其依据已有变化（取消参评资格、一票否决或公示被重新打开），须重新提出并报批",
        "the final list is stale: a ruling or the notice changed since it was proposed; propose it, and have it approved, again";
    no_notice() => "初步名单还没有公示", "the preliminary list has not been publicized";
    notice_open(number: u32) =>
        "第 {number} 次公示尚未结束，不能提出拟表彰名单", "public notice #{number} is not closed yet";
    close_hint(command: &str) =>
        "公示期满、意见办结后用 `{command}` 结束公示", "close it with `{command}` once its period is over and every opinion resolved";
    notice_stale(number: u32) =>
        "第 {number} 次公示已不对应现行的初步名单", "public notice #{number} no longer stands for the current preliminary list";
    republish_hint() =>
        "用 `banzi reopen publicize --reason \"…\"` 重新打开公示，更正名单后重新公示",
        "reopen the notice with `banzi reopen publicize --reason \"…\"`, correct the list and publish it again";
    list_changed(version: u32, changes: &str) =>
        "公示的第 {version} 版初步名单在公示后，除取消参评资格、一票否决外还有其他依据变化（{changes}），名单可能已不正确",
        "version {version} of the preliminary list changed after it was published by more than rulings ({changes}); it may be wrong";
    nobody_left(version: u32) =>
        "公示的第 {version} 版初步名单上的单位都已被剔除，无可表彰", "every unit of the published version {version} has been ruled out: there is no one to commend";
    removed_disqualified(reason: &str, seq: u64) =>
        "取消参评资格（日志第 {seq} 条）：{reason}", "disqualified (journal entry #{seq}): {reason}";
    removed_vetoed(reason: &str, seq: u64) =>
        "一票否决（日志第 {seq} 条）：{reason}", "vetoed (journal entry #{seq}): {reason}";
    removed_withdrawn(reason: &str, seq: u64) =>
        "退出参评（日志第 {seq} 条）：{reason}", "withdrawn (journal entry #{seq}): {reason}";
    outcome_none() => "公示期间未收到反映", "no opinion during the notice";
    outcome_unsubstantiated(n: usize) =>
        "公示期间收到反映 {n} 条，经核查不属实", "{n} opinion(s) during the notice, found unsubstantiated";
    outcome_substantiated(n: usize, m: usize) =>
        "公示期间收到反映 {n} 条，其中 {m} 条经核查属实", "{n} opinion(s) during the notice, {m} found substantiated";
    /// The journal's summary of a proposal.
    proposed(count: usize, out: usize) =>
        "提出拟表彰名单：{count} 个班子（公示后剔除 {out} 个）", "final list proposed: {count} unit(s) ({out} ruled out since publication)";
    approved_already(decision_no: &str, seq: u64) =>
        "拟表彰名单已于日志第 {seq} 条批准（{decision_no}）", "the final list was approved in journal entry #{seq} ({decision_no})";
    show_hint() => "`banzi commend show` 显示其状态", "`banzi commend show` shows where it stands";

    // The approval.
    bad_decision_no(text: &str, why: &str) =>
        "发文字号 `{text}` 不规范：{why}", "`{text}` is not a document number: {why}";
    decision_no_hint() =>
        "写成 `市委〔2026〕12号`：发文机关代字、六角括号括入的四位年份、不加“第”和虚位零的序号、“号”",
        "write it as `市委〔2026〕12号`: the organ's short name, the year in full in 六角括号 〔〕, the serial number without 第 or leading zeros, then 号";
    not_hexagonal() => "年份应使用六角括号〔〕", "the year goes in 六角括号 〔〕, not other brackets";
    no_year() => "缺少用〔〕括入的年份", "the year in 〔〕 is missing";
    no_organ() => "缺少发文机关代字", "the issuing organ's short name is missing";
    year_in_full() => "年份应写全四位数字", "the year must be written in full, four digits";
    no_hao() => "序号后应有“号”", "it must end in 号";
    no_di() => "序号前不加“第”", "the serial number takes no 第";
    leading_zero() => "序号不编虚位（不以 0 开头）", "the serial number has no leading zero";
    serial_digits() => "序号应为阿拉伯数字", "the serial number is in Arabic numerals";
    year_differs(decision_no: &str, date: &str) =>
        "发文字号 `{decision_no}` 的年份与成文日期 {date} 不一致", "the year of `{decision_no}` is not that of the date {date}";
    date_before_close(date: &str, closed: &str) =>
        "成文日期 {date} 早于公示结束之日 {closed}", "the date {date} is before the public notice was closed on {closed}";
    date_hint(closed: &str) =>
        "成文日期不能早于 {closed}", "give a date on or after {closed}";
    the_approver() => "审批机关", "the approver";
    /// The journal's summary of an approval.
    approved(decision_no: &str, date: &str) =>
        "拟表彰名单获批准：{decision_no}，{date}", "final list approved: {decision_no}, {date}";
    not_approved() => "拟表彰名单尚未批准", "the final list is not approved yet";
    approve_hint() =>
        "用 `banzi commend approve --decision-no \"市委〔2026〕12号\" --date 2026-12-20` 记录批准",
        "record the approval with `banzi commend approve --decision-no \"市委〔2026〕12号\" --date 2026-12-20`";

    // Publishing.
    /// The journal's summary of a publication.
    published(count: usize) => "印发表彰决定和名单：{count} 个文件", "commendation published: {count} file(s)";
    out_inside(path: &str) =>
        "`{path}` 在活动文件夹里：活动文件夹只由 banzi 记录", "`{path}` is inside the campaign, which only banzi's records may be in";
    out_hint() => "写到活动文件夹之外，如 `--out ../表彰文件`", "write them outside the campaign, such as `--out ../out`";
    cannot_write(path: &str, cause: &str) => "无法写入 `{path}`：{cause}", "cannot write `{path}`: {cause}";
    wrote(path: &str, sha256: &str) => "已写入 {path}（SHA-256 {sha256}）", "{path}  SHA-256 {sha256}";
    written_to(folder: &str) => "文件在 `{folder}`", "the files are in `{folder}`";

    // What `show` prints.
    state_proposed() => "已提出", "proposed";
    state_approved() => "已批准", "approved";
    state_published() => "已印发", "published";
    show_heading(state: &str, notice: u32, version: u32) =>
        "拟表彰名单：{state}（第 {notice} 次公示的第 {version} 版初步名单）", "Final list: {state} (version {version} of the preliminary list, public notice #{notice})";
    show_approval(decision_no: &str, date: &str, approver: &str) =>
        "批准：{decision_no}，{date}，{approver}", "Approved: {decision_no}, {date}, by {approver}";
    show_stale() =>
        "已过时：提出后其依据有了变化，须重新提出并报批", "stale: something it rests on changed since; propose it, and have it approved, again";
    show_removed(unit: &str, name: &str, reason: &str) =>
        "剔除 {unit} {name}：{reason}", "Left out {unit} {name}: {reason}";
    heading_category() => "类别", "Category";
    heading_rank() => "名次", "Rank";
    heading_unit() => "单位代码", "Code";
    heading_name() => "单位名称", "Unit";
    heading_composite() => "综合得分", "Composite";
    heading_heads() => "主要负责人", "Heads";
    nothing_yet() => "还没有提出拟表彰名单", "no final list yet";
}

/// The state in words, in the language in force.
pub fn state(state: crate::commend::State) -> String {
    match state {
        crate::commend::State::Proposed => state_proposed(),
        crate::commend::State::Approved => state_approved(),
        crate::commend::State::Published => state_published(),
    }
}

pub const HELP: &[Help] = &[
    help(
        "commend",
        "推荐表彰：提出拟表彰名单，记录市委批准，印发表彰决定、名单和荣誉证书",
        "The commendation: propose the final list, record the committee's approval, publish the decision, the list and the certificates",
    ),
    help(
        "commend propose",
        "提出拟表彰名单：公示的初步名单，剔除公示后被取消参评资格、一票否决或退出参评的单位",
        "Propose the final list: the published list less every unit disqualified, vetoed or withdrawn since",
    ),
    help(
        "commend proposal",
        "打印拟表彰名单的请示（Markdown）",
        "Print the proposal (请示) of the final list, in Markdown",
    ),
    help(
        "commend approve",
        "记录市委对拟表彰名单的批准：发文字号和成文日期",
        "Record the committee's approval of the final list: its document number and date",
    ),
    help(
        "commend approve --decision-no",
        "发文字号，如 `市委〔2026〕12号`",
        "The document number, such as `市委〔2026〕12号`",
    ),
    help(
        "commend approve --date",
        "成文日期，不早于公示结束之日",
        "The document's date (成文日期), not before the notice was closed",
    ),
    help(
        "commend approve --approver",
        "审批机关；不写则用 campaign.toml 的 `approver`",
        "Who approved it; the campaign's `approver` when left out",
    ),
    help(
        "commend publish",
        "印发表彰决定和名单（PDF、HTML、Markdown、CSV），加 --certificates 还有每个单位一页荣誉证书",
        "Publish the decision and the list (PDF, HTML, Markdown, CSV); with --certificates, a certificate page per unit",
    ),
    help(
        "commend publish --out",
        "文件写到哪个文件夹（活动文件夹之外）",
        "The folder to write the files to, outside the campaign",
    ),
    help(
        "commend publish --certificates",
        "同时印制荣誉证书",
        "Also print the certificates (荣誉证书)",
    ),
    help(
        "commend publish --numeral-dates",
        "荣誉证书的日期用汉字书写，如 二〇二六年十二月二十日",
        "Write the certificates' dates in Chinese numerals, such as 二〇二六年十二月二十日",
    ),
    help(
        "commend show",
        "显示拟表彰名单：状态、发文字号和日期、名单和剔除的单位",
        "Show the final list: its state, document number and date, the units and those left out",
    ),
];

pub const EXAMPLES: &[Example] = &[
    example_of(
        "commend",
        &[
            "banzi commend propose",
            "banzi commend approve --decision-no \"市委〔2026〕12号\" --date 2026-12-20",
            "banzi commend publish --out ../表彰文件 --certificates",
        ],
    ),
    example_of("commend propose", &["banzi commend propose"]),
    example_of("commend proposal", &["banzi commend proposal > 请示.md"]),
    example_of(
        "commend approve",
        &[
            "banzi commend approve --decision-no \"市委〔2026〕12号\" --date 2026-12-20 --approver 市委",
        ],
    ),
    example_of(
        "commend publish",
        &["banzi commend publish --out ../表彰文件 --certificates"],
    ),
    example_of(
        "commend show",
        &[
            "banzi commend show",
            "banzi commend show --json",
            "banzi commend show --xlsx 表彰名单.xlsx",
        ],
    ),
];
