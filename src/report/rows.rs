//! The batch view: one row per expected city (and per submission matching none), and
//! the findings as rows for the CSV and the workbook.

use super::{Report, Status, SubmissionReport};
use crate::findings::{Finding, Lang};
use crate::inert;
use crate::rules::Rules;

/// One row of the batch matrix: an expected city, or a submission matching none.
#[derive(Debug)]
pub struct Row {
    pub label: String,
    pub city: Option<String>,
    /// The city's contact person and phone, from the rules' `[contacts]`.
    pub contact: Option<String>,
    /// Indices into [`Report::submissions`], oldest first; empty when not submitted.
    pub submissions: Vec<usize>,
    /// Per requirement: its status and the submission it was taken from. A city that
    /// sent again is judged, requirement by requirement, on the newest submission that
    /// holds that requirement's material (a resend often holds only the corrected part).
    pub cells: Vec<Option<(Status, usize)>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RowStatus {
    Pass,
    Fail,
    Missing,
}

impl Row {
    pub fn status(&self, report: &Report) -> RowStatus {
        let Some(&newest) = self.submissions.last() else {
            return RowStatus::Missing;
        };
        let failed = self
            .cells
            .iter()
            .flatten()
            .any(|(s, _)| matches!(s, Status::Fail | Status::Unopened))
            || report.submissions[newest].has_error();
        if failed {
            RowStatus::Fail
        } else {
            RowStatus::Pass
        }
    }

    pub fn status_label(&self, report: &Report, lang: Lang) -> String {
        match self.status(report) {
            RowStatus::Pass => tr!(lang, "status-pass"),
            RowStatus::Fail => tr!(lang, "status-fail"),
            RowStatus::Missing => tr!(lang, "matrix-missing"),
        }
    }
}

pub(super) fn build_rows(rules: &Rules, submissions: &mut [SubmissionReport]) -> Vec<Row> {
    let mut rows: Vec<Row> = rules
        .submitters
        .iter()
        .enumerate()
        .map(|(i, city)| Row {
            label: city.clone(),
            city: Some(city.clone()),
            contact: rules
                .contacts
                .iter()
                .find(|(c, _)| *c == i)
                .map(|(_, who)| who.clone()),
            submissions: Vec::new(),
            cells: Vec::new(),
        })
        .collect();
    for (i, sub) in submissions.iter().enumerate() {
        match sub
            .city
            .as_ref()
            .and_then(|c| rows.iter().position(|r| r.city.as_ref() == Some(c)))
        {
            Some(row) => rows[row].submissions.push(i),
            None => rows.push(Row {
                label: sub.name.clone(),
                city: None,
                contact: None,
                submissions: vec![i],
                cells: Vec::new(),
            }),
        }
    }
    for row in &mut rows {
        row.submissions.sort_by(|&a, &b| {
            (submissions[a].modified, &submissions[a].name)
                .cmp(&(submissions[b].modified, &submissions[b].name))
        });
        let count = row.submissions.len();
        for (n, &i) in row.submissions.iter().enumerate() {
            submissions[i].latest = n + 1 == count;
        }
        row.cells = (0..rules.requirements.len())
            .map(|r| {
                let newest_first = row.submissions.iter().rev();
                let chosen = newest_first
                    .clone()
                    .find(|&&i| submissions[i].requirements[r].found())
                    .or_else(|| row.submissions.last())?;
                Some((submissions[*chosen].requirements[r].status, *chosen))
            })
            .collect();
    }
    rows
}

/// One finding as a row of the findings sheet: submitter, submission, requirement,
/// state (latest or superseded), severity, code, path, message. Rows follow the
/// submitters' order, and a city that sent nothing has one row saying so. What came
/// from the submission is made inert and cut to a cell here ([`inert::cell`]), so that
/// the workbook, the CSV and the tracker's matching all see the same text.
pub fn finding_rows(report: &Report, lang: Lang) -> Vec<[String; 8]> {
    let (latest, superseded) = (tr!(lang, "state-latest"), tr!(lang, "state-superseded"));
    let (missing, nothing) = (tr!(lang, "state-missing"), tr!(lang, "state-nothing"));
    let mut rows = Vec::new();
    let order: Vec<usize> = if report.batch {
        report
            .rows
            .iter()
            .flat_map(|r| r.submissions.clone())
            .collect()
    } else {
        (0..report.submissions.len()).collect()
    };
    let mut emitted_missing = std::collections::HashSet::new();
    let mut push_missing = |rows: &mut Vec<[String; 8]>, city: &str| {
        if emitted_missing.insert(city.to_owned()) {
            rows.push([
                city.to_owned(),
                String::new(),
                String::new(),
                missing.to_owned(),
                String::new(),
                String::new(),
                String::new(),
                nothing.to_owned(),
            ]);
        }
    };
    if report.batch {
        for row in &report.rows {
            if row.submissions.is_empty() {
                if let Some(city) = &row.city {
                    push_missing(&mut rows, city);
                }
                continue;
            }
            for &i in &row.submissions {
                submission_rows(report, i, lang, (&latest, &superseded), &mut rows);
            }
        }
    } else {
        for i in order {
            submission_rows(report, i, lang, (&latest, &superseded), &mut rows);
        }
    }
    rows
}

fn submission_rows(
    report: &Report,
    i: usize,
    lang: Lang,
    (latest, superseded): (&str, &str),
    rows: &mut Vec<[String; 8]>,
) {
    let sub = &report.submissions[i];
    let who = sub.city.clone().unwrap_or_default();
    let name = inert::cell(&sub.name, lang);
    let mut push = |requirement: &str, stale: bool, f: &Finding| {
        rows.push([
            who.clone(),
            name.clone().into_owned(),
            requirement.to_owned(),
            if stale { superseded } else { latest }.to_owned(),
            f.severity.label(lang).to_owned(),
            f.code.to_string(),
            inert::cell(&f.path, lang).into_owned(),
            inert::cell(f.message.get(lang), lang).into_owned(),
        ]);
    };
    for r in &sub.requirements {
        for f in &r.findings {
            push(r.title.get(lang), r.superseded, f);
        }
    }
    for f in &sub.findings {
        push("", !sub.latest, f);
    }
}
