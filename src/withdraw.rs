//! Withdrawal (退出参评): a unit that takes no further part, with the reason, e.g. a merger.

use serde::{Deserialize, Serialize};

use crate::campaign::Campaign;
use crate::context::Context;
use crate::error::Error;
use crate::journal::{Entry, Reason};
use crate::store::{Table, Transaction};

pub use crate::steps::WITHDRAWALS_FILE;

/// A unit's withdrawal, attributed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Withdrawal {
    pub unit: String,
    pub reason: String,
    pub operator: String,
    pub time: String,
    pub seq: u64,
}

impl Table for Withdrawal {
    const PATH: &'static str = WITHDRAWALS_FILE;
}

/// Every withdrawal so far, in the order they were made.
pub fn load(campaign: &Campaign) -> anyhow::Result<Vec<Withdrawal>> {
    campaign.store.read_table()
}

/// Withdraws `unit` with a reason; its records stay.
pub fn withdraw(
    campaign: &mut Campaign,
    ctx: &Context,
    unit: &str,
    reason: &str,
) -> anyhow::Result<Entry> {
    campaign.register()?.require(unit)?;
    let reason = Reason::new(reason, "a withdrawal")?;
    let mut list = load(campaign)?;
    if let Some(done) = list.iter().find(|w| w.unit == unit) {
        return Err(Error::invalid(format!(
            "unit `{unit}` was already withdrawn by {} in entry #{}: {}",
            done.operator, done.seq, done.reason
        ))
        .into());
    }
    let mut tx = Transaction::new(&mut campaign.store, ctx);
    let by = tx.attribution();
    list.push(Withdrawal {
        unit: unit.to_owned(),
        reason: reason.to_string(),
        operator: by.operator.clone(),
        time: by.time.clone(),
        seq: by.seq,
    });
    tx.set_reason(&reason);
    tx.write_table(&list);
    tx.commit(&format!("{unit} withdrawn from the campaign"))
}
