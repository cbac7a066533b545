//! The shape of the code, measured from the source (issues 12 and 22): no import
//! circle between files, top-level modules in layers with no circle and no edge up
//! (re-exports, macro calls and a parent's use of its children counted), no edge
//! against the flow, no function over 80 lines, no file
//! over 450 lines before its tests, at most 20 Chinese string literals in the logic
//! (words live in `locales/` and `src/vocabulary.toml`), and clap only in the binary.

mod common;

use regex::Regex;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

const MAX_FN_LINES: usize = 80;
const MAX_FILE_LINES: usize = 450;
const MAX_CHINESE_LITERALS: usize = 20;

/// Every `.rs` file under `src/`, relative (`check/mod.rs`), with its text up to its
/// `#[cfg(test)]` module.
fn sources() -> BTreeMap<String, String> {
    common::rust_sources()
        .into_iter()
        .map(|(file, text)| {
            let logic = match text.find("\n#[cfg(test)]") {
                Some(i) => text[..i].to_owned(),
                None => text,
            };
            (file, logic)
        })
        .collect()
}

/// Lines of code, without comments.
fn code_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines().filter(|l| !l.trim_start().starts_with("//"))
}

/// The module path of a file: `check/mod.rs` -> ["check"], `kinds/boards/check.rs` ->
/// ["kinds", "boards", "check"].
fn module_of(file: &str) -> Vec<String> {
    let mut parts: Vec<String> = file
        .trim_end_matches(".rs")
        .split('/')
        .map(String::from)
        .collect();
    if parts.last().is_some_and(|p| p == "mod" || p == "lib") {
        parts.pop();
    }
    parts
}

/// The file a module path lives in, taking the longest prefix that is a file.
fn file_of(path: &[String], files: &BTreeMap<Vec<String>, String>) -> Option<String> {
    (0..=path.len())
        .rev()
        .find_map(|n| files.get(&path[..n]).cloned())
}

/// The paths one file names: `use` trees (braces expanded) and `crate::a::b` paths in
/// code, as module paths from the crate root.
fn named_paths(file: &str, text: &str) -> Vec<Vec<String>> {
    let module = module_of(file);
    let resolve = |path: &str| -> Option<Vec<String>> {
        let mut parts = path.split("::").map(|p| p.trim().to_owned());
        let head = parts.next()?;
        let mut base = match head.as_str() {
            "crate" | "$crate" => Vec::new(),
            "super" => module[..module.len().saturating_sub(1)].to_vec(),
            "self" => module.clone(),
            _ => return None,
        };
        for p in parts {
            if p == "super" {
                base.pop();
            } else if p != "self" && !p.is_empty() {
                base.push(p);
            }
        }
        Some(base)
    };
    let mut out = Vec::new();
    let code: String = code_lines(text).collect::<Vec<_>>().join("\n");
    let uses = Regex::new(r"(?s)\buse\s+([^;]+);").unwrap();
    for m in uses.captures_iter(&code) {
        for path in expand_use(&m[1].replace(char::is_whitespace, "")) {
            out.extend(resolve(&path));
        }
    }
    let inline = Regex::new(r"(?:\$?crate|super)(?:::[A-Za-z_][A-Za-z0-9_]*)+").unwrap();
    for m in inline.find_iter(&code) {
        out.extend(resolve(m.as_str()));
    }
    out
}

/// `a::{b, c::{d, e}}` -> `a::b`, `a::c::d`, `a::c::e`.
fn expand_use(tree: &str) -> Vec<String> {
    let Some(open) = tree.find('{') else {
        return vec![tree.trim_end_matches("::*").to_owned()];
    };
    let prefix = &tree[..open];
    let inner = &tree[open + 1..tree.len() - 1];
    let mut items = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    items.push(&inner[start..]);
    items
        .into_iter()
        .filter(|i| !i.is_empty())
        .flat_map(|i| {
            let i = i.split(" as ").next().unwrap_or(i);
            expand_use(&format!("{prefix}{i}"))
        })
        .map(|p| p.trim_end_matches("::self").to_owned())
        .collect()
}

/// Whether a source file is the binary's front (its entry and command line), which
/// stands above the library and is no part of its graph.
fn in_binary(file: &str) -> bool {
    file == "main.rs" || file == "temp_report.rs" || file.starts_with("cli/")
}

/// File -> the other files it uses, through `use` trees and `crate::`/`super::`
/// paths. A module's references to its own child modules are its structure, not
/// imports (a `mod.rs` dispatching to its parts), and are not edges; a child's use of
/// its parent is.
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let sources = sources();
    let files: BTreeMap<Vec<String>, String> = sources
        .keys()
        .filter(|f| !in_binary(f))
        .map(|f| (module_of(f), f.clone()))
        .collect();
    let mut out = BTreeMap::new();
    for (file, text) in &sources {
        if in_binary(file) {
            continue;
        }
        let edges: BTreeSet<String> = named_paths(file, text)
            .iter()
            .filter_map(|p| file_of(p, &files))
            .filter(|f| f != file && !is_child(file, f))
            .collect();
        out.insert(file.clone(), edges);
    }
    out
}

/// Whether `to` lies inside the module `from` (a `mod.rs` or `lib.rs`) declares.
fn is_child(from: &str, to: &str) -> bool {
    let dir = from.trim_end_matches("mod.rs").trim_end_matches("lib.rs");
    (from.ends_with("mod.rs") || from == "lib.rs") && to.starts_with(dir)
}

/// A circle in the graph, as the files along it, if there is one.
fn find_circle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    // Depth-first search for a back edge.
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(i) = path.iter().position(|p| p == node) {
            let mut circle = path[i..].to_vec();
            circle.push(node.to_owned());
            return Some(circle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_owned());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(circle) = visit(next, graph, path, done) {
                return Some(circle);
            }
        }
        path.pop();
        done.insert(node.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|node| visit(node, graph, &mut Vec::new(), &mut done))
}

#[test]
fn no_import_circle_between_files() {
    let graph = graph();
    if let Some(circle) = find_circle(&graph) {
        panic!("import circle: {}", circle.join(" -> "));
    }
    assert!(
        graph["check/mod.rs"].contains("triage/sections.rs"),
        "{graph:#?}"
    );
    // The search finds a circle of three, and none in a chain.
    let edges = |list: &[(&str, &str)]| {
        let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (a, b) in list {
            g.entry(a.to_string()).or_default().insert(b.to_string());
        }
        g
    };
    assert!(find_circle(&edges(&[("a", "b"), ("b", "c"), ("c", "a")])).is_some());
    assert!(find_circle(&edges(&[("a", "b"), ("b", "c"), ("a", "c")])).is_none());
}

/// The top-level module a file belongs to (`kinds/boards/check.rs` -> `kinds`).
fn top(file: &str) -> String {
    file.split('/')
        .next()
        .unwrap()
        .trim_end_matches(".rs")
        .to_owned()
}

/// Exported macros (`#[macro_export] macro_rules! name`) and the file defining each: a
/// file invoking one (`with_kinds!(…)`, `tr!(…)`) runs code of that file's module.
fn exported_macros(sources: &BTreeMap<String, String>) -> BTreeMap<String, String> {
    let def = Regex::new(r"#\[macro_export\]\s*macro_rules!\s*(\w+)").unwrap();
    let mut out = BTreeMap::new();
    for (file, text) in sources {
        for m in def.captures_iter(text) {
            out.insert(m[1].to_owned(), file.clone());
        }
    }
    out
}

/// Top-level module -> the top-level modules it uses: every file edge, a parent's use
/// of its children and macro invocations included (a generated `kinds::…` path in
/// `check` is an edge from check to kinds).
fn module_graph() -> BTreeMap<String, BTreeSet<String>> {
    let sources = sources();
    let files: BTreeMap<Vec<String>, String> = sources
        .keys()
        .filter(|f| !in_binary(f))
        .map(|f| (module_of(f), f.clone()))
        .collect();
    let macros = exported_macros(&sources);
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (file, text) in &sources {
        if in_binary(file) || file == "lib.rs" {
            continue;
        }
        let from = top(file);
        let mut to: BTreeSet<String> = named_paths(file, text)
            .iter()
            .filter_map(|p| file_of(p, &files))
            .map(|f| top(&f))
            .collect();
        let code: String = code_lines(text).collect::<Vec<_>>().join("\n");
        for (name, defined_in) in &macros {
            let call = Regex::new(&format!(r"\b{name}!")).unwrap();
            if call.is_match(&code) {
                to.insert(top(defined_in));
            }
        }
        to.retain(|t| *t != from && t != "lib");
        out.entry(from).or_default().extend(to);
    }
    out
}

/// The layers of the crate, top first: a module may use only modules of layers below
/// its own. This is the flow the README describes.
const LAYERS: &[&[&str]] = &[
    &["report"],
    &["batch"],
    &["check"],
    &["kinds"],
    &["view"],
    &["triage"],
    &["rules"],
    &["isolate"],
    &["inspect"],
    &["intake"],
    &["output", "inert", "vocabulary"],
    &["findings"],
    &["codes"],
    &["messages", "limits"],
];

#[test]
fn no_circle_between_top_level_modules_and_each_stands_on_lower_layers() {
    let graph = module_graph();
    if let Some(circle) = find_circle(&graph) {
        panic!("module circle: {}\n{graph:#?}", circle.join(" -> "));
    }
    let layer = |m: &str| LAYERS.iter().position(|l| l.contains(&m));
    let mut wrong = Vec::new();
    for (from, tos) in &graph {
        let Some(a) = layer(from) else {
            wrong.push(format!("{from} is in no layer"));
            continue;
        };
        for to in tos {
            match layer(to) {
                Some(b) if b > a => {}
                _ => wrong.push(format!("{from} -> {to}")),
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "edges against the layers:\n{}",
        wrong.join("\n")
    );
    // Macro calls and re-exports count: check runs the kinds through `with_kinds!`.
    assert!(graph["check"].contains("kinds"), "{graph:#?}");
    assert!(graph["report"].contains("messages"), "{graph:#?}");
}

#[test]
fn a_circle_of_modules_is_found() {
    let edges = |list: &[(&str, &str)]| {
        let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (a, b) in list {
            g.entry(a.to_string()).or_default().insert(b.to_string());
        }
        g
    };
    // check -> kinds -> rules -> kinds: the circle this layering removed.
    let circle = find_circle(&edges(&[
        ("check", "kinds"),
        ("kinds", "rules"),
        ("rules", "kinds"),
    ]));
    assert_eq!(circle.unwrap(), ["kinds", "rules", "kinds"]);
    assert!(
        find_circle(&edges(&[
            ("check", "kinds"),
            ("kinds", "rules"),
            ("check", "rules")
        ]))
        .is_none()
    );
    assert_eq!(top("kinds/boards/check.rs"), "kinds");
    assert_eq!(top("limits.rs"), "limits");
}

#[test]
fn no_edge_against_the_flow() {
    let forbidden = [
        ("report", "batch"),
        ("batch", "check"),
        ("intake", "check"),
        ("intake", "report"),
        ("inspect", "check"),
        ("inspect", "report"),
        ("check", "report"),
    ];
    let top = |file: &str| {
        file.split('/')
            .next()
            .unwrap()
            .trim_end_matches(".rs")
            .to_owned()
    };
    let mut wrong = Vec::new();
    for (file, edges) in graph() {
        for to in edges {
            if forbidden.contains(&(top(&file).as_str(), top(&to).as_str())) {
                wrong.push(format!("{file} -> {to}"));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "edges against the flow:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_graph_sees_use_trees_and_inline_paths() {
    let paths = named_paths(
        "check/photos.rs",
        "use super::context::Context;\nuse crate::findings::{Findings, Msg};\nfn f() { crate::kinds::boards::check::caption(x) }",
    );
    let joined: Vec<String> = paths.iter().map(|p| p.join("::")).collect();
    assert!(
        joined.contains(&"check::context::Context".to_owned()),
        "{joined:?}"
    );
    assert!(joined.contains(&"findings::Msg".to_owned()), "{joined:?}");
    assert!(
        joined.contains(&"kinds::boards::check::caption".to_owned()),
        "{joined:?}"
    );
}

/// (file, function, lines) of every function longer than `limit`.
fn long_functions(sources: &BTreeMap<String, String>, limit: usize) -> Vec<String> {
    let start = Regex::new(r"^(\s*)(?:pub(?:\([^)]*\))?\s+)?(?:const\s+)?fn\s+(\w+)").unwrap();
    let mut out = Vec::new();
    for (file, text) in sources {
        let lines: Vec<&str> = text.lines().collect();
        let mut i = 0;
        while i < lines.len() {
            if let Some(m) = start.captures(lines[i]) {
                let close = format!("{}}}", &m[1]);
                let one_line =
                    lines[i].trim_end().ends_with('}') || lines[i].trim_end().ends_with(';');
                if !one_line {
                    let end = (i..lines.len()).find(|&j| lines[j] == close).unwrap_or(i);
                    if end - i + 1 > limit {
                        out.push(format!("{file}: {} ({} lines)", &m[2], end - i + 1));
                    }
                }
            }
            i += 1;
        }
    }
    out
}

#[test]
fn no_function_over_80_lines_and_no_file_over_450_before_its_tests() {
    let sources = sources();
    let long = long_functions(&sources, MAX_FN_LINES);
    let mut problems = long;
    let big: Vec<String> = sources
        .iter()
        .filter(|(_, text)| text.lines().count() > MAX_FILE_LINES)
        .map(|(file, text)| format!("{file}: {} lines", text.lines().count()))
        .collect();
    problems.extend(big);
    assert!(problems.is_empty(), "too long:\n{}", problems.join("\n"));
    let sample: BTreeMap<String, String> = [(
        "x.rs".to_owned(),
        format!("fn f() {{\n{}}}\n", "    a();\n".repeat(90)),
    )]
    .into();
    assert_eq!(long_functions(&sample, MAX_FN_LINES).len(), 1);
}

#[test]
fn at_most_20_chinese_string_literals_in_the_logic() {
    let literal = Regex::new(r#""(?:[^"\\\n]|\\.)*""#).unwrap();
    let han = Regex::new(r"\p{Han}").unwrap();
    let mut found = Vec::new();
    for (file, text) in sources() {
        for line in code_lines(&text) {
            for m in literal.find_iter(line) {
                if han.is_match(m.as_str()) {
                    found.push(format!("{file}: {}", m.as_str()));
                }
            }
        }
    }
    assert!(
        found.len() <= MAX_CHINESE_LITERALS,
        "{} Chinese string literals in logic files:\n{}",
        found.len(),
        found.join("\n")
    );
}

#[test]
fn only_the_binary_uses_clap() {
    let users: Vec<String> = sources()
        .into_iter()
        .filter(|(file, text)| !in_binary(file) && text.contains("clap"))
        .map(|(file, _)| file)
        .collect();
    assert!(users.is_empty(), "library files using clap: {users:?}");
    let manifest =
        std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src/lib.rs"))
            .unwrap();
    assert!(!manifest.contains("mod cli"));
}
