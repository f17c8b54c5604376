//! `banzi archive`: archive the campaign once `verify` passes; check an archive.

use std::path::{Path, PathBuf};

use clap::Args;

use super::Env;
use crate::archive::{Checked, Format};
use crate::error::{Diagnostic, Error};
use crate::messages::archive as words;

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("archive").required(true).args(["out", "check"])))]
pub struct ArchiveArgs {
    #[arg(value_name = "OUT")]
    out: Option<PathBuf>,

    #[arg(long, value_name = "FILE", conflicts_with = "out")]
    check: Option<PathBuf>,

    #[arg(long, value_name = "SEQ:HASH", requires = "check")]
    head: Option<String>,
}

pub fn run(env: &Env, args: ArchiveArgs) -> anyhow::Result<()> {
    if let Some(archive) = &args.check {
        return check(env, archive, args.head.as_deref());
    }
    let out = args.out.expect("clap requires OUT or --check");
    // A name that says no format is refused before the campaign is opened.
    let format = Format::required(&out)?;
    let campaign = env.read_as_found()?;
    let made = crate::archive::write(&campaign.store, &out, format)?;
    if env.ui.json {
        return env.ui.json(&made);
    }
    env.ui.done(&words::archived(
        made.files,
        made.bytes,
        &made.head,
        &made.archive,
    ));
    Ok(())
}

fn check(env: &Env, archive: &Path, head: Option<&str>) -> anyhow::Result<()> {
    let checked = crate::archive::check(archive, head)?;
    let shown = archive.display().to_string();
    if env.ui.json {
        env.ui.json(&checked)?;
    }
    if checked.problems.is_empty() {
        env.ui.done(&words::check_ok(
            &shown,
            checked.files,
            checked.bytes,
            &checked.head.clone().unwrap_or_else(words::no_head),
            checked.banzi.as_deref().unwrap_or_default(),
        ));
        return Ok(());
    }
    Err(refusal(env, archive, &checked).into())
}

/// Every problem of an archive, each naming its file as a path inside the archive.
fn refusal(env: &Env, archive: &Path, checked: &Checked) -> Error {
    let diagnostics = if env.ui.json {
        Vec::new()
    } else {
        checked
            .details
            .iter()
            .map(|p| {
                let file = if p.file.is_empty() {
                    archive.to_path_buf()
                } else {
                    archive.join(&p.file)
                };
                Diagnostic::new(
                    &file,
                    crate::messages::store::problem_with_fix(p.message.shown(), p.fix.shown()),
                )
            })
            .collect()
    };
    Error::integrity(words::problems_found(checked.problems.len())).with_diagnostics(diagnostics)
}
