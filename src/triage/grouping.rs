//! Folders that only group a section's entries: exemplars split by district (和平区/
//! with two, 新民市/ with one), by batch (第一批/) or by type (文字材料/, 视频/). Such a
//! folder is not an entry of its own; the things in it are. Decided from names, never
//! from bytes.

use std::sync::LazyLock;

use regex::Regex;

use super::Material;
use super::names::{normalize, place_stem, strip_ordinal};
use super::sections::{matching_words, name_for_matching};
use crate::intake::{EntryId, Submission};
use crate::rules::Rules;

static GROUPING: LazyLock<Regex> =
    LazyLock::new(|| crate::vocabulary::pattern(&crate::vocabulary::WORDS.sections.grouping));

/// Whether `dir`, inside the section of requirement `requirement`, groups entries
/// rather than being one: its name is a grouping word, a place, or the requirement's
/// own words and nothing else. Nothing else is taken for a grouping: a folder of one
/// person's 事迹材料/ and 推荐表/ is one exemplar, so a false count of several is worse
/// than counting a folder of several once.
pub fn is_grouping(
    rules: &Rules,
    sub: &Submission,
    material: &Material,
    dir: EntryId,
    requirement: usize,
) -> bool {
    if material.children(sub, dir).next().is_none() || !sub.entry(dir).is_dir() {
        return false;
    }
    let stem = sub.entry(dir).stem();
    let name = normalize(strip_ordinal(stem));
    if GROUPING.is_match(&name) || is_place(rules, &name) {
        return true;
    }
    only_requirement_words(&rules.requirements[requirement], stem)
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

/// 先进典型, 典型: the requirement's words, no more. Anything left over (典型1, 案例二,
/// 先进典型材料) may be one entry's folder, which is counted once.
fn only_requirement_words(req: &crate::rules::Requirement, stem: &str) -> bool {
    let name = name_for_matching(stem);
    let rest = without_words(&name, req, &[]);
    rest != name && rest.trim_matches(|c: char| !c.is_alphanumeric()).is_empty()
}

/// `name` without the requirement's words (keywords and synonyms, as compared) and the
/// `more` given, longest first.
fn without_words(name: &str, req: &crate::rules::Requirement, more: &[String]) -> String {
    let mut words: Vec<String> = matching_words(req)
        .into_iter()
        .map(|(_, compared)| compared.into_owned())
        .chain(more.iter().cloned())
        .collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
    words
        .iter()
        .fold(name.to_owned(), |rest, w| rest.replace(w.as_str(), ""))
}

static PART_MARK: LazyLock<Regex> =
    LazyLock::new(|| crate::vocabulary::pattern(&crate::vocabulary::WORDS.sections.part_mark));

/// What names the account a file holds, for joining the files of one account: its
/// name as compared, without a part mark (邓秀英事迹（二） -> 邓秀英事迹), and whether it
/// had one. A mark after words that name nothing of their own (典型（二）, 材料（三）)
/// numbers separate entries and is kept.
pub fn account_key(req: &crate::rules::Requirement, stem: &str) -> (String, bool) {
    let name = name_for_matching(stem);
    let Some(mark) = PART_MARK.find(&name) else {
        return (name, false);
    };
    let base = name[..mark.start()].to_owned();
    let generic = &crate::vocabulary::WORDS.sections.generic_words;
    let rest = without_words(&base, req, generic);
    if rest.chars().filter(|c| c.is_alphanumeric()).count() < 2 {
        return (name, false);
    }
    (base, true)
}
