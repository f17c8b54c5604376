//! The redo log that makes every change all-or-nothing.
//!
//! A change is staged whole in the work folder `.banzi/`: each new record and the new index,
//! synced, then a manifest naming them. Appending the journal entry is the single commit point;
//! only then are the staged files moved into place and the work folder removed. A command that
//! finds a work folder left by an interrupted one rolls the change forward when its entry is in
//! the journal and back when it is not, before it does anything else.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use serde::{Deserialize, Serialize};

use super::disk::{self, Found, Stamp};
use super::{JOURNAL_FILE, sha256_hex};
use crate::error::Error;
use crate::journal::Entry;
use crate::messages::{Both, both, store as words};

/// The work folder of a change in progress; absent at rest.
pub const WORK_DIR: &str = ".banzi";
const MANIFEST: &str = "manifest.toml";
const MANIFEST_PART: &str = "manifest.toml.part";

/// What a staged change will do once committed.
#[derive(Debug, Serialize, Deserialize)]
struct Manifest {
    seq: u64,
    hash: String,
    /// The journal's length before the entry was appended; the change is undone by cutting back.
    journal_len: u64,
    command: String,
    #[serde(default, rename = "file")]
    files: Vec<StagedFile>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct StagedFile {
    /// The name in the work folder.
    staged: String,
    /// Where it goes, relative to the campaign root.
    path: String,
    sha256: String,
}

impl StagedFile {
    /// Whether it names a file of the work folder and a place inside the campaign, as every
    /// manifest banzi writes does: one that does not was planted, and recovering it would move
    /// files across the campaign's edge.
    fn stays_inside(&self) -> bool {
        let plain =
            |part: &str| !part.is_empty() && part != "." && part != ".." && !part.contains('\\');
        !self.staged.contains('/') && plain(&self.staged) && self.path.split('/').all(plain)
    }
}

/// A change being staged.
#[derive(Debug)]
pub struct Staging {
    root: PathBuf,
    dir: PathBuf,
    files: Vec<StagedFile>,
}

impl Staging {
    /// Makes the work folder; an interrupted change has been recovered before this.
    pub fn begin(root: &Path) -> anyhow::Result<Staging> {
        let dir = root.join(WORK_DIR);
        if !matches!(disk::look(&dir)?, Found::Nothing) {
            return Err(Error::integrity(words::change_unfinished(WORK_DIR))
                .with_hint(words::run_again_recovers())
                .into());
        }
        disk::make_dirs(root, Path::new(WORK_DIR))?;
        Ok(Staging {
            root: root.to_path_buf(),
            dir,
            files: Vec::new(),
        })
    }

    /// Stages the new bytes of the record at `path`; gives the stamp it will have in place.
    /// A place that could not take it (a link, a folder) is refused now, before the commit.
    pub fn stage(&mut self, path: &str, bytes: &[u8]) -> anyhow::Result<Stamp> {
        disk::check_target(&self.root, path)?;
        let staged = (self.files.len() + 1).to_string();
        let stamp = disk::create_synced(&self.dir.join(&staged), bytes)?;
        self.files.push(StagedFile {
            staged,
            path: path.to_owned(),
            sha256: sha256_hex(bytes),
        });
        Ok(stamp)
    }

    /// Removes what was staged of a change that will not be committed.
    pub fn abandon(self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }

    /// Commits `entry` by appending it to the journal, then moves the staged files into place.
    pub fn commit(self, entry: &Entry, journal_len: u64) -> anyhow::Result<()> {
        let manifest = Manifest {
            seq: entry.seq,
            hash: entry.hash.clone(),
            journal_len,
            command: entry.command.clone(),
            files: self.files,
        };
        let text = toml::to_string(&manifest).with_context(words::cannot_write_manifest)?;
        let part = self.dir.join(MANIFEST_PART);
        disk::create_synced(&part, text.as_bytes())?;
        disk::rename(&part, &self.dir.join(MANIFEST))?;
        disk::sync_dir(&self.dir)?;
        disk::append_synced(&self.root.join(JOURNAL_FILE), entry.to_toml().as_bytes())?;
        if journal_len == 0 {
            disk::sync_dir(&self.root)?;
        }
        apply(&self.root, &self.dir, &manifest.files)?;
        finish(&self.root, &self.dir)
    }
}

/// Moves every staged file that is still staged into place, and syncs the folders it touched.
fn apply(root: &Path, dir: &Path, files: &[StagedFile]) -> anyhow::Result<()> {
    let mut touched = BTreeSet::new();
    for file in files {
        let relative_dir = Path::new(&file.path)
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        let target = disk::join(root, &file.path);
        let staged = dir.join(&file.staged);
        match disk::look(&staged)? {
            Found::File(_) => {
                disk::make_dirs(root, &relative_dir)?;
                if let Found::Dir | Found::Other(_) = disk::look(&target)? {
                    return Err(disk::not_regular(&file.path, &words::not_a_regular_file()).into());
                }
                disk::rename(&staged, &target)?;
                touched.insert(relative_dir);
            }
            // Moved before the interruption: then it must be in place as staged.
            _ => {
                let in_place = disk::read_regular(&target)
                    .map(|b| sha256_hex(&b) == file.sha256)
                    .unwrap_or(false);
                if !in_place {
                    return Err(
                        Error::integrity(words::neither_staged_nor_in_place(&file.path))
                            .with_hint(words::restore_campaign_then_verify())
                            .into(),
                    );
                }
            }
        }
    }
    for relative_dir in touched {
        disk::sync_dir(&root.join(relative_dir))?;
    }
    Ok(())
}

/// Removes the work folder, its manifest first: a folder without one holds nothing committed.
fn finish(root: &Path, dir: &Path) -> anyhow::Result<()> {
    disk::remove_file(&dir.join(MANIFEST))?;
    disk::remove_dir_all(dir)?;
    disk::sync_dir(root)
}

/// What recovery did with a change it found interrupted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Recovered {
    /// Its entry was in the journal: the records were moved into place.
    RolledForward { seq: u64, command: String },
    /// Its entry was not (or only partly) written: nothing of it was kept.
    RolledBack { command: String },
    /// It was interrupted while staging, before it named its files.
    Discarded,
    /// It had finished but for removing its empty work folder.
    Tidied,
}

impl Recovered {
    /// The journal's summary of the recovery, in both languages.
    pub fn summary(&self) -> Both {
        both(|| match self {
            Recovered::RolledForward { seq, command } => words::rolled_forward(*seq, command),
            Recovered::RolledBack { command } => words::rolled_back(command),
            Recovered::Discarded => words::discarded(),
            Recovered::Tidied => words::tidied(),
        })
    }
}

/// Finishes or undoes a change left in the work folder; nothing when there is none.
pub fn recover(root: &Path) -> anyhow::Result<Option<Recovered>> {
    let dir = root.join(WORK_DIR);
    match disk::look(&dir)? {
        Found::Nothing => return Ok(None),
        Found::Dir => {}
        Found::File(_) => return Err(disk::not_regular(WORK_DIR, &words::a_file()).into()),
        Found::Other(what) => return Err(disk::not_regular(WORK_DIR, &what.what()).into()),
    }
    let manifest_path = dir.join(MANIFEST);
    let manifest: Manifest = match disk::look(&manifest_path)? {
        Found::Nothing => {
            let staged = std::fs::read_dir(&dir)
                .with_context(|| words::cannot_read(dir.display()))?
                .next()
                .is_some();
            finish(root, &dir)?;
            return Ok(Some(if staged {
                Recovered::Discarded
            } else {
                Recovered::Tidied
            }));
        }
        Found::File(_) => {
            let bytes = disk::read_regular(&manifest_path)
                .with_context(|| words::cannot_read(manifest_path.display()))?;
            std::str::from_utf8(&bytes)
                .ok()
                .and_then(|text| toml::from_str(text).ok())
                .ok_or_else(|| {
                    Error::integrity(words::manifest_damaged(&format!("{WORK_DIR}/{MANIFEST}")))
                        .with_hint(words::restore_campaign_then_verify())
                })?
        }
        Found::Dir | Found::Other(_) => {
            return Err(
                disk::not_regular(&format!("{WORK_DIR}/{MANIFEST}"), &words::not_a_file()).into(),
            );
        }
    };
    if let Some(file) = manifest.files.iter().find(|f| !f.stays_inside()) {
        return Err(Error::integrity(words::manifest_outside(
            &format!("{WORK_DIR}/{MANIFEST}"),
            &file.staged,
            &file.path,
        ))
        .with_hint(words::move_work_dir_out(WORK_DIR))
        .into());
    }
    let journal = root.join(JOURNAL_FILE);
    let bytes = match disk::look(&journal)? {
        Found::File(_) => {
            disk::read_regular(&journal).with_context(|| words::cannot_read(journal.display()))?
        }
        Found::Nothing => Vec::new(),
        Found::Dir | Found::Other(_) => {
            return Err(disk::not_regular(JOURNAL_FILE, &words::not_a_regular_file()).into());
        }
    };
    let Some(appended) = bytes.get(manifest.journal_len as usize..) else {
        return Err(Error::integrity(words::journal_shorter(JOURNAL_FILE))
            .with_hint(words::restore_campaign_then_verify())
            .into());
    };
    if is_the_entry(appended, &manifest) {
        apply(root, &dir, &manifest.files)?;
        finish(root, &dir)?;
        return Ok(Some(Recovered::RolledForward {
            seq: manifest.seq,
            command: manifest.command,
        }));
    }
    if manifest.journal_len == 0 {
        // The change was the campaign's first: the journal it began is undone whole.
        disk::remove_file(&journal)?;
    } else if !appended.is_empty() {
        disk::truncate_synced(&journal, manifest.journal_len)?;
    }
    finish(root, &dir)?;
    Ok(Some(Recovered::RolledBack {
        command: manifest.command,
    }))
}

/// Whether the journal's tail is exactly the committed entry the manifest names.
fn is_the_entry(appended: &[u8], manifest: &Manifest) -> bool {
    let Ok(text) = std::str::from_utf8(appended) else {
        return false;
    };
    match crate::journal::parse(text) {
        Ok(entries) => {
            entries.len() == 1
                && entries[0].seq == manifest.seq
                && entries[0].hash == manifest.hash
                && entries[0].digest() == manifest.hash
        }
        Err(_) => false,
    }
}
