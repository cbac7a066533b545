//! The HTML report: one self-contained page (inline CSS, thumbnails as `data:` URIs,
//! no script, no request to any server) that opens from an e-mail attachment and
//! prints on A4. Built with maud, which escapes every value it inserts.

use base64::Engine;
use maud::{DOCTYPE, Markup, PreEscaped, html};

use super::{Report, RequirementReport, RowStatus, Status, SubmissionReport};
use crate::check::gallery::{Card, Item, ItemKind};
use crate::codes::Code;
use crate::findings::{Finding, Lang, Severity};

const CSS: &str = include_str!("html.css");

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
                @if report.batch { (matrix(report, lang)) }
                @for (i, sub) in report.submissions.iter().enumerate() {
                    (submission(i, sub, lang))
                }
                (explanations(report, lang))
            }
        }
    };
    page.into_string()
}

/// The verdict in one line, the rules and the date.
fn verdict(report: &Report, lang: Lang) -> Markup {
    let failing = report
        .submissions
        .iter()
        .filter(|s| s.latest)
        .flat_map(|s| &s.requirements)
        .filter(|r| matches!(r.status, Status::Fail | Status::Unopened))
        .count();
    let (class, text) = if report.passed() {
        (
            "verdict pass",
            format!("✔ {}", tr!(lang, "html-verdict-pass")),
        )
    } else if failing > 0 {
        let n = failing;
        (
            "verdict fail",
            format!("✘ {}", tr!(lang, "html-verdict-fail", n)),
        )
    } else {
        ("verdict fail", format!("✘ {}", tr!(lang, "status-fail")))
    };
    let (rules, as_of) = (&report.rules_name, &report.as_of);
    html! {
        header {
            h1 id="verdict" class=(class) { (text) }
            @if report.batch { p class="totals" { (super::table::totals_line(report, &report.rows, lang)) } }
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

/// The city matrix: each cell links to the submission it was taken from.
fn matrix(report: &Report, lang: Lang) -> Markup {
    let missing = report.missing();
    html! {
        section id="matrix" {
            table class="matrix" {
                thead { tr {
                    th { (tr!(lang, "column-submitter")) }
                    @for r in &report.requirements { th title=(r.title.get(lang)) { (r.short.get(lang)) } }
                    th { (tr!(lang, "column-result")) }
                } }
                tbody {
                    @for row in &report.rows {
                        tr {
                            th scope="row" {
                                @match row.submissions.last() {
                                    Some(&i) => a href=(format!("#sub-{i}")) { (row.label) },
                                    None => (row.label),
                                }
                            }
                            @if row.submissions.is_empty() {
                                @for _ in &report.requirements { td class="missing" { (tr!(lang, "matrix-missing")) } }
                            } @else {
                                @for cell in &row.cells {
                                    @match cell {
                                        Some((status, i)) => td class=(status_class(*status)) {
                                            a href=(format!("#sub-{i}")) title=(status.label(lang)) { (status.mark()) }
                                        },
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
            }
            p class="legend" {
                @for s in Status::LEGEND { span class=(status_class(s)) { (s.mark()) " " (s.label(lang)) } " " }
            }
            @if !missing.is_empty() {
                p class="missing-cities" { (tr!(lang, "html-missing-cities", list = missing.join("、"))) }
            }
            @let resent = report.duplicates();
            @if !resent.is_empty() {
                p { (tr!(lang, "sent-twice-heading")) }
                ul class="resends" {
                    @for (city, subs) in resent {
                        li { (city) ": "
                            @for &i in subs {
                                @let s = &report.submissions[i];
                                a href=(format!("#sub-{i}")) { (s.name) } " (" (s.modified_text()) ")"
                                @if s.latest { " " span class="status pass" { (tr!(lang, "state-latest")) } }
                                " "
                            }
                        }
                    }
                }
            }
            @let unmatched: Vec<&super::Row> = report.rows.iter().filter(|r| r.city.is_none()).collect();
            @if !unmatched.is_empty() {
                p { (tr!(lang, "html-unmatched")) }
                ul class="unmatched" {
                    @for row in unmatched {
                        @for &i in &row.submissions { li { a href=(format!("#sub-{i}")) { (report.submissions[i].name) } } }
                    }
                }
            }
        }
    }
}

fn submission(i: usize, sub: &SubmissionReport, lang: Lang) -> Markup {
    let status = sub.status();
    html! {
        section class="submission" id=(format!("sub-{i}")) {
            h2 {
                (sub.city.as_deref().unwrap_or(&sub.name)) " "
                span class=(format!("status {}", status_class(status))) { (status.mark()) " " (status.label(lang)) }
                @if !sub.latest { " " span class="status superseded" { (tr!(lang, "state-superseded")) } }
            }
            p class="meta" { (sub.path.display().to_string()) }
            table class="requirements" {
                thead { tr {
                    th { (tr!(lang, "column-requirement")) }
                    th { (tr!(lang, "column-due")) }
                    th { (tr!(lang, "column-status")) }
                    th { (tr!(lang, "column-summary")) }
                } }
                tbody {
                    @for r in &sub.requirements {
                        tr {
                            td { (r.title.get(lang)) }
                            td { (r.due.map(|d| d.to_string()).unwrap_or_else(|| "-".to_owned())) }
                            td class=(status_class(r.status)) { (r.status.mark()) " " (r.status.label(lang)) }
                            td { (r.summary.get(lang)) }
                        }
                    }
                }
            }
            @for r in &sub.requirements {
                @if !r.cards.is_empty() { (gallery(r, lang)) }
            }
            (findings(sub, lang))
        }
    }
}

/// A requirement's boards or entries as cards.
fn gallery(r: &RequirementReport, lang: Lang) -> Markup {
    html! {
        h3 { (r.title.get(lang)) }
        div class="cards" {
            @for card in &r.cards { (card_markup(card, &r.findings, lang)) }
        }
    }
}

fn card_markup(card: &Card, findings: &[Finding], lang: Lang) -> Markup {
    let own: Vec<&Finding> = findings.iter().filter(|f| f.path == card.path).collect();
    html! {
        article class="card" data-path=(card.path) {
            h4 { (card.title) }
            @if let Some(words) = card.words { p class="words" { (tr!(lang, "html-words", words)) } }
            @if let Some(note) = &card.note { p class="note" { (note.get(lang)) } }
            @if !card.excerpt.is_empty() { p class="excerpt" { (card.excerpt) "…" } }
            (badges(&own, lang))
            div class="photos" {
                @for item in card.items.iter().filter(|i| matches!(i.kind, ItemKind::Photo { .. })) {
                    (photo(item, findings, lang))
                }
            }
            ul class="files" {
                @for item in card.items.iter().filter(|i| !matches!(i.kind, ItemKind::Photo { .. })) {
                    li class="file" {
                        (item.name)
                        @match &item.kind {
                            ItemKind::Text { words } => { " · " (tr!(lang, "html-words", words)) },
                            ItemKind::Video { duration: Some(seconds) } => { " · " (tr!(lang, "html-seconds", seconds = format!("{seconds:.0}"))) },
                            _ => {},
                        }
                        (badges(&findings.iter().filter(|f| f.path == item.path).collect::<Vec<_>>(), lang))
                    }
                }
            }
        }
    }
}

fn photo(item: &Item, findings: &[Finding], lang: Lang) -> Markup {
    let ItemKind::Photo {
        caption,
        width,
        height,
        shot,
        thumbnail,
    } = &item.kind
    else {
        return html! {};
    };
    let own: Vec<&Finding> = findings.iter().filter(|f| f.path == item.path).collect();
    let worst = own.iter().map(|f| f.severity).max();
    let class = match worst {
        Some(Severity::Error) => "photo has-error",
        Some(Severity::Warning) => "photo has-warning",
        _ => "photo",
    };
    html! {
        figure class=(class) data-path=(item.path) {
            @match thumbnail {
                Some(Ok(jpeg)) => img class="thumb" alt=(caption) src=(format!("data:image/jpeg;base64,{}", base64::engine::general_purpose::STANDARD.encode(jpeg)));,
                Some(Err(why)) => div class="thumb placeholder" { (why.get(lang)) },
                None => div class="thumb placeholder" { (item.name) },
            }
            figcaption {
                span class="caption" { (caption) }
                span class="size" { (width) "×" (height) }
                @if let Some(shot) = shot { span class="date" { (shot) } }
            }
            (badges(&own, lang))
        }
    }
}

/// A badge per finding: its message on hover, and printed.
fn badges(findings: &[&Finding], lang: Lang) -> Markup {
    html! {
        @for f in findings {
            @let class = if f.severity == Severity::Error { "badge error" } else { "badge warning" };
            span class=(class) title=(f.message.get(lang)) {
                span class="code" { (f.code) }
                span class="msg" { (f.message.get(lang)) }
            }
        }
    }
}

/// The findings grouped by requirement, each code linking to its explanation.
fn findings(sub: &SubmissionReport, lang: Lang) -> Markup {
    let groups: Vec<(String, &[Finding])> = sub
        .requirements
        .iter()
        .filter(|r| !r.findings.is_empty())
        .map(|r| (r.title.get(lang).to_owned(), r.findings.as_slice()))
        .chain(
            (!sub.findings.is_empty())
                .then(|| (tr!(lang, "html-other-findings"), sub.findings.as_slice())),
        )
        .collect();
    html! {
        @if !groups.is_empty() {
            h3 { (tr!(lang, "table-findings")) }
            @for (title, list) in &groups {
                h4 { (title) }
                ul class="findings" {
                    @for f in list.iter() {
                        li class=(format!("finding {}", severity_class(f.severity))) {
                            span class="severity" { (f.severity.label(lang)) } " "
                            a class="code" href=(format!("#code-{}", f.code)) { (f.code) } " "
                            @if !f.path.is_empty() { span class="path" { (f.path) } " " }
                            span class="message" { (f.message.get(lang)) }
                        }
                    }
                }
            }
        }
    }
}

fn severity_class(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Pending => "pending",
        Severity::Info => "info",
    }
}

/// What each code found means and how to fix it, for the codes on the page.
fn explanations(report: &Report, lang: Lang) -> Markup {
    let mut codes: Vec<Code> = report
        .submissions
        .iter()
        .flat_map(|s| {
            s.requirements
                .iter()
                .flat_map(|r| &r.findings)
                .chain(&s.findings)
        })
        .map(|f| f.code)
        .collect();
    codes.sort();
    codes.dedup();
    html! {
        @if !codes.is_empty() {
            section id="codes" {
                h2 { (tr!(lang, "html-codes")) }
                dl {
                    @for code in codes {
                        dt id=(format!("code-{code}")) { (code) }
                        dd { (code.explain_with(lang, report.max_caption, report.read_mb)) }
                    }
                }
            }
        }
    }
}
