//! The tracking workbook for provincial staff: an overview sheet (a row per city, a
//! column per requirement, colour-coded, frozen header, autofilter) and a findings
//! sheet (a row per finding).

use anyhow::{Context, Result};
use rust_xlsxwriter::{Color, Format, FormatBorder, Workbook, Worksheet, XlsxError};

use super::{Report, Status, finding_rows};
use crate::findings::Lang;

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

/// One overview line: who, each requirement's status (None: not submitted), result.
struct Line {
    label: String,
    cells: Vec<Option<Status>>,
    result: String,
    failed: bool,
    sent: String,
}

fn overview_lines(report: &Report, lang: Lang) -> Vec<Line> {
    match report.batch.then_some(&report.rows) {
        Some(rows) => rows
            .iter()
            .map(|row| Line {
                label: row.label.clone(),
                cells: row.cells.iter().map(|c| c.map(|(s, _)| s)).collect(),
                result: row.status_label(report, lang).to_owned(),
                failed: row.status(report) == super::RowStatus::Fail,
                sent: row
                    .submissions
                    .iter()
                    .map(|&i| report.submissions[i].path.display().to_string())
                    .collect::<Vec<_>>()
                    .join("\n"),
            })
            .collect(),
        None => report
            .submissions
            .iter()
            .map(|s| Line {
                label: s.name.clone(),
                cells: s.requirements.iter().map(|r| Some(r.status)).collect(),
                result: s.status().label(lang).to_owned(),
                failed: s.status() == Status::Fail,
                sent: s.path.display().to_string(),
            })
            .collect(),
    }
}

fn overview(sheet: &mut Worksheet, report: &Report, lang: Lang) -> Result<(), XlsxError> {
    let bold = Format::new()
        .set_bold()
        .set_border(FormatBorder::Thin)
        .set_background_color(Color::RGB(0xF2F2F2));
    let titles = report.titles(lang);
    let (who, result) = (tr!(lang, "column-submitter"), tr!(lang, "column-result"));
    let (sent, not_submitted) = (tr!(lang, "column-received"), tr!(lang, "state-missing"));
    sheet.set_name(tr!(lang, "sheet-overview"))?;
    // The first row says what was checked against, and when.
    let (rules, as_of) = (&report.rules_name, &report.as_of);
    let checked = tr!(lang, "sheet-checked", rules, as_of);
    sheet.write_string_with_format(0, 0, &checked, &Format::new().set_bold())?;
    sheet.write_string_with_format(1, 0, &who, &bold)?;
    for (c, t) in titles.iter().enumerate() {
        sheet.write_string_with_format(1, c as u16 + 1, t, &bold)?;
        sheet.set_column_width(c as u16 + 1, 16)?;
    }
    let result_col = titles.len() as u16 + 1;
    sheet.write_string_with_format(1, result_col, &result, &bold)?;
    sheet.write_string_with_format(1, result_col + 1, &sent, &bold)?;
    sheet.set_column_width(0, 18)?;
    sheet.set_column_width(result_col, 10)?;
    sheet.set_column_width(result_col + 1, 50)?;
    let lines = overview_lines(report, lang);
    for (r, line) in lines.iter().enumerate() {
        let row = r as u32 + 2;
        sheet.write_string_with_format(row, 0, &line.label, &fill(0xFFFFFF))?;
        for (c, cell) in line.cells.iter().enumerate() {
            let text = cell.map_or(not_submitted.clone(), |s| s.label(lang));
            sheet.write_string_with_format(row, c as u16 + 1, &text, &status_format(*cell))?;
        }
        if line.cells.is_empty() {
            for c in 0..titles.len() {
                sheet.write_string_with_format(
                    row,
                    c as u16 + 1,
                    &not_submitted,
                    &status_format(None),
                )?;
            }
        }
        let result_format = if line.failed {
            status_format(Some(Status::Fail))
        } else {
            fill(0xFFFFFF)
        };
        sheet.write_string_with_format(row, result_col, &line.result, &result_format)?;
        sheet.write_string(row, result_col + 1, &line.sent)?;
    }
    sheet.set_freeze_panes(2, 1)?;
    sheet.autofilter(1, 0, lines.len() as u32 + 1, result_col + 1)?;
    Ok(())
}

fn findings_sheet(sheet: &mut Worksheet, report: &Report, lang: Lang) -> Result<(), XlsxError> {
    let bold = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xF2F2F2));
    sheet.set_name(tr!(lang, "sheet-findings"))?;
    let header = findings_header(lang);
    let widths = [10, 24, 16, 10, 8, 26, 50, 80];
    for (c, (h, w)) in header.iter().zip(widths).enumerate() {
        sheet.write_string_with_format(0, c as u16, h, &bold)?;
        sheet.set_column_width(c as u16, w)?;
    }
    let rows = finding_rows(report, lang);
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            sheet.write_string(r as u32 + 1, c as u16, cell)?;
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, rows.len() as u32, header.len() as u16 - 1)?;
    Ok(())
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

pub fn render(report: &Report, lang: Lang) -> Result<Vec<u8>> {
    let mut workbook = Workbook::new();
    overview(workbook.add_worksheet(), report, lang)?;
    findings_sheet(workbook.add_worksheet(), report, lang)?;
    workbook
        .save_to_buffer()
        .context("cannot build the workbook")
}
