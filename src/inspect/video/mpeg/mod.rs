//! MPEG program streams (DVD-style .mpg/.vob) and transport streams (.ts, and AVCHD
//! .mts/.m2ts from camcorders), read by seeking: the first and the last megabyte, never
//! the whole file. Which of the two a file is comes from its bytes, not its name, as
//! players do.
//!
//! The first megabyte must hold a video stream with presentation times (PTS); the
//! duration runs from the first picture there to the end of the last picture in the
//! last megabyte.
//!
//! The truncation rule. Neither container states its length, and a player plays a cut
//! copy up to the cut, so a cut is told by how the file ends:
//! - program stream: walking pack and packet headers (each states its length) through
//!   the last megabyte must end exactly at the end of the file, or at the program end
//!   code 00 00 01 B9 followed by nothing but zero bytes. ffmpeg writes no end code and
//!   DVD .vob parts end on a whole pack, so the end code is not required; VCDs pad packs
//!   with 20 zero bytes, so a run of zeros shorter than a DVD sector (2048 bytes)
//!   after a packet is allowed. A last packet whose stated length runs past the end is a cut; other bytes
//!   after the last packet (garbage, or the long run of zeros a copy that stopped
//!   leaves) are damage.
//! - transport stream: the last packets must be in sync (0x47 every 188 or 192 bytes)
//!   and the file must end with a whole packet. A camcorder that splits a recording
//!   at a packet boundary makes whole files, which pass; a copy stopped at a random
//!   byte ends inside a packet, which fails.
//!
//! Not checked: the pictures themselves, a break in the middle of a file, and
//! time-stamp jumps (a recording joined from two, whose duration is then wrong).

use std::io::SeekFrom;

use super::VideoFacts;
use crate::findings::Msg;
use crate::inspect::sniff::{is_mpeg_program_stream, mpeg_ts_layout};
use crate::intake::ReadSeek;

mod ps;
mod ts;

use ps::program_stream;
use ts::transport_stream;

/// Bytes read from each end of the file.
const PROBE: u64 = 1024 * 1024;
/// PTS and SCR tick 90,000 times a second; they wrap at 2^33.
const TICKS: f64 = 90_000.0;
const PTS_WRAP: u64 = 1 << 33;

pub(super) fn check_mpeg(r: &mut dyn ReadSeek, len: u64) -> Result<VideoFacts, Msg> {
    let head = read_at(r, 0, PROBE.min(len))?;
    let tail_bytes;
    let tail = if head.len() as u64 >= len {
        &head[..]
    } else {
        tail_bytes = read_at(r, len.saturating_sub(PROBE), PROBE)?;
        &tail_bytes[..]
    };
    let seconds = if is_mpeg_program_stream(&head) {
        program_stream(&head, tail)?
    } else if let Some(layout) = mpeg_ts_layout(&head) {
        transport_stream(&head, tail, layout)?
    } else {
        return Err(msg!("content-wrong-header", expected = msg!("kind-video")));
    };
    match seconds {
        Some(seconds) if seconds > 0.0 => Ok(VideoFacts {
            duration: Some(seconds),
        }),
        _ => Err(msg!("video-mpeg-no-picture")),
    }
}

fn read_at(r: &mut dyn ReadSeek, offset: u64, n: u64) -> Result<Vec<u8>, Msg> {
    r.seek(SeekFrom::Start(offset))
        .map_err(|e| msg!("video-broken", e))?;
    let mut bytes = vec![0u8; usize::try_from(n).unwrap_or(0)];
    let got = crate::inspect::read_up_to(r, &mut bytes);
    bytes.truncate(got);
    Ok(bytes)
}

/// One video stream's bytes as read, and where each PES packet that carries a PTS
/// starts in them. Bytes before the first PTS are not kept.
#[derive(Default)]
struct Elementary {
    bytes: Vec<u8>,
    stamps: Vec<(usize, u64)>,
}

impl Elementary {
    fn push(&mut self, pts: Option<u64>, payload: &[u8]) {
        if let Some(pts) = pts {
            self.stamps.push((self.bytes.len(), pts));
        }
        if !self.stamps.is_empty() {
            self.bytes.extend_from_slice(payload);
        }
    }

    /// MPEG-1/2 video: ticks per picture, from the sequence header's frame rate code
    /// and, in MPEG-2, the sequence extension's factor (ffmpeg makes 10 fps as 25 x 2/5).
    fn picture_ticks(&self) -> Option<f64> {
        let at = find(&self.bytes, &[0, 0, 1, 0xB3], 0)?;
        let header = self.bytes.get(at..at + 12)?;
        // The marker bit after the bit rate tells a real sequence header.
        if header[10] & 0x20 == 0 {
            return None;
        }
        let per_second = match header[7] & 0x0F {
            1 => 24_000.0 / 1001.0,
            2 => 24.0,
            3 => 25.0,
            4 => 30_000.0 / 1001.0,
            5 => 30.0,
            6 => 50.0,
            7 => 60_000.0 / 1001.0,
            8 => 60.0,
            _ => return None,
        };
        // The extension follows the header and its optional quantiser matrices.
        let near = &self.bytes[at..self.bytes.len().min(at + 12 + 2 * 64 + 10)];
        let factor = find(near, &[0, 0, 1, 0xB5], 12)
            .and_then(|e| near.get(e + 4..e + 10))
            .filter(|ext| ext[0] >> 4 == 1)
            .map_or(1.0, |ext| {
                f64::from((ext[5] >> 5 & 3) + 1) / f64::from((ext[5] & 0x1F) + 1)
            });
        Some(TICKS / (per_second * factor))
    }

    /// The smallest step between two PTS: one picture, when each picture has its own
    /// PES packet (as H.264 in a transport stream has).
    fn smallest_step(&self) -> f64 {
        let mut times: Vec<u64> = self.stamps.iter().map(|s| s.1).collect();
        times.sort_unstable();
        times
            .windows(2)
            .map(|w| w[1] - w[0])
            .filter(|&d| d > 0 && d <= TICKS as u64)
            .min()
            .map_or(0.0, |d| d as f64)
    }

    /// When the last picture ends: each stamped packet's PTS plus its pictures (MPEG
    /// video counts its picture start codes, up to the next stamp; others take one).
    fn end(&self, picture: f64, count_pictures: bool) -> Option<f64> {
        let stamps = &self.stamps;
        (0..stamps.len())
            .map(|i| {
                let (from, pts) = stamps[i];
                let to = stamps.get(i + 1).map_or(self.bytes.len(), |s| s.0);
                let pictures = if count_pictures {
                    count(&self.bytes[from..to.max(from)], &[0, 0, 1, 0]).max(1)
                } else {
                    1
                };
                pts as f64 + picture * pictures as f64
            })
            .reduce(f64::max)
    }
}

/// Seconds from the first picture in `head` to the end of the last in `tail`.
fn span(head: &Elementary, tail: &Elementary, mpeg_video: bool) -> Option<f64> {
    let first = head.stamps.iter().map(|s| s.1).min()?;
    let counted = head.picture_ticks().filter(|_| mpeg_video);
    let picture = counted.unwrap_or_else(|| tail.smallest_step());
    let end = tail.end(picture, counted.is_some())?;
    // Modulo the 33-bit wrap: a recording may cross it.
    let wrap = PTS_WRAP as f64;
    Some(((end - first as f64) % wrap + wrap) % wrap / TICKS)
}

fn find(bytes: &[u8], what: &[u8], from: usize) -> Option<usize> {
    let rest = bytes.get(from..)?;
    Some(from + rest.windows(what.len()).position(|w| w == what)?)
}

fn count(bytes: &[u8], what: &[u8]) -> usize {
    bytes.windows(what.len()).filter(|w| *w == what).count()
}

fn be16(b: &[u8]) -> usize {
    usize::from(b[0]) << 8 | usize::from(b[1])
}

/// A PES packet's header (from its start code): its PTS, and where its payload starts.
/// MPEG-2 headers begin with '10'; MPEG-1 ones with stuffing, a buffer size, then the
/// time stamps.
fn pes_header(pes: &[u8]) -> Option<(Option<u64>, usize)> {
    let id = *pes.get(3)?;
    if matches!(id, 0xBC | 0xBE | 0xBF | 0xF0 | 0xF1 | 0xF2 | 0xF8 | 0xFF) {
        return Some((None, 6));
    }
    let flags = *pes.get(6)?;
    if flags >> 6 == 0b10 {
        let payload = 9 + usize::from(*pes.get(8)?);
        let pts = (pes.get(7)? & 0x80 != 0).then(|| pes.get(9..14).map(pts_of));
        return Some((pts.flatten(), payload));
    }
    let mut at = 6 + pes
        .get(6..)?
        .iter()
        .take(16)
        .take_while(|&&b| b == 0xFF)
        .count();
    if pes.get(at)? >> 6 == 0b01 {
        at += 2;
    }
    match pes.get(at)? >> 4 {
        0b0010 => Some((pes.get(at..at + 5).map(pts_of), at + 5)),
        0b0011 => Some((pes.get(at..at + 5).map(pts_of), at + 10)),
        _ => Some((None, at + 1)),
    }
}

fn pts_of(b: &[u8]) -> u64 {
    (u64::from(b[0] >> 1) & 7) << 30
        | u64::from(b[1]) << 22
        | u64::from(b[2] >> 1) << 15
        | u64::from(b[3]) << 7
        | u64::from(b[4] >> 1)
}
