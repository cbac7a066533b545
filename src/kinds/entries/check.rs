//! Entry requirements (featured cases, exemplars): each file or folder directly in the
//! section is one entry, and it counts when it is, or holds, a readable text document
//! or a readable video.

use std::collections::HashMap;

use super::EntriesRule;
use crate::check::context::{ContentKey, Context};
use crate::codes::Code;
use crate::findings::{Findings, Msg};
use crate::inspect::{Facts, NotYetKind};
use crate::intake::EntryId;

/// What one file contributes to an entry. Only what baosong read counts: a document
/// it could not verify (a scan, a format it does not read) is reported and counts as
/// nothing, like a broken one.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Evidence {
    Nothing,
    Unverified,
    Photo,
    EmptyText,
    Video,
    Text,
}

fn evidence(ctx: &Context, file: EntryId, out: &mut Findings) -> Evidence {
    match ctx.facts(file) {
        Facts::Text(t) if t.counts.words > 0 => Evidence::Text,
        Facts::Text(_) => Evidence::EmptyText,
        Facts::Video(_) => Evidence::Video,
        Facts::Unverified {
            kind: NotYetKind::Document,
            ..
        } => {
            ctx.report_unusable(file, out);
            Evidence::Unverified
        }
        Facts::Image(_) => Evidence::Photo,
        _ => {
            ctx.report_unusable(file, out);
            Evidence::Nothing
        }
    }
}

/// How many entries a text entry counts for: the headed parts of its one document
/// that hold at least `min-text-per-part` 字, when there are two or more; otherwise 1.
fn parts_counted(
    rule: &EntriesRule,
    ctx: &Context,
    entry: EntryId,
    counting: &[EntryId],
    out: &mut Findings,
) -> usize {
    let [file] = counting else {
        return 1;
    };
    let Facts::Text(t) = ctx.facts(*file) else {
        return 1;
    };
    let min = rule.min_text_per_part as usize;
    let (long, short): (Vec<_>, Vec<_>) = t
        .parts
        .iter()
        .partition(|p| p.counts.get(rule.count) >= min);
    if long.len() < 2 {
        return 1;
    }
    let name = ctx.name(*file);
    let titles: Vec<&str> = long.iter().map(|p| p.title.as_str()).collect();
    let titles = Msg::quoted(&titles);
    let n = long.len();
    let left_out = if short.is_empty() {
        msg!("empty")
    } else {
        let titles: Vec<&str> = short.iter().map(|p| p.title.as_str()).collect();
        let titles = Msg::quoted(&titles);
        msg!("entry-parts-short", titles, min)
    };
    out.push(
        Code::EntryParts,
        ctx.path(entry),
        msg!("entry-parts", name, n, titles, more = left_out),
    );
    n
}

/// A video's length for a summary: "3 分 12 秒" / "3 min 12 s".
pub fn duration_text(seconds: f64) -> Msg {
    let total = seconds.round() as u64;
    let (minutes, secs) = (total / 60, total % 60);
    if minutes == 0 {
        msg!("duration-seconds", secs)
    } else {
        msg!("duration-minutes", minutes, secs)
    }
}

/// An entry that counts: the files it holds, those that count, and its 字数.
struct Counted<'a> {
    entry: EntryId,
    files: &'a [EntryId],
    counting: &'a [EntryId],
    words: usize,
    is_text: bool,
}

/// What the entries counted so far add up to.
#[derive(Default)]
struct Tally {
    texts: usize,
    videos: usize,
    /// The counted videos' lengths, for the summary.
    durations: Vec<Msg>,
    /// What each counted entry holds, for the summary.
    details: Vec<Msg>,
    /// Content already counted, and the entry that counted it.
    counted: HashMap<ContentKey, EntryId>,
}

impl Tally {
    /// Counts an entry holding readable text (`is_text`) or a video that plays,
    /// unless its text is too short or its content was counted already.
    fn add(
        &mut self,
        rule: &EntriesRule,
        ctx: &Context,
        entry: EntryId,
        files: &[EntryId],
        is_text: bool,
        out: &mut Findings,
    ) {
        let name = ctx.name(entry);
        let counting: Vec<EntryId> = files
            .iter()
            .copied()
            .filter(|&f| match ctx.facts(f) {
                Facts::Text(t) => is_text && t.counts.words > 0,
                Facts::Video(_) => !is_text,
                _ => false,
            })
            .collect();
        let words: usize = counting
            .iter()
            .filter_map(|&f| match ctx.facts(f) {
                Facts::Text(t) => Some(t.counts.get(rule.count)),
                _ => None,
            })
            .sum();
        if is_text
            && let Some(min) = rule.min_text
            && words < min as usize
        {
            out.push(
                Code::EntryTextTooShort,
                ctx.path(entry),
                msg!("entry-text-too-short", name, words, min),
            );
            return;
        }
        let keys: Vec<ContentKey> = counting.iter().map(|&f| ctx.content_key(f)).collect();
        if let Some(&earlier) = keys.iter().find_map(|k| self.counted.get(k))
            && keys.iter().all(|k| self.counted.contains_key(k))
        {
            let first = ctx.name(earlier);
            out.push(
                Code::ContentDuplicate,
                ctx.path(entry),
                msg!("content-duplicate-2", name, first),
            );
            return;
        }
        for key in keys {
            self.counted.entry(key).or_insert(entry);
        }
        let counted = Counted {
            entry,
            files,
            counting: &counting,
            words,
            is_text,
        };
        self.record(rule, ctx, &counted, out);
    }

    /// Adds a counted entry to the totals and the summary.
    fn record(&mut self, rule: &EntriesRule, ctx: &Context, c: &Counted, out: &mut Findings) {
        let Counted {
            entry,
            files,
            counting,
            words,
            is_text,
        } = *c;
        let name = ctx.name(entry);
        let photos = files
            .iter()
            .filter(|&&f| matches!(ctx.facts(f), Facts::Image(_)))
            .count();
        let with_photos = if photos > 0 {
            msg!("summary-photos", photos)
        } else {
            msg!("empty")
        };
        if is_text {
            let parts = parts_counted(rule, ctx, entry, counting, out);
            self.texts += parts;
            self.details.push(if parts > 1 {
                msg!(
                    "entry-summary-parts",
                    name,
                    words,
                    parts,
                    photos = with_photos
                )
            } else {
                msg!("entry-summary-text", name, words, photos = with_photos)
            });
        } else {
            self.videos += 1;
            let seconds = counting.iter().find_map(|&f| match ctx.facts(f) {
                Facts::Video(v) => v.duration,
                _ => None,
            });
            let length = match seconds {
                Some(seconds) => {
                    let length = duration_text(seconds);
                    self.durations.push(length.clone());
                    length
                }
                None => msg!("duration-unknown"),
            };
            self.details.push(msg!(
                "entry-summary-video",
                name,
                length,
                photos = with_photos
            ));
        }
    }
}

pub fn check(rule: &EntriesRule, ctx: &Context, sections: &[EntryId], out: &mut Findings) -> Msg {
    let mut candidates = Vec::new();
    for &section in sections {
        if ctx.sub.entry(section).is_dir() {
            candidates.extend(ctx.material.children(ctx.sub, section));
        } else {
            candidates.push(section);
        }
    }
    // A Windows copy ("典型1 - 副本") sorts before its original; the original is the
    // one that counts.
    candidates.sort_by_key(|&c| {
        crate::kinds::boards::check::caption(ctx.sub.entry(c).stem()).had_copy_mark
    });
    let mut tally = Tally::default();
    for entry in candidates {
        let files = ctx.material.files_under(ctx.sub, entry);
        let best = files.iter().map(|&file| evidence(ctx, file, out)).max();
        let name = ctx.name(entry);
        let mut card = ctx.card(entry, &files, &|stem| stem.to_owned());
        let why = match best {
            Some(Evidence::Text | Evidence::Video) => {
                let is_text = best == Some(Evidence::Text);
                tally.add(rule, ctx, entry, &files, is_text, out);
                ctx.cards.borrow_mut().push(card);
                continue;
            }
            None => msg!("entry-folder-empty"),
            Some(Evidence::Photo) => msg!("entry-photos-only"),
            Some(Evidence::EmptyText) => msg!("entry-no-text"),
            Some(Evidence::Unverified) => msg!("entry-text-unverified"),
            Some(Evidence::Nothing) => msg!("entry-not-readable"),
        };
        card.note = Some(why.clone());
        ctx.cards.borrow_mut().push(card);
        out.push(
            Code::EntryNotCounted,
            ctx.path(entry),
            msg!("entry-not-counted", name, why),
        );
    }
    let Tally {
        texts,
        videos,
        durations,
        details,
        ..
    } = tally;
    let count = texts + videos;
    let min = rule.min_entries as usize;
    let nothing_inside = ctx.holds_no_file(sections);
    if count < min && nothing_inside {
        let folder = ctx.name(sections[0]);
        out.push(
            Code::EntriesTooFew,
            ctx.path(sections[0]),
            msg!("entries-too-few", folder, min),
        );
    } else if count < min {
        out.push(
            Code::EntriesTooFew,
            ctx.path(sections[0]),
            msg!("entries-too-few-2", count, min),
        );
    }
    let lengths = if durations.is_empty() {
        msg!("empty")
    } else {
        let durations = Msg::list(&durations);
        msg!("entry-durations", durations)
    };
    let mut summary = msg!("entries-summary", count, texts, videos, lengths);
    for detail in details {
        summary = Msg::join(&[summary, detail]);
    }
    if count < min {
        summary = Msg::join(&[summary, msg!("entries-summary-at-least", min)]);
    }
    summary
}
