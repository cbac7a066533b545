//! Inspect: one file's bytes -> the facts the checks need (text and its 字数, image
//! size and camera EXIF, video integrity, spreadsheet rows).
//!
//! Each reader looks at as little as it can: image headers, the MP4 box tree by
//! seeking, the XML parts of a .docx that hold the counted text. A file that cannot be
//! read yields [`Facts::Problem`] with a code and a reason, never an error, and a
//! parser that panics on a hostile file is caught here and reported the same way.

pub mod cfb_guard;
pub mod count;
pub mod digest;
pub mod encoding;
pub mod image;
pub mod jpeg_dc;
pub mod ole;
pub mod package;
pub mod parts;
pub mod picture;
pub mod sheet;
pub mod sheet_cells;
pub mod sniff;
pub mod text;
pub mod video;
pub mod wordcount;

use std::panic::{AssertUnwindSafe, catch_unwind};

use crate::codes::Code;
use crate::findings::Msg;
use crate::intake::source::Source;
use crate::intake::{EntryId, ReadSeek, Submission, extension_of};

pub use crate::limits::MAX_PART_BYTES;

/// What a file is, judged by its extension; the content decides whether it is valid.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileClass {
    /// A text document (.docx, .doc, .wps, .pdf, .odt, .txt, slides, web pages...).
    Document,
    /// A photo (.jpg, .png, .heic, .webp...).
    Photo,
    /// A video (.mp4, .mov, .avi, ...).
    Video,
    /// A spreadsheet (.xlsx, .xls, .et, .ods, .csv).
    Sheet,
    /// A document in a format not read (Apple Pages).
    NotYet(NotYetKind),
    /// Anything else.
    Other,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum NotYetKind {
    Document,
    Sheet,
}

pub fn classify(extension: &str) -> FileClass {
    match extension {
        "docx" | "docm" | "dotx" | "doc" | "dot" | "wps" | "wpt" | "pdf" | "odt" | "rtf"
        | "txt" | "md" | "pptx" | "ppsx" | "potx" | "ppt" | "pps" | "pot" | "dps" | "dpt"
        | "html" | "htm" | "xhtml" | "mht" | "mhtml" => FileClass::Document,
        "jpg" | "jpeg" | "jpe" | "jfif" | "png" | "heic" | "heif" | "webp" | "bmp" | "tif"
        | "tiff" | "gif" => FileClass::Photo,
        "pages" => FileClass::NotYet(NotYetKind::Document),
        "xlsx" | "xlsm" | "xls" | "xlsb" | "et" | "ett" | "ods" | "csv" => FileClass::Sheet,
        e if video::is_video_extension(e) => FileClass::Video,
        _ => FileClass::Other,
    }
}

/// How files are read: which parts of a document count toward its 字数 (rules.toml
/// `[counting]`) and how much reading one file may cost (`[limits]`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ReadOptions {
    /// Footnotes and endnotes, as Word's and WPS's 字数统计 count them by default.
    pub notes: bool,
    /// Headers and footers, which Word never counts.
    pub headers_footers: bool,
    /// Bytes read from a file read whole, or from one XML part.
    pub read_limit: u64,
    /// Seconds one PDF may take to parse.
    pub pdf_seconds: u64,
    /// Memory (MB) and seconds one file's reader process may use.
    pub reader_mb: u64,
    pub reader_seconds: u64,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            notes: true,
            headers_footers: false,
            read_limit: crate::limits::MAX_PART_BYTES,
            pdf_seconds: crate::limits::PDF_SECONDS,
            reader_mb: crate::limits::READER_MB,
            reader_seconds: crate::limits::READER_SECONDS,
        }
    }
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub enum Facts {
    Text(text::TextFacts),
    Image(image::ImageFacts),
    Video(video::VideoFacts),
    Sheet(Vec<sheet::Sheet>),
    /// Present, but its content could not be verified (a format not read, a scan, a
    /// file over the read limit): `code` and `note` say why. What was not read never
    /// counts; only a plan or summary may be a stamped scan, which counts with a
    /// warning.
    Unverified {
        kind: NotYetKind,
        code: Code,
        note: Msg,
    },
    /// The file is unusable: the code says how, the message why.
    Problem(Code, Msg),
    /// Not a file this requirement reads.
    Other,
}

/// Set when a reader gave up waiting for work that goes on running (a PDF past its
/// time): a reader process that has such work must not read another file.
pub static ABANDONED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Whether work was left running in this process.
pub fn abandoned_work() -> bool {
    ABANDONED.load(std::sync::atomic::Ordering::SeqCst)
}

/// Reads a format name back as the `&'static str` the readers give it: one of the
/// names they use, or (for a name no reader gives) a leaked copy, which a worker's
/// answer can hold at most once per file.
pub fn static_name<'de, D: serde::Deserializer<'de>>(d: D) -> Result<&'static str, D::Error> {
    let name = <String as serde::Deserialize>::deserialize(d)?;
    const NAMES: &[&str] = &[
        "docx", "doc", "wps", "pdf", "odt", "rtf", "txt", "md", "pptx", "ppt", "dps", "html", "mht",
    ];
    Ok(NAMES
        .iter()
        .find(|n| **n == name)
        .copied()
        .unwrap_or_else(|| Box::leak(name.into_boxed_str())))
}

/// Inspects one file of a submission according to its class.
pub fn inspect(sub: &Submission, id: EntryId, options: &ReadOptions) -> Facts {
    let entry = sub.entry(id);
    match &entry.kind {
        crate::intake::EntryKind::File { size, source } => {
            inspect_source(&entry.name, *size, source.as_ref(), options)
        }
        crate::intake::EntryKind::Dir(_) => Facts::Other,
    }
}

/// Inspects the bytes of a file named `name`. Never panics on the file's content.
pub fn inspect_source(name: &str, size: u64, source: &dyn Source, options: &ReadOptions) -> Facts {
    let ext = extension_of(name);
    let class = classify(&ext);
    if class == FileClass::Other {
        return Facts::Other;
    }
    let unreadable_code = unreadable_code(class);
    // Formats read whole into memory are bounded; a file over the bound is named as
    // not read and counts toward nothing. Zip-based documents are read part by part
    // and are bounded per part instead.
    let read_whole = is_read_whole(&ext);
    if read_whole && size > options.read_limit {
        let kind = if class == FileClass::Sheet {
            NotYetKind::Sheet
        } else {
            NotYetKind::Document
        };
        let mb = options.read_limit / 1024 / 1024;
        return Facts::Unverified {
            kind,
            code: Code::FileOverReadLimit,
            note: msg!("file-over-read-limit", mb),
        };
    }
    let mut reader = match source.open_checked() {
        Ok(r) => r,
        Err(e) => {
            return Facts::Problem(unreadable_code, msg!("file-cannot-open", e));
        }
    };
    let result = catch_unwind(AssertUnwindSafe(|| match class {
        FileClass::Document => text::extract(&mut reader, &ext, options),
        FileClass::Photo => image::inspect(&mut reader).map(Facts::Image),
        FileClass::Video => video::inspect(&mut reader, size, &ext).map(Facts::Video),
        FileClass::Sheet => sheet::read(&mut reader, &ext, options.read_limit).map(Facts::Sheet),
        FileClass::NotYet(kind) => not_read(&mut reader, kind, &ext),
        FileClass::Other => Ok(Facts::Other),
    }));
    // A member of a submitted zip whose bytes do not match the archive's record is
    // damaged, whatever its reader made of them. The bytes the reader skipped are made
    // now, in the same pass: the member is inflated once.
    if let Err(e) = reader.finish() {
        return damaged(class, e);
    }
    match result {
        Ok(Ok(facts)) => facts,
        Ok(Err((code, why))) => Facts::Problem(code, why),
        Err(_) => Facts::Problem(unreadable_code, msg!("parser-failed")),
    }
}

/// The code of a file of this class that cannot be read.
fn unreadable_code(class: FileClass) -> Code {
    match class {
        FileClass::Photo => Code::PhotoUnreadable,
        FileClass::Video => Code::VideoBroken,
        FileClass::Sheet | FileClass::NotYet(NotYetKind::Sheet) => Code::RosterUnreadable,
        _ => Code::DocumentUnreadable,
    }
}

/// What a file of this class whose archive member is damaged (`e`) is.
fn damaged(class: FileClass, e: std::io::Error) -> Facts {
    Facts::Problem(unreadable_code(class), msg!("zip-member-damaged", e))
}

/// What the file `name` is when its reader was lost: damaged, when it is a member whose
/// bytes do not match the archive's record (checked here, with no parser, so that the
/// damage is named whatever a parser did with it); None otherwise.
pub fn damaged_member(name: &str, source: &dyn Source) -> Option<Facts> {
    let class = classify(&extension_of(name));
    let e = source.verify().err()?;
    Some(damaged(class, e))
}

/// Whether files with this extension are read whole into memory: the binary and
/// text formats, whose size the read limit bounds. Zip packages (.docx, .pptx, .odt)
/// are read part by part instead.
fn is_read_whole(ext: &str) -> bool {
    matches!(
        ext,
        "doc"
            | "dot"
            | "wps"
            | "wpt"
            | "pdf"
            | "rtf"
            | "txt"
            | "md"
            | "ppt"
            | "pps"
            | "pot"
            | "dps"
            | "dpt"
            | "html"
            | "htm"
            | "xhtml"
            | "mht"
            | "mhtml"
            | "xls"
            | "xlsx"
            | "xlsm"
            | "xlsb"
            | "et"
            | "ett"
            | "ods"
            | "csv"
    )
}

/// The error half of every reader: which finding, and why.
pub type Failure = (Code, Msg);

/// A document in a format baosong does not read (Apple Pages): its header is checked
/// so that a broken file is named as broken; intact, it is named as not read. Either
/// way nothing in it was seen, so it never counts toward a requirement.
fn not_read(reader: &mut dyn ReadSeek, kind: NotYetKind, ext: &str) -> Result<Facts, Failure> {
    let mut head = [0u8; 16];
    let n = read_up_to(reader, &mut head);
    let head = &head[..n];
    let valid = match ext {
        "pages" => head.starts_with(b"PK\x03\x04"),
        _ => false,
    };
    if valid {
        return Ok(not_read_yet(kind, ext));
    }
    let expected = msg!("kind-document", ext);
    Err((
        Code::DocumentUnreadable,
        msg!("content-wrong-header", expected),
    ))
}

/// The facts of an intact file in a format that is not read.
pub fn not_read_yet(kind: NotYetKind, ext: &str) -> Facts {
    let target = match kind {
        NotYetKind::Document => ".docx",
        NotYetKind::Sheet => ".xlsx",
    };
    Facts::Unverified {
        kind,
        code: Code::FormatNotSupportedYet,
        note: msg!("format-not-supported-yet", ext, target),
    }
}

/// Fills as much of `buf` as the reader has; returns how many bytes were read.
pub fn read_up_to(reader: &mut dyn std::io::Read, buf: &mut [u8]) -> usize {
    let mut filled = 0;
    while filled < buf.len() {
        match reader.read(&mut buf[filled..]) {
            Ok(0) | Err(_) => break,
            Ok(n) => filled += n,
        }
    }
    filled
}
