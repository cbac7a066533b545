//! Roster requirements (opening-ceremony attendees): a spreadsheet (or a Word table)
//! whose header row,
//! within the first 10 rows, has a 姓名 column, and enough rows with a name in it.
//! Title rows and merged cells above the header are normal and skipped.

use super::Context;
use crate::codes::Code;
use crate::findings::{Findings, Msg};
use crate::inspect::sheet::Sheet;
use crate::inspect::{Facts, NotYetKind};
use crate::intake::EntryId;
use crate::msg;
use crate::rules::RosterRule;

/// Rows searched for the header.
const HEADER_ROWS: usize = 10;

/// People listed on a sheet, or None when it has no name column.
pub fn count_people(sheet: &Sheet, name_column: &str) -> Option<usize> {
    let (header_index, column) =
        sheet
            .rows
            .iter()
            .take(HEADER_ROWS)
            .enumerate()
            .find_map(|(i, row)| {
                row.iter()
                    .position(|cell| cell.contains(name_column))
                    .map(|c| (i, c))
            })?;
    let header = &sheet.rows[header_index][column];
    Some(
        sheet.rows[header_index + 1..]
            .iter()
            .filter_map(|row| row.get(column))
            .filter(|cell| !cell.is_empty() && *cell != header)
            .count(),
    )
}

pub fn check(rule: &RosterRule, ctx: &Context, sections: &[EntryId], out: &mut Findings) -> Msg {
    let column = rule.name_column.as_str();
    let min = rule.min_people as usize;
    let mut best: Option<(usize, EntryId)> = None;
    let mut unverified = Vec::new();
    let mut without_header = Vec::new();
    for &section in sections {
        for file in ctx.material.files_under(ctx.sub, section) {
            let sheets = match ctx.facts(file) {
                Facts::Sheet(sheets) => sheets,
                // Rosters are often typed as a Word table.
                Facts::Text(t) if !t.tables.is_empty() => &t.tables,
                Facts::Text(_) => continue,
                Facts::Unverified {
                    kind: NotYetKind::Sheet,
                    ..
                } => {
                    ctx.report_unusable(file, out);
                    unverified.push(file);
                    continue;
                }
                _ => {
                    ctx.report_unusable(file, out);
                    continue;
                }
            };
            match sheets.iter().filter_map(|s| count_people(s, column)).max() {
                Some(people) if best.is_none_or(|(b, _)| people > b) => best = Some((people, file)),
                Some(_) => {}
                None => without_header.push(file),
            }
        }
    }
    if let Some((people, file)) = best {
        let name = ctx.name(file);
        if people < min {
            out.push(
                Code::RosterTooFew,
                ctx.path(file),
                msg!(
                    "“{name}”中只有 {people} 人，至少需要 {min} 人；请补充参会人员并填写{column}",
                    "\"{name}\" lists {people} people, at least {min} are needed; add attendees with their {column}"
                ),
            );
            return msg!(
                "{name}：{people} 人，少于 {min} 人",
                "{name}: {people} people, fewer than {min}"
            );
        }
        return msg!("{name}：{people} 人", "{name}: {people} people");
    }
    for &file in &without_header {
        let name = ctx.name(file);
        out.push(
            Code::RosterNoNameColumn,
            ctx.path(file),
            msg!(
                "“{name}”的前 {HEADER_ROWS} 行中没有“{column}”列；请在表头加上“{column}”",
                "\"{name}\" has no \"{column}\" column in its first {HEADER_ROWS} rows; add \"{column}\" to the header"
            ),
        );
    }
    if let Some(&file) = unverified.first() {
        let name = ctx.name(file);
        return msg!("{name}（人数未核验）", "{name} (people not counted)");
    }
    if without_header.is_empty() {
        out.push(
            Code::RosterMissing,
            ctx.path(sections[0]),
            msg!(
                "没有找到可读取的名单表格；请放入 Excel 表格（.xlsx）",
                "no readable roster was found; add an Excel workbook (.xlsx)"
            ),
        );
        return msg!("没有名单表格", "no roster spreadsheet");
    }
    msg!(
        "名单中没有“{column}”列",
        "the roster has no \"{column}\" column"
    )
}
