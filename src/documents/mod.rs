//! Documents for people: pure functions from a model to Markdown or HTML, through templates.

mod commendation;
mod markdown;
mod notice;
pub mod pdf;
mod preliminary_list;
mod self_assessment_report;
pub mod workbook;

pub use commendation::{
    Certificates, Decision, List, ListRow, certificates, certificates_html, decision,
    decision_html, decision_markdown, list, list_html, list_markdown, list_rows, proposal_markdown,
};
pub use notice::{Notice, NoticeCategory, NoticeUnit, notice_data, notice_html, notice_markdown};
pub use preliminary_list::{preliminary_list, preliminary_list_data};
pub use self_assessment_report::self_assessment_report;

use minijinja::{AutoEscape, Environment};

/// Renders a template bundled with the binary. Every value is escaped for Markdown, since it may
/// be text from a record; see [`markdown`].
fn render(name: &str, source: &str, model: impl serde::Serialize) -> String {
    let mut env = Environment::new();
    env.set_auto_escape_callback(markdown::auto_escape);
    env.set_formatter(markdown::format);
    env.add_filter("lines", markdown::lines_filter);
    env.add_template(name, source)
        .expect("bundled templates are valid");
    env.get_template(name)
        .and_then(|t| t.render(minijinja::value::Serde(model)))
        .expect("bundled templates render every model")
}

/// Renders a bundled HTML template, every value escaped for HTML.
fn render_html(name: &str, source: &str, model: impl serde::Serialize) -> String {
    let mut env = Environment::new();
    // Set explicitly rather than trusting the `.html` name, since values are record text.
    env.set_auto_escape_callback(|_| AutoEscape::Html);
    env.add_template(name, source)
        .expect("bundled templates are valid");
    env.get_template(name)
        .and_then(|t| t.render(minijinja::value::Serde(model)))
        .expect("bundled templates render every model")
}

/// The heading numeral of the `n`th part: 一, 二, … 十一.
fn chinese_ordinal(n: usize) -> String {
    use chinese_number::{ChineseCase, ChineseCountMethod, ChineseVariant, NumberToChinese as _};
    n.to_chinese(
        ChineseVariant::Simple,
        ChineseCase::Lower,
        ChineseCountMethod::TenThousand,
    )
    .unwrap_or_else(|_| n.to_string())
}
