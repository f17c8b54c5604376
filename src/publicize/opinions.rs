//! Opinions and reports on the published list (群众意见、举报): received by any channel, each
//! verified and resolved as substantiated or not, by whom and when. A signed report's reporter is
//! kept only encrypted ([`super::identity`]).

use std::path::Path;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::campaign::Campaign;
use crate::context::Context;
use crate::error::{Diagnostic, Error};
use crate::import::words::{Term, Vocabulary, parse_date};
use crate::import::{Column, Rows, Source, read_rows};
use crate::journal::{Entry, Reason};
use crate::messages::{both, publicize as words};
use crate::shortlist::rules::Decision;
use crate::steps::OPINIONS_FILE;
use crate::store::{Table, Transaction};

use super::Period;

/// How an opinion reached the department.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Channel {
    Phone,
    Letter,
    Visit,
    Email,
    Online,
    Other,
}

impl Channel {
    pub const WORDS: Vocabulary<Channel> = Vocabulary(&[
        (
            Channel::Phone,
            Term {
                key: "phone",
                names: &["电话", "来电"],
            },
        ),
        (
            Channel::Letter,
            Term {
                key: "letter",
                names: &["信函", "来信", "信件"],
            },
        ),
        (
            Channel::Visit,
            Term {
                key: "visit",
                names: &["来访", "走访"],
            },
        ),
        (
            Channel::Email,
            Term {
                key: "email",
                names: &["电子邮件", "邮件", "e-mail"],
            },
        ),
        (
            Channel::Online,
            Term {
                key: "online",
                names: &["网络", "网上", "网站"],
            },
        ),
        (
            Channel::Other,
            Term {
                key: "other",
                names: &["其他"],
            },
        ),
    ]);

    pub fn key(self) -> &'static str {
        Self::WORDS.term(self).key
    }

    pub fn label(self) -> &'static str {
        Self::WORDS.term(self).label()
    }
}

/// Where an opinion stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Open,
    Verifying,
    Substantiated,
    Unsubstantiated,
}

impl Status {
    pub fn key(self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::Verifying => "verifying",
            Status::Substantiated => "substantiated",
            Status::Unsubstantiated => "unsubstantiated",
        }
    }

    pub fn is_resolved(self) -> bool {
        matches!(self, Status::Substantiated | Status::Unsubstantiated)
    }

    /// The status in words, in the language in force.
    pub fn shown(self) -> String {
        words::status(self)
    }
}

/// A finding that resolves an opinion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Finding {
    Substantiated,
    Unsubstantiated,
}

impl Finding {
    pub const WORDS: Vocabulary<Finding> = Vocabulary(&[
        (
            Finding::Substantiated,
            Term {
                key: "substantiated",
                names: &["属实", "基本属实", "查实"],
            },
        ),
        (
            Finding::Unsubstantiated,
            Term {
                key: "unsubstantiated",
                names: &["不属实", "查无实据"],
            },
        ),
    ]);

    fn status(self) -> Status {
        match self {
            Finding::Substantiated => Status::Substantiated,
            Finding::Unsubstantiated => Status::Unsubstantiated,
        }
    }
}

/// The unit of a general opinion, about no unit in particular.
pub const NO_UNIT: &str = "none";

/// One opinion or report: a row of `publicity/opinions.csv`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Opinion {
    /// `F1`, `F2`, … in the order they were entered.
    pub id: String,
    /// The notice it was received under.
    pub period: u32,
    pub received: NaiveDate,
    pub channel: Channel,
    /// The unit's code, or [`NO_UNIT`].
    pub unit: String,
    pub summary: String,
    pub anonymous: bool,
    /// The reporter's name and contact, encrypted to the campaign's recipient (hex); empty for
    /// an anonymous opinion.
    pub sealed_reporter: String,
    /// Received after the period's last day.
    pub late: bool,
    pub status: Status,
    pub entered_seq: u64,
    pub entered_operator: String,
    pub entered_time: String,
    /// Who verifies it (核查), once its verification has begun.
    pub investigator: String,
    pub investigated_seq: Option<u64>,
    /// What the verification found, in words.
    pub finding: String,
    /// Who resolved it, as typed after `--by`, and the entry that recorded it.
    pub resolved_by: String,
    pub resolved_operator: String,
    pub resolved_time: String,
    pub resolved_seq: Option<u64>,
    pub resolved_on: Option<NaiveDate>,
}

impl Table for Opinion {
    const PATH: &'static str = OPINIONS_FILE;
}

impl Opinion {
    /// The opinion as `feedback list --json` gives it: never the reporter.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "id": self.id,
            "received": self.received.to_string(),
            "channel": self.channel.key(),
            "unit": self.unit,
            "summary": self.summary,
            "anonymous": self.anonymous,
            "status": self.status.key(),
            "late": self.late,
            "finding": (!self.finding.is_empty()).then_some(&self.finding),
            "investigator": (!self.investigator.is_empty()).then_some(&self.investigator),
            "resolved_by": (!self.resolved_by.is_empty()).then_some(&self.resolved_by),
            "resolved_on": self.resolved_on.map(|d| d.to_string()),
        })
    }
}

/// Every opinion, checked as banzi writes them (for a hand edit to be accepted): numbered in
/// order, a signed one sealed, and each status with the acts that lead to it, attributed.
pub fn check(campaign: &Campaign) -> anyhow::Result<()> {
    let here = campaign.store.root().join(OPINIONS_FILE);
    let mut diagnostics = Vec::new();
    for (i, o) in all(campaign)?.iter().enumerate() {
        let investigated = !o.investigator.is_empty() && o.investigated_seq.is_some();
        let resolved = !o.finding.is_empty()
            && !o.resolved_by.is_empty()
            && o.resolved_seq.is_some()
            && o.resolved_on.is_some();
        let fits = match o.status {
            Status::Open => !investigated && !resolved,
            Status::Verifying => investigated && !resolved,
            Status::Substantiated | Status::Unsubstantiated => resolved,
        };
        let problem = if o.id != format!("F{}", i + 1) {
            Some(words::opinion_out_of_order(&o.id, i + 1))
        } else if o.anonymous != o.sealed_reporter.is_empty() {
            Some(words::opinion_seal_unfit(&o.id))
        } else if !fits {
            Some(words::opinion_acts_missing(&o.id, &o.status.shown()))
        } else {
            None
        };
        if let Some(message) = problem {
            diagnostics.push(Diagnostic::new(&here, message).at_line(i + 2));
        }
    }
    Ok(Error::check(
        diagnostics,
        |n| words::record_unfit(OPINIONS_FILE, n),
        &crate::messages::store::restore(),
    )?)
}

/// Every opinion, in the order entered.
pub fn all(campaign: &Campaign) -> anyhow::Result<Vec<Opinion>> {
    campaign.store.read_table()
}

/// How many opinions are in each status, and how many came late.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub open: usize,
    pub verifying: usize,
    pub substantiated: usize,
    pub unsubstantiated: usize,
    pub late: usize,
}

impl Counts {
    pub fn of(opinions: &[Opinion]) -> Counts {
        let mut counts = Counts::default();
        for o in opinions {
            *match o.status {
                Status::Open => &mut counts.open,
                Status::Verifying => &mut counts.verifying,
                Status::Substantiated => &mut counts.substantiated,
                Status::Unsubstantiated => &mut counts.unsubstantiated,
            } += 1;
            counts.late += usize::from(o.late);
        }
        counts
    }
}

/// An opinion as typed or imported, before it is checked.
#[derive(Debug, Default, Clone)]
pub struct RawOpinion {
    pub received: Option<String>,
    pub channel: String,
    pub unit: String,
    pub summary: String,
    /// `true`/`false`, `是`/`否`; empty means anonymous unless a reporter is named.
    pub anonymous: String,
    pub reporter: String,
    pub reporter_contact: String,
}

/// A field's problem: the field, as the input names it, and what is wrong.
type Problem = (&'static str, String);

/// What an opinion is checked against.
struct Checker<'c> {
    period: &'c Period,
    /// The opinions entered before, to refuse one entered twice.
    entered: Vec<Opinion>,
    /// Units on the published list.
    listed: Vec<String>,
    recipient: Option<&'c str>,
    today: NaiveDate,
}

/// An opinion checked, with its reporter still in the clear until it is sealed.
struct Checked {
    received: NaiveDate,
    channel: Channel,
    unit: String,
    summary: String,
    reporter: Option<(String, String)>,
}

impl Checker<'_> {
    fn check(&self, raw: &RawOpinion, problems: &mut Vec<Problem>) -> Option<Checked> {
        let before = problems.len();
        let received = match raw.received.as_deref().map(str::trim) {
            None | Some("") => self.today,
            Some(text) => match parse_date(text) {
                Ok(date) if date < self.period.start => {
                    problems.push((
                        "received",
                        words::received_before(&date.to_string(), &self.period.start.to_string()),
                    ));
                    date
                }
                Ok(date) if date > self.today => {
                    problems.push((
                        "received",
                        words::received_in_future(&date.to_string(), &self.today.to_string()),
                    ));
                    date
                }
                Ok(date) => date,
                Err(_) => {
                    problems.push((
                        "received",
                        crate::messages::import::not_a_date(
                            text,
                            &crate::messages::import::date_forms(),
                        ),
                    ));
                    self.today
                }
            },
        };
        let channel = Channel::WORDS.parse(&raw.channel).unwrap_or_else(|| {
            problems.push((
                "channel",
                words::unknown_channel(&raw.channel, &Channel::WORDS.accepted()),
            ));
            Channel::Other
        });
        let unit = raw.unit.trim();
        let unit = if unit.eq_ignore_ascii_case(NO_UNIT) || unit == "无" {
            NO_UNIT.to_owned()
        } else {
            if !self.listed.iter().any(|u| u == unit) {
                problems.push((
                    "unit",
                    words::not_on_list(unit, self.period.version, &self.listed.join(", ")),
                ));
            }
            unit.to_owned()
        };
        let summary =
            match crate::journal::text_of("--summary", &raw.summary, &words::the_summary()) {
                Ok(text) => text,
                Err(e) => {
                    problems.push(("summary", e.message));
                    String::new()
                }
            };
        let named = !raw.reporter.trim().is_empty() || !raw.reporter_contact.trim().is_empty();
        let anonymous = match raw.anonymous.trim() {
            "" => !named,
            text => match yes_or_no(text) {
                Some(anonymous) => anonymous,
                None => {
                    problems.push(("anonymous", words::not_yes_or_no(text)));
                    !named
                }
            },
        };
        let reporter = if anonymous {
            if named {
                problems.push(("reporter", words::anonymous_with_reporter()));
            }
            None
        } else {
            // The reporter's words are never quoted back: a message may be logged or shown.
            let reporter = raw.reporter.trim();
            let contact = raw.reporter_contact.trim();
            if reporter.is_empty() {
                problems.push(("reporter", words::signed_without_reporter()));
            } else if [reporter, contact]
                .iter()
                .any(|t| t.chars().any(char::is_control) || t.chars().count() > 200)
            {
                problems.push(("reporter", words::reporter_unreadable()));
            } else if self.recipient.is_none() {
                problems.push(("reporter", words::no_recipient()));
            }
            Some((reporter.to_owned(), contact.to_owned()))
        };
        let checked = (problems.len() == before).then_some(Checked {
            received,
            channel,
            unit,
            summary,
            reporter,
        })?;
        // The same file imported twice, or a typed opinion entered again, is refused.
        if let Some(twin) = self
            .entered
            .iter()
            .find(|o| o.likeness() == checked.likeness())
        {
            problems.push(("summary", words::entered_already(&twin.id)));
            return None;
        }
        Some(checked)
    }
}

/// What makes two opinions the same one entered twice: all but the reporter, whose ciphertext
/// differs every time.
type Likeness<'o> = (NaiveDate, Channel, &'o str, &'o str, bool);

impl Checked {
    fn likeness(&self) -> Likeness<'_> {
        (
            self.received,
            self.channel,
            &self.unit,
            &self.summary,
            self.reporter.is_none(),
        )
    }
}

impl Opinion {
    fn likeness(&self) -> Likeness<'_> {
        (
            self.received,
            self.channel,
            &self.unit,
            &self.summary,
            self.anonymous,
        )
    }
}

/// `true`/`false`, `是`/`否` and their kin: whether the opinion is anonymous.
fn yes_or_no(text: &str) -> Option<bool> {
    match text.trim().to_lowercase().as_str() {
        "true" | "yes" | "y" | "1" | "是" | "匿名" => Some(true),
        "false" | "no" | "n" | "0" | "否" | "实名" => Some(false),
        _ => None,
    }
}

/// The checker of opinions under the open notice.
fn checker<'c>(
    campaign: &'c Campaign,
    period: &'c Period,
    today: NaiveDate,
) -> anyhow::Result<Checker<'c>> {
    let published = super::published_version(campaign, period)?;
    Ok(Checker {
        period,
        entered: all(campaign)?,
        listed: published
            .units
            .iter()
            .filter(|u| u.decision == Decision::Included)
            .map(|u| u.unit.clone())
            .collect(),
        recipient: campaign.settings.publicity.recipient.as_deref(),
        today,
    })
}

/// Enters checked opinions under `period`, sealing each reporter, in one transaction.
fn enter(
    campaign: &mut Campaign,
    ctx: &Context,
    period: &Period,
    checked: Vec<Checked>,
    input: Option<&Source>,
) -> anyhow::Result<(Vec<Opinion>, Entry)> {
    let recipient = campaign.settings.publicity.recipient.clone();
    let mut list = all(campaign)?;
    let mut tx = Transaction::new(&mut campaign.store, ctx);
    let by = tx.attribution().clone();
    let mut entered = Vec::with_capacity(checked.len());
    for c in checked {
        let sealed_reporter = match (&c.reporter, &recipient) {
            (Some((name, contact)), Some(recipient)) => {
                super::identity::seal(recipient, name, contact)?
            }
            _ => String::new(),
        };
        let opinion = Opinion {
            id: format!("F{}", list.len() + 1),
            period: period.number,
            received: c.received,
            channel: c.channel,
            unit: c.unit,
            summary: c.summary,
            anonymous: c.reporter.is_none(),
            sealed_reporter,
            late: c.received > period.end,
            status: Status::Open,
            entered_seq: by.seq,
            entered_operator: by.operator.clone(),
            entered_time: by.time.clone(),
            investigator: String::new(),
            investigated_seq: None,
            finding: String::new(),
            resolved_by: String::new(),
            resolved_operator: String::new(),
            resolved_time: String::new(),
            resolved_seq: None,
            resolved_on: None,
        };
        list.push(opinion.clone());
        entered.push(opinion);
    }
    tx.write_table(&list);
    if let Some(source) = input {
        tx.add_input(&source.path, &source.sha256);
    }
    let ids: Vec<&str> = entered.iter().map(|o| o.id.as_str()).collect();
    let late = entered.iter().filter(|o| o.late).count();
    let entry = tx.commit(both(|| {
        words::entered(&ids.join(&crate::messages::cli::separator()), late)
    }))?;
    Ok((entered, entry))
}

/// Records one opinion typed on the command line.
pub fn add(
    campaign: &mut Campaign,
    ctx: &Context,
    raw: &RawOpinion,
) -> anyhow::Result<(Opinion, Entry)> {
    let period = super::require_open(campaign)?;
    let mut problems = Vec::new();
    let checked = checker(campaign, &period, ctx.today)?.check(raw, &mut problems);
    let Some(checked) = checked else {
        let no_recipient = problems
            .iter()
            .any(|(_, message)| *message == words::no_recipient());
        let diagnostics: Vec<Diagnostic> = problems
            .into_iter()
            .map(|(field, message)| {
                Diagnostic::new(Path::new(&format!("--{}", flag_of(field))), message)
            })
            .collect();
        let hint = if no_recipient {
            words::keygen_hint()
        } else {
            words::add_hint()
        };
        return Err(Error::check(diagnostics, words::bad_opinion, &hint)
            .unwrap_err()
            .into());
    };
    let (mut entered, entry) = enter(campaign, ctx, &period, vec![checked], None)?;
    Ok((entered.remove(0), entry))
}

/// The flag of `feedback add` that gives `field`.
fn flag_of(field: &str) -> &'static str {
    match field {
        "received" => "received",
        "channel" => "channel",
        "unit" => "unit",
        "summary" => "summary",
        "anonymous" => "anonymous",
        _ => "reporter",
    }
}

const COLUMNS: &[Column] = &[
    Column {
        key: "received",
        headers: &["received", "收到日期", "日期"],
        required: true,
    },
    Column {
        key: "channel",
        headers: &["channel", "渠道", "方式"],
        required: true,
    },
    Column {
        key: "unit",
        headers: &["unit_code", "unit", "单位代码"],
        required: true,
    },
    Column {
        key: "summary",
        headers: &["summary", "内容摘要", "内容", "摘要"],
        required: true,
    },
    Column {
        key: "anonymous",
        headers: &["anonymous", "是否匿名", "匿名"],
        required: true,
    },
    Column {
        key: "reporter",
        headers: &["reporter", "反映人", "举报人"],
        required: false,
    },
    Column {
        key: "reporter_contact",
        headers: &["reporter_contact", "联系方式", "联系电话"],
        required: false,
    },
];

/// The column of a file that gives `field`.
fn column_of(field: &str) -> &'static str {
    match field {
        "received" => "received",
        "channel" => "channel",
        "unit" => "unit_code",
        "summary" => "summary",
        "anonymous" => "anonymous",
        _ => "reporter",
    }
}

/// Imports a file of opinions under the open notice: every row checked, all or nothing.
pub fn import(
    campaign: &mut Campaign,
    ctx: &Context,
    source: &Source,
) -> anyhow::Result<(Vec<Opinion>, Entry, Vec<String>)> {
    let period = super::require_open(campaign)?;
    // A line the reader cannot split may hold a reporter: its place is named, never shown.
    let Rows {
        rows,
        ignored_columns,
        header_line,
    } = read_rows(source, COLUMNS).map_err(|mut e| {
        for diagnostic in &mut e.diagnostics {
            diagnostic.excerpt = None;
        }
        e
    })?;
    let checker = checker(campaign, &period, ctx.today)?;
    let mut diagnostics = Vec::new();
    let mut checked = Vec::with_capacity(rows.len());
    let mut no_recipient = false;
    // Where each checked opinion is in the file, to name the first of two alike.
    let mut checked_lines: Vec<usize> = Vec::new();
    for (index, row) in rows.iter().enumerate() {
        let mut problems = Vec::new();
        let raw = RawOpinion {
            received: Some(row.get("received").to_owned()),
            channel: row.get("channel").to_owned(),
            unit: row.get("unit").to_owned(),
            summary: row.get("summary").to_owned(),
            anonymous: row.get("anonymous").to_owned(),
            reporter: row.get("reporter").to_owned(),
            reporter_contact: row.get("reporter_contact").to_owned(),
        };
        if raw.anonymous.trim().is_empty() {
            problems.push(("anonymous", words::anonymous_empty()));
        }
        if let Some(c) = checker.check(&raw, &mut problems)
            && problems.is_empty()
        {
            match checked
                .iter()
                .position(|earlier: &Checked| earlier.likeness() == c.likeness())
            {
                Some(at) => problems.push((
                    "summary",
                    words::twice_in_file(rows[checked_lines[at]].line),
                )),
                None => {
                    checked_lines.push(index);
                    checked.push(c);
                }
            }
        }
        for (field, message) in problems {
            no_recipient |= message == words::no_recipient();
            diagnostics.push(row.problem(&source.shown, column_of(field), message));
        }
    }
    if rows.is_empty() {
        diagnostics
            .push(Diagnostic::new(&source.shown, words::no_opinions()).at_line(header_line + 1));
    }
    let hint = if no_recipient {
        words::keygen_hint()
    } else {
        crate::messages::votes::rows_hint()
    };
    Error::check(
        diagnostics,
        |n| words::bad_rows(source.shown.display(), n),
        &hint,
    )?;
    let (entered, entry) = enter(campaign, ctx, &period, checked, Some(source))?;
    Ok((entered, entry, ignored_columns))
}

/// The opinion `id`, or the refusal naming the ones there are.
pub fn find<'o>(opinions: &'o mut [Opinion], id: &str) -> Result<&'o mut Opinion, Error> {
    let count = opinions.len();
    opinions
        .iter_mut()
        .find(|o| o.id.eq_ignore_ascii_case(id.trim()))
        .ok_or_else(|| {
            Error::invalid(words::no_such_opinion(id, count)).with_hint(words::list_hint())
        })
}

/// Begins the verification (核查) of an opinion by `by`.
pub fn investigate(
    campaign: &mut Campaign,
    ctx: &Context,
    id: &str,
    by: &str,
) -> anyhow::Result<Entry> {
    super::require_open(campaign)?;
    let by = crate::journal::text_of("--by", by, &words::the_investigator())?;
    let mut list = all(campaign)?;
    let opinion = find(&mut list, id)?;
    if opinion.status != Status::Open {
        return Err(
            Error::step_order(words::not_open(&opinion.id, &opinion.status.shown()))
                .with_hint(words::list_hint())
                .into(),
        );
    }
    let mut tx = Transaction::new(&mut campaign.store, ctx);
    opinion.status = Status::Verifying;
    opinion.investigator = by.to_string();
    opinion.investigated_seq = Some(tx.attribution().seq);
    let id = opinion.id.clone();
    tx.write_table(&list);
    tx.commit(both(|| words::investigating(&id, by.as_str())))
}

/// Resolves an opinion with its finding, a note of what the verification found, and who
/// resolved it.
pub fn resolve(
    campaign: &mut Campaign,
    ctx: &Context,
    id: &str,
    finding: &str,
    note: &str,
    by: &str,
) -> anyhow::Result<(Opinion, Entry)> {
    super::require_open(campaign)?;
    let Some(finding) = Finding::WORDS.parse(finding) else {
        return Err(
            Error::invalid(words::unknown_finding(finding, &Finding::WORDS.accepted())).into(),
        );
    };
    let note = crate::journal::text_of("--note", note, &words::the_finding())?;
    let by = crate::journal::text_of("--by", by, &words::the_resolver())?;
    let mut list = all(campaign)?;
    let opinion = find(&mut list, id)?;
    if opinion.status.is_resolved() {
        return Err(Error::step_order(words::resolved_already(
            &opinion.id,
            &opinion.status.shown(),
            opinion.resolved_seq.unwrap_or_default(),
        ))
        .with_hint(words::list_hint())
        .into());
    }
    let mut tx = Transaction::new(&mut campaign.store, ctx);
    let attribution = tx.attribution().clone();
    opinion.status = finding.status();
    opinion.finding = note.to_string();
    opinion.resolved_by = by.to_string();
    opinion.resolved_operator = attribution.operator;
    opinion.resolved_time = attribution.time;
    opinion.resolved_seq = Some(attribution.seq);
    opinion.resolved_on = Some(ctx.today);
    let resolved = opinion.clone();
    tx.write_table(&list);
    let entry = tx.commit(both(|| {
        let unit = if resolved.unit == NO_UNIT {
            words::general()
        } else {
            resolved.unit.clone()
        };
        words::resolved(&resolved.id, &resolved.status.shown(), &unit)
    }))?;
    Ok((resolved, entry))
}

/// Reveals the reporter of opinion `id` with the identity in `identity_file`, journaling who
/// asked, when and why, never the identity itself.
pub fn reveal(
    campaign: &mut Campaign,
    ctx: &Context,
    id: &str,
    identity_file: &Path,
    reason: &str,
) -> anyhow::Result<(Opinion, super::identity::Reporter, Entry)> {
    let reason = Reason::new(reason, &words::a_reveal())?;
    let mut list = all(campaign)?;
    let opinion = find(&mut list, id)?.clone();
    if opinion.sealed_reporter.is_empty() {
        return Err(Error::invalid(words::anonymous_nothing_to_reveal(&opinion.id)).into());
    }
    let identity = super::identity::load(identity_file)?;
    let reporter = super::identity::open(&identity, &opinion.sealed_reporter, &opinion.id)?;
    let mut tx = Transaction::new(&mut campaign.store, ctx);
    tx.set_reason(&reason);
    let entry = tx.commit(both(|| words::revealed(&opinion.id)))?;
    Ok((opinion, reporter, entry))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn channels_and_findings_read_in_either_language() {
        for (text, channel) in [
            ("phone", Channel::Phone),
            ("电话", Channel::Phone),
            ("信函", Channel::Letter),
            ("来访", Channel::Visit),
            ("电子邮件", Channel::Email),
            ("网络", Channel::Online),
            ("其他", Channel::Other),
        ] {
            assert_eq!(Channel::WORDS.parse(text), Some(channel), "{text}");
        }
        assert_eq!(Channel::WORDS.parse("fax"), None);
        assert_eq!(Finding::WORDS.parse("属实"), Some(Finding::Substantiated));
        assert_eq!(
            Finding::WORDS.parse("unsubstantiated"),
            Some(Finding::Unsubstantiated)
        );
        assert_eq!(yes_or_no("是"), Some(true));
        assert_eq!(yes_or_no("FALSE"), Some(false));
        assert_eq!(yes_or_no("maybe"), None);
    }
}
