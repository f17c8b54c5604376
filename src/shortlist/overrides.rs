//! Department decisions on top of the rules (`shortlist adjust`): attributed, journaled, and
//! shown beside the computed decision, never in place of it.

use super::rules::Decision;
use super::version::{self, Override};
use crate::campaign::Campaign;
use crate::context::Context;
use crate::error::Error;
use crate::journal::{Entry, Reason};
use crate::messages::shortlist as words;
use crate::store::Transaction;

pub use crate::steps::OVERRIDES_FILE;

/// What `adjust` asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Adjustment {
    Include,
    Exclude,
    Clear,
}

/// The overrides in force.
pub fn load(campaign: &Campaign) -> anyhow::Result<Vec<Override>> {
    campaign.store.read_table()
}

/// Records, replaces or clears the override of `unit`.
pub fn adjust(
    campaign: &mut Campaign,
    ctx: &Context,
    unit: &str,
    adjustment: Adjustment,
    reason: &str,
) -> anyhow::Result<Entry> {
    campaign.register()?.require(unit)?;
    let reason = Reason::new(reason, &words::adjustment_noun())?;
    if version::list(campaign)?.is_empty() {
        return Err(Error::step_order(words::nothing_to_adjust())
            .with_hint(words::nothing_to_adjust_hint())
            .into());
    }
    // Clearing is always allowed, so an adjustment made before a withdrawal or veto can go.
    let clearing = adjustment == Adjustment::Clear;
    if let Some(w) = crate::rulings::in_force::<crate::rulings::Withdrawal>(campaign)?
        .into_iter()
        .find(|w| w.unit == unit && !clearing)
    {
        return Err(Error::invalid(words::withdrawn_not_adjusted(unit, w.seq, &w.reason)).into());
    }
    if let Some(d) = crate::rulings::in_force::<crate::rulings::Disqualification>(campaign)?
        .into_iter()
        .find(|d| d.unit == unit && !clearing)
    {
        return Err(
            Error::invalid(words::disqualified_not_adjusted(unit, &d.reason, d.seq))
                .with_hint(crate::messages::rulings::revoke_first(
                    "banzi disqualify",
                    unit,
                ))
                .into(),
        );
    }
    if let Some(veto) = crate::rulings::in_force::<crate::rulings::Veto>(campaign)?
        .into_iter()
        .find(|v| v.unit == unit && !clearing)
    {
        return Err(
            Error::invalid(words::vetoed_not_adjusted(unit, &veto.reason, veto.seq))
                .with_hint(words::vetoed_not_adjusted_hint(unit))
                .into(),
        );
    }

    let mut overrides = load(campaign)?;
    let existing = overrides.iter().position(|o| o.unit == unit);
    let decision = match adjustment {
        Adjustment::Include => Some(Decision::Included),
        Adjustment::Exclude => Some(Decision::Excluded),
        Adjustment::Clear => None,
    };
    let mut tx = Transaction::new(&mut campaign.store, ctx);
    let by = tx.attribution().clone();
    let summary = match (decision, existing) {
        (None, None) => {
            return Err(Error::invalid(words::nothing_to_clear(unit)).into());
        }
        (None, Some(i)) => {
            let cleared = overrides.remove(i);
            Summary::Cleared(cleared)
        }
        (Some(decision), existing) => {
            if let Some(i) = existing {
                let old = &overrides[i];
                if old.decision == decision {
                    return Err(Error::invalid(words::already_adjusted(
                        unit,
                        &decision.shown(),
                        &old.operator,
                        old.seq,
                        &old.reason,
                    ))
                    .with_hint(words::already_adjusted_hint(unit))
                    .into());
                }
                overrides.remove(i);
            }
            overrides.push(Override {
                unit: unit.to_owned(),
                decision,
                reason: reason.to_string(),
                operator: by.operator,
                time: by.time,
                seq: by.seq,
            });
            overrides.sort_by(|a, b| a.unit.cmp(&b.unit));
            Summary::Adjusted(decision)
        }
    };
    tx.set_reason(&reason);
    tx.write_table(&overrides);
    tx.commit(crate::messages::both(|| match &summary {
        Summary::Cleared(cleared) => words::adjustment_cleared(
            unit,
            &cleared.decision.shown(),
            &cleared.operator,
            cleared.seq,
        ),
        Summary::Adjusted(decision) => words::adjusted(unit, &decision.shown()),
    }))
}

/// What an adjustment did, for the journal's summary.
enum Summary {
    Cleared(Override),
    Adjusted(Decision),
}
