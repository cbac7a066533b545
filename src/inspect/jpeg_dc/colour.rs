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

/// A block's mean value (0-255, before clamping) for the output pixel (x, y).
fn mean(d: &Decoded, plane: &Plane, x: usize, y: usize) -> f32 {
    let rows = plane.dc.len() / plane.stride;
    let bx = (x * plane.h / d.hmax).min(plane.stride - 1);
    let by = (y * plane.v / d.vmax).min(rows.saturating_sub(1));
    plane.dc[by * plane.stride + bx] as f32 * plane.q0 as f32 / 8.0 + 128.0
}

fn rgb(d: &Decoded) -> Rgb {
    let (w, h) = (d.width.div_ceil(8), d.height.div_ceil(8));
    let clamp = |v: f32| v.round().clamp(0.0, 255.0) as u8;
    let mut out = Vec::with_capacity(w * h * 3);
    for y in 0..h {
        for x in 0..w {
            let luma = mean(d, &d.planes[0], x, y);
            match &d.planes[..] {
                [_, cb, cr] => {
                    let cb = mean(d, cb, x, y) - 128.0;
                    let cr = mean(d, cr, x, y) - 128.0;
                    out.extend([
                        clamp(luma + 1.402 * cr),
                        clamp(luma - 0.344_136 * cb - 0.714_136 * cr),
                        clamp(luma + 1.772 * cb),
                    ]);
                }
                _ => out.extend([clamp(luma); 3]),
            }
        }
    }
    (w as u32, h as u32, out)
}
