//! `banzi commend`: the final list, its approval, and the documents published.

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};

use super::Env;
use super::output::{NOTHING, cell, table};
use crate::commend::{self, PublishOptions};
use crate::documents::workbook::{Cell, Export, ListSheet, chinese};
use crate::messages::commend as say;

#[derive(Debug, Args)]
pub struct CommendArgs {
    #[command(subcommand)]
    command: CommendCommand,
}

#[derive(Debug, Subcommand)]
enum CommendCommand {
    Propose,
    Proposal,
    Approve {
        #[arg(long, value_name = "NUMBER")]
        decision_no: String,
        #[arg(long, value_name = "DATE", value_parser = super::publicize::date)]
        date: chrono::NaiveDate,
        #[arg(long, value_name = "ORGAN")]
        approver: Option<String>,
    },
    Publish {
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        #[arg(long)]
        certificates: bool,
        #[arg(long, requires = "certificates")]
        numeral_dates: bool,
    },
    Show {
        #[arg(long, value_name = "FILE")]
        xlsx: Option<PathBuf>,
    },
}

pub fn run(env: &Env, args: CommendArgs) -> anyhow::Result<()> {
    match args.command {
        CommendCommand::Propose => {
            let (mut campaign, ctx) = env.write()?;
            let (commendation, entry) = commend::propose(&mut campaign, &ctx)?;
            if env.ui.json {
                env.ui.json(&entry.to_json())?;
            }
            env.ui.committed(&entry);
            for r in &commendation.removed {
                env.ui
                    .status(&say::show_removed(&r.unit, &r.name, &r.reason));
            }
            Ok(())
        }
        CommendCommand::Proposal => {
            let campaign = env.read()?;
            let Some(commendation) = commend::load(&campaign)? else {
                return Err(crate::error::Error::step_order(say::not_proposed())
                    .with_hint(say::propose_hint())
                    .into());
            };
            let head = super::head(&campaign);
            let text =
                crate::documents::proposal_markdown(&campaign.settings, &commendation, &head);
            env.ui.data(text.trim_end());
            Ok(())
        }
        CommendCommand::Approve {
            decision_no,
            date,
            approver,
        } => {
            let (mut campaign, ctx) = env.write()?;
            let (_, entry) =
                commend::approve(&mut campaign, &ctx, &decision_no, date, approver.as_deref())?;
            if env.ui.json {
                env.ui.json(&entry.to_json())?;
            }
            env.ui.committed(&entry);
            Ok(())
        }
        CommendCommand::Publish {
            out,
            certificates,
            numeral_dates,
        } => {
            let (mut campaign, ctx) = env.write()?;
            let options = PublishOptions {
                certificates,
                numeral_dates,
            };
            let fonts = cfg!(feature = "pdf").then(|| super::fonts::for_printing(env, &campaign));
            let files = commend::documents(&campaign, options, fonts.as_ref())?;
            let (published, entry) = commend::publish(&mut campaign, &ctx, &out, files)?;
            if env.ui.json {
                env.ui.json(&serde_json::json!({
                    "out": out,
                    "files": published.iter().map(|p| serde_json::json!({
                        "file": p.file,
                        "sha256": p.sha256,
                    })).collect::<Vec<_>>(),
                    "seq": entry.seq,
                }))?;
            }
            env.ui.committed(&entry);
            for p in &published {
                env.ui.status(&say::wrote(&p.file, &p.sha256));
            }
            env.ui.status(&say::written_to(&out.display().to_string()));
            Ok(())
        }
        CommendCommand::Show { xlsx } => show(env, xlsx.as_deref()),
    }
}

fn show(env: &Env, xlsx: Option<&Path>) -> anyhow::Result<()> {
    if let Some(out) = xlsx {
        super::output::xlsx_name(out)?;
    }
    let campaign = env.read()?;
    let found = commend::load(&campaign)?;
    if let Some(out) = xlsx {
        let Some(c) = &found else {
            return Err(crate::error::Error::step_order(say::not_proposed())
                .with_hint(say::propose_hint())
                .into());
        };
        let stale = commend::is_stale(&campaign);
        super::output::write_xlsx(&env.ui, &campaign, out, &export(c, stale))?;
        if stale {
            env.ui.warn(&say::show_stale());
        }
        if !env.ui.json {
            return Ok(());
        }
    }
    let Some(c) = found else {
        if env.ui.json {
            env.ui.json(&serde_json::json!({ "state": null }))?;
        }
        env.ui.status(&say::nothing_yet());
        env.ui.status(&say::propose_hint());
        return Ok(());
    };
    let stale = commend::is_stale(&campaign);
    if env.ui.json {
        return env.ui.json(&serde_json::json!({
            "state": c.state.key(),
            "stale": stale,
            "notice": c.notice,
            "version": c.version,
            "decision_no": c.approval.as_ref().map(|a| &a.decision_no),
            "date": c.approval.as_ref().map(|a| a.date.to_string()),
            "approver": c.approval.as_ref().map(|a| &a.approver),
            "units": c.units.iter().map(|u| serde_json::json!({
                "unit": u.unit,
                "name": u.name,
                "category": u.category.key(),
                "rank": u.rank,
                "composite": u.composite,
            })).collect::<Vec<_>>(),
            "removed": c.removed.iter().map(|r| serde_json::json!({
                "unit": r.unit,
                "name": r.name,
                "reason": r.reason,
            })).collect::<Vec<_>>(),
            "published": c.published.iter().map(|p| serde_json::json!({
                "file": p.file,
                "sha256": p.sha256,
            })).collect::<Vec<_>>(),
        }));
    }
    env.ui.data(&say::show_heading(
        &say::state(c.state),
        c.notice,
        c.version,
    ));
    if let Some(a) = &c.approval {
        env.ui.data(&say::show_approval(
            &a.decision_no,
            &crate::figures::chinese_date(a.date),
            &a.approver,
        ));
    }
    let mut t = table(&[
        &say::heading_category(),
        &say::heading_rank(),
        &say::heading_unit(),
        &say::heading_name(),
        &say::heading_composite(),
        &say::heading_heads(),
    ]);
    for u in &c.units {
        t.add_row([
            u.category.shown(),
            u.rank.map_or_else(|| NOTHING.to_owned(), |r| r.to_string()),
            u.unit.clone(),
            cell(&u.name),
            u.composite
                .map_or_else(|| NOTHING.to_owned(), |v| format!("{v:.2}")),
            cell(
                &std::iter::once(u.party_head.as_str())
                    .chain(u.government_head.as_deref())
                    .collect::<Vec<_>>()
                    .join("、"),
            ),
        ]);
    }
    env.ui.data(&t.to_string());
    for r in &c.removed {
        env.ui.data(&say::show_removed(
            &r.unit,
            &cell(&r.name),
            &cell(&r.reason),
        ));
    }
    if stale {
        env.ui.warn(&say::show_stale());
    }
    Ok(())
}

/// The final list as a workbook: a row per unit with its heads, the units removed since the
/// notice on a sheet of their own, and the approval on the 说明 sheet.
fn export(c: &commend::Commendation, stale: bool) -> Export {
    use crate::messages::units;
    use crate::messages::workbook as book;
    let title = chinese(book::commend_title);
    let list = ListSheet {
        name: title.clone(),
        headers: vec![
            chinese(say::heading_category),
            chinese(say::heading_rank),
            chinese(say::heading_unit),
            chinese(say::heading_name),
            chinese(say::heading_composite),
            chinese(units::header_party_head),
            chinese(units::header_government_head),
            chinese(book::column_publicity),
        ],
        rows: c
            .units
            .iter()
            .map(|u| {
                vec![
                    Cell::text(u.category.label()),
                    u.rank.into(),
                    Cell::text(&u.unit),
                    Cell::text(&u.name),
                    u.composite.into(),
                    Cell::text(&u.party_head),
                    Cell::text(u.government_head.clone().unwrap_or_default()),
                    Cell::text(&u.publicity),
                ]
            })
            .collect(),
    };
    let mut sheets = vec![list];
    if !c.removed.is_empty() {
        sheets.push(ListSheet {
            name: chinese(book::removed_title),
            headers: vec![
                chinese(say::heading_unit),
                chinese(say::heading_name),
                chinese(book::column_removed_because),
            ],
            rows: c
                .removed
                .iter()
                .map(|r| {
                    vec![
                        Cell::text(&r.unit),
                        Cell::text(&r.name),
                        Cell::text(&r.reason),
                    ]
                })
                .collect(),
        });
    }
    let mut details = vec![
        (
            chinese(book::about_state),
            Cell::text(chinese(|| say::state(c.state))),
        ),
        (chinese(book::about_notice), Cell::Integer(c.notice.into())),
        (
            chinese(book::about_list_version),
            Cell::Integer(c.version.into()),
        ),
    ];
    if let Some(a) = &c.approval {
        details.extend([
            (chinese(book::about_decision_no), Cell::text(&a.decision_no)),
            (chinese(book::about_decision_date), Cell::Date(a.date)),
            (chinese(book::about_approver), Cell::text(&a.approver)),
        ]);
    }
    if stale {
        details.push((
            chinese(book::about_stale),
            Cell::text(chinese(say::show_stale)),
        ));
    }
    Export {
        title,
        command: "banzi commend show".to_owned(),
        sheets,
        details,
    }
}
