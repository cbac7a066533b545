//! `kind = "entries"`: featured cases or exemplars, each a text or a video (several
//! headed parts of one document count one each).

mod candidates;
pub mod check;

use super::KindRule;
use crate::findings::Msg;
use crate::inspect::FileClass;
use crate::inspect::wordcount::CountMethod;
use crate::rules::checker::Checker;
use crate::rules::raw::RawRequirement;

/// 字数 below which a text is not a case or an exemplar: a stub, a note, a form.
pub const DEFAULT_MIN_TEXT: u32 = 200;

#[derive(Debug)]
pub struct EntriesRule {
    pub min_entries: u32,
    /// 字数 an entry's text needs to be a real case or exemplar, not a stub.
    pub min_text: u32,
    pub count: CountMethod,
    /// 字数 a headed part of a document needs to count as an entry of its own
    /// (several exemplars in one Word file).
    pub min_text_per_part: u32,
}

impl KindRule for EntriesRule {
    const NAME: &'static str = "entries";
    const KEYS: &'static [&'static str] =
        &["min-entries", "min-text", "count", "min-text-per-part"];

    fn parse(req: &RawRequirement, check: &mut Checker) -> Self {
        EntriesRule {
            min_entries: check.count(&req.min_entries, "min-entries", 1),
            min_text: check.count(&req.min_text, "min-text", DEFAULT_MIN_TEXT),
            count: req.count.unwrap_or_default(),
            min_text_per_part: check.count(&req.min_text_per_part, "min-text-per-part", 100),
        }
    }

    fn checklist(&self) -> Msg {
        let (min, text) = (self.min_entries, self.min_text);
        msg!("checklist-entries", min, text)
    }

    fn fit(&self, class: FileClass) -> Option<u8> {
        (super::document_like(class) || class == FileClass::Video).then_some(0)
    }
}
