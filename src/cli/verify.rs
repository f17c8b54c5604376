//! `banzi verify`: check the campaign against its journal; accept a hand edit; check a head.

use std::path::{Path, PathBuf};

use clap::Args;

use super::Env;
use crate::error::Error;
use crate::messages::verify as words;

#[derive(Debug, Args)]
pub struct VerifyArgs {
    #[arg(long, value_name = "FILE", num_args = 1.., requires = "reason")]
    accept: Vec<PathBuf>,

    #[arg(long, value_name = "TEXT")]
    reason: Option<String>,

    #[arg(long, value_name = "SEQ:HASH", conflicts_with = "accept")]
    head: Option<String>,
}

pub fn run(env: &Env, args: VerifyArgs) -> anyhow::Result<()> {
    if !args.accept.is_empty() {
        return accept(env, &args);
    }
    let campaign = env.read_as_found()?;
    if let Some(recovered) = campaign.store.recovered() {
        env.ui.status(&words::note(recovered.summary().shown()));
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
            env.ui.status(&words::note(note.shown()));
        }
    }
    if report.problems.is_empty() {
        env.ui.done(&words::all_ok(
            report.entries,
            report.records,
            report.bytes,
            &report.head.clone().unwrap_or_else(words::no_head),
        ));
        return Ok(());
    }
    let mut error = crate::store::damaged(campaign.store.root(), &report.details);
    error.message = words::problems_found(report.problems.len());
    if env.ui.json {
        error.diagnostics.clear();
    }
    Err(error.into())
}

fn accept(env: &Env, args: &VerifyArgs) -> anyhow::Result<()> {
    // Checked before anything is opened, as every reason is.
    let reason = crate::journal::Reason::new(
        args.reason.as_deref().unwrap_or_default(),
        &words::accepting_a_hand_edit(),
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
        Error::invalid(words::not_in_campaign(file.display(), root.display()))
            .with_hint(words::name_relative())
    };
    let parent = file.parent().filter(|p| !p.as_os_str().is_empty());
    let dir = std::fs::canonicalize(parent.unwrap_or(Path::new("."))).map_err(|_| not_inside())?;
    let root = std::fs::canonicalize(root).map_err(|_| not_inside())?;
    let name = file.file_name().ok_or_else(not_inside)?;
    let relative = dir.join(name);
    let relative = relative.strip_prefix(&root).map_err(|_| not_inside())?;
    Ok(inside(relative))
}
