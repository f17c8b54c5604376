//! Step 4, the preliminary list (初步名单): every unit's place on it, or off it, with every rule
//! that decided it.
//!
//! Withdrawn and vetoed units are out first. Every other unit is checked against every
//! threshold (minimum composite, criterion floor, annual grade, uncleared flags), and all failed
//! rules are kept, not only the first. The units that pass are ranked within their category by
//! composite, ties broken by the inspection part of the composite, then the democratic part,
//! then the unit code; the quota takes the top of each ranking.

use std::cmp::Ordering;

use serde::Serialize;

use crate::campaign::ShortlistRules;
use crate::units::Category;

/// What the rules need to know of one unit.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub unit: String,
    pub category: Category,
    pub composite: Option<f64>,
    /// Σ criterion weight × inspection component: the first tie-break.
    pub inspection: f64,
    /// Σ criterion weight × democratic component: the second tie-break.
    pub democratic: f64,
    /// Each criterion's name and combined score.
    pub criteria: Vec<(String, f64)>,
    pub annual_grade: Option<String>,
    /// Ids of flags raised and not cleared.
    pub open_flags: Vec<String>,
    pub withdrawn: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Decision {
    Included,
    Excluded,
    Withdrawn,
    Vetoed,
}

/// The rules' decision on one unit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Placement {
    pub unit: String,
    pub category: Category,
    /// Place among the units of its category that pass every threshold.
    pub rank: Option<usize>,
    pub decision: Decision,
    /// Every rule that decided it, in words with the figures used.
    pub reasons: Vec<String>,
    /// Its composite equals that of a unit on the other side of the quota's edge.
    pub tie_at_edge: bool,
}

/// Orders passing units best first: composite, inspection part, democratic part, unit code.
fn ranking(a: &Candidate, b: &Candidate) -> Ordering {
    let composite = |c: &Candidate| c.composite.unwrap_or(f64::NEG_INFINITY);
    composite(b)
        .total_cmp(&composite(a))
        .then(b.inspection.total_cmp(&a.inspection))
        .then(b.democratic.total_cmp(&a.democratic))
        .then(a.unit.cmp(&b.unit))
}

/// Applies `rules` to every candidate. `grade_points` gives an annual grade's points.
pub fn decide(
    rules: &ShortlistRules,
    candidates: &[Candidate],
    grade_points: impl Fn(&str) -> Option<f64>,
) -> Vec<Placement> {
    let floor_grade = grade_points(&rules.min_annual_grade).unwrap_or(f64::INFINITY);
    let mut placements: Vec<Placement> = Vec::with_capacity(candidates.len());
    let mut passing: Vec<&Candidate> = Vec::new();
    for c in candidates {
        let (decision, reasons) = if let Some(reason) = &c.withdrawn {
            (Decision::Withdrawn, vec![format!("withdrawn: {reason}")])
        } else if let Some((_, reason)) = rules.vetoes.iter().find(|(unit, _)| *unit == c.unit) {
            (
                Decision::Vetoed,
                vec![format!("vetoed (一票否决): {reason}")],
            )
        } else {
            let failed = thresholds(rules, c, floor_grade, &grade_points);
            if failed.is_empty() {
                passing.push(c);
            }
            (Decision::Excluded, failed)
        };
        placements.push(Placement {
            unit: c.unit.clone(),
            category: c.category,
            rank: None,
            decision,
            reasons,
            tie_at_edge: false,
        });
    }

    for category in Category::ALL {
        let participating = candidates
            .iter()
            .filter(|c| c.category == category && c.withdrawn.is_none())
            .count();
        let places = rules
            .quota
            .iter()
            .find(|(c, _)| *c == category)
            .map_or(0, |(_, quota)| quota.places(participating));
        let mut ranked: Vec<&Candidate> = passing
            .iter()
            .copied()
            .filter(|c| c.category == category)
            .collect();
        ranked.sort_by(|a, b| ranking(a, b));
        let edge = (places > 0 && places < ranked.len())
            .then(|| (ranked[places - 1].composite, ranked[places].composite));
        let passed = ranked.len();
        for (i, c) in ranked.into_iter().enumerate() {
            let placement = placements
                .iter_mut()
                .find(|p| p.unit == c.unit)
                .expect("every candidate has a placement");
            let rank = i + 1;
            placement.rank = Some(rank);
            placement.tie_at_edge = edge
                .is_some_and(|(last_in, first_out)| last_in == first_out && c.composite == last_in);
            if rank <= places {
                placement.decision = Decision::Included;
                placement.reasons.push(format!(
                    "ranked {rank} of {passed} passing in {} within the quota of {places}",
                    category.label()
                ));
            } else {
                placement.reasons.push(format!(
                    "ranked {rank} of {passed} passing in {}, outside the quota of {places}",
                    category.label()
                ));
            }
            if placement.tie_at_edge {
                placement.reasons.push(format!(
                    "tied on the composite at the edge of the quota; the tie was broken by the inspection part {:.4}, the democratic part {:.4}, then the unit code",
                    c.inspection, c.democratic
                ));
            }
        }
    }
    placements
}

/// Every threshold `c` fails, in words with the figures.
fn thresholds(
    rules: &ShortlistRules,
    c: &Candidate,
    floor_grade: f64,
    grade_points: &impl Fn(&str) -> Option<f64>,
) -> Vec<String> {
    let mut failed = Vec::new();
    match c.composite {
        None => failed.push("no composite: the comprehensive analysis is incomplete".to_owned()),
        Some(composite) if composite < rules.min_composite => failed.push(format!(
            "composite {composite:.2} is below the minimum {}",
            rules.min_composite
        )),
        Some(_) => {}
    }
    for (name, combined) in &c.criteria {
        if *combined < rules.criterion_floor {
            failed.push(format!(
                "{name} {combined:.2} is below the criterion floor {}",
                rules.criterion_floor
            ));
        }
    }
    match &c.annual_grade {
        None => failed.push("no annual-assessment result".to_owned()),
        Some(grade) if grade_points(grade).unwrap_or(f64::NEG_INFINITY) < floor_grade => {
            failed.push(format!(
                "annual grade {grade} is below {}",
                rules.min_annual_grade
            ));
        }
        Some(_) => {}
    }
    if rules.flags_block {
        for flag in &c.open_flags {
            failed.push(format!("uncleared flag {flag}"));
        }
    }
    failed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::campaign::Quota;

    fn rules() -> ShortlistRules {
        ShortlistRules {
            min_composite: 80.0,
            criterion_floor: 70.0,
            min_annual_grade: "良好".into(),
            flags_block: true,
            quota: vec![
                (Category::County, Quota::Count(2)),
                (Category::Department, Quota::Share(0.5)),
            ],
            vetoes: vec![("D04".into(), "发生重大安全生产责任事故".into())],
        }
    }

    fn grade_points(grade: &str) -> Option<f64> {
        match grade {
            "优秀" => Some(100.0),
            "良好" => Some(85.0),
            "一般" => Some(70.0),
            _ => None,
        }
    }

    fn unit(code: &str, category: Category, composite: f64, inspection: f64) -> Candidate {
        Candidate {
            unit: code.into(),
            category,
            composite: Some(composite),
            inspection,
            democratic: 0.0,
            criteria: vec![("政治强".into(), 85.0), ("能力强".into(), 85.0)],
            annual_grade: Some("良好".into()),
            open_flags: Vec::new(),
            withdrawn: None,
        }
    }

    /// Eight counties and four departments, decided by hand:
    /// - counties passing, best first: C02 91, C05 88 (inspection 90), C01 88 (inspection 86):
    ///   C02 and C05 take the 2 places; C05 and C01 tie at the edge, C05 wins on inspection.
    /// - C03: composite 79 below 80, and 能力强 65 below the floor: excluded with both reasons.
    /// - C04: annual 一般 below 良好; C06: an uncleared flag; C07 withdrawn; C08 no composite.
    /// - departments: D01..D03 participate (D04 is vetoed, still participating), share 0.5 of 4 = 2
    ///   places; D01 95, D02 82, D03 83 pass: D01 and D03 in, D02 out.
    #[test]
    fn a_hand_decided_list_of_twelve_units() {
        let mut candidates = vec![
            unit("C01", Category::County, 88.0, 86.0),
            unit("C02", Category::County, 91.0, 80.0),
            unit("C03", Category::County, 79.0, 80.0),
            unit("C04", Category::County, 90.0, 80.0),
            unit("C05", Category::County, 88.0, 90.0),
            unit("C06", Category::County, 93.0, 80.0),
            unit("C07", Category::County, 95.0, 80.0),
            unit("C08", Category::County, 0.0, 0.0),
            unit("D01", Category::Department, 95.0, 80.0),
            unit("D02", Category::Department, 82.0, 80.0),
            unit("D03", Category::Department, 83.0, 80.0),
            unit("D04", Category::Department, 99.0, 80.0),
        ];
        candidates[2].criteria[1].1 = 65.0;
        candidates[3].annual_grade = Some("一般".into());
        candidates[5].open_flags = vec!["inflation-C06-political".into()];
        candidates[6].withdrawn = Some("撤并".into());
        candidates[7].composite = None;

        let placements = decide(&rules(), &candidates, grade_points);
        let summary: Vec<(&str, Decision, Option<usize>, bool)> = placements
            .iter()
            .map(|p| (p.unit.as_str(), p.decision, p.rank, p.tie_at_edge))
            .collect();
        use Decision::*;
        assert_eq!(
            summary,
            [
                ("C01", Excluded, Some(3), true),
                ("C02", Included, Some(1), false),
                ("C03", Excluded, None, false),
                ("C04", Excluded, None, false),
                ("C05", Included, Some(2), true),
                ("C06", Excluded, None, false),
                ("C07", Withdrawn, None, false),
                ("C08", Excluded, None, false),
                ("D01", Included, Some(1), false),
                ("D02", Excluded, Some(3), false),
                ("D03", Included, Some(2), false),
                ("D04", Vetoed, None, false),
            ]
        );
        assert_eq!(
            placements[2].reasons,
            [
                "composite 79.00 is below the minimum 80",
                "能力强 65.00 is below the criterion floor 70"
            ]
        );
        assert_eq!(placements[3].reasons, ["annual grade 一般 is below 良好"]);
        assert_eq!(
            placements[5].reasons,
            ["uncleared flag inflation-C06-political"]
        );
        assert_eq!(placements[6].reasons, ["withdrawn: 撤并"]);
        assert_eq!(
            placements[11].reasons,
            ["vetoed (一票否决): 发生重大安全生产责任事故"]
        );
        assert_eq!(
            placements[0].reasons[0],
            "ranked 3 of 3 passing in 县级, outside the quota of 2"
        );
        assert!(placements[0].reasons[1].starts_with("tied on the composite at the edge"));
    }

    #[test]
    fn a_tie_inside_the_quota_is_not_at_the_edge_and_falls_back_to_the_code() {
        let candidates = vec![
            unit("C02", Category::County, 90.0, 85.0),
            unit("C01", Category::County, 90.0, 85.0),
            unit("C03", Category::County, 85.0, 85.0),
        ];
        let placements = decide(&rules(), &candidates, grade_points);
        let ranks: Vec<(&str, Option<usize>, bool)> = placements
            .iter()
            .map(|p| (p.unit.as_str(), p.rank, p.tie_at_edge))
            .collect();
        assert_eq!(
            ranks,
            [
                ("C02", Some(2), false),
                ("C01", Some(1), false),
                ("C03", Some(3), false)
            ]
        );
    }

    #[test]
    fn flags_do_not_exclude_when_the_rules_say_so() {
        let mut rules = rules();
        rules.flags_block = false;
        let mut flagged = unit("C01", Category::County, 90.0, 85.0);
        flagged.open_flags = vec!["concealment-C01-P1".into()];
        let placements = decide(&rules, &[flagged], grade_points);
        assert_eq!(placements[0].decision, Decision::Included);
    }
}
