//! `banzi withdraw`: a unit leaves the campaign with a reason and holds up no step.

use serde_json::json;

use crate::fixture::*;

#[test]
fn a_withdrawn_unit_holds_up_no_step_and_keeps_its_records() {
    let f = Fixture::self_assessed();
    assert_eq!(f.status()["phase"], "inspect");
    f.banzi(&["withdraw", "C03", "--reason", "机构改革撤并，不参评"])
        .success();

    let entry = f.log().pop().unwrap();
    assert_eq!(entry["reason"], "机构改革撤并，不参评");
    assert_eq!(entry["records"][0]["path"], "withdrawals.csv");
    let status = f.status();
    let c03 = status["units"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["code"] == "C03")
        .unwrap()
        .clone();
    assert_eq!(c03["withdrawn"], "机构改革撤并，不参评");
    assert_eq!(c03["next"], json!(null));
    assert_eq!(c03["steps"]["self_assess"], "done", "its records are kept");
    assert!(f.campaign().join("plans/C03.toml").is_file());
    assert!(f.stdout(&["status"]).contains("已退出"));
}

#[test]
fn a_withdrawal_needs_a_registered_unit_a_reason_and_happens_once() {
    let f = Fixture::registered();
    f.fails_unchanged(&["withdraw", "X99", "--reason", "x"], INVALID);
    f.fails_unchanged(&["withdraw", "C03", "--reason", "  "], INVALID);
    f.fails(&["withdraw", "C03"], USAGE);
    f.banzi(&["withdraw", "C03", "--reason", "撤并"]).success();
    let stderr = f.fails_unchanged(&["withdraw", "C03", "--reason", "again"], INVALID);
    assert!(
        stderr.contains("already withdrawn by 测试员 in entry #3: 撤并"),
        "{stderr}"
    );
}

#[test]
fn withdrawn_units_do_not_hold_the_phase_back() {
    let f = Fixture::registered();
    for unit in EXAMPLE_UNITS.iter().filter(|u| **u != "C01") {
        f.banzi(&["withdraw", unit, "--reason", "测试"]).success();
    }
    assert_eq!(f.status()["phase"], "plan");
    f.submit_plan("C01");
    assert_eq!(f.status()["phase"], "self-assess");
}
