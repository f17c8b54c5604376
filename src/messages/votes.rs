//! The annual assessment and the democratic evaluation's votes, and the ratings that units and
//! inspectors give per criterion.

use super::help::{Example, Help};
use super::{Lang, lang};
use crate::settings::Settings;

super::catalogue! {
    // Ratings 0-100 per criterion (`[ratings]` of a self-assessment or an inspection).
    ratings_missing(criteria: &str) =>
        "缺少 `[ratings]`：须为以下每项标准给出 0-100 的评分：{criteria}",
        "missing `[ratings]`: a rating 0-100 for each of {criteria}";
    rating_unknown_criterion(written: &str, criteria: &str) =>
        "未知的标准 `{written}`（应为以下之一：{criteria}）",
        "unknown criterion `{written}` (expected one of {criteria})";
    rating_out_of_range(rating: f64) =>
        "评分 {rating} 超出 0-100 的范围",
        "rating {rating} is outside 0-100";
    rating_twice(code: &str, first: &str, written: &str) =>
        "标准 `{code}` 评了两次：一次写作 `{first}`，一次写作 `{written}`",
        "criterion `{code}` is rated twice, as `{first}` and as `{written}`";
    rating_missing(code: &str, name: &str) =>
        "缺少标准 `{code}`（{name}）的评分，应为 0-100",
        "missing rating for `{code}` ({name}), 0-100";

    // The annual assessment (年度考核).
    annual_unknown_unit(unit: &str) =>
        "未知单位 `{unit}`：不在单位名册中",
        "unknown unit `{unit}`: not in the register";
    annual_duplicate_unit(unit: &str, first: usize) =>
        "单位 `{unit}` 重复（首次出现在第 {first} 行）",
        "duplicate unit `{unit}` (first on line {first})";
    annual_wrong_year(written: &str, year: i32) =>
        "`{written}` 不是本次活动的年度 {year}",
        "`{written}` is not this campaign's year {year}";
    annual_unknown_grade(grade: &str, grades: &str) =>
        "未知的考核等次 `{grade}`（campaign.toml 中的等次：{grades}）",
        "unknown grade `{grade}` (the scale in campaign.toml: {grades})";
    annual_bad_score(text: &str) =>
        "`{text}` 不是 0-100 的分数",
        "`{text}` is not a score 0-100";
    annual_no_results() =>
        "文件只有表头，没有考核结果",
        "the file has a header but no results";
    annual_results() =>
        "年度考核结果",
        "annual-assessment results";
    annual_imported(encoding: &str, changes: &str) =>
        "已导入年度考核结果（{encoding}）：{changes}",
        "annual-assessment results imported ({encoding}): {changes}";

    // Both imports.
    bad_rows(file: impl std::fmt::Display, n: usize) =>
        "`{file}` 有 {n} 行有误",
        "`{file}` has {n} bad row(s)";
    rows_hint() =>
        "请修正以上各行后重新导入；本次未导入任何内容",
        "correct the rows above and import the file again; nothing was imported";

    // The columns a problem is in, as `file:line: column: …` names them.
    column_unit() => "单位代码", "unit_code";
    column_group() => "测评主体", "rater_group";
    column_overall() => "总体评价", "overall";
    column_year() => "年度", "year";
    column_grade() => "考核等次", "grade";
    column_score() => "得分", "score";
    column_remarks() => "备注", "remarks";
    column_number(n: usize) => "第 {n} 列", "column {n}";
    field_header() => "表头", "header";
    field_row() => "整行", "row";
    field_ratings() => "评分表", "ratings";
    field_rating(key: &str) => "评分表 `{key}`", "ratings.{key}";

    // What a missing weighed rater group does to a unit's democratic component.
    gap_absent(group: &str) =>
        "测评主体「{group}」未参加测评，其权重按其余测评主体重新折算",
        "rater group 「{group}」 did not vote: its weight is shared among the other rater groups";
    gap_blank(group: &str, criterion: &str) =>
        "测评主体「{group}」对{criterion}全部弃权，该项权重按其余测评主体重新折算",
        "rater group 「{group}」 left every vote on {criterion} blank: its weight there is shared among the other rater groups";

    // The stored tallies.
    unweighed_groups(groups: &str) =>
        "已导入的民主测评中有测评主体 `{groups}`，而 campaign.toml 的 `scoring.rater_groups` 没有为其设定权重",
        "the imported votes have rater group(s) `{groups}` that `scoring.rater_groups` in campaign.toml does not weigh";
    unweighed_groups_hint() =>
        "在 `[scoring.rater_groups]` 中为其设定权重，或加 `--replace` 重新导入民主测评",
        "add them to `[scoring.rater_groups]` with their weights, or import the votes again with `--replace`";
    damaged(file: &str, what: &str) =>
        "`{file}` 已损坏：{what}",
        "`{file}` is damaged: {what}";
    damaged_hint() =>
        "请从备份或版本控制中恢复活动目录",
        "restore the campaign directory from a backup or version control";
    damaged_no_column(name: &str) =>
        "缺少列 `{name}`",
        "no column `{name}`";
    damaged_column(header: &str) =>
        "列 `{header}` 不是 `criterion/grade` 的形式",
        "column `{header}` is not `criterion/grade`";
    damaged_count(text: &str, line: u64) =>
        "`{text}` 不是票数（第 {line} 行）",
        "`{text}` is not a count (line {line})";
    damaged_twice(unit: &str) =>
        "单位 `{unit}` 的同一测评主体和标准出现了两次",
        "unit `{unit}` has a group and criterion twice";
    grade_dropped(grade: &str) =>
        "已导入的民主测评中有等次 `{grade}`，而 campaign.toml 的 `scoring.vote_grades` 已没有该等次",
        "the imported votes have grade `{grade}`, which `scoring.vote_grades` in campaign.toml no longer has";
    grade_dropped_hint(grade: &str) =>
        "请把 `{grade}` 放回 `[scoring.vote_grades]`：已存的计票是按该等次统计的",
        "put `{grade}` back in `[scoring.vote_grades]`: the stored tallies were counted on that scale";

    // Importing a votes file.
    no_units() =>
        "本次活动还没有参评单位，无法导入民主测评",
        "the campaign has no units yet to import votes for";
    no_units_hint() =>
        "请先导入单位名册：`banzi units import FILE`",
        "import the register first: `banzi units import FILE`";
    votes_differ(n: usize, file: impl std::fmt::Display, units: &str) =>
        "{n} 个单位已有民主测评计票，且与 `{file}` 不同：{units}",
        "{n} unit(s) already have votes that differ from `{file}`: {units}";
    votes_differ_hint() =>
        "如要用本文件的计票替换这些单位的计票，请加 `--replace` 重新导入；文件中没有的单位保留原有计票",
        "to replace those units' tallies with this file's, import it again with `--replace`; units not in the file keep theirs";
    votes_imported(encoding: &str, rows: u64, added: usize, replaced: usize, unchanged: usize, units: usize) =>
        "已导入民主测评（{encoding}）：{rows} 行；新增 {added} 个单位，替换 {replaced} 个，未变 {unchanged} 个；共 {units} 个单位有测评票",
        "democratic-evaluation votes imported ({encoding}): {rows} rows; {added} unit(s) added, {replaced} replaced, {unchanged} unchanged; {units} unit(s) with votes";
    votes_previous(file: &str, sha256: &str, seq: u64) =>
        "；原 {file}（SHA-256 {sha256}）由日志第 {seq} 条写入",
        "; the previous {file} (SHA-256 {sha256}) was written by entry #{seq}";
    listing_more(n: usize) =>
        "，另有 {n} 个",
        " and {n} more";
    not_votes_file(file: impl std::fmt::Display) =>
        "`{file}` 不是 banzi 能读取的民主测评文件",
        "`{file}` is not a votes file banzi can read";
    header_hint() =>
        "请修正表头后重新导入；本次未导入任何内容",
        "correct the header and import the file again; nothing was imported";
    too_many_rows(file: impl std::fmt::Display, max: u32) =>
        "`{file}` 的测评票超过 {max} 行",
        "`{file}` has more than {max} rows of votes";
    too_many_rows_hint() =>
        "请按单位拆分文件，再逐个导入",
        "split the file by unit and import the parts one by one";
    identifying(file: impl std::fmt::Display) =>
        "`{file}` 中有能识别测评人身份的列；民主测评是匿名的",
        "`{file}` has column(s) that identify raters; the democratic evaluation is anonymous";
    identifies_rater() =>
        "能识别测评人身份",
        "identifies a rater";
    identifying_hint(columns: &str) =>
        "请删除列 `{columns}` 后重新导入；banzi 只保存每个单位、测评主体和标准下各等次的票数",
        "remove the column(s) `{columns}` and import the file again; banzi keeps only the count of each grade per unit, rater group and criterion";
    column_twice(key: &str) =>
        "列 `{key}` 出现了两次",
        "column `{key}` appears twice";
    missing_column(key: &str, headers: &str) =>
        "缺少列 `{key}`（可用的表头：`{headers}`）",
        "missing column `{key}` (accepted headers: {headers})";
    votes_header_hint(criteria: &str) =>
        "表头须有 `unit_code`（单位代码）、`rater_group`（测评主体），以及每项标准一列：{criteria}（或用其中文名称）；`overall`（总体评价）可有可无",
        "the header needs unit_code (单位代码), rater_group (测评主体) and a column per criterion: {criteria} (or their Chinese names); overall (总体评价) is optional";
    wrong_width(cells: usize, width: usize) =>
        "本行有 {cells} 个单元格，而表头有 {width} 列",
        "{cells} cells but the header has {width} columns";
    empty_unit() =>
        "单位代码为空",
        "empty unit code";
    unit_not_registered(unit: &str) =>
        "单位 `{unit}` 不在单位名册中",
        "unit `{unit}` is not in the register";
    empty_group() =>
        "测评主体为空",
        "empty rater group";
    group_not_configured(group: &str, groups: &str) =>
        "测评主体 `{group}` 不在 campaign.toml 的 `scoring.rater_groups` 中（{groups}）",
        "rater group `{group}` is not in `scoring.rater_groups` of campaign.toml ({groups})";
    too_many_groups(group: &str, max: usize) =>
        "测评主体 `{group}` 超出了一个文件最多 {max} 个测评主体的限制",
        "rater group `{group}` is one more than the {max} groups a file may have";
    unknown_vote_grade(grade: &str, grades: &str) =>
        "未知等次 `{grade}`（应为：{grades}；弃权则留空）",
        "unknown grade `{grade}` (expected {grades}, or a blank cell for an abstention)";
    export_hint() =>
        "导出民主测评时请带表头行，每位测评人一行",
        "export the votes with a header row and one row per rater";
    file_empty(file: impl std::fmt::Display) =>
        "`{file}` 是空文件",
        "`{file}` is empty";
    no_votes(file: impl std::fmt::Display) =>
        "`{file}` 中没有测评票",
        "`{file}` has no votes";
    header_no_rows() =>
        "只有表头，没有数据行",
        "a header but no rows";
    more_problems(n: u64) =>
        "另有 {n} 个问题未列出",
        "{n} more problem(s) not listed";
}

/// Names joined for a message: `a、b、c` in Chinese, `a, b, c` in English.
pub fn list<S: AsRef<str>>(items: &[S]) -> String {
    let items: Vec<&str> = items.iter().map(AsRef::as_ref).collect();
    items.join(match lang() {
        Lang::Zh => "、",
        Lang::En => ", ",
    })
}

/// Names joined inside one pair of backticks: `` a`、`b `` in Chinese, `` a`, `b `` in English.
pub fn ticked_list<S: AsRef<str>>(items: &[S]) -> String {
    let items: Vec<&str> = items.iter().map(AsRef::as_ref).collect();
    items.join(match lang() {
        Lang::Zh => "`、`",
        Lang::En => "`, `",
    })
}

/// The headers a column may have, for a message: `a, b` in English, `` `a`、`b` `` in Chinese
/// (with the `missing_column` text's own backticks around them).
pub fn headers(names: &[&str]) -> String {
    match lang() {
        Lang::Zh => ticked_list(names),
        Lang::En => list(names),
    }
}

/// The campaign's criterion codes: `political, capability, …`; in Chinese with their names,
/// `` `political`（政治强）、… ``.
pub fn criterion_codes(settings: &Settings) -> String {
    match lang() {
        Lang::Zh => chinese_criteria(settings),
        Lang::En => settings.criterion_codes(),
    }
}

/// The campaign's criteria by code and name: `political (政治强), …`; in Chinese
/// `` `political`（政治强）、… ``.
pub fn criterion_words(settings: &Settings) -> String {
    match lang() {
        Lang::Zh => chinese_criteria(settings),
        Lang::En => settings.criterion_words(),
    }
}

fn chinese_criteria(settings: &Settings) -> String {
    let words: Vec<String> = settings
        .criteria
        .iter()
        .map(|c| format!("`{}`（{}）", c.code, c.name))
        .collect();
    words.join("、")
}

/// Column `key` of the annual-assessment file, as a problem names it.
pub fn annual_column(key: &str) -> String {
    match key {
        "unit" | "unit_code" => column_unit(),
        "year" => column_year(),
        "grade" => column_grade(),
        "score" => column_score(),
        "remarks" => column_remarks(),
        other => other.to_owned(),
    }
}

/// The column of a criterion (or of `overall`), as a problem names it: its code in English,
/// its name in Chinese, as the clerk's header most likely has it.
pub fn criterion_column(settings: &Settings, code: &str) -> String {
    match lang() {
        Lang::En => code.to_owned(),
        Lang::Zh => settings
            .criterion(code)
            .map_or_else(column_overall, |c| c.name.clone()),
    }
}

pub const HELP: &[Help] = &[];

pub const EXAMPLES: &[Example] = &[];
