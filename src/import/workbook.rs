//! Workbooks in (.xlsx, and the .xls, .xlsb and .ods calamine also reads): a sheet's cells as
//! the text an import reads, with the places people find them by in Excel or WPS.

use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Range, Reader as _, Sheets};

use crate::error::{Diagnostic, Error};
use crate::messages::import as say;

/// The extensions read as workbooks, whatever their first bytes say.
pub const EXTENSIONS: &[&str] = &["xlsx", "xlsm", "xls", "xlsb", "ods"];

/// Whether `path` is named as a workbook.
pub fn is_workbook(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.iter().any(|w| w.eq_ignore_ascii_case(e)))
}

/// A workbook read whole from disk.
pub struct Workbook {
    pub path: std::path::PathBuf,
    /// SHA-256 of the file's bytes, as a text input's is.
    pub sha256: String,
    sheets: Sheets<Cursor<Vec<u8>>>,
}

/// One sheet's used cells.
pub struct Sheet {
    pub name: String,
    range: Range<Data>,
}

impl Workbook {
    pub fn open(path: &Path) -> anyhow::Result<Workbook> {
        let bytes = std::fs::read(path).map_err(|e| super::cannot_read(path, e))?;
        let sha256 = crate::store::sha256_hex(&bytes);
        let sheets = calamine::open_workbook_auto_from_rs(Cursor::new(bytes))
            .map_err(|e| workbook_error(path, &e.to_string()))?;
        Ok(Workbook {
            path: path.to_owned(),
            sha256,
            sheets,
        })
    }

    pub fn sheet_names(&self) -> Vec<String> {
        self.sheets.sheet_names()
    }

    /// The sheet called `name`, or the first sheet.
    pub fn sheet(&mut self, name: Option<&str>) -> Result<Sheet, Error> {
        let names = self.sheet_names();
        let name = match name {
            Some(name) => names
                .iter()
                .find(|n| n.as_str() == name)
                .or_else(|| names.iter().find(|n| n.trim() == name.trim()))
                .ok_or_else(|| {
                    Error::invalid(say::no_such_sheet(self.path.display(), name))
                        .with_hint(say::sheets_are(&listing(&names)))
                })?,
            None => names
                .first()
                .ok_or_else(|| Error::invalid(say::no_sheets(self.path.display())))?,
        }
        .clone();
        let range = self
            .sheets
            .worksheet_range(&name)
            .map_err(|e| workbook_error(&self.path, &e.to_string()))?;
        Ok(Sheet { name, range })
    }
}

impl Sheet {
    /// The sheet's rows, each with its number as Excel shows it (from 1), every row from the
    /// first used one to the last; rows left empty in between are there, with empty cells, so
    /// that a row's place is never lost. Cells start at column A.
    pub fn rows(&self) -> impl Iterator<Item = (u32, Vec<&Data>)> {
        let (top, left) = self.range.start().unwrap_or((0, 0));
        self.range.rows().enumerate().map(move |(i, cells)| {
            let mut row: Vec<&Data> = vec![&Data::Empty; left as usize];
            row.extend(cells);
            (top + i as u32 + 1, row)
        })
    }

    /// The cell at `row` (from 1, as Excel numbers rows) and `column` (from 0), empty if unused.
    pub fn cell(&self, row: u32, column: u32) -> &Data {
        self.range
            .get_value((row.saturating_sub(1), column))
            .unwrap_or(&Data::Empty)
    }

    /// A problem at a place of this sheet: a row number or a cell reference.
    pub fn problem(&self, file: &Path, place: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic::in_sheet(file, &self.name, place, message)
    }
}

/// A cell's reference as Excel writes it: column letters, then the row (from 1), e.g. `B7`.
pub fn cell_ref(row: u32, column: u32) -> String {
    let mut letters = Vec::new();
    let mut n = column + 1;
    while n > 0 {
        let digit = (n - 1) % 26;
        letters.push(b'A' + digit as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    format!(
        "{}{row}",
        String::from_utf8(letters).expect("ASCII letters")
    )
}

/// A cell as the text an import reads: text as typed, a number in its shortest form (`90`, not
/// `90.0`), a date as `YYYY-MM-DD` (with the time when it has one), TRUE or FALSE; a cell
/// holding an Excel error (`#N/A`, `#DIV/0!`) or a duration is a problem, not a value.
pub fn cell_text(cell: &Data) -> Result<String, String> {
    Ok(match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(n) => n.to_string(),
        Data::Float(f) => number_text(*f),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_owned(),
        Data::DateTimeIso(s) => s.clone(),
        Data::DateTime(d) if d.is_duration() => return Err(say::cell_duration()),
        Data::DateTime(d) => match d.as_datetime() {
            Some(t) if t.time() == chrono::NaiveTime::MIN => t.date().to_string(),
            Some(t) => t.format("%Y-%m-%d %H:%M:%S").to_string(),
            None => return Err(say::cell_date_out_of_range(&d.as_f64().to_string())),
        },
        Data::DurationIso(_) => return Err(say::cell_duration()),
        Data::Error(e) => return Err(say::cell_error(&e.to_string())),
    })
}

/// A number as people typed it: whole numbers without a fraction, others in the shortest form
/// that reads back as the same number.
fn number_text(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        f.to_string()
    }
}

fn listing(names: &[String]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(&say::names_separator())
}

fn workbook_error(path: &Path, cause: &str) -> Error {
    Error::invalid(say::not_a_workbook(path.display(), cause)).with_hint(say::not_a_workbook_hint())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_references_run_past_z() {
        assert_eq!(cell_ref(7, 1), "B7");
        assert_eq!(cell_ref(1, 0), "A1");
        assert_eq!(cell_ref(3, 25), "Z3");
        assert_eq!(cell_ref(3, 26), "AA3");
        assert_eq!(cell_ref(9, 701), "ZZ9");
        assert_eq!(cell_ref(9, 702), "AAA9");
    }

    #[test]
    fn cells_read_as_people_typed_them() {
        assert_eq!(cell_text(&Data::Float(90.0)).unwrap(), "90");
        assert_eq!(cell_text(&Data::Float(85.5)).unwrap(), "85.5");
        assert_eq!(cell_text(&Data::Float(0.1)).unwrap(), "0.1");
        assert_eq!(cell_text(&Data::Int(-3)).unwrap(), "-3");
        assert_eq!(cell_text(&Data::String(" 好 ".into())).unwrap(), " 好 ");
        assert_eq!(cell_text(&Data::Empty).unwrap(), "");
        assert!(cell_text(&Data::Error(calamine::CellErrorType::NA)).is_err());
    }

    #[test]
    fn dates_are_read_as_iso_dates() {
        use calamine::{ExcelDateTime, ExcelDateTimeType};
        // 46357 is 2026-12-01 in Excel's 1900 date system.
        let date = ExcelDateTime::new(46357.0, ExcelDateTimeType::DateTime, false);
        assert_eq!(cell_text(&Data::DateTime(date)).unwrap(), "2026-12-01");
        let noon = ExcelDateTime::new(46357.5, ExcelDateTimeType::DateTime, false);
        assert_eq!(
            cell_text(&Data::DateTime(noon)).unwrap(),
            "2026-12-01 12:00:00"
        );
        let duration = ExcelDateTime::new(1.5, ExcelDateTimeType::TimeDelta, false);
        assert!(cell_text(&Data::DateTime(duration)).is_err());
    }
}
