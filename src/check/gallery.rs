//! What the HTML report shows of a requirement's material besides findings: a card per
//! board or entry, with its text's length and first lines and its photos (caption,
//! pixel size, shooting date, thumbnail). Findings are tied to items by path.

use super::context::Context;
use crate::findings::Msg;
use crate::inspect::Facts;
use crate::intake::EntryId;

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
        /// The JPEG thumbnail, or why there is none; None when not asked for.
        thumbnail: Option<Result<Vec<u8>, Msg>>,
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

/// Characters of a card's text shown as its first lines.
const EXCERPT_CHARS: usize = 120;

/// The card of `entry`'s files; `caption` names a photo from its file stem.
pub fn card(
    ctx: &Context,
    entry: EntryId,
    files: &[EntryId],
    caption: &dyn Fn(&str) -> String,
) -> Card {
    let items: Vec<Item> = files.iter().map(|&f| item(ctx, f, caption)).collect();
    let text: String = files
        .iter()
        .filter_map(|&f| match ctx.facts(f) {
            Facts::Text(t) => Some(t.text.as_str()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("\n");
    let excerpt: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    Card {
        title: ctx.name(entry).to_owned(),
        path: ctx.path(entry).to_owned(),
        words: None,
        excerpt: excerpt.chars().take(EXCERPT_CHARS).collect(),
        items,
        note: None,
    }
}

fn item(ctx: &Context, file: EntryId, caption: &dyn Fn(&str) -> String) -> Item {
    let entry = ctx.sub.entry(file);
    let kind = match ctx.facts(file) {
        Facts::Image(image) => ItemKind::Photo {
            caption: caption(entry.stem()),
            width: image.width,
            height: image.height,
            shot: image.camera.date_time_original.clone(),
            thumbnail: ctx.thumbnails.get(&file).cloned(),
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
