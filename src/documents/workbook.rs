//! Workbooks for people (.xlsx), written through rust_xlsxwriter: the list exports and the forms.

use unicode_width::UnicodeWidthStr as _;

/// The widest a column is made, in Excel's character units; longer text wraps.
const MAX_WIDTH: f64 = 60.0;

/// The width, in Excel's character units, a column needs to show its widest line in full.
///
/// rust_xlsxwriter's autofit counts a Chinese character as one unit, while Excel and WPS draw it
/// two units wide, so autofitted Chinese columns cut their text off; this counts display columns.
pub fn column_width<'a>(texts: impl IntoIterator<Item = &'a str>) -> f64 {
    let widest = texts
        .into_iter()
        .flat_map(str::lines)
        .map(|line| line.width())
        .max()
        .unwrap_or(0);
    // A little room for the cell's padding and Excel's filter button on a header.
    (widest as f64 + 2.0).clamp(6.0, MAX_WIDTH)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_text_is_twice_as_wide_as_its_characters() {
        assert_eq!(column_width(["单位名称"]), 10.0);
        assert_eq!(column_width(["C01", "第一党支部"]), 12.0);
        assert_eq!(column_width(["a\n很长的第二行文字"]), 18.0);
        assert_eq!(column_width([]), 6.0);
        assert_eq!(column_width(["字".repeat(100).as_str()]), MAX_WIDTH);
    }
}
