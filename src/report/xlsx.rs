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

use super::carried::{Carried, Key, Tracker, finding_key, gone, write_values};
use super::{Report, Status, finding_rows};
use crate::findings::Lang;
use crate::inert;

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
