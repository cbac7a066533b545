// Shared by the targets: the first input byte picks the file name (and so the
// reader), the rest are the file's bytes.
use std::sync::Arc;

use baosong::inspect::{Facts, ReadOptions, inspect_source};
use baosong::intake::source::InMemory;

pub fn inspect_as(names: &[&str], data: &[u8]) -> Option<Facts> {
    let (&pick, bytes) = data.split_first()?;
    let name = names[pick as usize % names.len()];
    let source = InMemory(Arc::new(bytes.to_vec()));
    Some(inspect_source(name, bytes.len() as u64, &source, &ReadOptions::default()))
}
