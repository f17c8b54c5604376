//! Reporters' identities (实名举报人), kept confidential: encrypted on entry with age to the
//! campaign's recipient, whose identity (the secret key) is kept outside the campaign folder, so
//! that a campaign copied, archived or put under version control holds no reporter's name.
//!
//! The recipient is post-quantum (age's ML-KEM-768 + X25519 hybrid): a name sealed today must
//! stay sealed for as long as the archive is kept.

use std::io::Write as _;
use std::path::Path;
use std::str::FromStr as _;

use age::secrecy::ExposeSecret as _;
use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::messages::publicize as words;

/// A signed report's reporter, in the clear: only ever in memory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reporter {
    pub name: String,
    pub contact: String,
}

/// A new identity and its recipient, the public half that goes into `campaign.toml`.
pub struct KeyPair {
    identity: age::pq::Identity,
    pub recipient: String,
}

pub fn generate() -> KeyPair {
    let identity = age::pq::Identity::generate();
    let recipient = identity.to_public().to_string();
    KeyPair {
        identity,
        recipient,
    }
}

/// Writes the identity to `out`, readable by its owner alone; refuses a file inside the
/// campaign or one that exists.
pub fn write_identity(pair: &KeyPair, out: &Path, campaign_root: &Path) -> anyhow::Result<()> {
    let shown = out.display().to_string();
    match crate::store::is_within(out, campaign_root) {
        Ok(true) => {
            return Err(Error::invalid(words::identity_inside(&shown))
                .with_hint(words::identity_outside_hint())
                .into());
        }
        Ok(false) => {}
        Err(e) => {
            return Err(Error::invalid(words::identity_folder(
                &shown,
                &crate::import::io_cause(&e),
            ))
            .into());
        }
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(out).map_err(|e| {
        let message = if e.kind() == std::io::ErrorKind::AlreadyExists {
            words::identity_exists(&shown)
        } else {
            words::identity_unwritable(&shown, &crate::import::io_cause(&e))
        };
        Error::invalid(message)
    })?;
    let text = format!(
        "# {}\n# public key: {}\n{}\n",
        words::identity_comment(),
        pair.recipient,
        pair.identity.to_string().expose_secret()
    );
    file.write_all(text.as_bytes())
        .and_then(|()| file.sync_all())
        .map_err(|e| {
            Error::invalid(words::identity_unwritable(
                &shown,
                &crate::import::io_cause(&e),
            ))
        })?;
    Ok(())
}

/// Encrypts a reporter's name and contact to `recipient`, as hex for a table's cell.
pub fn seal(recipient: &str, name: &str, contact: &str) -> anyhow::Result<String> {
    let recipient = age::pq::Recipient::from_str(recipient.trim())
        .map_err(|_| Error::invalid(words::bad_recipient_in_settings()))?;
    let plain = serde_json::to_vec(&Reporter {
        name: name.to_owned(),
        contact: contact.to_owned(),
    })?;
    let sealed = age::encrypt(&recipient, &plain).map_err(|e| {
        Error::new(
            crate::error::Kind::Other,
            words::cannot_seal(&e.to_string()),
        )
    })?;
    Ok(hex::encode(sealed))
}

/// Reads the identity in `path`, as `publicize keygen` wrote it.
pub fn load(path: &Path) -> anyhow::Result<age::pq::Identity> {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| {
        Error::invalid(words::identity_unreadable(
            &shown,
            &crate::import::io_cause(&e),
        ))
    })?;
    text.lines()
        .map(str::trim)
        .find(|line| !line.is_empty() && !line.starts_with('#'))
        .and_then(|line| age::pq::Identity::from_str(line).ok())
        .ok_or_else(|| {
            Error::invalid(words::not_an_identity(&shown))
                .with_hint(words::identity_hint())
                .into()
        })
}

/// Decrypts opinion `id`'s sealed reporter with `identity`.
pub fn open(identity: &age::pq::Identity, sealed: &str, id: &str) -> anyhow::Result<Reporter> {
    let wrong = || Error::invalid(words::wrong_identity(id)).with_hint(words::identity_hint());
    let bytes = hex::decode(sealed).map_err(|_| wrong())?;
    let plain = age::decrypt(identity, &bytes).map_err(|_| wrong())?;
    Ok(serde_json::from_slice(&plain).map_err(|_| wrong())?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_reporter_opens_with_its_identity_only() {
        let pair = generate();
        let sealed = seal(&pair.recipient, "王某", "139 0000 0000").unwrap();
        assert!(!sealed.contains("王某"));
        let reporter = open(&pair.identity, &sealed, "F1").unwrap();
        assert_eq!(reporter.name, "王某");
        assert_eq!(reporter.contact, "139 0000 0000");
        let other = generate();
        assert!(open(&other.identity, &sealed, "F1").is_err());
    }

    #[test]
    fn the_identity_is_refused_inside_the_campaign_and_kept_private_outside() {
        let campaign = tempfile::tempdir().unwrap();
        let pair = generate();
        assert!(write_identity(&pair, &campaign.path().join("key.txt"), campaign.path()).is_err());
        let home = tempfile::tempdir().unwrap();
        let out = home.path().join("key.txt");
        write_identity(&pair, &out, campaign.path()).unwrap();
        assert!(
            write_identity(&pair, &out, campaign.path()).is_err(),
            "never overwritten"
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = std::fs::metadata(&out).unwrap().permissions().mode();
            assert_eq!(mode & 0o077, 0);
        }
        let identity = load(&out).unwrap();
        let sealed = seal(&pair.recipient, "李某", "").unwrap();
        assert_eq!(open(&identity, &sealed, "F1").unwrap().name, "李某");
    }
}
