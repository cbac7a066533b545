//! What `check` reads: each path (a submission, an inbox, a mail, or the mailbox
//! itself) opened into submissions, each checked over the worker threads, and the
//! batch report made of them.

use std::fmt::Write;
use std::path::PathBuf;

use anyhow::{Context, Result};

use baosong::batch::{self, Mode};
use baosong::check::{self, RunOptions};
use baosong::findings::Lang;
use baosong::report::{self, Report, SubmissionReport};
use baosong::rules::Rules;

use super::mailbox;

/// What `check` was asked to read: paths (or mailbox URLs), and how.
pub struct Inputs<'a> {
    pub paths: &'a [PathBuf],
    pub mode: Mode,
    pub mailbox: mailbox::Options<'a>,
}

/// Opens and checks every submission under `paths`. Returns the report and the notes
/// for stderr (how each path was taken).
pub fn check_paths(
    rules: &Rules,
    inputs: &Inputs,
    run: &RunOptions,
    jobs: Option<u16>,
    lang: Lang,
) -> Result<(Report, String)> {
    let (paths, mode) = (inputs.paths, inputs.mode);
    let workers = jobs.map_or_else(rayon::current_num_threads, usize::from);
    baosong::isolate::prewarm(workers);
    let mut notes = String::new();
    let mut submissions = Vec::new();
    let mut inbox = false;
    for path in paths {
        let expansion = match mailbox::read(path, &inputs.mailbox, rules, lang)? {
            Some(mails) => mails,
            None => batch::expand(path, rules, mode)?,
        };
        // The decision matters only when baosong had to guess.
        if mode == Mode::Auto && path.is_dir() {
            let _ = writeln!(notes, "{}", expansion.decision.get(lang));
        }
        inbox |= expansion.inbox;
        submissions.extend(expansion.submissions);
    }
    let mailbox = |p: &PathBuf| baosong::intake::imap::is_mailbox_url(&p.to_string_lossy());
    if inputs.mailbox.since.is_some() && !paths.iter().any(mailbox) {
        let _ = writeln!(notes, "{}", baosong::tr!(lang, "since-mailbox-only"));
    }
    // A mail sent after the day checked had not arrived on that day.
    let before = submissions.len();
    submissions.retain(|s| !s.mail.as_ref().is_some_and(|m| m.sent_after_day(run.as_of)));
    if submissions.len() < before {
        let (n, day) = (before - submissions.len(), run.as_of.to_string());
        let _ = writeln!(notes, "{}", baosong::tr!(lang, "mails-after-as-of", n, day));
    }
    let repeated = batch::drop_repeated_saves(&mut submissions);
    // In an inbox, a mail that is no submission is listed apart, not as a city's row.
    let batch = inbox || paths.len() > 1;
    let not_submissions: Vec<report::NotSubmission> = match batch {
        true => submissions
            .iter()
            .filter_map(report::NotSubmission::of)
            .collect(),
        false => Vec::new(),
    };
    submissions.retain(|s| !batch || report::NotSubmission::of(s).is_none());
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs.map_or(0, usize::from))
        .build()
        .context("cannot start worker threads")?;
    let total: usize = submissions.iter().map(|s| s.entries.len()).sum();
    let progress = progress_bar(total as u64);
    let tick = || progress.inc(1);
    let outcomes: Vec<_> = pool.install(|| {
        use rayon::prelude::*;
        submissions
            .par_iter()
            .map(|sub| check::check_guarded(rules, sub, run, &tick))
            .collect()
    });
    progress.finish_and_clear();
    let reports = submissions
        .iter()
        .zip(outcomes)
        .map(|(sub, outcome)| SubmissionReport::new(rules, sub, outcome, run.as_of))
        .collect();
    let mut report = Report::new(rules, run.as_of, reports, batch);
    report.repeated_saves = repeated;
    report.not_submissions = not_submissions;
    Ok((report, notes))
}

/// A progress bar on stderr, drawn only when stderr is a terminal.
pub(super) fn progress_bar(total: u64) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(total);
    if let Ok(style) = indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {wide_msg}") {
        bar.set_style(style);
    }
    bar
}
