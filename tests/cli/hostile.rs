//! Hostile input: every malformed file or setting is refused with its place and a hint, exits 4,
//! and leaves the campaign byte for byte as it was.

use crate::fixture::*;

/// Replaces `from` with `to` in the campaign's `campaign.toml`, as a person editing it would.
fn edit_settings(f: &Fixture, from: &str, to: &str) {
    let path = f.campaign().join("campaign.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "campaign.toml has no `{from}`");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

/// The line and column (1-based) of `needle` in the campaign's `campaign.toml`.
fn place_in_settings(f: &Fixture, needle: &str) -> (usize, usize) {
    let text = std::fs::read_to_string(f.campaign().join("campaign.toml")).unwrap();
    let (n, line) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains(needle))
        .unwrap();
    (
        n + 1,
        line[..line.find(needle).unwrap()].chars().count() + 1,
    )
}

/// Runs `args`, asserting exit 4, an unchanged campaign and a `hint:`; gives stderr.
fn refused(f: &Fixture, args: &[&str]) -> String {
    let stderr = f.fails_unchanged(args, INVALID);
    assert!(stderr.contains("\nhint: "), "no hint: {stderr}");
    stderr
}

#[test]
fn a_quota_count_past_32_bits_is_refused_not_wrapped_to_no_places() {
    let f = Fixture::with_units();
    edit_settings(
        &f,
        "county = { count = 3 }",
        "county = { count = 4294967296 }",
    );
    let units = example("units.csv");
    let stderr = refused(&f, &["units", "import", units.to_str().unwrap()]);
    let (line, column) = place_in_settings(&f, "4294967296");
    assert!(
        stderr.contains(&format!(
            "campaign/campaign.toml:{line}:{column}: shortlist.quota.county.count: 4294967296 is not a plausible number of places (1-1000)"
        )),
        "{stderr}"
    );
}

#[test]
fn a_notice_period_of_billions_of_days_is_refused() {
    let f = Fixture::initialized();
    edit_settings(&f, "min_working_days = 5", "min_working_days = 99999999999");
    let stderr = refused(&f, &["status"]);
    assert!(
        stderr.contains("publicity.min_working_days: 99999999999 is not a plausible length of a public notice in working days (1-60)"),
        "{stderr}"
    );
}
