//! `banzi inspectors`: the inspection teams' register.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::Env;
use super::output::{cell, table};
use crate::inspect::inspectors::Inspectors;

/// Import or list the inspectors (考察组成员) and the units they work in, for recusal (回避)
#[derive(Debug, Args)]
pub struct InspectorsArgs {
    #[command(subcommand)]
    command: InspectorsCommand,
}

#[derive(Debug, Subcommand)]
enum InspectorsCommand {
    /// Import the register, a CSV with name, home_unit (or 姓名, 所在单位); home_unit is a unit code
    /// or empty. It replaces the register; the same content again changes nothing
    Import {
        /// The CSV file
        file: PathBuf,
    },
    /// List the inspectors
    List,
}

pub fn run(env: &Env, args: InspectorsArgs) -> anyhow::Result<()> {
    match args.command {
        InspectorsCommand::Import { file } => {
            let source = super::read_input(&file)?;
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
                None => env
                    .ui
                    .status("no change: the register already matches this file"),
            }
            Ok(())
        }
        InspectorsCommand::List => {
            let campaign = env.read()?;
            let inspectors = Inspectors::load(&campaign)?;
            if env.ui.json {
                return env.ui.json(&inspectors.list());
            }
            let mut t = table(&["姓名", "所在单位"]);
            for i in inspectors.list() {
                t.add_row([cell(&i.name), i.home_unit.clone()]);
            }
            env.ui.data(&t.to_string());
            env.ui
                .status(&format!("{} inspectors", inspectors.list().len()));
            Ok(())
        }
    }
}
