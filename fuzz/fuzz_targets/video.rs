#![no_main]
//! The MP4/MOV box walk, the AVI/ASF/FLV/MKV header readers, and the MPEG program and
//! transport stream readers.
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    common::inspect_as(
        &[
            "a.mp4", "a.mov", "a.avi", "a.wmv", "a.flv", "a.mkv", "a.mpg", "a.vob", "a.ts",
            "a.mts", "a.m2ts",
        ],
        data,
    );
});
