//! The house stays one-way: a test reads every `crate::` path under `src/`
//! (outside test modules) and fails when two top-level modules import each
//! other, directly or through others.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Every `.rs` file under `src/`: its path relative to `src/` and its text.
fn source_files() -> Vec<(String, String)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    let mut stack = vec![src.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("src/ is readable").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let rel = path.strip_prefix(&src).expect("under src/").to_string_lossy().into_owned();
                let text = std::fs::read_to_string(&path).expect("a source file is readable");
                files.push((rel, text));
            }
        }
    }
    files
}

/// Top-level module → the top-level modules its code names.
fn imports() -> BTreeMap<String, BTreeSet<String>> {
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (rel, text) in source_files() {
        let first = rel.split('/').next().expect("a file");
        let module = first.trim_end_matches(".rs").to_string();
        if module == "main" || module == "lib" || module == "house" {
            continue;
        }
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        let names = graph.entry(module.clone()).or_default();
        for (i, _) in code.match_indices("crate::") {
            let rest = &code[i + "crate::".len()..];
            let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            if !name.is_empty() && name != module && name.chars().next().is_some_and(char::is_lowercase) {
                names.insert(name);
            }
        }
    }
    graph
}

/// A path from `from` to `to` through the graph, if there is one.
fn path(graph: &BTreeMap<String, BTreeSet<String>>, from: &str, to: &str) -> Option<Vec<String>> {
    let mut seen = BTreeSet::new();
    let mut queue = vec![vec![from.to_string()]];
    while let Some(route) = queue.pop() {
        let last = route.last().expect("a route is never empty").clone();
        if last == to && route.len() > 1 {
            return Some(route);
        }
        if !seen.insert(last.clone()) {
            continue;
        }
        for next in graph.get(&last).into_iter().flatten() {
            let mut longer = route.clone();
            longer.push(next.clone());
            queue.push(longer);
        }
    }
    None
}

#[test]
fn no_two_top_level_modules_import_each_other() {
    let graph = imports();
    assert!(graph.len() >= 10, "too few modules found: {graph:?}");
    let mut cycles = Vec::new();
    for (module, names) in &graph {
        for name in names {
            if let Some(back) = path(&graph, name, module) {
                cycles.push(format!("{module} -> {}", back.join(" -> ")));
            }
        }
    }
    assert!(cycles.is_empty(), "modules that import each other:\n{}", cycles.join("\n"));
}

#[test]
fn the_page_model_and_the_bottom_modules_import_nothing() {
    let graph = imports();
    for bottom in ["doc", "words", "limits", "assets", "recent"] {
        let names = graph.get(bottom).cloned().unwrap_or_default();
        assert!(names.is_empty(), "{bottom} imports {names:?}");
    }
}

#[test]
fn only_render_knows_printpdf_and_only_cli_knows_clap() {
    for (rel, text) in source_files().into_iter().filter(|(rel, _)| rel != "house.rs") {
        if text.contains("printpdf::") || text.contains("use printpdf") {
            assert!(rel.starts_with("render/"), "{rel} uses printpdf");
        }
        if text.contains("clap::") || text.contains("use clap") {
            assert!(rel.starts_with("cli") || rel == "main.rs", "{rel} uses clap");
        }
    }
}
