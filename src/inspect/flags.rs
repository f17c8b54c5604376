//! Flags against self-praise and concealment (防止自夸、瞒报): a self-rating far above the
//! inspectors' rating, and an indicator reported done that an inspection found not done.

use serde::{Deserialize, Serialize};

use crate::campaign::Campaign;
use crate::context::Context;
use crate::error::Error;
use crate::figures::figure;
use crate::inspect::analysis::inspection_component;
use crate::inspect::record::{self, Stored};
use crate::journal::{Entry, Reason};
use crate::messages::{self, Both, inspect as words};
use crate::self_assess::{Completion, SelfAssessment};
use crate::settings::Settings;
use crate::steps::{State, Step};
use crate::store::{Table, Transaction};

pub use crate::steps::CLEARED_FLAGS_FILE as CLEARED_FILE;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FlagKind {
    /// 自夸: the self-rating exceeds the inspection component by more than the threshold.
    SelfInflation,
    /// 瞒报: reported done, verified partial or not done.
    Concealment,
}

/// One flag. Its id is stable: the same finding has the same id on every run.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Flag {
    pub id: String,
    pub kind: FlagKind,
    pub unit: String,
    /// The criterion code (self-inflation) or the indicator id (concealment).
    pub subject: String,
    /// What the unit said: the self-rating, or `done`.
    pub self_reported: String,
    /// What the inspection found: the inspection component, or the verified statuses.
    pub inspected: String,
    /// Self-inflation only: the self-rating and the inspection component, unrounded.
    pub self_rating: Option<f64>,
    pub inspection_rating: Option<f64>,
    /// The self-assessment record.
    pub self_source: String,
    /// The inspection records behind the finding.
    pub inspection_sources: Vec<String>,
    /// The finding in Chinese, as documents and `--json` show it:
    /// `能力强：自评97分，考察评分79分，高出18分`.
    pub words: String,
    /// The finding in each language, for people.
    #[serde(skip)]
    pub finding: Both,
    pub cleared: Option<Clearance>,
}

/// A flag cleared by a person, with the reason.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Clearance {
    pub id: String,
    pub reason: String,
    pub operator: String,
    pub time: String,
    pub seq: u64,
}

impl Table for Clearance {
    const PATH: &'static str = CLEARED_FILE;
}

/// The flags of one unit, from its self-assessment and its inspection records.
pub fn of_unit(
    settings: &Settings,
    assessment: &SelfAssessment,
    records: &[Stored],
    self_source: &str,
) -> Vec<Flag> {
    let unit = assessment.unit.as_str();
    let mut flags = Vec::new();
    for criterion in &settings.criteria {
        let (Some(inspected), inputs) = inspection_component(records, &criterion.code) else {
            continue;
        };
        let Some(own) = assessment.rating(&criterion.code) else {
            continue;
        };
        if own - inspected > settings.scoring.inflation_threshold {
            let finding = messages::both(|| {
                words::inflation_finding(
                    &criterion.name,
                    &figure(own),
                    &figure(inspected),
                    &figure(own - inspected),
                )
            });
            flags.push(Flag {
                id: format!("inflation-{unit}-{}", criterion.code),
                kind: FlagKind::SelfInflation,
                unit: unit.to_owned(),
                subject: criterion.code.clone(),
                self_reported: figure(own),
                inspected: figure(inspected),
                self_rating: Some(own),
                inspection_rating: Some(inspected),
                self_source: self_source.to_owned(),
                inspection_sources: inputs.into_iter().map(|i| i.record).collect(),
                words: finding.zh.clone(),
                finding,
                cleared: None,
            });
        }
    }
    for result in assessment
        .results
        .iter()
        .filter(|r| r.status == Completion::Done)
    {
        let found: Vec<(&str, Completion)> = records
            .iter()
            .filter(|s| s.state == State::Done)
            .flat_map(|s| {
                s.record
                    .verifications
                    .iter()
                    .filter(|v| v.indicator == result.id && v.status != Completion::Done)
                    .map(move |v| (s.path.as_str(), v.status))
            })
            .collect();
        if found.is_empty() {
            continue;
        }
        let mut verified: Vec<&str> = found.iter().map(|(_, status)| status.label()).collect();
        verified.dedup();
        let mut keys: Vec<&str> = found.iter().map(|(_, status)| status.key()).collect();
        keys.dedup();
        let finding = messages::both(|| {
            let verified = messages::pick(|| verified.join("、"), || keys.join(", "));
            words::concealment_finding(&result.id, &verified)
        });
        flags.push(Flag {
            id: format!("concealment-{unit}-{}", result.id),
            kind: FlagKind::Concealment,
            unit: unit.to_owned(),
            subject: result.id.clone(),
            self_reported: Completion::Done.key().to_owned(),
            inspected: found
                .iter()
                .map(|(_, status)| status.key())
                .collect::<Vec<_>>()
                .join(", "),
            self_rating: None,
            inspection_rating: None,
            self_source: self_source.to_owned(),
            inspection_sources: found.iter().map(|(path, _)| (*path).to_owned()).collect(),
            words: finding.zh.clone(),
            finding,
            cleared: None,
        });
    }
    flags
}

/// The clearances recorded so far.
pub fn clearances(campaign: &Campaign) -> anyhow::Result<Vec<Clearance>> {
    campaign.store.read_table()
}

/// The flags of a unit from its stored plan and inspection records, with their clearances;
/// none before its self-assessment is done.
pub fn of_stored_unit(
    campaign: &Campaign,
    plan: &crate::plan::Plan,
    records: &[Stored],
    cleared: &[Clearance],
) -> anyhow::Result<Vec<Flag>> {
    if campaign.steps_of(&plan.unit).get(Step::SelfAssess) != State::Done {
        return Ok(Vec::new());
    }
    let Some(assessment) = crate::self_assess::load(campaign, plan)? else {
        return Ok(Vec::new());
    };
    let self_source = Step::SelfAssess.record_path(&plan.unit);
    let mut flags = of_unit(&campaign.settings, &assessment, records, &self_source);
    for flag in &mut flags {
        flag.cleared = cleared.iter().rev().find(|c| c.id == flag.id).cloned();
    }
    Ok(flags)
}

/// Every unit's flags, with their clearances.
pub fn all(campaign: &Campaign) -> anyhow::Result<Vec<Flag>> {
    let cleared = clearances(campaign)?;
    let mut flags = Vec::new();
    for unit in campaign.register()?.units() {
        let Some(plan) = crate::plan::load(campaign, &unit.code)? else {
            continue;
        };
        let records = record::load_all(campaign, &plan)?;
        flags.extend(of_stored_unit(campaign, &plan, &records, &cleared)?);
    }
    Ok(flags)
}

/// Clears flag `id` with a reason; the flag must be raised and not cleared yet.
pub fn clear(
    campaign: &mut Campaign,
    ctx: &Context,
    id: &str,
    reason: &str,
) -> anyhow::Result<Entry> {
    let reason = Reason::new(reason, &words::clearing_a_flag())?;
    let flags = all(campaign)?;
    let Some(flag) = flags.iter().find(|f| f.id == id) else {
        return Err(Error::invalid(words::no_such_flag(id))
            .with_hint(words::flags_hint())
            .into());
    };
    if let Some(c) = &flag.cleared {
        return Err(Error::invalid(words::already_cleared(id, &c.operator, c.seq)).into());
    }
    let mut list = clearances(campaign)?;
    let mut tx = Transaction::new(&mut campaign.store, ctx);
    let by = tx.attribution();
    list.push(Clearance {
        id: id.to_owned(),
        reason: reason.to_string(),
        operator: by.operator.clone(),
        time: by.time.clone(),
        seq: by.seq,
    });
    tx.set_reason(&reason);
    tx.write_table(&list);
    tx.commit(messages::both(|| words::flag_cleared(id)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::Source;
    use crate::inspect::inspectors::Inspectors;
    use crate::inspect::record::InspectionRecord;
    use crate::plan::Plan;

    fn source(text: &str) -> Source {
        Source::new(
            "x.toml",
            text.to_owned(),
            crate::import::Encoding::Utf8,
            String::new(),
        )
    }

    #[test]
    fn inflation_over_the_threshold_and_concealment_are_flagged() {
        let settings =
            crate::settings::parse(&source(&crate::settings::template("t", 2026, "a", "b")))
                .unwrap();
        let plan =
            Plan::parse(&source(&crate::plan::tests::full_plan()), &settings, "C01").unwrap();
        let mut text = "unit = \"C01\"\nsummary = \"s\"\n[ratings]\npolitical = 96\ncapability = 95\nvitality = 90\ncohesion = 90\nconduct = 90\n".to_owned();
        for id in ["P1", "A1", "V1", "H1", "Z1"] {
            text.push_str(&format!(
                "[[indicator]]\nid = \"{id}\"\nstatus = \"done\"\nactual = \"a\"\n"
            ));
        }
        let assessment = SelfAssessment::parse(&source(&text), &settings, &plan).unwrap();
        let stored = |method: &str, political: u32, extra: &str| {
            let text = format!(
                "unit = \"C01\"\nmethod = \"{method}\"\ndate = 2026-11-05\ninspectors = [\"王五\"]\nfindings = \"f\"\n\
                 [ratings]\npolitical = {political}\ncapability = 80\nvitality = 80\ncohesion = 80\nconduct = 80\n{extra}"
            );
            let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
            Stored {
                path: format!("inspections/C01/{method}-1.toml"),
                seq: 9,
                state: State::Done,
                record: InspectionRecord::parse(
                    &source(&text),
                    &settings,
                    &plan,
                    &Inspectors::default(),
                    today,
                )
                .unwrap(),
            }
        };
        let records = vec![
            stored(
                "talk",
                82,
                "[[verification]]\nindicator = \"A1\"\nstatus = \"not-done\"\n",
            ),
            stored("hearing", 78, ""),
        ];
        let flags = of_unit(
            &settings,
            &assessment,
            &records,
            "self-assessments/C01.toml",
        );
        let ids: Vec<&str> = flags.iter().map(|f| f.id.as_str()).collect();
        // political: 96 - 80 = 16 > 15; capability: 95 - 80 = 15, not more than 15.
        assert_eq!(ids, ["inflation-C01-political", "concealment-C01-A1"]);
        assert_eq!(flags[0].self_reported, "96");
        assert_eq!(flags[0].inspected, "80");
        assert_eq!(
            flags[0].inspection_sources,
            [
                "inspections/C01/talk-1.toml",
                "inspections/C01/hearing-1.toml"
            ]
        );
        assert_eq!(flags[1].inspected, "not-done");
    }
}
