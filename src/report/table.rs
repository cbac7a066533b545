//! The table report for people. One submission: a row per requirement, then every
//! finding with its file. A batch: a row per city and a column per requirement, the
//! totals, resends, and each failing city's findings.
//!
//! ASCII borders, because box-drawing characters are double-width in Chinese Windows
//! consoles and would break the alignment of Chinese columns.

use std::fmt::Write;

use comfy_table::{ContentArrangement, Table, presets};

use super::{Report, Row, RowStatus, Status, SubmissionReport};
use crate::findings::{Finding, Lang};

/// Width used when the output is not a terminal (a file, a pipe).
const DEFAULT_WIDTH: u16 = 110;

fn new_table(header: Vec<String>) -> Table {
    let mut table = Table::new();
    table
        .load_style(presets::ASCII_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(header);
    if table.width().is_none() {
        table.set_width(DEFAULT_WIDTH);
    }
    table
}

pub fn render(report: &Report, lang: Lang) -> String {
    let mut out = String::new();
    let (rules, as_of) = (&report.rules_name, &report.as_of);
    let _ = writeln!(out, "{}\n", tr!(lang, "table-rules-as-of", rules, as_of));
    if report.batch {
        render_batch(&mut out, report, &report.rows, lang);
    } else {
        for (i, sub) in report.submissions.iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            render_submission(&mut out, sub, lang);
        }
    }
    out
}

fn render_submission(out: &mut String, sub: &SubmissionReport, lang: Lang) {
    let header = [
        tr!(lang, "column-requirement"),
        tr!(lang, "column-due"),
        tr!(lang, "column-status"),
        tr!(lang, "column-summary"),
    ];
    let _ = writeln!(
        out,
        "{}  [{}]  {}",
        sub.name,
        sub.status().label(lang),
        sub.path.display()
    );
    let mut table = new_table(header.iter().map(|h| h.to_string()).collect());
    for r in &sub.requirements {
        let due = r.due.map(|d| d.to_string()).unwrap_or_else(|| "-".into());
        table.add_row([
            r.title.get(lang).to_owned(),
            due,
            r.status.label(lang).to_owned(),
            r.summary.get(lang).to_owned(),
        ]);
    }
    let _ = writeln!(out, "{table}");
    let findings: Vec<(&str, &Finding)> = sub
        .requirements
        .iter()
        .flat_map(|r| r.findings.iter().map(move |f| (r.title.get(lang), f)))
        .chain(sub.findings.iter().map(|f| ("", f)))
        .collect();
    if !findings.is_empty() {
        let _ = writeln!(out, "{}", tr!(lang, "table-findings"));
        write_findings(out, findings, lang);
    }
}

fn write_findings<'a>(
    out: &mut String,
    findings: impl IntoIterator<Item = (&'a str, &'a Finding)>,
    lang: Lang,
) {
    for (title, f) in findings {
        let place = match (title.is_empty(), f.path.is_empty()) {
            (true, true) => String::new(),
            (true, false) => f.path.clone(),
            (false, true) => title.to_owned(),
            (false, false) => format!("{title} > {}", f.path),
        };
        let _ = writeln!(
            out,
            "  [{}] {place}\n      {} ({})",
            f.severity.label(lang),
            f.message.get(lang),
            f.code
        );
    }
}

fn render_batch(out: &mut String, report: &Report, rows: &[Row], lang: Lang) {
    matrix(out, report, rows, lang);
    totals(out, report, rows, lang);
    how_matched(out, report, lang);
    failing_details(out, report, rows, lang);
}

/// The city matrix, its legend and the columns' full names.
fn matrix(out: &mut String, report: &Report, rows: &[Row], lang: Lang) {
    // Short column headers keep the matrix within a 100-column console; the legend
    // below names each column in full.
    let titles: Vec<String> = report
        .requirements
        .iter()
        .map(|r| r.short.get(lang).to_owned())
        .collect();
    let not_submitted = tr!(lang, "matrix-missing");
    let mut header = vec![tr!(lang, "column-submitter")];
    header.extend(titles.iter().cloned());
    header.push(tr!(lang, "column-result"));
    let mut table = new_table(header);
    // Wide enough for "葫芦岛市（2 份）" on one line.
    if let Some(column) = table.column_mut(0) {
        column.set_constraint(comfy_table::ColumnConstraint::LowerBoundary(
            comfy_table::Width::Fixed(16),
        ));
    }
    for row in rows {
        let mut label = row.label.clone();
        if row.city.is_none() {
            label.push_str(" *");
        } else if row.submissions.len() > 1 {
            let n = row.submissions.len();
            label.push_str(&tr!(lang, "matrix-times-sent", n));
        }
        let mut cells = vec![label];
        if row.submissions.is_empty() {
            cells.extend(titles.iter().map(|_| not_submitted.clone()));
        } else {
            cells.extend(
                row.cells
                    .iter()
                    .map(|c| c.map_or("-", |(s, _)| s.mark()).to_owned()),
            );
        }
        cells.push(row.status_label(report, lang).to_owned());
        table.add_row(cells);
    }
    let _ = writeln!(out, "{table}");
    let legend: Vec<String> = Status::LEGEND
        .iter()
        .map(|s| format!("{} {}", s.mark(), s.label(lang)))
        .collect();
    let _ = writeln!(out, "{}", legend.join("  "));
    let columns: Vec<String> = report
        .requirements
        .iter()
        .map(|r| format!("{}={}", r.short.get(lang), r.title.get(lang)))
        .collect();
    let columns = columns.join(&tr!(lang, "sep-columns"));
    let _ = writeln!(out, "{}", tr!(lang, "matrix-columns", columns));
}

/// "14 个市：9 通过，3 不通过，2 未提交", and the submissions matching no city.
fn totals(out: &mut String, report: &Report, rows: &[Row], lang: Lang) {
    out.push_str(&totals_line(report, rows, lang));
    out.push('\n');
}

/// "14 个市：9 通过，3 不通过，2 未提交", and the submissions matching no city.
pub fn totals_line(report: &Report, rows: &[Row], lang: Lang) -> String {
    let expected: Vec<&Row> = rows.iter().filter(|r| r.city.is_some()).collect();
    let count = |s: RowStatus| expected.iter().filter(|r| r.status(report) == s).count();
    let (total, pass, fail, missing) = (
        expected.len(),
        count(RowStatus::Pass),
        count(RowStatus::Fail),
        count(RowStatus::Missing),
    );
    let unknown = rows.len() - total;
    let mut line = tr!(lang, "totals", total, pass, fail, missing);
    if unknown > 0 {
        line.push_str(&tr!(lang, "totals-unmatched", unknown));
    }
    line
}

/// Submissions matched by a place or by their contents, archives saved twice, and the
/// cities that sent more than once.
fn how_matched(out: &mut String, report: &Report, lang: Lang) {
    let by_reason: Vec<String> = report
        .submissions
        .iter()
        .filter_map(|s| {
            let why = s.matched_by.as_ref()?;
            Some(format!("  {} → {}", s.name, why.get(lang)))
        })
        .collect();
    if !by_reason.is_empty() {
        let _ = writeln!(
            out,
            "\n{}\n{}",
            tr!(lang, "matched-heading"),
            by_reason.join("\n")
        );
    }

    if !report.repeated_saves.is_empty() {
        let list: Vec<String> = report
            .repeated_saves
            .iter()
            .map(|(copy, kept)| format!("  {}", tr!(lang, "saved-twice", copy, kept)))
            .collect();
        let _ = writeln!(
            out,
            "\n{}\n{}",
            tr!(lang, "saved-twice-heading"),
            list.join("\n")
        );
    }

    let duplicates = report.duplicates();
    if !duplicates.is_empty() {
        let _ = writeln!(out, "\n{}", tr!(lang, "sent-twice-heading"));
        for (city, subs) in duplicates {
            let list: Vec<String> = subs
                .iter()
                .map(|&i| {
                    let s = &report.submissions[i];
                    let (path, modified) = (s.path.display(), s.modified_text());
                    if s.latest {
                        tr!(lang, "sent-latest", path, modified)
                    } else {
                        tr!(lang, "sent-older", path, modified)
                    }
                })
                .collect();
            let _ = writeln!(out, "  {city}: {}", list.join("  "));
        }
    }
}

/// Each failing city's findings, from the submission that decides each requirement.
fn failing_details(out: &mut String, report: &Report, rows: &[Row], lang: Lang) {
    for row in rows.iter().filter(|r| r.status(report) == RowStatus::Fail) {
        let _ = writeln!(out, "\n== {} ==", row.label);
        // Each requirement's findings from the submission its cell was taken from,
        // then what belongs to no requirement in any of the city's submissions.
        let mut findings: Vec<(String, &Finding)> = Vec::new();
        for (r, cell) in row.cells.iter().enumerate() {
            if let Some((_, i)) = cell {
                let req = &report.submissions[*i].requirements[r];
                let title = req.title.get(lang);
                let source = if row.submissions.len() > 1 {
                    format!("{} > {title}", report.submissions[*i].name)
                } else {
                    title.to_owned()
                };
                findings.extend(req.findings.iter().map(|f| (source.clone(), f)));
            }
        }
        // What belongs to no requirement: the latest submission's only; an older one
        // has been superseded.
        for &i in row
            .submissions
            .iter()
            .filter(|&&i| report.submissions[i].latest)
        {
            let sub = &report.submissions[i];
            findings.extend(sub.findings.iter().map(|f| (sub.name.clone(), f)));
        }
        write_findings(out, findings.iter().map(|(t, f)| (t.as_str(), *f)), lang);
    }
}
