//! The journal: every change to the campaign, hash-chained, oldest first. It is the truth about
//! what the records must be; `index.csv` is a cache that each entry covers by its hash.
//!
//! Each entry carries the SHA-256 of the entry before it (`prev`), of the index it left behind
//! (`index_sha256`) and of itself (`hash`, over the entry's canonical JSON with `hash` empty), so
//! an edited, removed, reordered or inserted entry breaks the chain where it happened. Someone
//! with write access can still rewrite the whole chain consistently: the head printed on every
//! document that leaves the campaign (`banzi verify --head`) is the anchor against that.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::messages::{Both, both, journal as words};

/// `prev` of the first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// How many hex digits of an entry's hash identify it on a printed document.
pub const SHORT_HASH: usize = 12;

/// One change to the campaign: when, by whom, by which command, and which records.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub seq: u64,
    pub time: String,
    /// The date the change was made as of (`--today`), when it is not the day of `time`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub today: Option<String>,
    pub operator: String,
    pub command: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// What the change did, in English; `summary_zh` says it in Chinese.
    pub summary: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary_zh: Option<String>,
    pub prev: String,
    pub index_sha256: String,
    pub hash: String,
    /// The input files the command read, as they were.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub inputs: Vec<InputRef>,
    #[serde(default)]
    pub records: Vec<RecordRef>,
}

/// An input file a command read: its path as given and the SHA-256 of its bytes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InputRef {
    pub path: String,
    pub sha256: String,
}

/// A record an entry wrote or whose state it changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordRef {
    pub path: String,
    pub sha256: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<crate::steps::State>,
    /// For an accepted hand edit: the SHA-256 banzi had written before it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replaced_sha256: Option<String>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct JournalFile {
    #[serde(default)]
    entry: Vec<Entry>,
}

impl Entry {
    /// The SHA-256 the entry's `hash` must hold: of its canonical JSON with `hash` empty.
    pub fn digest(&self) -> String {
        let mut unhashed = self.clone();
        unhashed.hash = String::new();
        let json = serde_json::to_vec(&unhashed).expect("an entry serialises to JSON");
        hex::encode(Sha256::digest(&json))
    }

    /// `12:1a2b3c4d5e6f`: the entry as printed on documents and checked by `verify --head`.
    pub fn head(&self) -> String {
        format!(
            "{}:{}",
            self.seq,
            &self.hash[..SHORT_HASH.min(self.hash.len())]
        )
    }

    /// What the change did, in the language in force; entries from before banzi spoke Chinese
    /// have only English.
    pub fn summary_shown(&self) -> &str {
        match (crate::messages::lang(), &self.summary_zh) {
            (crate::messages::Lang::Zh, Some(zh)) => zh,
            _ => &self.summary,
        }
    }

    /// How people are told which entry recorded a change: `journal entry #12`.
    pub fn cite(&self) -> String {
        cite(self.seq)
    }

    /// The entry as one `[[entry]]` table, preceded by a blank line, ready to append.
    pub fn to_toml(&self) -> String {
        let text = toml::to_string(&JournalFile {
            entry: vec![self.clone()],
        })
        .expect("an entry serialises to TOML");
        format!("\n{text}")
    }

    /// The entry as `banzi log --json` prints it: every key present, `reason` null when none.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "seq": self.seq,
            "time": self.time,
            "today": self.today,
            "operator": self.operator,
            "command": self.command,
            "reason": self.reason,
            "summary": self.summary,
            "summary_zh": self.summary_zh,
            "hash": self.hash,
            "prev": self.prev,
            "index_sha256": self.index_sha256,
            "inputs": self.inputs.iter().map(|i| serde_json::json!({
                "path": i.path,
                "sha256": i.sha256,
            })).collect::<Vec<_>>(),
            "records": self.records.iter().map(|r| serde_json::json!({
                "path": r.path,
                "sha256": r.sha256,
                "state": r.state,
                "replaced_sha256": r.replaced_sha256,
            })).collect::<Vec<_>>(),
        })
    }
}

/// How people are told which journal entry recorded something: `journal entry #12`, `日志第 12 条`.
pub fn cite(seq: u64) -> String {
    words::cite(seq)
}

/// Why a text typed for the record is refused.
enum Unfit {
    Empty,
    /// The code point of the first control character, `001B`.
    Control(String),
    TooLong,
}

/// `text` trimmed, if it is words on a line or a few, without control characters, and not
/// longer than a paragraph.
fn words_of(text: &str) -> Result<&str, Unfit> {
    let text = text.trim();
    if text.is_empty() {
        return Err(Unfit::Empty);
    }
    if let Some(c) = text.chars().find(|c| c.is_control() && *c != '\n') {
        return Err(Unfit::Control(format!("{:04X}", c as u32)));
    }
    if text.chars().count() > MAX_REASON {
        return Err(Unfit::TooLong);
    }
    Ok(text)
}

/// A text for the record typed after `flag` that is not a reason (a contact, a summary, who
/// verified): checked as a reason is, and refused naming its flag.
pub fn text_of(flag: &str, text: &str, what: &str) -> Result<String, crate::error::Error> {
    let refuse =
        |problem: String| crate::error::Error::invalid(problem).with_hint(words::text_hint(flag));
    match words_of(text) {
        Ok(text) => Ok(text.to_owned()),
        Err(Unfit::Empty) => Err(refuse(words::needs_text(what))),
        Err(Unfit::Control(code)) => Err(refuse(words::text_control(what, &code))),
        Err(Unfit::TooLong) => Err(refuse(words::text_too_long(what, MAX_REASON))),
    }
}

/// Why a decision or correction was made, as the journal keeps it: said in words, on one line
/// or a few, without control characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason(String);

/// The longest reason, in characters: a paragraph, not a document.
const MAX_REASON: usize = 2000;

impl Reason {
    /// Checks the reason for `what` (e.g. "a withdrawal", in the language in force), as typed
    /// after `--reason`.
    pub fn new(text: &str, what: &str) -> Result<Reason, crate::error::Error> {
        let refuse =
            |problem: String| crate::error::Error::invalid(problem).with_hint(words::reason_hint());
        match words_of(text) {
            Ok(text) => Ok(Reason(text.to_owned())),
            Err(Unfit::Empty) => Err(refuse(words::needs_reason(what))),
            Err(Unfit::Control(code)) => Err(refuse(words::reason_control(what, &code))),
            Err(Unfit::TooLong) => Err(refuse(words::reason_too_long(what, MAX_REASON))),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Why the journal's text could not be read as entries.
#[derive(Debug, Clone, PartialEq)]
pub enum Damage {
    /// Everything up to the last entry reads; the last one was cut off mid-write.
    Torn { line: usize, intact: Vec<Entry> },
    /// The text is not a journal at `line:column`.
    Unreadable {
        line: usize,
        column: usize,
        message: String,
    },
}

/// Reads the journal's text into its entries, oldest first.
pub fn parse(text: &str) -> Result<Vec<Entry>, Damage> {
    let error = match toml::from_str::<JournalFile>(text) {
        Ok(file) => return Ok(file.entry),
        Err(e) => e,
    };
    // An append cut short ends inside the header of the new entry, or inside its body.
    const HEADER: &str = "\n[[entry]]";
    let in_header = (1..HEADER.len())
        .rev()
        .find(|&k| text.ends_with(&HEADER[..k]))
        .map(|k| text.len() - k);
    // A header inside a multi-line string is no entry's start: try the last few.
    let starts = text.rmatch_indices(HEADER).map(|(i, _)| i).take(16);
    for start in in_header.into_iter().chain(starts) {
        if let Ok(file) = toml::from_str::<JournalFile>(&text[..start]) {
            return Err(Damage::Torn {
                line: text[..start].matches('\n').count() + 2,
                intact: file.entry,
            });
        }
    }
    let position = crate::error::Position::of_offset(text, error.span().map_or(0, |s| s.start));
    Err(Damage::Unreadable {
        line: position.line,
        column: position.column,
        message: error.message().to_owned(),
    })
}

/// A place where the chain does not hold.
#[derive(Debug, Clone, PartialEq)]
pub struct Break {
    /// The entry's sequence number as it stands in the file.
    pub seq: u64,
    pub message: Both,
}

/// Every place where the entries are not one unbroken chain numbered 1, 2, 3, …
pub fn check_chain(entries: &[Entry]) -> Vec<Break> {
    let mut breaks = Vec::new();
    let mut prev = GENESIS;
    for (i, entry) in entries.iter().enumerate() {
        let expected = i as u64 + 1;
        if entry.seq != expected {
            breaks.push(Break {
                seq: entry.seq,
                message: both(|| words::entry_out_of_place(entry.seq, expected)),
            });
        }
        if entry.prev != prev {
            breaks.push(Break {
                seq: entry.seq,
                message: both(|| words::entry_not_following(entry.seq)),
            });
        }
        if entry.digest() != entry.hash {
            breaks.push(Break {
                seq: entry.seq,
                message: both(|| words::entry_edited(entry.seq)),
            });
        }
        prev = &entry.hash;
    }
    breaks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain(n: u64) -> Vec<Entry> {
        let mut entries: Vec<Entry> = Vec::new();
        for seq in 1..=n {
            let mut entry = Entry {
                seq,
                time: "2026-11-24T09:30:00+08:00".into(),
                today: None,
                operator: "测试员".into(),
                command: format!("banzi step {seq}"),
                reason: None,
                summary: "a change\n[[entry]]\nwith a tricky line".into(),
                summary_zh: Some("一项改动\n[[entry]]".into()),
                prev: entries
                    .last()
                    .map_or(GENESIS.to_owned(), |e| e.hash.clone()),
                index_sha256: "ab".into(),
                hash: String::new(),
                inputs: vec![],
                records: vec![RecordRef {
                    path: format!("plans/C0{seq}.toml"),
                    sha256: "cd".into(),
                    state: Some(crate::steps::State::Done),
                    replaced_sha256: None,
                }],
            };
            entry.hash = entry.digest();
            entries.push(entry);
        }
        entries
    }

    fn text(entries: &[Entry]) -> String {
        entries.iter().map(Entry::to_toml).collect()
    }

    #[test]
    fn a_reason_is_words_without_control_characters() {
        assert_eq!(
            Reason::new("  机构调整 ", "a withdrawal").unwrap().as_str(),
            "机构调整"
        );
        for bad in ["", "  ", "a\u{1b}[31m", "a\0b"] {
            assert!(Reason::new(bad, "a withdrawal").is_err(), "{bad:?}");
        }
        assert_eq!(
            Reason::new(" ", "a withdrawal").unwrap_err().message,
            "a withdrawal needs a reason"
        );
        assert!(Reason::new(&"长".repeat(2001), "x").is_err());
        assert!(Reason::new("第一行\n第二行", "x").is_ok());
    }

    #[test]
    fn an_intact_chain_reads_back_and_checks_out() {
        let entries = chain(3);
        let again = parse(&text(&entries)).unwrap();
        assert_eq!(again, entries);
        assert!(check_chain(&again).is_empty());
        assert_eq!(again[2].head(), format!("3:{}", &again[2].hash[..12]));
    }

    #[test]
    fn an_edited_entry_breaks_the_chain_at_that_entry() {
        let mut entries = chain(3);
        entries[1].operator = "别人".into();
        let breaks = check_chain(&entries);
        assert_eq!(breaks.len(), 1);
        assert_eq!(breaks[0].seq, 2);
        assert!(breaks[0].message.en.contains("was edited"));
    }

    #[test]
    fn an_edited_entry_with_its_hash_rewritten_breaks_the_next_link() {
        let mut entries = chain(3);
        entries[1].summary = "nothing happened".into();
        entries[1].hash = entries[1].digest();
        let breaks = check_chain(&entries);
        assert_eq!(breaks.len(), 1);
        assert_eq!(breaks[0].seq, 3);
        assert!(breaks[0].message.en.contains("does not follow"));
    }

    #[test]
    fn removed_and_reordered_entries_are_found() {
        let mut entries = chain(4);
        entries.remove(1);
        assert!(check_chain(&entries).iter().any(|b| b.seq == 3));
        let mut entries = chain(4);
        entries.swap(1, 2);
        assert!(!check_chain(&entries).is_empty());
    }

    #[test]
    fn a_partial_append_is_recognised_as_a_torn_last_entry() {
        let entries = chain(3);
        let whole = text(&entries);
        let last = whole.rfind("\n[[entry]]").unwrap();
        for cut in [last + 5, last + 40, whole.len() - 30] {
            match parse(&whole[..cut]) {
                Err(Damage::Torn { intact, .. }) => assert_eq!(intact, entries[..2]),
                // A cut that still parses loses records, which the entry's own hash catches.
                Ok(read) => assert!(!check_chain(&read).is_empty(), "cut at {cut}"),
                other => panic!("cut at {cut}: {other:?}"),
            }
        }
        assert!(matches!(
            parse("[[entry]]\nseq = \"x\"\n"),
            Err(Damage::Unreadable { line: 2, .. })
        ));
    }
}
