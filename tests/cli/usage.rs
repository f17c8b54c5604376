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

#[test]
fn every_subcommand_has_help() {
    let f = Fixture::new();
    for sub in [
        "init",
        "units",
        "plan",
        "self-assess",
        "status",
        "log",
        "reopen",
        "verify",
    ] {
        f.command_in(f.root())
            .args([sub, "--help"])
            .assert()
            .success();
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
