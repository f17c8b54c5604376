//! `banzi inspect`: step 3, the inspection combined with the annual assessment.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::Env;
use super::output::{cell, table};
use crate::error::Error;
use crate::inspect::ImportOptions;
use crate::inspect::analysis::{self, Analysis};
use crate::inspect::record::{self as inspection, method_label};
use crate::messages::inspect as words;
use crate::steps::Step;

#[derive(Debug, Args)]
pub struct InspectArgs {
    #[command(subcommand)]
    command: InspectCommand,
}

#[derive(Debug, Args)]
struct ImportArgs {
    file: PathBuf,
    #[arg(long, value_name = "NAME")]
    sheet: Option<String>,
    #[arg(long)]
    dry_run: bool,
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
    ImportAssessment(ImportArgs),
    ImportVotes(ImportArgs),
    Template(super::TemplateArgs),
    Record {
        unit: String,
        file: PathBuf,
    },
    Import {
        folder: PathBuf,
    },
    Show {
        unit: String,
    },
    Flags,
    ClearFlag {
        id: String,
        #[arg(long)]
        reason: String,
    },
}

pub fn run(env: &Env, args: InspectArgs) -> anyhow::Result<()> {
    match args.command {
        InspectCommand::ImportAssessment(args) => import_assessment(env, &args),
        InspectCommand::ImportVotes(args) => import_votes(env, &args),
        InspectCommand::Template(super::TemplateArgs { unit, xlsx, out }) => {
            template(env, &unit, xlsx, out)
        }
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
    let counts = words::import_counts(
        changes.added.len(),
        changes.replaced.len(),
        changes.unchanged.len(),
    );
    match (dry_run, entry) {
        (true, _) => env.ui.status(&words::dry_run_report(what, &counts)),
        (false, Some(entry)) => env
            .ui
            .done(&words::import_done(what, &counts, &entry.cite())),
        (false, None) => env.ui.status(&words::import_no_change(what)),
    }
    Ok(())
}

fn import_assessment(env: &Env, args: &ImportArgs) -> anyhow::Result<()> {
    let source = super::read_sheet(&args.file, args.sheet.as_deref())?;
    let (mut campaign, ctx) = env.write()?;
    let imported = crate::inspect::annual::import(&mut campaign, &ctx, &source, args.options())?;
    super::warn_ignored_columns(env, &args.file, &imported.ignored_columns);
    report_import(
        env,
        &words::what_annual(),
        args.dry_run,
        &imported.changes,
        imported.entry.as_ref(),
    )
}

fn import_votes(env: &Env, args: &ImportArgs) -> anyhow::Result<()> {
    let (mut campaign, ctx) = env.write()?;
    // Said once per run, so the label may live as long as the bar wants.
    let bar = env.ui.progress_bar(words::reading_votes());
    let imported = crate::inspect::votes::import(
        &mut campaign,
        &ctx,
        &args.file,
        args.sheet.as_deref(),
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
        for gap in &imported.gaps {
            env.ui.warn(&words::unit_gap(
                &gap.unit,
                &gap.said(|code| criterion_name(&campaign.settings, code)),
            ));
        }
    }
    env.ui.status(&words::votes_read(imported.rows));
    let changes = crate::inspect::Changes {
        added: imported.added,
        replaced: imported.replaced,
        unchanged: imported.unchanged,
    };
    report_import(
        env,
        &words::what_votes(),
        args.dry_run,
        &changes,
        imported.entry.as_ref(),
    )
}

fn template(env: &Env, code: &str, xlsx: bool, out: Option<PathBuf>) -> anyhow::Result<()> {
    let campaign = env.read()?;
    let register = campaign.register()?;
    let unit = register.require(code)?;
    let plan = crate::plan::load(&campaign, code)?.ok_or_else(|| {
        Error::step_order(words::no_plan_yet(code)).with_hint(words::submit_plan_first(code))
    })?;
    let today = env.context()?.now.date_naive();
    if xlsx {
        let form = crate::forms::inspection_form(&plan, &campaign.settings, &unit.name, today)?;
        return super::plan::write_form(env, Step::Inspect, code, out, &form);
    }
    env.ui
        .data(inspection::template(&plan, &campaign.settings, &unit.name, today).trim_end());
    Ok(())
}

fn import_records(env: &Env, folder: PathBuf) -> anyhow::Result<()> {
    let submitted = super::submissions(env, Step::Inspect, None, Some(folder))?;
    let (mut campaign, ctx) = env.write()?;
    let recorded =
        submitted.placed(inspection::record_all(&mut campaign, &ctx, &submitted.list))?;
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
        env.ui.status(&words::records_unchanged(unchanged.len()));
    }
    Ok(())
}

fn record(env: &Env, unit: &str, file: &std::path::Path) -> anyhow::Result<()> {
    let mut submitted = super::submissions(
        env,
        Step::Inspect,
        Some((unit.to_owned(), file.to_owned())),
        None,
    )?;
    let (mut campaign, ctx) = env.write()?;
    let submission = submitted.list.remove(0);
    let recorded = submitted.placed(inspection::record(&mut campaign, &ctx, submission))?;
    if env.ui.json {
        env.ui.json(&serde_json::json!({
            "path": recorded.path,
            "seq": recorded.entry.as_ref().map(|e| e.seq),
        }))?;
    }
    match &recorded.entry {
        Some(entry) => env.ui.done(&words::recorded_as(
            entry.summary_shown(),
            &recorded.path,
            &entry.cite(),
        )),
        None => env.ui.status(&words::record_no_change(&recorded.path)),
    }
    let missing = campaign
        .store
        .index()
        .progress_of(unit)
        .missing_kinds(&campaign.settings.scoring.required_methods);
    if !missing.is_empty() {
        let named = analysis::methods_named(&missing);
        env.ui.status(&words::still_required(unit, &named));
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
    value.map_or_else(|| super::output::NOTHING.to_owned(), |v| format!("{v:.2}"))
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
        text.push_str(&words::note(
            &gap.said(|c| criterion_name(&campaign.settings, c)),
        ));
        text.push('\n');
    }
    env.ui.data(&text);
    Ok(())
}

/// The analysis for people, so that the sum can be redone by hand.
fn render(a: &Analysis, unit_name: &str, settings: &crate::settings::Settings) -> String {
    let w = &a.weights;
    let mut out = format!("{}\n\n", words::analysis_title(unit_name, &a.unit));
    out.push_str(&words::weights_line(w.inspection, w.democratic, w.annual));
    out.push('\n');
    if w.rescaled {
        let c = settings.scoring.components;
        out.push_str(&words::rescaled(c.inspection, c.annual));
        out.push('\n');
    }
    match &a.annual {
        Some(r) => {
            let mut more = r.score.map(words::annual_score).unwrap_or_default();
            if !r.remarks.is_empty() {
                more.push_str(&words::annual_remarks(&cell(&r.remarks)));
            }
            out.push_str(&words::annual_line(&r.grade, r.points, &more));
        }
        None => out.push_str(&words::annual_not_imported()),
    }
    out.push('\n');

    let header = [
        words::header_criterion(),
        words::header_weight(),
        words::header_inspection(),
        words::header_democratic(),
        words::header_annual(),
        words::header_combined(),
    ];
    let mut t = table(&header.each_ref().map(String::as_str));
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
        "\n{}\n",
        words::combined_formula(w.inspection, w.democratic, w.annual)
    ));

    let records: Vec<&analysis::InspectionInput> = a
        .criteria
        .first()
        .map(|c| c.inspection_inputs.iter().collect())
        .unwrap_or_default();
    if !records.is_empty() {
        let mut header = vec![
            words::header_record(),
            words::header_method(),
            words::header_date(),
        ];
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
                    .map_or(super::output::NOTHING.into(), |x| format!("{}", x.rating))
            }));
            t.add_row(row);
        }
        out.push_str(&format!("\n{}\n", words::inspection_mean()));
        out.push_str(&t.to_string());
        out.push('\n');
    }

    for c in &a.criteria {
        let Some(d) = &c.democratic else { continue };
        let mut header = vec![words::header_rater_group()];
        header.extend(
            settings
                .scoring
                .vote_grades
                .iter()
                .map(|g| words::vote_grade_header(&g.name, g.points)),
        );
        header.extend([
            words::header_abstentions(),
            words::header_mean(),
            words::header_weight(),
            words::header_effective_weight(),
        ]);
        let header: Vec<&str> = header.iter().map(String::as_str).collect();
        let mut t = table(&header);
        for g in &d.groups {
            let mut row = vec![cell(&g.rater_group)];
            row.extend(g.counts.iter().map(|(_, n)| n.to_string()));
            row.push(g.abstentions.to_string());
            row.push(figure(g.mean));
            row.push(
                g.weight
                    .map_or(super::output::NOTHING.into(), |w| format!("{w}")),
            );
            row.push(format!("{:.4}", g.effective_weight));
            t.add_row(row);
        }
        let how = if d.weighted {
            words::democratic_weighted()
        } else {
            words::democratic_plain()
        };
        out.push_str(&format!(
            "\n{}\n",
            words::democratic_line(&c.name, &how, &figure(Some(d.value)))
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
        "\n{}\n",
        words::composite_line(&terms.join(&words::plus()), &figure(a.composite))
    ));
    if !a.missing.is_empty() {
        let missing: Vec<String> = a.missing.iter().map(analysis::Missing::words).collect();
        out.push_str(&words::missing_line(
            &missing.join(&words::missing_separator()),
        ));
        out.push('\n');
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
        env.ui.status(&words::no_flags());
        return Ok(());
    }
    // The id is what `clear-flag` takes; the finding is for people.
    let header = [
        words::header_id(),
        words::header_unit(),
        words::header_kind(),
        words::header_finding(),
        words::header_sources(),
        words::header_state(),
    ];
    let mut t = table(&header.each_ref().map(String::as_str));
    for f in &flags {
        let kind = match f.kind {
            crate::inspect::flags::FlagKind::SelfInflation => words::kind_inflation(),
            crate::inspect::flags::FlagKind::Concealment => words::kind_concealment(),
        };
        let state = match &f.cleared {
            Some(c) => words::cleared_state(&cell(&c.reason), &cell(&c.operator), c.seq),
            None => words::open_state(),
        };
        t.add_row([
            f.id.clone(),
            f.unit.clone(),
            kind,
            cell(f.finding.shown()),
            words::flag_sources(&f.self_source, f.inspection_sources.len()),
            state,
        ]);
    }
    env.ui.data(&t.to_string());
    let open = flags.iter().filter(|f| f.cleared.is_none()).count();
    env.ui.status(&words::flags_count(flags.len(), open));
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
