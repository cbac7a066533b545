//! One city as every output shows it: per requirement, what the submission that
//! decides it says (a resend often holds only the corrected part), and what belongs to
//! no requirement in its newest submission. The matrix, the city's section of the
//! page, the console and the letter all read this one view, so they cannot disagree.

use super::{Report, RequirementReport, Row, Status};
use crate::findings::Finding;

/// A requirement of one city, as its deciding submission has it.
#[derive(Debug)]
pub struct Decided<'a> {
    /// The requirement's index in the rules.
    pub index: usize,
    pub status: Status,
    /// The deciding submission's index in [`Report::submissions`].
    pub submission: usize,
    pub requirement: &'a RequirementReport,
}

impl Row {
    /// Each requirement with the submission that decides it (none for a city that
    /// sent nothing).
    pub fn decided<'a>(&self, report: &'a Report) -> Vec<Decided<'a>> {
        self.cells
            .iter()
            .enumerate()
            .filter_map(|(index, cell)| {
                let (status, submission) = (*cell)?;
                Some(Decided {
                    index,
                    status,
                    submission,
                    requirement: &report.submissions[submission].requirements[index],
                })
            })
            .collect()
    }

    /// What belongs to no requirement: the newest submission's findings only, since an
    /// older one has been superseded.
    pub fn other_findings<'a>(&self, report: &'a Report) -> Vec<&'a Finding> {
        self.submissions
            .iter()
            .filter(|&&i| report.submissions[i].latest)
            .flat_map(|&i| report.submissions[i].findings.iter())
            .collect()
    }

    /// Every finding the city is judged on: the deciding submissions' findings of each
    /// requirement, then the newest submission's own.
    pub fn findings<'a>(&self, report: &'a Report) -> Vec<&'a Finding> {
        let mut out: Vec<&Finding> = self
            .decided(report)
            .iter()
            .flat_map(|d| d.requirement.findings.iter())
            .collect();
        out.extend(self.other_findings(report));
        out
    }

    /// Whether the submission deciding requirement `r` was mailed after its deadline.
    pub fn late(&self, report: &Report, r: usize) -> bool {
        self.cells
            .get(r)
            .copied()
            .flatten()
            .is_some_and(|(_, i)| report.submissions[i].requirements[r].late)
    }

    /// When the city's latest mail was sent ("2020-10-21 09:12"); empty for none.
    pub fn sent_text(&self, report: &Report) -> String {
        let newest_first = self.submissions.iter().rev();
        let mut sent = newest_first.map(|&i| report.submissions[i].sent_text());
        sent.find(|t| !t.is_empty()).unwrap_or_default()
    }

    /// Whether more than one submission decides the city's requirements.
    pub fn mixed(&self, report: &Report) -> bool {
        let decided = self.decided(report);
        decided
            .iter()
            .any(|d| d.submission != decided[0].submission)
    }
}
