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

/// A date as GB/T 9704 7.3.5.4 writes a document's date: Arabic numerals, the year in full, month
/// and day without a leading zero, `2026年12月20日`.
pub fn chinese_date(date: chrono::NaiveDate) -> String {
    date.format("%Y年%-m月%-d日").to_string()
}

/// A date in Chinese numerals, as certificates may print it: `二〇二六年十二月二十日`. The year is
/// read digit by digit, with 〇 for zero as dates write it.
pub fn chinese_numeral_date(date: chrono::NaiveDate) -> String {
    use chinese_number::{ChineseCase, ChineseCountMethod, ChineseVariant, NumberToChinese as _};
    use chrono::Datelike as _;
    let count = |n: u32| {
        n.to_chinese(
            ChineseVariant::Simple,
            ChineseCase::Lower,
            ChineseCountMethod::TenThousand,
        )
        .unwrap_or_else(|_| n.to_string())
    };
    let year = u32::try_from(date.year())
        .ok()
        .and_then(|y| {
            y.to_chinese_naive(ChineseVariant::Simple, ChineseCase::Lower)
                .ok()
        })
        .map_or_else(|| date.year().to_string(), |y| y.replace('零', "〇"));
    format!("{year}年{}月{}日", count(date.month()), count(date.day()))
}

#[cfg(test)]
mod tests {
    #[test]
    fn dates_read_as_documents_write_them() {
        let day = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(super::chinese_date(day(2026, 12, 20)), "2026年12月20日");
        assert_eq!(super::chinese_date(day(2027, 1, 5)), "2027年1月5日");
        assert_eq!(
            super::chinese_numeral_date(day(2026, 12, 20)),
            "二〇二六年十二月二十日"
        );
        assert_eq!(
            super::chinese_numeral_date(day(2030, 10, 1)),
            "二〇三〇年十月一日"
        );
        assert_eq!(
            super::chinese_numeral_date(day(2026, 11, 31 - 1)),
            "二〇二六年十一月三十日"
        );
    }

    #[test]
    fn at_most_two_decimals_and_no_trailing_zeros() {
        assert_eq!(super::figure(92.0), "92");
        assert_eq!(super::figure(88.5), "88.5");
        assert_eq!(super::figure(0.583333), "0.58");
        assert_eq!(super::figure(29.999), "30");
    }
}
