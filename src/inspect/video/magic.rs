//! AVI, WMV/ASF, FLV and MKV/WebM: magic bytes, the declared length, and a sign of
//! media data (a `movi` chunk, a data packet, a media tag, a Cluster).

use std::io::SeekFrom;

use super::VideoFacts;
use super::iso::be32;
use crate::findings::Msg;
use crate::intake::ReadSeek;
use crate::limits::MAX_AVI_CHUNKS;

pub(super) const ASF_GUID: [u8; 16] = [
    0x30, 0x26, 0xB2, 0x75, 0x8E, 0x66, 0xCF, 0x11, 0xA6, 0xD9, 0x00, 0xAA, 0x00, 0x62, 0xCE, 0x6C,
];

/// Bytes of a container's header searched for its duration.
pub(super) const HEADER_PROBE: usize = 64 * 1024;

pub(super) fn check_magic(r: &mut dyn ReadSeek, len: u64, ext: &str) -> Result<VideoFacts, Msg> {
    let mut head = vec![0u8; HEADER_PROBE];
    let n = crate::inspect::read_up_to(r, &mut head);
    head.truncate(n);
    let duration = match ext {
        "avi" if head.starts_with(b"RIFF") && head.get(8..12) == Some(b"AVI ") => {
            let riff_len = u64::from(le32(&head[4..8])) + 8;
            if riff_len > len {
                return Err(msg!("video-avi-short", riff_len, len));
            }
            if !avi_has_frames(r, riff_len.min(len))? {
                return Err(no_pictures());
            }
            Some(avi_duration(&head))
        }
        "wmv" | "asf" if head.starts_with(&ASF_GUID) => {
            if let Some(declared) = asf_file_size(&head)
                && declared > len
            {
                return Err(incomplete(declared, len));
            }
            if !asf_has_packets(r, &head) {
                return Err(no_pictures());
            }
            Some(asf_duration(&head))
        }
        "flv" if head.starts_with(b"FLV\x01") => {
            if !flv_ends_with_a_tag(r, len) {
                return Err(msg!("video-flv-cut"));
            }
            if !flv_has_media(r, len) {
                return Err(no_pictures());
            }
            Some(flv_duration(&head)?)
        }
        "mkv" | "webm" if head.starts_with(&[0x1A, 0x45, 0xDF, 0xA3]) => {
            match mkv_declared_size(&head) {
                Err(()) => None,
                Ok(Some(declared)) if declared > len => return Err(incomplete(declared, len)),
                Ok(_) if !mkv_has_cluster(r, len) => return Err(no_pictures()),
                Ok(_) => Some(mkv_duration(&head)?),
            }
        }
        _ => None,
    };
    match duration {
        Some(Some(seconds)) if seconds <= 0.0 => Err(no_pictures()),
        Some(duration) => Ok(VideoFacts { duration }),
        None => Err(msg!("content-wrong-header", expected = msg!("kind-video"))),
    }
}

pub(super) fn no_pictures() -> Msg {
    msg!("video-no-picture-data")
}

/// AVI: a `movi` list holding at least one chunk, found by walking the RIFF chunks;
/// Err when more than [`MAX_AVI_CHUNKS`] chunks come before it.
pub(super) fn avi_has_frames(r: &mut dyn ReadSeek, end: u64) -> Result<bool, Msg> {
    let mut offset = 12u64;
    for _ in 0..MAX_AVI_CHUNKS {
        if offset + 12 > end || r.seek(SeekFrom::Start(offset)).is_err() {
            return Ok(false);
        }
        let mut head = [0u8; 12];
        if crate::inspect::read_up_to(r, &mut head) < 12 {
            return Ok(false);
        }
        let size = u64::from(le32(&head[4..8]));
        if &head[0..4] == b"LIST" && &head[8..12] == b"movi" {
            // The list type takes 4 bytes; a chunk header takes 8 more.
            return Ok(size >= 4 + 8);
        }
        offset += 8 + size + (size & 1);
    }
    let limit = MAX_AVI_CHUNKS;
    Err(msg!("video-avi-too-many-chunks", limit))
}

/// The ASF Data Object's GUID, as stored.
pub(super) const ASF_DATA: [u8; 16] = [
    0x36, 0x26, 0xB2, 0x75, 0x8E, 0x66, 0xCF, 0x11, 0xA6, 0xD9, 0x00, 0xAA, 0x00, 0x62, 0xCE, 0x6C,
];

/// WMV/ASF: the Data Object right after the Header Object counts at least one packet.
pub(super) fn asf_has_packets(r: &mut dyn ReadSeek, head: &[u8]) -> bool {
    let Some(header_size) = head.get(16..24).map(le64) else {
        return false;
    };
    let mut data = [0u8; 50];
    r.seek(SeekFrom::Start(header_size)).is_ok()
        && crate::inspect::read_up_to(r, &mut data) == 50
        && data[..16] == ASF_DATA
        && le64(&data[40..48]) > 0
}

/// FLV: the last tag is audio or video, not only the metadata script tag.
pub(super) fn flv_has_media(r: &mut dyn ReadSeek, len: u64) -> bool {
    let mut last = [0u8; 4];
    if len < 13 + 4
        || r.seek(SeekFrom::Start(len - 4)).is_err()
        || crate::inspect::read_up_to(r, &mut last) < 4
    {
        return false;
    }
    let Some(start) = (len - 4).checked_sub(u64::from(be32(&last))) else {
        return false;
    };
    let mut kind = [0u8; 1];
    r.seek(SeekFrom::Start(start)).is_ok()
        && crate::inspect::read_up_to(r, &mut kind) == 1
        && matches!(kind[0] & 0x1F, 8 | 9)
}

/// Bytes of a Matroska file searched for its first Cluster (its media data).
pub(super) const MKV_CLUSTER_PROBE: u64 = 4 * 1024 * 1024;

/// MKV/WebM: a Cluster element, where the frames live, within the first megabytes.
pub(super) fn mkv_has_cluster(r: &mut dyn ReadSeek, len: u64) -> bool {
    const CLUSTER: [u8; 4] = [0x1F, 0x43, 0xB6, 0x75];
    if r.seek(SeekFrom::Start(0)).is_err() {
        return false;
    }
    let mut bytes = Vec::new();
    if std::io::Read::read_to_end(
        &mut std::io::Read::take(&mut *r, MKV_CLUSTER_PROBE.min(len)),
        &mut bytes,
    )
    .is_err()
    {
        return false;
    }
    bytes.windows(4).any(|w| w == CLUSTER)
}

/// MKV/WebM: Segment Info's Duration (a float in TimecodeScale units, 1 ms unless the
/// file says otherwise), when it is there; a stated duration that is no length at all
/// is Err (see [`stated_duration`]).
pub(super) fn mkv_duration(head: &[u8]) -> Result<Option<f64>, Msg> {
    match mkv_duration_value(head) {
        Some(seconds) => stated_duration(seconds),
        None => Ok(None),
    }
}

fn mkv_duration_value(head: &[u8]) -> Option<f64> {
    let scale = head
        .windows(3)
        .position(|w| w == [0x2A, 0xD7, 0xB1])
        .and_then(|at| {
            let (size, n) = ebml_vint(head.get(at + 3..)?)?;
            let size = usize::try_from(size?)
                .ok()
                .filter(|s| (1..=8).contains(s))?;
            let bytes = head.get(at + 3 + n..at + 3 + n + size)?;
            Some(bytes.iter().fold(0u64, |v, &b| (v << 8) | u64::from(b)) as f64)
        })
        .unwrap_or(1_000_000.0);
    let at = head.windows(2).position(|w| w == [0x44, 0x89])?;
    let (size, n) = ebml_vint(head.get(at + 2..)?)?;
    let body = head.get(at + 2 + n..)?;
    let value = match size? {
        4 => f64::from(f32::from_be_bytes(body.get(..4)?.try_into().ok()?)),
        8 => f64::from_be_bytes(body.get(..8)?.try_into().ok()?),
        _ => return None,
    };
    Some(value * scale / 1e9)
}

/// A duration a container states, in seconds: a positive length, or None for zero
/// (not stated: live recordings write 0). A value that is not a number, negative or
/// infinite is no length at all: the file is damaged or lies, and no player can be
/// trusted to play it.
pub(super) fn stated_duration(seconds: f64) -> Result<Option<f64>, Msg> {
    let what = if seconds.is_nan() {
        msg!("video-duration-not-a-number")
    } else if seconds.is_infinite() {
        msg!("video-duration-infinite")
    } else if seconds < 0.0 {
        msg!("video-duration-negative")
    } else {
        return Ok((seconds > 0.0).then_some(seconds));
    };
    Err(msg!("video-duration-invalid", what))
}

pub(super) fn incomplete(declared: u64, len: u64) -> Msg {
    msg!("video-short", declared, len)
}

/// An EBML variable-length integer at the start of `b`: (value, length). All-ones
/// values mean "unknown size" and give None.
pub(super) fn ebml_vint(b: &[u8]) -> Option<(Option<u64>, usize)> {
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
pub(super) fn mkv_declared_size(head: &[u8]) -> Result<Option<u64>, ()> {
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
pub(super) fn asf_file_size(head: &[u8]) -> Option<u64> {
    let at = head.windows(16).position(|w| w == ASF_FILE_PROPERTIES)?;
    let size = le64(head.get(at + 40..at + 48)?);
    (size > 0).then_some(size)
}

/// FLV: the last four bytes give the size of the last tag, which must start with a
/// tag type (audio 8, video 9, script 18) exactly that far back.
pub(super) fn flv_ends_with_a_tag(r: &mut dyn ReadSeek, len: u64) -> bool {
    let mut last = [0u8; 4];
    if len < 13 + 4
        || r.seek(SeekFrom::Start(len - 4)).is_err()
        || crate::inspect::read_up_to(r, &mut last) < 4
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
        && crate::inspect::read_up_to(r, &mut kind) == 1
        && matches!(kind[0] & 0x1F, 8 | 9 | 18)
}

pub(super) fn le32(b: &[u8]) -> u32 {
    u32::from_le_bytes([b[0], b[1], b[2], b[3]])
}

pub(super) fn le64(b: &[u8]) -> u64 {
    u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]])
}

/// AVI: the main header (`avih`) gives microseconds per frame and the frame count.
pub(super) fn avi_duration(head: &[u8]) -> Option<f64> {
    let at = head.windows(4).position(|w| w == b"avih")?;
    let data = head.get(at + 8..at + 8 + 20)?;
    let per_frame = f64::from(le32(&data[0..4]));
    let frames = f64::from(le32(&data[16..20]));
    (per_frame > 0.0 && frames > 0.0).then(|| per_frame * frames / 1e6)
}

/// The ASF File Properties Object's GUID, as stored.
pub(super) const ASF_FILE_PROPERTIES: [u8; 16] = [
    0xA1, 0xDC, 0xAB, 0x8C, 0x47, 0xA9, 0xCF, 0x11, 0x8E, 0xE4, 0x00, 0xC0, 0x0C, 0x20, 0x53, 0x65,
];

/// WMV/ASF: the File Properties Object's play duration (100 ns units) less preroll (ms).
pub(super) fn asf_duration(head: &[u8]) -> Option<f64> {
    let at = head.windows(16).position(|w| w == ASF_FILE_PROPERTIES)?;
    let object = head.get(at..at + 88)?;
    let play = le64(&object[64..72]) as f64 / 1e7;
    let preroll = le64(&object[80..88]) as f64 / 1e3;
    (play > 0.0).then(|| (play - preroll).max(0.0))
}

/// FLV: the `duration` number of the `onMetaData` script tag (AMF0, big-endian
/// double), when it is there; see [`stated_duration`].
pub(super) fn flv_duration(head: &[u8]) -> Result<Option<f64>, Msg> {
    let key = b"\x00\x08duration\x00";
    let value = head
        .windows(key.len())
        .position(|w| w == key)
        .and_then(|at| head.get(at + key.len()..at + key.len() + 8))
        .and_then(|bytes| <[u8; 8]>::try_from(bytes).ok());
    match value {
        Some(bytes) => stated_duration(f64::from_be_bytes(bytes)),
        None => Ok(None),
    }
}
