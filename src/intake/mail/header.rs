//! Header values as Chinese mail clients write them, read to text.
//!
//! What mailparse alone gets wrong here, and is done instead:
//! - raw 8-bit bytes (older Chinese clients write GBK straight into `Subject` and
//!   `filename`): mailparse reads non-UTF-8 bytes as Latin-1; here they are GB18030;
//! - RFC 2047 encoded words split inside a character (126/163 and Foxmail cut long
//!   names every 45 or so bytes, whatever the character): mailparse decodes each word
//!   on its own and leaves replacement characters; here the bytes of adjacent words of
//!   one charset are joined first and decoded once;
//! - charset labels that lie: `GB2312` words holding GBK characters (镕, 堃) are read as
//!   GB18030, its superset, and a `UTF-8` word whose bytes are not UTF-8 as GB18030;
//! - `Date: … CST`, which mailparse reads as US Central time; in a Chinese mail it is
//!   China Standard Time (+0800).
//!
//! mailparse's parameter parser is kept: it joins RFC 2231 continuations as bytes
//! before decoding them (Thunderbird splits `filename*0*=`/`filename*1*=` inside a
//! character), and its charset lookup reads GB2312 as GBK.

use std::sync::LazyLock;

use base64::Engine;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use chrono::{DateTime, FixedOffset, TimeZone};
use encoding_rs::{Encoding, GB18030, UTF_8};
use mailparse::{DispositionType, MailHeader};
use regex::Regex;

/// Base64 as encoded words are written, padded or not.
const BASE64: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new()
        .with_decode_padding_mode(DecodePaddingMode::Indifferent)
        .with_decode_allow_trailing_bits(true),
);

static ENCODED_WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=").expect("valid"));

/// China Standard Time, the offset every date is shown in.
pub fn china() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).expect("a valid offset")
}

/// The raw value of the first header named `name` (case-insensitively).
pub(super) fn raw<'a>(headers: &'a [MailHeader<'a>], name: &str) -> Option<&'a [u8]> {
    headers
        .iter()
        .find(|h| h.get_key_ref().trim().eq_ignore_ascii_case(name))
        .map(|h| h.get_value_raw())
}

/// A header value as text, unfolded, its bytes read as UTF-8 or else as GB18030;
/// encoded words are left as they are.
pub(super) fn text(raw: &[u8]) -> String {
    let mut unfolded: Vec<u8> = Vec::with_capacity(raw.len());
    for &b in raw {
        match b {
            b'\r' | b'\n' => {}
            b'\t' => unfolded.push(b' '),
            b => unfolded.push(b),
        }
    }
    match String::from_utf8(unfolded) {
        Ok(text) => text,
        Err(e) => GB18030
            .decode_without_bom_handling(e.as_bytes())
            .0
            .into_owned(),
    }
}

/// A header value as the reader sees it: [`text`] with its encoded words decoded.
pub(super) fn decoded(raw: &[u8]) -> String {
    decode_words(text(raw).trim())
}

/// The value of header `name`, decoded; empty when there is none.
pub(super) fn value(headers: &[MailHeader], name: &str) -> String {
    raw(headers, name).map(decoded).unwrap_or_default()
}

/// Bytes in a charset, the labels taken as Chinese clients mean them.
pub(super) fn decode_bytes(label: &str, bytes: &[u8]) -> String {
    let label = label
        .split('*')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    let encoding = match label.as_str() {
        "gb2312" | "gbk" | "gb18030" | "cp936" | "x-gbk" | "euc-cn" | "ms936" | "csgb2312" => {
            GB18030
        }
        _ => Encoding::for_label(label.as_bytes()).unwrap_or(UTF_8),
    };
    if encoding == UTF_8 {
        if let Ok(text) = std::str::from_utf8(bytes) {
            return text.to_owned();
        }
        // A "UTF-8" label on bytes that are not: older clients' GBK.
        return GB18030.decode_without_bom_handling(bytes).0.into_owned();
    }
    encoding.decode_without_bom_handling(bytes).0.into_owned()
}

/// The charset family of an encoded word's label, for joining adjacent words.
fn family(label: &str) -> String {
    let label = label.split('*').next().unwrap_or("").to_ascii_lowercase();
    match label.as_str() {
        "gb2312" | "gbk" | "gb18030" | "cp936" | "x-gbk" | "euc-cn" => "gb18030".to_owned(),
        "utf8" => "utf-8".to_owned(),
        _ => label,
    }
}

/// The bytes of one encoded word's text, or None when they do not decode.
fn word_bytes(kind: &str, text: &str) -> Option<Vec<u8>> {
    if kind.eq_ignore_ascii_case("b") {
        return BASE64.decode(text.trim_end_matches('=')).ok();
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match (bytes[i], bytes.get(i + 1..i + 3).and_then(hex_byte)) {
            (b'=', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b'_', _) => {
                out.push(b' ');
                i += 1;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    Some(out)
}

/// Two hex digits as a byte.
fn hex_byte(digits: &[u8]) -> Option<u8> {
    if digits.len() != 2 || !digits.iter().all(u8::is_ascii_hexdigit) {
        return None;
    }
    u8::from_str_radix(std::str::from_utf8(digits).ok()?, 16).ok()
}

/// Decodes the RFC 2047 encoded words in `text`. Whitespace between two encoded words
/// is dropped; the bytes of adjacent words of one charset family are joined before
/// they are decoded, so that a character split between two words comes out whole.
/// Words are decoded wherever they stand (inside quotes too, as clients write them);
/// a word that does not decode stays as written.
pub(super) fn decode_words(text: &str) -> String {
    let mut out = String::new();
    let mut pending: Option<(String, String, Vec<u8>)> = None; // (family, label, bytes)
    let mut last = 0;
    for caps in ENCODED_WORD.captures_iter(text) {
        let whole = caps.get(0).expect("match");
        let between = &text[last..whole.start()];
        let Some(bytes) = word_bytes(&caps[2], &caps[3]) else {
            flush(&mut out, &mut pending);
            out.push_str(&text[last..whole.end()]);
            last = whole.end();
            continue;
        };
        let adjacent = pending.is_some() && between.trim().is_empty();
        if !adjacent {
            flush(&mut out, &mut pending);
            out.push_str(between);
        }
        let fam = family(&caps[1]);
        match &mut pending {
            Some((f, _, joined)) if *f == fam => joined.extend(bytes),
            _ => {
                flush(&mut out, &mut pending);
                pending = Some((fam, caps[1].to_owned(), bytes));
            }
        }
        last = whole.end();
    }
    flush(&mut out, &mut pending);
    out.push_str(&text[last..]);
    out
}

fn flush(out: &mut String, pending: &mut Option<(String, String, Vec<u8>)>) {
    if let Some((_, label, bytes)) = pending.take() {
        out.push_str(&decode_bytes(&label, &bytes));
    }
}

/// What a part's headers say of it as a file: its disposition and its name.
pub(super) struct FileHeaders {
    pub disposition: Option<DispositionType>,
    pub name: Option<String>,
}

/// The disposition and file name of a part: `filename` of `Content-Disposition`, else
/// `name` of `Content-Type` (Outlook and older clients), RFC 2231 and RFC 2047 forms
/// both read. The name is reduced to its last path component.
pub(super) fn file_headers(headers: &[MailHeader]) -> FileHeaders {
    let disposition =
        raw(headers, "Content-Disposition").map(|r| mailparse::parse_content_disposition(&text(r)));
    let content_type =
        raw(headers, "Content-Type").map(|r| mailparse::parse_content_type(&text(r)));
    let from_disposition = disposition
        .as_ref()
        .and_then(|d| param(&d.params, "filename"));
    let name = from_disposition.or_else(|| content_type.and_then(|c| param(&c.params, "name")));
    FileHeaders {
        disposition: disposition.map(|d| d.disposition),
        name: name.as_deref().and_then(clean_name),
    }
}

/// A parameter's value: mailparse has joined and decoded its RFC 2231 form, except
/// when a plain value stands beside it (then `key*` is left raw, and is preferred).
fn param(params: &std::collections::BTreeMap<String, String>, key: &str) -> Option<String> {
    if let Some(extended) = params.get(&format!("{key}*")) {
        let mut fields = extended.splitn(3, '\'');
        if let (Some(label), Some(_), Some(value)) = (fields.next(), fields.next(), fields.next()) {
            return Some(decode_bytes(label, &percent_decode(value)));
        }
    }
    params.get(key).map(|v| decode_words(v))
}

pub(super) fn percent_decode(text: &str) -> Vec<u8> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match (bytes[i], bytes.get(i + 1..i + 3).and_then(hex_byte)) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    out
}

/// A file name that can stand in a folder: its last path component (Outlook and Lotus
/// once sent `C:\…\展板.zip`), control characters removed; None when nothing is left.
pub(super) fn clean_name(name: &str) -> Option<String> {
    let last = name.rsplit(['/', '\\']).next().unwrap_or("");
    let clean: String = last.chars().filter(|c| !c.is_control()).collect();
    let clean = clean.trim();
    (!clean.is_empty() && clean != "." && clean != "..").then(|| clean.to_owned())
}

/// The sender as shown (`沈阳市社区教育中心 <sy@126.com>`) and their address (lower case).
pub(super) fn sender(raw: &[u8]) -> (String, String) {
    let text = text(raw);
    let text = text.trim();
    let (name, address) = match (text.rfind('<'), text.rfind('>')) {
        (Some(open), Some(close)) if open < close => (&text[..open], &text[open + 1..close]),
        _ => match (text.find('('), text.rfind(')')) {
            (Some(open), Some(close)) if open < close => (&text[open + 1..close], &text[..open]),
            _ => ("", text),
        },
    };
    let name = name.trim().trim_matches('"').replace("\\\"", "\"");
    let name = decode_words(name.trim());
    let address = address.trim().to_lowercase();
    let shown = if name.is_empty() {
        address.clone()
    } else {
        format!("{name} <{address}>")
    };
    (shown, address)
}

/// A `Date` header as a time in China (+08:00). `CST` (alone or as the comment after an
/// offset) is China Standard Time; `GMT+8` and `+08:00`, which some clients write,
/// are read too. None when the date cannot be read.
pub(super) fn date(raw: &[u8]) -> Option<DateTime<FixedOffset>> {
    let text = text(raw);
    let mut plain = String::new();
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            c if depth == 0 => plain.push(c),
            _ => {}
        }
    }
    let mut words: Vec<String> = plain.split_whitespace().map(str::to_owned).collect();
    if let Some(zone) = words.last_mut() {
        let upper = zone.to_ascii_uppercase();
        let offset = match upper.as_str() {
            "CST" | "CCT" | "BJT" | "GMT+8" | "UTC+8" | "GMT+0800" | "UTC+0800" | "+08:00" => {
                Some("+0800")
            }
            _ => None,
        };
        if let Some(offset) = offset {
            *zone = offset.to_owned();
        }
    }
    let joined = words.join(" ");
    if let Ok(d) = DateTime::parse_from_rfc2822(&joined) {
        return Some(d.with_timezone(&china()));
    }
    // A few clients write `2020-10-21 09:12:33`, in the sender's (China) time.
    let local = chrono::NaiveDateTime::parse_from_str(&joined, "%Y-%m-%d %H:%M:%S").ok()?;
    china().from_local_datetime(&local).single()
}

/// A `Message-ID` without its angle brackets.
pub(super) fn message_id(raw: &[u8]) -> String {
    let text = text(raw);
    text.trim()
        .trim_start_matches('<')
        .trim_end_matches('>')
        .trim()
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::super::tests::{b64, gbk, words};
    use super::*;

    fn headers_of(block: &[u8]) -> Vec<MailHeader<'_>> {
        mailparse::parse_headers(block).expect("headers").0
    }

    #[test]
    fn encoded_words_split_inside_a_character_are_joined_before_decoding() {
        let name = "沈阳市全民终身学习活动周工作方案.zip";
        // 126/163 cut every 30 bytes, through the middle of a two-byte character.
        let header = words("GB2312", &gbk(name), 31);
        assert!(header.matches("=?GB2312?B?").count() > 1, "{header}");
        assert_eq!(decode_words(&header), name);
        // Folded onto several lines, as the mail writes it.
        let folded = header.replace("?= =?", "?=\r\n =?");
        assert_eq!(decoded(folded.as_bytes()), name);
        // mailparse alone decodes each word on its own, and breaks the split character.
        let raw = format!("Subject: {folded}\r\n\r\n");
        let (alone, _) = mailparse::parse_header(raw.as_bytes()).unwrap();
        assert_ne!(alone.get_value(), name);
    }

    #[test]
    fn gb2312_labels_holding_gbk_and_utf8_labels_holding_gbk_are_read() {
        // 镕 and 堃 are GBK, not GB2312: a GB2312 label on them lies.
        let name = "朱镕基与王堃的学习故事.docx";
        let gb2312 = format!("=?gb2312?B?{}?=", b64(&gbk(name)));
        assert_eq!(decode_words(&gb2312), name);
        let utf8_label = format!("=?UTF-8?B?{}?=", b64(&gbk(name)));
        assert_eq!(decode_words(&utf8_label), name);
        let gb18030 = format!("=?GB18030?B?{}?=", b64(&gbk(name)));
        assert_eq!(decode_words(&gb18030), name);
        let utf8 = format!("=?utf-8?B?{}?=", b64(name.as_bytes()));
        assert_eq!(decode_words(&utf8), name);
    }

    #[test]
    fn q_words_and_mixed_b_and_q_words_of_one_charset_join() {
        let bytes = gbk("展板材料 第一块.zip");
        let q: String = bytes[..5]
            .iter()
            .map(|b| {
                if *b == b' ' {
                    "_".to_owned()
                } else {
                    format!("={b:02X}")
                }
            })
            .collect();
        let text = format!("=?GBK?Q?{q}?= =?gbk?B?{}?=", b64(&bytes[5..]));
        assert_eq!(decode_words(&text), "展板材料 第一块.zip");
        // Text around words stays; whitespace between a word and text stays too.
        let around = format!("Re: =?GBK?B?{}?= (2)", b64(&gbk("报送")));
        assert_eq!(decode_words(&around), "Re: 报送 (2)");
        // A word that does not decode is left as written.
        assert_eq!(decode_words("=?gbk?B?***?="), "=?gbk?B?***?=");
    }

    #[test]
    fn raw_gbk_bytes_in_a_header_are_read_as_gb18030() {
        let mut raw = b"Subject: ".to_vec();
        raw.extend(gbk("沈阳市报送活动周材料"));
        raw.extend(b"\r\n\r\n");
        let headers = headers_of(&raw);
        assert_eq!(value(&headers, "subject"), "沈阳市报送活动周材料");
        // mailparse alone reads them as Latin-1.
        assert_ne!(headers[0].get_value(), "沈阳市报送活动周材料");
        // UTF-8 stays UTF-8.
        let utf8 = "Subject: 沈阳市报送\r\n\r\n".as_bytes();
        assert_eq!(value(&headers_of(utf8), "Subject"), "沈阳市报送");
    }

    #[test]
    fn rfc2231_continuations_split_inside_a_character_and_name_in_content_type() {
        let name = gbk("展板材料（第二块）.zip");
        let pct = |b: &[u8]| b.iter().map(|x| format!("%{x:02X}")).collect::<String>();
        // Thunderbird: `filename*0*=`, `filename*1*=`, cut through a character.
        let block = format!(
            "Content-Type: application/zip\r\nContent-Disposition: attachment;\r\n filename*0*=gbk''{};\r\n filename*1*={}\r\n\r\n",
            pct(&name[..5]),
            pct(&name[5..])
        );
        let file = file_headers(&headers_of(block.as_bytes()));
        assert_eq!(file.name.as_deref(), Some("展板材料（第二块）.zip"));
        assert_eq!(file.disposition, Some(DispositionType::Attachment));
        // A plain fallback beside `filename*`: the extended form is the real name.
        let both = format!(
            "Content-Disposition: attachment; filename=\"____.zip\"; filename*=UTF-8''{}\r\n\r\n",
            pct("工作方案.zip".as_bytes())
        );
        let file = file_headers(&headers_of(both.as_bytes()));
        assert_eq!(file.name.as_deref(), Some("工作方案.zip"));
        // Outlook: only `name=` in Content-Type, as an encoded word in quotes.
        let outlook = format!(
            "Content-Type: application/x-zip-compressed;\r\n name=\"=?gb2312?B?{}?=\"\r\n\r\n",
            b64(&gbk("鞍山市材料.zip"))
        );
        let file = file_headers(&headers_of(outlook.as_bytes()));
        assert_eq!(file.name.as_deref(), Some("鞍山市材料.zip"));
        assert_eq!(file.disposition, None);
        // Raw GBK bytes in the parameter (older clients).
        let mut raw = b"Content-Disposition: attachment; filename=\"".to_vec();
        raw.extend(gbk("总结.docx"));
        raw.extend(b"\"\r\n\r\n");
        assert_eq!(
            file_headers(&headers_of(&raw)).name.as_deref(),
            Some("总结.docx")
        );
    }

    #[test]
    fn names_are_cut_to_their_last_component() {
        assert_eq!(
            clean_name(r"C:\Users\admin\桌面\展板.zip").as_deref(),
            Some("展板.zip")
        );
        assert_eq!(clean_name("../../etc/passwd").as_deref(), Some("passwd"));
        assert_eq!(clean_name(".."), None);
        assert_eq!(clean_name("  \u{7} "), None);
    }

    #[test]
    fn dates_are_read_in_china_time_and_cst_is_china() {
        let at = |s: &str| date(s.as_bytes()).map(|d| d.to_rfc3339());
        let china = Some("2020-10-20T10:31:02+08:00".to_owned());
        assert_eq!(at("Tue, 20 Oct 2020 10:31:02 +0800 (CST)"), china);
        assert_eq!(at("Tue, 20 Oct 2020 10:31:02 CST"), china);
        assert_eq!(at("20 Oct 2020 10:31:02 +0800"), china);
        assert_eq!(at("Tue, 20 Oct 2020 02:31:02 +0000"), china);
        assert_eq!(at("Tue, 20 Oct 2020 10:31:02 GMT+8"), china);
        assert_eq!(at("Mon, 19 Oct 2020 21:31:02 -0500"), china);
        assert_eq!(
            at("Tue, 20 Oct 2020 10:31 +0800"),
            Some("2020-10-20T10:31:00+08:00".to_owned())
        );
        assert_eq!(at("2020-10-20 10:31:02"), china);
        assert_eq!(at("yesterday"), None);
        assert_eq!(at(""), None);
        // mailparse alone reads CST as US Central time, 14 hours off.
        let us = mailparse::dateparse("Tue, 20 Oct 2020 10:31:02 CST").unwrap();
        assert_ne!(
            Some(us),
            date(b"Tue, 20 Oct 2020 10:31:02 CST").map(|d| d.timestamp())
        );
    }

    #[test]
    fn the_sender_is_shown_with_their_name_and_address() {
        let named = format!(
            "\"=?GBK?B?{}?=\" <SY_Center@126.com>",
            b64(&gbk("沈阳市社区教育中心"))
        );
        assert_eq!(
            sender(named.as_bytes()),
            (
                "沈阳市社区教育中心 <sy_center@126.com>".to_owned(),
                "sy_center@126.com".to_owned()
            )
        );
        assert_eq!(
            sender(b"dl@163.com"),
            ("dl@163.com".to_owned(), "dl@163.com".to_owned())
        );
        assert_eq!(
            sender(b"as@qq.com (Anshan)"),
            ("Anshan <as@qq.com>".to_owned(), "as@qq.com".to_owned())
        );
        assert_eq!(message_id(b" <abc.123@126.com>"), "abc.123@126.com");
    }
}
