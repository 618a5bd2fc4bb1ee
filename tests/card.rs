//! The desk card, run as a user runs it: one page always, the right paper
//! size, every printed step and the stop rules in the PDF's text, identical
//! bytes for identical input, a note naming what was left out that only
//! suggests what helps, and one-line errors that leave files alone. Then,
//! measured on the laid-out card on every paper, orientation and print
//! size: figures of at least 25 mm at one body scale, a safety panel of
//! about a fifth of the page with every emergency sign, a "Skip if" line
//! for each stretch that has one, names broken evenly and lines under 90
//! characters.

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

/// The ids the command said it left out ("left out: a, b").
fn left_out(stderr: &str) -> Vec<String> {
    stderr
        .split_once("left out: ")
        .and_then(|(_, rest)| rest.split_once(')'))
        .map(|(ids, _)| ids.split(", ").map(str::to_string).collect())
        .unwrap_or_default()
}

/// The short safety lists of `content/safety.toml` (`[brief]`).
fn brief(key: &str) -> Vec<String> {
    let text = std::fs::read_to_string(root().join("content/safety.toml")).expect("safety.toml");
    let table: toml::Table = text.parse().expect("safety.toml parses");
    let items = table["brief"][key].as_array().expect("a list");
    items.iter().map(|s| s.as_str().expect("a string").to_string()).collect()
}

/// The card's one end-to-end read of the PDF's text: every stretch it did
/// not say it left out, with its steps, and the short stop rules and every
/// emergency sign.
#[test]
fn text_has_every_printed_step_and_the_stop_rules() {
    let dir = tempdir();
    let out = run_in(dir.path(), &card_args("card.pdf", &[]));
    ok(&out);
    let left = left_out(&stderr(&out));
    assert!(left.len() < DESK.len() - 4, "A4 shows at least five: {left:?}");
    let Some(text) = body_text(&dir.path().join("card.pdf"), "") else { return };
    for id in DESK.iter().filter(|id| !left.iter().any(|l| l == *id)) {
        let stretch = stretch(id);
        let name = stretch["name"].as_str().expect("a name");
        assert!(text.contains(name), "{name} missing");
        assert_has_all(&text, "step", &card_steps(&stretch));
    }
    for id in &left {
        let name = stretch(id)["name"].as_str().expect("a name").to_string();
        assert!(!text.contains(&name), "{name} is on the card but said to be left out");
    }
    // Lists in columns wrap inside their column, which a text extractor
    // may interleave with the next: whole items are checked on the laid-out
    // page (below); here each item's words.
    for item in brief("stop").iter().chain(&brief("emergency")) {
        for word in item.split_whitespace() {
            assert!(text.contains(word), "{word:?} of {item:?} missing");
        }
    }
    assert!(text.contains("Stop if:") && text.contains("Call emergency services now for:"));
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

// Measured on the laid-out card (library API, no PDF).

use stretchsheet::content::Library;
use stretchsheet::doc::geom::mm;
use stretchsheet::doc::{Item, Page, Rect};
use stretchsheet::layout::SheetOptions;
use stretchsheet::layout::sheets::{self, CARD_FIGURE_MIN, Exercise, Photos};

use crate::layout::{desk_break, exercises, options};

/// The figures drawn on `page`: its paths gathered into groups whose
/// boxes touch (a figure's shapes, props and arrows overlap one another;
/// two figures never do), each with the heights of its heads (closed,
/// round paths in the near fill, or hair when seen from behind).
pub fn figures(page: &Page) -> Vec<(Rect, Vec<f32>)> {
    let paths: Vec<(Rect, bool)> = page
        .items
        .iter()
        .filter_map(|item| match item {
            Item::Path(path) => {
                let b = item.bounds();
                let head = path.closed
                    && matches!(path.fill, Some(f) if f == stretchsheet::figure::NEAR_FILL || f == stretchsheet::figure::HAIR)
                    && (b.w - b.h).abs() < 0.05 * b.w;
                Some((b, head))
            }
            _ => None,
        })
        .collect();
    let mut groups: Vec<(Rect, Vec<f32>)> = Vec::new();
    for (rect, head) in paths {
        let mut merged = (rect, if head { vec![rect.h] } else { vec![] });
        // Absorb every group this box touches (and keep absorbing, since
        // the union may reach further).
        while let Some(i) = groups.iter().position(|(g, _)| touches(g, &merged.0)) {
            let (g, heads) = groups.swap_remove(i);
            merged.0 = union(&merged.0, &g);
            merged.1.extend(heads);
        }
        groups.push(merged);
    }
    groups
}

fn touches(a: &Rect, b: &Rect) -> bool {
    let slack = 4.0;
    a.x <= b.right() + slack
        && b.x <= a.right() + slack
        && a.y <= b.bottom() + slack
        && b.y <= a.bottom() + slack
}

fn union(a: &Rect, b: &Rect) -> Rect {
    let (x, y) = (a.x.min(b.x), a.y.min(b.y));
    Rect::new(x, y, a.right().max(b.right()) - x, a.bottom().max(b.bottom()) - y)
}

/// How big a figure reads: its height, or its length when it lies wide.
pub fn figure_size(r: &Rect) -> f32 {
    if r.w > 1.5 * r.h { r.w } else { r.h }
}

/// The desk break and the same stretches at standard doses.
fn desk_sets(library: &Library) -> Vec<(&'static str, Vec<Exercise<'_>>)> {
    let desk = desk_break(library);
    let ids: Vec<&str> = desk.iter().map(|e| e.stretch.id.as_str()).collect();
    let standard = exercises(library, &ids);
    let named = exercises(library, &DESK);
    vec![("desk break", desk), ("standard doses", standard), ("named stretches", named)]
}

fn every_card(mut check: impl FnMut(&str, &SheetOptions, &sheets::Card, &Library)) {
    let library = stretchsheet::content::built_in().unwrap();
    for options in options() {
        for (what, entries) in desk_sets(&library) {
            let card = sheets::card(&entries, library.safety(), &Photos::new(), &options);
            check(what, &options, &card, &library);
        }
    }
}

#[test]
fn every_card_figure_is_at_least_25_mm_and_all_share_one_scale() {
    assert!(CARD_FIGURE_MIN >= mm(25.0));
    every_card(|what, options, card, _| {
        let figures = figures(&card.document.pages[0]);
        assert_eq!(figures.len(), card.shown, "{what} {options:?}: figures {figures:?}");
        for (rect, _) in &figures {
            let size = figure_size(rect) / mm(1.0);
            assert!(size >= 25.0, "{what} {options:?}: a figure {size:.1} mm ({rect:?})");
        }
        // A figure's head is its largest round shape (a hand or a joint
        // seen end-on can be round too).
        let heads: Vec<f32> =
            figures.iter().filter_map(|(_, h)| h.iter().copied().reduce(f32::max)).collect();
        assert!(heads.len() >= card.shown, "{what} {options:?}: {} heads", heads.len());
        let (low, high) = heads.iter().fold((f32::MAX, 0.0f32), |(l, h), &x| (l.min(x), h.max(x)));
        assert!(high <= low * 1.06, "{what} {options:?}: heads from {low:.1} to {high:.1} pt");
    });
}

/// The safety panel: the tinted box at the foot of the card.
fn panel(page: &Page) -> Rect {
    let boxes: Vec<Rect> = page
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Box { rect, fill: Some(_), .. } => Some(*rect),
            _ => None,
        })
        .collect();
    assert_eq!(boxes.len(), 1, "one tinted box: {boxes:?}");
    boxes[0]
}

#[test]
fn the_safety_panel_is_small_and_keeps_every_emergency_sign() {
    every_card(|what, options, card, library| {
        let page = &card.document.pages[0];
        let share = panel(page).h / page.size.h;
        // About a fifth of the page in normal print on A4 and Letter; A5
        // and large print need more for the same lists at their sizes.
        let most = match (options.paper == stretchsheet::doc::Paper::A5, options.large_print) {
            (false, false) => 0.2,
            (true, false) => 0.36,
            (_, true) => 0.5,
        };
        assert!(share <= most, "{what} {options:?}: the safety panel takes {:.0} %", share * 100.0);
        let text =
            crate::harness::squash(&page.texts().map(|t| t.text.as_str()).collect::<Vec<_>>().join(" "));
        let safety = library.safety();
        for item in safety.brief.emergency.iter().chain(&safety.brief.stop) {
            assert!(
                text.contains(&crate::harness::squash(item.trim_end_matches('.'))),
                "{what} {options:?}: {item:?} missing"
            );
        }
        assert!(
            text.contains(&crate::harness::squash(&safety.brief.more)),
            "{what} {options:?}: no pointer to the full lists"
        );
    });
}

#[test]
fn each_stretch_says_who_should_skip_it() {
    every_card(|what, options, card, library| {
        let text = crate::harness::squash(&card.document.text());
        for id in &card.shown_ids {
            let stretch = library.stretch(id).unwrap();
            assert_eq!(
                text.matches("Skip if:").count() >= 1,
                card.shown_ids.iter().any(|id| !library.stretch(id).unwrap().avoid_if.is_empty()),
                "{what} {options:?}"
            );
            if stretch.avoid_if.is_empty() {
                continue;
            }
            let pos = text.find(&stretch.name).unwrap_or_else(|| panic!("{what} {options:?}: {id} missing"));
            assert!(text[pos..].contains("Skip if:"), "{what} {options:?}: {id} has no skip-if line");
        }
    });
}

#[test]
fn no_line_on_any_card_runs_over_90_characters() {
    every_card(|what, options, card, _| {
        for run in card.document.pages[0].texts() {
            let n = run.text.chars().count();
            assert!(n <= 90, "{what} {options:?}: a line of {n} characters: {:?}", run.text);
        }
    });
}

#[test]
fn names_break_evenly_and_safety_lines_do_not_repeat_themselves() {
    every_card(|what, options, card, library| {
        let runs: Vec<&str> = card.document.pages[0].texts().map(|t| t.text.as_str()).collect();
        for id in &card.shown_ids {
            let name = &library.stretch(id).unwrap().name;
            let last = name.split_whitespace().last().unwrap_or_default();
            if name.contains(' ') {
                assert!(
                    !runs.contains(&last),
                    "{what} {options:?}: {name:?} leaves {last:?} alone on a line"
                );
            }
        }
        let text = crate::harness::squash(&runs.join(" "));
        assert!(!text.contains("Stop: Stop") && !text.contains("Stop if: Stop"), "{what} {options:?}");
    });
}

#[test]
fn a5_without_large_print_never_suggests_leaving_it_out() {
    let dir = tempdir();
    let out = run_in(dir.path(), &card_args("card.pdf", &["--paper", "a5"]));
    ok(&out);
    let note = stderr(&out);
    assert!(note.contains("the card has room for") && note.contains("use A4 or Letter paper"), "{note}");
    assert!(!note.contains("--large-print"), "{note}");
    let out = run_in(dir.path(), &card_args("card.pdf", &["--paper", "a5", "--large-print"]));
    assert!(stderr(&out).contains("leave out --large-print"), "{}", stderr(&out));
}
