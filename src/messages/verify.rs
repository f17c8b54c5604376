//! `banzi verify`: what it finds, and accepting hand edits.

use super::help::{Example, Help};

super::catalogue! {}

pub const HELP: &[Help] = &[];

pub const EXAMPLES: &[Example] = &[];
