//! `banzi status`: where the campaign and every unit stand.

use clap::Args;

use super::Env;
use super::output::{cell, table};
use crate::status::Status;
use crate::steps::{State, Step};

/// Show the campaign's phase and each unit's steps, with what comes next
#[derive(Debug, Args)]
pub struct StatusArgs {}

fn state_label(state: State) -> &'static str {
    match state {
        State::Missing => "未提交",
        State::Done => "已完成",
        State::Stale => "需重做",
        State::Partial => "进行中",
    }
}

/// Prints what can be told even of a campaign that disagrees with its journal, then refuses it.
pub fn run(env: &Env, _args: StatusArgs) -> anyhow::Result<()> {
    let campaign = env.read_as_found()?;
    let shown = Status::of(&campaign).and_then(|status| show(env, &status));
    campaign.store.refuse_if_damaged()?;
    shown
}

fn show(env: &Env, status: &Status) -> anyhow::Result<()> {
    if env.ui.json {
        return env.ui.json(status);
    }
    env.ui.data(&format!(
        "{}（{}年）  phase: {}",
        cell(&status.campaign.name),
        status.campaign.year,
        status.phase
    ));
    if status.units.is_empty() {
        env.ui
            .data("no units registered yet\nnext: banzi units import UNITS.csv");
        return Ok(());
    }
    let mut header = vec!["代码", "单位名称", "类别"];
    header.extend(Step::per_unit().map(|d| d.title));
    header.push("下一步");
    let mut t = table(&header);
    for unit in &status.units {
        let mut row = vec![
            unit.code.clone(),
            cell(&unit.name),
            crate::units::Category::parse(&unit.category)
                .map_or(unit.category.clone(), |c| c.label().to_owned()),
        ];
        row.extend(Step::per_unit().map(|d| state_label(unit.states.get(d.step)).to_owned()));
        let vetoed = unit.veto.as_ref().and_then(|v| v["reason"].as_str());
        row.push(match (&unit.withdrawn, vetoed, &unit.next) {
            (Some(reason), _, _) => format!("已退出: {}", cell(reason)),
            (None, Some(reason), _) => format!("一票否决: {}", cell(reason)),
            (None, None, Some(next)) => next.clone(),
            (None, None, None) => "—".to_owned(),
        });
        t.add_row(row);
    }
    env.ui.data(&t.to_string());
    let totals: Vec<String> = Step::per_unit()
        .map(|d| {
            format!(
                "{} {}/{} done{}",
                d.command,
                status.count(d.step, State::Done),
                status.units.len(),
                match status.count(d.step, State::Stale) {
                    0 => String::new(),
                    n => format!(", {n} stale"),
                }
            )
        })
        .collect();
    env.ui.data(&totals.join("; "));
    if let Some(list) = &status.shortlist {
        let state = if list.stale {
            "stale: an input changed since; run `banzi shortlist` for a new version"
        } else {
            "current"
        };
        env.ui.data(&format!(
            "preliminary list: version {}, {} unit(s) included ({state})",
            list.version, list.included
        ));
    }
    Ok(())
}
