//! The one table of the campaign's steps: their order, what each needs, and what goes stale.

use std::fmt;

use crate::error::Error;

/// A step of the campaign (DOMAIN.md, "The steps"), in the order the product enforces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Step {
    Plan,
    SelfAssess,
    Inspect,
}

/// How many records a unit has of a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Records {
    /// One record, `DIR/UNIT.toml`, replaced on resubmission.
    One,
    /// Many records, `DIR/UNIT/KIND-N.toml`; the step is done when every required kind has one.
    Many,
}

/// Everything the rest of the code needs to know about a step.
#[derive(Debug)]
pub struct StepDef {
    pub step: Step,
    /// The key in `status --json` and in `index.csv`.
    pub key: &'static str,
    /// The subcommand, as typed after `banzi`.
    pub command: &'static str,
    /// The step's name in the campaign's documents.
    pub title: &'static str,
    /// What the step's record is called in messages.
    pub noun: &'static str,
    /// Directory of the per-unit records, relative to the campaign root.
    pub record_dir: &'static str,
    pub records: Records,
    /// Steps that must be done for the unit before this one.
    pub requires: &'static [Step],
}

pub const STEPS: &[StepDef] = &[
    StepDef {
        step: Step::Plan,
        key: "plan",
        command: "plan",
        title: "制定方案",
        noun: "plan",
        record_dir: "plans",
        records: Records::One,
        requires: &[],
    },
    StepDef {
        step: Step::SelfAssess,
        key: "self_assess",
        command: "self-assess",
        title: "自评报告",
        noun: "self-assessment",
        record_dir: "self-assessments",
        records: Records::One,
        requires: &[Step::Plan],
    },
    StepDef {
        step: Step::Inspect,
        key: "inspect",
        command: "inspect",
        title: "组织考察",
        noun: "inspection",
        record_dir: "inspections",
        records: Records::Many,
        requires: &[Step::SelfAssess],
    },
];

impl Step {
    pub fn def(self) -> &'static StepDef {
        STEPS
            .iter()
            .find(|d| d.step == self)
            .expect("every step has a row in STEPS")
    }

    pub fn from_key(key: &str) -> Option<Step> {
        STEPS
            .iter()
            .find(|d| d.key == key || d.command == key)
            .map(|d| d.step)
    }

    /// Where a unit's record of a one-record step lives, relative to the campaign root; for a
    /// many-record step, the prefix of its records' paths.
    pub fn record_path(self, unit: &str) -> String {
        match self.def().records {
            Records::One => format!("{}/{unit}.toml", self.def().record_dir),
            Records::Many => format!("{}/{unit}/", self.def().record_dir),
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
        match self {
            Step::Inspect => format!("banzi inspect record {unit} FILE"),
            _ => format!("banzi {} submit {unit} FILE", self.def().command),
        }
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
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.def().noun)
    }
}

/// Where a unit stands on one step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
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

/// A unit's state on every step.
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

    /// The first step that is not done, if any.
    pub fn next_step(&self) -> Option<Step> {
        STEPS
            .iter()
            .map(|d| d.step)
            .find(|s| self.get(*s) != State::Done)
    }

    /// Refuses to do `step` for `unit` while a step it needs is not done, or while a step that
    /// builds on it is done (then the record is locked until reopened).
    pub fn check_may_do(&self, step: Step, unit: &str) -> Result<(), Error> {
        for required in step.def().requires {
            let state = self.get(*required);
            if state != State::Done {
                let why = match state {
                    State::Stale => "was reopened and must be submitted again",
                    _ => "is missing",
                };
                return Err(Error::step_order(format!(
                    "cannot take the {step} of unit `{unit}`: its {required} ({}) {why}",
                    required.def().title,
                ))
                .with_hint(format!("first run `{}`", required.submit_command(unit))));
            }
        }
        if let Some(dependent) = step
            .dependents()
            .into_iter()
            .find(|d| matches!(self.get(*d), State::Done | State::Partial))
        {
            let how = match self.get(dependent) {
                State::Partial => "has begun",
                _ => "is already done",
            };
            return Err(Error::step_order(format!(
                "the {step} of unit `{unit}` is locked: its {dependent} ({}) {how}",
                dependent.def().title,
            ))
            .with_hint(format!(
                "to correct it, run `banzi reopen {} --unit {unit} --reason \"…\"`; the {dependent} will then need redoing",
                step.def().command
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
        match step.def().records {
            Records::One => self.states.set(step, state),
            Records::Many => match (state, Step::kind_of(path)) {
                (State::Done, Some(kind)) if !self.kinds_done.iter().any(|k| k == kind) => {
                    self.kinds_done.push(kind.to_owned());
                }
                (State::Stale, _) => self.any_stale = true,
                _ => {}
            },
        }
    }

    /// The states, the many-record step judged against the kinds it requires.
    pub fn finish(mut self, required_kinds: &[String]) -> UnitSteps {
        let inspect = if !self.kinds_done.is_empty()
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
        self.states.set(Step::Inspect, inspect);
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
            vec![Step::SelfAssess, Step::Inspect]
        );
        assert_eq!(Step::SelfAssess.dependents(), vec![Step::Inspect]);
        assert!(Step::Inspect.dependents().is_empty());
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
    fn the_table_is_in_step_order() {
        for (i, def) in STEPS.iter().enumerate() {
            assert_eq!(def.step as usize, i);
            assert!(def.requires.iter().all(|r| (*r as usize) < i));
        }
    }
}
