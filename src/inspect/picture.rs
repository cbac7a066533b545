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
    image::load_from_memory(&bytes)
        .map(|img| difference_hash(&img))
        .map_err(|e| e.to_string())
}
