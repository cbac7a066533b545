//! Entry requirements (featured cases, exemplars): each file or folder directly in the
//! section is one entry, and it counts when it is, or holds, a readable text document
//! or a readable video.

use super::Context;
use crate::codes::Code;
use crate::findings::{Findings, Msg};
use crate::inspect::{Facts, NotYetKind};
use crate::intake::EntryId;
use crate::msg;
use crate::rules::EntriesRule;

/// What one file contributes to an entry.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Evidence {
    Nothing,
    Photo,
    EmptyText,
    Video,
    Text,
}

fn evidence(ctx: &Context, file: EntryId, out: &mut Findings) -> Evidence {
    match ctx.facts(file) {
        Facts::Text(t) if t.counts.words > 0 => Evidence::Text,
        Facts::Text(_) => Evidence::EmptyText,
        Facts::Video(_) => Evidence::Video,
        Facts::Unverified {
            kind: NotYetKind::Document,
            ..
        } => {
            ctx.report_unusable(file, out);
            Evidence::Text
        }
        Facts::Image(_)
        | Facts::Unverified {
            kind: NotYetKind::Photo,
            ..
        } => Evidence::Photo,
        _ => {
            ctx.report_unusable(file, out);
            Evidence::Nothing
        }
    }
}

pub fn check(rule: &EntriesRule, ctx: &Context, sections: &[EntryId], out: &mut Findings) -> Msg {
    let mut candidates = Vec::new();
    for &section in sections {
        if ctx.sub.entry(section).is_dir() {
            candidates.extend(ctx.material.children(ctx.sub, section));
        } else {
            candidates.push(section);
        }
    }
    let (mut texts, mut videos) = (0usize, 0usize);
    for entry in candidates {
        let files = ctx.material.files_under(ctx.sub, entry);
        let best = files.iter().map(|&file| evidence(ctx, file, out)).max();
        let name = ctx.name(entry);
        let why = match best {
            Some(Evidence::Text) => {
                let words: usize = files
                    .iter()
                    .filter_map(|&f| match ctx.facts(f) {
                        Facts::Text(t) => Some(t.counts.get(rule.count)),
                        _ => None,
                    })
                    .sum();
                match rule.min_text {
                    Some(min)
                        if words < min as usize
                            && files
                                .iter()
                                .all(|&f| !matches!(ctx.facts(f), Facts::Unverified { .. })) =>
                    {
                        out.push(
                            Code::EntryTextTooShort,
                            ctx.path(entry),
                            msg!(
                                "“{name}”的文字只有 {words} 字，少于 {min} 字，未计数；请补充文字",
                                "\"{name}\" has {words} words of text, fewer than {min}, so it was not counted; add text"
                            ),
                        );
                    }
                    _ => texts += 1,
                }
                continue;
            }
            Some(Evidence::Video) => {
                videos += 1;
                continue;
            }
            None => msg!("文件夹是空的", "the folder is empty"),
            Some(Evidence::Photo) => msg!(
                "只有照片，没有文字材料或视频",
                "it holds photos only, no text or video"
            ),
            Some(Evidence::EmptyText) => msg!("文档中没有文字", "the document has no text"),
            Some(Evidence::Nothing) => msg!(
                "不是可读取的文字材料或视频",
                "it is not a readable text document or video"
            ),
        };
        let (zh, en) = (&why.zh, &why.en);
        out.push(
            Code::EntryNotCounted,
            ctx.path(entry),
            msg!(
                "“{name}”未计数：{zh}；请补充文字材料或视频",
                "\"{name}\" was not counted: {en}; add its text or video"
            ),
        );
    }
    let count = texts + videos;
    let min = rule.min_entries as usize;
    if count < min {
        out.push(
            Code::EntriesTooFew,
            ctx.path(sections[0]),
            msg!(
                "可计数的材料只有 {count} 份，至少需要 {min} 份",
                "only {count} entries count, at least {min} are needed"
            ),
        );
    }
    let mut summary = msg!(
        "{count} 份（文字 {texts}，视频 {videos}）",
        "{count} entries ({texts} text, {videos} video)"
    );
    if count < min {
        summary = Msg::join(&[summary, msg!("至少需要 {min} 份", "at least {min} needed")]);
    }
    summary
}
