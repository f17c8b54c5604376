//! Step 4, the preliminary list (初步名单): every unit's place on it, or off it, with every rule
//! that decided it, stored as a numbered version each time it is drawn.
//!
//! The rules are in [`rules`]; [`overrides`] holds the department's decisions on top of them;
//! [`version`] stores each list with the fingerprint of what it was drawn from.

pub mod overrides;
pub mod rules;
pub mod version;

use crate::campaign::Campaign;
use crate::context::Context;
use crate::error::{Diagnostic, Error};
use crate::inspect::analysis::{self, Analysis, Inputs};
use crate::journal::Entry;
use crate::messages::{Both, shortlist as words};
use crate::rulings::{self, Disqualification, Veto, Withdrawal};
use crate::steps::{Scope, State, Step};
use crate::store::Transaction;
use rules::{Candidate, CriterionScore, Decision};
use version::{AppliedRules, Listed, ListedUnit, Version};

/// A new version and what changed against the one before; or, when nothing it is drawn from
/// changed, the latest version as it stands, and no entry.
#[derive(Debug)]
pub struct Drawn {
    pub version: Version,
    pub entry: Option<Entry>,
    /// Units whose decision differs from the previous version: unit, before, after.
    pub changed: Vec<(String, Decision, Decision)>,
}

/// What a unit still lacks before the list can be drawn, and the command that supplies it.
fn lacking(campaign: &Campaign, analysis: &Analysis, votes_used: bool) -> Vec<(String, String)> {
    let unit = analysis.unit.as_str();
    let steps = campaign.steps_of(unit);
    let mut lacks = Vec::new();
    if let Some(step) = steps.next_step() {
        let name = words::step(step);
        let what = match (step.def().scope, steps.get(step)) {
            (Scope::UnitRecords, State::Stale) => words::lacks_reopened(&name),
            (Scope::UnitRecords, _) => {
                let kinds = campaign
                    .store
                    .index()
                    .progress_of(unit)
                    .missing_kinds(&campaign.settings.scoring.required_methods);
                // In Chinese the methods by their names, as `inspect show` says them; in
                // English by their codes.
                let kinds = crate::messages::pick(
                    || crate::inspect::analysis::methods_named(&kinds),
                    || words::codes(&kinds),
                );
                words::lacks_records(&name, &kinds)
            }
            (_, state) => words::lacks_state(&name, &words::state(Some(state))),
        };
        lacks.push((what, step.submit_command(unit)));
    }
    if analysis.annual.is_none() {
        lacks.push((
            words::lacks_annual(),
            "banzi inspect import-assessment FILE".to_owned(),
        ));
    }
    if votes_used && analysis.criteria.iter().any(|c| c.democratic.is_none()) {
        lacks.push((
            words::lacks_votes(),
            "banzi inspect import-votes FILE --replace".to_owned(),
        ));
    }
    lacks
}

/// The candidate the rules see, from a unit's analysis.
fn candidate(
    analysis: &Analysis,
    category: crate::units::Category,
    open_flags: Vec<(String, String)>,
    withdrawn: Option<String>,
    vetoed: Option<String>,
) -> Candidate {
    let weights = analysis.weights;
    let part = |component: fn(&analysis::CriterionAnalysis) -> Option<f64>, weight: f64| {
        analysis
            .criteria
            .iter()
            .map(|c| c.weight * weight * component(c).unwrap_or(0.0))
            .sum()
    };
    Candidate {
        unit: analysis.unit.clone(),
        category,
        composite: analysis.composite,
        inspection: part(|c| c.inspection, weights.inspection),
        democratic: part(
            |c| c.democratic.as_ref().map(|d| d.value),
            weights.democratic,
        ),
        criteria: analysis
            .criteria
            .iter()
            .map(|c| CriterionScore {
                code: c.code.clone(),
                name: c.name.clone(),
                combined: c.combined,
            })
            .collect(),
        annual_grade: analysis.annual.as_ref().map(|a| a.grade.clone()),
        open_flags,
        withdrawn,
        vetoed,
        disqualified: None,
    }
}

/// A unit as the list is drawn from it: its analysis, its open flags and its rulings.
struct Assessed {
    unit: crate::units::Unit,
    analysis: Analysis,
    open_flags: Vec<(String, String)>,
    withdrawn: Option<rulings::Ruling<Withdrawal>>,
    vetoed: Option<rulings::Ruling<Veto>>,
    disqualified: Option<rulings::Ruling<Disqualification>>,
}

/// Every unit assessed, with the inputs they share; refused, naming what each unit still lacks
/// and the command that supplies it, while the list cannot be drawn.
fn gather(campaign: &Campaign) -> anyhow::Result<(Vec<Assessed>, Inputs)> {
    let register = campaign.register()?;
    if register.units().is_empty() {
        return Err(Error::step_order(words::no_units())
            .with_hint(words::no_units_hint())
            .into());
    }
    let settings = &campaign.settings;
    let withdrawals = rulings::in_force::<Withdrawal>(campaign)?;
    let vetoes = rulings::in_force::<Veto>(campaign)?;
    let disqualifications = rulings::in_force::<Disqualification>(campaign)?;
    let inputs = Inputs::load(campaign)?;
    let votes_used = !inputs.tallies.is_empty();
    let democratic = settings.scoring.components.democratic;
    let cleared = crate::inspect::flags::clearances(campaign)?;

    let mut assessed = Vec::with_capacity(register.units().len());
    let mut diagnostics = Vec::new();
    for unit in register.units() {
        // Each unit's records are read once, for both its analysis and its flags.
        let plan = crate::plan::load(campaign, &unit.code)?;
        let records = match &plan {
            Some(plan) => crate::inspect::record::load_all(campaign, plan)?,
            None => Vec::new(),
        };
        let analysis = analysis::analyse_records(campaign, &inputs, &unit.code, &records);
        let open_flags: Vec<(String, String)> = match &plan {
            Some(plan) => {
                crate::inspect::flags::of_stored_unit(campaign, plan, &records, &cleared)?
                    .into_iter()
                    .filter(|f| f.cleared.is_none())
                    .map(|f| (f.id, f.words))
                    .collect()
            }
            None => Vec::new(),
        };
        let withdrawn = withdrawals.iter().find(|w| w.unit == unit.code).cloned();
        let vetoed = vetoes.iter().find(|v| v.unit == unit.code).cloned();
        let disqualified = disqualifications
            .iter()
            .find(|d| d.unit == unit.code)
            .cloned();
        // A ruling decides the unit whatever its figures, so it need not wait for them.
        if withdrawn.is_none() && vetoed.is_none() && disqualified.is_none() {
            for (what, command) in lacking(campaign, &analysis, votes_used && democratic > 0.0) {
                diagnostics.push(Diagnostic::new(
                    std::path::Path::new(&unit.code),
                    words::lacks_run(&what, &command),
                ));
            }
        }
        assessed.push(Assessed {
            unit: unit.clone(),
            analysis,
            open_flags,
            withdrawn,
            vetoed,
            disqualified,
        });
    }
    if !diagnostics.is_empty() {
        let units = diagnostics
            .iter()
            .map(|d| d.file.as_str())
            .collect::<std::collections::BTreeSet<_>>()
            .len();
        return Err(Error::step_order(words::not_ready(units))
            .with_diagnostics(diagnostics)
            .with_hint(words::not_ready_hint())
            .into());
    }
    // The method is the campaign's as stated: a weighed component is never silently left out.
    // (After the units' own steps, so that a refusal names the earliest step missing.)
    if democratic > 0.0 && !votes_used {
        return Err(
            Error::step_order(words::no_votes(&crate::figures::figure(democratic)))
                .with_hint(words::no_votes_hint())
                .into(),
        );
    }
    Ok((assessed, inputs))
}

/// Refuses while the list cannot be drawn, naming what each unit lacks and the command that
/// supplies it, as `banzi shortlist` would.
pub fn check_ready(campaign: &Campaign) -> anyhow::Result<()> {
    gather(campaign).map(drop)
}

/// Draws the preliminary list from the comprehensive analysis and stores it as a new version,
/// unless nothing it is drawn from changed since the latest, which then stands.
pub fn draw(campaign: &mut Campaign, ctx: &Context) -> anyhow::Result<Drawn> {
    if let Some(latest) = version::list(campaign)?.pop()
        && latest.fingerprint == version::current_inputs(campaign).1
    {
        return Ok(Drawn {
            version: version::load(campaign, &latest)?,
            entry: None,
            changed: Vec::new(),
        });
    }
    let (analyses, inputs) = gather(campaign)?;
    let settings = &campaign.settings;
    let rules = &settings.shortlist;
    let overrides = overrides::load(campaign)?;

    let candidates: Vec<Candidate> = analyses
        .iter()
        .map(|a| {
            let mut candidate = candidate(
                &a.analysis,
                a.unit.category,
                a.open_flags.clone(),
                a.withdrawn.as_ref().map(|w| w.reason.clone()),
                a.vetoed.as_ref().map(|v| v.reason.clone()),
            );
            candidate.disqualified = a.disqualified.as_ref().map(|d| d.reason.clone());
            candidate
        })
        .collect();
    let decided = rules::decide(rules, &candidates, |grade| {
        settings.scoring.annual_grade(grade).map(|g| g.points)
    });

    let units: Vec<ListedUnit> = analyses
        .iter()
        .zip(&candidates)
        .zip(decided.placements)
        .map(|((a, candidate), placement)| {
            let (unit, analysis) = (&a.unit, &a.analysis);
            let adjustment = overrides.iter().find(|o| o.unit == unit.code).cloned();
            let decision = match (&adjustment, placement.decision) {
                (Some(o), Decision::Included | Decision::Excluded) => o.decision,
                _ => placement.decision,
            };
            ListedUnit {
                unit: unit.code.clone(),
                name: unit.name.clone(),
                category: unit.category,
                rank: placement.rank,
                composite: analysis.composite,
                inspection_part: candidate.inspection,
                democratic_part: candidate.democratic,
                annual_grade: candidate.annual_grade.clone(),
                open_flags: candidate
                    .open_flags
                    .iter()
                    .map(|(id, _)| id.clone())
                    .collect(),
                computed_decision: placement.decision,
                decision,
                tie_at_edge: placement.tie_at_edge,
                adjustment,
                criteria: candidate.criteria.clone(),
                checks: placement.checks,
                withdrawal: a.withdrawn.as_ref().map(version::RulingNote::of),
                veto: a.vetoed.as_ref().map(version::RulingNote::of),
                disqualification: a.disqualified.as_ref().map(version::RulingNote::of),
                vote_gaps: inputs
                    .tallies
                    .gaps(&unit.code, &settings.scoring)
                    .iter()
                    .map(|gap| {
                        gap.words(|code| {
                            settings
                                .criterion(code)
                                .map_or_else(|| code.to_owned(), |c| c.name.clone())
                        })
                    })
                    .collect(),
            }
        })
        .collect();

    let mut listed = version::list(campaign)?;
    let previous = match listed.last() {
        Some(last) => Some(version::load(campaign, last)?),
        None => None,
    };
    let (inputs, fingerprint) = version::current_inputs(campaign);
    let number = listed.last().map_or(1, |l| l.version + 1);
    let mut tx = Transaction::new(&mut campaign.store, ctx);
    let by = tx.attribution().clone();
    let drawn = Version {
        version: number,
        time: by.time.clone(),
        operator: by.operator.clone(),
        seq: by.seq,
        fingerprint: fingerprint.clone(),
        rules: AppliedRules {
            min_composite: rules.min_composite,
            criterion_floor: rules.criterion_floor,
            criterion_floors: rules.criterion_floors.iter().cloned().collect(),
            min_annual_grade: rules.min_annual_grade.clone(),
            flags_block: rules.flags_block,
            weights: Some(version::ComponentWeights {
                inspection: settings.scoring.components.inspection,
                democratic: settings.scoring.components.democratic,
                annual: settings.scoring.components.annual,
            }),
        },
        categories: decided.categories,
        units,
        inputs,
    };
    let changed = previous
        .iter()
        .flat_map(|p| &p.units)
        .filter_map(|before| {
            let after = drawn.units.iter().find(|u| u.unit == before.unit)?;
            (after.decision != before.decision)
                .then(|| (after.unit.clone(), before.decision, after.decision))
        })
        .collect();
    let included = drawn
        .units
        .iter()
        .filter(|u| u.decision == Decision::Included)
        .count();
    let path = version::path_of(number);
    listed.push(Listed {
        version: number,
        path: path.clone(),
        time: by.time,
        operator: by.operator,
        seq: by.seq,
        fingerprint,
        included,
    });
    let text = toml::to_string(&drawn)?;
    tx.write(&path, text.into_bytes());
    tx.write_result(
        Step::Shortlist,
        <Listed as crate::store::Table>::PATH,
        crate::store::csv_bytes(&listed),
        drawn.fingerprint.clone(),
    );
    let total = drawn.units.len();
    let entry = tx.commit(crate::messages::both(|| {
        words::drawn(number, included, total)
    }))?;
    Ok(Drawn {
        version: drawn,
        entry: Some(entry),
        changed,
    })
}

/// A stored version: the latest, or number `wanted`.
pub fn stored(campaign: &Campaign, wanted: Option<u32>) -> anyhow::Result<Version> {
    let listed = version::list(campaign)?;
    let found = match wanted {
        None => listed
            .last()
            .ok_or_else(|| Error::step_order(words::no_list()).with_hint(words::no_list_hint()))?,
        Some(n) => listed.iter().find(|l| l.version == n).ok_or_else(|| {
            Error::invalid(words::no_such_version(n, listed.len()))
                .with_hint(words::no_such_version_hint())
        })?,
    };
    version::load(campaign, found)
}

/// Why the latest version no longer matches its inputs, in both languages (`--json` gives the
/// English); empty while it does. Older versions are superseded rather than stale.
pub fn staleness(campaign: &Campaign, shown: &Version) -> anyhow::Result<Vec<Both>> {
    let latest = version::list(campaign)?.last().map(|l| l.version);
    if latest != Some(shown.version) {
        let latest = latest.unwrap_or_default();
        return Ok(vec![crate::messages::both(|| {
            words::superseded(shown.version, latest)
        })]);
    }
    if version::current_inputs(campaign).1 == shown.fingerprint {
        return Ok(Vec::new());
    }
    Ok(version::changes_since(campaign, shown))
}
