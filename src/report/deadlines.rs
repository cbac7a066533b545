//! Deadlines applied: what is not due yet, what must be put right by when, and what
//! was mailed too late.

use chrono::{DateTime, NaiveDate};

use crate::findings::{Finding, Lang, Severity};
use crate::rules::Requirement;

/// Whether a mail was sent after `due` (its day still in time), in China time.
pub(super) fn sent_after(mail: Option<&crate::intake::MailInfo>, due: Option<NaiveDate>) -> bool {
    let sent = mail
        .and_then(|m| m.date.as_deref())
        .and_then(|d| DateTime::parse_from_rfc3339(d).ok());
    match (sent, due) {
        (Some(sent), Some(due)) => sent.date_naive() > due,
        _ => false,
    }
}

/// Whether the deadline has not passed. "10月21日前" is read in offices as "by the
/// 21st": the deadline day itself is still in time. A requirement with no date (待通知)
/// is always in time. Only a requirement with nothing sent is pending on it: what was
/// sent (a board of 245 字 on 10-15, a roster of 3) is judged as it is, today.
pub(super) fn in_time(req: &Requirement, as_of: NaiveDate) -> bool {
    req.due.is_none_or(|due| as_of <= due)
}

/// Turns the errors of a requirement that is not due yet into pending findings, which
/// say so, so that every output (lists, JSON, letters) tells "not yet" from "wrong".
pub(super) fn mark_pending(req: &Requirement, findings: &mut [Finding]) {
    let due = req.due.map(|d| d.to_string());
    for f in findings
        .iter_mut()
        .filter(|f| f.severity == Severity::Error)
    {
        f.severity = Severity::Pending;
        let message = &f.message;
        f.message = match &due {
            Some(due) => msg!("pending-until", due, message),
            None => msg!("pending-undated", message),
        };
    }
}

/// Adds the deadline to the errors of material sent before it: the city can still
/// put it right in time, and the message says by when.
pub(super) fn mark_fix_by(req: &Requirement, findings: &mut [Finding], as_of: NaiveDate) {
    let Some(due) = req.due.filter(|&due| as_of <= due) else {
        return;
    };
    let due = Day(due);
    for f in findings
        .iter_mut()
        .filter(|f| f.severity == Severity::Error)
    {
        let message = &f.message;
        f.message = msg!("fix-by", message, due);
    }
}

/// A day as the language writes it ("10月21日", "21 Oct").
pub struct Day(pub NaiveDate);

impl crate::messages::Arg for Day {
    fn value(&self, lang: Lang) -> String {
        self.0.format(&tr!(lang, "date-format")).to_string()
    }
}
