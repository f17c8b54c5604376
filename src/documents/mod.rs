//! Documents for people: pure functions from a model to Markdown, through templates.

mod preliminary_list;
mod self_assessment_report;

pub use preliminary_list::preliminary_list;
pub use self_assessment_report::self_assessment_report;

use minijinja::Environment;

/// A figure as people read it: at most two decimals, no trailing zeros.
pub fn figure(value: f64) -> String {
    let text = format!("{value:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// Text made safe for one cell of a Markdown table: no column breaks, no line breaks.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace(['\r', '\n'], " ")
}

/// Renders a template bundled with the binary.
fn render(name: &str, source: &str, model: impl serde::Serialize) -> String {
    let mut env = Environment::new();
    env.add_filter("cell", cell);
    env.add_template(name, source)
        .expect("bundled templates are valid");
    env.get_template(name)
        .and_then(|t| t.render(minijinja::value::Serde(model)))
        .expect("bundled templates render every model")
}

#[cfg(test)]
mod tests {
    #[test]
    fn cells_cannot_break_a_table() {
        assert_eq!(super::cell("a|b\nc"), "a\\|b c");
    }
}
