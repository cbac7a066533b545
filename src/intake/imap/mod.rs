//! The province's mailbox read over IMAP, read-only: every mail in one mailbox becomes
//! a submission exactly as the same mail saved as an .eml file does (`read_mail`).
//!
//! **Nothing in the mailbox changes.** The mailbox is opened with EXAMINE (read-only,
//! RFC 3501 6.3.2) and mails are fetched with `BODY.PEEK[]`, which sets no `\Seen`
//! flag; no STORE, COPY, EXPUNGE or APPEND is ever sent. After LOGIN baosong sends `ID`
//! (RFC 2971), which 126/163 require before they open a mailbox ("Unsafe Login").
//!
//! **The crate.** `imap` 3.0 (alpha; its 2.x line builds only with native-tls) over a
//! stream of our own: rustls with the system's roots or a private CA (`tls`), and
//! timeouts on the socket, so a silent server is an error, not a hang. Mails are fetched
//! in batches of at most [`IMAP_BATCH_BYTES`] (their sizes asked first), each read into
//! a submission before the next batch, so the raw mails are never all held at once.
//!
//! Every failure is one [`Refusal`] naming the server and what to do (exit 2); no
//! message ever holds the password, even when a server echoes it.

mod tls;
mod url;

use std::io::{Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::path::Path;
use std::time::Duration;

use chrono::NaiveDate;

pub use url::{MailboxUrl, UrlProblem, is_mailbox_url};

use super::Submission;
use super::mail::{self, china};
use crate::findings::Refusal;
use crate::limits::{IMAP_BATCH_BYTES, IMAP_TIMEOUT_SECONDS, MAX_MAIL_BYTES};

/// The environment variable holding the mailbox's password (授权码).
pub const PASSWORD_VARIABLE: &str = "BAOSONG_IMAP_PASSWORD";

/// The mailbox of the notice, as a URL: what a malformed one is shown beside.
const EXAMPLE_URL: &str = "imaps://lnsszxx%40126.com@imap.126.com/INBOX";

/// How to read the mailbox.
#[derive(Default)]
pub struct Options<'a> {
    /// A PEM file of the CA to trust instead of the system's roots.
    pub ca: Option<&'a Path>,
    /// Only mails the server received on or after this day (IMAP `SINCE`).
    pub since: Option<NaiveDate>,
}

/// Why a mailbox URL given on the command line cannot be read, as the user reads it.
pub fn url_refusal(text: &str, problem: &UrlProblem) -> Refusal {
    let url = crate::inert::text(text).into_owned();
    Refusal(match problem {
        UrlProblem::Malformed => msg!("imap-url-malformed", url, example = EXAMPLE_URL),
        UrlProblem::PlainRemote(host) => {
            msg!(
                "imap-url-plain-remote",
                host,
                plain = "imap://",
                secure = "imaps://"
            )
        }
        UrlProblem::PasswordInUrl => msg!("imap-url-password", variable = PASSWORD_VARIABLE),
    })
}

trait Stream: Read + Write + Send {}
impl<T: Read + Write + Send> Stream for T {}

type Session = imap::Session<Box<dyn Stream>>;

/// Reads every mail of the mailbox (since `options.since`) into submissions, one per
/// mail, named `imaps://…;UID=n`. `progress(done, total)` is called after each mail.
pub fn read_mailbox(
    url: &MailboxUrl,
    password: &str,
    options: &Options,
    progress: &dyn Fn(u64, u64),
) -> anyhow::Result<Vec<Submission>> {
    let scrub = |text: &str| scrubbed(text, password);
    let guarded = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let mut session = open(url, password, options, &scrub)?;
        let read = fetch_all(&mut session, url, options, progress, &scrub);
        let _ = session.logout();
        read
    }));
    let result = guarded.unwrap_or_else(|_| {
        let server = url.host.clone();
        Err(Refusal(msg!("imap-failed", server, reply = String::new())))
    });
    result.map_err(anyhow::Error::new)
}

/// A server's words with the password blotted out, and cut to a line.
fn scrubbed(text: &str, password: &str) -> String {
    let mut text = text.trim().to_owned();
    if !password.is_empty() {
        text = text.replace(password, "***");
    }
    let mut line: String = text.chars().take(300).collect();
    line = crate::inert::text(&line).into_owned();
    line
}

/// Connects, logs in, says who it is and opens the mailbox read-only.
fn open(
    url: &MailboxUrl,
    password: &str,
    options: &Options,
    scrub: &dyn Fn(&str) -> String,
) -> Result<Session, Refusal> {
    let server = format!("{}:{}", url.host, url.port);
    let tcp = connect_tcp(url, &server)?;
    let stream: Box<dyn Stream> = if url.tls {
        Box::new(
            tls::connect(tcp, &url.host, options.ca)
                .map_err(|f| tls_refusal(f, &server, options.ca))?,
        )
    } else {
        Box::new(tcp)
    };
    let mut client = imap::Client::new(stream);
    client
        .read_greeting()
        .map_err(|e| step_refusal(&e, &server, scrub))?;
    let mut session = client.login(&url.user, password).map_err(|(e, _)| {
        let user = url.user.clone();
        match e {
            imap::Error::No(no) => {
                let reply = scrub(&no.information);
                Refusal(msg!(
                    "imap-login-refused",
                    server = server.clone(),
                    user,
                    reply
                ))
            }
            other => step_refusal(&other, &server, scrub),
        }
    })?;
    let id = format!(
        "ID (\"name\" \"baosong\" \"version\" \"{}\" \"vendor\" \"baosong\")",
        env!("CARGO_PKG_VERSION")
    );
    session.run_command_and_check_ok(id).map_err(|e| match e {
        imap::Error::No(no) => id_refusal(&server, &scrub(&no.information)),
        imap::Error::Bad(bad) => id_refusal(&server, &scrub(&bad.information)),
        other => step_refusal(&other, &server, scrub),
    })?;
    let name = url::mailbox_utf7(&url.mailbox);
    // A missing folder is found by LIST first: some servers answer EXAMINE of a
    // missing folder with its name in UTF-8, which the response parser cannot read.
    let listed = session
        .list(None, Some(&name))
        .map_err(|e| step_refusal(&e, &server, scrub))?;
    let mailbox = url.mailbox.clone();
    if listed.is_empty() {
        return Err(Refusal(msg!("imap-mailbox-missing", mailbox)));
    }
    session.examine(&name).map_err(|e| match e {
        // 126/163 refuse to open a folder to a client that did not say who it is.
        imap::Error::No(no) if no.information.contains("Unsafe Login") => {
            id_refusal(&server, &scrub(&no.information))
        }
        imap::Error::No(no) => {
            let reply = scrub(&no.information);
            Refusal(msg!("imap-mailbox-refused", mailbox, reply))
        }
        other => step_refusal(&other, &server, scrub),
    })?;
    Ok(session)
}

fn id_refusal(server: &str, reply: &str) -> Refusal {
    Refusal(msg!("imap-id-refused", server, reply))
}

fn connect_tcp(url: &MailboxUrl, server: &str) -> Result<TcpStream, Refusal> {
    let timeout = Duration::from_secs(IMAP_TIMEOUT_SECONDS);
    let network = |why: String| Refusal(msg!("imap-connect", server, why));
    let addresses = (url.host.as_str(), url.port)
        .to_socket_addrs()
        .map_err(|e| network(e.to_string()))?;
    let mut last = String::new();
    for address in addresses {
        match TcpStream::connect_timeout(&address, timeout) {
            Ok(tcp) => {
                let set = tcp
                    .set_read_timeout(Some(timeout))
                    .and_then(|()| tcp.set_write_timeout(Some(timeout)));
                set.map_err(|e| network(e.to_string()))?;
                return Ok(tcp);
            }
            Err(e) => last = e.to_string(),
        }
    }
    Err(network(last))
}

fn tls_refusal(failure: tls::TlsFailure, server: &str, ca: Option<&Path>) -> Refusal {
    let file = ca.map(crate::inert::path).unwrap_or_default();
    Refusal(match failure {
        tls::TlsFailure::Ca(why) => msg!("imap-tls-ca", file, why),
        tls::TlsFailure::Roots(why) => msg!("imap-tls-roots", why),
        tls::TlsFailure::Certificate(why) => msg!("imap-tls-certificate", server, why),
        tls::TlsFailure::Closed => msg!("imap-closed", server),
        tls::TlsFailure::Handshake(why) => msg!("imap-tls-handshake", server, why),
    })
}

/// A failure between the steps: the network, a timeout, a server that hung up or
/// answered what it should not.
fn step_refusal(error: &imap::Error, server: &str, scrub: &dyn Fn(&str) -> String) -> Refusal {
    let seconds = IMAP_TIMEOUT_SECONDS;
    Refusal(match error {
        imap::Error::Io(e)
            if matches!(
                e.kind(),
                std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock
            ) =>
        {
            msg!("imap-timeout", server, seconds)
        }
        imap::Error::Io(_) | imap::Error::ConnectionLost | imap::Error::Bye(_) => {
            msg!("imap-closed", server)
        }
        imap::Error::No(no) => msg!("imap-failed", server, reply = scrub(&no.information)),
        imap::Error::Bad(bad) => msg!("imap-failed", server, reply = scrub(&bad.information)),
        other => msg!("imap-failed", server, reply = scrub(&other.to_string())),
    })
}

/// A mail's UID and its size in bytes.
type UidSize = (u32, u64);

/// The mails to read, in UID order, and when the server received each.
#[derive(Default)]
struct Listing {
    sized: Vec<UidSize>,
    arrived: std::collections::HashMap<u32, chrono::DateTime<chrono::FixedOffset>>,
}

/// The UIDs to read and each mail's size, in UID order (the order mails arrived).
fn listing(session: &mut Session, since: Option<NaiveDate>) -> imap::error::Result<Listing> {
    // SEARCH SINCE compares the server's own day, whatever its zone: ask from the day
    // before, then keep what arrived from `since` on in China time.
    let query = match since.and_then(|d| d.pred_opt()) {
        Some(day) => format!("SINCE {}", day.format("%-d-%b-%Y")),
        None => "ALL".to_owned(),
    };
    let mut uids: Vec<u32> = session.uid_search(query)?.into_iter().collect();
    uids.sort_unstable();
    if uids.is_empty() {
        return Ok(Listing::default());
    }
    let fetches = session.uid_fetch(uid_set(&uids), "(RFC822.SIZE INTERNALDATE)")?;
    let in_range = |f: &imap::types::Fetch| {
        let arrived = f
            .internal_date()
            .map(|d| d.with_timezone(&china()).date_naive());
        since.is_none_or(|since| arrived.is_none_or(|day| day >= since))
    };
    let mut sized: Vec<UidSize> = fetches
        .iter()
        .filter(|f| in_range(f))
        .filter_map(|f| Some((f.uid?, u64::from(f.size?))))
        .filter(|(uid, _)| uids.binary_search(uid).is_ok())
        .collect();
    sized.sort_unstable();
    sized.dedup_by_key(|(uid, _)| *uid);
    let arrived = (fetches.iter())
        .filter_map(|f| Some((f.uid?, f.internal_date()?)))
        .collect();
    Ok(Listing { sized, arrived })
}

fn uid_set(uids: &[u32]) -> String {
    uids.iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

/// Batches of UIDs of at most [`IMAP_BATCH_BYTES`] together (a larger mail alone).
fn batches(sized: &[UidSize]) -> Vec<Vec<u32>> {
    let mut out: Vec<Vec<u32>> = Vec::new();
    let mut bytes = 0;
    for &(uid, size) in sized {
        match out.last_mut() {
            Some(batch) if bytes + size <= IMAP_BATCH_BYTES => batch.push(uid),
            _ => {
                out.push(vec![uid]);
                bytes = 0;
            }
        }
        bytes += size;
    }
    out
}

fn fetch_all(
    session: &mut Session,
    url: &MailboxUrl,
    options: &Options,
    progress: &dyn Fn(u64, u64),
    scrub: &dyn Fn(&str) -> String,
) -> Result<Vec<Submission>, Refusal> {
    let server = format!("{}:{}", url.host, url.port);
    let failed = |e: imap::Error| step_refusal(&e, &server, scrub);
    let Listing { sized, arrived } = listing(session, options.since).map_err(failed)?;
    // An undated mail is ordered by when the server received it.
    let submission = |mail: mail::Mail, uid: u32| {
        let mut sub = mail.submission(&url.mail_name(uid));
        if sub.modified.is_none() {
            sub.modified = arrived.get(&uid).map(|&d| std::time::SystemTime::from(d));
        }
        sub
    };
    let total = sized.len() as u64;
    let (fitting, too_large): (Vec<UidSize>, Vec<UidSize>) =
        sized.iter().partition(|(_, size)| *size <= MAX_MAIL_BYTES);
    let mut subs = Vec::with_capacity(sized.len());
    for batch in batches(&fitting) {
        let fetches = session
            .uid_fetch(uid_set(&batch), "BODY.PEEK[]")
            .map_err(failed)?;
        for fetch in fetches.iter() {
            let (Some(uid), Some(body)) = (fetch.uid, fetch.body()) else {
                continue;
            };
            subs.push(submission(mail::read_mail(body), uid));
            progress(subs.len() as u64, total);
        }
    }
    // A mail over the limit is named by its header lines, and not read.
    for (uid, _) in too_large {
        let fetches = session
            .uid_fetch(uid.to_string(), "BODY.PEEK[HEADER]")
            .map_err(failed)?;
        let header = fetches.iter().find_map(|f| f.header().map(<[u8]>::to_vec));
        let mail = mail::read_too_large(&header.unwrap_or_default());
        subs.push(submission(mail, uid));
        progress(subs.len() as u64, total);
    }
    Ok(subs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batches_hold_at_most_the_batch_bytes_and_a_large_mail_alone() {
        let big = IMAP_BATCH_BYTES;
        let sized = [(1, 10), (2, big - 20), (3, 30), (4, big + 5), (5, 1)];
        assert_eq!(batches(&sized), [vec![1, 2], vec![3], vec![4], vec![5]]);
        assert!(batches(&[]).is_empty());
    }

    #[test]
    fn the_password_never_reaches_a_message() {
        let text = scrubbed(
            "NO [AUTHENTICATIONFAILED] LOGIN u s3cr3t! failed\r\n",
            "s3cr3t!",
        );
        assert_eq!(text, "NO [AUTHENTICATIONFAILED] LOGIN u *** failed");
    }
}
