//! The mailbox as the command line names it: `imaps://USER@HOST[:PORT][/MAILBOX]`
//! (RFC 5092's form, the `@` of an address user written `%40`), or `imap://` for a
//! server on this machine only, since a password must not cross a network in clear.

use std::fmt;

/// A mailbox to read, parsed from its URL. `Display` never shows a password (a URL
/// with one is refused).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MailboxUrl {
    pub tls: bool,
    pub user: String,
    pub host: String,
    pub port: u16,
    /// The mailbox's name as shown ("INBOX", "已发送").
    pub mailbox: String,
}

/// Why a URL names no mailbox baosong can read, as a message id and its argument.
#[derive(Debug, PartialEq, Eq)]
pub enum UrlProblem {
    /// No user, no host, a bad port or bad percent escapes.
    Malformed,
    /// `imap://` to another machine.
    PlainRemote(String),
    /// `imaps://user:password@…`: the password belongs in the environment.
    PasswordInUrl,
}

/// Whether `text` is meant as a mailbox URL at all (then it is parsed, and a bad one is
/// refused instead of read as a path).
pub fn is_mailbox_url(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    lower.starts_with("imap://") || lower.starts_with("imaps://")
}

impl MailboxUrl {
    pub fn parse(text: &str) -> Result<MailboxUrl, UrlProblem> {
        let (scheme, rest) = text.split_once("://").ok_or(UrlProblem::Malformed)?;
        let tls = scheme.eq_ignore_ascii_case("imaps");
        let (authority, path) = rest.split_once('/').unwrap_or((rest, ""));
        let (user, host_port) = authority.rsplit_once('@').ok_or(UrlProblem::Malformed)?;
        if user.contains(':') {
            return Err(UrlProblem::PasswordInUrl);
        }
        let (host, port) = split_port(host_port)?;
        let user = percent_decode(user)?;
        let mailbox = match percent_decode(path.trim_end_matches('/'))? {
            m if m.is_empty() => "INBOX".to_owned(),
            m => m,
        };
        if user.is_empty() || host.is_empty() {
            return Err(UrlProblem::Malformed);
        }
        if !tls && !is_this_machine(&host) {
            return Err(UrlProblem::PlainRemote(host));
        }
        let port = port.unwrap_or(if tls { 993 } else { 143 });
        Ok(MailboxUrl {
            tls,
            user,
            host,
            port,
            mailbox,
        })
    }

    /// The name of one mail in this mailbox (RFC 5092): where a report says it came from.
    pub fn mail_name(&self, uid: u32) -> String {
        format!("{self};UID={uid}")
    }
}

impl fmt::Display for MailboxUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let scheme = if self.tls { "imaps" } else { "imap" };
        let user = self.user.replace('%', "%25").replace('@', "%40");
        write!(
            f,
            "{scheme}://{user}@{}:{}/{}",
            self.host, self.port, self.mailbox
        )
    }
}

fn split_port(host_port: &str) -> Result<(String, Option<u16>), UrlProblem> {
    // [::1]:993, host:993, host
    let (host, port) = if let Some(rest) = host_port.strip_prefix('[') {
        let (host, after) = rest.split_once(']').ok_or(UrlProblem::Malformed)?;
        (host, after.strip_prefix(':'))
    } else {
        match host_port.rsplit_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (host_port, None),
        }
    };
    let port = match port {
        Some(p) => Some(p.parse().map_err(|_| UrlProblem::Malformed)?),
        None => None,
    };
    Ok((host.to_ascii_lowercase(), port))
}

fn is_this_machine(host: &str) -> bool {
    host == "localhost"
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

fn percent_decode(text: &str) -> Result<String, UrlProblem> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3).ok_or(UrlProblem::Malformed)?;
            out.push(u8::from_str_radix(hex, 16).map_err(|_| UrlProblem::Malformed)?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| UrlProblem::Malformed)
}

/// A mailbox name as IMAP writes it (RFC 3501 5.1.3, modified UTF-7): "已发送" is
/// `&XfJT0ZAB-`, ASCII stays, `&` is `&-`.
pub fn mailbox_utf7(name: &str) -> String {
    use base64::Engine;
    let engine = base64::engine::general_purpose::STANDARD_NO_PAD;
    let mut out = String::new();
    let mut wide: Vec<u16> = Vec::new();
    let flush = |wide: &mut Vec<u16>, out: &mut String| {
        if !wide.is_empty() {
            let bytes: Vec<u8> = wide.iter().flat_map(|u| u.to_be_bytes()).collect();
            out.push('&');
            out.push_str(&engine.encode(bytes).replace('/', ","));
            out.push('-');
            wide.clear();
        }
    };
    for c in name.chars() {
        if (' '..='~').contains(&c) {
            flush(&mut wide, &mut out);
            match c {
                '&' => out.push_str("&-"),
                c => out.push(c),
            }
        } else {
            wide.extend(c.encode_utf16(&mut [0; 2]).iter());
        }
    }
    flush(&mut wide, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_issue_form_with_an_escaped_address_user() {
        let url = MailboxUrl::parse("imaps://lnsszxx%40126.com@imap.126.com/INBOX").unwrap();
        assert_eq!(url.user, "lnsszxx@126.com");
        assert_eq!(url.host, "imap.126.com");
        assert_eq!((url.port, url.tls), (993, true));
        assert_eq!(url.mailbox, "INBOX");
        assert_eq!(
            url.to_string(),
            "imaps://lnsszxx%40126.com@imap.126.com:993/INBOX"
        );
        assert_eq!(
            url.mail_name(17),
            "imaps://lnsszxx%40126.com@imap.126.com:993/INBOX;UID=17"
        );
    }

    #[test]
    fn port_and_mailbox_are_optional_and_a_chinese_mailbox_is_decoded() {
        let url = MailboxUrl::parse("imaps://u@Host.example:1993").unwrap();
        assert_eq!((url.host.as_str(), url.port), ("host.example", 1993));
        assert_eq!(url.mailbox, "INBOX");
        let url = MailboxUrl::parse("imaps://u@h/%E6%8A%A5%E9%80%81").unwrap();
        assert_eq!(url.mailbox, "报送");
    }

    #[test]
    fn plain_imap_only_to_this_machine_and_never_a_password_in_the_url() {
        assert!(MailboxUrl::parse("imap://u@127.0.0.1:1143/INBOX").is_ok());
        assert!(MailboxUrl::parse("imap://u@[::1]:1143").is_ok());
        assert_eq!(
            MailboxUrl::parse("imap://u@imap.126.com"),
            Err(UrlProblem::PlainRemote("imap.126.com".into()))
        );
        assert_eq!(
            MailboxUrl::parse("imaps://u:secret@imap.126.com"),
            Err(UrlProblem::PasswordInUrl)
        );
        assert_eq!(
            MailboxUrl::parse("imaps://imap.126.com"),
            Err(UrlProblem::Malformed)
        );
        assert_eq!(
            MailboxUrl::parse("imaps://u@h:x"),
            Err(UrlProblem::Malformed)
        );
        assert!(is_mailbox_url("IMAPS://u@h") && !is_mailbox_url("收件箱/imaps"));
    }

    #[test]
    fn mailbox_names_in_modified_utf7() {
        assert_eq!(mailbox_utf7("INBOX"), "INBOX");
        assert_eq!(mailbox_utf7("已发送"), "&XfJT0ZAB-");
        assert_eq!(mailbox_utf7("A&B"), "A&-B");
        assert_eq!(mailbox_utf7("报送/2020"), "&YqWQAQ-/2020");
    }
}
