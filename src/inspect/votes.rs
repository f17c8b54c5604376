//! Democratic evaluation (民主测评): the votes import and the per-unit tallies.
//!
//! A votes file has one row per rater: the unit, the rater group (测评主体) and a grade per
//! criterion, blank for an abstention; an `overall` (总体评价) column is optional. The evaluation is
//! anonymous, so banzi refuses a file with a column that identifies raters and keeps only the
//! tallies: per unit, rater group and criterion, the count of each grade and of the abstentions,
//! in `analysis/votes.csv`. The overall grade is tallied under the criterion `overall`; it is
//! kept for the record but is no criterion's democratic component.
//!
//! Files of a million rows are normal, so the import reads a file once, streaming, in memory that
//! does not grow with its rows: a reader thread reads, hashes (SHA-256) and decodes the bytes
//! while this thread parses the CSV with `csv_core` and counts into a dense array, matching unit
//! codes, groups and grades as bytes without allocating per row.

use std::collections::{BTreeMap, HashMap};
use std::io::Read as _;
use std::path::Path;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

use anyhow::Context as _;
use sha2::{Digest, Sha256};

use crate::campaign::{Campaign, Scoring, Settings};
use crate::context::Context;
use crate::error::{Diagnostic, Error};
use crate::import::{Encoding, normalize_header, not_decodable_on_line, utf16_refused};
use crate::inspect::ImportOptions;
use crate::journal::{Entry, Transaction};
use crate::units::Register;

pub const VOTES_FILE: &str = "analysis/votes.csv";

/// The criterion the optional overall grade (总体评价) is tallied under.
pub const OVERALL: &str = "overall";

/// Every unit's stored tallies.
#[derive(Debug, Default)]
pub struct VoteTallies {
    /// The grade names the counts are in, best first: the campaign's scale.
    grades: Vec<String>,
    /// Rater group names, sorted, so a key's group index orders as its name.
    groups: Vec<String>,
    /// Criterion codes: the campaign's in its order, then `overall`, then any other the stored
    /// record has (criteria renamed in `campaign.toml` after the import).
    criteria: Vec<String>,
    units: BTreeMap<String, UnitTallies>,
}

/// One unit's tallies: for each (group, criterion) key, in order, the count of each grade and
/// then the abstentions.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct UnitTallies {
    keys: Vec<(u32, u32)>,
    counts: Vec<u64>,
}

/// One rater group's votes for one unit and criterion.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupTally {
    pub rater_group: String,
    /// Count per grade, in the order of `scoring.vote_grades` (best first).
    pub counts: Vec<(String, u64)>,
    /// Blank cells, counted apart and not in the mean.
    pub abstentions: u64,
    /// The mean points of the non-blank votes; none when every vote was blank.
    pub mean: Option<f64>,
    /// The weight configured for the group, if groups are weighted.
    pub weight: Option<f64>,
    /// The weight actually used: renormalised over groups with a mean; 0 for groups without.
    pub effective_weight: f64,
}

/// The democratic component of one criterion of one unit, with everything that made it.
#[derive(Debug, Clone, PartialEq)]
pub struct Democratic {
    pub groups: Vec<GroupTally>,
    /// Whether groups are weighted (`scoring.rater_groups`), or all votes count alike.
    pub weighted: bool,
    /// The component, 0-100.
    pub value: f64,
}

/// What an import did or, with `dry_run`, would do.
#[derive(Debug, Default)]
pub struct VotesImport {
    /// Data rows read (raters).
    pub rows: u64,
    pub added: Vec<String>,
    pub replaced: Vec<String>,
    pub unchanged: Vec<String>,
    pub entry: Option<Entry>,
    /// The encoding the file was read in.
    pub encoding: Option<Encoding>,
    /// SHA-256 of the file's bytes.
    pub sha256: String,
    /// Headers of columns banzi does not use (a serial number, a unit's name, …), as written.
    pub ignored_columns: Vec<String>,
}

impl VoteTallies {
    /// Loads the stored tallies; none when no votes were imported.
    pub fn load(campaign: &Campaign) -> anyhow::Result<VoteTallies> {
        let tallies = VoteTallies::read(campaign)?;
        // Weights configured after the import must cover every group that voted, or some votes
        // would silently not count.
        let scoring = &campaign.settings.scoring;
        if !scoring.rater_groups.is_empty() {
            let unlisted: Vec<&str> = tallies
                .groups
                .iter()
                .filter(|g| scoring.rater_group_weight(g).is_none())
                .map(String::as_str)
                .collect();
            if !unlisted.is_empty() {
                return Err(Error::invalid(format!(
                    "the imported votes have rater group(s) `{}` that `scoring.rater_groups` in campaign.toml does not weigh",
                    unlisted.join("`, `")
                ))
                .with_hint("add them to `[scoring.rater_groups]` with their weights, or import the votes again with `--replace`")
                .into());
            }
        }
        Ok(tallies)
    }

    /// Whether no votes were ever imported: the campaign does not use them.
    pub fn is_empty(&self) -> bool {
        self.units.is_empty()
    }

    /// The units with tallies, in code order.
    pub fn units(&self) -> impl Iterator<Item = &str> {
        self.units.keys().map(String::as_str)
    }

    /// The democratic component of `criterion` for `unit`: none when the unit has no votes for
    /// it, or every one was blank. Grades are worth their points in `scoring`; groups weigh as
    /// `scoring.rater_groups` says, renormalised over the groups with a non-blank vote, or, with
    /// no weights configured, every non-blank vote counts alike.
    pub fn democratic(&self, unit: &str, criterion: &str, scoring: &Scoring) -> Option<Democratic> {
        let tallies = self.units.get(unit)?;
        let criterion = self.criteria.iter().position(|c| c == criterion)? as u32;
        let points: Vec<Option<f64>> = self
            .grades
            .iter()
            .map(|name| {
                scoring
                    .vote_grades
                    .iter()
                    .find(|g| &g.name == name)
                    .map(|g| g.points)
            })
            .collect();
        let weighted = !scoring.rater_groups.is_empty();
        let stride = self.grades.len() + 1;
        let mut groups = Vec::new();
        // Σ points and Σ non-blank votes (unweighted); Σ weight·mean and Σ weight (weighted).
        let (mut points_sum, mut votes, mut weighted_sum, mut weight_sum) = (0.0, 0u64, 0.0, 0.0);
        for (k, &(group, _)) in tallies
            .keys
            .iter()
            .enumerate()
            .filter(|(_, key)| key.1 == criterion)
        {
            let counts = &tallies.counts[k * stride..(k + 1) * stride];
            let (grades, abstentions) = counts.split_at(self.grades.len());
            let (mut group_points, mut group_votes) = (0.0, 0u64);
            for (count, points) in grades.iter().zip(&points) {
                if let Some(points) = points {
                    group_points += *count as f64 * points;
                    group_votes += count;
                }
            }
            let mean = (group_votes > 0).then(|| group_points / group_votes as f64);
            let name = &self.groups[group as usize];
            let weight = if weighted {
                scoring.rater_group_weight(name)
            } else {
                None
            };
            if let Some(mean) = mean {
                points_sum += group_points;
                votes += group_votes;
                if let Some(weight) = weight {
                    weighted_sum += weight * mean;
                    weight_sum += weight;
                }
            }
            groups.push(GroupTally {
                rater_group: name.clone(),
                counts: self
                    .grades
                    .iter()
                    .cloned()
                    .zip(grades.iter().copied())
                    .collect(),
                abstentions: abstentions[0],
                mean,
                weight,
                effective_weight: 0.0,
            });
        }
        let value = if weighted {
            (weight_sum > 0.0).then(|| weighted_sum / weight_sum)?
        } else {
            (votes > 0).then(|| points_sum / votes as f64)?
        };
        for group in &mut groups {
            group.effective_weight = match (group.mean, weighted) {
                (None, _) => 0.0,
                (Some(_), true) => group.weight.unwrap_or(0.0) / weight_sum,
                (Some(_), false) => {
                    let group_votes: u64 = group
                        .counts
                        .iter()
                        .zip(&points)
                        .filter(|(_, p)| p.is_some())
                        .map(|((_, c), _)| c)
                        .sum();
                    group_votes as f64 / votes as f64
                }
            };
        }
        Some(Democratic {
            groups,
            weighted,
            value,
        })
    }

    /// Empty tallies in the campaign's terms: its grade scale and its criteria.
    fn empty(settings: &Settings) -> VoteTallies {
        VoteTallies {
            grades: settings
                .scoring
                .vote_grades
                .iter()
                .map(|g| g.name.clone())
                .collect(),
            groups: Vec::new(),
            criteria: settings
                .criteria
                .iter()
                .map(|c| c.code.clone())
                .chain([OVERALL.to_owned()])
                .collect(),
            units: BTreeMap::new(),
        }
    }

    /// Reads the stored record without judging its groups against the weights: an import that
    /// replaces them must be able to read it.
    fn read(campaign: &Campaign) -> anyhow::Result<VoteTallies> {
        let mut tallies = VoteTallies::empty(&campaign.settings);
        if campaign.store.index().get(VOTES_FILE).is_none() {
            return Ok(tallies);
        }
        let text = campaign.store.read_record(VOTES_FILE)?;
        let damaged = |what: String| {
            Error::integrity(format!("`{VOTES_FILE}` is damaged: {what}"))
                .with_hint("restore the campaign directory from a backup or version control")
        };
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let headers = reader
            .headers()
            .map_err(|e| damaged(e.to_string()))?
            .clone();
        let column = |name: &str| {
            headers
                .iter()
                .position(|h| h == name)
                .ok_or_else(|| damaged(format!("no column `{name}`")))
        };
        let (unit_column, group_column, criterion_column, abstentions_column) = (
            column("unit")?,
            column("rater_group")?,
            column("criterion")?,
            column("abstentions")?,
        );
        // Grade columns by name, so a scale reordered or extended in campaign.toml still reads.
        let stride = tallies.grades.len() + 1;
        let mut slots = vec![(abstentions_column, stride - 1)];
        for (index, header) in headers.iter().enumerate() {
            if [
                unit_column,
                group_column,
                criterion_column,
                abstentions_column,
            ]
            .contains(&index)
            {
                continue;
            }
            match tallies.grades.iter().position(|g| g == header) {
                Some(slot) => slots.push((index, slot)),
                None => {
                    return Err(Error::invalid(format!(
                        "the imported votes have grade `{header}`, which `scoring.vote_grades` in campaign.toml no longer has"
                    ))
                    .with_hint(format!(
                        "put `{header}` back in `[scoring.vote_grades]`: the stored tallies were counted on that scale"
                    ))
                    .into());
                }
            }
        }
        let mut groups: Vec<String> = Vec::new();
        let mut record = csv::StringRecord::new();
        while reader
            .read_record(&mut record)
            .map_err(|e| damaged(e.to_string()))?
        {
            let field = |i: usize| record.get(i).unwrap_or("");
            let group = match groups.iter().position(|g| g == field(group_column)) {
                Some(g) => g,
                None => {
                    groups.push(field(group_column).to_owned());
                    groups.len() - 1
                }
            };
            let criterion = match tallies
                .criteria
                .iter()
                .position(|c| c == field(criterion_column))
            {
                Some(c) => c,
                None => {
                    tallies.criteria.push(field(criterion_column).to_owned());
                    tallies.criteria.len() - 1
                }
            };
            let unit = tallies
                .units
                .entry(field(unit_column).to_owned())
                .or_default();
            unit.keys.push((group as u32, criterion as u32));
            let start = unit.counts.len();
            unit.counts.resize(start + stride, 0);
            for &(index, slot) in &slots {
                unit.counts[start + slot] = field(index).parse().map_err(|_| {
                    damaged(format!(
                        "`{}` is not a count (line {})",
                        field(index),
                        record.position().map_or(0, |p| p.line())
                    ))
                })?;
            }
        }
        // Groups sorted by name, and each unit's keys in order, as `to_csv` writes them.
        let mut order: Vec<usize> = (0..groups.len()).collect();
        order.sort_by(|a, b| groups[*a].cmp(&groups[*b]));
        let mut rank = vec![0u32; groups.len()];
        for (r, &g) in order.iter().enumerate() {
            rank[g] = r as u32;
        }
        tallies.groups = order.iter().map(|&g| groups[g].clone()).collect();
        for (code, unit) in &mut tallies.units {
            for key in &mut unit.keys {
                key.0 = rank[key.0 as usize];
            }
            let mut rows: Vec<usize> = (0..unit.keys.len()).collect();
            rows.sort_by_key(|&k| unit.keys[k]);
            if rows.windows(2).any(|w| unit.keys[w[0]] == unit.keys[w[1]]) {
                return Err(
                    damaged(format!("unit `{code}` has a group and criterion twice")).into(),
                );
            }
            let sorted = UnitTallies {
                keys: rows.iter().map(|&k| unit.keys[k]).collect(),
                counts: rows
                    .iter()
                    .flat_map(|&k| unit.counts[k * stride..(k + 1) * stride].iter().copied())
                    .collect(),
            };
            *unit = sorted;
        }
        Ok(tallies)
    }
}

/// One CSV field, quoted if it needs to be.
fn csv_field(text: &str) -> Vec<u8> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    writer
        .write_record([text])
        .expect("writing to memory cannot fail");
    let mut field = writer.into_inner().expect("writing to memory cannot fail");
    field.pop();
    field
}

/// One row of the record; its names are CSV fields already.
fn push_row(
    out: &mut Vec<u8>,
    unit: &[u8],
    group: &[u8],
    criterion: &[u8],
    counts: impl Iterator<Item = u64>,
) {
    out.extend_from_slice(unit);
    out.push(b',');
    out.extend_from_slice(group);
    out.push(b',');
    out.extend_from_slice(criterion);
    for count in counts {
        out.push(b',');
        push_decimal(out, count);
    }
    out.push(b'\n');
}

fn push_decimal(out: &mut Vec<u8>, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[i..]);
}

/// Imports a votes file in one streaming pass; `progress(done, total)` is called with bytes.
pub fn import(
    campaign: &mut Campaign,
    ctx: &Context,
    file: &Path,
    options: ImportOptions,
    progress: &mut dyn FnMut(u64, u64),
) -> anyhow::Result<VotesImport> {
    let t0 = std::time::Instant::now();
    let register = campaign.register()?;
    eprintln!("register {:?}", t0.elapsed());
    if register.units().is_empty() {
        return Err(
            Error::step_order("the campaign has no units yet to import votes for")
                .with_hint("import the register first: `banzi units import FILE`")
                .into(),
        );
    }
    let stored = VoteTallies::read(campaign)?;
    let read = read_votes(file, &campaign.settings, &register, progress)?;
    let counted = &read.counted;

    let mut outcome = VotesImport {
        rows: read.rows,
        encoding: Some(read.encoding),
        sha256: read.sha256.clone(),
        ignored_columns: read.ignored_columns.clone(),
        ..VotesImport::default()
    };
    let in_file: Vec<bool> = (0..register.units().len())
        .map(|u| counted.has(u))
        .collect();
    let group_map: Vec<Option<usize>> = stored
        .groups
        .iter()
        .map(|name| counted.groups.iter().position(|(g, _)| g == name))
        .collect();
    for (u, unit) in register.units().iter().enumerate() {
        if !in_file[u] {
            continue;
        }
        match stored.units.get(&unit.code) {
            None => outcome.added.push(unit.code.clone()),
            Some(old) if counted.same(u, old, &group_map) => {
                outcome.unchanged.push(unit.code.clone());
            }
            Some(_) => outcome.replaced.push(unit.code.clone()),
        }
    }
    if !outcome.replaced.is_empty() && !options.replace {
        return Err(Error::invalid(format!(
            "{} unit(s) already have votes that differ from `{}`: {}",
            outcome.replaced.len(),
            file.display(),
            listing(&outcome.replaced)
        ))
        .with_hint(
            "to replace those units' tallies with this file's, import it again with `--replace`; \
             units not in the file keep theirs",
        )
        .into());
    }
    eprintln!("compared {:?}", t0.elapsed());
    if options.dry_run || (outcome.added.is_empty() && outcome.replaced.is_empty()) {
        return Ok(outcome);
    }

    let previous = campaign
        .store
        .index()
        .get(VOTES_FILE)
        .map(|row| (row.sha256.clone(), row.seq));
    let (record, units) = write_record(&stored, counted, &register, &in_file);
    let mut tx = Transaction::new(&mut campaign.store);
    tx.write(VOTES_FILE, record);
    tx.add_input(file, &outcome.sha256);
    let mut summary = format!(
        "democratic-evaluation votes imported ({}): {} rows; {} unit(s) added, {} replaced, {} unchanged; {units} unit(s) with votes",
        read.encoding.label(),
        outcome.rows,
        outcome.added.len(),
        outcome.replaced.len(),
        outcome.unchanged.len(),
    );
    if let Some((sha256, seq)) = previous {
        summary.push_str(&format!(
            "; the previous {VOTES_FILE} (SHA-256 {sha256}) was written by entry #{seq}"
        ));
    }
    outcome.entry = Some(tx.commit(ctx, &summary)?);
    Ok(outcome)
}

/// The record `analysis/votes.csv`: one row per unit, rater group and criterion, sorted, with a
/// count per grade. Units in the file get its counts; other units keep the stored ones. Gives the
/// text and the number of units in it.
fn write_record(
    stored: &VoteTallies,
    counted: &Counted,
    register: &Register,
    in_file: &[bool],
) -> (Vec<u8>, usize) {
    let mut header = csv::Writer::from_writer(Vec::new());
    header
        .write_record(
            ["unit", "rater_group", "criterion"]
                .into_iter()
                .chain(stored.grades.iter().map(String::as_str))
                .chain(["abstentions"]),
        )
        .expect("writing to memory cannot fail");
    let mut out = header.into_inner().expect("writing to memory cannot fail");
    let criteria: Vec<Vec<u8>> = stored.criteria.iter().map(|c| csv_field(c)).collect();
    let stored_groups: Vec<Vec<u8>> = stored.groups.iter().map(|g| csv_field(g)).collect();
    let mut order: Vec<usize> = (0..counted.groups.len()).collect();
    order.sort_by(|a, b| counted.groups[*a].0.cmp(&counted.groups[*b].0));
    let counted_groups: Vec<Vec<u8>> = counted.groups.iter().map(|(g, _)| csv_field(g)).collect();
    let slots = counted.slots;
    // Hundreds of thousands of rows: written by hand, since formatting each number through `fmt`
    // would cost more than reading the votes did.

    // Both the register and the stored tallies are in code order: merge them.
    let mut units = 0;
    let mut registered = register.units().iter().enumerate().peekable();
    let mut old = stored.units.iter().peekable();
    loop {
        let (code, u, tallies) = match (registered.peek(), old.peek()) {
            (None, None) => break,
            (Some((u, unit)), Some((code, tallies))) if unit.code == **code => {
                let next = (code.as_str(), Some(*u), Some(*tallies));
                registered.next();
                old.next();
                next
            }
            (Some((u, unit)), Some((code, _))) if unit.code < **code => {
                let next = (unit.code.as_str(), Some(*u), None);
                registered.next();
                next
            }
            (Some((u, unit)), None) => {
                let next = (unit.code.as_str(), Some(*u), None);
                registered.next();
                next
            }
            (_, Some((code, tallies))) => {
                let next = (code.as_str(), None, Some(*tallies));
                old.next();
                next
            }
        };
        let code = csv_field(code);
        if let Some(u) = u.filter(|&u| in_file[u]) {
            for &g in &order {
                let Some(cells) = counted.cells(g, u) else {
                    continue;
                };
                for (c, cell) in cells.chunks_exact(slots).enumerate() {
                    if cell.iter().any(|&n| n > 0) {
                        push_row(
                            &mut out,
                            &code,
                            &counted_groups[g],
                            &criteria[c],
                            cell.iter().map(|&n| u64::from(n)),
                        );
                    }
                }
            }
        } else if let Some(tallies) = tallies {
            for (k, &(g, c)) in tallies.keys.iter().enumerate() {
                push_row(
                    &mut out,
                    &code,
                    &stored_groups[g as usize],
                    &criteria[c as usize],
                    tallies.counts[k * slots..(k + 1) * slots].iter().copied(),
                );
            }
        } else {
            continue;
        }
        units += 1;
    }
    (out, units)
}

/// The first few codes of a long list, for a message.
fn listing(codes: &[String]) -> String {
    const SHOWN: usize = 20;
    let mut text = codes[..codes.len().min(SHOWN)].join(", ");
    if codes.len() > SHOWN {
        text.push_str(&format!(" and {} more", codes.len() - SHOWN));
    }
    text
}

/// A votes file read and counted.
struct Read {
    counted: Counted,
    rows: u64,
    encoding: Encoding,
    sha256: String,
    ignored_columns: Vec<String>,
}

/// Why one streaming pass over a file ended early.
enum PassError {
    /// The file turned out not to be UTF-8 after all: read it again as GB18030.
    NotUtf8,
    Failed(anyhow::Error),
}

impl From<Error> for PassError {
    fn from(error: Error) -> Self {
        PassError::Failed(error.into())
    }
}

/// Reads a votes file, deciding its encoding as [`crate::import::decode`] does: UTF-8 if all of
/// it is, else GB18030. The pass is optimistic: a file found not to be UTF-8 part way through
/// (GB18030 whose first rows are ASCII) is read again from the start as GB18030.
fn read_votes(
    file: &Path,
    settings: &Settings,
    register: &Register,
    progress: &mut dyn FnMut(u64, u64),
) -> anyhow::Result<Read> {
    match pass(file, settings, register, false, progress) {
        Ok(read) => Ok(read),
        Err(PassError::Failed(error)) => Err(error),
        Err(PassError::NotUtf8) => match pass(file, settings, register, true, progress) {
            Ok(read) => Ok(read),
            Err(PassError::Failed(error)) => Err(error),
            Err(PassError::NotUtf8) => unreachable!("a GB18030 pass does not look for UTF-8"),
        },
    }
}

thread_local!(static W: std::cell::Cell<std::time::Duration> = const { std::cell::Cell::new(std::time::Duration::ZERO) });
static NOROW: std::sync::LazyLock<bool> = std::sync::LazyLock::new(|| std::env::var_os("NOROW").is_some());
thread_local!(static T: std::time::Instant = std::time::Instant::now());
/// The size of the chunks the reader thread hands over, and how many are in flight: the memory
/// of a pass, whatever the size of the file.
const CHUNK: usize = 256 * 1024;
const CHUNKS: usize = 4;

/// One streaming pass: the reader thread reads, hashes and decodes; this thread parses and counts.
fn pass(
    file: &Path,
    settings: &Settings,
    register: &Register,
    gb18030: bool,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<Read, PassError> {
    let unreadable = |e: std::io::Error| {
        PassError::Failed(
            Error::invalid(format!("cannot read `{}`: {e}", file.display()))
                .with_hint("check the file name")
                .into(),
        )
    };
    T.with(|_| ());
    let handle = std::fs::File::open(file).map_err(unreadable)?;
    let total = handle.metadata().map_err(unreadable)?.len();
    progress(0, total);
    let (feed_tx, feed_rx) = sync_channel(CHUNKS);
    let (free_tx, free_rx) = sync_channel(CHUNKS);
    for _ in 0..CHUNKS {
        free_tx
            .send(vec![0; CHUNK])
            .expect("the channel holds every chunk");
    }
    std::thread::scope(|scope| {
        std::thread::Builder::new()
            .name("votes-reader".into())
            .spawn_scoped(scope, move || {
                Producer {
                    file: handle,
                    hasher: Sha256::new(),
                    done: 0,
                    free: free_rx,
                    feed: feed_tx,
                }
                .run(gb18030)
            })
            .context("cannot start a thread to read the votes")
            .map_err(PassError::Failed)?;
        let mut tally = Tally::new(file, settings, register);
        let mut records = Records::new(file);
        // The channels end with this function, so the reader stops if counting fails early.
        let (encoding, sha256) =
            consume(feed_rx, free_tx, &mut records, &mut tally, total, progress)?;
        eprintln!("consumed {:?}", T.with(|t| t.elapsed()));
        let (counted, rows, ignored_columns) = tally.finish()?;
        eprintln!("finished {:?}", T.with(|t| t.elapsed()));
        Ok(Read {
            counted,
            rows,
            encoding,
            sha256,
            ignored_columns,
        })
    })
}

/// Parses and counts every chunk the reader thread sends, returning each buffer for reuse.
fn consume(
    feed: Receiver<Feed>,
    free: SyncSender<Vec<u8>>,
    records: &mut Records,
    tally: &mut Tally,
    total: u64,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<(Encoding, String), PassError> {
    let file = tally.file;
    for message in feed {
        match message {
            Feed::Data { buf, text, done } => {
                records.feed(&buf[text], &mut |record| tally.record(record))?;
                progress(done, total);
                // The reader may have stopped; then the buffer is simply dropped.
                let _ = free.send(buf);
            }
            Feed::End { encoding, sha256 } => {
                records.feed(&[], &mut |record| tally.record(record))?;
                return Ok((encoding, sha256));
            }
            Feed::Failed(Stop::NotUtf8) => return Err(PassError::NotUtf8),
            Feed::Failed(Stop::Utf16) => return Err(utf16_refused(file).into()),
            // Everything before the bad byte was parsed, so the parser's line is the bad byte's.
            Feed::Failed(Stop::Malformed) => {
                return Err(not_decodable_on_line(file, records.line() as usize).into());
            }
            Feed::Failed(Stop::Io(e)) => {
                return Err(PassError::Failed(
                    anyhow::Error::new(e).context(format!("cannot read `{}`", file.display())),
                ));
            }
            Feed::Failed(Stop::Hangup) => break,
        }
    }
    Err(PassError::Failed(anyhow::anyhow!(
        "reading `{}` stopped unexpectedly",
        file.display()
    )))
}

/// What the reader thread sends: decoded UTF-8 text, then how the file ended.
enum Feed {
    Data {
        buf: Vec<u8>,
        /// The text in `buf`.
        text: std::ops::Range<usize>,
        /// Bytes of the file read so far.
        done: u64,
    },
    End {
        encoding: Encoding,
        sha256: String,
    },
    Failed(Stop),
}

enum Stop {
    Io(std::io::Error),
    Utf16,
    /// Not UTF-8 where UTF-8 was hoped for; the whole file is to be read as GB18030.
    NotUtf8,
    /// Not decodable in the file's encoding, after the text already sent.
    Malformed,
    /// The parsing thread stopped listening.
    Hangup,
}

/// The reader thread: reads the file once, hashes every byte, and sends UTF-8 text.
struct Producer {
    file: std::fs::File,
    hasher: Sha256,
    done: u64,
    free: Receiver<Vec<u8>>,
    feed: SyncSender<Feed>,
}

impl Producer {
    fn run(mut self, gb18030: bool) {
        let t0 = std::time::Instant::now();
        let mut waited = std::time::Duration::ZERO;
        let _ = &mut waited;
        let result = if gb18030 { self.gb18030() } else { self.utf8() };
        eprintln!(
            "producer busy {:?} waited {:?}",
            t0.elapsed(),
            W.with(|w| w.get())
        );
        let message = match result {
            Ok(encoding) => Feed::End {
                encoding,
                sha256: hex::encode(self.hasher.finalize_reset()),
            },
            Err(Stop::Hangup) => return,
            Err(stop) => Feed::Failed(stop),
        };
        let _ = self.feed.send(message);
    }

    fn buffer(&self) -> Result<Vec<u8>, Stop> {
        let t = std::time::Instant::now();
        let r = self.free.recv().map_err(|_| Stop::Hangup);
        W.with(|w| w.set(w.get() + t.elapsed()));
        r
    }

    fn send(&self, buf: Vec<u8>, text: std::ops::Range<usize>) -> Result<(), Stop> {
        self.feed
            .send(Feed::Data {
                buf,
                text,
                done: self.done,
            })
            .map_err(|_| Stop::Hangup)
    }

    /// Fills `buf` from the file, short only at its end, and hashes what was read.
    fn fill(&mut self, buf: &mut [u8]) -> Result<usize, Stop> {
        let mut n = 0;
        while n < buf.len() {
            match self.file.read(&mut buf[n..]) {
                Ok(0) => break,
                Ok(k) => n += k,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(Stop::Io(e)),
            }
        }
        self.hasher.update(&buf[..n]);
        self.done += n as u64;
        Ok(n)
    }

    /// Sends the file's text as it is, checking it is UTF-8; a character cut by the end of a
    /// chunk is carried over to the next one.
    fn utf8(&mut self) -> Result<Encoding, Stop> {
        let mut buf = self.buffer()?;
        let mut carried = 0;
        let mut first = true;
        let mut encoding = Encoding::Utf8;
        loop {
            let read = self.fill(&mut buf[carried..])?;
            let end = carried + read;
            let at_end = end < buf.len();
            let mut start = 0;
            if first {
                first = false;
                if buf[..end].starts_with(b"\xEF\xBB\xBF") {
                    encoding = Encoding::Utf8Bom;
                    start = 3;
                } else if buf[..end].starts_with(b"\xFF\xFE") || buf[..end].starts_with(b"\xFE\xFF")
                {
                    return Err(Stop::Utf16);
                }
            }
            // SIMD validation: the standard library's takes as long as hashing on Chinese text.
            let valid = match simdutf8::compat::from_utf8(&buf[start..end]) {
                Ok(_) => end,
                Err(e) if e.error_len().is_none() && !at_end => start + e.valid_up_to(),
                Err(e) => {
                    self.send(buf, start..start + e.valid_up_to())?;
                    // With a BOM the file says it is UTF-8; without, it may be GB18030.
                    return Err(match encoding {
                        Encoding::Utf8Bom => Stop::Malformed,
                        _ => Stop::NotUtf8,
                    });
                }
            };
            let mut tail = [0u8; 4];
            carried = end - valid;
            tail[..carried].copy_from_slice(&buf[valid..end]);
            self.send(buf, start..valid)?;
            if at_end {
                return Ok(encoding);
            }
            buf = self.buffer()?;
            buf[..carried].copy_from_slice(&tail[..carried]);
        }
    }

    /// Sends the file's text decoded from GB18030, strictly: a malformed byte stops it.
    fn gb18030(&mut self) -> Result<Encoding, Stop> {
        use encoding_rs::DecoderResult;
        let mut decoder = encoding_rs::GB18030.new_decoder_without_bom_handling();
        let mut raw = vec![0u8; CHUNK];
        let mut out = self.buffer()?;
        let mut written = 0;
        loop {
            let read = self.fill(&mut raw)?;
            let last = read < raw.len();
            let mut input = &raw[..read];
            loop {
                let (result, consumed, produced) =
                    decoder.decode_to_utf8_without_replacement(input, &mut out[written..], last);
                input = &input[consumed..];
                written += produced;
                match result {
                    DecoderResult::InputEmpty => break,
                    DecoderResult::OutputFull => {
                        self.send(out, 0..written)?;
                        out = self.buffer()?;
                        written = 0;
                    }
                    DecoderResult::Malformed(..) => {
                        self.send(out, 0..written)?;
                        return Err(Stop::Malformed);
                    }
                }
            }
            if last {
                self.send(out, 0..written)?;
                return Ok(Encoding::Gb18030);
            }
        }
    }
}

/// A row longer than this is no votes row; refusing it keeps memory bounded.
const MAX_ROW_BYTES: usize = 1 << 20;

/// A CSV parser over text fed in chunks, giving each record with the line it starts on.
///
/// Most lines of a votes file hold no quotes, so a line is split at its commas eight bytes at a
/// time; a line with a quote or a lone `\r`, or one cut by the end of a chunk, goes through
/// `csv_core`, which the fast path agrees with on every line it takes. Lines are counted here,
/// not by `csv_core`: a record's line is one more than the line breaks before its first byte,
/// so blank lines and CRLF are counted as people see them.
struct Records {
    file: std::path::PathBuf,
    core: csv_core::Reader,
    /// Whether `core` is inside a record that the next input continues.
    in_core: bool,
    fields: Vec<u8>,
    ends: Vec<usize>,
    fields_len: usize,
    ends_len: usize,
    /// The record's fields, as byte ranges of its text.
    spans: Vec<(usize, usize)>,
    /// Line breaks consumed so far.
    breaks: u64,
    /// The line of the record `core` is reading.
    core_line: u64,
}

/// One CSV record: its line and its fields.
struct Record<'a> {
    line: u64,
    /// The text the spans index, with any text after the record: a cell's key may read past it.
    text: &'a [u8],
    spans: &'a [(usize, usize)],
}

impl Record<'_> {
    fn len(&self) -> usize {
        self.spans.len()
    }

    /// Field `i`, without surrounding spaces, as a range of `text`.
    #[inline(always)]
    fn span(&self, i: usize) -> (usize, usize) {
        let (mut start, mut end) = self.spans[i];
        while start < end && self.text[start].is_ascii_whitespace() {
            start += 1;
        }
        while end > start && self.text[end - 1].is_ascii_whitespace() {
            end -= 1;
        }
        (start, end)
    }

    fn cell(&self, i: usize) -> &[u8] {
        let (start, end) = self.span(i);
        &self.text[start..end]
    }

    /// Field `i` and its key for [`Names::find`].
    #[inline(always)]
    fn keyed(&self, i: usize) -> (u128, &[u8]) {
        let (start, end) = self.span(i);
        (key(self.text, start, end - start), &self.text[start..end])
    }

    fn is_blank(&self) -> bool {
        (0..self.len()).all(|i| self.cell(i).is_empty())
    }

    /// Field `i` as text; the stream is UTF-8, and a field boundary is an ASCII byte.
    fn text(&self, i: usize) -> String {
        String::from_utf8_lossy(self.cell(i)).into_owned()
    }
}

/// The first 15 bytes of a cell and its length as one number, so that a cell is matched against
/// a few names with integer compares, not a `memcmp` call for each.
#[inline(always)]
fn key(text: &[u8], start: usize, len: usize) -> u128 {
    let keep = len.min(15);
    let word = match text.get(start..start + 16) {
        Some(word) => u128::from_le_bytes(word.try_into().expect("16 bytes")),
        None => {
            let mut word = [0u8; 16];
            word[..keep].copy_from_slice(&text[start..start + keep]);
            u128::from_le_bytes(word)
        }
    };
    (word & ((1u128 << (8 * keep)) - 1)) | ((len.min(255) as u128) << 120)
}

/// A few names (grades, rater groups) matched as bytes.
#[derive(Default)]
struct Names {
    keys: Vec<u128>,
    names: Vec<Box<[u8]>>,
}

impl Names {
    fn new<'n>(names: impl IntoIterator<Item = &'n str>) -> Names {
        let mut all = Names::default();
        for name in names {
            all.push(name.as_bytes());
        }
        all
    }

    fn push(&mut self, name: &[u8]) {
        self.keys.push(key(name, 0, name.len()));
        self.names.push(name.into());
    }

    fn len(&self) -> usize {
        self.names.len()
    }

    /// The index of the cell whose key is `key`; names longer than a key compare in full.
    #[inline(always)]
    fn find(&self, key: u128, cell: &[u8]) -> Option<usize> {
        if cell.len() >= 16 {
            return (0..self.keys.len()).find(|&i| self.keys[i] == key && *self.names[i] == *cell);
        }
        // Without a branch per name: which grade or group a row has is as good as random, and a
        // mispredicted branch costs more than comparing every key.
        let mut found = usize::MAX;
        for (i, &k) in self.keys.iter().enumerate() {
            found = if k == key { i } else { found };
        }
        (found != usize::MAX).then_some(found)
    }
}

/// For each byte of `word`, its high bit set if the byte is `byte` (exact: no carries between
/// bytes).
fn bytes_equal(word: u64, byte: u8) -> u64 {
    const LOW: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    let x = word ^ (0x0101_0101_0101_0101 * u64::from(byte));
    !(((x & LOW) + LOW) | x) & !LOW
}

/// Splits a line without its line break at its commas, eight bytes at a time; false when the
/// line has a quote or a `\r`, which only the full parser reads right.
fn split_line(line: &[u8], spans: &mut Vec<(usize, usize)>) -> bool {
    spans.clear();
    let mut start = 0;
    let mut words = line.chunks_exact(8);
    for (w, word) in words.by_ref().enumerate() {
        let word = u64::from_le_bytes(word.try_into().expect("8 bytes"));
        if bytes_equal(word, b'"') | bytes_equal(word, b'\r') != 0 {
            return false;
        }
        let mut commas = bytes_equal(word, b',');
        while commas != 0 {
            let at = w * 8 + commas.trailing_zeros() as usize / 8;
            spans.push((start, at));
            start = at + 1;
            commas &= commas - 1;
        }
    }
    let offset = line.len() - words.remainder().len();
    for (i, &b) in words.remainder().iter().enumerate() {
        match b {
            b'"' | b'\r' => return false,
            b',' => {
                spans.push((start, offset + i));
                start = offset + i + 1;
            }
            _ => {}
        }
    }
    spans.push((start, line.len()));
    true
}

fn line_breaks(text: &[u8]) -> u64 {
    memchr::memchr_iter(b'\n', text).count() as u64
}

impl Records {
    fn new(file: &Path) -> Records {
        Records {
            file: file.to_path_buf(),
            core: csv_core::Reader::new(),
            in_core: false,
            fields: vec![0; 4096],
            ends: vec![0; 64],
            fields_len: 0,
            ends_len: 0,
            spans: Vec::new(),
            breaks: 0,
            core_line: 0,
        }
    }

    /// The line the parser has reached.
    fn line(&self) -> u64 {
        self.breaks + 1
    }

    /// Parses `input`, the text that follows what was fed before, calling `on_record` for every
    /// complete record; empty input ends the text.
    fn feed(
        &mut self,
        input: &[u8],
        on_record: &mut impl FnMut(&Record<'_>) -> Result<(), Error>,
    ) -> Result<(), Error> {
        if input.is_empty() {
            if self.in_core {
                self.core_record(input, on_record)?;
            }
            return Ok(());
        }
        let mut rest = input;
        loop {
            if self.in_core {
                rest = self.core_record(rest, on_record)?;
                if self.in_core {
                    return Ok(());
                }
            }
            // At the start of a record: blank lines are skipped, and counted.
            let Some(start) = rest.iter().position(|&b| b != b'\r' && b != b'\n') else {
                self.breaks += line_breaks(rest);
                return Ok(());
            };
            self.breaks += line_breaks(&rest[..start]);
            rest = &rest[start..];
            if let Some(end) = memchr::memchr(b'\n', rest) {
                let line = &rest[..end];
                if split_line(line.strip_suffix(b"\r").unwrap_or(line), &mut self.spans) {
                    on_record(&Record {
                        line: self.breaks + 1,
                        text: rest,
                        spans: &self.spans,
                    })?;
                    self.breaks += 1;
                    rest = &rest[end + 1..];
                    continue;
                }
            }
            self.core.reset();
            self.in_core = true;
            self.core_line = self.breaks + 1;
        }
    }

    /// Reads one record with `csv_core` from `input`, or all of `input` if the record goes on
    /// past it; gives the input after the record.
    fn core_record<'i>(
        &mut self,
        mut input: &'i [u8],
        on_record: &mut impl FnMut(&Record<'_>) -> Result<(), Error>,
    ) -> Result<&'i [u8], Error> {
        use csv_core::ReadRecordResult;
        loop {
            let (result, consumed, written, ended) = self.core.read_record(
                input,
                &mut self.fields[self.fields_len..],
                &mut self.ends[self.ends_len..],
            );
            self.breaks += line_breaks(&input[..consumed]);
            input = &input[consumed..];
            self.fields_len += written;
            self.ends_len += ended;
            match result {
                ReadRecordResult::InputEmpty => return Ok(input),
                ReadRecordResult::End => {
                    self.in_core = false;
                    return Ok(input);
                }
                ReadRecordResult::OutputFull | ReadRecordResult::OutputEndsFull => {
                    if self.fields_len >= MAX_ROW_BYTES {
                        return Err(Error::invalid(format!(
                            "`{}` has a row longer than {} KiB, which is no row of votes",
                            self.file.display(),
                            MAX_ROW_BYTES / 1024
                        ))
                        .with_diagnostics(vec![
                            Diagnostic::new(&self.file, "the row is too long")
                                .at_line(self.core_line as usize),
                        ])
                        .with_hint(
                            "check that this is the votes file, and that its quotes are balanced",
                        ));
                    }
                    if result == ReadRecordResult::OutputFull {
                        self.fields.resize(self.fields.len() * 2, 0);
                    } else {
                        self.ends.resize(self.ends.len() * 2, 0);
                    }
                }
                ReadRecordResult::Record => {
                    self.spans.clear();
                    let mut start = 0;
                    for &end in &self.ends[..self.ends_len] {
                        self.spans.push((start, end));
                        start = end;
                    }
                    self.fields_len = 0;
                    self.ends_len = 0;
                    self.in_core = false;
                    on_record(&Record {
                        line: self.core_line,
                        text: &self.fields,
                        spans: &self.spans,
                    })?;
                    return Ok(input);
                }
            }
        }
    }
}

const UNIT_HEADERS: &[&str] = &["unit_code", "unit", "单位代码", "单位"];
const GROUP_HEADERS: &[&str] = &["rater_group", "group", "测评主体", "测评主体类别"];
const OVERALL_HEADERS: &[&str] = &["overall", "总体评价", "总体"];

/// Columns that say who a rater is. The evaluation is anonymous, so a file with one is refused
/// rather than read around it: it should not have been collected, let alone kept.
const IDENTIFYING_HEADERS: &[&str] = &[
    "name",
    "rater",
    "rater_name",
    "姓名",
    "名字",
    "测评人",
    "评议人",
    "投票人",
    "填表人",
    "phone",
    "mobile",
    "tel",
    "telephone",
    "手机",
    "手机号",
    "手机号码",
    "电话",
    "联系电话",
    "联系方式",
    "id_number",
    "id_card",
    "idcard",
    "身份证",
    "身份证号",
    "身份证号码",
    "employee_id",
    "staff_id",
    "工号",
    "职工号",
    "email",
    "e-mail",
    "邮箱",
    "电子邮箱",
    "wechat",
    "微信",
    "微信号",
    "openid",
    "ip",
    "ip地址",
];

/// At most this many rater groups: campaigns have a handful, and each costs a count per unit.
const MAX_GROUPS: usize = 32;

/// At most this many diagnostics are kept; the rest are only counted.
const MAX_DIAGNOSTICS: usize = 1000;

/// Where the columns are, once the header is read.
struct Layout {
    line: u64,
    width: usize,
    unit: usize,
    group: usize,
    /// The graded columns: the field and the criterion it is, in the order of `criteria`.
    graded: Vec<(usize, usize)>,
}

/// The rater groups of a pass and their votes.
struct Groups {
    names: Names,
    /// Whether `names` are the configured (weighted) groups, and no other may appear.
    weighted: bool,
    /// Per group: per unit, criterion and grade (then abstentions) the votes; allocated when the
    /// group first votes.
    counts: Vec<Vec<u32>>,
}

enum GroupProblem {
    Empty,
    NotConfigured,
    TooMany,
}

impl Groups {
    /// The group named `cell`, known or (when groups are not weighted) new.
    fn find(&mut self, (key, cell): (u128, &[u8])) -> Result<usize, GroupProblem> {
        if let Some(g) = self.names.find(key, cell) {
            Ok(g)
        } else if cell.is_empty() {
            Err(GroupProblem::Empty)
        } else if self.weighted {
            Err(GroupProblem::NotConfigured)
        } else if self.names.len() == MAX_GROUPS {
            Err(GroupProblem::TooMany)
        } else {
            self.names.push(cell);
            self.counts.push(Vec::new());
            Ok(self.names.len() - 1)
        }
    }
}

/// The counting of one pass: validates each row and counts its votes.
struct Tally<'a> {
    file: &'a Path,
    settings: &'a Settings,
    register: &'a Register,
    layout: Option<Layout>,
    ignored_columns: Vec<String>,
    unit_index: HashMap<Box<[u8]>, u32>,
    /// The previous row's unit (key, code, index): files are grouped by unit, so most rows
    /// need no lookup.
    last_unit: (u128, Vec<u8>, u32),
    groups: Groups,
    grades: Names,
    /// Criteria counted per unit: the campaign's and `overall`.
    criteria: usize,
    rows: u64,
    problems: Problems,
}

/// Every problem found, the first `MAX_DIAGNOSTICS` of them in full.
struct Problems {
    diagnostics: Vec<Diagnostic>,
    more: u64,
    bad_rows: u64,
    /// The line of the last bad row counted.
    last_bad_line: u64,
}

impl Problems {
    fn add(&mut self, file: &Path, line: u64, field: &str, message: impl FnOnce() -> String) {
        if self.last_bad_line != line {
            self.last_bad_line = line;
            self.bad_rows += 1;
        }
        if self.diagnostics.len() < MAX_DIAGNOSTICS {
            self.diagnostics.push(
                Diagnostic::new(file, message())
                    .at_line(line as usize)
                    .field(field),
            );
        } else {
            self.more += 1;
        }
    }
}

impl<'a> Tally<'a> {
    fn new(file: &'a Path, settings: &'a Settings, register: &'a Register) -> Tally<'a> {
        let scoring = &settings.scoring;
        Tally {
            file,
            settings,
            register,
            layout: None,
            ignored_columns: Vec::new(),
            unit_index: register
                .units()
                .iter()
                .enumerate()
                .map(|(i, u)| (u.code.as_bytes().into(), i as u32))
                .collect(),
            last_unit: (key(b"", 0, 0), Vec::new(), 0),
            groups: Groups {
                names: Names::new(scoring.rater_groups.iter().map(|(g, _)| g.as_str())),
                weighted: !scoring.rater_groups.is_empty(),
                counts: vec![Vec::new(); scoring.rater_groups.len()],
            },
            // A blank cell is the last "grade": the abstentions, counted apart.
            grades: Names::new(
                scoring
                    .vote_grades
                    .iter()
                    .map(|g| g.name.as_str())
                    .chain([""]),
            ),
            criteria: settings.criteria.len() + 1,
            rows: 0,
            problems: Problems {
                diagnostics: Vec::new(),
                more: 0,
                bad_rows: 0,
                last_bad_line: 0,
            },
        }
    }

    fn record(&mut self, record: &Record<'_>) -> Result<(), Error> {
        if self.layout.is_none() {
            return self.header(record);
        }
        // Counts are 32-bit to halve the memory; no cell can pass that unless the rows do.
        if self.rows == u64::from(u32::MAX) {
            return Err(Error::invalid(format!(
                "`{}` has more than {} rows of votes",
                self.file.display(),
                u32::MAX
            ))
            .with_hint("split the file by unit and import the parts one by one"));
        }
        if !*NOROW { self.row(record); } else { self.rows += 1; }
        Ok(())
    }

    fn header(&mut self, record: &Record<'_>) -> Result<(), Error> {
        let file = self.file;
        let at = |message: String, field: &str| {
            Diagnostic::new(file, message)
                .at_line(record.line as usize)
                .field(field)
        };
        let headers: Vec<String> = (0..record.len()).map(|i| record.text(i)).collect();
        let identifying: Vec<&String> = headers
            .iter()
            .filter(|h| IDENTIFYING_HEADERS.contains(&normalize_header(h).as_str()))
            .collect();
        if !identifying.is_empty() {
            return Err(Error::invalid(format!(
                "`{}` has column(s) that identify raters; the democratic evaluation is anonymous",
                file.display()
            ))
            .with_diagnostics(
                identifying
                    .iter()
                    .map(|h| at("identifies a rater".into(), h))
                    .collect(),
            )
            .with_hint(format!(
                "remove the column(s) `{}` and import the file again; banzi keeps only the count of each grade per unit, rater group and criterion",
                identifying.iter().map(|h| h.as_str()).collect::<Vec<_>>().join("`, `")
            )));
        }

        // Every column the votes need, as (key, headers that name it, required).
        let mut wanted: Vec<(&str, Vec<&str>, bool)> = vec![
            ("unit_code", UNIT_HEADERS.to_vec(), true),
            ("rater_group", GROUP_HEADERS.to_vec(), true),
        ];
        for c in &self.settings.criteria {
            wanted.push((&c.code, vec![&c.code, &c.name], true));
        }
        wanted.push((OVERALL, OVERALL_HEADERS.to_vec(), false));
        let mut positions: Vec<Option<usize>> = vec![None; wanted.len()];
        let mut diagnostics = Vec::new();
        for (index, header) in headers.iter().enumerate() {
            let name = normalize_header(header);
            let Some(w) = wanted
                .iter()
                .position(|(_, names, _)| names.iter().any(|n| normalize_header(n) == name))
            else {
                if !header.is_empty() {
                    self.ignored_columns.push(header.clone());
                }
                continue;
            };
            if positions[w].is_some() {
                diagnostics.push(at(
                    format!("column `{}` appears twice", wanted[w].0),
                    header,
                ));
            }
            positions[w] = Some(index);
        }
        for ((key, names, required), position) in wanted.iter().zip(&positions) {
            if *required && position.is_none() {
                diagnostics.push(at(
                    format!(
                        "missing column `{key}` (accepted headers: {})",
                        names.join(", ")
                    ),
                    "header",
                ));
            }
        }
        if !diagnostics.is_empty() {
            return Err(Error::invalid(format!(
                "`{}` is not a votes file banzi can read",
                file.display()
            ))
            .with_diagnostics(diagnostics)
            .with_hint(format!(
                "the header needs unit_code (单位代码), rater_group (测评主体) and a column per criterion: {} (or their Chinese names); overall (总体评价) is optional",
                self.settings.criterion_codes()
            )));
        }
        self.layout = Some(Layout {
            line: record.line,
            width: headers.len(),
            unit: positions[0].expect("checked"),
            group: positions[1].expect("checked"),
            graded: positions[2..]
                .iter()
                .enumerate()
                .filter_map(|(criterion, p)| p.map(|p| (p, criterion)))
                .collect(),
        });
        Ok(())
    }

    /// Validates a data row and counts its votes. The hot path: no allocation unless it is bad.
    fn row(&mut self, record: &Record<'_>) {
        let Tally {
            file,
            settings,
            register,
            layout,
            unit_index,
            last_unit,
            groups,
            grades,
            criteria,
            rows,
            problems,
            ..
        } = self;
        let (file, settings) = (*file, *settings);
        let layout = layout.as_ref().expect("the header comes first");
        let line = record.line;
        if record.len() != layout.width {
            if !record.is_blank() {
                *rows += 1;
                let (cells, width) = (record.len(), layout.width);
                problems.add(file, line, "row", || {
                    format!("{cells} cells but the header has {width} columns")
                });
            }
            return;
        }
        let (unit_key, unit_cell) = record.keyed(layout.unit);
        if unit_cell.is_empty() && record.is_blank() {
            // Spreadsheets leave rows of empty cells at the end.
            return;
        }
        *rows += 1;
        let unit = if unit_cell.is_empty() {
            problems.add(file, line, "unit_code", || "empty unit code".into());
            None
        } else if unit_key == last_unit.0 && (unit_cell.len() < 16 || unit_cell == last_unit.1) {
            Some(last_unit.2)
        } else if let Some(&i) = unit_index.get(unit_cell) {
            last_unit.0 = unit_key;
            last_unit.1.clear();
            last_unit.1.extend_from_slice(unit_cell);
            last_unit.2 = i;
            Some(i)
        } else {
            problems.add(file, line, "unit_code", || {
                format!("unit `{}` is not in the register", record.text(layout.unit))
            });
            None
        };
        let group = match groups.find(record.keyed(layout.group)) {
            Ok(g) => Some(g),
            Err(problem) => {
                problems.add(file, line, "rater_group", || match problem {
                    GroupProblem::Empty => "empty rater group".into(),
                    GroupProblem::NotConfigured => format!(
                        "rater group `{}` is not in `scoring.rater_groups` of campaign.toml ({})",
                        record.text(layout.group),
                        settings
                            .scoring
                            .rater_groups
                            .iter()
                            .map(|(g, _)| g.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                    GroupProblem::TooMany => format!(
                        "rater group `{}` is one more than the {MAX_GROUPS} groups a file may have",
                        record.text(layout.group)
                    ),
                });
                None
            }
        };
        let slots = grades.len();
        let mut counts = match (unit, group) {
            (Some(unit), Some(group)) => {
                let counts = &mut groups.counts[group];
                if counts.is_empty() {
                    counts.resize(register.units().len() * *criteria * slots, 0);
                }
                let per_unit = *criteria * slots;
                let start = unit as usize * per_unit;
                Some(&mut counts[start..start + per_unit])
            }
            _ => None,
        };
        for &(field, criterion) in &layout.graded {
            let (key, cell) = record.keyed(field);
            let Some(slot) = grades.find(key, cell) else {
                let key = settings
                    .criteria
                    .get(criterion)
                    .map_or(OVERALL, |c| c.code.as_str());
                problems.add(file, line, key, || {
                    format!(
                        "unknown grade `{}` (expected {}, or a blank cell for an abstention)",
                        record.text(field),
                        settings
                            .scoring
                            .vote_grades
                            .iter()
                            .map(|g| g.name.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                });
                continue;
            };
            if let Some(counts) = counts.as_deref_mut() {
                counts[criterion * slots + slot] += 1;
            }
        }
    }

    /// The tallies of every unit in the file, or every problem found.
    fn finish(self) -> Result<(Counted, u64, Vec<String>), Error> {
        let file = self.file;
        if self.layout.is_none() {
            return Err(Error::invalid(format!("`{}` is empty", file.display()))
                .with_hint("export the votes with a header row and one row per rater"));
        }
        let mut problems = self.problems;
        if let Some(layout) = &self.layout
            && self.rows == 0
        {
            problems.diagnostics.push(
                Diagnostic::new(file, "the file has a header but no votes")
                    .at_line(layout.line as usize + 1),
            );
        }
        if !problems.diagnostics.is_empty() {
            let bad = problems.bad_rows.max(1);
            if problems.more > 0 {
                problems.diagnostics.push(Diagnostic::new(
                    file,
                    format!("{} more problem(s) not listed", problems.more),
                ));
            }
            return Err(
                Error::invalid(format!("`{}` has {bad} bad row(s)", file.display()))
                    .with_diagnostics(problems.diagnostics)
                    .with_hint(
                        "correct the rows above and import the file again; nothing was imported",
                    ),
            );
        }

        // Groups that never voted (configured ones absent from the file) are left out.
        let groups = self
            .groups
            .names
            .names
            .iter()
            .zip(self.groups.counts)
            .filter(|(_, counts)| !counts.is_empty())
            .map(|(name, counts)| (String::from_utf8_lossy(name).into_owned(), counts))
            .collect();
        let counted = Counted {
            groups,
            criteria: self.criteria,
            slots: self.grades.len(),
        };
        Ok((counted, self.rows, self.ignored_columns))
    }
}

/// The votes of one file, counted: per rater group, per unit of the register, per criterion
/// (the campaign's, then `overall`) the count of each grade, then the abstentions.
struct Counted {
    /// Every group that voted, in the order first seen, with its counts.
    groups: Vec<(String, Vec<u32>)>,
    criteria: usize,
    slots: usize,
}

impl Counted {
    /// The counts of group `g` for unit `u`, criterion by criterion.
    fn cells(&self, g: usize, u: usize) -> Option<&[u32]> {
        let per_unit = self.criteria * self.slots;
        self.groups[g].1.get(u * per_unit..(u + 1) * per_unit)
    }

    /// Whether unit `u` has any vote or abstention in the file.
    fn has(&self, u: usize) -> bool {
        (0..self.groups.len()).any(|g| self.cells(g, u).is_some_and(|c| c.iter().any(|&n| n > 0)))
    }

    /// Whether unit `u`'s counts are `stored`'s; `group_map` gives each stored group's index here.
    fn same(&self, u: usize, stored: &UnitTallies, group_map: &[Option<usize>]) -> bool {
        let slots = self.slots;
        let mut matched = 0;
        for (k, &(g, c)) in stored.keys.iter().enumerate() {
            let (g, c) = (g as usize, c as usize);
            let Some(cells) = group_map[g].and_then(|g| self.cells(g, u)) else {
                return false;
            };
            let Some(cell) = cells.get(c * slots..(c + 1) * slots) else {
                return false;
            };
            if !cell
                .iter()
                .map(|&n| u64::from(n))
                .eq(stored.counts[k * slots..(k + 1) * slots].iter().copied())
            {
                return false;
            }
            matched += 1;
        }
        // Nothing in the file beyond what is stored.
        let in_file: usize = (0..self.groups.len())
            .filter_map(|g| self.cells(g, u))
            .map(|cells| {
                cells
                    .chunks_exact(slots)
                    .filter(|cell| cell.iter().any(|&n| n > 0))
                    .count()
            })
            .sum();
        in_file == matched
    }
}
