//! `banzi withdraw`, `banzi veto` and `banzi disqualify`: rulings on a unit's part in the
//! campaign, and their revocation.

use clap::Args;

use super::Env;
use crate::rulings::{Accountable, Disqualification, Kind, Veto, Withdrawal};

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

#[derive(Debug, Args)]
pub struct DisqualifyArgs {
    unit: String,
    #[arg(long)]
    reason: String,
    #[arg(long, required_unless_present = "revoke", conflicts_with = "revoke")]
    evidence: Option<String>,
    #[arg(long, value_name = "NAME:ACTION", conflicts_with = "revoke")]
    accountable: Vec<String>,
    #[arg(long)]
    revoke: bool,
}

pub fn withdraw(env: &Env, args: WithdrawArgs) -> anyhow::Result<()> {
    rule::<Withdrawal>(env, &args.unit, &args.reason, None, &[], args.revoke)
}

pub fn disqualify(env: &Env, args: DisqualifyArgs) -> anyhow::Result<()> {
    let accountable = args
        .accountable
        .iter()
        .map(|text| Accountable::parse(text))
        .collect::<Result<Vec<_>, _>>()?;
    let mut warnings = Vec::new();
    if !args.revoke {
        let campaign = env.read()?;
        let register = campaign.register()?;
        if let Some(unit) = register.get(&args.unit) {
            let heads: Vec<&str> = std::iter::once(unit.party_head.as_str())
                .chain(unit.government_head.as_deref())
                .collect();
            for person in accountable
                .iter()
                .filter(|p| !heads.contains(&p.name.as_str()))
            {
                warnings.push(crate::messages::rulings::not_a_head(
                    &person.name,
                    &unit.code,
                    &heads.join("、"),
                ));
            }
        }
    }
    rule::<Disqualification>(
        env,
        &args.unit,
        &args.reason,
        args.evidence.as_deref(),
        &accountable,
        args.revoke,
    )?;
    for warning in warnings {
        env.ui.warn(&warning);
    }
    Ok(())
}

pub fn veto(env: &Env, args: VetoArgs) -> anyhow::Result<()> {
    rule::<Veto>(
        env,
        &args.unit,
        &args.reason,
        args.basis.as_deref(),
        &[],
        args.revoke,
    )
}

fn rule<K: Kind>(
    env: &Env,
    unit: &str,
    reason: &str,
    basis: Option<&str>,
    accountable: &[Accountable],
    revoke: bool,
) -> anyhow::Result<()> {
    let (mut campaign, ctx) = env.write()?;
    let entry = if revoke {
        crate::rulings::revoke::<K>(&mut campaign, &ctx, unit, reason)?
    } else {
        crate::rulings::make::<K>(&mut campaign, &ctx, unit, reason, basis, accountable)?
    };
    if env.ui.json {
        env.ui.json(&entry.to_json())?;
    }
    env.ui.committed(&entry);
    Ok(())
}
