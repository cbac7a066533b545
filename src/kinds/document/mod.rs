//! `kind = "document"`: a work plan or a summary, enough readable documents.

pub mod check;

use super::KindRule;
use crate::findings::Msg;
use crate::inspect::FileClass;
use crate::rules::checker::Checker;
use crate::rules::raw::RawRequirement;

#[derive(Debug)]
pub struct DocumentRule {
    pub min_documents: u32,
}

impl KindRule for DocumentRule {
    const NAME: &'static str = "document";
    const KEYS: &'static [&'static str] = &["min-documents"];

    fn parse(req: &RawRequirement, check: &mut Checker) -> Self {
        DocumentRule {
            min_documents: check.count(&req.min_documents, "min-documents", 1),
        }
    }

    fn checklist(&self) -> Msg {
        let min = self.min_documents;
        msg!("checklist-document", min)
    }

    fn fit(&self, class: FileClass) -> Option<u8> {
        super::document_like(class).then_some(0)
    }
}
