//! MPEG program streams (.mpg, .vob): packs and PES packets, each header stating its
//! length, walked from the first pack of a buffer.

use super::{Elementary, be16, find, pes_header, span};
use crate::findings::Msg;

/// Zero bytes a program stream may hold between or after its packets: VCDs end each
/// audio pack with 20. A longer run is what a copy that stopped leaves.
const ZERO_PADDING: usize = 2048;

/// How a walk through a buffer ended.
enum Ending {
    /// The buffer ended on a packet boundary, or at the end code and zero bytes.
    Whole,
    /// The last packet runs past the end of the buffer.
    Cut,
    /// Bytes after the last packet are not a packet.
    Damaged,
}

/// What the bytes at a position of a program stream are.
enum Item {
    /// A pack header, end code or PES packet: its stream id and its whole length.
    Whole(u8, usize),
    /// A start of one that runs past the end of the buffer.
    Cut,
    /// No start code of a program stream.
    Garbage,
}

fn ps_item(buf: &[u8], at: usize) -> Item {
    let rest = &buf[at..];
    if rest.len() < 4 {
        return if [0, 0, 1].starts_with(rest) {
            Item::Cut
        } else {
            Item::Garbage
        };
    }
    if rest[..3] != [0, 0, 1] || rest[3] < 0xB9 {
        return Item::Garbage;
    }
    let id = rest[3];
    let len = match id {
        0xB9 => Some(4),
        0xBA => match rest.get(4).map(|b| b >> 6) {
            Some(0b01) => rest.get(13).map(|b| 14 + usize::from(b & 7)),
            Some(_) if rest[4] >> 4 == 0b0010 => Some(12),
            Some(_) => return Item::Garbage,
            None => None,
        },
        _ => rest.get(4..6).map(|b| 6 + be16(b)),
    };
    match len {
        Some(len) if len <= rest.len() => Item::Whole(id, len),
        _ => Item::Cut,
    }
}

/// The next pack header from `from` whose marker bits are all set, where a walk can
/// pick up the stream again.
fn next_pack(buf: &[u8], mut from: usize) -> Option<usize> {
    loop {
        let at = find(buf, &[0, 0, 1, 0xBA], from)?;
        let p = &buf[at..];
        let markers = match p.get(4).map(|b| b >> 6) {
            Some(0b01) => p.len() >= 14 && p[4] & p[6] & p[8] & 0x04 != 0 && p[9] & p[12] & 1 != 0,
            _ => {
                p.len() >= 12
                    && p[4] >> 4 == 0b0010
                    && p[4] & p[6] & p[8] & p[11] & 1 != 0
                    && p[9] & 0x80 != 0
            }
        };
        if markers {
            return Some(at);
        }
        from = at + 1;
    }
}

/// A walk through a program stream's packets: its first video stream, and how it ends.
struct PsWalk {
    video_id: Option<u8>,
    video: Elementary,
    ending: Ending,
}

fn walk_ps(buf: &[u8], mut at: usize, video_id: Option<u8>) -> PsWalk {
    let mut walk = PsWalk {
        video_id,
        video: Elementary::default(),
        ending: Ending::Whole,
    };
    while at < buf.len() {
        match ps_item(buf, at) {
            Item::Whole(0xB9, _) if buf[at + 4..].iter().all(|&b| b == 0) => break,
            Item::Whole(id, len) => {
                let pes = &buf[at..at + len];
                if (0xE0..=0xEF).contains(&id)
                    && *walk.video_id.get_or_insert(id) == id
                    && let Some((pts, payload)) = pes_header(pes)
                {
                    walk.video.push(pts, pes.get(payload..).unwrap_or(&[]));
                }
                at += len;
            }
            Item::Cut => {
                walk.ending = Ending::Cut;
                break;
            }
            Item::Garbage => {
                let zeros = buf[at..].iter().take_while(|&&b| b == 0).count();
                // The two zeros that begin the next start code are not padding.
                let padding = if buf.get(at + zeros) == Some(&1) {
                    zeros.saturating_sub(2)
                } else {
                    zeros
                };
                if (1..ZERO_PADDING).contains(&padding) {
                    at += padding;
                } else if let Some(next) = next_pack(buf, at + 1) {
                    at = next;
                } else {
                    walk.ending = Ending::Damaged;
                    break;
                }
            }
        }
    }
    walk
}

pub(super) fn program_stream(head: &[u8], tail: &[u8]) -> Result<Option<f64>, Msg> {
    let first = walk_ps(head, 0, None);
    let Some(video_id) = first.video_id.filter(|_| !first.video.stamps.is_empty()) else {
        return Err(msg!("video-mpeg-no-picture"));
    };
    let Some(start) = next_pack(tail, 0) else {
        return Err(msg!("video-mpeg-damaged"));
    };
    let last = walk_ps(tail, start, Some(video_id));
    match last.ending {
        Ending::Whole => Ok(span(&first.video, &last.video, true)),
        Ending::Cut => Err(msg!("video-mpeg-cut")),
        Ending::Damaged => Err(msg!("video-mpeg-damaged")),
    }
}
