//! PowerPoint 97-2003 .ppt (and .pps, .pot, and WPS .dps/.dpt, the same OLE format):
//! the text on the slides, read from the records of the `PowerPoint Document` stream.
//!
//! The live slides are found as PowerPoint finds them: the `Current User` stream points
//! to the last edit, whose persist directory (followed back through earlier edits, for
//! decks saved with "fast save") maps each object to its offset. The document's slide
//! list gives the slides in order with their placeholder text; each slide's drawing adds
//! the text of its other text boxes, and the pictures placed on it. Text that is in
//! both places (writers differ) counts once. Masters, notes and handouts are never
//! read: their prompts ("Click to edit Master title style") are not text of the deck,
//! and notes are not shown on a board.
//!
//! A deck whose stream has no usable persist directory is walked record by record
//! instead, skipping the same containers. Records are bounded by their parents; their
//! nesting, their number and the edits followed back by the limits in
//! [`crate::limits`]: a hostile file is damaged or named with the limit it reached,
//! never a long wait.

use std::collections::{HashMap, HashSet};
use std::io::{Read, SeekFrom};
use std::ops::Range;

use super::super::{Facts, Failure, ReadOptions};
use super::{TextFacts, io_failure, pictures_only, unreadable};
use crate::codes::Code;
use crate::intake::ReadSeek;
use crate::limits::{MAX_PPT_EDITS, MAX_PPT_NESTING, MAX_PPT_RECORDS};

const DOCUMENT_STREAM: &str = "/PowerPoint Document";
const CURRENT_USER_STREAM: &str = "/Current User";
const ENCRYPTED_SUMMARY_STREAM: &str = "/EncryptedSummary";

// Record types, from [MS-PPT] and [MS-ODRAW].
const DOCUMENT: u16 = 0x03E8;
const SLIDE: u16 = 0x03EE;
const NOTES: u16 = 0x03F0;
const SLIDE_PERSIST: u16 = 0x03F3;
const MAIN_MASTER: u16 = 0x03F8;
const TEXT_CHARS: u16 = 0x0FA0;
const TEXT_BYTES: u16 = 0x0FA8;
const HANDOUT: u16 = 0x0FC9;
const SLIDE_LIST: u16 = 0x0FF0;
const USER_EDIT: u16 = 0x0FF5;
const PERSIST_DIRECTORY: u16 = 0x1772;
const CRYPT_SESSION: u16 = 0x2F14;
/// OfficeArtFSP: a shape, whose instance is its shape type.
const SHAPE: u16 = 0xF00A;
const PICTURE_FRAME: u16 = 75;
/// The `Current User` header token of an encrypted deck.
const ENCRYPTED_TOKEN: u32 = 0xF3D1_C4DF;

/// Whether the compound file is a PowerPoint deck: it holds a `PowerPoint Document`
/// stream. One too damaged to open is a deck when its extension says so, so that its
/// damage is named as a deck's.
pub(super) fn is_presentation(reader: &mut dyn ReadSeek, ext: &str) -> bool {
    if reader.seek(SeekFrom::Start(0)).is_err() {
        return false;
    }
    match cfb::CompoundFile::open(&mut *reader) {
        Ok(file) => file.is_stream(DOCUMENT_STREAM),
        Err(_) => matches!(ext, "ppt" | "pps" | "pot" | "dps" | "dpt"),
    }
}

pub(super) fn extract(reader: &mut dyn ReadSeek, options: &ReadOptions) -> Result<Facts, Failure> {
    if crate::inspect::cfb_guard::check(reader).is_err() {
        return Err(unreadable(msg!("ole-damaged-slides")));
    }
    reader.seek(SeekFrom::Start(0)).map_err(io_failure)?;
    let mut file = cfb::CompoundFile::open(&mut *reader)
        .map_err(|e| unreadable(msg!("ppt-ole-damaged", e)))?;
    if file.is_stream(ENCRYPTED_SUMMARY_STREAM) {
        return Err(encrypted());
    }
    let stream = read_stream(&mut file, DOCUMENT_STREAM, options.read_limit)?;
    let user = read_stream(&mut file, CURRENT_USER_STREAM, 4096).ok();
    let found = deck(&stream, user.as_deref())?;
    let mut text = String::new();
    for line in &found.texts {
        text.push_str(line);
        text.push('\n');
    }
    let facts = TextFacts::new(text, Vec::new(), "ppt").with_pictures(found.pictures);
    if facts.counts.words == 0 && found.pictures > 0 {
        return Ok(pictures_only(found.pictures));
    }
    Ok(Facts::Text(facts))
}

fn encrypted() -> Failure {
    (Code::DocumentEncrypted, msg!("document-password"))
}

fn damaged() -> Failure {
    unreadable(msg!("ppt-damaged"))
}

/// One stream of the compound file, whole, within `limit`.
fn read_stream<F: std::io::Read + std::io::Seek>(
    file: &mut cfb::CompoundFile<F>,
    path: &str,
    limit: u64,
) -> Result<Vec<u8>, Failure> {
    let stream = file
        .open_stream(path)
        .map_err(|e| unreadable(msg!("ppt-ole-damaged", e)))?;
    let size = stream.len();
    if size > limit {
        let name = path.trim_start_matches('/');
        let (mb, limit_mb) = (size / 1024 / 1024, limit / 1024 / 1024);
        return Err((
            Code::FileOverReadLimit,
            msg!("file-over-read-limit-inner", name, mb, limit_mb),
        ));
    }
    let mut bytes = Vec::new();
    stream
        .take(limit)
        .read_to_end(&mut bytes)
        .map_err(|e| unreadable(msg!("ppt-ole-damaged", e)))?;
    Ok(bytes)
}

/// The text atoms of the slides, a line each, and the pictures on them.
#[derive(Debug, Default)]
struct Found {
    texts: Vec<String>,
    pictures: usize,
}

impl Found {
    /// Adds what a slide's drawing holds, less the texts the slide list gave already.
    fn add_drawing(&mut self, drawing: Found, listed: &HashSet<String>) {
        self.texts
            .extend(drawing.texts.into_iter().filter(|t| !listed.contains(t)));
        self.pictures += drawing.pictures;
    }
}

/// One record: its type, instance, whether it is a container, and its body's place in
/// the stream.
#[derive(Debug, Clone)]
struct Record {
    kind: u16,
    instance: u16,
    container: bool,
    body: Range<usize>,
}

fn u16_at(bytes: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(bytes.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
}

/// Walks records of one stream within the bounds.
struct Walker<'a> {
    stream: &'a [u8],
    visited: usize,
}

impl Walker<'_> {
    /// The record at `at`, which must end by `end`.
    fn record(&mut self, at: usize, end: usize) -> Result<Record, Failure> {
        self.visited += 1;
        if self.visited > MAX_PPT_RECORDS {
            let limit = MAX_PPT_RECORDS;
            return Err(unreadable(msg!("ppt-too-many-records", limit)));
        }
        if at.checked_add(8).is_none_or(|h| h > end) {
            return Err(damaged());
        }
        let (Some(ver_instance), Some(kind), Some(len)) = (
            u16_at(self.stream, at),
            u16_at(self.stream, at + 2),
            u32_at(self.stream, at + 4),
        ) else {
            return Err(damaged());
        };
        let body_end = usize::try_from(len)
            .ok()
            .and_then(|len| (at + 8).checked_add(len))
            .filter(|&e| e <= end)
            .ok_or_else(damaged)?;
        Ok(Record {
            kind,
            instance: ver_instance >> 4,
            container: ver_instance & 0x0F == 0x0F,
            body: at + 8..body_end,
        })
    }

    /// Collects the text atoms and pictures under `range`, skipping masters, notes,
    /// handouts, and the slide lists of masters and notes.
    fn collect(
        &mut self,
        range: Range<usize>,
        depth: usize,
        found: &mut Found,
    ) -> Result<(), Failure> {
        if depth > MAX_PPT_NESTING {
            let limit = MAX_PPT_NESTING;
            return Err(unreadable(msg!("ppt-too-deep", limit)));
        }
        let mut at = range.start;
        while at < range.end {
            let r = self.record(at, range.end)?;
            at = r.body.end;
            let body = &self.stream[r.body.clone()];
            match r.kind {
                CRYPT_SESSION => return Err(encrypted()),
                MAIN_MASTER | NOTES | HANDOUT => {}
                SLIDE_LIST if r.instance != 0 => {}
                TEXT_CHARS => found.texts.push(chars_text(body)),
                TEXT_BYTES => found.texts.push(bytes_text(body)),
                SHAPE if r.instance == PICTURE_FRAME => found.pictures += 1,
                _ if r.container => self.collect(r.body, depth + 1, found)?,
                _ => {}
            }
        }
        Ok(())
    }
}

/// A TextCharsAtom: UTF-16LE, paragraphs ended by CR and lines by VT.
fn chars_text(body: &[u8]) -> String {
    let units = body
        .chunks_exact(2)
        .map(|pair| u16::from_le_bytes([pair[0], pair[1]]));
    let text: String = char::decode_utf16(units)
        .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect();
    line_breaks(&text)
}

/// A TextBytesAtom: the low bytes of UTF-16 code units, that is Latin-1.
fn bytes_text(body: &[u8]) -> String {
    let text: String = body.iter().map(|&b| char::from(b)).collect();
    line_breaks(&text)
}

fn line_breaks(text: &str) -> String {
    text.replace(['\r', '\u{0B}'], "\n")
}

/// The slides of a deck: through the persist directory when the `Current User`
/// stream leads to one, otherwise by walking the whole stream.
fn deck(stream: &[u8], current_user: Option<&[u8]>) -> Result<Found, Failure> {
    let mut walker = Walker { stream, visited: 0 };
    if let Some(user) = current_user {
        if u32_at(user, 12) == Some(ENCRYPTED_TOKEN) {
            return Err(encrypted());
        }
        let edit = u32_at(user, 16).and_then(|o| usize::try_from(o).ok());
        let directory = match edit {
            Some(edit) => persist_directory(&mut walker, edit)?,
            None => None,
        };
        if let Some(directory) = directory {
            if directory.encrypted {
                return Err(encrypted());
            }
            if let Some(found) = by_slide_list(&mut walker, &directory)? {
                return Ok(found);
            }
        }
    }
    whole_stream(&mut walker)
}

/// Where each persistent object lives, as the last edit sees it.
struct Directory {
    offsets: HashMap<u32, usize>,
    document: u32,
    encrypted: bool,
}

/// Follows the edits back from the current one, the newest offset of each object
/// winning. None when an edit or a directory is not where it is said to be; Err past
/// [`MAX_PPT_EDITS`] edits (a history that long is not read in part).
fn persist_directory(
    walker: &mut Walker,
    current_edit: usize,
) -> Result<Option<Directory>, Failure> {
    let stream = walker.stream;
    let mut directory = Directory {
        offsets: HashMap::new(),
        document: 0,
        encrypted: false,
    };
    let mut crypt_ref = None;
    let mut edit = current_edit;
    let mut seen = HashSet::new();
    for n in 0..=MAX_PPT_EDITS {
        if !seen.insert(edit) {
            break;
        }
        if n == MAX_PPT_EDITS {
            let limit = MAX_PPT_EDITS;
            return Err(unreadable(msg!("ppt-too-many-edits", limit)));
        }
        let newest = (n == 0).then_some(&mut crypt_ref);
        let Some(last_edit) = apply_edit(walker, edit, &mut directory, newest) else {
            return Ok(None);
        };
        if last_edit == 0 {
            break;
        }
        edit = last_edit;
    }
    // The encryption session an encrypted deck's last edit names.
    if let Some(&at) = crypt_ref.and_then(|id| directory.offsets.get(&id)) {
        directory.encrypted = walker
            .record(at, stream.len())
            .is_ok_and(|r| r.kind == CRYPT_SESSION);
    }
    Ok(Some(directory))
}

/// Adds the offsets of the edit at `edit` to `directory`, older edits never replacing
/// newer ones; for the newest edit (`crypt_ref` given) also the document's persist id
/// and the encryption session it names. The offset of the edit before it (0 for none),
/// or None when the edit or its directory is not where it is said to be.
fn apply_edit(
    walker: &mut Walker,
    edit: usize,
    directory: &mut Directory,
    crypt_ref: Option<&mut Option<u32>>,
) -> Option<usize> {
    let stream = walker.stream;
    let r = walker.record(edit, stream.len()).ok()?;
    let body = &stream[r.body.clone()];
    if r.kind != USER_EDIT || body.len() < 28 {
        return None;
    }
    let last_edit = usize::try_from(u32_at(body, 8)?).ok()?;
    let dir_at = usize::try_from(u32_at(body, 12)?).ok()?;
    if let Some(crypt_ref) = crypt_ref {
        directory.document = u32_at(body, 16)?;
        *crypt_ref = u32_at(body, 28);
    }
    let d = walker.record(dir_at, stream.len()).ok()?;
    if d.kind != PERSIST_DIRECTORY {
        return None;
    }
    let entries = &stream[d.body];
    let mut at = 0;
    while let Some(head) = u32_at(entries, at) {
        let (first, count) = (head & 0x000F_FFFF, head >> 20);
        at += 4;
        for i in 0..count {
            let offset = usize::try_from(u32_at(entries, at)?).ok()?;
            directory.offsets.entry(first + i).or_insert(offset);
            at += 4;
        }
    }
    Some(last_edit)
}

/// The slides in the order of the document's slide list, each with the placeholder
/// text listed there and the text and pictures of its drawing. None when the document
/// or its slide list is missing (a deck read some other way).
fn by_slide_list(walker: &mut Walker, directory: &Directory) -> Result<Option<Found>, Failure> {
    let stream = walker.stream;
    let Some(&at) = directory.offsets.get(&directory.document) else {
        return Ok(None);
    };
    let Ok(document) = walker.record(at, stream.len()) else {
        return Ok(None);
    };
    if document.kind != DOCUMENT || !document.container {
        return Ok(None);
    }
    // (persist id of the slide, its listed texts), in slide order.
    let mut slides: Vec<(u32, Vec<String>)> = Vec::new();
    let mut at = document.body.start;
    while at < document.body.end {
        let list = walker.record(at, document.body.end)?;
        at = list.body.end;
        if list.kind != SLIDE_LIST || list.instance != 0 || !list.container {
            continue;
        }
        let mut inner = list.body.start;
        while inner < list.body.end {
            let r = walker.record(inner, list.body.end)?;
            inner = r.body.end;
            let body = &stream[r.body.clone()];
            match (r.kind, slides.last_mut()) {
                (SLIDE_PERSIST, _) => slides.push((u32_at(body, 0).unwrap_or(0), Vec::new())),
                (TEXT_CHARS, Some((_, texts))) => texts.push(chars_text(body)),
                (TEXT_BYTES, Some((_, texts))) => texts.push(bytes_text(body)),
                _ => {}
            }
        }
    }
    let mut found = Found::default();
    let mut walked = HashSet::new();
    for (persist, listed) in slides {
        found.texts.extend(listed.iter().cloned());
        let Some(&at) = directory.offsets.get(&persist) else {
            continue;
        };
        if !walked.insert(at) {
            continue;
        }
        let slide = walker.record(at, stream.len())?;
        if slide.kind != SLIDE {
            continue;
        }
        let mut drawing = Found::default();
        walker.collect(slide.body, 1, &mut drawing)?;
        found.add_drawing(drawing, &listed.into_iter().collect());
    }
    Ok(Some(found))
}

/// Every top-level record in turn: the document's slide list, then the text of the
/// slides' drawings that the list did not hold already.
fn whole_stream(walker: &mut Walker) -> Result<Found, Failure> {
    let stream = walker.stream;
    let mut listed = Found::default();
    let mut drawings = Found::default();
    let mut at = 0;
    while at < stream.len() {
        let r = walker.record(at, stream.len())?;
        let into = if r.kind == DOCUMENT {
            &mut listed
        } else {
            &mut drawings
        };
        // The record itself, so that a master or notes at the top is skipped.
        walker.collect(at..r.body.end, 0, into)?;
        at = r.body.end;
    }
    let seen: HashSet<String> = listed.texts.iter().cloned().collect();
    listed.add_drawing(drawings, &seen);
    Ok(listed)
}

#[cfg(test)]
mod tests {
    use std::io::{Cursor, Write};

    use super::*;

    fn atom(kind: u16, instance: u16, body: &[u8]) -> Vec<u8> {
        let mut out = (instance << 4).to_le_bytes().to_vec();
        out.extend(kind.to_le_bytes());
        out.extend((body.len() as u32).to_le_bytes());
        out.extend(body);
        out
    }

    fn container(kind: u16, instance: u16, children: &[Vec<u8>]) -> Vec<u8> {
        let mut out = atom(kind, instance, &children.concat());
        out[0] |= 0x0F;
        out
    }

    fn chars(text: &str) -> Vec<u8> {
        let body: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        atom(TEXT_CHARS, 0, &body)
    }

    fn persist(id: u32) -> Vec<u8> {
        let mut body = id.to_le_bytes().to_vec();
        body.extend([0; 16]);
        atom(SLIDE_PERSIST, 0, &body)
    }

    /// A slide whose drawing holds a picture frame and a text box.
    fn slide(texts: &[&str], pictures: usize) -> Vec<u8> {
        let mut shapes: Vec<Vec<u8>> = (0..pictures)
            .map(|_| container(0xF004, 0, &[atom(SHAPE, PICTURE_FRAME, &[0; 8])]))
            .collect();
        let boxes: Vec<Vec<u8>> = texts.iter().map(|t| chars(t)).collect();
        shapes.push(container(0xF004, 0, &[container(0xF00D, 0, &boxes)]));
        let drawing = container(0xF002, 0, &[container(0xF003, 0, &shapes)]);
        container(
            SLIDE,
            0,
            &[atom(0x03EF, 0, &[0; 24]), container(0x040C, 0, &[drawing])],
        )
    }

    fn directory(entries: &[(u32, &[u32])]) -> Vec<u8> {
        let mut body = Vec::new();
        for (first, offsets) in entries {
            body.extend((first | (offsets.len() as u32) << 20).to_le_bytes());
            for o in *offsets {
                body.extend(o.to_le_bytes());
            }
        }
        atom(PERSIST_DIRECTORY, 0, &body)
    }

    fn user_edit(last_edit: u32, directory_at: u32, document: u32) -> Vec<u8> {
        let mut body = vec![0; 8];
        for v in [last_edit, directory_at, document, 10] {
            body.extend(v.to_le_bytes());
        }
        body.extend([0; 4]);
        atom(USER_EDIT, 0, &body)
    }

    fn current_user(edit: u32, token: u32) -> Vec<u8> {
        let mut body = 0x14u32.to_le_bytes().to_vec();
        body.extend(token.to_le_bytes());
        body.extend(edit.to_le_bytes());
        atom(0x0FF6, 0, &body)
    }

    /// A deck laid out as PowerPoint writes it, slides listed in the other order than
    /// they lie in the stream: (stream, Current User).
    fn sample() -> (Vec<u8>, Vec<u8>) {
        let document = container(
            DOCUMENT,
            0,
            &[
                container(
                    SLIDE_LIST,
                    1,
                    &[persist(2), chars("单击此处编辑母版标题样式")],
                ),
                container(
                    SLIDE_LIST,
                    0,
                    &[
                        persist(4),
                        chars("第一张标题"),
                        persist(3),
                        chars("第二张标题"),
                    ],
                ),
                container(SLIDE_LIST, 2, &[persist(5), chars("备注不计")]),
            ],
        );
        let master = container(MAIN_MASTER, 0, &[chars("Click to edit Master title style")]);
        let second = slide(&["第二张标题", "Hello World"], 0);
        let first = slide(&["第一张标题", "正文内容"], 1);
        let notes = container(NOTES, 0, &[chars("备注不计")]);
        let mut stream = Vec::new();
        let mut offsets = Vec::new();
        for part in [document, master, second, first, notes] {
            offsets.push(stream.len() as u32);
            stream.extend(part);
        }
        let dir_at = stream.len() as u32;
        stream.extend(directory(&[(1, &offsets)]));
        let edit_at = stream.len() as u32;
        stream.extend(user_edit(0, dir_at, 1));
        (stream, current_user(edit_at, 0xE391_C05F))
    }

    #[test]
    fn slides_in_list_order_each_text_once_masters_and_notes_skipped() {
        let (stream, user) = sample();
        let found = deck(&stream, Some(&user)).unwrap();
        assert_eq!(
            found.texts,
            ["第一张标题", "正文内容", "第二张标题", "Hello World"]
        );
        assert_eq!(found.pictures, 1);
        // Without the Current User stream the records are walked in turn: the same
        // text, in the order of the stream.
        let walked = deck(&stream, None).unwrap();
        let mut a = walked.texts.clone();
        let mut b = found.texts.clone();
        a.sort();
        b.sort();
        assert_eq!(a, b);
        assert_eq!(walked.pictures, 1);
    }

    #[test]
    fn a_fast_saved_slide_counts_in_its_last_version_only() {
        let (mut stream, _) = sample();
        // The second edit rewrites slide 4 (the first in the list) at the end.
        let new_at = stream.len() as u32;
        stream.extend(slide(&["第一张标题", "改过的正文"], 0));
        let dir_at = stream.len() as u32;
        stream.extend(directory(&[(4, &[new_at])]));
        let (_, old_user) = sample();
        let old_edit = u32_at(&old_user, 16).unwrap();
        let edit_at = stream.len() as u32;
        stream.extend(user_edit(old_edit, dir_at, 1));
        let found = deck(&stream, Some(&current_user(edit_at, 0xE391_C05F))).unwrap();
        assert_eq!(
            found.texts,
            ["第一张标题", "改过的正文", "第二张标题", "Hello World"]
        );
        assert_eq!(found.pictures, 0);
    }

    #[test]
    fn line_breaks_and_latin1_bytes() {
        assert_eq!(
            chars_text(&[0x2D, 0x4E, 0x0D, 0, 0x41, 0, 0x0B, 0, 0x42, 0]),
            "中\nA\nB"
        );
        assert_eq!(bytes_text(b"Caf\xE9"), "Café");
    }

    #[test]
    fn encrypted_decks_are_named() {
        let (stream, user) = sample();
        let locked = current_user(u32_at(&user, 16).unwrap(), ENCRYPTED_TOKEN);
        assert_eq!(
            deck(&stream, Some(&locked)).unwrap_err().0,
            Code::DocumentEncrypted
        );
        let mut with_session = stream.clone();
        with_session.extend(container(CRYPT_SESSION, 0, &[]));
        assert_eq!(
            deck(&with_session, None).unwrap_err().0,
            Code::DocumentEncrypted
        );
    }

    #[test]
    fn hostile_streams_are_damaged_not_a_panic_or_a_hang() {
        let (stream, user) = sample();
        // Cut short anywhere: an error or less text, never a panic.
        for cut in (0..stream.len()).step_by(7) {
            let _ = deck(&stream[..cut], Some(&user));
            let _ = deck(&stream[..cut], None);
        }
        assert_eq!(
            deck(&stream[..40], None).unwrap_err().0,
            Code::DocumentUnreadable
        );
        // A record declaring 4 GB.
        let mut huge = container(DOCUMENT, 0, &[chars("字")]);
        huge[4..8].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(deck(&huge, None).is_err());
        // Containers nested beyond any real deck.
        let mut deep = chars("深");
        for _ in 0..200 {
            deep = container(0xF003, 0, &[deep]);
        }
        assert!(deck(&deep, None).is_err());
        // An edit naming itself as the one before.
        let mut looped = stream.clone();
        let edit_at = looped.len() as u32;
        let old_edit = u32_at(&user, 16).unwrap() as usize;
        let dir_at = u32_at(&stream, old_edit + 8 + 12).unwrap();
        looped.extend(user_edit(edit_at, dir_at, 1));
        let found = deck(&looped, Some(&current_user(edit_at, 0))).unwrap();
        assert_eq!(found.texts.len(), 4);
        // A Current User pointing nowhere: the stream is walked instead.
        assert_eq!(
            deck(&stream, Some(&current_user(u32::MAX, 0)))
                .unwrap()
                .texts
                .len(),
            4
        );
    }

    /// A deck's damage names the limit it reached: one more than the limit allows is
    /// refused, the limit itself is read.
    #[test]
    fn decks_past_a_limit_are_named_with_it() {
        let named = |found: Result<Found, Failure>, limit: usize| {
            let err = found.map(|f| f.texts).unwrap_err();
            assert_eq!(err.0, Code::DocumentUnreadable);
            assert!(err.1.en.contains(&format!(" {limit} ")), "{}", err.1.en);
        };
        // Text in containers nested `levels` deep.
        let nested = |levels: usize| {
            let mut deep = chars("深");
            for _ in 0..levels {
                deep = container(0xF003, 0, &[deep]);
            }
            deep
        };
        assert_eq!(deck(&nested(MAX_PPT_NESTING), None).unwrap().texts, ["深"]);
        named(deck(&nested(MAX_PPT_NESTING + 1), None), MAX_PPT_NESTING);
        // Empty records, each visited twice by the walk of the whole stream.
        let empty = |n: usize| atom(0x0000, 0, &[]).repeat(n);
        assert!(deck(&empty(MAX_PPT_RECORDS / 2), None).is_ok());
        named(deck(&empty(MAX_PPT_RECORDS / 2 + 1), None), MAX_PPT_RECORDS);
        // A history of `n` edits, each naming the one before, sharing one directory.
        let history = |n: usize| {
            let mut stream = directory(&[(1, &[0])]);
            let mut last = 0;
            for _ in 0..n {
                let at = stream.len() as u32;
                stream.extend(user_edit(last, 0, 1));
                last = at;
            }
            (stream, current_user(last, 0xE391_C05F))
        };
        let (stream, user) = history(MAX_PPT_EDITS);
        assert!(deck(&stream, Some(&user)).is_ok());
        let (stream, user) = history(MAX_PPT_EDITS + 1);
        named(deck(&stream, Some(&user)), MAX_PPT_EDITS);
    }

    fn compound(streams: &[(&str, &[u8])]) -> Vec<u8> {
        let mut file = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
        for (name, bytes) in streams {
            file.create_stream(name).unwrap().write_all(bytes).unwrap();
        }
        file.flush().unwrap();
        file.into_inner().into_inner()
    }

    #[test]
    fn a_compound_file_with_a_presentation_stream() {
        let (stream, user) = sample();
        let bytes = compound(&[("PowerPoint Document", &stream), ("Current User", &user)]);
        let mut reader = Cursor::new(bytes);
        assert!(is_presentation(&mut reader, "doc"));
        let Facts::Text(t) = extract(&mut reader, &ReadOptions::default()).unwrap() else {
            panic!("text");
        };
        assert_eq!(t.text, "第一张标题\n正文内容\n第二张标题\nHello World\n");
        assert_eq!((t.counts.words, t.pictures, t.format), (16, 1, "ppt"));
        let locked = compound(&[("PowerPoint Document", &stream), ("EncryptedSummary", b"x")]);
        let err = extract(&mut Cursor::new(locked), &ReadOptions::default()).unwrap_err();
        assert_eq!(err.0, Code::DocumentEncrypted);
        let small = ReadOptions {
            read_limit: 64,
            ..ReadOptions::default()
        };
        let bytes = compound(&[("PowerPoint Document", &stream)]);
        let err = extract(&mut Cursor::new(bytes), &small).unwrap_err();
        assert_eq!(err.0, Code::FileOverReadLimit);
        let word = compound(&[("WordDocument", b"")]);
        assert!(!is_presentation(&mut Cursor::new(word), "ppt"));
        // Too damaged to open: a deck by its extension only.
        let cut = &compound(&[("PowerPoint Document", &stream)])[..1024];
        assert!(is_presentation(&mut Cursor::new(cut), "dps"));
        assert!(!is_presentation(&mut Cursor::new(cut), "doc"));
        let err = extract(&mut Cursor::new(cut), &ReadOptions::default()).unwrap_err();
        assert!(err.1.en.contains(".ppt"), "{}", err.1.en);
    }
}
