//! Document requirements (work plan, summary): the section holds at least N documents
//! that are the real thing: enough text, this city's and this year's, not the notice,
//! a cover letter or a copy of material counted elsewhere.

use super::DocumentRule;
use crate::check::context::{Admission, Context, Expect};
use crate::codes::Code;
use crate::findings::{Findings, Msg};
use crate::inspect::{Facts, NotYetKind};
use crate::intake::EntryId;

pub fn check(rule: &DocumentRule, ctx: &Context, sections: &[EntryId], out: &mut Findings) -> Msg {
    let mut found: Vec<Msg> = Vec::new();
    let min = rule.min_documents;
    let min_text = rule.min_text as usize;
    let expect = Expect {
        min_words: min_text,
        body_year: true,
    };
    for &section in sections {
        for file in ctx.material.files_under(ctx.sub, section) {
            let name = ctx.name(file);
            match ctx.facts(file) {
                Facts::Text(t) if t.counts.words > 0 => {
                    if ctx.admit_text(file, t, expect, out) != Admission::Counts {
                        continue;
                    }
                    let words = t.counts.get(rule.count);
                    if words < min_text {
                        let title = ctx.rules.requirements[ctx.requirement.get()].name();
                        out.push(
                            Code::DocumentTooShort,
                            ctx.path(file),
                            msg!("document-too-short", name, words, min_text, title),
                        );
                        continue;
                    }
                    found.push(msg!("document-summary", name, words));
                }
                Facts::Text(_) => out.push(
                    Code::DocumentEmpty,
                    ctx.path(file),
                    msg!("document-empty-2", name),
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
                    found.push(msg!("document-images-only-2", name));
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
            msg!("document-missing-2", min, count),
        );
    }
    if found.is_empty() {
        msg!("document-none")
    } else {
        Msg::join(&found)
    }
}
