//! `banzi withdraw` and `banzi veto`: rulings on a unit's part in the campaign, and their
//! revocation.

use clap::Args;

use super::Env;
use crate::rulings::{Kind, Veto, Withdrawal};

#[derive(Debug, Args)]
pub struct WithdrawArgs {
    unit: String,
    #[arg(long)]
    reason: String,
    #[arg(long)]
    revoke: bool,
}

#[derive(Debug, Args)]
pub struct VetoArgs {
    unit: String,
    #[arg(long)]
    reason: String,
    #[arg(long, conflicts_with = "revoke")]
    basis: Option<String>,
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
