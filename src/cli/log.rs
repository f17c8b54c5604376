//! `banzi log`: the journal of changes.

use clap::Args;

use super::Env;
use super::output::{cell, table};
use crate::messages::journal as words;

#[derive(Debug, Args)]
pub struct LogArgs {
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
    let mut t = table(&[
        "#",
        &words::log_time(),
        &words::log_operator(),
        &words::log_command(),
        &words::log_summary(),
        &words::log_records(),
    ]);
    for e in entries {
        let mut what = e.summary_shown().to_owned();
        if let Some(reason) = &e.reason {
            what.push('\n');
            what.push_str(&words::log_reason(reason));
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
    env.ui.status(&words::log_json_hint());
    Ok(())
}
