//! Workbooks as staff edit them: every sheet read with calamine, edited as cells, and
//! saved again with a real xlsx writer, as Excel would after a note is typed.

use std::path::Path;

use calamine::{Data, Reader};

/// A sheet's cells from A1, row by row.
pub type Grid = Vec<Vec<Data>>;

pub fn read_sheets(path: &Path) -> Vec<(String, Grid)> {
    let mut book = calamine::open_workbook_auto(path).unwrap();
    let mut out = Vec::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).unwrap();
        let (rows, cols) = range.end().map_or((0, 0), |(r, c)| (r + 1, c + 1));
        let grid = (0..rows)
            .map(|r| {
                (0..cols)
                    .map(|c| range.get_value((r, c)).cloned().unwrap_or(Data::Empty))
                    .collect()
            })
            .collect();
        out.push((name, grid));
    }
    out
}

/// Saves sheets as a new workbook, as a staff member's Excel would after editing.
pub fn save_sheets(path: &Path, sheets: &[(String, Grid)]) {
    let mut book = rust_xlsxwriter::Workbook::new();
    for (name, grid) in sheets {
        let sheet = book.add_worksheet().set_name(name).unwrap();
        for (r, row) in grid.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                match cell {
                    Data::String(s) => sheet.write_string(r, c, s).map(|_| ()),
                    Data::Float(f) => sheet.write_number(r, c, *f).map(|_| ()),
                    Data::Int(i) => sheet.write_number(r, c, *i as f64).map(|_| ()),
                    Data::Bool(b) => sheet.write_boolean(r, c, *b).map(|_| ()),
                    Data::DateTime(d) => {
                        let date = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
                        sheet
                            .write_number_with_format(r, c, d.as_f64(), &date)
                            .map(|_| ())
                    }
                    _ => Ok(()),
                }
                .unwrap();
            }
        }
    }
    book.save(path).unwrap();
}

pub fn text(grid: &Grid) -> Vec<Vec<String>> {
    grid.iter()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect()
}

pub fn sheet<'a>(sheets: &'a mut [(String, Grid)], name: &str) -> &'a mut Grid {
    &mut sheets.iter_mut().find(|(n, _)| n == name).unwrap().1
}

pub fn column(header: &[String], name: &str) -> usize {
    header
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no {name} in {header:?}"))
}

pub fn set(grid: &mut Grid, row: usize, col: usize, value: &str) {
    let cells = &mut grid[row];
    if cells.len() <= col {
        cells.resize(col + 1, Data::Empty);
    }
    cells[col] = Data::String(value.to_owned());
}
