//! Documents for people: pure functions from a model to Markdown, through templates.

mod markdown;
mod notice;
mod preliminary_list;
mod self_assessment_report;

pub use notice::{Notice, NoticeCategory, NoticeUnit, notice_html, notice_markdown};
pub use preliminary_list::preliminary_list;
pub use self_assessment_report::self_assessment_report;

use minijinja::Environment;

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
