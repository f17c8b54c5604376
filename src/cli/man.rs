//! `banzi man`: the roff man page, from the localized definition, its section headings in the
//! language in force.

use clap::Args;

use super::Env;
use crate::error::Error;
use crate::messages::steps as words;

#[derive(Debug, Args)]
pub struct ManArgs {
    command: Vec<String>,
}

pub fn run(_env: &Env, args: ManArgs) -> anyhow::Result<()> {
    let cmd = of_command(&args.command)?;
    let page = page(cmd).map_err(|e| {
        Error::new(
            crate::error::Kind::Other,
            words::cannot_write(&words::man_page(), &e.to_string()),
        )
    })?;
    super::completions::write_out(page.as_bytes(), &words::man_page())
}

/// The definition of the command at `path` (banzi itself when empty), named for its page as
/// banzi's list of commands refers to it: `banzi-plan-import`.
fn of_command(path: &[String]) -> Result<clap::Command, Error> {
    let mut cmd = super::command();
    cmd.build();
    let mut name = cmd.get_name().to_owned();
    for word in path {
        let Some(sub) = cmd.find_subcommand(word).cloned() else {
            let typed = format!("banzi {}", path.join(" "));
            return Err(
                Error::new(crate::error::Kind::Usage, words::no_such_command(&typed))
                    .with_hint(words::no_such_command_hint()),
            );
        };
        name = format!("{name}-{}", sub.get_name());
        cmd = sub.name(name.clone());
    }
    Ok(cmd)
}

/// The man page of `cmd`, its section headings in the language in force.
pub fn page(cmd: clap::Command) -> std::io::Result<String> {
    let mut roff = Vec::new();
    clap_mangen::Man::new(cmd).render(&mut roff)?;
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
        // Left-aligned, not justified: Chinese lines have no spaces to widen.
        if line.starts_with(".TH ") {
            page.push_str(".na\n");
        }
    }
    Ok(escape_non_ascii(&page))
}

/// `text` with every character beyond ASCII written as roff's `\[uXXXX]`, so that groff and man
/// render the page whatever the locale they run in (groff reads bytes as Latin-1 unless told),
/// each followed by `\:`, a place the line may break: Chinese has no spaces to break at.
fn escape_non_ascii(text: &str) -> String {
    // Punctuation that may not begin a line.
    const CLOSING: &str = "、，。：；！？）」』”’》］…";
    let mut out = String::with_capacity(text.len() * 2);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_ascii() {
            out.push(c);
            continue;
        }
        out.push_str(&format!("\\[u{:04X}]", u32::from(c)));
        if !chars.peek().is_some_and(|next| CLOSING.contains(*next)) {
            out.push_str("\\:");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn characters_beyond_ascii_are_escaped_for_roff() {
        assert_eq!(
            super::escape_non_ascii(".SH 名称 a"),
            ".SH \\[u540D]\\:\\[u79F0]\\: a"
        );
        assert_eq!(super::escape_non_ascii("“"), "\\[u201C]\\:");
        assert_eq!(super::escape_non_ascii("单，"), "\\[u5355]\\[uFF0C]\\:");
    }
}
