//! `banzi log`: the journal of every change.

use serde_json::json;

use crate::fixture::*;

#[test]
fn every_change_is_an_entry_with_time_operator_command_and_records() {
    let f = Fixture::planned();
    let log = f.log();
    assert_eq!(log.len(), 3);
    for (i, entry) in log.iter().enumerate() {
        assert_eq!(entry["seq"], i + 1);
        assert_eq!(entry["time"], NOW);
        assert_eq!(entry["operator"], OPERATOR);
        assert_eq!(entry["reason"], json!(null));
        let keys: Vec<&String> = entry.as_object().unwrap().keys().collect();
        assert_eq!(
            keys,
            [
                "command",
                "hash",
                "index_sha256",
                "inputs",
                "operator",
                "prev",
                "reason",
                "records",
                "seq",
                "summary",
                "summary_zh",
                "time",
                "today"
            ],
            "{entry}"
        );
    }
    assert_eq!(
        log[1]["command"],
        format!(
            "banzi -C campaign units import {}",
            example("units.csv").display()
        )
    );
    assert_eq!(
        log[1]["inputs"],
        json!([{
            "path": example("units.csv").to_str().unwrap(),
            "sha256": sha256_hex(&std::fs::read(example("units.csv")).unwrap()),
        }])
    );
    assert_eq!(
        log[1]["records"],
        json!([{
            "path": "units.csv",
            "sha256": sha256_hex(&f.read("units.csv")),
            "state": null,
            "replaced_sha256": null,
        }])
    );
}

#[test]
fn the_sha256_of_every_journaled_record_is_that_of_the_file_on_disk() {
    let f = Fixture::self_assessed();
    let mut checked = 0;
    for entry in f.log() {
        for record in entry["records"].as_array().unwrap() {
            let path = record["path"].as_str().unwrap();
            assert_eq!(record["sha256"], sha256_hex(&f.read(path)), "{path}");
            checked += 1;
        }
    }
    // init writes the settings and the calendar.
    assert_eq!(checked, 2 + 1 + 16 + 16);
}

#[test]
fn the_operator_comes_from_banzi_operator_or_the_flag() {
    let f = Fixture::initialized();
    f.banzi(&[
        "--operator",
        "王五",
        "units",
        "import",
        example("units.csv").to_str().unwrap(),
    ])
    .success();
    f.command(&[
        "plan",
        "submit",
        "C01",
        example("plans/C01.toml").to_str().unwrap(),
    ])
    .env("BANZI_OPERATOR", "  李四  ")
    .assert()
    .success();
    let operators: Vec<String> = f
        .log()
        .iter()
        .map(|e| e["operator"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(operators, [OPERATOR, "王五", "李四"]);
}

#[test]
fn banzi_now_pins_the_time_and_must_be_rfc3339() {
    let f = Fixture::initialized();
    f.command(&["units", "import", example("units.csv").to_str().unwrap()])
        .env("BANZI_NOW", "2026-12-01T08:00:00+08:00")
        .assert()
        .success();
    assert_eq!(f.log()[1]["time"], "2026-12-01T08:00:00+08:00");

    let before = f.snapshot_dir();
    f.command(&[
        "plan",
        "submit",
        "C01",
        example("plans/C01.toml").to_str().unwrap(),
    ])
    .env("BANZI_NOW", "yesterday")
    .assert()
    .code(USAGE)
    .stderr(predicates::str::contains(
        "BANZI_NOW `yesterday` is not an RFC 3339 time",
    ));
    assert_same_dir(&before, &f.snapshot_dir());
}

#[test]
fn the_reason_of_a_reopening_is_journaled() {
    let f = Fixture::self_assessed();
    let reason = "指标“P2”口径调整，需重新制定";
    f.banzi(&["reopen", "plan", "--unit", "C01", "--reason", reason])
        .success();
    let entry = f.log().pop().unwrap();
    assert_eq!(entry["reason"], reason);
    assert_eq!(entry["inputs"], json!([]));
    assert_eq!(
        entry["summary"],
        "plan of C01 reopened; now stale: self-assessment"
    );
    assert_eq!(
        entry["records"],
        json!([
            {"path": "plans/C01.toml", "sha256": sha256_hex(&f.read("plans/C01.toml")), "state": "stale", "replaced_sha256": null},
            {"path": "self-assessments/C01.toml", "sha256": sha256_hex(&f.read("self-assessments/C01.toml")), "state": "stale", "replaced_sha256": null},
        ])
    );
}

#[test]
fn a_reason_with_quotes_and_line_breaks_survives_the_journal() {
    let f = Fixture::planned();
    let reason = "第一行 \"引号\" ''' 三引号 \"\"\"\n第二行, 逗号";
    f.banzi(&["reopen", "plan", "--unit", "C01", "--reason", reason])
        .success();
    assert_eq!(f.log().pop().unwrap()["reason"], reason);
    f.banzi(&["verify"]).success();
    f.submit_plan("C01");
    assert_eq!(f.log().len(), 5);
}

#[test]
fn log_last_shows_only_the_newest_entries() {
    let f = Fixture::self_assessed();
    let last = f.json(&["log", "--last", "2"]);
    let seqs: Vec<u64> = last
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["seq"].as_u64().unwrap())
        .collect();
    assert_eq!(seqs, [3, 4]);
    assert_eq!(
        f.json(&["log", "--last", "99"]).as_array().unwrap().len(),
        4
    );
}

#[test]
fn the_log_table_shows_operator_and_reason() {
    let f = Fixture::planned();
    f.banzi(&["reopen", "plan", "--unit", "C01", "--reason", "数据有误"])
        .success();
    let table = f.stdout(&["log"]);
    assert!(table.contains(OPERATOR), "{table}");
    assert!(table.contains("reason: 数据有误"), "{table}");
    assert!(table.contains("2026-11-24 09:30"), "{table}");
    assert!(table.contains("operator"), "{table}");
}

#[test]
fn the_log_in_chinese_has_chinese_headers_and_summaries() {
    let f = Fixture::planned();
    f.banzi(&["reopen", "plan", "--unit", "C01", "--reason", "数据有误"])
        .success();
    let table = f.stdout(&["--lang", "zh-CN", "log"]);
    for words in [
        "时间",
        "操作人",
        "命令",
        "说明",
        "记录数",
        "理由：数据有误",
        "已重新打开",
    ] {
        assert!(table.contains(words), "{words} in {table}");
    }
    assert!(!table.contains("reason:"), "{table}");

    // A change of this part of banzi alone, then the log's last entry, all in Chinese.
    let path = f.campaign().join("plans/C02.toml");
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str("# 手工修改\n");
    std::fs::write(path, text).unwrap();
    let out = f
        .banzi(&[
            "--lang",
            "zh-CN",
            "verify",
            "--accept",
            "plans/C02.toml",
            "--reason",
            "更正笔误",
        ])
        .success()
        .get_output()
        .clone();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("已接受手工修改：plans/C02.toml（日志第 5 条）"),
        "{stderr}"
    );
    assert_eq!(english_left(&stderr), Vec::<String>::new(), "{stderr}");
    let out = f
        .banzi(&["--lang", "zh-CN", "log", "--last", "1"])
        .success()
        .get_output()
        .clone();
    let (stdout, stderr) = (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    );
    assert!(stdout.contains("已接受手工修改"), "{stdout}");
    assert_eq!(english_left(&stdout), Vec::<String>::new(), "{stdout}");
    assert_eq!(english_left(&stderr), Vec::<String>::new(), "{stderr}");
    // The journal keeps both languages; `--json` is the same whichever is chosen.
    assert_eq!(
        f.stdout(&["--lang", "zh-CN", "log", "--json"]),
        f.stdout(&["--lang", "en", "log", "--json"])
    );
    let last = f.log().pop().unwrap();
    assert_eq!(last["summary"], "hand edit accepted: plans/C02.toml");
    assert_eq!(last["summary_zh"], "已接受手工修改：plans/C02.toml");
}
