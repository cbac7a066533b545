//! Which files and folders of an entries section are its entries: those directly in
//! it, and those in folders that only group them (by district, batch or type).

use crate::check::context::Context;
use crate::intake::EntryId;

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
