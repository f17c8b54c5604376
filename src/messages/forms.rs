//! The workbook forms people fill in instead of TOML: plan, self-assessment and inspection.

super::catalogue! {
}
