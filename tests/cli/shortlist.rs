//! `banzi shortlist`: step 4, the preliminary list (初步名单): the rules, the quota, ties,
//! overrides, withdrawals and vetoes, staleness and versions, and what is printed.
//!
//! Every campaign here is made up by the test with [`Fixture::synthetic`]: a register of a few
//! units, a one-indicator-per-criterion plan and self-assessment for each, one `talk` record (the
//! campaign requires only that method unless a test says otherwise) and the annual assessment. No
//! votes are imported unless a test says so, so (README, the comprehensive analysis) inspection
//! and annual are rescaled to 4/7 and 3/7 and, with the same inspection rating r on every
//! criterion and annual points A, a unit's composite is (4r + 3A) / 7; with ratings r1..r5 it is
//! 4/7 × mean + 3A/7. Annual points: 优秀 100, 良好 85, 一般 70, 较差 0.

use banzi::steps::Step;
use serde_json::{Value, json};

use crate::fixture::*;

const VOTES_HEADER: &str = "单位代码,测评主体,政治强,能力强,活力强,合力强,作风硬\n";

/// `banzi shortlist --json`, which must store a new version; the list as `show` gives it.
fn draw(f: &Fixture) -> Value {
    let mut drawn = f.json(&["shortlist"]);
    let stored = drawn.as_object_mut().unwrap().remove("stored");
    assert_eq!(stored, Some(json!(true)), "a new version is stored");
    drawn
}

/// `banzi shortlist show --json`.
fn show(f: &Fixture) -> Value {
    f.json(&["shortlist", "show"])
}

/// The entry of `code` in a version's JSON.
fn entry<'a>(list: &'a Value, code: &str) -> &'a Value {
    list["units"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["unit"] == code)
        .unwrap_or_else(|| panic!("{code} is not on the list: {list:#}"))
}

fn reasons(list: &Value, code: &str) -> Vec<String> {
    entry(list, code)["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap().to_owned())
        .collect()
}

fn decision(list: &Value, code: &str) -> String {
    entry(list, code)["decision"].as_str().unwrap().to_owned()
}

fn codes(list: &Value) -> Vec<String> {
    list["units"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["unit"].as_str().unwrap().to_owned())
        .collect()
}

fn assert_close(value: &Value, expected: f64, what: &str) {
    let got = value
        .as_f64()
        .unwrap_or_else(|| panic!("{what} is not a number: {value}"));
    assert!(
        (got - expected).abs() < 1e-9,
        "{what}: got {got}, expected {expected}"
    );
}

/// The category figures of a version: (participating, quota, places, passing, included).
fn category(list: &Value, key: &str) -> (u64, Value, u64, u64, u64) {
    let c = list["categories"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["category"] == key)
        .unwrap_or_else(|| panic!("no category {key}: {list:#}"))
        .clone();
    (
        c["participating"].as_u64().unwrap(),
        c["quota"].clone(),
        c["places"].as_u64().unwrap(),
        c["passing"].as_u64().unwrap(),
        c["included"].as_u64().unwrap(),
    )
}

fn stale_because(list: &Value) -> Vec<String> {
    list["stale_because"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap().to_owned())
        .collect()
}

/// The seq of the latest journal entry.
fn last_seq(f: &Fixture) -> u64 {
    f.log().pop().unwrap()["seq"].as_u64().unwrap()
}

/// Eleven units in three categories, registered out of order.
///
/// Counties (quota count 3):
/// - K01 90 everywhere, 优秀: (4 × 90 + 300) / 7 = 660/7 ≈ 94.29
/// - K02 95, 85, 90, 80, 100 (mean 90), 良好: (4 × 90 + 3 × 85) / 7 = 615/7 ≈ 87.86
/// - K03 80 everywhere, 优秀: (320 + 300) / 7 = 620/7 ≈ 88.57
/// - K04 75 everywhere, 良好: (300 + 255) / 7 = 555/7 ≈ 79.29, below 80: unranked, excluded
/// - K05 85 everywhere, 良好: (340 + 255) / 7 = 595/7 = 85
///
///   Passing: K01 94.29, K03 88.57, K02 87.86, K05 85: the first three are in, K05 is 4th.
///
/// Departments (share 0.3 of 4 = 1.2, rounded down: 1 place):
/// - D01 88, 良好: (352 + 255) / 7 = 607/7 ≈ 86.71
/// - D02 92, 良好: (368 + 255) / 7 = 623/7 = 89
/// - D03 100, 90, 80, 70, 90 (mean 86), 优秀: (344 + 300) / 7 = 644/7 = 92
/// - D04 78, 优秀: (312 + 300) / 7 = 612/7 ≈ 87.43
///
///   Ranked: D03, D02, D04, D01; D03 is in.
///
/// Municipal units (share 0.25 of 2 = 0.5, rounded down 0, at least 1):
/// - M01 84, 良好: (336 + 255) / 7 = 591/7 ≈ 84.43
/// - M02 86, 良好: (344 + 255) / 7 = 599/7 ≈ 85.57
///
///   Ranked: M02, M01; M02 is in.
///
/// The inspection part is 4/7 × the mean rating: K01 360/7, K02 360/7, D03 344/7, …
fn eleven_units() -> Vec<Unit> {
    vec![
        municipal("M01", [84; 5], "良好"),
        county("K05", [85; 5], "良好"),
        department("D04", [78; 5], "优秀"),
        county("K01", [90; 5], "优秀"),
        county("K02", [95, 85, 90, 80, 100], "良好"),
        department("D01", [88; 5], "良好"),
        county("K04", [75; 5], "良好"),
        department("D03", [100, 90, 80, 70, 90], "优秀"),
        municipal("M02", [86; 5], "良好"),
        county("K03", [80; 5], "优秀"),
        department("D02", [92; 5], "良好"),
    ]
}

#[test]
fn a_hand_computed_list_of_eleven_units() {
    let f = Fixture::synthetic(&eleven_units()).inspected();
    let list = draw(&f);
    assert_eq!(list["version"], 1);
    assert_eq!(list["stale"], false);
    assert_eq!(list["operator"], OPERATOR);
    assert_eq!(list["time"], NOW);

    // (unit, rank, decision, composite × 7, mean inspection rating), in reading order.
    let expected: [(&str, Option<u64>, &str, f64, f64); 11] = [
        ("K01", Some(1), "included", 660.0, 90.0),
        ("K03", Some(2), "included", 620.0, 80.0),
        ("K02", Some(3), "included", 615.0, 90.0),
        ("K05", Some(4), "excluded", 595.0, 85.0),
        ("K04", None, "excluded", 555.0, 75.0),
        ("D03", Some(1), "included", 644.0, 86.0),
        ("D02", Some(2), "excluded", 623.0, 92.0),
        ("D04", Some(3), "excluded", 612.0, 78.0),
        ("D01", Some(4), "excluded", 607.0, 88.0),
        ("M02", Some(1), "included", 599.0, 86.0),
        ("M01", Some(2), "excluded", 591.0, 84.0),
    ];
    assert_eq!(
        codes(&list),
        expected.iter().map(|e| e.0).collect::<Vec<_>>(),
        "units are listed by category, ranked first, then by code"
    );
    for (code, rank, want, composite, mean) in expected {
        let u = entry(&list, code);
        assert_eq!(u["rank"], json!(rank), "{code} rank");
        assert_eq!(u["decision"], want, "{code} decision");
        assert_eq!(u["computed_decision"], want, "{code} computed decision");
        assert_close(
            &u["composite"],
            composite / 7.0,
            &format!("{code} composite"),
        );
        assert_close(
            &u["inspection_part"],
            4.0 * mean / 7.0,
            &format!("{code} inspection part"),
        );
        assert_close(
            &u["democratic_part"],
            0.0,
            &format!("{code} democratic part"),
        );
        assert_eq!(u["override"], json!(null));
        assert_eq!(u["tie_at_edge"], false);
        assert_eq!(u["open_flags"], json!([]));
    }
    // Every criterion's combined score: 4/7 × rating + 3/7 × 100 for D03.
    let d03 = entry(&list, "D03");
    for (criterion, rating) in CRITERIA.iter().zip([100.0, 90.0, 80.0, 70.0, 90.0]) {
        assert_close(
            &d03["criteria"][criterion],
            (4.0 * rating + 300.0) / 7.0,
            criterion,
        );
    }
    assert_eq!(d03["annual_grade"], "优秀");
    assert_eq!(d03["category"], "department");
    assert_eq!(d03["name"], "测试单位D03");

    assert_eq!(category(&list, "county"), (5, json!({"count": 3}), 3, 4, 3));
    assert_eq!(
        category(&list, "department"),
        (4, json!({"share": 0.3}), 1, 4, 1)
    );
    assert_eq!(
        category(&list, "municipal-unit"),
        (2, json!({"share": 0.25}), 1, 2, 1)
    );
    assert_eq!(
        reasons(&list, "K05"),
        ["县级达标4个中排第4，名额3个，在名额外"]
    );
    assert_eq!(
        reasons(&list, "K01"),
        ["县级达标4个中排第1，名额3个，在名额内"]
    );
    assert_eq!(reasons(&list, "K04"), ["综合得分 79.29，低于最低分 80"]);
    let rules = &list["rules"];
    assert_eq!(
        (
            rules["min_composite"].clone(),
            rules["criterion_floor"].clone(),
            rules["min_annual_grade"].clone(),
            rules["flags_block"].clone()
        ),
        (json!(80.0), json!(70.0), json!("良好"), json!(true))
    );

    // Stored and journaled.
    let entry_json = f.log().pop().unwrap();
    assert_eq!(list["seq"], entry_json["seq"]);
    assert_eq!(
        entry_json["summary"],
        "preliminary list version 1 drawn: 5 of 11 units included"
    );
    let paths: Vec<&str> = entry_json["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["shortlist/v1.toml", "shortlist/versions.csv"]);
    assert!(f.campaign().join("shortlist/v1.toml").is_file());
    f.banzi(&["verify"]).success();

    // The people's table says the same.
    let text = f.stdout(&["--lang", "zh-CN", "shortlist", "show"]);
    assert!(text.contains("初步名单 第1版"), "{text}");
    assert!(
        text.contains("县级：参评5个，名额3个，计3个；达标4个，按规则列入3个"),
        "{text}"
    );
    assert!(text.contains("94.29"), "{text}");
}

/// All-passing units with distinct composites (88, 87, … everywhere, 优秀).
fn passing(codes: &[&str], category: &'static str, first: u32) -> Vec<Unit> {
    codes
        .iter()
        .enumerate()
        .map(|(i, code)| unit(code, category, [first - i as u32; 5], "优秀"))
        .collect()
}

#[test]
fn quotas_are_a_count_or_a_share_of_participating_units_rounded_down_and_at_least_one() {
    let mut units = passing(&["C1", "C2", "C3"], "county", 90);
    units.extend(passing(&["D1", "D2", "D3", "D4", "D5"], "department", 90));
    units.extend(passing(&["M1", "M2", "M3"], "municipal-unit", 90));
    let f = Fixture::synthetic(&units)
        .edit_settings("county = { count = 3 }", "county = { count = 2 }")
        .edit_settings(
            "department = { share = 0.3 }",
            "department = { share = 0.4 }",
        )
        .edit_settings(
            "municipal-unit = { share = 0.25 }",
            "municipal-unit = { share = 0.2 }",
        )
        .inspected();
    let included = |list: &Value| -> Vec<String> {
        list["units"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|u| u["decision"] == "included")
            .map(|u| u["unit"].as_str().unwrap().to_owned())
            .collect()
    };

    // Counties: count 2 of 3. Departments: 0.4 × 5 = 2. Municipal units: 0.2 × 3 = 0.6 → 1.
    let v1 = draw(&f);
    assert_eq!(category(&v1, "county"), (3, json!({"count": 2}), 2, 3, 2));
    assert_eq!(
        category(&v1, "department"),
        (5, json!({"share": 0.4}), 2, 5, 2)
    );
    assert_eq!(
        category(&v1, "municipal-unit"),
        (3, json!({"share": 0.2}), 1, 3, 1)
    );
    assert_eq!(included(&v1), ["C1", "C2", "D1", "D2", "M1"]);

    // A withdrawn unit does not participate: 0.4 × 4 = 1.6 → 1. A count larger than the
    // passing units includes them all; a category without a quota has no places.
    f.banzi(&["withdraw", "D5", "--reason", "机构撤并"])
        .success();
    f.edit_settings("county = { count = 2 }", "county = { count = 7 }");
    f.edit_settings("municipal-unit = { share = 0.2 }\n", "\n");
    let v2 = draw(&f);
    assert_eq!(
        category(&v2, "department"),
        (4, json!({"share": 0.4}), 1, 4, 1)
    );
    assert_eq!(category(&v2, "county"), (3, json!({"count": 7}), 7, 3, 3));
    assert_eq!(category(&v2, "municipal-unit"), (3, json!(null), 0, 3, 0));
    assert_eq!(included(&v2), ["C1", "C2", "C3", "D1"]);
    assert_eq!(decision(&v2, "D5"), "withdrawn");
    assert_eq!(
        reasons(&v2, "M1"),
        ["市直单位达标3个中排第1，名额0个，在名额外"]
    );
    let text = f.stdout(&["--lang", "zh-CN", "shortlist", "show"]);
    assert!(
        text.contains("市直单位：参评3个，名额未设，计0个；达标3个，按规则列入0个"),
        "{text}"
    );
    assert!(
        text.contains("市委部门：参评4个，")
            && text.contains("40%（向下取整，至少1个），计1个；达标4个"),
        "{text}"
    );
}

/// Units failing each rule alone, one failing them all, and two passing.
///
/// Counties, quota count 5:
/// - P01 90 everywhere, 优秀: 660/7 ≈ 94.29, passes.
/// - B01 65 everywhere, 优秀: (260 + 300) / 7 = 80.00, every criterion 80: passes, just.
/// - L01 75, 良好: 555/7 ≈ 79.29 < 80; criteria 79.29 ≥ 70: the minimum composite alone.
/// - F01 100, 100, 100, 100, 45, 优秀: (4 × 89 + 300) / 7 = 656/7 ≈ 93.71, but 作风硬
///   (4 × 45 + 300) / 7 = 480/7 ≈ 68.57 < 70: the criterion floor alone.
/// - G01 95, 一般: (380 + 210) / 7 = 590/7 ≈ 84.29: the annual grade alone.
/// - X01 84, 优秀: 636/7 ≈ 90.86, self-rated 100 on conduct, 16 above: an inflation flag alone.
/// - Y01 83, 优秀: 632/7 ≈ 90.29, self-rated 100 on conduct, 17 above: a flag.
/// - Z01 50, 较差, self-rated 90: composite and every criterion 200/7 ≈ 28.57, grade 较差, and
///   five flags: every rule fails.
fn rule_units() -> Vec<Unit> {
    vec![
        county("P01", [90; 5], "优秀"),
        county("B01", [65; 5], "优秀"),
        county("L01", [75; 5], "良好"),
        county("F01", [100, 100, 100, 100, 45], "优秀"),
        county("G01", [95; 5], "一般"),
        county("X01", [84; 5], "优秀").rated_self([84, 84, 84, 84, 100]),
        county("Y01", [83; 5], "优秀").rated_self([83, 83, 83, 83, 100]),
        county("Z01", [50; 5], "较差").rated_self([90; 5]),
    ]
}

#[test]
fn each_rule_excludes_on_its_own_and_every_failed_rule_is_a_reason() {
    let f = Fixture::synthetic(&rule_units())
        .edit_settings("county = { count = 3 }", "county = { count = 5 }")
        .inspected();
    let list = draw(&f);
    let decisions: Vec<(String, Value, String)> = list["units"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| {
            (
                u["unit"].as_str().unwrap().to_owned(),
                u["rank"].clone(),
                u["decision"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let expected = [
        ("P01", json!(1), "included"),
        ("B01", json!(2), "included"),
        ("F01", json!(null), "excluded"),
        ("G01", json!(null), "excluded"),
        ("L01", json!(null), "excluded"),
        ("X01", json!(null), "excluded"),
        ("Y01", json!(null), "excluded"),
        ("Z01", json!(null), "excluded"),
    ]
    .map(|(c, r, d)| (c.to_owned(), r, d.to_owned()));
    assert_eq!(decisions, expected);

    assert_close(&entry(&list, "B01")["composite"], 80.0, "B01 composite");
    assert_eq!(
        entry(&list, "B01")["checks"][0]["text"],
        "综合得分 80.00，不低于最低分 80"
    );
    assert_eq!(reasons(&list, "L01"), ["综合得分 79.29，低于最低分 80"]);
    assert_eq!(reasons(&list, "F01"), ["作风硬 68.57，低于单项最低分 70"]);
    assert_close(&entry(&list, "F01")["composite"], 656.0 / 7.0, "F01");
    assert_eq!(reasons(&list, "G01"), ["年度考核「一般」，低于「良好」"]);
    assert_eq!(
        reasons(&list, "X01"),
        ["未排除的疑点：作风硬：自评100分，考察评分84分，高出16分"],
        "in words; the id stays for scripts"
    );
    assert_eq!(
        entry(&list, "X01")["open_flags"],
        json!(["inflation-X01-conduct"])
    );
    let mut all = vec!["综合得分 28.57，低于最低分 80".to_owned()];
    all.extend(
        CRITERION_NAMES
            .iter()
            .map(|name| format!("{name} 28.57，低于单项最低分 70")),
    );
    all.push("年度考核「较差」，低于「良好」".to_owned());
    // Self-rated 90, inspected 50: 40 points above on every criterion.
    all.push(format!(
        "未排除的疑点：{}",
        CRITERION_NAMES
            .iter()
            .map(|name| format!("{name}：自评90分，考察评分50分，高出40分"))
            .collect::<Vec<_>>()
            .join("；")
    ));
    assert_eq!(reasons(&list, "Z01"), all);

    // The checks carry their figures, passed ones too.
    let l01 = entry(&list, "L01");
    let checks = l01["checks"].as_array().unwrap();
    assert_eq!(checks.len(), 8, "composite, five criteria, grade, flags");
    assert_eq!(checks[0]["rule"], "min-composite");
    assert_eq!(checks[0]["passed"], false);
    assert_close(&checks[0]["composite"], 555.0 / 7.0, "L01 check");
    assert_eq!(checks[0]["minimum"], 80.0);
    assert!(checks[1..].iter().all(|c| c["passed"] == true), "{l01:#}");
    let p01 = entry(&list, "P01");
    assert_eq!(p01["checks"].as_array().unwrap().len(), 9, "and the quota");
    assert_eq!(p01["checks"][8]["rule"], "quota");
    assert_eq!(p01["checks"][8]["passed"], true);
    assert_eq!(category(&list, "county"), (8, json!({"count": 5}), 5, 2, 2));

    // explain, for people: a ✓ or ✗ per rule.
    let text = f.stdout(&["--lang", "zh-CN", "shortlist", "explain", "Z01"]);
    assert!(
        text.contains("Z01 测试单位Z01（县级）· 初步名单 第1版"),
        "{text}"
    );
    assert!(text.contains("决定：不列入"), "{text}");
    assert!(text.contains("✗ 综合得分 28.57，低于最低分 80"), "{text}");
    assert!(text.contains("✗ 作风硬 28.57，低于单项最低分 70"), "{text}");
    assert!(text.contains("✗ 年度考核「较差」，低于「良好」"), "{text}");
    assert!(!text.contains('✓'), "{text}");
    let text = f.stdout(&["--lang", "zh-CN", "shortlist", "explain", "P01"]);
    assert!(text.contains("决定：列入"), "{text}");
    assert!(text.contains("✓ 综合得分 94.29，不低于最低分 80"), "{text}");
    assert!(text.contains("✓ 无未排除的疑点"), "{text}");
    assert!(
        text.contains("✓ 县级达标2个中排第1，名额5个，在名额内"),
        "{text}"
    );
    assert!(!text.contains('✗'), "{text}");
    let explained = f.json(&["shortlist", "explain", "F01"]);
    assert_eq!(explained["version"], 1);
    assert_eq!(explained["stale"], false);
    assert_eq!(explained["reasons"], entry(&list, "F01")["reasons"]);
    f.fails(&["shortlist", "explain", "NOPE"], INVALID);

    // A criterion's own floor: 作风硬 at least 95 excludes P01 (94.29 everywhere); the other
    // criteria keep the floor of 70, so B01's 80 still passes them.
    f.edit_settings(
        "# [shortlist.criterion_floors]  # optional: a stricter or looser floor for a criterion, by code\n# conduct = 75.0",
        "[shortlist.criterion_floors]\nconduct = 95.0",
    );
    let v2 = draw(&f);
    assert_eq!(v2["rules"]["criterion_floors"], json!({"conduct": 95.0}));
    assert_eq!(reasons(&v2, "P01"), ["作风硬 94.29，低于单项最低分 95"]);
    assert_eq!(
        reasons(&v2, "B01"),
        ["作风硬 80.00，低于单项最低分 95"],
        "{v2:#}"
    );
    assert_eq!(
        reasons(&v2, "L01"),
        [
            "综合得分 79.29，低于最低分 80",
            "作风硬 79.29，低于单项最低分 95"
        ]
    );
    let doc = f.stdout(&["shortlist", "document"]);
    assert!(
        doc.contains("每项评价内容的综合得分不低于 70 分（其中作风硬不低于 95 分）"),
        "{doc}"
    );
}

#[test]
fn an_uncleared_flag_excludes_until_cleared_or_the_rules_let_flags_pass() {
    let f = Fixture::synthetic(&rule_units())
        .edit_settings("county = { count = 3 }", "county = { count = 5 }")
        .inspected();
    draw(&f);
    f.banzi(&[
        "inspect",
        "clear-flag",
        "inflation-X01-conduct",
        "--reason",
        "经核实，自评依据充分",
    ])
    .success();
    let seq = last_seq(&f);
    let v1 = show(&f);
    assert_eq!(v1["stale"], true);
    assert_eq!(
        stale_because(&v1),
        [format!(
            "`analysis/cleared-flags.csv` was added in entry #{seq}"
        )]
    );
    assert_eq!(
        decision(&v1, "X01"),
        "excluded",
        "a version does not change"
    );

    let v2 = draw(&f);
    assert_eq!(v2["stale"], false);
    assert_eq!(decision(&v2, "X01"), "included");
    assert_eq!(entry(&v2, "X01")["rank"], 2);
    assert_eq!(entry(&v2, "X01")["open_flags"], json!([]));
    assert_eq!(decision(&v2, "Y01"), "excluded");
    assert_eq!(
        reasons(&v2, "Y01"),
        ["未排除的疑点：作风硬：自评100分，考察评分83分，高出17分"]
    );

    f.edit_settings("flags_block = true", "flags_block = false");
    let v3 = draw(&f);
    assert_eq!(v3["rules"]["flags_block"], false);
    let y01 = entry(&v3, "Y01");
    assert_eq!(y01["decision"], "included");
    assert_eq!(y01["open_flags"], json!(["inflation-Y01-conduct"]));
    let flag_check = y01["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["rule"] == "flags")
        .unwrap();
    assert_eq!(flag_check["passed"], true);
    assert_eq!(
        flag_check["text"],
        "未排除的疑点：作风硬：自评100分，考察评分83分，高出17分（按规则不影响列入）"
    );
    // Z01 still fails every other rule, and no longer for its flags.
    let z01 = reasons(&v3, "Z01");
    assert_eq!(z01.len(), 7, "{z01:?}");
    assert!(z01.iter().all(|r| !r.contains("疑点")), "{z01:?}");
    let doc = f.stdout(&["shortlist", "document"]);
    assert!(
        doc.contains("3. 自评中的自夸、瞒报疑点列示备查，不影响列入；"),
        "{doc}"
    );
}

/// Ties, with 良好 worth 96 points so that a unit can reach the same composite as another with
/// a different inspection part. Counties, quota count 5:
/// - T01 90, 优秀: (360 + 300) / 7 = 660/7 ≈ 94.29, inspection part 360/7
/// - T02 93, 良好: (372 + 288) / 7 = 660/7, inspection part 372/7: tied, T02 first on inspection
///   although its code is later
/// - T04 and T05 88, 优秀: (352 + 300) / 7 = 652/7 ≈ 93.14 each, the same parts: T04 first by code
/// - T03 85, 优秀: (340 + 300) / 7 = 640/7 ≈ 91.43, inspection part 340/7 ≈ 48.5714
/// - T06 88, 良好: (352 + 288) / 7 = 640/7, inspection part 352/7 ≈ 50.2857
///
/// Ranked: T02, T01, T04, T05, T06 (5th, the last place), T03 (6th): T06 and T03 tie at the edge.
fn tie_units() -> Vec<Unit> {
    vec![
        county("T01", [90; 5], "优秀"),
        county("T02", [93; 5], "良好"),
        county("T03", [85; 5], "优秀"),
        county("T05", [88; 5], "优秀"),
        county("T04", [88; 5], "优秀"),
        county("T06", [88; 5], "良好"),
    ]
}

#[test]
fn ties_inside_the_quota_and_at_its_edge() {
    let f = Fixture::synthetic(&tie_units())
        .edit_settings("county = { count = 3 }", "county = { count = 5 }")
        .edit_settings("\"良好\" = 85", "\"良好\" = 96")
        .inspected();
    let out = f.banzi(&["shortlist"]).success();
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.contains("tie on the composite at the edge of the quota"),
        "{stderr}"
    );
    assert!(stderr.contains("T03") && stderr.contains("T06"), "{stderr}");
    let list = show(&f);
    let expected = [
        ("T02", 1, "included", false, 660.0),
        ("T01", 2, "included", false, 660.0),
        ("T04", 3, "included", false, 652.0),
        ("T05", 4, "included", false, 652.0),
        ("T06", 5, "included", true, 640.0),
        ("T03", 6, "excluded", true, 640.0),
    ];
    assert_eq!(
        codes(&list),
        expected.iter().map(|e| e.0).collect::<Vec<_>>()
    );
    for (code, rank, want, tie, composite) in expected {
        let u = entry(&list, code);
        assert_eq!(u["rank"], rank, "{code}");
        assert_eq!(u["decision"], want, "{code}");
        assert_eq!(u["tie_at_edge"], tie, "{code}");
        assert_close(&u["composite"], composite / 7.0, code);
    }
    assert_close(&entry(&list, "T02")["inspection_part"], 372.0 / 7.0, "T02");
    assert_close(&entry(&list, "T01")["inspection_part"], 360.0 / 7.0, "T01");
    assert_eq!(
        reasons(&list, "T03"),
        [
            "县级达标6个中排第6，名额5个，在名额外",
            "综合得分 91.43 与 T06 在名额边界并列，按考察部分决定先后：本单位 48.5714，T06 50.2857"
        ]
    );
    assert_eq!(
        reasons(&list, "T06"),
        [
            "县级达标6个中排第5，名额5个，在名额内",
            "综合得分 91.43 与 T03 在名额边界并列，按考察部分决定先后：本单位 50.2857，T03 48.5714"
        ]
    );
    let tie = entry(&list, "T03")["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["rule"] == "tie-at-edge")
        .unwrap()
        .clone();
    assert_eq!(tie["tied_with"], json!(["T06"]));

    let text = f.stdout(&["--lang", "zh-CN", "shortlist", "explain", "T03"]);
    assert!(
        text.contains("✗ 县级达标6个中排第6，名额5个，在名额外"),
        "{text}"
    );
    assert!(text.contains("与 T06 在名额边界并列"), "{text}");
    let doc = f.stdout(&["shortlist", "document"]);
    assert!(
        doc.contains("| 5 | T06 | 测试单位T06 | 91.43 |"),
        "T06 is on the list: {doc}"
    );
    assert!(doc.contains("名额边界并列 |"), "T06's note: {doc}");
    assert!(
        doc.contains("- T03 测试单位T03：综合得分 91.43 与 T06 在名额边界并列"),
        "{doc}"
    );
    assert!(
        doc.contains("- T06 测试单位T06：综合得分 91.43 与 T03 在名额边界并列"),
        "{doc}"
    );
}

/// Two units whose ratings are the same numbers in a different order: the same composite and,
/// exactly, the same inspection part (4/7 × 84 = 48) and democratic part (0). The rules then
/// fall back to the unit code, so A01 takes the county's one place and A02 is 2nd, tied at the edge.
#[test]
fn equal_parts_summed_in_a_different_order_fall_back_to_the_unit_code() {
    let f = Fixture::synthetic(&[
        county("A01", [80, 90, 85, 95, 70], "优秀"),
        county("A02", [80, 85, 90, 70, 95], "优秀"),
    ])
    .edit_settings("county = { count = 3 }", "county = { count = 1 }")
    .inspected();
    let list = draw(&f);
    for code in ["A01", "A02"] {
        assert_close(&entry(&list, code)["composite"], 636.0 / 7.0, code);
        assert_close(&entry(&list, code)["inspection_part"], 48.0, code);
        assert_eq!(entry(&list, code)["tie_at_edge"], true, "{code}");
    }
    assert_eq!(entry(&list, "A01")["rank"], 1, "{list:#}");
    assert_eq!(decision(&list, "A01"), "included");
    assert_eq!(decision(&list, "A02"), "excluded");
    assert_eq!(
        reasons(&list, "A02")[1],
        "综合得分 90.86 与 A01 在名额边界并列，与 A01 的考察部分（48.0000）和民主测评部分（0.0000）均相同，按单位代码决定先后"
    );
}

/// 0.58 × 50 is 29 exactly, but 28.999999999999996 in floating point.
#[test]
fn a_share_quota_rounds_down_the_exact_product() {
    let units: Vec<Unit> = (1..=50)
        .map(|i| municipal(&format!("M{i:02}"), [90; 5], "优秀"))
        .collect();
    let f = Fixture::synthetic(&units)
        .edit_settings(
            "municipal-unit = { share = 0.25 }",
            "municipal-unit = { share = 0.58 }",
        )
        .inspected();
    let list = draw(&f);
    assert_eq!(
        category(&list, "municipal-unit"),
        (50, json!({"share": 0.58}), 29, 50, 29)
    );
}

/// Counties, quota count 1: O01 90 (94.29) in; O02 85 (91.43) and O03 80 (88.57) out. W01 is
/// withdrawn, V01 vetoed.
fn override_units() -> Vec<Unit> {
    vec![
        county("O01", [90; 5], "优秀"),
        county("O02", [85; 5], "优秀"),
        county("O03", [80; 5], "优秀"),
        county("V01", [95; 5], "优秀"),
        county("W01", [95; 5], "优秀").uninspected(),
    ]
}

const VETO_REASON: &str = "发生重大安全生产责任事故";
const VETO_BASIS: &str = "市应急管理局事故调查报告（应急〔2026〕8号）";

/// Vetoes `unit` with `banzi veto`, the reason and basis above.
fn with_veto(f: &Fixture, unit: &str) {
    f.banzi(&["veto", unit, "--reason", VETO_REASON, "--basis", VETO_BASIS])
        .success();
}

#[test]
fn overrides_include_and_exclude_beside_the_rules_decision_and_can_be_cleared() {
    let f = Fixture::synthetic(&override_units())
        .edit_settings("county = { count = 3 }", "county = { count = 1 }")
        .inspected();
    f.banzi(&["withdraw", "W01", "--reason", "机构改革撤并"])
        .success();
    with_veto(&f, "V01");
    const INCLUDE_O02: &str = "班子整改成效突出，经部务会研究列入";

    let stderr = f.fails_unchanged(
        &["shortlist", "adjust", "O02", "--include", "--reason", "x"],
        STEP_ORDER,
    );
    assert!(stderr.contains("banzi shortlist"), "{stderr}");
    let v1 = draw(&f);
    assert_eq!(decision(&v1, "O02"), "excluded");

    // Refusals: nothing is written.
    for (args, code, says) in [
        (
            vec!["O02", "--include", "--reason", "  "],
            INVALID,
            "needs a reason",
        ),
        (
            vec!["O02", "--clear", "--reason", "x"],
            INVALID,
            "no adjustment to clear",
        ),
        (
            vec!["W01", "--include", "--reason", "x"],
            INVALID,
            "withdrawn",
        ),
        (vec!["V01", "--include", "--reason", "x"], INVALID, "vetoed"),
        (vec!["X99", "--include", "--reason", "x"], INVALID, "X99"),
        (
            vec!["O02", "--include", "--exclude", "--reason", "x"],
            USAGE,
            "",
        ),
        (vec!["O02", "--reason", "x"], USAGE, ""),
        (vec!["O02", "--include"], USAGE, ""),
    ] {
        let mut all = vec!["shortlist", "adjust"];
        all.extend(args);
        let stderr = f.fails_unchanged(&all, code);
        assert!(stderr.contains(says), "{all:?}: {stderr}");
    }

    let adjusted = f.json(&[
        "shortlist",
        "adjust",
        "O02",
        "--include",
        "--reason",
        INCLUDE_O02,
    ]);
    let include_seq = adjusted["seq"].as_u64().unwrap();
    let logged = f.log().pop().unwrap();
    assert_eq!(logged, adjusted);
    assert_eq!(logged["operator"], OPERATOR);
    assert_eq!(logged["reason"], INCLUDE_O02);
    assert_eq!(
        logged["summary"],
        "O02 adjusted to included on the preliminary list"
    );
    assert_eq!(logged["records"][0]["path"], "shortlist/overrides.csv");
    assert!(
        logged["command"]
            .as_str()
            .unwrap()
            .contains("shortlist adjust O02 --include"),
        "{logged}"
    );
    let stderr = f.fails_unchanged(
        &[
            "shortlist",
            "adjust",
            "O02",
            "--include",
            "--reason",
            "again",
        ],
        INVALID,
    );
    assert!(
        stderr.contains(&format!(
            "already adjusted to included by 测试员 in entry #{include_seq}"
        )),
        "{stderr}"
    );

    let stale = show(&f);
    assert_eq!(stale["stale"], true);
    assert_eq!(
        stale_because(&stale),
        [format!(
            "`shortlist/overrides.csv` was added in entry #{include_seq}"
        )]
    );
    assert_eq!(entry(&stale, "O02")["override"], json!(null));
    let stderr = f.fails_unchanged(&["shortlist", "document"], STEP_ORDER);
    assert!(
        stderr.contains("version 1 of the preliminary list is stale"),
        "{stderr}"
    );

    f.banzi(&[
        "--operator",
        "李四",
        "shortlist",
        "adjust",
        "O01",
        "--exclude",
        "--reason",
        "巡察发现问题尚未整改",
    ])
    .success();
    let exclude_seq = last_seq(&f);
    assert_eq!(f.log().pop().unwrap()["operator"], "李四");

    let out = f.banzi(&["shortlist"]).success();
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.contains("O01: included → excluded since version 1"),
        "{stderr}"
    );
    assert!(
        stderr.contains("O02: excluded → included since version 1"),
        "{stderr}"
    );
    let v2 = show(&f);
    assert_eq!(v2["version"], 2);
    assert_eq!(v2["stale"], false);
    let o02 = entry(&v2, "O02");
    assert_eq!(o02["decision"], "included");
    assert_eq!(o02["computed_decision"], "excluded");
    assert_eq!(
        o02["override"],
        json!({"decision": "included", "reason": INCLUDE_O02, "operator": OPERATOR, "time": NOW, "seq": include_seq})
    );
    assert_eq!(
        reasons(&v2, "O02"),
        [
            "县级达标3个中排第2，名额1个，在名额外".to_owned(),
            format!("组织部调整为列入：{INCLUDE_O02}（测试员，2026-11-24 09:30，#{include_seq}）")
        ]
    );
    let o01 = entry(&v2, "O01");
    assert_eq!(o01["decision"], "excluded");
    assert_eq!(o01["computed_decision"], "included");
    assert_eq!(o01["override"]["operator"], "李四");
    assert_eq!(o01["override"]["seq"], exclude_seq);
    assert_eq!(o01["rank"], 1, "the ranking is the rules'");
    let versions = f.json(&["shortlist", "versions"]);
    assert_eq!(versions[1]["included"], 1, "{versions}");

    let text = f.stdout(&["--lang", "zh-CN", "shortlist", "explain", "O02"]);
    assert!(
        text.contains(&format!(
            "决定：列入（组织部调整为列入，测试员，2026-11-24 09:30，日志第 {include_seq} 条：{INCLUDE_O02}；按规则为不列入）"
        )),
        "{text}"
    );
    let doc = f.stdout(&["shortlist", "document"]);
    assert!(
        doc.contains(&format!(
            "| O02 | 测试单位O02 | 不列入 | 列入 | {INCLUDE_O02} | 测试员，2026-11-24 09:30（日志第 {include_seq} 条） |"
        )),
        "{doc}"
    );
    assert!(
        doc.contains(&format!(
            "| O01 | 测试单位O01 | 列入 | 不列入 | 巡察发现问题尚未整改 | 李四，2026-11-24 09:30（日志第 {exclude_seq} 条） |"
        )),
        "{doc}"
    );
    assert!(doc.contains("组织部调整列入（按规则为不列入）"), "{doc}");

    // Clearing puts the rules' decision back.
    f.banzi(&[
        "shortlist",
        "adjust",
        "O01",
        "--clear",
        "--reason",
        "问题已整改到位",
    ])
    .success();
    let logged = f.log().pop().unwrap();
    assert_eq!(logged["reason"], "问题已整改到位");
    assert_eq!(
        logged["summary"],
        format!("adjustment of O01 cleared (was excluded by 李四, #{exclude_seq})")
    );
    assert_eq!(show(&f)["stale"], true);
    let v3 = draw(&f);
    let o01 = entry(&v3, "O01");
    assert_eq!(o01["decision"], "included");
    assert_eq!(o01["computed_decision"], "included");
    assert_eq!(o01["override"], json!(null));
    assert_eq!(
        reasons(&v3, "O01"),
        ["县级达标3个中排第1，名额1个，在名额内"]
    );
    assert_eq!(decision(&v3, "O02"), "included", "O02's adjustment stays");

    // A withdrawal comes before an adjustment made earlier, which is kept and said not to apply.
    f.banzi(&["withdraw", "O02", "--reason", "主要负责人调整"])
        .success();
    let withdrawn_seq = last_seq(&f);
    let v4 = draw(&f);
    let o02 = entry(&v4, "O02");
    assert_eq!(o02["decision"], "withdrawn");
    assert_eq!(o02["computed_decision"], "withdrawn");
    assert_eq!(o02["override"]["decision"], "included");
    assert_eq!(
        reasons(&v4, "O02"),
        [
            format!(
                "退出参评：主要负责人调整（测试员，2026-11-24 09:30，日志第 {withdrawn_seq} 条）"
            ),
            format!(
                "组织部调整为列入：{INCLUDE_O02}（测试员，2026-11-24 09:30，#{include_seq}）（退出参评或一票否决的单位不适用）"
            )
        ]
    );
}

/// The adjustments section of the document, as `(unit, by the rules, adjusted to)` rows.
fn adjustment_rows(doc: &str) -> Vec<(String, String, String)> {
    let section = doc
        .split("## 四、组织部调整")
        .nth(1)
        .and_then(|rest| rest.split("## 五").next())
        .unwrap_or_else(|| panic!("no adjustments section: {doc}"));
    section
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| 单位") && !l.starts_with("| ---"))
        .map(|l| {
            let cells: Vec<&str> = l.split('|').map(str::trim).collect();
            (
                cells[1].to_owned(),
                cells[3].to_owned(),
                cells[4].to_owned(),
            )
        })
        .collect()
}

#[test]
fn the_document_shows_an_adjustment_that_does_not_apply_as_it_was_made() {
    let f = Fixture::synthetic(&override_units()[..3])
        .edit_settings("county = { count = 3 }", "county = { count = 1 }")
        .inspected();
    draw(&f);
    f.banzi(&[
        "shortlist",
        "adjust",
        "O02",
        "--include",
        "--reason",
        "整改成效突出",
    ])
    .success();
    f.banzi(&["withdraw", "O02", "--reason", "撤并"]).success();
    draw(&f);
    let doc = f.stdout(&["shortlist", "document"]);
    assert_eq!(
        adjustment_rows(&doc),
        [(
            "O02".to_owned(),
            "退出参评".to_owned(),
            "列入（不适用）".to_owned()
        )],
        "{doc}"
    );
}

#[test]
fn withdrawn_and_vetoed_units_are_out_with_their_reasons() {
    let f = Fixture::synthetic(&override_units())
        .edit_settings("county = { count = 3 }", "county = { count = 2 }")
        .inspected();
    // W01 has no inspection record and no annual result: once withdrawn it need not have them.
    f.fails_unchanged(&["shortlist"], STEP_ORDER);
    f.banzi(&["withdraw", "W01", "--reason", "机构改革撤并"])
        .success();

    let stderr = f.fails_unchanged(&["veto", "Q99", "--reason", VETO_REASON], INVALID);
    assert!(stderr.contains("`Q99`"), "{stderr}");
    with_veto(&f, "V01");
    let veto_seq = f.log().last().unwrap()["seq"].clone();

    // V01 has the best composite, (4 × 95 + 300) / 7 ≈ 97.14, but is vetoed: O01 and O02 take
    // the two places. V01 still participates; W01 does not.
    let list = draw(&f);
    assert_eq!(
        codes(&list),
        ["O01", "O02", "O03", "V01", "W01"],
        "ranked first, then by code"
    );
    let v01 = entry(&list, "V01");
    assert_eq!(v01["decision"], "vetoed");
    assert_eq!(v01["computed_decision"], "vetoed");
    assert_eq!(v01["rank"], json!(null));
    assert_close(&v01["composite"], 680.0 / 7.0, "V01");
    assert_eq!(
        reasons(&list, "V01"),
        [format!(
            "一票否决：{VETO_REASON}（测试员，2026-11-24 09:30，日志第 {veto_seq} 条；依据：{VETO_BASIS}）"
        )]
    );
    assert_eq!(
        v01["veto"],
        json!({"reason": VETO_REASON, "basis": VETO_BASIS, "accountable": null, "operator": OPERATOR, "time": NOW, "seq": veto_seq})
    );
    assert_eq!(entry(&list, "O01")["veto"], json!(null));
    assert_eq!(
        v01["checks"],
        json!([{"rule": "veto", "passed": false, "reason": "发生重大安全生产责任事故", "text": "一票否决：发生重大安全生产责任事故"}])
    );
    let w01 = entry(&list, "W01");
    assert_eq!(w01["decision"], "withdrawn");
    assert_eq!(w01["composite"], json!(null));
    let w01_reason = &reasons(&list, "W01")[0];
    assert!(
        w01_reason.starts_with("退出参评：机构改革撤并（测试员，2026-11-24 09:30，日志第 "),
        "{w01_reason}"
    );
    assert_eq!(w01["withdrawal"]["operator"], OPERATOR);
    assert_eq!(
        (
            decision(&list, "O01"),
            decision(&list, "O02"),
            decision(&list, "O03")
        ),
        ("included".into(), "included".into(), "excluded".into())
    );
    assert_eq!(category(&list, "county"), (4, json!({"count": 2}), 2, 3, 2));

    let doc = f.stdout(&["shortlist", "document"]);
    assert!(
        doc.contains(&format!(
            "| V01 | 测试单位V01 | 县级 | 97.14 | 一票否决 | 一票否决：{VETO_REASON}（测试员，2026-11-24 09:30，日志第 {veto_seq} 条；依据：{VETO_BASIS}） |"
        )),
        "{doc}"
    );
    assert!(
        doc.contains(
            "| W01 | 测试单位W01 | 县级 | — | 退出参评 | 退出参评：机构改革撤并（测试员，"
        ),
        "{doc}"
    );
    f.fails_unchanged(
        &["shortlist", "adjust", "V01", "--include", "--reason", "x"],
        INVALID,
    );
    f.fails_unchanged(
        &["shortlist", "adjust", "W01", "--include", "--reason", "x"],
        INVALID,
    );
}

#[test]
fn every_change_of_an_input_makes_the_list_stale_until_it_is_drawn_again() {
    let f = Fixture::synthetic(&[
        county("S01", [90; 5], "优秀"),
        county("S02", [85; 5], "良好"),
        county("S03", [80; 5], "优秀"),
    ])
    .inspected();
    let stderr = f.fails_unchanged(&["shortlist", "show"], STEP_ORDER);
    assert!(
        stderr.contains("there is no preliminary list yet"),
        "{stderr}"
    );
    assert_eq!(f.json(&["shortlist", "versions"]), json!([]));

    let v1 = draw(&f);
    assert_eq!(v1["stale_because"], json!([]));
    assert_eq!(show(&f), v1, "show gives what was drawn");
    let before: Value = serde_json::from_str(&f.stdout(&["--json", "shortlist", "show"])).unwrap();
    assert_eq!(before, v1, "--json before the subcommand");
    f.banzi(&["shortlist", "show", "--csv", "--json"])
        .code(USAGE);

    // A run with nothing changed stores nothing and says which version is current.
    let entries = f.log().len();
    let again = f.json(&["shortlist"]);
    assert_eq!(again["stored"], false);
    assert_eq!(again["version"], 1);
    assert_eq!(f.log().len(), entries, "no journal entry");
    let out = f.banzi(&["shortlist"]).success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        stderr.contains("no change: nothing the list is drawn from changed since version 1"),
        "{stderr}"
    );
    assert_eq!(
        f.json(&["shortlist", "versions"]).as_array().unwrap().len(),
        1
    );

    // Any change to what it is drawn from, even a comment in the settings, is a new version.
    f.edit_settings("min_working_days = 5", "min_working_days = 5 # 公示期");
    let v2 = draw(&f);
    assert_eq!(v2["version"], 2);
    assert_eq!(v2["units"], v1["units"]);
    let old = f.json(&["shortlist", "show", "--version", "1"]);
    assert_eq!(old["version"], 1);
    assert_eq!(old["stale"], true);
    assert_eq!(
        stale_because(&old),
        ["version 1 is superseded by version 2"]
    );
    assert_eq!(show(&f)["stale"], false);
    let doc = f.stdout(&["shortlist", "document"]);
    assert!(doc.contains("初步名单（第2版）"), "{doc}");
    assert!(!doc.contains("注意"), "{doc}");
    let doc = f.stdout(&["shortlist", "document", "--version", "1"]);
    assert!(
        doc.contains("> **注意：本版本已不是现行名单**（已被第2版取代）。"),
        "{doc}"
    );
    f.fails_unchanged(&["shortlist", "show", "--version", "9"], INVALID);

    // Each change, what show says about it, and a new version fresh again.
    let stale = |f: &Fixture| -> Vec<String> {
        let list = show(f);
        assert_eq!(list["stale"], true, "{list:#}");
        stale_because(&list)
    };

    // A replaced annual assessment: S02 良好 → 优秀, 595/7 → 640/7.
    f.import_annual(&[("S02", "优秀")], true);
    let seq = last_seq(&f);
    assert_eq!(
        stale(&f),
        [format!("`analysis/annual.csv` changed in entry #{seq}")]
    );
    let stderr = f.fails_unchanged(&["shortlist", "document"], STEP_ORDER);
    assert!(stderr.contains("--version 2"), "{stderr}");
    let doc = f.stdout(&["shortlist", "document", "--version", "2"]);
    assert!(doc.contains("注意：本版本已不是现行名单"), "{doc}");
    let explained = f.json(&["shortlist", "explain", "S02"]);
    assert_eq!(explained["stale"], true);
    let v3 = draw(&f);
    assert_eq!(
        (v3["version"].clone(), v3["stale"].clone()),
        (json!(3), json!(false))
    );
    assert_close(&entry(&v3, "S02")["composite"], 640.0 / 7.0, "S02");

    // A reopened inspection: the list cannot be drawn until it is recorded again.
    f.banzi(&[
        "reopen",
        "inspect",
        "--unit",
        "S03",
        "--reason",
        "考察记录有误",
    ])
    .success();
    let seq = last_seq(&f);
    assert_eq!(
        stale(&f),
        [format!(
            "`inspections/S03/talk-1.toml` is now stale in entry #{seq}"
        )]
    );
    let stderr = f.fails_unchanged(&["shortlist"], STEP_ORDER);
    assert!(stderr.contains("S03"), "{stderr}");
    assert!(stderr.contains("its inspection was reopened"), "{stderr}");
    assert!(stderr.contains("banzi inspect record S03 FILE"), "{stderr}");
    assert!(
        !stderr.contains("S01") && !stderr.contains("S02"),
        "{stderr}"
    );
    f.record_inspection("S03", "talk", [82; 5]);
    let v4 = draw(&f);
    assert_close(&entry(&v4, "S03")["composite"], 628.0 / 7.0, "S03");

    // A withdrawal.
    f.banzi(&["withdraw", "S02", "--reason", "主要负责人调整"])
        .success();
    let seq = last_seq(&f);
    assert_eq!(
        stale(&f),
        [format!("`withdrawals.csv` was added in entry #{seq}")]
    );
    let v5 = draw(&f);
    assert_eq!(decision(&v5, "S02"), "withdrawn");

    // An edit of the settings: S03's 628/7 ≈ 89.71 is now below 90.
    f.edit_settings("min_composite = 80.0", "min_composite = 90.0");
    assert_eq!(stale(&f), ["`campaign.toml` changed (the settings)"]);
    let v6 = draw(&f);
    assert_eq!(reasons(&v6, "S03"), ["综合得分 89.71，低于最低分 90"]);

    // A method that weighs the democratic evaluation is refused without votes, naming both
    // ways out; it is never silently rescaled.
    f.edit_settings(
        "components = { inspection = 0.5714285714285714, democratic = 0, annual = 0.4285714285714286 }",
        "components = { inspection = 0.4, democratic = 0.3, annual = 0.3 }",
    );
    let stderr = f.fails_unchanged(&["shortlist"], STEP_ORDER);
    assert!(
        stderr.contains(
            "the campaign's method weighs the democratic evaluation (民主测评) at 0.3, but no votes are imported"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("banzi inspect import-votes FILE") && stderr.contains("`democratic = 0`"),
        "{stderr}"
    );

    // Votes, once imported, are needed for every participating unit, and change the composite.
    let path = f.write(
        "inputs/votes.csv",
        &format!("{VOTES_HEADER}S01,上级领导,优秀,优秀,优秀,优秀,优秀\n"),
    );
    f.banzi(&["inspect", "import-votes", path]).success();
    let seq = last_seq(&f);
    assert_eq!(
        stale(&f),
        [
            format!("`analysis/votes.csv` was added in entry #{seq}"),
            "`campaign.toml` changed (the settings)".to_owned()
        ]
    );
    let stderr = f.fails_unchanged(&["shortlist"], STEP_ORDER);
    assert!(
        stderr.contains("S03") && stderr.contains("banzi inspect import-votes FILE --replace"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("S01") && !stderr.contains("S02"),
        "{stderr}"
    );
    let path = f.write(
        "inputs/votes2.csv",
        &format!(
            "{VOTES_HEADER}S01,上级领导,优秀,优秀,优秀,优秀,优秀\nS03,上级领导,较好,较好,较好,较好,较好\n"
        ),
    );
    f.banzi(&["inspect", "import-votes", path, "--replace"])
        .success();
    let v7 = draw(&f);
    // With votes: 0.4 × inspection + 0.3 × democratic + 0.3 × annual.
    // S01: 0.4 × 90 + 0.3 × 100 + 0.3 × 100 = 96; S03: 0.4 × 82 + 0.3 × 80 + 0.3 × 100 = 86.8.
    assert_close(&entry(&v7, "S01")["composite"], 96.0, "S01 with votes");
    assert_close(
        &entry(&v7, "S01")["democratic_part"],
        30.0,
        "S01 democratic",
    );
    assert_close(&entry(&v7, "S03")["composite"], 86.8, "S03 with votes");
    assert_eq!(v7["stale"], false);

    let versions = f.json(&["shortlist", "versions"]);
    let rows = versions.as_array().unwrap();
    assert_eq!(
        rows.iter()
            .map(|r| r["version"].as_u64().unwrap())
            .collect::<Vec<_>>(),
        [1, 2, 3, 4, 5, 6, 7]
    );
    assert_eq!(
        rows.iter().map(|r| r["stale"].clone()).collect::<Vec<_>>(),
        [true, true, true, true, true, true, false].map(Value::from)
    );
    assert_eq!(
        rows.iter()
            .map(|r| r["included"].as_u64().unwrap())
            .collect::<Vec<_>>(),
        [3, 3, 3, 3, 2, 1, 1]
    );
    assert_eq!(rows[6]["seq"], v7["seq"]);
    let text = f.stdout(&["shortlist", "versions"]);
    assert!(
        text.contains("current") && text.contains("superseded"),
        "{text}"
    );

    // An older version is shown as it was.
    let v3_again = f.json(&["shortlist", "show", "--version", "3"]);
    assert_eq!(v3_again["units"], v3["units"]);
    assert_eq!(
        stale_because(&v3_again),
        ["version 3 is superseded by version 7"]
    );
    let explained = f.json(&["shortlist", "explain", "S02", "--version", "3"]);
    assert_eq!(explained["decision"], "included");
    assert_eq!(explained["version"], 3);

    // A unit registered later: the register changed, the unit is not on the list, and the next
    // list waits for it.
    let path = f.write(
        "inputs/more-units.csv",
        "code,name,category,party_head,government_head\nS04,测试单位S04,county,书记,负责人\n",
    );
    f.banzi(&["units", "import", path]).success();
    let seq = last_seq(&f);
    assert_eq!(stale(&f), [format!("`units.csv` changed in entry #{seq}")]);
    let stderr = f.fails_unchanged(&["shortlist", "explain", "S04"], INVALID);
    assert!(stderr.contains("is not on version 7"), "{stderr}");
    let stderr = f.fails_unchanged(&["shortlist"], STEP_ORDER);
    assert!(
        stderr.contains("S04: its plan is missing; run `banzi plan submit S04 FILE`"),
        "{stderr}"
    );
}

#[test]
fn the_list_is_refused_while_a_participating_unit_lacks_an_input_and_each_is_named() {
    // The campaign's default required methods: hearing, talk and materials.
    let units = [
        county("R01", [90; 5], "优秀"),
        county("R02", [90; 5], "优秀"),
        county("R03", [90; 5], "优秀"),
        county("R04", [90; 5], "优秀").only_through(Step::Plan),
        county("R05", [90; 5], "优秀").only_through(Step::Units),
        county("R06", [90; 5], "优秀").only_through(Step::Units),
    ];
    let f = Fixture::synthetic(&units)
        .requiring(&DEFAULT_METHODS)
        .self_assessed();
    for method in DEFAULT_METHODS {
        f.record_inspection("R01", method, [90; 5]);
        f.record_inspection("R03", method, [90; 5]);
    }
    f.record_inspection("R02", "talk", [90; 5]);
    f.import_annual(&[("R01", "优秀"), ("R02", "优秀")], false);
    f.banzi(&["withdraw", "R06", "--reason", "不参评"])
        .success();

    let stderr = f.fails_unchanged(&["shortlist"], STEP_ORDER);
    assert!(stderr.contains("4 unit(s) are not ready"), "{stderr}");
    let line = |unit: &str| -> Vec<&str> {
        stderr
            .lines()
            .filter(|l| l.contains(&format!("{unit}:")))
            .collect()
    };
    assert!(line("R01").is_empty(), "{stderr}");
    assert!(line("R06").is_empty(), "a withdrawn unit: {stderr}");
    assert!(
        line("R02").iter().any(
            |l| l.contains("no inspection record for hearing, materials")
                && l.contains("banzi inspect record R02 FILE")
        ),
        "{stderr}"
    );
    assert!(
        line("R03")
            .iter()
            .any(|l| l.contains("no annual-assessment result")
                && l.contains("banzi inspect import-assessment FILE")),
        "{stderr}"
    );
    for unit in ["R04", "R05"] {
        let lines = line(unit);
        assert!(
            lines
                .iter()
                .any(|l| l.contains("no annual-assessment result")),
            "{unit}: {stderr}"
        );
        assert_eq!(lines.len(), 2, "{unit}: {stderr}");
    }
    assert!(
        line("R04")
            .iter()
            .any(|l| l.contains("banzi self-assess submit R04 FILE")),
        "{stderr}"
    );
    assert!(
        line("R05")
            .iter()
            .any(|l| l.contains("banzi plan submit R05 FILE")),
        "{stderr}"
    );
    assert!(stderr.contains("banzi withdraw UNIT"), "{stderr}");
    assert!(!f.campaign().join("shortlist").exists());

    // Once R02 and R03 are complete and R04, R05 withdrawn, the list can be drawn.
    for method in ["hearing", "materials"] {
        f.record_inspection("R02", method, [90; 5]);
    }
    f.import_annual(&[("R01", "优秀"), ("R02", "优秀"), ("R03", "良好")], false);
    for unit in ["R04", "R05"] {
        f.banzi(&["withdraw", unit, "--reason", "不参评"]).success();
    }
    let list = draw(&f);
    assert_eq!(
        list["units"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|u| u["decision"] == "withdrawn")
            .count(),
        3
    );
}

/// A small campaign with one of everything: a tie at the edge, a failed rule, a withdrawal, a
/// veto and an adjustment, drawn twice (the adjustment needs a first version).
///
/// - Counties, count 1: S01 and S02 88, 优秀: 652/7 ≈ 93.14 each, tied; S01 first by code.
///   S03 95, 一般: 590/7 ≈ 84.29, excluded for the grade.
/// - Departments, share 0.3 of 1 (D02 withdrawn): 1 place; D01 90, 优秀: 660/7 ≈ 94.29.
/// - Municipal units, share 0.25 of 2: 1 place; M01 92, 优秀, vetoed; M02 70, 良好:
///   (280 + 255) / 7 ≈ 76.43, excluded by the rules and adjusted to included.
fn small_campaign() -> Fixture {
    let units = [
        county("S01", [88; 5], "优秀").named("青川市东湖区"),
        county("S02", [88; 5], "优秀").named("青川市临溪县"),
        county("S03", [95; 5], "一般").named("青川市云岭县"),
        department("D01", [90; 5], "优秀").named("市委办公室"),
        department("D02", [90; 5], "优秀")
            .named("市委统战部")
            .uninspected(),
        municipal("M01", [92; 5], "优秀").named("市财政局"),
        municipal("M02", [70; 5], "良好").named("市生态环境局"),
    ];
    let f = Fixture::synthetic(&units)
        .edit_settings("county = { count = 3 }", "county = { count = 1 }")
        .inspected();
    f.banzi(&["withdraw", "D02", "--reason", "机构改革撤并，不参评"])
        .success();
    with_veto(&f, "M01");
    draw(&f);
    f.banzi(&[
        "shortlist",
        "adjust",
        "M02",
        "--include",
        "--reason",
        "生态环境督察整改成效突出，经部务会研究列入",
    ])
    .success();
    draw(&f);
    f
}

#[test]
fn the_csv_has_a_bom_chinese_headers_and_one_row_per_unit() {
    let f = small_campaign();
    let out = f.banzi(&["shortlist", "show", "--csv"]).success();
    let bytes = out.get_output().stdout.clone();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "no BOM");
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let headers: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    let mut expected: Vec<&str> = vec![
        "单位代码",
        "单位名称",
        "类别",
        "排名",
        "综合得分",
        "决定",
        "按规则决定",
        "理由",
        "调整",
        "边界并列",
    ];
    expected.extend(CRITERION_NAMES);
    expected.push("版本");
    assert_eq!(headers, expected);
    let mut rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    // The last row names the journal head the list was printed from.
    let head = rows.pop().unwrap();
    let last = f.log().pop().unwrap();
    assert_eq!(head[0], "日志头");
    assert_eq!(
        head[1],
        format!("{}:{}", last["seq"], &last["hash"].as_str().unwrap()[..12])
    );
    f.banzi(&["verify", "--head", &head[1]]).success();
    assert_eq!(
        rows.iter().map(|r| r[0].as_str()).collect::<Vec<_>>(),
        ["S01", "S02", "S03", "D01", "D02", "M01", "M02"],
        "one row per unit, in the list's order"
    );
    assert!(rows.iter().all(|r| r.len() == 16), "{rows:?}");
    assert!(
        rows.iter().all(|r| r[15] == "第2版"),
        "every row names its version"
    );
    let s01 = &rows[0];
    assert_eq!(
        s01[..7],
        ["S01", "青川市东湖区", "县级", "1", "93.14", "列入", "列入"]
    );
    assert_eq!(s01[9], "是");
    assert!(s01[7].contains("在名额边界并列"), "{s01:?}");
    assert_eq!(s01[10..15], ["93.14"; 5]);
    assert_eq!(rows[1][5], "不列入");
    assert_eq!(rows[1][9], "是");
    assert_eq!(rows[2][3], "", "S03 is not ranked");
    assert_eq!(rows[2][7], "年度考核「一般」，低于「良好」");
    let d02 = &rows[4];
    assert_eq!(
        d02[..10],
        [
            "D02",
            "市委统战部",
            "市委部门",
            "",
            "—",
            "退出参评",
            "退出参评",
            "退出参评：机构改革撤并，不参评（测试员，2026-11-24 09:30，日志第 12 条）",
            "",
            "否"
        ]
    );
    assert_eq!(rows[5][5], "一票否决");
    let m02 = &rows[6];
    assert_eq!(m02[5..7], ["列入", "不列入"]);
    assert!(
        m02[8].starts_with(
            "列入：生态环境督察整改成效突出，经部务会研究列入（测试员，2026-11-24 09:30，#"
        ),
        "{m02:?}"
    );
    assert_eq!(m02[10], "76.43");
}

#[test]
fn the_document_of_a_small_campaign() {
    let f = small_campaign();
    let doc = f.stdout(&["shortlist", "document"]);
    insta::assert_snapshot!(
        "shortlist_document_small_campaign",
        f.without_head_hash(&doc)
    );
}

#[test]
fn a_vetoed_unit_need_not_wait_for_its_figures_and_an_adjustment_made_before_can_be_cleared() {
    let f = Fixture::synthetic(&[
        county("X01", [90; 5], "优秀"),
        county("X02", [85; 5], "优秀"),
        county("X03", [80; 5], "优秀").uninspected(),
        department("Y01", [90; 5], "优秀"),
    ])
    .inspected();
    // X03 is neither inspected nor assessed; vetoed, it holds nothing up.
    with_veto(&f, "X03");
    f.banzi(&["withdraw", "Y01", "--reason", "撤并"]).success();
    let list = draw(&f);
    assert_eq!(decision(&list, "X03"), "vetoed");
    assert_eq!(entry(&list, "X03")["composite"], json!(null));
    // Every department withdrew: a share quota gives no place to an empty category.
    assert_eq!(
        category(&list, "department"),
        (0, json!({"share": 0.3}), 0, 0, 0)
    );

    f.banzi(&[
        "shortlist",
        "adjust",
        "X02",
        "--exclude",
        "--reason",
        "整改未到位",
    ])
    .success();
    f.banzi(&["withdraw", "X02", "--reason", "撤并"]).success();
    f.fails_unchanged(
        &["shortlist", "adjust", "X02", "--include", "--reason", "x"],
        INVALID,
    );
    f.banzi(&[
        "shortlist",
        "adjust",
        "X02",
        "--clear",
        "--reason",
        "单位已退出",
    ])
    .success();
    let list = draw(&f);
    assert_eq!(entry(&list, "X02")["override"], json!(null));
    assert_eq!(decision(&list, "X02"), "withdrawn");
}

#[test]
fn a_campaign_without_units_has_no_list_to_draw() {
    let f = Fixture::initialized();
    let stderr = f.fails_unchanged(&["shortlist"], STEP_ORDER);
    assert!(stderr.contains("banzi units import"), "{stderr}");
}

/// Whether Excel/WPS would run a cell as a formula: it starts with `=`, `+`, `-`, `@`, a tab or a
/// carriage return and is not a number.
fn runs_in_a_spreadsheet(cell: &str) -> bool {
    cell.starts_with(['=', '+', '-', '@', '\t', '\r']) && cell.parse::<f64>().is_err()
}

/// Every cell of a CSV text, the header's too, as a spreadsheet reads them.
fn csv_cells(bytes: &[u8]) -> Vec<String> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes)
        .records()
        .flat_map(|r| r.unwrap().iter().map(str::to_owned).collect::<Vec<_>>())
        .collect()
}

/// Regression (CSV injection): a name or reason that a spreadsheet would run as a formula runs
/// from no CSV that banzi writes, records or export, and every command reads it back exactly.
#[test]
fn text_a_spreadsheet_would_run_runs_from_no_csv_and_reads_back_exactly() {
    const NAMES: [&str; 4] = [
        r#"=HYPERLINK("http://x","点我")"#,
        "@SUM(A1)",
        "-2+3",
        "'引号",
    ];
    let mut units: Vec<Unit> = NAMES
        .iter()
        .enumerate()
        .map(|(i, name)| county(&format!("S0{}", i + 1), [90; 5], "优秀").named(name))
        .collect();
    units.push(county("W01", [90; 5], "优秀"));
    let f = Fixture::synthetic(&units).inspected();
    f.banzi(&["withdraw", "W01", "--reason=+1 机构撤并"])
        .success();
    draw(&f);
    f.banzi(&[
        "shortlist",
        "adjust",
        "S02",
        "--exclude",
        "--reason=@因故调整",
    ])
    .success();
    let list = draw(&f);

    let registered = f.json(&["units", "list"]);
    let names: Vec<&str> = registered
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["name"].as_str().unwrap())
        .collect();
    assert_eq!(names[..4], NAMES);
    let table = f.stdout(&["units", "list"]);
    for name in NAMES {
        assert!(table.contains(name), "{table}");
    }
    for (i, name) in NAMES.iter().enumerate() {
        assert_eq!(entry(&list, &format!("S0{}", i + 1))["name"], *name);
    }
    assert_eq!(entry(&list, "S02")["override"]["reason"], "@因故调整");
    assert_eq!(entry(&list, "W01")["withdrawal"]["reason"], "+1 机构撤并");
    assert!(
        reasons(&list, "W01")[0].starts_with("退出参评：+1 机构撤并（测试员，"),
        "the withdrawal's reason as given"
    );

    let records: Vec<(String, Vec<u8>)> = f
        .snapshot_dir()
        .into_iter()
        .filter(|(path, _)| path.ends_with(".csv"))
        .collect();
    for wanted in ["units.csv", "withdrawals.csv", "shortlist/overrides.csv"] {
        assert!(records.iter().any(|(path, _)| path == wanted), "{wanted}");
    }
    for (path, bytes) in &records {
        for cell in csv_cells(bytes) {
            assert!(
                !runs_in_a_spreadsheet(&cell),
                "`{path}` has the cell {cell:?}"
            );
        }
    }

    let export = f.banzi(&["shortlist", "show", "--csv"]).success();
    let export = &export.get_output().stdout[3..];
    for cell in csv_cells(export) {
        assert!(
            !runs_in_a_spreadsheet(&cell),
            "the export has the cell {cell:?}"
        );
    }
    let exported: Vec<Vec<String>> = csv::Reader::from_reader(export)
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    let name_of = |code: &str| {
        exported
            .iter()
            .find(|row| row[0] == code)
            .map(|row| row[1].clone())
            .unwrap()
    };
    assert_eq!(name_of("S01"), format!("'{}", NAMES[0]));
    assert_eq!(name_of("S02"), "'@SUM(A1)");
    assert_eq!(name_of("S03"), "'-2+3");
    assert_eq!(
        name_of("S04"),
        "'引号",
        "an apostrophe typed by a person is shown once"
    );
}

/// The shape of a Markdown document: its events with their text left out, runs of text as one.
fn markdown_shape(markdown: &str) -> Vec<String> {
    use pulldown_cmark::Event;
    let mut shape: Vec<String> = Vec::new();
    for event in markdown_events(markdown) {
        let kind = match event {
            Event::Text(_) => "Text".to_owned(),
            Event::Code(_) => "Code".to_owned(),
            other => format!("{other:?}"),
        };
        if kind != "Text" || shape.last().is_none_or(|last| last != "Text") {
            shape.push(kind);
        }
    }
    shape
}

/// Regression (Markdown injection): names and reasons that are Markdown or HTML add nothing to
/// the document's structure: it has the shape of the same list with plain text, and shows the
/// text as it was given.
#[test]
fn hostile_names_and_reasons_leave_the_document_as_it_is_with_plain_ones() {
    let document = |names: [&str; 4], withdrawal: &str, adjustment: &str| {
        let mut units: Vec<Unit> = names
            .iter()
            .enumerate()
            .map(|(i, name)| county(&format!("S0{}", i + 1), [90; 5], "优秀").named(name))
            .collect();
        units.push(county("W01", [90; 5], "优秀"));
        let f = Fixture::synthetic(&units)
            .edit_settings("county = { count = 3 }", "county = { count = 1 }")
            .inspected();
        f.banzi(&["withdraw", "W01", &format!("--reason={withdrawal}")])
            .success();
        draw(&f);
        f.banzi(&[
            "shortlist",
            "adjust",
            "S04",
            "--include",
            &format!("--reason={adjustment}"),
        ])
        .success();
        draw(&f);
        f.stdout(&["shortlist", "document"])
    };
    let plain = document(["单位一", "单位二", "单位三", "单位四"], "撤并", "列入");
    let names = [
        "<script>alert(1)</script>",
        "[点我](javascript:alert(1))",
        "# 标题\n- 列表",
        "| 表 | *强* `码`",
    ];
    let hostile = document(names, "> 引用 &lt;", "![图](http://e/x.png) ~~删~~");
    assert_eq!(
        markdown_shape(&hostile),
        markdown_shape(&plain),
        "{hostile}"
    );
    let text: String = markdown_events(&hostile)
        .into_iter()
        .filter_map(|e| match e {
            pulldown_cmark::Event::Text(t) => Some(t.into_string()),
            _ => None,
        })
        .collect();
    for shown in [
        "<script>alert(1)</script>",
        "[点我](javascript:alert(1))",
        "# 标题 - 列表",
        "| 表 | *强* `码`",
        "> 引用 &lt;",
        "![图](http://e/x.png) ~~删~~",
    ] {
        assert!(text.contains(shown), "{shown:?} is not shown in\n{hostile}");
    }
}

#[test]
fn a_stale_list_is_refused_as_csv_as_it_is_as_a_document() {
    let f = Fixture::synthetic(&[
        county("S01", [90; 5], "优秀"),
        county("S02", [85; 5], "良好"),
    ])
    .drawn();
    f.import_annual(&[("S02", "优秀")], true);
    for args in [
        &["shortlist", "show", "--csv"][..],
        &["shortlist", "document"],
    ] {
        let stderr = f.fails_unchanged(args, STEP_ORDER);
        assert!(
            stderr.contains(
                "version 1 of the preliminary list is stale: `analysis/annual.csv` changed"
            ),
            "{stderr}"
        );
        assert!(stderr.contains("--version 1"), "{stderr}");
    }
    // Asked for by number, it prints as it was, its version in every row.
    let csv = f.stdout(&["shortlist", "show", "--csv", "--version", "1"]);
    let mut reader = csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(&rows[0][15], "第1版");
}

/// A weighed rater group that did not vote, or abstained on a criterion, is said at import, in
/// `inspect show` and in `explain`, and its weight goes to the other groups.
#[test]
fn a_missing_or_abstaining_rater_group_is_warned_and_the_weights_renormalised() {
    let f = Fixture::synthetic(&[county("S01", [90; 5], "优秀"), county("S02", [90; 5], "优秀")])
        .edit_settings(
            "components = { inspection = 0.5714285714285714, democratic = 0, annual = 0.4285714285714286 }",
            "components = { inspection = 0.4, democratic = 0.3, annual = 0.3 }",
        )
        .edit_settings("# \"上级领导\" = 0.3", "\"上级领导\" = 0.3")
        .edit_settings("# \"班子成员\" = 0.3", "\"班子成员\" = 0.3")
        .edit_settings("# \"中层干部\" = 0.2", "\"中层干部\" = 0.2")
        .edit_settings("# \"服务对象\" = 0.2", "\"服务对象\" = 0.2")
        .inspected();
    // S02: no 服务对象 at all; 中层干部 left 政治强 blank.
    let votes = format!(
        "{VOTES_HEADER}\
         S01,上级领导,优秀,优秀,优秀,优秀,优秀\nS01,班子成员,优秀,优秀,优秀,优秀,优秀\n\
         S01,中层干部,优秀,优秀,优秀,优秀,优秀\nS01,服务对象,优秀,优秀,优秀,优秀,优秀\n\
         S02,上级领导,优秀,优秀,优秀,优秀,优秀\nS02,班子成员,较好,较好,较好,较好,较好\n\
         S02,中层干部,,一般,一般,一般,一般\n"
    );
    let path = f.write("inputs/votes.csv", &votes);
    let out = f.banzi(&["inspect", "import-votes", path]).success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        stderr.contains(
            "warning: S02: rater group 「服务对象」 did not vote: its weight is shared among the other rater groups"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("warning: S02: rater group 「中层干部」 left every vote on 政治强 blank"),
        "{stderr}"
    );
    assert!(!stderr.contains("S01:"), "{stderr}");

    // By hand, S02's democratic component:
    //   政治强: (0.3 × 100 + 0.3 × 80) / (0.3 + 0.3) = 54 / 0.6 = 90;
    //   能力强: (0.3 × 100 + 0.3 × 80 + 0.2 × 60) / (0.3 + 0.3 + 0.2) = 66 / 0.8 = 82.5.
    let s02 = f.json(&["inspect", "show", "S02"]);
    assert_close(&s02["criteria"]["political"]["democratic"], 90.0, "政治强");
    assert_close(&s02["criteria"]["capability"]["democratic"], 82.5, "能力强");
    let groups = s02["criteria"]["capability"]["democratic_groups"]
        .as_array()
        .unwrap();
    for (group, want) in [
        ("上级领导", 0.3 / 0.8),
        ("班子成员", 0.3 / 0.8),
        ("中层干部", 0.2 / 0.8),
    ] {
        let got = groups
            .iter()
            .find(|g| g["rater_group"] == group)
            .unwrap_or_else(|| panic!("{group} in {groups:?}"))["effective_weight"]
            .as_f64()
            .unwrap();
        assert!((got - want).abs() < 1e-12, "{group}: {got}");
    }
    let people = f.stdout(&["--lang", "zh-CN", "inspect", "show", "S02"]);
    assert!(
        people.contains("注意：测评主体「服务对象」未参加测评"),
        "{people}"
    );

    let list = draw(&f);
    assert_eq!(
        entry(&list, "S02")["vote_gaps"].as_array().unwrap().len(),
        2
    );
    assert_eq!(entry(&list, "S01")["vote_gaps"], json!([]));
    let explain = f.stdout(&["--lang", "zh-CN", "shortlist", "explain", "S02"]);
    assert!(
        explain.contains(
            "民主测评：测评主体「中层干部」对政治强全部弃权，该项权重按其余测评主体重新折算"
        ),
        "{explain}"
    );
}

#[test]
fn the_list_speaks_chinese_in_the_terminal() {
    let f = Fixture::inspected();
    f.banzi(&["withdraw", "M06", "--reason", "机构改革撤并，不参评"])
        .success();
    f.banzi(&[
        "veto",
        "M05",
        "--reason",
        "发生重大安全生产责任事故",
        "--basis",
        "应急〔2026〕8号",
    ])
    .success();
    let out = f.banzi(&zh(&["shortlist"])).success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(stderr.contains("完成：生成初步名单第1版"), "{stderr}");
    assert!(english_left(&stderr).is_empty(), "{stderr}");
    let out = f.banzi(&zh(&["shortlist"])).success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(stderr.contains("没有变化：自第1版"), "{stderr}");
    assert!(english_left(&stderr).is_empty(), "{stderr}");

    let show = f.stdout(&zh(&["shortlist", "show"]));
    assert!(show.contains("初步名单 第1版"), "{show}");
    assert!(show.contains("排名") && show.contains("理由"), "{show}");
    assert!(
        show.contains("一票否决") && show.contains("退出参评"),
        "{show}"
    );
    assert!(
        english_left(&show).is_empty(),
        "{:?}: {show}",
        english_left(&show)
    );
    for unit in ["C01", "M05", "M06"] {
        let explain = f.stdout(&zh(&["shortlist", "explain", unit]));
        assert!(explain.contains("规则："), "{explain}");
        assert!(english_left(&explain).is_empty(), "{explain}");
    }
    let versions = f.stdout(&zh(&["shortlist", "versions"]));
    assert!(versions.contains("最新"), "{versions}");
    assert!(english_left(&versions).is_empty(), "{versions}");

    // In English the same list is in English, but for the names it shows.
    let show = f.stdout(&["--lang", "en", "shortlist", "show"]);
    assert!(show.contains("Preliminary list version 1"), "{show}");
    assert!(show.contains("counties: 5 participating"), "{show}");
    assert!(!show.contains("排名"), "{show}");

    // Failures.
    let failures: [(&[&str], i32, &str); 4] = [
        (
            &["shortlist", "show", "--version", "9"],
            INVALID,
            "初步名单没有第9版",
        ),
        (
            &[
                "shortlist",
                "adjust",
                "M06",
                "--include",
                "--reason",
                "增列",
            ],
            INVALID,
            "退出参评的单位不能调整",
        ),
        (
            &[
                "shortlist",
                "adjust",
                "M05",
                "--include",
                "--reason",
                "增列",
            ],
            INVALID,
            "一票否决不能调整",
        ),
        (
            &["shortlist", "adjust", "C01", "--clear", "--reason", "清除"],
            INVALID,
            "没有可清除的调整",
        ),
    ];
    for (args, code, says) in failures {
        let stderr = f.fails_unchanged(&zh(args), code);
        assert!(stderr.contains(says), "{args:?}: {stderr}");
        assert!(english_left(&stderr).is_empty(), "{args:?}: {stderr}");
    }
    let out = f
        .banzi(&zh(&[
            "shortlist",
            "adjust",
            "D05",
            "--include",
            "--reason",
            "经部务会研究增列",
        ]))
        .success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(stderr.contains("初步名单中 D05 调整为列入"), "{stderr}");
    assert!(stderr.contains("初步名单已过时"), "{stderr}");
    assert_eq!(
        f.log().pop().unwrap()["summary"],
        "D05 adjusted to included on the preliminary list"
    );
    let stderr = f.fails_unchanged(&zh(&["shortlist", "document"]), STEP_ORDER);
    assert!(
        stderr.contains("初步名单第1版已过时：`shortlist/overrides.csv`"),
        "{stderr}"
    );
    assert!(english_left(&stderr).is_empty(), "{stderr}");
    let out = f.banzi(&zh(&["shortlist", "show"])).success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(stderr.contains("警告：第1版已过时"), "{stderr}");
    assert!(english_left(&stderr).is_empty(), "{stderr}");

    f.banzi(&["reopen", "inspect", "--unit", "C01", "--reason", "重新考察"])
        .success();
    let stderr = f.fails_unchanged(&zh(&["shortlist"]), STEP_ORDER);
    assert!(stderr.contains("其组织考察记录已重新打开"), "{stderr}");
    assert!(english_left(&stderr).is_empty(), "{stderr}");
}

#[test]
fn the_json_of_the_list_is_the_same_in_both_languages() {
    let f = Fixture::inspected();
    f.banzi(&["veto", "M05", "--reason", "发生重大安全生产责任事故"])
        .success();
    let g = f.copy();
    // The language from `BANZI_LANG`, so that the command line the journal keeps is the same.
    let json_in = |f: &Fixture, lang: &str, args: &[&str]| {
        let out = f
            .command(&[&["--json"], args].concat())
            .env("BANZI_LANG", lang)
            .assert()
            .success();
        let mut value: serde_json::Value =
            serde_json::from_slice(&out.get_output().stdout).unwrap();
        // A journal entry's hashes cover the index, which keeps the files' times.
        if let Some(entry) = value.as_object_mut() {
            for key in ["hash", "index_sha256", "prev"] {
                entry.remove(key);
            }
        }
        value
    };
    let both = |args: &[&str]| {
        assert_eq!(
            json_in(&f, "zh-CN", args),
            json_in(&g, "en", args),
            "{args:?}"
        );
    };
    both(&["shortlist"]);
    both(&["shortlist", "show"]);
    both(&["shortlist", "explain", "M05"]);
    both(&["shortlist", "explain", "C01"]);
    both(&[
        "shortlist",
        "adjust",
        "D05",
        "--include",
        "--reason",
        "增列",
    ]);
    // Stale, with its reasons.
    both(&["shortlist", "show"]);
    both(&["shortlist", "versions"]);
}

/// The inspection methods a unit still lacks are named as clerks name them in Chinese, by their
/// codes in English.
#[test]
fn the_methods_a_unit_lacks_are_named_zh() {
    let f = Fixture::self_assessed();
    let stderr = f.fails_unchanged(&zh(&["shortlist"]), STEP_ORDER);
    assert!(
        stderr.contains("  C01: 缺少以下方式的组织考察记录：听汇报、个别谈话、查资料；请运行 `banzi inspect record C01 FILE`"),
        "{stderr}"
    );
    assert!(english_left(&stderr).is_empty(), "{stderr}");
    let stderr = f.fails_unchanged(&["shortlist"], STEP_ORDER);
    assert!(
        stderr.contains("hearing, talk, materials; run `banzi inspect record C01 FILE`"),
        "{stderr}"
    );
}

/// Why a list is stale says, in Chinese, which state an input has come to.
#[test]
fn a_reopened_input_makes_the_list_stale_said_zh() {
    let f = Fixture::drawn();
    f.banzi(&["reopen", "plan", "--unit", "C01", "--reason", "方案有误"])
        .success();
    let out = f.banzi(&zh(&["shortlist", "explain", "C01"])).success();
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.contains("`plans/C01.toml` 的状态已变为「已重新打开」（日志第 "),
        "{stderr}"
    );
    assert!(english_left(&stderr).is_empty(), "{stderr}");
}
