//! The campaign lock: many readers or one writer, waiting a bounded time.
//!
//! On Unix the lock is taken on the campaign folder itself, not on a file in it: a lock file can
//! be deleted or replaced while a writer holds it, and the next writer would then lock a new file
//! and run alongside. A folder that holds the campaign cannot be deleted under a running command.

use std::fs::{File, TryLockError};
use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::Context as _;

use crate::error::{Error, Kind};
use crate::messages::store as words;

/// The longest wait `BANZI_LOCK_TIMEOUT` may ask for: a day.
const MAX_TIMEOUT_SECONDS: f64 = 86_400.0;

/// How long a command waits for another to finish before giving up.
pub(super) fn timeout() -> Result<Duration, Error> {
    let Ok(text) = std::env::var("BANZI_LOCK_TIMEOUT") else {
        return Ok(Duration::from_secs(10));
    };
    text.trim()
        .parse::<f64>()
        .ok()
        .filter(|s| (0.0..=MAX_TIMEOUT_SECONDS).contains(s))
        .map(Duration::from_secs_f64)
        .ok_or_else(|| {
            Error::new(
                Kind::Usage,
                words::bad_lock_timeout(&text, MAX_TIMEOUT_SECONDS),
            )
            .with_hint(words::lock_timeout_hint())
        })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    Read,
    Write,
}

/// Held for the life of a command; the OS releases it when the handle closes.
#[derive(Debug)]
pub struct Lock {
    _handle: File,
}

impl Lock {
    /// Takes the lock on the campaign at `root`.
    pub fn acquire(root: &Path, access: Access) -> anyhow::Result<Lock> {
        let handle = handle(root)?;
        let limit = timeout()?;
        let started = Instant::now();
        loop {
            let attempt = match access {
                Access::Read => handle.try_lock_shared(),
                Access::Write => handle.try_lock(),
            };
            match attempt {
                Ok(()) => return Ok(Lock { _handle: handle }),
                Err(TryLockError::WouldBlock) if started.elapsed() < limit => {
                    std::thread::sleep(Duration::from_millis(10));
                }
                Err(TryLockError::WouldBlock) => {
                    return Err(Error::new(
                        Kind::Other,
                        words::busy(limit.as_secs_f64(), root.display()),
                    )
                    .with_hint(words::busy_hint())
                    .into());
                }
                Err(TryLockError::Error(e)) => {
                    return Err(e).with_context(|| words::cannot_lock(root.display()));
                }
            }
        }
    }
}

#[cfg(unix)]
fn handle(root: &Path) -> anyhow::Result<File> {
    File::open(root).with_context(|| words::cannot_open_campaign_folder(root.display()))
}

/// Elsewhere a folder cannot be opened as a file; the lock file stands in for it.
#[cfg(not(unix))]
fn handle(root: &Path) -> anyhow::Result<File> {
    let path = root.join(super::LOCK_FILE);
    std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .with_context(|| words::cannot_open(path.display()))
}
