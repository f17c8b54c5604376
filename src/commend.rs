//! Step 6, the commendation (推荐、表彰): the final list proposed from the published list less
//! every unit ruled out since, the municipal committee's approval with its document number and
//! date, and the documents published for people to sign and print.
//!
//! One record, `commendation/commendation.toml`, holds the act it has reached; it is the step's
//! result, drawn from the closed notice and every ruling, so a disqualification (or its
//! revocation) after the proposal makes it stale: proposed, and approved, again.

use chrono::{Datelike as _, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::campaign::Campaign;
use crate::context::Context;
use crate::error::Error;
use crate::journal::Entry;
use crate::messages::{both, commend as words};
use crate::rulings::{Disqualification, Veto, Withdrawal};
use crate::shortlist::rules::Decision;
use crate::steps::{COMMENDATION_FILE, Step};
use crate::store::Transaction;
use crate::units::Category;

/// The act the commendation has reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum State {
    Proposed,
    Approved,
    Published,
}

impl State {
    pub fn key(self) -> &'static str {
        match self {
            State::Proposed => "proposed",
            State::Approved => "approved",
            State::Published => "published",
        }
    }
}

/// A unit on the final list, as the published list placed it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Commended {
    pub unit: String,
    pub name: String,
    pub category: Category,
    pub rank: Option<usize>,
    pub composite: Option<f64>,
    pub party_head: String,
    #[serde(default)]
    pub government_head: Option<String>,
    /// What the public notice brought about the unit, in Chinese, as the proposal prints it.
    #[serde(default)]
    pub publicity: String,
}

/// A unit of the published list that left it since, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Removed {
    pub unit: String,
    pub name: String,
    pub reason: String,
}

/// The committee's approval (审批), with the document that records it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Approval {
    pub decision_no: String,
    pub date: NaiveDate,
    pub approver: String,
    pub seq: u64,
    pub operator: String,
    pub time: String,
}

/// A file `publish` wrote, with its SHA-256.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Published {
    pub file: String,
    pub sha256: String,
}

/// The commendation record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Commendation {
    pub state: State,
    /// The public notice whose list it comes from, and that list's version.
    pub notice: u32,
    pub version: u32,
    pub proposed_seq: u64,
    pub proposed_operator: String,
    pub proposed_time: String,
    #[serde(rename = "unit")]
    pub units: Vec<Commended>,
    #[serde(default)]
    pub removed: Vec<Removed>,
    #[serde(default)]
    pub approval: Option<Approval>,
    #[serde(default)]
    pub published: Vec<Published>,
}

/// The commendation as it stands, if proposed.
pub fn load(campaign: &Campaign) -> anyhow::Result<Option<Commendation>> {
    if campaign.store.index().get(COMMENDATION_FILE).is_none() {
        return Ok(None);
    }
    let text = campaign.store.read_record(COMMENDATION_FILE)?;
    Ok(Some(toml::from_str(&text).map_err(|e| {
        Error::integrity(crate::messages::store::record_damaged(COMMENDATION_FILE, e))
    })?))
}

/// Whether what the commendation was drawn from changed since (a ruling, a reopened notice).
pub fn is_stale(campaign: &Campaign) -> bool {
    campaign.store.index().get(COMMENDATION_FILE).is_some()
        && !campaign
            .store
            .index()
            .is_campaign_step_done(Step::Commend, &campaign.settings_sha256)
}

/// The commendation, current, or the refusal naming the command that makes it so.
fn require_current(campaign: &Campaign) -> anyhow::Result<Commendation> {
    let Some(commendation) = load(campaign)? else {
        return Err(Error::step_order(words::not_proposed())
            .with_hint(words::propose_hint())
            .into());
    };
    if is_stale(campaign) {
        return Err(Error::step_order(words::proposal_stale())
            .with_hint(words::propose_hint())
            .into());
    }
    Ok(commendation)
}

/// Proposes the final list: the list of the closed notice, less every unit withdrawn, vetoed or
/// disqualified since, each with its reason.
pub fn propose(campaign: &mut Campaign, ctx: &Context) -> anyhow::Result<(Commendation, Entry)> {
    if let Some(standing) = load(campaign)?
        && !is_stale(campaign)
        && let Some(approval) = &standing.approval
    {
        return Err(Error::step_order(words::approved_already(
            &approval.decision_no,
            approval.seq,
        ))
        .with_hint(words::show_hint())
        .into());
    }
    let Some(notice) = crate::publicize::current(campaign)? else {
        // What the list still lacks comes first: the refusal names the step that supplies it.
        crate::publicize::check_publishable(campaign)?;
        return Err(Error::step_order(words::no_notice())
            .with_hint(Step::Publicize.def().does)
            .into());
    };
    if notice.state != crate::publicize::State::Closed {
        return Err(Error::step_order(words::notice_open(notice.number))
            .with_hint(words::close_hint(
                Step::Publicize.def().closes.unwrap_or_default(),
            ))
            .into());
    }
    let published = crate::publicize::published_version(campaign, &notice)?;
    if !crate::publicize::stands(campaign) {
        return Err(Error::step_order(words::notice_stale(notice.number))
            .with_hint(words::republish_hint())
            .into());
    }
    // A list whose figures changed after it was published may be wrong: only rulings may.
    if !crate::shortlist::version::changed_only_by_rulings(campaign, &published) {
        let changes: Vec<String> = crate::shortlist::version::changes_since(campaign, &published)
            .iter()
            .map(|c| c.shown().to_owned())
            .collect();
        return Err(Error::step_order(words::list_changed(
            published.version,
            &changes.join(&crate::messages::cli::separator()),
        ))
        .with_hint(words::republish_hint())
        .into());
    }
    let register = campaign.register()?;
    let withdrawals = crate::rulings::in_force::<Withdrawal>(campaign)?;
    let vetoes = crate::rulings::in_force::<Veto>(campaign)?;
    let disqualifications = crate::rulings::in_force::<Disqualification>(campaign)?;
    let opinions = crate::publicize::opinions::all(campaign)?;
    let mut units = Vec::new();
    let mut removed = Vec::new();
    let mut listed: Vec<_> = published
        .units
        .iter()
        .filter(|u| u.decision == Decision::Included)
        .collect();
    listed.sort_by_key(|u| (u.category, u.rank.unwrap_or(usize::MAX), u.unit.clone()));
    for u in listed {
        let out = disqualifications
            .iter()
            .find(|d| d.unit == u.unit)
            .map(|d| both(|| words::removed_disqualified(&d.reason, d.seq)))
            .or_else(|| {
                vetoes
                    .iter()
                    .find(|v| v.unit == u.unit)
                    .map(|v| both(|| words::removed_vetoed(&v.reason, v.seq)))
            })
            .or_else(|| {
                withdrawals
                    .iter()
                    .find(|w| w.unit == u.unit)
                    .map(|w| both(|| words::removed_withdrawn(&w.reason, w.seq)))
            });
        match out {
            // Kept in Chinese, as the documents print it, whoever proposed.
            Some(reason) => removed.push(Removed {
                unit: u.unit.clone(),
                name: u.name.clone(),
                reason: reason.zh,
            }),
            None => {
                let heads = register.get(&u.unit);
                units.push(Commended {
                    unit: u.unit.clone(),
                    name: u.name.clone(),
                    category: u.category,
                    rank: u.rank,
                    composite: u.composite,
                    party_head: heads.map(|h| h.party_head.clone()).unwrap_or_default(),
                    government_head: heads.and_then(|h| h.government_head.clone()),
                    publicity: publicity_outcome(&opinions, &u.unit),
                });
            }
        }
    }
    if units.is_empty() {
        return Err(Error::step_order(words::nobody_left(published.version))
            .with_hint(words::republish_hint())
            .into());
    }
    let drawn_from = drawn_from(campaign);
    let mut tx = Transaction::new(&mut campaign.store, ctx);
    let by = tx.attribution().clone();
    let commendation = Commendation {
        state: State::Proposed,
        notice: notice.number,
        version: published.version,
        proposed_seq: by.seq,
        proposed_operator: by.operator,
        proposed_time: by.time,
        units,
        removed,
        approval: None,
        published: Vec::new(),
    };
    tx.write_result(
        Step::Commend,
        COMMENDATION_FILE,
        toml::to_string(&commendation)?.into_bytes(),
        drawn_from,
    );
    let (count, out) = (commendation.units.len(), commendation.removed.len());
    let entry = tx.commit(both(|| words::proposed(count, out)))?;
    Ok((commendation, entry))
}

/// What the notice brought about `unit`: no opinion, or how many and how many were found true.
fn publicity_outcome(opinions: &[crate::publicize::opinions::Opinion], unit: &str) -> String {
    use crate::publicize::opinions::Status;
    let about: Vec<_> = opinions.iter().filter(|o| o.unit == unit).collect();
    let substantiated = about
        .iter()
        .filter(|o| o.status == Status::Substantiated)
        .count();
    both(|| match (about.len(), substantiated) {
        (0, _) => words::outcome_none(),
        (n, 0) => words::outcome_unsubstantiated(n),
        (n, m) => words::outcome_substantiated(n, m),
    })
    .zh
}

fn drawn_from(campaign: &Campaign) -> String {
    campaign
        .store
        .index()
        .drawn_from(Step::Commend, &campaign.settings_sha256)
        .1
}

/// A document number as GB/T 9704 7.2.4 writes it: the issuing organ's short name, the year in
/// 六角括号, a serial number without leading zeros and without 第, then 号: `市委〔2026〕12号`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecisionNo {
    pub organ: String,
    pub year: i32,
    pub serial: u32,
}

impl DecisionNo {
    pub fn parse(text: &str) -> Result<DecisionNo, Error> {
        let text = text.trim();
        let refuse = |why: String| {
            Error::invalid(words::bad_decision_no(text, &why)).with_hint(words::decision_no_hint())
        };
        let Some((organ, rest)) = text.split_once('〔') else {
            let why = if text.contains(['[', '(', '（', '【', '［']) {
                words::not_hexagonal()
            } else {
                words::no_year()
            };
            return Err(refuse(why));
        };
        let (year, serial) = rest
            .split_once('〕')
            .ok_or_else(|| refuse(words::no_year()))?;
        if organ.is_empty()
            || organ
                .chars()
                .any(|c| c.is_ascii_digit() || c.is_whitespace())
        {
            return Err(refuse(words::no_organ()));
        }
        let year: i32 = match year.parse() {
            Ok(y) if year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit()) => y,
            _ => return Err(refuse(words::year_in_full())),
        };
        let Some(number) = serial.strip_suffix('号') else {
            return Err(refuse(words::no_hao()));
        };
        if number.starts_with('第') {
            return Err(refuse(words::no_di()));
        }
        if number.starts_with('0') {
            return Err(refuse(words::leading_zero()));
        }
        let serial = match number.parse::<u32>() {
            Ok(n) if number.bytes().all(|b| b.is_ascii_digit()) => n,
            _ => return Err(refuse(words::serial_digits())),
        };
        Ok(DecisionNo {
            organ: organ.to_owned(),
            year,
            serial,
        })
    }
}

impl std::fmt::Display for DecisionNo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}〔{}〕{}号", self.organ, self.year, self.serial)
    }
}

/// Records the committee's approval of the current proposal: its document number, its date (成文
/// 日期, not before the notice was closed) and who approved it.
pub fn approve(
    campaign: &mut Campaign,
    ctx: &Context,
    decision_no: &str,
    date: NaiveDate,
    approver: Option<&str>,
) -> anyhow::Result<(Commendation, Entry)> {
    let mut commendation = require_current(campaign)?;
    if commendation.state != State::Proposed {
        let approval = commendation.approval.as_ref();
        return Err(Error::step_order(words::approved_already(
            approval.map_or("", |a| a.decision_no.as_str()),
            approval.map_or(0, |a| a.seq),
        ))
        .with_hint(words::show_hint())
        .into());
    }
    let number = DecisionNo::parse(decision_no)?;
    if number.year != date.year() {
        return Err(Error::invalid(words::year_differs(
            &number.to_string(),
            &crate::figures::chinese_date(date),
        ))
        .with_hint(words::decision_no_hint())
        .into());
    }
    let closed_on = crate::publicize::current(campaign)?
        .and_then(|p| p.closed_on)
        .unwrap_or(date);
    if date < closed_on {
        return Err(Error::invalid(words::date_before_close(
            &date.to_string(),
            &closed_on.to_string(),
        ))
        .with_hint(words::date_hint(&closed_on.to_string()))
        .into());
    }
    let approver = crate::journal::text_of(
        "--approver",
        approver.unwrap_or(&campaign.settings.approver),
        &words::the_approver(),
    )?;
    let drawn_from = drawn_from(campaign);
    let mut tx = Transaction::new(&mut campaign.store, ctx);
    let by = tx.attribution().clone();
    commendation.state = State::Approved;
    commendation.published.clear();
    commendation.approval = Some(Approval {
        decision_no: number.to_string(),
        date,
        approver,
        seq: by.seq,
        operator: by.operator,
        time: by.time,
    });
    let summary = both(|| words::approved(&number.to_string(), &date.to_string()));
    tx.write_result(
        Step::Commend,
        COMMENDATION_FILE,
        toml::to_string(&commendation)?.into_bytes(),
        drawn_from,
    );
    let entry = tx.commit(summary)?;
    Ok((commendation, entry))
}

/// The journal head of the entry that approved the list, `SEQ:HASH`.
pub fn approval_head(campaign: &Campaign, approval: &Approval) -> String {
    campaign
        .store
        .journal()
        .iter()
        .find(|e| e.seq == approval.seq)
        .map_or_else(String::new, Entry::head)
}

/// The approved commendation, current, or the refusal naming what is missing.
pub fn require_approved(campaign: &Campaign) -> anyhow::Result<(Commendation, Approval)> {
    let commendation = require_current(campaign)?;
    match commendation.approval.clone() {
        Some(approval) => Ok((commendation, approval)),
        None => Err(Error::step_order(words::not_approved())
            .with_hint(words::approve_hint())
            .into()),
    }
}

/// Records the files published from the approved commendation, with their SHA-256.
pub fn record_published(
    campaign: &mut Campaign,
    ctx: &Context,
    files: Vec<Published>,
) -> anyhow::Result<Entry> {
    let (mut commendation, _) = require_approved(campaign)?;
    let drawn_from = drawn_from(campaign);
    commendation.state = State::Published;
    commendation.published = files;
    let count = commendation.published.len();
    let mut tx = Transaction::new(&mut campaign.store, ctx);
    tx.write_result(
        Step::Commend,
        COMMENDATION_FILE,
        toml::to_string(&commendation)?.into_bytes(),
        drawn_from,
    );
    tx.commit(both(|| words::published(count)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_number_reads_as_gbt_9704_writes_it() {
        let read = DecisionNo::parse("市委〔2026〕12号").unwrap();
        assert_eq!(
            read,
            DecisionNo {
                organ: "市委".into(),
                year: 2026,
                serial: 12
            }
        );
        assert_eq!(read.to_string(), "市委〔2026〕12号");
        for bad in [
            "市委[2026]12号",
            "市委（2026）12号",
            "市委〔26〕12号",
            "市委〔2026〕012号",
            "市委〔2026〕第12号",
            "市委〔2026〕12",
            "〔2026〕12号",
            "市委2026 12号",
            "市委〔2026〕十二号",
        ] {
            assert!(DecisionNo::parse(bad).is_err(), "{bad}");
        }
    }
}

/// What `publish` writes besides the decision and the list.
#[derive(Debug, Clone, Copy, Default)]
pub struct PublishOptions {
    pub certificates: bool,
    /// Certificates dated in Chinese numerals (二〇二六年十二月二十日).
    pub numeral_dates: bool,
}

/// The documents of the approved commendation, each a file name and its bytes: the decision,
/// the list and, if asked, the certificates, as Markdown, HTML and CSV, and as PDF typeset in
/// `fonts` when given (banzi built with its `pdf` feature). A name with a character no font
/// has is refused before anything is written.
pub fn documents(
    campaign: &Campaign,
    options: PublishOptions,
    fonts: Option<&crate::fonts::Fonts>,
) -> anyhow::Result<Vec<(String, Vec<u8>)>> {
    use crate::documents as doc;
    use crate::documents::pdf::{Template, render};
    let (commendation, approval) = require_approved(campaign)?;
    let settings = &campaign.settings;
    let head = approval_head(campaign, &approval);
    let decision = doc::decision(settings, &commendation, &approval, &head);
    let list = doc::list(settings, &commendation, &approval, &head);
    let mut files = vec![
        (
            "表彰决定.md".to_owned(),
            doc::decision_markdown(&decision).into_bytes(),
        ),
        (
            "表彰决定.html".to_owned(),
            doc::decision_html(&decision).into_bytes(),
        ),
        (
            "表彰名单.md".to_owned(),
            doc::list_markdown(&list).into_bytes(),
        ),
        (
            "表彰名单.html".to_owned(),
            doc::list_html(&list).into_bytes(),
        ),
        (
            "表彰名单.csv".to_owned(),
            crate::csv_cell::for_people_rows(&doc::list_rows(&list)),
        ),
    ];
    if let Some(fonts) = fonts {
        files.push((
            "表彰决定.pdf".to_owned(),
            render(Template::Decision, &serde_json::to_value(&decision)?, fonts)?,
        ));
        files.push((
            "表彰名单.pdf".to_owned(),
            render(Template::List, &serde_json::to_value(&list)?, fonts)?,
        ));
    }
    if options.certificates {
        let certificates = doc::certificates(
            settings,
            &commendation,
            &approval,
            &head,
            options.numeral_dates,
        );
        files.push((
            "荣誉证书.html".to_owned(),
            doc::certificates_html(&certificates).into_bytes(),
        ));
        if let Some(fonts) = fonts {
            files.push((
                "荣誉证书.pdf".to_owned(),
                render(
                    Template::Certificates,
                    &serde_json::to_value(&certificates)?,
                    fonts,
                )?,
            ));
        }
    }
    Ok(files)
}

/// Writes the documents into `out`, a folder outside the campaign, each file whole or not at
/// all, and journals every file's SHA-256.
pub fn publish(
    campaign: &mut Campaign,
    ctx: &Context,
    out: &std::path::Path,
    files: Vec<(String, Vec<u8>)>,
) -> anyhow::Result<(Vec<Published>, Entry)> {
    let shown = out.display().to_string();
    let cannot = |e: std::io::Error| {
        Error::invalid(words::cannot_write(&shown, &crate::import::io_cause(&e)))
    };
    if crate::store::is_within(out, campaign.store.root()).map_err(cannot)? {
        return Err(Error::invalid(words::out_inside(&shown))
            .with_hint(words::out_hint())
            .into());
    }
    std::fs::create_dir_all(out).map_err(cannot)?;
    let mut published = Vec::with_capacity(files.len());
    for (name, bytes) in files {
        let path = out.join(&name);
        let partial = out.join(format!(".{name}.part"));
        std::fs::write(&partial, &bytes)
            .and_then(|()| std::fs::rename(&partial, &path))
            .map_err(cannot)?;
        published.push(Published {
            file: name,
            sha256: crate::store::sha256_hex(&bytes),
        });
    }
    let entry = record_published(campaign, ctx, published.clone())?;
    Ok((published, entry))
}
