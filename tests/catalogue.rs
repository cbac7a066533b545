//! The message catalogue (`locales/*.ftl`) against the code that uses it: both languages
//! hold the same messages with the same arguments, every code has its explanation, every
//! message the code names exists and is given exactly the arguments it uses, and no
//! message sits unused.

mod common;

use baosong::codes::Code;
use baosong::findings::Lang;
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
fn every_code_has_a_short_label_in_words() {
    let (zh, en) = (catalogue(ZH_FTL, "zh.ftl"), catalogue(EN_FTL, "en.ftl"));
    for code in Code::ALL {
        let id = format!("label-{code}");
        assert!(
            zh.contains_key(&id) && en.contains_key(&id),
            "{code} has no label"
        );
        for lang in [Lang::Zh, Lang::En] {
            let label = code.label(lang);
            assert!(!label.is_empty() && label != code.as_str(), "{id}: {label}");
            assert!(label.chars().count() <= 32, "{id} is long: {label}");
        }
        assert!(!code.label(Lang::Zh).is_ascii(), "{id} is not in Chinese");
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
        let derived = ["explain-", "label-", "severity-", "sep-"]
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

/// Message id → its text as written (continuation lines joined with a newline).
fn texts(source: &str) -> BTreeMap<String, String> {
    let id = Regex::new(r"^([a-zA-Z][a-zA-Z0-9_-]*) =(.*)$").unwrap();
    let mut out = BTreeMap::new();
    let mut current: Option<String> = None;
    for line in source.lines() {
        if let Some(m) = id.captures(line) {
            out.insert(m[1].to_owned(), m[2].to_owned());
            current = Some(m[1].to_owned());
        } else if line.starts_with(' ') || line.starts_with('\t') {
            if let Some(key) = &current {
                let text: &mut String = out.get_mut(key).unwrap();
                text.push('\n');
                text.push_str(line);
            }
        } else {
            current = None;
        }
    }
    out
}

/// What a reader sees of a message, give or take the values: variables, select
/// headers and variant keys removed, string literals unquoted.
fn visible(text: &str) -> String {
    let var = Regex::new(r"\{\s*\$[a-zA-Z][a-zA-Z0-9_-]*\s*\}").unwrap();
    let select = Regex::new(r"\{\s*\$[a-zA-Z][a-zA-Z0-9_-]*\s*->").unwrap();
    let key = Regex::new(r"(?m)^\s*\*?\[[a-zA-Z0-9_-]+\]").unwrap();
    let literal = Regex::new(r#"\{\s*"((?:[^"\\]|\\.)*)"\s*\}"#).unwrap();
    let text = var.replace_all(text, " ");
    let text = select.replace_all(&text, " ");
    let text = key.replace_all(&text, " ");
    literal.replace_all(&text, "$1").into_owned()
}

/// The ids of the messages a user reads as a finding or an explanation: every
/// `explain-*` and every id given to `msg!` in `src/`.
fn read_by_users(zh: &BTreeMap<String, String>) -> BTreeSet<String> {
    let msg = Regex::new(r#"\bmsg!\(\s*"([a-z0-9-]+)""#).unwrap();
    let mut ids: BTreeSet<String> = zh
        .keys()
        .filter(|id| id.starts_with("explain-"))
        .cloned()
        .collect();
    for text in common::rust_sources().values() {
        let code: Vec<&str> = text
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect();
        ids.extend(msg.captures_iter(&code.join("\n")).map(|c| c[1].to_owned()));
    }
    ids
}

/// Command-line flags and the names of baosong's configuration: what an office worker
/// has never seen and cannot act on.
fn technical(text: &str) -> Vec<String> {
    let flag = Regex::new(r"(?:^|[^A-Za-z0-9-])(--[a-z][a-z0-9-]*)").unwrap();
    let mut out: Vec<String> = flag.captures_iter(text).map(|c| c[1].to_owned()).collect();
    for key in [
        "rules.toml",
        "[limits]",
        "read-mb",
        "min-text",
        "max-caption",
        "pdf-seconds",
        "规则文件",
        // programmers' words for what an office worker sees otherwise
        "../",
        "压缩炸弹",
        "盘符",
        "权限",
        "维护人员",
        "文件头",
        "数据块",
        "文字层",
        "解码",
        "解析",
        "共享字符串",
    ] {
        if text.contains(key) {
            out.push(key.to_owned());
        }
    }
    out
}

/// Names a city office worker knows, separated by spaces, compared without regard to
/// case: programs, systems and devices; formats and the extensions Explorer shows; sizes;
/// words as Windows, Notepad and the iPhone show them ("压缩(zipped)文件夹", "UTF-8",
/// "传输到 Mac 或 PC"); a template placeholder ("XX市"); system debris by name; and the
/// mail services as 126/163/QQ's settings page names them ("POP3/SMTP/IMAP服务").
const KNOWN_NAMES: &str = "\
    baosong Word WPS Excel PowerPoint Office Windows iPhone Pages \
    JPG JPEG PNG GIF BMP WebP HEIC PDF ZIP RAR CSV RTF MP4 MOV AVI WMV FLV MKV MPEG TS MTS \
    M2TS MPG VOB RM RMVB F4V QLV QSV KUX MHT docx doc xlsx xls et pptx ppt txt odt \
    KB MB GB \
    zipped UTF Mac PC \
    XX \
    Thumbs db MACOSX \
    IMAP POP3 SMTP";

/// ASCII words (two letters or more) that are not names an office worker knows.
fn foreign_words(text: &str) -> Vec<String> {
    let word = Regex::new(r"[A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*").unwrap();
    let known: BTreeSet<String> = KNOWN_NAMES
        .split_whitespace()
        .map(str::to_lowercase)
        .collect();
    word.find_iter(text)
        .map(|m| m.as_str())
        .filter(|w| w.chars().filter(char::is_ascii_alphabetic).count() >= 2)
        .filter(|w| !known.contains(&w.to_lowercase()))
        .map(str::to_owned)
        .collect()
}

#[test]
fn findings_and_explanations_speak_to_office_staff() {
    let zh = texts(ZH_FTL);
    let en = texts(EN_FTL);
    let ids = read_by_users(&zh);
    assert!(ids.len() > 300, "only {} messages found", ids.len());
    let mut wrong = Vec::new();
    for id in &ids {
        let Some(text) = zh.get(id) else { continue };
        let seen = visible(text);
        let mut bad = technical(&seen);
        bad.extend(foreign_words(&seen));
        if !bad.is_empty() {
            wrong.push(format!("zh {id}: {} — {}", bad.join(", "), text.trim()));
        }
        if let Some(text) = en.get(id) {
            let bad = technical(&visible(text));
            if !bad.is_empty() {
                wrong.push(format!("en {id}: {} — {}", bad.join(", "), text.trim()));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{} messages speak in flags, settings or foreign words:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

#[test]
fn the_reader_check_sees_through_placeables() {
    let seen = visible("照片说明不超过 { $max-caption } 字{ \"。\" }");
    assert!(technical(&seen).is_empty(), "{seen}");
    assert!(foreign_words(&seen).is_empty(), "{seen}");
    assert_eq!(technical("加上 --deep"), ["--deep"]);
    assert_eq!(technical("规则文件 [limits] read-mb").len(), 3);
    assert_eq!(foreign_words("缺少 EXIF，另存为 .docx 或 MP4"), ["EXIF"]);
}
