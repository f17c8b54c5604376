//! Workbooks in: a sheet of an Office Open XML workbook (.xlsx, .xlsm, what Excel and WPS save
//! by default) as the text an import reads, with the places people find its cells by. The
//! older and rarer formats (.xls, .xlsb, .ods, an encrypted workbook) are recognised and refused
//! with the way to save them as .xlsx.
//!
//! calamine reads a workbook trusting what the file says of itself, so a hostile file could make
//! it allocate without bound (a zip bomb, two cells a million rows apart, one long text shared
//! by a million cells). Before calamine reads a file its format is told by its first bytes, each
//! zipped part's inflation is checked with the zip crate, and a sheet is read a cell at a time,
//! stopped as soon as it spans or holds more than limits no real workbook nears, in proportion
//! to the file's size. A panic in calamine is caught and said as a damaged file.

use std::io::{Cursor, Read as _};
use std::path::{Path, PathBuf};

use calamine::{Cell, Data, DataRef, Range, Reader as _, Xlsx};

use crate::error::{Diagnostic, Error};
use crate::messages::import as say;

/// The extensions of workbooks, whatever their first bytes say: the two read, and those refused
/// with the way to save them as .xlsx (`.et` is WPS's own).
pub const EXTENSIONS: &[&str] = &["xlsx", "xlsm", "xls", "xlsb", "ods", "et"];

/// Whether `path` is named as a workbook.
pub fn is_workbook(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.iter().any(|w| w.eq_ignore_ascii_case(e)))
}

// The limits, each far beyond a real workbook and each bounding what a hostile one costs.

/// The largest workbook read: a million-row votes sheet is about 30 MB of xlsx.
const MAX_FILE: u64 = 256 << 20;
/// The largest part of a zipped workbook once inflated: a million-row sheet is ~300-500 MB of XML.
const MAX_PART: u64 = 1 << 30;
/// How many times a zipped part may inflate: sheet XML inflates 10-30 times, a zip bomb a thousand.
const MAX_INFLATION: u64 = 100;
/// Parts up to this size may inflate more: a few repetitive KB of styles do, and cost nothing.
const SMALL_PART: u64 = 1 << 20;
/// The most cells a workbook's sheets may span: a million rows of 16 columns, twice a votes sheet.
const MAX_CELLS: u64 = 16_000_000;
/// The cells any workbook may span however small it is: a table and a stray cell far below it.
const MIN_CELLS: u64 = 1 << 20;
/// Cells per byte of the file: a real sheet takes 3 bytes a cell or more, a bomb far less.
const CELLS_PER_BYTE: u64 = 2;
/// The most text (bytes of UTF-8) the cells may hold: a million-row votes sheet holds ~50 MB.
const MAX_TEXT: u64 = 1 << 30;
/// The text any workbook may hold however small it is.
const MIN_TEXT: u64 = 64 << 20;
/// Text per byte of the file: more is one long text repeated in very many cells.
const TEXT_PER_BYTE: u64 = 16;
/// The most characters a cell holds: Excel's and WPS's own limit.
pub(crate) const MAX_CELL_CHARS: usize = 32_767;

/// What a file of a given size may cost once read.
#[derive(Clone, Copy)]
struct Budget {
    cells: u64,
    text: u64,
}

impl Budget {
    fn of(bytes: usize) -> Budget {
        let bytes = bytes as u64;
        Budget {
            cells: bytes
                .saturating_mul(CELLS_PER_BYTE)
                .clamp(MIN_CELLS, MAX_CELLS),
            text: bytes
                .saturating_mul(TEXT_PER_BYTE)
                .clamp(MIN_TEXT, MAX_TEXT),
        }
    }
}

/// How many rows and columns a sheet's cells span, as calamine lays them out.
#[derive(Clone, Debug, PartialEq)]
struct Extent {
    sheet: String,
    rows: u64,
    columns: u64,
}

impl Extent {
    fn cells(&self) -> u64 {
        self.rows.saturating_mul(self.columns)
    }
}

/// Why a file is not read as a workbook.
#[derive(Debug, PartialEq)]
enum Refusal {
    Empty,
    IsText,
    Unknown,
    Damaged(String),
    NoWorkbook,
    Encrypted,
    Inflates {
        part: String,
        times: u64,
    },
    PartTooLarge {
        part: String,
        size: u64,
    },
    /// A workbook of a format banzi does not read, by its extension.
    OtherFormat(&'static str),
    Cells(Extent),
    AllCells(u64),
    TooMuchText(u64),
    /// calamine's own refusal, in its words.
    Reader(String),
}

impl Refusal {
    fn malformed() -> Refusal {
        Refusal::Damaged(say::malformed_structure())
    }

    fn reader(e: impl std::fmt::Display) -> Refusal {
        Refusal::Reader(e.to_string())
    }

    fn into_error(self, path: &Path, budget: Budget) -> Error {
        let shown = path.display();
        let mib = |bytes: u64| bytes.div_ceil(1 << 20);
        let (message, hint) = match self {
            Refusal::Empty => (say::workbook_empty(shown), say::workbook_damaged_hint()),
            Refusal::IsText => {
                let named = path.extension().unwrap_or_default().to_string_lossy();
                (
                    say::workbook_is_text(shown, &named),
                    say::workbook_is_text_hint(),
                )
            }
            Refusal::Unknown => (say::workbook_unknown(shown), say::not_a_workbook_hint()),
            Refusal::Damaged(cause) => (
                say::workbook_damaged(shown, &cause),
                say::workbook_damaged_hint(),
            ),
            Refusal::NoWorkbook => (say::workbook_no_workbook(shown), say::not_a_workbook_hint()),
            Refusal::Encrypted => (
                say::workbook_encrypted(shown),
                say::workbook_encrypted_hint(),
            ),
            Refusal::Inflates { part, times } => (
                say::workbook_inflates(shown, &part, times),
                say::workbook_bomb_hint(),
            ),
            Refusal::PartTooLarge { part, size } => (
                say::workbook_part_too_large(shown, &part, mib(size), mib(MAX_PART)),
                say::workbook_too_large_hint(),
            ),
            Refusal::OtherFormat(kind) => (
                say::workbook_other_format(shown, kind),
                say::workbook_other_format_hint(),
            ),
            Refusal::Cells(extent) => (
                say::sheet_too_large(
                    shown,
                    &extent.sheet,
                    extent.rows,
                    extent.columns,
                    budget.cells,
                ),
                say::sheet_too_large_hint(),
            ),
            Refusal::AllCells(cells) => (
                say::sheets_too_large(shown, cells, budget.cells),
                say::sheet_too_large_hint(),
            ),
            Refusal::TooMuchText(_) => (
                say::workbook_text_too_large(shown, mib(budget.text)),
                say::workbook_bomb_hint(),
            ),
            Refusal::Reader(cause) => (
                say::not_a_workbook(shown, &cause),
                say::not_a_workbook_hint(),
            ),
        };
        Error::invalid(message).with_hint(hint)
    }
}

/// A workbook read whole from disk.
pub struct Workbook {
    pub path: PathBuf,
    /// SHA-256 of the file's bytes, as a text input's is.
    pub sha256: String,
    book: Xlsx<Cursor<Vec<u8>>>,
    budget: Budget,
}

/// One sheet's used cells.
pub struct Sheet {
    pub name: String,
    range: Range<Data>,
}

impl Workbook {
    pub fn open(path: &Path) -> anyhow::Result<Workbook> {
        let bytes = read_whole(path)?;
        let sha256 = crate::store::sha256_hex(&bytes);
        let budget = Budget::of(bytes.len());
        let book =
            guarded(|| open_sheets(bytes)).map_err(|refusal| refusal.into_error(path, budget))?;
        Ok(Workbook {
            path: path.to_owned(),
            sha256,
            book,
            budget,
        })
    }

    pub fn sheet_names(&self) -> Vec<String> {
        self.book.sheet_names()
    }

    /// The sheet called `name`, or the first sheet.
    pub fn sheet(&mut self, name: Option<&str>) -> Result<Sheet, Error> {
        let names = self.sheet_names();
        let name = match name {
            Some(name) => {
                let exact: Vec<&String> = names.iter().filter(|n| n.as_str() == name).collect();
                let found = if exact.is_empty() {
                    names.iter().filter(|n| n.trim() == name.trim()).collect()
                } else {
                    exact
                };
                match found.as_slice() {
                    [one] => *one,
                    [] => {
                        return Err(
                            Error::invalid(say::no_such_sheet(self.path.display(), name))
                                .with_hint(say::sheets_are(&listing(&names))),
                        );
                    }
                    // calamine would read the first; which one was meant is anyone's guess.
                    _ => {
                        return Err(Error::invalid(say::sheet_twice(self.path.display(), name))
                            .with_hint(say::workbook_damaged_hint()));
                    }
                }
            }
            None => names
                .first()
                .ok_or_else(|| Error::invalid(say::no_sheets(self.path.display())))?,
        }
        .clone();
        let budget = self.budget;
        let book = &mut self.book;
        let range = guarded(|| read_range(book, &name, budget))
            .map_err(|refusal| refusal.into_error(&self.path, budget))?;
        Ok(Sheet { name, range })
    }
}

/// The file's bytes, refusing what is not a regular file (a pipe would block, a device never
/// end) and what is larger than any workbook.
fn read_whole(path: &Path) -> anyhow::Result<Vec<u8>> {
    let meta = std::fs::metadata(path).map_err(|e| super::cannot_read(path, e))?;
    let too_large = |len: u64| {
        Error::invalid(say::workbook_too_large(
            path.display(),
            len.div_ceil(1 << 20),
            MAX_FILE >> 20,
        ))
        .with_hint(say::workbook_too_large_hint())
    };
    if !meta.is_file() && !meta.is_dir() {
        return Err(Error::invalid(say::input_not_a_file(path.display()))
            .with_hint(say::cannot_read_streamed_hint())
            .into());
    }
    if meta.len() > MAX_FILE {
        return Err(too_large(meta.len()).into());
    }
    // A folder fails here, with the system's words for it.
    let file = std::fs::File::open(path).map_err(|e| super::cannot_read(path, e))?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(MAX_FILE + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| super::cannot_read(path, e))?;
    if bytes.len() as u64 > MAX_FILE {
        return Err(too_large(bytes.len() as u64).into());
    }
    Ok(bytes)
}

/// The file's workbook, once its format is known and its measure taken. banzi reads the
/// Office Open XML workbook (.xlsx, .xlsm) that Excel and WPS save by default; the older and
/// rarer formats are refused with the way to save them as .xlsx, rather than read by more code
/// than their few users warrant.
fn open_sheets(bytes: Vec<u8>) -> Result<Xlsx<Cursor<Vec<u8>>>, Refusal> {
    if bytes.is_empty() {
        return Err(Refusal::Empty);
    }
    if bytes.starts_with(OLE_SIGNATURE) {
        // Office encrypts an .xlsx into a compound file whose streams are named in UTF-16.
        let encrypted: Vec<u8> = "EncryptionInfo"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        return Err(match memchr::memmem::find(&bytes, &encrypted) {
            Some(_) => Refusal::Encrypted,
            None => Refusal::OtherFormat("xls"),
        });
    }
    if !bytes.starts_with(b"PK") {
        return Err(if looks_like_text(&bytes) {
            Refusal::IsText
        } else {
            Refusal::Unknown
        });
    }
    match check_zip(&bytes)? {
        Zipped::Xlsx => Xlsx::new(Cursor::new(bytes)).map_err(Refusal::reader),
        Zipped::Xlsb => Err(Refusal::OtherFormat("xlsb")),
        Zipped::Ods => Err(Refusal::OtherFormat("ods")),
    }
}

/// The first bytes of a compound file: an .xls, or an encrypted .xlsx.
const OLE_SIGNATURE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

/// Whether the file starts as text does: no control characters but line ends and tabs.
fn looks_like_text(bytes: &[u8]) -> bool {
    bytes
        .iter()
        .take(4096)
        .all(|&b| b >= 0x20 || matches!(b, b'\t' | b'\n' | b'\r' | 0x0c))
}

/// A sheet's cells, read a cell at a time within the budget.
fn read_range(
    book: &mut Xlsx<Cursor<Vec<u8>>>,
    name: &str,
    budget: Budget,
) -> Result<Range<Data>, Refusal> {
    match book.worksheet_cells_reader(name) {
        Ok(mut cells) => gather(name, budget, || cells.next_cell()),
        // A chart sheet, which calamine reads as no cells.
        Err(calamine::XlsxError::NotAWorksheet(_)) => Ok(Range::default()),
        Err(e) => Err(Refusal::reader(e)),
    }
}

/// The cells `next` gives, as calamine's own `worksheet_range` keeps them (the empty ones
/// left out), stopping as soon as they span or hold more than the budget.
fn gather<'a, E: std::fmt::Display>(
    sheet: &str,
    budget: Budget,
    mut next: impl FnMut() -> Result<Option<Cell<DataRef<'a>>>, E>,
) -> Result<Range<Data>, Refusal> {
    let mut cells = Vec::new();
    let (mut first, mut last) = ((u32::MAX, u32::MAX), (0, 0));
    let mut text = 0u64;
    while let Some(cell) = next().map_err(Refusal::reader)? {
        let value = cell.get_value();
        text += match value {
            DataRef::Empty => continue,
            DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.len(),
            DataRef::SharedString(s) => s.len(),
            _ => 0,
        } as u64;
        let (row, column) = cell.get_position();
        first = (first.0.min(row), first.1.min(column));
        last = (last.0.max(row), last.1.max(column));
        let (rows, columns) = (
            u64::from(last.0 - first.0) + 1,
            u64::from(last.1 - first.1) + 1,
        );
        // Cells written twice at one place count twice: calamine holds both until the end.
        if rows.saturating_mul(columns) > budget.cells || cells.len() as u64 >= budget.cells {
            let sheet = sheet.to_owned();
            let extent = Extent {
                sheet,
                rows,
                columns,
            };
            return Err(if extent.cells() > budget.cells {
                Refusal::Cells(extent)
            } else {
                Refusal::AllCells(cells.len() as u64 + 1)
            });
        }
        if text > budget.text {
            return Err(Refusal::TooMuchText(text));
        }
        cells.push(Cell::new((row, column), Data::from(value.clone())));
    }
    Ok(Range::from_sparse(cells))
}

/// Runs `read`, a call into calamine, with a panic said as a damaged file and nothing on stderr.
fn guarded<T>(read: impl FnOnce() -> Result<T, Refusal>) -> Result<T, Refusal> {
    thread_local! {
        static QUIET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    }
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(std::cell::Cell::get) {
                previous(info);
            }
        }));
    });
    let was = QUIET.with(|quiet| quiet.replace(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(read));
    QUIET.with(|quiet| quiet.set(was));
    result.unwrap_or_else(|_| Err(Refusal::malformed()))
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
        Data::String(s) if s.len() > MAX_CELL_CHARS && s.chars().count() > MAX_CELL_CHARS => {
            return Err(say::cell_too_long(s.chars().count(), MAX_CELL_CHARS));
        }
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

// Zipped workbooks: .xlsx, and the .xlsb and .ods refused.

/// Which workbook a zip holds.
#[derive(Debug, PartialEq)]
enum Zipped {
    Xlsx,
    Xlsb,
    Ods,
}

/// Which workbook the zip holds, once no part of it inflates beyond the limits (the zip crate
/// stops a part at the size it declares, so the declared sizes are the sizes).
fn check_zip(bytes: &[u8]) -> Result<Zipped, Refusal> {
    let damaged = |e: zip::result::ZipError| Refusal::Damaged(e.to_string());
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(damaged)?;
    let (mut xlsx, mut xlsb, mut ods) = (false, false, false);
    for i in 0..zip.len() {
        let part = zip.by_index_raw(i).map_err(damaged)?;
        let name = part.name().map_err(damaged)?.into_owned();
        let (size, packed) = (part.size(), part.compressed_size());
        if size > MAX_PART {
            return Err(Refusal::PartTooLarge { part: name, size });
        }
        if size > SMALL_PART && size / packed.max(1) > MAX_INFLATION {
            let times = size / packed.max(1);
            return Err(Refusal::Inflates { part: name, times });
        }
        // calamine finds an .xlsx's parts whatever their case and slashes, an .ods's as named.
        match name.replace('\\', "/").to_ascii_lowercase().as_str() {
            "xl/workbook.xml" => xlsx = true,
            "xl/workbook.bin" => xlsb = true,
            _ => ods |= name == "content.xml",
        }
    }
    if xlsx {
        Ok(Zipped::Xlsx)
    } else if xlsb {
        Ok(Zipped::Xlsb)
    } else if ods {
        Ok(Zipped::Ods)
    } else {
        Err(Refusal::NoWorkbook)
    }
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

    #[test]
    fn the_budget_grows_with_the_file_within_its_bounds() {
        assert_eq!(Budget::of(0).cells, MIN_CELLS);
        assert_eq!(Budget::of(1 << 20).cells, 2 << 20);
        // A million-row votes sheet of eight columns is about 27 MB and 8 million cells.
        assert!(Budget::of(27_000_000).cells >= 8_000_000);
        assert_eq!(Budget::of(usize::MAX).cells, MAX_CELLS);
        assert_eq!(Budget::of(1 << 20).text, MIN_TEXT);
        assert_eq!(Budget::of(usize::MAX).text, MAX_TEXT);
    }

    #[test]
    fn a_cell_longer_than_excel_allows_is_a_problem() {
        assert!(cell_text(&Data::String("好".repeat(MAX_CELL_CHARS))).is_ok());
        let problem = cell_text(&Data::String("a".repeat(MAX_CELL_CHARS + 1))).unwrap_err();
        assert!(problem.contains("32768"), "{problem}");
    }

    #[test]
    fn a_panic_while_reading_is_a_damaged_file() {
        assert_eq!(
            guarded::<()>(|| panic!("calamine")),
            Err(Refusal::malformed())
        );
    }
}
