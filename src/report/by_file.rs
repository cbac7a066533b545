//! Findings grouped by the file they are about, as people read them: each file once,
//! its problems under it, errors first; the same problem on many files of one folder
//! said once for all of them. The page, the console and the letters share this.

use crate::codes::Code;
use crate::findings::{Finding, Lang, Severity};
use crate::inspect::{FileClass, classify};
use crate::intake::extension_of;

/// One file (or folder, or the whole submission when `path` is empty) and what is
/// wrong with it, worst first.
#[derive(Debug)]
pub struct FileGroup<'a> {
    pub path: &'a str,
    pub findings: Vec<&'a Finding>,
}

impl FileGroup<'_> {
    pub fn worst(&self) -> Severity {
        self.findings
            .iter()
            .map(|f| f.severity)
            .max()
            .unwrap_or(Severity::Info)
    }
}

/// Groups findings by path, in the order files first appear, then the files with
/// errors before those with warnings only. Within a file, errors come first.
pub fn by_file<'a>(findings: impl IntoIterator<Item = &'a Finding>) -> Vec<FileGroup<'a>> {
    let mut groups: Vec<FileGroup<'a>> = Vec::new();
    for f in findings {
        match groups.iter_mut().find(|g| g.path == f.path) {
            Some(g) => g.findings.push(f),
            None => groups.push(FileGroup {
                path: &f.path,
                findings: vec![f],
            }),
        }
    }
    for g in &mut groups {
        g.findings.sort_by_key(|f| std::cmp::Reverse(f.severity));
    }
    groups.sort_by_key(|g| std::cmp::Reverse(g.worst()));
    groups
}

/// The last part of a `/`-separated path: the file's own name.
pub fn name_of(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// The message as said under its file's name: a message that opens with the file's
/// own name in quotes ("“IMG_0001.jpg”只有…") says "这张照片只有…" instead, so that no
/// line names the file twice.
pub fn said_of_file(f: &Finding, lang: Lang) -> String {
    said_of(f, lang, false)
}

/// [`said_of_file`], of one file or of several files that share the problem.
fn said_of(f: &Finding, lang: Lang, several: bool) -> String {
    let message = f.message.get(lang);
    let name = name_of(&f.path);
    if name.is_empty() {
        return message.to_owned();
    }
    for quoted in [format!("“{name}”"), format!("\"{name}\"")] {
        if let Some(rest) = message.strip_prefix(&quoted) {
            return format!("{}{rest}", subject(f, name, several, lang));
        }
    }
    message.to_owned()
}

/// Codes whose message is about the file's name, not its content.
const ABOUT_THE_NAME: [Code; 4] = [
    Code::PhotoCaptionDeviceName,
    Code::PhotoCaptionCopyMark,
    Code::PhotoCaptionEmpty,
    Code::FileDefaultName,
];

/// "这张照片" / "该文件" / "该文件夹" / "文件名" (and plurals, and English), by what
/// the message is about and what the name says the file is.
fn subject(f: &Finding, name: &str, several: bool, lang: Lang) -> String {
    let extension = extension_of(name);
    match (several, ABOUT_THE_NAME.contains(&f.code)) {
        (false, true) => tr!(lang, "subject-name"),
        (true, true) => tr!(lang, "subject-names"),
        (true, false) => tr!(lang, "subject-files"),
        _ if extension.is_empty() => tr!(lang, "subject-folder"),
        _ if classify(&extension) == FileClass::Photo => tr!(lang, "subject-photo"),
        _ => tr!(lang, "subject-file"),
    }
}

/// One thing to fix, as people read it: a file and what is wrong with it, or one
/// problem (or several) shared by many files of a folder.
#[derive(Debug)]
pub struct Item<'a> {
    /// The file's path; for files sharing a problem, their folder; empty for the
    /// whole submission.
    pub path: &'a str,
    /// For files sharing a problem: their names.
    pub files: Vec<&'a str>,
    /// What is wrong, worst first, each said of the file (or files).
    pub lines: Vec<(&'a Finding, String)>,
}

impl Item<'_> {
    /// The heading of files sharing a problem: "“展板1”中的 3 个文件", or "收到的 3 个
    /// 文件" for files at the top (a mail's attachments), which sit in no folder.
    pub fn files_head(&self, lang: Lang) -> String {
        let (folder, n) = (crate::inert::text(self.path), self.files.len());
        match folder.is_empty() {
            true => tr!(lang, "files-at-top", n),
            false => tr!(lang, "html-files-in-folder", folder, n),
        }
    }

    pub fn worst(&self) -> Severity {
        self.lines
            .iter()
            .map(|(f, _)| f.severity)
            .max()
            .unwrap_or(Severity::Info)
    }
}

/// The findings as items: the same problem on `min` or more files of one folder is
/// one item for all of them (problems shared by the same files, one item); every other
/// file is an item of its own. Items with errors come first.
pub fn items<'a>(
    findings: impl IntoIterator<Item = &'a Finding>,
    min: usize,
    lang: Lang,
) -> Vec<Item<'a>> {
    let groups = by_file(findings);
    let shared = repeated(&groups, min, lang);
    let mut out: Vec<Item<'a>> = Vec::new();
    for r in &shared {
        let files: Vec<&str> = r.paths.iter().map(|p| name_of(p)).collect();
        let line = (r.finding, said_of(r.finding, lang, true));
        match out
            .iter_mut()
            .find(|i| i.path == r.folder && i.files == files)
        {
            Some(item) => item.lines.push(line),
            None => out.push(Item {
                path: r.folder,
                files,
                lines: vec![line],
            }),
        }
    }
    for g in &groups {
        let lines: Vec<(&Finding, String)> = g
            .findings
            .iter()
            .filter(|f| !shared.iter().any(|r| r.covers(f, lang)))
            .map(|&f| (f, said_of_file(f, lang)))
            .collect();
        if !lines.is_empty() {
            out.push(Item {
                path: g.path,
                files: Vec::new(),
                lines,
            });
        }
    }
    for item in &mut out {
        item.lines
            .sort_by_key(|(f, _)| std::cmp::Reverse(f.severity));
    }
    out.sort_by_key(|i| std::cmp::Reverse(i.worst()));
    out
}

/// The same problem on several files of one folder: (the folder, the code's findings).
/// Only groups of at least `min` files whose messages read the same once each file's
/// name is taken out; the rest stay one item per file.
fn repeated<'a>(groups: &[FileGroup<'a>], min: usize, lang: Lang) -> Vec<Repeated<'a>> {
    let mut out: Vec<Repeated<'a>> = Vec::new();
    for g in groups {
        for f in &g.findings {
            let folder = g.path.rsplit_once('/').map_or("", |(dir, _)| dir);
            let text = said_of_file(f, lang);
            match out
                .iter_mut()
                .find(|r| r.folder == folder && r.finding.code == f.code && r.text == text)
            {
                Some(r) => r.paths.push(g.path),
                None => out.push(Repeated {
                    folder,
                    finding: f,
                    text,
                    paths: vec![g.path],
                }),
            }
        }
    }
    out.retain(|r| r.paths.len() >= min);
    out
}

/// One problem shared by several files of a folder.
#[derive(Debug)]
struct Repeated<'a> {
    folder: &'a str,
    /// The first of them, for its code and severity.
    finding: &'a Finding,
    /// Its message as said of each file.
    text: String,
    paths: Vec<&'a str>,
}

impl Repeated<'_> {
    /// Whether this finding is one of the repeated ones.
    fn covers(&self, f: &Finding, lang: Lang) -> bool {
        f.code == self.finding.code
            && self.paths.contains(&f.path.as_str())
            && said_of_file(f, lang) == self.text
    }
}

/// "共 9 处需要修改，4 处提醒".
pub fn count_line(findings: &[&Finding], lang: Lang) -> String {
    let errors = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    let warnings = findings
        .iter()
        .filter(|f| f.severity == Severity::Warning)
        .count();
    if errors + warnings == 0 {
        tr!(lang, "findings-count-none")
    } else {
        tr!(lang, "findings-count", errors, warnings)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::findings::Msg;

    fn finding(code: Code, path: &str, zh: &str) -> Finding {
        Finding::new(code, path, Msg::new(zh, zh))
    }

    #[test]
    fn files_are_grouped_errors_first_and_said_once() {
        let list = [
            finding(
                Code::PhotoNoCameraExif,
                "展板一/a.jpg",
                "“a.jpg”没有相机拍摄信息",
            ),
            finding(
                Code::FileDebris,
                "展板一/Thumbs.db",
                "“Thumbs.db”是临时文件",
            ),
            finding(
                Code::PhotoTooSmall,
                "展板一/a.jpg",
                "“a.jpg”只有 1280×960 像素",
            ),
        ];
        let groups = by_file(&list);
        assert_eq!(groups.len(), 2);
        assert_eq!(groups[0].path, "展板一/a.jpg");
        assert_eq!(groups[0].findings[0].code, Code::PhotoTooSmall);
        assert_eq!(
            said_of_file(groups[0].findings[0], Lang::Zh),
            format!("{}只有 1280×960 像素", tr!(Lang::Zh, "subject-photo"))
        );
        // A message that does not open with the file's name is left as it is.
        let other = finding(Code::PhotoTooSmall, "展板一/a.jpg", "照片“a.jpg”太小");
        assert_eq!(said_of_file(&other, Lang::Zh), "照片“a.jpg”太小");
    }

    #[test]
    fn one_problem_on_many_files_of_a_folder_is_said_once() {
        let list: Vec<Finding> = (1..=4)
            .map(|n| {
                let name = format!("IMG_{n}.jpg");
                let zh = format!("“{name}”是自动生成的文件名");
                finding(Code::PhotoCaptionDeviceName, &format!("展板一/{name}"), &zh)
            })
            .chain([finding(
                Code::PhotoTooSmall,
                "展板一/IMG_1.jpg",
                "“IMG_1.jpg”太小",
            )])
            .collect();
        let items = items(&list, 3, Lang::Zh);
        assert_eq!(items.len(), 2, "{items:?}");
        assert_eq!((items[0].path, items[0].files.len()), ("展板一", 4));
        assert_eq!(items[0].lines.len(), 1);
        assert!(
            items[0].lines[0]
                .1
                .starts_with(&tr!(Lang::Zh, "subject-names"))
        );
        assert_eq!(
            (items[1].path, items[1].lines.len()),
            ("展板一/IMG_1.jpg", 1)
        );
    }
}
