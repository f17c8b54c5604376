//! `banzi reopen`: correcting a step, and what becomes stale.

use predicates::prelude::*;

use crate::fixture::*;

fn pair(plan: &str, self_assess: &str) -> (String, String) {
    (plan.to_owned(), self_assess.to_owned())
}

#[test]
fn reopening_a_plan_makes_it_and_its_self_assessment_stale_and_keeps_the_files() {
    let f = Fixture::self_assessed();
    let before = f.snapshot_dir();
    f.banzi(&["reopen", "plan", "--unit", "C01", "--reason", "指标调整"])
        .success()
        .stderr(predicate::str::contains(
            "plan of C01 reopened; now stale: self-assessment",
        ))
        .stderr(predicate::str::contains("next: banzi plan submit C01 FILE"));
    assert_eq!(f.steps("C01"), pair("stale", "stale"));
    assert_eq!(f.steps("C02"), pair("done", "done"));
    let after = f.snapshot_dir();
    for record in ["plans/C01.toml", "self-assessments/C01.toml"] {
        assert_eq!(before[record], after[record], "{record} is kept as it was");
    }
    let status = f.status();
    assert_eq!(status["phase"], "plan");
    assert_eq!(status["units"][0]["next"], "banzi plan submit C01 FILE");
    f.banzi(&["verify"]).success();
}

#[test]
fn resubmitting_a_reopened_plan_leaves_the_self_assessment_stale_until_resubmitted() {
    let f = Fixture::self_assessed();
    f.banzi(&["reopen", "plan", "--unit", "C01", "--reason", "指标调整"])
        .success();

    let corrected = f.write(
        "inputs/C01.toml",
        &edited_example("plans/C01.toml", "target = \"12次\"", "target = \"14次\""),
    );
    f.banzi(&["plan", "submit", "C01", corrected]).success();
    assert_eq!(f.steps("C01"), pair("done", "stale"));
    assert_eq!(
        f.status()["units"][0]["next"],
        "banzi self-assess submit C01 FILE"
    );
    assert_eq!(f.status()["phase"], "self-assess");

    f.submit_self_assessment("C01");
    assert_eq!(f.steps("C01"), pair("done", "done"));
    assert_eq!(f.status()["phase"], "inspect");
    f.banzi(&["verify"]).success();
}

#[test]
fn the_same_plan_can_be_resubmitted_after_reopening() {
    let f = Fixture::self_assessed();
    f.banzi(&["reopen", "plan", "--unit", "C01", "--reason", "核对"])
        .success();
    let entries = f.log().len();
    f.submit_plan("C01");
    assert_eq!(f.log().len(), entries + 1);
    assert_eq!(f.steps("C01"), pair("done", "stale"));
}

#[test]
fn a_stale_self_assessment_still_reports_with_a_warning() {
    let f = Fixture::self_assessed();
    f.banzi(&[
        "reopen",
        "self-assess",
        "--unit",
        "C01",
        "--reason",
        "自评分偏高",
    ])
    .success();
    assert_eq!(f.steps("C01"), pair("done", "stale"));
    f.banzi(&["self-assess", "report", "C01"])
        .success()
        .stdout(predicate::str::starts_with("# "))
        .stderr(predicate::str::contains(
            "warning: this self-assessment is stale (reopened: 自评分偏高)",
        ));
}

#[test]
fn a_self_assessment_cannot_be_taken_while_its_plan_is_reopened() {
    let f = Fixture::self_assessed();
    f.banzi(&["reopen", "plan", "--unit", "C01", "--reason", "指标调整"])
        .success();
    let file = example("self-assessments/C01.toml");
    let stderr = f.fails_unchanged(
        &["self-assess", "submit", "C01", file.to_str().unwrap()],
        STEP_ORDER,
    );
    assert!(
        stderr.contains("was reopened and must be submitted again"),
        "{stderr}"
    );
    assert!(stderr.contains("banzi plan submit C01 FILE"), "{stderr}");
}

#[test]
fn reopening_a_plan_without_a_self_assessment_marks_only_the_plan() {
    let f = Fixture::planned();
    f.banzi(&["reopen", "plan", "--unit", "C01", "--reason", "补充指标"])
        .success();
    assert_eq!(f.steps("C01"), pair("stale", "missing"));
    assert_eq!(f.log().pop().unwrap()["summary"], "plan of C01 reopened");
}

#[test]
fn reopening_a_missing_step_is_refused_by_step_order() {
    let f = Fixture::planned();
    let stderr = f.fails_unchanged(
        &["reopen", "self-assess", "--unit", "C01", "--reason", "x"],
        STEP_ORDER,
    );
    assert!(
        stderr.contains("unit `C01` has no self-assessment to reopen"),
        "{stderr}"
    );
    assert!(
        stderr.contains("banzi self-assess submit C01 FILE"),
        "{stderr}"
    );
}

#[test]
fn reopening_a_step_twice_is_refused_by_step_order() {
    let f = Fixture::planned();
    f.banzi(&["reopen", "plan", "--unit", "C01", "--reason", "x"])
        .success();
    let stderr = f.fails_unchanged(
        &["reopen", "plan", "--unit", "C01", "--reason", "y"],
        STEP_ORDER,
    );
    assert!(stderr.contains("already open for correction"), "{stderr}");
}

#[test]
fn reopening_an_unknown_step_is_a_usage_error() {
    let f = Fixture::planned();
    let stderr = f.fails_unchanged(
        &["reopen", "inspection", "--unit", "C01", "--reason", "x"],
        USAGE,
    );
    assert!(
        stderr.contains("invalid value 'inspection' for '<STEP>'"),
        "{stderr}"
    );
    let steps: Vec<&str> = banzi::steps::Step::per_unit()
        .chain(banzi::steps::Step::opened())
        .map(|d| d.command)
        .collect();
    assert!(
        stderr.contains(&format!("[possible values: {}]", steps.join(", "))),
        "{stderr}"
    );
}

#[test]
fn reopening_needs_a_reason() {
    let f = Fixture::planned();
    f.fails_unchanged(&["reopen", "plan", "--unit", "C01"], USAGE);
    let stderr = f.fails_unchanged(
        &["reopen", "plan", "--unit", "C01", "--reason", "  "],
        INVALID,
    );
    assert!(stderr.contains("a reopening needs a reason"), "{stderr}");
}

#[test]
fn reopening_an_unregistered_unit_is_refused() {
    let f = Fixture::planned();
    let stderr = f.fails_unchanged(
        &["reopen", "plan", "--unit", "X99", "--reason", "x"],
        INVALID,
    );
    assert!(
        stderr.contains("unit `X99` is not in the register"),
        "{stderr}"
    );
}

#[test]
fn reopening_in_chinese_says_so_and_its_json_is_the_same_in_both_languages() {
    let f = Fixture::self_assessed();
    let stderr = f.fails_unchanged(
        &[
            "--lang", "zh-CN", "reopen", "plan", "--unit", "C01", "--reason", " ",
        ],
        INVALID,
    );
    assert!(stderr.contains("错误：重新打开需要说明理由"), "{stderr}");
    assert_eq!(english_left(&stderr), Vec::<String>::new(), "{stderr}");

    let zh = f.copy();
    let run = |f: &Fixture, lang: &str| {
        let out = f
            .command(&[
                "reopen",
                "plan",
                "--unit",
                "C01",
                "--reason",
                "指标调整",
                "--json",
            ])
            .env("BANZI_LANG", lang)
            .assert()
            .success()
            .get_output()
            .clone();
        (
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        )
    };
    // The same entry but for the hashes, which cover the index and so the copies' file times.
    let entry = |json: &str| {
        let mut entry: serde_json::Value = serde_json::from_str(json).unwrap();
        let object = entry.as_object_mut().unwrap();
        object.remove("hash");
        object.remove("index_sha256");
        entry
    };
    let (en_json, _) = run(&f, "en");
    let (zh_json, zh_said) = run(&zh, "zh-CN");
    assert_eq!(entry(&zh_json), entry(&en_json));
    assert_eq!(
        entry(&zh_json)["summary"],
        "plan of C01 reopened; now stale: self-assessment"
    );
    assert!(zh_said.contains("已重新打开；随之待重做："), "{zh_said}");
    assert!(zh_said.contains("（日志第 5 条）"), "{zh_said}");
    assert!(
        zh_said.contains("下一步：banzi plan submit C01 FILE"),
        "{zh_said}"
    );

    // Reopened already: refused, in Chinese, with the command that corrects it.
    let stderr = zh.fails_unchanged(
        &[
            "--lang", "zh-CN", "reopen", "plan", "--unit", "C01", "--reason", "再改",
        ],
        STEP_ORDER,
    );
    assert!(stderr.contains("已经重新打开，正待更正"), "{stderr}");
    assert!(
        stderr.contains("提示：用 `banzi plan submit C01 FILE` 提交更正后的版本"),
        "{stderr}"
    );
}
