//! Every word banzi says to people, in simplified Chinese and in English, from one catalogue.
//!
//! Each concern keeps its messages in a submodule here, written with [`catalogue!`]: an entry is a
//! function that takes the values the message shows and has a text in each language, so a
//! missing language or an argument one text forgets fails the build. The help of every command
//! and flag is in [`help`], keyed by the command's path, and checked against the clap definition
//! by a test. Documents are not here: they follow the campaign's `language`. Nor is anything a
//! script reads (`--json` keys and codes, exit codes): those never change with the language.

pub mod archive;
pub mod calendar;
pub mod cli;
pub mod commend;
pub mod fonts;
pub mod forms;
pub mod git;
pub mod help;
pub mod import;
pub mod inspect;
pub mod journal;
pub mod output;
pub mod plan;
pub mod publicize;
pub mod reopen;
pub mod rulings;
pub mod self_assess;
pub mod settings;
pub mod shortlist;
pub mod steps;
pub mod store;
pub mod units;
pub mod verify;
pub mod votes;
pub mod workbook;

use std::cell::Cell;

/// A language banzi speaks to people in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Zh,
    En,
}

impl Lang {
    /// The names `--lang` and `BANZI_LANG` take.
    pub const NAMES: [&'static str; 2] = ["zh-CN", "en"];

    pub fn parse(name: &str) -> Option<Lang> {
        match name.trim().to_ascii_lowercase().replace('_', "-").as_str() {
            "zh-cn" | "zh" | "zh-hans" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    /// The language a locale such as `zh_CN.UTF-8` or `en_US` asks for: Chinese for any `zh`.
    fn of_locale(locale: &str) -> Lang {
        if locale
            .get(..2)
            .is_some_and(|l| l.eq_ignore_ascii_case("zh"))
        {
            Lang::Zh
        } else {
            Lang::En
        }
    }
}

/// Where the language in force came from, for the error when a name is not one banzi speaks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownLang {
    pub origin: &'static str,
    pub value: String,
}

/// The language to speak: `--lang`, else `BANZI_LANG`, else the first locale variable that is
/// set (`LC_ALL`, `LC_MESSAGES`, `LANG`, as POSIX orders them), else the system's UI language
/// where there is no such variable (Windows), else English. `var` reads the environment.
pub fn choose(
    flag: Option<&str>,
    var: impl Fn(&str) -> Option<String>,
    system: impl FnOnce() -> Option<String>,
) -> Result<Lang, UnknownLang> {
    let named = |origin: &'static str, value: &str| {
        Lang::parse(value).ok_or_else(|| UnknownLang {
            origin,
            value: value.to_owned(),
        })
    };
    if let Some(flag) = flag {
        return named("--lang", flag);
    }
    let set = |name: &str| var(name).filter(|v| !v.is_empty());
    if let Some(value) = set("BANZI_LANG") {
        return named("BANZI_LANG", &value);
    }
    if let Some(locale) = ["LC_ALL", "LC_MESSAGES", "LANG"].into_iter().find_map(set) {
        return Ok(Lang::of_locale(&locale));
    }
    Ok(system().map_or(Lang::En, |locale| Lang::of_locale(&locale)))
}

/// The user's UI language where the system keeps it outside the environment.
pub fn system_locale() -> Option<String> {
    #[cfg(windows)]
    {
        sys_locale::get_locale()
    }
    #[cfg(not(windows))]
    {
        None
    }
}

thread_local! {
    // Per thread, so that tests running side by side in one process cannot change each other's.
    static CURRENT: Cell<Lang> = const { Cell::new(Lang::En) };
}

/// Sets the language for the rest of the command; chosen once, before anything is said.
pub fn set(lang: Lang) {
    CURRENT.with(|c| c.set(lang));
}

/// The language in force; English until [`set`].
pub fn lang() -> Lang {
    CURRENT.with(Cell::get)
}

/// The text in the language in force; only the chosen one is formatted.
pub fn pick(zh: impl FnOnce() -> String, en: impl FnOnce() -> String) -> String {
    match lang() {
        Lang::Zh => zh(),
        Lang::En => en(),
    }
}

/// A text in both languages, for what is kept rather than shown: a journal entry's summary is
/// read later by people who may have chosen either.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Both {
    pub zh: String,
    pub en: String,
}

impl Both {
    /// The text in the language in force.
    pub fn shown(&self) -> &str {
        match lang() {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }

    /// This text followed by `more`, in each language.
    pub fn and(mut self, more: Both) -> Both {
        self.zh.push_str(&more.zh);
        self.en.push_str(&more.en);
        self
    }
}

/// `say` said in each language: it is called once with each in force.
pub fn both(say: impl Fn() -> String) -> Both {
    let before = lang();
    set(Lang::Zh);
    let zh = say();
    set(Lang::En);
    let en = say();
    set(before);
    Both { zh, en }
}

/// One entry of a catalogue, for the tests that check every entry in both languages.
#[cfg(test)]
#[derive(Debug)]
pub(crate) struct Entry {
    pub name: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
}

/// Declares messages: `name(arg: Type, …) => "中文 {arg}", "English {arg}";`. Each becomes a
/// function returning the text in the language in force, formatted by `format!`, so the
/// placeholders are checked by the compiler; `ALL` lists the entries for the catalogue's tests.
macro_rules! catalogue {
    ($($(#[doc = $doc:literal])* $name:ident($($arg:ident: $ty:ty),* $(,)?) => $zh:literal, $en:literal;)*) => {
        $(
            $(#[doc = $doc])*
            pub fn $name($($arg: $ty),*) -> String {
                $crate::messages::pick(|| format!($zh), || format!($en))
            }
        )*
        #[cfg(test)]
        pub(crate) const ALL: &[$crate::messages::Entry] = &[
            $($crate::messages::Entry { name: stringify!($name), zh: $zh, en: $en },)*
        ];
    };
}
pub(crate) use catalogue;

/// Every catalogue, for the tests; a submodule that is not listed here fails `every_module_is_listed`.
#[cfg(test)]
pub(crate) const CATALOGUES: &[(&str, &[Entry])] = &[
    ("archive", archive::ALL),
    ("calendar", calendar::ALL),
    ("publicize", publicize::ALL),
    ("commend", commend::ALL),
    ("fonts", fonts::ALL),
    ("forms", forms::ALL),
    ("git", git::ALL),
    ("cli", cli::ALL),
    ("help", help::ALL),
    ("import", import::ALL),
    ("inspect", inspect::ALL),
    ("journal", journal::ALL),
    ("output", output::ALL),
    ("plan", plan::ALL),
    ("reopen", reopen::ALL),
    ("rulings", rulings::ALL),
    ("self_assess", self_assess::ALL),
    ("settings", settings::ALL),
    ("shortlist", shortlist::ALL),
    ("steps", steps::ALL),
    ("store", store::ALL),
    ("units", units::ALL),
    ("verify", verify::ALL),
    ("votes", votes::ALL),
    ("workbook", workbook::ALL),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| {
            vars.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (*v).to_owned())
        }
    }

    #[test]
    fn the_flag_wins_then_the_variable_then_each_locale_variable_then_the_system_then_english() {
        let all = [
            ("BANZI_LANG", "en"),
            ("LC_ALL", "zh_CN.UTF-8"),
            ("LC_MESSAGES", "en_US.UTF-8"),
            ("LANG", "zh_CN.UTF-8"),
        ];
        let zh = || Some("zh-CN".to_owned());
        assert_eq!(choose(Some("zh-CN"), env(&all), zh), Ok(Lang::Zh));
        assert_eq!(choose(None, env(&all), zh), Ok(Lang::En));
        assert_eq!(choose(None, env(&all[1..]), zh), Ok(Lang::Zh));
        assert_eq!(choose(None, env(&all[2..]), zh), Ok(Lang::En));
        assert_eq!(choose(None, env(&all[3..]), zh), Ok(Lang::Zh));
        assert_eq!(choose(None, env(&[]), zh), Ok(Lang::Zh));
        assert_eq!(choose(None, env(&[]), || None), Ok(Lang::En));
        // An empty variable is unset, as POSIX has it; `C` and `POSIX` are not Chinese.
        assert_eq!(
            choose(
                None,
                env(&[("LC_ALL", ""), ("LANG", "zh_TW.UTF-8")]),
                || None
            ),
            Ok(Lang::Zh)
        );
        assert_eq!(choose(None, env(&[("LC_ALL", "C")]), zh), Ok(Lang::En));
        assert_eq!(
            choose(None, env(&[("BANZI_LANG", "fr")]), zh),
            Err(UnknownLang {
                origin: "BANZI_LANG",
                value: "fr".into()
            })
        );
        assert!(choose(Some("klingon"), env(&[]), zh).is_err());
        for name in Lang::NAMES {
            assert_eq!(Lang::parse(name).map(Lang::name), Some(name));
        }
    }

    /// The `{name}`s a text formats.
    fn placeholders(text: &str) -> Vec<&str> {
        let mut names: Vec<&str> = text
            .replace("{{", "")
            .split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}'))
            .map(|(name, _)| name.split(':').next().unwrap_or(name))
            .map(|name| &*Box::leak(name.to_owned().into_boxed_str()))
            .collect();
        names.sort_unstable();
        names.dedup();
        names
    }

    #[test]
    fn every_message_says_the_same_things_in_both_languages() {
        for (module, entries) in CATALOGUES {
            let mut names = std::collections::HashSet::new();
            for e in *entries {
                assert!(names.insert(e.name), "{module}::{} twice", e.name);
                assert_eq!(
                    placeholders(e.zh),
                    placeholders(e.en),
                    "{module}::{} shows different values in Chinese and English",
                    e.name
                );
                assert!(!e.en.trim().is_empty(), "{module}::{} is empty", e.name);
            }
        }
    }

    #[test]
    fn every_chinese_message_is_written_in_chinese() {
        for (module, entries) in CATALOGUES {
            for e in *entries {
                let bare = e.zh.split('`').step_by(2).collect::<String>();
                let words: String = bare.split(['{', '}']).step_by(2).collect();
                assert!(
                    !words.chars().any(|c| c.is_ascii_alphabetic())
                        || words
                            .chars()
                            .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                    "{module}::{} is not in Chinese: {:?}",
                    e.name,
                    e.zh
                );
            }
        }
    }

    /// Every `.rs` file under `src/`, with its text.
    fn sources() -> Vec<(std::path::PathBuf, String)> {
        let mut found = Vec::new();
        let mut folders = vec![std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src")];
        while let Some(folder) = folders.pop() {
            for entry in std::fs::read_dir(folder).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    folders.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let text = std::fs::read_to_string(&path).unwrap();
                    found.push((path, text));
                }
            }
        }
        found
    }

    #[test]
    fn every_message_is_said_somewhere() {
        let sources = sources();
        let is_word = |c: char| c.is_alphanumeric() || c == '_';
        let mut unsaid = Vec::new();
        for (module, entries) in CATALOGUES {
            for e in *entries {
                // The definition is one; a message that is said, or passed to be said, has
                // another.
                let uses: usize = sources
                    .iter()
                    .map(|(_, text)| {
                        text.match_indices(e.name)
                            .filter(|(at, _)| {
                                !text[..*at].ends_with(is_word)
                                    && !text[at + e.name.len()..].starts_with(is_word)
                            })
                            .count()
                    })
                    .sum();
                if uses < 2 {
                    unsaid.push(format!("messages::{module}::{}", e.name));
                }
            }
        }
        assert!(unsaid.is_empty(), "never said: {unsaid:#?}");
    }

    #[test]
    fn every_module_is_listed() {
        let source = include_str!("mod.rs");
        for line in source.lines() {
            if let Some(module) = line
                .strip_prefix("pub mod ")
                .and_then(|m| m.strip_suffix(';'))
            {
                assert!(
                    CATALOGUES.iter().any(|(name, _)| *name == module),
                    "messages::{module} is missing from CATALOGUES"
                );
            }
        }
    }
}
