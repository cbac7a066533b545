//! Mails received that are no submission (a question, an auto-reply, a reminder):
//! listed with why, and kept out of the matrix and the verdict.

use std::path::PathBuf;

use crate::codes::Code;
use crate::findings::Msg;

/// A mail that is no submission, and why.
#[derive(Debug)]
pub struct NotSubmission {
    pub name: String,
    pub path: PathBuf,
    pub reason: Msg,
    /// The mail's envelope: its message id, sender, subject and send time.
    pub mail: Option<crate::intake::MailInfo>,
}

impl NotSubmission {
    /// The mail itself when it holds nothing to check and says it is no submission.
    pub fn of(sub: &crate::intake::Submission) -> Option<NotSubmission> {
        let has_file = sub
            .entries
            .iter()
            .any(|e| !matches!(e.kind, crate::intake::EntryKind::Dir(_)));
        let said = sub
            .problems
            .iter()
            .find(|p| p.finding.code == Code::MailNotSubmission)?;
        (!has_file).then(|| NotSubmission {
            name: sub.name.clone(),
            path: sub.origin.clone(),
            reason: said.finding.message.clone(),
            mail: sub.mail.clone(),
        })
    }
}
