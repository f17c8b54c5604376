//! The self-assessment report (自评报告) of one unit.

use serde::Serialize;

use crate::figures::figure;
use crate::plan::Plan;
use crate::self_assess::{Completion, SelfAssessment};
use crate::settings::Settings;
use crate::store::IndexRow;
use crate::units::Unit;

#[derive(Serialize)]
struct ReportModel<'a> {
    campaign: &'a str,
    unit: UnitModel<'a>,
    submitted: String,
    seq: u64,
    head: &'a str,
    summary: &'a str,
    ratings: Vec<RatingModel<'a>>,
    weighted_rating: String,
    indicators: Vec<IndicatorModel<'a>>,
    total: usize,
    done: usize,
    partial: usize,
    not_done: usize,
    completion_rate: String,
}

#[derive(Serialize)]
struct UnitModel<'a> {
    code: &'a str,
    name: &'a str,
    category: &'a str,
    party_head: &'a str,
    /// None where the unit has no administrative head; the report then leaves its line out.
    government_head: Option<&'a str>,
}

#[derive(Serialize)]
struct RatingModel<'a> {
    name: &'a str,
    code: &'a str,
    weight: String,
    rating: String,
}

#[derive(Serialize)]
struct IndicatorModel<'a> {
    id: &'a str,
    criterion: &'a str,
    goal: &'a str,
    target: &'a str,
    owner: &'a str,
    due: String,
    status: &'a str,
    actual: &'a str,
    evidence: &'a str,
}

/// The report as Markdown; `record` is the index row of the stored self-assessment.
pub fn self_assessment_report(
    settings: &Settings,
    unit: &Unit,
    plan: &Plan,
    assessment: &SelfAssessment,
    record: &IndexRow,
    head: &str,
) -> String {
    let submitted = chrono::DateTime::parse_from_rfc3339(&record.time)
        .map(|t| t.format("%Y年%-m月%-d日 %H:%M").to_string())
        .unwrap_or_else(|_| record.time.clone());
    let ratings = settings
        .criteria
        .iter()
        .map(|c| RatingModel {
            name: &c.name,
            code: &c.code,
            weight: figure(c.weight),
            rating: assessment.rating(&c.code).map_or_else(String::new, figure),
        })
        .collect();
    let indicators = plan
        .indicators
        .iter()
        .filter_map(|i| {
            let result = assessment.result(&i.id)?;
            Some(IndicatorModel {
                id: &i.id,
                criterion: settings
                    .criterion(&i.criterion)
                    .map_or(&i.criterion, |c| &c.name),
                goal: &i.goal,
                target: &i.target,
                owner: &i.owner,
                due: i
                    .due
                    .map_or_else(String::new, |d| d.format("%Y-%m-%d").to_string()),
                status: result.status.label(),
                actual: &result.actual,
                evidence: result.evidence.as_deref().unwrap_or(""),
            })
        })
        .collect();
    let model = ReportModel {
        campaign: &settings.name,
        unit: UnitModel {
            code: &unit.code,
            name: &unit.name,
            category: unit.category.label(),
            party_head: &unit.party_head,
            government_head: unit.government_head.as_deref(),
        },
        submitted,
        seq: record.seq,
        head,
        summary: &assessment.summary,
        ratings,
        weighted_rating: figure(assessment.weighted_rating(settings)),
        indicators,
        total: assessment.results.len(),
        done: assessment.count(Completion::Done),
        partial: assessment.count(Completion::Partial),
        not_done: assessment.count(Completion::NotDone),
        completion_rate: format!("{:.1}%", assessment.completion_rate() * 100.0),
    };
    super::render(
        "self_assessment_report.md",
        include_str!("templates/self_assessment_report.md"),
        model,
    )
}
