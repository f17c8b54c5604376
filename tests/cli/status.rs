//! `banzi status`: the campaign's phase and every unit's steps.

use serde_json::json;

use crate::fixture::*;

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
    assert_eq!(
        status["units"][0]["steps"],
        json!({"plan": "done", "self_assess": "missing", "inspect": "missing"})
    );
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
        json!({"plan": "done", "self_assess": "done", "inspect": "missing"})
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
            json!({"plan": "done", "self_assess": "done", "inspect": "missing"}),
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
