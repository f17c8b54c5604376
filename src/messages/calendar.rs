//! The working-day calendar: its file, and the periods counted on it.

use super::help::{Example, Help};

super::catalogue! {
    /// Under every refusal of the calendar file.
    hint() =>
        "请照国务院办公厅当年的部分节假日安排通知改正工作日历",
        "correct the calendar from the State Council General Office's notice of that year's holidays";
    invalid_calendar(file: &str, n: usize) =>
        "工作日历 `{file}` 中有 {n} 处错误", "the calendar `{file}` has {n} problem(s)";
    not_a_year(key: &str) =>
        "`{key}` 不是年份：日历每年一节，以年份为名，如 `[2026]`",
        "`{key}` is not a year: each table of the calendar is named by its year, as `[2026]`";
    source_needed(year: i32) =>
        "{year} 年缺少 `source`：请写明这些日期出自哪份通知",
        "the table of {year} has no `source`: name the notice its dates come from";
    must_not_be_empty() => "不能为空", "must not be empty";
    holidays_needed(year: i32) =>
        "{year} 年没有列出放假日期：请照当年通知逐个节日写出",
        "the table of {year} lists no holidays: write each festival from that year's notice";
    outside_year(date: &str, year: i32) =>
        "`{date}` 不在 {year} 年，与所在的一节不符", "`{date}` is not in {year}, the year of its table";
    ends_before_start(to: &str, from: &str) =>
        "结束日 `{to}` 早于起始日 `{from}`", "the end `{to}` is before the start `{from}`";
    workday_not_weekend(date: &str, weekday: &str) =>
        "`{date}` 是{weekday}：调休上班日只能是周六或周日",
        "`{date}` is a {weekday}: a make-up working day (调休) falls on a Saturday or Sunday";
    workday_is_holiday(date: &str, name: &str) =>
        "`{date}` 既是调休上班日，又是{name}的放假日",
        "`{date}` is both a make-up working day and a day off of {name}";
    holidays_overlap(date: &str, first: &str, second: &str) =>
        "`{date}` 既是{first}的放假日，又是{second}的放假日",
        "`{date}` is a day off of both {first} and {second}";
    /// A period of no working days.
    no_days() => "公示期至少为 1 个工作日", "a period lasts at least one working day";
    days_hint() => "请给出工作日的天数，如 `--days 5`", "give the number of working days, as `--days 5`";
    start_on_weekend(date: &str, weekday: &str) =>
        "`{date}` 是{weekday}，不是工作日；公示期须从工作日开始",
        "`{date}` is a {weekday}, not a working day; a period starts on a working day";
    start_on_holiday(date: &str, name: &str) =>
        "`{date}` 是{name}的放假日，不是工作日；公示期须从工作日开始",
        "`{date}` is a day off of {name}, not a working day; a period starts on a working day";
    start_next(next: &str) =>
        "之后的第一个工作日是 `{next}`", "the next working day is `{next}`";
    /// A date in a year the calendar has no table for.
    uncovered(file: &str, year: i32, date: &str) =>
        "工作日历 `{file}` 没有 {year} 年的节假日，无法确定 `{date}` 是否为工作日；banzi 不按没有节假日推算",
        "the calendar `{file}` has no holidays for {year}, so banzi cannot tell whether `{date}` is a working day; it never counts a year as if it had none";
    uncovered_hint(file: &str, year: i32, lines: &str) =>
        "照国务院办公厅关于{year}年部分节假日安排的通知，在 `{file}` 末尾补上这几行，填好日期：\n{lines}",
        "add these lines to the end of `{file}` and fill in the dates from the State Council General Office's notice on the {year} holidays:\n{lines}";
    monday() => "星期一", "Monday";
    tuesday() => "星期二", "Tuesday";
    wednesday() => "星期三", "Wednesday";
    thursday() => "星期四", "Thursday";
    friday() => "星期五", "Friday";
    saturday() => "星期六", "Saturday";
    sunday() => "星期日", "Sunday";
}

pub const HELP: &[Help] = &[];

pub const EXAMPLES: &[Example] = &[];
