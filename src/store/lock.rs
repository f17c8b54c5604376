//! The campaign lock: many readers or one writer, waiting a bounded time.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::Context as _;

use crate::error::{Error, Kind};

/// How long a command waits for another to finish before giving up.
fn timeout() -> Duration {
    std::env::var("BANZI_LOCK_TIMEOUT")
        .ok()
        .and_then(|s| s.parse::<f64>().ok())
        .filter(|s| s.is_finite() && *s >= 0.0)
        .map_or(Duration::from_secs(10), Duration::from_secs_f64)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    Read,
    Write,
}

/// Held for the life of a command; the OS releases it when the file closes.
#[derive(Debug)]
pub struct Lock {
    _file: Option<File>,
}

impl Lock {
    /// Takes the lock on `path`. A reader of a campaign without a lock file (one copied without
    /// it) reads unlocked rather than creating the file, so reading never changes the directory.
    pub fn acquire(path: &Path, access: Access) -> anyhow::Result<Lock> {
        let file = match access {
            Access::Read => match File::open(path) {
                Ok(f) => f,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    return Ok(Lock { _file: None });
                }
                Err(e) => {
                    return Err(e).with_context(|| format!("cannot open `{}`", path.display()));
                }
            },
            Access::Write => OpenOptions::new()
                .create(true)
                .truncate(false)
                .write(true)
                .open(path)
                .with_context(|| format!("cannot open `{}`", path.display()))?,
        };
        let limit = timeout();
        let started = Instant::now();
        loop {
            let attempt = match access {
                Access::Read => file.try_lock_shared(),
                Access::Write => file.try_lock(),
            };
            match attempt {
                Ok(()) => return Ok(Lock { _file: Some(file) }),
                Err(TryLockError::WouldBlock) if started.elapsed() < limit => {
                    std::thread::sleep(Duration::from_millis(25));
                }
                Err(TryLockError::WouldBlock) => {
                    return Err(Error::new(
                        Kind::Other,
                        format!(
                            "another banzi command is using this campaign; gave up after {:.1} s waiting for `{}`",
                            limit.as_secs_f64(),
                            path.display()
                        ),
                    )
                    .with_hint("run the command again when the other one has finished (BANZI_LOCK_TIMEOUT sets the wait in seconds)")
                    .into());
                }
                Err(TryLockError::Error(e)) => {
                    return Err(e).with_context(|| format!("cannot lock `{}`", path.display()));
                }
            }
        }
    }
}
