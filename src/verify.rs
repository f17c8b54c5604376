//! `banzi verify`: the journal's chain, every record hashed against the journal, nothing missing,
//! nothing unknown, no link; a deliberate hand edit accepted; a printed head checked.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use serde::Serialize;

use crate::campaign::Campaign;
use crate::context::Context;
use crate::error::Error;
use crate::journal::{Entry, Reason, SHORT_HASH};
use crate::steps::{State, Step};
use crate::store::{
    CAMPAIGN_FILE, INDEX_FILE, JOURNAL_FILE, LOCK_FILE, Problem, RESTORE, Store, Transaction,
    WORK_DIR, changed_outside, sha256_hex,
};

#[derive(Debug, Default, Serialize)]
pub struct Report {
    /// How many records were checked.
    pub records: usize,
    /// How many journal entries were read.
    pub entries: usize,
    /// How many bytes were hashed.
    pub bytes: u64,
    /// The journal's head as documents print it, `SEQ:HASH`.
    pub head: Option<String>,
    /// Integrity problems, each a sentence with its file and fix.
    pub problems: Vec<String>,
    /// The same problems as data.
    pub details: Vec<Problem>,
    /// Things worth knowing that are not problems, such as edited settings.
    pub notes: Vec<String>,
}

impl Report {
    fn add(&mut self, seen: &mut HashSet<(String, String)>, problem: Problem) {
        if seen.insert((problem.file.clone(), problem.message.clone())) {
            self.problems.push(format!(
                "`{}` {}; fix: {}",
                problem.file, problem.message, problem.fix
            ));
            self.details.push(problem);
        }
    }
}

/// Files banzi keeps that are not records, and what version control puts beside them.
const NOT_RECORDS: [&str; 5] = [
    JOURNAL_FILE,
    INDEX_FILE,
    LOCK_FILE,
    ".gitignore",
    ".gitattributes",
];

pub fn verify(store: &Store) -> anyhow::Result<Report> {
    let mut report = Report {
        entries: store.journal().len(),
        head: store.head().map(Entry::head),
        ..Report::default()
    };
    let mut seen = HashSet::new();
    for problem in store.problems() {
        report.add(&mut seen, problem.clone());
    }

    // What the journal alone says each record must be.
    let mut journaled: BTreeMap<&str, (u64, &str, Option<State>)> = BTreeMap::new();
    for entry in store.journal() {
        for record in &entry.records {
            journaled.insert(&record.path, (entry.seq, &record.sha256, record.state));
        }
    }
    let index = store.index();
    for row in index.rows() {
        report.records += 1;
        match journaled.get(row.path.as_str()) {
            None => report.add(
                &mut seen,
                problem(
                    &row.path,
                    Some(row.seq),
                    format!("is in `{INDEX_FILE}` but in no journal entry"),
                ),
            ),
            Some((seq, sha, state)) => {
                if *seq != row.seq || *sha != row.sha256 || *state != row.state {
                    report.add(
                        &mut seen,
                        problem(
                            &row.path,
                            Some(*seq),
                            format!(
                                "`{INDEX_FILE}` does not say what journal entry #{seq} wrote for it \
                                 (SHA-256, entry or state): the index was changed outside banzi"
                            ),
                        ),
                    );
                }
            }
        }
        match std::fs::symlink_metadata(store.root().join(&row.path)) {
            Ok(m) if m.is_file() => {
                let bytes = std::fs::read(store.root().join(&row.path))?;
                report.bytes += bytes.len() as u64;
                if sha256_hex(&bytes) == row.sha256 {
                    continue;
                }
                if row.path == CAMPAIGN_FILE {
                    report.notes.push(format!(
                        "`{CAMPAIGN_FILE}` was edited since entry #{}; the edit is journaled with the next change",
                        row.seq
                    ));
                } else {
                    report.add(&mut seen, changed_outside(&row.path, row.seq));
                }
            }
            // Missing files and links are already among the store's problems.
            _ => {}
        }
    }
    for (path, (seq, _, _)) in &journaled {
        if index.get(path).is_none() {
            report.add(
                &mut seen,
                problem(
                    path,
                    Some(*seq),
                    format!(
                        "was written by journal entry #{seq} but is not in `{INDEX_FILE}`: the index was changed outside banzi"
                    ),
                ),
            );
        }
    }
    for (relative, what) in walk(store.root())? {
        // A record the journal wrote but the index lost is already a problem; it is banzi's.
        let known = index.get(&relative).is_some()
            || journaled.contains_key(relative.as_str())
            || NOT_RECORDS.contains(&relative.as_str());
        match what {
            Walked::Link => report.add(
                &mut seen,
                Problem {
                    file: relative,
                    entry: None,
                    message: "is a symbolic link; banzi never follows links inside a campaign"
                        .into(),
                    fix: "replace the link with the real file or folder".into(),
                },
            ),
            Walked::File if !known => report.add(
                &mut seen,
                Problem {
                    file: relative,
                    entry: None,
                    message: "was not written by banzi".into(),
                    fix: "move it out of the campaign folder".into(),
                },
            ),
            Walked::File => {}
        }
    }
    Ok(report)
}

fn problem(file: &str, entry: Option<u64>, message: String) -> Problem {
    Problem::new(file, entry, message, RESTORE)
}

enum Walked {
    File,
    Link,
}

/// Every file and link in the campaign, relative to the root with `/`; version control's own
/// folder is not the campaign's.
fn walk(root: &Path) -> anyhow::Result<Vec<(String, Walked)>> {
    fn walk_into(
        root: &Path,
        relative: &str,
        found: &mut Vec<(String, Walked)>,
    ) -> anyhow::Result<()> {
        let dir = if relative.is_empty() {
            root.to_path_buf()
        } else {
            root.join(relative)
        };
        let listing = std::fs::read_dir(&dir)
            .map_err(|e| anyhow::anyhow!("cannot read folder `{}`: {e}", dir.display()))?;
        let mut entries: Vec<_> = listing.flatten().collect();
        entries.sort_by_key(|e| e.file_name());
        for entry in entries {
            let name = entry.file_name().to_string_lossy().into_owned();
            let path = if relative.is_empty() {
                name.clone()
            } else {
                format!("{relative}/{name}")
            };
            let kind = entry.file_type()?;
            if kind.is_symlink() {
                found.push((path, Walked::Link));
            } else if kind.is_dir() {
                if relative.is_empty() && name == ".git" {
                    continue;
                }
                if relative.is_empty() && name == WORK_DIR {
                    found.push((path.clone(), Walked::File));
                    continue;
                }
                walk_into(root, &path, found)?;
            } else {
                found.push((path, Walked::File));
            }
        }
        Ok(())
    }
    let mut found = Vec::new();
    walk_into(root, "", &mut found)?;
    Ok(found)
}

/// Checks that the journal still holds the head a document printed, `SEQ:HASH` or `#SEQ:HASH`.
pub fn check_head(store: &Store, head: &str) -> Result<String, Error> {
    let usage = || {
        Error::new(
            crate::error::Kind::Usage,
            format!("`{head}` is not a journal head; it looks like 12:1a2b3c4d5e6f"),
        )
        .with_hint("copy the head from the document's footer (日志头), e.g. `banzi verify --head 12:1a2b3c4d5e6f`")
    };
    let (seq, hash) = head
        .trim()
        .trim_start_matches('#')
        .split_once(':')
        .ok_or_else(usage)?;
    let seq: u64 = seq.parse().map_err(|_| usage())?;
    let hash = hash.to_ascii_lowercase();
    if hash.len() < 8 || !hash.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(usage());
    }
    match store.journal().iter().find(|e| e.seq == seq) {
        Some(entry) if entry.hash.starts_with(&hash) => Ok(format!(
            "the campaign still contains journal head #{seq}:{} ({}, {})",
            &entry.hash[..SHORT_HASH],
            entry.time,
            entry.summary
        )),
        Some(entry) => Err(Error::integrity(format!(
            "journal entry #{seq} is not the one the document was printed from: its hash begins {}, not {hash}",
            &entry.hash[..SHORT_HASH]
        ))
        .with_hint("the journal was rewritten since the document was printed; compare with the archived copy")),
        None => Err(Error::integrity(format!(
            "the journal has no entry #{seq}; it ends at #{}",
            store.head().map_or(0, |e| e.seq)
        ))
        .with_hint("the journal was cut back since the document was printed; compare with the archived copy")),
    }
}

/// Takes hand edits of `files` (campaign-relative) as they now are, after checking each as the
/// command that owns it would; what was built on an accepted step record goes stale.
pub fn accept(
    campaign: &mut Campaign,
    ctx: &Context,
    files: &[String],
    reason: &str,
) -> anyhow::Result<Entry> {
    let reason = Reason::new(reason, "accepting a hand edit")?;
    if let Some(p) = campaign
        .store
        .problems()
        .iter()
        .find(|p| p.file == JOURNAL_FILE || p.file == INDEX_FILE)
    {
        return Err(Error::integrity(format!(
            "cannot accept a hand edit while `{}` {}",
            p.file, p.message
        ))
        .with_hint(format!("first {}", p.fix))
        .into());
    }
    let mut accepted: Vec<(String, Vec<u8>)> = Vec::new();
    for file in files {
        let Some(row) = campaign.store.index().get(file) else {
            return Err(Error::invalid(format!(
                "`{file}` is not a record of this campaign; only a record banzi wrote can be accepted"
            ))
            .with_hint("name it as `banzi verify` does, relative to the campaign folder, e.g. plans/C01.toml")
            .into());
        };
        if file == CAMPAIGN_FILE {
            return Err(Error::invalid(format!(
                "`{CAMPAIGN_FILE}` needs no accepting: an edit of the settings is journaled with the next change"
            ))
            .into());
        }
        let path = campaign.store.root().join(file);
        let metadata = std::fs::symlink_metadata(&path)
            .map_err(|e| Error::invalid(format!("cannot read `{file}`: {e}")))?;
        if !metadata.is_file() {
            return Err(Error::integrity(format!(
                "`{file}` is not a regular file; banzi never follows links inside a campaign"
            ))
            .into());
        }
        let bytes = std::fs::read(&path)?;
        if sha256_hex(&bytes) == row.sha256 {
            return Err(Error::invalid(format!(
                "`{file}` is as banzi wrote it in journal entry #{}; there is no edit to accept",
                row.seq
            ))
            .into());
        }
        accepted.push((file.clone(), bytes));
    }
    // Check each file as its owner reads it, with the index taking the edit as written.
    let original = campaign.store.index.clone();
    for (file, bytes) in &accepted {
        if let Some(row) = campaign.store.index.get_mut(file) {
            row.sha256 = sha256_hex(bytes);
        }
    }
    let checked = accepted
        .iter()
        .try_for_each(|(file, _)| read_as_owner(campaign, file));
    campaign.store.index = original;
    checked?;

    let mut stale = Vec::new();
    for (file, _) in &accepted {
        let row = campaign.store.index().get(file).expect("checked above");
        if let Some(step) = row.step {
            for dependent in step.dependents() {
                stale.extend(
                    campaign
                        .store
                        .index()
                        .records_of(&row.unit, dependent)
                        .filter(|r| r.state == Some(State::Done))
                        .map(|r| (r.path.clone(), format!("its {step} was edited by hand"))),
                );
            }
        }
    }
    let names: Vec<&str> = accepted.iter().map(|(f, _)| f.as_str()).collect();
    let mut tx = Transaction::new(&mut campaign.store, ctx);
    tx.set_reason(&reason);
    for (file, bytes) in accepted.iter().cloned() {
        tx.accept(&file, bytes);
    }
    for (path, note) in &stale {
        tx.mark(path, State::Stale, note.clone());
    }
    let mut summary = format!("hand edit accepted: {}", names.join(", "));
    if !stale.is_empty() {
        summary.push_str(&format!("; now stale: {}", stale.len()));
    }
    tx.commit(crate::messages::both(|| summary.clone()))
}

/// Reads the record at `file` as the command that owns it does, validating it.
fn read_as_owner(campaign: &Campaign, file: &str) -> anyhow::Result<()> {
    use crate::inspect::{annual, inspectors, votes};
    let unit = campaign
        .store
        .index()
        .get(file)
        .map(|row| row.unit.clone())
        .unwrap_or_default();
    let plan = || -> anyhow::Result<crate::plan::Plan> {
        crate::plan::load(campaign, &unit)?.ok_or_else(|| {
            Error::step_order(format!(
                "unit `{unit}` has no plan to read `{file}` against"
            ))
            .into()
        })
    };
    match file {
        crate::store::UNITS_FILE => campaign.register().map(drop),
        inspectors::INSPECTORS_FILE => inspectors::Inspectors::load(campaign).map(drop),
        annual::ANNUAL_FILE => annual::AnnualResults::load(campaign).map(drop),
        votes::VOTES_FILE => votes::VoteTallies::load(campaign).map(drop),
        crate::inspect::flags::CLEARED_FILE => {
            crate::inspect::flags::clearances(campaign).map(drop)
        }
        crate::steps::WITHDRAWALS_FILE => {
            crate::rulings::all::<crate::rulings::Withdrawal>(campaign).map(drop)
        }
        crate::steps::VETOES_FILE => {
            crate::rulings::all::<crate::rulings::Veto>(campaign).map(drop)
        }
        crate::shortlist::overrides::OVERRIDES_FILE => {
            crate::shortlist::overrides::load(campaign).map(drop)
        }
        crate::shortlist::version::VERSIONS_FILE => {
            crate::shortlist::version::list(campaign).map(drop)
        }
        _ => match campaign.store.index().get(file).and_then(|r| r.step) {
            Some(Step::Plan) => plan().map(drop),
            Some(Step::SelfAssess) => crate::self_assess::load(campaign, &plan()?).map(drop),
            Some(Step::Inspect) => crate::inspect::record::load_all(campaign, &plan()?).map(drop),
            // A campaign step's records are tables (above) or a list's versions.
            _ => {
                let listed = crate::shortlist::version::list(campaign)?
                    .into_iter()
                    .find(|l| l.path == file)
                    .ok_or_else(|| {
                        Error::invalid(format!("banzi does not know how to check `{file}`"))
                    })?;
                crate::shortlist::version::load(campaign, &listed).map(drop)
            }
        },
    }
}
