//! The parts of a document by its headings: many offices put all their 先进典型 into
//! one Word file, one headed part each ("一、百姓学习之星张秀英", "典型二：…"). A part
//! is a heading and the text under it; the check decides which parts are long enough
//! to count.
//!
//! Headings are paragraphs in a Word heading style, or short paragraphs that start
//! with a numbering: 典型一, 一、, （一）, 1. A family of headings that only names the
//! sections of one account (基本情况, 主要事迹...) divides nothing.

use std::sync::LazyLock;

use regex::Regex;

use super::wordcount::{self, Counts};

/// A heading and what stands under it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Part {
    pub title: String,
    pub counts: Counts,
}

/// Longest paragraph, in characters, taken for a numbered heading.
const HEADING_CHARS: usize = 40;

/// Numbered headings, most telling first.
static FAMILIES: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    crate::vocabulary::patterns(&crate::vocabulary::WORDS.documents.part_headings)
});

/// Section titles of one account, not names of several exemplars.
static SECTION_WORDS: LazyLock<Regex> =
    LazyLock::new(|| crate::vocabulary::pattern(&crate::vocabulary::WORDS.documents.section_words));

/// Whether the headings are the themes of one account ("一、刻苦求学，退休不褪色"),
/// phrased as sentences, rather than the names of several exemplars: most of them hold
/// a comma or a semicolon, or end as a sentence does.
fn thematic(headings: &[usize], lines: &[&str]) -> bool {
    let phrased = headings
        .iter()
        .filter(|&&i| {
            let line = lines[i].trim();
            line.contains(['，', ',', '；', ';']) || line.ends_with(['。', '！', '!'])
        })
        .count();
    phrased * 2 > headings.len()
}

/// The parts of `text` (one paragraph per line). `styled` are the line numbers in a
/// Word heading style. Empty when fewer than two headings of one kind divide it.
pub fn parts(text: &str, styled: &[usize]) -> Vec<Part> {
    let lines: Vec<&str> = text.lines().collect();
    let short = |i: &usize| {
        let line = lines[*i].trim();
        !line.is_empty() && line.chars().count() <= HEADING_CHARS
    };
    let styled: Vec<usize> = styled
        .iter()
        .copied()
        .filter(|i| *i < lines.len())
        .filter(short)
        .collect();
    let headings = if styled.len() >= 2 {
        styled
    } else {
        FAMILIES
            .iter()
            .map(|family| {
                (0..lines.len())
                    .filter(short)
                    .filter(|&i| family.is_match(lines[i].trim()))
                    .collect::<Vec<_>>()
            })
            .find(|found| found.len() >= 2)
            .unwrap_or_default()
    };
    if headings.len() < 2
        || headings
            .iter()
            .any(|&i| SECTION_WORDS.is_match(lines[i].trim()))
        || thematic(&headings, &lines)
    {
        return Vec::new();
    }
    headings
        .iter()
        .enumerate()
        .map(|(n, &start)| {
            let end = headings.get(n + 1).copied().unwrap_or(lines.len());
            let body = lines[start + 1..end].join("\n");
            Part {
                title: lines[start].trim().to_owned(),
                counts: wordcount::count(&body),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &str = "她退休后坚持在社区学习书法和绘画，带动邻里参加读书会。";

    fn titles(text: &str, styled: &[usize]) -> Vec<String> {
        parts(text, styled).into_iter().map(|p| p.title).collect()
    }

    #[test]
    fn numbered_and_styled_headings_divide_a_document() {
        let text = format!(
            "沈阳市终身学习先进典型\n一、百姓学习之星张秀英\n{BODY}\n二、终身学习品牌项目“书香社区”\n{BODY}\n三、百姓学习之星李国华\n{BODY}\n"
        );
        assert_eq!(
            titles(&text, &[]),
            [
                "一、百姓学习之星张秀英",
                "二、终身学习品牌项目“书香社区”",
                "三、百姓学习之星李国华"
            ]
        );
        let text = format!("典型一：张秀英\n{BODY}\n典型二：李国华\n{BODY}\n");
        assert_eq!(titles(&text, &[]).len(), 2);
        let text = format!("张秀英\n{BODY}\n李国华\n{BODY}\n王丽\n{BODY}\n");
        assert_eq!(titles(&text, &[0, 2, 4]), ["张秀英", "李国华", "王丽"]);
    }

    #[test]
    fn one_account_with_sections_or_long_numbered_paragraphs_is_not_divided() {
        let text = format!(
            "张秀英事迹\n一、基本情况\n{BODY}\n二、主要事迹\n{BODY}\n三、社会影响\n{BODY}\n"
        );
        assert!(parts(&text, &[]).is_empty());
        let long = BODY.repeat(3);
        let text = format!("一、{long}\n二、{long}\n");
        assert!(parts(&text, &[]).is_empty());
        assert!(parts(BODY, &[]).is_empty());
        // One person's story told under themes, phrased as sentences.
        let text = format!(
            "百姓学习之星付桂荣\n一、刻苦求学，退休不褪色\n{BODY}\n二、热心公益，带动邻里学\n{BODY}\n三、传承技艺；服务社区\n{BODY}\n"
        );
        assert!(parts(&text, &[]).is_empty());
        let styled = format!("付桂荣\n勤学不辍，老有所为\n{BODY}\n服务社区，乐在其中\n{BODY}\n");
        assert!(parts(&styled, &[1, 3]).is_empty());
    }
}
