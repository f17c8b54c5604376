//! `banzi reopen`: reopen a unit's step, or an open or closed public notice, for correction.

use clap::Args;

use super::Env;
use crate::error::{Error, Kind};
use crate::steps::Step;

/// The steps that can be reopened, by their commands, as clap offers and checks them: the
/// per-unit steps, and the campaign steps done in two acts.
fn reopenable() -> impl clap::builder::TypedValueParser<Value = Step> {
    use clap::builder::TypedValueParser as _;
    clap::builder::PossibleValuesParser::new(
        Step::per_unit().chain(Step::opened()).map(|d| d.command),
    )
    .map(|command| Step::from_key(&command).expect("offered from the step table"))
}

#[derive(Debug, Args)]
pub struct ReopenArgs {
    #[arg(value_parser = reopenable())]
    step: Step,
    #[arg(long)]
    unit: Option<String>,
    #[arg(long)]
    reason: String,
}

pub fn run(env: &Env, args: ReopenArgs) -> anyhow::Result<()> {
    use crate::messages::reopen as say;
    let step = args.step;
    let unit = match (step.is_per_unit(), args.unit) {
        (true, Some(unit)) => Some(unit),
        (false, None) => None,
        (true, None) => {
            return Err(Error::new(Kind::Usage, say::needs_unit(step.def().command)).into());
        }
        (false, Some(_)) => {
            return Err(Error::new(Kind::Usage, say::no_unit(step.def().command)).into());
        }
    };
    let (mut campaign, ctx) = env.write()?;
    let entry = match &unit {
        Some(unit) => crate::reopen::reopen(&mut campaign, &ctx, step, unit, &args.reason)?,
        None => crate::publicize::reopen(&mut campaign, &ctx, &args.reason)?,
    };
    if env.ui.json {
        env.ui.json(&entry.to_json())?;
    }
    env.ui.committed(&entry);
    env.ui.status(&say::next(
        &step.submit_command(unit.as_deref().unwrap_or_default()),
    ));
    Ok(())
}
