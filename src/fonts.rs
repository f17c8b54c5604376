//! The typefaces printed documents are set in: found in the system's font folders, a campaign's
//! `fonts/` folder and `BANZI_FONT_PATH`, and chosen per role (标题 小标宋, 正文 仿宋, …) from a
//! chain of family names that always ends in a Noto CJK SC face.
//!
//! fontdb scans the folders: it reads only the name and OS/2 tables, through memory maps, so a
//! system's hundreds of fonts are indexed in milliseconds, and it knows every family name a face
//! has in every language (方正小标宋简体 as well as FZXiaoBiaoSong-B05S). ttf-parser, which typst
//! itself uses, answers which characters a face has a glyph for.

use std::path::{Path, PathBuf};

use crate::error::{Error, Kind};
use crate::messages::fonts as say;

/// The folder of a campaign whose fonts come first; banzi never writes there.
pub const CAMPAIGN_FOLDER: &str = "fonts";

/// What a typeface is used for in a printed document (GB/T 9704-2012).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// The title and the issuing organ's mark: 小标宋.
    Title,
    /// The body: 仿宋.
    Body,
    /// First-level headings: 黑体.
    Heading,
    /// Second-level headings and certificates: 楷体.
    Kai,
    /// Page numbers: 宋体.
    Song,
}

/// One family name of a role's chain; a stand-in is a free face used for want of the official.
struct Candidate {
    family: &'static str,
    stand_in: bool,
}

const fn official(family: &'static str) -> Candidate {
    Candidate {
        family,
        stand_in: false,
    }
}

const fn stand_in(family: &'static str) -> Candidate {
    Candidate {
        family,
        stand_in: true,
    }
}

// Each chain ends in a Noto CJK SC face, so a role never falls to typst's own fallback, which
// picks a Japanese face and so Japanese glyph shapes.
const TITLE: &[Candidate] = &[
    official("FZXiaoBiaoSong-B05S"),
    official("方正小标宋简体"),
    official("FZXiaoBiaoSong-B05"),
    stand_in("Noto Serif CJK SC"),
];
const BODY: &[Candidate] = &[
    official("FangSong_GB2312"),
    official("仿宋_GB2312"),
    official("FangSong"),
    official("仿宋"),
    official("STFangsong"),
    stand_in("FandolFang"),
    stand_in("Noto Serif CJK SC"),
];
const HEADING: &[Candidate] = &[
    official("SimHei"),
    official("黑体"),
    stand_in("Noto Sans CJK SC"),
];
const KAI: &[Candidate] = &[
    official("KaiTi_GB2312"),
    official("KaiTi"),
    official("楷体"),
    stand_in("FandolKai"),
    stand_in("Noto Serif CJK SC"),
];
const SONG: &[Candidate] = &[
    official("SimSun"),
    official("宋体"),
    stand_in("FandolSong"),
    stand_in("Noto Serif CJK SC"),
];

impl Role {
    pub const ALL: [Role; 5] = [
        Role::Title,
        Role::Body,
        Role::Heading,
        Role::Kai,
        Role::Song,
    ];

    /// The role's name for scripts (`banzi fonts --json`) and templates.
    pub fn code(self) -> &'static str {
        match self {
            Role::Title => "title",
            Role::Body => "body",
            Role::Heading => "heading",
            Role::Kai => "kai",
            Role::Song => "song",
        }
    }

    /// The role's name for people, with the style it asks for.
    pub fn label(self) -> String {
        match self {
            Role::Title => say::role_title(),
            Role::Body => say::role_body(),
            Role::Heading => say::role_heading(),
            Role::Kai => say::role_kai(),
            Role::Song => say::role_song(),
        }
    }

    fn chain(self) -> &'static [Candidate] {
        match self {
            Role::Title => TITLE,
            Role::Body => BODY,
            Role::Heading => HEADING,
            Role::Kai => KAI,
            Role::Song => SONG,
        }
    }

    /// The weight wanted of a family with several: 小标宋 is heavy, so the title takes the Bold
    /// of Noto Serif CJK as its stand-in; every other role the Regular.
    fn weight(self) -> u16 {
        match self {
            Role::Title => 700,
            _ => 400,
        }
    }

    /// The official face the role asks for, for people.
    pub fn official(self) -> &'static str {
        self.chain()[0].family
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// A face found for a role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChosenFont {
    /// The name of the chain it was found by.
    pub family: String,
    pub path: PathBuf,
    /// The face's index in a collection (`.ttc`).
    pub index: u32,
    pub weight: u16,
    /// A free stand-in rather than the official face.
    pub is_fallback: bool,
}

/// What `banzi fonts` says of one role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleReport {
    pub role: Role,
    pub chosen: Option<ChosenFont>,
}

/// The faces found, and for each role those of its chain, in the chain's order.
pub struct Fonts {
    db: fontdb::Database,
    folders: Vec<PathBuf>,
    chains: [Vec<(fontdb::ID, ChosenFont)>; 5],
}

/// Finds the fonts in `campaign_fonts` (a campaign's `fonts/` folder), the folders of
/// `BANZI_FONT_PATH` and the system's font folders, tried in that order.
pub fn discover(campaign_fonts: Option<&Path>) -> Fonts {
    let mut folders: Vec<PathBuf> = campaign_fonts.map(Path::to_path_buf).into_iter().collect();
    if let Some(paths) = std::env::var_os("BANZI_FONT_PATH") {
        folders.extend(std::env::split_paths(&paths).filter(|p| !p.as_os_str().is_empty()));
    }
    folders.extend(system_folders());
    Fonts::scan(folders)
}

/// Where each system keeps its fonts, for everyone and for the user.
fn system_folders() -> Vec<PathBuf> {
    let home = std::env::var_os("HOME").map(PathBuf::from);
    let mut folders = Vec::new();
    if cfg!(windows) {
        let root = std::env::var_os("SYSTEMROOT")
            .map_or_else(|| PathBuf::from(r"C:\Windows"), PathBuf::from);
        folders.push(root.join("Fonts"));
        if let Some(local) = std::env::var_os("LOCALAPPDATA") {
            folders.push(PathBuf::from(local).join(r"Microsoft\Windows\Fonts"));
        }
    } else if cfg!(target_os = "macos") {
        folders.extend(home.iter().map(|h| h.join("Library/Fonts")));
        folders.push("/Library/Fonts".into());
        folders.push("/System/Library/Fonts".into());
    } else {
        folders.extend(home.iter().map(|h| h.join(".local/share/fonts")));
        folders.extend(home.iter().map(|h| h.join(".fonts")));
        folders.push("/usr/local/share/fonts".into());
        folders.push("/usr/share/fonts".into());
    }
    folders
}

impl Fonts {
    /// Indexes every font under `folders` (recursively; a missing folder is skipped) and
    /// resolves each role's chain, earlier folders first.
    pub fn scan(folders: Vec<PathBuf>) -> Fonts {
        let mut db = fontdb::Database::new();
        for folder in &folders {
            db.load_fonts_dir(folder);
        }
        let rank = |path: &Path| {
            folders
                .iter()
                .position(|f| path.starts_with(f))
                .unwrap_or(folders.len())
        };
        let chains = Role::ALL.map(|role| {
            let mut found: Vec<(fontdb::ID, ChosenFont)> = Vec::new();
            for candidate in role.chain() {
                // The earliest folder's, upright, of the weight nearest the role's (heavier on a
                // tie), then by file, so that the same fonts always give the same choice.
                let best = db
                    .faces()
                    .filter(|face| named(face, candidate.family))
                    .filter_map(|face| match &face.source {
                        fontdb::Source::File(path) | fontdb::Source::SharedFile(path, _) => {
                            Some((face, path))
                        }
                        fontdb::Source::Binary(_) => None,
                    })
                    .min_by_key(|(face, path)| {
                        (
                            rank(path),
                            face.style != fontdb::Style::Normal,
                            face.weight.0.abs_diff(role.weight()),
                            std::cmp::Reverse(face.weight.0),
                            *path,
                            face.index,
                        )
                    });
                let Some((face, path)) = best else { continue };
                if found.iter().any(|(id, _)| *id == face.id) {
                    continue;
                }
                found.push((
                    face.id,
                    ChosenFont {
                        family: candidate.family.to_owned(),
                        path: path.clone(),
                        index: face.index,
                        weight: face.weight.0,
                        is_fallback: candidate.stand_in,
                    },
                ));
            }
            found
        });
        Fonts {
            db,
            folders,
            chains,
        }
    }

    /// The face a role is set in: the first of its chain that was found.
    pub fn chosen(&self, role: Role) -> Option<ChosenFont> {
        self.chains[role.index()].first().map(|(_, f)| f.clone())
    }

    /// Every face found of a role's chain, in order: the text is set in the first that has a
    /// glyph for each character.
    pub fn faces(&self, role: Role) -> impl Iterator<Item = &ChosenFont> {
        self.chains[role.index()].iter().map(|(_, f)| f)
    }

    /// What `banzi fonts` lists.
    pub fn report(&self) -> Vec<RoleReport> {
        Role::ALL
            .iter()
            .map(|&role| RoleReport {
                role,
                chosen: self.chosen(role),
            })
            .collect()
    }

    /// How many faces were found in all the folders.
    pub fn found(&self) -> usize {
        self.db.len()
    }

    /// The folders looked in, in order.
    pub fn folders(&self) -> &[PathBuf] {
        &self.folders
    }

    /// Fails, saying how to install one, when a role has no face at all.
    pub fn check(&self) -> Result<(), Error> {
        let missing: Vec<String> = Role::ALL
            .iter()
            .filter(|role| self.chains[role.index()].is_empty())
            .map(|role| role.label())
            .collect();
        if missing.is_empty() {
            return Ok(());
        }
        Err(Error::new(
            Kind::Other,
            say::no_font(&missing.join(&say::separator()), self.db.len()),
        )
        .with_hint(self.how_to_add()))
    }

    /// How to make a font available, naming the folders banzi looks in.
    pub fn how_to_add(&self) -> String {
        let folders: Vec<String> = self
            .folders
            .iter()
            .map(|f| format!("`{}`", f.display()))
            .collect();
        say::how_to_add(&folders.join(&say::separator()))
    }

    /// The characters of `text` that no face of the role's chain has a glyph for, each once, in
    /// the order they first occur.
    pub fn missing_glyphs(&self, role: Role, text: &str) -> Vec<char> {
        let mut missing: Vec<char> = Vec::new();
        let mut wanted: Vec<char> = text.chars().filter(|c| !c.is_control()).collect();
        wanted.sort_unstable();
        wanted.dedup();
        for (id, _) in &self.chains[role.index()] {
            if wanted.is_empty() {
                break;
            }
            self.db.with_face_data(*id, |data, index| {
                if let Ok(face) = ttf_parser::Face::parse(data, index) {
                    wanted.retain(|&c| face.glyph_index(c).is_none_or(|g| g.0 == 0));
                }
            });
        }
        for c in text.chars() {
            if wanted.binary_search(&c).is_ok() && !missing.contains(&c) {
                missing.push(c);
            }
        }
        missing
    }
}

/// Whether a face goes by `family`, in any language, or by its PostScript name.
fn named(face: &fontdb::FaceInfo, family: &str) -> bool {
    face.families
        .iter()
        .any(|(name, _)| name.eq_ignore_ascii_case(family))
        || face.post_script_name.eq_ignore_ascii_case(family)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_chain_ends_in_a_noto_cjk_sc_face() {
        for role in Role::ALL {
            let last = role.chain().last().unwrap();
            assert!(
                last.family.starts_with("Noto ") && last.family.ends_with(" CJK SC"),
                "{role:?}"
            );
            assert!(last.stand_in);
            assert!(!role.chain()[0].stand_in);
        }
    }

    #[test]
    fn no_folder_no_face_and_the_error_names_the_package_and_the_folders() {
        let fonts = Fonts::scan(vec![PathBuf::from("/nonexistent/fonts")]);
        assert_eq!(fonts.found(), 0);
        assert!(fonts.report().iter().all(|r| r.chosen.is_none()));
        let error = fonts.check().unwrap_err();
        let hint = error.hint.unwrap();
        assert!(hint.contains("fonts-noto-cjk"), "{hint}");
        assert!(hint.contains("/nonexistent/fonts"), "{hint}");
        assert!(hint.contains("BANZI_FONT_PATH"), "{hint}");
        assert_eq!(
            fonts.missing_glyphs(Role::Body, "东湖\n区"),
            ['东', '湖', '区']
        );
    }

    /// Skips, saying so, on a machine without Noto CJK (`apt-get install fonts-noto-cjk`).
    fn system() -> Option<Fonts> {
        let fonts = discover(None);
        if fonts.check().is_err() {
            eprintln!("SKIPPED: no Noto CJK fonts on this machine; apt-get install fonts-noto-cjk");
            return None;
        }
        Some(fonts)
    }

    #[test]
    fn every_role_finds_a_face_and_the_title_takes_a_heavy_one() {
        let Some(fonts) = system() else { return };
        for report in fonts.report() {
            let chosen = report.chosen.unwrap();
            assert!(chosen.path.exists(), "{chosen:?}");
        }
        let title = fonts.chosen(Role::Title).unwrap();
        if title.is_fallback {
            assert!(title.weight >= 700, "{title:?}");
        }
    }

    #[test]
    fn missing_glyphs_are_those_no_face_of_the_chain_has() {
        let Some(fonts) = system() else { return };
        assert!(
            fonts
                .missing_glyphs(Role::Body, "青川市东湖区〔2026〕12号 — 1 —")
                .is_empty()
        );
        // A private-use character is in no font; each is named once, in order.
        assert_eq!(
            fonts.missing_glyphs(Role::Body, "东\u{E000}湖\u{E001}\u{E000}"),
            ['\u{E000}', '\u{E001}']
        );
    }
}
