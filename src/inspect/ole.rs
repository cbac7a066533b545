//! Just enough of the OLE compound file format (.doc, .xls, .wps, .et, and encrypted
//! Office Open XML files) to tell whether a file is one, and whether it is encrypted.
//! Reading the streams themselves is not this module's job.

use std::io::SeekFrom;

use crate::intake::ReadSeek;

pub const MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Whether the compound file's directory names an `EncryptedPackage` stream, which is
/// how Word, Excel and WPS store a password-protected .docx/.xlsx.
pub fn is_encrypted(reader: &mut dyn ReadSeek) -> bool {
    let mut header = [0u8; 512];
    if reader.seek(SeekFrom::Start(0)).is_err()
        || super::read_up_to(reader, &mut header) < 512
        || header[..8] != MAGIC
    {
        return false;
    }
    let shift = u16::from_le_bytes([header[0x1E], header[0x1F]]);
    if shift != 9 && shift != 12 {
        return false;
    }
    let first_dir = u32::from_le_bytes([header[0x30], header[0x31], header[0x32], header[0x33]]);
    let offset = (u64::from(first_dir) + 1) << shift;
    // The root's first directory sector holds the top-level streams of a small file.
    let mut dir = vec![0u8; 1 << shift];
    if reader.seek(SeekFrom::Start(offset)).is_err() {
        return false;
    }
    let n = super::read_up_to(reader, &mut dir);
    let needle: Vec<u8> = "EncryptedPackage"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    dir[..n].windows(needle.len()).any(|w| w == needle)
}
