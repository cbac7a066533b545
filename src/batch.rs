//! Batch intake: what the provincial staff point at is either one submission or an
//! inbox of them (every city's folder and .zip saved into one folder). This module
//! decides which, opens each submission, and matches it to an expected submitter.

use std::fs;
use std::path::Path;

use anyhow::{Context, Result};

use crate::check;
use crate::findings::Msg;
use crate::intake::{Submission, extension_of};
use crate::msg;
use crate::rules::Rules;

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
    matches!(extension_of(name).as_str(), "zip" | "rar" | "7z")
}

/// Which expected submitter a name belongs to: the one whose name, without its
/// 市/县/区 suffix, occurs earliest in it.
pub fn submitter_in(name: &str, submitters: &[String]) -> Option<usize> {
    submitters
        .iter()
        .enumerate()
        .filter_map(|(i, s)| {
            let key = s.trim_end_matches(['市', '县', '区']);
            let key = if key.chars().count() >= 2 {
                key
            } else {
                s.as_str()
            };
            name.find(key)
                .map(|pos| (pos, std::cmp::Reverse(key.len()), i))
        })
        .min()
        .map(|(_, _, i)| i)
}

/// The submitter of a submission: by its own name first, then by the names of the
/// folders it wraps, then by the names of what lies at its root.
pub fn submitter_of(sub: &Submission, rules: &Rules) -> Option<usize> {
    if rules.submitters.is_empty() {
        return None;
    }
    let mut names = vec![sub.name.clone()];
    let mut id = Submission::ROOT;
    while let [only] = sub.children(id) {
        if !sub.entry(*only).is_dir() {
            break;
        }
        id = *only;
        names.push(sub.entry(id).name.clone());
    }
    names.extend(sub.children(id).iter().map(|&c| sub.entry(c).name.clone()));
    names
        .iter()
        .find_map(|n| submitter_in(n, &rules.submitters))
}

/// Opens what `path` holds: one submission, or each child of an inbox.
pub fn expand(path: &Path, rules: &Rules, mode: Mode) -> Result<Expansion> {
    let meta = fs::metadata(path).with_context(|| format!("cannot read {}", path.display()))?;
    let shown = path.display().to_string();
    if !meta.is_dir() || mode == Mode::Single {
        return Ok(Expansion {
            submissions: vec![Submission::open_path(path)?],
            inbox: false,
            decision: msg!(
                "{shown}：按单份材料检查",
                "{shown}: checked as one submission"
            ),
        });
    }
    let mut children: Vec<_> = fs::read_dir(path)
        .with_context(|| format!("cannot list {}", path.display()))?
        .filter_map(|e| e.ok())
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let is_dir = e.file_type().map(|t| t.is_dir()).unwrap_or(false);
            (is_dir && name != "__MACOSX" && !name.starts_with('.'))
                || (!is_dir && is_archive(&name))
        })
        .map(|e| e.path())
        .collect();
    children.sort();

    let single = |root: Submission| {
        Ok(Expansion {
            submissions: vec![root],
            inbox: false,
            decision: msg!(
                "{shown}：按单份材料检查",
                "{shown}: checked as one submission"
            ),
        })
    };
    if mode == Mode::Auto {
        let root = Submission::from_folder(path)?;
        let root_sections = check::section_count(rules, &root);
        let mut votes = 0;
        let mut subs = Vec::new();
        for child in &children {
            let sub = Submission::open_path(child)?;
            let named = submitter_in(&sub.name, &rules.submitters).is_some();
            if named || check::section_count(rules, &sub) >= 2 {
                votes += 1;
            }
            subs.push(sub);
        }
        if votes == 0 || votes < root_sections {
            return single(root);
        }
        let n = subs.len();
        return Ok(Expansion {
            submissions: subs,
            inbox: true,
            decision: msg!(
                "{shown}：按收件箱批量检查，其中的 {n} 个文件夹或压缩包各算一份报送（如判断有误，请加 --single）",
                "{shown}: checked as an inbox; each of its {n} folders and archives is one submission (add --single if that is wrong)"
            ),
        });
    }
    let submissions = children
        .iter()
        .map(|c| Submission::open_path(c))
        .collect::<Result<Vec<_>>>()?;
    let n = submissions.len();
    Ok(Expansion {
        submissions,
        inbox: true,
        decision: msg!(
            "{shown}：批量检查 {n} 份报送",
            "{shown}: batch check of {n} submissions"
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn city_names_are_found_in_loose_names() {
        let rules = Rules::default_rules();
        let city = |name: &str| {
            submitter_in(name, &rules.submitters).map(|i| rules.submitters[i].as_str())
        };
        assert_eq!(city("沈阳市.zip"), Some("沈阳市"));
        assert_eq!(city("沈阳"), Some("沈阳市"));
        assert_eq!(
            city("沈阳市社区教育指导中心-活动周材料.zip"),
            Some("沈阳市")
        );
        assert_eq!(city("【大连】展板材料（第二次）.zip"), Some("大连市"));
        assert_eq!(city("葫芦岛市材料"), Some("葫芦岛市"));
        assert_eq!(city("活动周材料.zip"), None);
    }
}
