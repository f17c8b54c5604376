//! `banzi init`, and how every other command finds its campaign.

use predicates::prelude::*;

use crate::fixture::*;

#[test]
fn init_makes_the_campaign_files_and_journals_its_creation() {
    let f = Fixture::new();
    f.banzi_init(CAMPAIGN)
        .success()
        .stderr(predicate::str::contains("made campaign `campaign`"));
    let files: Vec<String> = f.snapshot_dir().into_keys().collect();
    assert_eq!(
        files,
        [
            "calendar.toml",
            "campaign.toml",
            "index.csv",
            "journal.toml"
        ]
    );
    let settings = f.read_text("campaign.toml");
    assert!(
        settings.contains(&format!("name = \"{CAMPAIGN_NAME}\"")),
        "{settings}"
    );
    assert!(settings.contains("year = 2026"), "{settings}");

    let log = f.log();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0]["seq"], 1);
    assert_eq!(log[0]["operator"], OPERATOR);
    assert_eq!(log[0]["time"], NOW);
    assert_eq!(log[0]["records"][0]["path"], "campaign.toml");
    assert_eq!(
        log[0]["records"][0]["sha256"],
        sha256_hex(&f.read("campaign.toml"))
    );
    f.banzi(&["verify"]).success();
}

#[test]
fn init_accepts_an_existing_empty_directory() {
    let f = Fixture::new();
    std::fs::create_dir(f.campaign()).unwrap();
    f.banzi_init(CAMPAIGN).success();
    assert!(f.campaign().join("campaign.toml").is_file());
}

#[test]
fn init_refuses_a_directory_that_is_not_empty() {
    let f = Fixture::new();
    f.write("campaign/notes.txt", "留言");
    let before = f.snapshot_dir();
    f.banzi_init(CAMPAIGN)
        .code(INVALID)
        .stderr(predicate::str::contains("is not empty"));
    assert_same_dir(&before, &f.snapshot_dir());
}

#[test]
fn init_refuses_to_make_a_second_campaign_over_the_first() {
    let f = Fixture::initialized();
    let before = f.snapshot_dir();
    f.banzi_init(CAMPAIGN).code(INVALID);
    assert_same_dir(&before, &f.snapshot_dir());
}

#[test]
fn init_with_an_implausible_year_fails_and_creates_nothing() {
    let f = Fixture::new();
    f.command_in(f.root())
        .args(["init", CAMPAIGN, "--name", "x", "--year", "1900"])
        .assert()
        .code(INVALID)
        .stderr(predicate::str::contains(
            "campaign.year: 1900 is not a plausible campaign year",
        ));
    assert!(!f.campaign().exists());
}

#[test]
fn init_with_a_year_that_is_not_a_number_is_a_usage_error() {
    let f = Fixture::new();
    f.command_in(f.root())
        .args(["init", CAMPAIGN, "--name", "x", "--year", "明年"])
        .assert()
        .code(USAGE);
    assert!(!f.campaign().exists());
}

#[test]
fn the_campaign_is_found_with_the_campaign_flag() {
    let f = Fixture::initialized();
    let status = f.status();
    assert_eq!(status["campaign"]["name"], CAMPAIGN_NAME);
    assert_eq!(status["campaign"]["year"], 2026);
}

#[test]
fn the_campaign_is_found_through_banzi_campaign() {
    let f = Fixture::initialized();
    f.command_in(f.root())
        .env("BANZI_CAMPAIGN", f.campaign())
        .args(["status", "--json"])
        .assert()
        .success()
        .stdout(predicate::str::contains(CAMPAIGN_NAME));
}

#[test]
fn the_campaign_flag_wins_over_banzi_campaign() {
    let f = Fixture::initialized();
    f.command(&["status", "--json"])
        .env("BANZI_CAMPAIGN", f.root().join("nowhere"))
        .assert()
        .success();
}

#[test]
fn banzi_campaign_naming_no_campaign_is_an_error_that_says_so() {
    let f = Fixture::initialized();
    f.command_in(f.root())
        .env("BANZI_CAMPAIGN", f.root().join("nowhere"))
        .arg("status")
        .assert()
        .code(OTHER)
        .stderr(predicate::str::contains("named by BANZI_CAMPAIGN"))
        .stderr(predicate::str::contains("banzi init"));
}

#[test]
fn the_campaign_flag_naming_no_campaign_is_an_error_that_says_so() {
    let f = Fixture::initialized();
    f.command_in(f.root())
        .args(["-C", "nowhere", "status"])
        .assert()
        .code(OTHER)
        .stderr(predicate::str::contains("named by -C/--campaign"));
}

#[test]
fn the_campaign_is_found_by_walking_up_from_a_subdirectory() {
    let f = Fixture::planned();
    let plans = f.campaign().join("plans");
    assert!(plans.is_dir());
    f.command_in(&plans)
        .args(["plan", "show", "C01", "--json"])
        .assert()
        .success()
        .stdout(predicate::str::contains("\"unit\": \"C01\""));
    f.command_in(&f.campaign()).arg("verify").assert().success();
}

#[test]
fn outside_any_campaign_commands_fail_with_a_hint_to_init() {
    let f = Fixture::new();
    f.command_in(f.root())
        .arg("status")
        .assert()
        .code(OTHER)
        .stderr(predicate::str::contains("could not find `campaign.toml`"))
        .stderr(predicate::function(|stderr: &str| {
            stderr
                .lines()
                .any(|l| l.starts_with("hint:") && l.contains("banzi init"))
        }));
}

/// `banzi init` with `args` after it in the temporary directory, in `lang`.
fn init_in(f: &Fixture, lang: &str, args: &[&str]) -> std::process::Output {
    f.command_in(f.root())
        .args(["--lang", lang, "init", CAMPAIGN, "--name", CAMPAIGN_NAME])
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn init_speaks_chinese_and_journals_its_creation_in_both_languages() {
    let f = Fixture::new();
    let out = init_in(&f, "zh-CN", &["--year", "2026"]);
    assert!(out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains(&format!(
            "完成：已新建活动 `campaign`（{CAMPAIGN_NAME}），设置在 `campaign/campaign.toml`"
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains("下一步：`cd campaign && banzi units import UNITS.csv`"),
        "{stderr}"
    );
    assert_eq!(
        english_left(&said(&stderr)),
        Vec::<String>::new(),
        "{stderr}"
    );
    let log = f.log();
    assert_eq!(
        log[0]["summary"],
        format!("campaign created: {CAMPAIGN_NAME}")
    );
    assert_eq!(
        log[0]["summary_zh"],
        format!("新建评选活动：{CAMPAIGN_NAME}")
    );
}

#[test]
fn init_refuses_an_implausible_year_in_chinese_and_makes_nothing() {
    let f = Fixture::new();
    let out = init_in(&f, "zh-CN", &["--year", "3000"]);
    assert_eq!(out.status.code(), Some(INVALID));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("campaign.year`：3000 不是合理的活动年度（2000-2100）"),
        "{stderr}"
    );
    assert!(stderr.contains("提示：请改正 `campaign.toml`"), "{stderr}");
    assert_eq!(
        english_left(&said(&stderr)),
        Vec::<String>::new(),
        "{stderr}"
    );
    assert!(!f.campaign().exists());
}

#[test]
fn init_prints_the_same_json_in_either_language() {
    let (zh, en) = (Fixture::new(), Fixture::new());
    let zh = init_in(&zh, "zh-CN", &["--year", "2026", "--json"]);
    let en = init_in(&en, "en", &["--year", "2026", "--json"]);
    assert!(zh.status.success() && en.status.success());
    assert!(!zh.stdout.is_empty());
    assert_eq!(zh.stdout, en.stdout);
}

#[test]
fn init_help_is_in_chinese_with_an_example() {
    let f = Fixture::new();
    let out = f
        .command_in(f.root())
        .args(["--lang", "zh-CN", "init", "--help"])
        .output()
        .unwrap();
    let help = String::from_utf8(out.stdout).unwrap();
    assert!(
        help.starts_with("新建一个活动文件夹，并写入带注释的 campaign.toml"),
        "{help}"
    );
    assert!(
        help.contains("要新建的文件夹；它必须不存在或为空"),
        "{help}"
    );
    assert!(help.contains("示例：\n  banzi init "), "{help}");
    // `--lang` names its values, `zh-CN` and `en`, as they are typed.
    let words: Vec<&str> = help.lines().filter(|l| !l.contains("--lang")).collect();
    assert_eq!(
        english_left(&words.join("\n")),
        Vec::<String>::new(),
        "{help}"
    );
}
