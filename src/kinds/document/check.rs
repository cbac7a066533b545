//! Document requirements (work plan, summary): the section holds at least N documents
//! that are the real thing: enough text, this city's and this year's, not the notice,
//! a cover letter or a copy of material counted elsewhere.

use super::DocumentRule;
use crate::codes::Code;
use crate::findings::{Findings, Msg};
use crate::inspect::text::TextFacts;
use crate::inspect::{Facts, NotYetKind};
use crate::intake::EntryId;
use crate::view::context::{Admission, Context, Expect};

/// The other document requirement a text's title names it as: its title (the first
/// opening line about the week) ends in another's keyword ("…活动周工作方案" among the
/// summaries) and names none of this one's. "…工作方案落实情况报告" ends in neither
/// and is not judged by its title.
fn titled_as_other(ctx: &Context, text: &str) -> Option<Msg> {
    let requirements = &ctx.rules.requirements;
    let own = &requirements[ctx.requirement.get()];
    // The title: an opening line about the week (not a red head, not "一、制定方案").
    let lines: Vec<&str> = crate::view::substance::title_lines(text)
        .into_iter()
        .filter(|l| l.chars().count() <= 60 && (l.contains("活动周") || l.contains("终身学习")))
        .take(1)
        .map(|l| l.trim_end_matches(|c: char| !c.is_alphanumeric()))
        .collect();
    if lines
        .iter()
        .any(|l| own.keywords.iter().any(|k| l.contains(k.as_str())))
    {
        return None;
    }
    requirements
        .iter()
        .filter(|r| !std::ptr::eq(*r, own) && r.rule::<super::DocumentRule>().is_some())
        .find(|r| {
            lines
                .iter()
                .any(|l| r.keywords.iter().any(|k| l.ends_with(k.as_str())))
        })
        .map(|r| r.name())
}

/// The submitter the submission was matched to, when it was.
fn own_city<'a>(ctx: &Context<'a>) -> &'a str {
    ctx.sub
        .assignment
        .as_ref()
        .map_or("", |a| ctx.rules.submitters[a.submitter].as_str())
}

/// The other city a text's title lines (red head included) name as its own: another
/// city's plan or summary filed by this one (锦州市…工作方案 sent by 朝阳市). Judged only
/// when the submission's city is known and the title names nothing of its own.
fn titled_for_other_city(ctx: &Context, text: &str) -> Option<String> {
    let own = ctx.sub.assignment.as_ref()?.submitter;
    let title = crate::view::substance::title_for_placing(text)?;
    let (city, _) = crate::triage::cities::submitter_in(&title, ctx.rules)?;
    if city == own || crate::triage::cities::names_submitter(&title, ctx.rules, own) {
        return None;
    }
    Some(ctx.rules.submitters[city].clone())
}

/// Judges one document with text: its summary line when it counts as the material.
fn take_text(
    rule: &DocumentRule,
    ctx: &Context,
    file: EntryId,
    t: &TextFacts,
    out: &mut Findings,
) -> Option<Msg> {
    let name = ctx.name(file);
    let title = ctx.rules.requirements[ctx.requirement.get()].name();
    if let Some(other) = titled_as_other(ctx, &t.text) {
        let heading = crate::view::substance::title(&t.text);
        out.push(
            Code::DocumentOtherKind,
            ctx.path(file),
            msg!("document-other-kind", name, heading, other, title),
        );
        return None;
    }
    if let Some(other) = titled_for_other_city(ctx, &t.text) {
        let (heading, own) = (crate::view::substance::title(&t.text), own_city(ctx));
        out.push(
            Code::DocumentOtherCity,
            ctx.path(file),
            msg!("document-other-city", name, heading, other, own, title),
        );
        return None;
    }
    let min_text = rule.min_text as usize;
    let expect = Expect {
        min_words: min_text,
        body_year: true,
    };
    if ctx.admit_text(file, t, expect, out) != Admission::Counts {
        return None;
    }
    let words = t.counts.get(rule.count);
    if words < min_text {
        out.push(
            Code::DocumentTooShort,
            ctx.path(file),
            msg!("document-too-short", name, words, min_text, title),
        );
        return None;
    }
    Some(msg!("document-summary", name, words))
}

pub fn check(rule: &DocumentRule, ctx: &Context, sections: &[EntryId], out: &mut Findings) -> Msg {
    let mut found: Vec<Msg> = Vec::new();
    let min = rule.min_documents;
    for &section in sections {
        for file in ctx.material.files_under(ctx.sub, section) {
            let name = ctx.name(file);
            match ctx.facts(file) {
                Facts::Text(t) if t.counts.words > 0 => {
                    found.extend(take_text(rule, ctx, file, t, out));
                }
                Facts::Text(_) => out.push(
                    Code::DocumentEmpty,
                    ctx.path(file),
                    msg!("document-empty-named", name),
                ),
                // A stamped scan (红头文件) is normal practice for a plan or a summary:
                // it counts, with a warning. A format baosong cannot read, or a file
                // over the read limit, does not: nothing in it was seen.
                Facts::Unverified {
                    kind: NotYetKind::Document,
                    code: Code::DocumentScanned | Code::DocumentImagesOnly,
                    ..
                } => {
                    ctx.report_unusable(file, out);
                    found.push(msg!("document-scan-label", name));
                }
                _ => {
                    ctx.report_unusable(file, out);
                }
            }
        }
    }
    let count = found.len();
    let nothing_inside = ctx.holds_no_file(sections);
    if count < min as usize && nothing_inside {
        let folder = ctx.name(sections[0]);
        out.push(
            Code::DocumentMissing,
            ctx.path(sections[0]),
            msg!("document-missing", folder),
        );
    } else if count < min as usize {
        out.push(
            Code::DocumentMissing,
            ctx.path(sections[0]),
            msg!("document-too-few", min, count),
        );
    }
    if found.is_empty() {
        msg!("document-none")
    } else {
        Msg::join(&found)
    }
}
