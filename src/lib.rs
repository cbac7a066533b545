//! baosong checks a city's Lifelong Learning Week submission against rules read from
//! TOML and reports, per requirement, whether it passes.
//!
//! Data flows one way: `rules` (TOML -> validated [`rules::Rules`]) and `intake`
//! (folder -> [`intake::Submission`]) feed `inspect` (file -> facts), which feeds
//! `check` (rules x facts -> findings), which feeds `report` (findings -> table | json).
//! The library never prints; the binary does.
#![warn(clippy::print_stdout, clippy::print_stderr)]

// First, so that `tr!` and `msg!` are in scope everywhere below.
#[macro_use]
pub mod messages;
#[macro_use]
pub mod findings;

pub mod batch;
pub mod check;
pub mod codes;
pub mod inert;
pub mod inspect;
pub mod intake;
pub mod isolate;
pub mod kinds;
pub mod limits;
pub mod output;
pub mod report;
pub mod rules;
pub mod triage;
pub mod view;
pub mod vocabulary;
