//! The one table of the campaign's steps: their order, what each needs, and what goes stale.

use std::fmt;

use crate::error::Error;

/// A step of the campaign (DOMAIN.md, "The steps"), in the order the product enforces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Step {
    Plan,
    SelfAssess,
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
        requires: &[],
    },
    StepDef {
        step: Step::SelfAssess,
        key: "self_assess",
        command: "self-assess",
        title: "自评报告",
        noun: "self-assessment",
        record_dir: "self-assessments",
        requires: &[Step::Plan],
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

    /// Where a unit's record of this step lives, relative to the campaign root.
    pub fn record_path(self, unit: &str) -> String {
        format!("{}/{unit}.toml", self.def().record_dir)
    }

    /// The command that does this step for `unit`.
    pub fn submit_command(self, unit: &str) -> String {
        format!("banzi {} submit {unit} FILE", self.def().command)
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
}

impl State {
    pub fn key(self) -> &'static str {
        match self {
            State::Missing => "missing",
            State::Done => "done",
            State::Stale => "stale",
        }
    }

    pub fn from_key(key: &str) -> Option<State> {
        match key {
            "missing" => Some(State::Missing),
            "done" => Some(State::Done),
            "stale" => Some(State::Stale),
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
            .find(|d| self.get(*d) == State::Done)
        {
            return Err(Error::step_order(format!(
                "the {step} of unit `{unit}` is locked: its {dependent} ({}) is already done",
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
        assert_eq!(Step::Plan.dependents(), vec![Step::SelfAssess]);
        assert!(Step::SelfAssess.dependents().is_empty());
    }

    #[test]
    fn the_table_is_in_step_order() {
        for (i, def) in STEPS.iter().enumerate() {
            assert_eq!(def.step as usize, i);
            assert!(def.requires.iter().all(|r| (*r as usize) < i));
        }
    }
}
