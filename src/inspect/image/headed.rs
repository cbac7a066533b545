//! A photo's first bytes held in memory: the parsers that each walk the header (its
//! size, its bounds, its EXIF) read them from the file once, not once each.

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
        let available = self.fill_buf()?;
        let n = available.len().min(buf.len());
        buf[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
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
}
