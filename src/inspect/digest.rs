//! Which files of a submission have identical bytes: a fact about their content,
//! computed once per submission so that every check can count a copy once.
//!
//! Files are grouped by size first; only files whose size collides with another's are
//! hashed (BLAKE3), so a submission without copies is never read for this. Zip members
//! are told apart by the CRC-32 their archive recorded as well: a member is inflated
//! for this only when another file of its size may hold the same bytes.

use std::collections::HashMap;

use crate::intake::{EntryId, Submission};

/// Groups of files with identical bytes. Only files whose size collides with another
/// file's are hashed: `hash` is called for nothing else.
pub fn identical_groups(
    files: &[(EntryId, u64)],
    mut hash: impl FnMut(EntryId) -> Option<[u8; 32]>,
) -> Vec<Vec<EntryId>> {
    let mut by_size: HashMap<u64, Vec<EntryId>> = HashMap::new();
    for &(id, size) in files {
        if size > 0 {
            by_size.entry(size).or_default().push(id);
        }
    }
    let mut sizes: Vec<u64> = by_size.keys().copied().collect();
    sizes.sort_unstable();
    let mut groups = Vec::new();
    for size in sizes {
        let candidates = &by_size[&size];
        if candidates.len() < 2 {
            continue;
        }
        let mut by_hash: HashMap<[u8; 32], Vec<EntryId>> = HashMap::new();
        for &id in candidates {
            if let Some(digest) = hash(id) {
                by_hash.entry(digest).or_default().push(id);
            }
        }
        let mut found: Vec<Vec<EntryId>> = by_hash.into_values().filter(|g| g.len() > 1).collect();
        found.sort();
        groups.extend(found);
    }
    groups
}

pub fn blake3_of(sub: &Submission, id: EntryId) -> Option<[u8; 32]> {
    let mut hasher = blake3::Hasher::new();
    let mut reader = sub.open(id).ok()?;
    std::io::copy(&mut reader, &mut hasher).ok()?;
    Some(*hasher.finalize().as_bytes())
}

/// The groups of byte-identical files among `files`, each in tree order.
pub fn identical_files(sub: &Submission, files: &[EntryId]) -> Vec<Vec<EntryId>> {
    let recorded = |f: EntryId| match &sub.entry(f).kind {
        crate::intake::EntryKind::File { source, .. } => source.recorded_crc32(),
        crate::intake::EntryKind::Dir(_) => None,
    };
    let known: Vec<(EntryId, u64, Option<u32>)> = files
        .iter()
        .map(|&f| (f, sub.entry(f).size(), recorded(f)))
        .collect();
    let sized: Vec<(EntryId, u64)> = may_be_copies(&known)
        .into_iter()
        .map(|(f, size, _)| (f, size))
        .collect();
    identical_groups(&sized, |id| blake3_of(sub, id))
}

/// The files another file may be a copy of: of the same size, and with the same
/// recorded CRC-32 where both have one.
fn may_be_copies(files: &[(EntryId, u64, Option<u32>)]) -> Vec<(EntryId, u64, Option<u32>)> {
    let mut by_size: HashMap<u64, (usize, usize)> = HashMap::new();
    let mut by_crc: HashMap<(u64, u32), usize> = HashMap::new();
    for &(_, size, crc) in files {
        let (all, unknown) = by_size.entry(size).or_default();
        *all += 1;
        match crc {
            None => *unknown += 1,
            Some(crc) => *by_crc.entry((size, crc)).or_default() += 1,
        }
    }
    files
        .iter()
        .filter(|&&(_, size, crc)| {
            let (all, unknown) = by_size[&size];
            match crc {
                None => all > 1,
                Some(crc) => unknown > 0 || by_crc[&(size, crc)] > 1,
            }
        })
        .copied()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_files_whose_size_collides_are_hashed() {
        // Sizes: 10 (ids 0 and 1, identical), 20 (ids 2 and 3, different), 30 (id 4 alone).
        let files = [(0, 10), (1, 10), (2, 20), (3, 20), (4, 30), (5, 0), (6, 0)];
        let mut hashed = Vec::new();
        let groups = identical_groups(&files, |id| {
            hashed.push(id);
            Some(if id <= 1 { [1; 32] } else { [id as u8; 32] })
        });
        hashed.sort_unstable();
        assert_eq!(
            hashed,
            [0, 1, 2, 3],
            "id 4 (unique size) and empty files are never read"
        );
        assert_eq!(groups, [vec![0, 1]]);
    }

    #[test]
    fn members_whose_recorded_crcs_differ_are_not_copies() {
        let files = [
            (0, 10, Some(1)),
            (1, 10, Some(2)), // same size, another CRC: no copy
            (2, 20, Some(3)),
            (3, 20, Some(3)), // same size and CRC: may be
            (4, 30, Some(4)),
            (5, 30, None), // a file on disk: may be a copy of either
        ];
        let kept: Vec<EntryId> = may_be_copies(&files).iter().map(|f| f.0).collect();
        assert_eq!(kept, [2, 3, 4, 5]);
    }
}
