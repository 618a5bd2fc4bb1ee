//! The one harness every integration test runs on: the binary run as a
//! user runs it (a fixed "today", a fresh temporary folder, help at 80
//! columns), the two ways a run ends (success, or one line and exit 2), the
//! PDF read back (pages, page sizes, text by pdftotext, `qpdf --check`),
//! what the sheets must say, read from the binary's own JSON and from
//! `content/`, and insta snapshots. Nothing here uses the library's API.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::{Mutex, OnceLock};

use serde_json::Value;

/// The date every run takes as today: a Saturday, so the default start of
/// a plan is Monday 23 November 2026.
pub const TODAY: &str = "2026-11-21";

/// Page sizes in points, portrait.
pub const A4: (f32, f32) = (595.28, 841.89);
pub const LETTER: (f32, f32) = (612.0, 792.0);
pub const A5: (f32, f32) = (419.53, 595.28);

/// `stretchsheet --today TODAY ARGS…` in `dir`, with help wrapped at 80
/// columns and never coloured (stdin, stdout and stderr are not a
/// terminal, so clap reads COLUMNS).
pub fn command(dir: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_stretchsheet"));
    command.args(["--today", TODAY]).args(args).current_dir(dir).stdin(Stdio::null());
    command.env("COLUMNS", "80").env_remove("LINES").env_remove("CLICOLOR_FORCE");
    command
}

/// Runs `stretchsheet` in `dir`.
pub fn run_in(dir: &Path, args: &[&str]) -> Output {
    command(dir, args).output().expect("the binary runs")
}

/// Runs `stretchsheet` in `dir` once for each argument list, all at the
/// same time; the outputs come back in the same order.
pub fn run_all_in(dir: &Path, runs: &[Vec<&str>]) -> Vec<Output> {
    let children: Vec<_> = runs
        .iter()
        .map(|args| {
            let mut command = command(dir, args);
            command.stdout(Stdio::piped()).stderr(Stdio::piped());
            command.spawn().expect("the binary starts")
        })
        .collect();
    children.into_iter().map(|child| child.wait_with_output().expect("the binary runs")).collect()
}

/// Runs `stretchsheet` in a fresh temporary folder (returned to keep it).
pub fn run(args: &[&str]) -> (Output, tempfile::TempDir) {
    let dir = tempdir();
    let out = run_in(dir.path(), args);
    (out, dir)
}

pub fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().expect("a temporary folder")
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Asserts success and returns stdout, which must be UTF-8.
pub fn ok(out: &Output) -> String {
    assert!(out.status.success(), "failed ({:?}): {}", out.status.code(), stderr(out));
    String::from_utf8(out.stdout.clone()).expect("UTF-8 output")
}

/// Runs in a fresh folder, asserts success and returns stdout.
pub fn ok_stdout(args: &[&str]) -> String {
    ok(&run(args).0)
}

/// Asserts a bad-input failure: exit 2, nothing on stdout, one line on
/// stderr, no panic. Returns the line.
pub fn bad(out: &Output) -> String {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(2), "expected exit 2, got {:?}: {err}", out.status.code());
    assert!(!err.contains("panicked"), "panic: {err}");
    assert!(err.ends_with('\n') && err.lines().count() == 1, "expected one line: {err:?}");
    assert!(out.stdout.is_empty(), "stdout of a failure: {}", stdout(out));
    err.trim_end().to_string()
}

/// Runs with bad input in a fresh folder: the one line (see [`bad`]) must
/// contain `expected`.
pub fn rejects(args: &[&str], expected: &str) {
    let line = bad(&run(args).0);
    assert!(line.contains(expected), "{args:?}: {line}");
}

/// Whether an external tool is on PATH (asked once per tool); CI
/// (STRETCHSHEET_REQUIRE_TOOLS=1) insists on it, elsewhere the check is
/// skipped with a note.
pub fn have(tool: &str) -> bool {
    static FOUND: OnceLock<Mutex<BTreeMap<String, bool>>> = OnceLock::new();
    let mut found = FOUND.get_or_init(Default::default).lock().unwrap_or_else(|e| e.into_inner());
    *found.entry(tool.to_string()).or_insert_with(|| {
        let on_path = Command::new(tool).arg("-v").output().is_ok();
        if !on_path {
            assert!(
                std::env::var_os("STRETCHSHEET_REQUIRE_TOOLS").is_none(),
                "{tool} is required (install qpdf, poppler-utils and zbar-tools)"
            );
            eprintln!("note: {tool} not installed; skipping its checks");
        }
        on_path
    })
}

/// `qpdf --check` passes (when qpdf is installed).
pub fn assert_valid_pdf(path: &Path) {
    if have("qpdf") {
        let out = Command::new("qpdf").arg("--check").arg(path).output().expect("qpdf runs");
        assert!(out.status.success(), "qpdf --check failed: {}", stdout(&out));
    }
}

/// The text of a PDF by pdftotext, one string per page (None when
/// pdftotext is not installed).
pub fn pdf_pages_text(path: &Path) -> Option<Vec<String>> {
    if !have("pdftotext") {
        return None;
    }
    let out = Command::new("pdftotext").arg(path).arg("-").output().expect("pdftotext runs");
    assert!(out.status.success(), "pdftotext failed: {}", stderr(&out));
    let text = String::from_utf8(out.stdout).expect("pdftotext writes UTF-8");
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

/// Whether a line of a sheet is running matter, not body: its "page N of
/// M" line, a "(continued)" header or the given footer.
pub fn is_running_line(line: &str, footer: &str) -> bool {
    let l = line.trim();
    let is_page_no = l.starts_with("page ") && l.contains(" of ");
    is_page_no || l.ends_with("(continued)") || is_footer_line(l, footer)
}

/// Whether `line` is the footer or, where it wraps, one of its lines: a
/// run of its " · " parts (ending " ·" when more follow).
fn is_footer_line(line: &str, footer: &str) -> bool {
    let (l, more) = match line.strip_suffix(" ·") {
        Some(l) => (l, true),
        None => (line, false),
    };
    let starts = footer.starts_with(l) || footer.contains(&format!(" · {l}"));
    let ends = if more { footer.contains(&format!("{l} · ")) } else { footer.ends_with(l) };
    !footer.is_empty() && !l.is_empty() && starts && ends
}

/// The body of a sheet's lines: running lines (see [`is_running_line`])
/// left out, whitespace collapsed.
pub fn body_of<'a>(lines: impl IntoIterator<Item = &'a str>, footer: &str) -> String {
    let body: Vec<&str> = lines.into_iter().filter(|l| !is_running_line(l, footer)).collect();
    squash(&body.join(" "))
}

/// The body text of a PDF (see [`body_of`]); None without pdftotext.
pub fn body_text(path: &Path, footer: &str) -> Option<String> {
    let pages = pdf_pages_text(path)?;
    Some(body_of(pages.iter().flat_map(|p| p.lines()), footer))
}

/// Page sizes in points, read with lopdf.
pub fn page_sizes(path: &Path) -> Vec<(f32, f32)> {
    let doc = lopdf::Document::load(path).expect("the PDF parses");
    let number =
        |o: &lopdf::Object| o.as_float().or_else(|_| o.as_i64().map(|v| v as f32)).expect("a number");
    doc.get_pages()
        .values()
        .map(|&id| {
            let page = doc.get_dictionary(id).expect("a page dictionary");
            let mb = page.get(b"MediaBox").and_then(|b| b.as_array()).expect("a MediaBox");
            (number(&mb[2]) - number(&mb[0]), number(&mb[3]) - number(&mb[1]))
        })
        .collect()
}

/// Whether two page sizes are the same to 0.01 pt.
pub fn same_size(a: (f32, f32), b: (f32, f32)) -> bool {
    (a.0 - b.0).abs() < 0.01 && (a.1 - b.1).abs() < 0.01
}

/// Asserts every page of a PDF has the size and returns the page count.
pub fn assert_pages_sized(path: &Path, size: (f32, f32)) -> usize {
    let sizes = page_sizes(path);
    assert!(sizes.iter().all(|&s| same_size(s, size)), "{} pages not {size:?}: {sizes:?}", path.display());
    sizes.len()
}

/// The package root, where `content/` is.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Parses JSON a command printed.
pub fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

/// A stretch as `show ID --format json` prints it.
pub fn stretch(id: &str) -> Value {
    json(&ok_stdout(&["show", id, "--format", "json"]))
}

/// The strings of a JSON array field.
pub fn strings(value: &Value, key: &str) -> Vec<String> {
    let items = value[key].as_array().unwrap_or_else(|| panic!("{key} is not an array in {value}"));
    items.iter().map(|s| s.as_str().expect("a string").to_string()).collect()
}

/// The steps a card prints for a stretch: its quick steps, or else its
/// first three steps.
pub fn card_steps(stretch: &Value) -> Vec<String> {
    let quick = strings(stretch, "quick_steps");
    if quick.is_empty() { strings(stretch, "steps").into_iter().take(3).collect() } else { quick }
}

/// The safety text every sheet prints, from `content/safety.toml`.
pub struct Safety {
    pub before_you_start: Vec<String>,
    /// Getting down to the floor and back up (sheets with floor work).
    pub floor: Vec<String>,
    pub stop: Vec<String>,
    pub emergency: Vec<String>,
    pub urgent: Vec<String>,
    pub see_doctor: Vec<String>,
}

impl Safety {
    pub fn read() -> Safety {
        let text = std::fs::read_to_string(root().join("content/safety.toml")).expect("safety.toml");
        let table: toml::Table = text.parse().expect("safety.toml parses");
        let list = |key: &str| -> Vec<String> {
            let items = table[key].as_array().unwrap_or_else(|| panic!("safety.toml: {key}"));
            items.iter().map(|s| s.as_str().expect("a string").to_string()).collect()
        };
        Safety {
            before_you_start: list("before_you_start"),
            floor: list("floor"),
            stop: list("stop"),
            emergency: list("emergency"),
            urgent: list("urgent"),
            see_doctor: list("see_doctor"),
        }
    }

    /// Every warning: call now, same day, see a doctor, stop, and what to
    /// check before starting.
    pub fn red_flags(&self) -> impl Iterator<Item = &String> {
        self.emergency
            .iter()
            .chain(&self.urgent)
            .chain(&self.see_doctor)
            .chain(&self.stop)
            .chain(&self.before_you_start)
    }
}

/// Asserts `text` holds every phrase (whitespace collapsed), naming `what`.
pub fn assert_has_all<'a>(text: &str, what: &str, phrases: impl IntoIterator<Item = &'a String>) {
    for phrase in phrases {
        assert!(text.contains(&squash(phrase)), "{what} missing: {phrase}");
    }
}

/// A copy of the shipped `content/` folder under `to`.
pub fn copy_content(to: &Path) {
    let from = root().join("content");
    for entry in walk(&from) {
        let target = to.join(entry.strip_prefix(&from).expect("under content/"));
        std::fs::create_dir_all(target.parent().expect("a parent")).expect("a folder");
        std::fs::copy(&entry, &target).expect("a copy");
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("a readable folder") {
        let path = entry.expect("an entry").path();
        if path.is_dir() { out.extend(walk(&path)) } else { out.push(path) }
    }
    out
}

/// Compares `text` with the snapshot `tests/snapshots/NAME.snap`. To
/// accept a change, see "Snapshots" in the README. insta ignores how the
/// text ends, so that is checked here: one newline, no blank line.
pub fn snapshot(name: &str, text: &str) {
    assert!(text.ends_with('\n') && !text.ends_with("\n\n"), "{name} does not end in one newline");
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings.bind(|| insta::assert_snapshot!(name, text));
}
