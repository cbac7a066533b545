//! Spreadsheets as plain rows of cell text: .xlsx/.xls/.xlsb/.ods through calamine,
//! .csv decoded like a text file (UTF-8, UTF-16 or GBK) and split on commas or tabs.
//! Finding the header and counting people is the roster check's job.

use std::io::{Cursor, Read};

use calamine::Reader;

use super::{Failure, cfb_guard, encoding::decode_plain, ole, sheet_cells};
use crate::codes::Code;
use crate::intake::ReadSeek;
use crate::limits::{MAX_SHEET_CELLS, MAX_SHEET_COLUMNS, MAX_SHEET_ROWS};

/// Numbers this large are phone numbers or IDs, not quantities: 10 digits and more.
const LONG_NUMBER: f64 = 1e9;

#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
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
        return Ok(vec![read_csv(&text)?]);
    }
    if bytes.starts_with(&ole::MAGIC) {
        check_compound(&bytes)?;
        if ext != "xls" && ole::is_encrypted(&mut Cursor::new(&bytes[..])) {
            return Err((Code::DocumentEncrypted, msg!("sheet-password")));
        }
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
    // Cells kept across the workbook's sheets.
    let mut budget = MAX_SHEET_CELLS;
    for name in workbook.sheet_names() {
        // .xlsx and .xlsb are streamed cell by cell: a dense range would allocate the
        // rectangle from their first cell to their last. .ods and .xls are read whole
        // by calamine when the workbook opens, which the cell counts checked before
        // bound (see [`sheet_cells`]).
        let cells = match &mut workbook {
            calamine::Sheets::Xlsx(xlsx) => stream_xlsx(xlsx, &name, &mut budget)?,
            calamine::Sheets::Xlsb(xlsb) => stream_xlsb(xlsb, &name, &mut budget)?,
            other => match other.worksheet_range(&name) {
                Ok(range) => {
                    let (top, left) = range.start().unwrap_or((0, 0));
                    let mut cells = Vec::new();
                    for (r, c, cell) in range.cells() {
                        let at = (top + r as u32, left + c as u32);
                        keep(&mut cells, &mut budget, &name, at, cell.clone())?;
                    }
                    Some(cells)
                }
                Err(_) => None,
            },
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

/// Checks an .xlsx, .xlsb or .ods package before calamine opens it, so that no
/// dependency is handed a size or a count it would trust: every XML or binary part of
/// a workbook (and an .ods's `content.xml`) must fit the read limit and pass its CRC,
/// the shared-string table may not declare more strings than its bytes can hold
/// (calamine reserves memory for the declared count up front, and a 1 KB workbook
/// declaring 4 billion strings would abort the process), and an .ods may not declare
/// more cells than the cell limit (see [`sheet_cells::ods`]).
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
        .filter(|n| {
            (n.starts_with("xl/") && (n.ends_with(".xml") || n.ends_with(".bin")))
                || *n == "content.xml"
        })
        .map(|n| n.into_owned())
        .collect();
    for name in parts {
        let Some(part) = super::package::zip_part(&mut zip, &name, limit, Code::RosterUnreadable)?
        else {
            continue;
        };
        if name == "content.xml" {
            sheet_cells::ods(&part)?;
        }
        if name == "xl/sharedStrings.xml" {
            // The smallest string entry, `<si/>`, takes 5 bytes.
            let room = part.len() / 5;
            for attribute in ["uniqueCount", "count"] {
                if let Some(declared) = declared_count(&part, attribute)
                    && declared > room as u64
                {
                    return Err((
                        Code::RosterUnreadable,
                        msg!("roster-record-count-wrong", declared, room),
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

/// A sheet's cells at (row, column) with their values.
type Cells = Vec<(u32, u32, calamine::Data)>;

/// Keeps one non-empty cell: a sheet with one right of the column limit or below the
/// row limit, or a workbook of more cells than `budget` allows, is refused.
fn keep(
    cells: &mut Cells,
    budget: &mut u64,
    name: &str,
    (row, col): (u32, u32),
    value: calamine::Data,
) -> Result<(), Failure> {
    if matches!(value, calamine::Data::Empty) {
        return Ok(());
    }
    if col as usize >= MAX_SHEET_COLUMNS {
        let limit = MAX_SHEET_COLUMNS;
        return Err((
            Code::SheetTooLarge,
            msg!("sheet-too-many-columns", name, limit),
        ));
    }
    if row as usize >= MAX_SHEET_ROWS {
        let limit = MAX_SHEET_ROWS;
        return Err((
            Code::SheetTooLarge,
            msg!("sheet-too-many-rows-named", name, limit),
        ));
    }
    if *budget == 0 {
        let limit = MAX_SHEET_CELLS;
        return Err((Code::SheetTooLarge, msg!("sheet-too-large", name, limit)));
    }
    *budget -= 1;
    cells.push((row, col, value));
    Ok(())
}

/// The cells of one .xlsx sheet, read as a stream; None when the sheet is damaged
/// (an error part-way: the sheet is unreadable, not short).
fn stream_xlsx<RS: std::io::Read + std::io::Seek>(
    xlsx: &mut calamine::Xlsx<RS>,
    name: &str,
    budget: &mut u64,
) -> Result<Option<Cells>, Failure> {
    let Ok(mut reader) = xlsx.worksheet_cells_reader(name) else {
        return Ok(None);
    };
    let mut cells = Vec::new();
    loop {
        match reader.next_cell() {
            Ok(Some(cell)) => {
                let value = calamine::Data::from(cell.get_value().clone());
                keep(&mut cells, budget, name, cell.get_position(), value)?;
            }
            Ok(None) => return Ok(Some(cells)),
            Err(_) => return Ok(None),
        }
    }
}

/// As [`stream_xlsx`], for a binary .xlsb sheet.
fn stream_xlsb<RS: std::io::Read + std::io::Seek>(
    xlsb: &mut calamine::Xlsb<RS>,
    name: &str,
    budget: &mut u64,
) -> Result<Option<Cells>, Failure> {
    let Ok(mut reader) = xlsb.worksheet_cells_reader(name) else {
        return Ok(None);
    };
    let mut cells = Vec::new();
    loop {
        match reader.next_cell() {
            Ok(Some(cell)) => {
                let value = calamine::Data::from(cell.get_value().clone());
                keep(&mut cells, budget, name, cell.get_position(), value)?;
            }
            Ok(None) => return Ok(Some(cells)),
            Err(_) => return Ok(None),
        }
    }
}

/// Checks a compound file (.xls, .et) before calamine opens it: its chains (see
/// [`cfb_guard`]), then the cells its workbook stream would make calamine hold.
fn check_compound(bytes: &[u8]) -> Result<(), Failure> {
    let damaged = || (Code::RosterUnreadable, msg!("ole-damaged-sheet"));
    let mut reader = Cursor::new(bytes);
    let compound = cfb_guard::check(&mut reader).map_err(|_| damaged())?;
    let mut stream = compound
        .stream(&mut reader, "Workbook")
        .map_err(|_| damaged())?;
    if stream.is_none() {
        stream = compound
            .stream(&mut reader, "Book")
            .map_err(|_| damaged())?;
    }
    match stream {
        Some(stream) => sheet_cells::xls(&stream),
        // No workbook in it: calamine says so.
        None => Ok(()),
    }
}

/// Lays out kept cells (see [`keep`]) as rows of text from the first used row and
/// column.
fn grid(name: String, cells: Cells) -> Sheet {
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
    (Code::RosterUnreadable, msg!("roster-unreadable-why", why))
}

/// A .csv text as one sheet: refused when it holds more fields than the cell limit,
/// more rows than the row limit, or a field right of the column limit.
fn read_csv(text: &str) -> Result<Sheet, Failure> {
    let first_line = text.lines().next().unwrap_or("");
    let delimiter = if first_line.matches('\t').count() > first_line.matches(',').count() {
        b'\t'
    } else {
        b','
    };
    sheet_cells::csv(text, delimiter)?;
    let mut csv = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows: Vec<Vec<String>> = Vec::new();
    for record in csv.records().filter_map(Result::ok) {
        if rows.len() == MAX_SHEET_ROWS {
            let limit = MAX_SHEET_ROWS;
            return Err((Code::SheetTooLarge, msg!("sheet-too-many-rows", limit)));
        }
        let mut cells: Vec<String> = record.iter().map(|c| c.trim().to_owned()).collect();
        if cells.iter().skip(MAX_SHEET_COLUMNS).any(|c| !c.is_empty()) {
            let limit = MAX_SHEET_COLUMNS;
            return Err((Code::SheetTooLarge, msg!("csv-too-many-columns", limit)));
        }
        cells.truncate(MAX_SHEET_COLUMNS);
        rows.push(cells);
    }
    Ok(Sheet {
        name: String::new(),
        rows,
        first_row: 1,
        long_numbers: Vec::new(),
    })
}
