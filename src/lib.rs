//! banzi runs a municipal "Four Strongs, One Hard" good-leadership-team campaign
//! (争创“四强一硬”好班子活动) from a directory of plain TOML and CSV records.
//!
//! The pipeline, in the order the one table in [`steps`] enforces:
//!
//! 1. [`units`]: the register of participating leadership teams is imported; [`rulings`] take a
//!    unit out (a withdrawal) or off the list whatever its figures (a veto), attributed.
//! 2. [`plan`]: each unit submits a work plan of measurable indicators, one or more per criterion
//!    of [`settings::Settings`].
//! 3. [`self_assess`]: each unit checks its indicators and rates itself; [`documents`] renders the
//!    self-assessment report.
//! 4. [`inspect`]: the inspection combined with the annual assessment: annual results, the
//!    democratic-evaluation votes, the inspectors and their records, the comprehensive analysis
//!    of every unit, and the flags against self-praise and concealment.
//! 5. [`shortlist`]: the preliminary list drawn by pure [`shortlist::rules`] from the analysis,
//!    stored as numbered versions with the fingerprint of what each was drawn from, adjusted by
//!    attributed decisions, and printed for the leadership's review.
//!
//! Around the steps: [`campaign`] opens a campaign (its [`store`] and validated [`settings`]);
//! every change goes through one [`store::Transaction`] into the store, the only writer, which
//! stages it, commits it by appending a hash-chained entry to the [`journal`], and recovers an
//! interrupted one. [`import`] is the one reader of every input file, [`forms`] writes the
//! workbook forms people fill in instead of TOML and reads them back as TOML, [`error`] carries
//! every problem with its place and exit code, [`context`] reads who and when once. [`reopen`]
//! corrects a step and marks what built on it stale; [`status`] and [`verify`] tell where
//! everything stands. [`cli`] is the only layer that parses arguments or prints.

pub mod archive;
pub mod calendar;
pub mod campaign;
pub mod cli;
pub mod commend;
pub mod context;
pub mod csv_cell;
pub mod documents;
pub mod error;
pub mod figures;
pub mod fonts;
pub mod forms;
pub mod import;
pub mod inspect;
pub mod journal;
pub mod messages;
pub mod partial;
pub mod plan;
pub mod publicize;
pub mod ratings;
pub mod reopen;
pub mod rulings;
pub mod self_assess;
pub mod settings;
pub mod shortlist;
pub mod status;
pub mod steps;
pub mod store;
pub mod submission;
pub mod units;
pub mod verify;
