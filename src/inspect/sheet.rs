//! Spreadsheets as plain rows of cell text: .xlsx/.xls/.xlsb/.ods through calamine,
//! .csv decoded like a text file (UTF-8, UTF-16 or GBK) and split on commas or tabs.
//! Finding the header and counting people is the roster check's job.

use std::io::{Cursor, Read};

use calamine::Reader;

use super::{Failure, MAX_PART_BYTES, ole, text::decode_text};
use crate::codes::Code;
use crate::intake::ReadSeek;
use crate::msg;

/// Rows read per sheet; a roster of opening-ceremony attendees is far shorter.
pub const MAX_ROWS: usize = 10_000;
/// Columns read per row.
pub const MAX_COLUMNS: usize = 200;

#[derive(Debug, Clone)]
pub struct Sheet {
    pub name: String,
    pub rows: Vec<Vec<String>>,
}

pub fn read(reader: &mut dyn ReadSeek, ext: &str) -> Result<Vec<Sheet>, Failure> {
    let mut bytes = Vec::new();
    reader
        .take(MAX_PART_BYTES)
        .read_to_end(&mut bytes)
        .map_err(|e| unreadable(&e.to_string()))?;
    if ext == "csv" {
        return Ok(vec![read_csv(&bytes)]);
    }
    if bytes.starts_with(&ole::MAGIC)
        && ext != "xls"
        && ole::is_encrypted(&mut Cursor::new(&bytes[..]))
    {
        return Err((
            Code::DocumentEncrypted,
            msg!(
                "表格设置了打开密码",
                "the spreadsheet is password-protected"
            ),
        ));
    }
    let mut workbook = calamine::open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|e| unreadable(&e.to_string()))?;
    let mut sheets = Vec::new();
    for name in workbook.sheet_names() {
        // A sheet calamine cannot read (a chart sheet, say) is simply not a roster.
        let Ok(range) = workbook.worksheet_range(&name) else {
            continue;
        };
        let rows = range
            .rows()
            .take(MAX_ROWS)
            .map(|row| {
                row.iter()
                    .take(MAX_COLUMNS)
                    .map(|cell| cell.to_string().trim().to_owned())
                    .collect()
            })
            .collect();
        sheets.push(Sheet { name, rows });
    }
    Ok(sheets)
}

fn unreadable(why: &str) -> Failure {
    (
        Code::RosterUnreadable,
        msg!("无法读取：{why}", "cannot be read: {why}"),
    )
}

fn read_csv(bytes: &[u8]) -> Sheet {
    let text = decode_text(bytes);
    let first_line = text.lines().next().unwrap_or("");
    let delimiter = if first_line.matches('\t').count() > first_line.matches(',').count() {
        b'\t'
    } else {
        b','
    };
    let mut csv = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let rows = csv
        .records()
        .take(MAX_ROWS)
        .filter_map(Result::ok)
        .map(|record| {
            record
                .iter()
                .take(MAX_COLUMNS)
                .map(|c| c.trim().to_owned())
                .collect()
        })
        .collect();
    Sheet {
        name: String::new(),
        rows,
    }
}
