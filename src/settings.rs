//! `campaign.toml`: the commented settings `init` writes, read through a raw serde type and
//! validated into [`Settings`], so no later step sees an unchecked value.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use crate::error::Error;
use crate::import::words::{Term, same_word};
use crate::import::{Source, parse_toml, toml_diagnostic};
use crate::messages::settings as say;
use crate::units::Category;

pub const SCHEMA_VERSION: i64 = 1;

/// A criterion of the campaign: one of the "four strongs and one hard".
#[derive(Debug, Clone, PartialEq)]
pub struct Criterion {
    pub code: String,
    pub name: String,
    pub definition: String,
    pub weight: f64,
}

/// The five criteria as the source document defines them; weights equal by default.
pub const DEFAULT_CRITERIA: [(&str, &str, &str); 5] = [
    (
        "political",
        "政治强",
        "有较高的马克思主义理论水平和政治素养，具有坚定的理想信念，始终在思想上、政治上、行动上与党中央保持一致，认真贯彻执行党的各项方针政策；树立科学的发展观和正确的政绩观；有大局观念，确保政令畅通，令行禁止。",
    ),
    (
        "capability",
        "能力强",
        "有谋事之策、干事之才、成事之招；具有较高的领导水平和执政能力，能够科学判断形势、应对复杂局面、自觉依法执政和善于总揽全局；善于提出切实可行的工作方法和措施，实绩明显。",
    ),
    (
        "vitality",
        "活力强",
        "坚持解放思想，实事求是，与时俱进，开拓创新；较好地把党的方针、政策同本地区、本部门的实际相结合，卓有成效地开展工作；加强新知识、新业务的学习，增强创新能力和管理能力。",
    ),
    (
        "cohesion",
        "合力强",
        "班子团结，有凝聚力和战斗力；坚持和维护党的民主集中制，完善决策程序，规范权力运作；凡属重大决策、重要干部任免、重要建设项目安排和大额资金使用等重大问题，都必须经过集体讨论决定。",
    ),
    (
        "conduct",
        "作风硬",
        "牢固树立正确的世界观、人生观、价值观和权力观、地位观、利益观；增强拒腐防变的能力，清正廉洁，求真务实；坚持以实干亲民为导向，与群众保持密切的血肉联系。",
    ),
];

/// The validated settings of a campaign.
#[derive(Debug, Clone)]
pub struct Settings {
    pub name: String,
    pub year: i32,
    pub organizer: String,
    pub approver: String,
    pub language: String,
    pub criteria: Vec<Criterion>,
    pub scoring: Scoring,
    pub shortlist: ShortlistRules,
    pub publicity: Publicity,
}

/// The public notice of the preliminary list (`[publicity]`).
#[derive(Debug, Clone, PartialEq)]
pub struct Publicity {
    /// The shortest notice, in working days (公示期不少于5个工作日).
    pub min_working_days: u32,
    /// The age recipient that signed reporters' identities are encrypted to, set by
    /// `banzi publicize keygen`; its identity is kept outside the campaign.
    pub recipient: Option<String>,
}

/// The key of the recipient in `campaign.toml`.
const RECIPIENT_KEY: (&str, &str) = ("publicity", "recipient");

/// A fingerprint of the settings as the steps are drawn from them: the SHA-256 of their text, a
/// comment included, but without the key that protects reporters, which decides nothing.
pub fn fingerprint(text: &str) -> String {
    let Ok(mut settings) = text.parse::<toml_edit::DocumentMut>() else {
        return crate::store::sha256_hex(text.as_bytes());
    };
    let (section, key) = RECIPIENT_KEY;
    if let Some(table) = settings
        .get_mut(section)
        .and_then(|s| s.as_table_like_mut())
    {
        table.remove(key);
    }
    crate::store::sha256_hex(settings.to_string().as_bytes())
}

/// The settings' text with the reporters' recipient set to `recipient`, the rest as it was.
pub fn with_recipient(text: &str, recipient: &str) -> Result<String, toml_edit::TomlError> {
    let mut settings: toml_edit::DocumentMut = text.parse()?;
    let (section, key) = RECIPIENT_KEY;
    if !settings.contains_table(section) {
        settings[section] = toml_edit::table();
    }
    settings[section][key] = toml_edit::value(recipient);
    Ok(settings.to_string())
}

/// The rules of the preliminary list (`[shortlist]`).
#[derive(Debug, Clone, PartialEq)]
pub struct ShortlistRules {
    pub min_composite: f64,
    /// Every criterion's combined score at least this, unless `criterion_floors` names it.
    pub criterion_floor: f64,
    /// Floors of particular criteria, by code (`[shortlist.criterion_floors]`).
    pub criterion_floors: Vec<(String, f64)>,
    /// The lowest acceptable annual-assessment grade.
    pub min_annual_grade: String,
    /// Whether an uncleared self-inflation or concealment flag excludes a unit.
    pub flags_block: bool,
    /// Places per category; a category without a quota gets none.
    pub quota: Vec<(Category, Quota)>,
}

impl ShortlistRules {
    /// The floor of criterion `code`'s combined score.
    pub fn floor_of(&self, code: &str) -> f64 {
        self.criterion_floors
            .iter()
            .find(|(c, _)| c == code)
            .map_or(self.criterion_floor, |(_, floor)| *floor)
    }
}

/// A category's places on the preliminary list.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Quota {
    Count(u32),
    /// A share of the category's participating units, rounded down and at least 1.
    Share(f64),
}

impl Quota {
    /// The places for a category of `participating` units.
    /// The places for a category of `participating` units; none for an empty category.
    pub fn places(self, participating: usize) -> usize {
        match self {
            _ if participating == 0 => 0,
            Quota::Count(n) => n as usize,
            // 50 × 0.58 is 28.999999999999996 in floating point: floor what people would write.
            Quota::Share(share) => ((participating as f64 * share + 1e-9).floor() as usize).max(1),
        }
    }

    /// The quota in words, e.g. `3个` or `按参评单位数的30%（向下取整，至少1个）`.
    pub fn label(self) -> String {
        match self {
            Quota::Count(n) => format!("{n}个"),
            Quota::Share(share) => format!(
                "按参评单位数的{}%（向下取整，至少1个）",
                crate::figures::figure(share * 100.0)
            ),
        }
    }
}

/// The settings of the comprehensive analysis (`[scoring]`).
#[derive(Debug, Clone)]
pub struct Scoring {
    pub components: Components,
    /// Inspection methods every unit needs at least one record of.
    pub required_methods: Vec<String>,
    /// Points a self-rating may exceed the inspectors' rating before it is flagged.
    pub inflation_threshold: f64,
    /// Annual-assessment grades and their points, best first.
    pub annual_grades: Vec<Grade>,
    /// Democratic-evaluation grades and their points, best first.
    pub vote_grades: Vec<Grade>,
    /// Rater groups and their weights; empty when votes are not weighted by group.
    pub rater_groups: Vec<(String, f64)>,
}

/// The weights of the three components of a criterion's combined score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Components {
    pub inspection: f64,
    pub democratic: f64,
    pub annual: f64,
}

/// A grade of a scale and its points.
#[derive(Debug, Clone, PartialEq)]
pub struct Grade {
    pub name: String,
    pub points: f64,
}

impl Scoring {
    pub fn annual_grade(&self, name: &str) -> Option<&Grade> {
        self.annual_grades.iter().find(|g| g.name == name)
    }

    pub fn rater_group_weight(&self, group: &str) -> Option<f64> {
        self.rater_groups
            .iter()
            .find(|(g, _)| g == group)
            .map(|(_, w)| *w)
    }
}

/// A grade scale, best first; equal points keep the names' order.
fn grade_scale(grades: &BTreeMap<String, f64>) -> Vec<Grade> {
    let mut scale: Vec<Grade> = grades
        .iter()
        .map(|(name, points)| Grade {
            name: name.clone(),
            points: *points,
        })
        .collect();
    scale.sort_by(|a, b| b.points.total_cmp(&a.points));
    scale
}

impl Settings {
    pub fn criterion(&self, code: &str) -> Option<&Criterion> {
        self.criteria.iter().find(|c| c.code == code)
    }

    /// The criterion `text` names, by its code or its Chinese name, as clerks write either.
    pub fn criterion_written(&self, text: &str) -> Option<&Criterion> {
        criterion_written(&self.criteria, text)
    }

    /// Every criterion's code and name, for a message: `political (政治强), …`.
    pub fn criterion_words(&self) -> String {
        criterion_words(&self.criteria)
    }

    pub fn criterion_codes(&self) -> String {
        self.criteria
            .iter()
            .map(|c| c.code.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

fn criterion_written<'c>(criteria: &'c [Criterion], text: &str) -> Option<&'c Criterion> {
    criteria
        .iter()
        .find(|c| same_word(text, &c.code) || same_word(text, &c.name))
}

fn criterion_words(criteria: &[Criterion]) -> String {
    crate::import::words::accepted(
        criteria
            .iter()
            .map(|c| (c.code.as_str(), [c.name.as_str()])),
    )
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCampaignFile {
    schema_version: Spanned<i64>,
    campaign: RawCampaign,
    #[serde(rename = "criterion")]
    criteria: Spanned<Vec<RawCriterion>>,
    scoring: RawScoring,
    shortlist: RawShortlist,
    publicity: RawPublicity,
    /// Read by the store when it commits (`store::git`); only checked here, with the rest.
    #[serde(default)]
    #[expect(
        dead_code,
        reason = "the store reads `[git]` itself, below the settings"
    )]
    git: Option<crate::store::git::GitSettings>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCampaign {
    name: Spanned<String>,
    year: Spanned<i64>,
    organizer: Spanned<String>,
    approver: Spanned<String>,
    language: Spanned<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCriterion {
    code: Spanned<String>,
    name: Spanned<String>,
    definition: String,
    weight: Spanned<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScoring {
    components: Spanned<BTreeMap<String, f64>>,
    required_methods: Spanned<Vec<String>>,
    inflation_threshold: Spanned<f64>,
    annual_grades: Spanned<BTreeMap<String, f64>>,
    vote_grades: Spanned<BTreeMap<String, f64>>,
    #[serde(default)]
    rater_groups: Option<Spanned<BTreeMap<String, f64>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawShortlist {
    min_composite: Spanned<f64>,
    criterion_floor: Spanned<f64>,
    #[serde(default)]
    criterion_floors: BTreeMap<Spanned<String>, Spanned<f64>>,
    min_annual_grade: Spanned<String>,
    flags_block: bool,
    quota: BTreeMap<Spanned<String>, Spanned<RawQuota>>,
    /// Vetoes were once written here; they are journaled decisions now (`banzi veto`).
    #[serde(default)]
    veto: Option<Spanned<toml::Value>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuota {
    count: Option<Spanned<i64>>,
    share: Option<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPublicity {
    min_working_days: Spanned<i64>,
    recipient: Option<Spanned<String>>,
}

/// The five inspection methods (DOMAIN.md) with the words clerks write for them; the first name
/// is the one documents print. Here rather than in `inspect`, since `scoring.required_methods`
/// names them and the settings are read before any step.
pub const METHODS: [Term; 5] = [
    Term {
        key: "hearing",
        names: &["听汇报", "听取汇报"],
    },
    Term {
        key: "talk",
        names: &["个别谈话"],
    },
    Term {
        key: "materials",
        names: &["查资料", "查阅资料"],
    },
    Term {
        key: "site-visit",
        names: &["实地看", "实地察看"],
    },
    Term {
        key: "symposium",
        names: &["召开座谈会", "座谈会"],
    },
];

/// The key of the method `text` names, by its key or a Chinese name.
pub fn method(text: &str) -> Option<&'static str> {
    METHODS.iter().find(|m| m.is(text)).map(|m| m.key)
}

/// The Chinese name of the method `key`.
pub fn method_label(key: &str) -> &'static str {
    METHODS
        .iter()
        .find(|m| m.key == key)
        .map_or("", |m| m.label())
}

const WEIGHT_TOLERANCE: f64 = 1e-9;

/// The campaign years banzi accepts.
const YEARS: std::ops::RangeInclusive<i64> = 2000..=2100;
/// Places a category's quota may give: more than any city has units.
const QUOTA_COUNTS: std::ops::RangeInclusive<i64> = 1..=1000;
/// Working days a public notice may last: at least one, and no more than about a quarter year.
const NOTICE_DAYS: std::ops::RangeInclusive<i64> = 5..=60;

/// Checks an integer setting against its range; TOML integers are 64-bit, so a value past the
/// range would otherwise wrap or vanish when it is narrowed.
fn check_integer(
    value: &Spanned<i64>,
    field: &str,
    range: std::ops::RangeInclusive<i64>,
    what: fn(i64, i64, i64) -> String,
    bad: &mut impl FnMut(std::ops::Range<usize>, &str, String),
) {
    let n = *value.get_ref();
    if !range.contains(&n) {
        bad(value.span(), field, what(n, *range.start(), *range.end()));
    }
}

/// A sum of weights as people wrote them, without the float noise of adding them up.
fn rounded(total: f64) -> f64 {
    (total * 1e9).round() / 1e9
}

/// Parses and validates the text of `campaign.toml`, reporting every bad key with its place.
pub fn parse(source: &Source) -> Result<Settings, Error> {
    let hint = say::hint();
    let raw: RawCampaignFile = parse_toml(source, &hint)?;
    let mut diagnostics = Vec::new();
    let mut bad = |span: std::ops::Range<usize>, field: &str, message: String| {
        diagnostics.push(toml_diagnostic(source, span, field, message));
    };

    if *raw.schema_version.get_ref() != SCHEMA_VERSION {
        bad(
            raw.schema_version.span(),
            "schema_version",
            say::schema_unsupported(*raw.schema_version.get_ref(), SCHEMA_VERSION),
        );
    }
    let c = &raw.campaign;
    for (value, field) in [
        (&c.name, "campaign.name"),
        (&c.organizer, "campaign.organizer"),
        (&c.approver, "campaign.approver"),
    ] {
        if value.get_ref().trim().is_empty() {
            bad(value.span(), field, say::must_not_be_empty());
        }
    }
    check_integer(
        &c.year,
        "campaign.year",
        YEARS,
        say::implausible_year,
        &mut bad,
    );
    if c.language.get_ref() != "zh-CN" {
        bad(
            c.language.span(),
            "campaign.language",
            say::language_only_zh(c.language.get_ref()),
        );
    }

    let mut criteria: Vec<Criterion> = Vec::new();
    let mut codes = std::collections::HashSet::new();
    if raw.criteria.get_ref().is_empty() {
        bad(raw.criteria.span(), "criterion", say::criterion_needed());
    }
    for rc in raw.criteria.get_ref() {
        let code = rc.code.get_ref().trim();
        if !crate::units::is_safe_code(code) {
            bad(rc.code.span(), "criterion.code", say::bad_code(code));
        } else if !codes.insert(code) {
            bad(rc.code.span(), "criterion.code", say::criterion_twice(code));
        } else if let Some(other) = criterion_written(&criteria, code) {
            bad(
                rc.code.span(),
                "criterion.code",
                say::already_names(code, &other.code),
            );
        }
        let name = rc.name.get_ref().trim();
        if name.is_empty() {
            bad(rc.name.span(), "criterion.name", say::must_not_be_empty());
        } else if let Some(other) = criterion_written(&criteria, name) {
            // Records may name a criterion by its name: each must name one criterion only.
            bad(
                rc.name.span(),
                "criterion.name",
                say::already_names(name, &other.code),
            );
        }
        let weight = *rc.weight.get_ref();
        if !(0.0..=1.0).contains(&weight) {
            bad(
                rc.weight.span(),
                "criterion.weight",
                say::weight_outside(weight),
            );
        }
        criteria.push(Criterion {
            code: code.to_owned(),
            name: rc.name.get_ref().trim().to_owned(),
            definition: rc.definition.trim().to_owned(),
            weight,
        });
    }
    let total: f64 = criteria.iter().map(|c| c.weight).sum();
    if !criteria.is_empty() && (total - 1.0).abs() > WEIGHT_TOLERANCE {
        bad(
            raw.criteria.span(),
            "criterion.weight",
            say::criteria_weights_sum(rounded(total)),
        );
    }

    check_scoring(&raw.scoring, &mut bad);
    check_shortlist(&raw.shortlist, &raw.scoring, &criteria, &mut bad);
    check_integer(
        &raw.publicity.min_working_days,
        "publicity.min_working_days",
        NOTICE_DAYS,
        say::implausible_notice_days,
        &mut bad,
    );
    if let Some(recipient) = &raw.publicity.recipient
        && recipient
            .get_ref()
            .trim()
            .parse::<age::pq::Recipient>()
            .is_err()
    {
        bad(
            recipient.span(),
            "publicity.recipient",
            say::bad_recipient(),
        );
    }

    Error::check(diagnostics, say::invalid_settings, &hint)?;
    let criterion_floors = raw
        .shortlist
        .criterion_floors
        .iter()
        .filter_map(|(written, floor)| {
            let criterion = criterion_written(&criteria, written.get_ref())?;
            Some((criterion.code.clone(), *floor.get_ref()))
        })
        .collect();
    Ok(Settings {
        name: c.name.get_ref().trim().to_owned(),
        year: i32::try_from(*c.year.get_ref()).expect("the year is range-checked"),
        organizer: c.organizer.get_ref().trim().to_owned(),
        approver: c.approver.get_ref().trim().to_owned(),
        language: c.language.get_ref().clone(),
        criteria,
        scoring: Scoring {
            components: Components {
                inspection: raw
                    .scoring
                    .components
                    .get_ref()
                    .get("inspection")
                    .copied()
                    .unwrap_or(0.0),
                democratic: raw
                    .scoring
                    .components
                    .get_ref()
                    .get("democratic")
                    .copied()
                    .unwrap_or(0.0),
                annual: raw
                    .scoring
                    .components
                    .get_ref()
                    .get("annual")
                    .copied()
                    .unwrap_or(0.0),
            },
            required_methods: raw
                .scoring
                .required_methods
                .get_ref()
                .iter()
                .filter_map(|m| method(m).map(str::to_owned))
                .collect(),
            inflation_threshold: *raw.scoring.inflation_threshold.get_ref(),
            annual_grades: grade_scale(raw.scoring.annual_grades.get_ref()),
            vote_grades: grade_scale(raw.scoring.vote_grades.get_ref()),
            rater_groups: raw
                .scoring
                .rater_groups
                .as_ref()
                .map(|g| g.get_ref().iter().map(|(k, v)| (k.clone(), *v)).collect())
                .unwrap_or_default(),
        },
        shortlist: ShortlistRules {
            min_composite: *raw.shortlist.min_composite.get_ref(),
            criterion_floor: *raw.shortlist.criterion_floor.get_ref(),
            criterion_floors,
            min_annual_grade: raw.shortlist.min_annual_grade.get_ref().clone(),
            flags_block: raw.shortlist.flags_block,
            quota: raw
                .shortlist
                .quota
                .iter()
                .filter_map(|(category, quota)| {
                    let category = Category::parse(category.get_ref())?;
                    let quota = match (&quota.get_ref().count, quota.get_ref().share) {
                        (Some(count), _) => Quota::Count(
                            u32::try_from(*count.get_ref()).expect("the count is range-checked"),
                        ),
                        (None, Some(share)) => Quota::Share(share),
                        (None, None) => return None,
                    };
                    Some((category, quota))
                })
                .collect(),
        },
        publicity: Publicity {
            min_working_days: u32::try_from(*raw.publicity.min_working_days.get_ref())
                .expect("the notice length is range-checked"),
            recipient: raw
                .publicity
                .recipient
                .map(|r| r.into_inner().trim().to_owned()),
        },
    })
}

fn check_weights_sum(
    weights: &Spanned<BTreeMap<String, f64>>,
    field: &str,
    bad: &mut impl FnMut(std::ops::Range<usize>, &str, String),
) {
    if weights.get_ref().values().any(|w| !(0.0..=1.0).contains(w)) {
        bad(weights.span(), field, say::weights_outside());
    }
    let total: f64 = weights.get_ref().values().sum();
    if (total - 1.0).abs() > WEIGHT_TOLERANCE {
        bad(weights.span(), field, say::weights_sum(rounded(total)));
    }
}

fn check_grades(
    grades: &Spanned<BTreeMap<String, f64>>,
    field: &str,
    bad: &mut impl FnMut(std::ops::Range<usize>, &str, String),
) {
    if grades.get_ref().is_empty() {
        bad(grades.span(), field, say::grade_needed());
    }
    for (grade, points) in grades.get_ref() {
        if !(0.0..=100.0).contains(points) {
            bad(
                grades.span(),
                field,
                say::grade_points_outside(grade, *points),
            );
        }
    }
}

fn check_scoring(s: &RawScoring, bad: &mut impl FnMut(std::ops::Range<usize>, &str, String)) {
    let components = s.components.get_ref();
    for key in components.keys() {
        if !["inspection", "democratic", "annual"].contains(&key.as_str()) {
            bad(
                s.components.span(),
                "scoring.components",
                say::unknown_component(key),
            );
        }
    }
    check_weights_sum(&s.components, "scoring.components", bad);
    for written in s.required_methods.get_ref() {
        if method(written).is_none() {
            bad(
                s.required_methods.span(),
                "scoring.required_methods",
                say::unknown_method(written, &Term::accepted(&METHODS)),
            );
        }
    }
    let threshold = *s.inflation_threshold.get_ref();
    if !(0.0..=100.0).contains(&threshold) {
        bad(
            s.inflation_threshold.span(),
            "scoring.inflation_threshold",
            say::outside_0_100(threshold),
        );
    }
    check_grades(&s.annual_grades, "scoring.annual_grades", bad);
    check_grades(&s.vote_grades, "scoring.vote_grades", bad);
    if let Some(groups) = &s.rater_groups
        && !groups.get_ref().is_empty()
    {
        check_weights_sum(groups, "scoring.rater_groups", bad);
    }
}

fn check_shortlist(
    s: &RawShortlist,
    scoring: &RawScoring,
    criteria: &[Criterion],
    bad: &mut impl FnMut(std::ops::Range<usize>, &str, String),
) {
    let floors = s.criterion_floors.iter().map(|(code, floor)| {
        (
            floor,
            format!("shortlist.criterion_floors.{}", code.get_ref()),
        )
    });
    for (value, field) in [
        (&s.min_composite, "shortlist.min_composite".to_owned()),
        (&s.criterion_floor, "shortlist.criterion_floor".to_owned()),
    ]
    .into_iter()
    .chain(floors)
    {
        if !(0.0..=100.0).contains(value.get_ref()) {
            bad(value.span(), &field, say::outside_0_100(*value.get_ref()));
        }
    }
    let mut floored = std::collections::HashMap::new();
    for written in s.criterion_floors.keys() {
        match criterion_written(criteria, written.get_ref()) {
            None => bad(
                written.span(),
                "shortlist.criterion_floors",
                say::unknown_criterion(written.get_ref(), &criterion_words(criteria)),
            ),
            Some(c) => {
                if let Some(first) = floored.insert(c.code.as_str(), written.get_ref()) {
                    bad(
                        written.span(),
                        "shortlist.criterion_floors",
                        say::two_floors(&c.code, first, written.get_ref()),
                    );
                }
            }
        }
    }
    if let Some(veto) = &s.veto {
        bad(veto.span(), "shortlist.veto", say::veto_not_setting());
    }
    let grade = s.min_annual_grade.get_ref();
    if !scoring.annual_grades.get_ref().contains_key(grade) {
        bad(
            s.min_annual_grade.span(),
            "shortlist.min_annual_grade",
            say::not_annual_grade(grade),
        );
    }
    let mut quotas = std::collections::HashMap::new();
    for (category, quota) in &s.quota {
        match Category::parse(category.get_ref()) {
            None => bad(
                category.span(),
                "shortlist.quota",
                say::unknown_category(category.get_ref(), &Category::WORDS.accepted()),
            ),
            Some(parsed) => {
                if let Some(first) = quotas.insert(parsed, category.get_ref()) {
                    bad(
                        category.span(),
                        "shortlist.quota",
                        say::two_quotas(parsed.key(), first, category.get_ref()),
                    );
                }
            }
        }
        let field = format!("shortlist.quota.{}", category.get_ref());
        match (&quota.get_ref().count, quota.get_ref().share) {
            (Some(count), None) => check_integer(
                count,
                &format!("{field}.count"),
                QUOTA_COUNTS,
                say::implausible_places,
                bad,
            ),
            (None, Some(share)) if share > 0.0 && share <= 1.0 => {}
            (None, Some(share)) => bad(quota.span(), &field, say::share_range(share)),
            _ => bad(quota.span(), &field, say::count_or_share()),
        }
    }
}

/// A TOML string literal, quoted and escaped by the toml crate, for the templates banzi prints.
pub(crate) fn quoted(text: &str) -> String {
    toml::Value::String(text.to_owned()).to_string()
}

/// The commented `campaign.toml` that `banzi init` writes.
pub fn template(name: &str, year: i32, organizer: &str, approver: &str) -> String {
    let weight = 1.0 / DEFAULT_CRITERIA.len() as f64;
    let mut criteria = String::new();
    for (code, cname, definition) in DEFAULT_CRITERIA {
        criteria.push_str(&format!(
            "[[criterion]]\ncode = {}\nname = {}\ndefinition = {}\nweight = {weight}\n\n",
            quoted(code),
            quoted(cname),
            quoted(definition)
        ));
    }
    format!(
        r#"# banzi campaign settings. banzi validates this file on every command; an edit is
# journaled with the next change. Keys unknown to banzi are errors, so a typo is never ignored.
schema_version = {SCHEMA_VERSION}

[campaign]
name = {name}
year = {year}
organizer = {organizer}   # 组织单位 (proposes the lists)
approver = {approver}     # 审批单位 (approves the final list)
language = "zh-CN"        # language of generated documents

# The five criteria ("四强一硬"), as defined in the campaign's founding document.
# `weight` is the criterion's share of a unit's composite; weights must sum to 1.

{criteria}# Comprehensive analysis (综合分析), used by `banzi inspect`.
[scoring]
components = {{ inspection = 0.4, democratic = 0.3, annual = 0.3 }}   # must sum to 1
required_methods = ["hearing", "talk", "materials"]   # of: {methods}
inflation_threshold = 15   # flag a self-rating more than this above the inspectors' rating

[scoring.annual_grades]    # annual-assessment grade (年度考核等次) -> points
"优秀" = 100
"良好" = 85
"一般" = 70
"较差" = 0

[scoring.vote_grades]      # democratic-evaluation grade (民主测评) -> points
"优秀" = 100
"较好" = 80
"一般" = 60
"较差" = 40

[scoring.rater_groups]     # optional; when present, every group in a votes file must be listed; weights sum to 1
# "上级领导" = 0.3
# "班子成员" = 0.3
# "中层干部" = 0.2
# "服务对象" = 0.2

# The preliminary list (初步名单), used by `banzi shortlist`.
[shortlist]
min_composite = 80.0        # a unit's composite at least this
criterion_floor = 70.0      # every criterion's combined score at least this
min_annual_grade = "良好"    # a grade of the annual scale; lower grades exclude
flags_block = true          # an uncleared self-inflation or concealment flag excludes

# [shortlist.criterion_floors]  # optional: a stricter or looser floor for a criterion, by code
# conduct = 75.0

[shortlist.quota]           # per category: {{ count = N }} or {{ share = 0.3 }} (rounded down, at least 1)
county = {{ count = 3 }}
department = {{ share = 0.3 }}
municipal-unit = {{ share = 0.25 }}

# Vetoes (一票否决) are decisions, not settings: `banzi veto UNIT --reason "…" --basis "…"`.

# The public notice (公示), used by `banzi publicize`.
[publicity]
min_working_days = 5        # a notice lasts not less than this many working days (at least 5)
# recipient = "age1…"       # set by `banzi publicize keygen`: signed reporters' names are encrypted to it

# History through git: when this folder is in a git work tree, commit each change banzi makes
# (only the files it touched, the journal and the index), its summary as the message.
# [git]
# autocommit = true
"#,
        name = quoted(name),
        organizer = quoted(organizer),
        approver = quoted(approver),
        methods = METHODS.map(|m| m.key).join(", "),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(text: String) -> Source {
        Source::new(
            "campaign.toml",
            text,
            crate::import::Encoding::Utf8,
            String::new(),
        )
    }

    #[test]
    fn the_template_is_valid_and_has_the_five_criteria() {
        let settings = parse(&source(template(
            "2026年度\"活动\"",
            2026,
            "市委组织部",
            "市委",
        )))
        .unwrap();
        assert_eq!(settings.name, "2026年度\"活动\"");
        assert_eq!(settings.publicity.min_working_days, 5);
        assert_eq!(
            settings.criterion_codes(),
            "political, capability, vitality, cohesion, conduct"
        );
        assert_eq!(settings.criterion("cohesion").unwrap().name, "合力强");
        let scoring = &settings.scoring;
        assert_eq!(scoring.components.inspection, 0.4);
        let annual: Vec<&str> = scoring
            .annual_grades
            .iter()
            .map(|g| g.name.as_str())
            .collect();
        assert_eq!(annual, ["优秀", "良好", "一般", "较差"]);
        assert_eq!(scoring.vote_grades[1].points, 80.0);
        assert!(scoring.rater_groups.is_empty());
        assert_eq!(scoring.required_methods, ["hearing", "talk", "materials"]);
        let rules = &settings.shortlist;
        assert_eq!(rules.min_annual_grade, "良好");
        assert_eq!(
            rules.quota,
            [
                (Category::County, Quota::Count(3)),
                (Category::Department, Quota::Share(0.3)),
                (Category::MunicipalUnit, Quota::Share(0.25)),
            ]
        );
    }

    #[test]
    fn a_share_quota_rounds_down_and_gives_at_least_one_place() {
        assert_eq!(Quota::Share(0.3).places(10), 3);
        assert_eq!(Quota::Share(0.3).places(6), 1);
        assert_eq!(Quota::Share(0.25).places(3), 1);
        assert_eq!(Quota::Share(1.0).places(7), 7);
        assert_eq!(Quota::Count(3).places(2), 3);
        assert_eq!(Quota::Share(0.58).places(50), 29);
        assert_eq!(Quota::Share(0.7).places(90), 63);
        assert_eq!(Quota::Share(0.3).places(0), 0);
        assert_eq!(Quota::Count(3).places(0), 0);
    }

    #[test]
    fn bad_keys_are_reported_with_their_place() {
        let text = template("x", 2026, "a", "b").replace(
            "code = \"vitality\"\nname = \"活力强\"",
            "code = \"vitality\"\nname = \"活力强\"\ncolour = 1",
        );
        let err = parse(&source(text)).unwrap_err();
        let d = &err.diagnostics[0];
        assert!(d.message.contains("unknown field `colour`"), "{d}");
        assert!(d.line.is_some() && d.column.is_some());
    }

    #[test]
    fn weights_that_do_not_sum_to_one_are_refused_with_every_other_problem() {
        let text = template("x", 2026, "a", "b")
            .replacen("weight = 0.2", "weight = 0.3", 1)
            .replace("min_annual_grade = \"良好\"", "min_annual_grade = \"很好\"")
            .replace(
                "department = { share = 0.3 }",
                "department = { share = 1.5 }",
            );
        let err = parse(&source(text)).unwrap_err();
        let all: Vec<String> = err.diagnostics.iter().map(|d| d.to_string()).collect();
        assert_eq!(all.len(), 3, "{all:#?}");
        assert!(all[0].contains("criterion.weight: the criteria's weights sum to 1.1"));
        assert!(all.iter().any(|d| d.contains("`很好` is not a grade")));
        assert!(all.iter().any(|d| d.contains("share 1.5")));
    }

    #[test]
    fn every_integer_setting_is_range_checked_with_its_place() {
        let cases = [
            (
                "county = { count = 3 }",
                "county = { count = 4294967296 }",
                "shortlist.quota.county.count",
                "4294967296 is not a plausible number of places (1-1000)",
            ),
            (
                "county = { count = 3 }",
                "county = { count = 0 }",
                "shortlist.quota.county.count",
                "0 is not a plausible number of places (1-1000)",
            ),
            (
                "county = { count = 3 }",
                "county = { count = -1 }",
                "shortlist.quota.county.count",
                "-1 is not a plausible number of places (1-1000)",
            ),
            (
                "min_working_days = 5",
                "min_working_days = 9223372036854775807",
                "publicity.min_working_days",
                "9223372036854775807 is not a plausible length of a public notice in working days (5-60)",
            ),
            (
                "min_working_days = 5",
                "min_working_days = 0",
                "publicity.min_working_days",
                "0 is not a plausible length of a public notice in working days (5-60)",
            ),
            (
                "year = 2026",
                "year = 4294969322",
                "campaign.year",
                "4294969322 is not a plausible campaign year (2000-2100)",
            ),
            (
                "schema_version = 1",
                "schema_version = 4294967297",
                "schema_version",
                "schema version 4294967297 is not supported",
            ),
        ];
        for (from, to, field, message) in cases {
            let text = template("x", 2026, "a", "b").replacen(from, to, 1);
            let value = to.rsplit(' ').find(|w| w.parse::<i64>().is_ok()).unwrap();
            let line = text.lines().position(|l| l.contains(to)).unwrap() + 1;
            let column = text.lines().nth(line - 1).unwrap().find(value).unwrap() + 1;
            let err = parse(&source(text)).unwrap_err();
            assert_eq!(err.diagnostics.len(), 1, "{to}: {:#?}", err.diagnostics);
            let d = &err.diagnostics[0];
            assert_eq!(d.field.as_deref(), Some(field), "{to}");
            assert!(d.message.starts_with(message), "{to}: {d}");
            assert_eq!((d.line, d.column), (Some(line), Some(column)), "{to}: {d}");
        }
    }

    #[test]
    fn diagnostics_point_at_the_line_of_the_bad_value() {
        let text = template("x", 2026, "a", "b").replace("year = 2026", "year = 1900");
        let line = text.lines().position(|l| l.starts_with("year")).unwrap() + 1;
        let err = parse(&source(text)).unwrap_err();
        assert_eq!(err.diagnostics[0].line, Some(line));
        assert_eq!(err.diagnostics[0].field.as_deref(), Some("campaign.year"));
    }

    #[test]
    fn methods_criteria_and_categories_may_be_named_in_chinese() {
        let text = template("x", 2026, "a", "b")
            .replace(
                "required_methods = [\"hearing\", \"talk\", \"materials\"]",
                "required_methods = [\"听取汇报\", \"个别谈话\", \"查资料\"]",
            )
            .replace(
                "# [shortlist.criterion_floors]  # optional: a stricter or looser floor for a criterion, by code\n# conduct = 75.0",
                "[shortlist.criterion_floors]\n\"作风硬\" = 75.0",
            )
            .replace("county = { count = 3 }", "\"县（市、区）\" = { count = 3 }");
        let settings = parse(&source(text)).unwrap();
        assert_eq!(
            settings.scoring.required_methods,
            ["hearing", "talk", "materials"]
        );
        assert_eq!(settings.shortlist.floor_of("conduct"), 75.0);
        assert!(
            settings
                .shortlist
                .quota
                .contains(&(Category::County, Quota::Count(3)))
        );
        assert_eq!(
            settings
                .criterion_written("合力强")
                .map(|c| c.code.as_str()),
            Some("cohesion")
        );
    }

    #[test]
    fn a_criterion_name_that_names_another_criterion_is_refused() {
        let text = template("x", 2026, "a", "b")
            .replace("name = \"活力强\"", "name = \"政治强\"")
            .replace(
                "required_methods = [\"hearing\", \"talk\", \"materials\"]",
                "required_methods = [\"hearing\", \"谈话\"]",
            )
            .replace(
                "county = { count = 3 }",
                "county = { count = 3 }\n\"县级\" = { count = 2 }",
            );
        let err = parse(&source(text)).unwrap_err();
        let all: Vec<String> = err.diagnostics.iter().map(|d| d.to_string()).collect();
        assert_eq!(all.len(), 3, "{all:#?}");
        assert!(
            all[2].ends_with(
                "shortlist.quota: category `county` has two quotas, as `county` and as `县级`"
            ),
            "{all:#?}"
        );
        assert!(
            all[0].ends_with("criterion.name: `政治强` already names criterion `political`"),
            "{all:#?}"
        );
        assert!(
            all[1].contains("scoring.required_methods: unknown method `谈话` (expected one of hearing (听汇报, 听取汇报), talk (个别谈话)"),
            "{all:#?}"
        );
    }

    #[test]
    fn per_criterion_floors_name_known_criteria_and_a_veto_is_no_setting() {
        let text = template("x", 2026, "a", "b").replace(
            "# [shortlist.criterion_floors]  # optional: a stricter or looser floor for a criterion, by code\n# conduct = 75.0",
            "[shortlist.criterion_floors]\nconduct = 75.0\nhonesty = 80.0\npolitical = 120.0",
        ) + "\n[[shortlist.veto]]\nunit = \"M05\"\nreason = \"事故\"\n[[shortlist.veto]]\nunit = \"M05\"\nreason = \"再次\"\n";
        let honesty = text.lines().position(|l| l.starts_with("honesty")).unwrap() + 1;
        let err = parse(&source(text)).unwrap_err();
        let all: Vec<String> = err.diagnostics.iter().map(|d| d.to_string()).collect();
        assert_eq!(all.len(), 3, "{all:#?}");
        assert!(
            all.iter()
                .any(|d| d.contains("criterion_floors.political: 120 is outside 0-100"))
        );
        let unknown = err
            .diagnostics
            .iter()
            .find(|d| d.message.contains("unknown criterion `honesty`"))
            .unwrap();
        assert_eq!(unknown.line, Some(honesty));
        let veto = err
            .diagnostics
            .iter()
            .find(|d| d.field.as_deref() == Some("shortlist.veto"))
            .unwrap();
        assert!(veto.message.contains("banzi veto UNIT"), "{}", veto.message);

        let text = template("x", 2026, "a", "b").replace(
            "# [shortlist.criterion_floors]  # optional: a stricter or looser floor for a criterion, by code\n# conduct = 75.0",
            "[shortlist.criterion_floors]\nconduct = 75.0",
        );
        let rules = parse(&source(text)).unwrap().shortlist;
        assert_eq!(
            (rules.floor_of("conduct"), rules.floor_of("political")),
            (75.0, 70.0)
        );
    }

    proptest::proptest! {
        #![proptest_config(crate::import::fuzz::config())]

        #[test]
        fn any_settings_file_is_read_or_refused_with_its_reason(
            bytes in crate::import::fuzz::hostile(&crate::import::fuzz::SETTINGS_TEXT)
        ) {
            crate::import::fuzz::read_or_refuse("campaign.toml", &bytes, parse);
        }
    }
}
