//! Hostile workbooks: a file named as a workbook that is cut short, is something else, or is
//! built to make the reader allocate without bound, loop for ever or panic is refused with what
//! it is and how to fix it, exits 4 at once, and leaves the campaign byte for byte as it was.
//! Every file is made here, small, by the test that uses it.

use std::io::Write as _;

use crate::fixture::*;

/// Runs `args`, asserting exit 4, an unchanged campaign, a `hint:` and no panic; gives stderr.
fn refused(f: &Fixture, args: &[&str]) -> String {
    let stderr = f.fails_unchanged(args, INVALID);
    assert!(stderr.contains("\nhint: "), "no hint: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    stderr
}

/// The importers that read a workbook's first sheet.
const IMPORTERS: [&[&str]; 4] = [
    &["units", "import"],
    &["inspect", "import-assessment"],
    &["inspect", "import-votes"],
    &["inspectors", "import"],
];

/// Writes `bytes` to `inputs/<name>` and imports it with every importer, each refused with
/// `expected` in its stderr.
fn refused_by_every_importer(f: &Fixture, name: &str, bytes: &[u8], expected: &str) {
    let path = format!("inputs/{name}");
    f.write_bytes(&path, bytes);
    for importer in IMPORTERS {
        let stderr = refused(f, &[importer, &[path.as_str()]].concat());
        assert!(
            stderr.contains(expected),
            "{importer:?}: no `{expected}` in\n{stderr}"
        );
    }
}

/// Writes `bytes` to `inputs/<name>`, imports it as the register, and gives stderr.
fn refused_as_units(f: &Fixture, name: &str, bytes: &[u8]) -> String {
    let path = format!("inputs/{name}");
    f.write_bytes(&path, bytes);
    refused(f, &["units", "import", &path])
}

// Building workbooks.

const HEADER: [&str; 5] = ["code", "name", "category", "party_head", "government_head"];
const UNIT: [&str; 5] = ["C01", "青川市东湖区", "county", "陈志远", "林晓峰"];

fn zipped(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in parts {
        zip.start_file(*name, options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// An .xlsx of `sheets`, each a name and what its `<worksheet>` holds, with `strings` shared.
fn xlsx(sheets: &[(&str, String)], strings: &[&str]) -> Vec<u8> {
    let list: String = (1..=sheets.len())
        .map(|i| {
            format!(
                r#"<sheet name="{}" sheetId="{i}" r:id="rId{i}"/>"#,
                sheets[i - 1].0
            )
        })
        .collect();
    let workbook = format!(
        r#"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>{list}</sheets></workbook>"#
    );
    let relations: String = (1..=sheets.len())
        .map(|i| format!(r#"<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i}.xml"/>"#))
        .collect();
    let relations = format!(
        r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{relations}<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#
    );
    let shared: String = strings
        .iter()
        .map(|s| format!("<si><t>{s}</t></si>"))
        .collect();
    let shared = format!(
        r#"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{shared}</sst>"#
    );
    let worksheets: Vec<(String, String)> = sheets
        .iter()
        .enumerate()
        .map(|(i, (_, content))| {
            (
                format!("xl/worksheets/sheet{}.xml", i + 1),
                format!(r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{content}</worksheet>"#),
            )
        })
        .collect();
    let mut parts: Vec<(&str, &[u8])> = vec![
        ("[Content_Types].xml", br#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#),
        ("_rels/.rels", br#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#),
        ("xl/workbook.xml", workbook.as_bytes()),
        ("xl/_rels/workbook.xml.rels", relations.as_bytes()),
        ("xl/sharedStrings.xml", shared.as_bytes()),
    ];
    parts.extend(worksheets.iter().map(|(n, c)| (n.as_str(), c.as_bytes())));
    zipped(&parts)
}

/// A row of text cells from column A.
fn row(number: u32, cells: &[&str]) -> String {
    let cells: String = cells
        .iter()
        .zip('A'..)
        .map(|(text, column)| {
            format!(r#"<c r="{column}{number}" t="inlineStr"><is><t>{text}</t></is></c>"#)
        })
        .collect();
    format!(r#"<row r="{number}">{cells}</row>"#)
}

fn sheet_data(rows: &str) -> String {
    format!("<sheetData>{rows}</sheetData>")
}

/// The example's first unit as a one-sheet .xlsx.
fn units_xlsx() -> Vec<u8> {
    xlsx(
        &[("Sheet1", sheet_data(&(row(1, &HEADER) + &row(2, &UNIT))))],
        &[],
    )
}

/// An .ods whose one table holds `rows`.
fn ods(rows: &str) -> Vec<u8> {
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>{rows}</office:spreadsheet></office:body></office:document-content>"#
    );
    zipped(&[
        ("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"),
        ("META-INF/manifest.xml", br#"<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/></manifest:manifest>"#),
        ("content.xml", content.as_bytes()),
    ])
}

const FREE: u32 = 0xFFFF_FFFF;
const END_OF_CHAIN: u32 = 0xFFFF_FFFE;

/// An OLE compound file (what an .xls is) of `streams`, in sectors of 512 bytes after one
/// sector of its FAT and one of its directory; each stream at least 4096 bytes long, so that
/// it lives in the file's own sectors as Excel writes it.
fn ole(streams: &[(&str, Vec<u8>)]) -> Vec<u8> {
    assert!(streams.len() <= 3, "one sector of directory");
    let sizes: Vec<usize> = streams.iter().map(|(_, s)| s.len().max(4096)).collect();
    let sectors: usize = sizes.iter().map(|size| size.div_ceil(512)).sum();
    let fat_sectors = (sectors + 2).div_ceil(127);
    assert!(fat_sectors <= 109, "no DIFAT sectors");
    let mut fat = vec![0xFFFF_FFFD; fat_sectors];
    fat.push(END_OF_CHAIN);
    let mut data = Vec::new();
    let mut starts = Vec::new();
    for ((_, stream), &size) in streams.iter().zip(&sizes) {
        let start = (fat_sectors + 1 + data.len() / 512) as u32;
        let count = size.div_ceil(512) as u32;
        fat.extend((1..count).map(|i| start + i));
        fat.push(END_OF_CHAIN);
        let mut stream = stream.clone();
        stream.resize(count as usize * 512, 0);
        data.extend(stream);
        starts.push(start);
    }
    fat.resize(fat_sectors * 128, FREE);
    let mut file = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    file.extend([0; 16]);
    for v in [0x3Eu16, 3, 0xFFFE, 9, 6] {
        file.extend(v.to_le_bytes());
    }
    file.extend([0; 6]);
    let (fats, directory) = (fat_sectors as u32, fat_sectors as u32);
    for v in [
        0,
        fats,
        directory,
        0,
        4096,
        END_OF_CHAIN,
        0,
        END_OF_CHAIN,
        0,
    ] {
        file.extend(v.to_le_bytes());
    }
    for i in 0..109 {
        file.extend(if i < fats { i } else { FREE }.to_le_bytes());
    }
    file.extend(fat.iter().flat_map(|v| v.to_le_bytes()));
    let entry = |name: &str, kind: u8, child: u32, right: u32, start: u32, size: usize| {
        let mut entry: Vec<u8> = name
            .encode_utf16()
            .chain([0])
            .flat_map(u16::to_le_bytes)
            .collect();
        let name_len = entry.len() as u16;
        entry.resize(64, 0);
        entry.extend(name_len.to_le_bytes());
        entry.extend([kind, 1]);
        for v in [FREE, right, child] {
            entry.extend(v.to_le_bytes());
        }
        entry.extend([0; 36]);
        entry.extend(start.to_le_bytes());
        entry.extend((size as u64).to_le_bytes());
        entry
    };
    let mut entries = entry("Root Entry", 5, 1, FREE, END_OF_CHAIN, 0);
    for (i, ((name, _), (&start, &size))) in
        streams.iter().zip(starts.iter().zip(&sizes)).enumerate()
    {
        let right = if i + 1 < streams.len() {
            i as u32 + 2
        } else {
            FREE
        };
        entries.extend(entry(name, 2, FREE, right, start, size));
    }
    entries.resize(512, 0);
    file.extend(entries);
    file.extend(data);
    file
}

// Files cut short, or not workbooks at all.

#[test]
fn a_workbook_cut_short_anywhere_is_refused_as_damaged() {
    let f = Fixture::registered();
    let whole = units_xlsx();
    for cut in (2..whole.len())
        .step_by(whole.len() / 10)
        .chain([whole.len() - 1])
    {
        let stderr = refused_as_units(&f, "cut.xlsx", &whole[..cut]);
        assert!(
            stderr.contains(
                "`inputs/cut.xlsx` is damaged or incomplete, and cannot be read as a workbook ("
            ),
            "cut at {cut}: {stderr}"
        );
    }
}

#[test]
fn random_bytes_after_a_zip_header_are_a_damaged_file() {
    let f = Fixture::registered();
    let mut bytes = b"PK\x03\x04".to_vec();
    bytes.extend((0..4000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8));
    let stderr = refused_as_units(&f, "random.xlsx", &bytes);
    assert!(stderr.contains("is damaged or incomplete"), "{stderr}");
}

#[test]
fn a_zip_without_a_workbook_in_it_is_refused() {
    let f = Fixture::registered();
    let stderr = refused_as_units(&f, "notes.xlsx", &zipped(&[("notes.txt", b"hello")]));
    assert!(
        stderr.contains("`inputs/notes.xlsx` holds no workbook (is it another kind of file"),
        "{stderr}"
    );
}

#[test]
fn an_ole_header_with_garbage_after_it_is_refused_as_an_xls() {
    let f = Fixture::registered();
    let mut bytes = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    bytes.extend((0..4000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 11) as u8));
    for name in ["garbage.xls", "garbage.xlsx"] {
        let stderr = refused_as_units(&f, name, &bytes);
        assert!(stderr.contains("is a .xls workbook"), "{stderr}");
    }
}

#[test]
fn an_ods_with_garbage_for_its_content_is_refused() {
    let f = Fixture::registered();
    let garbage: Vec<u8> = (0..4000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 7) as u8)
        .collect();
    let bytes = zipped(&[
        (
            "mimetype",
            b"application/vnd.oasis.opendocument.spreadsheet",
        ),
        ("content.xml", &garbage),
    ]);
    let stderr = refused_as_units(&f, "garbage.ods", &bytes);
    assert!(stderr.contains("`inputs/garbage.ods` "), "{stderr}");
}

#[test]
fn a_csv_an_empty_file_a_folder_and_a_symlink_loop_named_xlsx_are_refused() {
    let f = Fixture::registered();
    let csv = format!("{}\n{}\n", HEADER.join(","), UNIT.join(","));
    let stderr = refused_as_units(&f, "units.xlsx", csv.as_bytes());
    assert!(
        stderr.contains("`inputs/units.xlsx` is a text file (CSV?), not an Excel/WPS workbook, though it is named .xlsx"),
        "{stderr}"
    );
    assert!(stderr.contains("rename it to .csv"), "{stderr}");
    let stderr = refused_as_units(&f, "empty.xlsx", b"");
    assert!(
        stderr.contains("`inputs/empty.xlsx` is empty (0 bytes), not a workbook"),
        "{stderr}"
    );
    std::fs::create_dir_all(f.root().join("inputs/folder.xlsx")).unwrap();
    let stderr = refused(&f, &["units", "import", "inputs/folder.xlsx"]);
    assert!(
        stderr.contains("cannot read `inputs/folder.xlsx`"),
        "{stderr}"
    );
    #[cfg(unix)]
    {
        let looped = f.root().join("inputs/loop.xlsx");
        std::os::unix::fs::symlink(&looped, &looped).unwrap();
        let stderr = refused(&f, &["units", "import", "inputs/loop.xlsx"]);
        assert!(
            stderr.contains("cannot read `inputs/loop.xlsx`"),
            "{stderr}"
        );
    }
}

/// Before: `/dev/zero` was read until memory ran out, a pipe waited for ever.
#[cfg(unix)]
#[test]
fn a_device_named_as_a_workbook_is_refused_not_read_for_ever() {
    let f = Fixture::registered();
    std::fs::create_dir_all(f.root().join("inputs")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", f.root().join("inputs/zero.xlsx")).unwrap();
    let stderr = refused(&f, &["units", "import", "inputs/zero.xlsx"]);
    assert!(
        stderr.contains(
            "`inputs/zero.xlsx` is not a regular file (it is a device, a pipe or a socket)"
        ),
        "{stderr}"
    );
}

#[test]
fn a_file_larger_than_any_workbook_is_refused_unread() {
    let f = Fixture::registered();
    std::fs::create_dir_all(f.root().join("inputs")).unwrap();
    let file = std::fs::File::create(f.root().join("inputs/huge.xlsx")).unwrap();
    // Sparse: no disk is written.
    file.set_len(300 << 20).unwrap();
    let stderr = refused(&f, &["units", "import", "inputs/huge.xlsx"]);
    assert!(
        stderr.contains(
            "`inputs/huge.xlsx` is 300 MiB, more than the 256 MiB banzi reads in a workbook"
        ),
        "{stderr}"
    );
}

#[test]
fn an_encrypted_xlsx_is_refused_with_how_to_remove_the_password() {
    let f = Fixture::registered();
    let bytes = ole(&[
        ("EncryptionInfo", vec![4, 0, 4, 0]),
        ("EncryptedPackage", vec![0x55; 600]),
    ]);
    let stderr = refused_as_units(&f, "secret.xlsx", &bytes);
    assert!(
        stderr.contains(
            "`inputs/secret.xlsx` is protected by a password (encrypted), so banzi cannot read it"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("Encrypt with Password"), "{stderr}");
}

// Zip bombs, and cells far apart.

/// Before: a 3 MB sheet of a GB of rows ran past a minute and gigabytes.
#[test]
fn a_sheet_inflating_a_thousand_times_is_refused_as_a_zip_bomb() {
    let f = Fixture::registered();
    let rows = row(1, &HEADER) + &"<row/>".repeat(400_000);
    let bytes = xlsx(&[("Sheet1", sheet_data(&rows))], &[]);
    refused_by_every_importer(
        &f,
        "bomb.xlsx",
        &bytes,
        "`xl/worksheets/sheet1.xml` in `inputs/bomb.xlsx` inflates ",
    );
}

#[test]
fn a_part_declaring_gigabytes_is_refused_before_it_is_inflated() {
    let f = Fixture::registered();
    let mut bytes = units_xlsx();
    // The central directory's record of the sheet: its uncompressed size said to be 2 GiB.
    let name = b"xl/worksheets/sheet1.xml";
    let at = (0..bytes.len() - 46)
        .find(|&i| bytes[i..].starts_with(b"PK\x01\x02") && bytes[i + 46..].starts_with(name))
        .unwrap();
    bytes[at + 24..at + 28].copy_from_slice(&0x8000_0000u32.to_le_bytes());
    let stderr = refused_as_units(&f, "declared.xlsx", &bytes);
    assert!(
        stderr.contains("`xl/worksheets/sheet1.xml` in `inputs/declared.xlsx` inflates to 2048 MiB, more than the 1024 MiB banzi reads"),
        "{stderr}"
    );
}

/// Before: calamine asked for 512 GiB for the cells between, and the process aborted.
#[test]
fn two_cells_a_million_rows_apart_are_refused_not_allocated() {
    let f = Fixture::registered();
    let far = r#"<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>"#;
    let rows = row(1, &HEADER) + &row(2, &UNIT) + far;
    refused_by_every_importer(
        &f,
        "far.xlsx",
        &xlsx(&[("Sheet1", sheet_data(&rows))], &[]),
        "sheet `Sheet1` of `inputs/far.xlsx` spans 1048576 rows by 16384 columns, more cells than banzi reads from a file of this size",
    );
}

#[test]
fn a_sheet_declaring_the_largest_range_over_a_few_cells_is_read() {
    let f = Fixture::registered();
    let content = format!(
        r#"<dimension ref="A1:XFD1048576"/>{}"#,
        sheet_data(&(row(1, &HEADER) + &row(2, &UNIT)))
    );
    f.write_bytes("inputs/units.xlsx", &xlsx(&[("Sheet1", content)], &[]));
    f.banzi(&["units", "import", "inputs/units.xlsx"]).success();
}

#[test]
fn one_long_shared_string_in_thousands_of_cells_is_refused() {
    let f = Fixture::registered();
    let long = "东湖".repeat(10_000);
    let rows: String = (1..=3000)
        .map(|r| format!(r#"<row r="{r}"><c r="A{r}" t="s"><v>0</v></c></row>"#))
        .collect();
    let stderr = refused_as_units(
        &f,
        "shared.xlsx",
        &xlsx(&[("Sheet1", sheet_data(&rows))], &[&long]),
    );
    assert!(
        stderr.contains("the cells of `inputs/shared.xlsx` would hold more than 64 MiB of text"),
        "{stderr}"
    );
}

// Cells no spreadsheet can hold, and sheets named oddly.

#[test]
fn a_cell_longer_than_excel_allows_is_refused_with_its_place() {
    let f = Fixture::registered();
    // Letters that do not repeat, so that the sheet deflates as real text does.
    let long: String = (0..40_000u32)
        .map(|i| char::from(b'a' + ((i.wrapping_mul(2_654_435_761) >> 16) % 26) as u8))
        .collect();
    let mut unit = UNIT;
    unit[1] = &long;
    let rows = row(1, &HEADER) + &row(2, &unit);
    let stderr = refused_as_units(
        &f,
        "long.xlsx",
        &xlsx(&[("Sheet1", sheet_data(&rows))], &[]),
    );
    assert!(
        stderr.contains("inputs/long.xlsx:Sheet1:2: name: the cell holds 40000 characters, more than the 32767 an Excel or WPS cell can hold"),
        "{stderr}"
    );
}

#[test]
fn control_characters_and_cached_formula_errors_are_refused_with_their_cells() {
    let f = Fixture::registered();
    let error = r#"<c r="E2" t="e"><f>1/0</f><v>#DIV/0!</v></c>"#;
    let rows = row(1, &HEADER)
        + &row(2, &["C01", "东湖&#x1;区", "county", "陈志远"]).replace("</row>", error)
        + "</row>";
    let stderr = refused_as_units(
        &f,
        "cells.xlsx",
        &xlsx(&[("Sheet1", sheet_data(&rows))], &[]),
    );
    assert!(
        stderr.contains("inputs/cells.xlsx:Sheet1:2: name: control character U+0001"),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "inputs/cells.xlsx:Sheet1:2: government_head: the cell holds the Excel error #DIV/0!"
        ),
        "{stderr}"
    );
}

#[test]
fn a_shared_string_that_is_not_there_is_refused() {
    let f = Fixture::registered();
    let rows = r#"<row r="1"><c r="A1" t="s"><v>99999999</v></c></row>"#;
    let stderr = refused_as_units(
        &f,
        "missing.xlsx",
        &xlsx(&[("Sheet1", sheet_data(rows))], &["a"]),
    );
    assert!(
        stderr.contains("`inputs/missing.xlsx` cannot be read as a workbook: "),
        "{stderr}"
    );
}

#[test]
fn a_sheet_named_with_a_slash_and_past_31_characters_is_read() {
    let f = Fixture::registered();
    let name = format!("单位/{}", "名".repeat(40));
    let rows = sheet_data(&(row(1, &HEADER) + &row(2, &UNIT)));
    f.write_bytes("inputs/units.xlsx", &xlsx(&[(&name, rows)], &[]));
    f.banzi(&["units", "import", "inputs/units.xlsx"]).success();
}

/// Before: the first of the two was read, silently.
#[test]
fn a_sheet_asked_for_by_a_name_two_sheets_have_is_refused() {
    let f = Fixture::registered();
    let votes = "<sheetData/>".to_owned();
    let bytes = xlsx(&[("测评", votes.clone()), ("测评", votes)], &[]);
    f.write_bytes("inputs/votes.xlsx", &bytes);
    let stderr = refused(
        &f,
        &[
            "inspect",
            "import-votes",
            "inputs/votes.xlsx",
            "--sheet",
            "测评",
        ],
    );
    assert!(
        stderr.contains("`inputs/votes.xlsx` has more than one sheet called `测评`"),
        "{stderr}"
    );
}

// Formats banzi does not read.

#[test]
fn workbooks_of_other_formats_are_refused_with_how_to_save_them_as_xlsx() {
    let f = Fixture::registered();
    let xls = ole(&[("Workbook", vec![0; 600])]);
    let xlsb = zipped(&[("xl/workbook.bin", b"\0")]);
    let ods = ods(
        r#"<table:table table:name="t"><table:table-row><table:table-cell/></table:table-row></table:table>"#,
    );
    for (name, bytes, kind) in [
        ("名册.xls", &xls, "xls"),
        ("名册.et", &xls, "xls"),
        ("名册.xlsb", &xlsb, "xlsb"),
        ("名册.ods", &ods, "ods"),
    ] {
        let stderr = refused_as_units(&f, name, bytes);
        assert!(
            stderr.contains(&format!(
                "is a .{kind} workbook; banzi reads .xlsx workbooks"
            )),
            "{name}: {stderr}"
        );
        assert!(
            stderr.contains("Excel Workbook (*.xlsx)"),
            "{name}: {stderr}"
        );
    }
}
