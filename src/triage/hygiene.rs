//! Hygiene: debris that should not be sent (Office lock files, Thumbs.db, macOS
//! metadata), shortcuts in place of files, empty files and default names.
//!
//! Debris, shortcuts and empty files are findings here and are otherwise not
//! material: a lock file `~$方案.docx` is not a document and is never counted as one.

use crate::codes::Code;
use crate::intake::{EntryId, EntryKind, Problems, Submission};

/// What hygiene decided about one entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Material,
    /// Not material; its folder's contents are not material either.
    NotMaterial,
}

fn is_debris(name: &str, is_dir: bool) -> bool {
    let lower = name.to_lowercase();
    if is_dir {
        return lower == "__macosx";
    }
    name.starts_with("~$")
        || name.starts_with("._")
        || (name.starts_with("~WRL") && lower.ends_with(".tmp"))
        || matches!(
            lower.as_str(),
            "thumbs.db" | "ehthumbs.db" | "desktop.ini" | ".ds_store"
        )
}

fn is_macos_metadata(name: &str) -> bool {
    name.starts_with("._") || name.eq_ignore_ascii_case(".ds_store") || name == "__MACOSX"
}

fn is_default_name(stem: &str) -> bool {
    let s: String = stem.chars().filter(|c| !c.is_whitespace()).collect();
    let s = s.to_lowercase();
    let words = &crate::vocabulary::WORDS.names;
    let Some(rest) = s.strip_prefix(words.default_prefix.as_str()) else {
        return false;
    };
    words
        .default_words
        .iter()
        .any(|p| rest.starts_with(p.as_str()))
}

/// Scans every entry, records findings, and returns each entry's verdict.
pub fn scan(sub: &Submission, out: &mut Problems) -> Vec<Verdict> {
    let mut verdicts = vec![Verdict::Material; sub.entries.len()];
    let mut stack = not_page_resources(sub, sub.children(Submission::ROOT), &mut verdicts);
    while let Some(id) = stack.pop() {
        let entry = sub.entry(id);
        let name = entry.name.as_str();
        if is_debris(name, entry.is_dir()) {
            mark_subtree(sub, id, &mut verdicts);
            // macOS writes these itself; the sender never saw them, so they are left
            // out silently, as `__MACOSX` is.
            if is_macos_metadata(name) {
                continue;
            }
            out.push(sub, id, Code::FileDebris, msg!("file-debris", name));
            continue;
        }
        match &entry.kind {
            EntryKind::Dir(children) => {
                if is_default_name(name) {
                    out.push(
                        sub,
                        id,
                        Code::FileDefaultName,
                        msg!("file-default-name", name),
                    );
                }
                stack.extend(not_page_resources(sub, children, &mut verdicts));
            }
            EntryKind::File { size, .. } => {
                if crate::intake::is_unsupported_archive(&entry.name) {
                    verdicts[id] = Verdict::NotMaterial;
                    out.push(
                        sub,
                        id,
                        Code::ArchiveUnsupported,
                        msg!("archive-rar-7z", name),
                    );
                } else if entry.extension() == "lnk" {
                    verdicts[id] = Verdict::NotMaterial;
                    out.push(sub, id, Code::FileShortcut, msg!("file-shortcut", name));
                } else if *size == 0 {
                    verdicts[id] = Verdict::NotMaterial;
                    out.push(sub, id, Code::FileEmpty, msg!("file-empty", name));
                } else if is_default_name(entry.stem()) {
                    out.push(
                        sub,
                        id,
                        Code::FileDefaultName,
                        msg!("file-default-name-named", name),
                    );
                }
            }
        }
    }
    verdicts
}

/// The entries of one folder without the resources folders of saved web pages, which
/// are marked as not material: `文章_files` or `文章.files` beside `文章.html` (or .htm,
/// .mht) holds the page's pictures and scripts, part of the page and not material of
/// its own.
fn not_page_resources(
    sub: &Submission,
    children: &[EntryId],
    verdicts: &mut [Verdict],
) -> Vec<EntryId> {
    let pages: Vec<&str> = children
        .iter()
        .map(|&c| sub.entry(c))
        .filter(|e| {
            !e.is_dir()
                && matches!(
                    e.extension().as_str(),
                    "html" | "htm" | "xhtml" | "mht" | "mhtml"
                )
        })
        .map(|e| e.stem())
        .collect();
    let mut kept = Vec::with_capacity(children.len());
    for &c in children {
        let entry = sub.entry(c);
        let name = entry.name.as_str();
        let page = name
            .strip_suffix("_files")
            .or_else(|| name.strip_suffix(".files"));
        if entry.is_dir() && page.is_some_and(|p| pages.contains(&p)) {
            mark_subtree(sub, c, verdicts);
        } else {
            kept.push(c);
        }
    }
    kept
}

fn mark_subtree(sub: &Submission, id: EntryId, verdicts: &mut [Verdict]) {
    let mut stack = vec![id];
    while let Some(next) = stack.pop() {
        verdicts[next] = Verdict::NotMaterial;
        stack.extend(sub.children(next).iter().copied());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debris_and_default_names() {
        assert!(is_debris("~$工作方案.docx", false));
        assert!(is_debris("Thumbs.db", false));
        assert!(is_debris(".DS_Store", false));
        assert!(is_debris("._IMG_1234.JPG", false));
        assert!(is_debris("__MACOSX", true));
        assert!(!is_debris("工作方案.docx", false));
        assert!(is_default_name("新建 DOCX 文档"));
        assert!(is_default_name("新建 Microsoft Word 文档 (2)"));
        assert!(is_default_name("新建文本文档"));
        assert!(!is_default_name("新建社区学院活动方案"));
    }
}
