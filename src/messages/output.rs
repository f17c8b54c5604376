//! The words around every message: its label, and what people see of the exit codes.

super::catalogue! {
    /// Before an error.
    error() => "错误", "error";
    /// After the start of a value too long to quote whole.
    elided(length: usize) => "……（共 {length} 个字符）", "… ({length} characters in all)";
    /// Before what to do about an error.
    hint() => "提示", "hint";
    /// Before something people should act on.
    warning() => "警告", "warning";
    /// Before the summary of a change that was made.
    done() => "完成", "done";
    /// A committed change and the journal entry that records it.
    committed(summary: &str, entry: &str) => "{summary}（{entry}）", "{summary} ({entry})";
    /// An error from underneath banzi, such as the file system's, after our sentence.
    caused_by(what: &str, cause: &str) => "{what}：{cause}", "{what}: {cause}";
    /// The exit codes, at the end of `banzi --help`.
    exit_codes() => "退出码：
  0  成功
  1  其他失败（文件无法读取、活动正被占用等）
  2  用法错误：命令行写错了
  3  步骤顺序不允许：缺少前面的步骤，或后面的步骤已锁定本步骤
  4  输入无效：文件或参数有误，未作任何改动
  5  完整性问题：有记录在 banzi 之外被改动", "Exit codes:
  0  ok
  1  other failure (unreadable file, campaign busy, …)
  2  usage: the command line is wrong
  3  refused by step order: an earlier step is missing, or a later one locks this
  4  invalid input: a file or argument is wrong; nothing was changed
  5  integrity problem: a record was changed outside banzi";
    /// `--lang` or `BANZI_LANG` names a language banzi does not speak.
    unknown_lang(origin: &str, value: &str) =>
        "{origin} 的值 `{value}` 不是 banzi 支持的语言", "{origin} `{value}` is not a language banzi speaks";
    unknown_lang_hint(names: &str) => "可用：{names}", "use one of: {names}";
}
