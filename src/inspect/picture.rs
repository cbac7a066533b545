//! The full decode of a photo (`--deep`): whether its image data is whole, and a
//! difference hash that stays close for the same picture at another size or quality.
//! Slow by nature, so only run when asked.

use std::io::Read;

use crate::intake::{EntryId, Submission};
use crate::limits::MAX_PART_BYTES;

/// A 64-bit difference hash of a 9×8 grey thumbnail: close for the same picture at
/// another size or quality.
fn difference_hash(image: &image::DynamicImage) -> u64 {
    let thumb = image
        .resize_exact(9, 8, image::imageops::FilterType::Triangle)
        .to_luma8();
    let mut bits = 0u64;
    for y in 0..8 {
        for x in 0..8 {
            bits <<= 1;
            if thumb.get_pixel(x, y)[0] > thumb.get_pixel(x + 1, y)[0] {
                bits |= 1;
            }
        }
    }
    bits
}

/// Decodes one photo fully: its picture hash, or why the data is damaged.
pub fn decode(sub: &Submission, id: EntryId) -> Result<u64, String> {
    let mut bytes = Vec::new();
    sub.open(id)
        .and_then(|r| r.take(MAX_PART_BYTES).read_to_end(&mut bytes))
        .map_err(|e| e.to_string())?;
    if bytes.starts_with(&[0xFF, 0xD8]) {
        return decode_jpeg(&bytes);
    }
    image::load_from_memory(&bytes)
        .map(|img| difference_hash(&img))
        .map_err(|e| e.to_string())
}

/// Side of the reduced picture a JPEG is decoded to: the DCT scaling reads every
/// entropy-coded block (so damage is still found) but computes 1/8 of the pixels.
const REDUCED: u16 = 64;

/// A JPEG decoded at reduced scale (1/8 for a phone photo): all of its compressed
/// data is read and checked, at a fraction of the cost of a full-size decode.
fn decode_jpeg(bytes: &[u8]) -> Result<u64, String> {
    use jpeg_decoder::PixelFormat;
    let mut decoder = jpeg_decoder::Decoder::new(bytes);
    decoder.read_info().map_err(|e| e.to_string())?;
    decoder.scale(REDUCED, REDUCED).map_err(|e| e.to_string())?;
    let pixels = decoder.decode().map_err(|e| e.to_string())?;
    let info = decoder.info().ok_or("the JPEG has no frame header")?;
    let (w, h) = (u32::from(info.width), u32::from(info.height));
    let image = match info.pixel_format {
        PixelFormat::L8 => image::GrayImage::from_raw(w, h, pixels).map(image::DynamicImage::from),
        PixelFormat::L16 => {
            let high: Vec<u8> = pixels.chunks_exact(2).map(|p| p[0]).collect();
            image::GrayImage::from_raw(w, h, high).map(image::DynamicImage::from)
        }
        PixelFormat::RGB24 => {
            image::RgbImage::from_raw(w, h, pixels).map(image::DynamicImage::from)
        }
        PixelFormat::CMYK32 => {
            let rgb: Vec<u8> = pixels
                .chunks_exact(4)
                .flat_map(|p| {
                    let k = 255 - u16::from(p[3]);
                    [0, 1, 2].map(|i| ((255 - u16::from(p[i])) * k / 255) as u8)
                })
                .collect();
            image::RgbImage::from_raw(w, h, rgb).map(image::DynamicImage::from)
        }
    };
    image
        .map(|img| difference_hash(&img))
        .ok_or_else(|| "the decoded picture does not match its size".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A picture of diagonal stripes; `mirrored` runs them the other way.
    fn jpeg(w: u32, h: u32, mirrored: bool) -> Vec<u8> {
        let img = image::RgbImage::from_fn(w, h, |x, y| {
            let x = if mirrored { w - 1 - x } else { x };
            let v = ((x + y) / 40 % 2 * 200 + (x * 255 / w) / 5) as u8;
            image::Rgb([v, v, v])
        });
        let mut out = std::io::Cursor::new(Vec::new());
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 80)
            .encode_image(&img)
            .unwrap();
        out.into_inner()
    }

    #[test]
    fn reduced_jpeg_decode_hashes_like_the_full_decode_and_finds_damage() {
        let photo = jpeg(1600, 1200, false);
        let reduced = decode_jpeg(&photo).unwrap();
        let full = difference_hash(&image::load_from_memory(&photo).unwrap());
        assert!(
            (reduced ^ full).count_ones() <= 6,
            "{reduced:064b}\n{full:064b}"
        );
        // Another picture hashes far away.
        let other = decode_jpeg(&jpeg(1600, 1200, true)).unwrap();
        assert_ne!(reduced, other);
        // Cut off in the middle of its compressed data: damaged.
        assert!(decode_jpeg(&photo[..photo.len() / 2]).is_err());
    }
}
