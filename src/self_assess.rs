//! Step 2, the self-assessment (自评报告): each plan indicator checked against its target, and
//! the unit's own rating on every criterion.

use std::collections::HashMap;

use serde::Deserialize;
use toml::Spanned;

use crate::campaign::Campaign;
use crate::context::Context;
use crate::error::Error;
use crate::import::words::{Term, Vocabulary};
use crate::import::{Source, parse_toml, toml_diagnostic};
use crate::messages::self_assess as say;
use crate::plan::{self, Plan, check_unit_key, optional_text, required_text};
use crate::settings::{Settings, quoted};
use crate::steps::Step;
use crate::submission::{self, Outcome, Submission};

/// How far an indicator was completed, as the unit reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Completion {
    Done,
    Partial,
    NotDone,
}

impl Completion {
    /// Every status with the words clerks write for it; the first name is the one documents print.
    pub const WORDS: Vocabulary<Completion> = Vocabulary(&[
        (
            Completion::Done,
            Term {
                key: "done",
                names: &["已完成", "完成"],
            },
        ),
        (
            Completion::Partial,
            Term {
                key: "partial",
                names: &["部分完成"],
            },
        ),
        (
            Completion::NotDone,
            Term {
                key: "not-done",
                names: &["未完成"],
            },
        ),
    ]);

    /// Reads a status by its key or a Chinese name.
    pub fn parse(text: &str) -> Option<Completion> {
        Self::WORDS.parse(text)
    }

    pub fn key(self) -> &'static str {
        Self::WORDS.term(self).key
    }

    pub fn label(self) -> &'static str {
        Self::WORDS.term(self).label()
    }

    /// The diagnostic for a status that is none of the table's words.
    pub(crate) fn unknown(
        source: &Source,
        status: &Spanned<String>,
        field: &str,
    ) -> crate::error::Diagnostic {
        toml_diagnostic(
            source,
            status.span(),
            field,
            say::not_a_status(status.get_ref(), &Self::WORDS.accepted()),
        )
    }
}

/// A validated self-assessment.
#[derive(Debug, Clone, PartialEq)]
pub struct SelfAssessment {
    pub unit: String,
    pub summary: String,
    /// The unit's rating (0-100) per criterion, in the campaign's criterion order.
    pub ratings: Vec<(String, f64)>,
    /// One result per plan indicator, in the plan's order.
    pub results: Vec<IndicatorResult>,
    /// Each result's place in `results`, by indicator id: reports and templates look up every
    /// indicator of a plan.
    by_id: HashMap<String, usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorResult {
    pub id: String,
    pub status: Completion,
    pub actual: String,
    pub evidence: Option<String>,
}

impl SelfAssessment {
    pub fn rating(&self, criterion: &str) -> Option<f64> {
        crate::ratings::of(&self.ratings, criterion)
    }

    pub fn result(&self, id: &str) -> Option<&IndicatorResult> {
        self.by_id.get(id).map(|&i| &self.results[i])
    }

    /// Share of indicators reported done, 0-1.
    pub fn completion_rate(&self) -> f64 {
        if self.results.is_empty() {
            return 0.0;
        }
        self.count(Completion::Done) as f64 / self.results.len() as f64
    }

    pub fn count(&self, status: Completion) -> usize {
        self.results.iter().filter(|r| r.status == status).count()
    }

    /// The self-rating weighted by the criteria's weights.
    pub fn weighted_rating(&self, settings: &Settings) -> f64 {
        settings
            .criteria
            .iter()
            .map(|c| c.weight * self.rating(&c.code).unwrap_or(0.0))
            .sum()
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSelfAssessment {
    unit: Spanned<String>,
    summary: Option<Spanned<String>>,
    ratings: Option<crate::ratings::RawRatings>,
    #[serde(default, rename = "indicator")]
    indicators: Option<Spanned<Vec<RawResult>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawResult {
    id: Spanned<String>,
    status: Spanned<String>,
    actual: Spanned<String>,
    #[serde(default)]
    evidence: Option<String>,
}

impl SelfAssessment {
    /// Parses and validates a self-assessment of `plan`, reporting every problem with its place.
    pub fn parse(
        source: &Source,
        settings: &Settings,
        plan: &Plan,
    ) -> Result<SelfAssessment, Error> {
        let unit = plan.unit.as_str();
        let hint = say::fix_and_submit(unit);
        let raw: RawSelfAssessment = parse_toml(source, &hint)?;
        let mut diagnostics = Vec::new();
        let d = &mut diagnostics;
        check_unit_key(source, &raw.unit, unit, d);
        let summary = match &raw.summary {
            Some(s) => required_text(source, s, "summary", d),
            None => {
                d.push(toml_diagnostic(
                    source,
                    raw.unit.span(),
                    "summary",
                    say::missing_summary(),
                ));
                String::new()
            }
        };

        let ratings =
            crate::ratings::parse(source, raw.ratings.as_ref(), raw.unit.span(), settings, d);

        let mut by_id: HashMap<String, IndicatorResult> = HashMap::new();
        // The offset of each id's first result; its line is found only for a second one.
        let mut first_seen: HashMap<String, usize> = HashMap::new();
        let raw_results = raw
            .indicators
            .as_ref()
            .map_or(&[][..], |s| s.get_ref().as_slice());
        for rr in raw_results {
            let id = rr.id.get_ref().trim().to_owned();
            if plan.indicator(&id).is_none() {
                d.push(toml_diagnostic(
                    source,
                    rr.id.span(),
                    "indicator.id",
                    say::not_an_indicator(&id, unit),
                ));
                continue;
            }
            if let Some(&first) = first_seen.get(&id) {
                let first = source.position(first).line;
                d.push(toml_diagnostic(
                    source,
                    rr.id.span(),
                    "indicator.id",
                    say::indicator_twice(&id, first),
                ));
                continue;
            }
            first_seen.insert(id.clone(), rr.id.span().start);
            let status = Completion::parse(rr.status.get_ref());
            if status.is_none() {
                d.push(Completion::unknown(source, &rr.status, "indicator.status"));
            }
            let actual = required_text(source, &rr.actual, "indicator.actual", d);
            if let Some(status) = status {
                by_id.insert(
                    id.clone(),
                    IndicatorResult {
                        id,
                        status,
                        actual,
                        evidence: optional_text(rr.evidence.as_ref()),
                    },
                );
            }
        }
        let place = raw
            .indicators
            .as_ref()
            .map_or(raw.unit.span(), |s| s.span());
        for indicator in &plan.indicators {
            if !first_seen.contains_key(&indicator.id) {
                d.push(toml_diagnostic(
                    source,
                    place.clone(),
                    "indicator",
                    say::indicator_without_result(&indicator.id, &indicator.goal),
                ));
            }
        }

        Error::check(
            diagnostics,
            |n| say::problems(&source.path.display().to_string(), n),
            &hint,
        )?;
        let results: Vec<IndicatorResult> = plan
            .indicators
            .iter()
            .filter_map(|i| by_id.remove(&i.id))
            .collect();
        let by_id = results
            .iter()
            .enumerate()
            .map(|(i, result)| (result.id.clone(), i))
            .collect();
        Ok(SelfAssessment {
            unit: unit.to_owned(),
            summary,
            ratings,
            results,
            by_id,
        })
    }
}

/// Stores the self-assessments of one or more units; each needs the unit's plan.
pub fn submit(
    campaign: &mut Campaign,
    ctx: &Context,
    submissions: &[Submission],
) -> anyhow::Result<Outcome> {
    submission::submit(
        campaign,
        ctx,
        Step::SelfAssess,
        submissions,
        |campaign, s| {
            let plan = plan::load(campaign, &s.unit)?
                .ok_or_else(|| Error::step_order(say::no_plan(&s.unit)))?;
            SelfAssessment::parse(&s.source, &campaign.settings, &plan)?;
            Ok(())
        },
        |campaign, s| {
            let Ok(Some(plan)) = plan::load(campaign, &s.unit) else {
                return false;
            };
            let new = SelfAssessment::parse(&s.source, &campaign.settings, &plan).ok();
            new.is_some() && load(campaign, &plan).ok().flatten() == new
        },
    )
}

/// The stored self-assessment of `plan`'s unit, if it has one.
pub fn load(campaign: &Campaign, plan: &Plan) -> anyhow::Result<Option<SelfAssessment>> {
    match submission::stored_source(campaign, Step::SelfAssess, &plan.unit)? {
        Some(source) => Ok(Some(SelfAssessment::parse(
            &source,
            &campaign.settings,
            plan,
        )?)),
        None => Ok(None),
    }
}

/// A self-assessment template pre-filled with the plan's indicators. Values of an earlier
/// (now stale) self-assessment are carried over where its indicator ids still match.
pub fn template(
    plan: &Plan,
    settings: &Settings,
    unit_name: &str,
    earlier: Option<&SelfAssessment>,
) -> String {
    let mut out = format!(
        "# 自评报告: {unit_name}\n\
         # {campaign}\n\
         #\n\
         {guide}\n\n\
         unit = {code_q}\n\
         summary = {summary}   {summary_note}\n\n\
         [ratings]   {ratings_note}\n",
        campaign = settings.name,
        guide = say::template_guide(&plan.unit),
        summary_note = say::template_summary(),
        ratings_note = say::template_ratings(),
        code_q = quoted(&plan.unit),
        summary = quoted(earlier.map_or("", |e| e.summary.as_str())),
    );
    for criterion in &settings.criteria {
        match earlier.and_then(|e| e.rating(&criterion.code)) {
            Some(r) => out.push_str(&format!(
                "{} = {r}   # {}\n",
                criterion.code, criterion.name
            )),
            None => out.push_str(&format!(
                "# {} =    {}\n",
                criterion.code,
                say::template_rating_blank(&criterion.name)
            )),
        }
    }
    for indicator in &plan.indicators {
        let criterion = settings
            .criterion(&indicator.criterion)
            .map_or("", |c| c.name.as_str());
        let previous = earlier.and_then(|e| e.result(&indicator.id));
        out.push_str(&format!(
            "\n{heading}\n\
             [[indicator]]\n\
             id = {id}\n\
             status = {status}     # {keys}\n\
             actual = {actual}     # 实际完成情况\n",
            heading = say::template_indicator(
                criterion,
                &indicator.goal,
                &indicator.target,
                &indicator.owner
            ),
            id = quoted(&indicator.id),
            status = quoted(previous.map_or("", |p| p.status.key())),
            keys = Completion::WORDS.choices(),
            actual = quoted(previous.map_or("", |p| p.actual.as_str())),
        ));
        match previous.and_then(|p| p.evidence.as_deref()) {
            Some(e) => out.push_str(&format!("evidence = {}\n", quoted(e))),
            None => out.push_str(&format!(
                "# evidence = \"\"     {}\n",
                say::template_evidence()
            )),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings;

    fn source(text: &str) -> Source {
        Source::new(
            "self.toml",
            text.to_owned(),
            crate::import::Encoding::Utf8,
            String::new(),
        )
    }

    fn settings() -> Settings {
        settings::parse(&source(&settings::template("测试", 2026, "a", "b"))).unwrap()
    }

    fn plan() -> Plan {
        let text = crate::plan::tests::full_plan();
        Plan::parse(&source(&text), &settings(), "C01").unwrap()
    }

    const RATINGS: &str = "[ratings]\npolitical = 92\ncapability = 88.5\nvitality = 85\ncohesion = 90\nconduct = 93\n";

    fn results(statuses: &[(&str, &str)]) -> String {
        statuses
            .iter()
            .map(|(id, s)| {
                format!("[[indicator]]\nid = \"{id}\"\nstatus = \"{s}\"\nactual = \"a\"\n")
            })
            .collect()
    }

    #[test]
    fn a_complete_self_assessment_is_accepted_in_plan_order() {
        let text = format!(
            "unit = \"C01\"\nsummary = \"s\"\n{RATINGS}{}",
            results(&[
                ("Z1", "done"),
                ("P1", "partial"),
                ("A1", "done"),
                ("V1", "not-done"),
                ("H1", "done")
            ])
        );
        let sa = SelfAssessment::parse(&source(&text), &settings(), &plan()).unwrap();
        assert_eq!(sa.results[0].id, "P1");
        assert_eq!(sa.completion_rate(), 0.6);
        assert_eq!(sa.rating("capability"), Some(88.5));
        let expected = 0.2 * (92.0 + 88.5 + 85.0 + 90.0 + 93.0);
        assert!((sa.weighted_rating(&settings()) - expected).abs() < 1e-9);
    }

    #[test]
    fn statuses_and_ratings_in_chinese_read_as_their_keys() {
        let ratings = RATINGS
            .replace("political", "\"政治强\"")
            .replace("cohesion", "\"合力强\"");
        let text = format!(
            "unit = \"C01\"\nsummary = \"s\"\n{ratings}{}",
            results(&[
                ("P1", "完成"),
                ("A1", "已完成"),
                ("V1", "部分完成"),
                ("H1", "未完成"),
                ("Z1", " done ")
            ])
        );
        let sa = SelfAssessment::parse(&source(&text), &settings(), &plan()).unwrap();
        let statuses: Vec<Completion> = sa.results.iter().map(|r| r.status).collect();
        use Completion::*;
        assert_eq!(statuses, [Done, Done, Partial, NotDone, Done]);
        assert_eq!(sa.rating("political"), Some(92.0));
        assert_eq!(sa.rating("cohesion"), Some(90.0));

        let twice = format!(
            "unit = \"C01\"\nsummary = \"s\"\n{RATINGS}\"活力强\" = 80\n{}",
            results(&[
                ("P1", "done"),
                ("A1", "done"),
                ("V1", "done"),
                ("H1", "done"),
                ("Z1", "done")
            ])
        );
        let err = SelfAssessment::parse(&source(&twice), &settings(), &plan()).unwrap_err();
        let all: Vec<String> = err.diagnostics.iter().map(|d| d.to_string()).collect();
        assert_eq!(
            all,
            [
                "self.toml:9:1: ratings.活力强: criterion `vitality` is rated twice, as `vitality` and as `活力强`"
            ]
        );

        // TOML takes a Chinese key only in quotes; the message shows how.
        let bare = twice.replace("\"活力强\" = 80", "活力强 = 80");
        let err = SelfAssessment::parse(&source(&bare), &settings(), &plan()).unwrap_err();
        assert_eq!(
            err.diagnostics[0].to_string(),
            "self.toml:9:1: invalid unquoted key, expected letters, numbers, `-`, `_`; a key in Chinese needs quotes: `\"活力强\" = …`"
        );
    }

    #[test]
    fn unknown_missing_and_out_of_range_are_errors_with_line_and_column() {
        let text = format!(
            "unit = \"C01\"\nsummary = \"s\"\n{}{}",
            RATINGS
                .replace("vitality = 85\n", "")
                .replace("conduct = 93", "conduct = 130"),
            results(&[
                ("P1", "done"),
                ("P9", "done"),
                ("A1", "finished"),
                ("V1", "done"),
                ("H1", "done"),
                ("P1", "done")
            ])
        );
        let err = SelfAssessment::parse(&source(&text), &settings(), &plan()).unwrap_err();
        let all: Vec<String> = err.diagnostics.iter().map(|d| d.to_string()).collect();
        assert_eq!(
            all,
            vec![
                "self.toml:7:11: ratings.conduct: rating 130 is outside 0-100",
                "self.toml:3:1: ratings.vitality: missing rating for `vitality` (活力强), 0-100",
                "self.toml:13:6: indicator.id: `P9` is not an indicator of the plan of `C01`",
                "self.toml:18:10: indicator.status: `finished` is not a status (expected one of done (已完成, 完成), partial (部分完成), not-done (未完成))",
                "self.toml:29:6: indicator.id: indicator `P1` appears twice (first on line 9)",
                "self.toml:8:1: indicator: plan indicator `Z1` (目标Z1) has no result; every plan indicator must appear once",
            ]
        );
    }

    #[test]
    fn the_template_carries_an_earlier_assessment_over() {
        let text = format!(
            "unit = \"C01\"\nsummary = \"旧的\"\n{RATINGS}{}",
            results(&[
                ("P1", "done"),
                ("A1", "done"),
                ("V1", "done"),
                ("H1", "done"),
                ("Z1", "partial")
            ])
        );
        let earlier = SelfAssessment::parse(&source(&text), &settings(), &plan()).unwrap();
        let blank = template(&plan(), &settings(), "东湖区", None);
        assert!(SelfAssessment::parse(&source(&blank), &settings(), &plan()).is_err());
        let filled = template(&plan(), &settings(), "东湖区", Some(&earlier));
        assert_eq!(
            SelfAssessment::parse(&source(&filled), &settings(), &plan()).unwrap(),
            earlier
        );
    }

    proptest::proptest! {
        #![proptest_config(crate::import::fuzz::config())]

        #[test]
        fn any_self_assessment_file_is_read_or_refused_with_its_reason(
            bytes in crate::import::fuzz::hostile(crate::import::fuzz::SELF_ASSESSMENT)
        ) {
            crate::import::fuzz::read_or_refuse("C01.toml", &bytes, |s| {
                SelfAssessment::parse(s, &crate::import::fuzz::SETTINGS, &crate::import::fuzz::C01_PLAN)
            });
        }
    }
}
