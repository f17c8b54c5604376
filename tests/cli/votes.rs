//! The annual assessment and the democratic evaluation, said in both languages.

use crate::fixture::*;

const ANNUAL_HEADER: &str = "unit_code,year,grade,score,remarks\n";
const VOTES_HEADER: &str = "单位代码,测评主体,政治强,能力强,活力强,合力强,作风硬\n";

/// The last journal entry's summaries, Chinese and English.
fn last_summaries(f: &Fixture) -> (String, String) {
    let entry = f.log().pop().unwrap();
    (
        entry["summary_zh"].as_str().unwrap().to_owned(),
        entry["summary"].as_str().unwrap().to_owned(),
    )
}

#[test]
fn bad_annual_rows_are_refused_in_chinese_naming_each_column_in_chinese() {
    let f = Fixture::registered();
    let path = f.write(
        "inputs/annual.csv",
        &format!("{ANNUAL_HEADER}C01,2026,优秀,95,\nC99,2026,优秀,,\nC01,2026,良好,,\n\nC02,2025,很好,101,\n"),
    );
    let stderr = f.fails_unchanged(&zh(&["inspect", "import-assessment", path]), INVALID);
    for line in [
        "错误：`inputs/annual.csv` 有 5 行有误",
        "inputs/annual.csv:3: 单位代码：未知单位 `C99`：不在单位名册中",
        "inputs/annual.csv:4: 单位代码：单位 `C01` 重复（首次出现在第 2 行）",
        "inputs/annual.csv:6: 年度：`2025` 不是本次活动的年度 2026",
        "inputs/annual.csv:6: 考核等次：未知的考核等次 `很好`（campaign.toml 中的等次：优秀、良好、一般、较差）",
        "inputs/annual.csv:6: 得分：`101` 不是 0-100 的分数",
        "提示：请修正以上各行后重新导入",
    ] {
        assert!(stderr.contains(line), "missing `{line}` in:\n{stderr}");
    }
    all_chinese(&stderr);

    let empty = f.write("inputs/empty.csv", ANNUAL_HEADER);
    let stderr = f.fails_unchanged(&zh(&["inspect", "import-assessment", empty]), INVALID);
    assert!(stderr.contains("文件只有表头，没有考核结果"), "{stderr}");
    all_chinese(&stderr);
}

#[test]
fn an_annual_import_is_journaled_in_both_languages_and_its_json_does_not_change_with_them() {
    let f = Fixture::registered();
    let path = f.write(
        "inputs/annual.csv",
        &format!("{ANNUAL_HEADER}C01,2026,优秀,95,\nC02,2026,良好,86,\n"),
    );
    let dry = |lang: &str| {
        f.stdout(&[
            "--lang",
            lang,
            "inspect",
            "import-assessment",
            path,
            "--dry-run",
            "--json",
        ])
    };
    assert_eq!(dry("zh-CN"), dry("en"));

    f.banzi(&zh(&["inspect", "import-assessment", path]))
        .success();
    let (zh_summary, en_summary) = last_summaries(&f);
    assert!(
        zh_summary.starts_with("已导入年度考核结果（UTF-8）："),
        "{zh_summary}"
    );
    assert!(
        en_summary.starts_with("annual-assessment results imported (UTF-8): "),
        "{en_summary}"
    );
}

#[test]
fn bad_vote_rows_are_refused_in_chinese() {
    let f = Fixture::registered();
    weigh_two_groups(&f);
    let path = f.write(
        "inputs/votes.csv",
        &format!(
            "{VOTES_HEADER}C01,上级领导,优秀,优秀,优秀,优秀,优秀\n\
             X01,上级领导,优秀,优秀,优秀,优秀,优秀\n\
             C01,群众,优秀,优秀,优秀,优秀,优秀\n\
             C01,上级领导,优秀,好,优秀,优秀,差\n\
             ,,优秀,优秀,优秀,优秀,优秀\n\
             C01,上级领导,优秀\n"
        ),
    );
    let stderr = f.fails_unchanged(&zh(&["inspect", "import-votes", path]), INVALID);
    for line in [
        "错误：`inputs/votes.csv` 有 5 行有误",
        "inputs/votes.csv:3: 单位代码：单位 `X01` 不在单位名册中",
        "inputs/votes.csv:4: 测评主体：测评主体 `群众` 不在 campaign.toml 的 `scoring.rater_groups` 中（上级领导、班子成员）",
        "inputs/votes.csv:5: 能力强：未知等次 `好`（应为：优秀、较好、一般、较差；弃权则留空）",
        "inputs/votes.csv:5: 作风硬：未知等次 `差`",
        "inputs/votes.csv:6: 单位代码：单位代码为空",
        "inputs/votes.csv:6: 测评主体：测评主体为空",
        "inputs/votes.csv:7: 整行：本行有 3 个单元格，而表头有 7 列",
        "提示：请修正以上各行后重新导入",
    ] {
        assert!(stderr.contains(line), "missing `{line}` in:\n{stderr}");
    }
    all_chinese(&stderr);
}

#[test]
fn votes_files_that_are_no_votes_are_refused_in_chinese() {
    let f = Fixture::registered();
    let cases = [
        (
            "inputs/named.csv",
            "单位代码,测评主体,姓名,政治强,能力强,活力强,合力强,作风硬\nC01,上级领导,张三,优秀,优秀,优秀,优秀,优秀\n".to_owned(),
            "民主测评是匿名的",
        ),
        (
            "inputs/header.csv",
            "单位代码,政治强\nC01,优秀\n".to_owned(),
            "缺少列 `rater_group`（可用的表头：`rater_group`、`group`、`测评主体`、`测评主体类别`）",
        ),
        (
            "inputs/twice.csv",
            "单位代码,测评主体,政治强,能力强,活力强,合力强,作风硬,作风硬\n".to_owned(),
            "列 `conduct` 出现了两次",
        ),
        ("inputs/empty.csv", String::new(), "是空文件"),
        (
            "inputs/blank.csv",
            format!("{VOTES_HEADER},,,,,,\n"),
            "中没有测评票",
        ),
    ];
    for (name, text, expected) in cases {
        let path = f.write(name, &text);
        let stderr = f.fails_unchanged(&zh(&["inspect", "import-votes", path]), INVALID);
        assert!(
            stderr.contains(expected),
            "missing `{expected}` in:\n{stderr}"
        );
        all_chinese(&stderr);
    }

    // The OS says what is wrong with a missing file in its own words, after ours.
    let stderr = f.fails(
        &zh(&["inspect", "import-votes", "inputs/none.csv"]),
        INVALID,
    );
    assert!(
        stderr.starts_with("错误：无法读取 `inputs/none.csv`："),
        "{stderr}"
    );
    assert!(stderr.contains("提示：请检查文件名"), "{stderr}");
}

#[test]
fn votes_are_journaled_in_both_languages_and_changed_votes_need_replace_in_chinese() {
    let f = Fixture::registered();
    let path = f.write(
        "inputs/votes.csv",
        &format!("{VOTES_HEADER}C01,上级领导,优秀,优秀,优秀,优秀,优秀\nC02,上级领导,较好,,较好,较好,较好\n"),
    );
    let dry = |lang: &str| {
        f.stdout(&[
            "--lang",
            lang,
            "inspect",
            "import-votes",
            path,
            "--dry-run",
            "--json",
        ])
    };
    assert_eq!(dry("zh-CN"), dry("en"));
    f.banzi(&zh(&["inspect", "import-votes", path])).success();
    let (zh_summary, en_summary) = last_summaries(&f);
    assert_eq!(
        zh_summary,
        "已导入民主测评（UTF-8）：2 行；新增 2 个单位，替换 0 个，未变 0 个；共 2 个单位有测评票"
    );
    assert_eq!(
        en_summary,
        "democratic-evaluation votes imported (UTF-8): 2 rows; 2 unit(s) added, 0 replaced, 0 unchanged; 2 unit(s) with votes"
    );

    let changed = f.write(
        "inputs/changed.csv",
        &format!("{VOTES_HEADER}C02,上级领导,一般,一般,一般,一般,一般\n"),
    );
    let stderr = f.fails_unchanged(&zh(&["inspect", "import-votes", changed]), INVALID);
    assert!(
        stderr.contains("错误：1 个单位已有民主测评计票，且与 `inputs/changed.csv` 不同：C02"),
        "{stderr}"
    );
    assert!(stderr.contains("`--replace`"), "{stderr}");
    all_chinese(&stderr);

    let replace = |lang: &str| {
        f.stdout(&[
            "--lang",
            lang,
            "inspect",
            "import-votes",
            changed,
            "--replace",
            "--dry-run",
            "--json",
        ])
    };
    assert_eq!(replace("zh-CN"), replace("en"));
    f.banzi(&zh(&["inspect", "import-votes", changed, "--replace"]))
        .success();
    let (zh_summary, _) = last_summaries(&f);
    assert!(zh_summary.contains("由日志第 "), "{zh_summary}");
    all_chinese(&zh_summary);
}

#[test]
fn votes_before_the_register_and_groups_the_weights_miss_are_refused_in_chinese() {
    let f = Fixture::initialized();
    let path = f.write(
        "inputs/votes.csv",
        &format!("{VOTES_HEADER}C01,上级领导,优秀,优秀,优秀,优秀,优秀\n"),
    );
    let stderr = f.fails_unchanged(&zh(&["inspect", "import-votes", path]), STEP_ORDER);
    assert!(
        stderr.contains("本次活动还没有参评单位，无法导入民主测评"),
        "{stderr}"
    );
    all_chinese(&stderr);

    // Weights configured after the votes must weigh every group that voted.
    let f = Fixture::self_assessed();
    let path = f.write(
        "inputs/votes.csv",
        &format!("{VOTES_HEADER}C01,群众,优秀,优秀,优秀,优秀,优秀\n"),
    );
    f.banzi(&["inspect", "import-votes", path]).success();
    weigh_two_groups(&f);
    let stderr = f.fails(&zh(&["inspect", "show", "C01"]), INVALID);
    assert!(stderr.contains("测评主体 `群众`"), "{stderr}");
    assert!(stderr.contains("`[scoring.rater_groups]`"), "{stderr}");
    all_chinese(&stderr);
}

#[test]
fn bad_ratings_are_said_in_chinese() {
    let f = Fixture::planned();
    let good = example_text("self-assessments/C01.toml");
    let bad = good
        .replace("political = 92", "political = 120")
        .replace("capability = 90", "speed = 80")
        .replace("vitality = 87", "\"政治强\" = 90");
    let path = f.write("inputs/C01.toml", &bad);
    let stderr = f.fails_unchanged(&zh(&["self-assess", "submit", "C01", path]), INVALID);
    let problems: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("  inputs/C01.toml:"))
        .collect();
    assert_eq!(problems.len(), 5, "{stderr}");
    for expected in [
        "评分表 `political`：评分 120 超出 0-100 的范围",
        "评分表 `speed`：未知的标准 `speed`（应为以下之一：`political`（政治强）、",
        "评分表 `政治强`：标准 `political` 评了两次：一次写作 `political`，一次写作 `政治强`",
        "评分表 `capability`：缺少标准 `capability`（能力强）的评分，应为 0-100",
    ] {
        assert!(
            problems.iter().any(|p| p.contains(expected)),
            "missing `{expected}` in:\n{stderr}"
        );
    }
    // The file excerpts under the diagnostics are the user's text.
    all_chinese(&stderr);

    let bare: String = good
        .lines()
        .filter(|l| {
            !l.starts_with("[ratings]")
                && !["political", "capability", "vitality", "cohesion", "conduct"]
                    .iter()
                    .any(|c| l.starts_with(c))
        })
        .map(|l| format!("{l}\n"))
        .collect();
    let path = f.write("inputs/bare.toml", &bare);
    let stderr = f.fails_unchanged(&zh(&["self-assess", "submit", "C01", path]), INVALID);
    let problem = stderr
        .lines()
        .find(|l| l.starts_with("  inputs/bare.toml:"))
        .unwrap_or_else(|| panic!("{stderr}"));
    assert!(problem.contains("评分表：缺少 `[ratings]`"), "{stderr}");
    all_chinese(&stderr);
}

#[test]
fn a_column_that_identifies_raters_is_named_as_a_column_in_chinese() {
    let f = Fixture::registered();
    let path = f.write(
        "inputs/votes.csv",
        "单位代码,测评主体,姓名,政治强,能力强,活力强,合力强,作风硬\nC01,上级领导,张三,优秀,优秀,优秀,优秀,优秀\n",
    );
    let stderr = f.fails_unchanged(&zh(&["inspect", "import-votes", path]), INVALID);
    assert!(
        stderr.contains("  inputs/votes.csv:1: `姓名` 列：能识别测评人身份\n"),
        "{stderr}"
    );
    all_chinese(&stderr);
    let path = f.write(
        "inputs/votes.csv",
        "unit_code,rater_group,name,political\nC01,上级领导,张三,优秀\n",
    );
    let stderr = f.fails_unchanged(&zh(&["inspect", "import-votes", path]), INVALID);
    assert!(stderr.contains("`name` 列：能识别测评人身份"), "{stderr}");
    all_chinese(&stderr);
    let stderr = f.fails_unchanged(&["inspect", "import-votes", path], INVALID);
    assert!(
        stderr.contains("  inputs/votes.csv:1: name: identifies a rater"),
        "{stderr}"
    );
}
