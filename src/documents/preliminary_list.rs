//! The proposed preliminary list (初步名单) for the leadership's review.

use serde::Serialize;

use crate::figures::figure;
use crate::settings::Settings;
use crate::shortlist::rules::Decision;
use crate::shortlist::version::{ListedUnit, Version, short_time};

#[derive(Serialize)]
struct ListModel<'a> {
    campaign: &'a str,
    organizer: &'a str,
    approver: &'a str,
    version: u32,
    time: String,
    operator: &'a str,
    seq: u64,
    sha256: &'a str,
    head: &'a str,
    superseded: Option<String>,
    min_composite: String,
    criterion_floor: String,
    /// Floors of particular criteria, in words: `作风硬不低于 75 分`.
    criterion_floors: Vec<String>,
    min_annual_grade: &'a str,
    flags_block: bool,
    /// How a criterion's combined score is weighed, in words; none for an old version.
    weights: Option<String>,
    /// Whether the democratic evaluation counted, and so breaks ties.
    democratic_counts: bool,
    criteria: Vec<&'a str>,
    categories: Vec<CategoryModel<'a>>,
    others: Vec<OtherModel<'a>>,
    adjustments: Vec<AdjustmentModel<'a>>,
    ties: Vec<TieModel<'a>>,
    included: usize,
}

#[derive(Serialize)]
struct CategoryModel<'a> {
    label: &'static str,
    participating: usize,
    quota: String,
    places: usize,
    passing: usize,
    units: Vec<IncludedModel<'a>>,
}

#[derive(Serialize)]
struct IncludedModel<'a> {
    rank: String,
    unit: &'a str,
    name: &'a str,
    composite: String,
    criteria: Vec<String>,
    annual_grade: &'a str,
    note: String,
}

#[derive(Serialize)]
struct OtherModel<'a> {
    unit: &'a str,
    name: &'a str,
    category: &'static str,
    composite: String,
    decision: &'static str,
    reasons: String,
}

#[derive(Serialize)]
struct AdjustmentModel<'a> {
    unit: &'a str,
    name: &'a str,
    computed: &'static str,
    decision: &'static str,
    /// False for a withdrawn or vetoed unit, which no adjustment moves.
    applied: bool,
    reason: &'a str,
    operator: &'a str,
    time: String,
    seq: u64,
}

#[derive(Serialize)]
struct TieModel<'a> {
    unit: &'a str,
    name: &'a str,
    text: String,
}

fn score(value: Option<f64>) -> String {
    value.map_or_else(|| "—".to_owned(), |v| format!("{v:.2}"))
}

fn note(entry: &ListedUnit) -> String {
    let mut notes = Vec::new();
    if entry.decision != entry.computed_decision {
        notes.push(format!(
            "组织部调整列入（按规则为{}）",
            entry.computed_decision.label()
        ));
    }
    if entry.tie_at_edge {
        notes.push("名额边界并列".to_owned());
    }
    notes.join("；")
}

/// The document of `version`; `sha256` is its stored record's, `head` the journal's head it was
/// printed from, `latest` the number of the current version, `stale` whether its inputs changed.
pub fn preliminary_list(
    settings: &Settings,
    version: &Version,
    sha256: &str,
    head: &str,
    latest: u32,
    stale: bool,
) -> String {
    let superseded = if latest != version.version {
        Some(format!("已被第{latest}版取代"))
    } else if stale {
        Some("生成后其所据记录已有变动，请重新生成".to_owned())
    } else {
        None
    };
    let sorted = version.reading_order();
    let categories = version
        .categories
        .iter()
        .map(|c| CategoryModel {
            label: c.category.label(),
            participating: c.participating,
            quota: c.quota.map_or_else(|| "未设名额".to_owned(), |q| q.label()),
            places: c.places,
            passing: c.passing,
            units: sorted
                .iter()
                .filter(|u| u.category == c.category && u.decision == Decision::Included)
                .map(|u| IncludedModel {
                    rank: u.rank.map(|r| r.to_string()).unwrap_or_default(),
                    unit: &u.unit,
                    name: &u.name,
                    composite: score(u.composite),
                    criteria: u.criteria.iter().map(|c| score(c.combined)).collect(),
                    annual_grade: u.annual_grade.as_deref().unwrap_or("—"),
                    note: note(u),
                })
                .collect(),
        })
        .collect();
    let others = sorted
        .iter()
        .filter(|u| u.decision != Decision::Included)
        .map(|u| OtherModel {
            unit: &u.unit,
            name: &u.name,
            category: u.category.label(),
            composite: score(u.composite),
            decision: u.decision.label(),
            reasons: u.reasons().join("；"),
        })
        .collect();
    let adjustments = sorted
        .iter()
        .filter_map(|u| {
            let o = u.adjustment.as_ref()?;
            Some(AdjustmentModel {
                unit: &u.unit,
                name: &u.name,
                computed: u.computed_decision.label(),
                decision: o.decision.label(),
                applied: u.decision == o.decision,
                reason: &o.reason,
                operator: &o.operator,
                time: short_time(&o.time),
                seq: o.seq,
            })
        })
        .collect();
    let ties = sorted
        .iter()
        .filter(|u| u.tie_at_edge)
        .flat_map(|u| {
            u.checks
                .iter()
                .filter(|c| matches!(c.rule, crate::shortlist::rules::Rule::TieAtEdge { .. }))
                .map(|c| TieModel {
                    unit: &u.unit,
                    name: &u.name,
                    text: c.text(),
                })
        })
        .collect();
    let first = version.units.first();
    let model = ListModel {
        campaign: &settings.name,
        organizer: &settings.organizer,
        approver: &settings.approver,
        version: version.version,
        time: short_time(&version.time),
        operator: &version.operator,
        seq: version.seq,
        sha256,
        head,
        superseded,
        weights: version.rules.weights.map(|w| {
            let mut parts = vec![format!("考察评分×{}", figure(w.inspection))];
            if w.democratic > 0.0 {
                parts.push(format!("民主测评×{}", figure(w.democratic)));
            }
            parts.push(format!("年度考核×{}", figure(w.annual)));
            let mut text = format!(
                "每项评价内容的综合得分＝{}，综合得分为各项按评价内容权重加权之和",
                parts.join("＋")
            );
            if w.democratic <= 0.0 {
                text.push_str("；本次未采用民主测评，其权重为0");
            }
            text
        }),
        democratic_counts: version.rules.weights.is_none_or(|w| w.democratic > 0.0),
        min_composite: figure(version.rules.min_composite),
        criterion_floor: figure(version.rules.criterion_floor),
        criterion_floors: version
            .rules
            .criterion_floors
            .iter()
            .map(|(code, floor)| {
                let name = settings.criterion(code).map_or(code.as_str(), |c| &c.name);
                format!("{name}不低于 {} 分", figure(*floor))
            })
            .collect(),
        min_annual_grade: &version.rules.min_annual_grade,
        flags_block: version.rules.flags_block,
        criteria: first
            .map(|u| u.criteria.iter().map(|c| c.name.as_str()).collect())
            .unwrap_or_default(),
        categories,
        others,
        adjustments,
        ties,
        included: version
            .units
            .iter()
            .filter(|u| u.decision == Decision::Included)
            .count(),
    };
    super::render(
        "preliminary_list.md",
        include_str!("templates/preliminary_list.md"),
        model,
    )
}

/// The included units of `version` as the PDF engine reads them (see
/// `templates/pdf/preliminary-list.typ`).
pub fn preliminary_list_data(
    settings: &Settings,
    version: &Version,
    head: &str,
) -> serde_json::Value {
    let date = chrono::DateTime::parse_from_rfc3339(&version.time)
        .map(|t| t.date_naive())
        .unwrap_or_default();
    let categories: Vec<serde_json::Value> = crate::units::Category::ALL
        .iter()
        .filter_map(|category| {
            let mut units: Vec<&ListedUnit> = version
                .units
                .iter()
                .filter(|u| u.category == *category && u.decision == Decision::Included)
                .collect();
            units.sort_by_key(|u| (u.rank.unwrap_or(usize::MAX), u.unit.clone()));
            (!units.is_empty()).then(|| {
                serde_json::json!({
                    "label": category.label(),
                    "units": units.iter().map(|u| serde_json::json!({
                        "rank": u.rank.map_or_else(String::new, |r| r.to_string()),
                        "name": u.name,
                        "composite": u.composite.map(|c| format!("{c:.2}")).unwrap_or_default(),
                    })).collect::<Vec<_>>(),
                })
            })
        })
        .collect();
    serde_json::json!({
        "title": format!("{}\n初步名单（第{}版）", settings.name, version.version),
        "categories": categories,
        "date": crate::figures::chinese_date(date),
        "iso_date": date.to_string(),
        "head": head,
    })
}
