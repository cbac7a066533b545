//! Rules: what a submission must contain, read from TOML and validated before any
//! submission is opened. Parsing (`raw`) and judging values (`validate`) are two
//! phases, so that every problem in the file is reported at once, each with its line.

pub mod checker;
pub mod kind;
pub mod raw;

use std::collections::HashMap;
use std::fmt;

use chrono::NaiveDate;
use regex::Regex;

use crate::codes::Code;
use crate::findings::Severity;
use crate::inspect::ReadOptions;
use checker::{Checker, line_of};
use raw::RawRules;

pub use kind::{KindSpec, Rule};

/// The default rules for the 2020 notice, embedded so `baosong check DIR` needs no file.
pub const DEFAULT_RULES: &str = include_str!("../../rules.toml");

#[derive(Debug)]
pub struct Rules {
    pub name: String,
    /// The year the material is for (2020): a plan or summary titled with another
    /// year is last year's, not this one's.
    pub year: Option<i32>,
    /// Who receives the submissions; signs the replies.
    pub organizer: String,
    /// The notice the rules are for, title and number ("《关于…的通知》（辽社指〔2020〕11号）");
    /// empty when the rules name none.
    pub notice: String,
    /// The organizer's contact person and phone, closing every letter.
    pub contact: String,
    /// Each submitter's contact person and phone, by submitter index.
    pub contacts: Vec<(usize, String)>,
    /// (submitter index, mail address in lower case): the addresses each submitter is
    /// known to send from (`[addresses]`), so that a mail from one is that submitter's.
    pub addresses: Vec<(usize, String)>,
    /// Who is expected to submit (the 14 cities); empty when not listed.
    pub submitters: Vec<String>,
    /// (submitter index, place name): districts, counties and county-level cities, so
    /// that "和平区社区学院" is 沈阳市's.
    pub places: Vec<(usize, String)>,
    /// Globs of inbox entries that are no one's submission (`ignore`, `--exclude`).
    pub ignore: Vec<String>,
    /// Which parts of a document count toward its 字数, and the read limits.
    pub reading: ReadOptions,
    pub evidence: Evidence,
    /// Severity overrides from `[severity]`; `None` turns a code off.
    pub severity: HashMap<Code, Option<Severity>>,
    pub requirements: Vec<Requirement>,
}

#[derive(Debug)]
pub struct Requirement {
    pub id: String,
    pub title: String,
    pub title_en: String,
    /// The requirement in a word or two, for the city matrix's column header.
    pub short: String,
    pub due: Option<NaiveDate>,
    pub keywords: Vec<String>,
    pub kind: Box<dyn Rule>,
}

impl Requirement {
    pub fn title(&self, lang: crate::findings::Lang) -> &str {
        match lang {
            crate::findings::Lang::Zh => &self.title,
            crate::findings::Lang::En => &self.title_en,
        }
    }

    /// The title in both languages, for a message.
    pub fn name(&self) -> crate::findings::Msg {
        crate::findings::Msg::new(&self.title, &self.title_en)
    }
}

/// Share of shared shingles above which two texts are taken as nearly the same, when
/// `[evidence] similar-text` does not say.
const DEFAULT_SIMILAR_TEXT: f64 = 0.8;

/// Parameters of the evidence checks (`[evidence]`).
#[derive(Debug)]
pub struct Evidence {
    /// First and last day in which photos of the week were taken.
    pub period: Option<(NaiveDate, NaiveDate)>,
    /// Mail attachment limit, in bytes.
    pub mail_limit: u64,
    /// Share of shared 4-character shingles above which two texts are nearly the same.
    pub similar_text: f64,
    pub placeholder_patterns: Vec<Regex>,
    /// EXIF Software values (lower case) that name an editor or beautifier.
    pub editor_software: Vec<String>,
}

/// Everything wrong with a rules file, each problem with its line.
#[derive(Debug)]
pub struct RulesError {
    pub origin: String,
    pub problems: Vec<(usize, String)>,
}

impl fmt::Display for RulesError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid rules in {}:", self.origin)?;
        for (line, problem) in &self.problems {
            write!(f, "\n  {}:{line}: {problem}", self.origin)?;
        }
        Ok(())
    }
}

impl std::error::Error for RulesError {}

impl Rules {
    /// Parses and validates rules; `origin` names the file in messages.
    ///
    /// `kinds` is the registry of requirement kinds (`crate::kinds::KINDS`; what
    /// `Rules::parse` passes).
    pub fn parse_with(source: &str, origin: &str, kinds: &[KindSpec]) -> Result<Rules, RulesError> {
        let raw: RawRules = toml::from_str(source).map_err(|e| RulesError {
            origin: origin.to_owned(),
            problems: vec![(
                e.span().map_or(1, |s| line_of(source, s.start)),
                e.message().trim().to_owned(),
            )],
        })?;
        let mut problems = Vec::new();
        let rules = validate(raw, source, kinds, &mut problems);
        if problems.is_empty() {
            Ok(rules)
        } else {
            problems.sort_by_key(|(line, _)| *line);
            Err(RulesError {
                origin: origin.to_owned(),
                problems,
            })
        }
    }
}

fn validate(
    raw: RawRules,
    source: &str,
    kinds: &[KindSpec],
    problems: &mut Vec<(usize, String)>,
) -> Rules {
    let mut requirements: Vec<Requirement> = Vec::new();
    if raw.requirements.is_empty() {
        problems.push((1, "no [[requirement]] is defined".to_owned()));
    }
    for spanned in raw.requirements {
        if let Some(req) = requirement(spanned, &requirements, (source, kinds), problems) {
            requirements.push(req);
        }
    }
    let (submitters, places) = submitters(&raw.submitters, &raw.places, source, problems);
    let contacts = contacts(&submitters, &raw.contacts, source, problems);
    let mut check = Checker {
        source,
        problems: &mut *problems,
    };
    let addresses = check.addresses(&submitters, &raw.addresses);
    let evidence = evidence(&mut check, &raw.evidence);
    let reading = reading(&mut check, &raw.counting, &raw.limits);
    let severity = check.severities(&raw.severity);
    let year = match &raw.year {
        Some(y) if !(2000..=2100).contains(y.get_ref()) => {
            let line = check.line(y);
            check
                .problems
                .push((line, "`year` must be a year such as 2020".to_owned()));
            None
        }
        Some(y) => Some(*y.get_ref()),
        None => requirements
            .iter()
            .filter_map(|r| r.due)
            .min()
            .map(|d| chrono::Datelike::year(&d)),
    };
    Rules {
        name: raw.name,
        year,
        evidence,
        severity,
        organizer: raw.organizer.unwrap_or_default(),
        notice: raw.notice.unwrap_or_default(),
        contact: raw.contact.unwrap_or_default(),
        contacts,
        addresses,
        submitters,
        places,
        ignore: raw.ignore,
        reading,
        requirements,
    }
}

/// One `[[requirement]]`, checked against those before it; None when its kind is
/// unknown.
fn requirement(
    spanned: toml::Spanned<raw::RawRequirement>,
    before: &[Requirement],
    (source, kinds): (&str, &[KindSpec]),
    problems: &mut Vec<(usize, String)>,
) -> Option<Requirement> {
    let line = line_of(source, spanned.span().start);
    let req = spanned.into_inner();
    let id_line = line_of(source, req.id.span().start);
    let id = req.id.get_ref().clone();
    if id.is_empty() || !id.chars().all(|c| c.is_ascii_lowercase() || c == '-') {
        problems.push((
            id_line,
            format!("id `{id}` must be lower-case letters and dashes"),
        ));
    }
    if before.iter().any(|r| r.id == id) {
        problems.push((id_line, format!("id `{id}` is used twice")));
    }
    let kind_name = req.kind.get_ref().as_str();
    let spec = kinds.iter().find(|k| k.name == kind_name);
    for key in req.kind_keys() {
        if spec.is_some_and(|spec| !spec.keys.contains(&key)) {
            let owners: Vec<&str> = (kinds.iter())
                .filter(|k| k.keys.contains(&key))
                .map(|k| k.name)
                .collect();
            problems.push((
                line,
                format!(
                    "requirement `{id}`: key `{key}` belongs to kind `{}`, not `{kind_name}`",
                    owners.join("` or `"),
                ),
            ));
        }
    }
    let mut check = Checker {
        source,
        problems: &mut *problems,
    };
    let due = req.due.as_ref().and_then(|d| check.date(d));
    let keywords = check.keywords(&req.keywords);
    let Some(kind) = spec.map(|spec| (spec.parse)(&req, &mut check)) else {
        let names: Vec<&str> = kinds.iter().map(|k| k.name).collect();
        problems.push((
            line_of(source, req.kind.span().start),
            format!("kind `{kind_name}` is not one of `{}`", names.join("`, `")),
        ));
        return None;
    };
    let short = req
        .short
        .clone()
        .or_else(|| keywords.first().cloned())
        .unwrap_or_else(|| req.title.clone());
    Some(Requirement {
        short,
        title_en: req.title_en.clone().unwrap_or_else(|| req.title.clone()),
        title: req.title,
        id,
        due,
        keywords,
        kind,
    })
}

/// The expected submitters, and the places within each (by submitter index).
fn submitters(
    raw: &Option<toml::Spanned<Vec<String>>>,
    raw_places: &std::collections::BTreeMap<String, toml::Spanned<Vec<String>>>,
    source: &str,
    problems: &mut Vec<(usize, String)>,
) -> (Vec<String>, Vec<(usize, String)>) {
    let submitters: Vec<String> = raw
        .as_ref()
        .map(|s| s.get_ref().iter().map(|n| n.trim().to_owned()).collect())
        .unwrap_or_default();
    if let Some(spanned) = raw {
        let line = line_of(source, spanned.span().start);
        for (i, name) in submitters.iter().enumerate() {
            if name.is_empty() {
                problems.push((line, "`submitters` must not hold an empty name".to_owned()));
            } else if submitters[..i].contains(name) {
                problems.push((line, format!("submitter `{name}` is listed twice")));
            }
        }
    }
    let mut places = Vec::new();
    for (city, list) in raw_places {
        match submitters.iter().position(|s| s == city) {
            Some(i) => places.extend(
                list.get_ref()
                    .iter()
                    .map(|p| p.trim())
                    .filter(|p| !p.is_empty())
                    .map(|p| (i, p.to_owned())),
            ),
            None => problems.push((
                line_of(source, list.span().start),
                format!("`places` names `{city}`, which is not among the submitters"),
            )),
        }
    }
    (submitters, places)
}

/// `[contacts]`: each submitter's contact person, by submitter index.
fn contacts(
    submitters: &[String],
    raw: &std::collections::BTreeMap<String, toml::Spanned<String>>,
    source: &str,
    problems: &mut Vec<(usize, String)>,
) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (city, contact) in raw {
        match submitters.iter().position(|s| s == city) {
            Some(i) => out.push((i, contact.get_ref().trim().to_owned())),
            None => problems.push((
                line_of(source, contact.span().start),
                format!("`contacts` names `{city}`, which is not among the submitters"),
            )),
        }
    }
    out
}

/// `[counting]` and `[limits]`: how files are read.
fn reading(
    check: &mut Checker,
    counting: &raw::RawCounting,
    limits: &raw::RawLimits,
) -> ReadOptions {
    // The defaults are the readers' own (see `ReadOptions::default`).
    let default = ReadOptions::default();
    let default_mb = (default.read_limit / 1024 / 1024) as u32;
    let read_mb = check.count(&limits.read_mb, "read-mb", default_mb);
    let (pdf, mb, seconds) = (
        default.pdf_seconds,
        default.reader_mb,
        default.reader_seconds,
    );
    let pdf_seconds = check.count(&limits.pdf_seconds, "pdf-seconds", pdf as u32);
    let reader_mb = check.count(&limits.reader_mb, "reader-mb", mb as u32);
    let reader_seconds = check.count(&limits.reader_seconds, "reader-seconds", seconds as u32);
    ReadOptions {
        notes: counting.notes.unwrap_or(default.notes),
        headers_footers: counting.headers_footers.unwrap_or(default.headers_footers),
        read_limit: u64::from(read_mb) * 1024 * 1024,
        pdf_seconds: u64::from(pdf_seconds),
        reader_mb: u64::from(reader_mb),
        reader_seconds: u64::from(reader_seconds),
    }
}

/// `[evidence]`, with its defaults.
fn evidence(check: &mut Checker, raw: &raw::RawEvidence) -> Evidence {
    let period = raw.activity_period.as_ref().and_then(|p| {
        let line = check.line(p);
        let days: Vec<Option<NaiveDate>> = p
            .get_ref()
            .iter()
            .map(|v| check.date(&toml::Spanned::new(p.span(), v.clone())))
            .collect();
        match days.as_slice() {
            [Some(first), Some(last)] if first <= last => Some((*first, *last)),
            [_, _] => {
                check.problems.push((
                    line,
                    "`activity-period` must be [first day, last day], in that order".to_owned(),
                ));
                None
            }
            _ => {
                check.problems.push((
                    line,
                    "`activity-period` must hold exactly two dates".to_owned(),
                ));
                None
            }
        }
    });
    let similar_text = match &raw.similar_text {
        Some(v) if !(0.0..=1.0).contains(v.get_ref()) => {
            check.problems.push((
                check.line(v),
                "`similar-text` must be between 0 and 1".to_owned(),
            ));
            DEFAULT_SIMILAR_TEXT
        }
        Some(v) => *v.get_ref(),
        None => DEFAULT_SIMILAR_TEXT,
    };
    let mail_limit_mb = check.count(&raw.mail_limit_mb, "mail-limit-mb", 50);
    Evidence {
        period,
        mail_limit: u64::from(mail_limit_mb) * 1024 * 1024,
        similar_text,
        placeholder_patterns: check.patterns(raw.placeholder_patterns.as_deref()),
        editor_software: raw
            .editor_software
            .iter()
            .flatten()
            .map(|s| s.to_lowercase())
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_rules_hold_the_notice_requirements() {
        let rules = Rules::default_rules();
        let ids: Vec<&str> = rules.requirements.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "plan",
                "boards",
                "cases",
                "exemplars",
                "attendees",
                "summary"
            ]
        );
        let boards = &rules.requirements[1];
        assert_eq!(boards.due, NaiveDate::from_ymd_opt(2020, 10, 21));
        let b =
            (boards.rule::<crate::kinds::boards::BoardsRule>()).expect("boards is of kind boards");
        assert_eq!((b.min_boards, b.min_text, b.max_caption), (2, 300, 10));
        assert!(rules.requirements[4].due.is_none());
    }

    fn problems(source: &str) -> Vec<(usize, String)> {
        Rules::parse(source, "test.toml")
            .expect_err("rules should be rejected")
            .problems
    }

    const HEAD: &str = "name = \"t\"\n[[requirement]]\nid = \"plan\"\ntitle = \"方案\"\nkind = \"document\"\nkeywords = [\"方案\"]\n";

    #[test]
    fn an_unknown_kind_and_another_kind_s_key_are_named_with_their_lines() {
        let p = problems(&HEAD.replace("kind = \"document\"", "kind = \"documents\""));
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].0, 5);
        assert!(
            p[0].1
                .contains("`documents` is not one of `document`, `boards`"),
            "{p:?}"
        );
        let p = problems(&format!("{HEAD}min-boards = 2\n"));
        assert!(
            p[0].1
                .contains("`min-boards` belongs to kind `boards`, not `document`"),
            "{p:?}"
        );
    }

    #[test]
    fn stray_key_is_rejected_with_its_line() {
        let p = problems(&format!("{HEAD}min-documentz = 2\n"));
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].0, 7);
        assert!(p[0].1.contains("min-documentz"), "{p:?}");
    }

    #[test]
    fn stray_top_level_key_is_rejected() {
        let p = problems(&format!("nmae = 1\n{HEAD}"));
        assert_eq!(p[0].0, 1);
        assert!(p[0].1.contains("nmae"), "{p:?}");
    }

    #[test]
    fn wrong_type_and_bad_date_name_their_lines() {
        let p = problems(&format!("{HEAD}min-documents = \"two\"\n"));
        assert_eq!(p[0].0, 7, "{p:?}");
        let p = problems(&format!("{HEAD}due = 2020-13-45\n"));
        assert_eq!(p[0].0, 7, "{p:?}");
        let p = problems(&format!("{HEAD}due = \"10月21日\"\n"));
        assert_eq!(p[0].0, 7, "{p:?}");
        assert!(p[0].1.contains("date"), "{p:?}");
    }

    #[test]
    fn string_dates_are_accepted() {
        let rules = Rules::parse(&format!("{HEAD}due = \"2020-10-21\"\n"), "t").unwrap();
        assert_eq!(
            rules.requirements[0].due,
            NaiveDate::from_ymd_opt(2020, 10, 21)
        );
    }

    #[test]
    fn key_of_another_kind_and_every_problem_are_reported() {
        let source = format!(
            "{HEAD}min-boards = 3\nmin-documents = 0\n[[requirement]]\nid = \"plan\"\ntitle = \"x\"\nkind = \"boards\"\nkeywords = []\ndevice-name-patterns = [\"(\"]\n"
        );
        let p = problems(&source);
        let text = format!("{p:?}");
        assert!(text.contains("min-boards"), "{text}");
        assert!(text.contains("min-documents"), "{text}");
        assert!(text.contains("used twice"), "{text}");
        assert!(text.contains("keywords"), "{text}");
        assert!(text.contains("regular expression"), "{text}");
        assert!(p.iter().any(|(line, _)| *line == 8), "{text}");
        assert!(p.iter().any(|(line, _)| *line == 14), "{text}");
    }

    #[test]
    fn unknown_kind_is_rejected() {
        let p = problems(&HEAD.replace("\"document\"", "\"documents\""));
        assert_eq!(p[0].0, 5, "{p:?}");
    }
}
