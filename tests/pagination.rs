//! Pagination rules, held over the laid-out pages of every sheet kind ×
//! paper × orientation × print size: a heading (a line set wholly in bold)
//! never ends a page; a list of stop rules or warning signs is never split
//! across pages; no page but the last carries less than a fifth of its
//! content height; the disclaimer never sits on a page of its own; an
//! exercise's steps never leave the page of its figure (steps too long for
//! one page go on with the figure and name shown again).

use stretchsheet::content::{Clinic, Library, Safety};
use stretchsheet::doc::geom::mm;
use stretchsheet::doc::{Document, Face, Item, Page};
use stretchsheet::layout::SheetOptions;
use stretchsheet::layout::sheets::{self, Photos};
use stretchsheet::plan::{self, Calendar, Request};

use crate::handout::long_notes;
use crate::harness::{is_running_line, squash};
use crate::layout::{desk_break, exercises, handout, options};

/// A sheet laid out, with what the rules need to know about it.
struct Sheet<'a> {
    what: String,
    doc: Document,
    footer: &'a str,
    /// Stretches whose full steps the sheet prints beside their figures.
    exercises: Vec<&'a stretchsheet::content::Stretch>,
}

/// Every sheet kind in `options`.
fn sheets<'a>(
    library: &'a Library,
    clinic: &'a Clinic,
    notes: &'a str,
    options: &SheetOptions,
) -> Vec<Sheet<'a>> {
    let mut out = Vec::new();
    let desk = desk_break(library);
    let card = sheets::card(&desk, library.safety(), &Photos::new(), options);
    out.push(Sheet { what: "card".into(), doc: card.document, footer: "", exercises: vec![] });
    for weeks in [4, 12] {
        let request = Request::new(vec!["posture".into()], 10);
        let calendar = Calendar { start: "2026-11-25".parse().unwrap(), days: Calendar::spread(3), weeks };
        let p = plan::build(library, &request, &calendar).unwrap();
        let doc = sheets::plan(&p, library, &Photos::new(), options);
        let exercises = p.stretch_ids().iter().filter_map(|id| library.stretch(id)).collect();
        out.push(Sheet { what: format!("{weeks}-week plan"), doc, footer: sheets::parts::FOOTER, exercises });
    }
    for (what, notes) in [("handout", "Keep your shoulders relaxed."), ("handout with long notes", notes)] {
        let h = handout(library, clinic, "Ann Lee", notes);
        let doc = sheets::handout(&h, library.safety(), &Photos::new(), options);
        let exercises = h.exercises.iter().map(|e| e.stretch).collect();
        out.push(Sheet { what: what.into(), doc, footer: sheets::parts::FOOTER, exercises });
    }
    let short = sheets::Handout { notes: None, ..handout(library, clinic, "Ann Lee", "") };
    let one = sheets::Handout { exercises: exercises(library, &["cat-cow"]), ..short };
    let doc = sheets::handout(&one, library.safety(), &Photos::new(), options);
    out.push(Sheet {
        what: "one-exercise handout".into(),
        doc,
        footer: sheets::parts::FOOTER,
        exercises: vec![],
    });
    let doc = sheets::gallery(library, &Photos::new(), options);
    out.push(Sheet { what: "gallery".into(), doc, footer: sheets::parts::FOOTER, exercises: vec![] });
    out
}

/// A page's text runs that are not running matter (page number, footer,
/// "(continued)" header).
fn content_runs<'p>(page: &'p Page, footer: &str) -> Vec<&'p stretchsheet::doc::TextRun> {
    page.texts().filter(|t| !is_running_line(&t.text, footer) && !footer_part(&t.text, footer)).collect()
}

/// Whether `text` is a line of the wrapped footer.
fn footer_part(text: &str, footer: &str) -> bool {
    !footer.is_empty() && footer.contains(text.trim()) && text.trim().len() > 3
}

/// The share of the page's content height its content spans: from the
/// top margin (under a running header) to the lowest item that is not
/// running matter.
fn fill(page: &Page, footer: &str, options: &SheetOptions) -> f32 {
    let size = options.paper.size(options.landscape);
    let running: Vec<f32> = page
        .texts()
        .filter(|t| is_running_line(&t.text, footer) || footer_part(&t.text, footer))
        .map(|t| t.origin.y)
        .collect();
    let header_y = page.texts().filter(|t| t.text.ends_with("(continued)")).map(|t| t.origin.y).next();
    let is_running_item = |item: &Item| match item {
        Item::Text(t) => {
            running.contains(&t.origin.y)
                && (is_running_line(&t.text, footer) || footer_part(&t.text, footer))
        }
        Item::Line { from, to, .. } => {
            header_y.is_some_and(|y| (from.y - y).abs() < 14.0 && (to.y - from.y).abs() < 0.01)
        }
        _ => false,
    };
    let content: Vec<_> = page.items.iter().filter(|i| !is_running_item(i)).map(|i| i.bounds()).collect();
    let top = content.iter().map(|b| b.y).fold(f32::MAX, f32::min);
    let bottom = content.iter().map(|b| b.bottom()).fold(f32::MIN, f32::max);
    let frame_h = size.h - 2.0 * mm(12.0);
    ((bottom - top) / frame_h).max(0.0)
}

/// The runs on the lowest content line of a page.
fn last_line<'p>(page: &'p Page, footer: &str) -> Vec<&'p stretchsheet::doc::TextRun> {
    let runs = content_runs(page, footer);
    let low = runs.iter().map(|t| t.origin.y).fold(f32::MIN, f32::max);
    runs.into_iter().filter(|t| (t.origin.y - low).abs() < 1.0).collect()
}

fn page_text(page: &Page) -> String {
    squash(&page.texts().map(|t| t.text.as_str()).collect::<Vec<_>>().join(" "))
}

/// The safety lists a sheet may print, whole or in brief.
fn lists(safety: &Safety) -> Vec<(&'static str, &Vec<String>)> {
    vec![
        ("stop rules", &safety.stop),
        ("emergency signs", &safety.emergency),
        ("same-day signs", &safety.urgent),
        ("see-a-doctor signs", &safety.see_doctor),
        ("brief stop rules", &safety.brief.stop),
    ]
}

/// Checks every rule, each problem found going to `problems`.
fn check_rules(sheet: &Sheet, safety: &Safety, options: &SheetOptions, problems: &mut Vec<String>) {
    let what = format!("{} {options:?}", sheet.what);
    let pages = &sheet.doc.pages;
    let texts: Vec<String> = pages.iter().map(page_text).collect();
    for (p, page) in pages.iter().enumerate() {
        let last = p + 1 == pages.len();
        if !last {
            let line = last_line(page, sheet.footer);
            // A heading or label is a line wholly in bold with a word in it (not
            // a row of routine letters).
            let all_bold = line.iter().all(|t| t.face == Face::Bold)
                && line.iter().any(|t| t.text.chars().filter(|c| c.is_alphabetic()).count() >= 3);
            let words: Vec<&str> = line.iter().map(|t| t.text.as_str()).collect();
            if all_bold {
                problems.push(format!("{what}: page {} ends with a heading {words:?}", p + 1));
            }
            let f = fill(page, sheet.footer, options);
            if f < 0.2 {
                problems.push(format!("{what}: page {} carries only {:.0} % of a page", p + 1, f * 100.0));
            }
        }
    }
    for (name, list) in lists(safety) {
        let on: Vec<usize> =
            (0..pages.len()).filter(|&p| list.iter().any(|item| texts[p].contains(&squash(item)))).collect();
        if let Some(&first) = on.first() {
            for item in list {
                if !texts[first].contains(&squash(item)) {
                    problems.push(format!(
                        "{what}: {name} split across pages ({item:?} not on page {})",
                        first + 1
                    ));
                }
            }
        }
    }
    let disclaimer = squash(&safety.disclaimer);
    for (p, text) in texts.iter().enumerate() {
        if text.contains(&disclaimer) {
            let rest = text.replace(&disclaimer, "");
            if rest.len() <= 200 {
                problems.push(format!("{what}: the disclaimer sits alone on page {}", p + 1));
            }
        }
    }
    for stretch in &sheet.exercises {
        // A step another exercise of the sheet shares word for word ("Get
        // onto your hands and knees…") says nothing about where this one is.
        let own = |step: &&String| {
            !sheet.exercises.iter().any(|other| other.id != stretch.id && other.steps.contains(step))
        };
        let on: Vec<usize> = (0..pages.len())
            .filter(|&p| stretch.steps.iter().filter(own).any(|s| texts[p].contains(&squash(s))))
            .collect();
        // Steps may run over pages only where each page shows the figure
        // and the name again.
        let whole = on.len() == 1
            || on.iter().all(|&p| {
                texts[p].contains(&squash(&stretch.name))
                    && crate::card::figures(&pages[p])
                        .iter()
                        .any(|(r, _)| crate::card::figure_size(r) >= mm(50.0))
            });
        if !whole {
            problems.push(format!("{what}: the steps of {} run over pages {on:?}", stretch.id));
        }
    }
}

/// Every sheet kind × paper × orientation × print size, checked against
/// every rule: the problems found.
fn check_every_sheet() -> Vec<String> {
    let library = stretchsheet::content::built_in().unwrap();
    let clinic = Clinic {
        name: "Riverside Physiotherapy".into(),
        phone: Some("+1 555 0100".into()),
        ..Default::default()
    };
    let notes = long_notes();
    let mut problems = Vec::new();
    for options in options() {
        for sheet in sheets(&library, &clinic, &notes, &options) {
            check_rules(&sheet, library.safety(), &options, &mut problems);
        }
    }
    problems
}

#[test]
fn pagination_rules_hold_on_every_sheet_paper_orientation_and_print_size() {
    let problems = check_every_sheet();
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
}
