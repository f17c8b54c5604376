//! The language banzi speaks: how it is chosen, and that scripts see the same in either.

use crate::fixture::*;

/// What every `--help` says of `--help` in each language.
const CHINESE: &str = "打印帮助";
const ENGLISH: &str = "Print help";

/// The language `banzi --help` speaks with `args` and the environment `vars` (on top of the
/// pinned one, whose `LANG` is `C.UTF-8`; an empty value unsets a variable).
fn spoken(f: &Fixture, args: &[&str], vars: &[(&str, &str)]) -> &'static str {
    let mut cmd = f.process_in(f.root());
    for (name, value) in vars {
        if value.is_empty() {
            cmd.env_remove(name);
        } else {
            cmd.env(name, value);
        }
    }
    let out = cmd.args(args).arg("--help").output().unwrap();
    assert!(out.status.success(), "{args:?} {vars:?}: {out:?}");
    let help = String::from_utf8(out.stdout).unwrap();
    match (help.contains(CHINESE), help.contains(ENGLISH)) {
        (true, false) => "zh",
        (false, true) => "en",
        _ => panic!("{args:?} {vars:?}: neither or both languages:\n{help}"),
    }
}

#[test]
fn the_flag_wins_then_banzi_lang_then_lc_all_lc_messages_lang_then_english() {
    let f = Fixture::new();
    let all_zh = [
        ("LC_ALL", "zh_CN.UTF-8"),
        ("LC_MESSAGES", "zh_CN.UTF-8"),
        ("LANG", "zh_CN.UTF-8"),
    ];
    assert_eq!(
        spoken(&f, &["--lang", "en"], &[("BANZI_LANG", "zh-CN")]),
        "en"
    );
    assert_eq!(spoken(&f, &["--lang=zh-CN"], &[("BANZI_LANG", "en")]), "zh");
    // The flag takes the names the variable takes.
    for name in ["zh", "zh_CN", "zh-cn", "ZH-CN", "zh-Hans"] {
        assert_eq!(spoken(&f, &["--lang", name], &[]), "zh", "--lang {name}");
        assert_eq!(
            spoken(&f, &[], &[("BANZI_LANG", name)]),
            "zh",
            "BANZI_LANG={name}"
        );
    }
    assert_eq!(
        spoken(&f, &["--lang", "EN"], &[("LANG", "zh_CN.UTF-8")]),
        "en"
    );
    assert_eq!(spoken(&f, &["status", "--lang", "zh-CN"], &[]), "zh");
    assert_eq!(
        spoken(&f, &[], &[("BANZI_LANG", "en"), ("LC_ALL", "zh_CN.UTF-8")]),
        "en"
    );
    assert_eq!(spoken(&f, &[], &[("BANZI_LANG", "zh-CN")]), "zh");
    assert_eq!(spoken(&f, &[], &all_zh), "zh");
    assert_eq!(
        spoken(
            &f,
            &[],
            &[("LC_ALL", "en_US.UTF-8"), ("LC_MESSAGES", "zh_CN.UTF-8")]
        ),
        "en"
    );
    assert_eq!(
        spoken(
            &f,
            &[],
            &[("LC_MESSAGES", "zh_CN.UTF-8"), ("LANG", "en_US.UTF-8")]
        ),
        "zh"
    );
    assert_eq!(
        spoken(
            &f,
            &[],
            &[("LC_MESSAGES", "en_US.UTF-8"), ("LANG", "zh_CN.UTF-8")]
        ),
        "en"
    );
    assert_eq!(spoken(&f, &[], &[("LANG", "zh_CN.UTF-8")]), "zh");
    // An empty variable is as good as unset; with nothing set, English.
    assert_eq!(
        spoken(&f, &[], &[("LC_ALL", ""), ("LANG", "zh_CN.UTF-8")]),
        "zh"
    );
    assert_eq!(spoken(&f, &[], &[("LANG", "")]), "en");
    assert_eq!(spoken(&f, &[], &[]), "en");
}

#[test]
fn a_language_banzi_does_not_speak_is_a_usage_error_that_names_the_ones_it_does() {
    let f = Fixture::initialized();
    let stderr = f.fails_unchanged(&["--lang", "fr", "status"], USAGE);
    assert!(
        stderr.contains("zh-CN") && stderr.contains("`fr`"),
        "{stderr}"
    );
    let out = f
        .command(&["status"])
        .env("BANZI_LANG", "klingon")
        .assert()
        .code(USAGE);
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.contains("BANZI_LANG") && stderr.contains("klingon"),
        "{stderr}"
    );
}

#[test]
fn usage_errors_are_said_in_chinese_with_clap_s_context_kept() {
    let f = Fixture::initialized();
    for (args, names) in [
        (&["--lang", "zh-CN", "plan", "imprt"][..], "imprt"),
        (&["--lang", "zh-CN", "plan", "submit", "C01"][..], "<FILE>"),
        (&["--lang", "zh-CN", "status", "--colour"][..], "--colour"),
        (
            &[
                "--lang", "zh-CN", "init", "x", "--name", "n", "--year", "abc",
            ][..],
            "abc",
        ),
    ] {
        let stderr = f.fails_unchanged(args, USAGE);
        assert!(stderr.starts_with("错误："), "{args:?}: {stderr}");
        assert!(stderr.contains(names), "{args:?}: {stderr}");
        // Clap's own words about a value it could not parse are quoted after our sentence.
        let left = english_left(&stderr);
        assert!(left.is_empty(), "{args:?}: {left:?}");
    }
}

#[test]
fn a_usage_error_in_chinese_writes_out_the_control_characters_typed() {
    let f = Fixture::initialized();
    let stderr = f.fails_unchanged(&["--lang", "zh-CN", "plan", "x\u{1b}[2J"], USAGE);
    assert!(
        !stderr.contains('\u{1b}') && stderr.contains("x\\u{1b}[2J"),
        "{stderr:?}"
    );
}

#[test]
fn every_command_s_help_is_in_chinese_when_chinese_is_chosen() {
    let f = Fixture::new();
    let mut commands = vec![Vec::new()];
    let mut i = 0;
    while i < commands.len() {
        let path: Vec<String> = commands[i].clone();
        let mut cmd = banzi::cli::command();
        for name in &path {
            cmd = cmd.find_subcommand(name).unwrap().clone();
        }
        for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
            let mut longer = path.clone();
            longer.push(sub.get_name().to_owned());
            commands.push(longer);
        }
        i += 1;
    }
    let mut wrong: Vec<String> = Vec::new();
    for path in commands {
        let out = f
            .command_in(f.root())
            .args(["--lang", "zh-CN"])
            .args(&path)
            .arg("--help")
            .assert()
            .success();
        let help = String::from_utf8(out.get_output().stdout.clone()).unwrap();
        // The list of subcommands names each as it is typed.
        let mut cmd = banzi::cli::command();
        for name in &path {
            cmd = cmd.find_subcommand(name).unwrap().clone();
        }
        let names: Vec<String> = cmd
            .get_subcommands()
            .map(|s| s.get_name().to_owned())
            .collect();
        let help: String = help
            .lines()
            .map(|line| match line.split_whitespace().next() {
                Some(first) if names.iter().any(|n| n == first) => line.replacen(first, "", 1),
                _ => line.to_owned(),
            })
            .collect::<Vec<_>>()
            .join("\n");
        for left in english_left(&help) {
            wrong.push(format!("`banzi {} --help`: {left}", path.join(" ")));
        }
        if !help.contains("示例：") {
            wrong.push(format!("`banzi {} --help` has no example", path.join(" ")));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn scripts_read_the_same_json_in_either_language() {
    let f = Fixture::drawn();
    let reads: &[&[&str]] = &[
        &["status"],
        &["log"],
        &["units", "list"],
        &["inspect", "show", "C04"],
        &["inspect", "flags"],
        &["shortlist", "show"],
        &["shortlist", "explain", "D05"],
        &["verify"],
    ];
    for args in reads {
        let json = |lang: &str| {
            let mut all = vec!["--lang", lang, "--json"];
            all.extend_from_slice(args);
            f.stdout(&all)
        };
        let (zh, en) = (json("zh-CN"), json("en"));
        assert!(!zh.trim().is_empty(), "{args:?} prints no JSON");
        assert_eq!(zh, en, "{args:?}: the JSON differs between the languages");
    }
    // A change made in Chinese is journaled in both languages, and `log --json` keeps both.
    let entry = f.log().pop().unwrap();
    assert!(entry["summary"].as_str().unwrap().is_ascii() || entry["summary_zh"].is_string());
    assert!(entry["summary_zh"].is_string(), "{entry}");
}
