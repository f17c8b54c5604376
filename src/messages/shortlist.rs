//! Step 4, the preliminary list, and `banzi shortlist`.

use super::help::{Example, Help};

super::catalogue! {}

pub const HELP: &[Help] = &[];

pub const EXAMPLES: &[Example] = &[];
