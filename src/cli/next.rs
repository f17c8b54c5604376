//! `banzi next`: just the command to run next for the campaign, as data.

use clap::Args;

use super::Env;
use crate::status::Status;

#[derive(Debug, Args)]
pub struct NextArgs {}

/// Prints the next command line, or nothing when the campaign is complete; with `--json`, the
/// command or `null`.
pub fn run(env: &Env, _args: NextArgs) -> anyhow::Result<()> {
    let campaign = env.read()?;
    let status = Status::of(&campaign, env.context()?.today)?;
    if env.ui.json {
        return env.ui.json(&serde_json::json!({ "next": status.next }));
    }
    if let Some(command) = &status.next {
        env.ui.data(command);
    }
    Ok(())
}
