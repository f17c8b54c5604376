//! The command line itself: help, version, usage errors and their exit code.

use predicates::prelude::*;

use crate::fixture::*;

#[test]
fn help_documents_the_exit_codes() {
    let f = Fixture::new();
    f.command_in(f.root())
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("Exit codes"))
        .stdout(predicate::str::contains("5  integrity problem"));
}

/// The clap definition of the command line, as the binary parses it.
fn cli() -> clap::Command {
    banzi::cli::command()
}

/// Every command a person can type, the top one first, as the words after `banzi` with its
/// definition: subcommands and theirs, to any depth, as clap defines them.
fn every_command() -> Vec<(Vec<String>, clap::Command)> {
    fn walk(path: &[String], cmd: &clap::Command, out: &mut Vec<(Vec<String>, clap::Command)>) {
        out.push((path.to_vec(), cmd.clone()));
        for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
            let mut longer = path.to_vec();
            longer.push(sub.get_name().to_owned());
            walk(&longer, sub, out);
        }
    }
    let mut out = Vec::new();
    walk(&[], &cli(), &mut out);
    out
}

/// `text` with every run of whitespace made one space, so wrapped help compares with its source.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_command_line_definition_is_consistent() {
    cli().debug_assert();
}

#[test]
fn every_command_has_help_that_says_what_it_does_and_shows_its_arguments_and_subcommands() {
    let commands = every_command();
    assert!(
        commands.len() > cli().get_subcommands().count(),
        "subcommands of subcommands are walked too"
    );
    let f = Fixture::new();
    for (path, cmd) in commands {
        let typed = format!("banzi {}", path.join(" ")).trim_end().to_owned();
        let about = cmd.get_about().map(|a| a.to_string()).unwrap_or_default();
        assert!(
            !about.trim().is_empty(),
            "`{typed}` has no about text: give its args struct or variant a doc comment"
        );
        let out = f
            .command_in(f.root())
            .args(&path)
            .arg("--help")
            .assert()
            .success();
        let help = String::from_utf8(out.get_output().stdout.clone()).unwrap();
        assert!(
            one_line(&help).contains(&one_line(&about)),
            "`{typed} --help` does not say what it does ({about:?}):\n{help}"
        );
        for arg in cmd.get_arguments().filter(|a| !a.is_hide_set()) {
            let id = arg.get_id();
            assert!(
                arg.get_help()
                    .is_some_and(|h| !h.to_string().trim().is_empty()),
                "`{typed}`'s argument `{id}` has no help: give its field a doc comment"
            );
            if let Some(long) = arg.get_long() {
                assert!(
                    help.contains(&format!("--{long}")),
                    "`{typed} --help` does not show `--{long}`:\n{help}"
                );
            }
        }
        for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
            let name = sub.get_name();
            assert!(
                help.lines()
                    .any(|l| l.split_whitespace().next() == Some(name)),
                "`{typed} --help` does not list `{name}`:\n{help}"
            );
        }
    }
}

#[test]
fn version_prints_the_package_version() {
    let f = Fixture::new();
    f.command_in(f.root())
        .arg("--version")
        .assert()
        .success()
        .stdout(predicate::str::contains(env!("CARGO_PKG_VERSION")));
}

#[test]
fn an_unknown_subcommand_is_a_usage_error() {
    let f = Fixture::initialized();
    let stderr = f.fails_unchanged(&["frobnicate"], USAGE);
    assert!(stderr.contains("frobnicate"), "{stderr}");
}

#[test]
fn missing_arguments_and_unknown_flags_are_usage_errors() {
    let f = Fixture::registered();
    f.fails_unchanged(&["plan", "submit", "C01"], USAGE);
    f.fails_unchanged(&["units", "import"], USAGE);
    f.fails_unchanged(&["status", "--colour"], USAGE);
    f.fails_unchanged(&[], USAGE);
}

#[test]
fn quiet_silences_status_messages_but_not_data_or_errors() {
    let f = Fixture::initialized();
    f.banzi(&[
        "-q",
        "units",
        "import",
        example("units.csv").to_str().unwrap(),
    ])
    .success()
    .stderr(predicate::str::is_empty());
    f.banzi(&["-q", "units", "list"])
        .success()
        .stdout(predicate::str::contains("C01"))
        .stderr(predicate::str::is_empty());
    f.banzi(&["-q", "plan", "show", "C01"])
        .code(STEP_ORDER)
        .stderr(predicate::str::contains("error:"));
}

#[test]
fn no_color_keeps_escape_codes_out_of_errors() {
    let f = Fixture::initialized();
    let stderr = f.fails(&["plan", "show", "C01"], STEP_ORDER);
    assert!(!stderr.contains('\u{1b}'), "{stderr:?}");
    assert!(stderr.starts_with("error: "), "{stderr}");
}

/// The help of the guidance and shell commands, in Chinese with nothing left in English, each
/// ending with its examples.
#[test]
fn the_help_of_status_next_completions_and_man_is_in_chinese_and_ends_with_examples() {
    let f = Fixture::new();
    for command in [&["status"][..], &["next"], &["completions"], &["man"]] {
        let out = f
            .command_in(f.root())
            .args(["--lang", "zh-CN"])
            .args(command)
            .arg("--help")
            .assert()
            .success();
        let help = String::from_utf8(out.get_output().stdout.clone()).unwrap();
        let examples = help
            .rsplit_once("示例：")
            .unwrap_or_else(|| panic!("no examples in:\n{help}"))
            .1;
        assert!(
            examples
                .lines()
                .skip(1)
                .all(|l| l.trim_start().starts_with("banzi ")),
            "{help}"
        );
        // Up to the global options: the about text, the usage line and the arguments, whose
        // possible values are codes.
        let own = help.split("选项").next().unwrap();
        let own: String = own
            .split('［')
            .map(|part| part.split_once('］').map_or(part, |(_, rest)| rest))
            .collect();
        assert!(english_left(&own).is_empty(), "{:?}", english_left(&own));
    }
}

/// A command that needs a subcommand, run without one, shows its help in the language in force,
/// with full-width colons after the Chinese headings.
#[test]
fn a_command_without_its_subcommand_shows_its_help_in_chinese() {
    let f = Fixture::new();
    let out = f
        .command_in(f.root())
        .args(["--lang", "zh-CN", "plan"])
        // With no argument at all, not even the operator from the environment, clap shows help.
        .env_remove("BANZI_OPERATOR")
        .assert()
        .code(USAGE);
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(stderr.starts_with("第一步："), "{stderr}");
    assert!(stderr.contains("\n命令：\n"), "{stderr}");
    assert!(stderr.contains("\n选项：\n"), "{stderr}");
    assert!(!stderr.contains("``"), "{stderr}");
    let out = f
        .command_in(f.root())
        .args(["--lang", "zh-CN", "plan", "submit", "--help"])
        .assert()
        .success();
    let help = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(help.contains("\n参数：\n"), "{help}");
    assert!(help.contains("\n选项：\n"), "{help}");
    assert!(!help.contains("选项:"), "{help}");
    let out = f
        .command_in(f.root())
        .args(["plan"])
        .env_remove("BANZI_OPERATOR")
        .assert()
        .code(USAGE);
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("\nCommands:\n"), "{stderr}");
}
