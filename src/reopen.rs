//! Corrections: reopening a unit's step so it can be redone, marking what built on it stale.

use crate::campaign::Campaign;
use crate::context::Context;
use crate::error::Error;
use crate::journal::{Entry, Transaction};
use crate::steps::{State, Step};

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
    if reason.trim().is_empty() {
        return Err(Error::invalid("a reopening needs a reason")
            .with_hint("say why with `--reason \"…\"`; it is kept in the journal")
            .into());
    }
    let steps = campaign.store.index().steps_of(unit);
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
        State::Done => {}
    }
    let mut tx = Transaction::new(&mut campaign.store);
    tx.set_reason(reason.trim());
    tx.mark(
        unit,
        step,
        State::Stale,
        format!("reopened: {}", reason.trim()),
    );
    let mut stale = Vec::new();
    for dependent in step.dependents() {
        if steps.get(dependent) == State::Done {
            tx.mark(
                unit,
                dependent,
                State::Stale,
                format!("its {step} was reopened"),
            );
            stale.push(dependent.to_string());
        }
    }
    let mut summary = format!("{step} of {unit} reopened");
    if !stale.is_empty() {
        summary.push_str(&format!("; now stale: {}", stale.join(", ")));
    }
    tx.commit(ctx, &summary)
}
