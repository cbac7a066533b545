//! A section of the page: one submission of a single check, or one city of a batch
//! combined from the submissions that decide its requirements.

use maud::{Markup, html};

use super::{cards, count, problems, status_cell};
use crate::findings::{Finding, Lang};
use crate::inert::{self, msg, text};
use crate::report::{Report, RequirementReport, Row, RowStatus, Status, SubmissionReport};

/// A submission checked on its own.
pub fn submission(i: usize, sub: &SubmissionReport, report: &Report, lang: Lang) -> Markup {
    let findings: Vec<&Finding> = sub.all_findings().collect();
    let rows: Vec<(&RequirementReport, Option<&str>)> =
        sub.requirements.iter().map(|r| (r, None)).collect();
    html! {
        section class="submission" id=(format!("sub-{i}")) {
            h2 { (text(sub.city.as_deref().unwrap_or(&sub.name))) " " (status_cell(sub.status(), lang)) }
            @if report.submissions.len() > 1 { p class="count" { (count(&findings, lang)) } }
            p class="meta path" { (inert::path(&sub.path)) }
            (requirements(&rows, lang))
            (links(report, &[i], lang))
            (problems::list(&findings, report, lang))
            @for r in &sub.requirements {
                @if !r.cards.is_empty() { (cards::gallery(r, lang)) }
            }
        }
    }
}

/// One city of a batch: each requirement as the submission deciding it has it, what
/// each submission it sent contributed, and the superseded findings folded away.
pub fn city(report: &Report, r: usize, row: &Row, lang: Lang) -> Markup {
    let decided = row.decided(report);
    let findings = row.findings(report);
    let several = row.submissions.len() > 1;
    let rows: Vec<(&RequirementReport, Option<&str>)> = decided
        .iter()
        .map(|d| {
            let by = several.then(|| report.submissions[d.submission].name.as_str());
            (d.requirement, by)
        })
        .collect();
    let status = match row.status(report) {
        RowStatus::Pass => Status::Pass,
        _ => Status::Fail,
    };
    let superseded = superseded(report, row);
    html! {
        section class="submission city" id=(format!("city-{r}")) {
            h2 { (text(&row.label)) " " (status_cell(status, lang)) }
            p class="count" { (count(&findings, lang)) }
            (received(report, row, lang))
            (requirements(&rows, lang))
            (links(report, &row.submissions, lang))
            (problems::list(&findings, report, lang))
            // The boards and entries to look at, folded: a province's page stays short
            // to scroll and to print.
            @if decided.iter().any(|d| !d.requirement.cards.is_empty()) {
                details class="look" {
                    summary { (tr!(lang, "html-look")) }
                    @for d in &decided {
                        @if !d.requirement.cards.is_empty() { (cards::gallery(d.requirement, lang)) }
                    }
                }
            }
            @if !superseded.is_empty() {
                details class="superseded" {
                    @let n = superseded.len();
                    summary { (tr!(lang, "html-superseded", n)) }
                    (problems::list(&superseded, report, lang))
                }
            }
        }
    }
}

/// What the city's older submissions said that no longer decides anything.
fn superseded<'a>(report: &'a Report, row: &Row) -> Vec<&'a Finding> {
    row.submissions
        .iter()
        .map(|&i| &report.submissions[i])
        .flat_map(|s| {
            let own = (!s.latest).then_some(&s.findings).into_iter().flatten();
            s.requirements
                .iter()
                .filter(|r| r.superseded)
                .flat_map(|r| &r.findings)
                .chain(own)
        })
        .collect()
}

/// The city's submissions, oldest first: when each came and what it decides.
fn received(report: &Report, row: &Row, lang: Lang) -> Markup {
    let decided = row.decided(report);
    html! {
        h3 { (tr!(lang, "html-received")) }
        ul class="received" {
            @for &i in &row.submissions {
                @let sub = &report.submissions[i];
                @let shorts: Vec<&str> = decided.iter().filter(|d| d.submission == i).map(|d| report.requirements[d.index].short.get(lang)).collect();
                li id=(format!("sub-{i}")) {
                    span class="name" { (text(&sub.name)) }
                    @let modified = sub.modified_text();
                    @if !modified.is_empty() { " (" (modified) ")" }
                    @if let Some(mail) = &sub.mail { " " span class="from" { (tr!(lang, "html-mail-from", from = text(&mail.from).into_owned())) } }
                    " — "
                    @if shorts.is_empty() {
                        span class="state superseded" { (tr!(lang, "html-decides-nothing")) }
                    } @else {
                        (tr!(lang, "html-decides", list = shorts.join(&tr!(lang, "sep-list"))))
                    }
                    @if let Some(why) = &sub.matched_by { br; span class="meta" { (msg(why, lang)) } }
                    br; span class="meta path" { (inert::path(&sub.path)) }
                }
            }
        }
    }
}

/// The requirements table: each requirement's status and summary, and which
/// submission decides it when a city sent more than one.
fn requirements(rows: &[(&RequirementReport, Option<&str>)], lang: Lang) -> Markup {
    let by = rows.iter().any(|(_, by)| by.is_some());
    html! {
        div class="wide" { table class="requirements" {
            thead { tr {
                th { (tr!(lang, "column-requirement")) }
                th { (tr!(lang, "column-due")) }
                th { (tr!(lang, "column-status")) }
                th { (tr!(lang, "column-summary")) }
                @if by { th { (tr!(lang, "html-decided-by")) } }
            } }
            tbody {
                @for (r, decided_by) in rows {
                    tr class=(super::status_class(r.status)) {
                        td { (r.title.get(lang)) }
                        td class="due" { (r.due.map(|d| d.to_string()).unwrap_or_else(|| "-".to_owned())) }
                        td class="status" {
                            (status_cell(r.status, lang))
                            @if r.late { " " span class="late" { (tr!(lang, "late")) } }
                        }
                        td { (msg(&r.summary, lang)) }
                        @if by { td { (text(decided_by.unwrap_or(""))) } }
                    }
                }
            }
        } }
    }
}

/// The 超大附件 links of these submissions' mails: the file's name as the link (a plain
/// http(s) address only), its size and expiry, an expired one marked.
fn links(report: &Report, subs: &[usize], lang: Lang) -> Markup {
    let links: Vec<_> = (report.links.iter())
        .filter(|l| subs.contains(&l.submission))
        .collect();
    html! {
        @if !links.is_empty() {
            h3 { (tr!(lang, "links-heading")) }
            ul class="links" {
                @for link in links {
                    li class=(if link.expired { "expired" } else { "live" }) {
                        @let name = link.name_text(lang);
                        @match link.href() {
                            Some(href) => a href=(href) rel="noopener noreferrer" { (name) },
                            None => span class="name" { (name) },
                        }
                        (msg(&link.size_msg(), lang))
                        " — " (msg(&link.state, lang))
                        @if link.expired { " " span class="expired-mark" { (tr!(lang, "link-status-expired")) } }
                        br; span class="meta path" { (text(&link.url)) }
                    }
                }
            }
        }
    }
}
