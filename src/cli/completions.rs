//! `banzi completions SHELL`: the completion script, from the localized definition.

use std::io::Write as _;

use clap::Args;
use clap_complete::Shell;

use super::Env;
use crate::error::Error;
use crate::messages::steps as words;

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    #[arg(value_enum)]
    shell: Shell,
}

pub fn run(_env: &Env, args: CompletionsArgs) -> anyhow::Result<()> {
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut super::command(), "banzi", &mut script);
    write_out(&script, &words::completion_script())
}

/// Writes `bytes` to stdout; a closed pipe (`| head`) is no failure.
pub fn write_out(bytes: &[u8], what: &str) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Error::new(
            crate::error::Kind::Other,
            words::cannot_write(what, &e.to_string()),
        )
        .into()),
    }
}
