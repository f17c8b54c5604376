//! `banzi status`: the campaign's phase and every unit's steps.

use banzi::steps::{STEPS, Step};
use serde_json::{Value, json};

use crate::fixture::*;

/// A unit's `steps` in `status --json`: every per-unit step of the table, those in `done` done
/// and the rest missing.
fn steps_done(done: &[Step]) -> Value {
    Step::per_unit()
        .map(|d| {
            let state = if done.contains(&d.step) {
                "done"
            } else {
                "missing"
            };
            (d.key.to_owned(), Value::from(state))
        })
        .collect::<serde_json::Map<_, _>>()
        .into()
}

/// Asserts the campaign is in `phase` with `done` done by each of its `units` and the rest
/// missing, each unit's next command its first missing step's, and the table showing every
/// per-unit step.
fn assert_status(f: &Fixture, units: usize, done: &[Step], phase: &str) {
    let status = f.status();
    assert_eq!(status["phase"], phase, "with {done:?} done");
    let table = f.stdout(&["status"]);
    let entries = status["units"].as_array().unwrap();
    if !done.contains(&Step::Units) {
        assert!(entries.is_empty(), "{status:#}");
        assert!(table.contains("no units registered yet"), "{table}");
        return;
    }
    assert_eq!(entries.len(), units, "{status:#}");
    for unit in entries {
        let code = unit["code"].as_str().unwrap();
        assert_eq!(unit["steps"], steps_done(done), "{unit}");
        let next = Step::per_unit()
            .find(|d| !done.contains(&d.step))
            .map(|d| d.step.submit_command(code));
        assert_eq!(unit["next"], json!(next), "{unit}");
    }
    for def in Step::per_unit() {
        let count = if done.contains(&def.step) { units } else { 0 };
        let title = banzi::messages::steps::title(def.step);
        assert!(table.contains(&title), "no `{title}` in\n{table}");
        let total = format!("{} {count}/{units} done", def.command);
        assert!(table.contains(&total), "no `{total}` in\n{table}");
    }
}

/// A campaign taken through every step of the table in turn: before each, the campaign is in
/// that step's phase; once all are done, in the last.
#[test]
fn status_follows_every_step_of_the_table() {
    let units = [
        county("K01", [90; 5], "优秀"),
        department("D01", [85; 5], "良好"),
        municipal("M01", [80; 5], "优秀"),
    ];
    let build = Fixture::synthetic(&units);
    let f = build.start();
    let mut done: Vec<Step> = Vec::new();
    for def in STEPS {
        assert_status(&f, units.len(), &done, def.command);
        build.take(&f, def.step);
        // A step done in two acts is in its phase until it is closed.
        if let Some(close) = def.closes {
            assert_status(&f, units.len(), &done, def.command);
            let words: Vec<&str> = close.split(' ').skip(1).collect();
            f.after_notice(&words).success();
        }
        done.push(def.step);
    }
    assert_status(&f, units.len(), &done, STEPS[STEPS.len() - 1].command);
}

#[test]
fn a_new_campaign_is_in_the_units_phase() {
    let f = Fixture::initialized();
    assert_eq!(
        f.status(),
        json!({"phase": "units", "campaign": {"name": CAMPAIGN_NAME, "year": 2026}, "units": [], "shortlist": null, "publicity": null, "next": "banzi units import UNITS.csv"})
    );
    let table = f.stdout(&["status"]);
    assert!(table.contains("no units registered yet"), "{table}");
    assert!(table.contains("banzi units import"), "{table}");
}

#[test]
fn registered_units_wait_for_their_plans() {
    let f = Fixture::registered();
    let status = f.status();
    assert_eq!(status["phase"], "plan");
    let units = status["units"].as_array().unwrap();
    assert_eq!(units.len(), 16);
    assert_eq!(
        units[0],
        json!({
            "code": "C01",
            "name": "青川市东湖区",
            "category": "county",
            "steps": {"plan": "missing", "self_assess": "missing", "inspect": "missing"},
            "disqualification": null,
            "next": "banzi plan submit C01 FILE",
            "withdrawn": null,
            "veto": null,
        })
    );
    assert_eq!(units[5]["category"], "department");
    assert_eq!(units[10]["category"], "municipal-unit");
}

#[test]
fn the_phase_is_the_earliest_step_some_unit_still_has_to_do() {
    let f = Fixture::registered();
    f.submit_plan("C01");
    let status = f.status();
    assert_eq!(status["phase"], "plan");
    assert_eq!(status["units"][0]["steps"], steps_done(&[Step::Plan]));
    assert_eq!(
        status["units"][0]["next"],
        "banzi self-assess submit C01 FILE"
    );
    assert_eq!(status["units"][1]["next"], "banzi plan submit C02 FILE");

    f.submit_plans();
    assert_eq!(f.status()["phase"], "self-assess");
    f.submit_self_assessment("C01");
    let status = f.status();
    assert_eq!(status["phase"], "self-assess");
    assert_eq!(
        status["units"][0]["steps"],
        steps_done(&[Step::Plan, Step::SelfAssess])
    );
    assert_eq!(status["units"][0]["next"], "banzi inspect record C01 FILE");
}

#[test]
fn a_campaign_with_every_unit_self_assessed_is_in_the_inspect_phase() {
    let f = Fixture::self_assessed();
    let status = f.status();
    assert_eq!(status["phase"], "inspect");
    for unit in status["units"].as_array().unwrap() {
        assert_eq!(
            unit["steps"],
            steps_done(&[Step::Plan, Step::SelfAssess]),
            "{unit}"
        );
        let next = format!(
            "banzi inspect record {} FILE",
            unit["code"].as_str().unwrap()
        );
        assert_eq!(unit["next"], next.as_str(), "{unit}");
    }
}

#[test]
fn the_status_table_shows_states_and_totals() {
    let f = Fixture::planned();
    f.submit_self_assessment("C01");
    let table = f.stdout(&["status"]);
    assert!(table.contains("phase: self-assess"), "{table}");
    assert!(
        table.contains("┆ done ") && table.contains("┆ missing "),
        "{table}"
    );
    let chinese = f.stdout(&["--lang", "zh-CN", "status"]);
    assert!(
        chinese.contains("已完成") && chinese.contains("未提交"),
        "{chinese}"
    );
    assert!(chinese.contains("当前阶段：自评报告"), "{chinese}");
    assert!(
        table.contains("banzi self-assess submit C02 FILE"),
        "{table}"
    );
    assert!(
        table.contains("plan 16/16 done; self-assess 1/16 done"),
        "{table}"
    );
}

#[test]
fn reading_the_status_never_changes_the_campaign() {
    let f = Fixture::planned();
    let before = f.snapshot_dir();
    for args in [
        &["status"][..],
        &["status", "--json"],
        &["log"],
        &["log", "--json"],
        &["verify"],
        &["units", "list"],
        &["plan", "show", "C01"],
        &["plan", "template", "C02"],
        &["self-assess", "template", "C01"],
    ] {
        f.banzi(args).success();
    }
    assert_same_dir(&before, &f.snapshot_dir());
}

#[test]
fn reading_a_campaign_creates_no_file() {
    let f = Fixture::planned();
    let before = f.snapshot_dir();
    f.banzi(&["status"]).success();
    f.banzi(&["verify"]).success();
    assert_same_dir(&before, &f.snapshot_dir());
}

/// `banzi next`'s stdout, and what `status` ends with in each language.
fn next_of(f: &Fixture) -> String {
    f.stdout(&["next"])
}

/// `status` and `next` say the same in both languages to scripts, and Chinese to people.
fn assert_said_in_both(f: &Fixture) {
    for args in [&["status", "--json"][..], &["next", "--json"]] {
        let zh = f.stdout(&[&["--lang", "zh-CN"][..], args].concat());
        let en = f.stdout(&[&["--lang", "en"][..], args].concat());
        assert_eq!(zh, en, "{args:?}");
    }
}

#[test]
fn status_ends_with_the_next_command_and_next_prints_just_it() {
    let f = Fixture::initialized();
    assert_eq!(next_of(&f), "banzi units import UNITS.csv\n");
    let zh = f.stdout(&["--lang", "zh-CN", "status"]);
    assert!(
        zh.ends_with("下一步：banzi units import UNITS.csv\n"),
        "{zh}"
    );
    assert!(zh.contains("尚未登记参评单位"), "{zh}");
    assert!(english_left(&zh).is_empty(), "{:?}", english_left(&zh));
    assert_said_in_both(&f);

    f.import_units();
    f.submit_plan("C01");
    assert_eq!(next_of(&f), "banzi plan submit C02 FILE\n");
    assert_eq!(f.status()["next"], "banzi plan submit C02 FILE");
    let en = f.stdout(&["status"]);
    assert!(
        en.ends_with("15 unit(s) still need their plan\nnext: banzi plan submit C02 FILE\n"),
        "{en}"
    );
    let zh = f.stdout(&["--lang", "zh-CN", "status"]);
    assert!(
        zh.ends_with("还有 15 个单位的工作方案未完成\n下一步：banzi plan submit C02 FILE\n"),
        "{zh}"
    );
    assert!(english_left(&zh).is_empty(), "{:?}", english_left(&zh));
    assert_said_in_both(&f);

    f.submit_plans();
    assert_eq!(next_of(&f), "banzi self-assess submit C01 FILE\n");
}

#[test]
fn once_every_unit_is_inspected_the_list_is_next_with_the_open_flags_then_nothing() {
    let f = Fixture::inspected();
    assert_eq!(next_of(&f), "banzi shortlist\n");
    let flags = f.json(&["inspect", "flags"]);
    let open = flags.as_array().map_or(0, |all| {
        all.iter().filter(|f| f["cleared"].is_null()).count()
    });
    let en = f.stdout(&["status"]);
    assert!(
        en.ends_with(&format!(
            "every unit is inspected: draw the preliminary list; {open} flag(s) are still open (`banzi inspect flags`)\nnext: banzi shortlist\n"
        )),
        "{en}"
    );
    let zh = f.stdout(&["--lang", "zh-CN", "status"]);
    assert!(zh.contains(&format!("尚有 {open} 个疑点未清除")), "{zh}");
    assert!(zh.ends_with("下一步：banzi shortlist\n"), "{zh}");
    assert!(english_left(&zh).is_empty(), "{:?}", english_left(&zh));
    assert_said_in_both(&f);

    f.banzi(&["shortlist"]).success();
    assert_eq!(next_of(&f), format!("{}\n", Step::Publicize.def().does));
    let zh = f.stdout(&["--lang", "zh-CN", "status"]);
    assert!(zh.contains("初步名单为最新，可以公示"), "{zh}");
    f.open_notice();
    assert_eq!(next_of(&f), "", "nothing to do while the period runs");
    let later = |args: &[&str]| {
        f.command(args)
            .env("BANZI_NOW", "2026-12-01T09:00:00+08:00")
            .assert()
            .success()
    };
    let out = later(&["next"]);
    assert_eq!(
        String::from_utf8_lossy(&out.get_output().stdout),
        "banzi publicize close\n",
        "the period over and no opinion open, the notice is closed next"
    );
    later(&["publicize", "close"]);
    assert_eq!(next_of(&f), format!("{}\n", Step::Commend.def().does));
    let zh = f.stdout(&["--lang", "zh-CN", "status"]);
    assert!(
        zh.ends_with("第 1 次公示已结束，可以提出拟表彰名单\n下一步：banzi commend propose\n"),
        "{zh}"
    );
    later(&["commend", "propose"]);
    assert!(next_of(&f).starts_with("banzi commend approve"));
    later(&[
        "commend",
        "approve",
        "--decision-no",
        "市委〔2026〕12号",
        "--date",
        "2026-12-01",
    ]);
    assert!(next_of(&f).starts_with("banzi commend publish"));
    let out = f.root().join("out");
    later(&["commend", "publish", "--out", out.to_str().unwrap()]);
    assert_eq!(next_of(&f), "", "a complete campaign has nothing next");
    assert_eq!(f.status()["next"], json!(null));
    assert_eq!(f.json(&["next"]), json!({"next": null}));
    let zh = f.stdout(&["--lang", "zh-CN", "status"]);
    assert!(zh.ends_with("表彰决定和名单已印发，活动全部完成\n"), "{zh}");
    assert!(english_left(&zh).is_empty(), "{:?}", english_left(&zh));
    assert_said_in_both(&f);
}

#[test]
fn a_stale_list_says_what_changed_and_how_to_draw_it_again() {
    let f = Fixture::drawn();
    f.banzi(&[
        "inspect",
        "clear-flag",
        "concealment-D05-Z2",
        "--reason",
        "经复核，台账已补正，不属瞒报",
    ])
    .success();
    assert_eq!(next_of(&f), "banzi shortlist\n");
    let en = f.stdout(&["status"]);
    assert!(
        en.contains(
            "version 1 of the preliminary list is stale: since then `analysis/cleared-flags.csv`"
        ),
        "{en}"
    );
    assert!(en.ends_with("next: banzi shortlist\n"), "{en}");
    let zh = f.stdout(&["--lang", "zh-CN", "status"]);
    assert!(zh.contains("初步名单第 1 版已过时"), "{zh}");
    assert!(zh.ends_with("下一步：banzi shortlist\n"), "{zh}");
    assert_said_in_both(&f);
}

#[test]
fn next_refuses_outside_a_campaign_in_the_language_chosen() {
    let f = Fixture::new();
    let out = f
        .command_in(f.root())
        .args(["--lang", "zh-CN", "next"])
        .assert()
        .failure();
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert_eq!(stdout, "", "nothing on stdout that a script could run");
}

/// The command a step's `does` names: its words up to the first placeholder in capitals.
fn command_of(step: Step) -> String {
    step.def()
        .does
        .split(' ')
        .take_while(|w| !w.chars().any(|c| c.is_ascii_uppercase()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The command line that does `step` for unit C01, with the example city's file for it.
fn doing(step: Step) -> Vec<String> {
    let def = step.def();
    let file = match def.scope {
        banzi::steps::Scope::UnitRecords => example(&format!("{}/C01-talk.toml", def.record_dir)),
        _ => example(&format!("{}/C01.toml", def.record_dir)),
    };
    def.does
        .split(' ')
        .skip(1)
        .map(|w| match w {
            "UNIT" => "C01".to_owned(),
            "FILE" => file.to_str().unwrap().to_owned(),
            other => other.to_owned(),
        })
        .collect()
}

/// For every step of the table, its command run on a campaign lacking each step it builds on
/// (those that list it as a dependent, and the register that every step builds on) is refused
/// for step order, naming the command that supplies what is missing, in both languages.
#[test]
fn every_refusal_for_step_order_names_the_command_that_supplies_the_missing_step() {
    let register = STEPS[0].step;
    let mut checked = 0;
    for def in STEPS {
        let prerequisites = STEPS
            .iter()
            .filter(|p| p.step < def.step)
            .filter(|p| p.step == register || p.step.dependents().contains(&def.step));
        for missing in prerequisites {
            let build = Fixture::example();
            let f = build.start();
            for earlier in STEPS.iter().take_while(|d| d.step < missing.step) {
                build.take(&f, earlier.step);
            }
            let args = doing(def.step);
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let wanted = command_of(missing.step);
            for lang in ["en", "zh-CN"] {
                let stderr =
                    f.fails_unchanged(&[&["--lang", lang][..], &args].concat(), STEP_ORDER);
                assert!(
                    stderr.contains(&wanted),
                    "`banzi {}` without the {:?} step does not name `{wanted}`:\n{stderr}",
                    args.join(" "),
                    missing.step
                );
            }
            checked += 1;
        }
    }
    assert!(checked >= STEPS.len(), "only {checked} refusals checked");
}

#[test]
fn refusals_for_step_order_are_said_in_chinese() {
    let f = Fixture::registered();
    let file = example("self-assessments/C01.toml");
    let stderr = f.fails_unchanged(
        &[
            "--lang",
            "zh-CN",
            "self-assess",
            "submit",
            "C01",
            file.to_str().unwrap(),
        ],
        STEP_ORDER,
    );
    assert_eq!(
        stderr,
        "错误：单位 `C01` 还不能提交自评报告：「制定方案」这一步的工作方案尚未提交\n提示：请先运行 `banzi plan submit C01 FILE`\n"
    );
    assert!(
        english_left(&stderr).is_empty(),
        "{:?}",
        english_left(&stderr)
    );

    f.submit_plan("C01");
    f.submit_self_assessment("C01");
    // Another content than the stored plan's, so that it is not merely unchanged.
    let plan = example("plans/C02.toml");
    let stderr = f.fails_unchanged(
        &[
            "--lang",
            "zh-CN",
            "plan",
            "submit",
            "C01",
            plan.to_str().unwrap(),
        ],
        STEP_ORDER,
    );
    assert!(stderr.contains("工作方案已锁定"), "{stderr}");
    assert!(stderr.contains("banzi reopen plan --unit C01"), "{stderr}");
    assert!(
        english_left(&stderr).is_empty(),
        "{:?}",
        english_left(&stderr)
    );

    let talk = example("inspections/C01-talk.toml");
    let stderr = f.fails_unchanged(
        &[
            "--lang",
            "zh-CN",
            "inspect",
            "record",
            "C02",
            talk.to_str().unwrap(),
        ],
        STEP_ORDER,
    );
    assert!(stderr.contains("banzi plan submit C02 FILE"), "{stderr}");
}
