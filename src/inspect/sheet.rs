//! Spreadsheets as plain rows of cell text: .xlsx/.xls/.xlsb/.ods through calamine,
//! .csv decoded like a text file (UTF-8, UTF-16 or GBK) and split on commas or tabs.
//! Finding the header and counting people is the roster check's job.

use std::io::{Cursor, Read};

use calamine::Reader;

use super::{Failure, encoding::decode_plain, ole};
use crate::codes::Code;
use crate::intake::ReadSeek;

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
                super::sniff::mismatch(&bytes, ext, msg!("kind-csv")),
            ));
        }
        let text = decode_plain(&bytes).map_err(|why| (Code::RosterUnreadable, why))?;
        return Ok(vec![read_csv(&text)]);
    }
    if bytes.starts_with(&ole::MAGIC)
        && ext != "xls"
        && ole::is_encrypted(&mut Cursor::new(&bytes[..]))
    {
        return Err((Code::DocumentEncrypted, msg!("sheet-password")));
    }
    if bytes.starts_with(b"PK\x03\x04") {
        check_package(&bytes, limit)?;
    }
    let mut workbook = calamine::open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|e| unreadable(&e.to_string()))?;
    let worksheets: Vec<String> = workbook
        .sheets_metadata()
        .iter()
        .filter(|m| m.typ == calamine::SheetType::WorkSheet)
        .map(|m| m.name.clone())
        .collect();
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
        match cells {
            Some(cells) => sheets.push(grid(name, cells)),
            // A chart or macro sheet is simply not a roster; a worksheet that cannot
            // be read is damage, and a roster is never counted up to the damage.
            None if worksheets.contains(&name) => {
                return Err((Code::RosterUnreadable, msg!("roster-unreadable", name)));
            }
            None => {}
        }
    }
    Ok(sheets)
}

/// Checks an .xlsx package before calamine opens it, so that no dependency is handed
/// a size or a count it would trust: every XML part must fit the read limit and pass
/// its CRC, and the shared-string table may not declare more strings than its bytes
/// can hold (calamine reserves memory for the declared count up front, and a 1 KB
/// workbook declaring 4 billion strings would abort the process).
///
/// Decided against running calamine in a child process: with the declared counts
/// checked here and every part bounded by the read limit, what calamine allocates is
/// bounded by the part sizes, and a child process per roster would cost a process
/// start on every check for a risk these checks already close.
fn check_package(bytes: &[u8], limit: u64) -> Result<(), Failure> {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        // Not a valid zip: calamine reports it.
        return Ok(());
    };
    let parts: Vec<String> = zip
        .file_names()
        .filter_map(Result::ok)
        .filter(|n| n.starts_with("xl/") && n.ends_with(".xml"))
        .map(|n| n.into_owned())
        .collect();
    for name in parts {
        let Some(part) = super::package::zip_part(&mut zip, &name, limit, Code::RosterUnreadable)?
        else {
            continue;
        };
        if name == "xl/sharedStrings.xml" {
            // The smallest string entry, `<si/>`, takes 5 bytes.
            let room = part.len() / 5;
            for attribute in ["uniqueCount", "count"] {
                if let Some(declared) = declared_count(&part, attribute)
                    && declared > room as u64
                {
                    return Err((
                        Code::RosterUnreadable,
                        msg!("roster-unreadable-2", declared, room),
                    ));
                }
            }
        }
    }
    Ok(())
}

/// A count attribute of the `<sst>` start tag at the top of the shared-string part.
fn declared_count(part: &[u8], attribute: &str) -> Option<u64> {
    let head = &part[..part.len().min(4096)];
    let mut xml = quick_xml::Reader::from_reader(head);
    let mut buf = Vec::new();
    loop {
        match xml.read_event_into(&mut buf) {
            Ok(quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e))
                if e.local_name().as_ref() == "sst" =>
            {
                let value = e
                    .attributes()
                    .flatten()
                    .find(|a| a.key.local_name().as_ref() == attribute)?;
                return value.value.trim().parse().ok();
            }
            Ok(quick_xml::events::Event::Eof) | Err(_) => return None,
            _ => {}
        }
        buf.clear();
    }
}

/// The cells of one .xlsx sheet within the row and column limits, read as a stream.
fn stream_xlsx<RS: std::io::Read + std::io::Seek>(
    xlsx: &mut calamine::Xlsx<RS>,
    name: &str,
) -> Option<Vec<(u32, u32, calamine::Data)>> {
    let mut reader = xlsx.worksheet_cells_reader(name).ok()?;
    let mut cells = Vec::new();
    // An error part-way is damage: the sheet is unreadable, not short.
    while let Some(cell) = reader.next_cell().ok()? {
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
    (Code::RosterUnreadable, msg!("roster-unreadable-3", why))
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
