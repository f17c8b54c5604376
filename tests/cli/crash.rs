//! A power cut at any moment of a change: the process is killed at every write point in turn
//! (`BANZI_FAULT_AT=N`), and the campaign must then be all-old or all-new, verify clean, and the
//! same command must run.

use std::collections::BTreeMap;
use std::os::unix::process::ExitStatusExt as _;

use banzi::steps::Step;

use crate::fixture::*;

/// The records of a campaign: every file but the journal and the index, whose recovery entries
/// and file times differ between a clean run and a recovered one.
fn records(f: &Fixture) -> BTreeMap<String, Vec<u8>> {
    let mut files = f.snapshot_dir();
    files.retain(|path, _| path != "journal.toml" && path != "index.csv" && !path.ends_with('/'));
    files
}

/// Whether the run was killed by the fault switch, or finished (with its exit code).
fn run_with_fault(f: &Fixture, args: &[&str], at: u64) -> Result<i32, ()> {
    let out = f
        .command(args)
        .env("BANZI_FAULT_AT", at.to_string())
        .output()
        .unwrap();
    match out.status.signal() {
        Some(9) => Err(()),
        Some(other) => panic!("`banzi {}` died of signal {other}", args.join(" ")),
        None => Ok(out.status.code().unwrap()),
    }
}

/// Kills `args` at every write point of a copy of `base`; gives how many points it has.
fn survives_a_kill_at_every_point(base: &Fixture, args: &[&str]) -> u64 {
    let old = records(base);
    let clean = base.copy();
    clean.banzi(args).success();
    let new = records(&clean);
    assert_ne!(old, new, "`banzi {}` must change something", args.join(" "));
    for at in 1.. {
        let f = base.copy();
        match run_with_fault(&f, args, at) {
            Ok(0) => {
                eprintln!("`banzi {}`: {} write points", args.join(" "), at - 1);
                return at - 1;
            }
            Ok(code) => panic!(
                "`banzi {}` failed with {code} at point {at}",
                args.join(" ")
            ),
            Err(()) => {}
        }
        f.banzi(&["verify"]).success();
        let now = records(&f);
        assert!(
            now == old || now == new,
            "killed at point {at}, `banzi {}` left records neither all-old nor all-new",
            args.join(" ")
        );
        f.banzi(args).success();
        f.banzi(&["verify"]).success();
        assert!(at < 2000, "no end to the write points");
    }
    unreachable!()
}

#[test]
fn a_plan_import_replacing_several_plans() {
    let base = Fixture::planned();
    for unit in ["C01", "C02", "D01", "M03"] {
        let text = example_text(&format!("plans/{unit}.toml"));
        let text = text.replacen("owner = \"", "owner = \"新", 1);
        base.write(&format!("inputs/plans/{unit}.toml"), &text);
    }
    let points = survives_a_kill_at_every_point(&base, &["plan", "import", "inputs/plans"]);
    assert!(points > 12, "{points} write points");
}

#[test]
fn a_units_import_replacing_the_register() {
    let base = Fixture::registered();
    let register = example_text("units.csv").replace("市委组织部", "中共某市委组织部");
    base.write("inputs/units.csv", &register);
    survives_a_kill_at_every_point(&base, &["units", "import", "inputs/units.csv"]);
}

#[test]
fn a_votes_import_replacing_the_tallies() {
    let base = Fixture::inspected();
    let votes = example_text("votes-2026.csv");
    let mut lines: Vec<&str> = votes.lines().collect();
    lines.truncate(lines.len() - 20);
    base.write("inputs/votes.csv", &(lines.join("\n") + "\n"));
    survives_a_kill_at_every_point(
        &base,
        &["inspect", "import-votes", "inputs/votes.csv", "--replace"],
    );
}

#[test]
fn drawing_the_shortlist() {
    let base = Fixture::inspected();
    survives_a_kill_at_every_point(&base, &["shortlist"]);
}

/// Recovery is itself a change: killed while recovering, the next command recovers again.
#[test]
fn a_kill_during_recovery_is_recovered_by_the_next_command() {
    let base = Fixture::registered();
    let register = example_text("units.csv").replace("市委组织部", "中共某市委组织部");
    base.write("inputs/units.csv", &register);
    let args = ["units", "import", "inputs/units.csv"];
    let old = records(&base);
    let clean = base.copy();
    clean.banzi(&args).success();
    let new = records(&clean);
    for at in [4, 9, 14] {
        let interrupted = base.copy();
        assert!(
            run_with_fault(&interrupted, &args, at).is_err(),
            "point {at}"
        );
        for again in 1.. {
            let f = interrupted.copy();
            match run_with_fault(&f, &["status"], again) {
                Ok(0) => break,
                Ok(code) => panic!("status failed with {code}"),
                Err(()) => {}
            }
            f.banzi(&["verify"]).success();
            let now = records(&f);
            assert!(now == old || now == new, "kill {at}, then {again}");
        }
    }
}

#[test]
fn a_recovery_is_journaled() {
    let base = Fixture::registered();
    let plan = example("plans/C01.toml");
    let args = ["plan", "submit", "C01", plan.to_str().unwrap()];
    // The first points stage the record; later ones follow the commit.
    let early = base.copy();
    assert!(run_with_fault(&early, &args, 3).is_err());
    early.banzi(&["status"]).success();
    let last = early.log().pop().unwrap();
    assert!(
        last["summary"]
            .as_str()
            .unwrap()
            .contains("nothing of it was kept"),
        "{last}"
    );
    assert_eq!(early.steps("C01").0, "missing");

    let points = {
        let mut n = 1;
        while run_with_fault(&base.copy(), &args, n).is_err() {
            n += 1;
        }
        n - 1
    };
    let late = base.copy();
    assert!(run_with_fault(&late, &args, points - 2).is_err());
    late.banzi(&["status"]).success();
    let log = late.log();
    let last = log.last().unwrap();
    assert!(
        last["summary"]
            .as_str()
            .unwrap()
            .contains("entry #3 (`banzi -C campaign plan submit C01"),
        "{last}"
    );
    assert_eq!(late.steps("C01").0, "done");
}

/// `init` killed anywhere: running it again makes the campaign, or finds the interrupted one
/// completed; either way the campaign then verifies and takes the next step.
#[test]
fn an_interrupted_init() {
    let mut killed = 0;
    for at in 1.. {
        let f = Fixture::new();
        let out = f
            .command_in(f.root())
            .args(["init", CAMPAIGN, "--name", CAMPAIGN_NAME, "--year", "2026"])
            .env("BANZI_FAULT_AT", at.to_string())
            .output()
            .unwrap();
        if out.status.success() {
            break;
        }
        assert_eq!(out.status.signal(), Some(9), "point {at}");
        killed += 1;
        let again = f.banzi_init(CAMPAIGN).get_output().clone();
        if !again.status.success() {
            let stderr = String::from_utf8_lossy(&again.stderr);
            assert_eq!(again.status.code(), Some(INVALID), "point {at}: {stderr}");
            assert!(
                stderr.contains("is a campaign already"),
                "point {at}: {stderr}"
            );
        }
        f.banzi(&["verify"]).success();
        f.import_units();
    }
    assert!(killed > 10, "{killed} write points");
}

/// When a fixture built through the public notice may be closed: the day after its last.
const AFTER_THE_NOTICE: &str = "2026-12-01T09:00:00+08:00";

/// `records` with the one cell that differs between two clean runs of the same command masked:
/// a reporter sealed with age is encrypted anew each time, so it is compared as `SEALED`.
fn unsealed(mut records: BTreeMap<String, Vec<u8>>) -> BTreeMap<String, Vec<u8>> {
    // Hex of "age-encryption.org/", the start of every sealed reporter.
    const SEALED: &str = "6167652d656e6372797074696f6e2e6f72672f";
    if let Some(bytes) = records.get_mut("publicity/opinions.csv") {
        let text = String::from_utf8(bytes.clone()).unwrap();
        let masked: Vec<String> = text
            .split('\n')
            .map(|line| {
                line.split(',')
                    .map(|cell| {
                        if cell.starts_with(SEALED) {
                            "SEALED"
                        } else {
                            cell
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(",")
            })
            .collect();
        *bytes = masked.join("\n").into_bytes();
    }
    records
}

/// Kills `args`, run with `env` as every command of the test is, at every write point of a copy
/// of `base`: after each kill `verify` passes, the records (seen through [`unsealed`]) are all-old
/// or all-new, and running `args` again succeeds on the old ones and, since the change cannot be
/// made twice, is refused on the new ones with exit `done`, changing nothing. Gives how many
/// points there are.
fn survives_a_kill_at_every_point_of(
    base: &Fixture,
    args: &[&str],
    env: &[(&str, &str)],
    done: i32,
) -> u64 {
    let shown = args.join(" ");
    let run =
        |f: &Fixture, args: &[&str]| f.command(args).envs(env.iter().copied()).output().unwrap();
    let verified = |f: &Fixture, at: u64| {
        let out = run(f, &["verify"]);
        assert!(
            out.status.success(),
            "killed at point {at} of `banzi {shown}`, verify fails: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    let old = unsealed(records(base));
    let clean = base.copy();
    let out = run(&clean, args);
    assert!(
        out.status.success(),
        "`banzi {shown}`: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let new = unsealed(records(&clean));
    assert_ne!(old, new, "`banzi {shown}` must change something");
    for at in 1.. {
        let f = base.copy();
        let out = f
            .command(args)
            .envs(env.iter().copied())
            .env("BANZI_FAULT_AT", at.to_string())
            .output()
            .unwrap();
        match (out.status.signal(), out.status.code()) {
            (Some(9), _) => {}
            (Some(other), _) => panic!("`banzi {shown}` died of signal {other}"),
            (None, Some(0)) => {
                eprintln!("`banzi {shown}`: {} write points", at - 1);
                return at - 1;
            }
            (None, code) => panic!(
                "`banzi {shown}` failed with {code:?} at point {at}: {}",
                String::from_utf8_lossy(&out.stderr)
            ),
        }
        verified(&f, at);
        let now = unsealed(records(&f));
        assert!(
            now == old || now == new,
            "killed at point {at}, `banzi {shown}` left records neither all-old nor all-new"
        );
        let before = f.snapshot_dir();
        let out = run(&f, args);
        if now == new {
            assert_eq!(
                out.status.code(),
                Some(done),
                "killed at point {at} with the change kept, `banzi {shown}` again: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            assert_same_dir(&before, &f.snapshot_dir());
        } else {
            assert!(
                out.status.success(),
                "killed at point {at}, `banzi {shown}` again fails: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        verified(&f, at);
        assert!(at < 2000, "no end to the write points");
    }
    unreachable!()
}

#[test]
fn opening_the_public_notice() {
    let base = Fixture::drawn();
    // The calendar is seeded by init: opening writes the period and marks the step opened.
    let points = survives_a_kill_at_every_point_of(
        &base,
        &["publicize", "open", "--contact", CONTACT],
        &[],
        STEP_ORDER,
    );
    assert!(points > 5, "{points} write points");
}

#[test]
fn importing_opinions_one_of_them_signed() {
    let base = Fixture::example().through(Step::Publicize);
    base.banzi(&["publicize", "keygen", "--out", "identity.txt"])
        .success();
    base.write(
        "inputs/opinions.csv",
        "received,channel,unit_code,summary,anonymous,reporter,reporter_contact\n\
         2026-11-24,电话,C01,反映该区重点项目进度与自评不符,是,,\n\
         2026-11-24,来信,none,建议公示期内公开举报电话,是,,\n\
         2026-11-24,来访,C03,反映班子成员作风问题，愿配合核查,否,王某某,13800000000\n",
    );
    let points = survives_a_kill_at_every_point_of(
        &base,
        &["publicize", "feedback", "import", "inputs/opinions.csv"],
        &[],
        // Imported again, the same opinions are refused as entered already.
        INVALID,
    );
    assert!(points > 5, "{points} write points");

    // Killed after the commit, the change is rolled forward with the reporter still sealed to
    // the campaign's key, and the identity kept outside opens it.
    let f = base.copy();
    let args = ["publicize", "feedback", "import", "inputs/opinions.csv"];
    assert!(run_with_fault(&f, &args, points).is_err());
    f.banzi(&["verify"]).success();
    let out = f.json(&[
        "publicize",
        "feedback",
        "show",
        "F3",
        "--reveal-reporter",
        "--identity",
        "identity.txt",
        "--reason",
        "核查需要联系反映人",
    ]);
    assert_eq!(out["reporter"], "王某某", "{out:#}");
}

#[test]
fn resolving_an_opinion() {
    let base = Fixture::example().through(Step::Publicize);
    base.banzi(&[
        "publicize",
        "feedback",
        "add",
        "--unit",
        "C01",
        "--channel",
        "电话",
        "--summary",
        "反映该区重点项目进度与自评不符",
        "--anonymous",
    ])
    .success();
    base.banzi(&["publicize", "investigate", "F1", "--by", "核查组"])
        .success();
    survives_a_kill_at_every_point_of(
        &base,
        &[
            "publicize",
            "resolve",
            "F1",
            "--finding",
            "substantiated",
            "--note",
            "经核查，项目进度与自评不符",
            "--by",
            "核查组",
        ],
        &[],
        STEP_ORDER,
    );
}

#[test]
fn closing_the_public_notice() {
    let base = Fixture::example().through(Step::Publicize);
    survives_a_kill_at_every_point_of(
        &base,
        &["publicize", "close"],
        &[("BANZI_NOW", AFTER_THE_NOTICE)],
        STEP_ORDER,
    );
}

#[test]
fn disqualifying_a_listed_unit() {
    let base = Fixture::example().through(Step::Publicize);
    survives_a_kill_at_every_point_of(
        &base,
        &[
            "disqualify",
            "C01",
            "--reason",
            "经核查，自评材料弄虚作假",
            "--evidence",
            "核查报告（组干监〔2026〕12号）",
            "--accountable",
            "陈志远:诫勉谈话",
        ],
        &[],
        INVALID,
    );
}
