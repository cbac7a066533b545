//! Judging the values of a rules file, each problem with its line: the helpers every
//! part of the rules (and every requirement kind) validates its keys with.

use std::collections::HashMap;

use chrono::NaiveDate;
use regex::Regex;
use toml::Spanned;

use super::raw::RawRequirement;
use crate::codes::Code;
use crate::findings::Severity;

/// The line (from 1) of a byte offset.
pub fn line_of(source: &str, offset: usize) -> usize {
    source
        .get(..offset)
        .unwrap_or(source)
        .bytes()
        .filter(|&b| b == b'\n')
        .count()
        + 1
}

pub struct Checker<'a> {
    pub source: &'a str,
    pub problems: &'a mut Vec<(usize, String)>,
}

impl Checker<'_> {
    pub fn line<T>(&self, v: &Spanned<T>) -> usize {
        line_of(self.source, v.span().start)
    }

    pub fn date(&mut self, value: &Spanned<toml::Value>) -> Option<NaiveDate> {
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

    pub fn keywords(&mut self, keywords: &Spanned<Vec<String>>) -> Vec<String> {
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
    pub fn count(&mut self, value: &Option<Spanned<u32>>, key: &str, default: u32) -> u32 {
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

    /// `name-headers`, or the older single `name-column`; never empty.
    pub fn name_headers(&mut self, req: &RawRequirement) -> Vec<String> {
        let default = || crate::vocabulary::WORDS.roster.name_headers.clone();
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

    pub fn patterns(&mut self, patterns: Option<&[Spanned<String>]>) -> Vec<Regex> {
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

    /// `[addresses]`: each submitter's known mail addresses, in lower case, by
    /// submitter index. A key that is no submitter, a value that is no address, and an
    /// address listed for two submitters are problems naming the key.
    pub fn addresses(
        &mut self,
        submitters: &[String],
        raw: &std::collections::BTreeMap<String, Spanned<Vec<String>>>,
    ) -> Vec<(usize, String)> {
        let mut out: Vec<(usize, String)> = Vec::new();
        for (city, list) in raw {
            let line = self.line(list);
            let Some(i) = submitters.iter().position(|s| s == city) else {
                self.problems.push((
                    line,
                    format!("[addresses]: `{city}` is not among the submitters"),
                ));
                continue;
            };
            for address in list.get_ref() {
                let address = address.trim().to_lowercase();
                if !is_mail_address(&address) {
                    self.problems.push((
                        line,
                        format!("[addresses] `{city}`: `{address}` is not a mail address"),
                    ));
                } else if let Some((other, _)) = out.iter().find(|(_, a)| *a == address) {
                    if *other != i {
                        self.problems.push((
                            line,
                            format!(
                                "[addresses] `{city}`: `{address}` is listed for `{}` too",
                                submitters[*other]
                            ),
                        ));
                    }
                } else {
                    out.push((i, address));
                }
            }
        }
        out
    }

    pub fn severities(
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
            if parsed.is_integrity() {
                self.problems.push((
                    line,
                    format!(
                        "[severity]: `{code}` says material was not found, read, verified or counted; \
                         its effect on the verdict cannot be changed (only advisory codes can be tuned)"
                    ),
                ));
                continue;
            }
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

/// Whether a text is one mail address (`sy_sqjy@126.com`): a name, one `@`, a domain
/// with a dot, and no space or bracket.
fn is_mail_address(text: &str) -> bool {
    let Some((name, domain)) = text.split_once('@') else {
        return false;
    };
    let plain = |s: &str| {
        !s.is_empty()
            && !s.contains('@')
            && s.chars()
                .all(|c| c.is_ascii_graphic() && !"<>()[],;:\\\"".contains(c))
    };
    plain(name)
        && plain(domain)
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
}

#[cfg(test)]
mod tests {
    use crate::rules::Rules;

    const HEAD: &str = "name = \"t\"\nsubmitters = [\"沈阳市\", \"大连市\"]\n[[requirement]]\nid = \"plan\"\ntitle = \"方案\"\nkind = \"document\"\nkeywords = [\"方案\"]\n";

    fn problems(addresses: &str) -> Vec<(usize, String)> {
        Rules::parse(&format!("{HEAD}[addresses]\n{addresses}"), "t.toml")
            .expect_err("rules should be rejected")
            .problems
    }

    #[test]
    fn known_addresses_are_kept_in_lower_case_by_submitter() {
        let source = format!(
            "{HEAD}[addresses]\n\"沈阳市\" = [\"SY_sqjy@126.com\", \" shenyang@163.com \"]\n\"大连市\" = [\"dl@163.com\"]\n"
        );
        let rules = Rules::parse(&source, "t.toml").unwrap();
        assert_eq!(
            rules.addresses,
            [
                (1, "dl@163.com".to_owned()),
                (0, "sy_sqjy@126.com".to_owned()),
                (0, "shenyang@163.com".to_owned())
            ]
        );
        assert!(Rules::default_rules().addresses.is_empty());
    }

    #[test]
    fn a_stranger_a_non_address_and_a_shared_address_are_named_with_their_key() {
        let p = problems("\"北京市\" = [\"bj@163.com\"]\n");
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].0, 9, "{p:?}");
        assert!(
            p[0].1.contains("`北京市` is not among the submitters"),
            "{p:?}"
        );
        for bad in [
            "张老师",
            "sy@126",
            "sy 1@126.com",
            "<sy@126.com>",
            "@126.com",
        ] {
            let p = problems(&format!("\"沈阳市\" = [\"ok@126.com\", \"{bad}\"]\n"));
            assert_eq!(p.len(), 1, "{bad}: {p:?}");
            assert!(
                p[0].1.contains("`沈阳市`") && p[0].1.contains("is not a mail address"),
                "{p:?}"
            );
        }
        let p = problems("\"沈阳市\" = [\"Same@163.com\"]\n\"大连市\" = [\"same@163.com\"]\n");
        assert_eq!(p.len(), 1, "{p:?}");
        assert!(
            p[0].1.contains("`沈阳市`") && p[0].1.contains("`大连市`"),
            "{p:?}"
        );
        assert!(p[0].1.contains("same@163.com"), "{p:?}");
    }
}
