//! Video integrity without decoding: the MP4/MOV box tree walked by seeking from box
//! header to box header, and magic bytes (plus the RIFF length) for other containers.
//!
//! A video cut short in transfer has a last box that runs past the end of the file,
//! or no `moov` index at all; either way no player can open it.

use std::io::SeekFrom;

use super::Failure;
use crate::codes::Code;
use crate::findings::Msg;
use crate::intake::ReadSeek;
use crate::msg;

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

/// Top-level boxes a walk stops after: more than any real file has.
const MAX_BOXES: usize = 100_000;

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
    if ISO_BMFF.contains(&ext) {
        walk_iso_bmff(reader, len).map_err(|why| (Code::VideoBroken, why))
    } else if BY_MAGIC.contains(&ext) {
        check_magic(reader, len, ext).map_err(|why| (Code::VideoBroken, why))
    } else if CACHE.contains(&ext) {
        Err((
            Code::VideoCacheFile,
            msg!(
                "这是视频网站缓存文件（.{ext}），无法在其他电脑播放；请提供原始视频（如 .mp4）",
                "this is a video-site cache file (.{ext}) that plays on no other computer; send the original video (e.g. .mp4)"
            ),
        ))
    } else {
        Err((
            Code::VideoUnverified,
            msg!(
                "无法核验 .{ext} 格式的视频",
                "videos in .{ext} format cannot be verified"
            ),
        ))
    }
}

struct BoxHeader {
    kind: [u8; 4],
    /// Offset of the box's payload.
    body: u64,
    /// Offset just past the box.
    end: u64,
}

/// Reads the box header at `offset`; `limit` is the end of the enclosing box.
fn read_box(r: &mut dyn ReadSeek, offset: u64, limit: u64) -> Result<BoxHeader, Msg> {
    let truncated = || {
        msg!(
            "视频在 {offset} 字节处被截断（文件不完整）",
            "the video is cut off at byte {offset} (incomplete file)"
        )
    };
    if limit.saturating_sub(offset) < 8 {
        return Err(truncated());
    }
    r.seek(SeekFrom::Start(offset)).map_err(|_| truncated())?;
    let mut head = [0u8; 8];
    r.read_exact(&mut head).map_err(|_| truncated())?;
    let size32 = u32::from_be_bytes([head[0], head[1], head[2], head[3]]);
    let kind = [head[4], head[5], head[6], head[7]];
    let (size, header_len) = match size32 {
        0 => (limit - offset, 8),
        1 => {
            let mut large = [0u8; 8];
            r.read_exact(&mut large).map_err(|_| truncated())?;
            (u64::from_be_bytes(large), 16)
        }
        n => (u64::from(n), 8),
    };
    let name = String::from_utf8_lossy(&kind).into_owned();
    if !kind.iter().all(|b| b.is_ascii_graphic() || *b == b' ') {
        return Err(msg!(
            "在 {offset} 字节处遇到无效的数据，文件已损坏或不是 MP4/MOV 视频",
            "invalid data at byte {offset}: the file is damaged or not an MP4/MOV video"
        ));
    }
    if size < header_len {
        return Err(msg!(
            "“{name}”数据块的长度无效，文件已损坏",
            "the \"{name}\" box has an invalid size; the file is damaged"
        ));
    }
    let end = offset.saturating_add(size);
    if end > limit {
        return Err(msg!(
            "“{name}”数据块应有 {size} 字节，但文件在此之前就结束了：视频不完整（传输中断？）",
            "the \"{name}\" box should hold {size} bytes but the file ends before that: the video is incomplete (interrupted transfer?)"
        ));
    }
    Ok(BoxHeader {
        kind,
        body: offset + header_len,
        end,
    })
}

fn walk_iso_bmff(r: &mut dyn ReadSeek, len: u64) -> Result<VideoFacts, Msg> {
    let mut offset = 0;
    let mut moov = None;
    let mut has_media = false;
    let mut boxes = 0;
    while offset < len {
        boxes += 1;
        if boxes > MAX_BOXES {
            return Err(msg!(
                "视频结构异常（数据块过多）",
                "abnormal video structure (too many boxes)"
            ));
        }
        let b = read_box(r, offset, len)?;
        match &b.kind {
            b"moov" => moov = Some((b.body, b.end)),
            b"mdat" | b"moof" => has_media = true,
            _ => {}
        }
        offset = b.end;
    }
    let Some((body, end)) = moov else {
        return Err(msg!(
            "视频缺少索引（moov），通常是导出或传输没有完成",
            "the video has no index (moov box), usually an unfinished export or transfer"
        ));
    };
    if !has_media {
        return Err(msg!(
            "视频中没有画面数据（mdat）",
            "the video holds no media data (mdat box)"
        ));
    }
    Ok(VideoFacts {
        duration: movie_duration(r, body, end)?,
        verified: true,
    })
}

/// Finds `mvhd` among the children of `moov` and returns the duration it states.
fn movie_duration(r: &mut dyn ReadSeek, mut offset: u64, end: u64) -> Result<Option<f64>, Msg> {
    while offset < end {
        let b = read_box(r, offset, end)?;
        if &b.kind == b"mvhd" {
            let mut v = [0u8; 32];
            r.seek(SeekFrom::Start(b.body))
                .map_err(|e| msg!("{e}", "{e}"))?;
            let n = super::read_up_to(r, &mut v);
            let (timescale, duration) = match v[0] {
                0 if n >= 20 => (be32(&v[12..16]), u64::from(be32(&v[16..20]))),
                1 if n >= 32 => (be32(&v[20..24]), be64(&v[24..32])),
                _ => return Ok(None),
            };
            return Ok((timescale > 0).then(|| duration as f64 / f64::from(timescale)));
        }
        offset = b.end;
    }
    Ok(None)
}

fn be32(b: &[u8]) -> u32 {
    u32::from_be_bytes([b[0], b[1], b[2], b[3]])
}

fn be64(b: &[u8]) -> u64 {
    u64::from_be_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]])
}

const ASF_GUID: [u8; 16] = [
    0x30, 0x26, 0xB2, 0x75, 0x8E, 0x66, 0xCF, 0x11, 0xA6, 0xD9, 0x00, 0xAA, 0x00, 0x62, 0xCE, 0x6C,
];

/// Bytes of a container's header searched for its duration.
const HEADER_PROBE: usize = 64 * 1024;

fn check_magic(r: &mut dyn ReadSeek, len: u64, ext: &str) -> Result<VideoFacts, Msg> {
    let mut head = vec![0u8; HEADER_PROBE];
    let n = super::read_up_to(r, &mut head);
    head.truncate(n);
    let duration = match ext {
        "avi" if head.starts_with(b"RIFF") && head.get(8..12) == Some(b"AVI ") => {
            let riff_len = u64::from(le32(&head[4..8])) + 8;
            if riff_len > len {
                return Err(msg!(
                    "AVI 视频应有 {riff_len} 字节，实际只有 {len} 字节：视频不完整（传输中断？）",
                    "the AVI video should be {riff_len} bytes but is only {len}: it is incomplete (interrupted transfer?)"
                ));
            }
            Some(avi_duration(&head))
        }
        "wmv" | "asf" if head.starts_with(&ASF_GUID) => {
            if let Some(declared) = asf_file_size(&head)
                && declared > len
            {
                return Err(incomplete(declared, len));
            }
            Some(asf_duration(&head))
        }
        "flv" if head.starts_with(b"FLV\x01") => {
            if !flv_ends_with_a_tag(r, len) {
                return Err(msg!(
                    "FLV 视频的最后一段数据不完整：视频被截断了（传输中断？）",
                    "the FLV video's last tag is incomplete: the video is cut off (interrupted transfer?)"
                ));
            }
            Some(flv_duration(&head))
        }
        "mkv" | "webm" if head.starts_with(&[0x1A, 0x45, 0xDF, 0xA3]) => {
            match mkv_declared_size(&head) {
                Err(()) => None,
                Ok(Some(declared)) if declared > len => return Err(incomplete(declared, len)),
                Ok(_) => Some(None),
            }
        }
        _ => None,
    };
    match duration {
        Some(duration) => Ok(VideoFacts {
            duration,
            verified: false,
        }),
        None => Err(msg!(
            "文件内容不是 .{ext} 视频（文件头不符），可能已损坏或被改过扩展名",
            "the content is not a .{ext} video (wrong file header); it may be damaged or renamed"
        )),
    }
}

fn incomplete(declared: u64, len: u64) -> Msg {
    msg!(
        "视频应有 {declared} 字节，实际只有 {len} 字节：视频不完整（传输中断？）",
        "the video should be {declared} bytes but is only {len}: it is incomplete (interrupted transfer?)"
    )
}

/// An EBML variable-length integer at the start of `b`: (value, length). All-ones
/// values mean "unknown size" and give None.
fn ebml_vint(b: &[u8]) -> Option<(Option<u64>, usize)> {
    let first = *b.first()?;
    let len = first.leading_zeros() as usize + 1;
    if len > 8 || b.len() < len {
        return None;
    }
    let mut value = u64::from(first) & (0xFF >> len);
    for &byte in &b[1..len] {
        value = (value << 8) | u64::from(byte);
    }
    let unknown = value == (1u64 << (7 * len)) - 1;
    Some(((!unknown).then_some(value), len))
}

/// MKV/WebM: the end of the Segment as its header declares it (EBML header, then the
/// Segment element). Live recordings declare an unknown size: Ok(None). A header that
/// does not lead to a Segment is Err: the file is cut short or not Matroska.
fn mkv_declared_size(head: &[u8]) -> Result<Option<u64>, ()> {
    let (header_size, n) = head.get(4..).and_then(ebml_vint).ok_or(())?;
    let segment = 4
        + n
        + header_size
            .and_then(|s| usize::try_from(s).ok())
            .ok_or(())?;
    if head.get(segment..segment + 4) != Some(&[0x18, 0x53, 0x80, 0x67][..]) {
        return Err(());
    }
    let (size, m) = head.get(segment + 4..).and_then(ebml_vint).ok_or(())?;
    Ok(size.map(|s| (segment + 4 + m) as u64 + s))
}

/// ASF: the File Properties Object states the file's size.
fn asf_file_size(head: &[u8]) -> Option<u64> {
    let at = head.windows(16).position(|w| w == ASF_FILE_PROPERTIES)?;
    let size = le64(head.get(at + 40..at + 48)?);
    (size > 0).then_some(size)
}

/// FLV: the last four bytes give the size of the last tag, which must start with a
/// tag type (audio 8, video 9, script 18) exactly that far back.
fn flv_ends_with_a_tag(r: &mut dyn ReadSeek, len: u64) -> bool {
    let mut last = [0u8; 4];
    if len < 13 + 4
        || r.seek(SeekFrom::Start(len - 4)).is_err()
        || super::read_up_to(r, &mut last) < 4
    {
        return false;
    }
    let size = u64::from(be32(&last));
    if size == 0 {
        // A file holding only its header.
        return len == 13;
    }
    let Some(start) = (len - 4).checked_sub(size) else {
        return false;
    };
    let mut kind = [0u8; 1];
    r.seek(SeekFrom::Start(start)).is_ok()
        && super::read_up_to(r, &mut kind) == 1
        && matches!(kind[0] & 0x1F, 8 | 9 | 18)
}

fn le32(b: &[u8]) -> u32 {
    u32::from_le_bytes([b[0], b[1], b[2], b[3]])
}

fn le64(b: &[u8]) -> u64 {
    u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]])
}

/// AVI: the main header (`avih`) gives microseconds per frame and the frame count.
fn avi_duration(head: &[u8]) -> Option<f64> {
    let at = head.windows(4).position(|w| w == b"avih")?;
    let data = head.get(at + 8..at + 8 + 20)?;
    let per_frame = f64::from(le32(&data[0..4]));
    let frames = f64::from(le32(&data[16..20]));
    (per_frame > 0.0 && frames > 0.0).then(|| per_frame * frames / 1e6)
}

/// The ASF File Properties Object's GUID, as stored.
const ASF_FILE_PROPERTIES: [u8; 16] = [
    0xA1, 0xDC, 0xAB, 0x8C, 0x47, 0xA9, 0xCF, 0x11, 0x8E, 0xE4, 0x00, 0xC0, 0x0C, 0x20, 0x53, 0x65,
];

/// WMV/ASF: the File Properties Object's play duration (100 ns units) less preroll (ms).
fn asf_duration(head: &[u8]) -> Option<f64> {
    let at = head.windows(16).position(|w| w == ASF_FILE_PROPERTIES)?;
    let object = head.get(at..at + 88)?;
    let play = le64(&object[64..72]) as f64 / 1e7;
    let preroll = le64(&object[80..88]) as f64 / 1e3;
    (play > 0.0).then(|| (play - preroll).max(0.0))
}

/// FLV: the `duration` number of the `onMetaData` script tag (AMF0, big-endian double).
fn flv_duration(head: &[u8]) -> Option<f64> {
    let key = b"\x00\x08duration\x00";
    let at = head.windows(key.len()).position(|w| w == key)? + key.len();
    let bytes: [u8; 8] = head.get(at..at + 8)?.try_into().ok()?;
    let seconds = f64::from_be_bytes(bytes);
    (seconds.is_finite() && seconds > 0.0).then_some(seconds)
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
