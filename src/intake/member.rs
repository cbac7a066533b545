//! One reading of a zip member: its bytes inflated (or, stored, read) front to back
//! once, each byte added to the CRC-32 the first time it is made, and kept in blocks so
//! that a reader that seeks back (to a JPEG's header after its last bytes, box by box
//! through an MP4's index at the end, to a package's parts after its directory) finds
//! them without inflating the member again from its first byte. [`Checked::finish`]
//! makes the bytes the reader left and compares the whole with the archive's record:
//! checking a member and reading it is one pass, not two.
//!
//! What is kept is bounded: [`KEPT`] blocks per reader, the member's first [`HEAD`]
//! among them, the rest the latest made. A member larger than that is never held
//! whole; a seek back to a block no longer kept inflates the member again from its
//! start (a stored one is read again from that block), as every seek back once did.

use std::collections::{HashMap, VecDeque};
use std::io::{self, BufRead, Read, Seek, SeekFrom};
use std::sync::Arc;

use super::ReadSeek;

/// Bytes made, kept and handed out at a time.
const BLOCK: u64 = 64 * 1024;
/// Blocks one reader keeps: 8 MB, a phone photo whole.
const KEPT: usize = 128;
/// The first blocks, kept whatever comes after them (1 MB: headers, EXIF, an MP4's
/// index written at the front).
const HEAD: u64 = 16;

/// A reader that checks the bytes it reads against what their container recorded.
pub trait Checked: ReadSeek {
    /// Reads what was not read yet and checks the whole: a zip member's size and
    /// CRC-32. The first failure of the bytes, if any, again on every call.
    fn finish(&mut self) -> io::Result<()>;
}

/// Bytes with nothing to check them against (a file on disk, bytes in memory).
impl Checked for Box<dyn ReadSeek> {
    fn finish(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Opens the container a member lies in, again (its bytes are read from the start
/// again only after a seek back past what is kept).
pub type Opener = Arc<dyn Fn() -> io::Result<Box<dyn ReadSeek>> + Send + Sync>;

/// Where a member's bytes are in its container, and what the archive recorded of them.
#[derive(Clone)]
pub struct Place {
    pub data_start: u64,
    pub compressed_size: u64,
    pub size: u64,
    pub deflated: bool,
    pub crc32: u32,
}

/// The compressed (or stored) bytes, as a stream from the member's first byte.
enum Stream {
    Closed,
    Stored(Window),
    Deflated(Box<flate2::read::DeflateDecoder<Window>>),
}

impl Read for Stream {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            Stream::Closed => Ok(0),
            Stream::Stored(window) => window.read(buf),
            Stream::Deflated(decoder) => decoder.read(buf),
        }
    }
}

/// A zip member read once, checked as it passes. See the module's description.
pub struct MemberReader {
    open: Opener,
    place: Place,
    stream: Stream,
    /// Where the stream is: bytes `0..made` were made by it, the last time round.
    made: u64,
    /// Bytes `0..hashed` are in the CRC; made again after a seek back, they are not
    /// added twice.
    hashed: u64,
    hasher: crc32fast::Hasher,
    blocks: HashMap<u64, Vec<u8>>,
    /// Kept blocks past the head, the oldest first: the next to give up.
    order: VecDeque<u64>,
    spare: Vec<u8>,
    /// The reader's position.
    pos: u64,
    /// The first failure of the bytes (kind and words), given again from then on.
    failed: Option<(io::ErrorKind, String)>,
}

impl MemberReader {
    /// Nothing is read yet: a container that does not open fails the first read, and
    /// [`Checked::finish`], as a damaged member does.
    pub fn new(open: Opener, place: Place) -> MemberReader {
        MemberReader {
            open,
            place,
            stream: Stream::Closed,
            made: 0,
            hashed: 0,
            hasher: crc32fast::Hasher::new(),
            blocks: HashMap::new(),
            order: VecDeque::new(),
            spare: Vec::new(),
            pos: 0,
            failed: None,
        }
    }

    fn failure(&self) -> Option<io::Error> {
        let (kind, words) = self.failed.as_ref()?;
        Some(io::Error::new(*kind, words.clone()))
    }

    /// Records the first failure and gives it back.
    fn fail(&mut self, e: io::Error) -> io::Error {
        let first = self.failed.get_or_insert((e.kind(), e.to_string()));
        io::Error::new(first.0, first.1.clone())
    }

    /// Puts the stream at the block holding `start`, or before it: a stored member
    /// seeks there (no further than the bytes in the CRC, which must all pass through
    /// it in order), a deflated one starts again from its first byte.
    fn rewind(&mut self, start: u64) -> io::Result<()> {
        let p = &self.place;
        let mut window = Window::new((self.open)()?, p.data_start, p.compressed_size)?;
        if p.deflated {
            self.stream = Stream::Deflated(Box::new(flate2::read::DeflateDecoder::new(window)));
            self.made = 0;
        } else {
            let from = (start / BLOCK).min(self.hashed / BLOCK) * BLOCK;
            window.seek(SeekFrom::Start(from))?;
            self.stream = Stream::Stored(window);
            self.made = from;
        }
        Ok(())
    }

    /// Makes the next block into `buf`, adding what is new of it to the CRC.
    fn make_block(&mut self, buf: &mut Vec<u8>) -> io::Result<()> {
        let len = (self.place.size - self.made).min(BLOCK) as usize;
        buf.resize(len, 0);
        let mut filled = 0;
        while filled < len {
            match self.stream.read(&mut buf[filled..]) {
                Ok(0) => {
                    let (got, size) = (self.made + filled as u64, self.place.size);
                    let words = format!("{got} of {size} bytes");
                    return Err(io::Error::new(io::ErrorKind::UnexpectedEof, words));
                }
                Ok(n) => filled += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        let end = self.made + len as u64;
        if end > self.hashed {
            let new = (self.hashed - self.made) as usize;
            self.hasher.update(&buf[new..]);
            self.hashed = end;
        }
        #[cfg(test)]
        if self.place.deflated {
            INFLATED.with(|n| n.set(n.get() + len as u64));
        }
        self.made = end;
        Ok(())
    }

    /// Makes sure block `index` is kept, making the blocks up to it.
    fn load(&mut self, index: u64) -> io::Result<()> {
        if self.blocks.contains_key(&index) {
            return Ok(());
        }
        if let Some(e) = self.failure() {
            return Err(e);
        }
        let start = index * BLOCK;
        if start < self.made || matches!(self.stream, Stream::Closed) {
            self.rewind(start).map_err(|e| self.fail(e))?;
        }
        while self.made <= start {
            let at = self.made / BLOCK;
            let mut buf = std::mem::take(&mut self.spare);
            self.make_block(&mut buf).map_err(|e| self.fail(e))?;
            self.keep(at, buf);
        }
        Ok(())
    }

    /// Keeps block `index`, giving up the oldest kept past the head when over the bound.
    fn keep(&mut self, index: u64, buf: Vec<u8>) {
        if self.blocks.contains_key(&index) {
            self.spare = buf;
            return;
        }
        if index >= HEAD {
            self.order.push_back(index);
            if self.order.len() + HEAD as usize > KEPT
                && let Some(oldest) = self.order.pop_front()
                && let Some(given_up) = self.blocks.remove(&oldest)
            {
                self.spare = given_up;
            }
        }
        self.blocks.insert(index, buf);
    }
}

impl Checked for MemberReader {
    fn finish(&mut self) -> io::Result<()> {
        let p = &self.place;
        if !p.deflated && p.compressed_size > p.size {
            // Stored bytes are the member: more of them than its size is damage.
            let words = format!("{} of {} bytes", p.compressed_size, p.size);
            return Err(self.fail(io::Error::new(io::ErrorKind::UnexpectedEof, words)));
        }
        if self.hashed < self.place.size && self.failed.is_none() {
            // A deflated stream goes on from where it is; a stored one skips what the
            // CRC has.
            let behind = !self.place.deflated && self.made + BLOCK <= self.hashed;
            if matches!(self.stream, Stream::Closed) || behind {
                self.rewind(self.hashed).map_err(|e| self.fail(e))?;
            }
            let mut buf = std::mem::take(&mut self.spare);
            while self.made < self.place.size {
                self.make_block(&mut buf).map_err(|e| self.fail(e))?;
            }
        }
        if let Some(e) = self.failure() {
            return Err(e);
        }
        if self.hasher.clone().finalize() != self.place.crc32 {
            let e = io::Error::new(io::ErrorKind::InvalidData, "CRC-32 mismatch");
            return Err(self.fail(e));
        }
        Ok(())
    }
}

impl Read for MemberReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        super::read_buffered(self, buf)
    }
}

impl BufRead for MemberReader {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.pos >= self.place.size {
            return Ok(&[]);
        }
        let index = self.pos / BLOCK;
        self.load(index)?;
        let from = (self.pos - index * BLOCK) as usize;
        Ok(self
            .blocks
            .get(&index)
            .map_or(&[][..], |block| &block[from..]))
    }

    fn consume(&mut self, n: usize) {
        self.pos += n as u64;
    }
}

impl Seek for MemberReader {
    /// Only moves the position: the bytes are made when read.
    fn seek(&mut self, to: SeekFrom) -> io::Result<u64> {
        self.pos = resolve(to, self.pos, self.place.size)?;
        Ok(self.pos)
    }
}

/// A seekable view of `len` bytes starting at `start` of another reader.
pub struct Window {
    inner: Box<dyn ReadSeek>,
    start: u64,
    len: u64,
    pos: u64,
}

impl Window {
    pub fn new(mut inner: Box<dyn ReadSeek>, start: u64, len: u64) -> io::Result<Window> {
        inner.seek(SeekFrom::Start(start))?;
        Ok(Window {
            inner,
            start,
            len,
            pos: 0,
        })
    }
}

impl Read for Window {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let left = self.len.saturating_sub(self.pos);
        let want = buf.len().min(usize::try_from(left).unwrap_or(usize::MAX));
        if want == 0 {
            return Ok(0);
        }
        let n = self.inner.read(&mut buf[..want])?;
        self.pos += n as u64;
        Ok(n)
    }
}

impl Seek for Window {
    fn seek(&mut self, to: SeekFrom) -> io::Result<u64> {
        let target = resolve(to, self.pos, self.len)?;
        self.inner
            .seek(SeekFrom::Start(self.start + target.min(self.len)))?;
        self.pos = target;
        Ok(target)
    }
}

fn resolve(to: SeekFrom, pos: u64, len: u64) -> io::Result<u64> {
    let target = match to {
        SeekFrom::Start(n) => Some(n),
        SeekFrom::Current(d) => pos.checked_add_signed(d),
        SeekFrom::End(d) => len.checked_add_signed(d),
    };
    target.ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "seek before start"))
}

#[cfg(test)]
thread_local! {
    /// Bytes this thread's members inflated: the work of reading them.
    pub(super) static INFLATED: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    /// Bytes that deflate does not shrink to nothing, as a photo's.
    fn noise(len: usize) -> Vec<u8> {
        let mut x = 0x9E37_79B9u32;
        (0..len)
            .map(|i| {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                if i % 3 == 0 { b'a' } else { x as u8 }
            })
            .collect()
    }

    /// A reader of `bytes` stored or deflated at the start of a container, with `crc`
    /// recorded for them.
    fn member(bytes: &[u8], deflated: bool, crc: u32) -> MemberReader {
        let data = match deflated {
            true => {
                let mut encoder =
                    flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
                encoder.write_all(bytes).unwrap();
                encoder.finish().unwrap()
            }
            false => bytes.to_vec(),
        };
        let mut container = b"local header".to_vec();
        container.extend(&data);
        let container = Arc::new(container);
        let open: Opener = Arc::new(move || {
            Ok(Box::new(io::Cursor::new(container.as_ref().clone())) as Box<dyn ReadSeek>)
        });
        let place = Place {
            data_start: 12,
            compressed_size: data.len() as u64,
            size: bytes.len() as u64,
            deflated,
            crc32: crc,
        };
        MemberReader::new(open, place)
    }

    fn read_at(r: &mut MemberReader, at: SeekFrom, len: usize) -> Vec<u8> {
        let mut buf = vec![0; len];
        r.seek(at).unwrap();
        r.read_exact(&mut buf).unwrap();
        buf
    }

    /// Reads as a photo's and a video's readers do: the head, the last bytes, the
    /// head again, the end again, then checks. Returns the bytes inflated.
    fn read_back_and_forth(bytes: &[u8]) -> u64 {
        let before = INFLATED.with(|n| n.get());
        let mut r = member(bytes, true, crc32fast::hash(bytes));
        let len = bytes.len() as u64;
        assert_eq!(read_at(&mut r, SeekFrom::Start(0), 100), bytes[..100]);
        assert_eq!(
            read_at(&mut r, SeekFrom::End(-2), 2),
            bytes[bytes.len() - 2..]
        );
        assert_eq!(
            read_at(&mut r, SeekFrom::Start(8192), 70_000),
            bytes[8192..78_192]
        );
        let near_end = (len - 300_000) as usize;
        let got = read_at(&mut r, SeekFrom::Start(near_end as u64), 1000);
        assert_eq!(got, bytes[near_end..near_end + 1000]);
        assert_eq!(
            read_at(&mut r, SeekFrom::Start(500_000), 10),
            bytes[500_000..500_010]
        );
        r.finish().unwrap();
        INFLATED.with(|n| n.get()) - before
    }

    #[test]
    fn a_member_read_back_and_forth_and_checked_is_inflated_once() {
        // A photo kept whole, and a video larger than what is kept: its head and its
        // latest bytes are kept.
        for len in [5_000_000, 20_000_000] {
            let bytes = noise(len);
            assert_eq!(read_back_and_forth(&bytes), len as u64, "{len}");
        }
    }

    #[test]
    fn a_seek_back_past_what_is_kept_inflates_again_and_checks_all_the_same() {
        let bytes = noise(12_000_000);
        let before = INFLATED.with(|n| n.get());
        let mut r = member(&bytes, true, crc32fast::hash(&bytes));
        assert_eq!(
            read_at(&mut r, SeekFrom::Start(11_000_000), 5),
            bytes[11_000_000..][..5]
        );
        assert_eq!(
            read_at(&mut r, SeekFrom::Start(2_000_000), 5),
            bytes[2_000_000..][..5]
        );
        r.finish().unwrap();
        let work = INFLATED.with(|n| n.get()) - before;
        assert!(work > 12_000_000 && work < 25_000_000, "{work}");
    }

    #[test]
    fn damage_is_found_whatever_was_read_and_said_again() {
        let bytes = noise(300_000);
        for deflated in [true, false] {
            // The CRC does not match: found when the rest is made.
            let mut r = member(&bytes, deflated, crc32fast::hash(&bytes) ^ 1);
            assert_eq!(read_at(&mut r, SeekFrom::Start(0), 10), bytes[..10]);
            let e = r.finish().unwrap_err();
            assert_eq!(e.to_string(), "CRC-32 mismatch");
            assert_eq!(r.finish().unwrap_err().to_string(), "CRC-32 mismatch");
            // Shorter than recorded: the reader and the check both fail.
            let mut r = member(&bytes, deflated, crc32fast::hash(&bytes));
            r.place.size += 10;
            let mut all = Vec::new();
            assert!(r.read_to_end(&mut all).is_err());
            let e = r.finish().unwrap_err();
            assert_eq!(e.to_string(), "300000 of 300010 bytes", "{deflated}");
        }
    }

    #[test]
    fn a_stored_member_is_read_from_any_block_and_checked_once() {
        let bytes = noise(3_000_000);
        let mut r = member(&bytes, false, crc32fast::hash(&bytes));
        assert_eq!(
            read_at(&mut r, SeekFrom::Start(2_900_000), 4),
            bytes[2_900_000..][..4]
        );
        assert_eq!(read_at(&mut r, SeekFrom::Start(10), 4), bytes[10..14]);
        r.finish().unwrap();
        let mut untouched = member(&bytes, false, crc32fast::hash(&bytes));
        untouched.finish().unwrap();
        let mut empty = member(b"", true, 0);
        assert_eq!(empty.fill_buf().unwrap(), b"");
        empty.finish().unwrap();
    }
}
