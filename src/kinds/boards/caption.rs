//! Photo captions: a board photo's file name, without its extension, board label,
//! numbering and copy mark, is its caption; a name a phone, camera or program gave it
//! is not one.

use std::sync::LazyLock;

use regex::Regex;

use super::BoardsRule;
use crate::codes::Code;
use crate::findings::Findings;
use crate::inspect::wordcount;
use crate::intake::EntryId;
use crate::triage::names::{board_label, strip_ordinal};
use crate::view::context::Context;

/// Copy marks that Windows, macOS and phones append to a duplicated file's name.
static COPY_MARKS: LazyLock<Vec<Regex>> =
    LazyLock::new(|| crate::vocabulary::patterns(&crate::vocabulary::WORDS.names.copy_marks));

/// Numbering staff put in front of a caption: 图1, 照片 2-, ①.
static PHOTO_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| crate::vocabulary::pattern(&crate::vocabulary::WORDS.names.photo_number));

/// Names browsers, editors and the system give a picture (下载, 未命名-1, image).
static DEFAULT_CAPTION: LazyLock<Regex> =
    LazyLock::new(|| crate::vocabulary::pattern(&crate::vocabulary::WORDS.names.default_captions));

/// Whether a caption is a name a program gave the file, not one a person wrote.
pub fn is_default_caption(text: &str) -> bool {
    DEFAULT_CAPTION.is_match(text.trim())
}

/// A photo's caption: its file name without extension, copy mark and leading number.
#[derive(Debug, PartialEq, Eq)]
pub struct Caption<'a> {
    pub text: &'a str,
    pub had_copy_mark: bool,
}

pub fn caption(stem: &str) -> Caption<'_> {
    let mut text = stem.trim();
    let mut had_copy_mark = false;
    for re in COPY_MARKS.iter() {
        if let Some(m) = re.find(text) {
            text = text[..m.start()].trim_end();
            had_copy_mark = true;
        }
    }
    let text = caption_without_label(text);
    let text = PHOTO_NUMBER.find(text).map_or(text, |m| &text[m.end()..]);
    Caption {
        text: strip_ordinal(text).trim(),
        had_copy_mark,
    }
}

/// A photo's caption once a board label ("展板一-") in front of it is taken away.
fn caption_without_label(stem: &str) -> &str {
    match board_label(stem) {
        Some(label) if label.range.start == 0 => stem[label.range.end..]
            .trim_start_matches(|c: char| c.is_whitespace() || "-_—、：:.．".contains(c)),
        _ => stem,
    }
}

/// A name no person gives a photo: letters and at least three digits, with `_`, `-`,
/// `.` or spaces between them, and no Chinese (DSCF0001, GOPR0001, PA150001,
/// PANO_20201015_093012, IMG-20201015-WA0001), whatever its length.
pub fn is_machine_name(text: &str) -> bool {
    let text = text.trim();
    let digits = text.chars().filter(char::is_ascii_digit).count();
    text.chars().any(|c| c.is_ascii_alphabetic())
        && digits >= 3
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | ' ' | '.'))
}

pub fn check_caption(rule: &BoardsRule, ctx: &Context, file: EntryId, out: &mut Findings) {
    let entry = ctx.sub.entry(file);
    let name = &entry.name;
    let cap = caption(entry.stem());
    let max = rule.max_caption as usize;
    let unmarked = entry.stem().trim();
    if is_machine_name(unmarked)
        || is_machine_name(cap.text)
        || is_default_caption(cap.text)
        || is_default_caption(unmarked)
        || rule
            .device_name_patterns
            .iter()
            .any(|re| re.is_match(unmarked) || re.is_match(cap.text))
    {
        out.push(
            Code::PhotoCaptionDeviceName,
            &entry.path,
            msg!("photo-caption-device-name", name, max),
        );
    } else if cap.text.is_empty() {
        out.push(
            Code::PhotoCaptionEmpty,
            &entry.path,
            msg!("photo-caption-empty", name),
        );
    } else {
        let length = wordcount::count(cap.text).get(rule.caption_count);
        if length > max {
            let text = cap.text;
            out.push(
                Code::PhotoCaptionTooLong,
                &entry.path,
                msg!("photo-caption-too-long", text, length, max),
            );
        }
    }
    // Windows batch rename writes "读书会 (1)", "读书会 (2)" for different photos: a
    // copy mark is only a finding when the bytes are another file's.
    if cap.had_copy_mark && ctx.has_twin(file) {
        out.push(
            Code::PhotoCaptionCopyMark,
            &entry.path,
            msg!("photo-caption-copy-mark", name),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn captions_lose_numbers_and_copy_marks() {
        assert_eq!(caption("01-社区读书会").text, "社区读书会");
        assert_eq!(caption("1、书法课").text, "书法课");
        let c = caption("社区读书会 - 副本");
        assert_eq!((c.text, c.had_copy_mark), ("社区读书会", true));
        let c = caption("广场舞 (1)");
        assert_eq!((c.text, c.had_copy_mark), ("广场舞", true));
        let c = caption("2020年读书会");
        assert_eq!((c.text, c.had_copy_mark), ("2020年读书会", false));
    }

    #[test]
    fn default_device_patterns_catch_the_domain_list() {
        let rules = crate::rules::Rules::default_rules();
        let rule = (rules.requirements[1].rule::<super::super::BoardsRule>())
            .expect("second rule is boards");
        let is_device = |stem: &str| {
            let c = caption(stem);
            is_default_caption(c.text)
                || is_default_caption(stem)
                || rule
                    .device_name_patterns
                    .iter()
                    .any(|re| re.is_match(stem) || re.is_match(c.text))
        };
        for stem in [
            "微信图片_20201015123456",
            "微信截图_20201015123456",
            "WeChat Image_20201015123456",
            "mmexport1602741234567",
            "wx_camera_1602741234567",
            "QQ图片20201015123456",
            "IMG_20201015_123456",
            "IMG20201108134046",
            "20201015_123456",
            "PXL_20230812_005706479",
            "IMG_1234",
            "DSC_1234",
            "DSC01234",
            "_MG_1234",
            "DJI_0001",
            "Screenshot_20201015_150843_com.tencent.mm",
            "屏幕截图 2024-05-09 141352",
            "Snipaste_2023-10-31_09-01-24",
            "截屏2020-10-26 16.44.43",
            "image-20221218151632484",
            "IMG_1234 - 副本",
            "IMG_1234 (1)",
            "下载",
            "下载 (1)",
            "未命名-1",
            "未标题-1",
            "图片1",
            "image",
            "新建位图图像",
            "Untitled",
        ] {
            assert!(is_device(stem), "{stem} should be a device name");
        }
        for stem in [
            "社区读书会",
            "01-书法课",
            "2020年读书会",
            "老年大学合唱团",
            "下载资料学习",
            "图片展览",
        ] {
            assert!(!is_device(stem), "{stem} is a caption");
        }
    }
}
