//! Every change the store makes to the disk, each a fault point, none through a symlink.
//!
//! `BANZI_FAULT_AT=N` kills the process at the Nth write point (a file created, written, synced,
//! renamed or removed, a folder made, the journal appended to or cut back), so tests can prove
//! that a change interrupted anywhere leaves the campaign all-old or all-new. Unset, a point costs
//! one relaxed atomic add.

use std::fs::{File, OpenOptions};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::UNIX_EPOCH;

use anyhow::Context as _;

use crate::error::Error;
use crate::messages::store as words;

static POINTS: AtomicU64 = AtomicU64::new(0);

fn fault_at() -> Option<u64> {
    static AT: OnceLock<Option<u64>> = OnceLock::new();
    *AT.get_or_init(|| {
        std::env::var("BANZI_FAULT_AT")
            .ok()
            .and_then(|n| n.parse().ok())
    })
}

/// Counts a write point and, when it is the one `BANZI_FAULT_AT` names, dies as a power cut would.
fn point() {
    let n = POINTS.fetch_add(1, Ordering::Relaxed) + 1;
    if fault_at() == Some(n) {
        kill_self();
    }
}

#[cfg(unix)]
fn kill_self() {
    // SAFETY: raising a signal in our own process has no memory-safety preconditions.
    unsafe {
        libc::raise(libc::SIGKILL);
    }
}

#[cfg(not(unix))]
fn kill_self() {
    std::process::abort();
}

/// A file's size and modification time, as `index.csv` keeps them to notice a change cheaply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub size: u64,
    pub mtime_ns: u64,
}

impl Stamp {
    pub fn of(metadata: &std::fs::Metadata) -> Stamp {
        let mtime_ns = metadata
            .modified()
            .ok()
            .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
            .map_or(0, |d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX));
        Stamp {
            size: metadata.len(),
            mtime_ns,
        }
    }
}

/// What is at a path, without following a symlink there.
#[derive(Debug)]
pub enum Found {
    Nothing,
    File(std::fs::Metadata),
    Dir,
    /// A symlink or anything that is neither a regular file nor a folder.
    Other(Odd),
}

/// What is found where a file or a folder was expected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Odd {
    Link,
    Special,
}

impl Odd {
    /// What it is, said after "is", in the language in force.
    pub fn what(self) -> String {
        match self {
            Odd::Link => words::a_symbolic_link(),
            Odd::Special => words::not_a_regular_file(),
        }
    }
}

pub fn look(path: &Path) -> anyhow::Result<Found> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => Ok(Found::Other(Odd::Link)),
        Ok(m) if m.is_file() => Ok(Found::File(m)),
        Ok(m) if m.is_dir() => Ok(Found::Dir),
        Ok(_) => Ok(Found::Other(Odd::Special)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Found::Nothing),
        Err(e) => Err(e).with_context(|| words::cannot_look_at(path.display())),
    }
}

/// The refusal of a symlink (or device, pipe…) where banzi keeps a record or a folder; `what`
/// it is, in the language in force.
pub fn not_regular(relative: &str, what: &str) -> Error {
    Error::integrity(words::not_regular(relative, what))
        .with_hint(words::not_regular_hint(relative))
}

/// Opens a record for reading, refusing a symlink at the last step of the path.
pub fn open_regular(path: &Path) -> std::io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.custom_flags(libc::O_NOFOLLOW);
    }
    options.open(path)
}

/// Reads a whole record, refusing a symlink at the last step of the path.
pub fn read_regular(path: &Path) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(&mut open_regular(path)?, &mut bytes)?;
    Ok(bytes)
}

/// Makes `dir` (below `root`) and every folder above it, refusing a symlink on the way.
pub fn make_dirs(root: &Path, relative_dir: &Path) -> anyhow::Result<()> {
    let mut path = root.to_path_buf();
    for component in relative_dir.components() {
        path.push(component);
        match look(&path)? {
            Found::Dir => {}
            Found::Nothing => {
                point();
                std::fs::create_dir(&path)
                    .with_context(|| words::cannot_create_folder(path.display()))?;
            }
            Found::File(_) => {
                return Err(Error::integrity(words::file_where_folder_at(path.display())).into());
            }
            Found::Other(what) => {
                return Err(not_regular(&path.display().to_string(), &what.what()).into());
            }
        }
    }
    Ok(())
}

/// Refuses a record path whose folders or file could not take a record: a link, a file where a
/// folder belongs, a folder where the record belongs.
pub fn check_target(root: &Path, relative: &str) -> anyhow::Result<()> {
    let mut path = root.to_path_buf();
    let parts: Vec<&str> = relative.split('/').collect();
    for (i, part) in parts.iter().enumerate() {
        path.push(part);
        let last = i + 1 == parts.len();
        match look(&path)? {
            Found::Nothing => return Ok(()),
            Found::Dir if !last => {}
            Found::File(_) if last => {}
            Found::Other(what) => {
                return Err(not_regular(&parts[..=i].join("/"), &what.what()).into());
            }
            _ => {
                return Err(
                    Error::integrity(words::in_the_way(&parts[..=i].join("/"), relative))
                        .with_hint(words::move_out_then_verify())
                        .into(),
                );
            }
        }
    }
    Ok(())
}

/// Writes a new file (never replacing one) and syncs it; gives its stamp.
pub fn create_synced(path: &Path, bytes: &[u8]) -> anyhow::Result<Stamp> {
    point();
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .with_context(|| words::cannot_create(path.display()))?;
    point();
    file.write_all(bytes)
        .with_context(|| words::cannot_write(path.display()))?;
    point();
    file.sync_all()
        .with_context(|| words::cannot_sync(path.display()))?;
    let metadata = file
        .metadata()
        .with_context(|| words::cannot_read_size(path.display()))?;
    Ok(Stamp::of(&metadata))
}

/// Moves `from` onto `to` in one step; a symlink at `to` is replaced, never followed.
pub fn rename(from: &Path, to: &Path) -> anyhow::Result<()> {
    point();
    std::fs::rename(from, to).with_context(|| words::cannot_move(from.display(), to.display()))
}

/// Syncs a folder, so the names made or moved in it survive a power cut.
pub fn sync_dir(dir: &Path) -> anyhow::Result<()> {
    #[cfg(unix)]
    {
        point();
        File::open(dir)
            .and_then(|d| d.sync_all())
            .with_context(|| words::cannot_sync_folder(dir.display()))?;
    }
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// Appends to the journal and syncs it: the single moment a change becomes committed.
pub fn append_synced(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let mut options = OpenOptions::new();
    options.create(true).append(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.custom_flags(libc::O_NOFOLLOW);
    }
    point();
    let mut file = options
        .open(path)
        .with_context(|| words::cannot_open(path.display()))?;
    point();
    file.write_all(bytes)
        .with_context(|| words::cannot_append(path.display()))?;
    point();
    file.sync_all()
        .with_context(|| words::cannot_sync(path.display()))
}

/// Cuts the journal back to `len` bytes: an interrupted append is undone.
pub fn truncate_synced(path: &Path, len: u64) -> anyhow::Result<()> {
    point();
    let file = OpenOptions::new()
        .write(true)
        .open(path)
        .with_context(|| words::cannot_open(path.display()))?;
    point();
    file.set_len(len)
        .and_then(|()| file.sync_all())
        .with_context(|| words::cannot_cut_back(path.display()))
}

pub fn remove_file(path: &Path) -> anyhow::Result<()> {
    point();
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            Err(e).with_context(|| words::cannot_remove(path.display()))
        }
        _ => Ok(()),
    }
}

/// Removes a folder of banzi's own and what is in it.
pub fn remove_dir_all(path: &Path) -> anyhow::Result<()> {
    point();
    match std::fs::remove_dir_all(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            Err(e).with_context(|| words::cannot_remove(path.display()))
        }
        _ => Ok(()),
    }
}

/// `root/relative` for a record path written with `/`.
pub fn join(root: &Path, relative: &str) -> PathBuf {
    relative
        .split('/')
        .fold(root.to_path_buf(), |p, c| p.join(c))
}
