//! Step 2, the self-assessments, and `banzi self-assess`.

use super::help::{Example, Help};

super::catalogue! {}

pub const HELP: &[Help] = &[];

pub const EXAMPLES: &[Example] = &[];
