//! `banzi status`: where the campaign and every unit stand, and what to do next.

use clap::Args;

use super::Env;
use super::output::{cell, table};
use crate::messages::steps as words;
use crate::status::{Guidance, Status};
use crate::steps::{State, Step};

#[derive(Debug, Args)]
pub struct StatusArgs {}

/// Prints what can be told even of a campaign that disagrees with its journal, then refuses it.
pub fn run(env: &Env, _args: StatusArgs) -> anyhow::Result<()> {
    let campaign = env.read_as_found()?;
    let shown = Status::of(&campaign, env.context()?.today).and_then(|status| show(env, &status));
    campaign.store.refuse_if_damaged()?;
    shown
}

fn show(env: &Env, status: &Status) -> anyhow::Result<()> {
    if env.ui.json {
        return env.ui.json(status);
    }
    let phase = Step::from_key(status.phase).map_or(status.phase.to_owned(), phase_name);
    env.ui.data(&words::heading(
        &cell(&status.campaign.name),
        status.campaign.year,
        &phase,
    ));
    if status.units.is_empty() {
        env.ui.data(&words::no_units());
        show_guidance(env, &status.guidance);
        return Ok(());
    }
    let (code, name, category, next) = (
        words::column_code(),
        words::column_name(),
        words::column_category(),
        words::column_next(),
    );
    let titles: Vec<String> = Step::per_unit().map(|d| words::title(d.step)).collect();
    let mut header = vec![code.as_str(), name.as_str(), category.as_str()];
    header.extend(titles.iter().map(String::as_str));
    header.push(next.as_str());
    let mut t = table(&header);
    for unit in &status.units {
        let mut row = vec![
            unit.code.clone(),
            cell(&unit.name),
            crate::units::Category::parse(&unit.category)
                .map_or(unit.category.clone(), |c| c.label().to_owned()),
        ];
        row.extend(Step::per_unit().map(|d| words::state(unit.states.get(d.step))));
        let vetoed = unit.veto.as_ref().and_then(|v| v["reason"].as_str());
        let disqualified = unit
            .disqualification
            .as_ref()
            .and_then(|v| v["reason"].as_str());
        row.push(match (&unit.withdrawn, vetoed, &unit.next) {
            (None, _, _) if disqualified.is_some() => {
                words::disqualified_cell(&cell(disqualified.unwrap_or_default()))
            }
            (Some(reason), _, _) => words::withdrawn_cell(&cell(reason)),
            (None, Some(reason), _) => words::vetoed_cell(&cell(reason)),
            (None, None, Some(next)) => next.clone(),
            (None, None, None) => super::output::NOTHING.to_owned(),
        });
        t.add_row(row);
    }
    env.ui.data(&t.to_string());
    let totals: Vec<String> = Step::per_unit()
        .map(|d| {
            let name = match crate::messages::lang() {
                crate::messages::Lang::Zh => words::title(d.step),
                crate::messages::Lang::En => d.command.to_owned(),
            };
            let mut total =
                words::total(&name, status.count(d.step, State::Done), status.units.len());
            match status.count(d.step, State::Stale) {
                0 => {}
                n => total.push_str(&words::total_stale(n)),
            }
            total
        })
        .collect();
    env.ui.data(&totals.join(&words::totals_separator()));
    if let Some(list) = &status.shortlist {
        let state = if list.published && list.stale {
            words::list_published()
        } else if list.stale {
            words::list_stale()
        } else {
            words::list_current()
        };
        env.ui
            .data(&words::list_line(list.version, list.included, &state));
    }
    if let Some(notice) = &status.publicity {
        let state = crate::publicize::State::from_key(notice.state).map_or_else(
            || notice.state.to_owned(),
            crate::messages::publicize::state,
        );
        env.ui.data(&words::notice_line(
            notice.number,
            &state,
            &notice.start,
            &notice.end,
        ));
    }
    show_guidance(env, &status.guidance);
    Ok(())
}

/// The phase for people: its command in English (as scripts and the tests know it), the
/// step's title in Chinese.
fn phase_name(step: Step) -> String {
    match crate::messages::lang() {
        crate::messages::Lang::Zh => words::title(step),
        crate::messages::Lang::En => step.def().command.to_owned(),
    }
}

/// Why the next thing is next, then its command line.
fn show_guidance(env: &Env, guidance: &Guidance) {
    let why = match guidance {
        Guidance::Register => None,
        Guidance::UnitStep { step, waiting, .. } => {
            Some(words::next_unit_step(*waiting, &words::noun(*step)))
        }
        Guidance::Annual => Some(words::next_annual()),
        Guidance::Votes => Some(words::next_votes()),
        Guidance::Draw { open_flags } => Some(words::next_draw(*open_flags)),
        Guidance::Redraw { version, changes } => Some(words::next_redraw(
            *version,
            &changes
                .iter()
                .map(|c| c.shown())
                .collect::<Vec<_>>()
                .join(&words::totals_separator()),
        )),
        Guidance::Publicize { version } => Some(words::next_publicize(*version)),
        Guidance::ReopenNotice { number, changes } => Some(words::next_reopen_notice(
            *number,
            &changes
                .iter()
                .map(|c| c.shown())
                .collect::<Vec<_>>()
                .join(&words::totals_separator()),
        )),
        Guidance::Notice {
            number,
            closable: true,
            ..
        } => Some(words::next_notice_closable(*number)),
        Guidance::Notice {
            number,
            end,
            unresolved,
            ..
        } => Some(words::next_notice_open(*number, end, *unresolved)),
        Guidance::Commend {
            notice,
            reached,
            stale,
        } => Some(match (reached, stale) {
            (_, true) => words::next_commend_stale(),
            (None, false) => words::next_published(*notice),
            (Some(crate::commend::State::Proposed), false) => words::next_approve(),
            (Some(crate::commend::State::Approved), false) => words::next_publish(),
            (Some(crate::commend::State::Published), false) => words::next_complete(),
        }),
    };
    if let Some(why) = why {
        env.ui.data(&why);
    }
    if let Some(command) = guidance.command() {
        env.ui.data(&words::next_line(&command));
    }
}
