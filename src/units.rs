//! The register of participating units (参评班子) and its import.

use std::collections::HashMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::{Diagnostic, Error};
use crate::import::words::{Term, Vocabulary};
use crate::import::{Column, Rows, Source, read_rows};
use crate::messages::units as say;
use crate::store::{Store, Table, UNITS_FILE};

/// The kind of leadership team, which later decides the shortlist quota.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    County,
    Department,
    MunicipalUnit,
}

impl Category {
    pub const ALL: [Category; 3] = [
        Category::County,
        Category::Department,
        Category::MunicipalUnit,
    ];

    /// Every category with the words registers and clerks write for it; the first name is the
    /// one tables and documents print.
    pub const WORDS: Vocabulary<Category> = Vocabulary(&[
        (
            Category::County,
            Term {
                key: "county",
                names: &["县级", "县（市、区）", "县市区"],
            },
        ),
        (
            Category::Department,
            Term {
                key: "department",
                names: &["市委部门", "市委各部门"],
            },
        ),
        (
            Category::MunicipalUnit,
            Term {
                key: "municipal-unit",
                names: &["市直单位", "市直各单位"],
            },
        ),
    ]);

    /// Reads a category by its key or a Chinese name.
    pub fn parse(text: &str) -> Option<Category> {
        Self::WORDS.parse(text)
    }

    pub fn key(self) -> &'static str {
        Self::WORDS.term(self).key
    }

    pub fn label(self) -> &'static str {
        Self::WORDS.term(self).label()
    }

    /// The category as tables for people name it, in the language in force (documents print
    /// [`Category::label`], the Chinese name).
    pub fn shown(self) -> String {
        match self {
            Category::County => say::county(),
            Category::Department => say::department(),
            Category::MunicipalUnit => say::municipal_unit(),
        }
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// A participating leadership team and its heads (党政“一把手”): a Party secretary always, an
/// administrative head where the organisation has one (a municipal Party department has none).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unit {
    pub code: String,
    pub name: String,
    pub category: Category,
    pub party_head: String,
    /// Registers stored before it was optional may hold the `—` clerks typed for none.
    #[serde(deserialize_with = "stored_head")]
    pub government_head: Option<String>,
}

/// A head's name as a register gives it; none for an empty cell or a dash (`—`, `-`), which
/// clerks type for a post the unit does not have.
fn head(cell: &str) -> Option<&str> {
    let cell = cell.trim();
    let placeholder = cell
        .chars()
        .all(|c| matches!(c, '-' | '—' | '–' | '―' | '－' | '─'));
    (!placeholder).then_some(cell)
}

fn stored_head<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let cell: Option<String> = Deserialize::deserialize(d)?;
    Ok(cell.as_deref().and_then(head).map(str::to_owned))
}

impl Table for Unit {
    const PATH: &'static str = UNITS_FILE;
}

/// Whether `code` can name a unit: short, and safe as a file name on every system.
pub fn is_safe_code(code: &str) -> bool {
    let mut chars = code.chars();
    code.len() <= 32
        && chars.next().is_some_and(|c| c.is_ascii_alphanumeric())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

const COLUMNS: &[Column] = &[
    Column {
        key: "code",
        headers: &["code", "单位代码", "代码"],
        required: true,
    },
    Column {
        key: "name",
        headers: &["name", "单位名称", "名称"],
        required: true,
    },
    Column {
        key: "category",
        headers: &["category", "类别", "单位类别"],
        required: true,
    },
    Column {
        key: "party_head",
        headers: &["party_head", "党委（党组）书记", "党委书记", "党组书记"],
        required: true,
    },
    Column {
        key: "government_head",
        headers: &[
            "government_head",
            "行政主要负责人",
            "政府（行政）主要负责人",
        ],
        required: false,
    },
];

/// The register as stored in `units.csv`, in code order.
#[derive(Debug, Clone, Default)]
pub struct Register {
    units: Vec<Unit>,
}

impl Register {
    /// Loads `units.csv`; a campaign with no units yet has an empty register.
    pub fn load(store: &Store) -> anyhow::Result<Register> {
        let units = store.read_table()?;
        Ok(Register { units })
    }

    pub fn units(&self) -> &[Unit] {
        &self.units
    }

    pub fn get(&self, code: &str) -> Option<&Unit> {
        self.units
            .binary_search_by(|u| u.code.as_str().cmp(code))
            .ok()
            .map(|i| &self.units[i])
    }

    /// The unit named `code`, or an error that says how to see the registered ones.
    pub fn require(&self, code: &str) -> Result<&Unit, Error> {
        self.get(code).ok_or_else(|| {
            if self.units.is_empty() {
                Error::step_order(say::no_units_yet(code)).with_hint(say::no_units_yet_hint())
            } else {
                Error::invalid(say::not_registered(code)).with_hint(say::not_registered_hint())
            }
        })
    }

    /// Applies an imported register: new units are added, changed ones replaced. Units missing
    /// from the import are kept, since their records must not be orphaned.
    pub fn merge(&self, incoming: Vec<Unit>) -> (Register, RegisterChange) {
        let mut by_code: HashMap<String, Unit> = self
            .units
            .iter()
            .map(|u| (u.code.clone(), u.clone()))
            .collect();
        let mut change = RegisterChange::default();
        let mut seen = std::collections::HashSet::new();
        for unit in incoming {
            seen.insert(unit.code.clone());
            match by_code.get(&unit.code) {
                None => change.added.push(unit.code.clone()),
                Some(old) if old != &unit => change.changed.push(unit.code.clone()),
                Some(_) => continue,
            }
            by_code.insert(unit.code.clone(), unit);
        }
        change.not_in_file = self
            .units
            .iter()
            .filter(|u| !seen.contains(&u.code))
            .map(|u| u.code.clone())
            .collect();
        let mut units: Vec<Unit> = by_code.into_values().collect();
        units.sort_by(|a, b| a.code.cmp(&b.code));
        (Register { units }, change)
    }
}

/// What a register import did.
#[derive(Debug)]
pub struct UnitsImport {
    pub change: RegisterChange,
    pub entry: Option<crate::journal::Entry>,
    /// Headers of the file's columns that the register does not use.
    pub ignored_columns: Vec<String>,
}

/// Imports a register file: a no-op when nothing changed, else one journal entry; with
/// `dry_run`, says what would change and writes nothing.
pub fn import(
    store: &mut Store,
    ctx: &crate::context::Context,
    source: &Source,
    dry_run: bool,
) -> anyhow::Result<UnitsImport> {
    let existing = Register::load(store)?;
    let (incoming, ignored_columns) = read_register_file(source, &existing)?;
    let (register, change) = existing.merge(incoming);
    if change.is_empty() || dry_run {
        return Ok(UnitsImport {
            change,
            entry: None,
            ignored_columns,
        });
    }
    let mut tx = crate::store::Transaction::new(store, ctx);
    tx.write_table(register.units());
    tx.add_input(&source.path, &source.sha256);
    let entry = tx.commit(crate::messages::both(|| {
        say::imported(
            &source.encoding.label(),
            change.added.len(),
            change.changed.len(),
            register.units().len(),
        )
    }))?;
    Ok(UnitsImport {
        change,
        entry: Some(entry),
        ignored_columns,
    })
}

/// What an import changes in the register.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct RegisterChange {
    pub added: Vec<String>,
    pub changed: Vec<String>,
    pub not_in_file: Vec<String>,
}

impl RegisterChange {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.changed.is_empty()
    }
}

/// Reads a unit register file, reporting every bad row; gives its units and the headers of the
/// columns the register does not use.
///
/// Codes that differ only in case are refused, within the file and against `existing`: their
/// record files would be one file on Windows and macOS.
pub fn read_register_file(
    source: &Source,
    existing: &Register,
) -> Result<(Vec<Unit>, Vec<String>), Error> {
    let Rows {
        rows,
        ignored_columns,
        header_line,
    } = read_rows(source, COLUMNS)?;
    let file = source.shown.as_path();
    let mut diagnostics = Vec::new();
    let mut first_line: HashMap<String, (&str, usize)> = HashMap::new();
    let registered: HashMap<String, &str> = existing
        .units()
        .iter()
        .map(|u| (u.code.to_ascii_lowercase(), u.code.as_str()))
        .collect();
    let mut units = Vec::with_capacity(rows.len());
    for row in &rows {
        let mut problem = |column: &str, message: String| {
            diagnostics.push(row.problem(file, column, message));
        };
        let code = row.get("code");
        if code.is_empty() {
            problem("code", say::empty_code());
        } else if !is_safe_code(code) {
            problem("code", say::bad_code(code));
        } else if let Some((first_code, first)) = first_line.get(&code.to_ascii_lowercase()) {
            if *first_code == code {
                problem("code", say::duplicate_code(code, *first));
            } else {
                problem("code", say::code_differs_in_case(code, first_code, *first));
            }
        } else if let Some(registered) = registered
            .get(&code.to_ascii_lowercase())
            .filter(|r| **r != code)
        {
            problem("code", say::code_differs_from_registered(code, registered));
        } else {
            first_line.insert(code.to_ascii_lowercase(), (code, row.line));
        }
        let category = Category::parse(row.get("category"));
        if category.is_none() {
            problem(
                "category",
                say::unknown_category(row.get("category"), &Category::WORDS.accepted()),
            );
        }
        if row.get("name").is_empty() {
            problem("name", say::empty_cell());
        }
        let party_head = head(row.get("party_head"));
        match row.get("party_head") {
            "" => problem("party_head", say::empty_cell()),
            dash if party_head.is_none() => problem("party_head", say::dash_is_no_name(dash)),
            _ => {}
        }
        if let Some(category) = category {
            units.push(Unit {
                code: code.to_owned(),
                name: row.get("name").to_owned(),
                category,
                party_head: party_head.unwrap_or_default().to_owned(),
                government_head: head(row.get("government_head")).map(str::to_owned),
            });
        }
    }
    if rows.is_empty() {
        diagnostics.push(Diagnostic::new(file, say::no_rows()).at_line(header_line + 1));
    }
    Error::check(
        diagnostics,
        |n| say::bad_rows(&source.shown.display().to_string(), n),
        &crate::messages::import::rows_hint(),
    )?;
    Ok((units, ignored_columns))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(text: &str) -> Source {
        Source::new(
            "units.csv",
            text.to_owned(),
            crate::import::Encoding::Utf8,
            String::new(),
        )
    }

    #[test]
    fn codes_must_be_safe_file_names() {
        for ok in ["C01", "m-7", "X_1"] {
            assert!(is_safe_code(ok), "{ok}");
        }
        for bad in [
            "",
            "../x",
            "a b",
            ".",
            "..",
            "-x",
            "C/1",
            "单位",
            &"x".repeat(33),
        ] {
            assert!(!is_safe_code(bad), "{bad}");
        }
    }

    #[test]
    fn a_category_is_read_by_its_key_or_any_of_its_chinese_names() {
        use Category::*;
        for (written, category) in [
            ("county", County),
            ("县（市、区）", County),
            ("县(市、区)", County),
            ("县级", County),
            ("市委部门", Department),
            ("市直单位", MunicipalUnit),
            (" municipal-unit ", MunicipalUnit),
        ] {
            assert_eq!(Category::parse(written), Some(category), "{written}");
        }
        assert_eq!(Category::parse("城区"), None);
        assert_eq!(County.label(), "县级");
    }

    #[test]
    fn a_unit_without_an_administrative_head_has_none() {
        let register = |text: &str| {
            let (units, _) = read_register_file(&source(text), &Register::default()).unwrap();
            units
                .into_iter()
                .map(|u| u.government_head)
                .collect::<Vec<_>>()
        };
        let heads = register(
            "code,name,category,party_head,government_head\n\
             C01,甲,county,a,林晓峰\n\
             D01,乙,department,a,\n\
             D02,丙,department,a,—\n\
             D03,丁,department,a, - \n",
        );
        assert_eq!(heads, [Some("林晓峰".to_owned()), None, None, None]);
        let heads = register("code,name,category,party_head\nD01,乙,市委部门,a\n");
        assert_eq!(heads, [None]);

        // A register stored with the dash clerks typed reads as having none.
        let stored = "code,name,category,party_head,government_head\nD01,乙,department,a,—\nC01,甲,county,a,林晓峰\n";
        let units: Vec<Unit> = crate::csv_cell::from_record(stored).unwrap();
        assert_eq!(units[0].government_head, None);
        assert_eq!(units[1].government_head.as_deref(), Some("林晓峰"));
    }

    #[test]
    fn every_bad_row_is_reported() {
        let text = "code,name,category,party_head,government_head\n\
                    C01,甲,county,a,b\n\
                    C01,乙,county,a,b\n\
                    ../x,丙,县级,a,b\n\
                    D01,丁,城区,—,\n\
                    c01,戊,county,a,b\n";
        let err = read_register_file(&source(text), &Register::default()).unwrap_err();
        let lines: Vec<String> = err.diagnostics.iter().map(|d| d.to_string()).collect();
        assert_eq!(
            lines,
            vec![
                "units.csv:3: code: duplicate code `C01` (first on line 2)",
                "units.csv:4: code: `../x` is not a valid unit code: use up to 32 letters, digits, `-` or `_`, starting with a letter or digit",
                "units.csv:5: category: unknown category `城区` (expected one of county (县级, 县（市、区）, 县市区), department (市委部门, 市委各部门), municipal-unit (市直单位, 市直各单位))",
                "units.csv:5: party_head: `—` is no name: every unit needs its Party secretary (党委（党组）书记)",
                "units.csv:6: code: code `c01` differs from `C01` (line 2) only in case; file names on Windows and macOS ignore case",
            ]
        );
    }

    #[test]
    fn merge_adds_replaces_and_keeps_units_missing_from_the_file() {
        let unit = |code: &str, head: &str| Unit {
            code: code.into(),
            name: "n".into(),
            category: Category::County,
            party_head: head.into(),
            government_head: Some("g".into()),
        };
        let (register, _) = Register::default().merge(vec![unit("B", "x"), unit("A", "x")]);
        assert_eq!(register.units()[0].code, "A");
        let (after, change) = register.merge(vec![unit("A", "y"), unit("C", "x")]);
        assert_eq!(change.added, vec!["C"]);
        assert_eq!(change.changed, vec!["A"]);
        assert_eq!(change.not_in_file, vec!["B"]);
        assert_eq!(after.get("A").unwrap().party_head, "y");
        assert_eq!(after.units().len(), 3);
        let (_, none) = after.merge(vec![unit("A", "y")]);
        assert!(none.is_empty());
    }

    proptest::proptest! {
        #![proptest_config(crate::import::fuzz::config())]

        #[test]
        fn any_register_file_is_read_or_refused_with_its_reason(
            bytes in crate::import::fuzz::hostile(crate::import::fuzz::UNITS)
        ) {
            crate::import::fuzz::read_or_refuse("units.csv", &bytes, |s| {
                read_register_file(s, &Register::default())
            });
        }
    }

    #[test]
    fn a_ten_megabyte_line_is_read_or_refused() {
        let header = "code,name,category,party_head,government_head\n";
        for line in [
            crate::import::fuzz::long_line("C01,", "甲"),
            crate::import::fuzz::long_line("\"", "a,"),
        ] {
            let text = format!("{header}{line}\n");
            crate::import::fuzz::read_or_refuse("units.csv", text.as_bytes(), |s| {
                read_register_file(s, &Register::default())
            });
        }
    }
}
