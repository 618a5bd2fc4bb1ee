//! The desk card's safety panel: the short stop rules and every emergency
//! sign, each a bulleted list under its own heading, set in as many
//! columns as the page is wide enough for, then the same-day signs in a
//! line and a pointer to the full lists. Small enough to leave the page to
//! the stretches (about a fifth of it in normal print), complete enough
//! that no emergency sign is left out.

use super::gallery::side_by_side;
use super::parts::{self, boxed};
use crate::content::Safety;
use crate::layout::flow::{Block, BlockBuilder};
use crate::layout::style::Style;
use crate::layout::text::{self, Span};

/// The heading over the stop rules.
pub const STOP_HEADING: &str = "Stop if";
/// The heading over the emergency signs.
pub const EMERGENCY_HEADING: &str = "Call emergency services now for";

/// The narrowest column, in body-size ems: about 30 characters.
const MIN_COLUMN_EMS: f32 = 15.0;
/// The widest line of prose, in body-size ems: about 80 characters.
const MAX_LINE_EMS: f32 = 42.0;

/// How much room the panel takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// Each list bulleted under its heading, then the same-day signs.
    Lists,
    /// For a page too small to hold a stretch beside the lists (large
    /// print on A5): each list run on in one paragraph, its items set
    /// apart by bullets, then the same-day signs in a line.
    RunOn,
    /// As [`Form::RunOn`], leaving the same-day signs to the full lists.
    Bare,
}

/// The panel for a page `width` wide, in a ruled, tinted box, in `form`.
pub fn panel(style: &Style, width: f32, safety: &Safety, form: Form) -> Block {
    let compact = form != Form::Lists;
    // Lines a little tighter than the page's: short list lines read well so.
    let style = &Style { leading: style.leading.min(1.15), ..*style };
    let pad = if style.dense { 4.0 } else { 5.0 };
    let inner = width - 2.0 * pad;
    let gap = 10.0;
    let size = style.small;
    let widest = ((inner + gap) / (MIN_COLUMN_EMS * size + gap)).floor().clamp(1.0, 4.0) as usize;
    let lists = if compact {
        run_on(style, inner, safety)
    } else {
        (1..=widest)
            .flat_map(|columns| {
                [Shape::Beside, Shape::Stacked].map(|shape| lists(style, inner, gap, columns, shape, safety))
            })
            .min_by(|a, b| a.height.total_cmp(&b.height))
            .unwrap_or_default()
    };
    let mut b = BlockBuilder::new(inner);
    let at = b.y();
    for item in lists.items_at(0.0, at) {
        b.item(item);
    }
    b.gap(lists.height + 2.0);
    let (label, signs) = same_day(&safety.brief.urgent);
    let (label, same_day) = (format!("{label} "), format!("{signs} "));
    // The bare panel leaves the same-day signs to the full lists.
    let notes = if form == Form::Bare {
        vec![vec![Span::regular(&safety.brief.more)]]
    } else {
        vec![vec![Span::bold(&label), Span::regular(&same_day)], vec![Span::regular(&safety.brief.more)]]
    };
    let split = notes.len() == 2 && inner >= 2.0 * MIN_COLUMN_EMS * size * 1.4 + gap;
    let note_w = if split { (inner - gap) / 2.0 } else { inner.min(MAX_LINE_EMS * size) };
    let note = |spans: &[Span]| {
        let mut n = BlockBuilder::new(note_w);
        n.paragraph(spans, size, style.line(size), style.ink, 0.0, false);
        n.finish()
    };
    // Side by side on a wide panel, else run together in one paragraph.
    let row = if split {
        side_by_side(notes.iter().map(|spans| note(spans)).collect(), note_w, gap)
    } else {
        note(&notes.concat())
    };
    for item in row.items_at(0.0, b.y()) {
        b.item(item);
    }
    b.gap(row.height);
    boxed(b.finish(), width, pad, Some(style.tint), Some(crate::doc::Stroke::solid(1.0, style.accent)))
}

/// "See a doctor today: fever, …" as its label ("See a doctor today:",
/// set in bold) and its signs; all signs when it has no label.
fn same_day(urgent: &str) -> (&str, &str) {
    match urgent.split_once(':') {
        Some((label, signs)) => (&urgent[..label.len() + 1], signs.trim_start()),
        None => ("", urgent),
    }
}

/// Both lists run on, each a paragraph under its bold heading:
/// "Stop if: Pain is sharp… • You feel…".
fn run_on(style: &Style, width: f32, safety: &Safety) -> Block {
    let size = style.small;
    let mut b = BlockBuilder::new(width);
    for (heading, items) in [(STOP_HEADING, &safety.brief.stop), (EMERGENCY_HEADING, &safety.brief.emergency)]
    {
        let label = format!("{heading}: ");
        let text = items.iter().map(|i| i.trim()).collect::<Vec<_>>().join(" • ");
        b.paragraph(
            &[Span::bold(&label), Span::regular(&text)],
            size,
            style.line(size),
            style.ink,
            0.0,
            false,
        );
    }
    b.finish()
}

/// How the two lists sit.
#[derive(Debug, Clone, Copy)]
enum Shape {
    /// Stop rules in the first column, emergency signs in the rest.
    Beside,
    /// Stop rules across every column, emergency signs below them.
    Stacked,
}

/// Both lists in `columns` columns of a `width` wide panel.
fn lists(style: &Style, width: f32, gap: f32, columns: usize, shape: Shape, safety: &Safety) -> Block {
    let column_w = (width - gap * (columns - 1) as f32) / columns as f32;
    let stop = &safety.brief.stop;
    let emergency = &safety.brief.emergency;
    match (shape, columns) {
        (Shape::Beside, 1) => Block { height: f32::MAX, ..Block::default() },
        (Shape::Beside, _) => {
            let mut cells = vec![section(style, column_w, STOP_HEADING, stop, 1, gap)];
            let rest = column_w * (columns - 1) as f32 + gap * (columns - 2) as f32;
            cells.push(section(style, rest, EMERGENCY_HEADING, emergency, columns - 1, gap));
            let mut row = side_by_side(cells[..1].to_vec(), column_w, gap);
            let second = &cells[1];
            row.items.extend(second.items_at(column_w + gap, 0.0));
            row.height = row.height.max(second.height);
            row
        }
        (Shape::Stacked, _) => {
            let mut b = BlockBuilder::new(width);
            for (heading, items) in [(STOP_HEADING, stop), (EMERGENCY_HEADING, emergency)] {
                if b.y() > 0.0 {
                    b.gap(3.0);
                }
                let s = section(style, width, heading, items, columns, gap);
                for item in s.items_at(0.0, b.y()) {
                    b.item(item);
                }
                b.gap(s.height);
            }
            b.finish()
        }
    }
}

/// A heading over `items` as bullets in `columns` even columns.
fn section(style: &Style, width: f32, heading: &str, items: &[String], columns: usize, gap: f32) -> Block {
    let size = style.small;
    let mut b = BlockBuilder::new(width);
    let title = format!("{heading}:");
    for line in text::wrap(&[Span::bold(&title)], size, width) {
        b.line(&line, size, style.line(size), style.ink, 0.0);
    }
    let column_w = (width - gap * (columns - 1) as f32) / columns as f32;
    let heights: Vec<f32> =
        items.iter().map(|item| bullets(style, column_w, std::slice::from_ref(item)).height).collect();
    let split = crate::layout::columns::balanced_cuts(&heights, columns);
    let cells: Vec<Block> =
        split.iter().map(|range| bullets(style, column_w, &items[range.clone()])).collect();
    let row = side_by_side(cells, column_w, gap);
    for item in row.items_at(0.0, b.y()) {
        b.item(item);
    }
    b.gap(row.height);
    b.finish()
}

fn bullets(style: &Style, width: f32, items: &[String]) -> Block {
    let mut b = BlockBuilder::new(width);
    parts::bulleted(&mut b, style, items, style.small, style.ink, false);
    b.finish()
}
