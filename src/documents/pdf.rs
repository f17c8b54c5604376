//! Printed documents as PDF/A-2b, typeset in process by typst from templates bundled with the
//! binary and laid out to GB/T 9704-2012. The data reaches a template only as a typst input
//! (`sys.inputs.data`, JSON the template decodes), never spliced into its source, so no text of a
//! record can run as typst code.

use crate::error::Error;
use crate::fonts::{Fonts, Role};
use crate::messages::fonts as say;

/// A printed document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Template {
    /// The commendation decision (表彰决定).
    Decision,
    /// The list of commended units attached to it.
    List,
    /// One 荣誉证书 a page.
    Certificates,
    /// The public notice (公示) of the preliminary list.
    Notice,
    /// The preliminary list for the leadership's review.
    PreliminaryList,
}

impl Template {
    /// The roles the template sets the data's `key` in; any other field is set in the body.
    fn roles(self, key: &str) -> &'static [Role] {
        match (self, key) {
            (Template::Decision, "organ") => &[Role::Title],
            (Template::Certificates, "unit") => &[Role::Title],
            (Template::Certificates, "text" | "organ" | "date") => &[Role::Kai],
            (Template::Notice, "campaign") => &[Role::Title, Role::Body],
            (_, "title") => &[Role::Title],
            (_, "label") => &[Role::Heading],
            (_, "number") => &[Role::Song],
            _ => &[Role::Body],
        }
    }
}

/// Typesets `data` (the JSON the template reads; see the templates) as a PDF/A-2b document, in
/// the faces `fonts` found. Identical data and fonts give identical bytes: the only date in the
/// file is the data's `iso_date` (else its `date`, `2026年12月20日`), which PDF/A requires.
/// Refused when a character is in no face of its role.
pub fn render(
    template: Template,
    data: &serde_json::Value,
    fonts: &Fonts,
) -> Result<Vec<u8>, Error> {
    let engine = typeset::Engine::new()?;
    fonts.check()?;
    check_glyphs(template, data, fonts)?;
    engine.typeset(template, data, fonts)
}

/// Refuses a document with a character of its data that no face of its role has, naming the
/// character and the text it is in (a unit's name, say), and how to add a font. The templates'
/// own words are common characters every chain's last face, Noto CJK SC, has.
fn check_glyphs(template: Template, data: &serde_json::Value, fonts: &Fonts) -> Result<(), Error> {
    let mut texts: Vec<(Role, &str)> = Vec::new();
    strings(data, "", &mut |key, text| {
        texts.extend(template.roles(key).iter().map(|&role| (role, text)));
    });
    let mut problems = Vec::new();
    for role in Role::ALL {
        let all: String = texts
            .iter()
            .filter(|(r, _)| *r == role)
            .map(|(_, text)| *text)
            .collect();
        for c in fonts.missing_glyphs(role, &all) {
            let text = texts
                .iter()
                .find(|(r, text)| *r == role && text.contains(c))
                .map_or("", |(_, text)| text);
            problems.push(say::missing_glyph(
                c,
                &format!("{:04X}", u32::from(c)),
                text,
                &role.label(),
            ));
        }
    }
    if problems.is_empty() {
        return Ok(());
    }
    Err(Error::invalid(format!(
        "{} {}",
        say::missing_glyphs(problems.len()),
        problems.join(&say::problems_separator())
    ))
    .with_hint(fonts.how_to_add()))
}

/// Calls `each` with every string in `value` and the key of the object field it is in (an array's
/// items take the array's key).
fn strings<'a>(
    value: &'a serde_json::Value,
    key: &'a str,
    each: &mut impl FnMut(&'a str, &'a str),
) {
    match value {
        serde_json::Value::String(text) => each(key, text),
        serde_json::Value::Array(items) => {
            for item in items {
                strings(item, key, each);
            }
        }
        serde_json::Value::Object(fields) => {
            for (key, item) in fields {
                strings(item, key, each);
            }
        }
        _ => {}
    }
}

#[cfg(not(feature = "pdf"))]
mod typeset {
    use super::Template;
    use crate::error::{Error, Kind};
    use crate::fonts::Fonts;
    use crate::messages::fonts as say;

    /// Built without the `pdf` feature there is no engine, and none can be made.
    pub(super) enum Engine {}

    impl Engine {
        pub(super) fn new() -> Result<Engine, Error> {
            Err(Error::new(Kind::Other, say::without_pdf()).with_hint(say::without_pdf_hint()))
        }

        pub(super) fn typeset(
            self,
            _: Template,
            _: &serde_json::Value,
            _: &Fonts,
        ) -> Result<Vec<u8>, Error> {
            match self {}
        }
    }
}

#[cfg(feature = "pdf")]
mod typeset {
    use std::collections::HashMap;
    use std::path::Path;

    use typst::foundations::{Bytes, Datetime, Dict, IntoValue as _};
    use typst::text::Font;
    use typst_as_lib::TypstEngine;
    use typst_layout::PagedDocument;
    use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

    use super::Template;
    use crate::error::{Error, Kind};
    use crate::fonts::{Fonts, Role};
    use crate::messages::fonts as say;

    const SOURCES: [(&str, &str); 6] = [
        ("gbt9704.typ", include_str!("templates/pdf/gbt9704.typ")),
        ("decision.typ", include_str!("templates/pdf/decision.typ")),
        ("list.typ", include_str!("templates/pdf/list.typ")),
        (
            "certificates.typ",
            include_str!("templates/pdf/certificates.typ"),
        ),
        ("notice.typ", include_str!("templates/pdf/notice.typ")),
        (
            "preliminary-list.typ",
            include_str!("templates/pdf/preliminary-list.typ"),
        ),
    ];

    /// The template's main file among [`SOURCES`].
    fn file(template: Template) -> &'static str {
        match template {
            Template::Decision => "decision.typ",
            Template::List => "list.typ",
            Template::Certificates => "certificates.typ",
            Template::Notice => "notice.typ",
            Template::PreliminaryList => "preliminary-list.typ",
        }
    }

    /// China Standard Time, which the document's date is in.
    const UTC_OFFSET_MINUTES: i32 = 8 * 60;

    /// typst, with the templates bundled.
    pub(super) struct Engine;

    impl Engine {
        pub(super) fn new() -> Result<Engine, Error> {
            Ok(Engine)
        }

        pub(super) fn typeset(
            self,
            template: Template,
            data: &serde_json::Value,
            fonts: &Fonts,
        ) -> Result<Vec<u8>, Error> {
            typeset(template, data, fonts)
        }
    }

    fn typeset(
        template: Template,
        data: &serde_json::Value,
        fonts: &Fonts,
    ) -> Result<Vec<u8>, Error> {
        let (faces, roles) = load(fonts)?;
        let engine = TypstEngine::builder()
            .with_static_source_file_resolver(SOURCES)
            .fonts(faces)
            .build();
        let mut inputs = Dict::new();
        inputs.insert("data".into(), json_bytes(data).into_value());
        inputs.insert("fonts".into(), json_bytes(&roles).into_value());
        let failed = |cause: String| {
            Error::new(Kind::Other, say::typesetting_failed(file(template), &cause))
        };
        let document: PagedDocument = engine
            .compile_with_input(file(template), inputs)
            .output
            .map_err(|e| failed(e.to_string()))?;
        let options = PdfOptions {
            standards: PdfStandards::new(&[PdfStandard::A_2b])
                .expect("PDF/A-2b is a standard on its own"),
            timestamp: timestamp(data),
            ..PdfOptions::default()
        };
        typst_pdf::pdf(&document, &options).map_err(|diagnostics| {
            failed(
                diagnostics
                    .iter()
                    .map(|d| d.message.as_str())
                    .collect::<Vec<_>>()
                    .join("; "),
            )
        })
    }

    fn json_bytes(value: &impl serde::Serialize) -> Bytes {
        Bytes::new(serde_json::to_vec(value).expect("JSON values serialize"))
    }

    /// The date the PDF says it was made (PDF/A requires one): the data's `iso_date`, else its
    /// `date` as official documents write it (`2026年12月7日`); never the clock, so that the same
    /// data gives the same bytes.
    fn timestamp(data: &serde_json::Value) -> Option<Timestamp> {
        use chrono::Datelike as _;
        let date = match data["iso_date"].as_str() {
            Some(iso) => iso.parse().ok()?,
            None => {
                chrono::NaiveDate::parse_from_str(data["date"].as_str()?, "%Y年%m月%d日").ok()?
            }
        };
        let date = Datetime::from_ymd(
            date.year(),
            u8::try_from(date.month()).ok()?,
            u8::try_from(date.day()).ok()?,
        )?;
        Timestamp::new_local(date, UTC_OFFSET_MINUTES)
    }

    /// Loads every face of every role's chain, each file once, and says for each role the
    /// families typst knows those faces by, in the chain's order, and the weight to set. The
    /// faces stay in the order found, so the same fonts give the same bytes.
    fn load(fonts: &Fonts) -> Result<(Vec<Font>, serde_json::Value), Error> {
        let mut files: HashMap<&Path, Bytes> = HashMap::new();
        let mut loaded: Vec<(&Path, u32, Font)> = Vec::new();
        let mut roles = serde_json::Map::new();
        for role in Role::ALL {
            let mut families: Vec<String> = Vec::new();
            for face in fonts.faces(role) {
                let path = face.path.as_path();
                let known = loaded
                    .iter()
                    .find(|(p, index, _)| *p == path && *index == face.index);
                let font = match known {
                    Some((_, _, font)) => font.clone(),
                    None => {
                        let data = match files.get(path) {
                            Some(data) => data.clone(),
                            None => {
                                let bytes = std::fs::read(path).map_err(|e| {
                                    Error::new(
                                        Kind::Other,
                                        crate::messages::output::caused_by(
                                            &crate::messages::store::cannot_read(path.display()),
                                            &crate::import::io_cause(&e),
                                        ),
                                    )
                                })?;
                                files.entry(path).or_insert(Bytes::new(bytes)).clone()
                            }
                        };
                        // A face fontdb read but typst cannot is passed over, as a missing one.
                        let Some(font) = Font::new(data, face.index) else {
                            continue;
                        };
                        loaded.push((path, face.index, font.clone()));
                        font
                    }
                };
                let family = font.info().family.clone();
                if !families.contains(&family) {
                    families.push(family);
                }
            }
            let weight = fonts.chosen(role).map_or(400, |c| c.weight);
            roles.insert(
                role.code().to_owned(),
                serde_json::json!({ "families": families, "weight": weight }),
            );
        }
        Ok((
            loaded.into_iter().map(|(_, _, font)| font).collect(),
            serde_json::Value::Object(roles),
        ))
    }
}

#[cfg(all(test, not(feature = "pdf")))]
mod without_the_feature {
    use super::*;

    #[test]
    fn printing_is_refused_naming_the_feature() {
        let fonts = Fonts::scan(Vec::new());
        let error = render(Template::Decision, &serde_json::json!({}), &fonts).unwrap_err();
        assert!(error.message.contains("`pdf` feature"), "{}", error.message);
        assert!(error.hint.unwrap().contains("--features pdf"));
    }
}

#[cfg(all(test, feature = "pdf"))]
mod tests {
    use serde_json::{Value, json};

    use super::*;

    const HEAD: &str = "12:1a2b3c4d5e6f";

    fn units(n: usize) -> Vec<String> {
        (1..=n)
            .map(|i| format!("青川市第{i}号参评单位领导班子"))
            .collect()
    }

    /// A decision with `n` units and `paragraphs` paragraphs of body, long enough for two pages
    /// with the defaults.
    fn decision(n: usize, paragraphs: usize) -> Value {
        let paragraph = "为深入贯彻落实新时代党的建设总要求，进一步加强领导班子建设，市委在全市开展了争创“四强一硬”好班子活动。各参评班子对照政治强、能力强、活力强、合力强、作风硬的要求，制定方案、积极争创，取得了明显成效。";
        json!({
            "organ": "中共青川市委员会",
            "decision_no": "市委〔2026〕12号",
            "title": "关于表彰2026年度“四强一硬”\n先进领导班子的决定",
            "addressee": "各县（市、区）委，市委各部门，市直各单位：",
            "body": vec![paragraph; paragraphs],
            "categories": [
                {"label": "县级", "units": units(n / 2)},
                {"label": "市直单位", "units": units(n - n / 2)},
            ],
            "closing": ["公示时间：2026年12月7日至2026年12月11日（5个工作日）。受到表彰的各领导班子（共计若干个）。", "希望受到表彰的领导班子珍惜荣誉、再接再厉。各级领导班子要以先进为榜样，奋发有为，为推动青川高质量发展作出新的更大贡献。"],
            "signature": "中共青川市委员会",
            "date": "2026年12月20日",
            "iso_date": "2026-12-20",
            "imprint": {
                "copy_to": "市人大常委会党组，市政府党组，市政协党组。",
                "printer": "中共青川市委办公室",
                "printed": "2026年12月20日印发",
            },
            "head": HEAD,
        })
    }

    fn list(n: usize) -> Value {
        let ranked = |n: usize| -> Vec<Value> {
            units(n)
                .into_iter()
                .enumerate()
                .map(|(i, name)| json!({"name": name, "composite": format!("{:.2}", 95.0 - i as f64 * 0.1)}))
                .collect()
        };
        json!({
            "title": "2026年度“四强一硬”先进领导班子名单",
            "decision_no": "市委〔2026〕12号",
            "categories": [
                {"label": "县级", "units": ranked(n / 2)},
                {"label": "市直单位", "units": ranked(n - n / 2)},
            ],
            "date": "2026年12月20日",
            "iso_date": "2026-12-20",
            "organ": "中共青川市委员会",
            "head": HEAD,
        })
    }

    fn certificates(n: usize) -> Value {
        let certificates: Vec<Value> = units(n)
            .into_iter()
            .enumerate()
            .map(|(i, unit)| {
                json!({
                    "unit": unit,
                    "text": "在2026年度争创“四强一硬”好班子活动中，被评为“四强一硬”先进领导班子。特发此证，以资鼓励。",
                    "organ": "中共青川市委员会",
                    "date": "二〇二六年十二月二十日",
                    "number": format!("No. 2026-{:02}", i + 1),
                })
            })
            .collect();
        json!({"certificates": certificates, "iso_date": "2026-12-20", "head": HEAD})
    }

    fn notice() -> Value {
        json!({
            "organizer": "中共青川市委组织部",
            "campaign": "2026年度争创“四强一硬”好班子活动",
            "version": 2,
            "categories": [
                {"label": "县级", "units": [
                    {"unit": "C01", "name": "东湖区委", "rank": 1},
                    {"unit": "C02", "name": "西湖区委", "rank": 2},
                ]},
                {"label": "市委部门", "units": [{"unit": "D01", "name": "市委办公室", "rank": 1}]},
            ],
            "start": "2026年12月7日",
            "end": "2026年12月11日",
            "working_days": 5,
            "contact": "联系电话：0812-1234567（工作日8:30—17:30）\n来信地址：青川市人民路1号市委组织部干部监督科，邮编：617000",
            "date": "2026年12月6日",
            "head": HEAD,
        })
    }

    fn preliminary_list() -> Value {
        json!({
            "title": "2026年度争创“四强一硬”好班子活动初步名单（第2版）",
            "categories": [
                {"label": "县级", "units": [
                    {"rank": 1, "name": "东湖区委", "composite": "92.51"},
                    {"rank": 2, "name": "西湖区委", "composite": "90.07"},
                ]},
            ],
            "date": "2026年12月6日",
            "iso_date": "2026-12-06",
            "head": HEAD,
        })
    }

    /// The fonts of this machine; `None`, said loudly, where there is no Noto CJK.
    fn fonts() -> Option<Fonts> {
        let fonts = crate::fonts::discover(None);
        if fonts.check().is_err() {
            eprintln!("SKIPPED: no CJK fonts here; apt-get install fonts-noto-cjk");
            return None;
        }
        Some(fonts)
    }

    #[test]
    fn every_template_renders_its_sample() {
        let Some(fonts) = fonts() else { return };
        let samples = [
            (Template::Decision, decision(12, 6)),
            (Template::List, list(12)),
            (Template::Certificates, certificates(3)),
            (Template::Notice, notice()),
            (Template::PreliminaryList, preliminary_list()),
        ];
        let out = std::env::var_os("BANZI_PDF_SAMPLES").map(std::path::PathBuf::from);
        for (template, data) in samples {
            let pdf = render(template, &data, &fonts).unwrap();
            assert!(pdf.starts_with(b"%PDF-"), "{template:?}");
            if let Some(out) = &out {
                std::fs::write(out.join(format!("{template:?}.pdf")), &pdf).unwrap();
            }
        }
    }

    #[test]
    fn identical_data_give_identical_bytes() {
        let Some(fonts) = fonts() else { return };
        let data = decision(12, 6);
        let first = render(Template::Decision, &data, &fonts).unwrap();
        let again = render(Template::Decision, &data, &fonts).unwrap();
        assert!(first == again, "two renderings of the same data differ");
    }

    #[test]
    fn data_is_printed_as_text_never_run_as_typst() {
        let Some(fonts) = fonts() else { return };
        let mut data = decision(2, 1);
        let code = "#panic(\"boom\") ]; #let x = 1 \\ `raw` $x$ <label> @ref";
        data["addressee"] = json!(code);
        let pdf = render(Template::Decision, &data, &fonts).unwrap();
        let Some(text) = poppler(&["pdftotext", "-f", "1", "-l", "1"], &pdf) else {
            return;
        };
        assert!(text.contains(code), "{text}");
    }

    #[test]
    fn a_character_no_face_has_is_refused_naming_it_and_its_text() {
        let Some(fonts) = fonts() else { return };
        let mut data = certificates(2);
        data["certificates"][1]["unit"] = json!("青川市\u{E000}区");
        let error = render(Template::Certificates, &data, &fonts).unwrap_err();
        assert_eq!(error.kind, crate::error::Kind::InvalidInput);
        assert!(error.message.contains("U+E000"), "{}", error.message);
        assert!(
            error.message.contains("青川市\u{E000}区"),
            "{}",
            error.message
        );
        assert!(error.hint.unwrap().contains("BANZI_FONT_PATH"));
    }

    /// What a poppler tool prints for `pdf`; `None`, said loudly, where poppler is missing
    /// (`apt-get install poppler-utils`).
    fn poppler(command: &[&str], pdf: &[u8]) -> Option<String> {
        let file = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(file.path(), pdf).unwrap();
        let output = std::process::Command::new(command[0])
            .args(&command[1..])
            .arg(file.path())
            // pdftotext writes to a file unless told `-`; the others print.
            .args((command[0] == "pdftotext").then_some("-"))
            .output();
        match output {
            Ok(output) if output.status.success() => {
                Some(String::from_utf8(output.stdout).unwrap())
            }
            Ok(output) => panic!(
                "{command:?} failed: {}",
                String::from_utf8_lossy(&output.stderr)
            ),
            Err(_) => {
                eprintln!(
                    "SKIPPED: poppler's {} is missing; apt-get install poppler-utils",
                    command[0]
                );
                None
            }
        }
    }

    /// A line of text as `pdftotext -bbox-layout` finds it, in points from the page's top left.
    #[derive(Debug)]
    struct Line {
        page: usize,
        x_min: f64,
        y_min: f64,
        x_max: f64,
        y_max: f64,
        text: String,
    }

    fn attribute(tag: &str, name: &str) -> f64 {
        let start = tag.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
        let end = start + tag[start..].find('"').unwrap();
        tag[start..end].parse().unwrap()
    }

    fn lines(layout: &str) -> Vec<Line> {
        let mut page = 0;
        let mut found: Vec<Line> = Vec::new();
        for tag in layout.lines().map(str::trim) {
            if tag.starts_with("<page ") {
                page += 1;
            } else if tag.starts_with("<line ") {
                found.push(Line {
                    page,
                    x_min: attribute(tag, "xMin"),
                    y_min: attribute(tag, "yMin"),
                    x_max: attribute(tag, "xMax"),
                    y_max: attribute(tag, "yMax"),
                    text: String::new(),
                });
            } else if let Some(word) = tag.strip_prefix("<word ") {
                let text = &word[word.find('>').unwrap() + 1..word.rfind("</word>").unwrap()];
                found.last_mut().unwrap().text.push_str(text);
            }
        }
        found
    }

    const MM: f64 = 72.0 / 25.4;

    #[test]
    fn a_decision_is_laid_out_to_gbt_9704() {
        let Some(fonts) = fonts() else { return };
        let pdf = render(Template::Decision, &decision(12, 14), &fonts).unwrap();
        let Some(info) = poppler(&["pdfinfo", "-f", "1", "-l", "9"], &pdf) else {
            return;
        };
        let Some(layout) = poppler(&["pdftotext", "-bbox-layout"], &pdf) else {
            return;
        };
        let pages: usize = info
            .lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .unwrap()
            .trim()
            .parse()
            .unwrap();
        assert!(pages >= 3, "{pages} pages");
        // A4 on every page.
        let sizes: Vec<&str> = info
            .lines()
            .filter(|l| l.starts_with("Page ") && l.contains(" size: "))
            .collect();
        assert_eq!(sizes.len(), pages);
        for size in sizes {
            let numbers: Vec<f64> = size
                .split_whitespace()
                .filter_map(|w| w.parse().ok())
                .collect();
            let [_, width, height] = numbers[..] else {
                panic!("{size}")
            };
            assert!(
                (width - 595.28).abs() < 0.1 && (height - 841.89).abs() < 0.1,
                "{size}"
            );
        }

        let lines = lines(&layout);
        let (numbers, text): (Vec<&Line>, Vec<&Line>) = lines
            .iter()
            .partition(|l| l.text == format!("—{}—", l.page));
        // Every text inside the 版心, within 1 mm. Two closing marks in a row share a place, as
        // Chinese typesetting has them; poppler's box of the second is still a whole character,
        // half of it empty, so a line ending in one may reach half a character further.
        for l in &text {
            let squeezed = l
                .text
                .ends_with(['，', '。', '、', '：', '；', '？', '！', '）', '”', '》']);
            let right = if squeezed {
                185.0 * MM + 8.0
            } else {
                185.0 * MM
            };
            assert!(
                l.x_min > 27.0 * MM && l.x_max < right,
                "outside the 版心 across: {l:?}"
            );
            assert!(
                l.y_min > 36.0 * MM && l.y_max < 263.0 * MM,
                "outside the 版心 down: {l:?}"
            );
        }
        // The page number 7 mm below the 版心, one 4号 character in from its right edge on odd
        // pages and from its left edge on even ones.
        assert_eq!(numbers.len(), pages, "{numbers:?}");
        for n in &numbers {
            assert!((n.y_min - 269.0 * MM).abs() < 1.0 * MM, "{n:?}");
            assert!((n.y_max - n.y_min - 14.0).abs() < 0.3, "4号: {n:?}");
            if n.page % 2 == 1 {
                assert!((n.x_max - (184.0 * MM - 14.0)).abs() < 1.0 * MM, "{n:?}");
            } else {
                assert!((n.x_min - (28.0 * MM + 14.0)).abs() < 1.0 * MM, "{n:?}");
            }
        }
        // The title in 2号, the body in 3号 (poppler's box of a line is the font's em).
        let title = text
            .iter()
            .find(|l| l.text == "先进领导班子的决定")
            .unwrap();
        assert!((title.y_max - title.y_min - 22.0).abs() < 0.3, "{title:?}");
        let addressee = text.iter().find(|l| l.text.starts_with("各县")).unwrap();
        assert!(
            (addressee.y_max - addressee.y_min - 16.0).abs() < 0.3,
            "{addressee:?}"
        );
        // A full page of body: 22 lines, 225/22 mm apart, and each line that runs from edge to
        // edge holds 28 characters.
        let second: Vec<&&Line> = text.iter().filter(|l| l.page == 2).collect();
        assert_eq!(second.len(), 22, "{second:#?}");
        for pair in second.windows(2) {
            let pitch = pair[1].y_max - pair[0].y_max;
            assert!((pitch - 225.0 / 22.0 * MM).abs() < 0.05, "{pair:?}");
        }
        for l in &second {
            if l.x_min < 28.5 * MM && l.x_max > 183.5 * MM {
                assert_eq!(l.text.chars().count(), 28, "{l:?}");
            }
        }
        // The 版记 closes the last page, its last row at the foot of the 版心.
        let printed = text.iter().find(|l| l.text.ends_with("印发")).unwrap();
        assert_eq!(printed.page, pages);
        assert!(printed.y_max > 255.0 * MM, "{printed:?}");
    }

    #[test]
    fn the_pdf_is_pdf_a_2b_with_every_font_embedded_and_none_japanese() {
        let Some(fonts) = fonts() else { return };
        let pdf = render(Template::Decision, &decision(4, 2), &fonts).unwrap();
        let Some(meta) = poppler(&["pdfinfo", "-meta"], &pdf) else {
            return;
        };
        assert!(meta.contains("<pdfaid:part>2</pdfaid:part>"), "{meta}");
        assert!(
            meta.contains("<pdfaid:conformance>B</pdfaid:conformance>"),
            "{meta}"
        );
        assert!(
            meta.contains("2026-12-20"),
            "the date is the decision's: {meta}"
        );
        let Some(listed) = poppler(&["pdffonts"], &pdf) else {
            return;
        };
        for font in listed.lines().skip(2) {
            let columns: Vec<&str> = font.split_whitespace().collect();
            let embedded = columns[columns.len() - 5];
            assert_eq!(embedded, "yes", "{font}");
            assert!(!font.contains("JP"), "a Japanese face: {font}");
        }
    }

    /// `scripts/bench-pdf.sh` runs this in a release build; a figure to read, not a limit.
    #[test]
    #[ignore = "a timing, for scripts/bench-pdf.sh"]
    fn how_long_a_hundred_units_take() {
        let Some(fonts) = fonts() else { return };
        let started = std::time::Instant::now();
        let decision = render(Template::Decision, &decision(100, 4), &fonts).unwrap();
        let list = render(Template::List, &list(100), &fonts).unwrap();
        let certificates = render(Template::Certificates, &certificates(100), &fonts).unwrap();
        eprintln!(
            "decision, list and 100 certificates: {:.2} s ({} + {} + {} bytes)",
            started.elapsed().as_secs_f64(),
            decision.len(),
            list.len(),
            certificates.len()
        );
    }
}
