//! Mails as the province receives them: one `.eml` file (RFC 5322 and MIME, as 126/163
//! webmail 导出, Foxmail, Outlook and Thunderbird save them) read into its sender,
//! subject, send time, attachments and 超大附件 links, and turned into a
//! [`Submission`] whose files are the attachments, held in memory like a zip's.
//!
//! **The crate.** mailparse (0.18, 0BSD, plain Rust, builds with our compiler) reads each
//! part's header lines, its `Content-Type` and `Content-Disposition` parameters
//! (RFC 2231 continuations joined as bytes before decoding, so Thunderbird's names split
//! inside a character come out whole) and its base64 or quoted-printable body, and says
//! when base64 is damaged. mail-parser was not taken: its current release (1.0) needs
//! Rust 1.98, and its 0.11 line (0.11.9, tried) turns a GBK name split between RFC 2231
//! continuations, and raw GBK bytes in a header, into replacement characters: the name
//! is lost before any code here could see its bytes. What mailparse gets wrong for
//! Chinese mail is done here, each in a small function with its test: encoded words
//! split inside a character, raw GBK header bytes, lying charset labels and `CST` dates
//! (`header`); and its whole-mail parser, unbounded in memory and time on a hostile
//! mail, is replaced by a bounded walk (`mime`).
//!
//! **What counts.** An attachment is a part sent as one (`Content-Disposition:
//! attachment`), or a named part that is not a picture shown in the mail's text. A
//! picture in the text (referenced by `cid:` from the HTML: pasted pictures, signature
//! logos) is not an attachment, nor is a signature (`smime.p7s`). A mail attached to the
//! mail (a forward, `message/rfc822` or a `.eml`) is read in turn, at most
//! [`crate::limits::MAX_MAIL_NESTING`] deep: its attachments are this mail's, next to its own, since a
//! forward carries the same material (two of one name are told apart as Windows does,
//! `展板 (2).zip`). An Outlook winmail.dat is opened (`tnef`) and its attachments
//! taken out. A damaged attachment (bad base64, cut short) is a problem naming it, and is
//! never among the attachments. Links are never attachments.

mod header;
mod links;
mod mime;
mod tnef;

use std::collections::HashSet;
use std::path::Path;
use std::sync::{Arc, LazyLock};

use chrono::{DateTime, FixedOffset};
use mailparse::DispositionType;
use regex::Regex;

pub use header::china;

use super::source::{InMemory, Source};
use super::{EntryKind, Submission, Tree, archive, extension_of};
use crate::codes::Code;
use crate::findings::{Finding, Msg};
use crate::limits::{MAX_MAIL_BYTES, MAX_MAIL_PARTS};

/// One mail, read.
#[derive(Debug, Default)]
pub struct Mail {
    /// The `Message-ID`, without angle brackets; empty when the mail has none.
    pub message_id: String,
    /// The sender as shown: `沈阳市社区教育中心 <sy@126.com>`, or the address alone.
    pub from: String,
    /// The sender's address, in lower case.
    pub from_address: String,
    pub subject: String,
    /// When it was sent, in China time (+08:00); None when the mail does not say.
    pub date: Option<DateTime<FixedOffset>>,
    pub attachments: Vec<Attachment>,
    pub links: Vec<LargeAttachmentLink>,
    /// (attachment or part name, what is wrong): parts that were not read.
    pub problems: Vec<(String, Msg)>,
    /// Why this mail is not a submission: it has no attachment, no link and no damaged
    /// part (a question, an auto-reply, a reminder, a reply with only pictures).
    pub not_submission: Option<Msg>,
}

/// A file attached to a mail, decoded.
pub struct Attachment {
    /// Its file name, decoded; unique within the mail.
    pub name: String,
    pub bytes: Arc<Vec<u8>>,
}

impl std::fmt::Debug for Attachment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({} bytes)", self.name, self.bytes.len())
    }
}

/// A 超大附件 (NetEase) or 中转站 (QQ Mail) download link found in the mail's text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LargeAttachmentLink {
    pub url: String,
    pub name: Option<String>,
    /// As the mail writes it: "215.3M".
    pub size: Option<String>,
    pub expires: Option<DateTime<FixedOffset>>,
}

/// Reads one mail. Never fails: what cannot be read is a problem of the mail. A mail
/// longer than [`MAX_MAIL_BYTES`] is named and not read.
pub fn read_mail(bytes: &[u8]) -> Mail {
    if bytes.len() as u64 > MAX_MAIL_BYTES {
        let limit_mb = MAX_MAIL_BYTES / (1024 * 1024);
        let mut mail = Mail::default();
        mail.problems
            .push((String::new(), msg!("mail-over-limit", limit_mb)));
        return mail;
    }
    // A panic in a parser on a hostile mail is a damaged mail, not a crashed batch.
    let read = std::panic::catch_unwind(|| read_unguarded(bytes));
    read.unwrap_or_else(|_| Mail {
        problems: vec![(String::new(), msg!("mail-part-unreadable"))],
        ..Mail::default()
    })
}

/// A mail over [`MAX_MAIL_BYTES`], known by its header lines alone
/// (as a mailbox server gives them without the rest): its sender, subject and send
/// time, and the problem that it was not read.
pub fn read_too_large(header: &[u8]) -> Mail {
    let mut mail = read_mail(&header[..header.len().min(crate::limits::MAX_MAIL_HEADER_BYTES)]);
    mail.attachments.clear();
    mail.links.clear();
    mail.not_submission = None;
    let limit_mb = MAX_MAIL_BYTES / (1024 * 1024);
    mail.problems = vec![(String::new(), msg!("mail-over-limit", limit_mb))];
    mail
}

fn read_unguarded(bytes: &[u8]) -> Mail {
    let mut mail = Mail::default();
    let headers = mime::split(bytes).map(|(h, _)| h).unwrap_or_default();
    mail.message_id = header::raw(&headers, "Message-ID")
        .map(header::message_id)
        .unwrap_or_default();
    if let Some(from) = header::raw(&headers, "From") {
        (mail.from, mail.from_address) = header::sender(from);
    }
    mail.subject = header::value(&headers, "Subject");
    mail.date = header::raw(&headers, "Date").and_then(header::date);
    if mail.message_id.is_empty() {
        mail.message_id = stand_in_id(&mail);
    }
    let auto = is_auto_reply(&headers, &mail.subject);
    drop(headers);
    let mut walk = mime::Walk::default();
    walk.message(bytes, 0, 0);
    mail.links = links::find(&walk.texts, mail.date);
    let pictures = classify(&mut walk, &mut mail);
    mail.problems.extend(walk.problems);
    number_names(&mut mail.attachments);
    if mail.attachments.is_empty() && mail.links.is_empty() && mail.problems.is_empty() {
        mail.not_submission = Some(match (auto, pictures > 0) {
            (true, _) => msg!("mail-not-submission-auto"),
            (false, true) => msg!("mail-not-submission-pictures"),
            (false, false) => msg!("mail-not-submission"),
        });
    }
    mail
}

/// An identity for a mail without a `Message-ID`: a digest of its sender, subject and
/// send time, which an .eml export and the same mail over IMAP share (their bytes may
/// differ in line endings).
fn stand_in_id(mail: &Mail) -> String {
    let date = mail.date.map(|d| d.to_rfc3339()).unwrap_or_default();
    let key = [mail.from.as_str(), &mail.subject, &date].join("\n");
    let hash = blake3::hash(key.as_bytes()).to_hex();
    format!("no-id-{}@baosong", &hash[..16])
}

/// Whether the mail is an automatic reply: `Auto-Submitted` (RFC 3834), `X-Autoreply`
/// or `X-Autorespond`, or a subject such as 自动回复 or 自动答复 (Outlook).
fn is_auto_reply(headers: &[mailparse::MailHeader], subject: &str) -> bool {
    static SUBJECT: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(&links::WORDS.mail.auto_reply).expect("valid pattern"));
    let submitted = header::value(headers, "Auto-Submitted");
    let flagged = ["X-Autoreply", "X-Autorespond"]
        .iter()
        .any(|h| header::raw(headers, h).is_some());
    (!submitted.is_empty() && !submitted.eq_ignore_ascii_case("no"))
        || flagged
        || SUBJECT.is_match(subject)
}

/// Sorts the walked parts into attachments, pictures in the text (counted) and
/// problems.
fn classify(walk: &mut mime::Walk, mail: &mut Mail) -> usize {
    static CID: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r#"(?i)cid:([^"'\s>)]+)"#).expect("valid pattern"));
    let cids: HashSet<String> = walk
        .texts
        .iter()
        .filter(|t| t.html)
        .flat_map(|t| CID.captures_iter(&t.text).map(|c| c[1].to_owned()))
        .collect();
    let mut pictures = 0;
    for (n, leaf) in std::mem::take(&mut walk.leaves).into_iter().enumerate() {
        let attached = leaf.disposition == Some(DispositionType::Attachment);
        let referenced = leaf.content_id.as_ref().is_some_and(|c| cids.contains(c));
        let unnamed_inline =
            leaf.name.is_none() && (leaf.disposition.is_some() || leaf.mime.starts_with("image/"));
        if !attached && (referenced || unnamed_inline) {
            pictures += usize::from(leaf.mime.starts_with("image/"));
            continue;
        }
        let unnamed_text = leaf.name.is_none()
            && (leaf.mime.starts_with("text/") || leaf.mime.starts_with("message/"));
        if is_signature(&leaf) || unnamed_text {
            continue;
        }
        let name = leaf
            .name
            .clone()
            .unwrap_or_else(|| unnamed(n + 1, &leaf.mime));
        if leaf.cut {
            let message = msg!("mail-attachment-cut", name);
            mail.problems.push((name, message));
        } else if leaf.data.is_none() {
            let message = msg!("mail-attachment-damaged", name);
            mail.problems.push((name, message));
        } else if is_winmail(&leaf) {
            unpack_winmail(leaf, name, mail);
        } else {
            let bytes = Arc::new(leaf.data.unwrap_or_default());
            mail.attachments.push(Attachment { name, bytes });
        }
    }
    pictures
}

fn is_signature(leaf: &mime::Leaf) -> bool {
    matches!(
        leaf.mime.as_str(),
        "application/pkcs7-signature"
            | "application/x-pkcs7-signature"
            | "application/pgp-signature"
    ) || leaf
        .name
        .as_deref()
        .is_some_and(|n| n.eq_ignore_ascii_case("smime.p7s"))
}

fn is_winmail(leaf: &mime::Leaf) -> bool {
    leaf.mime == "application/ms-tnef"
        || leaf.mime == "application/vnd.ms-tnef"
        || leaf
            .name
            .as_deref()
            .is_some_and(|n| n.eq_ignore_ascii_case("winmail.dat"))
}

/// Takes the attachments out of an Outlook winmail.dat; one that cannot be read is a
/// problem saying the attachments are packed in it.
fn unpack_winmail(leaf: mime::Leaf, name: String, mail: &mut Mail) {
    let data = leaf.data.unwrap_or_default();
    let Some(packed) = tnef::read(&data, MAX_MAIL_PARTS) else {
        let message = msg!("mail-winmail-unreadable", name);
        mail.problems.push((name, message));
        return;
    };
    for (n, file) in packed.into_iter().enumerate() {
        let Some(bytes) = file.data else { continue };
        let name = file
            .name
            .as_deref()
            .and_then(header::clean_name)
            .unwrap_or_else(|| unnamed(n + 1, "application/octet-stream"));
        mail.attachments.push(Attachment {
            name,
            bytes: Arc::new(bytes),
        });
    }
}

/// A name for an attachment sent without one: `attachment-3.pdf`.
fn unnamed(n: usize, mime: &str) -> String {
    let extension = match mime {
        "application/zip" | "application/x-zip-compressed" => "zip",
        "application/pdf" => "pdf",
        "image/jpeg" => "jpg",
        "image/png" => "png",
        "application/msword" => "doc",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => "docx",
        "video/mp4" => "mp4",
        _ => "bin",
    };
    format!("attachment-{n}.{extension}")
}

/// Gives attachments of one name (a forward carrying a file the mail carries too)
/// the names Windows gives a second download: `展板 (2).zip`.
fn number_names(attachments: &mut [Attachment]) {
    let mut taken: HashSet<String> = HashSet::new();
    for attachment in attachments.iter_mut() {
        let mut name = attachment.name.clone();
        let (stem, ext) = match name.rfind('.') {
            Some(i) if i > 0 => (name[..i].to_owned(), name[i..].to_owned()),
            _ => (name.clone(), String::new()),
        };
        let mut n = 1;
        while !taken.insert(name.to_lowercase()) {
            n += 1;
            name = format!("{stem} ({n}){ext}");
        }
        attachment.name = name;
    }
}

impl Mail {
    /// The mail as a submission: each attachment a file at the root, held in memory;
    /// a .zip attachment opened in place as a folder, exactly as a .zip inside a
    /// submission folder is. The mail's problems are `archive-corrupt` findings at the
    /// root whose path is the attachment's name (the mail is the container that was
    /// damaged; a mail whose every attachment is damaged is "received, not opened"),
    /// its send time the submission's time, `file_name` (the .eml's path) its origin,
    /// and its subject (else the file's name) its name.
    pub fn submission(&self, file_name: &str) -> Submission {
        let stem = Path::new(file_name).file_stem().map_or_else(
            || file_name.to_owned(),
            |s| s.to_string_lossy().into_owned(),
        );
        let subject = self.subject.trim();
        let name = if subject.is_empty() {
            stem
        } else {
            subject.to_owned()
        };
        let mut tree = Tree::new(&name);
        for attachment in &self.attachments {
            let size = attachment.bytes.len() as u64;
            let source: Arc<dyn Source> = Arc::new(InMemory(attachment.bytes.clone()));
            if extension_of(&attachment.name) == "zip" && size > 0 {
                let id = tree.dir(Submission::ROOT, &attachment.name);
                archive::list_zip(source, id, 1, &mut tree);
            } else {
                tree.push(
                    Submission::ROOT,
                    &attachment.name,
                    EntryKind::File { size, source },
                );
            }
        }
        for (path, message) in &self.problems {
            let finding = Finding::new(Code::MailPartDamaged, path.clone(), message.clone());
            tree.problem(Submission::ROOT, finding);
        }
        if let Some(why) = &self.not_submission {
            let finding = Finding::new(Code::MailNotSubmission, String::new(), why.clone());
            tree.problem(Submission::ROOT, finding);
        }
        let modified = self.date.map(std::time::SystemTime::from);
        let mut sub = tree.finish(name, Path::new(file_name), modified);
        sub.mail = Some(crate::intake::MailInfo {
            message_id: self.message_id.clone(),
            from: self.from.clone(),
            from_address: self.from_address.clone(),
            subject: self.subject.clone(),
            date: self.date.map(|d| d.to_rfc3339()),
            links: self.links.clone(),
        });
        sub
    }
}

#[cfg(test)]
pub(super) mod tests {
    use base64::Engine;

    use super::*;
    use crate::limits::MAX_MAIL_NESTING;

    pub(crate) fn b64(bytes: &[u8]) -> String {
        base64::engine::general_purpose::STANDARD.encode(bytes)
    }

    /// Base64 in lines of 76, as mail writes it.
    pub(crate) fn b64_lines(bytes: &[u8]) -> String {
        let text = b64(bytes);
        let lines: Vec<&str> = text
            .as_bytes()
            .chunks(76)
            .map(|c| std::str::from_utf8(c).unwrap())
            .collect();
        lines.join("\r\n")
    }

    pub(crate) fn gbk(text: &str) -> Vec<u8> {
        encoding_rs::GBK.encode(text).0.into_owned()
    }

    /// `bytes` as B encoded words of `chunk` bytes each, as 126/163 split long names.
    pub(crate) fn words(label: &str, bytes: &[u8], chunk: usize) -> String {
        bytes
            .chunks(chunk)
            .map(|c| format!("=?{label}?B?{}?=", b64(c)))
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// An attachment part: `name` is the header parameter as written.
    pub(crate) fn attachment(name: &str, bytes: &[u8]) -> String {
        format!(
            "Content-Type: application/octet-stream;\r\n name=\"{name}\"\r\nContent-Transfer-Encoding: base64\r\nContent-Disposition: attachment;\r\n filename=\"{name}\"\r\n\r\n{}\r\n",
            b64_lines(bytes)
        )
    }

    pub(crate) fn text_part(text: &str) -> String {
        format!(
            "Content-Type: text/plain; charset=\"UTF-8\"\r\nContent-Transfer-Encoding: base64\r\n\r\n{}\r\n",
            b64_lines(text.as_bytes())
        )
    }

    pub(crate) fn html_part(html: &str) -> String {
        format!(
            "Content-Type: text/html; charset=\"GBK\"\r\nContent-Transfer-Encoding: base64\r\n\r\n{}\r\n",
            b64_lines(&gbk(html))
        )
    }

    /// A multipart entity of `kind` holding `parts`, closed or (when `closed` is false)
    /// ending after its last part, as a cut mail does.
    pub(crate) fn multipart(kind: &str, boundary: &str, parts: &[String], closed: bool) -> String {
        let mut out = format!(
            "Content-Type: multipart/{kind};\r\n\tboundary=\"{boundary}\"\r\n\r\nThis is a multi-part message in MIME format.\r\n"
        );
        for part in parts {
            out.push_str(&format!("\r\n--{boundary}\r\n{part}"));
        }
        if closed {
            out.push_str(&format!("\r\n--{boundary}--\r\n"));
        }
        out
    }

    /// A mail as 126 webmail exports it: its headers, then the entity.
    pub(crate) fn mail(subject: &str, entity: &str) -> Vec<u8> {
        format!(
            "Received: from sy.edu.cn (unknown [10.1.1.1])\r\n\tby mx1.126.com; Tue, 20 Oct 2020 10:31:05 +0800 (CST)\r\nDate: Tue, 20 Oct 2020 10:31:02 +0800 (CST)\r\nFrom: \"=?GBK?B?{}?=\" <sy_sqjy@126.com>\r\nTo: lnsszxx@126.com\r\nMessage-ID: <5f8e4a1e.1c69fb81.8a2b.0001@126.com>\r\nSubject: {}\r\nMIME-Version: 1.0\r\n{entity}",
            b64(&gbk("沈阳市社区教育中心")),
            words("GBK", &gbk(subject), 21),
        )
        .into_bytes()
    }

    #[test]
    fn a_mail_without_message_id_gets_the_same_stand_in_however_saved() {
        let entity = multipart("mixed", "b1", &[attachment("plan.docx", b"PK")], true);
        let crlf = String::from_utf8(mail("沈阳市报送", &entity))
            .unwrap()
            .replace("Message-ID: <5f8e4a1e.1c69fb81.8a2b.0001@126.com>\r\n", "");
        let lf = crlf.replace("\r\n", "\n");
        let (a, b) = (read_mail(crlf.as_bytes()), read_mail(lf.as_bytes()));
        assert!(a.message_id.starts_with("no-id-"), "{}", a.message_id);
        assert_eq!(a.message_id, b.message_id);
        let other = crlf.replace("10:31:02", "10:31:03");
        assert_ne!(read_mail(other.as_bytes()).message_id, a.message_id);
    }

    fn names(mail: &Mail) -> Vec<&str> {
        mail.attachments.iter().map(|a| a.name.as_str()).collect()
    }

    fn problem_names(mail: &Mail) -> Vec<&str> {
        mail.problems.iter().map(|(n, _)| n.as_str()).collect()
    }

    fn zip_bytes(members: &[(&str, &[u8])]) -> Vec<u8> {
        let mut out = std::io::Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut out);
        for (name, data) in members {
            zip.start_file(*name, zip::write::SimpleFileOptions::default())
                .unwrap();
            std::io::Write::write_all(&mut zip, data).unwrap();
        }
        zip.finish().unwrap();
        out.into_inner()
    }

    #[test]
    fn a_126_export_gives_sender_subject_time_and_gbk_named_attachments() {
        let zip = zip_bytes(&[("方案.docx", b"plan")]);
        let name = words("GB2312", &gbk("沈阳市活动周材料（第一次）.zip"), 33);
        let entity = multipart(
            "mixed",
            "----=_Part_1_2088.1603161062",
            &[
                multipart(
                    "alternative",
                    "----=_Part_2_7",
                    &[text_part("请查收。"), html_part("<div>请查收。</div>")],
                    true,
                ),
                attachment(&name, &zip),
            ],
            true,
        );
        let mail = read_mail(&mail("沈阳市报送活动周材料", &entity));
        assert_eq!(mail.subject, "沈阳市报送活动周材料");
        assert_eq!(mail.from, "沈阳市社区教育中心 <sy_sqjy@126.com>");
        assert_eq!(mail.from_address, "sy_sqjy@126.com");
        assert_eq!(mail.message_id, "5f8e4a1e.1c69fb81.8a2b.0001@126.com");
        let date = mail.date.map(|d| d.to_rfc3339());
        assert_eq!(date.as_deref(), Some("2020-10-20T10:31:02+08:00"));
        assert_eq!(names(&mail), ["沈阳市活动周材料（第一次）.zip"]);
        assert_eq!(*mail.attachments[0].bytes, zip);
        assert!(mail.problems.is_empty() && mail.links.is_empty());
        assert_eq!(mail.not_submission, None);
    }

    #[test]
    fn quoted_printable_and_a_single_part_mail_are_decoded() {
        let qp = "Content-Type: text/plain; name=\"=?UTF-8?Q?=E5=B1=95=E6=9D=BF=E6=96=87=E5=AD=97.txt?=\"\r\nContent-Transfer-Encoding: quoted-printable\r\nContent-Disposition: attachment\r\n\r\n=E7=A4=BE=E5=8C=BA=E5=B1=85=E6=B0=91=\r\n=E7=A7=AF=E6=9E=81=E5=8F=82=E5=8A=A0\r\n";
        let mail = read_mail(&mail("展板", qp));
        assert_eq!(names(&mail), ["展板文字.txt"]);
        assert_eq!(
            String::from_utf8_lossy(&mail.attachments[0].bytes),
            "社区居民积极参加\r\n"
        );
    }

    #[test]
    fn damaged_base64_is_a_problem_naming_the_attachment_and_never_counts() {
        let good = attachment("good.docx", b"a good document");
        let mut bad = attachment("bad.docx", &[7u8; 300]);
        let at = bad.find("\r\n\r\n").unwrap() + 10;
        bad.replace_range(at..at + 2, "*!");
        let entity = multipart("mixed", "b1", &[text_part("x"), good, bad], true);
        let read = read_mail(&mail("材料", &entity));
        assert_eq!(names(&read), ["good.docx"]);
        assert_eq!(problem_names(&read), ["bad.docx"]);
        assert!(
            read.problems[0].1.zh.contains("“bad.docx”已损坏"),
            "{:?}",
            read.problems
        );
        // Cut inside a group of four characters.
        let short = format!(
            "Content-Type: application/pdf; name=a.pdf\r\nContent-Transfer-Encoding: base64\r\n\r\n{}\r\n",
            &b64(&[1u8; 100])[..50]
        );
        let entity = multipart("mixed", "b2", &[text_part("x"), short], true);
        let read = read_mail(&mail("材料", &entity));
        assert_eq!(problem_names(&read), ["a.pdf"]);
        assert!(read.attachments.is_empty());
        assert_eq!(
            read.not_submission, None,
            "a mail with a damaged attachment was sent"
        );
    }

    #[test]
    fn a_mail_cut_short_names_its_last_attachment_even_when_what_is_left_decodes() {
        let whole = attachment("展板.zip", &[5u8; 3000]);
        // Cut at a line end: what is left is valid base64, only shorter.
        let lines: Vec<&str> = whole.split("\r\n").collect();
        let cut = lines[..lines.len() - 10].join("\r\n");
        let entity = multipart(
            "mixed",
            "b",
            &[text_part("x"), attachment("a.doc", b"doc"), cut],
            false,
        );
        let mail = read_mail(&mail("材料", &entity));
        assert_eq!(names(&mail), ["a.doc"]);
        assert_eq!(problem_names(&mail), ["展板.zip"]);
        assert!(
            mail.problems[0].1.zh.contains("不完整"),
            "{:?}",
            mail.problems
        );
    }

    #[test]
    fn a_forwarded_mail_brings_its_attachments_and_equal_names_are_numbered() {
        let inner = mail(
            "沈阳市材料",
            &multipart(
                "mixed",
                "inner",
                &[text_part("见附件"), attachment("方案.docx", b"first")],
                true,
            ),
        );
        let forward = format!(
            "Content-Type: message/rfc822; name=\"fw.eml\"\r\nContent-Disposition: attachment; filename=\"fw.eml\"\r\n\r\n{}\r\n",
            String::from_utf8(inner.clone()).unwrap()
        );
        // Some clients attach the mail as a base64 .eml file.
        let as_file = format!(
            "Content-Type: application/octet-stream; name=\"old.eml\"\r\nContent-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename=\"old.eml\"\r\n\r\n{}\r\n",
            b64_lines(&inner)
        );
        let entity = multipart(
            "mixed",
            "outer",
            &[
                text_part("转发"),
                attachment("方案.docx", b"second"),
                forward,
                as_file,
            ],
            true,
        );
        let mail = read_mail(&mail("转发：沈阳市材料", &entity));
        assert_eq!(
            names(&mail),
            ["方案.docx", "方案 (2).docx", "方案 (3).docx"]
        );
        assert_eq!(*mail.attachments[1].bytes, b"first");
        assert!(mail.problems.is_empty(), "{:?}", mail.problems);
    }

    #[test]
    fn forwards_nested_past_the_limit_are_a_problem() {
        let mut message = mail(
            "0",
            &multipart("mixed", "b0", &[attachment("deep.docx", b"x")], true),
        );
        for level in 1..=MAX_MAIL_NESTING + 1 {
            let part = format!(
                "Content-Type: message/rfc822\r\nContent-Disposition: attachment; filename=\"fw{level}.eml\"\r\n\r\n{}",
                String::from_utf8(message).unwrap()
            );
            message = mail(
                &level.to_string(),
                &multipart("mixed", &format!("b{level}"), &[part], true),
            );
        }
        let read = read_mail(&message);
        assert!(read.attachments.is_empty());
        assert_eq!(problem_names(&read), ["fw1.eml"]);
        assert!(
            read.problems[0].1.zh.contains("超过 3 层"),
            "{:?}",
            read.problems
        );
    }

    #[test]
    fn pictures_in_the_text_and_signatures_are_not_attachments() {
        let picture = |cid: &str, disposition: &str| {
            format!(
                "Content-Type: image/png; name=\"image001.png\"\r\nContent-Transfer-Encoding: base64\r\nContent-ID: <{cid}>\r\n{disposition}\r\n{}\r\n",
                b64_lines(&[9u8; 120])
            )
        };
        let html = html_part(
            "<p>请查收</p><img src=\"cid:image001.png@01D6A6B1\"><img src=\"cid:sig@foxmail\">",
        );
        let related = multipart(
            "related",
            "rel",
            &[
                html,
                picture(
                    "image001.png@01D6A6B1",
                    "Content-Disposition: inline; filename=\"image001.png\"\r\n",
                ),
                picture("sig@foxmail", ""),
            ],
            true,
        );
        let signed = "Content-Type: application/pkcs7-signature; name=\"smime.p7s\"\r\nContent-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename=\"smime.p7s\"\r\n\r\nAAAA\r\n".to_owned();
        let reply = read_mail(&mail(
            "回复：通知",
            &multipart("signed", "sig", &[related.clone(), signed], true),
        ));
        assert!(reply.attachments.is_empty());
        let reason = reply.not_submission.expect("only pictures");
        assert!(reason.zh.contains("只有正文中的图片"), "{reason:?}");
        // The same mail with a photo attached as a file: that one counts.
        let photo = attachment("01-社区读书会.jpg", &[1u8; 50]);
        let sent = read_mail(&mail(
            "材料",
            &multipart("mixed", "m", &[related, photo], true),
        ));
        assert_eq!(names(&sent), ["01-社区读书会.jpg"]);
    }

    #[test]
    fn a_question_and_an_auto_reply_are_not_submissions() {
        let question = read_mail(&mail("请问展板要几块？", &text_part("请问展板要几块？")));
        let reason = question.not_submission.expect("a question");
        assert!(reason.zh.contains("没有附件"), "{reason:?}");
        let auto = format!(
            "Auto-Submitted: auto-replied\r\n{}",
            text_part("您的邮件已收到。")
        );
        let reason = read_mail(&mail("Re: 材料", &auto))
            .not_submission
            .expect("auto");
        assert!(reason.zh.contains("自动回复"), "{reason:?}");
        let by_subject = read_mail(&mail("自动回复：材料", &text_part("休假中")));
        assert!(
            by_subject
                .not_submission
                .expect("auto")
                .zh
                .contains("自动回复")
        );
    }

    /// A winmail.dat holding `files` (GBK title, and a long Unicode name when given).
    pub(crate) fn winmail(files: &[(&str, Option<&str>, &[u8])]) -> Vec<u8> {
        fn attribute(out: &mut Vec<u8>, level: u8, id: u32, data: &[u8]) {
            out.push(level);
            out.extend(id.to_le_bytes());
            out.extend((data.len() as u32).to_le_bytes());
            out.extend(data);
            let sum = data.iter().fold(0u16, |s, &b| s.wrapping_add(u16::from(b)));
            out.extend(sum.to_le_bytes());
        }
        let mut out = 0x223E_9F78u32.to_le_bytes().to_vec();
        out.extend(1u16.to_le_bytes());
        attribute(&mut out, 1, 0x0006_9007, &936u32.to_le_bytes());
        for (title, long, data) in files {
            attribute(
                &mut out,
                2,
                0x0006_9002,
                &[1, 0, 0, 0, 0xff, 0xff, 0xff, 0xff],
            );
            let mut t = gbk(title);
            t.push(0);
            attribute(&mut out, 2, 0x0001_8010, &t);
            attribute(&mut out, 2, 0x0006_800F, data);
            if let Some(long) = long {
                let mut props = 2u32.to_le_bytes().to_vec();
                props.extend(0x0003u16.to_le_bytes()); // PT_LONG
                props.extend(0x0E21u16.to_le_bytes()); // PR_ATTACH_NUM
                props.extend(7u32.to_le_bytes());
                props.extend(0x001Fu16.to_le_bytes()); // PT_UNICODE
                props.extend(0x3707u16.to_le_bytes()); // PR_ATTACH_LONG_FILENAME
                props.extend(1u32.to_le_bytes());
                let mut text: Vec<u8> = long.encode_utf16().flat_map(u16::to_le_bytes).collect();
                text.extend([0, 0]);
                props.extend((text.len() as u32).to_le_bytes());
                let padded = text.len().div_ceil(4) * 4;
                text.resize(padded, 0);
                props.extend(text);
                attribute(&mut out, 2, 0x0006_9005, &props);
            }
        }
        out
    }

    #[test]
    fn winmail_dat_is_opened_and_its_attachments_taken_out() {
        let tnef = winmail(&[
            ("总结.docx", None, b"summary"),
            ("展板~1.ZIP", Some("展板材料（全部）.zip"), b"zip bytes"),
        ]);
        let part = format!(
            "Content-Type: application/ms-tnef; name=\"winmail.dat\"\r\nContent-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename=\"winmail.dat\"\r\n\r\n{}\r\n",
            b64_lines(&tnef)
        );
        let entity = multipart("mixed", "ol", &[text_part("材料"), part.clone()], true);
        let mail_read = read_mail(&mail("材料", &entity));
        assert_eq!(names(&mail_read), ["总结.docx", "展板材料（全部）.zip"]);
        assert_eq!(*mail_read.attachments[1].bytes, b"zip bytes");
        // A damaged one (a checksum off) says the attachments are packed in it.
        let mut broken = tnef.clone();
        let last = broken.len() - 1;
        broken[last] ^= 0x55;
        let part = part.replace(&b64_lines(&tnef), &b64_lines(&broken));
        let entity = multipart("mixed", "ol", &[text_part("材料"), part], true);
        let mail_read = read_mail(&mail("材料", &entity));
        assert!(mail_read.attachments.is_empty());
        assert_eq!(problem_names(&mail_read), ["winmail.dat"]);
        assert!(
            mail_read.problems[0].1.zh.contains("打包"),
            "{:?}",
            mail_read.problems
        );
    }

    #[test]
    fn too_many_parts_and_too_large_a_mail_are_problems() {
        let parts: Vec<String> = (0..MAX_MAIL_PARTS + 5)
            .map(|i| attachment(&format!("{i}.txt"), b"x"))
            .collect();
        let read = read_mail(&mail("many", &multipart("mixed", "b", &parts, true)));
        assert_eq!(
            read.attachments.len(),
            MAX_MAIL_PARTS - 1,
            "the multipart is a part too"
        );
        assert_eq!(read.problems.len(), 1);
        assert!(
            read.problems[0].1.zh.contains("1000"),
            "{:?}",
            read.problems
        );
        // Only the length is looked at; calloc'd zeros cost no work.
        let huge = vec![0u8; MAX_MAIL_BYTES as usize + 1];
        let read = read_mail(&huge);
        assert!(
            read.problems[0].1.zh.contains("256 MB"),
            "{:?}",
            read.problems
        );
        assert_eq!(read.not_submission, None);
    }

    #[test]
    fn a_submission_holds_the_attachments_with_zips_opened_in_place() {
        let zip = zip_bytes(&[
            ("沈阳市/01工作方案/方案.docx", b"plan"),
            ("沈阳市/06总结.docx", b"sum"),
        ]);
        let mut bad = attachment("坏.pdf", &[1u8; 90]);
        let at = bad.find("\r\n\r\n").unwrap() + 6;
        bad.replace_range(at..at + 1, "@");
        let entity = multipart(
            "mixed",
            "b",
            &[
                text_part("x"),
                attachment("沈阳市.zip", &zip),
                attachment("名单.xlsx", b"xlsx"),
                bad,
            ],
            true,
        );
        let read = read_mail(&mail("沈阳市报送材料", &entity));
        let sub = read.submission("收件箱/第1封.eml");
        assert_eq!(sub.name, "沈阳市报送材料");
        assert_eq!(sub.origin, Path::new("收件箱/第1封.eml"));
        let expected = read.date.map(std::time::SystemTime::from);
        assert_eq!(sub.modified, expected);
        let mut paths: Vec<&str> = sub
            .files_under(Submission::ROOT)
            .iter()
            .map(|&id| sub.entry(id).path.as_str())
            .collect();
        paths.sort();
        assert_eq!(
            paths,
            [
                "名单.xlsx",
                "沈阳市.zip/沈阳市/01工作方案/方案.docx",
                "沈阳市.zip/沈阳市/06总结.docx"
            ]
        );
        let id = sub.files_under(Submission::ROOT)[0];
        assert!(!sub.read_prefix(id, 100).unwrap().is_empty());
        assert_eq!(sub.problems.len(), 1);
        assert_eq!(sub.problems[0].finding.path, "坏.pdf");
        assert_eq!(sub.problems[0].finding.code, Code::MailPartDamaged);
        // No subject: the file's name.
        let untitled = Mail::default().submission("a/第2封.eml");
        assert_eq!(untitled.name, "第2封");
    }

    #[test]
    fn a_read_receipt_or_bounce_returning_the_provinces_mail_is_not_a_submission() {
        let returned = String::from_utf8(mail(
            "关于做好活动周工作的通知",
            &multipart(
                "mixed",
                "orig",
                &[text_part("通知"), attachment("通知.pdf", b"%PDF")],
                true,
            ),
        ))
        .unwrap();
        let report = multipart(
            "report; report-type=delivery-status",
            "rep",
            &[
                text_part("邮件无法投递"),
                "Content-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.126.com\r\n"
                    .to_owned(),
                format!("Content-Type: message/rfc822\r\n\r\n{returned}"),
            ],
            true,
        );
        let read = read_mail(&mail("系统退信", &report));
        assert!(read.attachments.is_empty(), "{:?}", read.attachments);
        assert!(read.not_submission.is_some());
    }
}
