//! `banzi withdraw` and `banzi veto`: rulings on a unit's part in the campaign, and their
//! revocation.

use clap::Args;

use super::Env;
use crate::rulings::{Kind, Veto, Withdrawal};

/// Withdraw a unit from the campaign (退出参评) with the reason; its records are kept. With
/// --revoke, the unit takes part again
#[derive(Debug, Args)]
pub struct WithdrawArgs {
    /// The unit's code
    unit: String,
    /// Why, for the journal and the preliminary list
    #[arg(long)]
    reason: String,
    /// Revoke the withdrawal in force, with the reason
    #[arg(long)]
    revoke: bool,
}

/// Veto a unit (一票否决): it is kept off the preliminary list whatever its figures. With
/// --revoke, lift the veto in force
#[derive(Debug, Args)]
pub struct VetoArgs {
    /// The unit's code
    unit: String,
    /// Why, for the journal and the preliminary list
    #[arg(long)]
    reason: String,
    /// The document or finding the veto rests on, e.g. an accident report's number
    #[arg(long, conflicts_with = "revoke")]
    basis: Option<String>,
    /// Lift the veto in force, with the reason
    #[arg(long)]
    revoke: bool,
}

pub fn withdraw(env: &Env, args: WithdrawArgs) -> anyhow::Result<()> {
    rule::<Withdrawal>(env, &args.unit, &args.reason, None, args.revoke)
}

pub fn veto(env: &Env, args: VetoArgs) -> anyhow::Result<()> {
    rule::<Veto>(
        env,
        &args.unit,
        &args.reason,
        args.basis.as_deref(),
        args.revoke,
    )
}

fn rule<K: Kind>(
    env: &Env,
    unit: &str,
    reason: &str,
    basis: Option<&str>,
    revoke: bool,
) -> anyhow::Result<()> {
    let (mut campaign, ctx) = env.write()?;
    let entry = if revoke {
        crate::rulings::revoke::<K>(&mut campaign, &ctx, unit, reason)?
    } else {
        crate::rulings::make::<K>(&mut campaign, &ctx, unit, reason, basis)?
    };
    if env.ui.json {
        env.ui.json(&entry.to_json())?;
    }
    env.ui.committed(&entry);
    Ok(())
}
