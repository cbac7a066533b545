//! What every check sees: the submission, which entries are material, the facts of
//! every file in a section, and the helpers that name a file in a finding.

use std::collections::HashMap;

use super::gallery::{Card, Item, ItemKind};
use super::substance::{self, Nature};
use super::tally::{Earlier, Tally};
use crate::codes::Code;
use crate::findings::Findings;
use crate::findings::Msg;
use crate::inspect::Facts;
use crate::inspect::text::TextFacts;
use crate::intake::{EntryId, Submission};
use crate::rules::Rules;
use crate::triage::Material;

/// What the checks see: the submission, which entries are material, and the facts
/// of every file inside a section.
pub struct Context<'a> {
    pub sub: &'a Submission,
    pub material: &'a Material,
    /// Folders placed as one board or entry of a section, not as a folder of them.
    pub single: std::collections::HashSet<EntryId>,
    pub rules: &'a Rules,
    pub run: &'a RunOptions,
    pub(crate) facts: HashMap<EntryId, Facts>,
    /// Groups of byte-identical material files, in tree order.
    pub identical: Vec<Vec<EntryId>>,
    /// Each file of a group after its first, mapped to that first file.
    pub(crate) copies: HashMap<EntryId, EntryId>,
    /// With `--deep`: every JPEG and PNG photo decoded fully, its picture hash or why
    /// its data is damaged.
    pub pictures: HashMap<EntryId, Result<u64, String>>,
    /// With the HTML report: each photo's thumbnail, or why there is none.
    pub thumbnails: HashMap<EntryId, Result<std::sync::Arc<[u8]>, crate::findings::Msg>>,
    /// The cards the running requirement's check shows (boards, entries).
    pub cards: std::cell::RefCell<Vec<Card>>,
    /// Index of the requirement being checked.
    pub requirement: std::cell::Cell<usize>,
    /// What counted so far, for every requirement: one text counts once.
    pub tally: std::cell::RefCell<Tally>,
}

/// Whether a text document counts for the running requirement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Admission {
    /// It counts: its text is new and it is the material it is filed as.
    Counts,
    /// The same text counted already (the finding says where).
    Copy(Earlier),
    /// It is not the material (the notice, a cover letter, last year's, a stub).
    Refused,
}

/// What a requirement expects of each of its text documents.
#[derive(Debug, Clone, Copy)]
pub struct Expect {
    /// 字数 below which a text is told apart as a stub (link, placeholder, blank form);
    /// 0 when the requirement judges length elsewhere (a board's text adds up).
    pub min_words: usize,
    /// Judge the year by the body too (plans and summaries are about one week).
    pub body_year: bool,
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

impl Context<'_> {
    /// The running requirement's title, for messages.
    fn requirement_name(&self, index: usize) -> Msg {
        self.rules.requirements[index].name()
    }

    /// Judges a text document of the running requirement: what it is (see
    /// [`substance`]) and whether its text counted already (see [`super::tally`]).
    /// Every refusal and copy is reported here, naming the file.
    pub fn admit_text(
        &self,
        file: EntryId,
        text: &TextFacts,
        expect: Expect,
        out: &mut Findings,
    ) -> Admission {
        let stem = self.sub.entry(file).stem();
        let year = self.rules.year;
        let nature = substance::nature(text, stem, year, expect.body_year, expect.min_words);
        if let Some((code, message)) = self.refusal(file, text, nature) {
            out.push(code, self.path(file), message);
            return Admission::Refused;
        }
        let print = super::tally::fingerprint(&text.text);
        let threshold = self.rules.evidence.similar_text;
        let requirement = self.requirement.get();
        let claimed = self
            .tally
            .borrow_mut()
            .claim_text(file, requirement, print, threshold);
        match claimed {
            None => Admission::Counts,
            Some(earlier) => {
                self.report_copy(file, earlier, out);
                Admission::Copy(earlier)
            }
        }
    }

    /// As [`Context::admit_text`], but what is said of a copy is returned rather than
    /// reported: a board or entry made only of copies is said once, as a whole.
    pub fn admit_text_deferred(
        &self,
        file: EntryId,
        text: &TextFacts,
        expect: Expect,
        out: &mut Findings,
    ) -> (Admission, Vec<crate::findings::Finding>) {
        let mut said = Findings::default();
        let admission = self.admit_text(file, text, expect, &mut said);
        let (copies, refusals): (Vec<_>, Vec<_>) = said.0.into_iter().partition(|f| {
            matches!(
                f.code,
                Code::ContentDuplicate | Code::TextReused | Code::TextVersions
            )
        });
        out.0.extend(refusals);
        (admission, copies)
    }

    /// Why a document of this nature does not count for the running requirement.
    fn refusal(&self, file: EntryId, text: &TextFacts, nature: Nature) -> Option<(Code, Msg)> {
        let name = self.name(file);
        let title = self.requirement_name(self.requirement.get());
        let words = text.counts.words;
        Some(match nature {
            Nature::Material => return None,
            Nature::Notice { percent } => (
                Code::DocumentIsNotice,
                msg!("document-is-notice", name, percent, title),
            ),
            Nature::CoverLetter { attachments } => (
                Code::DocumentCoverLetter,
                self.cover_letter(file, &title, &attachments),
            ),
            Nature::OtherYear { year } => {
                let expected = self.rules.year.unwrap_or_default();
                (
                    Code::DocumentOtherYear,
                    msg!("document-other-year", name, year, expected, title),
                )
            }
            Nature::Link => (Code::DocumentStub, msg!("document-stub-link", name, title)),
            Nature::Placeholder => (
                Code::DocumentStub,
                msg!("document-stub-placeholder", name, words, title),
            ),
            Nature::BlankForm => (Code::DocumentStub, msg!("document-stub-form", name, words)),
        })
    }

    /// Says that `file`'s text counted already, as `earlier`: two versions side by
    /// side (information), a copy within the requirement (a warning), or material of
    /// another requirement (a warning too: the requirement fails on its count).
    pub fn report_copy(&self, file: EntryId, earlier: Earlier, out: &mut Findings) {
        let (name, path) = (self.name(file), self.path(file));
        let first = self.path(earlier.file);
        let percent = earlier.percent;
        let folder = |p: &str| p.rsplit_once('/').map_or("", |(dir, _)| dir).to_owned();
        if earlier.requirement != self.requirement.get() {
            self.report_reused(name, path, earlier, out);
        } else if folder(first) == folder(path) {
            // The .docx and its .pdf kept side by side: one text, saved twice.
            out.push(Code::TextVersions, path, msg!("text-versions", name, first));
        } else {
            out.push(
                Code::ContentDuplicate,
                path,
                msg!("text-counted-once", name, first, percent),
            );
        }
    }

    /// Says that material `name` at `path` (a file, or a whole board) is another
    /// requirement's, which counted it first.
    pub fn report_reused(&self, name: &str, path: &str, earlier: Earlier, out: &mut Findings) {
        let (first, percent) = (self.path(earlier.file), earlier.percent);
        let other = self.requirement_name(earlier.requirement);
        let title = self.requirement_name(self.requirement.get());
        out.push(
            Code::TextReused,
            path,
            msg!("text-reused", name, other, first, percent, title),
        );
    }

    /// What a cover letter found in place of the material says: what it sends, and
    /// whether that was sent too (by another file than the letter itself).
    fn cover_letter(&self, letter: EntryId, title: &Msg, attachments: &[String]) -> Msg {
        let name = self.name(letter);
        let key = |s: &str| -> String {
            s.chars()
                .filter(|c| c.is_alphanumeric())
                .collect::<String>()
        };
        let files = self
            .material
            .files_under(self.sub, crate::intake::Submission::ROOT);
        let mut all_found = !attachments.is_empty();
        let mentioned: Vec<Msg> = attachments
            .iter()
            .map(|attachment| {
                let wanted = key(attachment);
                let found = files.iter().find(|&&f| {
                    let stem = key(self.sub.entry(f).stem());
                    stem.chars().count() >= 4
                        && !wanted.is_empty()
                        && (stem.contains(&wanted) || wanted.contains(&stem))
                        && f != letter
                });
                match found {
                    Some(&f) => {
                        let path = self.path(f);
                        msg!("cover-letter-attachment-found", attachment, path)
                    }
                    None => {
                        all_found = false;
                        msg!("cover-letter-attachment-missing", attachment)
                    }
                }
            })
            .collect();
        let more = if mentioned.is_empty() {
            msg!("empty")
        } else {
            let list = Msg::list(&mentioned);
            msg!("cover-letter-attachments", list)
        };
        if all_found {
            msg!("document-cover-letter-beside", name, title, more)
        } else {
            msg!("document-cover-letter", name, title, more)
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
                shot: image.camera.shot_at(),
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
