//! The campaign directory on disk: found, locked, read with integrity checks, and written only
//! through a [`crate::journal::Transaction`].
//!
//! Layout of a campaign:
//!
//! ```text
//! campaign.toml            settings, commented; people may edit them
//! units.csv                the register of participating units
//! plans/UNIT.toml          each unit's work plan as submitted
//! self-assessments/UNIT.toml
//! index.csv                every record's SHA-256, journal entry and step state
//! journal.toml             append-only history of every change
//! .banzi.lock              the lock file; holds no data
//! ```

mod index;
mod locate;
mod lock;

use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use sha2::{Digest, Sha256};

pub use index::{INDEX_FILE, Index, IndexRow};
pub use locate::{Origin, find_campaign};
pub use lock::Access;
use lock::Lock;

use crate::error::Error;

pub const CAMPAIGN_FILE: &str = "campaign.toml";
pub const JOURNAL_FILE: &str = "journal.toml";
pub const LOCK_FILE: &str = ".banzi.lock";
pub const UNITS_FILE: &str = "units.csv";

pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// An open campaign directory, locked for the life of the value.
#[derive(Debug)]
pub struct Store {
    root: PathBuf,
    pub(crate) index: Index,
    access: Access,
    _lock: Lock,
}

impl Store {
    /// Opens the campaign at `root` for reading or writing.
    pub fn open(root: &Path, access: Access) -> anyhow::Result<Store> {
        let lock = Lock::acquire(&root.join(LOCK_FILE), access)?;
        let index_path = root.join(INDEX_FILE);
        let text = std::fs::read_to_string(&index_path).map_err(|e| {
            Error::integrity(format!(
                "cannot read `{}`: {e}; the campaign's record index is missing or unreadable",
                index_path.display()
            ))
            .with_hint("restore the campaign directory from a backup or version control")
        })?;
        Ok(Store {
            root: root.to_path_buf(),
            index: Index::parse(&text)?,
            access,
            _lock: lock,
        })
    }

    /// Makes a new, empty campaign directory for `banzi init`; refuses one that holds anything.
    pub fn create(root: &Path) -> anyhow::Result<Store> {
        if root.exists() {
            let mut entries = std::fs::read_dir(root)
                .with_context(|| format!("cannot read directory `{}`", root.display()))?;
            if entries.next().is_some() {
                return Err(Error::invalid(format!(
                    "`{}` is not empty; a campaign starts in a new or empty directory",
                    root.display()
                ))
                .with_hint("choose another directory name")
                .into());
            }
        }
        std::fs::create_dir_all(root)
            .with_context(|| format!("cannot create directory `{}`", root.display()))?;
        let lock = Lock::acquire(&root.join(LOCK_FILE), Access::Write)?;
        Ok(Store {
            root: root.to_path_buf(),
            index: Index::default(),
            access: Access::Write,
            _lock: lock,
        })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn index(&self) -> &Index {
        &self.index
    }

    pub fn is_writable(&self) -> bool {
        self.access == Access::Write
    }

    /// Reads a record, refusing one that is not the one banzi last wrote.
    pub fn read_record(&self, relative: &str) -> anyhow::Result<String> {
        let path = self.root.join(relative);
        let Some(row) = self.index.get(relative) else {
            return Err(Error::integrity(format!(
                "`{relative}` is not in the campaign's index `{INDEX_FILE}`"
            ))
            .with_hint("run `banzi verify` to check the whole campaign")
            .into());
        };
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(Error::integrity(format!(
                    "`{relative}` is missing; banzi wrote it in journal entry #{}",
                    row.seq
                ))
                .with_hint("restore it from a backup or version control; `banzi verify` checks every record")
                .into());
            }
            Err(e) => return Err(e).with_context(|| format!("cannot read `{}`", path.display())),
        };
        let sha = sha256_hex(&bytes);
        if sha != row.sha256 {
            return Err(Error::integrity(format!(
                "`{relative}` was changed outside banzi: its SHA-256 is {sha}, \
                 but journal entry #{} wrote {}",
                row.seq, row.sha256
            ))
            .with_hint(
                "restore the file from a backup or version control, or submit a correction through banzi; \
                 `banzi verify` checks every record",
            )
            .into());
        }
        String::from_utf8(bytes)
            .map_err(|_| Error::integrity(format!("`{relative}` is not UTF-8 text")).into())
    }

    /// Whether a record on disk is still the one the index says banzi wrote.
    pub fn is_intact(&self, relative: &str) -> bool {
        self.index.get(relative).is_some_and(|row| {
            std::fs::read(self.root.join(relative))
                .is_ok_and(|bytes| sha256_hex(&bytes) == row.sha256)
        })
    }

    /// Reads a CSV record of serde rows; none when banzi never wrote it.
    pub fn read_csv_record<T: serde::de::DeserializeOwned>(
        &self,
        relative: &str,
    ) -> anyhow::Result<Vec<T>> {
        if self.index.get(relative).is_none() {
            return Ok(Vec::new());
        }
        let text = self.read_record(relative)?;
        Ok(crate::csv_cell::from_record(&text)
            .map_err(|e| Error::integrity(format!("`{relative}` is damaged: {e}")))?)
    }

    /// Reads the current `campaign.toml` text and its SHA-256.
    pub fn read_settings(&self) -> anyhow::Result<(String, String)> {
        let path = self.root.join(CAMPAIGN_FILE);
        let bytes =
            std::fs::read(&path).with_context(|| format!("cannot read `{}`", path.display()))?;
        let sha = sha256_hex(&bytes);
        let (text, _) = crate::import::decode(&path, &bytes)?;
        Ok((text, sha))
    }
}

/// Serde rows as the bytes of a CSV record, with a header row; no cell can run as a formula.
pub fn csv_bytes<T: serde::Serialize>(rows: &[T]) -> Vec<u8> {
    crate::csv_cell::to_record(rows)
}

/// Writes `bytes` to `path` through a temporary file, flushed and renamed into place.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create directory `{}`", parent.display()))?;
    }
    let mut file = atomic_write_file::AtomicWriteFile::open(path)
        .with_context(|| format!("cannot write `{}`", path.display()))?;
    file.write_all(bytes)
        .with_context(|| format!("cannot write `{}`", path.display()))?;
    file.commit()
        .with_context(|| format!("cannot write `{}`", path.display()))?;
    Ok(())
}

/// Appends `bytes` to `path` and syncs it; the journal is only ever appended to.
pub(crate) fn append(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .with_context(|| format!("cannot open `{}`", path.display()))?;
    file.write_all(bytes)
        .and_then(|()| file.sync_data())
        .with_context(|| format!("cannot append to `{}`", path.display()))
}
