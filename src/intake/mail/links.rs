//! 超大附件: files too large for an ordinary attachment, sent as a download link in
//! the mail's text. NetEase (126/163: `mail.163.com/large-attachment-download/…`,
//! `fs.…`, 网易邮箱大师's `cloud-attachment-download`) and QQ Mail
//! (`mail.qq.com/cgi-bin/ftnExs_download?…`, `wx.mail.qq.com/ftn/download?…`, 中转站).
//!
//! The blocks, as the services write them:
//! - the HTML version: the file name is the link's text, and the size and expiry
//!   follow it on the same line: `<a href=…>展板材料.zip</a><span> (215.3M, 2020年11月4日
//!   15:20 到期)</span>`; the same address appears again on the icon and on 下载;
//! - the plain version: `展板材料.zip (215.3M, 2020年11月4日 15:20 到期)` on one line and
//!   `进入下载页面：https://…` on the next.
//!
//! So each occurrence of an address is read with its own line (before and after it, up
//! to the next address), the line above when that holds no address, and the lines
//! below when no other link follows; what the occurrences of one address say is
//! merged. Expiry is read only from a line that says it (到期, 有效期, 过期) and is given
//! in China time; a date without a year takes the mail's; without a time, 23:59.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, TimeZone};
use regex::{Captures, Regex};
use serde::Deserialize;

use super::LargeAttachmentLink;
use super::header::{china, decode_bytes, percent_decode};
use super::mime::Text;

#[derive(Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(super) struct Words {
    pub links: LinkWords,
    pub mail: MailWords,
}

#[derive(Deserialize)]
pub(super) struct LinkWords {
    expiry: String,
    date: String,
    days: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(super) struct MailWords {
    pub auto_reply: String,
}

pub(super) static WORDS: LazyLock<Words> =
    LazyLock::new(|| toml::from_str(include_str!("words.toml")).expect("words.toml is valid"));

struct Patterns {
    url: Regex,
    name_with_size: Regex,
    file_name: Regex,
    size: Regex,
    expiry: Regex,
    date: Regex,
    iso_date: Regex,
    days: Regex,
}

static PATTERNS: LazyLock<Patterns> = LazyLock::new(|| {
    let re = |s: &str| Regex::new(s).expect("valid pattern");
    Patterns {
        url: re(r#"https?://[^\s<>"'()（）\[\]【】「」，。；！？]+"#),
        name_with_size: re(
            r#"([^\s()（）:：<>"|*?]+\.[A-Za-z0-9]{1,8})\s*[（(]\s*\d+(?:\.\d+)?\s*(?i:[KMGT])"#,
        ),
        file_name: re(r#"^[^\s/\\:：*?"<>|]+\.[A-Za-z0-9]{1,8}$"#),
        size: re(r"(?i)\b(\d+(?:\.\d+)?\s*[KMGT](?:i?B)?)\b"),
        expiry: re(&WORDS.links.expiry),
        date: re(&WORDS.links.date),
        iso_date: re(
            r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?:\s+(?P<hh>\d{1,2}):(?P<mm>\d{2}))?",
        ),
        days: re(&WORDS.links.days),
    }
});

/// Whether an address is a NetEase or QQ Mail large-attachment download.
pub(super) fn is_large_attachment(url: &str) -> bool {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let host = rest[..end].rsplit('@').next().unwrap_or("");
    let host = host.split(':').next().unwrap_or("").to_ascii_lowercase();
    let path = rest[end..].to_ascii_lowercase();
    let under = |domain: &str| host == domain || host.ends_with(&format!(".{domain}"));
    let netease = ["163.com", "126.com", "yeah.net", "188.com"]
        .iter()
        .any(|d| under(d));
    let qq = under("qq.com");
    (netease
        && (path.contains("large-attachment-download")
            || path.contains("cloud-attachment-download")
            || host.starts_with("fs.")))
        || (qq && (path.contains("ftnexs_download") || path.starts_with("/ftn/download")))
}

/// The large-attachment links in a mail's texts, each address once, in order.
pub(super) fn find(
    texts: &[Text],
    sent: Option<DateTime<FixedOffset>>,
) -> Vec<LargeAttachmentLink> {
    let mut out: Vec<LargeAttachmentLink> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for text in texts {
        let flat = if text.html {
            flatten_html(&text.text)
        } else {
            text.text.clone()
        };
        for found in in_text(&flat, sent) {
            match index.get(&found.url) {
                Some(&i) => {
                    let known = &mut out[i];
                    known.name = known.name.take().or(found.name);
                    known.size = known.size.take().or(found.size);
                    known.expires = known.expires.or(found.expires);
                }
                None => {
                    index.insert(found.url.clone(), out.len());
                    out.push(found);
                }
            }
        }
    }
    out
}

/// One address where it stands: its line, and where it starts and ends in it.
struct Occurrence {
    line: usize,
    start: usize,
    end: usize,
    url: String,
}

fn in_text(flat: &str, sent: Option<DateTime<FixedOffset>>) -> Vec<LargeAttachmentLink> {
    let lines: Vec<&str> = flat.lines().collect();
    let mut found = Vec::new();
    for (line, text) in lines.iter().enumerate() {
        for m in PATTERNS.url.find_iter(text) {
            let url = m
                .as_str()
                .trim_end_matches(['.', ',', ';', ':', '!', '?', '\'']);
            found.push(Occurrence {
                line,
                start: m.start(),
                end: m.start() + url.len(),
                url: url.to_owned(),
            });
        }
    }
    let with_url: HashSet<usize> = found.iter().map(|f| f.line).collect();
    let mut out = Vec::new();
    for (k, o) in found.iter().enumerate() {
        if !is_large_attachment(&o.url) {
            continue;
        }
        let prev = k.checked_sub(1).and_then(|p| found.get(p));
        let next = found.get(k + 1);
        let text = lines[o.line];
        let from = prev.filter(|p| p.line == o.line).map_or(0, |p| p.end);
        let to = next
            .filter(|n| n.line == o.line)
            .map_or(text.len(), |n| n.start);
        let before = &text[from..o.start];
        let after = &text[o.end..to];
        let has_url = |i: usize| with_url.contains(&i);
        let above = (from == 0)
            .then(|| (0..o.line).rev().find(|&i| !lines[i].trim().is_empty()))
            .flatten()
            .filter(|&i| !has_url(i))
            .map_or("", |i| lines[i]);
        let last_of_its_link = next.is_none_or(|n| n.url == o.url);
        let below: String = if last_of_its_link && to == text.len() {
            lines[o.line + 1..]
                .iter()
                .take_while(|l| !PATTERNS.url.is_match(l))
                .filter(|l| !l.trim().is_empty())
                .take(3)
                .copied()
                .collect::<Vec<_>>()
                .join("\n")
        } else {
            String::new()
        };
        let around = [after, before, above, below.as_str()];
        out.push(LargeAttachmentLink {
            url: o.url.clone(),
            name: name_of(before, above, &o.url),
            size: around.iter().find_map(|t| size_in(t)),
            expires: (around.iter().find_map(|t| expiry_in(t, sent)))
                .or_else(|| expiry_in_query(&o.url)),
        });
    }
    out
}

/// The file name: `名称.zip (215.3M…` on the link's line or the line above, else the
/// link's own text (the word just before the address), else the address's `title=`.
fn name_of(before: &str, above: &str, url: &str) -> Option<String> {
    let with_size = |t: &str| {
        let last = PATTERNS.name_with_size.captures_iter(t).last();
        last.map(|c| c[1].to_owned())
    };
    let label = before
        .split_whitespace()
        .last()
        .filter(|w| PATTERNS.file_name.is_match(w))
        .map(str::to_owned);
    with_size(before)
        .or(label)
        .or_else(|| with_size(above))
        .or_else(|| name_in_query(url))
}

fn name_in_query(url: &str) -> Option<String> {
    let query = url.split_once('?')?.1;
    query.split('&').find_map(|pair| {
        let (key, value) = pair.split_once('=')?;
        let wanted = matches!(
            key.to_ascii_lowercase().as_str(),
            "title" | "filename" | "name" | "fn"
        );
        let value = decode_bytes("utf-8", &percent_decode(&value.replace('+', " ")));
        (wanted && PATTERNS.file_name.is_match(value.trim())).then(|| value.trim().to_owned())
    })
}

/// The expiry a link carries as a parameter, when no line says it: NetEase's
/// `expiretime=` (milliseconds since 1970; seconds are taken too), in China time.
fn expiry_in_query(url: &str) -> Option<DateTime<FixedOffset>> {
    let query = url.split_once('?')?.1;
    let value = query.split('&').find_map(|pair| {
        let (key, value) = pair.split_once('=')?;
        key.eq_ignore_ascii_case("expiretime").then_some(value)
    })?;
    let number: i64 = value.trim().parse().ok()?;
    // Seconds until the year 2286 have at most 10 digits; milliseconds have 12 or more.
    let millis = if number < 100_000_000_000 {
        number.checked_mul(1000)?
    } else {
        number
    };
    let utc = chrono::DateTime::from_timestamp_millis(millis)?;
    Some(utc.with_timezone(&china()))
}

fn size_in(text: &str) -> Option<String> {
    let c = PATTERNS.size.captures(text)?;
    Some(c[1].split_whitespace().collect())
}

/// When a link expires, from a line that says so.
fn expiry_in(text: &str, sent: Option<DateTime<FixedOffset>>) -> Option<DateTime<FixedOffset>> {
    let line = text.lines().find(|l| PATTERNS.expiry.is_match(l))?;
    if let Some(c) = PATTERNS
        .date
        .captures(line)
        .or_else(|| PATTERNS.iso_date.captures(line))
    {
        return date_of(&c, sent);
    }
    let days: i64 = PATTERNS.days.captures(line)?["n"].parse().ok()?;
    sent.map(|s| s + Duration::days(days))
}

fn date_of(c: &Captures, sent: Option<DateTime<FixedOffset>>) -> Option<DateTime<FixedOffset>> {
    let number = |name: &str| c.name(name).and_then(|m| m.as_str().parse::<u32>().ok());
    let (month, day) = (number("m")?, number("d")?);
    let (hour, minute) = match (number("hh"), number("mm")) {
        (Some(h), Some(m)) => (h, m),
        _ => (23, 59),
    };
    let year = match c.name("y").and_then(|y| y.as_str().parse::<i32>().ok()) {
        Some(year) => year,
        None => {
            let sent = sent?;
            let same = NaiveDate::from_ymd_opt(sent.year(), month, day)?;
            // 1月5日 written in a mail of December is next January.
            if same < sent.date_naive() {
                sent.year() + 1
            } else {
                sent.year()
            }
        }
    };
    let local = NaiveDate::from_ymd_opt(year, month, day)?.and_hms_opt(hour, minute, 0)?;
    china().from_local_datetime(&local).single()
}

/// An HTML text as lines of text: block elements end a line, each link's address is
/// put after its text (`展板材料.zip https://…`), scripts, styles and comments are
/// dropped, and character references are decoded. Read in one pass: a comment or
/// script that never ends drops the rest, and a tag is never looked for past the next
/// `<`, so that no hostile text makes it slow.
pub(super) fn flatten_html(html: &str) -> String {
    static TAG: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^<(/?)([a-zA-Z][a-zA-Z0-9]*)\b([^<>]*)>").expect("valid"));
    let lower = html.to_ascii_lowercase();
    let mut out = String::with_capacity(html.len() / 2);
    let mut href: Option<String> = None;
    let mut at = 0;
    while let Some(lt) = html[at..].find('<').map(|i| at + i) {
        out.push_str(&entities(&html[at..lt]));
        let rest = &html[lt..];
        if rest.starts_with("<!--") {
            at = lower[lt..].find("-->").map_or(html.len(), |e| lt + e + 3);
            continue;
        }
        let Some(c) = TAG.captures(rest) else {
            out.push('<');
            at = lt + 1;
            continue;
        };
        at = lt + c[0].len();
        let tag = c[2].to_ascii_lowercase();
        let closing = !c[1].is_empty();
        if !closing && (tag == "script" || tag == "style") {
            let end = format!("</{tag}");
            at = lower[at..].find(&end).map_or(html.len(), |e| at + e);
        } else if tag == "a" {
            if let Some(h) = href.take() {
                out.push_str(&format!(" {h} "));
            }
            if !closing {
                href = href_of(&c[3]);
            }
        } else if is_block(&tag) {
            out.push('\n');
        } else if matches!(tag.as_str(), "td" | "th") {
            out.push(' ');
        }
    }
    out.push_str(&entities(&html[at..]));
    if let Some(h) = href {
        out.push_str(&format!(" {h} "));
    }
    out
}

/// The `href` of a tag's attributes, decoded.
fn href_of(attributes: &str) -> Option<String> {
    static HREF: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"(?i)\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"']+))"#).expect("valid")
    });
    let c = HREF.captures(attributes)?;
    let value = c.get(1).or(c.get(2)).or(c.get(3))?;
    Some(entities(value.as_str()))
}

fn is_block(tag: &str) -> bool {
    matches!(
        tag,
        "br" | "p"
            | "div"
            | "tr"
            | "li"
            | "ul"
            | "ol"
            | "table"
            | "tbody"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "hr"
            | "blockquote"
            | "pre"
            | "dt"
            | "dd"
            | "center"
            | "section"
            | "header"
            | "footer"
            | "title"
            | "body"
            | "html"
    )
}

/// Decodes the character references mail HTML uses.
fn entities(text: &str) -> String {
    static REFERENCE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|(amp|lt|gt|quot|apos|nbsp));")
            .expect("valid")
    });
    REFERENCE
        .replace_all(text, |c: &Captures| {
            let code = match (c.get(1), c.get(2), c.get(3)) {
                (Some(d), _, _) => d.as_str().parse::<u32>().ok(),
                (_, Some(x), _) => u32::from_str_radix(x.as_str(), 16).ok(),
                (_, _, Some(name)) => Some(match name.as_str() {
                    "amp" => '&' as u32,
                    "lt" => '<' as u32,
                    "gt" => '>' as u32,
                    "quot" => '"' as u32,
                    "apos" => '\'' as u32,
                    _ => ' ' as u32,
                }),
                _ => None,
            };
            code.and_then(char::from_u32).map_or_else(
                || c[0].to_owned(),
                |ch| {
                    if ch == '\u{a0}' {
                        " ".to_owned()
                    } else {
                        ch.to_string()
                    }
                },
            )
        })
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::super::read_mail;
    use super::super::tests::{html_part, mail, multipart, text_part};
    use super::*;

    fn sent() -> Option<DateTime<FixedOffset>> {
        DateTime::parse_from_rfc3339("2020-10-21T15:20:00+08:00").ok()
    }

    fn at(text: &str) -> Option<DateTime<FixedOffset>> {
        DateTime::parse_from_rfc3339(text).ok()
    }

    fn html(text: &str) -> Vec<Text> {
        vec![Text {
            html: true,
            text: text.to_owned(),
        }]
    }

    fn plain(text: &str) -> Vec<Text> {
        vec![Text {
            html: false,
            text: text.to_owned(),
        }]
    }

    const NETEASE: &str = "https://mail.163.com/large-attachment-download/index.html?p=X-NETEASE-HUGE-ATTACHMENT&amp;file=djAyZG1meTh2";

    /// The block 163 webmail writes: icon, name, size and expiry, download button.
    fn netease_html(url: &str, name: &str, tail: &str) -> String {
        format!(
            "<div style=\"padding:4px\"><div><b>从网易163邮箱发来的超大附件</b><a class=\"bigattach-mailmaster-download\" href=\"http://u.163.com/RcUwvU56g?spm=pos.free_webmail_1\">推荐客户端极速下载</a></div><div><div><div style=\"float:left;width:36px\"><a href=\"{url}\"></a></div><div><div><a href=\"{url}\">{name}</a><span style=\"color:#bbb\"> {tail}</span></div><div><a href=\"{url}\">下载</a></div></div></div></div></div>"
        )
    }

    #[test]
    fn a_netease_html_block_gives_one_link_with_name_size_and_expiry() {
        let block = netease_html(
            NETEASE,
            "展板材料.zip",
            "(215.3M, 2020年11月4日 15:20 到期)",
        );
        let links = find(&html(&block), sent());
        assert_eq!(
            links,
            [LargeAttachmentLink {
                url: NETEASE.replace("&amp;", "&"),
                name: Some("展板材料.zip".to_owned()),
                size: Some("215.3M".to_owned()),
                expires: at("2020-11-04T15:20:00+08:00"),
            }]
        );
    }

    #[test]
    fn the_plain_netease_text_with_two_links_gives_each_its_own_name() {
        let text = "从网易163邮箱发来的超大附件\r\n\r\n展板材料.zip (215.3M, 2020年11月4日 15:20 到期)\r\n进入下载页面：https://mail.163.com/large-attachment-download/index.html?file=AAA\r\n\r\n特色案例视频.mp4 (1.2G, 有效期至 2020年11月5日)\r\n进入下载页面：http://fs.126.com/ABC?file=BBB\r\n\r\n-- \r\n沈阳市社区教育中心 2020年10月21日\r\n";
        let links = find(&plain(text), sent());
        let got: Vec<(&str, Option<&str>, Option<&str>)> = links
            .iter()
            .map(|l| (l.url.as_str(), l.name.as_deref(), l.size.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                (
                    "https://mail.163.com/large-attachment-download/index.html?file=AAA",
                    Some("展板材料.zip"),
                    Some("215.3M")
                ),
                (
                    "http://fs.126.com/ABC?file=BBB",
                    Some("特色案例视频.mp4"),
                    Some("1.2G")
                ),
            ]
        );
        assert_eq!(links[0].expires, at("2020-11-04T15:20:00+08:00"));
        // A date without a time: the end of that day.
        assert_eq!(links[1].expires, at("2020-11-05T23:59:00+08:00"));
    }

    #[test]
    fn qq_mail_links_old_and_new_with_written_and_counted_expiry() {
        let old = "从QQ邮箱发来的超大附件\n\n先进典型.zip (56.70M, 2020年11月04日 15:20 到期)\n进入下载页面：http://mail.qq.com/cgi-bin/ftnExs_download?k=2b61616&t=exs_ftn_download&code=eaac8a28\n";
        let links = find(&plain(old), sent());
        assert_eq!(links.len(), 1);
        assert_eq!(links[0].name.as_deref(), Some("先进典型.zip"));
        assert_eq!(links[0].size.as_deref(), Some("56.70M"));
        assert_eq!(links[0].expires, at("2020-11-04T15:20:00+08:00"));
        let new = "<div>从QQ邮箱发来的超大附件</div><div><a href=\"https://wx.mail.qq.com/ftn/download?func=3&amp;key=9d99e661&amp;code=bffa6c29\">活动周视频.mp4</a></div><div>512.5M</div><div>30天后过期</div>";
        let links = find(&html(new), sent());
        assert_eq!(links.len(), 1);
        assert_eq!(
            links[0].url,
            "https://wx.mail.qq.com/ftn/download?func=3&key=9d99e661&code=bffa6c29"
        );
        assert_eq!(links[0].name.as_deref(), Some("活动周视频.mp4"));
        assert_eq!(links[0].size.as_deref(), Some("512.5M"));
        assert_eq!(links[0].expires, at("2020-11-20T15:20:00+08:00"));
        let station = "<p><a href=\"https://iwx.mail.qq.com/ftn/download?func=3&key=k\">总结.docx</a> 到期时间：2020-11-04 09:05</p>";
        let links = find(&html(station), sent());
        assert_eq!(links[0].expires, at("2020-11-04T09:05:00+08:00"));
        // Without the mail's date, a count of days says nothing.
        assert_eq!(find(&html(new), None)[0].expires, None);
    }

    #[test]
    fn without_a_line_that_says_it_the_expiry_comes_from_the_links_parameter() {
        let url = "https://mail.163.com/large-attachment-download/index.html?p=X&file=abc&expiretime=1604973600000";
        let text = format!("展板材料.zip\n{url}");
        let links = find(&plain(&text), sent());
        assert_eq!(links[0].expires, at("2020-11-10T10:00:00+08:00"));
        // The line wins when both say it; seconds are read too.
        let said = format!("展板材料.zip (215.3M, 2020年11月4日 15:20 到期)\n{url}");
        assert_eq!(
            find(&plain(&said), sent())[0].expires,
            at("2020-11-04T15:20:00+08:00")
        );
        let seconds = url.replace("1604973600000", "1604973600");
        let links = find(&plain(&format!("展板材料.zip\n{seconds}")), sent());
        assert_eq!(links[0].expires, at("2020-11-10T10:00:00+08:00"));
    }

    #[test]
    fn a_date_without_a_year_takes_the_mails_and_wraps_into_january() {
        let text = "展板.zip (2M, 1月5日 10:00 到期)\nhttps://mail.163.com/large-attachment-download/index.html?file=X\n";
        let december = DateTime::parse_from_rfc3339("2020-12-28T09:00:00+08:00").ok();
        assert_eq!(
            find(&plain(text), december)[0].expires,
            at("2021-01-05T10:00:00+08:00")
        );
        let october = text.replace("1月5日", "11月5日");
        assert_eq!(
            find(&plain(&october), sent())[0].expires,
            at("2020-11-05T10:00:00+08:00")
        );
    }

    #[test]
    fn other_addresses_are_not_large_attachments() {
        for url in [
            "http://u.163.com/RcUwvU56g",
            "https://mail.163.com/js6/main.jsp",
            "https://example.com/large-attachment-download/x",
            "https://mail.qq.com/cgi-bin/frame_html",
            "https://qq.com.evil.cn/ftn/download?x",
            "https://pan.baidu.com/s/1abc",
        ] {
            assert!(!is_large_attachment(url), "{url}");
        }
        for url in [
            "https://mail.126.com/large-attachment-download/index.html?file=a",
            "https://dashi.163.com/html/cloud-attachment-download/index.html?key=a",
            "http://fs.mail.163.com/x",
            "https://exmail.qq.com/cgi-bin/ftnExs_download?k=a",
        ] {
            assert!(is_large_attachment(url), "{url}");
        }
        let text = "见 https://pan.baidu.com/s/1abc 提取码 1234，或 http://u.163.com/x";
        assert!(find(&plain(text), sent()).is_empty());
    }

    #[test]
    fn a_mail_with_only_a_link_is_a_submission_without_attachments() {
        let block = netease_html(
            NETEASE,
            "展板材料.zip",
            "(215.3M, 2020年11月4日 15:20 到期)",
        );
        let text = "从网易163邮箱发来的超大附件\r\n展板材料.zip (215.3M, 2020年11月4日 15:20 到期)\r\n进入下载页面：https://mail.163.com/large-attachment-download/index.html?p=X-NETEASE-HUGE-ATTACHMENT&file=djAyZG1meTh2\r\n";
        let entity = multipart(
            "alternative",
            "alt",
            &[text_part(text), html_part(&block)],
            true,
        );
        let read = read_mail(&mail("沈阳市展板（超大附件）", &entity));
        assert!(read.attachments.is_empty());
        assert_eq!(read.not_submission, None);
        assert_eq!(read.links.len(), 1, "{:?}", read.links);
        assert_eq!(read.links[0].name.as_deref(), Some("展板材料.zip"));
        assert_eq!(read.links[0].expires, at("2020-11-04T15:20:00+08:00"));
    }

    #[test]
    fn html_is_flattened_with_addresses_after_their_text() {
        let flat = flatten_html(
            "<style>a{}</style><!-- <a href=x> --><p>甲&amp;乙&#x4E19;&nbsp;<a href='http://a/?x=1&amp;y=2'>名</a></p>",
        );
        assert_eq!(flat.trim(), "甲&乙丙 名 http://a/?x=1&y=2");
    }

    #[test]
    fn hostile_html_is_flattened_in_one_pass() {
        // An unclosed comment before every tag, and tags that never close: a search
        // for the leftmost match from each of them scans to the end, 10^11 steps here.
        let comments = format!("<p>名</p>{}", "<!--<b>".repeat(200_000));
        assert_eq!(flatten_html(&comments).trim(), "名");
        let open_tags = format!("{}<p>尾", "<a href=x ".repeat(150_000));
        assert!(flatten_html(&open_tags).ends_with("尾"));
        let script = format!(
            "前<script>{}",
            "<a href=https://mail.qq.com/ftn/download?x>".repeat(1000)
        );
        assert_eq!(flatten_html(&script), "前");
    }
}
