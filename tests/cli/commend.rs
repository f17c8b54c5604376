//! `banzi commend`: step 6, the commendation (推荐、表彰): the final list proposed from the closed
//! notice less every unit ruled out since, its staleness, the committee's approval with a checked
//! document number (发文字号) and date (成文日期), and the documents published for people: the
//! decision, the list and the certificates, what they say, how they escape record text, and that
//! they print on A4.
//!
//! Most campaigns here are the example city's: its list (C01, C03, C05, D01, M02) published from
//! NOW and closed the day after the notice ended, 2026-12-01 ([`AFTER_NOTICE`]).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use assert_cmd::assert::Assert;
use banzi::steps::Step;
use serde_json::{Value, json};

use crate::fixture::*;

/// The decision number and date the tests approve with.
const DECISION_NO: &str = "市委〔2026〕12号";
const DATE: &str = "2026-12-20";
/// The day the fixture's notice is closed on.
const CLOSED_ON: &str = "2026-12-01";

/// The example city with its notice closed and its final list proposed.
fn proposed() -> Fixture {
    Fixture::example().through(Step::Commend)
}

/// [`proposed`], approved as 市委〔2026〕12号 of 2026-12-20.
fn approved() -> Fixture {
    let f = proposed();
    approve(&f);
    f
}

fn approve(f: &Fixture) {
    f.after_notice(&[
        "commend",
        "approve",
        "--decision-no",
        DECISION_NO,
        "--date",
        DATE,
    ])
    .success();
}

/// `commend publish --out DIR` and `extra` flags, run after the notice; gives the folder.
fn publish(f: &Fixture, dir: &str, extra: &[&str]) -> PathBuf {
    f.after_notice(&[&["commend", "publish", "--out", dir], extra].concat())
        .success();
    f.root().join(dir)
}

/// `commend show --json`.
fn show(f: &Fixture) -> Value {
    f.json(&["commend", "show"])
}

fn stderr_text(assert: &Assert) -> String {
    String::from_utf8(assert.get_output().stderr.clone()).unwrap()
}

/// The units of the final list, by code.
fn codes(shown: &Value) -> Vec<String> {
    shown["units"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["unit"].as_str().unwrap().to_owned())
        .collect()
}

/// The sequence number of the journal's last entry.
fn last_seq(f: &Fixture) -> u64 {
    f.log().pop().unwrap()["seq"].as_u64().unwrap()
}

fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name))
        .unwrap_or_else(|e| panic!("cannot read {name} in {}: {e}", dir.display()))
}

/// `text` with every journal entry's hash, as documents print it (its first 12 digits), as `HASH`:
/// the documents carry the head of the approval, which covers command lines naming this machine's
/// paths.
fn without_journal_hashes(f: &Fixture, text: &str) -> String {
    f.log().iter().fold(text.to_owned(), |text, entry| {
        text.replace(&entry["hash"].as_str().unwrap()[..12], "HASH")
    })
}

/// The cells of a CSV text, as a spreadsheet reads them: rows of cells, the header first.
fn csv_rows(text: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

/// The files every publication writes; `--certificates` adds 荣誉证书.html.
const DOCUMENTS: [&str; 5] = [
    "表彰决定.md",
    "表彰决定.html",
    "表彰名单.md",
    "表彰名单.html",
    "表彰名单.csv",
];

// ---------------------------------------------------------------------------------------------
// Refusals, in the order of the step.

#[test]
fn propose_while_the_notice_is_open_is_refused_naming_publicize_close() {
    let f = Fixture::example().through(Step::Publicize);
    let stderr = f.fails_unchanged(&["commend", "propose"], STEP_ORDER);
    assert!(
        stderr.contains("public notice #1 is not closed yet"),
        "{stderr}"
    );
    assert!(stderr.contains("`banzi publicize close`"), "{stderr}");
}

#[test]
fn propose_on_a_campaign_without_units_names_units_import() {
    let f = Fixture::initialized();
    let stderr = f.fails_unchanged(&["commend", "propose"], STEP_ORDER);
    assert!(stderr.contains("banzi units import"), "{stderr}");
}

#[test]
fn propose_before_any_notice_names_publicize_open() {
    let f = Fixture::drawn();
    let stderr = f.fails_unchanged(&["commend", "propose"], STEP_ORDER);
    assert!(
        stderr.contains("the preliminary list has not been publicized"),
        "{stderr}"
    );
    assert!(stderr.contains("banzi publicize open"), "{stderr}");
}

#[test]
fn approve_proposal_and_publish_before_propose_are_refused_naming_propose() {
    let f = Fixture::example().through(Step::Publicize);
    f.after_notice(&["publicize", "close"]).success();
    for args in [
        &[
            "commend",
            "approve",
            "--decision-no",
            DECISION_NO,
            "--date",
            DATE,
        ][..],
        &["commend", "proposal"],
        &["commend", "publish", "--out", "out"],
    ] {
        let stderr = f.fails_unchanged(args, STEP_ORDER);
        assert!(
            stderr.contains("the final list is not proposed yet"),
            "{args:?}: {stderr}"
        );
        assert!(stderr.contains("`banzi commend propose`"), "{stderr}");
    }
    assert!(!f.root().join("out").exists(), "no folder is made");
    assert_eq!(show(&f), json!({ "state": null }));
}

#[test]
fn publish_before_approve_is_refused_naming_approve_and_writes_nothing() {
    let f = proposed();
    let stderr = f.fails_unchanged(&["commend", "publish", "--out", "out"], STEP_ORDER);
    assert!(
        stderr.contains("the final list is not approved yet"),
        "{stderr}"
    );
    assert!(
        stderr.contains("banzi commend approve --decision-no"),
        "{stderr}"
    );
    assert!(!f.root().join("out").exists(), "no folder is made");
}

#[test]
fn approving_twice_is_refused_naming_the_first_approval() {
    let f = approved();
    let seq = last_seq(&f);
    let stderr = f.fails_unchanged(
        &[
            "commend",
            "approve",
            "--decision-no",
            "市委〔2026〕13号",
            "--date",
            DATE,
        ],
        STEP_ORDER,
    );
    assert!(
        stderr.contains(&format!(
            "the final list was approved in journal entry #{seq} ({DECISION_NO})"
        )),
        "{stderr}"
    );
    assert!(stderr.contains("`banzi commend show`"), "{stderr}");
    // Once published too, and proposing over the approval is refused alike.
    publish(&f, "out", &[]);
    f.fails_unchanged(
        &[
            "commend",
            "approve",
            "--decision-no",
            DECISION_NO,
            "--date",
            DATE,
        ],
        STEP_ORDER,
    );
    let stderr = f.fails_unchanged(&["commend", "propose"], STEP_ORDER);
    assert!(stderr.contains(DECISION_NO), "{stderr}");
}

// ---------------------------------------------------------------------------------------------
// The final list and its staleness.

#[test]
fn the_final_list_is_the_published_list_of_the_example_city() {
    let f = proposed();
    let shown = show(&f);
    assert_eq!(shown["state"], "proposed");
    assert_eq!(shown["stale"], false);
    assert_eq!(shown["notice"], 1);
    assert_eq!(shown["version"], 1);
    assert_eq!(shown["decision_no"], Value::Null);
    assert_eq!(shown["removed"], json!([]));
    assert_eq!(shown["published"], json!([]));
    assert_eq!(codes(&shown), ["C01", "C03", "C05", "D01", "M02"]);
    let m02 = &shown["units"][4];
    assert_eq!(m02["name"], "市教育局");
    assert_eq!(m02["category"], "municipal-unit");
    assert_eq!(m02["rank"], 1);
}

#[test]
fn a_late_disqualification_makes_the_proposal_stale_and_the_next_leaves_the_unit_out_with_its_reason()
 {
    let f = proposed();
    f.after_notice(&[
        "disqualify",
        "C03",
        "--reason",
        "自评材料弄虚作假",
        "--evidence",
        "核查报告",
    ])
    .success();
    let seq = last_seq(&f);
    let shown = show(&f);
    assert_eq!(shown["stale"], true);
    assert_eq!(
        codes(&shown),
        ["C01", "C03", "C05", "D01", "M02"],
        "until proposed again"
    );
    let stderr = f.fails_unchanged(
        &[
            "commend",
            "approve",
            "--decision-no",
            DECISION_NO,
            "--date",
            DATE,
        ],
        STEP_ORDER,
    );
    assert!(stderr.contains("the final list is stale"), "{stderr}");
    assert!(stderr.contains("`banzi commend propose`"), "{stderr}");
    let warned = stderr_of(&f, &["commend", "show"]);
    assert!(
        warned.contains("stale: something it rests on changed since"),
        "{warned}"
    );

    let out = f.after_notice(&["commend", "propose"]).success();
    assert!(
        stderr_text(&out).contains("C03 青川市云岭县")
            && stderr_text(&out).contains("自评材料弄虚作假"),
        "{}",
        stderr_text(&out)
    );
    let shown = show(&f);
    assert_eq!(shown["stale"], false);
    assert_eq!(codes(&shown), ["C01", "C05", "D01", "M02"]);
    assert_eq!(shown["removed"].as_array().unwrap().len(), 1, "{shown:#}");
    let removed = &shown["removed"][0];
    assert_eq!(removed["unit"], "C03");
    assert_eq!(removed["name"], "青川市云岭县");
    let reason = removed["reason"].as_str().unwrap();
    assert!(reason.contains("自评材料弄虚作假"), "{reason}");
    assert!(
        reason.contains(&format!("日志第 {seq} 条")),
        "names the ruling: {reason}"
    );

    let proposal = f.stdout(&["commend", "proposal"]);
    assert!(proposal.contains("## 公示后剔除的单位"), "{proposal}");
    let row = proposal
        .lines()
        .find(|l| l.starts_with("| C03 |"))
        .unwrap_or_else(|| panic!("no row of C03: {proposal}"));
    assert!(
        row.contains("青川市云岭县") && row.contains("自评材料弄虚作假"),
        "{row}"
    );
    assert!(proposal.contains("共4个领导班子"), "{proposal}");
    assert!(
        !proposal.contains("| 青川市云岭县 | 9"),
        "not among the proposed: {proposal}"
    );

    // The new proposal is current: it can be approved.
    approve(&f);
}

#[test]
fn revoking_the_disqualification_makes_the_proposal_stale_again_and_the_unit_comes_back() {
    let f = proposed();
    f.after_notice(&[
        "disqualify",
        "C03",
        "--reason",
        "自评材料弄虚作假",
        "--evidence",
        "核查报告",
    ])
    .success();
    f.after_notice(&["commend", "propose"]).success();
    assert_eq!(show(&f)["removed"][0]["unit"], "C03");

    f.after_notice(&[
        "disqualify",
        "C03",
        "--revoke",
        "--reason",
        "经复核，材料问题系统计口径差异",
    ])
    .success();
    assert_eq!(show(&f)["stale"], true);
    f.fails_unchanged(
        &[
            "commend",
            "approve",
            "--decision-no",
            DECISION_NO,
            "--date",
            DATE,
        ],
        STEP_ORDER,
    );

    f.after_notice(&["commend", "propose"]).success();
    let shown = show(&f);
    assert_eq!(shown["stale"], false);
    assert_eq!(codes(&shown), ["C01", "C03", "C05", "D01", "M02"]);
    assert_eq!(shown["removed"], json!([]));
    let proposal = f.stdout(&["commend", "proposal"]);
    assert!(!proposal.contains("公示后剔除"), "{proposal}");
    assert!(proposal.contains("青川市云岭县"), "{proposal}");
}

#[test]
fn a_disqualification_after_the_approval_refuses_publish_until_proposed_and_approved_again() {
    let f = approved();
    f.after_notice(&[
        "disqualify",
        "C05",
        "--reason",
        "弄虚作假",
        "--evidence",
        "核查报告",
    ])
    .success();
    let shown = show(&f);
    assert_eq!(shown["stale"], true);
    assert_eq!(shown["state"], "approved");
    let stderr = f.fails_unchanged(&["commend", "publish", "--out", "out"], STEP_ORDER);
    assert!(stderr.contains("the final list is stale"), "{stderr}");
    assert!(!f.root().join("out").exists());

    f.after_notice(&["commend", "propose"]).success();
    let shown = show(&f);
    assert_eq!(
        shown["state"], "proposed",
        "the old approval does not carry over"
    );
    assert_eq!(shown["decision_no"], Value::Null);
    f.fails_unchanged(&["commend", "publish", "--out", "out"], STEP_ORDER);
    approve(&f);
    let out = publish(&f, "out", &[]);
    assert!(!read(&out, "表彰名单.csv").contains("青川市北山县"));
}

#[test]
fn a_veto_after_the_proposal_makes_it_stale_and_the_next_leaves_the_unit_out() {
    let f = proposed();
    f.after_notice(&[
        "veto",
        "M02",
        "--reason",
        "发生重大安全事故",
        "--basis",
        "事故调查报告",
    ])
    .success();
    assert_eq!(show(&f)["stale"], true);
    f.after_notice(&["commend", "propose"]).success();
    let shown = show(&f);
    assert_eq!(codes(&shown), ["C01", "C03", "C05", "D01"]);
    assert_eq!(shown["removed"][0]["unit"], "M02");
    assert!(
        shown["removed"][0]["reason"]
            .as_str()
            .unwrap()
            .contains("发生重大安全事故")
    );
}

#[test]
fn a_withdrawal_after_the_proposal_makes_it_stale_and_the_next_leaves_the_unit_out() {
    let f = proposed();
    f.after_notice(&["withdraw", "D01", "--reason", "机构改革撤并"])
        .success();
    assert_eq!(
        show(&f)["stale"],
        true,
        "a withdrawn unit must not be approved"
    );
    f.fails_unchanged(
        &[
            "commend",
            "approve",
            "--decision-no",
            DECISION_NO,
            "--date",
            DATE,
        ],
        STEP_ORDER,
    );
    f.after_notice(&["commend", "propose"]).success();
    let shown = show(&f);
    assert_eq!(codes(&shown), ["C01", "C03", "C05", "M02"]);
    assert_eq!(shown["removed"][0]["unit"], "D01");
    assert!(
        shown["removed"][0]["reason"]
            .as_str()
            .unwrap()
            .contains("机构改革撤并")
    );
}

#[test]
fn the_proposal_gives_a_removals_reason_in_chinese_whatever_language_proposed_it() {
    let f = proposed();
    f.after_notice(&[
        "disqualify",
        "C03",
        "--reason",
        "自评材料弄虚作假",
        "--evidence",
        "核查报告",
    ])
    .success();
    let seq = last_seq(&f);
    // The operator works in English; the document goes to the committee in Chinese.
    f.after_notice(&["commend", "propose"]).success();
    let proposal = f.stdout(&["commend", "proposal"]);
    assert!(
        proposal.contains(&format!(
            "取消参评资格（日志第 {seq} 条）：自评材料弄虚作假"
        )),
        "{proposal}"
    );
    assert!(
        english_left(&proposal).is_empty(),
        "{:#?}",
        english_left(&proposal)
    );
}

// ---------------------------------------------------------------------------------------------
// The approval: the document number and the date.

#[test]
fn a_document_number_as_gbt_9704_writes_it_is_accepted_with_its_date_and_approver() {
    let f = proposed();
    let out = f
        .after_notice(&[
            "commend",
            "approve",
            "--decision-no",
            DECISION_NO,
            "--date",
            DATE,
        ])
        .success();
    assert!(
        stderr_text(&out).contains(&format!("final list approved: {DECISION_NO}, {DATE}")),
        "{}",
        stderr_text(&out)
    );
    let shown = show(&f);
    assert_eq!(shown["state"], "approved");
    assert_eq!(shown["stale"], false);
    assert_eq!(shown["decision_no"], DECISION_NO);
    assert_eq!(shown["date"], DATE);
    assert_eq!(shown["approver"], "市委", "the campaign's approver");

    let g = proposed();
    g.after_notice(&[
        "commend",
        "approve",
        "--decision-no",
        "青委〔2026〕3号",
        "--date",
        DATE,
        "--approver",
        "中共青川市委员会",
    ])
    .success();
    let shown = show(&g);
    assert_eq!(shown["decision_no"], "青委〔2026〕3号");
    assert_eq!(shown["approver"], "中共青川市委员会");
}

#[test]
fn a_document_number_not_as_gbt_9704_writes_it_is_refused_saying_what_is_wrong() {
    let f = proposed();
    for (number, wrong) in [
        (
            "市委[2026]12号",
            "the year goes in 六角括号 〔〕, not other brackets",
        ),
        ("市委〔2026〕012号", "the serial number has no leading zero"),
        ("市委〔2026〕第12号", "the serial number takes no 第"),
        (
            "市委〔26〕12号",
            "the year must be written in full, four digits",
        ),
    ] {
        let stderr = f.fails_unchanged(
            &[
                "commend",
                "approve",
                "--decision-no",
                number,
                "--date",
                DATE,
            ],
            INVALID,
        );
        assert!(
            stderr.contains(&format!("`{number}` is not a document number: {wrong}")),
            "{number}: {stderr}"
        );
        assert!(
            stderr.contains("`市委〔2026〕12号`"),
            "the hint shows one: {stderr}"
        );
    }
    let stderr = f.fails_unchanged(
        &[
            "commend",
            "approve",
            "--decision-no",
            "市委〔2025〕12号",
            "--date",
            DATE,
        ],
        INVALID,
    );
    assert!(
        stderr.contains("the year of `市委〔2025〕12号` is not that of the date 2026年12月20日"),
        "{stderr}"
    );
    assert_eq!(show(&f)["state"], "proposed");
}

#[test]
fn a_document_number_is_refused_in_chinese_too() {
    let f = proposed();
    let stderr = f.fails_unchanged(
        &zh(&[
            "commend",
            "approve",
            "--decision-no",
            "市委〔2026〕第12号",
            "--date",
            DATE,
        ]),
        INVALID,
    );
    assert!(stderr.contains("序号前不加“第”"), "{stderr}");
    all_chinese(&stderr);
}

#[test]
fn a_date_before_the_notice_closed_is_refused_and_the_day_it_closed_accepted() {
    let f = proposed();
    let stderr = f.fails_unchanged(
        &[
            "commend",
            "approve",
            "--decision-no",
            DECISION_NO,
            "--date",
            "2026-11-30",
        ],
        INVALID,
    );
    assert!(
        stderr.contains(&format!(
            "the date 2026-11-30 is before the public notice was closed on {CLOSED_ON}"
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("on or after {CLOSED_ON}")),
        "{stderr}"
    );
    f.after_notice(&[
        "commend",
        "approve",
        "--decision-no",
        DECISION_NO,
        "--date",
        CLOSED_ON,
    ])
    .success();
    assert_eq!(show(&f)["date"], CLOSED_ON);
}

// ---------------------------------------------------------------------------------------------
// Publishing.

#[test]
fn publish_writes_the_decision_the_list_and_the_certificates_and_journals_their_sha256() {
    let f = approved();
    let out = publish(&f, "out", &["--certificates"]);
    let shown = show(&f);
    assert_eq!(shown["state"], "published");
    let published: BTreeMap<String, String> = shown["published"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["file"].as_str().unwrap().to_owned(),
                p["sha256"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let written = snapshot(&out);
    assert_eq!(
        published.keys().collect::<Vec<_>>(),
        written.keys().collect::<Vec<_>>(),
        "every file written is recorded, and nothing else is in the folder"
    );
    for name in DOCUMENTS.iter().chain(&["荣誉证书.html"]) {
        assert!(
            published.contains_key(*name),
            "{name} is missing: {published:?}"
        );
    }
    for (name, sha256) in &published {
        assert_eq!(&sha256_hex(&written[name]), sha256, "{name}");
    }
    let entry = f.log().pop().unwrap();
    assert!(
        entry["summary"]
            .as_str()
            .unwrap()
            .starts_with("commendation published"),
        "{entry}"
    );
}

#[test]
fn publishing_twice_writes_the_same_bytes_and_records_the_same_sha256() {
    let f = approved();
    let out = publish(&f, "out", &["--certificates"]);
    let first = snapshot(&out);
    let first_shown = show(&f)["published"].clone();
    publish(&f, "out", &["--certificates"]);
    assert_same_dir(&first, &snapshot(&out));
    assert_eq!(show(&f)["published"], first_shown);
    // And into another folder, byte for byte.
    let again = publish(&f, "again", &["--certificates"]);
    assert_same_dir(&first, &snapshot(&again));
    assert_eq!(show(&f)["published"], first_shown);
}

#[test]
fn publishing_inside_the_campaign_is_refused_and_writes_nothing() {
    let f = approved();
    for dir in [
        "campaign",
        "campaign/表彰文件",
        "./campaign/../campaign/out",
    ] {
        let stderr = f.fails_unchanged(&["commend", "publish", "--out", dir], INVALID);
        assert!(
            stderr.contains(&format!("`{dir}` is inside the campaign")),
            "{dir}: {stderr}"
        );
        assert!(stderr.contains("--out ../out"), "{stderr}");
    }
    // Nor through a link to it.
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(f.campaign(), f.root().join("link")).unwrap();
        f.fails_unchanged(&["commend", "publish", "--out", "link/out"], INVALID);
    }
    assert_eq!(show(&f)["state"], "approved");
    f.banzi(&["verify"]).success();
}

#[test]
fn publishing_inside_the_campaign_through_a_new_folder_and_dotdot_is_refused() {
    let f = approved();
    let dir = "fresh/../campaign/out";
    let stderr = f.fails_unchanged(&["commend", "publish", "--out", dir], INVALID);
    assert!(stderr.contains("is inside the campaign"), "{stderr}");
    f.banzi(&["verify"]).success();
}

#[test]
fn certificates_are_dated_in_arabic_numerals_unless_numeral_dates_is_asked() {
    let f = approved();
    let arabic = read(&publish(&f, "arabic", &["--certificates"]), "荣誉证书.html");
    assert!(arabic.contains("2026年12月20日"), "{arabic}");
    assert!(!arabic.contains("二〇二六年"), "{arabic}");
    assert_eq!(arabic.matches("<section>").count(), 5, "one per unit");

    let numerals = read(
        &publish(&f, "numerals", &["--certificates", "--numeral-dates"]),
        "荣誉证书.html",
    );
    assert!(numerals.contains("二〇二六年十二月二十日"), "{numerals}");
    assert!(!numerals.contains("2026年12月20日"), "{numerals}");

    // Without --certificates there are none, and --numeral-dates alone is a usage error.
    let plain = publish(&f, "plain", &[]);
    assert!(!plain.join("荣誉证书.html").exists());
    f.fails_unchanged(
        &["commend", "publish", "--out", "x", "--numeral-dates"],
        USAGE,
    );
}

#[test]
fn the_decision_of_the_example_city() {
    let f = approved();
    let out = publish(&f, "out", &[]);
    let decision = read(&out, "表彰决定.md");
    insta::assert_snapshot!(
        "decision_example_city",
        without_journal_hashes(&f, &decision)
    );
}

#[test]
fn the_decision_opens_with_the_year_written_with_nian() {
    let f = approved();
    let decision = read(&publish(&f, "out", &[]), "表彰决定.md");
    assert!(
        decision.contains("2026年以来，全市各级领导班子"),
        "{decision}"
    );
}

#[test]
fn the_list_csv_has_every_unit_with_its_heads_and_the_decision_number() {
    let f = approved();
    let seq = last_seq(&f);
    let out = publish(&f, "out", &[]);
    let csv = read(&out, "表彰名单.csv");
    let rows = without_journal_hashes(&f, &csv);
    let head = format!("{seq}:HASH");
    let expected = [
        "序号,类别,单位代码,单位名称,综合得分,主要负责人,发文字号,日志头".to_owned(),
        format!("1,县级,C01,青川市东湖区,92.51,陈志远、林晓峰,{DECISION_NO},{head}"),
        format!("2,县级,C03,青川市云岭县,91.16,郑国华、黄丽萍,{DECISION_NO},{head}"),
        format!("3,县级,C05,青川市北山县,86.45,吴启东、杨春梅,{DECISION_NO},{head}"),
        format!("4,市委部门,D01,市委办公室,94.18,赵明轩、许静,{DECISION_NO},{head}"),
        format!("5,市直单位,M02,市教育局,86.02,彭秀英、罗堃,{DECISION_NO},{head}"),
    ];
    assert_eq!(rows.lines().collect::<Vec<_>>(), expected);
    assert!(csv.ends_with('\n'));
}

#[test]
fn m02s_government_head_outside_gb2312_is_in_the_list() {
    let f = approved();
    let out = publish(&f, "out", &["--certificates"]);
    for name in ["表彰名单.md", "表彰名单.html", "表彰名单.csv"] {
        let text = read(&out, name);
        assert!(text.contains("彭秀英、罗堃"), "{name}: {text}");
    }
    let proposal = f.stdout(&["commend", "proposal"]);
    assert!(
        proposal.contains("| 市教育局 | 86.02 | 彭秀英、罗堃 |"),
        "{proposal}"
    );
    let said = f.stdout(&["commend", "show"]);
    assert!(said.contains("罗堃"), "{said}");
}

// ---------------------------------------------------------------------------------------------
// Record text in the documents.

const SCRIPT: &str = "<script>alert(1)</script>";
const FORMULA: &str = "=HYPERLINK(\"http://x\")";

/// A made-up city whose two best counties are named to attack the documents, approved.
fn hostile_names() -> Fixture {
    let f = Fixture::synthetic(&[
        county("K01", [95; 5], "优秀").named(SCRIPT),
        county("K02", [90; 5], "优秀").named(FORMULA),
        county("K03", [85; 5], "优秀"),
    ])
    .through(Step::Commend);
    approve(&f);
    f
}

#[test]
fn unit_names_that_are_markup_or_formulas_reach_the_final_list_as_text() {
    let f = hostile_names();
    let shown = show(&f);
    let names: Vec<&str> = shown["units"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, [SCRIPT, FORMULA, "测试单位K03"]);
    let out = publish(&f, "out", &["--certificates"]);

    for name in ["表彰决定.html", "表彰名单.html", "荣誉证书.html"] {
        let html = read(&out, name);
        assert!(!html.to_lowercase().contains("<script"), "{name}: {html}");
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;&#x2f;script&gt;")
                || html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{name}: {html}"
        );
    }

    for name in ["表彰决定.md", "表彰名单.md"] {
        let markdown = read(&out, name);
        assert!(
            markdown.contains(r"\<script\>alert(1)\</script\>"),
            "{name}: {markdown}"
        );
        let html: Vec<_> = markdown_events(&markdown)
            .into_iter()
            .filter(|e| {
                matches!(
                    e,
                    pulldown_cmark::Event::Html(_) | pulldown_cmark::Event::InlineHtml(_)
                )
            })
            .collect();
        assert!(html.is_empty(), "{name} has raw HTML: {html:?}");
    }
    let proposal = f.stdout(&["commend", "proposal"]);
    assert!(proposal.contains(r"\<script\>"), "{proposal}");

    let csv = read(&out, "表彰名单.csv");
    let rows = csv_rows(&csv);
    let cell = &rows[2][3];
    assert!(cell.starts_with("'="), "formula neutralised: {cell:?}");
    assert_eq!(cell, &format!("'{FORMULA}"));
    assert_eq!(rows[1][3], SCRIPT, "nothing else is touched");
    for row in &rows {
        for cell in row {
            assert!(
                !cell.starts_with(['=', '+', '@', '\t', '\r']),
                "a cell would run: {cell:?}"
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Printing, with headless Chromium.

/// Whether `program` runs; says loudly why the test does nothing when not.
fn available(program: &str, args: &[&str], install: &str) -> bool {
    match std::process::Command::new(program).args(args).output() {
        Ok(_) => true,
        Err(e) => {
            eprintln!("SKIPPED: `{program}` cannot run ({e}); install {install} to run this test");
            false
        }
    }
}

/// `html` printed to PDF by headless Chromium with a fresh profile.
fn print_to_pdf(html: &Path, pdf: &Path) {
    let profile = tempfile::tempdir().unwrap();
    let output = std::process::Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", html.display()))
        .output()
        .unwrap();
    assert!(
        output.status.success() && pdf.is_file(),
        "chromium did not print {}: {}",
        html.display(),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Every page's size in points, rounded, from `pdfinfo`.
fn page_sizes(pdf: &Path) -> Vec<(i64, i64)> {
    let output = std::process::Command::new("pdfinfo")
        .args(["-f", "1", "-l", "10000"])
        .arg(pdf)
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let info = String::from_utf8(output.stdout).unwrap();
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    let sizes: Vec<(i64, i64)> = info
        .lines()
        .filter(|l| l.starts_with("Page ") && l.contains(" size: "))
        .map(|l| {
            let numbers: Vec<f64> = l
                .split(" size: ")
                .nth(1)
                .unwrap()
                .split_whitespace()
                .filter_map(|w| w.parse().ok())
                .collect();
            (numbers[0].round() as i64, numbers[1].round() as i64)
        })
        .collect();
    assert_eq!(sizes.len(), pages, "{info}");
    sizes
}

#[test]
fn chromium_prints_the_decision_on_a4_portrait_and_a_landscape_certificate_per_unit() {
    if !available(
        "chromium",
        &["--version"],
        "Chromium (`apt-get install chromium`)",
    ) || !available(
        "pdfinfo",
        &["-v"],
        "poppler-utils (`apt-get install poppler-utils`)",
    ) {
        return;
    }
    let f = approved();
    let out = publish(&f, "out", &["--certificates"]);
    let prints = tempfile::tempdir().unwrap();

    let decision = prints.path().join("decision.pdf");
    print_to_pdf(&out.join("表彰决定.html"), &decision);
    let sizes = page_sizes(&decision);
    assert!(!sizes.is_empty());
    assert!(
        sizes.iter().all(|s| *s == (595, 842)),
        "A4 portrait: {sizes:?}"
    );

    let certificates = prints.path().join("certificates.pdf");
    print_to_pdf(&out.join("荣誉证书.html"), &certificates);
    let sizes = page_sizes(&certificates);
    assert_eq!(sizes, vec![(842, 595); 5], "A4 landscape, one per unit");
}

/// A name with a character no face has (here one of the Private Use Area, which no font maps)
/// is refused before anything is written, naming the character, the unit and how to add a font.
#[test]
fn a_name_no_font_can_print_is_refused_naming_the_character_and_the_unit() {
    let f = Fixture::synthetic(&[
        county("K01", [95; 5], "优秀").named("青川\u{E000}县"),
        county("K02", [90; 5], "优秀"),
    ])
    .through(Step::Commend);
    approve(&f);
    let before = show(&f);
    let out = f.root().join("out");
    let assert = f
        .after_notice(&["commend", "publish", "--out", out.to_str().unwrap()])
        .code(INVALID);
    let stderr = stderr_text(&assert);
    if stderr.contains("without the `pdf` feature") {
        eprintln!("SKIPPED: banzi was built without its `pdf` feature");
        return;
    }
    assert!(stderr.contains("U+E000"), "{stderr}");
    assert!(
        stderr.contains("青川\u{E000}县"),
        "names the unit: {stderr}"
    );
    assert!(
        stderr.contains("fonts") || stderr.contains("BANZI_FONT_PATH"),
        "says how to add a font: {stderr}"
    );
    assert!(!out.exists(), "nothing is written");
    assert_eq!(show(&f), before, "nothing is recorded");
}
