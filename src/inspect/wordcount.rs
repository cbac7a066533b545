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

/// Characters Word counts one by one as 中文字符: ideographs, kana, CJK and
/// full-width punctuation and forms, the punctuation Chinese text shares with Western
/// text (curly quotes, em-dash, ellipsis, middle dot), and the symbols Chinese input
/// methods type as double-byte characters (①, Ⅱ, ※, ℃, №, ★, →, ±, ×, °...).
/// Korean is not among them: Word counts 朝鲜语单词, whole Hangul words.
fn is_east_asian(c: char) -> bool {
    is_han(c)
        || matches!(c,
            '\u{2E80}'..='\u{2FDF}'      // radicals
            | '\u{3001}'..='\u{303F}'    // CJK symbols and punctuation (not U+3000 space)
            | '\u{3040}'..='\u{30FF}'    // kana
            | '\u{3100}'..='\u{312F}'    // bopomofo
            | '\u{3200}'..='\u{33FF}'    // enclosed CJK, compatibility
            | '\u{FE10}'..='\u{FE1F}'    // vertical forms
            | '\u{FE30}'..='\u{FE4F}'    // CJK compatibility forms
            | '\u{FF01}'..='\u{FF60}'    // full-width ASCII forms
            | '\u{FFE0}'..='\u{FFE6}'    // full-width signs
            | '\u{2018}'..='\u{201F}'    // curly quotes
            | '\u{2014}' | '\u{2015}'    // em-dash, horizontal bar (——)
            | '\u{2026}' | '\u{2025}'    // ellipsis (……), two-dot leader
            | '\u{00B7}' | '\u{2027}'    // middle dots
            | '\u{2460}'..='\u{24FF}'    // enclosed alphanumerics ①⑴⒈
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
        ("①②③", 3),
        ("⑴读书", 3),
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
        ("안녕하세요 세계", 2),
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

    #[test]
    fn han_and_chars_no_spaces() {
        let c = count("百姓学习之星 3 人。");
        assert_eq!(c.han, 7);
        assert_eq!(c.chars_no_spaces, 9);
        assert_eq!(c.get(CountMethod::Han), 7);
        assert_eq!(c.get(CountMethod::CharsNoSpaces), 9);
    }
}
