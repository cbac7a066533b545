//! `kind = "document"`: a work plan or a summary, enough readable documents.

pub mod check;

use super::KindRule;
use crate::findings::Msg;
use crate::inspect::FileClass;
use crate::inspect::wordcount::CountMethod;
use crate::rules::checker::Checker;
use crate::rules::raw::RawRequirement;

#[derive(Debug)]
pub struct DocumentRule {
    pub min_documents: u32,
    /// 字数 a document needs to be the real thing, not a stub or a note.
    pub min_text: u32,
    pub count: CountMethod,
}

/// 字数 below which a plan or a summary is not one: a reviewer would not accept it.
pub const DEFAULT_MIN_TEXT: u32 = 300;

impl KindRule for DocumentRule {
    const NAME: &'static str = "document";
    const KEYS: &'static [&'static str] = &["min-documents", "min-text", "count"];

    fn parse(req: &RawRequirement, check: &mut Checker) -> Self {
        DocumentRule {
            min_documents: check.count(&req.min_documents, "min-documents", 1),
            min_text: check.count(&req.min_text, "min-text", DEFAULT_MIN_TEXT),
            count: req.count.unwrap_or_default(),
        }
    }

    fn checklist(&self) -> Msg {
        let (min, text) = (self.min_documents, self.min_text);
        msg!("checklist-document", min, text)
    }

    fn fit(&self, class: FileClass) -> Option<u8> {
        super::document_like(class).then_some(0)
    }
}
