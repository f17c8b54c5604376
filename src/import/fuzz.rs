//! Hostile inputs for the property tests of every importer: arbitrary bytes, runs of the bytes
//! that break readers (quotes, separators, line ends, controls, invalid UTF-8, GBK, brackets),
//! and valid files with such edits.

use std::path::Path;
use std::sync::LazyLock;

use proptest::prelude::*;

use super::{Encoding, Source, decode};
use crate::error::{Error, Kind};
use crate::plan::Plan;
use crate::settings::Settings;
use crate::units::Register;

/// The example city's files, valid inputs to mutate.
pub const UNITS: &str = include_str!("../../examples/city/units.csv");
pub const ANNUAL: &str = include_str!("../../examples/city/annual-2026.csv");
pub const VOTES: &str = include_str!("../../examples/city/votes-2026.csv");
pub const INSPECTORS: &str = include_str!("../../examples/city/inspectors.csv");
pub const PLAN: &str = include_str!("../../examples/city/plans/C01.toml");
pub const SELF_ASSESSMENT: &str = include_str!("../../examples/city/self-assessments/C01.toml");
pub static SETTINGS_TEXT: LazyLock<String> =
    LazyLock::new(|| crate::settings::template("测试", 2026, "市委组织部", "市委"));

fn valid(name: &str, text: &str) -> Source {
    Source::new(name, text.to_owned(), Encoding::Utf8, String::new())
}

/// The default settings, the example city's register and unit C01's plan, read once.
pub static SETTINGS: LazyLock<Settings> =
    LazyLock::new(|| crate::settings::parse(&valid("campaign.toml", &SETTINGS_TEXT)).unwrap());
pub static REGISTER: LazyLock<Register> = LazyLock::new(|| {
    let (units, _) =
        crate::units::read_register_file(&valid("units.csv", UNITS), &Register::default()).unwrap();
    Register::default().merge(units).0
});
pub static C01_PLAN: LazyLock<Plan> =
    LazyLock::new(|| Plan::parse(&valid("C01.toml", PLAN), &SETTINGS, "C01").unwrap());

/// A line of ten million bytes: `head`, then `fill` repeated.
pub fn long_line(head: &str, fill: &str) -> String {
    let mut line = head.to_owned();
    line.push_str(&fill.repeat(10_000_000 / fill.len()));
    line
}

/// Cases per property: the lot runs in seconds in a debug build on two cores.
pub fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 256,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

const PIECES: &[&[u8]] = &[
    b",",
    b"\"",
    b"\n",
    b"\r\n",
    b"\r",
    b"\0",
    b"\x1b[31m",
    b"\x7f",
    b"\xc2\x85",
    b"\xff",
    b"\xef\xbb\xbf",
    "优秀".as_bytes(),
    b"\xd3\xc5\xd0\xe3",
    b"[",
    b"]",
    b"[[",
    b"{",
    b"}",
    b"=",
    b"\\u0000",
    b"\\",
    b"'''",
    b"\"\"\"",
    b"#",
    b" ",
    b"\t",
    b"C01",
    b"2026",
    b"1e400",
    b"-9223372036854775809",
];

/// `valid` with a few edits: pieces inserted, bytes dropped or replaced.
fn mutated(valid: &'static [u8]) -> impl Strategy<Value = Vec<u8>> {
    let edit = (
        any::<prop::sample::Index>(),
        0..3u8,
        prop::sample::select(PIECES),
        any::<u8>(),
    );
    prop::collection::vec(edit, 0..8).prop_map(move |edits| {
        let mut bytes = valid.to_vec();
        for (at, kind, piece, byte) in edits {
            let i = at.index(bytes.len() + 1);
            match kind {
                0 => {
                    bytes.splice(i..i, piece.iter().copied());
                }
                1 if i < bytes.len() => {
                    bytes.remove(i);
                }
                _ if i < bytes.len() => bytes[i] = byte,
                _ => {}
            }
        }
        bytes
    })
}

/// Arbitrary bytes, a run of pieces, or `valid` mutated.
pub fn hostile(valid: &'static str) -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..512),
        prop::collection::vec(prop::sample::select(PIECES), 0..64).prop_map(|p| p.concat()),
        mutated(valid.as_bytes()),
    ]
}

/// `bytes` decoded as an input file named `name`, as `Source::read` would.
pub fn source(name: &str, bytes: &[u8]) -> Result<Source, Error> {
    let (text, encoding) = decode(Path::new(name), bytes)?;
    Ok(Source::new(name, text, encoding, String::new()))
}

/// Asserts a refusal is one people can act on: invalid input, with a message and a place or a
/// hint.
pub fn assert_explained(error: &Error) {
    assert_eq!(error.kind, Kind::InvalidInput, "{error:?}");
    assert!(!error.message.trim().is_empty(), "{error:?}");
    assert!(
        error.hint.is_some() || !error.diagnostics.is_empty(),
        "{error:?}"
    );
}

/// Reads `bytes` as `name` with `read`, asserting that any refusal, of the encoding or of the
/// content, is explained.
pub fn read_or_refuse<T>(name: &str, bytes: &[u8], read: impl FnOnce(&Source) -> Result<T, Error>) {
    match source(name, bytes).and_then(|s| read(&s)) {
        Ok(_) => {}
        Err(error) => assert_explained(&error),
    }
}
