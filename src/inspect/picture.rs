//! Photos decoded, never at full size: the `--deep` check (whether the image data is
//! whole, and a difference hash that stays close for the same picture at another size
//! or quality) and the thumbnails of the HTML report (the camera's own EXIF preview, or
//! a JPEG decoded at reduced scale). Only run when asked.

use std::io::Read;

use crate::findings::Msg;
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

/// Decodes one photo fully: its picture hash, or why the data is damaged. A decoder
/// that panics on a hostile photo makes that photo's finding, not the run's.
pub fn decode(sub: &Submission, id: EntryId) -> Result<u64, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| decode_unguarded(sub, id)))
        .unwrap_or_else(|_| Err("the decoder failed on this file's data".to_owned()))
}

fn decode_unguarded(sub: &Submission, id: EntryId) -> Result<u64, String> {
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
    // The fast path reads only what the hash needs; whatever it cannot take, or finds
    // wrong, jpeg-decoder judges.
    if let Some(Ok((w, h, dc))) = super::jpeg_dc::luma_dc(bytes)
        && let Some(picture) = dc_picture(w, h, &dc)
    {
        return Ok(difference_hash(&picture));
    }
    decode_jpeg_reduced(bytes, REDUCED).map(|img| difference_hash(&img))
}

/// The luma DC grid as a grey picture (each block's mean brightness, stretched to
/// 0-255).
fn dc_picture(w: usize, h: usize, dc: &[i32]) -> Option<image::DynamicImage> {
    let (min, max) = (*dc.iter().min()?, *dc.iter().max()?);
    let span = (max - min).max(1) as i64;
    let pixels = dc
        .iter()
        .map(|&v| ((i64::from(v - min) * 255) / span) as u8)
        .collect();
    let image = image::GrayImage::from_raw(w as u32, h as u32, pixels)?;
    Some(image::DynamicImage::from(image))
}

/// A JPEG decoded by DCT scaling to the smallest size whose sides are at least `side`
/// (or 1/8 of the original): every entropy-coded block is read.
fn decode_jpeg_reduced(bytes: &[u8], side: u16) -> Result<image::DynamicImage, String> {
    use jpeg_decoder::PixelFormat;
    let mut decoder = jpeg_decoder::Decoder::new(bytes);
    decoder.read_info().map_err(|e| e.to_string())?;
    decoder.scale(side, side).map_err(|e| e.to_string())?;
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
    image.ok_or_else(|| "the decoded picture does not match its size".to_owned())
}

/// Long edge of a report thumbnail, in pixels.
pub const THUMBNAIL_EDGE: u32 = 240;

/// Bytes read to find the EXIF block (APP1 is at most 64 KiB, near the start).
const EXIF_PREFIX: u64 = 128 * 1024;

/// A JPEG thumbnail of a photo for the report: the preview the camera stored in EXIF
/// (IFD1) when there is one, else the photo decoded at reduced scale and shrunk to
/// [`THUMBNAIL_EDGE`]. Other formats, and photos that do not decode, give the reason.
pub fn thumbnail(sub: &Submission, id: EntryId) -> Result<Vec<u8>, Msg> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        thumbnail_unguarded(sub, id)
    }))
    .unwrap_or_else(|_| Err(msg!("thumbnail-failed")))
}

fn thumbnail_unguarded(sub: &Submission, id: EntryId) -> Result<Vec<u8>, Msg> {
    let read = |limit: u64| {
        let mut bytes = Vec::new();
        sub.open(id)
            .and_then(|r| r.take(limit).read_to_end(&mut bytes))
            .map(|_| bytes)
            .map_err(|e| msg!("thumbnail-unreadable", e))
    };
    let prefix = read(EXIF_PREFIX)?;
    thumbnail_of(&prefix, || read(MAX_PART_BYTES))
}

/// The thumbnail from a photo's first bytes, reading the whole photo only when it has
/// no EXIF preview. Turned upright as the camera's Orientation tag says, since the
/// thumbnail carries no EXIF of its own.
fn thumbnail_of(
    prefix: &[u8],
    whole: impl FnOnce() -> Result<Vec<u8>, Msg>,
) -> Result<Vec<u8>, Msg> {
    if !prefix.starts_with(&[0xFF, 0xD8]) {
        return Err(msg!("thumbnail-format"));
    }
    let (preview, orientation) = exif_view(prefix);
    let picture = match preview {
        Some(preview) if orientation <= 1 => return Ok(preview),
        Some(preview) => {
            image::load_from_memory(&preview).map_err(|e| msg!("thumbnail-unreadable", e))?
        }
        None => {
            let bytes = whole()?;
            let edge = THUMBNAIL_EDGE as u16;
            decode_jpeg_reduced(&bytes, edge)
                .map_err(|e| msg!("thumbnail-unreadable", e))?
                .thumbnail(THUMBNAIL_EDGE, THUMBNAIL_EDGE)
        }
    };
    let upright = upright(picture, orientation).to_rgb8();
    let mut out = std::io::Cursor::new(Vec::new());
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 75)
        .encode_image(&upright)
        .map_err(|e| msg!("thumbnail-unreadable", e))?;
    Ok(out.into_inner())
}

/// A picture turned as EXIF Orientation (1-8) says it should be shown.
fn upright(picture: image::DynamicImage, orientation: u32) -> image::DynamicImage {
    match orientation {
        2 => picture.fliph(),
        3 => picture.rotate180(),
        4 => picture.flipv(),
        5 => picture.rotate90().fliph(),
        6 => picture.rotate90(),
        7 => picture.rotate270().fliph(),
        8 => picture.rotate270(),
        _ => picture,
    }
}

/// The JPEG preview in a photo's EXIF IFD1, when it is there and whole, and the
/// photo's Orientation (1 when not given).
fn exif_view(prefix: &[u8]) -> (Option<Vec<u8>>, u32) {
    use exif::{In, Tag};
    let mut reader = exif::Reader::new();
    reader.continue_on_error(true);
    let Ok(exif) = reader
        .read_from_container(&mut std::io::Cursor::new(prefix))
        .or_else(|e| e.distill_partial_result(|_| {}))
    else {
        return (None, 1);
    };
    let number = |tag, ifd| exif.get_field(tag, ifd)?.value.get_uint(0);
    let orientation = number(Tag::Orientation, In::PRIMARY).unwrap_or(1);
    let preview = (|| {
        let start = number(Tag::JPEGInterchangeFormat, In::THUMBNAIL)? as usize;
        let len = number(Tag::JPEGInterchangeFormatLength, In::THUMBNAIL)? as usize;
        let preview = exif.buf().get(start..start.checked_add(len)?)?;
        // A preview that is not a whole JPEG (start and end markers) is not shown.
        (preview.starts_with(&[0xFF, 0xD8]) && preview.ends_with(&[0xFF, 0xD9]))
            .then(|| preview.to_vec())
    })();
    (preview, orientation)
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

    /// A JPEG with an APP1 EXIF block holding `preview` as its IFD1 thumbnail.
    fn with_preview(photo: &[u8], preview: &[u8]) -> Vec<u8> {
        with_exif(photo, Some(preview), 1)
    }

    /// A JPEG with an APP1 EXIF block: an optional IFD1 preview and an Orientation.
    fn with_exif(photo: &[u8], preview: Option<&[u8]>, orientation: u16) -> Vec<u8> {
        use exif::experimental::Writer;
        use exif::{Field, In, Tag, Value};
        let make = Field {
            tag: Tag::Make,
            ifd_num: In::PRIMARY,
            value: Value::Ascii(vec![b"Huawei".to_vec()]),
        };
        let turned = Field {
            tag: Tag::Orientation,
            ifd_num: In::PRIMARY,
            value: Value::Short(vec![orientation]),
        };
        let mut writer = Writer::new();
        writer.push_field(&make);
        writer.push_field(&turned);
        if let Some(preview) = preview {
            writer.set_jpeg(preview, In::THUMBNAIL);
        }
        let mut tiff = std::io::Cursor::new(Vec::new());
        writer.write(&mut tiff, false).unwrap();
        let tiff = tiff.into_inner();
        let mut out = photo[..2].to_vec();
        out.extend([0xFF, 0xE1]);
        out.extend(((tiff.len() + 8) as u16).to_be_bytes());
        out.extend(b"Exif\0\0");
        out.extend(&tiff);
        out.extend(&photo[2..]);
        out
    }

    #[test]
    fn thumbnails_take_the_exif_preview_or_decode_small() {
        let photo = jpeg(1600, 1200, false);
        let preview = jpeg(160, 120, true);
        let with = with_preview(&photo, &preview);
        // The camera's preview is used as it is; the photo itself is never read whole.
        let thumb = thumbnail_of(&with, || panic!("read the whole photo")).unwrap();
        assert_eq!(thumb, preview);
        // Without one, a reduced decode shrunk to the thumbnail edge.
        let thumb = thumbnail_of(&photo, || Ok(photo.clone())).unwrap();
        let decoded = image::load_from_memory(&thumb).unwrap();
        assert_eq!((decoded.width(), decoded.height()), (THUMBNAIL_EDGE, 180));
        // Not a JPEG, or damaged: the reason, no thumbnail.
        assert!(thumbnail_of(b"\x89PNG\r\n\x1a\n", || unreachable!()).is_err());
        let cut = photo[..photo.len() / 2].to_vec();
        assert!(thumbnail_of(&cut, || Ok(cut.clone())).is_err());
    }

    #[test]
    fn a_photo_taken_upright_gets_an_upright_thumbnail() {
        // A phone held upright writes a landscape picture with Orientation 6.
        let photo = jpeg(1600, 1200, false);
        for preview in [None, Some(jpeg(160, 120, true))] {
            let turned = with_exif(&photo, preview.as_deref(), 6);
            let thumb = thumbnail_of(&turned, || Ok(turned.clone())).unwrap();
            let decoded = image::load_from_memory(&thumb).unwrap();
            assert!(decoded.height() > decoded.width(), "{preview:?}");
        }
    }
}
