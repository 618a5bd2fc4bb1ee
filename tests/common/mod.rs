//! Helpers for the integration tests: run the binary, read its PDFs back.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Runs `stretchsheet` with a fixed "today" in `dir`.
pub fn run_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_stretchsheet"))
        .args(["--today", "2026-11-21"])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the binary runs")
}

/// Runs `stretchsheet` in a fresh temporary folder (returned to keep it).
pub fn run(args: &[&str]) -> (Output, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let out = run_in(dir.path(), args);
    (out, dir)
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Asserts success and returns stdout.
pub fn ok(out: &Output) -> String {
    assert!(out.status.success(), "failed ({:?}): {}", out.status.code(), stderr(out));
    stdout(out)
}

/// Asserts a bad-input failure: exit 2, one line on stderr, no panic.
/// Returns the line.
pub fn bad(out: &Output) -> String {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(2), "expected exit 2, got {:?}: {err}", out.status.code());
    assert!(!err.contains("panicked"), "panic: {err}");
    assert_eq!(err.trim_end().lines().count(), 1, "expected one line: {err}");
    err.trim_end().to_string()
}

/// Whether an external tool is on PATH; CI (STRETCHSHEET_REQUIRE_TOOLS=1)
/// insists on it, elsewhere the check is skipped with a note.
pub fn have(tool: &str) -> bool {
    let found = Command::new(tool).arg("-v").output().is_ok();
    if !found {
        assert!(
            std::env::var_os("STRETCHSHEET_REQUIRE_TOOLS").is_none(),
            "{tool} is required (install qpdf and poppler-utils)"
        );
        eprintln!("note: {tool} not installed; skipping that check");
    }
    found
}

/// `qpdf --check` passes (when qpdf is installed).
pub fn assert_valid_pdf(path: &Path) {
    if have("qpdf") {
        let out = Command::new("qpdf").arg("--check").arg(path).output().unwrap();
        assert!(out.status.success(), "qpdf --check failed: {}", String::from_utf8_lossy(&out.stdout));
    }
}

/// The text of a PDF by pdftotext, one string per page (None when
/// pdftotext is not installed).
pub fn pdf_pages_text(path: &Path) -> Option<Vec<String>> {
    if !have("pdftotext") {
        return None;
    }
    let out = Command::new("pdftotext").arg(path).arg("-").output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_string).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    Some(pages)
}

/// Whitespace collapsed to single spaces, for finding wrapped text.
pub fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The body text of a PDF: every page's text without its running header,
/// "page N of M" footer line and the given footer, whitespace collapsed.
pub fn body_text(path: &Path, footer: &str) -> Option<String> {
    let pages = pdf_pages_text(path)?;
    let mut lines = Vec::new();
    for page in &pages {
        for line in page.lines() {
            let l = line.trim();
            let is_page_no = l.starts_with("page ") && l.contains(" of ");
            if is_page_no || l.ends_with("(continued)") || (!footer.is_empty() && l == footer) {
                continue;
            }
            lines.push(l.to_string());
        }
    }
    Some(squash(&lines.join(" ")))
}

/// Page sizes in points, read with lopdf.
pub fn page_sizes(path: &Path) -> Vec<(f32, f32)> {
    let doc = lopdf::Document::load(path).expect("the PDF parses");
    doc.get_pages()
        .values()
        .map(|&id| {
            let page = doc.get_dictionary(id).unwrap();
            let mb = page.get(b"MediaBox").unwrap().as_array().unwrap();
            let num = |o: &lopdf::Object| o.as_float().or_else(|_| o.as_i64().map(|v| v as f32)).unwrap();
            (num(&mb[2]) - num(&mb[0]), num(&mb[3]) - num(&mb[1]))
        })
        .collect()
}

pub fn file(dir: &Path, name: &str) -> PathBuf {
    dir.join(name)
}
