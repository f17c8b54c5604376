//! `banzi fonts`: the face each role of a printed document is set in, and where it was found.

use clap::Args;

use super::Env;
use super::output::table;
use crate::fonts::CAMPAIGN_FOLDER;
use crate::messages::fonts as words;

#[derive(Debug, Args)]
pub struct FontsArgs {}

/// Lists the roles with their faces, warns of each stand-in, and fails when a role has none.
pub fn run(env: &Env, _args: FontsArgs) -> anyhow::Result<()> {
    let fonts = crate::fonts::discover(
        campaign_root(env)?
            .map(|r| r.join(CAMPAIGN_FOLDER))
            .as_deref(),
    );
    let report = fonts.report();
    if env.ui.json {
        let roles: Vec<serde_json::Value> = report
            .iter()
            .map(|r| {
                serde_json::json!({
                    "role": r.role.code(),
                    "family": r.chosen.as_ref().map(|c| &c.family),
                    "file": r.chosen.as_ref().map(|c| c.path.display().to_string()),
                    "fallback": r.chosen.as_ref().map(|c| c.is_fallback),
                })
            })
            .collect();
        env.ui
            .json(&serde_json::json!({ "roles": roles, "found": fonts.found() }))?;
    } else {
        let (role, family, file) = (
            words::column_role(),
            words::column_family(),
            words::column_file(),
        );
        let mut t = table(&[&role, &family, &file]);
        for r in &report {
            match &r.chosen {
                Some(c) => t.add_row([
                    r.role.label(),
                    c.family.clone(),
                    c.path.display().to_string(),
                ]),
                None => t.add_row([r.role.label(), words::not_found(), String::new()]),
            };
        }
        env.ui.data(&t.to_string());
        let folders: Vec<String> = fonts
            .folders()
            .iter()
            .map(|f| format!("`{}`", f.display()))
            .collect();
        env.ui.status(&words::found(
            fonts.found(),
            &folders.join(&words::separator()),
        ));
    }
    warn_stand_ins(env, &fonts);
    Ok(fonts.check()?)
}

/// The fonts a document of `campaign` is printed in (its `fonts/` folder first), saying the
/// face of each role and warning of each stand-in.
pub(super) fn for_printing(env: &Env, campaign: &crate::campaign::Campaign) -> crate::fonts::Fonts {
    let fonts = crate::fonts::discover(Some(&campaign.store.root().join(CAMPAIGN_FOLDER)));
    for r in fonts.report() {
        if let Some(chosen) = r.chosen.as_ref().filter(|c| !c.is_fallback) {
            env.ui
                .status(&words::face_used(&r.role.label(), &chosen.family));
        }
    }
    warn_stand_ins(env, &fonts);
    fonts
}

/// Warns of each role set in a stand-in rather than its official face, and says how to add one.
fn warn_stand_ins(env: &Env, fonts: &crate::fonts::Fonts) {
    let report = fonts.report();
    let stand_ins: Vec<_> = report
        .iter()
        .filter_map(|r| Some((r.role, r.chosen.as_ref().filter(|c| c.is_fallback)?)))
        .collect();
    for (role, chosen) in &stand_ins {
        env.ui.warn(&words::stand_in(
            &role.label(),
            &chosen.family,
            role.official(),
        ));
    }
    if !stand_ins.is_empty() {
        env.ui.status(&words::use_official());
    }
}

/// The campaign whose `fonts/` folder is looked in: the one named, or the one around the
/// working directory if any; outside a campaign, none.
fn campaign_root(env: &Env) -> anyhow::Result<Option<std::path::PathBuf>> {
    let named = env.campaign_flag.is_some()
        || std::env::var_os("BANZI_CAMPAIGN").is_some_and(|v| !v.is_empty());
    match env.campaign_root() {
        Ok(root) => Ok(Some(root)),
        Err(e) if named => Err(e),
        Err(_) => Ok(None),
    }
}
