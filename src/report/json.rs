//! The JSON report: one document on stdout, for scripts and for the provincial
//! tracking sheet. Field names are stable; messages follow `--lang`.

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
                        "summary": r.summary.get(lang),
                        "findings": r.findings.iter().map(|f| finding(f, lang)).collect::<Vec<_>>(),
                    })
                })
                .collect();
            json!({
                "name": s.name,
                "path": s.path.display().to_string(),
                "status": s.status(),
                "requirements": requirements,
                "findings": s.findings.iter().map(|f| finding(f, lang)).collect::<Vec<_>>(),
            })
        })
        .collect();
    let doc = json!({
        "as_of": report.as_of.to_string(),
        "rules": report.rules_name,
        "status": if report.passed() { Status::Pass } else { Status::Fail },
        "submissions": submissions,
    });
    serde_json::to_string_pretty(&doc).unwrap_or_default()
}
