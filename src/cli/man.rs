//! `banzi man`: the roff man page, from the localized definition, its section headings in the
//! language in force.

use clap::Args;

use super::Env;
use crate::error::Error;
use crate::messages::steps as words;

#[derive(Debug, Args)]
pub struct ManArgs {}

pub fn run(_env: &Env, _args: ManArgs) -> anyhow::Result<()> {
    let page = page().map_err(|e| {
        Error::new(
            crate::error::Kind::Other,
            words::cannot_write(&words::man_page(), &e.to_string()),
        )
    })?;
    super::completions::write_out(page.as_bytes(), &words::man_page())
}

/// The man page of banzi, every command's help in it.
pub fn page() -> std::io::Result<String> {
    let mut roff = Vec::new();
    clap_mangen::Man::new(super::command()).render(&mut roff)?;
    let roff = String::from_utf8_lossy(&roff);
    let mut page = String::with_capacity(roff.len());
    for line in roff.lines() {
        match line.strip_prefix(".SH ") {
            Some(heading) => match words::man_section(heading) {
                Some(shown) => {
                    page.push_str(".SH ");
                    page.push_str(shown);
                }
                None => page.push_str(line),
            },
            None => page.push_str(line),
        }
        page.push('\n');
    }
    Ok(page)
}
