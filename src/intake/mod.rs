//! Intake: turns what the user points at (a folder, a .zip) into a [`Submission`], a
//! tree of named entries that the checks walk without knowing where the bytes live.
//!
//! Reading is read-only by construction: a [`source::Source`] can open bytes for
//! reading and nothing else, and archives are read in place, never extracted. Nothing
//! here judges material; it lists it, and reports archive entries it refused to list.

mod archive;
pub mod imap;
pub mod mail;
mod member;
pub mod origin;
pub mod source;
mod tree;

use std::collections::HashMap;
use std::fs;
use std::io::{self, BufRead, Read, Seek};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use anyhow::{Context, Result};

use crate::codes::Code;
use crate::findings::{Finding, Refusal};
use source::{DiskFile, Source};
pub(crate) use tree::link_finding;
use tree::{Tree, list_folder};

/// A buffered, seekable reader over one file's bytes.
pub trait ReadSeek: BufRead + Seek {}
impl<T: BufRead + Seek> ReadSeek for T {}

/// `Read::read` of a reader that keeps its own buffer: what its buffer holds, copied.
pub fn read_buffered(reader: &mut dyn BufRead, buf: &mut [u8]) -> std::io::Result<usize> {
    let available = reader.fill_buf()?;
    let n = available.len().min(buf.len());
    buf[..n].copy_from_slice(&available[..n]);
    reader.consume(n);
    Ok(n)
}

pub type EntryId = usize;

#[derive(Clone)]
pub struct Entry {
    /// The entry's own name, as shown to the user.
    pub name: String,
    /// Path relative to the submission root, `/`-separated; empty for the root.
    pub path: String,
    pub kind: EntryKind,
}

#[derive(Clone)]
pub enum EntryKind {
    /// A folder, or an archive opened as one.
    Dir(Vec<EntryId>),
    File {
        size: u64,
        source: Arc<dyn Source>,
    },
}

impl Entry {
    pub fn is_dir(&self) -> bool {
        matches!(self.kind, EntryKind::Dir(_))
    }

    pub fn size(&self) -> u64 {
        match self.kind {
            EntryKind::File { size, .. } => size,
            EntryKind::Dir(_) => 0,
        }
    }

    /// Lower-case extension without the dot, or "" when there is none.
    pub fn extension(&self) -> String {
        extension_of(&self.name)
    }

    /// The name without its extension (folders keep their whole name).
    pub fn stem(&self) -> &str {
        match self.name.rfind('.') {
            Some(i) if i > 0 && !self.is_dir() => &self.name[..i],
            _ => &self.name,
        }
    }
}

/// Whether a file is an archive baosong cannot open (RAR, 7z): named, never read.
pub fn is_unsupported_archive(name: &str) -> bool {
    matches!(extension_of(name).as_str(), "rar" | "7z")
}

pub fn extension_of(name: &str) -> String {
    match name.rfind('.') {
        Some(i) if i > 0 => name[i + 1..].to_lowercase(),
        _ => String::new(),
    }
}

/// One city's material: a tree of entries, each file with the source of its bytes.
pub struct Submission {
    /// Display name: the folder's name, or the archive's without `.zip`.
    pub name: String,
    /// The path the user gave.
    pub origin: PathBuf,
    /// When the folder or archive was last modified, to order resends.
    pub modified: Option<SystemTime>,
    /// The size of the archive file, for a submission received as one.
    pub archive_size: Option<u64>,
    /// Entry 0 is the root.
    pub entries: Vec<Entry>,
    /// What could not be taken as material (refused archive members, unreadable
    /// folders, links...), each at the entry it concerns.
    pub problems: Vec<Problem>,
    /// Whose submission this is, decided once by the batch stage; the report reads it.
    pub assignment: Option<Assignment>,
    /// For a submission that came as a mail: who sent it, when, and under what subject.
    pub mail: Option<MailInfo>,
    /// For one the batch stage could match to no city although it names a place: the
    /// place and the cities that have one of that name.
    pub unmatched: Option<Unmatched>,
}

/// A place named by a submission that is in several cities (铁西区: 沈阳市, 鞍山市).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unmatched {
    pub place: String,
    pub candidates: Vec<String>,
}

/// A mail's envelope, as the reports show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailInfo {
    /// The `Message-ID`; for a mail without one, a stand-in made from its sender,
    /// subject and send time, the same however the mail was received.
    pub message_id: String,
    /// The sender as shown: `沈阳市社区教育中心 <sy@126.com>`, or the address alone.
    pub from: String,
    /// The sender's address, in lower case.
    pub from_address: String,
    pub subject: String,
    /// RFC 3339 with the +08:00 offset, when the mail is dated.
    pub date: Option<String>,
    /// 超大附件 download links in the mail's text: never material.
    pub links: Vec<mail::LargeAttachmentLink>,
}

impl MailInfo {
    /// Whether the mail was sent after the end of `day`, in China time: on that day it
    /// had not arrived.
    pub fn sent_after_day(&self, day: chrono::NaiveDate) -> bool {
        let sent = self.date.as_deref();
        let sent = sent.and_then(|d| chrono::DateTime::parse_from_rfc3339(d).ok());
        sent.is_some_and(|d| d.with_timezone(&mail::china()).date_naive() > day)
    }
}

/// The expected submitter a submission belongs to, and why when its name did not say.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Assignment {
    /// Index into the rules' submitters.
    pub submitter: usize,
    /// "沈阳市（和平区）", "铁岭市（按其中 3 个文件名判断）"; None when named.
    pub reason: Option<crate::findings::Msg>,
}

impl Submission {
    pub const ROOT: EntryId = 0;

    pub fn entry(&self, id: EntryId) -> &Entry {
        &self.entries[id]
    }

    pub fn children(&self, id: EntryId) -> &[EntryId] {
        match &self.entries[id].kind {
            EntryKind::Dir(children) => children,
            EntryKind::File { .. } => &[],
        }
    }

    /// Every file at or below `id`, in tree order.
    pub fn files_under(&self, id: EntryId) -> Vec<EntryId> {
        let mut out = Vec::new();
        let mut stack = vec![id];
        while let Some(next) = stack.pop() {
            match &self.entries[next].kind {
                EntryKind::File { .. } => out.push(next),
                EntryKind::Dir(children) => stack.extend(children.iter().rev()),
            }
        }
        out
    }

    pub fn open(&self, id: EntryId) -> io::Result<Box<dyn ReadSeek>> {
        match &self.entries[id].kind {
            EntryKind::File { source, .. } => source.open(),
            EntryKind::Dir(_) => Err(io::Error::new(io::ErrorKind::IsADirectory, "a folder")),
        }
    }

    /// Whether nothing of the submission could be read: a RAR or 7z archive, a zip that
    /// does not open, a zip whose every file has a password.
    pub fn unopened(&self) -> bool {
        let no_file = self
            .entries
            .iter()
            .all(|e| matches!(e.kind, EntryKind::Dir(_)));
        no_file
            && self.problems.iter().any(|p| {
                matches!(
                    p.finding.code,
                    Code::ArchiveUnsupported
                        | Code::ArchiveCorrupt
                        | Code::ArchiveEncrypted
                        | Code::MailPartDamaged
                )
            })
    }

    /// Reads the first `limit` bytes of a file, or all of it when shorter.
    pub fn read_prefix(&self, id: EntryId, limit: u64) -> io::Result<Vec<u8>> {
        let mut buf = Vec::new();
        self.open(id)?.take(limit).read_to_end(&mut buf)?;
        Ok(buf)
    }

    /// Opens a folder or a .zip file. Fails only when the path itself cannot be read.
    pub fn open_path(path: &Path) -> Result<Submission> {
        let meta = fs::metadata(path).with_context(|| refusal_unreadable(path))?;
        if meta.is_dir() {
            Submission::from_folder(path)
        } else if extension_of(&path.to_string_lossy()) == "zip" {
            Submission::from_zip(path)
        } else if extension_of(&path.to_string_lossy()) == "eml" {
            Submission::from_mail(path)
        } else if is_unsupported_archive(&path.to_string_lossy()) {
            Ok(Submission::unreadable_archive(path, meta.modified().ok()))
        } else {
            let path = path.display();
            Err(Refusal(msg!("refusal-not-folder-or-zip", path)).into())
        }
    }

    pub fn from_folder(path: &Path) -> Result<Submission> {
        let meta = fs::metadata(path).with_context(|| refusal_unreadable(path))?;
        if !meta.is_dir() {
            let path = path.display();
            return Err(Refusal(msg!("refusal-not-a-folder", path)).into());
        }
        let name = display_name(path);
        let mut tree = Tree::new(&name);
        list_folder(path, Submission::ROOT, 0, &mut tree)
            .with_context(|| refusal_unlistable(path))?;
        Ok(tree.finish(name, path, meta.modified().ok()))
    }

    /// Reads a .zip in place. An archive that cannot be opened at all is a submission
    /// with one finding, so that a batch goes on.
    pub fn from_zip(path: &Path) -> Result<Submission> {
        let meta = fs::metadata(path).with_context(|| refusal_unreadable(path))?;
        let file_name = display_name(path);
        let name = match file_name.rfind('.') {
            Some(i) if i > 0 => file_name[..i].to_owned(),
            _ => file_name,
        };
        let mut tree = Tree::new(&name);
        let container: Arc<dyn Source> = Arc::new(DiskFile(path.to_path_buf()));
        archive::list_zip(container, Submission::ROOT, 1, &mut tree);
        let mut sub = tree.finish(name, path, meta.modified().ok());
        sub.archive_size = Some(meta.len());
        Ok(sub)
    }
}

impl Submission {
    /// A mail saved as an .eml file (126/163 webmail 导出, Foxmail, Outlook,
    /// Thunderbird): its attachments, read in memory, are the submission, and its send
    /// time is the submission's time. A mail over the limit is read no further.
    pub fn from_mail(path: &Path) -> Result<Submission> {
        use std::io::Read;
        let file = fs::File::open(path).with_context(|| refusal_unreadable(path))?;
        let mut bytes = Vec::new();
        (&file)
            .take(crate::limits::MAX_MAIL_BYTES + 1)
            .read_to_end(&mut bytes)
            .with_context(|| refusal_unreadable(path))?;
        let mail = mail::read_mail(&bytes);
        let mut sub = mail.submission(&path.to_string_lossy());
        // An undated mail is ordered by when it was saved.
        if sub.modified.is_none() {
            sub.modified = file.metadata().and_then(|m| m.modified()).ok();
        }
        Ok(sub)
    }

    /// A single file received on its own (an attachment saved loose in the inbox):
    /// a submission holding just that file, whose name finds its section.
    pub fn from_file(path: &Path) -> Result<Submission> {
        let meta = fs::metadata(path).with_context(|| refusal_unreadable(path))?;
        let file_name = display_name(path);
        let name = match file_name.rfind('.') {
            Some(i) if i > 0 => file_name[..i].to_owned(),
            _ => file_name.clone(),
        };
        let mut tree = Tree::new(&name);
        let source: Arc<dyn Source> = Arc::new(DiskFile(path.to_path_buf()));
        tree.push(
            Submission::ROOT,
            &file_name,
            EntryKind::File {
                size: meta.len(),
                source,
            },
        );
        Ok(tree.finish(name, path, meta.modified().ok()))
    }

    /// One top-level entry of this listing as a submission of its own, as
    /// [`Submission::open_path`] (or, for a loose file, [`Submission::from_file`])
    /// would list it from `origin`, without listing it again: an inbox's child.
    pub fn part(&self, child: EntryId, origin: &Path) -> Result<Submission> {
        let meta = fs::metadata(origin).with_context(|| refusal_unreadable(origin))?;
        let modified = meta.modified().ok();
        let entry = self.entry(child);
        let ext = extension_of(&entry.name);
        match (entry.is_dir(), ext.as_str()) {
            (false, _) if is_unsupported_archive(&entry.name) => {
                return Ok(Submission::unreadable_archive(origin, modified));
            }
            // An empty .zip was never opened as an archive: open it to say so.
            (false, "zip") => return Submission::from_zip(origin),
            _ => {}
        }
        let name = match entry.name.rfind('.') {
            Some(i) if i > 0 && (!entry.is_dir() || ext == "zip") => entry.name[..i].to_owned(),
            _ => entry.name.clone(),
        };
        let mut tree = Tree::new(&name);
        let mut new_id = HashMap::new();
        let top = match &entry.kind {
            EntryKind::Dir(_) => Submission::ROOT,
            EntryKind::File { .. } => tree.push(Submission::ROOT, &entry.name, entry.kind.clone()),
        };
        new_id.insert(child, top);
        let mut stack = vec![child];
        while let Some(old) = stack.pop() {
            for &c in self.children(old) {
                let e = self.entry(c);
                let id = match &e.kind {
                    EntryKind::Dir(_) => tree.dir(new_id[&old], &e.name),
                    EntryKind::File { .. } => tree.push(new_id[&old], &e.name, e.kind.clone()),
                };
                new_id.insert(c, id);
                stack.push(c);
            }
        }
        let base = &entry.path;
        for problem in self.problems.iter().filter(|p| new_id.contains_key(&p.at)) {
            let mut finding = problem.finding.clone();
            if finding.path == *base {
                finding.path.clear();
            } else if let Some(rest) = finding.path.strip_prefix(&format!("{base}/")) {
                finding.path = rest.to_owned();
            }
            tree.problem(new_id[&problem.at], finding);
        }
        let mut sub = tree.finish(name, origin, modified);
        if ext == "zip" {
            sub.archive_size = Some(meta.len());
        }
        Ok(sub)
    }

    /// Lists a zip archive from any source (in memory, say) as a submission.
    pub fn from_zip_source(name: &str, source: Arc<dyn Source>) -> Submission {
        let mut tree = Tree::new(name);
        archive::list_zip(source, Submission::ROOT, 1, &mut tree);
        tree.finish(name.to_owned(), Path::new(name), None)
    }

    /// A RAR or 7z archive: listed as an empty submission with one finding.
    fn unreadable_archive(path: &Path, modified: Option<SystemTime>) -> Submission {
        let file_name = display_name(path);
        let name = match file_name.rfind('.') {
            Some(i) if i > 0 => file_name[..i].to_owned(),
            _ => file_name.clone(),
        };
        let mut tree = Tree::new(&name);
        tree.problem(
            Submission::ROOT,
            Finding::new(
                Code::ArchiveUnsupported,
                "",
                msg!("archive-unsupported", file_name),
            ),
        );
        tree.finish(name, path, modified)
    }
}

fn display_name(path: &Path) -> String {
    path.canonicalize()
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| path.display().to_string())
}

/// A finding about the tree, and the entry it concerns: the entry itself, or the
/// nearest folder that would have held it. Check files it under the requirement whose
/// section holds that entry.
#[derive(Clone, Debug)]
pub struct Problem {
    pub at: EntryId,
    pub finding: Finding,
}

/// Problems found while listing or triaging a submission.
#[derive(Debug, Default)]
pub struct Problems(pub Vec<Problem>);

impl Problems {
    /// A finding about entry `at`, shown with its path.
    pub fn push(
        &mut self,
        sub: &Submission,
        at: EntryId,
        code: Code,
        message: crate::findings::Msg,
    ) {
        let finding = Finding::new(code, sub.entry(at).path.clone(), message);
        self.0.push(Problem { at, finding });
    }
}

/// The refusal for a path that cannot be read at all.
pub fn refusal_unreadable(path: &Path) -> Refusal {
    let path = path.display();
    Refusal(msg!("refusal-cannot-read", path))
}

/// The refusal for a folder whose entries cannot be listed.
pub fn refusal_unlistable(path: &Path) -> Refusal {
    let path = path.display();
    Refusal(msg!("refusal-cannot-list", path))
}
