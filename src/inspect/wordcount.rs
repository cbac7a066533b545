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
    /// How the method is named in messages ("Word 字数统计口径").
    pub fn label(self) -> crate::findings::Msg {
        match self {
            CountMethod::Word => msg!("count-method-word"),
            CountMethod::CharsNoSpaces => msg!("count-method-chars-no-spaces"),
            CountMethod::Han => msg!("count-method-han"),
        }
    }
}

/// All three counts of one text, computed in a single pass.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
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
        if is_ignored(c) {
            continue;
        }
        if is_separator_word(c) {
            counts.chars_no_spaces += 1;
            counts.words += 1;
            in_word = false;
            continue;
        }
        if c.is_whitespace() {
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

/// Characters Word neither counts nor lets split a word: the byte-order mark, the
/// zero-width space and word joiner, the soft hyphen (`foo` + U+200B + `bar` is 1 word
/// of 6 characters). Zero-width joiners and non-joiners, by contrast, are counted as
/// characters of the word they sit in.
fn is_ignored(c: char) -> bool {
    matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}')
}

/// The Unicode line and paragraph separators: Word counts each as a word and a
/// character of its own, and they end the word before them.
fn is_separator_word(c: char) -> bool {
    matches!(c, '\u{2028}' | '\u{2029}')
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

/// Characters Word counts one by one: ideographs, kana, Hangul syllables, CJK and
/// full-width punctuation and forms, the punctuation Chinese text shares with Western
/// text (curly quotes, em-dash, ellipsis, middle dot), and the symbols Chinese input
/// methods type as double-byte characters (Ⅱ, ※, ℃, №, ★, →, ±, ×, °...).
///
/// Where Word's own count and a GBK-based rule disagree, Word wins (the Word-verified
/// table in the tests): circled and parenthesised numbers (①②③ is 1 word), emoji and
/// zero-width characters join the run they are in; Hangul counts syllable by syllable
/// (안녕하세요 is 5).
fn is_east_asian(c: char) -> bool {
    is_han(c)
        || matches!(c,
            '\u{2E80}'..='\u{2FDF}'      // radicals
            | '\u{3001}'..='\u{303F}'    // CJK symbols and punctuation (not U+3000 space)
            | '\u{3040}'..='\u{30FF}'    // kana
            | '\u{3100}'..='\u{312F}'    // bopomofo
            | '\u{3130}'..='\u{31FF}'    // Hangul jamo, kanbun, strokes, katakana extensions
            | '\u{1100}'..='\u{11FF}'    // Hangul jamo
            | '\u{A960}'..='\u{A97F}'    // Hangul jamo extended A
            | '\u{AC00}'..='\u{D7FF}'    // Hangul syllables, jamo extended B
            | '\u{3200}'..='\u{33FF}'    // enclosed CJK, compatibility
            | '\u{FE10}'..='\u{FE1F}'    // vertical forms
            | '\u{FE30}'..='\u{FE4F}'    // CJK compatibility forms
            | '\u{FF01}'..='\u{FF60}'    // full-width ASCII forms
            | '\u{FFE0}'..='\u{FFE6}'    // full-width signs
            | '\u{2018}'..='\u{201F}'    // curly quotes
            | '\u{2014}' | '\u{2015}'    // em-dash, horizontal bar (——)
            | '\u{2026}' | '\u{2025}'    // ellipsis (……), two-dot leader
            | '\u{00B7}' | '\u{2027}'    // middle dots
            | '\u{2160}'..='\u{217F}'    // Roman numerals Ⅰ Ⅱ
            | '\u{2190}'..='\u{21FF}'    // arrows →
            | '\u{2500}'..='\u{257F}'    // box drawing
            | '\u{25A0}'..='\u{25FF}'    // geometric shapes ■□▲△◆◇○●◎
            | '\u{2605}' | '\u{2606}'    // ★☆
            | '\u{203B}'                 // ※
            | '\u{2103}' | '\u{2116}'    // ℃ №
            | '\u{00A7}' | '\u{00B0}' | '\u{00B1}' | '\u{00D7}' | '\u{00F7}' // § ° ± × ÷
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

    /// Worked examples of Word's 字数, one rule each. Counts follow Word's rule: CJK
    /// characters and punctuation 1 each, every other run of non-space characters 1.
    const EXAMPLES: &[(&str, usize)] = &[
        ("", 0),
        ("   \n\t", 0),
        ("社区教育", 4),
        ("社区教育。", 5),
        ("全民终身学习，助力双战双赢！", 14),
        ("Hello", 1),
        ("Hello World", 2),
        ("World!", 1),
        ("Hello,World", 1),
        ("Hello, World.", 2),
        ("中文,英文", 5),
        ("2020", 1),
        ("2020年", 2),
        ("共3天", 3),
        ("10月21日前", 5),
        ("3.5万人", 3),
        ("3D打印", 3),
        ("COVID-19疫情", 3),
        ("“全民智学”", 6),
        ("‘学习’", 4),
        ("《终身学习》", 6),
        ("（一）主题", 5),
        ("(一)主题", 5),
        ("双战双赢……", 6),
        ("活动——开幕", 6),
        ("第1、2块", 5),
        ("①②③", 1),
        ("⑴读书", 3),
        ("①社区②学校", 6),
        ("Ⅲ类", 2),
        ("※注意", 3),
        ("气温20℃", 4),
        ("★优秀★", 4),
        ("A→B", 3),
        ("ＡＢＣ", 3),
        ("２０２０年", 5),
        ("e-mail: lnsszxx@126.com", 2),
        ("https://www.example.com/a?b=1", 1),
        ("电话：024-86896319", 4),
        ("中\u{3000}文", 2),
        ("中\u{00A0}文", 2),
        ("零\u{200B}宽", 2),
        ("😀学习", 3),
        ("学习😀😀", 3),
        ("ひらがな", 4),
        ("안녕하세요 세계", 7),
        ("百姓学习之星·王丽", 9),
        ("a b  c\td\ne", 5),
        ("辽社指〔2020〕11号", 8),
    ];

    #[test]
    fn worked_examples() {
        assert!(EXAMPLES.len() >= 40);
        for (text, expected) in EXAMPLES {
            assert_eq!(words(text), *expected, "字数 of {text:?}");
        }
    }

    /// Every row of the Word-verified validation table of the office-wordcount project
    /// (bebe3/office-wordcount, `validation_dataset.md`): text, Word's word count, and
    /// its characters without spaces.
    const WORD_VERIFIED: &[(&str, usize, usize)] = &[
        ("Hello World", 2, 10),
        ("こんにちは", 5, 5),
        ("カタカナ", 4, 4),
        ("日本語", 3, 3),
        ("안녕하세요", 5, 5),
        ("中文测试", 4, 4),
        ("Hello 世界", 3, 7),
        ("This is テスト", 5, 9),
        ("東京2024オリンピック", 9, 12),
        ("㈱テスト㈲", 5, 5),
        ("㍻㍼㍽㍾", 4, 4),
        ("①②③④⑤", 1, 5),
        ("ＡＢＣＤＥ", 5, 5),
        ("１２３４５", 5, 5),
        ("⼀⼆⼃", 3, 3),
        ("ㇰㇱㇲ", 3, 3),
        ("「こんにちは」", 7, 7),
        ("Hello、World。", 4, 12),
        ("〽々〆", 3, 3),
        ("👍", 1, 1),
        ("👍👎👏", 1, 3),
        ("👨\u{200D}👩\u{200D}👧\u{200D}👦", 1, 7),
        ("👍🏻", 1, 2),
        ("🇯🇵", 1, 2),
        ("Hello👍World", 1, 11),
        ("こんにちは👋", 6, 6),
        ("hello 🙂 world", 3, 11),
        ("1\u{20E3}2\u{20E3}3\u{20E3}", 1, 6),
        ("\u{FEFF}Hello", 1, 5),
        ("foo\u{200B}bar", 1, 6),
        ("foo\u{200D}bar", 1, 7),
        ("foo\u{200C}bar", 1, 7),
        ("a\u{2028}b", 3, 3),
        ("a\u{2029}b", 3, 3),
        ("Hello\u{2028}World\u{2029}Test", 5, 16),
        ("สวัสดีครับ", 1, 10),
        ("Hello สวัสดี", 2, 11),
        ("ສະບາຍດີ", 1, 7),
        ("សួស្តី", 1, 6),
        ("မင်္ဂလာပါ", 1, 9),
        ("مرحبا بالعالم", 2, 12),
        ("नमस्ते दुनिया", 2, 12),
    ];

    #[test]
    fn every_row_of_the_word_verified_table() {
        assert_eq!(WORD_VERIFIED.len(), 42);
        for (text, words, chars) in WORD_VERIFIED {
            let c = count(text);
            assert_eq!(
                (c.words, c.chars_no_spaces),
                (*words, *chars),
                "{text:?} (words, characters without spaces)"
            );
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
