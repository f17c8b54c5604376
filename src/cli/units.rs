//! `banzi units`: the register of participating units.

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};

use super::Env;
use super::output::{cell, table};
use crate::documents::workbook::{Cell, Export, ListSheet, chinese};
use crate::messages::units as say;

#[derive(Debug, Args)]
pub struct UnitsArgs {
    #[command(subcommand)]
    command: UnitsCommand,
}

#[derive(Debug, Subcommand)]
enum UnitsCommand {
    Import {
        file: PathBuf,
        #[arg(long, value_name = "NAME")]
        sheet: Option<String>,
        #[arg(long)]
        dry_run: bool,
    },
    List {
        #[arg(long, value_name = "FILE")]
        xlsx: Option<PathBuf>,
    },
}

pub fn run(env: &Env, args: UnitsArgs) -> anyhow::Result<()> {
    match args.command {
        UnitsCommand::Import {
            file,
            sheet,
            dry_run,
        } => import(env, &file, sheet.as_deref(), dry_run),
        UnitsCommand::List { xlsx } => list(env, xlsx.as_deref()),
    }
}

fn import(
    env: &Env,
    file: &std::path::Path,
    sheet: Option<&str>,
    dry_run: bool,
) -> anyhow::Result<()> {
    let source = super::read_sheet(file, sheet)?;
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
            env.ui.status(&say::dry_run(
                change.added.len(),
                &change.added.join(&crate::messages::cli::separator()),
                change.changed.len(),
                &change.changed.join(&crate::messages::cli::separator()),
            ));
        }
        None => env.ui.status(&say::no_change(&file.display().to_string())),
        Some(entry) => env.ui.done(&say::added_and_changed(
            change.added.len(),
            change.changed.len(),
            &entry.cite(),
        )),
    }
    if !change.not_in_file.is_empty() {
        env.ui.status(&say::kept(
            change.not_in_file.len(),
            &change.not_in_file.join(&crate::messages::cli::separator()),
        ));
    }
    Ok(())
}

fn list(env: &Env, xlsx: Option<&Path>) -> anyhow::Result<()> {
    if let Some(out) = xlsx {
        super::output::xlsx_name(out)?;
    }
    let campaign = env.read()?;
    let register = campaign.register()?;
    if let Some(out) = xlsx {
        super::output::write_xlsx(&env.ui, &campaign, out, &export(&register))?;
    }
    if env.ui.json {
        return env.ui.json(&register.units());
    }
    if xlsx.is_some() {
        return Ok(());
    }
    let mut t = table(&[
        &say::header_code(),
        &say::header_name(),
        &say::header_category(),
        &say::header_party_head(),
        &say::header_government_head(),
    ]);
    for u in register.units() {
        t.add_row([
            u.code.clone(),
            cell(&u.name),
            u.category.shown(),
            cell(&u.party_head),
            u.government_head.as_deref().map(cell).unwrap_or_default(),
        ]);
    }
    env.ui.data(&t.to_string());
    env.ui.status(&say::count(register.units().len()));
    Ok(())
}

/// The register as a workbook, with the headers `units import` reads, so that it goes back in.
fn export(register: &crate::units::Register) -> Export {
    let title = chinese(crate::messages::workbook::units_title);
    Export {
        title: title.clone(),
        command: "banzi units list".to_owned(),
        sheets: vec![ListSheet {
            name: title,
            headers: vec![
                chinese(say::header_code),
                chinese(say::header_name),
                chinese(say::header_category),
                chinese(say::header_party_head),
                chinese(say::header_government_head),
            ],
            rows: register
                .units()
                .iter()
                .map(|u| {
                    vec![
                        Cell::text(&u.code),
                        Cell::text(&u.name),
                        Cell::text(u.category.label()),
                        Cell::text(&u.party_head),
                        Cell::text(u.government_head.clone().unwrap_or_default()),
                    ]
                })
                .collect(),
        }],
        details: Vec::new(),
    }
}
