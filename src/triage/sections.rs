//! Finding each requirement's section: the files and folders at the top of a
//! submission whose names contain the requirement's keywords.
//!
//! Staff name things loosely ("01工作方案", "一、工作方案", "（3）特色案例"), so leading
//! ordinals are ignored, and a submission that is one wrapper folder is entered.

use super::Material;
use super::names::{board_label, normalize, strip_ordinal};
use crate::codes::Code;
use crate::findings::Finding;
use crate::inspect::classify;
use crate::intake::{EntryId, Submission};
use crate::rules::{Kind, Rules};
use std::collections::HashSet;

/// The folder the sections live in: the root, or the single folder it wraps. A
/// single folder that is itself a section ("02宣传展板材料" resent alone) is not a
/// wrapper, unless what it holds looks like sections too.
pub fn effective_root(rules: &Rules, sub: &Submission, material: &Material) -> EntryId {
    let mut root = Submission::ROOT;
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
                {
                    return root;
                }
                root = *only;
            }
            _ => return root,
        }
    }
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

/// The words that find a requirement: its keywords and, for each, the synonyms and
/// typos offices use (vocabulary.toml `[sections]`), each with its keyword.
pub fn words_of(req: &crate::rules::Requirement) -> Vec<&str> {
    let synonyms = &crate::vocabulary::WORDS.sections.synonyms;
    let mut words: Vec<&str> = Vec::new();
    for k in &req.keywords {
        words.push(k.as_str());
        if let Some(more) = synonyms.get(k) {
            words.extend(more.iter().map(String::as_str));
        }
    }
    words
}

/// A requirement a name or title matches: its index, how well the entry fits its kind
/// (lower is better) and the word found.
#[derive(Clone, Copy, Debug)]
struct Match<'r> {
    requirement: usize,
    fit: u8,
    word: &'r str,
}

/// The requirements `text` (a name or a title) names, among `allowed`, best first.
fn matches_in<'r>(
    rules: &'r Rules,
    sub: &Submission,
    id: EntryId,
    text: &str,
    allowed: &[usize],
) -> Vec<Match<'r>> {
    let text = name_for_matching(text);
    let mut matches: Vec<Match> = allowed
        .iter()
        .filter_map(|&i| {
            let req = &rules.requirements[i];
            let fit = kind_fit(&req.kind, sub, id)?;
            words_of(req)
                .into_iter()
                .filter(|w| text.contains(&name_for_matching(w)))
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
fn matches_of<'r>(rules: &'r Rules, sub: &Submission, id: EntryId) -> Vec<Match<'r>> {
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
    words_of(req)
        .iter()
        .any(|k| name.contains(&name_for_matching(k)))
}

fn best_match(rules: &Rules, sub: &Submission, id: EntryId) -> Option<usize> {
    matches_of(rules, sub, id).first().map(|m| m.requirement)
}

/// How well an entry fits a requirement of this kind as its section: `None` when it
/// cannot be one, lower is better. A document named "开幕式方案.docx" fits the plan
/// better than the roster, though a roster may be a Word table.
fn kind_fit(kind: &Kind, sub: &Submission, id: EntryId) -> Option<u8> {
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

/// A document's title (its first short lines), asked for only when its name places it
/// nowhere. Triage reads names; the caller reads the bytes.
pub type Titles<'t> = &'t dyn Fn(EntryId) -> Option<String>;

/// How a submission's entries were placed under its requirements.
#[derive(Debug, Default)]
pub struct Placement {
    /// For each requirement (by index), the entries that make up its section.
    pub sections: Vec<Vec<EntryId>>,
    /// Folders placed as one item of a section (a board, a case) rather than as a
    /// folder of items: those taken one by one out of a folder that holds the material
    /// of two requirements, or of none by its name.
    pub single: HashSet<EntryId>,
    /// How the submission was read, for the user: under a requirement, or under none
    /// for what matches no requirement.
    pub notes: Vec<(Option<usize>, Finding)>,
}

/// What placing needs at hand.
struct Placer<'a> {
    rules: &'a Rules,
    sub: &'a Submission,
    material: &'a Material,
    /// None when placing by names alone.
    titles: Option<Titles<'a>>,
}

/// For each requirement, the entries that make up its section: each entry at the top
/// (below `root`) by its name, its synonyms and typos; a document whose name says
/// nothing by its title; a folder whose name says nothing by what it holds (board
/// labels, or names of requirements); a folder named for two requirements
/// (特色案例及先进典型) split by what each thing in it is. Names matching two
/// requirements otherwise go to the one with the longer keyword (then the earlier)
/// and get a warning.
pub fn assign(
    rules: &Rules,
    sub: &Submission,
    root: EntryId,
    material: &Material,
    titles: Titles,
) -> Placement {
    assign_with(rules, sub, root, material, Some(titles))
}

/// [`assign`] by names alone (`titles` None): only what is named for a requirement is
/// placed, as batch asks to tell a submission (named sections at its top) from an
/// inbox (folders named for cities, holding sections).
pub fn assign_with(
    rules: &Rules,
    sub: &Submission,
    root: EntryId,
    material: &Material,
    titles: Option<Titles>,
) -> Placement {
    let placer = Placer {
        rules,
        sub,
        material,
        titles,
    };
    let mut placement = Placement {
        sections: vec![Vec::new(); rules.requirements.len()],
        ..Placement::default()
    };
    for id in material.children(sub, root) {
        placer.place(id, &mut placement);
    }
    placement
}

impl Placer<'_> {
    fn all(&self) -> Vec<usize> {
        (0..self.rules.requirements.len()).collect()
    }

    fn title(&self, i: usize) -> crate::findings::Msg {
        self.rules.requirements[i].name()
    }

    fn name(&self, id: EntryId) -> &str {
        &self.sub.entry(id).name
    }

    fn place(&self, id: EntryId, p: &mut Placement) {
        let entry = self.sub.entry(id);
        let matches = matches_of(self.rules, self.sub, id);
        if entry.is_dir() && joins_two(entry.stem(), &matches) {
            let both: Vec<usize> = matches.iter().map(|m| m.requirement).collect();
            let titles: Vec<crate::findings::Msg> = both.iter().map(|&i| self.title(i)).collect();
            let folder = self.name(id).to_owned();
            let titles = crate::findings::Msg::quoted(&titles);
            p.notes.push((
                Some(matches[0].requirement),
                Finding::new(
                    Code::SectionReadAs,
                    entry.path.clone(),
                    msg!("section-split", folder, titles),
                ),
            ));
            self.split(id, &both, Some(matches[0].requirement), p);
            return;
        }
        if let Some(chosen) = matches.first() {
            p.sections[chosen.requirement].push(id);
            self.said_by_synonym(id, chosen, p);
            for other in &matches[1..] {
                let (used, also) = (self.title(chosen.requirement), self.title(other.requirement));
                p.notes.push((
                    Some(chosen.requirement),
                    Finding::new(
                        Code::SectionAmbiguous,
                        entry.path.clone(),
                        msg!("section-ambiguous", used, also),
                    ),
                ));
            }
            return;
        }
        if self.titles.is_none() {
            return;
        }
        if !entry.is_dir() {
            if !self.by_title(id, &self.all(), p) {
                self.unmatched(id, p);
            }
            return;
        }
        if let Some((boards, labels)) = self.by_board_labels(id) {
            p.sections[boards].push(id);
            let (folder, requirement) = (self.name(id).to_owned(), self.title(boards));
            let labels = crate::findings::Msg::quoted(&labels);
            p.notes.push((
                Some(boards),
                Finding::new(
                    Code::SectionReadAs,
                    entry.path.clone(),
                    msg!("section-by-labels", folder, labels, requirement),
                ),
            ));
            return;
        }
        let children: Vec<EntryId> = self.material.children(self.sub, id).collect();
        let named = children
            .iter()
            .any(|&c| !matches_of(self.rules, self.sub, c).is_empty());
        if named {
            let folder = self.name(id).to_owned();
            p.notes.push((
                None,
                Finding::new(
                    Code::SectionReadAs,
                    entry.path.clone(),
                    msg!("section-folder-contents", folder),
                ),
            ));
            self.split(id, &self.all(), None, p);
        } else {
            self.unmatched(id, p);
        }
    }

    /// Places each thing in `dir` under one of `among` by its own name or title, or
    /// under `default` (a folder named for two requirements) when neither tells.
    fn split(&self, dir: EntryId, among: &[usize], default: Option<usize>, p: &mut Placement) {
        for c in self.material.children(self.sub, dir) {
            let is_dir = self.sub.entry(c).is_dir();
            let matches = matches_in(self.rules, self.sub, c, self.sub.entry(c).stem(), among);
            let to = match matches.first() {
                Some(m) => Some(m.requirement),
                None if !is_dir && self.by_title(c, among, p) => continue,
                None => default.filter(|&d| kind_fit(&self.rules.requirements[d].kind, self.sub, c).is_some()),
            };
            match to {
                Some(i) => {
                    p.sections[i].push(c);
                    if is_dir {
                        p.single.insert(c);
                    }
                }
                None => self.unmatched(c, p),
            }
        }
    }

    /// Places a document by its title; whether it did.
    fn by_title(&self, id: EntryId, among: &[usize], p: &mut Placement) -> bool {
        let Some(title) = self.titles.and_then(|titles| titles(id)) else {
            return false;
        };
        let matches = matches_in(self.rules, self.sub, id, &title, among);
        let Some(best) = matches.first() else {
            return false;
        };
        p.sections[best.requirement].push(id);
        let (name, requirement) = (self.name(id).to_owned(), self.title(best.requirement));
        p.notes.push((
            Some(best.requirement),
            Finding::new(
                Code::SectionReadAs,
                self.sub.entry(id).path.clone(),
                msg!("section-by-title", name, title, requirement),
            ),
        ));
        true
    }

    /// The boards requirement, when `dir` holds things labelled as boards (展板一/,
    /// 展板二-读书会.jpg): a boards folder under another name.
    fn by_board_labels(&self, dir: EntryId) -> Option<(usize, Vec<String>)> {
        let boards = self
            .rules
            .requirements
            .iter()
            .position(|r| matches!(r.kind, Kind::Boards(_)))?;
        let mut labels: Vec<String> = Vec::new();
        for c in self.material.children(self.sub, dir) {
            if let Some(label) = board_label(self.sub.entry(c).stem())
                && !labels.contains(&label.text)
            {
                labels.push(label.text);
            }
        }
        if labels.is_empty() {
            return None;
        }
        Some((boards, labels))
    }

    /// Says that a name was read through a synonym or typo, not the keyword itself.
    fn said_by_synonym(&self, id: EntryId, m: &Match, p: &mut Placement) {
        let req = &self.rules.requirements[m.requirement];
        let name = name_for_matching(self.sub.entry(id).stem());
        if req
            .keywords
            .iter()
            .any(|k| name.contains(&name_for_matching(k)))
        {
            return;
        }
        let (name, word, requirement) = (self.name(id).to_owned(), m.word, req.name());
        p.notes.push((
            Some(m.requirement),
            Finding::new(
                Code::SectionReadAs,
                self.sub.entry(id).path.clone(),
                msg!("section-by-synonym", name, word, requirement),
            ),
        ));
    }

    /// Says that an entry matches no requirement and was not checked.
    fn unmatched(&self, id: EntryId, p: &mut Placement) {
        let name = self.name(id).to_owned();
        p.notes.push((
            None,
            Finding::new(
                Code::SectionUnmatched,
                self.sub.entry(id).path.clone(),
                msg!("section-unmatched", name),
            ),
        ));
    }
}

/// Whether a folder's name joins two requirements (特色案例及先进典型): two different
/// requirements' words found apart, with a conjunction between them.
fn joins_two(stem: &str, matches: &[Match]) -> bool {
    let [first, second, ..] = matches else {
        return false;
    };
    if first.requirement == second.requirement {
        return false;
    }
    let name = name_for_matching(stem);
    let (a, b) = (name_for_matching(first.word), name_for_matching(second.word));
    let (Some(i), Some(j)) = (name.find(&a), name.find(&b)) else {
        return false;
    };
    let (lo, hi) = if i < j { (i + a.len(), j) } else { (j + b.len(), i) };
    if lo > hi {
        return false;
    }
    let between = &name[lo..hi];
    crate::vocabulary::WORDS
        .sections
        .conjunctions
        .iter()
        .any(|c| between.contains(c.as_str()))
}

#[cfg(test)]
mod tests {
    use crate::triage::names::strip_ordinal;

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
