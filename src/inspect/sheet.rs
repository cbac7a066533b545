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

/// Numbers this large are phone numbers or IDs, not quantities: 10 digits and more.
const LONG_NUMBER: f64 = 1e9;

#[derive(Debug, Clone, Default)]
pub struct Sheet {
    pub name: String,
    pub rows: Vec<Vec<String>>,
    /// Row number (1-based, as the spreadsheet shows it) of `rows[0]`.
    pub first_row: usize,
    /// Cells (row index, column index) holding a long number stored as a number, as
    /// Excel does to IDs and phone numbers typed into a General column.
    pub long_numbers: Vec<(usize, usize)>,
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
        let mut long_numbers = Vec::new();
        let rows = range
            .rows()
            .take(MAX_ROWS)
            .enumerate()
            .map(|(r, row)| {
                row.iter()
                    .take(MAX_COLUMNS)
                    .enumerate()
                    .map(|(c, cell)| {
                        let number = match cell {
                            calamine::Data::Float(f) => Some(*f),
                            calamine::Data::Int(i) => Some(*i as f64),
                            _ => None,
                        };
                        if number.is_some_and(|n| n.abs() >= LONG_NUMBER) {
                            long_numbers.push((r, c));
                        }
                        cell.to_string().trim().to_owned()
                    })
                    .collect()
            })
            .collect();
        let first_row = range.start().map_or(0, |(row, _)| row as usize) + 1;
        sheets.push(Sheet {
            name,
            rows,
            first_row,
            long_numbers,
        });
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
        first_row: 1,
        long_numbers: Vec::new(),
    }
}
