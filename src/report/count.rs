//! The output of `baosong count`: a table, or JSON from a view struct.

use anyhow::Result;
use serde::Serialize;

use crate::findings::Lang;
use crate::inspect::count::Counted;

pub fn table(counted: &[Counted], lang: Lang) -> String {
    let header = [
        tr!(lang, "column-file"),
        tr!(lang, "count-column-format"),
        tr!(lang, "count-column-words"),
        tr!(lang, "count-column-chars"),
        tr!(lang, "count-column-han"),
    ];
    let mut table = comfy_table::Table::new();
    table
        .load_style(comfy_table::presets::ASCII_FULL_CONDENSED)
        .set_header(header);
    for c in counted {
        let path = crate::inert::path(&c.path);
        match &c.result {
            Ok(n) => table.add_row([
                path,
                c.format.clone(),
                n.words.to_string(),
                n.chars_no_spaces.to_string(),
                n.han.to_string(),
            ]),
            Err(why) => {
                let why = crate::inert::msg(why, lang).into_owned();
                table.add_row([path, c.format.clone(), why])
            }
        };
    }
    format!("{table}\n")
}

/// One document in the JSON output: its counts, or the error.
#[derive(Serialize)]
struct CountView<'a> {
    path: String,
    format: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    words: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    chars_no_spaces: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    han: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<&'a str>,
}

pub fn json(counted: &[Counted], lang: Lang) -> Result<String> {
    let views: Vec<CountView> = counted
        .iter()
        .map(|c| {
            let counts = c.result.as_ref().ok();
            CountView {
                path: c.path.display().to_string(),
                format: &c.format,
                words: counts.map(|n| n.words),
                chars_no_spaces: counts.map(|n| n.chars_no_spaces),
                han: counts.map(|n| n.han),
                error: c.result.as_ref().err().map(|why| why.get(lang)),
            }
        })
        .collect();
    Ok(crate::inert::json(serde_json::to_string_pretty(&views)?))
}
