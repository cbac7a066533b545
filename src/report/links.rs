//! 超大附件: the download links cities put in their mails when a file is too large to
//! attach (NetEase 126/163, QQ Mail), as every output lists them: city by city, with
//! the file's name, size and expiry, judged against the moment of the check.
//!
//! A link is never material: the file behind it was not received, read or counted, and
//! baosong does not download it. So each link is a finding on the submission its mail
//! became, at the submission's root: `mail-link` (a warning: download it before it
//! expires, or have the city attach it) or, once expired, `mail-link-expired` (an error
//! for the city: the file is lost and must be sent again).

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveTime, TimeZone, Utc};
use rust_xlsxwriter::{Color, Format, Url, Worksheet, XlsxError};

use super::Report;
use super::carried::{self, Carried, Key};
use crate::codes::Code;
use crate::findings::{Finding, Lang, Msg};
use crate::inert;
use crate::intake::mail::china;
use crate::limits::MAX_LINKS_PER_MAIL;
use crate::rules::Rules;

/// One download link of one mail, as the outputs show it.
#[derive(Debug, Clone)]
pub struct Link {
    pub url: String,
    /// The file's name, as the mail gives it.
    pub name: Option<String>,
    /// As the mail writes it: "215.3M".
    pub size: Option<String>,
    pub expires: Option<DateTime<FixedOffset>>,
    /// The submitter the mail was matched to; None when unassigned.
    pub city: Option<String>,
    /// The city, or for a mail matched to none the submission's name (as the matrix).
    pub label: String,
    pub message_id: String,
    pub subject: String,
    /// Expired at the moment of the check. A link whose expiry is unknown is not.
    pub expired: bool,
    /// "11月4日 15:20 到期，请尽快下载", "已于 … 过期，请城市重新发送".
    pub state: Msg,
    /// The submission the mail became, in [`Report::submissions`].
    pub submission: usize,
}

/// The moment links are judged against: now, or with `--as-of` the start of that day
/// (00:00 China time).
pub fn moment(as_of: Option<NaiveDate>) -> DateTime<FixedOffset> {
    let start = |day: NaiveDate| china().from_local_datetime(&day.and_time(NaiveTime::MIN));
    match as_of.and_then(|day| start(day).single()) {
        Some(at) => at,
        None => Utc::now().with_timezone(&china()),
    }
}

/// Lists every mail's links into [`Report::links`] (the rows' order: city by city,
/// each city's mails oldest first) and gives each its finding on its submission.
/// `[severity]` applies to the two codes as to any other.
pub fn judge(report: &mut Report, rules: &Rules, at: DateTime<FixedOffset>) {
    let order: Vec<usize> = report
        .rows
        .iter()
        .flat_map(|r| r.submissions.iter().copied())
        .collect();
    let Report {
        submissions, links, ..
    } = report;
    for i in order {
        let sub = &mut submissions[i];
        let Some(mail) = &sub.mail else { continue };
        let label = sub.city.clone().unwrap_or_else(|| sub.name.clone());
        let mut findings = Vec::new();
        for found in mail.links.iter().take(MAX_LINKS_PER_MAIL) {
            let expired = found.expires.is_some_and(|e| e <= at);
            let when = found.expires.map(|e| when_of(e, at));
            let state = match &when {
                Some(when) if expired => msg!("link-expired", when),
                Some(when) => msg!("link-expires", when),
                None => msg!("link-expiry-unknown"),
            };
            let link = Link {
                url: found.url.clone(),
                name: found.name.clone(),
                size: found.size.clone(),
                expires: found.expires,
                city: sub.city.clone(),
                label: label.clone(),
                message_id: mail.message_id.clone(),
                subject: mail.subject.clone(),
                expired,
                state,
                submission: i,
            };
            findings.push(finding(&link, when));
            links.push(link);
        }
        if mail.links.len() > MAX_LINKS_PER_MAIL {
            let (n, limit) = (mail.links.len() - MAX_LINKS_PER_MAIL, MAX_LINKS_PER_MAIL);
            let file = sub.path.file_name().unwrap_or_default().to_string_lossy();
            let file = inert::text(&file).into_owned();
            let text = msg!("mail-links-over-limit", file, n, limit);
            findings.push(Finding::new(Code::MailLink, "", text));
        }
        findings.retain_mut(|f| match rules.severity.get(&f.code) {
            None => true,
            Some(None) => false,
            Some(Some(severity)) => {
                f.severity = *severity;
                true
            }
        });
        sub.findings.extend(findings);
        sub.findings.sort_by_key(|f| std::cmp::Reverse(f.severity));
    }
}

/// "11月4日 15:20" (with the year when it is not the check's), in China time.
fn when_of(expires: DateTime<FixedOffset>, at: DateTime<FixedOffset>) -> Msg {
    let t = expires.with_timezone(&china());
    let (year, month, day) = (t.year(), t.month(), t.day());
    let time = t.format("%H:%M").to_string();
    if year == at.with_timezone(&china()).year() {
        msg!("link-when", month, day, time)
    } else {
        msg!("link-when-year", year, month, day, time)
    }
}

/// The link's finding, at the root of its mail's submission.
fn finding(link: &Link, when: Option<Msg>) -> Finding {
    let (file, size) = (link.file(), link.size_msg());
    match when {
        Some(when) if link.expired => Finding::new(
            Code::MailLinkExpired,
            "",
            msg!("mail-link-expired", file, size, when),
        ),
        _ => {
            let state = &link.state;
            Finding::new(Code::MailLink, "", msg!("mail-link", file, size, state))
        }
    }
}

impl Link {
    /// The file as a finding names it: 「展板材料.zip」, or that the mail gives no name.
    fn file(&self) -> Msg {
        match &self.name {
            Some(name) => msg!("link-named", name),
            None => msg!("link-unnamed"),
        }
    }

    /// "（215.3M）", or nothing when the mail gives no size.
    pub fn size_msg(&self) -> Msg {
        match &self.size {
            Some(size) => msg!("link-size", size),
            None => Msg::new("", ""),
        }
    }

    /// The name as written (made inert), or that the mail gives none.
    pub fn name_text(&self, lang: Lang) -> String {
        match &self.name {
            Some(name) => inert::text(name).into_owned(),
            None => tr!(lang, "link-unnamed"),
        }
    }

    /// "辽阳市：展板材料.zip（215.3M）下载链接 11月4日 15:20 到期，请尽快下载".
    pub fn line(&self, lang: Lang) -> String {
        let (who, file) = (inert::text(&self.label), self.name_text(lang));
        let (size, state) = (self.size_msg(), &self.state);
        tr!(lang, "link-line", who, file, size, state)
    }

    /// The address to put behind the name on a page or in a sheet: only a plain
    /// http(s) address, never a script or a file on the reader's machine.
    pub fn href(&self) -> Option<&str> {
        let lower = self.url.to_ascii_lowercase();
        let web = lower.starts_with("https://") || lower.starts_with("http://");
        let plain = self.url.bytes().all(|b| b.is_ascii_graphic());
        (web && plain).then_some(self.url.as_str())
    }

    /// Live, expired, or expiry unknown, as a sheet's status cell says it.
    fn status(&self, lang: Lang) -> String {
        match (self.expired, self.expires) {
            (true, _) => tr!(lang, "link-status-expired"),
            (false, Some(_)) => tr!(lang, "link-status-live"),
            (false, None) => tr!(lang, "link-status-unknown"),
        }
    }
}

/// The columns baosong writes on the tracker's sheet of links, with their widths.
pub(super) fn titles(lang: Lang) -> Vec<(String, f64)> {
    vec![
        (tr!(lang, "column-city"), 12.0),
        (tr!(lang, "column-link-name"), 30.0),
        (tr!(lang, "column-link-size"), 10.0),
        (tr!(lang, "column-link-expires"), 17.0),
        (tr!(lang, "column-status"), 12.0),
        (tr!(lang, "column-link"), 60.0),
        (tr!(lang, "column-mail-subject"), 40.0),
    ]
}

/// The column of the address, by which a row of the sheet is known again.
pub(super) const ADDRESS_COLUMN: usize = 5;

/// The tracker's sheet of links (下载链接): city, file name, size, expiry, status,
/// address, the mail's subject; a row per link. The user's columns of the previous
/// sheet (已下载, 备注) come back on the row of the same address; a link no longer
/// received keeps its row at the bottom, said to be no longer checked.
pub fn sheet(
    sheet: &mut Worksheet,
    report: &Report,
    lang: Lang,
    carried: Carried,
) -> Result<(), XlsxError> {
    sheet.set_name(tr!(lang, "sheet-links"))?;
    let mut titles = titles(lang);
    let ours = titles.len() as u16;
    let carried = carried.with_notes(lang);
    titles.extend(carried.headers.iter().map(|h| (h.clone(), 24.0)));
    let bold = Format::new().set_bold();
    for (c, (title, width)) in titles.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, title, &bold)?;
        sheet.set_column_width(c as u16, *width)?;
    }
    let keys: Vec<Key> = (report.links.iter())
        .map(|l| Key {
            exact: l.url.clone(),
            loose: l.url.clone(),
        })
        .collect();
    let (values, orphans) = carried.assign(&keys);
    for (r, (link, values)) in report.links.iter().zip(values).enumerate() {
        let row = r as u32 + 1;
        link_row(sheet, row, link, lang)?;
        carried::write_values(sheet, row, ours, values.as_deref().unwrap_or_default())?;
    }
    let gone_text = tr!(lang, "tracker-row-gone");
    for (r, orphan) in orphans.iter().enumerate() {
        let row = (report.links.len() + r) as u32 + 1;
        for (c, shown) in orphan.shown.iter().enumerate() {
            let shown = inert::cell(shown, lang);
            sheet.write_string_with_format(row, c as u16, shown.as_ref(), &carried::gone())?;
        }
        sheet.write_string_with_format(row, 4, &gone_text, &carried::gone())?;
        carried::write_values(sheet, row, ours, &orphan.cells)?;
    }
    let last_row = (report.links.len() + orphans.len()) as u32;
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, last_row, titles.len() as u16 - 1)?;
    sheet
        .set_landscape()
        .set_paper_size(9)
        .set_print_fit_to_pages(1, 0);
    Ok(())
}

/// Baosong's cells of one link's row.
fn link_row(sheet: &mut Worksheet, row: u32, link: &Link, lang: Lang) -> Result<(), XlsxError> {
    let red = Format::new()
        .set_font_color(Color::RGB(0xC62828))
        .set_bold();
    let cell = |s: &str| inert::cell(s, lang).into_owned();
    let expires = link.expires.map(|e| e.with_timezone(&china()));
    let expires = expires.map(|e| e.format("%Y-%m-%d %H:%M").to_string());
    sheet.write_string(row, 0, cell(&link.label))?;
    sheet.write_string(row, 1, cell(&link.name_text(lang)))?;
    sheet.write_string(row, 2, cell(link.size.as_deref().unwrap_or("")))?;
    sheet.write_string(row, 3, expires.unwrap_or_default())?;
    let status = link.status(lang);
    match link.expired {
        true => sheet.write_string_with_format(row, 4, status, &red)?,
        false => sheet.write_string(row, 4, status)?,
    };
    // A link Excel refuses (too long) is written as text.
    let url = link.href().filter(|u| u.len() <= 2000);
    if url.is_none_or(|u| sheet.write_url(row, 5, Url::new(u)).is_err()) {
        sheet.write_string(row, 5, cell(&link.url))?;
    }
    sheet.write_string(row, 6, cell(&link.subject))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(url: &str) -> Link {
        Link {
            url: url.to_owned(),
            name: Some("展板材料.zip".to_owned()),
            size: None,
            expires: None,
            city: None,
            label: String::new(),
            message_id: String::new(),
            subject: String::new(),
            expired: false,
            state: Msg::new("", ""),
            submission: 0,
        }
    }

    #[test]
    fn only_a_plain_web_address_becomes_a_link() {
        for url in [
            "https://mail.163.com/large-attachment-download/index.html?file=a",
            "HTTP://mail.qq.com/cgi-bin/ftnExs_download?k=1",
        ] {
            assert_eq!(link(url).href(), Some(url));
        }
        for url in [
            "javascript:alert(1)//https://mail.163.com/",
            "file:///C:/Windows/system32/calc.exe",
            "https://mail.163.com/x?名=\u{202e}gpj.exe",
            "https://mail.163.com/a b",
        ] {
            assert_eq!(link(url).href(), None, "{url}");
        }
    }

    #[test]
    fn a_day_checked_starts_at_midnight_china_time() {
        let day = NaiveDate::from_ymd_opt(2020, 10, 25).unwrap();
        assert_eq!(moment(Some(day)).to_rfc3339(), "2020-10-25T00:00:00+08:00");
        assert_eq!(moment(None).offset().local_minus_utc(), 8 * 3600);
    }

    #[test]
    fn an_expiry_is_said_in_china_time_with_the_year_only_when_another() {
        let at = moment(NaiveDate::from_ymd_opt(2020, 10, 25));
        let utc = DateTime::parse_from_rfc3339("2020-11-04T07:20:00+00:00").unwrap();
        assert_eq!(when_of(utc, at).zh, "11月4日 15:20");
        assert_eq!(when_of(utc, at).en, "Nov 4, 15:20");
        let next = DateTime::parse_from_rfc3339("2021-01-05T10:00:00+08:00").unwrap();
        assert_eq!(when_of(next, at).zh, "2021年1月5日 10:00");
    }
}
