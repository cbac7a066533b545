//! How a boards section is laid out into boards: a folder per board, files grouped by
//! their board labels, a labelled text beside a labelled photo folder, texts and photos
//! kept apart by kind and joined by label, and one text headed for several boards.

use crate::codes::Code;
use crate::findings::Findings;
use crate::inspect::Facts;
use crate::intake::EntryId;
use crate::triage::names::board_label;
use crate::view::context::Context;

/// One board as laid out: a folder of its own (layout a), or the files and folders
/// sharing a board label (b: "展板一-读书会.jpg" beside "展板一文字.docx"; c:
/// "展板一 社区教育.docx" beside a folder "展板一照片").
pub(super) struct Group {
    pub(super) name: String,
    /// The number of its board label, when it has one.
    pub(super) number: Option<u32>,
    /// The folder of a board laid out as one folder, for its path and emptiness.
    pub(super) folder: Option<EntryId>,
    pub(super) members: Vec<EntryId>,
}

/// Groups the children of the boards sections into boards; files that are neither in
/// a board folder nor labelled are loose.
pub(super) fn group_boards(ctx: &Context, sections: &[EntryId], out: &mut Findings) -> Layout {
    let mut groups: Vec<Group> = Vec::new();
    let mut labelled: std::collections::BTreeMap<u32, usize> = std::collections::BTreeMap::new();
    let mut by_label = false;
    let mut by_type = Vec::new();
    for &section in sections {
        if !ctx.sub.entry(section).is_dir() {
            loose_file(ctx, section, out);
            continue;
        }
        // A board taken alone out of a folder of two requirements' material.
        let children: Vec<EntryId> = if ctx.single.contains(&section) {
            vec![section]
        } else {
            ctx.material.children(ctx.sub, section).collect()
        };
        for child in by_kind_of_file(ctx, children, &mut by_type) {
            let entry = ctx.sub.entry(child);
            let parts = match ctx.facts(child) {
                Facts::Text(t) if !entry.is_dir() => super::combined::board_parts(&t.text),
                _ => Vec::new(),
            };
            if !parts.is_empty() {
                // One text for several boards, headed by their labels: a member of each.
                by_label = true;
                for (number, heading, _) in &parts {
                    let at = labelled_group(&mut groups, &mut labelled, *number, heading);
                    groups[at].folder = None;
                    groups[at].members.push(child);
                }
                continue;
            }
            let label = board_label(entry.stem());
            match label {
                Some(label) => {
                    let at = labelled_group(&mut groups, &mut labelled, label.number, &label.text);
                    let group = &mut groups[at];
                    if entry.is_dir() && group.members.is_empty() && group.folder.is_none() {
                        group.folder = Some(child);
                        group.name = entry.name.clone();
                    } else {
                        by_label = true;
                        // A labelled folder joined by labelled files: one board of
                        // several members, named by its label.
                        if group.folder.take().is_some() {
                            group.name = label.text.clone();
                        }
                    }
                    group.members.push(child);
                }
                None if entry.is_dir() => groups.push(Group {
                    name: entry.name.clone(),
                    number: None,
                    folder: Some(child),
                    members: vec![child],
                }),
                None => loose_file(ctx, child, out),
            }
        }
    }
    Layout {
        groups,
        by_label,
        by_type,
    }
}

/// The board labelled `number`, made when it is the first thing so labelled.
fn labelled_group(
    groups: &mut Vec<Group>,
    labelled: &mut std::collections::BTreeMap<u32, usize>,
    number: u32,
    text: &str,
) -> usize {
    *labelled.entry(number).or_insert_with(|| {
        groups.push(Group {
            name: text.to_owned(),
            number: Some(number),
            folder: None,
            members: Vec::new(),
        });
        groups.len() - 1
    })
}

/// How the boards were laid out: the boards, whether files were grouped by their
/// labels, and the folders that keep one kind of file (展板文字/, 展板照片/).
pub(super) struct Layout {
    pub(super) groups: Vec<Group>,
    pub(super) by_label: bool,
    pub(super) by_type: Vec<EntryId>,
}

/// The section's children, with the folders that sort files by kind rather than by
/// board (展板文字/ beside 展板照片/) opened: an unlabelled folder whose files carry
/// board labels holds parts of several boards, which the labels put together.
fn by_kind_of_file(
    ctx: &Context,
    children: Vec<EntryId>,
    opened: &mut Vec<EntryId>,
) -> Vec<EntryId> {
    let mut out = Vec::with_capacity(children.len());
    for child in children {
        let entry = ctx.sub.entry(child);
        let inner: Vec<EntryId> = ctx.material.children(ctx.sub, child).collect();
        let labelled_inside = inner
            .iter()
            .filter(|&&c| board_label(ctx.sub.entry(c).stem()).is_some())
            .count();
        if entry.is_dir() && board_label(entry.stem()).is_none() && labelled_inside > 0 {
            // Only a folder of labelled files sorts by kind; one of board folders is a
            // container (展板/展板一/), said as nothing.
            let files_inside = inner.iter().any(|&c| !ctx.sub.entry(c).is_dir());
            if files_inside {
                opened.push(child);
            }
            out.extend(inner);
        } else {
            out.push(child);
        }
    }
    out
}

pub(super) fn loose_file(ctx: &Context, file: EntryId, out: &mut Findings) {
    let name = ctx.name(file);
    out.push(
        Code::BoardsLooseFile,
        ctx.path(file),
        msg!("boards-loose-file", name),
    );
}
