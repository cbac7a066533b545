//! What staff typed into a previous tracker, as it is carried into the next one: their
//! columns by row identity ([`Key`]), their sheets by name, and how carried values and
//! rows that no longer exist are written back (see [`super::tracker`], which reads
//! them, and [`super::xlsx`] and [`super::links`], which write them).

use rust_xlsxwriter::{Color, Format, Worksheet, XlsxError};

use crate::findings::Lang;

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
    pub fn with_notes(mut self, lang: Lang) -> Self {
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
    pub fn assign(self, keys: &[Key]) -> (Vec<Option<Values>>, Vec<CarriedRow>) {
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

/// Baosong's part of a row that no longer exists, kept for the user's notes beside it.
pub fn gone() -> Format {
    Format::new()
        .set_font_color(Color::RGB(0x808080))
        .set_italic()
}

/// Writes the user's values from column `first` on, as they were typed.
pub fn write_values(
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
