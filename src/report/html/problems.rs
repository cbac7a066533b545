//! The problems as people fix them: each file once with its problems under it, errors
//! first, then the reminders, then the notes folded away; the same problem on many
//! files of a folder said once. Each line is a short label and its message; the code
//! is a small link to what it means.

use maud::{Markup, html};

use crate::codes::Code;
use crate::findings::{Finding, Lang, Severity};
use crate::inert::text;
use crate::report::Report;
use crate::report::by_file::{Item, items};

pub fn severity_class(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Pending => "pending",
        Severity::Info => "info",
    }
}

/// Problems to fix, reminders and notes, each by file.
pub fn list(findings: &[&Finding], report: &Report, lang: Lang) -> Markup {
    let all = items(findings.iter().copied(), 3, lang);
    let (fix, rest): (Vec<&Item>, Vec<&Item>) = all
        .iter()
        .partition(|i| matches!(i.worst(), Severity::Error | Severity::Pending));
    let (remind, notes): (Vec<&Item>, Vec<&Item>) = rest
        .into_iter()
        .partition(|i| i.worst() == Severity::Warning);
    html! {
        @if !fix.is_empty() {
            h3 class="problems" { (tr!(lang, "html-problems")) }
            div class="items" { @for item in &fix { (item_markup(item, report, lang)) } }
        }
        @if !remind.is_empty() {
            h3 class="reminders" { (tr!(lang, "html-reminders")) }
            div class="items" { @for item in &remind { (item_markup(item, report, lang)) } }
        }
        @if !notes.is_empty() {
            details class="notes" {
                @let n = notes.iter().map(|i| i.lines.len()).sum::<usize>();
                summary { (tr!(lang, "html-notes", n)) }
                div class="items" { @for item in &notes { (item_markup(item, report, lang)) } }
            }
        }
    }
}

fn item_markup(item: &Item, _report: &Report, lang: Lang) -> Markup {
    let class = format!("item {}", severity_class(item.worst()));
    html! {
        div class=(class) data-path=(text(item.path)) {
            h4 class="file" {
                @if !item.files.is_empty() {
                    (item.files_head(lang))
                    @let files: Vec<_> = item.files.iter().map(|f| text(f)).collect();
                    span class="names" { (files.join(&tr!(lang, "sep-list"))) }
                } @else if item.path.is_empty() {
                    (tr!(lang, "html-whole-submission"))
                } @else {
                    (text(item.path))
                }
            }
            ul {
                @for (f, message) in &item.lines {
                    li class=(format!("finding {}", severity_class(f.severity))) data-code=(f.code) {
                        span class="label" { (f.code.label(lang)) }
                        " "
                        span class="message" { (self::text(message)) }
                        " "
                        a class="code" href=(format!("#code-{}", f.code)) title=(tr!(lang, "html-code-link")) { (f.code) }
                    }
                }
            }
        }
    }
}

/// What each problem on the page means and how to fix it, by its label.
pub fn explanations(report: &Report, lang: Lang) -> Markup {
    let mut codes: Vec<Code> = report
        .submissions
        .iter()
        .flat_map(|s| s.all_findings())
        .map(|f| f.code)
        .collect();
    codes.sort();
    codes.dedup();
    html! {
        @if !codes.is_empty() {
            section id="codes" {
                h2 { (tr!(lang, "html-explained")) }
                dl {
                    @for code in codes {
                        dt id=(format!("code-{code}")) { (code.label(lang)) " " span class="code" { (code) } }
                        dd { (code.explain_with(lang, report.max_caption, report.read_mb)) }
                    }
                }
            }
        }
    }
}
