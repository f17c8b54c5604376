//! Step 3, the inspection records, inspectors, the analysis and flags, and `banzi inspect`.

use super::help::{Example, Help};

super::catalogue! {}

pub const HELP: &[Help] = &[];

pub const EXAMPLES: &[Example] = &[];
