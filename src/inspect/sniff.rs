//! What a file really is, judged by its first bytes: offices rename files freely, and
//! a photo saved as `展板文字.txt` must be named for what it is, not counted as text.
//!
//! This names formats for messages only; each reader still decides what it can read.

use crate::findings::Msg;

/// Bytes of a file's start that [`real_format`] looks at: enough for three packets of
/// an MPEG transport stream, whose only magic is a sync byte every 188 or 192 bytes.
pub const HEAD: usize = 512;

/// Sync bytes an MPEG transport stream must show, one packet apart, to be taken as one.
const TS_SYNCS: usize = 3;

/// MPEG program stream (.mpg, .vob): a pack header, MPEG-2 ('01' marker bits) or
/// MPEG-1 ('0010').
pub fn is_mpeg_program_stream(head: &[u8]) -> bool {
    head.starts_with(&[0, 0, 1, 0xBA])
        && head
            .get(4)
            .is_some_and(|&b| b >> 6 == 0b01 || b >> 4 == 0b0010)
}

/// MPEG transport stream: (offset of the first sync byte, packet size). Plain .ts has
/// 188-byte packets; AVCHD .mts/.m2ts put a 4-byte timestamp before each, 192 bytes.
/// `head` must show the sync byte 0x47 at every packet start it holds, at least
/// [`TS_SYNCS`] of them (up to 8 are looked at).
pub fn mpeg_ts_layout(head: &[u8]) -> Option<(usize, usize)> {
    [(0, 188), (4, 192)].into_iter().find(|&(first, size)| {
        let syncs: Vec<u8> = head
            .iter()
            .skip(first)
            .step_by(size)
            .take(8)
            .copied()
            .collect();
        syncs.len() >= TS_SYNCS && syncs.iter().all(|&b| b == 0x47)
    })
}

/// The format a file's first bytes announce, as a phrase for a message ("a JPEG
/// photo"); None when the bytes announce no known binary format.
pub fn real_format(head: &[u8]) -> Option<Msg> {
    let starts = |magic: &[u8]| head.starts_with(magic);
    let format = if starts(&[0xFF, 0xD8, 0xFF]) {
        msg!("format-jpeg")
    } else if starts(b"\x89PNG\r\n\x1a\n") {
        msg!("format-png")
    } else if starts(b"GIF87a") || starts(b"GIF89a") {
        msg!("format-gif")
    } else if starts(b"BM") && head.len() >= 14 && head[6..10] == [0, 0, 0, 0] {
        msg!("format-bmp")
    } else if starts(b"RIFF") && head.get(8..12) == Some(b"WEBP") {
        msg!("format-webp")
    } else if starts(b"RIFF") && head.get(8..12) == Some(b"AVI ") {
        msg!("format-avi")
    } else if head.get(4..8) == Some(b"ftyp") {
        match head.get(8..12) {
            Some(b"heic" | b"heix" | b"mif1" | b"msf1" | b"heim" | b"heis") => {
                msg!("format-heic")
            }
            _ => msg!("format-mp4"),
        }
    } else if starts(b"PK\x03\x04") || starts(b"PK\x05\x06") {
        msg!("format-zip")
    } else if starts(b"%PDF") {
        msg!("format-pdf")
    } else if starts(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        msg!("format-ole")
    } else if starts(b"Rar!\x1a\x07") {
        msg!("format-rar")
    } else if starts(&[b'7', b'z', 0xBC, 0xAF, 0x27, 0x1C]) {
        msg!("format-7z")
    } else if starts(&[0x30, 0x26, 0xB2, 0x75, 0x8E, 0x66, 0xCF, 0x11, 0xA6, 0xD9]) {
        msg!("format-wmv")
    } else if starts(b"FLV\x01") {
        msg!("format-flv")
    } else if starts(&[0x1A, 0x45, 0xDF, 0xA3]) {
        msg!("format-mkv")
    } else if is_mpeg_program_stream(head) {
        msg!("format-mpeg-ps")
    } else if mpeg_ts_layout(head).is_some() {
        msg!("format-mpeg-ts")
    } else if starts(b"{\\rtf") {
        msg!("format-rtf")
    } else {
        return None;
    };
    Some(format)
}

/// The message for content that is not what the extension says: names the real
/// format when the first bytes tell it, and says what to do.
pub fn mismatch(head: &[u8], ext: &str, expected: Msg) -> Msg {
    match real_format(head) {
        Some(real) => msg!("content-is-other-format", ext, real, expected),
        None => msg!("content-wrong-header", expected),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_what_the_bytes_are() {
        let cases: &[(&[u8], &str)] = &[
            (b"\xFF\xD8\xFF\xE0\x00\x10JFIF", "JPEG"),
            (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "PNG"),
            (b"\0\0\0\x18ftypmp42\0\0\0\0", "MP4"),
            (b"\0\0\0\x18ftypheic\0\0\0\0", "HEIC"),
            (b"PK\x03\x04\x14\0\0\0", "Office"),
            (b"%PDF-1.7\n", "PDF"),
            (b"Rar!\x1a\x07\x01\0", "RAR"),
            (b"\0\0\x01\xBA\x44\0\x04\0\x04\x01", "MPEG"),
            (b"\0\0\x01\xBA\x21\0\x01\0\x01\x80", "MPEG"),
        ];
        for (head, word) in cases {
            let found = real_format(head).expect("a known format");
            assert!(found.zh.contains(word), "{word}: {}", found.zh);
        }
        assert!(real_format("展板文字".as_bytes()).is_none());
        assert!(real_format(b"").is_none());
    }

    #[test]
    fn transport_streams_by_their_sync_bytes() {
        let mut ts = vec![0u8; 188 * 3];
        for k in 0..3 {
            ts[k * 188] = 0x47;
        }
        assert_eq!(mpeg_ts_layout(&ts), Some((0, 188)));
        assert!(real_format(&ts).unwrap().en.contains("transport"));
        let mut m2ts = vec![0u8; 192 * 3];
        for k in 0..3 {
            m2ts[4 + k * 192] = 0x47;
        }
        assert_eq!(mpeg_ts_layout(&m2ts), Some((4, 192)));
        // A text that happens to start with "G", and two packets are not enough.
        assert!(mpeg_ts_layout(b"Good morning").is_none());
        assert!(mpeg_ts_layout(&ts[..189]).is_none());
    }
}
