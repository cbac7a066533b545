//! Placing a submission's entries under its requirements (`triage::placement`),
//! with the bytes triage does not read: the titles of documents whose names place them
//! nowhere. What is read for a title is kept, so that it is not read again.

use std::cell::RefCell;
use std::collections::HashMap;

use super::substance;
use crate::codes::Code;
use crate::findings::Finding;
use crate::inspect::{self, Facts};
use crate::intake::{EntryId, Submission};
use crate::rules::Rules;
use crate::triage::Material;
use crate::triage::placement::{self, Placement};

/// The submission's placement, and the facts of the files read for their titles.
pub(super) fn place(
    rules: &Rules,
    sub: &Submission,
    root: EntryId,
    material: &Material,
) -> (Placement, HashMap<EntryId, Facts>) {
    let read = RefCell::new(HashMap::new());
    let titles = |id: EntryId| -> Option<String> {
        let class = inspect::classify(&sub.entry(id).extension());
        if !matches!(
            class,
            inspect::FileClass::Document | inspect::FileClass::Sheet
        ) {
            return None;
        }
        let facts = crate::isolate::inspect(sub, id, &rules.reading);
        let title = substance::title_of(&facts);
        read.borrow_mut().insert(id, facts);
        title
    };
    let mut placement = placement::assign(rules, sub, root, material, &titles);
    let read = read.into_inner();
    unreadable_unmatched(sub, &read, &mut placement.notes);
    (placement, read)
}

/// A document matching no requirement that could not even be read for its title is
/// said to be unreadable, not merely unmatched: the user learns that it is damaged.
fn unreadable_unmatched(
    sub: &Submission,
    read: &HashMap<EntryId, Facts>,
    notes: &mut [(Option<usize>, Finding)],
) {
    for (id, facts) in read {
        let Facts::Problem(_, why) = facts else {
            continue;
        };
        let entry = sub.entry(*id);
        let unmatched = notes
            .iter_mut()
            .find(|(_, f)| f.code == Code::SectionUnmatched && f.path == entry.path);
        if let Some((_, finding)) = unmatched {
            let name = &entry.name;
            finding.message = msg!("section-unmatched-unreadable", name, why);
        }
    }
}
