//! The findings sheet as CSV: UTF-8 with a byte-order mark, which Excel needs to read
//! Chinese correctly. Every field is made inert, and one that Excel would take for a
//! formula (`=`, `+`, `-`, `@` first) starts with an apostrophe ([`inert::csv_cell`]).

use anyhow::Result;

use super::{Report, finding_rows, xlsx::findings_header};
use crate::findings::Lang;
use crate::inert;

pub fn render(report: &Report, lang: Lang) -> Result<Vec<u8>> {
    let mut out = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    out.write_record(findings_header(lang))?;
    for row in finding_rows(report, lang) {
        let fields = row.iter().map(|c| inert::csv_cell(c, lang));
        out.write_record(fields.collect::<Vec<_>>().iter().map(|c| c.as_bytes()))?;
    }
    out.into_inner().map_err(|e| anyhow::anyhow!("{e}"))
}
