//! Every file of a submission read over the worker threads, the costliest work first.
//!
//! Small files go to a reader in batches: a photo's header or a short document costs
//! less to read than a message to a reader and back. A batch whose reader is lost (one
//! file in it crashed or hung the reader) is read again one file at a time, which finds
//! and names that file; the others are read as usual.
//!
//! What reading a file costs decides the order: a zip member is inflated whole (its
//! CRC-32 needs every byte), so a city's two videos and its batches of camera photos
//! are handed out largest first, each to the next free worker, and the workers end
//! together instead of one of them reading every video of a zip in turn.

use std::collections::HashMap;

use rayon::iter::{ParallelBridge, ParallelIterator};

use super::{Answer, Job, POOL, in_reader};
use crate::inspect::{Facts, FileClass, ReadOptions, classify};
use crate::intake::origin::Origin;
use crate::intake::{EntryId, EntryKind, Submission, extension_of};

/// Files read together in one round trip, at most: documents and sheets, or photos
/// alone (only their first bytes are read, so that the round trip is most of the cost).
pub const BATCH: usize = 16;
const PHOTO_BATCH: usize = 64;

/// Bytes a batch may cost, at most (16 MB of members to inflate: a few camera photos).
const BATCH_COST: u64 = 16 * 1024 * 1024;

/// Documents and sheets up to this size go in batches; larger ones, which take long
/// enough to read that a round trip does not matter, go alone. Photos always do
/// (only their first bytes are read).
const SMALL: u64 = 1024 * 1024;

/// What reading a photo on disk costs: its first bytes.
const PHOTO_HEAD: u64 = 64 * 1024;

/// A file of a batch as it is sent: name, size, where its bytes are.
type Sent = (String, u64, Origin);

/// One piece of work: a batch of files (each with what is sent of it), or one file
/// read alone (`sent` empty); and what reading it costs.
struct Work {
    files: Vec<EntryId>,
    sent: Vec<Sent>,
    cost: u64,
}

/// What a file of a batch is sent as, when it can be batched at all, what reading it
/// costs, and whether it is a photo.
fn batched(sub: &Submission, id: EntryId) -> Option<(Sent, u64, bool)> {
    let entry = sub.entry(id);
    let EntryKind::File { size, source } = &entry.kind else {
        return None;
    };
    let photo = classify(&extension_of(&entry.name)) == FileClass::Photo;
    if !photo && *size > SMALL {
        return None;
    }
    let origin = source.origin()?;
    let cost = match origin {
        Origin::Member { .. } => *size,
        _ if photo => PHOTO_HEAD,
        _ => *size,
    };
    Some(((entry.name.clone(), *size, origin), cost, photo))
}

/// The work of reading `files`: batches of small files, in the order given, and the
/// others alone; the costliest first.
fn plan(sub: &Submission, files: &[EntryId]) -> Vec<Work> {
    let pooled = POOL.get().is_some();
    let mut work = Vec::new();
    let mut batch = Work {
        files: Vec::new(),
        sent: Vec::new(),
        cost: 0,
    };
    let mut only_photos = true;
    for &id in files {
        match pooled.then(|| batched(sub, id)).flatten() {
            Some((sent, cost, photo)) => {
                batch.files.push(id);
                batch.sent.push(sent);
                batch.cost += cost;
                only_photos &= photo;
                let most = if only_photos { PHOTO_BATCH } else { BATCH };
                if batch.files.len() >= most || batch.cost >= BATCH_COST {
                    work.push(std::mem::replace(&mut batch, alone(sub, Vec::new())));
                    only_photos = true;
                }
            }
            None => work.push(alone(sub, vec![id])),
        }
    }
    work.push(batch);
    work.retain(|w| !w.files.is_empty());
    // A batch of one is read as a file alone.
    for w in work.iter_mut().filter(|w| w.files.len() == 1) {
        w.sent.clear();
    }
    work.sort_by_key(|w| std::cmp::Reverse(w.cost));
    work
}

/// `files` read one at a time, each costing its size.
fn alone(sub: &Submission, files: Vec<EntryId>) -> Work {
    let cost = files.iter().map(|&id| sub.entry(id).size()).sum();
    Work {
        files,
        sent: Vec::new(),
        cost,
    }
}

/// [`super::inspect`] of each of `files`, over the worker threads, the small ones read
/// together; `progress` is called once per file read.
pub fn inspect_all(
    sub: &Submission,
    files: &[EntryId],
    options: &ReadOptions,
    progress: &(dyn Fn() + Sync),
) -> HashMap<EntryId, Facts> {
    plan(sub, files)
        .into_iter()
        .par_bridge()
        .flat_map_iter(|work| {
            let read = match work.sent.is_empty() {
                true => one_by_one(sub, &work.files, options),
                false => read_batch(sub, &work.files, work.sent, options),
            };
            work.files.iter().for_each(|_| progress());
            work.files.into_iter().zip(read)
        })
        .collect()
}

fn one_by_one(sub: &Submission, files: &[EntryId], options: &ReadOptions) -> Vec<Facts> {
    files
        .iter()
        .map(|&id| super::inspect(sub, id, options))
        .collect()
}

/// The files of a batch, read in one round trip; one at a time when its reader is lost.
fn read_batch(
    sub: &Submission,
    files: &[EntryId],
    sent: Vec<Sent>,
    options: &ReadOptions,
) -> Vec<Facts> {
    let job = Job::InspectMany {
        files: sent,
        options: *options,
    };
    match in_reader(&job, options.reader_seconds) {
        Some(Ok(Answer::FactsMany(read))) if read.len() == files.len() => read,
        _ => one_by_one(sub, files, options),
    }
}
