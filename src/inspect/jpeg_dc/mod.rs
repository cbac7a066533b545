//! The `--deep` check's and the report thumbnails' fast path: a baseline JPEG's
//! entropy-coded data read to the end, keeping only each block's DC coefficient, which
//! is the block's mean: the picture at 1/8 scale, without transforming a block (what
//! libjpeg's 1/8 scaling computes too). `--deep` keeps luma only, undequantised: a grey
//! picture for the difference hash. The thumbnails keep every component, dequantised
//! and converted to RGB. Every code of every block is decoded, so a cut-off or corrupt
//! stream is still found. Progressive and arithmetic-coded files are left to
//! jpeg-decoder (None).

mod bits;
mod colour;

use bits::{Bits, Huffman};
pub use colour::colour_eighth;

/// Luma blocks decoded at most: those of the largest picture checked
/// ([`MAX_PHOTO_PIXELS`](crate::limits::MAX_PHOTO_PIXELS)), with room for the padding
/// to whole MCUs. A header claiming more is refused, never allocated.
const MAX_BLOCKS: usize = (crate::limits::MAX_PHOTO_PIXELS / 64) as usize + 65_536;

/// Width and height in blocks, and each block's DC value, row by row.
pub type DcGrid = (usize, usize, Vec<i32>);

struct Component {
    id: u8,
    h: usize,
    v: usize,
    dc_table: usize,
    ac_table: usize,
    /// Its quantisation table: a file without it does not decode, so its absence is
    /// left to jpeg-decoder to name.
    quant: usize,
}

/// One component's DC values over whole MCUs, row by row.
struct Plane {
    h: usize,
    v: usize,
    /// Blocks per row (padding to whole MCUs included).
    stride: usize,
    /// The first entry of its quantisation table: DC × this / 8 is the block's mean,
    /// less 128.
    q0: i32,
    dc: Vec<i32>,
}

/// What a baseline JPEG's single scan gave.
struct Decoded {
    width: usize,
    height: usize,
    hmax: usize,
    vmax: usize,
    planes: Vec<Plane>,
    /// Adobe's APP14 says the components are RGB or CMYK, not YCbCr.
    not_ycbcr: bool,
}

/// A frame header: the picture's size and its components.
fn frame(body: &[u8]) -> Option<(usize, usize, Vec<Component>)> {
    let height = usize::from(u16::from_be_bytes([*body.get(1)?, *body.get(2)?]));
    let width = usize::from(u16::from_be_bytes([*body.get(3)?, *body.get(4)?]));
    let n = usize::from(*body.get(5)?);
    let mut components = Vec::new();
    for c in 0..n {
        let b = body.get(6 + 3 * c..9 + 3 * c)?;
        components.push(Component {
            id: b[0],
            h: usize::from(b[1] >> 4).max(1),
            v: usize::from(b[1] & 15).max(1),
            dc_table: 0,
            ac_table: 0,
            quant: usize::from(b[2] & 3),
        });
    }
    Some((width, height, components))
}

/// The first entry of each quantisation table a DQT segment defines (8- or 16-bit
/// entries).
fn quantisation(body: &[u8], q0: &mut [Option<i32>; 4]) -> Option<()> {
    let mut at = 0;
    while at < body.len() {
        let precision_id = body[at];
        let wide = precision_id >> 4 != 0;
        let first = if wide {
            i32::from(u16::from_be_bytes([*body.get(at + 1)?, *body.get(at + 2)?]))
        } else {
            i32::from(*body.get(at + 1)?)
        };
        q0[usize::from(precision_id & 3)] = Some(first);
        at += 1 + if wide { 128 } else { 64 };
    }
    (at == body.len()).then_some(())
}

/// The Huffman tables a DHT segment defines.
fn tables(body: &[u8], dc: &mut [Option<Huffman>; 4], ac: &mut [Option<Huffman>; 4]) -> Option<()> {
    let mut at = 0;
    while at < body.len() {
        let class_id = body[at];
        let counts: [u8; 16] = body.get(at + 1..at + 17)?.try_into().ok()?;
        let n: usize = counts.iter().map(|&c| usize::from(c)).sum();
        let is_ac = class_id >> 4 != 0;
        let table = Huffman::new(&counts, body.get(at + 17..at + 17 + n)?, is_ac)?;
        let slot = usize::from(class_id & 3);
        if !is_ac {
            dc[slot] = Some(table);
        } else {
            ac[slot] = Some(table);
        }
        at += 17 + n;
    }
    Some(())
}

/// The luma DC grid of a baseline JPEG (width × height in blocks, row by row), Some(Err)
/// when its data is damaged, None when the file is not baseline Huffman-coded.
pub fn luma_dc(jpeg: &[u8]) -> Option<Result<DcGrid, String>> {
    Some(decode(jpeg, false, 0)?.map(|d| {
        let luma = &d.planes[0];
        // The blocks the picture covers, without the padding of the last MCUs.
        let w = (d.width * luma.h).div_ceil(8 * d.hmax).min(luma.stride);
        let rows = luma.dc.len() / luma.stride;
        let h = (d.height * luma.v).div_ceil(8 * d.vmax).min(rows);
        let cropped = (0..h)
            .flat_map(|y| {
                luma.dc[y * luma.stride..y * luma.stride + w]
                    .iter()
                    .copied()
            })
            .collect();
        (w, h, cropped)
    }))
}

/// The markers before the scan read, then the scan: every component's DC values when
/// `every` is set, else the first's. None too when the picture at 1/8 would have a
/// side under `min_side`.
fn decode(jpeg: &[u8], every: bool, min_side: usize) -> Option<Result<Decoded, String>> {
    let mut pos = 2;
    if !jpeg.starts_with(&[0xFF, 0xD8]) {
        return None;
    }
    let mut dc_tables: [Option<Huffman>; 4] = Default::default();
    let mut ac_tables: [Option<Huffman>; 4] = Default::default();
    let mut components: Vec<Component> = Vec::new();
    let mut q0 = [None; 4];
    let (mut width, mut height, mut interval) = (0usize, 0usize, 0usize);
    let mut not_ycbcr = false;
    loop {
        let marker = *jpeg.get(pos + 1)?;
        if jpeg[pos] != 0xFF {
            return Some(Err("marker expected".to_owned()));
        }
        let len = usize::from(u16::from_be_bytes([
            *jpeg.get(pos + 2)?,
            *jpeg.get(pos + 3)?,
        ]));
        let body = jpeg.get(pos + 4..pos + 2 + len)?;
        match marker {
            0xC0 | 0xC1 => (width, height, components) = frame(body)?,
            0xC2 | 0xC3 | 0xC5..=0xC7 | 0xC9..=0xCB | 0xCD..=0xCF => return None,
            0xC4 => tables(body, &mut dc_tables, &mut ac_tables)?,
            0xDB => quantisation(body, &mut q0)?,
            0xDD => interval = usize::from(u16::from_be_bytes([*body.first()?, *body.get(1)?])),
            0xEE if body.starts_with(b"Adobe") => not_ycbcr = body.get(11) == Some(&0),
            0xDA => {
                let n = usize::from(*body.first()?);
                // Only one interleaved scan of every component is baseline as phones
                // write it; anything else goes to jpeg-decoder.
                let unquantised = components.iter().any(|c| q0[c.quant].is_none());
                let small = width.div_ceil(8).min(height.div_ceil(8)) < min_side;
                if n != components.len() || width == 0 || height == 0 || unquantised || small {
                    return None;
                }
                for s in 0..n {
                    let b = body.get(1 + 2 * s..3 + 2 * s)?;
                    let c = components.iter_mut().find(|c| c.id == b[0])?;
                    c.dc_table = usize::from(b[1] >> 4) & 3;
                    c.ac_table = usize::from(b[1] & 15) & 3;
                }
                let scan = Scan {
                    components: &components,
                    q0: components
                        .iter()
                        .map(|c| q0[c.quant].unwrap_or(1))
                        .collect(),
                    dc_tables: &dc_tables,
                    ac_tables: &ac_tables,
                    width,
                    height,
                    interval,
                    every,
                };
                let data = &jpeg[pos + 2 + len..];
                return Some(scan.read(data).map(|(hmax, vmax, planes)| Decoded {
                    width,
                    height,
                    hmax,
                    vmax,
                    planes,
                    not_ycbcr,
                }));
            }
            0xD9 => return Some(Err("no image data before the end".to_owned())),
            _ => {}
        }
        pos += 2 + len;
    }
}

/// A scan about to be read, with the tables and sizes the markers before it gave.
struct Scan<'a> {
    components: &'a [Component],
    q0: Vec<i32>,
    dc_tables: &'a [Option<Huffman>; 4],
    ac_tables: &'a [Option<Huffman>; 4],
    width: usize,
    height: usize,
    interval: usize,
    every: bool,
}

impl Scan<'_> {
    /// The largest sampling factors and the DC planes kept.
    fn read(&self, data: &[u8]) -> Result<(usize, usize, Vec<Plane>), String> {
        let components = self.components;
        if components.is_empty() {
            return Err("no components".to_owned());
        }
        let hmax = components.iter().map(|c| c.h).max().unwrap_or(1);
        let vmax = components.iter().map(|c| c.v).max().unwrap_or(1);
        let (width, height) = (self.width, self.height);
        let (mcus_x, mcus_y) = (width.div_ceil(8 * hmax), height.div_ceil(8 * vmax));
        let blocks = components.iter().map(|c| mcus_x * c.h * mcus_y * c.v).max();
        if blocks.unwrap_or(0) > MAX_BLOCKS {
            return Err(format!(
                "{width}×{height} pixels is beyond what is checked here"
            ));
        }
        let kept = if self.every { components.len() } else { 1 };
        let mut planes: Vec<Plane> = components[..kept]
            .iter()
            .zip(&self.q0)
            .map(|(c, &q0)| Plane {
                h: c.h,
                v: c.v,
                stride: mcus_x * c.h,
                q0,
                dc: vec![0; mcus_x * c.h * mcus_y * c.v],
            })
            .collect();
        let tables: Vec<(&Huffman, &Huffman)> = components
            .iter()
            .map(|c| {
                Ok((
                    self.dc_tables[c.dc_table]
                        .as_ref()
                        .ok_or("missing DC table")?,
                    self.ac_tables[c.ac_table]
                        .as_ref()
                        .ok_or("missing AC table")?,
                ))
            })
            .collect::<Result<_, &str>>()?;
        let mut bits = Bits::new(data);
        let mut predictors = vec![0i32; components.len()];
        let total = mcus_x * mcus_y;
        for mcu in 0..total {
            if self.interval > 0 && mcu > 0 && mcu % self.interval == 0 {
                if !bits.restart() {
                    return Err(format!("restart marker missing before block group {mcu}"));
                }
                predictors.iter_mut().for_each(|p| *p = 0);
            }
            let (mx, my) = (mcu % mcus_x, mcu / mcus_x);
            for (ci, c) in components.iter().enumerate() {
                let (dc, ac) = tables[ci];
                for v in 0..c.v {
                    for h in 0..c.h {
                        predictors[ci] = predictors[ci].wrapping_add(bits.block(dc, ac)?);
                        if let Some(plane) = planes.get_mut(ci) {
                            let at = (my * c.v + v) * plane.stride + mx * c.h + h;
                            plane.dc[at] = predictors[ci];
                        }
                    }
                }
            }
            if bits.overran() {
                return Err(format!("the data ends after {mcu} of {total} block groups"));
            }
        }
        Ok((hmax, vmax, planes))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A JPEG brightening from left to right, in colour or grey.
    fn gradient(w: u32, h: u32, grey: bool) -> Vec<u8> {
        let mut out = std::io::Cursor::new(Vec::new());
        let mut encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85);
        if grey {
            let img = image::GrayImage::from_fn(w, h, |x, _| image::Luma([(x * 255 / w) as u8]));
            encoder.encode_image(&img).unwrap();
        } else {
            let img = image::RgbImage::from_fn(w, h, |x, y| {
                image::Rgb([(x * 255 / w) as u8, (y * 255 / h) as u8, 90])
            });
            encoder.encode_image(&img).unwrap();
        }
        out.into_inner()
    }

    #[test]
    fn the_dc_grid_is_the_picture_at_one_eighth() {
        for grey in [false, true] {
            let jpeg = gradient(1001, 603, grey);
            let (w, h, dc) = luma_dc(&jpeg).unwrap().unwrap();
            assert_eq!((w, h), (126, 76), "grey: {grey}");
            // Brighter to the right, along every row.
            for y in [0, h / 2, h - 1] {
                assert!(
                    dc[y * w + w - 1] > dc[y * w] + 100,
                    "row {y}: {:?}",
                    &dc[y * w..y * w + 4]
                );
            }
        }
    }

    #[test]
    fn every_block_of_a_busy_photo_keeps_its_mean() {
        // Noise at high quality: many coefficients of every size, so that codes are
        // skipped both through the combined table and one by one.
        let (w, h) = (240u32, 160u32);
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        let img = image::GrayImage::from_fn(w, h, |x, y| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            image::Luma([(70 + (x + y) % 40 + (seed % 80) as u32) as u8])
        });
        for quality in [60, 95, 100] {
            let mut out = std::io::Cursor::new(Vec::new());
            image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality)
                .encode_image(&img)
                .unwrap();
            let jpeg = out.into_inner();
            let dqt = jpeg.windows(2).position(|p| p == [0xFF, 0xDB]).unwrap();
            let q0 = i32::from(jpeg[dqt + 5]);
            let decoded = image::load_from_memory(&jpeg).unwrap().to_luma8();
            let (gw, gh, dc) = luma_dc(&jpeg).unwrap().unwrap();
            assert_eq!((gw, gh), (30, 20));
            for by in 0..gh {
                for bx in 0..gw {
                    let sum: i32 = (0..64)
                        .map(|i| {
                            let (x, y) = (bx as u32 * 8 + i % 8, by as u32 * 8 + i / 8);
                            i32::from(decoded.get_pixel(x, y)[0])
                        })
                        .sum();
                    let from_dc = dc[by * gw + bx] * q0 / 8 + 128;
                    assert!(
                        (sum / 64 - from_dc).abs() <= q0 / 2 + 3,
                        "quality {quality}, block ({bx}, {by}): mean {} against {from_dc}",
                        sum / 64
                    );
                }
            }
        }
    }

    #[test]
    fn the_colour_picture_at_one_eighth_matches_a_scaled_decode() {
        let (w, h) = (1203u32, 805u32);
        let img = image::RgbImage::from_fn(w, h, |x, y| {
            let wave = ((x / 37 + y / 23) % 7 * 30) as u8;
            image::Rgb([(x * 255 / w) as u8, wave, (y * 255 / h) as u8])
        });
        let mut out = std::io::Cursor::new(Vec::new());
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)
            .encode_image(&img)
            .unwrap();
        let jpeg = out.into_inner();
        let (cw, ch, rgb) = colour_eighth(&jpeg, 100).unwrap().unwrap();
        let mut decoder = jpeg_decoder::Decoder::new(&jpeg[..]);
        decoder.read_info().unwrap();
        decoder.scale(1, 1).unwrap();
        let reference = decoder.decode().unwrap();
        let info = decoder.info().unwrap();
        assert_eq!((cw, ch), (u32::from(info.width), u32::from(info.height)));
        assert_eq!((cw, ch), (151, 101));
        let diff: u64 = rgb
            .iter()
            .zip(&reference)
            .map(|(a, b)| u64::from(a.abs_diff(*b)))
            .sum();
        let mean = diff as f64 / rgb.len() as f64;
        assert!(mean < 3.0, "mean difference {mean}");
        // Too small at 1/8 for the side asked: left to the scaled decoder.
        assert!(colour_eighth(&jpeg, 102).is_none());
        // Damage is found here too.
        assert!(matches!(
            colour_eighth(&jpeg[..jpeg.len() / 2], 1),
            Some(Err(_))
        ));
    }

    #[test]
    fn cut_off_data_is_damage_and_other_codings_are_left_to_the_decoder() {
        let jpeg = gradient(800, 600, false);
        for keep in [jpeg.len() / 3, jpeg.len() * 9 / 10, jpeg.len() - 40] {
            let cut = &jpeg[..keep];
            assert!(matches!(luma_dc(cut), Some(Err(_))), "kept {keep}");
        }
        // Without its quantisation table the file does not decode: left to jpeg-decoder.
        let mut unquantised = jpeg.clone();
        let dqt = unquantised
            .windows(2)
            .position(|w| w == [0xFF, 0xDB])
            .unwrap();
        unquantised[dqt + 1] = 0xFE; // the segment becomes a comment
        assert!(luma_dc(&unquantised).is_none());
        // Marked progressive (SOF2): not read here.
        let mut progressive = jpeg.clone();
        let sof = progressive
            .windows(2)
            .position(|w| w == [0xFF, 0xC0])
            .unwrap();
        progressive[sof + 1] = 0xC2;
        assert!(luma_dc(&progressive).is_none());
        assert!(luma_dc(b"not a jpeg").is_none());
    }

    #[test]
    fn damaged_and_hostile_bytes_never_panic() {
        let jpeg = gradient(320, 240, false);
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        for _ in 0..2000 {
            let mut bad = jpeg.clone();
            for _ in 0..3 {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                let at = (seed as usize) % bad.len();
                bad[at] = (seed >> 32) as u8;
            }
            let _ = luma_dc(&bad);
        }
        // A DHT whose symbols claim DC differences of 255 bits, and a frame of no
        // component: errors, not panics.
        let mut huge = b"\xFF\xD8\xFF\xC4\x00\x14\x00".to_vec();
        huge.extend([1u8].iter().chain(&[0u8; 15]));
        huge.push(255);
        huge.extend(b"\xFF\xC0\x00\x08\x08\x00\x10\x00\x10\x00\xFF\xDA\x00\x02\x00\x00");
        assert!(!matches!(luma_dc(&huge), Some(Ok(_))));
    }
}
