//! The campaign store: integrity checks, `banzi verify`, the lock, concurrent writers, and
//! failing commands that leave everything as it was.

use std::process::Stdio;
use std::time::{Duration, Instant};

use predicates::prelude::*;
use serde_json::json;

use crate::fixture::*;

fn tamper(f: &Fixture, relative: &str) {
    let path = f.campaign().join(relative);
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str("# 手工修改\n");
    std::fs::write(path, text).unwrap();
}

#[test]
fn an_untouched_campaign_verifies() {
    let f = Fixture::self_assessed();
    f.banzi(&["verify"])
        .success()
        .stderr(predicate::str::contains(
            "4 journal entries in an unbroken chain and 35 records",
        ));
    let report = f.json(&["verify"]);
    let head = f.log().pop().unwrap();
    assert_eq!(report["records"], 35);
    assert_eq!(report["entries"], 4);
    assert_eq!(report["problems"], json!([]));
    assert_eq!(report["details"], json!([]));
    assert_eq!(report["notes"], json!([]));
    assert_eq!(
        report["head"],
        format!("4:{}", &head["hash"].as_str().unwrap()[..12])
    );
    let bytes: u64 = f
        .snapshot_dir()
        .iter()
        .filter(|(path, _)| !["journal.toml", "index.csv"].contains(&path.as_str()))
        .map(|(_, b)| b.len() as u64)
        .sum();
    assert_eq!(report["bytes"], bytes);
}

#[test]
fn a_record_edited_by_hand_is_refused_by_every_command_and_by_verify() {
    let f = Fixture::planned();
    tamper(&f, "plans/C01.toml");
    for args in [
        &["plan", "show", "C01"][..],
        &["plan", "show", "C01", "--toml"],
        // Nothing tampered is used: not even beside other units' records.
        &["plan", "show", "C02"],
        &["units", "list"],
        &["log"],
    ] {
        let stderr = f.fails(args, INTEGRITY);
        assert!(
            stderr.contains(
                "campaign/plans/C01.toml: was changed outside banzi since journal entry #3 wrote it"
            ),
            "{stderr}"
        );
        assert!(stderr.contains("banzi verify --accept"), "{stderr}");
    }
    let stderr = f.fails(&["verify"], INTEGRITY);
    assert!(stderr.contains("1 integrity problem(s) found"), "{stderr}");

    let report = f
        .command(&["verify", "--json"])
        .assert()
        .code(INTEGRITY)
        .get_output()
        .stdout
        .clone();
    let report: serde_json::Value = serde_json::from_slice(&report).unwrap();
    assert_eq!(report["problems"].as_array().unwrap().len(), 1);
    assert!(
        report["problems"][0].as_str().unwrap().starts_with(
            "`plans/C01.toml` was changed outside banzi since journal entry #3 wrote it; fix: "
        ),
        "{report}"
    );
    assert_eq!(report["details"][0]["file"], "plans/C01.toml");
    assert_eq!(report["details"][0]["entry"], 3);
}

#[test]
fn a_change_built_on_an_edited_record_is_refused() {
    let f = Fixture::planned();
    tamper(&f, "plans/C01.toml");
    let file = example("self-assessments/C01.toml");
    let stderr = f.fails_unchanged(
        &["self-assess", "submit", "C01", file.to_str().unwrap()],
        INTEGRITY,
    );
    assert!(stderr.contains("changed outside banzi"), "{stderr}");
    f.fails(&["self-assess", "template", "C01"], INTEGRITY);
}

#[test]
fn an_edited_unit_register_is_refused() {
    let f = Fixture::registered();
    tamper(&f, "units.csv");
    let stderr = f.fails(&["units", "list"], INTEGRITY);
    assert!(
        stderr.contains("campaign/units.csv: was changed outside banzi"),
        "{stderr}"
    );
    f.fails_unchanged(
        &["units", "import", example("units.csv").to_str().unwrap()],
        INTEGRITY,
    );
}

#[test]
fn an_edited_self_assessment_is_refused_by_the_report() {
    let f = Fixture::self_assessed();
    tamper(&f, "self-assessments/M06.toml");
    f.fails(&["self-assess", "report", "M06"], INTEGRITY);
    f.fails(&["verify"], INTEGRITY);
}

#[test]
fn a_hand_edited_record_restored_to_what_banzi_wrote_is_accepted_again() {
    let f = Fixture::planned();
    let original = f.read("plans/C01.toml");
    tamper(&f, "plans/C01.toml");
    f.fails(&["plan", "show", "C01"], INTEGRITY);
    std::fs::write(f.campaign().join("plans/C01.toml"), &original).unwrap();
    f.banzi(&["plan", "show", "C01"]).success();
    f.banzi(&["verify"]).success();
}

#[test]
fn a_plan_submitted_over_a_hand_edited_record_is_refused() {
    let f = Fixture::planned();
    tamper(&f, "plans/C01.toml");
    let text = edited_example("plans/C01.toml", "target = \"12次\"", "target = \"14次\"");
    let file = f.write("inputs/C01.toml", &text);
    f.fails_unchanged(&["plan", "submit", "C01", file], INTEGRITY);
}

#[test]
fn a_deleted_record_is_reported_missing() {
    let f = Fixture::planned();
    std::fs::remove_file(f.campaign().join("plans/C03.toml")).unwrap();
    let stderr = f.fails(&["plan", "show", "C03"], INTEGRITY);
    assert!(
        stderr.contains("campaign/plans/C03.toml: is missing; journal entry #3 wrote it"),
        "{stderr}"
    );
    f.fails(&["verify"], INTEGRITY);
}

#[test]
fn a_file_banzi_did_not_write_is_reported_by_verify() {
    let f = Fixture::planned();
    std::fs::copy(
        example("plans/C01.toml"),
        f.campaign().join("plans/X99.toml"),
    )
    .unwrap();
    let stderr = f.fails(&["verify"], INTEGRITY);
    assert!(
        stderr.contains("campaign/plans/X99.toml: was not written by banzi"),
        "{stderr}"
    );
}

#[test]
fn an_index_edited_to_hide_a_change_is_refused_everywhere() {
    let f = Fixture::planned();
    tamper(&f, "plans/C01.toml");
    hide_in_index(&f, "plans/C01.toml");
    let stderr = f.fails(&["plan", "show", "C01"], INTEGRITY);
    assert!(
        stderr.contains("campaign/index.csv: is not the index journal entry #3 left"),
        "{stderr}"
    );
    let stderr = f.fails(&["verify"], INTEGRITY);
    let problem = lines(&stderr)
        .into_iter()
        .find(|l| l.contains("plans/C01.toml:"))
        .unwrap_or_else(|| panic!("{stderr}"));
    assert!(
        problem.contains("does not say what journal entry #3 wrote for it (SHA-256"),
        "the problem should name the SHA-256 mismatch: {problem}"
    );
}

/// Rewrites the index row of `relative` with the SHA-256 of the file as it is now.
fn hide_in_index(f: &Fixture, relative: &str) {
    let index_path = f.campaign().join("index.csv");
    let index = std::fs::read_to_string(&index_path).unwrap();
    let row = index
        .lines()
        .find(|l| l.starts_with(&format!("{relative},")))
        .unwrap();
    let old = row.split(',').nth(1).unwrap();
    let new = sha256_hex(&f.read(relative));
    std::fs::write(&index_path, index.replace(old, &new)).unwrap();
}

#[test]
fn a_damaged_journal_is_an_integrity_problem() {
    let f = Fixture::planned();
    let journal = f.read_text("journal.toml");
    std::fs::write(
        f.campaign().join("journal.toml"),
        &journal[..journal.len() - 40],
    )
    .unwrap();
    f.fails(&["verify"], INTEGRITY);
    f.fails(&["log"], INTEGRITY);
}

#[test]
fn a_journal_missing_its_last_entry_is_caught_everywhere() {
    let f = Fixture::planned();
    let journal = f.read_text("journal.toml");
    let last = journal.rfind("\n[[entry]]").unwrap();
    std::fs::write(f.campaign().join("journal.toml"), &journal[..last]).unwrap();
    let stderr = f.fails(&["verify"], INTEGRITY);
    assert!(
        stderr.contains("campaign/index.csv: is not the index journal entry #2 left"),
        "{stderr}"
    );
    f.fails(&["status"], INTEGRITY);
    let plan = example("plans/C01.toml");
    f.fails_unchanged(
        &["plan", "submit", "C01", plan.to_str().unwrap()],
        INTEGRITY,
    );
}

#[test]
fn edited_settings_are_a_note_and_are_journaled_with_the_next_change() {
    let f = Fixture::registered();
    let settings = f
        .read_text("campaign.toml")
        .replace("min_working_days = 5", "min_working_days = 7");
    std::fs::write(f.campaign().join("campaign.toml"), &settings).unwrap();
    f.banzi(&["verify"])
        .success()
        .stderr(predicate::str::contains(
            "note: `campaign.toml` was edited since entry #1",
        ));

    f.submit_plan("C01");
    let entry = f.log().pop().unwrap();
    assert_eq!(
        entry["summary"],
        "plan of C01 stored; campaign.toml was edited since entry #1"
    );
    assert_eq!(entry["records"][0]["path"], "campaign.toml");
    assert_eq!(
        entry["records"][0]["sha256"],
        sha256_hex(settings.as_bytes())
    );
    f.banzi(&["verify"])
        .success()
        .stderr(predicate::str::contains("note:").not());
}

#[test]
fn invalid_settings_are_refused_with_their_place() {
    let f = Fixture::registered();
    let settings = f
        .read_text("campaign.toml")
        .replace("year = 2026", "year = 1900");
    std::fs::write(f.campaign().join("campaign.toml"), settings).unwrap();
    let stderr = f.fails(&["status"], INVALID);
    assert!(
        stderr.contains("campaign.toml:7:8: campaign.year: 1900 is not a plausible campaign year"),
        "{stderr}"
    );
}

#[test]
fn failing_commands_leave_the_campaign_byte_for_byte_unchanged() {
    let f = Fixture::planned();
    f.submit_self_assessment("C01");
    let bad_units = f.write(
        "inputs/units.csv",
        "code,name,category,party_head,government_head\nC01,甲,county,a,b\nC01,乙,城区,a,b\n",
    );
    let bad_plan = f.write(
        "inputs/C02.toml",
        &edited_example(
            "plans/C02.toml",
            "criterion = \"conduct\"",
            "criterion = \"conductx\"",
        ),
    );
    f.write("inputs/plans/C03.toml", &example_text("plans/C03.toml"));
    f.write("inputs/plans/C04.toml", "unit = \"C04\"\n[[indicator]]\n");
    let bad_self = f.write(
        "inputs/sa-C02.toml",
        &edited_example("self-assessments/C02.toml", "political = ", "political = 1"),
    );
    let c01_plan = example("plans/C01.toml");
    let c01_plan = c01_plan.to_str().unwrap();
    let c01_changed = f.write(
        "inputs/C01-changed.toml",
        &edited_example("plans/C01.toml", "goal = \"", "goal = \"全年"),
    );
    let cases: Vec<(Vec<&str>, i32)> = vec![
        (vec!["units", "import", bad_units], INVALID),
        (vec!["plan", "submit", "C02", bad_plan], INVALID),
        (vec!["plan", "import", "inputs/plans"], INVALID),
        (vec!["self-assess", "submit", "C02", bad_self], INVALID),
        (vec!["plan", "submit", "C01", c01_changed], STEP_ORDER),
        (vec!["plan", "submit", "C02", c01_plan], INVALID),
        (
            vec!["reopen", "self-assess", "--unit", "C02", "--reason", "x"],
            STEP_ORDER,
        ),
        (
            vec!["reopen", "nothing", "--unit", "C02", "--reason", "x"],
            USAGE,
        ),
        (vec!["self-assess", "report", "C02"], STEP_ORDER),
        (vec!["plan", "submit", "C02", "inputs/none.toml"], INVALID),
        (vec!["units", "frobnicate"], USAGE),
    ];
    for (args, code) in cases {
        let before = f.snapshot_dir();
        f.banzi(&args).code(code);
        let after = f.snapshot_dir();
        assert!(
            before == after,
            "`banzi {}` changed the campaign",
            args.join(" ")
        );
    }
    f.banzi(&["verify"]).success();
}

/// The lock banzi takes: on the campaign folder itself, which cannot be deleted under it.
fn lock_file(f: &Fixture) -> std::fs::File {
    std::fs::File::open(f.campaign()).unwrap()
}

#[test]
fn a_writer_gives_up_while_another_holds_the_lock_and_succeeds_after() {
    let f = Fixture::initialized();
    let units = example("units.csv");
    let lock = lock_file(&f);
    lock.lock().unwrap();
    let before = f.snapshot_dir();
    let started = Instant::now();
    f.command(&["units", "import", units.to_str().unwrap()])
        .env("BANZI_LOCK_TIMEOUT", "0.5")
        .assert()
        .failure()
        .code(OTHER)
        .stderr(predicate::str::contains(
            "another banzi command is using this campaign",
        ))
        .stderr(predicate::str::contains("gave up after 0.5 s"));
    assert!(
        started.elapsed() >= Duration::from_millis(450),
        "it waited for the lock"
    );
    assert_same_dir(&before, &f.snapshot_dir());

    drop(lock);
    f.command(&["units", "import", units.to_str().unwrap()])
        .env("BANZI_LOCK_TIMEOUT", "0.5")
        .assert()
        .success();
    assert_eq!(f.json(&["units", "list"]).as_array().unwrap().len(), 16);
}

#[test]
fn a_busy_campaign_is_said_in_chinese() {
    let f = Fixture::initialized();
    let units = example("units.csv");
    let lock = lock_file(&f);
    lock.lock().unwrap();
    let out = f
        .command(&[
            "--lang",
            "zh-CN",
            "units",
            "import",
            units.to_str().unwrap(),
        ])
        .env("BANZI_LOCK_TIMEOUT", "0")
        .assert()
        .code(OTHER);
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.starts_with("错误：另一个 banzi 命令正在使用活动 `campaign`；等待 0.0 秒后放弃\n"),
        "{stderr}"
    );
    assert!(stderr.contains("\n提示："), "{stderr}");
    assert_eq!(english_left(&stderr), Vec::<String>::new(), "{stderr}");
    drop(lock);
}

#[test]
fn readers_share_the_lock_but_exclude_a_writer() {
    let f = Fixture::registered();
    let lock = lock_file(&f);
    lock.lock_shared().unwrap();
    f.command(&["status"])
        .env("BANZI_LOCK_TIMEOUT", "0.2")
        .assert()
        .success();
    f.command(&[
        "plan",
        "submit",
        "C01",
        example("plans/C01.toml").to_str().unwrap(),
    ])
    .env("BANZI_LOCK_TIMEOUT", "0.2")
    .assert()
    .code(OTHER)
    .stderr(predicate::str::contains("another banzi command"));
    drop(lock);

    let lock = lock_file(&f);
    lock.lock().unwrap();
    f.command(&["status"])
        .env("BANZI_LOCK_TIMEOUT", "0.2")
        .assert()
        .code(OTHER)
        .stderr(predicate::str::contains("another banzi command"));
}

#[test]
fn a_writer_waits_for_the_lock_to_be_released() {
    let f = Fixture::initialized();
    let lock = lock_file(&f);
    lock.lock().unwrap();
    let child = f
        .process(&["units", "import", example("units.csv").to_str().unwrap()])
        .env("BANZI_LOCK_TIMEOUT", "20")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(300));
    drop(lock);
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(f.log().len(), 2);
}

fn spawn(f: &Fixture, args: &[&str]) -> std::process::Child {
    f.process(args)
        .env("BANZI_LOCK_TIMEOUT", "30")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

fn assert_consecutive_journal(f: &Fixture, entries: usize) {
    let seqs: Vec<u64> = f.log().iter().map(|e| e["seq"].as_u64().unwrap()).collect();
    let expected: Vec<u64> = (1..=entries as u64).collect();
    assert_eq!(seqs, expected, "consecutive journal entries, no duplicates");
    f.banzi(&["verify"]).success();
}

#[test]
fn two_concurrent_folder_imports_both_succeed_with_consecutive_journal_entries() {
    for _round in 0..3 {
        let f = Fixture::registered();
        for unit in EXAMPLE_UNITS {
            let folder = if unit.starts_with('M') {
                "inputs/a"
            } else {
                "inputs/b"
            };
            f.write(
                &format!("{folder}/{unit}.toml"),
                &example_text(&format!("plans/{unit}.toml")),
            );
        }
        let a = spawn(&f, &["plan", "import", "inputs/a"]);
        let b = spawn(&f, &["plan", "import", "inputs/b"]);
        for child in [a, b] {
            let out = child.wait_with_output().unwrap();
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        assert_consecutive_journal(&f, 4);
        let status = f.status();
        assert_eq!(status["phase"], "self-assess");
    }
}

#[test]
fn many_concurrent_writers_each_get_their_own_journal_entry() {
    let f = Fixture::registered();
    let files: Vec<String> = EXAMPLE_UNITS[..8]
        .iter()
        .map(|u| {
            example(&format!("plans/{u}.toml"))
                .to_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    let children: Vec<_> = EXAMPLE_UNITS[..8]
        .iter()
        .zip(&files)
        .map(|(unit, file)| spawn(&f, &["plan", "submit", unit, file]))
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert_consecutive_journal(&f, 2 + 8);
    for unit in &EXAMPLE_UNITS[..8] {
        assert_eq!(f.steps(unit).0, "done", "{unit}");
    }
}

#[test]
fn a_tampered_record_is_reported_in_chinese_and_json_is_the_same_in_both_languages() {
    let f = Fixture::planned();
    tamper(&f, "plans/C01.toml");
    let stderr = f.fails(&["--lang", "zh-CN", "verify"], INTEGRITY);
    assert!(stderr.contains("错误：发现 1 个完整性问题"), "{stderr}");
    assert!(
        stderr.contains("campaign/plans/C01.toml: 在日志第 3 条写入后，又在 banzi 之外被改动过"),
        "{stderr}"
    );
    assert_eq!(english_left(&stderr), Vec::<String>::new(), "{stderr}");
    let stderr = f.fails_unchanged(
        &[
            "--lang", "zh-CN", "reopen", "plan", "--unit", "C02", "--reason", "改",
        ],
        INTEGRITY,
    );
    assert!(
        stderr.contains("活动与其日志不符（1 个问题）；未作任何改动"),
        "{stderr}"
    );
    assert_eq!(english_left(&stderr), Vec::<String>::new(), "{stderr}");

    let json = |lang: &str| {
        f.command(&["--lang", lang, "verify", "--json"])
            .assert()
            .code(INTEGRITY)
            .get_output()
            .stdout
            .clone()
    };
    assert_eq!(
        String::from_utf8(json("zh-CN")).unwrap(),
        String::from_utf8(json("en")).unwrap()
    );
}

#[test]
fn the_store_refuses_in_chinese() {
    let f = Fixture::initialized();
    let ok = f
        .banzi(&["--lang", "zh-CN", "verify"])
        .success()
        .get_output()
        .clone();
    let stderr = String::from_utf8(ok.stderr).unwrap();
    assert!(stderr.contains("链条完整"), "{stderr}");
    assert_eq!(english_left(&stderr), Vec::<String>::new(), "{stderr}");

    let not_a_campaign = f
        .command_in(f.root())
        .args(["--lang", "zh-CN", "-C", "nowhere", "verify"])
        .assert()
        .code(OTHER)
        .get_output()
        .stderr
        .clone();
    let not_a_campaign = String::from_utf8(not_a_campaign).unwrap();
    assert!(not_a_campaign.contains("不是活动"), "{not_a_campaign}");
    let busy_clock = f
        .command(&["--lang", "zh-CN", "verify"])
        .env("BANZI_LOCK_TIMEOUT", "forever")
        .assert()
        .code(USAGE)
        .get_output()
        .stderr
        .clone();
    let busy_clock = String::from_utf8(busy_clock).unwrap();
    assert!(busy_clock.contains("BANZI_LOCK_TIMEOUT"), "{busy_clock}");
    let not_empty = f.fails(
        &[
            "--lang", "zh-CN", "init", "campaign", "--name", "x", "--year", "2026",
        ],
        INVALID,
    );
    for stderr in [&not_a_campaign, &busy_clock, &not_empty] {
        assert_eq!(english_left(stderr), Vec::<String>::new(), "{stderr}");
    }
    let heads = [
        f.fails(&["--lang", "zh-CN", "verify", "--head", "12"], USAGE),
        f.fails(
            &["--lang", "zh-CN", "verify", "--head", "9:1a2b3c4d5e6f"],
            INTEGRITY,
        ),
        f.fails(
            &["--lang", "zh-CN", "verify", "--head", "1:00000000"],
            INTEGRITY,
        ),
    ];
    for stderr in &heads {
        assert!(stderr.starts_with("错误："), "{stderr}");
        assert_eq!(english_left(stderr), Vec::<String>::new(), "{stderr}");
    }
}
