//! The table report for people. One submission: a row per requirement, then every
//! finding with its file. A batch: a row per city and a column per requirement, the
//! totals, resends, and each failing city's findings.
//!
//! ASCII borders, because box-drawing characters are double-width in Chinese Windows
//! consoles and would break the alignment of Chinese columns.

use std::fmt::Write;

use comfy_table::{Cell, ColumnConstraint, ContentArrangement, Table, presets};

use super::by_file::{count_line, items};
use super::{Report, Row, RowStatus, Status, SubmissionReport};
use crate::findings::{Finding, Lang, Severity};
use crate::inert;

/// Width used when the output is not a terminal (a file, a pipe) and `COLUMNS` does
/// not say.
const DEFAULT_WIDTH: u16 = 110;

/// How the console shows things: with colour on a terminal that allows it.
#[derive(Clone, Copy)]
pub struct Style {
    pub colour: bool,
}

impl Style {
    /// Text in the colour of a severity (red errors, yellow warnings, blue pending).
    fn severity(self, severity: Severity, text: &str) -> String {
        let colour = match severity {
            Severity::Error => anstyle::AnsiColor::Red,
            Severity::Warning => anstyle::AnsiColor::Yellow,
            Severity::Pending => anstyle::AnsiColor::Blue,
            Severity::Info => return text.to_owned(),
        };
        self.paint(colour, text)
    }

    fn paint(self, colour: anstyle::AnsiColor, text: &str) -> String {
        if !self.colour {
            return text.to_owned();
        }
        let style = anstyle::Style::new().fg_color(Some(colour.into())).bold();
        format!("{style}{text}{style:#}")
    }

    fn paint_status(self, status: Status, text: &str) -> String {
        let colour = match status {
            Status::Pass => anstyle::AnsiColor::Green,
            Status::Fail | Status::Unopened => anstyle::AnsiColor::Red,
            Status::Warn => anstyle::AnsiColor::Yellow,
            Status::Pending => anstyle::AnsiColor::Blue,
        };
        self.paint(colour, text)
    }

    /// A table cell for a status, coloured.
    fn status_cell(self, status: Status, text: String) -> Cell {
        let cell = Cell::new(text);
        if !self.colour {
            return cell;
        }
        let colour = match status {
            Status::Pass => comfy_table::Color::Green,
            Status::Fail | Status::Unopened => comfy_table::Color::Red,
            Status::Warn => comfy_table::Color::Yellow,
            Status::Pending => comfy_table::Color::Blue,
        };
        cell.fg(colour)
    }
}

fn new_table(header: Vec<String>, style: Style) -> Table {
    let mut table = Table::new();
    table
        .load_style(presets::ASCII_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(header);
    if style.colour {
        table.enforce_styling();
    } else {
        table.force_no_tty();
    }
    if table.width().is_none() || !style.colour {
        let columns = std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok());
        let width = columns.or(table.width()).unwrap_or(DEFAULT_WIDTH);
        table.set_width(width);
    }
    table
}

/// Columns whose words must not break ("不通过" is never "不通/过").
fn keep_whole(table: &mut Table, columns: impl IntoIterator<Item = usize>) {
    for c in columns {
        if let Some(column) = table.column_mut(c) {
            column.set_constraint(ColumnConstraint::ContentWidth);
        }
    }
}

/// The plain table, for files and pipes.
pub fn render(report: &Report, lang: Lang) -> String {
    render_styled(report, lang, Style { colour: false })
}

pub fn render_styled(report: &Report, lang: Lang, style: Style) -> String {
    let mut out = String::new();
    let (rules, as_of) = (&report.rules_name, &report.as_of);
    let _ = writeln!(out, "{}\n", tr!(lang, "table-rules-as-of", rules, as_of));
    if report.batch {
        render_batch(&mut out, report, &report.rows, lang, style);
    } else {
        for (i, sub) in report.submissions.iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            render_submission(&mut out, sub, lang, style);
        }
        links(&mut out, report, lang, style);
    }
    out
}

/// The 超大附件 links, city by city, each with its address below it; expired in red.
fn links(out: &mut String, report: &Report, lang: Lang, style: Style) {
    if report.links.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n{}", tr!(lang, "links-heading"));
    for link in &report.links {
        let line = match link.expired {
            true => style.severity(Severity::Error, &link.line(lang)),
            false => link.line(lang),
        };
        let _ = writeln!(out, "  {line}\n    {}", inert::text(&link.url));
    }
}

fn render_submission(out: &mut String, sub: &SubmissionReport, lang: Lang, style: Style) {
    let header = [
        tr!(lang, "column-requirement"),
        tr!(lang, "column-due"),
        tr!(lang, "column-status"),
        tr!(lang, "column-summary"),
    ];
    let status = sub.status();
    let _ = writeln!(
        out,
        "{}  [{}]  {}",
        inert::text(&sub.name),
        style.paint_status(status, &status.label(lang)),
        inert::path(&sub.path)
    );
    let mut table = new_table(header.iter().map(|h| h.to_string()).collect(), style);
    for r in &sub.requirements {
        let due = r.due.map(|d| d.to_string()).unwrap_or_else(|| "-".into());
        table.add_row([
            Cell::new(inert::msg(&r.title, lang)),
            Cell::new(due),
            style.status_cell(r.status, r.status.label(lang)),
            Cell::new(inert::msg(&r.summary, lang)),
        ]);
    }
    keep_whole(&mut table, [1, 2]);
    let _ = writeln!(out, "{table}");
    let sections: Vec<(&str, Vec<&Finding>)> = sub
        .requirements
        .iter()
        .map(|r| (r.title.get(lang), r.findings.iter().collect()))
        .chain([("", sub.findings.iter().collect())])
        .collect();
    write_findings(out, &sections, lang, style);
}

/// The findings requirement by requirement, each file once with its problems under
/// it (errors first), then the count.
fn write_findings(out: &mut String, sections: &[(&str, Vec<&Finding>)], lang: Lang, style: Style) {
    let all: Vec<&Finding> = sections
        .iter()
        .flat_map(|(_, f)| f.iter().copied())
        .collect();
    if all.is_empty() {
        return;
    }
    let _ = writeln!(out, "{}", tr!(lang, "table-findings"));
    for (title, findings) in sections.iter().filter(|(_, f)| !f.is_empty()) {
        let other = tr!(lang, "table-other-findings");
        let _ = writeln!(
            out,
            "{}",
            if title.is_empty() {
                other.as_str().into()
            } else {
                inert::text(title)
            }
        );
        for item in items(findings.iter().copied(), 3, lang) {
            let place = if !item.files.is_empty() {
                let files: Vec<_> = item.files.iter().map(|f| inert::text(f)).collect();
                let list = files.join(&tr!(lang, "sep-list"));
                let head = item.files_head(lang);
                tr!(lang, "letter-group", head, text = list)
            } else if item.path.is_empty() {
                tr!(lang, "html-whole-submission")
            } else {
                inert::text(item.path).into_owned()
            };
            let _ = writeln!(out, "  {place}");
            for (f, text) in &item.lines {
                let text = inert::text(text);
                let label = format!("[{}] {}", f.severity.label(lang), f.code.label(lang));
                let label = style.severity(f.severity, &label);
                let code = f.code;
                let _ = writeln!(out, "    {}", tr!(lang, "table-finding", label, text, code));
            }
        }
    }
    let _ = writeln!(
        out,
        "{}",
        style.paint(anstyle::AnsiColor::White, &count_line(&all, lang))
    );
}

fn render_batch(out: &mut String, report: &Report, rows: &[Row], lang: Lang, style: Style) {
    matrix(out, report, rows, lang, style);
    totals(out, report, rows, lang);
    links(out, report, lang, style);
    how_matched(out, report, lang);
    failing_details(out, report, rows, lang, style);
}

/// The city matrix, its legend and the columns' full names.
fn matrix(out: &mut String, report: &Report, rows: &[Row], lang: Lang, style: Style) {
    // Short column headers keep the matrix within a 100-column console; the legend
    // below names each column in full.
    let titles: Vec<String> = report
        .requirements
        .iter()
        .map(|r| r.short.get(lang).to_owned())
        .collect();
    let mut header = vec![tr!(lang, "column-submitter")];
    header.extend(titles.iter().cloned());
    header.push(tr!(lang, "column-result"));
    let mut table = new_table(header, style);
    // Wide enough for "葫芦岛市（2 份）" on one line.
    if let Some(column) = table.column_mut(0) {
        column.set_constraint(comfy_table::ColumnConstraint::LowerBoundary(
            comfy_table::Width::Fixed(16),
        ));
    }
    for row in rows {
        let mut label = inert::text(&row.label).into_owned();
        if row.city.is_none() {
            label.push_str(" *");
        } else if row.submissions.len() > 1 {
            let n = row.submissions.len();
            label.push_str(&tr!(lang, "matrix-times-sent", n));
        }
        // A city that sent nothing says so once, in its result: six "未提交" cells
        // would not fit an 80-column console.
        let mut cells = vec![Cell::new(label)];
        cells.extend(row.cells.iter().enumerate().map(|(r, c)| match c {
            Some((s, _)) => {
                let late = if row.late(report, r) { "!" } else { "" };
                style.status_cell(*s, format!("{}{late}", s.mark()))
            }
            None => Cell::new("-"),
        }));
        let result = match row.status(report) {
            RowStatus::Pass => Status::Pass,
            RowStatus::Fail => Status::Fail,
            RowStatus::Missing => Status::Pending,
        };
        cells.push(style.status_cell(result, row.status_label(report, lang)));
        table.add_row(cells);
    }
    keep_whole(&mut table, 1..titles.len() + 2);
    let _ = writeln!(out, "{table}");
    let legend: Vec<String> = Status::LEGEND
        .iter()
        .map(|s| format!("{} {}", s.mark(), s.label(lang)))
        .collect();
    let mut legend = legend.join("  ");
    let any_late = (rows.iter()).any(|row| (0..row.cells.len()).any(|r| row.late(report, r)));
    if any_late {
        legend = format!("{legend}  {}", tr!(lang, "late-mark"));
    }
    let _ = writeln!(out, "{legend}");
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
            let (name, why) = (inert::text(&s.name), inert::msg(why, lang));
            Some(format!("  {name} → {why}"))
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

    if !report.not_submissions.is_empty() {
        let _ = writeln!(out, "\n{}", tr!(lang, "not-submissions-heading"));
        for n in &report.not_submissions {
            let (name, reason) = (inert::text(&n.name), inert::msg(&n.reason, lang));
            let _ = writeln!(
                out,
                "  {}",
                tr!(lang, "letter-group", head = name, text = reason)
            );
        }
    }

    if !report.repeated_saves.is_empty() {
        let list: Vec<String> = report
            .repeated_saves
            .iter()
            .map(|(copy, kept)| {
                let (copy, kept) = (inert::text(copy), inert::text(kept));
                format!("  {}", tr!(lang, "saved-twice", copy, kept))
            })
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
                    // A mail is known by its subject; its file or UID says nothing.
                    let path = match &s.mail {
                        Some(_) => inert::text(&s.name).into_owned(),
                        None => inert::path(&s.path),
                    };
                    let modified = s.modified_text();
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

/// Each failing city's findings, from the submissions that decide each requirement
/// (named when the city sent more than once), and what belongs to no requirement in
/// its newest submission.
fn failing_details(out: &mut String, report: &Report, rows: &[Row], lang: Lang, style: Style) {
    for row in rows.iter().filter(|r| r.status(report) == RowStatus::Fail) {
        let _ = writeln!(out, "\n== {} ==", inert::text(&row.label));
        let mut sections: Vec<(String, Vec<&Finding>)> = row
            .decided(report)
            .iter()
            .map(|d| {
                let title = d.requirement.title.get(lang);
                let title = if row.submissions.len() > 1 {
                    let name = inert::text(&report.submissions[d.submission].name);
                    format!("{title}{}", tr!(lang, "letter-decided-by", name))
                } else {
                    title.to_owned()
                };
                (title, d.requirement.findings.iter().collect())
            })
            .collect();
        sections.push((String::new(), row.other_findings(report)));
        let sections: Vec<(&str, Vec<&Finding>)> = sections
            .iter()
            .map(|(t, f)| (t.as_str(), f.clone()))
            .collect();
        write_findings(out, &sections, lang, style);
    }
}
