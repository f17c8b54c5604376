//! `banzi withdraw`: a unit takes no further part in the campaign.

use clap::Args;

use super::Env;

/// Withdraw a unit from the campaign (退出参评) with the reason; its records are kept
#[derive(Debug, Args)]
pub struct WithdrawArgs {
    /// The unit's code
    unit: String,
    /// Why, for the journal and the preliminary list
    #[arg(long)]
    reason: String,
}

pub fn run(env: &Env, args: WithdrawArgs) -> anyhow::Result<()> {
    let (mut campaign, ctx) = env.write()?;
    let entry = crate::withdraw::withdraw(&mut campaign, &ctx, &args.unit, &args.reason)?;
    if env.ui.json {
        env.ui.json(&entry.to_json())?;
    }
    env.ui.committed(&entry);
    Ok(())
}
