//! The one reader for every input file: encoding, CSV with header aliases, rows with line numbers.
//!
//! Inputs come from other systems and from Excel/WPS on Chinese Windows, so a file may be UTF-8,
//! UTF-8 with a BOM or GB18030, with CRLF line ends and padded cells. Decoding is strict: a file
//! that is none of these, or UTF-8 with lines of another encoding, is refused, never read with
//! replacement characters. So are short rows, quotes never closed, control characters and
//! misspelt headers; columns no import uses come back to be named in a warning.

use std::path::Path;

use crate::error::{Diagnostic, Error, Excerpt, Lines, Position};
use crate::messages::import as say;

#[cfg(test)]
pub(crate) mod fuzz;
pub(crate) mod stream;
pub mod words;
pub mod workbook;

/// Which encoding a file turned out to be in, for messages and the journal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    Gb18030,
    /// Not text: the cells of a workbook's sheet.
    Workbook,
}

impl Encoding {
    /// The encoding's name in the language in force.
    pub fn label(self) -> String {
        match self {
            Encoding::Utf8 => "UTF-8".to_owned(),
            Encoding::Utf8Bom => say::utf8_with_bom(),
            Encoding::Gb18030 => "GB18030".to_owned(),
            Encoding::Workbook => say::workbook_label(),
        }
    }
}

/// An input file read whole and decoded.
#[derive(Debug)]
pub struct Source {
    /// The path as the user gave it, for messages.
    pub path: std::path::PathBuf,
    pub text: String,
    pub encoding: Encoding,
    /// SHA-256 of the bytes as they were on disk.
    pub sha256: String,
    /// The file as problems name it: its path, or for a workbook `path:sheet`, which a row
    /// number then follows (`votes.xlsx:Sheet1:12`).
    pub shown: std::path::PathBuf,
    /// A workbook's sheet, read into rows; `text` is then empty.
    pub sheet: Option<SheetRows>,
    /// Where the text's lines start, found when a first place is asked for.
    lines: std::sync::OnceLock<Lines>,
}

/// The rows of a workbook's sheet as text cells, each with its row number as Excel shows it,
/// and the problems of cells that hold no text an import can read (an Excel error value).
#[derive(Debug)]
pub struct SheetRows {
    pub name: String,
    pub rows: Vec<(usize, csv::StringRecord)>,
    pub problems: Vec<(usize, usize, String)>,
}

impl Source {
    pub fn new(
        path: impl Into<std::path::PathBuf>,
        text: String,
        encoding: Encoding,
        sha256: String,
    ) -> Source {
        let path = path.into();
        Source {
            shown: path.clone(),
            path,
            text,
            encoding,
            sha256,
            sheet: None,
            lines: std::sync::OnceLock::new(),
        }
    }

    /// Reads a text file, or a workbook's first sheet when the file is named as a workbook.
    pub fn read(path: &Path) -> anyhow::Result<Source> {
        Source::read_sheet(path, None)
    }

    /// Reads a text file, or the sheet called `sheet` (the first if `None`) of a workbook; a
    /// sheet asked of a text file is refused.
    pub fn read_sheet(path: &Path, sheet: Option<&str>) -> anyhow::Result<Source> {
        if workbook::is_workbook(path) {
            let mut book = workbook::Workbook::open(path)?;
            let sheet = book.sheet(sheet)?;
            let rows = SheetRows::of(&sheet);
            return Ok(Source {
                shown: format!("{}:{}", path.display(), sheet.name).into(),
                sheet: Some(rows),
                ..Source::new(path, String::new(), Encoding::Workbook, book.sha256)
            });
        }
        if sheet.is_some() {
            return Err(Error::invalid(say::sheet_is_text(path.display())).into());
        }
        // A device or a pipe would be read for ever.
        if std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
            return Err(Error::invalid(say::input_not_a_file(path.display()))
                .with_hint(say::cannot_read_streamed_hint())
                .into());
        }
        let bytes = std::fs::read(path).map_err(|e| cannot_read(path, e))?;
        let sha256 = crate::store::sha256_hex(&bytes);
        let (text, encoding) = decode(path, &bytes)?;
        Ok(Source::new(path, text, encoding, sha256))
    }

    fn lines(&self) -> &Lines {
        self.lines.get_or_init(|| Lines::new(&self.text))
    }

    /// The line and column of a byte offset of the text.
    pub fn position(&self, offset: usize) -> Position {
        self.lines().position(&self.text, offset)
    }

    /// The line of the text holding `span.start`, to show under a diagnostic.
    fn excerpt(&self, span: std::ops::Range<usize>) -> Excerpt {
        self.lines().excerpt(&self.text, span)
    }
}

fn blank(record: &csv::StringRecord) -> bool {
    record.iter().all(|c| c.trim().is_empty())
}

impl SheetRows {
    /// The problem of every cell that holds no text, its column named by the header: the
    /// sheet's first row with anything in it.
    pub(crate) fn cell_problems(&self, shown: &Path) -> Vec<Diagnostic> {
        let headers = self.rows.iter().map(|(_, r)| r).find(|r| !blank(r));
        let named = |column: usize| match headers.and_then(|h| h.get(column)).map(str::trim) {
            Some(h) if !h.is_empty() => column_named(h),
            _ => say::field_column(column + 1),
        };
        self.problems
            .iter()
            .map(|(line, column, problem)| {
                Diagnostic::new(shown, problem.clone())
                    .at_line(*line)
                    .field(named(*column))
            })
            .collect()
    }

    fn of(sheet: &workbook::Sheet) -> SheetRows {
        let mut problems = Vec::new();
        let rows = sheet
            .rows()
            .map(|(number, cells)| {
                let number = number as usize;
                let record = cells
                    .iter()
                    .enumerate()
                    .map(|(column, cell)| {
                        workbook::cell_text(cell).unwrap_or_else(|problem| {
                            problems.push((number, column, problem));
                            String::new()
                        })
                    })
                    .collect();
                (number, record)
            })
            .collect();
        SheetRows {
            name: sheet.name.clone(),
            rows,
            problems,
        }
    }
}

/// The failure to read an input file: our sentence, then the file system's reason. In English
/// it reads as it always has, `cannot read `x`: <the system's text>`.
pub fn cannot_read(path: &Path, e: std::io::Error) -> anyhow::Error {
    let what = say::cannot_read(path.display());
    match crate::messages::lang() {
        crate::messages::Lang::En => anyhow::Error::new(e).context(what),
        crate::messages::Lang::Zh => {
            let cause = io_cause(&e);
            // Not a banzi `Error`, as in English: callers tell the two apart.
            anyhow::Error::msg(crate::messages::output::caused_by(&what, &cause))
        }
    }
}

/// The file system's reason for a failure, for people: in English its own text, in Chinese our
/// words for it with its text quoted after them.
pub fn io_cause(e: &std::io::Error) -> String {
    match crate::messages::lang() {
        crate::messages::Lang::En => e.to_string(),
        crate::messages::Lang::Zh => {
            let reason = match e.kind() {
                std::io::ErrorKind::NotFound => say::io_not_found(),
                std::io::ErrorKind::PermissionDenied => say::io_permission(),
                std::io::ErrorKind::IsADirectory => say::io_is_a_directory(),
                std::io::ErrorKind::NotADirectory => say::io_not_a_directory(),
                _ => say::io_other(),
            };
            say::io_reason(&reason, &e.to_string())
        }
    }
}

/// Decodes UTF-8 (with or without BOM) or GB18030, refusing anything that is neither, and a
/// file that mixes them.
///
/// A file that is not UTF-8 is read as GB18030 unless Chinese text before its first bad byte was
/// UTF-8: then it is UTF-8 with cells of another encoding pasted in, which GB18030 would turn
/// into mojibake. Only three-byte characters count as that evidence: GBK text often happens to
/// hold valid two-byte UTF-8 sequences (Latin, Greek, Cyrillic letters), almost never a valid
/// three-byte one of U+3000-U+9FFF. A GB18030 file that is valid UTF-8 throughout is read as
/// UTF-8; Chinese text in GB18030 practically never is.
pub fn decode(path: &Path, bytes: &[u8]) -> Result<(String, Encoding), Error> {
    if let Some(kind) = workbook_kind(bytes) {
        return Err(workbook_refused(path, kind));
    }
    let line_of = |offset: usize| memchr::memchr_iter(b'\n', &bytes[..offset]).count() + 1;
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        // The BOM says the file is UTF-8: a bad byte is a cell of another encoding.
        return match std::str::from_utf8(rest) {
            Ok(text) => Ok((text.to_owned(), Encoding::Utf8Bom)),
            Err(e) => Err(mixed_on_line(path, line_of(e.valid_up_to() + 3))),
        };
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err(utf16_refused(path));
    }
    let valid = match std::str::from_utf8(bytes) {
        Ok(text) => return Ok((text.to_owned(), Encoding::Utf8)),
        Err(e) => e.valid_up_to(),
    };
    if has_chinese(&bytes[..valid]) {
        return Err(mixed_on_line(path, line_of(valid)));
    }
    match encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(bytes) {
        Some(text) => Ok((text.into_owned(), Encoding::Gb18030)),
        None => Err(not_decodable_on_line(path, line_of(valid))),
    }
}

/// Whether valid UTF-8 `text` has a character of U+3000-U+9FFF (CJK punctuation, kana and
/// ideographs), whose UTF-8 lead bytes are 0xE3-0xE9.
pub(crate) fn has_chinese(text: &[u8]) -> bool {
    text.iter().any(|b| (0xE3..=0xE9).contains(b))
}

/// The refusal of a file that is UTF-8 up to `line`, which is not.
pub(crate) fn mixed_on_line(path: &Path, line: usize) -> Error {
    Error::invalid(say::mixed_encodings(path.display(), line))
        .with_diagnostics(vec![
            Diagnostic::new(path, say::mixed_first_line()).at_line(line),
        ])
        .with_hint(say::mixed_hint())
}

/// The kind of workbook a file's first bytes say it is, whatever its name: a clerk who saves a
/// workbook and names it `.csv` is told what it is. The signatures are the formats' own: an
/// `.xlsx` (or `.et`, WPS's) is a ZIP package, an `.xls` an OLE compound file.
pub(crate) fn workbook_kind(first: &[u8]) -> Option<&'static str> {
    const ZIP: &[u8] = b"PK\x03\x04";
    const OLE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
    if first.starts_with(ZIP) {
        Some("xlsx")
    } else if first.starts_with(OLE) {
        Some("xls")
    } else {
        None
    }
}

/// The refusal of a workbook given as text.
pub(crate) fn workbook_refused(path: &Path, kind: &str) -> Error {
    let named = path
        .extension()
        .map(|e| e.to_string_lossy().into_owned())
        .unwrap_or_default();
    let hint = match kind {
        // banzi reads only an .xlsx as it is.
        "xlsx" => say::workbook_hint(kind),
        _ => say::workbook_other_format_hint(),
    };
    Error::invalid(say::workbook_as_text(path.display(), kind, &named)).with_hint(hint)
}

/// A file starting with a UTF-16 byte-order mark: Excel's "Unicode text", not a CSV banzi reads.
pub(crate) fn utf16_refused(path: &Path) -> Error {
    Error::invalid(say::utf16(path.display())).with_hint(say::utf16_hint())
}

/// The refusal of a file that is neither UTF-8 nor GB18030, naming the line of its first bad byte.
pub(crate) fn not_decodable_on_line(path: &Path, line: usize) -> Error {
    Error::invalid(say::not_decodable(path.display(), line)).with_hint(say::not_decodable_hint())
}

/// One column an import understands: its key, and every header that names it.
#[derive(Debug)]
pub struct Column {
    pub key: &'static str,
    pub headers: &'static [&'static str],
    pub required: bool,
}

/// Reads a CSV input or a workbook's sheet into rows, or fails with every header and row problem
/// found.
pub fn read_rows<'c>(source: &Source, columns: &'c [Column]) -> Result<Rows<'c>, Error> {
    let rows = match &source.sheet {
        Some(sheet) => read_sheet(&source.shown, sheet, columns),
        None => read_csv(source, columns),
    };
    rows.map_err(|diagnostics| {
        Error::invalid(say::cannot_import(source.shown.display()))
            .with_diagnostics(diagnostics)
            .with_hint(say::rows_hint())
    })
}

/// A CSV input read into rows, with the columns the import does not use.
#[derive(Debug)]
pub struct Rows<'c> {
    pub rows: Vec<Row<'c>>,
    /// Headers of the columns no key names, as written (an unnamed one with data as `column N`):
    /// an import tells people about them rather than dropping them silently.
    pub ignored_columns: Vec<String>,
    /// The line (or a sheet's row) of the header, which may follow blank ones.
    pub header_line: usize,
}

/// A data row of a CSV file: its line number and its cells, trimmed, by column key.
#[derive(Debug)]
pub struct Row<'c> {
    pub line: usize,
    columns: &'c [Column],
    cells: Vec<Option<String>>,
}

/// A column as a diagnostic names it: a header as written (`name` 列 in Chinese), or a name
/// already in words, such as 单位代码, as it is.
pub(crate) fn column_named(column: &str) -> String {
    if column.is_ascii() {
        say::column_field(column)
    } else {
        column.to_owned()
    }
}

/// A TOML key as a diagnostic names it, or a name already in words as it is.
fn key_named(key: &str) -> String {
    if key.is_ascii() {
        say::key_field(key)
    } else {
        key.to_owned()
    }
}

impl Row<'_> {
    /// A problem with this row's cell in `column`.
    pub fn problem(&self, file: &Path, column: &str, message: String) -> Diagnostic {
        Diagnostic::new(file, message)
            .at_line(self.line)
            .field(column_named(column))
    }

    /// The cell of column `key`; empty when the file has no such column.
    pub fn get(&self, key: &str) -> &str {
        self.columns
            .iter()
            .position(|c| c.key == key)
            .and_then(|i| self.cells[i].as_deref())
            .unwrap_or("")
    }
}

/// Header text compared without case, spaces or the width of brackets.
pub(crate) fn normalize_header(header: &str) -> String {
    header
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '*')
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

/// The expected header that an unknown `header` most likely misspells: one edit away (a letter
/// or character changed, added, dropped or two swapped), or two for names of eight or more.
/// Further apart, a column is taken to be one the import does not use.
pub(crate) fn likely_meant<'a>(
    header: &str,
    expected: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let header = normalize_header(header);
    if header.chars().count() < 2 {
        return None;
    }
    expected
        .into_iter()
        .filter_map(|name| {
            let normalized = normalize_header(name);
            let allowed = if normalized.chars().count() >= 8 {
                2
            } else {
                1
            };
            let distance = strsim::osa_distance(&header, &normalized);
            (distance <= allowed).then_some((distance, name))
        })
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, name)| name)
}

/// The problem with an unknown header that misspells `meant`.
pub(crate) fn misspelt_column(header: &str, meant: &str) -> String {
    say::misspelt_column(header, meant)
}

/// The first control character of a cell or string, if any: C0 and C1 controls and DEL, except
/// the tab and line breaks. They are invisible in a spreadsheet and break records and documents.
pub(crate) fn first_control(text: &str) -> Option<char> {
    text.chars()
        .find(|&c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
}

/// Whether `text` may hold a control character that [`first_control`] refuses: a cheap test for
/// the votes' fast path, which then looks at each cell.
pub(crate) fn may_have_control(text: &[u8]) -> bool {
    // A fold, not `any`, so that the compiler can test many bytes at a time.
    let c0 = text.iter().fold(false, |found, &b| {
        found | ((b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || b == 0x7F)
    });
    // C1 controls are U+0080-U+009F, in UTF-8 0xC2 then 0x80-0x9F.
    c0 || memchr::memchr_iter(0xC2, text).any(|i| matches!(text.get(i + 1), Some(0x80..=0x9F)))
}

/// The problem with a control character in a cell or string.
pub(crate) fn control_problem(c: char) -> String {
    say::control_character(&format!("U+{:04X}", u32::from(c)))
}

/// The offset of the cell whose opening quote is never closed, if any. `csv_core` ends such a
/// cell at the end of the input without a word, so the end is probed: `x` and a line break end
/// any record, unless they are inside quotes.
fn open_quote(text: &[u8]) -> Option<usize> {
    use csv_core::ReadFieldResult;
    let mut reader = csv_core::Reader::new();
    let mut out = [0u8; 4096];
    let (mut at, mut field) = (0, 0);
    while at < text.len() {
        let (result, read, _) = reader.read_field(&text[at..], &mut out);
        at += read;
        if let ReadFieldResult::Field { .. } = result {
            field = at;
        }
    }
    let mut probe: &[u8] = b"x\n";
    while !probe.is_empty() {
        let (result, read, _) = reader.read_field(probe, &mut out);
        if let ReadFieldResult::Field { record_end: true } = result {
            return None;
        }
        probe = &probe[read..];
    }
    // A record's first cell starts after the blank lines before it.
    Some(
        field
            + text[field..]
                .iter()
                .take_while(|b| matches!(b, b'\r' | b'\n'))
                .count(),
    )
}

/// Line numbers of CSV records, counted from their byte offsets. The csv crate's own line count
/// skips blank lines and miscounts CRLF, and its record offset points at the line break before
/// the record. Records come in order, so counting goes on from the last one: linear in the file.
#[derive(Default)]
struct LineCounter {
    offset: usize,
    line: usize,
}

impl LineCounter {
    fn line_at(&mut self, text: &str, offset: usize) -> usize {
        let start = text[offset.min(text.len())..]
            .find(|c| c != '\r' && c != '\n')
            .map_or(text.len(), |i| offset + i);
        if start < self.offset {
            *self = LineCounter::default();
        }
        self.line += text.as_bytes()[self.offset..start]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        self.offset = start;
        self.line + 1
    }
}

/// The problem of each cell of `record` that holds a control character, on `line`; `field(i)`
/// names cell `i`.
fn controls(
    file: &Path,
    record: &csv::StringRecord,
    line: usize,
    field: impl Fn(usize) -> String,
) -> impl Iterator<Item = Diagnostic> {
    record.iter().enumerate().filter_map(move |(i, cell)| {
        first_control(cell).map(|c| {
            Diagnostic::new(file, control_problem(c))
                .at_line(line)
                .field(field(i))
        })
    })
}

/// Reads a CSV text into rows by column key, collecting every bad row's diagnostic.
///
/// Lines whose cells are all empty are skipped: spreadsheets leave them at the end. Every other
/// row must have a cell for each column of the header.
pub fn read_csv<'c>(source: &Source, columns: &'c [Column]) -> Result<Rows<'c>, Vec<Diagnostic>> {
    let text = source.text.as_str();
    let file = &source.path;
    if let Some(offset) = open_quote(text.as_bytes()) {
        return Err(vec![
            Diagnostic::new(file, say::open_quote())
                .at(Some(source.position(offset)))
                .excerpt(source.excerpt(offset..offset + 1)),
        ]);
    }
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers = match reader.headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            return Err(vec![
                Diagnostic::new(file, say::csv_error(&e.to_string())).at_line(1),
            ]);
        }
    };
    let mut lines = LineCounter::default();
    // The csv crate skips blank lines, so the header may be below line 1.
    let header_line = headers
        .position()
        .map_or(1, |p| lines.line_at(text, p.byte() as usize));
    let records = reader.into_records().map(|record| {
        let mut line =
            |p: Option<&csv::Position>| p.map_or(0, |p| lines.line_at(text, p.byte() as usize));
        match record {
            Ok(r) => Ok((line(r.position()), r)),
            Err(e) => Err(Box::new(
                Diagnostic::new(file, say::csv_error(&e.to_string())).at_line(line(e.position())),
            )),
        }
    });
    read_table(file, header_line, headers, records, columns)
}

/// Reads a workbook's sheet into rows by column key, as [`read_csv`] reads a CSV file. The header
/// is the sheet's first row with anything in it; a cell holding an Excel error is a problem of
/// its row.
fn read_sheet<'c>(
    shown: &Path,
    sheet: &SheetRows,
    columns: &'c [Column],
) -> Result<Rows<'c>, Vec<Diagnostic>> {
    let mut rows = sheet.rows.iter().skip_while(|(_, r)| blank(r));
    let (header_line, headers) = rows
        .next()
        .map_or((1, csv::StringRecord::new()), |(l, r)| (*l, r.clone()));
    let cell_problems = sheet.cell_problems(shown);
    let table = read_table(
        shown,
        header_line,
        headers.clone(),
        rows.map(|(line, record)| Ok((*line, record.clone()))),
        columns,
    );
    match table {
        _ if cell_problems.is_empty() => table,
        Ok(_) => Err(cell_problems),
        Err(mut diagnostics) => {
            diagnostics.extend(cell_problems);
            diagnostics.sort_by_key(|d| d.line);
            Err(diagnostics)
        }
    }
}

/// Resolves `headers` (on line `header_line`) to `columns` and reads `records`, each with its
/// line, into rows; every problem is collected, and one fails the whole table.
fn read_table<'c>(
    file: &Path,
    header_line: usize,
    mut headers: csv::StringRecord,
    records: impl Iterator<Item = Result<(usize, csv::StringRecord), Box<Diagnostic>>>,
    columns: &'c [Column],
) -> Result<Rows<'c>, Vec<Diagnostic>> {
    // Cells are trimmed after they are checked for control characters, which trimming could hide.
    let mut diagnostics: Vec<Diagnostic> =
        controls(file, &headers, header_line, |_| say::field_header()).collect();
    headers.trim();
    let mut positions: Vec<Option<usize>> = vec![None; columns.len()];
    let mut unknown = Vec::new();
    for (index, header) in headers.iter().enumerate() {
        let name = normalize_header(header);
        let Some(col) = columns
            .iter()
            .position(|c| c.headers.iter().any(|h| normalize_header(h) == name))
        else {
            unknown.push(index);
            continue;
        };
        if positions[col].is_some() {
            diagnostics.push(
                Diagnostic::new(file, say::column_twice(columns[col].key))
                    .at_line(header_line)
                    .field(column_named(header)),
            );
        }
        positions[col] = Some(index);
    }
    // A misspelt header is taken for a column not found, not for one the file already has.
    let missing = || {
        columns
            .iter()
            .zip(&positions)
            .filter(|(_, p)| p.is_none())
            .flat_map(|(c, _)| c.headers.iter().copied())
    };
    let mut ignored: Vec<usize> = Vec::new();
    for &index in &unknown {
        let header = &headers[index];
        match likely_meant(header, missing()) {
            Some(meant) => diagnostics.push(
                Diagnostic::new(file, misspelt_column(header, meant))
                    .at_line(header_line)
                    .field(column_named(header)),
            ),
            None => ignored.push(index),
        }
    }
    for (col, position) in columns.iter().zip(&positions) {
        if col.required && position.is_none() {
            diagnostics.push(
                Diagnostic::new(
                    file,
                    say::missing_column(
                        col.key,
                        &col.headers
                            .iter()
                            .map(|h| say::name(h))
                            .collect::<Vec<_>>()
                            .join(&say::names_separator()),
                    ),
                )
                .at_line(header_line)
                .field(say::field_header()),
            );
        }
    }
    if !diagnostics.is_empty() {
        return Err(diagnostics);
    }

    let field = |i: usize| match headers.get(i) {
        Some(h) if !h.is_empty() => h.to_owned(),
        _ => say::field_column(i + 1),
    };
    // A cell's problem names its column as people read it.
    let cell_field = |i: usize| match headers.get(i) {
        Some(h) if !h.is_empty() => column_named(h),
        _ => say::field_column(i + 1),
    };
    // Unnamed columns are listed only if some row has something in them.
    let mut unnamed_used = vec![false; headers.len()];
    let mut rows = Vec::new();
    for record in records {
        let (line, mut record) = match record {
            Ok(r) => r,
            Err(diagnostic) => {
                diagnostics.push(*diagnostic);
                continue;
            }
        };
        diagnostics.extend(controls(file, &record, line, cell_field));
        // A cell no spreadsheet could hold is no value of a table a person keeps.
        for (i, cell) in record.iter().enumerate() {
            if cell.len() > workbook::MAX_CELL_CHARS {
                let chars = cell.chars().count();
                if chars > workbook::MAX_CELL_CHARS {
                    diagnostics.push(
                        Diagnostic::new(file, say::cell_too_long(chars, workbook::MAX_CELL_CHARS))
                            .at_line(line)
                            .field(cell_field(i)),
                    );
                }
            }
        }
        record.trim();
        if record.iter().all(str::is_empty) {
            continue;
        }
        if record.len() != headers.len() {
            diagnostics.push(
                Diagnostic::new(file, say::row_width(record.len(), headers.len()))
                    .at_line(line)
                    .field(say::field_row()),
            );
            continue;
        }
        for (used, cell) in unnamed_used.iter_mut().zip(&record) {
            *used |= !cell.is_empty();
        }
        let cells = positions
            .iter()
            .map(|p| p.and_then(|i| record.get(i)).map(str::to_owned))
            .collect();
        rows.push(Row {
            line,
            columns,
            cells,
        });
    }
    if !diagnostics.is_empty() {
        return Err(diagnostics);
    }
    let ignored_columns = ignored
        .into_iter()
        .filter(|&i| !headers[i].is_empty() || unnamed_used[i])
        .map(field)
        .collect();
    Ok(Rows {
        rows,
        ignored_columns,
        header_line,
    })
}

/// Parses a TOML input into its raw serde type, placing a syntax or type error at its line and
/// column and naming the key. A string or key holding a control character is refused first:
/// TOML lets escapes such as `\u0000` or `\u001b` through.
///
/// The toml crate refuses nesting deeper than its parser's limit (well under 100 levels) with an
/// error, so deeply nested input cannot exhaust the stack here or in the walk below.
pub fn parse_toml<T: serde::de::DeserializeOwned>(source: &Source, hint: &str) -> Result<T, Error> {
    let refuse = |diagnostics: Vec<Diagnostic>| {
        Error::invalid(say::not_valid_file(source.path.display()))
            .with_diagnostics(diagnostics)
            .with_hint(hint)
    };
    if source.sheet.is_some() {
        return Err(
            Error::invalid(say::workbook_not_toml(source.path.display()))
                .with_hint(say::workbook_not_toml_hint()),
        );
    }
    let table =
        toml::de::DeTable::parse(&source.text).map_err(|e| refuse(vec![toml_error(source, &e)]))?;
    let mut controls = Vec::new();
    control_strings(source, table.get_ref(), &mut Vec::new(), &mut controls);
    // Tables are walked in key order; people read in file order.
    controls.sort_by_key(|d| (d.line, d.column));
    if !controls.is_empty() {
        return Err(refuse(controls));
    }
    T::deserialize(toml::de::Deserializer::from(table))
        .map_err(|e| refuse(vec![toml_error(source, &e)]))
}

/// A TOML syntax or type error at its place, named by its key where it has one.
fn toml_error(source: &Source, e: &toml::de::Error) -> Diagnostic {
    let parser = e.message().trim().replace('\n', "; ");
    let mut message = toml_message(&parser);
    match e.span() {
        Some(span) => {
            // Clerks write `活力强 = 85`; TOML takes a key beyond ASCII only in quotes.
            let text = source.text.get(span.clone()).unwrap_or("");
            if parser.starts_with("invalid unquoted key") && !text.is_ascii() {
                message.push_str(&say::chinese_key_needs_quotes(text.trim()));
            }
            let diagnostic = toml_diagnostic_at(source, span.clone(), message);
            match key_at(&source.text, span.start) {
                Some(key) => diagnostic.field(key_named(&key)),
                None => diagnostic,
            }
        }
        None => Diagnostic::new(&source.path, message),
    }
}

/// The toml crate's message as people read it: its own text in English; in Chinese our sentence
/// for what it means, then its text, quoted so that its words read as the parser's.
fn toml_message(parser: &str) -> String {
    if crate::messages::lang() == crate::messages::Lang::En {
        return parser.to_owned();
    }
    let quoted = parser.replace('`', "'");
    // The first backticked name after `prefix`, as in "unknown field `flag_block`, expected …".
    let named = |prefix: &str| {
        parser
            .strip_prefix(prefix)
            .and_then(|rest| rest.split('`').nth(1))
            .map(str::to_owned)
    };
    if let Some(key) = named("missing field ") {
        return say::toml_missing(&key, &quoted);
    }
    if let Some(key) = named("unknown field ") {
        let expected: Vec<&str> = parser
            .split_once("expected")
            .map(|(_, rest)| rest.split('`').skip(1).step_by(2).collect())
            .unwrap_or_default();
        return match likely_meant(&key, expected) {
            Some(meant) => say::toml_unknown_meant(&key, meant, &quoted),
            None => say::toml_unknown(&key, &quoted),
        };
    }
    if let Some(rest) = parser.strip_prefix("invalid type: ") {
        let expected = rest.rsplit_once("expected ").map_or("", |(_, e)| e).trim();
        let what = match expected {
            "f64" | "f32" | "a float" | "a number" => say::expected_number(),
            "i64" | "i32" | "i16" | "i8" | "u64" | "u32" | "u16" | "u8" | "usize"
            | "an integer" => say::expected_integer(),
            "a string" | "a borrowed string" => say::expected_text(),
            "a boolean" | "bool" => say::expected_boolean(),
            "a sequence" | "an array" => say::expected_list(),
            e if e.starts_with("struct ") || e.starts_with("a map") || e == "a table" => {
                say::expected_table()
            }
            e if e.starts_with("a date") => say::expected_date(),
            other => say::expected_other(&other.replace('`', "'")),
        };
        return say::toml_type(&what, &quoted);
    }
    if let Some(word) = named("unknown variant ") {
        return say::toml_unknown_word(&word, &quoted);
    }
    if parser.starts_with("invalid value")
        || parser.starts_with("invalid length")
        || parser.starts_with("data did not match")
    {
        return say::toml_value(&quoted);
    }
    if parser.starts_with("duplicate key") || parser.contains("duplicate") {
        return say::toml_duplicate(&quoted);
    }
    say::toml_syntax(&quoted)
}

/// Every key and string value under `table` that holds a control character, named by its dotted
/// key (`path` is the key of `table`).
fn control_strings(
    source: &Source,
    table: &toml::de::DeTable<'_>,
    path: &mut Vec<String>,
    out: &mut Vec<Diagnostic>,
) {
    fn check(
        source: &Source,
        value: &toml::Spanned<toml::de::DeValue<'_>>,
        path: &mut Vec<String>,
        out: &mut Vec<Diagnostic>,
    ) {
        match value.get_ref() {
            toml::de::DeValue::String(text) => {
                if let Some(c) = first_control(text) {
                    out.push(toml_diagnostic(
                        source,
                        value.span(),
                        &path.join("."),
                        control_problem(c),
                    ));
                }
            }
            toml::de::DeValue::Array(items) => {
                for item in items.iter() {
                    check(source, item, path, out);
                }
            }
            toml::de::DeValue::Table(table) => control_strings(source, table, path, out),
            _ => {}
        }
    }
    for (key, item) in table {
        path.push(key.get_ref().to_string());
        if let Some(c) = first_control(key.get_ref()) {
            out.push(toml_diagnostic(
                source,
                key.span(),
                &path.join("."),
                control_problem(c),
            ));
        }
        check(source, item, path, out);
        path.pop();
    }
}

/// The diagnostic for a value found at `span` of a TOML source.
pub fn toml_diagnostic(
    source: &Source,
    span: std::ops::Range<usize>,
    field: &str,
    message: impl Into<String>,
) -> Diagnostic {
    toml_diagnostic_at(source, span, message).field(key_named(field))
}

/// The dotted key (`indicator.id`) whose key or value holds `offset`, from toml_edit's spans; serde's
/// errors give the place of a bad value but not its key.
fn key_at(text: &str, offset: usize) -> Option<String> {
    fn walk(table: &toml_edit::Table, offset: usize, path: &mut Vec<String>) -> bool {
        for (key, item) in table.iter() {
            path.push(key.to_owned());
            let on_key = table
                .key(key)
                .and_then(toml_edit::Key::span)
                .is_some_and(|s| s.contains(&offset));
            let found = on_key
                || match item {
                    toml_edit::Item::Table(t) => walk(t, offset, path),
                    toml_edit::Item::ArrayOfTables(a) => a.iter().any(|t| walk(t, offset, path)),
                    toml_edit::Item::Value(v) => v.span().is_some_and(|s| s.contains(&offset)),
                    toml_edit::Item::None => false,
                };
            if found {
                return true;
            }
            path.pop();
        }
        false
    }
    let document = toml_edit::Document::parse(text).ok()?;
    let mut path = Vec::new();
    walk(&document, offset, &mut path).then(|| path.join("."))
}

fn toml_diagnostic_at(
    source: &Source,
    span: std::ops::Range<usize>,
    message: impl Into<String>,
) -> Diagnostic {
    Diagnostic::new(&source.path, message)
        .at(Some(source.position(span.start)))
        .excerpt(source.excerpt(span))
}

#[cfg(test)]
mod tests {
    use super::*;

    const COLUMNS: &[Column] = &[
        Column {
            key: "code",
            headers: &["code", "单位代码"],
            required: true,
        },
        Column {
            key: "head",
            headers: &["head", "党委（党组）书记"],
            required: false,
        },
    ];

    fn source(text: &str) -> Source {
        Source::new("t.csv", text.to_owned(), Encoding::Utf8, String::new())
    }

    #[test]
    fn decodes_the_three_encodings_strictly() {
        let p = Path::new("x.csv");
        assert_eq!(decode(p, "单位".as_bytes()).unwrap().1, Encoding::Utf8);
        let bom = [b"\xEF\xBB\xBF".as_slice(), "单位".as_bytes()].concat();
        assert_eq!(
            decode(p, &bom).unwrap(),
            ("单位".to_owned(), Encoding::Utf8Bom)
        );
        let (gb, _, _) = encoding_rs::GB18030.encode("单位代码");
        assert_eq!(
            decode(p, &gb).unwrap(),
            ("单位代码".to_owned(), Encoding::Gb18030)
        );
        assert!(decode(p, b"\xFF\xFEa\x00").is_err());
        assert!(decode(p, b"ok\n\x81\x20").is_err());
    }

    #[test]
    fn headers_match_aliases_with_either_bracket_width() {
        let src = source("单位代码 , 党委(党组)书记\r\n C01 , 张三 \r\n,\r\nC02,李四\r\n");
        let rows = read_csv(&src, COLUMNS).unwrap().rows;
        assert_eq!(rows.len(), 2);
        assert_eq!(
            rows[1].line, 4,
            "CRLF files are numbered by their real lines"
        );
        assert_eq!(rows[0].get("code"), "C01");
        assert_eq!(rows[0].get("head"), "张三");
        assert_eq!(rows[0].line, 2);
    }

    #[test]
    fn a_bad_value_is_named_by_its_dotted_key() {
        let text = "unit = \"C01\"\n[[indicator]]\nid = \"P1\"\n[[indicator]]\nid = 1\n";
        assert_eq!(
            key_at(text, text.rfind('1').unwrap()).as_deref(),
            Some("indicator.id")
        );
        assert_eq!(key_at(text, 1).as_deref(), Some("unit"));
        assert_eq!(key_at("x = [", 2), None);
    }

    #[test]
    fn a_missing_required_column_is_reported_on_the_header_line() {
        let err = read_csv(&source("name\nx\n"), COLUMNS).unwrap_err();
        assert_eq!(err.len(), 1);
        assert!(
            err[0]
                .to_string()
                .starts_with("t.csv:1: header: missing column `code`")
        );
    }

    fn gbk(text: &str) -> Vec<u8> {
        encoding_rs::GB18030.encode(text).0.into_owned()
    }

    #[test]
    fn utf8_with_gbk_cells_is_refused_naming_the_first_line_that_is_not_utf8() {
        let p = Path::new("x.csv");
        // 张三 in GBK happens to be GB18030 that decodes whole, into mojibake, after UTF-8 text.
        let cases = [
            ["名称\n甲\n".as_bytes(), &gbk("张三\n")].concat(),
            [b"name\n".as_slice(), "甲\n".as_bytes(), &gbk("张三\n")].concat(),
            [b"\xEF\xBB\xBFname\nx\n".as_slice(), &gbk("张三\n")].concat(),
            // On the same line as the UTF-8 cell.
            [b"name\n\n".as_slice(), "甲,".as_bytes(), &gbk("张三\n")].concat(),
        ];
        for (bytes, line) in cases.iter().zip([3, 3, 3, 3]) {
            let err = decode(p, bytes).unwrap_err();
            assert!(
                err.message.contains(&format!(
                    "mixes encodings: it is UTF-8 text, but line {line} is not"
                )),
                "{err}"
            );
            assert_eq!(err.diagnostics[0].line, Some(line));
        }
    }

    #[test]
    fn gb18030_after_ascii_or_latin_looking_bytes_still_imports() {
        let p = Path::new("x.csv");
        // 楼 in GBK is C2 A5, a valid two-byte UTF-8 sequence (¥), which is no evidence of UTF-8.
        let text = "code,name\nC01,楼中华\nC02,王五\n";
        assert_eq!(
            decode(p, &gbk(text)).unwrap(),
            (text.to_owned(), Encoding::Gb18030)
        );
        // A GBK file that is valid UTF-8 throughout is read as UTF-8: Chinese text practically
        // never is, and no rule could tell it from UTF-8 Latin text.
        assert_eq!(
            decode(p, &gbk("name\n楼\n")).unwrap(),
            ("name\n¥\n".to_owned(), Encoding::Utf8)
        );
    }

    #[test]
    fn short_rows_are_refused_like_long_ones() {
        let src = source("code,head\nC01\nC02,a,b\n\nC03,c\n");
        let err = read_csv(&src, COLUMNS).unwrap_err();
        let all: Vec<String> = err.iter().map(|d| d.to_string()).collect();
        assert_eq!(
            all,
            [
                "t.csv:2: row: 1 cells but the header has 2 columns",
                "t.csv:3: row: 3 cells but the header has 2 columns"
            ]
        );
    }

    #[test]
    fn a_quote_never_closed_is_refused_where_it_opens() {
        for (text, place) in [
            ("code,head\nC01,\"张三\nC02,李四\n", Some((2, 5))),
            ("code,head\nC01,a\n\n\n\"C02,b\n", Some((5, 1))),
            ("code,head\r\nC01,\"a\"\"\r\n", Some((2, 5))),
            ("code,\"head\n", Some((1, 6))),
            ("code,head\nC01,\"a\"", None),
            ("code,head\nC01,\"a,\"\"b\"\"\"\n", None),
            ("code,head\nC01,a\"b\n", None),
        ] {
            match read_csv(&source(text), COLUMNS) {
                Ok(_) => assert_eq!(place, None, "{text:?}"),
                Err(err) => {
                    assert_eq!(err.len(), 1, "{text:?}: {err:?}");
                    let d = &err[0];
                    assert_eq!(
                        place,
                        Some((d.line.unwrap(), d.column.unwrap())),
                        "{text:?}"
                    );
                    assert!(d.message.contains("closing `\"` is missing"), "{d}");
                }
            }
        }
    }

    #[test]
    fn control_characters_are_refused_in_every_cell_but_tabs_and_line_breaks_are_not() {
        let header = read_csv(&source("code,head\u{7}\nC01,a\n"), COLUMNS).unwrap_err();
        assert!(
            header[0]
                .to_string()
                .starts_with("t.csv:1: header: control character U+0007"),
            "{header:?}"
        );
        let src = source("code,head,\nC\u{0}01,a,b\nC02,\u{1b}[31mred,c\nC03,\u{85}x,\u{7f}\n");
        let err = read_csv(&src, COLUMNS).unwrap_err();
        let all: Vec<String> = err.iter().map(|d| d.to_string()).collect();
        let places: Vec<&str> = all
            .iter()
            .map(|d| d.split(": control").next().unwrap())
            .collect();
        assert_eq!(
            places,
            [
                "t.csv:2: code",
                "t.csv:3: head",
                "t.csv:4: head",
                "t.csv:4: column 3"
            ],
            "{all:#?}"
        );
        assert!(all[0].contains("control character U+0000"), "{}", all[0]);
        let fine = read_csv(&source("code,head\nC01,\"a\tb\r\nc\"\n"), COLUMNS).unwrap();
        assert_eq!(fine.rows[0].get("head"), "a\tb\r\nc");
    }

    #[test]
    fn a_header_close_to_a_missing_one_is_an_error_and_others_are_listed() {
        let err = read_csv(&source("cdoe,hed\nC01,a\n"), COLUMNS).unwrap_err();
        let all: Vec<String> = err.iter().map(|d| d.to_string()).collect();
        assert_eq!(
            all[..2],
            [
                "t.csv:1: cdoe: unknown column `cdoe`: did you mean `code`?",
                "t.csv:1: hed: unknown column `hed`: did you mean `head`?"
            ]
        );
        let err = read_csv(&source("单位代玛\nC01\n"), COLUMNS).unwrap_err();
        assert!(
            err[0].message.contains("did you mean `单位代码`?"),
            "{err:?}"
        );
        // Close to a column the file already has, or far from every one: a column not used.
        let rows = read_csv(&source("code,cod,序号,,\nC01,x,1,,y\n"), COLUMNS).unwrap();
        assert_eq!(rows.ignored_columns, ["cod", "序号", "column 5"]);
    }

    #[test]
    fn likely_meant_allows_one_edit_or_two_in_long_names() {
        let names = ["score", "government_head", "得分"];
        assert_eq!(likely_meant("scroe", names), Some("score"));
        assert_eq!(likely_meant("Score ", names), Some("score"));
        assert_eq!(
            likely_meant("goverment_haed", names),
            Some("government_head")
        );
        assert_eq!(likely_meant("得份", names), Some("得分"));
        assert_eq!(likely_meant("scare_x", names), None);
        assert_eq!(likely_meant("s", names), None);
    }

    #[test]
    fn may_have_control_is_true_whenever_first_control_finds_one() {
        for c in (0..=0x10FFu32).filter_map(char::from_u32) {
            let text = format!("a{c}b");
            if first_control(&text).is_some() {
                assert!(may_have_control(text.as_bytes()), "U+{:04X}", u32::from(c));
            }
        }
        assert!(!may_have_control("单位,\t名称\r\n·×".as_bytes()));
    }

    fn toml_source(text: &str) -> Source {
        Source::new("p.toml", text.to_owned(), Encoding::Utf8, String::new())
    }

    #[test]
    fn control_characters_in_toml_strings_and_keys_are_refused_with_their_key() {
        let text = "unit = \"C\\u0000\"\n[[indicator]]\ngoal = \"a\\u001b[31m\"\nowner = [\"x\", \"\\b\"]\n\"k\\f\" = 1\nnote = \"\u{85}\"\nfine = \"\"\"\n\tline\r\nbreaks\"\"\"\n";
        let err = parse_toml::<toml::Table>(&toml_source(text), "h").unwrap_err();
        let all: Vec<String> = err.diagnostics.iter().map(|d| d.to_string()).collect();
        let places: Vec<&str> = all
            .iter()
            .map(|d| d.split(": control").next().unwrap())
            .collect();
        assert_eq!(
            places,
            [
                "p.toml:1:8: unit",
                "p.toml:3:8: indicator.goal",
                "p.toml:4:15: indicator.owner",
                "p.toml:5:1: indicator.k\u{c}",
                "p.toml:6:8: indicator.note",
            ],
            "{all:#?}"
        );
        assert!(all[1].contains("control character U+001B"), "{}", all[1]);
        let fine = "fine = \"\"\"\n\tline\r\nbreaks\"\"\"\n";
        assert!(parse_toml::<toml::Table>(&toml_source(fine), "h").is_ok());
    }

    #[test]
    fn the_toml_crates_errors_are_explained_in_chinese_and_quoted() {
        crate::messages::set(crate::messages::Lang::Zh);
        let said = [
            toml_message("unknown field `flag_block`, expected one of `flags_block`, `quota`"),
            toml_message("missing field `year`"),
            toml_message("invalid type: string \"五\", expected f64"),
            toml_message("expected `=`"),
        ];
        crate::messages::set(crate::messages::Lang::En);
        assert_eq!(
            said,
            [
                "不认识的键 `flag_block`：是不是想写 `flags_block`？（解析器原文：`unknown field 'flag_block', expected one of 'flags_block', 'quota'`）",
                "缺少必填的键 `year`（解析器原文：`missing field 'year'`）",
                "值的类型不对：这里应当写一个不加引号的数字（如 `0.2`）（解析器原文：`invalid type: string \"五\", expected f64`）",
                "TOML 写法有误（解析器原文：`expected '='`）",
            ]
        );
        assert_eq!(toml_message("missing field `year`"), "missing field `year`");
    }

    #[test]
    fn deeply_nested_toml_is_an_error_not_a_stack_overflow() {
        for text in [
            format!("x = {}", "[".repeat(100_000)),
            format!("x = {}{}", "[".repeat(100_000), "]".repeat(100_000)),
            format!("x = {}1{}", "{a = ".repeat(100_000), "}".repeat(100_000)),
            format!("[{}]", vec!["a"; 100_000].join(".")),
        ] {
            let err = parse_toml::<toml::Table>(&toml_source(&text), "h").unwrap_err();
            assert_eq!(err.kind, crate::error::Kind::InvalidInput);
            assert!(!err.diagnostics.is_empty());
        }
    }
}
