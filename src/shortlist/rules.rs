//! The decision rules of the preliminary list, as a pure function, so that every placement can
//! be checked by hand.
//!
//! Withdrawn and vetoed units are out first. Every other unit is checked against every
//! threshold (minimum composite, criterion floor, annual grade, uncleared flags), and all failed
//! rules are kept, not only the first. The units that pass are ranked within their category by
//! composite, ties broken by the inspection part of the composite, then the democratic part,
//! then the unit code; the quota takes the top of each ranking.
//!
//! Scores are compared as they are published, to two decimals: a unit shown with 80.00 meets a
//! minimum of 80, and two units shown with the same composite are tied. The tie-breaking parts
//! are compared to four decimals, as `explain` prints them.

use std::cmp::Ordering;

use serde::{Deserialize, Serialize};

use crate::figures::figure;
use crate::settings::{Quota, ShortlistRules};
use crate::units::Category;

/// One criterion's combined score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CriterionScore {
    pub code: String,
    pub name: String,
    pub combined: Option<f64>,
}

/// What the rules need to know of one unit.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub unit: String,
    pub category: Category,
    pub composite: Option<f64>,
    /// Σ criterion weight × inspection component weight × inspection component.
    pub inspection: f64,
    /// Σ criterion weight × democratic component weight × democratic component.
    pub democratic: f64,
    pub criteria: Vec<CriterionScore>,
    pub annual_grade: Option<String>,
    /// Flags raised and not cleared: their ids and their findings in words.
    pub open_flags: Vec<(String, String)>,
    /// The reason of the withdrawal in force, if any.
    pub withdrawn: Option<String>,
    /// The reason of the veto in force, if any.
    pub vetoed: Option<String>,
    /// The reason of the disqualification in force, if any.
    pub disqualified: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Decision {
    Included,
    Excluded,
    Withdrawn,
    Vetoed,
    Disqualified,
}

impl Decision {
    pub fn key(self) -> &'static str {
        match self {
            Decision::Included => "included",
            Decision::Excluded => "excluded",
            Decision::Withdrawn => "withdrawn",
            Decision::Vetoed => "vetoed",
            Decision::Disqualified => "disqualified",
        }
    }

    /// The decision in words, in the language in force.
    pub fn shown(self) -> String {
        crate::messages::shortlist::decision(self)
    }

    /// The decision in Chinese, as documents give it.
    pub fn label(self) -> &'static str {
        match self {
            Decision::Included => "列入",
            Decision::Excluded => "不列入",
            Decision::Withdrawn => "退出参评",
            Decision::Vetoed => "一票否决",
            Decision::Disqualified => "取消参评资格",
        }
    }
}

/// One rule applied to one unit, with the figures it used.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Check {
    pub passed: bool,
    #[serde(flatten)]
    pub rule: Rule,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "rule", rename_all = "kebab-case")]
pub enum Rule {
    Withdrawn {
        reason: String,
    },
    Veto {
        reason: String,
    },
    Disqualified {
        reason: String,
    },
    MinComposite {
        composite: Option<f64>,
        minimum: f64,
    },
    CriterionFloor {
        criterion: String,
        combined: f64,
        floor: f64,
    },
    MinAnnualGrade {
        grade: Option<String>,
        minimum: String,
    },
    Flags {
        /// The flags' ids, for scripts.
        open: Vec<String>,
        blocking: bool,
        /// The same flags in words, for people; empty in lists drawn before they were kept.
        #[serde(default)]
        words: Vec<String>,
    },
    Quota {
        category: Category,
        rank: usize,
        passing: usize,
        places: usize,
    },
    /// The unit's composite equals one on the other side of the quota's edge.
    TieAtEdge {
        composite: f64,
        tied_with: Vec<String>,
        inspection: f64,
        democratic: f64,
        /// The unit across the edge it was ordered against, and that unit's parts.
        across: String,
        across_inspection: f64,
        across_democratic: f64,
        decided_by: TieBreak,
    },
}

/// What ordered two units tied on the composite.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TieBreak {
    InspectionPart,
    DemocraticPart,
    UnitCode,
}

impl Check {
    /// Whether this check is one of the reasons for the unit's decision.
    pub fn decides(&self) -> bool {
        !self.passed || matches!(self.rule, Rule::Quota { .. } | Rule::TieAtEdge { .. })
    }

    /// The check in words, with its figures, in Chinese, as the document and `--json` give it.
    pub fn text(&self) -> String {
        crate::messages::both(|| self.shown()).zh
    }

    /// The check in words, with its figures, in the language in force.
    pub fn shown(&self) -> String {
        use crate::messages::shortlist as words;
        let meets = |passed: bool| {
            if passed {
                words::meets()
            } else {
                words::below()
            }
        };
        let f2 = |v: f64| format!("{v:.2}");
        let f4 = |v: f64| format!("{v:.4}");
        match &self.rule {
            Rule::Withdrawn { reason } => words::check_withdrawn(reason),
            Rule::Veto { reason } => words::check_veto(reason),
            Rule::Disqualified { reason } => words::check_disqualified(reason),
            Rule::MinComposite {
                composite: None, ..
            } => words::check_no_composite(),
            Rule::MinComposite {
                composite: Some(composite),
                minimum,
            } => words::check_composite(&f2(*composite), &meets(self.passed), &figure(*minimum)),
            Rule::CriterionFloor {
                criterion,
                combined,
                floor,
            } => words::check_floor(
                criterion,
                &f2(*combined),
                &meets(self.passed),
                &figure(*floor),
            ),
            Rule::MinAnnualGrade {
                grade: None,
                minimum,
            } => words::check_no_grade(minimum),
            Rule::MinAnnualGrade {
                grade: Some(grade),
                minimum,
            } => words::check_grade(grade, &meets(self.passed), minimum),
            Rule::Flags { open, .. } if open.is_empty() => words::check_no_flags(),
            Rule::Flags {
                open,
                blocking,
                words: found,
            } => words::check_flags(
                &if found.is_empty() { open } else { found }.join(&words::separator()),
                &if *blocking {
                    String::new()
                } else {
                    words::flags_not_blocking()
                },
            ),
            Rule::Quota {
                category,
                rank,
                passing,
                places,
            } => words::check_quota(
                &words::category(*category),
                *passing,
                *rank,
                *places,
                &if self.passed {
                    words::within_quota()
                } else {
                    words::outside_quota()
                },
            ),
            Rule::TieAtEdge {
                composite,
                tied_with,
                inspection,
                democratic,
                across,
                across_inspection,
                across_democratic,
                decided_by,
            } => {
                let how = match decided_by {
                    TieBreak::InspectionPart => {
                        words::tie_by_inspection(&f4(*inspection), across, &f4(*across_inspection))
                    }
                    TieBreak::DemocraticPart => words::tie_by_democratic(
                        &f4(*inspection),
                        &f4(*democratic),
                        across,
                        &f4(*across_democratic),
                    ),
                    TieBreak::UnitCode => {
                        words::tie_by_code(across, &f4(*inspection), &f4(*democratic))
                    }
                };
                let joined =
                    crate::messages::pick(|| tied_with.join("、"), || tied_with.join(", "));
                words::check_tie(&f2(*composite), &joined, &how)
            }
        }
    }
}

/// The rules' decision on one unit.
#[derive(Debug, Clone, PartialEq)]
pub struct Placement {
    pub unit: String,
    pub category: Category,
    /// Place among the units of its category that pass every threshold.
    pub rank: Option<usize>,
    pub decision: Decision,
    /// Every rule applied, passed or not, in the order applied.
    pub checks: Vec<Check>,
    /// Its composite equals that of a unit on the other side of the quota's edge.
    pub tie_at_edge: bool,
}

/// A category's quota as applied.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CategoryPlaces {
    pub category: Category,
    /// Registered and not withdrawn.
    pub participating: usize,
    /// The quota as written; none when the category has no quota, and so no places.
    pub quota: Option<Quota>,
    pub places: usize,
    /// Units passing every threshold.
    pub passing: usize,
    pub included: usize,
}

/// The rules' decisions on every unit, and the quota of every category.
#[derive(Debug, Clone, PartialEq)]
pub struct Decided {
    pub placements: Vec<Placement>,
    pub categories: Vec<CategoryPlaces>,
}

/// A score as published: hundredths.
fn published(score: f64) -> i64 {
    (score * 100.0).round() as i64
}

/// A part of the composite as the tie-break compares it: ten-thousandths, as `explain` prints
/// it, so that sums of the same figures in another order are equal.
fn tie_break(part: f64) -> i64 {
    (part * 10_000.0).round() as i64
}

/// Orders passing units best first: composite, inspection part, democratic part, unit code.
fn ranking(a: &Candidate, b: &Candidate) -> Ordering {
    let composite = |c: &Candidate| c.composite.map_or(i64::MIN, published);
    composite(b)
        .cmp(&composite(a))
        .then(tie_break(b.inspection).cmp(&tie_break(a.inspection)))
        .then(tie_break(b.democratic).cmp(&tie_break(a.democratic)))
        .then(a.unit.cmp(&b.unit))
}

/// Applies `rules` to every candidate. `grade_points` gives an annual grade's points.
pub fn decide(
    rules: &ShortlistRules,
    candidates: &[Candidate],
    grade_points: impl Fn(&str) -> Option<f64>,
) -> Decided {
    let mut placements: Vec<Placement> = Vec::with_capacity(candidates.len());
    let mut passing: Vec<&Candidate> = Vec::new();
    for c in candidates {
        let (decision, checks) = if let Some(reason) = &c.withdrawn {
            let rule = Rule::Withdrawn {
                reason: reason.clone(),
            };
            (Decision::Withdrawn, vec![failed(rule)])
        } else if let Some(reason) = &c.disqualified {
            let rule = Rule::Disqualified {
                reason: reason.clone(),
            };
            (Decision::Disqualified, vec![failed(rule)])
        } else if let Some(reason) = &c.vetoed {
            let rule = Rule::Veto {
                reason: reason.clone(),
            };
            (Decision::Vetoed, vec![failed(rule)])
        } else {
            let checks = thresholds(rules, c, &grade_points);
            if checks.iter().all(|check| check.passed) {
                passing.push(c);
            }
            (Decision::Excluded, checks)
        };
        placements.push(Placement {
            unit: c.unit.clone(),
            category: c.category,
            rank: None,
            decision,
            checks,
            tie_at_edge: false,
        });
    }

    let mut categories = Vec::new();
    for category in Category::ALL {
        let participating = candidates
            .iter()
            .filter(|c| c.category == category && c.withdrawn.is_none() && c.disqualified.is_none())
            .count();
        let quota = rules
            .quota
            .iter()
            .find(|(c, _)| *c == category)
            .map(|(_, quota)| *quota);
        let places = quota.map_or(0, |quota| quota.places(participating));
        let mut ranked: Vec<&Candidate> = passing
            .iter()
            .copied()
            .filter(|c| c.category == category)
            .collect();
        ranked.sort_by(|a, b| ranking(a, b));
        let edge = (places > 0 && places < ranked.len())
            .then(|| ranked[places - 1].composite.map(published))
            .flatten()
            .filter(|last_in| ranked[places].composite.map(published) == Some(*last_in));
        for (i, c) in ranked.iter().enumerate() {
            let rank = i + 1;
            let placement = placements
                .iter_mut()
                .find(|p| p.unit == c.unit)
                .expect("every candidate has a placement");
            placement.rank = Some(rank);
            placement.checks.push(Check {
                passed: rank <= places,
                rule: Rule::Quota {
                    category,
                    rank,
                    passing: ranked.len(),
                    places,
                },
            });
            if rank <= places {
                placement.decision = Decision::Included;
            }
            let composite = c.composite.map(published);
            if edge.is_some() && composite == edge {
                placement.tie_at_edge = true;
                let across = if rank <= places {
                    ranked[places]
                } else {
                    ranked[places - 1]
                };
                let decided_by = if tie_break(c.inspection) != tie_break(across.inspection) {
                    TieBreak::InspectionPart
                } else if tie_break(c.democratic) != tie_break(across.democratic) {
                    TieBreak::DemocraticPart
                } else {
                    TieBreak::UnitCode
                };
                placement.checks.push(Check {
                    passed: true,
                    rule: Rule::TieAtEdge {
                        composite: c.composite.unwrap_or_default(),
                        tied_with: ranked
                            .iter()
                            .filter(|o| o.unit != c.unit && o.composite.map(published) == edge)
                            .map(|o| o.unit.clone())
                            .collect(),
                        inspection: c.inspection,
                        democratic: c.democratic,
                        across: across.unit.clone(),
                        across_inspection: across.inspection,
                        across_democratic: across.democratic,
                        decided_by,
                    },
                });
            }
        }
        categories.push(CategoryPlaces {
            category,
            participating,
            quota,
            places,
            passing: ranked.len(),
            included: ranked.len().min(places),
        });
    }
    Decided {
        placements,
        categories,
    }
}

fn failed(rule: Rule) -> Check {
    Check {
        passed: false,
        rule,
    }
}

/// Every threshold applied to `c`, passed or not.
fn thresholds(
    rules: &ShortlistRules,
    c: &Candidate,
    grade_points: &impl Fn(&str) -> Option<f64>,
) -> Vec<Check> {
    let at_least = |score: f64, minimum: f64| published(score) >= published(minimum);
    let mut checks = vec![Check {
        passed: c
            .composite
            .is_some_and(|composite| at_least(composite, rules.min_composite)),
        rule: Rule::MinComposite {
            composite: c.composite,
            minimum: rules.min_composite,
        },
    }];
    for criterion in &c.criteria {
        let Some(combined) = criterion.combined else {
            continue;
        };
        let floor = rules.floor_of(&criterion.code);
        checks.push(Check {
            passed: at_least(combined, floor),
            rule: Rule::CriterionFloor {
                criterion: criterion.name.clone(),
                combined,
                floor,
            },
        });
    }
    let floor_grade = grade_points(&rules.min_annual_grade).unwrap_or(f64::INFINITY);
    checks.push(Check {
        passed: c
            .annual_grade
            .as_deref()
            .and_then(grade_points)
            .is_some_and(|points| points >= floor_grade),
        rule: Rule::MinAnnualGrade {
            grade: c.annual_grade.clone(),
            minimum: rules.min_annual_grade.clone(),
        },
    });
    checks.push(Check {
        passed: !rules.flags_block || c.open_flags.is_empty(),
        rule: Rule::Flags {
            open: c.open_flags.iter().map(|(id, _)| id.clone()).collect(),
            blocking: rules.flags_block,
            words: c
                .open_flags
                .iter()
                .map(|(_, words)| words.clone())
                .collect(),
        },
    });
    checks
}

impl Placement {
    /// The reasons for the decision, in words: every failed rule, the place against the quota,
    /// and a tie at its edge.
    pub fn reasons(&self) -> Vec<String> {
        self.checks
            .iter()
            .filter(|c| c.decides())
            .map(Check::text)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> ShortlistRules {
        ShortlistRules {
            min_composite: 80.0,
            criterion_floor: 70.0,
            criterion_floors: vec![("conduct".into(), 75.0)],
            min_annual_grade: "良好".into(),
            flags_block: true,
            quota: vec![
                (Category::County, Quota::Count(2)),
                (Category::Department, Quota::Share(0.5)),
            ],
        }
    }

    fn flag(id: &str, words: &str) -> (String, String) {
        (id.to_owned(), words.to_owned())
    }

    fn grade_points(grade: &str) -> Option<f64> {
        match grade {
            "优秀" => Some(100.0),
            "良好" => Some(85.0),
            "一般" => Some(70.0),
            _ => None,
        }
    }

    fn score(code: &str, name: &str, combined: f64) -> CriterionScore {
        CriterionScore {
            code: code.into(),
            name: name.into(),
            combined: Some(combined),
        }
    }

    fn unit(code: &str, category: Category, composite: f64, inspection: f64) -> Candidate {
        Candidate {
            unit: code.into(),
            category,
            composite: Some(composite),
            inspection,
            democratic: 0.0,
            criteria: vec![
                score("political", "政治强", 85.0),
                score("capability", "能力强", 85.0),
            ],
            annual_grade: Some("良好".into()),
            open_flags: Vec::new(),
            withdrawn: None,
            vetoed: None,
            disqualified: None,
        }
    }

    fn summary(decided: &Decided) -> Vec<(&str, Decision, Option<usize>, bool)> {
        decided
            .placements
            .iter()
            .map(|p| (p.unit.as_str(), p.decision, p.rank, p.tie_at_edge))
            .collect()
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
            Candidate {
                vetoed: Some("发生重大安全生产责任事故".into()),
                ..unit("D04", Category::Department, 99.0, 80.0)
            },
        ];
        candidates[2].criteria[1].combined = Some(65.0);
        candidates[3].annual_grade = Some("一般".into());
        candidates[5].open_flags = vec![flag(
            "inflation-C06-political",
            "政治强：自评98分，考察评分80分，高出18分",
        )];
        candidates[6].withdrawn = Some("撤并".into());
        candidates[7].composite = None;

        let decided = decide(&rules(), &candidates, grade_points);
        use Decision::*;
        assert_eq!(
            summary(&decided),
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
        let reasons: Vec<Vec<String>> = decided.placements.iter().map(|p| p.reasons()).collect();
        assert_eq!(
            reasons[2],
            [
                "综合得分 79.00，低于最低分 80",
                "能力强 65.00，低于单项最低分 70"
            ]
        );
        assert_eq!(reasons[3], ["年度考核「一般」，低于「良好」"]);
        assert_eq!(
            reasons[5],
            ["未排除的疑点：政治强：自评98分，考察评分80分，高出18分"]
        );
        assert_eq!(reasons[6], ["退出参评：撤并"]);
        assert_eq!(reasons[7], ["综合得分缺失：综合分析不完整"]);
        assert_eq!(reasons[11], ["一票否决：发生重大安全生产责任事故"]);
        assert_eq!(reasons[0][0], "县级达标3个中排第3，名额2个，在名额外");
        assert_eq!(
            reasons[0][1],
            "综合得分 88.00 与 C05 在名额边界并列，按考察部分决定先后：本单位 86.0000，C05 90.0000"
        );
        assert_eq!(reasons[1], ["县级达标3个中排第1，名额2个，在名额内"]);
        // Every threshold is kept for `explain`, passed ones too.
        assert_eq!(decided.placements[1].checks.len(), 6);
        assert!(decided.placements[1].checks[..5].iter().all(|c| c.passed));

        let counties = &decided.categories[0];
        assert_eq!(
            (counties.participating, counties.places, counties.passing),
            (7, 2, 3)
        );
        let departments = &decided.categories[1];
        assert_eq!(
            (
                departments.participating,
                departments.places,
                departments.included
            ),
            (4, 2, 2)
        );
        assert_eq!(departments.quota, Some(Quota::Share(0.5)));
        let municipal = &decided.categories[2];
        assert_eq!((municipal.quota, municipal.places), (None, 0));
    }

    #[test]
    fn a_tie_inside_the_quota_is_not_at_the_edge_and_falls_back_to_the_code() {
        let candidates = vec![
            unit("C02", Category::County, 90.0, 85.0),
            unit("C01", Category::County, 90.0, 85.0),
            unit("C03", Category::County, 85.0, 85.0),
        ];
        let decided = decide(&rules(), &candidates, grade_points);
        use Decision::*;
        assert_eq!(
            summary(&decided),
            [
                ("C02", Included, Some(2), false),
                ("C01", Included, Some(1), false),
                ("C03", Excluded, Some(3), false)
            ]
        );
    }

    #[test]
    fn composites_equal_as_published_tie_and_the_democratic_part_breaks_it() {
        let mut candidates = vec![
            unit("C01", Category::County, 91.0, 80.0),
            unit("C02", Category::County, 88.004, 80.0),
            unit("C03", Category::County, 87.996, 80.0),
        ];
        candidates[2].democratic = 30.0;
        let decided = decide(&rules(), &candidates, grade_points);
        use Decision::*;
        assert_eq!(
            summary(&decided),
            [
                ("C01", Included, Some(1), false),
                ("C02", Excluded, Some(3), true),
                ("C03", Included, Some(2), true)
            ]
        );
        assert_eq!(
            decided.placements[1].reasons()[1],
            "综合得分 88.00 与 C03 在名额边界并列，考察部分相同（80.0000），按民主测评部分决定先后：本单位 0.0000，C03 30.0000"
        );
    }

    #[test]
    fn every_threshold_failed_is_a_reason_and_minimums_hold_as_published() {
        let mut c = unit("C01", Category::County, 79.996, 80.0);
        c.criteria = vec![
            score("political", "政治强", 60.0),
            score("capability", "能力强", 69.0),
            score("conduct", "作风硬", 74.0),
        ];
        c.annual_grade = None;
        c.open_flags = vec![
            flag(
                "inflation-C01-political",
                "政治强：自评97分，考察评分79分，高出18分",
            ),
            flag("concealment-C01-A1", "指标A1自报已完成，考察核实为部分完成"),
        ];
        let decided = decide(&rules(), &[c], grade_points);
        assert_eq!(decided.placements[0].decision, Decision::Excluded);
        assert_eq!(
            decided.placements[0].reasons(),
            [
                "政治强 60.00，低于单项最低分 70",
                "能力强 69.00，低于单项最低分 70",
                "作风硬 74.00，低于单项最低分 75",
                "无年度考核结果，须达到「良好」",
                "未排除的疑点：政治强：自评97分，考察评分79分，高出18分；指标A1自报已完成，考察核实为部分完成"
            ]
        );
    }

    #[test]
    fn flags_do_not_exclude_when_the_rules_say_so() {
        let mut rules = rules();
        rules.flags_block = false;
        let mut flagged = unit("C01", Category::County, 90.0, 85.0);
        flagged.open_flags = vec![flag(
            "concealment-C01-P1",
            "指标P1自报已完成，考察核实为未完成",
        )];
        let decided = decide(&rules, &[flagged], grade_points);
        assert_eq!(decided.placements[0].decision, Decision::Included);
        assert_eq!(
            decided.placements[0].checks[4].text(),
            "未排除的疑点：指标P1自报已完成，考察核实为未完成（按规则不影响列入）"
        );
    }

    #[test]
    fn a_share_quota_counts_participating_units_rounded_down_and_at_least_one() {
        let mut rules = rules();
        rules.quota = vec![(Category::MunicipalUnit, Quota::Share(0.25))];
        let municipal = |n: usize| -> Vec<Candidate> {
            (1..=n)
                .map(|i| {
                    let composite = 90.0 - i as f64;
                    unit(&format!("M0{i}"), Category::MunicipalUnit, composite, 80.0)
                })
                .collect()
        };
        let decided = decide(&rules, &municipal(7), grade_points);
        assert_eq!(decided.categories[2].places, 1);
        let decided = decide(&rules, &municipal(9), grade_points);
        assert_eq!(decided.categories[2].places, 2);
        let included: Vec<&str> = decided
            .placements
            .iter()
            .filter(|p| p.decision == Decision::Included)
            .map(|p| p.unit.as_str())
            .collect();
        assert_eq!(included, ["M01", "M02"]);
    }

    #[test]
    fn checks_round_trip_through_toml() {
        #[derive(Serialize, Deserialize, PartialEq, Debug)]
        struct Holder {
            check: Vec<Check>,
        }
        let decided = decide(
            &rules(),
            &[
                unit("C01", Category::County, 88.0, 86.0),
                unit("C02", Category::County, 88.0, 85.0),
                unit("C03", Category::County, 88.0, 84.0),
            ],
            grade_points,
        );
        let holder = Holder {
            check: decided.placements[2].checks.clone(),
        };
        let text = toml::to_string(&holder).unwrap();
        assert_eq!(toml::from_str::<Holder>(&text).unwrap(), holder);
    }
}
