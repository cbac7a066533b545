#![no_main]
//! Image headers (imagesize) and EXIF (kamadak-exif, the PNG chunk walk), and the
//! integrity check at the file's end.
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    common::inspect_as(&["a.jpg", "a.png", "a.heic", "a.webp", "a.bmp", "a.tif"], data);
});
