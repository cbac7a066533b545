//! What the rules know of a requirement's kind: its rule, behind [`Rule`], and how a
//! kind is read from rules.toml ([`KindSpec`]). The kinds themselves (`crate::kinds`)
//! stand above the rules: each implements [`Rule`] and lists itself in the registry
//! the rules are read with, so the rules never name a kind.

use std::any::Any;
use std::fmt::Debug;

use super::Requirement;
use super::checker::Checker;
use super::raw::RawRequirement;
use crate::findings::Msg;
use crate::inspect::FileClass;

/// A requirement kind's rule (the boards rule with its 2 boards, 300 字 and 10-字
/// captions), as the rules hold it.
pub trait Rule: Any + Debug + Send + Sync {
    /// Its name in rules.toml (`kind = "boards"`).
    fn name(&self) -> &'static str;
    /// What the requirement asks, for `baosong rules`.
    fn checklist(&self) -> Msg;
    /// How well a file of this class fits as (part of) this kind's section: `None`
    /// when it cannot be one, lower is better. Folders always fit.
    fn fit(&self, class: FileClass) -> Option<u8>;
    /// Whether its material is boards, told apart by board labels (展板一/, 展板2.jpg):
    /// a folder of labelled things is its section, whatever the folder is called.
    fn holds_boards(&self) -> bool {
        false
    }
    /// Itself, for the kind's own check to take back its rule ([`Requirement::rule`]).
    fn as_any(&self) -> &dyn Any;
}

/// How one kind is read from a `[[requirement]]`: its name, the keys only it takes,
/// and its parser (defaults filled in, problems to the checker).
pub struct KindSpec {
    pub name: &'static str,
    pub keys: &'static [&'static str],
    pub parse: fn(&RawRequirement, &mut Checker) -> Box<dyn Rule>,
}

impl Requirement {
    /// The requirement's rule as the kind `R`, when it is of that kind.
    pub fn rule<R: Rule>(&self) -> Option<&R> {
        self.kind.as_any().downcast_ref::<R>()
    }
}
