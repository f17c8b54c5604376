//! The one table of the campaign's steps, per unit and campaign-wide: their order, where their
//! records live, what each needs, what goes stale, and the command that does it. Status phases,
//! the next command, the inputs a list is drawn from, reopen's choices and help are all derived
//! from it.

use std::fmt;

use crate::error::Error;
use crate::messages::steps;

/// A step of the campaign (DOMAIN.md, "The steps"), in the order the product enforces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Step {
    Units,
    Plan,
    SelfAssess,
    Inspect,
    Shortlist,
    Publicize,
    Commend,
}

/// Whether a step is done once for the campaign or once for each unit, and how its records are
/// laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Once for the whole campaign, in its [`StepDef::files`].
    Campaign,
    /// One record per unit, `DIR/UNIT.toml`, replaced on resubmission.
    UnitRecord,
    /// Many records per unit, `DIR/UNIT/KIND-N.toml`; done when every required kind has one.
    UnitRecords,
}

/// A record of the whole campaign that a step keeps.
#[derive(Debug)]
pub struct CampaignFile {
    pub path: &'static str,
    pub role: Role,
}

/// What a campaign record is to the steps: whether they are drawn from it (so that a change
/// makes them stale), and whether a step that is open freezes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The step and every later one are drawn from it; frozen while a later step is open.
    Input,
    /// What the step produced: later steps are drawn from it; frozen while a later one is open.
    Result,
    /// A ruling on a unit (a withdrawal, a veto, a disqualification): drawn from like an input,
    /// but made at any step, so never frozen; a published list carries it to the final list.
    Ruling,
    /// Neither: the inspectors' register only checks recusal; opinions are the notice's own.
    Aside,
}

impl Role {
    fn is_drawn_from(self) -> bool {
        matches!(self, Role::Input | Role::Ruling)
    }
}

/// Everything the rest of the code needs to know about a step.
#[derive(Debug)]
pub struct StepDef {
    pub step: Step,
    /// The key in `status --json` and in `index.csv`.
    pub key: &'static str,
    /// The subcommand, as typed after `banzi`.
    pub command: &'static str,
    /// The step's name in the campaign's documents (Chinese, as they are); for people, see
    /// [`crate::messages::steps::title`].
    pub title: &'static str,
    /// What the step's record is called, in English, as records keep it (the `Display` of
    /// [`Step`]); messages for people call it by [`crate::messages::steps::noun`].
    pub noun: &'static str,
    pub scope: Scope,
    /// Folder of the per-unit records, relative to the campaign root; empty for a campaign step.
    pub record_dir: &'static str,
    /// Records of the whole campaign the step keeps; the first is its result.
    pub files: &'static [CampaignFile],
    /// Steps that must be done before this one: for a unit step, by the unit; for a campaign
    /// step, by every participating unit.
    pub requires: &'static [Step],
    /// The command that does the step; `UNIT` stands for the unit's code.
    pub does: &'static str,
    /// For a campaign step done in two acts, opened and then closed (the public notice): the
    /// command that closes it. While it is open it freezes every record it rests on, and it can
    /// be reopened.
    pub closes: Option<&'static str>,
    /// Whether the step's result lists units, so that it is drawn from the rulings on them,
    /// which are made at any step: a disqualification after the final list is proposed makes it
    /// stale.
    pub lists: bool,
}

pub const UNITS_FILE: &str = "units.csv";
pub const WITHDRAWALS_FILE: &str = "withdrawals.csv";
pub const VETOES_FILE: &str = "vetoes.csv";
pub const INSPECTORS_FILE: &str = "inspectors.csv";
pub const ANNUAL_FILE: &str = "analysis/annual.csv";
pub const VOTES_FILE: &str = "analysis/votes.csv";
pub const CLEARED_FLAGS_FILE: &str = "analysis/cleared-flags.csv";
pub const VERSIONS_FILE: &str = "shortlist/versions.csv";
pub const OVERRIDES_FILE: &str = "shortlist/overrides.csv";
pub const DISQUALIFICATIONS_FILE: &str = "disqualifications.csv";
pub const PERIODS_FILE: &str = "publicity/periods.csv";
pub const OPINIONS_FILE: &str = "publicity/opinions.csv";
pub const COMMENDATION_FILE: &str = "commendation/commendation.toml";
/// The working-day calendar: a record of no step, read by the steps that count working days.
pub const CALENDAR_FILE: &str = "calendar.toml";

pub const STEPS: &[StepDef] = &[
    StepDef {
        step: Step::Units,
        key: "units",
        command: "units",
        title: "参评班子",
        noun: "unit register",
        scope: Scope::Campaign,
        record_dir: "",
        files: &[
            CampaignFile {
                path: UNITS_FILE,
                role: Role::Input,
            },
            CampaignFile {
                path: WITHDRAWALS_FILE,
                role: Role::Ruling,
            },
            CampaignFile {
                path: VETOES_FILE,
                role: Role::Ruling,
            },
            CampaignFile {
                path: DISQUALIFICATIONS_FILE,
                role: Role::Ruling,
            },
        ],
        requires: &[],
        does: "banzi units import UNITS.csv",
        closes: None,
        lists: false,
    },
    StepDef {
        step: Step::Plan,
        key: "plan",
        command: "plan",
        title: "制定方案",
        noun: "plan",
        scope: Scope::UnitRecord,
        record_dir: "plans",
        files: &[],
        requires: &[],
        does: "banzi plan submit UNIT FILE",
        closes: None,
        lists: false,
    },
    StepDef {
        step: Step::SelfAssess,
        key: "self_assess",
        command: "self-assess",
        title: "自评报告",
        noun: "self-assessment",
        scope: Scope::UnitRecord,
        record_dir: "self-assessments",
        files: &[],
        requires: &[Step::Plan],
        does: "banzi self-assess submit UNIT FILE",
        closes: None,
        lists: false,
    },
    StepDef {
        step: Step::Inspect,
        key: "inspect",
        command: "inspect",
        title: "组织考察",
        noun: "inspection",
        scope: Scope::UnitRecords,
        record_dir: "inspections",
        files: &[
            CampaignFile {
                path: ANNUAL_FILE,
                role: Role::Input,
            },
            CampaignFile {
                path: VOTES_FILE,
                role: Role::Input,
            },
            CampaignFile {
                path: CLEARED_FLAGS_FILE,
                role: Role::Input,
            },
            CampaignFile {
                path: INSPECTORS_FILE,
                role: Role::Aside,
            },
        ],
        requires: &[Step::SelfAssess],
        does: "banzi inspect record UNIT FILE",
        closes: None,
        lists: false,
    },
    StepDef {
        step: Step::Shortlist,
        key: "shortlist",
        command: "shortlist",
        title: "初步名单",
        noun: "preliminary list",
        scope: Scope::Campaign,
        record_dir: "",
        files: &[
            CampaignFile {
                path: VERSIONS_FILE,
                role: Role::Result,
            },
            CampaignFile {
                path: OVERRIDES_FILE,
                role: Role::Input,
            },
        ],
        requires: &[Step::Inspect],
        does: "banzi shortlist",
        closes: None,
        lists: true,
    },
    StepDef {
        step: Step::Publicize,
        key: "publicize",
        command: "publicize",
        title: "公示",
        noun: "public notice",
        scope: Scope::Campaign,
        record_dir: "",
        files: &[
            CampaignFile {
                path: PERIODS_FILE,
                role: Role::Result,
            },
            CampaignFile {
                path: OPINIONS_FILE,
                role: Role::Aside,
            },
        ],
        requires: &[Step::Shortlist],
        does: "banzi publicize open --contact CONTACT",
        closes: Some("banzi publicize close"),
        lists: false,
    },
    StepDef {
        step: Step::Commend,
        key: "commend",
        command: "commend",
        title: "推荐表彰",
        noun: "commendation",
        scope: Scope::Campaign,
        record_dir: "",
        files: &[CampaignFile {
            path: COMMENDATION_FILE,
            role: Role::Result,
        }],
        requires: &[Step::Publicize],
        does: "banzi commend propose",
        closes: None,
        lists: true,
    },
];

impl Step {
    pub fn def(self) -> &'static StepDef {
        &STEPS[self as usize]
    }

    pub fn from_key(key: &str) -> Option<Step> {
        STEPS
            .iter()
            .find(|d| d.key == key || d.command == key)
            .map(|d| d.step)
    }

    /// The step whose units keep many records, of kinds (the inspection, by method).
    pub fn many_records() -> Step {
        STEPS
            .iter()
            .find(|d| d.scope == Scope::UnitRecords)
            .map(|d| d.step)
            .expect("one step keeps many records per unit")
    }

    pub fn is_per_unit(self) -> bool {
        self.def().scope != Scope::Campaign
    }

    /// The steps done once per unit, in order.
    pub fn per_unit() -> impl Iterator<Item = &'static StepDef> {
        STEPS.iter().filter(|d| d.step.is_per_unit())
    }

    /// Where a unit's record of a one-record step lives, relative to the campaign root; for a
    /// many-record step, the prefix of its records' paths.
    pub fn record_path(self, unit: &str) -> String {
        let def = self.def();
        match def.scope {
            Scope::UnitRecords => format!("{}/{unit}/", def.record_dir),
            Scope::UnitRecord | Scope::Campaign => format!("{}/{unit}.toml", def.record_dir),
        }
    }

    /// The path of the `n`th record of `kind` of a many-record step.
    pub fn kind_record_path(self, unit: &str, kind: &str, n: usize) -> String {
        format!("{}{kind}-{n}.toml", self.record_path(unit))
    }

    /// The kind of a many-record step's record, from its path: `talk` of `…/C01/talk-2.toml`.
    pub fn kind_of(path: &str) -> Option<&str> {
        let name = path.rsplit('/').next()?.strip_suffix(".toml")?;
        Some(name.rsplit_once('-')?.0)
    }

    /// The command that does this step for `unit`.
    pub fn submit_command(self, unit: &str) -> String {
        self.def().does.replace("UNIT", unit)
    }

    /// Every step that needs this one, directly or through another.
    pub fn dependents(self) -> Vec<Step> {
        let mut found: Vec<Step> = Vec::new();
        for def in STEPS {
            if def.requires.iter().any(|r| *r == self || found.contains(r)) {
                found.push(def.step);
            }
        }
        found
    }

    /// Whether the record at `path` is one this step is drawn from: an input of a step up to
    /// it, or a record of a unit step before it. A campaign step built on another campaign step
    /// takes that step's result as it stands, and the inputs after it: a published list is not
    /// redrawn by a change under it; the list's own staleness says that.
    pub fn is_drawn_from(self, path: &str) -> bool {
        let input_of = |d: &StepDef| {
            d.files
                .iter()
                .any(|f| f.role.is_drawn_from() && f.path == path)
        };
        if let Some(base) = self
            .def()
            .requires
            .iter()
            .copied()
            .filter(|r| !r.is_per_unit())
            .max()
        {
            return base
                .def()
                .files
                .iter()
                .any(|f| f.role == Role::Result && f.path == path)
                || STEPS[base as usize + 1..=self as usize]
                    .iter()
                    .any(input_of)
                || (self.def().lists && Step::is_ruling(path));
        }
        STEPS
            .iter()
            .take_while(|d| d.step <= self)
            .any(|d| input_of(d) || (d.step != self && d.step.is_unit_record(path)))
    }

    /// Whether `path` is a record of this per-unit step.
    fn is_unit_record(self, path: &str) -> bool {
        self.is_per_unit()
            && path
                .strip_prefix(self.def().record_dir)
                .is_some_and(|rest| rest.starts_with('/'))
    }

    /// Whether this step, while open, freezes the record at `path`: everything it rests on,
    /// directly or through the steps before it, but the rulings, which are made at any step.
    pub fn freezes(self, path: &str) -> bool {
        STEPS.iter().take_while(|d| d.step < self).any(|d| {
            d.step.is_unit_record(path)
                || d.files
                    .iter()
                    .any(|f| f.path == path && matches!(f.role, Role::Input | Role::Result))
        })
    }

    /// Whether `path` is a table of rulings (vetoes, disqualifications), made at any step.
    pub fn is_ruling(path: &str) -> bool {
        STEPS
            .iter()
            .flat_map(|d| d.files)
            .any(|f| f.path == path && f.role == Role::Ruling)
    }

    /// The campaign steps done in two acts, which can be reopened once opened.
    pub fn opened() -> impl Iterator<Item = &'static StepDef> {
        STEPS.iter().filter(|d| d.closes.is_some())
    }
}

/// The step's English noun, as records keep it (the notes a reopen or an accepted hand edit
/// leaves on the records it makes stale); people are told [`crate::messages::steps::noun`].
impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.def().noun)
    }
}

impl serde::Serialize for Step {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.def().key)
    }
}

impl<'de> serde::Deserialize<'de> for Step {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Step, D::Error> {
        let key = String::deserialize(deserializer)?;
        Step::from_key(&key).ok_or_else(|| serde::de::Error::custom(steps::not_a_step(&key)))
    }
}

/// Where a unit stands on one step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum State {
    /// Not done yet.
    #[default]
    Missing,
    Done,
    /// Done once, but reopened or built on something reopened: must be redone. Kept, not deleted.
    Stale,
    /// Begun: some records of a many-record step, but not every required kind.
    Partial,
}

impl State {
    pub fn key(self) -> &'static str {
        match self {
            State::Missing => "missing",
            State::Done => "done",
            State::Stale => "stale",
            State::Partial => "partial",
        }
    }

    pub fn from_key(key: &str) -> Option<State> {
        match key {
            "missing" => Some(State::Missing),
            "done" => Some(State::Done),
            "stale" => Some(State::Stale),
            "partial" => Some(State::Partial),
            _ => None,
        }
    }
}

/// A unit's state on every per-unit step.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UnitSteps {
    states: [State; STEPS.len()],
}

impl UnitSteps {
    pub fn get(&self, step: Step) -> State {
        self.states[step as usize]
    }

    pub fn set(&mut self, step: Step, state: State) {
        self.states[step as usize] = state;
    }

    /// The first per-unit step that is not done, if any.
    pub fn next_step(&self) -> Option<Step> {
        Step::per_unit()
            .map(|d| d.step)
            .find(|s| self.get(*s) != State::Done)
    }

    /// Refuses to do `step` for `unit` while a step it needs is not done, or while a step that
    /// builds on it is done (then the record is locked until reopened).
    pub fn check_may_do(&self, step: Step, unit: &str) -> Result<(), Error> {
        self.check_needs(step, unit)?;
        self.check_not_locked(step, unit)
    }

    /// Refuses to do `step` for `unit` while a step it needs, directly or through another, is
    /// not done; the earliest such step is named.
    pub fn check_needs(&self, step: Step, unit: &str) -> Result<(), Error> {
        let needed = Step::per_unit().filter(|d| d.step.dependents().contains(&step));
        for required in needed.map(|d| &d.step) {
            let state = self.get(*required);
            if state != State::Done {
                let (step, required_noun, title) = (
                    steps::noun(step),
                    steps::noun(*required),
                    required.def().title,
                );
                let message = match state {
                    State::Stale => steps::needs_stale(&step, unit, &required_noun, title),
                    _ => steps::needs_missing(&step, unit, &required_noun, title),
                };
                return Err(Error::step_order(message)
                    .with_hint(steps::needs_hint(&required.submit_command(unit))));
            }
        }
        Ok(())
    }

    /// Refuses to redo `step` for `unit` while a step that builds on it is done or begun.
    fn check_not_locked(&self, step: Step, unit: &str) -> Result<(), Error> {
        if let Some(dependent) = step
            .dependents()
            .into_iter()
            .filter(|d| d.is_per_unit())
            .find(|d| matches!(self.get(*d), State::Done | State::Partial))
        {
            let (noun, dependent_noun, title) = (
                steps::noun(step),
                steps::noun(dependent),
                dependent.def().title,
            );
            let message = match self.get(dependent) {
                State::Partial => steps::locked_begun(&noun, unit, &dependent_noun, title),
                _ => steps::locked_done(&noun, unit, &dependent_noun, title),
            };
            return Err(Error::step_order(message).with_hint(steps::locked_hint(
                step.def().command,
                unit,
                &dependent_noun,
            )));
        }
        Ok(())
    }
}

/// Collects a unit's records, one at a time, into its step states.
#[derive(Debug, Default)]
pub struct Progress {
    states: UnitSteps,
    /// Kinds of the many-record step's records that are done, and whether any is stale.
    kinds_done: Vec<String>,
    any_stale: bool,
}

impl Progress {
    pub fn add(&mut self, step: Step, path: &str, state: State) {
        match step.def().scope {
            Scope::UnitRecords => match (state, Step::kind_of(path)) {
                (State::Done, Some(kind)) if !self.kinds_done.iter().any(|k| k == kind) => {
                    self.kinds_done.push(kind.to_owned());
                }
                (State::Stale, _) => self.any_stale = true,
                _ => {}
            },
            Scope::UnitRecord | Scope::Campaign => self.states.set(step, state),
        }
    }

    /// The states, the many-record step judged against the kinds it requires.
    pub fn finish(mut self, required_kinds: &[String]) -> UnitSteps {
        let state = if !self.kinds_done.is_empty()
            && required_kinds.iter().all(|k| self.kinds_done.contains(k))
        {
            State::Done
        } else if !self.kinds_done.is_empty() {
            State::Partial
        } else if self.any_stale {
            State::Stale
        } else {
            State::Missing
        };
        self.states.set(Step::many_records(), state);
        self.states
    }

    /// Required kinds not yet done.
    pub fn missing_kinds(&self, required_kinds: &[String]) -> Vec<String> {
        required_kinds
            .iter()
            .filter(|k| !self.kinds_done.contains(k))
            .cloned()
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn self_assessment_needs_a_plan() {
        let steps = UnitSteps::default();
        let err = steps.check_may_do(Step::SelfAssess, "C01").unwrap_err();
        assert_eq!(err.kind, crate::error::Kind::StepOrder);
        assert_eq!(
            err.message,
            "cannot take the self-assessment of unit `C01`: its plan (制定方案) is missing"
        );
        assert_eq!(err.hint.unwrap(), "first run `banzi plan submit C01 FILE`");
    }

    #[test]
    fn records_keep_the_english_noun_and_people_are_told_theirs() {
        crate::messages::set(crate::messages::Lang::Zh);
        let err = UnitSteps::default()
            .check_may_do(Step::SelfAssess, "C01")
            .unwrap_err();
        let (shown, kept) = (
            crate::messages::steps::noun(Step::Plan),
            Step::Plan.to_string(),
        );
        crate::messages::set(crate::messages::Lang::En);
        assert_eq!(
            err.message,
            "单位 `C01` 还不能提交自评报告：「制定方案」这一步的工作方案尚未提交"
        );
        assert_eq!((shown.as_str(), kept.as_str()), ("工作方案", "plan"));
    }

    #[test]
    fn a_plan_is_locked_once_self_assessed_and_open_when_that_is_stale() {
        let mut steps = UnitSteps::default();
        steps.set(Step::Plan, State::Done);
        steps.set(Step::SelfAssess, State::Done);
        assert!(
            steps
                .check_may_do(Step::Plan, "C01")
                .unwrap_err()
                .message
                .contains("locked")
        );
        steps.set(Step::SelfAssess, State::Stale);
        assert!(steps.check_may_do(Step::Plan, "C01").is_ok());
    }

    #[test]
    fn dependents_are_transitive_and_in_order() {
        assert_eq!(
            Step::Plan.dependents(),
            vec![
                Step::SelfAssess,
                Step::Inspect,
                Step::Shortlist,
                Step::Publicize,
                Step::Commend
            ]
        );
        assert_eq!(
            Step::SelfAssess.dependents(),
            vec![
                Step::Inspect,
                Step::Shortlist,
                Step::Publicize,
                Step::Commend
            ]
        );
        assert_eq!(
            Step::Shortlist.dependents(),
            vec![Step::Publicize, Step::Commend]
        );
        assert_eq!(Step::Publicize.dependents(), vec![Step::Commend]);
        assert_eq!(Step::Commend.dependents(), vec![]);
    }

    #[test]
    fn an_inspection_is_done_when_every_required_method_has_a_record() {
        let required: Vec<String> = ["hearing", "talk"].map(String::from).to_vec();
        let path = |kind: &str, n: usize| Step::Inspect.kind_record_path("C01", kind, n);
        assert_eq!(Step::kind_of(&path("site-visit", 2)), Some("site-visit"));

        let mut p = Progress::default();
        assert_eq!(
            Progress::default().finish(&required).get(Step::Inspect),
            State::Missing
        );
        p.add(Step::Inspect, &path("talk", 1), State::Done);
        assert_eq!(p.missing_kinds(&required), ["hearing"]);
        p.add(Step::Inspect, &path("hearing", 1), State::Stale);
        assert_eq!(p.finish(&required).get(Step::Inspect), State::Partial);

        let mut p = Progress::default();
        p.add(Step::Inspect, &path("hearing", 1), State::Stale);
        assert_eq!(p.finish(&required).get(Step::Inspect), State::Stale);

        let mut p = Progress::default();
        p.add(Step::Inspect, &path("hearing", 1), State::Done);
        p.add(Step::Inspect, &path("talk", 3), State::Done);
        assert_eq!(p.finish(&required).get(Step::Inspect), State::Done);
    }

    #[test]
    fn a_begun_inspection_locks_the_self_assessment() {
        let mut steps = UnitSteps::default();
        steps.set(Step::Plan, State::Done);
        steps.set(Step::SelfAssess, State::Done);
        steps.set(Step::Inspect, State::Partial);
        let err = steps.check_may_do(Step::SelfAssess, "C01").unwrap_err();
        assert!(
            err.message.contains("locked: its inspection (组织考察)"),
            "{}",
            err.message
        );
    }

    #[test]
    fn the_list_is_drawn_from_every_earlier_record_but_the_inspectors_and_its_own_versions() {
        for path in [
            UNITS_FILE,
            WITHDRAWALS_FILE,
            VETOES_FILE,
            DISQUALIFICATIONS_FILE,
            "plans/C01.toml",
            "self-assessments/C01.toml",
            "inspections/C01/talk-1.toml",
            ANNUAL_FILE,
            VOTES_FILE,
            CLEARED_FLAGS_FILE,
            OVERRIDES_FILE,
        ] {
            assert!(Step::Shortlist.is_drawn_from(path), "{path}");
        }
        for path in [
            INSPECTORS_FILE,
            VERSIONS_FILE,
            "shortlist/v1.toml",
            "plansX/a",
        ] {
            assert!(!Step::Shortlist.is_drawn_from(path), "{path}");
        }
    }

    #[test]
    fn the_final_list_is_drawn_from_the_closed_notice_and_every_ruling() {
        for path in [PERIODS_FILE, VETOES_FILE, DISQUALIFICATIONS_FILE] {
            assert!(Step::Commend.is_drawn_from(path), "{path}");
        }
        for path in [VERSIONS_FILE, OPINIONS_FILE, UNITS_FILE, "plans/C01.toml"] {
            assert!(!Step::Commend.is_drawn_from(path), "{path}");
        }
    }

    #[test]
    fn a_notice_is_drawn_from_the_list_as_published_and_freezes_what_the_list_rests_on() {
        assert!(Step::Publicize.is_drawn_from(VERSIONS_FILE));
        for path in [
            UNITS_FILE,
            VETOES_FILE,
            DISQUALIFICATIONS_FILE,
            "plans/C01.toml",
            ANNUAL_FILE,
            OVERRIDES_FILE,
            OPINIONS_FILE,
        ] {
            assert!(!Step::Publicize.is_drawn_from(path), "{path}");
        }
        for path in [
            UNITS_FILE,
            "plans/C01.toml",
            "inspections/C01/talk-1.toml",
            ANNUAL_FILE,
            VOTES_FILE,
            OVERRIDES_FILE,
            VERSIONS_FILE,
        ] {
            assert!(Step::Publicize.freezes(path), "{path}");
        }
        for path in [
            WITHDRAWALS_FILE,
            VETOES_FILE,
            DISQUALIFICATIONS_FILE,
            INSPECTORS_FILE,
            PERIODS_FILE,
            OPINIONS_FILE,
            CALENDAR_FILE,
            "campaign.toml",
        ] {
            assert!(!Step::Publicize.freezes(path), "{path}");
        }
    }

    #[test]
    fn the_table_is_in_step_order_and_names_each_file_once() {
        let many = STEPS.iter().filter(|d| d.scope == Scope::UnitRecords);
        assert_eq!(
            many.count(),
            1,
            "Progress keeps the kinds of one many-record step"
        );
        let mut files: Vec<&str> = Vec::new();
        for (i, def) in STEPS.iter().enumerate() {
            assert_eq!(def.step as usize, i);
            assert!(def.requires.iter().all(|r| (*r as usize) < i));
            assert_eq!(def.record_dir.is_empty(), !def.step.is_per_unit());
            for file in def.files {
                assert!(!files.contains(&file.path), "{}", file.path);
                files.push(file.path);
            }
        }
    }
}
