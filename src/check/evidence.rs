//! Evidence a reviewer notices by eye, across the whole submission: the same file
//! twice, board texts that repeat each other or the plan, template text left in, a
//! submission too large for one e-mail, and with `--deep` damaged or near-identical
//! photos. Per-photo and per-roster evidence lives with the boards and roster checks.

use crate::findings::Msg;
use std::collections::{HashMap, HashSet};

use super::context::Context;
use super::tally::{MIN_SHINGLES, shingles};
use crate::codes::Code;
use crate::inspect::{Facts, FileClass, classify};
use crate::intake::{EntryId, Problems, Submission};
use crate::kinds::{boards::BoardsRule, document::DocumentRule};
use crate::limits::MAX_SIMILAR_CANDIDATES;

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
            if req.rule::<BoardsRule>().is_some() && ctx.sub.entry(s).is_dir() {
                for board in ctx.material.children(ctx.sub, s) {
                    if ctx.sub.entry(board).is_dir() {
                        boards.push((board, shingles(&text_under(ctx, board))));
                    }
                }
            } else if req.rule::<DocumentRule>().is_some() {
                for f in ctx.material.files_under(ctx.sub, s) {
                    if let Facts::Text(t) = ctx.facts(f) {
                        documents.push((f, shingles(&t.text)));
                    }
                }
            }
        }
    }
    boards.retain(|(_, s)| s.len() >= MIN_SHINGLES);
    let board_sets: Vec<&HashSet<u64>> = boards.iter().map(|(_, s)| s).collect();
    let document_sets: Vec<&HashSet<u64>> = documents.iter().map(|(_, s)| s).collect();
    let found = similar_texts(&board_sets, &document_sets, threshold);
    for &(later, earlier, similarity) in &found.similar {
        let percent = (similarity * 100.0).round();
        let (this, other) = (ctx.name(boards[later].0), ctx.name(boards[earlier].0));
        let message = msg!("text-similar", this, other, percent);
        out.push(ctx.sub, boards[later].0, Code::TextSimilar, message);
    }
    for &board in &found.capped {
        let (this, limit) = (ctx.name(boards[board].0), MAX_SIMILAR_CANDIDATES);
        let message = msg!("text-similar-many", this, limit);
        out.push(ctx.sub, boards[board].0, Code::TextSimilar, message);
    }
    for &(board, document, contained) in &found.copied {
        let percent = (contained * 100.0).round();
        let (this, source) = (ctx.name(boards[board].0), ctx.name(documents[document].0));
        let message = msg!("text-copied", this, percent, source);
        out.push(ctx.sub, boards[board].0, Code::TextCopied, message);
    }
}

/// What [`similar_texts`] found: pairs of boards (later, earlier) at or above the
/// threshold by Jaccard similarity, boards mostly contained in a document (board,
/// document), the boards whose candidates were cut at the limit, and how many pairs
/// were compared in full.
#[derive(Debug, Default)]
struct Similar {
    similar: Vec<(usize, usize, f64)>,
    copied: Vec<(usize, usize, f64)>,
    capped: Vec<usize>,
    compared: usize,
}

/// Shingles a text must share with another to reach `threshold`, among `n`: the
/// prefix of its shingles, rarest first, that any such text shares at least one of.
///
/// Two sets at Jaccard similarity t share at least t·|A| of A's shingles (and of B's),
/// so A's rarest |A| − ⌈t·|A|⌉ + 1 cannot all be missing from B; ordered alike, the two
/// prefixes meet. A board contained at t in a document likewise has one of its first
/// |B| − ⌈t·|B|⌉ + 1 shingles in it, whatever their order.
fn prefix_len(n: usize, threshold: f64) -> usize {
    if threshold <= 0.0 {
        return n;
    }
    let needed = ((threshold * n as f64) - 1e-9).ceil().max(0.0) as usize;
    (n + 1).saturating_sub(needed).clamp(1, n.max(1))
}

fn shared(a: &HashSet<u64>, b: &HashSet<u64>) -> usize {
    let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    small.iter().filter(|s| large.contains(s)).count()
}

/// Earlier texts listed under the given shingles, earliest first, at most
/// [`MAX_SIMILAR_CANDIDATES`]; true when there were more.
fn candidates(
    prefix: &[u64],
    index: &HashMap<u64, Vec<usize>>,
    seen: &mut [usize],
    mark: usize,
) -> (Vec<usize>, bool) {
    let mut found = Vec::new();
    for list in prefix.iter().filter_map(|s| index.get(s)) {
        for &j in list {
            if seen[j] == mark {
                continue;
            }
            if found.len() == MAX_SIMILAR_CANDIDATES {
                found.sort_unstable();
                return (found, true);
            }
            seen[j] = mark;
            found.push(j);
        }
    }
    found.sort_unstable();
    (found, false)
}

/// Boards at or above `threshold` alike, and boards mostly copied from a document,
/// without comparing every pair: each text is indexed by its rarest shingles (prefix
/// filtering, see [`prefix_len`]) and compared in full only with the texts it shares
/// one of, which finds every pair a full comparison finds.
fn similar_texts(boards: &[&HashSet<u64>], documents: &[&HashSet<u64>], threshold: f64) -> Similar {
    let mut frequency: HashMap<u64, u32> = HashMap::new();
    for shingle in boards.iter().chain(documents).flat_map(|s| s.iter()) {
        *frequency.entry(*shingle).or_default() += 1;
    }
    let mut by_document: HashMap<u64, Vec<usize>> = HashMap::new();
    for (d, set) in documents.iter().enumerate() {
        for &shingle in set.iter() {
            by_document.entry(shingle).or_default().push(d);
        }
    }
    let mut found = Similar::default();
    let mut by_board: HashMap<u64, Vec<usize>> = HashMap::new();
    let (mut seen_boards, mut seen_documents) = (vec![0; boards.len()], vec![0; documents.len()]);
    for (i, set) in boards.iter().enumerate() {
        let mut rarest: Vec<u64> = set.iter().copied().collect();
        rarest.sort_unstable_by_key(|s| (frequency[s], *s));
        let prefix = &rarest[..prefix_len(rarest.len(), threshold)];
        let (mut earlier, mut capped) = candidates(prefix, &by_board, &mut seen_boards, i + 1);
        let (mut sources, more) = candidates(prefix, &by_document, &mut seen_documents, i + 1);
        if threshold <= 0.0 {
            earlier = (0..i.min(MAX_SIMILAR_CANDIDATES)).collect();
            sources = (0..documents.len().min(MAX_SIMILAR_CANDIDATES)).collect();
            capped = i.max(documents.len()) > MAX_SIMILAR_CANDIDATES;
        } else {
            capped |= more;
        }
        for j in earlier {
            found.compared += 1;
            let both = shared(set, boards[j]);
            let similarity = both as f64 / (set.len() + boards[j].len() - both) as f64;
            if similarity >= threshold {
                found.similar.push((i, j, similarity));
            }
        }
        for d in sources {
            found.compared += 1;
            let contained = shared(set, documents[d]) as f64 / set.len() as f64;
            if contained >= threshold {
                found.copied.push((i, d, contained));
            }
        }
        if capped {
            found.capped.push(i);
        }
        for &shingle in prefix {
            by_board.entry(shingle).or_default().push(i);
        }
    }
    found
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

    /// Deterministic shingle values.
    fn noise(seed: u64) -> impl FnMut() -> u64 {
        let mut state = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        move || {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            state >> 8
        }
    }

    /// Every pair and every board-document pair compared in full, as before.
    fn by_every_pair(boards: &[&HashSet<u64>], documents: &[&HashSet<u64>], t: f64) -> Similar {
        let mut found = Similar::default();
        for (i, b) in boards.iter().enumerate() {
            for (j, a) in boards[..i].iter().enumerate() {
                let both = a.intersection(b).count();
                let similarity = both as f64 / a.union(b).count() as f64;
                if similarity >= t {
                    found.similar.push((i, j, similarity));
                }
            }
        }
        for (i, b) in boards.iter().enumerate() {
            for (d, doc) in documents.iter().enumerate() {
                let contained = b.intersection(doc).count() as f64 / b.len() as f64;
                if contained >= t {
                    found.copied.push((i, d, contained));
                }
            }
        }
        found
    }

    /// `n` boards sharing a common wording (`common` shingles) and each `own` of
    /// their own, with `copies` boards made near copies (90%) of earlier ones.
    fn boards(n: usize, common: usize, own: usize, copies: &[(usize, usize)]) -> Vec<HashSet<u64>> {
        let mut next = noise(n as u64);
        let template: Vec<u64> = (0..common).map(|_| next()).collect();
        let mut sets: Vec<HashSet<u64>> = (0..n)
            .map(|_| {
                let mut set: HashSet<u64> = template.iter().copied().collect();
                set.extend((0..own).map(|_| next()));
                set
            })
            .collect();
        for &(copy, of) in copies {
            let mut near: Vec<u64> = sets[of].iter().copied().collect();
            near.sort_unstable();
            near.truncate(near.len() * 9 / 10);
            sets[copy] = near.into_iter().collect();
        }
        sets
    }

    #[test]
    fn five_thousand_alike_boards_are_compared_far_fewer_times_than_every_pair() {
        let n = 5_000;
        let copies = [(17, 3), (4_000, 1_234), (4_999, 2)];
        let sets = boards(n, 60, 40, &copies);
        let refs: Vec<&HashSet<u64>> = sets.iter().collect();
        let plan = boards(1, 0, 200, &[]).remove(0);
        let mut copied = sets[2_500].clone();
        copied.extend(plan.iter().copied());
        let documents = [&plan, &copied];
        let found = similar_texts(&refs, &documents, 0.8);
        let pairs: Vec<(usize, usize)> = found.similar.iter().map(|p| (p.0, p.1)).collect();
        assert_eq!(pairs, copies);
        let copies_of: Vec<(usize, usize)> = found.copied.iter().map(|p| (p.0, p.1)).collect();
        assert_eq!(copies_of, [(2_500, 1)]);
        assert!(found.capped.is_empty());
        // Every pair would be 12,497,500 comparisons.
        assert!(found.compared < n * 10, "{} comparisons", found.compared);
    }

    #[test]
    fn the_index_finds_what_every_pair_finds() {
        for (threshold, common, own) in [(0.8, 30, 8), (0.5, 20, 20), (0.3, 10, 25), (0.0, 5, 5)] {
            let copies = [(5, 1), (40, 39), (77, 12), (150, 149)];
            let sets = boards(160, common, own, &copies);
            let refs: Vec<&HashSet<u64>> = sets.iter().collect();
            let documents = [&sets[7], &sets[90]];
            let index = similar_texts(&refs[..100], &documents, threshold);
            let every = by_every_pair(&refs[..100], &documents, threshold);
            assert_eq!(index.similar, every.similar, "{threshold}");
            assert_eq!(index.copied, every.copied, "{threshold}");
        }
    }

    #[test]
    fn a_board_like_hundreds_of_others_is_compared_with_the_limit_and_named() {
        let sets = boards(400, 50, 0, &[]);
        let refs: Vec<&HashSet<u64>> = sets.iter().collect();
        let found = similar_texts(&refs, &[], 0.8);
        let limit = MAX_SIMILAR_CANDIDATES;
        assert_eq!(found.capped, (limit + 1..400).collect::<Vec<_>>());
        assert!(found.compared <= 400 * limit, "{}", found.compared);
        // Each board is still said alike to the earliest ones.
        assert!(found.similar.contains(&(399, 0, 1.0)));
    }
}
