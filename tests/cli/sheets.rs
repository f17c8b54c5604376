//! Workbooks in every table import (issue 15): an `.xlsx` sheet is read with the headers,
//! validation and all-or-nothing rule of CSV and stores the same records; problems are placed at
//! `file.xlsx:SHEET:ROW` with Excel's row numbers, blank rows counted; cells read as a clerk typed
//! them (numbers without `.0`, dates as dates) and an Excel error value is refused at its cell;
//! `--sheet NAME` picks a sheet; a workbook named `.csv` is told to be renamed.
//!
//! The workbooks are made here from the example city's CSV files, as a clerk's Excel would hold
//! them: numbers as numbers, dates as dates, everything else as text.

use std::path::Path;

use banzi::steps::{ANNUAL_FILE, INSPECTORS_FILE, OPINIONS_FILE, Step, UNITS_FILE, VOTES_FILE};
use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook};
use serde_json::{Value, json};

use crate::fixture::*;

/// How a clerk's Excel holds the cells of a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Number,
    Date,
}

/// A cell of a sheet to write.
#[derive(Debug, Clone)]
enum Cell {
    Empty,
    Text(String),
    Number(f64),
    /// A date, shown in Excel with this number format.
    Date(u16, u8, u8, &'static str),
    /// A formula whose result Excel saved as this error value.
    Error(&'static str, &'static str),
}

/// A sheet's rows from row 1; an empty row is a blank row of the sheet.
type Rows = Vec<Vec<Cell>>;

/// The date format of a clerk's Excel in China.
const ISO_DATE: &str = "yyyy-mm-dd";

/// One table import of the command line, with the example file its CSV import reads.
struct Import {
    /// The words after `banzi`, before the file.
    command: &'static [&'static str],
    /// The example city's file of this import.
    example: &'static str,
    /// The record the import writes, from the step table.
    record: &'static str,
    /// The campaign just before the import.
    campaign: fn() -> Fixture,
    /// The clock of the import: opinions are received after the notice opens.
    now: &'static str,
    /// The columns Excel holds as numbers or dates, by header; the others are text.
    typed: &'static [(&'static str, Kind)],
    /// A cell to spoil: its column's header and a value the import refuses.
    bad: (&'static str, &'static str),
}

/// When the example city's opinions (received 2026-12-08 and 09) are imported.
const AFTER_OPINIONS: &str = "2026-12-10T09:30:00+08:00";

/// Every table import. [`every_command_that_reads_a_sheet_is_tested_here`] holds this list to
/// the command line's: a command that takes `--sheet` and is missing here fails it.
const IMPORTS: [Import; 5] = [
    Import {
        command: &["units", "import"],
        example: "units.csv",
        record: UNITS_FILE,
        campaign: Fixture::initialized,
        now: NOW,
        typed: &[],
        bad: ("category", "乡镇"),
    },
    Import {
        command: &["inspect", "import-assessment"],
        example: "annual-2026.csv",
        record: ANNUAL_FILE,
        campaign: Fixture::registered,
        now: NOW,
        typed: &[("year", Kind::Number), ("score", Kind::Number)],
        bad: ("score", "101"),
    },
    Import {
        command: &["inspect", "import-votes"],
        example: "votes-2026.csv",
        record: VOTES_FILE,
        campaign: Fixture::registered,
        now: NOW,
        typed: &[],
        bad: ("单位代码", "C99"),
    },
    Import {
        command: &["inspectors", "import"],
        example: "inspectors.csv",
        record: INSPECTORS_FILE,
        campaign: Fixture::registered,
        now: NOW,
        typed: &[],
        bad: ("home_unit", "C99"),
    },
    Import {
        command: &["publicize", "feedback", "import"],
        example: "opinions.csv",
        record: OPINIONS_FILE,
        campaign: taking_opinions,
        now: AFTER_OPINIONS,
        typed: &[("收到日期", Kind::Date), ("联系方式", Kind::Number)],
        bad: ("单位代码", "C02"),
    },
];

/// The example city with its notice open and a key for signed reports, at `keys/reporters.key`.
fn taking_opinions() -> Fixture {
    let f = Fixture::example().through(Step::Publicize);
    std::fs::create_dir_all(f.root().join("keys")).unwrap();
    f.banzi(&["publicize", "keygen", "--out", "keys/reporters.key"])
        .success();
    f
}

impl Import {
    /// The stem of the example file, to name the files a test writes.
    fn name(&self) -> &'static str {
        self.example.trim_end_matches(".csv")
    }

    /// The import of `file`, then `extra`.
    fn args<'a>(&self, file: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
        [self.command, &[file], extra].concat()
    }

    /// Runs the import of `file` (with `extra` after it) on `f` at the import's clock.
    fn run(&self, f: &Fixture, file: &str, extra: &[&str]) -> assert_cmd::assert::Assert {
        f.command(&self.args(file, extra))
            .env("BANZI_NOW", self.now)
            .assert()
    }

    /// Runs the import of `file`, asserting it succeeds.
    fn imports(&self, f: &Fixture, file: &str, extra: &[&str]) {
        self.run(f, file, extra).success();
    }

    /// Runs the import of `file`, asserting it is refused with exit 4 and leaves the campaign
    /// byte for byte as it was; gives stderr.
    fn refused(&self, f: &Fixture, file: &str, extra: &[&str]) -> String {
        let before = f.snapshot_dir();
        let out = self.run(f, file, extra).code(INVALID);
        assert_same_dir(&before, &f.snapshot_dir());
        String::from_utf8(out.get_output().stderr.clone()).unwrap()
    }

    /// How Excel holds the cells of the column headed `header`.
    fn kind(&self, header: &str) -> Kind {
        self.typed
            .iter()
            .find(|(h, _)| *h == header)
            .map_or(Kind::Text, |(_, k)| *k)
    }

    /// The example file as a sheet: its header, then its rows, each cell as Excel holds it.
    fn sheet(&self) -> Rows {
        let text = example_text(self.example);
        let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
        let headers: Vec<String> = reader
            .headers()
            .unwrap()
            .iter()
            .map(str::to_owned)
            .collect();
        for (header, _) in self.typed {
            assert!(
                headers.iter().any(|h| h == header),
                "{header} in {headers:?}"
            );
        }
        let mut rows = vec![headers.iter().map(|h| Cell::Text(h.clone())).collect()];
        for record in reader.records() {
            let record = record.unwrap();
            let row = headers
                .iter()
                .zip(&record)
                .map(|(header, text)| self.cell(header, text))
                .collect();
            rows.push(row);
        }
        rows
    }

    /// `text`, typed in the column headed `header`, as Excel holds it.
    fn cell(&self, header: &str, text: &str) -> Cell {
        if text.is_empty() {
            return Cell::Empty;
        }
        match self.kind(header) {
            Kind::Text => Cell::Text(text.to_owned()),
            Kind::Number => Cell::Number(text.parse().unwrap()),
            Kind::Date => {
                let (y, m, d) = date_of(text);
                Cell::Date(y, m, d, ISO_DATE)
            }
        }
    }

    /// The column of `sheet` (its first non-blank row the header) headed `header`.
    fn column(sheet: &Rows, header: &str) -> usize {
        let headers = sheet.iter().find(|r| !r.is_empty()).unwrap();
        headers
            .iter()
            .position(|c| matches!(c, Cell::Text(h) if h == header))
            .unwrap_or_else(|| panic!("no column {header}"))
    }

    /// Whether the command line gives this import `--sheet`.
    fn takes_sheet(&self) -> bool {
        let mut cmd = banzi::cli::command();
        for word in self.command {
            cmd = cmd
                .find_subcommand(word)
                .unwrap_or_else(|| panic!("no subcommand {word} of {:?}", self.command))
                .clone();
        }
        cmd.get_arguments().any(|a| a.get_long() == Some("sheet"))
    }
}

/// A date the example files write as `2026-12-08`, `2026/12/8` or `2026年12月9日`.
fn date_of(text: &str) -> (u16, u8, u8) {
    let parts: Vec<&str> = text
        .split(['-', '/', '年', '月', '日'])
        .filter(|p| !p.is_empty())
        .collect();
    match parts[..] {
        [y, m, d] => (y.parse().unwrap(), m.parse().unwrap(), d.parse().unwrap()),
        _ => panic!("`{text}` is not a date of the examples"),
    }
}

/// Writes a workbook of `sheets`, each a name and its rows from row 1, with rust_xlsxwriter.
fn write_xlsx(path: &Path, sheets: &[(&str, &Rows)]) {
    let mut book = Workbook::new();
    for (name, rows) in sheets {
        let sheet = book.add_worksheet();
        sheet.set_name(*name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                match cell {
                    Cell::Empty => continue,
                    Cell::Text(text) => sheet.write_string(r, c, text),
                    Cell::Number(n) => sheet.write_number(r, c, *n),
                    Cell::Date(y, m, d, format) => sheet.write_datetime_with_format(
                        r,
                        c,
                        ExcelDateTime::from_ymd(*y, *m, *d).unwrap(),
                        &Format::new().set_num_format(*format),
                    ),
                    Cell::Error(formula, result) => {
                        sheet.write_formula(r, c, Formula::new(*formula).set_result(*result))
                    }
                }
                .unwrap();
            }
        }
    }
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    book.save(path).unwrap();
}

/// The example file of `import` as a one-sheet workbook `inputs/NAME.xlsx` of `f`; gives its
/// path as typed.
fn example_xlsx(f: &Fixture, import: &Import) -> String {
    let file = format!("inputs/{}.xlsx", import.name());
    write_xlsx(&f.root().join(&file), &[("Sheet1", &import.sheet())]);
    file
}

/// The record `import` wrote on `f`, a signed reporter's ciphertext (random, by design) made
/// `SEALED` once it is there.
fn stored(f: &Fixture, import: &Import) -> String {
    let text = f.read_text(import.record);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let Some(sealed) = headers.iter().position(|h| h == "sealed_reporter") else {
        return text;
    };
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(&headers).unwrap();
    for record in reader.records() {
        let record = record.unwrap();
        out.write_record(record.iter().enumerate().map(|(i, cell)| {
            if i == sealed && !cell.is_empty() {
                "SEALED"
            } else {
                cell
            }
        }))
        .unwrap();
    }
    String::from_utf8(out.into_inner().unwrap()).unwrap()
}

/// The last journal entry of `f`.
fn last_entry(f: &Fixture) -> Value {
    f.log().pop().unwrap()
}

/// Asserts that `import` of the workbook `write` makes of its example file (given the path to
/// write and the sheet) stores what the CSV import of that file stores, with the workbook's
/// SHA-256 journaled as the entry's input; gives the campaign imported from the workbook.
fn same_as_csv(import: &Import, write: &dyn Fn(&Path, &Rows)) -> Fixture {
    let from_xlsx = (import.campaign)();
    let from_csv = from_xlsx.copy();
    import.imports(&from_csv, example(import.example).to_str().unwrap(), &[]);

    let file = format!("inputs/{}.xlsx", import.name());
    write(&from_xlsx.root().join(&file), &import.sheet());
    import.imports(&from_xlsx, &file, &[]);

    assert_eq!(
        stored(&from_xlsx, import),
        stored(&from_csv, import),
        "{:?}: the workbook stored other records than the CSV file",
        import.command
    );
    let (xlsx_entry, csv_entry) = (last_entry(&from_xlsx), last_entry(&from_csv));
    let paths = |entry: &Value| {
        entry["records"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["path"].clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        paths(&xlsx_entry),
        paths(&csv_entry),
        "{:?}",
        import.command
    );
    assert!(
        paths(&xlsx_entry).contains(&json!(import.record)),
        "{xlsx_entry:#}"
    );
    let bytes = std::fs::read(from_xlsx.root().join(&file)).unwrap();
    assert_eq!(
        xlsx_entry["inputs"],
        json!([{ "path": file, "sha256": sha256_hex(&bytes) }]),
        "{:?}",
        import.command
    );
    from_xlsx
}

// ---------------------------------------------------------------------------------------------
// The same records as from CSV.

#[test]
fn every_command_that_reads_a_sheet_is_tested_here() {
    fn walk(path: &[String], cmd: &clap::Command, out: &mut Vec<Vec<String>>) {
        if cmd.get_arguments().any(|a| a.get_long() == Some("sheet")) {
            out.push(path.to_vec());
        }
        for sub in cmd.get_subcommands() {
            walk(&[path, &[sub.get_name().to_owned()]].concat(), sub, out);
        }
    }
    let mut reading = Vec::new();
    walk(&[], &banzi::cli::command(), &mut reading);
    assert!(!reading.is_empty(), "some command takes --sheet");
    for command in reading {
        assert!(
            IMPORTS.iter().any(|i| i.command == command),
            "`banzi {}` reads a sheet: add it to IMPORTS in tests/cli/sheets.rs",
            command.join(" ")
        );
    }
}

#[test]
fn every_import_of_a_workbook_stores_what_the_csv_stores_and_journals_the_workbooks_hash() {
    for import in &IMPORTS {
        same_as_csv(import, &|path, rows| write_xlsx(path, &[("Sheet1", rows)]));
    }
}

#[test]
fn a_sheet_with_blank_rows_and_a_blank_first_column_imports_as_its_csv_does() {
    // As a clerk lays a sheet out: a margin in column A, two blank rows above the header and
    // one after every fifth row.
    let laid_out = |path: &Path, rows: &Rows| {
        let mut sheet: Rows = vec![Vec::new(), Vec::new()];
        for (i, row) in rows.iter().enumerate() {
            sheet.push([&[Cell::Empty], &row[..]].concat());
            if i % 5 == 1 {
                sheet.push(Vec::new());
            }
        }
        write_xlsx(path, &[("Sheet1", &sheet)]);
    };
    for import in &IMPORTS {
        same_as_csv(import, &laid_out);
    }
}

/// The script that writes a workbook with openpyxl: JSON on stdin, a list of `[name, rows]`
/// whose cells are `null`, a string, a number or `{"date": "YYYY-MM-DD", "format": …}`.
const OPENPYXL: &str = r#"
import datetime, json, sys
import openpyxl
book = openpyxl.Workbook()
book.remove(book.active)
for name, rows in json.load(sys.stdin):
    sheet = book.create_sheet(name)
    for r, row in enumerate(rows, start=1):
        for c, cell in enumerate(row, start=1):
            if cell is None:
                continue
            if isinstance(cell, dict):
                written = sheet.cell(row=r, column=c, value=datetime.date.fromisoformat(cell["date"]))
                written.number_format = cell["format"]
            else:
                sheet.cell(row=r, column=c, value=cell)
book.save(sys.argv[1])
"#;

/// Writes a workbook of one sheet `Sheet` of `rows` with openpyxl.
fn write_with_openpyxl(path: &Path, rows: &Rows) {
    let cells: Vec<Vec<Value>> = rows
        .iter()
        .map(|row| {
            row.iter()
                .map(|cell| match cell {
                    Cell::Empty => Value::Null,
                    Cell::Text(text) => json!(text),
                    Cell::Number(n) => json!(n),
                    Cell::Date(y, m, d, format) => {
                        json!({ "date": format!("{y:04}-{m:02}-{d:02}"), "format": format })
                    }
                    Cell::Error(..) => panic!("openpyxl saves no result of a formula"),
                })
                .collect()
        })
        .collect();
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let mut python = std::process::Command::new("python3")
        .args(["-c", OPENPYXL])
        .arg(path)
        .stdin(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    serde_json::to_writer(python.stdin.take().unwrap(), &json!([["Sheet", cells]])).unwrap();
    assert!(
        python.wait().unwrap().success(),
        "openpyxl wrote no workbook"
    );
}

#[test]
fn a_workbook_made_by_openpyxl_imports_as_its_csv_does() {
    if !openpyxl_available() {
        return;
    }
    for import in &IMPORTS {
        same_as_csv(import, &write_with_openpyxl);
    }
}

// ---------------------------------------------------------------------------------------------
// Problems at Excel's rows.

/// The example sheet of `import` laid out as a clerk leaves it: two blank rows above the header
/// (on row 3), its first data row on row 4, a blank row 5, and the third data row on row 7,
/// whose cell in column `header` is `cell`.
fn with_blank_rows(import: &Import, header: &str, cell: Cell) -> Rows {
    let mut rows = import.sheet();
    let column = Import::column(&rows, header);
    rows[3][column] = cell;
    rows.insert(2, Vec::new());
    rows.insert(0, Vec::new());
    rows.insert(0, Vec::new());
    rows
}

/// The lines of `stderr` that place a problem in `file`.
fn placed<'s>(stderr: &'s str, file: &str) -> Vec<&'s str> {
    stderr
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with(&format!("{file}:")))
        .collect()
}

/// Writes `rows` as the CSV file a clerk would save of them: cells as typed, numbers in their
/// shortest form, dates as `YYYY-MM-DD`, a blank row as an empty line.
fn write_csv(path: &Path, rows: &Rows) {
    let mut text = String::new();
    for row in rows {
        let cells: Vec<String> = row
            .iter()
            .map(|cell| match cell {
                Cell::Empty => String::new(),
                Cell::Text(text) => text.clone(),
                Cell::Number(n) => n.to_string(),
                Cell::Date(y, m, d, _) => format!("{y:04}-{m:02}-{d:02}"),
                Cell::Error(_, result) => (*result).to_owned(),
            })
            .collect();
        text.push_str(&cells.join(","));
        text.push('\n');
    }
    std::fs::write(path, text).unwrap();
}

#[test]
fn a_bad_cell_is_refused_at_the_row_excel_shows_as_csv_refuses_it_and_nothing_is_stored() {
    for import in &IMPORTS {
        let f = (import.campaign)();
        let (header, value) = import.bad;
        let rows = with_blank_rows(import, header, import.cell(header, value));
        let file = format!("inputs/{}.xlsx", import.name());
        write_xlsx(&f.root().join(&file), &[("Sheet1", &rows)]);
        let stderr = import.refused(&f, &file, &[]);
        let problems = placed(&stderr, &file);
        assert_eq!(
            problems.len(),
            1,
            "{:?}: one problem, on row 7:\n{stderr}",
            import.command
        );
        let prefix = format!("{file}:Sheet1:7: ");
        assert!(
            problems[0].starts_with(&prefix),
            "{:?}: not `{prefix}…`:\n{stderr}",
            import.command
        );
        // A number is quoted as it was typed, not as the float Excel keeps.
        assert!(
            problems[0].contains(&format!("`{value}`")),
            "{:?}: `{value}` not quoted:\n{stderr}",
            import.command
        );

        // The same rows saved as CSV, blank lines and all, are refused alike on line 7.
        let csv = format!("inputs/{}.csv", import.name());
        write_csv(&f.root().join(&csv), &rows);
        let from_csv = import.refused(&f, &csv, &[]);
        let as_csv: Vec<String> = problems
            .iter()
            .map(|l| l.replacen(&format!("{file}:Sheet1:"), &format!("{csv}:"), 1))
            .collect();
        assert_eq!(
            as_csv,
            placed(&from_csv, &csv),
            "{:?}: the CSV file is refused otherwise:\n{from_csv}",
            import.command
        );
    }
}

#[test]
fn an_excel_error_value_is_refused_naming_its_row_and_column() {
    for import in &IMPORTS {
        let f = (import.campaign)();
        let (header, _) = import.bad;
        let file = format!("inputs/{}.xlsx", import.name());
        let rows = with_blank_rows(import, header, Cell::Error("=NA()", "#N/A"));
        write_xlsx(&f.root().join(&file), &[("Sheet1", &rows)]);
        let stderr = import.refused(&f, &file, &[]);
        let expected =
            format!("{file}:Sheet1:7: {header}: the cell holds the Excel error #N/A, not data");
        assert!(
            placed(&stderr, &file)
                .iter()
                .any(|l| l.starts_with(&expected)),
            "{:?}: no `{expected}` in\n{stderr}",
            import.command
        );
    }
}

#[test]
fn every_error_value_of_a_sheet_is_refused_with_a_hint() {
    for import in &IMPORTS {
        let f = (import.campaign)();
        let (header, _) = import.bad;
        let mut rows = with_blank_rows(import, header, Cell::Error("=NA()", "#N/A"));
        let column = Import::column(&rows, header);
        rows[5][column] = Cell::Error("=1/0", "#DIV/0!");
        let file = format!("inputs/{}.xlsx", import.name());
        write_xlsx(&f.root().join(&file), &[("Sheet1", &rows)]);
        let stderr = import.refused(&f, &file, &[]);
        for (row, error) in [(6, "#DIV/0!"), (7, "#N/A")] {
            let expected =
                format!("{file}:Sheet1:{row}: {header}: the cell holds the Excel error {error}");
            assert!(
                stderr.contains(&expected),
                "{:?}: no `{expected}` in\n{stderr}",
                import.command
            );
        }
        assert!(
            stderr.contains("\nhint: "),
            "{:?}: no hint:\n{stderr}",
            import.command
        );
    }
}

#[test]
fn a_sheet_holding_only_its_header_is_refused_at_the_row_after_it() {
    for import in &IMPORTS {
        let f = (import.campaign)();
        // The header on row 3, below two blank rows, and nothing after it.
        let rows = vec![Vec::new(), Vec::new(), import.sheet().swap_remove(0)];
        let file = format!("inputs/{}.xlsx", import.name());
        write_xlsx(&f.root().join(&file), &[("Sheet1", &rows)]);
        let stderr = import.refused(&f, &file, &[]);
        let problems = placed(&stderr, &file);
        assert!(
            problems.len() == 1 && problems[0].starts_with(&format!("{file}:Sheet1:4: ")),
            "{:?}: not placed on row 4, after the header:\n{stderr}",
            import.command
        );
    }
}

// ---------------------------------------------------------------------------------------------
// `--sheet NAME`.

/// The notes a clerk keeps on a workbook's first sheet.
fn notes() -> Rows {
    vec![
        vec![Cell::Text("填表说明".to_owned())],
        vec![Cell::Text(
            "数据在“2026年”工作表中，请勿改动表头".to_owned(),
        )],
    ]
}

/// `--sheet` picks the named sheet of a two-sheet workbook, and places its problems there; the
/// first sheet is read without it; an unknown name is refused naming the sheets, and `--sheet`
/// on a CSV file is refused.
fn the_named_sheet_is_read(import: &Import) {
    assert!(import.takes_sheet(), "{:?} takes --sheet", import.command);
    let f = (import.campaign)();
    let file = format!("inputs/{}.xlsx", import.name());
    let data = import.sheet();
    write_xlsx(
        &f.root().join(&file),
        &[("说明", &notes()), ("2026年", &data)],
    );

    // Without `--sheet`, the notes are read, and refused as such.
    let stderr = import.refused(&f, &file, &[]);
    assert!(
        stderr.contains(&format!("{file}:说明:")),
        "{:?}: the first sheet is read:\n{stderr}",
        import.command
    );

    // A bad cell of the named sheet is placed in it.
    let (header, value) = import.bad;
    let spoiled = with_blank_rows(import, header, import.cell(header, value));
    let bad = format!("inputs/{}-bad.xlsx", import.name());
    write_xlsx(
        &f.root().join(&bad),
        &[("说明", &notes()), ("2026年", &spoiled)],
    );
    let stderr = import.refused(&f, &bad, &["--sheet", "2026年"]);
    assert!(
        stderr.contains(&format!("{bad}:2026年:7: ")),
        "{:?}:\n{stderr}",
        import.command
    );

    // An unknown name is refused, naming the sheets there are.
    let stderr = import.refused(&f, &file, &["--sheet", "2025年"]);
    for said in [
        format!("`{file}` has no sheet called `2025年`"),
        "its sheets are: `说明`, `2026年`".to_owned(),
    ] {
        assert!(
            stderr.contains(&said),
            "{:?}: no `{said}` in\n{stderr}",
            import.command
        );
    }

    // A CSV file has no sheets.
    let csv = example(import.example);
    let csv = csv.to_str().unwrap();
    let stderr = import.refused(&f, csv, &["--sheet", "2026年"]);
    assert!(
        stderr.contains(&format!(
            "`{csv}` is a text file; only a workbook has sheets"
        )),
        "{:?}:\n{stderr}",
        import.command
    );

    // The named sheet imports as the CSV file does.
    let from_csv = f.copy();
    import.imports(&from_csv, csv, &[]);
    import.imports(&f, &file, &["--sheet", "2026年"]);
    assert_eq!(
        stored(&f, import),
        stored(&from_csv, import),
        "{:?}",
        import.command
    );
}

#[test]
fn sheet_picks_a_sheet_by_name_in_every_import_that_takes_it() {
    let taking: Vec<&Import> = IMPORTS.iter().filter(|i| i.takes_sheet()).collect();
    assert!(
        taking.len() >= 3,
        "the annual, votes and inspectors imports take --sheet"
    );
    for import in taking {
        the_named_sheet_is_read(import);
    }
}

/// The import whose command ends in `words`.
fn import_of(words: &[&str]) -> &'static Import {
    IMPORTS.iter().find(|i| i.command.ends_with(words)).unwrap()
}

#[test]
fn units_import_picks_a_sheet_by_name() {
    the_named_sheet_is_read(import_of(&["units", "import"]));
}

#[test]
fn feedback_import_picks_a_sheet_by_name() {
    the_named_sheet_is_read(import_of(&["feedback", "import"]));
}

// ---------------------------------------------------------------------------------------------
// A workbook named `.csv`.

#[test]
fn a_workbook_named_csv_is_refused_by_every_import_and_imports_once_renamed_as_hinted() {
    for import in &IMPORTS {
        let f = (import.campaign)();
        let xlsx = example_xlsx(&f, import);
        let named_csv = format!("inputs/{}-saved.csv", import.name());
        std::fs::rename(f.root().join(&xlsx), f.root().join(&named_csv)).unwrap();
        let stderr = import.refused(&f, &named_csv, &[]);
        for said in [
            format!(
                "`{named_csv}` is an Excel/WPS workbook (.xlsx), not CSV text, though it is named .csv"
            ),
            "hint: rename it to .xlsx and import it as it is (banzi reads workbooks)".to_owned(),
        ] {
            assert!(
                stderr.contains(&said),
                "{:?}: no `{said}` in\n{stderr}",
                import.command
            );
        }

        // Renamed as the hint says, it imports.
        let renamed = named_csv.replace(".csv", ".xlsx");
        std::fs::rename(f.root().join(&named_csv), f.root().join(&renamed)).unwrap();
        import.imports(&f, &renamed, &[]);
    }
}

// ---------------------------------------------------------------------------------------------
// Dates.

#[test]
fn a_date_cell_imports_as_that_date_whatever_its_format() {
    let import = import_of(&["feedback", "import"]);
    let mut rows = import.sheet();
    let column = Import::column(&rows, "收到日期");
    // As clerks format dates: ISO, with slashes, and in Chinese.
    let written = [
        ((2026, 12, 8), ISO_DATE, "2026-12-08"),
        ((2026, 12, 8), "yyyy/m/d", "2026-12-08"),
        ((2026, 12, 9), "yyyy\"年\"m\"月\"d\"日\"", "2026-12-09"),
    ];
    assert_eq!(rows.len(), written.len() + 1);
    for (row, ((y, m, d), format, _)) in rows[1..].iter_mut().zip(written) {
        row[column] = Cell::Date(y, m, d, format);
    }
    let f = (import.campaign)();
    write_xlsx(&f.root().join("inputs/dates.xlsx"), &[("Sheet1", &rows)]);
    import.imports(&f, "inputs/dates.xlsx", &[]);

    let listed = f.json(&["publicize", "feedback", "list"]);
    let received: Vec<&Value> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|o| &o["received"])
        .collect();
    let expected: Vec<Value> = written.iter().map(|(.., iso)| json!(iso)).collect();
    assert_eq!(received, expected.iter().collect::<Vec<_>>(), "{listed:#}");
    // After the period (to 2026-11-30), so late.
    assert!(
        listed.as_array().unwrap().iter().all(|o| o["late"] == true),
        "{listed:#}"
    );
}

#[test]
fn a_signed_reporters_contact_typed_as_a_number_is_sealed_as_typed() {
    let import = import_of(&["feedback", "import"]);
    let f = (import.campaign)();
    let file = example_xlsx(&f, import);
    import.imports(&f, &file, &[]);
    let signed = f
        .json(&["publicize", "feedback", "list"])
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["anonymous"] == false)
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let shown = f.json(&[
        "publicize",
        "feedback",
        "show",
        &signed,
        "--reveal-reporter",
        "--identity",
        "keys/reporters.key",
        "--reason",
        "核查需要",
    ]);
    assert_eq!(shown["reporter"], "王某某", "{shown:#}");
    assert_eq!(shown["reporter_contact"], "13900000000", "{shown:#}");
}
