//! Display boards: each sub-folder of the boards section is one board, holding text of
//! at least N 字 and original photos, each named with a short caption.

use super::BoardsRule;
use super::caption::check_caption;
pub use super::caption::{Caption, caption, is_default_caption, is_machine_name};
use super::layout::{Group, Layout, group_boards};
use crate::codes::Code;
use crate::findings::{Findings, Msg};
use crate::inspect::wordcount::Counts;
use crate::inspect::{Facts, FileClass, NotYetKind, classify};
use crate::intake::EntryId;
pub use crate::triage::names::{BoardLabel, board_label};
use crate::view::context::{Admission, Context, Expect};
use crate::view::tally::Earlier;

/// What one board folder holds, as counted: only text baosong extracted and photos it
/// read count.
struct Board {
    name: String,
    /// Its label's number, when it has one: which part of a text written for several
    /// boards is its own.
    number: Option<u32>,
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

pub fn check(rule: &BoardsRule, ctx: &Context, sections: &[EntryId], out: &mut Findings) -> Msg {
    let mut boards: Vec<Board> = Vec::new();
    let mut seen = Seen::default();
    let Layout {
        groups,
        by_label,
        by_type,
    } = group_boards(ctx, sections, out);
    for group in &groups {
        let Some(mut board) = check_board(rule, ctx, group, &mut seen, out) else {
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
        let short = min - count;
        let message = if pasted > 0 {
            msg!("boards-too-few-pasted", count, min, pasted, short)
        } else {
            msg!("boards-too-few-layout", count, min, short)
        };
        out.push(Code::BoardsTooFew, ctx.path(sections[0]), message);
    }
    let method = rule.count;
    let mut parts = vec![msg!("boards-count", count)];
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

/// Checks one board folder; an empty folder is not a board. A photo already counted
/// for another board (`photos_seen`) does not count again.
fn check_board(
    rule: &BoardsRule,
    ctx: &Context,
    group: &Group,
    seen: &mut Seen,
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
        number: group.number,
        text: Counts::default(),
        documents: 0,
        unverified: Vec::new(),
        photos: 0,
        copies: Vec::new(),
        copy_findings: Findings::default(),
    };
    let mut pasted_pictures = 0;
    for &file in &files {
        take_file(rule, ctx, file, &mut board, &mut pasted_pictures, seen, out);
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

/// Texts written for several boards, admitted once for all of them (whether they
/// count); what counts is the shared tally's.
#[derive(Default)]
struct Seen {
    admitted: std::collections::HashMap<EntryId, bool>,
}

/// Takes the board's own part of a text written for several boards; false when the
/// text is not one.
fn take_part(
    ctx: &Context,
    file: EntryId,
    t: &crate::inspect::text::TextFacts,
    board: &mut Board,
    seen: &mut Seen,
    out: &mut Findings,
) -> bool {
    let parts = super::combined::board_parts(&t.text);
    let Some(&(_, _, counts)) = parts.iter().find(|p| Some(p.0) == board.number) else {
        return false;
    };
    let counts_once = *seen.admitted.entry(file).or_insert_with(|| {
        let expect = Expect {
            min_words: 0,
            body_year: false,
        };
        let (admission, said) = ctx.admit_text_deferred(file, t, expect, out);
        board.copy_findings.0.extend(said);
        match admission {
            Admission::Counts => true,
            Admission::Copy(earlier) => {
                board.copies.push(earlier);
                false
            }
            Admission::Refused => false,
        }
    });
    if counts_once {
        board.documents += 1;
        board.text.add(counts);
    }
    true
}

/// Takes one file of a board: a photo is checked and counted once, a document's text
/// is added, anything else is named.
fn take_file(
    rule: &BoardsRule,
    ctx: &Context,
    file: EntryId,
    board: &mut Board,
    pasted_pictures: &mut usize,
    seen: &mut Seen,
    out: &mut Findings,
) {
    let class = classify(&ctx.sub.entry(file).extension());
    match class {
        FileClass::Photo => {
            check_caption(rule, ctx, file, out);
            if let Facts::Image(image) = ctx.facts(file) {
                // A photo cut short (no JPEG end marker, no PNG IEND, a HEIC box
                // tree running past the end) is named and does not count.
                if image.complete && ctx.tally.borrow_mut().claim_photo(ctx.copy_of(file)) {
                    board.photos += 1;
                }
                super::photos::check(rule, ctx, file, image, out);
                if matches!(ctx.sub.entry(file).extension().as_str(), "heic" | "heif") {
                    let name = ctx.name(file);
                    out.push(Code::PhotoHeic, ctx.path(file), msg!("photo-heic", name));
                }
            } else {
                ctx.report_unusable(file, out);
            }
        }
        FileClass::Document | FileClass::NotYet(NotYetKind::Document) => match ctx.facts(file) {
            Facts::Text(t) if t.counts.words > 0 && take_part(ctx, file, t, board, seen, out) => {
                *pasted_pictures += t.pictures;
            }
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
