//! `banzi reopen`: reopen a unit's step for correction.

use clap::Args;

use super::Env;
use crate::error::{Error, Kind};
use crate::steps::{STEPS, Step};

/// Reopen a unit's step for correction; what built on it becomes stale and must be redone.
/// Nothing is deleted.
#[derive(Debug, Args)]
pub struct ReopenArgs {
    /// The step: plan, self-assess or inspect
    step: String,
    /// The unit's code
    #[arg(long)]
    unit: String,
    /// Why, for the journal
    #[arg(long)]
    reason: String,
}

pub fn run(env: &Env, args: ReopenArgs) -> anyhow::Result<()> {
    let step = Step::from_key(&args.step).ok_or_else(|| {
        let steps: Vec<&str> = STEPS.iter().map(|d| d.command).collect();
        Error::new(Kind::Usage, format!("`{}` is not a step", args.step))
            .with_hint(format!("name one of: {}", steps.join(", ")))
    })?;
    let (mut campaign, ctx) = env.write()?;
    let entry = crate::reopen::reopen(&mut campaign, &ctx, step, &args.unit, &args.reason)?;
    if env.ui.json {
        env.ui.json(&entry.to_json())?;
    }
    env.ui.committed(&entry);
    env.ui
        .status(&format!("next: {}", step.submit_command(&args.unit)));
    Ok(())
}
