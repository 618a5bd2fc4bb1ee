//! Browsing the library from the command line: `list` and `show` (text,
//! JSON, SVG) with good and bad input, `--library` adding a folder, and the
//! shell completions and man page.

use crate::harness::*;

#[test]
fn list_shows_every_seed_stretch() {
    let text = ok_stdout(&["list"]);
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
    let last = text.lines().last().unwrap_or_default();
    let count: usize = last.split_whitespace().next().and_then(|n| n.parse().ok()).expect("a count");
    assert!(count >= 16);
    assert!(text.starts_with("ID") && text.contains("SECONDS"));
}

#[test]
fn list_filters_and_json() {
    let rows = json(&ok_stdout(&["list", "--position", "seated", "--format", "json"]));
    let rows = rows.as_array().expect("an array");
    assert!(!rows.is_empty());
    for row in rows {
        let positions = row["positions"].as_array().expect("positions");
        assert!(positions.iter().any(|p| p == "seated"), "{row}");
        assert_eq!(row["position"], positions[0]);
        assert!(row["seconds"].as_u64().unwrap() > 0);
        for key in ["id", "name", "equipment", "goals"] {
            assert!(row.get(key).is_some(), "{key} missing");
        }
    }
    let text = ok_stdout(&["list", "--goal", "desk-break", "--equipment", "wall"]);
    assert!(text.contains("wall-chest-stretch") && !text.contains("doorway-chest-stretch"));
}

#[test]
fn list_bad_filters_are_one_line() {
    rejects(&["list", "--goal", "flying"], "--goal: unknown goal \"flying\"; use tension");
    rejects(&["list", "--position", "upside-down"], "unknown position \"upside-down\"; use standing, seated");
    rejects(&["list", "--format", "yaml"], "yaml");
}

#[test]
fn show_prints_everything_and_suggests_near_ids() {
    let text = ok_stdout(&["show", "thread-the-needle"]);
    for part in ["Thread the needle", "Steps:", "Cues:", "Cautions:", "Dose:", "Avoid if:", "wrist-pain"] {
        assert!(text.contains(part), "{part} missing");
    }
    rejects(&["show", "thread-needle"], "did you mean thread-the-needle");
    let cat_cow = stretch("cat-cow");
    assert_eq!(cat_cow["id"], "cat-cow");
    assert!(cat_cow["steps"].as_array().unwrap().len() >= 3);
}

#[test]
fn show_writes_the_figure_as_svg() {
    let (out, dir) = run(&["show", "cat-cow", "--svg", "cat-cow.svg"]);
    assert!(ok(&out).contains("Cat-cow"), "the text still prints");
    let svg = std::fs::read_to_string(dir.path().join("cat-cow.svg")).unwrap();
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(svg.matches("<path").count() > 10);
    // To standard output, only the SVG.
    let (out, dir) = run(&["show", "cat-cow", "--svg", "-"]);
    let svg = ok(&out);
    assert!(svg.starts_with("<svg") && !svg.contains("Cat-cow"));
    assert!(!dir.path().join("-").exists());
}

#[test]
fn library_option_adds_stretches() {
    let dir = tempdir();
    let stretches = dir.path().join("clinic/stretches");
    std::fs::create_dir_all(&stretches).unwrap();
    let cat_cow = std::fs::read_to_string(root().join("content/stretches/cat-cow.toml"))
        .unwrap()
        .replace("name = \"Cat-cow\"", "name = \"Clinic cat-cow\"");
    std::fs::write(stretches.join("clinic-cat-cow.toml"), cat_cow).unwrap();
    let out = run_in(dir.path(), &["show", "clinic-cat-cow", "--library", "clinic"]);
    assert!(ok(&out).contains("Clinic cat-cow"));
    let out = run_in(dir.path(), &["list", "--library", "missing"]);
    assert!(bad(&out).contains("missing: cannot read the content folder"));
}

#[test]
fn completions_and_man_page() {
    assert!(ok_stdout(&["completions", "bash"]).contains("stretchsheet"));
    let (out, dir) = run(&["man", "-o", "stretchsheet.1"]);
    ok(&out);
    let page = std::fs::read_to_string(dir.path().join("stretchsheet.1")).unwrap();
    assert!(page.contains(".TH") && page.contains("handout"));
}
