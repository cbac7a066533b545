//! Single-file web pages (.mht, .mhtml): what Chrome saves as "网页，单个文件", and
//! what Word and WPS save as "单个文件网页" (offices also send these renamed .doc). A
//! MIME message whose first `text/html` part is the page; its text is read as a web
//! page's ([`super::html`]), and its `image/*` parts are its pictures.
//!
//! Only what a page needs of MIME is read: headers (folded or not), the
//! `multipart/related` boundary, quoted-printable and base64 transfer encodings, and
//! the part's charset (GB2312 in a Chinese Word's file, UTF-8 in Chrome's).

use base64::Engine;
use base64::engine::{GeneralPurpose, GeneralPurposeConfig};

use super::super::{Facts, Failure, ReadOptions};
use super::html::{self, Page};
use super::{read_whole, unreadable};
use crate::intake::ReadSeek;
use crate::limits::MAX_MHT_DEPTH;

/// Base64 as mail writers write it, padded or not.
const BASE64: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new()
        .with_decode_padding_mode(base64::engine::DecodePaddingMode::Indifferent)
        .with_decode_allow_trailing_bits(true),
);

/// Whether a file's first bytes are a MIME message holding a web page: header lines
/// from the first byte, one of them a `Content-Type` of `multipart/...` or
/// `text/html`.
pub(super) fn looks_like(head: &[u8]) -> bool {
    let first = head.split(|&b| b == b'\n').next().unwrap_or_default();
    let name_end = first.iter().position(|&b| b == b':');
    let is_header = name_end.is_some_and(|end| {
        end > 0
            && first[..end]
                .iter()
                .all(|b| b.is_ascii_alphanumeric() || *b == b'-')
    });
    if !is_header {
        return false;
    }
    let (headers, _) = split_message(head);
    let (mime, _) = content_type(&headers);
    mime.starts_with("multipart/") || mime == "text/html"
}

pub(super) fn extract(reader: &mut dyn ReadSeek, options: &ReadOptions) -> Result<Facts, Failure> {
    let bytes = read_whole(reader, options)?;
    let mut found = Found::default();
    walk(&bytes, 0, &mut found)?;
    let Some(page) = found.page else {
        return Err(unreadable(msg!("mht-no-page")));
    };
    let page = Page {
        text: page.text,
        pictures: found.pictures,
    };
    Ok(html::facts(page, "mht"))
}

/// The page of a message and its pictures.
#[derive(Default)]
struct Found {
    page: Option<Page>,
    pictures: usize,
}

/// Looks through one entity (the message or a part of it) for the page and pictures.
fn walk(entity: &[u8], depth: usize, found: &mut Found) -> Result<(), Failure> {
    let (headers, body) = split_message(entity);
    let (mime, params) = content_type(&headers);
    if mime.starts_with("multipart/") {
        let boundary = params.iter().find(|(k, _)| k == "boundary");
        let Some((_, boundary)) = boundary.filter(|(_, b)| !b.is_empty()) else {
            return Ok(());
        };
        if depth >= MAX_MHT_DEPTH {
            let limit = MAX_MHT_DEPTH;
            return Err(unreadable(msg!("mht-too-deep", limit)));
        }
        // Every writer closes a multipart body with `--boundary--`; one cut short (a
        // download broken off) may have lost its text, so none of it counts.
        let closing = format!("--{boundary}--");
        if !body
            .split(|&b| b == b'\n')
            .any(|l| l.starts_with(closing.as_bytes()))
        {
            return Err(unreadable(msg!("mht-cut")));
        }
        for part in parts(body, boundary) {
            walk(part, depth + 1, found)?;
        }
    } else if mime.starts_with("image/") {
        found.pictures += 1;
    } else if mime == "text/html" && found.page.is_none() {
        let encoding = header(&headers, "content-transfer-encoding").unwrap_or_default();
        let bytes = transfer_decode(body, &encoding.to_ascii_lowercase())
            .ok_or_else(|| unreadable(msg!("mht-page-broken", encoding)))?;
        let charset = params
            .iter()
            .find(|(k, _)| k == "charset")
            .and_then(|(_, v)| html::encoding_for(v));
        found.page = Some(html::read(&bytes, charset));
    }
    Ok(())
}

/// An entity's headers (names in lower case, folded lines joined) and its body.
fn split_message(entity: &[u8]) -> (Vec<(String, String)>, &[u8]) {
    let mut headers: Vec<(String, String)> = Vec::new();
    let mut at = 0;
    while at < entity.len() {
        let end = entity[at..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(entity.len(), |e| at + e);
        let line = String::from_utf8_lossy(&entity[at..end]);
        let line = line.trim_end_matches('\r');
        at = (end + 1).min(entity.len());
        if line.is_empty() {
            break;
        }
        if line.starts_with([' ', '\t']) {
            if let Some((_, value)) = headers.last_mut() {
                value.push(' ');
                value.push_str(line.trim());
            }
        } else if let Some((name, value)) = line.split_once(':') {
            headers.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
        }
    }
    (headers, &entity[at..])
}

fn header(headers: &[(String, String)], name: &str) -> Option<String> {
    headers
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.clone())
}

/// The media type (lower case) and parameters (names in lower case, quotes removed)
/// of an entity's `Content-Type`; `text/plain` when it has none.
fn content_type(headers: &[(String, String)]) -> (String, Vec<(String, String)>) {
    let value = header(headers, "content-type").unwrap_or_else(|| "text/plain".to_owned());
    let mut fields = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    for c in value.chars() {
        match c {
            '"' => quoted = !quoted,
            ';' if !quoted => fields.push(std::mem::take(&mut current)),
            c => current.push(c),
        }
    }
    fields.push(current);
    let mime = fields[0].trim().to_ascii_lowercase();
    let params = fields[1..]
        .iter()
        .filter_map(|f| f.split_once('='))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    (mime, params)
}

/// The bodies of a multipart body's parts: what lies between lines starting
/// `--boundary`, up to the closing `--boundary--` or the end.
fn parts<'a>(body: &'a [u8], boundary: &str) -> Vec<&'a [u8]> {
    let delimiter = format!("--{boundary}");
    let delimiter = delimiter.as_bytes();
    // Starts of delimiter lines.
    let mut lines = Vec::new();
    let mut at = 0;
    while at + delimiter.len() <= body.len() {
        let line_start = at == 0 || body[at - 1] == b'\n';
        if line_start && body[at..].starts_with(delimiter) {
            lines.push(at);
            at += delimiter.len();
        } else {
            at += body[at..]
                .iter()
                .position(|&b| b == b'\n')
                .map_or(body.len() - at, |e| e + 1);
        }
    }
    let mut out = Vec::new();
    for (n, &start) in lines.iter().enumerate() {
        let after = start + delimiter.len();
        if body[after..].starts_with(b"--") {
            break;
        }
        let content = body[after..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(body.len(), |e| after + e + 1);
        let end = match lines.get(n + 1) {
            // The line break before the next delimiter belongs to the delimiter.
            Some(&next) => {
                let line = body[..next].strip_suffix(b"\n").unwrap_or(&body[..next]);
                line.strip_suffix(b"\r").unwrap_or(line).len()
            }
            None => body.len(),
        };
        out.push(&body[content..end.max(content)]);
    }
    out
}

/// A body decoded from its transfer encoding; None when it is not valid in it.
fn transfer_decode(body: &[u8], encoding: &str) -> Option<Vec<u8>> {
    match encoding {
        "base64" => {
            let clean: Vec<u8> = body
                .iter()
                .copied()
                .filter(|b| !b.is_ascii_whitespace())
                .collect();
            BASE64.decode(clean).ok()
        }
        "quoted-printable" => Some(quoted_printable(body)),
        _ => Some(body.to_vec()),
    }
}

/// Quoted-printable: `=XX` is a byte, `=` at the end of a line joins it to the next;
/// any other `=` is kept as it is, as mail readers do.
fn quoted_printable(body: &[u8]) -> Vec<u8> {
    let hex = |b: u8| (b as char).to_digit(16);
    let mut out = Vec::with_capacity(body.len());
    let mut i = 0;
    while i < body.len() {
        if body[i] != b'=' {
            out.push(body[i]);
            i += 1;
            continue;
        }
        let rest = &body[i + 1..];
        if rest.starts_with(b"\r\n") {
            i += 3;
        } else if rest.starts_with(b"\n") {
            i += 2;
        } else if let [a, b, ..] = rest
            && let (Some(h), Some(l)) = (hex(*a), hex(*b))
        {
            out.push((h * 16 + l) as u8);
            i += 3;
        } else {
            out.push(b'=');
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use std::io::Cursor;

    use super::*;

    /// A Word 单个文件网页: GB2312 quoted-printable with soft line breaks, a picture.
    fn word_mht(html_part: &str) -> Vec<u8> {
        let mut out = b"MIME-Version: 1.0\r\nX-Document-Type: Document\r\nContent-Type: multipart/related; boundary=\"----=_NextPart_01D6A3B2.5C3E1F20\"\r\n\r\nThis document is a Single File Web Page, also known as a Web Archive file.\r\n\r\n------=_NextPart_01D6A3B2.5C3E1F20\r\nContent-Location: file:///C:/D2F1A3B2/board.htm\r\n".to_vec();
        out.extend(html_part.as_bytes());
        out.extend(b"\r\n------=_NextPart_01D6A3B2.5C3E1F20\r\nContent-Location: file:///C:/D2F1A3B2/board.files/image001.png\r\nContent-Transfer-Encoding: base64\r\nContent-Type: image/png\r\n\r\niVBORw0KGgo=\r\n\r\n------=_NextPart_01D6A3B2.5C3E1F20--\r\n");
        out
    }

    fn qp_gbk(html: &str) -> String {
        let (bytes, _, _) = encoding_rs::GBK.encode(html);
        let mut out = String::new();
        let mut line = 0;
        for &b in bytes.iter() {
            let piece = if b == b'=' || b >= 0x80 {
                format!("={b:02X}")
            } else {
                (b as char).to_string()
            };
            if line + piece.len() > 75 {
                out.push_str("=\r\n");
                line = 0;
            }
            line += piece.len();
            out.push_str(&piece);
        }
        out
    }

    fn extract_bytes(bytes: Vec<u8>) -> Result<Facts, Failure> {
        extract(&mut Cursor::new(bytes), &ReadOptions::default())
    }

    #[test]
    fn a_word_single_file_page_in_gb2312_quoted_printable() {
        let html = "<html xmlns:o=\"urn:schemas-microsoft-com:office:office\"><head><meta http-equiv=Content-Type content=\"text/html; charset=gb2312\"><style>p.MsoNormal {margin:0cm}</style></head><body lang=ZH-CN><div class=WordSection1><p class=MsoNormal><span>社区居民积极参加终身学习活动。<o:p></o:p></span></p><p class=MsoNormal>第二段</p></div></body></html>";
        let part = format!(
            "Content-Transfer-Encoding: quoted-printable\r\nContent-Type: text/html; charset=\"gb2312\"\r\n\r\n{}",
            qp_gbk(html)
        );
        let bytes = word_mht(&part);
        assert!(looks_like(&bytes));
        let Facts::Text(t) = extract_bytes(bytes).unwrap() else {
            panic!("text")
        };
        assert_eq!(t.text, "社区居民积极参加终身学习活动。\n第二段");
        assert_eq!((t.counts.words, t.pictures, t.format), (18, 1, "mht"));
    }

    #[test]
    fn a_chrome_page_folded_headers_base64_nested() {
        let html = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body><p>终身学习</p></body></html>";
        let inner = format!(
            "Content-Type: multipart/alternative; boundary=inner\r\n\r\n--inner\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: base64\r\n\r\n{}\r\n--inner--\r\n",
            BASE64.encode(html)
        );
        let message = format!(
            "From: <Saved by Blink>\r\nSnapshot-Content-Location: https://mp.weixin.qq.com/s/x\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\ttype=\"text/html\";\r\n\tboundary=\"----MultipartBoundary--abc----\"\r\n\r\n\r\n------MultipartBoundary--abc----\r\n{inner}\r\n------MultipartBoundary--abc----\r\nContent-Type: image/jpeg\r\n\r\nxx\r\n------MultipartBoundary--abc------\r\n"
        );
        assert!(looks_like(message.as_bytes()));
        let Facts::Text(t) = extract_bytes(message.into_bytes()).unwrap() else {
            panic!("text")
        };
        assert_eq!((t.text.as_str(), t.pictures), ("终身学习", 1));
    }

    #[test]
    fn broken_or_missing_pages_are_named() {
        let broken = word_mht(
            "Content-Transfer-Encoding: base64\r\nContent-Type: text/html\r\n\r\n!!!! not base64 ####",
        );
        let err = extract_bytes(broken).unwrap_err();
        assert_eq!(err.0, crate::codes::Code::DocumentUnreadable);
        assert!(err.1.zh.contains("base64"), "{}", err.1.zh);
        let no_page = word_mht("Content-Type: text/plain\r\n\r\n文字");
        assert!(extract_bytes(no_page).is_err());
        let mut deep = String::new();
        for n in 0..20 {
            deep.push_str(&format!(
                "Content-Type: multipart/mixed; boundary=b{n}\r\n\r\n--b{n}\r\n"
            ));
        }
        assert!(extract_bytes(deep.into_bytes()).is_err());
        // Cut anywhere: an error or less, never a panic.
        let bytes = word_mht("Content-Type: text/html\r\n\r\n<html><p>字</p></html>");
        for cut in 0..bytes.len() {
            let _ = extract_bytes(bytes[..cut].to_vec());
        }
    }

    #[test]
    fn what_looks_like_a_message() {
        assert!(looks_like(
            b"Content-Type: text/html; charset=utf-8\r\n\r\n<html>"
        ));
        assert!(!looks_like(b"Subject: hello\r\n\r\nplain text"));
        assert!(!looks_like(b"<html>Content-Type: multipart/related"));
        assert!(!looks_like("标题: multipart/related".as_bytes()));
        assert_eq!(quoted_printable(b"a=3Db=\r\nc=ZZ=\nd="), b"a=bc=ZZd=");
    }
}
