//! Step 1, the work plan (制定方案): a unit's measurable indicators, each tied to a criterion.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use serde::Deserialize;
use toml::Spanned;

use crate::campaign::Campaign;
use crate::context::Context;
use crate::error::{Diagnostic, Error};
use crate::import::words::RawDate;
use crate::import::{Source, parse_toml, toml_diagnostic};
use crate::messages::plan as say;
use crate::settings::{Settings, quoted};
use crate::steps::Step;
use crate::submission::{self, Outcome, Submission};
use crate::units::Unit;

/// A validated work plan.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    pub unit: String,
    pub title: Option<String>,
    pub indicators: Vec<Indicator>,
    /// Each indicator's place in `indicators`, by id: self-assessments and inspection records
    /// look every one of theirs up.
    by_id: HashMap<String, usize>,
}

/// A measurable indicator (工作指标) of a plan.
#[derive(Debug, Clone, PartialEq)]
pub struct Indicator {
    pub id: String,
    pub criterion: String,
    pub goal: String,
    pub target: String,
    pub owner: String,
    pub due: Option<NaiveDate>,
    pub note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPlan {
    unit: Spanned<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default, rename = "indicator")]
    indicators: Option<Spanned<Vec<RawIndicator>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIndicator {
    id: Spanned<String>,
    criterion: Spanned<String>,
    goal: Spanned<String>,
    target: Spanned<String>,
    owner: Spanned<String>,
    #[serde(default)]
    due: Option<Spanned<RawDate>>,
    #[serde(default)]
    note: Option<String>,
}

/// Checks that a file's `unit` key names the unit of the command.
pub(crate) fn check_unit_key(
    source: &Source,
    key: &Spanned<String>,
    unit: &str,
    diagnostics: &mut Vec<Diagnostic>,
) {
    if key.get_ref().trim() != unit {
        diagnostics.push(toml_diagnostic(
            source,
            key.span(),
            "unit",
            say::wrong_unit(key.get_ref(), unit),
        ));
    }
}

/// A required text value: trimmed, or a diagnostic when empty.
pub(crate) fn required_text(
    source: &Source,
    value: &Spanned<String>,
    field: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> String {
    let text = value.get_ref().trim();
    if text.is_empty() {
        diagnostics.push(toml_diagnostic(
            source,
            value.span(),
            field,
            say::must_not_be_empty(),
        ));
    }
    text.to_owned()
}

/// An optional text: trimmed, and none when blank.
pub(crate) fn optional_text(value: Option<&String>) -> Option<String> {
    value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
}

impl Plan {
    /// Parses and validates a plan for `unit`, reporting every problem with its place.
    pub fn parse(source: &Source, settings: &Settings, unit: &str) -> Result<Plan, Error> {
        let hint = say::fix_and_submit(unit);
        let raw: RawPlan = parse_toml(source, &hint)?;
        let mut diagnostics = Vec::new();
        check_unit_key(source, &raw.unit, unit, &mut diagnostics);

        let mut indicators = Vec::new();
        // The offset of each id's first occurrence; its line is found only for a duplicate.
        let mut first_seen: HashMap<String, usize> = HashMap::new();
        let raw_indicators = raw
            .indicators
            .as_ref()
            .map_or(&[][..], |s| s.get_ref().as_slice());
        for ri in raw_indicators {
            let d = &mut diagnostics;
            let id = required_text(source, &ri.id, "indicator.id", d);
            if !id.is_empty() {
                if let Some(&first) = first_seen.get(&id) {
                    let first = source.position(first).line;
                    d.push(toml_diagnostic(
                        source,
                        ri.id.span(),
                        "indicator.id",
                        say::duplicate_indicator(&id, first),
                    ));
                } else {
                    first_seen.insert(id.clone(), ri.id.span().start);
                }
            }
            // Kept as the code, whichever way the clerk named it.
            let criterion = match settings.criterion_written(ri.criterion.get_ref()) {
                Some(criterion) => criterion.code.clone(),
                None => {
                    d.push(toml_diagnostic(
                        source,
                        ri.criterion.span(),
                        "indicator.criterion",
                        say::unknown_criterion(
                            ri.criterion.get_ref().trim(),
                            &settings.criterion_words(),
                        ),
                    ));
                    String::new()
                }
            };
            let goal = required_text(source, &ri.goal, "indicator.goal", d);
            let target = required_text(source, &ri.target, "indicator.target", d);
            let owner = required_text(source, &ri.owner, "indicator.owner", d);
            let due = ri
                .due
                .as_ref()
                .and_then(|due| crate::import::words::date(source, due, "indicator.due", d));
            indicators.push(Indicator {
                id,
                criterion,
                goal,
                target,
                owner,
                due,
                note: optional_text(ri.note.as_ref()),
            });
        }

        let place = raw
            .indicators
            .as_ref()
            .map_or(raw.unit.span(), |s| s.span());
        let covered: HashSet<&str> = indicators.iter().map(|i| i.criterion.as_str()).collect();
        for criterion in &settings.criteria {
            if !covered.contains(criterion.code.as_str()) {
                diagnostics.push(toml_diagnostic(
                    source,
                    place.clone(),
                    "indicator",
                    say::criterion_without_indicator(&criterion.code, &criterion.name),
                ));
            }
        }
        Error::check(
            diagnostics,
            |n| say::problems(&source.path.display().to_string(), n),
            &hint,
        )?;
        let by_id = indicators
            .iter()
            .enumerate()
            .map(|(i, indicator)| (indicator.id.clone(), i))
            .collect();
        Ok(Plan {
            unit: unit.to_owned(),
            title: optional_text(raw.title.as_ref()),
            indicators,
            by_id,
        })
    }

    pub fn indicator(&self, id: &str) -> Option<&Indicator> {
        self.by_id.get(id).map(|&i| &self.indicators[i])
    }
}

/// Stores the plans of one or more units (a plan can be replaced until it is self-assessed).
pub fn submit(
    campaign: &mut Campaign,
    ctx: &Context,
    submissions: &[Submission],
) -> anyhow::Result<Outcome> {
    submission::submit(
        campaign,
        ctx,
        Step::Plan,
        submissions,
        |campaign, s| {
            Plan::parse(&s.source, &campaign.settings, &s.unit)?;
            Ok(())
        },
        |campaign, s| {
            let new = Plan::parse(&s.source, &campaign.settings, &s.unit).ok();
            new.is_some() && load(campaign, &s.unit).ok().flatten() == new
        },
    )
}

/// The stored plan of `unit`, if it has one.
pub fn load(campaign: &Campaign, unit: &str) -> anyhow::Result<Option<Plan>> {
    match submission::stored_source(campaign, Step::Plan, unit)? {
        Some(source) => Ok(Some(Plan::parse(&source, &campaign.settings, unit)?)),
        None => Ok(None),
    }
}

/// The id prefix of a criterion's indicators in templates, after its Chinese name's pinyin.
fn id_prefix(code: &str) -> &'static str {
    match code {
        "political" => "P",
        "capability" => "A",
        "vitality" => "V",
        "cohesion" => "H",
        "conduct" => "Z",
        _ => "I",
    }
}

/// A commented plan for `unit` with one empty indicator per criterion; submitting it unedited
/// fails, so nothing half-filled is stored.
pub fn template(unit: &Unit, settings: &Settings) -> String {
    let mut out = format!(
        "# 工作方案（制定方案）: {name}\n\
         # {campaign}\n\
         #\n\
         {guide}\n\n\
         unit = {code_q}\n\
         title = {title}\n",
        name = unit.name,
        campaign = settings.name,
        guide = say::template_guide(&unit.code),
        code_q = quoted(&unit.code),
        title = quoted(&format!("{}争创“四强一硬”好班子工作方案", unit.name)),
    );
    for criterion in &settings.criteria {
        out.push_str(&format!(
            "\n# {name}（{code}）: {definition}\n\
             [[indicator]]\n\
             id = {id}             {id_note}\n\
             criterion = {code_q}\n\
             goal = \"\"             {goal_note}\n\
             target = \"\"           {target_note}\n\
             owner = \"\"            {owner_note}\n\
             # due = {year}-12-31    {due_note}\n",
            name = criterion.name,
            code = criterion.code,
            definition = criterion.definition,
            id = quoted(&format!("{}1", id_prefix(&criterion.code))),
            code_q = quoted(&criterion.code),
            year = settings.year,
            id_note = say::template_id(),
            goal_note = say::template_goal(),
            target_note = say::template_target(),
            owner_note = say::template_owner(),
            due_note = say::template_due(),
        ));
    }
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::settings;

    fn settings() -> Settings {
        let text = settings::template("测试", 2026, "市委组织部", "市委");
        settings::parse(&source(&text)).unwrap()
    }

    fn source(text: &str) -> Source {
        Source::new(
            "plan.toml",
            text.to_owned(),
            crate::import::Encoding::Utf8,
            String::new(),
        )
    }

    fn indicator(id: &str, criterion: &str) -> String {
        format!(
            "[[indicator]]\nid = \"{id}\"\ncriterion = \"{criterion}\"\ngoal = \"目标{id}\"\ntarget = \"t\"\nowner = \"o\"\ndue = 2026-12-31\n"
        )
    }

    /// A plan of unit C01 with one indicator per criterion, P1, A1, V1, H1, Z1.
    pub(crate) fn full_plan() -> String {
        let mut text = "unit = \"C01\"\n".to_owned();
        for (id, c) in [
            ("P1", "political"),
            ("A1", "capability"),
            ("V1", "vitality"),
            ("H1", "cohesion"),
            ("Z1", "conduct"),
        ] {
            text.push_str(&indicator(id, c));
        }
        text
    }

    #[test]
    fn a_complete_plan_is_accepted() {
        let plan = Plan::parse(&source(&full_plan()), &settings(), "C01").unwrap();
        assert_eq!(plan.indicators.len(), 5);
        assert_eq!(
            plan.indicator("H1").unwrap().due,
            NaiveDate::from_ymd_opt(2026, 12, 31)
        );
    }

    #[test]
    fn a_criterion_by_its_chinese_name_and_a_date_as_clerks_write_it_are_read_as_codes_and_dates() {
        let text = full_plan()
            .replace("criterion = \"vitality\"", "criterion = \" 活力强 \"")
            .replacen("due = 2026-12-31", "due = \"2026/1/5\"", 1)
            .replacen("due = 2026-12-31", "due = \"2026年11月11日\"", 1)
            .replacen("due = 2026-12-31", "due = \"2026.03.01\"", 1);
        let plan = Plan::parse(&source(&text), &settings(), "C01").unwrap();
        assert_eq!(plan.indicator("V1").unwrap().criterion, "vitality");
        let due: Vec<_> = plan.indicators.iter().map(|i| i.due.unwrap()).collect();
        let day = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
        assert_eq!(
            due,
            [day(1, 5), day(11, 11), day(3, 1), day(12, 31), day(12, 31)]
        );

        let text = full_plan()
            .replacen("due = 2026-12-31", "due = \"2026/2/30\"", 1)
            .replace("criterion = \"vitality\"", "criterion = \"活力\"");
        let err = Plan::parse(&source(&text), &settings(), "C01").unwrap_err();
        let all: Vec<String> = err.diagnostics.iter().map(|d| d.to_string()).collect();
        assert_eq!(
            all[0],
            "plan.toml:8:7: indicator.due: `2026/2/30` is not a day of the calendar: check the month and the day"
        );
        assert!(
            all[1].starts_with("plan.toml:18:13: indicator.criterion: unknown criterion `活力` (expected one of political (政治强), capability (能力强), vitality (活力强)"),
            "{all:#?}"
        );
    }

    #[test]
    fn every_problem_is_reported_with_its_line() {
        let text = full_plan().replace(
            "\"V1\"\ncriterion = \"vitality\"",
            "\"P1\"\ncriterion = \"vigour\"",
        );
        let err = Plan::parse(&source(&text), &settings(), "C02").unwrap_err();
        let all: Vec<String> = err.diagnostics.iter().map(|d| d.to_string()).collect();
        assert_eq!(all.len(), 4, "{all:#?}");
        assert!(all[0].starts_with("plan.toml:1:8: unit: this file is for unit `C01`"));
        assert!(all[1].contains("indicator.id: duplicate indicator id `P1` (first on line 3)"));
        assert!(all[2].contains("indicator.criterion: unknown criterion `vigour`"));
        assert!(all[3].contains("criterion `vitality` (活力强) has no indicator"));
    }

    #[test]
    fn the_template_fails_until_filled_in() {
        let unit = Unit {
            code: "C01".into(),
            name: "东湖区".into(),
            category: crate::units::Category::County,
            party_head: "a".into(),
            government_head: Some("b".into()),
        };
        let text = template(&unit, &settings());
        let err = Plan::parse(&source(&text), &settings(), "C01").unwrap_err();
        assert_eq!(
            err.diagnostics.len(),
            15,
            "three empty fields in each of five indicators"
        );
        let filled = text
            .replace("goal = \"\"", "goal = \"g\"")
            .replace("target = \"\"", "target = \"t\"")
            .replace("owner = \"\"", "owner = \"o\"");
        assert_eq!(
            Plan::parse(&source(&filled), &settings(), "C01")
                .unwrap()
                .indicators
                .len(),
            5
        );
    }

    proptest::proptest! {
        #![proptest_config(crate::import::fuzz::config())]

        #[test]
        fn any_plan_file_is_read_or_refused_with_its_reason(
            bytes in crate::import::fuzz::hostile(crate::import::fuzz::PLAN)
        ) {
            crate::import::fuzz::read_or_refuse("C01.toml", &bytes, |s| {
                Plan::parse(s, &crate::import::fuzz::SETTINGS, "C01")
            });
        }
    }

    #[test]
    fn a_ten_megabyte_line_or_nesting_is_read_or_refused() {
        let fuzz = |text: String| {
            crate::import::fuzz::read_or_refuse("C01.toml", text.as_bytes(), |s| {
                Plan::parse(s, &crate::import::fuzz::SETTINGS, "C01")
            })
        };
        fuzz(crate::import::fuzz::PLAN.replacen(
            "goal = \"",
            &crate::import::fuzz::long_line("goal = \"", "学"),
            1,
        ));
        fuzz(crate::import::fuzz::long_line("unit = \"C01\"\n", "x"));
        fuzz(format!("unit = {}", "[".repeat(100_000)));
    }
}
