//! Readers of untrusted bytes, run in reader processes. Everything that hands a
//! stranger's file to a parser (documents, sheets, PDF, pictures and thumbnails, video
//! box trees, members of archives) goes through here: the file's place is sent to a
//! reader process (the same binary, started with a hidden argument), which reads it
//! under a memory cap ([`alloc::Capped`]) while this process waits at most the time
//! limit. A reader that dies or overruns is that file's finding
//! (`file-reader-crashed` / `file-reader-timeout`); the file does not count, and the
//! rest of the run, every other city included, goes on.
//!
//! Readers are used once the binary calls [`enable`]; a library caller (tests, tools)
//! and a source whose bytes cannot be described to another process read in this
//! process, as before.

pub mod alloc;
pub mod many;
mod pool;

use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use crate::codes::Code;
use crate::findings::Msg;
use crate::inspect::{self, Facts, ReadOptions};
use crate::intake::origin::Origin;
use crate::intake::source::Source;
use crate::intake::{Entry, EntryId, EntryKind, Submission};
pub use many::inspect_all;
pub use pool::WORKER_ARG;
use pool::{Lost, Pool};

/// One file for a reader to read.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub enum Job {
    /// What the file is and holds ([`inspect::inspect_source`]).
    Inspect {
        name: String,
        size: u64,
        origin: Origin,
        options: ReadOptions,
    },
    /// Several small files in one round trip: (name, size, origin) each.
    InspectMany {
        files: Vec<(String, u64, Origin)>,
        options: ReadOptions,
    },
    /// A photo decoded whole (`--deep`): its picture hash, or why it is damaged.
    Decode { origin: Origin },
    /// A photo's thumbnail for the page.
    Thumbnail { origin: Origin },
}

/// A reader's answer.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub struct Reply {
    pub answer: Answer,
    /// The reader left work running (a PDF past its time) and ends after answering.
    pub retire: bool,
}

#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub enum Answer {
    Facts(Facts),
    FactsMany(Vec<Facts>),
    Decoded(Result<u64, String>),
    /// The thumbnail as base64 JPEG bytes, or why there is none.
    Thumbnail(Result<String, Msg>),
}

static POOL: OnceLock<Pool> = OnceLock::new();

/// Reads files in reader processes started from `exe` from now on, each capped at
/// `reader_mb` of memory.
pub fn enable(exe: PathBuf, reader_mb: u64) {
    let _ = POOL.set(Pool::new(exe, reader_mb));
}

/// Reads files in reader processes of this very binary, unless `BAOSONG_IN_PROCESS` is
/// set (to compare, or to debug a reader) or the binary's path is unknown.
pub fn enable_here(reader_mb: u64) {
    if std::env::var_os("BAOSONG_IN_PROCESS").is_some() {
        return;
    }
    if let Ok(exe) = std::env::current_exe() {
        enable(exe, reader_mb);
    }
}

/// Starts `n` readers ahead of the first file (a check, not `rules` or `explain`).
pub fn prewarm(n: usize) {
    if let Some(pool) = POOL.get() {
        pool.prewarm(n);
    }
}

/// Ends the idle readers at the end of a run.
pub fn shutdown() {
    if let Some(pool) = POOL.get() {
        pool.shutdown();
    }
}

/// Runs a job in a reader; None when readers are not enabled or none could start.
fn in_reader(job: &Job, seconds: u64) -> Option<Result<Answer, Lost>> {
    let pool = POOL.get()?;
    match pool.run(job, Duration::from_secs(seconds)) {
        Ok(Some(reply)) => Some(Ok(reply.answer)),
        Ok(None) => None,
        Err(lost) => Some(Err(lost)),
    }
}

/// The finding of a file whose reader was lost.
fn lost_facts(lost: Lost, options: &ReadOptions) -> Facts {
    match lost {
        Lost::Crashed => {
            let mb = options.reader_mb;
            Facts::Problem(Code::FileReaderCrashed, msg!("file-reader-crashed", mb))
        }
        Lost::TimedOut => {
            let seconds = options.reader_seconds;
            Facts::Problem(
                Code::FileReaderTimeout,
                msg!("file-reader-timeout", seconds),
            )
        }
    }
}

/// [`inspect::inspect_source`] in a reader process.
pub fn inspect_source(name: &str, size: u64, source: &dyn Source, options: &ReadOptions) -> Facts {
    let Some(origin) = POOL.get().and(source.origin()) else {
        return inspect::inspect_source(name, size, source, options);
    };
    let job = Job::Inspect {
        name: name.to_owned(),
        size,
        origin,
        options: *options,
    };
    let lost = match in_reader(&job, options.reader_seconds) {
        None => return inspect::inspect_source(name, size, source, options),
        Some(Ok(Answer::Facts(facts))) => return facts,
        Some(Ok(_)) => Lost::Crashed,
        Some(Err(lost)) => lost,
    };
    // The reader checked a member's bytes after its parser was done with them: a
    // damaged member whose bytes ended the reader is named as damaged all the same.
    inspect::damaged_member(name, source).unwrap_or_else(|| lost_facts(lost, options))
}

/// [`inspect::inspect`] in a reader process.
pub fn inspect(sub: &Submission, id: EntryId, options: &ReadOptions) -> Facts {
    let entry = sub.entry(id);
    match &entry.kind {
        EntryKind::File { size, source } => {
            inspect_source(&entry.name, *size, source.as_ref(), options)
        }
        EntryKind::Dir(_) => Facts::Other,
    }
}

fn origin_of(sub: &Submission, id: EntryId) -> Option<Origin> {
    POOL.get()?;
    match &sub.entry(id).kind {
        EntryKind::File { source, .. } => source.origin(),
        EntryKind::Dir(_) => None,
    }
}

/// [`inspect::picture::decode`] in a reader process.
pub fn decode(sub: &Submission, id: EntryId, options: &ReadOptions) -> Result<u64, String> {
    let Some(origin) = origin_of(sub, id) else {
        return inspect::picture::decode(sub, id);
    };
    match in_reader(&Job::Decode { origin }, options.reader_seconds) {
        None => inspect::picture::decode(sub, id),
        Some(Ok(Answer::Decoded(result))) => result,
        Some(Ok(_)) | Some(Err(Lost::Crashed)) => Err(lost_text(Lost::Crashed, options)),
        Some(Err(lost)) => Err(lost_text(lost, options)),
    }
}

/// Why a picture's reader gave no answer, in the words of its finding.
fn lost_text(lost: Lost, options: &ReadOptions) -> String {
    match lost_facts(lost, options) {
        Facts::Problem(_, why) => why.get(crate::findings::Lang::Zh).to_owned(),
        _ => String::new(),
    }
}

/// [`inspect::picture::thumbnail`] in a reader process.
pub fn thumbnail(sub: &Submission, id: EntryId, options: &ReadOptions) -> Result<Vec<u8>, Msg> {
    use base64::Engine;
    let Some(origin) = origin_of(sub, id) else {
        return inspect::picture::thumbnail(sub, id);
    };
    let lost = |lost| match lost_facts(lost, options) {
        Facts::Problem(_, why) => why,
        _ => msg!("thumbnail-failed"),
    };
    match in_reader(&Job::Thumbnail { origin }, options.reader_seconds) {
        None => inspect::picture::thumbnail(sub, id),
        Some(Ok(Answer::Thumbnail(Ok(text)))) => base64::engine::general_purpose::STANDARD
            .decode(text)
            .map_err(|_| msg!("thumbnail-failed")),
        Some(Ok(Answer::Thumbnail(Err(why)))) => Err(why),
        Some(Ok(_)) => Err(lost(Lost::Crashed)),
        Some(Err(l)) => Err(lost(l)),
    }
}

/// A submission of one file, for the readers that take a submission and an entry.
fn one_file(name: &str, size: u64, source: Arc<dyn Source>) -> Submission {
    Submission {
        name: name.to_owned(),
        origin: PathBuf::from(name),
        modified: None,
        archive_size: None,
        entries: vec![
            Entry {
                name: String::new(),
                path: String::new(),
                kind: EntryKind::Dir(vec![1]),
            },
            Entry {
                name: name.to_owned(),
                path: name.to_owned(),
                kind: EntryKind::File { size, source },
            },
        ],
        problems: Vec::new(),
        assignment: None,
        mail: None,
        unmatched: None,
    }
}

/// Does one job in this process.
fn answer(job: Job) -> Answer {
    use base64::Engine;
    match job {
        Job::Inspect {
            name,
            size,
            origin,
            options,
        } => Answer::Facts(inspect::inspect_source(
            &name,
            size,
            crate::intake::source::rebuild(origin).as_ref(),
            &options,
        )),
        Job::InspectMany { files, options } => Answer::FactsMany(
            files
                .into_iter()
                .map(|(name, size, origin)| {
                    let source = crate::intake::source::rebuild(origin);
                    let facts = inspect::inspect_source(&name, size, source.as_ref(), &options);
                    // A file that met the cap is said to have, whatever it answered;
                    // the others of the batch were read within it.
                    match alloc::refused() {
                        true => over_memory_facts(options.reader_mb),
                        false => facts,
                    }
                })
                .collect(),
        ),
        Job::Decode { origin } => {
            let sub = one_file("photo", 0, crate::intake::source::rebuild(origin));
            Answer::Decoded(inspect::picture::decode(&sub, 1))
        }
        Job::Thumbnail { origin } => {
            let sub = one_file("photo", 0, crate::intake::source::rebuild(origin));
            let thumb = inspect::picture::thumbnail(&sub, 1);
            Answer::Thumbnail(thumb.map(|b| base64::engine::general_purpose::STANDARD.encode(b)))
        }
    }
}

/// What a reader that met its memory cap answers instead of what it read: the file was
/// not read whole, so nothing it found may count.
fn over_memory(answer: Answer, mb: u64) -> Answer {
    let why = msg!("file-reader-crashed", mb);
    match answer {
        Answer::Facts(_) => Answer::Facts(over_memory_facts(mb)),
        // Each file of a batch was judged on its own as it was read.
        many @ Answer::FactsMany(_) => many,
        Answer::Decoded(_) => Answer::Decoded(Err(why.get(crate::findings::Lang::Zh).to_owned())),
        Answer::Thumbnail(_) => Answer::Thumbnail(Err(why)),
    }
}

fn over_memory_facts(mb: u64) -> Facts {
    Facts::Problem(Code::FileReaderCrashed, msg!("file-reader-crashed", mb))
}

/// The reader process: caps its memory at `reader_mb`, then answers jobs from stdin,
/// one JSON line each, until stdin closes or it has left work running.
pub fn serve(reader_mb: u64) {
    let bytes = usize::try_from(reader_mb.saturating_mul(1024 * 1024)).unwrap_or(usize::MAX);
    alloc::cap(bytes);
    let stdin = std::io::stdin();
    let mut stdout = std::io::stdout();
    for line in stdin.lock().lines() {
        let Ok(line) = line else { return };
        let Ok(job) = serde_json::from_str::<Job>(&line) else {
            return;
        };
        alloc::refused();
        let mut answer = answer(job);
        let out_of_memory = alloc::refused();
        if out_of_memory {
            answer = over_memory(answer, reader_mb);
        }
        let retire = inspect::abandoned_work() || out_of_memory;
        let reply = Reply { answer, retire };
        let Ok(text) = serde_json::to_string(&reply) else {
            return;
        };
        if writeln!(stdout, "{text}")
            .and_then(|()| stdout.flush())
            .is_err()
            || retire
        {
            return;
        }
    }
}
