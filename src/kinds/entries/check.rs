//! Entry requirements (featured cases, exemplars): each file or folder directly in the
//! section is one entry, and it counts when it is, or holds, a readable text document
//! or a readable video.

use super::EntriesRule;
use crate::codes::Code;
use crate::findings::{Findings, Msg};
use crate::inspect::{Facts, NotYetKind};
use crate::intake::EntryId;
use crate::view::context::{Admission, Context, Expect};
use crate::view::tally::Earlier;

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

/// What an entry's files claimed in the submission's tally.
struct Claimed {
    /// Files new to the tally: they count.
    counting: Vec<EntryId>,
    /// The files that counted already, of those that are copies.
    copies: Vec<Earlier>,
    /// What is said of the copies: said per file when the entry counts, for the entry
    /// when nothing of it is new.
    copy_findings: Vec<crate::findings::Finding>,
}

/// Claims the texts (`is_text`) or videos of an entry's files. A video may also serve
/// another requirement (a brand project's case and exemplar); a text may not.
fn claim(
    rule: &EntriesRule,
    ctx: &Context,
    files: &[EntryId],
    is_text: bool,
    out: &mut Findings,
) -> Claimed {
    let expect = Expect {
        min_words: rule.min_text as usize,
        body_year: false,
    };
    let requirement = ctx.requirement.get();
    let mut claimed = Claimed {
        counting: Vec::new(),
        copies: Vec::new(),
        copy_findings: Vec::new(),
    };
    for &f in files {
        match ctx.facts(f) {
            Facts::Text(t) if is_text && t.counts.words > 0 => {
                let (admission, said) = ctx.admit_text_deferred(f, t, expect, out);
                match admission {
                    Admission::Counts => claimed.counting.push(f),
                    Admission::Copy(earlier) => claimed.copies.push(earlier),
                    Admission::Refused => {}
                }
                claimed.copy_findings.extend(said);
            }
            Facts::Video(_) if !is_text => {
                let earlier = ctx
                    .tally
                    .borrow_mut()
                    .claim_video(ctx.copy_of(f), requirement);
                match earlier {
                    Some(e) if e.requirement == requirement => claimed.copies.push(e),
                    Some(e) => {
                        let video = ctx.name(f);
                        let other = ctx.rules.requirements[e.requirement].name();
                        out.push(
                            Code::VideoShared,
                            ctx.path(f),
                            msg!("video-shared", video, other),
                        );
                        claimed.counting.push(f);
                    }
                    None => claimed.counting.push(f),
                }
            }
            _ => {}
        }
    }
    claimed
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
}

impl Tally {
    /// Counts an entry holding readable text (`is_text`) or a video that plays,
    /// unless it is not the material (the notice, a stub), its text is too short, or
    /// its content counted already. Only texts new to the submission's tally add up.
    fn add(
        &mut self,
        rule: &EntriesRule,
        ctx: &Context,
        entry: EntryId,
        files: &[EntryId],
        is_text: bool,
        out: &mut Findings,
    ) -> bool {
        let name = ctx.name(entry);
        let min = rule.min_text as usize;
        let Claimed {
            counting,
            copies,
            copy_findings,
        } = claim(rule, ctx, files, is_text, out);
        let mut copy_findings = Findings(copy_findings);
        if counting.is_empty() {
            if let Some(&first) = copies.first() {
                let reused = copy_findings.0.iter().find(|f| f.code == Code::TextReused);
                if let Some(reused) = reused {
                    // Counted for another requirement: that is the finding (an error).
                    out.0.push(reused.clone());
                    return false;
                }
                let (first, percent) = (ctx.name(first.file), first.percent);
                out.push(
                    Code::ContentDuplicate,
                    ctx.path(entry),
                    msg!("content-nearly-same", name, first, percent),
                );
            }
            return false;
        }
        out.0.append(&mut copy_findings.0);
        let words: usize = counting
            .iter()
            .filter_map(|&f| match ctx.facts(f) {
                Facts::Text(t) => Some(t.counts.get(rule.count)),
                _ => None,
            })
            .sum();
        let has_video = files
            .iter()
            .any(|&f| matches!(ctx.facts(f), Facts::Video(_)));
        if is_text && words < min && has_video {
            // A video with a short introduction beside it: the video is the material.
            return self.add(rule, ctx, entry, files, false, out);
        }
        if is_text && words < min {
            let photos = files
                .iter()
                .filter(|&&f| matches!(ctx.facts(f), Facts::Image(_)))
                .count();
            let message = if photos > 0 {
                msg!("entry-text-photo-note", name, photos, words, min)
            } else {
                msg!("entry-text-too-short", name, words, min)
            };
            out.push(Code::EntryTextTooShort, ctx.path(entry), message);
            return false;
        }
        let counted = Counted {
            entry,
            files,
            counting: &counting,
            words,
            is_text,
        };
        self.record(rule, ctx, &counted, out);
        true
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

/// Says which files were joined into one entry as one account.
fn joined(ctx: &Context, entry: EntryId, others: &[EntryId], out: &mut Findings) {
    let names: Vec<&str> = std::iter::once(entry)
        .chain(others.iter().copied())
        .map(|f| ctx.name(f))
        .collect();
    let names = Msg::quoted(&names);
    out.push(
        Code::EntryJoined,
        ctx.path(entry),
        msg!("entry-joined", names),
    );
}

/// Says that an entry did not count, and why; a single file that could not be read
/// or verified has said so in its own finding, which is not repeated.
fn not_counted(
    ctx: &Context,
    entry: EntryId,
    best: Option<Evidence>,
    why: Msg,
    out: &mut Findings,
) {
    let said_for_the_file = !ctx.sub.entry(entry).is_dir()
        && matches!(best, Some(Evidence::Nothing | Evidence::Unverified));
    if !said_for_the_file {
        let name = ctx.name(entry);
        out.push(
            Code::EntryNotCounted,
            ctx.path(entry),
            msg!("entry-not-counted", name, why),
        );
    }
}

pub fn check(rule: &EntriesRule, ctx: &Context, sections: &[EntryId], out: &mut Findings) -> Msg {
    let (candidates, groupings) = super::candidates::candidates(ctx, sections);
    let mut tally = Tally::default();
    for candidate in super::candidates::join_accounts(ctx, candidates) {
        let (entry, files) = (candidate.entry, candidate.files);
        if !candidate.joined.is_empty() {
            joined(ctx, entry, &candidate.joined, out);
        }
        let best = files.iter().map(|&file| evidence(ctx, file, out)).max();
        let mut card = ctx.card(entry, &files, &|stem| stem.to_owned());
        let why = match best {
            Some(Evidence::Text | Evidence::Video) => {
                let is_text = best == Some(Evidence::Text);
                if !tally.add(rule, ctx, entry, &files, is_text, out) {
                    card.note = Some(msg!("entry-card-not-counted"));
                }
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
        not_counted(ctx, entry, best, why, out);
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
            msg!("entries-too-few-short", count, min, short = min - count),
        );
    }
    let lengths = if durations.is_empty() {
        msg!("empty")
    } else {
        let durations = Msg::list(&durations);
        msg!("entry-durations", durations)
    };
    let mut summary = msg!("entries-summary", count, texts, videos, lengths);
    if !groupings.is_empty() {
        let names: Vec<&str> = groupings.iter().map(|&g| ctx.name(g)).collect();
        let folders = Msg::quoted(&names);
        summary = Msg::join(&[summary, msg!("entries-summary-groupings", folders)]);
    }
    for detail in details {
        summary = Msg::join(&[summary, detail]);
    }
    if count < min {
        summary = Msg::join(&[summary, msg!("entries-summary-at-least", min)]);
    }
    summary
}
