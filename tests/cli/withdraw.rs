//! `banzi withdraw` and `banzi veto`: rulings on a unit's part in the campaign, attributed,
//! revocable, and holding up no step.

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
    assert!(f.stdout(&["--lang", "zh-CN", "status"]).contains("已退出"));
    assert!(f.stdout(&["status"]).contains("withdrawn: 机构改革撤并"));
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
        stderr.contains("already withdrawn from the campaign by 测试员 in journal entry #3: 撤并"),
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

/// A unit's entry in `status --json`.
fn unit_status(f: &Fixture, code: &str) -> serde_json::Value {
    f.status()["units"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["code"] == code)
        .unwrap()
        .clone()
}

#[test]
fn a_withdrawal_is_revoked_with_a_reason_and_the_unit_takes_part_again() {
    let f = Fixture::self_assessed();
    f.fails_unchanged(
        &["withdraw", "C03", "--revoke", "--reason", "误撤"],
        INVALID,
    );
    f.banzi(&["withdraw", "C03", "--reason", "机构改革撤并"])
        .success();
    let made = f.log().pop().unwrap()["seq"].clone();
    f.fails_unchanged(&["withdraw", "C03", "--revoke", "--reason", "  "], INVALID);
    f.banzi(&[
        "withdraw",
        "C03",
        "--revoke",
        "--reason",
        "撤并方案未获批准",
    ])
    .success();
    let entry = f.log().pop().unwrap();
    assert_eq!(entry["reason"], "撤并方案未获批准");
    assert_eq!(
        entry["summary"],
        format!("C03 no longer withdrawn from the campaign (revoking journal entry #{made})")
    );
    let c03 = unit_status(&f, "C03");
    assert_eq!(c03["withdrawn"], json!(null));
    assert_eq!(c03["next"], "banzi inspect record C03 FILE");
    // The record keeps the withdrawal beside its revocation.
    let record = f.read_text("withdrawals.csv");
    assert!(
        record.contains("机构改革撤并") && record.contains("撤并方案未获批准"),
        "{record}"
    );
    f.fails_unchanged(
        &["withdraw", "C03", "--revoke", "--reason", "again"],
        INVALID,
    );
    // Withdrawn again after a revocation: a new ruling.
    f.banzi(&["withdraw", "C03", "--reason", "再次撤并"])
        .success();
    assert_eq!(unit_status(&f, "C03")["withdrawn"], "再次撤并");
}

#[test]
fn a_veto_is_attributed_with_its_basis_shown_in_status_and_revocable() {
    let f = Fixture::self_assessed();
    f.fails_unchanged(&["veto", "X99", "--reason", "事故"], INVALID);
    f.fails_unchanged(&["veto", "C02", "--reason", " "], INVALID);
    f.fails_unchanged(&["veto", "C02", "--revoke", "--reason", "x"], INVALID);
    f.banzi(&[
        "veto",
        "C02",
        "--reason",
        "发生重大安全生产责任事故",
        "--basis",
        "应急〔2026〕8号",
    ])
    .success();
    let entry = f.log().pop().unwrap();
    assert_eq!(entry["reason"], "发生重大安全生产责任事故");
    assert_eq!(entry["operator"], OPERATOR);
    assert_eq!(entry["records"][0]["path"], "vetoes.csv");
    let c02 = unit_status(&f, "C02");
    assert_eq!(
        c02["veto"],
        json!({
            "reason": "发生重大安全生产责任事故",
            "basis": "应急〔2026〕8号",
            "operator": OPERATOR,
            "time": NOW,
            "seq": entry["seq"],
        })
    );
    assert_eq!(c02["next"], json!(null), "a vetoed unit holds up no step");
    assert!(
        f.stdout(&["--lang", "zh-CN", "status"])
            .contains("一票否决：发生重大安全生产责任事故")
    );
    let stderr = f.fails_unchanged(&["veto", "C02", "--reason", "再次"], INVALID);
    assert!(stderr.contains("already vetoed (一票否决)"), "{stderr}");
    assert!(stderr.contains("banzi veto C02 --revoke"), "{stderr}");

    f.banzi(&[
        "veto",
        "C02",
        "--revoke",
        "--reason",
        "经复核，事故责任不在该班子",
    ])
    .success();
    assert_eq!(unit_status(&f, "C02")["veto"], json!(null));
    f.fails_unchanged(&["veto", "C02", "--revoke", "--reason", "x"], INVALID);
}

#[test]
fn a_veto_written_into_the_settings_is_refused_with_the_command_to_use() {
    let f = Fixture::registered();
    let path = f.campaign().join("campaign.toml");
    let mut settings = f.read_text("campaign.toml");
    settings.push_str("\n[[shortlist.veto]]\nunit = \"M05\"\nreason = \"事故\"\n");
    std::fs::write(path, settings).unwrap();
    let stderr = f.fails(&["status"], INVALID);
    assert!(
        stderr.contains("shortlist.veto: a veto (一票否决) is a journaled decision"),
        "{stderr}"
    );
    assert!(stderr.contains("banzi veto UNIT --reason"), "{stderr}");
}

#[test]
fn a_vetoed_unit_is_out_of_the_list_with_who_decided_and_why_in_explain() {
    let f = Fixture::inspected();
    f.banzi(&[
        "veto",
        "M05",
        "--reason",
        "发生重大安全生产责任事故",
        "--basis",
        "应急〔2026〕8号",
    ])
    .success();
    let seq = f.log().pop().unwrap()["seq"].clone();
    f.banzi(&["shortlist"]).success();
    let explain = f.stdout(&["shortlist", "explain", "M05"]);
    assert!(explain.contains("决定: 一票否决"), "{explain}");
    assert!(
        explain.contains(&format!(
            "一票否决: 发生重大安全生产责任事故（测试员，2026-11-24 09:30，日志第 {seq} 条；依据：应急〔2026〕8号）"
        )),
        "{explain}"
    );
    let json = f.json(&["shortlist", "explain", "M05"]);
    assert_eq!(json["veto"]["basis"], "应急〔2026〕8号");
    assert_eq!(json["withdrawal"], json!(null));
    // Lifting the veto makes the list stale.
    f.banzi(&["veto", "M05", "--revoke", "--reason", "经复核撤销"])
        .success();
    let list = f.json(&["shortlist", "show"]);
    assert_eq!(list["stale"], true);
    assert!(
        list["stale_because"][0]
            .as_str()
            .unwrap()
            .contains("vetoes.csv"),
        "{list:#}"
    );
}
