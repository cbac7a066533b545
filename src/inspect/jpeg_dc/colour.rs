//! The report thumbnails' picture: every component's DC plane dequantised, spread over
//! the largest sampling and turned from YCbCr into RGB, which is the photo at 1/8 scale
//! as libjpeg's scaled decoding gives it.

use super::{Decoded, Plane, decode};

/// Width, height and RGB pixels (3 bytes each, row by row).
pub type Rgb = (u32, u32, Vec<u8>);

/// RGB pixels (3 bytes each, row by row) of a baseline grey or YCbCr JPEG at 1/8 scale,
/// with its width and height. Some(Err) when its data is damaged; None when it is left
/// to jpeg-decoder: not baseline, not grey or YCbCr, or under `min_side` pixels a side
/// at 1/8.
pub fn colour_eighth(jpeg: &[u8], min_side: usize) -> Option<Result<Rgb, String>> {
    let decoded = match decode(jpeg, true, min_side)? {
        Ok(decoded) => decoded,
        Err(why) => return Some(Err(why)),
    };
    if decoded.not_ycbcr || !matches!(decoded.planes.len(), 1 | 3) {
        return None;
    }
    Some(Ok(rgb(&decoded)))
}

/// Each block's mean value (before clamping) of a plane: DC × the quantiser / 8, plus
/// 128, rounded.
fn means(plane: &Plane) -> Vec<i32> {
    plane
        .dc
        .iter()
        .map(|&dc| 128 + (i64::from(dc) * i64::from(plane.q0) + 4).div_euclid(8) as i32)
        .collect()
}

/// For each output column (or row), the block of `plane` it falls in.
fn blocks_along(n: usize, sampling: usize, max: usize, blocks: usize) -> Vec<usize> {
    (0..n)
        .map(|i| (i * sampling / max).min(blocks.saturating_sub(1)))
        .collect()
}

/// A plane spread over the output picture: its block means, and the block under each
/// output column and row.
struct Spread {
    means: Vec<i32>,
    xs: Vec<usize>,
    ys: Vec<usize>,
    stride: usize,
}

impl Spread {
    fn new(d: &Decoded, p: &Plane, w: usize, h: usize) -> Spread {
        let rows = p.dc.len() / p.stride;
        Spread {
            means: means(p),
            xs: blocks_along(w, p.h, d.hmax, p.stride),
            ys: blocks_along(h, p.v, d.vmax, rows),
            stride: p.stride,
        }
    }

    fn at(&self, x: usize, y: usize) -> i32 {
        self.means[self.ys[y] * self.stride + self.xs[x]]
    }
}

fn rgb(d: &Decoded) -> Rgb {
    let (w, h) = (d.width.div_ceil(8), d.height.div_ceil(8));
    let clamp = |v: i32| v.clamp(0, 255) as u8;
    let planes: Vec<Spread> = d.planes.iter().map(|p| Spread::new(d, p, w, h)).collect();
    let mut out = Vec::with_capacity(w * h * 3);
    for y in 0..h {
        for x in 0..w {
            let luma = planes[0].at(x, y);
            if let [_, cb, cr] = &planes[..] {
                // JFIF's YCbCr to RGB in 16-bit fixed point.
                let (cb, cr) = (cb.at(x, y) - 128, cr.at(x, y) - 128);
                out.extend([
                    clamp(luma + ((91_881 * cr + 32_768) >> 16)),
                    clamp(luma - ((22_554 * cb + 46_802 * cr - 32_768) >> 16)),
                    clamp(luma + ((116_130 * cb + 32_768) >> 16)),
                ]);
            } else {
                out.extend([clamp(luma); 3]);
            }
        }
    }
    (w as u32, h as u32, out)
}
