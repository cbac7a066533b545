#![no_main]
//! The MP4/MOV box walk and the AVI/ASF/FLV/MKV header readers.
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    common::inspect_as(&["a.mp4", "a.mov", "a.avi", "a.wmv", "a.flv", "a.mkv"], data);
});
