//! Every finding code, in one table: its stable kebab-case name, default severity, and
//! the explanation `baosong explain CODE` prints. Adding a code means adding one row.

use serde::{Serialize, Serializer};

pub use crate::messages::Lang;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    /// An error on a requirement that is not due yet: what the city still has to do,
    /// never a failure today. Only the report gives it, once deadlines are applied.
    Pending,
    Error,
}

impl Severity {
    pub fn label(self, lang: Lang) -> String {
        match self {
            Severity::Error => crate::tr!(lang, "severity-error"),
            Severity::Warning => crate::tr!(lang, "severity-warning"),
            Severity::Info => crate::tr!(lang, "severity-info"),
            Severity::Pending => crate::tr!(lang, "severity-pending"),
        }
    }
}

macro_rules! codes {
    ($( $variant:ident => $name:literal, $sev:ident; )*) => {
        /// A stable finding code.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code { $($variant),* }

        impl Code {
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $name),* }
            }

            pub fn severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$sev),* }
            }
        }
    };
}

codes! {
    SectionMissing => "section-missing", Error;
    SectionAmbiguous => "section-ambiguous", Warning;
    SectionReadAs => "section-read-as", Info;
    SectionUnmatched => "section-unmatched", Info;
    DocumentMissing => "document-missing", Error;
    DocumentEmpty => "document-empty", Error;
    DocumentImagesOnly => "document-images-only", Warning;
    DocumentScanned => "document-scanned", Warning;
    DocumentUnreadable => "document-unreadable", Error;
    DocumentEncrypted => "document-encrypted", Error;
    FormatNotSupportedYet => "format-not-supported-yet", Warning;
    BoardsTooFew => "boards-too-few", Error;
    BoardTextMissing => "board-text-missing", Error;
    BoardTextTooShort => "board-text-too-short", Error;
    BoardPhotoMissing => "board-photo-missing", Error;
    BoardEmpty => "board-empty", Warning;
    BoardsLooseFile => "boards-loose-file", Warning;
    PhotoCaptionTooLong => "photo-caption-too-long", Error;
    PhotoCaptionEmpty => "photo-caption-empty", Error;
    PhotoCaptionDeviceName => "photo-caption-device-name", Error;
    PhotoCaptionCopyMark => "photo-caption-copy-mark", Warning;
    PhotoTooSmall => "photo-too-small", Error;
    PhotoNoCameraExif => "photo-no-camera-exif", Warning;
    PhotoHeic => "photo-heic", Warning;
    PhotoIncomplete => "photo-incomplete", Error;
    PhotoResized => "photo-resized", Error;
    PhotoEdited => "photo-edited", Info;
    PhotoScreenshot => "photo-screenshot", Warning;
    PhotoOutsidePeriod => "photo-outside-period", Warning;
    PhotoDateFuture => "photo-date-future", Warning;
    PhotoClockUnset => "photo-clock-unset", Warning;
    PhotoDecodeError => "photo-decode-error", Error;
    PhotoNearDuplicate => "photo-near-duplicate", Warning;
    PhotoUnreadable => "photo-unreadable", Error;
    PhotoOverLimit => "photo-over-limit", Error;
    EntriesTooFew => "entries-too-few", Error;
    EntryNotCounted => "entry-not-counted", Warning;
    VideoBroken => "video-broken", Error;
    VideoUnverified => "video-unverified", Error;
    VideoCacheFile => "video-cache-file", Error;
    RosterNoNameColumn => "roster-no-name-column", Error;
    RosterTooFew => "roster-too-few", Error;
    RosterMissing => "roster-missing", Error;
    RosterUnreadable => "roster-unreadable", Error;
    SheetTooLarge => "sheet-too-large", Error;
    RosterIsPicture => "roster-is-picture", Error;
    RosterNamesInOneCell => "roster-names-in-one-cell", Info;
    ArchiveUnsupported => "archive-unsupported", Error;
    ArchiveCorrupt => "archive-corrupt", Error;
    ArchiveUnsafePath => "archive-unsafe-path", Error;
    ArchiveEncrypted => "archive-encrypted", Error;
    ArchiveCompressionUnsupported => "archive-compression-unsupported", Error;
    ArchiveBomb => "archive-bomb", Error;
    MailPartDamaged => "mail-part-damaged", Error;
    MailNotSubmission => "mail-not-submission", Info;
    MailLink => "mail-link", Warning;
    MailLinkExpired => "mail-link-expired", Error;
    MailSentLate => "mail-sent-late", Warning;
    FileDuplicate => "file-duplicate", Warning;
    TextSimilar => "text-similar", Warning;
    TextCopied => "text-copied", Warning;
    TextPlaceholder => "text-placeholder", Warning;
    EntryTextTooShort => "entry-text-too-short", Error;
    DocumentTooShort => "document-too-short", Error;
    DocumentStub => "document-stub", Error;
    DocumentIsNotice => "document-is-notice", Error;
    DocumentCoverLetter => "document-cover-letter", Error;
    DocumentOtherYear => "document-other-year", Error;
    DocumentOtherKind => "document-other-kind", Error;
    DocumentOtherCity => "document-other-city", Error;
    TextReused => "text-reused", Warning;
    VideoShared => "video-shared", Info;
    TextVersions => "text-versions", Info;
    EntryParts => "entry-parts", Info;
    EntryJoined => "entry-joined", Info;
    ContentDuplicate => "content-duplicate", Warning;
    LinkNotMaterial => "link-not-material", Error;
    FolderUnreadable => "folder-unreadable", Error;
    RosterRowsSkipped => "roster-rows-skipped", Info;
    RosterPlaceholder => "roster-placeholder", Warning;
    RosterPhoneInvalid => "roster-phone-invalid", Warning;
    RosterDuplicateName => "roster-duplicate-name", Warning;
    RosterNumberMangled => "roster-number-mangled", Warning;
    RosterCategoryMissing => "roster-category-missing", Warning;
    MailTooLarge => "mail-too-large", Info;
    FileTooLargeForMail => "file-too-large-for-mail", Info;
    FolderTooDeep => "folder-too-deep", Warning;
    FileOverReadLimit => "file-over-read-limit", Warning;
    InternalError => "internal-error", Error;
    FileReaderCrashed => "file-reader-crashed", Error;
    FileReaderTimeout => "file-reader-timeout", Error;
    FileEmpty => "file-empty", Error;
    FileShortcut => "file-shortcut", Error;
    FileDebris => "file-debris", Warning;
    FileDefaultName => "file-default-name", Warning;
}

/// Codes that say material was not found, read, verified or counted. They keep their
/// effect on the verdict whatever `[severity]` says: fail closed cannot be configured
/// away, and the rules may only tune the advisory codes.
const INTEGRITY: &[Code] = &[
    Code::SectionMissing,
    Code::DocumentMissing,
    Code::DocumentEmpty,
    Code::DocumentImagesOnly,
    Code::DocumentScanned,
    Code::DocumentUnreadable,
    Code::DocumentEncrypted,
    Code::FormatNotSupportedYet,
    Code::BoardsTooFew,
    Code::BoardTextMissing,
    Code::BoardTextTooShort,
    Code::BoardPhotoMissing,
    Code::PhotoIncomplete,
    Code::PhotoDecodeError,
    Code::PhotoUnreadable,
    Code::PhotoOverLimit,
    Code::EntriesTooFew,
    Code::EntryNotCounted,
    Code::VideoBroken,
    Code::VideoUnverified,
    Code::VideoCacheFile,
    Code::RosterNoNameColumn,
    Code::RosterTooFew,
    Code::RosterMissing,
    Code::RosterUnreadable,
    Code::SheetTooLarge,
    Code::RosterIsPicture,
    Code::ArchiveUnsupported,
    Code::ArchiveCorrupt,
    Code::ArchiveUnsafePath,
    Code::ArchiveEncrypted,
    Code::ArchiveCompressionUnsupported,
    Code::ArchiveBomb,
    Code::ContentDuplicate,
    Code::EntryTextTooShort,
    Code::DocumentTooShort,
    Code::DocumentStub,
    Code::DocumentIsNotice,
    Code::DocumentOtherCity,
    Code::DocumentCoverLetter,
    Code::DocumentOtherYear,
    Code::DocumentOtherKind,
    Code::TextReused,
    Code::LinkNotMaterial,
    Code::FolderUnreadable,
    Code::FileOverReadLimit,
    Code::InternalError,
    Code::FileReaderCrashed,
    Code::MailPartDamaged,
    Code::FileReaderTimeout,
    Code::FileEmpty,
    Code::FileShortcut,
];

impl Code {
    /// The codes a word that is not a code most likely means, best first (at most
    /// three): a part of a code's name ("too-small", "photo-too-smal"), or words of its
    /// explanation in either language ("照片太小"). Empty when nothing is close.
    pub fn closest(query: &str) -> Vec<Code> {
        let query = query.trim().to_lowercase();
        if query.is_empty() {
            return Vec::new();
        }
        let chars: Vec<char> = query.chars().filter(|c| !c.is_whitespace()).collect();
        let pairs: Vec<String> = chars.windows(2).map(|w| w.iter().collect()).collect();
        let mut scored: Vec<(usize, Code)> = Code::ALL
            .iter()
            .map(|&code| {
                let name = code.as_str();
                let by_name = if name.contains(&query) || query.contains(name) {
                    100
                } else {
                    50usize.saturating_sub(10 * edit_distance(name, &query))
                };
                // A Chinese query is matched against the labels and explanations; a
                // code-like one against the names only (English prose shares letter
                // pairs with anything).
                let by_words = if query.is_ascii() {
                    0
                } else {
                    let text = format!(
                        "{} {}",
                        code.label(Lang::Zh),
                        code.explain_with(Lang::Zh, 10, 64)
                    );
                    let shared = pairs.iter().filter(|p| text.contains(p.as_str())).count();
                    (shared * 40).checked_div(pairs.len()).unwrap_or(0)
                };
                (by_name.max(by_words), code)
            })
            .filter(|&(score, _)| score >= 20)
            .collect();
        scored.sort_by_key(|s| std::cmp::Reverse(s.0));
        let best = scored.first().map_or(0, |s| s.0);
        scored
            .into_iter()
            .take_while(|s| s.0 * 2 >= best)
            .take(3)
            .map(|(_, code)| code)
            .collect()
    }

    /// Whether the code says material was not found, read, verified or counted: its
    /// severity is fixed (see [`INTEGRITY`]).
    pub fn is_integrity(self) -> bool {
        INTEGRITY.contains(&self)
    }

    /// A short label for badges and lists ("非原图（尺寸太小）", "Name is not a caption").
    pub fn label(self, lang: Lang) -> String {
        crate::messages::text(lang, &format!("label-{}", self.as_str()), &[])
    }

    /// What the code means and how to fix it, with the configured caption length and
    /// read limit (in MB) put in.
    pub fn explain_with(self, lang: Lang, max_caption: u32, read_mb: u64) -> String {
        let id = format!("explain-{}", self.as_str());
        crate::messages::text(
            lang,
            &id,
            &[("max-caption", &max_caption), ("read-mb", &read_mb)],
        )
    }
}

impl Serialize for Code {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for Code {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let name = String::deserialize(d)?;
        name.parse()
            .map_err(|()| serde::de::Error::custom(format!("unknown code {name}")))
    }
}

impl std::str::FromStr for Code {
    type Err = ();

    fn from_str(s: &str) -> Result<Self, ()> {
        Code::ALL
            .iter()
            .copied()
            .find(|c| c.as_str() == s)
            .ok_or(())
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Levenshtein distance, in characters, for near-miss codes.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let current = row[j + 1];
            row[j + 1] = (previous + usize::from(ca != *cb))
                .min(row[j] + 1)
                .min(current + 1);
            previous = current;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_are_unique_kebab_case_and_round_trip() {
        let mut seen = HashSet::new();
        for &code in Code::ALL {
            let name = code.as_str();
            assert!(seen.insert(name), "duplicate code {name}");
            assert!(
                name.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{name} is not kebab-case"
            );
            assert_eq!(name.parse::<Code>(), Ok(code));
        }
    }

    #[test]
    fn every_code_is_explained_with_the_configured_values_in_both_languages() {
        for &code in Code::ALL {
            for lang in [Lang::Zh, Lang::En] {
                let text = code.explain_with(lang, 7, 99);
                assert!(!text.starts_with("explain-"), "{code} has no explanation");
                assert!(!text.contains('{'), "{code}: {text}");
            }
        }
        let caption = Code::PhotoCaptionDeviceName.explain_with(Lang::En, 7, 99);
        assert!(caption.contains('7'), "{caption}");
    }
}
