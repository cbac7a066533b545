//! winmail.dat (`application/ms-tnef`): how Outlook, set to send "rich text", packs a
//! mail's attachments into one file that other mail programs show as an unknown
//! attachment. Read here far enough to take the attachments out: each begins with an
//! `attAttachRenddata` attribute, and carries its title (`attAttachTitle`), its bytes
//! (`attAttachData`) and its MAPI properties (`attAttachment`), whose
//! `PR_ATTACH_LONG_FILENAME` is the full name when the title is a short 8.3 one.
//!
//! The stream: a signature, a 2-byte key, then attributes, each a level byte, a 4-byte
//! id (type in the high half), a 4-byte length, the data and a 2-byte checksum (the
//! data's bytes added up). Every length is checked against what is left; a checksum
//! that does not match makes the whole file damaged.

use encoding_rs::{BIG5, Encoding, GB18030, UTF_8};

const SIGNATURE: u32 = 0x223E_9F78;
const ATT_ATTACH_RENDDATA: u32 = 0x0006_9002;
const ATT_ATTACH_TITLE: u32 = 0x0001_8010;
const ATT_ATTACH_DATA: u32 = 0x0006_800F;
const ATT_ATTACHMENT: u32 = 0x0006_9005;
const ATT_OEM_CODEPAGE: u32 = 0x0006_9007;
const PR_ATTACH_LONG_FILENAME: u16 = 0x3707;
const PT_STRING8: u16 = 0x001E;
const PT_UNICODE: u16 = 0x001F;

/// One attachment taken out of a winmail.dat.
#[derive(Default)]
pub(super) struct Packed {
    pub name: Option<String>,
    pub data: Option<Vec<u8>>,
}

/// A little-endian reader that never reads past the end.
struct Cursor<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Cursor<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.at.checked_add(n)?;
        let out = self.bytes.get(self.at..end)?;
        self.at = end;
        Some(out)
    }

    fn u16(&mut self) -> Option<u16> {
        self.take(2).map(|b| u16::from_le_bytes([b[0], b[1]]))
    }

    fn u32(&mut self) -> Option<u32> {
        self.take(4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn done(&self) -> bool {
        self.at >= self.bytes.len()
    }
}

/// The attachments packed in a winmail.dat, at most `limit` of them; None when it is
/// not one or is damaged.
pub(super) fn read(bytes: &[u8], limit: usize) -> Option<Vec<Packed>> {
    let mut cursor = Cursor { bytes, at: 0 };
    if cursor.u32()? != SIGNATURE {
        return None;
    }
    cursor.u16()?;
    let mut codepage = 0;
    let mut out: Vec<Packed> = Vec::new();
    while !cursor.done() {
        let _level = cursor.take(1)?;
        let id = cursor.u32()?;
        let len = usize::try_from(cursor.u32()?).ok()?;
        let data = cursor.take(len)?;
        let checksum = cursor.u16()?;
        let sum = data.iter().fold(0u16, |s, &b| s.wrapping_add(u16::from(b)));
        if sum != checksum {
            return None;
        }
        match id {
            ATT_OEM_CODEPAGE => {
                codepage = data
                    .get(..4)
                    .map_or(0, |b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
            }
            ATT_ATTACH_RENDDATA if out.len() < limit => out.push(Packed::default()),
            ATT_ATTACH_TITLE => {
                if let Some(current) = out.last_mut() {
                    current.name.get_or_insert_with(|| ansi(data, codepage));
                }
            }
            ATT_ATTACH_DATA => {
                if let Some(current) = out.last_mut() {
                    current.data = Some(data.to_vec());
                }
            }
            ATT_ATTACHMENT => {
                if let (Some(current), Some(long)) = (out.last_mut(), long_name(data, codepage)) {
                    current.name = Some(long);
                }
            }
            _ => {}
        }
    }
    Some(out)
}

/// Text in the sender's Windows code page, up to its NUL: GB18030 for Chinese Windows
/// (936), or, when the code page is not said, UTF-8 if it is valid and else GB18030.
fn ansi(bytes: &[u8], codepage: u32) -> String {
    let bytes = bytes.split(|&b| b == 0).next().unwrap_or_default();
    let encoding: &Encoding = match codepage {
        936 | 54936 => GB18030,
        950 => BIG5,
        65001 => UTF_8,
        _ if std::str::from_utf8(bytes).is_ok() => UTF_8,
        _ => GB18030,
    };
    encoding.decode_without_bom_handling(bytes).0.into_owned()
}

/// `PR_ATTACH_LONG_FILENAME` from an attachment's MAPI properties, if it is there
/// and they can be read up to it.
fn long_name(props: &[u8], codepage: u32) -> Option<String> {
    let mut cursor = Cursor {
        bytes: props,
        at: 0,
    };
    let count = cursor.u32()?;
    for _ in 0..count {
        let kind = cursor.u16()?;
        let id = cursor.u16()?;
        if id >= 0x8000 {
            // A named property: its GUID, then a number or a name.
            cursor.take(16)?;
            if cursor.u32()? == 0 {
                cursor.u32()?;
            } else {
                let len = usize::try_from(cursor.u32()?).ok()?;
                cursor.take(len.checked_add(3)? & !3)?;
            }
        }
        let values = value_bytes(&mut cursor, kind)?;
        if id == PR_ATTACH_LONG_FILENAME {
            let first = values.first()?;
            return Some(match kind {
                PT_UNICODE => utf16(first),
                PT_STRING8 => ansi(first, codepage),
                _ => return None,
            });
        }
    }
    None
}

/// The values of one property: variable-length ones (strings, binary, objects)
/// each with its length and padded to 4 bytes, fixed ones by their type's size.
fn value_bytes<'a>(cursor: &mut Cursor<'a>, kind: u16) -> Option<Vec<&'a [u8]>> {
    let base = kind & 0x0FFF;
    let multiple = kind & 0x1000 != 0;
    let variable = matches!(base, 0x001E | 0x001F | 0x0102 | 0x000D);
    let fixed = match base {
        0x0001..=0x0004 | 0x000A | 0x000B => 4,
        0x0005..=0x0007 | 0x0014 | 0x0040 => 8,
        0x0048 => 16,
        _ if variable => 0,
        _ => return None,
    };
    let count = if multiple || variable {
        cursor.u32()?
    } else {
        1
    };
    let mut out = Vec::new();
    for _ in 0..count {
        if variable {
            let len = usize::try_from(cursor.u32()?).ok()?;
            let value = cursor.take(len)?;
            cursor.take((4 - len % 4) % 4)?;
            out.push(value);
        } else {
            out.push(cursor.take(fixed)?);
        }
    }
    Some(out)
}

/// UTF-16LE text up to its NUL.
fn utf16(bytes: &[u8]) -> String {
    let units: Vec<u16> = bytes
        .chunks_exact(2)
        .map(|c| u16::from_le_bytes([c[0], c[1]]))
        .take_while(|&u| u != 0)
        .collect();
    String::from_utf16_lossy(&units)
}

#[cfg(test)]
mod tests {
    use super::super::tests::winmail;
    use super::*;

    #[test]
    fn names_come_from_the_long_name_else_the_title_in_the_senders_code_page() {
        let bytes = winmail(&[
            ("方案.doc", None, b"one"),
            ("ZHANBA~1.ZIP", Some("展板材料.zip"), b"two"),
        ]);
        let packed = read(&bytes, 10).expect("a winmail.dat");
        let got: Vec<(Option<&str>, Option<&[u8]>)> = packed
            .iter()
            .map(|p| (p.name.as_deref(), p.data.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                (Some("方案.doc"), Some(&b"one"[..])),
                (Some("展板材料.zip"), Some(&b"two"[..]))
            ]
        );
        assert_eq!(
            read(&bytes, 1).map(|p| p.len()),
            Some(1),
            "at most the limit"
        );
    }

    #[test]
    fn cut_lying_or_foreign_bytes_are_not_read() {
        let bytes = winmail(&[("a.doc", None, b"data")]);
        for cut in [3, 10, bytes.len() - 1] {
            assert!(read(&bytes[..cut], 10).is_none(), "cut at {cut}");
        }
        // A length far past the end.
        let mut lying = bytes.clone();
        lying[11..15].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(read(&lying, 10).is_none());
        assert!(read(b"PK\x03\x04 not a winmail", 10).is_none());
        // Properties that cannot be read up to the long name leave the title.
        assert_eq!(long_name(&[5, 0, 0, 0, 0x99, 0x99, 0x07, 0x37], 936), None);
    }
}
