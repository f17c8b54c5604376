//! Files banzi writes outside the campaign (archives, list exports, forms): written whole under
//! a hidden name beside where they go, then put in place, so that the name shows a whole file or
//! none, never half of one, even if the power fails.

use std::fs::File;
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// A file being written beside where it goes; removed unless put in place.
pub struct Partial(PathBuf);

impl Partial {
    /// The hidden name beside `out`, named by the process so that two writers never share it.
    pub fn beside(out: &Path) -> Partial {
        let name = out.file_name().unwrap_or_default().to_string_lossy();
        let partial = format!(".{name}.{}.partial", std::process::id());
        Partial(match out.parent().filter(|p| !p.as_os_str().is_empty()) {
            Some(dir) => dir.join(partial),
            None => PathBuf::from(partial),
        })
    }

    /// `bytes` written and synced beside `out`.
    pub fn write(out: &Path, bytes: &[u8]) -> std::io::Result<Partial> {
        let partial = Partial::beside(out);
        let mut file = partial.create()?;
        file.write_all(bytes)?;
        file.sync_all()?;
        Ok(partial)
    }

    /// The partial file, made new, to be written and synced by the caller.
    pub fn create(&self) -> std::io::Result<File> {
        File::create_new(&self.0)
    }

    /// Puts the file at `out`, replacing the file there, if any, in one step.
    pub fn replace(self, out: &Path) -> std::io::Result<()> {
        std::fs::rename(&self.0, out)
    }

    /// Puts the file at `out`, never over a file there, which is an `AlreadyExists` error: by a
    /// hard link where the file system has them, else by copying it into a new file.
    pub fn place_new(self, out: &Path) -> std::io::Result<()> {
        match std::fs::hard_link(&self.0, out) {
            Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => {
                let mut file = File::create_new(out)?;
                std::io::copy(&mut File::open(&self.0)?, &mut file)?;
                file.sync_all()
            }
            placed => placed,
        }
        // Dropping `self` removes the partial name, whichever way the file was placed.
    }
}

impl Drop for Partial {
    fn drop(&mut self) {
        // Gone already once renamed into place.
        let _ = std::fs::remove_file(&self.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_file_never_replaces_one_and_leaves_no_partial_behind() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("名单.xlsx");
        Partial::write(&out, b"first")
            .unwrap()
            .place_new(&out)
            .unwrap();
        let again = Partial::write(&out, b"second").unwrap().place_new(&out);
        assert_eq!(again.unwrap_err().kind(), std::io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read(&out).unwrap(), b"first");
        Partial::write(&out, b"third")
            .unwrap()
            .replace(&out)
            .unwrap();
        assert_eq!(std::fs::read(&out).unwrap(), b"third");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "{names:?}");
    }
}
