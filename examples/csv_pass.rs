//! The baseline of `scripts/bench-votes.sh`: one plain pass over a CSV file with the csv crate,
//! reusing one `ByteRecord` so no field is allocated, counting records and fields.
//!
//! cargo run --release --example csv_pass -- FILE

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args_os().nth(1).ok_or("usage: csv_pass FILE")?;
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_path(&path)?;
    let mut record = csv::ByteRecord::new();
    let (mut records, mut fields) = (0u64, 0u64);
    while reader.read_byte_record(&mut record)? {
        records += 1;
        fields += record.len() as u64;
    }
    println!("{records} records, {fields} fields");
    Ok(())
}
