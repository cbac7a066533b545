//! Reading the names staff give files and folders: without their spacing and
//! full-width forms, without leading ordinals ("01", "一、", "（3）"), and with the
//! board labels (展板一, 第二块展板) that group a board's files.

use std::sync::LazyLock;

use regex::Regex;

/// A cell as compared: without white space of any kind (ASCII, U+3000, no-break) and
/// with full-width letters, digits and signs folded to ASCII.
pub fn normalize(cell: &str) -> String {
    cell.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// Removes leading ordinals and separators: "01-", "1、", "一、", "（3）", "2.".
pub fn strip_ordinal(name: &str) -> &str {
    let s = name.trim_start();
    let rest = strip_bracketed_number(s)
        .or_else(|| strip_number_then_separator(s))
        .unwrap_or(s);
    rest.trim_start_matches(|c: char| SEPARATORS.contains(&c) || c.is_whitespace())
}

const SEPARATORS: &[char] = &['-', '_', '.', '、', ',', '，', '．', ':', '：', '—', '·'];
const CHINESE_DIGITS: &[char] = &[
    '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '〇', '零',
];

fn is_ordinal_digit(c: char) -> bool {
    c.is_ascii_digit() || CHINESE_DIGITS.contains(&c)
}

fn strip_bracketed_number(s: &str) -> Option<&str> {
    let rest = s.strip_prefix(['(', '（', '【', '['])?;
    let digits_end = rest.find(|c: char| !is_ordinal_digit(c))?;
    if digits_end == 0 || digits_end > 9 {
        return None;
    }
    rest[digits_end..].strip_prefix([')', '）', '】', ']'])
}

/// "01工作方案" and "1、书法课" lose their number; "2020年读书会" keeps its year, since
/// a number followed directly by text is part of the name unless it is zero-padded.
fn strip_number_then_separator(s: &str) -> Option<&str> {
    let end = s.find(|c: char| !is_ordinal_digit(c)).unwrap_or(s.len());
    if end == 0 {
        return None;
    }
    let (number, rest) = s.split_at(end);
    let ascii = number.chars().all(|c| c.is_ascii_digit());
    let Some(next) = rest.chars().next() else {
        // A name that is only a short number ("01") has nothing else in it.
        return (ascii && number.len() <= 3).then_some(rest);
    };
    let separated = SEPARATORS.contains(&next) || next.is_whitespace();
    if ascii && number.len() <= 3 && (separated || number.starts_with('0')) {
        // "1.5万人" is a quantity, not "1." followed by a name.
        if next == '.' && rest[1..].starts_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        Some(rest)
    } else if !ascii && number.chars().count() <= 3 && matches!(next, '、' | '.' | '．') {
        Some(rest)
    } else {
        None
    }
}

/// A place's name without its administrative suffix: 瓦房店市 -> 瓦房店, 沈北新区 ->
/// 沈北, 岫岩满族自治县 -> 岫岩; None when too little is left to be telling.
pub fn place_stem(place: &str) -> Option<&str> {
    let words = &crate::vocabulary::WORDS.names;
    let stem = words
        .place_suffixes
        .iter()
        .find_map(|suffix| place.strip_suffix(suffix.as_str()))?;
    let stem = stem
        .strip_suffix(words.place_prefix_suffix.as_str())
        .unwrap_or(stem);
    (stem.chars().count() >= 2).then_some(stem)
}

/// Board labels in file and folder names: 展板一, 展板1, 展板（一）, 1号展板, 第一块展板.
static BOARD_LABEL: LazyLock<Regex> =
    LazyLock::new(|| crate::vocabulary::pattern(&crate::vocabulary::WORDS.names.board_label));

/// A board label found in a name: the board's number and where the label sits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BoardLabel {
    pub number: u32,
    pub text: String,
    pub range: std::ops::Range<usize>,
}

pub fn board_label(name: &str) -> Option<BoardLabel> {
    let m = BOARD_LABEL.captures(name)?;
    let digits = ["a", "b", "c"].iter().find_map(|g| m.name(g))?;
    let number = chinese_number(digits.as_str())?;
    let whole = m.get(0)?;
    Some(BoardLabel {
        number,
        text: whole.as_str().trim().to_owned(),
        range: whole.range(),
    })
}

/// 一..九十九 and ASCII or full-width digits.
fn chinese_number(text: &str) -> Option<u32> {
    let digits: String = text
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            c => c,
        })
        .collect();
    if let Ok(n) = digits.parse() {
        return Some(n);
    }
    let value = |c: char| "一二三四五六七八九".find(c).map(|i| i as u32 / 3 + 1);
    let chars: Vec<char> = digits.chars().collect();
    match chars.as_slice() {
        [c] if *c == '十' => Some(10),
        [c] => value(*c),
        ['十', ones] => Some(10 + value(*ones)?),
        [tens, '十'] => Some(value(*tens)? * 10),
        [tens, '十', ones] => Some(value(*tens)? * 10 + value(*ones)?),
        _ => None,
    }
}
