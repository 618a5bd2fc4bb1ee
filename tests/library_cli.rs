//! Browsing and checking the library from the command line: list, show and
//! check with good and bad input.

mod common;

use std::path::Path;

use common::*;

#[test]
fn list_shows_every_seed_stretch() {
    let (out, _dir) = run(&["list"]);
    let text = ok(&out);
    for id in [
        "childs-pose",
        "childs-pose-side-reach",
        "cat-cow",
        "thread-the-needle",
        "seated-thoracic-rotation",
        "quadruped-thoracic-rotation",
        "seated-trunk-rotation",
        "standing-side-stretch",
        "overhead-reach",
        "overhead-side-lean",
        "shoulder-blade-squeeze",
        "butterfly",
        "reaching-upper-back-stretch",
        "shoulder-shrugs",
        "shoulder-rolls",
        "towel-thoracic-extension",
        "foam-roller-thoracic-extension",
        "doorway-chest-stretch",
        "cross-body-shoulder-stretch",
    ] {
        assert!(text.lines().any(|l| l.starts_with(&format!("{id} "))), "{id} missing");
    }
    let count: usize = text.lines().last().unwrap().split_whitespace().next().unwrap().parse().unwrap();
    assert!(count >= 16);
    assert!(text.starts_with("ID") && text.contains("SECONDS"));
}

#[test]
fn list_filters_and_json() {
    let (out, _dir) = run(&["list", "--position", "seated", "--format", "json"]);
    let rows: serde_json::Value = serde_json::from_str(&ok(&out)).unwrap();
    let rows = rows.as_array().unwrap();
    assert!(!rows.is_empty());
    for row in rows {
        assert_eq!(row["position"], "seated");
        assert!(row["seconds"].as_u64().unwrap() > 0);
        for key in ["id", "name", "equipment", "goals"] {
            assert!(row.get(key).is_some(), "{key} missing");
        }
    }
    let (out, _dir) = run(&["list", "--goal", "desk-break", "--equipment", "wall"]);
    let text = ok(&out);
    assert!(text.contains("wall-chest-stretch") && !text.contains("doorway-chest-stretch"));
}

#[test]
fn list_bad_filters_are_one_line() {
    let (out, _dir) = run(&["list", "--goal", "flying"]);
    let line = bad(&out);
    assert!(line.contains("--goal: \"flying\" is not allowed; unknown goal; use tension"), "{line}");
    let (out, _dir) = run(&["list", "--position", "upside-down"]);
    assert!(bad(&out).contains("unknown position \"upside-down\"; use standing, seated"));
    let (out, _dir) = run(&["list", "--format", "yaml"]);
    assert!(bad(&out).contains("yaml"));
}

#[test]
fn show_prints_everything_and_suggests_near_ids() {
    let (out, _dir) = run(&["show", "thread-the-needle"]);
    let text = ok(&out);
    for part in ["Thread the needle", "Steps:", "Cues:", "Cautions:", "Dose:", "Avoid if:", "wrist-pain"] {
        assert!(text.contains(part), "{part} missing");
    }
    let (out, _dir) = run(&["show", "thread-needle"]);
    assert!(bad(&out).contains("did you mean thread-the-needle"));
    let (out, _dir) = run(&["show", "cat-cow", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&ok(&out)).unwrap();
    assert_eq!(json["id"], "cat-cow");
    assert!(json["steps"].as_array().unwrap().len() >= 3);
}

fn copy_content(to: &Path) {
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    for entry in walk(&from) {
        let target = to.join(entry.strip_prefix(&from).unwrap());
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::copy(&entry, &target).unwrap();
    }
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() { out.extend(walk(&path)) } else { out.push(path) }
    }
    out
}

#[test]
fn check_passes_on_the_shipped_content() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = run_in(dir, &["check", "content"]);
    ok(&out);
    assert!(stderr(&out).contains("ok ("));
}

#[test]
fn check_reports_every_broken_file_with_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    copy_content(&dir.path().join("content"));
    let edit = |name: &str, from: &str, to: &str| {
        let path = dir.path().join("content/stretches").join(name);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{name} has no {from:?}");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    };
    edit("cat-cow.toml", "reps = [6, 10]", "reps = [6, 100]");
    edit("butterfly.toml", "name = ", "colour = \"red\"\nname = ");
    edit("childs-pose.toml", "goals = [", "goals = [\"flying\", ");
    let out = run_in(dir.path(), &["check", "content"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 4, "{err}");
    assert!(
        lines[0].starts_with("content/stretches/butterfly.toml:")
            && lines[0].contains("unknown field `colour`")
    );
    assert!(
        lines[1].starts_with("content/stretches/cat-cow.toml:")
            && lines[1].contains("dose.reps: 100 is above the maximum of 30")
    );
    assert!(lines[2].contains("childs-pose.toml:") && lines[2].contains("goals[0]: unknown goal \"flying\""));
    assert_eq!(lines[3], "stretchsheet: 3 problems found");
    for line in &lines[..3] {
        let place = line.split(": ").next().unwrap();
        assert_eq!(place.split(':').count(), 3, "file:line:col in {line}");
    }
}

#[test]
fn check_of_a_missing_folder_is_one_line() {
    let (out, _dir) = run(&["check", "no-such-folder"]);
    assert!(bad(&out).contains("no-such-folder: cannot read the content folder"));
}

#[test]
fn library_option_adds_stretches() {
    let dir = tempfile::tempdir().unwrap();
    let stretches = dir.path().join("clinic/stretches");
    std::fs::create_dir_all(&stretches).unwrap();
    let cat_cow =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("content/stretches/cat-cow.toml"))
            .unwrap()
            .replace("name = \"Cat-cow\"", "name = \"Clinic cat-cow\"");
    std::fs::write(stretches.join("clinic-cat-cow.toml"), cat_cow).unwrap();
    let out = run_in(dir.path(), &["--library", "clinic", "show", "clinic-cat-cow"]);
    assert!(ok(&out).contains("Clinic cat-cow"));
    let out = run_in(dir.path(), &["--library", "missing", "list"]);
    assert!(bad(&out).contains("missing: cannot read the content folder"));
}

#[test]
fn completions_and_man_page() {
    let (out, _dir) = run(&["completions", "bash"]);
    assert!(ok(&out).contains("stretchsheet"));
    let (out, dir) = run(&["man", "-o", "stretchsheet.1"]);
    ok(&out);
    let page = std::fs::read_to_string(dir.path().join("stretchsheet.1")).unwrap();
    assert!(page.contains(".TH") && page.contains("handout"));
}
