//! The cells a workbook would make its reader hold, counted before the reader runs.
//!
//! calamine allocates for what a file declares, not for what it holds: an .ods cell
//! repeated ten million times is ten million cells (an 836-byte file took 2 GB), an
//! .xls sheet reserves room for the rows × columns of its DIMENSIONS record and lays
//! its cells out in the rectangle from the first to the last, and a .csv row of
//! sixty million commas is sixty million fields. Each format is scanned here the way
//! its reader will read it, and a workbook past [`MAX_SHEET_CELLS`] is refused with a
//! finding before any reader allocates for it. .xlsx is streamed cell by cell by the
//! sheet reader itself, which counts as it goes.

use quick_xml::events::{BytesStart, Event};

use super::Failure;
use crate::codes::Code;
use crate::limits::MAX_SHEET_CELLS;

/// calamine's own caps on an .ods table: rows and columns it expands repeats to.
const ODS_MAX_ROWS: u64 = 1_048_576;
const ODS_MAX_COLUMNS: u64 = 16_384;

fn too_many(name: &str) -> Failure {
    let limit = MAX_SHEET_CELLS;
    (Code::SheetTooLarge, msg!("sheet-too-large", name, limit))
}

/// One .ods table as calamine builds it: every row stores its cells up to its last
/// non-empty one (repeats included), then the rectangle from the first to the last
/// non-empty row and column is laid out with every repeated row expanded.
#[derive(Default)]
struct OdsTable {
    name: String,
    /// Cells stored row by row before the rectangle is laid out.
    stored: u64,
    /// Rows so far, repeats expanded.
    rows: u64,
    first_row: Option<u64>,
    end_row: u64,
    first_col: u64,
    end_col: u64,
}

impl OdsTable {
    fn cells(&self) -> u64 {
        let Some(first) = self.first_row else {
            return 0;
        };
        let rows = self.end_row.saturating_sub(first);
        let cols = self.end_col.saturating_sub(self.first_col);
        self.stored.saturating_add(rows.saturating_mul(cols))
    }

    fn row(&mut self, repeats: u64, first_col: Option<u64>, end_col: u64) {
        let repeats = repeats.min(ODS_MAX_ROWS.saturating_sub(self.rows));
        if let Some(first_col) = first_col {
            self.stored = self.stored.saturating_add(end_col);
            if self.first_row.is_none() {
                self.first_col = first_col;
            }
            self.first_row.get_or_insert(self.rows);
            self.first_col = self.first_col.min(first_col);
            self.end_col = self.end_col.max(end_col);
            self.end_row = self.rows + repeats;
        }
        self.rows += repeats;
    }
}

fn repeats(e: &BytesStart, attribute: &str) -> u64 {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == attribute)
        .and_then(|a| a.value.trim().parse().ok())
        .unwrap_or(1)
}

/// Whether calamine takes an .ods cell for one with content: a value type or a
/// formula, or anything inside it. Counting a cell with an empty paragraph too only
/// errs on the safe side.
fn has_content(e: &BytesStart, has_children: bool) -> bool {
    has_children
        || e.attributes().flatten().any(|a| {
            matches!(
                a.key.as_ref(),
                "office:value-type" | "office:value" | "table:formula"
            )
        })
}

/// Refuses an .ods whose `content.xml` makes calamine hold more than the limit.
pub fn ods(content: &[u8]) -> Result<(), Failure> {
    let mut xml = quick_xml::Reader::from_reader(content);
    let mut buf = Vec::new();
    let mut total: u64 = 0;
    let mut table = OdsTable::default();
    // The row being read: its repeats, its first non-empty column, the column after
    // its last non-empty one, and the columns so far.
    let mut row: Option<(u64, Option<u64>, u64, u64)> = None;
    loop {
        let event = match xml.read_event_into(&mut buf) {
            Ok(Event::Eof) | Err(_) => return Ok(()),
            Ok(event) => event,
        };
        match event {
            Event::Start(e) if e.name().as_ref() == "table:table" => {
                let name = e
                    .try_get_attribute("table:name")
                    .ok()
                    .flatten()
                    .map(|a| a.value.into_owned());
                table = OdsTable {
                    name: name.unwrap_or_default(),
                    ..OdsTable::default()
                };
            }
            Event::End(e) if e.name().as_ref() == "table:table" => {
                total = total.saturating_add(table.cells());
                if total > MAX_SHEET_CELLS {
                    return Err(too_many(&table.name));
                }
            }
            Event::Start(e) if e.name().as_ref() == "table:table-row" => {
                row = Some((repeats(&e, "table:number-rows-repeated"), None, 0, 0));
            }
            Event::Empty(e) if e.name().as_ref() == "table:table-row" => {
                table.row(repeats(&e, "table:number-rows-repeated"), None, 0);
            }
            Event::End(e) if e.name().as_ref() == "table:table-row" => {
                if let Some((repeats, first, end, _)) = row.take() {
                    table.row(repeats, first, end);
                }
                if total.saturating_add(table.cells()) > MAX_SHEET_CELLS {
                    return Err(too_many(&table.name));
                }
            }
            Event::Start(ref e) | Event::Empty(ref e)
                if matches!(
                    e.name().as_ref(),
                    "table:table-cell" | "table:covered-table-cell"
                ) =>
            {
                let children = matches!(event, Event::Start(_));
                let cols = repeats(e, "table:number-columns-repeated");
                if let Some((_, first, end, at)) = row.as_mut() {
                    let from = *at;
                    *at = at.saturating_add(cols).min(ODS_MAX_COLUMNS);
                    if has_content(e, children) {
                        first.get_or_insert(from);
                        *end = *at;
                    }
                }
                if children {
                    let name = e.name().as_ref().to_owned();
                    let end = quick_xml::name::QName(&name);
                    if xml.read_to_end_into(end, &mut Vec::new()).is_err() {
                        return Ok(());
                    }
                }
            }
            _ => {}
        }
        buf.clear();
    }
}

/// One BIFF record: its type, its data, and where the next record starts. CONTINUE
/// records are skipped over as part of the record before them, as calamine does.
fn record(stream: &[u8], at: usize) -> Option<(u16, &[u8], usize)> {
    let head = stream.get(at..at + 4)?;
    let typ = u16::from_le_bytes([head[0], head[1]]);
    let len = u16::from_le_bytes([head[2], head[3]]) as usize;
    let data = stream.get(at + 4..at + 4 + len)?;
    let mut next = at + 4 + len;
    while let Some(h) = stream.get(next..next + 4)
        && u16::from_le_bytes([h[0], h[1]]) == 0x003C
    {
        next += 4 + u16::from_le_bytes([h[2], h[3]]) as usize;
    }
    Some((typ, data, next))
}

fn u16_at(b: &[u8], at: usize) -> Option<u64> {
    Some(u64::from(u16::from_le_bytes(
        b.get(at..at + 2)?.try_into().ok()?,
    )))
}

fn u32_at(b: &[u8], at: usize) -> Option<u64> {
    Some(u64::from(u32::from_le_bytes(
        b.get(at..at + 4)?.try_into().ok()?,
    )))
}

/// Cells calamine reserves for a DIMENSIONS record: rows × columns as it computes
/// them, a range that ends before it starts being taken for the worst.
fn dimension_cells(data: &[u8]) -> Option<u64> {
    let (first_row, end_row, first_col, end_col) = match data.len() {
        10 => (
            u16_at(data, 0)?,
            u16_at(data, 2)?,
            u16_at(data, 4)?,
            u16_at(data, 6)?,
        ),
        14 | 16 => (
            u32_at(data, 0)?,
            u32_at(data, 4)?,
            u16_at(data, 8)?,
            u16_at(data, 10)?,
        ),
        _ => return None,
    };
    let first_col = if first_col > 0xFF || end_col < first_col {
        0
    } else {
        first_col
    };
    if end_row == 0 || end_col == 0 {
        return Some(1);
    }
    let rows = end_row.checked_sub(first_row).unwrap_or(u64::MAX);
    let cols = end_col.checked_sub(first_col).unwrap_or(u64::MAX);
    Some(rows.saturating_mul(cols))
}

/// The cells of a sheet's records: the row and the columns each cell record covers.
fn cell_span(typ: u16, data: &[u8]) -> Option<(u64, u64, u64)> {
    let row = u16_at(data, 0)?;
    let col = u16_at(data, 2)?;
    match typ {
        // Number, Label, RString, BoolErr, Rk, LabelSst, Formula.
        0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD | 0x0006 => Some((row, col, col)),
        // MulRk: a run of columns, the last named at the record's end.
        0x00BD => Some((row, col, u16_at(data, data.len().checked_sub(2)?)?)),
        _ => None,
    }
}

/// A sheet's name from its BoundSheet record (BIFF8: 8-bit or UTF-16 characters).
fn sheet_name(data: &[u8]) -> String {
    let count = data.get(6).copied().unwrap_or(0) as usize;
    let wide = data.get(7).is_some_and(|f| f & 1 == 1);
    let chars = data.get(8..).unwrap_or(&[]);
    if wide {
        let units: Vec<u16> = chars
            .chunks_exact(2)
            .take(count)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        chars.iter().take(count).map(|&b| b as char).collect()
    }
}

/// Cells calamine holds for the sheet whose substream starts at `at`, and the bytes
/// its records span: the larger of its DIMENSIONS reservation and the rectangle its
/// cells lay out. Records of embedded substreams (charts) are skipped, as calamine
/// skips them.
fn xls_sheet(stream: &[u8], at: usize) -> (u64, usize) {
    let (mut reserved, mut depth, mut seen_bof) = (0u64, 0usize, false);
    let mut rows = (u64::MAX, 0u64);
    let mut cols = (u64::MAX, 0u64);
    let mut next = at;
    while let Some((typ, data, after)) = record(stream, next) {
        next = after;
        match typ {
            0x0809 if seen_bof => depth += 1,
            0x0809 => seen_bof = true,
            0x000A if depth == 0 => break,
            0x000A => depth -= 1,
            _ if depth > 0 => {}
            0x0200 => reserved = reserved.max(dimension_cells(data).unwrap_or(0)),
            _ => {
                if let Some((row, first, last)) = cell_span(typ, data) {
                    rows = (rows.0.min(row), rows.1.max(row));
                    cols = (cols.0.min(first), cols.1.max(last));
                }
            }
        }
    }
    let laid_out = if rows.0 <= rows.1 && cols.0 <= cols.1 {
        (rows.1 - rows.0 + 1).saturating_mul(cols.1 - cols.0 + 1)
    } else {
        0
    };
    (reserved.max(laid_out), next.saturating_sub(at))
}

/// Refuses an .xls whose `Workbook` stream makes calamine hold more than the limit,
/// or whose sheets overlap (each sheet is read from where the workbook says it
/// starts; in a sound file the sheets' records follow each other).
pub fn xls(stream: &[u8]) -> Result<(), Failure> {
    let mut sheets = Vec::new();
    let mut next = 0;
    while let Some((typ, data, after)) = record(stream, next) {
        next = after;
        match typ {
            0x0085 => {
                if let Some(at) = u32_at(data, 0) {
                    sheets.push((at as usize, sheet_name(data)));
                }
            }
            0x000A => break,
            _ => {}
        }
    }
    let (mut total, mut spanned) = (0u64, 0usize);
    for (at, name) in sheets {
        if at > stream.len() {
            continue;
        }
        let (cells, span) = xls_sheet(stream, at);
        total = total.saturating_add(cells);
        spanned = spanned.saturating_add(span);
        if spanned > stream.len() {
            return Err((Code::RosterUnreadable, msg!("ole-damaged-sheet")));
        }
        if total > MAX_SHEET_CELLS {
            return Err(too_many(&name));
        }
    }
    Ok(())
}

/// Where a .csv scan is: a quote opens a quoted field only at a field's start, and a
/// doubled quote inside one is a quote, as the csv reader takes them.
#[derive(Clone, Copy, PartialEq)]
enum Csv {
    FieldStart,
    Field,
    Quoted,
    QuoteInQuoted,
}

/// Refuses a .csv text with more than the limit of fields, counted as the csv reader
/// will split them, so that it never builds a row of millions of fields.
pub fn csv(text: &str, delimiter: u8) -> Result<(), Failure> {
    let (mut total, mut state, mut in_line) = (0u64, Csv::FieldStart, false);
    for &b in text.as_bytes() {
        let quoted = state == Csv::Quoted;
        if !quoted && matches!(b, b'\n' | b'\r') {
            (state, in_line) = (Csv::FieldStart, false);
            continue;
        }
        if !in_line {
            in_line = true;
            total += 1;
        }
        state = match (state, b) {
            (Csv::Quoted, b'"') => Csv::QuoteInQuoted,
            (Csv::Quoted, _) => Csv::Quoted,
            (Csv::FieldStart | Csv::QuoteInQuoted, b'"') => Csv::Quoted,
            (_, b) if b == delimiter => {
                total += 1;
                Csv::FieldStart
            }
            _ => Csv::Field,
        };
        if total > MAX_SHEET_CELLS {
            let limit = MAX_SHEET_CELLS;
            return Err((Code::SheetTooLarge, msg!("sheet-too-many-cells", limit)));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(rows: &str) -> Vec<u8> {
        format!(r#"<office:spreadsheet><table:table table:name="t">{rows}</table:table></office:spreadsheet>"#)
            .into_bytes()
    }

    const FULL: &str =
        r#"<table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell>"#;

    #[test]
    fn ods_cells_count_what_calamine_lays_out() {
        // A roster, then LibreOffice's empty repeats to the end of the sheet: nothing
        // is laid out for those.
        let roster = format!("<table:table-row>{FULL}{FULL}</table:table-row>").repeat(50);
        let trailing = r#"<table:table-row table:number-rows-repeated="1048000"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>"#;
        assert!(ods(&table(&format!("{roster}{trailing}"))).is_ok());
        // One cell with content repeated over 1,001 × 1,000 cells.
        let many = r#"<table:table-row table:number-rows-repeated="1001"><table:table-cell table:number-columns-repeated="1000" office:value-type="float" office:value="1"/></table:table-row>"#;
        let refused = ods(&table(many)).unwrap_err();
        assert_eq!(refused.0, Code::SheetTooLarge);
        // Two cells far apart: the rectangle between them.
        let far = format!(
            r#"<table:table-row>{FULL}</table:table-row><table:table-row table:number-rows-repeated="2000"><table:table-cell/></table:table-row><table:table-row><table:table-cell table:number-columns-repeated="999"/>{FULL}</table:table-row>"#
        );
        assert!(ods(&table(&far)).is_err());
        let near = far.replace("999", "9");
        assert!(ods(&table(&near)).is_ok());
    }

    #[test]
    fn csv_fields_are_counted_as_the_csv_reader_splits_them() {
        let limit = MAX_SHEET_CELLS as usize;
        let wide = format!("a,b\n{}", ",".repeat(limit));
        assert!(csv(&wide, b',').is_err());
        // A quote opens a quoted field only at the field's start.
        assert!(csv(&format!("a\"{}", ",".repeat(limit)), b',').is_err());
        assert!(csv(&format!("\"{}\"", ",".repeat(limit)), b',').is_ok());
        assert!(csv(&format!("\"a\"\"{}\"", ",".repeat(limit)), b',').is_ok());
        assert!(csv(&"a,b\r\n".repeat(limit / 2 - 1), b',').is_ok());
        assert!(csv(&"a,b\r\n".repeat(limit / 2 + 1), b',').is_err());
    }

    /// A BIFF record.
    fn record(typ: u16, data: &[u8]) -> Vec<u8> {
        let mut out = typ.to_le_bytes().to_vec();
        out.extend((data.len() as u16).to_le_bytes());
        out.extend(data);
        out
    }

    /// A workbook stream of one sheet holding `records`, listed `listed` times.
    fn workbook_listing(records: &[Vec<u8>], listed: usize) -> Vec<u8> {
        let bof = record(0x0809, &[0; 16]);
        let eof = record(0x000A, &[]);
        let mut out = bof.clone();
        let mut places = Vec::new();
        for _ in 0..listed {
            places.push(out.len() + 4);
            out.extend(record(0x0085, &[0, 0, 0, 0, 0, 0, 1, 0, b'S']));
        }
        out.extend(&eof);
        let sheet_at = (out.len() as u32).to_le_bytes();
        for at in places {
            out[at..at + 4].copy_from_slice(&sheet_at);
        }
        out.extend(&bof);
        records.iter().for_each(|r| out.extend(r));
        out.extend(&eof);
        out
    }

    fn workbook(records: &[Vec<u8>]) -> Vec<u8> {
        workbook_listing(records, 1)
    }

    fn number(row: u16, col: u16) -> Vec<u8> {
        let mut data = row.to_le_bytes().to_vec();
        data.extend(col.to_le_bytes());
        data.extend([0; 10]);
        record(0x0203, &data)
    }

    fn dimensions(rows: u32, cols: u16) -> Vec<u8> {
        let mut data = 0u32.to_le_bytes().to_vec();
        data.extend(rows.to_le_bytes());
        data.extend(0u16.to_le_bytes());
        data.extend(cols.to_le_bytes());
        data.extend([0, 0]);
        record(0x0200, &data)
    }

    #[test]
    fn xls_cells_are_the_dimensions_reserved_and_the_rectangle_laid_out() {
        assert!(xls(&workbook(&[dimensions(60, 4), number(0, 0), number(59, 3)])).is_ok());
        assert!(xls(&workbook(&[dimensions(1_048_576, 256), number(0, 0)])).is_err());
        // Two cells at opposite corners of a BIFF8 sheet.
        assert!(xls(&workbook(&[number(0, 0), number(65_535, 255)])).is_err());
        // One sheet listed three times over: its records would be read thrice.
        let listed = workbook_listing(&[number(0, 0)], 3);
        assert_eq!(xls(&listed).unwrap_err().0, Code::RosterUnreadable);
        assert!(xls(&workbook_listing(&[number(0, 0)], 1)).is_ok());
    }
}
