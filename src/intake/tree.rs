//! Building a submission's tree: entries pushed under their folders, problems kept
//! at the entry they concern, and a folder on disk listed without following links.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::io;
use std::path::Path;
use std::sync::Arc;
use std::time::SystemTime;

use super::source::{DiskFile, Source};
use super::{Entry, EntryId, EntryKind, Problem, Submission, archive, extension_of};
use crate::codes::Code;
use crate::findings::Finding;
use crate::limits::MAX_DEPTH;

pub(super) struct Tree {
    pub(super) entries: Vec<Entry>,
    pub(super) dirs: HashMap<(EntryId, String), EntryId>,
    /// Archive members listed so far, by folder and name: a second one of the same
    /// name is refused.
    pub(super) files: HashSet<(EntryId, String)>,
    pub(super) problems: Vec<Problem>,
}

impl Tree {
    pub(super) fn new(root_name: &str) -> Tree {
        Tree {
            entries: vec![Entry {
                name: root_name.to_owned(),
                path: String::new(),
                kind: EntryKind::Dir(Vec::new()),
            }],
            dirs: HashMap::new(),
            files: HashSet::new(),
            problems: Vec::new(),
        }
    }

    pub(super) fn path_under(&self, parent: EntryId, name: &str) -> String {
        let base = &self.entries[parent].path;
        if base.is_empty() {
            name.to_owned()
        } else {
            format!("{base}/{name}")
        }
    }

    pub(super) fn push(&mut self, parent: EntryId, name: &str, kind: EntryKind) -> EntryId {
        let id = self.entries.len();
        let path = self.path_under(parent, name);
        self.entries.push(Entry {
            name: name.to_owned(),
            path,
            kind,
        });
        if let EntryKind::Dir(children) = &mut self.entries[parent].kind {
            children.push(id);
        }
        id
    }

    pub(super) fn problem(&mut self, at: EntryId, finding: Finding) {
        self.problems.push(Problem { at, finding });
    }

    /// The deepest folder listed so far on the way to `path` (`/`-separated, from
    /// the root): where a refused member would have been.
    pub(super) fn nearest_dir(&self, path: &str) -> EntryId {
        let mut at = Submission::ROOT;
        for part in path.split('/') {
            match self.dirs.get(&(at, part.to_owned())) {
                Some(&id) => at = id,
                None => break,
            }
        }
        at
    }

    /// The folder `name` under `parent`, created when it does not exist yet.
    pub(super) fn dir(&mut self, parent: EntryId, name: &str) -> EntryId {
        if let Some(&id) = self.dirs.get(&(parent, name.to_owned())) {
            return id;
        }
        let id = self.push(parent, name, EntryKind::Dir(Vec::new()));
        self.dirs.insert((parent, name.to_owned()), id);
        id
    }

    pub(super) fn finish(
        mut self,
        name: String,
        origin: &Path,
        modified: Option<SystemTime>,
    ) -> Submission {
        // Children in name order, whatever order the folder or archive listed them in.
        let names: Vec<String> = self.entries.iter().map(|e| e.name.clone()).collect();
        for entry in &mut self.entries {
            if let EntryKind::Dir(children) = &mut entry.kind {
                children.sort_by(|&a, &b| names[a].cmp(&names[b]));
            }
        }
        Submission {
            name,
            origin: origin.to_path_buf(),
            modified,
            archive_size: None,
            entries: self.entries,
            problems: self.problems,
            assignment: None,
            mail: None,
            unmatched: None,
        }
    }
}

/// Lists a folder into the tree. Symbolic links, FIFOs, sockets and devices are never
/// followed or opened (a FIFO would block, a link may point anywhere): each becomes a
/// finding, since the material it stands for was not sent. A .zip inside is opened
/// in place.
///
/// The walk is written out rather than taken from `walkdir`: each level builds tree
/// entries, opens archives as folders and records a finding for whatever it cannot
/// list, which a flat iterator would leave to be reassembled afterwards.
pub(super) fn list_folder(
    dir: &Path,
    parent: EntryId,
    depth: usize,
    tree: &mut Tree,
) -> io::Result<()> {
    for dirent in fs::read_dir(dir)? {
        let dirent = match dirent {
            Ok(dirent) => dirent,
            Err(e) => {
                folder_unreadable(tree, parent, &e);
                continue;
            }
        };
        let name = dirent.file_name().to_string_lossy().into_owned();
        let file_type = match dirent.file_type() {
            Ok(file_type) => file_type,
            Err(e) => {
                let path = tree.path_under(parent, &name);
                let message = msg!("folder-unreadable", name, e);
                tree.problem(parent, Finding::new(Code::FolderUnreadable, path, message));
                continue;
            }
        };
        if file_type.is_dir() {
            let id = tree.dir(parent, &name);
            if depth + 1 < MAX_DEPTH {
                if let Err(e) = list_folder(&dirent.path(), id, depth + 1, tree) {
                    folder_unreadable(tree, id, &e);
                }
            } else {
                let path = tree.entries[id].path.clone();
                let message = msg!("folder-too-deep", limit = MAX_DEPTH, name);
                tree.problem(id, Finding::new(Code::FolderTooDeep, path, message));
            }
        } else if file_type.is_file() {
            let size = dirent.metadata().map(|m| m.len()).unwrap_or(0);
            let source: Arc<dyn Source> = Arc::new(DiskFile(dirent.path()));
            if extension_of(&name) == "zip" && size > 0 {
                let id = tree.dir(parent, &name);
                archive::list_zip(source, id, 1, tree);
            } else {
                tree.push(parent, &name, EntryKind::File { size, source });
            }
        } else {
            let path = tree.path_under(parent, &name);
            tree.problem(parent, link_finding(path, &name));
        }
    }
    Ok(())
}

/// A link or special file where material should be: never followed, never counted.
pub(crate) fn link_finding(path: String, name: &str) -> Finding {
    Finding::new(Code::LinkNotMaterial, path, msg!("link-not-material", name))
}

/// A folder whose listing failed: its material was not checked, and must not look
/// like an empty folder.
fn folder_unreadable(tree: &mut Tree, id: EntryId, e: &io::Error) {
    let name = tree.entries[id].name.clone();
    let path = tree.entries[id].path.clone();
    let message = msg!("folder-unreadable-why", name, e);
    tree.problem(id, Finding::new(Code::FolderUnreadable, path, message));
}
