//! Wrappers named for the whole submission. A city zips its material as
//! 全民终身学习活动周报送材料（展板、方案、案例、典型、名单）.zip around a folder 材料/ that
//! holds the section folders: the zip is the submission itself, to be entered like a
//! wrapper with no name, not a folder of two requirements' material (特色案例及先进典型)
//! whose things are placed one by one. Decided from names and places, never bytes.

use std::cmp::Reverse;

use super::Material;
use super::sections::{matches_of, matching_words, name_for_matching};
use crate::intake::{EntryId, Submission};
use crate::rules::Rules;

/// Whether `id`, a folder or an archive, is named for the whole submission: for most
/// requirements (more than half of them), or for two or more beside a word for the
/// whole (报送, 全部, 材料 not right after a requirement's word: 活动周报送材料（方案、
/// 展板）, but not 特色案例及先进典型材料). Where it sits decides the rest, see
/// [`wraps_submission`].
pub fn names_whole_submission(rules: &Rules, sub: &Submission, id: EntryId) -> bool {
    let entry = sub.entry(id);
    if !entry.is_dir() {
        return false;
    }
    let named = matches_of(rules, sub, id).len();
    named >= 2 && (2 * named > rules.requirements.len() || has_whole_word(rules, entry.stem()))
}

/// Whether `id`, at the top of a submission beside `siblings`, is the submission
/// itself: named for it, and not among folders named for requirements (01工作方案/,
/// 02展板及案例/, 04先进典型/), where a name of several requirements is one folder
/// holding their material. Files beside it (a summary sent later, a cover letter) do
/// not make it such a folder.
pub fn wraps_submission(
    rules: &Rules,
    sub: &Submission,
    id: EntryId,
    siblings: &[EntryId],
) -> bool {
    names_whole_submission(rules, sub, id)
        && !siblings
            .iter()
            .any(|&s| s != id && sub.entry(s).is_dir() && !matches_of(rules, sub, s).is_empty())
}

/// Whether a word for the whole submission stands in `stem` on its own, not right
/// after a requirement's word (典型材料, 宣传材料 name that requirement's material).
fn has_whole_word(rules: &Rules, stem: &str) -> bool {
    const BLANK: &str = "\u{0}";
    let mut words: Vec<String> = rules
        .requirements
        .iter()
        .flat_map(|r| {
            matching_words(r)
                .into_iter()
                .map(|(_, compared)| compared.into_owned())
        })
        .filter(|w| !w.is_empty())
        .collect();
    words.sort_by_key(|w| Reverse(w.chars().count()));
    let name = words.iter().fold(name_for_matching(stem), |name, w| {
        name.replace(w.as_str(), BLANK)
    });
    crate::vocabulary::WORDS
        .sections
        .whole_words
        .iter()
        .map(|w| name_for_matching(w))
        .filter(|w| !w.is_empty())
        .any(|w| {
            name.match_indices(w.as_str())
                .any(|(at, _)| !name[..at].ends_with(BLANK))
        })
}

/// The folder a wrapper named for the whole submission leads to: itself, or the
/// folder it wraps on its own (材料/), as [`super::sections::effective_root`] enters
/// wrappers from the top.
pub fn inner_root(rules: &Rules, sub: &Submission, material: &Material, id: EntryId) -> EntryId {
    super::sections::root_below(rules, sub, material, id)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn whole_word(stem: &str) -> bool {
        has_whole_word(&crate::rules::Rules::default_rules(), stem)
    }

    #[test]
    fn a_word_for_the_whole_counts_only_on_its_own() {
        for stem in [
            "全民终身学习活动周报送材料（展板、方案、案例、典型、名单）",
            "全部材料（方案和展板）",
            "材料（展板、案例）",
            "阜新市报送（方案、展板）",
        ] {
            assert!(whole_word(stem), "{stem}");
        }
        for stem in [
            "特色案例及先进典型材料",
            "02宣传展板材料",
            "展板和案例",
            "03特色案例及先进典型",
            "宣传材料和案例",
        ] {
            assert!(!whole_word(stem), "{stem}");
        }
    }
}
