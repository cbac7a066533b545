//! The Chinese words and patterns baosong recognises, read once from
//! `vocabulary.toml` (part of the binary). Logic asks for them by name; a test
//! proves the file parses and every pattern compiles.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;
use serde::Deserialize;

pub const SOURCE: &str = include_str!("vocabulary.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Vocabulary {
    pub roster: RosterWords,
    pub names: NameWords,
    pub documents: DocumentWords,
    pub sections: SectionWords,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RosterWords {
    pub name_headers: Vec<String>,
    pub phone_columns: Vec<String>,
    pub category_columns: Vec<String>,
    pub total_row: String,
    pub sign_off_row: String,
    pub note_row: String,
    pub placeholder: String,
    /// Characters that make a 5- or 6-character Han name a Mongolian name.
    pub mongolian_name_chars: String,
    /// Words that make a 5- or 6-character cell a unit or a role, not a name.
    pub unit_words: Vec<String>,
    /// The categories whose words address a person (王主任, 李老师).
    pub address_categories: Vec<String>,
    /// Category (领导...) -> the job titles that show it.
    pub categories: BTreeMap<String, Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct NameWords {
    pub default_prefix: String,
    pub default_words: Vec<String>,
    pub board_label: String,
    pub copy_marks: Vec<String>,
    pub photo_number: String,
    pub default_captions: String,
    pub place_suffixes: Vec<String>,
    pub place_prefix_suffix: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct DocumentWords {
    pub part_headings: Vec<String>,
    pub section_words: String,
    pub heading_style: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct SectionWords {
    /// Keyword -> other words (and typos) that stand for it in names and titles.
    pub synonyms: BTreeMap<String, Vec<String>>,
    /// Words joining two requirements in one folder's name.
    pub conjunctions: Vec<String>,
    /// Names of folders that only group entries.
    pub grouping: String,
    /// The mark of one part of an account sent in several files.
    pub part_mark: String,
    /// Words that alone do not name an account.
    pub generic_words: Vec<String>,
    /// Words that make a folder named for several requirements the whole submission.
    pub whole_words: Vec<String>,
}

/// The vocabulary. The file is part of the binary and parsed by a test, so a failure
/// here is a build defect, never a user's mistake.
pub static WORDS: LazyLock<Vocabulary> =
    LazyLock::new(|| toml::from_str(SOURCE).expect("vocabulary.toml is valid"));

/// Compiles a list of the vocabulary's patterns, in order.
pub fn patterns(sources: &[String]) -> Vec<Regex> {
    sources.iter().map(|p| pattern(p)).collect()
}

/// Compiles one of the vocabulary's patterns (checked by the test below).
pub fn pattern(source: &str) -> Regex {
    Regex::new(source).expect("vocabulary patterns are valid")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_vocabulary_parses_and_every_pattern_compiles() {
        let w: Vocabulary = toml::from_str(SOURCE).unwrap();
        let patterns = [
            &w.roster.total_row,
            &w.roster.sign_off_row,
            &w.roster.note_row,
            &w.roster.placeholder,
            &w.names.board_label,
            &w.names.photo_number,
            &w.names.default_captions,
            &w.documents.section_words,
            &w.sections.grouping,
            &w.sections.part_mark,
        ];
        let lists = w.names.copy_marks.iter().chain(&w.documents.part_headings);
        for p in patterns.into_iter().chain(lists) {
            assert!(Regex::new(p).is_ok(), "{p}");
        }
        assert!(
            w.roster
                .categories
                .values()
                .all(|titles| !titles.is_empty())
        );
    }
}
