//! The store: finding, locking, reading and writing the campaign's records, and recovery.

use super::help::{Example, Help};

super::catalogue! {
    /// Added to a change's summary when `campaign.toml` was edited by hand before it.
    settings_edited_since(file: &str, seq: u64) =>
        "；{file} 自第 {seq} 条日志以来被编辑过", "; {file} was edited since entry #{seq}";
}

pub const HELP: &[Help] = &[];

pub const EXAMPLES: &[Example] = &[];
