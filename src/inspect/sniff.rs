//! What a file really is, judged by its first bytes: offices rename files freely, and
//! a photo saved as `展板文字.txt` must be named for what it is, not counted as text.
//!
//! This names formats for messages only; each reader still decides what it can read.

use crate::findings::Msg;
use crate::msg;

/// Bytes of a file's start that [`real_format`] looks at.
pub const HEAD: usize = 16;

/// The format a file's first bytes announce, as a phrase for a message ("a JPEG
/// photo"); None when the bytes announce no known binary format.
pub fn real_format(head: &[u8]) -> Option<Msg> {
    let starts = |magic: &[u8]| head.starts_with(magic);
    let format = if starts(&[0xFF, 0xD8, 0xFF]) {
        msg!("JPEG 照片", "a JPEG photo")
    } else if starts(b"\x89PNG\r\n\x1a\n") {
        msg!("PNG 图片", "a PNG image")
    } else if starts(b"GIF87a") || starts(b"GIF89a") {
        msg!("GIF 图片", "a GIF image")
    } else if starts(b"BM") && head.len() >= 14 && head[6..10] == [0, 0, 0, 0] {
        msg!("BMP 图片", "a BMP image")
    } else if starts(b"RIFF") && head.get(8..12) == Some(b"WEBP") {
        msg!("WebP 图片", "a WebP image")
    } else if starts(b"RIFF") && head.get(8..12) == Some(b"AVI ") {
        msg!("AVI 视频", "an AVI video")
    } else if head.get(4..8) == Some(b"ftyp") {
        match head.get(8..12) {
            Some(b"heic" | b"heix" | b"mif1" | b"msf1" | b"heim" | b"heis") => {
                msg!("HEIC 照片", "a HEIC photo")
            }
            _ => msg!("MP4/MOV 视频", "an MP4/MOV video"),
        }
    } else if starts(b"PK\x03\x04") || starts(b"PK\x05\x06") {
        msg!(
            "压缩包或 Office 文档（.zip/.docx/.xlsx）",
            "a zip archive or an Office document (.zip/.docx/.xlsx)"
        )
    } else if starts(b"%PDF") {
        msg!("PDF 文档", "a PDF document")
    } else if starts(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        msg!(
            "旧版 Office 文档（.doc/.xls/.wps/.et）",
            "an old-style Office document (.doc/.xls/.wps/.et)"
        )
    } else if starts(b"Rar!\x1a\x07") {
        msg!("RAR 压缩包", "a RAR archive")
    } else if starts(&[b'7', b'z', 0xBC, 0xAF, 0x27, 0x1C]) {
        msg!("7z 压缩包", "a 7z archive")
    } else if starts(&[0x30, 0x26, 0xB2, 0x75, 0x8E, 0x66, 0xCF, 0x11, 0xA6, 0xD9]) {
        msg!("WMV 视频", "a WMV video")
    } else if starts(b"FLV\x01") {
        msg!("FLV 视频", "an FLV video")
    } else if starts(&[0x1A, 0x45, 0xDF, 0xA3]) {
        msg!("MKV 视频", "an MKV video")
    } else if starts(b"{\\rtf") {
        msg!("RTF 文档", "an RTF document")
    } else {
        return None;
    };
    Some(format)
}

/// The message for content that is not what the extension says: names the real
/// format when the first bytes tell it, and says what to do.
pub fn mismatch(head: &[u8], ext: &str, expected_zh: &str, expected_en: &str) -> Msg {
    match real_format(head) {
        Some(real) => {
            let (zh, en) = (&real.zh, &real.en);
            msg!(
                "文件名是 .{ext}，内容却是{zh}，不是{expected_zh}；请放入真正的{expected_zh}，或改回正确的扩展名",
                "the name says .{ext} but the content is {en}, not {expected_en}; put in the real {expected_en}, or give the file its right extension"
            )
        }
        None => msg!(
            "文件内容不是{expected_zh}（文件头不符），可能已损坏或被改过扩展名；请重新保存或重新复制",
            "the content is not {expected_en} (wrong file header); it may be damaged or renamed; save or copy it again"
        ),
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
