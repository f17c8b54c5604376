//! Workbook forms: `plan|self-assess|inspect template UNIT --xlsx`, filled in as a clerk would,
//! then submitted or imported as TOML is, with problems told by their cells.

use std::io::{Cursor, Read as _};
use std::path::Path;

use calamine::{Data, Reader as _, SheetVisible};
use predicates::prelude::*;
use rust_xlsxwriter::{ExcelDateTime, Format};

use crate::fixture::*;

/// A value a clerk types into a cell.
#[derive(Debug, Clone, Copy)]
enum Typed {
    Text(&'static str),
    Number(f64),
    Date(u16, u8, u8),
}
use Typed::*;

/// Row and column (both from 0) of a reference such as `B7`.
fn at(reference: &str) -> (u32, u16) {
    let split = reference.find(|c: char| c.is_ascii_digit()).unwrap();
    let (letters, digits) = reference.split_at(split);
    let column = letters
        .bytes()
        .fold(0u32, |n, b| n * 26 + u32::from(b - b'A' + 1));
    (digits.parse::<u32>().unwrap() - 1, (column - 1) as u16)
}

/// The workbook at `form` as a clerk saves it after typing `edits` (sheet, cell, value) into it:
/// every sheet's values as Excel keeps them (dates as dates, the hidden sheet hidden), the edits
/// written over them.
fn fill(form: &Path, edits: &[(&str, &str, Typed)]) -> Vec<u8> {
    let bytes = std::fs::read(form).unwrap();
    let mut sheets = calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).unwrap();
    let mut book = rust_xlsxwriter::Workbook::new();
    let date_format = Format::new().set_num_format("yyyy-mm-dd");
    for meta in sheets.sheets_metadata().to_vec() {
        let range = sheets.worksheet_range(&meta.name).unwrap();
        let sheet = book.add_worksheet();
        sheet.set_name(&meta.name).unwrap();
        sheet.set_hidden(meta.visible != SheetVisible::Visible);
        let (top, left) = range.start().unwrap_or((0, 0));
        for (r, cells) in range.rows().enumerate() {
            for (c, cell) in cells.iter().enumerate() {
                let (row, column) = (top + r as u32, (left as usize + c) as u16);
                match cell {
                    Data::String(s) => sheet.write_string(row, column, s).map(drop),
                    Data::Float(f) => sheet.write_number(row, column, *f).map(drop),
                    Data::Int(n) => sheet.write_number(row, column, *n as f64).map(drop),
                    Data::DateTime(d) => {
                        let serial = ExcelDateTime::from_serial_datetime(d.as_f64()).unwrap();
                        sheet
                            .write_date_with_format(row, column, &serial, &date_format)
                            .map(drop)
                    }
                    _ => Ok(()),
                }
                .unwrap();
            }
        }
        for (_, reference, value) in edits.iter().filter(|(s, _, _)| *s == meta.name) {
            let (row, column) = at(reference);
            match *value {
                Text(text) => sheet.write_string(row, column, text).map(drop),
                Number(n) => sheet.write_number(row, column, n).map(drop),
                Date(y, m, d) => {
                    let day = ExcelDateTime::from_ymd(y, m, d).unwrap();
                    sheet
                        .write_date_with_format(row, column, &day, &date_format)
                        .map(drop)
                }
            }
            .unwrap();
        }
    }
    book.save_to_buffer().unwrap()
}

/// A member of the xlsx (zip) package at `path`, as text.
fn package_part(path: &Path, part: &str) -> String {
    let file = std::fs::File::open(path).unwrap();
    let mut archive = zip::ZipArchive::new(file).unwrap();
    let mut text = String::new();
    archive
        .by_name(part)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

/// The plan form of C01 filled in: the five indicators of the template, and a sixth.
const PLAN: &[(&str, &str, Typed)] = &[
    ("基本信息", "B5", Text("东湖区委工作方案")),
    ("指标", "C2", Text("中心组学习不少于12次")),
    ("指标", "D2", Text("12次")),
    ("指标", "E2", Text("陈志远")),
    ("指标", "F2", Date(2026, 12, 31)),
    ("指标", "C3", Text("招商引资项目")),
    ("指标", "D3", Text("95%")),
    ("指标", "E3", Text("林晓峰")),
    ("指标", "G3", Text("含续建项目")),
    ("指标", "C4", Text("改革事项")),
    ("指标", "D4", Number(17.0)),
    ("指标", "E4", Text("周敏")),
    ("指标", "C5", Text("“三重一大”集体决策")),
    ("指标", "D5", Text("100%")),
    ("指标", "E5", Text("高建华")),
    ("指标", "C6", Text("廉政谈话")),
    ("指标", "D6", Text("全覆盖")),
    ("指标", "E6", Text("王五")),
    ("指标", "F6", Text("2026年11月30日")),
    ("指标", "A7", Text("P2")),
    ("指标", "B7", Text("政治强")),
    ("指标", "C7", Text("第一议题")),
    ("指标", "D7", Text("传达率100%")),
    ("指标", "E7", Text("陈志远")),
];

const PLAN_TOML: &str = r#"unit = "C01"
title = "东湖区委工作方案"

[[indicator]]
id = "P1"
criterion = "political"
goal = "中心组学习不少于12次"
target = "12次"
owner = "陈志远"
due = 2026-12-31

[[indicator]]
id = "A1"
criterion = "capability"
goal = "招商引资项目"
target = "95%"
owner = "林晓峰"
note = "含续建项目"

[[indicator]]
id = "V1"
criterion = "vitality"
goal = "改革事项"
target = "17"
owner = "周敏"

[[indicator]]
id = "H1"
criterion = "cohesion"
goal = "“三重一大”集体决策"
target = "100%"
owner = "高建华"

[[indicator]]
id = "Z1"
criterion = "conduct"
goal = "廉政谈话"
target = "全覆盖"
owner = "王五"
due = 2026-11-30

[[indicator]]
id = "P2"
criterion = "political"
goal = "第一议题"
target = "传达率100%"
owner = "陈志远""#;

#[test]
fn a_plan_form_filled_in_and_submitted_is_stored_as_toml() {
    let f = Fixture::registered();
    f.banzi(&["plan", "template", "C01", "--xlsx"])
        .success()
        .stdout("")
        .stderr(predicate::str::contains(
            "wrote the plan form of `C01` to `C01-plan.xlsx`; fill it in, then run `banzi plan submit C01 C01-plan.xlsx`",
        ));
    let filled = f.write_bytes(
        "inputs/C01-plan.xlsx",
        &fill(&f.root().join("C01-plan.xlsx"), PLAN),
    );
    f.banzi(&["plan", "submit", "C01", filled])
        .success()
        .stderr(predicate::str::contains("plan of C01 stored"));
    assert_eq!(
        f.stdout(&["plan", "show", "C01", "--toml"]).trim_end(),
        PLAN_TOML
    );

    // The journal names the workbook as the input, by its own bytes.
    let entry = f.log().pop().unwrap();
    let bytes = std::fs::read(f.root().join(filled)).unwrap();
    assert_eq!(
        entry["inputs"],
        serde_json::json!([{"path": filled, "sha256": sha256_hex(&bytes)}])
    );
    // The same form again changes nothing.
    f.banzi(&["plan", "submit", "C01", filled])
        .success()
        .stderr(predicate::str::contains("unchanged"));
}

#[test]
fn a_bad_cell_is_reported_by_its_reference_and_nothing_is_stored() {
    let f = Fixture::registered();
    f.banzi(&["plan", "template", "C01", "--xlsx"]).success();
    let mut edits = PLAN.to_vec();
    edits.extend([
        ("指标", "B7", Text("活力")),
        ("指标", "F3", Text("2026/2/30")),
    ]);
    let filled = f.write_bytes(
        "inputs/C01-plan.xlsx",
        &fill(&f.root().join("C01-plan.xlsx"), &edits),
    );
    let stderr = f.fails_unchanged(&["plan", "submit", "C01", filled], INVALID);
    assert!(
        stderr.contains(
            "inputs/C01-plan.xlsx:指标:F3: 完成时限: `2026/2/30` is not a day of the calendar"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("inputs/C01-plan.xlsx:指标:B7: 评价内容: unknown criterion `活力`"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("indicator = "),
        "no TOML is shown: {stderr}"
    );
    assert!(
        !stderr.contains(":11:"),
        "no line of the TOML is named: {stderr}"
    );

    // In Chinese, the same places.
    let stderr = f.fails_unchanged(
        &["--lang", "zh-CN", "plan", "submit", "C01", filled],
        INVALID,
    );
    assert!(
        stderr.contains("inputs/C01-plan.xlsx:指标:B7: 评价内容：不认识的评价内容 `活力`"),
        "{stderr}"
    );
}

#[test]
fn a_self_assessment_form_with_a_bad_rating_is_refused_then_stored_once_corrected() {
    let f = Fixture::planned();
    f.banzi(&["self-assess", "template", "C01", "--xlsx"])
        .success();
    let form = f.root().join("C01-self-assessment.xlsx");
    let mut edits = vec![
        ("基本信息", "B5", Text("总体完成了年度任务")),
        ("评分", "C2", Number(92.0)),
        ("评分", "C3", Number(90.0)),
        ("评分", "C4", Text("优")),
        ("评分", "C5", Number(91.0)),
        ("评分", "C6", Number(89.5)),
    ];
    for row in 2..=8 {
        let leak = |s: String| &*Box::leak(s.into_boxed_str());
        edits.push(("指标", leak(format!("F{row}")), Text("已完成")));
        edits.push(("指标", leak(format!("G{row}")), Text("按期完成")));
    }
    let filled = f.write_bytes("inputs/C01-self-assessment.xlsx", &fill(&form, &edits));
    let stderr = f.fails_unchanged(&["self-assess", "submit", "C01", filled], INVALID);
    assert!(
        stderr.contains(
            "inputs/C01-self-assessment.xlsx:评分:C4: 自评分: `优` is not a rating: write a number from 0 to 100"
        ),
        "{stderr}"
    );

    edits.push(("评分", "C4", Number(87.0)));
    let filled = f.write_bytes("inputs/C01-self-assessment.xlsx", &fill(&form, &edits));
    f.banzi(&["self-assess", "submit", "C01", filled]).success();
    assert_eq!(f.steps("C01"), ("done".to_owned(), "done".to_owned()));
    let stored = f.read_text("self-assessments/C01.toml");
    assert!(
        stored.starts_with(
            "unit = \"C01\"\nsummary = \"总体完成了年度任务\"\n\n[ratings]\npolitical = 92\n"
        ),
        "{stored}"
    );
    assert!(stored.contains("\nconduct = 89.5\n"), "{stored}");
    assert!(
        stored.contains("[[indicator]]\nid = \"P1\"\nstatus = \"done\"\nactual = \"按期完成\"\n"),
        "{stored}"
    );
}

#[test]
fn an_inspection_form_is_recorded_and_imported_from_a_folder() {
    let f = Fixture::self_assessed();
    f.banzi(&["inspect", "template", "C01", "--xlsx"]).success();
    let mut edits = vec![
        ("基本信息", "B5", Text("个别谈话")),
        ("基本信息", "B7", Text("郭文彬、严国栋")),
        ("基本信息", "B8", Text("班子团结")),
        ("指标", "E2", Text("部分完成")),
        ("指标", "F2", Text("学习记录不全")),
    ];
    for (row, rating) in ["C2", "C3", "C4", "C5", "C6"]
        .into_iter()
        .zip([90.0, 86.0, 84.0, 88.0, 91.0])
    {
        edits.push(("评分", row, Number(rating)));
    }
    let filled = fill(&f.root().join("C01-inspection.xlsx"), &edits);
    let file = f.write_bytes("inputs/C01-talk.xlsx", &filled);
    f.banzi(&["inspect", "record", "C01", file])
        .success()
        .stderr(predicate::str::contains("inspections/C01/talk-1.toml"));
    let stored = f.read_text("inspections/C01/talk-1.toml");
    assert!(
        stored.starts_with("unit = \"C01\"\nmethod = \"talk\"\ndate = 2026-11-24\ninspectors = [\"郭文彬\", \"严国栋\"]\nfindings = \"班子团结\"\n"),
        "{stored}"
    );
    assert!(
        stored.contains(
            "[[verification]]\nindicator = \"P1\"\nstatus = \"partial\"\nnote = \"学习记录不全\"\n"
        ),
        "{stored}"
    );

    // A folder of forms, beside a lock file Excel leaves while one is open.
    edits[0] = ("基本信息", "B5", Text("听汇报"));
    f.write_bytes(
        "inputs/visits/C01-hearing.xlsx",
        &fill(&f.root().join("C01-inspection.xlsx"), &edits),
    );
    f.write_bytes("inputs/visits/~$C01-hearing.xlsx", b"\x00lock");
    f.banzi(&["inspect", "import", "inputs/visits"]).success();
    assert!(
        f.read_text("inspections/C01/hearing-1.toml")
            .contains("method = \"hearing\"")
    );
}

#[test]
fn a_folder_of_plan_forms_is_imported_as_toml_files_are() {
    let f = Fixture::registered();
    std::fs::create_dir(f.root().join("inputs")).unwrap();
    f.banzi(&[
        "plan",
        "template",
        "C01",
        "--xlsx",
        "-o",
        "inputs/blank-C01.xlsx",
    ])
    .success()
    .stderr(predicate::str::contains("`inputs/blank-C01.xlsx`"));
    f.banzi(&[
        "plan",
        "template",
        "C02",
        "--xlsx",
        "--out",
        "inputs/blank-C02.xlsx",
    ])
    .success();
    f.write_bytes(
        "inputs/plans/C01-plan.xlsx",
        &fill(&f.root().join("inputs/blank-C01.xlsx"), PLAN),
    );
    f.write_bytes(
        "inputs/plans/C02-plan.xlsx",
        &fill(&f.root().join("inputs/blank-C02.xlsx"), PLAN),
    );
    f.write_bytes("inputs/plans/.~C02-plan.xlsx", b"WPS lock");
    f.write_bytes("inputs/plans/~$C01-plan.xlsx", b"Excel lock");
    f.write("inputs/plans/C03.toml", &example_text("plans/C03.toml"));
    let outcome = f.json(&["plan", "import", "inputs/plans"]);
    assert_eq!(outcome["stored"], serde_json::json!(["C01", "C02", "C03"]));
    assert_eq!(f.read_text("plans/C01.toml").trim_end(), PLAN_TOML);
    assert!(
        f.read_text("plans/C02.toml")
            .starts_with("unit = \"C02\"\n")
    );

    // A form given for another unit, or of another step, is refused.
    let stderr = f.fails_unchanged(
        &["plan", "submit", "C02", "inputs/plans/C01-plan.xlsx"],
        INVALID,
    );
    assert!(
        stderr.contains("is the form of unit `C01`, not of `C02`"),
        "{stderr}"
    );
    f.banzi(&["self-assess", "template", "C01", "--xlsx"])
        .success();
    let stderr = f.fails_unchanged(
        &["plan", "submit", "C01", "C01-self-assessment.xlsx"],
        INVALID,
    );
    assert!(
        stderr.contains("`C01-self-assessment.xlsx` is the self-assessment form of unit `C01`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("banzi self-assess submit C01 C01-self-assessment.xlsx"),
        "{stderr}"
    );
}

#[test]
fn a_form_is_never_written_over_a_file() {
    let f = Fixture::registered();
    f.banzi(&["plan", "template", "C01", "--xlsx"]).success();
    let form = f.root().join("C01-plan.xlsx");
    let filled = fill(&form, PLAN);
    std::fs::write(&form, &filled).unwrap();
    let stderr = f.fails(&["plan", "template", "C01", "--xlsx"], INVALID);
    assert!(
        stderr.contains("`C01-plan.xlsx` already exists"),
        "{stderr}"
    );
    assert!(stderr.contains("--out FILE"), "{stderr}");
    assert_eq!(std::fs::read(&form).unwrap(), filled);

    // --out without --xlsx is a usage error.
    f.fails(&["plan", "template", "C01", "--out", "x.xlsx"], USAGE);
}

#[test]
fn the_forms_carry_their_lists_as_data_validations() {
    let f = Fixture::self_assessed();
    f.banzi(&["plan", "template", "C01", "--xlsx", "-o", "plan.xlsx"])
        .success();
    f.banzi(&[
        "self-assess",
        "template",
        "C01",
        "--xlsx",
        "-o",
        "self.xlsx",
    ])
    .success();
    f.banzi(&["inspect", "template", "C01", "--xlsx", "-o", "inspect.xlsx"])
        .success();

    let indicators = package_part(&f.root().join("plan.xlsx"), "xl/worksheets/sheet2.xml");
    assert!(indicators.contains("<dataValidation "), "{indicators}");
    assert!(
        indicators.contains("\"政治强,能力强,活力强,合力强,作风硬\""),
        "{indicators}"
    );
    assert!(indicators.contains("<pane "), "the header row is frozen");

    let indicators = package_part(&f.root().join("self.xlsx"), "xl/worksheets/sheet2.xml");
    assert!(
        indicators.contains("\"已完成,部分完成,未完成\""),
        "{indicators}"
    );
    let ratings = package_part(&f.root().join("self.xlsx"), "xl/worksheets/sheet3.xml");
    assert!(
        ratings.contains("type=\"decimal\"") && ratings.contains("<formula2>100</formula2>"),
        "{ratings}"
    );
    let info = package_part(&f.root().join("inspect.xlsx"), "xl/worksheets/sheet1.xml");
    assert!(
        info.contains("\"听汇报,个别谈话,查资料,实地看,召开座谈会\""),
        "{info}"
    );
    assert!(info.contains("type=\"date\""), "{info}");
    let workbook = package_part(&f.root().join("inspect.xlsx"), "xl/workbook.xml");
    assert!(
        workbook.contains("name=\"banzi\" sheetId=\"4\" state=\"hidden\""),
        "{workbook}"
    );
}

/// The script that fills a form in with openpyxl, as another office program would: the form's
/// path, then the filled one's; on stdin, JSON `[sheet, cell, value]`s whose value is a string,
/// a number or `{"date": "YYYY-MM-DD"}`.
const OPENPYXL: &str = r#"
import datetime, json, sys
import openpyxl
book = openpyxl.load_workbook(sys.argv[1])
for sheet, cell, value in json.load(sys.stdin):
    if isinstance(value, dict):
        book[sheet][cell] = datetime.date.fromisoformat(value["date"])
        book[sheet][cell].number_format = "yyyy-mm-dd"
    else:
        book[sheet][cell] = value
book.save(sys.argv[2])
"#;

#[test]
fn a_form_filled_in_by_another_program_is_read() {
    // openpyxl loads the form whole (styles, lists, notes, protection, the hidden sheet) and
    // saves it again its own way, as another office program does.
    if !openpyxl_available() {
        return;
    }
    let f = Fixture::registered();
    f.banzi(&["plan", "template", "C01", "--xlsx"]).success();
    let edits: Vec<serde_json::Value> = PLAN
        .iter()
        .map(|(sheet, cell, value)| {
            let value = match *value {
                Text(text) => serde_json::json!(text),
                Number(n) => serde_json::json!(n),
                Date(y, m, d) => serde_json::json!({ "date": format!("{y:04}-{m:02}-{d:02}") }),
            };
            serde_json::json!([sheet, cell, value])
        })
        .collect();
    let mut python = std::process::Command::new("python3")
        .args(["-c", OPENPYXL, "C01-plan.xlsx", "C01-filled.xlsx"])
        .current_dir(f.root())
        .stdin(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    serde_json::to_writer(python.stdin.take().unwrap(), &edits).unwrap();
    assert!(python.wait().unwrap().success());
    f.banzi(&["plan", "submit", "C01", "C01-filled.xlsx"])
        .success();
    assert_eq!(f.read_text("plans/C01.toml").trim_end(), PLAN_TOML);
}

#[test]
fn a_form_filled_in_libreoffice_is_read() {
    // LibreOffice re-saves the form as a clerk's office suite would, styles, lists and all.
    let Ok(soffice) = which_soffice() else {
        eprintln!("soffice is not installed; skipped");
        return;
    };
    let f = Fixture::registered();
    f.banzi(&["plan", "template", "C01", "--xlsx", "-o", "inputs/C01.xlsx"])
        .success();
    std::fs::write(
        f.root().join("inputs/C01.xlsx"),
        fill(&f.root().join("inputs/C01.xlsx"), PLAN),
    )
    .unwrap();
    let out = f.root().join("resaved");
    let status = std::process::Command::new(soffice)
        .args(["--headless", "--convert-to", "xlsx", "--outdir"])
        .arg(&out)
        .arg(f.root().join("inputs/C01.xlsx"))
        .env("HOME", f.root())
        .status()
        .unwrap();
    assert!(status.success());
    f.banzi(&["plan", "submit", "C01", "resaved/C01.xlsx"])
        .success();
    assert_eq!(f.read_text("plans/C01.toml").trim_end(), PLAN_TOML);
}

fn which_soffice() -> Result<std::path::PathBuf, ()> {
    std::env::var_os("PATH")
        .into_iter()
        .flat_map(|paths| std::env::split_paths(&paths).collect::<Vec<_>>())
        .map(|dir| dir.join("soffice"))
        .find(|p| p.is_file())
        .ok_or(())
}

/// The stored plan written as a form and submitted unchanged: the same plan, though the form's
/// TOML is written otherwise than the hand-written file, so nothing changes, even once the
/// self-assessment has locked the plan. The same goes for a self-assessment.
#[test]
fn a_form_of_the_stored_record_submitted_unchanged_is_no_change() {
    let f = Fixture::example().through(banzi::steps::Step::SelfAssess);
    let entries = f.log().len();
    let plan = f.root().join("C01-plan.xlsx");
    f.banzi(&["plan", "template", "C01", "--xlsx"]);
    f.banzi(&["plan", "submit", "C01", plan.to_str().unwrap()])
        .stderr(predicate::str::contains(
            "unchanged: the plan of C01 is already stored with the same content",
        ));
    let form = f.root().join("C01-self-assessment.xlsx");
    f.banzi(&["self-assess", "template", "C01", "--xlsx"]);
    f.banzi(&["self-assess", "submit", "C01", form.to_str().unwrap()])
        .stderr(predicate::str::contains(
            "unchanged: the self-assessment of C01 is already stored with the same content",
        ));
    assert_eq!(f.log().len(), entries, "nothing was journaled");

    // A changed cell is a change, refused while the self-assessment locks the plan.
    let changed = fill(&plan, &[("指标", "E2", Text("另一位责任人"))]);
    std::fs::write(&plan, changed).unwrap();
    f.fails_unchanged(
        &["plan", "submit", "C01", plan.to_str().unwrap()],
        STEP_ORDER,
    );
}
