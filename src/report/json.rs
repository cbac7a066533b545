//! The JSON report: one document on stdout (or in a `.json` report file), for scripts
//! and for the provincial tracking sheet. Field names are stable; messages follow
//! `--lang`. The document is a set of view structs derived from the [`Report`], so its
//! shape is written down once, here.
//!
//! Values stay as the submission has them, so that a script reads the real names:
//! serde_json escapes the C0 controls, and [`crate::inert::json`] the DEL, C1 and bidi
//! controls it would leave raw on a console. Both parse back to the same text.

use serde::Serialize;

use super::{Report, RowStatus, Status};
use crate::codes::{Code, Severity};
use crate::findings::{Finding, Lang};

#[derive(Serialize)]
struct Document<'a> {
    as_of: String,
    rules: &'a str,
    status: Status,
    missing: Vec<&'a str>,
    duplicates: Vec<Duplicate<'a>>,
    repeated_saves: Vec<RepeatedSave<'a>>,
    /// Mails that are no submission: the mail's subject, its file, why.
    not_submissions: Vec<NotSubmissionView<'a>>,
    /// 超大附件 download links of every mail, city by city: never material.
    links: Vec<LinkView<'a>>,
    submissions: Vec<SubmissionView<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    matrix: Option<Vec<RowView<'a>>>,
}

#[derive(Serialize)]
struct MailView<'a> {
    message_id: &'a str,
    from: &'a str,
    subject: &'a str,
    date: Option<&'a str>,
}

impl<'a> RequirementView<'a> {
    fn of(r: &'a super::RequirementReport, lang: Lang) -> RequirementView<'a> {
        RequirementView {
            id: &r.id,
            title: r.title.get(lang),
            due: r.due.map(|d| d.to_string()),
            status: r.status,
            superseded: r.superseded,
            late: r.late,
            summary: r.summary.get(lang),
            findings: r.findings.iter().map(|f| finding(f, lang)).collect(),
        }
    }
}

impl<'a> MailView<'a> {
    fn of(m: &'a crate::intake::MailInfo) -> MailView<'a> {
        MailView {
            message_id: &m.message_id,
            from: &m.from,
            subject: &m.subject,
            date: m.date.as_deref(),
        }
    }
}

#[derive(Serialize)]
struct NotSubmissionView<'a> {
    message_id: Option<&'a str>,
    from: Option<&'a str>,
    subject: Option<&'a str>,
    /// RFC 3339 at +08:00.
    date: Option<&'a str>,
    reason: &'a str,
    /// The mail's subject, else its file's name.
    name: &'a str,
    path: String,
}

fn not_submissions(report: &Report, lang: Lang) -> Vec<NotSubmissionView<'_>> {
    report
        .not_submissions
        .iter()
        .map(|n| {
            let mail = n.mail.as_ref();
            NotSubmissionView {
                message_id: mail.map(|m| m.message_id.as_str()),
                from: mail.map(|m| m.from.as_str()),
                subject: mail.map(|m| m.subject.as_str()),
                date: mail.and_then(|m| m.date.as_deref()),
                reason: n.reason.get(lang),
                name: &n.name,
                path: n.path.display().to_string(),
            }
        })
        .collect()
}

#[derive(Serialize)]
struct LinkView<'a> {
    url: &'a str,
    name: Option<&'a str>,
    /// As the mail writes it ("215.3M").
    size: Option<&'a str>,
    /// RFC 3339 at +08:00.
    expires: Option<String>,
    city: Option<&'a str>,
    message_id: &'a str,
    expired: bool,
}

impl<'a> LinkView<'a> {
    fn of(l: &'a super::links::Link) -> LinkView<'a> {
        LinkView {
            url: &l.url,
            name: l.name.as_deref(),
            size: l.size.as_deref(),
            expires: l.expires.map(|e| e.to_rfc3339()),
            city: l.city.as_deref(),
            message_id: &l.message_id,
            expired: l.expired,
        }
    }
}

#[derive(Serialize)]
struct FindingView<'a> {
    code: Code,
    severity: Severity,
    path: &'a str,
    message: &'a str,
}

#[derive(Serialize)]
struct RequirementView<'a> {
    id: &'a str,
    title: &'a str,
    due: Option<String>,
    status: Status,
    superseded: bool,
    /// Sent (as a mail) after the deadline.
    late: bool,
    summary: &'a str,
    findings: Vec<FindingView<'a>>,
}

#[derive(Serialize)]
struct SubmissionView<'a> {
    name: &'a str,
    path: String,
    city: Option<&'a str>,
    matched_by: Option<&'a str>,
    modified: Option<String>,
    /// The mail it came as: message id, sender, subject, send time (RFC 3339, +08:00).
    #[serde(skip_serializing_if = "Option::is_none")]
    mail: Option<MailView<'a>>,
    latest: bool,
    status: Status,
    requirements: Vec<RequirementView<'a>>,
    findings: Vec<FindingView<'a>>,
}

#[derive(Serialize)]
struct Duplicate<'a> {
    city: &'a str,
    submissions: Vec<String>,
    latest: Option<String>,
}

#[derive(Serialize)]
struct RepeatedSave<'a> {
    copy: &'a str,
    kept: &'a str,
}

#[derive(Serialize)]
struct RowView<'a> {
    label: &'a str,
    city: Option<&'a str>,
    status: RowStatus,
    submissions: Vec<String>,
    /// Requirement id -> the deciding submission's status (null: not submitted).
    requirements: OrderedCells<'a>,
}

/// Requirement ids in the rules' order, each with its cell.
struct OrderedCells<'a>(Vec<(&'a str, Option<Status>)>);

impl Serialize for OrderedCells<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (id, status) in &self.0 {
            map.serialize_entry(id, status)?;
        }
        map.end()
    }
}

fn finding(f: &Finding, lang: Lang) -> FindingView<'_> {
    FindingView {
        code: f.code,
        severity: f.severity,
        path: &f.path,
        message: f.message.get(lang),
    }
}

pub fn render(report: &Report, lang: Lang) -> String {
    let path_of = |i: usize| report.submissions[i].path.display().to_string();
    let submissions = report
        .submissions
        .iter()
        .map(|s| SubmissionView {
            name: &s.name,
            path: s.path.display().to_string(),
            city: s.city.as_deref(),
            matched_by: s.matched_by.as_ref().map(|m| m.get(lang)),
            modified: s.modified.map(|_| s.modified_text()),
            mail: s.mail.as_ref().map(MailView::of),
            latest: s.latest,
            status: s.status(),
            requirements: s
                .requirements
                .iter()
                .map(|r| RequirementView::of(r, lang))
                .collect(),
            findings: s.findings.iter().map(|f| finding(f, lang)).collect(),
        })
        .collect();
    let duplicates = report
        .duplicates()
        .into_iter()
        .map(|(city, subs)| Duplicate {
            city,
            submissions: subs.iter().map(|&i| path_of(i)).collect(),
            latest: subs.last().map(|&i| path_of(i)),
        })
        .collect();
    let matrix = report.batch.then(|| {
        report
            .rows
            .iter()
            .map(|row| RowView {
                label: &row.label,
                city: row.city.as_deref(),
                status: row.status(report),
                submissions: row.submissions.iter().map(|&i| path_of(i)).collect(),
                requirements: OrderedCells(
                    report
                        .requirements
                        .iter()
                        .zip(&row.cells)
                        .map(|(req, cell)| (req.id.as_str(), cell.map(|(s, _)| s)))
                        .collect(),
                ),
            })
            .collect()
    });
    let document = Document {
        as_of: report.as_of.to_string(),
        rules: &report.rules_name,
        status: if report.passed() {
            Status::Pass
        } else {
            Status::Fail
        },
        missing: report.missing(),
        duplicates,
        repeated_saves: report
            .repeated_saves
            .iter()
            .map(|(copy, kept)| RepeatedSave { copy, kept })
            .collect(),
        not_submissions: not_submissions(report, lang),
        links: report.links.iter().map(LinkView::of).collect(),
        submissions,
        matrix,
    };
    let document = serde_json::to_string_pretty(&document).expect("the report's views serialize");
    crate::inert::json(document)
}
