//! Corrections: reopening a unit's step so it can be redone, marking what built on it stale.

use crate::campaign::Campaign;
use crate::context::Context;
use crate::error::Error;
use crate::journal::{Entry, Reason};
use crate::steps::{State, Step};
use crate::store::Transaction;

/// Reopens `step` for `unit` with a reason. The records stay; the step and every step built on
/// it that was done become stale and must be submitted again.
pub fn reopen(
    campaign: &mut Campaign,
    ctx: &Context,
    step: Step,
    unit: &str,
    reason: &str,
) -> anyhow::Result<Entry> {
    campaign.register()?.require(unit)?;
    let reason = Reason::new(reason, "a reopening")?;
    let steps = campaign.steps_of(unit);
    match steps.get(step) {
        State::Missing => {
            return Err(
                Error::step_order(format!("unit `{unit}` has no {step} to reopen"))
                    .with_hint(format!("submit one with `{}`", step.submit_command(unit)))
                    .into(),
            );
        }
        State::Stale => {
            return Err(Error::step_order(format!(
                "the {step} of unit `{unit}` is already open for correction"
            ))
            .with_hint(format!(
                "submit the corrected one with `{}`",
                step.submit_command(unit)
            ))
            .into());
        }
        State::Done | State::Partial => {}
    }
    let index = campaign.store.index();
    let mut marks: Vec<(String, String)> = Vec::new();
    let mut stale = Vec::new();
    for (which, note) in std::iter::once((step, format!("reopened: {reason}"))).chain(
        step.dependents()
            .into_iter()
            .map(|d| (d, format!("its {step} was reopened"))),
    ) {
        let done: Vec<String> = index
            .records_of(unit, which)
            .filter(|row| row.state == Some(State::Done))
            .map(|row| row.path.clone())
            .collect();
        if which != step && !done.is_empty() {
            stale.push(which.to_string());
        }
        marks.extend(done.into_iter().map(|path| (path, note.clone())));
    }
    let mut tx = Transaction::new(&mut campaign.store, ctx);
    tx.set_reason(&reason);
    for (path, note) in marks {
        tx.mark(&path, State::Stale, note);
    }
    let mut summary = format!("{step} of {unit} reopened");
    if !stale.is_empty() {
        summary.push_str(&format!("; now stale: {}", stale.join(", ")));
    }
    tx.commit(crate::messages::both(|| summary.clone()))
}
