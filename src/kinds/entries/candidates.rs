//! Which files and folders of an entries section are its entries: those directly in
//! it, and those in folders that only group them (by district, batch or type); the
//! files of one account (its text and its video, or its parts) make one entry.

use crate::intake::EntryId;
use crate::view::context::Context;

/// The entries of the sections: every file or folder directly in them, and in the
/// folders that only group them (by district, batch or type), originals before their
/// Windows copies ("典型1 - 副本" sorts before "典型1"), so that the original is the
/// one that counts. Also returns the grouping folders, for the summary.
pub(super) fn candidates(ctx: &Context, sections: &[EntryId]) -> (Vec<EntryId>, Vec<EntryId>) {
    let mut candidates = Vec::new();
    let mut groupings = Vec::new();
    for &section in sections {
        let is_dir = ctx.sub.entry(section).is_dir();
        if is_dir && !ctx.single.contains(&section) {
            expand(ctx, section, 0, &mut candidates, &mut groupings);
        } else if is_dir && is_grouping(ctx, section) {
            groupings.push(section);
            expand(ctx, section, 1, &mut candidates, &mut groupings);
        } else {
            candidates.push(section);
        }
    }
    candidates.sort_by_key(|&c| {
        crate::kinds::boards::check::caption(ctx.sub.entry(c).stem()).had_copy_mark
    });
    (candidates, groupings)
}

/// How deep grouping folders are entered (区/街道/第一批).
const GROUPING_DEPTH: usize = 3;

fn is_grouping(ctx: &Context, dir: EntryId) -> bool {
    let requirement = ctx.requirement.get();
    crate::triage::grouping::is_grouping(ctx.rules, ctx.sub, ctx.material, dir, requirement)
}

/// The entries in `dir`: its children, and those of the grouping folders among them.
fn expand(
    ctx: &Context,
    dir: EntryId,
    depth: usize,
    candidates: &mut Vec<EntryId>,
    groupings: &mut Vec<EntryId>,
) {
    for child in ctx.material.children(ctx.sub, dir) {
        if depth < GROUPING_DEPTH && is_grouping(ctx, child) {
            groupings.push(child);
            expand(ctx, child, depth + 1, candidates, groupings);
        } else {
            candidates.push(child);
        }
    }
}

/// One entry: the file or folder that names it, and every file it holds.
pub(super) struct Candidate {
    pub entry: EntryId,
    pub files: Vec<EntryId>,
    /// The other files joined to it as the same account.
    pub joined: Vec<EntryId>,
}

/// Joins the files that are one account into one entry: a text and a video of the
/// same name (王丽.docx, 王丽.mp4), one video in two formats, an account in parts
/// (邓秀英事迹（一）, （二）). Files of one name and format lie in different folders and
/// stay apart, as do folders.
pub(super) fn join_accounts(ctx: &Context, candidates: Vec<EntryId>) -> Vec<Candidate> {
    let req = &ctx.rules.requirements[ctx.requirement.get()];
    let mut out: Vec<Candidate> = Vec::new();
    let mut keys: Vec<Option<(String, bool, String)>> = Vec::new();
    for c in candidates {
        let entry = ctx.sub.entry(c);
        let files = ctx.material.files_under(ctx.sub, c);
        if entry.is_dir() {
            out.push(Candidate {
                entry: c,
                files,
                joined: Vec::new(),
            });
            keys.push(None);
            continue;
        }
        let (key, part) = crate::triage::grouping::account_key(req, entry.stem());
        let ext = entry.extension();
        let same = keys.iter().position(|k| {
            k.as_ref()
                .is_some_and(|(k, p, e)| *k == key && (part || *p || *e != ext))
        });
        match same {
            Some(i) => {
                out[i].files.extend(files);
                out[i].joined.push(c);
            }
            None => {
                out.push(Candidate {
                    entry: c,
                    files,
                    joined: Vec::new(),
                });
                keys.push(Some((key, part, ext)));
            }
        }
    }
    out
}
