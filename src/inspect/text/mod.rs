//! Text extraction for every document format staff send: .docx, .doc and .wps, .pdf,
//! .odt, .rtf, slides (.pptx, .ppt and WPS .dps), web pages (.html, and .mht single
//! files), and plain text in whatever encoding Windows wrote it.
//!
//! The format is decided by the file's first bytes, not its extension: offices rename
//! files freely (a .doc saved as .docx, a .docx renamed .doc), and Word opens them all,
//! so baosong does too. Each reader extracts the text Word's 字数统计 would count.

mod doc;
mod docx;
mod entities;
mod html;
mod mht;
mod odt;
mod pdf;
mod ppt;
mod pptx;
mod rtf;

use std::io::{Read, SeekFrom};

use super::encoding::decode_plain;
pub use super::encoding::decode_text;
use super::sheet::Sheet;
use super::wordcount::{self, Counts};
use super::{Facts, Failure, NotYetKind, ReadOptions, ole, sniff};
use crate::codes::Code;
use crate::findings::Msg;
use crate::intake::ReadSeek;

/// A format's short name. An alias, so that serde reads it through
/// [`crate::inspect::static_name`] instead of borrowing from the input.
pub type FormatName = &'static str;

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct TextFacts {
    pub counts: Counts,
    pub text: String,
    /// Tables in the document, as rows of cell text.
    pub tables: Vec<Sheet>,
    /// The format the content really is ("docx", "doc", "pdf"...).
    #[serde(deserialize_with = "crate::inspect::static_name")]
    pub format: FormatName,
    /// Pictures pasted into the document (Word, WPS): compressed copies, never the
    /// original photo files a board needs.
    pub pictures: usize,
    /// The parts a document is divided into by its headings (several exemplars in one
    /// Word file); empty when it has no such structure.
    pub parts: Vec<super::parts::Part>,
}

impl TextFacts {
    fn new(text: String, tables: Vec<Sheet>, format: &'static str) -> TextFacts {
        TextFacts {
            counts: wordcount::count(&text),
            parts: super::parts::parts(&text, &[]),
            text,
            tables,
            format,
            pictures: 0,
        }
    }

    /// Divides the text into parts by its headings: those in `styled` lines (Word
    /// heading styles) and numbered ones.
    fn with_parts(mut self, styled: &[usize]) -> TextFacts {
        self.parts = super::parts::parts(&self.text, styled);
        self
    }

    fn with_pictures(mut self, pictures: usize) -> TextFacts {
        self.pictures = pictures;
        self
    }
}

pub(crate) fn unreadable(message: Msg) -> Failure {
    (Code::DocumentUnreadable, message)
}

/// The bytes of a document read whole, within the read limit.
fn read_whole(reader: &mut dyn ReadSeek, options: &ReadOptions) -> Result<Vec<u8>, Failure> {
    let mut bytes = Vec::new();
    reader
        .take(options.read_limit)
        .read_to_end(&mut bytes)
        .map_err(io_failure)?;
    Ok(bytes)
}

fn io_failure(e: std::io::Error) -> Failure {
    (Code::DocumentUnreadable, msg!("count-unreadable", e))
}

/// A document of pictures only (a scan pasted into Word): intact, but its text
/// cannot be counted.
fn pictures_only(pictures: usize) -> Facts {
    Facts::Unverified {
        kind: NotYetKind::Document,
        code: Code::DocumentImagesOnly,
        note: msg!("document-images-only", pictures),
    }
}

/// Bytes of a file's start that decide its format: enough for a web page's first tag
/// and a MIME message's headers.
const SNIFF_BYTES: usize = 4096;

/// Extracts a document's text, whatever its extension claims.
pub fn extract(
    reader: &mut dyn ReadSeek,
    ext: &str,
    options: &ReadOptions,
) -> Result<Facts, Failure> {
    let mut head = vec![0u8; SNIFF_BYTES];
    let n = super::read_up_to(reader, &mut head);
    head.truncate(n);
    reader.seek(SeekFrom::Start(0)).map_err(io_failure)?;
    let plain = matches!(ext, "txt" | "md");
    if head.starts_with(&ole::MAGIC) {
        return compound(reader, ext, options);
    }
    if plain {
        return plain_text(reader, &head, ext, options);
    }
    if head.starts_with(b"PK\x03\x04") {
        return zipped(reader, options);
    }
    if head.starts_with(b"%PDF") {
        return pdf::extract(reader, options);
    }
    if head.starts_with(b"{\\rtf") {
        let bytes = read_whole(reader, options)?;
        let text = rtf::text(&bytes).map_err(unreadable)?;
        return Ok(Facts::Text(TextFacts::new(text, Vec::new(), "rtf")));
    }
    if mht::looks_like(&head) {
        return mht::extract(reader, options);
    }
    if html::looks_like(&head) {
        return html::extract(reader, options);
    }
    Err((
        Code::DocumentUnreadable,
        sniff::mismatch(&head, ext, msg!("kind-document", ext)),
    ))
}

/// An OLE compound file: a PowerPoint deck, or else a Word (or WPS) document.
fn compound(reader: &mut dyn ReadSeek, ext: &str, options: &ReadOptions) -> Result<Facts, Failure> {
    if ole::is_encrypted(reader) {
        return Err((Code::DocumentEncrypted, msg!("document-password")));
    }
    if ppt::is_presentation(reader, ext) {
        return ppt::extract(reader, options);
    }
    reader.seek(SeekFrom::Start(0)).map_err(io_failure)?;
    doc::extract(reader, options)
}

/// A .txt or .md file: text in whatever encoding, never another format renamed.
fn plain_text(
    reader: &mut dyn ReadSeek,
    head: &[u8],
    ext: &str,
    options: &ReadOptions,
) -> Result<Facts, Failure> {
    if sniff::real_format(head).is_some() {
        return Err((
            Code::DocumentUnreadable,
            sniff::mismatch(head, ext, msg!("kind-text")),
        ));
    }
    let bytes = read_whole(reader, options)?;
    let text = decode_plain(&bytes).map_err(|why| (Code::DocumentUnreadable, why))?;
    Ok(Facts::Text(TextFacts::new(text, Vec::new(), "txt")))
}

/// A zip package: a Word document, a PowerPoint deck, or an OpenDocument text.
fn zipped(reader: &mut dyn ReadSeek, options: &ReadOptions) -> Result<Facts, Failure> {
    let mut zip =
        zip::ZipArchive::new(reader).map_err(|_| unreadable(msg!("zip-structure-damaged")))?;
    if zip.index_for_name("ppt/presentation.xml").is_some() {
        let deck = pptx::read(&mut zip, options)?;
        if deck.pictures > 0 && wordcount::count(&deck.text).words == 0 {
            return Ok(pictures_only(deck.pictures));
        }
        return Ok(Facts::Text(
            TextFacts::new(deck.text, Vec::new(), "pptx").with_pictures(deck.pictures),
        ));
    }
    if zip.index_for_name("content.xml").is_some()
        && zip.index_for_name("word/document.xml").is_none()
    {
        let text = odt::read(&mut zip, options)?;
        return Ok(Facts::Text(TextFacts::new(text, Vec::new(), "odt")));
    }
    let body = docx::read(&mut zip, options)?;
    if body.pictures > 0 && wordcount::count(&body.text).words == 0 {
        return Ok(pictures_only(body.pictures));
    }
    Ok(Facts::Text(
        TextFacts::new(body.text, body.tables, "docx")
            .with_pictures(body.pictures)
            .with_parts(&body.headings),
    ))
}

/// The character an XML reference stands for: a character reference, or one of the
/// five predefined entities. Declared entities are never expanded.
fn entity(r: &quick_xml::events::BytesRef) -> Option<char> {
    match r.resolve_char_ref() {
        Ok(Some(c)) => Some(c),
        _ => match r.as_ref() {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => None,
        },
    }
}
