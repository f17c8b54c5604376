//! The command line: global flags, one dispatch, and the one exit path.

mod init;
mod inspect;
mod inspectors;
mod log;
mod output;
mod plan;
mod reopen;
mod self_assess;
mod shortlist;
mod status;
mod units;
mod verify;
mod withdraw;

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::campaign::Campaign;
use crate::context::Context;
use crate::error::Error;
use crate::store::{Access, Origin, find_campaign};
pub use output::Ui;

const EXIT_CODES: &str = "\
Exit codes:
  0  ok
  1  other failure (unreadable file, campaign busy, …)
  2  usage: the command line is wrong
  3  refused by step order: an earlier step is missing, or a later one locks this
  4  invalid input: a file or argument is wrong; nothing was changed
  5  integrity problem: a record was changed outside banzi";

/// Runs a "Four Strongs, One Hard" (争创“四强一硬”好班子) campaign: plans, self-assessments,
/// inspection, the shortlist, the public notice and the commendation, with every change journaled.
#[derive(Debug, Parser)]
#[command(name = "banzi", version, after_help = EXIT_CODES, max_term_width = 100)]
pub struct Cli {
    /// The campaign directory [default: BANZI_CAMPAIGN, else the nearest parent with a campaign.toml]
    #[arg(short = 'C', long = "campaign", global = true, value_name = "DIR")]
    campaign: Option<PathBuf>,

    /// Who is making the change, for the journal [default: BANZI_OPERATOR, else the login name]
    #[arg(long, global = true, env = "BANZI_OPERATOR", value_name = "NAME")]
    operator: Option<String>,

    /// Print data for scripts as JSON on stdout
    #[arg(long, global = true)]
    json: bool,

    /// Print no progress or status messages, only data and errors
    #[arg(short, long, global = true)]
    quiet: bool,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    Init(init::InitArgs),
    Units(units::UnitsArgs),
    Plan(plan::PlanArgs),
    SelfAssess(self_assess::SelfAssessArgs),
    Inspect(inspect::InspectArgs),
    Inspectors(inspectors::InspectorsArgs),
    Status(status::StatusArgs),
    Log(log::LogArgs),
    Reopen(reopen::ReopenArgs),
    Withdraw(withdraw::WithdrawArgs),
    Shortlist(shortlist::ShortlistArgs),
    Verify(verify::VerifyArgs),
}

/// What every command gets: the output, and the way to the campaign and the context.
pub struct Env {
    pub ui: Ui,
    campaign_flag: Option<PathBuf>,
    operator: Option<String>,
    command_line: String,
}

impl Env {
    fn campaign_root(&self) -> anyhow::Result<PathBuf> {
        let cwd = std::env::current_dir()?;
        let from_env = std::env::var_os("BANZI_CAMPAIGN")
            .filter(|v| !v.is_empty())
            .map(PathBuf::from);
        let explicit = match (&self.campaign_flag, &from_env) {
            (Some(dir), _) => Some((dir.as_path(), Origin::Flag)),
            (None, Some(dir)) => Some((dir.as_path(), Origin::Environment)),
            (None, None) => None,
        };
        Ok(find_campaign(explicit, &cwd)?)
    }

    /// Opens the campaign for reading.
    pub fn read(&self) -> anyhow::Result<Campaign> {
        Campaign::open(&self.campaign_root()?, Access::Read)
    }

    /// Opens the campaign for a change, with the context the change is attributed to.
    pub fn write(&self) -> anyhow::Result<(Campaign, Context)> {
        let ctx = self.context()?;
        Ok((Campaign::open(&self.campaign_root()?, Access::Write)?, ctx))
    }

    pub fn context(&self) -> anyhow::Result<Context> {
        Ok(Context::new(
            self.operator.clone(),
            self.command_line.clone(),
        )?)
    }
}

/// The command line as typed, quoted so it can be pasted back into a shell.
fn command_line(args: &[OsString]) -> String {
    let words: Vec<String> = std::iter::once("banzi".to_owned())
        .chain(
            args.iter()
                .skip(1)
                .map(|a| a.to_string_lossy().into_owned()),
        )
        .collect();
    shlex::try_join(words.iter().map(String::as_str)).unwrap_or_else(|_| words.join(" "))
}

/// Parses the command line, runs the command, prints any error, and gives the exit code.
pub fn run() -> ExitCode {
    let args: Vec<OsString> = std::env::args_os().collect();
    let cli = match Cli::try_parse_from(&args) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(e.exit_code() as u8);
        }
    };
    let env = Env {
        ui: Ui::new(cli.json, cli.quiet),
        campaign_flag: cli.campaign,
        operator: cli.operator,
        command_line: command_line(&args),
    };
    let result = match cli.command {
        Command::Init(args) => init::run(&env, args),
        Command::Units(args) => units::run(&env, args),
        Command::Plan(args) => plan::run(&env, args),
        Command::SelfAssess(args) => self_assess::run(&env, args),
        Command::Inspect(args) => inspect::run(&env, args),
        Command::Inspectors(args) => inspectors::run(&env, args),
        Command::Status(args) => status::run(&env, args),
        Command::Log(args) => log::run(&env, args),
        Command::Reopen(args) => reopen::run(&env, args),
        Command::Withdraw(args) => withdraw::run(&env, args),
        Command::Shortlist(args) => shortlist::run(&env, args),
        Command::Verify(args) => verify::run(&env, args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            env.ui.error(&error);
            ExitCode::from(crate::error::exit_code(&error))
        }
    }
}

/// Reads an input file named on the command line.
fn read_input(path: &std::path::Path) -> anyhow::Result<crate::import::Source> {
    crate::import::Source::read(path).map_err(|e| match e.downcast::<Error>() {
        Ok(e) => e.into(),
        Err(other) => Error::invalid(format!("{other:#}"))
            .with_hint("check the file name")
            .into(),
    })
}

/// Warns of the columns of an imported file that banzi did not use, so none is dropped unseen.
fn warn_ignored_columns(env: &Env, file: &std::path::Path, columns: &[String]) {
    if !columns.is_empty() {
        env.ui.warn(&format!(
            "`{}` has column(s) banzi does not use, and they were not imported: `{}`",
            file.display(),
            columns.join("`, `")
        ));
    }
}

/// Whether a file in a folder of submissions is to be read: TOML, and not a lock or backup file
/// that Excel, WPS or an editor leaves beside the real one.
fn is_submission_file(name: &str) -> bool {
    name.ends_with(".toml") && !name.starts_with('.') && !name.starts_with('~')
}

/// Reads a single file for `unit`, or every submission file in `folder` with the unit each names.
fn submissions(
    unit_and_file: Option<(String, PathBuf)>,
    folder: Option<PathBuf>,
) -> anyhow::Result<Vec<crate::submission::Submission>> {
    use crate::submission::{Submission, unit_of};
    if let Some((unit, file)) = unit_and_file {
        return Ok(vec![Submission {
            unit,
            source: read_input(&file)?,
        }]);
    }
    let folder = folder.expect("clap requires a unit and file, or a folder");
    let listing = std::fs::read_dir(&folder)
        .map_err(|e| Error::invalid(format!("cannot read folder `{}`: {e}", folder.display())))?;
    let mut paths: Vec<PathBuf> = listing
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| {
            path.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(is_submission_file)
        })
        .collect();
    paths.sort();
    if paths.is_empty() {
        return Err(
            Error::invalid(format!("folder `{}` has no .toml files", folder.display())).into(),
        );
    }
    let mut found = Vec::new();
    let mut diagnostics = Vec::new();
    for path in paths {
        let source = read_input(&path)?;
        match unit_of(&source) {
            Ok(unit) => found.push(Submission { unit, source }),
            Err(e) => diagnostics.extend(e.diagnostics),
        }
    }
    Error::check(
        diagnostics,
        |n| {
            format!(
                "{n} file(s) in `{}` cannot be read; nothing was stored",
                folder.display()
            )
        },
        "every file needs a `unit = \"CODE\"` key",
    )?;
    Ok(found)
}

/// Tells people, or scripts with `--json`, what a submission stored.
fn print_outcome(
    env: &Env,
    step: crate::steps::Step,
    outcome: &crate::submission::Outcome,
) -> anyhow::Result<()> {
    if env.ui.json {
        env.ui.json(&serde_json::json!({
            "stored": outcome.stored,
            "unchanged": outcome.unchanged,
            "seq": outcome.entry.as_ref().map(|e| e.seq),
        }))?;
    }
    if let Some(entry) = &outcome.entry {
        env.ui
            .done(&format!("{} (journal entry #{})", entry.summary, entry.seq));
    }
    if !outcome.unchanged.is_empty() {
        env.ui.status(&format!(
            "unchanged: the {step} of {} is already stored with the same content",
            outcome.unchanged.join(", ")
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn office_lock_files_are_not_submissions() {
        assert!(super::is_submission_file("C01.toml"));
        assert!(!super::is_submission_file("~$C01.toml"));
        assert!(!super::is_submission_file(".~C01.toml"));
        assert!(!super::is_submission_file("C01.toml.bak"));
    }
}
