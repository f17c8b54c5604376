//! The annual assessment and the democratic evaluation's votes.

use super::help::{Example, Help};

super::catalogue! {}

pub const HELP: &[Help] = &[];

pub const EXAMPLES: &[Example] = &[];
