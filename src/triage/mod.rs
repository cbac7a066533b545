//! Triage: between intake and inspect, what of a submission is material (not debris,
//! links or empty files) and which top-level entries are each requirement's section.
//! Batch uses it to tell an inbox from a submission; check uses it to find what to
//! inspect. It reads names only, never bytes.

pub mod cities;
pub mod grouping;
pub mod hygiene;
pub mod names;
pub mod placement;
pub mod sections;

use crate::intake::{EntryId, Submission};
use crate::rules::Rules;
use hygiene::Verdict;

/// Which entries are material, as opposed to debris, shortcuts and empty files.
pub struct Material(pub Vec<Verdict>);

impl Material {
    pub fn contains(&self, id: EntryId) -> bool {
        self.0[id] == Verdict::Material
    }

    pub fn children<'a>(
        &'a self,
        sub: &'a Submission,
        id: EntryId,
    ) -> impl Iterator<Item = EntryId> + 'a {
        sub.children(id)
            .iter()
            .copied()
            .filter(|&c| self.contains(c))
    }

    pub fn files_under(&self, sub: &Submission, id: EntryId) -> Vec<EntryId> {
        let mut files = sub.files_under(id);
        files.retain(|&f| self.contains(f));
        files
    }
}

/// How many requirements find a section in this submission: how much it looks like one.
pub fn section_count(rules: &Rules, sub: &Submission) -> usize {
    let material = Material(hygiene::scan(sub, &mut crate::intake::Problems::default()));
    let root = sections::effective_root(rules, sub, &material);
    placement::assign_with(rules, sub, root, &material, None)
        .sections
        .iter()
        .filter(|s| !s.is_empty())
        .count()
}
