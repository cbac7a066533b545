//! Small files in one round trip: a photo's header or a short document costs less to
//! read than a message to a reader and back, so they go to a reader in batches. A batch
//! whose reader is lost (one file in it crashed or hung the reader) is read again one
//! file at a time, which finds and names that file; the others are read as usual.

use super::{Answer, Job, POOL, in_reader};
use crate::inspect::{Facts, FileClass, ReadOptions, classify};
use crate::intake::origin::Origin;
use crate::intake::{EntryId, EntryKind, Submission, extension_of};

/// Files read together in one round trip.
pub const BATCH: usize = 16;

/// Documents and sheets up to this size go in batches; larger ones, which take long
/// enough to read that a round trip does not matter, go alone. Photos always do
/// (only their first bytes are read).
const SMALL: u64 = 1024 * 1024;

/// What a file of a batch is sent as, when it can be batched at all.
fn batched(sub: &Submission, id: EntryId) -> Option<(String, u64, Origin)> {
    let entry = sub.entry(id);
    let EntryKind::File { size, source } = &entry.kind else {
        return None;
    };
    let photo = classify(&extension_of(&entry.name)) == FileClass::Photo;
    if !photo && *size > SMALL {
        return None;
    }
    Some((entry.name.clone(), *size, source.origin()?))
}

/// [`super::inspect`] of each of `files`, the small ones read together.
pub fn inspect_many(sub: &Submission, files: &[EntryId], options: &ReadOptions) -> Vec<Facts> {
    let one_by_one = || -> Vec<Facts> {
        files
            .iter()
            .map(|&id| super::inspect(sub, id, options))
            .collect()
    };
    if POOL.get().is_none() {
        return one_by_one();
    }
    let sent: Vec<Option<(String, u64, Origin)>> =
        files.iter().map(|&id| batched(sub, id)).collect();
    let batch: Vec<(String, u64, Origin)> = sent.iter().flatten().cloned().collect();
    if batch.len() < 2 {
        return one_by_one();
    }
    let count = batch.len();
    let job = Job::InspectMany {
        files: batch,
        options: *options,
    };
    let Some(Ok(Answer::FactsMany(read))) = in_reader(&job, options.reader_seconds) else {
        return one_by_one();
    };
    if read.len() != count {
        return one_by_one();
    }
    let mut read = read.into_iter();
    files
        .iter()
        .zip(&sent)
        .map(|(&id, sent)| match sent {
            Some(_) => read.next().unwrap_or(Facts::Other),
            None => super::inspect(sub, id, options),
        })
        .collect()
}
