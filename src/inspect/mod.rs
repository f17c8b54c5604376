//! Step 3, the inspection (组织考察) combined with the annual assessment: its inputs and the
//! comprehensive analysis (综合分析) that gives each unit a composite anyone can redo by hand.
//!
//! Records:
//!
//! ```text
//! analysis/annual.csv            annual-assessment results, one row per unit
//! analysis/votes.csv             democratic-evaluation tallies per unit and rater group, by criterion
//! inspections/UNIT/METHOD-N.toml one inspection activity each, as submitted
//! ```

pub mod analysis;
pub mod annual;
pub mod flags;
pub mod inspectors;
pub mod record;
pub mod votes;

use crate::messages::inspect as words;

/// How an import treats results that are already stored.
#[derive(Debug, Clone, Copy, Default)]
pub struct ImportOptions {
    /// Allow different content for units that already have results; it replaces theirs.
    pub replace: bool,
    /// Validate and report what would change, but write nothing.
    pub dry_run: bool,
}

/// How an import's per-unit results compare with the stored ones.
#[derive(Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Changes {
    pub added: Vec<String>,
    pub replaced: Vec<String>,
    pub unchanged: Vec<String>,
}

impl Changes {
    /// Sorts each unit of an import by whether it is new, different or the same as stored.
    pub fn classify<T: PartialEq>(
        incoming: impl IntoIterator<Item = (String, T)>,
        stored: impl Fn(&str) -> Option<T>,
    ) -> Changes {
        let mut changes = Changes::default();
        for (unit, value) in incoming {
            match stored(&unit) {
                None => changes.added.push(unit),
                Some(old) if old == value => changes.unchanged.push(unit),
                Some(_) => changes.replaced.push(unit),
            }
        }
        changes
    }

    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.replaced.is_empty()
    }

    /// Refuses to replace stored results without `--replace`.
    pub fn check_replace(
        &self,
        options: ImportOptions,
        what: &str,
    ) -> Result<(), crate::error::Error> {
        if self.replaced.is_empty() || options.replace {
            return Ok(());
        }
        let shown: Vec<&str> = self.replaced.iter().take(20).map(String::as_str).collect();
        let more = match self.replaced.len() - shown.len() {
            0 => String::new(),
            n => words::more_units(n),
        };
        Err(crate::error::Error::invalid(words::already_have_differing(
            self.replaced.len(),
            what,
            &shown.join(&words::list_separator()),
            &more,
        ))
        .with_hint(words::replace_hint()))
    }

    /// The journal summary's account of what changed, naming the record replaced, in the
    /// language in force (call it inside `messages::both`).
    pub fn summary(&self, store: &crate::store::Store, record: &str) -> String {
        let mut text =
            words::changes_summary(self.added.len(), self.replaced.len(), self.unchanged.len());
        if !self.replaced.is_empty()
            && let Some(row) = store.index().get(record)
        {
            text.push_str(&words::replaces_record(record, &row.sha256, row.seq));
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_sort_units_into_added_replaced_and_unchanged() {
        let stored = |unit: &str| match unit {
            "A" => Some(1),
            "B" => Some(2),
            _ => None,
        };
        let changes =
            Changes::classify([("A".into(), 1), ("B".into(), 3), ("C".into(), 4)], stored);
        assert_eq!(changes.added, ["C"]);
        assert_eq!(changes.replaced, ["B"]);
        assert_eq!(changes.unchanged, ["A"]);
        let err = changes
            .check_replace(ImportOptions::default(), "results")
            .unwrap_err();
        assert!(
            err.message
                .contains("1 unit(s) already have results that differ from this file: B")
        );
        let replace = ImportOptions {
            replace: true,
            dry_run: false,
        };
        assert!(changes.check_replace(replace, "results").is_ok());
    }
}
