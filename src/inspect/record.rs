//! One inspection activity (考察): a method, a date, the inspectors, their findings, their
//! ratings, and checks of the unit's self-reported indicators.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use serde::Deserialize;
use toml::Spanned;

use crate::campaign::Campaign;
use crate::context::Context;
use crate::error::Error;
use crate::import::words::{RawDate, Term};
use crate::import::{Source, parse_toml, toml_diagnostic};
use crate::inspect::inspectors::Inspectors;
use crate::journal::Entry;
use crate::messages::inspect as words;
use crate::plan::{Plan, check_unit_key, optional_text, required_text};
use crate::self_assess::Completion;
use crate::settings::{METHODS, Settings};
use crate::steps::{State, Step};
use crate::store::Transaction;
use crate::store::sha256_hex;
use crate::submission::Submission;

/// A validated inspection activity.
#[derive(Debug, Clone, PartialEq)]
pub struct InspectionRecord {
    pub unit: String,
    /// The key of one of [`METHODS`]: hearing, talk, materials, site-visit, symposium.
    pub method: String,
    pub date: NaiveDate,
    pub inspectors: Vec<String>,
    pub findings: String,
    /// The inspectors' rating 0-100 per criterion, in the campaign's criterion order.
    pub ratings: Vec<(String, f64)>,
    pub verifications: Vec<Verification>,
}

/// The inspectors' check of one indicator the unit reported on.
#[derive(Debug, Clone, PartialEq)]
pub struct Verification {
    pub indicator: String,
    pub status: Completion,
    pub note: Option<String>,
}

pub use crate::settings::method_label;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRecord {
    unit: Spanned<String>,
    method: Spanned<String>,
    date: Spanned<RawDate>,
    inspectors: Spanned<Vec<Spanned<String>>>,
    findings: Spanned<String>,
    ratings: Option<crate::ratings::RawRatings>,
    #[serde(default, rename = "verification")]
    verifications: Vec<RawVerification>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawVerification {
    indicator: Spanned<String>,
    status: Spanned<String>,
    #[serde(default)]
    note: Option<String>,
}

impl InspectionRecord {
    /// Parses and validates a record of an inspection of `plan`'s unit, reporting every problem
    /// with its place. `today` bounds the date: an activity cannot be recorded before it happens.
    pub fn parse(
        source: &Source,
        settings: &Settings,
        plan: &Plan,
        inspectors: &Inspectors,
        today: NaiveDate,
    ) -> Result<InspectionRecord, Error> {
        let unit = plan.unit.as_str();
        let hint = words::record_hint(unit);
        let raw: RawRecord = parse_toml(source, &hint)?;
        let mut diagnostics = Vec::new();
        let d = &mut diagnostics;
        check_unit_key(source, &raw.unit, unit, d);

        let method = crate::settings::method(raw.method.get_ref());
        if method.is_none() {
            d.push(toml_diagnostic(
                source,
                raw.method.span(),
                "method",
                words::unknown_method(raw.method.get_ref().trim(), &Term::accepted(&METHODS)),
            ));
        }
        let date = crate::import::words::date(source, &raw.date, "date", d);
        if let Some(date) = date.filter(|date| *date > today) {
            d.push(toml_diagnostic(
                source,
                raw.date.span(),
                "date",
                words::date_after_today(date, today),
            ));
        }

        if raw.inspectors.get_ref().is_empty() {
            d.push(toml_diagnostic(
                source,
                raw.inspectors.span(),
                "inspectors",
                words::name_an_inspector(),
            ));
        }
        let mut names = Vec::new();
        let mut named = HashSet::new();
        for name in raw.inspectors.get_ref() {
            let text = name.get_ref().trim();
            if text.is_empty() {
                d.push(toml_diagnostic(
                    source,
                    name.span(),
                    "inspectors",
                    words::empty_name(),
                ));
            } else if !named.insert(text) {
                d.push(toml_diagnostic(
                    source,
                    name.span(),
                    "inspectors",
                    words::named_twice(text),
                ));
            } else if let Some(refusal) = inspectors.refusal(text, unit) {
                d.push(toml_diagnostic(source, name.span(), "inspectors", refusal));
            }
            names.push(text.to_owned());
        }
        let findings = required_text(source, &raw.findings, "findings", d);
        let ratings =
            crate::ratings::parse(source, raw.ratings.as_ref(), raw.unit.span(), settings, d);

        let mut verifications = Vec::new();
        // The offset of each indicator's first check; its line is found only for a second one.
        let mut first_seen: HashMap<String, usize> = HashMap::new();
        for rv in &raw.verifications {
            let indicator = rv.indicator.get_ref().trim().to_owned();
            if plan.indicator(&indicator).is_none() {
                d.push(toml_diagnostic(
                    source,
                    rv.indicator.span(),
                    "verification.indicator",
                    words::not_an_indicator(&indicator, unit),
                ));
                continue;
            }
            if let Some(first) = first_seen.insert(indicator.clone(), rv.indicator.span().start) {
                let first = source.position(first).line;
                d.push(toml_diagnostic(
                    source,
                    rv.indicator.span(),
                    "verification.indicator",
                    words::verified_twice(&indicator, first),
                ));
                continue;
            }
            match Completion::parse(rv.status.get_ref()) {
                Some(status) => verifications.push(Verification {
                    indicator,
                    status,
                    note: optional_text(rv.note.as_ref()),
                }),
                None => d.push(Completion::unknown(
                    source,
                    &rv.status,
                    "verification.status",
                )),
            }
        }

        Error::check(
            diagnostics,
            |n| words::record_problems(source.path.display(), n),
            &hint,
        )?;
        Ok(InspectionRecord {
            unit: unit.to_owned(),
            method: method.expect("checked above").to_owned(),
            date: date.expect("checked above"),
            inspectors: names,
            findings,
            ratings,
            verifications,
        })
    }
}

/// A stored inspection record with its place in the store.
#[derive(Debug, Clone)]
pub struct Stored {
    pub path: String,
    pub seq: u64,
    pub state: State,
    pub record: InspectionRecord,
}

/// Every stored inspection record of `plan`'s unit, stale ones included, in path order.
pub fn load_all(campaign: &Campaign, plan: &Plan) -> anyhow::Result<Vec<Stored>> {
    let inspectors = Inspectors::default();
    let rows: Vec<_> = campaign
        .store
        .index()
        .records_of(&plan.unit, Step::Inspect)
        .cloned()
        .collect();
    let mut stored = Vec::with_capacity(rows.len());
    for row in rows {
        let text = campaign.store.read_record(&row.path)?;
        let source = Source::new(
            row.path.clone(),
            text,
            crate::import::Encoding::Utf8,
            row.sha256.clone(),
        );
        // The register and the clock were checked when the record was made; rereading does not
        // re-judge it by today's register.
        let record = InspectionRecord::parse(
            &source,
            &campaign.settings,
            plan,
            &inspectors,
            NaiveDate::MAX,
        )?;
        stored.push(Stored {
            path: row.path,
            seq: row.seq,
            state: row.state.unwrap_or_default(),
            record,
        });
    }
    Ok(stored)
}

/// What recording an activity did.
#[derive(Debug)]
pub struct Recorded {
    pub path: String,
    /// None when the same record was already stored.
    pub entry: Option<Entry>,
}

/// Stores one inspection activity of its unit; the unit needs a submitted self-assessment.
pub fn record(
    campaign: &mut Campaign,
    ctx: &Context,
    submission: Submission,
) -> anyhow::Result<Recorded> {
    let mut recorded = record_all(campaign, ctx, &[submission])?;
    Ok(recorded.remove(0))
}

/// Stores inspection activities, each file naming its unit and method, in one journal entry;
/// one bad file stores none.
pub fn record_all(
    campaign: &mut Campaign,
    ctx: &Context,
    submissions: &[Submission],
) -> anyhow::Result<Vec<Recorded>> {
    let register = campaign.register()?;
    let inspectors = Inspectors::load(campaign)?;
    let mut failures = Vec::new();
    let mut checked = Vec::new();
    for submission in submissions {
        match check(campaign, &register, &inspectors, ctx, submission) {
            Ok(record) => checked.push((submission, record)),
            Err(e) => match e.downcast::<Error>() {
                Ok(e) => failures.push((submission.source.path.as_path(), e)),
                Err(other) => return Err(other),
            },
        }
    }
    if !failures.is_empty() {
        return Err(crate::submission::combine(failures, submissions.len()).into());
    }

    let index = campaign.store.index();
    let mut recorded = Vec::new();
    let mut staged: Vec<(String, String, &Source)> = Vec::new();
    for (submission, record) in &checked {
        let unit = submission.unit.as_str();
        let sha = sha256_hex(submission.source.text.as_bytes());
        let same_stored = index
            .records_of(unit, Step::Inspect)
            .find(|row| row.sha256 == sha && row.state == Some(State::Done))
            .map(|row| row.path.clone());
        let same_staged = staged
            .iter()
            .find(|(u, _, s)| u == unit && sha256_hex(s.text.as_bytes()) == sha)
            .map(|(_, path, _)| path.clone());
        if let Some(path) = same_stored.or(same_staged) {
            recorded.push(Recorded { path, entry: None });
            continue;
        }
        // Numbered after the unit's records of the method, stored and staged.
        let of_method = |path: &str| Step::kind_of(path) == Some(record.method.as_str());
        let n = index
            .records_of(unit, Step::Inspect)
            .filter(|row| of_method(&row.path))
            .count()
            + staged
                .iter()
                .filter(|(u, path, _)| u == unit && of_method(path))
                .count()
            + 1;
        let path = Step::Inspect.kind_record_path(unit, &record.method, n);
        staged.push((unit.to_owned(), path.clone(), &submission.source));
        recorded.push(Recorded { path, entry: None });
    }
    if staged.is_empty() {
        return Ok(recorded);
    }
    let mut tx = Transaction::new(&mut campaign.store, ctx);
    for (unit, path, source) in &staged {
        tx.write_step(
            unit,
            Step::Inspect,
            path.clone(),
            source.text.clone().into_bytes(),
        );
        tx.add_input(&source.path, &source.sha256);
    }
    let entry = tx.commit(crate::messages::both(|| {
        match (checked.as_slice(), staged.len()) {
            ([(submission, record)], 1) => words::inspection_recorded(
                &submission.unit,
                &record.method,
                method_label(&record.method),
                record.date,
            ),
            (_, n) => words::records_stored(n),
        }
    }))?;
    for one in &mut recorded {
        if staged.iter().any(|(_, path, _)| *path == one.path) {
            one.entry = Some(entry.clone());
        }
    }
    Ok(recorded)
}

/// One file checked as its unit's inspection record: the unit needs a submitted
/// self-assessment (a begun inspection is added to, never locked).
fn check(
    campaign: &Campaign,
    register: &crate::units::Register,
    inspectors: &Inspectors,
    ctx: &Context,
    submission: &Submission,
) -> anyhow::Result<InspectionRecord> {
    let unit = submission.unit.as_str();
    register.require(unit)?;
    campaign.steps_of(unit).check_needs(Step::Inspect, unit)?;
    let plan = crate::plan::load(campaign, unit)?
        .ok_or_else(|| Error::step_order(words::no_plan(unit)))?;
    Ok(InspectionRecord::parse(
        &submission.source,
        &campaign.settings,
        &plan,
        inspectors,
        ctx.now.date_naive(),
    )?)
}

/// A commented record template for `plan`'s unit, with one verification per indicator.
pub fn template(plan: &Plan, settings: &Settings, unit_name: &str, today: NaiveDate) -> String {
    let quoted = crate::settings::quoted;
    let mut out = format!(
        "{intro}\n\n\
         unit = {code_q}\n\
         method = \"\"        # {methods}\n\
         date = {today}\n\
         inspectors = []     {inspectors}\n\
         findings = \"\"      # 考察情况\n\n\
         [ratings]   {ratings}\n",
        intro = words::template_intro(unit_name, &plan.unit),
        code_q = quoted(&plan.unit),
        methods = Term::choices(&METHODS),
        inspectors = words::template_inspectors(),
        ratings = words::template_ratings(),
    );
    for criterion in &settings.criteria {
        out.push_str(&format!(
            "# {} =    {}\n",
            criterion.code,
            words::template_rating(&criterion.name)
        ));
    }
    out.push_str(&format!("\n{}\n", words::template_checks()));
    for indicator in &plan.indicators {
        out.push_str(&format!(
            "\n# {goal} | 目标值: {target}\n\
             # [[verification]]\n\
             # indicator = {id}\n\
             # status = \"done\"     # {keys}\n\
             # note = \"\"\n",
            goal = indicator.goal,
            target = indicator.target,
            id = quoted(&indicator.id),
            keys = Completion::WORDS.choices(),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inspect::inspectors::Inspector;

    fn source(text: &str) -> Source {
        Source::new(
            "talk.toml",
            text.to_owned(),
            crate::import::Encoding::Utf8,
            String::new(),
        )
    }

    fn settings() -> Settings {
        crate::settings::parse(&source(&crate::settings::template("测试", 2026, "a", "b"))).unwrap()
    }

    fn plan() -> Plan {
        Plan::parse(
            &source(&crate::plan::tests::full_plan()),
            &settings(),
            "C01",
        )
        .unwrap()
    }

    const TODAY: NaiveDate = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();

    const RECORD: &str = "unit = \"C01\"\nmethod = \"talk\"\ndate = 2026-11-05\n\
        inspectors = [\"王五\", \"赵六\"]\nfindings = \"班子团结\"\n\
        [ratings]\npolitical = 90\ncapability = 86\nvitality = 84\ncohesion = 88\nconduct = 91\n\
        [[verification]]\nindicator = \"P1\"\nstatus = \"partial\"\nnote = \"学习记录与实际不符\"\n";

    #[test]
    fn a_complete_record_is_accepted() {
        let r = InspectionRecord::parse(
            &source(RECORD),
            &settings(),
            &plan(),
            &Inspectors::default(),
            TODAY,
        )
        .unwrap();
        assert_eq!(r.method, "talk");
        assert_eq!(r.inspectors, ["王五", "赵六"]);
        assert_eq!(crate::ratings::of(&r.ratings, "vitality"), Some(84.0));
        assert_eq!(r.verifications[0].status, Completion::Partial);
    }

    #[test]
    fn a_method_status_and_date_in_a_clerks_words_are_read_as_keys() {
        let text = RECORD
            .replace("\"talk\"", "\"座谈会\"")
            .replace("2026-11-05", "\"2026年11月5日\"")
            .replace("\"partial\"", "\"部分完成\"")
            .replace("vitality = 84", "\"活力强\" = 84");
        let r = InspectionRecord::parse(
            &source(&text),
            &settings(),
            &plan(),
            &Inspectors::default(),
            TODAY,
        )
        .unwrap();
        assert_eq!(r.method, "symposium");
        assert_eq!(r.date, NaiveDate::from_ymd_opt(2026, 11, 5).unwrap());
        assert_eq!(r.verifications[0].status, Completion::Partial);
        assert_eq!(crate::ratings::of(&r.ratings, "vitality"), Some(84.0));
        for (written, key) in [
            ("听取汇报", "hearing"),
            ("听汇报", "hearing"),
            ("个别谈话", "talk"),
            ("查阅资料", "materials"),
            ("查资料", "materials"),
            ("实地察看", "site-visit"),
            ("实地看", "site-visit"),
            ("召开座谈会", "symposium"),
        ] {
            assert_eq!(crate::settings::method(written), Some(key), "{written}");
        }
    }

    #[test]
    fn every_problem_is_reported_with_its_place() {
        let text = RECORD
            .replace("\"talk\"", "\"chat\"")
            .replace("2026-11-05", "2026-12-05")
            .replace("\"P1\"", "\"P9\"")
            .replace("conduct = 91\n", "");
        let err = InspectionRecord::parse(
            &source(&text),
            &settings(),
            &plan(),
            &Inspectors::default(),
            TODAY,
        )
        .unwrap_err();
        let all: Vec<String> = err.diagnostics.iter().map(|d| d.to_string()).collect();
        assert_eq!(
            all,
            [
                "talk.toml:2:10: method: unknown method `chat` (expected one of hearing (听汇报, 听取汇报), talk (个别谈话), materials (查资料, 查阅资料), site-visit (实地看, 实地察看), symposium (召开座谈会, 座谈会))",
                "talk.toml:3:8: date: 2026-12-05 is after today (2026-11-24); record an activity once it has happened",
                "talk.toml:6:1: ratings.conduct: missing rating for `conduct` (作风硬), 0-100",
                "talk.toml:12:13: verification.indicator: `P9` is not an indicator of the plan of `C01`",
            ]
        );
    }

    #[test]
    fn an_inspector_from_the_unit_is_refused_by_the_recusal_rule() {
        let register = Inspectors::from_list(vec![
            Inspector {
                name: "王五".into(),
                home_unit: "C01".into(),
            },
            Inspector {
                name: "赵六".into(),
                home_unit: "D01".into(),
            },
        ]);
        let err = InspectionRecord::parse(&source(RECORD), &settings(), &plan(), &register, TODAY)
            .unwrap_err();
        assert_eq!(err.diagnostics.len(), 1);
        assert_eq!(
            err.diagnostics[0].to_string(),
            "talk.toml:4:15: inspectors: inspector `王五` works in unit `C01` and must withdraw (回避) from inspecting it"
        );
    }

    #[test]
    fn the_template_fails_until_filled_in() {
        let text = template(&plan(), &settings(), "东湖区", TODAY);
        assert!(text.contains("date = 2026-11-24"));
        let err = InspectionRecord::parse(
            &source(&text),
            &settings(),
            &plan(),
            &Inspectors::default(),
            TODAY,
        )
        .unwrap_err();
        assert!(
            err.diagnostics
                .iter()
                .any(|d| d.message.contains("unknown method ``"))
        );
    }

    proptest::proptest! {
        #![proptest_config(crate::import::fuzz::config())]

        #[test]
        fn any_inspection_record_is_read_or_refused_with_its_reason(
            bytes in crate::import::fuzz::hostile(include_str!("../../examples/city/inspections/C01-hearing.toml"))
        ) {
            crate::import::fuzz::read_or_refuse("hearing.toml", &bytes, |s| {
                InspectionRecord::parse(
                    s,
                    &crate::import::fuzz::SETTINGS,
                    &crate::import::fuzz::C01_PLAN,
                    &Inspectors::default(),
                    NaiveDate::MAX,
                )
            });
        }
    }
}
