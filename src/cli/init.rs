//! `banzi init`: make a new campaign directory.

use std::path::PathBuf;

use clap::Args;

use super::Env;
use crate::import::{Encoding, Source};
use crate::messages::settings as say;
use crate::settings;
use crate::store::Transaction;
use crate::store::{CAMPAIGN_FILE, Store};

// The help of `banzi init` is in `messages::settings::HELP`.
#[derive(Debug, Args)]
pub struct InitArgs {
    dir: PathBuf,
    #[arg(long)]
    name: String,
    #[arg(long)]
    year: i32,
    #[arg(long, default_value = "市委组织部")]
    organizer: String,
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
    tx.write(
        crate::steps::CALENDAR_FILE,
        crate::calendar::TEMPLATE.as_bytes().to_vec(),
    );
    let entry = tx.commit(crate::messages::both(|| say::created(&args.name)))?;
    if env.ui.json {
        env.ui.json(&serde_json::json!({
            "path": args.dir,
            "seq": entry.seq,
        }))?;
    }
    env.ui.done(&say::made(
        args.dir.display(),
        &args.name,
        args.dir.join(CAMPAIGN_FILE).display(),
    ));
    env.ui.status(&say::next_units(args.dir.display()));
    Ok(())
}
