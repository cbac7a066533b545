//! What a file really is, judged by its first bytes: offices rename files freely, and
//! a photo saved as `展板文字.txt` must be named for what it is, not counted as text.
//!
//! This names formats for messages only; each reader still decides what it can read.

use crate::findings::Msg;

/// Bytes of a file's start that [`real_format`] looks at.
pub const HEAD: usize = 16;

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
        ];
        for (head, word) in cases {
            let found = real_format(head).expect("a known format");
            assert!(found.zh.contains(word), "{word}: {}", found.zh);
        }
        assert!(real_format("展板文字".as_bytes()).is_none());
        assert!(real_format(b"").is_none());
    }
}
