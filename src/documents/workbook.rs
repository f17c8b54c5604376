//! Workbooks for people (.xlsx), written through rust_xlsxwriter: the list exports and the forms.
//!
//! A list export is a [`ListSheet`] (a header row of Chinese column names, then one row per
//! record, each cell typed so that numbers add up and dates sort) with a second sheet, 说明, that
//! says where it comes from: the campaign, the command, banzi's version and the journal head. The
//! same provenance is in every printed page's header and footer and in the document properties.
//! Nothing in the file depends on the clock, so one campaign state always gives the same bytes.

use std::borrow::Cow;

use chrono::{Datelike as _, NaiveDate};
use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet,
    XlsxError,
};
use unicode_width::UnicodeWidthStr as _;

use crate::messages::workbook as say;

/// The widest a column is made, in Excel's character units; longer text wraps.
const MAX_WIDTH: f64 = 60.0;

/// The width, in Excel's character units, a column needs to show its widest line in full.
///
/// rust_xlsxwriter's autofit counts a Chinese character as one unit, while Excel and WPS draw it
/// two units wide, so autofitted Chinese columns cut their text off; this counts display columns.
pub fn column_width<'a>(texts: impl IntoIterator<Item = &'a str>) -> f64 {
    let widest = texts
        .into_iter()
        .flat_map(str::lines)
        .map(|line| line.width())
        .max()
        .unwrap_or(0);
    // A little room for the cell's padding and Excel's filter button on a header.
    (widest as f64 + 2.0).clamp(6.0, MAX_WIDTH)
}

/// A text of a catalogue in Chinese, whatever the language in force: a workbook, like a printed
/// document, is read by the department in Chinese.
pub fn chinese(say: impl Fn() -> String) -> String {
    crate::messages::both(say).zh
}

/// One cell's value; its kind decides how the cell is stored and shown.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    /// Stored as text even when it looks like a number or a formula (a code such as `007`).
    Text(String),
    /// A whole number, shown without decimals (a rank, a count).
    Integer(i64),
    /// A score, shown with two decimals and stored in full.
    Decimal(f64),
    /// A share, 0.4 for 40 %, shown as a percentage.
    Percent(f64),
    /// A date, stored as Excel's date and shown as `2026-11-24`.
    Date(NaiveDate),
}

impl Cell {
    /// Text, or an empty cell for an empty text.
    pub fn text(text: impl Into<String>) -> Cell {
        let text = text.into();
        if text.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(text)
        }
    }

    /// What the cell shows, for measuring its column.
    fn shown(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(text) => text.clone(),
            Cell::Integer(n) => n.to_string(),
            Cell::Decimal(x) => format!("{x:.2}"),
            Cell::Percent(x) => format!("{:.1}%", x * 100.0),
            Cell::Date(date) => date.format("%Y-%m-%d").to_string(),
        }
    }
}

impl From<Option<f64>> for Cell {
    fn from(score: Option<f64>) -> Cell {
        score.map_or(Cell::Empty, Cell::Decimal)
    }
}

impl From<Option<usize>> for Cell {
    fn from(n: Option<usize>) -> Cell {
        n.map_or(Cell::Empty, |n| {
            Cell::Integer(i64::try_from(n).unwrap_or(i64::MAX))
        })
    }
}

impl From<Option<NaiveDate>> for Cell {
    fn from(date: Option<NaiveDate>) -> Cell {
        date.map_or(Cell::Empty, Cell::Date)
    }
}

/// A list as one sheet: its first row the headers, then a row per record.
#[derive(Debug, Clone, PartialEq)]
pub struct ListSheet {
    /// The sheet's name, as Excel's tab shows it (at most 31 characters, no `[]:*?/\`).
    pub name: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

/// A list export: its sheets (the list first, then any companion list) and what the 说明 sheet
/// says of it besides the provenance.
#[derive(Debug, Clone, PartialEq)]
pub struct Export {
    /// The title printed on every page and kept as the document's title.
    pub title: String,
    /// The command that shows the same list, `banzi units list`.
    pub command: String,
    pub sheets: Vec<ListSheet>,
    /// More rows of the 说明 sheet: what the list is (its version, its state).
    pub details: Vec<(String, Cell)>,
}

/// Where an export comes from: the campaign and its journal head.
#[derive(Debug, Clone, PartialEq)]
pub struct Provenance {
    pub campaign: String,
    pub organizer: String,
    /// `SEQ:HASH`, as `banzi verify --head` takes it; empty for a campaign with no journal yet.
    pub head: String,
    /// The head entry's time (RFC 3339), which the workbook gives as its creation time.
    pub head_time: Option<String>,
}

/// How long a cell's text may be, in UTF-16 units: Excel's limit.
const LONGEST_CELL: usize = 32_767;

/// How long a page header or footer may be, in UTF-16 units, codes included.
const LONGEST_HEADER: usize = 255;

/// The workbook of `export`, as the bytes of an `.xlsx` file.
pub fn xlsx(export: &Export, provenance: &Provenance) -> Result<Vec<u8>, XlsxError> {
    let version = env!("CARGO_PKG_VERSION");
    let mut workbook = Workbook::new();
    workbook.set_properties(&properties(export, provenance, version)?);
    let header = page_header(&provenance.campaign, &export.title);
    let footer = page_footer(version, &provenance.head);
    for sheet in &export.sheets {
        let worksheet = workbook.add_worksheet();
        write_list(worksheet, sheet, true)?;
        worksheet
            .set_header(&header)
            .set_footer(&footer)
            .set_landscape()
            .set_paper_size(A4)
            .set_print_fit_to_pages(1, 0)
            .set_print_gridlines(true)
            .set_repeat_rows(0, 0)?;
    }
    let about = about_sheet(export, provenance, version);
    // A note, not a list to sort and filter.
    let worksheet = workbook.add_worksheet();
    write_list(worksheet, &about, false)?;
    worksheet
        .set_header(&header)
        .set_footer(&footer)
        .set_paper_size(A4);
    workbook.save_to_buffer()
}

/// Excel's number of the A4 paper size.
const A4: u8 = 9;

/// The document properties: title, campaign, version and head, and as the creation time the
/// head entry's, never the clock's, so that the bytes depend only on the campaign.
fn properties(
    export: &Export,
    provenance: &Provenance,
    version: &str,
) -> Result<DocProperties, XlsxError> {
    let created = provenance
        .head_time
        .as_deref()
        .and_then(|time| chrono::DateTime::parse_from_rfc3339(time).ok())
        .map(|time| ExcelDateTime::from_timestamp(time.timestamp()))
        .transpose()?
        // A campaign without a journal yet: any fixed time keeps the bytes the same.
        .map_or_else(|| ExcelDateTime::from_ymd(2000, 1, 1), Ok)?;
    let about = chinese(|| say::page_footer(version, &provenance.head));
    Ok(DocProperties::new()
        .set_title(&export.title)
        .set_subject(&provenance.campaign)
        .set_author(&provenance.organizer)
        .set_company(&provenance.organizer)
        .set_comment(&about)
        .set_creation_datetime(&created)
        .set_custom_property(chinese(say::about_version), version)
        .set_custom_property(chinese(say::about_head), &provenance.head)
        .set_custom_property(chinese(say::about_command), &export.command))
}

/// The 说明 sheet: what the list is and where it comes from, a row each.
fn about_sheet(export: &Export, provenance: &Provenance, version: &str) -> ListSheet {
    let mut rows = vec![
        (
            chinese(say::about_campaign),
            Cell::text(&provenance.campaign),
        ),
        (chinese(say::about_list), Cell::text(&export.title)),
        (chinese(say::about_command), Cell::text(&export.command)),
        (chinese(say::about_version), Cell::text(version)),
        (chinese(say::about_head), Cell::text(&provenance.head)),
        (
            chinese(say::about_head_time),
            Cell::text(
                provenance
                    .head_time
                    .as_deref()
                    .map(crate::figures::short_time)
                    .unwrap_or_default(),
            ),
        ),
    ];
    rows.extend(export.details.iter().cloned());
    if !provenance.head.is_empty() {
        rows.push((
            chinese(say::about_check),
            Cell::text(chinese(|| say::about_check_how(&provenance.head))),
        ));
    }
    ListSheet {
        name: chinese(say::about_sheet),
        headers: vec![chinese(say::about_item), chinese(say::about_value)],
        rows: rows
            .into_iter()
            .map(|(item, value)| vec![Cell::Text(item), value])
            .collect(),
    }
}

/// The formats of one sheet's cells.
struct Formats {
    header: Format,
    text: Format,
    wrapped: Format,
    integer: Format,
    decimal: Format,
    percent: Format,
    date: Format,
}

impl Formats {
    fn new() -> Formats {
        // Top-aligned, so that a row grown by a wrapped cell still reads across.
        let cell = Format::new().set_align(FormatAlign::Top);
        Formats {
            header: Format::new()
                .set_bold()
                .set_align(FormatAlign::VerticalCenter)
                .set_background_color(Color::RGB(0xD9_E1_F2))
                .set_border_bottom(FormatBorder::Thin),
            text: cell.clone(),
            wrapped: cell.clone().set_text_wrap(),
            integer: cell.clone().set_num_format("0"),
            decimal: cell.clone().set_num_format("0.00"),
            percent: cell.clone().set_num_format("0.0%"),
            date: cell.set_num_format("yyyy-mm-dd"),
        }
    }
}

/// Writes `sheet` into `worksheet`: the header row bold, frozen and (if `filtered`) with a
/// filter, the columns as wide as their widest text, Chinese counted double, and wrapped where
/// that is too wide.
fn write_list(
    worksheet: &mut Worksheet,
    sheet: &ListSheet,
    filtered: bool,
) -> Result<(), XlsxError> {
    debug_assert!(
        sheet
            .rows
            .iter()
            .all(|row| row.len() == sheet.headers.len()),
        "every row of `{}` has a cell per header",
        sheet.name
    );
    let formats = Formats::new();
    worksheet.set_name(&sheet.name)?;
    for (col, header) in (0u16..).zip(&sheet.headers) {
        worksheet.write_string_with_format(0, col, header, &formats.header)?;
        let shown: Vec<String> = sheet
            .rows
            .iter()
            .filter_map(|row| row.get(usize::from(col)))
            .map(Cell::shown)
            .collect();
        let texts = std::iter::once(header.as_str()).chain(shown.iter().map(String::as_str));
        worksheet.set_column_width(col, column_width(texts))?;
        let wraps = shown
            .iter()
            .any(|text| text.contains('\n') || text.width() as f64 + 2.0 > MAX_WIDTH);
        let text_format = if wraps {
            &formats.wrapped
        } else {
            &formats.text
        };
        for (row, cells) in (1u32..).zip(&sheet.rows) {
            match cells.get(usize::from(col)).unwrap_or(&Cell::Empty) {
                Cell::Empty => {}
                Cell::Text(text) => {
                    worksheet.write_string_with_format(
                        row,
                        col,
                        cut(text, LONGEST_CELL),
                        text_format,
                    )?;
                }
                Cell::Integer(n) => {
                    worksheet.write_number_with_format(row, col, *n as f64, &formats.integer)?;
                }
                Cell::Decimal(x) => {
                    worksheet.write_number_with_format(row, col, *x, &formats.decimal)?;
                }
                Cell::Percent(x) => {
                    worksheet.write_number_with_format(row, col, *x, &formats.percent)?;
                }
                Cell::Date(date) => {
                    worksheet.write_date_with_format(
                        row,
                        col,
                        excel_date(*date)?,
                        &formats.date,
                    )?;
                }
            }
        }
    }
    let last_col = u16::try_from(sheet.headers.len().max(1) - 1).unwrap_or(u16::MAX);
    let last_row = u32::try_from(sheet.rows.len()).unwrap_or(u32::MAX);
    worksheet.set_freeze_panes(1, 0)?;
    if filtered {
        worksheet.autofilter(0, 0, last_row, last_col)?;
    }
    Ok(())
}

/// A date as Excel keeps it.
pub fn excel_date(date: NaiveDate) -> Result<ExcelDateTime, XlsxError> {
    let year =
        u16::try_from(date.year()).map_err(|_| XlsxError::DateTimeRangeError(date.to_string()))?;
    ExcelDateTime::from_ymd(year, date.month() as u8, date.day() as u8)
}

/// Text for a page header or footer: `&` is its code character, so a literal one is doubled.
fn header_text(text: &str) -> String {
    text.replace('&', "&&")
}

/// `text` cut to at most `units` UTF-16 units (Excel's measure), ending in `…` when cut: a longer
/// cell or page header would make Excel refuse the file or drop the header.
fn cut(text: &str, units: usize) -> Cow<'_, str> {
    if text.encode_utf16().count() <= units {
        return text.into();
    }
    let mut kept = String::new();
    let mut used = '…'.len_utf16();
    for c in text.chars() {
        used += c.len_utf16();
        if used > units {
            break;
        }
        kept.push(c);
    }
    kept.push('…');
    kept.into()
}

/// The printed page's header: the campaign on the left, the list on the right; each cut so that
/// the whole stays within Excel's limit (which would otherwise drop it) with every `&` doubled.
fn page_header(campaign: &str, title: &str) -> String {
    let each = (LONGEST_HEADER - "&L&R".len()) / 4;
    format!(
        "&L{}&R{}",
        header_text(&cut(campaign, each)),
        header_text(&cut(title, each))
    )
}

/// The printed page's footer: banzi's version and the journal head on the left, the page on the
/// right.
fn page_footer(version: &str, head: &str) -> String {
    format!(
        "&L{}&R{}",
        header_text(&chinese(|| say::page_footer(version, head))),
        chinese(say::page_number)
    )
}

#[cfg(test)]
mod tests {
    use std::io::{Cursor, Read as _};

    use calamine::{Data, DataType as _, Reader as _, Xlsx};

    use super::*;

    #[test]
    fn chinese_text_is_twice_as_wide_as_its_characters() {
        assert_eq!(column_width(["单位名称"]), 10.0);
        assert_eq!(column_width(["C01", "第一党支部"]), 12.0);
        assert_eq!(column_width(["a\n很长的第二行文字"]), 18.0);
        assert_eq!(column_width([]), 6.0);
        assert_eq!(column_width(["字".repeat(100).as_str()]), MAX_WIDTH);
    }

    fn example() -> (Export, Provenance) {
        let export = Export {
            title: "参评单位名册".into(),
            command: "banzi units list".into(),
            sheets: vec![ListSheet {
                name: "参评单位名册".into(),
                headers: vec![
                    "单位代码".into(),
                    "单位名称".into(),
                    "排名".into(),
                    "综合得分".into(),
                    "占比".into(),
                    "收到日期".into(),
                    "摘要".into(),
                ],
                rows: vec![
                    vec![
                        Cell::text("007"),
                        Cell::text("中共东湖区委员会领导班子"),
                        Some(1).into(),
                        Some(92.456).into(),
                        Cell::Percent(0.4),
                        Some(NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()).into(),
                        Cell::text("=HYPERLINK(\"x\")"),
                    ],
                    vec![
                        Cell::text("C02"),
                        Cell::text("A & B"),
                        None::<usize>.into(),
                        None::<f64>.into(),
                        Cell::Empty,
                        Cell::Empty,
                        Cell::text("长".repeat(80)),
                    ],
                ],
            }],
            details: vec![("名单版本".into(), Cell::Integer(2))],
        };
        let provenance = Provenance {
            campaign: "2026年度争创“四强一硬”好班子活动 & 其他".into(),
            organizer: "市委组织部".into(),
            head: "12:abcdef012345".into(),
            head_time: Some("2026-11-24T09:30:00+08:00".into()),
        };
        (export, provenance)
    }

    fn part(bytes: &[u8], name: &str) -> String {
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        let mut text = String::new();
        zip.by_name(name)
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        text
    }

    #[test]
    fn a_list_reads_back_with_its_cells_typed_and_its_provenance_on_a_second_sheet() {
        let (export, provenance) = example();
        let bytes = xlsx(&export, &provenance).unwrap();
        let mut book = Xlsx::new(Cursor::new(bytes.clone())).unwrap();
        assert_eq!(book.sheet_names(), ["参评单位名册", "说明"]);
        let list = book.worksheet_range("参评单位名册").unwrap();
        let rows: Vec<&[Data]> = list.rows().collect();
        assert_eq!(rows[0][0], Data::String("单位代码".into()));
        assert_eq!(rows[1][0], Data::String("007".into()));
        assert_eq!(rows[1][2].as_f64(), Some(1.0));
        assert_eq!(rows[1][3], Data::Float(92.456));
        assert_eq!(rows[1][4], Data::Float(0.4));
        let date = rows[1][5].as_date().unwrap();
        assert_eq!(date, NaiveDate::from_ymd_opt(2026, 11, 24).unwrap());
        // Text that looks like a formula stays text.
        assert_eq!(rows[1][6], Data::String("=HYPERLINK(\"x\")".into()));
        assert_eq!(rows[2][2], Data::Empty);
        assert_eq!(rows.len(), 3);

        let about = book.worksheet_range("说明").unwrap();
        let pairs: Vec<(String, String)> = about
            .rows()
            .map(|r| (r[0].to_string(), r[1].to_string()))
            .collect();
        let value = |item: &str| {
            pairs
                .iter()
                .find(|(i, _)| i == item)
                .map(|(_, v)| v.clone())
                .unwrap_or_else(|| panic!("no {item} in {pairs:?}"))
        };
        assert_eq!(value("banzi 版本"), env!("CARGO_PKG_VERSION"));
        assert_eq!(value("日志头"), "12:abcdef012345");
        assert_eq!(value("导出命令"), "banzi units list");
        assert_eq!(value("名单版本"), "2");

        let sheet = part(&bytes, "xl/worksheets/sheet1.xml");
        assert!(sheet.contains(r#"ySplit="1""#), "{sheet}");
        assert!(sheet.contains("<autoFilter"), "{sheet}");
        assert!(
            sheet.contains("&amp;&amp; 其他"),
            "the & is doubled: {sheet}"
        );
        assert!(sheet.contains("<oddFooter>"), "{sheet}");
        let core = part(&bytes, "docProps/core.xml");
        assert!(core.contains("2026-11-24T01:30:00Z"), "{core}");
    }

    #[test]
    fn columns_fit_chinese_text_and_a_long_one_wraps() {
        let (export, provenance) = example();
        let bytes = xlsx(&export, &provenance).unwrap();
        let sheet = part(&bytes, "xl/worksheets/sheet1.xml");
        let widths: Vec<f64> = sheet
            .split("<col ")
            .skip(1)
            .map(|col| {
                let at = col.find("width=\"").unwrap() + 7;
                col[at..].split('"').next().unwrap().parse().unwrap()
            })
            .collect();
        // 中共东湖区委员会领导班子: 12 characters, 24 columns wide.
        assert!(widths[1] >= 24.0, "{widths:?}");
        assert!(widths[6] <= MAX_WIDTH + 1.0, "{widths:?}");
        let styles = part(&bytes, "xl/styles.xml");
        assert!(styles.contains(r#"wrapText="1""#), "{styles}");
    }

    #[test]
    fn the_same_list_gives_the_same_bytes() {
        let (export, provenance) = example();
        assert_eq!(
            xlsx(&export, &provenance).unwrap(),
            xlsx(&export, &provenance).unwrap()
        );
    }

    #[test]
    fn a_header_too_long_for_excel_is_cut_and_a_huge_cell_is_cut_to_excels_limit() {
        let header = page_header(&"活".repeat(300), &"表".repeat(300));
        assert!(header.encode_utf16().count() <= LONGEST_HEADER, "{header}");
        assert!(header.contains('…'));
        let huge = "𠀀".repeat(LONGEST_CELL);
        let kept = cut(&huge, LONGEST_CELL);
        assert!(kept.encode_utf16().count() <= LONGEST_CELL);
        assert!(kept.ends_with('…'));
        assert_eq!(cut("短", LONGEST_CELL), "短");
    }
}
