//! The JSON report: one document on stdout (or in a `.json` report file), for scripts
//! and for the provincial tracking sheet. Field names are stable; messages follow
//! `--lang`.

use serde_json::{Value, json};

use super::{Report, Status};
use crate::findings::{Finding, Lang};

fn finding(f: &Finding, lang: Lang) -> Value {
    json!({
        "code": f.code,
        "severity": f.severity,
        "path": f.path,
        "message": f.message.get(lang),
    })
}

pub fn render(report: &Report, lang: Lang) -> String {
    let submissions: Vec<Value> = report
        .submissions
        .iter()
        .map(|s| {
            let requirements: Vec<Value> = s
                .requirements
                .iter()
                .map(|r| {
                    json!({
                        "id": r.id,
                        "title": r.title.get(lang),
                        "due": r.due.map(|d| d.to_string()),
                        "status": r.status,
                        "superseded": r.superseded,
                        "summary": r.summary.get(lang),
                        "findings": r.findings.iter().map(|f| finding(f, lang)).collect::<Vec<_>>(),
                    })
                })
                .collect();
            json!({
                "name": s.name,
                "path": s.path.display().to_string(),
                "city": s.city,
                "matched_by": s.matched_by.as_ref().map(|m| m.get(lang)),
                "modified": s.modified.map(|_| s.modified_text()),
                "latest": s.latest,
                "status": s.status(),
                "requirements": requirements,
                "findings": s.findings.iter().map(|f| finding(f, lang)).collect::<Vec<_>>(),
            })
        })
        .collect();
    let path_of = |i: usize| report.submissions[i].path.display().to_string();
    let duplicates: Vec<Value> = report
        .duplicates()
        .into_iter()
        .map(|(city, subs)| {
            json!({
                "city": city,
                "submissions": subs.iter().map(|&i| path_of(i)).collect::<Vec<_>>(),
                "latest": subs.last().map(|&i| path_of(i)),
            })
        })
        .collect();
    let matrix: Vec<Value> = report
        .rows
        .iter()
        .map(|row| {
            let cells: serde_json::Map<String, Value> = row
                .cells
                .iter()
                .zip(&report.requirements)
                .map(|(cell, req)| {
                    let v = cell.map_or(Value::Null, |(s, _)| json!(s));
                    (req.id.clone(), v)
                })
                .collect();
            json!({
                "label": row.label,
                "city": row.city,
                "status": row.status(report),
                "submissions": row.submissions.iter().map(|&i| path_of(i)).collect::<Vec<_>>(),
                "requirements": cells,
            })
        })
        .collect();
    let mut doc = json!({
        "as_of": report.as_of.to_string(),
        "rules": report.rules_name,
        "status": if report.passed() { Status::Pass } else { Status::Fail },
        "missing": report.missing(),
        "duplicates": duplicates,
        "repeated_saves": report
            .repeated_saves
            .iter()
            .map(|(copy, kept)| json!({ "copy": copy, "kept": kept }))
            .collect::<Vec<_>>(),
        "submissions": submissions,
    });
    if report.batch {
        doc["matrix"] = json!(matrix);
    }
    serde_json::to_string_pretty(&doc).expect("a JSON value of strings and numbers serializes")
}
