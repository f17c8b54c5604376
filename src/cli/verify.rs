//! `banzi verify`: check the campaign against its journal; accept a hand edit; check a head.

use std::path::{Path, PathBuf};

use clap::Args;

use super::Env;
use crate::error::Error;

/// Check the journal's chain and every record against it: nothing changed, missing, unknown or
/// linked. With --accept, record a deliberate hand edit; with --head, check a printed head
#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// Take these records as they now are (after checking them as their command would), with
    /// who, when, why and the old and new SHA-256 in the journal
    #[arg(long, value_name = "FILE", num_args = 1.., requires = "reason")]
    accept: Vec<PathBuf>,

    /// Why the hand edit is accepted (with --accept)
    #[arg(long, value_name = "TEXT")]
    reason: Option<String>,

    /// Check that the campaign still contains the journal head a document printed (日志头),
    /// e.g. 12:1a2b3c4d5e6f
    #[arg(long, value_name = "SEQ:HASH", conflicts_with = "accept")]
    head: Option<String>,
}

pub fn run(env: &Env, args: VerifyArgs) -> anyhow::Result<()> {
    if !args.accept.is_empty() {
        return accept(env, &args);
    }
    let campaign = env.read_as_found()?;
    if let Some(recovered) = campaign.store.recovered() {
        env.ui.status(&format!("note: {}", recovered.summary()));
    }
    let report = crate::verify::verify(&campaign.store)?;
    if let Some(head) = &args.head {
        // A head is worth checking only in a campaign whose chain holds.
        if report.problems.is_empty() {
            let checked = crate::verify::check_head(&campaign.store, head)?;
            if !env.ui.json {
                env.ui.done(&checked);
            }
        }
    }
    if env.ui.json {
        env.ui.json(&report)?;
    } else {
        for note in &report.notes {
            env.ui.status(&format!("note: {note}"));
        }
    }
    if report.problems.is_empty() {
        env.ui.done(&format!(
            "{} journal entries in an unbroken chain and {} records ({} bytes) check out; head {}",
            report.entries,
            report.records,
            report.bytes,
            report.head.as_deref().unwrap_or("none")
        ));
        return Ok(());
    }
    let mut error = crate::store::damaged(campaign.store.root(), &report.details);
    error.message = format!("{} integrity problem(s) found", report.problems.len());
    if env.ui.json {
        error.diagnostics.clear();
    }
    Err(error.into())
}

fn accept(env: &Env, args: &VerifyArgs) -> anyhow::Result<()> {
    // Checked before anything is opened, as every reason is.
    let reason = crate::journal::Reason::new(
        args.reason.as_deref().unwrap_or_default(),
        "accepting a hand edit",
    )?;
    let ctx = env.context()?;
    let root = env.campaign_root()?;
    let files = args
        .accept
        .iter()
        .map(|f| relative_to(&root, f))
        .collect::<Result<Vec<_>, _>>()?;
    let mut campaign =
        crate::campaign::Campaign::open_as_found(&root, crate::store::Access::Write, &ctx)?;
    let entry = crate::verify::accept(&mut campaign, &ctx, &files, reason.as_str())?;
    if env.ui.json {
        return env.ui.json(&entry.to_json());
    }
    env.ui.committed(&entry);
    Ok(())
}

/// A file named on the command line as a path inside the campaign, with `/` separators: as
/// typed from the campaign folder, or as a path that leads into it.
fn relative_to(root: &Path, file: &Path) -> Result<String, Error> {
    let inside = |p: &Path| {
        p.components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/")
    };
    if file.is_relative() && std::fs::symlink_metadata(root.join(file)).is_ok() {
        return Ok(inside(file));
    }
    let not_inside = || {
        Error::invalid(format!(
            "`{}` is not a file in the campaign `{}`",
            file.display(),
            root.display()
        ))
        .with_hint("name it relative to the campaign folder, e.g. plans/C01.toml")
    };
    let parent = file.parent().filter(|p| !p.as_os_str().is_empty());
    let dir = std::fs::canonicalize(parent.unwrap_or(Path::new("."))).map_err(|_| not_inside())?;
    let root = std::fs::canonicalize(root).map_err(|_| not_inside())?;
    let name = file.file_name().ok_or_else(not_inside)?;
    let relative = dir.join(name);
    let relative = relative.strip_prefix(&root).map_err(|_| not_inside())?;
    Ok(inside(relative))
}
