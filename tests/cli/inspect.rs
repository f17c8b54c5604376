//! `banzi inspect` and `banzi inspectors`: the annual assessment, inspection records, recusal,
//! the comprehensive analysis and the flags.

use serde_json::json;

use crate::fixture::*;

const ANNUAL_HEADER: &str = "unit_code,year,grade,score,remarks\n";

/// An inspection record of `unit` by `method`, rated `ratings` in the campaign's criterion order.
fn record(unit: &str, method: &str, inspectors: &str, ratings: [u32; 5], extra: &str) -> String {
    let [political, capability, vitality, cohesion, conduct] = ratings;
    format!(
        "unit = \"{unit}\"\nmethod = \"{method}\"\ndate = 2026-11-05\ninspectors = [{inspectors}]\n\
         findings = \"考察情况\"\n[ratings]\npolitical = {political}\ncapability = {capability}\n\
         vitality = {vitality}\ncohesion = {cohesion}\nconduct = {conduct}\n{extra}"
    )
}

fn record_file(f: &Fixture, unit: &str, method: &str, ratings: [u32; 5], extra: &str) {
    let name = format!("inputs/{unit}-{method}.toml");
    let path = f.write(&name, &record(unit, method, "\"赵六\"", ratings, extra));
    f.banzi(&["inspect", "record", unit, path]).success();
}

fn annual(f: &Fixture, rows: &str) {
    let path = f.write("inputs/annual.csv", &format!("{ANNUAL_HEADER}{rows}"));
    f.banzi(&["inspect", "import-assessment", path]).success();
}

#[test]
fn the_annual_assessment_reads_utf8_bom_and_gb18030_with_crlf_and_padding() {
    let text = "单位代码 , 年度 , 等次 , 得分 , 备注\r\n C01 , 2026 , 优秀 , 95 , 表现突出 \r\nC02,2026,良好,,\r\n\r\n";
    let variants: [(&str, Vec<u8>); 3] = [
        ("utf8", text.as_bytes().to_vec()),
        (
            "bom",
            [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
        ),
        ("gb18030", encoding_rs::GB18030.encode(text).0.into_owned()),
    ];
    let mut stored = Vec::new();
    for (name, bytes) in variants {
        let f = Fixture::registered();
        let name = format!("inputs/{name}.csv");
        let path = f.write_bytes(&name, &bytes);
        f.banzi(&["inspect", "import-assessment", path]).success();
        stored.push(f.read_text("analysis/annual.csv"));
    }
    assert_eq!(
        stored[0],
        "unit,year,grade,score,remarks\nC01,2026,优秀,95.0,表现突出\nC02,2026,良好,,\n"
    );
    assert!(stored.iter().all(|s| *s == stored[0]), "{stored:#?}");
}

#[test]
fn every_bad_annual_row_is_reported_and_nothing_is_written() {
    let f = Fixture::registered();
    let path = f.write(
        "inputs/annual.csv",
        &format!("{ANNUAL_HEADER}C01,2026,优秀,95,\nC99,2026,优秀,,\nC01,2026,良好,,\n\nC02,2025,很好,101,\n"),
    );
    let stderr = f.fails_unchanged(&["inspect", "import-assessment", path], INVALID);
    let expected = [
        "inputs/annual.csv:3: unit_code: unknown unit `C99`: not in the register",
        "inputs/annual.csv:4: unit_code: duplicate unit `C01` (first on line 2)",
        "inputs/annual.csv:6: year: `2025` is not this campaign's year 2026",
        "inputs/annual.csv:6: grade: unknown grade `很好` (the scale in campaign.toml: 优秀, 良好, 一般, 较差)",
        "inputs/annual.csv:6: score: `101` is not a score 0-100",
    ];
    for line in expected {
        assert!(stderr.contains(line), "missing `{line}` in:\n{stderr}");
    }
}

#[test]
fn a_dry_run_reports_and_writes_nothing() {
    let f = Fixture::registered();
    let path = f.write(
        "inputs/annual.csv",
        &format!("{ANNUAL_HEADER}C01,2026,优秀,95,\n"),
    );
    let before = f.snapshot_dir();
    let out = f.json(&["inspect", "import-assessment", path, "--dry-run"]);
    assert_eq!(
        out,
        json!({"dry_run": true, "added": ["C01"], "replaced": [], "unchanged": [], "seq": null})
    );
    assert_same_dir(&before, &f.snapshot_dir());
}

#[test]
fn the_same_results_again_are_no_change_and_different_ones_need_replace() {
    let f = Fixture::registered();
    annual(&f, "C01,2026,优秀,95,\nC02,2026,良好,86,\n");
    let entries = f.log().len();
    annual(&f, "C01,2026,优秀,95,\nC02,2026,良好,86,\n");
    assert_eq!(
        f.log().len(),
        entries,
        "a re-import of the same content is journaled"
    );

    let old = sha256_hex(&f.read("analysis/annual.csv"));
    let path = f.write(
        "inputs/fix.csv",
        &format!("{ANNUAL_HEADER}C02,2026,一般,75,复核更正\n"),
    );
    let stderr = f.fails_unchanged(&["inspect", "import-assessment", path], INVALID);
    assert!(stderr.contains("differ from this file: C02"), "{stderr}");
    assert!(stderr.contains("--replace"), "{stderr}");

    f.banzi(&["inspect", "import-assessment", path, "--replace"])
        .success();
    let entry = f.log().pop().unwrap();
    let input = sha256_hex(&std::fs::read(f.root().join(path)).unwrap());
    assert_eq!(entry["inputs"], json!([{"path": path, "sha256": input}]));
    let summary = entry["summary"].as_str().unwrap();
    assert!(summary.contains("0 added, 1 replaced"), "{summary}");
    assert!(
        summary.contains(&format!("replaces analysis/annual.csv with SHA-256 {old}")),
        "{summary}"
    );
    assert!(
        f.read_text("analysis/annual.csv")
            .contains("C02,2026,一般,75.0,复核更正")
    );
}

#[test]
fn an_inspection_needs_a_submitted_self_assessment() {
    let f = Fixture::planned();
    let path = f.write(
        "inputs/r.toml",
        &record("C01", "talk", "\"赵六\"", [80; 5], ""),
    );
    let stderr = f.fails_unchanged(&["inspect", "record", "C01", path], STEP_ORDER);
    assert!(
        stderr.contains("its self-assessment (自评报告) is missing"),
        "{stderr}"
    );
    assert!(
        stderr.contains("banzi self-assess submit C01 FILE"),
        "{stderr}"
    );
}

#[test]
fn an_inspector_may_not_inspect_their_own_unit_nor_be_missing_from_the_register() {
    let f = Fixture::self_assessed();
    let register = f.write("inputs/inspectors.csv", "姓名,所在单位\n王五,C01\n赵六,\n");
    f.banzi(&["inspectors", "import", register]).success();
    assert_eq!(
        f.json(&["inspectors", "list"]),
        json!([{"name": "王五", "home_unit": "C01"}, {"name": "赵六", "home_unit": ""}])
    );
    let own = f.write(
        "inputs/own.toml",
        &record("C01", "talk", "\"王五\", \"赵六\"", [80; 5], ""),
    );
    let stderr = f.fails_unchanged(&["inspect", "record", "C01", own], INVALID);
    assert!(
        stderr.contains("inputs/own.toml:4:15: inspectors: inspector `王五` works in unit `C01` and must withdraw (回避) from inspecting it"),
        "{stderr}"
    );
    let stranger = f.write(
        "inputs/x.toml",
        &record("C01", "talk", "\"孙八\"", [80; 5], ""),
    );
    let stderr = f.fails_unchanged(&["inspect", "record", "C01", stranger], INVALID);
    assert!(
        stderr.contains("inspector `孙八` is not in the inspectors' register"),
        "{stderr}"
    );
    let elsewhere = f.write(
        "inputs/c02.toml",
        &record("C02", "talk", "\"王五\"", [80; 5], ""),
    );
    f.banzi(&["inspect", "record", "C02", elsewhere]).success();
}

#[test]
fn a_unit_is_inspected_once_every_required_method_has_a_record() {
    let f = Fixture::self_assessed();
    record_file(&f, "C01", "talk", [80; 5], "");
    let unit = |f: &Fixture| f.status()["units"][0].clone();
    assert_eq!(unit(&f)["steps"]["inspect"], "partial");
    record_file(&f, "C01", "hearing", [80; 5], "");
    record_file(&f, "C01", "talk", [82; 5], "");
    assert_eq!(unit(&f)["steps"]["inspect"], "partial");
    record_file(&f, "C01", "materials", [80; 5], "");
    assert_eq!(unit(&f)["steps"]["inspect"], "done");
    assert!(f.campaign().join("inspections/C01/talk-2.toml").is_file());

    // The self-assessment the inspection checked is now locked (the same one again is no
    // change); reopening it makes the records stale.
    let file = example("self-assessments/C01.toml");
    f.banzi(&["self-assess", "submit", "C01", file.to_str().unwrap()])
        .success();
    let changed = f.write(
        "inputs/sa-C01.toml",
        &edited_example("self-assessments/C01.toml", "一年来", "这一年来"),
    );
    let stderr = f.fails(&["self-assess", "submit", "C01", changed], STEP_ORDER);
    assert!(
        stderr.contains("its inspection (组织考察) is already done"),
        "{stderr}"
    );
    f.banzi(&[
        "reopen",
        "self-assess",
        "--unit",
        "C01",
        "--reason",
        "自评数据有误",
    ])
    .success();
    assert_eq!(unit(&f)["steps"]["inspect"], "stale");
    assert_eq!(
        f.log().pop().unwrap()["records"].as_array().unwrap().len(),
        5
    );
}

#[test]
fn the_composite_without_votes_is_rescaled_and_checks_to_the_last_decimal() {
    let f = Fixture::self_assessed();
    annual(&f, "C01,2026,优秀,95,\nC02,2026,良好,86,\n");
    record_file(&f, "C01", "hearing", [90, 88, 86, 84, 92], "");
    record_file(&f, "C01", "talk", [80, 86, 84, 88, 91], "");
    record_file(&f, "C01", "materials", [85, 87, 89, 83, 90], "");
    for method in ["hearing", "talk", "materials"] {
        record_file(&f, "C02", method, [80; 5], "");
    }

    // No votes: inspection 0.4 and annual 0.3 become 4/7 and 3/7.
    // C01: inspection means 85, 87, 86⅓, 85, 91; annual 优秀 = 100.
    //   composite = 0.2 × Σ (4/7 × mean + 3/7 × 100) = 0.2 × (4/7 × 1303/3 + 1500/7) = 9712/105.
    // C02: inspection 80 everywhere, annual 良好 = 85: composite = 4/7 × 80 + 3/7 × 85 = 575/7.
    let c01 = f.json(&["inspect", "show", "C01"]);
    assert_eq!(c01["weights"]["rescaled"], true);
    assert_eq!(c01["weights"]["democratic"], 0.0);
    assert!((c01["weights"]["inspection"].as_f64().unwrap() - 4.0 / 7.0).abs() < 1e-12);
    let vitality = &c01["criteria"]["vitality"];
    assert!(
        (vitality["inspection"].as_f64().unwrap() - 259.0 / 3.0).abs() < 1e-12,
        "{vitality}"
    );
    assert_eq!(vitality["annual"], 100.0);
    assert_eq!(vitality["democratic"], json!(null));
    assert_eq!(vitality["inspection_inputs"].as_array().unwrap().len(), 3);
    assert!(
        (c01["composite"].as_f64().unwrap() - 9712.0 / 105.0).abs() < 1e-12,
        "{c01}"
    );
    assert_eq!(c01["complete"], true);

    let c02 = f.json(&["inspect", "show", "C02"]);
    assert!(
        (c02["composite"].as_f64().unwrap() - 575.0 / 7.0).abs() < 1e-12,
        "{c02}"
    );

    let people = f.stdout(&["--lang", "zh-CN", "inspect", "show", "C01"]);
    assert!(people.contains("按比例折算为合计 1"), "{people}");
    assert!(people.contains("＝92.50"), "{people}");
}

#[test]
fn a_unit_missing_inputs_has_no_composite_and_says_what_is_missing() {
    let f = Fixture::self_assessed();
    record_file(&f, "C01", "talk", [80; 5], "");
    let c01 = f.json(&["inspect", "show", "C01"]);
    assert_eq!(c01["composite"], json!(null));
    assert_eq!(
        c01["missing"],
        json!([
            "inspection records for hearing (听汇报), materials (查资料)",
            "the annual-assessment result"
        ])
    );
}

#[test]
fn self_inflation_and_concealment_are_flagged_and_cleared_only_with_a_reason() {
    let f = Fixture::self_assessed();
    // C04 rated itself 98, 97, 96, 98, 97; its P1 was reported done.
    record_file(
        &f,
        "C04",
        "talk",
        [80, 90, 90, 90, 90],
        "[[verification]]\nindicator = \"P1\"\nstatus = \"partial\"\nnote = \"记录不全\"\n",
    );
    let flags = f.json(&["inspect", "flags"]);
    let ids: Vec<&str> = flags
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["inflation-C04-political", "concealment-C04-P1"]);
    assert_eq!(flags[0]["self_reported"], "98");
    assert_eq!(flags[0]["inspected"], "80");
    assert_eq!(flags[0]["self_source"], "self-assessments/C04.toml");
    assert_eq!(
        flags[1]["inspection_sources"],
        json!(["inspections/C04/talk-1.toml"])
    );
    assert_eq!(flags[1]["cleared"], json!(null));

    f.fails_unchanged(
        &[
            "inspect",
            "clear-flag",
            "concealment-C04-P1",
            "--reason",
            " ",
        ],
        INVALID,
    );
    f.fails_unchanged(
        &["inspect", "clear-flag", "no-such-flag", "--reason", "x"],
        INVALID,
    );
    f.banzi(&[
        "inspect",
        "clear-flag",
        "concealment-C04-P1",
        "--reason",
        "经复核，记录已补齐",
    ])
    .success();
    let entry = f.log().pop().unwrap();
    assert_eq!(entry["reason"], "经复核，记录已补齐");
    assert_eq!(entry["records"][0]["path"], "analysis/cleared-flags.csv");
    let flags = f.json(&["inspect", "flags"]);
    assert_eq!(flags[1]["cleared"]["reason"], "经复核，记录已补齐");
    assert_eq!(flags[1]["cleared"]["operator"], OPERATOR);
    f.fails(
        &[
            "inspect",
            "clear-flag",
            "concealment-C04-P1",
            "--reason",
            "again",
        ],
        INVALID,
    );
}

const VOTES_HEADER: &str = "单位代码,测评主体,政治强,能力强,活力强,合力强,作风硬\n";

fn votes(f: &Fixture, rows: &str) -> serde_json::Value {
    let path = f.write("inputs/votes.csv", &format!("{VOTES_HEADER}{rows}"));
    f.json(&["inspect", "import-votes", path])
}

const TWO_UNITS_VOTES: &str = "\
C01,上级领导,优秀,,较好,较好,较好
C01,上级领导,较好,,较好,较好,较好
C01,班子成员,一般,优秀,较好,较好,较好
C01,班子成员,,优秀,较好,较好,较好
C02,上级领导,优秀,优秀,优秀,优秀,优秀
C02,班子成员,较差,较差,较差,较差,较差
C02,班子成员,较差,较差,较差,较差,较差
";

#[test]
fn the_weighted_composite_renormalises_over_groups_with_votes_and_checks_to_the_last_decimal() {
    let f = Fixture::self_assessed();
    weigh_two_groups(&f);
    annual(&f, "C01,2026,优秀,95,\nC02,2026,一般,72,\n");
    votes(&f, TWO_UNITS_VOTES);
    for method in ["hearing", "talk", "materials"] {
        record_file(&f, "C01", method, [90; 5], "");
        record_file(&f, "C02", method, [80; 5], "");
    }

    // C01, 政治强: 上级领导 (100 + 80) / 2 = 90, 班子成员 60 with one abstention: 0.5 × 90 + 0.5 × 60 = 75.
    // 能力强: 上级领导 left it blank, so 班子成员 alone counts, its weight renormalised to 1: 100.
    // The other criteria: 80. Combined = 0.4 × 90 + 0.3 × democratic + 0.3 × 100:
    // 88.5, 96, 90, 90, 90; composite = 0.2 × 454.5 = 90.9.
    let c01 = f.json(&["inspect", "show", "C01"]);
    assert_eq!(
        c01["weights"],
        json!({"inspection": 0.4, "democratic": 0.3, "annual": 0.3, "rescaled": false})
    );
    let political = &c01["criteria"]["political"];
    assert_eq!(political["democratic"], 75.0);
    assert_eq!(political["democratic_weighted"], true);
    let groups = political["democratic_groups"].as_array().unwrap();
    let board = groups
        .iter()
        .find(|g| g["rater_group"] == "班子成员")
        .unwrap();
    assert_eq!(
        board["counts"],
        json!({"优秀": 0, "较好": 0, "一般": 1, "较差": 0})
    );
    assert_eq!(board["abstentions"], 1);
    assert_eq!(board["mean"], 60.0);
    assert_eq!(board["effective_weight"], 0.5);
    let capability = &c01["criteria"]["capability"];
    assert_eq!(capability["democratic"], 100.0);
    let leaders = capability["democratic_groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["rater_group"] == "上级领导")
        .unwrap();
    assert_eq!(
        (leaders["abstentions"].clone(), leaders["mean"].clone()),
        (json!(2), json!(null))
    );
    assert_eq!(leaders["effective_weight"], 0.0);
    let combined: Vec<f64> = ["political", "capability", "vitality", "cohesion", "conduct"]
        .iter()
        .map(|c| c01["criteria"][c]["combined"].as_f64().unwrap())
        .collect();
    for (got, want) in combined.iter().zip([88.5, 96.0, 90.0, 90.0, 90.0]) {
        assert!((got - want).abs() < 1e-12, "{combined:?}");
    }
    assert!(
        (c01["composite"].as_f64().unwrap() - 90.9).abs() < 1e-12,
        "{c01}"
    );

    // C02: 0.5 × 100 + 0.5 × 40 = 70 everywhere (unweighted it would be 60);
    // combined = 0.4 × 80 + 0.3 × 70 + 0.3 × 70 = 74 = the composite.
    let c02 = f.json(&["inspect", "show", "C02"]);
    assert_eq!(c02["criteria"]["conduct"]["democratic"], 70.0);
    assert!(
        (c02["composite"].as_f64().unwrap() - 74.0).abs() < 1e-12,
        "{c02}"
    );
}

#[test]
fn without_group_weights_the_democratic_component_is_the_mean_of_all_votes() {
    let f = Fixture::self_assessed();
    votes(&f, TWO_UNITS_VOTES);
    let c02 = f.json(&["inspect", "show", "C02"]);
    // (100 + 40 + 40) / 3
    assert_eq!(c02["criteria"]["cohesion"]["democratic"], 60.0);
    assert_eq!(c02["criteria"]["cohesion"]["democratic_weighted"], false);
    assert_eq!(c02["weights"]["rescaled"], false);
}

#[test]
fn votes_read_utf8_bom_and_gb18030_with_crlf_padding_and_blank_lines() {
    let text = "unit_code , rater_group , political , capability , vitality , cohesion , conduct\r\n\
                C01 , 上级领导 , 优秀 , 较好 , , 一般 , 较差 \r\n\r\nC01,服务对象,优秀,优秀,优秀,优秀,优秀\r\n";
    let variants: [(&str, Vec<u8>); 3] = [
        ("utf8", text.as_bytes().to_vec()),
        (
            "bom",
            [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
        ),
        ("gb18030", encoding_rs::GB18030.encode(text).0.into_owned()),
    ];
    let mut stored = Vec::new();
    for (name, bytes) in variants {
        let f = Fixture::registered();
        let name = format!("inputs/{name}.csv");
        let path = f.write_bytes(&name, &bytes);
        f.banzi(&["inspect", "import-votes", path]).success();
        stored.push(f.read_text("analysis/votes.csv"));
    }
    assert!(stored.iter().all(|s| *s == stored[0]), "{stored:#?}");
    // The leaders' row abstains on vitality, the third criterion.
    assert!(
        stored[0].contains("\nC01,上级领导,1,0,0,0,0,0,1,0,0,0,0,0,0,0,1,0,0,1,0,0,0,0,0,1,0\n"),
        "{}",
        stored[0]
    );
}

#[test]
fn every_bad_vote_row_is_reported_and_nothing_is_written() {
    let f = Fixture::registered();
    weigh_two_groups(&f);
    let path = f.write(
        "inputs/votes.csv",
        &format!("{VOTES_HEADER}C01,上级领导,优秀,优秀,优秀,优秀,优秀\nC99,上级领导,优秀,优秀,优秀,优秀,优秀\n\nC01,群众,优秀,优秀,优秀,优秀,优秀\nC01,班子成员,优秀,很好,优秀,优秀,优秀\n"),
    );
    let stderr = f.fails_unchanged(&["inspect", "import-votes", path], INVALID);
    for expected in [
        "inputs/votes.csv:3: unit_code: unit `C99` is not in the register",
        "inputs/votes.csv:5: rater_group: ",
        "inputs/votes.csv:6: capability: unknown grade `很好`",
    ] {
        assert!(
            stderr.contains(expected),
            "missing `{expected}` in:\n{stderr}"
        );
    }
    assert!(stderr.contains("C99"), "{stderr}");
    assert!(stderr.contains("群众"), "{stderr}");
    assert!(stderr.contains("很好"), "{stderr}");
}

#[test]
fn a_votes_file_that_identifies_raters_is_refused() {
    let f = Fixture::registered();
    let path = f.write(
        "inputs/votes.csv",
        "单位代码,测评主体,姓名,政治强,能力强,活力强,合力强,作风硬\nC01,上级领导,张三,优秀,优秀,优秀,优秀,优秀\n",
    );
    let stderr = f.fails_unchanged(&["inspect", "import-votes", path], INVALID);
    assert!(stderr.contains("姓名"), "{stderr}");
    assert!(stderr.contains("anonymous"), "{stderr}");
}

#[test]
fn the_same_votes_again_are_no_change_and_different_ones_need_replace() {
    let f = Fixture::registered();
    votes(&f, TWO_UNITS_VOTES);
    let entries = f.log().len();
    let again = votes(&f, TWO_UNITS_VOTES);
    assert_eq!(again["seq"], json!(null));
    assert_eq!(f.log().len(), entries);

    let path = f.write("inputs/more.csv", &format!("{VOTES_HEADER}C02,上级领导,较好,较好,较好,较好,较好\nC03,上级领导,优秀,优秀,优秀,优秀,优秀\n"));
    let stderr = f.fails_unchanged(&["inspect", "import-votes", path], INVALID);
    assert!(stderr.contains("C02"), "{stderr}");
    assert!(stderr.contains("--replace"), "{stderr}");
    let dry = f.json(&["inspect", "import-votes", path, "--replace", "--dry-run"]);
    assert_eq!(dry["added"], json!(["C03"]));
    assert_eq!(dry["replaced"], json!(["C02"]));
    assert_eq!(dry["seq"], json!(null));

    let old = sha256_hex(&f.read("analysis/votes.csv"));
    let done = f.json(&["inspect", "import-votes", path, "--replace"]);
    assert_eq!(done["seq"], json!(entries + 1));
    let entry = f.log().pop().unwrap();
    let input = sha256_hex(&std::fs::read(f.root().join(path)).unwrap());
    assert_eq!(entry["inputs"], json!([{"path": path, "sha256": input}]));
    assert!(entry["summary"].as_str().unwrap().contains(&old), "{entry}");
    let tallies = f.read_text("analysis/votes.csv");
    assert!(tallies.contains("C01,"), "units not in the file are kept");
    // C02's leaders: one 较好 for political, the first criterion.
    assert!(tallies.contains("\nC02,上级领导,0,1,0,0,0,"), "{tallies}");
}

#[test]
fn verify_reads_inspection_records_one_folder_deep_and_reports_strays_there() {
    let f = Fixture::self_assessed();
    record_file(&f, "C01", "talk", [80; 5], "");
    f.banzi(&["verify"]).success();
    std::fs::write(
        f.campaign().join("inspections/C01/talk-9.toml"),
        "unit = \"C01\"\n",
    )
    .unwrap();
    let stderr = f.fails(&["verify"], INTEGRITY);
    assert!(
        stderr.contains("inspections/C01/talk-9.toml: was not written by banzi"),
        "{stderr}"
    );
}

#[test]
fn every_bad_inspector_row_is_reported_and_the_same_register_again_is_no_change() {
    let f = Fixture::registered();
    let bad = f.write(
        "inputs/bad.csv",
        "name,home_unit\n王五,C01\n王五,C02\n赵六,X99\n,C03\n",
    );
    let stderr = f.fails_unchanged(&["inspectors", "import", bad], INVALID);
    for expected in [
        "inputs/bad.csv:3: name: `王五` is listed twice (first on line 2)",
        "inputs/bad.csv:4: home_unit: unknown unit `X99`",
        "inputs/bad.csv:5: name: empty name",
    ] {
        assert!(
            stderr.contains(expected),
            "missing `{expected}` in:\n{stderr}"
        );
    }
    let good = f.write("inputs/good.csv", "姓名,所在单位\r\n王五,C01\r\n赵六,\r\n");
    f.banzi(&["inspectors", "import", good]).success();
    let entries = f.log().len();
    assert_eq!(f.json(&["inspectors", "import", good])["seq"], json!(null));
    assert_eq!(f.log().len(), entries);
}

#[test]
fn a_folder_of_inspection_records_is_stored_in_one_entry_or_not_at_all() {
    let f = Fixture::self_assessed();
    f.banzi(&[
        "inspectors",
        "import",
        example("inspectors.csv").to_str().unwrap(),
    ])
    .success();
    for name in ["C01-talk.toml", "C01-hearing.toml", "C02-talk.toml"] {
        f.write(
            &format!("inputs/records/{name}"),
            &example_text(&format!("inspections/{name}")),
        );
    }
    // One bad file (an unknown method) stores none, and is named with its place.
    f.write(
        "inputs/records/C03-talk.toml",
        &example_text("inspections/C03-talk.toml").replacen(
            "method = \"talk\"",
            "method = \"chat\"",
            1,
        ),
    );
    let stderr = f.fails_unchanged(&["inspect", "import", "inputs/records"], INVALID);
    assert!(stderr.contains("inputs/records/C03-talk.toml:"), "{stderr}");
    assert!(stderr.contains("nothing was stored"), "{stderr}");

    std::fs::remove_file(f.root().join("inputs/records/C03-talk.toml")).unwrap();
    let entries = f.log().len();
    let report = f.json(&["inspect", "import", "inputs/records"]);
    assert_eq!(
        report["stored"],
        json!([
            "inspections/C01/hearing-1.toml",
            "inspections/C01/talk-1.toml",
            "inspections/C02/talk-1.toml"
        ]),
        "in file-name order"
    );
    assert_eq!(f.log().len(), entries + 1, "one journal entry");
    assert_eq!(
        f.log().pop().unwrap()["summary"],
        "3 inspection records stored"
    );
    // Again: nothing changes.
    let again = f.json(&["inspect", "import", "inputs/records"]);
    assert_eq!(again["stored"], json!([]));
    assert_eq!(again["unchanged"].as_array().unwrap().len(), 3);
    assert_eq!(f.log().len(), entries + 1);
}

/// `args` run in Chinese; gives stdout and stderr.
fn in_chinese(f: &Fixture, args: &[&str]) -> (String, String) {
    let mut all = vec!["--lang", "zh-CN"];
    all.extend_from_slice(args);
    let out = f.banzi(&all).success().get_output().clone();
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// The messages of an error in Chinese: its lines without the quoted file excerpts, which are
/// the user's text, not ours to translate.
fn messages_of(stderr: &str) -> String {
    stderr
        .lines()
        .filter(|line| {
            let bare = line
                .trim_start()
                .trim_start_matches(|c: char| c.is_ascii_digit())
                .trim_start();
            !bare.starts_with('|')
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn inspection_records_the_analysis_and_the_flags_are_said_in_chinese() {
    let f = Fixture::self_assessed();
    let register = f.write("inputs/inspectors.csv", "姓名,所在单位\n王五,C01\n赵六,\n");
    f.banzi(&["inspectors", "import", register]).success();
    record_file(&f, "C01", "talk", [80; 5], "");
    // C04 rated itself 98 on 政治强 and reported P1 done.
    record_file(
        &f,
        "C04",
        "talk",
        [80, 90, 90, 90, 90],
        "[[verification]]\nindicator = \"P1\"\nstatus = \"partial\"\n",
    );

    let (_, stderr) = in_chinese(&f, &["inspect", "record", "C01", "inputs/C01-talk.toml"]);
    assert!(
        stderr.contains("未改动：该记录已存为 inspections/C01/talk-1.toml"),
        "{stderr}"
    );
    assert!(stderr.contains("C01 尚需：听汇报、查资料"), "{stderr}");
    assert_eq!(english_left(&stderr), Vec::<String>::new(), "{stderr}");

    let (show, stderr) = in_chinese(&f, &["inspect", "show", "C01"]);
    assert!(show.contains("（C01）综合分析"), "{show}");
    assert!(show.contains("评价内容"), "{show}");
    assert!(
        show.contains("尚缺：听汇报、查资料的考察记录；年度考核结果"),
        "{show}"
    );
    assert_eq!(english_left(&show), Vec::<String>::new(), "{show}");
    assert_eq!(english_left(&stderr), Vec::<String>::new(), "{stderr}");
    let english = f.stdout(&["--lang", "en", "inspect", "show", "C01"]);
    assert!(english.contains("Comprehensive analysis"), "{english}");
    assert!(
        english.contains(
            "Still missing: inspection records for hearing (听汇报), materials (查资料); the annual-assessment result"
        ),
        "{english}"
    );

    let (flags, stderr) = in_chinese(&f, &["inspect", "flags"]);
    assert!(flags.contains("自夸（自评分偏高）"), "{flags}");
    assert!(flags.contains("待核实"), "{flags}");
    assert!(stderr.contains("共 2 个疑点，2 个未排除"), "{stderr}");
    assert_eq!(english_left(&flags), Vec::<String>::new(), "{flags}");
    assert_eq!(english_left(&stderr), Vec::<String>::new(), "{stderr}");
    let english = f.stdout(&["--lang", "en", "inspect", "flags"]);
    assert!(english.contains("self-inflation"), "{english}");
    assert!(english.contains("to look into"), "{english}");

    let (list, stderr) = in_chinese(&f, &["inspectors", "list"]);
    assert!(list.contains("所在单位"), "{list}");
    assert!(stderr.contains("共 2 名考察组成员"), "{stderr}");
    assert_eq!(english_left(&list), Vec::<String>::new(), "{list}");
    assert_eq!(english_left(&stderr), Vec::<String>::new(), "{stderr}");
    assert!(
        f.stdout(&["--lang", "en", "inspectors", "list"])
            .contains("home unit")
    );

    // What scripts read does not change with the language.
    for args in [
        &["inspect", "show", "C01"][..],
        &["inspect", "flags"],
        &["inspectors", "list"],
    ] {
        let run = |lang: &str| {
            let mut all = vec!["--lang", lang, "--json"];
            all.extend_from_slice(args);
            f.stdout(&all)
        };
        assert_eq!(run("zh-CN"), run("en"), "{args:?}");
    }
    let c02 = f.write(
        "inputs/C02-talk.toml",
        &record("C02", "talk", "\"赵六\"", [80; 5], ""),
    );
    let stored = f.json(&["--lang", "zh-CN", "inspect", "record", "C02", c02]);
    assert_eq!(stored["path"], "inspections/C02/talk-1.toml");
    let entry = f.log().pop().unwrap();
    assert_eq!(
        entry["summary"],
        "inspection of C02 recorded: talk (个别谈话) on 2026-11-05"
    );
    assert_eq!(
        entry["summary_zh"],
        "已记录 C02 的考察：个别谈话（talk），2026-11-05"
    );
}

#[test]
fn inspection_failures_are_said_in_chinese() {
    let f = Fixture::registered();
    let stderr = f.fails(
        &["--lang", "zh-CN", "inspect", "template", "C01"],
        STEP_ORDER,
    );
    assert!(stderr.contains("单位 `C01` 尚无工作方案"), "{stderr}");
    assert!(stderr.contains("banzi plan submit C01"), "{stderr}");
    assert_eq!(english_left(&stderr), Vec::<String>::new(), "{stderr}");

    let bad = f.write(
        "inputs/bad.csv",
        "name,home_unit\n王五,C01\n王五,C02\n赵六,X99\n",
    );
    let stderr = f.fails_unchanged(&["--lang", "zh-CN", "inspectors", "import", bad], INVALID);
    assert!(
        stderr.contains("`王五` 出现两次（第一次在第 2 行）"),
        "{stderr}"
    );
    assert!(stderr.contains("未知单位 `X99`"), "{stderr}");
    assert_eq!(
        english_left(&messages_of(&stderr)),
        Vec::<String>::new(),
        "{stderr}"
    );

    let f = Fixture::self_assessed();
    let register = f.write("inputs/inspectors.csv", "姓名,所在单位\n王五,C01\n赵六,\n");
    f.banzi(&["inspectors", "import", register]).success();
    let own = f.write(
        "inputs/own.toml",
        &record(
            "C01",
            "talk",
            "\"王五\", \"赵六\", \"赵六\"",
            [80; 5],
            "[[verification]]\nindicator = \"P9\"\nstatus = \"done\"\n",
        )
        .replace("2026-11-05", "2099-01-01"),
    );
    let stderr = f.fails_unchanged(
        &["--lang", "zh-CN", "inspect", "record", "C01", own],
        INVALID,
    );
    for expected in [
        "考察记录 `inputs/own.toml` 有 4 处问题",
        "2099-01-01 晚于今天",
        "考察组成员 `王五` 在单位 `C01` 工作，须回避对该单位的考察",
        "`赵六` 重复填写",
        "`P9` 不是 `C01` 工作方案中的指标",
        "`banzi inspect template C01` 可打印带注释的示例",
    ] {
        assert!(
            stderr.contains(expected),
            "missing `{expected}` in:\n{stderr}"
        );
    }
    assert_eq!(
        english_left(&messages_of(&stderr)),
        Vec::<String>::new(),
        "{stderr}"
    );

    record_file(
        &f,
        "C04",
        "talk",
        [80, 90, 90, 90, 90],
        "[[verification]]\nindicator = \"P1\"\nstatus = \"partial\"\n",
    );
    let stderr = f.fails_unchanged(
        &[
            "--lang",
            "zh-CN",
            "inspect",
            "clear-flag",
            "no-such-flag",
            "--reason",
            "核实",
        ],
        INVALID,
    );
    assert!(stderr.contains("没有疑点 `no-such-flag`"), "{stderr}");
    assert_eq!(english_left(&stderr), Vec::<String>::new(), "{stderr}");
    f.banzi(&[
        "inspect",
        "clear-flag",
        "concealment-C04-P1",
        "--reason",
        "经复核，记录已补齐",
    ])
    .success();
    let stderr = f.fails_unchanged(
        &[
            "--lang",
            "zh-CN",
            "inspect",
            "clear-flag",
            "concealment-C04-P1",
            "--reason",
            "再次",
        ],
        INVALID,
    );
    assert!(
        stderr.contains(&format!("疑点 `concealment-C04-P1` 已由{OPERATOR}排除")),
        "{stderr}"
    );
    assert_eq!(english_left(&stderr), Vec::<String>::new(), "{stderr}");
    let entry = f.log().pop().unwrap();
    assert_eq!(entry["summary"], "flag concealment-C04-P1 cleared");
    assert_eq!(entry["summary_zh"], "已排除疑点 concealment-C04-P1");
}

/// A weighed group that left a criterion blank is noted in the language in force, at the import
/// and under `inspect show`, not in Chinese whatever was chosen.
#[test]
fn rater_group_gaps_are_noted_in_the_language_in_force() {
    let f = Fixture::self_assessed();
    weigh_two_groups(&f);
    let path = f.write(
        "inputs/votes.csv",
        &format!("{VOTES_HEADER}{TWO_UNITS_VOTES}"),
    );
    let out = f
        .banzi(&["--lang", "en", "inspect", "import-votes", path])
        .success();
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.contains("C01: rater group 「上级领导」 left every vote on 能力强 blank"),
        "{stderr}"
    );
    assert!(!stderr.contains("全部弃权"), "{stderr}");
    let english = f.stdout(&["--lang", "en", "inspect", "show", "C01"]);
    assert!(
        english.contains("rater group 「上级领导」 left every vote on 能力强 blank"),
        "{english}"
    );
    assert!(!english.contains("全部弃权"), "{english}");
    let chinese = f.stdout(&["--lang", "zh-CN", "inspect", "show", "C01"]);
    assert!(
        chinese.contains("测评主体「上级领导」对能力强全部弃权"),
        "{chinese}"
    );
    assert_eq!(english_left(&chinese), Vec::<String>::new(), "{chinese}");
}
