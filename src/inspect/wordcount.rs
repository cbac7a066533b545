//! Counting 字 the way city staff do: Word's and WPS's 字数统计.
//!
//! Word's 字数 is 中文字符和朝鲜语单词 + 非中文单词: every CJK ideograph and every
//! full-width or CJK punctuation mark counts 1, and every run of other non-space
//! characters counts 1 as one word (so "World!" is 1 and the "2020" in "2020年" is 1).
//! This module only counts; extracting text from files lives in `inspect::text`.

use serde::{Deserialize, Serialize};

/// How a text's length is measured; selectable per requirement in rules.toml.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum CountMethod {
    /// Word/WPS 字数: CJK characters and punctuation count 1 each, other words 1 each.
    #[default]
    Word,
    /// Word/WPS 字符数（不计空格）: every character that is not white space.
    CharsNoSpaces,
    /// Only Han ideographs (汉字).
    Han,
}

impl CountMethod {
    pub fn label_zh(self) -> &'static str {
        match self {
            CountMethod::Word => "Word 字数统计口径",
            CountMethod::CharsNoSpaces => "字符数，不计空格",
            CountMethod::Han => "汉字数",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            CountMethod::Word => "Word's word count",
            CountMethod::CharsNoSpaces => "characters without spaces",
            CountMethod::Han => "Han characters",
        }
    }
}

/// All three counts of one text, computed in a single pass.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Word's 字数.
    pub words: usize,
    /// Word's 字符数（不计空格）.
    pub chars_no_spaces: usize,
    /// 汉字 only.
    pub han: usize,
}

impl Counts {
    pub fn get(&self, method: CountMethod) -> usize {
        match method {
            CountMethod::Word => self.words,
            CountMethod::CharsNoSpaces => self.chars_no_spaces,
            CountMethod::Han => self.han,
        }
    }

    pub fn add(&mut self, other: Counts) {
        self.words += other.words;
        self.chars_no_spaces += other.chars_no_spaces;
        self.han += other.han;
    }
}

pub fn count(text: &str) -> Counts {
    let mut counts = Counts::default();
    let mut in_word = false;
    for c in text.chars() {
        if c.is_whitespace() || is_invisible(c) {
            in_word = false;
            continue;
        }
        counts.chars_no_spaces += 1;
        if is_han(c) {
            counts.han += 1;
        }
        if is_east_asian(c) {
            counts.words += 1;
            in_word = false;
        } else if !in_word {
            counts.words += 1;
            in_word = true;
        }
    }
    counts
}

/// Characters Word neither counts nor treats as part of a word: zero-width marks that
/// end up in pasted text.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
    )
}

pub fn is_han(c: char) -> bool {
    matches!(c,
        '\u{4E00}'..='\u{9FFF}'      // CJK Unified Ideographs
        | '\u{3400}'..='\u{4DBF}'    // Extension A
        | '\u{20000}'..='\u{3134F}'  // Extensions B-G
        | '\u{F900}'..='\u{FAFF}'    // Compatibility Ideographs
        | '\u{3007}'                 // 〇
    )
}

/// Characters Word counts one by one as 中文字符: ideographs, kana, hangul, CJK and
/// full-width punctuation and forms, and the punctuation Chinese text shares with
/// Western text (curly quotes, em-dash, ellipsis, middle dot).
fn is_east_asian(c: char) -> bool {
    is_han(c)
        || matches!(c,
            '\u{2E80}'..='\u{2FDF}'      // radicals
            | '\u{3001}'..='\u{303F}'    // CJK symbols and punctuation (not U+3000 space)
            | '\u{3040}'..='\u{30FF}'    // kana
            | '\u{3100}'..='\u{312F}'    // bopomofo
            | '\u{3130}'..='\u{318F}'    // hangul compatibility jamo
            | '\u{3200}'..='\u{33FF}'    // enclosed CJK, compatibility
            | '\u{AC00}'..='\u{D7AF}'    // hangul syllables
            | '\u{FE10}'..='\u{FE1F}'    // vertical forms
            | '\u{FE30}'..='\u{FE4F}'    // CJK compatibility forms
            | '\u{FF01}'..='\u{FF60}'    // full-width ASCII forms
            | '\u{FFE0}'..='\u{FFE6}'    // full-width signs
            | '\u{2018}'..='\u{201F}'    // curly quotes
            | '\u{2014}' | '\u{2015}'    // em-dash, horizontal bar (——)
            | '\u{2026}'                 // ellipsis (……)
            | '\u{00B7}' | '\u{2027}'    // middle dots
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> usize {
        count(s).words
    }

    #[test]
    fn domain_worked_example() {
        let c = count("2020年全民终身学习活动周，Hello World! 共3天。");
        assert_eq!(
            c,
            Counts {
                words: 18,
                chars_no_spaces: 30,
                han: 12
            }
        );
    }

    #[test]
    fn worked_examples() {
        let cases: &[(&str, usize)] = &[
            ("", 0),
            ("   \n\t", 0),
            ("社区教育", 4),
            ("社区教育。", 5),
            ("Hello", 1),
            ("Hello World", 2),
            ("World!", 1),
            ("Hello,World", 1),
            ("2020年", 2),
            ("共3天", 3),
            ("3D打印", 3),
            ("“全民智学”", 6),
            ("双战双赢……", 6),
            ("活动——开幕", 6),
            ("（一）主题", 5),
            ("ＡＢＣ", 3),
            ("e-mail: lnsszxx@126.com", 2),
            ("10月21日前", 5),
            ("第1、2块", 5),
            ("中\u{3000}文", 2),
            ("零\u{200B}宽", 2),
            ("😀学习", 3),
        ];
        for (text, expected) in cases {
            assert_eq!(words(text), *expected, "字数 of {text:?}");
        }
    }

    #[test]
    fn han_and_chars_no_spaces() {
        let c = count("百姓学习之星 3 人。");
        assert_eq!(c.han, 7);
        assert_eq!(c.chars_no_spaces, 9);
        assert_eq!(c.get(CountMethod::Han), 7);
        assert_eq!(c.get(CountMethod::CharsNoSpaces), 9);
    }
}
