//! The store attacked as someone with write access to the campaign folder would: the index, the
//! journal and records edited, deleted and reordered, links planted, files added, writers raced.
//! Each attack is found by `banzi verify`, naming the file, and refused by every command that
//! writes or reads, which leave the campaign byte for byte as it was.

use std::collections::BTreeMap;
use std::os::unix::fs::{PermissionsExt as _, symlink};
use std::path::Path;
use std::process::Stdio;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::UNIX_EPOCH;

use banzi::steps::Step;
use serde_json::Value;

use crate::fixture::*;

/// The campaign every attack starts from: the example city's list drawn, then M06's
/// self-assessment reopened (its records go stale), M06 withdrawn and the list drawn again.
fn target() -> Fixture {
    let f = Fixture::drawn();
    f.banzi(&[
        "reopen",
        "self-assess",
        "--unit",
        "M06",
        "--reason",
        "自评分有误",
    ])
    .success();
    f.banzi(&["withdraw", "M06", "--reason", "机构调整，不参评"])
        .success();
    f.banzi(&["shortlist"]).success();
    f
}

/// The journal entry that last wrote or marked `record`, from `banzi log --json`.
fn last_written(f: &Fixture, record: &str) -> u64 {
    f.log()
        .iter()
        .rev()
        .find(|e| {
            e["records"]
                .as_array()
                .unwrap()
                .iter()
                .any(|r| r["path"] == record)
        })
        .and_then(|e| e["seq"].as_u64())
        .unwrap_or_else(|| panic!("no entry wrote {record}"))
}

/// Commands that only read the campaign.
const READERS: [&[&str]; 6] = [
    &["status"],
    &["shortlist", "show"],
    &["shortlist", "show", "--csv"],
    &["shortlist", "document"],
    &["inspect", "show", "C01"],
    &["log"],
];

/// Commands that would change the campaign.
const WRITERS: [&[&str]; 2] = [&["withdraw", "C01", "--reason", "测试"], &["shortlist"]];

/// Asserts that `verify` finds a problem with `file` (campaign-relative) and that every writer
/// and reader refuses the campaign naming it, all with exit 5 and nothing changed; gives
/// `verify`'s stderr.
fn refused_everywhere(f: &Fixture, file: &str) -> String {
    let named = format!("campaign/{file}: ");
    let verify = f.fails_unchanged(&["verify"], INTEGRITY);
    assert!(
        verify.contains(&named),
        "verify should name {file}: {verify}"
    );
    let report = verify_json(f);
    assert!(
        report["details"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["file"] == file),
        "verify --json should name {file}: {report:#}"
    );
    for args in WRITERS.iter().chain(&READERS) {
        let stderr = f.fails_unchanged(args, INTEGRITY);
        assert!(
            stderr.contains(&named),
            "`banzi {}` should name {file}: {stderr}",
            args.join(" ")
        );
    }
    verify
}

/// `banzi verify --json` of a campaign with problems.
fn verify_json(f: &Fixture) -> Value {
    let out = f.command(&["verify", "--json"]).assert().code(INTEGRITY);
    serde_json::from_slice(&out.get_output().stdout).unwrap()
}

/// Rewrites the lines of `index.csv`.
fn edit_index(f: &Fixture, edit: impl FnOnce(&mut Vec<String>)) {
    let mut lines: Vec<String> = f.read_text("index.csv").lines().map(String::from).collect();
    let before = lines.clone();
    edit(&mut lines);
    assert_ne!(before, lines, "the edit must change the index");
    std::fs::write(f.campaign().join("index.csv"), lines.join("\n") + "\n").unwrap();
}

/// The index line of `record`.
fn index_line<'a>(lines: &'a mut [String], record: &str) -> &'a mut String {
    lines
        .iter_mut()
        .find(|l| l.starts_with(&format!("{record},")))
        .unwrap_or_else(|| panic!("{record} is not in the index"))
}

/// The journal's entries as text, each starting with the blank line before its `[[entry]]`.
fn journal_entries(f: &Fixture) -> Vec<String> {
    let text = f.read_text("journal.toml");
    let starts: Vec<usize> = text
        .match_indices("\n[[entry]]\n")
        .map(|(i, _)| i)
        .collect();
    assert_eq!(starts[0], 0);
    starts
        .iter()
        .zip(starts[1..].iter().chain([&text.len()]))
        .map(|(&a, &b)| text[a..b].to_owned())
        .collect()
}

fn write_journal(f: &Fixture, entries: &[String]) {
    std::fs::write(f.campaign().join("journal.toml"), entries.concat()).unwrap();
}

fn append_comment(f: &Fixture, relative: &str) {
    let path = f.campaign().join(relative);
    let mut bytes = std::fs::read(&path).unwrap();
    bytes.extend_from_slice("# 手工修改\n".as_bytes());
    std::fs::write(path, bytes).unwrap();
}

#[test]
fn the_target_is_sound_before_the_attacks() {
    let f = target();
    f.banzi(&["verify"]).success();
    for args in READERS {
        f.banzi(args).success();
    }
    let index = f.read_text("index.csv");
    assert!(index.contains(",M06,self_assess,stale,"), "{index}");
    assert!(index.contains("\nwithdrawals.csv,"), "{index}");
}

#[test]
fn a_line_deleted_from_the_index() {
    let base = target();
    for record in ["analysis/votes.csv", "withdrawals.csv"] {
        let seq = last_written(&base, record);
        let f = base.copy();
        edit_index(&f, |lines| {
            lines.retain(|l| !l.starts_with(&format!("{record},")));
        });
        let verify = refused_everywhere(&f, "index.csv");
        assert!(
            verify.contains(&format!(
                "campaign/{record}: was written by journal entry #{seq} but is not in `index.csv`"
            )),
            "{verify}"
        );
        // The journal wrote it: moving it out of the campaign would lose it.
        assert!(
            !verify.contains(&format!("campaign/{record}: was not written by banzi")),
            "{verify}"
        );
    }
}

#[test]
fn an_inspection_record_deleted_with_its_index_line() {
    let f = target();
    let record = "inspections/C01/talk-1.toml";
    edit_index(&f, |lines| {
        lines.retain(|l| !l.starts_with(&format!("{record},")));
    });
    std::fs::remove_file(f.campaign().join(record)).unwrap();
    let verify = refused_everywhere(&f, "index.csv");
    assert!(
        verify.contains(&format!(
            "campaign/{record}: was written by journal entry #"
        )),
        "{verify}"
    );
}

#[test]
fn a_stale_record_flipped_back_to_done_in_the_index() {
    let f = target();
    let record = "self-assessments/M06.toml";
    let seq = last_written(&f, record);
    edit_index(&f, |lines| {
        let line = index_line(lines, record);
        *line = line.replace(",self_assess,stale,", ",self_assess,done,");
    });
    let verify = refused_everywhere(&f, "index.csv");
    assert!(
        verify.contains(&format!(
            "campaign/{record}: `index.csv` does not say what journal entry #{seq} wrote for it"
        )),
        "{verify}"
    );
}

#[test]
fn an_edited_record_with_its_new_hash_size_and_time_in_the_index() {
    let base = target();
    for record in ["analysis/votes.csv", "shortlist/v2.toml", "plans/C01.toml"] {
        let f = base.copy();
        append_comment(&f, record);
        let bytes = f.read(record);
        let metadata = std::fs::metadata(f.campaign().join(record)).unwrap();
        let mtime_ns = metadata
            .modified()
            .unwrap()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_nanos();
        edit_index(&f, |lines| {
            let line = index_line(lines, record);
            let fields: Vec<&str> = line.splitn(5, ',').collect();
            *line = format!(
                "{},{},{},{mtime_ns},{}",
                fields[0],
                sha256_hex(&bytes),
                bytes.len(),
                fields[4]
            );
        });
        let verify = refused_everywhere(&f, "index.csv");
        assert!(
            verify.contains(&format!("campaign/{record}: `index.csv` does not say what")),
            "{verify}"
        );
    }
}

#[test]
fn an_edited_operator_or_summary_in_the_journal() {
    let base = target();
    for (from, to) in [
        ("operator = \"测试员\"", "operator = \"别人\""),
        ("summary = \"", "summary = \"无事发生；"),
    ] {
        let f = base.copy();
        let mut entries = journal_entries(&f);
        assert!(entries[5].contains(from));
        entries[5] = entries[5].replacen(from, to, 1);
        write_journal(&f, &entries);
        let verify = refused_everywhere(&f, "journal.toml");
        assert!(
            verify.contains("campaign/journal.toml: entry #6 was edited"),
            "{verify}"
        );
    }
}

#[test]
fn a_removed_swapped_or_inserted_journal_entry() {
    let base = target();
    let entries = journal_entries(&base);
    let mut removed = entries.clone();
    removed.remove(5);
    let mut swapped = entries.clone();
    swapped.swap(5, 6);
    let mut inserted = entries.clone();
    inserted.insert(6, entries[5].clone());
    for (journal, says) in [
        (removed, "entry #7 stands where entry #6 should"),
        (swapped, "entry #7 stands where entry #6 should"),
        (inserted, "entry #6 stands where entry #7 should"),
    ] {
        let f = base.copy();
        write_journal(&f, &journal);
        let verify = refused_everywhere(&f, "journal.toml");
        assert!(verify.contains(says), "{says}: {verify}");
    }
}

#[test]
fn a_deleted_journal_or_index() {
    let base = target();
    for file in ["journal.toml", "index.csv"] {
        let f = base.copy();
        std::fs::remove_file(f.campaign().join(file)).unwrap();
        let verify = refused_everywhere(&f, file);
        assert!(
            verify.contains(&format!("campaign/{file}: is missing")),
            "{verify}"
        );
    }
}

#[test]
fn a_journal_cut_off_inside_its_last_entry_is_torn() {
    let base = target();
    let journal = base.read_text("journal.toml");
    let last = journal.rfind("\n[[entry]]").unwrap();
    for cut in [last + 3, last + 40, journal.len() - 10] {
        let f = base.copy();
        std::fs::write(f.campaign().join("journal.toml"), &journal[..cut]).unwrap();
        let verify = refused_everywhere(&f, "journal.toml");
        assert!(
            verify.contains("campaign/journal.toml: its last entry is torn"),
            "cut at {cut}: {verify}"
        );
    }
}

/// Moves the campaign's `relative` to `outside` (under the temporary directory) and puts a
/// symbolic link to it in its place.
fn move_out_and_link(f: &Fixture, relative: &str, outside: &str) {
    let target = f.root().join(outside);
    std::fs::create_dir_all(target.parent().unwrap()).unwrap();
    std::fs::rename(f.campaign().join(relative), &target).unwrap();
    symlink(&target, f.campaign().join(relative)).unwrap();
}

fn is_link(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
}

/// Every regular file under `dir` whose mode lets everyone write and run it.
fn mode_0777_files(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        let metadata = std::fs::symlink_metadata(entry.path()).unwrap();
        if metadata.is_dir() {
            found.extend(mode_0777_files(&entry.path()));
        } else if metadata.is_file() && metadata.permissions().mode() & 0o777 == 0o777 {
            found.push(entry.path().display().to_string());
        }
    }
    found
}

#[test]
fn a_folder_of_records_linked_to_a_copy_outside() {
    let f = target();
    move_out_and_link(&f, "plans", "outside/plans");
    let outside = snapshot(&f.root().join("outside"));
    let plan = f.write(
        "inputs/M06.toml",
        &edited_example("plans/M06.toml", "owner = \"", "owner = \"新"),
    );
    let stderr = f.fails_unchanged(&["plan", "submit", "M06", plan], INTEGRITY);
    // Once for the folder, not once for each of the 16 plans in it.
    assert!(stderr.contains("(1 problem(s))"), "{stderr}");
    assert_eq!(stderr.matches("campaign/plans: ").count(), 1, "{stderr}");
    let verify = refused_everywhere(&f, "plans");
    assert!(
        verify.contains("campaign/plans: is a symbolic link"),
        "{verify}"
    );
    assert_same_dir(&outside, &snapshot(&f.root().join("outside")));
}

#[test]
fn a_plans_folder_linked_outside_before_any_plan_is_submitted() {
    let f = Fixture::registered();
    let outside = f.root().join("outside");
    std::fs::create_dir(&outside).unwrap();
    assert!(!f.campaign().join("plans").exists());
    symlink(&outside, f.campaign().join("plans")).unwrap();
    let plan = example("plans/C01.toml");
    for args in [
        &["plan", "submit", "C01", plan.to_str().unwrap()][..],
        &["plan", "import", example("plans").to_str().unwrap()],
    ] {
        let stderr = f.fails_unchanged(args, INTEGRITY);
        assert!(
            stderr.contains("`plans` is a symbolic link"),
            "`banzi {}`: {stderr}",
            args.join(" ")
        );
        assert_eq!(std::fs::read_dir(&outside).unwrap().count(), 0);
        assert!(!f.campaign().join(".banzi").exists());
    }
    let stderr = f.fails(&["verify"], INTEGRITY);
    assert!(
        stderr.contains("campaign/plans: is a symbolic link"),
        "{stderr}"
    );
}

#[test]
fn a_journal_or_index_linked_to_a_copy_outside() {
    let base = target();
    for file in ["journal.toml", "index.csv"] {
        let f = base.copy();
        let outside = format!("outside/{file}");
        move_out_and_link(&f, file, &outside);
        let copy = std::fs::read(f.root().join(&outside)).unwrap();
        let verify = refused_everywhere(&f, file);
        assert!(
            verify.contains(&format!("campaign/{file}: is a symbolic link")),
            "{verify}"
        );
        assert_eq!(
            std::fs::read(f.root().join(&outside)).unwrap(),
            copy,
            "banzi wrote to the file outside through {file}"
        );
        assert!(is_link(&f.campaign().join(file)));
    }
}

#[test]
fn a_record_linked_to_a_copy_outside() {
    let base = target();
    for record in ["plans/M06.toml", "analysis/votes.csv"] {
        let f = base.copy();
        move_out_and_link(&f, record, "outside/copy");
        let copy = std::fs::read(f.root().join("outside/copy")).unwrap();
        let plan = f.write(
            "inputs/M06.toml",
            &edited_example("plans/M06.toml", "owner = \"", "owner = \"新"),
        );
        f.fails_unchanged(&["plan", "submit", "M06", plan], INTEGRITY);
        let verify = refused_everywhere(&f, record);
        assert!(
            verify.contains(&format!("campaign/{record}: is a symbolic link")),
            "{verify}"
        );
        assert!(is_link(&f.campaign().join(record)), "{record} was replaced");
        assert_eq!(std::fs::read(f.root().join("outside/copy")).unwrap(), copy);
        assert_eq!(mode_0777_files(f.root()), Vec::<String>::new());
    }
}

#[test]
fn a_link_planted_where_a_record_will_be_written() {
    let f = Fixture::registered();
    let outside = f.write("outside/C01.toml", "# 不是计划\n");
    std::fs::create_dir(f.campaign().join("plans")).unwrap();
    symlink(f.root().join(outside), f.campaign().join("plans/C01.toml")).unwrap();
    let plan = example("plans/C01.toml");
    let stderr = f.fails_unchanged(
        &["plan", "submit", "C01", plan.to_str().unwrap()],
        INTEGRITY,
    );
    assert!(
        stderr.contains("`plans/C01.toml` is a symbolic link"),
        "{stderr}"
    );
    assert_eq!(f.read_text("../outside/C01.toml"), "# 不是计划\n");
    assert!(!f.campaign().join(".banzi").exists());
    assert_eq!(mode_0777_files(f.root()), Vec::<String>::new());
    let stderr = f.fails(&["verify"], INTEGRITY);
    assert!(
        stderr.contains("campaign/plans/C01.toml: is a symbolic link"),
        "{stderr}"
    );
}

#[test]
fn a_work_folder_linked_outside() {
    let f = target();
    let outside = f.root().join("outside");
    std::fs::create_dir(&outside).unwrap();
    symlink(&outside, f.campaign().join(".banzi")).unwrap();
    for args in [&["verify"][..]].iter().chain(&WRITERS).chain(&READERS) {
        let stderr = f.fails_unchanged(args, INTEGRITY);
        assert!(
            stderr.contains("`.banzi` is a symbolic link"),
            "`banzi {}`: {stderr}",
            args.join(" ")
        );
    }
    assert_eq!(std::fs::read_dir(&outside).unwrap().count(), 0);
    assert!(is_link(&f.campaign().join(".banzi")));
}

#[test]
fn files_banzi_did_not_write_are_named_by_verify() {
    let f = target();
    let planted = [
        "notes.txt",
        "analysis/extra.csv",
        "shortlist/v9.toml",
        "inspections/C01/talk-2.toml",
    ];
    for file in planted {
        std::fs::write(f.campaign().join(file), "x\n").unwrap();
    }
    let stderr = f.fails_unchanged(&["verify"], INTEGRITY);
    for file in planted {
        assert!(
            stderr.contains(&format!("campaign/{file}: was not written by banzi")),
            "{file}: {stderr}"
        );
    }
    let report = verify_json(&f);
    let named: Vec<&str> = report["details"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["file"].as_str().unwrap())
        .collect();
    let mut expected = planted.to_vec();
    expected.sort();
    assert_eq!(named, expected);
}

#[test]
fn version_control_beside_the_records_is_allowed() {
    let f = target();
    f.write("campaign/.git/HEAD", "ref: refs/heads/main\n");
    f.write("campaign/.git/objects/ab/cdef", "blob\n");
    f.write("campaign/.gitignore", ".banzi/\n");
    f.banzi(&["verify"]).success();
    f.banzi(&["status"]).success();
}

#[test]
fn sixteen_writers_at_once_while_the_old_lock_file_comes_and_goes() {
    let f = Fixture::registered();
    let stop = Arc::new(AtomicBool::new(false));
    let lock_file = f.campaign().join(".banzi.lock");
    let churn = {
        let stop = Arc::clone(&stop);
        let lock_file = lock_file.clone();
        std::thread::spawn(move || {
            let mut rounds = 0u64;
            while !stop.load(Ordering::Relaxed) {
                let _ = std::fs::write(&lock_file, b"");
                let _ = std::fs::remove_file(&lock_file);
                rounds += 1;
            }
            rounds
        })
    };
    let children: Vec<_> = EXAMPLE_UNITS
        .iter()
        .map(|unit| {
            let plan = example(&format!("plans/{unit}.toml"));
            f.process(&["plan", "submit", unit, plan.to_str().unwrap()])
                .env("BANZI_LOCK_TIMEOUT", "60")
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    stop.store(true, Ordering::Relaxed);
    assert!(churn.join().unwrap() > 0);

    let log = f.log();
    let seqs: Vec<u64> = log.iter().map(|e| e["seq"].as_u64().unwrap()).collect();
    assert_eq!(seqs, (1..=2 + 16).collect::<Vec<u64>>());
    let mut per_unit: BTreeMap<&str, usize> = BTreeMap::new();
    for entry in &log[2..] {
        let command = entry["command"].as_str().unwrap();
        let unit = EXAMPLE_UNITS
            .iter()
            .find(|u| command.contains(&format!(" plan submit {u} ")))
            .unwrap_or_else(|| panic!("{command}"));
        *per_unit.entry(unit).or_default() += 1;
    }
    assert_eq!(per_unit.len(), 16, "{per_unit:?}");
    assert!(per_unit.values().all(|&n| n == 1), "{per_unit:?}");
    for unit in EXAMPLE_UNITS {
        assert_eq!(f.steps(unit).0, "done", "{unit}");
    }
    f.banzi(&["verify"]).success();
}

#[test]
fn a_lock_timeout_that_is_no_number_of_seconds_is_a_usage_error() {
    let f = Fixture::registered();
    let units = example("units.csv");
    for value in ["1e20", "-1", "abc", "inf", "NaN"] {
        for args in [
            &["status"][..],
            &["verify"],
            &["units", "import", units.to_str().unwrap()],
        ] {
            let before = f.snapshot_dir();
            let out = f
                .command(args)
                .env("BANZI_LOCK_TIMEOUT", value)
                .assert()
                .code(USAGE);
            let stderr = String::from_utf8_lossy(&out.get_output().stderr);
            assert!(
                stderr.contains(&format!(
                    "BANZI_LOCK_TIMEOUT `{value}` is not a number of seconds"
                )),
                "{value}: {stderr}"
            );
            assert!(!stderr.contains("panicked"), "{stderr}");
            assert_same_dir(&before, &f.snapshot_dir());
        }
        f.command_in(f.root())
            .args(["init", "fresh", "--name", CAMPAIGN_NAME, "--year", "2026"])
            .env("BANZI_LOCK_TIMEOUT", value)
            .assert()
            .code(USAGE);
        assert!(
            !f.root().join("fresh").exists(),
            "a refused init leaves no directory behind"
        );
    }
}

/// C01's plan as edited by hand in the campaign: a target raised.
fn edit_plan_by_hand(f: &Fixture) -> (String, String) {
    let old = sha256_hex(&f.read("plans/C01.toml"));
    let text = f
        .read_text("plans/C01.toml")
        .replacen("target = \"12次\"", "target = \"14次\"", 1);
    std::fs::write(f.campaign().join("plans/C01.toml"), &text).unwrap();
    (old, sha256_hex(text.as_bytes()))
}

#[test]
fn an_accepted_hand_edit_is_journaled_and_makes_what_built_on_it_stale() {
    let f = Fixture::self_assessed();
    let (old, new) = edit_plan_by_hand(&f);
    f.fails(&["plan", "show", "C01"], INTEGRITY);
    let reason = "经核实，按原件更正目标值";
    f.banzi(&["verify", "--accept", "plans/C01.toml", "--reason", reason])
        .success();

    let entry = f.log().pop().unwrap();
    assert_eq!(entry["operator"], OPERATOR);
    assert_eq!(entry["reason"], reason);
    let records = entry["records"].as_array().unwrap();
    let plan = records
        .iter()
        .find(|r| r["path"] == "plans/C01.toml")
        .unwrap_or_else(|| panic!("{entry:#}"));
    assert_eq!(plan["sha256"], new);
    assert_eq!(plan["replaced_sha256"], old);
    let self_assessment = records
        .iter()
        .find(|r| r["path"] == "self-assessments/C01.toml")
        .unwrap_or_else(|| panic!("{entry:#}"));
    assert_eq!(self_assessment["state"], "stale");

    f.banzi(&["verify"]).success();
    assert!(f.stdout(&["plan", "show", "C01"]).contains("14次"));
    assert_eq!(f.steps("C01"), ("done".into(), "stale".into()));
    f.banzi(&["log"]).success();
}

#[test]
fn an_invalid_hand_edit_is_refused_with_its_place() {
    let base = Fixture::self_assessed();
    for (from, to, place) in [
        (
            "criterion = \"conduct\"",
            "criterion = \"conductx\"",
            "plans/C01.toml:",
        ),
        ("target = \"12次\"", "target = \"12次", "plans/C01.toml:9:"),
    ] {
        let f = base.copy();
        let text = f.read_text("plans/C01.toml").replacen(from, to, 1);
        std::fs::write(f.campaign().join("plans/C01.toml"), text).unwrap();
        let stderr = f.fails_unchanged(
            &["verify", "--accept", "plans/C01.toml", "--reason", "更正"],
            INVALID,
        );
        let line = lines(&stderr)
            .into_iter()
            .find(|l| l.contains(place))
            .unwrap_or_else(|| panic!("{place}: {stderr}"))
            .to_owned();
        let position: Vec<&str> = line.split(':').skip(1).take(2).collect();
        assert!(
            position.iter().all(|p| p.parse::<usize>().is_ok()),
            "line and column in {line}"
        );
    }
}

#[test]
fn what_cannot_be_accepted_is_refused() {
    let f = Fixture::self_assessed();
    let settings = f
        .read_text("campaign.toml")
        .replace("min_working_days = 5", "min_working_days = 7");
    std::fs::write(f.campaign().join("campaign.toml"), settings).unwrap();
    f.write("campaign/plans/X99.toml", &example_text("plans/C01.toml"));
    for (args, code, says) in [
        (
            &["verify", "--accept", "plans/C02.toml", "--reason", "x"][..],
            INVALID,
            "there is no edit to accept",
        ),
        (
            &["verify", "--accept", "plans/X99.toml", "--reason", "x"],
            INVALID,
            "is not a record of this campaign",
        ),
        (
            &["verify", "--accept", "plans/X98.toml", "--reason", "x"],
            INVALID,
            "is not a file in the campaign",
        ),
        (
            &["verify", "--accept", "campaign.toml", "--reason", "x"],
            INVALID,
            "needs no accepting",
        ),
        (
            &["verify", "--accept", "journal.toml", "--reason", "x"],
            INVALID,
            "is not a record of this campaign",
        ),
        (
            &["verify", "--accept", "index.csv", "--reason", "x"],
            INVALID,
            "is not a record of this campaign",
        ),
        (&["verify", "--accept", "plans/C02.toml"], USAGE, "--reason"),
        (
            &["verify", "--accept", "plans/C02.toml", "--reason", "  "],
            INVALID,
            "accepting a hand edit needs a reason",
        ),
    ] {
        let stderr = f.fails_unchanged(args, code);
        assert!(
            stderr.contains(says),
            "`banzi {}`: {stderr}",
            args.join(" ")
        );
    }
}

#[test]
fn a_printed_head_is_checked_against_the_journal() {
    let f = Fixture::planned();
    let last = f.log().pop().unwrap();
    let seq = last["seq"].as_u64().unwrap();
    let hash = &last["hash"].as_str().unwrap()[..12];
    for head in [format!("#{seq}:{hash}"), format!("{seq}:{hash}")] {
        f.banzi(&["verify", "--head", &head]).success();
    }
    let wrong = format!(
        "#{seq}:{}{}",
        if hash.starts_with('0') { '1' } else { '0' },
        &hash[1..]
    );
    let stderr = f.fails_unchanged(&["verify", "--head", &wrong], INTEGRITY);
    assert!(
        stderr.contains(&format!("journal entry #{seq} is not the one")),
        "{stderr}"
    );
    let stderr = f.fails_unchanged(
        &["verify", "--head", &format!("#{}:{hash}", seq + 1)],
        INTEGRITY,
    );
    assert!(
        stderr.contains(&format!("the journal has no entry #{}", seq + 1)),
        "{stderr}"
    );
    for garbage in [
        "",
        "abc",
        "#x:1a2b3c4d5e6f",
        "3",
        "3:zz",
        "3:1a2b",
        "-1:1a2b3c4d5e6f",
    ] {
        f.fails_unchanged(&["verify", "--head", garbage], USAGE);
    }
}

/// A work folder planted with a manifest that names the journal's real last entry, so that
/// recovery takes it for a committed change, and moves files across the campaign's edge.
fn plant_work_folder(f: &Fixture, files: &[(&str, &str)]) {
    let journal = f.read("journal.toml");
    let last = journal
        .windows(10)
        .rposition(|w| w == b"\n[[entry]]")
        .unwrap();
    let head = f.log().pop().unwrap();
    let mut manifest = format!(
        "seq = {}\nhash = \"{}\"\njournal_len = {last}\ncommand = \"banzi\"\n",
        head["seq"],
        head["hash"].as_str().unwrap()
    );
    for (staged, path) in files {
        manifest.push_str(&format!(
            "\n[[file]]\nstaged = \"{staged}\"\npath = \"{path}\"\nsha256 = \"00\"\n"
        ));
    }
    f.write("campaign/.banzi/manifest.toml", &manifest);
    f.write("campaign/.banzi/1", "planted\n");
}

#[test]
fn a_planted_work_folder_cannot_move_files_across_the_campaigns_edge() {
    let base = target();
    base.write("outside/secret.txt", "secret\n");
    for files in [
        &[("1", "../outside/planted.txt")][..],
        &[("../../outside/secret.txt", "loot.txt")],
        &[("1", "plans/../../outside/planted.txt")],
    ] {
        let f = base.copy();
        plant_work_folder(&f, files);
        let outside = snapshot(&f.root().join("outside"));
        for args in [
            &["status"][..],
            &["verify"],
            &["withdraw", "C01", "--reason", "x"],
        ] {
            let stderr = f.fails_unchanged(args, INTEGRITY);
            assert!(
                stderr.contains("`.banzi/manifest.toml` of an interrupted change names"),
                "{files:?}, `banzi {}`: {stderr}",
                args.join(" ")
            );
        }
        assert_same_dir(&outside, &snapshot(&f.root().join("outside")));
    }
}

#[test]
fn an_emptied_journal() {
    let base = target();
    for text in ["", "\n", "# 日志\n"] {
        let f = base.copy();
        std::fs::write(f.campaign().join("journal.toml"), text).unwrap();
        let verify = refused_everywhere(&f, "journal.toml");
        assert!(
            verify.contains("campaign/journal.toml: has no entries"),
            "{text:?}: {verify}"
        );
    }
}

#[test]
fn an_accepted_hand_edit_of_a_stale_record_leaves_it_stale() {
    let f = Fixture::self_assessed();
    f.banzi(&["reopen", "plan", "--unit", "C01", "--reason", "指标调整"])
        .success();
    assert_eq!(f.steps("C01"), ("stale".into(), "stale".into()));
    append_comment(&f, "self-assessments/C01.toml");
    f.banzi(&[
        "verify",
        "--accept",
        "self-assessments/C01.toml",
        "--reason",
        "更正",
    ])
    .success();
    // Only `self-assess submit`, with its plan resubmitted first, makes it done again.
    assert_eq!(f.steps("C01"), ("stale".into(), "stale".into()));
    let entry = f.log().pop().unwrap();
    assert_eq!(entry["records"][0]["state"], "stale", "{entry:#}");
    f.banzi(&["verify"]).success();
}

/// A same-size edit with the file's time put back passes the size-and-time check on opening:
/// commands that do not read the record go on, and the next change is committed over it; only
/// `verify`, which hashes everything, and the commands that read it find it. Catching it on
/// opening needs a stamp that user space cannot set back, such as the inode's change time, which
/// a record renamed into place after its entry is committed does not yet have: a change of the
/// index's design, not made here.
#[test]
#[ignore = "design: opening trusts a record's size and time, which `touch -r` restores"]
fn a_same_size_edit_with_its_time_put_back() {
    let f = target();
    let path = f.campaign().join("plans/C01.toml");
    let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
    let text = f
        .read_text("plans/C01.toml")
        .replacen("target = \"12次\"", "target = \"92次\"", 1);
    std::fs::write(&path, text).unwrap();
    std::fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(modified)
        .unwrap();
    refused_everywhere(&f, "plans/C01.toml");
}

/// The journal is appended in place, so a second name for it (a `cp -al` backup) would change
/// with the next entry: refused until it has a name of its own.
#[test]
fn a_hard_linked_journal() {
    let f = target();
    let outside = f.root().join("backup-journal.toml");
    std::fs::hard_link(f.campaign().join("journal.toml"), &outside).unwrap();
    let before = std::fs::read(&outside).unwrap();
    let verify = refused_everywhere(&f, "journal.toml");
    assert!(verify.contains("more than one name"), "{verify}");
    assert_eq!(std::fs::read(&outside).unwrap(), before);
    // The fix the message gives.
    let journal = f.campaign().join("journal.toml");
    std::fs::copy(&journal, f.campaign().join("journal.new")).unwrap();
    std::fs::rename(f.campaign().join("journal.new"), &journal).unwrap();
    f.banzi(&["verify"]).success();
    f.banzi(&["withdraw", "C01", "--reason", "测试"]).success();
    assert_eq!(std::fs::read(&outside).unwrap(), before);
}

#[test]
fn an_attack_is_named_in_chinese_and_verify_json_does_not_change_with_the_language() {
    let f = target();
    // A record deleted, a file planted, a link made: each named in Chinese.
    std::fs::remove_file(f.campaign().join("plans/C02.toml")).unwrap();
    f.write("campaign/notes.txt", "备忘");
    symlink("/etc/hostname", f.campaign().join("plans/C99.toml")).unwrap();
    let stderr = f.fails(&["--lang", "zh-CN", "verify"], INTEGRITY);
    for words in ["不见了；它由日志第", "不是 banzi 写入的", "是一个符号链接"]
    {
        assert!(stderr.contains(words), "{words} in {stderr}");
    }
    assert_eq!(english_left(&stderr), Vec::<String>::new(), "{stderr}");
    let json = |lang: &str| {
        f.command(&["verify", "--json"])
            .env("BANZI_LANG", lang)
            .assert()
            .code(INTEGRITY)
            .get_output()
            .stdout
            .clone()
    };
    assert_eq!(json("zh-CN"), json("en"));

    // The journal edited: the chain's break, in Chinese.
    let g = target();
    let journal = g.campaign().join("journal.toml");
    let text = std::fs::read_to_string(&journal).unwrap();
    std::fs::write(&journal, text.replacen(OPERATOR, "别人", 1)).unwrap();
    let stderr = g.fails_unchanged(&["--lang", "zh-CN", "log"], INTEGRITY);
    assert!(stderr.contains("被改过：内容与其哈希不再相符"), "{stderr}");
    assert_eq!(english_left(&stderr), Vec::<String>::new(), "{stderr}");
}

/// When the fixture's public notice may be closed: the day after its last.
const AFTER_THE_NOTICE: &str = "2026-12-01T09:00:00+08:00";

/// The example city's public notice open, with one anonymous opinion on C01 entered.
fn notice_target() -> Fixture {
    let f = Fixture::example().through(Step::Publicize);
    f.banzi(&[
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
    f
}

/// Commands of the public notice that would change the campaign, run the day after its last, so
/// that `close` would close it if the records said so.
const NOTICE_WRITERS: [&[&str]; 5] = [
    &[
        "publicize",
        "feedback",
        "add",
        "--unit",
        "none",
        "--channel",
        "来信",
        "--summary",
        "对公示程序提出建议",
        "--anonymous",
    ],
    &["publicize", "investigate", "F1", "--by", "核查组"],
    &[
        "publicize",
        "resolve",
        "F1",
        "--finding",
        "unsubstantiated",
        "--note",
        "查无实据",
        "--by",
        "核查组",
    ],
    &["publicize", "close"],
    &[
        "disqualify",
        "C01",
        "--reason",
        "经核查，自评材料弄虚作假",
        "--evidence",
        "核查报告",
    ],
];

/// Commands of the public notice that only read the campaign.
const NOTICE_READERS: [&[&str]; 4] = [
    &["publicize", "show"],
    &["publicize", "notice"],
    &["publicize", "feedback", "list"],
    &["publicize", "feedback", "show", "F1"],
];

/// Asserts that `verify` names `file` (campaign-relative) and that every writer and reader of
/// the public notice refuses the campaign naming it, all with exit 5 and nothing changed; gives
/// `verify`'s stderr.
fn refused_by_the_notice(f: &Fixture, file: &str) -> String {
    let named = format!("campaign/{file}: ");
    let verify = f.fails_unchanged(&["verify"], INTEGRITY);
    assert!(
        verify.contains(&named),
        "verify should name {file}: {verify}"
    );
    for args in NOTICE_WRITERS.iter().chain(&NOTICE_READERS) {
        let before = f.snapshot_dir();
        let out = f
            .command(args)
            .env("BANZI_NOW", AFTER_THE_NOTICE)
            .assert()
            .code(INTEGRITY);
        let stderr = String::from_utf8_lossy(&out.get_output().stderr);
        assert!(
            stderr.contains(&named),
            "`banzi {}` should name {file}: {stderr}",
            args.join(" ")
        );
        assert_same_dir(&before, &f.snapshot_dir());
    }
    verify
}

#[test]
fn the_notice_target_is_sound_before_the_attacks() {
    let f = notice_target();
    f.banzi(&["verify"]).success();
    for args in NOTICE_READERS {
        f.banzi(args).success();
    }
    // Unchanged, the one open opinion is what keeps the notice from closing.
    let stderr = f.fails_unchanged(&["publicize", "close"], STEP_ORDER);
    assert!(stderr.contains("F1"), "{stderr}");
}

#[test]
fn an_opinion_flipped_to_substantiated_or_resolved_behind_banzis_back() {
    let base = notice_target();
    for to in [",substantiated,", ",unsubstantiated,"] {
        let f = base.copy();
        let text = f.read_text("publicity/opinions.csv");
        assert_eq!(text.matches(",open,").count(), 1, "{text}");
        std::fs::write(
            f.campaign().join("publicity/opinions.csv"),
            text.replacen(",open,", to, 1),
        )
        .unwrap();
        let verify = refused_by_the_notice(&f, "publicity/opinions.csv");
        assert!(
            verify.contains("campaign/publicity/opinions.csv: was changed outside banzi"),
            "{verify}"
        );
    }
}

#[test]
fn an_opinion_deleted_behind_banzis_back() {
    let f = notice_target();
    let text = f.read_text("publicity/opinions.csv");
    let header = text.lines().next().unwrap();
    std::fs::write(
        f.campaign().join("publicity/opinions.csv"),
        format!("{header}\n"),
    )
    .unwrap();
    refused_by_the_notice(&f, "publicity/opinions.csv");
}

#[test]
fn the_end_of_the_notice_moved_behind_banzis_back() {
    let base = notice_target();
    // Earlier, to close it before its working days have run; later, to take opinions late.
    for (from, to) in [
        (",2026-11-30,5,", ",2026-11-25,5,"),
        (",2026-11-30,5,", ",2026-12-11,5,"),
        (",2026-11-24,2026-11-30,", ",2026-11-20,2026-11-30,"),
    ] {
        let f = base.copy();
        let text = f.read_text("publicity/periods.csv");
        assert!(text.contains(from), "{text}");
        std::fs::write(
            f.campaign().join("publicity/periods.csv"),
            text.replacen(from, to, 1),
        )
        .unwrap();
        let verify = refused_by_the_notice(&f, "publicity/periods.csv");
        assert!(
            verify.contains("campaign/publicity/periods.csv: was changed outside banzi"),
            "{to}: {verify}"
        );
    }
}

#[test]
fn the_calendar_edited_behind_banzis_back() {
    let base = notice_target();
    for (from, to) in [
        // A day off made up inside the period, to stretch or shorten it.
        (
            "    { name = \"国庆节\", from = 2026-10-01, to = 2026-10-07 },\n",
            "    { name = \"国庆节\", from = 2026-10-01, to = 2026-10-07 },\n    { name = \"调休\", from = 2026-11-25, to = 2026-11-27 },\n",
        ),
        // A make-up day taken out.
        ("    2026-10-10, # 国庆节，周六上班\n", ""),
    ] {
        let f = base.copy();
        let text = f.read_text("calendar.toml");
        assert!(text.contains(from), "{text}");
        std::fs::write(
            f.campaign().join("calendar.toml"),
            text.replacen(from, to, 1),
        )
        .unwrap();
        let verify = refused_by_the_notice(&f, "calendar.toml");
        assert!(
            verify.contains("campaign/calendar.toml: was changed outside banzi"),
            "{verify}"
        );
    }
    let f = base.copy();
    std::fs::remove_file(f.campaign().join("calendar.toml")).unwrap();
    refused_by_the_notice(&f, "calendar.toml");
}

/// The table of 2027, as a clerk copies it from the State Council's notice in the shape of
/// 2026's; `workday` is its make-up working day.
fn calendar_2027(workday: &str) -> String {
    format!(
        "\n[2027]\n\
         source = \"国务院办公厅关于2027年部分节假日安排的通知（2026年11月10日发布）\"\n\
         holidays = [\n    \
             {{ name = \"元旦\", from = 2027-01-01, to = 2027-01-03 }},\n    \
             {{ name = \"春节\", from = 2027-02-05, to = 2027-02-13 }},\n\
         ]\n\
         workdays = [\n    \
             {workday}, # 春节上班\n\
         ]\n"
    )
}

#[test]
fn a_year_added_to_the_calendar_is_accepted_and_counted() {
    let f = Fixture::drawn();
    let open = [
        "publicize",
        "open",
        "--start",
        "2026-12-28",
        "--contact",
        CONTACT,
    ];
    let stderr = f.fails_unchanged(&open, INVALID);
    assert!(stderr.contains("has no holidays for 2027"), "{stderr}");

    let path = f.campaign().join("calendar.toml");
    let mut text = f.read_text("calendar.toml");
    text.push_str(&calendar_2027("2027-02-20"));
    std::fs::write(&path, &text).unwrap();
    let verify = f.fails_unchanged(&["verify"], INTEGRITY);
    assert!(
        verify.contains("campaign/calendar.toml: was changed outside banzi"),
        "{verify}"
    );
    f.fails_unchanged(&open, INTEGRITY);

    let reason = "补录2027年节假日安排";
    f.banzi(&["verify", "--accept", "calendar.toml", "--reason", reason])
        .success();
    let entry = f.log().pop().unwrap();
    assert_eq!(entry["reason"], reason, "{entry:#}");
    assert!(
        entry["records"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["path"] == "calendar.toml" && r["sha256"] == sha256_hex(text.as_bytes())),
        "{entry:#}"
    );
    f.banzi(&["verify"]).success();
    // 2026-12-28 to 31, then 元旦 and its weekend, then Monday 2027-01-04.
    let period = f.json(&open);
    assert_eq!(period["end"], "2027-01-04", "{period:#}");
    assert_eq!(period["working_days"], 5, "{period:#}");
    assert_eq!(f.read_text("calendar.toml"), text);
    f.banzi(&["verify"]).success();
}

#[test]
fn a_make_up_day_on_a_wednesday_is_refused_with_its_place() {
    let base = Fixture::example().through(Step::Publicize);
    for (edit, workday) in [("a year added", "2027-01-06"), ("2026's edited", "")] {
        let f = base.copy();
        let path = f.campaign().join("calendar.toml");
        let text = if workday.is_empty() {
            f.read_text("calendar.toml").replacen(
                "    2026-10-10, # 国庆节，周六上班",
                "    2026-10-14, # 国庆节，周三上班",
                1,
            )
        } else {
            f.read_text("calendar.toml") + &calendar_2027(workday)
        };
        std::fs::write(&path, &text).unwrap();
        let wednesday = if workday.is_empty() {
            "2026-10-14"
        } else {
            workday
        };
        let (n, line) = text
            .lines()
            .enumerate()
            .find(|(_, l)| l.contains(wednesday))
            .unwrap();
        let column = line.find(wednesday).unwrap() + 1;
        let stderr = f.fails_unchanged(
            &["verify", "--accept", "calendar.toml", "--reason", "更正"],
            INVALID,
        );
        let place = format!("campaign/calendar.toml:{}:{column}: ", n + 1);
        assert!(
            stderr.contains(&place) && stderr.contains(&format!("`{wednesday}` is a Wednesday")),
            "{edit}: no `{place}` in {stderr}"
        );
        // Still not accepted: everything is refused as before.
        let verify = refused_by_the_notice(&f, "calendar.toml");
        assert!(verify.contains("was changed outside banzi"), "{verify}");
    }
}

/// `verify --accept` reads a record as its owner does: a notice whose last day is not its
/// working days counted on the calendar from its first is no notice `publicize open` could have
/// written, and accepting it would let the notice close after one day.
#[test]
fn an_accepted_period_must_still_hold_its_working_days() {
    let f = Fixture::example().through(Step::Publicize);
    let text = f
        .read_text("publicity/periods.csv")
        .replacen(",2026-11-30,5,", ",2026-11-24,5,", 1);
    std::fs::write(f.campaign().join("publicity/periods.csv"), text).unwrap();
    let stderr = f.fails_unchanged(
        &[
            "verify",
            "--accept",
            "publicity/periods.csv",
            "--reason",
            "更正",
        ],
        INVALID,
    );
    assert!(
        stderr.contains("campaign/publicity/periods.csv:2"),
        "{stderr}"
    );
    f.command(&["publicize", "close"])
        .env("BANZI_NOW", "2026-11-25T09:00:00+08:00")
        .assert()
        .code(INTEGRITY);
}

/// An opinion is resolved only by `publicize resolve`, with its finding, who resolved it and
/// the entry that did: a status flipped by hand and accepted would resolve it with none of them,
/// and let the notice close over it.
#[test]
fn an_accepted_opinion_cannot_be_resolved_without_its_finding() {
    let f = notice_target();
    let text = f
        .read_text("publicity/opinions.csv")
        .replacen(",open,", ",unsubstantiated,", 1);
    std::fs::write(f.campaign().join("publicity/opinions.csv"), text).unwrap();
    let stderr = f.fails_unchanged(
        &[
            "verify",
            "--accept",
            "publicity/opinions.csv",
            "--reason",
            "更正",
        ],
        INVALID,
    );
    assert!(
        stderr.contains("campaign/publicity/opinions.csv:2"),
        "{stderr}"
    );
    f.command(&["publicize", "close"])
        .env("BANZI_NOW", AFTER_THE_NOTICE)
        .assert()
        .code(INTEGRITY);
}
