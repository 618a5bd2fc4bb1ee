//! The desk card, run as a user runs it: one page always, the right paper
//! size, every printed step and the stop rules in the text, identical bytes
//! for identical input, and one-line errors that leave files alone.

mod common;

use common::*;

const DESK: [&str; 16] = [
    "--stretch",
    "shoulder-rolls",
    "--stretch",
    "shoulder-shrugs",
    "--stretch",
    "seated-thoracic-rotation",
    "--stretch",
    "overhead-reach",
    "--stretch",
    "wall-chest-stretch",
    "--stretch",
    "reaching-upper-back-stretch",
    "--stretch",
    "standing-side-stretch",
    "--stretch",
    "shoulder-blade-squeeze",
];

fn card(dir: &std::path::Path, name: &str, extra: &[&str]) -> std::path::PathBuf {
    let mut args = vec!["card", "-o", name];
    args.extend_from_slice(&DESK);
    args.extend_from_slice(extra);
    ok(&run_in(dir, &args));
    dir.join(name)
}

#[test]
fn one_page_for_every_paper_orientation_and_print_size() {
    let dir = tempfile::tempdir().unwrap();
    let papers = [("a4", 595.28, 841.89), ("letter", 612.0, 792.0), ("a5", 419.53, 595.28)];
    for (paper, w, h) in papers {
        for landscape in [false, true] {
            for large in [false, true] {
                let mut extra = vec!["--paper", paper];
                if landscape {
                    extra.push("--landscape");
                }
                if large {
                    extra.push("--large-print");
                }
                let path = card(dir.path(), "card.pdf", &extra);
                let sizes = page_sizes(&path);
                assert_eq!(sizes.len(), 1, "{extra:?} gave {} pages", sizes.len());
                let (pw, ph) = sizes[0];
                let (ew, eh) = if landscape { (h, w) } else { (w, h) };
                assert!((pw - ew).abs() < 0.01 && (ph - eh).abs() < 0.01, "{extra:?}: {pw}x{ph}");
                assert_valid_pdf(&path);
            }
        }
    }
}

#[test]
fn text_has_every_printed_step_and_the_stop_rules() {
    let dir = tempfile::tempdir().unwrap();
    let path = card(dir.path(), "card.pdf", &[]);
    let library = stretchsheet::content::built_in().unwrap();
    let Some(text) = body_text(&path, "") else { return };
    for id in DESK.iter().skip(1).step_by(2) {
        let stretch = library.stretch(id).unwrap();
        assert!(text.contains(&stretch.name), "{} missing", stretch.name);
        for step in stretch.card_steps() {
            assert!(text.contains(&squash(step)), "step missing: {step}");
        }
    }
    for rule in &library.safety().stop {
        assert!(text.contains(&squash(rule)), "stop rule missing: {rule}");
    }
    assert!(text.contains("Call emergency services now if"));
}

#[test]
fn same_input_gives_identical_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let a = std::fs::read(card(dir.path(), "a.pdf", &[])).unwrap();
    let b = std::fs::read(card(dir.path(), "b.pdf", &[])).unwrap();
    assert_eq!(a, b);
}

#[test]
fn large_print_shows_fewer_stretches_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let mut args = vec!["card", "-o", "card.pdf", "--paper", "a5", "--large-print"];
    args.extend_from_slice(&DESK);
    let out = run_in(dir.path(), &args);
    ok(&out);
    assert!(stderr(&out).contains("the card has room for"), "{}", stderr(&out));
    assert_eq!(page_sizes(&dir.path().join("card.pdf")).len(), 1);
}

#[test]
fn unknown_stretch_is_one_line_and_leaves_the_old_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("card.pdf"), b"old").unwrap();
    let line = bad(&run_in(dir.path(), &["card", "--stretch", "shoulder-roll", "-o", "card.pdf"]));
    assert!(line.contains("unknown stretch id \"shoulder-roll\"; did you mean shoulder-rolls"), "{line}");
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
    assert!(line.contains("--title: the character '☕'"), "{line}");
    assert!(!dir.path().join("card.pdf").exists());
}
