//! Ratings 0-100 per criterion, as units rate themselves and inspectors rate them.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use toml::Spanned;

use crate::error::Diagnostic;
use crate::import::{Source, toml_diagnostic};
use crate::messages::votes as messages;
use crate::settings::Settings;

/// A `[ratings]` table as written: criterion code or name -> rating, each with its place in the
/// file.
pub type RawRatings = Spanned<BTreeMap<Spanned<String>, Spanned<f64>>>;

/// Validates a `[ratings]` table: every criterion rated 0-100 once, by its code or its name, no
/// unknown criterion. Returns the ratings in the campaign's criterion order; problems go to
/// `diagnostics`, a missing table placed at `anchor`.
pub fn parse(
    source: &Source,
    raw: Option<&RawRatings>,
    anchor: Range<usize>,
    settings: &Settings,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<(String, f64)> {
    let Some(table) = raw else {
        diagnostics.push(toml_diagnostic(
            source,
            anchor,
            &messages::field_ratings(),
            messages::ratings_missing(&messages::criterion_codes(settings)),
        ));
        return Vec::new();
    };
    // By code, whichever way each key names its criterion.
    let mut rated: HashMap<&str, (&str, f64)> = HashMap::new();
    for (written, value) in table.get_ref() {
        let field = messages::field_rating(written.get_ref());
        let Some(criterion) = settings.criterion_written(written.get_ref()) else {
            diagnostics.push(toml_diagnostic(
                source,
                written.span(),
                &field,
                messages::rating_unknown_criterion(
                    written.get_ref(),
                    &messages::criterion_words(settings),
                ),
            ));
            continue;
        };
        if !(0.0..=100.0).contains(value.get_ref()) {
            diagnostics.push(toml_diagnostic(
                source,
                value.span(),
                &field,
                messages::rating_out_of_range(*value.get_ref()),
            ));
        }
        if let Some((first, _)) = rated.insert(
            criterion.code.as_str(),
            (written.get_ref(), *value.get_ref()),
        ) {
            diagnostics.push(toml_diagnostic(
                source,
                written.span(),
                &field,
                messages::rating_twice(&criterion.code, first, written.get_ref()),
            ));
        }
    }
    let mut ratings = Vec::new();
    for criterion in &settings.criteria {
        match rated.get(criterion.code.as_str()) {
            Some((_, value)) => ratings.push((criterion.code.clone(), *value)),
            None => diagnostics.push(toml_diagnostic(
                source,
                table.span(),
                &messages::field_rating(&criterion.code),
                messages::rating_missing(&criterion.code, &criterion.name),
            )),
        }
    }
    ratings
}

/// The rating of `criterion` among `ratings`.
pub fn of(ratings: &[(String, f64)], criterion: &str) -> Option<f64> {
    ratings
        .iter()
        .find(|(c, _)| c == criterion)
        .map(|(_, r)| *r)
}
