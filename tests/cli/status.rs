//! `banzi status`: the campaign's phase and every unit's steps.

use banzi::steps::{STEPS, Step};
use serde_json::{Value, json};

use crate::fixture::*;

/// A unit's `steps` in `status --json`: every per-unit step of the table, those in `done` done
/// and the rest missing.
fn steps_done(done: &[Step]) -> Value {
    Step::per_unit()
        .map(|d| {
            let state = if done.contains(&d.step) {
                "done"
            } else {
                "missing"
            };
            (d.key.to_owned(), Value::from(state))
        })
        .collect::<serde_json::Map<_, _>>()
        .into()
}

/// Asserts the campaign is in `phase` with `done` done by each of its `units` and the rest
/// missing, each unit's next command its first missing step's, and the table showing every
/// per-unit step.
fn assert_status(f: &Fixture, units: usize, done: &[Step], phase: &str) {
    let status = f.status();
    assert_eq!(status["phase"], phase, "with {done:?} done");
    let table = f.stdout(&["status"]);
    let entries = status["units"].as_array().unwrap();
    if !done.contains(&Step::Units) {
        assert!(entries.is_empty(), "{status:#}");
        assert!(table.contains("no units registered yet"), "{table}");
        return;
    }
    assert_eq!(entries.len(), units, "{status:#}");
    for unit in entries {
        let code = unit["code"].as_str().unwrap();
        assert_eq!(unit["steps"], steps_done(done), "{unit}");
        let next = Step::per_unit()
            .find(|d| !done.contains(&d.step))
            .map(|d| d.step.submit_command(code));
        assert_eq!(unit["next"], json!(next), "{unit}");
    }
    for def in Step::per_unit() {
        let count = if done.contains(&def.step) { units } else { 0 };
        assert!(table.contains(def.title), "{table}");
        let total = format!("{} {count}/{units} done", def.command);
        assert!(table.contains(&total), "no `{total}` in\n{table}");
    }
}

/// A campaign taken through every step of the table in turn: before each, the campaign is in
/// that step's phase; once all are done, in the last.
#[test]
fn status_follows_every_step_of_the_table() {
    let units = [
        county("K01", [90; 5], "优秀"),
        department("D01", [85; 5], "良好"),
        municipal("M01", [80; 5], "优秀"),
    ];
    let build = Fixture::synthetic(&units);
    let f = build.start();
    let mut done: Vec<Step> = Vec::new();
    for def in STEPS {
        assert_status(&f, units.len(), &done, def.command);
        build.take(&f, def.step);
        done.push(def.step);
    }
    assert_status(&f, units.len(), &done, STEPS[STEPS.len() - 1].command);
}

#[test]
fn a_new_campaign_is_in_the_units_phase() {
    let f = Fixture::initialized();
    assert_eq!(
        f.status(),
        json!({"phase": "units", "campaign": {"name": CAMPAIGN_NAME, "year": 2026}, "units": [], "shortlist": null})
    );
    let table = f.stdout(&["status"]);
    assert!(table.contains("no units registered yet"), "{table}");
    assert!(table.contains("banzi units import"), "{table}");
}

#[test]
fn registered_units_wait_for_their_plans() {
    let f = Fixture::registered();
    let status = f.status();
    assert_eq!(status["phase"], "plan");
    let units = status["units"].as_array().unwrap();
    assert_eq!(units.len(), 16);
    assert_eq!(
        units[0],
        json!({
            "code": "C01",
            "name": "青川市东湖区",
            "category": "county",
            "steps": {"plan": "missing", "self_assess": "missing", "inspect": "missing"},
            "next": "banzi plan submit C01 FILE",
            "withdrawn": null,
            "veto": null,
        })
    );
    assert_eq!(units[5]["category"], "department");
    assert_eq!(units[10]["category"], "municipal-unit");
}

#[test]
fn the_phase_is_the_earliest_step_some_unit_still_has_to_do() {
    let f = Fixture::registered();
    f.submit_plan("C01");
    let status = f.status();
    assert_eq!(status["phase"], "plan");
    assert_eq!(status["units"][0]["steps"], steps_done(&[Step::Plan]));
    assert_eq!(
        status["units"][0]["next"],
        "banzi self-assess submit C01 FILE"
    );
    assert_eq!(status["units"][1]["next"], "banzi plan submit C02 FILE");

    f.submit_plans();
    assert_eq!(f.status()["phase"], "self-assess");
    f.submit_self_assessment("C01");
    let status = f.status();
    assert_eq!(status["phase"], "self-assess");
    assert_eq!(
        status["units"][0]["steps"],
        steps_done(&[Step::Plan, Step::SelfAssess])
    );
    assert_eq!(status["units"][0]["next"], "banzi inspect record C01 FILE");
}

#[test]
fn a_campaign_with_every_unit_self_assessed_is_in_the_inspect_phase() {
    let f = Fixture::self_assessed();
    let status = f.status();
    assert_eq!(status["phase"], "inspect");
    for unit in status["units"].as_array().unwrap() {
        assert_eq!(
            unit["steps"],
            steps_done(&[Step::Plan, Step::SelfAssess]),
            "{unit}"
        );
        let next = format!(
            "banzi inspect record {} FILE",
            unit["code"].as_str().unwrap()
        );
        assert_eq!(unit["next"], next.as_str(), "{unit}");
    }
}

#[test]
fn the_status_table_shows_states_and_totals() {
    let f = Fixture::planned();
    f.submit_self_assessment("C01");
    let table = f.stdout(&["status"]);
    assert!(table.contains("phase: self-assess"), "{table}");
    assert!(
        table.contains("已完成") && table.contains("未提交"),
        "{table}"
    );
    assert!(
        table.contains("banzi self-assess submit C02 FILE"),
        "{table}"
    );
    assert!(
        table.contains("plan 16/16 done; self-assess 1/16 done"),
        "{table}"
    );
}

#[test]
fn reading_the_status_never_changes_the_campaign() {
    let f = Fixture::planned();
    let before = f.snapshot_dir();
    for args in [
        &["status"][..],
        &["status", "--json"],
        &["log"],
        &["log", "--json"],
        &["verify"],
        &["units", "list"],
        &["plan", "show", "C01"],
        &["plan", "template", "C02"],
        &["self-assess", "template", "C01"],
    ] {
        f.banzi(args).success();
    }
    assert_same_dir(&before, &f.snapshot_dir());
}

#[test]
fn reading_a_campaign_creates_no_file() {
    let f = Fixture::planned();
    let before = f.snapshot_dir();
    f.banzi(&["status"]).success();
    f.banzi(&["verify"]).success();
    assert_same_dir(&before, &f.snapshot_dir());
}
