//! Reading one part of a zip package (.docx, .xlsx, .odt) whole and checked.

use std::io::{Read, Seek};

use super::Failure;
use crate::codes::Code;

/// Reads one part of a zip package (a .docx's `word/document.xml`, an .odt's
/// `content.xml`) whole, within the read limit. Reading to the end makes the zip
/// reader check the part's CRC, so a damaged package is an error, never text read up
/// to the damage. A part over the limit is named as too large, not as malformed.
pub(crate) fn zip_part<R: Read + Seek>(
    zip: &mut zip::ZipArchive<R>,
    name: &str,
    limit: u64,
    code_for_damage: Code,
) -> Result<Option<Vec<u8>>, Failure> {
    let mut part = match zip.by_name(name) {
        Ok(part) => part,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => {
            return Err((code_for_damage, msg!("part-damaged", name, e)));
        }
    };
    let size = part.size();
    if size > limit {
        let (mb, limit_mb) = (size / 1024 / 1024, limit / 1024 / 1024);
        return Err((
            Code::FileOverReadLimit,
            msg!("file-over-read-limit-inner", name, mb, limit_mb),
        ));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0).min(1 << 20));
    (&mut part)
        .take(limit)
        .read_to_end(&mut bytes)
        .map_err(|e| (code_for_damage, msg!("part-damaged-download", name, e)))?;
    Ok(Some(bytes))
}
