//! .pptx (PowerPoint 2007 and later; .ppsx shows, .potx templates, and WPS .dps saved
//! as Office Open XML): the text on the slides, in the deck's order, one line per
//! paragraph, and the pictures placed on them.
//!
//! Only the slide parts are read. Speaker notes are never shown on a board and are not
//! counted; layouts and masters hold the prompts of empty placeholders ("Click to edit
//! Master title style"), never text of the deck. Text kept in parts of its own
//! (SmartArt, charts) is not read. A picture's fallback copy (`mc:Fallback`) is skipped,
//! as in .docx.

use std::collections::{HashMap, HashSet};
use std::io::{Read, Seek};

use quick_xml::events::Event;

use super::super::{Failure, ReadOptions};
use super::unreadable;
use crate::codes::Code;
use crate::inspect::package::zip_part;

const PRESENTATION: &str = "ppt/presentation.xml";
const PRESENTATION_RELS: &str = "ppt/_rels/presentation.xml.rels";

/// The text and pictures of a deck's slides.
#[derive(Debug, Default)]
pub(super) struct Deck {
    pub(super) text: String,
    pub(super) pictures: usize,
}

/// Reads the slides of a presentation package in the deck's order.
pub(super) fn read<R: Read + Seek>(
    zip: &mut zip::ZipArchive<R>,
    options: &ReadOptions,
) -> Result<Deck, Failure> {
    let limit = options.read_limit;
    let mut order = ordered_slides(zip, limit)?;
    if order.is_empty() {
        order = numbered_slides(zip);
    }
    let mut deck = Deck::default();
    for name in order {
        let Some(part) = zip_part(zip, &name, limit, Code::DocumentUnreadable)? else {
            continue;
        };
        slide_text(&part[..], &mut deck)?;
        if deck.text.len() as u64 > limit {
            let mb = limit / 1024 / 1024;
            return Err((Code::FileOverReadLimit, msg!("file-over-read-limit", mb)));
        }
    }
    Ok(deck)
}

/// The slide parts in the order `presentation.xml` lists them (`p:sldIdLst`), through
/// the relationships of that part. Empty when either part says nothing usable.
fn ordered_slides<R: Read + Seek>(
    zip: &mut zip::ZipArchive<R>,
    limit: u64,
) -> Result<Vec<String>, Failure> {
    let Some(presentation) = zip_part(zip, PRESENTATION, limit, Code::DocumentUnreadable)? else {
        return Ok(Vec::new());
    };
    let Some(rels) = zip_part(zip, PRESENTATION_RELS, limit, Code::DocumentUnreadable)? else {
        return Ok(Vec::new());
    };
    let targets = slide_targets(&rels[..]);
    let mut seen = HashSet::new();
    Ok(slide_ids(&presentation[..])
        .into_iter()
        .filter_map(|id| targets.get(&id).cloned())
        .filter(|name| zip.index_for_name(name).is_some() && seen.insert(name.clone()))
        .collect())
}

/// The relationship ids of the slides, in `p:sldIdLst` order. Only a prefixed `id`
/// (`r:id`) names a relationship; the bare `id` is the slide's number.
fn slide_ids(xml: &[u8]) -> Vec<String> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut ids = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Empty(e) | Event::Start(e)) if e.local_name().as_ref() == "sldId" => {
                let id = e
                    .attributes()
                    .flatten()
                    .find(|a| a.key.local_name().as_ref() == "id" && a.key.prefix().is_some());
                if let Some(a) = id {
                    ids.push(a.value.to_string());
                }
            }
            Ok(Event::Eof) | Err(_) => return ids,
            _ => {}
        }
        buf.clear();
    }
}

/// Relationship id -> slide part name, from `presentation.xml.rels`.
fn slide_targets(xml: &[u8]) -> HashMap<String, String> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut targets = HashMap::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Empty(e) | Event::Start(e)) if e.local_name().as_ref() == "Relationship" => {
                let attr = |name: &str| {
                    e.attributes()
                        .flatten()
                        .find(|a| a.key.local_name().as_ref() == name)
                        .map(|a| a.value.to_string())
                };
                let is_slide = attr("Type").is_some_and(|t| t.ends_with("/slide"));
                let external = attr("TargetMode").is_some_and(|m| m == "External");
                if let (true, false, Some(id), Some(target)) =
                    (is_slide, external, attr("Id"), attr("Target"))
                {
                    targets.insert(id, resolve(&target));
                }
            }
            Ok(Event::Eof) | Err(_) => return targets,
            _ => {}
        }
        buf.clear();
    }
}

/// A relationship target of `ppt/presentation.xml` as a part name: relative to `ppt/`,
/// or absolute from the package root.
fn resolve(target: &str) -> String {
    let mut parts: Vec<&str> = if target.starts_with('/') {
        Vec::new()
    } else {
        vec!["ppt"]
    };
    for segment in target.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// `ppt/slides/slideN.xml` in the order of N: the order PowerPoint numbers new
/// slides, used when the presentation part lists none.
fn numbered_slides<R: Read + Seek>(zip: &zip::ZipArchive<R>) -> Vec<String> {
    let mut slides: Vec<(u64, String)> = zip
        .file_names()
        .filter_map(Result::ok)
        .filter_map(|name| {
            let n = name
                .strip_prefix("ppt/slides/slide")?
                .strip_suffix(".xml")?
                .parse()
                .ok()?;
            Some((n, name.into_owned()))
        })
        .collect();
    slides.sort();
    slides.into_iter().map(|(_, name)| name).collect()
}

/// Adds one slide's text (`a:t` runs, a line per `a:p`) and pictures (`p:pic`).
fn slide_text(source: &[u8], deck: &mut Deck) -> Result<(), Failure> {
    let mut xml = quick_xml::Reader::from_reader(source);
    let mut buf = Vec::new();
    let mut skip_depth = 0usize;
    let mut in_t = false;
    loop {
        let event = xml
            .read_event_into(&mut buf)
            .map_err(|e| unreadable(msg!("pptx-xml-malformed", e)))?;
        match event {
            Event::Start(e) => match e.local_name().as_ref() {
                _ if skip_depth > 0 => skip_depth += 1,
                "Fallback" => skip_depth = 1,
                "t" => in_t = true,
                "pic" => deck.pictures += 1,
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                _ if skip_depth > 0 => skip_depth -= 1,
                "t" => in_t = false,
                "p" => deck.text.push('\n'),
                _ => {}
            },
            Event::Empty(e) if skip_depth == 0 => match e.local_name().as_ref() {
                "br" => deck.text.push('\n'),
                "pic" => deck.pictures += 1,
                _ => {}
            },
            Event::Text(e) if in_t && skip_depth == 0 => deck.text.push_str(&e.xml10_content()),
            Event::CData(e) if in_t && skip_depth == 0 => deck.text.push_str(&e.xml10_content()),
            Event::GeneralRef(r) if in_t && skip_depth == 0 => {
                if let Some(c) = super::entity(&r) {
                    deck.text.push(c);
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
    use std::io::{Cursor, Write};

    use super::*;
    use crate::inspect::wordcount;

    const NS: &str = r#"xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006""#;

    fn slide(body: &str) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><p:sld {NS}><p:cSld><p:spTree>{body}</p:spTree></p:cSld></p:sld>"#
        )
    }

    fn shape(paragraphs: &[&str]) -> String {
        let ps: String = paragraphs
            .iter()
            .map(|p| format!("<a:p><a:r><a:rPr lang=\"zh-CN\"/><a:t>{p}</a:t></a:r></a:p>"))
            .collect();
        format!("<p:sp><p:txBody><a:bodyPr/>{ps}</p:txBody></p:sp>")
    }

    fn zip(parts: &[(&str, &str)]) -> Vec<u8> {
        let mut buf = Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut buf);
        for (name, text) in parts {
            zip.start_file(*name, zip::write::SimpleFileOptions::default())
                .unwrap();
            zip.write_all(text.as_bytes()).unwrap();
        }
        zip.finish().unwrap();
        buf.into_inner()
    }

    fn deck(parts: &[(&str, &str)]) -> Result<Deck, Failure> {
        let bytes = zip(parts);
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        read(&mut archive, &ReadOptions::default())
    }

    fn presentation(ids: &[&str]) -> String {
        let list: String = ids
            .iter()
            .enumerate()
            .map(|(n, id)| format!(r#"<p:sldId id="{}" r:id="{id}"/>"#, 256 + n))
            .collect();
        format!(r#"<p:presentation {NS}><p:sldIdLst>{list}</p:sldIdLst></p:presentation>"#)
    }

    const RELS: &str = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/slideMaster" Target="slideMasters/slideMaster1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/slide" Target="slides/slide1.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/slide" Target="/ppt/slides/slide2.xml"/></Relationships>"#;

    #[test]
    fn slides_in_deck_order_paragraphs_as_lines_notes_and_masters_not_read() {
        let one = slide(&shape(&["第一张", "两段"]));
        let two = slide(&(shape(&["第二张"]) + "<p:pic><p:nvPicPr/></p:pic>"));
        let master = slide(&shape(&["单击此处编辑母版标题样式"]));
        let notes = slide(&shape(&["备注文字不上展板"]));
        let got = deck(&[
            (PRESENTATION, &presentation(&["rId3", "rId2"])),
            (PRESENTATION_RELS, RELS),
            ("ppt/slides/slide1.xml", &one),
            ("ppt/slides/slide2.xml", &two),
            ("ppt/slideMasters/slideMaster1.xml", &master),
            ("ppt/notesSlides/notesSlide1.xml", &notes),
        ])
        .unwrap();
        assert_eq!(got.text, "第二张\n第一张\n两段\n");
        assert_eq!(got.pictures, 1);
    }

    #[test]
    fn without_a_slide_list_slides_go_by_number() {
        let parts: Vec<(String, String)> = [10, 2, 1]
            .iter()
            .map(|n| {
                (
                    format!("ppt/slides/slide{n}.xml"),
                    slide(&shape(&[&n.to_string()])),
                )
            })
            .collect();
        let mut all: Vec<(&str, &str)> = parts
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .collect();
        all.push((PRESENTATION, "<p:presentation/>"));
        assert_eq!(deck(&all).unwrap().text, "1\n2\n10\n");
    }

    #[test]
    fn fallbacks_breaks_and_entities() {
        let body = r#"<mc:AlternateContent><mc:Choice><p:sp><p:txBody><a:p><a:r><a:t>图表</a:t></a:r></a:p></p:txBody></p:sp></mc:Choice><mc:Fallback><p:pic/><p:sp><p:txBody><a:p><a:r><a:t>图表</a:t></a:r></a:p></p:txBody></p:sp></mc:Fallback></mc:AlternateContent><p:sp><p:txBody><a:p><a:r><a:t>A&amp;B</a:t></a:r><a:br/><a:r><a:t>&#x4E2D;</a:t></a:r></a:p></p:txBody></p:sp>"#;
        let mut d = Deck::default();
        slide_text(slide(body).as_bytes(), &mut d).unwrap();
        assert_eq!(d.text, "图表\nA&B\n中\n");
        assert_eq!(d.pictures, 0);
    }

    #[test]
    fn hostile_decks_fail_or_read_nothing() {
        // Malformed XML in a slide is named.
        let err = deck(&[
            (PRESENTATION, &presentation(&["rId2"])),
            (PRESENTATION_RELS, RELS),
            ("ppt/slides/slide1.xml", "<p:sld><a:t>断</b:t>"),
        ])
        .unwrap_err();
        assert_eq!(err.0, Code::DocumentUnreadable);
        // A slide listed many times, and a relationship out of the package, are read
        // once and not at all.
        let ids = vec!["rId2"; 1000];
        let rels = RELS.replace("/ppt/slides/slide2.xml", "../../../etc/passwd");
        let got = deck(&[
            (PRESENTATION, &presentation(&ids)),
            (PRESENTATION_RELS, &rels),
            ("ppt/slides/slide1.xml", &slide(&shape(&["一次"]))),
        ])
        .unwrap();
        assert_eq!(wordcount::count(&got.text).words, 2);
        // Deep nesting is only depth for the XML reader.
        let deep = format!("{}{}", "<p:grpSp>".repeat(5000), "</p:grpSp>".repeat(5000));
        let mut d = Deck::default();
        slide_text(slide(&deep).as_bytes(), &mut d).unwrap();
        assert!(d.text.is_empty());
        assert_eq!(resolve("../../x.xml"), "x.xml");
        assert_eq!(resolve("slides/slide1.xml"), "ppt/slides/slide1.xml");
    }
}
