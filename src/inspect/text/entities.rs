//! Character references in web pages (`&amp;`, `&#x4E2D;`, `&nbsp;`): the numeric
//! ones, and the named ones Chinese pages and Word's HTML use. An unknown name is left
//! as written, as browsers show it.

use std::borrow::Cow;

/// Decodes character references: numeric ones, and the named ones pages use.
pub(super) fn entities(text: &str) -> Cow<'_, str> {
    if !text.contains('&') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        match reference(rest) {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The character a reference at the start of `text` stands for, and its length.
fn reference(text: &str) -> Option<(char, usize)> {
    let body = &text[1..];
    if let Some(number) = body.strip_prefix('#') {
        let (digits, radix, skip) = match number.strip_prefix(['x', 'X']) {
            Some(hex) => (hex, 16, 3),
            None => (number, 10, 2),
        };
        let len = digits
            .find(|c: char| !c.is_digit(radix))
            .unwrap_or(digits.len());
        if len == 0 {
            return None;
        }
        let value = u32::from_str_radix(&digits[..len.min(8)], radix).unwrap_or(0xFFFD);
        let c = match value {
            // Windows-1252 in numeric references, as browsers read them.
            0x80..=0x9F => encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(&[value as u8])
                .0
                .chars()
                .next(),
            0 => None,
            v => char::from_u32(v),
        };
        let semicolon = usize::from(digits[len..].starts_with(';'));
        return Some((c.unwrap_or('\u{FFFD}'), skip + len + semicolon));
    }
    let len = body
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(body.len());
    let name = &body[..len];
    let semicolon = body[len..].starts_with(';');
    let c = named(name)?;
    // Only the oldest names work without their semicolon.
    if !semicolon && !matches!(name, "nbsp" | "amp" | "lt" | "gt" | "quot") {
        return None;
    }
    Some((c, 1 + len + usize::from(semicolon)))
}

fn named(name: &str) -> Option<char> {
    Some(match name {
        "nbsp" => '\u{A0}',
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "ensp" => '\u{2002}',
        "emsp" => '\u{2003}',
        "thinsp" => '\u{2009}',
        "zwnj" => '\u{200C}',
        "zwj" => '\u{200D}',
        "shy" => '\u{AD}',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "hellip" => '…',
        "mdash" => '—',
        "ndash" => '–',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "middot" => '·',
        "bull" => '•',
        "times" => '×',
        "divide" => '÷',
        "laquo" => '«',
        "raquo" => '»',
        "yen" => '¥',
        "deg" => '°',
        "plusmn" => '±',
        "sect" => '§',
        "larr" => '←',
        "rarr" => '→',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numeric_named_and_unknown_references() {
        assert_eq!(entities("A&amp;B&lt;&gt;&quot;&apos;"), "A&B<>\"'");
        assert_eq!(entities("&#x4E2D;&#20013;&#X6587;"), "中中文");
        assert_eq!(entities("&nbsp;&nbsp&mdash;&ldquo;"), "\u{A0}\u{A0}—“");
        // Windows-1252 in numeric references, as browsers read them.
        assert_eq!(entities("&#150;&#147;"), "–“");
        assert_eq!(
            entities("&unknown;&mdash &;&#;&#x;&"),
            "&unknown;&mdash &;&#;&#x;&"
        );
        assert_eq!(
            entities("&#0;&#xFFFFFF;&#xD800;"),
            "\u{FFFD}\u{FFFD}\u{FFFD}"
        );
        assert_eq!(entities("&#xFFFFFFFFFFFF;"), "\u{FFFD}");
        assert!(matches!(entities("没有引用"), Cow::Borrowed(_)));
    }
}
