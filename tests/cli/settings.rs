//! `campaign.toml` edited by hand: validated on every command, each bad key reported with its place.

use crate::fixture::*;

fn edit_settings(f: &Fixture, from: &str, to: &str) {
    let path = f.campaign().join("campaign.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "campaign.toml has no `{from}`");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

fn line_of(f: &Fixture, needle: &str) -> usize {
    let text = std::fs::read_to_string(f.campaign().join("campaign.toml")).unwrap();
    text.lines().position(|l| l.contains(needle)).unwrap() + 1
}

#[test]
fn a_misspelt_key_in_the_settings_stops_every_command_with_its_place() {
    let f = Fixture::registered();
    edit_settings(&f, "flags_block = true", "flag_block = true");
    let line = line_of(&f, "flag_block");
    for args in [
        &["status"][..],
        &["units", "list"],
        &["plan", "template", "C01"],
    ] {
        let stderr = f.fails(args, INVALID);
        assert!(
            stderr.contains(&format!(
                "  campaign/campaign.toml:{line}:1: shortlist.flag_block: unknown field `flag_block`"
            )),
            "{args:?}: {stderr}"
        );
    }
}

#[test]
fn criterion_weights_that_do_not_sum_to_one_are_reported_with_the_key() {
    let f = Fixture::initialized();
    edit_settings(&f, "weight = 0.2", "weight = 0.25");
    let stderr = f.fails(&["status"], INVALID);
    assert!(
        stderr.contains("criterion.weight: the criteria's weights sum to 1.05, not 1"),
        "{stderr}"
    );
}
