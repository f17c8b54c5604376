//! A scratch campaign in a temporary directory, and the real `banzi` binary run against it with
//! a pinned operator and clock and nothing else of the environment.
//!
//! [`Fixture::example`] and [`Fixture::synthetic`] build a campaign of the example city's units
//! or of made-up ones to any step of [`STEPS`]: `Fixture::synthetic(&units).inspected()`, or for
//! the example city `Fixture::inspected()` and its like.
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
use banzi::steps::{STEPS, Step};
use sha2::{Digest, Sha256};

mod synthetic;
pub use synthetic::*;

pub const OPERATOR: &str = "测试员";
pub const NOW: &str = "2026-11-24T09:30:00+08:00";
/// A time after the fixture's notice (from NOW, 5 working days) is over.
pub const AFTER_NOTICE: &str = "2026-12-01T09:00:00+08:00";
/// How the fixture's public notice asks for opinions.
pub const CONTACT: &str = "电话：0798-1234567；地址：市委组织部干部监督科";
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

/// The path of the banzi binary.
pub fn banzi_bin() -> &'static str {
    env!("CARGO_BIN_EXE_banzi")
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Sets the whole environment of a banzi run: nothing of the developer's shell reaches it (a
/// `BANZI_CAMPAIGN`, `BANZI_FAULT_AT` or `CLICOLOR_FORCE` there would change what the tests see),
/// only a pinned operator, clock and lock timeout, no colour, a plain locale and `home` as HOME.
pub fn pin_env(cmd: &mut std::process::Command, home: &Path) {
    cmd.env_clear()
        .env("HOME", home)
        .env("LANG", "C.UTF-8")
        .env("NO_COLOR", "1")
        .env("BANZI_OPERATOR", OPERATOR)
        .env("BANZI_NOW", NOW)
        .env("BANZI_LOCK_TIMEOUT", "10");
    // Coverage tools collect the binary's profile through it; it changes no result.
    if let Some(profile) = std::env::var_os("LLVM_PROFILE_FILE") {
        cmd.env("LLVM_PROFILE_FILE", profile);
    }
}

pub struct Fixture {
    tmp: tempfile::TempDir,
}

/// A campaign to build: the example city's units or made-up ones, `campaign.toml` edited right
/// after `init`, then every step of [`STEPS`] taken in order through the one asked for.
#[must_use = "a build makes nothing until it is given the step to reach"]
pub struct Build {
    register: Register,
    edits: Vec<(String, String)>,
}

enum Register {
    /// The example city's 16 units and their inputs under `examples/city`.
    Example,
    /// Units a test makes up, inspected by `methods`, which the campaign then requires.
    Synthetic {
        units: Vec<Unit>,
        methods: Vec<String>,
    },
}

impl Build {
    /// Replaces `from` (which must occur) with `to` in `campaign.toml` before the first step.
    pub fn edit_settings(mut self, from: &str, to: &str) -> Build {
        self.edits.push((from.to_owned(), to.to_owned()));
        self
    }

    /// Has a made-up campaign require these inspection methods (only `talk` unless told), and
    /// every inspected unit recorded by each.
    pub fn requiring(mut self, wanted: &[&str]) -> Build {
        match &mut self.register {
            Register::Synthetic { methods, .. } => {
                *methods = wanted.iter().map(|m| (*m).to_owned()).collect();
            }
            Register::Example => panic!("the example city's methods are its campaign's"),
        }
        self
    }

    /// The campaign with every step through `last` taken.
    pub fn through(self, last: Step) -> Fixture {
        let f = self.start();
        for def in STEPS.iter().take_while(|d| d.step <= last) {
            self.take(&f, def.step);
        }
        f
    }

    /// The campaign initialized and its settings edited, no step taken yet: to take them one
    /// at a time with [`Build::take`].
    pub fn start(&self) -> Fixture {
        let f = Fixture::initialized();
        if let Register::Synthetic { methods, .. } = &self.register {
            f.edit_settings(
                &methods_setting(&DEFAULT_METHODS),
                &methods_setting(methods),
            );
            // A made-up campaign has no democratic evaluation: its stated method weighs the
            // inspection and the annual assessment 4:3, as the template does, and the
            // hand-computed figures of its tests use exactly these weights.
            f.edit_settings(
                "components = { inspection = 0.4, democratic = 0.3, annual = 0.3 }",
                "components = { inspection = 0.5714285714285714, democratic = 0, annual = 0.4285714285714286 }",
            );
        }
        for (from, to) in &self.edits {
            f.edit_settings(from, to);
        }
        f
    }

    /// Takes `step` on `f`, a campaign this build started, the steps before it taken.
    pub fn take(&self, f: &Fixture, step: Step) {
        match &self.register {
            Register::Example => f.take_example_step(step),
            Register::Synthetic { units, methods } => f.take_synthetic_step(step, units, methods),
        }
    }

    /// Through the register.
    pub fn registered(self) -> Fixture {
        self.through(Step::Units)
    }

    /// Through the plans.
    pub fn planned(self) -> Fixture {
        self.through(Step::Plan)
    }

    /// Through the self-assessments.
    pub fn self_assessed(self) -> Fixture {
        self.through(Step::SelfAssess)
    }

    /// Through the inspection: the annual assessment and every required record (for the
    /// example city, its votes and inspectors too).
    pub fn inspected(self) -> Fixture {
        self.through(Step::Inspect)
    }

    /// Through the first preliminary list.
    pub fn drawn(self) -> Fixture {
        self.through(Step::Shortlist)
    }
}

/// The `required_methods` line of `campaign.toml`.
fn methods_setting(methods: &[impl AsRef<str>]) -> String {
    let quoted: Vec<String> = methods
        .iter()
        .map(|m| format!("\"{}\"", m.as_ref()))
        .collect();
    format!("required_methods = [{}]", quoted.join(", "))
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

    /// The example city's campaign, to build to a step.
    pub fn example() -> Build {
        Build {
            register: Register::Example,
            edits: Vec::new(),
        }
    }

    /// A campaign of `units`, to build to a step; it requires only the `talk` method unless
    /// [`Build::requiring`] says otherwise.
    pub fn synthetic(units: &[Unit]) -> Build {
        Build {
            register: Register::Synthetic {
                units: units.to_vec(),
                methods: vec!["talk".to_owned()],
            },
            edits: Vec::new(),
        }
    }

    /// The example city with its 16 units registered.
    pub fn registered() -> Fixture {
        Fixture::example().registered()
    }

    /// The example city with its units' plans.
    pub fn planned() -> Fixture {
        Fixture::example().planned()
    }

    /// The example city with its units' plans and self-assessments.
    pub fn self_assessed() -> Fixture {
        Fixture::example().self_assessed()
    }

    /// The example city inspected: annual assessment, votes, inspectors and every unit's
    /// inspection records.
    pub fn inspected() -> Fixture {
        Fixture::example().inspected()
    }

    /// The example city with its preliminary list drawn.
    pub fn drawn() -> Fixture {
        Fixture::example().drawn()
    }

    /// Takes `step` of the example city's campaign with its files.
    fn take_example_step(&self, step: Step) {
        match step {
            Step::Units => self.import_units(),
            Step::Plan => self.submit_plans(),
            Step::SelfAssess => self.submit_self_assessments(),
            Step::Inspect => {
                self.banzi(&[
                    "inspect",
                    "import-assessment",
                    example("annual-2026.csv").to_str().unwrap(),
                ])
                .success();
                self.banzi(&[
                    "inspect",
                    "import-votes",
                    example("votes-2026.csv").to_str().unwrap(),
                ])
                .success();
                self.banzi(&[
                    "inspectors",
                    "import",
                    example("inspectors.csv").to_str().unwrap(),
                ])
                .success();
                self.banzi(&[
                    "inspect",
                    "import",
                    example("inspections").to_str().unwrap(),
                ])
                .success();
            }
            Step::Shortlist => {
                self.banzi(&["shortlist"]).success();
            }
            Step::Publicize => self.open_notice(),
            Step::Commend => self.propose(),
        }
    }

    /// Opens the public notice of the list drawn, from the pinned day, for the minimum period.
    pub fn open_notice(&self) {
        self.banzi(&["publicize", "open", "--contact", CONTACT])
            .success();
    }

    /// banzi with the clock on the day after the fixture's notice ends ([`AFTER_NOTICE`]).
    pub fn after_notice(&self, args: &[&str]) -> Assert {
        self.command(args).env("BANZI_NOW", AFTER_NOTICE).assert()
    }

    /// Proposes the final list, closing the fixture's notice first if it is open.
    pub fn propose(&self) {
        if self.json(&["publicize", "show"])["state"] == "open" {
            self.after_notice(&["publicize", "close"]).success();
        }
        self.after_notice(&["commend", "propose"]).success();
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

    /// A bare banzi process with the pinned environment, run in `dir`, no `-C`: for spawning.
    pub fn process_in(&self, dir: &Path) -> std::process::Command {
        let mut cmd = std::process::Command::new(banzi_bin());
        pin_env(&mut cmd, self.root());
        cmd.current_dir(dir);
        cmd
    }

    /// banzi with `-C campaign` and `args`, in the temporary directory, for spawning.
    pub fn process(&self, args: &[&str]) -> std::process::Command {
        let mut cmd = self.process_in(self.root());
        cmd.arg("-C").arg(CAMPAIGN).args(args);
        cmd
    }

    /// A bare banzi command with the pinned environment, run in `dir`, no `-C`.
    pub fn command_in(&self, dir: &Path) -> Command {
        Command::from_std(self.process_in(dir))
    }

    /// banzi with `-C campaign` and `args`, in the temporary directory.
    pub fn command(&self, args: &[&str]) -> Command {
        Command::from_std(self.process(args))
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

    /// Replaces `from` (which must occur) with `to` in the campaign's `campaign.toml`, as a
    /// person editing it would.
    pub fn edit_settings(&self, from: &str, to: &str) {
        let path = self.campaign().join("campaign.toml");
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "campaign.toml has no `{from}`");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
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

/// The words of `text`, printed for people in Chinese, that are still English: every run of
/// lowercase ASCII letters, once what is rightly ASCII is set aside: text in backticks, command
/// lines after `banzi`, paths and file names, flags, codes with digits or `-_.:=/`, words in
/// capitals (`CSV`, `FILE`), and the names of the formats and programs people use.
pub fn english_left(text: &str) -> Vec<String> {
    const NAMES: &[&str] = &["banzi", "Excel", "WPS", "Windows", "Notepad", "Markdown"];
    let is_cjk = |c: char| {
        ('\u{2e80}'..='\u{9fff}').contains(&c)
            || ('\u{ff00}'..='\u{ffef}').contains(&c)
            || ('\u{3000}'..='\u{303f}').contains(&c)
    };
    let mut left = Vec::new();
    for line in text.lines() {
        // Backticked spans are names and commands.
        let bare: String = line.split('`').step_by(2).collect::<Vec<_>>().join(" ");
        let words = bare
            .split(|c: char| {
                c.is_whitespace()
                    || is_cjk(c)
                    || "|│┆─┼├┤┌┐└┘╞╡═╪╭╮╯╰┬┴（）()[]［］「」<>,;，；、。：！？\"'“”‘’#*+…"
                        .contains(c)
            })
            .filter(|w| !w.is_empty());
        let mut after_banzi = false;
        for word in words {
            let word = word.trim_matches(|c: char| ".:!?".contains(c));
            if word == "banzi" {
                after_banzi = true;
                continue;
            }
            // A command line runs to the first word that is not ASCII.
            if after_banzi && word.is_ascii() {
                continue;
            }
            after_banzi = false;
            let code = word
                .chars()
                .any(|c| c.is_ascii_digit() || "-_.:=/\\@$%{}~^&".contains(c));
            let capitals = word.chars().all(|c| !c.is_ascii_lowercase());
            if code || capitals || NAMES.contains(&word) || !word.is_ascii() {
                continue;
            }
            if word.chars().filter(|c| c.is_ascii_alphabetic()).count() >= 2 {
                left.push(format!("{word:?} in {line:?}"));
            }
        }
    }
    left
}

#[test]
fn english_left_finds_english_words_and_passes_codes_paths_and_commands() {
    assert!(english_left("完成：已导入 16 个单位（日志第 2 条）").is_empty());
    assert!(english_left("提示：运行 banzi plan submit C01 plan.toml 后再试").is_empty());
    assert!(english_left("错误：`units.csv` 第 3 行：字段 `category` 无效").is_empty());
    assert!(english_left("警告：疑点 concealment-D05-Z2 已清除；CSV、UTF-8、GBK").is_empty());
    assert!(english_left("用法：banzi plan import [OPTIONS] <FOLDER>").is_empty());
    assert_eq!(english_left("done: 16 units imported").len(), 3);
    assert_eq!(english_left("错误：nothing was stored").len(), 3);
}

/// `args` run in Chinese.
pub fn zh<'a>(args: &[&'a str]) -> Vec<&'a str> {
    [&["--lang", "zh-CN"], args].concat()
}

/// Runs banzi, asserts success, and gives stderr.
pub fn stderr_of(f: &Fixture, args: &[&str]) -> String {
    let out = f.banzi(args).success().get_output().stderr.clone();
    String::from_utf8(out).unwrap()
}

/// What banzi said in `stderr`, without the lines of the file it shows under a diagnostic (`  7 |
/// year = 3000` and the underline), which are the user's text, not banzi's words.
pub fn said(stderr: &str) -> String {
    stderr
        .lines()
        .filter(|l| {
            let rest = l
                .trim_start()
                .trim_start_matches(|c: char| c.is_ascii_digit());
            !(l.starts_with("  ") && rest.trim_start().starts_with('|'))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Asserts that what banzi said in `stderr` has no English left, naming what is.
#[track_caller]
pub fn all_chinese(stderr: &str) {
    let left = english_left(&said(stderr));
    assert!(left.is_empty(), "{left:#?}\n{stderr}");
}

/// Weighs 上级领导 and 班子成员 equally, as `[scoring.rater_groups]`.
pub fn weigh_two_groups(f: &Fixture) {
    let path = f.campaign().join("campaign.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let header = text
        .lines()
        .find(|l| l.starts_with("[scoring.rater_groups]"))
        .unwrap()
        .to_owned();
    let text = text.replace(
        &header,
        &format!("{header}\n\"上级领导\" = 0.5\n\"班子成员\" = 0.5"),
    );
    std::fs::write(path, text).unwrap();
}

/// Whether openpyxl can be used, to make a workbook as another program than banzi's crates
/// would; when it cannot, fails under `BANZI_REQUIRE_OPENPYXL=1` (as CI sets it) and otherwise
/// says loudly that the test does nothing.
pub fn openpyxl_available() -> bool {
    let found = std::process::Command::new("python3")
        .args(["-c", "import openpyxl"])
        .output()
        .is_ok_and(|out| out.status.success());
    if !found {
        assert!(
            std::env::var_os("BANZI_REQUIRE_OPENPYXL").is_none_or(|v| v != "1"),
            "BANZI_REQUIRE_OPENPYXL=1, but `python3 -c 'import openpyxl'` fails: pip install openpyxl"
        );
        eprintln!("SKIPPED: openpyxl not installed; pip install openpyxl");
    }
    found
}
