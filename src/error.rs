//! Error kinds, their exit codes, and diagnostics that carry their place in a file.

use std::fmt;
use std::path::Path;

/// Why a command failed; each kind has a documented exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Anything not covered below, such as an unreadable file.
    Other,
    /// The command line itself is wrong.
    Usage,
    /// The command comes too early or too late in the campaign's step order.
    StepOrder,
    /// An input file or argument is invalid.
    InvalidInput,
    /// A record was changed outside banzi, or the store disagrees with its journal.
    Integrity,
}

impl Kind {
    pub fn exit_code(self) -> u8 {
        match self {
            Kind::Other => 1,
            Kind::Usage => 2,
            Kind::StepOrder => 3,
            Kind::InvalidInput => 4,
            Kind::Integrity => 5,
        }
    }
}

/// One problem in one place of an input: `file:line[:column]: field: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub file: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub field: Option<String>,
    pub message: String,
    /// The line of the file the problem is on, for showing it to people.
    pub excerpt: Option<Excerpt>,
}

/// One line of a text file and the byte range within it that a diagnostic points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Excerpt {
    pub line: usize,
    pub text: String,
    pub span: std::ops::Range<usize>,
}

impl Excerpt {
    /// The line holding `span.start` in `text`, with the span clipped to that line.
    pub fn of(text: &str, span: std::ops::Range<usize>) -> Excerpt {
        Lines::new(text).excerpt(text, span)
    }
}

/// Where the lines of a text start, so that the place of an offset is found in logarithmic time:
/// a file with many problems is not scanned from its start for each one.
#[derive(Debug, Clone)]
pub struct Lines {
    starts: Vec<usize>,
}

impl Lines {
    pub fn new(text: &str) -> Lines {
        let starts = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1))
            .collect();
        Lines { starts }
    }

    /// The 1-based line of `offset` and the offset its line starts at.
    fn line_of(&self, offset: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|&start| start <= offset);
        (line, self.starts[line - 1])
    }

    /// The position of a byte offset in `text`, the text these lines are of; offsets past the
    /// end point at the end.
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let (line, start) = self.line_of(offset);
        let column = text[start..offset].chars().count() + 1;
        Position { line, column }
    }

    /// The line holding `span.start` in `text`, with the span clipped to that line.
    pub fn excerpt(&self, text: &str, span: std::ops::Range<usize>) -> Excerpt {
        let mut start = span.start.min(text.len());
        while !text.is_char_boundary(start) {
            start -= 1;
        }
        let (line, line_start) = self.line_of(start);
        let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let line_text = text[line_start..line_end].trim_end_matches('\r');
        // A span may start on the line's `\r`s, which the excerpt leaves out.
        let end = line_start + line_text.len();
        let start = start.min(end);
        let mut stop = span.end.clamp(start, end);
        while !text.is_char_boundary(stop) {
            stop += 1;
        }
        let from = start - line_start;
        let to = stop - line_start;
        Excerpt {
            line,
            text: line_text.to_owned(),
            span: from..to.max(from),
        }
    }
}

impl Diagnostic {
    pub fn new(file: &Path, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.display().to_string(),
            line: None,
            column: None,
            field: None,
            message: message.into(),
            excerpt: None,
        }
    }

    /// A problem in a workbook: its file, sheet and row (`votes.xlsx:Sheet1:12`) or cell
    /// (`C01-plan.xlsx:指标:B7`), as people find it in Excel or WPS.
    pub fn in_sheet(file: &Path, sheet: &str, place: &str, message: impl Into<String>) -> Self {
        Diagnostic {
            file: format!("{}:{sheet}:{place}", file.display()),
            ..Diagnostic::new(file, message)
        }
    }

    pub fn at_line(mut self, line: usize) -> Self {
        self.line = Some(line);
        self
    }

    pub fn at(mut self, position: Option<Position>) -> Self {
        if let Some(position) = position {
            self.line = Some(position.line);
            self.column = Some(position.column);
        }
        self
    }

    pub fn excerpt(mut self, excerpt: Excerpt) -> Self {
        self.excerpt = Some(excerpt);
        self
    }

    pub fn field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        match &self.field {
            // A field is named in words (`` `name` 列 ``, 表头): in Chinese a full-width colon
            // follows it, as it would follow any Chinese word.
            Some(field) => match crate::messages::lang() {
                crate::messages::Lang::Zh => write!(f, ": {field}：{}", self.message),
                crate::messages::Lang::En => write!(f, ": {field}: {}", self.message),
            },
            None => write!(f, ": {}", self.message),
        }
    }
}

/// A 1-based line and column (in characters) inside a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl Position {
    /// The position of a byte offset in `text`; offsets past the end point at the end.
    pub fn of_offset(text: &str, offset: usize) -> Position {
        Lines::new(text).position(text, offset)
    }
}

/// A failure the user can act on: what went wrong, where, and what to do next.
#[derive(Debug)]
pub struct Error {
    pub kind: Kind,
    pub message: String,
    pub diagnostics: Vec<Diagnostic>,
    pub hint: Option<String>,
}

impl Error {
    pub fn new(kind: Kind, message: impl Into<String>) -> Self {
        Error {
            kind,
            message: message.into(),
            diagnostics: Vec::new(),
            hint: None,
        }
    }

    pub fn invalid(message: impl Into<String>) -> Self {
        Error::new(Kind::InvalidInput, message)
    }

    pub fn step_order(message: impl Into<String>) -> Self {
        Error::new(Kind::StepOrder, message)
    }

    pub fn integrity(message: impl Into<String>) -> Self {
        Error::new(Kind::Integrity, message)
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn with_diagnostics(mut self, diagnostics: Vec<Diagnostic>) -> Self {
        self.diagnostics = diagnostics;
        self
    }

    /// Fails with every collected diagnostic, or succeeds when there are none.
    pub fn check(
        diagnostics: Vec<Diagnostic>,
        message: impl FnOnce(usize) -> String,
        hint: &str,
    ) -> Result<(), Error> {
        if diagnostics.is_empty() {
            return Ok(());
        }
        Err(Error::invalid(message(diagnostics.len()))
            .with_diagnostics(diagnostics)
            .with_hint(hint))
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

/// The exit code of any error: a banzi [`Error`] knows its kind, anything else is 1.
pub fn exit_code(error: &anyhow::Error) -> u8 {
    error
        .downcast_ref::<Error>()
        .map_or(Kind::Other.exit_code(), |e| e.kind.exit_code())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn position_counts_characters_not_bytes() {
        let text = "unit = \"C01\"\n名称 = 1\n";
        let offset = text.find('1').unwrap() + text[text.find('1').unwrap()..].find('=').unwrap();
        let p = Position::of_offset(text, offset);
        assert_eq!(p, Position { line: 2, column: 4 });
    }

    #[test]
    fn lines_place_every_offset_as_a_scan_from_the_start_would() {
        let text = "a = 1\r\n\n名称 = \"值\"\r\nlast";
        let lines = Lines::new(text);
        for offset in 0..=text.len() + 2 {
            let o = offset.min(text.len());
            let o = (0..=o).rev().find(|&i| text.is_char_boundary(i)).unwrap();
            let before = &text[..o];
            let start = before.rfind('\n').map_or(0, |i| i + 1);
            let expected = Position {
                line: before.matches('\n').count() + 1,
                column: before[start..].chars().count() + 1,
            };
            assert_eq!(lines.position(text, offset), expected, "offset {offset}");
        }
        let at = text.find('名').unwrap();
        let e = lines.excerpt(text, at..at + 6);
        assert_eq!((e.line, e.text.as_str()), (3, "名称 = \"值\""));
        // On a line's carriage returns, or inside a character: clipped, not a panic.
        let text = "abc\r\r\n名";
        let e = Lines::new(text).excerpt(text, 4..5);
        assert_eq!((e.line, e.text.as_str(), e.span), (1, "abc", 3..3));
        let e = Lines::new(text).excerpt(text, 7..8);
        assert_eq!((e.line, e.text.as_str(), e.span), (2, "名", 0..3));
    }

    #[test]
    fn diagnostic_formats_file_line_column_field() {
        let d = Diagnostic::new(Path::new("a.csv"), "unknown category `x`")
            .at_line(3)
            .field("category");
        assert_eq!(d.to_string(), "a.csv:3: category: unknown category `x`");
        let d =
            Diagnostic::new(Path::new("p.toml"), "bad").at(Some(Position { line: 2, column: 5 }));
        assert_eq!(d.to_string(), "p.toml:2:5: bad");
    }

    #[test]
    fn an_excerpt_is_the_line_of_the_span() {
        let text = "a = 1\r\nrating = 130\r\nc = 3\n";
        let start = text.find("130").unwrap();
        let e = Excerpt::of(text, start..start + 3);
        assert_eq!(e.line, 2);
        assert_eq!(e.text, "rating = 130");
        assert_eq!(&e.text[e.span.clone()], "130");
        let table = Excerpt::of(text, 0..text.len());
        assert_eq!((table.line, table.span), (1, 0..5));
    }

    #[test]
    fn exit_codes_are_the_documented_ones() {
        let codes: Vec<u8> = [
            Kind::Other,
            Kind::Usage,
            Kind::StepOrder,
            Kind::InvalidInput,
            Kind::Integrity,
        ]
        .iter()
        .map(|k| k.exit_code())
        .collect();
        assert_eq!(codes, vec![1, 2, 3, 4, 5]);
        let other = anyhow::anyhow!("disk full");
        assert_eq!(exit_code(&other), 1);
        assert_eq!(exit_code(&Error::step_order("x").into()), 3);
    }
}
