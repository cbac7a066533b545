#![no_main]
//! A zip read in place as a whole submission: name decoding, unsafe paths, bombs,
//! nested archives, then every check on what was listed.
use std::sync::Arc;

use baosong::check::check_submission;
use baosong::intake::Submission;
use baosong::intake::source::InMemory;
use baosong::rules::Rules;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let sub = Submission::from_zip_source("fuzz", Arc::new(InMemory(Arc::new(data.to_vec()))));
    let _ = check_submission(&Rules::default_rules(), &sub);
});
