//! The campaign directory on disk: found, locked, recovered after an interruption, checked
//! against its journal, read with integrity checks, and written only through a [`Transaction`].
//!
//! Layout of a campaign:
//!
//! ```text
//! campaign.toml            settings, commented; people may edit them (journaled with the next change)
//! units.csv                the register of participating units
//! plans/UNIT.toml          each unit's work plan as submitted
//! self-assessments/UNIT.toml
//! inspections/UNIT/METHOD-N.toml
//! inspectors.csv           the inspectors' register
//! analysis/annual.csv, analysis/votes.csv, analysis/cleared-flags.csv
//! withdrawals.csv
//! shortlist/vN.toml, shortlist/versions.csv, shortlist/overrides.csv
//! journal.toml             the hash-chained history of every change: the truth
//! index.csv                every record's SHA-256, size, time, journal entry and step state;
//!                          a cache whose hash each journal entry records
//! .banzi/                  the work folder of a change in progress; absent at rest
//! ```

mod disk;
pub mod git;
mod index;
mod locate;
mod lock;
mod redo;
mod transaction;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use sha2::{Digest, Sha256};

pub use disk::Stamp;
pub use index::{INDEX_FILE, Index, IndexRow, Input};
pub use locate::{Origin, find_campaign, is_within};
pub use lock::Access;
use lock::Lock;
pub use redo::{Recovered, WORK_DIR};
pub use transaction::{Attribution, Transaction};

use crate::context::Context;
use crate::error::{Diagnostic, Error};
use crate::journal::{self, Damage, Entry};
use crate::messages::{Both, both, store as words};

pub const CAMPAIGN_FILE: &str = "campaign.toml";
pub const JOURNAL_FILE: &str = "journal.toml";
/// The lock file where a folder cannot be locked (not on Unix), and of campaigns made before.
pub const LOCK_FILE: &str = ".banzi.lock";
pub use crate::steps::UNITS_FILE;

pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Something in the campaign that disagrees with its journal. Its words are for people in either
/// language; `--json` shows them in English, the same whatever the language.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Problem {
    /// The file, relative to the campaign root.
    pub file: String,
    /// The journal entry involved, when there is one.
    pub entry: Option<u64>,
    /// What is wrong, said after the file's name.
    #[serde(serialize_with = "english")]
    pub message: Both,
    #[serde(serialize_with = "english")]
    pub fix: Both,
}

impl Problem {
    pub fn new(file: &str, entry: Option<u64>, message: Both, fix: Both) -> Problem {
        Problem {
            file: file.to_owned(),
            entry,
            message,
            fix,
        }
    }

    /// The problem as a diagnostic naming the file as the user reaches it.
    pub fn diagnostic(&self, root: &Path) -> Diagnostic {
        Diagnostic::new(
            &disk::join(root, &self.file),
            words::problem_with_fix(self.message.shown(), self.fix.shown()),
        )
    }
}

/// A text for people as `--json` keeps it: in English, whatever the language in force.
pub fn english<S: serde::Serializer>(text: &Both, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&text.en)
}

/// The fix of a record that is not what banzi wrote.
pub fn restore() -> Both {
    both(words::restore)
}

fn restore_or_accept() -> Both {
    both(words::restore_or_accept)
}

/// An open campaign directory, locked for the life of the value.
#[derive(Debug)]
pub struct Store {
    root: PathBuf,
    pub(crate) index: Index,
    journal: Vec<Entry>,
    /// The journal's length in bytes, where the next entry is appended.
    journal_len: u64,
    problems: Vec<Problem>,
    /// Records whose size or time changed but whose content did not; a change refreshes them.
    restamp: Vec<(String, Stamp)>,
    recovered: Option<Recovered>,
    access: Access,
    _lock: Lock,
}

impl Store {
    /// Opens the campaign at `root`, first finishing or undoing a change that was interrupted
    /// (journaled as done by `ctx`), and checks every record against the journal: what
    /// disagrees is in [`Store::problems`].
    pub fn open(root: &Path, access: Access, ctx: &Context) -> anyhow::Result<Store> {
        let mut lock = Lock::acquire(root, access)?;
        let mut held = access;
        let recovered = if matches!(disk::look(&root.join(WORK_DIR))?, disk::Found::Nothing) {
            None
        } else {
            if held == Access::Read {
                drop(lock);
                lock = Lock::acquire(root, Access::Write)?;
                held = Access::Write;
            }
            redo::recover(root)?
        };
        let mut store = Store::load(root, held, lock)?;
        if let Some(recovered) = recovered {
            if store.problems.is_empty() && store.head().is_some() {
                Transaction::new(&mut store, ctx).commit(recovered.summary())?;
            }
            store.recovered = Some(recovered);
        }
        Ok(store)
    }

    /// Makes a new, empty campaign directory for `banzi init`; refuses one that holds anything
    /// but what an interrupted `init` left, finishing or undoing that first.
    pub fn create(root: &Path, ctx: &Context) -> anyhow::Result<Store> {
        // A bad BANZI_LOCK_TIMEOUT is refused before a directory is made for nothing.
        lock::timeout()?;
        let exists = root.exists();
        if !exists {
            std::fs::create_dir_all(root)
                .with_context(|| words::cannot_create_directory(root.display()))?;
        }
        let lock = Lock::acquire(root, Access::Write)?;
        if exists {
            if let Some(recovered @ Recovered::RolledForward { .. }) = redo::recover(root)? {
                let mut store = Store::load(root, Access::Write, lock)?;
                if store.problems.is_empty() {
                    Transaction::new(&mut store, ctx).commit(recovered.summary())?;
                }
                return Err(Error::invalid(words::campaign_completed(root.display()))
                    .with_hint(words::go_on_with_units(root.display()))
                    .into());
            }
            if root.join(CAMPAIGN_FILE).exists() {
                return Err(Error::invalid(words::campaign_already(root.display()))
                    .with_hint(words::choose_another_for_new())
                    .into());
            }
            let mut entries = std::fs::read_dir(root)
                .with_context(|| words::cannot_read_directory(root.display()))?;
            if entries.next().is_some() {
                return Err(Error::invalid(words::directory_not_empty(root.display()))
                    .with_hint(words::choose_another())
                    .into());
            }
        }
        Ok(Store {
            root: root.to_path_buf(),
            index: Index::default(),
            journal: Vec::new(),
            journal_len: 0,
            problems: Vec::new(),
            restamp: Vec::new(),
            recovered: None,
            access: Access::Write,
            _lock: lock,
        })
    }

    fn load(root: &Path, access: Access, lock: Lock) -> anyhow::Result<Store> {
        let mut problems = Vec::new();
        let (journal, journal_len) = read_journal(root, &mut problems)?;
        for broken in journal::check_chain(&journal) {
            problems.push(Problem::new(
                JOURNAL_FILE,
                Some(broken.seq),
                broken.message,
                restore(),
            ));
        }
        let index = read_index(root, journal.last(), &mut problems)?;
        let mut store = Store {
            root: root.to_path_buf(),
            index,
            journal,
            journal_len,
            problems,
            restamp: Vec::new(),
            recovered: None,
            access,
            _lock: lock,
        };
        store.check_records()?;
        Ok(store)
    }

    /// Every record against the index: by size and time, hashing only what looks changed.
    fn check_records(&mut self) -> anyhow::Result<()> {
        // Each folder is looked at once, and one that is not a folder is one problem, however
        // many records are in it.
        let mut dirs_checked: HashMap<String, bool> = HashMap::new();
        let mut problems = Vec::new();
        for row in self.index.rows() {
            let mut dir = String::new();
            let mut parents_ok = true;
            let parents: Vec<&str> = row.path.split('/').collect();
            for part in &parents[..parents.len() - 1] {
                if !dir.is_empty() {
                    dir.push('/');
                }
                dir.push_str(part);
                if let Some(&ok) = dirs_checked.get(&dir) {
                    parents_ok = ok;
                } else {
                    let problem = match disk::look(&disk::join(&self.root, &dir))? {
                        disk::Found::Dir | disk::Found::Nothing => None,
                        disk::Found::File(_) => Some(Problem::new(
                            &dir,
                            None,
                            both(words::file_where_folder),
                            restore(),
                        )),
                        disk::Found::Other(what) => Some(Problem::new(
                            &dir,
                            None,
                            both(|| words::is_odd(&what.what())),
                            both(words::replace_with_real_folder),
                        )),
                    };
                    parents_ok = problem.is_none();
                    dirs_checked.insert(dir.clone(), parents_ok);
                    problems.extend(problem);
                }
                if !parents_ok {
                    break;
                }
            }
            if !parents_ok {
                continue;
            }
            let path = disk::join(&self.root, &row.path);
            match disk::look(&path)? {
                disk::Found::Nothing => problems.push(Problem::new(
                    &row.path,
                    Some(row.seq),
                    both(|| words::record_missing_since(row.seq)),
                    restore(),
                )),
                disk::Found::Dir => problems.push(Problem::new(
                    &row.path,
                    Some(row.seq),
                    both(words::folder_where_record),
                    restore(),
                )),
                disk::Found::Other(what) => problems.push(Problem::new(
                    &row.path,
                    Some(row.seq),
                    both(|| words::is_odd(&what.what())),
                    both(words::replace_link_with_real_file),
                )),
                disk::Found::File(metadata) => {
                    let stamp = Stamp::of(&metadata);
                    if stamp.size == row.size && stamp.mtime_ns == row.mtime_ns {
                        continue;
                    }
                    let bytes = disk::read_regular(&path)
                        .with_context(|| words::cannot_read(path.display()))?;
                    if sha256_hex(&bytes) == row.sha256 {
                        self.restamp.push((row.path.clone(), stamp));
                    } else if row.path != CAMPAIGN_FILE {
                        problems.push(changed_outside(&row.path, row.seq));
                    }
                }
            }
        }
        self.problems.extend(problems);
        Ok(())
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn index(&self) -> &Index {
        &self.index
    }

    /// Every journal entry, oldest first.
    pub fn journal(&self) -> &[Entry] {
        &self.journal
    }

    /// The latest journal entry.
    pub fn head(&self) -> Option<&Entry> {
        self.journal.last()
    }

    /// The number the next journal entry will have.
    pub fn next_seq(&self) -> u64 {
        self.head().map_or(1, |e| e.seq + 1)
    }

    /// Where the campaign disagrees with its journal, as found on opening.
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    /// What opening the campaign recovered from an interrupted change.
    pub fn recovered(&self) -> Option<&Recovered> {
        self.recovered.as_ref()
    }

    /// Refuses to go on with a campaign that disagrees with its journal.
    pub fn refuse_if_damaged(&self) -> Result<(), Error> {
        if self.problems.is_empty() {
            return Ok(());
        }
        Err(damaged(&self.root, &self.problems))
    }

    pub fn is_writable(&self) -> bool {
        self.access == Access::Write
    }

    /// Reads a record, refusing one that is not the one banzi last wrote.
    pub fn read_record(&self, relative: &str) -> anyhow::Result<String> {
        let path = disk::join(&self.root, relative);
        let Some(row) = self.index.get(relative) else {
            return Err(Error::integrity(words::not_in_index(relative, INDEX_FILE))
                .with_hint(words::run_verify())
                .into());
        };
        let bytes = match disk::read_regular(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(Error::integrity(words::record_missing(relative, row.seq))
                    .with_hint(words::restore_then_verify())
                    .into());
            }
            Err(_) if !matches!(disk::look(&path)?, disk::Found::File(_)) => {
                return Err(disk::not_regular(relative, &words::not_a_regular_file()).into());
            }
            Err(e) => return Err(e).with_context(|| words::cannot_read(path.display())),
        };
        let sha = sha256_hex(&bytes);
        if sha != row.sha256 {
            return Err(Error::integrity(words::record_changed(
                relative,
                &sha,
                row.seq,
                &row.sha256,
            ))
            .with_hint(words::record_changed_hint(&words::restore_or_accept()))
            .into());
        }
        String::from_utf8(bytes)
            .map_err(|_| Error::integrity(words::record_not_utf8(relative)).into())
    }

    /// Reads the rows of a table record; none when banzi never wrote it.
    pub fn read_table<T: Table>(&self) -> anyhow::Result<Vec<T>> {
        self.read_csv_record(T::PATH)
    }

    /// Reads a CSV record of serde rows; none when banzi never wrote it.
    fn read_csv_record<T: serde::de::DeserializeOwned>(
        &self,
        relative: &str,
    ) -> anyhow::Result<Vec<T>> {
        if self.index.get(relative).is_none() {
            return Ok(Vec::new());
        }
        let text = self.read_record(relative)?;
        Ok(crate::csv_cell::from_record(&text)
            .map_err(|e| Error::integrity(words::record_damaged(relative, e)))?)
    }

    /// Reads the current `campaign.toml` text and its SHA-256.
    pub fn read_settings(&self) -> anyhow::Result<(String, String)> {
        let path = self.root.join(CAMPAIGN_FILE);
        if let disk::Found::Other(what) = disk::look(&path)? {
            return Err(disk::not_regular(CAMPAIGN_FILE, &what.what()).into());
        }
        let bytes =
            disk::read_regular(&path).with_context(|| words::cannot_read(path.display()))?;
        let sha = sha256_hex(&bytes);
        let (text, _) = crate::import::decode(&path, &bytes)?;
        Ok((text, sha))
    }
}

/// The refusal of a campaign that disagrees with its journal, every problem named.
pub fn damaged(root: &Path, problems: &[Problem]) -> Error {
    Error::integrity(words::damaged(problems.len()))
        .with_diagnostics(problems.iter().map(|p| p.diagnostic(root)).collect())
        .with_hint(words::damaged_hint())
}

/// A record that is not what journal entry `seq` wrote.
pub fn changed_outside(relative: &str, seq: u64) -> Problem {
    Problem::new(
        relative,
        Some(seq),
        both(|| words::changed_outside_since(seq)),
        restore_or_accept(),
    )
}

/// The journal's entries and length; what cannot be read becomes a problem.
fn read_journal(root: &Path, problems: &mut Vec<Problem>) -> anyhow::Result<(Vec<Entry>, u64)> {
    let path = root.join(JOURNAL_FILE);
    match disk::look(&path)? {
        disk::Found::File(metadata) => {
            // The journal is appended in place: a second name for it would change with it.
            #[cfg(unix)]
            if std::os::unix::fs::MetadataExt::nlink(&metadata) > 1 {
                problems.push(Problem::new(
                    JOURNAL_FILE,
                    None,
                    both(words::journal_hard_link),
                    both(words::journal_own_name),
                ));
            }
            #[cfg(not(unix))]
            let _ = metadata;
        }
        disk::Found::Nothing => {
            problems.push(Problem::new(
                JOURNAL_FILE,
                None,
                both(words::journal_missing),
                restore(),
            ));
            return Ok((Vec::new(), 0));
        }
        disk::Found::Dir | disk::Found::Other(_) => {
            problems.push(Problem::new(
                JOURNAL_FILE,
                None,
                both(words::not_regular_no_links),
                both(words::replace_with_real_journal),
            ));
            return Ok((Vec::new(), 0));
        }
    }
    let bytes = disk::read_regular(&path).with_context(|| words::cannot_read(path.display()))?;
    let len = bytes.len() as u64;
    let Ok(text) = std::str::from_utf8(&bytes) else {
        problems.push(Problem::new(
            JOURNAL_FILE,
            None,
            both(words::not_utf8),
            restore(),
        ));
        return Ok((Vec::new(), len));
    };
    match journal::parse(text) {
        // `init` journals the campaign's first entry, so a campaign's journal is never empty;
        // an emptied one would otherwise leave the index unchecked and start a new chain.
        Ok(entries) if entries.is_empty() => {
            problems.push(Problem::new(
                JOURNAL_FILE,
                None,
                both(words::journal_emptied),
                restore(),
            ));
            Ok((entries, len))
        }
        Ok(entries) => Ok((entries, len)),
        Err(Damage::Torn { line, intact }) => {
            problems.push(Problem::new(
                JOURNAL_FILE,
                Some(intact.len() as u64 + 1),
                both(|| words::journal_torn(line)),
                both(words::journal_torn_fix),
            ));
            Ok((intact, len))
        }
        Err(Damage::Unreadable {
            line,
            column,
            message,
        }) => {
            problems.push(Problem::new(
                JOURNAL_FILE,
                None,
                both(|| words::journal_unreadable(line, column, &message)),
                restore(),
            ));
            Ok((Vec::new(), len))
        }
    }
}

/// The index, checked against the hash the journal's last entry recorded for it.
fn read_index(
    root: &Path,
    head: Option<&Entry>,
    problems: &mut Vec<Problem>,
) -> anyhow::Result<Index> {
    let path = root.join(INDEX_FILE);
    let bytes = match disk::look(&path)? {
        disk::Found::File(_) => {
            disk::read_regular(&path).with_context(|| words::cannot_read(path.display()))?
        }
        disk::Found::Nothing => {
            problems.push(Problem::new(
                INDEX_FILE,
                head.map(|e| e.seq),
                both(words::index_missing),
                restore(),
            ));
            return Ok(Index::default());
        }
        disk::Found::Dir | disk::Found::Other(_) => {
            problems.push(Problem::new(
                INDEX_FILE,
                None,
                both(words::not_regular_no_links),
                both(words::replace_with_real_index),
            ));
            return Ok(Index::default());
        }
    };
    if let Some(head) = head
        && sha256_hex(&bytes) != head.index_sha256
    {
        problems.push(Problem::new(
            INDEX_FILE,
            Some(head.seq),
            both(|| words::index_changed(head.seq)),
            restore(),
        ));
    }
    let text = String::from_utf8_lossy(&bytes);
    match Index::parse(&text) {
        Ok(index) => Ok(index),
        Err(e) => {
            problems.push(Problem::new(
                INDEX_FILE,
                None,
                both(|| words::record_damaged(INDEX_FILE, &e)),
                restore(),
            ));
            Ok(Index::default())
        }
    }
}

/// A record kept as one CSV table: its row type knows where the table lives, so a table is read
/// and written only through the store, by type, never by a path a module spells itself.
pub trait Table: serde::Serialize + serde::de::DeserializeOwned {
    /// Where the table lives, relative to the campaign root (from the step table).
    const PATH: &'static str;
}

/// Serde rows as the bytes of a CSV record, with a header row; no cell can run as a formula.
pub fn csv_bytes<T: serde::Serialize>(rows: &[T]) -> Vec<u8> {
    crate::csv_cell::to_record(rows)
}
