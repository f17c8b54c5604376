//! Text from records made inert in Markdown: it reads as itself, and cannot open a heading, a
//! list, a quote, a code block or a table, end a table cell, or make emphasis, code, a link, an
//! image, math or raw HTML.
//!
//! The templates escape every value this way by default (see [`format`]); a value that must keep
//! its line breaks, such as a summary, goes through the `lines` filter instead.

use minijinja::value::Value;
use minijinja::{AutoEscape, Error, Output, State};

const MODE: &str = "markdown";

/// The auto-escape mode of every template: Markdown.
pub(super) fn auto_escape(_template: &str) -> AutoEscape {
    AutoEscape::Custom(MODE.into())
}

/// The formatter of `{{ … }}`: a value is text on one line unless a filter made it safe.
pub(super) fn format(out: &mut Output, state: &mut State, value: &Value) -> Result<(), Error> {
    match state.auto_escape() {
        AutoEscape::Custom(mode) if mode == MODE && !value.is_safe() => out
            .write_str(&inline(&value.to_string()))
            .map_err(Error::from),
        _ => minijinja::escape_formatter(out, state, value),
    }
}

/// The `lines` filter: text whose lines are kept, as Markdown lines of their own.
pub(super) fn lines_filter(text: &str) -> Value {
    Value::from_safe_string(lines(text))
}

/// Characters that mean something wherever they are in a line (CommonMark, GFM tables and
/// strikethrough, math); a backslash before any of them makes it plain.
const ANYWHERE: &[char] = &[
    '\\', '`', '*', '_', '[', ']', '<', '>', '&', '|', '~', '$', '#',
];

/// Text on one line: a table cell, a heading, a list item. Its line breaks become spaces.
fn inline(text: &str) -> String {
    let joined: Vec<&str> = text
        .split(['\r', '\n'])
        .map(|line| line.trim_matches([' ', '\t']))
        .filter(|line| !line.is_empty())
        .collect();
    let mut out = String::with_capacity(text.len());
    push_line(&mut out, &joined.join(" "));
    out
}

/// Text whose every line stays a line, each escaped as if it began one: blank lines still part
/// paragraphs.
fn lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.replace("\r\n", "\n").split(['\r', '\n']).enumerate() {
        if i > 0 {
            out.push('\n');
        }
        push_line(&mut out, line);
    }
    out
}

/// Escapes one line. Leading spaces are dropped (four would start a code block); a list marker
/// or a setext underline counts only at the start of a line, as does `1.` or `1)` before a space
/// or the end (so `-2.5` and `89.8` stay as they are).
fn push_line(out: &mut String, line: &str) {
    let line = line.trim_matches([' ', '\t']);
    let ends_marker = |rest: &str, same: Option<char>| {
        rest.chars()
            .next()
            .is_none_or(|c| c == ' ' || c == '\t' || Some(c) == same)
    };
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let marker = match line[digits..].chars().next() {
        Some('.' | ')') if digits > 0 && ends_marker(&line[digits + 1..], None) => Some(digits),
        Some(c @ ('-' | '+' | '=')) if digits == 0 && ends_marker(&line[1..], Some(c)) => Some(0),
        _ => None,
    };
    for (i, c) in line.char_indices() {
        if Some(i) == marker || ANYWHERE.contains(&c) {
            out.push('\\');
        }
        out.push(c);
    }
}

#[cfg(test)]
mod tests {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

    use super::*;

    const HOSTILE: &[&str] = &[
        "<script>alert(1)</script>",
        "![x](http://e/x.png)",
        "[a](javascript:alert(1))",
        "<http://e/>",
        "# heading",
        "\n# heading",
        "a\n# heading",
        "a\r# heading",
        "| a | b |",
        "a\\|b",
        "*x*",
        "**x**",
        "_x_",
        "`x`",
        "```\ncode\n```",
        "~~x~~",
        "$x$",
        "&lt;",
        "&#60;script&#62;",
        "> quote",
        "- item",
        "+ item",
        "* item",
        "1. item",
        "1) item",
        "a\n===",
        "a\n---",
        "***",
        "    indented code",
        "a\n\n    indented code",
        "[x]: http://e/",
        "[^1]",
        "- [ ] task",
        "x\\",
        "<!-- comment -->",
    ];

    fn options() -> Options {
        Options::ENABLE_TABLES
            | Options::ENABLE_STRIKETHROUGH
            | Options::ENABLE_TASKLISTS
            | Options::ENABLE_FOOTNOTES
            | Options::ENABLE_MATH
            | Options::ENABLE_GFM
    }

    /// What `markdown` renders, in the events that can only come from Markdown syntax; plain text,
    /// paragraphs and breaks are left out.
    fn live(markdown: &str) -> Vec<String> {
        Parser::new_ext(markdown, options())
            .filter(|e| {
                !matches!(
                    e,
                    Event::Text(_)
                        | Event::SoftBreak
                        | Event::HardBreak
                        | Event::Start(Tag::Paragraph)
                        | Event::End(TagEnd::Paragraph)
                )
            })
            .map(|e| format!("{e:?}"))
            .collect()
    }

    /// The plain text `markdown` renders, each paragraph's lines joined by `\n`.
    fn text(markdown: &str) -> String {
        Parser::new_ext(markdown, options())
            .filter_map(|e| match e {
                Event::Text(t) => Some(t.into_string()),
                Event::SoftBreak | Event::HardBreak => Some("\n".into()),
                Event::End(TagEnd::Paragraph) => Some("\n\n".into()),
                _ => None,
            })
            .collect::<String>()
            .trim_end()
            .to_owned()
    }

    #[test]
    fn hostile_text_renders_as_itself_on_one_line() {
        for hostile in HOSTILE {
            let escaped = inline(hostile);
            assert_eq!(
                live(&escaped),
                Vec::<String>::new(),
                "{hostile:?} → {escaped}"
            );
            let flat: Vec<&str> = hostile
                .split(['\r', '\n'])
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect();
            assert_eq!(text(&escaped), flat.join(" "), "{hostile:?} → {escaped}");
        }
    }

    #[test]
    fn hostile_text_keeps_its_lines_and_starts_no_block() {
        for hostile in HOSTILE {
            let escaped = lines(hostile);
            assert_eq!(
                live(&escaped),
                Vec::<String>::new(),
                "{hostile:?} → {escaped}"
            );
            let kept: Vec<&str> = hostile.split(['\r', '\n']).map(str::trim).collect();
            let rendered = text(&escaped);
            assert_eq!(
                rendered
                    .split(['\n'])
                    .filter(|l| !l.is_empty())
                    .collect::<Vec<_>>(),
                kept.into_iter()
                    .filter(|l| !l.is_empty())
                    .collect::<Vec<_>>(),
                "{hostile:?} → {escaped}"
            );
        }
    }

    #[test]
    fn hostile_text_cannot_break_a_table_or_leave_its_cell() {
        for hostile in HOSTILE {
            let table = format!("| a | b |\n| --- | --- |\n| {} | z |\n", inline(hostile));
            let events: Vec<Event> = Parser::new_ext(&table, options()).collect();
            let cells = events
                .iter()
                .filter(|e| matches!(e, Event::Start(Tag::TableCell)))
                .count();
            assert_eq!(cells, 4, "{hostile:?} → {table}");
            assert!(
                events.iter().all(|e| !matches!(
                    e,
                    Event::Html(_)
                        | Event::InlineHtml(_)
                        | Event::Code(_)
                        | Event::InlineMath(_)
                        | Event::Start(
                            Tag::Link { .. }
                                | Tag::Image { .. }
                                | Tag::Emphasis
                                | Tag::Strong
                                | Tag::Strikethrough
                        )
                )),
                "{hostile:?} → {table}"
            );
        }
    }

    #[test]
    fn plain_text_and_figures_are_left_as_they_are() {
        for plain in [
            "青川市东湖区",
            "-2.5",
            "89.8",
            "100.0%",
            "2026-12-31",
            "1.26万户",
            "A1",
            "传达率100%",
        ] {
            assert_eq!(inline(plain), plain);
            assert_eq!(lines(plain), plain);
        }
    }

    #[test]
    fn escapes_look_as_expected() {
        assert_eq!(inline("# x\n- y"), "\\# x - y");
        assert_eq!(lines("# x\n- y\n\n1. z"), "\\# x\n\\- y\n\n1\\. z");
        assert_eq!(inline("a|b"), "a\\|b");
        assert_eq!(inline("&lt;"), "\\&lt;");
    }
}
