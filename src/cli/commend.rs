//! `banzi commend`: the final list, its approval, and the documents published.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::Env;
use super::output::{NOTHING, cell, table};
use crate::commend::{self, PublishOptions};
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
    Show,
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
        CommendCommand::Show => show(env),
    }
}

fn show(env: &Env) -> anyhow::Result<()> {
    let campaign = env.read()?;
    let Some(c) = commend::load(&campaign)? else {
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
