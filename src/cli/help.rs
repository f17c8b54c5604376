//! The help of every command in the language in force, put into the clap definition from the
//! catalogue ([`crate::messages::help`]), and clap's own usage errors said in that language.

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command};

use crate::messages::help::{self as catalogue, text};
use crate::messages::{self, Lang, cli as words};

/// The key of a command in the help catalogue: `banzi` or its words after `banzi`.
pub fn command_key(path: &str) -> String {
    if path.is_empty() {
        "banzi".to_owned()
    } else {
        path.to_owned()
    }
}

/// The key of an argument of the command at `path`: `--long` for a flag, `<id>` for a
/// positional one. Global arguments are kept under `banzi`.
pub fn arg_key(path: &str, arg: &Arg) -> String {
    let name = match arg.get_long() {
        Some(long) => format!("--{long}"),
        None => format!("<{}>", arg.get_id()),
    };
    format!("{} {name}", command_key(path))
}

/// `cmd`, the command at `path`, with its help and its subcommands' from the catalogue, in the
/// language in force.
pub fn localize(cmd: Command, path: &str) -> Command {
    let key = command_key(path);
    let mut cmd = cmd
        .disable_help_flag(true)
        .disable_help_subcommand(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .display_order(usize::MAX),
        );
    if let Some(about) = text(&key) {
        cmd = cmd.about(about).long_about(None);
    }
    let mut after = Vec::new();
    if path.is_empty() {
        cmd = cmd.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .display_order(usize::MAX),
        );
        after.push(messages::output::exit_codes());
    }
    if let Some(lines) = catalogue::example(&key) {
        let mut shown = catalogue::examples_heading();
        for line in lines {
            shown.push_str("\n  ");
            shown.push_str(line);
        }
        after.push(shown);
    }
    if !after.is_empty() {
        cmd = cmd.after_help(after.join("\n\n"));
    }
    let chinese = messages::lang() == Lang::Zh;
    if chinese {
        cmd = cmd
            .help_template(format!(
                "{{about-with-newline}}\n{}{{usage}}\n\n{{all-args}}{{after-help}}",
                catalogue::usage_heading()
            ))
            .subcommand_help_heading(catalogue::commands_heading());
    }
    let prefix = path.to_owned();
    cmd = cmd.mut_args(|arg| {
        // Global arguments are defined on banzi, and clap copies them to every subcommand.
        if arg.is_global_set() && !prefix.is_empty() {
            return arg;
        }
        let key = match arg.get_id().as_str() {
            "help" | "version" => format!("banzi --{}", arg.get_id()),
            _ => arg_key(&prefix, &arg),
        };
        let mut arg = match text(&key) {
            Some(help) => {
                let help = with_details(help, &arg, chinese);
                arg.help(help)
            }
            None => arg,
        };
        if chinese {
            let heading = if arg.is_positional() {
                catalogue::arguments_heading()
            } else {
                catalogue::options_heading()
            };
            arg = arg.hide_env(true).help_heading(heading);
            if arg.get_action().takes_values() {
                arg = arg.hide_default_value(true).hide_possible_values(true);
            }
        }
        arg
    });
    cmd.mut_subcommands(|sub| {
        let name = sub.get_name().to_owned();
        let path = if prefix.is_empty() {
            name
        } else {
            format!("{prefix} {name}")
        };
        localize(sub, &path)
    })
}

/// A help text with the default, the values and the variable of its argument, which clap would
/// add in English.
fn with_details(help: &str, arg: &Arg, chinese: bool) -> String {
    let mut help = help.to_owned();
    if !chinese {
        return help;
    }
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|v| format!("`{}`", v.to_string_lossy()))
        .collect();
    if !defaults.is_empty() && arg.get_action().takes_values() {
        help.push(' ');
        help.push_str(&catalogue::default_value(&defaults.join("、")));
    }
    let values: Vec<String> = arg
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| format!("`{}`", v.get_name()))
        .collect();
    if !values.is_empty() && arg.get_action().takes_values() {
        help.push(' ');
        help.push_str(&catalogue::possible_values(&values.join("、")));
    }
    if let Some(name) = arg.get_env() {
        help.push(' ');
        help.push_str(&catalogue::environment_variable(&name.to_string_lossy()));
    }
    help
}

/// The help (or version) clap shows for `error`, styled; in Chinese with a full-width colon
/// after each section's heading, where clap puts an ASCII one.
pub fn rendered(error: &clap::Error) -> String {
    let text = error.render().ansi().to_string();
    if messages::lang() == Lang::En {
        return text;
    }
    let headings = [
        catalogue::commands_heading(),
        catalogue::arguments_heading(),
        catalogue::options_heading(),
    ];
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let bare = anstream::adapter::strip_str(line).to_string();
        match headings.iter().find(|h| bare.trim_end() == format!("{h}:")) {
            Some(h) => out.push_str(&line.replacen(&format!("{h}:"), &format!("{h}："), 1)),
            None => out.push_str(line),
        }
    }
    out
}

/// A usage error of clap's said in the language in force: in English clap's own words, in
/// Chinese ours, with clap's context (the argument, the value, the suggestion) kept.
pub fn usage_error(error: &clap::Error) -> String {
    // A command that needs a subcommand, run without one, shows its help, as clap renders it
    // from the definition already in the language in force.
    if messages::lang() == Lang::En {
        return error.render().to_string();
    }
    if error.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
        return rendered(error);
    }
    let context = |kind| match error.get(kind) {
        // What the user typed is shown, never played: control characters are written out.
        Some(ContextValue::String(s)) => s.escape_debug().to_string(),
        Some(ContextValue::Strings(v)) => v
            .iter()
            .map(|s| s.escape_debug().to_string())
            .collect::<Vec<_>>()
            .join("、"),
        Some(ContextValue::StyledStr(s)) => s.to_string(),
        Some(ContextValue::StyledStrs(v)) => v
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("；"),
        Some(ContextValue::Number(n)) => n.to_string(),
        Some(ContextValue::Bool(b)) => b.to_string(),
        Some(ContextValue::None) | None => String::new(),
        Some(_) => String::new(),
    };
    let arg = context(ContextKind::InvalidArg);
    let value = context(ContextKind::InvalidValue);
    let sub = context(ContextKind::InvalidSubcommand);
    let message = match error.kind() {
        ErrorKind::UnknownArgument => words::unknown_argument(&arg),
        ErrorKind::InvalidSubcommand => words::unknown_subcommand(&sub),
        ErrorKind::MissingRequiredArgument => words::missing_arguments(&arg),
        ErrorKind::MissingSubcommand => {
            words::missing_subcommand(&sub, &context(ContextKind::ValidSubcommand))
        }
        ErrorKind::InvalidValue if value.is_empty() => words::missing_value(&arg),
        ErrorKind::InvalidValue => {
            words::invalid_value(&value, &arg, &context(ContextKind::ValidValue))
        }
        ErrorKind::ValueValidation => {
            let cause =
                std::error::Error::source(error).map_or_else(String::new, |s| s.to_string());
            words::value_not_valid(&value, &arg, &cause)
        }
        ErrorKind::ArgumentConflict => {
            words::conflicting_arguments(&arg, &context(ContextKind::PriorArg))
        }
        ErrorKind::TooManyValues => words::too_many_values(&value, &arg),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            words::wrong_number_of_values(&arg)
        }
        ErrorKind::NoEquals => words::needs_equals(&arg),
        ErrorKind::InvalidUtf8 => words::not_utf8(),
        _ => words::usage_other(&error.kind().to_string()),
    };
    let mut out = format!("{}：{message}", messages::output::error());
    for kind in [
        ContextKind::SuggestedSubcommand,
        ContextKind::SuggestedArg,
        ContextKind::SuggestedValue,
    ] {
        let similar = context(kind);
        if !similar.is_empty() {
            out.push_str(&format!("\n\n  {}", words::did_you_mean(&similar)));
        }
    }
    let tips = context(ContextKind::Suggested);
    if !tips.is_empty() {
        out.push_str(&format!("\n\n  {}：{tips}", messages::output::hint()));
    }
    let usage = context(ContextKind::Usage);
    if !usage.is_empty() {
        let usage = usage
            .strip_prefix("Usage:")
            .map_or(usage.as_str(), str::trim_start);
        out.push_str(&format!("\n\n{}{usage}", catalogue::usage_heading()));
    }
    out.push_str(&format!("\n\n{}\n", words::try_help()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory as _;
    use std::collections::BTreeSet;

    /// Every key the command line needs help for, walked from its definition: each command and
    /// each argument it defines itself.
    fn needed(cmd: &Command, path: &str, keys: &mut Vec<(String, bool)>) {
        keys.push((command_key(path), cmd.get_about().is_some()));
        for arg in cmd.get_arguments() {
            keys.push((arg_key(path, arg), arg.get_help().is_some()));
        }
        for sub in cmd.get_subcommands() {
            let path = format!("{path} {}", sub.get_name());
            needed(sub, path.trim_start(), keys);
        }
    }

    #[test]
    fn every_command_and_argument_has_its_help_in_the_catalogue_and_nowhere_else() {
        let mut keys = Vec::new();
        needed(&crate::cli::Cli::command(), "", &mut keys);
        let known: BTreeSet<&str> = catalogue::keys().collect();
        let missing: Vec<&str> = keys
            .iter()
            .map(|(k, _)| k.as_str())
            .filter(|k| !known.contains(k))
            .collect();
        assert!(
            missing.is_empty(),
            "no help in the catalogue for {missing:#?}"
        );
        let in_code: Vec<&str> = keys
            .iter()
            .filter(|(_, documented)| *documented)
            .map(|(k, _)| k.as_str())
            .collect();
        assert!(
            in_code.is_empty(),
            "help written in the clap definition rather than the catalogue: {in_code:#?}"
        );
        let used: BTreeSet<&str> = keys.iter().map(|(k, _)| k.as_str()).collect();
        let stale: Vec<&&str> = known
            .iter()
            .filter(|k| !used.contains(**k) && !["banzi --help", "banzi --version"].contains(k))
            .collect();
        assert!(
            stale.is_empty(),
            "help for nothing on the command line: {stale:#?}"
        );
        for help in catalogue::TABLES.iter().flat_map(|t| t.iter()) {
            assert!(
                help.zh
                    .chars()
                    .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "the Chinese help of `{}` is not in Chinese: {:?}",
                help.key,
                help.zh
            );
        }
    }

    #[test]
    fn every_command_ends_its_help_with_an_example() {
        let mut keys = Vec::new();
        needed(&crate::cli::Cli::command(), "", &mut keys);
        let commands: BTreeSet<String> = keys
            .into_iter()
            .map(|(k, _)| k)
            .filter(|k| !k.contains(" -") && !k.contains(" <"))
            .collect();
        let examples: BTreeSet<&str> = catalogue::example_keys().collect();
        let missing: Vec<&String> = commands
            .iter()
            .filter(|k| !examples.contains(k.as_str()))
            .collect();
        assert!(missing.is_empty(), "no example for {missing:#?}");
        for key in &examples {
            assert!(commands.contains(*key), "an example of no command: `{key}`");
            for line in catalogue::example(key).unwrap() {
                assert!(line.starts_with("banzi "), "`{key}`: {line}");
            }
        }
    }
}
