//! `banzi units import` and `banzi units list`.

use predicates::prelude::*;
use serde_json::json;

use crate::fixture::*;

const HEADER: &str = "code,name,category,party_head,government_head";
const HEADER_ZH: &str = "单位代码,单位名称,类别,党委（党组）书记,行政主要负责人";

/// Three units, one of each category, as rows after the header.
const ROWS: [&str; 3] = [
    "C01,青川市东湖区,county,陈志远,林晓峰",
    "D01,市委办公室,department,赵明轩,许静",
    "M01,市发展和改革委员会,municipal-unit,唐建平,宋博文",
];

fn register(header: &str, rows: &[&str], newline: &str) -> String {
    let mut text = String::from(header);
    for row in rows {
        text.push_str(newline);
        text.push_str(row);
    }
    text.push_str(newline);
    text
}

fn expected_units() -> serde_json::Value {
    json!([
        {"code": "C01", "name": "青川市东湖区", "category": "county", "party_head": "陈志远", "government_head": "林晓峰"},
        {"code": "D01", "name": "市委办公室", "category": "department", "party_head": "赵明轩", "government_head": "许静"},
        {"code": "M01", "name": "市发展和改革委员会", "category": "municipal-unit", "party_head": "唐建平", "government_head": "宋博文"},
    ])
}

#[test]
fn the_example_register_imports_all_sixteen_units() {
    let f = Fixture::registered();
    let units = f.json(&["units", "list"]);
    let codes: Vec<&str> = units
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, EXAMPLE_UNITS);
    assert_eq!(
        units[0],
        json!({"code": "C01", "name": "青川市东湖区", "category": "county", "party_head": "陈志远", "government_head": "林晓峰"})
    );
    assert_eq!(units[15]["category"], "municipal-unit");
}

#[test]
fn a_campaign_without_units_lists_none() {
    let f = Fixture::initialized();
    assert_eq!(f.json(&["units", "list"]), json!([]));
}

#[test]
fn units_list_prints_a_table_with_chinese_category_labels() {
    let f = Fixture::registered();
    let table = f.stdout(&["units", "list", "--lang", "zh-CN"]);
    assert!(table.contains("党委（党组）书记"), "{table}");
    assert!(
        table.contains("县级") && table.contains("市委部门") && table.contains("市直单位"),
        "{table}"
    );
    assert!(table.contains("市卫生健康委员会"), "{table}");
    assert!(
        english_left(&table).is_empty(),
        "{:?}",
        english_left(&table)
    );
    let table = f.stdout(&["units", "list"]);
    assert!(table.contains("Party secretary"), "{table}");
    assert!(
        table.contains("county") && table.contains("municipal Party department"),
        "{table}"
    );
    assert!(table.contains("市卫生健康委员会"), "{table}");
}

#[test]
fn every_encoding_and_spreadsheet_quirk_imports_the_same_units() {
    let utf8 = register(HEADER, &ROWS, "\n");
    let padded_rows: Vec<String> = ROWS
        .iter()
        .map(|r| {
            r.split(',')
                .map(|c| format!("  {c} "))
                .collect::<Vec<_>>()
                .join(",")
        })
        .collect();
    let padded_rows: Vec<&str> = padded_rows.iter().map(String::as_str).collect();
    let chinese_rows: Vec<String> = ROWS
        .iter()
        .map(|r| {
            r.replace(",county,", ",县级,")
                .replace(",department,", ",市委部门,")
                .replace(",municipal-unit,", ",市直单位,")
        })
        .collect();
    let chinese_rows: Vec<&str> = chinese_rows.iter().map(String::as_str).collect();
    let chinese = register(HEADER_ZH, &chinese_rows, "\r\n");
    let (gb18030, _, unmappable) = encoding_rs::GB18030.encode(&chinese);
    assert!(!unmappable);

    let variants: Vec<(&str, Vec<u8>)> = vec![
        ("utf-8", utf8.clone().into_bytes()),
        ("utf-8 with BOM", [b"\xEF\xBB\xBF".as_slice(), utf8.as_bytes()].concat()),
        ("GB18030, Chinese headers and categories, CRLF", gb18030.into_owned()),
        ("CRLF", register(HEADER, &ROWS, "\r\n").into_bytes()),
        ("padded cells and header", register(" code , name ,category, party_head ,government_head ", &padded_rows, "\n").into_bytes()),
        ("trailing empty lines", format!("{utf8}\n\n,,,,\n").into_bytes()),
        ("no final newline", utf8.trim_end().as_bytes().to_vec()),
        ("columns in another order", "name,code,government_head,category,party_head\n青川市东湖区,C01,林晓峰,county,陈志远\n市委办公室,D01,许静,department,赵明轩\n市发展和改革委员会,M01,宋博文,municipal-unit,唐建平\n".as_bytes().to_vec()),
        ("half-width brackets in the Chinese header", register("单位代码,单位名称,类别,党委(党组)书记,行政主要负责人", &chinese_rows, "\n").into_bytes()),
    ];
    for (what, bytes) in variants {
        let f = Fixture::initialized();
        let file = f.write_bytes("inputs/units.csv", &bytes);
        f.banzi(&["units", "import", file])
            .success()
            .stderr(predicate::str::contains("3 units added"));
        assert_eq!(f.json(&["units", "list"]), expected_units(), "{what}");
        assert_eq!(f.log().len(), 2, "{what}: one journal entry for the import");
        f.banzi(&["verify"]).success();
    }
}

#[test]
fn the_journal_names_the_encoding_and_digest_of_the_imported_file() {
    let f = Fixture::initialized();
    let text = register(HEADER_ZH, &["C01,东湖区,县级,陈志远,林晓峰"], "\r\n");
    let (gb18030, _, _) = encoding_rs::GB18030.encode(&text);
    let file = f.write_bytes("inputs/units.csv", &gb18030);
    f.banzi(&["units", "import", file]).success();
    let log = f.log();
    let summary = log[1]["summary"].as_str().unwrap();
    assert!(summary.contains("GB18030"), "{summary}");
    assert_eq!(
        log[1]["inputs"],
        json!([{"path": "inputs/units.csv", "sha256": sha256_hex(&gb18030)}])
    );
}

#[test]
fn the_same_register_in_another_encoding_is_no_change() {
    let f = Fixture::initialized();
    let utf8 = register(HEADER, &ROWS, "\n");
    f.banzi(&["units", "import", f.write("inputs/a.csv", &utf8)])
        .success();
    let before = f.snapshot_dir();
    let (gb18030, _, _) = encoding_rs::GB18030.encode(&utf8);
    let file = f.write_bytes("inputs/b.csv", &gb18030);
    f.banzi(&["units", "import", file])
        .success()
        .stderr(predicate::str::contains("no change"));
    assert_same_dir(&before, &f.snapshot_dir());
}

#[test]
fn every_bad_row_is_reported_and_nothing_is_imported() {
    let f = Fixture::initialized();
    let text = [
        HEADER,
        "C01,青川市东湖区,county,陈志远,林晓峰",
        "C01,青川市临溪县,county,周德明,王海涛",
        "../x,路径,county,a,b",
        "a b,空格,county,a,b",
        ",无代码,county,a,b",
        "D01,市委办公室,城区,赵明轩,许静",
        "M01,市教育局,municipal-unit,,罗志强",
        "",
    ]
    .join("\n");
    let file = f.write("inputs/units.csv", &text);
    let stderr = f.fails_unchanged(&["units", "import", file], INVALID);
    let invalid_code = "is not a valid unit code: use up to 32 letters, digits, `-` or `_`, starting with a letter or digit";
    let expected = [
        "inputs/units.csv:3: code: duplicate code `C01` (first on line 2)".to_owned(),
        format!("inputs/units.csv:4: code: `../x` {invalid_code}"),
        format!("inputs/units.csv:5: code: `a b` {invalid_code}"),
        "inputs/units.csv:6: code: empty unit code".to_owned(),
        "inputs/units.csv:7: category: unknown category `城区` (expected one of county (县级, 县（市、区）, 县市区), department (市委部门, 市委各部门), municipal-unit (市直单位, 市直各单位))".to_owned(),
        "inputs/units.csv:8: party_head: empty cell".to_owned(),
    ];
    let reported: Vec<&str> = lines(&stderr)
        .into_iter()
        .filter(|l| l.starts_with("inputs/units.csv:"))
        .collect();
    assert_eq!(reported, expected, "{stderr}");
    assert!(
        stderr.starts_with("error: `inputs/units.csv` has 6 bad row(s)"),
        "{stderr}"
    );
    assert!(stderr.contains("nothing was imported"), "{stderr}");
    assert_eq!(f.json(&["units", "list"]), json!([]));
}

#[test]
fn bad_rows_of_a_crlf_gb18030_file_are_reported_on_their_real_lines() {
    let f = Fixture::initialized();
    let text = register(
        HEADER_ZH,
        &[
            "C01,东湖区,县级,陈志远,林晓峰",
            "C01,临溪县,县级,周德明,王海涛",
            "D01,市委办公室,城区,赵明轩,许静",
        ],
        "\r\n",
    );
    let (gb18030, _, _) = encoding_rs::GB18030.encode(&text);
    let file = f.write_bytes("inputs/units.csv", &gb18030);
    let stderr = f.fails_unchanged(&["units", "import", file], INVALID);
    assert!(
        stderr.contains("inputs/units.csv:3: code: duplicate code `C01` (first on line 2)"),
        "{stderr}"
    );
    assert!(
        stderr.contains("inputs/units.csv:4: category: unknown category `城区`"),
        "{stderr}"
    );
}

#[test]
fn bad_rows_after_a_blank_line_are_reported_on_their_real_lines() {
    let f = Fixture::initialized();
    let text = [
        HEADER,
        "C01,东湖区,county,陈志远,林晓峰",
        "",
        "",
        "D01,市委办公室,城区,赵明轩,许静",
        "",
    ]
    .join("\n");
    let file = f.write("inputs/units.csv", &text);
    let stderr = f.fails_unchanged(&["units", "import", file], INVALID);
    assert!(
        stderr.contains("inputs/units.csv:5: category: unknown category `城区`"),
        "the bad row is on line 5 of the file:\n{stderr}"
    );
}

#[test]
fn unit_codes_differing_only_in_case_are_refused() {
    let f = Fixture::initialized();
    let file = f.write(
        "inputs/units.csv",
        &[
            HEADER,
            "C01,青川市东湖区,county,陈志远,林晓峰",
            "c01,青川市临溪县,county,周德明,王海涛",
            "",
        ]
        .join("\n"),
    );
    let stderr = f.fails_unchanged(&["units", "import", file], INVALID);
    assert!(stderr.contains("inputs/units.csv:3: code:"), "{stderr}");
}

#[test]
fn a_missing_column_is_reported_on_the_header_line() {
    let f = Fixture::initialized();
    let file = f.write(
        "inputs/units.csv",
        "code,name,category,government_head\nC01,青川市东湖区,county,林晓峰\n",
    );
    let stderr = f.fails_unchanged(&["units", "import", file], INVALID);
    assert!(
        stderr.contains("inputs/units.csv:1: header: missing column `party_head`"),
        "{stderr}"
    );
}

#[test]
fn a_column_given_twice_is_refused() {
    let f = Fixture::initialized();
    let file = f.write(
        "inputs/units.csv",
        "code,单位代码,name,category,party_head,government_head\nC01,C01,东湖区,county,a,b\n",
    );
    let stderr = f.fails_unchanged(&["units", "import", file], INVALID);
    assert!(stderr.contains("column `code` appears twice"), "{stderr}");
}

#[test]
fn a_header_without_units_is_refused() {
    let f = Fixture::initialized();
    let file = f.write("inputs/units.csv", &format!("{HEADER}\n"));
    let stderr = f.fails_unchanged(&["units", "import", file], INVALID);
    assert!(
        stderr.contains("the file has a header but no units"),
        "{stderr}"
    );
}

#[test]
fn a_row_with_more_cells_than_the_header_is_refused() {
    let f = Fixture::initialized();
    let file = f.write(
        "inputs/units.csv",
        &format!("{HEADER}\nC01,东湖区,county,a,b,多余\n"),
    );
    let stderr = f.fails_unchanged(&["units", "import", file], INVALID);
    assert!(
        stderr.contains("inputs/units.csv:2: row: 6 cells but the header has 5 columns"),
        "{stderr}"
    );
}

#[test]
fn utf16_and_undecodable_files_are_refused() {
    let f = Fixture::initialized();
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(
            register(HEADER, &ROWS, "\r\n")
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        )
        .collect();
    let file = f.write_bytes("inputs/utf16.csv", &utf16);
    let stderr = f.fails_unchanged(&["units", "import", file], INVALID);
    assert!(stderr.contains("UTF-16"), "{stderr}");

    let text = register(HEADER, &ROWS, "\n");
    let mut bytes = encoding_rs::GB18030.encode(&text).0.into_owned();
    bytes.extend_from_slice(b"C02,\x81\x20,county,a,b\n");
    let file = f.write_bytes("inputs/binary.csv", &bytes);
    let stderr = f.fails_unchanged(&["units", "import", file], INVALID);
    assert!(stderr.contains("neither UTF-8 nor GB18030"), "{stderr}");
}

#[test]
fn a_missing_file_is_invalid_input() {
    let f = Fixture::initialized();
    let stderr = f.fails_unchanged(&["units", "import", "inputs/none.csv"], INVALID);
    assert!(stderr.contains("inputs/none.csv"), "{stderr}");
}

#[test]
fn importing_the_same_file_again_changes_nothing() {
    let f = Fixture::registered();
    let entries = f.log().len();
    let before = f.snapshot_dir();
    f.banzi(&["units", "import", example("units.csv").to_str().unwrap()])
        .success()
        .stderr(predicate::str::contains("no change"));
    assert_eq!(f.log().len(), entries);
    assert_same_dir(&before, &f.snapshot_dir());
}

#[test]
fn a_changed_head_is_applied_in_one_journal_entry() {
    let f = Fixture::registered();
    let entries = f.log().len();
    let text = example_text("units.csv").replace(
        "C01,青川市东湖区,county,陈志远,林晓峰",
        "C01,青川市东湖区,county,陈志远,高新民",
    );
    let file = f.write("inputs/units.csv", &text);
    let outcome = f.json(&["units", "import", file]);
    assert_eq!(outcome["added"], json!([]));
    assert_eq!(outcome["changed"], json!(["C01"]));
    assert_eq!(outcome["seq"], entries + 1);

    let log = f.log();
    assert_eq!(log.len(), entries + 1);
    assert_eq!(log[entries]["records"][0]["path"], "units.csv");
    let units = f.json(&["units", "list"]);
    assert_eq!(units[0]["government_head"], "高新民");
    assert_eq!(units.as_array().unwrap().len(), 16);
}

#[test]
fn units_missing_from_a_later_file_are_kept() {
    let f = Fixture::initialized();
    f.banzi(&[
        "units",
        "import",
        f.write("inputs/a.csv", &register(HEADER, &ROWS, "\n")),
    ])
    .success();
    let file = f.write(
        "inputs/b.csv",
        &register(HEADER, &["C02,青川市临溪县,county,周德明,王海涛"], "\n"),
    );
    let outcome = f.json(&["units", "import", file]);
    assert_eq!(outcome["added"], json!(["C02"]));
    assert_eq!(outcome["not_in_file"], json!(["C01", "D01", "M01"]));
    let codes: Vec<String> = f
        .json(&["units", "list"])
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["code"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(codes, ["C01", "C02", "D01", "M01"]);
}

#[test]
fn a_dry_run_says_what_an_import_would_change_and_writes_nothing() {
    let f = Fixture::registered();
    let changed = f.write(
        "inputs/units.csv",
        &(example_text("units.csv").replace("市委组织部", "中共某市委组织部")
            + "X01,市新设单位,municipal-unit,张三,李四\n"),
    );
    let before = f.snapshot_dir();
    let report = f.json(&["units", "import", changed, "--dry-run"]);
    assert_same_dir(&before, &f.snapshot_dir());
    assert_eq!(report["dry_run"], true);
    assert_eq!(report["added"], serde_json::json!(["X01"]));
    assert_eq!(report["changed"], serde_json::json!(["D02"]));
    assert_eq!(report["seq"], serde_json::json!(null));
    let out = f
        .banzi(&["units", "import", changed, "--dry-run"])
        .success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        stderr
            .contains("dry run, nothing written: 1 unit(s) would be added (X01), 1 changed (D02)"),
        "{stderr}"
    );
    // A bad file is refused by a dry run as by an import.
    let bad = f.write(
        "inputs/bad.csv",
        "code,name,category,party_head\nC01,,county,x\n",
    );
    f.fails_unchanged(&["units", "import", bad, "--dry-run"], INVALID);
    f.banzi(&["units", "import", changed]).success();
    assert_eq!(f.json(&["units", "list"]).as_array().unwrap().len(), 17);
}

/// A municipal Party department has a Party secretary only: its administrative head is an empty
/// cell, the `—` clerks typed for none, or a column the register does not have.
#[test]
fn a_unit_without_an_administrative_head_is_registered_and_listed_without_one() {
    let f = Fixture::initialized();
    let file = f.write(
        "inputs/units.csv",
        &register(
            HEADER_ZH,
            &[
                "C01,青川市东湖区,县（市、区）,陈志远,林晓峰",
                "D01,市委办公室,市委部门,赵明轩,",
                "D02,市委组织部,市委部门,钱文华,—",
            ],
            "\r\n",
        ),
    );
    f.banzi(&["units", "import", file]).success();
    let heads: Vec<serde_json::Value> = f
        .json(&["units", "list"])
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["government_head"].clone())
        .collect();
    assert_eq!(heads, [json!("林晓峰"), json!(null), json!(null)]);
    assert!(
        f.read_text("units.csv")
            .ends_with("D02,市委组织部,department,钱文华,\n")
    );
    let table = f.stdout(&["units", "list"]);
    assert!(table.contains("林晓峰") && !table.contains('—'), "{table}");

    // Without the column, every unit has none; the import names no change for D01 and D02.
    let file = f.write(
        "inputs/departments.csv",
        "code,name,category,party_head\nD01,市委办公室,department,赵明轩\nD03,市委宣传部,department,孙立群\n",
    );
    let outcome = f.json(&["units", "import", file]);
    assert_eq!(outcome["added"], json!(["D03"]));
    assert_eq!(outcome["changed"], json!([]));
    assert_eq!(
        f.json(&["units", "list"])[3]["government_head"],
        json!(null)
    );
}

#[test]
fn the_self_assessment_report_names_only_the_heads_a_unit_has() {
    let f = Fixture::registered();
    let file = f.write(
        "inputs/units.csv",
        &register(HEADER, &["D01,市委办公室,department,赵明轩,—"], "\n"),
    );
    f.banzi(&["units", "import", file]).success();
    for unit in ["C01", "D01"] {
        f.submit_plan(unit);
        f.submit_self_assessment(unit);
    }
    let county = f.stdout(&["self-assess", "report", "C01"]);
    assert!(
        county.contains("| 党委（党组）书记 | 陈志远 |\n| 行政主要负责人 | 林晓峰 |\n| 提交时间 |"),
        "{county}"
    );
    let department = f.stdout(&["self-assess", "report", "D01"]);
    assert!(
        department.contains("| 党委（党组）书记 | 赵明轩 |\n| 提交时间 |"),
        "{department}"
    );
    assert!(
        !department.contains("行政主要负责人") && !department.contains('—'),
        "{department}"
    );
}

#[test]
fn a_register_is_imported_and_listed_in_chinese() {
    let f = Fixture::initialized();
    let file = example("units.csv");
    let file = file.to_str().unwrap();
    let stderr = stderr_of(&f, &zh(&["units", "import", file]));
    assert!(
        stderr.starts_with("完成：新增 16 个单位，变更 0 个（"),
        "{stderr}"
    );
    all_chinese(&stderr);
    let stderr = stderr_of(&f, &zh(&["units", "import", file]));
    assert!(stderr.contains("没有改动：参评单位名册已与"), "{stderr}");
    all_chinese(&stderr);
    assert_eq!(
        f.log()[1]["summary"],
        "unit register imported (UTF-8): 16 added, 0 changed, 16 in all"
    );

    let changed = f.write(
        "inputs/units.csv",
        "code,name,category,party_head,备注\nC01,青川市东湖区,county,陈志远,\nX01,市新设单位,municipal-unit,张三,新设\n",
    );
    let stderr = stderr_of(&f, &zh(&["units", "import", changed, "--dry-run"]));
    assert!(
        stderr.contains("警告：`inputs/units.csv` 中有 banzi 不用的列，未导入：`备注`")
            && stderr.contains("试运行，未写入任何内容：将新增 1 个单位（X01），变更 1 个（C01）")
            && stderr.contains("注意：已登记的 15 个单位不在此文件中，已保留：C02、C03、"),
        "{stderr}"
    );
    all_chinese(&stderr);
    let out = f.banzi(&zh(&["units", "list"])).success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert_eq!(stderr, "共 16 个单位\n");
}

#[test]
fn a_refused_register_is_explained_in_chinese() {
    let f = Fixture::registered();
    let text = [
        HEADER,
        "C06,青川市南湖区,county,吴一,王二",
        "C06,青川市南湖区,county,吴一,王二",
        "../x,路径,county,a,b",
        "c01,小写,county,a,b",
        ",无代码,county,a,b",
        "M07,市教育局,municipal-unit,—,罗志强",
        "M08,,municipal-unit,,罗志强",
        "",
    ]
    .join("\n");
    let file = f.write("inputs/units.csv", &text);
    let stderr = f.fails_unchanged(&zh(&["units", "import", file]), INVALID);
    for words in [
        "错误：`inputs/units.csv` 有 7 行有误",
        "单位代码 `C06` 重复（首次出现在第 2 行）",
        "`../x` 不是有效的单位代码",
        "单位代码 `c01` 与已登记的 `C01` 只有大小写不同",
        "单位代码为空",
        "`—` 不是姓名：每个参评单位都要有党委（党组）书记",
        "单元格为空",
    ] {
        assert!(stderr.contains(words), "{words}\n{stderr}");
    }
    all_chinese(&stderr);

    let file = f.write("inputs/empty.csv", &format!("{HEADER}\n"));
    let stderr = f.fails_unchanged(&zh(&["units", "import", file]), INVALID);
    assert!(stderr.contains("文件只有表头，没有参评单位"), "{stderr}");

    let stderr = f.fails_unchanged(&zh(&["units", "import", "inputs/none.csv"]), INVALID);
    assert!(
        stderr.starts_with("错误：无法读取 `inputs/none.csv`：")
            && stderr.contains("提示：请检查文件名"),
        "{stderr}"
    );
}

#[test]
fn register_json_is_the_same_in_both_languages() {
    let en = Fixture::initialized();
    let zh = en.copy();
    let file = example("units.csv");
    let file = file.to_str().unwrap();
    for args in [
        vec!["units", "import", file, "--dry-run", "--json"],
        vec!["units", "import", file, "--json"],
        vec!["units", "list", "--json"],
    ] {
        assert_eq!(
            en.stdout(&[&args[..], &["--lang", "en"]].concat()),
            zh.stdout(&[&args[..], &["--lang", "zh-CN"]].concat()),
            "{args:?}"
        );
    }
}
