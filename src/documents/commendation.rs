//! The commendation's documents: the proposal (拟表彰名单的请示), the decision (表彰决定), the list
//! (名单) and the certificates (荣誉证书). One model each, serialised as the HTML and Markdown
//! templates and the PDF engine read it; every text is simplified Chinese, as printed.

use serde::Serialize;

use crate::commend::{Approval, Commendation};
use crate::figures::{chinese_date, chinese_numeral_date};
use crate::settings::Settings;
use crate::units::Category;

#[derive(Debug, Clone, Serialize)]
pub struct DocUnit {
    pub unit: String,
    pub name: String,
    pub composite: String,
    /// The unit's heads, as the register names them.
    pub heads: String,
    /// What the public notice brought about it.
    pub publicity: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct DocCategory {
    pub number: String,
    pub label: String,
    pub units: Vec<DocUnit>,
}

/// A category as the decision names its units: by name alone.
#[derive(Debug, Clone, Serialize)]
pub struct NamedCategory {
    pub number: String,
    pub label: String,
    pub units: Vec<String>,
}

/// The end matter (版记) of an official document.
#[derive(Debug, Clone, Serialize)]
pub struct Imprint {
    pub copy_to: String,
    pub printer: String,
    pub printed: String,
}

/// The decision (表彰决定), as GB/T 9704 lays it out.
#[derive(Debug, Clone, Serialize)]
pub struct Decision {
    pub organ: String,
    pub decision_no: String,
    pub title: String,
    pub addressee: String,
    pub body: Vec<String>,
    pub categories: Vec<NamedCategory>,
    pub closing: Vec<String>,
    pub signature: String,
    pub date: String,
    pub iso_date: String,
    pub imprint: Imprint,
    pub head: String,
}

/// The list alone, as the decision's attachment.
#[derive(Debug, Clone, Serialize)]
pub struct List {
    pub title: String,
    pub decision_no: String,
    pub organ: String,
    pub categories: Vec<DocCategory>,
    pub date: String,
    pub iso_date: String,
    pub head: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Certificate {
    pub unit: String,
    pub text: String,
    pub organ: String,
    pub date: String,
    pub number: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Certificates {
    pub certificates: Vec<Certificate>,
    pub iso_date: String,
    pub head: String,
}

/// A row of the list as CSV, for Excel/WPS.
#[derive(Debug, Serialize)]
pub struct ListRow {
    #[serde(rename = "序号")]
    pub number: usize,
    #[serde(rename = "类别")]
    pub category: String,
    #[serde(rename = "单位代码")]
    pub unit: String,
    #[serde(rename = "单位名称")]
    pub name: String,
    #[serde(rename = "综合得分")]
    pub composite: String,
    #[serde(rename = "主要负责人")]
    pub heads: String,
    #[serde(rename = "发文字号")]
    pub decision_no: String,
    #[serde(rename = "日志头")]
    pub head: String,
}

/// The commended units by category, in rank order.
fn categories(commendation: &Commendation) -> Vec<DocCategory> {
    Category::ALL
        .iter()
        .filter_map(|category| {
            let units: Vec<DocUnit> = commendation
                .units
                .iter()
                .filter(|u| u.category == *category)
                .map(|u| DocUnit {
                    unit: u.unit.clone(),
                    name: u.name.clone(),
                    composite: u.composite.map(|c| format!("{c:.2}")).unwrap_or_default(),
                    heads: std::iter::once(u.party_head.as_str())
                        .chain(u.government_head.as_deref())
                        .filter(|h| !h.is_empty())
                        .collect::<Vec<_>>()
                        .join("、"),
                    publicity: u.publicity.clone(),
                })
                .collect();
            (!units.is_empty()).then(|| (category.label().to_owned(), units))
        })
        .enumerate()
        .map(|(i, (label, units))| DocCategory {
            number: super::chinese_ordinal(i + 1),
            label,
            units,
        })
        .collect()
}

/// The title the decision, the list and the certificates share: `“四强一硬”好班子`.
const HONOUR: &str = "“四强一硬”好班子";

/// The decision's title, broken where a two-line title reads well (`\n`; HTML and Markdown
/// show it as a space).
fn title(settings: &Settings) -> String {
    format!("关于表彰{}年度\n{HONOUR}的决定", settings.year)
}

/// The decision, from the approved commendation.
pub fn decision(
    settings: &Settings,
    commendation: &Commendation,
    approval: &Approval,
    head: &str,
) -> Decision {
    let criteria: Vec<&str> = settings.criteria.iter().map(|c| c.name.as_str()).collect();
    let count = commendation.units.len();
    Decision {
        organ: approval.approver.clone(),
        decision_no: approval.decision_no.clone(),
        title: title(settings),
        addressee: "各县（市、区）委，市委各部门，市直各单位：".to_owned(),
        body: vec![
            format!(
                "{}年以来，全市各级领导班子深入开展{}，按照{}的要求，加强自身建设，推动各项工作取得新成效，涌现出一批政治坚定、能力突出、充满活力、团结协作、作风过硬的好班子。",
                settings.year,
                settings.name,
                criteria.join("、")
            ),
            format!(
                "经单位自评、组织考察并结合年度考核综合分析，在全市范围内公示，{}决定，授予以下{count}个领导班子{}称号，予以表彰。",
                approval.approver,
                HONOUR
            ),
        ],
        categories: categories(commendation)
            .into_iter()
            .map(|c| NamedCategory {
                number: c.number,
                label: c.label,
                units: c.units.into_iter().map(|u| u.name).collect(),
            })
            .collect(),
        closing: vec![
            "希望受到表彰的领导班子珍惜荣誉，再接再厉，在新的起点上争创更大业绩。全市各级领导班子要以受表彰的班子为榜样，对照“四强一硬”的要求，加强自身建设，为推动全市高质量发展作出新的更大贡献。".to_owned(),
        ],
        signature: approval.approver.clone(),
        date: chinese_date(approval.date),
        iso_date: approval.date.to_string(),
        imprint: Imprint {
            copy_to: String::new(),
            printer: settings.organizer.clone(),
            printed: format!("{}印发", chinese_date(approval.date)),
        },
        head: head.to_owned(),
    }
}

/// The list, the decision's attachment.
pub fn list(
    settings: &Settings,
    commendation: &Commendation,
    approval: &Approval,
    head: &str,
) -> List {
    List {
        title: format!("{}年度{HONOUR}名单", settings.year),
        decision_no: approval.decision_no.clone(),
        organ: approval.approver.clone(),
        categories: categories(commendation),
        date: chinese_date(approval.date),
        iso_date: approval.date.to_string(),
        head: head.to_owned(),
    }
}

/// A certificate per commended unit; dates in Chinese numerals when `numerals`.
pub fn certificates(
    settings: &Settings,
    commendation: &Commendation,
    approval: &Approval,
    head: &str,
    numerals: bool,
) -> Certificates {
    let date = if numerals {
        chinese_numeral_date(approval.date)
    } else {
        chinese_date(approval.date)
    };
    Certificates {
        certificates: commendation
            .units
            .iter()
            .enumerate()
            .map(|(i, u)| Certificate {
                unit: u.name.clone(),
                text: format!(
                    "在{}中，被评为{}年度{HONOUR}。特发此证，以资鼓励。",
                    settings.name, settings.year
                ),
                organ: approval.approver.clone(),
                date: date.clone(),
                number: format!("{}-{:02}", settings.year, i + 1),
            })
            .collect(),
        iso_date: approval.date.to_string(),
        head: head.to_owned(),
    }
}

/// The list as CSV rows.
pub fn list_rows(list: &List) -> Vec<ListRow> {
    list.categories
        .iter()
        .flat_map(|c| c.units.iter().map(move |u| (c, u)))
        .enumerate()
        .map(|(i, (c, u))| ListRow {
            number: i + 1,
            category: c.label.clone(),
            unit: u.unit.clone(),
            name: u.name.clone(),
            composite: u.composite.clone(),
            heads: u.heads.clone(),
            decision_no: list.decision_no.clone(),
            head: list.head.clone(),
        })
        .collect()
}

/// The proposal (请示) of the final list, for the committee.
#[derive(Debug, Serialize)]
struct Proposal {
    organizer: String,
    approver: String,
    campaign: String,
    year: i32,
    notice: u32,
    version: u32,
    categories: Vec<DocCategory>,
    count: usize,
    removed: Vec<(String, String, String)>,
    head: String,
}

pub fn proposal_markdown(settings: &Settings, commendation: &Commendation, head: &str) -> String {
    super::render(
        "proposal.md",
        include_str!("templates/proposal.md"),
        Proposal {
            organizer: settings.organizer.clone(),
            approver: settings.approver.clone(),
            campaign: settings.name.clone(),
            year: settings.year,
            notice: commendation.notice,
            version: commendation.version,
            categories: categories(commendation),
            count: commendation.units.len(),
            removed: commendation
                .removed
                .iter()
                .map(|r| (r.unit.clone(), r.name.clone(), r.reason.clone()))
                .collect(),
            head: head.to_owned(),
        },
    )
}

pub fn decision_markdown(decision: &Decision) -> String {
    super::render(
        "decision.md",
        include_str!("templates/decision.md"),
        decision,
    )
}

pub fn decision_html(decision: &Decision) -> String {
    super::render_html(
        "decision.html",
        include_str!("templates/decision.html"),
        decision,
    )
}

pub fn list_markdown(list: &List) -> String {
    super::render("list.md", include_str!("templates/list.md"), list)
}

pub fn list_html(list: &List) -> String {
    super::render_html("list.html", include_str!("templates/list.html"), list)
}

pub fn certificates_html(certificates: &Certificates) -> String {
    super::render_html(
        "certificates.html",
        include_str!("templates/certificates.html"),
        certificates,
    )
}
