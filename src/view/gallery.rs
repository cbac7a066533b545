//! What the HTML report shows of a requirement's material besides findings: a card per
//! board or entry, with its text's length and first lines and its photos (caption,
//! pixel size, shooting date, thumbnail). Findings are tied to items by path.

use crate::findings::Msg;

/// One board, or one case or exemplar.
#[derive(Clone, Debug)]
pub struct Card {
    pub title: String,
    pub path: String,
    /// Its text's length, counted as the requirement counts.
    pub words: Option<usize>,
    /// The first characters of its text.
    pub excerpt: String,
    pub items: Vec<Item>,
    /// Why it did not count, when it did not.
    pub note: Option<Msg>,
}

/// One file of a card.
#[derive(Clone, Debug)]
pub struct Item {
    pub path: String,
    pub name: String,
    pub kind: ItemKind,
}

#[derive(Clone, Debug)]
pub enum ItemKind {
    Photo {
        caption: String,
        width: u64,
        height: u64,
        /// The EXIF shooting date as the camera wrote it.
        shot: Option<String>,
        /// The JPEG thumbnail (shared with the check, not copied), or why there is
        /// none; None when not asked for.
        thumbnail: Option<Result<std::sync::Arc<[u8]>, Msg>>,
    },
    Text {
        words: usize,
    },
    Video {
        duration: Option<f64>,
    },
    /// Anything not read as a photo, text or video (damaged, unsupported).
    Other,
}
