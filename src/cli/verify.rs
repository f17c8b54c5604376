//! `banzi verify`: check every record against the index and the journal.

use clap::Args;

use super::Env;
use crate::error::Error;

/// Check that every record is the one banzi wrote and that the index agrees with the journal
#[derive(Debug, Args)]
pub struct VerifyArgs {}

pub fn run(env: &Env, _args: VerifyArgs) -> anyhow::Result<()> {
    let campaign = env.read()?;
    let report = crate::verify::verify(&campaign.store)?;
    if env.ui.json {
        env.ui.json(&report)?;
    } else {
        for note in &report.notes {
            env.ui.status(&format!("note: {note}"));
        }
    }
    if report.problems.is_empty() {
        env.ui.done(&format!(
            "{} records and {} journal entries check out",
            report.records, report.entries
        ));
        return Ok(());
    }
    let mut error = Error::integrity(format!("{} integrity problem(s) found", report.problems.len()))
        .with_hint("restore the files named above from a backup or version control; banzi is the only writer of a campaign");
    if !env.ui.json {
        error.diagnostics = report
            .problems
            .iter()
            .map(|p| crate::error::Diagnostic::new(campaign.store.root(), p.clone()))
            .collect();
    }
    Err(error.into())
}
