//! The plan's routine pages: a heading per routine (its letter, about how
//! long it takes and the dates it is done on) and a row per stretch in
//! session order: a small figure (at least [`FIGURE_MIN`]), the name, where
//! it is done, and a small week-by-week table of its dose in this routine
//! (weeks as columns, hold and repeat as rows; weeks with the same dose
//! share a column). On wide pages the rows sit two to a line.

use super::parts::{self, Photos};
use crate::content::Each;
use crate::content::{Figure, Library, Stretch};
use crate::doc::geom::mm;
use crate::doc::{Face, Item, Point, Rect, Stroke};
use crate::layout::flow::{Block, BlockBuilder, text_run};
use crate::layout::style::Style;
use crate::layout::text::{self, Span};
use crate::plan::{Plan, Prescription, RoutineStretch};
use crate::words::about;

/// The least a routine list's figure measures (height, or length for a
/// pose lying wide).
pub const FIGURE_MIN: f32 = mm(20.0);

/// The figure frame of a routine row: the figure and its padding.
const FRAME: (f32, f32) = (mm(34.0), mm(24.5));

/// The heading of routine `r`: "Routine A", about how long it takes and
/// the dates it is done on.
pub fn heading(plan: &Plan, r: usize, style: &Style, width: f32) -> Block {
    let routine = &plan.routines[r];
    let dates: Vec<String> = plan
        .sessions
        .iter()
        .filter(|s| s.routine == r)
        .map(|s| s.date.format("%a %-d %b").to_string())
        .collect();
    let mut about = format!(
        "{} a session in week 1. Do it on: {}.",
        capitalised(&about(routine.total_s)),
        dates_in_brief(&dates)
    );
    if let Some(note) = routine.rounds_note() {
        about.push(' ');
        about.push_str(&note);
    }
    let mut b = BlockBuilder::new(width);
    let size = style.title;
    b.paragraph(
        &[Span::bold(&format!("Routine {}", routine.label))],
        size,
        size * 1.2,
        style.accent,
        0.0,
        false,
    );
    let text_w = width.min(super::parts::measure(style));
    let mut t = BlockBuilder::new(text_w);
    t.paragraph(&[Span::regular(&about)], style.body, style.line(style.body), style.ink, 0.0, false);
    b.stack(&t.finish());
    b.gap(4.0);
    b.rule(Stroke::solid(1.5, style.accent));
    b.finish()
}

/// The heading over a routine's rows that go on over a page: "Routine A,
/// continued".
pub fn continued(plan: &Plan, r: usize, style: &Style, width: f32) -> Block {
    let mut b = BlockBuilder::new(width);
    let size = style.heading;
    let title = format!("Routine {}, continued", plan.routines[r].label);
    b.paragraph(&[Span::bold(&title)], size, size * 1.2, style.accent, 0.0, false);
    b.gap(2.0);
    b.rule(Stroke::solid(1.0, style.accent));
    b.finish()
}

/// The most dates a routine's heading lists in full.
const DATES_LISTED: usize = 8;

/// `dates` joined, or past [`DATES_LISTED`] the first few and how many
/// more the calendar shows.
fn dates_in_brief(dates: &[String]) -> String {
    if dates.len() <= DATES_LISTED {
        return dates.join(", ");
    }
    let shown = DATES_LISTED - 2;
    format!("{} and {} more days (see the calendar)", dates[..shown].join(", "), dates.len() - shown)
}

fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// What the rows of a routine page share.
pub struct Rows<'a> {
    pub plan: &'a Plan,
    pub library: &'a Library,
    pub photos: &'a Photos,
    pub style: &'a Style,
}

impl Rows<'_> {
    /// One stretch of routine `r`, `width` wide: a small figure, its name,
    /// where it is done and about how long it takes, and its dose table.
    pub fn row(&self, r: usize, number: usize, rs: &RoutineStretch, width: f32) -> Block {
        let Rows { plan, library, photos, style } = *self;
        let item = rs.item;
        let text_x = FRAME.0 + mm(3.0);
        let text_w = width - text_x;
        let mut t = BlockBuilder::new(text_w);
        let size = style.body;
        let name = format!("{number}. {}", item.name);
        for line in &text::wrap_balanced(&[Span::bold(&name)], style.heading, text_w) {
            t.line(line, style.heading, style.line(style.heading), style.ink, 0.0);
        }
        let mut where_ = capitalised(item.position.as_str());
        if item.prescription.sides >= 2 {
            where_.push_str(match item.prescription.each {
                Each::Side => " · each side",
                Each::Direction => " · each direction",
            });
        }
        where_.push_str(&format!(" · {}", about(item.seconds)));
        if item.change_s > 0 {
            where_.push_str(&format!(" · first {}", level_words(plan, r, item)));
        }
        t.paragraph(&[Span::regular(&where_)], size, style.line(size), style.ink, 0.0, false);
        t.gap(2.0);
        let doses: Vec<Option<Prescription>> =
            (1..=plan.calendar.weeks).map(|w| plan.dose(r, &item.id, w)).collect();
        let table = dose_table(&doses, style, text_w);
        t.stack(&table);
        let text = t.finish();

        let mut b = BlockBuilder::new(width);
        if let Some(stretch) = library.stretch(&item.id).map(|s| s.as_done(item.position)) {
            let frame = Rect::new(0.0, 0.0, FRAME.0, FRAME.1);
            for i in thumbnail(&stretch, frame, style, photos) {
                b.item(i);
            }
        }
        for i in text.items_at(text_x, 0.0) {
            b.item(i);
        }
        b.gap(text.height.max(FRAME.1) + mm(0.5));
        b.rule(Stroke::solid(0.5, style.muted));
        b.finish().kept()
    }
}

/// A routine row's figure: the stretch's figure without its light grey
/// start pose (too faint to read this small; the arrows still show the
/// movement, and the exercise page shows both), or its photo.
fn thumbnail(stretch: &Stretch, frame: Rect, style: &Style, photos: &Photos) -> Vec<Item> {
    match &stretch.figure {
        Some(figure) if figure.start.is_some() && !photos.contains_key(&stretch.id) => {
            let end_only = Figure { start: None, ..figure.clone() };
            crate::figure::draw(&end_only, frame)
        }
        _ => parts::figure(stretch, frame, style, photos),
    }
}

/// "sit down", "get down onto the floor", … before `item` in routine `r`.
fn level_words(plan: &Plan, r: usize, item: &crate::plan::Item) -> &'static str {
    let items = &plan.routines[r].items;
    let before =
        items.iter().position(|i| i.id == item.id).and_then(|i| i.checked_sub(1)).map(|i| items[i].position);
    match before {
        Some(from) => crate::plan::level_change_words(from, item.position),
        None => "get into position",
    }
}

/// A column of the dose table: the weeks it covers and their dose.
#[derive(Debug, Clone, PartialEq)]
struct Column {
    from: u32,
    to: u32,
    dose: Option<Prescription>,
}

/// Runs of weeks with the same dose, one column each ("Weeks 1–2").
fn columns(doses: &[Option<Prescription>]) -> Vec<Column> {
    let mut out: Vec<Column> = Vec::new();
    for (i, dose) in doses.iter().enumerate() {
        let week = i as u32 + 1;
        match out.last_mut() {
            Some(c) if c.dose == *dose => c.to = week,
            _ => out.push(Column { from: week, to: week, dose: *dose }),
        }
    }
    out
}

/// "Week 1", "Weeks 2–3".
fn week_label(c: &Column) -> String {
    if c.from == c.to { format!("Week {}", c.from) } else { format!("Weeks {}–{}", c.from, c.to) }
}

/// The rows of the table: a label and a cell per column.
fn rows(columns: &[Column]) -> Vec<(&'static str, Vec<String>)> {
    let holds = columns.iter().any(|c| c.dose.is_some_and(|d| d.hold_s.is_some()));
    let mut rows = Vec::new();
    if holds {
        let cells = columns
            .iter()
            .map(|c| c.dose.and_then(|d| d.hold_s).map_or("–".to_string(), |h| format!("{h} s")))
            .collect();
        rows.push(("Hold", cells));
    }
    let cells =
        columns.iter().map(|c| c.dose.map_or("not this week".to_string(), |d| times(d.reps))).collect();
    rows.push(("Repeat", cells));
    rows
}

/// "once", "twice", "3 times".
fn times(n: u32) -> String {
    match n {
        1 => "once".into(),
        2 => "twice".into(),
        n => format!("{n} times"),
    }
}

/// The week-by-week dose table, `width` wide at most: weeks as columns
/// under a tinted header, hold and repeat as rows, ruled between; when the columns do not fit the width, the
/// table continues in a second band under the first.
fn dose_table(doses: &[Option<Prescription>], style: &Style, width: f32) -> Block {
    let size = style.body;
    let lead = style.line(size);
    let pad = 4.0;
    let cols = columns(doses);
    let rows = rows(&cols);
    let label_w = rows.iter().map(|(l, _)| text::width(l, Face::Bold, size)).fold(0.0, f32::max) + 2.0 * pad;
    let col_w = |i: usize| {
        let head = text::width(&week_label(&cols[i]), Face::Bold, size);
        rows.iter().map(|(_, cells)| text::width(&cells[i], Face::Regular, size)).fold(head, f32::max)
            + 2.0 * pad
    };
    let widths: Vec<f32> = (0..cols.len()).map(col_w).collect();
    // Bands of columns that fit beside the labels.
    let mut bands: Vec<std::ops::Range<usize>> = Vec::new();
    let mut start = 0;
    let mut used = label_w;
    for (i, w) in widths.iter().enumerate() {
        if used + w > width && i > start {
            bands.push(start..i);
            start = i;
            used = label_w;
        }
        used += w;
    }
    bands.push(start..cols.len());
    let grid = Stroke::solid(0.6, style.muted);
    let mut b = BlockBuilder::new(width);
    for (n, band) in bands.into_iter().enumerate() {
        if n > 0 {
            b.gap(3.0);
        }
        let top = b.y();
        let row_h = lead + 2.0;
        let base =
            |row: usize| top + row as f32 * row_h + 1.0 + super::super::flow::baseline_offset(size, lead);
        // The tinted header first, so its labels print over it.
        let right = label_w + band.clone().map(|i| widths[i]).sum::<f32>();
        b.item(Item::Box { rect: Rect::new(0.0, top, right, row_h), fill: Some(style.tint), stroke: None });
        let mut xs = vec![0.0, label_w];
        for i in band.clone() {
            let x = *xs.last().unwrap_or(&0.0);
            b.item(text_run(
                &week_label(&cols[i]),
                Face::Bold,
                size,
                style.ink,
                Point::new(x + pad, base(0)),
            ));
            for (r, (_, cells)) in rows.iter().enumerate() {
                b.item(text_run(&cells[i], Face::Regular, size, style.ink, Point::new(x + pad, base(r + 1))));
            }
            xs.push(x + widths[i]);
        }
        for (r, (label, _)) in rows.iter().enumerate() {
            b.item(text_run(label, Face::Bold, size, style.ink, Point::new(pad, base(r + 1))));
        }
        let bottom = top + (rows.len() + 1) as f32 * row_h;
        for y in (1..=rows.len() + 1).map(|k| top + k as f32 * row_h) {
            b.item(Item::Line { from: Point::new(0.0, y), to: Point::new(right, y), stroke: grid });
        }
        b.gap(bottom - top);
    }
    b.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_run_of_dates_is_said_in_brief() {
        let dates: Vec<String> = (1..=36).map(|d| format!("Mon {d} Mar")).collect();
        assert_eq!(dates_in_brief(&dates[..3]), "Mon 1 Mar, Mon 2 Mar, Mon 3 Mar");
        let brief = dates_in_brief(&dates);
        assert!(brief.starts_with("Mon 1 Mar, Mon 2 Mar,"), "{brief}");
        assert!(brief.ends_with("Mon 6 Mar and 30 more days (see the calendar)"), "{brief}");
    }

    fn hold(h: u32, reps: u32) -> Option<Prescription> {
        Some(Prescription { hold_s: Some(h), reps, sides: 2, each: Each::Side, rep_s: h, rest_s: 0 })
    }

    #[test]
    fn weeks_with_the_same_dose_share_a_column() {
        let cols = columns(&[hold(20, 2), hold(20, 2), hold(25, 2), None]);
        let labels: Vec<String> = cols.iter().map(week_label).collect();
        assert_eq!(labels, ["Weeks 1–2", "Week 3", "Week 4"]);
        let rows = rows(&cols);
        assert_eq!(rows[0], ("Hold", vec!["20 s".into(), "25 s".into(), "–".into()]));
        assert_eq!(rows[1], ("Repeat", vec!["twice".into(), "twice".into(), "not this week".into()]));
    }

    #[test]
    fn moves_have_no_hold_row() {
        let moves =
            Some(Prescription { hold_s: None, reps: 8, sides: 1, each: Each::Side, rep_s: 4, rest_s: 0 });
        let rows = rows(&columns(&[moves]));
        assert_eq!(rows, vec![("Repeat", vec!["8 times".to_string()])]);
    }

    #[test]
    fn the_header_tint_lies_under_the_week_labels() {
        let style = Style::new(&Default::default());
        let table = dose_table(&[hold(20, 2), hold(25, 2)], &style, 400.0);
        let tint = table.items.iter().position(|i| matches!(i, Item::Box { .. }));
        let label = table.items.iter().position(|i| matches!(i, Item::Text(t) if t.text == "Week 1"));
        assert!(tint.is_some() && label.is_some() && tint < label, "{tint:?} {label:?}");
    }

    #[test]
    fn a_table_too_wide_continues_in_a_second_band() {
        let style = Style::new(&Default::default());
        let doses: Vec<_> = (0..12).map(|w| hold(10 + w, 2)).collect();
        let narrow = dose_table(&doses, &style, 200.0);
        let wide = dose_table(&doses, &style, 2000.0);
        assert!(narrow.height > 2.0 * wide.height, "{} vs {}", narrow.height, wide.height);
        assert!(narrow.items.iter().all(|i| i.bounds().right() <= 200.01));
    }
}
