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
    "mpg", "mpeg", "ts", "mts", "m2ts", "vob", "rm", "rmvb", "f4v", "qlv", "qsv", "kux",
];

/// Top-level boxes a walk stops after: more than any real file has.
const MAX_BOXES: usize = 100_000;

pub fn is_video_extension(ext: &str) -> bool {
    ISO_BMFF.contains(&ext) || BY_MAGIC.contains(&ext) || UNVERIFIED.contains(&ext)
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

fn check_magic(r: &mut dyn ReadSeek, len: u64, ext: &str) -> Result<VideoFacts, Msg> {
    let mut head = [0u8; 16];
    let n = super::read_up_to(r, &mut head);
    let head = &head[..n];
    let ok = match ext {
        "avi" if head.starts_with(b"RIFF") && head.get(8..12) == Some(b"AVI ") => {
            let riff_len = u64::from(u32::from_le_bytes([head[4], head[5], head[6], head[7]])) + 8;
            if riff_len > len {
                return Err(msg!(
                    "AVI 视频应有 {riff_len} 字节，实际只有 {len} 字节：视频不完整（传输中断？）",
                    "the AVI video should be {riff_len} bytes but is only {len}: it is incomplete (interrupted transfer?)"
                ));
            }
            true
        }
        "wmv" | "asf" => head.starts_with(&ASF_GUID),
        "flv" => head.starts_with(b"FLV\x01"),
        "mkv" | "webm" => head.starts_with(&[0x1A, 0x45, 0xDF, 0xA3]),
        _ => false,
    };
    if ok {
        Ok(VideoFacts {
            duration: None,
            verified: false,
        })
    } else {
        Err(msg!(
            "文件内容不是 .{ext} 视频（文件头不符），可能已损坏或被改过扩展名",
            "the content is not a .{ext} video (wrong file header); it may be damaged or renamed"
        ))
    }
}
