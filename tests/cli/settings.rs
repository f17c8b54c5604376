//! `campaign.toml` edited by hand: validated on every command, each bad key reported with its place.

use crate::fixture::*;

fn edit_settings(f: &Fixture, from: &str, to: &str) {
    let path = f.campaign().join("campaign.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "campaign.toml has no `{from}`");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

fn line_of(f: &Fixture, needle: &str) -> usize {
    let text = std::fs::read_to_string(f.campaign().join("campaign.toml")).unwrap();
    text.lines().position(|l| l.contains(needle)).unwrap() + 1
}

#[test]
fn a_misspelt_key_in_the_settings_stops_every_command_with_its_place() {
    let f = Fixture::registered();
    edit_settings(&f, "flags_block = true", "flag_block = true");
    let line = line_of(&f, "flag_block");
    for args in [
        &["status"][..],
        &["units", "list"],
        &["plan", "template", "C01"],
    ] {
        let stderr = f.fails(args, INVALID);
        assert!(
            stderr.contains(&format!(
                "  campaign/campaign.toml:{line}:1: shortlist.flag_block: unknown field `flag_block`"
            )),
            "{args:?}: {stderr}"
        );
    }
}

#[test]
fn criterion_weights_that_do_not_sum_to_one_are_reported_with_the_key() {
    let f = Fixture::initialized();
    edit_settings(&f, "weight = 0.2", "weight = 0.25");
    let stderr = f.fails(&["status"], INVALID);
    assert!(
        stderr.contains("criterion.weight: the criteria's weights sum to 1.05, not 1"),
        "{stderr}"
    );
}

/// Runs `status` in Chinese on a campaign whose settings have `from` replaced by `to`; asserts
/// the refusal exits 4, leaves no English word, and has each of `expected`.
fn refused_in_chinese(from: &str, to: &str, expected: &[&str]) -> String {
    let f = Fixture::initialized();
    edit_settings(&f, from, to);
    let stderr = f.fails_unchanged(&["--lang", "zh-CN", "status"], INVALID);
    assert_eq!(
        english_left(&said(&stderr)),
        Vec::<String>::new(),
        "{stderr}"
    );
    assert!(stderr.contains("提示：请改正 `campaign.toml`"), "{stderr}");
    for text in expected {
        assert!(stderr.contains(text), "no `{text}` in\n{stderr}");
    }
    stderr
}

#[test]
fn a_misspelt_key_is_refused_in_chinese_with_a_suggestion() {
    refused_in_chinese(
        "flags_block = true",
        "flag_block = true",
        &[
            "错误：`campaign/campaign.toml` 的内容有误，无法读取",
            ":1: `shortlist.flag_block`：不认识的键 `flag_block`：是不是想写 `flags_block`？（解析器原文：`unknown field 'flag_block'",
        ],
    );
}

#[test]
fn a_value_of_the_wrong_type_or_a_syntax_error_is_refused_in_chinese() {
    refused_in_chinese(
        "min_working_days = 5",
        "min_working_days = \"五\"",
        &[
            "`publicity.min_working_days`：值的类型不对：这里应当写一个不加引号的整数（解析器原文：`invalid type: string \"五\", expected i64`）",
        ],
    );
    refused_in_chinese(
        "weight = 0.2",
        "weight = \"0.2\"",
        &["`criterion.weight`：值的类型不对：这里应当写一个不加引号的数字"],
    );
    refused_in_chinese(
        "flags_block = true",
        "",
        &["缺少必填的键 `flags_block`（解析器原文：`missing field 'flags_block'`）"],
    );
    refused_in_chinese(
        "\"优秀\" = 100",
        "优秀 = 100",
        &["TOML 写法有误", "；中文的键要加引号：`\"优秀\" = …`"],
    );
}

#[test]
fn bad_values_are_refused_in_chinese_with_their_keys() {
    refused_in_chinese(
        "weight = 0.2",
        "weight = 0.25",
        &[
            "错误：`campaign.toml` 中有 1 处设置无效",
            "`criterion.weight`：各项评价标准的权重之和为 1.05，不是 1",
        ],
    );
    refused_in_chinese(
        "county = { count = 3 }",
        "county = { count = 0 }",
        &["`shortlist.quota.county.count`：0 不是合理的名额数（1-1000）"],
    );
    refused_in_chinese(
        "min_working_days = 5",
        "min_working_days = 0",
        &["`publicity.min_working_days`：0 不是合理的公示天数（工作日，5-60）"],
    );
}

#[test]
fn a_refusal_of_the_settings_prints_the_same_json_in_either_language() {
    let f = Fixture::initialized();
    edit_settings(&f, "weight = 0.2", "weight = 0.25");
    let run = |lang: &str| {
        f.command(&["--lang", lang, "status", "--json"])
            .output()
            .unwrap()
    };
    let (zh, en) = (run("zh-CN"), run("en"));
    assert_eq!(zh.status.code(), Some(INVALID));
    assert_eq!(en.status.code(), Some(INVALID));
    assert_eq!(zh.stdout, en.stdout);
    assert_ne!(zh.stderr, en.stderr);
}
