//! `banzi archive`: the campaign archived once `verify` passes, byte for byte the same each time,
//! and `archive --check` finding every file edited, missing or added inside an archive.

use std::io::{Read as _, Write as _};
use std::path::Path;

use banzi::steps::Step;

use crate::fixture::*;

/// Both formats, by the extension that chooses them.
const NAMES: [&str; 2] = ["archive.tar.zst", "archive.zip"];

/// Every entry of an archive, in order, read with the same crates banzi uses.
fn entries(path: &Path) -> Vec<(String, Vec<u8>)> {
    let file = std::fs::File::open(path).unwrap();
    let mut found = Vec::new();
    if path.to_string_lossy().ends_with(".zip") {
        let mut zip = zip::ZipArchive::new(file).unwrap();
        for i in 0..zip.len() {
            let mut entry = zip.by_index(i).unwrap();
            let mut bytes = Vec::new();
            entry.read_to_end(&mut bytes).unwrap();
            found.push((
                String::from_utf8_lossy(entry.name_raw()).into_owned(),
                bytes,
            ));
        }
    } else {
        let mut tar = tar::Archive::new(zstd::Decoder::new(file).unwrap());
        for entry in tar.entries().unwrap() {
            let mut entry = entry.unwrap();
            let name = String::from_utf8_lossy(&entry.path_bytes()).into_owned();
            let mut bytes = Vec::new();
            entry.read_to_end(&mut bytes).unwrap();
            found.push((name, bytes));
        }
    }
    found
}

/// Writes `files` as an archive of the format `path`'s name asks for.
fn write_archive(path: &Path, files: &[(String, Vec<u8>)]) {
    let file = std::fs::File::create(path).unwrap();
    if path.to_string_lossy().ends_with(".zip") {
        let mut zip = zip::ZipWriter::new(file);
        let options = zip::write::SimpleFileOptions::default();
        for (name, bytes) in files {
            zip.start_file(name.as_str(), options).unwrap();
            zip.write_all(bytes).unwrap();
        }
        zip.finish().unwrap();
    } else {
        let mut tar = tar::Builder::new(zstd::Encoder::new(file, 3).unwrap());
        for (name, bytes) in files {
            let mut header = tar::Header::new_gnu();
            header.set_size(bytes.len() as u64);
            header.set_mode(0o644);
            tar.append_data(&mut header, name, bytes.as_slice())
                .unwrap();
        }
        tar.into_inner().unwrap().finish().unwrap();
    }
}

fn shortlisted() -> Fixture {
    Fixture::example().through(Step::Shortlist)
}

#[test]
fn an_archive_checks_out_in_either_format_and_is_the_same_byte_for_byte_each_time() {
    let f = shortlisted();
    let head = f.json(&["verify"])["head"].as_str().unwrap().to_owned();
    for name in NAMES {
        f.banzi(&["archive", name]).success();
        let again = format!("again-{name}");
        f.banzi(&["archive", &again]).success();
        assert_eq!(
            std::fs::read(f.root().join(name)).unwrap(),
            std::fs::read(f.root().join(&again)).unwrap(),
            "{name} differs from one archiving to the next"
        );
        let archived = entries(&f.root().join(name));
        let paths: Vec<&str> = archived.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(paths[0], "MANIFEST.toml");
        let mut sorted = paths[1..].to_vec();
        sorted.sort_unstable();
        assert_eq!(
            paths[1..],
            sorted[..],
            "entries in the order of their paths"
        );
        assert!(paths.contains(&"journal.toml") && paths.contains(&"index.csv"));
        assert!(!paths.iter().any(|p| p.starts_with(".banzi")));
        for (path, bytes) in &archived[1..] {
            assert_eq!(bytes, &f.read(path), "{path} is archived as it is");
        }
        let manifest = String::from_utf8(archived[0].1.clone()).unwrap();
        assert!(
            manifest.contains(&format!("head = \"{head}\"")),
            "{manifest}"
        );
        assert!(manifest.contains(env!("CARGO_PKG_VERSION")), "{manifest}");

        f.banzi(&["archive", "--check", name]).success();
        f.banzi(&["archive", "--check", name, "--head", &head])
            .success();
        let checked = f.json(&["archive", "--check", name]);
        assert_eq!(checked["head"], head.as_str());
        assert_eq!(checked["files"], archived.len() - 1);
        assert_eq!(checked["problems"], serde_json::json!([]));
    }
}

#[test]
fn an_edited_a_missing_and_an_extra_file_are_each_reported() {
    let f = shortlisted();
    for name in NAMES {
        f.banzi(&["archive", name]).success();
        let mut files = entries(&f.root().join(name));
        let edited = files.iter().position(|(p, _)| p == "units.csv").unwrap();
        files[edited].1.extend_from_slice(b"X99,hand-added,,\n");
        let missing = files
            .iter()
            .position(|(p, _)| p.starts_with("plans/"))
            .unwrap();
        let missing_path = files.remove(missing).0;
        files.push(("notes/extra.txt".to_owned(), b"not the campaign's".to_vec()));
        let tampered = format!("tampered-{name}");
        write_archive(&f.root().join(&tampered), &files);

        let stderr = f.fails(&["archive", "--check", &tampered], 5);
        assert!(stderr.contains("units.csv"), "{stderr}");
        assert!(stderr.contains(&missing_path), "{stderr}");
        assert!(stderr.contains("notes/extra.txt"), "{stderr}");
        let checked = f
            .command(&["archive", "--check", &tampered, "--json"])
            .assert()
            .code(5)
            .get_output()
            .stdout
            .clone();
        let checked: serde_json::Value = serde_json::from_slice(&checked).unwrap();
        let problems: Vec<&str> = checked["details"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["file"].as_str().unwrap())
            .collect();
        for file in ["units.csv", missing_path.as_str(), "notes/extra.txt"] {
            assert!(problems.contains(&file), "{file} not in {problems:?}");
        }
    }
}

#[test]
fn a_head_other_than_the_archives_is_refused() {
    let f = shortlisted();
    f.banzi(&["archive", "a.tar.zst"]).success();
    let stderr = f.fails(
        &["archive", "--check", "a.tar.zst", "--head", "1:00000000"],
        5,
    );
    assert!(stderr.contains("1:00000000"), "{stderr}");
    f.fails(
        &["archive", "--check", "a.tar.zst", "--head", "nonsense"],
        2,
    );
}

#[test]
fn a_campaign_that_fails_verify_is_not_archived() {
    let f = shortlisted();
    let mut units = f.read("units.csv");
    units.extend_from_slice(b"X99,hand-added,,\n");
    f.write_bytes("campaign/units.csv", &units);
    for name in NAMES {
        let stderr = f.fails(&["archive", name], 5);
        assert!(stderr.contains("units.csv"), "{stderr}");
        let left: Vec<_> = std::fs::read_dir(f.root())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n != CAMPAIGN)
            .collect();
        assert!(left.is_empty(), "written: {left:?}");
    }
}

#[test]
fn an_archive_is_never_written_over_a_file_inside_the_campaign_or_by_another_name() {
    let f = shortlisted();
    f.write("taken.zip", "already here");
    f.fails(&["archive", "taken.zip"], 4);
    assert_eq!(
        std::fs::read(f.root().join("taken.zip")).unwrap(),
        b"already here"
    );
    f.fails_unchanged(&["archive", "campaign/inside.tar.zst"], 4);
    f.fails(&["archive", "archive.tar.gz"], 2);
    f.fails(&["archive", "--check", "archive.rar"], 2);
}
