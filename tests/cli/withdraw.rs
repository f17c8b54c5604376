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
            "accountable": null,
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
    let explain = f.stdout(&["--lang", "zh-CN", "shortlist", "explain", "M05"]);
    assert!(explain.contains("决定：一票否决"), "{explain}");
    assert!(
        explain.contains(&format!(
            "一票否决：发生重大安全生产责任事故（测试员，2026-11-24 09:30，日志第 {seq} 条；依据：应急〔2026〕8号）"
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

#[test]
fn withdrawals_and_vetoes_speak_chinese() {
    let f = Fixture::inspected();

    let out = f
        .banzi(&zh(&["withdraw", "M06", "--reason", "机构改革撤并"]))
        .success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(stderr.contains("完成：M06 退出参评"), "{stderr}");
    assert!(english_left(&stderr).is_empty(), "{stderr}");
    let entry = f.log().pop().unwrap();
    assert_eq!(entry["summary"], "M06 withdrawn from the campaign");

    let failures: [(&[&str], &str); 5] = [
        (
            &["withdraw", "M06", "--reason", "再次"],
            "已由 测试员 在日志第",
        ),
        (
            &["withdraw", "M01", "--revoke", "--reason", "撤销"],
            "单位 `M01` 没有退出参评，无可撤销",
        ),
        (
            &["veto", "M01", "--revoke", "--reason", "撤销"],
            "单位 `M01` 没有被一票否决，无可撤销",
        ),
        (&["withdraw", "M01", "--reason", "  "], "错误："),
        (
            &["veto", "M05", "--reason", "事故", "--basis", ""],
            "错误：",
        ),
    ];
    for (args, says) in failures {
        let stderr = f.fails_unchanged(&zh(args), INVALID);
        assert!(stderr.contains(says), "{args:?}: {stderr}");
        assert!(stderr.contains("错误："), "{args:?}: {stderr}");
        if says != "错误：" {
            assert!(english_left(&stderr).is_empty(), "{args:?}: {stderr}");
        }
    }

    let out = f
        .banzi(&zh(&[
            "veto",
            "M05",
            "--reason",
            "发生重大安全生产责任事故",
        ]))
        .success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(stderr.contains("M05 被一票否决"), "{stderr}");
    assert!(english_left(&stderr).is_empty(), "{stderr}");
    let stderr = f.fails_unchanged(&zh(&["veto", "M05", "--reason", "再次"]), INVALID);
    assert!(
        stderr.contains("提示：如需更改，请先用 `banzi veto M05 --revoke --reason \"…\"` 撤销"),
        "{stderr}"
    );
    assert!(english_left(&stderr).is_empty(), "{stderr}");
    let out = f
        .banzi(&zh(&["veto", "M05", "--revoke", "--reason", "经复核撤销"]))
        .success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(stderr.contains("撤销对 M05 的一票否决"), "{stderr}");
    let entry = f.log().pop().unwrap();
    assert!(
        entry["summary"]
            .as_str()
            .unwrap()
            .starts_with("M05 no longer vetoed (一票否决) (revoking journal entry #"),
        "{entry}"
    );
}

/// `banzi --json ARGS` with the language from `BANZI_LANG`, so that the command line the
/// journal keeps is the same in both languages.
fn json_in(f: &Fixture, lang: &str, args: &[&str]) -> serde_json::Value {
    let out = f
        .command(&[&["--json"], args].concat())
        .env("BANZI_LANG", lang)
        .assert()
        .success();
    let mut value: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    // A journal entry's hashes cover the index, which keeps the files' times.
    if let Some(entry) = value.as_object_mut() {
        for key in ["hash", "index_sha256", "prev"] {
            entry.remove(key);
        }
    }
    value
}

#[test]
fn the_json_of_a_ruling_is_the_same_in_both_languages() {
    let f = Fixture::inspected();
    let g = f.copy();
    for args in [
        &[
            "veto",
            "M05",
            "--reason",
            "事故",
            "--basis",
            "应急〔2026〕8号",
        ][..],
        &["veto", "M05", "--revoke", "--reason", "复核"],
        &["withdraw", "M05", "--reason", "撤并"],
    ] {
        assert_eq!(
            json_in(&f, "zh-CN", args),
            json_in(&g, "en", args),
            "{args:?}"
        );
    }
}
