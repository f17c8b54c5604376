//! The steps, their order and states, `banzi status` and `banzi next`, and the shell's
//! completions and man page.

use super::help::{Example, Help, example_of, help};
use crate::steps::{State, Step};

super::catalogue! {
    // What each step's record is called in messages.
    noun_units() => "参评班子名册", "unit register";
    noun_plan() => "工作方案", "plan";
    noun_self_assess() => "自评报告", "self-assessment";
    noun_inspect() => "组织考察记录", "inspection";
    noun_shortlist() => "初步名单", "preliminary list";
    noun_publicize() => "初步名单公示", "public notice";
    noun_commend() => "表彰名单", "commendation";
    // Each step's heading in the status table.
    title_units() => "参评班子", "Units";
    title_plan() => "制定方案", "Plan";
    title_self_assess() => "自评报告", "Self-assessment";
    title_inspect() => "组织考察", "Inspection";
    title_shortlist() => "初步名单", "Preliminary list";
    title_publicize() => "公示", "Public notice";
    title_commend() => "推荐表彰", "Commendation";
    // A unit's state on a step, in the status table.
    state_missing() => "未提交", "missing";
    state_done() => "已完成", "done";
    state_stale() => "需重做", "stale";
    state_partial() => "进行中", "partial";
    /// A stored record names a step banzi does not have.
    not_a_step(key: &str) => "`{key}` 不是一个步骤", "`{key}` is not a step";

    // Refusals for step order.
    needs_missing(step: &str, unit: &str, required: &str, title: &str) =>
        "单位 `{unit}` 还不能提交{step}：「{title}」这一步的{required}尚未提交",
        "cannot take the {step} of unit `{unit}`: its {required} ({title}) is missing";
    needs_stale(step: &str, unit: &str, required: &str, title: &str) =>
        "单位 `{unit}` 还不能提交{step}：「{title}」这一步的{required}已被退回，需要重新提交",
        "cannot take the {step} of unit `{unit}`: its {required} ({title}) was reopened and must be submitted again";
    needs_hint(command: &str) => "请先运行 `{command}`", "first run `{command}`";
    locked_done(step: &str, unit: &str, dependent: &str, title: &str) =>
        "单位 `{unit}` 的{step}已锁定：「{title}」这一步的{dependent}已经完成",
        "the {step} of unit `{unit}` is locked: its {dependent} ({title}) is already done";
    locked_begun(step: &str, unit: &str, dependent: &str, title: &str) =>
        "单位 `{unit}` 的{step}已锁定：「{title}」这一步的{dependent}已经开始",
        "the {step} of unit `{unit}` is locked: its {dependent} ({title}) has begun";
    locked_hint(command: &str, unit: &str, dependent: &str) =>
        "如需更正，请运行 `banzi reopen {command} --unit {unit} --reason \"…\"`；之后{dependent}需要重做",
        "to correct it, run `banzi reopen {command} --unit {unit} --reason \"…\"`; the {dependent} will then need redoing";

    // `banzi status`.
    heading(name: &str, year: i32, phase: &str) =>
        "{name}（{year}年）  当前阶段：{phase}", "{name}（{year}年）  phase: {phase}";
    no_units() => "尚未登记参评单位", "no units registered yet";
    column_code() => "代码", "Code";
    column_name() => "单位名称", "Unit name";
    column_category() => "类别", "Category";
    column_next() => "下一步", "Next";
    withdrawn_cell(reason: &str) => "已退出参评：{reason}", "withdrawn: {reason}";
    vetoed_cell(reason: &str) => "一票否决：{reason}", "vetoed: {reason}";
    total(step: &str, done: usize, units: usize) => "{step} {done}/{units} 已完成", "{step} {done}/{units} done";
    total_stale(n: usize) => "，{n} 个需重做", ", {n} stale";
    totals_separator() => "；", "; ";
    list_line(version: u32, included: usize, state: &str) =>
        "初步名单：第 {version} 版，列入 {included} 个单位（{state}）",
        "preliminary list: version {version}, {included} unit(s) included ({state})";
    list_current() => "为最新", "current";
    list_stale() => "已过时：此后有输入改动，请运行 `banzi shortlist` 生成新版本",
        "stale: an input changed since; run `banzi shortlist` for a new version";

    // The next thing to do, at the end of `banzi status`.
    next_line(command: &str) => "下一步：{command}", "next: {command}";
    next_unit_step(n: usize, step: &str) =>
        "还有 {n} 个单位的{step}未完成", "{n} unit(s) still need their {step}";
    next_annual() =>
        "每个单位都已考察，但尚未导入年度考核结果", "every unit is inspected, but the annual-assessment results are not imported";
    next_votes() =>
        "每个单位都已考察，但尚未导入民主测评票数", "every unit is inspected, but the democratic-evaluation votes are not imported";
    next_draw(flags: usize) =>
        "每个单位都已考察，可以生成初步名单；尚有 {flags} 个疑点未清除（`banzi inspect flags`）",
        "every unit is inspected: draw the preliminary list; {flags} flag(s) are still open (`banzi inspect flags`)";
    next_redraw(version: u32, changes: &str) =>
        "初步名单第 {version} 版已过时，此后：{changes}；请重新生成",
        "version {version} of the preliminary list is stale: since then {changes}; draw it again";
    next_reopen_notice(number: u32, changes: &str) =>
        "第 {number} 次公示期间，所公示名单的依据有了变化（{changes}）：须重新打开公示，重新生成名单后再次公示",
        "the list of public notice #{number} changed under it ({changes}): reopen the notice, draw the list again and publish it anew";
    next_publicize(version: u32) =>
        "第 {version} 版初步名单为最新，可以公示", "version {version} of the preliminary list is current and can be published";
    next_notice_open(number: u32, end: &str, unresolved: usize) =>
        "第 {number} 次公示进行中，到 {end} 期满；尚有 {unresolved} 条意见未办结",
        "public notice #{number} is open until {end}; {unresolved} opinion(s) not resolved";
    next_notice_closable(number: u32) =>
        "第 {number} 次公示已期满，意见均已办结，可以结束", "public notice #{number} is over and every opinion resolved: it can be closed";
    list_published() =>
        "已公示；此后被一票否决或取消参评资格的单位在最终名单中剔除，名单不重新生成",
        "published; units vetoed or disqualified since leave the final list, which is not drawn again";
    disqualified_cell(reason: &str) => "取消参评资格：{reason}", "disqualified: {reason}";
    notice_line(number: u32, state: &str, start: &str, end: &str) =>
        "公示：第 {number} 次，{state}（{start} 至 {end}）", "public notice: #{number}, {state} ({start} to {end})";
    next_published(number: u32) =>
        "第 {number} 次公示已结束，可以提出拟表彰名单", "public notice #{number} is closed: propose the final list";
    next_commend_stale() =>
        "拟表彰名单提出后其依据有了变化，须重新提出并报批", "the final list changed under its proposal: propose it, and have it approved, again";
    next_approve() => "拟表彰名单已提出，待市委批准后记录批准", "the final list is proposed: record the committee's approval";
    next_publish() => "拟表彰名单已获批准，可以印发表彰决定和名单", "the final list is approved: publish the decision and the list";
    next_complete() => "表彰决定和名单已印发，活动全部完成", "the decision and the list are published: the campaign is complete";

    // `banzi completions` and `banzi man`.
    cannot_write(what: &str, cause: &str) => "无法输出{what}：{cause}", "cannot write the {what}: {cause}";
    completion_script() => "补全脚本", "completion script";
    man_page() => "手册页", "man page";
    no_such_command(command: &str) => "没有 `{command}` 这个命令", "there is no command `{command}`";
    no_such_command_hint() => "`banzi --help` 列出所有命令", "`banzi --help` lists the commands";
}

/// What `step`'s record is called in messages.
pub fn noun(step: Step) -> String {
    match step {
        Step::Units => noun_units(),
        Step::Plan => noun_plan(),
        Step::SelfAssess => noun_self_assess(),
        Step::Inspect => noun_inspect(),
        Step::Shortlist => noun_shortlist(),
        Step::Publicize => noun_publicize(),
        Step::Commend => noun_commend(),
    }
}

/// `step`'s heading in tables.
pub fn title(step: Step) -> String {
    match step {
        Step::Units => title_units(),
        Step::Plan => title_plan(),
        Step::SelfAssess => title_self_assess(),
        Step::Inspect => title_inspect(),
        Step::Shortlist => title_shortlist(),
        Step::Publicize => title_publicize(),
        Step::Commend => title_commend(),
    }
}

/// A unit's state on a step, for people.
pub fn state(state: State) -> String {
    match state {
        State::Missing => state_missing(),
        State::Done => state_done(),
        State::Stale => state_stale(),
        State::Partial => state_partial(),
    }
}

/// The headings of the man page's sections, in the language in force: clap_mangen writes them
/// in English.
pub fn man_section(english: &str) -> Option<&'static str> {
    const SECTIONS: &[(&str, &str)] = &[
        ("NAME", "名称"),
        ("SYNOPSIS", "概要"),
        ("DESCRIPTION", "描述"),
        ("OPTIONS", "选项"),
        ("SUBCOMMANDS", "子命令"),
        ("EXTRA", "附注"),
        ("VERSION", "版本"),
        ("AUTHORS", "作者"),
        ("AUTHOR", "作者"),
        ("EXIT STATUS", "退出码"),
        ("ENVIRONMENT", "环境变量"),
        ("EXAMPLES", "示例"),
    ];
    let english = english.trim().trim_matches('"');
    SECTIONS
        .iter()
        .find(|(en, _)| *en == english)
        .map(|(en, zh)| match super::lang() {
            super::Lang::Zh => *zh,
            super::Lang::En => *en,
        })
}

pub const HELP: &[Help] = &[
    help(
        "status",
        "显示活动所处阶段、各单位各步骤的完成情况，以及下一步要做什么",
        "Show the campaign's phase and each unit's steps, with what comes next",
    ),
    help(
        "next",
        "只打印活动下一步要运行的命令；活动当前各步骤均已完成时不打印",
        "Print just the command to run next for the campaign; nothing when it is complete",
    ),
    help(
        "completions",
        "打印命令行补全脚本，供 `bash`、`zsh`、`fish` 等加载",
        "Print the shell completion script",
    ),
    help(
        "completions <shell>",
        "为哪种命令行生成补全脚本",
        "The shell to complete banzi in",
    ),
    help(
        "man",
        "以 `roff` 格式打印 banzi 或其某个命令的手册页",
        "Print the man page (roff) of banzi or of one of its commands",
    ),
    help(
        "man <command>",
        "只打印这个命令的手册页，如 `plan import`；不写则打印 banzi 的",
        "The command whose page to print, such as `plan import`; banzi's own when left out",
    ),
];

pub const EXAMPLES: &[Example] = &[
    example_of("status", &["banzi status", "banzi status --json"]),
    example_of("next", &["banzi next", "banzi -C 2026 next"]),
    example_of(
        "completions",
        &[
            "banzi completions bash > ~/.local/share/bash-completion/completions/banzi",
            "banzi completions zsh > ~/.zfunc/_banzi",
        ],
    ),
    example_of(
        "man",
        &[
            "banzi man > banzi.1 && man -l banzi.1",
            "banzi --lang zh-CN man | man -l -",
            "banzi man plan import > banzi-plan-import.1",
        ],
    ),
];
