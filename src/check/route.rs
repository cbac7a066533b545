//! Problems filed where the reviewer looks for them: under the requirement whose
//! section holds the entry each concerns, or, for a mail's damaged attachment, the
//! requirement its name names; the rest stay with the submission.

use crate::codes::Code;
use crate::findings::Finding;
use crate::intake::EntryId;
use crate::intake::{Problem, Problems, Submission};
use crate::rules::Rules;
use crate::triage::sections;

use super::RequirementOutcome;

/// A mail's attachment that could not be decoded is no entry of the submission, so
/// no section holds it; when its name names exactly one requirement
/// ("锦州市特色案例.docx"), its finding goes there, and that requirement was sent
/// (the city did send it, damaged): it fails instead of waiting for its deadline.
pub(super) fn route_damaged_attachments(
    rules: &Rules,
    loose: &mut Vec<Finding>,
    requirements: &mut [RequirementOutcome],
) {
    loose.retain(|finding| {
        if finding.code != Code::MailPartDamaged || finding.path.is_empty() {
            return true;
        }
        let named: Vec<usize> = (rules.requirements.iter().enumerate())
            .filter(|(_, req)| sections::names_requirement(req, &finding.path))
            .map(|(i, _)| i)
            .collect();
        let [only] = named[..] else { return true };
        requirements[only].findings.push(finding.clone());
        requirements[only].sent = true;
        false
    });
}

/// Files each problem under the requirement whose section holds the entry it
/// concerns; returns those that belong to none. A crash while listing an archive may
/// hide any requirement's material, so it goes to every requirement.
pub(super) fn route(
    sub: &Submission,
    sections: &[Vec<EntryId>],
    problems: Problems,
    requirements: &mut [RequirementOutcome],
) -> Vec<Finding> {
    let crashed = problems
        .0
        .iter()
        .any(|p| p.finding.code == Code::InternalError);
    if let Some(crash) = sub
        .problems
        .iter()
        .find(|p| p.finding.code == Code::InternalError)
    {
        for requirement in requirements.iter_mut() {
            requirement.findings.push(crash.finding.clone());
        }
    }
    let owners = sections::owners(sub, sections);
    let mut loose = Vec::new();
    for Problem { at, finding } in problems.0 {
        if crashed && finding.code == Code::InternalError {
            continue;
        }
        match owners[at] {
            Some(i) => requirements[i].findings.push(finding),
            None => loose.push(finding),
        }
    }
    loose
}
