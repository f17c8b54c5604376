//! The tests' own environment: nothing a developer's shell holds reaches a banzi run, so their
//! results are the same on every machine.

use crate::fixture::*;

/// What a developer's shell may hold that would change banzi's results if it got through.
const SHELL: [(&str, &str); 10] = [
    ("BANZI_OPERATOR", "intruder"),
    ("BANZI_CAMPAIGN", "/nonexistent"),
    ("BANZI_NOW", "not a time"),
    ("BANZI_FAULT_AT", "1"),
    ("BANZI_LOCK_TIMEOUT", "not a number"),
    ("CLICOLOR_FORCE", "1"),
    ("RUST_BACKTRACE", "full"),
    ("HOME", "/nonexistent"),
    ("LANG", "tr_TR.ISO-8859-9"),
    ("TZ", "America/Los_Angeles"),
];

/// This test binary run again with [`SHELL`] in its environment, running only
/// [`banzi_runs_as_pinned_whatever_the_shell_holds`].
#[test]
fn a_developers_shell_does_not_reach_banzi() {
    let module = module_path!().split_once("::").unwrap().1;
    let name = format!("{module}::banzi_runs_as_pinned_whatever_the_shell_holds");
    let out = std::process::Command::new(std::env::current_exe().unwrap())
        .args([&name, "--exact", "--include-ignored", "--test-threads=1"])
        .envs(SHELL)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stdout}\n{stderr}");
    assert!(
        stdout.contains("test result: ok. 1 passed"),
        "`{name}` did not run: {stdout}"
    );
}

#[test]
#[ignore = "run by `a_developers_shell_does_not_reach_banzi` with a hostile shell"]
fn banzi_runs_as_pinned_whatever_the_shell_holds() {
    // A leaked BANZI_FAULT_AT would kill `init` at its first write, BANZI_NOW refuse it.
    let f = Fixture::initialized();
    f.import_units();
    let entry = f.log().pop().unwrap();
    assert_eq!(entry["operator"], OPERATOR);
    assert_eq!(entry["time"], NOW);
    // Without `-C`, a leaked BANZI_CAMPAIGN would be looked up first.
    f.command_in(&f.campaign())
        .args(["units", "list"])
        .assert()
        .success();
    let stderr = f.fails(&["plan", "show", "X99"], INVALID);
    assert!(stderr.starts_with("error: "), "{stderr}");
    assert!(!stderr.contains('\u{1b}'), "{stderr:?}");
}

/// What the clock's parser says about a bad `BANZI_NOW` is quoted after our sentence.
#[test]
fn a_bad_clock_is_refused_in_chinese_with_the_parsers_words_quoted() {
    let f = Fixture::initialized();
    let out = f
        .command(&["--lang", "zh-CN", "status"])
        .env("BANZI_NOW", "garbage")
        .assert()
        .code(USAGE);
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.starts_with("错误：BANZI_NOW 的值 `garbage` 不是 RFC 3339 时间（`"),
        "{stderr}"
    );
    assert_eq!(english_left(&stderr), Vec::<String>::new(), "{stderr}");
    let out = f
        .command(&["status"])
        .env("BANZI_NOW", "garbage")
        .assert()
        .code(USAGE);
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.starts_with("error: BANZI_NOW `garbage` is not an RFC 3339 time: "),
        "{stderr}"
    );
}
