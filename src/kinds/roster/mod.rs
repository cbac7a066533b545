//! `kind = "roster"`: the list of opening-ceremony attendees, a spreadsheet (or a
//! Word table) with a name column and enough people in it.

pub mod check;
mod rows;

use super::KindRule;
use crate::findings::Msg;
use crate::inspect::FileClass;
use crate::inspect::NotYetKind;
use crate::rules::checker::Checker;
use crate::rules::raw::RawRequirement;
use crate::vocabulary::WORDS;

#[derive(Debug)]
pub struct RosterRule {
    pub min_people: u32,
    /// Header words of the name column, most preferred first ("姓名", "参会人员"...).
    pub name_headers: Vec<String>,
    /// Header words that mark a phone column.
    pub phone_columns: Vec<String>,
    /// Header words that mark a category (类别/身份) column.
    pub category_columns: Vec<String>,
    /// Categories expected among the attendees; empty: not checked.
    pub categories: Vec<String>,
}

impl KindRule for RosterRule {
    const NAME: &'static str = "roster";
    const KEYS: &'static [&'static str] = &[
        "min-people",
        "name-column",
        "name-headers",
        "phone-columns",
        "category-columns",
        "categories",
    ];

    fn parse(req: &RawRequirement, check: &mut Checker) -> Self {
        RosterRule {
            min_people: check.count(&req.min_people, "min-people", 1),
            name_headers: check.name_headers(req),
            phone_columns: req
                .phone_columns
                .clone()
                .unwrap_or_else(|| WORDS.roster.phone_columns.clone()),
            category_columns: req
                .category_columns
                .clone()
                .unwrap_or_else(|| WORDS.roster.category_columns.clone()),
            categories: req.categories.clone().unwrap_or_default(),
        }
    }

    fn checklist(&self) -> Msg {
        let (min, column) = (self.min_people, &self.name_headers[0]);
        msg!("checklist-roster", min, column)
    }

    /// A spreadsheet fits best; a Word document may hold the roster as a table.
    fn fit(&self, class: FileClass) -> Option<u8> {
        match class {
            FileClass::Sheet | FileClass::NotYet(NotYetKind::Sheet) => Some(0),
            FileClass::Document => Some(1),
            // A photo of a printed list: found as the roster, so that it can be said
            // that a picture cannot be counted.
            FileClass::Photo => Some(2),
            _ => None,
        }
    }
}
