//! `banzi self-assess`: step 2, the units' self-assessment reports (自评报告).

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::Env;
use crate::error::Error;
use crate::steps::Step;

/// Step 2: each unit checks its plan's indicators and rates itself (自评报告)
#[derive(Debug, Args)]
pub struct SelfAssessArgs {
    #[command(subcommand)]
    command: SelfAssessCommand,
}

#[derive(Debug, Subcommand)]
enum SelfAssessCommand {
    /// Print a self-assessment template pre-filled with the unit's plan indicators
    Template {
        /// The unit's code
        unit: String,
    },
    /// Validate and store a unit's self-assessment; the unit needs a plan
    Submit {
        /// The unit's code; the file's `unit` key must match it
        unit: String,
        /// The self-assessment, a TOML file
        file: PathBuf,
    },
    /// Validate and store every self-assessment in a folder; one bad file stores none
    Import {
        /// The folder
        folder: PathBuf,
    },
    /// Print the unit's self-assessment report (自评报告) as Markdown
    Report {
        /// The unit's code
        unit: String,
    },
}

pub fn run(env: &Env, args: SelfAssessArgs) -> anyhow::Result<()> {
    match args.command {
        SelfAssessCommand::Template { unit } => template(env, &unit),
        SelfAssessCommand::Submit { unit, file } => submit(env, Some((unit, file)), None),
        SelfAssessCommand::Import { folder } => submit(env, None, Some(folder)),
        SelfAssessCommand::Report { unit } => report(env, &unit),
    }
}

/// The unit's stored plan, which a template or a report is built on.
fn require_plan(
    campaign: &crate::campaign::Campaign,
    code: &str,
) -> anyhow::Result<crate::plan::Plan> {
    crate::plan::load(campaign, code)?.ok_or_else(|| {
        Error::step_order(format!("unit `{code}` has no plan yet"))
            .with_hint(format!("first run `{}`", Step::Plan.submit_command(code)))
            .into()
    })
}

fn template(env: &Env, code: &str) -> anyhow::Result<()> {
    let campaign = env.read()?;
    let register = campaign.register()?;
    let unit = register.require(code)?;
    let plan = require_plan(&campaign, code)?;
    let earlier = crate::self_assess::load(&campaign, &plan).ok().flatten();
    env.ui.data(
        crate::self_assess::template(&plan, &campaign.settings, &unit.name, earlier.as_ref())
            .trim_end(),
    );
    Ok(())
}

fn submit(
    env: &Env,
    one: Option<(String, PathBuf)>,
    folder: Option<PathBuf>,
) -> anyhow::Result<()> {
    let submissions = super::submissions(env, one, folder)?;
    let (mut campaign, ctx) = env.write()?;
    let outcome = crate::self_assess::submit(&mut campaign, &ctx, &submissions)?;
    super::print_outcome(env, Step::SelfAssess, &outcome)
}

fn report(env: &Env, code: &str) -> anyhow::Result<()> {
    let campaign = env.read()?;
    let register = campaign.register()?;
    let unit = register.require(code)?;
    let plan = require_plan(&campaign, code)?;
    let Some(assessment) = crate::self_assess::load(&campaign, &plan)? else {
        return Err(
            Error::step_order(format!("unit `{code}` has no self-assessment yet"))
                .with_hint(format!(
                    "submit one with `banzi self-assess submit {code} FILE`"
                ))
                .into(),
        );
    };
    let row = campaign
        .store
        .index()
        .get(&Step::SelfAssess.record_path(code))
        .expect("a loaded self-assessment is in the index");
    if row.state != Some(crate::steps::State::Done) {
        env.ui.status(&format!(
            "warning: this self-assessment is {} ({}); submit it again before it is used",
            row.state.map_or("", crate::steps::State::key),
            row.note
        ));
    }
    let text = crate::documents::self_assessment_report(
        &campaign.settings,
        unit,
        &plan,
        &assessment,
        row,
        &super::head(&campaign),
    );
    env.ui.data(text.trim_end());
    Ok(())
}
