//! End-to-end tests of the `banzi` binary: each module drives one area of the command line
//! against a scratch campaign made by [`fixture::Fixture`].

mod archive;
mod commend;
mod crash;
mod environment;
mod fixture;
mod fonts;
mod forms;
mod git;
mod guide;
mod hostile;
mod hostile_workbooks;
mod init;
mod inspect;
mod language;
mod log;
mod plan;
mod publicize;
mod reopen;
mod self_assess;
mod settings;
mod sheets;
mod shell;
mod shortlist;
mod status;
mod store;
mod tamper;
mod units;
mod usage;
mod votes;
mod withdraw;
mod words;
mod workbook;
