//! The [`Transaction`] every change commits through.
//!
//! A command validates everything first and stages its writes in a transaction; nothing touches
//! the disk until `commit`, which stages every record and the new index in the work folder,
//! appends one journal entry naming them (the commit point), and then moves them into place.

use crate::context::Context;
use crate::journal::{Entry, GENESIS, InputRef, Reason, RecordRef};
use crate::messages::Both;
use crate::steps::{State, Step};

use super::redo::Staging;
use super::{CAMPAIGN_FILE, INDEX_FILE, IndexRow, Store, sha256_hex};

/// Who makes a change, when, and the journal entry it will be: known from the start, so a record
/// that names its own entry (a withdrawal, an adjustment) is written with the entry's number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribution {
    pub seq: u64,
    /// RFC 3339, to the second.
    pub time: String,
    pub operator: String,
    /// The command line, as typed.
    pub command: String,
    /// The date the change is made as of, when `--today` gave one.
    pub today: Option<chrono::NaiveDate>,
}

/// The staged changes of one command.
#[derive(Debug)]
pub struct Transaction<'s> {
    store: &'s mut Store,
    attribution: Attribution,
    writes: Vec<Staged>,
    marks: Vec<(String, State, String)>,
    inputs: Vec<InputRef>,
    reason: Option<String>,
    /// Records whose hand edit is accepted, with the SHA-256 banzi had written before.
    accepted: Vec<(String, String)>,
    /// Result records of campaign steps, with the fingerprint of what they were drawn from.
    results: Vec<(String, String)>,
}

#[derive(Debug)]
struct Staged {
    path: String,
    bytes: Vec<u8>,
    /// The unit and step of a step's record, and the state it is written in.
    step: Option<(String, Step, State)>,
}

impl<'s> Transaction<'s> {
    pub fn new(store: &'s mut Store, ctx: &Context) -> Transaction<'s> {
        assert!(
            store.is_writable(),
            "a transaction needs the campaign opened for writing"
        );
        let attribution = Attribution {
            seq: store.next_seq(),
            time: ctx.now.to_rfc3339_opts(chrono::SecondsFormat::Secs, false),
            operator: ctx.operator.clone(),
            command: ctx.command.clone(),
            today: ctx.backdated.then_some(ctx.today),
        };
        Transaction {
            store,
            attribution,
            writes: Vec::new(),
            marks: Vec::new(),
            inputs: Vec::new(),
            reason: None,
            accepted: Vec::new(),
            results: Vec::new(),
        }
    }

    pub fn store(&self) -> &Store {
        self.store
    }

    /// Who, when and which journal entry this change will be.
    pub fn attribution(&self) -> &Attribution {
        &self.attribution
    }

    /// Stages a record that belongs to no step, such as the unit register.
    pub fn write(&mut self, path: &str, bytes: Vec<u8>) {
        self.writes.push(Staged {
            path: path.to_owned(),
            bytes,
            step: None,
        });
    }

    /// Stages the rows of a table record.
    pub fn write_table<T: super::Table>(&mut self, rows: &[T]) {
        self.write(T::PATH, super::csv_bytes(rows));
    }

    /// Stages a unit's record of a step at `path`; committing it marks the record done.
    pub fn write_step(&mut self, unit: &str, step: Step, path: String, bytes: Vec<u8>) {
        self.writes.push(Staged {
            path,
            bytes,
            step: Some((unit.to_owned(), step, State::Done)),
        });
    }

    /// Stages the result record of a campaign step, drawn from the inputs whose fingerprint is
    /// `drawn_from` (see [`super::Index::drawn_from`]); the step is done while they stand.
    pub fn write_result(&mut self, step: Step, path: &str, bytes: Vec<u8>, drawn_from: String) {
        self.write_result_in(step, path, bytes, drawn_from, State::Done);
    }

    /// Stages the result of a campaign step done in two acts as opened, drawn from the inputs
    /// whose fingerprint is `drawn_from`: the step is begun, and freezes what it rests on.
    pub fn write_opened(&mut self, step: Step, path: &str, bytes: Vec<u8>, drawn_from: String) {
        self.write_result_in(step, path, bytes, drawn_from, State::Partial);
    }

    fn write_result_in(
        &mut self,
        step: Step,
        path: &str,
        bytes: Vec<u8>,
        drawn_from: String,
        state: State,
    ) {
        self.writes.push(Staged {
            path: path.to_owned(),
            bytes,
            step: Some((String::new(), step, state)),
        });
        self.results.push((path.to_owned(), drawn_from));
    }

    /// Stages a change of the state of a step's record that exists.
    pub fn mark(&mut self, path: &str, state: State, note: String) {
        self.marks.push((path.to_owned(), state, note));
    }

    /// Takes the record at `path` as it now is on disk, `bytes`, as if banzi had written it:
    /// a deliberate hand edit, journaled with the hash it replaces.
    pub fn accept(&mut self, path: &str, bytes: Vec<u8>) {
        let previous = self
            .store
            .index
            .get(path)
            .map(|row| row.sha256.clone())
            .unwrap_or_default();
        self.accepted.push((path.to_owned(), previous));
        let step = self
            .store
            .index
            .get(path)
            .and_then(|row| Some((row.unit.clone(), row.step?, row.state?)));
        self.writes.push(Staged {
            path: path.to_owned(),
            bytes,
            step,
        });
    }

    /// Records an input file the change was made from, with the SHA-256 of its bytes.
    pub fn add_input(&mut self, path: &std::path::Path, sha256: &str) {
        self.inputs.push(InputRef {
            path: path.display().to_string(),
            sha256: sha256.to_owned(),
        });
    }

    pub fn set_reason(&mut self, reason: &Reason) {
        self.reason = Some(reason.as_str().to_owned());
    }

    /// Writes everything staged and the journal entry describing it, all or nothing.
    pub fn commit(mut self, summary: Both) -> anyhow::Result<Entry> {
        let mut staging = Staging::begin(&self.store.root)?;
        match self.stage(&mut staging, summary) {
            Ok(entry) => {
                staging.commit(&entry, self.store.journal_len)?;
                self.store.journal_len += entry.to_toml().len() as u64;
                self.store.journal.push(entry.clone());
                super::git::after_commit(&self.store.root, &entry);
                Ok(entry)
            }
            Err(e) => {
                staging.abandon();
                Err(e)
            }
        }
    }

    /// Stages every record and the new index, and gives the entry that will commit them.
    fn stage(&mut self, staging: &mut Staging, summary: Both) -> anyhow::Result<Entry> {
        let store = &mut *self.store;
        let writes = std::mem::take(&mut self.writes);
        let marks = std::mem::take(&mut self.marks);
        let accepted = std::mem::take(&mut self.accepted);
        let Attribution {
            seq,
            time,
            operator,
            command,
            today,
        } = self.attribution.clone();
        let mut records = Vec::new();
        let mut summary = summary;

        // An open step (a public notice) freezes every record it rests on until it is closed
        // or reopened; a change to one is refused before anything is staged.
        if let Some((open, row)) = store.index.open_step() {
            let touched = writes.iter().map(|w| w.path.as_str());
            let touched = touched.chain(marks.iter().map(|(path, ..)| path.as_str()));
            if let Some(path) = touched.into_iter().find(|path| open.freezes(path)) {
                let noun = crate::messages::steps::noun(open);
                return Err(
                    crate::error::Error::step_order(crate::messages::store::frozen_by(
                        path,
                        &noun,
                        open.def().title,
                        row.seq,
                    ))
                    .with_hint(crate::messages::store::frozen_hint(
                        open.def().closes.unwrap_or_default(),
                        open.def().command,
                    ))
                    .into(),
                );
            }
        }

        // Settings are people's to edit; an edit is journaled with the next change, never
        // silent, also when the change rewrites them (a key set by a command).
        let rewritten = writes.iter().any(|w| w.path == CAMPAIGN_FILE);
        if let Ok((_, sha)) = store.read_settings()
            && let Some(row) = store.index.get_mut(CAMPAIGN_FILE)
            && row.sha256 != sha
        {
            summary = summary.and(crate::messages::both(|| {
                crate::messages::store::settings_edited_since(CAMPAIGN_FILE, row.seq)
            }));
            if !rewritten {
                let metadata = std::fs::symlink_metadata(store.root.join(CAMPAIGN_FILE))?;
                let stamp = super::Stamp::of(&metadata);
                row.sha256 = sha.clone();
                row.size = stamp.size;
                row.mtime_ns = stamp.mtime_ns;
                row.seq = seq;
                row.time = time.clone();
                records.push(RecordRef {
                    path: CAMPAIGN_FILE.to_owned(),
                    sha256: sha,
                    state: None,
                    replaced_sha256: None,
                });
            }
        }

        for (path, stamp) in std::mem::take(&mut store.restamp) {
            if let Some(row) = store.index.get_mut(&path) {
                row.size = stamp.size;
                row.mtime_ns = stamp.mtime_ns;
            }
        }

        for staged in &writes {
            let sha256 = sha256_hex(&staged.bytes);
            let stamp = staging.stage(&staged.path, &staged.bytes)?;
            let replaced_sha256 = accepted
                .iter()
                .find(|(p, _)| *p == staged.path)
                .map(|(_, previous)| previous.clone());
            let (unit, step, mut state) = match &staged.step {
                Some((unit, step, state)) => (unit.clone(), Some(*step), Some(*state)),
                None => Default::default(),
            };
            let mut note = self
                .results
                .iter()
                .find(|(p, _)| *p == staged.path)
                .map(|(_, drawn_from)| drawn_from.clone())
                .unwrap_or_default();
            // An accepted hand edit is the same record edited, not a new submission: a stale
            // record stays stale until its command takes it again.
            if replaced_sha256.is_some()
                && let Some(row) = store.index.get(&staged.path)
            {
                state = row.state;
                note = row.note.clone();
            }
            records.push(RecordRef {
                path: staged.path.clone(),
                sha256: sha256.clone(),
                state,
                replaced_sha256,
            });
            store.index.upsert(IndexRow {
                path: staged.path.clone(),
                sha256,
                size: stamp.size,
                mtime_ns: stamp.mtime_ns,
                seq,
                time: time.clone(),
                unit,
                step,
                state,
                note,
            });
        }
        for (path, state, note) in marks {
            let row = store.index.get_mut(&path).ok_or_else(|| {
                anyhow::anyhow!(crate::messages::store::no_record_to_mark(
                    &path,
                    state.key()
                ))
            })?;
            row.state = Some(state);
            row.note = note;
            row.seq = seq;
            row.time = time.clone();
            records.push(RecordRef {
                path: path.clone(),
                sha256: row.sha256.clone(),
                state: Some(state),
                replaced_sha256: None,
            });
        }

        let index_bytes = store.index.to_csv();
        staging.stage(INDEX_FILE, &index_bytes)?;
        let mut entry = Entry {
            seq,
            time,
            today: today.map(|d| d.to_string()),
            operator,
            command,
            reason: self.reason.take(),
            summary: summary.en,
            summary_zh: Some(summary.zh),
            prev: store
                .head()
                .map_or_else(|| GENESIS.to_owned(), |head| head.hash.clone()),
            index_sha256: sha256_hex(&index_bytes),
            hash: String::new(),
            inputs: std::mem::take(&mut self.inputs),
            records,
        };
        entry.hash = entry.digest();
        Ok(entry)
    }
}
