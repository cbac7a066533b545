//! Placing a submission's entries under its requirements: by name (with synonyms and
//! typos), a document by its title when its name says nothing, a folder by what it
//! holds, and a folder named for two requirements split by what each thing in it is.
//! What was read how is said to the user as notes.

use std::collections::HashSet;

use super::Material;
use super::names::board_label;
use super::sections::{Match, kind_fit, matches_in, matches_of, name_for_matching};
use crate::codes::Code;
use crate::findings::Finding;
use crate::intake::{EntryId, Submission};
use crate::rules::Rules;

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
    // A zip named for the whole submission beside a summary or a cover letter is
    // entered, as a lone one is by `effective_root`.
    let top: Vec<EntryId> = material.children(sub, root).collect();
    for &id in &top {
        if super::sections::wraps_submission(rules, sub, id, &top) {
            let inner = super::sections::root_below(rules, sub, material, id);
            for c in material.children(sub, inner) {
                placer.place(c, &mut placement);
            }
        } else {
            placer.place(id, &mut placement);
        }
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
                let (used, also) = (
                    self.title(chosen.requirement),
                    self.title(other.requirement),
                );
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
        self.by_contents(id, p);
    }

    /// Places a folder whose name says nothing by what it holds: board labels, names
    /// of requirements, or the titles of its documents.
    fn by_contents(&self, id: EntryId, p: &mut Placement) {
        let entry = self.sub.entry(id);
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
        } else if let Some(voted) = self.titled_inside(id) {
            self.by_titles_inside(id, &voted, p);
        } else {
            self.unmatched(id, p);
        }
    }

    /// The requirements the titles of a folder's documents name, one per document
    /// whose title names one (附件4/ holding 王丽.docx titled 百姓学习之星王丽…).
    fn titled_inside(&self, dir: EntryId) -> Option<Vec<usize>> {
        let all = self.all();
        let voted: Vec<usize> = self
            .material
            .files_under(self.sub, dir)
            .into_iter()
            .take(crate::limits::TITLES_READ_PER_FOLDER)
            .filter_map(|f| self.title_match(f, &all).map(|(i, _)| i))
            .collect();
        (!voted.is_empty()).then_some(voted)
    }

    /// Places a folder whose name says nothing by the titles of what it holds: whole,
    /// when they all name one requirement, else thing by thing.
    fn by_titles_inside(&self, dir: EntryId, voted: &[usize], p: &mut Placement) {
        let folder = self.name(dir).to_owned();
        let path = self.sub.entry(dir).path.clone();
        if voted.iter().all(|&i| i == voted[0]) {
            let requirement = self.title(voted[0]);
            p.sections[voted[0]].push(dir);
            p.notes.push((
                Some(voted[0]),
                Finding::new(
                    Code::SectionReadAs,
                    path,
                    msg!("section-by-titles-inside", folder, requirement),
                ),
            ));
        } else {
            p.notes.push((
                None,
                Finding::new(
                    Code::SectionReadAs,
                    path,
                    msg!("section-folder-contents", folder),
                ),
            ));
            self.split(dir, &self.all(), None, p);
        }
    }

    /// Places each thing in `dir` under one of `among` by its own name or title, or
    /// under `default` (a folder named for two requirements) when neither tells.
    fn split(&self, dir: EntryId, among: &[usize], default: Option<usize>, p: &mut Placement) {
        for c in self.material.children(self.sub, dir) {
            let is_dir = self.sub.entry(c).is_dir();
            let stem = self.sub.entry(c).stem();
            let mut matches = matches_in(self.rules, self.sub, c, stem, among);
            let photo = !is_dir
                && crate::inspect::classify(&self.sub.entry(c).extension())
                    == crate::inspect::FileClass::Photo;
            if matches.is_empty() && !photo {
                // Named for a requirement the folder's name does not mention (a
                // 工作方案.docx among the cases and exemplars): that one's.
                matches = matches_of(self.rules, self.sub, c);
            }
            let to = match matches.first() {
                Some(m) => Some(m.requirement),
                None if !is_dir && self.by_title(c, among, p) => continue,
                None => (if is_dir { self.inside(c, among) } else { None }).or_else(|| {
                    default.filter(|&d| {
                        kind_fit(&*self.rules.requirements[d].kind, self.sub, c).is_some()
                    })
                }),
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

    /// Which of `among` a folder named for none of them holds (李强事迹/ in a folder of
    /// cases and exemplars): by the names, then the titles, of the files in it.
    fn inside(&self, dir: EntryId, among: &[usize]) -> Option<usize> {
        let files = self.material.files_under(self.sub, dir);
        let by_name = files.iter().find_map(|&f| {
            let stem = self.sub.entry(f).stem();
            matches_in(self.rules, self.sub, f, stem, among)
                .first()
                .map(|m| m.requirement)
        });
        by_name.or_else(|| {
            files
                .iter()
                .find_map(|&f| self.title_match(f, among).map(|(i, _)| i))
        })
    }

    /// The requirement among `among` a document's title names, and the title.
    fn title_match(&self, id: EntryId, among: &[usize]) -> Option<(usize, String)> {
        let title = self.titles.and_then(|titles| titles(id))?;
        let matches = matches_in(self.rules, self.sub, id, &title, among);
        matches.first().map(|m| (m.requirement, title))
    }

    /// Places a document by its title; whether it did.
    fn by_title(&self, id: EntryId, among: &[usize], p: &mut Placement) -> bool {
        let Some((best, title)) = self.title_match(id, among) else {
            return false;
        };
        p.sections[best].push(id);
        let (name, requirement) = (self.name(id).to_owned(), self.title(best));
        p.notes.push((
            Some(best),
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
            .position(|r| r.kind.holds_boards())?;
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
    let (a, b) = (
        name_for_matching(first.word),
        name_for_matching(second.word),
    );
    let (Some(i), Some(j)) = (name.find(&a), name.find(&b)) else {
        return false;
    };
    let (lo, hi) = if i < j {
        (i + a.len(), j)
    } else {
        (j + b.len(), i)
    };
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
