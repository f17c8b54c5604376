//! Submitting units' records of a step, one file or a whole folder at once, all or nothing.

use std::collections::HashSet;

use crate::campaign::Campaign;
use crate::context::Context;
use crate::error::{Diagnostic, Error, Kind};
use crate::import::Source;
use crate::journal::Entry;
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
    let key: UnitKey =
        crate::import::parse_toml(source, "every file needs a `unit = \"CODE\"` key")?;
    Ok(key.unit.trim().to_owned())
}

/// Validates every submission with `validate`, then stores them all in one journal entry;
/// one bad file stores none.
pub fn submit(
    campaign: &mut Campaign,
    ctx: &Context,
    step: Step,
    submissions: &[Submission],
    validate: impl Fn(&Campaign, &Submission) -> anyhow::Result<()>,
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
                return Err(Error::invalid(format!(
                    "`{}` is a second file for unit `{unit}`",
                    submission.source.path.display()
                ))
                .into());
            }
            Ok(())
        })()
        .and_then(|()| {
            // What is stored already, done, is no change, whatever locks the step now.
            if is_stored(campaign, step, submission) {
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
    let summary = match outcome.stored.as_slice() {
        [one] => format!("{} of {one} stored", step.def().noun),
        many => format!("{}s of {} units stored", step.def().noun, many.len()),
    };
    outcome.entry = Some(tx.commit(crate::messages::both(|| summary.clone()))?);
    Ok(outcome)
}

/// Whether the unit's record of `step` is already this submission, done.
fn is_stored(campaign: &Campaign, step: Step, submission: &Submission) -> bool {
    let path = step.record_path(&submission.unit);
    campaign.store.index().get(&path).is_some_and(|row| {
        row.sha256 == sha256_hex(submission.source.text.as_bytes())
            && row.state == Some(State::Done)
    })
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
    Error::new(
        kind,
        format!("{count} of {total} files cannot be submitted; nothing was stored"),
    )
    .with_diagnostics(diagnostics)
    .with_hint("correct the files listed above and submit the folder again")
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
