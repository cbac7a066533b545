//! Evidence a reviewer notices by eye, across the whole submission: the same file
//! twice, board texts that repeat each other or the plan, template text left in, a
//! submission too large for one e-mail, and with `--deep` damaged or near-identical
//! photos. Per-photo and per-roster evidence lives with the boards and roster checks.

use crate::findings::Msg;
use std::collections::HashSet;

use super::context::Context;
use super::tally::{MIN_SHINGLES, shingles};
use crate::codes::Code;
use crate::inspect::{Facts, FileClass, classify};
use crate::intake::{EntryId, Problems, Submission};
use crate::kinds::Kind;

pub fn check(ctx: &Context, sections: &[Vec<EntryId>], out: &mut Problems) {
    let files = ctx.material.files_under(ctx.sub, Submission::ROOT);
    identical_files(ctx, sections, out);
    mail_size(ctx, &files, out);
    board_texts(ctx, sections, out);
    placeholders(ctx, out);
    if ctx.run.deep {
        deep_photos(ctx, out);
    }
}

fn parent_path(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(p, _)| p)
}

/// The groups of identical files, found once for the whole submission's material. One
/// video serving two requirements (a brand project's case and exemplar) is allowed:
/// the entries say so.
fn identical_files(ctx: &Context, sections: &[Vec<EntryId>], out: &mut Problems) {
    let owners = crate::triage::sections::owners(ctx.sub, sections);
    for group in &ctx.identical {
        let videos = group
            .iter()
            .all(|&id| classify(&ctx.sub.entry(id).extension()) == FileClass::Video);
        let requirements: HashSet<Option<usize>> = group.iter().map(|&id| owners[id]).collect();
        if videos && requirements.len() == group.len() && !requirements.contains(&None) {
            continue;
        }
        let paths: Vec<&str> = group.iter().map(|&id| ctx.path(id)).collect();
        let list = Msg::list(&paths);
        let photos = group
            .iter()
            .all(|&id| classify(&ctx.sub.entry(id).extension()) == FileClass::Photo);
        let folders: HashSet<&str> = paths.iter().map(|p| parent_path(p)).collect();
        let message = if photos && folders.len() > 1 {
            msg!("photo-shared-by-boards", list)
        } else {
            msg!("files-identical", list)
        };
        out.push(ctx.sub, group[0], Code::FileDuplicate, message);
    }
}

fn megabytes(bytes: u64) -> String {
    format!("{:.1}", bytes as f64 / 1024.0 / 1024.0)
}

fn mail_size(ctx: &Context, files: &[EntryId], out: &mut Problems) {
    let limit = ctx.rules.evidence.mail_limit;
    let limit_mb = megabytes(limit);
    // A received archive travelled as itself; a folder will travel as its files.
    let total = ctx
        .sub
        .archive_size
        .unwrap_or_else(|| files.iter().map(|&f| ctx.sub.entry(f).size()).sum());
    if total > limit {
        let total_mb = megabytes(total);
        out.push(
            ctx.sub,
            Submission::ROOT,
            Code::MailTooLarge,
            msg!("mail-too-large", total_mb, limit_mb),
        );
    }
    let mut large: Vec<EntryId> = files
        .iter()
        .copied()
        .filter(|&f| ctx.sub.entry(f).size() > limit)
        .collect();
    large.sort_by_key(|&f| std::cmp::Reverse(ctx.sub.entry(f).size()));
    for f in large {
        let name = ctx.name(f);
        let size_mb = megabytes(ctx.sub.entry(f).size());
        out.push(
            ctx.sub,
            f,
            Code::FileTooLargeForMail,
            msg!("file-too-large-for-mail", name, size_mb, limit_mb),
        );
    }
}

fn text_under(ctx: &Context, dir: EntryId) -> String {
    ctx.material
        .files_under(ctx.sub, dir)
        .into_iter()
        .filter_map(|f| match ctx.facts(f) {
            Facts::Text(t) => Some(t.text.as_str()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn board_texts(ctx: &Context, sections: &[Vec<EntryId>], out: &mut Problems) {
    let threshold = ctx.rules.evidence.similar_text;
    let mut boards: Vec<(EntryId, HashSet<u64>)> = Vec::new();
    let mut documents: Vec<(EntryId, HashSet<u64>)> = Vec::new();
    for (req, section) in ctx.rules.requirements.iter().zip(sections) {
        for &s in section {
            match req.kind {
                Kind::Boards(_) if ctx.sub.entry(s).is_dir() => {
                    for board in ctx.material.children(ctx.sub, s) {
                        if ctx.sub.entry(board).is_dir() {
                            boards.push((board, shingles(&text_under(ctx, board))));
                        }
                    }
                }
                Kind::Document(_) => {
                    for f in ctx.material.files_under(ctx.sub, s) {
                        if let Facts::Text(t) = ctx.facts(f) {
                            documents.push((f, shingles(&t.text)));
                        }
                    }
                }
                _ => {}
            }
        }
    }
    boards.retain(|(_, s)| s.len() >= MIN_SHINGLES);
    for (i, (later, b)) in boards.iter().enumerate() {
        for (earlier, a) in &boards[..i] {
            let shared = a.intersection(b).count();
            let similarity = shared as f64 / a.union(b).count() as f64;
            if similarity >= threshold {
                let percent = (similarity * 100.0).round();
                let (this, other) = (ctx.name(*later), ctx.name(*earlier));
                out.push(
                    ctx.sub,
                    *later,
                    Code::TextSimilar,
                    msg!("text-similar", this, other, percent),
                );
            }
        }
    }
    for (board, b) in &boards {
        for (document, d) in &documents {
            let contained = b.intersection(d).count() as f64 / b.len() as f64;
            if contained >= threshold {
                let percent = (contained * 100.0).round();
                let (this, source) = (ctx.name(*board), ctx.name(*document));
                out.push(
                    ctx.sub,
                    *board,
                    Code::TextCopied,
                    msg!("text-copied", this, percent, source),
                );
            }
        }
    }
}

/// Placeholder matches that make a document "mostly template": this many, or this
/// share of its characters.
const PLACEHOLDER_MATCHES: usize = 3;
const PLACEHOLDER_SHARE: f64 = 0.10;

fn placeholders(ctx: &Context, out: &mut Problems) {
    let patterns = &ctx.rules.evidence.placeholder_patterns;
    if patterns.is_empty() {
        return;
    }
    let mut ids: Vec<EntryId> = ctx.facts.keys().copied().collect();
    ids.sort_unstable();
    for id in ids {
        let Facts::Text(t) = ctx.facts(id) else {
            continue;
        };
        let found: Vec<&str> = patterns
            .iter()
            .flat_map(|re| re.find_iter(&t.text).map(|m| m.as_str().trim()))
            .collect();
        let matched: usize = found.iter().map(|m| m.chars().count()).sum();
        let total = t.counts.chars_no_spaces.max(1);
        // `found` is never empty here: the share test needs a match when total ≥ 1.
        if found.len() >= PLACEHOLDER_MATCHES || matched as f64 >= PLACEHOLDER_SHARE * total as f64
        {
            let name = ctx.name(id);
            let n = found.len();
            let examples = Msg::quoted(&found[..found.len().min(3)]);
            out.push(
                ctx.sub,
                id,
                Code::TextPlaceholder,
                msg!("text-placeholder", name, n, examples),
            );
        }
    }
}

/// Differing bits at or below which two pictures are taken for the same one.
const NEAR_DUPLICATE_BITS: u32 = 6;

fn deep_photos(ctx: &Context, out: &mut Problems) {
    let decoded: Vec<(EntryId, &Result<u64, String>)> =
        ctx.pictures.iter().map(|(&id, r)| (id, r)).collect();
    let mut decoded = decoded;
    decoded.sort_unstable_by_key(|(id, _)| *id);
    let mut hashes = Vec::new();
    for (id, result) in decoded {
        match result {
            Ok(hash) => hashes.push((id, *hash)),
            Err(e) => {
                let name = ctx.name(id);
                out.push(
                    ctx.sub,
                    id,
                    Code::PhotoDecodeError,
                    msg!("photo-decode-error", name, e),
                );
            }
        }
    }
    for (i, &(later, b)) in hashes.iter().enumerate() {
        for &(earlier, a) in &hashes[..i] {
            if (a ^ b).count_ones() > NEAR_DUPLICATE_BITS {
                continue;
            }
            // Byte-identical copies are already `file-duplicate`; only those are hashed.
            let same_bytes = ctx.copy_of(later) == ctx.copy_of(earlier);
            if !same_bytes {
                let (this, other) = (ctx.path(later), ctx.path(earlier));
                out.push(
                    ctx.sub,
                    later,
                    Code::PhotoNearDuplicate,
                    msg!("photo-near-duplicate", this, other),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shingles_ignore_spacing_and_punctuation() {
        let a = shingles("社区居民积极参加终身学习活动，读书会办得很好。");
        let b = shingles("社区居民 积极参加终身学习活动 读书会办得很好");
        assert_eq!(a, b);
        assert!(shingles("abc").is_empty());
    }
}
