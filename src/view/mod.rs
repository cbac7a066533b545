//! What a requirement's check sees: the submission, which entries are material, the
//! facts of every file of a section ([`context::Context`]), what each text is
//! ([`substance`]), what counted already so that one text counts once ([`tally`]), and
//! the cards a page shows ([`gallery`]). The requirement kinds stand on this; `check`
//! builds it and runs them.

pub mod context;
pub mod gallery;
pub mod substance;
pub mod tally;

pub use context::{Context, RunOptions};
