//! The message catalogue (`locales/*.ftl`) against the code that uses it: both languages
//! hold the same messages with the same arguments, every code has its explanation, every
//! message the code names exists and is given exactly the arguments it uses, and no
//! message sits unused.

mod common;

use baosong::codes::Code;
use baosong::messages::{EN_FTL, ZH_FTL};
use fluent_bundle::FluentResource;
use regex::Regex;
use std::collections::{BTreeMap, BTreeSet};

type Catalogue = BTreeMap<String, BTreeSet<String>>;

/// Message id → the variables its text uses.
fn catalogue(source: &str, name: &str) -> Catalogue {
    if let Err((_, errors)) = FluentResource::try_new(source.to_owned()) {
        panic!("{name} does not parse: {errors:?}");
    }
    let id = Regex::new(r"^([a-zA-Z][a-zA-Z0-9_-]*) =").unwrap();
    let var = Regex::new(r"\{\s*\$([a-zA-Z][a-zA-Z0-9_-]*)\s*\}").unwrap();
    let mut out = Catalogue::new();
    let mut current = None;
    for line in source.lines() {
        if let Some(m) = id.captures(line) {
            let key = m[1].to_owned();
            assert!(!out.contains_key(&key), "{name}: {key} twice");
            out.insert(key.clone(), BTreeSet::new());
            current = Some(key);
        }
        if let Some(key) = &current {
            let vars = out.get_mut(key).unwrap();
            vars.extend(var.captures_iter(line).map(|c| c[1].to_owned()));
        }
    }
    out
}

/// Every `msg!("id", a, b = …)` and `tr!(lang, "id", …)` in `src/`: (file, id, args).
fn uses() -> Vec<(String, String, BTreeSet<String>)> {
    let mut out = Vec::new();
    for (file, text) in common::rust_sources() {
        let code: Vec<&str> = text
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect();
        for (id, args) in calls(&code.join("\n")) {
            out.push((file.clone(), id, args));
        }
    }
    out
}

fn calls(text: &str) -> Vec<(String, BTreeSet<String>)> {
    let start = Regex::new(r#"\b(msg|tr)!\(\s*(?:[^,()"]+,\s*)?"([a-z0-9-]+)""#).unwrap();
    let mut out = Vec::new();
    for m in start.captures_iter(text) {
        if m[1].eq("tr") && !m[0].contains(',') {
            continue;
        }
        let rest = &text[m.get(0).unwrap().end()..];
        let mut args = BTreeSet::new();
        let (mut depth, mut in_str, mut arg) = (0i32, false, String::new());
        let mut prev = ' ';
        for c in rest.chars() {
            if in_str {
                in_str = !(c == '"' && prev != '\\');
            } else if c == '"' {
                in_str = true;
            } else if "([{".contains(c) {
                depth += 1;
            } else if ")]}".contains(c) || (c == ',' && depth == 0) {
                if depth == 0 {
                    let name: String = arg
                        .trim()
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect();
                    if !name.is_empty() {
                        args.insert(name.replace('_', "-"));
                    }
                    arg.clear();
                    if c == ')' {
                        break;
                    }
                    prev = c;
                    continue;
                }
                if c != ',' {
                    depth -= 1;
                }
            }
            if depth == 0 && !in_str {
                arg.push(c);
            }
            prev = c;
        }
        out.push((m[2].to_owned(), args));
    }
    out
}

#[test]
fn both_languages_hold_the_same_messages_with_the_same_arguments() {
    let zh = catalogue(ZH_FTL, "zh.ftl");
    let en = catalogue(EN_FTL, "en.ftl");
    let zh_ids: BTreeSet<_> = zh.keys().collect();
    let en_ids: BTreeSet<_> = en.keys().collect();
    assert_eq!(zh_ids, en_ids, "zh.ftl and en.ftl name different messages");
    let differ: Vec<_> = zh
        .iter()
        .filter(|(id, vars)| en[*id] != **vars)
        .map(|(id, vars)| format!("{id}: zh {vars:?}, en {:?}", en[id]))
        .collect();
    assert!(
        differ.is_empty(),
        "arguments differ:\n{}",
        differ.join("\n")
    );
}

#[test]
fn every_code_is_explained_with_only_the_configured_values() {
    let zh = catalogue(ZH_FTL, "zh.ftl");
    let allowed: BTreeSet<String> = ["max-caption", "read-mb"].map(String::from).into();
    for code in Code::ALL {
        let id = format!("explain-{code}");
        let vars = zh
            .get(&id)
            .unwrap_or_else(|| panic!("{code} has no explanation"));
        assert!(vars.is_subset(&allowed), "{id} uses {vars:?}");
    }
}

#[test]
fn every_message_used_exists_with_exactly_its_arguments_and_none_is_unused() {
    let zh = catalogue(ZH_FTL, "zh.ftl");
    let uses = uses();
    assert!(uses.len() > 100, "only {} uses found", uses.len());
    let mut wrong = Vec::new();
    for (file, id, args) in &uses {
        match zh.get(id) {
            None => wrong.push(format!("{file}: {id} is not in the catalogue")),
            Some(vars) if vars != args => {
                wrong.push(format!("{file}: {id} is given {args:?} but uses {vars:?}"))
            }
            Some(_) => {}
        }
    }
    let used: BTreeSet<&str> = uses.iter().map(|(_, id, _)| id.as_str()).collect();
    for id in zh.keys() {
        let derived = ["explain-", "severity-", "sep-"]
            .iter()
            .any(|p| id.starts_with(p));
        if !derived && !used.contains(id.as_str()) {
            wrong.push(format!("{id} is never used"));
        }
    }
    assert!(wrong.is_empty(), "\n{}", wrong.join("\n"));
}

#[test]
fn the_call_parser_sees_names_and_shorthand() {
    let found = calls(r#"x(msg!("a-b", name, n = f(1, 2), s = "x,y")); tr!(lang, "c")"#);
    let names = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<BTreeSet<_>>();
    assert_eq!(
        found,
        [
            ("a-b".to_owned(), names(&["name", "n", "s"])),
            ("c".to_owned(), names(&[]))
        ]
    );
}
