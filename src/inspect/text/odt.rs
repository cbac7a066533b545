//! OpenDocument text (.odt, LibreOffice's and WPS's ODF export): the text of
//! `content.xml`. Tracked deletions and comments are skipped; notes follow
//! [`ReadOptions`]. Headers and footers live in `styles.xml` and are not read unless
//! asked for.

use std::io::{Read, Seek};

use quick_xml::events::Event;

use super::super::{Failure, ReadOptions};
use super::unreadable;
use crate::codes::Code;

pub(super) fn read<R: Read + Seek>(
    zip: &mut zip::ZipArchive<R>,
    options: &ReadOptions,
) -> Result<String, Failure> {
    let mut text = String::new();
    let limit = options.read_limit;
    let part =
        crate::inspect::package::zip_part(zip, "content.xml", limit, Code::DocumentUnreadable)?
            .ok_or_else(|| unreadable(msg!("odt-no-content")))?;
    walk(&part[..], options, false, &mut text)?;
    if options.headers_footers
        && let Some(part) =
            crate::inspect::package::zip_part(zip, "styles.xml", limit, Code::DocumentUnreadable)?
    {
        walk(&part[..], options, true, &mut text)?;
    }
    Ok(text)
}

/// Collects paragraph text. In `styles.xml` (`running` true) only headers and footers
/// hold document text.
fn walk(
    source: impl std::io::BufRead,
    options: &ReadOptions,
    running: bool,
    text: &mut String,
) -> Result<(), Failure> {
    let mut xml = quick_xml::Reader::from_reader(source);
    let mut buf = Vec::new();
    let mut skip_depth = 0usize;
    let mut paragraph_depth = 0usize;
    let mut running_depth = 0usize;
    loop {
        let event = xml
            .read_event_into(&mut buf)
            .map_err(|e| unreadable(msg!("odt-xml-malformed", e)))?;
        match event {
            Event::Start(e) => {
                let name = e.name();
                let name = name.as_ref();
                if skip_depth > 0
                    || matches!(
                        name,
                        "text:tracked-changes" | "office:annotation" | "text:note-citation"
                    )
                    || (name == "text:note" && !options.notes)
                {
                    skip_depth += 1;
                } else if matches!(name, "text:p" | "text:h") {
                    paragraph_depth += 1;
                } else if matches!(
                    name,
                    "style:header" | "style:footer" | "style:header-left" | "style:footer-left"
                ) {
                    running_depth += 1;
                }
            }
            Event::End(e) => {
                if skip_depth > 0 {
                    skip_depth -= 1;
                    continue;
                }
                let name = e.name();
                match name.as_ref() {
                    "text:p" | "text:h" => {
                        paragraph_depth = paragraph_depth.saturating_sub(1);
                        text.push('\n');
                    }
                    "style:header" | "style:footer" | "style:header-left" | "style:footer-left" => {
                        running_depth = running_depth.saturating_sub(1);
                    }
                    _ => {}
                }
            }
            Event::Empty(e) if skip_depth == 0 && paragraph_depth > 0 => match e.name().as_ref() {
                "text:s" => text.push(' '),
                "text:tab" => text.push('\t'),
                "text:line-break" => text.push('\n'),
                _ => {}
            },
            Event::Text(e)
                if skip_depth == 0 && paragraph_depth > 0 && (!running || running_depth > 0) =>
            {
                text.push_str(&e.xml10_content());
            }
            Event::GeneralRef(r)
                if skip_depth == 0 && paragraph_depth > 0 && (!running || running_depth > 0) =>
            {
                if let Some(c) = super::entity(&r) {
                    text.push(c);
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(())
}
