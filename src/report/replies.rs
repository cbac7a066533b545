//! Reply letters: one plain-text file per city, in polite plain language, listing what
//! the city must fix requirement by requirement, ready to paste into an e-mail.

use std::fmt::Write;
use std::path::Path;

use anyhow::{Context, Result};

use super::{Report, Row, RowStatus, Status};
use crate::findings::{Finding, Lang, Msg, Refusal, Severity};

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

/// A file name safe on Windows, where staff open these files.
fn file_name(label: &str, lang: Lang) -> String {
    let safe: String = label
        .chars()
        .map(|c| {
            if r#"\/:*?"<>|"#.contains(c) || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect();
    tr!(lang, "letter-file-name", safe)
}

/// The letter for one row of the batch matrix.
pub fn letter(report: &Report, row: &Row, lang: Lang) -> String {
    let mut out = String::new();
    let addressee = match &row.city {
        Some(city) => tr!(lang, "letter-center", city),
        None => row.label.clone(),
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
        .map(|&i| report.submissions[i].name.clone())
        .collect();
    let names = Msg::list(&names);
    let rules = &report.rules_name;
    // The sentence goes on into the verdict ("…进行了检查，发现以下问题…"): one paragraph.
    let _ = write!(out, "{}", tr!(lang, "letter-received", names, as_of, rules));

    let (mut problems, section, pending, reminders) = requirements_part(report, row, &titles, lang);
    // What could not be opened at all comes first, in its own words.
    for &i in row
        .submissions
        .iter()
        .filter(|&&i| report.submissions[i].latest)
    {
        let sub = &report.submissions[i];
        if sub.unopened {
            for f in &sub.findings {
                let _ = writeln!(out, "{}", f.message.get(lang));
            }
            out.push('\n');
        }
    }
    let submission_errors: Vec<&Finding> = row
        .submissions
        .iter()
        .filter(|&&i| report.submissions[i].latest && !report.submissions[i].unopened)
        .flat_map(|&i| report.submissions[i].findings.iter())
        .filter(|f| f.severity == Severity::Error)
        .collect();
    if !submission_errors.is_empty() {
        let other = tr!(lang, "letter-other-problems");
        let _ = writeln!(problems, "{}", self::section(section, &other, lang));
        for (n, f) in submission_errors.iter().enumerate() {
            write_item(&mut problems, n, f, lang);
        }
    }

    let passed = row.status(report) == RowStatus::Pass;
    conclusion(&mut out, passed, &problems, &pending, &reminders, lang);
    sign(out, report, lang)
}

/// The letter's verdict, then what to fix, what is not due yet, and what to check.
fn conclusion(
    out: &mut String,
    passed: bool,
    problems: &str,
    pending: &str,
    reminders: &[&Finding],
    lang: Lang,
) {
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
        for (n, f) in reminders.iter().enumerate() {
            write_item(out, n, f, lang);
        }
    }
}

/// What the deciding submissions say, requirement by requirement: the problems of
/// those that fail (and how many sections they take), the list of those not yet due,
/// and the warnings to check.
fn requirements_part<'a>(
    report: &'a Report,
    row: &Row,
    titles: &[(String, Option<chrono::NaiveDate>)],
    lang: Lang,
) -> (String, usize, String, Vec<&'a Finding>) {
    let mut problems = String::new();
    let mut pending = String::new();
    let mut reminders: Vec<&Finding> = Vec::new();
    let (mut section, mut later) = (0, 0);
    for (r, cell) in row.cells.iter().enumerate() {
        let Some((status, i)) = cell else { continue };
        let req = &report.submissions[*i].requirements[r];
        reminders.extend(
            req.findings
                .iter()
                .filter(|f| f.severity == Severity::Warning),
        );
        let (title, due) = &titles[r];
        match status {
            Status::Fail => {
                let errors: Vec<&Finding> = req
                    .findings
                    .iter()
                    .filter(|f| f.severity == Severity::Error)
                    .collect();
                let _ = writeln!(problems, "{}", self::section(section, title, lang));
                section += 1;
                for (n, f) in errors.iter().enumerate() {
                    write_item(&mut problems, n, f, lang);
                }
            }
            Status::Pending => {
                let heading = self::section(later, title, lang);
                let line = match due {
                    Some(due) => tr!(lang, "letter-pending-item", heading, due),
                    None => tr!(lang, "reminder-item-undated", heading),
                };
                let _ = writeln!(pending, "{line}");
                later += 1;
            }
            _ => {}
        }
    }
    (problems, section, pending, reminders)
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

fn write_item(out: &mut String, n: usize, f: &Finding, lang: Lang) {
    let (message, path, n) = (f.message.get(lang), &f.path, n + 1);
    let line = if path.is_empty() {
        tr!(lang, "letter-item", n, message)
    } else {
        tr!(lang, "letter-item-in-file", n, path, message)
    };
    let _ = writeln!(out, "  {line}");
}

fn sign(mut out: String, report: &Report, lang: Lang) -> String {
    let closing = tr!(lang, "letter-closing");
    let _ = writeln!(out, "\n{closing}\n\n{}\n{}", report.organizer, report.as_of);
    out.replace('\n', "\r\n")
}

/// Writes one letter per row into `dir` (created when missing); returns the files.
pub fn write_all(report: &Report, lang: Lang, dir: &Path) -> Result<Vec<std::path::PathBuf>> {
    std::fs::create_dir_all(dir).with_context(|| {
        let path = dir.display();
        Refusal(msg!("refusal-cannot-create", path))
    })?;
    let mut written = Vec::new();
    for row in &report.rows {
        if row.submissions.is_empty() && !report.batch {
            continue;
        }
        let path = dir.join(file_name(&row.label, lang));
        // A byte-order mark, so that older Windows Notepad does not read it as GBK.
        let text = format!("\u{FEFF}{}", letter(report, row, lang));
        std::fs::write(&path, text).with_context(|| {
            let path = path.display();
            Refusal(msg!("refusal-cannot-write", path))
        })?;
        written.push(path);
    }
    Ok(written)
}
