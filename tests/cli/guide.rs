//! The guides in `docs/` are kept true: every `console` block's commands run, in order, in one
//! temporary folder holding the example city's files, and print what the guide shows.
//!
//! A block holds `$ COMMAND` lines, each followed by what it prints (stderr and stdout as a
//! terminal shows them, interleaved) and, when it fails, `[exit N]`. Commands are `banzi …`,
//! `cd DIR` and `export NAME=VALUE`. `BANZI_GUIDE_UPDATE=1 cargo test guide` writes what the
//! commands print into the guides, to review with `git diff`.

use std::path::{Path, PathBuf};

use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};

use crate::fixture::*;

/// One `console` block: where its text is in the guide, and its commands with what they print.
struct Block {
    text: std::ops::Range<usize>,
    steps: Vec<(String, String)>,
}

fn blocks(guide: &str) -> Vec<Block> {
    let mut found = Vec::new();
    let mut inside = None;
    for (event, range) in Parser::new(guide).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) if &*info == "console" => {
                inside = Some(range);
            }
            Event::Text(text) if inside.is_some() => {
                let block = inside.take().unwrap();
                let start = guide[block.clone()].find('\n').unwrap() + block.start + 1;
                found.push(Block {
                    text: start..start + text.len(),
                    steps: steps(&text),
                });
            }
            Event::End(TagEnd::CodeBlock) => inside = None,
            _ => {}
        }
    }
    found
}

fn steps(text: &str) -> Vec<(String, String)> {
    let mut steps: Vec<(String, String)> = Vec::new();
    for line in text.lines() {
        match (line.strip_prefix("$ "), steps.last_mut()) {
            (Some(command), _) => steps.push((command.to_owned(), String::new())),
            (None, Some((_, printed))) => {
                printed.push_str(line);
                printed.push('\n');
            }
            (None, None) => panic!("a console block must start with `$ COMMAND`: {line:?}"),
        }
    }
    steps
}

/// The folder a guide's commands run in, with the example city's files in `examples/city`.
struct Session {
    _tmp: tempfile::TempDir,
    home: PathBuf,
    cwd: PathBuf,
    vars: Vec<(String, String)>,
}

impl Session {
    fn new() -> Session {
        let tmp = tempfile::tempdir().unwrap();
        let home = tmp.path().to_owned();
        let examples = home.join("examples/city");
        std::fs::create_dir_all(&examples).unwrap();
        copy_dir(&example(""), &examples);
        Session {
            _tmp: tmp,
            cwd: home.clone(),
            home,
            vars: Vec::new(),
        }
    }

    /// Runs one command of a guide and gives what it prints, as the guide shows it.
    fn run(&mut self, command: &str) -> String {
        let words = shlex::split(command).unwrap_or_else(|| panic!("cannot split {command:?}"));
        match words
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .as_slice()
        {
            ["cd", dir] => {
                self.cwd = self.cwd.join(dir);
                assert!(self.cwd.is_dir(), "`{command}`: no such folder");
                String::new()
            }
            ["export", assignment] => {
                let (name, value) = assignment.split_once('=').unwrap();
                self.vars.push((name.to_owned(), value.to_owned()));
                String::new()
            }
            ["banzi", args @ ..] => self.banzi(args),
            _ => panic!("a guide may run `banzi`, `cd` and `export`, not `{command}`"),
        }
    }

    fn banzi(&self, args: &[&str]) -> String {
        let out = tempfile::tempfile().unwrap();
        let mut cmd = std::process::Command::new(banzi_bin());
        pin_env(&mut cmd, &self.home);
        cmd.envs(self.vars.iter().map(|(k, v)| (k, v)))
            .current_dir(&self.cwd)
            .args(args)
            .stdout(out.try_clone().unwrap())
            .stderr(out.try_clone().unwrap());
        let status = cmd.status().unwrap();
        let mut printed = String::new();
        use std::io::{Read as _, Seek as _};
        let mut out = out;
        out.rewind().unwrap();
        out.read_to_string(&mut printed).unwrap();
        let mut printed = without_sizes(&without_hashes(
            &printed.replace(&self.home.display().to_string(), "~"),
        ));
        if !status.success() {
            printed.push_str(&format!("[exit {}]\n", status.code().unwrap_or(-1)));
        }
        printed
    }
}

/// `text` with the hash of every journal head (`18:1a2b3c4d5e6f`) shown as `18:…`: the index
/// that a head covers holds the records' modification times, new on every run.
fn without_hashes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(':') {
        let (before, after) = rest.split_at(at);
        out.push_str(before);
        let hash = &after[1..];
        let is_head = before.ends_with(|c: char| c.is_ascii_digit())
            && hash.len() >= 12
            && hash.as_bytes()[..12]
                .iter()
                .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
            && !hash[12..].starts_with(|c: char| c.is_ascii_alphanumeric());
        if is_head {
            out.push_str(":…");
            rest = &hash[12..];
        } else {
            out.push(':');
            rest = hash;
        }
    }
    out.push_str(rest);
    out
}

/// `text` with the campaign's size in bytes (`181110 bytes)`, `181110 字节）`, and in the archive's
/// report `181110 bytes, `, `181110 字节，`) shown as `…`: age
/// adds a header stanza of random length to every sealed reporter, so the size differs each run.
fn without_sizes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let mut line = line.to_owned();
        for unit in [" bytes)", " 字节）", " bytes, ", " 字节，"] {
            if let Some(end) = line.find(unit) {
                let start = line[..end]
                    .trim_end_matches(|c: char| c.is_ascii_digit())
                    .len();
                if start < end {
                    line.replace_range(start..end, "…");
                }
            }
        }
        out.push_str(&line);
    }
    out
}

#[test]
fn journal_heads_are_shown_without_their_hash() {
    assert_eq!(without_hashes("日志头 18:d013c45d9e1a"), "日志头 18:…");
    assert_eq!(
        without_hashes("head 7:0123456789ab; at 09:30"),
        "head 7:…; at 09:30"
    );
}

/// Runs every command of the guide at `relative` and checks it prints what the guide says;
/// with `BANZI_GUIDE_UPDATE` set, writes what they print into the guide instead.
fn check(relative: &str) -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
    let guide = std::fs::read_to_string(&path).unwrap();
    let blocks = blocks(&guide);
    assert!(blocks.len() >= 10, "{relative} shows a whole campaign");
    let mut session = Session::new();
    let mut rewritten = guide.clone();
    let mut printed_all = Vec::new();
    let mut wrong = Vec::new();
    let mut texts = Vec::new();
    for block in &blocks {
        let mut text = String::new();
        for (command, expected) in &block.steps {
            let printed = session.run(command);
            if &printed != expected {
                wrong.push(format!(
                    "{relative}: `{command}` prints\n{printed}\nbut the guide shows\n{expected}"
                ));
            }
            text.push_str(&format!("$ {command}\n{printed}"));
            printed_all.push(printed);
        }
        texts.push((block.text.clone(), text));
    }
    if std::env::var_os("BANZI_GUIDE_UPDATE").is_some() {
        for (range, text) in texts.into_iter().rev() {
            rewritten.replace_range(range, &text);
        }
        std::fs::write(&path, rewritten).unwrap();
    } else {
        assert!(wrong.is_empty(), "{}", wrong.join("\n\n"));
    }
    printed_all
}

/// The tables in `printed` whose lines are not all as wide as each other, or that hold a
/// character whose width a terminal may take as one column or two (East Asian "ambiguous":
/// “ ” ① …), which would push a row out of line in a Chinese terminal.
fn misaligned(printed: &str) -> Vec<String> {
    use unicode_width::UnicodeWidthStr as _;
    let is_table = |line: &&str| line.starts_with(['┌', '│', '╞', '├', '└']);
    let lines: Vec<&str> = printed.lines().collect();
    let mut wrong = Vec::new();
    for table in lines.split(|l| !is_table(l)).filter(|t| !t.is_empty()) {
        let widths: Vec<usize> = table.iter().map(|l| l.width()).collect();
        if widths.iter().any(|w| *w != widths[0]) {
            wrong.push(format!(
                "rows of different widths {widths:?}:\n{}",
                table.join("\n")
            ));
        }
        for line in table.iter() {
            let text: String = line
                .chars()
                .filter(|c| !('\u{2500}'..='\u{257f}').contains(c))
                .collect();
            if text.width() != text.width_cjk() {
                wrong.push(format!("a character of ambiguous width in {line:?}"));
            }
        }
    }
    wrong
}

#[test]
fn the_chinese_guide_runs_as_written_and_says_everything_in_chinese() {
    let printed = check("docs/guide.zh-CN.md");
    let wrong: Vec<String> = printed.iter().flat_map(|p| misaligned(p)).collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    // `[exit N]` is this file's, not banzi's.
    let left: Vec<String> = printed
        .iter()
        .map(|p| {
            p.lines()
                .filter(|l| !l.starts_with("[exit "))
                .collect::<Vec<_>>()
                .join("\n")
        })
        .flat_map(|p| english_left(&p))
        .collect();
    assert!(
        left.is_empty(),
        "English in the Chinese guide's output:\n{}",
        left.join("\n")
    );
}

#[test]
fn the_english_guide_runs_as_written() {
    let printed = check("docs/guide.md");
    let wrong: Vec<String> = printed.iter().flat_map(|p| misaligned(p)).collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn misaligned_finds_rows_out_of_line_and_ambiguous_characters() {
    assert!(misaligned("┌──┐\n│ab│\n└──┘").is_empty());
    assert!(misaligned("┌──┐\n│中│\n└──┘").is_empty());
    assert_eq!(misaligned("┌──┐\n│中文│\n└──┘").len(), 1);
    assert_eq!(misaligned("┌──┐\n│“”│\n└──┘").len(), 1);
}
