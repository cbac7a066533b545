//! The HTML report: one self-contained page (inline CSS, thumbnails as `data:` URIs,
//! no script, no request to any server) that opens from an e-mail attachment, reads on
//! a phone without hovering, and prints on A4. Built with maud, which escapes every
//! value it inserts.
//!
//! It speaks to people: every problem is a short label in the user's language with
//! its message beside it, grouped by file; codes are small secondary links. A batch is
//! the city matrix, then one section per city in the rules' order, each saying what the
//! matrix says (see [`super::city`]).

mod cards;
mod icons;
mod problems;
mod section;

use maud::{DOCTYPE, Markup, PreEscaped, html};

use super::by_file::count_line as count;
use super::{Report, RowStatus, Status};
use crate::findings::{Finding, Lang};
use icons::icon;

const CSS: &str = include_str!("page.css");

pub fn render(report: &Report, lang: Lang) -> String {
    let title = tr!(lang, "html-title", rules = report.rules_name);
    let page = html! {
        (DOCTYPE)
        html lang=(if lang == Lang::Zh { "zh-CN" } else { "en" }) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) }
                style { (PreEscaped(CSS)) }
            }
            body {
                (verdict(report, lang))
                @if report.batch {
                    (matrix(report, lang))
                    @for (r, row) in report.rows.iter().enumerate() {
                        @if !row.submissions.is_empty() { (section::city(report, r, row, lang)) }
                    }
                } @else {
                    @for (i, sub) in report.submissions.iter().enumerate() {
                        (section::submission(i, sub, report, lang))
                    }
                }
                (problems::explanations(report, lang))
            }
        }
    };
    page.into_string()
}

/// The findings every count and list of a report is about: for a batch, what decides
/// each city; for a single check, every submission's.
fn judged(report: &Report) -> Vec<&Finding> {
    if report.batch {
        report
            .rows
            .iter()
            .flat_map(|r| r.findings(report))
            .collect()
    } else {
        report
            .submissions
            .iter()
            .flat_map(|s| s.all_findings())
            .collect()
    }
}

/// The verdict in one line (for a batch, the cities counted), how much there is to
/// fix, the rules and the date.
fn verdict(report: &Report, lang: Lang) -> Markup {
    let failing = report
        .submissions
        .iter()
        .filter(|s| s.latest)
        .flat_map(|s| &s.requirements)
        .filter(|r| matches!(r.status, Status::Fail | Status::Unopened))
        .count();
    let passed = report.passed();
    let text = if report.batch {
        super::table::totals_line(report, &report.rows, lang)
    } else if passed {
        tr!(lang, "html-verdict-pass")
    } else if failing > 0 {
        let n = failing;
        tr!(lang, "html-verdict-fail", n)
    } else {
        tr!(lang, "status-fail")
    };
    let status = if passed { Status::Pass } else { Status::Fail };
    let (rules, as_of) = (&report.rules_name, &report.as_of);
    html! {
        header {
            h1 id="verdict" class=(format!("verdict {}", status_class(status))) { (icon(status)) " " (text) }
            p class="count" { (count(&judged(report), lang)) }
            p class="meta" { (tr!(lang, "table-rules-as-of", rules, as_of)) }
        }
    }
}

fn status_class(status: Status) -> &'static str {
    match status {
        Status::Pass => "pass",
        Status::Fail => "fail",
        Status::Warn => "warn",
        Status::Pending => "pending",
        Status::Unopened => "unopened",
    }
}

/// A status as a coloured mark and its word ("✓ 通过"), the same in every cell.
fn status_cell(status: Status, lang: Lang) -> Markup {
    html! { span class=(format!("state {}", status_class(status))) { (icon(status)) " " (status.label(lang)) } }
}

/// The city matrix: each cell links to its city's section.
fn matrix(report: &Report, lang: Lang) -> Markup {
    let missing = report.missing();
    html! {
        section id="matrix" {
            div class="wide" { table class="matrix" {
                thead { tr {
                    th { (tr!(lang, "column-submitter")) }
                    @for r in &report.requirements { th title=(r.title.get(lang)) { (r.short.get(lang)) } }
                    th { (tr!(lang, "column-result")) }
                } }
                tbody {
                    @for (r, row) in report.rows.iter().enumerate() {
                        @let target = format!("#city-{r}");
                        tr {
                            th scope="row" {
                                @let label = crate::inert::text(&row.label);
                                @if row.submissions.is_empty() { (label) } @else { a href=(target) { (label) } }
                            }
                            @if row.submissions.is_empty() {
                                @for _ in &report.requirements { td class="missing" { (tr!(lang, "matrix-missing")) } }
                            } @else {
                                @for (r, cell) in row.cells.iter().enumerate() {
                                    @match cell {
                                        Some((status, _)) => td class=(status_class(*status)) { a href=(target) {
                                            (status_cell(*status, lang))
                                            @if row.late(report, r) { " " span class="late" { (tr!(lang, "late")) } }
                                        } },
                                        None => td { "-" },
                                    }
                                }
                            }
                            @let result = row.status(report);
                            td class=(match result { RowStatus::Pass => "pass", RowStatus::Fail => "fail", RowStatus::Missing => "missing" }) {
                                (row.status_label(report, lang))
                            }
                        }
                    }
                }
            } }
            @if !missing.is_empty() {
                p class="missing-cities" { (tr!(lang, "html-missing-cities", list = missing.join("、"))) }
            }
            @if !report.not_submissions.is_empty() {
                p { (tr!(lang, "not-submissions-heading")) }
                ul class="not-submissions" {
                    @for n in &report.not_submissions {
                        li { (tr!(lang, "letter-group", head = crate::inert::text(&n.name), text = crate::inert::msg(&n.reason, lang))) }
                    }
                }
            }
        }
    }
}
