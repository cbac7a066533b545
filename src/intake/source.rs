//! Where a file's bytes come from: a file on disk, or a member of a zip archive read in
//! place. Every source can be opened any number of times, and every reader it returns
//! can seek, so the inspectors read headers and skip the rest whether or not the file
//! sits in an archive. Nothing is ever extracted to disk.
//!
//! A deflated member can only be read from its first byte: a reader of one keeps what
//! it made ([`super::member`]), and a zip inside a zip is inflated once and held in
//! memory ([`Held`]), so that its members are windows over those bytes instead of each
//! inflating the outer member again from byte 0.

use std::fs::File;
use std::io::{self, BufReader, Read};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use super::ReadSeek;
pub use super::member::Checked;
use super::member::{MemberReader, Place, Window};
use super::origin::Origin;
use crate::limits::MAX_NESTED_ARCHIVE_BYTES;

/// Something that can be opened for reading, again and again.
pub trait Source: Send + Sync {
    fn open(&self) -> io::Result<Box<dyn ReadSeek>>;

    /// Opens the bytes for one reader that checks them as they pass: its
    /// [`Checked::finish`] reads what the reader left and compares the whole with what
    /// the container recorded (a zip member's size and CRC-32), so that reading and
    /// checking a member is one pass. Sources with nothing to check against pass.
    fn open_checked(&self) -> io::Result<Box<dyn Checked>> {
        Ok(Box::new(self.open()?))
    }

    /// Checks the bytes against what their container recorded for them. Reads the
    /// whole file, so only what a check will count is verified.
    fn verify(&self) -> io::Result<()> {
        self.open_checked()?.finish()
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

    /// The CRC-32 the container recorded for the bytes (a zip member's), if any: two
    /// sources of the same size whose recorded CRCs differ hold different bytes.
    fn recorded_crc32(&self) -> Option<u32> {
        None
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

impl ZipMember {
    /// One reader of the member's bytes ([`MemberReader`]).
    fn reader(&self) -> MemberReader {
        let container = self.container.clone();
        let place = Place {
            data_start: self.data_start,
            compressed_size: self.compressed_size,
            size: self.size,
            deflated: self.method == Method::Deflated,
            crc32: self.crc32,
        };
        MemberReader::new(Arc::new(move || container.open()), place)
    }
}

impl Source for ZipMember {
    /// A member of an archive on disk is said by its place in it; a member of an
    /// archive held in memory by its own compressed bytes (bounded by the read limit),
    /// so that no process is sent a whole archive per member, and the reader inflates
    /// and checks it as it would a member on disk.
    fn origin(&self) -> Option<super::origin::Origin> {
        use super::origin::Origin;
        let container = if self.in_memory() {
            if self.compressed_size > crate::limits::MAX_PART_BYTES {
                return None;
            }
            let mut bytes = Vec::new();
            let window = Window::new(
                self.container.open().ok()?,
                self.data_start,
                self.compressed_size,
            );
            window.ok()?.read_to_end(&mut bytes).ok()?;
            Origin::Bytes(bytes)
        } else {
            self.container.origin()?
        };
        Some(Origin::Member {
            data_start: if self.in_memory() { 0 } else { self.data_start },
            container: Box::new(container),
            compressed_size: self.compressed_size,
            size: self.size,
            deflated: self.method == Method::Deflated,
            crc32: self.crc32,
        })
    }

    fn in_memory(&self) -> bool {
        self.container.in_memory()
    }

    fn open_checked(&self) -> io::Result<Box<dyn Checked>> {
        Ok(Box::new(self.reader()))
    }

    fn recorded_crc32(&self) -> Option<u32> {
        Some(self.crc32)
    }

    fn open(&self) -> io::Result<Box<dyn ReadSeek>> {
        Ok(Box::new(self.reader()))
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
        let mut reader = self.reader();
        let read = reader.read_to_end(&mut bytes).and_then(|_| reader.finish());
        if let Err(e) = read {
            let why = match e.kind() {
                io::ErrorKind::UnexpectedEof => "size differs from the archive's record".into(),
                _ => e.to_string(),
            };
            return Err(NotHeld::Damaged(io::Error::new(
                io::ErrorKind::InvalidData,
                why,
            )));
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
