//! Text extraction: the body text of a .docx (from `word/document.xml` only) and of
//! plain .txt/.md files in whatever encoding Windows wrote them.
//!
//! Word stores a text box twice (a DrawingML version and a VML fallback inside
//! `mc:Fallback`); only the first is read. Tracked deletions (`w:del`, `w:moveFrom`)
//! are not text of the document and are skipped.

use std::io::{BufReader, Read, SeekFrom};

use quick_xml::events::Event;

use super::sheet::Sheet;
use super::wordcount::{self, Counts};
use super::{Facts, Failure, MAX_PART_BYTES, NotYetKind, ole};
use crate::codes::Code;
use crate::intake::ReadSeek;
use crate::msg;

#[derive(Debug, Clone)]
pub struct TextFacts {
    pub counts: Counts,
    pub text: String,
    /// Tables in the document, as rows of cell text.
    pub tables: Vec<Sheet>,
}

/// Extracts a document's text. An old .doc saved under a .docx name, and a document
/// of pictures only, are intact but unverifiable, not broken.
pub fn extract(reader: &mut dyn ReadSeek, ext: &str) -> Result<Facts, Failure> {
    let (text, tables) = match ext {
        "docx" | "docm" => {
            let body = match docx_body(reader) {
                Ok(body) => body,
                Err((code @ Code::FormatNotSupportedYet, note)) => {
                    return Ok(Facts::Unverified {
                        kind: NotYetKind::Document,
                        code,
                        note,
                    });
                }
                Err(failure) => return Err(failure),
            };
            if body.pictures > 0 && wordcount::count(&body.text).words == 0 {
                let pictures = body.pictures;
                return Ok(Facts::Unverified {
                    kind: NotYetKind::Document,
                    code: Code::DocumentImagesOnly,
                    note: msg!(
                        "文档里只有 {pictures} 张图片，没有文字（可能是扫描件），内容未核验；请提供文字版",
                        "the document holds {pictures} picture(s) and no text (a scan?), so it was not verified; send the text version"
                    ),
                });
            }
            (body.text, body.tables)
        }
        _ => {
            let mut bytes = Vec::new();
            reader
                .take(MAX_PART_BYTES)
                .read_to_end(&mut bytes)
                .map_err(|e| unreadable(&e.to_string()))?;
            (decode_text(&bytes), Vec::new())
        }
    };
    Ok(Facts::Text(TextFacts {
        counts: wordcount::count(&text),
        text,
        tables,
    }))
}

fn unreadable(why: &str) -> Failure {
    (
        Code::DocumentUnreadable,
        msg!("无法读取：{why}", "cannot be read: {why}"),
    )
}

/// Decodes a plain-text file: UTF-8 (with or without BOM), UTF-16 by its BOM, and
/// otherwise the encoding chardetng guesses for Chinese text (GB18030/GBK, Big5...).
pub fn decode_text(bytes: &[u8]) -> String {
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        return text.into_owned();
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return text.to_owned();
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let encoding = detector.guess(Some(b"cn"), chardetng::Utf8Detection::Deny);
    let (text, _, _) = encoding.decode(bytes);
    text.into_owned()
}

fn docx_body(reader: &mut dyn ReadSeek) -> Result<Body, Failure> {
    let mut magic = [0u8; 8];
    let n = super::read_up_to(reader, &mut magic);
    if n == 8 && magic == ole::MAGIC {
        if ole::is_encrypted(reader) {
            return Err((
                Code::DocumentEncrypted,
                msg!("文档设置了打开密码", "the document is password-protected"),
            ));
        }
        return Err((
            Code::FormatNotSupportedYet,
            msg!(
                "这其实是旧版 .doc 文件（扩展名写成了 .docx），内容未核验；如需核验，请用 Word 另存为 .docx",
                "this is an old .doc file named .docx, so its content was not verified; save it as .docx in Word to have it checked"
            ),
        ));
    }
    reader
        .seek(SeekFrom::Start(0))
        .map_err(|e| unreadable(&e.to_string()))?;
    let mut archive = zip::ZipArchive::new(reader).map_err(|_| {
        unreadable_zh_en(
            "不是有效的 .docx 文件（可能已损坏或下载不完整）",
            "not a valid .docx file (damaged or incompletely downloaded)",
        )
    })?;
    let part = archive.by_name("word/document.xml").map_err(|_| {
        unreadable_zh_en(
            "文件中缺少正文部分 word/document.xml",
            "the file has no body part (word/document.xml)",
        )
    })?;
    body_text(BufReader::new(part.take(MAX_PART_BYTES)))
}

fn unreadable_zh_en(zh: &str, en: &str) -> Failure {
    (Code::DocumentUnreadable, crate::findings::Msg::new(zh, en))
}

/// Body text and tables of a document, as collected by [`body_text`].
#[derive(Debug, Default)]
struct Body {
    text: String,
    /// Tables still open, innermost last: rows of cells, plus the cell being read.
    open_tables: Vec<(Vec<Vec<String>>, Option<String>)>,
    tables: Vec<Sheet>,
    /// Pictures and embedded objects in the body.
    pictures: usize,
}

impl Body {
    fn push_str(&mut self, s: &str) {
        self.text.push_str(s);
        if let Some((_, Some(cell))) = self.open_tables.last_mut() {
            cell.push_str(s);
        }
    }

    fn start(&mut self, local: &str) {
        match local {
            "drawing" | "pict" | "object" => self.pictures += 1,
            "tbl" => self.open_tables.push((Vec::new(), None)),
            "tr" => {
                if let Some((rows, _)) = self.open_tables.last_mut() {
                    rows.push(Vec::new());
                }
            }
            "tc" => {
                if let Some((_, cell)) = self.open_tables.last_mut() {
                    *cell = Some(String::new());
                }
            }
            _ => {}
        }
    }

    fn end(&mut self, local: &str) {
        match local {
            "p" => self.push_str("\n"),
            "tc" => {
                if let Some((rows, cell)) = self.open_tables.last_mut() {
                    let text = cell.take().unwrap_or_default().trim().to_owned();
                    if let Some(row) = rows.last_mut() {
                        row.push(text);
                    }
                }
            }
            "tbl" => {
                if let Some((rows, _)) = self.open_tables.pop() {
                    self.tables.push(Sheet {
                        name: String::new(),
                        rows,
                    });
                }
            }
            _ => {}
        }
    }
}

/// Walks WordprocessingML and collects the visible body text, one line per paragraph,
/// and the tables (a roster is often a Word table).
fn body_text(source: impl std::io::BufRead) -> Result<Body, Failure> {
    let mut xml = quick_xml::Reader::from_reader(source);
    let mut buf = Vec::new();
    let mut body = Body::default();
    // Depth inside skipped elements, and whether we are inside <w:t>.
    let mut skip_depth = 0usize;
    let mut in_t = false;
    loop {
        let event = xml.read_event_into(&mut buf).map_err(|e| {
            unreadable_zh_en(
                &format!("正文 XML 有错误：{e}"),
                &format!("the body XML is malformed: {e}"),
            )
        })?;
        match event {
            Event::Start(e) => {
                let name = e.local_name();
                let local = name.as_ref();
                if skip_depth > 0 || matches!(local, "Fallback" | "del" | "moveFrom") {
                    skip_depth += 1;
                } else if local == "t" {
                    in_t = true;
                } else {
                    body.start(local);
                }
            }
            Event::End(e) => {
                if skip_depth > 0 {
                    skip_depth -= 1;
                } else {
                    match e.local_name().as_ref() {
                        "t" => in_t = false,
                        local => body.end(local),
                    }
                }
            }
            Event::Empty(e) if skip_depth == 0 => match e.local_name().as_ref() {
                "tab" => body.push_str("\t"),
                "br" | "cr" => body.push_str("\n"),
                "noBreakHyphen" | "softHyphen" => body.push_str("-"),
                // An empty cell still takes its place in the row.
                "tc" => {
                    body.start("tc");
                    body.end("tc");
                }
                _ => {}
            },
            Event::Text(e) if in_t && skip_depth == 0 => {
                body.push_str(&e.xml10_content());
            }
            Event::CData(e) if in_t && skip_depth == 0 => {
                body.push_str(&e.xml10_content());
            }
            Event::GeneralRef(r) if in_t && skip_depth == 0 => {
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    _ => match r.as_ref() {
                        "amp" => Some('&'),
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "quot" => Some('"'),
                        "apos" => Some('\''),
                        _ => None,
                    },
                };
                if let Some(c) = c {
                    body.push_str(c.encode_utf8(&mut [0; 4]));
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(body)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(inner: &str) -> String {
        let xml = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>{inner}</w:body></w:document>"#
        );
        body_text(xml.as_bytes()).unwrap().text
    }

    #[test]
    fn runs_join_and_paragraphs_split() {
        let t = body(
            "<w:p><w:r><w:t>Hel</w:t></w:r><w:r><w:t>lo</w:t></w:r></w:p><w:p><w:r><w:t>世界</w:t></w:r></w:p>",
        );
        assert_eq!(t, "Hello\n世界\n");
    }

    #[test]
    fn text_box_fallback_and_deletions_are_skipped() {
        let t = body(
            "<w:p><w:r><mc:AlternateContent><mc:Choice><w:txbxContent><w:p><w:r><w:t>框内文字</w:t></w:r></w:p></w:txbxContent></mc:Choice>\
             <mc:Fallback><w:txbxContent><w:p><w:r><w:t>框内文字</w:t></w:r></w:p></w:txbxContent></mc:Fallback></mc:AlternateContent></w:r>\
             <w:del><w:r><w:delText>删掉的</w:delText></w:r></w:del><w:r><w:t>留下</w:t></w:r></w:p>",
        );
        assert_eq!(wordcount::count(&t).words, 6, "{t:?}");
    }

    #[test]
    fn tables_are_collected_with_empty_cells() {
        let xml = r#"<w:document xmlns:w="w"><w:body><w:tbl><w:tr><w:tc><w:p><w:r><w:t>序号</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>姓名</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:tc><w:p/></w:tc><w:tc><w:p><w:r><w:t>王</w:t></w:r><w:r><w:t>丽</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>"#;
        let body = body_text(xml.as_bytes()).unwrap();
        assert_eq!(body.tables.len(), 1);
        assert_eq!(
            body.tables[0].rows,
            [vec!["序号", "姓名"], vec!["", "王丽"]]
        );
    }

    #[test]
    fn entities_are_resolved() {
        let t = body("<w:p><w:r><w:t>A&amp;B &#x4E2D;</w:t></w:r></w:p>");
        assert_eq!(t, "A&B 中\n");
    }

    #[test]
    fn decodes_gbk_utf16_and_utf8_bom() {
        let sample = "全民终身学习活动周展板文字，社区居民踊跃参加读书会。";
        let (gbk, _, _) = encoding_rs::GBK.encode(sample);
        assert_eq!(decode_text(&gbk), sample);
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(sample.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode_text(&utf16), sample);
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend(sample.as_bytes());
        assert_eq!(decode_text(&bom), sample);
    }
}
