//! Print quality of every sheet, checked on the laid-out pages (no PDF
//! needed): on every paper, orientation and print size, nothing comes
//! within 12 mm of the paper's edge, no two pieces of text overlap, body
//! text is never below 10 pt (14 pt in large print), and the card is one
//! page.

use stretchsheet::content::{Library, built_in};
use stretchsheet::doc::geom::mm;
use stretchsheet::doc::{Document, Item, Paper, Rect};
use stretchsheet::layout::SheetOptions;
use stretchsheet::layout::sheets::{self, Exercise, Handout, Photos};
use stretchsheet::plan::{self, Calendar, Prescription, Request};

fn options() -> Vec<SheetOptions> {
    let mut all = Vec::new();
    for paper in Paper::ALL {
        for landscape in [false, true] {
            for large_print in [false, true] {
                all.push(SheetOptions { paper, landscape, large_print, title: None });
            }
        }
    }
    all
}

fn check(doc: &Document, options: &SheetOptions, what: &str) {
    let size = options.paper.size(options.landscape);
    let edge = mm(12.0);
    let frame = Rect::new(edge, edge, size.w - 2.0 * edge, size.h - 2.0 * edge);
    let min_text = if options.large_print { 14.0 } else { 10.0 };
    for (p, page) in doc.pages.iter().enumerate() {
        assert_eq!(page.size, size, "{what} page {p}");
        for item in &page.items {
            let b = item.bounds();
            assert!(
                frame.contains(&b),
                "{what} {options:?} page {}: {b:?} is within 12 mm of the edge",
                p + 1
            );
        }
        let runs: Vec<_> = page.texts().collect();
        for run in &runs {
            assert!(run.size >= min_text - 0.01, "{what} {options:?}: {:?} at {} pt", run.text, run.size);
        }
        for (i, a) in runs.iter().enumerate() {
            for b in &runs[i + 1..] {
                assert!(
                    !a.bounds().overlaps(&b.bounds()),
                    "{what} {options:?} page {}: {:?} overlaps {:?}",
                    p + 1,
                    a.text,
                    b.text
                );
            }
        }
    }
}

fn exercises<'a>(library: &'a Library, ids: &[&str]) -> Vec<Exercise<'a>> {
    ids.iter()
        .map(|id| {
            let stretch = library.stretch(id).unwrap();
            let dose = Prescription::standard(&stretch.dose, false);
            Exercise { stretch, dose, seconds: plan::timing::stretch_s(stretch, &dose) }
        })
        .collect()
}

#[test]
fn the_card_is_one_clean_page_everywhere() {
    let library = built_in().unwrap();
    let request = Request { quick: true, ..Request::new(vec!["desk-break".into()], 5) };
    let routine = plan::select(&library, &request).unwrap();
    let ids: Vec<&str> = routine.items.iter().map(|i| i.id.as_str()).collect();
    // What `card` shows by default: the desk break at its own short doses.
    let desk_break: Vec<Exercise> = routine
        .items
        .iter()
        .map(|i| Exercise {
            stretch: library.stretch(&i.id).unwrap(),
            dose: i.prescription,
            seconds: i.seconds,
        })
        .collect();
    // What `card --stretch …` shows: the same stretches at standard doses,
    // whose longer dose lines take more room.
    let standard = exercises(&library, &ids);
    assert!(desk_break.len() >= 5, "a 5-minute desk break has 5 or more stretches");
    for options in options() {
        for (entries, what) in [(&desk_break, "desk break"), (&standard, "standard doses")] {
            let card = sheets::card(entries, library.safety(), &Photos::default(), &options);
            assert_eq!(card.document.pages.len(), 1);
            // Five or more in normal print on every paper and orientation;
            // A5 turned sideways holds four at standard doses.
            let sideways_a5 = options.paper == Paper::A5 && options.landscape;
            let least = if sideways_a5 && what == "standard doses" { 4 } else { 5 };
            if !options.large_print {
                assert!(card.shown >= least, "{what} {options:?} shows only {}", card.shown);
            }
            assert!(card.shown >= 1);
            check(&card.document, &options, "card");
        }
    }
}

#[test]
fn the_plan_is_clean_everywhere() {
    let library = built_in().unwrap();
    let request = Request::new(vec!["posture".into()], 10);
    let calendar = Calendar { start: "2026-11-25".parse().unwrap(), days: Calendar::spread(7), weeks: 12 };
    let plan = plan::build(&library, &request, &calendar).unwrap();
    for options in options() {
        let doc = sheets::plan(&plan, &library, &Photos::default(), &options);
        check(&doc, &options, "plan");
    }
}

#[test]
fn the_handout_is_clean_everywhere() {
    let library = built_in().unwrap();
    let name = (0..34).map(|i| format!("Name{i:04}")).collect::<Vec<_>>().join(" ");
    let notes = vec!["Keep your shoulders relaxed and breathe out as you stretch."; 200].join("\n\n");
    let clinic = stretchsheet::content::Clinic {
        name: "Riverside Physiotherapy and Sports Injury Clinic of the Greater Springfield Area".into(),
        address: Some("12 River Street, Springfield".into()),
        phone: Some("+1 555 0100".into()),
        ..Default::default()
    };
    let handout = Handout {
        clinic: Some(&clinic),
        patient: Some(&name),
        clinician: Some("Sam Patel"),
        date: "2026-11-21".parse().unwrap(),
        notes: Some(&notes),
        exercises: exercises(
            &library,
            &["doorway-chest-stretch", "cat-cow", "thread-the-needle", "towel-thoracic-extension"],
        ),
        per_day: Some(2),
        per_week: Some(5),
        follow_up: Some("2026-12-10".parse().unwrap()),
    };
    for options in options() {
        let doc = sheets::handout(&handout, library.safety(), &Photos::default(), &options);
        check(&doc, &options, "handout");
    }
}

#[test]
fn the_gallery_is_clean_everywhere_and_has_every_stretch_and_figure() {
    let library = built_in().unwrap();
    for options in options() {
        let doc = sheets::gallery(&library, &Photos::default(), &options);
        check(&doc, &options, "gallery");
        let text = doc.text().split_whitespace().collect::<Vec<_>>().join(" ");
        for stretch in library.stretches() {
            assert!(text.contains(&stretch.name), "{} missing", stretch.name);
            assert!(text.contains(&format!("id: {}", stretch.id)), "{} id missing", stretch.id);
        }
        // One figure per stretch: each draws a filled head (a closed, filled
        // path); count them against the stretches.
        let heads = doc
            .pages
            .iter()
            .flat_map(|p| &p.items)
            .filter(|i| matches!(i, Item::Path(path) if path.closed && path.fill == Some(stretchsheet::figure::INK)))
            .count();
        assert!(
            heads >= library.stretches().len(),
            "{heads} heads for {} stretches",
            library.stretches().len()
        );
    }
}
