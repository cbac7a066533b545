//! Findings: what baosong has to say about one file or one requirement.
//!
//! A finding is data, not an error: a broken photo in the user's folder is a finding
//! with code, severity, path and a message in both languages, and the run goes on.

pub use crate::codes::{Code, Lang, Severity};
use crate::messages::Arg;

/// One sentence in both output languages; the report picks one.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Msg {
    pub zh: String,
    pub en: String,
}

impl Msg {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Self {
        Msg {
            zh: zh.into(),
            en: en.into(),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }

    /// Joins several messages with the language's list separator.
    pub fn join(parts: &[Msg]) -> Msg {
        Self::joined(parts.iter().map(|m| m as &dyn Arg), "sep-clauses")
    }

    /// "A、B、C" / "A, B, C".
    pub fn list<T: Arg>(items: &[T]) -> Msg {
        Self::joined(items.iter().map(|i| i as &dyn Arg), "sep-list")
    }

    /// The inside of a quoted list: “A”“B” / "A", "B" once the message adds the outer
    /// quotes.
    pub fn quoted<T: Arg>(items: &[T]) -> Msg {
        Self::joined(items.iter().map(|i| i as &dyn Arg), "sep-quoted")
    }

    /// The inside of quoted alternatives: “A”或“B” / "A" or "B".
    pub fn alternatives<T: Arg>(items: &[T]) -> Msg {
        Self::joined(items.iter().map(|i| i as &dyn Arg), "sep-alternatives")
    }

    fn joined<'a>(items: impl Iterator<Item = &'a dyn Arg> + Clone, separator: &str) -> Msg {
        let one = |lang: Lang| {
            let separator = crate::messages::text(lang, separator, &[]);
            items
                .clone()
                .map(|i| i.value(lang))
                .collect::<Vec<_>>()
                .join(&separator)
        };
        Msg {
            zh: one(Lang::Zh),
            en: one(Lang::En),
        }
    }
}

/// Builds a [`Msg`] in both languages from the catalogue: `msg!("id", name, n = a + b)`.
#[macro_export]
macro_rules! msg {
    ($id:literal $(, $name:ident $(= $value:expr)?)* $(,)?) => {
        $crate::findings::Msg {
            zh: $crate::tr!($crate::codes::Lang::Zh, $id $(, $name $(= $value)?)*),
            en: $crate::tr!($crate::codes::Lang::En, $id $(, $name $(= $value)?)*),
        }
    };
}

impl Arg for Msg {
    fn value(&self, lang: Lang) -> String {
        self.get(lang).to_owned()
    }
}

impl Arg for &Msg {
    fn value(&self, lang: Lang) -> String {
        self.get(lang).to_owned()
    }
}

/// Why baosong cannot take a path or write an output at all (exit status 2): an error
/// the binary says in the user's language. `Display` gives the English, for logs.
#[derive(Debug)]
pub struct Refusal(pub Msg);

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0.en)
    }
}

impl std::error::Error for Refusal {}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub code: Code,
    pub severity: Severity,
    /// Path relative to the submission root, `/`-separated; empty for the whole
    /// submission or a missing section.
    pub path: String,
    pub message: Msg,
}

impl Finding {
    pub fn new(code: Code, path: impl Into<String>, message: Msg) -> Self {
        Finding {
            code,
            severity: code.severity(),
            path: path.into(),
            message,
        }
    }
}

/// Findings collected by one check.
#[derive(Debug, Default)]
pub struct Findings(pub Vec<Finding>);

impl Findings {
    pub fn push(&mut self, code: Code, path: impl Into<String>, message: Msg) {
        self.0.push(Finding::new(code, path, message));
    }

    pub fn has_errors(&self) -> bool {
        self.0.iter().any(|f| f.severity == Severity::Error)
    }
}
