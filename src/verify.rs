//! `banzi verify`: the journal's chain, every record hashed against the journal, nothing missing,
//! nothing unknown, no link; a deliberate hand edit accepted; a printed head checked.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use serde::Serialize;

use crate::campaign::Campaign;
use crate::context::Context;
use crate::error::Error;
use crate::journal::{Entry, Reason, SHORT_HASH};
use crate::messages::{Both, both, output, verify as words};
use crate::steps::{State, Step};
use crate::store::{
    CAMPAIGN_FILE, INDEX_FILE, JOURNAL_FILE, LOCK_FILE, Problem, Store, Transaction, WORK_DIR,
    changed_outside, restore, sha256_hex,
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
    /// Integrity problems, each a sentence with its file and fix, in English for scripts.
    pub problems: Vec<String>,
    /// The same problems as data.
    pub details: Vec<Problem>,
    /// Things worth knowing that are not problems, such as edited settings; English in `--json`.
    #[serde(serialize_with = "english_all")]
    pub notes: Vec<Both>,
}

fn english_all<S: serde::Serializer>(texts: &[Both], serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_seq(texts.iter().map(|t| &t.en))
}

impl Report {
    fn add(&mut self, seen: &mut HashSet<(String, String)>, problem: Problem) {
        if seen.insert((problem.file.clone(), problem.message.en.clone())) {
            self.problems.push(
                both(|| {
                    words::problem(&problem.file, problem.message.shown(), problem.fix.shown())
                })
                .en,
            );
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
                    both(|| words::in_index_not_journal(INDEX_FILE)),
                ),
            ),
            Some((seq, sha, state)) => {
                if *seq != row.seq || *sha != row.sha256 || *state != row.state {
                    report.add(
                        &mut seen,
                        problem(
                            &row.path,
                            Some(*seq),
                            both(|| words::index_disagrees(INDEX_FILE, *seq)),
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
                    report
                        .notes
                        .push(both(|| words::settings_edited(CAMPAIGN_FILE, row.seq)));
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
                    both(|| words::written_not_indexed(*seq, INDEX_FILE)),
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
                    message: both(words::is_link),
                    fix: both(words::replace_link),
                },
            ),
            Walked::File if !known => report.add(
                &mut seen,
                Problem {
                    file: relative,
                    entry: None,
                    message: both(words::not_by_banzi),
                    fix: both(words::move_out),
                },
            ),
            Walked::File => {}
        }
    }
    Ok(report)
}

fn problem(file: &str, entry: Option<u64>, message: Both) -> Problem {
    Problem::new(file, entry, message, restore())
}

enum Walked {
    File,
    Link,
}

/// Every file and link in the campaign, relative to the root with `/`; version control's own
/// folder and the fonts folder are not the campaign's.
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
        let listing = std::fs::read_dir(&dir).map_err(|e| {
            anyhow::anyhow!(output::caused_by(
                &words::cannot_read_folder(dir.display()),
                &e.to_string()
            ))
        })?;
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
                // Fonts for printing are the clerk's, not records.
                if relative.is_empty() && (name == ".git" || name == crate::fonts::CAMPAIGN_FOLDER)
                {
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

/// The files that are the campaign's at rest, as `verify` walks them (neither the lock nor a
/// change's work folder), relative with `/`: what an archive holds.
pub fn campaign_files(store: &Store) -> anyhow::Result<Vec<String>> {
    Ok(walk(store.root())?
        .into_iter()
        .filter(|(path, what)| {
            matches!(what, Walked::File) && path != LOCK_FILE && path != WORK_DIR
        })
        .map(|(path, _)| path)
        .collect())
}

/// A head as a document prints it, `SEQ:HASH` or `#SEQ:HASH`: its number and its lowercase
/// hash (at least 8 digits), or a usage error.
pub fn parse_head(head: &str) -> Result<(u64, String), Error> {
    let usage = || {
        Error::new(crate::error::Kind::Usage, words::not_a_head(head))
            .with_hint(words::not_a_head_hint())
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
    Ok((seq, hash))
}

/// Checks that the journal still holds the head a document printed, `SEQ:HASH` or `#SEQ:HASH`.
pub fn check_head(store: &Store, head: &str) -> Result<String, Error> {
    let (seq, hash) = parse_head(head)?;
    match store.journal().iter().find(|e| e.seq == seq) {
        Some(entry) if entry.hash.starts_with(&hash) => Ok(words::head_found(
            seq,
            &entry.hash[..SHORT_HASH],
            &entry.time,
            entry.summary_shown(),
        )),
        Some(entry) => {
            Err(
                Error::integrity(words::head_differs(seq, &entry.hash[..SHORT_HASH], &hash))
                    .with_hint(words::head_differs_hint()),
            )
        }
        None => Err(
            Error::integrity(words::head_gone(seq, store.head().map_or(0, |e| e.seq)))
                .with_hint(words::head_gone_hint()),
        ),
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
    let reason = Reason::new(reason, &words::accepting_a_hand_edit())?;
    if let Some(p) = campaign
        .store
        .problems()
        .iter()
        .find(|p| p.file == JOURNAL_FILE || p.file == INDEX_FILE)
    {
        return Err(
            Error::integrity(words::accept_while_damaged(&p.file, p.message.shown()))
                .with_hint(words::first(p.fix.shown()))
                .into(),
        );
    }
    let mut accepted: Vec<(String, Vec<u8>)> = Vec::new();
    for file in files {
        let Some(row) = campaign.store.index().get(file) else {
            return Err(Error::invalid(words::not_a_record(file))
                .with_hint(words::name_as_verify())
                .into());
        };
        if file == CAMPAIGN_FILE {
            return Err(Error::invalid(words::settings_need_no_accepting(CAMPAIGN_FILE)).into());
        }
        let path = campaign.store.root().join(file);
        let metadata = std::fs::symlink_metadata(&path).map_err(|e| {
            Error::invalid(output::caused_by(&words::cannot_read(file), &e.to_string()))
        })?;
        if !metadata.is_file() {
            return Err(Error::integrity(words::not_regular(file)).into());
        }
        let bytes = std::fs::read(&path)?;
        if sha256_hex(&bytes) == row.sha256 {
            return Err(Error::invalid(words::nothing_to_accept(file, row.seq)).into());
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
                        // The note is kept in `index.csv`, a record: in English always.
                        .map(|r| {
                            let noun = step.def().noun;
                            (r.path.clone(), format!("its {noun} was edited by hand"))
                        }),
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
    tx.commit(both(|| {
        let mut summary = words::accepted(&names.join(&words::separator()));
        if !stale.is_empty() {
            summary.push_str(&words::now_stale(stale.len()));
        }
        summary
    }))
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
        crate::plan::load(campaign, &unit)?
            .ok_or_else(|| Error::step_order(words::no_plan_to_read(&unit, file)).into())
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
        crate::steps::DISQUALIFICATIONS_FILE => {
            crate::rulings::all::<crate::rulings::Disqualification>(campaign).map(drop)
        }
        crate::steps::CALENDAR_FILE => crate::publicize::calendar(campaign).map(drop),
        crate::steps::PERIODS_FILE => crate::publicize::check_periods(campaign),
        crate::steps::OPINIONS_FILE => crate::publicize::opinions::check(campaign),
        crate::steps::COMMENDATION_FILE => crate::commend::load(campaign).map(drop),
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
                    .ok_or_else(|| Error::invalid(words::cannot_check(file)))?;
                crate::shortlist::version::load(campaign, &listed).map(drop)
            }
        },
    }
}
