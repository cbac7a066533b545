//! The parts of a mail, walked within bounds.
//!
//! mailparse's own `parse_mail` is not used for the walk: it builds every part of
//! the mail at once (a few hundred bytes each, so 20 million tiny parts in a 256 MB
//! mail would take gigabytes), nests up to 100 multiparts deep, and finds a boundary
//! by comparing it at every `-` of the body, so a hostile boundary of 100 KB over a
//! body of dashes takes hours. Here each multipart is split line by line, in one pass,
//! and the number of parts, their depth and the size of their headers are bounded
//! ([`crate::limits`]). mailparse reads each part's header lines and its transfer
//! encoding (base64, quoted-printable), and parses `Content-Type`.
//!
//! A multipart whose closing boundary never comes was cut short (a download or an
//! export that stopped): its last part is marked cut, and an attachment there is not
//! counted, even when what is left of it still decodes.

use std::borrow::Cow;

use mailparse::body::Body;
use mailparse::{DispositionType, MailHeader, ParsedContentType};

use super::header;
use crate::findings::Msg;
use crate::limits::{MAX_MAIL_DEPTH, MAX_MAIL_HEADER_BYTES, MAX_MAIL_NESTING, MAX_MAIL_PARTS};

/// A part that is neither a container nor a text of the mail: an attachment, an
/// inline picture, a signature, a winmail.dat.
pub(super) struct Leaf {
    pub name: Option<String>,
    /// Media type in lower case.
    pub mime: String,
    pub disposition: Option<DispositionType>,
    /// The `Content-ID`, without angle brackets.
    pub content_id: Option<String>,
    /// The decoded bytes; None when the transfer encoding is damaged.
    pub data: Option<Vec<u8>>,
    /// The part's multipart ended before its closing boundary.
    pub cut: bool,
}

/// A text of the mail (the plain or the HTML version of the message), decoded.
pub(super) struct Text {
    pub html: bool,
    pub text: String,
}

/// Everything the walk found, in the order of the mail.
#[derive(Default)]
pub(super) struct Walk {
    pub leaves: Vec<Leaf>,
    pub texts: Vec<Text>,
    /// (attachment or part name, what is wrong).
    pub problems: Vec<(String, Msg)>,
    parts: usize,
    over_parts: bool,
    too_deep: bool,
}

impl Walk {
    /// Walks one message (the mail, or a mail attached to it, `nesting` deep).
    pub(super) fn message(&mut self, bytes: &[u8], nesting: usize, depth: usize) {
        match split(bytes) {
            Some((headers, body)) => self.entity(&headers, body, nesting, depth, false),
            None => self
                .problems
                .push((String::new(), msg!("mail-part-unreadable"))),
        }
    }

    fn entity(
        &mut self,
        headers: &[MailHeader],
        body: &[u8],
        nesting: usize,
        depth: usize,
        cut: bool,
    ) {
        if self.parts >= MAX_MAIL_PARTS {
            if !self.over_parts {
                self.over_parts = true;
                let message = msg!("mail-too-many-parts", limit = MAX_MAIL_PARTS);
                self.problems.push((String::new(), message));
            }
            return;
        }
        self.parts += 1;
        let ctype = header::raw(headers, "Content-Type")
            .map(|r| mailparse::parse_content_type(&header::text(r)))
            .unwrap_or_default();
        let file = header::file_headers(headers);
        let name = file.name.clone().unwrap_or_default();
        if depth >= MAX_MAIL_DEPTH {
            if !self.too_deep {
                self.too_deep = true;
                let message = msg!("mail-too-deep", limit = MAX_MAIL_DEPTH);
                self.problems.push((name, message));
            }
            return;
        }
        if ctype.mimetype.starts_with("multipart/") {
            self.multipart(&ctype, body, nesting, depth);
            return;
        }
        let data = transfer_decode(headers, &ctype, body);
        let is_message =
            ctype.mimetype == "message/rfc822" || crate::intake::extension_of(&name) == "eml";
        if is_message {
            match data {
                None => {
                    let message = msg!("mail-attachment-damaged", name);
                    self.problems.push((name, message));
                }
                Some(_) if nesting >= MAX_MAIL_NESTING => {
                    let message = msg!("mail-nesting-too-deep", name, limit = MAX_MAIL_NESTING);
                    self.problems.push((name, message));
                }
                Some(bytes) => self.message(&bytes, nesting + 1, depth + 1),
            }
            return;
        }
        let is_text = matches!(ctype.mimetype.as_str(), "text/plain" | "text/html")
            && file.name.is_none()
            && file.disposition != Some(DispositionType::Attachment);
        if is_text {
            if let Some(bytes) = data {
                let label = ctype.params.get("charset").map_or("utf-8", String::as_str);
                let label = if label.eq_ignore_ascii_case("us-ascii") {
                    "utf-8"
                } else {
                    label
                };
                let text = header::decode_bytes(label, &bytes);
                self.texts.push(Text {
                    html: ctype.mimetype == "text/html",
                    text,
                });
            }
            return;
        }
        let content_id = header::raw(headers, "Content-ID").map(header::message_id);
        self.leaves.push(Leaf {
            name: file.name,
            mime: ctype.mimetype,
            disposition: file.disposition,
            content_id: content_id.filter(|c| !c.is_empty()),
            data: data.map(Cow::into_owned),
            cut,
        });
    }

    fn multipart(&mut self, ctype: &ParsedContentType, body: &[u8], nesting: usize, depth: usize) {
        let Some(boundary) = ctype.params.get("boundary").filter(|b| !b.is_empty()) else {
            return;
        };
        let (parts, closed) = split_multipart(body, boundary);
        let last = parts.len().saturating_sub(1);
        // A delivery report or read receipt (退信, 已读回执) returns the mail it is about:
        // that mail's attachments were sent by the province, not to it.
        let report = ctype.mimetype == "multipart/report";
        for (i, part) in parts.into_iter().enumerate() {
            let cut = !closed && i == last;
            match split(part) {
                Some((headers, _)) if report && is_returned(&headers) => {}
                Some((headers, body)) => self.entity(&headers, body, nesting, depth + 1, cut),
                None => self
                    .problems
                    .push((String::new(), msg!("mail-part-unreadable"))),
            }
        }
    }
}

/// Whether a part of a report is the returned mail, or its headers.
fn is_returned(headers: &[MailHeader]) -> bool {
    header::raw(headers, "Content-Type").is_some_and(|r| {
        let mime = mailparse::parse_content_type(&header::text(r)).mimetype;
        mime.starts_with("message/") || mime == "text/rfc822-headers"
    })
}

/// A part's header lines and its body; None when the headers are damaged or longer
/// than [`MAX_MAIL_HEADER_BYTES`].
pub(super) fn split(entity: &[u8]) -> Option<(Vec<MailHeader<'_>>, &[u8])> {
    let end = header_end(entity)?;
    let (headers, _) = mailparse::parse_headers(&entity[..end]).ok()?;
    Some((headers, &entity[end..]))
}

/// Where the body starts: after the first empty line. A part without one is all
/// headers.
fn header_end(entity: &[u8]) -> Option<usize> {
    if entity.starts_with(b"\r\n") {
        return Some(2);
    }
    if entity.starts_with(b"\n") {
        return Some(1);
    }
    let window = &entity[..entity.len().min(MAX_MAIL_HEADER_BYTES)];
    let mut at = 0;
    while let Some(i) = window[at..].iter().position(|&b| b == b'\n') {
        let rest = &entity[at + i + 1..];
        if rest.starts_with(b"\n") {
            return Some(at + i + 2);
        }
        if rest.starts_with(b"\r\n") {
            return Some(at + i + 3);
        }
        at += i + 1;
    }
    (entity.len() <= MAX_MAIL_HEADER_BYTES).then_some(entity.len())
}

/// The parts of a multipart body (what lies between its delimiter lines) and whether
/// its closing delimiter came. A delimiter line is `--boundary`, then only
/// whitespace; the line break before it belongs to it. One pass over the lines.
pub(super) fn split_multipart<'a>(body: &'a [u8], boundary: &str) -> (Vec<&'a [u8]>, bool) {
    let delimiter = format!("--{boundary}");
    let delimiter = delimiter.as_bytes();
    let mut parts = Vec::new();
    let mut open: Option<usize> = None; // start of the current part
    let mut at = 0;
    while at < body.len() {
        let line_end = body[at..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(body.len(), |i| at + i + 1);
        let line = &body[at..line_end];
        if let Some(rest) = line.strip_prefix(delimiter) {
            let closing = rest.starts_with(b"--");
            let rest = if closing { &rest[2..] } else { rest };
            if rest.iter().all(u8::is_ascii_whitespace) {
                if let Some(start) = open.take() {
                    parts.push(trim_line_break(&body[start..at.max(start)]));
                }
                if closing {
                    return (parts, true);
                }
                open = Some(line_end);
            }
        }
        at = line_end;
    }
    if let Some(start) = open {
        parts.push(&body[start.min(body.len())..]);
    }
    (parts, false)
}

fn trim_line_break(part: &[u8]) -> &[u8] {
    let part = part.strip_suffix(b"\n").unwrap_or(part);
    part.strip_suffix(b"\r").unwrap_or(part)
}

/// A part's body decoded from its transfer encoding; None when it is damaged (base64
/// with a character outside its alphabet, or cut inside a group of four).
/// Bodies without a transfer encoding are borrowed, so that a forwarded mail is not
/// copied to be read.
fn transfer_decode<'a>(
    headers: &[MailHeader],
    ctype: &ParsedContentType,
    body: &'a [u8],
) -> Option<Cow<'a, [u8]>> {
    let encoding = header::raw(headers, "Content-Transfer-Encoding")
        .map(|r| header::text(r).trim().to_ascii_lowercase());
    match encoding.as_deref() {
        Some("base64" | "quoted-printable") => match Body::new(body, ctype, &encoding) {
            Body::Base64(b) | Body::QuotedPrintable(b) => b.get_decoded().ok().map(Cow::Owned),
            _ => None,
        },
        _ => Some(Cow::Borrowed(body)),
    }
}

#[cfg(test)]
mod tests {
    use super::super::read_mail;
    use super::super::tests::{attachment, mail, multipart, text_part};
    use super::*;

    #[test]
    fn parts_are_split_at_whole_delimiter_lines_and_a_missing_close_is_told() {
        let body = b"preamble\r\n--b\r\nA: 1\r\n\r\none\r\n--b1\r\nnot a delimiter\r\n--b  \r\ntwo\r\n--b--\r\nepilogue\r\n--b\r\n";
        let (parts, closed) = split_multipart(body, "b");
        assert!(closed);
        assert_eq!(
            parts,
            [&b"A: 1\r\n\r\none\r\n--b1\r\nnot a delimiter"[..], b"two"]
        );
        let (parts, closed) = split_multipart(b"--b\nx\n--b\ny", "b");
        assert!(!closed);
        assert_eq!(parts, [&b"x"[..], b"y"]);
        let (parts, closed) = split_multipart(b"no delimiter at all", "b");
        assert!(parts.is_empty() && !closed);
    }

    #[test]
    fn multiparts_nested_past_the_limit_are_a_problem_not_a_crash() {
        // 500 levels: mailparse would refuse the whole mail past 100; the walk stops
        // at its limit and names it, keeping what lies above.
        let mut entity = attachment("deep.docx", b"x");
        for level in 0..500 {
            entity = multipart("mixed", &format!("level{level}"), &[entity], true);
        }
        let top = multipart(
            "mixed",
            "top",
            &[attachment("top.docx", b"y"), entity],
            true,
        );
        let read = read_mail(&mail("deep", &top));
        let names: Vec<&str> = read.attachments.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(names, ["top.docx"]);
        assert_eq!(read.problems.len(), 1, "{:?}", read.problems);
        assert!(
            read.problems[0].1.zh.contains("16 层"),
            "{:?}",
            read.problems
        );
    }

    #[test]
    fn a_boundary_made_to_be_slow_is_read_in_one_pass() {
        // A 200 KB boundary over 4 MB of dashes: compared at every dash, as mailparse's
        // search does (80 ms for a tenth of each, 100 times that here, in a release
        // build), this is 10^11 steps; line by line it is one pass.
        let boundary = "-".repeat(200_000);
        let mut body = format!("Content-Type: multipart/mixed; boundary=\"{boundary}\"\r\n\r\nx");
        body.push_str(&"-".repeat(4_000_000));
        let read = read_mail(&mail("slow", &body));
        assert!(read.attachments.is_empty());
        let reason = read.not_submission.expect("nothing in it");
        assert!(reason.zh.contains("没有附件"));
    }

    #[test]
    fn headers_longer_than_the_limit_make_the_part_unreadable() {
        let long = format!("X-Padding: {}\r\n", "a".repeat(MAX_MAIL_HEADER_BYTES));
        let part = format!("{long}{}", attachment("a.docx", b"x"));
        let entity = multipart("mixed", "b", &[text_part("x"), part], true);
        let read = read_mail(&mail("long", &entity));
        assert!(read.attachments.is_empty());
        assert_eq!(read.problems.len(), 1, "{:?}", read.problems);
        assert!(
            read.problems[0].1.zh.contains("损坏"),
            "{:?}",
            read.problems
        );
    }

    #[test]
    fn header_end_finds_the_blank_line_with_either_line_ending() {
        assert_eq!(header_end(b"A: 1\r\n\r\nbody"), Some(8));
        assert_eq!(header_end(b"A: 1\n\nbody"), Some(6));
        assert_eq!(header_end(b"\r\nbody"), Some(2));
        assert_eq!(header_end(b"A: 1\r\n"), Some(6));
    }
}
