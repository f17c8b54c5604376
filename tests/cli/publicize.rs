//! `banzi publicize`: the public notice (公示) of the preliminary list — its period in working
//! days, the freeze it puts on the list, opinions and their reporters' confidentiality, the
//! disqualification a substantiated report can lead to, and closing it.

use assert_cmd::assert::Assert;
use serde_json::{Value, json};

use crate::fixture::*;
use banzi::steps::Step;

/// The example city with its list drawn (C01, C03, C05, D01, M02 included) and its notice open
/// from NOW, Tuesday 2026-11-24, for five working days: to Monday 2026-11-30.
fn published() -> Fixture {
    Fixture::example().through(Step::Publicize)
}

/// The last day of [`published`]'s period.
const END: &str = "2026-11-30";
/// The first day after it, when it can be closed.
const AFTER_END: &str = "2026-12-01";

/// banzi run with the clock on `date`, 09:30 in Beijing.
fn on(f: &Fixture, date: &str, args: &[&str]) -> Assert {
    f.command(args)
        .env("BANZI_NOW", format!("{date}T09:30:00+08:00"))
        .assert()
}

/// The `--json` stdout of a successful run with the clock on `date`.
fn json_on(f: &Fixture, date: &str, args: &[&str]) -> Value {
    let out = on(f, date, &[args, &["--json"]].concat()).success();
    serde_json::from_slice(&out.get_output().stdout).unwrap()
}

fn stderr_text(assert: &Assert) -> String {
    String::from_utf8(assert.get_output().stderr.clone()).unwrap()
}

/// `publicize show --json`.
fn show(f: &Fixture) -> Value {
    f.json(&["publicize", "show"])
}

/// `publicize feedback list --json`.
fn opinions(f: &Fixture) -> Vec<Value> {
    f.json(&["publicize", "feedback", "list"])
        .as_array()
        .unwrap()
        .clone()
}

/// The journal's last entry.
fn last_entry(f: &Fixture) -> Value {
    f.log().pop().unwrap()
}

/// Makes the key that protects reporters, written to `keys/NAME` outside the campaign; gives
/// the path as typed.
fn keygen(f: &Fixture, name: &str, replace: bool) -> String {
    std::fs::create_dir_all(f.root().join("keys")).unwrap();
    let out = format!("keys/{name}");
    let mut args = vec!["publicize", "keygen", "--out", out.as_str()];
    if replace {
        args.push("--replace");
    }
    f.banzi(&args).success();
    out
}

/// An anonymous opinion on `unit`, received today.
fn add_anonymous(f: &Fixture, unit: &str, summary: &str) {
    f.banzi(&[
        "publicize",
        "feedback",
        "add",
        "--unit",
        unit,
        "--channel",
        "phone",
        "--summary",
        summary,
        "--anonymous",
    ])
    .success();
}

/// Whether `needle` occurs anywhere in `haystack`.
fn holds(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// `text` as Excel and WPS save a CSV on Chinese Windows.
fn gb18030(text: &str) -> Vec<u8> {
    encoding_rs::GB18030.encode(text).0.into_owned()
}

// ---------------------------------------------------------------------------------------------
// The period, in working days.

#[test]
fn a_five_day_notice_from_a_tuesday_skips_the_weekend_and_shows_its_end() {
    let f = Fixture::drawn();
    let opened = f.json(&["publicize", "open", "--contact", CONTACT]);
    assert_eq!(opened["start"], "2026-11-24");
    assert_eq!(opened["end"], END, "Tue to Fri, then Monday");
    let shown = show(&f);
    assert_eq!(
        shown,
        json!({
            "state": "open",
            "number": 1,
            "version": 1,
            "start": "2026-11-24",
            "end": END,
            "working_days": 5,
            "contact": CONTACT,
            "stale": false,
            "opinions": {"open": 0, "verifying": 0, "substantiated": 0, "unsubstantiated": 0, "late": 0},
            "ruled_out": [],
            "closed_on": null,
        })
    );
}

#[test]
fn a_notice_across_national_day_skips_the_holiday_and_counts_its_make_up_saturday() {
    let f = Fixture::drawn();
    let six = f.copy();
    // Mon Sep 28, 29, 30; Oct 1-7 are 国庆节; then Thu Oct 8 and Fri Oct 9.
    let five = f.json(&[
        "publicize",
        "open",
        "--start",
        "2026-09-28",
        "--contact",
        CONTACT,
    ]);
    assert_eq!(five["end"], "2026-10-09");
    assert_eq!(show(&f)["end"], "2026-10-09");
    // Saturday Oct 10 is a make-up working day (调休): the sixth day, not the next Monday.
    let six = six.json(&[
        "publicize",
        "open",
        "--start",
        "2026-09-28",
        "--days",
        "6",
        "--contact",
        CONTACT,
    ]);
    assert_eq!(six["end"], "2026-10-10");
    assert_eq!(six["working_days"], 6);
}

#[test]
fn a_notice_starting_on_a_day_off_is_refused_naming_the_next_working_day() {
    let f = Fixture::drawn();
    let stderr = f.fails_unchanged(
        &[
            "publicize",
            "open",
            "--start",
            "2026-11-28",
            "--contact",
            CONTACT,
        ],
        INVALID,
    );
    assert!(
        stderr.contains("`2026-11-28` is a Saturday, not a working day"),
        "{stderr}"
    );
    assert!(
        stderr.contains("hint: the next working day is `2026-11-30`"),
        "{stderr}"
    );
    let stderr = f.fails_unchanged(
        &[
            "publicize",
            "open",
            "--start",
            "2026-10-01",
            "--contact",
            CONTACT,
        ],
        INVALID,
    );
    assert!(stderr.contains("国庆节"), "{stderr}");
    assert!(stderr.contains("`2026-10-08`"), "{stderr}");
}

#[test]
fn a_start_on_a_day_off_is_not_told_to_edit_the_calendar() {
    let f = Fixture::drawn();
    let stderr = f.fails_unchanged(
        &[
            "publicize",
            "open",
            "--start",
            "2026-11-28",
            "--contact",
            CONTACT,
        ],
        INVALID,
    );
    // The calendar covers the date; the only fix is another start.
    assert!(!stderr.contains("verify --accept"), "{stderr}");
    assert!(!stderr.contains("add them at the end"), "{stderr}");
}

#[test]
fn a_notice_reaching_a_year_the_calendar_lacks_is_refused_with_the_lines_to_add() {
    let f = Fixture::drawn();
    let open = [
        "publicize",
        "open",
        "--start",
        "2026-12-28",
        "--contact",
        CONTACT,
    ];
    let before = f.snapshot_dir();
    // Mon Dec 28, 29, 30, 31, then 2027, whose holidays the campaign's calendar does not hold.
    let stderr = stderr_text(&on(&f, "2026-12-28", &open).code(INVALID));
    assert_same_dir(&before, &f.snapshot_dir());
    assert!(stderr.contains("no holidays for 2027"), "{stderr}");
    assert!(stderr.contains("`2027-01-01`"), "{stderr}");
    assert!(stderr.contains("[2027]\nsource = "), "{stderr}");
    assert!(stderr.contains("holidays = [") && stderr.contains("workdays = ["));
    assert!(
        stderr.contains("banzi verify --accept calendar.toml"),
        "{stderr}"
    );

    // Doing what the hint says opens the notice: 2027-01-01 is 元旦, so Monday Jan 4 is the fifth.
    let path = f.campaign().join("calendar.toml");
    let mut calendar = std::fs::read_to_string(&path).unwrap();
    calendar.push_str(
        "\n[2027]\nsource = \"国务院办公厅关于2027年部分节假日安排的通知\"\n\
         holidays = [{ name = \"元旦\", from = 2027-01-01 }]\n",
    );
    std::fs::write(&path, calendar).unwrap();
    on(
        &f,
        "2026-12-28",
        &[
            "verify",
            "--accept",
            "calendar.toml",
            "--reason",
            "补录2027年节假日安排",
        ],
    )
    .success();
    let opened = json_on(&f, "2026-12-28", &open);
    assert_eq!(opened["end"], "2027-01-04");
}

#[test]
fn a_notice_shorter_than_the_campaigns_minimum_is_refused() {
    let f = Fixture::drawn();
    let stderr = f.fails_unchanged(
        &["publicize", "open", "--days", "4", "--contact", CONTACT],
        INVALID,
    );
    assert!(
        stderr.contains("a notice of 4 working days is too short: the campaign's minimum is 5"),
        "{stderr}"
    );
    assert!(stderr.contains("`--days 5`"), "{stderr}");
}

// ---------------------------------------------------------------------------------------------
// Opening, and the freeze.

#[test]
fn a_notice_needs_a_current_list_and_only_one_is_open_at_a_time() {
    let open = ["publicize", "open", "--contact", CONTACT];

    let f = Fixture::inspected();
    let stderr = f.fails_unchanged(&open, STEP_ORDER);
    assert!(
        stderr.contains("there is no preliminary list to publish yet"),
        "{stderr}"
    );
    assert!(stderr.contains("banzi shortlist"), "{stderr}");

    let f = Fixture::drawn();
    f.banzi(&["withdraw", "C02", "--reason", "机构改革撤并"])
        .success();
    let stderr = f.fails_unchanged(&open, STEP_ORDER);
    assert!(
        stderr.contains("version 1 of the preliminary list is stale"),
        "{stderr}"
    );
    assert!(
        stderr.contains("draw the list again first with `banzi shortlist`"),
        "{stderr}"
    );

    let f = published();
    let stderr = f.fails_unchanged(&open, STEP_ORDER);
    assert!(
        stderr.contains("public notice #1 is open (2026-11-24 to 2026-11-30)"),
        "{stderr}"
    );
}

#[test]
fn an_open_notice_freezes_the_list_and_everything_it_rests_on() {
    let f = published();
    let opened = last_entry(&f)["seq"].as_u64().unwrap();
    let frozen = |args: &[&str], path: &str| {
        let stderr = f.fails_unchanged(args, STEP_ORDER);
        assert!(
            stderr.contains(&format!(
                "the public notice (公示) opened in journal entry #{opened} freezes `{path}`"
            )),
            "{args:?}: {stderr}"
        );
        assert!(
            stderr.contains("banzi reopen publicize --reason"),
            "{args:?}: {stderr}"
        );
    };
    frozen(
        &[
            "shortlist",
            "adjust",
            "C02",
            "--include",
            "--reason",
            "市委研究决定",
        ],
        "shortlist/overrides.csv",
    );
    frozen(
        &["reopen", "plan", "--unit", "C01", "--reason", "指标调整"],
        "plans/C01.toml",
    );
    // A withdrawal or a veto is a ruling, made at any step: allowed, and it leaves the list
    // stale; drawing the list again is what the freeze refuses.
    f.banzi(&["withdraw", "C02", "--reason", "机构改革撤并"])
        .success();
    f.banzi(&["veto", "C03", "--reason", "发生重大安全生产责任事故"])
        .success();
    frozen(&["shortlist"], "shortlist/versions.csv");
}

#[test]
fn a_disqualification_is_not_frozen_and_a_reopened_notice_lets_the_list_be_redrawn() {
    let f = published();
    f.banzi(&[
        "disqualify",
        "C03",
        "--reason",
        "自评材料弄虚作假",
        "--evidence",
        "干部监督科核查报告",
    ])
    .success();
    f.banzi(&["reopen", "publicize", "--reason", "名单需更正"])
        .success();
    let entry = last_entry(&f);
    assert_eq!(entry["reason"], "名单需更正");
    assert_eq!(entry["summary"], "public notice #1 reopened (it was open)");
    // What was frozen no longer is.
    f.banzi(&["withdraw", "M02", "--reason", "机构改革撤并"])
        .success();
    f.banzi(&["shortlist"]).success();
    let opened = f.json(&["publicize", "open", "--contact", CONTACT]);
    assert_eq!(opened["number"], 2);
    assert_eq!(opened["version"], 2);
    let notice = f.stdout(&["publicize", "notice"]);
    assert!(!notice.contains("青川市云岭县"), "C03 is out:\n{notice}");
    assert!(!notice.contains("市教育局"), "M02 is out:\n{notice}");
    assert!(notice.contains("青川市东湖区"), "{notice}");
}

// ---------------------------------------------------------------------------------------------
// Importing opinions.

#[test]
fn an_import_reports_every_bad_row_with_its_place_and_imports_nothing() {
    let f = published();
    let file = f.write(
        "inputs/opinions.csv",
        "received,channel,unit_code,summary,anonymous\n\
         2026-11-24,phone,C01,反映正常,true\n\
         2026-11-24,fax,C01,渠道不对,true\n\
         2026-11-24,phone,C02,单位不在名单上,true\n\
         2026-13-45,letter,C03,日期不对,true\n\
         2026-11-24,email,C05,匿名填错,maybe\n",
    );
    let stderr = f.fails_unchanged(&["publicize", "feedback", "import", file], INVALID);
    assert!(
        stderr.contains("`inputs/opinions.csv` has 4 problem(s); no opinion was imported"),
        "{stderr}"
    );
    let expected = [
        "inputs/opinions.csv:3: channel: unknown channel `fax`",
        "inputs/opinions.csv:4: unit_code: unit `C02` is not on version 1 of the preliminary list as published (it lists C01, C03, C05, D01, M02)",
        "inputs/opinions.csv:5: received: `2026-13-45` is not a date",
        "inputs/opinions.csv:6: anonymous: `maybe` is neither true/false nor 是/否",
    ];
    for line in expected {
        assert!(stderr.contains(line), "missing {line:?} in:\n{stderr}");
    }
    assert!(
        !stderr.contains("opinions.csv:2:"),
        "row 2 is good: {stderr}"
    );
    assert!(opinions(&f).is_empty());
}

#[test]
fn an_import_reads_chinese_headers_with_a_bom_and_crlf() {
    let f = published();
    let text = "\u{feff}收到日期,渠道,单位代码,内容摘要,是否匿名,反映人,联系方式\r\n\
                2026-11-24,电话,C01,反映东湖区台账不实,是,,\r\n\
                2026年11月24日,来信,M02,反映市教育局作风问题,是,,\r\n";
    let file = f.write("inputs/意见.csv", text);
    f.banzi(&["publicize", "feedback", "import", file])
        .success();
    let got = opinions(&f);
    assert_eq!(got.len(), 2);
    assert_eq!(
        (&got[0]["id"], &got[0]["channel"], &got[0]["unit"]),
        (&json!("F1"), &json!("phone"), &json!("C01"))
    );
    assert_eq!(got[0]["summary"], "反映东湖区台账不实");
    assert_eq!(got[1]["channel"], "letter");
    assert_eq!(got[1]["received"], "2026-11-24");
    assert_eq!(got[1]["anonymous"], true);
    assert_eq!(show(&f)["opinions"]["open"], 2);
}

#[test]
fn an_import_reads_a_gb18030_file_as_excel_saves_it() {
    let f = published();
    let text = "收到日期,渠道,单位代码,内容摘要,是否匿名\r\n\
                2026-11-24,网络,D01,反映市委办公室会风问题,是\r\n";
    let bytes = gb18030(text);
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "the file is not UTF-8"
    );
    let file = f.write_bytes("inputs/gb.csv", &bytes);
    f.banzi(&["publicize", "feedback", "import", file])
        .success();
    let got = opinions(&f);
    assert_eq!(got.len(), 1);
    assert_eq!(got[0]["summary"], "反映市委办公室会风问题");
    assert_eq!(got[0]["channel"], "online");
    assert_eq!(got[0]["unit"], "D01");
}

#[test]
fn importing_the_same_file_twice_does_not_enter_its_opinions_twice() {
    let f = published();
    let file = f.write(
        "inputs/opinions.csv",
        "received,channel,unit_code,summary,anonymous\n\
         2026-11-24,phone,C01,反映一,true\n\
         2026-11-24,letter,M02,反映二,true\n",
    );
    f.banzi(&["publicize", "feedback", "import", file])
        .success();
    // A second import of the very same bytes is a slip, refused or entering nothing.
    let _ = f.banzi(&["publicize", "feedback", "import", file]);
    assert_eq!(opinions(&f).len(), 2);
}

// ---------------------------------------------------------------------------------------------
// Reporters' confidentiality.

const REPORTER: &str = "王某某";
const REPORTER_CONTACT: &str = "13912345678";

/// Which of the reporter's name (UTF-8 or GB18030) and contact `bytes` hold.
fn reporter_in(bytes: &[u8]) -> Vec<&'static str> {
    let mut found = Vec::new();
    if holds(bytes, REPORTER.as_bytes()) {
        found.push("name (UTF-8)");
    }
    if holds(bytes, &gb18030(REPORTER)) {
        found.push("name (GB18030)");
    }
    if holds(bytes, REPORTER_CONTACT.as_bytes()) {
        found.push("contact");
    }
    found
}

/// A published campaign with a key and two signed opinions on C01: F1 typed, F2 imported from
/// a GB18030 file; gives the identity's path.
fn with_signed_opinions() -> (Fixture, String) {
    let f = published();
    let key = keygen(&f, "reporters.key", false);
    f.banzi(&[
        "publicize",
        "feedback",
        "add",
        "--unit",
        "C01",
        "--channel",
        "letter",
        "--summary",
        "反映东湖区自评材料不实",
        "--reporter",
        REPORTER,
        &format!("--reporter-contact={REPORTER_CONTACT}"),
    ])
    .success();
    let file = f.write_bytes(
        "inputs/signed.csv",
        &gb18030(&format!(
            "收到日期,渠道,单位代码,内容摘要,是否匿名,反映人,联系方式\r\n\
             2026-11-24,来访,C03,反映云岭县考核数据造假,否,{REPORTER},{REPORTER_CONTACT}\r\n"
        )),
    );
    f.banzi(&["publicize", "feedback", "import", file])
        .success();
    (f, key)
}

#[test]
fn a_signed_reporter_is_in_no_file_of_the_campaign_and_in_no_json() {
    let (f, _) = with_signed_opinions();
    // Every file, hidden ones too: whatever is in the folder travels with a copy or an archive.
    let files = f.snapshot_dir();
    assert!(files.contains_key("journal.toml") && files.contains_key("index.csv"));
    assert!(files.contains_key("publicity/opinions.csv"));
    for (path, bytes) in &files {
        let found = reporter_in(bytes);
        assert!(found.is_empty(), "{path} holds the reporter's {found:?}");
    }

    let both: Vec<Value> = opinions(&f);
    assert_eq!(both.len(), 2);
    for opinion in &both {
        assert_eq!(opinion["anonymous"], false);
        assert!(opinion.get("reporter").is_none(), "{opinion}");
    }
    for args in [
        &["log", "--json"][..],
        &["publicize", "feedback", "list", "--json"],
        &["publicize", "feedback", "show", "F1", "--json"],
        &["publicize", "feedback", "show", "F2", "--json"],
        &["publicize", "feedback", "list"],
        &["log"],
    ] {
        let out = f.banzi(args).success();
        let found = reporter_in(&out.get_output().stdout);
        assert!(found.is_empty(), "{args:?} shows the reporter's {found:?}");
    }
    let typed = f
        .log()
        .into_iter()
        .find(|e| e["summary"] == "opinion(s) F1 entered (0 late)")
        .unwrap();
    let command = typed["command"].as_str().unwrap();
    assert!(
        command.contains("--reporter '(redacted)'")
            && command.contains("'--reporter-contact=(redacted)'"),
        "{command}"
    );
}

/// `feedback show ID --reveal-reporter` with the identity `key`.
fn reveal<'a>(id: &'a str, key: &'a str) -> [&'a str; 9] {
    [
        "publicize",
        "feedback",
        "show",
        id,
        "--reveal-reporter",
        "--identity",
        key,
        "--reason",
        "核查需要",
    ]
}

#[test]
fn revealing_a_reporter_needs_the_identity_and_is_journaled_with_its_reason_only() {
    let (f, key) = with_signed_opinions();
    let out = f.stdout(&reveal("F1", &key));
    assert!(
        out.contains(&format!(
            "Reporter: {REPORTER}; contact: {REPORTER_CONTACT}"
        )),
        "{out}"
    );
    let entry = last_entry(&f);
    assert_eq!(entry["reason"], "核查需要");
    assert_eq!(entry["summary"], "reporter of opinion F1 revealed");
    assert_eq!(entry["operator"], OPERATOR);
    assert!(
        reporter_in(entry.to_string().as_bytes()).is_empty(),
        "{entry}"
    );
    for (path, bytes) in f.snapshot_dir() {
        assert!(reporter_in(&bytes).is_empty(), "{path} after the reveal");
    }

    // The imported one opens alike.
    let shown = f.json(&reveal("F2", &key));
    assert_eq!(shown["reporter"], REPORTER);
    assert_eq!(shown["reporter_contact"], REPORTER_CONTACT);

    // A second key needs `--replace`; what was sealed before opens with the old identity alone.
    f.fails_unchanged(&["publicize", "keygen", "--out", "keys/other.key"], INVALID);
    let other = keygen(&f, "other.key", true);
    let stderr = f.fails_unchanged(&reveal("F1", &other), INVALID);
    assert!(
        stderr.contains("this identity cannot open the reporter of opinion F1"),
        "{stderr}"
    );
    assert!(reporter_in(stderr.as_bytes()).is_empty(), "{stderr}");
    assert!(f.stdout(&reveal("F1", &key)).contains(REPORTER));
}

#[test]
fn the_identity_is_never_written_inside_the_campaign() {
    let f = published();
    let stderr = f.fails_unchanged(
        &["publicize", "keygen", "--out", "campaign/reporters.key"],
        INVALID,
    );
    assert!(stderr.contains("is inside the campaign"), "{stderr}");
    assert!(!f.campaign().join("reporters.key").exists());
    assert!(
        !f.read_text("campaign.toml")
            .lines()
            .any(|l| l.starts_with("recipient")),
        "no recipient is set"
    );
}

#[test]
fn a_signed_opinion_without_a_key_is_refused_naming_keygen() {
    let f = published();
    let stderr = f.fails_unchanged(
        &[
            "publicize",
            "feedback",
            "add",
            "--unit",
            "C01",
            "--channel",
            "phone",
            "--summary",
            "反映问题",
            "--reporter",
            REPORTER,
            "--reporter-contact",
            REPORTER_CONTACT,
        ],
        INVALID,
    );
    assert!(stderr.contains("banzi publicize keygen"), "{stderr}");
    assert!(reporter_in(stderr.as_bytes()).is_empty(), "{stderr}");

    let file = f.write(
        "inputs/signed.csv",
        &format!(
            "received,channel,unit_code,summary,anonymous,reporter,reporter_contact\n\
             2026-11-24,phone,C01,反映问题,false,{REPORTER},{REPORTER_CONTACT}\n"
        ),
    );
    let stderr = f.fails_unchanged(&["publicize", "feedback", "import", file], INVALID);
    assert!(stderr.contains("banzi publicize keygen"), "{stderr}");
    assert!(reporter_in(stderr.as_bytes()).is_empty(), "{stderr}");
}

// ---------------------------------------------------------------------------------------------
// Discipline: a substantiated report, and disqualification.

/// C03's entry in `status --json`.
fn c03_status(f: &Fixture) -> Value {
    f.status()["units"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["code"] == "C03")
        .unwrap()
        .clone()
}

#[test]
fn a_substantiated_report_disqualifies_its_unit_through_to_the_next_list() {
    let f = published();
    add_anonymous(&f, "C03", "反映云岭县自评材料弄虚作假");
    f.banzi(&["publicize", "investigate", "F1", "--by", "干部监督科"])
        .success();
    let resolved = f
        .banzi(&[
            "publicize",
            "resolve",
            "F1",
            "--finding",
            "substantiated",
            "--note",
            "经核查，自评材料存在虚报",
            "--by",
            "干部监督科",
        ])
        .success();
    assert!(
        stderr_text(&resolved).contains("banzi disqualify C03 --reason"),
        "the next step is named"
    );
    // 郑国华 is C03's Party secretary in examples/city/units.csv.
    let done = f
        .banzi(&[
            "disqualify",
            "C03",
            "--reason",
            "自评材料弄虚作假",
            "--evidence",
            "意见F1核查报告",
            "--accountable",
            "郑国华:诫勉谈话",
        ])
        .success();
    assert!(
        !stderr_text(&done).contains("warning"),
        "a head draws no warning"
    );
    let seq = last_entry(&f)["seq"].clone();

    let shown = show(&f);
    assert_eq!(shown["opinions"]["substantiated"], 1);
    assert_eq!(
        shown["ruled_out"],
        json!([{
            "unit": "C03",
            "why": format!("disqualified after publication (journal entry #{seq}): 自评材料弄虚作假"),
        }])
    );
    assert_eq!(
        c03_status(&f)["disqualification"],
        json!({
            "reason": "自评材料弄虚作假",
            "basis": "意见F1核查报告",
            "accountable": "郑国华:诫勉谈话",
            "operator": OPERATOR,
            "time": NOW,
            "seq": seq,
        })
    );

    on(&f, AFTER_END, &["publicize", "close"]).success();
    f.banzi(&[
        "reopen",
        "publicize",
        "--reason",
        "取消云岭县参评资格后重新提出名单",
    ])
    .success();
    f.banzi(&["shortlist"]).success();
    let list = f.json(&["shortlist", "show"]);
    assert_eq!(list["version"], 2);
    let c03 = list["units"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["unit"] == "C03")
        .unwrap();
    assert_eq!(c03["decision"], "disqualified", "{c03:#}");
}

#[test]
fn holding_someone_not_a_head_accountable_warns_and_a_disqualification_can_be_revoked() {
    let f = published();
    let out = f
        .banzi(&[
            "disqualify",
            "C03",
            "--reason",
            "自评材料弄虚作假",
            "--evidence",
            "核查报告",
            "--accountable",
            "郑国华:诫勉谈话",
            "--accountable",
            "张三:通报批评",
        ])
        .success();
    let stderr = stderr_text(&out);
    assert!(
        stderr.contains(
            "warning: 张三, held accountable, is not a head of unit `C03` in the register (郑国华、黄丽萍)"
        ),
        "{stderr}"
    );
    assert!(!stderr.contains("郑国华, held accountable"), "{stderr}");
    let made = last_entry(&f)["seq"].clone();
    assert_eq!(show(&f)["ruled_out"][0]["unit"], "C03");

    f.banzi(&[
        "disqualify",
        "C03",
        "--revoke",
        "--reason",
        "经复核，材料问题系统计口径差异",
    ])
    .success();
    let entry = last_entry(&f);
    assert_eq!(entry["reason"], "经复核，材料问题系统计口径差异");
    assert!(
        entry["summary"]
            .as_str()
            .unwrap()
            .contains(&format!("revoking journal entry #{made}")),
        "{entry}"
    );
    assert_eq!(show(&f)["ruled_out"], json!([]));
    assert_eq!(c03_status(&f)["disqualification"], json!(null));
}

// ---------------------------------------------------------------------------------------------
// Late opinions, and closing.

#[test]
fn an_opinion_received_after_the_period_is_accepted_and_marked_late() {
    let f = published();
    let add = |received: &str| {
        on(
            &f,
            "2026-12-02",
            &[
                "publicize",
                "feedback",
                "add",
                "--unit",
                "D01",
                "--channel",
                "信函",
                "--received",
                received,
                "--summary",
                "反映市委办公室作风问题",
                "--anonymous",
            ],
        )
        .success();
    };
    add(END);
    add(AFTER_END);
    let got = opinions(&f);
    assert_eq!(
        got.iter().map(|o| o["late"].clone()).collect::<Vec<_>>(),
        [json!(false), json!(true)],
        "only the one received after {END} is late"
    );
    let counts = &show(&f)["opinions"];
    assert_eq!((&counts["open"], &counts["late"]), (&json!(2), &json!(1)));
    assert_eq!(last_entry(&f)["summary"], "opinion(s) F2 entered (1 late)");
}

#[test]
fn a_notice_closes_only_after_its_period_and_once_every_opinion_is_resolved() {
    let f = published();
    add_anonymous(&f, "C01", "反映一");
    add_anonymous(&f, "M02", "反映二");
    f.banzi(&["publicize", "investigate", "F2", "--by", "干部监督科"])
        .success();

    let stderr = f.fails_unchanged(&["publicize", "close"], STEP_ORDER);
    for blocker in [
        "public notice #1 cannot be closed yet, for 3 reason(s)",
        "publicity/periods.csv: the period runs until 2026-11-30 (today is 2026-11-24)",
        "publicity/opinions.csv: opinion F1 is not resolved (open)",
        "publicity/opinions.csv: opinion F2 is not resolved (verifying)",
    ] {
        assert!(stderr.contains(blocker), "missing {blocker:?}:\n{stderr}");
    }

    // Past the period, the opinions alone hold it open.
    let before = f.snapshot_dir();
    let stderr = stderr_text(&on(&f, AFTER_END, &["publicize", "close"]).code(STEP_ORDER));
    assert_same_dir(&before, &f.snapshot_dir());
    assert!(stderr.contains("for 2 reason(s)"), "{stderr}");
    assert!(!stderr.contains("the period runs until"), "{stderr}");

    for id in ["F1", "F2"] {
        f.banzi(&[
            "publicize",
            "resolve",
            id,
            "--finding",
            "unsubstantiated",
            "--note",
            "查无实据",
            "--by",
            "干部监督科",
        ])
        .success();
    }
    let stderr = f.fails_unchanged(&["publicize", "close"], STEP_ORDER);
    assert!(stderr.contains("for 1 reason(s)"), "{stderr}");
    // `--today` serves records entered late: never a day the clock has not reached.
    f.fails_unchanged(&["publicize", "close", "--today", AFTER_END], USAGE);

    // Closed a day late, as of the day after the period.
    let closed = json_on(
        &f,
        "2026-12-02",
        &["publicize", "close", "--today", AFTER_END],
    );
    assert_eq!(closed["closed_on"], AFTER_END);
    let entry = last_entry(&f);
    assert_eq!(entry["today"], AFTER_END);
    assert_eq!(entry["time"], "2026-12-02T09:30:00+08:00");
    let shown = show(&f);
    assert_eq!(
        (&shown["state"], &shown["closed_on"]),
        (&json!("closed"), &json!(AFTER_END))
    );
    assert_eq!(shown["opinions"]["unsubstantiated"], 2);
}

#[test]
fn next_never_names_a_command_the_open_notice_refuses() {
    let f = published();
    // A hand edit of the rules the published list was drawn by; nothing refuses it.
    f.edit_settings("min_composite = 80.0", "min_composite = 90.0");
    let next = f.stdout(&["next"]);
    assert_eq!(next.trim(), "banzi reopen publicize --reason REASON");
    assert_eq!(f.status()["next"], "banzi reopen publicize --reason REASON");
    let said = f.stdout(&["status"]);
    assert!(said.contains("changed under it"), "{said}");
}

// ---------------------------------------------------------------------------------------------
// The notice itself.

#[test]
fn the_notice_of_the_example_city() {
    let f = published();
    let markdown = f.stdout(&["publicize", "notice"]);
    insta::assert_snapshot!("notice_example_city", f.without_head_hash(&markdown));

    let html = f.stdout(&["publicize", "notice", "--format", "html"]);
    assert!(
        html.contains("@page") && html.contains("size: A4"),
        "{html}"
    );
    for name in [
        "青川市东湖区",
        "青川市云岭县",
        "青川市北山县",
        "市委办公室",
        "市教育局",
    ] {
        assert!(html.contains(name), "{name} is on the list");
    }
    for name in ["青川市临溪县", "市委宣传部", "市财政局"] {
        assert!(!html.contains(name), "{name} is not on the list");
    }
    assert!(html.contains(CONTACT), "the contact is printed");
}
