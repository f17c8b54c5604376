//! Withdrawal (退出参评): a unit that takes no further part, with the reason, e.g. a merger.

use serde::{Deserialize, Serialize};

use crate::campaign::Campaign;
use crate::context::Context;
use crate::error::Error;
use crate::journal::Entry;
use crate::store::Transaction;

pub const WITHDRAWALS_FILE: &str = "withdrawals.csv";

/// A unit's withdrawal, attributed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Withdrawal {
    pub unit: String,
    pub reason: String,
    pub operator: String,
    pub time: String,
    pub seq: u64,
}

/// Every withdrawal so far, in the order they were made.
pub fn load(campaign: &Campaign) -> anyhow::Result<Vec<Withdrawal>> {
    campaign.store.read_csv_record(WITHDRAWALS_FILE)
}

/// Withdraws `unit` with a reason; its records stay.
pub fn withdraw(
    campaign: &mut Campaign,
    ctx: &Context,
    unit: &str,
    reason: &str,
) -> anyhow::Result<Entry> {
    campaign.register()?.require(unit)?;
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(Error::invalid("a withdrawal needs a reason")
            .with_hint("say why with `--reason \"…\"`; it is kept in the journal")
            .into());
    }
    let mut list = load(campaign)?;
    if let Some(done) = list.iter().find(|w| w.unit == unit) {
        return Err(Error::invalid(format!(
            "unit `{unit}` was already withdrawn by {} in entry #{}: {}",
            done.operator, done.seq, done.reason
        ))
        .into());
    }
    list.push(Withdrawal {
        unit: unit.to_owned(),
        reason: reason.to_owned(),
        operator: ctx.operator.clone(),
        time: ctx.now.to_rfc3339_opts(chrono::SecondsFormat::Secs, false),
        seq: campaign.store.next_seq(),
    });
    let mut tx = Transaction::new(&mut campaign.store);
    tx.set_reason(reason);
    tx.write(WITHDRAWALS_FILE, crate::store::csv_bytes(&list));
    tx.commit(ctx, &format!("{unit} withdrawn from the campaign"))
}
