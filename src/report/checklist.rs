//! The output of `baosong rules`: each requirement as a readable checklist item.

use std::fmt::Write;

use crate::findings::{Lang, Msg};
use crate::rules::Rules;

pub fn render(rules: &Rules, lang: Lang) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}\n", rules.name);
    for (i, req) in rules.requirements.iter().enumerate() {
        let due = match req.due {
            Some(due) => tr!(lang, "checklist-due", due),
            None => tr!(lang, "checklist-no-deadline"),
        };
        let (n, title, id) = (i + 1, req.title(lang), &req.id);
        let _ = writeln!(out, "{n}. {title} [{id}]  ({due})");
        let what = req.kind.checklist();
        let keywords = req.keywords.join(" / ");
        let found_by = tr!(lang, "checklist-found-by", keywords);
        let _ = writeln!(out, "   {}\n   {found_by}", Msg::get(&what, lang));
    }
    out
}
