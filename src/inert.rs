//! Inert text: what a submission says about itself (file, folder and zip member names,
//! EXIF Make and Software strings, roster cells, document titles) reaches the outputs
//! inside messages, paths, names, captions and excerpts. There it is shown as text and
//! never acts on the reader's terminal, text editor or spreadsheet.
//!
//! - [`text`] makes every character that acts instead of showing visible as an escape
//!   in Rust's spelling, `\u{1b}` (lower-case hex, no U+FFFD): the C0 controls
//!   (newline, carriage return and tab too, since a newline in a file name forges a
//!   line of a table or a letter), DEL, the C1 controls (U+0080–U+009F, which some
//!   terminals obey like ESC), the bidirectional marks, embeddings, overrides and
//!   isolates (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) that reorder what
//!   is shown, and the line and paragraph separators (U+2028, U+2029). The escape is
//!   for reading, not for reversing: a name that holds a literal `\u{1b}` looks the
//!   same.
//! - [`cell`] is [`text`] cut to what one spreadsheet cell holds ([`CELL_MAX`]), with
//!   the catalogue's `cell-cut` mark ("…（已截断）" / "… [cut]") at the end.
//! - [`csv_cell`] also puts an apostrophe before a leading `=`, `+`, `-` or `@`, the
//!   usual guard, so that Excel opening the CSV never reads a formula. The workbook
//!   needs no such guard: its cells are written as strings, which are never formulas.
//! - [`json`] keeps the JSON faithful: serde_json escapes the C0 controls itself but
//!   writes DEL, the C1 controls and the bidi controls raw (valid JSON, but live on a
//!   console); they become `\uXXXX` escapes, which parse back to the same characters.
//!
//! The happy path allocates nothing: a string with nothing to change is borrowed.

use std::borrow::Cow;
use std::fmt::Write;

use crate::findings::{Lang, Msg};

/// Characters one cell of an .xlsx workbook holds (Excel's own limit, counted in
/// UTF-16 units, which is never fewer than Rust's chars); rust_xlsxwriter refuses a
/// longer string and the whole workbook with it.
pub const CELL_MAX: usize = 32_767;

/// Whether `c` acts on what shows it rather than showing: see the module's list.
pub fn is_active(c: char) -> bool {
    matches!(
        c,
        '\0'..='\x1f'
            | '\x7f'..='\u{9f}'
            | '\u{061c}'
            | '\u{200e}'
            | '\u{200f}'
            | '\u{2028}'..='\u{202e}'
            | '\u{2066}'..='\u{2069}'
    )
}

/// `s` with every active character shown as `\u{…}`; borrowed when there is none.
pub fn text(s: &str) -> Cow<'_, str> {
    let Some(first) = s.find(is_active) else {
        return Cow::Borrowed(s);
    };
    let mut out = String::with_capacity(s.len() + 8);
    out.push_str(&s[..first]);
    for c in s[first..].chars() {
        if is_active(c) {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A message in `lang`, made inert.
pub fn msg(m: &Msg, lang: Lang) -> Cow<'_, str> {
    text(m.get(lang))
}

/// A path as shown (`display`), made inert.
pub fn path(p: &std::path::Path) -> String {
    let shown = p.display().to_string();
    match text(&shown) {
        Cow::Borrowed(_) => shown,
        Cow::Owned(changed) => changed,
    }
}

/// `s` made inert, cut to one spreadsheet cell.
pub fn cell(s: &str, lang: Lang) -> Cow<'_, str> {
    cut(text(s), lang)
}

/// `s` made inert for a CSV field: never read as a formula, cut to one cell.
pub fn csv_cell(s: &str, lang: Lang) -> Cow<'_, str> {
    // A leading tab or carriage return is shown as an escape by `text`; the field is
    // guarded all the same, by what it first held.
    let formula = s.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let shown = text(s);
    let shown = if formula {
        Cow::Owned(format!("'{shown}"))
    } else {
        shown
    };
    cut(shown, lang)
}

/// `s` cut to [`CELL_MAX`] UTF-16 units, the mark included, never inside a character
/// or an escape of [`text`]; for text made inert already.
pub fn cut(s: Cow<'_, str>, lang: Lang) -> Cow<'_, str> {
    // UTF-8 never takes fewer bytes than UTF-16 takes units.
    if s.len() <= CELL_MAX || s.encode_utf16().count() <= CELL_MAX {
        return s;
    }
    let mark = tr!(lang, "cell-cut");
    let budget = CELL_MAX - mark.encode_utf16().count();
    let (mut used, mut end) = (0, 0);
    for (i, c) in s.char_indices() {
        used += c.len_utf16();
        if used > budget {
            break;
        }
        end = i + c.len_utf8();
    }
    let mut kept = &s[..end];
    // A backslash with no closing brace after it may open an escape cut in half; the
    // text is being cut anyway, so a few characters less do no harm.
    if let Some(at) = kept.rfind('\\')
        && !kept[at..].contains('}')
    {
        kept = &kept[..at];
    }
    Cow::Owned(format!("{kept}{mark}"))
}

/// A JSON document with the active characters serde_json leaves raw written as
/// `\uXXXX` escapes. They only occur inside strings (the structure is ASCII), all lie
/// in the Basic Multilingual Plane, and the C0 controls serde_json has escaped already
/// (the document's own newlines are structure and stay).
pub fn json(document: String) -> String {
    let raw = |c: char| c > '\x1f' && is_active(c);
    if !document.contains(raw) {
        return document;
    }
    let mut out = String::with_capacity(document.len() + 16);
    for c in document.chars() {
        if raw(c) {
            let _ = write!(out, "\\u{:04x}", c as u32);
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_borrowed() {
        for s in [
            "沈阳市/展板1/01-社区读书会.jpg",
            "“IMG_1.jpg”只有 800×600",
            "",
        ] {
            assert!(matches!(text(s), Cow::Borrowed(_)), "{s}");
            assert!(matches!(cell(s, Lang::Zh), Cow::Borrowed(_)), "{s}");
            assert!(matches!(csv_cell(s, Lang::Zh), Cow::Borrowed(_)), "{s}");
        }
    }

    #[test]
    fn active_characters_become_escapes() {
        let hostile = "a\x1b[2J\x1b]0;t\x07\u{1}\n\r\t\x7f\u{85}\u{9b}\u{202e}\u{2066}\u{200f}\u{61c}\u{2028}b";
        let shown = text(hostile);
        assert!(!shown.contains(is_active), "{shown}");
        assert_eq!(
            shown,
            r"a\u{1b}[2J\u{1b}]0;t\u{7}\u{1}\u{a}\u{d}\u{9}\u{7f}\u{85}\u{9b}\u{202e}\u{2066}\u{200f}\u{61c}\u{2028}b"
        );
        // Joiners in emoji and ordinary punctuation stay.
        assert_eq!(text("👨\u{200d}👩 “—…”"), "👨\u{200d}👩 “—…”");
    }

    #[test]
    fn csv_fields_never_start_a_formula() {
        for s in ["=HYPERLINK(\"x\")", "+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert!(csv_cell(s, Lang::En).starts_with('\''), "{s}");
        }
        assert_eq!(csv_cell("1-1", Lang::En), "1-1");
    }

    #[test]
    fn long_cells_are_cut_with_a_mark() {
        for lang in [Lang::Zh, Lang::En] {
            let mark = tr!(lang, "cell-cut");
            for long in [
                "x".repeat(40_000),
                "汉".repeat(32_768),
                "\x1b".repeat(6_000),
            ] {
                let c = cell(&long, lang);
                assert!(c.encode_utf16().count() <= CELL_MAX);
                assert!(c.ends_with(&mark), "{}", &c[c.len() - 40..]);
                let kept = &c[..c.len() - mark.len()];
                let end: String = kept.chars().rev().take(10).collect();
                assert!(kept.ends_with(['x', '汉', '}']), "{end}");
            }
            let emoji = "😀".repeat(20_000);
            assert!(cell(&emoji, lang).encode_utf16().count() <= CELL_MAX);
            let fits = "x".repeat(CELL_MAX);
            assert!(matches!(cell(&fits, lang), Cow::Borrowed(_)));
        }
    }

    #[test]
    fn json_keeps_its_characters() {
        let value = "a\x1b\u{85}\u{202e}\x7f\nb";
        let document = json(serde_json::to_string_pretty(&[value]).unwrap());
        assert!(!document.contains(|c: char| c > '\x1f' && is_active(c)));
        let back: Vec<String> = serde_json::from_str(&document).unwrap();
        assert_eq!(back, [value]);
    }
}
