//! Bounds that hold by construction: what a photo's header declares (its pixels, its
//! JPEG coding and scans, the memory its decode needs, its PNG's compressed extras),
//! measured before any decoder is given the photo. The header inspection refuses a
//! photo over a bound (named, never counted, never decoded), and the decoders of the
//! deep check and the report's thumbnails measure again before they allocate.

use std::io::{BufRead, Read, SeekFrom};

use super::headed::Prefix;
use crate::codes::Code;
use crate::inspect::Failure;
use crate::intake::ReadSeek;
use crate::limits::{
    MAX_DECODE_BYTES, MAX_JPEG_SCANS, MAX_PHOTO_METADATA_BYTES, MAX_PHOTO_PIXELS, MAX_PNG_CHUNKS,
    MAX_PNG_EXIF_BYTES,
};

/// A JPEG's frame and scans as its markers declare them, up to its end marker.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct JpegLayout {
    /// The n of the frame's SOFn marker: 0 baseline, 1 extended, 2 progressive,
    /// 3 lossless, 5-7 and 13-15 hierarchical, 9-15 arithmetic-coded. None: no frame.
    pub sof: Option<u8>,
    /// A DHP marker or a second frame: the hierarchical mode.
    pub hierarchical: bool,
    /// Bits per sample.
    pub precision: u8,
    pub width: u64,
    pub height: u64,
    /// Each component's horizontal and vertical sampling factors.
    pub sampling: Vec<(u64, u64)>,
    /// SOS markers: the passes the decoder makes over the picture.
    pub scans: usize,
}

/// Walks a JPEG's markers from its start to its end marker, skipping each segment by
/// its length (seeking) and each scan's coded data to the next marker. Reads at most
/// what the reader gives (callers bound it); an error or the end of the data ends the
/// walk.
pub fn jpeg_layout(r: &mut dyn ReadSeek) -> JpegLayout {
    let mut layout = JpegLayout::default();
    let _ = walk_jpeg(r, &mut layout, false);
    layout
}

/// [`jpeg_layout`] as far as the plain check needs it, within the first `limit` bytes:
/// up to a baseline (sequential) frame's first scan when it holds every component, as
/// phones and cameras write it (its coded data is the rest of the file); through those
/// bytes for any other. Decoders walk the whole file again before they allocate.
pub fn jpeg_head_layout(r: &mut dyn ReadSeek, limit: u64) -> JpegLayout {
    let mut layout = JpegLayout::default();
    let _ = walk_jpeg(&mut Prefix::new(r, limit), &mut layout, true);
    layout
}

fn walk_jpeg(r: &mut dyn ReadSeek, layout: &mut JpegLayout, head: bool) -> std::io::Result<()> {
    if byte(r)? != 0xFF || byte(r)? != 0xD8 {
        return Ok(());
    }
    loop {
        let Some(marker) = next_marker(r)? else {
            return Ok(());
        };
        match marker {
            // The end, or another picture's start (a preview appended after it).
            0xD9 | 0xD8 => return Ok(()),
            // A marker without a segment (TEM).
            0x01 => continue,
            _ => {}
        }
        let len = u64::from(u16::from_be_bytes([byte(r)?, byte(r)?]));
        let body = len.saturating_sub(2);
        match marker {
            0xC4 | 0xC8 | 0xCC => skip(r, body)?,
            0xC0..=0xCF if layout.sof.is_some() => {
                layout.hierarchical = true;
                skip(r, body)?;
            }
            0xC0..=0xCF => {
                let mut frame = Vec::new();
                Read::take(&mut *r, body).read_to_end(&mut frame)?;
                read_frame(marker - 0xC0, &frame, layout);
            }
            0xDE => {
                layout.hierarchical = true;
                skip(r, body)?;
            }
            0xDA => {
                // The scan's coded data follows: the next marker is found past it.
                layout.scans += 1;
                let mut sos = Vec::new();
                Read::take(&mut *r, body).read_to_end(&mut sos)?;
                // A baseline scan of every component holds the whole picture: its coded
                // data runs to the end of the file.
                let every = sos.first().map(|&n| usize::from(n)) == Some(layout.sampling.len());
                let sequential = matches!(layout.sof, Some(0 | 1)) && !layout.hierarchical;
                if head && sequential && every {
                    return Ok(());
                }
            }
            _ => skip(r, body)?,
        }
    }
}

/// The frame header: precision, height, width and each component's sampling.
fn read_frame(n: u8, frame: &[u8], layout: &mut JpegLayout) {
    layout.sof = Some(n);
    let field = |at: usize| frame.get(at).copied().map_or(0, u64::from);
    layout.precision = frame.first().copied().unwrap_or(0);
    layout.height = field(1) << 8 | field(2);
    layout.width = field(3) << 8 | field(4);
    let count = frame.get(5).copied().map_or(0, usize::from);
    layout.sampling = (0..count)
        .filter_map(|c| frame.get(6 + 3 * c + 1))
        .map(|&s| (u64::from(s >> 4).max(1), u64::from(s & 15).max(1)))
        .collect();
}

fn byte(r: &mut dyn BufRead) -> std::io::Result<u8> {
    let mut b = [0u8; 1];
    r.read_exact(&mut b)?;
    Ok(b[0])
}

fn skip(r: &mut dyn ReadSeek, n: u64) -> std::io::Result<()> {
    let n = i64::try_from(n).map_err(|_| std::io::ErrorKind::InvalidInput)?;
    r.seek(SeekFrom::Current(n)).map(|_| ())
}

/// The next marker: past a scan's coded data (with its stuffed 0xFF 0x00 and its
/// restart markers), past fill bytes, past any bytes that are not a marker. None when
/// the data ends first.
fn next_marker(r: &mut dyn BufRead) -> std::io::Result<Option<u8>> {
    let mut after_ff = false;
    loop {
        let buf = r.fill_buf()?;
        if buf.is_empty() {
            return Ok(None);
        }
        let mut at = 0;
        while at < buf.len() {
            if after_ff {
                match buf[at] {
                    0xFF => {}
                    0x00 | 0xD0..=0xD7 => after_ff = false,
                    m => {
                        r.consume(at + 1);
                        return Ok(Some(m));
                    }
                }
                at += 1;
            } else {
                match memchr::memchr(0xFF, &buf[at..]) {
                    Some(p) => {
                        at += p + 1;
                        after_ff = true;
                    }
                    None => at = buf.len(),
                }
            }
        }
        let n = buf.len();
        r.consume(n);
    }
}

/// Whether decoders may be given this JPEG: within the pixel, scan and memory bounds,
/// and in a coding phones and cameras write (8-bit baseline, extended or progressive
/// Huffman coding). A file without a frame is left to the decoders, which find the
/// damage before allocating anything.
pub fn jpeg_within_bounds(layout: &JpegLayout) -> Result<(), Failure> {
    let Some(sof) = layout.sof else {
        return Ok(());
    };
    let coding = match sof {
        3 | 7 | 11 | 15 => Some(msg!("jpeg-coding-lossless")),
        5 | 6 | 13 | 14 => Some(msg!("jpeg-coding-hierarchical")),
        _ if layout.hierarchical => Some(msg!("jpeg-coding-hierarchical")),
        9 | 10 => Some(msg!("jpeg-coding-arithmetic")),
        _ if layout.precision != 8 => Some(msg!("jpeg-coding-bits", bits = layout.precision)),
        _ => None,
    };
    if let Some(coding) = coding {
        return Err((Code::PhotoUnreadable, msg!("photo-jpeg-coding", coding)));
    }
    pixels_within_bounds(layout.width, layout.height)?;
    let progressive = sof == 2;
    let max = if progressive {
        MAX_JPEG_SCANS
    } else {
        layout.sampling.len().max(1)
    };
    if layout.scans > max {
        let scans = layout.scans;
        return Err((
            Code::PhotoOverLimit,
            msg!("photo-over-limit-scans", scans, max),
        ));
    }
    if progressive {
        memory_within_bounds(coefficient_bytes(layout))?;
    }
    Ok(())
}

/// The memory a progressive decode keeps: 64 coefficients of 2 bytes for every block
/// of every component, the picture padded to whole MCUs.
pub fn coefficient_bytes(layout: &JpegLayout) -> u64 {
    let hmax = layout.sampling.iter().map(|s| s.0).max().unwrap_or(1);
    let vmax = layout.sampling.iter().map(|s| s.1).max().unwrap_or(1);
    let mcus_x = layout.width.div_ceil(8 * hmax);
    let mcus_y = layout.height.div_ceil(8 * vmax);
    layout
        .sampling
        .iter()
        .map(|&(h, v)| mcus_x * h * mcus_y * v * 128)
        .sum()
}

/// Whether a picture of `width` × `height` pixels is within [`MAX_PHOTO_PIXELS`].
pub fn pixels_within_bounds(width: u64, height: u64) -> Result<(), Failure> {
    if width.saturating_mul(height) <= MAX_PHOTO_PIXELS {
        return Ok(());
    }
    let (w, h) = (width, height);
    let max_mp = MAX_PHOTO_PIXELS / 1_000_000;
    Err((
        Code::PhotoOverLimit,
        msg!("photo-over-limit-pixels", w, h, max_mp),
    ))
}

fn memory_within_bounds(bytes: u64) -> Result<(), Failure> {
    if bytes <= MAX_DECODE_BYTES {
        return Ok(());
    }
    let mb = bytes.div_ceil(1024 * 1024);
    let max_mb = MAX_DECODE_BYTES / 1024 / 1024;
    Err((
        Code::PhotoOverLimit,
        msg!("photo-over-limit-memory", mb, max_mb),
    ))
}

/// What a PNG's header and the chunks before its image data declare.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct PngLayout {
    pub width: u64,
    pub height: u64,
    pub bit_depth: u8,
    pub color_type: u8,
    /// Bytes its colour profile and compressed text unpack to; the count stops just
    /// past [`MAX_PHOTO_METADATA_BYTES`].
    pub extras: u64,
    /// Bytes of its largest EXIF block (eXIf chunk).
    pub exif: u64,
    /// Whether the walk stopped at [`MAX_PNG_CHUNKS`] before the image data.
    pub too_many_chunks: bool,
}

/// Walks a PNG's chunks from header to header up to its image data, unpacking its
/// colour profile (iCCP) and compressed text (zTXt, iTXt) only to count their bytes,
/// and measuring its EXIF block. The walk stops after [`MAX_PNG_CHUNKS`] chunks.
pub fn png_layout(r: &mut dyn ReadSeek) -> PngLayout {
    let mut layout = PngLayout::default();
    let mut offset = 8u64;
    for walked in 0..=MAX_PNG_CHUNKS {
        if walked == MAX_PNG_CHUNKS {
            layout.too_many_chunks = true;
            break;
        }
        let mut head = [0u8; 8];
        if r.seek(SeekFrom::Start(offset)).is_err() || read_up_to(r, &mut head) < 8 {
            break;
        }
        let len = u64::from(u32::from_be_bytes([head[0], head[1], head[2], head[3]]));
        match &head[4..8] {
            b"IHDR" => {
                let mut ihdr = [0u8; 10];
                read_up_to(r, &mut ihdr);
                let be =
                    |at: usize| u64::from(u32::from_be_bytes([0, 1, 2, 3].map(|i| ihdr[at + i])));
                (layout.width, layout.height) = (be(0), be(4));
                (layout.bit_depth, layout.color_type) = (ihdr[8], ihdr[9]);
            }
            kind @ (b"iCCP" | b"zTXt" | b"iTXt") => {
                let budget = (MAX_PHOTO_METADATA_BYTES + 1).saturating_sub(layout.extras);
                layout.extras += unpacked(&mut Read::take(&mut *r, len), kind == b"iTXt", budget);
            }
            b"eXIf" => layout.exif = layout.exif.max(len),
            b"IDAT" | b"IEND" => break,
            _ => {}
        }
        offset += 12 + len;
    }
    layout
}

fn read_up_to(r: &mut dyn Read, buf: &mut [u8]) -> usize {
    crate::inspect::read_up_to(r, buf)
}

/// Bytes a compressed metadata chunk's zlib stream unpacks to, counted up to `budget`.
/// Before the stream: a keyword and its zero byte, then the compression method (iCCP,
/// zTXt), or a compression flag, the method, a language tag and a translated keyword
/// (iTXt, whose text may also be stored as it is).
fn unpacked(chunk: &mut dyn Read, itxt: bool, budget: u64) -> u64 {
    let compressed = (|| -> std::io::Result<bool> {
        past_zero(chunk)?;
        if !itxt {
            read_byte(chunk)?;
            return Ok(true);
        }
        let flag = read_byte(chunk)?;
        read_byte(chunk)?;
        past_zero(chunk)?;
        past_zero(chunk)?;
        Ok(flag != 0)
    })();
    if !matches!(compressed, Ok(true)) {
        return 0;
    }
    let mut stream = flate2::read::ZlibDecoder::new(chunk).take(budget);
    let mut buf = vec![0u8; 64 * 1024];
    let mut total = 0u64;
    while let Ok(n) = stream.read(&mut buf) {
        if n == 0 {
            break;
        }
        total += n as u64;
    }
    total
}

/// Reads past the next zero byte (the end of a keyword).
fn past_zero(r: &mut dyn Read) -> std::io::Result<()> {
    while read_byte(r)? != 0 {}
    Ok(())
}

fn read_byte(r: &mut dyn Read) -> std::io::Result<u8> {
    let mut b = [0u8; 1];
    r.read_exact(&mut b)?;
    Ok(b[0])
}

/// Whether decoders may be given this PNG: within the pixel bound, its decoded pixels
/// within [`MAX_DECODE_BYTES`], its compressed extras within
/// [`MAX_PHOTO_METADATA_BYTES`], its EXIF within [`MAX_PNG_EXIF_BYTES`], its chunks
/// before the image data within [`MAX_PNG_CHUNKS`].
pub fn png_within_bounds(layout: &PngLayout) -> Result<(), Failure> {
    pixels_within_bounds(layout.width, layout.height)?;
    // Samples per pixel as decoded: a palette becomes colour and transparency.
    let samples = match layout.color_type {
        0 => 1,
        4 => 2,
        2 => 3,
        _ => 4,
    };
    let bytes_per_sample = if layout.bit_depth == 16 { 2 } else { 1 };
    let bytes = layout
        .width
        .saturating_mul(layout.height)
        .saturating_mul(samples * bytes_per_sample);
    memory_within_bounds(bytes)?;
    if layout.extras > MAX_PHOTO_METADATA_BYTES {
        let max_mb = MAX_PHOTO_METADATA_BYTES / 1024 / 1024;
        return Err((
            Code::PhotoOverLimit,
            msg!("photo-over-limit-extras", max_mb),
        ));
    }
    if layout.exif > u64::from(MAX_PNG_EXIF_BYTES) {
        let max_mb = MAX_PNG_EXIF_BYTES / 1024 / 1024;
        return Err((Code::PhotoOverLimit, msg!("photo-over-limit-exif", max_mb)));
    }
    if layout.too_many_chunks {
        let max = MAX_PNG_CHUNKS;
        return Err((Code::PhotoOverLimit, msg!("photo-over-limit-chunks", max)));
    }
    Ok(())
}

/// The chunks of a PNG that make its picture (header, palette, transparency, image
/// data, end), in order: colour profiles, text and every other extra left out, so that
/// no decoder unpacks them. Bytes that do not walk as chunks are kept as they are, for
/// the decoder to find the damage.
pub fn png_essentials(png: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(png.len());
    out.extend_from_slice(&png[..png.len().min(8)]);
    let mut at = 8;
    while at + 12 <= png.len() {
        let len = u32::from_be_bytes([png[at], png[at + 1], png[at + 2], png[at + 3]]) as usize;
        let Some(end) = at.checked_add(12 + len).filter(|&e| e <= png.len()) else {
            break;
        };
        if matches!(
            &png[at + 4..at + 8],
            b"IHDR" | b"PLTE" | b"tRNS" | b"IDAT" | b"IEND"
        ) {
            out.extend_from_slice(&png[at..end]);
        }
        at = end;
    }
    out.extend_from_slice(&png[at.min(png.len())..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    #[test]
    fn the_plain_check_stops_at_a_baseline_scan_and_walks_on_past_a_progressive_one() {
        let img = image::RgbImage::from_fn(640, 480, |x, y| image::Rgb([x as u8, y as u8, 7]));
        let mut out = Cursor::new(Vec::new());
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)
            .encode_image(&img)
            .unwrap();
        let jpeg = out.into_inner();
        let mut read = Cursor::new(&jpeg[..]);
        let layout = jpeg_head_layout(&mut read, u64::MAX);
        assert_eq!((layout.sof, layout.scans, layout.width), (Some(0), 1, 640));
        assert!(
            read.position() < jpeg.len() as u64 / 4,
            "{}",
            read.position()
        );
        let mut whole = Cursor::new(&jpeg[..]);
        assert_eq!(jpeg_layout(&mut whole).scans, 1);
        // A baseline scan of one component of three: the others' scans are walked to.
        let mut planar = head(0, 8, 16, 16, &[0x11, 0x11, 0x11]);
        for id in 1..=4u8 {
            planar.extend(segment(0xDA, &[1, id, 0, 0, 63, 0]));
            planar.extend([0x12, 0x34]);
        }
        let planar_layout = jpeg_head_layout(&mut Cursor::new(&planar[..]), u64::MAX);
        assert_eq!(planar_layout.scans, 4);
        assert!(jpeg_within_bounds(&planar_layout).is_err());
        assert!(whole.position() > jpeg.len() as u64 - 4);
        // Marked progressive, the same bytes are walked to their end.
        let mut progressive = jpeg.clone();
        let sof = progressive
            .windows(2)
            .position(|w| w == [0xFF, 0xC0])
            .unwrap();
        progressive[sof + 1] = 0xC2;
        let mut read = Cursor::new(&progressive[..]);
        assert_eq!(jpeg_head_layout(&mut read, u64::MAX).sof, Some(2));
        assert!(read.position() > jpeg.len() as u64 - 4);
    }

    fn segment(marker: u8, body: &[u8]) -> Vec<u8> {
        let mut out = vec![0xFF, marker];
        out.extend(((body.len() + 2) as u16).to_be_bytes());
        out.extend(body);
        out
    }

    /// SOI and a frame header (SOF`sof`, `bits` per sample) of `w`×`h` pixels, each
    /// component sampled as given.
    fn head(sof: u8, bits: u8, w: u16, h: u16, sampling: &[u8]) -> Vec<u8> {
        let mut frame = vec![bits];
        frame.extend(h.to_be_bytes());
        frame.extend(w.to_be_bytes());
        frame.push(sampling.len() as u8);
        for (id, &s) in sampling.iter().enumerate() {
            frame.extend([id as u8 + 1, s, 0]);
        }
        [vec![0xFF, 0xD8], segment(0xC0 + sof, &frame)].concat()
    }

    fn layout(jpeg: &[u8]) -> JpegLayout {
        jpeg_layout(&mut Cursor::new(jpeg))
    }

    #[test]
    fn a_real_jpeg_walks_to_its_end_in_one_scan() {
        let img = image::RgbImage::from_fn(300, 200, |x, y| image::Rgb([x as u8, y as u8, 7]));
        let mut jpeg = Cursor::new(Vec::new());
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 80)
            .encode_image(&img)
            .unwrap();
        let jpeg = jpeg.into_inner();
        let found = layout(&jpeg);
        assert_eq!((found.sof, found.precision), (Some(0), 8));
        assert_eq!((found.width, found.height, found.scans), (300, 200, 1));
        assert_eq!(found.sampling.len(), 3);
        assert!(jpeg_within_bounds(&found).is_ok());
        // A preview in an APP1 segment (its own frame and scan) is skipped whole.
        let mut app1 = b"Exif\0\0".to_vec();
        app1.extend(&jpeg);
        let with_preview = [&jpeg[..2], &segment(0xE1, &app1), &jpeg[2..]].concat();
        assert_eq!(layout(&with_preview), found);
    }

    #[test]
    fn stuffed_bytes_and_restart_markers_do_not_end_a_scan() {
        let sos = segment(0xDA, &[1, 1, 0, 0, 63, 0]);
        let mut jpeg = head(0, 8, 16, 16, &[0x11]);
        for _ in 0..3 {
            jpeg.extend(&sos);
            jpeg.extend([
                0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56, 0xFF, 0xFF, 0xD1, 0x78,
            ]);
        }
        jpeg.extend([0xFF, 0xD9]);
        assert_eq!(layout(&jpeg).scans, 3);
        // Cut inside the coded data: the walk ends, with what it saw.
        assert_eq!(layout(&jpeg[..jpeg.len() - 20]).scans, 2);
        // Two million bytes of stuffing between segments: walked, not recursed into.
        let mut stuffed = head(0, 8, 16, 16, &[0x11]);
        stuffed.extend([0xFF, 0x00].repeat(1 << 20));
        stuffed.extend(&sos);
        stuffed.extend([0xFF, 0xD9]);
        assert_eq!(layout(&stuffed).scans, 1);
    }

    #[test]
    fn jpegs_over_a_bound_or_in_a_coding_no_phone_writes_are_refused() {
        let refused = |jpeg: &[u8]| jpeg_within_bounds(&layout(jpeg)).err().map(|e| e.0);
        let colour = [0x22, 0x11, 0x11];
        let sos = [segment(0xDA, &[1, 1, 0, 0, 63, 0]), vec![0; 4]].concat();
        let scans = |sof: u8, w: u16, n: usize| {
            [head(sof, 8, w, w, &colour), sos.repeat(n), vec![0xFF, 0xD9]].concat()
        };
        assert_eq!(refused(&scans(0, 15000, 3)), None);
        assert_eq!(refused(&scans(0, 16000, 1)), Some(Code::PhotoOverLimit));
        // A sequential JPEG has one scan per component at most; a progressive one 64.
        assert_eq!(refused(&scans(0, 1000, 4)), Some(Code::PhotoOverLimit));
        assert_eq!(refused(&scans(2, 1000, 64)), None);
        assert_eq!(refused(&scans(2, 1000, 65)), Some(Code::PhotoOverLimit));
        // Progressive coefficients: 4:2:0 keeps 6 blocks per 16×16 pixels, 384 bytes.
        let prog = layout(&scans(2, 8000, 1));
        assert_eq!(coefficient_bytes(&prog), 500 * 500 * 6 * 128);
        assert!(jpeg_within_bounds(&prog).is_ok());
        assert_eq!(refused(&scans(2, 8200, 1)), Some(Code::PhotoOverLimit));
        // Lossless, arithmetic-coded, hierarchical and 12-bit files are not decoded.
        for sof in [3, 9, 5] {
            let jpeg = [head(sof, 8, 100, 100, &colour), sos.clone()].concat();
            assert_eq!(refused(&jpeg), Some(Code::PhotoUnreadable), "SOF{sof}");
        }
        let twelve = [head(1, 12, 100, 100, &colour), sos.clone()].concat();
        assert_eq!(refused(&twelve), Some(Code::PhotoUnreadable));
        let dhp = [head(0, 8, 100, 100, &colour), segment(0xDE, &[0; 6]), sos].concat();
        assert_eq!(refused(&dhp), Some(Code::PhotoUnreadable));
    }

    fn chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
        let mut out = (data.len() as u32).to_be_bytes().to_vec();
        out.extend(kind);
        out.extend(data);
        out.extend(crc32fast::hash(&[kind.as_slice(), data].concat()).to_be_bytes());
        out
    }

    fn zlib_zeros(n: usize) -> Vec<u8> {
        use std::io::Write;
        let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        e.write_all(&vec![0; n]).unwrap();
        e.finish().unwrap()
    }

    /// A real 40×30 PNG with `extras` inserted after its header.
    fn png_with(extras: &[Vec<u8>]) -> Vec<u8> {
        let img = image::RgbImage::from_fn(40, 30, |x, y| image::Rgb([x as u8, y as u8, 9]));
        let mut png = Cursor::new(Vec::new());
        img.write_to(&mut png, image::ImageFormat::Png).unwrap();
        let png = png.into_inner();
        let ihdr_end = 8 + 8 + 13 + 4;
        [&png[..ihdr_end], &extras.concat(), &png[ihdr_end..]].concat()
    }

    #[test]
    fn png_extras_are_counted_unpacked_and_left_out_of_decoding() {
        let profile = [b"icc\0\0".as_slice(), &zlib_zeros(3000)].concat();
        let text = [b"Comment\0\0".as_slice(), &zlib_zeros(1000)].concat();
        let international = [b"Title\0\x01\0zh\0\0".as_slice(), &zlib_zeros(500)].concat();
        let png = png_with(&[
            chunk(b"iCCP", &profile),
            chunk(b"zTXt", &text),
            chunk(b"iTXt", &international),
            chunk(b"tEXt", b"Author\0me"),
        ]);
        let found = png_layout(&mut Cursor::new(&png[..]));
        assert_eq!(
            (found.width, found.height, found.bit_depth, found.color_type),
            (40, 30, 8, 2)
        );
        assert_eq!(found.extras, 4500);
        assert!(png_within_bounds(&found).is_ok());
        // Left out: the picture decodes the same without them.
        let essentials = png_essentials(&png);
        for kind in [b"iCCP", b"zTXt", b"iTXt", b"tEXt"] {
            assert!(!essentials.windows(4).any(|w| w == kind));
        }
        let (a, b) = (
            image::load_from_memory(&png),
            image::load_from_memory(&essentials),
        );
        assert_eq!(a.unwrap().to_rgb8(), b.unwrap().to_rgb8());

        // A profile unpacking past the bound: counted only just past it.
        let bomb = [b"icc\0\0".as_slice(), &zlib_zeros(20 << 20)].concat();
        let found = png_layout(&mut Cursor::new(&png_with(&[chunk(b"iCCP", &bomb)])[..]));
        assert_eq!(found.extras, MAX_PHOTO_METADATA_BYTES + 1);
        assert_eq!(
            png_within_bounds(&found).unwrap_err().0,
            Code::PhotoOverLimit
        );
    }

    #[test]
    fn png_pixels_are_bounded_by_their_decoded_size() {
        let of = |width, height, bit_depth, color_type| PngLayout {
            width,
            height,
            bit_depth,
            color_type,
            ..PngLayout::default()
        };
        // 50 MP with transparency fits in 192 MB; 8 bytes a pixel do not.
        assert!(png_within_bounds(&of(8000, 6000, 8, 6)).is_ok());
        assert!(png_within_bounds(&of(8000, 6000, 16, 6)).is_err());
        assert!(png_within_bounds(&of(65500, 65500, 1, 0)).is_err());
    }
}
