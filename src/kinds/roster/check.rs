//! Roster requirements (opening-ceremony attendees): a spreadsheet (or a Word table)
//! whose header row, within the first 10 rows, has a 姓名 column, and enough rows with
//! a name in it. Title rows and merged cells above the header are normal and skipped.
//! The roster used is then checked the way a reviewer reads it: phone numbers, names
//! entered twice, numbers Excel mangled, and the kinds of attendee the notice names.

use std::collections::BTreeMap;

use super::RosterRule;
use crate::codes::Code;
use crate::findings::{Findings, Msg};
use crate::inspect::Facts;
use crate::inspect::sheet::Sheet;
use crate::intake::EntryId;
use crate::view::context::Context;

pub use super::rows::{HEADER_ROWS, Layout, NotAPerson, Roster, looks_like_a_name, normalize};

/// People listed on a sheet (each name once), or None when it has no name column.
pub fn count_people(sheet: &Sheet, name_headers: &[String]) -> Option<usize> {
    super::rows::read(sheet, name_headers).map(|r| r.count())
}

pub fn check(rule: &RosterRule, ctx: &Context, sections: &[EntryId], out: &mut Findings) -> Msg {
    let column = rule.name_headers[0].as_str();
    let min = rule.min_people as usize;
    let mut best: Option<(usize, EntryId, &Sheet, Roster)> = None;
    let mut without_header = Vec::new();
    let mut pictures = Vec::new();
    let typed = typed_lists(ctx, sections, column);
    for &section in sections {
        for file in ctx.material.files_under(ctx.sub, section) {
            let sheets = match ctx.facts(file) {
                Facts::Sheet(sheets) => sheets,
                // Rosters are often typed as a Word table, or as lines.
                Facts::Text(t) if !t.tables.is_empty() => &t.tables,
                Facts::Text(_) => match typed.get(&file) {
                    Some(sheets) => sheets,
                    None => continue,
                },
                // A photo or scan of a printed list: no name on it can be read.
                Facts::Image(_)
                | Facts::Unverified {
                    code: Code::DocumentImagesOnly | Code::DocumentScanned,
                    ..
                } => {
                    pictures.push(file);
                    continue;
                }
                _ => {
                    // Unreadable, damaged, over the read limit: named, counts nobody.
                    ctx.report_unusable(file, out);
                    continue;
                }
            };
            let counted = sheets
                .iter()
                .filter_map(|s| super::rows::read(s, &rule.name_headers).map(|r| (r.count(), s, r)))
                .max_by_key(|(n, _, _)| *n);
            match counted {
                Some((people, sheet, roster))
                    if best.as_ref().is_none_or(|(b, _, _, _)| people > *b) =>
                {
                    best = Some((people, file, sheet, roster));
                }
                Some(_) => {}
                None => without_header.push(file),
            }
        }
    }
    if let Some((people, file, sheet, roster)) = best {
        let name = ctx.name(file);
        set_apart(ctx, file, sheet, &roster, out);
        several_in_one_cell(ctx, file, sheet, &roster, out);
        review(rule, ctx, file, sheet, &roster, out);
        if people < min {
            out.push(
                Code::RosterTooFew,
                ctx.path(file),
                msg!(
                    "roster-too-few",
                    name,
                    people,
                    min,
                    column,
                    short = min - people
                ),
            );
            return msg!("roster-summary-short", name, people, min);
        }
        let summary = msg!("roster-summary", name, people);
        if typed.contains_key(&file) {
            return Msg::join(&[summary, msg!("roster-summary-typed")]);
        }
        return summary;
    }
    if without_header.is_empty() && !pictures.is_empty() {
        return only_pictures(ctx, &pictures, out);
    }
    no_roster(rule, ctx, sections, &without_header, out)
}

/// What is said when no sheet holds a roster: the sheets without a name column are
/// named, or the roster is missing. A roster that could not be read counts nobody.
fn no_roster(
    rule: &RosterRule,
    ctx: &Context,
    sections: &[EntryId],
    without_header: &[EntryId],
    out: &mut Findings,
) -> Msg {
    let column = rule.name_headers[0].as_str();
    let words = Msg::quoted(&rule.name_headers);
    for &file in without_header {
        let name = ctx.name(file);
        out.push(
            Code::RosterNoNameColumn,
            ctx.path(file),
            msg!(
                "roster-no-name-column",
                name,
                rows = HEADER_ROWS,
                words,
                column
            ),
        );
    }
    if without_header.is_empty() {
        out.push(
            Code::RosterMissing,
            ctx.path(sections[0]),
            msg!("roster-missing"),
        );
        return msg!("roster-missing-summary");
    }
    msg!("roster-name-column-missing", column)
}

/// Says which rows were not counted as people, and why: totals, sign-offs and notes
/// (information), placeholders (a warning: someone is still to be named).
fn set_apart(ctx: &Context, file: EntryId, sheet: &Sheet, roster: &Roster, out: &mut Findings) {
    let path = ctx.path(file);
    let row_number = |r: usize| sheet.first_row + r;
    // Rows naming someone not yet known (待定), or only by title (王主任): a warning.
    for why in [NotAPerson::Placeholder, NotAPerson::TitleOnly] {
        let rows: Vec<Msg> = roster
            .set_apart
            .iter()
            .filter(|(_, w)| *w == why)
            .map(|(row, _)| {
                let (n, text) = (row_number(row.index), row.name.trim());
                msg!("roster-row", n, text)
            })
            .collect();
        if !rows.is_empty() {
            let list = Msg::list(&rows);
            let message = match why {
                NotAPerson::TitleOnly => msg!("roster-title-only", list),
                _ => msg!("roster-placeholder", list),
            };
            out.push(Code::RosterPlaceholder, path, message);
        }
    }
    let skipped: Vec<Msg> = roster
        .set_apart
        .iter()
        .filter(|(_, why)| !matches!(why, NotAPerson::Placeholder | NotAPerson::TitleOnly))
        .map(|(row, why)| {
            let why = match why {
                NotAPerson::Total => msg!("not-a-person-total"),
                NotAPerson::SignOff => msg!("not-a-person-sign-off"),
                NotAPerson::Note => msg!("not-a-person-note"),
                _ => msg!("not-a-person-name"),
            };
            let text: String = row
                .cells
                .iter()
                .map(|c| c.trim())
                .filter(|c| !c.is_empty())
                .collect::<Vec<_>>()
                .join(" ");
            let text: String = text.chars().take(20).collect();
            let n = row_number(row.index);
            msg!("roster-row-why", n, text, why)
        })
        .collect();
    if !skipped.is_empty() {
        let list = Msg::list(&skipped);
        let n = skipped.len();
        out.push(
            Code::RosterRowsSkipped,
            path,
            msg!("roster-rows-skipped", n, list),
        );
    }
}

/// Lists typed line by line in Word documents of the section, read as sheets of one
/// name column.
fn typed_lists(
    ctx: &Context,
    sections: &[EntryId],
    column: &str,
) -> std::collections::HashMap<EntryId, Vec<Sheet>> {
    sections
        .iter()
        .flat_map(|&s| ctx.material.files_under(ctx.sub, s))
        .filter_map(|f| match ctx.facts(f) {
            Facts::Text(t) if t.tables.is_empty() => {
                super::rows::lines_as_sheet(&t.text, column).map(|s| (f, vec![s]))
            }
            _ => None,
        })
        .collect()
}

/// A roster sent only as pictures (a photo of a printed list, a scan): found, and
/// failed with what to send, since no name on it can be read.
fn only_pictures(ctx: &Context, pictures: &[EntryId], out: &mut Findings) -> Msg {
    for &file in pictures {
        let name = ctx.name(file);
        out.push(
            Code::RosterIsPicture,
            ctx.path(file),
            msg!("roster-is-picture", name),
        );
    }
    msg!("roster-is-picture-summary")
}

/// Says whom a cell listing several people counted (王丽、张强、李明 in one cell).
fn several_in_one_cell(
    ctx: &Context,
    file: EntryId,
    sheet: &Sheet,
    roster: &Roster,
    out: &mut Findings,
) {
    for (row, names) in &roster.several {
        let (n, count) = (sheet.first_row + row, names.len());
        let names = Msg::list(names);
        out.push(
            Code::RosterNamesInOneCell,
            ctx.path(file),
            msg!("roster-names-in-one-cell", n, count, names),
        );
    }
}

/// The job titles and words that show a person belongs to a category of the notice
/// (the vocabulary's `[roster.categories]`).
fn titles_of(category: &str) -> &'static [String] {
    crate::vocabulary::WORDS
        .roster
        .categories
        .get(category)
        .map_or(&[], Vec::as_slice)
}

/// A mainland mobile number, or a landline with its area code (and an extension).
pub fn is_phone(value: &str) -> bool {
    let digits: String = value
        .trim()
        .trim_start_matches("+86")
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '—' | '－' | '(' | ')' | '（' | '）'))
        .collect();
    let (number, extension) = match digits.split_once(['转', '#']) {
        Some((n, e)) => (n.to_owned(), Some(e)),
        None => (digits, None),
    };
    if extension.is_some_and(|e| e.is_empty() || !e.chars().all(|c| c.is_ascii_digit())) {
        return false;
    }
    let bytes = number.as_bytes();
    if !bytes.iter().all(u8::is_ascii_digit) {
        return false;
    }
    let mobile = bytes.len() == 11 && bytes[0] == b'1' && (b'3'..=b'9').contains(&bytes[1]);
    let landline = (10..=12).contains(&bytes.len()) && bytes[0] == b'0' && bytes[1] != b'0';
    mobile || landline
}

/// What a reviewer checks on the roster used: phones, repeated names, numbers Excel
/// stored as numbers, and the kinds of attendee.
fn review(
    rule: &RosterRule,
    ctx: &Context,
    file: EntryId,
    sheet: &Sheet,
    roster: &Roster,
    out: &mut Findings,
) {
    let review = Review {
        path: ctx.path(file),
        header: &sheet.rows[roster.layout.header],
        first_row: sheet.first_row,
        name_column: roster.layout.name_column,
        rows: roster
            .people
            .iter()
            .map(|(row, _)| (row.index, row.cells))
            .collect(),
    };
    review.phones(rule, out);
    review.repeated_names(roster, out);
    review.mangled_numbers(sheet, roster.layout.header, out);
    review.categories(rule, out);
}

/// The roster used, as the review reads it.
struct Review<'a> {
    path: &'a str,
    header: &'a [String],
    /// The sheet row number of the first row read.
    first_row: usize,
    name_column: usize,
    /// Each person's row: its index and its cells.
    rows: Vec<(usize, &'a [String])>,
}

impl Review<'_> {
    fn row_number(&self, r: usize) -> usize {
        self.first_row + r
    }

    fn columns_with(&self, words: &[String]) -> Vec<usize> {
        self.header
            .iter()
            .enumerate()
            .filter(|(_, h)| words.iter().any(|w| h.contains(w.as_str())))
            .map(|(i, _)| i)
            .collect()
    }

    fn phones(&self, rule: &RosterRule, out: &mut Findings) {
        for column in self.columns_with(&rule.phone_columns) {
            let title = &self.header[column];
            for &(r, row) in &self.rows {
                let value = row.get(column).map_or("", |v| v.as_str());
                if !is_phone(value) {
                    let n = self.row_number(r);
                    let person = &row[self.name_column];
                    let shown = if value.is_empty() {
                        msg!("roster-cell-empty")
                    } else {
                        Msg::new(value, value)
                    };
                    let message = msg!("roster-phone-invalid", n, person, title, shown);
                    out.push(Code::RosterPhoneInvalid, self.path, message);
                }
            }
        }
    }

    fn repeated_names(&self, roster: &Roster, out: &mut Findings) {
        let mut by_name: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (row, name) in &roster.people {
            by_name
                .entry(name.as_str())
                .or_default()
                .push(self.row_number(row.index));
        }
        for (person, lines) in by_name.iter().filter(|(_, l)| l.len() > 1) {
            let count = lines.len();
            let lines: Vec<String> = lines.iter().map(usize::to_string).collect();
            let lines = Msg::list(&lines);
            let message = msg!("roster-duplicate-name", person, count, lines);
            out.push(Code::RosterDuplicateName, self.path, message);
        }
    }

    fn mangled_numbers(&self, sheet: &Sheet, header_row: usize, out: &mut Findings) {
        let mut mangled: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for &(r, c) in &sheet.long_numbers {
            if r > header_row && self.rows.iter().any(|&(row, _)| row == r) {
                mangled.entry(c).or_default().push(self.row_number(r));
            }
        }
        for (column, lines) in mangled {
            let title = self.header.get(column).map_or("", |t| t.as_str());
            let count = lines.len();
            let message = msg!("roster-number-mangled", title, count);
            out.push(Code::RosterNumberMangled, self.path, message);
        }
    }

    fn categories(&self, rule: &RosterRule, out: &mut Findings) {
        if rule.categories.is_empty() {
            return;
        }
        let Some(&column) = self.columns_with(&rule.category_columns).first() else {
            return;
        };
        // A category shows in any column of a person's row: 类别 says 领导, or 职务
        // says 主任 or 副校长.
        let values: Vec<&str> = self
            .rows
            .iter()
            .flat_map(|(_, row)| row.iter().map(String::as_str))
            .collect();
        let missing: Vec<&str> = rule
            .categories
            .iter()
            .map(String::as_str)
            .filter(|cat| {
                !values
                    .iter()
                    .any(|v| v.contains(cat) || titles_of(cat).iter().any(|t| v.contains(t)))
            })
            .collect();
        if !missing.is_empty() {
            let title = &self.header[column];
            let missing = Msg::list(&missing);
            let message = msg!("roster-category-missing", title, missing);
            out.push(Code::RosterCategoryMissing, self.path, message);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::is_phone;

    #[test]
    fn phone_numbers() {
        for ok in [
            "13800138000",
            "139 0000 0001",
            "+86 138-0013-8000",
            "024-86896319",
            "02486896319",
            "0411-8888888",
            "024-86800550转123",
        ] {
            assert!(is_phone(ok), "{ok}");
        }
        for bad in [
            "",
            "1380013800",
            "12800138000",
            "86896319",
            "138001380001",
            "无",
            "024-868",
            "1.38E+10",
        ] {
            assert!(!is_phone(bad), "{bad}");
        }
    }
}
