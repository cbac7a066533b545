//! MPEG transport streams (.ts, AVCHD .mts/.m2ts): fixed-size packets, the PAT and PMT
//! that name the video stream, and that stream's PES packets.

use super::{Elementary, be16, pes_header, span};
use crate::findings::Msg;

/// TS packet size without the AVCHD timestamp.
const TS_PACKET: usize = 188;
/// Stream types of video in a transport stream's PMT: MPEG-1, MPEG-2, MPEG-4 Part 2,
/// H.264, HEVC, VC-1.
const TS_VIDEO_TYPES: &[u8] = &[0x01, 0x02, 0x10, 0x1B, 0x24, 0xEA];
/// Packets at the end of a transport stream that must all be in sync.
const TS_TAIL_SYNCS: usize = 8;

/// One transport-stream packet: its PID, whether a PES packet or table starts in it,
/// and its payload (empty when scrambled or absent).
struct TsPacket<'a> {
    pid: u16,
    unit_start: bool,
    payload: &'a [u8],
}

fn ts_packet(p: &[u8]) -> Option<TsPacket<'_>> {
    if p.len() < TS_PACKET || p[0] != 0x47 {
        return None;
    }
    let control = (p[3] >> 4) & 3;
    let start = if control & 2 != 0 {
        5 + usize::from(p[4])
    } else {
        4
    };
    let scrambled = p[3] >> 6 != 0;
    let payload = if control & 1 == 0 || scrambled {
        &[][..]
    } else {
        p.get(start..TS_PACKET).unwrap_or(&[])
    };
    Some(TsPacket {
        pid: u16::from(p[1] & 0x1F) << 8 | u16::from(p[2]),
        unit_start: p[1] & 0x40 != 0,
        payload,
    })
}

/// The packets of `buf` whose sync bytes sit at `first`, `first + size`, ...
fn ts_packets(buf: &[u8], first: usize, size: usize) -> impl Iterator<Item = TsPacket<'_>> {
    (first..buf.len())
        .step_by(size)
        .filter_map(move |at| ts_packet(&buf[at..]))
}

/// A table section that starts in a packet: after the pointer field, up to its CRC.
fn psi_section(payload: &[u8]) -> Option<&[u8]> {
    let section = payload.get(1 + usize::from(*payload.first()?)..)?;
    let len = be16(section.get(1..3)?) & 0x0FFF;
    section
        .get(..(3 + len).checked_sub(4)?)
        .filter(|s| s.len() >= 12)
}

/// The PID of the first video stream the first PMT lists, and whether it is MPEG-1/2
/// video (whose pictures are counted). PAT (PID 0) names the PMT's PID.
fn ts_video(head: &[u8], first: usize, size: usize) -> Option<(u16, bool)> {
    let mut pmts = Vec::new();
    for packet in ts_packets(head, first, size).filter(|p| p.unit_start) {
        let Some(section) = psi_section(packet.payload) else {
            continue;
        };
        if packet.pid == 0 && section[0] == 0 {
            for program in section.get(8..).unwrap_or(&[]).chunks_exact(4) {
                if be16(&program[..2]) != 0 {
                    pmts.push((be16(&program[2..]) & 0x1FFF) as u16);
                }
            }
        } else if pmts.contains(&packet.pid) && section[0] == 2 {
            let mut at = 12 + (be16(section.get(10..12)?) & 0x0FFF);
            while let Some(stream) = section.get(at..at + 5) {
                if TS_VIDEO_TYPES.contains(&stream[0]) {
                    let pid = (be16(&stream[1..3]) & 0x1FFF) as u16;
                    return Some((pid, matches!(stream[0], 0x01 | 0x02)));
                }
                at += 5 + (be16(&stream[3..5]) & 0x0FFF);
            }
        }
    }
    None
}

/// The video stream's PES packets among `buf`'s packets.
fn ts_elementary(buf: &[u8], first: usize, size: usize, pid: u16) -> Elementary {
    let mut video = Elementary::default();
    for packet in ts_packets(buf, first, size).filter(|p| p.pid == pid) {
        if packet.unit_start && packet.payload.starts_with(&[0, 0, 1]) {
            if let Some((pts, payload)) = pes_header(packet.payload) {
                video.push(pts, packet.payload.get(payload..).unwrap_or(&[]));
            }
        } else {
            video.push(None, packet.payload);
        }
    }
    video
}

/// Where the packets of the end of a transport stream start (the offset of the first
/// sync byte in `tail`), if the last [`TS_TAIL_SYNCS`] packets are in step.
fn ts_tail_phase(tail: &[u8], size: usize) -> Option<usize> {
    (0..size.min(tail.len())).find(|&phase| {
        let syncs = (tail.len() - phase).div_ceil(size);
        let last = syncs.saturating_sub(TS_TAIL_SYNCS);
        syncs >= 2 && (last..syncs).all(|k| tail[phase + k * size] == 0x47)
    })
}

pub(super) fn transport_stream(
    head: &[u8],
    tail: &[u8],
    (first, size): (usize, usize),
) -> Result<Option<f64>, Msg> {
    let Some((pid, mpeg_video)) = ts_video(head, first, size) else {
        return Err(msg!("video-mpeg-no-picture"));
    };
    let Some(phase) = ts_tail_phase(tail, size) else {
        return Err(msg!("video-ts-no-sync"));
    };
    let last_sync = phase + (tail.len() - phase - 1) / size * size;
    if tail.len() - last_sync != TS_PACKET {
        return Err(msg!("video-mpeg-cut"));
    }
    let start = ts_elementary(head, first, size, pid);
    let end = ts_elementary(tail, phase, size, pid);
    Ok(span(&start, &end, mpeg_video))
}
