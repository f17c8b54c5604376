//! The public notice (公示) of the preliminary list, in Markdown and as a printable HTML page.

use chrono::NaiveDate;

use super::chinese_ordinal;
use crate::figures::chinese_date;
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
    /// More than [`OFFICIAL_MAX`] units: the HTML is set smaller, so the list fits on one page.
    compact: bool,
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
    /// How many columns the HTML sets the units in: four when every name fits a quarter of the
    /// line, else two, so that the columns of all categories line up.
    columns: usize,
}

/// Notices with at most this many units keep the official look of GB/T 9704 (3号 body, 2号
/// title, 37 mm top and 28 mm binding margins); longer lists are set compact (14pt, 25 mm
/// margins), so that thirty units fit on one A4 page.
const OFFICIAL_MAX: usize = 12;

/// The width `notice.html` gives a list of units, in ems of its font, and what a column takes
/// besides the name; the columns are chosen here, from the names, rather than by the browser.
/// Kept in step with the template's `@page` margins, `ol.units` indent and gap and `.no` width.
struct ListLayout {
    /// The text width less the list's indent.
    width: f32,
    /// Between two columns.
    gap: f32,
    /// The unit's number, `12.`, before its name.
    number: f32,
}

/// 16pt on 156 mm (GB/T 9704's 28 characters a line), less a 1em indent.
const OFFICIAL_LIST: ListLayout = ListLayout {
    width: 26.6,
    gap: 1.0,
    number: 1.75,
};

/// 14pt on 160 mm, less a 1em indent.
const COMPACT_LIST: ListLayout = ListLayout {
    width: 31.4,
    gap: 1.0,
    number: 1.75,
};

impl ListLayout {
    /// Four columns when every name fits on one line of a quarter, else two, in which a name
    /// too long for its column wraps under itself.
    fn columns(&self, units: &[NoticeUnit]) -> usize {
        let widest = units
            .iter()
            .map(|u| name_width(&u.name))
            .fold(0.0, f32::max);
        let quarter = (self.width - 3.0 * self.gap) / 4.0 - self.number;
        if widest <= quarter { 4 } else { 2 }
    }
}

/// A name's printed width in ems, erring wide: an ASCII character takes 0.6, any other (a
/// Chinese character, a full-width bracket) one.
fn name_width(name: &str) -> f32 {
    name.chars()
        .map(|c| if c.is_ascii() { 0.6 } else { 1.0 })
        .sum()
}

impl Notice {
    fn model(&self) -> NoticeModel<'_> {
        let total = self.categories.iter().map(|c| c.units.len()).sum();
        let compact = total > OFFICIAL_MAX;
        let layout = if compact {
            &COMPACT_LIST
        } else {
            &OFFICIAL_LIST
        };
        NoticeModel {
            organizer: &self.organizer,
            campaign: &self.campaign,
            version: self.version,
            compact,
            categories: self
                .categories
                .iter()
                .enumerate()
                .map(|(i, c)| CategoryModel {
                    number: chinese_ordinal(i + 1),
                    label: &c.label,
                    units: &c.units,
                    columns: layout.columns(&c.units),
                })
                .collect(),
            total,
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

/// The notice as the PDF engine reads it (see `templates/pdf/notice.typ`).
pub fn notice_data(notice: &Notice) -> serde_json::Value {
    serde_json::json!({
        "organizer": notice.organizer,
        "campaign": notice.campaign,
        "version": notice.version,
        "categories": notice.categories,
        "start": chinese_date(notice.start),
        "end": chinese_date(notice.end),
        "working_days": notice.working_days,
        "contact": notice.contact,
        "date": chinese_date(notice.date),
        "iso_date": notice.date.to_string(),
        "head": notice.head,
    })
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
    super::render_html(
        "notice.html",
        include_str!("templates/notice.html"),
        notice.model(),
    )
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

    /// The first `counts` of ten counties, eight Party departments and twelve municipal units,
    /// with names of up to eleven characters (twelve for one department); `long` makes every
    /// name eleven characters.
    fn list(counts: [usize; 3], long: bool) -> Notice {
        const COUNTIES: [&str; 10] = [
            "东湖区委",
            "西湖区委",
            "南山区委",
            "北川县委",
            "青林县委",
            "白水县委",
            "石门县委",
            "安平县委",
            "云溪县委",
            "川口市委",
        ];
        const DEPARTMENTS: [&str; 8] = [
            "市委办公室",
            "市委组织部",
            "市委宣传部",
            "市委统战部",
            "市委政法委员会",
            "市委政策研究室",
            "市委机构编制委员会办公室",
            "市直机关工委",
        ];
        const MUNICIPAL: [&str; 12] = [
            "青川市自然资源和规划局",
            "青川市发展和改革委员会",
            "青川市教育和体育局",
            "青川市财政局",
            "青川市住房和城乡建设局",
            "青川市交通运输局",
            "青川市农业农村局",
            "青川市卫生健康委员会",
            "青川市市场监督管理局",
            "青川市生态环境局",
            "青川市退役军人事务局",
            "青川市应急管理局",
        ];
        let name = |name: &str| -> String {
            if long {
                name.chars()
                    .chain("机关工作委员会办公室".chars())
                    .take(11)
                    .collect()
            } else {
                name.to_owned()
            }
        };
        let mut notice = sample();
        notice.campaign = "2026年度争创“四强一硬”好班子活动".to_owned();
        notice.categories = [
            ("县级", &COUNTIES[..], "C"),
            ("市委部门", &DEPARTMENTS[..], "D"),
            ("市直单位", &MUNICIPAL[..], "M"),
        ]
        .into_iter()
        .zip(counts)
        .filter(|&(_, n)| n > 0)
        .map(|((label, names, prefix), n)| NoticeCategory {
            label: label.to_owned(),
            units: names[..n]
                .iter()
                .enumerate()
                .map(|(i, given)| unit(&format!("{prefix}{:02}", i + 1), &name(given), i + 1))
                .collect(),
        })
        .collect();
        notice
    }

    /// What the print check measures: thirty units (typical names, then every name eleven
    /// characters), twelve (the most set in the official look, typical and long), thirteen, one,
    /// and names too long for any column.
    fn print_checks() -> Vec<(&'static str, Notice)> {
        let mut wrapping = list([10, 8, 12], false);
        wrapping.categories[0].units[3].name = "青川市东湖区经济技术开发区党工委管委会".to_owned();
        wrapping.categories[1].units[0].name =
            "Qingchuan_Municipal_Party_Committee_Office".to_owned();
        wrapping.categories[2].units[1].name =
            "青川市发展和改革委员会（青川市粮食和物资储备局）".to_owned();
        vec![
            ("n30", list([10, 8, 12], false)),
            ("n30-long", list([10, 8, 12], true)),
            ("n12", list([4, 3, 5], false)),
            ("n12-long", list([5, 5, 2], true)),
            ("n13", list([5, 3, 5], false)),
            ("n1", list([0, 0, 1], false)),
            ("wrap", wrapping),
        ]
    }

    /// Renders the print check; with `BANZI_NOTICE_HTML_DIR` set, writes each page there as
    /// `NAME.html`, to be printed with Chromium's `--print-to-pdf` and its pages counted with
    /// `pdfinfo` (every list up to thirty units must be one A4 page).
    #[test]
    fn print_check_pages_show_every_name() {
        let dir = std::env::var_os("BANZI_NOTICE_HTML_DIR").map(std::path::PathBuf::from);
        for (name, notice) in print_checks() {
            let html = notice_html(&notice);
            for u in notice.categories.iter().flat_map(|c| &c.units) {
                let cell = format!("<span class=\"name\">{}</span>", u.name);
                assert!(html.contains(&cell), "{name}: {cell}");
            }
            if let Some(dir) = &dir {
                let path = dir.join(format!("{name}.html"));
                std::fs::write(&path, html).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            }
        }
    }

    #[test]
    fn long_lists_are_compact_in_columns_that_line_up() {
        let columns = |notice: &Notice| -> Vec<usize> {
            notice
                .model()
                .categories
                .iter()
                .map(|c| c.columns)
                .collect()
        };
        let twelve = list([4, 3, 5], false);
        assert!(!twelve.model().compact);
        assert_eq!(
            columns(&twelve),
            [4, 2, 2],
            "five characters overfill a quarter at 16pt"
        );
        assert!(notice_html(&twelve).contains("<body>"));

        let thirty = list([10, 8, 12], false);
        assert!(list([5, 3, 5], false).model().compact && thirty.model().compact);
        assert_eq!(columns(&thirty), [4, 2, 2]);
        assert!(notice_html(&thirty).contains("<body class=\"compact\">"));
        assert_eq!(columns(&list([10, 8, 12], true)), [2, 2, 2]);

        let mut fourteen = list([10, 4, 0], false);
        assert_eq!(
            columns(&fourteen),
            [4, 4],
            "市委办公室 fits a quarter at 14pt"
        );
        fourteen.categories[1].units[0].name = "市委政策研究室".to_owned();
        assert_eq!(columns(&fourteen), [4, 2]);
    }

    #[test]
    fn name_width_errs_wide() {
        let close = |a: f32, b: f32| (a - b).abs() < 1e-4;
        assert!(close(name_width("青川市财政局"), 6.0));
        assert!(close(name_width("（1）"), 2.6));
        assert!(close(name_width("Ab"), 1.2));
        assert!(close(name_width(""), 0.0));
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
    fn chinese_ordinal_counts_parts() {
        assert_eq!(chinese_ordinal(1), "一");
        assert_eq!(chinese_ordinal(3), "三");
        assert_eq!(chinese_ordinal(11), "十一");
    }
}
