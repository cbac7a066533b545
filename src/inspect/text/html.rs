//! Web pages (.html, .htm, .xhtml): a WeChat 公众号 article or a news page saved by a
//! browser ("网页，全部", with its `NAME_files/` folder beside it), or a document saved
//! by Word or WPS as a web page. The text a reader of the page sees, one line per
//! block (paragraph, heading, list item, table row).
//!
//! Scripts, styles, `<noscript>` and `<template>` content, comments and tags are not
//! text. A WeChat article keeps its text in `<div id="js_content">`: when a page has
//! one, only that and the article's title count, not the page around it (the
//! account's name, "微信扫一扫关注该公众号", "阅读原文"). The `<title>` of any other page
//! is the browser tab's, not the page's.
//!
//! The scanner is tolerant, as browsers are: it needs no well-formed markup and builds
//! no tree, so its cost is linear in the page's size. It is not a full HTML parser:
//! elements hidden by style are read like the rest.

use encoding_rs::Encoding;

use super::super::{Facts, Failure, ReadOptions};
use super::entities::entities;
use super::{TextFacts, decode_text, pictures_only, read_whole, unreadable};
use crate::intake::ReadSeek;

/// Bytes at the start of a page searched for its `<meta charset>`.
const PRESCAN: usize = 4096;

/// The `id` of the element holding a WeChat article's text.
const ARTICLE_ID: &str = "js_content";

/// Elements whose content is raw text up to their end tag, never markup.
const RAW: &[&str] = &[
    "script", "style", "noscript", "template", "textarea", "title", "xmp", "iframe", "noembed",
    "noframes",
];

/// Elements that begin and end a line.
const BLOCKS: &str = "address article aside blockquote caption center dd details dialog div dl dt \
    fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre \
    section summary table tbody thead tfoot tr ul";

/// Elements that never have an end tag.
const VOID: &str = "area base br col embed hr img input link meta source track wbr";

/// Whether `name` is one of the space-separated `names`.
fn one_of(names: &str, name: &str) -> bool {
    names.split_ascii_whitespace().any(|n| n == name)
}

/// What a page shows: its text and its pictures.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Page {
    pub(super) text: String,
    pub(super) pictures: usize,
}

/// Whether a file's first bytes are a web page: markup that names itself HTML, in
/// any encoding with a BOM. A comment or an XML declaration first (a page saved by
/// Internet Explorer, XHTML) must be followed by `<html`.
pub(super) fn looks_like(head: &[u8]) -> bool {
    let text = match Encoding::for_bom(head) {
        Some((encoding, bom)) => encoding.decode_without_bom_handling(&head[bom..]).0,
        None => String::from_utf8_lossy(head),
    };
    let lower = text.trim_start().to_ascii_lowercase();
    let starts = [
        "<!doctype html",
        "<html",
        "<head",
        "<body",
        "<meta",
        "<title",
    ];
    if starts.iter().any(|s| lower.starts_with(s)) {
        return true;
    }
    (lower.starts_with("<!--") || lower.starts_with("<?xml")) && lower.contains("<html")
}

pub(super) fn extract(reader: &mut dyn ReadSeek, options: &ReadOptions) -> Result<Facts, Failure> {
    let bytes = read_whole(reader, options)?;
    if Encoding::for_bom(&bytes).is_none() && bytes.contains(&0) {
        return Err(unreadable(msg!("text-binary")));
    }
    Ok(facts(read(&bytes, None), "html"))
}

/// The facts of a page: its text, or a page of pictures only.
pub(super) fn facts(page: Page, format: &'static str) -> Facts {
    let text = TextFacts::new(page.text, Vec::new(), format).with_pictures(page.pictures);
    if text.counts.words == 0 && page.pictures > 0 {
        return pictures_only(page.pictures);
    }
    Facts::Text(text)
}

/// Reads a page's bytes, in `charset` when its container names one (an .mht part).
pub(super) fn read(bytes: &[u8], charset: Option<&'static Encoding>) -> Page {
    scan(&decode(bytes, charset))
}

/// The encoding a page is in: a BOM, then the charset its container names, then its
/// own `<meta charset>`; otherwise UTF-8 when the bytes are, or chardetng's guess.
fn decode(bytes: &[u8], charset: Option<&'static Encoding>) -> String {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        return encoding
            .decode_without_bom_handling(&bytes[bom..])
            .0
            .into_owned();
    }
    let declared = charset.or_else(|| {
        // A page cannot declare UTF-16 for itself: its bytes are ASCII-compatible.
        meta_charset(&bytes[..bytes.len().min(PRESCAN)]).map(|e| {
            if e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE {
                encoding_rs::UTF_8
            } else {
                e
            }
        })
    });
    match declared {
        // A page declared UTF-8 but not UTF-8 was saved by a tool that lied.
        Some(e) if e != encoding_rs::UTF_8 || std::str::from_utf8(bytes).is_ok() => {
            e.decode_without_bom_handling(bytes).0.into_owned()
        }
        _ => decode_text(bytes),
    }
}

/// The encoding a label names. GB2312 and GBK pages are read as GB18030, their
/// superset, which also holds the characters other tools slip into them.
pub(super) fn encoding_for(label: &str) -> Option<&'static Encoding> {
    let encoding = Encoding::for_label(label.trim().as_bytes())?;
    Some(if encoding == encoding_rs::GBK {
        encoding_rs::GB18030
    } else {
        encoding
    })
}

/// The charset a page declares at its start: `<meta charset=...>`, `<meta
/// http-equiv="Content-Type" content="text/html; charset=...">`, or an XML declaration's
/// `encoding`.
fn meta_charset(head: &[u8]) -> Option<&'static Encoding> {
    let lower = String::from_utf8_lossy(head).to_ascii_lowercase();
    let value_after = |text: &str, key: &str| -> Option<&'static Encoding> {
        let at = text.find(key)? + key.len();
        let rest = text[at..].trim_start().strip_prefix('=')?.trim_start();
        let rest = rest.trim_start_matches(['"', '\'']);
        let end = rest
            .find(|c: char| matches!(c, '"' | '\'' | ';' | '>' | '/') || c.is_whitespace())
            .unwrap_or(rest.len());
        encoding_for(&rest[..end])
    };
    if lower.trim_start().starts_with("<?xml") {
        let declaration = &lower[..lower.find("?>").unwrap_or(lower.len())];
        if let Some(e) = value_after(declaration, "encoding") {
            return Some(e);
        }
    }
    let mut from = 0;
    while let Some(at) = lower[from..].find("<meta") {
        let start = from + at;
        let end = lower[start..].find('>').map_or(lower.len(), |e| start + e);
        if let Some(e) = value_after(&lower[start..end], "charset") {
            return Some(e);
        }
        from = end;
    }
    None
}

/// The text and pictures of a decoded page.
fn scan(html: &str) -> Page {
    let lower = html.to_ascii_lowercase();
    let bytes = html.as_bytes();
    let mut page = Scan::default();
    let mut i = 0;
    while i < bytes.len() {
        let Some(lt) = html[i..].find('<').map(|at| i + at) else {
            page.text(&html[i..]);
            break;
        };
        page.text(&html[i..lt]);
        let rest = &lower[lt..];
        let next = bytes.get(lt + 1).copied().unwrap_or(0);
        i = if rest.starts_with("<!--") {
            lower[lt + 4..]
                .find("-->")
                .map_or(bytes.len(), |e| lt + 4 + e + 3)
        } else if next == b'!' || next == b'?' {
            lower[lt..].find('>').map_or(bytes.len(), |e| lt + e + 1)
        } else if next == b'/' {
            let (name, after) = tag_name(&lower, lt + 2);
            page.end(name);
            lower[after..]
                .find('>')
                .map_or(bytes.len(), |e| after + e + 1)
        } else if next.is_ascii_alphabetic() {
            start_tag(html, &lower, lt, &mut page)
        } else {
            page.text("<");
            lt + 1
        };
    }
    page.finish()
}

/// A tag's name (lower case) starting at `at`, and where it ends.
fn tag_name(lower: &str, at: usize) -> (&str, usize) {
    let end = lower[at..]
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, ':' | '-' | '_')))
        .map_or(lower.len(), |e| at + e);
    (&lower[at..end], end)
}

/// Reads the start tag at `lt` (and a raw element's content up to its end tag);
/// returns where scanning goes on.
fn start_tag(html: &str, lower: &str, lt: usize, page: &mut Scan) -> usize {
    let (name, after) = tag_name(lower, lt + 1);
    let close = tag_end(html.as_bytes(), after);
    let attrs = &html[after..close];
    let self_closing = attrs.trim_end().ends_with('/');
    page.start(name, attrs, self_closing);
    let resume = (close + 1).min(html.len());
    if !RAW.contains(&name) || self_closing {
        return resume;
    }
    let end_tag = format!("</{name}");
    let content_end = lower[resume..]
        .find(&end_tag)
        .map_or(html.len(), |e| resume + e);
    page.raw(name, &html[resume..content_end]);
    page.end(name);
    lower[content_end..]
        .find('>')
        .map_or(html.len(), |e| content_end + e + 1)
}

/// The index of the `>` ending a tag whose attributes start at `i`: a `>` inside a
/// quoted attribute value does not end it.
fn tag_end(bytes: &[u8], mut i: usize) -> usize {
    let mut quote = None;
    let mut after_equals = false;
    while i < bytes.len() {
        let b = bytes[i];
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'>' => return i,
            None if after_equals && (b == b'"' || b == b'\'') => quote = Some(b),
            None => {}
        }
        if quote.is_none() {
            after_equals = b == b'=' || (after_equals && b.is_ascii_whitespace());
        }
        i += 1;
    }
    bytes.len()
}

/// The value of attribute `name` in a tag's attribute text, entities decoded.
fn attribute(attrs: &str, name: &str) -> Option<String> {
    let mut rest = attrs;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == '/');
        if rest.is_empty() {
            return None;
        }
        let key_end = rest
            .find(|c: char| c.is_ascii_whitespace() || c == '=' || c == '/')
            .unwrap_or(rest.len());
        let key = &rest[..key_end];
        rest = rest[key_end..].trim_start();
        let mut value = "";
        if let Some(after) = rest.strip_prefix('=') {
            let after = after.trim_start();
            let (v, tail) = match after.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let end = after[1..].find(q).map_or(after.len(), |e| e + 1);
                    (&after[1..end], after.get(end + 1..).unwrap_or(""))
                }
                _ => {
                    let end = after
                        .find(|c: char| c.is_ascii_whitespace())
                        .unwrap_or(after.len());
                    (&after[..end], &after[end..])
                }
            };
            value = v;
            rest = tail;
        }
        if key.eq_ignore_ascii_case(name) {
            return Some(entities(value).into_owned());
        }
    }
}

/// What the scan has seen so far.
#[derive(Default)]
struct Scan {
    /// The text of the whole page, and the pictures on it.
    body: String,
    pictures: usize,
    /// A WeChat article's text once its element is found, and that element's name and
    /// nesting while the scan is inside it.
    article: Option<String>,
    inside: Option<(String, usize)>,
    article_pictures: usize,
    /// The first `<h1>` outside the article, and whether the scan is inside it.
    heading: Option<String>,
    in_heading: bool,
    title: String,
}

impl Scan {
    fn push(&mut self, s: &str) {
        self.body.push_str(s);
        if self.inside.is_some()
            && let Some(article) = &mut self.article
        {
            article.push_str(s);
        }
        if self.in_heading
            && let Some(heading) = &mut self.heading
        {
            heading.push_str(s);
        }
    }

    fn text(&mut self, raw: &str) {
        if raw.is_empty() {
            return;
        }
        let decoded = entities(raw);
        // Runs of white space in markup show as one space.
        let mut collapsed = String::with_capacity(decoded.len());
        for (n, piece) in decoded.split(|c: char| c.is_ascii_whitespace()).enumerate() {
            if n > 0 && !collapsed.ends_with(' ') {
                collapsed.push(' ');
            }
            collapsed.push_str(piece);
        }
        self.push(&collapsed);
    }

    fn start(&mut self, name: &str, attrs: &str, self_closing: bool) {
        let opens = !self_closing && !one_of(VOID, name);
        if let Some((tag, depth)) = &mut self.inside {
            if tag == name && opens {
                *depth += 1;
            }
        } else if self.article.is_none()
            && opens
            && attribute(attrs, "id").is_some_and(|id| id.trim() == ARTICLE_ID)
        {
            self.article = Some(String::new());
            self.inside = Some((name.to_owned(), 1));
        }
        match name {
            "img" => {
                self.pictures += 1;
                if self.inside.is_some() {
                    self.article_pictures += 1;
                }
            }
            "br" => self.push("\n"),
            "td" | "th" => self.push(" "),
            "h1" if self.heading.is_none() && self.inside.is_none() => {
                self.heading = Some(String::new());
                self.in_heading = opens;
                self.push("\n");
            }
            _ if one_of(BLOCKS, name) => self.push("\n"),
            _ => {}
        }
    }

    fn end(&mut self, name: &str) {
        if one_of(BLOCKS, name) {
            self.push("\n");
        }
        if name == "h1" {
            self.in_heading = false;
        }
        if let Some((tag, depth)) = &mut self.inside
            && tag == name
        {
            *depth -= 1;
            if *depth == 0 {
                self.inside = None;
            }
        }
    }

    /// The content of a raw-text element: a title, or a text area's text.
    fn raw(&mut self, name: &str, content: &str) {
        match name {
            "title" if self.title.is_empty() => self.title = entities(content).into_owned(),
            "textarea" => self.text(content),
            _ => {}
        }
    }

    fn finish(self) -> Page {
        let (text, pictures) = match self.article {
            Some(article) => {
                let heading = self
                    .heading
                    .filter(|h| !h.trim().is_empty())
                    .unwrap_or(self.title);
                (format!("{heading}\n{article}"), self.article_pictures)
            }
            None => (self.body, self.pictures),
        };
        let lines: Vec<&str> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        Page {
            text: lines.join("\n"),
            pictures,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inspect::wordcount;

    const ARTICLE: &str = "社区居民积极参加终身学习活动。";

    /// A WeChat article as Chrome saves it ("网页，全部").
    fn wechat(charset: &str) -> String {
        format!(
            r#"<!DOCTYPE html>
<!-- saved from url=(0045)https://mp.weixin.qq.com/s/AbCdEfGhIjKlMnOpQr -->
<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>终身学习活动周</title>
<style>.rich_media_title {{ font-size: 22px; }} /* 样式不计 */</style>
<script>var msg_title = "脚本里的标题不计"; if (a < b && c > d) {{ x = "</div>"; }}</script>
</head><body id="activity-detail">
<div class="rich_media_area_primary">
<h1 class="rich_media_title " id="activity-name">
  沈阳市终身学习活动周
</h1>
<div id="meta_content"><a id="js_name">沈阳社区教育</a></div>
<div class="rich_media_content " id="js_content" style="visibility: hidden;">
<section><p>{ARTICLE}</p><p><img data-src="a.jpg" src="./a_files/640.jpeg"></p>
<div><p>Hello&nbsp;World&amp;社区</p></div><noscript>请开启脚本</noscript>
<!-- 注释不计 --><p>第二段<br>换行</p></section>
</div>
<div id="js_pc_qr_code"><p>微信扫一扫关注该公众号</p></div>
<a id="js_view_source">阅读原文</a>
</div></body></html>"#
        )
    }

    #[test]
    fn a_wechat_article_is_its_title_and_its_content_only() {
        let page = read(wechat("utf-8").as_bytes(), None);
        assert_eq!(
            page.text,
            format!("沈阳市终身学习活动周\n{ARTICLE}\nHello\u{A0}World&社区\n第二段\n换行")
        );
        assert_eq!(page.pictures, 1);
        // GB2312 declared in the page, GBK bytes (with a character outside GB2312).
        let gbk = wechat("gb2312").replace("第二段", "第二段镕");
        let (bytes, _, _) = encoding_rs::GBK.encode(&gbk);
        let page = read(&bytes, None);
        assert!(page.text.contains("第二段镕"), "{}", page.text);
        assert_eq!(wordcount::count(&page.text).words, 10 + 15 + 4 + 4 + 2);
    }

    #[test]
    fn an_ordinary_page_is_its_body_text_without_its_title() {
        let html = "<html><head><title>标签页标题</title></head><body><h2>通知</h2><ul><li>一</li><li>二</li></ul><table><tr><td>甲</td><td>乙</td></tr></table>文字&#x4E2D;&#20013;&#150;&unknown;&lt</body></html>";
        let page = read(html.as_bytes(), None);
        assert_eq!(page.text, "通知\n一\n二\n甲 乙\n文字中中–&unknown;<");
    }

    #[test]
    fn encodings_by_bom_container_meta_or_guess() {
        let text = "<html><body><p>终身学习</p></body></html>";
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        assert!(looks_like(&utf16));
        assert_eq!(read(&utf16, None).text, "终身学习");
        let (gbk, _, _) = encoding_rs::GBK.encode(text);
        assert_eq!(read(&gbk, None).text, "终身学习", "guessed");
        assert_eq!(read(&gbk, encoding_for("gb2312")).text, "终身学习");
        let declared = format!("<?xml version=\"1.0\" encoding=\"GBK\"?>{text}");
        let (gbk, _, _) = encoding_rs::GBK.encode(&declared);
        assert_eq!(read(&gbk, None).text, "终身学习");
        // Declared UTF-8 but written in GBK: the bytes win.
        let lying = format!("<meta charset=\"utf-8\">{text}");
        let (gbk, _, _) = encoding_rs::GBK.encode(&lying);
        assert_eq!(read(&gbk, None).text, "终身学习");
    }

    #[test]
    fn what_looks_like_a_page() {
        for head in [
            "<!DOCTYPE html><html>",
            "\r\n  <HTML xmlns:v=\"urn:schemas-microsoft-com:vml\">",
            "<!-- saved from url=(0014)about:internet -->\r\n<html>",
            "<?xml version=\"1.0\"?><!DOCTYPE html><html xmlns=\"http://www.w3.org/1999/xhtml\">",
            "\u{FEFF}<meta charset=\"utf-8\">",
        ] {
            assert!(looks_like(head.as_bytes()), "{head}");
        }
        for head in [
            "<?xml version=\"1.0\"?><w:document>",
            "社区居民",
            "<!-- only a comment -->",
        ] {
            assert!(!looks_like(head.as_bytes()), "{head}");
        }
    }

    #[test]
    fn hostile_markup_ends_and_reads_what_it_can() {
        for html in [
            "<",
            "<html><p>文字<",
            "<html><!-- 没有结束的注释",
            "<html><script>没有结束的脚本",
            "<html><p title=\"没有结束的引号>文字</p>",
            "<html></",
            "<html>&#xFFFFFFFFFF;&#0;&#;&",
            "<html><div id=js_content><div><div>",
        ] {
            let _ = read(html.as_bytes(), None);
        }
        assert_eq!(read(b"<html>&#xFFFFFF;&#0;", None).text, "\u{FFFD}\u{FFFD}");
        // Deep nesting costs nothing: there is no tree.
        let deep = format!(
            "<html>{}字{}",
            "<div>".repeat(100_000),
            "</div>".repeat(100_000)
        );
        assert_eq!(read(deep.as_bytes(), None).text, "字");
        // A page of pictures only.
        let pictures =
            "<html><body><div id=\"js_content\"><img src=a.jpg><img src=b.jpg></div></body></html>";
        let page = read(pictures.as_bytes(), None);
        assert_eq!((page.text.as_str(), page.pictures), ("", 2));
        assert!(matches!(facts(page, "html"), Facts::Unverified { .. }));
        assert_eq!(
            attribute(r#" a='x>' id = "js_content" /"#, "ID").as_deref(),
            Some("js_content")
        );
        assert_eq!(attribute("=x id", "id").as_deref(), Some(""));
    }
}
