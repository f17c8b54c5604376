//! `banzi init`: make a new campaign directory.

use std::path::PathBuf;

use clap::Args;

use super::Env;
use crate::import::{Encoding, Source};
use crate::settings;
use crate::store::Transaction;
use crate::store::{CAMPAIGN_FILE, Store};

/// Make a new campaign directory with a commented campaign.toml
#[derive(Debug, Args)]
pub struct InitArgs {
    /// The directory to make; it must not exist or be empty
    dir: PathBuf,
    /// The campaign's name, e.g. 2026年度争创“四强一硬”好班子活动
    #[arg(long)]
    name: String,
    /// The campaign's year
    #[arg(long)]
    year: i32,
    /// Who organizes the campaign and proposes the lists
    #[arg(long, default_value = "市委组织部")]
    organizer: String,
    /// Who approves the final list
    #[arg(long, default_value = "市委")]
    approver: String,
}

pub fn run(env: &Env, args: InitArgs) -> anyhow::Result<()> {
    let ctx = env.context()?;
    let text = settings::template(&args.name, args.year, &args.organizer, &args.approver);
    // Validate before anything is made, so a bad --year leaves no directory behind.
    settings::parse(&Source::new(
        args.dir.join(CAMPAIGN_FILE),
        text.clone(),
        Encoding::Utf8,
        String::new(),
    ))?;
    let mut store = Store::create(&args.dir, &ctx)?;
    let mut tx = Transaction::new(&mut store, &ctx);
    tx.write(CAMPAIGN_FILE, text.into_bytes());
    let entry = tx.commit(crate::messages::both(|| {
        format!("campaign created: {}", args.name)
    }))?;
    if env.ui.json {
        env.ui.json(&serde_json::json!({
            "path": args.dir,
            "seq": entry.seq,
        }))?;
    }
    env.ui.done(&format!(
        "made campaign `{}` ({}); its settings are in {}",
        args.dir.display(),
        args.name,
        args.dir.join(CAMPAIGN_FILE).display()
    ));
    env.ui.status(&format!(
        "next: cd {} && banzi units import UNITS.csv",
        args.dir.display()
    ));
    Ok(())
}
