//! Finding each requirement's section: the files and folders at the top of a
//! submission whose names contain the requirement's keywords.
//!
//! Staff name things loosely ("01工作方案", "一、工作方案", "（3）特色案例"), so leading
//! ordinals are ignored, and a submission that is one wrapper folder is entered.

use std::borrow::Cow;

use super::Material;
use super::names::{board_label, normalize, strip_ordinal};
use crate::inspect::classify;
use crate::intake::{EntryId, Submission};
use crate::rules::{Rule, Rules};

/// The folder the sections live in: the root, or the single folder it wraps. A
/// single folder that is itself a section ("02宣传展板材料" resent alone) is not a
/// wrapper, unless what it holds looks like sections too, or its name is that of the
/// whole submission (活动周报送材料（展板、方案、案例、典型、名单）).
pub fn effective_root(rules: &Rules, sub: &Submission, material: &Material) -> EntryId {
    root_below(rules, sub, material, Submission::ROOT)
}

/// [`effective_root`] from `start` down: where a wrapper named for the whole
/// submission leads (itself, or the folder it wraps on its own, 材料/).
pub fn root_below(rules: &Rules, sub: &Submission, material: &Material, start: EntryId) -> EntryId {
    let mut root = start;
    loop {
        let kept: Vec<EntryId> = material.children(sub, root).collect();
        match kept.as_slice() {
            [only] if sub.entry(*only).is_dir() => {
                // "抚顺市展板" holding only "二、宣传展板材料": a wrapper whose name
                // happens to hold a keyword, since what it holds is that section
                // itself. A board folder ("展板1") inside is a part, not a section.
                let section = best_match(rules, sub, *only);
                let inside: Vec<EntryId> = material.children(sub, *only).collect();
                let wraps_its_own_kind = match inside.as_slice() {
                    [child] => {
                        let entry = sub.entry(*child);
                        entry.is_dir()
                            && section.is_some()
                            && best_match(rules, sub, *child) == section
                            && board_label(entry.stem()).is_none()
                    }
                    _ => false,
                };
                if section.is_some()
                    && !wraps_its_own_kind
                    && matched_requirements(rules, sub, *only, material) < 2
                    && !names_whole_submission(rules, sub, *only)
                {
                    return root;
                }
                root = *only;
            }
            _ => return root,
        }
    }
}

/// Whether `id`, a folder or an archive, is named for the whole submission: for most
/// requirements (more than half of them), or for two or more beside a word for the
/// whole (报送, 全部, 材料 not right after a requirement's word: 活动周报送材料（方案、
/// 展板）, but not 特色案例及先进典型材料). Where it sits decides the rest, see
/// [`wraps_submission`]. A zip 全民终身学习活动周报送材料（展板、方案、案例、典型、名单）
/// around 材料/ is the submission, not one folder of several requirements' material.
pub fn names_whole_submission(rules: &Rules, sub: &Submission, id: EntryId) -> bool {
    let entry = sub.entry(id);
    if !entry.is_dir() {
        return false;
    }
    let named = matches_of(rules, sub, id).len();
    named >= 2 && (2 * named > rules.requirements.len() || has_whole_word(rules, entry.stem()))
}

/// Whether `id`, at the top of a submission beside `siblings`, is the submission
/// itself, to be entered: named for it, and not among folders named for requirements
/// (01工作方案/, 02报送材料（展板及案例）/, 04先进典型/), where a name of several
/// requirements is one folder holding their material. Files beside it (a summary
/// sent later, a cover letter) do not make it such a folder.
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
    words.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
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

/// How many different requirements the entries directly in `dir` match.
pub fn matched_requirements(
    rules: &Rules,
    sub: &Submission,
    dir: EntryId,
    material: &Material,
) -> usize {
    let mut seen: Vec<usize> = material
        .children(sub, dir)
        .filter_map(|c| best_match(rules, sub, c))
        .collect();
    seen.sort_unstable();
    seen.dedup();
    seen.len()
}

/// A keyword and its synonyms, each beside its form as names are compared.
type Synonyms = (&'static str, Vec<(&'static str, String)>);

/// The vocabulary's synonyms of each keyword.
static SYNONYMS: std::sync::LazyLock<Vec<Synonyms>> = std::sync::LazyLock::new(|| {
    crate::vocabulary::WORDS
        .sections
        .synonyms
        .iter()
        .map(|(keyword, more)| {
            let more = more
                .iter()
                .map(|w| (w.as_str(), name_for_matching(w)))
                .collect();
            (keyword.as_str(), more)
        })
        .collect()
});

/// The words that find a requirement: its keywords and, for each, the synonyms and
/// typos offices use (vocabulary.toml `[sections]`), each beside its form as names are
/// compared.
pub(super) fn matching_words(req: &crate::rules::Requirement) -> Vec<(&str, Cow<'static, str>)> {
    let mut words = Vec::new();
    for k in &req.keywords {
        words.push((k.as_str(), Cow::Owned(name_for_matching(k))));
        if let Some((_, more)) = SYNONYMS.iter().find(|(keyword, _)| keyword == k) {
            words.extend(more.iter().map(|(w, m)| (*w, Cow::Borrowed(m.as_str()))));
        }
    }
    words
}

/// A requirement a name or title matches: its index, how well the entry fits its kind
/// (lower is better) and the word found.
#[derive(Clone, Copy, Debug)]
pub(super) struct Match<'r> {
    pub(super) requirement: usize,
    pub(super) fit: u8,
    pub(super) word: &'r str,
}

/// The requirements `text` (a name or a title) names, among `allowed`, best first.
pub(super) fn matches_in<'r>(
    rules: &'r Rules,
    sub: &Submission,
    id: EntryId,
    text: &str,
    allowed: &[usize],
) -> Vec<Match<'r>> {
    let text = name_for_matching(text);
    let entry = sub.entry(id);
    let class = (!entry.is_dir()).then(|| classify(&entry.extension()));
    let mut matches: Vec<Match> = allowed
        .iter()
        .filter_map(|&i| {
            let req = &rules.requirements[i];
            let fit = match class {
                None => 0,
                Some(class) => req.kind.fit(class)?,
            };
            matching_words(req)
                .into_iter()
                .filter(|(_, compared)| text.contains(compared.as_ref()))
                .map(|(word, _)| word)
                .max_by_key(|w| w.chars().count())
                .map(|word| Match {
                    requirement: i,
                    fit,
                    word,
                })
        })
        .collect();
    // Best fit, then longest word; the sort is stable, so ties keep rule order.
    matches.sort_by_key(|m| (m.fit, std::cmp::Reverse(m.word.chars().count())));
    matches
}

/// The requirements an entry's name matches, best first.
pub(super) fn matches_of<'r>(rules: &'r Rules, sub: &Submission, id: EntryId) -> Vec<Match<'r>> {
    let all: Vec<usize> = (0..rules.requirements.len()).collect();
    matches_in(rules, sub, id, sub.entry(id).stem(), &all)
}

/// A name as keywords are looked for in it: without its ordinal, spacing ("工作 方案",
/// "工　作　方　案") and full-width forms, in lower case.
pub fn name_for_matching(name: &str) -> String {
    normalize(strip_ordinal(name)).to_lowercase()
}

/// Whether `name` holds one of the requirement's keywords (or their synonyms).
pub fn names_requirement(req: &crate::rules::Requirement, name: &str) -> bool {
    let name = name_for_matching(name);
    matching_words(req)
        .iter()
        .any(|(_, compared)| name.contains(compared.as_ref()))
}

fn best_match(rules: &Rules, sub: &Submission, id: EntryId) -> Option<usize> {
    matches_of(rules, sub, id).first().map(|m| m.requirement)
}

/// How well an entry fits a requirement of this kind as its section: `None` when it
/// cannot be one, lower is better. A document named "开幕式方案.docx" fits the plan
/// better than the roster, though a roster may be a Word table.
pub(super) fn kind_fit(kind: &dyn Rule, sub: &Submission, id: EntryId) -> Option<u8> {
    let entry = sub.entry(id);
    if entry.is_dir() {
        return Some(0);
    }
    kind.fit(classify(&entry.extension()))
}

/// For every entry of the submission, the requirement (by index) whose section holds
/// it: a section entry and everything under it.
pub fn owners(sub: &Submission, sections: &[Vec<EntryId>]) -> Vec<Option<usize>> {
    let mut owner = vec![None; sub.entries.len()];
    for (requirement, section) in sections.iter().enumerate() {
        let mut stack = section.clone();
        while let Some(id) = stack.pop() {
            owner[id].get_or_insert(requirement);
            stack.extend(sub.children(id).iter().copied());
        }
    }
    owner
}

#[cfg(test)]
mod tests {
    use crate::triage::names::strip_ordinal;

    #[test]
    fn a_word_for_the_whole_counts_only_on_its_own() {
        let rules = crate::rules::Rules::default_rules();
        for stem in [
            "全民终身学习活动周报送材料（展板、方案、案例、典型、名单）",
            "全部材料（方案和展板）",
            "材料（展板、案例）",
            "阜新市报送（方案、展板）",
        ] {
            assert!(super::has_whole_word(&rules, stem), "{stem}");
        }
        for stem in [
            "特色案例及先进典型材料",
            "02宣传展板材料",
            "展板和案例",
            "03特色案例及先进典型",
            "宣传材料和案例",
        ] {
            assert!(!super::has_whole_word(&rules, stem), "{stem}");
        }
    }

    #[test]
    fn ordinals_are_stripped() {
        for (name, expected) in [
            ("01工作方案", "工作方案"),
            ("一、工作方案", "工作方案"),
            ("2.宣传展板材料", "宣传展板材料"),
            ("（3）特色案例", "特色案例"),
            ("(3)特色案例", "特色案例"),
            ("01-社区读书会", "社区读书会"),
            ("1、书法课", "书法课"),
            ("3 广场舞", "广场舞"),
            ("2020年读书会", "2020年读书会"),
            ("3位老人学书法", "3位老人学书法"),
            ("1.5万人参加", "1.5万人参加"),
            ("十一、总结", "总结"),
            ("工作方案", "工作方案"),
            ("01", ""),
        ] {
            assert_eq!(strip_ordinal(name), expected, "{name}");
        }
    }
}
