//! One tally of what counts, shared by every requirement of a submission: each text and
//! video counts once, whatever form it was saved in and wherever it lies.
//!
//! A text is identified by its fingerprint: its letters and digits only (spacing,
//! punctuation, quotes and line breaks dropped, so that the .docx, .doc, .pdf, .txt,
//! .rtf and .odt of one text are one), whole and without its title line (a copy saved
//! under a new title is the same text). Two texts are the same when either normalised
//! form of one equals either form of the other, or when they share at least
//! `similar-text` (0.8) of their 4-character shingles: Jaccard similarity, or for texts
//! of about the same length (within 20%) the share of the shorter one's shingles found
//! in the longer. A text re-typed with small edits, or with a person's name changed
//! throughout, is still a copy; texts that only share boilerplate paragraphs, and an
//! excerpt of a longer text, stay apart.
//!
//! Requirements are checked in rule order and claim their material here: the first
//! claim counts, a later one is told which file counted already. A video may serve a
//! case and an exemplar at once (the same brand project); texts may not. A photo counts
//! once, whichever board holds it or a copy of it.

use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};

use crate::intake::EntryId;

/// Texts shorter than this many shingles are compared only as exact copies: a title
/// is not a text.
pub const MIN_SHINGLES: usize = 20;

/// Longest first line, in characters, taken for a title and left out of the body.
const TITLE_CHARS: usize = 60;

/// What identifies a text for counting.
#[derive(Debug, Clone)]
pub struct Fingerprint {
    /// Hashes of the normalised text, and of its body without the title line: a
    /// title may be a paragraph of its own or run into the text (.doc), or be new.
    pub exact: [u64; 2],
    /// Shingles of the whole normalised text.
    pub shingles: HashSet<u64>,
}

/// The letters and digits of `text`, lower-cased: what a copy keeps whatever its form.
fn normalised(text: &str) -> Vec<char> {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// 4-character shingles of a text's letters and digits, hashed: what "nearly the same
/// text" is measured on. Punctuation and white space are ignored, so re-spacing or
/// re-punctuating a text does not make it new.
pub fn shingles(text: &str) -> HashSet<u64> {
    shingles_of(&normalised(text))
}

fn shingles_of(chars: &[char]) -> HashSet<u64> {
    chars
        .windows(4)
        .map(|w| {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            w.hash(&mut h);
            h.finish()
        })
        .collect()
}

/// The text without its title: the first non-empty line, when it is short and more
/// follows.
pub fn body(text: &str) -> &str {
    let trimmed = text.trim_start();
    match trimmed.split_once('\n') {
        Some((first, rest))
            if first.trim().chars().count() <= TITLE_CHARS && !rest.trim().is_empty() =>
        {
            rest
        }
        _ => trimmed,
    }
}

pub fn fingerprint(text: &str) -> Fingerprint {
    let hash = |chars: &[char]| {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        chars.hash(&mut h);
        h.finish()
    };
    let whole = normalised(text);
    Fingerprint {
        exact: [hash(&whole), hash(&normalised(body(text)))],
        shingles: shingles_of(&whole),
    }
}

/// How alike two fingerprints are, from 0 to 1 (1 for equal texts).
pub fn similarity(a: &Fingerprint, b: &Fingerprint) -> f64 {
    if a.exact.iter().any(|h| b.exact.contains(h)) {
        return 1.0;
    }
    if a.shingles.len() < MIN_SHINGLES || b.shingles.len() < MIN_SHINGLES {
        return 0.0;
    }
    let shared = a.intersection_count(b);
    let (small, large) = (
        a.shingles.len().min(b.shingles.len()),
        a.shingles.len().max(b.shingles.len()),
    );
    let jaccard = shared as f64 / (a.shingles.len() + b.shingles.len() - shared) as f64;
    // A copy with a name changed throughout loses shingles on both sides, which
    // Jaccard counts twice; between texts of about the same length, the share of the
    // shorter one found in the longer says it better. An excerpt (a board taken from a
    // longer plan) is not of the same length and is judged by Jaccard alone.
    if small as f64 >= SAME_LENGTH * large as f64 {
        jaccard.max(shared as f64 / small as f64)
    } else {
        jaccard
    }
}

/// Texts whose shingle counts are within this ratio are "of about the same length".
const SAME_LENGTH: f64 = 0.8;

impl Fingerprint {
    fn intersection_count(&self, other: &Fingerprint) -> usize {
        let (small, large) = if self.shingles.len() <= other.shingles.len() {
            (&self.shingles, &other.shingles)
        } else {
            (&other.shingles, &self.shingles)
        };
        small.iter().filter(|s| large.contains(s)).count()
    }
}

/// Material that already counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Earlier {
    pub file: EntryId,
    /// Index of the requirement it counted for.
    pub requirement: usize,
    /// Similarity in percent (100 for the same text or the same bytes).
    pub percent: u32,
}

/// Shingles of a text that index it for near-copies: its smallest hashes (a bottom-k
/// sketch). Two texts that share most of their shingles (as any pair at the threshold
/// does, by Jaccard or by containment) all but surely share one of these, so a text is
/// compared in full only with the texts it shares one with.
const SKETCH: usize = 16;

fn sketch(print: &Fingerprint) -> Vec<u64> {
    let mut smallest: Vec<u64> = print.shingles.iter().copied().collect();
    smallest.sort_unstable();
    smallest.truncate(SKETCH);
    smallest
}

/// A text one requirement claimed that another had counted already.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Conflict {
    pub file: EntryId,
    pub requirement: usize,
    /// The requirement that counted it first.
    pub earlier: usize,
}

#[derive(Debug, Default)]
pub struct Tally {
    conflicts: Vec<Conflict>,
    texts: Vec<(EntryId, usize, Fingerprint)>,
    /// Exact hashes -> the counted text holding them.
    by_hash: HashMap<u64, usize>,
    /// Sketch shingles -> the counted texts holding them.
    by_shingle: HashMap<u64, Vec<usize>>,
    videos: Vec<(EntryId, usize)>,
    /// Photos counted, each by the first of its byte-identical copies.
    photos: HashSet<EntryId>,
}

impl Tally {
    /// Claims a text for `requirement`: None when it is new (it now counts), else the
    /// text that counted already.
    pub fn claim_text(
        &mut self,
        file: EntryId,
        requirement: usize,
        print: Fingerprint,
        threshold: f64,
    ) -> Option<Earlier> {
        if let Some(earlier) = self.find_text(&print, threshold) {
            if earlier.file == file && earlier.requirement == requirement {
                // Reserved for this requirement: it counts here.
                return None;
            }
            if earlier.requirement != requirement {
                self.conflicts.push(Conflict {
                    file,
                    requirement,
                    earlier: earlier.requirement,
                });
            }
            return Some(earlier);
        }
        self.insert(file, requirement, print);
        None
    }

    /// A tally in which each text is already claimed by the requirement it is reserved
    /// for.
    pub fn reserving(texts: Vec<(EntryId, usize, Fingerprint)>) -> Tally {
        let mut tally = Tally::default();
        for (file, requirement, print) in texts {
            tally.insert(file, requirement, print);
        }
        tally
    }

    /// Texts claimed while another requirement had counted them.
    pub fn conflicts(&self) -> &[Conflict] {
        &self.conflicts
    }

    fn insert(&mut self, file: EntryId, requirement: usize, print: Fingerprint) {
        let index = self.texts.len();
        for &h in &print.exact {
            self.by_hash.entry(h).or_insert(index);
        }
        if print.shingles.len() >= MIN_SHINGLES {
            for s in sketch(&print) {
                self.by_shingle.entry(s).or_default().push(index);
            }
        }
        self.texts.push((file, requirement, print));
    }

    /// The counted text `print` is a copy of, if any (the most similar).
    pub fn find_text(&self, print: &Fingerprint, threshold: f64) -> Option<Earlier> {
        let earlier = |index: usize, s: f64| {
            let (file, requirement, _) = &self.texts[index];
            Earlier {
                file: *file,
                requirement: *requirement,
                percent: (s * 100.0).round() as u32,
            }
        };
        if let Some(&index) = print.exact.iter().find_map(|h| self.by_hash.get(h)) {
            return Some(earlier(index, 1.0));
        }
        if print.shingles.len() < MIN_SHINGLES {
            return None;
        }
        let mut candidates: Vec<usize> = sketch(print)
            .iter()
            .filter_map(|s| self.by_shingle.get(s))
            .flatten()
            .copied()
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        candidates
            .into_iter()
            .map(|index| (index, similarity(print, &self.texts[index].2)))
            .filter(|&(_, s)| s >= threshold)
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(index, s)| earlier(index, s))
    }

    /// The counted text `print` is a copy of, compared with every counted text.
    #[cfg(test)]
    fn find_text_by_scan(&self, print: &Fingerprint, threshold: f64) -> Option<Earlier> {
        self.texts
            .iter()
            .map(|(file, requirement, other)| (*file, *requirement, similarity(print, other)))
            .filter(|&(_, _, s)| s >= threshold)
            .max_by(|a, b| a.2.total_cmp(&b.2))
            .map(|(file, requirement, s)| Earlier {
                file,
                requirement,
                percent: (s * 100.0).round() as u32,
            })
    }

    /// Claims a photo, identified by the first of its byte-identical copies: true when
    /// it counts now, false when it (or a copy) counted already.
    pub fn claim_photo(&mut self, key: EntryId) -> bool {
        self.photos.insert(key)
    }

    /// Claims a video, identified by the first of its byte-identical copies. A video
    /// counted for another requirement is returned but may count again; one counted
    /// for this requirement may not.
    pub fn claim_video(&mut self, key: EntryId, requirement: usize) -> Option<Earlier> {
        let earlier = self
            .videos
            .iter()
            .find(|(k, r)| *k == key && *r == requirement)
            .or_else(|| self.videos.iter().find(|(k, _)| *k == key))
            .map(|&(file, requirement)| Earlier {
                file,
                requirement,
                percent: 100,
            });
        if earlier.is_none_or(|e| e.requirement != requirement) {
            self.videos.push((key, requirement));
        }
        earlier
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "社区居民积极参加终身学习活动，读书会办得很好。老年大学开设书法课，\
        学员们认真学习传统技艺，每周坚持练习。社区学院组织志愿者送教上门，把课程送到行动不便的老人家中。";

    #[test]
    fn one_text_in_any_form_and_under_any_title_is_one() {
        let a = fingerprint(&format!("沈阳市活动周展板一\n{TEXT}"));
        let respaced = TEXT.replace('，', " ").replace('。', "\n");
        let b = fingerprint(&format!("另一个标题\n{respaced}"));
        let quoted = fingerprint(&format!("“展板”\n{}", TEXT.replace("读书会", "“读书会”")));
        assert_eq!(similarity(&a, &b), 1.0);
        assert_eq!(similarity(&a, &quoted), 1.0);
    }

    #[test]
    fn texts_sharing_only_boilerplate_stay_apart() {
        let boilerplate = "为深入贯彻落实全民终身学习活动周工作要求，推进学习型社会建设。";
        let a = fingerprint(&format!(
            "{boilerplate}王丽退休后坚持在社区学院学习书法，带动邻居一起练字，组织读书会二十余次，被评为百姓学习之星。"
        ));
        let b = fingerprint(&format!(
            "{boilerplate}李强是一名出租车司机，利用业余时间通过网课学习英语，为外国乘客提供服务，成为城市的一张名片。"
        ));
        assert!(similarity(&a, &b) < 0.8, "{}", similarity(&a, &b));
    }

    #[test]
    fn the_sketch_finds_what_a_full_scan_finds() {
        let mut tally = Tally::default();
        let texts: Vec<String> = (0..40)
            .map(|i| {
                format!("{TEXT}{}", "第{i}段文字。".repeat(i % 7)).replace("五年", &i.to_string())
            })
            .collect();
        for (i, t) in texts.iter().enumerate() {
            let print = fingerprint(t);
            let by_scan = tally.find_text_by_scan(&print, 0.8).map(|e| e.file);
            assert_eq!(
                tally.find_text(&print, 0.8).map(|e| e.file),
                by_scan,
                "text {i}"
            );
            tally.claim_text(i, 0, print, 0.8);
        }
    }

    #[test]
    fn the_first_claim_counts_and_a_copy_is_told_which() {
        let mut tally = Tally::default();
        assert_eq!(tally.claim_text(1, 0, fingerprint(TEXT), 0.8), None);
        let copy = tally.claim_text(2, 3, fingerprint(&format!("新标题\n{TEXT}")), 0.8);
        assert_eq!(copy.map(|e| (e.file, e.requirement)), Some((1, 0)));
        // A video may serve two requirements, but counts once within one.
        assert_eq!(tally.claim_video(7, 2), None);
        assert_eq!(tally.claim_video(7, 3).map(|e| e.requirement), Some(2));
        assert_eq!(tally.claim_video(7, 3).map(|e| e.requirement), Some(3));
    }
}
