//! The public notice (公示) of the preliminary list, in Markdown and as a printable HTML page.

use chrono::{Datelike, NaiveDate};
use minijinja::{AutoEscape, Environment};
use serde::Serialize;

/// One unit on the published list, in rank order within its category.
#[derive(Debug, Clone, Serialize)]
pub struct NoticeUnit {
    pub unit: String,
    pub name: String,
    pub rank: Option<usize>,
}

/// A category of units (its Chinese label, e.g. from `crate::units::Category::label()`).
#[derive(Debug, Clone, Serialize)]
pub struct NoticeCategory {
    pub label: String,
    pub units: Vec<NoticeUnit>,
}

/// What the notice says; every text is printed as given, escaped.
#[derive(Debug, Clone)]
pub struct Notice {
    /// The issuing organ, e.g. `中共某某市委组织部`.
    pub organizer: String,
    pub campaign: String,
    /// The preliminary-list version published.
    pub version: u32,
    /// Only categories with units, in order.
    pub categories: Vec<NoticeCategory>,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub working_days: u32,
    /// How and where to send opinions, as the clerk wrote it; its lines are kept.
    pub contact: String,
    /// The notice's date (成文日期).
    pub date: NaiveDate,
    /// The journal head `SEQ:HASH12` it was printed from, for `banzi verify --head`.
    pub head: String,
}

#[derive(Serialize)]
struct NoticeModel<'a> {
    organizer: &'a str,
    campaign: &'a str,
    version: u32,
    categories: Vec<CategoryModel<'a>>,
    total: usize,
    start: String,
    end: String,
    working_days: u32,
    contact: Vec<&'a str>,
    date: String,
    head: &'a str,
}

#[derive(Serialize)]
struct CategoryModel<'a> {
    /// `一`, `二`, … for the heading `一、县级（3个）`.
    number: String,
    label: &'a str,
    units: &'a [NoticeUnit],
    /// A long list is set in two columns, so thirty units fit on one A4 page.
    columns: bool,
}

/// Categories with more units than this are printed in two columns.
const ONE_COLUMN_MAX: usize = 6;

impl Notice {
    fn model(&self) -> NoticeModel<'_> {
        NoticeModel {
            organizer: &self.organizer,
            campaign: &self.campaign,
            version: self.version,
            categories: self
                .categories
                .iter()
                .enumerate()
                .map(|(i, c)| CategoryModel {
                    number: chinese_ordinal(i + 1),
                    label: &c.label,
                    units: &c.units,
                    columns: c.units.len() > ONE_COLUMN_MAX,
                })
                .collect(),
            total: self.categories.iter().map(|c| c.units.len()).sum(),
            start: chinese_date(self.start),
            end: chinese_date(self.end),
            working_days: self.working_days,
            contact: self
                .contact
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect(),
            date: chinese_date(self.date),
            head: &self.head,
        }
    }
}

/// The notice in Markdown, every value escaped for Markdown.
pub fn notice_markdown(notice: &Notice) -> String {
    super::render(
        "notice.md",
        include_str!("templates/notice.md"),
        notice.model(),
    )
}

/// The notice as a standalone HTML page for A4 printing, every value escaped for HTML.
pub fn notice_html(notice: &Notice) -> String {
    let mut env = Environment::new();
    // Set explicitly rather than trusting the `.html` name, since values are record text.
    env.set_auto_escape_callback(|_| AutoEscape::Html);
    env.add_template("notice.html", include_str!("templates/notice.html"))
        .expect("bundled templates are valid");
    env.get_template("notice.html")
        .and_then(|t| t.render(minijinja::value::Serde(notice.model())))
        .expect("bundled templates render every model")
}

/// A date as official documents write it: `2026年12月7日`.
fn chinese_date(date: NaiveDate) -> String {
    format!("{}年{}月{}日", date.year(), date.month(), date.day())
}

/// The heading numeral of the `n`th part: `一` … `十`, then Arabic (no notice has that many).
fn chinese_ordinal(n: usize) -> String {
    const NUMERALS: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
    n.checked_sub(1)
        .and_then(|i| NUMERALS.get(i))
        .map_or_else(|| n.to_string(), |s| (*s).to_owned())
}

#[cfg(test)]
mod tests {
    use pulldown_cmark::{Event, Options, Parser, Tag};

    use super::*;

    fn unit(unit: &str, name: &str, rank: usize) -> NoticeUnit {
        NoticeUnit {
            unit: unit.to_owned(),
            name: name.to_owned(),
            rank: Some(rank),
        }
    }

    fn sample() -> Notice {
        Notice {
            organizer: "中共青川市委组织部".to_owned(),
            campaign: "2026年度争创\"四强一硬\"好班子活动".to_owned(),
            version: 2,
            categories: vec![
                NoticeCategory {
                    label: "县级".to_owned(),
                    units: vec![unit("C01", "东湖区委", 1), unit("C02", "西湖区委", 2)],
                },
                NoticeCategory {
                    label: "市委部门".to_owned(),
                    units: vec![unit("D01", "市委办公室", 1)],
                },
            ],
            start: NaiveDate::from_ymd_opt(2026, 12, 7).unwrap(),
            end: NaiveDate::from_ymd_opt(2026, 12, 11).unwrap(),
            working_days: 5,
            contact: "联系电话：0812-1234567（工作日8:30—17:30）\n\
                      来信地址：青川市人民路1号市委组织部干部监督科，邮编：617000"
                .to_owned(),
            date: NaiveDate::from_ymd_opt(2026, 12, 6).unwrap(),
            head: "41:3f9a0c2b7d1e".to_owned(),
        }
    }

    #[test]
    fn notice_markdown_snapshot() {
        insta::assert_snapshot!(notice_markdown(&sample()));
    }

    #[test]
    fn notice_html_snapshot() {
        insta::assert_snapshot!(notice_html(&sample()));
    }

    #[test]
    fn hostile_text_is_inert_in_both_formats() {
        let mut notice = sample();
        let script = "<script>alert(1)</script>";
        let markup = "**x** | y";
        notice.categories[0].units[0].name = script.to_owned();
        notice.categories[0].units[1].name = markup.to_owned();
        notice.categories[1].label = "<b>市委部门</b>".to_owned();
        notice.organizer = "[组织部](javascript:alert(1))".to_owned();
        notice.contact = "电话：1\n# 标题\n<img src=x onerror=alert(1)>".to_owned();

        let html = notice_html(&notice);
        for live in ["<script", "<b>", "<img", "<a "] {
            assert!(!html.contains(live), "{live:?} left live in:\n{html}");
        }
        assert!(html.contains("&lt;script&gt;alert(1)&lt;&#x2f;script&gt;"));
        assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
        assert!(html.contains("**x** | y"));

        let markdown = notice_markdown(&notice);
        let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
        let events: Vec<Event> = Parser::new_ext(&markdown, options).collect();
        for e in &events {
            assert!(
                !matches!(
                    e,
                    Event::Html(_)
                        | Event::InlineHtml(_)
                        | Event::Start(
                            Tag::Emphasis
                                | Tag::Strong
                                | Tag::Link { .. }
                                | Tag::Image { .. }
                                | Tag::Table(_)
                        )
                ),
                "{e:?} in:\n{markdown}"
            );
        }
        let headings = events
            .iter()
            .filter(|e| matches!(e, Event::Start(Tag::Heading { .. })))
            .count();
        assert_eq!(headings, 3, "title and two categories only:\n{markdown}");
        let text: String = events
            .iter()
            .filter_map(|e| match e {
                Event::Text(t) => Some(t.as_ref()),
                _ => None,
            })
            .collect();
        assert!(text.contains(script) && text.contains(markup), "{text}");
    }

    #[test]
    fn chinese_date_has_full_year_and_no_leading_zeros() {
        let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(chinese_date(date(2026, 1, 5)), "2026年1月5日");
        assert_eq!(chinese_date(date(2026, 12, 20)), "2026年12月20日");
    }

    #[test]
    fn chinese_ordinal_counts_parts() {
        assert_eq!(chinese_ordinal(1), "一");
        assert_eq!(chinese_ordinal(3), "三");
        assert_eq!(chinese_ordinal(11), "11");
    }
}
