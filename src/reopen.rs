//! Corrections: reopening a unit's step so it can be redone, marking what built on it stale.

use crate::campaign::Campaign;
use crate::context::Context;
use crate::error::Error;
use crate::journal::{Entry, Reason};
use crate::messages::{both, reopen as words};
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
    let reason = Reason::new(reason, &words::a_reopening())?;
    let steps = campaign.steps_of(unit);
    match steps.get(step) {
        State::Missing => {
            return Err(Error::step_order(words::nothing_to_reopen(
                unit,
                &crate::messages::steps::noun(step),
            ))
            .with_hint(words::submit_one(&step.submit_command(unit)))
            .into());
        }
        State::Stale => {
            return Err(Error::step_order(words::already_open(
                &crate::messages::steps::noun(step),
                unit,
            ))
            .with_hint(words::submit_corrected(&step.submit_command(unit)))
            .into());
        }
        State::Done | State::Partial => {}
    }
    let index = campaign.store.index();
    let mut marks: Vec<(String, String)> = Vec::new();
    let mut stale: Vec<Step> = Vec::new();
    // The notes are kept in `index.csv`, a record: in English always.
    let noun = step.def().noun;
    for (which, note) in std::iter::once((step, format!("reopened: {reason}"))).chain(
        step.dependents()
            .into_iter()
            .map(|d| (d, format!("its {noun} was reopened"))),
    ) {
        let done: Vec<String> = index
            .records_of(unit, which)
            .filter(|row| row.state == Some(State::Done))
            .map(|row| row.path.clone())
            .collect();
        if which != step && !done.is_empty() {
            stale.push(which);
        }
        marks.extend(done.into_iter().map(|path| (path, note.clone())));
    }
    let mut tx = Transaction::new(&mut campaign.store, ctx);
    tx.set_reason(&reason);
    for (path, note) in marks {
        tx.mark(&path, State::Stale, note);
    }
    tx.commit(both(|| {
        let mut summary = words::reopened(&crate::messages::steps::noun(step), unit);
        if !stale.is_empty() {
            let steps: Vec<String> = stale
                .iter()
                .map(|s| crate::messages::steps::noun(*s))
                .collect();
            summary.push_str(&words::now_stale(&steps.join(&words::separator())));
        }
        summary
    }))
}
