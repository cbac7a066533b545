//! Deadlines applied: what is not due yet, what must be put right by when, and what
//! was mailed too late.

use chrono::{DateTime, FixedOffset, NaiveDate};

use crate::check::RequirementOutcome;
use crate::codes::Code;
use crate::findings::{Finding, Lang, Severity};
use crate::intake::MailInfo;
use crate::rules::{Requirement, Rules};

/// When a mail was sent, in China time (the mail reader gives +08:00).
fn sent_at(mail: Option<&MailInfo>) -> Option<DateTime<FixedOffset>> {
    mail.and_then(|m| m.date.as_deref())
        .and_then(|d| DateTime::parse_from_rfc3339(d).ok())
}

/// Whether a mail was sent after `due` (its day still in time), in China time.
fn sent_after(mail: Option<&MailInfo>, due: Option<NaiveDate>) -> bool {
    match (sent_at(mail), due) {
        (Some(sent), Some(due)) => sent.date_naive() > due,
        _ => false,
    }
}

/// Whether the requirement's material came in a mail sent after its deadline; if so, adds `mail-sent-late` with the send time and the deadline, at
/// the severity the rules give it (a warning unless `[severity]` says otherwise; none
/// when off: the late mark stays). Late is a fact for the reviewer, not a failure.
pub(super) fn mark_late(
    rules: &Rules,
    req: &Requirement,
    mail: Option<&MailInfo>,
    out: &mut RequirementOutcome,
) -> bool {
    // Late is said of material the mail carried, not of what it left out.
    let late = out.sent && sent_after(mail, req.due);
    let (Some(sent), Some(due)) = (sent_at(mail), req.due) else {
        return late;
    };
    let severity = match rules.severity.get(&Code::MailSentLate) {
        None => Code::MailSentLate.severity(),
        Some(Some(severity)) => *severity,
        Some(None) => return late,
    };
    if late {
        let (title, sent, due) = (req.name(), SentAt(sent), Day(due));
        let mut finding = Finding::new(
            Code::MailSentLate,
            "",
            msg!("mail-sent-late", title, sent, due),
        );
        finding.severity = severity;
        // Findings run from the worst: it goes after those at least as bad.
        let at = (out.findings.iter())
            .position(|f| f.severity < severity)
            .unwrap_or(out.findings.len());
        out.findings.insert(at, finding);
    }
    late
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

/// A send time as the language writes it ("10月23日 09:12", "2020-10-23 09:12").
pub struct SentAt(pub DateTime<FixedOffset>);

impl crate::messages::Arg for SentAt {
    fn value(&self, lang: Lang) -> String {
        let day = Day(self.0.date_naive()).value(lang);
        format!("{day} {}", self.0.format("%H:%M"))
    }
}
