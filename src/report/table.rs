//! The table report for people: one row per requirement, then every finding with its
//! file. ASCII borders, because box-drawing characters are double-width in Chinese
//! Windows consoles and would break the alignment of Chinese columns.

use std::fmt::Write;

use comfy_table::{ContentArrangement, Table, presets};

use super::{Report, Status, SubmissionReport};
use crate::findings::{Finding, Lang};

/// Width used when the output is not a terminal (a file, a pipe).
const DEFAULT_WIDTH: u16 = 110;

pub fn render(report: &Report, lang: Lang) -> String {
    let mut out = String::new();
    for (i, sub) in report.submissions.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        render_submission(&mut out, report, sub, lang);
    }
    out
}

fn render_submission(out: &mut String, report: &Report, sub: &SubmissionReport, lang: Lang) {
    let (rules_label, as_of_label, header) = match lang {
        Lang::Zh => ("规则", "检查日期", ["要求", "截止日期", "状态", "说明"]),
        Lang::En => (
            "Rules",
            "As of",
            ["Requirement", "Due", "Status", "Summary"],
        ),
    };
    let _ = writeln!(
        out,
        "{}  [{}]  {}",
        sub.name,
        sub.status().label(lang),
        sub.path.display()
    );
    let _ = writeln!(
        out,
        "{rules_label}: {}  {as_of_label}: {}",
        report.rules_name, report.as_of
    );
    let mut table = Table::new();
    table
        .load_style(presets::ASCII_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(header);
    if table.width().is_none() {
        table.set_width(DEFAULT_WIDTH);
    }
    for r in &sub.requirements {
        let due = r.due.map(|d| d.to_string()).unwrap_or_else(|| "-".into());
        table.add_row([
            r.title.get(lang).to_owned(),
            due,
            status_cell(r.status, lang),
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
    if findings.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "{}",
        match lang {
            Lang::Zh => "发现的问题：",
            Lang::En => "Findings:",
        }
    );
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

fn status_cell(status: Status, lang: Lang) -> String {
    status.label(lang).to_owned()
}
