//! `baosong count`: one document's 字数 as Word counts it, read the way a check reads
//! it, or why it has none.

use std::path::{Path, PathBuf};

use super::wordcount::Counts;
use super::{Facts, FileClass, ReadOptions, classify, inspect_source};
use crate::findings::Msg;
use crate::intake::extension_of;
use crate::intake::source::DiskFile;

/// One document's counts, or why it has none.
#[derive(Debug)]
pub struct Counted {
    pub path: PathBuf,
    /// The format the content really is ("docx", "doc"...), else the extension.
    pub format: String,
    pub result: Result<Counts, Msg>,
}

/// How a file is read: [`inspect_source`] itself, or the same in a reader process.
pub type Reader = fn(&str, u64, &dyn crate::intake::source::Source, &ReadOptions) -> Facts;

/// Counts the document at `path`; anything but a readable document gives a reason.
pub fn count_file(path: &Path, options: &ReadOptions) -> Counted {
    count_file_with(path, options, inspect_source)
}

/// [`count_file`], reading with `read`.
pub fn count_file_with(path: &Path, options: &ReadOptions, read: Reader) -> Counted {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let ext = extension_of(&name);
    let mut counted = Counted {
        path: path.to_path_buf(),
        format: ext.clone(),
        result: Err(msg!("count-not-a-document")),
    };
    let size = match std::fs::metadata(path) {
        Ok(meta) if meta.is_file() => meta.len(),
        Ok(_) => return counted,
        Err(e) => {
            counted.result = Err(msg!("count-unreadable", e));
            return counted;
        }
    };
    if classify(&ext) != FileClass::Document {
        return counted;
    }
    let source = DiskFile(path.to_path_buf());
    counted.result = match read(&name, size, &source, options) {
        Facts::Text(t) => {
            counted.format = t.format.to_owned();
            Ok(t.counts)
        }
        Facts::Unverified { note, .. } | Facts::Problem(_, note) => Err(note),
        _ => counted.result,
    };
    counted
}
