//! Readers over a photo's bytes: its first bytes held in memory, so that the parsers
//! that each walk the header (its size, its bounds, its EXIF) read them from the file
//! once, not once each; and a prefix of it that segments are skipped in by seeking.

use std::io::{self, BufRead, Read, Seek, SeekFrom};

use crate::intake::ReadSeek;

/// A reader over `inner` whose bytes `0..head.len()` come from `head`.
pub struct Headed<'a> {
    inner: &'a mut dyn ReadSeek,
    head: Vec<u8>,
    pos: u64,
    /// Where `inner` is, when known: it is moved only when a read goes past the head.
    inner_pos: Option<u64>,
}

impl<'a> Headed<'a> {
    /// Reads up to `len` bytes from the start of `inner` and keeps them.
    pub fn new(inner: &'a mut dyn ReadSeek, len: usize) -> io::Result<Headed<'a>> {
        inner.seek(SeekFrom::Start(0))?;
        let mut head = Vec::with_capacity(len);
        Read::take(&mut *inner, len as u64).read_to_end(&mut head)?;
        let inner_pos = Some(head.len() as u64);
        Ok(Headed {
            inner,
            head,
            pos: 0,
            inner_pos,
        })
    }

    /// The bytes kept from the start.
    pub fn head(&self) -> &[u8] {
        &self.head
    }

    fn in_head(&self) -> Option<usize> {
        usize::try_from(self.pos)
            .ok()
            .filter(|&at| at < self.head.len())
    }

    /// Puts `inner` where this reader is, before reading past the head.
    fn align(&mut self) -> io::Result<()> {
        if self.inner_pos != Some(self.pos) {
            self.inner_pos = None;
            self.inner.seek(SeekFrom::Start(self.pos))?;
            self.inner_pos = Some(self.pos);
        }
        Ok(())
    }
}

impl Read for Headed<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        crate::intake::read_buffered(self, buf)
    }
}

impl BufRead for Headed<'_> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if let Some(at) = self.in_head() {
            return Ok(&self.head[at..]);
        }
        self.align()?;
        self.inner.fill_buf()
    }

    fn consume(&mut self, n: usize) {
        if self.in_head().is_none() {
            self.inner.consume(n);
            self.inner_pos = self.inner_pos.map(|p| p + n as u64);
        }
        self.pos += n as u64;
    }
}

impl Seek for Headed<'_> {
    fn seek(&mut self, to: SeekFrom) -> io::Result<u64> {
        let target = match to {
            SeekFrom::Start(n) => Some(n),
            SeekFrom::Current(d) => self.pos.checked_add_signed(d),
            SeekFrom::End(_) => {
                self.inner_pos = None;
                let end = self.inner.seek(to)?;
                self.inner_pos = Some(end);
                Some(end)
            }
        };
        self.pos = target
            .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "seek before start"))?;
        Ok(self.pos)
    }
}

/// The first `limit` bytes of a reader, from where it is; a seek moves it without
/// reading.
pub struct Prefix<'a> {
    inner: &'a mut dyn ReadSeek,
    at: u64,
    limit: u64,
}

impl<'a> Prefix<'a> {
    pub fn new(inner: &'a mut dyn ReadSeek, limit: u64) -> Prefix<'a> {
        Prefix {
            inner,
            at: 0,
            limit,
        }
    }
}

impl Read for Prefix<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        crate::intake::read_buffered(self, buf)
    }
}

impl BufRead for Prefix<'_> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        let left = usize::try_from(self.limit.saturating_sub(self.at)).unwrap_or(usize::MAX);
        if left == 0 {
            return Ok(&[]);
        }
        let buf = self.inner.fill_buf()?;
        Ok(&buf[..buf.len().min(left)])
    }

    fn consume(&mut self, n: usize) {
        self.inner.consume(n);
        self.at += n as u64;
    }
}

impl Seek for Prefix<'_> {
    fn seek(&mut self, to: SeekFrom) -> io::Result<u64> {
        let invalid = || io::Error::new(io::ErrorKind::InvalidInput, "seek");
        let target = match to {
            SeekFrom::Current(d) => self.at.checked_add_signed(d).ok_or_else(invalid)?,
            SeekFrom::Start(n) => n,
            SeekFrom::End(_) => return Err(invalid()),
        };
        let delta = i64::try_from(target).map_err(|_| invalid())? - self.at as i64;
        self.inner.seek(SeekFrom::Current(delta))?;
        self.at = target;
        Ok(target)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_and_seeks_as_the_file_does_across_the_head() {
        let bytes: Vec<u8> = (0..5000u32).map(|i| (i * 7 % 251) as u8).collect();
        let mut file = io::BufReader::with_capacity(64, io::Cursor::new(bytes.clone()));
        let mut headed = Headed::new(&mut file, 1000).unwrap();
        assert_eq!(headed.head(), &bytes[..1000]);
        // Across the end of the head, in small reads.
        headed.seek(SeekFrom::Start(990)).unwrap();
        let mut got = vec![0; 30];
        headed.read_exact(&mut got).unwrap();
        assert_eq!(got, &bytes[990..1020]);
        // Back into the head, forward past it, from the end.
        headed.seek(SeekFrom::Current(-1010)).unwrap();
        let mut got = vec![0; 4];
        headed.read_exact(&mut got).unwrap();
        assert_eq!(got, &bytes[10..14]);
        headed.seek(SeekFrom::Current(3000)).unwrap();
        headed.read_exact(&mut got).unwrap();
        assert_eq!(got, &bytes[3014..3018]);
        assert_eq!(headed.seek(SeekFrom::End(-4)).unwrap(), 4996);
        let mut rest = Vec::new();
        headed.read_to_end(&mut rest).unwrap();
        assert_eq!(rest, &bytes[4996..]);
        assert!(headed.seek(SeekFrom::Current(-6000)).is_err());
        // A file shorter than the head asked for.
        let mut short = io::Cursor::new(bytes[..300].to_vec());
        let mut headed = Headed::new(&mut short, 1000).unwrap();
        let mut all = Vec::new();
        headed.read_to_end(&mut all).unwrap();
        assert_eq!(all, &bytes[..300]);
    }

    #[test]
    fn a_prefix_ends_at_its_limit_and_skips_by_seeking() {
        let bytes: Vec<u8> = (0..5000u32).map(|i| (i % 253) as u8).collect();
        let mut file = io::Cursor::new(bytes.clone());
        file.set_position(100);
        let mut prefix = Prefix::new(&mut file, 1000);
        assert_eq!(prefix.seek(SeekFrom::Current(500)).unwrap(), 500);
        let mut rest = Vec::new();
        prefix.read_to_end(&mut rest).unwrap();
        assert_eq!(rest, &bytes[600..1100]);
        prefix.seek(SeekFrom::Current(-10)).unwrap();
        let mut last = Vec::new();
        prefix.read_to_end(&mut last).unwrap();
        assert_eq!(last, &bytes[1090..1100]);
        prefix.seek(SeekFrom::Current(2000)).unwrap();
        assert_eq!(prefix.fill_buf().unwrap(), b"");
    }
}
