//! Where baosong writes its outputs, and how: never into a submission, never through a
//! link, under names every system takes.
//!
//! - [`Roots`] holds the submissions of a run (the folders and .zip files named on the
//!   command line) and refuses an output that lands inside or on one of them, whatever
//!   the spelling of its path: `..`, a symbolic link or a Windows junction anywhere
//!   along it, or other letter case on Windows and macOS, whose disks ignore case.
//! - [`write_atomic`] writes a file beside its place and renames it there. A rename
//!   replaces the name itself: an existing symbolic link or hard link is replaced by the
//!   new file, and the file it led to is never written.
//! - [`safe_part`], [`safe_name`] and [`UniqueNames`] make file names from what a
//!   submission says (a city's name): nothing Windows refuses, no device name, a bounded
//!   length, and no two names of one run that Windows or macOS would take for one.
//! - [`Failure`] is an output that was not written, as the one line the user reads.

use std::collections::HashSet;
use std::fmt::Display;
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf, Prefix};
use std::sync::atomic::{AtomicU32, Ordering};

use crate::findings::{Lang, Msg};
use crate::limits::{MAX_NAME_BYTES, MAX_NAME_CHARS};

/// The submissions of one run, each resolved as [`resolve`] does and kept as the
/// user named it (to say which one an output would have landed in).
pub struct Roots {
    roots: Vec<(PathBuf, Vec<String>)>,
}

impl Roots {
    /// Every input of the command line: a folder (a submission, or an inbox, which
    /// holds submissions throughout) or a .zip file.
    pub fn of(inputs: &[PathBuf]) -> Roots {
        let roots = inputs
            .iter()
            .map(|input| {
                let resolved = resolve(input).unwrap_or_else(|_| input.clone());
                (input.clone(), key(&resolved))
            })
            .collect();
        Roots { roots }
    }

    /// Refuses a file to be written at `path` when it would land in or on a submission.
    /// Its folder is resolved; its own name is not followed, because [`write_atomic`]
    /// replaces a link found there instead of writing through it.
    pub fn file(&self, path: &Path) -> Result<(), Failure> {
        let resolved = match (path.parent(), path.file_name()) {
            (Some(parent), Some(name)) => resolve(or_here(parent)).map(|p| p.join(name)),
            _ => resolve(path),
        };
        self.refuse(path, resolved)
    }

    /// Refuses a folder to be written into when it is or lands in a submission; every
    /// link is followed, the folder's own included.
    pub fn folder(&self, path: &Path) -> Result<(), Failure> {
        self.refuse(path, resolve(path))
    }

    fn refuse(&self, path: &Path, resolved: io::Result<PathBuf>) -> Result<(), Failure> {
        let resolved = resolved.map_err(|e| Failure::not_written(path, e))?;
        let out = key(&resolved);
        match self.roots.iter().find(|(_, root)| out.starts_with(root)) {
            Some((submission, _)) => Err(Failure::inside(path, submission)),
            None => Ok(()),
        }
    }
}

/// The folder a bare file name lies in: the current one.
fn or_here(parent: &Path) -> &Path {
    if parent.as_os_str().is_empty() {
        Path::new(".")
    } else {
        parent
    }
}

/// `path` as the file system takes it. It is made absolute (which on Windows settles
/// `..` by the spelling, as Windows itself does), then resolved one component at a
/// time: as long as the path exists it is canonicalised, following links and
/// junctions (on Unix a `..` after a link leads to the parent of the link's target, as
/// the kernel's does); a part that does not exist yet is kept as spelt, with `.` and
/// `..` settled by hand. A name that comes back into an existing folder after `..` is
/// resolved again, so no link escapes by hiding behind a missing folder.
pub fn resolve(path: &Path) -> io::Result<PathBuf> {
    let absolute = std::path::absolute(path)?;
    let mut out = PathBuf::new();
    for part in absolute.components() {
        match part {
            Component::CurDir => continue,
            // `out` is canonical up to what does not exist: its parent is the real one.
            Component::ParentDir => {
                out.pop();
                continue;
            }
            // `C:` alone is the current folder of drive C: resolved with what follows.
            Component::Prefix(_) => {
                out.push(part);
                continue;
            }
            other => out.push(other),
        }
        if let Ok(real) = out.canonicalize() {
            out = real;
        }
    }
    Ok(out)
}

/// A resolved path as its components compare: drive letters and server names in lower
/// case, names as [`fold`] makes them.
fn key(path: &Path) -> Vec<String> {
    path.components()
        .map(|part| match part {
            Component::Prefix(prefix) => prefix_key(prefix.kind()),
            Component::RootDir => "/".to_owned(),
            Component::CurDir => ".".to_owned(),
            Component::ParentDir => "..".to_owned(),
            Component::Normal(name) => fold(&name.to_string_lossy()),
        })
        .collect()
}

/// A Windows path prefix, the same for `C:` and `\\?\C:` (a canonical path has the
/// second, a path that does not exist the first).
fn prefix_key(prefix: Prefix) -> String {
    match prefix {
        Prefix::Disk(d) | Prefix::VerbatimDisk(d) => {
            format!("{}:", char::from(d).to_ascii_lowercase())
        }
        Prefix::UNC(server, share) | Prefix::VerbatimUNC(server, share) => {
            let (server, share) = (server.to_string_lossy(), share.to_string_lossy());
            format!(r"\\{server}\{share}").to_lowercase()
        }
        Prefix::Verbatim(s) | Prefix::DeviceNS(s) => s.to_string_lossy().to_lowercase(),
    }
}

/// A name as Windows compares it: without regard to case, without the trailing dots
/// and spaces it drops, and without a `:stream` (which is part of the file before it).
#[cfg(windows)]
fn fold(name: &str) -> String {
    let file = name.split(':').next().unwrap_or(name);
    file.trim_end_matches(['.', ' ']).to_lowercase()
}

/// A name as macOS disks (case-insensitive unless formatted otherwise) compare it.
#[cfg(target_os = "macos")]
fn fold(name: &str) -> String {
    name.to_lowercase()
}

/// A name as Linux and other Unix disks compare it: exactly.
#[cfg(not(any(windows, target_os = "macos")))]
fn fold(name: &str) -> String {
    name.to_owned()
}

/// Temporary files this process has made, so that each has a name of its own.
static TEMPORARY: AtomicU32 = AtomicU32::new(0);

/// Writes `bytes` to `path` as a whole: first into a new temporary file in the same
/// folder, then renamed into place. The rename replaces the name: an existing file is
/// replaced, and so is an existing symbolic link or hard link, so the file it led to (a
/// submission's, perhaps) is never written; a half-written file never has the name.
/// The temporary file is made with `create_new`, which follows no link either, and is
/// removed when the write fails. A file the user made read-only is not replaced, as
/// Windows would refuse (Linux lets a rename replace it).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let meta = std::fs::symlink_metadata(path);
    if meta.is_ok_and(|m| m.is_file() && m.permissions().readonly()) {
        let why = "the file is read-only";
        return Err(io::Error::new(io::ErrorKind::PermissionDenied, why));
    }
    let folder = or_here(path.parent().unwrap_or(Path::new("")));
    let n = TEMPORARY.fetch_add(1, Ordering::Relaxed);
    let temp = folder.join(format!(".baosong-{}-{n}.tmp", std::process::id()));
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&temp)?;
    let written = file.write_all(bytes);
    // Closed before the rename: Windows renames no file that is open.
    drop(file);
    let done = written.and_then(|()| std::fs::rename(&temp, path));
    if done.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    done
}

/// Characters Windows refuses in a file name.
const FORBIDDEN: &str = r#"\/:*?"<>|"#;

/// Names Windows keeps for devices, whatever the extension and case: `con.txt` opens
/// the console, not a file.
const DEVICES: [&str; 30] = [
    "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$", "COM1", "COM2", "COM3", "COM4", "COM5",
    "COM6", "COM7", "COM8", "COM9", "COM¹", "COM²", "COM³", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5",
    "LPT6", "LPT7", "LPT8", "LPT9", "LPT¹", "LPT²", "LPT³",
];

/// A character as it may stand in a file name: what Windows refuses, control
/// characters and the invisible marks that turn text around (which could make
/// `exe.txt` show as `txt.exe`) become `_`.
fn allowed(c: char) -> char {
    let turning =
        matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
    if FORBIDDEN.contains(c) || c.is_control() || turning {
        '_'
    } else {
        c
    }
}

/// A part of a file name made from text a submission brings (a city's name, a
/// submission's name): every character [`allowed`], cut to [`MAX_NAME_CHARS`]
/// characters and [`MAX_NAME_BYTES`] bytes without splitting a character.
pub fn safe_part(text: &str) -> String {
    let mut out = String::new();
    for (i, c) in text.chars().map(allowed).enumerate() {
        if i == MAX_NAME_CHARS || out.len() + c.len_utf8() > MAX_NAME_BYTES {
            break;
        }
        out.push(c);
    }
    out
}

/// A whole file name (stem and extension) every system takes: every character
/// [`allowed`], no trailing dot or space (Windows drops them, so the file would have
/// another name than the one shown), never empty, `.` or `..`, and a device name
/// (`CON`, `nul.txt`, `com1.csv`) given a `_` after it.
pub fn safe_name(name: &str) -> String {
    let name: String = name.chars().map(allowed).collect();
    let mut name = name.trim_end_matches(['.', ' ']).to_owned();
    if name.is_empty() {
        name.push('_');
    }
    let base = name[..name.find('.').unwrap_or(name.len())].trim_end_matches(' ');
    if DEVICES.iter().any(|d| d.eq_ignore_ascii_case(base)) {
        name.insert(base.len(), '_');
    }
    name
}

/// The file names given out in one folder in one run, compared as Windows and macOS
/// compare them, without regard to case: two cities named `Abc市` and `abc市` get two
/// letters, not one written over the other.
pub struct UniqueNames {
    taken: HashSet<String>,
    lang: Lang,
}

impl UniqueNames {
    pub fn new(lang: Lang) -> UniqueNames {
        UniqueNames {
            taken: HashSet::new(),
            lang,
        }
    }

    /// `name` when no name given out so far is the same, ignoring case; else the
    /// first free of `name（2）.ext`, `name（3）.ext`…
    pub fn claim(&mut self, name: &str) -> String {
        let (stem, ext) = match name.rfind('.') {
            Some(dot) if dot > 0 => name.split_at(dot),
            _ => (name, ""),
        };
        let mut n = 1u32;
        loop {
            let candidate = if n == 1 {
                name.to_owned()
            } else {
                let name = stem;
                format!("{}{ext}", tr!(self.lang, "file-name-numbered", name, n))
            };
            if self.taken.insert(candidate.to_lowercase()) {
                return candidate;
            }
            n += 1;
        }
    }
}

/// Writes the file at `path` with `write`, unless it would land in a submission; what
/// `write` returns, or the one line saying why nothing was written.
pub fn attempt<T>(
    roots: &Roots,
    path: &Path,
    write: impl FnOnce() -> anyhow::Result<T>,
) -> Result<T, Failure> {
    roots.file(path)?;
    write().map_err(|e| Failure::not_written(path, format!("{e:#}")))
}

/// Tells on `out` what became of every output of a run: first each note (where a file
/// went), then each failure, so that what must be done is read last. Returns whether
/// any output failed.
pub fn tell(done: &[Result<String, Failure>], lang: Lang, out: &mut String) -> bool {
    let mut failed = false;
    for note in done.iter().flatten() {
        out.push_str(note);
        out.push('\n');
    }
    for failure in done.iter().filter_map(|d| d.as_ref().err()) {
        out.push_str(failure.line(lang));
        out.push('\n');
        failed = true;
    }
    failed
}

/// An output that was not written, as the one line the user reads: which file, why,
/// and what to do. The other outputs of the run are written all the same.
#[derive(Debug)]
pub struct Failure(pub Msg);

impl Failure {
    /// `path` would land in or on the submission `submission`.
    pub fn inside(path: &Path, submission: &Path) -> Failure {
        let (path, submission) = (path.display(), submission.display());
        Failure(msg!("refusal-inside-submission", path, submission))
    }

    /// The file `path` could not be written, for the reason `why`.
    pub fn not_written(path: &Path, why: impl Display) -> Failure {
        let path = path.display();
        let problem = msg!("refusal-cannot-write", path);
        let advice = msg!("output-advice-file");
        Failure(msg!("output-failed", problem, why, advice))
    }

    /// The folder `path` could not be made, so nothing was written into it.
    pub fn folder_not_made(path: &Path, why: impl Display) -> Failure {
        let path = path.display();
        let problem = msg!("refusal-cannot-create", path);
        let advice = msg!("output-advice-folder");
        Failure(msg!("output-failed", problem, why, advice))
    }

    /// The result could not be made for the console.
    pub fn console(why: impl Display) -> Failure {
        Failure(msg!("output-console-failed", why))
    }

    pub fn line(&self, lang: Lang) -> &str {
        self.0.get(lang)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(roots: &Roots, path: &Path) -> bool {
        roots.file(path).is_err()
    }

    #[test]
    fn an_output_inside_a_submission_is_refused_however_it_is_spelt() {
        let tmp = tempfile::tempdir().unwrap();
        let (sub, out) = (tmp.path().join("sub"), tmp.path().join("out"));
        std::fs::create_dir_all(sub.join("a")).unwrap();
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(tmp.path().join("city.zip"), b"PK").unwrap();
        let roots = Roots::of(&[sub.clone(), tmp.path().join("city.zip")]);
        assert!(refused(&roots, &sub.join("r.csv")));
        assert!(refused(&roots, &sub.join("new/deeper/r.csv")));
        assert!(refused(&roots, &out.join("../sub/r.csv")));
        assert!(refused(&roots, &sub.join("a/../../sub/a/r.csv")));
        // Through a folder that does not exist yet, back into the submission.
        assert!(refused(&roots, &out.join("missing/../../sub/r.csv")));
        assert!(refused(&roots, &tmp.path().join("city.zip")));
        assert!(roots.folder(&sub).is_err());
        assert!(roots.folder(&out.join("../sub/letters")).is_err());
        // Beside the submission, or a name that only begins like it: allowed.
        assert!(!refused(&roots, &out.join("r.csv")));
        assert!(!refused(&roots, &tmp.path().join("sub2/r.csv")));
        assert!(!refused(&roots, &tmp.path().join("city.zip.csv")));
        assert!(!refused(&roots, &sub.join("../r.csv")));
        assert!(roots.folder(&out.join("letters")).is_ok());
        // The refusal names both, in both languages.
        let Err(failure) = roots.file(&out.join("../sub/r.csv")) else {
            panic!()
        };
        assert!(failure.line(Lang::Zh).contains("r.csv"), "{failure:?}");
        assert!(failure.line(Lang::En).contains("inside the submission"));
    }

    #[cfg(unix)]
    #[test]
    fn links_are_followed_to_where_they_lead() {
        let tmp = tempfile::tempdir().unwrap();
        let (sub, out) = (tmp.path().join("sub"), tmp.path().join("out"));
        std::fs::create_dir_all(sub.join("a")).unwrap();
        std::fs::create_dir_all(&out).unwrap();
        std::os::unix::fs::symlink(&sub, out.join("link")).unwrap();
        std::os::unix::fs::symlink(sub.join("a"), out.join("deep")).unwrap();
        std::os::unix::fs::symlink(sub.join("plan.docx"), out.join("r.csv")).unwrap();
        let roots = Roots::of(std::slice::from_ref(&sub));
        assert!(refused(&roots, &out.join("link/r.csv")));
        assert!(roots.folder(&out.join("link")).is_err());
        // `..` after a link is the parent of where it leads, as the kernel takes it.
        assert!(refused(&roots, &out.join("deep/../r.csv")));
        assert!(refused(&roots, &out.join("deep/../new/../r.csv")));
        // A file's own name is not followed: write_atomic replaces the link.
        assert!(!refused(&roots, &out.join("r.csv")));
        // An input given through a link is the submission it leads to.
        let roots = Roots::of(&[out.join("link")]);
        assert!(refused(&roots, &sub.join("r.csv")));
    }

    #[cfg(windows)]
    #[test]
    fn on_windows_case_and_trailing_dots_do_not_matter() {
        let tmp = tempfile::tempdir().unwrap();
        let sub = tmp.path().join("Sub");
        std::fs::create_dir_all(&sub).unwrap();
        let roots = Roots::of(std::slice::from_ref(&sub));
        assert!(refused(&roots, &tmp.path().join("SUB").join("r.csv")));
        assert!(refused(&roots, &tmp.path().join("sub.").join("r.csv")));
        assert!(refused(&roots, &tmp.path().join("sub")));
    }

    #[test]
    fn write_atomic_replaces_a_link_instead_of_writing_through_it() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("theirs.docx");
        std::fs::write(&target, b"theirs").unwrap();
        let hard = tmp.path().join("hard.csv");
        std::fs::hard_link(&target, &hard).unwrap();
        write_atomic(&hard, b"ours").unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"theirs");
        assert_eq!(std::fs::read(&hard).unwrap(), b"ours");
        #[cfg(unix)]
        {
            let soft = tmp.path().join("soft.csv");
            std::os::unix::fs::symlink(&target, &soft).unwrap();
            write_atomic(&soft, b"ours").unwrap();
            assert_eq!(std::fs::read(&target).unwrap(), b"theirs");
            assert!(std::fs::symlink_metadata(&soft).unwrap().is_file());
        }
        // A read-only file is left as it is.
        let mut readonly = std::fs::metadata(&target).unwrap().permissions();
        readonly.set_readonly(true);
        std::fs::set_permissions(&target, readonly).unwrap();
        assert!(write_atomic(&target, b"ours").is_err());
        assert_eq!(std::fs::read(&target).unwrap(), b"theirs");
        // Writable again, so that Windows can remove it with the folder.
        let mut writable = std::fs::metadata(&target).unwrap().permissions();
        #[allow(clippy::permissions_set_readonly_false)]
        writable.set_readonly(false);
        std::fs::set_permissions(&target, writable).unwrap();
        // A failed write leaves no temporary file behind.
        assert!(write_atomic(&target.join("x.csv"), b"x").is_err());
        let left: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().collect();
        assert_eq!(left.len(), if cfg!(unix) { 3 } else { 2 });
    }

    #[test]
    fn names_are_ones_windows_takes() {
        assert_eq!(
            safe_name(r#"a\b/c:d*e?f"g<h>i|j.txt"#),
            "a_b_c_d_e_f_g_h_i_j.txt"
        );
        assert_eq!(safe_name("a\u{0}b\u{202E}txt.exe"), "a_b_txt.exe");
        assert_eq!(safe_name("CON"), "CON_");
        assert_eq!(safe_name("con.txt"), "con_.txt");
        assert_eq!(safe_name("Com1.abc-reply.txt"), "Com1_.abc-reply.txt");
        assert_eq!(safe_name("LPT9"), "LPT9_");
        assert_eq!(safe_name("nul .txt"), "nul_ .txt");
        assert_eq!(safe_name("CONSOLE.txt"), "CONSOLE.txt");
        assert_eq!(safe_name("COM10.txt"), "COM10.txt");
        assert_eq!(safe_name("report. . "), "report");
        assert_eq!(safe_name(".."), "_");
        assert_eq!(safe_name(""), "_");
    }

    #[test]
    fn a_long_text_is_cut_between_characters() {
        let han = "辽".repeat(300);
        let part = safe_part(&han);
        assert!(part.len() <= MAX_NAME_BYTES && part.chars().all(|c| c == '辽'));
        assert_eq!(part.chars().count(), MAX_NAME_BYTES / 3);
        let latin = safe_part(&"a".repeat(300));
        assert_eq!(latin.len(), MAX_NAME_CHARS);
        assert_eq!(safe_part("沈阳市/铁西区"), "沈阳市_铁西区");
    }

    #[test]
    fn names_differing_only_in_case_are_told_apart() {
        let mut names = UniqueNames::new(Lang::Zh);
        assert_eq!(names.claim("大连市-反馈.txt"), "大连市-反馈.txt");
        assert_eq!(names.claim("大连市-反馈.txt"), "大连市-反馈（2）.txt");
        assert_eq!(names.claim("Abc-反馈.txt"), "Abc-反馈.txt");
        assert_eq!(names.claim("abc-反馈.txt"), "abc-反馈（2）.txt");
        assert_eq!(names.claim("ABC-反馈.TXT"), "ABC-反馈（3）.TXT");
        assert_eq!(names.claim("abc-反馈（2）.txt"), "abc-反馈（2）（2）.txt");
        let mut names = UniqueNames::new(Lang::En);
        names.claim("Dalian-reply.txt");
        assert_eq!(names.claim("dalian-reply.txt"), "dalian-reply (2).txt");
        assert_eq!(names.claim(".hidden"), ".hidden");
    }
}
