//! Word 97-2003 .doc and WPS .wps (the same OLE compound format, written by WPS
//! Office), through rwml: the main text, text boxes, and per [`ReadOptions`] the notes
//! and the headers and footers; tables too, since rosters are often Word tables.

use rwml::{Block, Document};

use super::super::sheet::Sheet;
use super::super::{Facts, Failure, NotYetKind, ReadOptions};
use super::{TextFacts, pictures_only, read_whole, unreadable};
use crate::codes::Code;
use crate::intake::ReadSeek;

pub(super) fn extract(reader: &mut dyn ReadSeek, options: &ReadOptions) -> Result<Facts, Failure> {
    let bytes = read_whole(reader, options)?;
    if crate::inspect::cfb_guard::check(&mut std::io::Cursor::new(&bytes[..])).is_err() {
        return Err(unreadable(msg!("ole-damaged-document")));
    }
    let document = match Document::open(&bytes) {
        Ok(document) => document,
        Err(rwml::Error::Encrypted { .. }) => {
            return Err((Code::DocumentEncrypted, msg!("document-password")));
        }
        Err(rwml::Error::UnsupportedVersion(_)) => {
            return Ok(Facts::Unverified {
                kind: NotYetKind::Document,
                code: Code::FormatNotSupportedYet,
                note: msg!("format-word95"),
            });
        }
        Err(rwml::Error::MissingStream(_)) => {
            return Err(unreadable(msg!("doc-no-word-stream")));
        }
        Err(e) => {
            return Err(unreadable(msg!("doc-damaged", e)));
        }
    };
    let mut text = document.main_text();
    text.push('\n');
    text.push_str(&document.text_box_text());
    if options.notes {
        text.push('\n');
        text.push_str(&document.footnote_text());
    }
    if options.headers_footers {
        text.push('\n');
        text.push_str(&document.header_text());
    }
    let model = document.model();
    let tables = tables_of(&model.blocks);
    let pictures = document.images().len();
    let facts = TextFacts::new(text, tables, "doc").with_pictures(pictures);
    if facts.counts.words == 0 && pictures > 0 {
        return Ok(pictures_only(pictures));
    }
    Ok(Facts::Text(facts))
}

fn block_text(blocks: &[Block]) -> String {
    let mut out = String::new();
    for block in blocks {
        match block {
            Block::Paragraph(p) => out.push_str(&p.text()),
            Block::Table(t) => {
                for row in &t.rows {
                    for cell in &row.cells {
                        out.push_str(&block_text(&cell.blocks));
                    }
                }
            }
            _ => {}
        }
    }
    out
}

fn tables_of(blocks: &[Block]) -> Vec<Sheet> {
    blocks
        .iter()
        .filter_map(|b| match b {
            Block::Table(t) => Some(Sheet {
                rows: table_rows(t),
                first_row: 1,
                ..Sheet::default()
            }),
            _ => None,
        })
        .collect()
}

fn table_rows(t: &rwml::Table) -> Vec<Vec<String>> {
    t.rows
        .iter()
        .map(|row| {
            row.cells
                .iter()
                .map(|cell| block_text(&cell.blocks).trim().to_owned())
                .collect()
        })
        .collect()
}
