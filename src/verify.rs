//! `banzi verify`: every record against the index, and the index against the journal.

use std::collections::HashMap;

use serde::Serialize;

use crate::journal;
use crate::steps::STEPS;
use crate::store::{CAMPAIGN_FILE, INDEX_FILE, Store, sha256_hex};

#[derive(Debug, Default, Serialize)]
pub struct Report {
    /// How many records were checked.
    pub records: usize,
    /// How many journal entries were read.
    pub entries: usize,
    /// Integrity problems: a record changed, missing or unknown, or an index that disagrees with
    /// the journal.
    pub problems: Vec<String>,
    /// Things worth knowing that are not problems, such as edited settings.
    pub notes: Vec<String>,
}

pub fn verify(store: &Store) -> anyhow::Result<Report> {
    let mut report = Report::default();
    let entries = journal::read(store)?;
    report.entries = entries.len();
    let mut last_written: HashMap<&str, (u64, &str)> = HashMap::new();
    for (i, entry) in entries.iter().enumerate() {
        if entry.seq != i as u64 + 1 {
            report.problems.push(format!(
                "journal entry {} has sequence number #{}; entries must be numbered 1, 2, 3, …",
                i + 1,
                entry.seq
            ));
        }
        for record in &entry.records {
            last_written.insert(&record.path, (entry.seq, &record.sha256));
        }
    }
    let index = store.index();
    if index.last_seq() != entries.last().map_or(0, |e| e.seq) {
        report.problems.push(format!(
            "the index was last changed by entry #{}, but the journal ends at #{}",
            index.last_seq(),
            entries.last().map_or(0, |e| e.seq)
        ));
    }
    for row in index.rows() {
        report.records += 1;
        match last_written.get(row.path.as_str()) {
            Some((seq, sha)) if *seq == row.seq && *sha == row.sha256 => {}
            Some((seq, _)) if *seq != row.seq => report.problems.push(format!(
                "`{}`: the index says entry #{} wrote it, but the journal's last entry for it is #{seq}",
                row.path, row.seq
            )),
            Some((seq, sha)) => report.problems.push(format!(
                "`{}`: the index gives SHA-256 {}, but journal entry #{seq} wrote {sha}; `{INDEX_FILE}` was changed outside banzi",
                row.path, row.sha256
            )),
            None => report.problems.push(format!("`{}` is in the index but in no journal entry", row.path)),
        }
        match std::fs::read(store.root().join(&row.path)) {
            Ok(bytes) if sha256_hex(&bytes) == row.sha256 => {}
            Ok(_) if row.path == CAMPAIGN_FILE => report.notes.push(format!(
                "`{CAMPAIGN_FILE}` was edited since entry #{}; the edit is journaled with the next change",
                row.seq
            )),
            Ok(_) => report.problems.push(format!(
                "`{}` was changed outside banzi since entry #{} wrote it",
                row.path, row.seq
            )),
            Err(_) => report.problems.push(format!(
                "`{}` is missing; entry #{} wrote it",
                row.path, row.seq
            )),
        }
    }
    for def in STEPS {
        let unknown = |relative: &str| index.get(relative).is_none();
        for relative in files_under(store.root(), def.record_dir) {
            if unknown(&relative) {
                report
                    .problems
                    .push(format!("`{relative}` was not written by banzi"));
            }
        }
    }
    Ok(report)
}

/// Every file under `dir` of the campaign, relative to the root with `/` separators; a step with
/// many records per unit keeps them one folder deeper.
fn files_under(root: &std::path::Path, dir: &str) -> Vec<String> {
    let Ok(listing) = std::fs::read_dir(root.join(dir)) else {
        return Vec::new();
    };
    let mut files = Vec::new();
    for entry in listing.flatten() {
        let relative = format!("{dir}/{}", entry.file_name().to_string_lossy());
        if entry.file_type().is_ok_and(|t| t.is_dir()) {
            files.extend(files_under(root, &relative));
        } else {
            files.push(relative);
        }
    }
    files
}
