//! The findings sheet as CSV: UTF-8 with a byte-order mark, which Excel needs to read
//! Chinese correctly.

use anyhow::Result;

use super::{Report, finding_rows, xlsx::findings_header};
use crate::findings::Lang;

pub fn render(report: &Report, lang: Lang) -> Result<Vec<u8>> {
    let mut out = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    out.write_record(findings_header(lang))?;
    for row in finding_rows(report, lang) {
        out.write_record(&row)?;
    }
    out.into_inner().map_err(|e| anyhow::anyhow!("{e}"))
}
