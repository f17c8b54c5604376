//! `banzi inspect`: step 3, the inspection combined with the annual assessment.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::Env;
use super::output::{cell, table};
use crate::error::Error;
use crate::inspect::ImportOptions;
use crate::inspect::analysis::{self, Analysis};
use crate::inspect::record::{self as inspection, method_label};

/// Step 3: inspection (组织考察) combined with the annual assessment, and the comprehensive analysis
#[derive(Debug, Args)]
pub struct InspectArgs {
    #[command(subcommand)]
    command: InspectCommand,
}

#[derive(Debug, Args)]
struct ImportArgs {
    /// The CSV file (UTF-8, UTF-8 with BOM or GB18030)
    file: PathBuf,
    /// Validate and report what would change, but write nothing
    #[arg(long)]
    dry_run: bool,
    /// Replace stored results that differ from the file's
    #[arg(long)]
    replace: bool,
}

impl ImportArgs {
    fn options(&self) -> ImportOptions {
        ImportOptions {
            replace: self.replace,
            dry_run: self.dry_run,
        }
    }
}

#[derive(Debug, Subcommand)]
enum InspectCommand {
    /// Import annual-assessment results (年度考核): unit_code, year, grade, optional score and
    /// remarks (or 单位代码, 年度, 等次, 得分, 备注)
    ImportAssessment(ImportArgs),
    /// Import democratic-evaluation votes (民主测评), one row per rater: unit_code, rater_group and
    /// a grade per criterion (or 单位代码, 测评主体, 政治强, …); read in one streaming pass
    ImportVotes(ImportArgs),
    /// Print a commented inspection-record template for a unit
    Template {
        /// The unit's code
        unit: String,
    },
    /// Validate and store one inspection activity (one file per method and visit)
    Record {
        /// The unit's code; the file's `unit` key must match it
        unit: String,
        /// The record, a TOML file (`banzi inspect template UNIT` prints one)
        file: PathBuf,
    },
    /// Validate and store a folder of inspection records at once, each file naming its unit and
    /// method; one bad file stores none (Excel/WPS lock files are skipped)
    Import {
        /// The folder of records, TOML files
        folder: PathBuf,
    },
    /// Show a unit's comprehensive analysis (综合分析): every input, weight and figure
    Show {
        /// The unit's code
        unit: String,
    },
    /// List self-inflation and concealment flags (防止自夸、瞒报) across units
    Flags,
    /// Clear a flag after looking into it, with the reason
    ClearFlag {
        /// The flag's id, as `banzi inspect flags` lists it
        id: String,
        /// Why the flag is cleared, for the journal
        #[arg(long)]
        reason: String,
    },
}

pub fn run(env: &Env, args: InspectArgs) -> anyhow::Result<()> {
    match args.command {
        InspectCommand::ImportAssessment(args) => import_assessment(env, &args),
        InspectCommand::ImportVotes(args) => import_votes(env, &args),
        InspectCommand::Template { unit } => template(env, &unit),
        InspectCommand::Record { unit, file } => record(env, &unit, &file),
        InspectCommand::Import { folder } => import_records(env, folder),
        InspectCommand::Show { unit } => show(env, &unit),
        InspectCommand::Flags => flags(env),
        InspectCommand::ClearFlag { id, reason } => clear_flag(env, &id, &reason),
    }
}

fn report_import(
    env: &Env,
    what: &str,
    dry_run: bool,
    changes: &crate::inspect::Changes,
    entry: Option<&crate::journal::Entry>,
) -> anyhow::Result<()> {
    if env.ui.json {
        env.ui.json(&serde_json::json!({
            "dry_run": dry_run,
            "added": changes.added,
            "replaced": changes.replaced,
            "unchanged": changes.unchanged,
            "seq": entry.map(|e| e.seq),
        }))?;
    }
    let counts = format!(
        "{} units added, {} replaced, {} unchanged",
        changes.added.len(),
        changes.replaced.len(),
        changes.unchanged.len()
    );
    match (dry_run, entry) {
        (true, _) => env.ui.status(&format!(
            "dry run, nothing written: {what} would have {counts}"
        )),
        (false, Some(entry)) => env.ui.done(&format!("{what}: {counts} ({})", entry.cite())),
        (false, None) => env.ui.status(&format!(
            "no change: the {what} are already stored as in this file"
        )),
    }
    Ok(())
}

fn import_assessment(env: &Env, args: &ImportArgs) -> anyhow::Result<()> {
    let source = super::read_input(&args.file)?;
    let (mut campaign, ctx) = env.write()?;
    let imported = crate::inspect::annual::import(&mut campaign, &ctx, &source, args.options())?;
    super::warn_ignored_columns(env, &args.file, &imported.ignored_columns);
    report_import(
        env,
        "annual-assessment results",
        args.dry_run,
        &imported.changes,
        imported.entry.as_ref(),
    )
}

fn import_votes(env: &Env, args: &ImportArgs) -> anyhow::Result<()> {
    let (mut campaign, ctx) = env.write()?;
    let bar = env.ui.progress_bar("reading votes");
    let imported = crate::inspect::votes::import(
        &mut campaign,
        &ctx,
        &args.file,
        args.options(),
        &mut |done, total| {
            bar.set_length(total);
            bar.set_position(done);
        },
    );
    bar.finish_and_clear();
    let imported = imported?;
    super::warn_ignored_columns(env, &args.file, &imported.ignored_columns);
    if imported.entry.is_some() {
        // A weighed group that did not vote shifts its weight to the others: say so per unit.
        let tallies = crate::inspect::votes::VoteTallies::load(&campaign)?;
        for unit in imported.added.iter().chain(&imported.replaced) {
            for gap in tallies.gaps(unit, &campaign.settings.scoring) {
                env.ui.warn(&format!(
                    "{unit}: {}",
                    gap.words(|code| criterion_name(&campaign.settings, code))
                ));
            }
        }
    }
    env.ui.status(&format!("{} votes read", imported.rows));
    let changes = crate::inspect::Changes {
        added: imported.added,
        replaced: imported.replaced,
        unchanged: imported.unchanged,
    };
    report_import(
        env,
        "vote tallies",
        args.dry_run,
        &changes,
        imported.entry.as_ref(),
    )
}

fn template(env: &Env, code: &str) -> anyhow::Result<()> {
    let campaign = env.read()?;
    let register = campaign.register()?;
    let unit = register.require(code)?;
    let plan = crate::plan::load(&campaign, code)?.ok_or_else(|| {
        Error::step_order(format!("unit `{code}` has no plan yet"))
            .with_hint(format!("first run `banzi plan submit {code} FILE`"))
    })?;
    let today = env.context()?.now.date_naive();
    env.ui
        .data(inspection::template(&plan, &campaign.settings, &unit.name, today).trim_end());
    Ok(())
}

fn import_records(env: &Env, folder: PathBuf) -> anyhow::Result<()> {
    let submissions = super::submissions(env, None, Some(folder))?;
    let (mut campaign, ctx) = env.write()?;
    let recorded = inspection::record_all(&mut campaign, &ctx, &submissions)?;
    let (stored, unchanged): (Vec<_>, Vec<_>) = recorded.iter().partition(|r| r.entry.is_some());
    let entry = stored.first().and_then(|r| r.entry.as_ref());
    if env.ui.json {
        env.ui.json(&serde_json::json!({
            "stored": stored.iter().map(|r| &r.path).collect::<Vec<_>>(),
            "unchanged": unchanged.iter().map(|r| &r.path).collect::<Vec<_>>(),
            "seq": entry.map(|e| e.seq),
        }))?;
    }
    if let Some(entry) = entry {
        env.ui.committed(entry);
    }
    if !unchanged.is_empty() {
        env.ui.status(&format!(
            "unchanged: {} record(s) already stored with the same content",
            unchanged.len()
        ));
    }
    Ok(())
}

fn record(env: &Env, unit: &str, file: &std::path::Path) -> anyhow::Result<()> {
    let source = super::read_input(file)?;
    let (mut campaign, ctx) = env.write()?;
    let submission = crate::submission::Submission {
        unit: unit.to_owned(),
        source,
    };
    let recorded = inspection::record(&mut campaign, &ctx, submission)?;
    if env.ui.json {
        env.ui.json(&serde_json::json!({
            "path": recorded.path,
            "seq": recorded.entry.as_ref().map(|e| e.seq),
        }))?;
    }
    match &recorded.entry {
        Some(entry) => env.ui.done(&format!(
            "{} as {} ({})",
            entry.summary,
            recorded.path,
            entry.cite()
        )),
        None => env.ui.status(&format!(
            "no change: this record is already stored as {}",
            recorded.path
        )),
    }
    let missing = campaign
        .store
        .index()
        .progress_of(unit)
        .missing_kinds(&campaign.settings.scoring.required_methods);
    if !missing.is_empty() {
        let named: Vec<String> = missing
            .iter()
            .map(|m| format!("{m} ({})", method_label(m)))
            .collect();
        env.ui
            .status(&format!("still required for {unit}: {}", named.join(", ")));
    }
    Ok(())
}

/// A criterion's name, or its code when the settings no longer have it.
fn criterion_name(settings: &crate::settings::Settings, code: &str) -> String {
    settings
        .criterion(code)
        .map_or_else(|| code.to_owned(), |c| c.name.clone())
}

/// A figure for people: two decimals, or a dash when missing.
fn figure(value: Option<f64>) -> String {
    value.map_or_else(|| "—".to_owned(), |v| format!("{v:.2}"))
}

fn show(env: &Env, code: &str) -> anyhow::Result<()> {
    let campaign = env.read()?;
    let register = campaign.register()?;
    let unit = register.require(code)?;
    let inputs = analysis::Inputs::load(&campaign)?;
    let analysis = analysis::analyse(&campaign, &inputs, code)?;
    if env.ui.json {
        return env.ui.json(&analysis.to_json());
    }
    let mut text = render(&analysis, &cell(&unit.name), &campaign.settings);
    for gap in inputs.tallies.gaps(code, &campaign.settings.scoring) {
        text.push_str(&format!(
            "注意：{}\n",
            gap.words(|c| criterion_name(&campaign.settings, c))
        ));
    }
    env.ui.data(&text);
    Ok(())
}

/// The analysis for people, so that the sum can be redone by hand.
fn render(a: &Analysis, unit_name: &str, settings: &crate::settings::Settings) -> String {
    let w = &a.weights;
    let mut out = format!("{unit_name}（{}）综合分析\n\n", a.unit);
    out.push_str(&format!(
        "构成权重：考察 {} ＋ 民主测评 {} ＋ 年度考核 {}\n",
        w.inspection, w.democratic, w.annual
    ));
    if w.rescaled {
        let c = settings.scoring.components;
        out.push_str(&format!(
            "  本次未导入民主测评：考察 {} 与年度考核 {} 按比例折算为合计 1（生成初步名单前须导入民主测评，或将其权重设为 0）\n",
            c.inspection, c.annual
        ));
    }
    match &a.annual {
        Some(r) => out.push_str(&format!(
            "年度考核：{}，计 {} 分{}{}\n",
            r.grade,
            r.points,
            r.score
                .map(|s| format!("，考核得分 {s}"))
                .unwrap_or_default(),
            if r.remarks.is_empty() {
                String::new()
            } else {
                format!("，{}", cell(&r.remarks))
            }
        )),
        None => out.push_str("年度考核：尚未导入\n"),
    }

    let mut t = table(&["评价内容", "权重", "考察", "民主测评", "年度考核", "综合"]);
    for c in &a.criteria {
        t.add_row([
            c.name.clone(),
            format!("{}", c.weight),
            figure(c.inspection),
            figure(c.democratic.as_ref().map(|d| d.value)),
            figure(c.annual),
            figure(c.combined),
        ]);
    }
    out.push('\n');
    out.push_str(&t.to_string());
    out.push_str(&format!(
        "\n各项综合得分＝{} × 考察 ＋ {} × 民主测评 ＋ {} × 年度考核\n",
        w.inspection, w.democratic, w.annual
    ));

    let records: Vec<&analysis::InspectionInput> = a
        .criteria
        .first()
        .map(|c| c.inspection_inputs.iter().collect())
        .unwrap_or_default();
    if !records.is_empty() {
        let mut header = vec!["考察记录".to_owned(), "方式".to_owned(), "日期".to_owned()];
        header.extend(a.criteria.iter().map(|c| c.name.clone()));
        let header: Vec<&str> = header.iter().map(String::as_str).collect();
        let mut t = table(&header);
        for (i, record) in records.iter().enumerate() {
            let mut row = vec![
                record.record.clone(),
                method_label(&record.method).to_owned(),
                record.date.clone(),
            ];
            row.extend(a.criteria.iter().map(|c| {
                c.inspection_inputs
                    .get(i)
                    .map_or("—".into(), |x| format!("{}", x.rating))
            }));
            t.add_row(row);
        }
        out.push_str("\n考察评分＝各次考察评分的平均值：\n");
        out.push_str(&t.to_string());
        out.push('\n');
    }

    for c in &a.criteria {
        let Some(d) = &c.democratic else { continue };
        let mut header = vec!["测评主体".to_owned()];
        header.extend(
            settings
                .scoring
                .vote_grades
                .iter()
                .map(|g| format!("{}（{}）", g.name, g.points)),
        );
        header.extend(["弃权", "平均", "权重", "实际权重"].map(String::from));
        let header: Vec<&str> = header.iter().map(String::as_str).collect();
        let mut t = table(&header);
        for g in &d.groups {
            let mut row = vec![cell(&g.rater_group)];
            row.extend(g.counts.iter().map(|(_, n)| n.to_string()));
            row.push(g.abstentions.to_string());
            row.push(figure(g.mean));
            row.push(g.weight.map_or("—".into(), |w| format!("{w}")));
            row.push(format!("{:.4}", g.effective_weight));
            t.add_row(row);
        }
        out.push_str(&format!(
            "\n民主测评（{}）：{}＝{}\n",
            c.name,
            if d.weighted {
                "Σ 实际权重 × 各测评主体平均分（权重按有投票的测评主体重新折算）"
            } else {
                "全部有效票的平均分"
            },
            figure(Some(d.value))
        ));
        out.push_str(&t.to_string());
        out.push('\n');
    }

    let terms: Vec<String> = a
        .criteria
        .iter()
        .map(|c| format!("{} × {}", c.weight, figure(c.combined)))
        .collect();
    out.push_str(&format!(
        "\n综合得分＝{}＝{}\n",
        terms.join(" ＋ "),
        figure(a.composite)
    ));
    if !a.missing.is_empty() {
        let words: Vec<String> = a.missing.iter().map(analysis::Missing::words).collect();
        out.push_str(&format!("尚缺：{}\n", words.join("；")));
    }
    out
}

fn flags(env: &Env) -> anyhow::Result<()> {
    let campaign = env.read()?;
    let flags = crate::inspect::flags::all(&campaign)?;
    if env.ui.json {
        return env.ui.json(&flags);
    }
    if flags.is_empty() {
        env.ui.status("no flags");
        return Ok(());
    }
    // The id is what `clear-flag` takes; the finding is for people.
    let mut t = table(&["id", "单位", "类型", "疑点", "来源", "状态"]);
    for f in &flags {
        let kind = match f.kind {
            crate::inspect::flags::FlagKind::SelfInflation => "自夸（自评分偏高）",
            crate::inspect::flags::FlagKind::Concealment => "瞒报（指标未完成）",
        };
        let state = match &f.cleared {
            Some(c) => format!(
                "已排除: {}（{}，#{}）",
                cell(&c.reason),
                cell(&c.operator),
                c.seq
            ),
            None => "待核实".to_owned(),
        };
        t.add_row([
            f.id.clone(),
            f.unit.clone(),
            kind.to_owned(),
            cell(&f.words),
            format!(
                "{} + {} 条考察记录",
                f.self_source,
                f.inspection_sources.len()
            ),
            state,
        ]);
    }
    env.ui.data(&t.to_string());
    let open = flags.iter().filter(|f| f.cleared.is_none()).count();
    env.ui
        .status(&format!("{} flags, {open} not cleared", flags.len()));
    Ok(())
}

fn clear_flag(env: &Env, id: &str, reason: &str) -> anyhow::Result<()> {
    let (mut campaign, ctx) = env.write()?;
    let entry = crate::inspect::flags::clear(&mut campaign, &ctx, id, reason)?;
    if env.ui.json {
        env.ui.json(&entry.to_json())?;
    }
    env.ui.committed(&entry);
    Ok(())
}
