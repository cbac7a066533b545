//! Folders that only group a section's entries: exemplars split by district (和平区/
//! with two, 新民市/ with one), by batch (第一批/) or by type (文字材料/, 视频/). Such a
//! folder is not an entry of its own; the things in it are. Decided from names and
//! the shape of the tree, never from bytes.

use std::sync::LazyLock;

use regex::Regex;

use super::Material;
use super::names::{normalize, place_stem, strip_ordinal};
use super::sections::{matching_words, name_for_matching};
use crate::inspect::{FileClass, classify};
use crate::intake::{EntryId, Submission};
use crate::rules::Rules;

static GROUPING: LazyLock<Regex> =
    LazyLock::new(|| crate::vocabulary::pattern(&crate::vocabulary::WORDS.sections.grouping));

/// Whether `dir`, inside the section of requirement `requirement`, groups entries
/// rather than being one: its name is a grouping word, a place, or the requirement's
/// own words and nothing else; or it holds two or more folders that each hold a
/// document or a video.
pub fn is_grouping(
    rules: &Rules,
    sub: &Submission,
    material: &Material,
    dir: EntryId,
    requirement: usize,
) -> bool {
    let children: Vec<EntryId> = material.children(sub, dir).collect();
    if children.is_empty() || !sub.entry(dir).is_dir() {
        return false;
    }
    let stem = sub.entry(dir).stem();
    let name = normalize(strip_ordinal(stem));
    if GROUPING.is_match(&name) || is_place(rules, &name) {
        return true;
    }
    if only_requirement_words(&rules.requirements[requirement], stem) {
        return true;
    }
    let entry_folders = children
        .iter()
        .filter(|&&c| {
            sub.entry(c).is_dir()
                && material.files_under(sub, c).iter().any(|&f| {
                    matches!(
                        classify(&sub.entry(f).extension()),
                        FileClass::Document | FileClass::Video
                    )
                })
        })
        .count();
    entry_folders >= 2
}

/// 和平区, 新民, 沈阳市: a submitter or a place within one, whole.
fn is_place(rules: &Rules, name: &str) -> bool {
    rules
        .submitters
        .iter()
        .any(|s| s == name || place_stem(s) == Some(name))
        || rules
            .places
            .iter()
            .any(|(_, place)| place == name || place_stem(place) == Some(name))
}

/// 先进典型, 典型材料汇总: the requirement's words and generic words, no more. A number
/// left over (典型1, 案例二) makes it one entry, not a heading.
fn only_requirement_words(req: &crate::rules::Requirement, stem: &str) -> bool {
    let mut rest = name_for_matching(stem);
    let mut words: Vec<String> = matching_words(req)
        .into_iter()
        .map(|(_, compared)| compared.into_owned())
        .collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
    let before = rest.clone();
    let generic = &crate::vocabulary::WORDS.sections.generic_words;
    for w in words.iter().chain(generic) {
        rest = rest.replace(w.as_str(), "");
    }
    rest != before && rest.trim_matches(|c: char| !c.is_alphanumeric()).is_empty()
}
