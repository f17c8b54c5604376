//! `banzi plan`: step 1, the units' work plans (制定方案).

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::Env;
use super::output::{cell, table};
use crate::error::Error;
use crate::steps::Step;

/// Step 1: each unit's work plan (制定方案) with measurable indicators
#[derive(Debug, Args)]
pub struct PlanArgs {
    #[command(subcommand)]
    command: PlanCommand,
}

#[derive(Debug, Subcommand)]
enum PlanCommand {
    /// Print a commented plan template for a unit, to fill in and submit
    Template {
        /// The unit's code
        unit: String,
    },
    /// Validate and store a unit's plan; a plan can be replaced until it is self-assessed
    Submit {
        /// The unit's code; the file's `unit` key must match it
        unit: String,
        /// The plan, a TOML file (`banzi plan template UNIT` prints one)
        file: PathBuf,
    },
    /// Validate and store every plan in a folder (*.toml, the unit from each file's `unit` key);
    /// one bad file stores none
    Import {
        /// The folder
        folder: PathBuf,
    },
    /// Show a unit's stored plan
    Show {
        /// The unit's code
        unit: String,
        /// Print the stored TOML record as submitted, e.g. to edit and resubmit it
        #[arg(long)]
        toml: bool,
    },
}

pub fn run(env: &Env, args: PlanArgs) -> anyhow::Result<()> {
    match args.command {
        PlanCommand::Template { unit } => {
            let campaign = env.read()?;
            let register = campaign.register()?;
            let unit = register.require(&unit)?;
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
    let submissions = super::submissions(env, one, folder)?;
    let (mut campaign, ctx) = env.write()?;
    let outcome = crate::plan::submit(&mut campaign, &ctx, &submissions)?;
    super::print_outcome(env, Step::Plan, &outcome)
}

fn show(env: &Env, code: &str, as_toml: bool) -> anyhow::Result<()> {
    let campaign = env.read()?;
    let register = campaign.register()?;
    let unit = register.require(code)?;
    let Some(plan) = crate::plan::load(&campaign, code)? else {
        return Err(Error::step_order(format!("unit `{code}` has no plan yet"))
            .with_hint(format!(
                "`banzi plan template {code}` prints one to fill in"
            ))
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
    env.ui.data(&format!(
        "{}（{}）工作方案{}\n状态: {}（日志第 {} 条）",
        cell(&unit.name),
        unit.code,
        plan.title
            .as_deref()
            .map(|t| format!(": {}", cell(t)))
            .unwrap_or_default(),
        row.state.map_or("", crate::steps::State::key),
        row.seq
    ));
    let mut t = table(&[
        "编号",
        "评价内容",
        "工作目标",
        "目标值",
        "责任人",
        "完成时限",
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
