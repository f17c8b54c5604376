//! The baseline of `scripts/bench-votes-xlsx.sh`: calamine's own read of a workbook's first
//! sheet, every cell visited, nothing else.
//!
//! cargo run --release --example calamine_read -- FILE

use calamine::{Data, Reader as _, open_workbook_auto};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args_os()
        .nth(1)
        .ok_or("usage: calamine_read FILE")?;
    let mut book = open_workbook_auto(path)?;
    let first = book.sheet_names().first().cloned().ok_or("no sheets")?;
    let range = book.worksheet_range(&first)?;
    let (mut rows, mut cells) = (0u64, 0u64);
    for row in range.rows() {
        rows += 1;
        cells += row.iter().filter(|c| **c != Data::Empty).count() as u64;
    }
    println!("{rows} rows, {cells} cells");
    Ok(())
}
