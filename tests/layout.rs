//! Every sheet checked on its laid-out pages, no PDF needed: on every
//! paper, orientation and print size nothing comes within 12 mm of the
//! paper's edge, no two pieces of text overlap, body text is never below
//! 10 pt (14 pt in large print), the card is one page, and each sheet's
//! text holds what it must (steps, stop rules, warning signs, sessions,
//! names and notes whole). Also the snapshot of a routine, which has no
//! command-line form.
//!
//! With `pagination` and the laid-out halves of `card` and `gallery`, it
//! uses the library's API (the others run the binary).

use stretchsheet::content::{Clinic, Library, Safety};
use stretchsheet::doc::geom::mm;
use stretchsheet::doc::{Document, Item, Paper, Rect};
use stretchsheet::layout::SheetOptions;
use stretchsheet::layout::sheets::{self, Exercise, Handout, Photos};
use stretchsheet::plan::{self, Calendar, Plan, Prescription, Request};

use crate::handout::{long_name, long_notes};
use crate::harness::{assert_has_all, body_of, snapshot, squash};

/// A posture plan of `minutes` a session, `days` a week, for `weeks`,
/// from 25 November 2026.
fn posture_plan(library: &Library, minutes: u32, days: u32, weeks: u32) -> Plan {
    let request = Request::new(vec!["posture".into()], minutes);
    let calendar = Calendar { start: "2026-11-25".parse().unwrap(), days: Calendar::spread(days), weeks };
    plan::build(library, &request, &calendar).unwrap()
}

/// Every paper × orientation × print size.
pub fn options() -> Vec<SheetOptions> {
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

/// The print-quality rules of the file's doc comment, on every page.
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

/// A document's body text: its text runs without the running lines (page
/// numbers, "(continued)" headers, the footer), whitespace collapsed, as
/// the PDF tests read it back.
fn body(doc: &Document, footer: &str) -> String {
    body_of(doc.pages.iter().flat_map(|p| p.texts()).map(|run| run.text.as_str()), footer)
}

/// Every warning a sheet must carry: call now, same day, see a doctor, stop.
fn red_flags(safety: &Safety) -> impl Iterator<Item = &String> {
    safety.emergency.iter().chain(&safety.urgent).chain(&safety.see_doctor).chain(&safety.stop)
}

/// The stretches at their standard doses, as `--stretch ID` gives them.
/// What `card` shows by default: the 5-minute desk break the planner
/// picks, at its own short doses.
pub fn desk_break(library: &Library) -> Vec<Exercise<'_>> {
    let request = Request { quick: true, ..Request::new(vec!["desk-break".into()], 5) };
    let routine = plan::select(library, &request).unwrap();
    routine
        .items
        .iter()
        .map(|i| Exercise {
            stretch: library.stretch(&i.id).unwrap(),
            dose: i.prescription,
            seconds: i.seconds,
        })
        .collect()
}

pub fn exercises<'a>(library: &'a Library, ids: &[&str]) -> Vec<Exercise<'a>> {
    ids.iter()
        .map(|id| {
            let stretch = library.stretch(id).unwrap();
            let dose = Prescription::standard(&stretch.dose, false);
            Exercise { stretch, dose, seconds: plan::timing::stretch_s(stretch, &dose) }
        })
        .collect()
}

/// The card's text: the shown stretches by name with their card steps,
/// and the safety panel whole: every stop rule under the emergency
/// heading, or (where room is short) the short forms of both.
fn check_card_text(doc: &Document, shown: &[Exercise], safety: &Safety, what: &str) {
    let text = body(doc, "");
    for exercise in shown {
        assert!(text.contains(&exercise.stretch.name), "{what}: {} missing", exercise.stretch.name);
        assert_has_all(&text, &format!("{what}: step"), exercise.stretch.card_steps());
    }
    if text.contains("Call emergency services now if") {
        assert_has_all(&text, &format!("{what}: stop rule"), &safety.stop);
    } else {
        let signs: Vec<String> = safety.brief.emergency.iter().map(|s| s.to_lowercase()).collect();
        assert_has_all(&text.to_lowercase(), &format!("{what}: short emergency signs"), &signs);
    }
}

#[test]
fn the_card_is_one_clean_page_everywhere_with_every_step_shown() {
    let library = stretchsheet::content::built_in().unwrap();
    // What `card` shows by default: the desk break at its own short doses.
    let desk_break = desk_break(&library);
    let ids: Vec<&str> = desk_break.iter().map(|e| e.stretch.id.as_str()).collect();
    // What `card --stretch …` shows: the same stretches at standard doses,
    // whose longer dose lines take more room.
    let standard = exercises(&library, &ids);
    assert!(desk_break.len() >= 5, "a 5-minute desk break has 5 or more stretches");
    for options in options() {
        for (entries, what) in [(&desk_break, "desk break"), (&standard, "standard doses")] {
            let card = sheets::card(entries, library.safety(), &Photos::new(), &options);
            assert_eq!(card.document.pages.len(), 1);
            // Figures keep their size, so smaller pages show fewer: five or
            // more on A4 or Letter upright in normal print, four sideways,
            // and at least one everywhere.
            let large_paper = options.paper != Paper::A5 && !options.large_print;
            let least = match (large_paper, options.landscape) {
                (true, false) => 5,
                (true, true) => 4,
                (false, _) => 1,
            };
            assert!(card.shown >= least, "{what} {options:?} shows only {}", card.shown);
            assert_eq!(card.shown, card.shown_ids.len());
            check(&card.document, &options, "card");
            let what = format!("card of the {what} {options:?}");
            let shown: Vec<Exercise> =
                entries.iter().filter(|e| card.shown_ids.contains(&e.stretch.id)).copied().collect();
            check_card_text(&card.document, &shown, library.safety(), &what);
            // The same-day signs in brief, but where a large-print A5
            // card on its side has no room beside its one stretch.
            let bare = options.paper == Paper::A5 && options.landscape && options.large_print;
            assert!(
                bare || body(&card.document, "").contains("See a doctor today:"),
                "{what}: no same-day line"
            );
        }
    }
}

#[test]
fn the_plan_is_clean_everywhere_with_every_step_warning_and_session() {
    let library = stretchsheet::content::built_in().unwrap();
    let plan = posture_plan(&library, 10, 7, 12);
    for options in options() {
        let doc = sheets::plan(&plan, &library, &Photos::new(), &options);
        check(&doc, &options, "plan");
        let what = format!("plan {options:?}");
        let text = body(&doc, sheets::parts::FOOTER);
        for id in plan.stretch_ids() {
            let stretch = library.stretch(id).unwrap();
            assert!(text.contains(&stretch.name), "{what}: {} missing", stretch.name);
            assert_has_all(&text, &format!("{what}: step"), &stretch.steps);
        }
        assert_has_all(&text, &format!("{what}: red flag"), red_flags(library.safety()));
        for session in &plan.sessions {
            let label =
                format!("{} · {}", session.date.format("%a %-d %b"), plan.routines[session.routine].label);
            assert!(text.contains(&label), "{what}: log row missing: {label}");
        }
        for week in 1..=plan.calendar.weeks {
            assert!(text.contains(&format!("Week {week}")), "{what}: week {week} missing");
        }
    }
}

/// A posture plan (`minutes` a session, `per_week` sessions, `weeks`)
/// laid out on every paper, orientation and print size.
fn plan_sheets(minutes: u32, per_week: u32, weeks: u32) -> Vec<(SheetOptions, Document)> {
    let library = stretchsheet::content::built_in().unwrap();
    let plan = posture_plan(&library, minutes, per_week, weeks);
    options()
        .into_iter()
        .map(|options| {
            let doc = sheets::plan(&plan, &library, &Photos::new(), &options);
            (options, doc)
        })
        .collect()
}

/// What to check before the first session comes before the routines on
/// every paper (on the first page of A4 and Letter in normal print), and
/// is printed once.
#[test]
fn a_plan_says_what_to_check_before_starting_on_its_first_page() {
    for (options, doc) in plan_sheets(10, 3, 4) {
        let text = |page: &stretchsheet::doc::Page| {
            page.texts().map(|t| t.text.as_str()).collect::<Vec<_>>().join(" ")
        };
        let pages: Vec<String> = doc.pages.iter().map(text).collect();
        let before = pages.iter().position(|p| p.contains("Before you start"));
        let routines = pages.iter().position(|p| p.contains("Routine A"));
        assert!(
            before.is_some() && before <= routines,
            "{options:?}: on page {before:?}, routines from {routines:?}"
        );
        if !options.large_print && options.paper != stretchsheet::doc::Paper::A5 {
            assert_eq!(before, Some(0), "{options:?}: not on page 1");
        }
        assert_eq!(pages.join(" ").matches("Before you start").count(), 1, "{options:?}");
    }
}

/// A routine whose rows go on over a page says so at the top of that page,
/// and nowhere else: "Routine A, continued" comes first after the running
/// header.
#[test]
fn routine_rows_that_go_over_a_page_say_whose_they_are() {
    let mut seen = 0;
    for (options, doc) in plan_sheets(10, 3, 4) {
        for (n, page) in doc.pages.iter().enumerate() {
            let texts: Vec<&str> = page.texts().map(|t| t.text.as_str()).collect();
            if let Some(at) =
                texts.iter().position(|t| t.starts_with("Routine ") && t.ends_with(", continued"))
            {
                assert_eq!(at, 1, "{options:?} page {}: {texts:?}", n + 1);
                assert!(texts[0].ends_with("(continued)"), "{options:?} page {}: {texts:?}", n + 1);
                seen += 1;
            }
        }
    }
    assert!(seen > 0, "no routine went over a page on any paper");
}

/// The plan's lines of text (runs on one baseline that touch) stay under
/// about 90 characters on every paper, landscape and wide pages included.
#[test]
fn plan_lines_stay_under_about_90_characters_on_every_paper() {
    for (options, doc) in plan_sheets(15, 3, 4) {
        let mut widest = (0, String::new());
        for page in &doc.pages {
            let mut runs: Vec<_> = page.texts().collect();
            runs.sort_by(|a, b| a.origin.y.total_cmp(&b.origin.y).then(a.origin.x.total_cmp(&b.origin.x)));
            let mut line = String::new();
            let mut end: Option<(f32, f32)> = None;
            for run in runs {
                let joins = end.is_some_and(|(y, x)| {
                    (run.origin.y - y).abs() < 0.5 && (-1.0..6.0).contains(&(run.origin.x - x))
                });
                if !joins {
                    line.clear();
                }
                line.push_str(&run.text);
                end = Some((run.origin.y, run.origin.x + run.width));
                if line.chars().count() > widest.0 {
                    widest = (line.chars().count(), line.clone());
                }
            }
        }
        assert!(widest.0 <= 92, "{options:?}: a line of {} characters: {:?}", widest.0, widest.1);
    }
}

/// The plan's figures: at least 20 mm in the routine lists, and one of at
/// least 50 mm per stretch (and per page its steps go on to) on the
/// exercise pages, on every paper.
#[test]
fn plan_figures_are_20_mm_in_routine_lists_and_50_mm_on_exercise_pages() {
    assert!(sheets::PLAN_ROUTINE_FIGURE_MIN >= mm(20.0) && sheets::PLAN_FIGURE_MIN >= mm(50.0));
    let library = stretchsheet::content::built_in().unwrap();
    let plan = posture_plan(&library, 15, 3, 4);
    let rows: usize = (0..plan.routines.len()).map(|r| plan.routine_stretches(r).len()).sum();
    for options in options() {
        let doc = sheets::plan(&plan, &library, &Photos::new(), &options);
        let sizes: Vec<f32> = doc
            .pages
            .iter()
            .flat_map(crate::card::figures)
            .map(|(rect, _)| crate::card::figure_size(&rect) / mm(1.0))
            .collect();
        assert!(sizes.iter().all(|&s| s >= 20.0), "{options:?}: {sizes:?}");
        let large = sizes.iter().filter(|&&s| s >= 50.0).count();
        // Steps too long for one page show the figure again where they go on.
        assert!(large >= plan.stretch_ids().len(), "{options:?}: {sizes:?}");
        assert_eq!(sizes.len(), rows + large, "{options:?}: {sizes:?}");
    }
}

/// A handout with every field given and a long name and notes.
pub fn handout<'a>(library: &'a Library, clinic: &'a Clinic, name: &'a str, notes: &'a str) -> Handout<'a> {
    Handout {
        clinic: Some(clinic),
        patient: Some(name),
        clinician: Some("Sam Patel"),
        date: "2026-11-21".parse().unwrap(),
        notes: Some(notes),
        exercises: exercises(
            library,
            &["doorway-chest-stretch", "cat-cow", "thread-the-needle", "towel-thoracic-extension"],
        ),
        per_day: Some(2),
        per_week: Some(5),
        follow_up: Some("2026-12-10".parse().unwrap()),
        changes: Some(("What changed since 7 November 2026", "Cat-cow 10 times (was 8)")),
    }
}

#[test]
fn the_handout_is_clean_everywhere_with_every_step_and_warning() {
    let built_in = stretchsheet::content::built_in().unwrap();
    // Two exercises with a video, so their QR codes are laid out too.
    let mut stretches = built_in.stretches().to_vec();
    for s in stretches.iter_mut().filter(|s| s.id == "cat-cow" || s.id == "thread-the-needle") {
        s.video = Some(format!("https://videos.riverside.example/{}", s.id));
    }
    let library = Library::new(stretches, built_in.goals().to_vec(), built_in.safety().clone());
    let name = long_name();
    let notes = vec!["Keep your shoulders relaxed and breathe out as you stretch."; 200].join("\n\n");
    let clinic = Clinic {
        name: "Riverside Physiotherapy and Sports Injury Clinic of the Greater Springfield Area".into(),
        address: Some("12 River Street, Springfield".into()),
        phone: Some("+1 555 0100".into()),
        website: Some("https://www.riverside.example".into()),
        ..Default::default()
    };
    let handout = handout(&library, &clinic, &name, &notes);
    for options in options() {
        let doc = sheets::handout(&handout, library.safety(), &Photos::new(), &options);
        check(&doc, &options, "handout");
        let what = format!("handout {options:?}");
        let text = body(&doc, sheets::parts::FOOTER);
        for line in [
            "Clinician: Sam Patel",
            "Next appointment: 10 December 2026",
            "Twice a day, 5 days a week.",
            "What changed since 7 November 2026: Cat-cow 10 times (was 8).",
            "riverside.example",
        ] {
            assert!(text.contains(line), "{what}: {line:?} missing");
        }
        for exercise in &handout.exercises {
            assert_has_all(&text, &format!("{what}: step"), &exercise.stretch.steps);
        }
        assert_has_all(&text, &format!("{what}: red flag"), red_flags(library.safety()));
        let links: Vec<&str> = doc
            .pages
            .iter()
            .flat_map(|p| &p.items)
            .filter_map(|i| match i {
                Item::Link { uri, .. } => Some(uri.as_str()),
                _ => None,
            })
            .collect();
        for uri in ["https://www.riverside.example", "https://videos.riverside.example/cat-cow"] {
            assert!(links.contains(&uri), "{what}: no QR code links to {uri}");
        }
    }
}

/// Moved here from the handout's command-line tests: the same name and
/// notes, read on the laid-out pages instead of the PDF's text.
#[test]
fn the_handout_keeps_a_long_name_and_long_notes_whole() {
    let library = stretchsheet::content::built_in().unwrap();
    let footer = "Riverside Physiotherapy · Questions? Call +1 555 0100";
    let clinic =
        Clinic { name: "Riverside Physiotherapy".into(), footer: Some(footer.into()), ..Default::default() };
    let (name, notes) = (long_name(), long_notes());
    let handout = handout(&library, &clinic, &name, &notes);
    for options in options() {
        let doc = sheets::handout(&handout, library.safety(), &Photos::new(), &options);
        assert!(doc.pages.len() >= 4, "{options:?}: {} pages", doc.pages.len());
        let text = body(&doc, footer);
        assert!(text.contains(&format!("Prepared for: {name}")), "{options:?}: name not found whole");
        assert!(text.contains(&squash(&notes)), "{options:?}: notes not found whole");
    }
}

#[test]
fn the_gallery_is_clean_everywhere_and_has_every_stretch_and_figure() {
    let library = stretchsheet::content::built_in().unwrap();
    for options in options() {
        let doc = sheets::gallery(&library, &Photos::new(), &options);
        check(&doc, &options, "gallery");
        let text = squash(&doc.text());
        for stretch in library.stretches() {
            assert!(text.contains(&stretch.name), "{} missing", stretch.name);
            assert!(text.contains(&format!("id: {}", stretch.id)), "{} id missing", stretch.id);
        }
        // One figure per stretch: each draws a head (a closed, round path
        // filled with the body's fill, or with hair when seen from behind);
        // count them against the stretches.
        let heads = doc
            .pages
            .iter()
            .flat_map(|p| &p.items)
            .filter(|i| {
                let b = i.bounds();
                matches!(i, Item::Path(path) if path.closed
                    && matches!(path.fill, Some(f) if f == stretchsheet::figure::NEAR_FILL || f == stretchsheet::figure::HAIR)
                    && (b.w - b.h).abs() < 0.05 * b.w)
            })
            .count();
        assert!(
            heads >= library.stretches().len(),
            "{heads} heads for {} stretches",
            library.stretches().len()
        );
    }
}

/// A desk break picked by the planner, as a routine (no command prints
/// one alone; the card lays it out).
#[test]
fn routine_snapshot_desk_break_five_minutes() {
    let library = stretchsheet::content::built_in().unwrap();
    let routine = plan::select(&library, &Request::new(vec!["desk-break".into()], 5)).unwrap();
    snapshot("routine-desk-break-5min", &routine.to_string());
}
