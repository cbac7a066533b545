#![no_main]
//! Spreadsheets as rosters: calamine (.xlsx/.xls/.et/.ods) and CSV in any encoding,
//! then the header search and the count.
use baosong::kinds::roster::check::count_people;
use baosong::inspect::Facts;
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    if let Some(Facts::Sheet(sheets)) = common::inspect_as(&["a.xlsx", "a.xls", "a.et", "a.ods", "a.csv"], data) {
        for sheet in &sheets {
            let _ = count_people(sheet, &["姓名".to_owned()]);
        }
    }
});
