#![no_main]
//! Every document reader: .docx/.odt/.pptx (zip + XML), .doc/.wps (OLE via rwml),
//! .ppt (OLE records), .pdf (lopdf), .html and .mht (tag scanner, MIME), plain text,
//! and the 字数 counter on what they extract.
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    common::inspect_as(
        &[
            "a.docx", "a.doc", "a.wps", "a.pdf", "a.odt", "a.txt", "a.pptx", "a.ppt", "a.html",
            "a.mht",
        ],
        data,
    );
});
