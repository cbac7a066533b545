//! The message catalogue: every sentence baosong shows, in `locales/zh.ftl` and
//! `locales/en.ftl` (Fluent), outside the logic. A reviewer corrects the Chinese there
//! without touching Rust; `tests/catalogue.rs` proves both files hold the same messages
//! with the same arguments, and that every message the code names exists.
//!
//! Arguments are formatted by the caller (`Display`), so a number reads the same as it
//! did in Rust, and Fluent's Unicode isolation marks are turned off: a console or a
//! letter shows them as stray characters.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use std::sync::LazyLock;

pub const ZH_FTL: &str = include_str!("../locales/zh.ftl");
pub const EN_FTL: &str = include_str!("../locales/en.ftl");

/// Output language of every user-facing sentence.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    /// 简体中文
    #[default]
    Zh,
    /// English
    En,
}

type Bundle = FluentBundle<FluentResource>;

static ZH: LazyLock<Bundle> = LazyLock::new(|| bundle(ZH_FTL, "zh-CN"));
static EN: LazyLock<Bundle> = LazyLock::new(|| bundle(EN_FTL, "en"));

fn bundle(source: &str, locale: &str) -> Bundle {
    // Both files are part of the binary and parsed by a test; a syntax error there is
    // a build defect, never a user's mistake.
    let resource =
        FluentResource::try_new(source.to_owned()).unwrap_or_else(|(resource, _)| resource);
    let mut bundle = FluentBundle::new_concurrent(vec![locale.parse().expect("valid locale")]);
    bundle.set_use_isolating(false);
    let _ = bundle.add_resource(resource);
    bundle
}

/// A value a message is filled with: anything shown with `Display`, or a [`Msg`] whose
/// own language is taken (a list already worded per language).
///
/// [`Msg`]: crate::findings::Msg
pub trait Arg {
    fn value(&self, lang: Lang) -> String;
}

impl<T: std::fmt::Display + ?Sized> Arg for T {
    fn value(&self, _: Lang) -> String {
        self.to_string()
    }
}

/// The message `id` in `lang`, filled with `args` (Rust names; `_` becomes `-`). An
/// unknown id gives the id itself, which the catalogue test rules out.
pub fn text(lang: Lang, id: &str, args: &[(&str, &dyn Arg)]) -> String {
    let bundle: &Bundle = match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    };
    let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
        return id.to_owned();
    };
    let mut fluent = FluentArgs::new();
    for (name, value) in args {
        let value = value.value(lang);
        // Counts go in as numbers, so that English can say "1 photo", "2 photos".
        // Only a plain integer short enough not to be a phone number or an ID.
        let number = value
            .parse::<u32>()
            .ok()
            .filter(|n| n.to_string() == value && value.len() <= 9);
        match number {
            Some(n) => fluent.set(name.replace('_', "-"), f64::from(n)),
            None => fluent.set(name.replace('_', "-"), value),
        }
    }
    let mut errors = Vec::new();
    bundle
        .format_pattern(pattern, Some(&fluent), &mut errors)
        .into_owned()
}

/// The message `id` in one language: `tr!(lang, "id", n, total = a + b)`.
#[macro_export]
macro_rules! tr {
    (@arg $name:ident) => { $name };
    (@arg $name:ident = $value:expr) => { $value };
    ($lang:expr, $id:literal $(, $name:ident $(= $value:expr)?)* $(,)?) => {
        $crate::messages::text(
            $lang,
            $id,
            &[$((stringify!($name), &$crate::tr!(@arg $name $(= $value)?) as &dyn $crate::messages::Arg)),*],
        )
    };
}
