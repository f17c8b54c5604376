//! `banzi shortlist`: step 4, the preliminary list (初步名单).

use clap::{ArgGroup, Args, Subcommand};
use serde_json::{Value, json};

use super::Env;
use super::output::{cell, table};
use crate::csv_cell::for_people;
use crate::shortlist::overrides::Adjustment;
use crate::shortlist::rules::Decision;
use crate::shortlist::version::{ListedUnit, RulingNote, Version, short_time};

/// Step 4: draw the preliminary list (初步名单) from the comprehensive analysis and store it as a
/// new version; its subcommands show, adjust, explain and print it
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct ShortlistArgs {
    #[command(subcommand)]
    command: Option<ShortlistCommand>,
}

#[derive(Debug, Args)]
struct VersionArg {
    /// A stored version's number [default: the latest]
    #[arg(long, value_name = "N")]
    version: Option<u32>,
}

#[derive(Debug, Subcommand)]
enum ShortlistCommand {
    /// Show the list: rank, unit, category, composite, every criterion, decision and reasons
    Show {
        #[command(flatten)]
        version: VersionArg,
        /// Print CSV with Chinese headers (UTF-8 with BOM, for Excel and WPS)
        #[arg(long, conflicts_with = "json")]
        csv: bool,
    },
    /// Record the department's decision on a unit on top of the rules, or clear it
    #[command(group(ArgGroup::new("adjustment").required(true).args(["include", "exclude", "clear"])))]
    Adjust {
        /// The unit's code
        unit: String,
        /// Include the unit whatever the rules decided
        #[arg(long)]
        include: bool,
        /// Exclude the unit whatever the rules decided
        #[arg(long)]
        exclude: bool,
        /// Remove the unit's adjustment
        #[arg(long)]
        clear: bool,
        /// Why, shown on the list and kept in the journal
        #[arg(long)]
        reason: String,
    },
    /// Every rule applied to a unit, with the figures it used
    Explain {
        /// The unit's code
        unit: String,
        #[command(flatten)]
        version: VersionArg,
    },
    /// Print the proposed preliminary list for the leadership's review, as Markdown
    Document {
        #[command(flatten)]
        version: VersionArg,
    },
    /// List the stored versions
    Versions,
}

pub fn run(env: &Env, args: ShortlistArgs) -> anyhow::Result<()> {
    match args.command {
        None => draw(env),
        Some(ShortlistCommand::Show { version, csv }) => show(env, version.version, csv),
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
            env.ui.status(
                "the preliminary list is now stale; run `banzi shortlist` to draw a new version with it",
            );
            Ok(())
        }
        Some(ShortlistCommand::Explain { unit, version }) => explain(env, &unit, version.version),
        Some(ShortlistCommand::Document { version }) => document(env, version.version),
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
        env.ui.status(&format!(
            "no change: nothing the list is drawn from changed since version {} ({}); it is current",
            version.version,
            crate::journal::cite(version.seq)
        ));
        return Ok(());
    };
    let count = |d: Decision| version.units.iter().filter(|u| u.decision == d).count();
    env.ui.done(&format!(
        "{} ({}): {} included, {} excluded, {} withdrawn, {} vetoed",
        entry.summary,
        entry.cite(),
        count(Decision::Included),
        count(Decision::Excluded),
        count(Decision::Withdrawn),
        count(Decision::Vetoed),
    ));
    for (unit, before, after) in &drawn.changed {
        env.ui.status(&format!(
            "  {unit}: {} → {} since version {}",
            before.key(),
            after.key(),
            version.version - 1
        ));
    }
    let ties: Vec<&str> = version
        .units
        .iter()
        .filter(|u| u.tie_at_edge)
        .map(|u| u.unit.as_str())
        .collect();
    if !ties.is_empty() {
        env.ui.warn(&format!(
            "{} tie on the composite at the edge of the quota; `banzi shortlist explain UNIT` shows how it was broken",
            ties.join(", ")
        ));
    }
    env.ui.status("`banzi shortlist show` shows the list");
    Ok(())
}

fn decision_cell(entry: &ListedUnit) -> String {
    let mut text = entry.decision.label().to_owned();
    if entry.decision != entry.computed_decision {
        text.push_str(&format!(
            "（调整；按规则为{}）",
            entry.computed_decision.label()
        ));
    }
    if entry.tie_at_edge {
        text.push_str("（边界并列）");
    }
    text
}

fn score(value: Option<f64>) -> String {
    value.map_or_else(|| "—".to_owned(), |v| format!("{v:.2}"))
}

fn show(env: &Env, wanted: Option<u32>, csv: bool) -> anyhow::Result<()> {
    let campaign = env.read()?;
    let version = crate::shortlist::stored(&campaign, wanted)?;
    let stale = crate::shortlist::staleness(&campaign, &version)?;
    if env.ui.json {
        return env.ui.json(&version_json(&version, &stale));
    }
    if csv {
        // The CSV is what gets opened in WPS and printed: a stale list is refused as the
        // document is.
        refuse_stale(&version, wanted, &stale)?;
        return print_csv(&version, &super::head(&campaign));
    }
    env.ui.data(&format!(
        "初步名单 第{}版 · {} · {} · {}",
        version.version,
        short_time(&version.time),
        version.operator,
        crate::journal::cite(version.seq)
    ));
    let criteria: Vec<String> = version
        .units
        .first()
        .map(|u| u.criteria.iter().map(|c| c.name.clone()).collect())
        .unwrap_or_default();
    let mut header = vec!["排名", "单位", "名称", "综合得分"];
    header.extend(criteria.iter().map(String::as_str));
    header.extend(["决定", "理由"]);
    let order = version.reading_order();
    for c in &version.categories {
        env.ui.data(&format!(
            "\n{}：参评{}个，名额{}，计{}个；达标{}个，按规则列入{}个",
            c.category.label(),
            c.participating,
            c.quota.map_or_else(|| "未设".to_owned(), |q| q.label()),
            c.places,
            c.passing,
            c.included
        ));
        let mut t = table(&header);
        for entry in order.iter().filter(|u| u.category == c.category) {
            let mut row = vec![
                entry.rank.map(|r| r.to_string()).unwrap_or_default(),
                entry.unit.clone(),
                cell(&entry.name),
                score(entry.composite),
            ];
            row.extend(entry.criteria.iter().map(|c| score(c.combined)));
            row.push(decision_cell(entry));
            row.push(cell(&entry.reasons().join("；")));
            t.add_row(row);
        }
        env.ui.data(&t.to_string());
    }
    warn_stale(env, &version, &stale);
    Ok(())
}

fn warn_stale(env: &Env, version: &Version, stale: &[String]) {
    if stale.is_empty() {
        return;
    }
    env.ui.warn(&format!(
        "version {} is stale: {}; run `banzi shortlist` to draw a new version",
        version.version,
        stale.join("; ")
    ));
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
        "vote_gaps": entry.vote_gaps,
        "withdrawal": entry.withdrawal.as_ref().map(RulingNote::to_json),
    })
}

fn version_json(version: &Version, stale: &[String]) -> Value {
    json!({
        "version": version.version,
        "stale": !stale.is_empty(),
        "stale_because": stale,
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

fn explain(env: &Env, unit: &str, wanted: Option<u32>) -> anyhow::Result<()> {
    let campaign = env.read()?;
    campaign.register()?.require(unit)?;
    let version = crate::shortlist::stored(&campaign, wanted)?;
    let stale = crate::shortlist::staleness(&campaign, &version)?;
    let Some(entry) = version.units.iter().find(|u| u.unit == unit) else {
        return Err(crate::error::Error::invalid(format!(
            "unit `{unit}` is not on version {} of the preliminary list; it was registered after",
            version.version
        ))
        .with_hint("run `banzi shortlist` to draw a new version")
        .into());
    };
    if env.ui.json {
        let mut value = entry_json(entry);
        value["version"] = version.version.into();
        value["stale"] = (!stale.is_empty()).into();
        return env.ui.json(&value);
    }
    let mut lines = vec![format!(
        "{} {}（{}）· 初步名单 第{}版",
        entry.unit,
        entry.name,
        entry.category.label(),
        version.version
    )];
    let mut decision = format!("决定: {}", entry.decision.label());
    if let Some(o) = &entry.adjustment {
        decision.push_str(&format!(
            "（组织部调整为{}，{}，{}，#{}：{}；按规则为{}）",
            o.decision.label(),
            o.operator,
            short_time(&o.time),
            o.seq,
            o.reason,
            entry.computed_decision.label()
        ));
    }
    lines.push(decision);
    for gap in &entry.vote_gaps {
        lines.push(format!("民主测评: {gap}"));
    }
    for (what, note) in [("退出参评", &entry.withdrawal), ("一票否决", &entry.veto)] {
        if let Some(note) = note {
            lines.push(format!("{what}: {}（{}）", note.reason, note.attributed()));
        }
    }
    if let Some(composite) = entry.composite {
        lines.push(format!(
            "综合得分 {composite:.4} = 考察部分 {:.4} + 民主测评部分 {:.4} + 年度考核部分 {:.4}",
            entry.inspection_part,
            entry.democratic_part,
            composite - entry.inspection_part - entry.democratic_part
        ));
    }
    let criteria: Vec<String> = entry
        .criteria
        .iter()
        .map(|c| format!("{} {}", c.name, score(c.combined)))
        .collect();
    lines.push(format!("各项综合得分: {}", criteria.join("，")));
    lines.push("规则:".to_owned());
    for check in &entry.checks {
        let mark = if check.passed { "✓" } else { "✗" };
        lines.push(format!("  {mark} {}", check.text()));
    }
    lines.push(
        "排序: 综合得分（保留两位小数比较）从高到低；相同时依次比较考察部分、民主测评部分，再按单位代码"
            .to_owned(),
    );
    env.ui.data(&lines.join("\n"));
    warn_stale(env, &version, &stale);
    Ok(())
}

/// Refuses to print the latest version for people while it is stale; a version asked for by
/// number is printed as it was.
fn refuse_stale(version: &Version, wanted: Option<u32>, stale: &[String]) -> anyhow::Result<()> {
    if wanted.is_some() || stale.is_empty() {
        return Ok(());
    }
    Err(crate::error::Error::step_order(format!(
        "version {} of the preliminary list is stale: {}",
        version.version,
        stale.join("; ")
    ))
    .with_hint(format!(
        "run `banzi shortlist` to draw a new version, or pass `--version {}` to print this one as it was",
        version.version
    ))
    .into())
}

fn document(env: &Env, wanted: Option<u32>) -> anyhow::Result<()> {
    let campaign = env.read()?;
    let version = crate::shortlist::stored(&campaign, wanted)?;
    let stale = crate::shortlist::staleness(&campaign, &version)?;
    refuse_stale(&version, wanted, &stale)?;
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
    let mut t = table(&["版本", "时间", "经办人", "journal", "列入", "状态"]);
    for l in &listed {
        let state = match &freshness {
            Some(f) if f.latest.version == l.version && !f.stale => "current",
            Some(f) if f.latest.version == l.version => "stale",
            _ => "superseded",
        };
        t.add_row(vec![
            l.version.to_string(),
            short_time(&l.time),
            cell(&l.operator),
            format!("#{}", l.seq),
            l.included.to_string(),
            state.to_owned(),
        ]);
    }
    env.ui.data(&t.to_string());
    Ok(())
}
