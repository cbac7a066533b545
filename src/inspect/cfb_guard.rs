//! A compound file (CFB, "OLE2": .xls, .et, .doc, .wps, .ppt) checked before any
//! reader trusts its chains. The header, the DIFAT and the FAT, the directory chain,
//! the mini-FAT chain, the mini stream and every stream's chain are walked once, with
//! loop detection and a bound taken from the file's own size: no chain can be longer
//! than the number of sectors the file holds, and in a sound file no sector belongs
//! to two chains, so all the chains together are walked in one pass over the sectors.
//!
//! calamine reads .xls with its own compound-file code, which follows a chain until
//! it ends or reaches the length the directory declares: a chain that loops grew its
//! buffer to 4 GB and aborted the process. The `cfb` crate (.doc, .wps, .ppt) detects
//! loops itself; it is checked the same way so that the same damage is said the same
//! plain way whatever the file is.
//!
//! [`Compound::stream`] reads a stream as calamine finds it (the first directory
//! entry of that name, in any storage), for checks that must see what calamine sees.

use std::io::{self, Read, Seek, SeekFrom};

/// Sector ids above this are markers, not sectors.
const MAX_REGULAR: u32 = 0xFFFF_FFFA;
const DIFAT_SECTOR: u32 = 0xFFFF_FFFC;
const END_OF_CHAIN: u32 = 0xFFFF_FFFE;
const FREE: u32 = 0xFFFF_FFFF;
/// DIFAT entries held in the header itself.
const HEADER_DIFAT: usize = 109;
const HEADER_LEN: usize = 512;
const ENTRY_LEN: usize = 128;
const MINI_SECTOR: u64 = 64;
/// Streams shorter than this live in the mini stream. calamine uses this fixed value
/// whatever the header says, and so do the checks here.
const MINI_CUTOFF: u64 = 4096;
/// Directory entry object types.
const STORAGE: u8 = 1;
/// Streams calamine reads by name whatever their entry's type.
const CALAMINE_STREAMS: [&str; 2] = ["Workbook", "Book"];

/// How a compound file is damaged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Damage {
    /// No header a reader can take: wrong signature, sector size or length.
    Header,
    /// A table or chain names a sector the file does not hold (a cut file).
    OutOfFile,
    /// A chain comes back on itself.
    Loop,
    /// Chains overlap: together they are longer than the file.
    Overlap,
}

impl From<io::Error> for Damage {
    fn from(_: io::Error) -> Damage {
        Damage::OutOfFile
    }
}

/// One directory entry, as far as the checks need it.
#[derive(Debug, Clone)]
struct Entry {
    name: String,
    kind: u8,
    start: u32,
    len: u64,
}

/// A compound file whose tables and chains were found sound.
#[derive(Debug)]
pub struct Compound {
    sector_len: u64,
    fat: Vec<u32>,
    mini_fat: Vec<u32>,
    entries: Vec<Entry>,
    /// The root entry's chain: the sectors of the mini stream.
    mini_stream: Vec<u32>,
}

/// Walks chains with one stamp per sector: a sector met twice in one chain is a loop,
/// and the steps of all chains together may not exceed twice the sectors.
struct Walker {
    sectors: u32,
    stamp: Vec<u32>,
    chain: u32,
    budget: u64,
}

impl Walker {
    fn new(sectors: u32) -> Walker {
        Walker {
            sectors,
            stamp: vec![0; sectors as usize],
            chain: 0,
            budget: 2 * u64::from(sectors) + 16,
        }
    }

    /// The sectors of the chain from `start` through `table`, to its end marker.
    fn chain(&mut self, table: &[u32], start: u32) -> Result<Vec<u32>, Damage> {
        self.chain += 1;
        let mut ids = Vec::new();
        let mut id = start;
        while id != END_OF_CHAIN {
            self.visit(id)?;
            ids.push(id);
            id = *table.get(id as usize).ok_or(Damage::OutOfFile)?;
        }
        Ok(ids)
    }

    /// As [`Walker::chain`], where a free marker also says there is no chain (how
    /// some writers leave an empty mini stream or mini-FAT).
    fn optional_chain(&mut self, table: &[u32], start: u32) -> Result<Vec<u32>, Damage> {
        if start == FREE {
            return Ok(Vec::new());
        }
        self.chain(table, start)
    }

    fn visit(&mut self, id: u32) -> Result<(), Damage> {
        if id >= self.sectors {
            return Err(Damage::OutOfFile);
        }
        if self.stamp[id as usize] == self.chain {
            return Err(Damage::Loop);
        }
        if self.budget == 0 {
            return Err(Damage::Overlap);
        }
        self.budget -= 1;
        self.stamp[id as usize] = self.chain;
        Ok(())
    }
}

fn u16_at(b: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([b[at], b[at + 1]])
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
}

fn words(bytes: &[u8]) -> impl Iterator<Item = u32> + '_ {
    bytes.chunks_exact(4).map(|w| u32_at(w, 0))
}

/// Checks the compound file `reader` holds; the reader's position is left anywhere.
pub fn check<R: Read + Seek + ?Sized>(reader: &mut R) -> Result<Compound, Damage> {
    let len = reader.seek(SeekFrom::End(0))?;
    let mut header = [0u8; HEADER_LEN];
    reader.seek(SeekFrom::Start(0))?;
    reader.read_exact(&mut header).map_err(|_| Damage::Header)?;
    let sector_len: u64 = match u16_at(&header, 30) {
        9 => 512,
        12 => 4096,
        _ => return Err(Damage::Header),
    };
    if header[..8] != super::ole::MAGIC || u16_at(&header, 32) != 6 || len < sector_len {
        return Err(Damage::Header);
    }
    // The header takes the place of sector -1; a last sector cut short still counts,
    // as the readers read what is there of it.
    let sectors = (len - sector_len).div_ceil(sector_len);
    let sectors = u32::try_from(sectors)
        .ok()
        .filter(|&n| n <= MAX_REGULAR)
        .ok_or(Damage::Header)?;
    let mut file = Sectors { reader, sector_len };
    let mut walker = Walker::new(sectors);
    let fat = file.fat(&header, &mut walker)?;
    let directory = walker.chain(&fat, u32_at(&header, 48))?;
    let entries = file.entries(&directory)?;
    let root = entries.first().ok_or(Damage::Header)?;
    let mini_stream = walker.optional_chain(&fat, root.start)?;
    let mini_fat_sectors = walker.optional_chain(&fat, u32_at(&header, 60))?;
    let mut mini_fat = Vec::new();
    for &id in &mini_fat_sectors {
        mini_fat.extend(words(&file.sector(id)?));
    }
    let compound = Compound {
        sector_len,
        fat,
        mini_fat,
        entries,
        mini_stream,
    };
    compound.check_streams(&mut walker)?;
    Ok(compound)
}

/// The sectors of the file being checked.
struct Sectors<'r, R: ?Sized> {
    reader: &'r mut R,
    sector_len: u64,
}

impl<R: Read + Seek + ?Sized> Sectors<'_, R> {
    /// Sector `id`, or as much of it as the file holds.
    fn sector(&mut self, id: u32) -> Result<Vec<u8>, Damage> {
        let at = (u64::from(id) + 1) * self.sector_len;
        self.reader.seek(SeekFrom::Start(at))?;
        let mut bytes = Vec::with_capacity(self.sector_len as usize);
        (&mut *self.reader)
            .take(self.sector_len)
            .read_to_end(&mut bytes)?;
        Ok(bytes)
    }

    /// The FAT, from the FAT sectors the DIFAT lists: the header's 109 entries, then
    /// the DIFAT sector chain, whose last word in each sector links the next.
    fn fat(&mut self, header: &[u8], walker: &mut Walker) -> Result<Vec<u32>, Damage> {
        let mut listed: Vec<u32> = words(&header[76..]).take(HEADER_DIFAT).collect();
        walker.chain += 1;
        let mut next = u32_at(header, 68);
        while next != END_OF_CHAIN && next != FREE {
            walker.visit(next)?;
            let sector = self.sector(next)?;
            let mut links: Vec<u32> = words(&sector).collect();
            next = links.pop().ok_or(Damage::OutOfFile)?;
            listed.extend(links);
        }
        // Each FAT sector is listed once: a FAT sector listed twice would repeat the
        // table, as often as a hostile DIFAT likes.
        walker.chain += 1;
        let mut fat = Vec::new();
        // calamine skips the markers from DIFSECT up; the lower ones are damage.
        for id in listed.into_iter().filter(|&id| id < DIFAT_SECTOR) {
            walker.visit(id)?;
            fat.extend(words(&self.sector(id)?));
        }
        Ok(fat)
    }

    /// The directory entries held by the directory chain's sectors.
    fn entries(&mut self, chain: &[u32]) -> Result<Vec<Entry>, Damage> {
        let mut entries = Vec::new();
        for &id in chain {
            let sector = self.sector(id)?;
            for raw in sector.chunks_exact(ENTRY_LEN) {
                entries.push(entry(raw, self.sector_len));
            }
        }
        Ok(entries)
    }
}

/// A directory entry as calamine decodes it: the name up to its first NUL, and a
/// 32-bit length in files of 512-byte sectors.
fn entry(raw: &[u8], sector_len: u64) -> Entry {
    let units: Vec<u16> = raw[..64].chunks_exact(2).map(|c| u16_at(c, 0)).collect();
    let mut name = String::from_utf16_lossy(&units);
    if let Some(nul) = name.find('\0') {
        name.truncate(nul);
    }
    let len = if sector_len == 512 {
        u64::from(u32_at(raw, 120))
    } else {
        u64::from(u32_at(raw, 120)) | (u64::from(u32_at(raw, 124)) << 32)
    };
    Entry {
        name,
        kind: raw[66],
        start: u32_at(raw, 116),
        len,
    }
}

impl Compound {
    /// Mini-stream sectors the root entry's chain holds.
    fn mini_sectors(&self) -> u64 {
        self.mini_stream.len() as u64 * self.sector_len / MINI_SECTOR
    }

    /// Whether a reader may follow this entry's chain: every stream, and a storage
    /// only when it bears a name calamine reads as a stream (a storage's start and
    /// length are left over in some sound files).
    fn is_read(&self, index: usize, e: &Entry) -> bool {
        index > 0
            && e.len > 0
            && (e.kind != STORAGE
                || CALAMINE_STREAMS
                    .iter()
                    .any(|n| n.eq_ignore_ascii_case(&e.name)))
    }

    /// Walks every stream's chain: long ones through the FAT, short ones through the
    /// mini-FAT within the mini stream.
    fn check_streams(&self, walker: &mut Walker) -> Result<(), Damage> {
        let mini_sectors = u32::try_from(self.mini_sectors()).unwrap_or(MAX_REGULAR);
        let mut mini = Walker::new(mini_sectors.min(self.mini_fat.len() as u32));
        for (index, e) in self.entries.iter().enumerate() {
            if !self.is_read(index, e) {
                continue;
            }
            if e.len < MINI_CUTOFF {
                mini.chain(&self.mini_fat, e.start)?;
            } else {
                walker.chain(&self.fat, e.start)?;
            }
        }
        Ok(())
    }

    /// The stream calamine would read for `name`: the first entry of that name, any
    /// case, anywhere in the directory. None when there is none.
    pub fn stream<R: Read + Seek + ?Sized>(
        &self,
        reader: &mut R,
        name: &str,
    ) -> Result<Option<Vec<u8>>, Damage> {
        let Some(e) = self
            .entries
            .iter()
            .find(|e| e.name.eq_ignore_ascii_case(name))
        else {
            return Ok(None);
        };
        let mut file = Sectors {
            reader,
            sector_len: self.sector_len,
        };
        let mut bytes = Vec::new();
        if e.len < MINI_CUTOFF {
            let mut stream = Vec::new();
            for &id in &self.mini_stream {
                stream.extend(file.sector(id)?);
            }
            let ids = Walker::new(self.mini_fat.len() as u32).chain(&self.mini_fat, e.start)?;
            for id in ids {
                let at = (u64::from(id) * MINI_SECTOR) as usize;
                let end = (at + MINI_SECTOR as usize).min(stream.len());
                bytes.extend(stream.get(at..end).ok_or(Damage::OutOfFile)?);
            }
        } else {
            let sectors = self.fat.len() as u32;
            for id in Walker::new(sectors).chain(&self.fat, e.start)? {
                bytes.extend(file.sector(id)?);
            }
        }
        bytes.truncate(usize::try_from(e.len).unwrap_or(usize::MAX));
        Ok(Some(bytes))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Cursor, Write};

    const BIG: usize = 9000;
    const SMALL: usize = 700;

    /// A sound compound file made by the `cfb` crate: a long stream (in the FAT) and a
    /// short one (in the mini stream).
    fn made(version: cfb::Version) -> Vec<u8> {
        let cursor = Cursor::new(Vec::new());
        let mut file = cfb::CompoundFile::create_with_version(version, cursor).unwrap();
        for (name, len, byte) in [("/Workbook", BIG, 7u8), ("/Small", SMALL, 9u8)] {
            let mut stream = file.create_stream(name).unwrap();
            stream.write_all(&vec![byte; len]).unwrap();
        }
        file.flush().unwrap();
        file.into_inner().into_inner()
    }

    fn parse(bytes: &[u8]) -> Result<Compound, Damage> {
        check(&mut Cursor::new(bytes))
    }

    fn sector_len(bytes: &[u8]) -> usize {
        1 << u16_at(bytes, 30)
    }

    /// Points the FAT entry of `id` at `to` (every file made here has one FAT sector).
    fn set_fat(bytes: &mut [u8], id: u32, to: u32) {
        let len = sector_len(bytes);
        let fat = u32_at(bytes, 76) as usize;
        let at = (fat + 1) * len + 4 * id as usize;
        bytes[at..at + 4].copy_from_slice(&to.to_le_bytes());
    }

    fn entry_start(bytes: &[u8], name: &str) -> u32 {
        let compound = parse(bytes).unwrap();
        compound
            .entries
            .iter()
            .find(|e| e.name == name)
            .unwrap()
            .start
    }

    #[test]
    fn sound_files_pass_and_their_streams_read_as_written() {
        for version in [cfb::Version::V3, cfb::Version::V4] {
            let bytes = made(version);
            let compound = parse(&bytes).unwrap();
            let mut reader = Cursor::new(&bytes[..]);
            let read = |name| compound.stream(&mut Cursor::new(&bytes[..]), name);
            assert_eq!(read("workbook").unwrap(), Some(vec![7u8; BIG]));
            assert_eq!(read("Small").unwrap(), Some(vec![9u8; SMALL]));
            assert_eq!(compound.stream(&mut reader, "Book").unwrap(), None);
        }
    }

    #[test]
    fn a_stream_chain_that_loops_is_damage() {
        for version in [cfb::Version::V3, cfb::Version::V4] {
            let mut bytes = made(version);
            let start = entry_start(&bytes, "Workbook");
            set_fat(&mut bytes, start, start);
            assert_eq!(parse(&bytes).unwrap_err(), Damage::Loop);
        }
    }

    #[test]
    fn a_directory_chain_that_loops_is_damage() {
        let mut bytes = made(cfb::Version::V3);
        let directory = u32_at(&bytes, 48);
        set_fat(&mut bytes, directory, directory);
        assert_eq!(parse(&bytes).unwrap_err(), Damage::Loop);
    }

    #[test]
    fn a_mini_fat_or_mini_stream_chain_that_loops_is_damage() {
        let bytes = made(cfb::Version::V3);
        let mini_fat = u32_at(&bytes, 60);
        let root = entry_start(&bytes, "Root Entry");
        for id in [mini_fat, root] {
            let mut looped = bytes.clone();
            set_fat(&mut looped, id, id);
            assert_eq!(parse(&looped).unwrap_err(), Damage::Loop, "{id}");
        }
        // A short stream's chain in the mini-FAT.
        let mut looped = bytes.clone();
        let small = entry_start(&bytes, "Small");
        let at = (mini_fat as usize + 1) * sector_len(&bytes) + 4 * small as usize;
        looped[at..at + 4].copy_from_slice(&small.to_le_bytes());
        assert_eq!(parse(&looped).unwrap_err(), Damage::Loop);
    }

    #[test]
    fn a_fat_sector_listed_twice_or_a_cut_file_is_damage() {
        let bytes = made(cfb::Version::V3);
        let mut twice = bytes.clone();
        twice.copy_within(76..80, 80);
        assert_eq!(parse(&twice).unwrap_err(), Damage::Loop);
        let cut = &bytes[..bytes.len() * 9 / 10];
        assert_eq!(parse(cut).unwrap_err(), Damage::OutOfFile);
        assert_eq!(parse(&bytes[..300]).unwrap_err(), Damage::Header);
    }

    #[test]
    fn streams_sharing_their_sectors_are_damage() {
        // The long stream's entry copied into every free slot of the directory: the
        // chains together are longer than the file.
        let mut bytes = made(cfb::Version::V4);
        let compound = parse(&bytes).unwrap();
        let slot = compound.entries.iter().position(|e| e.name == "Workbook");
        let (slot, len) = (slot.unwrap(), sector_len(&bytes));
        let directory = (u32_at(&bytes, 48) as usize + 1) * len;
        let original = directory + slot * ENTRY_LEN;
        let free = compound
            .entries
            .iter()
            .enumerate()
            .filter(|(_, e)| e.kind == 0);
        for (i, _) in free {
            bytes.copy_within(original..original + ENTRY_LEN, directory + i * ENTRY_LEN);
        }
        assert_eq!(parse(&bytes).unwrap_err(), Damage::Overlap);
    }

    #[test]
    fn the_office_fixtures_pass_and_the_fuzz_crashes_do_not() {
        let fixture = |name: &str| {
            let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
            std::fs::read(path).unwrap()
        };
        for name in ["roster.xls", "roster-spaced.xls", "board.doc", "deck.ppt"] {
            let bytes = fixture(name);
            let compound = parse(&bytes).unwrap_or_else(|e| panic!("{name}: {e:?}"));
            let stream = ["Workbook", "WordDocument", "PowerPoint Document"]
                .iter()
                .find_map(|s| compound.stream(&mut Cursor::new(&bytes[..]), s).unwrap());
            assert!(stream.is_some_and(|s| s.len() > 512), "{name}");
        }
        for name in ["fuzz/roster-cfb-panic.xls", "fuzz/roster-cfb-slice.xls"] {
            assert!(parse(&fixture(name)).is_err(), "{name}");
        }
    }
}
