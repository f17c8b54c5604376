//! Clerks' words: dates and the names of criteria, statuses, methods and categories as clerks
//! write them, in every record, stored as given and read the same on every later read.

use serde_json::json;

use crate::fixture::*;

/// The example plan of C01 with every criterion by its Chinese name and dates in every form.
fn plan_in_chinese() -> String {
    let mut text = example_text("plans/C01.toml");
    for (code, name) in [
        ("political", "政治强"),
        ("capability", "能力强"),
        ("vitality", "活力强"),
        ("cohesion", "合力强"),
        ("conduct", "作风硬"),
    ] {
        text = text.replace(
            &format!("criterion = \"{code}\""),
            &format!("criterion = \"{name}\""),
        );
    }
    text.replacen("due = 2026-12-31", "due = \"2026/12/31\"", 1)
        .replacen("due = 2026-12-31", "due = \"2026年12月31日\"", 1)
        .replacen("due = 2026-12-31", "due = \"2026.12.1\"", 1)
        .replacen("due = 2026-11-30", "due = \"2026年11月1日\"", 1)
        .replacen("due = 2026-09-30", "due = \"2026/9/5\"", 1)
}

/// The example self-assessment of C01 with statuses in Chinese and two ratings by name.
fn self_assessment_in_chinese() -> String {
    example_text("self-assessments/C01.toml")
        .replace("status = \"done\"", "status = \"完成\"")
        .replace("status = \"partial\"", "status = \"部分完成\"")
        .replace("status = \"not-done\"", "status = \"未完成\"")
        .replacen("political = ", "\"政治强\" = ", 1)
        .replacen("conduct = ", "\"作风硬\" = ", 1)
}

const TALK: &str = "unit = \"C01\"\nmethod = \"个别谈话\"\ndate = \"2026年11月5日\"\n\
    inspectors = [\"王五\"]\nfindings = \"班子团结\"\n\
    [ratings]\n\"政治强\" = 90\ncapability = 86\nvitality = 84\ncohesion = 88\nconduct = 91\n\
    [[verification]]\nindicator = \"P1\"\nstatus = \"部分完成\"\n";

#[test]
fn a_plan_in_a_clerks_words_is_stored_as_given_and_read_as_codes_and_dates() {
    let f = Fixture::registered();
    let text = plan_in_chinese();
    let file = f.write("inputs/C01.toml", &text);
    f.banzi(&["plan", "submit", "C01", file]).success();
    assert_eq!(f.read_text("plans/C01.toml"), text, "stored as given");

    let shown = f.json(&["plan", "show", "C01"]);
    let indicators = shown["indicators"].as_array().unwrap();
    let read: Vec<(&str, &str)> = indicators
        .iter()
        .map(|i| (i["criterion"].as_str().unwrap(), i["due"].as_str().unwrap()))
        .collect();
    assert_eq!(
        read,
        [
            ("political", "2026-12-31"),
            ("political", "2026-12-31"),
            ("capability", "2026-12-01"),
            ("capability", "2026-11-01"),
            ("vitality", "2026-09-05"),
            ("cohesion", "2026-12-31"),
            ("conduct", "2026-12-31"),
        ]
    );
    let table = f.stdout(&["plan", "show", "C01"]);
    assert!(
        table.contains("政治强") && table.contains("2026-09-05"),
        "{table}"
    );
    f.banzi(&["verify"]).success();
}

#[test]
fn a_self_assessment_and_an_inspection_in_a_clerks_words_build_on_a_stored_plan_in_them() {
    let f = Fixture::registered();
    let plan = f.write("inputs/plan.toml", &plan_in_chinese());
    f.banzi(&["plan", "submit", "C01", plan]).success();
    // The stored plan is read again, in its words, by every later step.
    let template = f.stdout(&["self-assess", "template", "C01"]);
    assert!(template.contains("# 政治强 | 目标: "), "{template}");

    let text = self_assessment_in_chinese();
    let file = f.write("inputs/self.toml", &text);
    f.banzi(&["self-assess", "submit", "C01", file]).success();
    assert_eq!(f.read_text("self-assessments/C01.toml"), text);
    let report = f.stdout(&["self-assess", "report", "C01"]);
    assert!(
        report.contains("| 政治强 | political | 0.2 | 92 |"),
        "{report}"
    );
    assert!(report.contains("| 2026-09-05 | 已完成 |"), "{report}");

    let record = f.write("inputs/talk.toml", TALK);
    let recorded = f.json(&["inspect", "record", "C01", record]);
    assert_eq!(recorded["path"], "inspections/C01/talk-1.toml");
    assert_eq!(f.read_text("inspections/C01/talk-1.toml"), TALK);
    let shown = f.json(&["inspect", "show", "C01"]);
    assert_eq!(
        shown["criteria"]["political"]["inspection_inputs"][0],
        json!({"record": "inspections/C01/talk-1.toml", "method": "talk", "date": "2026-11-05", "rating": 90.0})
    );
    let flags = f.json(&["inspect", "flags"]);
    assert!(
        flags
            .as_array()
            .unwrap()
            .iter()
            .any(|flag| flag["id"] == "concealment-C01-P1"),
        "the record's 部分完成 against the unit's 完成: {flags:#}"
    );
    f.banzi(&["verify"]).success();
}

#[test]
fn every_method_is_read_by_its_chinese_names() {
    let f = Fixture::registered();
    f.submit_plan("C01");
    f.submit_self_assessment("C01");
    for (n, (written, key)) in [
        ("听取汇报", "hearing"),
        ("听汇报", "hearing"),
        ("查阅资料", "materials"),
        ("查资料", "materials"),
        ("实地察看", "site-visit"),
        ("实地看", "site-visit"),
        ("召开座谈会", "symposium"),
        ("座谈会", "symposium"),
    ]
    .into_iter()
    .enumerate()
    {
        // A different date each time, so that no record repeats another.
        let text = TALK
            .replace("个别谈话", written)
            .replace("11月5日", &format!("11月{}日", n + 1));
        let file = f.write("inputs/record.toml", &text);
        let recorded = f.json(&["inspect", "record", "C01", file]);
        let path = recorded["path"].as_str().unwrap();
        assert!(
            path.starts_with(&format!("inspections/C01/{key}-")),
            "{written}: {path}"
        );
    }
    assert_eq!(f.steps("C01").0, "done");
}

#[test]
fn a_wrong_word_or_date_is_refused_with_its_place_and_the_accepted_words() {
    let f = Fixture::registered();
    let plan = plan_in_chinese()
        .replacen("criterion = \"活力强\"", "criterion = \"活力\"", 1)
        .replacen("due = \"2026/9/5\"", "due = \"2026/2/30\"", 1)
        .replacen("due = \"2026.12.1\"", "due = \"12/1/2026\"", 1);
    let file = f.write("inputs/C01.toml", &plan);
    let stderr = f.fails_unchanged(&["plan", "submit", "C01", file], INVALID);
    let reported: Vec<&str> = lines(&stderr)
        .into_iter()
        .filter(|l| l.starts_with("inputs/C01.toml:"))
        .collect();
    assert_eq!(
        reported,
        [
            "inputs/C01.toml:27:7: indicator.due: `12/1/2026` is not a date: write it as 2026-12-31, 2026/12/31, 2026.12.31 or 2026年12月31日",
            "inputs/C01.toml:39:13: indicator.criterion: unknown criterion `活力` (expected one of political (政治强), capability (能力强), vitality (活力强), cohesion (合力强), conduct (作风硬))",
            "inputs/C01.toml:43:7: indicator.due: `2026/2/30` is not a day of the calendar: check the month and the day",
            "inputs/C01.toml:5:1: indicator: criterion `vitality` (活力强) has no indicator; every criterion needs at least one",
        ],
        "{stderr}"
    );

    f.submit_plan("C01");
    let text = self_assessment_in_chinese().replacen("status = \"完成\"", "status = \"完了\"", 1);
    let file = f.write("inputs/self.toml", &text);
    let stderr = f.fails_unchanged(&["self-assess", "submit", "C01", file], INVALID);
    assert!(
        stderr.contains("inputs/self.toml:13:10: indicator.status: `完了` is not a status (expected one of done (已完成, 完成), partial (部分完成), not-done (未完成))"),
        "{stderr}"
    );

    f.submit_self_assessment("C01");
    let text = TALK
        .replace("个别谈话", "谈话")
        .replace("2026年11月5日", "2026年13月5日");
    let file = f.write("inputs/talk.toml", &text);
    let stderr = f.fails_unchanged(&["inspect", "record", "C01", file], INVALID);
    let reported: Vec<&str> = lines(&stderr)
        .into_iter()
        .filter(|l| l.starts_with("inputs/talk.toml:"))
        .collect();
    assert_eq!(
        reported,
        [
            "inputs/talk.toml:2:10: method: unknown method `谈话` (expected one of hearing (听汇报, 听取汇报), talk (个别谈话), materials (查资料, 查阅资料), site-visit (实地看, 实地察看), symposium (召开座谈会, 座谈会))",
            "inputs/talk.toml:3:8: date: `2026年13月5日` is not a day of the calendar: check the month and the day",
        ],
        "{stderr}"
    );
}

#[test]
fn a_register_names_categories_in_the_words_of_other_systems() {
    let f = Fixture::initialized();
    let file = f.write(
        "inputs/units.csv",
        "单位代码,单位名称,类别,党委（党组）书记,行政主要负责人\n\
         C01,东湖区,县（市、区）,甲,乙\n\
         C02,临溪县,县(市、区),甲,乙\n\
         C03,云岭县,县级,甲,乙\n\
         D01,市委办公室,市委部门,甲,乙\n\
         M01,市发展改革委,市直单位,甲,乙\n",
    );
    f.banzi(&["units", "import", file]).success();
    let categories: Vec<String> = f
        .json(&["units", "list"])
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["category"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        categories,
        ["county", "county", "county", "department", "municipal-unit"]
    );
}

#[test]
fn a_wrong_word_in_the_settings_is_refused_in_chinese_with_the_accepted_words() {
    let f = Fixture::initialized();
    f.edit_settings(
        "required_methods = [\"hearing\", \"talk\", \"materials\"]",
        "required_methods = [\"hearing\", \"谈话\"]",
    );
    f.edit_settings("county = { count = 3 }", "\"县\" = { count = 3 }");
    let stderr = f.fails_unchanged(&["--lang", "zh-CN", "status"], INVALID);
    assert!(
        stderr.contains("`scoring.required_methods`：不认识的考察方式 `谈话`（应为其中之一：`hearing`（听汇报、听取汇报），`talk`（个别谈话），"),
        "{stderr}"
    );
    assert!(
        stderr.contains("`shortlist.quota`：不认识的单位类别 `县`（应为其中之一：`county`（"),
        "{stderr}"
    );
    assert_eq!(
        english_left(&said(&stderr)),
        Vec::<String>::new(),
        "{stderr}"
    );
}

#[test]
fn a_wrong_date_is_refused_in_chinese_with_the_forms_it_may_take() {
    let f = Fixture::registered();
    let plan = plan_in_chinese()
        .replacen("due = \"2026/9/5\"", "due = \"2026/2/30\"", 1)
        .replacen("due = \"2026.12.1\"", "due = \"12/1/2026\"", 1);
    let file = f.write("inputs/C01.toml", &plan);
    let stderr = f.fails_unchanged(&["--lang", "zh-CN", "plan", "submit", "C01", file], INVALID);
    let dates: Vec<&str> = lines(&stderr)
        .into_iter()
        .filter(|l| l.starts_with("inputs/C01.toml:"))
        .collect();
    assert_eq!(
        dates,
        [
            "inputs/C01.toml:27:7: `indicator.due`：`12/1/2026` 不是日期：请写成 2026-12-31、2026/12/31、2026.12.31 或 2026年12月31日",
            "inputs/C01.toml:43:7: `indicator.due`：`2026/2/30` 不是日历上存在的日子：请检查月份和日期",
        ],
        "{stderr}"
    );
    assert_eq!(english_left(&dates.join("\n")), Vec::<String>::new());
}
