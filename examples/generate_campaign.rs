//! Generates a synthetic province-scale campaign's inputs for benchmarks: a unit register and a
//! plan and a self-assessment per unit.
//!
//! cargo run --release --example generate_campaign -- OUT_DIR [UNITS]

use std::fmt::Write as _;
use std::path::PathBuf;

const CRITERIA: [(&str, &str); 5] = [
    ("political", "P"),
    ("capability", "A"),
    ("vitality", "V"),
    ("cohesion", "H"),
    ("conduct", "Z"),
];

const STATUSES: [&str; 3] = ["done", "partial", "not-done"];

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let out = PathBuf::from(
        args.next()
            .expect("usage: generate_campaign OUT_DIR [UNITS]"),
    );
    let units: usize = args
        .next()
        .map_or(10_000, |n| n.parse().expect("UNITS is a number"));
    std::fs::create_dir_all(out.join("plans"))?;
    std::fs::create_dir_all(out.join("self-assessments"))?;

    let mut register = String::from("code,name,category,party_head,government_head\n");
    for n in 0..units {
        let (prefix, category, kind) = match n % 3 {
            0 => ("C", "county", "县"),
            1 => ("D", "department", "部"),
            _ => ("M", "municipal-unit", "局"),
        };
        let code = format!("{prefix}{n:05}");
        writeln!(register, "{code},第{n}号{kind},{category},书记{n},主任{n}").unwrap();

        let mut plan = format!("unit = \"{code}\"\ntitle = \"第{n}号{kind}工作方案\"\n");
        let mut assessment =
            format!("unit = \"{code}\"\nsummary = \"第{n}号{kind}自评总结\"\n[ratings]\n");
        for (i, (criterion, _)) in CRITERIA.iter().enumerate() {
            writeln!(assessment, "{criterion} = {}", 70 + (n * 7 + i * 3) % 30).unwrap();
        }
        for (i, (criterion, id_prefix)) in CRITERIA.iter().enumerate() {
            write!(
                plan,
                "\n[[indicator]]\nid = \"{id_prefix}1\"\ncriterion = \"{criterion}\"\ngoal = \"指标{i}不少于{}次\"\ntarget = \"{}次\"\nowner = \"责任人{n}\"\ndue = 2026-12-31\n",
                10 + i,
                10 + i
            )
            .unwrap();
            write!(
                assessment,
                "\n[[indicator]]\nid = \"{id_prefix}1\"\nstatus = \"{}\"\nactual = \"已开展{}次\"\n",
                STATUSES[(n + i) % 7 % 3],
                10 + i
            )
            .unwrap();
        }
        std::fs::write(out.join(format!("plans/{code}.toml")), plan)?;
        std::fs::write(
            out.join(format!("self-assessments/{code}.toml")),
            assessment,
        )?;
    }
    std::fs::write(out.join("units.csv"), register)?;
    eprintln!("{units} units written to {}", out.display());
    Ok(())
}
