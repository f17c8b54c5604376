//! Generates a synthetic democratic evaluation (民主测评) for benchmarks: a unit register and a
//! votes CSV of one row per rater, grouped by unit as a survey system exports it.
//!
//! cargo run --release --example generate_votes -- OUT_DIR [UNITS] [ROWS] [--xlsx]
//!
//! With `--xlsx`, the votes are also written as the workbook `votes.xlsx`, one sheet, the same
//! rows, as an office would save them from Excel.
//!
//! The register has the same codes as `generate_campaign` writes, so either can build the
//! campaign. Grades are drawn with a fixed linear congruential generator: the same arguments give
//! the same files, byte for byte.

use std::io::{BufWriter, Write as _};
use std::path::PathBuf;

/// Rater groups (测评主体) and the share of the raters in each, in thousandths.
const GROUPS: [(&str, u64); 4] = [
    ("上级领导", 100),
    ("班子成员", 150),
    ("中层干部", 350),
    ("服务对象", 400),
];

/// Grades and how often each is drawn, in thousandths; "" is a blank cell (an abstention).
const GRADES: [(&str, u64); 5] = [
    ("优秀", 520),
    ("较好", 300),
    ("一般", 120),
    ("较差", 30),
    ("", 30),
];

/// Five criteria and the overall grade (总体评价).
const GRADED_COLUMNS: usize = 6;

/// Knuth's MMIX generator; the high bits are the good ones.
struct Lcg(u64);

impl Lcg {
    fn next_per_mille(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % 1000
    }
}

fn pick<'a>(table: &[(&'a str, u64)], draw: u64) -> &'a str {
    let mut below = 0;
    for (name, share) in table {
        below += share;
        if draw < below {
            return name;
        }
    }
    table[table.len() - 1].0
}

fn main() -> std::io::Result<()> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let xlsx = args.iter().any(|a| a == "--xlsx");
    args.retain(|a| a != "--xlsx");
    let mut args = args.into_iter();
    let out = PathBuf::from(
        args.next()
            .expect("usage: generate_votes OUT_DIR [UNITS] [ROWS]"),
    );
    let units: u64 = args
        .next()
        .map_or(10_000, |n| n.parse().expect("UNITS is a number"));
    let rows: u64 = args
        .next()
        .map_or(1_000_000, |n| n.parse().expect("ROWS is a number"));
    assert!(units > 0, "UNITS must be at least 1");
    std::fs::create_dir_all(&out)?;

    let code = |n: u64| {
        let prefix = ["C", "D", "M"][(n % 3) as usize];
        format!("{prefix}{n:05}")
    };
    let mut register = BufWriter::new(std::fs::File::create(out.join("units.csv"))?);
    writeln!(register, "code,name,category,party_head,government_head")?;
    for n in 0..units {
        let (category, kind) = [
            ("county", "县"),
            ("department", "部"),
            ("municipal-unit", "局"),
        ][(n % 3) as usize];
        writeln!(
            register,
            "{},第{n}号{kind},{category},书记{n},主任{n}",
            code(n)
        )?;
    }
    register.flush()?;

    let mut votes = BufWriter::new(std::fs::File::create(out.join("votes.csv"))?);
    writeln!(
        votes,
        "单位代码,测评主体,政治强,能力强,活力强,合力强,作风硬,总体评价"
    )?;
    let mut lcg = Lcg(20_260_101);
    let mut rows_written = Vec::new();
    // Rows are spread evenly and written unit by unit, as survey systems export them.
    for n in 0..units {
        let unit = code(n);
        let from = rows * n / units;
        let to = rows * (n + 1) / units;
        for _ in from..to {
            let group = pick(&GROUPS, lcg.next_per_mille());
            let mut row = vec![unit.clone(), group.to_owned()];
            row.extend((0..GRADED_COLUMNS).map(|_| pick(&GRADES, lcg.next_per_mille()).to_owned()));
            writeln!(votes, "{}", row.join(","))?;
            if xlsx {
                rows_written.push(row);
            }
        }
    }
    votes.flush()?;
    if xlsx {
        write_workbook(&out.join("votes.xlsx"), &rows_written).map_err(std::io::Error::other)?;
    }
    eprintln!(
        "{units} units and {rows} votes written to {}",
        out.display()
    );
    Ok(())
}

/// The votes as a workbook: the same header and rows, blank cells left empty.
fn write_workbook(
    path: &std::path::Path,
    rows: &[Vec<String>],
) -> Result<(), rust_xlsxwriter::XlsxError> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let header = [
        "单位代码",
        "测评主体",
        "政治强",
        "能力强",
        "活力强",
        "合力强",
        "作风硬",
        "总体评价",
    ];
    sheet.write_row(0, 0, header)?;
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate().filter(|(_, cell)| !cell.is_empty()) {
            sheet.write_string(r as u32 + 1, c as u16, cell)?;
        }
    }
    book.save(path)
}
