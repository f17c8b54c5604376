//! `index.csv`: every record banzi wrote, its SHA-256, the journal entry that last touched it,
//! and for a step's record the unit, the step and its state.
//!
//! It lets a command answer from one small file instead of reading every record, and lets every
//! read check that the record is the one banzi wrote.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::steps::{Progress, State, Step, UnitSteps};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexRow {
    pub path: String,
    pub sha256: String,
    /// Size and modification time as written, to notice a change without hashing.
    pub size: u64,
    pub mtime_ns: u64,
    pub seq: u64,
    /// When that journal entry was made, RFC 3339.
    pub time: String,
    pub unit: String,
    /// The step the record belongs to; none for a record of no step.
    pub step: Option<Step>,
    pub state: Option<State>,
    pub note: String,
}

/// One record a campaign step was drawn from, as it was.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Input {
    pub path: String,
    pub sha256: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<State>,
}

#[derive(Debug, Default, Clone)]
pub struct Index {
    rows: BTreeMap<String, IndexRow>,
}

pub const INDEX_FILE: &str = "index.csv";

impl Index {
    /// The index in `text`; the error is the CSV reader's, for the store to word.
    pub fn parse(text: &str) -> Result<Index, csv::Error> {
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let mut rows = BTreeMap::new();
        for row in reader.deserialize::<IndexRow>() {
            let row = row?;
            rows.insert(row.path.clone(), row);
        }
        Ok(Index { rows })
    }

    pub fn to_csv(&self) -> Vec<u8> {
        let mut writer = csv::Writer::from_writer(Vec::new());
        if self.rows.is_empty() {
            writer
                .write_record([
                    "path", "sha256", "size", "mtime_ns", "seq", "time", "unit", "step", "state",
                    "note",
                ])
                .expect("writing to memory cannot fail");
        }
        for row in self.rows.values() {
            writer
                .serialize(row)
                .expect("writing to memory cannot fail");
        }
        writer.into_inner().expect("writing to memory cannot fail")
    }

    pub fn get(&self, path: &str) -> Option<&IndexRow> {
        self.rows.get(path)
    }

    pub fn rows(&self) -> impl Iterator<Item = &IndexRow> {
        self.rows.values()
    }

    pub fn upsert(&mut self, row: IndexRow) {
        self.rows.insert(row.path.clone(), row);
    }

    pub fn get_mut(&mut self, path: &str) -> Option<&mut IndexRow> {
        self.rows.get_mut(path)
    }

    /// Every unit's step states, in one pass over the index.
    pub fn unit_steps(&self, required_kinds: &[String]) -> HashMap<&str, UnitSteps> {
        let mut progress: HashMap<&str, Progress> = HashMap::new();
        for row in self.rows.values() {
            if let (Some(step), Some(state)) = (row.step, row.state) {
                progress
                    .entry(row.unit.as_str())
                    .or_default()
                    .add(step, &row.path, state);
            }
        }
        progress
            .into_iter()
            .map(|(unit, p)| (unit, p.finish(required_kinds)))
            .collect()
    }

    /// The records `step` is drawn from as they stand, with the settings, and their fingerprint:
    /// a step drawn from the same fingerprint was drawn from the same inputs.
    pub fn drawn_from(&self, step: Step, settings_sha256: &str) -> (Vec<Input>, String) {
        let mut inputs: Vec<Input> = std::iter::once(Input {
            path: super::CAMPAIGN_FILE.to_owned(),
            sha256: settings_sha256.to_owned(),
            state: None,
        })
        .chain(
            self.rows
                .values()
                .filter(|r| step.is_drawn_from(&r.path))
                .map(|r| Input {
                    path: r.path.clone(),
                    sha256: r.sha256.clone(),
                    state: r.state,
                }),
        )
        .collect();
        inputs.sort_by(|a, b| a.path.cmp(&b.path));
        let mut hasher = Sha256::new();
        for input in &inputs {
            hasher.update(format!(
                "{}\t{}\t{}\n",
                input.path,
                input.sha256,
                input.state.map_or("", State::key)
            ));
        }
        (inputs, hex::encode(hasher.finalize()))
    }

    /// Whether a campaign step is done: its result is stored, neither open nor reopened, and,
    /// for a step drawn from others, was drawn from the inputs as they stand (the fingerprint
    /// its result row keeps).
    pub fn is_campaign_step_done(&self, step: Step, settings_sha256: &str) -> bool {
        let Some(result) = self.result_of(step) else {
            return false;
        };
        !matches!(result.state, Some(State::Partial | State::Stale))
            && (step.def().requires.is_empty()
                || result.note == self.drawn_from(step, settings_sha256).1)
    }

    /// The result record of a campaign step, once it has one.
    pub fn result_of(&self, step: Step) -> Option<&IndexRow> {
        step.def().files.first().and_then(|f| self.get(f.path))
    }

    /// The campaign step that is open (begun and not closed), with its result's row: it
    /// freezes what it rests on.
    pub fn open_step(&self) -> Option<(Step, &IndexRow)> {
        Step::opened().find_map(|d| {
            self.result_of(d.step)
                .filter(|row| row.state == Some(State::Partial))
                .map(|row| (d.step, row))
        })
    }

    /// One unit's records of every step, collected.
    pub fn progress_of(&self, unit: &str) -> Progress {
        let mut progress = Progress::default();
        for def in Step::per_unit() {
            for row in self.records_of(unit, def.step) {
                if let Some(state) = row.state {
                    progress.add(def.step, &row.path, state);
                }
            }
        }
        progress
    }

    /// One unit's step states.
    pub fn steps_of(&self, unit: &str, required_kinds: &[String]) -> UnitSteps {
        self.progress_of(unit).finish(required_kinds)
    }

    /// A unit's records of a step, in path order.
    pub fn records_of(&self, unit: &str, step: Step) -> impl Iterator<Item = &IndexRow> {
        let prefix = step.record_path(unit);
        self.rows
            .range(prefix.clone()..)
            .take_while(move |(path, _)| path.starts_with(&prefix))
            .map(|(_, row)| row)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_knows_the_last_entry() {
        let mut index = Index::default();
        index.upsert(IndexRow {
            path: "plans/C01.toml".into(),
            sha256: "ab".into(),
            size: 10,
            mtime_ns: 1,
            seq: 7,
            time: "2026-11-24T09:00:00+08:00".into(),
            unit: "C01".into(),
            step: Some(Step::Plan),
            state: Some(State::Done),
            note: String::new(),
        });
        index.upsert(IndexRow {
            path: "units.csv".into(),
            sha256: "cd".into(),
            size: 20,
            mtime_ns: 2,
            seq: 3,
            time: "2026-11-24T08:00:00+08:00".into(),
            unit: String::new(),
            step: None,
            state: None,
            note: "a, b".into(),
        });
        let again = Index::parse(std::str::from_utf8(&index.to_csv()).unwrap()).unwrap();
        assert_eq!(again.get("plans/C01.toml").unwrap().seq, 7);
        assert_eq!(again.get("units.csv").unwrap().note, "a, b");
        assert_eq!(again.steps_of("C01", &[]).get(Step::Plan), State::Done);
        assert_eq!(
            again.unit_steps(&[])["C01"].get(Step::SelfAssess),
            State::Missing
        );
        assert_eq!(
            Index::parse(std::str::from_utf8(&Index::default().to_csv()).unwrap())
                .unwrap()
                .rows()
                .count(),
            0
        );
    }
}
