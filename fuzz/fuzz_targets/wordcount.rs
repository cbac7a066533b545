#![no_main]
//! Text decoding (BOM, UTF-8, chardetng's GBK guess) and Word's 字数 counter.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = baosong::inspect::text::decode_text(data);
    let counts = baosong::inspect::wordcount::count(&text);
    assert!(counts.han <= counts.chars_no_spaces);
    assert!(counts.words <= counts.chars_no_spaces);
});
