//! Video integrity without decoding: the MP4/MOV box tree walked by seeking from box
//! header to box header, and magic bytes (plus the RIFF length) for other containers.
//!
//! A video cut short in transfer has a last box that runs past the end of the file,
//! or no `moov` index at all; either way no player can open it.

use std::io::SeekFrom;

use super::Failure;
use crate::codes::Code;
use crate::intake::ReadSeek;

mod iso;
mod magic;

pub(crate) use iso::boxes_fit;
use iso::walk_iso_bmff;
use magic::{ASF_GUID, check_magic};

/// Extensions walked as ISO base media files.
const ISO_BMFF: &[&str] = &["mp4", "mov", "m4v", "3gp", "3g2"];
/// Extensions checked by magic bytes only.
const BY_MAGIC: &[&str] = &["avi", "wmv", "asf", "flv", "mkv", "webm"];
/// Video extensions baosong cannot verify.
const UNVERIFIED: &[&str] = &[
    "mpg", "mpeg", "ts", "mts", "m2ts", "vob", "rm", "rmvb", "f4v",
];
/// Video-site cache files (Tencent Video, iQIYI, Youku): encrypted or split, they play
/// only in the app that downloaded them.
const CACHE: &[&str] = &["qlv", "qsv", "kux"];

pub fn is_video_extension(ext: &str) -> bool {
    ISO_BMFF.contains(&ext)
        || BY_MAGIC.contains(&ext)
        || UNVERIFIED.contains(&ext)
        || CACHE.contains(&ext)
}

#[derive(Debug, Clone, PartialEq)]
pub struct VideoFacts {
    /// Duration in seconds, when the container states it.
    pub duration: Option<f64>,
    /// False when only the file type could be recognised, not the whole structure.
    pub verified: bool,
}

pub fn inspect(reader: &mut dyn ReadSeek, len: u64, ext: &str) -> Result<VideoFacts, Failure> {
    let mut head = [0u8; super::sniff::HEAD];
    let n = super::read_up_to(reader, &mut head);
    let head = &head[..n];
    reader
        .seek(SeekFrom::Start(0))
        .map_err(|e| (Code::VideoBroken, msg!("video-broken", e)))?;
    if !CACHE.contains(&ext) && !is_video_head(head) && super::sniff::real_format(head).is_some() {
        return Err((
            Code::VideoBroken,
            super::sniff::mismatch(head, ext, msg!("kind-video")),
        ));
    }
    if ISO_BMFF.contains(&ext) {
        walk_iso_bmff(reader, len).map_err(|why| (Code::VideoBroken, why))
    } else if BY_MAGIC.contains(&ext) {
        check_magic(reader, len, ext).map_err(|why| (Code::VideoBroken, why))
    } else if CACHE.contains(&ext) {
        Err((Code::VideoCacheFile, msg!("video-cache-file", ext)))
    } else {
        Err((Code::VideoUnverified, msg!("video-unverified", ext)))
    }
}

/// Whether the first bytes are those of a video container baosong knows.
fn is_video_head(head: &[u8]) -> bool {
    let heif = matches!(
        head.get(8..12),
        Some(b"heic" | b"heix" | b"mif1" | b"msf1" | b"heim" | b"heis")
    );
    (head.get(4..8) == Some(b"ftyp") && !heif)
        || (head.starts_with(b"RIFF") && head.get(8..12) == Some(b"AVI "))
        || head.starts_with(&ASF_GUID)
        || head.starts_with(b"FLV\x01")
        || head.starts_with(&[0x1A, 0x45, 0xDF, 0xA3])
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    fn fixture(name: &str) -> Vec<u8> {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name);
        std::fs::read(path).unwrap()
    }

    #[test]
    fn durations_of_ffmpeg_clips() {
        // Every clip is the same 2-second test pattern, in five containers.
        for name in ["clip.mp4", "clip.avi", "clip.wmv", "clip.flv"] {
            let bytes = fixture(name);
            let ext = name.rsplit('.').next().unwrap();
            let facts = inspect(&mut Cursor::new(&bytes), bytes.len() as u64, ext)
                .unwrap_or_else(|e| panic!("{name}: {e:?}"));
            let duration = facts
                .duration
                .unwrap_or_else(|| panic!("{name}: no duration"));
            assert!((duration - 2.0).abs() < 0.15, "{name}: {duration}");
        }
        let mkv = fixture("clip.mkv");
        assert!(inspect(&mut Cursor::new(&mkv), mkv.len() as u64, "mkv").is_ok());
    }

    #[test]
    fn truncated_avi_wmv_flv_and_mkv_and_renamed_files_are_broken() {
        for ext in ["avi", "wmv", "flv", "mkv"] {
            let mut clip = fixture(&format!("clip.{ext}"));
            clip.truncate(clip.len() * 9 / 10);
            let err = inspect(&mut Cursor::new(&clip), clip.len() as u64, ext).unwrap_err();
            assert_eq!(err.0, Code::VideoBroken, "{ext}");
        }
        let mp4 = fixture("clip.mp4");
        let err = inspect(&mut Cursor::new(&mp4), mp4.len() as u64, "wmv").unwrap_err();
        assert_eq!(err.0, Code::VideoBroken);
        let err = inspect(&mut Cursor::new(&mp4), mp4.len() as u64, "qlv").unwrap_err();
        assert_eq!(err.0, Code::VideoCacheFile);
    }
}
