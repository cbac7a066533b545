//! Batch intake: what the provincial staff point at is either one submission or an
//! inbox of them (every city's folder and .zip saved into one folder). This module
//! decides which, opens each submission, and matches it to an expected submitter.

use std::fs;
use std::path::Path;

use anyhow::{Context, Result};

use crate::findings::Msg;
use crate::intake::{EntryId, Submission, extension_of, refusal_unreadable};
use crate::rules::Rules;
use crate::triage;

mod whose;

pub use crate::triage::cities::{names_submitter, submitter_in};
pub use whose::{Basis, Match, assign, submitter_of};

/// How to treat a folder given on the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Mode {
    /// Decide from the folder's content.
    #[default]
    Auto,
    /// Every child folder or archive is one submission.
    Batch,
    /// The folder is one submission.
    Single,
}

/// The submissions found under one path, and why they were taken that way.
pub struct Expansion {
    pub submissions: Vec<Submission>,
    pub inbox: bool,
    pub decision: Msg,
}

fn is_archive(name: &str) -> bool {
    extension_of(name) == "zip" || crate::intake::is_unsupported_archive(name)
}

/// A file lying loose in the inbox: anything but the system's own files (lock files,
/// hidden files, Thumbs.db, desktop.ini). Each becomes a submission, so that nothing
/// received is dropped silently; what it is, and whose, the checks and matching say.
fn is_loose_file(name: &str) -> bool {
    let lower = name.to_lowercase();
    !(name.starts_with("~$")
        || name.starts_with('.')
        || matches!(lower.as_str(), "thumbs.db" | "desktop.ini"))
}

/// Whether `name` matches a glob of `*` (any characters) and `?` (one character: "沈阳?"
/// matches "沈阳市"); every other character stands for itself, case included. (globset
/// reads `?` as one byte, a third of a Chinese character, and `[` `{` `\` as syntax.)
pub fn glob_matches(glob: &str, name: &str) -> bool {
    wildmatch::WildMatch::new(glob).matches(name)
}

#[cfg(test)]
#[test]
fn a_glob_matches_whole_characters_and_takes_only_star_and_question_mark() {
    assert!(glob_matches("省中心*", "省中心汇总表.xlsx"));
    assert!(glob_matches("沈阳?.zip", "沈阳市.zip"));
    assert!(!glob_matches("沈阳?.zip", "沈阳市区.zip"));
    assert!(!glob_matches("沈阳*", "大连市"));
    assert!(glob_matches("[副本]*{1}\\", "[副本]名单{1}\\"));
    assert!(!glob_matches("[副本]*", "副名单"));
    assert!(!glob_matches("Thumbs.db", "thumbs.db"));
}

/// Leaves out archives that are byte for byte another one received (a second save of
/// the same attachment, "沈阳市(1).zip"): they are not a resend. Returns (copy, kept)
/// names. The earliest saved is kept.
pub fn drop_repeated_saves(submissions: &mut Vec<Submission>) -> Vec<(String, String)> {
    let mut order: Vec<usize> = (0..submissions.len()).collect();
    order.sort_by_key(|&i| (submissions[i].modified, submissions[i].name.clone()));
    // Only archives whose size another archive shares are read.
    let size_shared = |size: u64| {
        submissions
            .iter()
            .filter(|s| s.archive_size == Some(size))
            .count()
            > 1
    };
    let mut kept: Vec<(u64, [u8; 32], usize)> = Vec::new();
    let mut drop = Vec::new();
    let mut repeated = Vec::new();
    for i in order {
        let Some(size) = submissions[i].archive_size.filter(|&s| size_shared(s)) else {
            continue;
        };
        let Some(digest) = file_digest(&submissions[i].origin) else {
            continue;
        };
        match kept.iter().find(|(s, d, _)| *s == size && *d == digest) {
            Some(&(_, _, first)) => {
                repeated.push((
                    file_name_of(&submissions[i].origin),
                    file_name_of(&submissions[first].origin),
                ));
                drop.push(i);
            }
            None => kept.push((size, digest, i)),
        }
    }
    drop.extend(repeated_mails(submissions, &mut repeated));
    drop.sort_unstable();
    drop.dedup();
    for i in drop.into_iter().rev() {
        submissions.remove(i);
    }
    repeated
}

/// Mails saved twice (`通知.eml` and `通知 (1).eml`, or exported twice): the same
/// Message-ID, subject and send time. Returns the later copies, and adds (copy, kept)
/// names to `repeated`.
fn repeated_mails(submissions: &[Submission], repeated: &mut Vec<(String, String)>) -> Vec<usize> {
    // The shortest name is kept: `通知.eml` before `通知 (1).eml`.
    let mut order: Vec<usize> = (0..submissions.len()).collect();
    order.sort_by_key(|&i| {
        let origin = submissions[i].origin.to_string_lossy();
        (origin.chars().count(), origin.into_owned())
    });
    let mut kept: Vec<(&crate::intake::MailInfo, usize)> = Vec::new();
    let mut drop = Vec::new();
    for i in order {
        let sub = &submissions[i];
        let Some(mail) = &sub.mail else { continue };
        let same = |m: &&crate::intake::MailInfo| {
            m.message_id == mail.message_id && m.subject == mail.subject && m.date == mail.date
        };
        match kept.iter().find(|(m, _)| same(m)) {
            Some(&(_, first)) => {
                let first = &submissions[first].origin;
                repeated.push((file_name_of(&sub.origin), file_name_of(first)));
                drop.push(i);
            }
            None => kept.push((mail, i)),
        }
    }
    drop
}

fn file_digest(path: &Path) -> Option<[u8; 32]> {
    let mut hasher = blake3::Hasher::new();
    let mut file = fs::File::open(path).ok()?;
    std::io::copy(&mut file, &mut hasher).ok()?;
    Some(*hasher.finalize().as_bytes())
}

fn file_name_of(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// Opens what `path` holds: one submission, or each child of an inbox.
pub fn expand(path: &Path, rules: &Rules, mode: Mode) -> Result<Expansion> {
    let mut expansion = expand_unassigned(path, rules, mode)?;
    for sub in &mut expansion.submissions {
        assign(sub, rules);
    }
    Ok(expansion)
}

fn expand_unassigned(path: &Path, rules: &Rules, mode: Mode) -> Result<Expansion> {
    let meta = fs::metadata(path).with_context(|| refusal_unreadable(path))?;
    let shown = crate::inert::text(&path.display().to_string()).into_owned();
    if !meta.is_dir() || mode == Mode::Single {
        return Ok(Expansion {
            submissions: vec![Submission::open_path(path)?],
            inbox: false,
            decision: msg!("path-single", shown),
        });
    }
    // The folder is listed once; each child submission is cut from that listing.
    let root = Submission::from_folder(path)?;
    let children: Vec<EntryId> = root
        .children(Submission::ROOT)
        .iter()
        .copied()
        .filter(|&c| {
            let entry = root.entry(c);
            let name = entry.name.as_str();
            let ignored = rules.ignore.iter().any(|g| glob_matches(g, name));
            let is_dir = entry.is_dir() && !is_archive(name);
            !ignored
                && ((is_dir && name != "__MACOSX" && !name.starts_with('.'))
                    || (!is_dir && (is_archive(name) || is_loose_file(name))))
        })
        .collect();
    let mut subs = Vec::new();
    for &child in &children {
        let name = &root.entry(child).name;
        // A mail saved into the inbox is a submission of its own: its attachments.
        subs.push(if extension_of(name) == "eml" {
            Submission::from_mail(&path.join(name))?
        } else {
            root.part(child, &path.join(name))?
        });
    }
    if mode == Mode::Auto {
        let root_sections = triage::section_count(rules, &root);
        let votes = children
            .iter()
            .zip(&subs)
            .filter(|&(&child, sub)| {
                let entry = root.entry(child);
                let loose = !entry.is_dir() && !is_archive(&entry.name);
                let named = submitter_in(&sub.name, rules).is_some();
                // A loose file named after a city votes for an inbox only when it is
                // not itself a section of a single submission ("沈阳市工作方案.docx"
                // in 沈阳市/). A mail is a submission of its own, whatever its subject.
                (named && !loose) || sub.mail.is_some() || triage::section_count(rules, sub) >= 2
            })
            .count();
        if votes == 0 || votes < root_sections {
            return Ok(Expansion {
                submissions: vec![root],
                inbox: false,
                decision: msg!("path-single", shown),
            });
        }
        let n = subs.len();
        let decision = match subs.iter().all(|s| s.mail.is_some()) {
            true => msg!("path-mails", shown, n),
            false => msg!("path-inbox", shown, n),
        };
        return Ok(Expansion {
            submissions: subs,
            inbox: true,
            decision,
        });
    }
    let n = subs.len();
    Ok(Expansion {
        submissions: subs,
        inbox: true,
        decision: msg!("path-batch", shown, n),
    })
}
