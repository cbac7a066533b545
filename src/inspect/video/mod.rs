//! Video integrity without decoding: the MP4/MOV box tree walked by seeking from box
//! header to box header, MPEG program and transport streams by their first and last
//! packets, and magic bytes (plus the RIFF length) for other containers.
//!
//! A video cut short in transfer has a last box that runs past the end of the file,
//! or no `moov` index at all; either way no player can open it.

use std::io::SeekFrom;

use super::Failure;
use crate::codes::Code;
use crate::intake::ReadSeek;

mod iso;
mod magic;
mod mpeg;
mod samples;

pub(crate) use iso::boxes_fit;
use iso::walk_iso_bmff;
use magic::{ASF_GUID, check_magic};
use mpeg::check_mpeg;

/// Extensions walked as ISO base media files.
const ISO_BMFF: &[&str] = &["mp4", "mov", "m4v", "3gp", "3g2"];
/// Extensions checked by magic bytes only.
const BY_MAGIC: &[&str] = &["avi", "wmv", "asf", "flv", "mkv", "webm"];
/// Extensions read as MPEG program streams (DVD-style) or transport streams (AVCHD
/// camcorders), whichever the bytes are.
const MPEG: &[&str] = &["mpg", "mpeg", "vob", "ts", "mts", "m2ts"];
/// Video extensions baosong cannot verify.
const UNVERIFIED: &[&str] = &["rm", "rmvb", "f4v"];
/// Video-site cache files (Tencent Video, iQIYI, Youku): encrypted or split, they play
/// only in the app that downloaded them.
const CACHE: &[&str] = &["qlv", "qsv", "kux"];

pub fn is_video_extension(ext: &str) -> bool {
    ISO_BMFF.contains(&ext)
        || BY_MAGIC.contains(&ext)
        || MPEG.contains(&ext)
        || UNVERIFIED.contains(&ext)
        || CACHE.contains(&ext)
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct VideoFacts {
    /// Duration in seconds, when the container states it.
    pub duration: Option<f64>,
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
    if CACHE.contains(&ext) {
        return Err((Code::VideoCacheFile, msg!("video-cache-file", ext)));
    }
    // The container the bytes announce decides the reader, as players decide: a
    // camcorder's .ts renamed .mp4 plays, and is read as what it is.
    let ext = container_of(head).unwrap_or(ext);
    if ISO_BMFF.contains(&ext) {
        walk_iso_bmff(reader, len).map_err(|why| (Code::VideoBroken, why))
    } else if BY_MAGIC.contains(&ext) {
        check_magic(reader, len, ext).map_err(|why| (Code::VideoBroken, why))
    } else if MPEG.contains(&ext) {
        check_mpeg(reader, len).map_err(|why| (Code::VideoBroken, why))
    } else {
        Err((Code::VideoUnverified, msg!("video-unverified", ext)))
    }
}

/// The container a file's first bytes announce, as the extension of its reader.
fn container_of(head: &[u8]) -> Option<&'static str> {
    let heif = matches!(
        head.get(8..12),
        Some(b"heic" | b"heix" | b"mif1" | b"msf1" | b"heim" | b"heis")
    );
    if head.get(4..8) == Some(b"ftyp") && !heif {
        Some("mp4")
    } else if head.starts_with(b"RIFF") && head.get(8..12) == Some(b"AVI ") {
        Some("avi")
    } else if head.starts_with(&ASF_GUID) {
        Some("wmv")
    } else if head.starts_with(b"FLV\x01") {
        Some("flv")
    } else if head.starts_with(&[0x1A, 0x45, 0xDF, 0xA3]) {
        Some("mkv")
    } else if super::sniff::is_mpeg_program_stream(head)
        || super::sniff::mpeg_ts_layout(head).is_some()
    {
        Some("mpg")
    } else {
        None
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
        // As much of the ASF GUID as the file has: a WMV cut short is a cut video,
        // not another format.
        || (head.len() >= 10 && ASF_GUID.starts_with(&head[..head.len().min(16)]))
        || head.starts_with(b"FLV\x01")
        || head.starts_with(&[0x1A, 0x45, 0xDF, 0xA3])
        || super::sniff::is_mpeg_program_stream(head)
        || super::sniff::mpeg_ts_layout(head).is_some()
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

    /// The MPEG clips, each with the extension it is read under: the AVCHD clip also
    /// as .mts, the camcorders' name for the same format.
    const MPEG_CLIPS: &[(&str, &str)] = &[
        ("clip.mpg", "mpg"),
        ("clip-vcd.mpg", "mpg"),
        ("clip.vob", "vob"),
        ("clip.ts", "ts"),
        ("clip.m2ts", "m2ts"),
        ("clip.m2ts", "mts"),
    ];

    #[test]
    fn durations_of_ffmpeg_clips() {
        // Every clip is the same 2-second test pattern, one per container.
        let clips = ["clip.mp4", "clip.avi", "clip.wmv", "clip.flv"].map(|name| {
            let ext = name.rsplit('.').next().unwrap();
            (name, ext)
        });
        for &(name, ext) in clips.iter().chain(MPEG_CLIPS) {
            let bytes = fixture(name);
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
        // An MP4 renamed .wmv plays, as players go by the bytes; a cut one does not.
        let facts = inspect(&mut Cursor::new(&mp4), mp4.len() as u64, "wmv").unwrap();
        assert!(facts.duration.is_some_and(|d| (d - 2.0).abs() < 0.15));
        let cut = &mp4[..mp4.len() - 100];
        let err = inspect(&mut Cursor::new(cut), cut.len() as u64, "wmv").unwrap_err();
        assert_eq!(err.0, Code::VideoBroken);
        let err = inspect(&mut Cursor::new(&mp4), mp4.len() as u64, "qlv").unwrap_err();
        assert_eq!(err.0, Code::VideoCacheFile);
    }

    #[test]
    fn mpeg_clips_cut_to_90_or_50_percent_are_broken() {
        for &(name, ext) in MPEG_CLIPS {
            for tenths in [9, 5] {
                let mut clip = fixture(name);
                // A little short: at exactly 90% or 50% some of these clips divide
                // into whole packets, which is how camcorders split files (next test).
                clip.truncate(clip.len() * tenths / 10 - 100);
                let err = inspect(&mut Cursor::new(&clip), clip.len() as u64, ext)
                    .expect_err(&format!("{name} cut to {tenths}0%"));
                assert_eq!(err.0, Code::VideoBroken, "{name} cut to {tenths}0%");
                assert!(err.1.en.contains("MPEG"), "{name}: {}", err.1.en);
            }
        }
    }

    #[test]
    fn mpeg_clips_cut_on_a_packet_boundary_still_play() {
        // A camcorder splits long recordings into whole packets, and ffmpeg writes no
        // program end code: a file that ends on a whole packet is complete.
        let clips = [
            ("clip.ts", 188),
            ("clip.m2ts", 192),
            ("clip.vob", 2048),
            ("clip-vcd.mpg", 2324),
        ];
        for (name, packet) in clips {
            let mut clip = fixture(name);
            clip.truncate(clip.len() / packet / 2 * packet);
            let ext = name.rsplit('.').next().unwrap();
            let facts = inspect(&mut Cursor::new(&clip), clip.len() as u64, ext)
                .unwrap_or_else(|e| panic!("{name}: {e:?}"));
            assert!(facts.duration.unwrap() > 0.0, "{name}");
            // Zeros after the last packet are what a copy that stopped leaves.
            clip.resize(clip.len() + 4096, 0);
            let err = inspect(&mut Cursor::new(&clip), clip.len() as u64, ext).unwrap_err();
            assert_eq!(err.0, Code::VideoBroken, "{name} with zeros");
        }
    }

    #[test]
    fn mpeg_without_pictures_random_bytes_and_renamed_photos_are_broken() {
        let sound = fixture("sound-only.mpg");
        let err = inspect(&mut Cursor::new(&sound), sound.len() as u64, "mpg").unwrap_err();
        assert_eq!(err, (Code::VideoBroken, msg!("video-mpeg-no-picture")));
        // Bytes from a fixed-seed generator, so a failure can be reproduced.
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        let noise: Vec<u8> = (0..20_000)
            .map(|_| {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                seed as u8
            })
            .collect();
        for ext in ["mpg", "ts", "mts"] {
            let err = inspect(&mut Cursor::new(&noise), noise.len() as u64, ext).unwrap_err();
            assert_eq!(err.0, Code::VideoBroken, "{ext}");
        }
        let mut jpeg = vec![0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, b'J', b'F', b'I', b'F', 0];
        jpeg.resize(4000, 0);
        let err = inspect(&mut Cursor::new(&jpeg), jpeg.len() as u64, "mts").unwrap_err();
        assert_eq!(err.0, Code::VideoBroken);
        assert!(err.1.zh.contains("JPEG"), "{}", err.1.zh);
        // A transport stream renamed .mpg is still read, as players read it.
        let ts = fixture("clip.ts");
        assert!(inspect(&mut Cursor::new(&ts), ts.len() as u64, "mpg").is_ok());
    }

    #[test]
    fn rm_rmvb_and_f4v_are_not_verified() {
        // RealMedia's header: a format baosong does not walk.
        let rm = b".RMF\0\0\0\x12\0\x01\0\0\0\0\0\x05PROP".repeat(20);
        for ext in ["rm", "rmvb", "f4v"] {
            let err = inspect(&mut Cursor::new(&rm), rm.len() as u64, ext).unwrap_err();
            assert_eq!(err.0, Code::VideoUnverified, "{ext}");
        }
        // An F4V is an MP4 box tree, and a transport stream named .rm is one: both are
        // read for what they are.
        for (clip, ext) in [("clip.mp4", "f4v"), ("clip.ts", "rm")] {
            let bytes = fixture(clip);
            assert!(inspect(&mut Cursor::new(&bytes), bytes.len() as u64, ext).is_ok());
        }
    }
}
