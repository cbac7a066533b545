//! The tracking workbook for provincial staff: an overview sheet (a row per city, a
//! column per requirement, colour-coded, frozen header, autofilter) and a findings
//! sheet (a row per finding), both printed landscape on A4, one page wide, the header
//! repeated on every page.
//!
//! The workbook also carries what staff typed into the previous one (see
//! [`super::tracker`], which reads it): their columns come after baosong's, on the row
//! of the same city or the same finding, and a row that no longer exists is kept at
//! the bottom of its sheet rather than dropped.

use anyhow::{Context, Result};
use rust_xlsxwriter::{Color, Format, FormatBorder, Workbook, Worksheet, XlsxError};

use super::{Report, Status, finding_rows};
use crate::findings::Lang;
use crate::inert;

/// A value typed into a previous tracker, written back as it was. Text is always
/// written as text: a note starting with `=`, `+`, `-` or `@` never becomes a formula.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Text(String),
    Number(f64),
    /// An Excel serial date (whole) or date-time.
    Date(f64),
    Bool(bool),
}

/// Which row a carried row belongs to. `exact` must match first; `loose` is tried for
/// what is left, so a note follows a finding whose wording changed (a deadline passed,
/// the language switched). For the overview both are the row's label.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Key {
    pub exact: String,
    pub loose: String,
}

/// One row of a previous tracker that holds something in the user's columns.
#[derive(Debug)]
pub struct CarriedRow {
    pub key: Key,
    /// What baosong had written on that row: its label (overview) or the finding's
    /// eight cells (findings). Shown again if the row no longer exists.
    pub shown: Vec<String>,
    /// One value per carried header; None for an empty cell.
    pub cells: Vec<Option<Cell>>,
}

/// The user's columns of one sheet of a previous tracker, in their old order.
#[derive(Debug, Default)]
pub struct Carried {
    pub headers: Vec<String>,
    pub rows: Vec<CarriedRow>,
}

/// What a previous tracker holds that baosong does not compute: the user's columns of
/// both sheets, and any sheet the user added (values only), by name.
#[derive(Debug, Default)]
pub struct Tracker {
    pub overview: Carried,
    pub findings: Carried,
    pub links: Carried,
    pub sheets: Vec<(String, SheetValues)>,
}

/// The values of a sheet by (row, column).
pub type SheetValues = Vec<(u32, u16, Cell)>;

type Values = Vec<Option<Cell>>;

impl Carried {
    /// Adds the empty notes column (备注) unless the previous tracker had one already,
    /// in either language.
    pub(super) fn with_notes(mut self, lang: Lang) -> Self {
        let named = |h: &String| {
            [Lang::Zh, Lang::En]
                .map(|l| tr!(l, "column-notes"))
                .contains(h)
        };
        if !self.headers.iter().any(named) {
            self.headers.push(tr!(lang, "column-notes"));
            self.rows.iter_mut().for_each(|r| r.cells.push(None));
        }
        self
    }

    /// Hands each new row (by its key) its old values: every exact match first, then
    /// loose matches among the rest, each old row at most once. Returns the values per
    /// new row and the old rows nobody took, in their old order.
    pub(super) fn assign(self, keys: &[Key]) -> (Vec<Option<Values>>, Vec<CarriedRow>) {
        let mut left: Vec<Option<CarriedRow>> = self.rows.into_iter().map(Some).collect();
        let mut out: Vec<Option<Values>> = vec![None; keys.len()];
        let passes: [fn(&Key) -> &String; 2] = [|k| &k.exact, |k| &k.loose];
        for part in passes {
            for (slot, key) in out.iter_mut().zip(keys) {
                if slot.is_some() {
                    continue;
                }
                let found = left
                    .iter()
                    .position(|r| r.as_ref().is_some_and(|r| part(&r.key) == part(key)));
                *slot = found.and_then(|i| left[i].take()).map(|r| r.cells);
            }
        }
        (out, left.into_iter().flatten().collect())
    }
}

/// The identity of a finding row (see [`finding_rows`]): city, submission, code and
/// file, and exactly, the message too. The requirement's title and the state are not
/// part of it: they change with the language and with a resend.
pub fn finding_key(row: &[String]) -> Key {
    let part = |i: usize| row.get(i).map_or("", String::as_str);
    let loose = [0, 1, 5, 6].map(part).join("\u{1f}");
    Key {
        exact: format!("{loose}\u{1f}{}", part(7)),
        loose,
    }
}

fn fill(color: u32) -> Format {
    Format::new()
        .set_background_color(Color::RGB(color))
        .set_border(FormatBorder::Thin)
}

fn status_format(status: Option<Status>) -> Format {
    match status {
        Some(Status::Pass) => fill(0xC6EFCE),
        Some(Status::Warn) => fill(0xFFEB9C),
        Some(Status::Fail) => fill(0xFFC7CE),
        Some(Status::Pending) => fill(0xDDEBF7),
        Some(Status::Unopened) => fill(0xD9D9D9),
        None => fill(0xD9D9D9),
    }
}

fn bold() -> Format {
    Format::new()
        .set_bold()
        .set_border(FormatBorder::Thin)
        .set_background_color(Color::RGB(0xF2F2F2))
}

/// Baosong's part of a row that no longer exists, kept for the user's notes beside it.
pub(super) fn gone() -> Format {
    Format::new()
        .set_font_color(Color::RGB(0x808080))
        .set_italic()
}

/// One overview line: who, each requirement's status (None: not submitted), result.
struct Line {
    label: String,
    cells: Vec<Option<Status>>,
    /// Per requirement: its material was mailed after the deadline.
    late: Vec<bool>,
    result: String,
    failed: bool,
    /// When the latest mail was sent (发送时间), China time.
    mailed: String,
    sent: String,
    /// When the latest submission was received, and the city's contact.
    date: String,
    contact: String,
}

fn overview_lines(report: &Report, lang: Lang) -> Vec<Line> {
    match report.batch.then_some(&report.rows) {
        Some(rows) => rows
            .iter()
            .map(|row| Line {
                label: inert::cell(&row.label, lang).into_owned(),
                cells: row.cells.iter().map(|c| c.map(|(s, _)| s)).collect(),
                late: (0..row.cells.len()).map(|r| row.late(report, r)).collect(),
                result: row.status_label(report, lang).to_owned(),
                failed: row.status(report) == super::RowStatus::Fail,
                mailed: row.sent_text(report),
                sent: sent(
                    row.submissions.iter().map(|&i| &report.submissions[i]),
                    lang,
                ),
                date: row
                    .submissions
                    .last()
                    .map(|&i| report.submissions[i].modified_text())
                    .unwrap_or_default(),
                contact: row.contact.clone().unwrap_or_default(),
            })
            .collect(),
        None => report
            .submissions
            .iter()
            .map(|s| Line {
                label: inert::cell(&s.name, lang).into_owned(),
                cells: s.requirements.iter().map(|r| Some(r.status)).collect(),
                late: s.requirements.iter().map(|r| r.late).collect(),
                result: s.status().label(lang).to_owned(),
                failed: s.status() == Status::Fail,
                mailed: s.sent_text(),
                sent: sent([s], lang),
                date: s.modified_text(),
                contact: String::new(),
            })
            .collect(),
    }
}

/// The paths of the submissions received, one a line, made inert and cut to the cell.
fn sent<'a>(subs: impl IntoIterator<Item = &'a super::SubmissionReport>, lang: Lang) -> String {
    let paths: Vec<String> = subs.into_iter().map(|s| inert::path(&s.path)).collect();
    inert::cut(paths.join("\n").into(), lang).into_owned()
}

/// Writes a header row: `titles` from column 0, with their widths.
fn header(sheet: &mut Worksheet, row: u32, titles: &[(String, f64)]) -> Result<(), XlsxError> {
    for (c, (title, width)) in titles.iter().enumerate() {
        sheet.write_string_with_format(row, c as u16, title, &bold())?;
        sheet.set_column_width(c as u16, *width)?;
    }
    Ok(())
}

/// Landscape A4, one page wide and as many long as needed, `header_row` on each page.
fn print_setup(sheet: &mut Worksheet, header_row: u32) -> Result<(), XlsxError> {
    sheet
        .set_landscape()
        .set_paper_size(9)
        .set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(header_row, header_row)?;
    Ok(())
}

/// Writes the user's values from column `first` on, as they were typed.
pub(super) fn write_values(
    sheet: &mut Worksheet,
    row: u32,
    first: u16,
    values: &[Option<Cell>],
) -> Result<(), XlsxError> {
    let day = Format::new().set_num_format("yyyy-mm-dd");
    let moment = Format::new().set_num_format("yyyy-mm-dd hh:mm");
    for (c, value) in values.iter().enumerate() {
        let col = first + c as u16;
        match value {
            None => continue,
            Some(Cell::Text(t)) => sheet.write_string(row, col, t)?,
            Some(Cell::Number(n)) => sheet.write_number(row, col, *n)?,
            Some(Cell::Date(d)) if d.fract() == 0.0 => {
                sheet.write_number_with_format(row, col, *d, &day)?
            }
            Some(Cell::Date(d)) => sheet.write_number_with_format(row, col, *d, &moment)?,
            Some(Cell::Bool(b)) => sheet.write_boolean(row, col, *b)?,
        };
    }
    Ok(())
}

fn overview(
    sheet: &mut Worksheet,
    report: &Report,
    lang: Lang,
    carried: Carried,
) -> Result<(), XlsxError> {
    sheet.set_name(tr!(lang, "sheet-overview"))?;
    // The first row says what was checked against, and when.
    let (rules, as_of) = (&report.rules_name, &report.as_of);
    let checked = tr!(lang, "sheet-checked", rules, as_of);
    sheet.write_string_with_format(0, 0, &checked, &Format::new().set_bold())?;
    let mut titles = vec![(tr!(lang, "column-submitter"), 18.0)];
    titles.extend(report.titles(lang).into_iter().map(|t| (t, 16.0)));
    titles.push((tr!(lang, "column-result"), 10.0));
    titles.push((tr!(lang, "column-sent-time"), 17.0));
    titles.push((tr!(lang, "column-received"), 50.0));
    titles.push((tr!(lang, "column-received-date"), 17.0));
    titles.push((tr!(lang, "column-contact"), 24.0));
    let ours = titles.len() as u16;
    let carried = carried.with_notes(lang);
    titles.extend(carried.headers.iter().map(|h| (h.clone(), 24.0)));
    header(sheet, 1, &titles)?;
    let lines = overview_lines(report, lang);
    let keys: Vec<Key> = lines
        .iter()
        .map(|l| Key {
            exact: l.label.clone(),
            loose: l.label.clone(),
        })
        .collect();
    let (values, orphans) = carried.assign(&keys);
    for (r, (line, values)) in lines.iter().zip(values).enumerate() {
        let row = r as u32 + 2;
        overview_line(sheet, row, line, report.requirements.len(), lang)?;
        write_values(sheet, row, ours, values.as_deref().unwrap_or_default())?;
    }
    // A city or sender no longer in the check (renamed, removed from the rules) keeps
    // its row and the notes on it, at the bottom, said to be no longer checked.
    let gone_text = tr!(lang, "tracker-row-gone");
    for (r, orphan) in orphans.iter().enumerate() {
        let row = (lines.len() + r) as u32 + 2;
        let label = orphan.shown.first().map_or("", String::as_str);
        sheet.write_string_with_format(row, 0, inert::cell(label, lang).as_ref(), &gone())?;
        let result_col = report.requirements.len() as u16 + 1;
        sheet.write_string_with_format(row, result_col, &gone_text, &gone())?;
        write_values(sheet, row, ours, &orphan.cells)?;
    }
    let last_row = (lines.len() + orphans.len()) as u32 + 1;
    sheet.set_freeze_panes(2, 1)?;
    sheet.autofilter(1, 0, last_row, titles.len() as u16 - 1)?;
    print_setup(sheet, 1)
}

/// Baosong's cells of one overview line: label, statuses, result, files, date, contact.
fn overview_line(
    sheet: &mut Worksheet,
    row: u32,
    line: &Line,
    requirements: usize,
    lang: Lang,
) -> Result<(), XlsxError> {
    let not_submitted = tr!(lang, "state-missing");
    sheet.write_string_with_format(row, 0, &line.label, &fill(0xFFFFFF))?;
    for c in 0..requirements {
        let cell = line.cells.get(c).copied().flatten();
        let mut text = cell.map_or(not_submitted.clone(), |s| s.label(lang));
        if line.late.get(c).copied().unwrap_or(false) {
            text.push_str(&tr!(lang, "sheet-late"));
        }
        sheet.write_string_with_format(row, c as u16 + 1, &text, &status_format(cell))?;
    }
    let result_col = requirements as u16 + 1;
    let result_format = if line.failed {
        status_format(Some(Status::Fail))
    } else {
        fill(0xFFFFFF)
    };
    sheet.write_string_with_format(row, result_col, &line.result, &result_format)?;
    sheet.write_string(row, result_col + 1, &line.mailed)?;
    sheet.write_string(row, result_col + 2, &line.sent)?;
    sheet.write_string(row, result_col + 3, &line.date)?;
    sheet.write_string(row, result_col + 4, &line.contact)?;
    Ok(())
}

fn findings_sheet(
    sheet: &mut Worksheet,
    report: &Report,
    lang: Lang,
    carried: Carried,
) -> Result<(), XlsxError> {
    sheet.set_name(tr!(lang, "sheet-findings"))?;
    let widths = [10.0, 24.0, 16.0, 10.0, 8.0, 26.0, 50.0, 80.0];
    let mut titles: Vec<(String, f64)> = findings_header(lang).into_iter().zip(widths).collect();
    let carried = carried.with_notes(lang);
    titles.extend(carried.headers.iter().map(|h| (h.clone(), 24.0)));
    header(sheet, 0, &titles)?;
    // Cities stay in the submitters' order (as in the CSV); within each city, what is
    // current comes first and the findings of its superseded submissions last.
    let superseded = tr!(lang, "state-superseded");
    let mut city = 0;
    let mut keyed: Vec<(usize, bool, [String; 8])> = Vec::new();
    for row in finding_rows(report, lang) {
        city += usize::from(keyed.last().is_some_and(|(_, _, last)| last[0] != row[0]));
        keyed.push((city, row[3] == superseded, row));
    }
    keyed.sort_by_key(|(city, stale, _)| (*city, *stale));
    let rows: Vec<[String; 8]> = keyed.into_iter().map(|(.., row)| row).collect();
    let keys: Vec<Key> = rows.iter().map(|r| finding_key(r)).collect();
    let (values, orphans) = carried.assign(&keys);
    for (r, (row, values)) in rows.iter().zip(values).enumerate() {
        for (c, cell) in row.iter().enumerate() {
            sheet.write_string(r as u32 + 1, c as u16, cell)?;
        }
        write_values(
            sheet,
            r as u32 + 1,
            8,
            values.as_deref().unwrap_or_default(),
        )?;
    }
    // A finding no longer reported (put right, or its file removed) keeps its row and
    // the notes on it, at the bottom, its state saying it is no longer found.
    let gone_state = tr!(lang, "state-gone");
    for (r, orphan) in orphans.iter().enumerate() {
        let row = (rows.len() + r) as u32 + 1;
        for (c, text) in orphan.shown.iter().enumerate().take(8) {
            let text = if c == 3 { &gone_state } else { text };
            sheet.write_string_with_format(
                row,
                c as u16,
                inert::cell(text, lang).as_ref(),
                &gone(),
            )?;
        }
        write_values(sheet, row, 8, &orphan.cells)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    let last_row = (rows.len() + orphans.len()) as u32;
    sheet.autofilter(0, 0, last_row, titles.len() as u16 - 1)?;
    print_setup(sheet, 0)
}

/// Column names of the findings sheet (shared with the CSV).
pub fn findings_header(lang: Lang) -> [String; 8] {
    [
        tr!(lang, "column-city"),
        tr!(lang, "column-submission"),
        tr!(lang, "column-requirement"),
        tr!(lang, "column-state"),
        tr!(lang, "column-severity"),
        tr!(lang, "column-code"),
        tr!(lang, "column-file"),
        tr!(lang, "column-message"),
    ]
}

/// A new tracker, with nothing carried over.
pub fn render(report: &Report, lang: Lang) -> Result<Vec<u8>> {
    render_with(report, lang, Tracker::default())
}

/// A new tracker carrying the user's columns and sheets of a previous one.
pub fn render_with(report: &Report, lang: Lang, old: Tracker) -> Result<Vec<u8>> {
    let mut workbook = Workbook::new();
    overview(workbook.add_worksheet(), report, lang, old.overview)?;
    findings_sheet(workbook.add_worksheet(), report, lang, old.findings)?;
    if !report.links.is_empty() || !old.links.rows.is_empty() {
        super::links::sheet(workbook.add_worksheet(), report, lang, old.links)?;
    }
    let taken = [
        tr!(lang, "sheet-overview"),
        tr!(lang, "sheet-findings"),
        tr!(lang, "sheet-links"),
    ];
    for (name, cells) in old.sheets {
        // A sheet the user added whose name is now baosong's gets a number; a name
        // this writer refuses leaves the sheet its default name, never its values.
        let mut unique = name.clone();
        for n in 2.. {
            if !taken.contains(&unique) {
                break;
            }
            unique = format!("{name} ({n})");
        }
        let sheet = workbook.add_worksheet();
        let _ = sheet.set_name(&unique);
        for (row, col, cell) in cells {
            write_values(sheet, row, col, &[Some(cell)])?;
        }
    }
    workbook
        .save_to_buffer()
        .context("cannot build the workbook")
}
