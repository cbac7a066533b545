//! `kind = "boards"`: display boards, each a folder (or a label group) of text and
//! captioned original photos.

pub mod caption;
pub mod check;
mod combined;
mod layout;
mod photos;

use regex::Regex;

use super::KindRule;
use crate::findings::Msg;
use crate::inspect::FileClass;
use crate::inspect::wordcount::CountMethod;
use crate::rules::checker::Checker;
use crate::rules::raw::RawRequirement;

#[derive(Debug)]
pub struct BoardsRule {
    pub min_boards: u32,
    pub min_text: u32,
    pub count: CountMethod,
    pub min_photos: u32,
    pub max_caption: u32,
    pub caption_count: CountMethod,
    pub min_long_edge: u32,
    pub device_name_patterns: Vec<Regex>,
}

/// The longest photo caption, in 字, when the rule does not say: the notice's "不超过10个字".
pub const DEFAULT_MAX_CAPTION: u32 = 10;

impl KindRule for BoardsRule {
    const NAME: &'static str = "boards";
    const KEYS: &'static [&'static str] = &[
        "min-boards",
        "min-text",
        "count",
        "min-photos",
        "max-caption",
        "caption-count",
        "min-long-edge",
        "device-name-patterns",
    ];

    fn parse(req: &RawRequirement, check: &mut Checker) -> Self {
        BoardsRule {
            min_boards: check.count(&req.min_boards, "min-boards", 2),
            min_text: check.count(&req.min_text, "min-text", 300),
            count: req.count.unwrap_or_default(),
            min_photos: check.count(&req.min_photos, "min-photos", 1),
            max_caption: check.count(&req.max_caption, "max-caption", DEFAULT_MAX_CAPTION),
            caption_count: req.caption_count.unwrap_or(CountMethod::CharsNoSpaces),
            min_long_edge: check.count(&req.min_long_edge, "min-long-edge", 1600),
            device_name_patterns: check.patterns(req.device_name_patterns.as_deref()),
        }
    }

    fn checklist(&self) -> Msg {
        let (boards, text, photos) = (self.min_boards, self.min_text, self.min_photos);
        let (caption, edge, method) = (self.max_caption, self.min_long_edge, self.count.label());
        msg!(
            "checklist-boards",
            boards,
            text,
            method,
            photos,
            caption,
            edge
        )
    }

    fn fit(&self, class: FileClass) -> Option<u8> {
        (super::document_like(class) || class == FileClass::Video).then_some(0)
    }

    fn holds_boards(&self) -> bool {
        true
    }
}

impl crate::rules::Rules {
    /// The longest caption the boards rule allows (10 when there is no boards rule).
    pub fn max_caption(&self) -> u32 {
        (self.requirements.iter())
            .find_map(|r| r.rule::<BoardsRule>())
            .map_or(DEFAULT_MAX_CAPTION, |b| b.max_caption)
    }
}
