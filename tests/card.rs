//! The desk card, run as a user runs it: one page always, the right paper
//! size, every printed step and the stop rules in the PDF's text, identical
//! bytes for identical input, and one-line errors that leave files alone.

use std::path::{Path, PathBuf};

use crate::harness::*;

/// The stretches named on the command line, in order.
const DESK: [&str; 8] = [
    "shoulder-rolls",
    "shoulder-shrugs",
    "seated-thoracic-rotation",
    "overhead-reach",
    "wall-chest-stretch",
    "reaching-upper-back-stretch",
    "standing-side-stretch",
    "shoulder-blade-squeeze",
];

/// The arguments `card -o NAME --stretch …DESK EXTRA…`.
fn card_args<'a>(name: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec!["card", "-o", name];
    for id in DESK {
        args.extend(["--stretch", id]);
    }
    args.extend_from_slice(extra);
    args
}

/// Writes the card of [`DESK`] to `dir/NAME` and returns its path.
fn card(dir: &Path, name: &str, extra: &[&str]) -> PathBuf {
    ok(&run_in(dir, &card_args(name, extra)));
    dir.join(name)
}

#[test]
fn one_page_for_every_paper_orientation_and_print_size() {
    let dir = tempdir();
    let mut cards = Vec::new();
    for (paper, (w, h)) in [("a4", A4), ("letter", LETTER), ("a5", A5)] {
        for landscape in [false, true] {
            for large in [false, true] {
                let mut extra = vec!["--paper", paper];
                if landscape {
                    extra.push("--landscape");
                }
                if large {
                    extra.push("--large-print");
                }
                let name = format!("card-{paper}-{landscape}-{large}.pdf");
                let size = if landscape { (h, w) } else { (w, h) };
                cards.push((name, extra, size));
            }
        }
    }
    let runs: Vec<_> = cards.iter().map(|(name, extra, _)| card_args(name, extra)).collect();
    for (out, (name, extra, size)) in run_all_in(dir.path(), &runs).iter().zip(&cards) {
        ok(out);
        let path = dir.path().join(name);
        let sizes = page_sizes(&path);
        assert_eq!(sizes.len(), 1, "{extra:?} gave {} pages", sizes.len());
        assert!(same_size(sizes[0], *size), "{extra:?}: {:?}", sizes[0]);
        assert_valid_pdf(&path);
    }
}

/// The card's one end-to-end read of the PDF's text.
#[test]
fn text_has_every_printed_step_and_the_stop_rules() {
    let dir = tempdir();
    let path = card(dir.path(), "card.pdf", &[]);
    let Some(text) = body_text(&path, "") else { return };
    for id in DESK {
        let stretch = stretch(id);
        let name = stretch["name"].as_str().expect("a name");
        assert!(text.contains(name), "{name} missing");
        assert_has_all(&text, "step", &card_steps(&stretch));
    }
    assert_has_all(&text, "stop rule", &Safety::read().stop);
    assert!(text.contains("Call emergency services now if"));
}

#[test]
fn same_input_gives_identical_bytes() {
    let dir = tempdir();
    let a = std::fs::read(card(dir.path(), "a.pdf", &[])).unwrap();
    let b = std::fs::read(card(dir.path(), "b.pdf", &[])).unwrap();
    assert_eq!(a, b);
}

#[test]
fn large_print_shows_fewer_stretches_and_says_so() {
    let dir = tempdir();
    let out = run_in(dir.path(), &card_args("card.pdf", &["--paper", "a5", "--large-print"]));
    ok(&out);
    assert!(stderr(&out).contains("the card has room for"), "{}", stderr(&out));
    assert_eq!(page_sizes(&dir.path().join("card.pdf")).len(), 1);
}

#[test]
fn unknown_stretch_is_one_line_and_leaves_the_old_file() {
    let dir = tempdir();
    std::fs::write(dir.path().join("card.pdf"), b"old").unwrap();
    let line = bad(&run_in(dir.path(), &["card", "--stretch", "shoulder-roll", "-o", "card.pdf"]));
    assert!(
        line.contains("--stretch: unknown stretch \"shoulder-roll\"; did you mean shoulder-rolls"),
        "{line}"
    );
    assert_eq!(std::fs::read(dir.path().join("card.pdf")).unwrap(), b"old");
}

#[test]
fn unwritable_output_is_one_line() {
    let (out, _dir) = run(&["card", "--stretch", "shoulder-rolls", "-o", "/no/such/folder/card.pdf"]);
    let line = bad(&out);
    assert!(line.contains("/no/such/folder/card.pdf") && line.contains("does not exist"), "{line}");
}

#[test]
fn title_with_a_character_the_font_lacks_is_refused() {
    let (out, dir) = run(&["card", "--stretch", "shoulder-rolls", "--title", "Pause ☕", "-o", "card.pdf"]);
    let line = bad(&out);
    assert!(line.contains("--title: the character \"☕\""), "{line}");
    assert!(!dir.path().join("card.pdf").exists());
}
