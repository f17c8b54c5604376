//! `banzi inspectors`: the inspection teams' register.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::Env;
use super::output::{cell, table};
use crate::inspect::inspectors::Inspectors;
use crate::messages::inspect as words;

#[derive(Debug, Args)]
pub struct InspectorsArgs {
    #[command(subcommand)]
    command: InspectorsCommand,
}

#[derive(Debug, Subcommand)]
enum InspectorsCommand {
    Import {
        file: PathBuf,
        #[arg(long, value_name = "NAME")]
        sheet: Option<String>,
    },
    List,
}

pub fn run(env: &Env, args: InspectorsArgs) -> anyhow::Result<()> {
    match args.command {
        InspectorsCommand::Import { file, sheet } => {
            let source = super::read_sheet(&file, sheet.as_deref())?;
            let (mut campaign, ctx) = env.write()?;
            let crate::inspect::inspectors::InspectorsImport {
                inspectors,
                entry,
                ignored_columns,
            } = crate::inspect::inspectors::import(&mut campaign, &ctx, &source)?;
            super::warn_ignored_columns(env, &file, &ignored_columns);
            if env.ui.json {
                env.ui.json(&serde_json::json!({
                    "inspectors": inspectors.list().len(),
                    "seq": entry.as_ref().map(|e| e.seq),
                }))?;
            }
            match entry {
                Some(entry) => env.ui.committed(&entry),
                None => env.ui.status(&words::register_no_change()),
            }
            Ok(())
        }
        InspectorsCommand::List => {
            let campaign = env.read()?;
            let inspectors = Inspectors::load(&campaign)?;
            if env.ui.json {
                return env.ui.json(&inspectors.list());
            }
            let mut t = table(&[&words::header_name(), &words::header_home_unit()]);
            for i in inspectors.list() {
                t.add_row([cell(&i.name), i.home_unit.clone()]);
            }
            env.ui.data(&t.to_string());
            env.ui
                .status(&words::inspectors_count(inspectors.list().len()));
            Ok(())
        }
    }
}
