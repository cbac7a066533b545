//! MP4/MOV (ISO base media): the box tree walked by seeking from header to header,
//! and the movie index read for its duration and its picture tracks' sample tables.

use std::io::SeekFrom;

use super::VideoFacts;
use super::samples::{self, Fault, SampleTable, TableBox};
use crate::findings::Msg;
use crate::intake::ReadSeek;
use crate::limits::MAX_VIDEO_BOXES;

pub(super) struct BoxHeader {
    kind: [u8; 4],
    /// Offset of the box's payload.
    body: u64,
    /// Offset just past the box.
    end: u64,
}

/// Reads the box header at `offset`; `limit` is the end of the enclosing box.
pub(super) fn read_box(r: &mut dyn ReadSeek, offset: u64, limit: u64) -> Result<BoxHeader, Msg> {
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
/// the file: a file cut short in transfer has a last box that runs past its end. A
/// file of more than [`MAX_VIDEO_BOXES`] boxes is not taken as whole.
pub(crate) fn boxes_fit(r: &mut dyn ReadSeek, len: u64) -> bool {
    let mut offset = 0;
    for _ in 0..MAX_VIDEO_BOXES {
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

pub(super) fn walk_iso_bmff(r: &mut dyn ReadSeek, len: u64) -> Result<VideoFacts, Msg> {
    let mut offset = 0;
    let mut moov = None;
    let mut mdats: Vec<(u64, u64)> = Vec::new();
    let mut fragmented = false;
    let mut boxes = 0;
    while offset < len {
        boxes += 1;
        if boxes > MAX_VIDEO_BOXES {
            return Err(too_many_boxes());
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
        .tracks
        .iter()
        .filter(|t| t.is_video)
        .find(|t| t.duration > 0.0 || fragmented || (movie_length && t.samples > 0))
    else {
        return Err(msg!("video-no-picture-track"));
    };
    if !fragmented {
        samples_present(r, track, &movie.tracks, &mdats, len)?;
    }
    let duration = movie
        .duration
        .filter(|d| *d > 0.0)
        .or(Some(track.duration).filter(|d| *d > 0.0));
    Ok(VideoFacts { duration })
}

/// Whether the picture track's samples are in the file: it has some, and every
/// chunk of it starts in the media data (`mdat`); and no track's sample table lists
/// data past the end of the file (a file cut short, or a table pointing nowhere). A
/// chunk running a few bytes past its `mdat` into the next box still plays.
fn samples_present(
    r: &mut dyn ReadSeek,
    picture: &Track,
    tracks: &[Track],
    mdats: &[(u64, u64)],
    len: u64,
) -> Result<(), Msg> {
    let in_mdat = |start: u64| mdats.iter().any(|&(from, to)| start >= from && start < to);
    let fault = |fault: Fault| match fault {
        Fault::PastEnd(needed) => msg!("video-data-missing", needed, len),
        Fault::Table | Fault::Outside => msg!("video-samples-missing"),
    };
    let chunks = samples::check(r, &picture.table, len, &in_mdat).map_err(fault)?;
    if picture.samples == 0 || chunks == 0 {
        return Err(msg!("video-samples-missing"));
    }
    for track in tracks {
        samples::check(r, &track.table, len, &|_| true).map_err(fault)?;
    }
    Ok(())
}

/// What the movie index (`moov`) says: its duration and its tracks.
#[derive(Default)]
pub(super) struct Movie {
    duration: Option<f64>,
    tracks: Vec<Track>,
}

/// One track: whether it is a picture track, its duration, its sample count, and
/// where its sample table lies.
#[derive(Default)]
pub(super) struct Track {
    is_video: bool,
    duration: f64,
    samples: u64,
    table: SampleTable,
}

/// Children of a box, as headers, bounded like the top level.
pub(super) fn children(
    r: &mut dyn ReadSeek,
    mut offset: u64,
    end: u64,
) -> Result<Vec<BoxHeader>, Msg> {
    let mut found = Vec::new();
    while offset < end {
        if found.len() >= MAX_VIDEO_BOXES {
            return Err(too_many_boxes());
        }
        let b = read_box(r, offset, end)?;
        offset = b.end;
        found.push(b);
    }
    Ok(found)
}

/// The finding for a level of the box tree past [`MAX_VIDEO_BOXES`].
fn too_many_boxes() -> Msg {
    let limit = MAX_VIDEO_BOXES;
    msg!("video-too-many-boxes", limit)
}

/// Reads up to `N` bytes of a box's payload; fewer when the box is shorter.
pub(super) fn payload<const N: usize>(
    r: &mut dyn ReadSeek,
    b: &BoxHeader,
) -> Result<([u8; N], usize), Msg> {
    let mut bytes = [0u8; N];
    r.seek(SeekFrom::Start(b.body))
        .map_err(|e| msg!("video-broken", e))?;
    let want = usize::try_from(b.end - b.body).unwrap_or(N).min(N);
    let n = crate::inspect::read_up_to(r, &mut bytes[..want]);
    Ok((bytes, n))
}

/// (timescale, duration) of an `mvhd` or `mdhd` payload.
pub(super) fn header_duration(v: &[u8], n: usize) -> Option<f64> {
    let (timescale, duration) = match v[0] {
        0 if n >= 20 => (be32(&v[12..16]), u64::from(be32(&v[16..20]))),
        1 if n >= 32 => (be32(&v[20..24]), be64(&v[24..32])),
        _ => return None,
    };
    // All ones means "unknown" in both versions.
    let unknown = duration == u64::from(u32::MAX) || duration == u64::MAX;
    (timescale > 0 && !unknown).then(|| duration as f64 / f64::from(timescale))
}

pub(super) fn read_moov(
    r: &mut dyn ReadSeek,
    body: u64,
    end: u64,
    movie: &mut Movie,
) -> Result<(), Msg> {
    for b in children(r, body, end)? {
        match &b.kind {
            b"mvhd" => {
                let (v, n) = payload::<32>(r, &b)?;
                movie.duration = header_duration(&v, n);
            }
            b"trak" => {
                let mut track = Track::default();
                read_container(r, &b, &mut track)?;
                movie.tracks.push(track);
            }
            _ => {}
        }
    }
    Ok(())
}

/// Walks `trak` > `mdia` > `minf` > `stbl`, collecting the track's facts.
pub(super) fn read_container(
    r: &mut dyn ReadSeek,
    parent: &BoxHeader,
    track: &mut Track,
) -> Result<(), Msg> {
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
                track.table.sizes = Some(table_box(&b));
            }
            b"stsc" => track.table.chunks = Some(table_box(&b)),
            b"stco" | b"co64" => track.table.offsets = Some(table_box(&b)),
            _ => {}
        }
    }
    Ok(())
}

fn table_box(b: &BoxHeader) -> TableBox {
    TableBox {
        kind: b.kind,
        body: b.body,
        end: b.end,
    }
}

pub(super) fn be32(b: &[u8]) -> u32 {
    u32::from_be_bytes([b[0], b[1], b[2], b[3]])
}

pub(super) fn be64(b: &[u8]) -> u64 {
    u64::from_be_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]])
}
