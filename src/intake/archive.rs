//! Zip archives listed in place: entry names decoded the way the tool that made them
//! wrote them, unsafe and oversized entries refused with a finding, members located by
//! offset so that [`super::source::ZipMember`] can read them without extracting.
//!
//! Name encoding: with the UTF-8 flag (bit 11) a name is UTF-8. Without it, Windows
//! Chinese zip tools write GBK (read here as GB18030, its superset), while macOS writes
//! UTF-8 and does not set the flag; a flagless name that is valid UTF-8 is taken as
//! UTF-8, since GBK names practically never are.

use std::sync::Arc;

use zip::read::HasZipMetadata;

use super::source::{Method, Source, ZipMember};
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
            msg!("archive-bomb", file_name, size, MAX_ARCHIVE_TOTAL),
        ));
    }
    if size > RATIO_MIN_SIZE && size / compressed.max(1) > MAX_COMPRESSION_RATIO {
        return Err((
            Code::ArchiveBomb,
            msg!("archive-bomb-2", file_name, compressed, size),
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
    let archive_path = tree.entries[parent].path.clone();
    let archive_name = tree.entries[parent].name.clone();
    let problem = |tree: &mut Tree, code: Code, path: String, message: Msg| {
        let at = tree.nearest_dir(&path);
        tree.problem(at, Finding::new(code, path, message));
    };
    let opened = container
        .open()
        .map_err(|e| e.to_string())
        .and_then(|r| zip::ZipArchive::new(r).map_err(|e| e.to_string()));
    let mut zip = match opened {
        Ok(zip) => zip,
        Err(e) => {
            problem(
                tree,
                Code::ArchiveCorrupt,
                archive_path,
                msg!("archive-corrupt", archive_name, e),
            );
            return;
        }
    };
    if zip.has_duplicate_names() {
        // Extracting such an archive keeps only one file of each name; which one
        // depends on the tool, so only one is listed.
        problem(
            tree,
            Code::ArchiveCorrupt,
            archive_path.clone(),
            msg!("archive-corrupt-2", archive_name),
        );
    }
    let mut total = 0u64;
    let inner_path = |name: &str| {
        if archive_path.is_empty() {
            name.to_owned()
        } else {
            format!("{archive_path}/{name}")
        }
    };
    for index in 0..zip.len() {
        if index >= MAX_ARCHIVE_ENTRIES {
            problem(
                tree,
                Code::ArchiveBomb,
                archive_path.clone(),
                msg!("archive-bomb-3", archive_name, MAX_ARCHIVE_ENTRIES),
            );
            break;
        }
        let listed_name = zip
            .name_for_index(index)
            .and_then(Result::ok)
            .map(|n| n.into_owned())
            .unwrap_or_else(|| format!("#{index}"));
        let file = match zip.by_index_raw(index) {
            Ok(file) => file,
            Err(e) => {
                let name = listed_name;
                problem(
                    tree,
                    Code::ArchiveCorrupt,
                    inner_path(&name),
                    msg!("archive-corrupt-3", name, e),
                );
                continue;
            }
        };
        let flags = file.get_metadata().flags.as_u16();
        let name = decode_name(file.name_raw(), flags & UTF8_FLAG != 0).replace('\\', "/");
        let (size, compressed, crc32) = (file.size(), file.compressed_size(), file.crc32());
        let method = match file.compression() {
            zip::CompressionMethod::Stored => Some(Method::Stored),
            zip::CompressionMethod::Deflated => Some(Method::Deflated),
            _ => None,
        };
        // Bit 0 of the flags: the crate's own `encrypted()` reports only what it decrypts.
        let encrypted = flags & ENCRYPTED_FLAG != 0;
        // Where the member's bytes start, past its local header, as the zip reader
        // found it when it opened the member.
        let (is_dir, data_start) = (file.is_dir(), file.data_start());
        // A symbolic link stored by a Unix zip tool: its "content" is a path.
        let is_link = file
            .unix_mode()
            .is_some_and(|mode| mode & 0o170000 == 0o120000);
        drop(file);

        let parts: Vec<&str> = name
            .split('/')
            .filter(|p| !p.is_empty() && *p != ".")
            .collect();
        let Some((&file_name, folders)) = parts.split_last() else {
            continue;
        };
        // macOS metadata: not material, and not the sender's doing.
        if parts[0] == "__MACOSX" || file_name.starts_with("._") {
            continue;
        }
        let shown = inner_path(&name);
        if is_unsafe(&name) {
            problem(
                tree,
                Code::ArchiveUnsafePath,
                shown,
                msg!("archive-unsafe-path", name),
            );
            continue;
        }
        let mut dir = parent;
        for folder in folders {
            dir = tree.dir(dir, folder);
        }
        if is_dir {
            tree.dir(dir, file_name);
            continue;
        }
        if is_link {
            tree.problem(dir, super::link_finding(shown, file_name));
            continue;
        }
        let method = match refusal(file_name, encrypted, method, size, compressed) {
            Ok(method) => method,
            Err((code, message)) => {
                problem(tree, code, shown, message);
                continue;
            }
        };
        total = total.saturating_add(size);
        if total > MAX_ARCHIVE_TOTAL {
            let left = zip.len() - index;
            problem(
                tree,
                Code::ArchiveBomb,
                shown,
                msg!(
                    "archive-bomb-4",
                    archive_name,
                    MAX_ARCHIVE_TOTAL,
                    file_name,
                    left
                ),
            );
            break;
        }
        let Some(data_start) = data_start else {
            problem(
                tree,
                Code::ArchiveCorrupt,
                shown,
                msg!("archive-corrupt-4", file_name),
            );
            continue;
        };
        let source: Arc<dyn Source> = Arc::new(ZipMember {
            container: container.clone(),
            data_start,
            compressed_size: compressed,
            size,
            method,
            crc32,
        });
        if extension_of(file_name) == "zip" && nesting < MAX_ARCHIVE_NESTING && size > 0 {
            let id = tree.dir(dir, file_name);
            list_zip(source, id, nesting + 1, tree);
        } else {
            if !tree.files.insert((dir, file_name.to_owned())) {
                // Extracting such an archive keeps only one of the two; which one
                // depends on the tool, so the second is not counted.
                problem(
                    tree,
                    Code::ArchiveCorrupt,
                    shown,
                    msg!("archive-corrupt-5", file_name),
                );
                continue;
            }
            tree.push(dir, file_name, EntryKind::File { size, source });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
