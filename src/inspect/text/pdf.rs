//! PDF through lopdf: the text layer of every page. A PDF with pages but no text layer
//! is a scan, whose 字数 cannot be counted; it gets its own finding asking for the Word
//! version rather than being taken for 0 字.

use super::super::{Facts, Failure, NotYetKind, ReadOptions};
use super::{TextFacts, read_whole, unreadable};
use crate::codes::Code;
use crate::intake::ReadSeek;
use crate::limits::MAX_PDF_PAGE_BYTES;

pub(super) fn extract(reader: &mut dyn ReadSeek, options: &ReadOptions) -> Result<Facts, Failure> {
    let seconds = options.pdf_seconds;
    let bytes = read_whole(reader, options)?;
    // Parsed on its own thread so that a pathological file costs at most PDF_SECONDS;
    // a thread that overruns is left to finish on its own and its result dropped.
    let (done, result) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = done.send(parse(&bytes));
    });
    match result.recv_timeout(std::time::Duration::from_secs(seconds)) {
        Ok(facts) => facts,
        Err(_) => {
            crate::inspect::ABANDONED.store(true, std::sync::atomic::Ordering::SeqCst);
            Err(unreadable(msg!("pdf-time-limit", seconds)))
        }
    }
}

fn parse(bytes: &[u8]) -> Result<Facts, Failure> {
    let document = match lopdf::Document::load_mem(bytes) {
        Ok(d) => d,
        Err(lopdf::Error::Decryption(_)) => {
            return Err(encrypted());
        }
        Err(e) => {
            return Err(unreadable(msg!("pdf-damaged", e)));
        }
    };
    let pages: Vec<u32> = document.get_pages().keys().copied().collect();
    if pages.is_empty() {
        return Err(unreadable(msg!("pdf-no-pages")));
    }
    // A page whose text cannot be extracted (a damaged content stream, a missing
    // font) is damage, not a scan: the PDF is unreadable, never "a stamped scan".
    let mut text = Vec::new();
    let mut failed = Vec::new();
    let page_ids = document.get_pages();
    for &page in &pages {
        let chunks = document.extract_text_chunks_with_limit(&[page], MAX_PDF_PAGE_BYTES);
        if chunks.iter().any(|c| c.as_ref().is_err_and(over_limit)) {
            return Err(page_over_limit(page));
        }
        let read: Vec<String> = chunks
            .iter()
            .filter_map(|c| c.as_ref().ok().cloned())
            .collect();
        let damaged = match page_ids.get(&page) {
            Some(&id) => content_damaged(&document, id).map_err(|_| page_over_limit(page))?,
            None => false,
        };
        if damaged || (read.is_empty() && chunks.iter().any(Result::is_err)) {
            failed.push(page);
        }
        text.extend(read);
    }
    if let Some(&first) = failed.first() {
        let (n, total) = (failed.len(), pages.len());
        return Err(unreadable(msg!("pdf-pages-damaged", n, total, first)));
    }
    let text = text.join("\n");
    let facts = TextFacts::new(text, Vec::new(), "pdf");
    // A PDF with only an owner password (printing restricted) opens and reads; one
    // that needs a password to open yields nothing.
    if facts.counts.words == 0 && document.was_encrypted() {
        return Err(encrypted());
    }
    if facts.counts.words == 0 && !has_images(&document) {
        let n = pages.len();
        return Err((Code::DocumentEmpty, msg!("document-empty", n)));
    }
    if facts.counts.words == 0 {
        let n = pages.len();
        return Ok(Facts::Unverified {
            kind: NotYetKind::Document,
            code: Code::DocumentScanned,
            note: msg!("document-scanned", n),
        });
    }
    Ok(Facts::Text(facts))
}

/// Whether a content stream of the page is missing or cannot be decoded. lopdf then
/// falls back to the raw bytes, which read as no text: a damaged page would pass for a
/// scanned one. Err when a stream unpacks to more than [`MAX_PDF_PAGE_BYTES`].
fn content_damaged(document: &lopdf::Document, page: lopdf::ObjectId) -> Result<bool, ()> {
    for &id in &document.get_page_contents(page) {
        let damaged = match document.get_object(id).and_then(lopdf::Object::as_stream) {
            // lopdf swallows a failed inflate and yields nothing: bytes that decode
            // to nothing are damage too.
            Ok(stream) if stream.dict.has(b"Filter") => {
                match stream.decompressed_content_with_limit(MAX_PDF_PAGE_BYTES) {
                    Ok(out) => out.is_empty() && !stream.content.is_empty(),
                    Err(e) if over_limit(&e) => return Err(()),
                    Err(_) => true,
                }
            }
            Ok(_) => false,
            Err(_) => true,
        };
        if damaged {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Whether lopdf stopped because content unpacked past the limit it was given.
fn over_limit(error: &lopdf::Error) -> bool {
    matches!(
        error,
        lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. })
    )
}

/// The finding for a page whose content unpacks past [`MAX_PDF_PAGE_BYTES`].
fn page_over_limit(page: u32) -> Failure {
    let limit_mb = MAX_PDF_PAGE_BYTES / 1024 / 1024;
    unreadable(msg!("pdf-page-over-limit", page, limit_mb))
}

/// Whether the PDF draws any picture: an image XObject, or an inline image in a
/// page's content. A scan has one per page; a blank page has none.
fn has_images(document: &lopdf::Document) -> bool {
    let image_object = document.objects.values().any(|object| {
        matches!(object, lopdf::Object::Stream(stream)
            if stream.dict.get(b"Subtype").and_then(|s| s.as_name()).is_ok_and(|n| n == b"Image"))
    });
    image_object
        || document.get_pages().values().any(|&page| {
            document
                .get_page_content_with_limit(page, MAX_PDF_PAGE_BYTES)
                .is_ok_and(|content| {
                    content.windows(4).any(|w| {
                        w[1..3] == *b"BI"
                            && w[0].is_ascii_whitespace()
                            && w[3].is_ascii_whitespace()
                    })
                })
        })
}

fn encrypted() -> Failure {
    (Code::DocumentEncrypted, msg!("pdf-password"))
}
