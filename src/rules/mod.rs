//! Rules: what a submission must contain, read from TOML and validated before any
//! submission is opened. Parsing (`raw`) and judging values (`validate`) are two
//! phases, so that every problem in the file is reported at once, each with its line.

mod raw;

use std::collections::HashMap;
use std::fmt;

use chrono::NaiveDate;
use regex::Regex;
use toml::Spanned;

use crate::codes::Code;
use crate::findings::Severity;
use crate::inspect::ReadOptions;
use crate::inspect::wordcount::CountMethod;
use raw::{RawKind, RawRequirement, RawRules};

/// The default rules for the 2020 notice, embedded so `baosong check DIR` needs no file.
pub const DEFAULT_RULES: &str = include_str!("../../rules.toml");

#[derive(Debug)]
pub struct Rules {
    pub name: String,
    /// Who receives the submissions; signs the replies.
    pub organizer: String,
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

impl Rules {
    /// The longest caption the boards rule allows (10 when there is no boards rule).
    pub fn max_caption(&self) -> u32 {
        self.requirements
            .iter()
            .find_map(|r| match &r.kind {
                Kind::Boards(b) => Some(b.max_caption),
                _ => None,
            })
            .unwrap_or(10)
    }
}

#[derive(Debug)]
pub struct Requirement {
    pub id: String,
    pub title: String,
    pub title_en: String,
    pub due: Option<NaiveDate>,
    pub keywords: Vec<String>,
    pub kind: Kind,
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

#[derive(Debug)]
pub enum Kind {
    Document(DocumentRule),
    Boards(BoardsRule),
    Entries(EntriesRule),
    Roster(RosterRule),
}

#[derive(Debug)]
pub struct DocumentRule {
    pub min_documents: u32,
}

#[derive(Debug)]
pub struct BoardsRule {
    pub min_boards: u32,
    pub min_text: u32,
    pub count: CountMethod,
    pub min_photos: u32,
    pub max_caption: u32,
    pub caption_count: CountMethod,
    pub min_long_edge: u32,
    pub device_name_patterns: Vec<Regex>,
}

#[derive(Debug)]
pub struct EntriesRule {
    pub min_entries: u32,
    /// Minimum 字数 of an entry's text, when set.
    pub min_text: Option<u32>,
    pub count: CountMethod,
    /// 字数 a headed part of a document needs to count as an entry of its own
    /// (several exemplars in one Word file).
    pub min_text_per_part: u32,
}

#[derive(Debug)]
pub struct RosterRule {
    pub min_people: u32,
    /// Header words of the name column, most preferred first ("姓名", "参会人员"...).
    pub name_headers: Vec<String>,
    /// Header words that mark a phone column.
    pub phone_columns: Vec<String>,
    /// Header words that mark a category (类别/身份) column.
    pub category_columns: Vec<String>,
    /// Categories expected among the attendees; empty: not checked.
    pub categories: Vec<String>,
}

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
    pub fn parse(source: &str, origin: &str) -> Result<Rules, RulesError> {
        let raw: RawRules = toml::from_str(source).map_err(|e| RulesError {
            origin: origin.to_owned(),
            problems: vec![(
                e.span().map_or(1, |s| line_of(source, s.start)),
                e.message().trim().to_owned(),
            )],
        })?;
        let mut problems = Vec::new();
        let rules = validate(raw, source, &mut problems);
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

    pub fn default_rules() -> Rules {
        Rules::parse(DEFAULT_RULES, "rules.toml").expect("the embedded rules.toml is valid")
    }
}

fn line_of(source: &str, offset: usize) -> usize {
    source
        .get(..offset)
        .unwrap_or(source)
        .bytes()
        .filter(|&b| b == b'\n')
        .count()
        + 1
}

fn validate(raw: RawRules, source: &str, problems: &mut Vec<(usize, String)>) -> Rules {
    let mut requirements: Vec<Requirement> = Vec::new();
    if raw.requirements.is_empty() {
        problems.push((1, "no [[requirement]] is defined".to_owned()));
    }
    for spanned in raw.requirements {
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
        if requirements.iter().any(|r| r.id == id) {
            problems.push((id_line, format!("id `{id}` is used twice")));
        }
        for (key, kinds) in req.kind_keys() {
            if !kinds.contains(&req.kind) {
                let names: Vec<&str> = kinds.iter().map(|k| kind_name(*k)).collect();
                problems.push((
                    line,
                    format!(
                        "requirement `{id}`: key `{key}` belongs to kind `{}`, not `{}`",
                        names.join("` or `"),
                        kind_name(req.kind)
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
        let kind = check.kind(&req);
        requirements.push(Requirement {
            title_en: req.title_en.clone().unwrap_or_else(|| req.title.clone()),
            title: req.title,
            id,
            due,
            keywords,
            kind,
        });
    }
    let submitters: Vec<String> = raw
        .submitters
        .as_ref()
        .map(|s| s.get_ref().iter().map(|n| n.trim().to_owned()).collect())
        .unwrap_or_default();
    if let Some(spanned) = &raw.submitters {
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
    for (city, list) in &raw.places {
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
    let mut check = Checker {
        source,
        problems: &mut *problems,
    };
    let evidence = check.evidence(&raw.evidence);
    let reading = ReadOptions {
        notes: raw.counting.notes.unwrap_or(true),
        headers_footers: raw.counting.headers_footers.unwrap_or(false),
        read_limit: u64::from(check.count(
            &raw.limits.read_mb,
            "read-mb",
            (crate::limits::MAX_PART_BYTES / 1024 / 1024) as u32,
        )) * 1024
            * 1024,
        pdf_seconds: u64::from(check.count(
            &raw.limits.pdf_seconds,
            "pdf-seconds",
            crate::limits::PDF_SECONDS as u32,
        )),
    };
    let severity = check.severities(&raw.severity);
    Rules {
        name: raw.name,
        evidence,
        severity,
        organizer: raw.organizer.unwrap_or_default(),
        submitters,
        places,
        ignore: raw.ignore,
        reading,
        requirements,
    }
}

fn kind_name(kind: RawKind) -> &'static str {
    match kind {
        RawKind::Document => "document",
        RawKind::Boards => "boards",
        RawKind::Entries => "entries",
        RawKind::Roster => "roster",
    }
}

struct Checker<'a> {
    source: &'a str,
    problems: &'a mut Vec<(usize, String)>,
}

impl Checker<'_> {
    fn line<T>(&self, v: &Spanned<T>) -> usize {
        line_of(self.source, v.span().start)
    }

    fn date(&mut self, value: &Spanned<toml::Value>) -> Option<NaiveDate> {
        let text = match value.get_ref() {
            toml::Value::Datetime(d) if d.time.is_none() && d.offset.is_none() => d.to_string(),
            toml::Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        let parsed = NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok();
        if parsed.is_none() {
            self.problems.push((
                self.line(value),
                format!("`due` must be a date like 2020-10-21, not {text}"),
            ));
        }
        parsed
    }

    fn keywords(&mut self, keywords: &Spanned<Vec<String>>) -> Vec<String> {
        let list: Vec<String> = keywords
            .get_ref()
            .iter()
            .map(|k| k.trim().to_owned())
            .collect();
        if list.is_empty() || list.iter().any(String::is_empty) {
            self.problems.push((
                self.line(keywords),
                "`keywords` must list at least one non-empty keyword".to_owned(),
            ));
        }
        list
    }

    /// A count with a default; zero is rejected since it would make the check vacuous.
    fn count(&mut self, value: &Option<Spanned<u32>>, key: &str, default: u32) -> u32 {
        match value {
            None => default,
            Some(v) if *v.get_ref() == 0 => {
                self.problems
                    .push((self.line(v), format!("`{key}` must be at least 1")));
                default
            }
            Some(v) => *v.get_ref(),
        }
    }

    fn kind(&mut self, req: &RawRequirement) -> Kind {
        match req.kind {
            RawKind::Document => Kind::Document(DocumentRule {
                min_documents: self.count(&req.min_documents, "min-documents", 1),
            }),
            RawKind::Boards => Kind::Boards(BoardsRule {
                min_boards: self.count(&req.min_boards, "min-boards", 2),
                min_text: self.count(&req.min_text, "min-text", 300),
                count: req.count.unwrap_or_default(),
                min_photos: self.count(&req.min_photos, "min-photos", 1),
                max_caption: self.count(&req.max_caption, "max-caption", 10),
                caption_count: req.caption_count.unwrap_or(CountMethod::CharsNoSpaces),
                min_long_edge: self.count(&req.min_long_edge, "min-long-edge", 1600),
                device_name_patterns: self.patterns(req.device_name_patterns.as_deref()),
            }),
            RawKind::Entries => Kind::Entries(EntriesRule {
                min_entries: self.count(&req.min_entries, "min-entries", 1),
                min_text: req.min_text.as_ref().map(|v| *v.get_ref()),
                count: req.count.unwrap_or_default(),
                min_text_per_part: self.count(&req.min_text_per_part, "min-text-per-part", 100),
            }),
            RawKind::Roster => Kind::Roster(RosterRule {
                min_people: self.count(&req.min_people, "min-people", 1),
                name_headers: self.name_headers(req),
                phone_columns: req
                    .phone_columns
                    .clone()
                    .unwrap_or_else(|| ["电话", "手机", "联系方式"].map(String::from).to_vec()),
                category_columns: req
                    .category_columns
                    .clone()
                    .unwrap_or_else(|| ["类别", "身份", "类型"].map(String::from).to_vec()),
                categories: req.categories.clone().unwrap_or_default(),
            }),
        }
    }

    /// `name-headers`, or the older single `name-column`; never empty.
    fn name_headers(&mut self, req: &RawRequirement) -> Vec<String> {
        let default = || {
            ["姓名", "参会人员", "人员", "代表"]
                .map(String::from)
                .to_vec()
        };
        match (&req.name_headers, &req.name_column) {
            (Some(headers), _) => {
                let words: Vec<String> = headers
                    .get_ref()
                    .iter()
                    .map(|w| w.trim().to_owned())
                    .filter(|w| !w.is_empty())
                    .collect();
                if words.is_empty() {
                    self.problems.push((
                        self.line(headers),
                        "`name-headers` must hold at least one header word".to_owned(),
                    ));
                    return default();
                }
                words
            }
            (None, Some(c)) if c.get_ref().trim().is_empty() => {
                self.problems
                    .push((self.line(c), "`name-column` must not be empty".to_owned()));
                default()
            }
            (None, Some(c)) => vec![c.get_ref().trim().to_owned()],
            (None, None) => default(),
        }
    }

    fn patterns(&mut self, patterns: Option<&[Spanned<String>]>) -> Vec<Regex> {
        let mut out = Vec::new();
        for p in patterns.unwrap_or_default() {
            match regex::RegexBuilder::new(p.get_ref())
                .case_insensitive(true)
                .build()
            {
                Ok(re) => out.push(re),
                Err(e) => self.problems.push((
                    self.line(p),
                    format!(
                        "pattern `{}` is not a valid regular expression: {e}",
                        p.get_ref()
                    ),
                )),
            }
        }
        out
    }

    fn evidence(&mut self, raw: &raw::RawEvidence) -> Evidence {
        let period = raw.activity_period.as_ref().and_then(|p| {
            let line = self.line(p);
            let days: Vec<Option<NaiveDate>> = p
                .get_ref()
                .iter()
                .map(|v| self.date(&Spanned::new(p.span(), v.clone())))
                .collect();
            match days.as_slice() {
                [Some(first), Some(last)] if first <= last => Some((*first, *last)),
                [_, _] => {
                    self.problems.push((
                        line,
                        "`activity-period` must be [first day, last day], in that order".to_owned(),
                    ));
                    None
                }
                _ => {
                    self.problems.push((
                        line,
                        "`activity-period` must hold exactly two dates".to_owned(),
                    ));
                    None
                }
            }
        });
        let similar_text = match &raw.similar_text {
            Some(v) if !(0.0..=1.0).contains(v.get_ref()) => {
                self.problems.push((
                    self.line(v),
                    "`similar-text` must be between 0 and 1".to_owned(),
                ));
                0.8
            }
            Some(v) => *v.get_ref(),
            None => 0.8,
        };
        let mail_limit_mb = self.count(&raw.mail_limit_mb, "mail-limit-mb", 50);
        Evidence {
            period,
            mail_limit: u64::from(mail_limit_mb) * 1024 * 1024,
            similar_text,
            placeholder_patterns: self.patterns(raw.placeholder_patterns.as_deref()),
            editor_software: raw
                .editor_software
                .iter()
                .flatten()
                .map(|s| s.to_lowercase())
                .collect(),
        }
    }

    fn severities(
        &mut self,
        raw: &std::collections::BTreeMap<String, Spanned<String>>,
    ) -> HashMap<Code, Option<Severity>> {
        let mut out = HashMap::new();
        for (code, level) in raw {
            let line = self.line(level);
            let Ok(parsed) = code.parse::<Code>() else {
                self.problems.push((
                    line,
                    format!("[severity]: `{code}` is not a finding code (see `baosong explain`)"),
                ));
                continue;
            };
            let severity = match level.get_ref().as_str() {
                "error" => Some(Severity::Error),
                "warning" => Some(Severity::Warning),
                "info" => Some(Severity::Info),
                "off" => None,
                other => {
                    self.problems.push((
                        line,
                        format!(
                            "[severity]: `{other}` must be \"error\", \"warning\", \"info\" or \"off\""
                        ),
                    ));
                    continue;
                }
            };
            out.insert(parsed, severity);
        }
        out
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
        let Kind::Boards(b) = &boards.kind else {
            panic!("boards is not of kind boards")
        };
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
