//! A scratch campaign in a temporary directory, and the real `banzi` binary run against it with
//! a pinned operator and clock.
//!
//! Layout of the temporary directory:
//!
//! ```text
//! <tmp>/campaign/   the campaign, made by `init()`
//! <tmp>/inputs/     files written by the tests (`write`)
//! ```
//!
//! Commands run with the temporary directory as working directory and `-C campaign`, so paths in
//! messages and in the journal are short and the same on every machine.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use assert_cmd::assert::Assert;
use sha2::{Digest, Sha256};

pub const OPERATOR: &str = "测试员";
pub const NOW: &str = "2026-11-24T09:30:00+08:00";
pub const CAMPAIGN: &str = "campaign";
pub const CAMPAIGN_NAME: &str = "2026年度争创“四强一硬”好班子活动";

/// Exit codes, as `banzi --help` documents them.
pub const OTHER: i32 = 1;
pub const USAGE: i32 = 2;
pub const STEP_ORDER: i32 = 3;
pub const INVALID: i32 = 4;
pub const INTEGRITY: i32 = 5;

/// The example city's 16 units.
pub const EXAMPLE_UNITS: [&str; 16] = [
    "C01", "C02", "C03", "C04", "C05", "D01", "D02", "D03", "D04", "D05", "M01", "M02", "M03",
    "M04", "M05", "M06",
];

/// A file of the example city's inputs.
pub fn example(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples/city")
        .join(relative)
}

pub fn example_text(relative: &str) -> String {
    std::fs::read_to_string(example(relative)).unwrap()
}

/// The path of the banzi binary, for `std::process::Command`.
pub fn banzi_bin() -> &'static str {
    env!("CARGO_BIN_EXE_banzi")
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Sets the environment every banzi run of the tests gets, on a std command.
pub fn pin_env(cmd: &mut std::process::Command) {
    cmd.env("BANZI_OPERATOR", OPERATOR)
        .env("BANZI_NOW", NOW)
        .env("NO_COLOR", "1")
        .env("BANZI_LOCK_TIMEOUT", "10")
        .env_remove("BANZI_CAMPAIGN")
        .env_remove("CLICOLOR_FORCE");
}

pub struct Fixture {
    tmp: tempfile::TempDir,
}

impl Fixture {
    /// An empty temporary directory; no campaign yet.
    pub fn new() -> Fixture {
        Fixture {
            tmp: tempfile::tempdir().unwrap(),
        }
    }

    /// A fresh campaign made with `banzi init`.
    pub fn initialized() -> Fixture {
        let f = Fixture::new();
        f.init();
        f
    }

    /// A campaign with the example city's 16 units registered.
    pub fn with_units() -> Fixture {
        let f = Fixture::initialized();
        f.import_units();
        f
    }

    /// A campaign with the example city's units and plans.
    pub fn with_plans() -> Fixture {
        let f = Fixture::with_units();
        f.submit_plans();
        f
    }

    /// A campaign with the example city's units, plans and self-assessments.
    pub fn with_self_assessments() -> Fixture {
        let f = Fixture::with_plans();
        f.submit_self_assessments();
        f
    }

    /// A campaign with the example city's units inspected: annual assessment, votes,
    /// inspectors and every unit's inspection records.
    pub fn inspected() -> Fixture {
        let f = Fixture::with_self_assessments();
        f.banzi(&[
            "inspect",
            "import-assessment",
            example("annual-2026.csv").to_str().unwrap(),
        ])
        .success();
        f.banzi(&[
            "inspect",
            "import-votes",
            example("votes-2026.csv").to_str().unwrap(),
        ])
        .success();
        f.banzi(&[
            "inspectors",
            "import",
            example("inspectors.csv").to_str().unwrap(),
        ])
        .success();
        let mut records: Vec<PathBuf> = std::fs::read_dir(example("inspections"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        records.sort();
        for record in records {
            let name = record.file_name().unwrap().to_str().unwrap();
            let unit = name.split('-').next().unwrap();
            f.banzi(&["inspect", "record", unit, record.to_str().unwrap()])
                .success();
        }
        f
    }

    /// A campaign with the example city's preliminary list drawn.
    pub fn drawn() -> Fixture {
        let f = Fixture::inspected();
        f.banzi(&["shortlist"]).success();
        f
    }

    /// A copy of the whole temporary directory, campaign and inputs.
    pub fn copy(&self) -> Fixture {
        let copy = Fixture::new();
        copy_dir(self.root(), copy.root());
        copy
    }

    /// The temporary directory, the working directory of every command.
    pub fn root(&self) -> &Path {
        self.tmp.path()
    }

    /// The campaign directory.
    pub fn campaign(&self) -> PathBuf {
        self.root().join(CAMPAIGN)
    }

    /// A bare banzi command with the pinned environment, run in `dir`, no `-C`.
    pub fn command_in(&self, dir: &Path) -> Command {
        let mut std_cmd = std::process::Command::new(banzi_bin());
        pin_env(&mut std_cmd);
        std_cmd.current_dir(dir);
        Command::from_std(std_cmd)
    }

    /// banzi with `-C campaign` and `args`, in the temporary directory.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut cmd = self.command_in(self.root());
        cmd.arg("-C").arg(CAMPAIGN).args(args);
        cmd
    }

    /// Runs banzi on the campaign.
    pub fn banzi(&self, args: &[&str]) -> Assert {
        self.command(args).assert()
    }

    /// Runs banzi, asserts success, and gives stdout.
    pub fn stdout(&self, args: &[&str]) -> String {
        let out = self.banzi(args).success().get_output().stdout.clone();
        String::from_utf8(out).unwrap()
    }

    /// Runs banzi with `--json`, asserts success, and parses stdout.
    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        let mut all = args.to_vec();
        all.push("--json");
        serde_json::from_str(&self.stdout(&all)).unwrap()
    }

    /// Runs banzi, asserts it exits with `code`, and gives stderr.
    pub fn fails(&self, args: &[&str], code: i32) -> String {
        let assert = self.banzi(args).code(code);
        String::from_utf8(assert.get_output().stderr.clone()).unwrap()
    }

    /// Runs banzi, asserts it exits with `code`, and asserts the campaign is byte-for-byte as it
    /// was before; gives stderr.
    pub fn fails_unchanged(&self, args: &[&str], code: i32) -> String {
        let before = self.snapshot_dir();
        let stderr = self.fails(args, code);
        assert_same_dir(&before, &self.snapshot_dir());
        stderr
    }

    pub fn init(&self) {
        self.banzi_init(CAMPAIGN).success();
    }

    /// `banzi init DIR --name … --year 2026`, run in the temporary directory.
    pub fn banzi_init(&self, dir: &str) -> Assert {
        self.command_in(self.root())
            .args(["init", dir, "--name", CAMPAIGN_NAME, "--year", "2026"])
            .assert()
    }

    pub fn import_units(&self) {
        self.banzi(&["units", "import", example("units.csv").to_str().unwrap()])
            .success();
    }

    pub fn submit_plans(&self) {
        self.banzi(&["plan", "import", example("plans").to_str().unwrap()])
            .success();
    }

    pub fn submit_self_assessments(&self) {
        self.banzi(&[
            "self-assess",
            "import",
            example("self-assessments").to_str().unwrap(),
        ])
        .success();
    }

    pub fn submit_plan(&self, unit: &str) {
        let file = example(&format!("plans/{unit}.toml"));
        self.banzi(&["plan", "submit", unit, file.to_str().unwrap()])
            .success();
    }

    pub fn submit_self_assessment(&self, unit: &str) {
        let file = example(&format!("self-assessments/{unit}.toml"));
        self.banzi(&["self-assess", "submit", unit, file.to_str().unwrap()])
            .success();
    }

    /// Writes `text` to `relative` under the temporary directory; gives `relative` back, to pass
    /// on a command line.
    pub fn write<'a>(&self, relative: &'a str, text: &str) -> &'a str {
        self.write_bytes(relative, text.as_bytes())
    }

    pub fn write_bytes<'a>(&self, relative: &'a str, bytes: &[u8]) -> &'a str {
        let path = self.root().join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
        relative
    }

    /// Reads a file of the campaign.
    pub fn read(&self, relative: &str) -> Vec<u8> {
        std::fs::read(self.campaign().join(relative)).unwrap()
    }

    pub fn read_text(&self, relative: &str) -> String {
        String::from_utf8(self.read(relative)).unwrap()
    }

    /// `banzi log --json`.
    pub fn log(&self) -> Vec<serde_json::Value> {
        self.json(&["log"]).as_array().unwrap().clone()
    }

    /// `text` with the journal head's hash as `HASH`: it covers command lines that name this
    /// machine's paths, so a snapshot keeps only the entry number.
    pub fn without_head_hash(&self, text: &str) -> String {
        let head = self.log().pop().unwrap();
        text.replace(&head["hash"].as_str().unwrap()[..12], "HASH")
    }

    /// `banzi status --json`.
    pub fn status(&self) -> serde_json::Value {
        self.json(&["status"])
    }

    /// A unit's step states from `banzi status --json`, as (plan, self_assess).
    pub fn steps(&self, unit: &str) -> (String, String) {
        let status = self.status();
        let entry = status["units"]
            .as_array()
            .unwrap()
            .iter()
            .find(|u| u["code"] == unit)
            .unwrap_or_else(|| panic!("{unit} is not in status: {status:#}"))
            .clone();
        (
            entry["steps"]["plan"].as_str().unwrap().to_owned(),
            entry["steps"]["self_assess"].as_str().unwrap().to_owned(),
        )
    }

    /// Every file and directory of the campaign: files by relative path with their bytes,
    /// directories as `path/` with no bytes.
    pub fn snapshot_dir(&self) -> BTreeMap<String, Vec<u8>> {
        snapshot(&self.campaign())
    }
}

/// Copies the folder `from` into `to`, which exists.
pub fn copy_dir(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir(&target).unwrap();
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Every file and directory under `root`, for byte-for-byte comparison.
pub fn snapshot(root: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let relative = path
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            if path.is_dir() {
                out.insert(format!("{relative}/"), Vec::new());
                walk(root, &path, out);
            } else {
                out.insert(relative, std::fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(root, root, &mut out);
    out
}

/// Asserts two snapshots are equal, naming the paths that differ.
pub fn assert_same_dir(before: &BTreeMap<String, Vec<u8>>, after: &BTreeMap<String, Vec<u8>>) {
    let changed: Vec<&String> = before
        .keys()
        .chain(after.keys())
        .filter(|k| before.get(*k) != after.get(*k))
        .collect();
    assert!(
        changed.is_empty(),
        "the campaign directory changed: {changed:?}"
    );
}

/// Lines of `text`, for assertions on stderr.
pub fn lines(text: &str) -> Vec<&str> {
    text.lines().map(str::trim).collect()
}

/// The example plan of `unit` with `from` replaced by `to` (asserting `from` occurs).
pub fn edited_example(relative: &str, from: &str, to: &str) -> String {
    let text = example_text(relative);
    assert!(text.contains(from), "`{from}` is not in {relative}");
    text.replacen(from, to, 1)
}

/// A Markdown document parsed with the extensions of common renderers (GFM, math, footnotes).
pub fn markdown_events(markdown: &str) -> Vec<pulldown_cmark::Event<'_>> {
    use pulldown_cmark::{Options, Parser};
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_MATH
        | Options::ENABLE_GFM;
    Parser::new_ext(markdown, options).collect()
}
