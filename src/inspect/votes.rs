//! Democratic evaluation (民主测评): the votes import and the per-unit tallies.
//!
//! A votes file has one row per rater: the unit, the rater group (测评主体) and a grade per
//! criterion, blank for an abstention; an `overall` (总体评价) column is optional. The evaluation is
//! anonymous, so banzi refuses a file with a column that identifies raters and keeps only the
//! tallies: per unit, rater group and criterion, the count of each grade and of the abstentions,
//! in `analysis/votes.csv`. The overall grade is tallied under the criterion `overall`; it is
//! kept for the record but is no criterion's democratic component.
//!
//! The record has one row per unit and rater group, which a person can read in a spreadsheet:
//! `unit,rater_group`, then for each criterion (the campaign's, then `overall` if any unit has
//! it) a column per grade of the scale and one for the abstentions, named `criterion/grade`:
//!
//! ```text
//! unit,rater_group,political/优秀,political/较好,political/一般,political/较差,political/abstentions,capability/优秀,…
//! C01,上级领导,12,3,0,0,1,9,…
//! ```
//!
//! Files of a million rows are normal, so the import reads a file once, streaming, in memory that
//! does not grow with its rows. Two threads share the work: a reader thread reads the file in
//! chunks, hashes them (SHA-256), checks or decodes them to UTF-8 and marks where their commas
//! and line breaks are; this thread splits the rows at those marks (or with `csv_core` where a
//! chunk has quotes), validates them and counts the votes into a dense array, matching unit codes,
//! groups and grades as bytes, without allocating per row.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use crate::campaign::Campaign;
use crate::context::Context;
use crate::csv_cell;
use crate::error::{Diagnostic, Error};
use crate::import::stream::{self, NO_KEY, Names, Record, Sink};
use crate::import::{
    Encoding, SheetRows, Source, control_problem, first_control, likely_meant, misspelt_column,
    normalize_header,
};
use crate::inspect::ImportOptions;
use crate::journal::Entry;
use crate::messages::votes as messages;
use crate::settings::{Scoring, Settings};
use crate::store::Transaction;
use crate::store::UNITS_FILE;
use crate::units::Register;

pub use crate::steps::VOTES_FILE;

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

/// A weighed rater group that did not vote for a unit, or abstained on one criterion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VoteGap {
    pub unit: String,
    pub rater_group: String,
    /// The criterion every vote of the group left blank; none when the group did not vote.
    pub criterion: Option<String>,
}

impl VoteGap {
    fn absent(unit: &str, group: &str) -> VoteGap {
        VoteGap {
            unit: unit.to_owned(),
            rater_group: group.to_owned(),
            criterion: None,
        }
    }

    /// In Chinese words, with the criterion's name from `name_of` (code → name), for what is
    /// kept (the preliminary list's record says it so whatever the language of the command).
    pub fn words(&self, name_of: impl Fn(&str) -> String) -> String {
        crate::messages::both(|| self.said(&name_of)).zh
    }

    /// In words in the language in force, for people, with the criterion's name from `name_of`.
    pub fn said(&self, name_of: impl Fn(&str) -> String) -> String {
        match &self.criterion {
            None => messages::gap_absent(&self.rater_group),
            Some(code) => messages::gap_blank(&self.rater_group, &name_of(code)),
        }
    }
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
    /// Where a weighed rater group did not vote for a unit added or replaced, as
    /// [`VoteTallies::gaps`] gives them once the votes are stored.
    pub gaps: Vec<VoteGap>,
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
                return Err(
                    Error::invalid(messages::unweighed_groups(&messages::ticked_list(
                        &unlisted,
                    )))
                    .with_hint(messages::unweighed_groups_hint())
                    .into(),
                );
            }
        }
        Ok(tallies)
    }

    /// Where a rater group that `scoring.rater_groups` weighs did not vote for `unit`: not at all
    /// (criterion `None`), or only blank votes on a criterion. Its weight then goes to the other
    /// groups, renormalised; people are told.
    pub fn gaps(&self, unit: &str, scoring: &Scoring) -> Vec<VoteGap> {
        let Some(tallies) = self.units.get(unit) else {
            return Vec::new();
        };
        let stride = self.grades.len() + 1;
        let mut gaps = Vec::new();
        for (group, _) in &scoring.rater_groups {
            let Some(g) = self.groups.iter().position(|name| name == group) else {
                gaps.push(VoteGap::absent(unit, group));
                continue;
            };
            let keys: Vec<(usize, u32)> = tallies
                .keys
                .iter()
                .enumerate()
                .filter(|(_, key)| key.0 as usize == g)
                .map(|(k, key)| (k, key.1))
                .collect();
            if keys.is_empty() {
                gaps.push(VoteGap::absent(unit, group));
                continue;
            }
            for (k, criterion) in keys {
                let counts = &tallies.counts[k * stride..(k + 1) * stride];
                let blank_only = counts[..self.grades.len()].iter().all(|&c| c == 0);
                let code = &self.criteria[criterion as usize];
                if blank_only && code != OVERALL {
                    gaps.push(VoteGap {
                        unit: unit.to_owned(),
                        rater_group: group.clone(),
                        criterion: Some(code.clone()),
                    });
                }
            }
        }
        gaps
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
            Error::integrity(messages::damaged(VOTES_FILE, &what))
                .with_hint(messages::damaged_hint())
        };
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let headers: csv::StringRecord = reader
            .headers()
            .map_err(|e| damaged(e.to_string()))?
            .iter()
            .map(csv_cell::unescape)
            .collect();
        let column = |name: &str| {
            headers
                .iter()
                .position(|h| h == name)
                .ok_or_else(|| damaged(messages::damaged_no_column(name)))
        };
        let (unit_column, group_column) = (column("unit")?, column("rater_group")?);
        // Count columns by name, `criterion/grade`, so a scale reordered or extended in
        // campaign.toml still reads: per criterion, in the order of the header, each of its
        // columns and the slot of the grade (or the abstentions) it counts.
        let stride = tallies.grades.len() + 1;
        let mut columns: Vec<(usize, Vec<(usize, usize)>)> = Vec::new();
        for (index, header) in headers.iter().enumerate() {
            if index == unit_column || index == group_column {
                continue;
            }
            // Criterion codes have no `/`; grade names may.
            let Some((criterion, grade)) = header.split_once('/') else {
                return Err(damaged(messages::damaged_column(header)).into());
            };
            let slot = if grade == "abstentions" {
                stride - 1
            } else {
                match tallies.grades.iter().position(|g| g == grade) {
                    Some(slot) => slot,
                    None => {
                        return Err(Error::invalid(messages::grade_dropped(grade))
                            .with_hint(messages::grade_dropped_hint(grade))
                            .into());
                    }
                }
            };
            let criterion = match tallies.criteria.iter().position(|c| c == criterion) {
                Some(c) => c,
                None => {
                    tallies.criteria.push(criterion.to_owned());
                    tallies.criteria.len() - 1
                }
            };
            match columns.iter_mut().find(|(c, _)| *c == criterion) {
                Some((_, slots)) => slots.push((index, slot)),
                None => columns.push((criterion, vec![(index, slot)])),
            }
        }
        for (criterion, slots) in &columns {
            if !slots.iter().any(|&(_, slot)| slot == stride - 1) {
                let name = &tallies.criteria[*criterion];
                return Err(
                    damaged(messages::damaged_no_column(&format!("{name}/abstentions"))).into(),
                );
            }
        }
        let mut groups: Vec<String> = Vec::new();
        // Bytes, not strings: `read_record` checked the text is UTF-8 once already.
        let text_of = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
        let mut record = csv::ByteRecord::new();
        // Rows come unit by unit: a unit's entry is looked up when the unit changes, not per row.
        let mut current: Option<(String, UnitTallies)> = None;
        let add_unit = |unit: Option<(String, UnitTallies)>, tallies: &mut VoteTallies| {
            if let Some((code, unit)) = unit
                && !unit.keys.is_empty()
            {
                let entry = tallies.units.entry(code).or_default();
                entry.keys.extend(unit.keys);
                entry.counts.extend(unit.counts);
            }
        };
        while reader
            .read_byte_record(&mut record)
            .map_err(|e| damaged(e.to_string()))?
        {
            // Counts are digits, which `write_record` never escapes.
            let field = |i: usize| record.get(i).unwrap_or_default();
            let text_field = |i: usize| csv_cell::unescape_bytes(field(i));
            if current
                .as_ref()
                .is_none_or(|(code, _)| code.as_bytes() != text_field(unit_column))
            {
                add_unit(current.take(), &mut tallies);
                current = Some((text_of(text_field(unit_column)), UnitTallies::default()));
            }
            let (_, unit) = current.as_mut().expect("set above");
            let group = match groups
                .iter()
                .position(|g| g.as_bytes() == text_field(group_column))
            {
                Some(g) => g,
                None => {
                    groups.push(text_of(text_field(group_column)));
                    groups.len() - 1
                }
            };
            for (criterion, slots) in &columns {
                let start = unit.counts.len();
                unit.counts.resize(start + stride, 0);
                for &(index, slot) in slots {
                    let count = std::str::from_utf8(field(index))
                        .ok()
                        .and_then(|text| text.parse().ok());
                    unit.counts[start + slot] = count.ok_or_else(|| {
                        damaged(messages::damaged_count(
                            &text_of(field(index)),
                            record.position().map_or(0, |p| p.line()),
                        ))
                    })?;
                }
                // A criterion the group has no votes or abstentions for has no tallies: the
                // row has zeros in its columns only because another criterion has some.
                if unit.counts[start..].iter().all(|&n| n == 0) {
                    unit.counts.truncate(start);
                } else {
                    unit.keys.push((group as u32, *criterion as u32));
                }
            }
        }
        add_unit(current.take(), &mut tallies);
        // Groups sorted by name, and each unit's keys in order, as `write_record` writes them.
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
                return Err(damaged(messages::damaged_twice(code)).into());
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

/// One CSV field, escaped so that it cannot run as a formula and quoted if it needs to be, as
/// the record writer would.
fn csv_field(text: &str) -> Vec<u8> {
    let text = csv_cell::escape(text);
    if !text
        .bytes()
        .any(|b| matches!(b, b',' | b'"' | b'\r' | b'\n'))
    {
        return text.as_bytes().to_vec();
    }
    let mut field = Vec::with_capacity(text.len() + 2);
    field.push(b'"');
    for b in text.bytes() {
        if b == b'"' {
            field.push(b'"');
        }
        field.push(b);
    }
    field.push(b'"');
    field
}

/// One row of the record: the unit and `,group` as CSV already, then the counts.
fn push_row(out: &mut Vec<u8>, unit: &[u8], middle: &[u8], counts: impl Iterator<Item = u64>) {
    out.extend_from_slice(unit);
    out.extend_from_slice(middle);
    for count in counts {
        out.push(b',');
        push_decimal(out, count);
    }
    out.push(b'\n');
}

fn push_decimal(out: &mut Vec<u8>, mut n: u64) {
    // Most counts are below 100.
    if n < 10 {
        out.push(b'0' + n as u8);
        return;
    }
    if n < 100 {
        out.extend_from_slice(&[b'0' + (n / 10) as u8, b'0' + (n % 10) as u8]);
        return;
    }
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    while n > 0 {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
    }
    out.extend_from_slice(&digits[i..]);
}

/// Imports a votes file in one streaming pass; `progress(done, total)` is called with bytes.
pub fn import(
    campaign: &mut Campaign,
    ctx: &Context,
    file: &Path,
    sheet: Option<&str>,
    options: ImportOptions,
    progress: &mut dyn FnMut(u64, u64),
) -> anyhow::Result<VotesImport> {
    // A register is never emptied, so one in the index has units.
    if campaign.store.index().get(UNITS_FILE).is_none() {
        return Err(Error::step_order(messages::no_units())
            .with_hint(messages::no_units_hint())
            .into());
    }
    let stored = VoteTallies::read(campaign)?;
    let workbook;
    let source = if crate::import::workbook::is_workbook(file) {
        workbook = Source::read_sheet(file, sheet)?;
        let rows = workbook
            .sheet
            .as_ref()
            .expect("a workbook's source has its sheet");
        VotesSource::Sheet(&workbook, rows)
    } else if sheet.is_some() {
        return Err(Error::invalid(crate::messages::import::sheet_is_text(file.display())).into());
    } else {
        VotesSource::Text(file)
    };
    let (read, register) = read_votes(&source, campaign, progress)?;
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
        let list = match stored.units.get(&unit.code) {
            None => &mut outcome.added,
            Some(old) if counted.same(u, old, &group_map) => {
                outcome.unchanged.push(unit.code.clone());
                continue;
            }
            Some(_) => &mut outcome.replaced,
        };
        list.push(unit.code.clone());
        outcome
            .gaps
            .extend(counted.gaps(u, &unit.code, &campaign.settings));
    }
    if !outcome.replaced.is_empty() && !options.replace {
        return Err(Error::invalid(messages::votes_differ(
            outcome.replaced.len(),
            file.display(),
            &listing(&outcome.replaced),
        ))
        .with_hint(messages::votes_differ_hint())
        .into());
    }
    if options.dry_run || (outcome.added.is_empty() && outcome.replaced.is_empty()) {
        return Ok(outcome);
    }

    let previous = campaign
        .store
        .index()
        .get(VOTES_FILE)
        .map(|row| (row.sha256.clone(), row.seq));
    let (record, units) = write_record(&stored, counted, &register, &in_file);
    let mut tx = Transaction::new(&mut campaign.store, ctx);
    tx.write(VOTES_FILE, record);
    tx.add_input(file, &outcome.sha256);
    let summary = crate::messages::both(|| {
        let mut summary = messages::votes_imported(
            &read.encoding.label(),
            outcome.rows,
            outcome.added.len(),
            outcome.replaced.len(),
            outcome.unchanged.len(),
            units,
        );
        if let Some((sha256, seq)) = &previous {
            summary.push_str(&messages::votes_previous(VOTES_FILE, sha256, *seq));
        }
        summary
    });
    outcome.entry = Some(tx.commit(summary)?);
    Ok(outcome)
}

/// The record `analysis/votes.csv`: one row per unit and rater group, sorted, with a count per
/// criterion and grade. Units in the file get its counts; other units keep the stored ones.
/// Gives the text and the number of units in it.
fn write_record(
    stored: &VoteTallies,
    counted: &Counted,
    register: &Register,
    in_file: &[bool],
) -> (Vec<u8>, usize) {
    /// Where a unit's tallies come from: the file (its index in the register), or the record.
    enum Tallies<'t> {
        File(usize),
        Stored(&'t UnitTallies),
    }
    // Both the register and the stored tallies are in code order: merge them.
    let mut units: Vec<(&str, Tallies<'_>)> = Vec::new();
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
        if let Some(u) = u.filter(|&u| in_file[u]) {
            units.push((code, Tallies::File(u)));
        } else if let Some(tallies) = tallies {
            units.push((code, Tallies::Stored(tallies)));
        }
    }

    let slots = counted.slots;
    // The campaign's criteria have columns always; `overall`, counted after them, and criteria
    // only the stored record has (renamed in campaign.toml since) only if some unit has tallies.
    let campaign_criteria = counted.criteria - 1;
    let mut present: Vec<bool> = (0..stored.criteria.len())
        .map(|c| c < campaign_criteria)
        .collect();
    for (_, tallies) in &units {
        match tallies {
            Tallies::File(u) => {
                for (c, present) in present
                    .iter_mut()
                    .enumerate()
                    .take(counted.criteria)
                    .skip(campaign_criteria)
                {
                    *present = *present
                        || (0..counted.groups.len()).any(|g| {
                            counted.cells(g, *u).is_some_and(|cells| {
                                cells[c * slots..(c + 1) * slots].iter().any(|&n| n > 0)
                            })
                        });
                }
            }
            Tallies::Stored(tallies) => {
                for &(_, c) in &tallies.keys {
                    present[c as usize] = true;
                }
            }
        }
    }
    let columns: Vec<usize> = (0..present.len()).filter(|&c| present[c]).collect();
    // The file's counts fill the first columns, of the criteria it counts; any after are zero.
    let counted_columns = columns.iter().filter(|&&c| c < counted.criteria).count();
    let mut column_of = vec![None; present.len()];
    for (column, &c) in columns.iter().enumerate() {
        column_of[c] = Some(column);
    }

    let mut header = csv::Writer::from_writer(Vec::new());
    let names = columns.iter().flat_map(|&c| {
        stored
            .grades
            .iter()
            .map(String::as_str)
            .chain(["abstentions"])
            .map(move |grade| format!("{}/{grade}", stored.criteria[c]))
    });
    header
        .write_record(
            ["unit".to_owned(), "rater_group".to_owned()]
                .into_iter()
                .chain(names)
                .map(|name| csv_cell::escape(&name).into_owned()),
        )
        .expect("writing to memory cannot fail");
    let mut out = header.into_inner().expect("writing to memory cannot fail");
    // The middle of each row, `,group`, made once per group.
    let middle = |group: &str| [b",".as_slice(), &csv_field(group)].concat();
    let stored_middles: Vec<Vec<u8>> = stored.groups.iter().map(|g| middle(g)).collect();
    let counted_middles: Vec<Vec<u8>> = counted.groups.iter().map(|(g, _)| middle(g)).collect();
    let mut order: Vec<usize> = (0..counted.groups.len()).collect();
    order.sort_by(|a, b| counted.groups[*a].0.cmp(&counted.groups[*b].0));
    // Tens of thousands of rows, written by hand into memory reserved once: formatting each
    // number through `fmt`, or growing the buffer step by step, would cost more than reading the
    // votes did. Rows are the unit and group and a count of a digit or two per column.
    let rows: usize = units
        .iter()
        .map(|(_, tallies)| match tallies {
            Tallies::File(_) => counted.groups.len(),
            Tallies::Stored(tallies) => tallies.keys.chunk_by(|a, b| a.0 == b.0).count(),
        })
        .sum();
    out.reserve(rows * (32 + columns.len() * slots * 3));

    let mut row = vec![0u64; columns.len() * slots];
    let zeros = (columns.len() - counted_columns) * slots;
    for (code, tallies) in &units {
        let code = csv_field(code);
        match tallies {
            Tallies::File(u) => {
                for &g in &order {
                    let Some(cells) = counted.cells(g, *u) else {
                        continue;
                    };
                    if cells.iter().all(|&n| n == 0) {
                        continue;
                    }
                    push_row(
                        &mut out,
                        &code,
                        &counted_middles[g],
                        cells[..counted_columns * slots]
                            .iter()
                            .map(|&n| u64::from(n))
                            .chain(std::iter::repeat_n(0, zeros)),
                    );
                }
            }
            Tallies::Stored(tallies) => {
                // Keys are sorted by group, then criterion: a row per run of a group.
                let mut k = 0;
                while k < tallies.keys.len() {
                    let group = tallies.keys[k].0;
                    row.fill(0);
                    while let Some(&(g, c)) = tallies.keys.get(k)
                        && g == group
                    {
                        let column = column_of[c as usize].expect("a criterion with tallies");
                        row[column * slots..(column + 1) * slots]
                            .copy_from_slice(&tallies.counts[k * slots..(k + 1) * slots]);
                        k += 1;
                    }
                    push_row(
                        &mut out,
                        &code,
                        &stored_middles[group as usize],
                        row.iter().copied(),
                    );
                }
            }
        }
    }
    (out, units.len())
}

/// The first few codes of a long list, for a message.
fn listing(codes: &[String]) -> String {
    const SHOWN: usize = 20;
    let mut text = messages::list(&codes[..codes.len().min(SHOWN)]);
    if codes.len() > SHOWN {
        text.push_str(&messages::listing_more(codes.len() - SHOWN));
    }
    text
}

/// Where votes are read from: a CSV file, streamed, or a workbook's sheet, read whole.
enum VotesSource<'s> {
    Text(&'s Path),
    Sheet(&'s Source, &'s SheetRows),
}

impl VotesSource<'_> {
    /// The file as problems name it.
    fn shown(&self) -> &Path {
        match self {
            VotesSource::Text(file) => file,
            VotesSource::Sheet(source, _) => &source.shown,
        }
    }
}

/// A votes file read and counted.
struct VotesRead {
    counted: Counted,
    rows: u64,
    encoding: Encoding,
    sha256: String,
    ignored_columns: Vec<String>,
}

/// Reads a votes file, streaming (see [`crate::import::stream`]), or a workbook's sheet; the
/// register loads while the reader thread reads the file's first chunks.
fn read_votes(
    source: &VotesSource<'_>,
    campaign: &Campaign,
    progress: &mut dyn FnMut(u64, u64),
) -> anyhow::Result<(VotesRead, Register)> {
    let register = std::cell::OnceCell::new();
    let start = || -> anyhow::Result<Tally<'_>> {
        if register.get().is_none() {
            let _ = register.set(campaign.register()?);
        }
        let register = register.get().expect("set above");
        Ok(Tally::new(source.shown(), &campaign.settings, register))
    };
    let (tally, streamed) = match source {
        VotesSource::Text(file) => stream::read(file, progress, start)?,
        VotesSource::Sheet(source, rows) => stream::read_sheet(source, rows, start)?,
    };
    let (counted, rows, ignored_columns) = tally.finish()?;
    let read = VotesRead {
        counted,
        rows,
        encoding: streamed.encoding,
        sha256: streamed.sha256,
        ignored_columns,
    };
    Ok((
        read,
        register.into_inner().expect("a read loads the register"),
    ))
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
    "rater_id",
    "respondent",
    "用户名",
    "账号",
    "昵称",
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
    /// The group of field `i` of `record`, known or (when groups are not weighted) new.
    fn find(&mut self, record: &Record<'_>, i: usize) -> Result<usize, GroupProblem> {
        if let Some(g) = record.find(&self.names, i) {
            return Ok(g);
        }
        let cell = record.cell(i);
        if cell.is_empty() {
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
    /// The header's cells, to name a cell in a problem.
    headers: Vec<String>,
    ignored_columns: Vec<String>,
    unit_index: HashMap<Box<[u8]>, u32>,
    /// The previous row's unit cell as it stands (key, bytes) and its unit: files are grouped by
    /// unit, so most rows need no lookup.
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

impl Sink for Tally<'_> {
    fn record(&mut self, record: &Record<'_>) -> Result<(), Error> {
        if !record.clean
            && let Some((i, c)) = (0..record.len()).find_map(|i| {
                first_control(&String::from_utf8_lossy(record.raw(i).1)).map(|c| (i, c))
            })
        {
            let field = match &self.layout {
                None => messages::field_header(),
                Some(_) => self
                    .headers
                    .get(i)
                    .cloned()
                    .unwrap_or_else(|| messages::column_number(i + 1)),
            };
            if self.layout.is_none() {
                return Err(
                    Error::invalid(messages::not_votes_file(self.file.display()))
                        .with_diagnostics(vec![
                            Diagnostic::new(self.file, control_problem(c))
                                .at_line(record.line as usize)
                                .field(field),
                        ])
                        .with_hint(messages::header_hint()),
                );
            }
            self.rows += 1;
            self.problems
                .add(self.file, record.line, &field, || control_problem(c));
            return Ok(());
        }
        if self.layout.is_none() {
            return self.header(record);
        }
        // Counts are 32-bit to halve the memory; no cell can pass that unless the rows do.
        if self.rows == u64::from(u32::MAX) {
            return Err(
                Error::invalid(messages::too_many_rows(self.file.display(), u32::MAX))
                    .with_hint(messages::too_many_rows_hint()),
            );
        }
        self.row(record);
        Ok(())
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
            headers: Vec::new(),
            ignored_columns: Vec::new(),
            unit_index: register
                .units()
                .iter()
                .enumerate()
                .map(|(i, u)| (u.code.as_bytes().into(), i as u32))
                .collect(),
            last_unit: (NO_KEY, Vec::new(), 0),
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
            return Err(Error::invalid(messages::identifying(file.display()))
                .with_diagnostics(
                    identifying
                        .iter()
                        .map(|h| {
                            at(
                                messages::identifies_rater(),
                                &crate::messages::import::column_field(h),
                            )
                        })
                        .collect(),
                )
                .with_hint(messages::identifying_hint(&messages::ticked_list(
                    &identifying,
                ))));
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
        let mut unknown = Vec::new();
        for (index, header) in headers.iter().enumerate() {
            let name = normalize_header(header);
            let Some(w) = wanted
                .iter()
                .position(|(_, names, _)| names.iter().any(|n| normalize_header(n) == name))
            else {
                if !header.is_empty() {
                    unknown.push(header);
                }
                continue;
            };
            if positions[w].is_some() {
                diagnostics.push(at(messages::column_twice(wanted[w].0), header));
            }
            positions[w] = Some(index);
        }
        // A misspelt header is taken for a column not found, not for one the file already has.
        for header in unknown {
            let missing = wanted
                .iter()
                .zip(&positions)
                .filter(|(_, p)| p.is_none())
                .flat_map(|((_, names, _), _)| names.iter().copied());
            match likely_meant(header, missing) {
                Some(meant) => diagnostics.push(at(misspelt_column(header, meant), header)),
                None => self.ignored_columns.push(header.clone()),
            }
        }
        for ((key, names, required), position) in wanted.iter().zip(&positions) {
            if *required && position.is_none() {
                diagnostics.push(at(
                    messages::missing_column(key, &messages::headers(names)),
                    &messages::field_header(),
                ));
            }
        }
        if !diagnostics.is_empty() {
            return Err(Error::invalid(messages::not_votes_file(file.display()))
                .with_diagnostics(diagnostics)
                .with_hint(messages::votes_header_hint(&messages::criterion_codes(
                    self.settings,
                ))));
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
        self.headers = headers;
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
                problems.add(file, line, &messages::field_row(), || {
                    messages::wrong_width(cells, width)
                });
            }
            return;
        }
        let (unit_key, raw_unit) = record.raw(layout.unit);
        let unit = if unit_key == last_unit.0 && (raw_unit.len() < 16 || raw_unit == last_unit.1) {
            Some(last_unit.2)
        } else {
            let unit_cell = record.cell(layout.unit);
            if unit_cell.is_empty() && record.is_blank() {
                // Spreadsheets leave rows of empty cells at the end.
                return;
            }
            if unit_cell.is_empty() {
                problems.add(file, line, &messages::column_unit(), messages::empty_unit);
                None
            } else if let Some(&i) = unit_index.get(unit_cell) {
                *last_unit = (unit_key, raw_unit.to_vec(), i);
                Some(i)
            } else {
                problems.add(file, line, &messages::column_unit(), || {
                    messages::unit_not_registered(&record.text(layout.unit))
                });
                None
            }
        };
        *rows += 1;
        let group = match groups.find(record, layout.group) {
            Ok(g) => Some(g),
            Err(problem) => {
                problems.add(file, line, &messages::column_group(), || match problem {
                    GroupProblem::Empty => messages::empty_group(),
                    GroupProblem::NotConfigured => messages::group_not_configured(
                        &record.text(layout.group),
                        &messages::list(
                            &settings
                                .scoring
                                .rater_groups
                                .iter()
                                .map(|(g, _)| g.as_str())
                                .collect::<Vec<_>>(),
                        ),
                    ),
                    GroupProblem::TooMany => {
                        messages::too_many_groups(&record.text(layout.group), MAX_GROUPS)
                    }
                });
                None
            }
        };
        let slots = grades.len();
        if let (Some(unit), Some(group)) = (unit, group) {
            let counts = &mut groups.counts[group];
            if counts.is_empty() {
                counts.resize(register.units().len() * *criteria * slots, 0);
            }
            let per_unit = *criteria * slots;
            let start = unit as usize * per_unit;
            if count_grades(
                record,
                &layout.graded,
                grades,
                &mut counts[start..start + per_unit],
            ) {
                return;
            }
        }
        // A bad row: nothing of the file will be stored, so only its problems matter.
        for &(field, criterion) in &layout.graded {
            if record.find(grades, field).is_some() {
                continue;
            }
            let key = settings
                .criteria
                .get(criterion)
                .map_or(OVERALL, |c| c.code.as_str());
            problems.add(
                file,
                line,
                &messages::criterion_column(settings, key),
                || {
                    messages::unknown_vote_grade(
                        &record.text(field),
                        &messages::list(
                            &settings
                                .scoring
                                .vote_grades
                                .iter()
                                .map(|g| g.name.as_str())
                                .collect::<Vec<_>>(),
                        ),
                    )
                },
            );
        }
    }

    /// The tallies of every unit in the file, or every problem found.
    fn finish(self) -> Result<(Counted, u64, Vec<String>), Error> {
        let file = self.file;
        let hint = messages::export_hint;
        let Some(layout) = &self.layout else {
            return Err(Error::invalid(messages::file_empty(file.display())).with_hint(hint()));
        };
        if self.rows == 0 {
            return Err(Error::invalid(messages::no_votes(file.display()))
                .with_diagnostics(vec![
                    Diagnostic::new(file, messages::header_no_rows())
                        .at_line(layout.line as usize + 1),
                ])
                .with_hint(hint()));
        }
        let mut problems = self.problems;
        if !problems.diagnostics.is_empty() {
            let bad = problems.bad_rows;
            if problems.more > 0 {
                problems.diagnostics.push(Diagnostic::new(
                    file,
                    messages::more_problems(problems.more),
                ));
            }
            return Err(
                Error::invalid(messages::bad_rows(file.display(), bad as usize))
                    .with_diagnostics(problems.diagnostics)
                    .with_hint(messages::rows_hint()),
            );
        }

        // Groups that never voted (configured ones absent from the file) are left out.
        let groups = self
            .groups
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

/// Counts the grades of a row into `counts` (its unit's and group's), stopping at a cell that is
/// no grade; true if there was none.
#[inline(always)]
fn count_grades(
    record: &Record<'_>,
    graded: &[(usize, usize)],
    grades: &Names,
    counts: &mut [u32],
) -> bool {
    let slots = grades.len();
    for &(field, criterion) in graded {
        let Some(slot) = record.find(grades, field) else {
            return false;
        };
        counts[criterion * slots + slot] += 1;
    }
    true
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

    /// Where a group `settings` weighs did not vote for unit `u`, or left a criterion blank in
    /// every vote: [`VoteTallies::gaps`] of the counts, before they are stored.
    fn gaps(&self, u: usize, unit: &str, settings: &Settings) -> Vec<VoteGap> {
        let grades = self.slots - 1;
        let mut gaps = Vec::new();
        for (group, _) in &settings.scoring.rater_groups {
            let voted = self
                .groups
                .iter()
                .position(|(name, _)| name == group)
                .and_then(|g| self.cells(g, u))
                .filter(|cells| cells.iter().any(|&n| n > 0));
            let Some(cells) = voted else {
                gaps.push(VoteGap::absent(unit, group));
                continue;
            };
            for (criterion, counts) in settings.criteria.iter().zip(cells.chunks(self.slots)) {
                if counts[..grades].iter().all(|&n| n == 0) {
                    gaps.push(VoteGap {
                        unit: unit.to_owned(),
                        rater_group: group.clone(),
                        criterion: Some(criterion.code.clone()),
                    });
                }
            }
        }
        gaps
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

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::path::PathBuf;

    use super::*;
    use crate::error::Kind;
    use crate::import::Source;
    use crate::store::{Access, CAMPAIGN_FILE, Store};

    const HEADER: &str = "单位代码,测评主体,政治强,能力强,活力强,合力强,作风硬";
    const WEIGHTS: [&str; 4] = [
        "\"上级领导\" = 0.3",
        "\"班子成员\" = 0.3",
        "\"中层干部\" = 0.2",
        "\"服务对象\" = 0.2",
    ];
    const REGISTER: &str = "code,name,category,party_head,government_head\n\
                            C01,甲县,county,a,b\nC02,乙县,county,a,b\nD01,丙部,department,a,b\n";

    fn ctx() -> Context {
        Context {
            operator: "测试员".into(),
            now: chrono::DateTime::parse_from_rfc3339("2026-11-24T09:30:00+08:00").unwrap(),
            command: "banzi inspect import-votes votes.csv".into(),
            today: chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
            backdated: false,
        }
    }

    /// A campaign in a temporary directory, made as `banzi init` and `banzi units import` make it.
    struct Fixture {
        dir: tempfile::TempDir,
        campaign: Campaign,
    }

    fn fixture(weighted: bool) -> Fixture {
        let fixture = empty_fixture(weighted);
        fixture.with_units()
    }

    fn empty_fixture(weighted: bool) -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("campaign");
        let mut settings = crate::settings::template("测试", 2026, "市委组织部", "市委");
        if weighted {
            for line in WEIGHTS {
                settings = settings.replace(&format!("# {line}"), line);
            }
        }
        let mut store = Store::create(&root, &ctx()).unwrap();
        let mut tx = Transaction::new(&mut store, &ctx());
        tx.write(CAMPAIGN_FILE, settings.into_bytes());
        tx.commit(crate::messages::both(|| "campaign created".to_owned()))
            .unwrap();
        drop(store);
        let campaign = Campaign::open(&root, Access::Write, &ctx()).unwrap();
        Fixture { dir, campaign }
    }

    impl Fixture {
        fn with_units(mut self) -> Fixture {
            let register = Source::new("units.csv", REGISTER.into(), Encoding::Utf8, String::new());
            crate::units::import(&mut self.campaign.store, &ctx(), &register, false).unwrap();
            self
        }

        fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
            let path = self.dir.path().join(name);
            std::fs::write(&path, bytes).unwrap();
            path
        }

        fn import(
            &mut self,
            name: &str,
            bytes: impl AsRef<[u8]>,
            options: ImportOptions,
        ) -> anyhow::Result<VotesImport> {
            let path = self.write(name, bytes);
            import(
                &mut self.campaign,
                &ctx(),
                &path,
                None,
                options,
                &mut |_, _| {},
            )
        }

        fn record(&self) -> String {
            std::fs::read_to_string(self.campaign.store.root().join(VOTES_FILE)).unwrap()
        }

        fn tallies(&self) -> VoteTallies {
            VoteTallies::load(&self.campaign).unwrap()
        }

        /// Edits `campaign.toml` as a person would, and opens the campaign again.
        fn edit_settings(self, edit: impl FnOnce(String) -> String) -> Fixture {
            let Fixture { dir, campaign } = self;
            let root = campaign.store.root().to_path_buf();
            drop(campaign);
            let path = root.join(CAMPAIGN_FILE);
            std::fs::write(&path, edit(std::fs::read_to_string(&path).unwrap())).unwrap();
            let campaign = Campaign::open(&root, Access::Write, &ctx()).unwrap();
            Fixture { dir, campaign }
        }

        /// Every file of the campaign with its bytes, to show that a failed import wrote nothing.
        fn snapshot(&self) -> BTreeMap<PathBuf, Vec<u8>> {
            fn walk(dir: &Path, files: &mut BTreeMap<PathBuf, Vec<u8>>) {
                for entry in std::fs::read_dir(dir).unwrap() {
                    let path = entry.unwrap().path();
                    if path.is_dir() {
                        walk(&path, files);
                    } else {
                        files.insert(path.clone(), std::fs::read(&path).unwrap());
                    }
                }
            }
            let mut files = BTreeMap::new();
            walk(self.campaign.store.root(), &mut files);
            files
        }
    }

    /// A refused import, as people read it: file names relative to the fixture's directory.
    struct Refusal {
        message: String,
        diagnostics: Vec<String>,
        hint: String,
    }

    impl Fixture {
        fn refuse(
            &mut self,
            name: &str,
            bytes: impl AsRef<[u8]>,
            options: ImportOptions,
        ) -> Refusal {
            let result = self.import(name, bytes, options);
            let error = result.unwrap_err().downcast::<Error>().unwrap();
            assert_eq!(error.kind, Kind::InvalidInput, "{error}");
            let prefix = format!("{}/", self.dir.path().display());
            let relative = |text: String| text.replace(&prefix, "");
            Refusal {
                message: relative(error.message),
                diagnostics: error
                    .diagnostics
                    .iter()
                    .map(|d| relative(d.to_string()))
                    .collect(),
                hint: error.hint.unwrap_or_default(),
            }
        }
    }

    fn replace() -> ImportOptions {
        ImportOptions {
            replace: true,
            dry_run: false,
        }
    }

    #[test]
    fn tallies_count_each_grade_and_the_abstentions_apart() {
        let mut f = fixture(false);
        let votes = format!(
            "{HEADER},总体评价\n\
             C01,上级领导,优秀,优秀,较好,,一般,优秀\n\
             C01,上级领导,较好,,较好,,一般,\n\
             C01,服务对象,一般,较差,优秀,优秀,优秀,较好\n\
             D01,上级领导,,,,,,\n"
        );
        let outcome = f
            .import("votes.csv", votes, ImportOptions::default())
            .unwrap();
        assert_eq!(outcome.rows, 4);
        assert_eq!(outcome.added, ["C01", "D01"]);
        assert_eq!(outcome.encoding, Some(Encoding::Utf8));
        assert!(outcome.entry.is_some());
        assert_eq!(
            f.record(),
            concat!(
                "unit,rater_group,",
                "political/优秀,political/较好,political/一般,political/较差,political/abstentions,",
                "capability/优秀,capability/较好,capability/一般,capability/较差,capability/abstentions,",
                "vitality/优秀,vitality/较好,vitality/一般,vitality/较差,vitality/abstentions,",
                "cohesion/优秀,cohesion/较好,cohesion/一般,cohesion/较差,cohesion/abstentions,",
                "conduct/优秀,conduct/较好,conduct/一般,conduct/较差,conduct/abstentions,",
                "overall/优秀,overall/较好,overall/一般,overall/较差,overall/abstentions\n",
                //        political  capability vitality   cohesion   conduct    overall
                "C01,上级领导,1,1,0,0,0, 1,0,0,0,1, 0,2,0,0,0, 0,0,0,0,2, 0,0,2,0,0, 1,0,0,0,1\n",
                "C01,服务对象,0,0,1,0,0, 0,0,0,1,0, 1,0,0,0,0, 1,0,0,0,0, 1,0,0,0,0, 0,1,0,0,0\n",
                "D01,上级领导,0,0,0,0,1, 0,0,0,0,1, 0,0,0,0,1, 0,0,0,0,1, 0,0,0,0,1, 0,0,0,0,1\n",
            )
            .replace(", ", ",")
        );

        let tallies = f.tallies();
        let scoring = &f.campaign.settings.scoring;
        assert_eq!(tallies.units().collect::<Vec<_>>(), ["C01", "D01"]);
        let capability = tallies.democratic("C01", "capability", scoring).unwrap();
        let leaders = &capability.groups[0];
        assert_eq!(leaders.rater_group, "上级领导");
        assert_eq!(
            leaders.counts,
            [
                ("优秀".to_owned(), 1),
                ("较好".to_owned(), 0),
                ("一般".to_owned(), 0),
                ("较差".to_owned(), 0)
            ]
        );
        assert_eq!(leaders.abstentions, 1);
        assert_eq!(leaders.mean, Some(100.0));
        assert_eq!(capability.groups[1].mean, Some(40.0));
        assert_eq!(capability.value, 70.0);
        assert!(!capability.weighted);

        // A group whose every vote was blank has no mean and no weight.
        let cohesion = tallies.democratic("C01", "cohesion", scoring).unwrap();
        assert_eq!(cohesion.groups[0].mean, None);
        assert_eq!(cohesion.groups[0].effective_weight, 0.0);
        assert_eq!(cohesion.value, 100.0);
        // The overall grade is tallied apart from the criteria.
        assert_eq!(
            tallies.democratic("C01", OVERALL, scoring).unwrap().value,
            90.0
        );
        // Every vote blank, no votes at all, no such criterion: no component.
        assert_eq!(tallies.democratic("D01", "political", scoring), None);
        assert_eq!(tallies.democratic("C02", "political", scoring), None);
        assert_eq!(tallies.democratic("C01", "speed", scoring), None);
    }

    /// C01's political votes: leaders 优秀 优秀 较好 (mean 93.33…), the team 一般 较差 (50), the
    /// middle managers only blanks, the served 较好 (80).
    const MIXED: &str = "C01,上级领导,优秀,,,,\n\
                         C01,上级领导,优秀,,,,\n\
                         C01,上级领导,较好,,,,\n\
                         C01,班子成员,一般,,,,\n\
                         C01,班子成员,较差,,,,\n\
                         C01,中层干部,,,,,\n\
                         C01,中层干部,,,,,\n\
                         C01,服务对象,较好,,,,\n";

    #[test]
    fn weights_are_renormalised_over_the_groups_that_voted() {
        let mut f = fixture(true);
        let outcome = f
            .import(
                "votes.csv",
                format!("{HEADER}\n{MIXED}"),
                ImportOptions::default(),
            )
            .unwrap();
        let scoring = &f.campaign.settings.scoring;
        // The gaps the import reports are those of the votes it stored.
        let tallies = f.tallies();
        let stored: Vec<VoteGap> = outcome
            .added
            .iter()
            .flat_map(|unit| tallies.gaps(unit, scoring))
            .collect();
        assert!(!stored.is_empty());
        assert_eq!(outcome.gaps, stored);
        let political = f.tallies().democratic("C01", "political", scoring).unwrap();
        assert!(political.weighted);
        // To the ninth decimal: 0.3 + 0.3 + 0.2 is not quite 0.8 in binary.
        let weights: Vec<(&str, Option<f64>, f64)> = political
            .groups
            .iter()
            .map(|g| {
                let rounded = (g.effective_weight * 1e9).round() / 1e9;
                (g.rater_group.as_str(), g.weight, rounded)
            })
            .collect();
        // Groups in name order; the middle managers drop out, the rest share their 0.2.
        assert_eq!(
            weights,
            [
                ("上级领导", Some(0.3), 0.375),
                ("中层干部", Some(0.2), 0.0),
                ("服务对象", Some(0.2), 0.25),
                ("班子成员", Some(0.3), 0.375),
            ]
        );
        // By hand: (0.3 × 93.33… + 0.3 × 50 + 0.2 × 80) / 0.8 = (28 + 15 + 16) / 0.8 = 73.75.
        assert_eq!(format!("{:.10}", political.value), "73.7500000000");
        assert_eq!(political.groups[1].abstentions, 2);
        assert_eq!(political.groups[1].mean, None);
    }

    #[test]
    fn without_weights_every_vote_counts_alike() {
        let mut f = fixture(false);
        f.import(
            "votes.csv",
            format!("{HEADER}\n{MIXED}"),
            ImportOptions::default(),
        )
        .unwrap();
        let scoring = &f.campaign.settings.scoring;
        let political = f.tallies().democratic("C01", "political", scoring).unwrap();
        assert!(!political.weighted);
        // By hand: (100 + 100 + 80 + 60 + 40 + 80) / 6 = 460 / 6 = 76.666…
        assert_eq!(format!("{:.10}", political.value), "76.6666666667");
        let shares: Vec<(Option<f64>, f64)> = political
            .groups
            .iter()
            .map(|g| (g.weight, g.effective_weight))
            .collect();
        assert_eq!(
            shares,
            [
                (None, 3.0 / 6.0),
                (None, 0.0),
                (None, 1.0 / 6.0),
                (None, 2.0 / 6.0)
            ]
        );
        // The component is the groups' means weighted by those shares.
        let recomputed: f64 = political
            .groups
            .iter()
            .map(|g| g.effective_weight * g.mean.unwrap_or(0.0))
            .sum();
        assert!((recomputed - political.value).abs() < 1e-9);
    }

    #[test]
    fn every_encoding_and_line_ending_reads_the_same_votes() {
        let mut f = fixture(false);
        let rows = [
            "C01,上级领导,优秀,较好,一般,较差,",
            "C02,服务对象,较好,,优秀,优秀,一般",
        ];
        let lf = format!("{HEADER}\n{}\n{}\n", rows[0], rows[1]);
        f.import("votes.csv", &lf, ImportOptions::default())
            .unwrap();
        let record = f.record();

        let crlf = lf.replace('\n', "\r\n");
        let bom = [b"\xEF\xBB\xBF".as_slice(), lf.as_bytes()].concat();
        let (gb18030, _, _) = encoding_rs::GB18030.encode(&crlf);
        let padded = format!(
            "\n{HEADER}\n\n C01 , 上级领导 ,\u{3000}优秀 ,较好,一般 , 较差, \n\n{}\n,,,,,,\n\n",
            rows[1]
        );
        let variants: [(&str, &[u8], Encoding); 5] = [
            ("crlf.csv", crlf.as_bytes(), Encoding::Utf8),
            ("bom.csv", &bom, Encoding::Utf8Bom),
            ("gb18030.csv", &gb18030, Encoding::Gb18030),
            ("padded.csv", padded.as_bytes(), Encoding::Utf8),
            (
                "no-final-newline.csv",
                lf.trim_end().as_bytes(),
                Encoding::Utf8,
            ),
        ];
        for (name, bytes, encoding) in variants {
            let outcome = f.import(name, bytes, ImportOptions::default()).unwrap();
            assert_eq!(outcome.encoding, Some(encoding), "{name}");
            assert!(
                outcome.entry.is_none(),
                "{name}: the same votes are no change"
            );
            assert_eq!(outcome.unchanged, ["C01", "C02"], "{name}");
            assert_eq!(outcome.rows, 2, "{name}");
            assert_eq!(f.record(), record, "{name}");
        }
    }

    #[test]
    fn bad_rows_are_reported_on_their_real_lines_in_every_encoding() {
        let text = format!(
            "{HEADER}\r\n\r\nC01,上级领导,优秀,优秀,优秀,优秀,优秀\r\n\"C01\",\"上级\r\n领导\",优秀,,,,\r\n\r\n\r\nC09,上级领导,很好,优秀,优秀,优秀,优秀\r\n"
        );
        let expected = [
            "votes.csv:4: rater_group: rater group `上级\r\n领导` is not in `scoring.rater_groups` of campaign.toml (上级领导, 中层干部, 服务对象, 班子成员)",
            "votes.csv:8: unit_code: unit `C09` is not in the register",
            "votes.csv:8: political: unknown grade `很好` (expected 优秀, 较好, 一般, 较差, or a blank cell for an abstention)",
        ];
        let (gb18030, _, _) = encoding_rs::GB18030.encode(&text);
        for bytes in [text.as_bytes(), &gb18030] {
            let mut f = fixture(true);
            let before = f.snapshot();
            let error = f.refuse("votes.csv", bytes, ImportOptions::default());
            assert_eq!(error.message, "`votes.csv` has 2 bad row(s)");
            let lines = error.diagnostics;
            assert!(
                lines[0].ends_with(&expected[0][expected[0].len() - 60..]),
                "{lines:?}"
            );
            assert!(
                lines[0].starts_with("votes.csv:4: rater_group: "),
                "{lines:?}"
            );
            assert_eq!(lines[1..], expected[1..]);
            assert_eq!(f.snapshot(), before, "a refused import writes nothing");
        }
    }

    #[test]
    fn utf8_votes_with_a_gbk_row_are_refused_naming_that_line() {
        let (gbk, _, _) = encoding_rs::GB18030.encode("C02,上级领导,优秀,优秀,优秀,优秀,优秀\n");
        let text = format!("{HEADER}\nC01,上级领导,优秀,优秀,优秀,优秀,优秀\n");
        let mut f = fixture(true);
        let before = f.snapshot();
        let bytes = [text.as_bytes(), &gbk].concat();
        let error = f.refuse("votes.csv", &bytes, ImportOptions::default());
        assert!(
            error
                .message
                .contains("mixes encodings: it is UTF-8 text, but line 3 is not"),
            "{}",
            error.message
        );
        assert_eq!(f.snapshot(), before);
    }

    #[test]
    fn a_quote_never_closed_is_refused_on_its_row() {
        for tail in ["\"优秀,,,,\nC01,上级领导,优秀,,,,\n", "\"优秀,,,,"] {
            let text = format!("{HEADER}\nC01,上级领导,优秀,,,,\nC01,上级领导,{tail}");
            let mut f = fixture(true);
            let error = f.refuse("votes.csv", &text, ImportOptions::default());
            assert_eq!(
                error.message,
                "`votes.csv` has a quote that is never closed"
            );
            assert!(error.diagnostics[0].starts_with("votes.csv:3: a quoted cell starts here"));
        }
        // Closed at the very end of the file, with no line break after it.
        let text = format!("{HEADER}\nC01,上级领导,优秀,,,,\"优秀\"");
        let outcome = fixture(true)
            .import("votes.csv", &text, ImportOptions::default())
            .unwrap();
        assert_eq!(outcome.rows, 1);
    }

    #[test]
    fn control_characters_are_refused_in_any_cell() {
        // A control character takes its chunk off the fast path, to `csv_core` and a look at
        // every cell.
        let text = format!(
            "{HEADER}\nC01,上级领导,优秀,,,,\nC01,上级\u{1b}领导,优秀,,,,\nC01,上级领导,优秀,,,,\u{85}\n"
        );
        let mut f = fixture(true);
        let error = f.refuse("votes.csv", &text, ImportOptions::default());
        assert_eq!(
            error.diagnostics[..2],
            [
                "votes.csv:3: 测评主体: control character U+001B in the text; it is invisible in a spreadsheet or editor, often pasted from another program: delete it",
                "votes.csv:4: 作风硬: control character U+0085 in the text; it is invisible in a spreadsheet or editor, often pasted from another program: delete it",
            ]
        );
        let header = format!("{HEADER}\u{0}\nC01,上级领导,优秀,,,,\n");
        let error = fixture(true).refuse("votes.csv", &header, ImportOptions::default());
        assert!(error.diagnostics[0].starts_with("votes.csv:1: header: control character U+0000"));
    }

    #[test]
    fn a_misspelt_header_is_refused_and_other_columns_are_listed() {
        let text = "单位代码,测评主体,政冶强,能力强,活力强,合力强,作风硬\nC01,上级领导,优秀,,,,\n";
        let error = fixture(true).refuse("votes.csv", text, ImportOptions::default());
        assert_eq!(
            error.diagnostics[0],
            "votes.csv:1: 政冶强: unknown column `政冶强`: did you mean `政治强`?"
        );
        let text = format!("序号,{HEADER},单位名称\n1,C01,上级领导,优秀,,,,,甲\n");
        let outcome = fixture(true)
            .import("votes.csv", &text, ImportOptions::default())
            .unwrap();
        assert_eq!(outcome.ignored_columns, ["序号", "单位名称"]);
    }

    #[test]
    fn a_column_that_identifies_raters_is_refused() {
        let mut f = fixture(false);
        let before = f.snapshot();
        let votes = format!(
            "序号,{HEADER},姓名, 手机号 \n1,C01,上级领导,优秀,优秀,优秀,优秀,优秀,张三,1\n"
        );
        let error = f.refuse("votes.csv", votes, ImportOptions::default());
        assert!(error.message.contains("anonymous"), "{}", error.message);
        assert_eq!(
            error.diagnostics,
            [
                "votes.csv:1: 姓名: identifies a rater",
                "votes.csv:1: 手机号: identifies a rater"
            ]
        );
        assert!(error.hint.contains("remove the column(s) `姓名`, `手机号`"));
        assert_eq!(f.snapshot(), before);
    }

    #[test]
    fn unknown_units_groups_and_grades_are_every_one_reported() {
        let mut f = fixture(true);
        let before = f.snapshot();
        let votes = format!(
            "{HEADER}\n\
             C01,上级领导,优秀,优秀,优秀,优秀,优秀\n\
             X01,上级领导,优秀,优秀,优秀,优秀,优秀\n\
             C01,群众,优秀,优秀,优秀,优秀,优秀\n\
             C01,上级领导,优秀,好,优秀,优秀,差\n\
             ,,优秀,优秀,优秀,优秀,优秀\n\
             C01,上级领导,优秀\n"
        );
        let error = f.refuse("votes.csv", votes, ImportOptions::default());
        assert_eq!(error.message, "`votes.csv` has 5 bad row(s)");
        assert_eq!(
            error.diagnostics,
            [
                "votes.csv:3: unit_code: unit `X01` is not in the register",
                "votes.csv:4: rater_group: rater group `群众` is not in `scoring.rater_groups` of campaign.toml (上级领导, 中层干部, 服务对象, 班子成员)",
                "votes.csv:5: capability: unknown grade `好` (expected 优秀, 较好, 一般, 较差, or a blank cell for an abstention)",
                "votes.csv:5: conduct: unknown grade `差` (expected 优秀, 较好, 一般, 较差, or a blank cell for an abstention)",
                "votes.csv:6: unit_code: empty unit code",
                "votes.csv:6: rater_group: empty rater group",
                "votes.csv:7: row: 3 cells but the header has 7 columns",
            ]
        );
        assert_eq!(f.snapshot(), before);
    }

    #[test]
    fn a_file_of_bad_rows_keeps_the_first_thousand_and_counts_the_rest() {
        let mut f = fixture(false);
        let votes = format!("{HEADER}\n{}", "X01,上级领导,优秀,,,,\n".repeat(1200));
        let error = f.refuse("votes.csv", votes, ImportOptions::default());
        assert_eq!(error.message, "`votes.csv` has 1200 bad row(s)");
        assert_eq!(error.diagnostics.len(), MAX_DIAGNOSTICS + 1);
        assert_eq!(
            error.diagnostics.last().unwrap().to_string(),
            "votes.csv: 200 more problem(s) not listed"
        );
    }

    #[test]
    fn a_file_without_votes_or_header_is_refused() {
        let mut f = fixture(false);
        let error = f.refuse("votes.csv", "", ImportOptions::default());
        assert_eq!(error.message, "`votes.csv` is empty");
        let error = f.refuse(
            "votes.csv",
            format!("{HEADER}\n,,,,,,\n"),
            ImportOptions::default(),
        );
        assert_eq!(error.message, "`votes.csv` has no votes");
        assert_eq!(error.diagnostics, ["votes.csv:2: a header but no rows"]);
        let error = f.refuse(
            "votes.csv",
            "unit_code,political\nC01,优秀\n",
            ImportOptions::default(),
        );
        assert!(
            error.diagnostics[0].starts_with("votes.csv:1: header: missing column `rater_group`")
        );
    }

    #[test]
    fn votes_need_the_register_first() {
        let mut f = empty_fixture(false);
        let error = f
            .import("votes.csv", format!("{HEADER}\n"), ImportOptions::default())
            .unwrap_err()
            .downcast::<Error>()
            .unwrap();
        assert_eq!(error.kind, Kind::StepOrder);
    }

    #[test]
    fn rater_groups_a_spreadsheet_would_run_are_stored_escaped_and_read_back_as_they_were() {
        let mut f = fixture(false);
        let votes = format!(
            "{HEADER}\n\
             C01,=1+1,较差,优秀,优秀,优秀,优秀\n\
             C01,'引号,优秀,优秀,优秀,优秀,优秀\n\
             C01,-2+3,优秀,优秀,优秀,优秀,优秀\n"
        );
        f.import("votes.csv", &votes, ImportOptions::default())
            .unwrap();
        let record = f.record();
        for cell in record.lines().flat_map(|line| line.split(',')) {
            assert!(!cell.starts_with(['=', '+', '-', '@']), "{cell}");
        }
        assert!(record.contains("\nC01,''引号,"), "{record}");
        let scoring = &f.campaign.settings.scoring;
        let political = f.tallies().democratic("C01", "political", scoring).unwrap();
        let groups: Vec<&str> = political
            .groups
            .iter()
            .map(|g| g.rater_group.as_str())
            .collect();
        assert_eq!(groups, ["'引号", "-2+3", "=1+1"]);
        assert_eq!(political.groups[2].counts[3], ("较差".to_owned(), 1));
        let again = f
            .import("again.csv", &votes, ImportOptions::default())
            .unwrap();
        assert_eq!(again.unchanged, ["C01"]);
    }

    #[test]
    fn the_same_votes_are_no_change_and_different_ones_need_replace() {
        let mut f = fixture(false);
        let first = format!(
            "{HEADER}\nC01,上级领导,优秀,优秀,优秀,优秀,优秀\nC02,上级领导,较好,较好,较好,较好,较好\n"
        );
        let entry = f
            .import("first.csv", &first, ImportOptions::default())
            .unwrap()
            .entry
            .unwrap();
        let stored = crate::store::sha256_hex(f.record().as_bytes());

        // The same rows in another order are the same votes.
        let shuffled = format!(
            "{HEADER}\nC02,上级领导,较好,较好,较好,较好,较好\nC01,上级领导,优秀,优秀,优秀,优秀,优秀\n"
        );
        let again = f
            .import("again.csv", shuffled, ImportOptions::default())
            .unwrap();
        assert!(again.entry.is_none());
        assert_eq!(again.unchanged, ["C01", "C02"]);

        // C01 changes, D01 is new, C02 is not in the file and keeps its votes.
        let second = format!(
            "{HEADER}\nC01,上级领导,一般,一般,一般,一般,一般\nD01,服务对象,优秀,优秀,优秀,优秀,优秀\n"
        );
        let before = f.snapshot();
        let error = f.refuse("second.csv", &second, ImportOptions::default());
        assert_eq!(
            error.message,
            "1 unit(s) already have votes that differ from `second.csv`: C01"
        );
        assert!(error.hint.contains("--replace"));
        assert_eq!(f.snapshot(), before);

        let dry_run = ImportOptions {
            replace: true,
            dry_run: true,
        };
        let preview = f.import("second.csv", &second, dry_run).unwrap();
        assert!(preview.entry.is_none());
        assert_eq!(
            (preview.added, preview.replaced),
            (vec!["D01".to_owned()], vec!["C01".to_owned()])
        );
        assert_eq!(f.snapshot(), before, "a dry run writes nothing");

        let done = f.import("second.csv", &second, replace()).unwrap();
        let entry2 = done.entry.unwrap();
        assert!(
            entry2.summary.contains(&format!(
                "the previous analysis/votes.csv (SHA-256 {stored}) was written by entry #{}",
                entry.seq
            )),
            "{}",
            entry2.summary
        );
        assert_eq!(entry2.inputs.len(), 1);
        assert_eq!(
            entry2.inputs[0].sha256,
            crate::store::sha256_hex(second.as_bytes())
        );
        assert_eq!(
            f.record(),
            concat!(
                "unit,rater_group,",
                "political/优秀,political/较好,political/一般,political/较差,political/abstentions,",
                "capability/优秀,capability/较好,capability/一般,capability/较差,capability/abstentions,",
                "vitality/优秀,vitality/较好,vitality/一般,vitality/较差,vitality/abstentions,",
                "cohesion/优秀,cohesion/较好,cohesion/一般,cohesion/较差,cohesion/abstentions,",
                "conduct/优秀,conduct/较好,conduct/一般,conduct/较差,conduct/abstentions\n",
                //        political  capability vitality   cohesion   conduct
                "C01,上级领导,0,0,1,0,0, 0,0,1,0,0, 0,0,1,0,0, 0,0,1,0,0, 0,0,1,0,0\n",
                "C02,上级领导,0,1,0,0,0, 0,1,0,0,0, 0,1,0,0,0, 0,1,0,0,0, 0,1,0,0,0\n",
                "D01,服务对象,1,0,0,0,0, 1,0,0,0,0, 1,0,0,0,0, 1,0,0,0,0, 1,0,0,0,0\n",
            )
            .replace(", ", ",")
        );
    }

    #[test]
    fn stored_votes_read_by_grade_name_and_refuse_a_grade_the_scale_lost() {
        let mut f = fixture(false);
        f.import(
            "votes.csv",
            format!("{HEADER}\nC01,路人,较差,优秀,优秀,优秀,优秀\n"),
            ImportOptions::default(),
        )
        .unwrap();
        // A reordered scale reads the same counts.
        let f = f.edit_settings(|s| s.replace("\"较差\" = 40", "\"较差\" = 90"));
        let scoring = &f.campaign.settings.scoring;
        let political = f.tallies().democratic("C01", "political", scoring).unwrap();
        assert_eq!(political.groups[0].counts[1], ("较差".to_owned(), 1));
        assert_eq!(political.value, 90.0);

        // Weights configured later must weigh every group that voted.
        let f = f.edit_settings(|mut s| {
            for line in WEIGHTS {
                s = s.replace(&format!("# {line}"), line);
            }
            s
        });
        let error = VoteTallies::load(&f.campaign)
            .unwrap_err()
            .downcast::<Error>()
            .unwrap();
        assert!(error.message.contains("`路人`"), "{}", error.message);

        let f = f.edit_settings(|s| s.replace("\"较差\" = 90\n", ""));
        let error = VoteTallies::load(&f.campaign)
            .unwrap_err()
            .downcast::<Error>()
            .unwrap();
        assert!(error.message.contains("grade `较差`"), "{}", error.message);
        assert!(error.hint.unwrap().contains("put `较差` back"));
    }

    #[test]
    fn a_criterion_renamed_after_the_import_keeps_its_columns_while_a_unit_has_tallies_for_it() {
        let mut f = fixture(false);
        f.import(
            "votes.csv",
            format!("{HEADER}\nC01,上级领导,优秀,优秀,优秀,优秀,优秀\n"),
            ImportOptions::default(),
        )
        .unwrap();
        let mut f = f.edit_settings(|s| s.replace("code = \"vitality\"", "code = \"energy\""));
        f.import(
            "more.csv",
            format!("{HEADER}\nC02,上级领导,较好,较好,较好,较好,较好\n"),
            ImportOptions::default(),
        )
        .unwrap();
        // The campaign's criteria, then the one only C01's stored tallies have.
        let record = f.record();
        let lines: Vec<&str> = record.lines().collect();
        let criteria: Vec<&str> = lines[0]
            .split(',')
            .skip(2)
            .step_by(5)
            .map(|column| column.split_once('/').unwrap().0)
            .collect();
        assert_eq!(
            criteria,
            [
                "political",
                "capability",
                "energy",
                "cohesion",
                "conduct",
                "vitality"
            ]
        );
        assert_eq!(
            lines[1..],
            [
                "C01,上级领导,1,0,0,0,0,1,0,0,0,0,0,0,0,0,0,1,0,0,0,0,1,0,0,0,0,1,0,0,0,0",
                "C02,上级领导,0,1,0,0,0,0,1,0,0,0,0,1,0,0,0,0,1,0,0,0,0,1,0,0,0,0,0,0,0,0",
            ]
        );
        let tallies = f.tallies();
        let scoring = &f.campaign.settings.scoring;
        let value = |unit, criterion| {
            tallies
                .democratic(unit, criterion, scoring)
                .map(|d| d.value)
        };
        assert_eq!(value("C01", "vitality"), Some(100.0));
        assert_eq!(value("C01", "energy"), None);
        assert_eq!(value("C02", "energy"), Some(80.0));
        assert_eq!(value("C02", "vitality"), None);
    }

    #[test]
    fn a_file_may_have_at_most_so_many_rater_groups() {
        let mut f = fixture(false);
        let rows: String = (0..=MAX_GROUPS)
            .map(|g| format!("C01,组{g},优秀,,,,\n"))
            .collect();
        let error = f.refuse(
            "votes.csv",
            format!("{HEADER}\n{rows}"),
            ImportOptions::default(),
        );
        assert_eq!(error.diagnostics.len(), 1);
        assert!(
            error.diagnostics[0]
                .starts_with("votes.csv:34: rater_group: rater group `组32` is one more")
        );
    }

    /// The votes of a file counted the plain way, with the csv crate, as the record lists them:
    /// a row per unit and rater group, a column per criterion of the file and grade.
    fn reference_record(text: &str) -> String {
        let criteria = [
            "political",
            "capability",
            "vitality",
            "cohesion",
            "conduct",
            OVERALL,
        ];
        let grades = ["优秀", "较好", "一般", "较差", ""];
        let mut reader = csv::ReaderBuilder::new()
            .trim(csv::Trim::All)
            .flexible(true)
            .from_reader(text.as_bytes());
        let criteria = &criteria[..reader.headers().unwrap().len() - 2];
        let mut counts: BTreeMap<(String, String), Vec<u64>> = BTreeMap::new();
        for record in reader.records() {
            let record = record.unwrap();
            if record.iter().all(str::is_empty) {
                continue;
            }
            let row = counts
                .entry((record[0].to_owned(), record[1].to_owned()))
                .or_insert_with(|| vec![0; criteria.len() * grades.len()]);
            for (c, cell) in record.iter().skip(2).enumerate() {
                let g = grades.iter().position(|g| *g == cell).unwrap();
                row[c * grades.len() + g] += 1;
            }
        }
        let mut out = "unit,rater_group".to_owned();
        for criterion in criteria {
            for grade in ["优秀", "较好", "一般", "较差", "abstentions"] {
                out.push_str(&format!(",{criterion}/{grade}"));
            }
        }
        out.push('\n');
        for ((unit, group), n) in counts {
            let n: Vec<String> = n.iter().map(u64::to_string).collect();
            out.push_str(&format!("{unit},{group},{}\n", n.join(",")));
        }
        out
    }

    /// Some thousands of rows across several chunks: quotes, CRLF, blank lines, spaces and
    /// characters fall across chunk boundaries wherever they happen to.
    fn many_rows(seed: u64) -> String {
        let groups = ["上级领导", "班子成员", "中层干部", "服务对象", "A"];
        let grades = ["优秀", "较好", "一般", "较差", "", " 优秀", "较好\u{3000}"];
        let mut state = seed;
        let mut next = |n: u64| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 33) % n
        };
        let mut text = format!("{HEADER},总体评价\r\n");
        for i in 0..14_000 {
            let unit = ["C01", "C02", "D01"][(i / 997) % 3];
            let mut cells = vec![unit.to_owned(), groups[next(5) as usize].to_owned()];
            cells.extend((0..6).map(|_| grades[next(7) as usize].to_owned()));
            // Quotes in some rows only, so that other chunks take the fast path.
            if (6_000..6_300).contains(&i) && next(10) == 0 {
                cells[1] = format!("\"{}\"", cells[1]);
            }
            text.push_str(&cells.join(","));
            text.push_str(match next(50) {
                0 => "\n\n",
                1 => "\r\n\r\n",
                2..=25 => "\n",
                _ => "\r\n",
            });
        }
        text
    }

    #[test]
    fn chunk_boundaries_change_nothing() {
        for seed in [7, 8] {
            let text = many_rows(seed);
            assert!(text.len() > 2 * stream::CHUNK, "three chunks or more");
            let mut f = fixture(false);
            let outcome = f
                .import("votes.csv", &text, ImportOptions::default())
                .unwrap();
            assert_eq!(outcome.rows, 14_000);
            assert_eq!(f.record(), reference_record(&text), "seed {seed}");
            // GB18030 gives the same votes.
            let (gb18030, _, _) = encoding_rs::GB18030.encode(&text);
            let again = f
                .import("gb.csv", &gb18030, ImportOptions::default())
                .unwrap();
            assert_eq!(again.encoding, Some(Encoding::Gb18030));
            assert!(again.entry.is_none());
        }
    }

    #[test]
    fn gb18030_is_found_even_after_a_chunk_of_ascii() {
        let mut f = fixture(false);
        let ascii = "C01,A,,,,,\n".repeat(stream::CHUNK / 10 + 100);
        let text = format!(
            "unit_code,rater_group,political,capability,vitality,cohesion,conduct\n{ascii}C02,上级领导,优秀,,,,\n"
        );
        let (gb18030, _, _) = encoding_rs::GB18030.encode(&text);
        let outcome = f
            .import("votes.csv", &gb18030, ImportOptions::default())
            .unwrap();
        assert_eq!(outcome.encoding, Some(Encoding::Gb18030));
        assert_eq!(outcome.added, ["C01", "C02"]);
        // C02: 优秀 for political, abstentions for the rest; no overall column.
        assert!(
            f.record()
                .ends_with("\nC02,上级领导,1,0,0,0,0,0,0,0,0,1,0,0,0,0,1,0,0,0,0,1,0,0,0,0,1\n")
        );

        // Neither UTF-8 nor GB18030: refused, naming the line of the first bad byte.
        let bad = [&gb18030[..], b"C01,A,\xFF,,,,\n"].concat();
        let error = f.refuse("bad.csv", &bad, ImportOptions::default());
        let line = text.lines().count() + 1;
        assert!(
            error
                .message
                .contains(&format!("(first bad byte on line {line})")),
            "{}",
            error.message
        );
        let utf16 = f.refuse("utf16.csv", b"\xFF\xFEu\x00", ImportOptions::default());
        assert!(utf16.message.contains("UTF-16"));
    }

    #[test]
    fn any_votes_file_is_counted_or_refused_with_its_reason_and_nothing_written() {
        use crate::import::fuzz;
        let f = std::cell::RefCell::new(fixture(true));
        let mut runner = proptest::test_runner::TestRunner::new(fuzz::config());
        runner
            .run(&fuzz::hostile(fuzz::VOTES), |bytes| {
                let mut f = f.borrow_mut();
                let before = f.snapshot();
                // Replacing lets one case's stored votes not stand in the way of the next.
                let options = ImportOptions {
                    replace: true,
                    dry_run: false,
                };
                if let Err(error) = f.import("votes.csv", &bytes, options) {
                    fuzz::assert_explained(&error.downcast::<Error>().unwrap());
                    assert_eq!(f.snapshot(), before, "a refused import writes nothing");
                }
                Ok(())
            })
            .unwrap();
    }

    #[test]
    fn a_ten_megabyte_line_is_refused() {
        let text = format!(
            "{HEADER}\n{}\n",
            crate::import::fuzz::long_line("C01,上级领导,", "优秀")
        );
        let error = fixture(true).refuse("votes.csv", &text, ImportOptions::default());
        assert!(
            error.message.contains("has a row longer than 1024 KiB"),
            "{}",
            error.message
        );
    }
}
