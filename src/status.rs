//! Where the campaign and each unit stand, from the register and the record index alone.

use serde::Serialize;

use crate::campaign::Campaign;
use crate::steps::{STEPS, Scope, State, Step, UnitSteps};
use crate::units::Unit;

#[derive(Debug, Serialize)]
pub struct Status {
    /// The earliest step some unit has still to do; `units` before any unit is registered,
    /// `shortlist` once every unit is inspected.
    pub phase: &'static str,
    pub campaign: CampaignInfo,
    pub units: Vec<UnitStatus>,
    /// The latest preliminary list, once one is drawn.
    pub shortlist: Option<ShortlistStatus>,
}

#[derive(Debug, Serialize)]
pub struct ShortlistStatus {
    pub version: u32,
    /// An input changed after it was drawn: `banzi shortlist` draws a new version.
    pub stale: bool,
    pub included: usize,
    pub time: String,
}

#[derive(Debug, Serialize)]
pub struct CampaignInfo {
    pub name: String,
    pub year: i32,
}

#[derive(Debug, Serialize)]
pub struct UnitStatus {
    pub code: String,
    pub name: String,
    pub category: String,
    pub steps: serde_json::Map<String, serde_json::Value>,
    pub next: Option<String>,
    /// The reason, when the unit was withdrawn; it then holds up no step.
    pub withdrawn: Option<String>,
    /// The veto in force (一票否决), attributed; a vetoed unit holds up no step either.
    pub veto: Option<serde_json::Value>,
    #[serde(skip)]
    pub states: UnitSteps,
}

impl UnitStatus {
    /// Neither withdrawn nor vetoed: the unit's steps are still awaited.
    pub fn takes_part(&self) -> bool {
        self.withdrawn.is_none() && self.veto.is_none()
    }
}

impl Status {
    pub fn of(campaign: &Campaign) -> anyhow::Result<Status> {
        let register = campaign.register()?;
        let index = campaign.store.index();
        let all_steps = index.unit_steps(&campaign.settings.scoring.required_methods);
        let withdrawals = crate::rulings::in_force::<crate::rulings::Withdrawal>(campaign)?;
        let vetoes = crate::rulings::in_force::<crate::rulings::Veto>(campaign)?;
        let units: Vec<UnitStatus> = register
            .units()
            .iter()
            .map(|unit: &Unit| {
                let states = all_steps
                    .get(unit.code.as_str())
                    .cloned()
                    .unwrap_or_default();
                let steps = Step::per_unit()
                    .map(|d| (d.key.to_owned(), states.get(d.step).key().into()))
                    .collect();
                let withdrawn = withdrawals
                    .iter()
                    .find(|w| w.unit == unit.code)
                    .map(|w| w.reason.clone());
                let veto = vetoes
                    .iter()
                    .find(|v| v.unit == unit.code)
                    .map(crate::rulings::Ruling::to_json);
                let next = match (&withdrawn, &veto) {
                    (None, None) => states.next_step().map(|s| s.submit_command(&unit.code)),
                    _ => None,
                };
                UnitStatus {
                    code: unit.code.clone(),
                    name: unit.name.clone(),
                    category: unit.category.key().to_owned(),
                    steps,
                    withdrawn,
                    veto,
                    next,
                    states,
                }
            })
            .collect();
        // The earliest step not done: a campaign step by the campaign, a unit step by every
        // unit still taking part; once all are, the last step.
        let phase = STEPS
            .iter()
            .find(|d| match d.scope {
                Scope::Campaign => !index.is_campaign_step_done(d.step, &campaign.settings_sha256),
                _ => units
                    .iter()
                    .any(|u| u.takes_part() && u.states.get(d.step) != State::Done),
            })
            .unwrap_or(&STEPS[STEPS.len() - 1])
            .command;
        let shortlist = crate::shortlist::version::freshness(campaign)?.map(|f| ShortlistStatus {
            version: f.latest.version,
            stale: f.stale,
            included: f.latest.included,
            time: f.latest.time,
        });
        Ok(Status {
            phase,
            shortlist,
            campaign: CampaignInfo {
                name: campaign.settings.name.clone(),
                year: campaign.settings.year,
            },
            units,
        })
    }

    /// How many units are in `state` on `step`.
    pub fn count(&self, step: Step, state: State) -> usize {
        self.units
            .iter()
            .filter(|u| u.states.get(step) == state)
            .count()
    }
}
