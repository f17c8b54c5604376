//! Stored versions of the preliminary list, and whether the latest is stale.
//!
//! Each `banzi shortlist` run stores `shortlist/vN.toml`: every unit's figures, the checks that
//! decided it, any override in force, and the SHA-256 and state of every record it was drawn
//! from. `shortlist/versions.csv` lists the versions with a fingerprint of those inputs, so
//! `status` can tell a stale list from the index alone.

use serde::{Deserialize, Serialize};

use super::rules::{CategoryPlaces, Check, CriterionScore, Decision};
use crate::campaign::Campaign;
use crate::messages::{Both, both, shortlist as words};
use crate::steps::Step;
use crate::store::CAMPAIGN_FILE;
use crate::units::Category;

pub use crate::steps::VERSIONS_FILE;

pub use crate::store::Input;

/// The inputs of a list as they stand now, and their fingerprint.
pub fn current_inputs(campaign: &Campaign) -> (Vec<Input>, String) {
    campaign
        .store
        .index()
        .drawn_from(Step::Shortlist, &campaign.settings_sha256)
}

/// A department decision on top of the rules (`shortlist adjust`), attributed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Override {
    pub unit: String,
    /// `included` or `excluded`.
    pub decision: Decision,
    pub reason: String,
    pub operator: String,
    pub time: String,
    pub seq: u64,
}

impl crate::store::Table for Override {
    const PATH: &'static str = crate::steps::OVERRIDES_FILE;
}

impl Override {
    /// The reason with who made the adjustment, when, and in which journal entry, in Chinese,
    /// as documents give it.
    pub fn attributed(&self) -> String {
        crate::messages::both(|| self.attributed_shown()).zh
    }

    /// The same in the language in force.
    pub fn attributed_shown(&self) -> String {
        words::override_attributed(
            &self.reason,
            &self.operator,
            &short_time(&self.time),
            self.seq,
        )
    }
}

/// One unit's place in a version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ListedUnit {
    pub unit: String,
    pub name: String,
    pub category: Category,
    pub rank: Option<usize>,
    pub composite: Option<f64>,
    pub inspection_part: f64,
    pub democratic_part: f64,
    pub annual_grade: Option<String>,
    pub open_flags: Vec<String>,
    pub computed_decision: Decision,
    pub decision: Decision,
    pub tie_at_edge: bool,
    #[serde(rename = "override")]
    pub adjustment: Option<Override>,
    #[serde(rename = "criterion")]
    pub criteria: Vec<CriterionScore>,
    #[serde(rename = "check")]
    pub checks: Vec<Check>,
    /// The withdrawal in force when the list was drawn, attributed.
    #[serde(default)]
    pub withdrawal: Option<RulingNote>,
    /// The veto in force when the list was drawn, attributed.
    #[serde(default)]
    pub veto: Option<RulingNote>,
    /// The disqualification in force when the list was drawn, attributed.
    #[serde(default)]
    pub disqualification: Option<RulingNote>,
    /// Weighed rater groups that did not vote for the unit, in words: their weight went to the
    /// other groups.
    #[serde(default)]
    pub vote_gaps: Vec<String>,
}

pub use crate::rulings::RulingNote;

impl ListedUnit {
    /// Every failed rule, the place against the quota, a tie at its edge, and the override, in
    /// Chinese, as documents and `--json` give them.
    pub fn reasons(&self) -> Vec<String> {
        crate::messages::both(|| self.reasons_shown().join("\u{1f}"))
            .zh
            .split('\u{1f}')
            .filter(|r| !r.is_empty())
            .map(str::to_owned)
            .collect()
    }

    /// The same in the language in force.
    pub fn reasons_shown(&self) -> Vec<String> {
        let mut reasons: Vec<String> = self
            .checks
            .iter()
            .filter(|c| c.decides())
            .map(|check| {
                let ruling = match check.rule {
                    super::rules::Rule::Withdrawn { .. } => self.withdrawal.as_ref(),
                    super::rules::Rule::Veto { .. } => self.veto.as_ref(),
                    super::rules::Rule::Disqualified { .. } => self.disqualification.as_ref(),
                    _ => None,
                };
                match ruling {
                    Some(note) => {
                        words::reason_with_ruling(&check.shown(), &note.attributed_shown())
                    }
                    None => check.shown(),
                }
            })
            .collect();
        if let Some(o) = &self.adjustment {
            let applied = if self.decision == o.decision {
                String::new()
            } else {
                words::reason_not_applied()
            };
            reasons.push(words::reason_adjusted(
                &o.decision.shown(),
                &o.attributed_shown(),
                &applied,
            ));
        }
        reasons
    }
}

pub use crate::figures::short_time;

/// The thresholds a version applied, for the document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AppliedRules {
    pub min_composite: f64,
    pub criterion_floor: f64,
    /// Floors of particular criteria, by code.
    #[serde(default)]
    pub criterion_floors: std::collections::BTreeMap<String, f64>,
    pub min_annual_grade: String,
    pub flags_block: bool,
    /// The weights of the composite's three components, as the campaign states them and the
    /// list used them; none in versions drawn before they were kept.
    #[serde(default)]
    pub weights: Option<ComponentWeights>,
}

/// The weights of the inspection, the democratic evaluation and the annual assessment.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ComponentWeights {
    pub inspection: f64,
    pub democratic: f64,
    pub annual: f64,
}

/// A stored version of the preliminary list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Version {
    pub version: u32,
    pub time: String,
    pub operator: String,
    /// The journal entry that stored it.
    pub seq: u64,
    pub fingerprint: String,
    pub rules: AppliedRules,
    #[serde(rename = "category")]
    pub categories: Vec<CategoryPlaces>,
    #[serde(rename = "unit")]
    pub units: Vec<ListedUnit>,
    #[serde(rename = "input")]
    pub inputs: Vec<Input>,
}

impl Version {
    /// The units in the order people read the list: by category, ranked ones by rank, then
    /// the rest by code.
    pub fn reading_order(&self) -> Vec<&ListedUnit> {
        let mut units: Vec<&ListedUnit> = self.units.iter().collect();
        units.sort_by(|a, b| {
            (a.category, a.rank.is_none(), a.rank, &a.unit).cmp(&(
                b.category,
                b.rank.is_none(),
                b.rank,
                &b.unit,
            ))
        });
        units
    }
}

/// A row of `shortlist/versions.csv`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Listed {
    pub version: u32,
    pub path: String,
    pub time: String,
    pub operator: String,
    pub seq: u64,
    pub fingerprint: String,
    pub included: usize,
}

impl crate::store::Table for Listed {
    const PATH: &'static str = VERSIONS_FILE;
}

pub fn path_of(version: u32) -> String {
    format!("shortlist/v{version}.toml")
}

/// Every version stored so far, oldest first.
pub fn list(campaign: &Campaign) -> anyhow::Result<Vec<Listed>> {
    campaign.store.read_table()
}

/// Reads a stored version.
pub fn load(campaign: &Campaign, listed: &Listed) -> anyhow::Result<Version> {
    let text = campaign.store.read_record(&listed.path)?;
    toml::from_str(&text).map_err(|e| {
        crate::error::Error::integrity(crate::messages::output::caused_by(
            &words::damaged(&listed.path),
            &e.to_string(),
        ))
        .with_hint(words::damaged_hint())
        .into()
    })
}

/// The latest version, and whether an input changed since it was drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct Freshness {
    pub latest: Listed,
    pub stale: bool,
}

/// The latest version and whether it is stale, from the index alone.
pub fn freshness(campaign: &Campaign) -> anyhow::Result<Option<Freshness>> {
    let Some(latest) = list(campaign)?.pop() else {
        return Ok(None);
    };
    let (_, fingerprint) = current_inputs(campaign);
    Ok(Some(Freshness {
        stale: fingerprint != latest.fingerprint,
        latest,
    }))
}

/// What changed among a version's inputs since it was stored, in words, in both languages.
/// Whether the inputs that changed since `version` was drawn are rulings alone (a veto, a
/// disqualification): a published list is not drawn again for them; the final list leaves the
/// ruled-out units off.
pub fn changed_only_by_rulings(campaign: &Campaign, version: &Version) -> bool {
    let (now, _) = current_inputs(campaign);
    let changed = now
        .iter()
        .filter(|input| !version.inputs.contains(input))
        .chain(version.inputs.iter().filter(|old| !now.contains(old)));
    changed
        .into_iter()
        .all(|input| Step::is_ruling(&input.path))
}

pub fn changes_since(campaign: &Campaign, version: &Version) -> Vec<Both> {
    let (now, _) = current_inputs(campaign);
    let index = campaign.store.index();
    let entry_of = |path: &str| {
        index
            .get(path)
            .map(|r| words::in_entry(r.seq))
            .unwrap_or_default()
    };
    let mut changes = Vec::new();
    for input in &now {
        let path = input.path.as_str();
        match version.inputs.iter().find(|i| i.path == input.path) {
            None => changes.push(both(|| words::input_added(path, &entry_of(path)))),
            Some(old) if old.sha256 != input.sha256 => changes.push(both(|| {
                let how = if path == CAMPAIGN_FILE {
                    words::the_settings()
                } else {
                    entry_of(path)
                };
                words::input_changed(path, &how)
            })),
            Some(old) if old.state != input.state => changes.push(both(|| {
                words::input_now(path, &words::state(input.state), &entry_of(path))
            })),
            Some(_) => {}
        }
    }
    for old in &version.inputs {
        if !now.iter().any(|i| i.path == old.path) {
            changes.push(both(|| words::input_removed(&old.path)));
        }
    }
    changes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::steps::State;
    use crate::store::{Index, IndexRow};

    fn row(path: &str, sha: &str, state: &str) -> IndexRow {
        IndexRow {
            path: path.into(),
            sha256: sha.into(),
            size: 0,
            mtime_ns: 0,
            seq: 1,
            time: String::new(),
            unit: String::new(),
            step: None,
            state: State::from_key(state),
            note: String::new(),
        }
    }

    #[test]
    fn the_fingerprint_follows_inputs_and_states_but_not_other_records() {
        let mut index = Index::default();
        index.upsert(row("units.csv", "a", ""));
        index.upsert(row("plans/C01.toml", "b", "done"));
        let (inputs, first) = index.drawn_from(Step::Shortlist, "s");
        assert_eq!(
            inputs.iter().map(|i| i.path.as_str()).collect::<Vec<_>>(),
            ["campaign.toml", "plans/C01.toml", "units.csv"]
        );

        index.upsert(row("inspectors.csv", "x", ""));
        index.upsert(row("shortlist/v1.toml", "y", ""));
        assert_eq!(index.drawn_from(Step::Shortlist, "s").1, first);

        index.upsert(row("plans/C01.toml", "b", "stale"));
        let reopened = index.drawn_from(Step::Shortlist, "s").1;
        assert_ne!(reopened, first);
        index.upsert(row("plans/C01.toml", "b", "done"));
        assert_eq!(index.drawn_from(Step::Shortlist, "s").1, first);

        assert_ne!(index.drawn_from(Step::Shortlist, "edited").1, first);
        index.upsert(row("shortlist/overrides.csv", "o", ""));
        assert_ne!(index.drawn_from(Step::Shortlist, "s").1, first);
    }
}
