//! Inspect: one file's bytes -> the facts the checks need (text and its 字数, image
//! size and camera EXIF, video integrity, spreadsheet rows).
//!
//! Each reader looks at as little as it can: image headers, the MP4 box tree by
//! seeking, the one XML part of a .docx that holds the body text. A file that cannot
//! be read yields [`Facts::Problem`] with a code and a reason, never an error.

pub mod image;
pub mod ole;
pub mod sheet;
pub mod text;
pub mod video;
pub mod wordcount;

use crate::codes::Code;
use crate::findings::Msg;
use crate::intake::{EntryId, Submission};
use crate::msg;

pub use crate::limits::MAX_PART_BYTES;

/// What a file is, judged by its extension; the content decides whether it is valid.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileClass {
    /// A text document baosong reads (.docx, .txt, .md).
    Document,
    /// A photo baosong reads (.jpg, .jpeg, .png).
    Photo,
    /// A video (.mp4, .mov, .avi, ...).
    Video,
    /// A spreadsheet baosong reads (.xlsx, .xls, .csv, ...).
    Sheet,
    /// A document, photo or spreadsheet in a format not read yet (.doc, .pdf, .heic, .et...).
    NotYet(NotYetKind),
    /// Anything else.
    Other,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotYetKind {
    Document,
    Photo,
    Sheet,
}

pub fn classify(extension: &str) -> FileClass {
    match extension {
        "docx" | "docm" | "txt" | "md" => FileClass::Document,
        "jpg" | "jpeg" | "jpe" | "png" => FileClass::Photo,
        "doc" | "wps" | "wpt" | "dot" | "pdf" | "odt" | "rtf" => {
            FileClass::NotYet(NotYetKind::Document)
        }
        "heic" | "heif" | "webp" | "bmp" | "tif" | "tiff" | "gif" => {
            FileClass::NotYet(NotYetKind::Photo)
        }
        "et" | "ett" => FileClass::NotYet(NotYetKind::Sheet),
        "xlsx" | "xlsm" | "xls" | "xlsb" | "ods" | "csv" => FileClass::Sheet,
        e if video::is_video_extension(e) => FileClass::Video,
        _ => FileClass::Other,
    }
}

#[derive(Debug, Clone)]
pub enum Facts {
    Text(text::TextFacts),
    Image(image::ImageFacts),
    Video(video::VideoFacts),
    Sheet(Vec<sheet::Sheet>),
    /// Present and intact, but its content could not be verified (a format not read
    /// yet, a scan): it counts as present, with a warning `code` saying why.
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

/// Inspects one file according to its class. Never panics on the file's content.
pub fn inspect(sub: &Submission, id: EntryId) -> Facts {
    let entry = sub.entry(id);
    let ext = entry.extension();
    let class = classify(&ext);
    if class == FileClass::Other {
        return Facts::Other;
    }
    let mut reader = match sub.open(id) {
        Ok(r) => r,
        Err(e) => {
            let code = match class {
                FileClass::Photo | FileClass::NotYet(NotYetKind::Photo) => Code::PhotoUnreadable,
                FileClass::Video => Code::VideoBroken,
                FileClass::Sheet | FileClass::NotYet(NotYetKind::Sheet) => Code::RosterUnreadable,
                _ => Code::DocumentUnreadable,
            };
            return Facts::Problem(code, msg!("无法打开文件：{e}", "cannot open the file: {e}"));
        }
    };
    let size = entry.size();
    let result = match class {
        FileClass::Document => text::extract(&mut reader, &ext),
        FileClass::Photo => image::inspect(&mut reader).map(Facts::Image),
        FileClass::Video => video::inspect(&mut reader, size, &ext).map(Facts::Video),
        FileClass::Sheet => sheet::read(&mut reader, &ext).map(Facts::Sheet),
        FileClass::NotYet(kind) => not_yet(&mut reader, kind, &ext),
        FileClass::Other => Ok(Facts::Other),
    };
    result.unwrap_or_else(|(code, why)| Facts::Problem(code, why))
}

/// The error half of every reader: which finding, and why.
pub type Failure = (Code, Msg);

/// Checks the magic bytes of a format that is not read yet, so that a renamed or
/// broken file is still caught.
fn not_yet(
    reader: &mut dyn crate::intake::ReadSeek,
    kind: NotYetKind,
    ext: &str,
) -> Result<Facts, Failure> {
    let mut head = [0u8; 16];
    let n = read_up_to(reader, &mut head);
    let head = &head[..n];
    let valid = match ext {
        "doc" | "wps" | "wpt" | "dot" | "et" | "ett" => head.starts_with(&ole::MAGIC),
        "pdf" => head.starts_with(b"%PDF-"),
        "odt" => head.starts_with(b"PK\x03\x04"),
        "rtf" => head.starts_with(b"{\\rtf"),
        "heic" | "heif" => head.get(4..8) == Some(b"ftyp"),
        "webp" => head.starts_with(b"RIFF") && head.get(8..12) == Some(b"WEBP"),
        "bmp" => head.starts_with(b"BM"),
        "tif" | "tiff" => head.starts_with(b"II*\0") || head.starts_with(b"MM\0*"),
        "gif" => head.starts_with(b"GIF8"),
        _ => false,
    };
    if valid {
        if matches!(ext, "doc" | "wps" | "et") && ole::is_encrypted(reader) {
            return Err((
                Code::DocumentEncrypted,
                msg!("文档设置了打开密码", "the file is password-protected"),
            ));
        }
        return Ok(not_read_yet(kind, ext));
    }
    let code = match kind {
        NotYetKind::Photo => Code::PhotoUnreadable,
        NotYetKind::Sheet => Code::RosterUnreadable,
        NotYetKind::Document => Code::DocumentUnreadable,
    };
    Err((
        code,
        msg!(
            "文件内容不是 .{ext} 格式（文件头不符），可能已损坏或被改过扩展名",
            "the content is not .{ext} (wrong file header); it may be damaged or renamed"
        ),
    ))
}

/// The facts of an intact file in a format that is not read yet.
pub fn not_read_yet(kind: NotYetKind, ext: &str) -> Facts {
    let target = match kind {
        NotYetKind::Document => ".docx",
        NotYetKind::Photo => ".jpg",
        NotYetKind::Sheet => ".xlsx",
    };
    Facts::Unverified {
        kind,
        code: Code::FormatNotSupportedYet,
        note: msg!(
            "暂时无法读取 .{ext} 格式，内容未核验；如需核验，请另存为 {target}",
            ".{ext} files cannot be read yet, so the content was not verified; save it as {target} to have it checked"
        ),
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
