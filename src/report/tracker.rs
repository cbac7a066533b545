//! The tracker that survives re-runs. Provincial staff write the same
//! `--report 跟踪表.xlsx` again and again over weeks, and type their own notes into it.
//! Before it is replaced, the previous workbook is read, and what baosong does not
//! compute is carried into the new one (see [`super::xlsx`] for where it goes):
//!
//! - overview: every column whose header baosong does not write (the 备注 column,
//!   a column the user added such as 催报记录), by the row's label (the city, or the
//!   name of a submission matching no city);
//! - findings: every such column, by the finding's identity: city, submission, code
//!   and file, preferring the same message too (see [`super::xlsx::finding_key`]);
//! - links: every such column of the 下载链接 sheet (已下载, 备注), by the link's address;
//! - any sheet the user added, as it is.
//!
//! Values are carried, not looks: a formula comes back as its last computed value, and
//! cell colours, comments and charts of the old workbook are not kept.
//!
//! A previous file is never lost. One that cannot be read as a tracker (damaged, not a
//! workbook, a workbook with no 报送单位 column) or cannot be replaced (open in Excel on
//! Windows, read-only) is left byte for byte as it was: the new tracker is written
//! beside it (`跟踪表（新）.xlsx`), and the note on stderr names both files.

use std::io::{Cursor, ErrorKind, Write};
use std::path::{Path, PathBuf};

use anyhow::Result;
use calamine::{Data, Range, Reader, Xlsx, open_workbook_from_rs};

use super::carried::{Carried, CarriedRow, Cell, Key, SheetValues, Tracker, finding_key};
use super::xlsx::{self, findings_header};
use super::{Format, Report};
use crate::findings::Lang;

/// Where the tracker went, and what to tell the user when it is not where they asked.
#[derive(Debug)]
pub struct Written {
    pub path: PathBuf,
    /// Set when the tracker was written beside the asked-for file: names both.
    pub note: Option<String>,
}

/// Writes a `--report` file: the tracker as [`write`] does, any other format as it
/// renders, over whatever is there.
pub fn write_report(report: &Report, format: Format, lang: Lang, path: &Path) -> Result<Written> {
    if format == Format::Xlsx {
        return write(report, lang, path);
    }
    crate::output::write_atomic(path, &format.render(report, lang)?)?;
    Ok(Written {
        path: path.to_owned(),
        note: None,
    })
}

/// Writes the tracker to `path`, carrying the user's part of the file already there;
/// or, when that file cannot be read or replaced, beside it.
pub fn write(report: &Report, lang: Lang, path: &Path) -> Result<Written> {
    let old = match std::fs::read(path) {
        Err(e) if e.kind() == ErrorKind::NotFound => {
            crate::output::write_atomic(path, &xlsx::render(report, lang)?)?;
            return Ok(Written {
                path: path.to_owned(),
                note: None,
            });
        }
        Err(e) => Err(e.to_string()),
        Ok(bytes) => read(&bytes, report, lang),
    };
    let old_path = path.display();
    let (new, note) = match old {
        Ok(tracker) => {
            let bytes = xlsx::render_with(report, lang, tracker)?;
            let Err(e) = replace(path, &bytes) else {
                return Ok(Written {
                    path: path.to_owned(),
                    note: None,
                });
            };
            let new = beside(path, &bytes, lang)?;
            let (why, new_path) = (e.to_string(), new.display());
            let note = tr!(lang, "tracker-not-replaced", old_path, why, new_path);
            (new, note)
        }
        Err(why) => {
            let new = beside(path, &xlsx::render(report, lang)?, lang)?;
            let new_path = new.display();
            let note = tr!(lang, "tracker-unreadable", old_path, why, new_path);
            (new, note)
        }
    };
    Ok(Written {
        path: new,
        note: Some(note),
    })
}

/// Replaces the old tracker as a whole, and only when the user may write it. The new
/// workbook goes to a temporary file in the same folder and then takes the old one's
/// place ([`crate::output::write_atomic`]), so a failure half-way (a full disk) leaves
/// the old file as it was, and a link there is replaced, never written through.
///
/// Opening the old file for writing first (which writes nothing) is what refuses, as
/// the user would be refused: a workbook open in Excel or WPS on Windows (shared for
/// reading only) and a read-only file (which root on Linux may still write).
fn replace(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    std::fs::OpenOptions::new().write(true).open(path)?;
    crate::output::write_atomic(path, bytes)
}

/// Writes `bytes` as a new file beside `path`: `跟踪表（新）.xlsx`, then
/// `跟踪表（新2）.xlsx`… never over an existing file.
fn beside(path: &Path, bytes: &[u8], lang: Lang) -> Result<PathBuf> {
    let name = path.file_stem().unwrap_or_default().to_string_lossy();
    let ext = path
        .extension()
        .map(|e| format!(".{}", e.to_string_lossy()))
        .unwrap_or_default();
    for n in 1..=999u32 {
        let stem = match n {
            1 => tr!(lang, "tracker-new-name", name),
            n => tr!(lang, "tracker-new-name-n", name, n),
        };
        let candidate = path.with_file_name(format!("{stem}{ext}"));
        let opened = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&candidate);
        match opened {
            Ok(mut file) => {
                if let Err(e) = file.write_all(bytes) {
                    drop(file);
                    let _ = std::fs::remove_file(&candidate);
                    return Err(e.into());
                }
                return Ok(candidate);
            }
            Err(e) if e.kind() == ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e.into()),
        }
    }
    anyhow::bail!("no free name beside {}", path.display())
}

/// The user's part of a previous tracker, or why it cannot be read as one. Its
/// language is found from its headers: a tracker written in English is read as such.
fn read(bytes: &[u8], report: &Report, lang: Lang) -> Result<Tracker, String> {
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes))
        .map_err(|e: calamine::XlsxError| e.to_string())?;
    // A sheet that cannot be read as cells (a chart sheet) has nothing to carry.
    let sheets: Vec<(String, Range<Data>)> = book
        .sheet_names()
        .into_iter()
        .filter_map(|name| Some((name.clone(), book.worksheet_range(&name).ok()?)))
        .collect();
    for l in [lang, other(lang)] {
        let submitter = [tr!(l, "column-submitter")];
        let Some((o, (row, headers))) = find_sheet(&sheets, &tr!(l, "sheet-overview"), &submitter)
        else {
            continue;
        };
        let overview = overview_carried(&sheets[o].1, row, &headers, report, l);
        let needles = [tr!(l, "column-city"), tr!(l, "column-code")];
        let found = find_sheet(&sheets, &tr!(l, "sheet-findings"), &needles);
        let findings = found
            .as_ref()
            .map(|(f, (row, headers))| findings_carried(&sheets[*f].1, *row, headers, l))
            .unwrap_or_default();
        let f = found.map(|(f, ..)| f);
        let address = [tr!(l, "column-link")];
        let found = find_sheet(&sheets, &tr!(l, "sheet-links"), &address);
        let links = found
            .as_ref()
            .map(|(k, (row, headers))| links_carried(&sheets[*k].1, *row, headers, l))
            .unwrap_or_default();
        let k = found.map(|(k, ..)| k);
        let others = sheets
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != o && Some(*i) != f && Some(*i) != k)
            .map(|(_, (name, range))| (name.clone(), values(range)))
            .collect();
        return Ok(Tracker {
            overview,
            findings,
            links,
            sheets: others,
        });
    }
    let column = tr!(lang, "column-submitter");
    Err(tr!(lang, "tracker-not-ours", column))
}

fn other(lang: Lang) -> Lang {
    match lang {
        Lang::Zh => Lang::En,
        Lang::En => Lang::Zh,
    }
}

/// A header row: its row number and (column, header text) of every column.
type Header = (u32, Vec<(u16, String)>);

/// The sheet with a header row holding every one of `needles`: the one named `name`
/// if it has one (staff may add sheets with similar headers), else the first that does.
fn find_sheet(
    sheets: &[(String, Range<Data>)],
    name: &str,
    needles: &[String],
) -> Option<(usize, Header)> {
    let found = |i: usize| header_row(&sheets[i].1, needles).map(|h| (i, h));
    let named = sheets.iter().position(|(n, _)| n == name);
    named
        .and_then(found)
        .or_else(|| (0..sheets.len()).find_map(found))
}

/// The first row, within the first 20, holding every one of `needles` as a cell.
fn header_row(range: &Range<Data>, needles: &[String]) -> Option<Header> {
    let ((top, left), (bottom, right)) = (range.start()?, range.end()?);
    (top..=bottom.min(top + 20)).find_map(|row| {
        let headers: Vec<(u16, String)> = (left..=right)
            .map(|col| (col as u16, text(range, row, col as u16)))
            .collect();
        let has = |needle: &String| headers.iter().any(|(_, h)| h == needle);
        needles.iter().all(has).then_some((row, headers))
    })
}

fn overview_carried(
    range: &Range<Data>,
    row: u32,
    headers: &[(u16, String)],
    report: &Report,
    l: Lang,
) -> Carried {
    let submitter = tr!(l, "column-submitter");
    let mut own = vec![
        tr!(l, "column-result"),
        tr!(l, "column-sent-time"),
        tr!(l, "column-received"),
        tr!(l, "column-received-date"),
        tr!(l, "column-contact"),
    ];
    own.extend(report.titles(l));
    own.push(submitter.clone());
    let label_col = headers.iter().find(|(_, h)| *h == submitter).map(|h| h.0);
    carry(range, row, headers, &own, |get| {
        let label = label_col.map(get).unwrap_or_default();
        let key = Key {
            exact: label.clone(),
            loose: label.clone(),
        };
        (key, vec![label])
    })
}

fn findings_carried(range: &Range<Data>, row: u32, headers: &[(u16, String)], l: Lang) -> Carried {
    let own = findings_header(l);
    let cols: Vec<Option<u16>> = own
        .iter()
        .map(|name| headers.iter().find(|(_, h)| h == name).map(|h| h.0))
        .collect();
    carry(range, row, headers, &own, |get| {
        let shown: Vec<String> = cols
            .iter()
            .map(|c| c.map(get).unwrap_or_default())
            .collect();
        (finding_key(&shown), shown)
    })
}

/// The user's columns of the links sheet, by each row's address.
fn links_carried(range: &Range<Data>, row: u32, headers: &[(u16, String)], l: Lang) -> Carried {
    let own: Vec<String> = super::links::titles(l).into_iter().map(|t| t.0).collect();
    let cols: Vec<Option<u16>> = own
        .iter()
        .map(|name| headers.iter().find(|(_, h)| h == name).map(|h| h.0))
        .collect();
    carry(range, row, headers, &own, |get| {
        let shown: Vec<String> = cols
            .iter()
            .map(|c| c.map(get).unwrap_or_default())
            .collect();
        let address = shown[super::links::ADDRESS_COLUMN].clone();
        let key = Key {
            exact: address.clone(),
            loose: address,
        };
        (key, shown)
    })
}

/// The columns below `header_row` that baosong does not write (`own`), with every row
/// holding something in them; `identify` names a row from its cells' text by column.
/// A column with neither a header nor a value is left out.
fn carry(
    range: &Range<Data>,
    header_row: u32,
    headers: &[(u16, String)],
    own: &[String],
    identify: impl Fn(&dyn Fn(u16) -> String) -> (Key, Vec<String>),
) -> Carried {
    let bottom = range.end().map_or(0, |(row, _)| row);
    let rows = header_row + 1..=bottom;
    let theirs: Vec<&(u16, String)> = headers
        .iter()
        .filter(|(_, h)| !own.contains(h))
        .filter(|(c, h)| !h.is_empty() || rows.clone().any(|r| cell(range, r, *c).is_some()))
        .collect();
    let mut carried = Carried {
        headers: theirs.iter().map(|(_, h)| h.clone()).collect(),
        rows: Vec::new(),
    };
    for r in rows {
        let cells: Vec<Option<Cell>> = theirs.iter().map(|(c, _)| cell(range, r, *c)).collect();
        if cells.iter().all(Option::is_none) {
            continue;
        }
        let (key, shown) = identify(&|c| text(range, r, c));
        carried.rows.push(CarriedRow { key, shown, cells });
    }
    carried
}

/// Every value of a sheet the user added, by position.
fn values(range: &Range<Data>) -> SheetValues {
    range
        .cells()
        .filter_map(|(r, c, _)| {
            let (row, col) = (r as u32 + range.start()?.0, c as u32 + range.start()?.1);
            Some((row, col as u16, cell(range, row, col as u16)?))
        })
        .collect()
}

/// A cell's text, trimmed, as baosong compares headers and keys.
fn text(range: &Range<Data>, row: u32, col: u16) -> String {
    range
        .get_value((row, u32::from(col)))
        .map(|d| d.to_string().trim().to_owned())
        .unwrap_or_default()
}

/// A cell's value as typed; None when empty.
fn cell(range: &Range<Data>, row: u32, col: u16) -> Option<Cell> {
    Some(match range.get_value((row, u32::from(col)))? {
        Data::Empty => return None,
        Data::String(s) if s.trim().is_empty() => return None,
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(d) if d.is_datetime() => Cell::Date(d.as_f64()),
        Data::DateTime(d) => Cell::Number(d.as_f64()),
        Data::Error(e) => Cell::Text(e.to_string()),
    })
}
