//! `--xlsx FILE` on the list exports (`units list`, `shortlist show`, `publicize feedback list`,
//! `commend show`): each workbook is read back with calamine, the other crate, and holds the rows
//! `--json` gives, typed (numbers as numbers, dates as dates), under Chinese headers whatever the
//! language, its header row frozen and its columns wide enough for Chinese; a 说明 sheet names
//! banzi's version and the journal head. The same campaign gives the same bytes; a file inside
//! the campaign or not named `.xlsx` is refused, and a refusal leaves no file half written.

use std::collections::BTreeMap;
use std::io::Read as _;
use std::path::Path;

use banzi::steps::Step;
use calamine::{Data, DataType as _, Reader as _, Xlsx};
use unicode_width::UnicodeWidthStr as _;

use crate::fixture::*;

/// The four list exports, each with the header of its column of unit names.
const LISTS: [(&[&str], &str); 4] = [
    (&["units", "list"], "单位名称"),
    (&["shortlist", "show"], "单位名称"),
    (&["publicize", "feedback", "list"], "单位名称"),
    (&["commend", "show"], "单位名称"),
];

/// The codes of the five criteria, in the order of their columns.
const CRITERIA: [&str; 5] = ["political", "capability", "vitality", "cohesion", "conduct"];

/// The example city through the commendation, approved, with one opinion entered on the notice
/// and resolved as not substantiated.
fn commended() -> Fixture {
    let f = Fixture::example().through(Step::Publicize);
    f.banzi(&[
        "publicize",
        "feedback",
        "add",
        "--unit",
        "C01",
        "--channel",
        "phone",
        "--summary",
        "反映东湖区自评材料中“三重一大”事项记录不全，请核查",
        "--anonymous",
    ])
    .success();
    f.banzi(&["publicize", "investigate", "F1", "--by", "干部监督科"])
        .success();
    f.banzi(&[
        "publicize",
        "resolve",
        "F1",
        "--finding",
        "unsubstantiated",
        "--note",
        "查无实据",
        "--by",
        "干部监督科",
    ])
    .success();
    f.propose();
    f.after_notice(&[
        "commend",
        "approve",
        "--decision-no",
        "市委〔2026〕12号",
        "--date",
        "2026-12-20",
    ])
    .success();
    f
}

/// `args` with `--xlsx name`, which must succeed; gives stdout and stderr.
fn export(f: &Fixture, args: &[&str], name: &str) -> (String, String) {
    let output = f
        .banzi(&[args, &["--xlsx", name]].concat())
        .success()
        .get_output()
        .clone();
    (
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

/// Every sheet of a workbook by name, in order, each as its rows of cells.
fn sheets(path: &Path) -> Vec<(String, Vec<Vec<Data>>)> {
    let mut book: Xlsx<_> = calamine::open_workbook(path).unwrap();
    book.sheet_names()
        .into_iter()
        .map(|name| {
            let range = book.worksheet_range(&name).unwrap();
            let rows = range.rows().map(<[Data]>::to_vec).collect();
            (name, rows)
        })
        .collect()
}

/// The list: the first sheet, as its headers and its rows keyed by header.
fn list(path: &Path) -> (Vec<String>, Vec<BTreeMap<String, Data>>) {
    let (_, rows) = sheets(path).remove(0);
    let headers: Vec<String> = rows[0].iter().map(|h| h.to_string()).collect();
    let records = rows[1..]
        .iter()
        .map(|row| {
            headers
                .iter()
                .cloned()
                .zip(row.iter().cloned().chain(std::iter::repeat(Data::Empty)))
                .collect()
        })
        .collect();
    (headers, records)
}

/// The 说明 sheet as item → value.
fn about(path: &Path) -> BTreeMap<String, Data> {
    let (name, rows) = sheets(path)
        .into_iter()
        .find(|(name, _)| name == "说明")
        .expect("a 说明 sheet");
    assert_eq!(name, "说明");
    rows[1..]
        .iter()
        .map(|r| (r[0].to_string(), r[1].clone()))
        .collect()
}

/// A part of the workbook's package, as text.
fn part(path: &Path, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut text = String::new();
    zip.by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

/// The width of each column of the first sheet as `<col>` gives it, by column number from 1.
fn widths(path: &Path) -> BTreeMap<usize, f64> {
    let sheet = part(path, "xl/worksheets/sheet1.xml");
    let attribute = |col: &str, name: &str| -> String {
        let at = col.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        col[at..].split('"').next().unwrap().to_owned()
    };
    let mut widths = BTreeMap::new();
    for col in sheet.split("<col ").skip(1) {
        let col = col.split("/>").next().unwrap();
        let width: f64 = attribute(col, "width").parse().unwrap();
        let min: usize = attribute(col, "min").parse().unwrap();
        let max: usize = attribute(col, "max").parse().unwrap();
        for n in min..=max {
            widths.insert(n, width);
        }
    }
    widths
}

fn text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

/// Whether two scores are the same number; serde_json reads the last digit of `--json` loosely.
fn same(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => (a - b).abs() <= 1e-9 * a.abs().max(1.0),
        (a, b) => a == b,
    }
}

fn number(cell: &Data) -> Option<f64> {
    match cell {
        Data::Float(x) => Some(*x),
        Data::Int(n) => Some(*n as f64),
        Data::Empty => None,
        other => panic!("{other:?} is not a number"),
    }
}

/// What every list export shares: Chinese headers, the header row frozen and filtered, the
/// column of names wide enough for the longest, and a 说明 sheet with the version and the head.
fn check_shape(f: &Fixture, path: &Path, command: &str, name_header: &str) {
    let (headers, rows) = list(path);
    for header in &headers {
        assert!(
            header
                .chars()
                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{command}: header `{header}` is not Chinese"
        );
    }
    let sheet = part(path, "xl/worksheets/sheet1.xml");
    assert!(
        sheet.contains(r#"ySplit="1""#),
        "{command}: no frozen header"
    );
    assert!(sheet.contains(r#"state="frozen""#), "{command}: {sheet}");
    assert!(sheet.contains("<autoFilter"), "{command}: no filter");
    assert!(
        sheet.contains(&format!("banzi {}", env!("CARGO_PKG_VERSION"))),
        "{command}: no version in the page footer"
    );

    let column = headers.iter().position(|h| h == name_header).unwrap() + 1;
    let longest = rows
        .iter()
        .map(|r| text(&r[name_header]).width())
        .max()
        .unwrap_or(0);
    let width = widths(path)[&column];
    assert!(
        width >= longest as f64,
        "{command}: `{name_header}` is {width} wide for names {longest} wide"
    );

    let head = f.json(&["verify"])["head"].as_str().unwrap().to_owned();
    let about = about(path);
    assert_eq!(
        text(&about["banzi 版本"]),
        env!("CARGO_PKG_VERSION"),
        "{command}"
    );
    assert_eq!(text(&about["日志头"]), head, "{command}");
    assert_eq!(text(&about["活动"]), CAMPAIGN_NAME, "{command}");
    assert!(
        text(&about["导出命令"]).starts_with(command),
        "{command}: {about:?}"
    );
    assert!(
        sheet.contains(&head),
        "{command}: no head in the page footer"
    );
    let properties = part(path, "docProps/custom.xml");
    assert!(properties.contains(&head), "{command}: {properties}");
}

#[test]
fn every_list_export_has_chinese_headers_a_frozen_header_wide_columns_and_its_provenance() {
    let f = commended();
    for (i, (args, name_header)) in LISTS.iter().enumerate() {
        let name = format!("list-{i}.xlsx");
        let (stdout, stderr) = export(&f, args, &name);
        assert_eq!(stdout, "", "{args:?} prints nothing with --xlsx");
        assert!(stderr.contains(&format!("wrote `{name}`")), "{stderr}");
        check_shape(
            &f,
            &f.root().join(&name),
            &format!("banzi {}", args.join(" ")),
            name_header,
        );
    }
}

#[test]
fn the_register_is_the_json_register_under_headers_units_import_reads() {
    let f = Fixture::registered();
    export(&f, &["units", "list"], "units.xlsx");
    let (headers, rows) = list(&f.root().join("units.xlsx"));
    assert_eq!(
        headers,
        [
            "代码",
            "单位名称",
            "类别",
            "党委（党组）书记",
            "行政主要负责人"
        ]
    );
    let json = f.json(&["units", "list"]);
    let units = json.as_array().unwrap();
    assert_eq!(rows.len(), units.len());
    for (row, unit) in rows.iter().zip(units) {
        assert_eq!(
            row["代码"],
            Data::String(unit["code"].as_str().unwrap().into())
        );
        assert_eq!(text(&row["单位名称"]), unit["name"].as_str().unwrap());
        assert_eq!(
            text(&row["党委（党组）书记"]),
            unit["party_head"].as_str().unwrap()
        );
        assert_eq!(
            text(&row["行政主要负责人"]),
            unit["government_head"].as_str().unwrap_or_default()
        );
        let category = match unit["category"].as_str().unwrap() {
            "county" => "县级",
            "department" => "市委部门",
            _ => "市直单位",
        };
        assert_eq!(text(&row["类别"]), category);
    }
}

/// Needs `units import` to read `.xlsx`, which the shared workbook reader brings.
#[test]
fn an_exported_register_imports_again_with_no_change() {
    let f = Fixture::registered();
    export(&f, &["units", "list"], "units.xlsx");
    let imported = f.json(&["units", "import", "units.xlsx", "--dry-run"]);
    assert_eq!(imported["added"], serde_json::json!([]), "{imported:#}");
    assert_eq!(imported["changed"], serde_json::json!([]), "{imported:#}");
    assert_eq!(
        imported["not_in_file"],
        serde_json::json!([]),
        "{imported:#}"
    );
}

#[test]
fn the_shortlist_has_the_json_units_in_order_with_scores_and_ranks_as_numbers() {
    let f = Fixture::drawn();
    export(&f, &["shortlist", "show"], "shortlist.xlsx");
    let path = f.root().join("shortlist.xlsx");
    let (headers, rows) = list(&path);
    let json = f.json(&["shortlist", "show"]);
    let units = json["units"].as_array().unwrap();
    assert_eq!(rows.len(), units.len());
    let criteria: Vec<String> = headers
        .iter()
        .skip_while(|h| *h != "综合得分")
        .skip(1)
        .take_while(|h| *h != "年度考核等次")
        .cloned()
        .collect();
    assert_eq!(
        criteria,
        ["政治强", "能力强", "活力强", "合力强", "作风硬"],
        "{headers:?}"
    );
    for (row, unit) in rows.iter().zip(units) {
        assert_eq!(text(&row["单位代码"]), unit["unit"].as_str().unwrap());
        assert_eq!(number(&row["排名"]), unit["rank"].as_f64(), "{row:?}");
        assert!(
            same(number(&row["综合得分"]), unit["composite"].as_f64()),
            "{row:?}"
        );
        if unit["composite"].is_number() {
            assert!(matches!(row["综合得分"], Data::Float(_)), "{row:?}");
        }
        let decision = match unit["decision"].as_str().unwrap() {
            "included" => "列入",
            "excluded" => "不列入",
            "withdrawn" => "退出参评",
            "vetoed" => "一票否决",
            _ => "取消参评资格",
        };
        assert_eq!(text(&row["决定"]), decision);
        let reasons: Vec<&str> = unit["reasons"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r.as_str().unwrap())
            .collect();
        assert_eq!(text(&row["理由"]), reasons.join("\n"));
        for (name, code) in criteria.iter().zip(CRITERIA) {
            assert!(
                same(number(&row[name]), unit["criteria"][code].as_f64()),
                "{name}: {row:?}"
            );
        }
    }
    let about = about(&path);
    assert_eq!(number(&about["初步名单版本"]), Some(1.0));
    assert!(text(&about["县级"]).starts_with("县级："), "{about:?}");
}

#[test]
fn the_opinions_and_the_final_list_are_the_json_rows_with_dates_as_dates() {
    let f = commended();
    export(&f, &["publicize", "feedback", "list"], "opinions.xlsx");
    let (_, rows) = list(&f.root().join("opinions.xlsx"));
    let json = f.json(&["publicize", "feedback", "list"]);
    let opinions = json.as_array().unwrap();
    assert_eq!(rows.len(), opinions.len());
    for (row, opinion) in rows.iter().zip(opinions) {
        assert_eq!(text(&row["编号"]), opinion["id"].as_str().unwrap());
        assert!(row["收到日期"].is_datetime(), "{row:?}");
        assert_eq!(
            row["收到日期"].as_date().unwrap().to_string(),
            opinion["received"].as_str().unwrap()
        );
        assert_eq!(text(&row["单位"]), opinion["unit"].as_str().unwrap());
        assert_eq!(text(&row["内容摘要"]), opinion["summary"].as_str().unwrap());
        assert_eq!(text(&row["核查情况"]), opinion["finding"].as_str().unwrap());
        assert_eq!(text(&row["状态"]), "不属实", "{row:?}");
        assert_eq!(number(&row["公示批次"]), Some(1.0));
    }

    export(&f, &["commend", "show"], "final.xlsx");
    let path = f.root().join("final.xlsx");
    let (_, rows) = list(&path);
    let json = f.json(&["commend", "show"]);
    let units = json["units"].as_array().unwrap();
    assert_eq!(rows.len(), units.len());
    for (row, unit) in rows.iter().zip(units) {
        assert_eq!(text(&row["单位代码"]), unit["unit"].as_str().unwrap());
        assert_eq!(text(&row["单位名称"]), unit["name"].as_str().unwrap());
        assert_eq!(number(&row["名次"]), unit["rank"].as_f64());
        assert!(
            same(number(&row["综合得分"]), unit["composite"].as_f64()),
            "{row:?}"
        );
    }
    let about = about(&path);
    assert_eq!(text(&about["决定文号"]), "市委〔2026〕12号");
    assert_eq!(
        about["成文日期"]
            .as_date()
            .map(|d| d.to_string())
            .as_deref(),
        Some("2026-12-20")
    );
}

#[test]
fn the_headers_are_chinese_whatever_the_language_and_json_still_goes_to_stdout() {
    let f = Fixture::registered();
    let json = f.stdout(&["units", "list", "--json"]);
    let output = f
        .command(&["units", "list", "--json", "--xlsx", "units.xlsx"])
        .env("BANZI_LANG", "zh-CN")
        .assert()
        .success()
        .get_output()
        .clone();
    assert_eq!(String::from_utf8(output.stdout).unwrap(), json);
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("已写入 `units.xlsx`（16 行）"), "{stderr}");
    let english = f
        .command(&["units", "list", "--xlsx", "english.xlsx"])
        .env("BANZI_LANG", "en")
        .assert()
        .success();
    assert!(english.get_output().stdout.is_empty());
    assert_eq!(
        list(&f.root().join("units.xlsx")).0,
        list(&f.root().join("english.xlsx")).0
    );
}

#[test]
fn the_same_campaign_gives_the_same_bytes_whatever_the_day_and_the_file_name() {
    let f = commended();
    for (i, (args, _)) in LISTS.iter().enumerate() {
        let first = format!("first-{i}.xlsx");
        let again = format!("again-{i}.xlsx");
        export(&f, args, &first);
        f.command(&[*args, &["--xlsx", again.as_str()]].concat())
            .env("BANZI_NOW", "2027-03-01T16:45:00+08:00")
            .assert()
            .success();
        assert!(
            std::fs::read(f.root().join(&first)).unwrap()
                == std::fs::read(f.root().join(&again)).unwrap(),
            "{args:?} differs from one export to the next"
        );
    }
}

#[test]
fn a_workbook_inside_the_campaign_is_refused_and_nothing_is_written() {
    let f = Fixture::registered();
    for target in ["campaign/units.xlsx", "campaign/units/../名册.xlsx"] {
        let stderr = f.fails_unchanged(&["units", "list", "--xlsx", target], INVALID);
        assert!(stderr.contains("lies inside the campaign"), "{stderr}");
        assert!(stderr.contains("outside the campaign folder"), "{stderr}");
    }
}

#[test]
fn a_name_not_ending_in_xlsx_is_refused_before_the_campaign_is_read() {
    let f = Fixture::registered();
    for (args, name) in [
        (&["units", "list"][..], "units.csv"),
        (&["shortlist", "show"][..], "list.xls"),
        (&["publicize", "feedback", "list"][..], "opinions"),
        (&["commend", "show"][..], ".xlsx"),
    ] {
        let stderr = f.fails_unchanged(&[args, &["--xlsx", name]].concat(), USAGE);
        assert!(
            stderr.contains(&format!("`{name}` is not an `.xlsx` file")),
            "{stderr}"
        );
        assert!(
            stderr.contains("hint: name the workbook with `.xlsx`"),
            "{stderr}"
        );
        assert!(!f.root().join(name).exists());
    }
    // The extension in any case is Excel's.
    export(&f, &["units", "list"], "UNITS.XLSX");
}

/// The names in the temporary folder besides the campaign and the inputs.
fn loose_files(f: &Fixture) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(f.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != CAMPAIGN && n != "inputs")
        .collect();
    names.sort();
    names
}

#[test]
fn a_failed_export_leaves_no_half_written_file_and_the_last_export_as_it_was() {
    let f = Fixture::drawn();
    // A folder where the file should go: nothing can be renamed onto it.
    std::fs::create_dir(f.root().join("folder.xlsx")).unwrap();
    let stderr = f.fails_unchanged(&["units", "list", "--xlsx", "folder.xlsx"], INVALID);
    assert!(stderr.contains("cannot write `folder.xlsx`"), "{stderr}");
    assert!(f.root().join("folder.xlsx").is_dir());
    // A folder that does not exist.
    let stderr = f.fails_unchanged(&["units", "list", "--xlsx", "missing/units.xlsx"], INVALID);
    assert!(
        stderr.contains("cannot write `missing/units.xlsx`"),
        "{stderr}"
    );
    assert_eq!(loose_files(&f), ["folder.xlsx"]);

    // A refused export leaves the file of the last one as it was.
    f.write_bytes("final.xlsx", b"the last export");
    f.fails_unchanged(&["commend", "show", "--xlsx", "final.xlsx"], STEP_ORDER);
    assert_eq!(
        std::fs::read(f.root().join("final.xlsx")).unwrap(),
        b"the last export"
    );
    // And an export that succeeds replaces it whole.
    export(&f, &["shortlist", "show"], "final.xlsx");
    assert_eq!(
        sheets(&f.root().join("final.xlsx"))[0].0,
        "初步名单（第1版）"
    );
    assert_eq!(loose_files(&f), ["final.xlsx", "folder.xlsx"]);
}

#[test]
fn a_stale_list_is_refused_as_its_csv_is_and_an_earlier_version_is_exported_as_it_was() {
    let f = Fixture::drawn();
    f.banzi(&["withdraw", "M06", "--reason", "机构调整，退出参评"])
        .success();
    let stderr = f.fails_unchanged(&["shortlist", "show", "--xlsx", "list.xlsx"], STEP_ORDER);
    assert!(stderr.contains("stale"), "{stderr}");
    assert!(!f.root().join("list.xlsx").exists());
    export(&f, &["shortlist", "show", "--version", "1"], "list.xlsx");
    let about = about(&f.root().join("list.xlsx"));
    assert!(about.contains_key("已过时"), "{about:?}");
    assert_eq!(text(&about["导出命令"]), "banzi shortlist show --version 1");
}
