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

struct BoxHeader {
    kind: [u8; 4],
    /// Offset of the box's payload.
    body: u64,
    /// Offset just past the box.
    end: u64,
}

/// Reads the box header at `offset`; `limit` is the end of the enclosing box.
fn read_box(r: &mut dyn ReadSeek, offset: u64, limit: u64) -> Result<BoxHeader, Msg> {
    let truncated = || msg!("video-cut-at", offset);
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
        return Err(msg!("video-invalid-data", offset));
    }
    if size < header_len {
        return Err(msg!("video-box-size-invalid", name));
    }
    let end = offset.saturating_add(size);
    if end > limit {
        return Err(msg!("video-box-cut", name, size));
    }
    Ok(BoxHeader {
        kind,
        body: offset + header_len,
        end,
    })
}

/// Whether every top-level box of an ISO base media file (MP4, MOV, HEIC) ends within
/// the file: a file cut short in transfer has a last box that runs past its end.
pub(crate) fn boxes_fit(r: &mut dyn ReadSeek, len: u64) -> bool {
    let mut offset = 0;
    for _ in 0..MAX_BOXES {
        if offset >= len {
            return true;
        }
        match read_box(r, offset, len) {
            Ok(b) => offset = b.end,
            Err(_) => return false,
        }
    }
    false
}

fn walk_iso_bmff(r: &mut dyn ReadSeek, len: u64) -> Result<VideoFacts, Msg> {
    let mut offset = 0;
    let mut moov = None;
    let mut mdats: Vec<(u64, u64)> = Vec::new();
    let mut fragmented = false;
    let mut boxes = 0;
    while offset < len {
        boxes += 1;
        if boxes > MAX_BOXES {
            return Err(msg!("video-too-many-boxes"));
        }
        let b = read_box(r, offset, len)?;
        match &b.kind {
            b"moov" => moov = Some((b.body, b.end)),
            b"mdat" if b.end > b.body => mdats.push((b.body, b.end)),
            b"moof" => fragmented = true,
            _ => {}
        }
        offset = b.end;
    }
    let Some((body, end)) = moov else {
        return Err(msg!("video-no-moov"));
    };
    if mdats.is_empty() {
        return Err(msg!("video-no-mdat"));
    }
    let mut movie = Movie::default();
    read_moov(r, body, end, &mut movie)?;
    // Some muxers leave a track's own duration at 0 and give only the movie's.
    let movie_length = movie.duration.is_some_and(|d| d > 0.0);
    let Some(track) = movie
        .video_tracks
        .iter()
        .find(|t| t.duration > 0.0 || fragmented || (movie_length && t.samples > 0))
    else {
        return Err(msg!("video-no-picture-track"));
    };
    if !fragmented {
        let inside = |at: u64| mdats.iter().any(|&(start, stop)| at >= start && at < stop);
        let samples_present = track.samples > 0
            && !track.chunk_offsets.is_empty()
            && track.chunk_offsets.iter().all(|&at| inside(at));
        if !samples_present {
            return Err(msg!("video-samples-missing"));
        }
    }
    let duration = movie
        .duration
        .filter(|d| *d > 0.0)
        .or(Some(track.duration).filter(|d| *d > 0.0));
    Ok(VideoFacts {
        duration,
        verified: true,
    })
}

/// What the movie index (`moov`) says: its duration and its picture tracks.
#[derive(Default)]
struct Movie {
    duration: Option<f64>,
    video_tracks: Vec<Track>,
}

/// One picture track: its duration, sample count, and the first and last chunk
/// offsets of its sample table (enough to see that the table points into `mdat`).
#[derive(Default)]
struct Track {
    is_video: bool,
    duration: f64,
    samples: u64,
    chunk_offsets: Vec<u64>,
}

/// Children of a box, as headers, bounded like the top level.
fn children(r: &mut dyn ReadSeek, mut offset: u64, end: u64) -> Result<Vec<BoxHeader>, Msg> {
    let mut found = Vec::new();
    while offset < end {
        if found.len() > MAX_BOXES {
            return Err(msg!("video-too-many-boxes"));
        }
        let b = read_box(r, offset, end)?;
        offset = b.end;
        found.push(b);
    }
    Ok(found)
}

/// Reads up to `N` bytes of a box's payload; fewer when the box is shorter.
fn payload<const N: usize>(r: &mut dyn ReadSeek, b: &BoxHeader) -> Result<([u8; N], usize), Msg> {
    let mut bytes = [0u8; N];
    r.seek(SeekFrom::Start(b.body))
        .map_err(|e| msg!("video-broken", e))?;
    let want = usize::try_from(b.end - b.body).unwrap_or(N).min(N);
    let n = super::read_up_to(r, &mut bytes[..want]);
    Ok((bytes, n))
}

/// (timescale, duration) of an `mvhd` or `mdhd` payload.
fn header_duration(v: &[u8], n: usize) -> Option<f64> {
    let (timescale, duration) = match v[0] {
        0 if n >= 20 => (be32(&v[12..16]), u64::from(be32(&v[16..20]))),
        1 if n >= 32 => (be32(&v[20..24]), be64(&v[24..32])),
        _ => return None,
    };
    // All ones means "unknown" in both versions.
    let unknown = duration == u64::from(u32::MAX) || duration == u64::MAX;
    (timescale > 0 && !unknown).then(|| duration as f64 / f64::from(timescale))
}

fn read_moov(r: &mut dyn ReadSeek, body: u64, end: u64, movie: &mut Movie) -> Result<(), Msg> {
    for b in children(r, body, end)? {
        match &b.kind {
            b"mvhd" => {
                let (v, n) = payload::<32>(r, &b)?;
                movie.duration = header_duration(&v, n);
            }
            b"trak" => {
                let mut track = Track::default();
                read_container(r, &b, &mut track)?;
                if track.is_video {
                    movie.video_tracks.push(track);
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// Walks `trak` > `mdia` > `minf` > `stbl`, collecting the track's facts.
fn read_container(r: &mut dyn ReadSeek, parent: &BoxHeader, track: &mut Track) -> Result<(), Msg> {
    for b in children(r, parent.body, parent.end)? {
        match &b.kind {
            b"mdia" | b"minf" | b"stbl" => read_container(r, &b, track)?,
            b"hdlr" => {
                // version/flags, component type (QuickTime) or pre_defined, handler.
                let (v, n) = payload::<12>(r, &b)?;
                if n == 12 && &v[8..12] == b"vide" {
                    track.is_video = true;
                }
            }
            b"mdhd" => {
                let (v, n) = payload::<32>(r, &b)?;
                track.duration = header_duration(&v, n).unwrap_or(0.0);
            }
            b"stsz" | b"stz2" => {
                // version/flags, sample size (or reserved + field size), sample count.
                let (v, n) = payload::<12>(r, &b)?;
                if n == 12 {
                    track.samples = u64::from(be32(&v[8..12]));
                }
            }
            b"stco" | b"co64" => track.chunk_offsets = chunk_offsets(r, &b)?,
            _ => {}
        }
    }
    Ok(())
}

/// The first and last chunk offsets of an `stco` or `co64` table, when it holds the
/// entries it declares.
fn chunk_offsets(r: &mut dyn ReadSeek, b: &BoxHeader) -> Result<Vec<u64>, Msg> {
    let wide = &b.kind == b"co64";
    let width: u64 = if wide { 8 } else { 4 };
    let (v, n) = payload::<8>(r, b)?;
    if n < 8 {
        return Ok(Vec::new());
    }
    let count = u64::from(be32(&v[4..8]));
    if count == 0 || b.body + 8 + count.saturating_mul(width) > b.end {
        return Ok(Vec::new());
    }
    let mut offsets = Vec::new();
    for index in [0, count - 1] {
        let at = b.body + 8 + index * width;
        r.seek(SeekFrom::Start(at))
            .map_err(|e| msg!("video-broken", e))?;
        let mut entry = [0u8; 8];
        if super::read_up_to(r, &mut entry[..width as usize]) < width as usize {
            return Ok(Vec::new());
        }
        offsets.push(if wide {
            be64(&entry)
        } else {
            u64::from(be32(&entry))
        });
    }
    Ok(offsets)
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
                return Err(msg!("video-avi-short", riff_len, len));
            }
            if !avi_has_frames(r, riff_len.min(len)) {
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
            Some(flv_duration(&head))
        }
        "mkv" | "webm" if head.starts_with(&[0x1A, 0x45, 0xDF, 0xA3]) => {
            match mkv_declared_size(&head) {
                Err(()) => None,
                Ok(Some(declared)) if declared > len => return Err(incomplete(declared, len)),
                Ok(_) if !mkv_has_cluster(r, len) => return Err(no_pictures()),
                Ok(_) => Some(mkv_duration(&head)),
            }
        }
        _ => None,
    };
    match duration {
        Some(Some(seconds)) if seconds <= 0.0 => Err(no_pictures()),
        Some(duration) => Ok(VideoFacts {
            duration,
            verified: false,
        }),
        None => Err(msg!("video-wrong-header", ext)),
    }
}

fn no_pictures() -> Msg {
    msg!("video-no-picture-data")
}

/// AVI: a `movi` list holding at least one chunk, found by walking the RIFF chunks.
fn avi_has_frames(r: &mut dyn ReadSeek, end: u64) -> bool {
    let mut offset = 12u64;
    for _ in 0..10_000 {
        if offset + 12 > end || r.seek(SeekFrom::Start(offset)).is_err() {
            return false;
        }
        let mut head = [0u8; 12];
        if super::read_up_to(r, &mut head) < 12 {
            return false;
        }
        let size = u64::from(le32(&head[4..8]));
        if &head[0..4] == b"LIST" && &head[8..12] == b"movi" {
            // The list type takes 4 bytes; a chunk header takes 8 more.
            return size >= 4 + 8;
        }
        offset += 8 + size + (size & 1);
    }
    false
}

/// The ASF Data Object's GUID, as stored.
const ASF_DATA: [u8; 16] = [
    0x36, 0x26, 0xB2, 0x75, 0x8E, 0x66, 0xCF, 0x11, 0xA6, 0xD9, 0x00, 0xAA, 0x00, 0x62, 0xCE, 0x6C,
];

/// WMV/ASF: the Data Object right after the Header Object counts at least one packet.
fn asf_has_packets(r: &mut dyn ReadSeek, head: &[u8]) -> bool {
    let Some(header_size) = head.get(16..24).map(le64) else {
        return false;
    };
    let mut data = [0u8; 50];
    r.seek(SeekFrom::Start(header_size)).is_ok()
        && super::read_up_to(r, &mut data) == 50
        && data[..16] == ASF_DATA
        && le64(&data[40..48]) > 0
}

/// FLV: the last tag is audio or video, not only the metadata script tag.
fn flv_has_media(r: &mut dyn ReadSeek, len: u64) -> bool {
    let mut last = [0u8; 4];
    if len < 13 + 4
        || r.seek(SeekFrom::Start(len - 4)).is_err()
        || super::read_up_to(r, &mut last) < 4
    {
        return false;
    }
    let Some(start) = (len - 4).checked_sub(u64::from(be32(&last))) else {
        return false;
    };
    let mut kind = [0u8; 1];
    r.seek(SeekFrom::Start(start)).is_ok()
        && super::read_up_to(r, &mut kind) == 1
        && matches!(kind[0] & 0x1F, 8 | 9)
}

/// Bytes of a Matroska file searched for its first Cluster (its media data).
const MKV_CLUSTER_PROBE: u64 = 4 * 1024 * 1024;

/// MKV/WebM: a Cluster element, where the frames live, within the first megabytes.
fn mkv_has_cluster(r: &mut dyn ReadSeek, len: u64) -> bool {
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
/// file says otherwise).
fn mkv_duration(head: &[u8]) -> Option<f64> {
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
    let seconds = value * scale / 1e9;
    (seconds.is_finite() && seconds > 0.0).then_some(seconds)
}

fn incomplete(declared: u64, len: u64) -> Msg {
    msg!("video-short", declared, len)
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
