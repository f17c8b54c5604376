//! Hostile input: every malformed file or setting is refused with its place and a hint, exits 4,
//! and leaves the campaign byte for byte as it was.

use crate::fixture::*;

/// The line and column (1-based) of `needle` in the campaign's `campaign.toml`.
fn place_in_settings(f: &Fixture, needle: &str) -> (usize, usize) {
    let text = std::fs::read_to_string(f.campaign().join("campaign.toml")).unwrap();
    let (n, line) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains(needle))
        .unwrap();
    (
        n + 1,
        line[..line.find(needle).unwrap()].chars().count() + 1,
    )
}

/// Runs `args`, asserting exit 4, an unchanged campaign and a `hint:`; gives stderr.
fn refused(f: &Fixture, args: &[&str]) -> String {
    let stderr = f.fails_unchanged(args, INVALID);
    assert!(stderr.contains("\nhint: "), "no hint: {stderr}");
    stderr
}

#[test]
fn a_quota_count_past_32_bits_is_refused_not_wrapped_to_no_places() {
    let f = Fixture::registered();
    f.edit_settings("county = { count = 3 }", "county = { count = 4294967296 }");
    let units = example("units.csv");
    let stderr = refused(&f, &["units", "import", units.to_str().unwrap()]);
    let (line, column) = place_in_settings(&f, "4294967296");
    assert!(
        stderr.contains(&format!(
            "campaign/campaign.toml:{line}:{column}: shortlist.quota.county.count: 4294967296 is not a plausible number of places (1-1000)"
        )),
        "{stderr}"
    );
}

#[test]
fn a_notice_period_of_billions_of_days_is_refused() {
    let f = Fixture::initialized();
    f.edit_settings("min_working_days = 5", "min_working_days = 99999999999");
    let stderr = refused(&f, &["status"]);
    assert!(
        stderr.contains("publicity.min_working_days: 99999999999 is not a plausible length of a public notice in working days (5-60)"),
        "{stderr}"
    );
}

/// Every CSV importer, as (subcommand, a valid file's header and first row).
const IMPORTERS: [(&[&str], &str, &str); 4] = [
    (
        &["units", "import"],
        "code,name,category,party_head,government_head",
        "C01,东湖区,county,陈志远,高建华",
    ),
    (
        &["inspect", "import-assessment"],
        "unit_code,year,grade,score,remarks",
        "C01,2026,优秀,94.2,招商引资成效突出",
    ),
    (
        &["inspect", "import-votes"],
        "单位代码,测评主体,政治强,能力强,活力强,合力强,作风硬",
        "C01,上级领导,优秀,优秀,较好,优秀,优秀",
    ),
    (&["inspectors", "import"], "name,home_unit", "郭文彬,D02"),
];

/// Imports `bytes` with each importer whose header and row `file` makes into a file; asserts
/// each is refused, unchanged, and that stderr has every one of `expected`.
fn refused_by_every_importer(
    f: &Fixture,
    file: impl Fn(&str, &str) -> Vec<u8>,
    expected: impl Fn(&str) -> Vec<String>,
) {
    for (command, header, row) in IMPORTERS {
        let name = format!("inputs/{}.csv", command[command.len() - 1]);
        f.write_bytes(&name, &file(header, row));
        let mut args = command.to_vec();
        args.push(&name);
        let stderr = refused(f, &args);
        for line in expected(&name) {
            assert!(stderr.contains(&line), "{args:?}: no `{line}` in\n{stderr}");
        }
    }
}

#[test]
fn a_row_shorter_than_the_header_is_refused_by_every_importer() {
    let f = Fixture::registered();
    refused_by_every_importer(
        &f,
        |header, row| {
            let short = row.rsplit_once(',').unwrap().0;
            format!("{header}\n{row}\n{short}\n").into_bytes()
        },
        |name| vec![format!("{name}:3: row: ")],
    );
}

#[test]
fn a_quote_never_closed_is_refused_by_every_importer() {
    let f = Fixture::registered();
    refused_by_every_importer(
        &f,
        |header, row| {
            let (first, rest) = row.split_once(',').unwrap();
            format!("{header}\n{row}\n{first},\"{rest}\n{row}\n").into_bytes()
        },
        |name| vec![format!("{name}:3"), "closing `\"` is missing".into()],
    );
}

#[test]
fn a_utf8_file_with_a_gbk_row_is_refused_by_every_importer_naming_that_line() {
    let f = Fixture::registered();
    refused_by_every_importer(
        &f,
        |header, row| {
            let (gbk, _, _) = encoding_rs::GB18030.encode(row);
            [format!("{header}\n{row}\n").as_bytes(), &gbk, b"\n"].concat()
        },
        |name| {
            vec![
                format!("`{name}` mixes encodings: it is UTF-8 text, but line 3 is not"),
                format!("{name}:3: the first line that is not UTF-8"),
            ]
        },
    );
}

#[test]
fn control_characters_in_a_cell_are_refused_by_every_importer() {
    let f = Fixture::registered();
    refused_by_every_importer(
        &f,
        |header, row| {
            let (first, rest) = row.split_once(',').unwrap();
            format!("{header}\n{first},\u{1b}[31m{rest}\n").into_bytes()
        },
        |name| vec![format!("{name}:2: "), ": control character U+001B".into()],
    );
}

#[test]
fn a_misspelt_column_is_refused_with_a_suggestion_by_every_importer() {
    let f = Fixture::registered();
    refused_by_every_importer(
        &f,
        |header, row| {
            let (first, rest) = header.split_once(',').unwrap();
            let misspelt: String = {
                let mut chars: Vec<char> = first.chars().collect();
                chars.swap(0, 1);
                chars.into_iter().collect()
            };
            format!("{misspelt},{rest}\n{row}\n").into_bytes()
        },
        |name| vec![format!("{name}:1: "), "did you mean `".into()],
    );
}

#[test]
fn a_chinese_header_one_character_off_is_refused_with_a_suggestion() {
    let f = Fixture::registered();
    let file = f.write(
        "inputs/annual.csv",
        "单位代码,年度,考核等次,得份\nC01,2026,优秀,94.2\n",
    );
    let stderr = refused(&f, &["inspect", "import-assessment", file]);
    assert!(
        stderr.contains("inputs/annual.csv:1: 得份: unknown column `得份`: did you mean `得分`?"),
        "{stderr}"
    );
}

#[test]
fn columns_an_import_does_not_use_are_named_in_a_warning() {
    let f = Fixture::registered();
    let file = f.write(
        "inputs/annual.csv",
        "序号,unit_code,单位名称,year,grade\n1,C01,东湖区,2026,优秀\n",
    );
    f.banzi(&["inspect", "import-assessment", file])
        .success()
        .stderr(predicates::str::contains(
            "warning: `inputs/annual.csv` has column(s) banzi does not use, and they were not imported: `序号`, `单位名称`",
        ));
    let file = f.write(
        "inputs/votes.csv",
        "序号,单位代码,测评主体,政治强,能力强,活力强,合力强,作风硬\n1,C01,上级领导,优秀,优秀,较好,优秀,优秀\n",
    );
    f.banzi(&["inspect", "import-votes", file])
        .success()
        .stderr(predicates::str::contains(
            "warning: `inputs/votes.csv` has column(s) banzi does not use, and they were not imported: `序号`",
        ));
}

#[test]
fn a_gb18030_file_still_imports() {
    let f = Fixture::registered();
    let (gb, _, _) = encoding_rs::GB18030.encode("name,home_unit\n郭文彬,D02\n沈佳琪,\n");
    let file = f.write_bytes("inputs/inspectors.csv", &gb);
    f.banzi(&["inspectors", "import", file])
        .success()
        .stderr(predicates::str::contains("(GB18030): 2 inspectors"));
}

#[test]
fn an_escaped_control_character_in_any_toml_input_is_refused_with_its_key() {
    let f = Fixture::registered();
    f.submit_plan("C01");
    f.submit_self_assessment("C01");
    let plan = f.write(
        "inputs/C02.toml",
        &edited_example("plans/C02.toml", "owner = \"", "owner = \"\\u001b[31m"),
    );
    let stderr = refused(&f, &["plan", "submit", "C02", plan]);
    assert!(
        stderr.contains(": indicator.owner: control character U+001B"),
        "{stderr}"
    );
    f.submit_plan("C02");
    let self_assessment = f.write(
        "inputs/sa-C02.toml",
        &edited_example(
            "self-assessments/C02.toml",
            "actual = \"",
            "actual = \"\\u0000",
        ),
    );
    let stderr = refused(&f, &["self-assess", "submit", "C02", self_assessment]);
    assert!(
        stderr.contains(": indicator.actual: control character U+0000"),
        "{stderr}"
    );
    let record = f.write(
        "inputs/talk.toml",
        "unit = \"C01\"\nmethod = \"talk\"\ndate = 2026-11-05\ninspectors = [\"赵\\b六\"]\n\
         findings = \"考察情况\"\n[ratings]\npolitical = 90\ncapability = 90\n\
         vitality = 90\ncohesion = 90\nconduct = 90\n",
    );
    let stderr = refused(&f, &["inspect", "record", "C01", record]);
    assert!(
        stderr.contains("inputs/talk.toml:4:15: inspectors: control character U+0008"),
        "{stderr}"
    );
    f.edit_settings("organizer = \"", "organizer = \"\\u0007");
    let (line, column) = place_in_settings(&f, "\"\\u0007");
    let stderr = refused(&f, &["status"]);
    assert!(
        stderr.contains(&format!(
            "campaign/campaign.toml:{line}:{column}: campaign.organizer: control character U+0007"
        )),
        "{stderr}"
    );
}

#[test]
fn a_folder_import_refuses_files_it_would_skip_for_their_names() {
    let f = Fixture::registered();
    let plan = |unit: &str| example_text(&format!("plans/{unit}.toml"));
    f.write("inputs/plans/C01.toml", &plan("C01"));
    f.write("inputs/plans/C03.TOML", &plan("C03"));
    f.write("inputs/plans/C04.toml ", &plan("C04"));
    f.write("inputs/plans/~$C01.toml", "locked by WPS");
    f.write("inputs/plans/.~C01.toml", "locked by Excel");
    f.write("inputs/plans/notes.txt", "说明");
    let folder = f.root().join("inputs/plans");
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt as _;
        let name = std::ffi::OsStr::from_bytes(b"C05\xFF.toml");
        std::fs::write(folder.join(name), plan("C05")).unwrap();
    }
    let stderr = refused(&f, &["plan", "import", "inputs/plans"]);
    let mut expected = vec![
        "inputs/plans/C03.TOML: rename it to `C03.toml`",
        "inputs/plans/C04.toml : rename it to `C04.toml`",
    ];
    if cfg!(unix) {
        expected.push("inputs/plans/C05\u{FFFD}.toml: its name is not UTF-8 text: rename it");
    }
    for line in expected {
        assert!(stderr.contains(line), "no `{line}` in\n{stderr}");
    }
    assert!(
        !stderr.contains("~"),
        "lock files are not mentioned: {stderr}"
    );

    for name in ["C03.TOML", "C04.toml "] {
        std::fs::remove_file(folder.join(name)).unwrap();
    }
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt as _;
        std::fs::remove_file(folder.join(std::ffi::OsStr::from_bytes(b"C05\xFF.toml"))).unwrap();
    }
    let assert = f.banzi(&["plan", "import", "inputs/plans"]).success();
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.contains(
            "warning: `inputs/plans` has file(s) that are not submissions (.toml) and were not read: `notes.txt`"
        ),
        "{stderr}"
    );
    assert!(
        !stderr.contains("~"),
        "lock files are not mentioned: {stderr}"
    );
    assert_eq!(f.steps("C01").0, "done");
}

/// Imports `bytes` as the unit register in Chinese; asserts it is refused, unchanged, with a
/// hint and no English word left, and with each of `expected`; and that `--json` prints the same
/// in either language.
fn units_refused_in_chinese(f: &Fixture, bytes: &[u8], expected: &[&str]) -> String {
    let file = f.write_bytes("inputs/units.csv", bytes);
    let stderr = f.fails_unchanged(&["--lang", "zh-CN", "units", "import", file], INVALID);
    assert!(stderr.contains("\n提示："), "no hint: {stderr}");
    assert_eq!(
        english_left(&said(&stderr)),
        Vec::<String>::new(),
        "{stderr}"
    );
    for text in expected {
        assert!(stderr.contains(text), "no `{text}` in\n{stderr}");
    }
    let json = |lang: &str| {
        f.command(&["--lang", lang, "units", "import", file, "--json"])
            .output()
            .unwrap()
    };
    let (zh, en) = (json("zh-CN"), json("en"));
    assert_eq!(zh.status.code(), en.status.code());
    assert_eq!(zh.stdout, en.stdout);
    stderr
}

const UNITS_HEADER: &str = "code,name,category,party_head,government_head";
const UNITS_ROW: &str = "C01,东湖区,county,陈志远,高建华";

#[test]
fn a_broken_csv_is_refused_in_chinese() {
    let f = Fixture::initialized();
    units_refused_in_chinese(
        &f,
        format!("{UNITS_HEADER}\n{UNITS_ROW}\nC02,临溪县\n").as_bytes(),
        &[
            "错误：`inputs/units.csv` 无法导入",
            "inputs/units.csv:3: 整行：本行有 2 个单元格，但表头有 5 列",
            "提示：请改正上面列出的行，再重新导入该文件；本次没有导入任何内容",
        ],
    );
    units_refused_in_chinese(
        &f,
        format!("{UNITS_HEADER}\nC01,\"东湖区,county,陈志远,高建华\n").as_bytes(),
        &["inputs/units.csv:2:5: 此处有一个以引号开头的单元格，缺少结尾的 `\"`"],
    );
    units_refused_in_chinese(
        &f,
        format!("{UNITS_HEADER}\nC01,东\u{7}湖区,county,陈志远,高建华\n").as_bytes(),
        &["inputs/units.csv:2: `name` 列：文字中有控制字符 U+0007；"],
    );
}

#[test]
fn a_misspelt_or_missing_header_is_refused_in_chinese() {
    let f = Fixture::initialized();
    units_refused_in_chinese(
        &f,
        format!("cdoe,name,category,party_head,government_head\n{UNITS_ROW}\n").as_bytes(),
        &[
            "inputs/units.csv:1: `cdoe` 列：不认识的列 `cdoe`：是不是想写 `code`？",
            "inputs/units.csv:1: 表头：缺少列 `code`（可用的表头：`code`、",
        ],
    );
    units_refused_in_chinese(
        &f,
        format!("code,code,name,category,party_head,government_head\nC01,{UNITS_ROW}\n").as_bytes(),
        &["inputs/units.csv:1: `code` 列：列 `code` 出现了两次"],
    );
}

#[test]
fn a_file_in_an_encoding_banzi_does_not_read_is_refused_in_chinese() {
    let f = Fixture::initialized();
    let (gbk, _, _) = encoding_rs::GB18030.encode("C02,临溪县,county,周德明,王海涛\n");
    let mixed = [
        format!("{UNITS_HEADER}\n{UNITS_ROW}\n").as_bytes(),
        gbk.as_ref(),
    ]
    .concat();
    units_refused_in_chinese(
        &f,
        &mixed,
        &[
            "错误：`inputs/units.csv` 混用了多种编码：文件是 UTF-8 文本，但第 3 行不是",
            "inputs/units.csv:3: 第一个不是 UTF-8 的行",
            "提示：重新输入该行的文字，把整个文件另存为 UTF-8",
        ],
    );
    units_refused_in_chinese(
        &f,
        b"\xFF\xFEc\x00o\x00",
        &["`inputs/units.csv` 是 UTF-16 文本，banzi 不读取这种编码"],
    );
    units_refused_in_chinese(
        &f,
        b"code\n\x81\x20\n",
        &["既不是 UTF-8 也不是 GB18030 文本（第一个无法识别的字节在第 2 行）"],
    );
}

#[test]
fn a_file_that_cannot_be_read_is_refused_in_chinese_with_the_systems_words_quoted() {
    let f = Fixture::initialized();
    let stderr = f.fails_unchanged(
        &["--lang", "zh-CN", "units", "import", "inputs/none.csv"],
        INVALID,
    );
    let first = stderr.lines().next().unwrap();
    assert!(
        first.starts_with("错误：无法读取 `inputs/none.csv`：文件或文件夹不存在（`"),
        "{stderr}"
    );
    assert_eq!(english_left(first), Vec::<String>::new(), "{stderr}");
    let stderr = f.fails_unchanged(&["units", "import", "inputs/none.csv"], INVALID);
    assert!(
        stderr.starts_with("error: cannot read `inputs/none.csv`: No such file"),
        "{stderr}"
    );
}
