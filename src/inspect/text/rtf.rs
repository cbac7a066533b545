//! .rtf (WordPad, WPS and many Chinese office tools save it): the body text, read from
//! the control words. Chinese RTF stores characters as `\'xx` byte pairs in the code
//! page `\ansicpg` names (936, GBK, on Chinese Windows) or as `\uN` code points with
//! an ANSI fallback that is skipped.
//!
//! Groups that hold no body text (font and colour tables, pictures, field codes,
//! headers and footers, every `\*` destination) are skipped, as Word's 字数统计 skips
//! them. Styles and layout are not read.

use encoding_rs::Encoding;

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

/// Group nesting beyond which a file is taken as hostile rather than a document.
const MAX_DEPTH: usize = 1_000;

#[derive(Clone, Copy)]
struct Group {
    skip: bool,
    /// ANSI characters following a `\uN` that stand in for it (`\ucN`).
    fallback: usize,
}

/// The body text of an RTF file, or None when the groups are not balanced within the
/// nesting bound (a damaged, truncated or hostile file).
pub(super) fn text(bytes: &[u8]) -> Option<String> {
    let mut out = String::new();
    let mut pending: Vec<u8> = Vec::new();
    let mut encoding: &'static Encoding = encoding_rs::WINDOWS_1252;
    let mut stack: Vec<Group> = Vec::new();
    let mut group = Group {
        skip: false,
        fallback: 1,
    };
    let mut skip_fallback = 0usize;
    let mut i = 0;
    let flush = |pending: &mut Vec<u8>, out: &mut String, encoding: &'static Encoding| {
        if !pending.is_empty() {
            out.push_str(&encoding.decode_without_bom_handling(pending).0);
            pending.clear();
        }
    };
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'{' => {
                if stack.len() >= MAX_DEPTH {
                    return None;
                }
                stack.push(group);
                i += 1;
            }
            b'}' => {
                flush(&mut pending, &mut out, encoding);
                group = stack.pop()?;
                i += 1;
            }
            b'\\' => {
                i += 1;
                let Some(&next) = bytes.get(i) else { break };
                if next == b'\'' {
                    let hex = bytes
                        .get(i + 1..i + 3)
                        .and_then(|h| u8::from_str_radix(std::str::from_utf8(h).ok()?, 16).ok());
                    i += 3;
                    if let Some(byte) = hex {
                        if skip_fallback > 0 {
                            skip_fallback -= 1;
                        } else if !group.skip {
                            pending.push(byte);
                        }
                    }
                    continue;
                }
                if !next.is_ascii_alphabetic() {
                    i += 1;
                    flush(&mut pending, &mut out, encoding);
                    match next {
                        b'*' => group.skip = true,
                        b'\\' | b'{' | b'}' if !group.skip => out.push(char::from(next)),
                        b'~' if !group.skip => out.push('\u{A0}'),
                        b'\n' | b'\r' if !group.skip => out.push('\n'),
                        _ => {}
                    }
                    continue;
                }
                let start = i;
                while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
                    i += 1;
                }
                let word = std::str::from_utf8(&bytes[start..i]).unwrap_or("");
                let num_start = i;
                if bytes.get(i) == Some(&b'-') {
                    i += 1;
                }
                while i < bytes.len() && bytes[i].is_ascii_digit() && i - num_start < 11 {
                    i += 1;
                }
                let param: Option<i64> = std::str::from_utf8(&bytes[num_start..i])
                    .ok()
                    .and_then(|n| n.parse().ok());
                if bytes.get(i) == Some(&b' ') {
                    i += 1;
                }
                if word != "u" {
                    flush(&mut pending, &mut out, encoding);
                }
                match word {
                    "ansicpg" => {
                        if let Some(e) = param.and_then(code_page) {
                            encoding = e;
                        }
                    }
                    "uc" => {
                        group.fallback = param.and_then(|n| usize::try_from(n).ok()).unwrap_or(1)
                    }
                    "u" => {
                        flush(&mut pending, &mut out, encoding);
                        if let Some(n) = param
                            && !group.skip
                        {
                            // Negative values are code units above 32767, as RTF
                            // writes them in a signed 16-bit word.
                            let unit = if n < 0 { n + 65536 } else { n };
                            if let Some(c) = u32::try_from(unit).ok().and_then(char::from_u32) {
                                out.push(c);
                            }
                        }
                        skip_fallback = group.fallback;
                        continue;
                    }
                    "par" | "line" | "sect" | "page" | "row" if !group.skip => out.push('\n'),
                    "tab" | "cell" if !group.skip => out.push('\t'),
                    "bin" => {
                        let n = param.and_then(|n| usize::try_from(n).ok()).unwrap_or(0);
                        i = i.saturating_add(n).min(bytes.len());
                    }
                    w if SKIPPED.contains(&w) => group.skip = true,
                    _ => {}
                }
                skip_fallback = 0;
            }
            b'\r' | b'\n' => i += 1,
            _ => {
                if skip_fallback > 0 {
                    skip_fallback -= 1;
                } else if !group.skip {
                    pending.push(b);
                }
                i += 1;
            }
        }
    }
    flush(&mut pending, &mut out, encoding);
    // A file cut off before its last group closes is damaged, not a short text.
    stack.is_empty().then_some(out)
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
    fn unbalanced_groups_are_not_a_document() {
        assert!(text(br"{\rtf1 text}}").is_none());
        assert!(text(br"{\rtf1 cut off").is_none());
        let deep = format!("{{\\rtf1 {}", "{".repeat(MAX_DEPTH + 5));
        assert!(text(deep.as_bytes()).is_none());
    }
}
