//! Intake: turns what the user points at into a [`Submission`], a tree of named
//! entries that the checks walk without knowing where the bytes live.
//!
//! Reading is read-only by construction: the store can open entries for reading and
//! nothing else. Nothing here judges material; it only lists it.

use std::fs;
use std::io::{self, BufRead, Read, Seek};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

/// Folders nested deeper than this are not listed (a guard against pathological trees).
pub const MAX_DEPTH: usize = 64;

/// A buffered, seekable reader over one file's bytes.
pub trait ReadSeek: BufRead + Seek {}
impl<T: BufRead + Seek> ReadSeek for T {}

/// Where a submission's bytes live.
pub trait Store: Send + Sync {
    /// Opens the file at `path` (relative, `/`-separated) for reading.
    fn open(&self, path: &str) -> io::Result<Box<dyn ReadSeek + '_>>;
}

/// A submission that is a folder on disk.
pub struct FolderStore {
    root: PathBuf,
}

impl Store for FolderStore {
    fn open(&self, path: &str) -> io::Result<Box<dyn ReadSeek + '_>> {
        let full = path.split('/').fold(self.root.clone(), |p, c| p.join(c));
        Ok(Box::new(io::BufReader::new(fs::File::open(full)?)))
    }
}

pub type EntryId = usize;

#[derive(Debug, Clone)]
pub struct Entry {
    /// The entry's own name, as shown to the user.
    pub name: String,
    /// Path relative to the submission root, `/`-separated; empty for the root.
    pub path: String,
    pub kind: EntryKind,
}

#[derive(Debug, Clone)]
pub enum EntryKind {
    Dir(Vec<EntryId>),
    File { size: u64 },
}

impl Entry {
    pub fn is_dir(&self) -> bool {
        matches!(self.kind, EntryKind::Dir(_))
    }

    pub fn size(&self) -> u64 {
        match self.kind {
            EntryKind::File { size } => size,
            EntryKind::Dir(_) => 0,
        }
    }

    /// Lower-case extension without the dot, or "" when there is none.
    pub fn extension(&self) -> String {
        extension_of(&self.name)
    }

    /// The name without its extension.
    pub fn stem(&self) -> &str {
        match self.name.rfind('.') {
            Some(i) if i > 0 && !self.is_dir() => &self.name[..i],
            _ => &self.name,
        }
    }
}

pub fn extension_of(name: &str) -> String {
    match name.rfind('.') {
        Some(i) if i > 0 => name[i + 1..].to_lowercase(),
        _ => String::new(),
    }
}

/// One city's material: a tree of entries plus the store that reads them.
pub struct Submission {
    /// Display name: the folder's name.
    pub name: String,
    /// The path the user gave.
    pub origin: PathBuf,
    /// Entry 0 is the root folder.
    pub entries: Vec<Entry>,
    store: Box<dyn Store>,
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

    pub fn open(&self, id: EntryId) -> io::Result<Box<dyn ReadSeek + '_>> {
        self.store.open(&self.entries[id].path)
    }

    /// Reads the first `limit` bytes of a file, or all of it when shorter.
    pub fn read_prefix(&self, id: EntryId, limit: u64) -> io::Result<Vec<u8>> {
        let mut buf = Vec::new();
        self.open(id)?.take(limit).read_to_end(&mut buf)?;
        Ok(buf)
    }

    /// Opens a folder on disk. Fails only when the path itself cannot be read.
    pub fn from_folder(path: &Path) -> Result<Submission> {
        let meta = fs::metadata(path).with_context(|| format!("cannot read {}", path.display()))?;
        if !meta.is_dir() {
            bail!("{} is not a folder", path.display());
        }
        let name = path
            .canonicalize()
            .ok()
            .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
            .unwrap_or_else(|| path.display().to_string());
        let mut entries = vec![Entry {
            name: name.clone(),
            path: String::new(),
            kind: EntryKind::Dir(Vec::new()),
        }];
        list_folder(path, Submission::ROOT, "", 0, &mut entries)
            .with_context(|| format!("cannot list {}", path.display()))?;
        Ok(Submission {
            name,
            origin: path.to_path_buf(),
            entries,
            store: Box::new(FolderStore {
                root: path.to_path_buf(),
            }),
        })
    }
}

/// Lists a folder into `entries`, children sorted by name. Symbolic links, FIFOs and
/// sockets are left out: they are not material, and opening a FIFO would block.
fn list_folder(
    dir: &Path,
    parent: EntryId,
    prefix: &str,
    depth: usize,
    entries: &mut Vec<Entry>,
) -> io::Result<()> {
    let mut children: Vec<(String, fs::DirEntry)> = fs::read_dir(dir)?
        .filter_map(|e| e.ok())
        .map(|e| (e.file_name().to_string_lossy().into_owned(), e))
        .collect();
    children.sort_by(|a, b| a.0.cmp(&b.0));
    for (name, dirent) in children {
        let Ok(file_type) = dirent.file_type() else {
            continue;
        };
        let path = if prefix.is_empty() {
            name.clone()
        } else {
            format!("{prefix}/{name}")
        };
        let id = entries.len();
        if file_type.is_dir() {
            entries.push(Entry {
                name,
                path: path.clone(),
                kind: EntryKind::Dir(Vec::new()),
            });
            if depth + 1 < MAX_DEPTH {
                // An unreadable sub-folder shows up as an empty one.
                let _ = list_folder(&dirent.path(), id, &path, depth + 1, entries);
            }
        } else if file_type.is_file() {
            let size = dirent.metadata().map(|m| m.len()).unwrap_or(0);
            entries.push(Entry {
                name,
                path,
                kind: EntryKind::File { size },
            });
        } else {
            continue;
        }
        if let EntryKind::Dir(list) = &mut entries[parent].kind {
            list.push(id);
        }
    }
    Ok(())
}
