//! `banzi self-assess`: template, submit, import, report.

use predicates::prelude::*;
use serde_json::json;

use crate::fixture::*;

#[test]
fn the_template_is_pre_filled_with_the_plan_indicators() {
    let f = Fixture::planned();
    let template = f.stdout(&["self-assess", "template", "C01"]);
    assert!(
        template.starts_with("# 自评报告: 青川市东湖区\n"),
        "{template}"
    );
    assert!(template.contains("\nunit = \"C01\"\n"), "{template}");
    let ids: Vec<&str> = template
        .lines()
        .filter_map(|l| l.strip_prefix("id = "))
        .collect();
    assert_eq!(
        ids,
        [
            "\"P1\"", "\"P2\"", "\"A1\"", "\"A2\"", "\"V1\"", "\"H1\"", "\"Z1\""
        ]
    );
    assert!(
        template.contains("目标: 区委理论学习中心组集体学习不少于12次"),
        "{template}"
    );
    let parsed: toml::Value = toml::from_str(&template).expect("the template is valid TOML");
    assert_eq!(parsed["indicator"].as_array().unwrap().len(), 7);
}

#[test]
fn the_filled_in_template_is_accepted() {
    let f = Fixture::planned();
    let template = f.stdout(&["self-assess", "template", "C01"]);
    let mut filled = template
        .replace("summary = \"\"", "summary = \"全年任务完成良好\"")
        .replace("status = \"\"", "status = \"done\"")
        .replace("actual = \"\"", "actual = \"已完成\"");
    for criterion in ["political", "capability", "vitality", "cohesion", "conduct"] {
        filled = filled.replace(
            &format!("# {criterion} =    #"),
            &format!("{criterion} = 90   #"),
        );
    }
    let file = f.write("inputs/C01.toml", &filled);
    f.banzi(&["self-assess", "submit", "C01", file])
        .success()
        .stderr(predicate::str::contains("self-assessment of C01 stored"));
    assert_eq!(f.steps("C01"), ("done".to_owned(), "done".to_owned()));
}

#[test]
fn the_unedited_template_is_refused() {
    let f = Fixture::planned();
    let template = f.stdout(&["self-assess", "template", "C01"]);
    let file = f.write("inputs/C01.toml", &template);
    let stderr = f.fails_unchanged(&["self-assess", "submit", "C01", file], INVALID);
    assert!(
        stderr.contains("missing rating for `political`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("indicator.status: `` is not a status"),
        "{stderr}"
    );
}

#[test]
fn a_self_assessment_without_a_plan_is_refused_by_step_order() {
    let f = Fixture::registered();
    let file = example("self-assessments/C01.toml");
    let stderr = f.fails_unchanged(
        &["self-assess", "submit", "C01", file.to_str().unwrap()],
        STEP_ORDER,
    );
    assert!(
        stderr.contains(
            "cannot take the self-assessment of unit `C01`: its plan (制定方案) is missing"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("banzi plan submit C01 FILE"), "{stderr}");

    let stderr = f.fails(&["self-assess", "template", "C01"], STEP_ORDER);
    assert!(stderr.contains("banzi plan submit C01 FILE"), "{stderr}");
}

#[test]
fn a_self_assessment_is_stored_and_journaled() {
    let f = Fixture::planned();
    let file = example("self-assessments/C01.toml");
    let outcome = f.json(&["self-assess", "submit", "C01", file.to_str().unwrap()]);
    assert_eq!(
        outcome,
        json!({"stored": ["C01"], "unchanged": [], "seq": 4})
    );
    let stored = f.read("self-assessments/C01.toml");
    assert_eq!(stored, std::fs::read(&file).unwrap());
    let entry = f.log().pop().unwrap();
    assert_eq!(entry["summary"], "self-assessment of C01 stored");
    assert_eq!(
        entry["records"],
        json!([{"path": "self-assessments/C01.toml", "sha256": sha256_hex(&stored), "state": "done", "replaced_sha256": null}])
    );
}

#[test]
fn unknown_indicators_bad_ratings_and_missing_ratings_are_refused_with_line_and_column() {
    let f = Fixture::planned();
    let text = example_text("self-assessments/C01.toml")
        .replacen("conduct = 89", "conduct = 130", 1)
        .replacen("vitality = 87\n", "", 1)
        .replacen("id = \"V1\"", "id = \"V9\"", 1);
    let file = f.write("inputs/C01.toml", &text);
    let stderr = f.fails_unchanged(&["self-assess", "submit", "C01", file], INVALID);
    let reported: Vec<&str> = lines(&stderr)
        .into_iter()
        .filter(|l| l.starts_with("inputs/C01.toml:"))
        .collect();
    assert_eq!(
        reported,
        [
            "inputs/C01.toml:8:11: ratings.conduct: rating 130 is outside 0-100",
            "inputs/C01.toml:4:1: ratings.vitality: missing rating for `vitality` (活力强), 0-100",
            "inputs/C01.toml:35:6: indicator.id: `V9` is not an indicator of the plan of `C01`",
            "inputs/C01.toml:10:1: indicator: plan indicator `V1` (深化“一件事一次办”改革，新增集成办理事项不少于15项) has no result; every plan indicator must appear once",
        ],
        "{stderr}"
    );
    assert!(
        stderr.contains("banzi self-assess template C01"),
        "{stderr}"
    );
}

#[test]
fn a_rating_for_an_unknown_criterion_and_a_bad_status_are_refused() {
    let f = Fixture::planned();
    let text = example_text("self-assessments/C01.toml")
        .replacen("conduct = 89", "conduct = 89\ncharisma = 95", 1)
        .replacen("status = \"done\"", "status = \"finished\"", 1);
    let file = f.write("inputs/C01.toml", &text);
    let stderr = f.fails_unchanged(&["self-assess", "submit", "C01", file], INVALID);
    assert!(
        stderr.contains("inputs/C01.toml:10:1: ratings.charisma: unknown criterion `charisma`"),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "indicator.status: `finished` is not a status (expected one of done (已完成, 完成), partial (部分完成), not-done (未完成))"
        ),
        "{stderr}"
    );
}

#[test]
fn a_self_assessment_whose_unit_key_names_another_unit_is_refused() {
    let f = Fixture::planned();
    let file = f.write(
        "inputs/C01.toml",
        &example_text("self-assessments/C01.toml"),
    );
    let stderr = f.fails_unchanged(&["self-assess", "submit", "C02", file], INVALID);
    assert!(
        stderr.contains("inputs/C01.toml:1:8: unit: this file is for unit `C01`, but the command names unit `C02`"),
        "{stderr}"
    );
}

#[test]
fn importing_a_folder_stores_every_self_assessment_and_completes_the_phase() {
    let f = Fixture::planned();
    let outcome = f.json(&[
        "self-assess",
        "import",
        example("self-assessments").to_str().unwrap(),
    ]);
    assert_eq!(outcome["stored"], json!(EXAMPLE_UNITS));
    assert_eq!(
        f.log().pop().unwrap()["summary"],
        "self-assessments of 16 units stored"
    );
    assert_eq!(f.status()["phase"], "inspect");
}

#[test]
fn importing_a_folder_with_one_unit_lacking_a_plan_stores_none() {
    let f = Fixture::registered();
    f.submit_plan("C01");
    f.write(
        "inputs/sa/C01.toml",
        &example_text("self-assessments/C01.toml"),
    );
    f.write(
        "inputs/sa/C02.toml",
        &example_text("self-assessments/C02.toml"),
    );
    f.write("inputs/sa/~$C03.toml", "lock file");
    let stderr = f.fails_unchanged(&["self-assess", "import", "inputs/sa"], STEP_ORDER);
    assert!(
        stderr.contains("1 of 2 files cannot be submitted; nothing was stored"),
        "{stderr}"
    );
    assert!(stderr.contains("unit `C02`"), "{stderr}");
}

#[test]
fn the_report_is_markdown_with_the_completion_rate() {
    let f = Fixture::self_assessed();
    let report = f.stdout(&["self-assess", "report", "C01"]);
    assert!(report.starts_with("# "), "{report}");
    assert!(report.contains("自评报告"), "{report}");
    assert!(report.contains("完成率"), "{report}");
    assert!(report.contains("完成率 100.0%"), "{report}");
    assert!(report.contains("| 加权自评分 | | | 89.8 |"), "{report}");
}

#[test]
fn the_report_counts_partial_and_not_done_indicators() {
    let f = Fixture::planned();
    let text = example_text("self-assessments/C01.toml")
        .replacen("status = \"done\"", "status = \"partial\"", 1)
        .replacen("status = \"done\"", "status = \"未完成\"", 1);
    let file = f.write("inputs/C01.toml", &text);
    f.banzi(&["self-assess", "submit", "C01", file]).success();
    let report = f.stdout(&["self-assess", "report", "C01"]);
    assert!(
        report.contains("共 7 项指标：已完成 5 项，部分完成 1 项，未完成 1 项；完成率 71.4%"),
        "{report}"
    );
}

#[test]
fn the_report_of_a_unit_without_a_self_assessment_is_refused_by_step_order() {
    let f = Fixture::planned();
    let stderr = f.fails(&["self-assess", "report", "C01"], STEP_ORDER);
    assert!(stderr.contains("has no self-assessment yet"), "{stderr}");
    assert!(
        stderr.contains("banzi self-assess submit C01 FILE"),
        "{stderr}"
    );
}

#[test]
fn the_self_assessment_report_of_the_example_city() {
    let f = Fixture::self_assessed();
    let report = f.stdout(&["self-assess", "report", "C01"]);
    insta::assert_snapshot!("self_assessment_report_c01", f.without_head_hash(&report));
}

/// Regression (Markdown injection): text from the register, the plan and the self-assessment
/// renders as itself; the report's only headings, tables and structure are the template's.
#[test]
fn hostile_text_in_the_records_renders_as_text_in_the_report() {
    use pulldown_cmark::{Event, Tag, TagEnd};

    const NAME: &str = "# <b>点我</b>";
    const GOAL: &str = "![x](http://e/x.png) | *x* | `x`\n# 不是标题";
    const SUMMARY: &str = "第一段\n# 不是标题\n- 不是列表\n1. 不是编号\n\n<script>alert(1)</script>\n[a](javascript:alert(1)) &lt; $x$";
    let f = Fixture::initialized();
    let units = "code,name,category,party_head,government_head\n\
                 C01,\"# <b>点我</b>\",county,\"[陈](http://e/)\",_林_\n";
    f.banzi(&["units", "import", f.write("inputs/units.csv", units)])
        .success();
    let plan = edited_example(
        "plans/C01.toml",
        "goal = \"区委理论学习中心组集体学习不少于12次，其中专题研讨不少于4次\"",
        &format!("goal = {}", toml::Value::from(GOAL)),
    )
    .replacen(
        "target = \"12次\"",
        "target = \"<img src=x onerror=alert(1)>\"",
        1,
    );
    f.banzi(&["plan", "submit", "C01", f.write("inputs/plan.toml", &plan)])
        .success();
    let assessment = example_text("self-assessments/C01.toml");
    let summary_line = assessment
        .lines()
        .find(|l| l.starts_with("summary = "))
        .unwrap();
    let assessment = assessment
        .replacen(
            summary_line,
            &format!("summary = {}", toml::Value::from(SUMMARY)),
            1,
        )
        .replacen(
            "actual = \"开展集体学习14次、专题研讨5次\"",
            "actual = \"| a | b |\\n| --- | --- |\"",
            1,
        )
        .replacen(
            "evidence = \"中心组学习记录簿及研讨发言材料\"",
            "evidence = \"~~删~~ **粗** a\\\\|b\"",
            1,
        );
    f.banzi(&[
        "self-assess",
        "submit",
        "C01",
        f.write("inputs/self.toml", &assessment),
    ])
    .success();

    let report = f.stdout(&["self-assess", "report", "C01"]);
    let events = markdown_events(&report);
    let live: Vec<&Event> = events
        .iter()
        .filter(|e| {
            matches!(
                e,
                Event::Html(_)
                    | Event::InlineHtml(_)
                    | Event::Code(_)
                    | Event::InlineMath(_)
                    | Event::DisplayMath(_)
                    | Event::FootnoteReference(_)
                    | Event::TaskListMarker(_)
                    | Event::Start(
                        Tag::Link { .. }
                            | Tag::Image { .. }
                            | Tag::Emphasis
                            | Tag::Strong
                            | Tag::Strikethrough
                            | Tag::List(_)
                            | Tag::BlockQuote(_)
                            | Tag::CodeBlock(_)
                    )
            )
        })
        .collect();
    assert!(live.is_empty(), "{live:?}\n{report}");

    // The template's headings, and no other; the hostile name is the title's text.
    let mut headings = Vec::new();
    let mut heading: Option<String> = None;
    for event in &events {
        match event {
            Event::Start(Tag::Heading { .. }) => heading = Some(String::new()),
            Event::Text(t) if heading.is_some() => heading.as_mut().unwrap().push_str(t),
            Event::End(TagEnd::Heading(_)) => headings.push(heading.take().unwrap()),
            _ => {}
        }
    }
    assert_eq!(
        headings,
        [
            format!("{NAME}争创“四强一硬”好班子自评报告").as_str(),
            "一、总体情况",
            "二、自评得分",
            "三、工作指标完成情况",
            "四、完成率"
        ],
        "{report}"
    );

    // Every table row has the cells of its header.
    let (mut header_cells, mut cells, mut rows) = (0, 0, 0);
    for event in &events {
        match event {
            Event::Start(Tag::TableHead | Tag::TableRow) => cells = 0,
            Event::Start(Tag::TableCell) => cells += 1,
            Event::End(TagEnd::TableHead) => header_cells = cells,
            Event::End(TagEnd::TableRow) => {
                rows += 1;
                assert_eq!(cells, header_cells, "{report}");
            }
            _ => {}
        }
    }
    assert_eq!(rows, 6 + 6 + 7, "every row of the three tables");

    // The hostile text is there to read, as it was written.
    let text: String = events
        .iter()
        .filter_map(|e| match e {
            Event::Text(t) => Some(t.as_ref()),
            Event::SoftBreak => Some("\n"),
            Event::End(TagEnd::Paragraph | TagEnd::TableCell) => Some("\n\n"),
            _ => None,
        })
        .collect();
    for expected in [
        "第一段\n# 不是标题\n- 不是列表\n1. 不是编号\n\n<script>alert(1)</script>\n[a](javascript:alert(1)) &lt; $x$",
        "![x](http://e/x.png) | *x* | `x` # 不是标题",
        "<img src=x onerror=alert(1)>",
        "[陈](http://e/)",
        "_林_",
        "| a | b | | --- | --- |",
        "~~删~~ **粗** a\\|b",
    ] {
        assert!(text.contains(expected), "{expected:?} is not in\n{text}");
    }
}

#[test]
fn self_assessments_are_templated_imported_and_reported_in_chinese() {
    let f = Fixture::planned();
    let template = f.stdout(&zh(&["self-assess", "template", "C01"]));
    assert!(
        template.contains("# 对照目标值逐项检查工作方案的每个指标")
            && template.contains("# political =    # 政治强：填入 0-100 分，并删去行首的 #")
            && template.contains("目标：区委理论学习中心组集体学习不少于12次"),
        "{template}"
    );
    let stderr = f.fails(&zh(&["self-assess", "report", "C01"]), STEP_ORDER);
    assert!(
        stderr.contains("错误：单位 `C01` 还没有自评报告"),
        "{stderr}"
    );
    all_chinese(&stderr);

    let folder = example("self-assessments");
    let stderr = stderr_of(
        &f,
        &zh(&["self-assess", "import", folder.to_str().unwrap()]),
    );
    assert!(
        stderr.starts_with("完成：已保存 16 个单位的自评报告（"),
        "{stderr}"
    );
    all_chinese(&stderr);
    assert_eq!(
        f.log().last().unwrap()["summary"],
        "self-assessments of 16 units stored"
    );

    f.banzi(&[
        "reopen",
        "plan",
        "--unit",
        "C03",
        "--reason",
        "方案指标目标值填报有误",
    ])
    .success();
    let out = f.banzi(&zh(&["self-assess", "report", "C03"])).success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(stderr.starts_with("警告：此自评报告待重做（"), "{stderr}");
}

#[test]
fn a_refused_self_assessment_is_explained_in_chinese() {
    let f = Fixture::planned();
    let text = example_text("self-assessments/C01.toml")
        .replacen("status = \"done\"", "status = \"finished\"", 1)
        .replacen("id = \"P2\"", "id = \"P9\"", 1)
        .replace("summary = ", "# summary = ");
    let file = f.write("inputs/C01.toml", &text);
    let stderr = f.fails_unchanged(&zh(&["self-assess", "submit", "C01", file]), INVALID);
    for words in [
        "错误：自评报告 `inputs/C01.toml` 有",
        "缺少 `summary`：自评报告的总体情况",
        "`finished` 不是有效的完成情况",
        "`P9` 不是 `C01` 工作方案中的指标",
        "工作方案的指标 `P2`（",
        "提示：请改正文件后重新提交；`banzi self-assess template C01`",
    ] {
        assert!(stderr.contains(words), "{words}\n{stderr}");
    }
    all_chinese(&stderr);

    let registered = Fixture::registered();
    let stderr = registered.fails(&zh(&["self-assess", "template", "C01"]), STEP_ORDER);
    assert!(
        stderr.contains("单位 `C01` 还没有工作方案")
            && stderr.contains("提示：请先运行 `banzi plan submit C01 FILE`"),
        "{stderr}"
    );
    all_chinese(&stderr);
}

#[test]
fn self_assessment_json_is_the_same_in_both_languages() {
    let en = Fixture::planned();
    let zh = en.copy();
    let folder = example("self-assessments");
    let args = ["self-assess", "import", folder.to_str().unwrap(), "--json"];
    assert_eq!(
        en.stdout(&[&args[..], &["--lang", "en"]].concat()),
        zh.stdout(&[&args[..], &["--lang", "zh-CN"]].concat())
    );
}
