//! Mails built byte by byte the way 126 webmail exports them (`导出`): GBK headers in
//! encoded words split inside characters, a plain and an HTML text, attachments whose
//! names are GB2312 encoded words.

use base64::Engine;

use super::gbk;

pub fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// Base64 in lines of 76, as mail writes it.
pub fn b64_lines(bytes: &[u8]) -> String {
    let text = b64(bytes);
    let lines: Vec<&str> = text
        .as_bytes()
        .chunks(76)
        .map(|c| std::str::from_utf8(c).unwrap())
        .collect();
    lines.join("\r\n")
}

/// `bytes` as B encoded words of `chunk` bytes each, as 126/163 split long names
/// (through the middle of a character when `chunk` is odd).
pub fn words(label: &str, bytes: &[u8], chunk: usize) -> String {
    bytes
        .chunks(chunk)
        .map(|c| format!("=?{label}?B?{}?=", b64(c)))
        .collect::<Vec<_>>()
        .join("\r\n ")
}

const BOUNDARY: &str = "----=_Part_190612_1946587428.1603242753417";
const TEXT_BOUNDARY: &str = "----=_Part_190614_1431826562.1603242753417";

/// A mail as 126 webmail writes it; the defaults are 沈阳市's first mail.
#[derive(Clone)]
pub struct Eml {
    pub sender: String,
    pub address: String,
    pub subject: String,
    /// The Date header as written.
    pub date: String,
    /// Without angle brackets; no Message-ID header when empty.
    pub message_id: String,
    /// The plain text; the HTML text is made from it, line by line.
    pub text: String,
    /// Extra HTML after the text (a 超大附件 block).
    pub html_extra: String,
    /// Attachment parts, their header lines given whole (`attachment_126`).
    pub attachments: Vec<String>,
}

impl Default for Eml {
    fn default() -> Self {
        Eml {
            sender: "沈阳市社区教育中心".into(),
            address: "sy_sqjy@126.com".into(),
            subject: "沈阳市报送全民终身学习活动周材料".into(),
            date: "Wed, 21 Oct 2020 09:12:33 +0800 (CST)".into(),
            message_id: "6b4f0c5e.3c1a.1754878f1a9.Coremail.sy_sqjy@126.com".into(),
            text: "省中心：\r\n  附件是沈阳市的活动周材料，请查收。".into(),
            html_extra: String::new(),
            attachments: Vec::new(),
        }
    }
}

impl Eml {
    pub fn bytes(&self) -> Vec<u8> {
        let id = if self.message_id.is_empty() {
            String::new()
        } else {
            format!("Message-ID: <{}>\r\n", self.message_id)
        };
        let html: String = self
            .text
            .lines()
            .map(|l| format!("<div>{l}</div>"))
            .collect::<String>()
            + &self.html_extra;
        let mut out = format!(
            "Received: from sy-edu (unknown [10.1.1.1])\r\n\tby mx1.126.com (Coremail) with SMTP id Ms1rEyAHq\r\n\tfor <lnsszxx@126.com>; {date}\r\nDate: {date}\r\nFrom: \"{sender}\" <{address}>\r\nTo: lnsszxx@126.com\r\nSubject: {subject}\r\nX-Priority: 3\r\nX-Mailer: Coremail Webmail Server Version XT5.0.13\r\nContent-Type: multipart/mixed; \r\n\tboundary=\"{BOUNDARY}\"\r\nMIME-Version: 1.0\r\n{id}\r\n--{BOUNDARY}\r\nContent-Type: multipart/alternative; \r\n\tboundary=\"{TEXT_BOUNDARY}\"\r\n\r\n--{TEXT_BOUNDARY}\r\nContent-Type: text/plain; charset=GBK\r\nContent-Transfer-Encoding: base64\r\n\r\n{plain}\r\n--{TEXT_BOUNDARY}\r\nContent-Type: text/html; charset=GBK\r\nContent-Transfer-Encoding: base64\r\n\r\n{html}\r\n--{TEXT_BOUNDARY}--\r\n",
            date = self.date,
            sender = words("GBK", &gbk(&self.sender), 18),
            address = self.address,
            subject = words("GBK", &gbk(&self.subject), 21),
            plain = b64_lines(&gbk(&self.text)),
            html = b64_lines(&gbk(&html)),
        );
        for attachment in &self.attachments {
            out.push_str(&format!("\r\n--{BOUNDARY}\r\n"));
            out.push_str(attachment);
        }
        out.push_str(&format!("\r\n--{BOUNDARY}--\r\n"));
        out.into_bytes()
    }
}

/// A 126 attachment part: the name as GB2312 encoded words, split inside characters.
pub fn attachment_126(name: &str, bytes: &[u8]) -> String {
    let name = words("GB2312", &gbk(name), 27);
    format!(
        "Content-Type: application/octet-stream; \r\n\tname=\"{name}\"\r\nContent-Transfer-Encoding: base64\r\nContent-Disposition: attachment; \r\n\tfilename=\"{name}\"\r\n\r\n{}\r\n",
        b64_lines(bytes)
    )
}

/// The closing boundary line of an `Eml`'s bytes, for tests that add raw parts.
pub fn closing() -> Vec<u8> {
    format!("\r\n--{BOUNDARY}--\r\n").into_bytes()
}

/// The line that opens one more part of an `Eml`, for tests that add raw parts.
pub fn opening() -> Vec<u8> {
    format!("\r\n--{BOUNDARY}\r\n").into_bytes()
}
