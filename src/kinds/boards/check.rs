//! Display boards: each sub-folder of the boards section is one board, holding text of
//! at least N 字 and original photos, each named with a short caption.

use std::collections::HashSet;

use super::BoardsRule;
use super::caption::check_caption;
pub use super::caption::{Caption, caption, is_default_caption, is_machine_name};
use crate::check::context::{Admission, Context, Expect};
use crate::check::tally::Earlier;
use crate::codes::Code;
use crate::findings::{Findings, Msg};
use crate::inspect::wordcount::Counts;
use crate::inspect::{Facts, FileClass, NotYetKind, classify};
use crate::intake::EntryId;
pub use crate::triage::names::{BoardLabel, board_label};

/// What one board folder holds, as counted: only text baosong extracted and photos it
/// read count.
struct Board {
    name: String,
    text: Counts,
    documents: usize,
    /// Documents whose text could not be extracted (scans, pictures of text, formats
    /// not read, files over the read limit): named, never counted.
    unverified: Vec<EntryId>,
    photos: usize,
    /// Texts of the board that counted already elsewhere (another board, the plan):
    /// a board whose every text is such a copy is not a board of its own.
    copies: Vec<Earlier>,
    /// What was said of those copies: shown only when the board counts, since a board
    /// that does not is said once, as a board.
    copy_findings: Findings,
}

/// One board as laid out: a folder of its own (layout a), or the files and folders
/// sharing a board label (b: "展板一-读书会.jpg" beside "展板一文字.docx"; c:
/// "展板一 社区教育.docx" beside a folder "展板一照片").
struct Group {
    name: String,
    /// The folder of a board laid out as one folder, for its path and emptiness.
    folder: Option<EntryId>,
    members: Vec<EntryId>,
}

/// Groups the children of the boards sections into boards; files that are neither in
/// a board folder nor labelled are loose.
fn group_boards(ctx: &Context, sections: &[EntryId], out: &mut Findings) -> Layout {
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
            let label = board_label(entry.stem());
            match label {
                Some(label) => {
                    let at = *labelled.entry(label.number).or_insert_with(|| {
                        groups.push(Group {
                            name: label.text.clone(),
                            folder: None,
                            members: Vec::new(),
                        });
                        groups.len() - 1
                    });
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

/// How the boards were laid out: the boards, whether files were grouped by their
/// labels, and the folders that keep one kind of file (展板文字/, 展板照片/).
struct Layout {
    groups: Vec<Group>,
    by_label: bool,
    by_type: Vec<EntryId>,
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

pub fn check(rule: &BoardsRule, ctx: &Context, sections: &[EntryId], out: &mut Findings) -> Msg {
    let mut boards: Vec<Board> = Vec::new();
    let mut photos_seen = HashSet::new();
    let Layout {
        groups,
        by_label,
        by_type,
    } = group_boards(ctx, sections, out);
    for group in &groups {
        let Some(mut board) = check_board(rule, ctx, group, &mut photos_seen, out) else {
            continue;
        };
        let path = group.folder.map_or_else(
            || ctx.path(group.members[0]).to_owned(),
            |f| ctx.path(f).to_owned(),
        );
        if board.documents == 0
            && let Some(&first) = board.copies.first()
        {
            // Every text of the board counted already: the board is another's copy.
            copied_board(ctx, &board.name, &path, first, out);
            continue;
        }
        out.0.append(&mut board.copy_findings.0);
        boards.push(board);
    }
    let min = rule.min_boards as usize;
    let count = boards.len();
    if count < min {
        // Loose documents with pictures pasted in: boards made in Word.
        let pasted: usize = loose_documents(ctx, sections)
            .iter()
            .map(|&f| match ctx.facts(f) {
                Facts::Text(t) => t.pictures,
                _ => 0,
            })
            .sum();
        let message = if pasted > 0 {
            msg!("boards-too-few-pasted", count, min, pasted)
        } else {
            msg!("boards-too-few-layout", count, min)
        };
        out.push(Code::BoardsTooFew, ctx.path(sections[0]), message);
    }
    let method = rule.count;
    let mut parts = vec![msg!("boards-too-few", count)];
    if by_label {
        let labels: Vec<&str> = groups.iter().map(|g| g.name.as_str()).collect();
        let labels = labels.join("/");
        parts.push(msg!("boards-by-label", labels));
    }
    if !by_type.is_empty() {
        let names: Vec<&str> = by_type.iter().map(|&f| ctx.name(f)).collect();
        let folders = Msg::quoted(&names);
        parts.push(msg!("boards-by-type", folders));
    }
    for b in &boards {
        let name = &b.name;
        let words = b.text.get(method);
        let photos = b.photos;
        let min_text = rule.min_text;
        let text = if b.documents == 0 && !b.unverified.is_empty() {
            msg!("board-summary-uncounted", name)
        } else if (words as u64) < u64::from(min_text) {
            msg!("board-summary-short", name, words, min_text)
        } else {
            msg!("board-summary-words", name, words)
        };
        parts.push(msg!("board-summary-photos", text, photos));
    }
    if count < min {
        parts.push(msg!("summary-at-least", min));
    }
    Msg::join(&parts)
}

/// Says that a board is not one of its own: its every text counted already, on an
/// earlier board or as another requirement's material.
fn copied_board(ctx: &Context, name: &str, path: &str, first: Earlier, out: &mut Findings) {
    if first.requirement != ctx.requirement.get() {
        ctx.report_reused(name, path, first, out);
        return;
    }
    let first = ctx.path(first.file);
    out.push(
        Code::ContentDuplicate,
        path,
        msg!("content-duplicate", name, first),
    );
}

/// Documents lying directly in a boards section, outside every board.
fn loose_documents(ctx: &Context, sections: &[EntryId]) -> Vec<EntryId> {
    sections
        .iter()
        .flat_map(|&s| {
            if ctx.sub.entry(s).is_dir() {
                ctx.material.children(ctx.sub, s).collect::<Vec<_>>()
            } else {
                vec![s]
            }
        })
        .filter(|&c| !ctx.sub.entry(c).is_dir() && board_label(ctx.sub.entry(c).stem()).is_none())
        .collect()
}

fn loose_file(ctx: &Context, file: EntryId, out: &mut Findings) {
    let name = ctx.name(file);
    out.push(
        Code::BoardsLooseFile,
        ctx.path(file),
        msg!("boards-loose-file", name),
    );
}

/// Checks one board folder; an empty folder is not a board. A photo already counted
/// for another board (`photos_seen`) does not count again.
fn check_board(
    rule: &BoardsRule,
    ctx: &Context,
    group: &Group,
    photos_seen: &mut HashSet<EntryId>,
    out: &mut Findings,
) -> Option<Board> {
    let files: Vec<EntryId> = group
        .members
        .iter()
        .flat_map(|&m| ctx.material.files_under(ctx.sub, m))
        .collect();
    let name = group.name.clone();
    let path = group
        .folder
        .map_or_else(|| ctx.path(group.members[0]), |f| ctx.path(f));
    if files.is_empty() {
        out.push(Code::BoardEmpty, path, msg!("board-empty", name));
        return None;
    }
    let mut board = Board {
        name,
        text: Counts::default(),
        documents: 0,
        unverified: Vec::new(),
        photos: 0,
        copies: Vec::new(),
        copy_findings: Findings::default(),
    };
    let mut pasted_pictures = 0;
    for &file in &files {
        take_file(
            rule,
            ctx,
            file,
            &mut board,
            &mut pasted_pictures,
            photos_seen,
            out,
        );
    }
    let anchor = group.folder.unwrap_or(group.members[0]);
    let mut card = ctx.card(anchor, &files, &|stem| caption(stem).text.to_owned());
    card.title = board.name.clone();
    card.words = Some(board.text.get(rule.count));
    ctx.cards.borrow_mut().push(card);

    if board.documents == 0 && !board.copies.is_empty() {
        // Its text is another's: said once by the caller, not as missing text.
        return Some(board);
    }
    judge_text(rule, ctx, &board, path, out);
    if board.photos < rule.min_photos as usize {
        let board_name = &board.name;
        let min = rule.min_photos;
        let message = if board.photos == 0 && pasted_pictures > 0 {
            let max = rule.max_caption;
            msg!("board-photos-pasted-only", board_name, pasted_pictures, max)
        } else {
            msg!("board-photos-too-few", board_name, min)
        };
        out.push(Code::BoardPhotoMissing, path, message);
    }
    Some(board)
}

/// Takes one file of a board: a photo is checked and counted once, a document's text
/// is added, anything else is named.
fn take_file(
    rule: &BoardsRule,
    ctx: &Context,
    file: EntryId,
    board: &mut Board,
    pasted_pictures: &mut usize,
    photos_seen: &mut HashSet<EntryId>,
    out: &mut Findings,
) {
    let class = classify(&ctx.sub.entry(file).extension());
    match class {
        FileClass::Photo => {
            check_caption(rule, ctx, file, out);
            if let Facts::Image(image) = ctx.facts(file) {
                // A photo cut short (no JPEG end marker, no PNG IEND, a HEIC box
                // tree running past the end) is named and does not count.
                if image.complete && photos_seen.insert(ctx.copy_of(file)) {
                    board.photos += 1;
                }
                crate::check::photos::check(rule, ctx, file, image, out);
                if matches!(ctx.sub.entry(file).extension().as_str(), "heic" | "heif") {
                    let name = ctx.name(file);
                    out.push(Code::PhotoHeic, ctx.path(file), msg!("photo-heic", name));
                }
            } else {
                ctx.report_unusable(file, out);
            }
        }
        FileClass::Document | FileClass::NotYet(NotYetKind::Document) => match ctx.facts(file) {
            Facts::Text(t) if t.counts.words > 0 => {
                *pasted_pictures += t.pictures;
                let expect = Expect {
                    min_words: 0,
                    body_year: false,
                };
                // Two versions of one text (.docx and .txt) are one text, not added up.
                let (admission, said) = ctx.admit_text_deferred(file, t, expect, out);
                match admission {
                    Admission::Counts => {
                        board.documents += 1;
                        board.text.add(t.counts);
                    }
                    Admission::Copy(earlier) => board.copies.push(earlier),
                    Admission::Refused => {}
                }
                board.copy_findings.0.extend(said);
            }
            Facts::Text(t) => {
                board.documents += 1;
                *pasted_pictures += t.pictures;
            }
            Facts::Unverified { .. } => board.unverified.push(file),
            _ => {
                ctx.report_unusable(file, out);
            }
        },
        _ => {
            ctx.report_unusable(file, out);
        }
    }
}

/// Whether the board's text is there and long enough; text that could not be
/// extracted is named in the finding, never counted.
fn judge_text(rule: &BoardsRule, ctx: &Context, board: &Board, path: &str, out: &mut Findings) {
    let board_name = &board.name;
    // Text that could not be extracted is named in the finding, never counted.
    let uncounted = if board.unverified.is_empty() {
        msg!("empty")
    } else {
        let names: Vec<&str> = board.unverified.iter().map(|&f| ctx.name(f)).collect();
        let names = Msg::quoted(&names);
        msg!("board-text-uncounted", names)
    };
    if board.documents == 0 {
        out.push(
            Code::BoardTextMissing,
            path,
            msg!("board-text-missing", board_name, more = uncounted),
        );
    } else {
        let words = board.text.get(rule.count);
        let min = rule.min_text;
        if (words as u64) < u64::from(min) {
            let method = rule.count.label();
            out.push(
                Code::BoardTextTooShort,
                path,
                msg!(
                    "board-text-too-short",
                    board_name,
                    words,
                    method,
                    min,
                    more = uncounted
                ),
            );
        } else if !board.unverified.is_empty() {
            for &file in &board.unverified {
                ctx.report_unusable(file, out);
            }
        }
    }
}
