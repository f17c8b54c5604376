//! The working-day calendar: which days are worked, read from the State Council's holiday
//! notices as a clerk copies them into a TOML file, and periods of working days counted on it.
//!
//! The holidays and make-up working days (调休) of a year are announced each November and follow
//! no rule, so they are data, never computed: a date in a year the file has no table for is
//! refused with the lines to add, rather than counted as if that year had no holidays.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate, Weekday};
use serde::Deserialize;
use toml::Spanned;

use crate::error::{Diagnostic, Error};
use crate::import::words::{RawDate, date};
use crate::import::{Source, parse_toml, toml_diagnostic};
use crate::messages::calendar as say;

/// The calendar `init` seeds into a campaign: the 2026 notice, commented for a clerk who adds
/// the next year's.
pub const TEMPLATE: &str = include_str!("calendar.toml");

/// The years a table may be for.
const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

/// The festivals every year's notice sets days off for (全国年节及纪念日放假办法), for the
/// lines a clerk is asked to fill in.
const FESTIVALS: [&str; 7] = [
    "元旦",
    "春节",
    "清明节",
    "劳动节",
    "端午节",
    "中秋节",
    "国庆节",
];

/// A validated calendar: a table per year, each from its notice.
#[derive(Debug, Clone)]
pub struct Calendar {
    /// The file it was read from, for messages.
    file: String,
    years: BTreeMap<i32, Year>,
    /// How an edit of the file is taken, said after the lines to add to it; none when the
    /// calendar is not a record of its own.
    after_editing: Option<String>,
}

/// One year's days off and make-up working days, as its notice sets them.
#[derive(Debug, Clone)]
pub struct Year {
    pub year: i32,
    /// The notice the dates come from.
    pub source: String,
    pub holidays: Vec<Holiday>,
    /// Weekend days that are worked (调休).
    pub workdays: BTreeSet<NaiveDate>,
    /// Each day off, with the index of its holiday in `holidays`.
    off: BTreeMap<NaiveDate, usize>,
}

impl Year {
    /// The holiday `date` is a day off of, if any.
    pub fn holiday_on(&self, date: NaiveDate) -> Option<&Holiday> {
        self.off.get(&date).map(|&i| &self.holidays[i])
    }
}

/// A festival's days off, from `from` to `to` inclusive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holiday {
    pub name: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Holiday {
    pub fn dates(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        self.from.iter_days().take_while(|d| *d <= self.to)
    }
}

/// A period of working days: from `start`, a working day, to `end`, its `days`th working day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub days: u32,
}

/// What a date is, on the calendar.
enum Day<'c> {
    Working,
    Weekend(Weekday),
    Holiday(&'c str),
}

impl Calendar {
    /// The calendar, telling whoever is asked to add a year how the edit is then taken.
    pub fn after_editing(mut self, how: String) -> Calendar {
        self.after_editing = Some(how);
        self
    }

    /// The file the calendar was read from.
    pub fn file(&self) -> &str {
        &self.file
    }

    pub fn year(&self, year: i32) -> Option<&Year> {
        self.years.get(&year)
    }

    /// The years covered, in order.
    pub fn years(&self) -> impl Iterator<Item = &Year> {
        self.years.values()
    }

    /// Whether `date` is worked: a weekday that is no holiday, or a make-up working day. A date
    /// of a year the calendar does not cover is refused.
    pub fn is_working_day(&self, date: NaiveDate) -> Result<bool, Error> {
        Ok(matches!(self.day(date)?, Day::Working))
    }

    /// The period of `days` working days starting on `start`, which must be a working day:
    /// weekends and holidays are skipped, make-up working days count.
    pub fn period(&self, start: NaiveDate, days: u32) -> Result<Period, Error> {
        if days == 0 {
            return Err(Error::invalid(say::no_days()).with_hint(say::days_hint()));
        }
        let refusal = match self.day(start)? {
            Day::Working => None,
            Day::Weekend(weekday) => Some(say::start_on_weekend(
                &start.to_string(),
                &weekday_name(weekday),
            )),
            Day::Holiday(name) => Some(say::start_on_holiday(&start.to_string(), name)),
        };
        if let Some(message) = refusal {
            let next = self.next_working_day(start)?;
            return Err(Error::invalid(message).with_hint(say::start_next(&next.to_string())));
        }
        let mut counted = 0;
        for date in start.iter_days() {
            if self.is_working_day(date)? {
                counted += 1;
                if counted == days {
                    return Ok(Period {
                        start,
                        end: date,
                        days,
                    });
                }
            }
        }
        unreachable!("a year past the last table is refused before the dates run out")
    }

    /// The first working day after `date`.
    fn next_working_day(&self, date: NaiveDate) -> Result<NaiveDate, Error> {
        for next in date.iter_days().skip(1) {
            if self.is_working_day(next)? {
                return Ok(next);
            }
        }
        unreachable!("a year past the last table is refused before the dates run out")
    }

    fn day(&self, date: NaiveDate) -> Result<Day<'_>, Error> {
        let year = self
            .years
            .get(&date.year())
            .ok_or_else(|| self.uncovered(date))?;
        Ok(if year.workdays.contains(&date) {
            Day::Working
        } else if let Some(holiday) = year.holiday_on(date) {
            Day::Holiday(&holiday.name)
        } else if is_weekend(date) {
            Day::Weekend(date.weekday())
        } else {
            Day::Working
        })
    }

    /// The refusal of a date in a year without a table, with the table to add.
    fn uncovered(&self, date: NaiveDate) -> Error {
        let year = date.year();
        let mut hint = say::uncovered_hint(&self.file, year, &year_skeleton(year));
        if let Some(how) = &self.after_editing {
            hint.push('\n');
            hint.push_str(how);
        }
        Error::invalid(say::uncovered(&self.file, year, &date.to_string())).with_hint(hint)
    }
}

/// The lines of a year's table for a clerk to fill in from its notice. The dates are left as
/// text that is no date, so a table pasted and not filled in is refused, not counted.
pub fn year_skeleton(year: i32) -> String {
    let blank = format!("\"{year}-  -  \"");
    let holidays: String = FESTIVALS
        .iter()
        .map(|name| format!("    {{ name = \"{name}\", from = {blank}, to = {blank} }},\n"))
        .collect();
    format!(
        "[{year}]\nsource = \"国务院办公厅关于{year}年部分节假日安排的通知（  年  月  日发布）\"\n\
         holidays = [\n{holidays}]\nworkdays = [\n    {blank},\n]\n"
    )
}

fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

/// A weekday's name in the language in force.
fn weekday_name(weekday: Weekday) -> String {
    match weekday {
        Weekday::Mon => say::monday(),
        Weekday::Tue => say::tuesday(),
        Weekday::Wed => say::wednesday(),
        Weekday::Thu => say::thursday(),
        Weekday::Fri => say::friday(),
        Weekday::Sat => say::saturday(),
        Weekday::Sun => say::sunday(),
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawYear {
    // Optional here so that a missing one is reported with the calendar's other problems.
    #[serde(default)]
    source: Option<Spanned<String>>,
    #[serde(default)]
    holidays: Option<Spanned<Vec<Spanned<RawHoliday>>>>,
    #[serde(default)]
    workdays: Vec<Spanned<RawDate>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHoliday {
    name: Spanned<String>,
    from: Spanned<RawDate>,
    /// Left out for a holiday of one day.
    #[serde(default)]
    to: Option<Spanned<RawDate>>,
}

/// Parses and validates a calendar file, reporting every problem with its place.
pub fn parse(source: &Source) -> Result<Calendar, Error> {
    let hint = say::hint();
    let raw: BTreeMap<Spanned<String>, Spanned<RawYear>> = parse_toml(source, &hint)?;
    let mut diagnostics = Vec::new();
    let mut years = BTreeMap::new();
    for (key, table) in &raw {
        let written = key.get_ref();
        let year = (written.len() == 4 && written.bytes().all(|b| b.is_ascii_digit()))
            .then(|| written.parse::<i32>().ok())
            .flatten()
            .filter(|year| YEARS.contains(year));
        match year {
            Some(year) => {
                if let Some(year) = read_year(source, year, table, &mut diagnostics) {
                    years.insert(year.year, year);
                }
            }
            None => diagnostics.push(toml_diagnostic(
                source,
                key.span(),
                written,
                say::not_a_year(written),
            )),
        }
    }
    // Tables are walked in key order; people read in file order.
    diagnostics.sort_by_key(|d| (d.line, d.column));
    let file = source.path.display().to_string();
    Error::check(diagnostics, |n| say::invalid_calendar(&file, n), &hint)?;
    Ok(Calendar {
        file,
        years,
        after_editing: None,
    })
}

/// A date of the table of `year`, or its problem.
fn date_in(
    source: &Source,
    year: i32,
    raw: &Spanned<RawDate>,
    field: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<NaiveDate> {
    let day = date(source, raw, field, diagnostics)?;
    if day.year() != year {
        let message = say::outside_year(&day.to_string(), year);
        diagnostics.push(toml_diagnostic(source, raw.span(), field, message));
        return None;
    }
    Some(day)
}

/// Validates the table of `year`, or adds its problems to `diagnostics`.
fn read_year(
    source: &Source,
    year: i32,
    raw: &Spanned<RawYear>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Year> {
    let before = diagnostics.len();
    let field = |name: &str| format!("{year}.{name}");
    let bad = |diagnostics: &mut Vec<Diagnostic>,
               span: std::ops::Range<usize>,
               name: &str,
               message: String| {
        diagnostics.push(toml_diagnostic(source, span, &field(name), message));
    };
    let table = raw.get_ref();
    let notice = match &table.source {
        None => {
            bad(diagnostics, raw.span(), "source", say::source_needed(year));
            String::new()
        }
        Some(text) => {
            if text.get_ref().trim().is_empty() {
                bad(diagnostics, text.span(), "source", say::must_not_be_empty());
            }
            text.get_ref().trim().to_owned()
        }
    };
    let listed: &[Spanned<RawHoliday>] = match &table.holidays {
        None => {
            bad(
                diagnostics,
                raw.span(),
                "holidays",
                say::holidays_needed(year),
            );
            &[]
        }
        Some(list) => {
            if list.get_ref().is_empty() {
                bad(
                    diagnostics,
                    list.span(),
                    "holidays",
                    say::holidays_needed(year),
                );
            }
            list.get_ref()
        }
    };

    let mut holidays = Vec::new();
    let mut spans = Vec::new();
    for listed in listed {
        let h = listed.get_ref();
        if h.name.get_ref().trim().is_empty() {
            bad(
                diagnostics,
                h.name.span(),
                "holidays.name",
                say::must_not_be_empty(),
            );
        }
        let from = date_in(source, year, &h.from, &field("holidays.from"), diagnostics);
        let to = match &h.to {
            Some(to) => date_in(source, year, to, &field("holidays.to"), diagnostics)
                .map(|day| (day, to.span())),
            None => from.map(|day| (day, h.from.span())),
        };
        let (Some(from), Some((to, to_span))) = (from, to) else {
            continue;
        };
        if to < from {
            let message = say::ends_before_start(&to.to_string(), &from.to_string());
            bad(diagnostics, to_span, "holidays.to", message);
            continue;
        }
        holidays.push(Holiday {
            name: h.name.get_ref().trim().to_owned(),
            from,
            to,
        });
        spans.push(listed.span());
    }
    let mut off = BTreeMap::new();
    for (i, holiday) in holidays.iter().enumerate() {
        for day in holiday.dates() {
            match off.get(&day) {
                Some(&first) => {
                    let first: &Holiday = &holidays[first];
                    let message =
                        say::holidays_overlap(&day.to_string(), &first.name, &holiday.name);
                    bad(diagnostics, spans[i].clone(), "holidays", message);
                }
                None => {
                    off.insert(day, i);
                }
            }
        }
    }

    let mut workdays = BTreeSet::new();
    for raw in &table.workdays {
        let Some(day) = date_in(source, year, raw, &field("workdays"), diagnostics) else {
            continue;
        };
        if !is_weekend(day) {
            let message = say::workday_not_weekend(&day.to_string(), &weekday_name(day.weekday()));
            bad(diagnostics, raw.span(), "workdays", message);
        }
        if let Some(&i) = off.get(&day) {
            let message = say::workday_is_holiday(&day.to_string(), &holidays[i].name);
            bad(diagnostics, raw.span(), "workdays", message);
        }
        workdays.insert(day);
    }
    (diagnostics.len() == before).then_some(Year {
        year,
        source: notice,
        holidays,
        workdays,
        off,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::Encoding;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    fn read(text: &str) -> Result<Calendar, Error> {
        parse(&Source::new(
            "calendar.toml",
            text.to_owned(),
            Encoding::Utf8,
            String::new(),
        ))
    }

    fn shipped() -> Calendar {
        read(TEMPLATE).unwrap()
    }

    /// The diagnostics of a refused calendar, as people read them.
    fn problems(text: &str) -> Vec<String> {
        let err = read(text).unwrap_err();
        assert_eq!(err.kind, crate::error::Kind::InvalidInput);
        err.diagnostics.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn the_shipped_calendar_holds_the_2026_notice_and_nothing_else() {
        let calendar = shipped();
        assert_eq!(calendar.years().map(|y| y.year).collect::<Vec<_>>(), [2026]);
        let year = calendar.year(2026).unwrap();
        assert!(
            year.source
                .contains("国务院办公厅关于2026年部分节假日安排的通知")
        );
        let ranges = [
            ("元旦", "2026-01-01", "2026-01-03"),
            ("春节", "2026-02-15", "2026-02-23"),
            ("清明节", "2026-04-04", "2026-04-06"),
            ("劳动节", "2026-05-01", "2026-05-05"),
            ("端午节", "2026-06-19", "2026-06-21"),
            ("中秋节", "2026-09-25", "2026-09-27"),
            ("国庆节", "2026-10-01", "2026-10-07"),
        ];
        let expected: Vec<Holiday> = ranges
            .iter()
            .map(|(name, from, to)| Holiday {
                name: (*name).to_owned(),
                from: day(from),
                to: day(to),
            })
            .collect();
        assert_eq!(year.holidays, expected);
        let off: Vec<NaiveDate> = year.holidays.iter().flat_map(Holiday::dates).collect();
        assert_eq!(off.len(), 3 + 9 + 3 + 5 + 3 + 3 + 7);
        assert_eq!(off.len(), 33);
        let workdays: Vec<NaiveDate> = [
            "2026-01-04",
            "2026-02-14",
            "2026-02-28",
            "2026-05-09",
            "2026-09-20",
            "2026-10-10",
        ]
        .into_iter()
        .map(day)
        .collect();
        assert_eq!(year.workdays.iter().copied().collect::<Vec<_>>(), workdays);
        // Every other day of the year is worked exactly when it is a weekday.
        for date in day("2026-01-01")
            .iter_days()
            .take_while(|d| d.year() == 2026)
        {
            let expected = if off.contains(&date) {
                false
            } else {
                workdays.contains(&date) || !is_weekend(date)
            };
            assert_eq!(calendar.is_working_day(date).unwrap(), expected, "{date}");
        }
    }

    #[test]
    fn a_period_skips_the_weekend() {
        let calendar = shipped();
        // Thursday 2026-03-05: Thu, Fri, then Mon, Tue, Wed.
        let period = calendar.period(day("2026-03-05"), 5).unwrap();
        assert_eq!(
            period,
            Period {
                start: day("2026-03-05"),
                end: day("2026-03-11"),
                days: 5
            }
        );
        assert_eq!(
            calendar.period(day("2026-03-05"), 1).unwrap().end,
            day("2026-03-05")
        );
    }

    #[test]
    fn a_period_skips_the_national_day_holiday_and_counts_its_make_up_days() {
        let calendar = shipped();
        // Sep 28, 29, 30, then Oct 8, 9.
        let period = calendar.period(day("2026-09-28"), 5).unwrap();
        assert_eq!(period.end, day("2026-10-09"));
        // Saturday Oct 10 is worked: the sixth day.
        assert_eq!(
            calendar.period(day("2026-09-28"), 6).unwrap().end,
            day("2026-10-10")
        );
        assert_eq!(
            calendar.period(day("2026-09-28"), 7).unwrap().end,
            day("2026-10-12")
        );
        // Sunday Sep 20 is worked: from Friday Sep 18, Fri, Sun, Mon.
        assert_eq!(
            calendar.period(day("2026-09-18"), 3).unwrap().end,
            day("2026-09-21")
        );
        // A period may start on a make-up day.
        assert_eq!(
            calendar.period(day("2026-10-10"), 2).unwrap().end,
            day("2026-10-12")
        );
        // Sep 25 is 中秋节 and Sep 26-27 a weekend: Thu Sep 24, then Mon Sep 28.
        assert_eq!(
            calendar.period(day("2026-09-24"), 2).unwrap().end,
            day("2026-09-28")
        );
    }

    #[test]
    fn a_period_skips_the_spring_festival_and_counts_its_make_up_saturdays() {
        let calendar = shipped();
        // Fri Feb 13, Sat Feb 14 (worked), then Tue Feb 24 after the holiday.
        assert_eq!(
            calendar.period(day("2026-02-13"), 3).unwrap().end,
            day("2026-02-24")
        );
        // Feb 24, 25, 26, 27, Sat 28 (worked).
        assert_eq!(
            calendar.period(day("2026-02-24"), 5).unwrap().end,
            day("2026-02-28")
        );
        assert_eq!(
            calendar.period(day("2026-02-24"), 6).unwrap().end,
            day("2026-03-02")
        );
    }

    #[test]
    fn a_period_starting_on_a_day_off_is_refused_naming_the_next_working_day() {
        let calendar = shipped();
        let err = calendar.period(day("2026-10-01"), 5).unwrap_err();
        assert_eq!(err.kind, crate::error::Kind::InvalidInput);
        assert_eq!(err.kind.exit_code(), 4);
        assert!(err.message.contains("2026-10-01"), "{}", err.message);
        assert!(err.message.contains("国庆节"), "{}", err.message);
        assert!(err.hint.unwrap().contains("`2026-10-08`"));
        let err = calendar.period(day("2026-03-07"), 5).unwrap_err();
        assert!(err.message.contains("Saturday"), "{}", err.message);
        assert!(err.hint.unwrap().contains("`2026-03-09`"));
        let err = calendar.period(day("2026-03-09"), 0).unwrap_err();
        assert_eq!(err.kind, crate::error::Kind::InvalidInput);
    }

    #[test]
    fn a_period_running_into_a_year_without_a_table_is_refused_with_the_lines_to_add() {
        let calendar = shipped();
        // Mon Dec 28 2026: Dec 28, 29, 30, 31, then 2027, which the calendar does not cover.
        assert_eq!(
            calendar.period(day("2026-12-28"), 4).unwrap().end,
            day("2026-12-31")
        );
        let err = calendar.period(day("2026-12-28"), 5).unwrap_err();
        assert_eq!(err.kind.exit_code(), 4);
        assert!(err.message.contains("2027"), "{}", err.message);
        assert!(err.message.contains("`2027-01-01`"), "{}", err.message);
        let hint = err.hint.unwrap();
        let lines = year_skeleton(2027);
        assert!(hint.contains(&lines), "{hint}");
        assert!(lines.starts_with("[2027]\nsource = "), "{lines}");
        assert!(lines.contains("holidays = [") && lines.contains("workdays = ["));
        // A start in the uncovered year is refused alike, not judged a working day.
        let err = calendar.is_working_day(day("2027-03-01")).unwrap_err();
        assert!(err.message.contains("2027"));
        // The lines, pasted as they are, are refused: each blank date is no date.
        let pasted = format!("{TEMPLATE}\n{lines}");
        let found = problems(&pasted);
        assert_eq!(found.len(), 2 * FESTIVALS.len() + 1, "{found:#?}");
        // Filled in, they extend the calendar into 2027.
        let filled = format!(
            "{TEMPLATE}\n[2027]\nsource = \"通知\"\nholidays = [{{ name = \"元旦\", from = 2027-01-01 }}]\n"
        );
        let calendar = read(&filled).unwrap();
        assert_eq!(
            calendar.period(day("2026-12-28"), 5).unwrap().end,
            day("2027-01-04")
        );
    }

    #[test]
    fn every_problem_of_a_calendar_is_reported_with_its_place() {
        let text = "\
[2026]
holidays = [
    { name = \"春节\", from = 2026-02-23, to = 2026-02-15 },
    { name = \"劳动节\", from = 2026-05-01, to = 2027-05-05 },
    { name = \"\", from = 2026-06-19 },
    { name = \"国庆节\", from = 2026-10-01, to = 2026-10-07 },
    { name = \"中秋节\", from = 2026-09-25, to = 2026-10-01 },
]
workdays = [2026-03-02, 2026-10-03, 2025-12-27, \"2026年2月30日\"]

[2027]
source = \"  \"
holidays = []

[20x7]
source = \"x\"
";
        assert_eq!(
            problems(text),
            [
                "calendar.toml:1:1: 2026.source: the table of 2026 has no `source`: name the notice its dates come from",
                "calendar.toml:3:44: 2026.holidays.to: the end `2026-02-15` is before the start `2026-02-23`",
                "calendar.toml:4:45: 2026.holidays.to: `2027-05-05` is not in 2026, the year of its table",
                "calendar.toml:5:14: 2026.holidays.name: must not be empty",
                "calendar.toml:7:5: 2026.holidays: `2026-10-01` is a day off of both 国庆节 and 中秋节",
                "calendar.toml:9:13: 2026.workdays: `2026-03-02` is a Monday: a make-up working day (调休) falls on a Saturday or Sunday",
                "calendar.toml:9:25: 2026.workdays: `2026-10-03` is both a make-up working day and a day off of 国庆节",
                "calendar.toml:9:37: 2026.workdays: `2025-12-27` is not in 2026, the year of its table",
                "calendar.toml:9:49: 2026.workdays: `2026年2月30日` is not a day of the calendar: check the month and the day",
                "calendar.toml:12:10: 2027.source: must not be empty",
                "calendar.toml:13:12: 2027.holidays: the table of 2027 lists no holidays: write each festival from that year's notice",
                "calendar.toml:15:2: 20x7: `20x7` is not a year: each table of the calendar is named by its year, as `[2026]`",
            ]
        );
        let err = read(text).unwrap_err();
        assert_eq!(
            err.message,
            "the calendar `calendar.toml` has 12 problem(s)"
        );
        assert!(err.hint.is_some());
    }

    #[test]
    fn a_misspelt_key_is_refused_with_its_place() {
        let err =
            read("[2026]\nsource = \"x\"\nholidays = []\nworkday = [2026-01-04]\n").unwrap_err();
        assert_eq!(err.kind.exit_code(), 4);
        let shown = err.diagnostics[0].to_string();
        assert!(shown.starts_with("calendar.toml:4:"), "{shown}");
        assert!(shown.contains("workday"), "{shown}");
    }

    #[test]
    fn refusals_read_in_chinese() {
        let calendar = shipped();
        let said = crate::messages::both(|| {
            let err = calendar.period(day("2026-10-03"), 5).unwrap_err();
            format!("{} {}", err.message, err.hint.unwrap())
        });
        assert!(said.zh.contains("国庆节的放假日"), "{}", said.zh);
        assert!(said.zh.contains("`2026-10-08`"), "{}", said.zh);
        let said =
            crate::messages::both(|| calendar.period(day("2026-03-08"), 5).unwrap_err().message);
        assert!(said.zh.contains("星期日"), "{}", said.zh);
        assert!(said.en.contains("Sunday"), "{}", said.en);
    }

    /// Working days of 2026, for starts of the properties below.
    fn working_days_2026() -> Vec<NaiveDate> {
        let calendar = shipped();
        day("2026-01-01")
            .iter_days()
            .take_while(|d| d.year() == 2026)
            .filter(|d| calendar.is_working_day(*d).unwrap())
            .collect()
    }

    proptest::proptest! {
        #![proptest_config(crate::import::fuzz::config())]

        /// A period ends on a working day and holds exactly `days` of them; or, past the last
        /// table, is refused naming the year it runs into.
        #[test]
        fn a_period_holds_its_working_days_or_is_refused_for_the_next_year(
            start in proptest::sample::select(working_days_2026()),
            days in 1u32..=60,
        ) {
            let calendar = shipped();
            match calendar.period(start, days) {
                Ok(period) => {
                    proptest::prop_assert_eq!(period.start, start);
                    proptest::prop_assert_eq!(period.days, days);
                    proptest::prop_assert!(calendar.is_working_day(period.end).unwrap());
                    let worked = start
                        .iter_days()
                        .take_while(|d| *d <= period.end)
                        .filter(|d| calendar.is_working_day(*d).unwrap())
                        .count();
                    proptest::prop_assert_eq!(worked, days as usize);
                    proptest::prop_assert_eq!(period.end.year(), 2026);
                }
                Err(err) => {
                    proptest::prop_assert_eq!(err.kind.exit_code(), 4);
                    proptest::prop_assert!(err.message.contains("2027"), "{}", err.message);
                    let left = day("2026-12-31")
                        .signed_duration_since(start)
                        .num_days();
                    let worked = start
                        .iter_days()
                        .take((left + 1) as usize)
                        .filter(|d| calendar.is_working_day(*d).unwrap())
                        .count();
                    proptest::prop_assert!(worked < days as usize);
                }
            }
        }

        /// One more working day ends the period on the next working day after its end.
        #[test]
        fn a_longer_period_ends_on_the_next_working_day(
            start in proptest::sample::select(working_days_2026()),
            days in 1u32..=30,
        ) {
            let calendar = shipped();
            if let (Ok(shorter), Ok(longer)) =
                (calendar.period(start, days), calendar.period(start, days + 1))
            {
                proptest::prop_assert_eq!(
                    calendar.next_working_day(shorter.end).unwrap(),
                    longer.end
                );
            }
        }
    }
}
