//! The rules file exactly as written: plain serde structs that reject unknown keys.
//! Nothing here judges values; `rules::validate` does, with line numbers.

use serde::Deserialize;
use toml::Spanned;

use crate::inspect::wordcount::CountMethod;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawRules {
    pub name: String,
    /// The year the material is for; derived from the deadlines when absent.
    pub year: Option<Spanned<i32>>,
    pub organizer: Option<String>,
    /// The notice's title and number, as letters quote it.
    pub notice: Option<String>,
    /// The organizer's contact person and phone, as letters end with it.
    pub contact: Option<String>,
    /// Submitter -> its contact person and phone, for the tracker.
    #[serde(default)]
    pub contacts: std::collections::BTreeMap<String, Spanned<String>>,
    /// Submitter -> the mail addresses it is known to send from.
    #[serde(default)]
    pub addresses: std::collections::BTreeMap<String, Spanned<Vec<String>>>,
    pub submitters: Option<Spanned<Vec<String>>>,
    /// Submitter -> the districts, counties and county-level cities within it.
    #[serde(default)]
    pub places: std::collections::BTreeMap<String, Spanned<Vec<String>>>,
    /// Globs of names in an inbox that are no one's submission (the office's own files).
    #[serde(default)]
    pub ignore: Vec<String>,
    #[serde(default)]
    pub counting: RawCounting,
    #[serde(default)]
    pub evidence: RawEvidence,
    #[serde(default)]
    pub limits: RawLimits,
    /// Finding code -> "error" | "warning" | "info" | "off".
    #[serde(default)]
    pub severity: std::collections::BTreeMap<String, Spanned<String>>,
    #[serde(rename = "requirement", default)]
    pub requirements: Vec<Spanned<RawRequirement>>,
}

/// `[counting]`: which parts of a document count toward its 字数.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawCounting {
    pub notes: Option<bool>,
    pub headers_footers: Option<bool>,
}

/// `[limits]`: what reading one file may cost.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawLimits {
    pub read_mb: Option<Spanned<u32>>,
    pub pdf_seconds: Option<Spanned<u32>>,
    pub reader_mb: Option<Spanned<u32>>,
    pub reader_seconds: Option<Spanned<u32>>,
}

/// `[evidence]`: the parameters of the checks a reviewer would make by eye.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawEvidence {
    /// [first day, last day] in which photos of the week were taken.
    pub activity_period: Option<Spanned<Vec<toml::Value>>>,
    pub mail_limit_mb: Option<Spanned<u32>>,
    /// Share of shared 4-character shingles above which two texts are "nearly the same".
    pub similar_text: Option<Spanned<f64>>,
    pub placeholder_patterns: Option<Vec<Spanned<String>>>,
    pub editor_software: Option<Vec<String>>,
}

/// One `[[requirement]]`. Kind-specific keys are optional here; validation rejects
/// keys that do not belong to the requirement's kind.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawRequirement {
    pub id: Spanned<String>,
    pub title: String,
    pub title_en: Option<String>,
    /// A column header for the city matrix (方案, 展板...).
    pub short: Option<String>,
    /// A TOML date (`2020-10-21`) or the same as a string.
    pub due: Option<Spanned<toml::Value>>,
    /// A name in the registry of `kinds`.
    pub kind: Spanned<String>,
    pub keywords: Spanned<Vec<String>>,

    // document
    pub min_documents: Option<Spanned<u32>>,

    // boards
    pub min_boards: Option<Spanned<u32>>,
    pub min_text: Option<Spanned<u32>>,
    pub count: Option<CountMethod>,
    pub min_photos: Option<Spanned<u32>>,
    pub max_caption: Option<Spanned<u32>>,
    pub caption_count: Option<CountMethod>,
    pub min_long_edge: Option<Spanned<u32>>,
    pub device_name_patterns: Option<Vec<Spanned<String>>>,

    // entries
    pub min_entries: Option<Spanned<u32>>,
    pub min_text_per_part: Option<Spanned<u32>>,

    // roster
    pub min_people: Option<Spanned<u32>>,
    /// The older single name header; `name-headers` replaces it.
    pub name_column: Option<Spanned<String>>,
    pub name_headers: Option<Spanned<Vec<String>>>,
    pub phone_columns: Option<Vec<String>>,
    pub category_columns: Option<Vec<String>>,
    pub categories: Option<Vec<String>>,
}

impl RawRequirement {
    /// The kind-specific keys that are set.
    pub fn kind_keys(&self) -> Vec<&'static str> {
        let set = [
            (self.min_documents.is_some(), "min-documents"),
            (self.min_boards.is_some(), "min-boards"),
            (self.min_text.is_some(), "min-text"),
            (self.count.is_some(), "count"),
            (self.min_photos.is_some(), "min-photos"),
            (self.max_caption.is_some(), "max-caption"),
            (self.caption_count.is_some(), "caption-count"),
            (self.min_long_edge.is_some(), "min-long-edge"),
            (self.device_name_patterns.is_some(), "device-name-patterns"),
            (self.min_entries.is_some(), "min-entries"),
            (self.min_text_per_part.is_some(), "min-text-per-part"),
            (self.min_people.is_some(), "min-people"),
            (self.name_column.is_some(), "name-column"),
            (self.name_headers.is_some(), "name-headers"),
            (self.phone_columns.is_some(), "phone-columns"),
            (self.category_columns.is_some(), "category-columns"),
            (self.categories.is_some(), "categories"),
        ];
        set.into_iter()
            .filter(|(s, _)| *s)
            .map(|(_, k)| k)
            .collect()
    }
}
