#![no_main]
//! The `--deep` DC-only JPEG decoder on arbitrary bytes: an answer (a grid, an error,
//! or "not baseline"), never a panic or a hang.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = baosong::inspect::jpeg_dc::luma_dc(data);
});
