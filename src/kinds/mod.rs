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
pub trait KindRule: Sized {
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
}

macro_rules! define_kinds {
    ($($variant:ident($module:ident::$rule:ident)),* $(,)?) => {
        /// A requirement's kind and its rule.
        #[derive(Debug)]
        pub enum Kind {
            $($variant($module::$rule)),*
        }

        impl Kind {
            /// Every kind's name, in registry order.
            pub const NAMES: &'static [&'static str] = &[$(<$module::$rule as KindRule>::NAME),*];

            pub fn name(&self) -> &'static str {
                match self {
                    $(Kind::$variant(_) => <$module::$rule as KindRule>::NAME),*
                }
            }

            /// The kind-specific keys the kind called `name` takes.
            pub fn keys_of(name: &str) -> &'static [&'static str] {
                $(if name == <$module::$rule as KindRule>::NAME {
                    return <$module::$rule as KindRule>::KEYS;
                })*
                &[]
            }

            /// Reads the rule of the kind called `name`; None for an unknown kind.
            pub fn parse(name: &str, req: &RawRequirement, check: &mut Checker) -> Option<Kind> {
                $(if name == <$module::$rule as KindRule>::NAME {
                    return Some(Kind::$variant(<$module::$rule as KindRule>::parse(req, check)));
                })*
                None
            }

            pub fn checklist(&self) -> Msg {
                match self {
                    $(Kind::$variant(rule) => rule.checklist()),*
                }
            }

            pub fn fit(&self, class: FileClass) -> Option<u8> {
                match self {
                    $(Kind::$variant(rule) => rule.fit(class)),*
                }
            }
        }
    };
}

with_kinds!(define_kinds);

/// A document baosong reads, or one in a format it names but cannot read yet.
fn document_like(class: FileClass) -> bool {
    matches!(
        class,
        FileClass::Document | FileClass::NotYet(crate::inspect::NotYetKind::Document)
    )
}
