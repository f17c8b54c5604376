//! banzi runs a municipal "Four Strongs, One Hard" good-leadership-team campaign
//! (争创“四强一硬”好班子活动) from a directory of plain TOML and CSV records.
//!
//! The pipeline, in the order [`steps`] enforces:
//!
//! 1. [`units`]: the register of participating leadership teams is imported.
//! 2. [`plan`]: each unit submits a work plan of measurable indicators, one or more per criterion
//!    of [`campaign::Settings`].
//! 3. [`self_assess`]: each unit checks its indicators and rates itself; [`documents`] renders the
//!    self-assessment report.
//!
//! Every change goes through a [`store::Transaction`] into the [`store`], the only writer, and
//! is journaled with the SHA-256 of each record. [`reopen`] corrects a step and marks what built
//! on it stale; [`status`] and [`verify`] tell where everything stands.

pub mod campaign;
pub mod cli;
pub mod context;
pub mod csv_cell;
pub mod documents;
pub mod error;
pub mod figures;
pub mod import;
pub mod inspect;
pub mod journal;
pub mod plan;
pub mod ratings;
pub mod reopen;
pub mod self_assess;
pub mod settings;
pub mod shortlist;
pub mod status;
pub mod steps;
pub mod store;
pub mod submission;
pub mod units;
pub mod verify;
pub mod withdraw;
