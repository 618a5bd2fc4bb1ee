//! The dose panel every sheet that shows a dose prints, the same way:
//! four labelled cells, Hold (or Each move) · Repeat · Sides · How often,
//! set large and dark so they are read first, plus the same words in one
//! compact line for the desk card. Durations are said the way people say
//! them ([`crate::words::about`]): no seconds totals on a patient's sheet.

use crate::content::{Dose, Each, Effort};
use crate::doc::geom::mm;
use crate::doc::{Face, Item, Point, Rect, Stroke};
use crate::layout::flow::{Block, BlockBuilder};
use crate::layout::style::Style;
use crate::layout::text::{self, Span};
use crate::plan::Prescription;

/// What the four cells of a dose panel say, each a label and its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DoseCells {
    /// "Hold" for a held stretch, "Each move" for a repeated move.
    pub hold_label: &'static str,
    /// "20 seconds"; for a move, the seconds one takes.
    pub hold: String,
    /// "3 times", "once".
    pub repeat: String,
    /// "Each side", "Each direction", or [`NO_SIDES`].
    pub sides: String,
    /// "Twice a day, 5 days a week".
    pub how_often: String,
}

/// The sides cell of a stretch that works both sides at once (or the
/// middle), not one side after the other.
pub const NO_SIDES: &str = "Together";

/// The labels after the first, as the panel prints them.
pub const LABELS: [&str; 3] = ["Repeat", "Sides", "How often"];

impl DoseCells {
    /// The cells for a chosen dose, done `how_often` (see [`how_often`]).
    pub fn prescribed(p: &Prescription, how_often: impl Into<String>) -> Self {
        let (hold_label, hold) = match p.hold_s {
            Some(hold) => ("Hold", seconds(hold)),
            None => ("Each move", seconds(p.rep_s)),
        };
        let sides = if p.sides >= 2 { each_words(p.each) } else { NO_SIDES };
        DoseCells {
            hold_label,
            hold,
            repeat: times(p.reps),
            sides: sides.into(),
            how_often: how_often.into(),
        }
    }

    /// The cells for a stretch's ranges ("20–30 seconds", "2–3 times"), as
    /// a catalog shows them.
    pub fn ranges(dose: &Dose, how_often: impl Into<String>) -> Self {
        let (hold_label, hold) = match dose.effort() {
            Effort::Hold(hold) => ("Hold", format!("{hold} seconds")),
            Effort::Moves { rep_s } => ("Each move", seconds(rep_s)),
        };
        let repeat = if dose.reps.min == dose.reps.max {
            times(dose.reps.min)
        } else {
            format!("{} times", dose.reps)
        };
        let sides = if dose.each_side() { each_words(dose.each) } else { NO_SIDES };
        DoseCells { hold_label, hold, repeat, sides: sides.into(), how_often: how_often.into() }
    }

    /// The cells as (label, value) pairs, in the panel's order.
    pub fn pairs(&self) -> [(&str, &str); 4] {
        [
            (self.hold_label, &self.hold),
            (LABELS[0], &self.repeat),
            (LABELS[1], &self.sides),
            (LABELS[2], &self.how_often),
        ]
    }

    /// The dose in one short line for a small card: "Hold 20 s · 3 times
    /// · each side", "Hold 30 s · once" (how often is said once for the
    /// whole card; seconds shortened, as a card's narrow column needs).
    pub fn compact(&self) -> String {
        let repeat = crate::words::lower_first(&self.repeat);
        let hold = self.hold.replace(" seconds", " s").replace(" second", " s");
        let mut parts = vec![format!("{} {hold}", self.hold_label), repeat];
        if self.sides != NO_SIDES {
            parts.push(crate::words::lower_first(&self.sides));
        }
        parts.join(" · ")
    }
}

/// "20 seconds", "1 second".
fn seconds(n: u32) -> String {
    if n == 1 { "1 second".into() } else { format!("{n} seconds") }
}

/// "once", "twice", "3 times".
fn times(n: u32) -> String {
    match n {
        1 => "Once".into(),
        2 => "Twice".into(),
        n => format!("{n} times"),
    }
}

fn each_words(each: Each) -> &'static str {
    match each {
        Each::Side => "Each side",
        Each::Direction => "Each direction",
    }
}

/// How often, in words: "Twice a day, 5 days a week"; `fallback` when
/// neither is given.
pub fn how_often(per_day: Option<u32>, per_week: Option<u32>, fallback: &str) -> String {
    let day = |n: u32| match n {
        1 => "Once a day".to_string(),
        2 => "Twice a day".to_string(),
        n => format!("{n} times a day"),
    };
    let week = |n: u32| match n {
        7 => "every day".to_string(),
        1 => "1 day a week".to_string(),
        n => format!("{n} days a week"),
    };
    match (per_day, per_week) {
        (Some(d), Some(w)) => format!("{}, {}", day(d), week(w)),
        (Some(d), None) => day(d),
        (None, Some(7)) => "Once a day, every day".into(),
        (None, Some(w)) => format!("Once a day, {}", week(w)),
        (None, None) => fallback.to_string(),
    }
}

/// Each column's share of the width: every value on one line when they
/// all fit (the room left shared out evenly); else the short cells at
/// their natural width and the rest to how often (the one that wraps),
/// or fixed shares when that leaves it too little.
fn cell_shares(natural: &[f32], width: f32, columns: usize) -> Vec<f32> {
    if columns < natural.len() {
        return vec![1.0 / columns as f32; columns];
    }
    let total: f32 = natural.iter().sum();
    if total <= width {
        let spare = (width - total) / natural.len() as f32;
        return natural.iter().map(|w| (w + spare) / width).collect();
    }
    let (last, short) = natural.split_last().expect("four cells");
    let short_w: f32 = short.iter().sum();
    if width - short_w >= width * 0.3 && *last > 0.0 {
        let mut shares: Vec<f32> = short.iter().map(|w| w / width).collect();
        shares.push((width - short_w) / width);
        return shares;
    }
    vec![0.24, 0.18, 0.22, 0.36]
}

/// The dose panel: the four cells side by side (two by two when the width
/// is narrow), each a small bold label over its value in large bold
/// type, all in the body's ink, in a tinted, ruled box. Kept together.
pub fn dose_panel(style: &Style, width: f32, cells: &DoseCells) -> Block {
    let pad = mm(1.8);
    let label_size = style.small;
    let value_size = style.body * 1.15;
    let pairs = cells.pairs();
    let natural: Vec<f32> = pairs
        .iter()
        .map(|(label, value)| {
            let label = text::width(label, Face::Bold, label_size);
            label.max(text::width(value, Face::Bold, value_size)) + 2.0 * pad + 1.0
        })
        .collect();
    // One row when the short cells keep to one line there (how often may
    // wrap); else two by two, so no "8 / times" is split.
    let short_w: f32 = natural[..3].iter().sum();
    let columns = if width >= mm(100.0) && width - short_w >= width * 0.3 { 4 } else { 2 };
    let shares = cell_shares(&natural, width, columns);
    let mut items = Vec::new();
    let mut edges = Vec::new();
    let mut row_ends = Vec::new();
    let mut y = 0.0;
    for row in pairs.chunks(columns) {
        let mut row_h: f32 = 0.0;
        let mut x = 0.0;
        for (k, (label, value)) in row.iter().enumerate() {
            let cell_w = width * shares[k % columns];
            let mut c = BlockBuilder::new(cell_w - 2.0 * pad);
            c.paragraph(&[Span::bold(label)], label_size, style.line(label_size), style.ink, 0.0, false);
            let lead = value_size * 1.15;
            for line in text::wrap_balanced(&[Span::bold(value)], value_size, c.width) {
                c.line(&line, value_size, lead, style.ink, 0.0);
            }
            let cell = c.finish();
            row_h = row_h.max(cell.height + 2.0 * pad);
            items.extend(cell.items_at(x + pad, y + pad));
            if k > 0 && y == 0.0 {
                edges.push(x);
            }
            x += cell_w;
        }
        y += row_h;
        row_ends.push(y);
    }
    let divider = Stroke::solid(0.75, style.accent);
    let mut panel = vec![Item::Box {
        rect: Rect::new(0.0, 0.0, width, y),
        fill: Some(style.tint),
        stroke: Some(Stroke::solid(1.0, style.accent)),
    }];
    for x in edges {
        panel.push(Item::Line { from: Point::new(x, 0.0), to: Point::new(x, y), stroke: divider });
    }
    for &at in &row_ends[..row_ends.len().saturating_sub(1)] {
        panel.push(Item::Line { from: Point::new(0.0, at), to: Point::new(width, at), stroke: divider });
    }
    panel.extend(items);
    Block { items: panel, height: y, keep: true, ..Block::default() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Range;
    use crate::layout::style::SheetOptions;

    fn hold_dose() -> Dose {
        Dose {
            each: Each::Side,
            hold_s: Some(Range::new(20, 30)),
            rep_s: None,
            reps: Range::new(2, 3),
            sides: 2,
            rest_s: 5,
        }
    }

    fn move_dose() -> Dose {
        Dose { each: Each::Side, hold_s: None, rep_s: Some(6), reps: Range::new(6, 10), sides: 1, rest_s: 0 }
    }

    #[test]
    fn a_held_stretch_reads_hold_repeat_sides_how_often() {
        let p = Prescription::standard(&hold_dose(), false);
        let cells = DoseCells::prescribed(&p, how_often(Some(2), Some(5), "Daily"));
        let hold = format!("{} seconds", p.hold_s.unwrap());
        assert_eq!(cells.pairs()[0], ("Hold", hold.as_str()));
        assert_eq!(cells.sides, "Each side");
        assert_eq!(cells.how_often, "Twice a day, 5 days a week");
        let short = format!("{} s", p.hold_s.unwrap());
        assert_eq!(cells.compact(), format!("Hold {short} · {} · each side", cells.repeat));
    }

    #[test]
    fn a_move_reads_its_pace_and_needs_no_sides() {
        let p = Prescription::standard(&move_dose(), false);
        let cells = DoseCells::prescribed(&p, "Once a day");
        assert_eq!((cells.hold_label, cells.hold.as_str()), ("Each move", "6 seconds"));
        assert_eq!(cells.repeat, format!("{} times", p.reps));
        assert_eq!(cells.sides, NO_SIDES);
        assert!(!cells.compact().contains(NO_SIDES));
        assert_eq!(DoseCells::ranges(&move_dose(), "x").repeat, "6–10 times");
        assert_eq!(DoseCells::ranges(&hold_dose(), "x").hold, "20–30 seconds");
    }

    #[test]
    fn how_often_reads_plainly() {
        assert_eq!(how_often(Some(1), None, "f"), "Once a day");
        assert_eq!(how_often(None, Some(3), "f"), "Once a day, 3 days a week");
        assert_eq!(how_often(Some(3), Some(7), "f"), "3 times a day, every day");
        assert_eq!(how_often(None, None, "As advised"), "As advised");
    }

    #[test]
    fn the_panel_prints_every_label_and_value_in_ink_inside_its_box() {
        for (options, width) in [(SheetOptions::default(), mm(120.0)), (SheetOptions::default(), mm(70.0))] {
            let style = Style::new(&options);
            let cells =
                DoseCells::prescribed(&Prescription::standard(&hold_dose(), false), "Twice a day, every day");
            let panel = dose_panel(&style, width, &cells);
            let texts: Vec<_> = panel
                .items
                .iter()
                .filter_map(|i| match i {
                    Item::Text(t) => Some(t),
                    _ => None,
                })
                .collect();
            let all: String = texts.iter().map(|t| t.text.as_str()).collect::<Vec<_>>().join(" ");
            for label in ["Hold", "Repeat", "Sides", "How often"] {
                assert!(all.contains(label), "{label} missing from {all}");
            }
            let frame = Rect::new(0.0, 0.0, width, panel.height);
            for t in &texts {
                assert!(t.color.luma() <= style.ink.luma(), "{} lighter than body text", t.text);
                assert!(frame.contains(&t.bounds()), "{} outside the panel", t.text);
                assert!(t.size >= style.body);
            }
        }
    }
}
