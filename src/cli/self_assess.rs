//! `banzi self-assess`: step 2, the units' self-assessment reports (自评报告).

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::Env;
use crate::error::Error;
use crate::messages::self_assess as say;
use crate::steps::Step;

#[derive(Debug, Args)]
pub struct SelfAssessArgs {
    #[command(subcommand)]
    command: SelfAssessCommand,
}

#[derive(Debug, Subcommand)]
enum SelfAssessCommand {
    Template(super::TemplateArgs),
    Submit { unit: String, file: PathBuf },
    Import { folder: PathBuf },
    Report { unit: String },
}

pub fn run(env: &Env, args: SelfAssessArgs) -> anyhow::Result<()> {
    match args.command {
        SelfAssessCommand::Template(super::TemplateArgs { unit, xlsx, out }) => {
            template(env, &unit, xlsx, out)
        }
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
        Error::step_order(crate::messages::plan::no_plan_yet(code))
            .with_hint(say::first_submit_plan(&Step::Plan.submit_command(code)))
            .into()
    })
}

fn template(env: &Env, code: &str, xlsx: bool, out: Option<PathBuf>) -> anyhow::Result<()> {
    let campaign = env.read()?;
    let register = campaign.register()?;
    let unit = register.require(code)?;
    let plan = require_plan(&campaign, code)?;
    let earlier = crate::self_assess::load(&campaign, &plan).ok().flatten();
    if xlsx {
        let form = crate::forms::self_assessment_form(
            &plan,
            &campaign.settings,
            &unit.name,
            earlier.as_ref(),
        )?;
        return super::plan::write_form(env, Step::SelfAssess, code, out, &form);
    }
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
    let submitted = super::submissions(env, Step::SelfAssess, one, folder)?;
    let (mut campaign, ctx) = env.write()?;
    let outcome = submitted.placed(crate::self_assess::submit(
        &mut campaign,
        &ctx,
        &submitted.list,
    ))?;
    super::print_outcome(env, Step::SelfAssess, &outcome)
}

fn report(env: &Env, code: &str) -> anyhow::Result<()> {
    let campaign = env.read()?;
    let register = campaign.register()?;
    let unit = register.require(code)?;
    let plan = require_plan(&campaign, code)?;
    let Some(assessment) = crate::self_assess::load(&campaign, &plan)? else {
        return Err(Error::step_order(say::no_self_assessment_yet(code))
            .with_hint(say::no_self_assessment_yet_hint(code))
            .into());
    };
    let row = campaign
        .store
        .index()
        .get(&Step::SelfAssess.record_path(code))
        .expect("a loaded self-assessment is in the index");
    if row.state != Some(crate::steps::State::Done) {
        env.ui.status(&say::not_current(
            &row.state.map_or_else(String::new, super::plan::state),
            &row.note,
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
