//! .rtf (WordPad, WPS and many Chinese office tools save it): the body text, read from
//! the control words. Chinese RTF stores characters as `\'xx` byte pairs in the code
//! page `\ansicpg` names (936, GBK, on Chinese Windows) or as `\uN` code points with
//! an ANSI fallback that is skipped.
//!
//! Groups that hold no body text (font and colour tables, pictures, field codes,
//! headers and footers, every `\*` destination) are skipped, as Word's 字数统计 skips
//! them. Styles and layout are not read.

use encoding_rs::Encoding;

use crate::findings::Msg;
use crate::limits::MAX_RTF_DEPTH;

/// Destinations whose content is not body text.
const SKIPPED: &[&str] = &[
    "fonttbl",
    "colortbl",
    "stylesheet",
    "info",
    "pict",
    "object",
    "fldinst",
    "header",
    "headerl",
    "headerr",
    "headerf",
    "footer",
    "footerl",
    "footerr",
    "footerf",
    "listtable",
    "listoverridetable",
    "rsidtbl",
    "generator",
    "xmlnstbl",
    "themedata",
    "colorschememapping",
    "latentstyles",
    "datastore",
    "filetbl",
    "revtbl",
    "pgdsctbl",
];

#[derive(Clone, Copy)]
struct Group {
    skip: bool,
    /// ANSI characters following a `\uN` that stand in for it (`\ucN`).
    fallback: usize,
}

/// The body text of an RTF file, or why there is none: groups that are not balanced (a
/// damaged or truncated file), or nested past [`MAX_RTF_DEPTH`].
pub(super) fn text(bytes: &[u8]) -> Result<String, Msg> {
    let unbalanced = || msg!("rtf-unbalanced");
    let mut r = Reader {
        bytes,
        i: 0,
        out: String::new(),
        pending: Vec::new(),
        encoding: encoding_rs::WINDOWS_1252,
        stack: Vec::new(),
        group: Group {
            skip: false,
            fallback: 1,
        },
        skip_fallback: 0,
    };
    while r.i < bytes.len() {
        let b = bytes[r.i];
        match b {
            b'{' => {
                if r.stack.len() >= MAX_RTF_DEPTH {
                    let limit = MAX_RTF_DEPTH;
                    return Err(msg!("rtf-too-deep", limit));
                }
                r.stack.push(r.group);
                r.i += 1;
            }
            b'}' => {
                r.flush();
                r.group = r.stack.pop().ok_or_else(unbalanced)?;
                r.i += 1;
            }
            b'\\' => {
                r.i += 1;
                let Some(&next) = bytes.get(r.i) else { break };
                if next == b'\'' {
                    r.hex_byte();
                } else if !next.is_ascii_alphabetic() {
                    r.control_symbol(next);
                } else {
                    r.control_word();
                }
            }
            b'\r' | b'\n' => r.i += 1,
            _ => {
                r.byte(b);
                r.i += 1;
            }
        }
    }
    r.flush();
    // A file cut off before its last group closes is damaged, not a short text.
    if r.stack.is_empty() {
        Ok(r.out)
    } else {
        Err(unbalanced())
    }
}

/// The reader's state: where it is, what it has written, and the groups it is in.
struct Reader<'a> {
    bytes: &'a [u8],
    i: usize,
    out: String,
    /// Bytes in the document's code page not yet decoded.
    pending: Vec<u8>,
    encoding: &'static Encoding,
    stack: Vec<Group>,
    group: Group,
    /// Fallback characters still to skip after a `\uN`.
    skip_fallback: usize,
}

impl Reader<'_> {
    fn flush(&mut self) {
        if !self.pending.is_empty() {
            let text = self.encoding.decode_without_bom_handling(&self.pending).0;
            self.out.push_str(&text);
            self.pending.clear();
        }
    }

    /// A byte of text in the document's code page.
    fn byte(&mut self, b: u8) {
        if self.skip_fallback > 0 {
            self.skip_fallback -= 1;
        } else if !self.group.skip {
            self.pending.push(b);
        }
    }

    /// `\'xx`: one byte in the document's code page.
    fn hex_byte(&mut self) {
        let i = self.i;
        let hex = self
            .bytes
            .get(i + 1..i + 3)
            .and_then(|h| u8::from_str_radix(std::str::from_utf8(h).ok()?, 16).ok());
        self.i += 3;
        if let Some(byte) = hex {
            self.byte(byte);
        }
    }

    /// `\*`, an escaped `\ { }`, a non-breaking space or a line break.
    fn control_symbol(&mut self, next: u8) {
        self.i += 1;
        self.flush();
        let skip = self.group.skip;
        match next {
            b'*' => self.group.skip = true,
            b'\\' | b'{' | b'}' if !skip => self.out.push(char::from(next)),
            b'~' if !skip => self.out.push('\u{A0}'),
            b'\n' | b'\r' if !skip => self.out.push('\n'),
            _ => {}
        }
    }

    /// A control word and its optional numeric parameter.
    fn control_word(&mut self) {
        let bytes = self.bytes;
        let start = self.i;
        while self.i < bytes.len() && bytes[self.i].is_ascii_alphabetic() {
            self.i += 1;
        }
        let word = std::str::from_utf8(&bytes[start..self.i]).unwrap_or("");
        let num_start = self.i;
        if bytes.get(self.i) == Some(&b'-') {
            self.i += 1;
        }
        while self.i < bytes.len() && bytes[self.i].is_ascii_digit() && self.i - num_start < 11 {
            self.i += 1;
        }
        let param: Option<i64> = std::str::from_utf8(&bytes[num_start..self.i])
            .ok()
            .and_then(|n| n.parse().ok());
        if bytes.get(self.i) == Some(&b' ') {
            self.i += 1;
        }
        self.flush();
        let skip = self.group.skip;
        match word {
            "ansicpg" => {
                if let Some(e) = param.and_then(code_page) {
                    self.encoding = e;
                }
            }
            "uc" => self.group.fallback = param.and_then(|n| usize::try_from(n).ok()).unwrap_or(1),
            "u" => {
                if let Some(n) = param
                    && !skip
                {
                    // Negative values are code units above 32767, as RTF writes them
                    // in a signed 16-bit word.
                    let unit = if n < 0 { n + 65536 } else { n };
                    if let Some(c) = u32::try_from(unit).ok().and_then(char::from_u32) {
                        self.out.push(c);
                    }
                }
                self.skip_fallback = self.group.fallback;
                return;
            }
            "par" | "line" | "sect" | "page" | "row" if !skip => self.out.push('\n'),
            "tab" | "cell" if !skip => self.out.push('\t'),
            "bin" => {
                let n = param.and_then(|n| usize::try_from(n).ok()).unwrap_or(0);
                self.i = self.i.saturating_add(n).min(bytes.len());
            }
            w if SKIPPED.contains(&w) => self.group.skip = true,
            _ => {}
        }
        self.skip_fallback = 0;
    }
}

/// The encoding of a Windows code page number, as `\ansicpg` gives it.
fn code_page(n: i64) -> Option<&'static Encoding> {
    Some(match n {
        936 => encoding_rs::GBK,
        950 => encoding_rs::BIG5,
        932 => encoding_rs::SHIFT_JIS,
        949 => encoding_rs::EUC_KR,
        65001 => encoding_rs::UTF_8,
        1250 => encoding_rs::WINDOWS_1250,
        1251 => encoding_rs::WINDOWS_1251,
        1252 => encoding_rs::WINDOWS_1252,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An RTF file as WordPad on Chinese Windows writes it: GBK bytes as `\'xx`.
    fn wordpad(body: &str) -> Vec<u8> {
        let mut escaped = String::new();
        for c in body.chars() {
            if c.is_ascii() {
                escaped.push(c);
            } else {
                for byte in encoding_rs::GBK.encode(&c.to_string()).0.iter() {
                    escaped.push_str(&format!("\\'{byte:02x}"));
                }
            }
        }
        format!(
            "{{\\rtf1\\ansi\\ansicpg936\\deff0\\nouicompat\\deflang1033\\deflangfe2052{{\\fonttbl{{\\f0\\fnil\\fcharset134 \\'cb\\'ce\\'cc\\'e5;}}}}\r\n{{\\*\\generator Riched20 10.0.19041}}\\viewkind4\\uc1 \r\n\\pard\\sa200\\sl276\\slmult1\\f0\\fs22\\lang2052 {escaped}\\par\r\n}}\r\n"
        )
        .into_bytes()
    }

    #[test]
    fn reads_gbk_bytes_in_code_page_936() {
        let text = text(&wordpad("社区读书会，Hello World! 共3天。")).unwrap();
        assert_eq!(text.trim(), "社区读书会，Hello World! 共3天。");
    }

    #[test]
    fn unicode_escapes_skip_their_fallback_and_tables_are_not_text() {
        let rtf = br"{\rtf1\ansi\ansicpg1252{\fonttbl{\f0 Arial;}}{\colortbl;\red0\green0\blue0;}\uc1\u31038?\u21306?\par{\*\fldinst HYPERLINK x}{\fldrslt link}}";
        assert_eq!(text(rtf).unwrap(), "社区\nlink");
    }

    #[test]
    fn unbalanced_or_too_deep_groups_are_not_a_document() {
        let unbalanced = msg!("rtf-unbalanced");
        assert_eq!(text(br"{\rtf1 text}}"), Err(unbalanced.clone()));
        assert_eq!(text(br"{\rtf1 cut off"), Err(unbalanced.clone()));
        // Nested to the limit and closed: read. One group more: named with the limit.
        let nested = |n: usize| format!("{{\\rtf1 {}deep{}}}", "{".repeat(n), "}".repeat(n));
        assert_eq!(text(nested(MAX_RTF_DEPTH - 1).as_bytes()).unwrap(), "deep");
        let deep = text(nested(MAX_RTF_DEPTH).as_bytes()).unwrap_err();
        assert!(deep.en.contains("1000"), "{}", deep.en);
        assert_ne!(deep, unbalanced);
    }
}
