//! History through git: with `[git] autocommit = true`, each change is also a git commit of
//! exactly the files it touched; off by default, and never a failed command when git cannot.

use std::path::Path;

use assert_cmd::assert::Assert;

use crate::fixture::*;

/// Runs git in `dir` with the fixture's home, so no developer's configuration reaches it.
fn git(f: &Fixture, dir: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("HOME", f.root())
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CEILING_DIRECTORIES", f.root().parent().unwrap())
        .output()
        .unwrap()
}

fn git_out(f: &Fixture, args: &[&str]) -> String {
    let output = git(f, f.root(), args);
    assert!(output.status.success(), "git {args:?}: {output:?}");
    String::from_utf8(output.stdout).unwrap()
}

/// `banzi units import` with git on the PATH.
fn import_units(f: &Fixture) -> Assert {
    f.command(&["units", "import", example("units.csv").to_str().unwrap()])
        .env("PATH", std::env::var_os("PATH").unwrap())
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CEILING_DIRECTORIES", f.root().parent().unwrap())
        .assert()
}

fn turn_on(f: &Fixture) {
    f.edit_settings("# [git]\n# autocommit = true", "[git]\nautocommit = true");
}

#[test]
fn a_change_is_committed_with_only_the_files_it_touched() {
    let f = Fixture::initialized();
    git_out(&f, &["init", "--quiet"]);
    turn_on(&f);
    f.write("notes.txt", "outside the campaign\n");
    f.write("campaign/notes.txt", "inside, not banzi's\n");

    import_units(&f).success();

    let entry = f.log().last().unwrap().clone();
    let message = git_out(&f, &["log", "-1", "--format=%B"]);
    let summary = entry["summary"].as_str().unwrap();
    assert!(message.starts_with(summary), "{message}");
    assert!(
        message.contains(&format!("seq: {}", entry["seq"])),
        "{message}"
    );
    assert!(
        message.contains(&format!("operator: {OPERATOR}")),
        "{message}"
    );

    let mut expected: Vec<String> = entry["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| format!("campaign/{}", r["path"].as_str().unwrap()))
        .chain(["campaign/journal.toml".into(), "campaign/index.csv".into()])
        .collect();
    expected.sort();
    expected.dedup();
    assert!(expected.contains(&"campaign/campaign.toml".to_owned()));
    let committed = git_out(&f, &["show", "--name-only", "--format=", "HEAD"]);
    let mut committed: Vec<&str> = committed.lines().collect();
    committed.sort();
    assert_eq!(committed, expected);
    assert_eq!(git_out(&f, &["rev-list", "--count", "HEAD"]).trim(), "1");

    // Nothing else is staged; the unrelated files stay untracked.
    assert_eq!(git_out(&f, &["diff", "--cached", "--name-only"]), "");
    let status = git_out(&f, &["status", "--porcelain", "--untracked-files=all"]);
    assert!(status.contains("?? notes.txt"), "{status}");
    assert!(status.contains("?? campaign/notes.txt"), "{status}");
}

#[test]
fn without_the_setting_nothing_is_committed() {
    let f = Fixture::initialized();
    git_out(&f, &["init", "--quiet"]);
    import_units(&f).success();
    assert!(
        !git(&f, f.root(), &["rev-parse", "--verify", "HEAD"])
            .status
            .success()
    );
    assert_eq!(git_out(&f, &["diff", "--cached", "--name-only"]), "");
}

#[test]
fn outside_a_work_tree_the_change_stands_with_a_warning() {
    let f = Fixture::initialized();
    turn_on(&f);
    let output = import_units(&f).success().get_output().clone();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("not committed to git"), "{stderr}");
    assert!(stderr.contains("not inside a git work tree"), "{stderr}");
    assert_eq!(f.log().len(), 2, "{stderr}");
}

#[test]
fn files_of_others_in_the_work_tree_are_left_as_they_are() {
    let f = Fixture::initialized();
    git_out(&f, &["init", "--quiet"]);
    f.write("notes.txt", "first\n");
    f.write("draft.txt", "staged by someone\n");
    git_out(&f, &["add", "notes.txt"]);
    git_out(
        &f,
        &[
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@t",
            "commit",
            "--quiet",
            "-m",
            "notes",
        ],
    );
    f.write("notes.txt", "changed, not committed\n");
    git_out(&f, &["add", "draft.txt"]);
    turn_on(&f);

    import_units(&f).success();

    let committed = git_out(&f, &["show", "--name-only", "--format=", "HEAD"]);
    assert!(
        committed.lines().all(|p| p.starts_with("campaign/")),
        "{committed}"
    );
    let status = git_out(&f, &["status", "--porcelain"]);
    assert!(status.contains(" M notes.txt"), "{status}");
    assert!(status.contains("A  draft.txt"), "{status}");
}

#[test]
fn a_failing_hook_leaves_the_change_standing_with_a_warning() {
    let f = Fixture::initialized();
    git_out(&f, &["init", "--quiet"]);
    turn_on(&f);
    let hook = f.root().join(".git/hooks/pre-commit");
    std::fs::write(&hook, "#!/bin/sh\necho refused by the hook >&2\nexit 1\n").unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let output = import_units(&f).success().get_output().clone();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("not committed to git"), "{stderr}");
    assert!(stderr.contains("refused by the hook"), "{stderr}");
    assert_eq!(f.log().len(), 2, "the change stands: {stderr}");
    f.banzi(&["verify"]);
}

#[test]
fn without_the_git_program_the_change_stands_with_a_warning() {
    let f = Fixture::initialized();
    git_out(&f, &["init", "--quiet"]);
    turn_on(&f);
    let output = f
        .command(&["units", "import", example("units.csv").to_str().unwrap()])
        .env("PATH", f.root().join("no-such-bin"))
        .assert()
        .success()
        .get_output()
        .clone();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("not committed to git"), "{stderr}");
    assert!(stderr.contains("cannot run git"), "{stderr}");
    assert_eq!(f.log().len(), 2, "{stderr}");
}
