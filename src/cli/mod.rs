//! The command line: global flags, one dispatch, and the one exit path.

mod archive;
mod commend;
mod completions;
mod fonts;
mod help;
mod init;
mod inspect;
mod inspectors;
mod log;
mod man;
mod next;
mod output;
mod plan;
mod publicize;
mod reopen;
mod self_assess;
mod shortlist;
mod status;
mod units;
mod verify;
mod withdraw;

use std::ffi::OsString;
use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory as _, FromArgMatches as _, Parser, Subcommand};

use crate::campaign::Campaign;
use crate::context::Context;
use crate::error::Error;
use crate::messages::Lang;
use crate::store::{Access, Origin, find_campaign};
pub use output::Ui;

// The command line; its help is in the catalogue (`crate::messages::help`), put in by
// `command`, not in doc comments, which clap would take for help.
#[derive(Debug, Parser)]
#[command(name = "banzi", version, max_term_width = 100)]
pub struct Cli {
    #[arg(short = 'C', long = "campaign", global = true, value_name = "DIR")]
    campaign: Option<PathBuf>,

    #[arg(long, global = true, env = "BANZI_OPERATOR", value_name = "NAME")]
    operator: Option<String>,

    #[arg(long, global = true)]
    json: bool,

    #[arg(short, long, global = true)]
    quiet: bool,

    #[arg(long, global = true, value_name = "DATE")]
    today: Option<String>,

    // Read before parsing too, by `language`, so that help and usage errors are in it.
    // The names `Lang::parse` takes, so that the flag and BANZI_LANG agree.
    #[arg(
        long,
        global = true,
        value_name = "LANG",
        ignore_case = true,
        value_parser = clap::builder::PossibleValuesParser::new([
            clap::builder::PossibleValue::new("zh-CN").aliases(["zh", "zh_CN", "zh-Hans"]),
            clap::builder::PossibleValue::new("en"),
        ])
    )]
    lang: Option<String>,

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
    Next(next::NextArgs),
    Log(log::LogArgs),
    Reopen(reopen::ReopenArgs),
    Withdraw(withdraw::WithdrawArgs),
    Veto(withdraw::VetoArgs),
    Disqualify(withdraw::DisqualifyArgs),
    Shortlist(shortlist::ShortlistArgs),
    Publicize(publicize::PublicizeArgs),
    Commend(commend::CommendArgs),
    Verify(verify::VerifyArgs),
    Archive(archive::ArchiveArgs),
    Fonts(fonts::FontsArgs),
    Completions(completions::CompletionsArgs),
    Man(man::ManArgs),
}

/// What every command gets: the output, and the way to the campaign and the context.
pub struct Env {
    pub ui: Ui,
    campaign_flag: Option<PathBuf>,
    operator: Option<String>,
    command_line: String,
    today: Option<String>,
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

    /// Opens the campaign for reading; refuses one that disagrees with its journal.
    pub fn read(&self) -> anyhow::Result<Campaign> {
        Campaign::open(&self.campaign_root()?, Access::Read, &self.context()?)
    }

    /// Opens the campaign for reading as it is found, integrity problems and all.
    pub fn read_as_found(&self) -> anyhow::Result<Campaign> {
        Campaign::open_as_found(&self.campaign_root()?, Access::Read, &self.context()?)
    }

    /// Opens the campaign for a change, with the context the change is attributed to.
    pub fn write(&self) -> anyhow::Result<(Campaign, Context)> {
        let ctx = self.context()?;
        Ok((
            Campaign::open(&self.campaign_root()?, Access::Write, &ctx)?,
            ctx,
        ))
    }

    pub fn context(&self) -> anyhow::Result<Context> {
        Ok(Context::new(
            self.operator.clone(),
            self.command_line.clone(),
            self.today.as_deref(),
        )?)
    }
}

/// What the journal keeps of a secret argument's value.
const REDACTED: &str = "(redacted)";

/// The command line as typed, quoted so it can be pasted back into a shell, with the values of
/// secret arguments (a reporter's name and contact) left out: the journal is kept in the open.
fn command_line(args: &[OsString]) -> String {
    let mut words: Vec<String> = std::iter::once("banzi".to_owned())
        .chain(
            args.iter()
                .skip(1)
                .map(|a| a.to_string_lossy().into_owned()),
        )
        .collect();
    let mut secret_next = false;
    for word in words.iter_mut().skip(1) {
        if std::mem::take(&mut secret_next) {
            *word = REDACTED.to_owned();
            continue;
        }
        if word == "--" {
            break;
        }
        match word.split_once('=') {
            Some((flag, _)) if publicize::SECRET_FLAGS.contains(&flag) => {
                *word = format!("{flag}={REDACTED}");
            }
            None if publicize::SECRET_FLAGS.contains(&word.as_str()) => secret_next = true,
            _ => {}
        }
    }
    shlex::try_join(words.iter().map(String::as_str)).unwrap_or_else(|_| words.join(" "))
}

/// Whether the command line gives a secret argument, whose words are never repeated.
fn names_a_secret(args: &[OsString]) -> bool {
    args.iter().skip(1).any(|a| {
        let word = a.to_string_lossy();
        let flag = word.split_once('=').map_or(&*word, |(flag, _)| flag);
        publicize::SECRET_FLAGS.contains(&flag)
    })
}

/// The command line's definition with its help in the language in force.
pub fn command() -> clap::Command {
    help::localize(Cli::command(), "")
}

/// The language asked for by `--lang` (looked for before parsing, so that help and usage errors
/// are in it too), `BANZI_LANG` or the locale.
fn language(args: &[OsString]) -> Result<Lang, crate::messages::UnknownLang> {
    let mut words = args.iter().skip(1).map(|a| a.to_string_lossy());
    let mut flag = None;
    while let Some(word) = words.next() {
        if word == "--" {
            break;
        }
        if word == "--lang" {
            flag = words.next().map(|w| w.into_owned());
            break;
        }
        if let Some(value) = word.strip_prefix("--lang=") {
            flag = Some(value.to_owned());
            break;
        }
    }
    crate::messages::choose(
        flag.as_deref(),
        |name| std::env::var(name).ok(),
        crate::messages::system_locale,
    )
}

/// Parses the command line, runs the command, prints any error, and gives the exit code.
pub fn run() -> ExitCode {
    let args: Vec<OsString> = std::env::args_os().collect();
    match language(&args) {
        Ok(lang) => crate::messages::set(lang),
        Err(unknown) => {
            let error = Error::new(
                crate::error::Kind::Usage,
                crate::messages::output::unknown_lang(
                    unknown.origin,
                    &unknown.value.escape_debug().to_string(),
                ),
            )
            .with_hint(crate::messages::output::unknown_lang_hint(
                &Lang::NAMES.join(", "),
            ));
            Ui::new(false, false).error(&error.into());
            return ExitCode::from(crate::error::Kind::Usage.exit_code());
        }
    }
    let parsed = command()
        .try_get_matches_from(&args)
        .and_then(|matches| Cli::from_arg_matches(&matches));
    let cli = match parsed {
        Ok(cli) => cli,
        // The parser quotes the words it stumbled on, which may be a reporter's name.
        Err(e) if e.use_stderr() && names_a_secret(&args) => {
            let error = Error::new(
                crate::error::Kind::Usage,
                crate::messages::cli::secret_usage_error(),
            )
            .with_hint(crate::messages::cli::secret_usage_hint());
            Ui::new(false, false).error(&error.into());
            return ExitCode::from(e.exit_code() as u8);
        }
        Err(e) if e.use_stderr() => {
            let _ = write!(anstream::stderr().lock(), "{}", help::usage_error(&e));
            return ExitCode::from(e.exit_code() as u8);
        }
        Err(e) if crate::messages::lang() == Lang::Zh => {
            let _ = write!(anstream::stdout().lock(), "{}", help::rendered(&e));
            return ExitCode::from(e.exit_code() as u8);
        }
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
        today: cli.today,
    };
    let result = match cli.command {
        Command::Init(args) => init::run(&env, args),
        Command::Units(args) => units::run(&env, args),
        Command::Plan(args) => plan::run(&env, args),
        Command::SelfAssess(args) => self_assess::run(&env, args),
        Command::Inspect(args) => inspect::run(&env, args),
        Command::Inspectors(args) => inspectors::run(&env, args),
        Command::Status(args) => status::run(&env, args),
        Command::Next(args) => next::run(&env, args),
        Command::Log(args) => log::run(&env, args),
        Command::Reopen(args) => reopen::run(&env, args),
        Command::Withdraw(args) => withdraw::withdraw(&env, args),
        Command::Veto(args) => withdraw::veto(&env, args),
        Command::Disqualify(args) => withdraw::disqualify(&env, args),
        Command::Shortlist(args) => shortlist::run(&env, args),
        Command::Publicize(args) => publicize::run(&env, args),
        Command::Commend(args) => commend::run(&env, args),
        Command::Verify(args) => verify::run(&env, args),
        Command::Archive(args) => archive::run(&env, args),
        Command::Fonts(args) => fonts::run(&env, args),
        Command::Completions(args) => completions::run(&env, args),
        Command::Man(args) => man::run(&env, args),
    };
    for warning in crate::store::git::take_warnings() {
        env.ui.warn(&warning);
    }
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            env.ui.error(&error);
            ExitCode::from(crate::error::exit_code(&error))
        }
    }
}

/// What a printed document calls the journal head it was printed from.
const HEAD_LABEL: &str = "日志头";

/// The journal head a document or export is printed from, `SEQ:HASH`, for `banzi verify --head`.
fn head(campaign: &Campaign) -> String {
    campaign
        .store
        .head()
        .map_or_else(String::new, crate::journal::Entry::head)
}

// `template UNIT [--xlsx [--out FILE]]`, the same for every step that has a form; a plain
// comment, as a doc comment would become clap's help, which lives in the catalogue.
#[derive(Debug, clap::Args)]
struct TemplateArgs {
    unit: String,
    #[arg(long)]
    xlsx: bool,
    #[arg(short, long, value_name = "FILE", requires = "xlsx")]
    out: Option<std::path::PathBuf>,
}

/// Reads an input file named on the command line.
fn read_input(path: &std::path::Path) -> anyhow::Result<crate::import::Source> {
    read_sheet(path, None)
}

/// Reads a table named on the command line: a CSV file, or a sheet of a workbook (`--sheet`,
/// else its first).
fn read_sheet(
    path: &std::path::Path,
    sheet: Option<&str>,
) -> anyhow::Result<crate::import::Source> {
    crate::import::Source::read_sheet(path, sheet).map_err(|e| match e.downcast::<Error>() {
        Ok(e) => e.into(),
        // `import` names the file and quotes the file system's own words.
        Err(other) => Error::invalid(format!("{other:#}"))
            .with_hint(crate::messages::cli::check_file_name())
            .into(),
    })
}

/// Warns of the columns of an imported file that banzi did not use, so none is dropped unseen.
fn warn_ignored_columns(env: &Env, file: &std::path::Path, columns: &[String]) {
    if !columns.is_empty() {
        env.ui.warn(&crate::messages::cli::ignored_columns(
            &file.display().to_string(),
            &columns.join("`, `"),
        ));
    }
}

/// What a file in a folder of submissions is taken for, by its name.
#[derive(Debug, PartialEq, Eq)]
enum FolderFile {
    /// A `.toml` file, or a workbook (a form), read.
    Submission,
    /// A lock, backup or hidden file that Excel, WPS or an editor leaves beside the real one.
    Ignored,
    /// Plainly not a submission, such as `notes.txt`: named in a warning.
    Other,
    /// Meant as a submission but named so that it would be skipped: the import is refused, and
    /// this says how to rename it.
    Misnamed(String),
}

fn folder_file(name: &std::ffi::OsStr) -> FolderFile {
    let Some(name) = name.to_str() else {
        return FolderFile::Misnamed(crate::messages::cli::name_not_utf8());
    };
    if name.starts_with('.') || name.starts_with('~') {
        return FolderFile::Ignored;
    }
    if name.ends_with(".toml") || crate::import::workbook::is_workbook(std::path::Path::new(name)) {
        return FolderFile::Submission;
    }
    // Windows drops trailing dots and spaces, and hides a `.txt` that Notepad adds.
    let meant = name.trim_end_matches([' ', '.']);
    let meant = meant.strip_suffix(".txt").unwrap_or(meant);
    match meant.len().checked_sub(".toml".len()) {
        Some(stem)
            if meant.is_char_boundary(stem) && meant[stem..].eq_ignore_ascii_case(".toml") =>
        {
            FolderFile::Misnamed(crate::messages::cli::rename_to(&format!(
                "{}.toml",
                &meant[..stem]
            )))
        }
        _ => FolderFile::Other,
    }
}

/// The files submitted for a step, and the cells of the forms among them, by which the problems
/// the step finds in a form are told.
struct Submitted {
    list: Vec<crate::submission::Submission>,
    forms: Vec<crate::forms::Cells>,
}

impl Submitted {
    /// `result`, its problems in the forms placed at their cells.
    fn placed<T>(&self, result: anyhow::Result<T>) -> anyhow::Result<T> {
        result.map_err(|e| crate::forms::place(e, &self.forms))
    }
}

/// Reads a single file for `unit`, or every submission file in `folder` with the unit each names.
/// A file that looks meant as a submission but would be skipped for its name refuses the import.
/// A workbook is read as a form of `step`, into the TOML of its record.
fn submissions(
    env: &Env,
    step: crate::steps::Step,
    unit_and_file: Option<(String, PathBuf)>,
    folder: Option<PathBuf>,
) -> anyhow::Result<Submitted> {
    use crate::messages::cli as say;
    use crate::submission::{Submission, unit_of};
    // A form's lists are the campaign's words; the campaign is read for them once, if a form
    // comes.
    let mut settings = None;
    let mut form = |path: &std::path::Path, unit: Option<&str>| -> anyhow::Result<_> {
        if settings.is_none() {
            settings = Some(env.read()?.settings);
        }
        let settings = settings.as_ref().expect("read above");
        crate::forms::read(path, step, unit, settings)
    };
    let mut submitted = Submitted {
        list: Vec::new(),
        forms: Vec::new(),
    };
    if let Some((unit, file)) = unit_and_file {
        let source = if crate::import::workbook::is_workbook(&file) {
            let filled = form(&file, Some(&unit))?;
            submitted.forms.push(filled.cells);
            filled.source
        } else {
            read_input(&file)?
        };
        submitted.list.push(Submission { unit, source });
        return Ok(submitted);
    }
    let folder = folder.expect("clap requires a unit and file, or a folder");
    let shown = folder.display().to_string();
    let unreadable = |e: std::io::Error| {
        Error::invalid(say::cannot_read_folder(
            &shown,
            &crate::import::io_cause(&e),
        ))
    };
    let mut paths = Vec::new();
    let mut others = Vec::new();
    let mut misnamed = Vec::new();
    for entry in std::fs::read_dir(&folder).map_err(unreadable)? {
        let path = entry.map_err(unreadable)?.path();
        match folder_file(path.file_name().unwrap_or_default()) {
            FolderFile::Submission => paths.push(path),
            FolderFile::Ignored => {}
            FolderFile::Other => others.push(path),
            FolderFile::Misnamed(fix) => {
                misnamed.push(crate::error::Diagnostic::new(&path, fix));
            }
        }
    }
    misnamed.sort_by(|a, b| a.file.cmp(&b.file));
    Error::check(
        misnamed,
        |n| say::misnamed_files(n, &shown),
        &say::rename_and_import_again(),
    )?;
    paths.sort();
    if paths.is_empty() {
        return Err(Error::invalid(say::no_toml_files(&shown)).into());
    }
    if !others.is_empty() {
        others.sort();
        let files = others
            .iter()
            .map(|p| format!("`{}`", p.file_name().unwrap_or_default().to_string_lossy()))
            .collect::<Vec<_>>();
        env.ui.warn(&say::not_submissions(
            &shown,
            &files.join(&say::separator()),
        ));
    }
    let mut diagnostics = Vec::new();
    let mut unreadable_forms = Vec::new();
    for path in paths {
        if crate::import::workbook::is_workbook(&path) {
            match form(&path, None) {
                Ok(filled) => {
                    submitted.forms.push(filled.cells);
                    submitted.list.push(Submission {
                        unit: filled.unit,
                        source: filled.source,
                    });
                }
                Err(e) => match e.downcast::<Error>() {
                    Ok(e) if e.diagnostics.is_empty() => {
                        unreadable_forms.push(crate::error::Diagnostic::new(&path, e.message));
                    }
                    Ok(e) => unreadable_forms.extend(e.diagnostics),
                    Err(other) => return Err(other),
                },
            }
            continue;
        }
        let source = read_input(&path)?;
        match unit_of(&source) {
            Ok(unit) => submitted.list.push(Submission { unit, source }),
            Err(e) => diagnostics.extend(e.diagnostics),
        }
    }
    Error::check(
        unreadable_forms,
        |n| crate::messages::forms::forms_unreadable(n, &shown),
        &crate::messages::forms::form_unreadable_hint(&crate::forms::template_command(
            step, "UNIT",
        )),
    )?;
    Error::check(
        diagnostics,
        |n| say::unreadable_files(n, &shown),
        &say::needs_unit_key(),
    )?;
    Ok(submitted)
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
        env.ui.committed(entry);
    }
    if !outcome.unchanged.is_empty() {
        env.ui.status(&crate::submission::unchanged_message(
            step,
            &outcome.unchanged.join(&crate::messages::cli::separator()),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_journal_keeps_no_reporter() {
        let typed = |words: &[&str]| {
            super::command_line(
                &words
                    .iter()
                    .map(std::ffi::OsString::from)
                    .collect::<Vec<_>>(),
            )
        };
        assert_eq!(
            typed(&[
                "banzi",
                "publicize",
                "feedback",
                "add",
                "--reporter",
                "王某",
                "--reporter-contact=139 0000",
                "--summary",
                "--reporter",
            ]),
            "banzi publicize feedback add --reporter '(redacted)' '--reporter-contact=(redacted)' --summary --reporter"
        );
        assert_eq!(
            typed(&[
                "banzi",
                "publicize",
                "feedback",
                "add",
                "--",
                "--reporter",
                "x"
            ]),
            "banzi publicize feedback add -- --reporter x"
        );
    }

    #[test]
    fn folder_files_are_read_ignored_named_or_refused_by_their_names() {
        use super::FolderFile::*;
        use super::folder_file;
        use std::ffi::OsStr;
        assert_eq!(folder_file(OsStr::new("C01.toml")), Submission);
        for form in ["C01-plan.xlsx", "C01-plan.XLSX", "C02.xls", "C03.ods"] {
            assert_eq!(folder_file(OsStr::new(form)), Submission, "{form}");
        }
        for lock in [
            "~$C01.toml",
            ".~C01.toml",
            ".~lock.C01.toml#",
            ".DS_Store",
            "~$C01-plan.xlsx",
            ".~C01-plan.xlsx",
            ".~lock.C01-plan.xlsx#",
        ] {
            assert_eq!(folder_file(OsStr::new(lock)), Ignored, "{lock}");
        }
        for other in ["notes.txt", "C01.toml.bak", "toml", "说明.docx"] {
            assert_eq!(folder_file(OsStr::new(other)), Other, "{other}");
        }
        for (name, fixed) in [
            ("C03.TOML", "C03.toml"),
            ("C04.toml ", "C04.toml"),
            ("C05.Toml.", "C05.toml"),
            ("C06.toml.txt", "C06.toml"),
            ("东湖区.TOML", "东湖区.toml"),
        ] {
            assert_eq!(
                folder_file(OsStr::new(name)),
                Misnamed(format!("rename it to `{fixed}`")),
                "{name}"
            );
        }
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStrExt as _;
            assert!(matches!(
                folder_file(OsStr::from_bytes(b"C07\xFF.toml")),
                Misnamed(_)
            ));
        }
    }
}
