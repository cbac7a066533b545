//! Reply letters: one plain-text file per city, in polite plain language, listing what
//! the city must fix requirement by requirement, ready to paste into an e-mail.

use std::fmt::Write;
use std::path::{Path, PathBuf};

use super::by_file::{Item, items};
use super::{Report, Row, RowStatus, Status};
use crate::findings::{Finding, Lang, Msg, Severity};
use crate::inert;
use crate::output::{self, Failure, Roots, UniqueNames};

/// The `i`th (from 0) section number: 一, 二… in Chinese (the catalogue's `ordinals`),
/// 1, 2… where the language has none or the list ends.
fn ordinal(i: usize, lang: Lang) -> String {
    let ordinals = tr!(lang, "ordinals");
    ordinals
        .split_whitespace()
        .nth(i)
        .map_or_else(|| (i + 1).to_string(), str::to_owned)
}

/// A numbered section heading: "一、展板材料" / "1. Boards".
fn section(i: usize, title: &str, lang: Lang) -> String {
    let n = ordinal(i, lang);
    tr!(lang, "letter-section", n, title)
}

/// The letter's file name, safe on Windows, where staff open these files: the row's
/// label (a city's name, or a submission's) with what Windows refuses replaced and cut
/// to a bounded length, then the whole name made safe ([`output::safe_name`]).
fn file_name(label: &str, lang: Lang) -> String {
    let safe = output::safe_part(label);
    output::safe_name(&tr!(lang, "letter-file-name", safe))
}

/// The letter for one row of the batch matrix.
pub fn letter(report: &Report, row: &Row, lang: Lang) -> String {
    let mut out = String::new();
    let addressee = match &row.city {
        Some(city) => tr!(lang, "letter-center", city),
        None => inert::text(&row.label).into_owned(),
    };
    let _ = write!(out, "{}\n\n", tr!(lang, "letter-salutation", addressee));
    let greeting = tr!(lang, "letter-greeting");
    if !greeting.is_empty() {
        let _ = writeln!(out, "{greeting}");
    }
    let titles: Vec<(String, Option<chrono::NaiveDate>)> = report
        .requirements
        .iter()
        .map(|r| (r.title.get(lang).to_owned(), r.due))
        .collect();
    let as_of = report.as_of;

    if row.submissions.is_empty() {
        reminder(&mut out, report, &titles, lang);
        return sign(out, report, lang);
    }

    let names: Vec<String> = row
        .submissions
        .iter()
        .map(|&i| inert::text(&report.submissions[i].name).into_owned())
        .collect();
    let names = Msg::list(&names);
    // The sentence goes on into the verdict ("…进行了检查，发现以下问题…"): one paragraph.
    let received = if report.notice.is_empty() {
        let rules = &report.rules_name;
        tr!(lang, "letter-received", names, as_of, rules)
    } else {
        let notice = &report.notice;
        tr!(lang, "letter-received-notice", names, as_of, notice)
    };
    out.push_str(&received);

    let mut parts = requirements_part(report, row, &titles, lang);
    // What could not be opened at all comes first, in its own words.
    let mut unopened = String::new();
    for &i in &row.submissions {
        let sub = &report.submissions[i];
        if sub.latest && sub.unopened {
            for f in &sub.findings {
                let _ = writeln!(unopened, "{}", inert::msg(&f.message, lang));
            }
        }
    }
    // An unopened submission's findings were said above.
    let others: Vec<&Finding> = row
        .other_findings(report)
        .into_iter()
        .filter(|f| matches!(f.severity, Severity::Error | Severity::Warning))
        .filter(|_| unopened.is_empty())
        .collect();
    if others.iter().any(|f| f.severity == Severity::Error) {
        let other = tr!(lang, "letter-other-problems");
        let _ = writeln!(
            parts.problems,
            "{}",
            self::section(parts.sections, &other, lang)
        );
    }
    file_items(&mut parts, &others, lang);
    if !unopened.is_empty() {
        parts.problems = format!("{unopened}\n{}", parts.problems);
    }
    let passed = row.status(report) == RowStatus::Pass;
    conclusion(&mut out, passed, &parts, lang);
    sign(out, report, lang)
}

/// What a letter lists: the problems by requirement, what is not due yet, and the
/// warnings of files with no error.
#[derive(Default)]
struct Parts {
    problems: String,
    sections: usize,
    pending: String,
    reminders: Vec<String>,
}

/// The letter's verdict, then what to fix, what is not due yet, and what to check.
fn conclusion(out: &mut String, passed: bool, parts: &Parts, lang: Lang) {
    let Parts {
        problems,
        pending,
        reminders,
        ..
    } = parts;
    if passed && problems.is_empty() && pending.is_empty() {
        let _ = writeln!(out, "{}", tr!(lang, "letter-complete"));
    } else if !problems.is_empty() {
        let _ = writeln!(out, "{}\n", tr!(lang, "letter-problems"));
    } else if pending.is_empty() {
        // Nothing goes on from the opening sentence: it ends its line.
        out.push('\n');
    }
    out.push_str(problems);
    if !pending.is_empty() {
        if problems.is_empty() {
            let _ = writeln!(out, "{}\n", tr!(lang, "letter-only-pending"));
        } else {
            let _ = writeln!(out, "\n{}\n", tr!(lang, "letter-pending"));
        }
        out.push_str(pending);
    }
    if !reminders.is_empty() {
        let _ = writeln!(out, "\n{}", tr!(lang, "letter-reminders"));
        for (n, item) in reminders.iter().enumerate() {
            let n = n + 1;
            let _ = writeln!(out, "  {}", tr!(lang, "letter-item", n, message = item));
        }
    }
}

/// What the deciding submissions say, requirement by requirement: the problems of
/// those that fail, grouped by file and numbered once, the list of those not yet due,
/// and the warnings to check.
fn requirements_part(
    report: &Report,
    row: &Row,
    titles: &[(String, Option<chrono::NaiveDate>)],
    lang: Lang,
) -> Parts {
    let mut parts = Parts::default();
    let mut later = 0;
    for decided in row.decided(report) {
        let req = decided.requirement;
        let (title, due) = &titles[decided.index];
        let listed: Vec<&Finding> = req
            .findings
            .iter()
            .filter(|f| match decided.status {
                Status::Fail => matches!(f.severity, Severity::Error | Severity::Warning),
                _ => f.severity == Severity::Warning,
            })
            .collect();
        match decided.status {
            Status::Fail => {
                let mut heading = self::section(parts.sections, title, lang);
                if req.late {
                    heading.push_str(&tr!(lang, "letter-late"));
                }
                if row.mixed(report) {
                    let name = inert::text(&report.submissions[decided.submission].name);
                    heading.push_str(&tr!(lang, "letter-decided-by", name));
                }
                let _ = writeln!(parts.problems, "{heading}");
                parts.sections += 1;
            }
            Status::Pending => {
                let heading = self::section(later, title, lang);
                let line = match due {
                    Some(due) => tr!(lang, "letter-pending-item", heading, due),
                    None => tr!(lang, "reminder-item-undated", heading),
                };
                let _ = writeln!(parts.pending, "{line}");
                later += 1;
            }
            _ => {}
        }
        file_items(&mut parts, &listed, lang);
    }
    parts
}

/// Lists findings by file: each file with an error is one numbered problem item
/// (its warnings said with it); a file with warnings only goes to the reminders.
/// The same problem on three or more files of a folder is one item for all of them.
fn file_items(parts: &mut Parts, findings: &[&Finding], lang: Lang) {
    let mut n = 0;
    for item in &items(findings.iter().copied(), 3, lang) {
        let text = item_text(item, lang);
        if item.worst() == Severity::Error {
            n += 1;
            let line = tr!(lang, "letter-item", n, message = text);
            let _ = writeln!(parts.problems, "  {line}");
        } else {
            parts.reminders.push(text);
        }
    }
}

/// "“展板一/IMG_1.jpg”：这张照片只有…" — one problem on the file's line, several each
/// on a line of its own under it, warnings last ("另请核实：…"); the message alone
/// when it is about no file. Files sharing problems are named after their folder.
fn item_text(item: &Item, lang: Lang) -> String {
    let has_error = item.worst() == Severity::Error;
    let lines: Vec<String> = item
        .lines
        .iter()
        .map(|(f, text)| {
            let text = inert::text(text);
            if has_error && f.severity != Severity::Error {
                tr!(lang, "letter-also-check", text)
            } else {
                text.into_owned()
            }
        })
        .collect();
    let text = match lines.as_slice() {
        [one] => one.clone(),
        _ => lines.iter().map(|l| format!("\n     {l}")).collect(),
    };
    if !item.files.is_empty() {
        let files: Vec<_> = item.files.iter().map(|f| inert::text(f)).collect();
        let list = files.join(&tr!(lang, "sep-list"));
        let head = tr!(
            lang,
            "letter-files-listed",
            head = item.files_head(lang),
            list
        );
        tr!(lang, "letter-group", head, text)
    } else if item.path.is_empty() {
        text.trim_start().to_owned()
    } else {
        let path = inert::text(item.path);
        tr!(lang, "letter-file", path, text)
    }
}

/// The letter's body for a city that sent nothing: what to send, and what is late.
fn reminder(
    out: &mut String,
    report: &Report,
    titles: &[(String, Option<chrono::NaiveDate>)],
    lang: Lang,
) {
    let as_of = report.as_of;
    let overdue: Vec<usize> = (0..titles.len())
        .filter(|&i| titles[i].1.is_some_and(|due| as_of > due))
        .collect();
    let opening = if overdue.is_empty() {
        tr!(lang, "reminder-opening", as_of)
    } else {
        tr!(lang, "reminder-opening-late", as_of)
    };
    let _ = writeln!(out, "{opening}");
    for (i, (title, due)) in titles.iter().enumerate() {
        let heading = section(i, title, lang);
        let line = match due.map(super::Day) {
            Some(due) if overdue.contains(&i) => tr!(lang, "reminder-item-late", heading, due),
            Some(due) => tr!(lang, "reminder-item", heading, due),
            None => tr!(lang, "reminder-item-undated", heading),
        };
        let _ = writeln!(out, "  {line}");
    }
}

fn sign(mut out: String, report: &Report, lang: Lang) -> String {
    let contact = &report.contact;
    let closing = if contact.is_empty() {
        tr!(lang, "letter-closing")
    } else {
        tr!(lang, "letter-closing-contact", contact)
    };
    let _ = writeln!(out, "\n{closing}\n\n{}\n{}", report.organizer, report.as_of);
    out.replace('\n', "\r\n")
}

/// Writes one letter per row into `dir`, made when missing, unless `dir` is or lands
/// in one of `roots`' submissions. Each letter is written whatever became of the
/// others ([`output::write_atomic`]: a link found under its name is replaced, not
/// written through), under a name of its own even where two labels differ only in
/// case. Returns each letter's file, or why it (or the folder) was not written.
pub fn write_all(report: &Report, lang: Lang, dir: &Path, roots: &Roots) -> Vec<Written> {
    let ready = roots.folder(dir).and_then(|()| {
        std::fs::create_dir_all(dir).map_err(|e| Failure::folder_not_made(dir, e))?;
        // Once made, what was missing is a real folder: checked again as it now is.
        roots.folder(dir)
    });
    if let Err(failure) = ready {
        return vec![Err(failure)];
    }
    let mut names = UniqueNames::new(lang);
    report
        .rows
        .iter()
        .filter(|row| !row.submissions.is_empty() || report.batch)
        .map(|row| {
            let path = dir.join(names.claim(&file_name(&row.label, lang)));
            roots.file(&path)?;
            // A byte-order mark, so that older Windows Notepad does not read it as GBK.
            let text = format!("\u{FEFF}{}", letter(report, row, lang));
            output::write_atomic(&path, text.as_bytes())
                .map_err(|e| Failure::not_written(&path, e))?;
            Ok(path)
        })
        .collect()
}

/// A letter's file, or why it was not written.
pub type Written = Result<PathBuf, Failure>;
