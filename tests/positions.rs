//! A plan draws each stretch in the position it chose: an older adult with
//! a chair is shown a "standing or seated" stretch seated on a chair, and
//! chin tucks planned standing (no chair to sit on) are drawn without one.
//! Checked on the laid-out routine pages through the library's API: in a
//! routine row, the thumbnail left of the stretch's name draws a chair
//! (the only prop of these upper-body figures, whose floor is cut off) or
//! not.

use std::collections::BTreeSet;

use stretchsheet::content::Position;
use stretchsheet::doc::{Document, Item, Page, TextRun};
use stretchsheet::layout::SheetOptions;
use stretchsheet::layout::sheets::{self, Photos};
use stretchsheet::plan::{self, Calendar, Plan, Request};

fn calendar() -> Calendar {
    Calendar { start: "2026-12-07".parse().unwrap(), days: Calendar::spread(3), weeks: 4 }
}

/// The position `plan` has `id` done in, which must differ from the
/// stretch's default for the check to mean anything.
fn moved_position(plan: &Plan, library: &stretchsheet::content::Library, id: &str) -> Position {
    let item = plan.sessions.iter().flat_map(|s| &s.items).find(|i| i.id == id);
    let position = item.unwrap_or_else(|| panic!("{id} is not in the plan")).position;
    assert_ne!(library.stretch(id).unwrap().position(), position, "{id} is planned in its default position");
    position
}

/// For each routine row of `name` (its heading "N. Name", with the
/// position line "Seated · …" under it), whether its thumbnail draws a
/// prop line.
fn rows_with_props(doc: &Document, name: &str, position: Position) -> Vec<bool> {
    let word = format!("{} ·", capitalised(position.as_str()));
    let mut found = Vec::new();
    for page in &doc.pages {
        let mut tops: Vec<f32> = headings(page).map(|t| t.origin.y).collect();
        tops.sort_by(f32::total_cmp);
        for heading in headings(page).filter(|t| t.text.ends_with(&format!(". {name}"))) {
            let (y, x) = (heading.origin.y, heading.origin.x);
            let next = tops.iter().copied().find(|&top| top > y + 1.0).unwrap_or(f32::MAX);
            let band = |top: f32| top >= y - 12.0 && top < next - 12.0;
            if !page.texts().any(|t| band(t.origin.y) && t.text.starts_with(&word)) {
                continue;
            }
            let props = page.items.iter().any(|item| match item {
                Item::Path(path) => {
                    let b = item.bounds();
                    path.stroke.is_some_and(|s| s.color == stretchsheet::figure::PROP_LINE)
                        && b.right() < x
                        && band(b.y)
                }
                _ => false,
            });
            found.push(props);
        }
    }
    found
}

/// The headings of the page's rows and exercises: "3. Chin tucks".
fn headings(page: &Page) -> impl Iterator<Item = &TextRun> {
    page.texts().filter(|t| {
        t.text.split_once(". ").is_some_and(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
    })
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

#[test]
fn an_older_adult_with_a_chair_is_drawn_seated_on_it() {
    let library = stretchsheet::content::built_in().unwrap();
    let request = Request { older: true, ..Request::new(vec!["posture".into()], 10) };
    let plan = plan::build(&library, &request, &calendar()).unwrap();
    let id = "shoulder-blade-squeeze";
    let position = moved_position(&plan, &library, id);
    assert_eq!(position, Position::Seated);
    let doc = sheets::plan(&plan, &library, &Photos::new(), &SheetOptions::default());
    let rows = rows_with_props(&doc, &library.stretch(id).unwrap().name, position);
    assert!(!rows.is_empty(), "no routine row for {id}");
    assert!(rows.iter().all(|&chair| chair), "{id} planned seated is drawn without a chair: {rows:?}");
}

#[test]
fn chin_tucks_planned_standing_are_drawn_without_a_chair() {
    let library = stretchsheet::content::built_in().unwrap();
    let request = Request { equipment: BTreeSet::new(), ..Request::new(vec!["posture".into()], 10) };
    let plan = plan::build(&library, &request, &calendar()).unwrap();
    let position = moved_position(&plan, &library, "chin-tucks");
    assert_eq!(position, Position::Standing);
    let doc = sheets::plan(&plan, &library, &Photos::new(), &SheetOptions::default());
    let rows = rows_with_props(&doc, "Chin tucks", position);
    assert!(!rows.is_empty(), "no routine row for chin tucks");
    assert!(rows.iter().all(|&chair| !chair), "chin tucks planned standing are drawn on a chair: {rows:?}");
    // The same check finds the chair of a stretch drawn seated.
    let seated = Request { older: true, ..Request::new(vec!["posture".into()], 10) };
    let plan = plan::build(&library, &seated, &calendar()).unwrap();
    let doc = sheets::plan(&plan, &library, &Photos::new(), &SheetOptions::default());
    let rows = rows_with_props(&doc, "Chin tucks", Position::Seated);
    assert!(!rows.is_empty() && rows.iter().all(|&chair| chair), "{rows:?}");
}
