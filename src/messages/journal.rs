//! The journal, and `banzi log`.

use super::help::{Example, Help};

super::catalogue! {}

pub const HELP: &[Help] = &[];

pub const EXAMPLES: &[Example] = &[];
