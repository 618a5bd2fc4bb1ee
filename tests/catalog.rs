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

/// The `width`/`height` attributes (millimetres) and the view box (points)
/// of an SVG, and the extent (points) of every coordinate in its paths.
fn svg_sizes(svg: &str) -> ((f32, f32), (f32, f32), (f32, f32)) {
    let attr = |name: &str| {
        let start = svg.find(&format!(" {name}=\"")).expect(name) + name.len() + 3;
        svg[start..].split('"').next().unwrap().to_string()
    };
    let mm = |v: String| v.strip_suffix("mm").expect("a size in mm").parse::<f32>().unwrap();
    let view: Vec<f32> = attr("viewBox").split(' ').map(|v| v.parse().unwrap()).collect();
    let (mut x0, mut y0, mut x1, mut y1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
    for d in svg.split(" d=\"").skip(1).map(|rest| rest.split('"').next().unwrap()) {
        let numbers: Vec<f32> = d
            .split(|c: char| c.is_ascii_alphabetic() || c == ' ' || c == ',')
            .filter(|t| !t.is_empty())
            .map(|t| t.parse().unwrap())
            .collect();
        for pair in numbers.chunks(2) {
            (x0, x1, y0, y1) = (x0.min(pair[0]), x1.max(pair[0]), y0.min(pair[1]), y1.max(pair[1]));
        }
    }
    ((mm(attr("width")), mm(attr("height"))), (view[2], view[3]), (x1 - x0, y1 - y0))
}

#[test]
fn show_svg_draws_the_figure_at_its_card_size_in_millimetres() {
    const PT_PER_MM: f32 = 72.0 / 25.4;
    // A tall figure is measured by its height, a wide one by its width.
    for (id, tall) in [("overhead-reach", true), ("cat-cow", false), ("shoulder-rolls", true)] {
        let svg = ok_stdout(&["show", id, "--svg", "-"]);
        let ((w_mm, h_mm), (w_pt, h_pt), (dw, dh)) = svg_sizes(&svg);
        // The size in millimetres is the view box, to the hundredth.
        assert!((w_mm * PT_PER_MM - w_pt).abs() < 0.03, "{id}: {w_mm} mm vs {w_pt} pt");
        assert!((h_mm * PT_PER_MM - h_pt).abs() < 0.03, "{id}: {h_mm} mm vs {h_pt} pt");
        // The drawing measures the card's least figure size (25 mm; a
        // little more with arrowheads), and the frame adds only padding.
        let measured = if tall { dh } else { dw } / PT_PER_MM;
        assert!((24.9..27.0).contains(&measured), "{id}: figure {measured:.2} mm");
        let frame = if tall { h_mm } else { w_mm };
        assert!(frame > measured && frame < measured + 6.0, "{id}: frame {frame:.2} mm");
        assert_eq!(tall, dh > dw, "{id}: {dw} x {dh}");
    }
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
