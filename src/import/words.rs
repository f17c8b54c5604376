//! Dates and the words of a closed vocabulary as clerks write them: every reader of a record or
//! an input accepts the same forms, so a file that was stored once reads the same every time.

use std::borrow::Cow;
use std::fmt;

use chrono::NaiveDate;
use serde::Deserialize;
use toml::Spanned;

use crate::error::Diagnostic;
use crate::import::{Source, toml_diagnostic};
use crate::messages::import as say;

/// A word of a closed vocabulary (a status, a method, a category): the key banzi writes and the
/// Chinese names clerks write for it, the one documents print first.
#[derive(Debug)]
pub struct Term {
    pub key: &'static str,
    pub names: &'static [&'static str],
}

impl Term {
    /// Whether `text` is this term, by its key or any of its names.
    pub fn is(&self, text: &str) -> bool {
        let text = word(text);
        std::iter::once(self.key)
            .chain(self.names.iter().copied())
            .any(|w| word(w) == text)
    }

    /// The Chinese name documents print.
    pub fn label(&self) -> &'static str {
        self.names[0]
    }

    /// The accepted words of a vocabulary, for a message: `done (已完成, 完成), …` in English,
    /// `` `done`（已完成、完成）， …`` in Chinese.
    pub fn accepted<'t>(terms: impl IntoIterator<Item = &'t Term>) -> String {
        accepted(terms.into_iter().map(|t| (t.key, t.names.iter().copied())))
    }

    /// The vocabulary for a template's comment: `done 已完成 | partial 部分完成 | …`.
    pub fn choices<'t>(terms: impl IntoIterator<Item = &'t Term>) -> String {
        terms
            .into_iter()
            .map(|t| format!("{} {}", t.key, t.label()))
            .collect::<Vec<_>>()
            .join(" | ")
    }
}

/// A closed vocabulary of values, each with its term; every value is in the table once.
#[derive(Debug)]
pub struct Vocabulary<T: 'static>(pub &'static [(T, Term)]);

impl<T: Copy + PartialEq> Vocabulary<T> {
    /// The value `text` names, by its key or any of its names.
    pub fn parse(&self, text: &str) -> Option<T> {
        self.0
            .iter()
            .find(|(_, term)| term.is(text))
            .map(|(value, _)| *value)
    }

    pub fn term(&self, value: T) -> &'static Term {
        &self
            .0
            .iter()
            .find(|(v, _)| *v == value)
            .expect("every value is in its vocabulary")
            .1
    }

    /// Every accepted word, for a message.
    pub fn accepted(&self) -> String {
        Term::accepted(self.0.iter().map(|(_, term)| term))
    }

    /// The values for a template's comment.
    pub fn choices(&self) -> String {
        Term::choices(self.0.iter().map(|(_, term)| term))
    }
}

/// Whether two words are the same as clerks write them: spaces, the width of brackets and the
/// case of Latin letters do not matter, so `县(市、区)` is `县（市、区）`.
pub fn same_word(a: &str, b: &str) -> bool {
    word(a) == word(b)
}

fn word(text: &str) -> Cow<'_, str> {
    let text = text.trim();
    if text
        .chars()
        .all(|c| !c.is_whitespace() && !matches!(c, '(' | ')') && !c.is_ascii_uppercase())
    {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| match c {
                '(' => '（',
                ')' => '）',
                c => c.to_ascii_lowercase(),
            })
            .collect(),
    )
}

/// Keys with their names, for a message: `political (政治强), capability (能力强)`; in Chinese
/// `` `political`（政治强），`capability`（能力强）``.
pub fn accepted<'a, N: IntoIterator<Item = &'a str>>(
    words: impl IntoIterator<Item = (&'a str, N)>,
) -> String {
    words
        .into_iter()
        .map(|(key, names)| {
            let names: Vec<&str> = names.into_iter().collect();
            say::accepted_word(key, &names.join(&say::names_separator()))
        })
        .collect::<Vec<_>>()
        .join(&say::words_separator())
}

/// The forms of a date that every date field accepts, in English; messages say them with
/// [`crate::messages::import::date_forms`].
pub const DATE_FORMS: &str = "2026-12-31, 2026/12/31, 2026.12.31 or 2026年12月31日";

/// A date field as written: a TOML date (`due = 2026-12-31`) or a string
/// (`due = "2026年12月31日"`).
#[derive(Debug, Clone, PartialEq)]
pub enum RawDate {
    Toml(toml::value::Datetime),
    Text(String),
}

impl<'de> Deserialize<'de> for RawDate {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = RawDate;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "a date such as 2026-12-31 or \"2026年12月31日\"")
            }

            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<RawDate, E> {
                Ok(RawDate::Text(text.to_owned()))
            }

            // The toml crate hands a date over as a map of one private key.
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<RawDate, A::Error> {
                toml::value::Datetime::deserialize(serde::de::value::MapAccessDeserializer::new(
                    map,
                ))
                .map(RawDate::Toml)
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// Why a text is not a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateProblem {
    /// Not in one of the [`DATE_FORMS`].
    Form,
    /// In a form, but no day of the calendar (2026/2/30).
    NoSuchDay,
}

/// Reads a date in one of the [`DATE_FORMS`], month and day with or without a leading zero.
pub fn parse_date(text: &str) -> Result<NaiveDate, DateProblem> {
    let text = text.trim();
    // 2026年1月5日 is separated by 年 and 月; the others by one of `-`, `/`, `.` twice.
    let (body, separators) = match text.strip_suffix('日') {
        Some(body) => (body, ['年', '月']),
        None => {
            let separator = text
                .chars()
                .find(|c| !c.is_ascii_digit())
                .filter(|c| matches!(c, '-' | '/' | '.'))
                .ok_or(DateProblem::Form)?;
            (text, [separator, separator])
        }
    };
    let (year, rest) = body.split_once(separators[0]).ok_or(DateProblem::Form)?;
    let (month, day) = rest.split_once(separators[1]).ok_or(DateProblem::Form)?;
    let digits = |part: &str, widths: std::ops::RangeInclusive<usize>| {
        widths.contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit())
    };
    if !(digits(year, 4..=4) && digits(month, 1..=2) && digits(day, 1..=2)) {
        return Err(DateProblem::Form);
    }
    NaiveDate::parse_from_str(&format!("{year}-{month}-{day}"), "%Y-%m-%d")
        .map_err(|_| DateProblem::NoSuchDay)
}

/// Validates a date field: the date, or a diagnostic at its place naming `field`.
pub fn date(
    source: &Source,
    raw: &Spanned<RawDate>,
    field: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<NaiveDate> {
    let text = match raw.get_ref() {
        // A TOML date reads as its text, so both are judged alike; one with a time is no date.
        RawDate::Toml(datetime) => Cow::Owned(datetime.to_string()),
        RawDate::Text(text) => Cow::Borrowed(text.as_str()),
    };
    let message = match parse_date(&text) {
        Ok(date) => return Some(date),
        Err(DateProblem::Form) => say::not_a_date(&text, &say::date_forms()),
        Err(DateProblem::NoSuchDay) => say::no_such_day(&text),
    };
    diagnostics.push(toml_diagnostic(source, raw.span(), field, message));
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_form_of_a_date_reads_the_same() {
        let day = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
        for text in [
            "2026-01-05",
            "2026-1-5",
            "2026/01/05",
            "2026/1/5",
            "2026.1.05",
            "2026年01月05日",
            "2026年1月5日",
            " 2026/1/5 ",
        ] {
            assert_eq!(parse_date(text), Ok(day), "{text}");
        }
    }

    #[test]
    fn a_date_in_no_form_or_of_no_day_is_refused() {
        for text in [
            "",
            "2026",
            "26/1/5",
            "+2026-1-5",
            "2026-001-5",
            "2026/1-5",
            "2026- 1-5",
            "2026年1月5",
            "2026年1-5日",
            "2026-01-05T10:00:00",
            "二〇二六年一月五日",
            "５日",
        ] {
            assert_eq!(parse_date(text), Err(DateProblem::Form), "{text}");
        }
        for text in ["2026/2/30", "2026-13-01", "2026年4月31日", "2026.0.1"] {
            assert_eq!(parse_date(text), Err(DateProblem::NoSuchDay), "{text}");
        }
    }

    #[test]
    fn a_date_field_takes_a_toml_date_or_a_string_and_says_where_it_is_wrong() {
        #[derive(Deserialize)]
        struct File {
            due: Spanned<RawDate>,
        }
        let read = |text: &str| {
            let source = Source::new(
                "plan.toml",
                text.to_owned(),
                crate::import::Encoding::Utf8,
                String::new(),
            );
            let file: File = crate::import::parse_toml(&source, "").unwrap();
            let mut diagnostics = Vec::new();
            let date = date(&source, &file.due, "indicator.due", &mut diagnostics);
            (
                date,
                diagnostics
                    .iter()
                    .map(|d| d.to_string())
                    .collect::<Vec<_>>(),
            )
        };
        let day = NaiveDate::from_ymd_opt(2026, 12, 31);
        for text in [
            "due = 2026-12-31",
            "due = \"2026/12/31\"",
            "due = '2026年12月31日'",
        ] {
            assert_eq!(read(text), (day, vec![]), "{text}");
        }
        assert_eq!(
            read("due = \"2026/2/30\"").1,
            [
                "plan.toml:1:7: indicator.due: `2026/2/30` is not a day of the calendar: check the month and the day"
            ]
        );
        assert_eq!(
            read("due = 2026-12-31T10:00:00").1,
            [format!(
                "plan.toml:1:7: indicator.due: `2026-12-31T10:00:00` is not a date: write it as {DATE_FORMS}"
            )]
        );
    }

    #[test]
    fn words_compare_without_spaces_bracket_widths_or_case() {
        let county = Term {
            key: "county",
            names: &["县级", "县（市、区）"],
        };
        for text in ["county", " County ", "县级", "县(市、区)", "县（市、 区）"] {
            assert!(county.is(text), "{text}");
        }
        assert!(!county.is("县"));
        assert_eq!(Term::accepted([&county]), "county (县级, 县（市、区）)");
        assert_eq!(Term::choices([&county]), "county 县级");
    }
}
