//! Submitting units' records of a step, one file or a whole folder at once, all or nothing.

use std::collections::HashSet;

use crate::campaign::Campaign;
use crate::context::Context;
use crate::error::{Diagnostic, Error, Kind};
use crate::import::Source;
use crate::journal::Entry;
use crate::messages::cli as say;
use crate::steps::{State, Step};
use crate::store::Transaction;
use crate::store::sha256_hex;

/// A file submitted for a unit.
#[derive(Debug)]
pub struct Submission {
    pub unit: String,
    pub source: Source,
}

/// What a submission changed.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Units whose record was stored or replaced.
    pub stored: Vec<String>,
    /// Units whose record was already stored with the same content.
    pub unchanged: Vec<String>,
    pub entry: Option<Entry>,
}

/// Reads the unit a file says it is for, so a folder of files can be submitted at once.
pub fn unit_of(source: &Source) -> Result<String, Error> {
    #[derive(serde::Deserialize)]
    struct UnitKey {
        unit: String,
    }
    let key: UnitKey = crate::import::parse_toml(source, &say::needs_unit_key())?;
    Ok(key.unit.trim().to_owned())
}

/// Validates every submission with `validate`, then stores them all in one journal entry;
/// one bad file stores none. A submission that says what the stored record, done, says is no
/// change: written alike, or, by `same`, written otherwise (a form read into TOML, a hand-written
/// TOML with its comments stored).
pub fn submit(
    campaign: &mut Campaign,
    ctx: &Context,
    step: Step,
    submissions: &[Submission],
    validate: impl Fn(&Campaign, &Submission) -> anyhow::Result<()>,
    same: impl Fn(&Campaign, &Submission) -> bool,
) -> anyhow::Result<Outcome> {
    let register = campaign.register()?;
    let mut failures: Vec<(&std::path::Path, Error)> = Vec::new();
    let mut seen = HashSet::new();
    let mut outcome = Outcome::default();
    let mut staged = Vec::new();
    for submission in submissions {
        let unit = submission.unit.as_str();
        let checked = (|| -> anyhow::Result<()> {
            register.require(unit)?;
            if !seen.insert(unit) {
                return Err(Error::invalid(say::second_file(
                    &submission.source.path.display().to_string(),
                    unit,
                ))
                .into());
            }
            Ok(())
        })()
        .and_then(|()| {
            // What is stored already, done, is no change, whatever locks the step now.
            if is_stored(campaign, step, submission)
                || (is_done(campaign, step, &submission.unit) && same(campaign, submission))
            {
                return Ok(false);
            }
            campaign.steps_of(unit).check_may_do(step, unit)?;
            validate(campaign, submission)?;
            Ok(true)
        });
        match checked {
            Ok(false) => outcome.unchanged.push(unit.to_owned()),
            Ok(true) => {
                outcome.stored.push(unit.to_owned());
                staged.push((
                    unit.to_owned(),
                    submission.source.text.clone().into_bytes(),
                    &submission.source,
                ));
            }
            Err(e) => match e.downcast::<Error>() {
                Ok(e) => failures.push((&submission.source.path, e)),
                Err(other) => return Err(other),
            },
        }
    }
    if !failures.is_empty() {
        return Err(combine(failures, submissions.len()).into());
    }
    if staged.is_empty() {
        return Ok(outcome);
    }
    let mut tx = Transaction::new(&mut campaign.store, ctx);
    for (unit, bytes, source) in staged {
        let path = step.record_path(&unit);
        tx.write_step(&unit, step, path, bytes);
        tx.add_input(&source.path, &source.sha256);
    }
    let stored = outcome.stored.as_slice();
    outcome.entry = Some(tx.commit(crate::messages::both(|| stored_summary(step, stored)))?);
    Ok(outcome)
}

/// The journal's summary of a submission that stored the records of `stored`.
fn stored_summary(step: Step, stored: &[String]) -> String {
    let noun = crate::messages::steps::noun(step);
    match (step, stored) {
        (Step::Plan, [one]) => say::plan_stored(one),
        (Step::Plan, many) => say::plans_stored(many.len()),
        (Step::SelfAssess, [one]) => say::self_assessment_stored(one),
        (Step::SelfAssess, many) => say::self_assessments_stored(many.len()),
        (Step::Inspect, [one]) => say::inspection_stored(one),
        (Step::Inspect, many) => say::inspections_stored(many.len()),
        (_, [one]) => say::record_stored(&noun, one),
        (_, many) => say::records_stored(&noun, many.len()),
    }
}

/// What people are told of the units whose record of `step` was already stored as submitted.
pub fn unchanged_message(step: Step, units: &str) -> String {
    match step {
        Step::Plan => say::plan_unchanged(units),
        Step::SelfAssess => say::self_assessment_unchanged(units),
        Step::Inspect => say::inspection_unchanged(units),
        _ => say::record_unchanged(&crate::messages::steps::noun(step), units),
    }
}

/// Whether the unit's record of `step` is already this submission, done.
fn is_stored(campaign: &Campaign, step: Step, submission: &Submission) -> bool {
    let path = step.record_path(&submission.unit);
    campaign.store.index().get(&path).is_some_and(|row| {
        row.sha256 == sha256_hex(submission.source.text.as_bytes())
            && row.state == Some(State::Done)
    })
}

/// Whether the unit's record of `step` is stored and done.
fn is_done(campaign: &Campaign, step: Step, unit: &str) -> bool {
    let path = step.record_path(unit);
    campaign
        .store
        .index()
        .get(&path)
        .is_some_and(|row| row.state == Some(State::Done))
}

/// One error for a batch: its exit code is the most specific kind among the failures.
pub(crate) fn combine(mut failures: Vec<(&std::path::Path, Error)>, total: usize) -> Error {
    if failures.len() == 1 && total == 1 {
        return failures.remove(0).1;
    }
    let kind = if failures.iter().any(|(_, f)| f.kind == Kind::InvalidInput) {
        Kind::InvalidInput
    } else {
        failures[0].1.kind
    };
    let count = failures.len();
    let mut diagnostics = Vec::new();
    for (path, failure) in failures {
        if failure.diagnostics.is_empty() {
            diagnostics.push(Diagnostic::new(path, failure.message));
        } else {
            diagnostics.extend(failure.diagnostics);
        }
    }
    Error::new(kind, say::files_refused(count, total))
        .with_diagnostics(diagnostics)
        .with_hint(say::correct_and_submit_folder())
}

/// Reads a record and its parse from the store, by step and unit.
pub fn stored_source(
    campaign: &Campaign,
    step: Step,
    unit: &str,
) -> anyhow::Result<Option<Source>> {
    let path = step.record_path(unit);
    let Some(row) = campaign.store.index().get(&path) else {
        return Ok(None);
    };
    let text = campaign.store.read_record(&path)?;
    Ok(Some(Source::new(
        path,
        text,
        crate::import::Encoding::Utf8,
        row.sha256.clone(),
    )))
}
