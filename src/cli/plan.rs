//! `banzi plan`: step 1, the units' work plans (制定方案).

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::Env;
use super::output::{cell, table};
use crate::error::Error;
use crate::messages::plan as say;
use crate::steps::Step;

#[derive(Debug, Args)]
pub struct PlanArgs {
    #[command(subcommand)]
    command: PlanCommand,
}

#[derive(Debug, Subcommand)]
enum PlanCommand {
    Template(super::TemplateArgs),
    Submit {
        unit: String,
        file: PathBuf,
    },
    Import {
        folder: PathBuf,
    },
    Show {
        unit: String,
        #[arg(long)]
        toml: bool,
    },
}

pub fn run(env: &Env, args: PlanArgs) -> anyhow::Result<()> {
    match args.command {
        PlanCommand::Template(super::TemplateArgs { unit, xlsx, out }) => {
            let campaign = env.read()?;
            let register = campaign.register()?;
            let unit = register.require(&unit)?;
            if xlsx {
                // A stored plan fills the form, to be corrected; else it starts as the template.
                let stored = crate::plan::load(&campaign, &unit.code).ok().flatten();
                let form = crate::forms::plan_form(unit, &campaign.settings, stored.as_ref())?;
                return write_form(env, Step::Plan, &unit.code, out, &form);
            }
            env.ui
                .data(crate::plan::template(unit, &campaign.settings).trim_end());
            Ok(())
        }
        PlanCommand::Submit { unit, file } => submit(env, Some((unit, file)), None),
        PlanCommand::Import { folder } => submit(env, None, Some(folder)),
        PlanCommand::Show { unit, toml } => show(env, &unit, toml),
    }
}

fn submit(
    env: &Env,
    one: Option<(String, PathBuf)>,
    folder: Option<PathBuf>,
) -> anyhow::Result<()> {
    let submitted = super::submissions(env, Step::Plan, one, folder)?;
    let (mut campaign, ctx) = env.write()?;
    let outcome = submitted.placed(crate::plan::submit(&mut campaign, &ctx, &submitted.list))?;
    super::print_outcome(env, Step::Plan, &outcome)
}

/// Writes the form of `step` for `unit` to `out`, or to its own name in the current directory,
/// never over a file; says where, and how to submit it.
pub(super) fn write_form(
    env: &Env,
    step: Step,
    unit: &str,
    out: Option<PathBuf>,
    form: &[u8],
) -> anyhow::Result<()> {
    let path = out.unwrap_or_else(|| PathBuf::from(crate::forms::file_name(step, unit)));
    crate::forms::save(&path, form)?;
    let shown = path.display().to_string();
    if env.ui.json {
        env.ui.json(&serde_json::json!({ "path": shown }))?;
    }
    let command = step.submit_command(unit).replace("FILE", &shown);
    env.ui.done(&crate::messages::forms::form_written(
        &crate::messages::steps::noun(step),
        unit,
        &shown,
        &command,
    ));
    Ok(())
}

fn show(env: &Env, code: &str, as_toml: bool) -> anyhow::Result<()> {
    let campaign = env.read()?;
    let register = campaign.register()?;
    let unit = register.require(code)?;
    let Some(plan) = crate::plan::load(&campaign, code)? else {
        return Err(Error::step_order(say::no_plan_yet(code))
            .with_hint(say::no_plan_yet_hint(code))
            .into());
    };
    let path = Step::Plan.record_path(code);
    let row = campaign
        .store
        .index()
        .get(&path)
        .expect("a loaded plan is in the index");
    if as_toml {
        env.ui.data(campaign.store.read_record(&path)?.trim_end());
        return Ok(());
    }
    if env.ui.json {
        return env.ui.json(&serde_json::json!({
            "unit": code,
            "state": row.state,
            "seq": row.seq,
            "title": plan.title,
            "indicators": plan.indicators.iter().map(|i| serde_json::json!({
                "id": i.id,
                "criterion": i.criterion,
                "goal": i.goal,
                "target": i.target,
                "owner": i.owner,
                "due": i.due.map(|d| d.to_string()),
                "note": i.note,
            })).collect::<Vec<_>>(),
        }));
    }
    let title = plan
        .title
        .as_deref()
        .map(|t| say::heading_title(&cell(t)))
        .unwrap_or_default();
    env.ui.data(&format!(
        "{}\n{}",
        say::heading(&cell(&unit.name), &unit.code, &title),
        say::state_line(
            &row.state.map_or_else(String::new, state),
            &crate::journal::cite(row.seq)
        )
    ));
    let mut t = table(&[
        &say::header_id(),
        &say::header_criterion(),
        &say::header_goal(),
        &say::header_target(),
        &say::header_owner(),
        &say::header_due(),
    ]);
    for i in &plan.indicators {
        let criterion = campaign
            .settings
            .criterion(&i.criterion)
            .map_or(i.criterion.as_str(), |c| c.name.as_str());
        t.add_row([
            i.id.clone(),
            criterion.to_owned(),
            cell(&i.goal),
            cell(&i.target),
            cell(&i.owner),
            i.due.map(|d| d.to_string()).unwrap_or_default(),
        ]);
    }
    env.ui.data(&t.to_string());
    Ok(())
}

/// The state of a unit's record, as people read it.
pub(super) fn state(state: crate::steps::State) -> String {
    use crate::steps::State;
    match state {
        State::Missing => say::state_missing(),
        State::Done => say::state_done(),
        State::Stale => say::state_stale(),
        State::Partial => say::state_partial(),
    }
}
