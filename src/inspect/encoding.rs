//! Plain text in whatever encoding Windows wrote it: UTF-8, UTF-16 by its BOM, and
//! GB18030/GBK (or Big5) as chardetng guesses for Chinese text. Used for .txt files
//! and .csv rosters alike.

use crate::findings::Msg;

/// Decodes a plain-text file, refusing what is not text: binary data (NULs, control
/// bytes) outside UTF-16, and bytes no Chinese encoding can read without many
/// replacement characters. Such a file is never counted as 字.
pub fn decode_plain(bytes: &[u8]) -> Result<String, Msg> {
    if encoding_rs::Encoding::for_bom(bytes).is_none() {
        let control = bytes
            .iter()
            .filter(|&&b| {
                b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C | 0x1A) || b == 0x7F
            })
            .count();
        if bytes.contains(&0) || control * 100 > bytes.len() {
            return Err(msg!("text-binary"));
        }
    }
    let text = decode_text(bytes);
    let replaced = text.chars().filter(|&c| c == '\u{FFFD}').count();
    if replaced > 2 && replaced * 100 > text.chars().count() {
        return Err(msg!("text-encoding-unknown", replaced));
    }
    Ok(text)
}

/// Decodes a plain-text file: UTF-8 (with or without BOM), UTF-16 by its BOM, and
/// otherwise the encoding chardetng guesses for Chinese text (GB18030/GBK, Big5...).
pub fn decode_text(bytes: &[u8]) -> String {
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        return text.into_owned();
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return text.to_owned();
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let encoding = detector.guess(Some(b"cn"), chardetng::Utf8Detection::Deny);
    let (text, _, _) = encoding.decode(bytes);
    text.into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_gbk_utf16_and_utf8_bom() {
        let sample = "全民终身学习活动周展板文字，社区居民踊跃参加读书会。";
        let (gbk, _, _) = encoding_rs::GBK.encode(sample);
        assert_eq!(decode_text(&gbk), sample);
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(sample.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode_text(&utf16), sample);
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend(sample.as_bytes());
        assert_eq!(decode_text(&bom), sample);
    }

    #[test]
    fn binary_and_undecodable_bytes_are_not_text() {
        let sample = "全民终身学习活动周展板文字。";
        assert_eq!(
            decode_plain(&encoding_rs::GBK.encode(sample).0).unwrap(),
            sample
        );
        // NULs outside UTF-16: binary.
        assert!(
            decode_plain(b"abc\0\0\0def")
                .unwrap_err()
                .zh
                .contains("二进制")
        );
        // Mostly control bytes.
        let control: Vec<u8> = (0..200)
            .map(|i| if i % 3 == 0 { 0x01 } else { b'a' })
            .collect();
        assert!(decode_plain(&control).is_err());
        // A UTF-16 file with a BOM is text, NULs and all.
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(sample.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode_plain(&utf16).unwrap(), sample);
        // Invalid UTF-8 with a BOM decodes with replacement characters: refused.
        let mut broken = vec![0xEF, 0xBB, 0xBF];
        broken.extend(std::iter::repeat_n([0xC3u8, 0x28], 50).flatten());
        let err = decode_plain(&broken).unwrap_err();
        assert!(err.zh.contains("乱码"), "{}", err.zh);
    }
}
