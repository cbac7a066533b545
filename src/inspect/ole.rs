//! Just enough of the OLE compound file format (.doc, .xls, .wps, .et, and encrypted
//! Office Open XML files) to tell whether a file is one, and whether it is encrypted,
//! through the `cfb` crate. Reading the streams themselves is not this module's job.

use std::io::SeekFrom;

use crate::intake::ReadSeek;

pub const MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Whether the compound file holds an `EncryptedPackage` stream, which is how Word,
/// Excel and WPS store a password-protected .docx/.xlsx. A file that is not a valid
/// compound file is not taken for an encrypted one; its reader reports it.
pub fn is_encrypted(reader: &mut dyn ReadSeek) -> bool {
    if reader.seek(SeekFrom::Start(0)).is_err() {
        return false;
    }
    cfb::CompoundFile::open(&mut *reader).is_ok_and(|file| file.is_stream("/EncryptedPackage"))
}
