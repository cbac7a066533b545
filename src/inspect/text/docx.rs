//! .docx (and .docm, strict OOXML, WPS-written files): the text Word's 字数统计
//! counts, read from the main document part and, per [`ReadOptions`], the footnote,
//! endnote, header and footer parts. Nothing else in the package is read.
//!
//! Word stores a text box twice (a DrawingML version and a VML fallback inside
//! `mc:Fallback`); only the first is read. Tracked deletions (`w:del`, `w:moveFrom`)
//! are not text of the document and are skipped; field codes (`w:instrText`) are not
//! text either, while field results are.

use std::io::{BufReader, Read, Seek};

use quick_xml::events::Event;

use super::super::sheet::Sheet;
use super::super::{Failure, MAX_PART_BYTES, ReadOptions};
use super::unreadable;
use crate::codes::Code;

/// The main document part's path: from the package relationships, which strict OOXML
/// and some generators use to put it somewhere other than `word/document.xml`.
fn main_part<R: Read + Seek>(zip: &mut zip::ZipArchive<R>) -> String {
    const DEFAULT: &str = "word/document.xml";
    let Ok(rels) = zip.by_name("_rels/.rels") else {
        return DEFAULT.to_owned();
    };
    let mut xml = quick_xml::Reader::from_reader(BufReader::new(rels.take(MAX_PART_BYTES)));
    let mut buf = Vec::new();
    loop {
        match xml.read_event_into(&mut buf) {
            Ok(Event::Empty(e) | Event::Start(e)) if e.local_name().as_ref() == "Relationship" => {
                let attr = |name: &str| {
                    e.attributes()
                        .flatten()
                        .find(|a| a.key.local_name().as_ref() == name)
                        .map(|a| a.value.to_string())
                };
                if attr("Type").is_some_and(|t| t.ends_with("/officeDocument"))
                    && let Some(target) = attr("Target")
                {
                    return target.trim_start_matches('/').to_owned();
                }
            }
            Ok(Event::Eof) | Err(_) => return DEFAULT.to_owned(),
            _ => {}
        }
        buf.clear();
    }
}

/// Reads the counted text of a Word package: the main part, then the notes and the
/// headers and footers as `options` ask.
pub(super) fn read<R: Read + Seek>(
    zip: &mut zip::ZipArchive<R>,
    options: &ReadOptions,
) -> Result<Body, Failure> {
    let main = main_part(zip);
    let limit = options.read_limit;
    let part = crate::inspect::package::zip_part(zip, &main, limit, Code::DocumentUnreadable)?
        .ok_or_else(|| unreadable(msg!("docx-no-body")))?;
    let mut body = Body::default();
    body_text(&part[..], &mut body)?;
    let folder = main.rsplit_once('/').map_or("", |(f, _)| f).to_owned();
    let extra: Vec<String> = zip
        .file_names()
        .filter_map(Result::ok)
        .map(|name| name.into_owned())
        .filter(|name| {
            let Some(file) = name.strip_prefix(&folder).and_then(|n| n.strip_prefix('/')) else {
                return false;
            };
            let notes = file == "footnotes.xml" || file == "endnotes.xml";
            let running = (file.starts_with("header") || file.starts_with("footer"))
                && file.ends_with(".xml");
            (options.notes && notes) || (options.headers_footers && running)
        })
        .collect();
    for name in extra {
        if let Some(part) =
            crate::inspect::package::zip_part(zip, &name, limit, Code::DocumentUnreadable)?
        {
            // Notes and headers hold no roster; their tables are not collected.
            let mut notes = Body::default();
            body_text(&part[..], &mut notes)?;
            body.text.push_str(&notes.text);
        }
    }
    Ok(body)
}

/// Word's heading styles by style id: "Heading1" in English Word, "1", "2"... in
/// Chinese Word and WPS (标题 1), "Title".
fn is_heading_style(id: &str) -> bool {
    let id = id.to_lowercase().replace(' ', "");
    matches!(id.as_str(), "1" | "2" | "3" | "title")
        || id
            .strip_prefix("heading")
            .is_some_and(|n| matches!(n, "1" | "2" | "3"))
        || id
            .strip_prefix(crate::vocabulary::WORDS.documents.heading_style.as_str())
            .is_some_and(|n| matches!(n, "1" | "2" | "3" | ""))
}

/// Body text and tables of a document, as collected by [`body_text`].
#[derive(Debug, Default)]
pub(super) struct Body {
    pub(super) text: String,
    /// Tables still open, innermost last: rows of cells, plus the cell being read.
    open_tables: Vec<(Vec<Vec<String>>, Option<String>)>,
    pub(super) tables: Vec<Sheet>,
    /// Pictures and embedded objects in the body.
    pub(super) pictures: usize,
    /// Lines (paragraphs) of `text` in a heading style.
    pub(super) headings: Vec<usize>,
    /// Line breaks in `text` so far: the index of the paragraph being read.
    lines: usize,
}

impl Body {
    fn push_str(&mut self, s: &str) {
        self.lines += s.matches('\n').count();
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
                        rows,
                        first_row: 1,
                        ..Sheet::default()
                    });
                }
            }
            _ => {}
        }
    }
}

/// Walks WordprocessingML and collects the visible body text, one line per paragraph,
/// and the tables (a roster is often a Word table).
fn body_text(source: impl std::io::BufRead, body: &mut Body) -> Result<(), Failure> {
    let mut xml = quick_xml::Reader::from_reader(source);
    let mut buf = Vec::new();
    // Depth inside skipped elements, and whether we are inside <w:t>.
    let mut skip_depth = 0usize;
    let mut in_t = false;
    loop {
        let event = xml
            .read_event_into(&mut buf)
            .map_err(|e| unreadable(msg!("docx-xml-malformed", e)))?;
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
                // A symbol-font character (Wingdings, Symbol): one character, not CJK.
                "sym" => body.push_str("\u{F0B7}"),
                "drawing" | "pict" | "object" => body.pictures += 1,
                "pStyle" => {
                    let style = e
                        .attributes()
                        .flatten()
                        .find(|a| a.key.local_name().as_ref() == "val")
                        .map(|a| a.value.to_string())
                        .unwrap_or_default();
                    if is_heading_style(&style) && body.headings.last() != Some(&body.lines) {
                        body.headings.push(body.lines);
                    }
                }
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
                if let Some(c) = super::entity(&r) {
                    body.push_str(c.encode_utf8(&mut [0; 4]));
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inspect::wordcount;

    fn body(inner: &str) -> String {
        let xml = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>{inner}</w:body></w:document>"#
        );
        let mut body = Body::default();
        body_text(xml.as_bytes(), &mut body).unwrap();
        body.text
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
        let mut body = Body::default();
        body_text(xml.as_bytes(), &mut body).unwrap();
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
}
