//! The inspection teams' register, and the rule that an inspector withdraws (回避) from their own
//! unit.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::campaign::Campaign;
use crate::context::Context;
use crate::error::{Diagnostic, Error};
use crate::import::{Column, Rows, Source, read_rows};
use crate::journal::Entry;
use crate::messages::inspect as words;
use crate::store::{Table, Transaction};
use crate::units::Register;

pub use crate::steps::INSPECTORS_FILE;

/// An inspector and the unit they work in, if it takes part in the campaign.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Inspector {
    pub name: String,
    pub home_unit: String,
}

impl Table for Inspector {
    const PATH: &'static str = INSPECTORS_FILE;
}

/// The register; empty when none was imported, and then inspectors are not checked.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Inspectors {
    list: Vec<Inspector>,
}

const COLUMNS: &[Column] = &[
    Column {
        key: "name",
        headers: &["name", "姓名"],
        required: true,
    },
    Column {
        key: "home_unit",
        headers: &["home_unit", "所在单位", "所在单位代码", "工作单位"],
        required: true,
    },
];

impl Inspectors {
    pub fn load(campaign: &Campaign) -> anyhow::Result<Inspectors> {
        Ok(Inspectors::from_list(campaign.store.read_table()?))
    }

    pub fn from_list(mut list: Vec<Inspector>) -> Inspectors {
        list.sort_by(|a, b| a.name.cmp(&b.name));
        Inspectors { list }
    }

    pub fn list(&self) -> &[Inspector] {
        &self.list
    }

    /// Why `name` may not inspect `unit`, if they may not: not registered, or working there.
    pub fn refusal(&self, name: &str, unit: &str) -> Option<String> {
        if self.list.is_empty() {
            return None;
        }
        // The list is sorted by name, and names are unique.
        match self
            .list
            .binary_search_by(|i| i.name.as_str().cmp(name))
            .map(|i| &self.list[i])
        {
            Err(_) => Some(words::not_in_register(name)),
            Ok(i) if i.home_unit == unit => Some(words::must_withdraw(name, unit)),
            Ok(_) => None,
        }
    }
}

/// Reads an inspectors' register file, reporting every bad row; gives the register and the
/// headers of the columns it does not use.
pub fn read_file(source: &Source, register: &Register) -> Result<(Inspectors, Vec<String>), Error> {
    let Rows {
        rows,
        ignored_columns,
        header_line,
    } = read_rows(source, COLUMNS)?;
    let mut diagnostics = Vec::new();
    let mut first_line: HashMap<&str, usize> = HashMap::new();
    let mut list = Vec::with_capacity(rows.len());
    for row in &rows {
        let mut problem = |column: &str, message: String| {
            diagnostics.push(row.problem(&source.shown, column, message));
        };
        let name = row.get("name");
        if name.is_empty() {
            problem("name", words::empty_name());
        } else if let Some(first) = first_line.insert(name, row.line) {
            problem("name", words::inspector_twice(name, first));
        }
        let home_unit = row.get("home_unit");
        if !home_unit.is_empty() && register.get(home_unit).is_none() {
            problem("home_unit", words::unknown_home_unit(home_unit));
        }
        list.push(Inspector {
            name: name.to_owned(),
            home_unit: home_unit.to_owned(),
        });
    }
    if rows.is_empty() {
        diagnostics
            .push(Diagnostic::new(&source.shown, words::no_inspectors()).at_line(header_line + 1));
    }
    Error::check(
        diagnostics,
        |n| words::bad_rows(source.shown.display(), n),
        &crate::messages::import::rows_hint(),
    )?;
    Ok((Inspectors::from_list(list), ignored_columns))
}

/// What an import of the inspectors' register did.
#[derive(Debug)]
pub struct InspectorsImport {
    pub inspectors: Inspectors,
    /// None when the register already matched the file.
    pub entry: Option<Entry>,
    /// Headers of the file's columns that the register does not use.
    pub ignored_columns: Vec<String>,
}

/// Replaces the inspectors' register with a file's; the same content again changes nothing.
pub fn import(
    campaign: &mut Campaign,
    ctx: &Context,
    source: &Source,
) -> anyhow::Result<InspectorsImport> {
    let (incoming, ignored_columns) = read_file(source, &campaign.register()?)?;
    if incoming == Inspectors::load(campaign)? {
        return Ok(InspectorsImport {
            inspectors: incoming,
            entry: None,
            ignored_columns,
        });
    }
    let mut tx = Transaction::new(&mut campaign.store, ctx);
    tx.write_table(incoming.list());
    tx.add_input(&source.path, &source.sha256);
    let entry = tx.commit(crate::messages::both(|| {
        words::inspectors_imported(&source.encoding.label(), incoming.list.len())
    }))?;
    Ok(InspectorsImport {
        inspectors: incoming,
        entry: Some(entry),
        ignored_columns,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_inspector_withdraws_from_their_own_unit_and_must_be_registered() {
        let none = Inspectors::default();
        assert_eq!(none.refusal("anyone", "C01"), None);
        let register = Inspectors::from_list(vec![
            Inspector {
                name: "王五".into(),
                home_unit: "C01".into(),
            },
            Inspector {
                name: "赵六".into(),
                home_unit: String::new(),
            },
        ]);
        assert!(
            register
                .refusal("王五", "C01")
                .unwrap()
                .contains("must withdraw (回避)")
        );
        assert_eq!(register.refusal("王五", "C02"), None);
        assert_eq!(register.refusal("赵六", "C01"), None);
        assert!(
            register
                .refusal("钱七", "C01")
                .unwrap()
                .contains("not in the inspectors' register")
        );
    }

    proptest::proptest! {
        #![proptest_config(crate::import::fuzz::config())]

        #[test]
        fn any_inspectors_file_is_read_or_refused_with_its_reason(
            bytes in crate::import::fuzz::hostile(crate::import::fuzz::INSPECTORS)
        ) {
            crate::import::fuzz::read_or_refuse("inspectors.csv", &bytes, |s| {
                read_file(s, &crate::import::fuzz::REGISTER)
            });
        }
    }

    #[test]
    fn a_ten_megabyte_line_is_read_or_refused() {
        let text = format!(
            "name,home_unit\n{}\n",
            crate::import::fuzz::long_line("", "王")
        );
        crate::import::fuzz::read_or_refuse("inspectors.csv", text.as_bytes(), |s| {
            read_file(s, &crate::import::fuzz::REGISTER)
        });
    }
}
