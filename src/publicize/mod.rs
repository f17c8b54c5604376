//! Step 5, the public notice (公示): the preliminary list published city-wide for a period of
//! working days, opinions and reports received and resolved, and the period closed.
//!
//! Opening a notice freezes the list it publishes and everything the list rests on (the store
//! refuses a change to them, see [`crate::steps::Step::freezes`]) until it is closed or reopened.
//! Opinions are in [`opinions`]; the reporters' identities, encrypted, in [`identity`].

pub mod identity;
pub mod opinions;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::calendar::{self, Calendar};
use crate::campaign::Campaign;
use crate::context::Context;
use crate::error::{Diagnostic, Error};
use crate::import::{Encoding, Source};
use crate::journal::{Entry, Reason};
use crate::messages::{both, publicize as words};
use crate::shortlist::rules::Decision;
use crate::shortlist::version::{self, Version};
use crate::steps::{CALENDAR_FILE, PERIODS_FILE, Step};
use crate::store::{Table, Transaction};

/// Where a notice stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum State {
    Open,
    Closed,
    /// Reopened with a reason: it no longer stands, and a new notice must be opened.
    Reopened,
}

impl State {
    pub fn key(self) -> &'static str {
        match self {
            State::Open => "open",
            State::Closed => "closed",
            State::Reopened => "reopened",
        }
    }

    pub fn from_key(key: &str) -> Option<State> {
        [State::Open, State::Closed, State::Reopened]
            .into_iter()
            .find(|s| s.key() == key)
    }
}

/// One notice of the preliminary list: a row of `publicity/periods.csv`, attributed at each act.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Period {
    pub number: u32,
    /// The version of the preliminary list it publishes.
    pub version: u32,
    pub start: NaiveDate,
    /// The last working day of the period.
    pub end: NaiveDate,
    pub working_days: u32,
    /// How and where opinions are sent, as the notice prints it.
    pub contact: String,
    pub state: State,
    pub opened_seq: u64,
    pub opened_operator: String,
    pub opened_time: String,
    pub closed_seq: Option<u64>,
    pub closed_operator: Option<String>,
    pub closed_time: Option<String>,
    /// The date it was closed as of (`--today`, or the clock's).
    pub closed_on: Option<NaiveDate>,
    pub reopened_seq: Option<u64>,
    pub reopened_operator: Option<String>,
    pub reopened_time: Option<String>,
    pub reopened_reason: Option<String>,
}

impl Table for Period {
    const PATH: &'static str = PERIODS_FILE;
}

/// Every notice, oldest first.
pub fn periods(campaign: &Campaign) -> anyhow::Result<Vec<Period>> {
    campaign.store.read_table()
}

/// Every notice, checked as banzi writes them (for a hand edit to be accepted): numbered in
/// order, only the last open, each act attributed, and each period's end the one its working
/// days reach on the calendar.
pub fn check_periods(campaign: &Campaign) -> anyhow::Result<()> {
    let list = periods(campaign)?;
    let (calendar, _) = calendar(campaign)?;
    let here = campaign.store.root().join(PERIODS_FILE);
    let mut diagnostics = Vec::new();
    for (i, p) in list.iter().enumerate() {
        let mut bad = |message: String| {
            diagnostics.push(Diagnostic::new(&here, message).at_line(i + 2));
        };
        if p.number as usize != i + 1 {
            bad(words::period_out_of_order(p.number, i + 1));
        }
        let acts_recorded = match p.state {
            State::Open => p.closed_seq.is_none() && i + 1 == list.len(),
            State::Closed => p.closed_seq.is_some() && p.closed_on.is_some(),
            State::Reopened => p.reopened_seq.is_some() && p.reopened_reason.is_some(),
        };
        if !acts_recorded {
            bad(words::period_acts_missing(p.number, &words::state(p.state)));
        }
        match calendar.period(p.start, p.working_days) {
            Ok(counted) if counted.end == p.end => {}
            Ok(counted) => bad(words::period_miscounted(
                p.number,
                &p.end.to_string(),
                &counted.end.to_string(),
                p.working_days,
            )),
            Err(e) => bad(e.message),
        }
    }
    Ok(Error::check(
        diagnostics,
        |n| words::record_unfit(PERIODS_FILE, n),
        &crate::messages::store::restore(),
    )?)
}

/// The latest notice that stands (open or closed), if any.
pub fn current(campaign: &Campaign) -> anyhow::Result<Option<Period>> {
    Ok(periods(campaign)?
        .pop()
        .filter(|p| p.state != State::Reopened))
}

/// The notice that is open, or the refusal that names the command to open one.
pub fn require_open(campaign: &Campaign) -> anyhow::Result<Period> {
    match current(campaign)? {
        Some(period) if period.state == State::Open => Ok(period),
        Some(period) => Err(Error::step_order(words::closed_already(
            period.number,
            &period.closed_on.map(|d| d.to_string()).unwrap_or_default(),
        ))
        .with_hint(words::reopen_hint())
        .into()),
        None => Err(Error::step_order(words::none_open())
            .with_hint(words::open_hint())
            .into()),
    }
}

/// The campaign's working-day calendar, and its text when it is not yet a record (a campaign
/// made before banzi kept one): the notice that first needs it seeds it from the template.
pub fn calendar(campaign: &Campaign) -> anyhow::Result<(Calendar, Option<String>)> {
    let root = campaign.store.root();
    let (text, seed) = match campaign.store.index().get(CALENDAR_FILE) {
        Some(_) => (campaign.store.read_record(CALENDAR_FILE)?, None),
        None => (
            calendar::TEMPLATE.to_owned(),
            Some(calendar::TEMPLATE.to_owned()),
        ),
    };
    let sha256 = crate::store::sha256_hex(text.as_bytes());
    let source = Source::new(root.join(CALENDAR_FILE), text, Encoding::Utf8, sha256);
    let calendar = calendar::parse(&source)?;
    // A seeded calendar is written with the notice; a kept one is edited, then accepted.
    let calendar = match seed {
        Some(_) => calendar,
        None => calendar.after_editing(words::accept_calendar(CALENDAR_FILE)),
    };
    Ok((calendar, seed))
}

/// The fingerprint of what a notice is drawn from: the list as published.
fn drawn_from(campaign: &Campaign) -> String {
    campaign
        .store
        .index()
        .drawn_from(Step::Publicize, &campaign.settings_sha256)
        .1
}

/// Whether a closed notice still stands for the list as it is (the step is done).
pub fn stands(campaign: &Campaign) -> bool {
    campaign
        .store
        .index()
        .is_campaign_step_done(Step::Publicize, &campaign.settings_sha256)
}

/// Refuses, naming the command that supplies what is missing, while no list can be published.
pub fn check_publishable(campaign: &Campaign) -> anyhow::Result<()> {
    list_to_publish(campaign).map(drop)
}

/// The preliminary list a notice publishes: the latest version, current.
fn list_to_publish(campaign: &Campaign) -> anyhow::Result<Version> {
    let Some(freshness) = version::freshness(campaign)? else {
        // What the list still lacks comes first: the refusal names the step that supplies it.
        crate::shortlist::check_ready(campaign)?;
        return Err(Error::step_order(words::no_list())
            .with_hint(words::draw_hint(Step::Shortlist.def().does))
            .into());
    };
    let latest = version::load(campaign, &freshness.latest)?;
    if freshness.stale {
        let changes: Vec<String> = version::changes_since(campaign, &latest)
            .iter()
            .map(|c| c.shown().to_owned())
            .collect();
        return Err(Error::step_order(words::list_stale(
            latest.version,
            &changes.join(&crate::messages::cli::separator()),
        ))
        .with_hint(words::redraw_hint())
        .into());
    }
    if !latest
        .units
        .iter()
        .any(|u| u.decision == Decision::Included)
    {
        return Err(Error::step_order(words::nobody_listed(latest.version))
            .with_hint(words::redraw_hint())
            .into());
    }
    Ok(latest)
}

/// Opens the notice of the current preliminary list, from `start` (a working day) for `days`
/// working days, with `contact` for opinions.
pub fn open(
    campaign: &mut Campaign,
    ctx: &Context,
    start: Option<NaiveDate>,
    days: Option<u32>,
    contact: &str,
) -> anyhow::Result<(Period, Entry)> {
    let mut list = periods(campaign)?;
    if let Some(last) = list.last() {
        match last.state {
            State::Open => {
                return Err(Error::step_order(words::open_already(
                    last.number,
                    &last.start.to_string(),
                    &last.end.to_string(),
                ))
                .with_hint(words::close_or_reopen_hint())
                .into());
            }
            State::Closed if stands(campaign) => {
                return Err(Error::step_order(words::closed_already(
                    last.number,
                    &last.closed_on.map(|d| d.to_string()).unwrap_or_default(),
                ))
                .with_hint(words::reopen_hint())
                .into());
            }
            State::Closed | State::Reopened => {}
        }
    }
    let contact = crate::journal::text_of("--contact", contact, &words::the_contact())?;
    let minimum = campaign.settings.publicity.min_working_days;
    let days = days.unwrap_or(minimum);
    if days < minimum {
        return Err(Error::invalid(words::too_short(days, minimum))
            .with_hint(words::too_short_hint(minimum))
            .into());
    }
    let published = list_to_publish(campaign)?;
    let (calendar, seed) = calendar(campaign)?;
    let period_days = calendar.period(start.unwrap_or(ctx.today), days)?;
    let drawn_from = drawn_from(campaign);
    let mut tx = Transaction::new(&mut campaign.store, ctx);
    let by = tx.attribution().clone();
    let period = Period {
        number: list.last().map_or(1, |p| p.number + 1),
        version: published.version,
        start: period_days.start,
        end: period_days.end,
        working_days: period_days.days,
        contact: contact.to_string(),
        state: State::Open,
        opened_seq: by.seq,
        opened_operator: by.operator,
        opened_time: by.time,
        closed_seq: None,
        closed_operator: None,
        closed_time: None,
        closed_on: None,
        reopened_seq: None,
        reopened_operator: None,
        reopened_time: None,
        reopened_reason: None,
    };
    list.push(period.clone());
    if let Some(text) = seed {
        tx.write(CALENDAR_FILE, text.into_bytes());
    }
    tx.write_opened(
        Step::Publicize,
        PERIODS_FILE,
        crate::store::csv_bytes(&list),
        drawn_from,
    );
    let entry = tx.commit(both(|| {
        words::opened(
            period.number,
            period.version,
            &period.start.to_string(),
            &period.end.to_string(),
            period.working_days,
        )
    }))?;
    Ok((period, entry))
}

/// What keeps a notice from being closed, each as a diagnostic naming it.
pub fn blockers(
    campaign: &Campaign,
    period: &Period,
    today: NaiveDate,
) -> anyhow::Result<Vec<Diagnostic>> {
    let mut found = Vec::new();
    let here = std::path::Path::new(PERIODS_FILE);
    if today <= period.end {
        found.push(Diagnostic::new(
            here,
            words::period_not_over(&period.end.to_string(), &today.to_string()),
        ));
    }
    for opinion in opinions::all(campaign)?
        .iter()
        .filter(|o| !o.status.is_resolved())
    {
        found.push(Diagnostic::new(
            std::path::Path::new(crate::steps::OPINIONS_FILE),
            words::opinion_unresolved(&opinion.id, &opinion.status.shown()),
        ));
    }
    Ok(found)
}

/// Closes the open notice: only after its last day and once every opinion is resolved.
pub fn close(campaign: &mut Campaign, ctx: &Context) -> anyhow::Result<(Period, Entry)> {
    let period = require_open(campaign)?;
    let blocking = blockers(campaign, &period, ctx.today)?;
    Error::check(
        blocking,
        |n| words::cannot_close(period.number, n),
        &words::cannot_close_hint(),
    )
    .map_err(|mut e| {
        e.kind = crate::error::Kind::StepOrder;
        e
    })?;
    let mut list = periods(campaign)?;
    let drawn_from = drawn_from(campaign);
    let mut tx = Transaction::new(&mut campaign.store, ctx);
    let by = tx.attribution().clone();
    let last = list.last_mut().expect("an open notice is in the list");
    last.state = State::Closed;
    last.closed_seq = Some(by.seq);
    last.closed_operator = Some(by.operator);
    last.closed_time = Some(by.time);
    last.closed_on = Some(ctx.today);
    let closed = last.clone();
    tx.write_result(
        Step::Publicize,
        PERIODS_FILE,
        crate::store::csv_bytes(&list),
        drawn_from,
    );
    let entry = tx.commit(both(|| words::closed(closed.number, closed.version)))?;
    Ok((closed, entry))
}

/// Reopens the notice that stands, open or closed, with a reason: it no longer stands, the list
/// and what it rests on can be corrected, and a new notice must be opened.
pub fn reopen(campaign: &mut Campaign, ctx: &Context, reason: &str) -> anyhow::Result<Entry> {
    let reason = Reason::new(reason, &words::a_reopening())?;
    let Some(standing) = current(campaign)? else {
        return Err(Error::step_order(words::none_to_reopen())
            .with_hint(words::open_hint())
            .into());
    };
    let mut list = periods(campaign)?;
    let mut tx = Transaction::new(&mut campaign.store, ctx);
    let by = tx.attribution().clone();
    let last = list.last_mut().expect("the standing notice is in the list");
    last.state = State::Reopened;
    last.reopened_seq = Some(by.seq);
    last.reopened_operator = Some(by.operator);
    last.reopened_time = Some(by.time);
    last.reopened_reason = Some(reason.to_string());
    tx.set_reason(&reason);
    tx.write(PERIODS_FILE, crate::store::csv_bytes(&list));
    tx.commit(both(|| {
        words::reopened(
            standing.number,
            &crate::messages::publicize::state(standing.state),
        )
    }))
}

/// A notice and its opinions, as `publicize show` gives them.
#[derive(Debug)]
pub struct Standing {
    pub period: Period,
    pub counts: opinions::Counts,
    /// Units on the published list ruled out since it was drawn (a disqualification, a veto):
    /// they leave the final list.
    pub ruled_out: Vec<(String, String)>,
    /// Whether the notice is closed but no longer current (the list was drawn again).
    pub stale: bool,
}

/// The notice that stands and its opinions.
pub fn standing(campaign: &Campaign) -> anyhow::Result<Option<Standing>> {
    let Some(period) = current(campaign)? else {
        return Ok(None);
    };
    let all = opinions::all(campaign)?;
    let counts = opinions::Counts::of(&all);
    let published = published_version(campaign, &period)?;
    let mut ruled_out = Vec::new();
    let disqualified = crate::rulings::in_force::<crate::rulings::Disqualification>(campaign)?;
    let vetoed = crate::rulings::in_force::<crate::rulings::Veto>(campaign)?;
    for unit in published
        .units
        .iter()
        .filter(|u| u.decision == Decision::Included)
    {
        if let Some(d) = disqualified.iter().find(|d| d.unit == unit.unit) {
            ruled_out.push((
                unit.unit.clone(),
                words::ruled_out_disqualified(&d.reason, d.seq),
            ));
        } else if let Some(v) = vetoed.iter().find(|v| v.unit == unit.unit) {
            ruled_out.push((unit.unit.clone(), words::ruled_out_vetoed(&v.reason, v.seq)));
        }
    }
    let stale = period.state == State::Closed && !stands(campaign);
    Ok(Some(Standing {
        period,
        counts,
        ruled_out,
        stale,
    }))
}

/// The version of the preliminary list a notice published.
pub fn published_version(campaign: &Campaign, period: &Period) -> anyhow::Result<Version> {
    crate::shortlist::stored(campaign, Some(period.version))
}

/// The notice as a document: the published list's included units by category, in rank order.
pub fn notice(campaign: &Campaign, period: &Period) -> anyhow::Result<crate::documents::Notice> {
    let published = published_version(campaign, period)?;
    let settings = &campaign.settings;
    let categories = crate::units::Category::ALL
        .iter()
        .filter_map(|category| {
            let mut units: Vec<_> = published
                .units
                .iter()
                .filter(|u| u.category == *category && u.decision == Decision::Included)
                .collect();
            units.sort_by_key(|u| (u.rank.unwrap_or(usize::MAX), u.unit.clone()));
            (!units.is_empty()).then(|| crate::documents::NoticeCategory {
                label: category.label().to_owned(),
                units: units
                    .into_iter()
                    .map(|u| crate::documents::NoticeUnit {
                        unit: u.unit.clone(),
                        name: u.name.clone(),
                        rank: u.rank,
                    })
                    .collect(),
            })
        })
        .collect();
    let head = campaign
        .store
        .journal()
        .iter()
        .find(|e| e.seq == period.opened_seq)
        .map_or_else(String::new, Entry::head);
    Ok(crate::documents::Notice {
        organizer: settings.organizer.clone(),
        campaign: settings.name.clone(),
        version: published.version,
        categories,
        start: period.start,
        end: period.end,
        working_days: period.working_days,
        contact: period.contact.clone(),
        date: period.start,
        head,
    })
}

/// Makes the key that protects reporters' identities: the identity is written to `out`, outside
/// the campaign, and its recipient into `campaign.toml`. A key already set is replaced only when
/// asked: what was sealed to it stays readable with the old identity alone.
pub fn keygen(
    campaign: &mut Campaign,
    ctx: &Context,
    out: &std::path::Path,
    replace: bool,
) -> anyhow::Result<(String, Entry)> {
    if campaign.settings.publicity.recipient.is_some() && !replace {
        return Err(Error::invalid(words::recipient_set_already())
            .with_hint(words::replace_hint())
            .into());
    }
    let (text, _) = campaign.store.read_settings()?;
    let pair = identity::generate();
    let settings = crate::settings::with_recipient(&text, &pair.recipient)?;
    identity::write_identity(&pair, out, campaign.store.root())?;
    let mut tx = Transaction::new(&mut campaign.store, ctx);
    tx.write(crate::store::CAMPAIGN_FILE, settings.into_bytes());
    match tx.commit(both(words::recipient_set)) {
        Ok(entry) => Ok((pair.recipient, entry)),
        Err(e) => {
            // The key protects nothing unless the campaign names it.
            let _ = std::fs::remove_file(out);
            Err(e)
        }
    }
}
