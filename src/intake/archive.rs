//! Zip archives listed in place: entry names decoded the way the tool that made them
//! wrote them, unsafe and oversized entries refused with a finding, members located by
//! offset so that [`super::source::ZipMember`] can read them without extracting.
//!
//! Name encoding: with the UTF-8 flag (bit 11) a name is UTF-8. Without it, Windows
//! Chinese zip tools write GBK (read here as GB18030, its superset), while macOS writes
//! UTF-8 and does not set the flag; a flagless name that is valid UTF-8 is taken as
//! UTF-8, since GBK names practically never are.

use std::ops::ControlFlow;
use std::sync::Arc;

use zip::read::HasZipMetadata;

use super::source::{Method, NotHeld, Source, ZipMember};
use super::{EntryId, EntryKind, Tree, extension_of};
use crate::codes::Code;
use crate::findings::{Finding, Msg};
use crate::limits::{
    MAX_ARCHIVE_ENTRIES, MAX_ARCHIVE_NESTING, MAX_ARCHIVE_TOTAL, MAX_COMPRESSION_RATIO,
    RATIO_MIN_SIZE,
};

const UTF8_FLAG: u16 = 1 << 11;
const ENCRYPTED_FLAG: u16 = 1;

pub fn decode_name(raw: &[u8], utf8_flag: bool) -> String {
    if utf8_flag || raw.is_ascii() {
        return String::from_utf8_lossy(raw).into_owned();
    }
    match std::str::from_utf8(raw) {
        Ok(name) => name.to_owned(),
        Err(_) => encoding_rs::GB18030
            .decode_without_bom_handling(raw)
            .0
            .into_owned(),
    }
}

/// Why an entry name may not be used: it would land outside the archive's folder.
fn is_unsafe(name: &str) -> bool {
    let bytes = name.as_bytes();
    name.starts_with('/')
        || (bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':')
        || name.split('/').any(|part| part == "..")
        || name.contains('\0')
}

/// Why a member may not be read (a password, an uncommon compression method, a size
/// or ratio of a zip bomb), or the method to read it with.
fn refusal(
    file_name: &str,
    encrypted: bool,
    method: Option<Method>,
    size: u64,
    compressed: u64,
) -> Result<Method, (Code, Msg)> {
    if encrypted {
        return Err((Code::ArchiveEncrypted, msg!("archive-encrypted", file_name)));
    }
    let Some(method) = method else {
        return Err((
            Code::ArchiveCompressionUnsupported,
            msg!("archive-compression-unsupported", file_name),
        ));
    };
    if size > MAX_ARCHIVE_TOTAL {
        return Err((
            Code::ArchiveBomb,
            msg!("archive-bomb", file_name, size, limit = MAX_ARCHIVE_TOTAL),
        ));
    }
    if size > RATIO_MIN_SIZE && size / compressed.max(1) > MAX_COMPRESSION_RATIO {
        return Err((
            Code::ArchiveBomb,
            msg!("archive-member-ratio", file_name, compressed, size),
        ));
    }
    Ok(method)
}

/// Lists the zip read from `container` under the tree entry `parent` (the archive's
/// own folder node). `nesting` is 1 for an archive on disk. A panic in the zip reader
/// on a hostile archive becomes an `internal-error` finding: the checks then fail
/// every requirement of the submission instead of trusting a half-listed archive.
pub(super) fn list_zip(
    container: Arc<dyn Source>,
    parent: EntryId,
    nesting: usize,
    tree: &mut Tree,
) {
    let listed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        list_zip_unguarded(container, parent, nesting, tree)
    }));
    if listed.is_err() {
        let archive_name = tree.entries[parent].name.clone();
        let path = tree.entries[parent].path.clone();
        let message = msg!("internal-error", archive_name);
        tree.problem(parent, Finding::new(Code::InternalError, path, message));
    }
}

fn list_zip_unguarded(
    container: Arc<dyn Source>,
    parent: EntryId,
    nesting: usize,
    tree: &mut Tree,
) {
    let mut listing = Listing {
        archive_path: tree.entries[parent].path.clone(),
        archive_name: tree.entries[parent].name.clone(),
        container,
        parent,
        nesting,
        total: 0,
    };
    let opened = listing
        .container
        .open()
        .map_err(|e| e.to_string())
        .and_then(|r| zip::ZipArchive::new(r).map_err(|e| e.to_string()));
    let mut zip = match opened {
        Ok(zip) => zip,
        Err(e) => {
            let name = &listing.archive_name;
            let message = msg!("archive-corrupt", archive_name = name, e);
            listing.problem(
                tree,
                Code::ArchiveCorrupt,
                listing.archive_path.clone(),
                message,
            );
            return;
        }
    };
    if zip.has_duplicate_names() {
        // Extracting such an archive keeps only one file of each name; which one
        // depends on the tool, so only one is listed.
        let message = msg!("archive-same-names", archive_name = listing.archive_name);
        listing.problem(
            tree,
            Code::ArchiveCorrupt,
            listing.archive_path.clone(),
            message,
        );
    }
    for index in 0..zip.len() {
        if index >= MAX_ARCHIVE_ENTRIES {
            let name = &listing.archive_name;
            let message = msg!(
                "archive-too-many-files",
                archive_name = name,
                limit = MAX_ARCHIVE_ENTRIES
            );
            listing.problem(
                tree,
                Code::ArchiveBomb,
                listing.archive_path.clone(),
                message,
            );
            break;
        }
        let member = match Member::read(&mut zip, index) {
            Ok(member) => member,
            Err((name, e)) => {
                let path = listing.inner_path(&name);
                let message = msg!("archive-member-unreadable", name, e);
                listing.problem(tree, Code::ArchiveCorrupt, path, message);
                continue;
            }
        };
        if listing.place(tree, member, zip.len() - index).is_break() {
            break;
        }
    }
}

/// One archive being listed into the tree.
struct Listing {
    container: Arc<dyn Source>,
    /// The folder the archive's members go into.
    parent: EntryId,
    nesting: usize,
    archive_path: String,
    archive_name: String,
    /// Uncompressed bytes of the members taken so far.
    total: u64,
}

/// What the central directory says of one member.
struct Member {
    name: String,
    size: u64,
    compressed: u64,
    crc32: u32,
    method: Option<Method>,
    encrypted: bool,
    is_dir: bool,
    /// Where the member's bytes start, past its local header.
    data_start: Option<u64>,
    /// A symbolic link stored by a Unix zip tool: its "content" is a path.
    is_link: bool,
}

impl Member {
    /// The member at `index`, or its listed name and why it cannot be read.
    fn read<R: std::io::Read + std::io::Seek>(
        zip: &mut zip::ZipArchive<R>,
        index: usize,
    ) -> Result<Member, (String, zip::result::ZipError)> {
        let listed_name = zip
            .name_for_index(index)
            .and_then(Result::ok)
            .map(|n| n.into_owned())
            .unwrap_or_else(|| format!("#{index}"));
        let file = zip.by_index_raw(index).map_err(|e| (listed_name, e))?;
        let flags = file.get_metadata().flags.as_u16();
        let method = match file.compression() {
            zip::CompressionMethod::Stored => Some(Method::Stored),
            zip::CompressionMethod::Deflated => Some(Method::Deflated),
            _ => None,
        };
        Ok(Member {
            name: decode_name(file.name_raw(), flags & UTF8_FLAG != 0).replace('\\', "/"),
            size: file.size(),
            compressed: file.compressed_size(),
            crc32: file.crc32(),
            method,
            // Bit 0 of the flags: the crate's own `encrypted()` reports only what it
            // decrypts.
            encrypted: flags & ENCRYPTED_FLAG != 0,
            is_dir: file.is_dir(),
            data_start: file.data_start(),
            is_link: file
                .unix_mode()
                .is_some_and(|mode| mode & 0o170000 == 0o120000),
        })
    }
}

impl Listing {
    /// Lists a zip member that is itself a zip as a folder in `dir`. A deflated one is
    /// inflated once into memory (see [`super::source::Held`]): listed in place, each
    /// of its members would inflate it again from its first byte, and 40,000 members
    /// took minutes. When it does not fit the memory for zips inside zips, or its bytes
    /// are damaged, it is named instead.
    fn list_nested(
        &self,
        tree: &mut Tree,
        dir: EntryId,
        member: ZipMember,
        file_name: &str,
        shown: &str,
    ) {
        let inner: Arc<dyn Source> = match member.method {
            Method::Stored => Arc::new(member),
            Method::Deflated => match member.hold() {
                Ok(held) => Arc::new(held),
                // Past the memory the held zips of a run may take (a province's
                // photo zips), the inner zip is read in place as before: slower for
                // one of many small members, never refused.
                Err(NotHeld::OverLimit) => Arc::new(member),
                Err(NotHeld::Damaged(e)) => {
                    let message = msg!("archive-corrupt", archive_name = file_name, e);
                    self.problem(tree, Code::ArchiveCorrupt, shown.to_owned(), message);
                    return;
                }
            },
        };
        let id = tree.dir(dir, file_name);
        list_zip(inner, id, self.nesting + 1, tree);
    }

    fn problem(&self, tree: &mut Tree, code: Code, path: String, message: Msg) {
        let at = tree.nearest_dir(&path);
        tree.problem(at, Finding::new(code, path, message));
    }

    fn inner_path(&self, name: &str) -> String {
        if self.archive_path.is_empty() {
            name.to_owned()
        } else {
            format!("{}/{name}", self.archive_path)
        }
    }

    /// Puts one member into the tree, or names why it was refused. Breaks when the
    /// archive expands past the total limit (`left` members, this one included,
    /// are then not listed).
    fn place(&mut self, tree: &mut Tree, m: Member, left: usize) -> ControlFlow<()> {
        let name = m.name.as_str();
        let parts: Vec<&str> = name
            .split('/')
            .filter(|p| !p.is_empty() && *p != ".")
            .collect();
        let Some((&file_name, folders)) = parts.split_last() else {
            return ControlFlow::Continue(());
        };
        // macOS metadata: not material, and not the sender's doing.
        if parts[0] == "__MACOSX" || file_name.starts_with("._") {
            return ControlFlow::Continue(());
        }
        let shown = self.inner_path(name);
        if is_unsafe(name) {
            let message = msg!("archive-unsafe-path", name);
            self.problem(tree, Code::ArchiveUnsafePath, shown, message);
            return ControlFlow::Continue(());
        }
        let mut dir = self.parent;
        for folder in folders {
            dir = tree.dir(dir, folder);
        }
        if m.is_dir {
            tree.dir(dir, file_name);
            return ControlFlow::Continue(());
        }
        if m.is_link {
            tree.problem(dir, super::link_finding(shown, file_name));
            return ControlFlow::Continue(());
        }
        let method = match refusal(file_name, m.encrypted, m.method, m.size, m.compressed) {
            Ok(method) => method,
            Err((code, message)) => {
                self.problem(tree, code, shown, message);
                return ControlFlow::Continue(());
            }
        };
        self.total = self.total.saturating_add(m.size);
        if self.total > MAX_ARCHIVE_TOTAL {
            let archive_name = &self.archive_name;
            let message = msg!(
                "archive-too-large-unpacked",
                archive_name,
                limit = MAX_ARCHIVE_TOTAL,
                file_name,
                left
            );
            self.problem(tree, Code::ArchiveBomb, shown, message);
            return ControlFlow::Break(());
        }
        let Some(data_start) = m.data_start else {
            let message = msg!("archive-member-data-damaged", file_name);
            self.problem(tree, Code::ArchiveCorrupt, shown, message);
            return ControlFlow::Continue(());
        };
        let member = ZipMember {
            container: self.container.clone(),
            data_start,
            compressed_size: m.compressed,
            size: m.size,
            method,
            crc32: m.crc32,
        };
        if extension_of(file_name) == "zip" && self.nesting < MAX_ARCHIVE_NESTING && m.size > 0 {
            self.list_nested(tree, dir, member, file_name, &shown);
            return ControlFlow::Continue(());
        }
        let source: Arc<dyn Source> = Arc::new(member);
        if !tree.files.insert((dir, file_name.to_owned())) {
            // Extracting such an archive keeps only one of the two; which one depends
            // on the tool, so the second is not counted.
            let message = msg!("archive-same-name-twice", file_name);
            self.problem(tree, Code::ArchiveCorrupt, shown, message);
        } else {
            let size = m.size;
            tree.push(dir, file_name, EntryKind::File { size, source });
        }
        ControlFlow::Continue(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn names_decode_by_flag_and_content() {
        let gbk = encoding_rs::GBK
            .encode("沈阳市/展板1/读书会.jpg")
            .0
            .into_owned();
        assert_eq!(decode_name(&gbk, false), "沈阳市/展板1/读书会.jpg");
        let utf8 = "沈阳市/展板1/读书会.jpg".as_bytes();
        assert_eq!(decode_name(utf8, true), "沈阳市/展板1/读书会.jpg");
        assert_eq!(decode_name(utf8, false), "沈阳市/展板1/读书会.jpg");
        assert_eq!(decode_name(b"plain/name.txt", false), "plain/name.txt");
    }

    #[test]
    fn unsafe_names_are_refused() {
        for name in [
            "../evil.txt",
            "a/../../b",
            "/etc/passwd",
            "C:/Windows/x",
            "c:evil",
        ] {
            assert!(is_unsafe(name), "{name}");
        }
        for name in ["a/b.txt", "沈阳市/..文件.txt", "a..b/c"] {
            assert!(!is_unsafe(name), "{name}");
        }
    }

    /// A zip of `members`, each deflated.
    fn zip_of(members: &[(String, Vec<u8>)]) -> Vec<u8> {
        use std::io::Write;
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, bytes) in members {
            zip.start_file(name.as_str(), options).unwrap();
            zip.write_all(bytes).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    #[test]
    fn members_of_a_zip_inside_a_zip_are_read_from_memory_in_one_pass() {
        let files: Vec<(String, Vec<u8>)> = (0..2_000)
            .map(|i| (format!("许多/{i}.txt"), vec![b'a' + (i % 26) as u8]))
            .collect();
        let inner = zip_of(&files);
        let outer = zip_of(&[("材料/照片.zip".to_owned(), inner.clone())]);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("沈阳市.zip");
        std::fs::write(&path, outer).unwrap();
        let inflated = || super::super::member::INFLATED.with(|n| n.get());
        let before = inflated();
        let sub = crate::intake::Submission::from_zip(&path).unwrap();
        let members = sub.files_under(crate::intake::Submission::ROOT);
        assert_eq!(members.len(), 2_000);
        for &id in &members {
            let crate::intake::EntryKind::File { source, .. } = &sub.entry(id).kind else {
                unreachable!()
            };
            assert!(source.in_memory(), "{}", sub.entry(id).path);
            let mut bytes = Vec::new();
            let mut reader = source.open_checked().unwrap();
            reader.read_to_end(&mut bytes).unwrap();
            assert_eq!(bytes.len(), 1);
            reader.finish().unwrap();
        }
        // The inner zip is inflated once; each member then inflates its own byte,
        // once: read and checked in one pass. Inflating the inner zip again from its
        // first byte for each member would be some 2,000 × 100 KB.
        let work = inflated() - before;
        assert!(work <= inner.len() as u64 + 2_000, "{work} bytes inflated");
        // With the memory for zips inside zips taken (by this submission and 1 KB
        // short of the rest), the inner zip is read in place: listed all the same.
        let _taken = super::super::source::hold_back(1024);
        let again = crate::intake::Submission::from_zip(&path).unwrap();
        assert_eq!(
            again.files_under(crate::intake::Submission::ROOT).len(),
            2_000
        );
        assert!(again.problems.is_empty(), "nothing is refused");
    }
}
