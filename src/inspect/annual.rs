//! The annual assessment (年度考核) results the inspection is combined with.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::campaign::Campaign;
use crate::context::Context;
use crate::error::{Diagnostic, Error};
use crate::import::{Column, Rows, Source, read_rows};
use crate::inspect::{Changes, ImportOptions};
use crate::journal::Entry;
use crate::messages::votes as messages;
use crate::settings::Settings;
use crate::store::{Table, Transaction};
use crate::units::Register;

pub use crate::steps::ANNUAL_FILE;

/// One unit's annual-assessment result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnnualResult {
    pub unit: String,
    pub year: i32,
    pub grade: String,
    pub score: Option<f64>,
    pub remarks: String,
}

impl Table for AnnualResult {
    const PATH: &'static str = ANNUAL_FILE;
}

/// Every unit's stored result, in unit order.
#[derive(Debug, Default)]
pub struct AnnualResults {
    results: Vec<AnnualResult>,
}

impl AnnualResults {
    pub fn load(campaign: &Campaign) -> anyhow::Result<AnnualResults> {
        let results = campaign.store.read_table()?;
        Ok(AnnualResults { results })
    }

    pub fn get(&self, unit: &str) -> Option<&AnnualResult> {
        self.results
            .binary_search_by(|r| r.unit.as_str().cmp(unit))
            .ok()
            .map(|i| &self.results[i])
    }
}

const COLUMNS: &[Column] = &[
    Column {
        key: "unit",
        headers: &["unit_code", "unit", "code", "单位代码"],
        required: true,
    },
    Column {
        key: "year",
        headers: &["year", "年度"],
        required: true,
    },
    Column {
        key: "grade",
        headers: &["grade", "等次", "考核等次"],
        required: true,
    },
    Column {
        key: "score",
        headers: &["score", "得分", "分数"],
        required: false,
    },
    Column {
        key: "remarks",
        headers: &["remarks", "备注"],
        required: false,
    },
];

/// Reads an annual-assessment file, reporting every bad row; gives its results and the headers
/// of the columns the import does not use.
pub fn read_file(
    source: &Source,
    settings: &Settings,
    register: &Register,
) -> Result<(Vec<AnnualResult>, Vec<String>), Error> {
    let Rows {
        rows,
        ignored_columns,
        header_line,
    } = read_rows(source, COLUMNS)?;
    let scoring = &settings.scoring;
    let year = settings.year;
    let grades: Vec<&str> = scoring
        .annual_grades
        .iter()
        .map(|g| g.name.as_str())
        .collect();
    let mut diagnostics = Vec::new();
    let mut first_line: HashMap<&str, usize> = HashMap::new();
    let mut results = Vec::with_capacity(rows.len());
    for row in &rows {
        let mut problem = |column: &str, message: String| {
            diagnostics.push(row.problem(&source.shown, &messages::annual_column(column), message));
        };
        let unit = row.get("unit");
        if register.get(unit).is_none() {
            problem("unit_code", messages::annual_unknown_unit(unit));
        } else if let Some(first) = first_line.insert(unit, row.line) {
            problem("unit_code", messages::annual_duplicate_unit(unit, first));
        }
        match row.get("year").parse::<i32>() {
            Ok(y) if y == year => {}
            _ => problem("year", messages::annual_wrong_year(row.get("year"), year)),
        }
        let grade = row.get("grade");
        if !grades.contains(&grade) {
            problem(
                "grade",
                messages::annual_unknown_grade(grade, &messages::list(&grades)),
            );
        }
        let score = match row.get("score") {
            "" => None,
            text => match text.parse::<f64>() {
                Ok(s) if (0.0..=100.0).contains(&s) => Some(s),
                _ => {
                    problem("score", messages::annual_bad_score(text));
                    None
                }
            },
        };
        results.push(AnnualResult {
            unit: unit.to_owned(),
            year,
            grade: grade.to_owned(),
            score,
            remarks: row.get("remarks").to_owned(),
        });
    }
    if rows.is_empty() {
        diagnostics.push(
            Diagnostic::new(&source.shown, messages::annual_no_results()).at_line(header_line + 1),
        );
    }
    Error::check(
        diagnostics,
        |n| messages::bad_rows(source.shown.display(), n),
        &messages::rows_hint(),
    )?;
    Ok((results, ignored_columns))
}

/// What an import did or, with `dry_run`, would do.
#[derive(Debug, Default)]
pub struct AnnualImport {
    pub changes: Changes,
    pub entry: Option<Entry>,
    /// Headers of the file's columns that the import does not use.
    pub ignored_columns: Vec<String>,
}

/// Imports annual-assessment results; results that differ from stored ones need `replace`.
pub fn import(
    campaign: &mut Campaign,
    ctx: &Context,
    source: &Source,
    options: ImportOptions,
) -> anyhow::Result<AnnualImport> {
    let (incoming, ignored_columns) = read_file(source, &campaign.settings, &campaign.register()?)?;
    let stored = AnnualResults::load(campaign)?;
    let changes = Changes::classify(
        incoming.iter().map(|r| (r.unit.clone(), r.clone())),
        |unit| stored.get(unit).cloned(),
    );
    changes.check_replace(options, &messages::annual_results())?;
    if changes.is_empty() || options.dry_run {
        return Ok(AnnualImport {
            changes,
            entry: None,
            ignored_columns,
        });
    }
    let mut merged: HashMap<String, AnnualResult> = stored
        .results
        .into_iter()
        .map(|r| (r.unit.clone(), r))
        .collect();
    merged.extend(incoming.into_iter().map(|r| (r.unit.clone(), r)));
    let mut results: Vec<AnnualResult> = merged.into_values().collect();
    results.sort_by(|a, b| a.unit.cmp(&b.unit));
    let summary = crate::messages::both(|| {
        messages::annual_imported(
            &source.encoding.label(),
            &changes.summary(&campaign.store, ANNUAL_FILE),
        )
    });
    let mut tx = Transaction::new(&mut campaign.store, ctx);
    tx.write_table(&results);
    tx.add_input(&source.path, &source.sha256);
    let entry = tx.commit(summary)?;
    Ok(AnnualImport {
        changes,
        entry: Some(entry),
        ignored_columns,
    })
}

#[cfg(test)]
mod tests {

    use super::*;
    use crate::import::fuzz;

    proptest::proptest! {
        #![proptest_config(fuzz::config())]

        #[test]
        fn any_annual_assessment_file_is_read_or_refused_with_its_reason(
            bytes in fuzz::hostile(fuzz::ANNUAL)
        ) {
            fuzz::read_or_refuse("annual.csv", &bytes, |s| {
                read_file(s, &fuzz::SETTINGS, &fuzz::REGISTER)
            });
        }
    }

    #[test]
    fn a_ten_megabyte_line_is_read_or_refused() {
        let text = format!(
            "unit_code,year,grade,score,remarks\nC01,2026,优秀,90,{}\n",
            fuzz::long_line("", "很好")
        );
        fuzz::read_or_refuse("annual.csv", text.as_bytes(), |s| {
            read_file(s, &fuzz::SETTINGS, &fuzz::REGISTER)
        });
    }
}
