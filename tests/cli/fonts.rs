//! `banzi fonts`: the face of each role, inside and outside a campaign.

use std::path::PathBuf;

use serde_json::Value;

use crate::fixture::*;

/// `banzi fonts --json` run in `dir`; `None`, said loudly, on a machine without Noto CJK
/// (`apt-get install fonts-noto-cjk`), where it fails naming the package.
fn fonts_in(f: &Fixture, dir: &std::path::Path, args: &[&str]) -> Option<Value> {
    let output = f
        .command_in(dir)
        .args(args)
        .args(["fonts", "--json"])
        .output()
        .unwrap();
    if output.status.code() == Some(OTHER) {
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("fonts-noto-cjk"), "{stderr}");
        eprintln!("SKIPPED: no CJK fonts here; apt-get install fonts-noto-cjk");
        return None;
    }
    assert!(output.status.success(), "{output:?}");
    Some(serde_json::from_slice(&output.stdout).unwrap())
}

#[test]
fn fonts_outside_a_campaign_names_a_face_and_file_for_every_role() {
    let f = Fixture::new();
    let Some(report) = fonts_in(&f, f.root(), &[]) else {
        return;
    };
    let roles = report["roles"].as_array().unwrap();
    let codes: Vec<&str> = roles.iter().map(|r| r["role"].as_str().unwrap()).collect();
    assert_eq!(codes, ["title", "body", "heading", "kai", "song"]);
    for role in roles {
        assert!(role["family"].is_string(), "{role}");
        assert!(
            PathBuf::from(role["file"].as_str().unwrap()).is_file(),
            "{role}"
        );
        assert!(role["fallback"].is_boolean(), "{role}");
    }
    assert!(report["found"].as_u64().unwrap() >= 1, "{report}");
}

#[test]
fn a_stand_in_is_warned_of_and_the_table_names_each_role() {
    let f = Fixture::new();
    let Some(report) = fonts_in(&f, f.root(), &[]) else {
        return;
    };
    let output = f.command_in(f.root()).arg("fonts").output().unwrap();
    assert!(output.status.success());
    let (stdout, stderr) = (
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    );
    for label in ["title (小标宋)", "body (仿宋)", "page numbers (宋体)"] {
        assert!(stdout.contains(label), "{stdout}");
    }
    let stand_ins = report["roles"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["fallback"] == true)
        .count();
    assert_eq!(
        stderr.matches("is set in the stand-in").count(),
        stand_ins,
        "{stderr}"
    );
    assert!(stderr.contains("fonts found in:"), "{stderr}");
}

#[test]
fn a_campaigns_fonts_folder_comes_first_and_verify_leaves_it_alone() {
    let f = Fixture::initialized();
    let Some(before) = fonts_in(&f, f.root(), &["-C", CAMPAIGN]) else {
        return;
    };
    let heading = PathBuf::from(before["roles"][2]["file"].as_str().unwrap());
    let folder = f.campaign().join("fonts");
    std::fs::create_dir(&folder).unwrap();
    std::fs::copy(&heading, folder.join(heading.file_name().unwrap())).unwrap();

    let after = fonts_in(&f, &f.campaign(), &[]).unwrap();
    let file = after["roles"][2]["file"].as_str().unwrap();
    assert!(PathBuf::from(file).starts_with(&folder), "{file}");
    assert_eq!(after["roles"][2]["family"], before["roles"][2]["family"]);
    f.banzi(&["verify"]).success();
}

#[test]
fn a_wrong_campaign_named_is_refused_not_passed_over() {
    let f = Fixture::new();
    let stderr = f.fails(&["fonts"], OTHER);
    assert!(stderr.contains("campaign"), "{stderr}");
}
