//! Report: check outcomes with deadlines applied, rendered as a table or JSON.
//! Every renderer takes the same [`Report`] value.

pub mod json;
pub mod table;

use std::path::PathBuf;

use chrono::NaiveDate;

use crate::check::Outcome;
use crate::findings::{Finding, Lang, Msg, Severity};
use crate::rules::{Requirement, Rules};

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Pass,
    Warn,
    Fail,
    /// Not due yet, and would fail today.
    Pending,
}

impl Status {
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Status::Pass, Lang::Zh) => "通过",
            (Status::Fail, Lang::Zh) => "不通过",
            (Status::Warn, Lang::Zh) => "警告",
            (Status::Pending, Lang::Zh) => "未到期",
            (Status::Pass, Lang::En) => "pass",
            (Status::Fail, Lang::En) => "fail",
            (Status::Warn, Lang::En) => "warning",
            (Status::Pending, Lang::En) => "not yet due",
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
}

#[derive(Debug)]
pub struct SubmissionReport {
    pub name: String,
    pub path: PathBuf,
    pub requirements: Vec<RequirementReport>,
    pub findings: Vec<Finding>,
}

impl SubmissionReport {
    pub fn new(
        rules: &Rules,
        name: String,
        path: PathBuf,
        outcome: Outcome,
        as_of: NaiveDate,
    ) -> Self {
        let requirements = rules
            .requirements
            .iter()
            .zip(outcome.requirements)
            .map(|(req, out)| RequirementReport {
                status: status(req, &out.findings, as_of),
                id: req.id.clone(),
                title: Msg::new(&req.title, &req.title_en),
                due: req.due,
                summary: out.summary,
                findings: out.findings,
            })
            .collect();
        SubmissionReport {
            name,
            path,
            requirements,
            findings: outcome.findings,
        }
    }

    /// Pass or fail: warnings and requirements not yet due do not fail a submission.
    pub fn status(&self) -> Status {
        let failed = self.requirements.iter().any(|r| r.status == Status::Fail)
            || self.findings.iter().any(|f| f.severity == Severity::Error);
        if failed { Status::Fail } else { Status::Pass }
    }
}

fn status(req: &Requirement, findings: &[Finding], as_of: NaiveDate) -> Status {
    let worst = findings.iter().map(|f| f.severity).max();
    match worst {
        Some(Severity::Error) if req.due.is_some_and(|due| as_of < due) => Status::Pending,
        Some(Severity::Error) => Status::Fail,
        Some(Severity::Warning) => Status::Warn,
        _ => Status::Pass,
    }
}

#[derive(Debug)]
pub struct Report {
    pub as_of: NaiveDate,
    pub rules_name: String,
    pub submissions: Vec<SubmissionReport>,
}

impl Report {
    pub fn passed(&self) -> bool {
        self.submissions.iter().all(|s| s.status() == Status::Pass)
    }
}
