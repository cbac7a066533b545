//! What every check sees: the submission, which entries are material, the facts of
//! every file in a section, and the helpers that name a file in a finding.

use std::collections::HashMap;

use super::gallery::{Card, Item, ItemKind};
use crate::findings::Findings;
use crate::inspect::Facts;
use crate::intake::{EntryId, Submission};
use crate::rules::Rules;
use crate::triage::Material;

/// What the checks see: the submission, which entries are material, and the facts
/// of every file inside a section.
pub struct Context<'a> {
    pub sub: &'a Submission,
    pub material: &'a Material,
    pub rules: &'a Rules,
    pub run: &'a RunOptions,
    pub(super) facts: HashMap<EntryId, Facts>,
    /// Groups of byte-identical material files, in tree order.
    pub identical: Vec<Vec<EntryId>>,
    /// Each file of a group after its first, mapped to that first file.
    pub(super) copies: HashMap<EntryId, EntryId>,
    /// With `--deep`: every JPEG and PNG photo decoded fully, its picture hash or why
    /// its data is damaged.
    pub pictures: HashMap<EntryId, Result<u64, String>>,
    /// With the HTML report: each photo's thumbnail, or why there is none.
    pub thumbnails: HashMap<EntryId, Result<std::sync::Arc<[u8]>, crate::findings::Msg>>,
    /// The cards the running requirement's check shows (boards, entries).
    pub cards: std::cell::RefCell<Vec<Card>>,
}

/// What makes two pieces of material the same for counting: the same bytes, or the
/// same extracted text once spacing is ignored.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ContentKey {
    Text(u64),
    File(EntryId),
}

/// How a check is run, beyond the rules.
#[derive(Clone, Copy, Debug)]
pub struct RunOptions {
    /// The date deadlines and photo dates are judged against.
    pub as_of: chrono::NaiveDate,
    /// Fully decode every photo (slow): decode errors and near-duplicate pictures.
    pub deep: bool,
    /// Make a thumbnail of every photo, for the HTML report.
    pub thumbnails: bool,
}

impl RunOptions {
    pub fn today() -> RunOptions {
        RunOptions {
            as_of: chrono::Local::now().date_naive(),
            deep: false,
            thumbnails: false,
        }
    }
}

impl Context<'_> {
    pub fn facts(&self, id: EntryId) -> &Facts {
        self.facts.get(&id).unwrap_or(&Facts::Other)
    }

    /// Whether another material file has exactly the same bytes.
    pub fn has_twin(&self, id: EntryId) -> bool {
        self.copies.contains_key(&id) || self.identical.iter().any(|g| g[0] == id)
    }

    /// The first of the byte-identical files `id` belongs to (itself when unique).
    pub fn copy_of(&self, id: EntryId) -> EntryId {
        self.copies.get(&id).copied().unwrap_or(id)
    }

    /// The identity under which a file counts toward a minimum: a copy under another
    /// name, or a document with the same text, counts once.
    pub fn content_key(&self, id: EntryId) -> ContentKey {
        match self.facts(id) {
            Facts::Text(t) if t.counts.words > 0 => {
                use std::hash::{Hash, Hasher};
                let mut hasher = std::collections::hash_map::DefaultHasher::new();
                for c in t.text.chars().filter(|c| !c.is_whitespace()) {
                    c.hash(&mut hasher);
                }
                ContentKey::Text(hasher.finish())
            }
            _ => ContentKey::File(self.copy_of(id)),
        }
    }

    /// Whether the sections hold no material file at all: found, but empty.
    pub fn holds_no_file(&self, sections: &[EntryId]) -> bool {
        sections
            .iter()
            .all(|&s| self.material.files_under(self.sub, s).is_empty())
    }

    pub fn name(&self, id: EntryId) -> &str {
        &self.sub.entry(id).name
    }

    pub fn path(&self, id: EntryId) -> &str {
        &self.sub.entry(id).path
    }

    /// Reports a file that cannot be used, or whose content could not be verified.
    /// Returns true when something was reported.
    pub fn report_unusable(&self, id: EntryId, out: &mut Findings) -> bool {
        let name = self.name(id);
        match self.facts(id) {
            Facts::Problem(code, why) => {
                out.push(*code, self.path(id), msg!("file-finding", name, why));
                true
            }
            Facts::Unverified { code, note, .. } => {
                out.push(*code, self.path(id), msg!("file-finding", name, why = note));
                true
            }
            _ => false,
        }
    }
}

/// Characters of a card's text shown as its first lines.
const EXCERPT_CHARS: usize = 120;

impl Context<'_> {
    /// The card of `entry`'s files; `caption` names a photo from its file stem.
    pub fn card(
        &self,
        entry: EntryId,
        files: &[EntryId],
        caption: &dyn Fn(&str) -> String,
    ) -> Card {
        let items: Vec<Item> = files.iter().map(|&f| self.item(f, caption)).collect();
        let text: Vec<&str> = files
            .iter()
            .filter_map(|&f| match self.facts(f) {
                Facts::Text(t) => Some(t.text.as_str()),
                _ => None,
            })
            .collect();
        let excerpt: Vec<&str> = text.iter().flat_map(|t| t.split_whitespace()).collect();
        Card {
            title: self.name(entry).to_owned(),
            path: self.path(entry).to_owned(),
            words: None,
            excerpt: excerpt.join(" ").chars().take(EXCERPT_CHARS).collect(),
            items,
            note: None,
        }
    }

    fn item(&self, file: EntryId, caption: &dyn Fn(&str) -> String) -> Item {
        let entry = self.sub.entry(file);
        let kind = match self.facts(file) {
            Facts::Image(image) => ItemKind::Photo {
                caption: caption(entry.stem()),
                width: image.width,
                height: image.height,
                shot: image.camera.date_time_original.clone(),
                thumbnail: self.thumbnails.get(&file).cloned(),
            },
            Facts::Text(t) => ItemKind::Text {
                words: t.counts.words,
            },
            Facts::Video(v) => ItemKind::Video {
                duration: v.duration,
            },
            _ => ItemKind::Other,
        };
        Item {
            path: entry.path.clone(),
            name: entry.name.clone(),
            kind,
        }
    }
}
