//! CSV cells that a spreadsheet cannot run: Excel and WPS read a cell that starts with `=`, `+`,
//! `-`, `@`, a tab or a carriage return as a formula, so every CSV banzi writes puts the usual
//! apostrophe before such a cell (CSV injection).
//!
//! In banzi's own records the apostrophe is an escape that reading takes off again, so a record
//! gives back exactly what was written: a cell that starts with `'` gets a second one. A number
//! such as `-2.5` is left as it is: a spreadsheet reads it as a number, and banzi reads it back
//! as one.

use std::borrow::Cow;

use serde::Serialize;
use serde::de::DeserializeOwned;

const APOSTROPHE: char = '\'';

/// Whether a spreadsheet would take `text` for a formula.
fn is_formula(text: &str) -> bool {
    text.starts_with(['=', '+', '-', '@', '\t', '\r']) && !is_number(text)
}

/// A decimal number as serde or `format!` writes one (`-2.5`, `-1e-7`), which a spreadsheet
/// reads as a number.
fn is_number(text: &str) -> bool {
    text.bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'-' | b'.' | b'e' | b'E'))
        && text.parse::<f64>().is_ok()
}

/// A cell of a record as stored: escaped so that it cannot run, and so that [`unescape`] gives
/// `text` back.
pub fn escape(text: &str) -> Cow<'_, str> {
    if text.starts_with(APOSTROPHE) || is_formula(text) {
        Cow::Owned(format!("{APOSTROPHE}{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// The text of a stored cell.
pub fn unescape(cell: &str) -> &str {
    cell.strip_prefix(APOSTROPHE).unwrap_or(cell)
}

/// [`unescape`] for a reader that keeps cells as bytes.
pub fn unescape_bytes(cell: &[u8]) -> &[u8] {
    cell.strip_prefix(b"'").unwrap_or(cell)
}

/// A cell of an export that people open: an apostrophe before a formula, as a person would type
/// it; nothing reads it back.
pub fn for_people(text: &str) -> Cow<'_, str> {
    if is_formula(text) {
        Cow::Owned(format!("{APOSTROPHE}{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// Serde rows as the bytes of a CSV record with a header row, every cell escaped.
pub fn to_record<T: Serialize>(rows: &[T]) -> Vec<u8> {
    serialized(rows, escape)
}

/// Serde rows as the bytes of a CSV export that people open: no cell can run as a formula.
pub fn for_people_rows<T: Serialize>(rows: &[T]) -> Vec<u8> {
    serialized(rows, for_people)
}

/// Serde rows as CSV bytes with a header row, every cell passed through `cell`.
fn serialized<T: Serialize>(rows: &[T], cell: fn(&str) -> Cow<'_, str>) -> Vec<u8> {
    // The csv crate names the columns and formats the values; its cells are then escaped.
    let mut plain = csv::Writer::from_writer(Vec::new());
    for row in rows {
        plain.serialize(row).expect("writing to memory cannot fail");
    }
    let plain = plain.into_inner().expect("writing to memory cannot fail");
    let mut cells = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(plain.as_slice());
    let mut writer = csv::Writer::from_writer(Vec::new());
    for record in cells.records() {
        let record = record.expect("the csv crate reads what it wrote");
        for text in &record {
            writer
                .write_field(cell(text).as_bytes())
                .expect("writing to memory cannot fail");
        }
        writer
            .write_record(None::<&[u8]>)
            .expect("writing to memory cannot fail");
    }
    writer.into_inner().expect("writing to memory cannot fail")
}

/// The serde rows of a CSV record that [`to_record`] wrote.
pub fn from_record<T: DeserializeOwned>(text: &str) -> Result<Vec<T>, csv::Error> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers: csv::StringRecord = reader.headers()?.iter().map(unescape).collect();
    reader
        .records()
        .map(|record| {
            let record = record?;
            let mut cells: csv::StringRecord = record.iter().map(unescape).collect();
            cells.set_position(record.position().cloned());
            cells.deserialize(Some(&headers))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use serde::Deserialize;

    use super::*;

    const TRICKY: &[&str] = &[
        "",
        "'",
        "''",
        "'=1+1",
        "=1+1",
        "=HYPERLINK(\"http://x\",\"点我\")",
        "@SUM(A1)",
        "-2+3",
        "+1",
        "-",
        "--",
        "\t=1",
        "\r=1",
        "\t",
        "-2.5",
        "-0",
        "-1e-7",
        "-inf",
        "-NaN",
        "- 2",
        "-2.5 ",
        "=",
        "青川市东湖区",
        "a,b\"c\nd",
        "  =1",
        "＝1",
    ];

    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    struct Row {
        name: String,
        score: f64,
        rank: Option<i32>,
    }

    /// Every cell of a CSV text, read plainly, as a spreadsheet would.
    fn cells(bytes: &[u8]) -> Vec<String> {
        csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(bytes)
            .records()
            .flat_map(|r| r.unwrap().iter().map(str::to_owned).collect::<Vec<_>>())
            .collect()
    }

    fn assert_cannot_run(cell: &str) {
        assert!(!is_formula(cell), "cell `{cell:?}` would run as a formula");
    }

    #[test]
    fn tricky_cells_give_back_what_was_stored_and_cannot_run() {
        for text in TRICKY {
            let stored = escape(text);
            assert_eq!(unescape(&stored), *text, "{text:?}");
            assert_eq!(unescape_bytes(stored.as_bytes()), text.as_bytes());
            assert_cannot_run(&stored);
            assert_cannot_run(&for_people(text));
        }
    }

    #[test]
    fn formulas_get_an_apostrophe_and_numbers_stay_numbers() {
        assert_eq!(escape("=1+1"), "'=1+1");
        assert_eq!(escape("'quoted"), "''quoted");
        assert_eq!(escape("-2.5"), "-2.5");
        assert_eq!(escape("-2+3"), "'-2+3");
        assert_eq!(escape("青川市"), "青川市");
        assert_eq!(for_people("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(for_people("'quoted"), "'quoted");
        assert_eq!(for_people("-93.14"), "-93.14");
    }

    #[test]
    fn a_record_reads_back_its_rows_and_numbers() {
        let rows: Vec<Row> = TRICKY
            .iter()
            .enumerate()
            .map(|(i, name)| Row {
                name: (*name).to_owned(),
                score: -2.5 * i as f64,
                rank: (i % 2 == 0).then_some(-(i as i32)),
            })
            .collect();
        let bytes = to_record(&rows);
        for cell in cells(&bytes) {
            assert_cannot_run(&cell);
        }
        let text = String::from_utf8(bytes).unwrap();
        assert!(text.contains(",-5.0,-2\n"), "{text}");
        assert_eq!(from_record::<Row>(&text).unwrap(), rows);
        assert!(to_record::<Row>(&[]).is_empty());
    }

    #[test]
    fn a_damaged_record_says_its_line() {
        let error = from_record::<Row>("name,score,rank\nx,1,\ny,abc,\n").unwrap_err();
        assert!(error.to_string().contains("line: 3"), "{error}");
    }

    /// Text that starts with the characters that matter here more often than chance would.
    fn text() -> impl Strategy<Value = String> {
        ("[-=+@'\t\r ]{0,3}", any::<String>(), "[-0-9.e]{0,4}")
            .prop_map(|(head, body, tail)| format!("{head}{body}{tail}"))
    }

    proptest! {
        #[test]
        fn any_cell_round_trips_and_cannot_run(text in text()) {
            let stored = escape(&text);
            prop_assert_eq!(unescape(&stored), text.as_str());
            prop_assert!(!is_formula(&stored));
            prop_assert!(!is_formula(&for_people(&text)));
        }

        #[test]
        fn any_record_round_trips_and_cannot_run(
            rows in proptest::collection::vec((text(), any::<f64>(), any::<Option<i32>>()), 0..8)
        ) {
            let rows: Vec<Row> = rows
                .into_iter()
                .map(|(name, score, rank)| Row { name, score, rank })
                .collect();
            let bytes = to_record(&rows);
            for cell in cells(&bytes) {
                prop_assert!(!is_formula(&cell), "{:?}", cell);
            }
            let back = from_record::<Row>(std::str::from_utf8(&bytes).unwrap()).unwrap();
            prop_assert_eq!(back.len(), rows.len());
            for (back, row) in back.iter().zip(&rows) {
                prop_assert_eq!(&back.name, &row.name);
                prop_assert_eq!(back.rank, row.rank);
                prop_assert!(back.score == row.score || back.score.is_nan() && row.score.is_nan());
            }
        }
    }
}
