//! `banzi shortlist`: step 4, the preliminary list (初步名单).

use std::path::{Path, PathBuf};

use clap::{ArgGroup, Args, Subcommand};
use serde_json::{Value, json};

use super::Env;
use super::output::{cell, table};
use crate::csv_cell::for_people;
use crate::documents::workbook::{Cell, Export, ListSheet, chinese};
use crate::messages::{Both, shortlist as words};
use crate::settings::Quota;
use crate::shortlist::overrides::Adjustment;
use crate::shortlist::rules::Decision;
use crate::shortlist::version::{ListedUnit, RulingNote, Version, short_time};

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct ShortlistArgs {
    #[command(subcommand)]
    command: Option<ShortlistCommand>,
}

#[derive(Debug, Args)]
struct VersionArg {
    #[arg(long, value_name = "N")]
    version: Option<u32>,
}

#[derive(Debug, Subcommand)]
enum ShortlistCommand {
    Show {
        #[command(flatten)]
        version: VersionArg,
        #[arg(long, conflicts_with = "json")]
        csv: bool,
        #[arg(long, value_name = "FILE", conflicts_with = "csv")]
        xlsx: Option<PathBuf>,
    },
    #[command(group(ArgGroup::new("adjustment").required(true).args(["include", "exclude", "clear"])))]
    Adjust {
        unit: String,
        #[arg(long)]
        include: bool,
        #[arg(long)]
        exclude: bool,
        #[arg(long)]
        clear: bool,
        #[arg(long)]
        reason: String,
    },
    Explain {
        unit: String,
        #[command(flatten)]
        version: VersionArg,
    },
    Document {
        #[command(flatten)]
        version: VersionArg,
        #[arg(long)]
        pdf: bool,
    },
    Versions,
}

pub fn run(env: &Env, args: ShortlistArgs) -> anyhow::Result<()> {
    match args.command {
        None => draw(env),
        Some(ShortlistCommand::Show { version, csv, xlsx }) => {
            show(env, version.version, csv, xlsx.as_deref())
        }
        Some(ShortlistCommand::Adjust {
            unit,
            include,
            exclude,
            reason,
            ..
        }) => {
            let adjustment = match (include, exclude) {
                (true, _) => Adjustment::Include,
                (_, true) => Adjustment::Exclude,
                _ => Adjustment::Clear,
            };
            let (mut campaign, ctx) = env.write()?;
            let entry = crate::shortlist::overrides::adjust(
                &mut campaign,
                &ctx,
                &unit,
                adjustment,
                &reason,
            )?;
            if env.ui.json {
                env.ui.json(&entry.to_json())?;
            }
            env.ui.committed(&entry);
            env.ui.status(&words::adjusted_stale());
            Ok(())
        }
        Some(ShortlistCommand::Explain { unit, version }) => explain(env, &unit, version.version),
        Some(ShortlistCommand::Document { version, pdf }) => document(env, version.version, pdf),
        Some(ShortlistCommand::Versions) => versions(env),
    }
}

fn draw(env: &Env) -> anyhow::Result<()> {
    let (mut campaign, ctx) = env.write()?;
    let drawn = crate::shortlist::draw(&mut campaign, &ctx)?;
    let version = &drawn.version;
    if env.ui.json {
        let mut value = version_json(version, &[]);
        value["stored"] = drawn.entry.is_some().into();
        env.ui.json(&value)?;
    }
    let Some(entry) = &drawn.entry else {
        env.ui
            .status(&words::no_change(version.version, version.seq));
        return Ok(());
    };
    let count = |d: Decision| version.units.iter().filter(|u| u.decision == d).count();
    env.ui.done(&words::drawn_counts(
        entry.summary_shown(),
        entry.seq,
        count(Decision::Included),
        count(Decision::Excluded),
        count(Decision::Withdrawn),
        count(Decision::Vetoed),
    ));
    if count(Decision::Disqualified) > 0 {
        env.ui
            .status(&words::drawn_disqualified(count(Decision::Disqualified)));
    }
    for (unit, before, after) in &drawn.changed {
        env.ui.status(&words::changed_since(
            unit,
            &before.shown(),
            &after.shown(),
            version.version - 1,
        ));
    }
    let ties: Vec<&str> = version
        .units
        .iter()
        .filter(|u| u.tie_at_edge)
        .map(|u| u.unit.as_str())
        .collect();
    if !ties.is_empty() {
        env.ui.warn(&words::tie_warning(&ties.join(", ")));
    }
    env.ui.status(&words::show_hint());
    Ok(())
}

fn decision_cell(entry: &ListedUnit) -> String {
    let mut text = entry.decision.shown();
    if entry.decision != entry.computed_decision {
        text.push_str(&words::cell_adjusted(&entry.computed_decision.shown()));
    }
    if entry.tie_at_edge {
        text.push_str(&words::cell_tie());
    }
    text
}

/// A category's quota in words.
fn quota(quota: Option<Quota>) -> String {
    match quota {
        None => words::quota_unset(),
        Some(Quota::Count(n)) => words::quota_count(n),
        Some(Quota::Share(share)) => words::quota_share(&crate::figures::figure(share * 100.0)),
    }
}

/// A score as documents print it, "—" when there is none; a table cell takes it through `cell`.
fn score(value: Option<f64>) -> String {
    value.map_or_else(|| "—".to_owned(), |v| format!("{v:.2}"))
}

fn show(env: &Env, wanted: Option<u32>, csv: bool, xlsx: Option<&Path>) -> anyhow::Result<()> {
    if let Some(out) = xlsx {
        super::output::xlsx_name(out)?;
    }
    let campaign = env.read()?;
    let version = crate::shortlist::stored(&campaign, wanted)?;
    let stale = crate::shortlist::staleness(&campaign, &version)?;
    if let Some(out) = xlsx {
        // Opened in WPS and printed, as the CSV is: a stale list is refused as it is.
        refuse_stale(&version, wanted, &stale)?;
        super::output::write_xlsx(&env.ui, &campaign, out, &export(&version, &stale))?;
        if env.ui.json {
            return env.ui.json(&version_json(&version, &stale));
        }
        return Ok(());
    }
    if env.ui.json {
        return env.ui.json(&version_json(&version, &stale));
    }
    if csv {
        // The CSV is what gets opened in WPS and printed: a stale list is refused as the
        // document is.
        refuse_stale(&version, wanted, &stale)?;
        return print_csv(&version, &super::head(&campaign));
    }
    env.ui.data(&words::show_title(
        version.version,
        &short_time(&version.time),
        &version.operator,
        version.seq,
    ));
    let criteria: Vec<String> = version
        .units
        .first()
        .map(|u| u.criteria.iter().map(|c| c.name.clone()).collect())
        .unwrap_or_default();
    let mut header = vec![
        words::header_rank(),
        words::header_unit(),
        words::header_name(),
        words::header_composite(),
    ];
    header.extend(criteria.iter().cloned());
    header.extend([words::header_decision(), words::header_reasons()]);
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let order = version.reading_order();
    for c in &version.categories {
        env.ui.data(&format!(
            "\n{}",
            words::show_category(
                &words::category(c.category),
                c.participating,
                &quota(c.quota),
                c.places,
                c.passing,
                c.included,
            )
        ));
        let mut t = table(&header);
        for entry in order.iter().filter(|u| u.category == c.category) {
            let mut row = vec![
                entry.rank.map(|r| r.to_string()).unwrap_or_default(),
                entry.unit.clone(),
                cell(&entry.name),
                cell(&score(entry.composite)),
            ];
            row.extend(entry.criteria.iter().map(|c| cell(&score(c.combined))));
            row.push(decision_cell(entry));
            row.push(cell(&entry.reasons_shown().join(&words::separator())));
            t.add_row(row);
        }
        env.ui.data(&t.to_string());
    }
    warn_stale(env, &version, &stale);
    Ok(())
}

/// The reasons a version is stale, in the language in force.
fn why_stale(stale: &[Both]) -> String {
    stale
        .iter()
        .map(Both::shown)
        .collect::<Vec<_>>()
        .join(&words::separator())
}

fn warn_stale(env: &Env, version: &Version, stale: &[Both]) {
    if stale.is_empty() {
        return;
    }
    env.ui
        .warn(&words::stale_warning(version.version, &why_stale(stale)));
}

/// The `--json` of a unit's place, as `show` and `explain` print it.
fn entry_json(entry: &ListedUnit) -> Value {
    let criteria: serde_json::Map<String, Value> = entry
        .criteria
        .iter()
        .map(|c| (c.code.clone(), json!(c.combined)))
        .collect();
    let checks: Vec<Value> = entry
        .checks
        .iter()
        .map(|c| {
            let mut value = serde_json::to_value(c).unwrap_or(Value::Null);
            if let Value::Object(map) = &mut value {
                map.insert("text".into(), c.text().into());
            }
            value
        })
        .collect();
    json!({
        "unit": entry.unit,
        "name": entry.name,
        "category": entry.category,
        "rank": entry.rank,
        "composite": entry.composite,
        "criteria": criteria,
        "inspection_part": entry.inspection_part,
        "democratic_part": entry.democratic_part,
        "annual_grade": entry.annual_grade,
        "open_flags": entry.open_flags,
        "decision": entry.decision,
        "computed_decision": entry.computed_decision,
        "reasons": entry.reasons(),
        "override": entry.adjustment.as_ref().map(|o| json!({
            "decision": o.decision,
            "reason": o.reason,
            "operator": o.operator,
            "time": o.time,
            "seq": o.seq,
        })),
        "tie_at_edge": entry.tie_at_edge,
        "checks": checks,
        "veto": entry.veto.as_ref().map(RulingNote::to_json),
        "disqualification": entry.disqualification.as_ref().map(RulingNote::to_json),
        "vote_gaps": entry.vote_gaps,
        "withdrawal": entry.withdrawal.as_ref().map(RulingNote::to_json),
    })
}

fn version_json(version: &Version, stale: &[Both]) -> Value {
    // Scripts read the reasons in English whatever the language in force.
    let because: Vec<&str> = stale.iter().map(|s| s.en.as_str()).collect();
    json!({
        "version": version.version,
        "stale": !stale.is_empty(),
        "stale_because": because,
        "time": version.time,
        "operator": version.operator,
        "seq": version.seq,
        "rules": version.rules,
        "categories": version.categories,
        "units": version.reading_order().into_iter().map(entry_json).collect::<Vec<_>>(),
    })
}

/// The list as CSV for Excel/WPS; its last row names the journal head it was printed from.
fn print_csv(version: &Version, head: &str) -> anyhow::Result<()> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let mut header: Vec<String> = [
        "单位代码",
        "单位名称",
        "类别",
        "排名",
        "综合得分",
        "决定",
        "按规则决定",
        "理由",
        "调整",
        "边界并列",
    ]
    .map(String::from)
    .to_vec();
    if let Some(first) = version.units.first() {
        header.extend(first.criteria.iter().map(|c| c.name.clone()));
    }
    // Every printed copy says which list it is.
    header.push("版本".to_owned());
    // People open this in Excel/WPS: no cell may run as a formula.
    writer.write_record(header.iter().map(|c| for_people(c).into_owned()))?;
    for entry in version.reading_order() {
        let mut row = vec![
            entry.unit.clone(),
            entry.name.clone(),
            entry.category.label().to_owned(),
            entry.rank.map(|r| r.to_string()).unwrap_or_default(),
            score(entry.composite),
            entry.decision.label().to_owned(),
            entry.computed_decision.label().to_owned(),
            entry.reasons().join("；"),
            entry
                .adjustment
                .as_ref()
                .map(|o| format!("{}：{}", o.decision.label(), o.attributed()))
                .unwrap_or_default(),
            if entry.tie_at_edge { "是" } else { "否" }.to_owned(),
        ];
        row.extend(entry.criteria.iter().map(|c| score(c.combined)));
        row.push(format!("第{}版", version.version));
        writer.write_record(row.iter().map(|c| for_people(c).into_owned()))?;
    }
    // The same width as the rows above, so a strict CSV reader takes it too.
    let mut last = vec![String::new(); header.len()];
    last[0] = super::HEAD_LABEL.to_owned();
    last[1] = head.to_owned();
    writer.write_record(&last)?;
    let bytes = writer.into_inner()?;
    let mut out = "\u{feff}".to_owned();
    out.push_str(std::str::from_utf8(&bytes)?);
    use std::io::Write as _;
    std::io::stdout().lock().write_all(out.as_bytes())?;
    Ok(())
}

/// The list as a workbook: every unit in reading order, the scores as numbers, the decision
/// and every reason in Chinese, as the CSV has them.
fn export(version: &Version, stale: &[Both]) -> Export {
    use crate::messages::workbook as book;
    let title = chinese(|| book::shortlist_title(version.version));
    let mut headers = vec![
        chinese(book::column_code),
        chinese(book::column_name),
        chinese(book::column_category),
        chinese(words::header_rank),
        chinese(words::header_composite),
    ];
    if let Some(first) = version.units.first() {
        headers.extend(first.criteria.iter().map(|c| c.name.clone()));
    }
    headers.extend([
        chinese(book::column_annual_grade),
        chinese(words::header_decision),
        chinese(book::column_computed_decision),
        chinese(words::header_reasons),
        chinese(book::column_adjustment),
        chinese(book::column_tie),
    ]);
    let rows = version
        .reading_order()
        .into_iter()
        .map(|entry| {
            let mut row = vec![
                Cell::text(&entry.unit),
                Cell::text(&entry.name),
                Cell::text(entry.category.label()),
                entry.rank.into(),
                entry.composite.into(),
            ];
            row.extend(entry.criteria.iter().map(|c| Cell::from(c.combined)));
            row.extend([
                Cell::text(entry.annual_grade.clone().unwrap_or_default()),
                Cell::text(entry.decision.label()),
                Cell::text(entry.computed_decision.label()),
                Cell::text(entry.reasons().join("\n")),
                Cell::text(
                    entry
                        .adjustment
                        .as_ref()
                        .map(|o| format!("{}：{}", o.decision.label(), o.attributed()))
                        .unwrap_or_default(),
                ),
                Cell::text(chinese(if entry.tie_at_edge {
                    book::yes
                } else {
                    book::no
                })),
            ]);
            row
        })
        .collect();
    let mut details = vec![
        (
            chinese(book::about_list_version),
            Cell::Integer(version.version.into()),
        ),
        (
            chinese(book::about_drawn),
            Cell::text(chinese(|| {
                words::show_title(
                    version.version,
                    &short_time(&version.time),
                    &version.operator,
                    version.seq,
                )
            })),
        ),
    ];
    details.extend(version.categories.iter().map(|c| {
        (
            c.category.label().to_owned(),
            Cell::text(chinese(|| {
                words::show_category(
                    &words::category(c.category),
                    c.participating,
                    &quota(c.quota),
                    c.places,
                    c.passing,
                    c.included,
                )
            })),
        )
    }));
    if !stale.is_empty() {
        let why: Vec<&str> = stale.iter().map(|s| s.zh.as_str()).collect();
        details.push((
            chinese(book::about_stale),
            Cell::text(why.join(&chinese(words::separator))),
        ));
    }
    Export {
        title: title.clone(),
        command: format!("banzi shortlist show --version {}", version.version),
        sheets: vec![ListSheet {
            name: title,
            headers,
            rows,
        }],
        details,
    }
}

fn explain(env: &Env, unit: &str, wanted: Option<u32>) -> anyhow::Result<()> {
    let campaign = env.read()?;
    campaign.register()?.require(unit)?;
    let version = crate::shortlist::stored(&campaign, wanted)?;
    let stale = crate::shortlist::staleness(&campaign, &version)?;
    let Some(entry) = version.units.iter().find(|u| u.unit == unit) else {
        return Err(
            crate::error::Error::invalid(words::not_on_version(unit, version.version))
                .with_hint(words::not_on_version_hint())
                .into(),
        );
    };
    if env.ui.json {
        let mut value = entry_json(entry);
        value["version"] = version.version.into();
        value["stale"] = (!stale.is_empty()).into();
        return env.ui.json(&value);
    }
    let mut lines = vec![words::explain_title(
        &entry.unit,
        &entry.name,
        &words::category(entry.category),
        version.version,
    )];
    let mut decision = words::explain_decision(&entry.decision.shown());
    if let Some(o) = &entry.adjustment {
        decision.push_str(&words::explain_adjusted(
            &o.decision.shown(),
            &o.operator,
            &short_time(&o.time),
            o.seq,
            &o.reason,
            &entry.computed_decision.shown(),
        ));
    }
    lines.push(decision);
    for gap in &entry.vote_gaps {
        lines.push(words::explain_vote_gap(gap));
    }
    if let Some(note) = &entry.withdrawal {
        lines.push(words::explain_withdrawn(
            &note.reason,
            &note.attributed_shown(),
        ));
    }
    if let Some(note) = &entry.veto {
        lines.push(words::explain_vetoed(
            &note.reason,
            &note.attributed_shown(),
        ));
    }
    if let Some(note) = &entry.disqualification {
        lines.push(words::explain_disqualified(
            &note.reason,
            &note.attributed_shown(),
        ));
        if !note.accountable.is_empty() {
            lines.push(words::explain_accountable(&note.accountable));
        }
    }
    if let Some(composite) = entry.composite {
        lines.push(words::explain_composite(
            &format!("{composite:.4}"),
            &format!("{:.4}", entry.inspection_part),
            &format!("{:.4}", entry.democratic_part),
            &format!(
                "{:.4}",
                composite - entry.inspection_part - entry.democratic_part
            ),
        ));
    }
    let criteria: Vec<String> = entry
        .criteria
        .iter()
        .map(|c| format!("{} {}", c.name, score(c.combined)))
        .collect();
    lines.push(words::explain_criteria(
        &criteria.join(&words::criteria_separator()),
    ));
    lines.push(words::explain_rules());
    for check in &entry.checks {
        let mark = if check.passed { "✓" } else { "✗" };
        lines.push(format!("  {mark} {}", check.shown()));
    }
    lines.push(words::explain_ordering());
    env.ui.data(&lines.join("\n"));
    warn_stale(env, &version, &stale);
    Ok(())
}

/// Refuses to print the latest version for people while it is stale; a version asked for by
/// number is printed as it was.
fn refuse_stale(version: &Version, wanted: Option<u32>, stale: &[Both]) -> anyhow::Result<()> {
    if wanted.is_some() || stale.is_empty() {
        return Ok(());
    }
    Err(
        crate::error::Error::step_order(words::stale_refused(version.version, &why_stale(stale)))
            .with_hint(words::stale_refused_hint(version.version))
            .into(),
    )
}

fn document(env: &Env, wanted: Option<u32>, pdf: bool) -> anyhow::Result<()> {
    let campaign = env.read()?;
    let version = crate::shortlist::stored(&campaign, wanted)?;
    let stale = crate::shortlist::staleness(&campaign, &version)?;
    refuse_stale(&version, wanted, &stale)?;
    if pdf {
        let fonts = super::fonts::for_printing(env, &campaign);
        let data = crate::documents::preliminary_list_data(
            &campaign.settings,
            &version,
            &super::head(&campaign),
        );
        return env.ui.bytes(&crate::documents::pdf::render(
            crate::documents::pdf::Template::PreliminaryList,
            &data,
            &fonts,
        )?);
    }
    let sha256 = campaign
        .store
        .index()
        .get(&crate::shortlist::version::path_of(version.version))
        .map(|r| r.sha256.clone())
        .unwrap_or_default();
    env.ui.data(&crate::documents::preliminary_list(
        &campaign.settings,
        &version,
        &sha256,
        &super::head(&campaign),
        crate::shortlist::version::list(&campaign)?
            .last()
            .map_or(version.version, |l| l.version),
        !stale.is_empty(),
    ));
    Ok(())
}

fn versions(env: &Env) -> anyhow::Result<()> {
    let campaign = env.read()?;
    let listed = crate::shortlist::version::list(&campaign)?;
    let freshness = crate::shortlist::version::freshness(&campaign)?;
    if env.ui.json {
        let rows: Vec<Value> = listed
            .iter()
            .map(|l| {
                json!({
                    "version": l.version,
                    "time": l.time,
                    "operator": l.operator,
                    "seq": l.seq,
                    "included": l.included,
                    "stale": freshness.as_ref().is_none_or(|f| f.latest.version != l.version || f.stale),
                })
            })
            .collect();
        return env.ui.json(&rows);
    }
    let header = [
        words::header_version(),
        words::header_time(),
        words::header_operator(),
        words::header_entry(),
        words::header_included(),
        words::header_state(),
    ];
    let mut t = table(&header.each_ref().map(String::as_str));
    for l in &listed {
        let state = match &freshness {
            Some(f) if f.latest.version == l.version && !f.stale => words::version_current(),
            Some(f) if f.latest.version == l.version => words::version_stale(),
            _ => words::version_superseded(),
        };
        t.add_row(vec![
            l.version.to_string(),
            short_time(&l.time),
            cell(&l.operator),
            format!("#{}", l.seq),
            l.included.to_string(),
            state,
        ]);
    }
    env.ui.data(&t.to_string());
    Ok(())
}
