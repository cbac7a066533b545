//! Where a file's bytes come from: a file on disk, or a member of a zip archive read in
//! place. Every source can be opened any number of times, and every reader it returns
//! can seek, so the inspectors read headers and skip the rest whether or not the file
//! sits in an archive. Nothing is ever extracted to disk.

use std::fs::File;
use std::io::{self, BufReader, Read, Seek, SeekFrom};
use std::path::PathBuf;
use std::sync::Arc;

use super::ReadSeek;

/// Something that can be opened for reading, again and again.
pub trait Source: Send + Sync {
    fn open(&self) -> io::Result<Box<dyn ReadSeek>>;

    /// Checks the bytes against what their container recorded for them: a zip
    /// member's CRC-32. Reads the whole file, so only what a check will count is
    /// verified. Sources with nothing to check against pass.
    fn verify(&self) -> io::Result<()> {
        Ok(())
    }
}

/// A file on disk.
pub struct DiskFile(pub PathBuf);

impl Source for DiskFile {
    fn open(&self) -> io::Result<Box<dyn ReadSeek>> {
        Ok(Box::new(BufReader::new(File::open(&self.0)?)))
    }
}

/// Bytes already in memory (fuzzing, tests, tools built on the library).
pub struct InMemory(pub Arc<Vec<u8>>);

impl Source for InMemory {
    fn open(&self) -> io::Result<Box<dyn ReadSeek>> {
        Ok(Box::new(io::Cursor::new(ArcBytes(self.0.clone()))))
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
        Ok(n)
    }
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
