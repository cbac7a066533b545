//! `baosong check imaps://…`: the mailbox as an inbox. The password comes from
//! `BAOSONG_IMAP_PASSWORD`, or is asked for without echo when a person is at a
//! terminal; it is handed to the IMAP reader and nowhere else.

use std::path::Path;

use anyhow::Result;
use chrono::NaiveDate;

use baosong::batch::{self, Expansion};
use baosong::findings::{Lang, Refusal};
use baosong::intake::imap::{self, MailboxUrl, PASSWORD_VARIABLE};
use baosong::rules::Rules;

/// How a mailbox given on the command line is read.
#[derive(Default)]
pub struct Options<'a> {
    pub ca: Option<&'a Path>,
    pub since: Option<NaiveDate>,
}

/// The mails of `path` when it is a mailbox URL, each a submission with its submitter
/// decided; None for a path on disk.
pub fn read(
    path: &Path,
    options: &Options,
    rules: &Rules,
    lang: Lang,
) -> Result<Option<Expansion>> {
    let text = path.to_string_lossy();
    if !imap::is_mailbox_url(&text) {
        return Ok(None);
    }
    let url = MailboxUrl::parse(&text).map_err(|p| imap::url_refusal(&text, &p))?;
    let password = password(&url, lang)?;
    let progress = super::inputs::progress_bar(0);
    progress.set_message(baosong::tr!(lang, "imap-progress"));
    let tick = |done: u64, total: u64| {
        progress.set_length(total);
        progress.set_position(done);
    };
    let read = imap::Options {
        ca: options.ca,
        since: options.since,
    };
    let mut submissions = imap::read_mailbox(&url, &password, &read, &tick)?;
    progress.finish_and_clear();
    for sub in &mut submissions {
        batch::assign(sub, rules);
    }
    let shown = url.to_string();
    let n = submissions.len();
    Ok(Some(Expansion {
        submissions,
        inbox: true,
        decision: baosong::msg!("path-batch", shown, n),
    }))
}

/// The password: from the environment, else typed at a terminal without echo.
fn password(url: &MailboxUrl, lang: Lang) -> Result<String> {
    use std::io::IsTerminal;
    if let Ok(password) = std::env::var(PASSWORD_VARIABLE) {
        return Ok(password);
    }
    if !std::io::stdin().is_terminal() {
        return Err(Refusal(baosong::msg!(
            "imap-no-password",
            variable = PASSWORD_VARIABLE
        ))
        .into());
    }
    let user = url.user.clone();
    let prompt = baosong::tr!(lang, "imap-password-prompt", user);
    rpassword::prompt_password(prompt).map_err(|_| {
        Refusal(baosong::msg!(
            "imap-no-password",
            variable = PASSWORD_VARIABLE
        ))
        .into()
    })
}
