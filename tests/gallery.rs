//! The gallery, run as a user runs it: a valid PDF on the requested paper
//! with every stretch of the library, by name and id, in its text, and
//! identical bytes for identical input. (Its layout, and one figure per
//! stretch, are checked on the laid-out pages, in `layout`.)

use crate::harness::*;

/// The gallery's one end-to-end read of the PDF's text; the stretches it
/// must show come from `list --format json`.
#[test]
fn has_every_stretch_by_name_and_id() {
    let (out, dir) = run(&["gallery", "-o", "gallery.pdf"]);
    ok(&out);
    let path = dir.path().join("gallery.pdf");
    assert_valid_pdf(&path);
    let stretches = json(&ok_stdout(&["list", "--format", "json"]));
    let stretches = stretches.as_array().expect("an array");
    let pages = assert_pages_sized(&path, A4);
    assert!(pages * 8 >= stretches.len(), "{pages} pages for {} stretches", stretches.len());
    let Some(text) = body_text(&path, "") else { return };
    for stretch in stretches {
        let (id, name) = (stretch["id"].as_str().expect("an id"), stretch["name"].as_str().expect("a name"));
        assert!(text.contains(name), "{name} missing");
        assert!(text.contains(&format!("id: {id}")), "{id} missing");
    }
}

#[test]
fn letter_landscape_keeps_its_size_and_the_bytes_repeat() {
    let dir = tempdir();
    let args = |name| ["gallery", "--paper", "letter", "--landscape", "-o", name];
    ok(&run_in(dir.path(), &args("a.pdf")));
    ok(&run_in(dir.path(), &args("b.pdf")));
    let (a, b) = (dir.path().join("a.pdf"), dir.path().join("b.pdf"));
    assert_valid_pdf(&a);
    assert_pages_sized(&a, (LETTER.1, LETTER.0));
    assert_eq!(std::fs::read(a).unwrap(), std::fs::read(b).unwrap());
}

// Measured on the laid-out gallery (library API, no PDF).

use stretchsheet::doc::geom::mm;
use stretchsheet::layout::sheets::{self, GALLERY_FIGURE_MIN, Photos};

use crate::card::{figure_size, figures};
use crate::harness::squash;
use crate::layout::options;

#[test]
fn every_gallery_figure_is_at_least_50_mm_on_every_paper() {
    assert!(GALLERY_FIGURE_MIN >= mm(50.0));
    let library = stretchsheet::content::built_in().unwrap();
    for options in options() {
        let doc = sheets::gallery(&library, &Photos::new(), &options);
        let drawn: Vec<_> = doc.pages.iter().flat_map(figures).collect();
        assert_eq!(drawn.len(), library.stretches().len(), "{options:?}");
        for (rect, _) in drawn {
            let size = figure_size(&rect) / mm(1.0);
            assert!(
                size >= 50.0,
                "{options:?}: a figure of {size:.1} mm ({rect:?}) among {:?}",
                doc.pages.iter().map(figures).collect::<Vec<_>>()
            );
        }
    }
}

#[test]
fn the_gallery_carries_the_stop_rules_and_every_tier_of_warning_signs() {
    let library = stretchsheet::content::built_in().unwrap();
    let safety = library.safety();
    for options in options() {
        let doc = sheets::gallery(&library, &Photos::new(), &options);
        let text = squash(&doc.text());
        let tiers =
            [&safety.before_you_start, &safety.stop, &safety.emergency, &safety.urgent, &safety.see_doctor];
        for item in tiers.into_iter().flatten() {
            assert!(text.contains(&squash(item)), "{options:?}: {item:?} missing");
        }
        assert!(text.contains("Call emergency services now"), "{options:?}");
    }
}
