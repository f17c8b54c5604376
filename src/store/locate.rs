//! Finds the campaign directory the way cargo finds `Cargo.toml`.

use std::path::{Path, PathBuf};

use crate::error::{Error, Kind};
use crate::messages::store as words;
use crate::store::CAMPAIGN_FILE;

/// Where the campaign was named, for messages.
#[derive(Debug, Clone, Copy)]
pub enum Origin {
    Flag,
    Environment,
    WorkingDirectory,
}

/// The campaign directory: `-C/--campaign`, else `BANZI_CAMPAIGN`, else the nearest ancestor of
/// `cwd` holding a `campaign.toml`.
/// Whether `path`, which may not exist yet, is or would be inside the folder `root`: its nearest
/// existing ancestor decides, with links resolved. A file written there would travel with the
/// campaign (a secret key) or stand among its records (a document).
pub fn is_within(path: &Path, root: &Path) -> std::io::Result<bool> {
    use std::path::Component;
    // Resolved a component at a time: links while the path exists, then `..` by its words,
    // since a folder that does not exist yet cannot be a link.
    let mut resolved = if path.is_absolute() {
        PathBuf::new()
    } else {
        std::env::current_dir()?.canonicalize()?
    };
    for component in path.components() {
        match component {
            Component::Prefix(_) | Component::RootDir => resolved.push(component),
            Component::CurDir => {}
            Component::ParentDir => {
                resolved.pop();
            }
            Component::Normal(name) => {
                resolved.push(name);
                if resolved.exists() {
                    resolved = resolved.canonicalize()?;
                }
            }
        }
    }
    Ok(resolved.starts_with(root.canonicalize()?))
}

pub fn find_campaign(explicit: Option<(&Path, Origin)>, cwd: &Path) -> Result<PathBuf, Error> {
    if let Some((dir, origin)) = explicit {
        // Kept as the user gave it, so messages name files the way the user does.
        if cwd.join(dir).join(CAMPAIGN_FILE).is_file() {
            return Ok(dir.to_path_buf());
        }
        let named_by = match origin {
            Origin::Flag => "-C/--campaign".to_owned(),
            Origin::Environment => "BANZI_CAMPAIGN".to_owned(),
            Origin::WorkingDirectory => words::the_working_directory(),
        };
        return Err(Error::new(
            Kind::Other,
            words::not_a_campaign(dir.display(), &named_by, CAMPAIGN_FILE),
        )
        .with_hint(words::not_a_campaign_hint()));
    }
    cwd.ancestors()
        .find(|dir| dir.join(CAMPAIGN_FILE).is_file())
        .map(Path::to_path_buf)
        .ok_or_else(|| {
            Error::new(
                Kind::Other,
                words::campaign_not_found(CAMPAIGN_FILE, cwd.display()),
            )
            .with_hint(words::campaign_not_found_hint())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_up_to_the_nearest_campaign() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("c");
        std::fs::create_dir_all(root.join("plans/deep")).unwrap();
        std::fs::write(root.join(CAMPAIGN_FILE), "").unwrap();
        assert_eq!(find_campaign(None, &root.join("plans/deep")).unwrap(), root);
    }

    #[test]
    fn outside_a_campaign_says_how_to_make_one() {
        let tmp = tempfile::tempdir().unwrap();
        let err = find_campaign(None, tmp.path()).unwrap_err();
        assert!(err.message.contains("could not find `campaign.toml`"));
        assert!(err.hint.unwrap().contains("banzi init"));
        let err =
            find_campaign(Some((Path::new("nowhere"), Origin::Flag)), tmp.path()).unwrap_err();
        assert!(err.message.contains("-C/--campaign"));
    }
}
