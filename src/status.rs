//! Where the campaign and each unit stand, from the register and the record index alone.

use serde::Serialize;

use crate::campaign::Campaign;
use crate::publicize::State as NoticeState;
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
    /// The public notice that stands, once one is opened.
    pub publicity: Option<PublicityStatus>,
    /// The command to run next for the campaign; none while a notice's period runs, and once
    /// every step so far is done (the current list's notice closed).
    pub next: Option<String>,
    #[serde(skip)]
    pub guidance: Guidance,
}

/// The next thing to do for the campaign, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Guidance {
    /// No unit is registered yet.
    Register,
    /// `waiting` participating units still have `step` to do; `command` does it for the first.
    UnitStep {
        step: Step,
        waiting: usize,
        command: String,
    },
    /// Every unit is inspected, but the annual-assessment results are not imported.
    Annual,
    /// Every unit is inspected, the method weighs votes, but none are imported.
    Votes,
    /// Every unit is inspected: the list can be drawn; `open_flags` are not cleared.
    Draw { open_flags: usize },
    /// The latest list is stale: what changed since it was drawn.
    Redraw {
        version: u32,
        changes: Vec<crate::messages::Both>,
    },
    /// The list a notice is open on changed under it, by more than a ruling: the notice is
    /// reopened, the list drawn again and published anew.
    ReopenNotice {
        number: u32,
        changes: Vec<crate::messages::Both>,
    },
    /// The list is current and not yet published.
    Publicize { version: u32 },
    /// A notice is open: opinions to resolve, or the period to wait out, then close it.
    Notice {
        number: u32,
        end: String,
        unresolved: usize,
        closable: bool,
    },
    /// The notice is closed: the final list is to be proposed (again, when `stale`), approved
    /// and published, as far as `reached`.
    Commend {
        notice: u32,
        reached: Option<crate::commend::State>,
        stale: bool,
    },
}

impl Guidance {
    /// The command line that does the next thing, if any.
    pub fn command(&self) -> Option<String> {
        match self {
            Guidance::Register => Some(Step::Units.def().does.to_owned()),
            Guidance::UnitStep { command, .. } => Some(command.clone()),
            Guidance::Annual => Some("banzi inspect import-assessment FILE".to_owned()),
            Guidance::Votes => Some("banzi inspect import-votes FILE".to_owned()),
            Guidance::Draw { .. } | Guidance::Redraw { .. } => {
                Some(Step::Shortlist.def().does.to_owned())
            }
            Guidance::Publicize { .. } => Some(Step::Publicize.def().does.to_owned()),
            Guidance::ReopenNotice { .. } => {
                Some("banzi reopen publicize --reason REASON".to_owned())
            }
            Guidance::Notice { closable: true, .. } => {
                Step::Publicize.def().closes.map(str::to_owned)
            }
            Guidance::Notice { unresolved: 0, .. } => None,
            Guidance::Notice { .. } => Some("banzi publicize feedback list".to_owned()),
            Guidance::Commend { reached, stale, .. } => {
                use crate::commend::State as Reached;
                match (reached, stale) {
                    (None, _) | (Some(_), true) => Some(Step::Commend.def().does.to_owned()),
                    (Some(Reached::Proposed), false) => {
                        Some("banzi commend approve --decision-no NUMBER --date DATE".to_owned())
                    }
                    (Some(Reached::Approved), false) => {
                        Some("banzi commend publish --out DIR --certificates".to_owned())
                    }
                    (Some(Reached::Published), false) => None,
                }
            }
        }
    }
}

#[derive(Debug, Serialize)]
pub struct ShortlistStatus {
    pub version: u32,
    /// An input changed after it was drawn: `banzi shortlist` draws a new version.
    pub stale: bool,
    /// A notice stands on it and only rulings changed since: it is not drawn again.
    pub published: bool,
    pub included: usize,
    pub time: String,
}

/// The public notice that stands, as `status --json` gives it.
#[derive(Debug, Serialize)]
pub struct PublicityStatus {
    pub number: u32,
    pub state: &'static str,
    pub version: u32,
    pub start: String,
    pub end: String,
    /// Opinions not yet resolved.
    pub unresolved: usize,
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
    /// The disqualification in force (取消参评资格), attributed; it holds up no step either.
    pub disqualification: Option<serde_json::Value>,
    #[serde(skip)]
    pub states: UnitSteps,
}

impl UnitStatus {
    /// Neither withdrawn nor vetoed: the unit's steps are still awaited.
    pub fn takes_part(&self) -> bool {
        self.withdrawn.is_none() && self.veto.is_none() && self.disqualification.is_none()
    }
}

impl Status {
    /// Where the campaign stands on `today` (a notice's period runs by the date).
    pub fn of(campaign: &Campaign, today: chrono::NaiveDate) -> anyhow::Result<Status> {
        let register = campaign.register()?;
        let index = campaign.store.index();
        let all_steps = index.unit_steps(&campaign.settings.scoring.required_methods);
        let withdrawals = crate::rulings::in_force::<crate::rulings::Withdrawal>(campaign)?;
        let vetoes = crate::rulings::in_force::<crate::rulings::Veto>(campaign)?;
        let disqualifications =
            crate::rulings::in_force::<crate::rulings::Disqualification>(campaign)?;
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
                let disqualification = disqualifications
                    .iter()
                    .find(|d| d.unit == unit.code)
                    .map(crate::rulings::Ruling::to_json);
                let next = match (&withdrawn, &veto, &disqualification) {
                    (None, None, None) => states.next_step().map(|s| s.submit_command(&unit.code)),
                    _ => None,
                };
                UnitStatus {
                    code: unit.code.clone(),
                    name: unit.name.clone(),
                    category: unit.category.key().to_owned(),
                    steps,
                    withdrawn,
                    veto,
                    disqualification,
                    next,
                    states,
                }
            })
            .collect();
        let freshness = crate::shortlist::version::freshness(campaign)?;
        let notice = crate::publicize::current(campaign)?;
        let published = published(campaign, freshness.as_ref(), notice.as_ref())?;
        // The earliest step not done: a campaign step by the campaign, a unit step by every
        // unit still taking part; once all are, the last step. A published list changed only by
        // rulings stands.
        let phase = STEPS
            .iter()
            .find(|d| match d.scope {
                Scope::Campaign if d.step == Step::Shortlist && published => false,
                Scope::Campaign => !index.is_campaign_step_done(d.step, &campaign.settings_sha256),
                _ => units
                    .iter()
                    .any(|u| u.takes_part() && u.states.get(d.step) != State::Done),
            })
            .unwrap_or(&STEPS[STEPS.len() - 1])
            .command;
        let guidance = guidance(
            campaign,
            &units,
            freshness.as_ref(),
            notice.as_ref(),
            published,
            today,
        )?;
        let shortlist = freshness.map(|f| ShortlistStatus {
            version: f.latest.version,
            stale: f.stale,
            published,
            included: f.latest.included,
            time: f.latest.time,
        });
        let unresolved = crate::publicize::opinions::all(campaign)?
            .iter()
            .filter(|o| !o.status.is_resolved())
            .count();
        let publicity = notice.map(|p| PublicityStatus {
            number: p.number,
            state: p.state.key(),
            version: p.version,
            start: p.start.to_string(),
            end: p.end.to_string(),
            unresolved,
        });
        Ok(Status {
            phase,
            shortlist,
            publicity,
            next: guidance.command(),
            guidance,
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

/// Whether a notice stands on the latest list and only rulings changed under it since.
fn published(
    campaign: &Campaign,
    freshness: Option<&crate::shortlist::version::Freshness>,
    notice: Option<&crate::publicize::Period>,
) -> anyhow::Result<bool> {
    let (Some(f), Some(notice)) = (freshness, notice) else {
        return Ok(false);
    };
    if notice.version != f.latest.version {
        return Ok(false);
    }
    let latest = crate::shortlist::version::load(campaign, &f.latest)?;
    Ok(crate::shortlist::version::changed_only_by_rulings(
        campaign, &latest,
    ))
}

/// The next thing to do: the register, then each unit step in the table's order until every
/// participating unit has done it, then what the list is drawn from, then the list itself,
/// then its public notice.
fn guidance(
    campaign: &Campaign,
    units: &[UnitStatus],
    freshness: Option<&crate::shortlist::version::Freshness>,
    notice: Option<&crate::publicize::Period>,
    published: bool,
    today: chrono::NaiveDate,
) -> anyhow::Result<Guidance> {
    if units.is_empty() {
        return Ok(Guidance::Register);
    }
    for def in Step::per_unit() {
        let mut waiting = units
            .iter()
            .filter(|u| u.takes_part() && u.states.get(def.step) != State::Done);
        if let Some(first) = waiting.next() {
            return Ok(Guidance::UnitStep {
                step: def.step,
                waiting: 1 + waiting.count(),
                command: first
                    .next
                    .clone()
                    .unwrap_or_else(|| def.step.submit_command(&first.code)),
            });
        }
    }
    let index = campaign.store.index();
    if index.get(crate::steps::ANNUAL_FILE).is_none() {
        return Ok(Guidance::Annual);
    }
    if campaign.settings.scoring.components.democratic > 0.0
        && index.get(crate::steps::VOTES_FILE).is_none()
    {
        return Ok(Guidance::Votes);
    }
    Ok(match freshness {
        None => Guidance::Draw {
            open_flags: crate::inspect::flags::all(campaign)?
                .iter()
                .filter(|f| f.cleared.is_none())
                .count(),
        },
        Some(f)
            if f.stale && !published && notice.is_some_and(|p| p.state == NoticeState::Open) =>
        {
            let latest = crate::shortlist::version::load(campaign, &f.latest)?;
            Guidance::ReopenNotice {
                number: notice.map_or(0, |p| p.number),
                changes: crate::shortlist::version::changes_since(campaign, &latest),
            }
        }
        Some(f) if f.stale && !published => {
            let latest = crate::shortlist::version::load(campaign, &f.latest)?;
            Guidance::Redraw {
                version: f.latest.version,
                changes: crate::shortlist::version::changes_since(campaign, &latest),
            }
        }
        Some(f) => match notice {
            Some(p) if p.state == NoticeState::Open => {
                let unresolved = crate::publicize::opinions::all(campaign)?
                    .iter()
                    .filter(|o| !o.status.is_resolved())
                    .count();
                Guidance::Notice {
                    number: p.number,
                    end: p.end.to_string(),
                    unresolved,
                    closable: crate::publicize::blockers(campaign, p, today)?.is_empty(),
                }
            }
            Some(p) if p.version == f.latest.version => Guidance::Commend {
                notice: p.number,
                reached: crate::commend::load(campaign)?.map(|c| c.state),
                stale: crate::commend::is_stale(campaign),
            },
            _ => Guidance::Publicize {
                version: f.latest.version,
            },
        },
    })
}
