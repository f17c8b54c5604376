//! How figures and times read to people, in messages, records' reasons and documents alike: below every
//! domain module, so none reaches up into the documents for it.

/// A figure as people read it: at most two decimals, no trailing zeros.
pub fn figure(value: f64) -> String {
    let text = format!("{value:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// `2026-11-24T09:30:00+08:00` as people read it: `2026-11-24 09:30`.
pub fn short_time(rfc3339: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(rfc3339)
        .map(|t| t.format("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_else(|_| rfc3339.to_owned())
}

#[cfg(test)]
mod tests {
    #[test]
    fn at_most_two_decimals_and_no_trailing_zeros() {
        assert_eq!(super::figure(92.0), "92");
        assert_eq!(super::figure(88.5), "88.5");
        assert_eq!(super::figure(0.583333), "0.58");
        assert_eq!(super::figure(29.999), "30");
    }
}
