//! The open campaign: its store, locked and checked against the journal, and its validated
//! settings; what every command starts from.

use crate::context::Context;
use crate::import::Source;
use crate::settings::{Settings, parse};
use crate::store::{Access, CAMPAIGN_FILE, Store};
use crate::units::Register;

/// An open campaign: its store, locked, and its validated settings.
#[derive(Debug)]
pub struct Campaign {
    pub store: Store,
    pub settings: Settings,
    /// The fingerprint of the settings as read, edits included ([`crate::settings::fingerprint`]).
    pub settings_sha256: String,
}

impl Campaign {
    /// Opens the campaign at `root`, validating `campaign.toml` first; refuses a campaign that
    /// disagrees with its journal.
    pub fn open(root: &std::path::Path, access: Access, ctx: &Context) -> anyhow::Result<Campaign> {
        let campaign = Campaign::open_as_found(root, access, ctx)?;
        campaign.store.refuse_if_damaged()?;
        Ok(campaign)
    }

    /// Opens the campaign whatever its integrity problems, for the commands that report them.
    pub fn open_as_found(
        root: &std::path::Path,
        access: Access,
        ctx: &Context,
    ) -> anyhow::Result<Campaign> {
        let store = Store::open(root, access, ctx)?;
        let (text, sha256) = store.read_settings()?;
        let source = Source::new(
            root.join(CAMPAIGN_FILE),
            text,
            crate::import::Encoding::Utf8,
            sha256,
        );
        let settings = parse(&source)?;
        Ok(Campaign {
            store,
            settings,
            settings_sha256: crate::settings::fingerprint(&source.text),
        })
    }

    pub fn register(&self) -> anyhow::Result<Register> {
        Register::load(&self.store)
    }

    /// Where `unit` stands on every step.
    pub fn steps_of(&self, unit: &str) -> crate::steps::UnitSteps {
        self.store
            .index()
            .steps_of(unit, &self.settings.scoring.required_methods)
    }
}
