//! A requirement's boards or entries as cards: text length and opening lines, every
//! photo as a thumbnail with its caption, size and date, and each problem as a short
//! label whose message opens on a tap (no hovering, which phones cannot do).

use base64::Engine;
use maud::{Markup, html};

use crate::findings::{Finding, Lang, Severity};
use crate::inert::{msg, text};
use crate::report::RequirementReport;
use crate::view::gallery::{Card, Item, ItemKind};

pub fn gallery(r: &RequirementReport, lang: Lang) -> Markup {
    html! {
        h3 { (r.title.get(lang)) }
        div class="cards" {
            @for card in &r.cards { (card_markup(card, &r.findings, lang)) }
        }
    }
}

fn own<'a>(findings: &'a [Finding], path: &str) -> Vec<&'a Finding> {
    let mut own: Vec<&Finding> = findings.iter().filter(|f| f.path == path).collect();
    own.sort_by_key(|f| std::cmp::Reverse(f.severity));
    own
}

fn card_markup(card: &Card, findings: &[Finding], lang: Lang) -> Markup {
    html! {
        article class="card" data-path=(text(&card.path)) {
            h4 { (text(&card.title)) }
            @if let Some(words) = card.words { p class="words" { (tr!(lang, "html-words", words)) } }
            @if let Some(note) = &card.note { p class="note" { (msg(note, lang)) } }
            @if !card.excerpt.is_empty() { p class="excerpt" { (text(&card.excerpt)) "…" } }
            (badges(&own(findings, &card.path), lang))
            div class="photos" {
                @for item in card.items.iter().filter(|i| matches!(i.kind, ItemKind::Photo { .. })) {
                    (photo(item, findings, lang))
                }
            }
            ul class="files" {
                @for item in card.items.iter().filter(|i| !matches!(i.kind, ItemKind::Photo { .. })) {
                    li class="file" {
                        span class="name" { (text(&item.name)) }
                        @match &item.kind {
                            ItemKind::Text { words } => { " · " (tr!(lang, "html-words", words)) },
                            ItemKind::Video { duration: Some(seconds) } => { " · " (tr!(lang, "html-seconds", seconds = format!("{seconds:.0}"))) },
                            _ => {},
                        }
                        (badges(&own(findings, &item.path), lang))
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
    let own = own(findings, &item.path);
    let class = match own.first().map(|f| f.severity) {
        Some(Severity::Error) => "photo has-error",
        Some(Severity::Warning) => "photo has-warning",
        _ => "photo",
    };
    html! {
        figure class=(class) data-path=(text(&item.path)) {
            @match thumbnail {
                Some(Ok(jpeg)) => img class="thumb" alt=(text(caption)) src=(format!("data:image/jpeg;base64,{}", base64::engine::general_purpose::STANDARD.encode(jpeg)));,
                Some(Err(why)) => div class="thumb placeholder" { (msg(why, lang)) },
                None => div class="thumb placeholder" { (text(&item.name)) },
            }
            figcaption {
                span class="caption" { (text(caption)) }
                span class="size" { (width) "×" (height) }
                @if let Some(shot) = shot { span class="date" { (text(shot)) } }
            }
            (badges(&own, lang))
        }
    }
}

/// A badge per finding: its short label, which opens to the message on a tap or click.
fn badges(findings: &[&Finding], lang: Lang) -> Markup {
    html! {
        @for f in findings {
            details class=(format!("badge {}", super::problems::severity_class(f.severity))) data-code=(f.code) {
                summary class="label" { (f.code.label(lang)) }
                span class="msg" { (msg(&f.message, lang)) }
            }
        }
    }
}
