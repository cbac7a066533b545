//! Photos: pixel size from the file header and camera EXIF, never a full decode, and
//! the bounds any decoder of the photo will be within (see [`bounds`]).

pub mod bounds;
mod headed;
mod jpeg_exif;

use std::io::{Seek, SeekFrom};

use exif::{In, Tag};

use self::headed::Headed;
use super::Failure;
use crate::codes::Code;
use crate::intake::ReadSeek;
use crate::limits::MAX_PNG_EXIF_BYTES;

const PNG_SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1A, b'\n'];

/// Finds the PNG `eXIf` chunk by seeking from chunk header to chunk header. The chunk
/// must come before the image data, so the walk stops at the first `IDAT` instead of
/// reading the pixels as a streaming reader would. A photo whose chunk is over
/// [`MAX_PNG_EXIF_BYTES`] was refused already (see [`bounds::png_within_bounds`]).
fn png_exif_chunk(reader: &mut dyn ReadSeek) -> Option<Vec<u8>> {
    let mut offset = 8u64;
    loop {
        reader.seek(SeekFrom::Start(offset)).ok()?;
        let mut head = [0u8; 8];
        if super::read_up_to(reader, &mut head) < 8 {
            return None;
        }
        let len = u32::from_be_bytes([head[0], head[1], head[2], head[3]]);
        match &head[4..8] {
            b"eXIf" if len <= MAX_PNG_EXIF_BYTES => {
                let mut data = vec![0u8; len as usize];
                return (super::read_up_to(reader, &mut data) == data.len()).then_some(data);
            }
            b"IDAT" | b"IEND" => return None,
            _ => offset += 12 + u64::from(len),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ImageFacts {
    pub width: u64,
    pub height: u64,
    pub camera: CameraExif,
    /// Whether the file ends as its format requires (JPEG EOI, PNG IEND): a photo cut
    /// short in transfer does not.
    pub complete: bool,
    pub format: ImageFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ImageFormat {
    Jpeg,
    Png,
    Other,
}

impl ImageFacts {
    pub fn long_edge(&self) -> u64 {
        self.width.max(self.height)
    }
}

/// The EXIF tags a camera or phone writes and a re-encode strips or betrays.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CameraExif {
    /// Whether the file has an EXIF block at all.
    pub present: bool,
    pub make: Option<String>,
    pub model: Option<String>,
    pub date_time_original: Option<String>,
    /// PixelXDimension × PixelYDimension: the size the camera recorded.
    pub pixel_size: Option<(u64, u64)>,
    pub software: Option<String>,
}

impl CameraExif {
    /// Names of the camera tags that are missing.
    pub fn missing(&self) -> Vec<&'static str> {
        let mut missing = Vec::new();
        if self.make.is_none() && self.model.is_none() {
            missing.push("Make/Model");
        }
        if self.date_time_original.is_none() {
            missing.push("DateTimeOriginal");
        }
        missing
    }

    /// The shooting day from DateTimeOriginal ("2020:10:15 09:30:00").
    pub fn shot_on(&self) -> Option<chrono::NaiveDate> {
        let text = self.date_time_original.as_deref()?;
        chrono::NaiveDate::parse_from_str(text.get(..10)?, "%Y:%m:%d").ok()
    }

    /// When the photo was taken, as people write it ("2020-10-15 09:30"), or the raw
    /// EXIF text when it is not a date.
    pub fn shot_at(&self) -> Option<String> {
        let raw = self.date_time_original.as_deref()?;
        let Some(day) = self.shot_on() else {
            return Some(raw.trim().to_owned());
        };
        let time = raw
            .get(11..16)
            .filter(|t| t.as_bytes().get(2) == Some(&b':'));
        Some(match time {
            Some(time) => format!("{} {time}", day.format("%Y-%m-%d")),
            None => day.format("%Y-%m-%d").to_string(),
        })
    }
}

pub fn inspect(reader: &mut dyn ReadSeek) -> Result<ImageFacts, Failure> {
    let unreadable = |e: std::io::Error| (Code::PhotoUnreadable, msg!("photo-unreadable", e));
    // Its first bytes are read once, for every parser that walks the header.
    let reader = &mut Headed::new(reader, HEAD_PROBE).map_err(unreadable)?;
    let size = imagesize::reader_size(&mut *reader)
        .map_err(|e| (Code::PhotoUnreadable, msg!("photo-unreadable", e)))?;
    if size.width == 0 || size.height == 0 {
        return Err((Code::PhotoUnreadable, msg!("photo-size-zero")));
    }
    let format = match imagesize::image_type(reader.head()) {
        Ok(imagesize::ImageType::Jpeg) => ImageFormat::Jpeg,
        Ok(imagesize::ImageType::Png) => ImageFormat::Png,
        _ => ImageFormat::Other,
    };
    within_bounds(reader, format, size.width as u64, size.height as u64)?;
    let camera = camera_exif(reader);
    let complete = complete(reader, format)
        .map_err(|e| (Code::PhotoUnreadable, msg!("photo-end-unreadable", e)))?;
    Ok(ImageFacts {
        width: size.width as u64,
        height: size.height as u64,
        camera,
        complete,
        format,
    })
}

/// Whether the photo is within the bounds a decoder is given photos in: its pixels,
/// and for a JPEG its coding, scans and decoding memory (its markers walked to the first
/// scan of a baseline frame, through its first [`JPEG_BOUNDS_PREFIX`] bytes for any
/// other: the plain check reads headers, not whole photos; the decoders walk the whole
/// file again before they allocate), for a PNG its decoded
/// size and compressed extras. A photo over a bound is never decoded, and does not count.
fn within_bounds(
    reader: &mut dyn ReadSeek,
    format: ImageFormat,
    width: u64,
    height: u64,
) -> Result<(), Failure> {
    if format == ImageFormat::Other || reader.seek(SeekFrom::Start(0)).is_err() {
        return bounds::pixels_within_bounds(width, height);
    }
    match format {
        ImageFormat::Jpeg => {
            bounds::jpeg_within_bounds(&bounds::jpeg_head_layout(reader, JPEG_BOUNDS_PREFIX))
        }
        ImageFormat::Png => bounds::png_within_bounds(&bounds::png_layout(reader)),
        ImageFormat::Other => bounds::pixels_within_bounds(width, height),
    }
}

/// Bytes of a JPEG whose markers the plain check walks: its frame header and first
/// scans, past an EXIF block and its preview (at most 64 KiB each).
const JPEG_BOUNDS_PREFIX: u64 = 256 * 1024;

/// Bytes of a photo's start kept for its header's parsers: a phone's EXIF tags, before
/// the preview that ends the block.
const HEAD_PROBE: usize = 16 * 1024;
/// Bytes of a photo's start searched for a motion photo's declaration (its XMP).
const XMP_PROBE: u64 = 64 * 1024;
/// Bytes read from a photo's end: first the few that hold an end marker, then more
/// when it is not there (padding, a trailer).
const TAIL_GLANCE: u64 = 4 * 1024;
const TAIL_PROBE: u64 = 64 * 1024;

/// Up to `n` bytes at the end of a file `len` bytes long.
fn tail(reader: &mut Headed, len: u64, n: u64) -> std::io::Result<Vec<u8>> {
    let mut tail = Vec::new();
    reader.seek(SeekFrom::Start(len.saturating_sub(n)))?;
    std::io::Read::read_to_end(reader, &mut tail)?;
    Ok(tail)
}

/// Whether the file ends as its format requires (JPEG EOI, PNG IEND, a HEIC box tree
/// or WebP RIFF length that fits the file). Phones append data after a JPEG's
/// end marker in ways that are not damage: motion photos (an MP4 declared in the XMP
/// at the start), Samsung's trailer (ending "SEFT"), zero padding. A read error is
/// an error: a photo whose end could not be read is never taken for complete.
fn complete(reader: &mut Headed, format: ImageFormat) -> std::io::Result<bool> {
    let len = reader.seek(SeekFrom::End(0))?;
    Ok(match format {
        ImageFormat::Png => tail(reader, len, 12)?
            .ends_with(&[0, 0, 0, 0, b'I', b'E', b'N', b'D', 0xAE, 0x42, 0x60, 0x82]),
        ImageFormat::Jpeg => {
            let glance = tail(reader, len, TAIL_GLANCE)?;
            if glance.ends_with(&[0xFF, 0xD9]) || glance.ends_with(b"SEFT") {
                return Ok(true);
            }
            let tail = tail(reader, len, TAIL_PROBE)?;
            let mut start = Vec::new();
            reader.seek(SeekFrom::Start(0))?;
            std::io::Read::read_to_end(
                &mut std::io::Read::take(&mut *reader, XMP_PROBE),
                &mut start,
            )?;
            let declares_trailer = [&b"MotionPhoto"[..], b"MicroVideo", b"Container:Directory"]
                .iter()
                .any(|key| start.windows(key.len()).any(|w| w == *key));
            let padded = tail
                .windows(2)
                .rposition(|w| w == [0xFF, 0xD9])
                .is_some_and(|at| tail[at + 2..].iter().all(|&b| b == 0 || b == 0xFF));
            declares_trailer || padded
        }
        // HEIC: the box tree must end where the file does. WebP: the RIFF length.
        ImageFormat::Other if reader.head().get(4..8) == Some(b"ftyp") => {
            super::video::boxes_fit(reader, len)
        }
        ImageFormat::Other
            if reader.head().starts_with(b"RIFF") && reader.head().get(8..12) == Some(b"WEBP") =>
        {
            let head = reader.head();
            u64::from(u32::from_le_bytes([head[4], head[5], head[6], head[7]])) + 8 <= len
        }
        ImageFormat::Other => true,
    })
}

/// Reads the camera tags the way exiftool does: a block that breaks the standard in
/// one place (Pillow/piexif's next-IFD pointer, one bad offset) still yields every tag
/// that is valid. Only a missing or wholly unreadable EXIF block yields none.
fn camera_exif(reader: &mut Headed) -> CameraExif {
    let mut parser = exif::Reader::new();
    parser.continue_on_error(true);
    let exif = if reader.head().starts_with(&PNG_SIGNATURE) {
        png_exif_chunk(reader).and_then(|raw| partial(parser.read_raw(raw)))
    } else if reader.head().starts_with(&[0xFF, 0xD8]) {
        jpeg_exif(reader, &parser)
    } else {
        container_exif(reader, &parser)
    };
    let Some(exif) = exif else {
        return CameraExif::default();
    };
    let text = |tag: Tag| {
        exif.get_field(tag, In::PRIMARY)
            .and_then(|f| match &f.value {
                exif::Value::Ascii(parts) => {
                    let joined: String = parts
                        .iter()
                        .map(|p| String::from_utf8_lossy(p).trim_end_matches('\0').to_owned())
                        .collect::<Vec<_>>()
                        .join(" ");
                    let trimmed = joined.trim().to_owned();
                    (!trimmed.is_empty()).then_some(trimmed)
                }
                _ => None,
            })
    };
    let number = |tag: Tag| {
        exif.get_field(tag, In::PRIMARY)
            .and_then(|f| f.value.get_uint(0))
            .map(u64::from)
    };
    let pixel_size = match (number(Tag::PixelXDimension), number(Tag::PixelYDimension)) {
        (Some(w), Some(h)) if w > 0 && h > 0 => Some((w, h)),
        _ => None,
    };
    CameraExif {
        present: true,
        make: text(Tag::Make),
        model: text(Tag::Model),
        date_time_original: text(Tag::DateTimeOriginal),
        pixel_size,
        software: text(Tag::Software),
    }
}

/// Every tag that is valid, also from a block that breaks the standard in places.
fn partial(result: Result<exif::Exif, exif::Error>) -> Option<exif::Exif> {
    result
        .or_else(|e| e.distill_partial_result(|_ignored| {}))
        .ok()
}

/// The EXIF of any format kamadak-exif reads, found by it.
fn container_exif(reader: &mut Headed, parser: &exif::Reader) -> Option<exif::Exif> {
    reader.seek(SeekFrom::Start(0)).ok()?;
    partial(parser.read_from_container(reader))
}

/// A JPEG's EXIF: its tags from the first bytes when they parse there without error
/// (then every offset they hold was within those bytes, and the block's rest is the
/// preview), else from the whole block.
fn jpeg_exif(reader: &mut Headed, parser: &exif::Reader) -> Option<exif::Exif> {
    use jpeg_exif::Located;
    match jpeg_exif::locate(reader) {
        Located::Absent => None,
        Located::Unusual => container_exif(reader, parser),
        Located::At { start, len } => {
            let (held, whole) = jpeg_exif::held(reader, start, len);
            if whole {
                return partial(parser.read_raw(held));
            }
            if let Ok(exif) = parser.read_raw(held) {
                return Some(exif);
            }
            jpeg_exif::whole(reader, start, len).and_then(|block| partial(parser.read_raw(block)))
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::CameraExif;

    #[test]
    fn shooting_times_are_written_as_people_write_them() {
        let at = |raw: &str| {
            CameraExif {
                date_time_original: Some(raw.to_owned()),
                ..CameraExif::default()
            }
            .shot_at()
        };
        assert_eq!(
            at("2020:10:15 09:30:00").as_deref(),
            Some("2020-10-15 09:30")
        );
        assert_eq!(at("2020:10:15").as_deref(), Some("2020-10-15"));
        // Not a date: shown as written, never invented.
        assert_eq!(
            at("0000:00:00 00:00:00").as_deref(),
            Some("0000:00:00 00:00:00")
        );
        assert_eq!(CameraExif::default().shot_at(), None);
    }

    #[test]
    fn the_end_is_found_past_padding_and_trailers_and_a_cut_is_not_complete() {
        let img = image::RgbImage::from_fn(400, 300, |x, y| image::Rgb([x as u8, y as u8, 90]));
        let mut out = std::io::Cursor::new(Vec::new());
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)
            .encode_image(&img)
            .unwrap();
        let photo = out.into_inner();
        let complete = |bytes: &[u8]| {
            let mut reader = std::io::BufReader::new(std::io::Cursor::new(bytes.to_vec()));
            super::inspect(&mut reader)
                .map(|facts| facts.complete)
                .unwrap()
        };
        assert!(complete(&photo));
        // Padding longer than the first glance at the end.
        let mut padded = photo.clone();
        padded.resize(photo.len() + 10_000, 0);
        assert!(complete(&padded));
        // Samsung's trailer; a motion photo's video, declared in the XMP at the start.
        let mut samsung = photo.clone();
        samsung.extend(vec![7u8; 9000].iter().chain(b"SEFT"));
        assert!(complete(&samsung));
        let mut motion = photo[..2].to_vec();
        let xmp = b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta GCamera:MotionPhoto=\"1\"/>";
        motion.extend([0xFF, 0xE1]);
        motion.extend(((xmp.len() + 2) as u16).to_be_bytes());
        motion.extend(xmp);
        motion.extend(&photo[2..]);
        let undeclared = [&photo[..], &[9u8; 20_000][..]].concat();
        motion.extend([9u8; 20_000]);
        assert!(complete(&motion));
        // Anything else after the end, or a photo cut short, is not complete.
        assert!(!complete(&undeclared));
        assert!(!complete(&photo[..photo.len() - 100]));
    }

    /// A file that notes every byte range read from it.
    struct Noted {
        bytes: std::io::Cursor<Vec<u8>>,
        read: std::rc::Rc<std::cell::RefCell<Vec<std::ops::Range<u64>>>>,
    }

    impl std::io::Read for Noted {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let at = self.bytes.position();
            let n = self.bytes.read(buf)?;
            self.read.borrow_mut().push(at..at + n as u64);
            Ok(n)
        }
    }

    impl std::io::Seek for Noted {
        fn seek(&mut self, to: std::io::SeekFrom) -> std::io::Result<u64> {
            self.bytes.seek(to)
        }
    }

    /// The facts of a photo, and whether any byte of `untouched` was read for them.
    fn inspect_noting(
        bytes: Vec<u8>,
        untouched: std::ops::Range<u64>,
    ) -> (super::ImageFacts, bool) {
        let read = std::rc::Rc::default();
        let file = Noted {
            bytes: std::io::Cursor::new(bytes),
            read: std::rc::Rc::clone(&read),
        };
        let facts = super::inspect(&mut std::io::BufReader::new(file)).unwrap();
        let touched = read
            .borrow()
            .iter()
            .any(|r| r.start < untouched.end && untouched.start < r.end);
        (facts, touched)
    }

    /// A noisy photo (so that its coded data is long), with an EXIF block of camera
    /// tags (after a description of `extra` bytes) and a preview of `preview` bytes or so.
    fn camera_photo(extra: usize, preview: usize) -> (Vec<u8>, usize) {
        use exif::{Field, In, Tag, Value};
        let mut seed = 7u32;
        let mut noise = |w: u32, h: u32| {
            let img = image::RgbImage::from_fn(w, h, |_, _| {
                seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
                image::Rgb([(seed >> 24) as u8, (seed >> 16) as u8, (seed >> 8) as u8])
            });
            let mut out = std::io::Cursor::new(Vec::new());
            image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)
                .encode_image(&img)
                .unwrap();
            out.into_inner()
        };
        let photo = noise(400, 300);
        let side = (preview as f64 / 2.0).sqrt() as u32;
        let thumb = noise(side, side);
        let ascii = |tag, ifd_num, text: &str| Field {
            tag,
            ifd_num,
            value: Value::Ascii(vec![text.as_bytes().to_vec()]),
        };
        let fields = [
            ascii(Tag::Make, In::PRIMARY, "HUAWEI"),
            ascii(Tag::Model, In::PRIMARY, "ELE-AL00"),
            ascii(Tag::DateTimeOriginal, In::PRIMARY, "2020:10:15 09:30:00"),
            ascii(Tag::ImageDescription, In::PRIMARY, &"x".repeat(extra)),
        ];
        let out = with_exif_fields(&photo, &fields, Some(&thumb));
        let exif_end = out.len() - (photo.len() - 2);
        (out, exif_end)
    }

    /// A JPEG with an EXIF block of `fields` (and a preview in IFD1) right after its
    /// start, as cameras write it.
    pub(crate) fn with_exif_fields(
        photo: &[u8],
        fields: &[exif::Field],
        preview: Option<&[u8]>,
    ) -> Vec<u8> {
        let mut writer = exif::experimental::Writer::new();
        fields.iter().for_each(|f| writer.push_field(f));
        if let Some(preview) = preview {
            writer.set_jpeg(preview, exif::In::THUMBNAIL);
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
    fn a_photo_is_read_by_its_first_bytes_its_exif_tags_and_its_end() {
        // The tags in the first bytes, the preview after them: the preview's middle
        // and the coded data are never read.
        let (photo, exif_end) = camera_photo(100, 45_000);
        let len = photo.len() as u64;
        assert!(exif_end > 40_000 && len > 200_000, "{exif_end} {len}");
        let (facts, touched) = inspect_noting(photo.clone(), 20_000..exif_end as u64 - 100);
        assert_eq!(facts.camera.model.as_deref(), Some("ELE-AL00"));
        assert_eq!(
            facts.camera.date_time_original.as_deref(),
            Some("2020:10:15 09:30:00")
        );
        assert!(!touched, "the preview was read");
        let (_, touched) = inspect_noting(photo, exif_end as u64 + 10_000..len - 10_000);
        assert!(!touched, "the coded data was read");
        // A description longer than the first bytes, before the camera's tags: the
        // whole block is read, and every tag is found as before.
        let (photo, _) = camera_photo(30_000, 20_000);
        let (facts, _) = inspect_noting(photo, 0..0);
        assert_eq!(facts.camera.make.as_deref(), Some("HUAWEI"));
        assert_eq!(
            facts.camera.date_time_original.as_deref(),
            Some("2020:10:15 09:30:00")
        );
        // No EXIF at all (as WeChat sends photos): its first bytes and its end only.
        let (photo, exif_end) = camera_photo(0, 1000);
        let bare = [&photo[..2], &photo[exif_end..]].concat();
        let len = bare.len() as u64;
        let (facts, touched) = inspect_noting(bare, 40_000..len - 10_000);
        assert!(!facts.camera.present && facts.complete);
        assert!(!touched, "a photo without EXIF was read through");
    }
}
