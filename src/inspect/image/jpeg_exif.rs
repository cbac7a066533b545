//! A JPEG's EXIF block, found by walking its segments to the first scan (EXIF must come
//! before it) and read from the first bytes already held when they hold it. The camera's
//! preview sits at the block's end, after the tags: when the tags parse without error
//! from the bytes held, the rest of the block is never read.

use std::io::{Read, Seek, SeekFrom};

use super::headed::Headed;

/// Segments walked before the first scan, at most.
const MAX_SEGMENTS: usize = 1024;

/// Where a JPEG's EXIF block is.
pub enum Located {
    /// The block: its start and length in the file.
    At { start: u64, len: u64 },
    /// No EXIF block before the first scan.
    Absent,
    /// Bytes between segments that are not a marker: left to a reader that resyncs.
    Unusual,
}

/// Reads `buf.len()` bytes at `at`, from the head when it holds them.
fn read_at(reader: &mut Headed, at: u64, buf: &mut [u8]) -> Option<()> {
    let head = reader.head();
    let from = usize::try_from(at).ok()?;
    if let Some(held) = head.get(from..from + buf.len()) {
        buf.copy_from_slice(held);
        return Some(());
    }
    reader.seek(SeekFrom::Start(at)).ok()?;
    reader.read_exact(buf).ok()
}

/// Finds the APP1 "Exif" segment before the first scan.
pub fn locate(reader: &mut Headed) -> Located {
    let mut pos = 2u64;
    for _ in 0..MAX_SEGMENTS {
        let mut marker = [0u8; 4];
        if read_at(reader, pos, &mut marker).is_none() {
            return Located::Absent;
        }
        match marker {
            [0xFF, 0xFF, ..] => {
                pos += 1;
                continue;
            }
            [0xFF, 0x01 | 0xD0..=0xD7, ..] => {
                pos += 2;
                continue;
            }
            // Another picture's start, the end, the first scan.
            [0xFF, 0xD8..=0xDA, ..] => return Located::Absent,
            [0xFF, ..] => {}
            _ => return Located::Unusual,
        }
        let len = u64::from(u16::from_be_bytes([marker[2], marker[3]]));
        if len < 2 {
            return Located::Unusual;
        }
        let mut id = [0u8; 6];
        let app1 = marker[1] == 0xE1 && len >= 8;
        if app1 && read_at(reader, pos + 4, &mut id).is_some() && &id == b"Exif\0\0" {
            return Located::At {
                start: pos + 10,
                len: len - 8,
            };
        }
        pos += 2 + len;
    }
    Located::Unusual
}

/// The block's bytes held in the head (all of them when it holds the whole block).
pub fn held(reader: &Headed, start: u64, len: u64) -> (Vec<u8>, bool) {
    let head = reader.head();
    let from = usize::try_from(start).unwrap_or(usize::MAX).min(head.len());
    let to = usize::try_from(start + len)
        .unwrap_or(usize::MAX)
        .min(head.len());
    let whole = to as u64 == start + len;
    (head[from..to].to_vec(), whole)
}

/// The whole block, read from the file.
pub fn whole(reader: &mut Headed, start: u64, len: u64) -> Option<Vec<u8>> {
    reader.seek(SeekFrom::Start(start)).ok()?;
    let mut block = Vec::new();
    Read::take(&mut *reader, len).read_to_end(&mut block).ok()?;
    (block.len() as u64 == len).then_some(block)
}
