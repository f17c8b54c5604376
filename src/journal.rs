//! The append-only journal, and the [`Transaction`] every change commits through.
//!
//! A command validates everything first and stages its writes in a transaction; nothing touches
//! the disk until `commit`, which writes each record atomically, then the index, then appends
//! one journal entry naming every record with its SHA-256.

use anyhow::Context as _;
use serde::{Deserialize, Serialize};

use crate::context::Context;
use crate::error::Error;
use crate::steps::{State, Step};
use crate::store::{self, CAMPAIGN_FILE, INDEX_FILE, IndexRow, JOURNAL_FILE, Store};

/// One change to the campaign: when, by whom, by which command, and which records.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub seq: u64,
    pub time: String,
    pub operator: String,
    pub command: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    pub summary: String,
    /// The input files the command read, as they were.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub inputs: Vec<InputRef>,
    #[serde(default)]
    pub records: Vec<RecordRef>,
}

/// An input file a command read: its path as given and the SHA-256 of its bytes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InputRef {
    pub path: String,
    pub sha256: String,
}

/// A record an entry wrote or whose state it changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordRef {
    pub path: String,
    pub sha256: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct JournalFile {
    #[serde(default)]
    entry: Vec<Entry>,
}

impl Entry {
    /// The entry as `banzi log --json` prints it: every key present, `reason` null when none.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "seq": self.seq,
            "time": self.time,
            "operator": self.operator,
            "command": self.command,
            "reason": self.reason,
            "summary": self.summary,
            "inputs": self.inputs.iter().map(|i| serde_json::json!({
                "path": i.path,
                "sha256": i.sha256,
            })).collect::<Vec<_>>(),
            "records": self.records.iter().map(|r| serde_json::json!({
                "path": r.path,
                "sha256": r.sha256,
                "state": r.state,
            })).collect::<Vec<_>>(),
        })
    }
}

/// Reads every entry of the journal, oldest first.
pub fn read(store: &Store) -> anyhow::Result<Vec<Entry>> {
    let path = store.root().join(JOURNAL_FILE);
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(
                Error::integrity(format!("the journal `{JOURNAL_FILE}` is missing"))
                    .with_hint("restore the campaign directory from a backup or version control")
                    .into(),
            );
        }
        Err(e) => return Err(e).with_context(|| format!("cannot read `{}`", path.display())),
    };
    let file: JournalFile = toml::from_str(&text).map_err(|e| {
        let place = e
            .span()
            .map(|s| {
                let p = crate::error::Position::of_offset(&text, s.start);
                format!(":{}:{}", p.line, p.column)
            })
            .unwrap_or_default();
        Error::integrity(format!(
            "the journal `{JOURNAL_FILE}{place}` is damaged: {}",
            e.message()
        ))
        .with_hint("restore the campaign directory from a backup or version control")
    })?;
    Ok(file.entry)
}

/// The staged changes of one command.
#[derive(Debug)]
pub struct Transaction<'s> {
    store: &'s mut Store,
    writes: Vec<Staged>,
    marks: Vec<(String, State, String)>,
    inputs: Vec<InputRef>,
    reason: Option<String>,
}

#[derive(Debug)]
struct Staged {
    path: String,
    bytes: Vec<u8>,
    step: Option<(String, Step)>,
}

impl<'s> Transaction<'s> {
    pub fn new(store: &'s mut Store) -> Transaction<'s> {
        assert!(
            store.is_writable(),
            "a transaction needs the campaign opened for writing"
        );
        Transaction {
            store,
            writes: Vec::new(),
            marks: Vec::new(),
            inputs: Vec::new(),
            reason: None,
        }
    }

    pub fn store(&self) -> &Store {
        self.store
    }

    /// Stages a record that belongs to no step, such as the unit register.
    pub fn write(&mut self, path: &str, bytes: Vec<u8>) {
        self.writes.push(Staged {
            path: path.to_owned(),
            bytes,
            step: None,
        });
    }

    /// Stages a unit's record of a step at `path`; committing it marks the record done.
    pub fn write_step(&mut self, unit: &str, step: Step, path: String, bytes: Vec<u8>) {
        self.writes.push(Staged {
            path,
            bytes,
            step: Some((unit.to_owned(), step)),
        });
    }

    /// Stages a change of the state of a step's record that exists.
    pub fn mark(&mut self, path: &str, state: State, note: String) {
        self.marks.push((path.to_owned(), state, note));
    }

    /// Records an input file the change was made from, with the SHA-256 of its bytes.
    pub fn add_input(&mut self, path: &std::path::Path, sha256: &str) {
        self.inputs.push(InputRef {
            path: path.display().to_string(),
            sha256: sha256.to_owned(),
        });
    }

    pub fn set_reason(&mut self, reason: &str) {
        self.reason = Some(reason.to_owned());
    }

    /// Writes everything staged and appends the journal entry describing it.
    pub fn commit(self, ctx: &Context, summary: &str) -> anyhow::Result<Entry> {
        let Transaction {
            store,
            writes,
            marks,
            inputs,
            reason,
        } = self;
        let seq = store.index.last_seq() + 1;
        let time = ctx.now.to_rfc3339_opts(chrono::SecondsFormat::Secs, false);
        let mut records = Vec::new();
        let mut summary = summary.to_owned();

        // Settings are people's to edit; an edit is journaled with the next change, never silent.
        if !writes.iter().any(|w| w.path == CAMPAIGN_FILE)
            && let Ok((_, sha)) = store.read_settings()
            && let Some(row) = store.index.get_mut(CAMPAIGN_FILE)
            && row.sha256 != sha
        {
            summary.push_str(&format!(
                "; {CAMPAIGN_FILE} was edited since entry #{}",
                row.seq
            ));
            row.sha256 = sha.clone();
            row.seq = seq;
            row.time = time.clone();
            records.push(RecordRef {
                path: CAMPAIGN_FILE.to_owned(),
                sha256: sha,
                state: None,
            });
        }

        for staged in &writes {
            let sha256 = store::sha256_hex(&staged.bytes);
            let (unit, step, state) = match &staged.step {
                Some((unit, step)) => (unit.clone(), step.def().key.to_owned(), "done".to_owned()),
                None => Default::default(),
            };
            records.push(RecordRef {
                path: staged.path.clone(),
                sha256: sha256.clone(),
                state: (!state.is_empty()).then(|| state.clone()),
            });
            store.index.upsert(IndexRow {
                path: staged.path.clone(),
                sha256,
                seq,
                time: time.clone(),
                unit,
                step,
                state,
                note: String::new(),
            });
        }
        for (path, state, note) in marks {
            let row = store
                .index
                .get_mut(&path)
                .with_context(|| format!("`{path}` has no record to mark {}", state.key()))?;
            row.state = state.key().to_owned();
            row.note = note;
            row.seq = seq;
            row.time = time.clone();
            records.push(RecordRef {
                path: path.clone(),
                sha256: row.sha256.clone(),
                state: Some(state.key().to_owned()),
            });
        }

        let entry = Entry {
            seq,
            time,
            operator: ctx.operator.clone(),
            command: ctx.command.clone(),
            reason,
            summary,
            inputs,
            records,
        };
        let text = toml::to_string(&JournalFile {
            entry: vec![entry.clone()],
        })
        .context("cannot serialize the journal entry")?;

        let root = store.root().to_path_buf();
        for staged in &writes {
            store::write_atomic(&root.join(&staged.path), &staged.bytes)?;
        }
        store::write_atomic(&root.join(INDEX_FILE), &store.index.to_csv())?;
        store::append(&root.join(JOURNAL_FILE), format!("\n{text}").as_bytes())?;
        Ok(entry)
    }
}
