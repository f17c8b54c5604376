//! `banzi units`: the register of participating units.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::Env;
use super::output::{cell, table};

/// Import or list the participating units (参评班子)
#[derive(Debug, Args)]
pub struct UnitsArgs {
    #[command(subcommand)]
    command: UnitsCommand,
}

#[derive(Debug, Subcommand)]
enum UnitsCommand {
    /// Import a unit register CSV: code, name, category, party_head and an optional
    /// government_head (or 单位代码, 单位名称, 类别, 党委（党组）书记, 行政主要负责人); UTF-8, UTF-8
    /// with BOM or GB18030. An empty or `—` government_head means the unit has none. Units
    /// already registered are updated; units not in the file are kept.
    Import {
        /// The CSV file
        file: PathBuf,
        /// Check the file and say what would change; write nothing
        #[arg(long)]
        dry_run: bool,
    },
    /// List the registered units
    List,
}

pub fn run(env: &Env, args: UnitsArgs) -> anyhow::Result<()> {
    match args.command {
        UnitsCommand::Import { file, dry_run } => import(env, &file, dry_run),
        UnitsCommand::List => list(env),
    }
}

fn import(env: &Env, file: &std::path::Path, dry_run: bool) -> anyhow::Result<()> {
    let source = super::read_input(file)?;
    let (mut campaign, ctx) = env.write()?;
    let crate::units::UnitsImport {
        change,
        entry,
        ignored_columns,
    } = crate::units::import(&mut campaign.store, &ctx, &source, dry_run)?;
    super::warn_ignored_columns(env, file, &ignored_columns);
    if env.ui.json {
        env.ui.json(&serde_json::json!({
            "added": change.added,
            "changed": change.changed,
            "not_in_file": change.not_in_file,
            "seq": entry.as_ref().map(|e| e.seq),
            "dry_run": dry_run,
        }))?;
    }
    match entry {
        None if dry_run && !(change.added.is_empty() && change.changed.is_empty()) => {
            env.ui.status(&format!(
                "dry run, nothing written: {} unit(s) would be added ({}), {} changed ({})",
                change.added.len(),
                change.added.join(", "),
                change.changed.len(),
                change.changed.join(", ")
            ));
        }
        None => env.ui.status(&format!(
            "no change: the register already matches `{}`",
            file.display()
        )),
        Some(entry) => env.ui.done(&format!(
            "{} units added, {} changed ({})",
            change.added.len(),
            change.changed.len(),
            entry.cite()
        )),
    }
    if !change.not_in_file.is_empty() {
        env.ui.status(&format!(
            "note: {} registered unit(s) are not in this file and were kept: {}",
            change.not_in_file.len(),
            change.not_in_file.join(", ")
        ));
    }
    Ok(())
}

fn list(env: &Env) -> anyhow::Result<()> {
    let campaign = env.read()?;
    let register = campaign.register()?;
    if env.ui.json {
        return env.ui.json(&register.units());
    }
    let mut t = table(&[
        "代码",
        "单位名称",
        "类别",
        "党委（党组）书记",
        "行政主要负责人",
    ]);
    for u in register.units() {
        t.add_row([
            u.code.clone(),
            cell(&u.name),
            u.category.label().to_owned(),
            cell(&u.party_head),
            u.government_head.as_deref().map(cell).unwrap_or_default(),
        ]);
    }
    env.ui.data(&t.to_string());
    env.ui.status(&format!("{} units", register.units().len()));
    Ok(())
}
