//! The help of every command and argument, in both languages, keyed by where it is typed:
//! `"plan import"` for a command (`"banzi"` for banzi itself), `"plan import --replace"` for a
//! flag, `"plan import <folder>"` for a positional argument by its id. Each concern keeps its
//! entries beside its messages; `cli::help` puts them into the clap definition, and a test there
//! checks that every command and argument has its entry and every entry its command.

use super::{Lang, lang};

/// The help of one command or argument. A command's text is its first line in lists and the
/// opening of its `--help`.
#[derive(Debug)]
pub struct Help {
    pub key: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
}

/// A command line that shows a command at work, ending its `--help`; the same in both languages.
#[derive(Debug)]
pub struct Example {
    pub key: &'static str,
    pub lines: &'static [&'static str],
}

/// Every table of help, one per concern.
pub const TABLES: &[&[Help]] = &[
    ROOT,
    super::cli::HELP,
    super::store::HELP,
    super::journal::HELP,
    super::verify::HELP,
    super::archive::HELP,
    super::reopen::HELP,
    super::import::HELP,
    super::settings::HELP,
    super::units::HELP,
    super::plan::HELP,
    super::self_assess::HELP,
    super::inspect::HELP,
    super::votes::HELP,
    super::shortlist::HELP,
    super::rulings::HELP,
    super::steps::HELP,
    super::calendar::HELP,
    super::publicize::HELP,
    super::commend::HELP,
    super::fonts::HELP,
    super::workbook::HELP,
    super::forms::HELP,
];

/// Every table of examples, one per concern.
pub const EXAMPLES: &[&[Example]] = &[
    ROOT_EXAMPLES,
    super::cli::EXAMPLES,
    super::store::EXAMPLES,
    super::journal::EXAMPLES,
    super::verify::EXAMPLES,
    super::archive::EXAMPLES,
    super::reopen::EXAMPLES,
    super::import::EXAMPLES,
    super::settings::EXAMPLES,
    super::units::EXAMPLES,
    super::plan::EXAMPLES,
    super::self_assess::EXAMPLES,
    super::inspect::EXAMPLES,
    super::votes::EXAMPLES,
    super::shortlist::EXAMPLES,
    super::rulings::EXAMPLES,
    super::steps::EXAMPLES,
    super::calendar::EXAMPLES,
    super::publicize::EXAMPLES,
    super::commend::EXAMPLES,
    super::fonts::EXAMPLES,
];

/// The help of `key` in the language in force.
pub fn text(key: &str) -> Option<&'static str> {
    let help = TABLES
        .iter()
        .flat_map(|t| t.iter())
        .find(|h| h.key == key)?;
    Some(match lang() {
        Lang::Zh => help.zh,
        Lang::En => help.en,
    })
}

/// The example command lines of `key`.
pub fn example(key: &str) -> Option<&'static [&'static str]> {
    EXAMPLES
        .iter()
        .flat_map(|t| t.iter())
        .find(|e| e.key == key)
        .map(|e| e.lines)
}

/// Every key in every table, for the test that matches them with the commands.
pub fn keys() -> impl Iterator<Item = &'static str> {
    TABLES.iter().flat_map(|t| t.iter()).map(|h| h.key)
}

/// Every key that has an example.
pub fn example_keys() -> impl Iterator<Item = &'static str> {
    EXAMPLES.iter().flat_map(|t| t.iter()).map(|e| e.key)
}

/// A table entry: `help("plan import", "中文", "English")`.
pub const fn help(key: &'static str, zh: &'static str, en: &'static str) -> Help {
    Help { key, zh, en }
}

/// An example entry: `example("plan import", &["banzi plan import plans/"])`.
pub const fn example_of(key: &'static str, lines: &'static [&'static str]) -> Example {
    Example { key, lines }
}

super::catalogue! {
    /// The heading of the examples at the end of a command's help.
    examples_heading() => "示例：", "Examples:";
    /// The heading of the usage line in help and usage errors.
    usage_heading() => "用法：", "Usage:";
    commands_heading() => "命令", "Commands";
    arguments_heading() => "参数", "Arguments";
    options_heading() => "选项", "Options";
    /// A flag's default, after its help.
    default_value(value: &str) => "［默认：{value}］", "[default: {value}]";
    /// The values an argument takes, after its help.
    possible_values(values: &str) => "［可选值：{values}］", "[possible values: {values}]";
    /// The variable an argument is read from, after its help.
    environment_variable(name: &str) => "［环境变量：{name}］", "[env: {name}]";
}

const ROOT: &[Help] = &[
    help(
        "banzi",
        "组织实施争创“四强一硬”好班子活动：制定方案、自评报告、组织考察、初步名单、公示与表彰，每项改动都记入日志。",
        "Runs a \"Four Strongs, One Hard\" (争创“四强一硬”好班子) campaign: plans, self-assessments, inspection, the shortlist, the public notice and the commendation, with every change journaled.",
    ),
    help(
        "banzi --campaign",
        "活动目录［默认：BANZI_CAMPAIGN，否则为最近一个含 campaign.toml 的上级目录］",
        "The campaign directory [default: BANZI_CAMPAIGN, else the nearest parent with a campaign.toml]",
    ),
    help(
        "banzi --operator",
        "记入日志的操作人［默认：BANZI_OPERATOR，否则为登录名］",
        "Who is making the change, for the journal [default: BANZI_OPERATOR, else the login name]",
    ),
    help(
        "banzi --json",
        "以 JSON 格式在标准输出打印供脚本使用的数据",
        "Print data for scripts as JSON on stdout",
    ),
    help(
        "banzi --quiet",
        "不打印进度和状态信息，只打印数据和错误",
        "Print no progress or status messages, only data and errors",
    ),
    help(
        "banzi --today",
        "按这一天办理（补录纸质记录时用，如意见的登记、办结和公示的结束）；日志同时记下实际时间和这一天；不能晚于今天",
        "Act as of this date, for records entered late (opinions, their resolution, closing a notice); the journal keeps both the real time and this date; not after today",
    ),
    help(
        "banzi --lang",
        "界面语言［默认：BANZI_LANG，否则按 LC_ALL、LC_MESSAGES、LANG，否则为英文］",
        "The language banzi speaks [default: BANZI_LANG, else LC_ALL, LC_MESSAGES, LANG, else English]",
    ),
    help("banzi --help", "打印帮助", "Print help"),
    help("banzi --version", "打印版本号", "Print version"),
];

const ROOT_EXAMPLES: &[Example] = &[example_of(
    "banzi",
    &[
        "banzi init 2026 --name \"2026年度争创“四强一硬”好班子活动\" --year 2026",
        "banzi -C 2026 status",
    ],
)];
