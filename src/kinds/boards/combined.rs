//! One text for several boards: a Word file or a deck whose headings are board labels
//! ("展板一" … "展板二" …), as offices write the boards' texts together. Each labelled
//! part is that board's text; the file counts once in the tally, for all its boards.

use crate::inspect::wordcount::{self, Counts};
use crate::triage::names::board_label;

/// Longest line, in characters, taken for a board's heading ("展板一：社区读书会").
const HEADING_CHARS: usize = 24;

/// The parts of a text headed by board labels: (board number, heading, 字数 of what
/// stands under it). Empty unless two or more boards are headed.
pub fn board_parts(text: &str) -> Vec<(u32, String, Counts)> {
    let lines: Vec<&str> = text.lines().collect();
    let headings: Vec<(usize, u32)> = lines
        .iter()
        .enumerate()
        .filter_map(|(i, line)| {
            let line = line.trim();
            if line.chars().count() > HEADING_CHARS {
                return None;
            }
            let label = board_label(line)?;
            (label.range.start == 0).then_some((i, label.number))
        })
        .collect();
    let mut numbers: Vec<u32> = headings.iter().map(|&(_, n)| n).collect();
    numbers.sort_unstable();
    numbers.dedup();
    if numbers.len() < 2 {
        return Vec::new();
    }
    headings
        .iter()
        .enumerate()
        .map(|(k, &(start, number))| {
            let end = headings.get(k + 1).map_or(lines.len(), |&(next, _)| next);
            let body = lines[start + 1..end].join("\n");
            (
                number,
                lines[start].trim().to_owned(),
                wordcount::count(&body),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_headed_by_board_labels_are_divided() {
        let body = "社区居民积极参加终身学习活动。".repeat(20);
        let text = format!(
            "2020年活动周展板文字\n展板一：社区读书会\n{body}\n展板二 老年大学\n{body}{body}\n"
        );
        let parts = board_parts(&text);
        assert_eq!(parts.len(), 2);
        assert_eq!((parts[0].0, parts[0].2.words), (1, 300));
        assert_eq!((parts[1].0, parts[1].2.words), (2, 600));
        // One board's heading, or a label inside a sentence, divides nothing.
        assert!(board_parts(&format!("展板一\n{body}")).is_empty());
        let prose = format!("{body}\n本次展板一共两块，展板二在社区展出。\n{body}");
        assert!(board_parts(&prose).is_empty());
    }
}
