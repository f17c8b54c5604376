//! The comprehensive analysis (综合分析): each unit's composite from the inspection, the
//! democratic evaluation and the annual assessment, with every input and weight that made it.
//!
//! Per criterion: the inspection component is the mean of the activities' ratings, the
//! democratic component comes from the vote tallies, the annual component is the grade's points.
//! The combined score weighs the three by `scoring.components` (rescaled over inspection and
//! annual when the campaign uses no votes); the composite sums the combined scores weighted by
//! the criteria's weights.

use serde::Serialize;

use crate::campaign::Campaign;
use crate::inspect::annual::AnnualResults;
use crate::inspect::record::{self, Stored};
use crate::inspect::votes::{Democratic, VoteTallies};
use crate::settings::{Components, Settings};
use crate::steps::State;

/// The component weights actually used.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Weights {
    pub inspection: f64,
    pub democratic: f64,
    pub annual: f64,
    /// True when the campaign uses no votes and inspection and annual were rescaled to sum to 1.
    pub rescaled: bool,
}

impl Weights {
    pub fn of(components: Components, votes_used: bool) -> Weights {
        if votes_used {
            return Weights {
                inspection: components.inspection,
                democratic: components.democratic,
                annual: components.annual,
                rescaled: false,
            };
        }
        let rest = components.inspection + components.annual;
        let (inspection, annual) = if rest > 0.0 {
            (components.inspection / rest, components.annual / rest)
        } else {
            (0.5, 0.5)
        };
        Weights {
            inspection,
            democratic: 0.0,
            annual,
            rescaled: true,
        }
    }
}

/// An input a unit's composite still waits for.
#[derive(Debug, Clone, PartialEq)]
pub enum Missing {
    /// Records of these inspection methods.
    Records(Vec<String>),
    Annual,
    Votes,
}

impl Missing {
    /// For scripts (`inspect show --json`).
    pub fn text(&self) -> String {
        match self {
            Missing::Records(methods) => {
                let named: Vec<String> = methods
                    .iter()
                    .map(|m| format!("{m} ({})", record::method_label(m)))
                    .collect();
                format!("inspection records for {}", named.join(", "))
            }
            Missing::Annual => "the annual-assessment result".to_owned(),
            Missing::Votes => "democratic-evaluation votes for some criteria".to_owned(),
        }
    }

    /// For people, in the language in force.
    pub fn words(&self) -> String {
        use crate::messages::inspect as words;
        match self {
            Missing::Records(methods) => {
                let named = methods_named(methods);
                words::missing_records(&named)
            }
            Missing::Annual => words::missing_annual(),
            Missing::Votes => words::missing_votes(),
        }
    }
}

/// Inspection methods named for people: `听汇报、查资料`, or `hearing (听汇报), materials (查资料)`.
pub fn methods_named(methods: &[String]) -> String {
    crate::messages::pick(
        || {
            let labels: Vec<&str> = methods.iter().map(|m| record::method_label(m)).collect();
            labels.join("、")
        },
        || {
            let named: Vec<String> = methods
                .iter()
                .map(|m| format!("{m} ({})", record::method_label(m)))
                .collect();
            named.join(", ")
        },
    )
}

/// One inspection activity's rating of one criterion.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InspectionInput {
    pub record: String,
    pub method: String,
    pub date: String,
    pub rating: f64,
}

/// The annual-assessment input of a unit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AnnualInput {
    pub grade: String,
    pub points: f64,
    pub score: Option<f64>,
    pub remarks: String,
}

/// Every figure of one criterion of one unit.
#[derive(Debug, Clone, PartialEq)]
pub struct CriterionAnalysis {
    pub code: String,
    pub name: String,
    pub weight: f64,
    pub inspection_inputs: Vec<InspectionInput>,
    pub inspection: Option<f64>,
    pub democratic: Option<Democratic>,
    pub annual: Option<f64>,
    pub combined: Option<f64>,
}

/// A unit's comprehensive analysis.
#[derive(Debug, Clone, PartialEq)]
pub struct Analysis {
    pub unit: String,
    pub weights: Weights,
    pub annual: Option<AnnualInput>,
    pub criteria: Vec<CriterionAnalysis>,
    /// What the composite still lacks, in words; empty when it is complete.
    pub missing: Vec<Missing>,
    /// Σ criterion weight × combined score; none while anything is missing.
    pub composite: Option<f64>,
}

/// The inspection component of `criterion`: the mean of the done activities' ratings.
pub fn inspection_component(
    records: &[Stored],
    criterion: &str,
) -> (Option<f64>, Vec<InspectionInput>) {
    let inputs: Vec<InspectionInput> = records
        .iter()
        .filter(|s| s.state == State::Done)
        .filter_map(|s| {
            Some(InspectionInput {
                record: s.path.clone(),
                method: s.record.method.clone(),
                date: s.record.date.to_string(),
                rating: crate::ratings::of(&s.record.ratings, criterion)?,
            })
        })
        .collect();
    let mean = (!inputs.is_empty())
        .then(|| inputs.iter().map(|i| i.rating).sum::<f64>() / inputs.len() as f64);
    (mean, inputs)
}

/// The inputs every unit's analysis shares, loaded once.
pub struct Inputs {
    pub tallies: VoteTallies,
    pub annual: AnnualResults,
}

impl Inputs {
    pub fn load(campaign: &Campaign) -> anyhow::Result<Inputs> {
        Ok(Inputs {
            tallies: VoteTallies::load(campaign)?,
            annual: AnnualResults::load(campaign)?,
        })
    }
}

/// Analyses `unit` from its stored records and the shared inputs.
pub fn analyse(campaign: &Campaign, inputs: &Inputs, unit: &str) -> anyhow::Result<Analysis> {
    let records = match crate::plan::load(campaign, unit)? {
        Some(plan) => record::load_all(campaign, &plan)?,
        None => Vec::new(),
    };
    Ok(analyse_records(campaign, inputs, unit, &records))
}

/// Analyses `unit` from its inspection records, already loaded.
pub fn analyse_records(
    campaign: &Campaign,
    inputs: &Inputs,
    unit: &str,
    records: &[Stored],
) -> Analysis {
    let settings = &campaign.settings;
    compute(
        settings,
        inputs,
        unit,
        records,
        &campaign
            .store
            .index()
            .progress_of(unit)
            .missing_kinds(&settings.scoring.required_methods),
    )
}

/// The analysis itself, from loaded inputs: pure, so it can be checked by hand in tests.
pub fn compute(
    settings: &Settings,
    inputs: &Inputs,
    unit: &str,
    records: &[Stored],
    missing_methods: &[String],
) -> Analysis {
    let scoring = &settings.scoring;
    let votes_used = !inputs.tallies.is_empty();
    let weights = Weights::of(scoring.components, votes_used);
    let annual = inputs.annual.get(unit).and_then(|r| {
        Some(AnnualInput {
            grade: r.grade.clone(),
            points: scoring.annual_grade(&r.grade)?.points,
            score: r.score,
            remarks: r.remarks.clone(),
        })
    });

    let mut missing = Vec::new();
    if !missing_methods.is_empty() {
        missing.push(Missing::Records(missing_methods.to_vec()));
    }
    if annual.is_none() {
        missing.push(Missing::Annual);
    }

    let mut criteria = Vec::new();
    let mut votes_missing = false;
    for criterion in &settings.criteria {
        let (inspection, inspection_inputs) = inspection_component(records, &criterion.code);
        let democratic = votes_used
            .then(|| inputs.tallies.democratic(unit, &criterion.code, scoring))
            .flatten();
        votes_missing |= votes_used && democratic.is_none();
        let annual_points = annual.as_ref().map(|a| a.points);
        let combined = match (inspection, &democratic, annual_points) {
            (Some(i), Some(d), Some(a)) => {
                Some(weights.inspection * i + weights.democratic * d.value + weights.annual * a)
            }
            (Some(i), None, Some(a)) if !votes_used => {
                Some(weights.inspection * i + weights.annual * a)
            }
            _ => None,
        };
        criteria.push(CriterionAnalysis {
            code: criterion.code.clone(),
            name: criterion.name.clone(),
            weight: criterion.weight,
            inspection_inputs,
            inspection,
            democratic,
            annual: annual_points,
            combined,
        });
    }
    if votes_missing {
        missing.push(Missing::Votes);
    }
    let composite = if missing.is_empty() {
        criteria
            .iter()
            .map(|c| c.combined.map(|v| c.weight * v))
            .sum::<Option<f64>>()
    } else {
        None
    };
    Analysis {
        unit: unit.to_owned(),
        weights,
        annual,
        criteria,
        missing,
        composite,
    }
}

impl Analysis {
    /// The analysis as `inspect show --json` prints it: unrounded figures.
    pub fn to_json(&self) -> serde_json::Value {
        let criteria: serde_json::Map<String, serde_json::Value> = self
            .criteria
            .iter()
            .map(|c| {
                let groups: Vec<serde_json::Value> = c
                    .democratic
                    .iter()
                    .flat_map(|d| &d.groups)
                    .map(|g| {
                        serde_json::json!({
                            "rater_group": g.rater_group,
                            "counts": g.counts.iter().map(|(grade, n)| (grade.clone(), serde_json::Value::from(*n))).collect::<serde_json::Map<String, serde_json::Value>>(),
                            "abstentions": g.abstentions,
                            "mean": g.mean,
                            "weight": g.weight,
                            "effective_weight": g.effective_weight,
                        })
                    })
                    .collect();
                (
                    c.code.clone(),
                    serde_json::json!({
                        "name": c.name,
                        "weight": c.weight,
                        "inspection": c.inspection,
                        "democratic": c.democratic.as_ref().map(|d| d.value),
                        "annual": c.annual,
                        "combined": c.combined,
                        "inspection_inputs": c.inspection_inputs,
                        "democratic_weighted": c.democratic.as_ref().map(|d| d.weighted),
                        "democratic_groups": groups,
                    }),
                )
            })
            .collect();
        serde_json::json!({
            "unit": self.unit,
            "composite": self.composite,
            "complete": self.missing.is_empty(),
            "missing": self.missing.iter().map(Missing::text).collect::<Vec<_>>(),
            "weights": self.weights,
            "annual": self.annual,
            "criteria": criteria,
        })
    }
}
