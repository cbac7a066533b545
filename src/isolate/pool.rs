//! Reader processes: the same binary started with a hidden argument, one job at a time
//! over its stdin and stdout (one JSON line each way). A pool keeps idle readers for
//! the next file; a reader that dies, overruns its time or asks to retire is never
//! reused, and a fresh one takes the next file.

use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::Mutex;
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::Duration;

use super::{Job, Reply};

/// The argument that makes the binary a reader process.
pub const WORKER_ARG: &str = "__baosong-reader";

/// How a job ended when it gave no answer.
#[derive(Debug, PartialEq, Eq)]
pub enum Lost {
    /// The reader process ended (a crash, a failed allocation over its cap).
    Crashed,
    /// The reader ran past its time and was stopped.
    TimedOut,
}

struct Worker {
    child: Child,
    stdin: ChildStdin,
    /// Lines the reader printed, read on a thread of their own so that the wait for
    /// one can time out.
    lines: Receiver<String>,
}

impl Worker {
    fn start(exe: &PathBuf, reader_mb: u64) -> std::io::Result<Worker> {
        let mut child = Command::new(exe)
            .arg(WORKER_ARG)
            .arg(reader_mb.to_string())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            // A reader that aborts says so on stderr; the parent says it better.
            .stderr(Stdio::null())
            .spawn()?;
        let stdin = child.stdin.take().expect("piped stdin");
        let stdout = child.stdout.take().expect("piped stdout");
        let (send, lines) = channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if send.send(line).is_err() {
                    break;
                }
            }
        });
        Ok(Worker {
            child,
            stdin,
            lines,
        })
    }

    /// Sends one job and waits for its answer, at most `limit`.
    fn run(&mut self, request: &str, limit: Duration) -> Result<Reply, Lost> {
        let sent = writeln!(self.stdin, "{request}").and_then(|()| self.stdin.flush());
        if sent.is_err() {
            return Err(Lost::Crashed);
        }
        match self.lines.recv_timeout(limit) {
            Ok(line) => serde_json::from_str(&line).map_err(|_| Lost::Crashed),
            Err(RecvTimeoutError::Timeout) => Err(Lost::TimedOut),
            Err(RecvTimeoutError::Disconnected) => Err(Lost::Crashed),
        }
    }

    /// Stops the process (only this one, which this run started) and reaps it.
    fn stop(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// Lets the reader end on its own (its stdin closes) and reaps it.
    fn finish(self) {
        let Worker {
            mut child, stdin, ..
        } = self;
        drop(stdin);
        let _ = child.wait();
    }
}

/// Idle readers, shared by the checking threads.
pub struct Pool {
    exe: PathBuf,
    reader_mb: u64,
    idle: Mutex<Vec<Worker>>,
}

impl Pool {
    pub fn new(exe: PathBuf, reader_mb: u64) -> Pool {
        Pool {
            exe,
            reader_mb,
            idle: Mutex::new(Vec::new()),
        }
    }

    /// Starts `n` readers in the background, so that the first files do not wait for
    /// them: a start costs a few milliseconds, which the listing of the inbox hides.
    pub fn prewarm(&'static self, n: usize) {
        for _ in 0..n {
            std::thread::spawn(move || {
                if let Ok(worker) = Worker::start(&self.exe, self.reader_mb)
                    && let Ok(mut idle) = self.idle.lock()
                {
                    idle.push(worker);
                }
            });
        }
    }

    /// Runs one job in a reader: its reply, or how it was lost. `Ok(None)` when no
    /// reader could be started at all (the caller reads in this process).
    pub fn run(&self, job: &Job, limit: Duration) -> Result<Option<Reply>, Lost> {
        let Ok(request) = serde_json::to_string(job) else {
            return Ok(None);
        };
        let idle = self.idle.lock().map(|mut v| v.pop()).unwrap_or(None);
        let mut worker = match idle {
            Some(w) => w,
            None => match Worker::start(&self.exe, self.reader_mb) {
                Ok(w) => w,
                Err(_) => return Ok(None),
            },
        };
        match worker.run(&request, limit) {
            Ok(reply) => {
                if reply.retire {
                    worker.stop();
                } else if let Ok(mut idle) = self.idle.lock() {
                    idle.push(worker);
                }
                Ok(Some(reply))
            }
            Err(lost) => {
                worker.stop();
                Err(lost)
            }
        }
    }
}

impl Pool {
    /// Ends every idle reader and waits for it, so that no reader outlives the run
    /// (and what they used is counted in the run's own resource usage).
    pub fn shutdown(&self) {
        let idle: Vec<Worker> = self
            .idle
            .lock()
            .map(|mut v| v.drain(..).collect())
            .unwrap_or_default();
        for worker in idle {
            worker.finish();
        }
    }
}

impl Drop for Pool {
    fn drop(&mut self) {
        if let Ok(mut idle) = self.idle.lock() {
            for worker in idle.drain(..) {
                worker.stop();
            }
        }
    }
}
