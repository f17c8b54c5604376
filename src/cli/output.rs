//! Data to stdout, status and errors to stderr; tables for people, JSON for scripts, workbooks
//! to the file named after `--xlsx`. Colour only on a terminal and never with NO_COLOR (anstream
//! strips it otherwise).

use std::io::Write as _;
use std::path::Path;

use anstyle::{AnsiColor, Style};
use comfy_table::{ContentArrangement, Table, presets};

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use crate::campaign::Campaign;
use crate::documents::workbook;
use crate::error::{Error, Excerpt};
use crate::messages::output as words;
use crate::partial::Partial;

const ERROR: Style = AnsiColor::Red.on_default().bold();
const HINT: Style = AnsiColor::Cyan.on_default().bold();
const GOOD: Style = AnsiColor::Green.on_default().bold();
const WARN: Style = AnsiColor::Yellow.on_default().bold();

pub struct Ui {
    pub json: bool,
    quiet: bool,
}

impl Ui {
    pub fn new(json: bool, quiet: bool) -> Ui {
        Ui { json, quiet }
    }

    /// A line of data on stdout.
    pub fn data(&self, text: &str) {
        let mut out = anstream::stdout().lock();
        let _ = writeln!(out, "{text}");
    }

    /// A document's bytes on stdout, as they are (a PDF).
    pub fn bytes(&self, data: &[u8]) -> anyhow::Result<()> {
        let mut out = std::io::stdout().lock();
        out.write_all(data)?;
        Ok(out.flush()?)
    }

    /// A value as pretty JSON on stdout.
    pub fn json(&self, value: &impl serde::Serialize) -> anyhow::Result<()> {
        let text = serde_json::to_string_pretty(value)?;
        self.data(&text);
        Ok(())
    }

    /// A status message for people on stderr, unless `--quiet`.
    pub fn status(&self, text: &str) {
        if !self.quiet {
            let _ = writeln!(anstream::stderr().lock(), "{text}");
        }
    }

    /// Something people should act on, on stderr even with `--quiet`.
    pub fn warn(&self, text: &str) {
        let _ = writeln!(
            anstream::stderr().lock(),
            "{}{text}",
            label(WARN, words::warning())
        );
    }

    /// A status message that reports a change was made.
    pub fn done(&self, text: &str) {
        if !self.quiet {
            let _ = writeln!(
                anstream::stderr().lock(),
                "{}{text}",
                label(GOOD, words::done())
            );
        }
    }

    /// Reports a committed change: its summary, and the journal entry that records it.
    pub fn committed(&self, entry: &crate::journal::Entry) {
        self.done(&words::committed(entry.summary_shown(), &entry.cite()));
    }

    /// A progress bar on stderr for long work; hidden when stderr is not a terminal or with
    /// `--quiet`, so scripts and logs never see it.
    pub fn progress_bar(
        &self,
        message: impl Into<std::borrow::Cow<'static, str>>,
    ) -> indicatif::ProgressBar {
        use std::io::IsTerminal as _;
        if self.quiet || !std::io::stderr().is_terminal() {
            return indicatif::ProgressBar::hidden();
        }
        let bar = indicatif::ProgressBar::new(0).with_message(message);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{msg} [{bar:40}] {bytes}/{total_bytes} ({eta})",
            )
            .expect("the template is valid")
            .progress_chars("=> "),
        );
        bar
    }

    /// Prints an error with every diagnostic and the hint; meaning never depends on colour.
    pub fn error(&self, error: &anyhow::Error) {
        let mut err = anstream::stderr().lock();
        match error.downcast_ref::<Error>() {
            Some(e) => {
                let _ = writeln!(
                    err,
                    "{}{}",
                    label(ERROR, words::error()),
                    elide_long_quotes(&e.message)
                );
                for diagnostic in &e.diagnostics {
                    let _ = writeln!(err, "  {}", elide_long_quotes(&diagnostic.to_string()));
                    if let Some(excerpt) = diagnostic
                        .excerpt
                        .as_ref()
                        .filter(|x| x.text.chars().count() <= LONGEST_EXCERPT)
                    {
                        let _ = write!(err, "{}", show_excerpt(excerpt));
                    }
                }
                if let Some(hint) = &e.hint {
                    let _ = writeln!(
                        err,
                        "{}{}",
                        label(HINT, words::hint()),
                        elide_long_quotes(hint)
                    );
                }
            }
            None => {
                let _ = writeln!(err, "{}{error:#}", label(ERROR, words::error()));
            }
        }
    }
}

/// The longest source line shown under a diagnostic; its place is named all the same.
const LONGEST_EXCERPT: usize = 500;

/// The longest value quoted back in a message, in characters: a 10 MB cell is named, not
/// printed.
const LONGEST_QUOTE: usize = 80;

/// `text` with every value quoted in backticks that is longer than [`LONGEST_QUOTE`] cut short,
/// saying how long it was.
fn elide_long_quotes(text: &str) -> String {
    let mut out = String::with_capacity(text.len().min(4096));
    let mut parts = text.split('`');
    if let Some(first) = parts.next() {
        out.push_str(first);
    }
    for (i, part) in parts.enumerate() {
        out.push('`');
        let quoted = i % 2 == 0;
        let length = part.chars().count();
        if quoted && length > LONGEST_QUOTE {
            out.extend(part.chars().take(LONGEST_QUOTE / 2));
            out.push_str(&words::elided(length));
        } else {
            out.push_str(part);
        }
    }
    out
}

/// `error: ` in English, `错误：` in Chinese: the word in its colour, and the colon.
fn label(style: Style, word: String) -> String {
    let colon = match crate::messages::lang() {
        crate::messages::Lang::Zh => "：",
        crate::messages::Lang::En => ": ",
    };
    format!("{style}{word}{style:#}{colon}")
}

/// The source line under a diagnostic, the bad part underlined.
fn show_excerpt(excerpt: &Excerpt) -> String {
    let report = &[Group::with_level(Level::ERROR).element(
        Snippet::source(excerpt.text.as_str())
            .line_start(excerpt.line)
            .annotation(AnnotationKind::Primary.span(excerpt.span.clone())),
    )];
    let rendered = Renderer::styled().render(report);
    let mut out = String::new();
    for line in rendered.lines().filter(|l| !l.trim().is_empty()) {
        out.push_str("    ");
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// A table for people, aligned for Chinese text.
pub fn table(header: &[&str]) -> Table {
    let mut table = Table::new();
    table
        .load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(header.iter().copied());
    // Without a terminal to measure, keep long cells wrapped to a readable page width.
    if !table.is_tty() {
        table.set_width(120);
    }
    table
}

/// What a table cell shows for a value there is none of. Not "—": its width is ambiguous, one
/// column to comfy-table and two in a Chinese terminal, which would push the row out of line.
pub const NOTHING: &str = "－";

/// Text for a table cell: comfy-table measures “ ” and — as one column where a Chinese terminal
/// takes two, so they become 「」 and －.
pub fn cell(text: &str) -> String {
    text.replace('“', "「")
        .replace('”', "」")
        .replace('—', NOTHING)
}

/// Refuses, before any work, a workbook named other than `.xlsx`: Excel and WPS open a file by its
/// extension.
pub fn xlsx_name(out: &Path) -> Result<(), Error> {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    if name.len() > ".xlsx".len() && name.ends_with(".xlsx") {
        return Ok(());
    }
    Err(Error::new(
        crate::error::Kind::Usage,
        crate::messages::workbook::not_xlsx(&out.display().to_string()),
    )
    .with_hint(crate::messages::workbook::not_xlsx_hint()))
}

/// Writes `export`, a list of `campaign`, as a workbook at `out`, outside the campaign, and says
/// so. The file is written beside `out` under a hidden name and renamed onto it, so that `out` is
/// a whole workbook, the new one or the one it was, never half of either.
pub fn write_xlsx(
    ui: &Ui,
    campaign: &Campaign,
    out: &Path,
    export: &workbook::Export,
) -> anyhow::Result<()> {
    use crate::messages::workbook as say;
    xlsx_name(out)?;
    let shown = out.display().to_string();
    let cannot = |e: &std::io::Error| {
        Error::invalid(say::cannot_write(&shown, &crate::import::io_cause(e)))
            .with_hint(say::cannot_write_hint())
    };
    let root = campaign.store.root();
    if crate::store::is_within(out, root).map_err(|e| cannot(&e))? {
        return Err(
            Error::invalid(say::inside_campaign(&shown, &root.display().to_string()))
                .with_hint(say::inside_campaign_hint())
                .into(),
        );
    }
    let provenance = workbook::Provenance {
        campaign: campaign.settings.name.clone(),
        organizer: campaign.settings.organizer.clone(),
        head: super::head(campaign),
        head_time: campaign.store.head().map(|e| e.time.clone()),
    };
    let bytes = workbook::xlsx(export, &provenance)?;
    Partial::write(out, &bytes)
        .and_then(|partial| partial.replace(out))
        .map_err(|e| cannot(&e))?;
    let rows = export.sheets.first().map_or(0, |s| s.rows.len());
    ui.status(&say::wrote(&shown, rows));
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_long_quoted_value_is_cut_short_and_the_rest_is_kept() {
        let long = "x".repeat(10_000);
        let said =
            super::elide_long_quotes(&format!("unknown `{long}` in `category`; use `county`"));
        assert!(said.len() < 200, "{said}");
        assert!(said.starts_with("unknown `xxxx"), "{said}");
        assert!(said.contains("10000"), "{said}");
        assert!(said.ends_with("` in `category`; use `county`"), "{said}");
        assert_eq!(super::elide_long_quotes("a `b` c"), "a `b` c");
    }

    #[test]
    fn an_excerpt_underlines_the_bad_value() {
        let excerpt = crate::error::Excerpt {
            line: 12,
            text: "conduct = 130".into(),
            span: 10..13,
        };
        let shown = anstream::adapter::strip_str(&super::show_excerpt(&excerpt)).to_string();
        assert!(shown.contains("12 | conduct = 130"), "{shown}");
        assert!(shown.contains("^^^"), "{shown}");
    }
}
