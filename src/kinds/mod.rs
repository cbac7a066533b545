//! Requirement kinds. Everything one kind means sits in its own folder: `mod.rs` holds
//! its rule (the keys it takes in rules.toml, their defaults and validation), the
//! checklist line `baosong rules` prints, and which files can form its section;
//! `check.rs` holds its check. The list in [`with_kinds!`] is the one registry: adding
//! a kind is a folder and a line there (README, "Adding a requirement kind").

pub mod boards;
pub mod document;
pub mod entries;
pub mod roster;

use crate::findings::Msg;
use crate::inspect::FileClass;
use crate::rules::checker::Checker;
use crate::rules::raw::RawRequirement;
use crate::rules::{DEFAULT_RULES, KindSpec, Rule, Rules, RulesError};

/// Calls `$callback!` with every kind as `Variant(module::Rule)`: the enum below and
/// the check dispatch in `check` are both made from this one list.
#[macro_export]
macro_rules! with_kinds {
    ($callback:ident) => {
        $callback! {
            Document(document::DocumentRule),
            Boards(boards::BoardsRule),
            Entries(entries::EntriesRule),
            Roster(roster::RosterRule),
        }
    };
}

/// What a kind's rule provides besides its check.
pub trait KindRule: Sized + std::fmt::Debug + Send + Sync + 'static {
    /// Its name in rules.toml (`kind = "boards"`).
    const NAME: &'static str;
    /// The keys of `[[requirement]]` only this kind (and others listing them) takes.
    const KEYS: &'static [&'static str];
    /// Reads the rule from its requirement, defaults filled in; problems go to `check`.
    fn parse(req: &RawRequirement, check: &mut Checker) -> Self;
    /// What the requirement asks, for `baosong rules`.
    fn checklist(&self) -> Msg;
    /// How well a file of this class fits as (part of) this kind's section: `None`
    /// when it cannot be one, lower is better. Folders always fit.
    fn fit(&self, class: FileClass) -> Option<u8>;
    /// Whether its material is boards, told apart by board labels.
    fn holds_boards(&self) -> bool {
        false
    }
}

/// Every kind's rule is a rule as the rules hold it.
impl<R: KindRule> Rule for R {
    fn name(&self) -> &'static str {
        R::NAME
    }

    fn checklist(&self) -> Msg {
        KindRule::checklist(self)
    }

    fn fit(&self, class: FileClass) -> Option<u8> {
        KindRule::fit(self, class)
    }

    fn holds_boards(&self) -> bool {
        KindRule::holds_boards(self)
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// Reads a kind's rule as the rules hold it.
fn parse_boxed<R: KindRule>(req: &RawRequirement, check: &mut Checker) -> Box<dyn Rule> {
    Box::new(R::parse(req, check))
}

macro_rules! define_kinds {
    ($($variant:ident($module:ident::$rule:ident)),* $(,)?) => {
        /// The registry the rules are read with: every kind, its keys and its parser.
        pub static KINDS: &[KindSpec] = &[$(KindSpec {
            name: <$module::$rule as KindRule>::NAME,
            keys: <$module::$rule as KindRule>::KEYS,
            parse: parse_boxed::<$module::$rule>,
        }),*];
    };
}

with_kinds!(define_kinds);

/// The rules are read with the kinds' registry, so they are read here, above both.
impl Rules {
    /// Parses and validates rules; `origin` names the file in messages.
    pub fn parse(source: &str, origin: &str) -> Result<Rules, RulesError> {
        Rules::parse_with(source, origin, KINDS)
    }

    /// The built-in rules.toml.
    pub fn default_rules() -> Rules {
        Rules::parse(DEFAULT_RULES, "rules.toml").expect("the embedded rules.toml is valid")
    }
}

/// A document baosong reads, or one in a format it names but cannot read yet.
fn document_like(class: FileClass) -> bool {
    matches!(
        class,
        FileClass::Document | FileClass::NotYet(crate::inspect::NotYetKind::Document)
    )
}
