//! Report: check outcomes with deadlines applied, and for a batch the city-by-city
//! matrix. Every renderer (table, JSON, spreadsheet, CSV, replies) takes the same
//! [`Report`] value.

mod by_file;
mod carried;
pub mod checklist;
mod city;
pub mod count;
pub mod csv;
mod deadlines;
pub mod html;
pub mod json;
pub mod links;
mod not_submission;
pub mod replies;
mod rows;
pub mod table;
pub mod tracker;
pub mod xlsx;

use std::path::PathBuf;
use std::time::SystemTime;

use anyhow::Result;
use chrono::{DateTime, Local, NaiveDate};

use crate::check::{Outcome, RequirementOutcome};
use crate::codes::Code;
use crate::findings::{Finding, Lang, Msg, Severity};
use crate::rules::{Requirement, Rules};
pub use deadlines::Day;
use deadlines::{in_time, mark_fix_by, mark_late, mark_pending};
pub use not_submission::NotSubmission;
use rows::build_rows;
pub use rows::{Row, RowStatus, finding_rows};

/// Every way a report is rendered: on the console (`--format`) and into files
/// (`--report FILE`, by its extension). Adding a format means one variant here and its
/// renderer file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// The console table (or, for a batch, the city matrix).
    Table,
    Json,
    /// The findings list, UTF-8 with a BOM for Excel.
    Csv,
    /// The tracking workbook: overview and findings sheets.
    Xlsx,
    /// One self-contained page with the board previews.
    Html,
}

impl Format {
    /// The format a report file's extension asks for.
    pub fn of_file(path: &std::path::Path) -> Option<Format> {
        match crate::intake::extension_of(&path.to_string_lossy()).as_str() {
            "xlsx" => Some(Format::Xlsx),
            "csv" => Some(Format::Csv),
            "json" => Some(Format::Json),
            "txt" => Some(Format::Table),
            "html" | "htm" => Some(Format::Html),
            _ => None,
        }
    }

    /// Renders `baosong count`'s result: a table or JSON.
    pub fn render_count(
        self,
        counted: &[crate::inspect::count::Counted],
        lang: Lang,
    ) -> Result<String> {
        match self {
            Format::Table => Ok(count::table(counted, lang)),
            Format::Json => count::json(counted, lang),
            other => anyhow::bail!("word counts are shown as a table or JSON, not {other:?}"),
        }
    }

    /// Renders the rules as the checklist `baosong rules` prints.
    pub fn render_rules(self, rules: &Rules, lang: Lang) -> Result<String> {
        match self {
            Format::Table => Ok(checklist::render(rules, lang)),
            other => anyhow::bail!("the rules are shown as a checklist, not {other:?}"),
        }
    }

    /// Renders the report as this format's bytes.
    pub fn render(self, report: &Report, lang: Lang) -> Result<Vec<u8>> {
        Ok(match self {
            Format::Table => table::render(report, lang).into_bytes(),
            Format::Json => json::render(report, lang).into_bytes(),
            Format::Csv => csv::render(report, lang)?,
            Format::Xlsx => xlsx::render(report, lang)?,
            Format::Html => html::render(report, lang).into_bytes(),
        })
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Pass,
    Warn,
    Fail,
    /// Not due yet, and would fail today.
    Pending,
    /// Received, but it could not be opened (a RAR, a damaged or password zip).
    Unopened,
}

impl Status {
    /// The order the matrix legend names them in.
    pub const LEGEND: [Status; 5] = [
        Status::Pass,
        Status::Fail,
        Status::Warn,
        Status::Pending,
        Status::Unopened,
    ];

    pub fn label(self, lang: Lang) -> String {
        match self {
            Status::Pass => tr!(lang, "status-pass"),
            Status::Fail => tr!(lang, "status-fail"),
            Status::Warn => tr!(lang, "status-warn"),
            Status::Pending => tr!(lang, "status-pending"),
            Status::Unopened => tr!(lang, "status-unopened"),
        }
    }

    /// The one-character mark of a matrix cell.
    pub fn mark(self) -> &'static str {
        match self {
            Status::Pass => "✔",
            Status::Fail => "✘",
            Status::Warn => "⚠",
            Status::Pending => "⏳",
            Status::Unopened => "⊘",
        }
    }
}

#[derive(Debug)]
pub struct RequirementReport {
    pub id: String,
    pub title: Msg,
    pub due: Option<NaiveDate>,
    pub status: Status,
    pub summary: Msg,
    pub findings: Vec<Finding>,
    /// A newer submission of the same city decides this requirement.
    pub superseded: bool,
    /// It came in a mail sent after the requirement's deadline (the deadline day
    /// included, in China time): a fact for the reviewer, not a failure by itself.
    pub late: bool,
    /// Its boards or entries, as the HTML report shows them.
    pub cards: Vec<crate::view::gallery::Card>,
}

impl RequirementReport {
    /// Whether the submission holds anything for this requirement at all.
    pub fn found(&self) -> bool {
        self.status != Status::Unopened
            && !self.findings.iter().any(|f| f.code == Code::SectionMissing)
    }
}

#[derive(Debug)]
pub struct SubmissionReport {
    pub name: String,
    pub path: PathBuf,
    /// The expected submitter this submission was matched to.
    pub city: Option<String>,
    /// Why, when not by its own name: a place in the city, or the names inside it.
    pub matched_by: Option<Msg>,
    pub modified: Option<SystemTime>,
    /// False for an older submission of a city that sent again.
    pub latest: bool,
    pub requirements: Vec<RequirementReport>,
    pub findings: Vec<Finding>,
    /// Received, but nothing in it could be read.
    pub unopened: bool,
    /// The mail it came as, if it did.
    pub mail: Option<crate::intake::MailInfo>,
}

impl SubmissionReport {
    pub fn new(
        rules: &Rules,
        sub: &crate::intake::Submission,
        outcome: Outcome,
        as_of: NaiveDate,
    ) -> Self {
        let assigned = sub.assignment.as_ref();
        let unopened = sub.unopened();
        let requirements = rules
            .requirements
            .iter()
            .zip(outcome.requirements)
            .map(|(req, mut out)| {
                let late = mark_late(rules, req, sub.mail.as_ref(), &mut out);
                let status = if unopened {
                    Status::Unopened
                } else {
                    status(req, &out, as_of)
                };
                let mut findings = out.findings;
                match status {
                    Status::Pending => mark_pending(req, &mut findings),
                    Status::Fail => mark_fix_by(req, &mut findings, as_of),
                    _ => {}
                }
                RequirementReport {
                    status,
                    id: req.id.clone(),
                    title: Msg::new(&req.title, &req.title_en),
                    due: req.due,
                    summary: out.summary,
                    findings,
                    superseded: false,
                    late,
                    cards: out.cards,
                }
            })
            .collect();
        SubmissionReport {
            name: sub.name.clone(),
            path: sub.origin.clone(),
            city: assigned.and_then(|a| rules.submitters.get(a.submitter).cloned()),
            matched_by: assigned.and_then(|a| a.reason.clone()).or_else(|| {
                let unmatched = sub.unmatched.as_ref()?;
                let place = unmatched.place.clone();
                let cities = unmatched.candidates.join("、");
                Some(msg!("city-ambiguous", place, cities))
            }),
            modified: sub.modified,
            latest: true,
            requirements,
            findings: outcome.findings,
            unopened,
            mail: sub.mail.clone(),
        }
    }

    /// Pass or fail: warnings and requirements not yet due do not fail a submission.
    pub fn status(&self) -> Status {
        let failed = self
            .requirements
            .iter()
            .any(|r| matches!(r.status, Status::Fail | Status::Unopened))
            || self.has_error();
        if failed { Status::Fail } else { Status::Pass }
    }

    /// Every finding: each requirement's, then those of no requirement.
    pub fn all_findings(&self) -> impl Iterator<Item = &Finding> {
        self.requirements
            .iter()
            .flat_map(|r| &r.findings)
            .chain(&self.findings)
    }

    /// Whether a finding outside every requirement is an error.
    pub fn has_error(&self) -> bool {
        self.findings.iter().any(|f| f.severity == Severity::Error)
    }

    /// When it was received: a mail's send time in China time, else the file's time
    /// in the computer's zone ("2020-10-21 09:12").
    pub fn modified_text(&self) -> String {
        if self.mail.as_ref().is_some_and(|m| m.date.is_some()) {
            return self.sent_text();
        }
        self.modified
            .map(|t| {
                DateTime::<Local>::from(t)
                    .format("%Y-%m-%d %H:%M")
                    .to_string()
            })
            .unwrap_or_default()
    }

    /// When its mail was sent, China time ("2020-10-21 09:12"); empty for no mail.
    pub fn sent_text(&self) -> String {
        let date = self.mail.as_ref().and_then(|m| m.date.as_deref());
        let sent = date.and_then(|d| DateTime::parse_from_rfc3339(d).ok());
        sent.map(|t| t.format("%Y-%m-%d %H:%M").to_string())
            .unwrap_or_default()
    }
}

fn status(req: &Requirement, out: &RequirementOutcome, as_of: NaiveDate) -> Status {
    let findings = &out.findings;
    let worst = findings.iter().map(|f| f.severity).max();
    // A requirement baosong could not check fails whatever its deadline: a crash is
    // never "not yet due", and never a pass.
    if findings.iter().any(|f| f.code == Code::InternalError) {
        return Status::Fail;
    }
    match worst {
        Some(Severity::Error | Severity::Pending) if !out.sent && in_time(req, as_of) => {
            Status::Pending
        }
        Some(Severity::Error | Severity::Pending) => Status::Fail,
        Some(Severity::Warning) => Status::Warn,
        _ => Status::Pass,
    }
}

/// A requirement as the report shows it, whatever was submitted.
#[derive(Debug)]
pub struct RequirementInfo {
    pub id: String,
    pub title: Msg,
    /// A column header for the city matrix: the requirement's first keyword (方案,
    /// 展板...) in Chinese, its id in English.
    pub short: Msg,
    pub due: Option<NaiveDate>,
}

#[derive(Debug)]
pub struct Report {
    pub as_of: NaiveDate,
    pub requirements: Vec<RequirementInfo>,
    pub rules_name: String,
    pub organizer: String,
    /// The notice's title and number, and the organizer's contact, for the letters.
    pub notice: String,
    pub contact: String,
    pub submissions: Vec<SubmissionReport>,
    /// The city-by-city view: a row per expected city, then unmatched submissions.
    pub rows: Vec<Row>,
    /// Whether this was a batch check, shown as the city matrix.
    pub batch: bool,
    /// Archives received twice byte for byte: (copy, the one kept). Not resends.
    pub repeated_saves: Vec<(String, String)>,
    /// Mails received that are no submission (a question, an auto-reply): listed with
    /// why, kept out of the matrix and the verdict.
    pub not_submissions: Vec<NotSubmission>,
    /// 超大附件 download links of every mail, city by city ([`links::judge`]).
    pub links: Vec<links::Link>,
    /// The configured caption length and read limit, for the explanations.
    pub max_caption: u32,
    pub read_mb: u64,
}

impl Report {
    /// A report over checked submissions; `batch` adds the city matrix.
    pub fn new(
        rules: &Rules,
        as_of: NaiveDate,
        mut submissions: Vec<SubmissionReport>,
        batch: bool,
    ) -> Report {
        let rows = build_rows(rules, &mut submissions);
        // What every output shows for a requirement is what its deciding submission
        // says; the others' findings are kept, marked as superseded.
        for row in &rows {
            for (r, cell) in row.cells.iter().enumerate() {
                if let Some((_, chosen)) = cell {
                    for &i in row.submissions.iter().filter(|&&i| i != *chosen) {
                        submissions[i].requirements[r].superseded = true;
                    }
                }
            }
        }
        Report {
            as_of,
            requirements: rules
                .requirements
                .iter()
                .map(|r| RequirementInfo {
                    id: r.id.clone(),
                    title: Msg::new(&r.title, &r.title_en),
                    short: Msg::new(&r.short, &r.id),
                    due: r.due,
                })
                .collect(),
            rules_name: rules.name.clone(),
            max_caption: rules.max_caption(),
            read_mb: rules.reading.read_limit / 1024 / 1024,
            organizer: rules.organizer.clone(),
            notice: rules.notice.clone(),
            contact: rules.contact.clone(),
            submissions,
            rows,
            batch,
            repeated_saves: Vec::new(),
            not_submissions: Vec::new(),
            links: Vec::new(),
        }
    }

    pub fn titles(&self, lang: Lang) -> Vec<String> {
        self.requirements
            .iter()
            .map(|r| r.title.get(lang).to_owned())
            .collect()
    }

    pub fn passed(&self) -> bool {
        if self.batch {
            // A city that sent nothing fails the batch once any deadline has passed.
            let deadline_passed = self
                .requirements
                .iter()
                .any(|r| r.due.is_some_and(|due| self.as_of > due));
            (!deadline_passed || self.missing().is_empty())
                && self.rows.iter().all(|r| r.status(self) != RowStatus::Fail)
        } else {
            self.submissions.iter().all(|s| s.status() == Status::Pass)
        }
    }

    /// Expected submitters with nothing received.
    pub fn missing(&self) -> Vec<&str> {
        if !self.batch {
            return Vec::new();
        }
        self.rows
            .iter()
            .filter(|r| r.submissions.is_empty())
            .filter_map(|r| r.city.as_deref())
            .collect()
    }

    /// Cities that sent more than once, with their submissions oldest first.
    pub fn duplicates(&self) -> Vec<(&str, &[usize])> {
        self.rows
            .iter()
            .filter(|r| r.submissions.len() > 1)
            .filter_map(|r| Some((r.city.as_deref()?, r.submissions.as_slice())))
            .collect()
    }
}
