//! Spreadsheets as plain rows of cell text: .xlsx/.xls/.xlsb/.ods through calamine,
//! .csv decoded like a text file (UTF-8, UTF-16 or GBK) and split on commas or tabs.
//! Finding the header and counting people is the roster check's job.

use std::io::{Cursor, Read};

use calamine::Reader;

use super::{Failure, ole, text::decode_plain};
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

pub fn read(reader: &mut dyn ReadSeek, ext: &str, limit: u64) -> Result<Vec<Sheet>, Failure> {
    let mut bytes = Vec::new();
    reader
        .take(limit)
        .read_to_end(&mut bytes)
        .map_err(|e| unreadable(&e.to_string()))?;
    if ext == "csv" {
        if super::sniff::real_format(&bytes).is_some() {
            return Err((
                Code::RosterUnreadable,
                super::sniff::mismatch(&bytes, ext, " CSV 表格", "a CSV table"),
            ));
        }
        let text = decode_plain(&bytes).map_err(|why| (Code::RosterUnreadable, why))?;
        return Ok(vec![read_csv(&text)]);
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
        // .xlsx is streamed cell by cell: its sheets may declare a million rows, which a
        // dense range would allocate. .xls/.et/.ods are bounded by their formats.
        let cells = match &mut workbook {
            calamine::Sheets::Xlsx(xlsx) => stream_xlsx(xlsx, &name),
            other => other.worksheet_range(&name).ok().map(|range| {
                let (top, left) = range.start().unwrap_or((0, 0));
                range
                    .cells()
                    .map(|(r, c, cell)| (top + r as u32, left + c as u32, cell.clone()))
                    .collect()
            }),
        };
        // A sheet that cannot be read (a chart sheet, say) is simply not a roster.
        if let Some(cells) = cells {
            sheets.push(grid(name, cells));
        }
    }
    Ok(sheets)
}

/// The cells of one .xlsx sheet within the row and column limits, read as a stream.
fn stream_xlsx<RS: std::io::Read + std::io::Seek>(
    xlsx: &mut calamine::Xlsx<RS>,
    name: &str,
) -> Option<Vec<(u32, u32, calamine::Data)>> {
    let mut reader = xlsx.worksheet_cells_reader(name).ok()?;
    let mut cells = Vec::new();
    while let Ok(Some(cell)) = reader.next_cell() {
        let (row, col) = cell.get_position();
        if row as usize >= MAX_ROWS {
            break;
        }
        if (col as usize) < MAX_COLUMNS {
            cells.push((row, col, calamine::Data::from(cell.get_value().clone())));
        }
    }
    Some(cells)
}

/// Lays out cells as rows of text from the first used row and column, within limits.
fn grid(name: String, cells: Vec<(u32, u32, calamine::Data)>) -> Sheet {
    let cells: Vec<_> = cells
        .into_iter()
        .filter(|(r, c, d)| {
            (*r as usize) < MAX_ROWS
                && (*c as usize) < MAX_COLUMNS
                && !matches!(d, calamine::Data::Empty)
        })
        .collect();
    let top = cells.iter().map(|c| c.0).min().unwrap_or(0);
    let left = cells.iter().map(|c| c.1).min().unwrap_or(0);
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut long_numbers = Vec::new();
    for (r, c, data) in cells {
        let (r, c) = ((r - top) as usize, (c - left) as usize);
        if rows.len() <= r {
            rows.resize(r + 1, Vec::new());
        }
        if rows[r].len() <= c {
            rows[r].resize(c + 1, String::new());
        }
        let number = match data {
            calamine::Data::Float(f) => Some(f),
            calamine::Data::Int(i) => Some(i as f64),
            _ => None,
        };
        if number.is_some_and(|n| n.abs() >= LONG_NUMBER) {
            long_numbers.push((r, c));
        }
        rows[r][c] = data.to_string().trim().to_owned();
    }
    Sheet {
        name,
        rows,
        first_row: top as usize + 1,
        long_numbers,
    }
}

fn unreadable(why: &str) -> Failure {
    (
        Code::RosterUnreadable,
        msg!("无法读取：{why}", "cannot be read: {why}"),
    )
}

fn read_csv(text: &str) -> Sheet {
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
