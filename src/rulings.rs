//! Rulings on a unit's part in the campaign: its withdrawal (退出参评), its veto (一票否决) and its
//! disqualification for verified fraud or formalism (取消参评资格, with the accountability of the
//! persons responsible).
//! Each is a journaled decision with who made it, when, why and on what basis, and each can be
//! revoked with a reason; the record keeps both, so the history reads in the record too.

use std::marker::PhantomData;

use serde::{Deserialize, Serialize};

use crate::campaign::Campaign;
use crate::context::Context;
use crate::error::Error;
use crate::journal::{Entry, Reason};
use crate::messages::rulings as words;
use crate::store::{Table, Transaction};

/// What kind of ruling a table holds, and how it is named to people.
pub trait Kind {
    /// The table, from the step table.
    const PATH: &'static str;
    /// The command that makes one, for hints.
    const COMMAND: &'static str;
    /// `a withdrawal`, for messages.
    fn noun() -> String;
    /// `revoking a withdrawal`, for messages.
    fn revoking() -> String;
    /// The journal's summary of a ruling made on `unit`.
    fn done(unit: &str) -> String;
    /// The journal's summary of the ruling of entry `seq` on `unit` revoked.
    fn undone(unit: &str, seq: u64) -> String;
    /// The refusal of a second ruling while one is in force.
    fn already(unit: &str, operator: &str, seq: u64, reason: &str) -> String;
    /// The refusal of a revocation when there is nothing in force.
    fn not_in_force(unit: &str) -> String;
    /// The flag that gives what the ruling rests on.
    const BASIS_FLAG: &'static str = "--basis";
    /// The step a unit must have done before it can be ruled on, if any.
    const AFTER: Option<crate::steps::Step> = None;
}

/// A person held accountable (追究责任) and the action taken, as `NAME:ACTION`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Accountable {
    pub name: String,
    pub action: String,
}

impl Accountable {
    /// Reads `NAME:ACTION` (a full-width colon too), as typed after `--accountable`.
    pub fn parse(text: &str) -> Result<Accountable, Error> {
        let refuse =
            || Error::invalid(words::bad_accountable(text)).with_hint(words::accountable_hint());
        let (name, action) = text.split_once([':', '：']).ok_or_else(refuse)?;
        let (name, action) = (name.trim(), action.trim());
        if name.is_empty() || action.is_empty() || format!("{name}{action}").contains(SEPARATOR) {
            return Err(refuse());
        }
        Ok(Accountable {
            name: name.to_owned(),
            action: action.to_owned(),
        })
    }
}

/// Between persons held accountable in a table's cell.
const SEPARATOR: char = '；';

/// Persons held accountable as a table's cell keeps them: `张三:诫勉谈话；李四:通报批评`.
pub fn accountable_cell(persons: &[Accountable]) -> String {
    persons
        .iter()
        .map(|p| format!("{}:{}", p.name, p.action))
        .collect::<Vec<_>>()
        .join(&SEPARATOR.to_string())
}

/// One ruling on one unit, attributed, and its revocation if it was revoked.
#[derive(Debug, Serialize, Deserialize)]
#[serde(bound = "")]
pub struct Ruling<K: Kind> {
    pub unit: String,
    pub reason: String,
    /// The document or finding the ruling rests on; may be empty.
    #[serde(default)]
    pub basis: String,
    /// Persons held accountable, `NAME:ACTION` joined by `；` (a disqualification's).
    #[serde(default)]
    pub accountable: String,
    pub operator: String,
    pub time: String,
    pub seq: u64,
    #[serde(default)]
    pub revoked_reason: Option<String>,
    #[serde(default)]
    pub revoked_operator: Option<String>,
    #[serde(default)]
    pub revoked_time: Option<String>,
    #[serde(default)]
    pub revoked_seq: Option<u64>,
    #[serde(skip)]
    kind: PhantomData<K>,
}

impl<K: Kind> Clone for Ruling<K> {
    fn clone(&self) -> Self {
        Ruling {
            unit: self.unit.clone(),
            reason: self.reason.clone(),
            basis: self.basis.clone(),
            accountable: self.accountable.clone(),
            operator: self.operator.clone(),
            time: self.time.clone(),
            seq: self.seq,
            revoked_reason: self.revoked_reason.clone(),
            revoked_operator: self.revoked_operator.clone(),
            revoked_time: self.revoked_time.clone(),
            revoked_seq: self.revoked_seq,
            kind: PhantomData,
        }
    }
}

impl<K: Kind> Table for Ruling<K> {
    const PATH: &'static str = K::PATH;
}

impl<K: Kind> Ruling<K> {
    pub fn in_force(&self) -> bool {
        self.revoked_seq.is_none()
    }

    /// The ruling as `show --json` and `status --json` give it.
    pub fn to_json(&self) -> serde_json::Value {
        RulingNote::of(self).to_json()
    }
}

/// A withdrawal or veto as a list keeps it: why, on what basis, by whom, when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RulingNote {
    pub reason: String,
    #[serde(default)]
    pub basis: String,
    /// Persons held accountable, as the ruling's table keeps them.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub accountable: String,
    pub operator: String,
    pub time: String,
    pub seq: u64,
}

impl RulingNote {
    pub fn of<K: Kind>(ruling: &Ruling<K>) -> RulingNote {
        RulingNote {
            reason: ruling.reason.clone(),
            basis: ruling.basis.clone(),
            accountable: ruling.accountable.clone(),
            operator: ruling.operator.clone(),
            time: ruling.time.clone(),
            seq: ruling.seq,
        }
    }

    /// Who decided, when, in which entry, and on what basis, in Chinese, as documents and
    /// `--json` give it.
    pub fn attributed(&self) -> String {
        crate::messages::both(|| self.attributed_shown()).zh
    }

    /// Who decided, when, in which entry, and on what basis, in the language in force.
    pub fn attributed_shown(&self) -> String {
        let basis = if self.basis.is_empty() {
            String::new()
        } else {
            words::basis(&self.basis)
        };
        words::attributed(
            &self.operator,
            &crate::figures::short_time(&self.time),
            self.seq,
            &basis,
        )
    }

    /// As `shortlist show --json` gives it.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "reason": self.reason,
            "basis": (!self.basis.is_empty()).then_some(&self.basis),
            "accountable": (!self.accountable.is_empty()).then_some(&self.accountable),
            "operator": self.operator,
            "time": self.time,
            "seq": self.seq,
        })
    }
}

/// Every ruling of kind `K`, in force or revoked, in the order they were made.
pub fn all<K: Kind>(campaign: &Campaign) -> anyhow::Result<Vec<Ruling<K>>> {
    campaign.store.read_table()
}

/// The ruling of kind `K` in force on each unit that has one.
pub fn in_force<K: Kind>(campaign: &Campaign) -> anyhow::Result<Vec<Ruling<K>>> {
    Ok(all(campaign)?
        .into_iter()
        .filter(Ruling::in_force)
        .collect())
}

/// Makes a ruling of kind `K` on `unit`, holding `accountable` persons to account; refused
/// while one is in force.
pub fn make<K: Kind>(
    campaign: &mut Campaign,
    ctx: &Context,
    unit: &str,
    reason: &str,
    basis: Option<&str>,
    accountable: &[Accountable],
) -> anyhow::Result<Entry> {
    campaign.register()?.require(unit)?;
    if let Some(after) = K::AFTER
        && campaign.steps_of(unit).get(after) == crate::steps::State::Missing
    {
        return Err(Error::step_order(words::needs_step(
            &K::noun(),
            unit,
            &crate::messages::steps::noun(after),
        ))
        .with_hint(crate::messages::steps::needs_hint(
            &after.submit_command(unit),
        ))
        .into());
    }
    let reason = Reason::new(reason, &K::noun())?;
    let basis = basis
        .map(|b| crate::journal::text_of(K::BASIS_FLAG, b, &words::basis_of(&K::noun())))
        .transpose()?;
    let mut list: Vec<Ruling<K>> = all(campaign)?;
    if let Some(done) = list.iter().find(|r| r.unit == unit && r.in_force()) {
        return Err(
            Error::invalid(K::already(unit, &done.operator, done.seq, &done.reason))
                .with_hint(words::revoke_first(K::COMMAND, unit))
                .into(),
        );
    }
    let mut tx = Transaction::new(&mut campaign.store, ctx);
    let by = tx.attribution();
    list.push(Ruling {
        unit: unit.to_owned(),
        reason: reason.to_string(),
        basis: basis.unwrap_or_default(),
        accountable: accountable_cell(accountable),
        operator: by.operator.clone(),
        time: by.time.clone(),
        seq: by.seq,
        revoked_reason: None,
        revoked_operator: None,
        revoked_time: None,
        revoked_seq: None,
        kind: PhantomData,
    });
    tx.set_reason(&reason);
    tx.write_table(&list);
    tx.commit(crate::messages::both(|| K::done(unit)))
}

/// Revokes the ruling of kind `K` in force on `unit`, with a reason; the ruling stays in the
/// record beside its revocation.
pub fn revoke<K: Kind>(
    campaign: &mut Campaign,
    ctx: &Context,
    unit: &str,
    reason: &str,
) -> anyhow::Result<Entry> {
    campaign.register()?.require(unit)?;
    let reason = Reason::new(reason, &K::revoking())?;
    let mut list: Vec<Ruling<K>> = all(campaign)?;
    let Some(ruling) = list.iter_mut().find(|r| r.unit == unit && r.in_force()) else {
        return Err(Error::invalid(K::not_in_force(unit))
            .with_hint(words::standing_hint())
            .into());
    };
    let mut tx = Transaction::new(&mut campaign.store, ctx);
    let by = tx.attribution();
    ruling.revoked_reason = Some(reason.to_string());
    ruling.revoked_operator = Some(by.operator.clone());
    ruling.revoked_time = Some(by.time.clone());
    ruling.revoked_seq = Some(by.seq);
    let made = ruling.seq;
    tx.set_reason(&reason);
    tx.write_table(&list);
    tx.commit(crate::messages::both(|| K::undone(unit, made)))
}

/// A unit's withdrawal from the campaign (退出参评), e.g. after a merger; its records stay.
pub enum Withdrawal {}

impl Kind for Withdrawal {
    const PATH: &'static str = crate::steps::WITHDRAWALS_FILE;
    const COMMAND: &'static str = "banzi withdraw";
    fn noun() -> String {
        words::withdrawal_noun()
    }
    fn revoking() -> String {
        words::withdrawal_revoking()
    }
    fn done(unit: &str) -> String {
        words::withdrawn(unit)
    }
    fn undone(unit: &str, seq: u64) -> String {
        words::withdrawal_revoked(unit, seq)
    }
    fn already(unit: &str, operator: &str, seq: u64, reason: &str) -> String {
        words::already_withdrawn(unit, operator, seq, reason)
    }
    fn not_in_force(unit: &str) -> String {
        words::not_withdrawn(unit)
    }
}

/// A unit's veto (一票否决): out of the list whatever its figures, e.g. after a serious incident.
pub enum Veto {}

impl Kind for Veto {
    const PATH: &'static str = crate::steps::VETOES_FILE;
    const COMMAND: &'static str = "banzi veto";
    fn noun() -> String {
        words::veto_noun()
    }
    fn revoking() -> String {
        words::veto_revoking()
    }
    fn done(unit: &str) -> String {
        words::vetoed(unit)
    }
    fn undone(unit: &str, seq: u64) -> String {
        words::veto_revoked(unit, seq)
    }
    fn already(unit: &str, operator: &str, seq: u64, reason: &str) -> String {
        words::already_vetoed(unit, operator, seq, reason)
    }
    fn not_in_force(unit: &str) -> String {
        words::not_vetoed(unit)
    }
}

/// A unit's disqualification (取消参评资格) for fraud or formalism verified at any step after its
/// plan: out of every later list, with the evidence and the persons held accountable.
pub enum Disqualification {}

impl Kind for Disqualification {
    const PATH: &'static str = crate::steps::DISQUALIFICATIONS_FILE;
    const COMMAND: &'static str = "banzi disqualify";
    const AFTER: Option<crate::steps::Step> = Some(crate::steps::Step::Plan);
    const BASIS_FLAG: &'static str = "--evidence";
    fn noun() -> String {
        words::disqualification_noun()
    }
    fn revoking() -> String {
        words::disqualification_revoking()
    }
    fn done(unit: &str) -> String {
        words::disqualified(unit)
    }
    fn undone(unit: &str, seq: u64) -> String {
        words::disqualification_revoked(unit, seq)
    }
    fn already(unit: &str, operator: &str, seq: u64, reason: &str) -> String {
        words::already_disqualified(unit, operator, seq, reason)
    }
    fn not_in_force(unit: &str) -> String {
        words::not_disqualified(unit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accountability_reads_name_and_action_with_either_colon() {
        let read = Accountable::parse("张三:诫勉谈话").unwrap();
        assert_eq!(
            (read.name.as_str(), read.action.as_str()),
            ("张三", "诫勉谈话")
        );
        let read = Accountable::parse(" 李四 ： 通报批评 ").unwrap();
        assert_eq!(
            (read.name.as_str(), read.action.as_str()),
            ("李四", "通报批评")
        );
        for bad in ["张三", ":诫勉谈话", "张三:", "张三:诫勉；谈话"] {
            assert!(Accountable::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(
            accountable_cell(&[read.clone(), read]),
            "李四:通报批评；李四:通报批评"
        );
    }
}
