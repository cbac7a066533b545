//! Photos decoded, never at full size: the `--deep` check (whether the image data is
//! whole, and a difference hash that stays close for the same picture at another size
//! or quality) and the thumbnails of the HTML report (the camera's own EXIF preview, or
//! a JPEG decoded at reduced scale). Only run when asked, and only on photos within the
//! bounds of [`bounds`], measured again here before any decoder allocates.

use std::io::Read;

use super::image::bounds;
use crate::findings::Msg;
use crate::intake::{EntryId, Submission};
use crate::limits::{MAX_DECODE_BYTES, MAX_PART_BYTES};

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
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return decode_png(bytes);
    }
    Err("neither a JPEG nor a PNG picture".to_owned())
}

/// Whether a JPEG is within the bounds decoders are given photos in: the reason, in
/// the words of the finding a photo over them gets, when it is not.
fn jpeg_bounded(jpeg: &[u8]) -> Result<(), Msg> {
    let layout = bounds::jpeg_layout(&mut std::io::Cursor::new(jpeg));
    bounds::jpeg_within_bounds(&layout).map_err(|(_, why)| why)
}

/// A PNG decoded whole, once it is within the bounds, with only the chunks that make
/// its picture (no colour profile or text to unpack) and the decoder's own allocation
/// limit set to [`MAX_DECODE_BYTES`].
fn decode_png(png: Vec<u8>) -> Result<u64, String> {
    let layout = bounds::png_layout(&mut std::io::Cursor::new(&png[..]));
    bounds::png_within_bounds(&layout).map_err(|(_, why)| why.en)?;
    let essentials = bounds::png_essentials(&png);
    drop(png);
    let mut reader =
        image::ImageReader::with_format(std::io::Cursor::new(essentials), image::ImageFormat::Png);
    let mut limits = image::Limits::default();
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    reader.limits(limits);
    reader
        .decode()
        .map(|img| difference_hash(&img))
        .map_err(|e| e.to_string())
}

/// Side of the reduced picture a JPEG is decoded to: the DCT scaling reads every
/// entropy-coded block (so damage is still found) but computes 1/8 of the pixels.
const REDUCED: u16 = 64;

/// A JPEG decoded at reduced scale (1/8 for a phone photo): all of its compressed
/// data is read and checked, at a fraction of the cost of a full-size decode.
fn decode_jpeg(bytes: &[u8]) -> Result<u64, String> {
    jpeg_bounded(bytes).map_err(|why| why.en)?;
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

/// A photo decoded at reduced scale for its thumbnail: a baseline photo whose 1/8 is at
/// least `side` pixels a side from its DC coefficients alone, anything else (or
/// anything that fast path finds wrong) by jpeg-decoder, whose verdict counts.
fn decode_eighth(bytes: &[u8], side: u16) -> Result<image::DynamicImage, String> {
    if let Some(Ok((w, h, rgb))) = super::jpeg_dc::colour_eighth(bytes, usize::from(side))
        && let Some(picture) = image::RgbImage::from_raw(w, h, rgb)
    {
        return Ok(image::DynamicImage::from(picture));
    }
    decode_jpeg_reduced(bytes, side)
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
    // A preview over the bounds is not shown, nor decoded: the photo is.
    let preview = preview.filter(|p| jpeg_bounded(p).is_ok());
    let edge = THUMBNAIL_EDGE as u16;
    let picture = match preview {
        Some(preview) if orientation <= 1 => return Ok(preview),
        Some(preview) => {
            decode_jpeg_reduced(&preview, edge).map_err(|e| msg!("thumbnail-unreadable", e))?
        }
        None => {
            let bytes = whole()?;
            jpeg_bounded(&bytes)?;
            let picture =
                decode_eighth(&bytes, edge).map_err(|e| msg!("thumbnail-unreadable", e))?;
            halved_to(picture.to_rgb8(), THUMBNAIL_EDGE).thumbnail(THUMBNAIL_EDGE, THUMBNAIL_EDGE)
        }
    };
    let upright = upright(picture, orientation).to_rgb8();
    let mut out = std::io::Cursor::new(Vec::new());
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 75)
        .encode_image(&upright)
        .map_err(|e| msg!("thumbnail-unreadable", e))?;
    Ok(out.into_inner())
}

/// A picture halved (each pixel the mean of four) while its long side stays at least
/// twice `edge`: the thumbnail's last resampling then reads a quarter of the pixels.
fn halved_to(mut picture: image::RgbImage, edge: u32) -> image::DynamicImage {
    while picture.width().max(picture.height()) >= 2 * edge {
        let (w, h) = (picture.width() / 2, picture.height() / 2);
        let row = picture.width() as usize * 3;
        let from = picture.as_raw();
        let mut pixels = Vec::with_capacity(w as usize * h as usize * 3);
        for y in 0..h as usize {
            let (top, bottom) = (&from[2 * y * row..], &from[(2 * y + 1) * row..]);
            for x in 0..w as usize * 3 {
                let at = (x - x % 3) * 2 + x % 3;
                let sum = u16::from(top[at])
                    + u16::from(top[at + 3])
                    + u16::from(bottom[at])
                    + u16::from(bottom[at + 3]);
                pixels.push(((sum + 2) / 4) as u8);
            }
        }
        match image::RgbImage::from_raw(w, h, pixels) {
            Some(half) => picture = half,
            None => break,
        }
    }
    image::DynamicImage::from(picture)
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
        crate::inspect::image::tests::with_exif_fields(photo, &[make, turned], preview)
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
    fn halving_keeps_the_picture() {
        let img = image::RgbImage::from_fn(1001, 601, |x, y| {
            image::Rgb([
                (x * 255 / 1001) as u8,
                ((x / 40 + y / 30) % 2 * 200) as u8,
                (y / 3) as u8,
            ])
        });
        // Halved while the long side stays at least twice the edge: 1001 -> 500 -> 250.
        let half = halved_to(img.clone(), 130).to_rgb8();
        assert_eq!((half.width(), half.height()), (250, 150));
        let reference = image::imageops::thumbnail(&img, 250, 150);
        let diff: u64 = half
            .as_raw()
            .iter()
            .zip(reference.as_raw())
            .map(|(a, b)| u64::from(a.abs_diff(*b)))
            .sum();
        let mean = diff as f64 / half.as_raw().len() as f64;
        assert!(mean < 5.0, "mean difference {mean}");
        // Small enough already: left as it is.
        assert_eq!(halved_to(img.clone(), 501).to_rgb8(), img);
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

    /// A progressive JPEG declaring `side`×`side` pixels in three full-size components
    /// (6 bytes of coefficients a pixel): SOI, tables, SOF2, one DC scan, EOI.
    fn progressive_declaring(side: u16) -> Vec<u8> {
        let segment = |marker: u8, body: &[u8]| {
            let mut out = vec![0xFF, marker];
            out.extend(((body.len() + 2) as u16).to_be_bytes());
            out.extend(body);
            out
        };
        let mut out = vec![0xFF, 0xD8];
        out.extend(segment(0xDB, &[[0u8].as_slice(), &[1; 64]].concat()));
        out.extend(segment(
            0xC4,
            &[[0u8, 1].as_slice(), &[0; 15], &[0]].concat(),
        ));
        let mut frame = vec![8];
        frame.extend(side.to_be_bytes());
        frame.extend(side.to_be_bytes());
        frame.extend([3, 1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0]);
        out.extend(segment(0xC2, &frame));
        out.extend(segment(0xDA, &[3, 1, 0, 2, 0, 3, 0, 0, 0, 0]));
        out.extend([0u8; 8]);
        out.extend([0xFF, 0xD9]);
        out
    }

    #[test]
    fn no_decoder_is_given_a_picture_over_the_bounds() {
        // 6000² pixels of three full-size components need 216 MB of coefficients.
        let over = progressive_declaring(6000);
        let why = thumbnail_of(&over, || Ok(over.clone())).unwrap_err();
        assert!(why.zh.contains("MB"), "{}", why.zh);
        assert!(decode_jpeg(&over).unwrap_err().contains("MB"));
        // Within them, the same picture smaller is decoded (its data is all zeros).
        let within = progressive_declaring(800);
        assert!(decode_jpeg(&within).is_ok());
        // As an EXIF preview it is not shown: the photo is decoded instead.
        let photo = jpeg(800, 600, false);
        let with = with_preview(&photo, &over);
        let thumb = thumbnail_of(&with, || Ok(with.clone())).unwrap();
        let decoded = image::load_from_memory(&thumb).unwrap();
        assert_eq!((decoded.width(), decoded.height()), (THUMBNAIL_EDGE, 180));
    }

    #[test]
    fn a_png_is_decoded_without_its_extras_and_within_the_bounds() {
        use std::io::Write;
        let img =
            image::RgbImage::from_fn(64, 48, |x, y| image::Rgb([x as u8 * 4, y as u8 * 5, 0]));
        let mut png = std::io::Cursor::new(Vec::new());
        img.write_to(&mut png, image::ImageFormat::Png).unwrap();
        let png = png.into_inner();
        let plain = decode_png(png.clone()).unwrap();
        // After the header, a colour profile unpacking to `mb` MB.
        let with_profile = |mb: usize| {
            let mut zeros =
                flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
            zeros.write_all(&vec![0; mb << 20]).unwrap();
            let data = [b"icc\0\0".as_slice(), &zeros.finish().unwrap()].concat();
            let typed = [b"iCCP".as_slice(), &data].concat();
            let mut chunk = (data.len() as u32).to_be_bytes().to_vec();
            chunk.extend(&typed);
            chunk.extend(crc32fast::hash(&typed).to_be_bytes());
            [&png[..33], &chunk, &png[33..]].concat()
        };
        // 20 MB: refused before any decoder. 1 MB: left out, the picture hashes the same.
        assert!(decode_png(with_profile(20)).unwrap_err().contains("16 MB"));
        assert_eq!(decode_png(with_profile(1)).unwrap(), plain);
    }
}
