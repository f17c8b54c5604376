//! `banzi reopen`: reopen a unit's step for correction.

use clap::Args;

use super::Env;
use crate::steps::Step;

/// The per-unit steps, by their commands, as clap offers and checks them.
fn unit_step() -> impl clap::builder::TypedValueParser<Value = Step> {
    use clap::builder::TypedValueParser as _;
    clap::builder::PossibleValuesParser::new(Step::per_unit().map(|d| d.command))
        .map(|command| Step::from_key(&command).expect("offered from the step table"))
}

#[derive(Debug, Args)]
pub struct ReopenArgs {
    #[arg(value_parser = unit_step())]
    step: Step,
    #[arg(long)]
    unit: String,
    #[arg(long)]
    reason: String,
}

pub fn run(env: &Env, args: ReopenArgs) -> anyhow::Result<()> {
    let step = args.step;
    let (mut campaign, ctx) = env.write()?;
    let entry = crate::reopen::reopen(&mut campaign, &ctx, step, &args.unit, &args.reason)?;
    if env.ui.json {
        env.ui.json(&entry.to_json())?;
    }
    env.ui.committed(&entry);
    env.ui.status(&crate::messages::reopen::next(
        &step.submit_command(&args.unit),
    ));
    Ok(())
}
