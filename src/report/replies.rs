//! Reply letters: one plain-text file per city, in polite plain language, listing what
//! the city must fix requirement by requirement, ready to paste into an e-mail.

use std::fmt::Write;
use std::path::Path;

use anyhow::{Context, Result};

use super::{Report, Row, RowStatus, Status};
use crate::findings::{Finding, Lang, Severity};

const CHINESE_ORDINALS: &[&str] = &["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

fn ordinal(i: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => CHINESE_ORDINALS
            .get(i)
            .map_or_else(|| (i + 1).to_string(), |s| s.to_string()),
        Lang::En => (i + 1).to_string(),
    }
}

/// A file name safe on Windows, where staff open these files.
fn file_name(label: &str, lang: Lang) -> String {
    let safe: String = label
        .chars()
        .map(|c| {
            if r#"\/:*?"<>|"#.contains(c) || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect();
    match lang {
        Lang::Zh => format!("{safe}-反馈.txt"),
        Lang::En => format!("{safe}-reply.txt"),
    }
}

/// The letter for one row of the batch matrix.
pub fn letter(report: &Report, row: &Row, lang: Lang) -> String {
    let mut out = String::new();
    let zh = lang == Lang::Zh;
    let addressee = match (&row.city, lang) {
        (Some(city), Lang::Zh) => format!("{city}社区教育指导中心"),
        (None, Lang::Zh) => row.label.clone(),
        (Some(city), Lang::En) => format!("Community Education Guidance Center of {city}"),
        (None, Lang::En) => row.label.clone(),
    };
    let _ = if zh {
        writeln!(out, "{addressee}：\n\n您好！")
    } else {
        writeln!(out, "Dear {addressee},\n")
    };
    let titles: Vec<(String, Option<chrono::NaiveDate>)> = report
        .requirements
        .iter()
        .map(|r| (r.title.get(lang).to_owned(), r.due))
        .collect();
    let as_of = report.as_of;

    if row.submissions.is_empty() {
        reminder(&mut out, report, &titles, lang);
        return sign(out, report, lang);
    }

    let names: Vec<String> = row
        .submissions
        .iter()
        .map(|&i| report.submissions[i].name.clone())
        .collect();
    let names = names.join(if zh { "、" } else { ", " });
    let _ = if zh {
        writeln!(
            out,
            "贵单位报送的活动周材料（{names}）已收到。我们于 {as_of} 按《{}》进行了检查，",
            report.rules_name
        )
    } else {
        writeln!(
            out,
            "We have received your material ({names}) and checked it on {as_of} against \"{}\".",
            report.rules_name
        )
    };

    let (mut problems, section, pending, reminders) = requirements_part(report, row, &titles, lang);
    // What could not be opened at all comes first, in its own words.
    for &i in row
        .submissions
        .iter()
        .filter(|&&i| report.submissions[i].latest)
    {
        let sub = &report.submissions[i];
        if sub.unopened {
            for f in &sub.findings {
                let _ = writeln!(out, "{}", f.message.get(lang));
            }
            out.push('\n');
        }
    }
    let submission_errors: Vec<&Finding> = row
        .submissions
        .iter()
        .filter(|&&i| report.submissions[i].latest && !report.submissions[i].unopened)
        .flat_map(|&i| report.submissions[i].findings.iter())
        .filter(|f| f.severity == Severity::Error)
        .collect();
    if !submission_errors.is_empty() {
        let _ = if zh {
            writeln!(problems, "{}、其他问题", ordinal(section, lang))
        } else {
            writeln!(problems, "{}. Other problems", section + 1)
        };
        for (n, f) in submission_errors.iter().enumerate() {
            write_item(&mut problems, n, f, lang);
        }
    }

    let passed = row.status(report) == RowStatus::Pass;
    conclusion(&mut out, passed, &problems, &pending, &reminders, lang);
    sign(out, report, lang)
}

/// The letter's verdict, then what to fix, what is not due yet, and what to check.
fn conclusion(
    out: &mut String,
    passed: bool,
    problems: &str,
    pending: &str,
    reminders: &[&Finding],
    lang: Lang,
) {
    let zh = lang == Lang::Zh;
    let _ = match (passed && problems.is_empty() && pending.is_empty(), zh) {
        (true, true) => writeln!(out, "材料齐全，符合通知要求。感谢贵单位的支持！"),
        (true, false) => writeln!(
            out,
            "Your material is complete and meets the requirements. Thank you!"
        ),
        (false, _) if problems.is_empty() => Ok(()),
        (false, true) => writeln!(out, "发现以下问题，请修改或补充后重新报送：\n"),
        (false, false) => writeln!(
            out,
            "We found the problems below; please correct them and send the material again:\n"
        ),
    };
    out.push_str(problems);
    if !pending.is_empty() {
        let _ = match (problems.is_empty(), zh) {
            (true, true) => writeln!(
                out,
                "已报送的材料没有发现问题。以下材料尚未到截止日期，请按时报送：\n"
            ),
            (false, true) => writeln!(out, "\n以下材料尚未到截止日期，请按时报送：\n"),
            (true, false) => writeln!(
                out,
                "We found no problem in what was sent. The following are not due yet; please send them on time:\n"
            ),
            (false, false) => writeln!(
                out,
                "\nThe following are not due yet; please send them on time:\n"
            ),
        };
        out.push_str(pending);
    }
    if !reminders.is_empty() {
        let _ = if zh {
            writeln!(out, "\n以下为提醒事项（不影响通过），请一并核实：")
        } else {
            writeln!(
                out,
                "\nPlease also check these points (they do not fail the check):"
            )
        };
        for (n, f) in reminders.iter().enumerate() {
            write_item(out, n, f, lang);
        }
    }
}

/// What the deciding submissions say, requirement by requirement: the problems of
/// those that fail (and how many sections they take), the list of those not yet due,
/// and the warnings to check.
fn requirements_part<'a>(
    report: &'a Report,
    row: &Row,
    titles: &[(String, Option<chrono::NaiveDate>)],
    lang: Lang,
) -> (String, usize, String, Vec<&'a Finding>) {
    let zh = lang == Lang::Zh;
    let mut problems = String::new();
    let mut pending = String::new();
    let mut reminders: Vec<&Finding> = Vec::new();
    let (mut section, mut later) = (0, 0);
    for (r, cell) in row.cells.iter().enumerate() {
        let Some((status, i)) = cell else { continue };
        let req = &report.submissions[*i].requirements[r];
        reminders.extend(
            req.findings
                .iter()
                .filter(|f| f.severity == Severity::Warning),
        );
        let (title, due) = &titles[r];
        match status {
            Status::Fail => {
                let errors: Vec<&Finding> = req
                    .findings
                    .iter()
                    .filter(|f| f.severity == Severity::Error)
                    .collect();
                let _ = if zh {
                    writeln!(problems, "{}、{title}", ordinal(section, lang))
                } else {
                    writeln!(problems, "{}. {title}", section + 1)
                };
                section += 1;
                for (n, f) in errors.iter().enumerate() {
                    write_item(&mut problems, n, f, lang);
                }
            }
            Status::Pending => {
                let due = match (due, zh) {
                    (Some(d), true) => format!("{} 截止", d),
                    (Some(d), false) => format!("due {d}"),
                    (None, true) => "截止日期另行通知".to_owned(),
                    (None, false) => "deadline to be announced".to_owned(),
                };
                let _ = if zh {
                    writeln!(pending, "{}、{title}（{due}）", ordinal(later, lang))
                } else {
                    writeln!(pending, "{}. {title} ({due})", later + 1)
                };
                later += 1;
            }
            _ => {}
        }
    }
    (problems, section, pending, reminders)
}

/// The letter's body for a city that sent nothing: what to send, and what is late.
fn reminder(
    out: &mut String,
    report: &Report,
    titles: &[(String, Option<chrono::NaiveDate>)],
    lang: Lang,
) {
    let zh = lang == Lang::Zh;
    let as_of = report.as_of;
    let overdue: Vec<usize> = (0..titles.len())
        .filter(|&i| titles[i].1.is_some_and(|due| as_of > due))
        .collect();
    let _ = match (overdue.is_empty(), zh) {
        (true, true) => writeln!(
            out,
            "截至 {as_of}，我们尚未收到贵单位报送的活动周材料。请按通知要求按时报送以下材料："
        ),
        (true, false) => writeln!(
            out,
            "As of {as_of} we have not received your Lifelong Learning Week material. Please send the following on time:"
        ),
        (false, true) => writeln!(
            out,
            "截至 {as_of}，我们尚未收到贵单位报送的活动周材料，部分材料已超过截止日期，请尽快报送："
        ),
        (false, false) => writeln!(
            out,
            "As of {as_of} we have not received your Lifelong Learning Week material, and some of it is past its deadline; please send it as soon as possible:"
        ),
    };
    for (i, (title, due)) in titles.iter().enumerate() {
        let late = overdue.contains(&i);
        let due = due.map(|d| d.format("%-m月%-d日").to_string());
        let due_en = titles[i].1.map(|d| d.to_string());
        let _ = match (due, late, zh) {
            (Some(d), true, true) => {
                writeln!(
                    out,
                    "  {}、{title}（已超过截止日期 {d}，请尽快报送）",
                    ordinal(i, lang)
                )
            }
            (Some(d), false, true) => writeln!(out, "  {}、{title}（{d}前）", ordinal(i, lang)),
            (None, _, true) => {
                writeln!(out, "  {}、{title}（截止日期另行通知）", ordinal(i, lang))
            }
            (_, true, false) => writeln!(
                out,
                "  {}. {title} (past its deadline, {}: please send it as soon as possible)",
                i + 1,
                due_en.unwrap_or_default()
            ),
            (_, false, false) => match due_en {
                Some(d) => writeln!(out, "  {}. {title} (by {d})", i + 1),
                None => writeln!(out, "  {}. {title} (deadline to be announced)", i + 1),
            },
        };
    }
}

fn write_item(out: &mut String, n: usize, f: &Finding, lang: Lang) {
    let message = f.message.get(lang);
    let _ = if f.path.is_empty() {
        writeln!(out, "  {}. {message}", n + 1)
    } else {
        let sep = if lang == Lang::Zh { "：" } else { ": " };
        writeln!(out, "  {}. {}{sep}{message}", n + 1, f.path)
    };
}

fn sign(mut out: String, report: &Report, lang: Lang) -> String {
    let _ = match lang {
        Lang::Zh => writeln!(
            out,
            "\n如有疑问，请与我们联系。谢谢！\n\n{}\n{}",
            report.organizer, report.as_of
        ),
        Lang::En => writeln!(
            out,
            "\nPlease contact us with any questions. Thank you.\n\n{}\n{}",
            report.organizer, report.as_of
        ),
    };
    out.replace('\n', "\r\n")
}

/// Writes one letter per row into `dir` (created when missing); returns the files.
pub fn write_all(report: &Report, lang: Lang, dir: &Path) -> Result<Vec<std::path::PathBuf>> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let mut written = Vec::new();
    for row in &report.rows {
        if row.submissions.is_empty() && !report.batch {
            continue;
        }
        let path = dir.join(file_name(&row.label, lang));
        // A byte-order mark, so that older Windows Notepad does not read it as GBK.
        let text = format!("\u{FEFF}{}", letter(report, row, lang));
        std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
        written.push(path);
    }
    Ok(written)
}
