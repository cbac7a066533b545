//! An MP4 track's sample table read through: where each chunk of its data starts
//! (`stco`/`co64`), how many samples each chunk holds (`stsc`) and how large they are
//! (`stsz`/`stz2`), so that data the table lists past the end of the file, or outside
//! the media data, is found. Tables are read a buffer at a time, never held whole; the
//! work is one pass over table bytes that are in the file.

use std::io::SeekFrom;

use crate::intake::ReadSeek;

/// A sample table box: its type and where its payload lies.
#[derive(Clone, Copy, Debug)]
pub(super) struct TableBox {
    pub(super) kind: [u8; 4],
    pub(super) body: u64,
    pub(super) end: u64,
}

/// A track's sample table boxes, as found.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct SampleTable {
    /// `stco` or `co64`: where each chunk starts.
    pub(super) offsets: Option<TableBox>,
    /// `stsz` or `stz2`: each sample's size.
    pub(super) sizes: Option<TableBox>,
    /// `stsc`: how many samples each chunk holds.
    pub(super) chunks: Option<TableBox>,
}

/// What reading a sample table through found wrong.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Fault {
    /// The table is cut short: it declares more entries than its box holds.
    Table,
    /// A chunk's data reaches this far, past the end of the file.
    PastEnd(u64),
    /// A chunk's data starts outside the media data.
    Outside,
}

/// Bytes of a table read at once.
const BUFFER: u64 = 64 * 1024;

/// A table's entries, read in order a buffer at a time.
struct Entries {
    /// The next byte to read into the buffer, and the end of the entries.
    at: u64,
    end: u64,
    /// Bits per entry: 4, 8, 16, 32 or 64.
    bits: u32,
    buf: Vec<u8>,
    pos: usize,
    /// The second of two 4-bit entries sharing a byte.
    nibble: Option<u64>,
}

impl Entries {
    /// `count` entries from `at`; None when they do not fit before `limit`.
    fn new(at: u64, count: u64, bits: u32, limit: u64) -> Option<Entries> {
        let end = at.checked_add(count.checked_mul(u64::from(bits))?.div_ceil(8))?;
        (end <= limit).then_some(Entries {
            at,
            end,
            bits,
            buf: Vec::new(),
            pos: 0,
            nibble: None,
        })
    }

    fn next(&mut self, r: &mut dyn ReadSeek) -> Option<u64> {
        if let Some(low) = self.nibble.take() {
            return Some(low);
        }
        let width = (self.bits as usize).div_ceil(8);
        if self.pos + width > self.buf.len() {
            // Buffers hold whole entries: 64 KiB is a multiple of every width.
            let n = (self.end - self.at).min(BUFFER) as usize;
            if n < width {
                return None;
            }
            self.buf.resize(n, 0);
            r.seek(SeekFrom::Start(self.at)).ok()?;
            r.read_exact(&mut self.buf).ok()?;
            self.at += n as u64;
            self.pos = 0;
        }
        let value = self.buf[self.pos..self.pos + width]
            .iter()
            .fold(0u64, |v, &b| (v << 8) | u64::from(b));
        self.pos += width;
        if self.bits == 4 {
            self.nibble = Some(value & 15);
            return Some(value >> 4);
        }
        Some(value)
    }
}

/// Samples' sizes: one for all, or one entry each.
enum Sizes {
    Constant { size: u64, left: u64 },
    Each { entries: Entries, left: u64 },
}

impl Sizes {
    fn read(r: &mut dyn ReadSeek, b: Option<TableBox>) -> Result<Sizes, Fault> {
        let Some(b) = b else {
            return Ok(Sizes::Constant { size: 0, left: 0 });
        };
        let head = read_u32s::<3>(r, b.body).ok_or(Fault::Table)?;
        let count = u64::from(head[2]);
        let (bits, constant) = if &b.kind == b"stz2" {
            (head[1] & 0xFF, 0)
        } else {
            (32, head[1])
        };
        if constant > 0 {
            return Ok(Sizes::Constant {
                size: u64::from(constant),
                left: count,
            });
        }
        if !matches!(bits, 4 | 8 | 16 | 32) {
            return Err(Fault::Table);
        }
        let entries = Entries::new(b.body + 12, count, bits, b.end).ok_or(Fault::Table)?;
        Ok(Sizes::Each {
            entries,
            left: count,
        })
    }

    /// The total size of the next `n` samples (of those the table has).
    fn take(&mut self, r: &mut dyn ReadSeek, n: u64) -> Result<u64, Fault> {
        match self {
            Sizes::Constant { size, left } => {
                let n = n.min(*left);
                *left -= n;
                Ok(n.saturating_mul(*size))
            }
            Sizes::Each { entries, left } => {
                let n = n.min(*left);
                *left -= n;
                let mut total = 0u64;
                for _ in 0..n {
                    total = total.saturating_add(entries.next(r).ok_or(Fault::Table)?);
                }
                Ok(total)
            }
        }
    }
}

/// `N` big-endian 32-bit numbers at `at`.
fn read_u32s<const N: usize>(r: &mut dyn ReadSeek, at: u64) -> Option<[u32; N]> {
    let mut bytes = vec![0u8; 4 * N];
    r.seek(SeekFrom::Start(at)).ok()?;
    r.read_exact(&mut bytes).ok()?;
    Some(std::array::from_fn(|i| {
        u32::from_be_bytes([0, 1, 2, 3].map(|k| bytes[4 * i + k]))
    }))
}

/// The chunk runs of an `stsc` table: from which chunk on (1-based) each chunk holds
/// how many samples.
struct Runs {
    entries: Option<Entries>,
    /// Samples per chunk of the current run, and the first chunk of the next.
    current: u64,
    next: Option<(u64, u64)>,
}

impl Runs {
    fn read(r: &mut dyn ReadSeek, b: Option<TableBox>) -> Result<Runs, Fault> {
        let mut runs = Runs {
            entries: None,
            current: 0,
            next: None,
        };
        if let Some(b) = b {
            let [_, count] = read_u32s::<2>(r, b.body).ok_or(Fault::Table)?;
            let entries = Entries::new(b.body + 8, 3 * u64::from(count), 32, b.end);
            runs.entries = Some(entries.ok_or(Fault::Table)?);
            runs.next = runs.entry(r);
        }
        Ok(runs)
    }

    fn entry(&mut self, r: &mut dyn ReadSeek) -> Option<(u64, u64)> {
        let entries = self.entries.as_mut()?;
        let first = entries.next(r)?;
        let per_chunk = entries.next(r)?;
        entries.next(r)?;
        Some((first, per_chunk))
    }

    /// Samples in chunk `chunk` (1-based, asked in order).
    fn samples_in(&mut self, r: &mut dyn ReadSeek, chunk: u64) -> u64 {
        while let Some((first, per_chunk)) = self.next.filter(|&(first, _)| first <= chunk) {
            self.current = per_chunk;
            self.next = self.entry(r).filter(|&(later, _)| later > first);
        }
        self.current
    }
}

/// Reads a track's sample table through: every chunk's data must end within the file
/// (`len` bytes) and start where `inside(start)` allows. Returns the number of chunks;
/// 0 without a chunk offset table.
pub(super) fn check(
    r: &mut dyn ReadSeek,
    table: &SampleTable,
    len: u64,
    inside: &dyn Fn(u64) -> bool,
) -> Result<u64, Fault> {
    let Some(offsets) = table.offsets else {
        return Ok(0);
    };
    let [_, count] = read_u32s::<2>(r, offsets.body).ok_or(Fault::Table)?;
    let count = u64::from(count);
    let bits = if &offsets.kind == b"co64" { 64 } else { 32 };
    let mut starts =
        Entries::new(offsets.body + 8, count, bits, offsets.end).ok_or(Fault::Table)?;
    let mut sizes = Sizes::read(r, table.sizes)?;
    let mut runs = Runs::read(r, table.chunks)?;
    for chunk in 1..=count {
        let start = starts.next(r).ok_or(Fault::Table)?;
        let samples = runs.samples_in(r, chunk);
        let size = sizes.take(r, samples)?;
        let end = start.saturating_add(size);
        if end > len {
            return Err(Fault::PastEnd(end));
        }
        if !inside(start) {
            return Err(Fault::Outside);
        }
    }
    Ok(count)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    /// A file holding the given table payloads one after another, and their boxes.
    fn tables(parts: &[(&[u8; 4], Vec<u8>)]) -> (Cursor<Vec<u8>>, Vec<TableBox>) {
        let mut file = vec![0u8; 16];
        let mut boxes = Vec::new();
        for (kind, payload) in parts {
            let body = file.len() as u64;
            file.extend(payload);
            boxes.push(TableBox {
                kind: **kind,
                body,
                end: file.len() as u64,
            });
        }
        (Cursor::new(file), boxes)
    }

    fn words(values: &[u32]) -> Vec<u8> {
        values.iter().flat_map(|v| v.to_be_bytes()).collect()
    }

    #[test]
    fn chunks_are_measured_from_runs_and_packed_sizes() {
        // Three chunks at 100, 200, 300 (64-bit offsets); chunks 1-2 hold two samples,
        // chunk 3 one; five sizes of 4 bits: 1, 2, 3, 4, 5. So 100..103, 200..207, 300..305.
        let mut co64 = words(&[0, 3]);
        co64.extend([100u64, 200, 300].iter().flat_map(|v| v.to_be_bytes()));
        let mut stz2 = words(&[0, 4, 5]);
        stz2.extend([0x12, 0x34, 0x50]);
        let stsc = words(&[0, 2, 1, 2, 1, 3, 1, 1]);
        let (mut file, b) = tables(&[(b"co64", co64.clone()), (b"stz2", stz2), (b"stsc", stsc)]);
        let table = SampleTable {
            offsets: Some(b[0]),
            sizes: Some(b[1]),
            chunks: Some(b[2]),
        };
        let anywhere = |_: u64| true;
        assert_eq!(check(&mut file, &table, 305, &anywhere), Ok(3));
        assert_eq!(
            check(&mut file, &table, 304, &anywhere),
            Err(Fault::PastEnd(305))
        );
        let not_first = |start: u64| start >= 150;
        assert_eq!(
            check(&mut file, &table, 305, &not_first),
            Err(Fault::Outside)
        );
        // A table declaring four chunks but holding three is cut short.
        co64[4..8].copy_from_slice(&4u32.to_be_bytes());
        let (mut file, b) = tables(&[(b"co64", co64)]);
        let cut = SampleTable {
            offsets: Some(b[0]),
            ..SampleTable::default()
        };
        assert_eq!(check(&mut file, &cut, 1000, &anywhere), Err(Fault::Table));
    }

    #[test]
    fn one_size_for_all_samples_is_multiplied_not_read() {
        // One chunk claiming four billion samples of 1 byte, with 10 samples in all.
        let stco = words(&[0, 1, 64]);
        let stsz = words(&[0, 1, 10]);
        let stsc = words(&[0, 1, 1, u32::MAX, 1]);
        let (mut file, b) = tables(&[(b"stco", stco), (b"stsz", stsz), (b"stsc", stsc)]);
        let table = SampleTable {
            offsets: Some(b[0]),
            sizes: Some(b[1]),
            chunks: Some(b[2]),
        };
        assert_eq!(check(&mut file, &table, 74, &|_| true), Ok(1));
        assert_eq!(
            check(&mut file, &table, 73, &|_| true),
            Err(Fault::PastEnd(74))
        );
    }
}
