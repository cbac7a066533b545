//! Document requirements (work plan, summary): the section holds at least N readable
//! documents with text in them.

use super::Context;
use crate::codes::Code;
use crate::findings::{Findings, Msg};
use crate::inspect::{Facts, NotYetKind};
use crate::intake::EntryId;
use crate::msg;
use crate::rules::DocumentRule;

pub fn check(rule: &DocumentRule, ctx: &Context, sections: &[EntryId], out: &mut Findings) -> Msg {
    let mut found: Vec<Msg> = Vec::new();
    let min = rule.min_documents;
    for &section in sections {
        for file in ctx.material.files_under(ctx.sub, section) {
            let name = ctx.name(file);
            match ctx.facts(file) {
                Facts::Text(t) if t.counts.words > 0 => {
                    let words = t.counts.words;
                    found.push(msg!("{name}（{words} 字）", "{name} ({words} words)"));
                }
                Facts::Text(_) => out.push(
                    Code::DocumentEmpty,
                    ctx.path(file),
                    msg!(
                        "“{name}”中没有文字，请换成有内容的文档",
                        "\"{name}\" has no text; replace it with the finished document"
                    ),
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
                    found.push(msg!("{name}（扫描件）", "{name} (scan)"));
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
            msg!(
                "找到了“{folder}”，但里面没有任何文件；请放入文档（.docx）",
                "\"{folder}\" was found, but it holds no file; put the document (.docx) in it"
            ),
        );
    } else if count < min as usize {
        out.push(
            Code::DocumentMissing,
            ctx.path(sections[0]),
            msg!(
                "需要至少 {min} 份可读取的文档，只找到 {count} 份；请放入 Word 文档（.docx）",
                "at least {min} readable document(s) are needed, {count} found; add a Word document (.docx)"
            ),
        );
    }
    if found.is_empty() {
        msg!("没有可读取的文档", "no readable document")
    } else {
        Msg::join(&found)
    }
}
