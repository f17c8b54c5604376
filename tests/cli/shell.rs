//! `banzi completions` and `banzi man`: generated from the same localized definition as
//! `--help`, loadable by the shell and renderable by groff and man in both languages.

use std::process::Command as Process;

use crate::fixture::*;

/// Runs a tool that renders or checks what banzi printed, with `input` on stdin; gives its
/// exit status and stderr.
fn run_tool(program: &str, args: &[&str], input: &str) -> (bool, String) {
    use std::io::Write as _;
    let mut child = Process::new(program)
        .args(args)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("LANG", "C.UTF-8")
        .env("MANWIDTH", "80")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| {
            panic!("cannot run `{program}` ({e}); install it (`apt-get install groff-base man-db`)")
        });
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn has(program: &str) -> bool {
    Process::new("sh")
        .args(["-c", &format!("command -v {program}")])
        .output()
        .is_ok_and(|o| o.status.success())
}

fn printed(f: &Fixture, args: &[&str]) -> String {
    let out = f.command_in(f.root()).args(args).assert().success();
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

#[test]
fn the_bash_completions_parse_and_load() {
    let f = Fixture::new();
    for lang in ["en", "zh-CN"] {
        let script = printed(&f, &["--lang", lang, "completions", "bash"]);
        let (ok, stderr) = run_tool("bash", &["-n"], &script);
        assert!(ok, "bash -n: {stderr}");
        let (ok, stderr) = run_tool(
            "bash",
            &["-c", "source /dev/stdin && complete -p banzi"],
            &script,
        );
        assert!(ok, "the script does not load: {stderr}");
        for command in ["status", "next", "completions", "man", "shortlist"] {
            assert!(script.contains(command), "no `{command}` in the script");
        }
    }
}

#[test]
fn every_shell_has_its_completions() {
    let f = Fixture::new();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let script = printed(&f, &["completions", shell]);
        assert!(script.contains("banzi"), "{shell}: {script}");
    }
    if has("zsh") {
        let script = printed(&f, &["completions", "zsh"]);
        let (ok, stderr) = run_tool("zsh", &["-n"], &script);
        assert!(ok, "zsh -n: {stderr}");
    }
    let stderr = f
        .command_in(f.root())
        .args(["--lang", "zh-CN", "completions", "tcsh"])
        .assert()
        .code(USAGE)
        .get_output()
        .stderr
        .clone();
    let stderr = String::from_utf8(stderr).unwrap();
    assert!(stderr.contains("tcsh"), "{stderr}");
}

/// The man pages render without a warning in both languages, their headings in the language.
#[test]
fn the_man_page_renders_in_both_languages() {
    let f = Fixture::new();
    for (lang, heading, options) in [
        ("en", ".SH NAME", ".SH OPTIONS"),
        ("zh-CN", ".SH \\[u540D]", ".SH \\[u9009]"),
    ] {
        for command in [&[][..], &["plan", "import"], &["status"]] {
            let page = printed(&f, &[&["--lang", lang, "man"][..], command].concat());
            assert!(
                page.contains(heading) && page.contains(options),
                "{lang} {command:?}:\n{page}"
            );
            assert!(page.is_ascii(), "Chinese is escaped for roff");
            let (ok, stderr) = run_tool("groff", &["-man", "-Tutf8", "-z"], &page);
            assert!(
                ok && stderr.is_empty(),
                "groff, {lang} {command:?}: {stderr}"
            );
            if has("man") {
                let (ok, stderr) = run_tool("man", &["-l", "-"], &page);
                assert!(
                    ok && stderr.is_empty(),
                    "man -l, {lang} {command:?}: {stderr}"
                );
            }
        }
    }
    let page = printed(&f, &["--lang", "zh-CN", "man"]);
    for english in [
        "NAME",
        "SYNOPSIS",
        "DESCRIPTION",
        "OPTIONS",
        "SUBCOMMANDS",
        "EXTRA",
        "VERSION",
    ] {
        assert!(
            !page.contains(&format!(".SH {english}")),
            "{english} left in:\n{page}"
        );
    }
}

#[test]
fn the_man_page_of_an_unknown_command_is_refused_in_chinese() {
    let f = Fixture::new();
    let out = f
        .command_in(f.root())
        .args(["--lang", "zh-CN", "man", "plan", "nope"])
        .assert()
        .code(USAGE);
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.contains("没有 `banzi plan nope` 这个命令"),
        "{stderr}"
    );
    assert!(
        english_left(&stderr).is_empty(),
        "{:?}",
        english_left(&stderr)
    );
    assert!(out.get_output().stdout.is_empty());
}
