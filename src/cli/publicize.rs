//! `banzi publicize`: the public notice (公示), its opinions and their resolution.

use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};

use super::Env;
use super::output::{NOTHING, cell, table};
use crate::documents::workbook::{Cell, Export, ListSheet, chinese};
use crate::messages::publicize as say;
use crate::publicize::opinions::{self, Opinion, RawOpinion};

/// Arguments whose values the journal never keeps: a signed reporter's name and contact.
pub const SECRET_FLAGS: &[&str] = &["--reporter", "--reporter-contact"];

#[derive(Debug, Args)]
pub struct PublicizeArgs {
    #[command(subcommand)]
    command: PublicizeCommand,
}

#[derive(Debug, Subcommand)]
enum PublicizeCommand {
    Open {
        #[arg(long, value_name = "DATE", value_parser = date)]
        start: Option<chrono::NaiveDate>,
        #[arg(long, value_name = "N")]
        days: Option<u32>,
        #[arg(long, value_name = "TEXT")]
        contact: String,
    },
    Show,
    Notice {
        #[arg(long, value_enum, default_value_t = Format::Md)]
        format: Format,
    },
    Keygen {
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        #[arg(long)]
        replace: bool,
    },
    Close,
    Feedback {
        #[command(subcommand)]
        command: FeedbackCommand,
    },
    Investigate {
        id: String,
        #[arg(long, value_name = "WHO")]
        by: String,
    },
    Resolve {
        id: String,
        #[arg(long, value_name = "FINDING")]
        finding: String,
        #[arg(long, value_name = "TEXT")]
        note: String,
        #[arg(long, value_name = "WHO")]
        by: String,
    },
}

#[derive(Debug, Subcommand)]
enum FeedbackCommand {
    Add {
        #[arg(long)]
        unit: String,
        #[arg(long)]
        channel: String,
        #[arg(long, value_name = "DATE")]
        received: Option<String>,
        #[arg(long, value_name = "TEXT")]
        summary: String,
        #[arg(long, conflicts_with_all = ["reporter", "reporter_contact"])]
        anonymous: bool,
        #[arg(long, value_name = "NAME", required_unless_present = "anonymous")]
        reporter: Option<String>,
        #[arg(long, value_name = "CONTACT")]
        reporter_contact: Option<String>,
    },
    Import {
        file: PathBuf,
        #[arg(long, value_name = "NAME")]
        sheet: Option<String>,
    },
    List {
        #[arg(long, value_name = "FILE")]
        xlsx: Option<PathBuf>,
    },
    Show {
        id: String,
        #[arg(long, requires_all = ["identity", "reason"])]
        reveal_reporter: bool,
        #[arg(long, value_name = "FILE", requires = "reveal_reporter")]
        identity: Option<PathBuf>,
        #[arg(long, requires = "reveal_reporter")]
        reason: Option<String>,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Format {
    Md,
    Html,
    Pdf,
}

/// A date typed on the command line, in any form clerks write one.
pub fn date(text: &str) -> Result<chrono::NaiveDate, String> {
    crate::import::words::parse_date(text).map_err(|_| {
        crate::messages::import::not_a_date(text, &crate::messages::import::date_forms())
    })
}

pub fn run(env: &Env, args: PublicizeArgs) -> anyhow::Result<()> {
    match args.command {
        PublicizeCommand::Open {
            start,
            days,
            contact,
        } => open(env, start, days, &contact),
        PublicizeCommand::Show => show(env),
        PublicizeCommand::Notice { format } => notice(env, format),
        PublicizeCommand::Keygen { out, replace } => keygen(env, &out, replace),
        PublicizeCommand::Close => close(env),
        PublicizeCommand::Feedback { command } => feedback(env, command),
        PublicizeCommand::Investigate { id, by } => {
            let (mut campaign, ctx) = env.write()?;
            let entry = opinions::investigate(&mut campaign, &ctx, &id, &by)?;
            committed(env, &entry)
        }
        PublicizeCommand::Resolve {
            id,
            finding,
            note,
            by,
        } => {
            let (mut campaign, ctx) = env.write()?;
            let (opinion, entry) =
                opinions::resolve(&mut campaign, &ctx, &id, &finding, &note, &by)?;
            committed(env, &entry)?;
            if opinion.status == opinions::Status::Substantiated
                && opinion.unit != opinions::NO_UNIT
            {
                env.ui.status(&say::substantiated_next(&opinion.unit));
            }
            Ok(())
        }
    }
}

fn committed(env: &Env, entry: &crate::journal::Entry) -> anyhow::Result<()> {
    if env.ui.json {
        env.ui.json(&entry.to_json())?;
    }
    env.ui.committed(entry);
    Ok(())
}

fn open(
    env: &Env,
    start: Option<chrono::NaiveDate>,
    days: Option<u32>,
    contact: &str,
) -> anyhow::Result<()> {
    let (mut campaign, ctx) = env.write()?;
    let (period, entry) = crate::publicize::open(&mut campaign, &ctx, start, days, contact)?;
    if env.ui.json {
        env.ui.json(&serde_json::json!({
            "number": period.number,
            "version": period.version,
            "start": period.start.to_string(),
            "end": period.end.to_string(),
            "working_days": period.working_days,
            "seq": entry.seq,
        }))?;
    }
    env.ui.committed(&entry);
    Ok(())
}

fn show(env: &Env) -> anyhow::Result<()> {
    let campaign = env.read()?;
    let Some(standing) = crate::publicize::standing(&campaign)? else {
        if env.ui.json {
            env.ui.json(&serde_json::json!({ "state": null }))?;
        }
        env.ui.status(&say::no_notice_yet());
        env.ui.status(&say::open_hint());
        return Ok(());
    };
    let period = &standing.period;
    let counts = standing.counts;
    if env.ui.json {
        return env.ui.json(&serde_json::json!({
            "state": period.state.key(),
            "number": period.number,
            "version": period.version,
            "start": period.start.to_string(),
            "end": period.end.to_string(),
            "working_days": period.working_days,
            "contact": period.contact,
            "stale": standing.stale,
            "opinions": counts,
            "ruled_out": standing.ruled_out.iter().map(|(unit, why)| serde_json::json!({
                "unit": unit,
                "why": why,
            })).collect::<Vec<_>>(),
            "closed_on": period.closed_on.map(|d| d.to_string()),
        }));
    }
    env.ui.data(&say::show_state(
        period.number,
        &say::state(period.state),
        period.version,
    ));
    env.ui.data(&say::show_period(
        &period.start.to_string(),
        &period.end.to_string(),
        period.working_days,
    ));
    env.ui.data(&say::show_contact(&period.contact));
    env.ui.data(&say::show_counts(
        counts.open,
        counts.verifying,
        counts.substantiated,
        counts.unsubstantiated,
        counts.late,
    ));
    for (unit, what) in &standing.ruled_out {
        env.ui.data(&say::show_ruled_out(unit, what));
    }
    if standing.stale {
        env.ui.warn(&say::show_stale());
    }
    if period.state == crate::publicize::State::Open {
        let ctx = env.context()?;
        if crate::publicize::blockers(&campaign, period, ctx.today)?.is_empty() {
            env.ui.status(&say::show_closable());
        }
    }
    Ok(())
}

fn notice(env: &Env, format: Format) -> anyhow::Result<()> {
    let campaign = env.read()?;
    let Some(period) = crate::publicize::current(&campaign)? else {
        return Err(crate::error::Error::step_order(say::no_notice_yet())
            .with_hint(say::open_hint())
            .into());
    };
    let notice = crate::publicize::notice(&campaign, &period)?;
    let text = match format {
        Format::Md => crate::documents::notice_markdown(&notice),
        Format::Html => crate::documents::notice_html(&notice),
        Format::Pdf => {
            let fonts = super::fonts::for_printing(env, &campaign);
            let pdf = crate::documents::pdf::render(
                crate::documents::pdf::Template::Notice,
                &crate::documents::notice_data(&notice),
                &fonts,
            )?;
            return env.ui.bytes(&pdf);
        }
    };
    env.ui.data(text.trim_end());
    Ok(())
}

fn keygen(env: &Env, out: &std::path::Path, replace: bool) -> anyhow::Result<()> {
    let (mut campaign, ctx) = env.write()?;
    let (recipient, entry) = crate::publicize::keygen(&mut campaign, &ctx, out, replace)?;
    if env.ui.json {
        env.ui.json(&serde_json::json!({
            "recipient": recipient,
            "identity": out,
            "seq": entry.seq,
        }))?;
    }
    env.ui.committed(&entry);
    env.ui
        .warn(&say::identity_written(&out.display().to_string()));
    Ok(())
}

fn close(env: &Env) -> anyhow::Result<()> {
    let (mut campaign, ctx) = env.write()?;
    let (period, entry) = crate::publicize::close(&mut campaign, &ctx)?;
    if env.ui.json {
        env.ui.json(&serde_json::json!({
            "number": period.number,
            "version": period.version,
            "closed_on": period.closed_on.map(|d| d.to_string()),
            "seq": entry.seq,
        }))?;
    }
    env.ui.committed(&entry);
    Ok(())
}

fn feedback(env: &Env, command: FeedbackCommand) -> anyhow::Result<()> {
    match command {
        FeedbackCommand::Add {
            unit,
            channel,
            received,
            summary,
            anonymous,
            reporter,
            reporter_contact,
        } => {
            let raw = RawOpinion {
                received,
                channel,
                unit,
                summary,
                anonymous: anonymous.to_string(),
                reporter: reporter.unwrap_or_default(),
                reporter_contact: reporter_contact.unwrap_or_default(),
            };
            let (mut campaign, ctx) = env.write()?;
            let (opinion, entry) = opinions::add(&mut campaign, &ctx, &raw)?;
            if env.ui.json {
                env.ui.json(&opinion.to_json())?;
            }
            env.ui.committed(&entry);
            Ok(())
        }
        FeedbackCommand::Import { file, sheet } => {
            let source = super::read_sheet(&file, sheet.as_deref())?;
            let (mut campaign, ctx) = env.write()?;
            let (entered, entry, ignored) = opinions::import(&mut campaign, &ctx, &source)?;
            super::warn_ignored_columns(env, &file, &ignored);
            if env.ui.json {
                env.ui
                    .json(&entered.iter().map(Opinion::to_json).collect::<Vec<_>>())?;
            }
            env.ui.committed(&entry);
            Ok(())
        }
        FeedbackCommand::List { xlsx } => list(env, xlsx.as_deref()),
        FeedbackCommand::Show {
            id,
            reveal_reporter,
            identity,
            reason,
        } => {
            if reveal_reporter {
                let (Some(identity), Some(reason)) = (identity, reason) else {
                    return Err(crate::error::Error::new(
                        crate::error::Kind::Usage,
                        say::reveal_needs(),
                    )
                    .into());
                };
                let (mut campaign, ctx) = env.write()?;
                let (opinion, reporter, entry) =
                    opinions::reveal(&mut campaign, &ctx, &id, &identity, &reason)?;
                if env.ui.json {
                    let mut json = opinion.to_json();
                    json["reporter"] = reporter.name.clone().into();
                    json["reporter_contact"] = reporter.contact.clone().into();
                    env.ui.json(&json)?;
                } else {
                    print_opinion(env, &opinion);
                    env.ui
                        .data(&say::reporter_shown(&reporter.name, &reporter.contact));
                }
                env.ui.committed(&entry);
                return Ok(());
            }
            let campaign = env.read()?;
            let mut all = opinions::all(&campaign)?;
            let opinion = opinions::find(&mut all, &id)?;
            if env.ui.json {
                return env.ui.json(&opinion.to_json());
            }
            print_opinion(env, opinion);
            Ok(())
        }
    }
}

fn print_opinion(env: &Env, o: &Opinion) {
    let mut t = table(&[&say::heading_id(), &o.id]);
    let reporter = if o.anonymous {
        say::anonymous()
    } else {
        say::signed()
    };
    let rows = [
        (say::heading_received(), received(o)),
        (say::heading_channel(), o.channel.label().to_owned()),
        (say::heading_unit(), unit(o)),
        (say::heading_summary(), cell(&o.summary)),
        (say::heading_reporter(), reporter),
        (say::heading_status(), o.status.shown()),
        (say::heading_finding(), finding(o)),
    ];
    for (heading, value) in rows {
        t.add_row([heading, value]);
    }
    env.ui.data(&t.to_string());
}

fn received(o: &Opinion) -> String {
    if o.late {
        format!("{}（{}）", o.received, say::late())
    } else {
        o.received.to_string()
    }
}

fn unit(o: &Opinion) -> String {
    if o.unit == opinions::NO_UNIT {
        say::general()
    } else {
        o.unit.clone()
    }
}

fn finding(o: &Opinion) -> String {
    if o.finding.is_empty() {
        NOTHING.to_owned()
    } else {
        cell(&format!("{}（{}）", o.finding, o.resolved_by))
    }
}

fn list(env: &Env, xlsx: Option<&std::path::Path>) -> anyhow::Result<()> {
    if let Some(out) = xlsx {
        super::output::xlsx_name(out)?;
    }
    let campaign = env.read()?;
    let all = opinions::all(&campaign)?;
    if let Some(out) = xlsx {
        let register = campaign.register()?;
        super::output::write_xlsx(&env.ui, &campaign, out, &export(&all, &register))?;
    }
    if env.ui.json {
        return env
            .ui
            .json(&all.iter().map(Opinion::to_json).collect::<Vec<_>>());
    }
    if xlsx.is_some() {
        return Ok(());
    }
    if all.is_empty() {
        env.ui.status(&say::no_opinions_yet());
        return Ok(());
    }
    let mut t = table(&[
        &say::heading_id(),
        &say::heading_received(),
        &say::heading_channel(),
        &say::heading_unit(),
        &say::heading_summary(),
        &say::heading_reporter(),
        &say::heading_status(),
        &say::heading_finding(),
    ]);
    for o in &all {
        t.add_row([
            o.id.clone(),
            received(o),
            o.channel.label().to_owned(),
            unit(o),
            cell(&o.summary),
            if o.anonymous {
                say::anonymous()
            } else {
                say::signed()
            },
            o.status.shown(),
            finding(o),
        ]);
    }
    env.ui.data(&t.to_string());
    Ok(())
}

/// The opinions as a workbook: every column of `--json`, the dates as dates, the unit's name
/// beside its code; never the reporter, whom only `feedback show --reveal-reporter` names.
fn export(all: &[Opinion], register: &crate::units::Register) -> Export {
    use crate::messages::workbook as book;
    let title = chinese(book::opinions_title);
    let yes_or_no = |yes: bool| Cell::text(chinese(if yes { book::yes } else { book::no }));
    let rows = all
        .iter()
        .map(|o| {
            let name = register.get(&o.unit).map(|u| u.name.clone());
            vec![
                Cell::text(&o.id),
                Cell::Integer(o.period.into()),
                Cell::Date(o.received),
                Cell::text(o.channel.label()),
                Cell::text(chinese(|| unit(o))),
                Cell::text(name.unwrap_or_default()),
                Cell::text(&o.summary),
                Cell::text(chinese(|| {
                    if o.anonymous {
                        say::anonymous()
                    } else {
                        say::signed()
                    }
                })),
                Cell::text(chinese(|| o.status.shown())),
                yes_or_no(o.late),
                Cell::text(&o.investigator),
                Cell::text(&o.finding),
                Cell::text(&o.resolved_by),
                o.resolved_on.into(),
            ]
        })
        .collect();
    Export {
        title: title.clone(),
        command: "banzi publicize feedback list".to_owned(),
        sheets: vec![ListSheet {
            name: title,
            headers: vec![
                chinese(say::heading_id),
                chinese(book::about_notice),
                chinese(say::heading_received),
                chinese(say::heading_channel),
                chinese(say::heading_unit),
                chinese(book::column_name),
                chinese(say::heading_summary),
                chinese(say::heading_reporter),
                chinese(say::heading_status),
                chinese(book::column_late),
                chinese(book::column_investigator),
                chinese(say::heading_finding),
                chinese(book::column_resolved_by),
                chinese(book::column_resolved_on),
            ],
            rows,
        }],
        details: Vec::new(),
    }
}
