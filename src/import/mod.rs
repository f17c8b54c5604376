//! The one reader for every input file: encoding, CSV with header aliases, rows with line numbers.
//!
//! Inputs come from other systems and from Excel/WPS on Chinese Windows, so a file may be UTF-8,
//! UTF-8 with a BOM or GB18030, with CRLF line ends and padded cells. Decoding is strict: a file
//! that is none of these is refused, never read with replacement characters.

use std::path::Path;

use anyhow::Context as _;

use crate::error::{Diagnostic, Error};

/// Which encoding a file turned out to be in, for messages and the journal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    Gb18030,
}

impl Encoding {
    pub fn label(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 with BOM",
            Encoding::Gb18030 => "GB18030",
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
}

impl Source {
    pub fn read(path: &Path) -> anyhow::Result<Source> {
        let bytes =
            std::fs::read(path).with_context(|| format!("cannot read `{}`", path.display()))?;
        let sha256 = crate::store::sha256_hex(&bytes);
        let (text, encoding) = decode(path, &bytes)?;
        Ok(Source {
            path: path.to_path_buf(),
            text,
            encoding,
            sha256,
        })
    }
}

/// Decodes UTF-8 (with or without BOM) or GB18030, refusing anything that is neither.
pub fn decode(path: &Path, bytes: &[u8]) -> Result<(String, Encoding), Error> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return match std::str::from_utf8(rest) {
            Ok(text) => Ok((text.to_owned(), Encoding::Utf8Bom)),
            Err(e) => Err(not_decodable(path, bytes, e.valid_up_to() + 3)),
        };
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err(utf16_refused(path));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok((text.to_owned(), Encoding::Utf8));
    }
    match encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(bytes) {
        Some(text) => Ok((text.into_owned(), Encoding::Gb18030)),
        None => {
            let valid = std::str::from_utf8(bytes).map_or_else(|e| e.valid_up_to(), |_| 0);
            Err(not_decodable(path, bytes, valid))
        }
    }
}

/// A file starting with a UTF-16 byte-order mark: Excel's "Unicode text", not a CSV banzi reads.
pub(crate) fn utf16_refused(path: &Path) -> Error {
    Error::invalid(format!(
        "`{}` is UTF-16 text, which banzi does not read",
        path.display()
    ))
    .with_hint("save it from Excel/WPS as \"CSV UTF-8 (逗号分隔)\" or plain \"CSV (逗号分隔)\"")
}

fn not_decodable(path: &Path, bytes: &[u8], offset: usize) -> Error {
    let line = bytes[..offset.min(bytes.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1;
    not_decodable_on_line(path, line)
}

/// The refusal of a file that is neither UTF-8 nor GB18030, naming the line of its first bad byte.
pub(crate) fn not_decodable_on_line(path: &Path, line: usize) -> Error {
    Error::invalid(format!(
        "`{}` is neither UTF-8 nor GB18030 text (first bad byte on line {line})",
        path.display()
    ))
    .with_hint("save the file as CSV in UTF-8 or GB18030 (Excel/WPS: \"CSV UTF-8\" or \"CSV\")")
}

/// One column an import understands: its key, and every header that names it.
#[derive(Debug)]
pub struct Column {
    pub key: &'static str,
    pub headers: &'static [&'static str],
    pub required: bool,
}

/// The hint under a failed import's rows.
pub const ROWS_HINT: &str =
    "correct the rows above and import the file again; nothing was imported";

/// Reads a CSV input into rows, or fails with every header and row problem found.
pub fn read_rows<'c>(source: &Source, columns: &'c [Column]) -> Result<Vec<Row<'c>>, Error> {
    read_csv(source, columns).map_err(|diagnostics| {
        Error::invalid(format!("`{}` cannot be imported", source.path.display()))
            .with_diagnostics(diagnostics)
            .with_hint(ROWS_HINT)
    })
}

/// A data row of a CSV file: its line number and its cells, trimmed, by column key.
#[derive(Debug)]
pub struct Row<'c> {
    pub line: usize,
    columns: &'c [Column],
    cells: Vec<Option<String>>,
}

impl Row<'_> {
    /// A problem with this row's cell in `column`.
    pub fn problem(&self, file: &Path, column: &str, message: String) -> Diagnostic {
        Diagnostic::new(file, message)
            .at_line(self.line)
            .field(column)
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

/// Reads a CSV text into rows by column key, collecting every bad row's diagnostic.
///
/// Lines whose cells are all empty are skipped: spreadsheets leave them at the end.
pub fn read_csv<'c>(
    source: &Source,
    columns: &'c [Column],
) -> Result<Vec<Row<'c>>, Vec<Diagnostic>> {
    let text = source.text.as_str();
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut lines = LineCounter::default();
    let file = &source.path;
    let headers = match reader.headers() {
        Ok(h) => h.clone(),
        Err(e) => return Err(vec![Diagnostic::new(file, e.to_string()).at_line(1)]),
    };
    let mut diagnostics = Vec::new();
    let mut positions: Vec<Option<usize>> = vec![None; columns.len()];
    for (index, header) in headers.iter().enumerate() {
        let name = normalize_header(header);
        let Some(col) = columns
            .iter()
            .position(|c| c.headers.iter().any(|h| normalize_header(h) == name))
        else {
            continue;
        };
        if positions[col].is_some() {
            diagnostics.push(
                Diagnostic::new(file, format!("column `{}` appears twice", columns[col].key))
                    .at_line(1)
                    .field(header),
            );
        }
        positions[col] = Some(index);
    }
    for (col, position) in columns.iter().zip(&positions) {
        if col.required && position.is_none() {
            diagnostics.push(
                Diagnostic::new(
                    file,
                    format!(
                        "missing column `{}` (accepted headers: {})",
                        col.key,
                        col.headers.join(", ")
                    ),
                )
                .at_line(1)
                .field("header"),
            );
        }
    }
    if !diagnostics.is_empty() {
        return Err(diagnostics);
    }

    let mut rows = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e
                    .position()
                    .map_or(0, |p| lines.line_at(text, p.byte() as usize));
                diagnostics.push(Diagnostic::new(file, e.to_string()).at_line(line));
                continue;
            }
        };
        let line = record
            .position()
            .map_or(0, |p| lines.line_at(text, p.byte() as usize));
        if record.iter().all(str::is_empty) {
            continue;
        }
        if record.len() > headers.len() {
            diagnostics.push(
                Diagnostic::new(
                    file,
                    format!(
                        "{} cells but the header has {} columns",
                        record.len(),
                        headers.len()
                    ),
                )
                .at_line(line),
            );
            continue;
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
    if diagnostics.is_empty() {
        Ok(rows)
    } else {
        Err(diagnostics)
    }
}

/// Parses a TOML input into its raw serde type, placing a syntax or type error at its line and
/// column and naming the key.
pub fn parse_toml<T: serde::de::DeserializeOwned>(source: &Source, hint: &str) -> Result<T, Error> {
    toml::from_str(&source.text).map_err(|e| {
        let message = e.message().trim().replace('\n', "; ");
        let diagnostic = match e.span() {
            Some(span) => {
                let diagnostic = toml_diagnostic_at(source, span.clone(), message);
                match key_at(&source.text, span.start) {
                    Some(key) => diagnostic.field(key),
                    None => diagnostic,
                }
            }
            None => Diagnostic::new(&source.path, message),
        };
        Error::invalid(format!(
            "`{}` is not a valid file of this kind",
            source.path.display()
        ))
        .with_diagnostics(vec![diagnostic])
        .with_hint(hint)
    })
}

/// The diagnostic for a value found at `span` of a TOML source.
pub fn toml_diagnostic(
    source: &Source,
    span: std::ops::Range<usize>,
    field: &str,
    message: impl Into<String>,
) -> Diagnostic {
    toml_diagnostic_at(source, span, message).field(field)
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
        .at(Some(crate::error::Position::of_offset(
            &source.text,
            span.start,
        )))
        .excerpt(crate::error::Excerpt::of(&source.text, span))
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
        Source {
            path: "t.csv".into(),
            text: text.to_owned(),
            encoding: Encoding::Utf8,
            sha256: String::new(),
        }
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
        let rows = read_csv(&src, COLUMNS).unwrap();
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
}
