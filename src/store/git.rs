//! History through git: with `[git] autocommit = true` in `campaign.toml`, each journal entry is
//! also a git commit of exactly the files it touched, when the campaign folder is in a work tree.
//!
//! banzi runs the `git` program rather than linking a git library: no heavy dependency, and the
//! user's own git (its configuration, identity, hooks and signing) applies as if they had
//! committed by hand. The change is journaled before git is asked, so a missing git, a folder
//! outside a work tree or a failed commit never undoes it: they are warnings, kept here until
//! the command line takes them with [`take_warnings`] (the domain never prints).

use std::cell::RefCell;
use std::path::Path;
use std::process::Command;

use serde::Deserialize;

use crate::journal::Entry;
use crate::messages::git as words;

use super::{CAMPAIGN_FILE, INDEX_FILE, JOURNAL_FILE};

/// The `[git]` table of `campaign.toml`; optional, off by default.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GitSettings {
    #[serde(default)]
    pub autocommit: bool,
}

/// Only the `[git]` table, read by the store, which is below the settings.
#[derive(Deserialize)]
struct OnlyGit {
    #[serde(default)]
    git: Option<GitSettings>,
}

thread_local! {
    static WARNINGS: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// The warnings of git commits that failed during this command, for the command line to print.
pub fn take_warnings() -> Vec<String> {
    WARNINGS.with(|w| std::mem::take(&mut *w.borrow_mut()))
}

/// Whether `campaign.toml` at `root` asks for autocommit; a file that does not read says no
/// (the settings' own check reports it).
fn autocommit(root: &Path) -> bool {
    std::fs::read_to_string(root.join(CAMPAIGN_FILE))
        .ok()
        .and_then(|text| toml::from_str::<OnlyGit>(&text).ok())
        .and_then(|only| only.git)
        .is_some_and(|git| git.autocommit)
}

/// Commits `entry`'s files to git when the campaign asks for it; a failure is kept as a
/// warning, never returned.
pub(super) fn after_commit(root: &Path, entry: &Entry) {
    if !autocommit(root) {
        return;
    }
    if let Err(problem) = commit(root, entry) {
        let warning = words::not_committed(&entry.cite(), &problem);
        WARNINGS.with(|w| w.borrow_mut().push(warning));
    }
}

/// The paths, relative to the campaign folder, that `entry` changed: its records, the journal
/// and the index, each once.
fn paths(entry: &Entry) -> Vec<String> {
    let mut paths: Vec<String> = entry.records.iter().map(|r| r.path.clone()).collect();
    paths.extend([JOURNAL_FILE.to_owned(), INDEX_FILE.to_owned()]);
    paths.sort();
    paths.dedup();
    paths
}

/// The commit message: the English summary, then the entry's facts, one a line.
fn message(entry: &Entry) -> String {
    let mut text = format!(
        "{}\n\nseq: {}\noperator: {}\ntime: {}\ncommand: {}\n",
        entry.summary, entry.seq, entry.operator, entry.time, entry.command
    );
    if let Some(reason) = &entry.reason {
        text.push_str(&format!("reason: {reason}\n"));
    }
    text.push_str("records:\n");
    for record in &entry.records {
        text.push_str(&format!("  {}\n", record.path));
    }
    text
}

/// `git -C root` with pathspecs taken literally.
fn git(root: &Path) -> Command {
    let mut cmd = Command::new("git");
    cmd.arg("-C").arg(root).arg("--literal-pathspecs");
    cmd
}

/// Runs `cmd`, giving its stdout, or what went wrong in words.
fn run(mut cmd: Command) -> Result<String, String> {
    let output = cmd
        .output()
        .map_err(|e| words::git_not_run(&e.to_string()))?;
    if output.status.success() {
        Ok(String::from_utf8_lossy(&output.stdout).trim().to_owned())
    } else {
        let said = String::from_utf8_lossy(&output.stderr).trim().to_owned();
        Err(words::git_failed(&said))
    }
}

fn commit(root: &Path, entry: &Entry) -> Result<(), String> {
    let inside = git(root)
        .args(["rev-parse", "--is-inside-work-tree"])
        .output()
        .map_err(|e| words::git_not_run(&e.to_string()))?;
    // git ran: failing, or saying anything but `true`, it found no work tree here.
    if !inside.status.success() || inside.stdout.trim_ascii() != b"true" {
        return Err(words::not_a_work_tree(&root.display().to_string()));
    }
    let paths = paths(entry);
    let mut add = git(root);
    add.args(["add", "--"]).args(&paths);
    run(add)?;

    let mut commit = git(root);
    let mut name = git(root);
    name.args(["config", "user.name"]);
    // Someone with no git identity still gets a commit, in the operator's name.
    if run(name).unwrap_or_default().is_empty() {
        commit
            .arg("-c")
            .arg(format!("user.name={}", entry.operator))
            .args(["-c", "user.email=banzi@localhost"]);
    }
    commit
        .args(["commit", "--quiet", "-m", &message(entry), "--"])
        .args(&paths);
    run(commit).map(drop)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_git_table_is_optional_and_off_by_default() {
        let read = |text: &str| {
            toml::from_str::<OnlyGit>(text)
                .unwrap()
                .git
                .is_some_and(|g| g.autocommit)
        };
        assert!(!read("schema_version = 1\n"));
        assert!(!read("[git]\n"));
        assert!(read("[git]\nautocommit = true\n"));
    }
}
