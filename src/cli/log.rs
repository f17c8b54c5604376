//! `banzi log`: the journal of changes.

use clap::Args;

use super::Env;
use super::output::{cell, table};

/// Show the journal: every change, when, by whom, with which command and records
#[derive(Debug, Args)]
pub struct LogArgs {
    /// Show only the newest N entries
    #[arg(long, value_name = "N")]
    last: Option<usize>,
}

pub fn run(env: &Env, args: LogArgs) -> anyhow::Result<()> {
    let campaign = env.read()?;
    let entries = campaign.store.journal();
    let skip = args.last.map_or(0, |n| entries.len().saturating_sub(n));
    let entries = &entries[skip..];
    if env.ui.json {
        let list: Vec<serde_json::Value> = entries.iter().map(|e| e.to_json()).collect();
        return env.ui.json(&list);
    }
    let mut t = table(&["#", "时间", "操作人", "命令", "说明", "记录数"]);
    for e in entries {
        let mut what = e.summary.clone();
        if let Some(reason) = &e.reason {
            what.push_str(&format!("\n理由: {reason}"));
        }
        let time = chrono::DateTime::parse_from_rfc3339(&e.time).map_or_else(
            |_| e.time.clone(),
            |t| t.format("%Y-%m-%d %H:%M").to_string(),
        );
        t.add_row([
            e.seq.to_string(),
            time,
            cell(&e.operator),
            cell(&e.command),
            cell(&what),
            e.records.len().to_string(),
        ]);
    }
    env.ui.data(&t.to_string());
    env.ui
        .status("`banzi log --json` lists every record and input file with its SHA-256");
    Ok(())
}
