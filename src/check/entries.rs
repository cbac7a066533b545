//! Entry requirements (featured cases, exemplars): each file or folder directly in the
//! section is one entry, and it counts when it is, or holds, a readable text document
//! or a readable video.

use std::collections::HashMap;

use super::{ContentKey, Context};
use crate::codes::Code;
use crate::findings::{Findings, Msg};
use crate::inspect::{Facts, NotYetKind};
use crate::intake::EntryId;
use crate::msg;
use crate::rules::EntriesRule;

/// What one file contributes to an entry. Only what baosong read counts: a document
/// it could not verify (a scan, a format it does not read) is reported and counts as
/// nothing, like a broken one.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Evidence {
    Nothing,
    Unverified,
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
            Evidence::Unverified
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

/// How many entries a text entry counts for: the headed parts of its one document
/// that hold at least `min-text-per-part` 字, when there are two or more; otherwise 1.
fn parts_counted(
    rule: &EntriesRule,
    ctx: &Context,
    entry: EntryId,
    counting: &[EntryId],
    out: &mut Findings,
) -> usize {
    let [file] = counting else {
        return 1;
    };
    let Facts::Text(t) = ctx.facts(*file) else {
        return 1;
    };
    let min = rule.min_text_per_part as usize;
    let (long, short): (Vec<_>, Vec<_>) = t
        .parts
        .iter()
        .partition(|p| p.counts.get(rule.count) >= min);
    if long.len() < 2 {
        return 1;
    }
    let name = ctx.name(*file);
    let titles: Vec<&str> = long.iter().map(|p| p.title.as_str()).collect();
    let (zh, en) = (titles.join("”“"), titles.join("\", \""));
    let n = long.len();
    let left_out = if short.is_empty() {
        msg!("", "")
    } else {
        let titles: Vec<&str> = short.iter().map(|p| p.title.as_str()).collect();
        let (zh, en) = (titles.join("”“"), titles.join("\", \""));
        msg!(
            "；“{zh}”不足 {min} 字，未单独计数",
            "; \"{en}\" has fewer than {min} words and was not counted on its own"
        )
    };
    let (more_zh, more_en) = (&left_out.zh, &left_out.en);
    out.push(
        Code::EntryParts,
        ctx.path(entry),
        msg!(
            "“{name}”按标题分为 {n} 个部分，各算一份：“{zh}”{more_zh}",
            "\"{name}\" is divided by its headings into {n} parts, one entry each: \"{en}\"{more_en}"
        ),
    );
    n
}

/// A video's length for a summary: "3 分 12 秒" / "3 min 12 s".
pub fn duration_text(seconds: f64) -> Msg {
    let total = seconds.round() as u64;
    let (minutes, secs) = (total / 60, total % 60);
    if minutes == 0 {
        msg!("{secs} 秒", "{secs} s")
    } else {
        msg!("{minutes} 分 {secs} 秒", "{minutes} min {secs} s")
    }
}

/// What the entries counted so far add up to.
#[derive(Default)]
struct Tally {
    texts: usize,
    videos: usize,
    /// The counted videos' lengths, for the summary.
    durations: Vec<Msg>,
    /// What each counted entry holds, for the summary.
    details: Vec<Msg>,
    /// Content already counted, and the entry that counted it.
    counted: HashMap<ContentKey, EntryId>,
}

impl Tally {
    /// Counts an entry holding readable text (`is_text`) or a video that plays,
    /// unless its text is too short or its content was counted already.
    fn add(
        &mut self,
        rule: &EntriesRule,
        ctx: &Context,
        entry: EntryId,
        files: &[EntryId],
        is_text: bool,
        out: &mut Findings,
    ) {
        let name = ctx.name(entry);
        let counting: Vec<EntryId> = files
            .iter()
            .copied()
            .filter(|&f| match ctx.facts(f) {
                Facts::Text(t) => is_text && t.counts.words > 0,
                Facts::Video(_) => !is_text,
                _ => false,
            })
            .collect();
        let words: usize = counting
            .iter()
            .filter_map(|&f| match ctx.facts(f) {
                Facts::Text(t) => Some(t.counts.get(rule.count)),
                _ => None,
            })
            .sum();
        if is_text
            && let Some(min) = rule.min_text
            && words < min as usize
        {
            out.push(
                Code::EntryTextTooShort,
                ctx.path(entry),
                msg!(
                    "“{name}”的文字只有 {words} 字，少于 {min} 字，未计数；请补充文字",
                    "\"{name}\" has {words} words of text, fewer than {min}, so it was not counted; add text"
                ),
            );
            return;
        }
        let keys: Vec<ContentKey> = counting.iter().map(|&f| ctx.content_key(f)).collect();
        if let Some(&earlier) = keys.iter().find_map(|k| self.counted.get(k))
            && keys.iter().all(|k| self.counted.contains_key(k))
        {
            let first = ctx.name(earlier);
            out.push(
                Code::ContentDuplicate,
                ctx.path(entry),
                msg!(
                    "“{name}”与“{first}”内容相同，只按“{first}”计数 1 份；请换成另一份材料，或删除重复的一份",
                    "\"{name}\" has the same content as \"{first}\", which alone was counted; put in different material, or remove the copy"
                ),
            );
            return;
        }
        for key in keys {
            self.counted.entry(key).or_insert(entry);
        }
        let photos = files
            .iter()
            .filter(|&&f| matches!(ctx.facts(f), Facts::Image(_)))
            .count();
        let with_photos = if photos > 0 {
            msg!("、{photos} 张照片", ", {photos} photos")
        } else {
            msg!("", "")
        };
        let (photos_zh, photos_en) = (&with_photos.zh, &with_photos.en);
        if is_text {
            let parts = parts_counted(rule, ctx, entry, &counting, out);
            self.texts += parts;
            self.details.push(if parts > 1 {
                msg!(
                    "{name} {words} 字，按标题分为 {parts} 份{photos_zh}",
                    "{name} {words} words in {parts} headed parts{photos_en}"
                )
            } else {
                msg!(
                    "{name} {words} 字{photos_zh}",
                    "{name} {words} words{photos_en}"
                )
            });
        } else {
            self.videos += 1;
            let seconds = counting.iter().find_map(|&f| match ctx.facts(f) {
                Facts::Video(v) => v.duration,
                _ => None,
            });
            let length = match seconds {
                Some(seconds) => {
                    let length = duration_text(seconds);
                    self.durations.push(length.clone());
                    length
                }
                None => msg!("时长未知", "length unknown"),
            };
            let (len_zh, len_en) = (&length.zh, &length.en);
            self.details.push(msg!(
                "{name} 视频 {len_zh}{photos_zh}",
                "{name} video {len_en}{photos_en}"
            ));
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
    // A Windows copy ("典型1 - 副本") sorts before its original; the original is the
    // one that counts.
    candidates.sort_by_key(|&c| super::boards::caption(ctx.sub.entry(c).stem()).had_copy_mark);
    let mut tally = Tally::default();
    for entry in candidates {
        let files = ctx.material.files_under(ctx.sub, entry);
        let best = files.iter().map(|&file| evidence(ctx, file, out)).max();
        let name = ctx.name(entry);
        let why = match best {
            Some(Evidence::Text | Evidence::Video) => {
                let is_text = best == Some(Evidence::Text);
                tally.add(rule, ctx, entry, &files, is_text, out);
                continue;
            }
            None => msg!("文件夹是空的", "the folder is empty"),
            Some(Evidence::Photo) => msg!(
                "只有照片，没有文字材料或视频",
                "it holds photos only, no text or video"
            ),
            Some(Evidence::EmptyText) => msg!("文档中没有文字", "the document has no text"),
            Some(Evidence::Unverified) => msg!(
                "文字是图片或扫描件，或格式无法读取，内容未核验",
                "its text is a picture or a scan, or in a format that cannot be read, so it was not verified"
            ),
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
                "“{name}”未计数：{zh}；请补充可编辑的文字材料（.docx）或能播放的视频",
                "\"{name}\" was not counted: {en}; add its text as an editable document (.docx) or a video that plays"
            ),
        );
    }
    let Tally {
        texts,
        videos,
        durations,
        details,
        ..
    } = tally;
    let count = texts + videos;
    let min = rule.min_entries as usize;
    let nothing_inside = ctx.holds_no_file(sections);
    if count < min && nothing_inside {
        let folder = ctx.name(sections[0]);
        out.push(
            Code::EntriesTooFew,
            ctx.path(sections[0]),
            msg!(
                "找到了“{folder}”，但里面没有任何文件；请放入材料（至少 {min} 份文字材料或视频）",
                "\"{folder}\" was found, but it holds no file; put the material in it (at least {min} documents or videos)"
            ),
        );
    } else if count < min {
        out.push(
            Code::EntriesTooFew,
            ctx.path(sections[0]),
            msg!(
                "可计数的材料只有 {count} 份，至少需要 {min} 份",
                "only {count} entries count, at least {min} are needed"
            ),
        );
    }
    let lengths = if durations.is_empty() {
        msg!("", "")
    } else {
        let zh: Vec<&str> = durations.iter().map(|d| d.zh.as_str()).collect();
        let en: Vec<&str> = durations.iter().map(|d| d.en.as_str()).collect();
        let (zh, en) = (zh.join("、"), en.join(", "));
        msg!("（{zh}）", " ({en})")
    };
    let (len_zh, len_en) = (&lengths.zh, &lengths.en);
    let mut summary = msg!(
        "{count} 份（文字 {texts}，视频 {videos}{len_zh}）",
        "{count} entries ({texts} text, {videos} video{len_en})"
    );
    for detail in details {
        summary = Msg::join(&[summary, detail]);
    }
    if count < min {
        summary = Msg::join(&[summary, msg!("至少需要 {min} 份", "at least {min} needed")]);
    }
    summary
}
