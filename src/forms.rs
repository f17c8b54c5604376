//! Workbook forms (.xlsx) that people fill in instead of TOML, for the plan, the
//! self-assessment and an inspection record.
//!
//! A form is written with the step's drop-down lists (criteria, statuses, methods, drawn from the
//! code and the campaign's settings), date and text cells, and a note on every column; a hidden
//! sheet says which step and unit it is for. A filled form is read back into the TOML a person
//! would have written from the step's TOML template, so that the step's own parser judges it and
//! TOML stays the stored form. Every line of that TOML knows the cell it came from, and a problem
//! the parser finds is told by its cell instead (`C01-plan.xlsx:指标:B7: …`).
//!
//! The forms are in Chinese whatever language banzi speaks, as the documents are: clerks fill
//! them in, and a form is read by its labels, which must not change with the operator's language.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rust_xlsxwriter::{
    Color, DataValidation, DataValidationErrorStyle, DataValidationRule, ExcelDateTime, Format,
    FormatAlign, FormatBorder, Note, ProtectionOptions, Worksheet, XlsxError,
};

use crate::documents::workbook::{column_width, excel_date};
use crate::error::{Diagnostic, Error, Kind as ErrorKind};
use crate::import::workbook::{Sheet, Workbook, cell_ref, cell_text};
use crate::import::{Encoding, Source};
use crate::messages::forms as say;
use crate::partial::Partial;
use crate::plan::Plan;
use crate::self_assess::{Completion, SelfAssessment};
use crate::settings::{METHODS, Settings};
use crate::steps::Step;
use crate::units::Unit;

/// The sheet of a form's single values: the unit, the title or summary, the activity.
const INFO: &str = "基本信息";
/// The sheet of the indicators, one a row.
const INDICATORS: &str = "指标";
/// The sheet of the ratings, one criterion a row.
const RATINGS: &str = "评分";
/// The hidden sheet that says which step and unit a form is for.
const MARK: &str = "banzi";
/// The labels of the mark's rows, in column A; their values are in column B.
const MARK_FORM: &str = "form";
const MARK_UNIT: &str = "unit";
const MARK_VERSION: &str = "version";
/// The layout's version, kept in the mark so that a later layout can still read this one.
const VERSION: i64 = 1;

/// The rows a plan form's indicator sheet prepares (lists, formats) for indicators the clerk adds.
const PLAN_ROWS: u32 = 200;

/// What a cell of a form holds, which chooses its format, list and validation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Written by banzi for reference; grey, and locked where the sheet is protected.
    Shown,
    /// Text, kept as typed (`95%` stays text).
    Text,
    /// Text of several lines.
    Long,
    Date,
    /// One of the campaign's criteria, from a list.
    Criterion,
    /// A completion status, from a list.
    Status,
    /// An inspection method, from a list.
    Method,
    /// A rating, 0-100.
    Rating,
}

/// A column of a sheet, or a row of the information sheet: its label, kind and note.
#[derive(Debug, Clone, Copy)]
struct Field {
    label: &'static str,
    kind: Kind,
    note: &'static str,
    /// The narrowest the column is made, in Excel's character units.
    width: f64,
}

const fn field(label: &'static str, kind: Kind, note: &'static str, width: f64) -> Field {
    Field {
        label,
        kind,
        note,
        width,
    }
}

impl Field {
    /// The same column where a later step's form only shows what an earlier step filled in.
    const fn shown(self) -> Field {
        Field {
            kind: Kind::Shown,
            note: "",
            ..self
        }
    }
}

const UNIT_CODE: Field = field("单位代码", Kind::Shown, "由 banzi 填写，不要修改", 0.0);
const UNIT_NAME: Field = field("单位名称", Kind::Shown, "", 0.0);
const CAMPAIGN: Field = field("评选活动", Kind::Shown, "", 0.0);
const TITLE: Field = field("方案标题", Kind::Text, "工作方案的标题（可选）", 0.0);
const SUMMARY: Field = field(
    "总体情况",
    Kind::Long,
    "总体情况：做了哪些工作、取得的成效、存在的不足",
    0.0,
);
const METHOD: Field = field("考察方式", Kind::Method, "本次考察的方式", 0.0);
const DATE: Field = field(
    "考察日期",
    Kind::Date,
    "考察活动的日期，如 2026-11-05；不能晚于今天",
    0.0,
);
const INSPECTORS: Field = field(
    "考察人员",
    Kind::Text,
    "参加考察的人员姓名，多人用顿号（、）分隔",
    0.0,
);
const FINDINGS: Field = field("考察情况", Kind::Long, "考察中了解到的情况", 0.0);

const ID: Field = field(
    "编号",
    Kind::Text,
    "指标编号，在本方案内不得重复，如 P1、P2",
    8.0,
);
/// The id of a plan's indicator where the form only shows it.
const PLAN_ID: Field = field("编号", Kind::Shown, "工作方案中的指标编号，不要修改", 8.0);
const CRITERION: Field = field("评价内容", Kind::Criterion, "该指标对应的评价内容", 10.0);
const CRITERION_SHOWN: Field = CRITERION.shown();
const GOAL: Field = field(
    "工作目标",
    Kind::Long,
    "具体的工作目标，如 理论学习中心组集体学习不少于12次",
    40.0,
);
const GOAL_SHOWN: Field = GOAL.shown();
const TARGET: Field = field("目标值", Kind::Text, "可衡量的目标值，如 12次、95%", 12.0);
const TARGET_SHOWN: Field = TARGET.shown();
const OWNER: Field = field("责任人", Kind::Text, "该指标的责任人", 10.0);
const OWNER_SHOWN: Field = OWNER.shown();
const DUE: Field = field(
    "完成时限",
    Kind::Date,
    "完成时限（可选），日期，如 2026-12-31",
    12.0,
);
const NOTE: Field = field("备注", Kind::Long, "备注（可选）", 24.0);
const STATUS: Field = field("完成情况", Kind::Status, "该指标的完成情况", 12.0);
const ACTUAL: Field = field(
    "实际完成情况",
    Kind::Long,
    "对照目标值写明实际完成情况",
    40.0,
);
const EVIDENCE: Field = field("佐证材料", Kind::Long, "佐证材料（可选）", 24.0);
const VERIFIED: Field = field(
    "核实结果",
    Kind::Status,
    "核实后的完成情况（可选）；不核实的指标留空",
    12.0,
);
const VERIFY_NOTE: Field = field("核实说明", Kind::Long, "核实说明（可选）", 30.0);
const DEFINITION: Field = field("含义", Kind::Shown, "", 60.0);
const SELF_RATING: Field = field(
    "自评分",
    Kind::Rating,
    "本单位在该项评价内容上的自评分",
    10.0,
);
const INSPECTION_RATING: Field = field(
    "考察评分",
    Kind::Rating,
    "考察组在该项评价内容上的评分",
    10.0,
);

const PLAN_COLUMNS: [Field; 7] = [ID, CRITERION, GOAL, TARGET, OWNER, DUE, NOTE];
const SELF_COLUMNS: [Field; 8] = [
    PLAN_ID,
    CRITERION_SHOWN,
    GOAL_SHOWN,
    TARGET_SHOWN,
    OWNER_SHOWN,
    STATUS,
    ACTUAL,
    EVIDENCE,
];
const INSPECTION_COLUMNS: [Field; 6] = [
    PLAN_ID,
    CRITERION_SHOWN,
    GOAL_SHOWN,
    TARGET_SHOWN,
    VERIFIED,
    VERIFY_NOTE,
];

/// The name a form of `step` for `unit` gets unless told otherwise: `C01-plan.xlsx`.
pub fn file_name(step: Step, unit: &str) -> String {
    format!("{unit}-{}.xlsx", step.def().noun.replace(' ', "-"))
}

/// The command that makes a form of `step` for `unit`.
pub fn template_command(step: Step, unit: &str) -> String {
    format!("banzi {} template {unit} --xlsx", step.def().command)
}

// ---------------------------------------------------------------------------------------------
// Writing

/// A value a form is written with.
#[derive(Debug, Clone, PartialEq)]
enum Cell {
    Blank,
    Text(String),
    Number(f64),
    Date(NaiveDate),
}

impl Cell {
    fn text(text: impl Into<String>) -> Cell {
        Cell::Text(text.into())
    }

    fn shown(&self) -> String {
        match self {
            Cell::Blank => String::new(),
            Cell::Text(t) => t.clone(),
            Cell::Number(n) => n.to_string(),
            Cell::Date(d) => d.to_string(),
        }
    }
}

fn optional(text: Option<&str>) -> Cell {
    text.map_or(Cell::Blank, Cell::text)
}

/// The words of each list, from the code and the campaign: what the drop-downs offer.
struct Lists {
    criteria: Vec<String>,
    statuses: Vec<&'static str>,
    methods: Vec<&'static str>,
}

impl Lists {
    fn of(settings: &Settings) -> Lists {
        Lists {
            criteria: settings.criteria.iter().map(|c| c.name.clone()).collect(),
            statuses: Completion::WORDS.0.iter().map(|(_, t)| t.label()).collect(),
            methods: METHODS.iter().map(|t| t.label()).collect(),
        }
    }

    fn of_kind(&self, kind: Kind) -> Option<Vec<&str>> {
        match kind {
            Kind::Criterion => Some(self.criteria.iter().map(String::as_str).collect()),
            Kind::Status => Some(self.statuses.clone()),
            Kind::Method => Some(self.methods.clone()),
            _ => None,
        }
    }

    /// A field's note, with the choices of its list.
    fn note(&self, field: &Field) -> String {
        match self.of_kind(field.kind) {
            Some(list) => format!("{}，从下拉列表中选择：{}", field.note, list.join("、")),
            None if field.kind == Kind::Rating => format!("{}，0-100 分", field.note),
            None => field.note.to_owned(),
        }
    }
}

/// The formats of a form's cells.
struct Styles {
    header: Format,
    label: Format,
    shown: Format,
    note: Format,
    text: Format,
    long: Format,
    date: Format,
    number: Format,
}

impl Styles {
    fn new() -> Styles {
        let border = Format::new()
            .set_border(FormatBorder::Thin)
            .set_border_color(Color::RGB(0xBFBFBF))
            .set_align(FormatAlign::Top);
        let input = border.clone().set_unlocked();
        Styles {
            header: border
                .clone()
                .set_bold()
                .set_text_wrap()
                .set_background_color(Color::RGB(0xDDEBF7)),
            label: border.clone().set_bold(),
            shown: border
                .clone()
                .set_text_wrap()
                .set_num_format("@")
                .set_background_color(Color::RGB(0xF2F2F2)),
            note: Format::new()
                .set_text_wrap()
                .set_align(FormatAlign::Top)
                .set_font_color(Color::RGB(0x595959)),
            text: input.clone().set_num_format("@"),
            long: input.clone().set_num_format("@").set_text_wrap(),
            date: input.clone().set_num_format("yyyy-mm-dd"),
            number: input,
        }
    }

    fn of(&self, kind: Kind) -> &Format {
        match kind {
            Kind::Shown => &self.shown,
            Kind::Text | Kind::Criterion | Kind::Status | Kind::Method => &self.text,
            Kind::Long => &self.long,
            Kind::Date => &self.date,
            Kind::Rating => &self.number,
        }
    }
}

/// A workbook being written, with what every sheet of it needs.
struct Form {
    book: rust_xlsxwriter::Workbook,
    styles: Styles,
    lists: Lists,
}

impl Form {
    fn new(settings: &Settings) -> Form {
        Form {
            book: rust_xlsxwriter::Workbook::new(),
            styles: Styles::new(),
            lists: Lists::of(settings),
        }
    }

    /// The information sheet: a label, a value and a note a row.
    fn info(&mut self, rows: &[(Field, Cell)]) -> Result<(), XlsxError> {
        let sheet = self.book.add_worksheet();
        sheet.set_name(INFO)?;
        let headers = ["项目", "内容", "填写说明"];
        for (column, header) in headers.iter().enumerate() {
            sheet.write_string_with_format(0, column as u16, *header, &self.styles.header)?;
        }
        let mut notes = Vec::new();
        for (i, (field, value)) in rows.iter().enumerate() {
            let row = i as u32 + 1;
            sheet.write_string_with_format(row, 0, field.label, &self.styles.label)?;
            write(sheet, row, 1, value, self.styles.of(field.kind))?;
            let note = self.lists.note(field);
            sheet.write_string_with_format(row, 2, &note, &self.styles.note)?;
            if field.kind == Kind::Long {
                sheet.set_row_height(row, 90)?;
            }
            if let Some(validation) = validation(field, &self.lists, &note) {
                sheet.add_data_validation(row, 1, row, 1, &validation)?;
            }
            notes.push(note);
        }
        let labels = rows.iter().map(|(f, _)| f.label);
        sheet.set_column_width(0, column_width(labels.chain([headers[0]])))?;
        let values: Vec<String> = rows.iter().map(|(_, v)| v.shown()).collect();
        let values = values.iter().map(String::as_str);
        sheet.set_column_width(1, column_width(values.chain([headers[1]])).max(40.0))?;
        sheet.set_column_width(2, column_width(notes.iter().map(String::as_str)).max(30.0))?;
        sheet.set_freeze_panes(1, 0)?;
        protect(sheet);
        Ok(())
    }

    /// A sheet of rows under a header of `columns`, with `rows` written and lists and formats
    /// prepared down to row `last` (counted from 0, the header); protected where every row is
    /// written by banzi, so that only the cells to fill in can change.
    fn table(
        &mut self,
        name: &str,
        columns: &[Field],
        rows: &[Vec<Cell>],
        last: u32,
        protected: bool,
    ) -> Result<(), XlsxError> {
        let sheet = self.book.add_worksheet();
        sheet.set_name(name)?;
        sheet.set_row_height(0, 30)?;
        for (c, field) in columns.iter().enumerate() {
            let column = c as u16;
            sheet.write_string_with_format(0, column, field.label, &self.styles.header)?;
            let note = self.lists.note(field);
            if !note.is_empty() {
                let note_box = Note::new(&note).add_author_prefix(false);
                sheet.insert_note(0, column, &note_box)?;
            }
            if field.kind != Kind::Shown {
                sheet.set_column_format(column, self.styles.of(field.kind))?;
                if let Some(validation) = validation(field, &self.lists, &note) {
                    sheet.add_data_validation(1, column, last.max(1), column, &validation)?;
                }
            }
            let values: Vec<String> = rows.iter().map(|r| r[c].shown()).collect();
            let width = column_width(values.iter().map(String::as_str).chain([field.label]));
            sheet.set_column_width(column, width.max(field.width))?;
        }
        for (i, row) in rows.iter().enumerate() {
            for (c, (field, value)) in columns.iter().zip(row).enumerate() {
                write(
                    sheet,
                    i as u32 + 1,
                    c as u16,
                    value,
                    self.styles.of(field.kind),
                )?;
            }
        }
        sheet.set_freeze_panes(1, 0)?;
        if protected {
            protect(sheet);
        }
        Ok(())
    }

    /// One row a criterion, for its rating under `rating`, with its name and definition.
    fn ratings(
        &mut self,
        settings: &Settings,
        rating: Field,
        given: impl Fn(&str) -> Option<f64>,
    ) -> Result<(), XlsxError> {
        let rows: Vec<Vec<Cell>> = settings
            .criteria
            .iter()
            .map(|c| {
                vec![
                    Cell::text(&c.name),
                    Cell::text(&c.definition),
                    given(&c.code).map_or(Cell::Blank, Cell::Number),
                ]
            })
            .collect();
        let last = rows.len() as u32;
        self.table(
            RATINGS,
            &[CRITERION_SHOWN, DEFINITION, rating],
            &rows,
            last,
            true,
        )
    }

    /// The hidden sheet saying which step and unit the form is for, then the workbook's bytes.
    fn finish(mut self, step: Step, unit: &str) -> Result<Vec<u8>, XlsxError> {
        let sheet = self.book.add_worksheet();
        sheet.set_name(MARK)?;
        sheet.write_string(0, 0, MARK_FORM)?;
        sheet.write_string(0, 1, step.def().key)?;
        sheet.write_string(1, 0, MARK_UNIT)?;
        sheet.write_string(1, 1, unit)?;
        sheet.write_string(2, 0, MARK_VERSION)?;
        sheet.write_number(2, 1, VERSION as f64)?;
        sheet.set_hidden(true);
        self.book.save_to_buffer()
    }
}

fn write(
    sheet: &mut Worksheet,
    row: u32,
    column: u16,
    value: &Cell,
    format: &Format,
) -> Result<(), XlsxError> {
    match value {
        Cell::Blank => sheet.write_blank(row, column, format)?,
        Cell::Text(text) => sheet.write_string_with_format(row, column, text, format)?,
        Cell::Number(n) => sheet.write_number_with_format(row, column, *n, format)?,
        Cell::Date(d) => sheet.write_date_with_format(row, column, &excel_date(*d)?, format)?,
    };
    Ok(())
}

/// Locks the sheet's locked cells (banzi's own) while columns and rows can still be resized.
fn protect(sheet: &mut Worksheet) {
    sheet.protect_with_options(&ProtectionOptions {
        format_columns: true,
        format_rows: true,
        ..ProtectionOptions::default()
    });
}

/// The validation of a field's cells: its list, a date, a rating 0-100; with its note shown
/// when a cell is chosen. None where Excel's limits refuse it (a list of over 255 characters):
/// the step's parser checks the value anyway.
fn validation(field: &Field, lists: &Lists, note: &str) -> Option<DataValidation> {
    let rule = match field.kind {
        Kind::Shown | Kind::Text | Kind::Long => DataValidation::new().allow_any_value(),
        Kind::Criterion | Kind::Status | Kind::Method => {
            let list = lists.of_kind(field.kind)?;
            DataValidation::new()
                .allow_list_strings(&list)
                .ok()?
                .set_error_message("请从下拉列表中选择")
                .ok()?
        }
        Kind::Date => DataValidation::new()
            .allow_date(DataValidationRule::Between(
                ExcelDateTime::from_ymd(2000, 1, 1).ok()?,
                ExcelDateTime::from_ymd(2100, 12, 31).ok()?,
            ))
            // A date typed as text (2026年12月31日) is still read; Excel only asks.
            .set_error_style(DataValidationErrorStyle::Warning)
            .set_error_message("请填写日期，如 2026-12-31")
            .ok()?,
        Kind::Rating => DataValidation::new()
            .allow_decimal_number(DataValidationRule::Between(0.0, 100.0))
            .set_error_message("评分须为 0-100 之间的数")
            .ok()?,
    };
    if field.kind == Kind::Shown || note.is_empty() {
        return Some(rule);
    }
    let with_message = rule
        .clone()
        .set_input_title(field.label)
        .and_then(|v| v.set_input_message(note));
    Some(with_message.unwrap_or(rule))
}

fn made(result: Result<Vec<u8>, XlsxError>) -> Result<Vec<u8>, Error> {
    result.map_err(|e| Error::new(ErrorKind::Other, say::cannot_make(&e.to_string())))
}

/// The plan form of `unit`: the title and one row per criterion of the TOML template to start
/// from, or the rows of `earlier`, the unit's stored plan, to correct it.
pub fn plan_form(
    unit: &Unit,
    settings: &Settings,
    earlier: Option<&Plan>,
) -> Result<Vec<u8>, Error> {
    let start = Start::of_template(&crate::plan::template(unit, settings));
    made((|| {
        let mut form = Form::new(settings);
        let title = earlier.map_or(start.title, |p| p.title.clone().unwrap_or_default());
        form.info(&[
            (UNIT_CODE, Cell::text(&unit.code)),
            (UNIT_NAME, Cell::text(&unit.name)),
            (CAMPAIGN, Cell::text(&settings.name)),
            (TITLE, Cell::Text(title)),
        ])?;
        let rows: Vec<Vec<Cell>> = match earlier {
            Some(plan) => plan
                .indicators
                .iter()
                .map(|i| {
                    vec![
                        Cell::text(&i.id),
                        Cell::text(criterion_name(settings, &i.criterion)),
                        Cell::text(&i.goal),
                        Cell::text(&i.target),
                        Cell::text(&i.owner),
                        i.due.map_or(Cell::Blank, Cell::Date),
                        optional(i.note.as_deref()),
                    ]
                })
                .collect(),
            None => start
                .indicators
                .iter()
                .map(|(id, criterion)| {
                    let mut row = vec![
                        Cell::text(id),
                        Cell::text(criterion_name(settings, criterion)),
                    ];
                    row.resize(PLAN_COLUMNS.len(), Cell::Blank);
                    row
                })
                .collect(),
        };
        form.table(INDICATORS, &PLAN_COLUMNS, &rows, PLAN_ROWS, false)?;
        form.finish(Step::Plan, &unit.code)
    })())
}

/// What the TOML plan template starts a plan with, so that a form starts the same way.
struct Start {
    title: String,
    /// Each indicator's id and criterion.
    indicators: Vec<(String, String)>,
}

impl Start {
    fn of_template(template: &str) -> Start {
        let table: toml::Table = toml::from_str(template).expect("the plan template is TOML");
        let text = |value: &toml::Value, key: &str| {
            value
                .get(key)
                .and_then(toml::Value::as_str)
                .unwrap_or_default()
                .to_owned()
        };
        let indicators = table
            .get("indicator")
            .and_then(toml::Value::as_array)
            .map_or(&[][..], Vec::as_slice);
        Start {
            title: table
                .get("title")
                .and_then(toml::Value::as_str)
                .unwrap_or_default()
                .to_owned(),
            indicators: indicators
                .iter()
                .map(|i| (text(i, "id"), text(i, "criterion")))
                .collect(),
        }
    }
}

/// The self-assessment form of `plan`'s unit: a row per indicator of the plan, carrying over the
/// values of `earlier` (a stale self-assessment) where its indicator ids still match, as the
/// TOML template does.
pub fn self_assessment_form(
    plan: &Plan,
    settings: &Settings,
    unit_name: &str,
    earlier: Option<&SelfAssessment>,
) -> Result<Vec<u8>, Error> {
    made((|| {
        let mut form = Form::new(settings);
        form.info(&[
            (UNIT_CODE, Cell::text(&plan.unit)),
            (UNIT_NAME, Cell::text(unit_name)),
            (CAMPAIGN, Cell::text(&settings.name)),
            (SUMMARY, optional(earlier.map(|e| e.summary.as_str()))),
        ])?;
        let rows: Vec<Vec<Cell>> = plan
            .indicators
            .iter()
            .map(|i| {
                let previous = earlier.and_then(|e| e.result(&i.id));
                vec![
                    Cell::text(&i.id),
                    Cell::text(criterion_name(settings, &i.criterion)),
                    Cell::text(&i.goal),
                    Cell::text(&i.target),
                    Cell::text(&i.owner),
                    optional(previous.map(|p| p.status.label())),
                    optional(previous.map(|p| p.actual.as_str())),
                    optional(previous.and_then(|p| p.evidence.as_deref())),
                ]
            })
            .collect();
        let last = rows.len() as u32;
        form.table(INDICATORS, &SELF_COLUMNS, &rows, last, true)?;
        form.ratings(settings, SELF_RATING, |code| {
            earlier.and_then(|e| e.rating(code))
        })?;
        form.finish(Step::SelfAssess, &plan.unit)
    })())
}

/// An inspection-record form of `plan`'s unit, dated `today`, with a row per indicator of the
/// plan for the inspectors' checks.
pub fn inspection_form(
    plan: &Plan,
    settings: &Settings,
    unit_name: &str,
    today: NaiveDate,
) -> Result<Vec<u8>, Error> {
    made((|| {
        let mut form = Form::new(settings);
        form.info(&[
            (UNIT_CODE, Cell::text(&plan.unit)),
            (UNIT_NAME, Cell::text(unit_name)),
            (CAMPAIGN, Cell::text(&settings.name)),
            (METHOD, Cell::Blank),
            (DATE, Cell::Date(today)),
            (INSPECTORS, Cell::Blank),
            (FINDINGS, Cell::Blank),
        ])?;
        let rows: Vec<Vec<Cell>> = plan
            .indicators
            .iter()
            .map(|i| {
                vec![
                    Cell::text(&i.id),
                    Cell::text(criterion_name(settings, &i.criterion)),
                    Cell::text(&i.goal),
                    Cell::text(&i.target),
                    Cell::Blank,
                    Cell::Blank,
                ]
            })
            .collect();
        let last = rows.len() as u32;
        form.table(INDICATORS, &INSPECTION_COLUMNS, &rows, last, true)?;
        form.ratings(settings, INSPECTION_RATING, |_| None)?;
        form.finish(Step::Inspect, &plan.unit)
    })())
}

fn criterion_name<'s>(settings: &'s Settings, code: &'s str) -> &'s str {
    settings.criterion(code).map_or(code, |c| c.name.as_str())
}

/// Writes a form to `path`, never over a file that is there: a filled-in form would be lost.
/// The bytes go to a partial file beside it first, so that `path` appears whole or not at all.
pub fn save(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let shown = path.display().to_string();
    let exists = || Error::invalid(say::form_exists(&shown)).with_hint(say::form_exists_hint());
    let failed = |e: std::io::Error| {
        Error::new(
            ErrorKind::Other,
            crate::messages::output::caused_by(
                &say::cannot_write(&shown),
                &crate::import::io_cause(&e),
            ),
        )
    };
    if std::fs::symlink_metadata(path).is_ok() {
        return Err(exists());
    }
    let placed = Partial::write(path, bytes).and_then(|partial| partial.place_new(path));
    match placed {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(exists()),
        Err(e) => Err(failed(e)),
    }
}

// ---------------------------------------------------------------------------------------------
// Reading

/// A cell of a form, as a problem names it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Place {
    sheet: &'static str,
    /// As Excel numbers rows, from 1.
    row: u32,
    /// From 0, column A.
    column: u32,
    /// The column's header or the row's label.
    label: &'static str,
}

impl Place {
    fn cell(&self) -> String {
        cell_ref(self.row, self.column)
    }
}

/// Where the value of a line of the generated TOML came from, and its key where a cell gave it.
#[derive(Debug, Clone)]
struct LinePlace {
    value: Place,
    /// The columns (from 1, in characters) of the key on its line, and the cell it came from.
    key: Option<(Range<usize>, Place)>,
}

/// The cells of one form behind the lines of the TOML read from it: what re-places the step
/// parser's problems from lines to cells.
#[derive(Debug, Clone)]
pub struct Cells {
    file: PathBuf,
    lines: BTreeMap<usize, LinePlace>,
    /// Messages the parser gives a line that say less than the cell can: the message expected,
    /// and what to say instead (a rating cell that held no number).
    rewrites: Vec<(usize, String, String)>,
}

impl Cells {
    /// `diagnostic` at the cell its line came from, with the column's name as its field; a
    /// table's header line, which has no cell, at the sheet of the line after it. Diagnostics of
    /// other files are given back as they are.
    pub fn place(&self, diagnostic: Diagnostic) -> Diagnostic {
        if diagnostic.file != self.file.display().to_string() {
            return diagnostic;
        }
        let Some(line) = diagnostic.line else {
            return diagnostic;
        };
        let message = self
            .rewrites
            .iter()
            .find(|(l, expected, _)| *l == line && *expected == diagnostic.message)
            .map_or(diagnostic.message, |(_, _, instead)| instead.clone());
        match self.lines.get(&line) {
            Some(at) => {
                let place = match (&at.key, diagnostic.column) {
                    (Some((columns, key)), Some(column)) if columns.contains(&column) => key,
                    _ => &at.value,
                };
                Diagnostic::in_sheet(&self.file, place.sheet, &place.cell(), message)
                    .field(place.label)
            }
            None => match self.lines.range(line..).next() {
                Some((_, next)) => Diagnostic {
                    file: format!("{}:{}", self.file.display(), next.value.sheet),
                    ..Diagnostic::new(&self.file, message)
                },
                None => Diagnostic::new(&self.file, message),
            },
        }
    }
}

/// Re-places the problems of `error` that are about forms' TOML to the forms' cells, each
/// form's in the order of its lines, which is the order of its sheets and rows (a parser reports
/// a table's keys in the order of their names).
pub fn place(error: anyhow::Error, forms: &[Cells]) -> anyhow::Error {
    if forms.is_empty() {
        return error;
    }
    match error.downcast::<Error>() {
        Ok(mut e) => {
            let mut diagnostics = std::mem::take(&mut e.diagnostics);
            for form in forms {
                let file = form.file.display().to_string();
                let of_form = |d: &Diagnostic| d.file == file;
                let Some(first) = diagnostics.iter().position(of_form) else {
                    continue;
                };
                let count = diagnostics[first..]
                    .iter()
                    .take_while(|d| of_form(d))
                    .count();
                diagnostics[first..first + count].sort_by_key(|d| d.line.unwrap_or(usize::MAX));
            }
            e.diagnostics = diagnostics
                .into_iter()
                .map(|d| forms.iter().fold(d, |d, form| form.place(d)))
                .collect();
            e.into()
        }
        Err(other) => other,
    }
}

/// A filled form read as the TOML of its step's record.
#[derive(Debug)]
pub struct Filled {
    /// The unit the form is for, from its mark.
    pub unit: String,
    /// The TOML a person would have written, under the form's path and with its bytes' hash.
    pub source: Source,
    pub cells: Cells,
}

/// Reads a filled form of `step` (for `unit`, when the command names one) into its step's TOML.
/// A workbook that is no form of that step and unit, or whose cells cannot be read (a missing
/// sheet or column, an Excel error), is refused with every such problem; what the values mean is
/// left to the step's parser.
pub fn read(
    path: &Path,
    step: Step,
    unit: Option<&str>,
    settings: &Settings,
) -> anyhow::Result<Filled> {
    let mut book = Workbook::open(path)?;
    let form_unit = check_mark(&mut book, path, step, unit)?;
    let mut reading = Reading {
        path,
        problems: Vec::new(),
        toml: Toml::new(),
        ids: Vec::new(),
        rewrites: Vec::new(),
    };
    match step {
        Step::Plan => reading.plan(&mut book, settings),
        Step::SelfAssess => reading.self_assessment(&mut book, settings),
        Step::Inspect => reading.inspection(&mut book, settings),
        _ => unreachable!("only the plan, the self-assessment and inspections have forms"),
    }
    Error::check(
        std::mem::take(&mut reading.problems),
        |n| say::form_unreadable(&path.display().to_string(), n),
        &say::form_unreadable_hint(&template_command(step, &form_unit)),
    )?;
    let Reading {
        toml,
        rewrites: pending,
        ..
    } = reading;
    let (text, handles, mut cells) = toml.finish(path);
    for rewrite in pending {
        let line = handles[&rewrite.at];
        let expected = match rewrite.expected {
            Expected::Message(message) => message,
            Expected::Twice(id, first) => twice(step, &id, handles[&first]),
        };
        cells.rewrites.push((line, expected, rewrite.instead));
    }
    Ok(Filled {
        unit: form_unit,
        source: Source::new(path, text, Encoding::Utf8, book.sha256.clone()),
        cells,
    })
}

/// The step parser's message for an indicator id given twice, the first on line `first`.
fn twice(step: Step, id: &str, first: usize) -> String {
    match step {
        Step::Plan => crate::messages::plan::duplicate_indicator(id, first),
        Step::SelfAssess => crate::messages::self_assess::indicator_twice(id, first),
        _ => crate::messages::inspect::verified_twice(id, first),
    }
}

/// The unit of the form, from its mark, once the mark says it is a form of `step` (for `unit`).
fn check_mark(
    book: &mut Workbook,
    path: &Path,
    step: Step,
    unit: Option<&str>,
) -> Result<String, Error> {
    let file = path.display().to_string();
    let not_a_form = || {
        Error::invalid(say::not_a_form(&file)).with_hint(say::not_a_form_hint(&template_command(
            step,
            unit.unwrap_or("UNIT"),
        )))
    };
    if !book.sheet_names().iter().any(|n| n == MARK) {
        return Err(not_a_form());
    }
    let mark = book.sheet(Some(MARK))?;
    let value = |label: &str| {
        mark.rows()
            .find(|(_, cells)| {
                cells.first().and_then(|c| cell_text(c).ok()).as_deref() == Some(label)
            })
            .and_then(|(_, cells)| cells.get(1).and_then(|c| cell_text(c).ok()))
            .map(|v| v.trim().to_owned())
    };
    let (Some(form), Some(form_unit)) = (value(MARK_FORM), value(MARK_UNIT)) else {
        return Err(not_a_form());
    };
    let Some(form_step) = Step::from_key(&form) else {
        return Err(not_a_form());
    };
    // A layout this banzi does not know is not guessed at.
    let version = value(MARK_VERSION).unwrap_or_default();
    if version.parse::<i64>().ok() != Some(VERSION) {
        return Err(
            Error::invalid(say::other_layout(&file, &version)).with_hint(
                say::form_unreadable_hint(&template_command(step, &form_unit)),
            ),
        );
    }
    if form_step != step {
        let command = form_step.submit_command(&form_unit).replace("FILE", &file);
        return Err(Error::invalid(say::form_of_other_step(
            &file,
            &crate::messages::steps::noun(form_step),
            &form_unit,
        ))
        .with_hint(say::form_of_other_step_hint(&command)));
    }
    if let Some(unit) = unit.filter(|u| *u != form_unit) {
        return Err(
            Error::invalid(say::form_of_other_unit(&file, &form_unit, unit))
                .with_hint(say::form_of_other_unit_hint(&template_command(step, unit))),
        );
    }
    Ok(form_unit)
}

/// What a rewrite expects the parser to say.
enum Expected {
    Message(String),
    /// An id given twice: the parser's message names the line of its first value.
    Twice(String, Handle),
}

struct Rewrite {
    at: Handle,
    expected: Expected,
    instead: String,
}

/// A form being read: its problems, and the TOML its values make.
struct Reading<'p> {
    path: &'p Path,
    problems: Vec<Diagnostic>,
    toml: Toml,
    /// Each indicator id read so far, with its value and cell, to tell a second one by its cell.
    ids: Vec<(String, Handle, Place)>,
    rewrites: Vec<Rewrite>,
}

impl Reading<'_> {
    fn sheet(&mut self, book: &mut Workbook, name: &'static str) -> Option<Sheet> {
        if !book.sheet_names().iter().any(|n| n == name) {
            self.problems
                .push(Diagnostic::new(self.path, say::no_sheet(name)));
            return None;
        }
        match book.sheet(Some(name)) {
            Ok(sheet) => Some(sheet),
            Err(e) => {
                self.problems.push(Diagnostic::new(self.path, e.message));
                None
            }
        }
    }

    /// A cell's text, or a problem at it (an Excel error) and no text.
    fn text(&mut self, sheet: &Sheet, place: &Place) -> String {
        match cell_text(sheet.cell(place.row, place.column)) {
            Ok(text) => text,
            Err(problem) => {
                self.problems.push(
                    sheet
                        .problem(self.path, &place.cell(), problem)
                        .field(place.label),
                );
                String::new()
            }
        }
    }

    /// The row of each field's label in column A of the information sheet.
    fn info_rows(&mut self, sheet: &Sheet, fields: &[Field]) -> Vec<Option<Place>> {
        let labels: HashMap<String, u32> = sheet
            .rows()
            .filter_map(|(row, cells)| {
                let label = cells.first().and_then(|c| cell_text(c).ok())?;
                Some((label.trim().to_owned(), row))
            })
            .collect();
        fields
            .iter()
            .map(|field| match labels.get(field.label) {
                Some(&row) => Some(Place {
                    sheet: INFO,
                    row,
                    column: 1,
                    label: field.label,
                }),
                None => {
                    self.problems
                        .push(sheet.problem(self.path, "A", say::no_row(field.label)));
                    None
                }
            })
            .collect()
    }

    /// The column of each field's header in row 1.
    fn columns(
        &mut self,
        sheet: &Sheet,
        sheet_name: &'static str,
        fields: &[Field],
    ) -> Vec<Option<u32>> {
        let header = sheet.rows().next().filter(|(row, _)| *row == 1);
        let headers: HashMap<String, u32> = header
            .map(|(_, cells)| cells)
            .unwrap_or_default()
            .into_iter()
            .zip(0..)
            .filter_map(|(cell, column)| Some((cell_text(cell).ok()?.trim().to_owned(), column)))
            .collect();
        fields
            .iter()
            .map(|field| {
                let found = headers.get(field.label).copied();
                if found.is_none() {
                    self.problems.push(Diagnostic::in_sheet(
                        self.path,
                        sheet_name,
                        "1",
                        say::no_column(field.label),
                    ));
                }
                found
            })
            .collect()
    }

    /// The rows under the header, to the last one used.
    fn data_rows(sheet: &Sheet) -> Range<u32> {
        let last = sheet.rows().last().map_or(1, |(row, _)| row);
        2..last + 1
    }

    /// The value of an information row, as text.
    fn info_text(&mut self, sheet: &Sheet, place: &Option<Place>) -> Option<(String, Place)> {
        let place = place.clone()?;
        Some((self.text(sheet, &place), place))
    }

    /// `key = "text"` from a cell.
    fn put_text(&mut self, key: &str, cell: Option<(String, Place)>) {
        if let Some((text, place)) = cell {
            self.toml
                .put(key, toml_edit::Value::from(text), None, place);
        }
    }

    /// `key = "text"` from a cell that holds something.
    fn put_optional(&mut self, key: &str, cell: Option<(String, Place)>) {
        if let Some((text, place)) = cell.filter(|(t, _)| !t.trim().is_empty()) {
            self.toml
                .put(key, toml_edit::Value::from(text), None, place);
        }
    }

    /// `key = 2026-12-31` from a cell that reads as a date; its text, for the parser to refuse
    /// with its reason, if not.
    fn put_date(&mut self, key: &str, cell: Option<(String, Place)>) {
        let Some((text, place)) = cell else { return };
        let value = match crate::import::words::parse_date(&text) {
            Ok(date) => date
                .to_string()
                .parse::<toml_edit::Datetime>()
                .map_or_else(|_| toml_edit::Value::from(text), toml_edit::Value::from),
            Err(_) => toml_edit::Value::from(text),
        };
        self.toml.put(key, value, None, place);
    }

    /// `key = "key"` for a word of a list, by its key when it is one of the list's words.
    fn put_word(
        &mut self,
        key: &str,
        cell: Option<(String, Place)>,
        word: impl Fn(&str) -> Option<String>,
    ) {
        let Some((text, place)) = cell else { return };
        let text = word(&text).unwrap_or(text);
        self.toml
            .put(key, toml_edit::Value::from(text), None, place);
    }

    /// An indicator's id, remembered so that a second one is named by the first one's cell.
    fn put_id(&mut self, key: &str, cell: Option<(String, Place)>) {
        let Some((text, place)) = cell else { return };
        let id = text.trim().to_owned();
        let handle = self
            .toml
            .put(key, toml_edit::Value::from(text), None, place.clone());
        if id.is_empty() {
            return;
        }
        match self.ids.iter().find(|(seen, _, _)| *seen == id) {
            Some((_, first, first_place)) => self.rewrites.push(Rewrite {
                at: handle,
                expected: Expected::Twice(id.clone(), *first),
                instead: say::id_twice(&id, &first_place.cell()),
            }),
            None => self.ids.push((id, handle, place)),
        }
    }

    /// The `[ratings]` table from the ratings sheet: each criterion by its code, a rating that
    /// is no number given as NaN (which the parser refuses) with the cell's own problem instead.
    fn ratings(&mut self, book: &mut Workbook, settings: &Settings, rating: Field) {
        let Some(sheet) = self.sheet(book, RATINGS) else {
            return;
        };
        let columns = self.columns(&sheet, RATINGS, &[CRITERION_SHOWN, rating]);
        let [Some(name_column), Some(rating_column)] = columns[..] else {
            return;
        };
        self.toml.table("ratings");
        for row in Self::data_rows(&sheet) {
            let at = |column, label| Place {
                sheet: RATINGS,
                row,
                column,
                label,
            };
            let name_place = at(name_column, CRITERION_SHOWN.label);
            let place = at(rating_column, rating.label);
            let name = self.text(&sheet, &name_place);
            let cell = sheet.cell(row, rating_column);
            let text = self.text(&sheet, &place);
            if name.trim().is_empty() && text.trim().is_empty() {
                continue;
            }
            let criterion = settings.criterion_written(&name);
            let key = criterion.map_or_else(|| name.trim().to_owned(), |c| c.code.clone());
            let number = match cell {
                calamine::Data::Float(f) => Some(*f),
                calamine::Data::Int(n) => Some(*n as f64),
                _ => text.trim().parse::<f64>().ok().filter(|f| f.is_finite()),
            };
            let value = match number {
                Some(n) if n.fract() == 0.0 && n.abs() < 1e15 => toml_edit::Value::from(n as i64),
                Some(n) => toml_edit::Value::from(n),
                None => toml_edit::Value::from(f64::NAN),
            };
            let handle = self.toml.put(&key, value, Some(name_place), place);
            if number.is_none() {
                let instead = match (text.trim(), criterion) {
                    ("", Some(c)) => crate::messages::votes::rating_missing(&c.code, &c.name),
                    (text, _) => say::not_a_rating(text),
                };
                self.rewrites.push(Rewrite {
                    at: handle,
                    expected: Expected::Message(crate::messages::votes::rating_out_of_range(
                        f64::NAN,
                    )),
                    instead,
                });
            }
        }
    }

    fn plan(&mut self, book: &mut Workbook, settings: &Settings) {
        if let Some(info) = self.sheet(book, INFO) {
            let rows = self.info_rows(&info, &[UNIT_CODE, TITLE]);
            let unit = self.info_text(&info, &rows[0]);
            self.put_text("unit", unit);
            let title = self.info_text(&info, &rows[1]);
            self.put_optional("title", title);
        }
        let Some(sheet) = self.sheet(book, INDICATORS) else {
            return;
        };
        let columns = self.columns(&sheet, INDICATORS, &PLAN_COLUMNS);
        if columns.iter().any(Option::is_none) {
            return;
        }
        for row in Self::data_rows(&sheet) {
            let cells: Vec<(String, Place)> = PLAN_COLUMNS
                .iter()
                .zip(&columns)
                .map(|(field, column)| {
                    let place = Place {
                        sheet: INDICATORS,
                        row,
                        column: column.expect("checked above"),
                        label: field.label,
                    };
                    (self.text(&sheet, &place), place)
                })
                .collect();
            if cells.iter().all(|(text, _)| text.trim().is_empty()) {
                continue;
            }
            let mut cells = cells.into_iter().map(Some);
            let mut next = || cells.next().flatten();
            self.toml.array_item("indicator");
            self.put_id("id", next());
            self.put_word("criterion", next(), |text| {
                settings.criterion_written(text).map(|c| c.code.clone())
            });
            self.put_text("goal", next());
            self.put_text("target", next());
            self.put_text("owner", next());
            let due = next().filter(|(t, _)| !t.trim().is_empty());
            self.put_date("due", due);
            self.put_optional("note", next());
        }
    }

    fn self_assessment(&mut self, book: &mut Workbook, settings: &Settings) {
        if let Some(info) = self.sheet(book, INFO) {
            let rows = self.info_rows(&info, &[UNIT_CODE, SUMMARY]);
            let unit = self.info_text(&info, &rows[0]);
            self.put_text("unit", unit);
            let summary = self.info_text(&info, &rows[1]);
            self.put_text("summary", summary);
        }
        self.ratings(book, settings, SELF_RATING);
        let Some(sheet) = self.sheet(book, INDICATORS) else {
            return;
        };
        let read = [PLAN_ID, STATUS, ACTUAL, EVIDENCE];
        let columns = self.columns(&sheet, INDICATORS, &read);
        if columns.iter().any(Option::is_none) {
            return;
        }
        for row in Self::data_rows(&sheet) {
            let cells = self.row(&sheet, row, &read, &columns);
            if cells.iter().all(|(text, _)| text.trim().is_empty()) {
                continue;
            }
            let mut cells = cells.into_iter().map(Some);
            let mut next = || cells.next().flatten();
            self.toml.array_item("indicator");
            self.put_id("id", next());
            self.put_word("status", next(), status_key);
            self.put_text("actual", next());
            self.put_optional("evidence", next());
        }
    }

    fn inspection(&mut self, book: &mut Workbook, settings: &Settings) {
        if let Some(info) = self.sheet(book, INFO) {
            let rows = self.info_rows(&info, &[UNIT_CODE, METHOD, DATE, INSPECTORS, FINDINGS]);
            let unit = self.info_text(&info, &rows[0]);
            self.put_text("unit", unit);
            let method = self.info_text(&info, &rows[1]);
            self.put_word("method", method, |text| {
                crate::settings::method(text).map(str::to_owned)
            });
            let date = self.info_text(&info, &rows[2]);
            self.put_date("date", date);
            if let Some((text, place)) = self.info_text(&info, &rows[3]) {
                let names: toml_edit::Array = text
                    .split(['、', ',', '，', ';', '；', '\n'])
                    .map(str::trim)
                    .filter(|name| !name.is_empty())
                    .collect();
                self.toml
                    .put("inspectors", toml_edit::Value::Array(names), None, place);
            }
            let findings = self.info_text(&info, &rows[4]);
            self.put_text("findings", findings);
        }
        self.ratings(book, settings, INSPECTION_RATING);
        let Some(sheet) = self.sheet(book, INDICATORS) else {
            return;
        };
        let read = [PLAN_ID, VERIFIED, VERIFY_NOTE];
        let columns = self.columns(&sheet, INDICATORS, &read);
        if columns.iter().any(Option::is_none) {
            return;
        }
        for row in Self::data_rows(&sheet) {
            let cells = self.row(&sheet, row, &read, &columns);
            // An indicator the inspectors did not check is left blank.
            if cells[1..].iter().all(|(text, _)| text.trim().is_empty()) {
                continue;
            }
            let mut cells = cells.into_iter().map(Some);
            let mut next = || cells.next().flatten();
            self.toml.array_item("verification");
            self.put_id("indicator", next());
            self.put_word("status", next(), status_key);
            self.put_optional("note", next());
        }
    }

    /// The texts of `fields` on `row`, at `columns`, which are all found.
    fn row(
        &mut self,
        sheet: &Sheet,
        row: u32,
        fields: &[Field],
        columns: &[Option<u32>],
    ) -> Vec<(String, Place)> {
        fields
            .iter()
            .zip(columns)
            .map(|(field, column)| {
                let place = Place {
                    sheet: INDICATORS,
                    row,
                    column: column.expect("every column is found"),
                    label: field.label,
                };
                (self.text(sheet, &place), place)
            })
            .collect()
    }
}

fn status_key(text: &str) -> Option<String> {
    Completion::parse(text).map(|c| c.key().to_owned())
}

/// A value of the TOML being made, by its section and place in it.
type Handle = (usize, usize);

/// The TOML a form's values make: sections in order (the top level, then tables and the items
/// of arrays of tables), each value with the cells it came from.
struct Toml {
    sections: Vec<Section>,
}

struct Section {
    /// None for the top level; else the table's name, and whether it is an item of an array.
    header: Option<(&'static str, bool)>,
    entries: Vec<Entry>,
}

struct Entry {
    key: String,
    value: toml_edit::Value,
    key_place: Option<Place>,
    place: Place,
}

impl Toml {
    fn new() -> Toml {
        Toml {
            sections: vec![Section {
                header: None,
                entries: Vec::new(),
            }],
        }
    }

    fn table(&mut self, name: &'static str) {
        self.sections.push(Section {
            header: Some((name, false)),
            entries: Vec::new(),
        });
    }

    fn array_item(&mut self, name: &'static str) {
        self.sections.push(Section {
            header: Some((name, true)),
            entries: Vec::new(),
        });
    }

    fn put(
        &mut self,
        key: &str,
        value: toml_edit::Value,
        key_place: Option<Place>,
        place: Place,
    ) -> Handle {
        let section = self.sections.len() - 1;
        let entries = &mut self.sections[section].entries;
        entries.push(Entry {
            key: key.to_owned(),
            value,
            key_place,
            place,
        });
        (section, entries.len() - 1)
    }

    /// The TOML text, the line of each value, and the cells of every line. The lines are found
    /// by parsing the text again, so they are where the step's parser will find them.
    fn finish(self, path: &Path) -> (String, HashMap<Handle, usize>, Cells) {
        let mut document = toml_edit::DocumentMut::new();
        // Each section's place among the items of its array, for finding it again.
        let mut items = Vec::with_capacity(self.sections.len());
        for section in &self.sections {
            let mut table = toml_edit::Table::new();
            for entry in &section.entries {
                table.insert(&entry.key, toml_edit::Item::Value(entry.value.clone()));
            }
            match section.header {
                None => {
                    items.push(0);
                    for (key, item) in table {
                        document.insert(&key, item);
                    }
                }
                Some((name, false)) => {
                    items.push(0);
                    document.insert(name, toml_edit::Item::Table(table));
                }
                Some((name, true)) => {
                    let array = document
                        .entry(name)
                        .or_insert_with(|| toml_edit::Item::ArrayOfTables(Default::default()))
                        .as_array_of_tables_mut()
                        .expect("a name is used for one kind of section");
                    array.push(table);
                    items.push(array.len() - 1);
                }
            }
        }
        let text = document.to_string();
        let parsed =
            toml_edit::Document::parse(text.as_str()).expect("toml_edit parses what it wrote");
        let lines = crate::error::Lines::new(&text);
        let mut handles = HashMap::new();
        let mut places = BTreeMap::new();
        for (s, section) in self.sections.iter().enumerate() {
            let table = match section.header {
                None => Some(parsed.as_table()),
                Some((name, false)) => parsed.get(name).and_then(toml_edit::Item::as_table),
                Some((name, true)) => parsed
                    .get(name)
                    .and_then(toml_edit::Item::as_array_of_tables)
                    .and_then(|a| a.get(items[s])),
            };
            let table = table.expect("every section is in the text");
            for (e, entry) in section.entries.iter().enumerate() {
                let (key, item) = table
                    .get_key_value(&entry.key)
                    .expect("every value is in the text");
                let span = item.span().expect("a parsed value has its span");
                let at = lines.position(&text, span.start);
                let key = key
                    .span()
                    .zip(entry.key_place.clone())
                    .map(|(span, place)| {
                        let from = lines.position(&text, span.start).column;
                        let to = lines.position(&text, span.end).column;
                        (from..to, place)
                    });
                handles.insert((s, e), at.line);
                places.insert(
                    at.line,
                    LinePlace {
                        value: entry.place.clone(),
                        key,
                    },
                );
            }
        }
        let cells = Cells {
            file: path.to_owned(),
            lines: places,
            rewrites: Vec::new(),
        };
        (text, handles, cells)
    }
}

#[cfg(test)]
mod tests {
    use std::io::Cursor;

    use calamine::{Data, Reader as _, SheetVisible};

    use super::*;
    use crate::import::fuzz::{C01_PLAN, SELF_ASSESSMENT, SETTINGS};
    use crate::inspect::inspectors::Inspectors;
    use crate::inspect::record::InspectionRecord;

    /// A value typed into a cell.
    #[derive(Debug, Clone, Copy)]
    enum Typed {
        Text(&'static str),
        Number(f64),
        Date(i32, u32, u32),
    }
    use Typed::*;

    /// Row (from 1) and column (from 0) of a reference such as `B7`.
    fn at(reference: &str) -> (u32, u16) {
        let split = reference.find(|c: char| c.is_ascii_digit()).unwrap();
        let (letters, digits) = reference.split_at(split);
        let column = letters
            .bytes()
            .fold(0u32, |n, b| n * 26 + u32::from(b - b'A' + 1));
        (digits.parse().unwrap(), (column - 1) as u16)
    }

    /// The form as a clerk leaves it after typing `edits` (sheet, cell, value) into it: every
    /// sheet's values copied as Excel keeps them (dates as dates, the mark's sheet hidden), then
    /// the edits written over them.
    fn fill(form: &[u8], edits: &[(&str, &str, Typed)]) -> Vec<u8> {
        let mut sheets = calamine::open_workbook_auto_from_rs(Cursor::new(form.to_vec())).unwrap();
        let mut book = rust_xlsxwriter::Workbook::new();
        let date = Format::new().set_num_format("yyyy-mm-dd");
        for meta in sheets.sheets_metadata().to_vec() {
            let range = sheets.worksheet_range(&meta.name).unwrap();
            let sheet = book.add_worksheet();
            sheet.set_name(&meta.name).unwrap();
            sheet.set_hidden(meta.visible != SheetVisible::Visible);
            let (top, left) = range.start().unwrap_or((0, 0));
            for (r, cells) in range.rows().enumerate() {
                for (c, cell) in cells.iter().enumerate() {
                    let (row, column) = (top + r as u32, (left as usize + c) as u16);
                    match cell {
                        Data::String(s) => sheet.write_string(row, column, s).map(drop),
                        Data::Float(f) => sheet.write_number(row, column, *f).map(drop),
                        Data::Int(n) => sheet.write_number(row, column, *n as f64).map(drop),
                        Data::DateTime(d) => {
                            let day = d.as_datetime().unwrap().date();
                            sheet
                                .write_date_with_format(
                                    row,
                                    column,
                                    excel_date(day).unwrap(),
                                    &date,
                                )
                                .map(drop)
                        }
                        _ => Ok(()),
                    }
                    .unwrap();
                }
            }
            for (_, reference, value) in edits.iter().filter(|(s, _, _)| *s == meta.name) {
                let (row, column) = at(reference);
                let row = row - 1;
                match *value {
                    Text(text) => sheet.write_string(row, column, text).map(drop),
                    Number(n) => sheet.write_number(row, column, n).map(drop),
                    Date(y, m, d) => {
                        let day = NaiveDate::from_ymd_opt(y, m, d).unwrap();
                        sheet
                            .write_date_with_format(row, column, excel_date(day).unwrap(), &date)
                            .map(drop)
                    }
                }
                .unwrap();
            }
        }
        book.save_to_buffer().unwrap()
    }

    /// Reads `bytes` as a form of `step` saved as `name`.
    fn read_form(
        name: &str,
        bytes: &[u8],
        step: Step,
        unit: Option<&str>,
    ) -> anyhow::Result<Filled> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let mut filled = read(&path, step, unit, &SETTINGS)?;
        // Named as the clerk named it, as the command line gives it.
        filled.source.path = PathBuf::from(name);
        filled.cells.file = PathBuf::from(name);
        Ok(filled)
    }

    fn source(name: &str, text: &str) -> Source {
        Source::new(name, text.to_owned(), Encoding::Utf8, String::new())
    }

    fn unit() -> Unit {
        Unit {
            code: "C01".into(),
            name: "东湖区".into(),
            category: crate::units::Category::County,
            party_head: "a".into(),
            government_head: None,
        }
    }

    /// Every problem of `error`, placed at its cell, as people read it.
    fn placed(error: Error, cells: &Cells) -> Vec<String> {
        place(error.into(), std::slice::from_ref(cells))
            .downcast::<Error>()
            .unwrap()
            .diagnostics
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    /// Whether a TOML value is what `cell` says: as typed, or as the key of the word typed.
    fn reads_as(cell: &str, value: &toml_edit::Value) -> bool {
        let cell = cell.trim();
        match value {
            toml_edit::Value::String(s) => {
                let s = s.value().as_str();
                s.trim() == cell
                    || SETTINGS
                        .criterion_written(cell)
                        .is_some_and(|c| c.code == s)
                    || Completion::parse(cell).is_some_and(|c| c.key() == s)
                    || crate::settings::method(cell) == Some(s)
            }
            toml_edit::Value::Datetime(d) => crate::import::words::parse_date(cell)
                .is_ok_and(|day| day.to_string() == d.value().to_string()),
            toml_edit::Value::Integer(n) => cell.parse::<f64>() == Ok(*n.value() as f64),
            toml_edit::Value::Float(f) => cell.parse::<f64>() == Ok(*f.value()),
            toml_edit::Value::Array(names) => names
                .iter()
                .all(|n| n.as_str().is_some_and(|n| cell.contains(n))),
            _ => false,
        }
    }

    /// Every value's line of the TOML read from `bytes` is placed at the cell that holds it.
    fn every_line_is_placed(bytes: &[u8], filled: &Filled) {
        let mut book = Workbook::open_bytes(bytes);
        let document = toml_edit::Document::parse(filled.source.text.as_str()).unwrap();
        let lines = crate::error::Lines::new(&filled.source.text);
        let mut checked = 0;
        let mut check = |table: &toml_edit::Table| {
            for (_, item) in table.iter() {
                let Some(value) = item.as_value() else {
                    continue;
                };
                let line = lines
                    .position(&filled.source.text, value.span().unwrap().start)
                    .line;
                let place = &filled.cells.lines[&line].value;
                let sheet = book.sheet(Some(place.sheet)).unwrap();
                let cell = cell_text(sheet.cell(place.row, place.column)).unwrap();
                assert!(
                    reads_as(&cell, value),
                    "line {line} ({value}) is placed at {}:{} ({cell:?})",
                    place.sheet,
                    place.cell()
                );
                checked += 1;
            }
        };
        check(document.as_table());
        for (_, item) in document.iter() {
            match item {
                toml_edit::Item::Table(t) => check(t),
                toml_edit::Item::ArrayOfTables(a) => a.iter().for_each(&mut check),
                _ => {}
            }
        }
        assert!(checked > 5, "{checked} values checked");
    }

    impl Workbook {
        fn open_bytes(bytes: &[u8]) -> Workbook {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("form.xlsx");
            std::fs::write(&path, bytes).unwrap();
            Workbook::open(&path).unwrap()
        }
    }

    const PLAN_FILLED: &[(&str, &str, Typed)] = &[
        (INDICATORS, "C2", Text("中心组学习不少于12次")),
        (INDICATORS, "D2", Text("12次")),
        (INDICATORS, "E2", Text("陈志远")),
        (INDICATORS, "F2", Date(2026, 12, 31)),
        (INDICATORS, "C3", Text("招商引资项目")),
        (INDICATORS, "D3", Text("95%")),
        (INDICATORS, "E3", Text("林晓峰")),
        (INDICATORS, "G3", Text("含续建项目")),
        (INDICATORS, "C4", Text("改革事项")),
        (INDICATORS, "D4", Number(17.0)),
        (INDICATORS, "E4", Text("周敏")),
        (INDICATORS, "F4", Text("2026年11月30日")),
        (INDICATORS, "C5", Text("“三重一大”集体决策")),
        (INDICATORS, "D5", Text("100%")),
        (INDICATORS, "E5", Text("高建华")),
        (INDICATORS, "C6", Text("廉政谈话")),
        (INDICATORS, "D6", Text("全覆盖")),
        (INDICATORS, "E6", Text("“王”\\ \"五\"")),
        // A sixth indicator the clerk added, by the criterion's code.
        (INDICATORS, "A7", Text("P2")),
        (INDICATORS, "B7", Text("political")),
        (INDICATORS, "C7", Text("第一议题")),
        (INDICATORS, "D7", Text("传达率100%")),
        (INDICATORS, "E7", Text("陈志远")),
    ];

    #[test]
    fn a_filled_plan_form_reads_as_the_filled_toml_template() {
        let form = plan_form(&unit(), &SETTINGS, None).unwrap();
        let filled_form = fill(&form, PLAN_FILLED);
        let filled = read_form("C01-plan.xlsx", &filled_form, Step::Plan, Some("C01")).unwrap();
        assert_eq!(filled.unit, "C01");
        let from_form = Plan::parse(&filled.source, &SETTINGS, "C01").unwrap();

        let template = crate::plan::template(&unit(), &SETTINGS);
        let values = [
            ("中心组学习不少于12次", "12次", "陈志远"),
            ("招商引资项目", "95%", "林晓峰"),
            ("改革事项", "17", "周敏"),
            ("“三重一大”集体决策", "100%", "高建华"),
            ("廉政谈话", "全覆盖", "“王”\\ \"五\""),
        ];
        let mut text = template;
        for (goal, target, owner) in values {
            text = text
                .replacen(
                    "goal = \"\"",
                    &format!("goal = {}", crate::settings::quoted(goal)),
                    1,
                )
                .replacen(
                    "target = \"\"",
                    &format!("target = {}", crate::settings::quoted(target)),
                    1,
                )
                .replacen(
                    "owner = \"\"",
                    &format!("owner = {}", crate::settings::quoted(owner)),
                    1,
                );
        }
        text = text
            .replacen("# due = 2026-12-31", "due = 2026-12-31", 1)
            .replacen(
                "owner = \"林晓峰\"",
                "owner = \"林晓峰\"\nnote = \"含续建项目\"",
                1,
            )
            .replacen("# due = 2026-12-31", "", 1)
            .replacen("# due = 2026-12-31", "due = 2026-11-30", 1);
        text.push_str(
            "[[indicator]]\nid = \"P2\"\ncriterion = \"political\"\ngoal = \"第一议题\"\ntarget = \"传达率100%\"\nowner = \"陈志远\"\n",
        );
        let from_template = Plan::parse(&source("C01.toml", &text), &SETTINGS, "C01").unwrap();
        assert_eq!(from_form, from_template);
        assert!(
            filled.source.text.contains("criterion = \"vitality\"\n"),
            "{}",
            filled.source.text
        );
        assert!(filled.source.text.contains("due = 2026-11-30\n"));
        every_line_is_placed(&filled_form, &filled);
    }

    #[test]
    fn a_stored_plan_fills_its_form_and_reads_back_the_same() {
        let form = plan_form(&unit(), &SETTINGS, Some(&C01_PLAN)).unwrap();
        let filled = read_form("C01-plan.xlsx", &fill(&form, &[]), Step::Plan, None).unwrap();
        assert_eq!(
            Plan::parse(&filled.source, &SETTINGS, "C01").unwrap(),
            *C01_PLAN
        );
    }

    #[test]
    fn a_bad_cell_of_a_plan_form_is_reported_by_its_reference() {
        let form = plan_form(&unit(), &SETTINGS, None).unwrap();
        // The owner of the fourth indicator is left blank.
        let mut edits: Vec<_> = PLAN_FILLED
            .iter()
            .filter(|e| e.1 != "E5")
            .copied()
            .collect();
        edits.extend([
            (INDICATORS, "B7", Text("活力")),
            (INDICATORS, "F3", Text("2026/2/30")),
            (INDICATORS, "A6", Text(" P1 ")),
            (INDICATORS, "B6", Text("政治强")),
            (INFO, "B2", Text("C02")),
        ]);
        let filled = read_form(
            "C01-plan.xlsx",
            &fill(&form, &edits),
            Step::Plan,
            Some("C01"),
        )
        .unwrap();
        let error = Plan::parse(&filled.source, &SETTINGS, "C01").unwrap_err();
        let all = placed(error, &filled.cells);
        assert_eq!(
            all,
            [
                "C01-plan.xlsx:基本信息:B2: 单位代码: this file is for unit `C02`, but the command names unit `C01`",
                "C01-plan.xlsx:指标: criterion `conduct` (作风硬) has no indicator; every criterion needs at least one",
                "C01-plan.xlsx:指标:F3: 完成时限: `2026/2/30` is not a day of the calendar: check the month and the day",
                "C01-plan.xlsx:指标:E5: 责任人: must not be empty",
                "C01-plan.xlsx:指标:A6: 编号: indicator id `P1` appears twice (first in cell A2)",
                "C01-plan.xlsx:指标:B7: 评价内容: unknown criterion `活力` (expected one of political (政治强), capability (能力强), vitality (活力强), cohesion (合力强), conduct (作风硬))",
            ],
        );
    }

    #[test]
    fn a_self_assessment_round_trips_through_its_form() {
        let earlier = crate::self_assess::SelfAssessment::parse(
            &source("C01.toml", SELF_ASSESSMENT),
            &SETTINGS,
            &C01_PLAN,
        )
        .unwrap();
        let form = self_assessment_form(&C01_PLAN, &SETTINGS, "东湖区", Some(&earlier)).unwrap();
        let filled_form = fill(&form, &[]);
        let filled = read_form(
            "C01-self-assessment.xlsx",
            &filled_form,
            Step::SelfAssess,
            Some("C01"),
        )
        .unwrap();
        let again = SelfAssessment::parse(&filled.source, &SETTINGS, &C01_PLAN).unwrap();
        assert_eq!(again, earlier);
        every_line_is_placed(&filled_form, &filled);
    }

    #[test]
    fn a_rating_that_is_no_number_or_missing_is_reported_at_its_cell() {
        let blank = self_assessment_form(&C01_PLAN, &SETTINGS, "东湖区", None).unwrap();
        let mut edits = vec![
            (INFO, "B5", Text("总体情况")),
            (RATINGS, "C2", Number(92.0)),
            (RATINGS, "C3", Text("优")),
            (RATINGS, "C5", Number(130.0)),
            (RATINGS, "C6", Text("88.5")),
        ];
        for row in 2..=8 {
            let (status, actual) = (format!("F{row}"), format!("G{row}"));
            edits.push((
                INDICATORS,
                Box::leak(status.into_boxed_str()),
                Text("已完成"),
            ));
            edits.push((INDICATORS, Box::leak(actual.into_boxed_str()), Text("完成")));
        }
        edits.push((INDICATORS, "F4", Text("完成了")));
        let filled = read_form(
            "C01-self-assessment.xlsx",
            &fill(&blank, &edits),
            Step::SelfAssess,
            None,
        )
        .unwrap();
        let error = SelfAssessment::parse(&filled.source, &SETTINGS, &C01_PLAN).unwrap_err();
        assert_eq!(
            placed(error, &filled.cells),
            [
                "C01-self-assessment.xlsx:评分:C3: 自评分: `优` is not a rating: write a number from 0 to 100",
                "C01-self-assessment.xlsx:评分:C4: 自评分: missing rating for `vitality` (活力强), 0-100",
                "C01-self-assessment.xlsx:评分:C5: 自评分: rating 130 is outside 0-100",
                "C01-self-assessment.xlsx:指标:F4: 完成情况: `完成了` is not a status (expected one of done (已完成, 完成), partial (部分完成), not-done (未完成))",
            ]
        );
    }

    #[test]
    fn a_filled_inspection_form_reads_as_its_toml() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        let form = inspection_form(&C01_PLAN, &SETTINGS, "东湖区", today).unwrap();
        let mut edits = vec![
            (INFO, "B5", Text("个别谈话")),
            (INFO, "B7", Text("王五、赵六，")),
            (INFO, "B8", Text("班子团结")),
            (INDICATORS, "E2", Text("部分完成")),
            (INDICATORS, "F2", Text("学习记录与实际不符")),
            (INDICATORS, "F4", Text("已核实")),
            (INDICATORS, "E4", Text("done")),
        ];
        for (row, rating) in [90.0, 86.0, 84.0, 88.0, 91.0].into_iter().enumerate() {
            let cell = format!("C{}", row + 2);
            edits.push((RATINGS, Box::leak(cell.into_boxed_str()), Number(rating)));
        }
        let filled_form = fill(&form, &edits);
        let filled = read_form(
            "C01-inspection.xlsx",
            &filled_form,
            Step::Inspect,
            Some("C01"),
        )
        .unwrap();
        let record = |source: &Source| {
            InspectionRecord::parse(source, &SETTINGS, &C01_PLAN, &Inspectors::default(), today)
        };
        let toml = "unit = \"C01\"\nmethod = \"talk\"\ndate = 2026-11-24\n\
            inspectors = [\"王五\", \"赵六\"]\nfindings = \"班子团结\"\n\
            [ratings]\npolitical = 90\ncapability = 86\nvitality = 84\ncohesion = 88\nconduct = 91\n\
            [[verification]]\nindicator = \"P1\"\nstatus = \"partial\"\nnote = \"学习记录与实际不符\"\n\
            [[verification]]\nindicator = \"A1\"\nstatus = \"done\"\nnote = \"已核实\"\n";
        assert_eq!(
            record(&filled.source).unwrap(),
            record(&source("talk.toml", toml)).unwrap()
        );
        every_line_is_placed(&filled_form, &filled);

        // Blank, the method and the inspectors are refused at their cells.
        let blank = read_form(
            "C01-inspection.xlsx",
            &fill(&form, &[]),
            Step::Inspect,
            None,
        )
        .unwrap();
        let all = placed(record(&blank.source).unwrap_err(), &blank.cells);
        assert_eq!(
            all,
            [
                "C01-inspection.xlsx:基本信息:B5: 考察方式: unknown method `` (expected one of hearing (听汇报, 听取汇报), talk (个别谈话), materials (查资料, 查阅资料), site-visit (实地看, 实地察看), symposium (召开座谈会, 座谈会))",
                "C01-inspection.xlsx:基本信息:B7: 考察人员: name at least one inspector",
                "C01-inspection.xlsx:基本信息:B8: 考察情况: must not be empty",
                "C01-inspection.xlsx:评分:C2: 考察评分: missing rating for `political` (政治强), 0-100",
                "C01-inspection.xlsx:评分:C3: 考察评分: missing rating for `capability` (能力强), 0-100",
                "C01-inspection.xlsx:评分:C4: 考察评分: missing rating for `vitality` (活力强), 0-100",
                "C01-inspection.xlsx:评分:C5: 考察评分: missing rating for `cohesion` (合力强), 0-100",
                "C01-inspection.xlsx:评分:C6: 考察评分: missing rating for `conduct` (作风硬), 0-100",
            ]
        );
    }

    #[test]
    fn a_form_of_another_step_or_unit_or_none_is_refused() {
        let plan = plan_form(&unit(), &SETTINGS, None).unwrap();
        let err = read_form("x.xlsx", &plan, Step::SelfAssess, Some("C01")).unwrap_err();
        let err = err.downcast::<Error>().unwrap();
        assert!(
            err.message
                .ends_with("x.xlsx` is the plan form of unit `C01`"),
            "{}",
            err.message
        );
        assert!(err.hint.unwrap().contains("banzi plan submit C01 "));

        let err = read_form("x.xlsx", &plan, Step::Plan, Some("C02")).unwrap_err();
        let err = err.downcast::<Error>().unwrap();
        assert!(
            err.message
                .contains("is the form of unit `C01`, not of `C02`"),
            "{}",
            err.message
        );

        let newer = fill(&plan, &[(MARK, "B3", Number(2.0))]);
        let err = read_form("x.xlsx", &newer, Step::Plan, None).unwrap_err();
        let err = err.downcast::<Error>().unwrap();
        assert!(
            err.message
                .ends_with("x.xlsx` has a form layout (`2`) this version of banzi does not read"),
            "{}",
            err.message
        );

        let mut other = rust_xlsxwriter::Workbook::new();
        other
            .add_worksheet()
            .write_string(0, 0, "单位代码")
            .unwrap();
        let err =
            read_form("x.xlsx", &other.save_to_buffer().unwrap(), Step::Plan, None).unwrap_err();
        let err = err.downcast::<Error>().unwrap();
        assert!(
            err.message.contains("is not a form made by banzi"),
            "{}",
            err.message
        );
        assert!(
            err.hint
                .unwrap()
                .contains("banzi plan template UNIT --xlsx")
        );
    }

    #[test]
    fn a_form_without_its_columns_is_refused_by_its_places() {
        let plan = plan_form(&unit(), &SETTINGS, None).unwrap();
        let broken = fill(
            &plan,
            &[(INDICATORS, "C1", Text("目标")), (INFO, "A5", Text("标题"))],
        );
        let err = read_form("x.xlsx", &broken, Step::Plan, None).unwrap_err();
        let err = err.downcast::<Error>().unwrap();
        let all: Vec<String> = err.diagnostics.iter().map(ToString::to_string).collect();
        assert_eq!(all.len(), 2, "{all:#?}");
        assert!(
            all[0].ends_with("x.xlsx:基本信息:A: column A has no row `方案标题`"),
            "{all:#?}"
        );
        assert!(
            all[1].ends_with("x.xlsx:指标:1: row 1 has no column `工作目标`"),
            "{all:#?}"
        );
    }

    #[test]
    fn a_form_is_never_written_over_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("C01-plan.xlsx");
        save(&path, b"one").unwrap();
        let err = save(&path, b"two").unwrap_err();
        assert!(err.message.contains("already exists"), "{}", err.message);
        assert_eq!(std::fs::read(&path).unwrap(), b"one");
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no partial file is left"
        );
        assert_eq!(
            file_name(Step::SelfAssess, "C01"),
            "C01-self-assessment.xlsx"
        );
        assert_eq!(file_name(Step::Inspect, "C01"), "C01-inspection.xlsx");
    }
}
