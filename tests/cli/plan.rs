//! `banzi plan`: template, submit, import, show.

use predicates::prelude::*;
use serde_json::json;

use crate::fixture::*;

fn filled_template(template: &str) -> String {
    template
        .replace("goal = \"\"", "goal = \"完成目标\"")
        .replace("target = \"\"", "target = \"100%\"")
        .replace("owner = \"\"", "owner = \"陈志远\"")
}

#[test]
fn the_template_is_a_commented_plan_with_one_indicator_per_criterion() {
    let f = Fixture::registered();
    let template = f.stdout(&["plan", "template", "C01"]);
    assert!(
        template.starts_with("# 工作方案（制定方案）: 青川市东湖区\n"),
        "{template}"
    );
    assert!(template.contains("\nunit = \"C01\"\n"), "{template}");
    assert_eq!(
        template.lines().filter(|l| *l == "[[indicator]]").count(),
        5,
        "{template}"
    );
    for criterion in ["political", "capability", "vitality", "cohesion", "conduct"] {
        assert!(
            template.contains(&format!("criterion = \"{criterion}\"")),
            "{template}"
        );
    }
    let parsed: toml::Value = toml::from_str(&template).expect("the template is valid TOML");
    assert_eq!(parsed["unit"].as_str(), Some("C01"));
}

#[test]
fn the_template_is_refused_until_filled_in_and_accepted_after() {
    let f = Fixture::registered();
    let template = f.stdout(&["plan", "template", "C01"]);
    let blank = f.write("inputs/blank.toml", &template);
    let stderr = f.fails_unchanged(&["plan", "submit", "C01", blank], INVALID);
    assert!(stderr.contains("has 15 problem(s)"), "{stderr}");
    assert!(
        stderr.contains("indicator.goal: must not be empty"),
        "{stderr}"
    );

    let filled = f.write("inputs/filled.toml", &filled_template(&template));
    f.banzi(&["plan", "submit", "C01", filled])
        .success()
        .stderr(predicate::str::contains("plan of C01 stored"));
    assert_eq!(f.steps("C01").0, "done");
}

#[test]
fn the_template_needs_a_registered_unit() {
    let f = Fixture::initialized();
    f.fails(&["plan", "template", "C01"], STEP_ORDER);
    f.import_units();
    let stderr = f.fails(&["plan", "template", "X99"], INVALID);
    assert!(
        stderr.contains("unit `X99` is not in the register"),
        "{stderr}"
    );
    assert!(stderr.contains("banzi units list"), "{stderr}");
}

#[test]
fn a_submitted_plan_is_stored_as_given_and_journaled() {
    let f = Fixture::registered();
    let file = example("plans/C01.toml");
    let outcome = f.json(&["plan", "submit", "C01", file.to_str().unwrap()]);
    assert_eq!(
        outcome,
        json!({"stored": ["C01"], "unchanged": [], "seq": 3})
    );
    let stored = f.read("plans/C01.toml");
    assert_eq!(stored, std::fs::read(&file).unwrap());

    let entry = f.log().pop().unwrap();
    assert_eq!(entry["summary"], "plan of C01 stored");
    assert_eq!(
        entry["inputs"],
        json!([{"path": file.to_str().unwrap(), "sha256": sha256_hex(&stored)}])
    );
    assert_eq!(
        entry["records"],
        json!([{"path": "plans/C01.toml", "sha256": sha256_hex(&stored), "state": "done", "replaced_sha256": null}])
    );
    assert_eq!(f.steps("C01"), ("done".to_owned(), "missing".to_owned()));
}

#[test]
fn plan_show_prints_the_plan_as_json_toml_and_a_table() {
    let f = Fixture::planned();
    let plan = f.json(&["plan", "show", "C01"]);
    assert_eq!(plan["unit"], "C01");
    assert_eq!(plan["state"], "done");
    assert_eq!(plan["title"], "青川市东湖区委争创“四强一硬”好班子工作方案");
    let ids: Vec<&str> = plan["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["P1", "P2", "A1", "A2", "V1", "H1", "Z1"]);
    assert_eq!(
        plan["indicators"][0],
        json!({
            "id": "P1",
            "criterion": "political",
            "goal": "区委理论学习中心组集体学习不少于12次，其中专题研讨不少于4次",
            "target": "12次",
            "owner": "陈志远",
            "due": "2026-12-31",
            "note": null,
        })
    );

    let toml = f.stdout(&["plan", "show", "C01", "--toml"]);
    assert_eq!(toml.trim_end(), example_text("plans/C01.toml").trim_end());

    let table = f.stdout(&["plan", "show", "C01", "--lang", "zh-CN"]);
    assert!(table.contains("青川市东湖区（C01）工作方案"), "{table}");
    assert!(table.contains("状态：已完成（"), "{table}");
    assert!(
        table.contains("政治强") && table.contains("工作目标"),
        "{table}"
    );
    let table = f.stdout(&["plan", "show", "C01"]);
    assert!(table.contains("青川市东湖区 (C01) work plan"), "{table}");
    assert!(table.contains("state: done (journal entry #"), "{table}");
    assert!(
        table.contains("政治强") && table.contains("goal"),
        "{table}"
    );
}

#[test]
fn plan_show_of_a_unit_without_a_plan_is_refused_by_step_order() {
    let f = Fixture::registered();
    let stderr = f.fails(&["plan", "show", "C02"], STEP_ORDER);
    assert!(stderr.contains("unit `C02` has no plan yet"), "{stderr}");
    assert!(stderr.contains("banzi plan template C02"), "{stderr}");
}

#[test]
fn a_plan_whose_unit_key_names_another_unit_is_refused_with_its_place() {
    let f = Fixture::registered();
    let file = f.write("inputs/C01.toml", &example_text("plans/C01.toml"));
    let stderr = f.fails_unchanged(&["plan", "submit", "C02", file], INVALID);
    assert!(
        stderr.contains("inputs/C01.toml:2:8: unit: this file is for unit `C01`, but the command names unit `C02`"),
        "{stderr}"
    );
}

#[test]
fn a_plan_for_an_unregistered_unit_is_refused() {
    let f = Fixture::registered();
    let file = f.write(
        "inputs/X99.toml",
        &edited_example("plans/C01.toml", "unit = \"C01\"", "unit = \"X99\""),
    );
    let stderr = f.fails_unchanged(&["plan", "submit", "X99", file], INVALID);
    assert!(
        stderr.contains("unit `X99` is not in the register"),
        "{stderr}"
    );
}

#[test]
fn a_plan_before_any_unit_is_registered_is_refused_by_step_order() {
    let f = Fixture::initialized();
    let file = example("plans/C01.toml");
    let stderr = f.fails_unchanged(
        &["plan", "submit", "C01", file.to_str().unwrap()],
        STEP_ORDER,
    );
    assert!(stderr.contains("banzi units import"), "{stderr}");
}

#[test]
fn a_plan_missing_a_criterion_is_refused_with_line_and_column() {
    let f = Fixture::registered();
    let text = example_text("plans/C01.toml");
    let cut = text.find("[[indicator]]\nid = \"Z1\"").unwrap();
    let file = f.write("inputs/C01.toml", &text[..cut]);
    let stderr = f.fails_unchanged(&["plan", "submit", "C01", file], INVALID);
    assert!(
        stderr.contains("inputs/C01.toml:5:1: indicator: criterion `conduct` (作风硬) has no indicator; every criterion needs at least one"),
        "{stderr}"
    );
    assert!(stderr.contains("hint:"), "{stderr}");
}

#[test]
fn every_problem_of_a_plan_is_reported_as_file_line_column_field_message() {
    let f = Fixture::registered();
    let text = example_text("plans/C01.toml")
        .replacen("id = \"P2\"", "id = \"P1\"", 1)
        .replacen("criterion = \"vitality\"", "criterion = \"vigour\"", 1)
        .replacen("owner = \"林晓峰\"", "owner = \"  \"", 1)
        .replacen("due = 2026-11-30", "due = 2026-11-30T08:00:00", 1);
    let file = f.write("inputs/C01.toml", &text);
    let stderr = f.fails_unchanged(&["plan", "submit", "C01", file], INVALID);
    let reported: Vec<&str> = lines(&stderr)
        .into_iter()
        .filter(|l| l.starts_with("inputs/C01.toml:"))
        .collect();
    assert_eq!(
        reported,
        [
            "inputs/C01.toml:14:6: indicator.id: duplicate indicator id `P1` (first on line 6)",
            "inputs/C01.toml:26:9: indicator.owner: must not be empty",
            "inputs/C01.toml:35:7: indicator.due: `2026-11-30T08:00:00` is not a date: write it as 2026-12-31, 2026/12/31, 2026.12.31 or 2026年12月31日",
            "inputs/C01.toml:39:13: indicator.criterion: unknown criterion `vigour` (expected one of political (政治强), capability (能力强), vitality (活力强), cohesion (合力强), conduct (作风硬))",
            "inputs/C01.toml:5:1: indicator: criterion `vitality` (活力强) has no indicator; every criterion needs at least one",
        ],
        "{stderr}"
    );
}

#[test]
fn a_plan_that_is_not_valid_toml_is_refused_with_line_and_column() {
    let f = Fixture::registered();
    let file = f.write(
        "inputs/C01.toml",
        "unit = \"C01\"\n[[indicator]]\nid = \"P1\n",
    );
    let stderr = f.fails_unchanged(&["plan", "submit", "C01", file], INVALID);
    assert!(
        lines(&stderr)
            .iter()
            .any(|l| l.starts_with("inputs/C01.toml:3:")),
        "{stderr}"
    );
}

#[test]
fn an_unknown_key_in_a_plan_is_refused_with_its_place() {
    let f = Fixture::registered();
    let file = f.write(
        "inputs/C01.toml",
        &edited_example(
            "plans/C01.toml",
            "target = \"12次\"",
            "target = \"12次\"\ncolour = \"红\"",
        ),
    );
    let stderr = f.fails_unchanged(&["plan", "submit", "C01", file], INVALID);
    let line = lines(&stderr)
        .into_iter()
        .find(|l| l.starts_with("inputs/C01.toml:"))
        .unwrap_or_else(|| panic!("{stderr}"));
    assert!(line.starts_with("inputs/C01.toml:10:1:"), "{stderr}");
    assert!(line.contains("unknown field `colour`"), "{stderr}");
}

#[test]
fn a_value_of_the_wrong_type_is_reported_with_its_key() {
    let f = Fixture::registered();
    let file = f.write(
        "inputs/C01.toml",
        &edited_example("plans/C01.toml", "id = \"P1\"", "id = 1"),
    );
    let stderr = f.fails_unchanged(&["plan", "submit", "C01", file], INVALID);
    let line = lines(&stderr)
        .into_iter()
        .find(|l| l.starts_with("inputs/C01.toml:"))
        .unwrap_or_else(|| panic!("{stderr}"));
    assert!(line.starts_with("inputs/C01.toml:6:6: "), "{stderr}");
    assert!(
        line.starts_with("inputs/C01.toml:6:6: indicator.id: ") || line.contains("`id`"),
        "the diagnostic should name the key `id`:\n{stderr}"
    );
}

#[test]
fn a_plan_in_gb18030_is_accepted_and_stored_as_utf8() {
    let f = Fixture::registered();
    let text = example_text("plans/C01.toml");
    let (gb18030, _, unmappable) = encoding_rs::GB18030.encode(&text);
    assert!(!unmappable);
    let file = f.write_bytes("inputs/C01.toml", &gb18030);
    f.banzi(&["plan", "submit", "C01", file]).success();
    assert_eq!(f.read_text("plans/C01.toml"), text);
    f.banzi(&["verify"]).success();
}

#[test]
fn importing_a_folder_stores_every_plan_in_one_journal_entry() {
    let f = Fixture::registered();
    let outcome = f.json(&["plan", "import", example("plans").to_str().unwrap()]);
    assert_eq!(outcome["stored"], json!(EXAMPLE_UNITS));
    assert_eq!(outcome["seq"], 3);
    let log = f.log();
    assert_eq!(log.len(), 3);
    assert_eq!(log[2]["summary"], "plans of 16 units stored");
    assert_eq!(log[2]["records"].as_array().unwrap().len(), 16);
    assert_eq!(log[2]["inputs"].as_array().unwrap().len(), 16);
    assert_eq!(
        log[2]["inputs"][0]["path"],
        example("plans").join("C01.toml").to_str().unwrap()
    );
    for unit in EXAMPLE_UNITS {
        assert_eq!(
            f.read(&format!("plans/{unit}.toml")),
            std::fs::read(example(&format!("plans/{unit}.toml"))).unwrap()
        );
    }
    let status = f.status();
    assert_eq!(status["phase"], "self-assess");
}

#[test]
fn importing_a_folder_ignores_office_lock_and_backup_files() {
    let f = Fixture::registered();
    f.write("inputs/plans/C01.toml", &example_text("plans/C01.toml"));
    f.write("inputs/plans/~$C01.toml", "\u{0}\u{1} not toml");
    f.write("inputs/plans/.~C02.toml", "not toml either");
    f.write("inputs/plans/C01.toml.bak", "old");
    f.write("inputs/plans/说明.txt", "请提交方案");
    let outcome = f.json(&["plan", "import", "inputs/plans"]);
    assert_eq!(outcome["stored"], json!(["C01"]));
    let files: Vec<String> = f
        .snapshot_dir()
        .into_keys()
        .filter(|k| k.starts_with("plans/"))
        .collect();
    assert_eq!(files, ["plans/", "plans/C01.toml"]);
}

#[test]
fn one_bad_file_in_a_folder_stores_none() {
    let f = Fixture::registered();
    for unit in ["C01", "C02", "C03"] {
        f.write(
            &format!("inputs/plans/{unit}.toml"),
            &example_text(&format!("plans/{unit}.toml")),
        );
    }
    f.write(
        "inputs/plans/C02.toml",
        &edited_example(
            "plans/C02.toml",
            "criterion = \"conduct\"",
            "criterion = \"conductx\"",
        ),
    );
    let stderr = f.fails_unchanged(&["plan", "import", "inputs/plans"], INVALID);
    assert!(
        stderr.contains("1 of 3 files cannot be submitted; nothing was stored"),
        "{stderr}"
    );
    assert!(stderr.contains("inputs/plans/C02.toml:"), "{stderr}");
    assert!(stderr.contains("unknown criterion `conductx`"), "{stderr}");
    assert!(!f.campaign().join("plans").exists());
}

#[test]
fn a_folder_file_without_a_unit_key_stores_none() {
    let f = Fixture::registered();
    f.write("inputs/plans/C01.toml", &example_text("plans/C01.toml"));
    f.write("inputs/plans/notes.toml", "title = \"没有单位\"\n");
    let stderr = f.fails_unchanged(&["plan", "import", "inputs/plans"], INVALID);
    assert!(stderr.contains("inputs/plans/notes.toml"), "{stderr}");
    assert!(
        stderr.contains("every file needs a `unit = \"CODE\"` key"),
        "{stderr}"
    );
}

#[test]
fn two_files_for_one_unit_in_a_folder_store_none() {
    let f = Fixture::registered();
    f.write("inputs/plans/a.toml", &example_text("plans/D01.toml"));
    f.write("inputs/plans/b.toml", &example_text("plans/D01.toml"));
    let stderr = f.fails_unchanged(&["plan", "import", "inputs/plans"], INVALID);
    assert!(
        stderr.contains("is a second file for unit `D01`"),
        "{stderr}"
    );
}

#[test]
fn an_empty_or_missing_folder_is_refused() {
    let f = Fixture::registered();
    std::fs::create_dir_all(f.root().join("inputs/empty")).unwrap();
    let stderr = f.fails_unchanged(&["plan", "import", "inputs/empty"], INVALID);
    assert!(stderr.contains("has no .toml files"), "{stderr}");
    let stderr = f.fails_unchanged(&["plan", "import", "inputs/missing"], INVALID);
    assert!(
        stderr.contains("cannot read folder `inputs/missing`"),
        "{stderr}"
    );
}

#[test]
fn a_plan_can_be_replaced_until_it_is_self_assessed() {
    let f = Fixture::planned();
    let entries = f.log().len();
    let text = edited_example("plans/C01.toml", "target = \"12次\"", "target = \"14次\"");
    let file = f.write("inputs/C01.toml", &text);
    f.banzi(&["plan", "submit", "C01", file]).success();

    let log = f.log();
    assert_eq!(log.len(), entries + 1);
    let entry = &log[entries];
    assert_eq!(entry["summary"], "plan of C01 stored");
    assert_eq!(entry["records"][0]["path"], "plans/C01.toml");
    assert_eq!(entry["records"][0]["sha256"], sha256_hex(text.as_bytes()));
    assert_eq!(f.read_text("plans/C01.toml"), text);
    assert_eq!(
        f.json(&["plan", "show", "C01"])["indicators"][0]["target"],
        "14次"
    );
    f.banzi(&["verify"]).success();
}

#[test]
fn resubmitting_the_same_plan_is_no_change() {
    let f = Fixture::planned();
    let before = f.snapshot_dir();
    let file = example("plans/C01.toml");
    let outcome = f.json(&["plan", "submit", "C01", file.to_str().unwrap()]);
    assert_eq!(
        outcome,
        json!({"stored": [], "unchanged": ["C01"], "seq": null})
    );
    assert_same_dir(&before, &f.snapshot_dir());
}

#[test]
fn a_self_assessed_plan_is_locked() {
    let f = Fixture::self_assessed();
    let file = f.write(
        "inputs/C01.toml",
        &edited_example("plans/C01.toml", "target = \"12次\"", "target = \"14次\""),
    );
    let stderr = f.fails_unchanged(&["plan", "submit", "C01", file], STEP_ORDER);
    assert!(stderr.contains("locked"), "{stderr}");
    assert!(stderr.contains("banzi reopen plan --unit C01"), "{stderr}");
}

#[test]
fn a_folder_with_a_changed_locked_plan_stores_none() {
    let f = Fixture::planned();
    f.submit_self_assessment("C02");
    for unit in EXAMPLE_UNITS {
        f.write(
            &format!("inputs/plans/{unit}.toml"),
            &example_text(&format!("plans/{unit}.toml")),
        );
    }
    f.write(
        "inputs/plans/C02.toml",
        &edited_example("plans/C02.toml", "goal = \"", "goal = \"全年"),
    );
    let stderr = f.fails_unchanged(&["plan", "import", "inputs/plans"], STEP_ORDER);
    assert!(
        stderr.contains("1 of 16 files cannot be submitted; nothing was stored"),
        "{stderr}"
    );
    assert!(stderr.contains("locked"), "{stderr}");
}

#[test]
fn resubmitting_what_is_stored_is_no_change_whatever_the_lock() {
    let f = Fixture::planned();
    f.submit_self_assessment("C02");
    let entries = f.log().len();
    let plan = example("plans/C02.toml");
    let out = f
        .banzi(&["plan", "submit", "C02", plan.to_str().unwrap()])
        .success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(stderr.contains("unchanged: the plan of C02"), "{stderr}");
    let folder = example("plans");
    let report = f.json(&["plan", "import", folder.to_str().unwrap()]);
    assert_eq!(report["stored"], serde_json::json!([]));
    assert_eq!(report["unchanged"].as_array().unwrap().len(), 16);
    let sa = example("self-assessments/C02.toml");
    f.banzi(&["self-assess", "submit", "C02", sa.to_str().unwrap()])
        .success();
    assert_eq!(f.log().len(), entries, "nothing journaled");
}

#[test]
fn plans_are_templated_submitted_and_shown_in_chinese() {
    let f = Fixture::registered();
    let template = f.stdout(&zh(&["plan", "template", "C01"]));
    assert!(
        template.contains("# 每个可衡量的工作指标写一个 [[indicator]] 块")
            && template.contains("# 完成时限（可选）"),
        "{template}"
    );
    let file = f.write("inputs/C01.toml", &filled_template(&template));
    let stderr = stderr_of(&f, &zh(&["plan", "submit", "C01", file]));
    assert!(
        stderr.starts_with("完成：已保存 C01 的工作方案（"),
        "{stderr}"
    );
    all_chinese(&stderr);
    let stderr = stderr_of(&f, &zh(&["plan", "submit", "C01", file]));
    assert!(
        stderr.contains("没有改动：C01 的工作方案已按相同内容保存过"),
        "{stderr}"
    );
    all_chinese(&stderr);
    let shown = f.stdout(&zh(&["plan", "show", "C01"]));
    assert!(shown.contains("状态：已完成（"), "{shown}");
    let left = english_left(&said(&shown));
    assert!(left.is_empty(), "{left:#?}\n{shown}");

    let stderr = stderr_of(
        &f,
        &zh(&["plan", "import", example("plans").to_str().unwrap()]),
    );
    assert!(
        stderr.contains("完成：已保存 16 个单位的工作方案（"),
        "{stderr}"
    );
    all_chinese(&stderr);
    let log = f.log();
    assert_eq!(log.last().unwrap()["summary"], "plans of 16 units stored");
}

#[test]
fn a_refused_plan_is_explained_in_chinese() {
    let f = Fixture::registered();
    // Unfilled, for another unit, with an id twice and an unknown criterion.
    let template = f
        .stdout(&["plan", "template", "C01"])
        .replacen("id = \"A1\"", "id = \"P1\"", 1);
    let file = f.write(
        "inputs/C01.toml",
        &template.replace("\"vitality\"", "\"活力\""),
    );
    let stderr = f.fails_unchanged(&zh(&["plan", "submit", "C02", file]), INVALID);
    for words in [
        "错误：工作方案 `inputs/C01.toml` 有",
        "此文件属于单位 `C01`，但命令指定的是单位 `C02`",
        "不能为空",
        "指标编号 `P1` 重复（首次出现在第",
        "评价内容 `vitality`（活力强）没有工作指标",
        "提示：请改正文件后重新提交；`banzi plan template C02`",
    ] {
        assert!(stderr.contains(words), "{words}\n{stderr}");
    }
    let stderr: String = stderr
        .lines()
        .filter(|l| !l.contains("不认识的评价内容"))
        .map(|l| format!("{l}\n"))
        .collect();
    all_chinese(&stderr);

    let stderr = f.fails(&zh(&["plan", "template", "X99"]), INVALID);
    assert!(stderr.contains("参评单位名册中没有单位 `X99`"), "{stderr}");
    all_chinese(&stderr);
    let stderr = f.fails(&zh(&["plan", "show", "C01"]), STEP_ORDER);
    assert!(stderr.contains("单位 `C01` 还没有工作方案"), "{stderr}");
    all_chinese(&stderr);
    let stderr = Fixture::initialized().fails(&zh(&["plan", "template", "C01"]), STEP_ORDER);
    assert!(
        stderr.contains("单位 `C01` 未登记：本次活动还没有参评单位"),
        "{stderr}"
    );
    all_chinese(&stderr);
}

#[test]
fn a_refused_folder_is_explained_in_chinese() {
    let f = Fixture::registered();
    let plan = example_text("plans/C01.toml");
    f.write("inputs/plans/C01.TOML", &plan);
    f.write("inputs/plans/说明.txt", "");
    let stderr = f.fails_unchanged(&zh(&["plan", "import", "inputs/plans"]), INVALID);
    assert!(stderr.contains("请改名为 `C01.toml`"), "{stderr}");
    all_chinese(&stderr);

    std::fs::remove_file(f.root().join("inputs/plans/C01.TOML")).unwrap();
    let stderr = f.fails_unchanged(&zh(&["plan", "import", "inputs/plans"]), INVALID);
    assert!(
        stderr.contains("错误：文件夹 `inputs/plans` 中没有 `.toml` 文件"),
        "{stderr}"
    );
    all_chinese(&stderr);

    f.write("inputs/plans/a.toml", &plan);
    f.write("inputs/plans/b.toml", &plan);
    f.write("inputs/plans/c.toml", "title = \"无单位\"\n");
    let stderr = f.fails_unchanged(&zh(&["plan", "import", "inputs/plans"]), INVALID);
    assert!(
        stderr.contains("`inputs/plans` 中有 1 个文件无法读取；未保存任何内容"),
        "{stderr}"
    );
    std::fs::remove_file(f.root().join("inputs/plans/c.toml")).unwrap();
    let stderr = f.fails_unchanged(&zh(&["plan", "import", "inputs/plans"]), INVALID);
    assert!(
        stderr
            .contains("警告：`inputs/plans` 中有不是提交材料（`.toml` 文件或 `.xlsx` 表单）的文件，未读取：`说明.txt`")
            && stderr.contains("错误：2 个文件中有 1 个无法提交；未保存任何内容")
            && stderr.contains("是单位 `C01` 的第二个文件"),
        "{stderr}"
    );
    all_chinese(&stderr);

    let stderr = f.fails_unchanged(&zh(&["plan", "submit", "C01", "inputs/none.toml"]), INVALID);
    assert!(
        stderr.contains("错误：无法读取 `inputs/none.toml`：")
            && stderr.contains("提示：请检查文件名"),
        "{stderr}"
    );
}

#[test]
fn plan_json_is_the_same_in_both_languages() {
    let en = Fixture::registered();
    let zh_ = en.copy();
    let folder = example("plans");
    let folder = folder.to_str().unwrap();
    assert_eq!(
        en.stdout(&["plan", "import", folder, "--json", "--lang", "en"]),
        zh_.stdout(&["plan", "import", folder, "--json", "--lang", "zh-CN"])
    );
    for f in [&en, &zh_] {
        assert_eq!(
            f.stdout(&["plan", "show", "C01", "--json", "--lang", "en"]),
            f.stdout(&["plan", "show", "C01", "--json", "--lang", "zh-CN"])
        );
    }
}

#[test]
fn a_folder_that_cannot_be_read_is_refused_in_chinese_with_the_systems_words_quoted() {
    let f = Fixture::registered();
    let stderr = f.fails_unchanged(&zh(&["plan", "import", "inputs/none"]), INVALID);
    assert!(
        stderr.starts_with("错误：无法读取文件夹 `inputs/none`：文件或文件夹不存在（`"),
        "{stderr}"
    );
    let first = stderr.lines().next().unwrap();
    // The system's own words are quoted, in backticks, after ours.
    assert_eq!(english_left(first), Vec::<String>::new(), "{stderr}");
    let file = f.write("inputs/plan.toml", "");
    let stderr = f.fails_unchanged(&zh(&["plan", "import", file]), INVALID);
    assert!(
        stderr.starts_with("错误：无法读取文件夹 `inputs/plan.toml`：这是一个文件，不是文件夹（`"),
        "{stderr}"
    );
    let stderr = f.fails_unchanged(&["plan", "import", "inputs/none"], INVALID);
    assert!(
        stderr.starts_with("error: cannot read folder `inputs/none`: No such file"),
        "{stderr}"
    );
}
