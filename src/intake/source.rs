//! Where a file's bytes come from: a file on disk, or a member of a zip archive read in
//! place. Every source can be opened any number of times, and every reader it returns
//! can seek, so the inspectors read headers and skip the rest whether or not the file
//! sits in an archive. Nothing is ever extracted to disk.
//!
//! A deflated member can only be read from its first byte, so a zip inside a zip is
//! inflated once and held in memory ([`Held`]): its members are then windows over
//! those bytes, instead of each inflating the outer member again from byte 0.

use std::fs::File;
use std::io::{self, BufReader, Read, Seek, SeekFrom};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use super::ReadSeek;
use super::origin::Origin;
use crate::limits::MAX_NESTED_ARCHIVE_BYTES;

/// Something that can be opened for reading, again and again.
pub trait Source: Send + Sync {
    fn open(&self) -> io::Result<Box<dyn ReadSeek>>;

    /// Checks the bytes against what their container recorded for them: a zip
    /// member's CRC-32. Reads the whole file, so only what a check will count is
    /// verified. Sources with nothing to check against pass.
    fn verify(&self) -> io::Result<()> {
        Ok(())
    }

    /// Where the bytes are, for a reader in another process; None when they cannot be
    /// said (then the file is read in this process).
    fn origin(&self) -> Option<super::origin::Origin> {
        None
    }

    /// Whether the bytes are held in this process's memory, not on disk.
    fn in_memory(&self) -> bool {
        false
    }
}

/// A file on disk.
pub struct DiskFile(pub PathBuf);

impl Source for DiskFile {
    fn open(&self) -> io::Result<Box<dyn ReadSeek>> {
        Ok(Box::new(BufReader::new(File::open(&self.0)?)))
    }

    fn origin(&self) -> Option<super::origin::Origin> {
        Some(super::origin::Origin::Disk(self.0.clone()))
    }
}

/// Bytes already in memory (fuzzing, tests, tools built on the library).
pub struct InMemory(pub Arc<Vec<u8>>);

impl Source for InMemory {
    fn open(&self) -> io::Result<Box<dyn ReadSeek>> {
        Ok(Box::new(io::Cursor::new(ArcBytes(self.0.clone()))))
    }

    fn origin(&self) -> Option<super::origin::Origin> {
        let small = self.0.len() as u64 <= crate::limits::MAX_PART_BYTES;
        small.then(|| super::origin::Origin::Bytes(self.0.to_vec()))
    }

    fn in_memory(&self) -> bool {
        true
    }
}

/// Shares the bytes between readers without copying them.
struct ArcBytes(Arc<Vec<u8>>);

impl AsRef<[u8]> for ArcBytes {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    Stored,
    Deflated,
}

/// A member of a zip archive, located by its data offset in the container.
pub struct ZipMember {
    pub container: Arc<dyn Source>,
    pub data_start: u64,
    pub compressed_size: u64,
    pub size: u64,
    pub method: Method,
    /// The CRC-32 the archive recorded for the member's bytes.
    pub crc32: u32,
}

impl Source for ZipMember {
    /// A member of an archive on disk is said by its place in it; a member of an
    /// archive held in memory by its own bytes (read once here, bounded by the read
    /// limit), so that no process is sent a whole archive per member.
    fn origin(&self) -> Option<super::origin::Origin> {
        use super::origin::Origin;
        if self.in_memory() {
            if self.size > crate::limits::MAX_PART_BYTES {
                return None;
            }
            let mut bytes = Vec::new();
            self.open().ok()?.read_to_end(&mut bytes).ok()?;
            return Some(Origin::Bytes(bytes));
        }
        Some(Origin::Member {
            container: Box::new(self.container.origin()?),
            data_start: self.data_start,
            compressed_size: self.compressed_size,
            size: self.size,
            deflated: self.method == Method::Deflated,
            crc32: self.crc32,
        })
    }

    fn in_memory(&self) -> bool {
        self.container.in_memory()
    }

    fn verify(&self) -> io::Result<()> {
        let mut reader = self.open()?;
        let mut hasher = crc32fast::Hasher::new();
        let mut buf = vec![0u8; 64 * 1024];
        let mut total = 0u64;
        loop {
            let n = reader.read(&mut buf)?;
            if n == 0 {
                break;
            }
            total += n as u64;
            hasher.update(&buf[..n]);
        }
        if total != self.size {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                format!("{total} of {} bytes", self.size),
            ));
        }
        if hasher.finalize() != self.crc32 {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                "CRC-32 mismatch",
            ));
        }
        Ok(())
    }

    fn open(&self) -> io::Result<Box<dyn ReadSeek>> {
        let window = Window::new(
            self.container.open()?,
            self.data_start,
            self.compressed_size,
        )?;
        Ok(match self.method {
            Method::Stored => Box::new(BufReader::new(window)),
            Method::Deflated => Box::new(BufReader::new(Inflate::new(
                self.container.clone(),
                window,
                self.data_start,
                self.compressed_size,
                self.size,
            ))),
        })
    }
}

/// Bytes of zips inside zips held in memory now, across the process.
static HELD_BYTES: AtomicU64 = AtomicU64::new(0);

/// A share of [`MAX_NESTED_ARCHIVE_BYTES`], given back when dropped.
struct Claim(u64);

impl Claim {
    fn new(bytes: u64) -> Option<Claim> {
        HELD_BYTES
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |held| {
                held.checked_add(bytes)
                    .filter(|&total| total <= MAX_NESTED_ARCHIVE_BYTES)
            })
            .ok()
            .map(|_| Claim(bytes))
    }
}

/// Takes all but `left` bytes of the memory for zips inside zips, until dropped.
#[cfg(test)]
pub(super) fn hold_back(left: u64) -> impl Sized {
    let held = HELD_BYTES.load(Ordering::SeqCst);
    Claim::new(
        MAX_NESTED_ARCHIVE_BYTES
            .saturating_sub(held)
            .saturating_sub(left),
    )
}

impl Drop for Claim {
    fn drop(&mut self) {
        HELD_BYTES.fetch_sub(self.0, Ordering::SeqCst);
    }
}

/// A zip member inflated once and held in memory (a zip inside a zip), within the
/// bytes all held members may take together.
pub struct Held {
    bytes: InMemory,
    _claim: Claim,
}

/// Why a member could not be held in memory.
#[derive(Debug)]
pub enum NotHeld {
    /// The held members would take more than [`MAX_NESTED_ARCHIVE_BYTES`].
    OverLimit,
    /// Its bytes do not match what the archive recorded for them.
    Damaged(io::Error),
}

impl ZipMember {
    /// The member's bytes, inflated in one pass and checked against the archive's
    /// record (size and CRC-32).
    pub fn hold(&self) -> Result<Held, NotHeld> {
        let claim = Claim::new(self.size).ok_or(NotHeld::OverLimit)?;
        let mut bytes = Vec::with_capacity(usize::try_from(self.size).unwrap_or(0));
        let reader = self.open().map_err(NotHeld::Damaged)?;
        reader
            .take(self.size.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(NotHeld::Damaged)?;
        let damaged = |why: &str| NotHeld::Damaged(io::Error::new(io::ErrorKind::InvalidData, why));
        if bytes.len() as u64 != self.size {
            return Err(damaged("size differs from the archive's record"));
        }
        if crc32fast::hash(&bytes) != self.crc32 {
            return Err(damaged("CRC-32 mismatch"));
        }
        Ok(Held {
            bytes: InMemory(Arc::new(bytes)),
            _claim: claim,
        })
    }
}

impl Source for Held {
    fn open(&self) -> io::Result<Box<dyn ReadSeek>> {
        self.bytes.open()
    }

    fn origin(&self) -> Option<super::origin::Origin> {
        self.bytes.origin()
    }

    fn in_memory(&self) -> bool {
        true
    }
}

/// A seekable view of `len` bytes starting at `start` of another reader.
struct Window {
    inner: Box<dyn ReadSeek>,
    start: u64,
    len: u64,
    pos: u64,
}

impl Window {
    fn new(mut inner: Box<dyn ReadSeek>, start: u64, len: u64) -> io::Result<Window> {
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

/// A deflated member made seekable: forward seeks decompress and discard, backward
/// seeks start again from the member's first byte. Reads never go past the declared
/// size, so a member that lies about its size cannot inflate without bound.
struct Inflate {
    container: Arc<dyn Source>,
    data_start: u64,
    compressed_size: u64,
    size: u64,
    decoder: flate2::read::DeflateDecoder<Window>,
    pos: u64,
}

impl Inflate {
    fn new(
        container: Arc<dyn Source>,
        window: Window,
        data_start: u64,
        compressed_size: u64,
        size: u64,
    ) -> Inflate {
        Inflate {
            container,
            data_start,
            compressed_size,
            size,
            decoder: flate2::read::DeflateDecoder::new(window),
            pos: 0,
        }
    }

    fn restart(&mut self) -> io::Result<()> {
        let window = Window::new(
            self.container.open()?,
            self.data_start,
            self.compressed_size,
        )?;
        self.decoder = flate2::read::DeflateDecoder::new(window);
        self.pos = 0;
        Ok(())
    }
}

impl Read for Inflate {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let left = self.size.saturating_sub(self.pos);
        let want = buf.len().min(usize::try_from(left).unwrap_or(usize::MAX));
        if want == 0 {
            return Ok(0);
        }
        let n = self.decoder.read(&mut buf[..want])?;
        self.pos += n as u64;
        #[cfg(test)]
        INFLATED.with(|total| total.set(total.get() + n as u64));
        Ok(n)
    }
}

#[cfg(test)]
thread_local! {
    /// Bytes this thread's members inflated: the work of reading them.
    pub(super) static INFLATED: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

impl Seek for Inflate {
    fn seek(&mut self, to: SeekFrom) -> io::Result<u64> {
        let target = resolve(to, self.pos, self.size)?.min(self.size);
        if target < self.pos {
            self.restart()?;
        }
        let skip = target - self.pos;
        let skipped = io::copy(&mut (&mut *self).take(skip), &mut io::sink())?;
        if skipped < skip {
            // The stream ended early: the member is shorter than it claims.
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "compressed data ends before its declared size",
            ));
        }
        Ok(self.pos)
    }
}

/// The source an [`Origin`] describes, again, in this process.
pub fn rebuild(origin: Origin) -> Arc<dyn Source> {
    match origin {
        Origin::Disk(path) => Arc::new(DiskFile(path)),
        Origin::Bytes(bytes) => Arc::new(InMemory(Arc::new(bytes))),
        Origin::Member {
            container,
            data_start,
            compressed_size,
            size,
            deflated,
            crc32,
        } => Arc::new(ZipMember {
            container: rebuild(*container),
            data_start,
            compressed_size,
            size,
            method: if deflated {
                Method::Deflated
            } else {
                Method::Stored
            },
            crc32,
        }),
    }
}
