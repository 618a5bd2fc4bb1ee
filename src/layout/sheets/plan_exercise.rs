//! The plan's exercise pages: each stretch with its figure (at least
//! [`FIGURE_MIN`] tall, or long for a pose lying wide), name, summary,
//! where it is done, its steps, tips and cautions. The figure, the name and
//! every step stay on one page; a page may break only after the steps
//! (steps too long for any page go on in pieces, each with the figure and
//! name again). The
//! text is set in columns no wider than about 90 characters: beside the
//! figure, under it on narrow pages, or in two columns on wide ones.

use super::parts::{self, Photos, measure};
use crate::content::Stretch;
use crate::doc::geom::mm;
use crate::doc::{Face, Item, Rect, Stroke};
use crate::layout::flow::{Block, BlockBuilder};
use crate::layout::style::Style;
use crate::layout::text::{self, Span};

/// The least an exercise page's figure measures: its height, or its length
/// for a pose lying wide.
pub const FIGURE_MIN: f32 = mm(50.0);

/// The height of the figure's frame: the figure and its padding.
const FRAME_H: f32 = mm(59.0);

/// A page with this share of its height still free is not left behind
/// for a stretch that would fit whole on the next: its steps start here.
const STRANDED: f32 = 0.7;

/// The space between the figure and the text, and between text columns.
const GAP: f32 = mm(5.0);

/// The narrowest a column of text beside a figure is set: about 32
/// characters of body text.
fn least_column(style: &Style) -> f32 {
    32.0 * 0.5 * style.body
}

/// The frame a stretch's figure is drawn in: [`FRAME_H`] tall and as wide
/// as the pose needs for its full height (a lying pose wider), never
/// wider than `room`.
pub fn frame_size(stretch: &Stretch, photos: &Photos, room: f32) -> (f32, f32) {
    let aspect = match (&stretch.figure, photos.contains_key(&stretch.id)) {
        (Some(figure), false) => crate::figure::aspect(figure).unwrap_or(1.0),
        _ => 1.0,
    };
    let w = (aspect * FIGURE_MIN + mm(14.0)).clamp(mm(45.0), 1.6 * FIGURE_MIN + GAP).min(room);
    let h = if aspect > 1.5 { ((w - mm(6.0)) / aspect + mm(12.0)).min(FRAME_H) } else { FRAME_H };
    (w, h)
}

/// One stretch for the exercise pages, `width` wide, in the layout that
/// keeps the figure, name and steps within `page_h` and the lines short:
/// in two columns beside the figure on wide pages, in one beside it, or
/// under it on narrow ones. When no layout keeps them on one page (large
/// print on small paper), the steps go in pieces, each a page at most
/// (the first no more than `here`, the room left on the current page,
/// when a step fits it) with the figure and the name ("(continued)")
/// again, and the tips and cautions follow, breaking where they must.
pub fn exercise(
    number: usize,
    stretch: &Stretch,
    note: &str,
    style: &Style,
    photos: &Photos,
    width: f32,
    (page_h, here): (f32, f32),
) -> Vec<Block> {
    let (fw, fh) = frame_size(stretch, photos, width);
    let beside = width - fw - GAP;
    let all = 0..stretch.steps.len();
    let parts = Parts { number, stretch, note, style, photos, fw, fh, steps: all.clone(), extras: true };
    let two_fit = beside >= 2.0 * least_column(style) + GAP;
    let by_side = beside >= least_column(style);
    let mut tries: Vec<Block> = vec![parts.under(width)];
    if by_side {
        tries.push(parts.beside(beside.min(measure(style)), width));
    }
    if two_fit {
        tries.push(parts.wide(beside));
    }
    // The shortest layout whose figure, name and steps fit a page.
    let fitting = (0..tries.len()).filter(|&i| kept(&tries[i]) <= page_h);
    let chosen = fitting.min_by(|&a, &b| tries[a].height.total_cmp(&tries[b].height));
    // Whole, unless that would leave a page that is mostly empty behind.
    match chosen {
        Some(i) if tries[i].height <= here || here < STRANDED * page_h => {
            return vec![tries.swap_remove(i).kept()];
        }
        _ => {}
    }
    let layout = |p: &Parts| {
        let under = p.under(width);
        if !by_side {
            return under;
        }
        let by = p.beside(beside.min(measure(style)), width);
        if by.height < under.height { by } else { under }
    };
    let mut pieces = Vec::new();
    let mut first = 0;
    while first < all.end {
        let piece = |last: usize| Parts { steps: first..last, extras: false, ..parts.clone() };
        // The first piece fills what is left of the page when a step fits.
        let room = if first == 0 && layout(&piece(1)).height <= here { here } else { page_h };
        let last = (first + 1..=all.end)
            .rev()
            .find(|&last| layout(&piece(last)).height <= room)
            .unwrap_or(first + 1);
        pieces.push(layout(&piece(last)).kept());
        first = last;
    }
    // The tips and cautions follow the last steps, breaking between
    // their lines as the page needs.
    let text_w = width.min(measure(style));
    let extras = parts.extras(text_w);
    if extras.height > 0.0 {
        let mut tail = BlockBuilder::new(text_w);
        tail.gap(3.0);
        let y = tail.y();
        tail.stack(&extras);
        tail.gap(mm(2.0));
        tail.rule(Stroke::solid(0.5, style.muted));
        let mut tail = tail.finish();
        tail.breaks = extras.breaks.iter().map(|k| k + y).collect();
        pieces.push(tail);
    }
    pieces
}

/// How much of an exercise block stays together: up to its first break.
fn kept(block: &Block) -> f32 {
    block.breaks.first().copied().unwrap_or(block.height)
}

/// What an exercise is made of.
#[derive(Clone)]
struct Parts<'a> {
    number: usize,
    stretch: &'a Stretch,
    note: &'a str,
    style: &'a Style,
    photos: &'a Photos,
    /// The figure's frame.
    fw: f32,
    fh: f32,
    /// The steps shown (all but on a page that continues a stretch).
    steps: std::ops::Range<usize>,
    /// Whether the tips and cautions follow the steps.
    extras: bool,
}

impl Parts<'_> {
    /// The name, summary and where-and-how note; on a piece that continues
    /// a stretch, the name and "(continued)".
    fn header(&self, width: f32) -> Block {
        let Parts { number, stretch, note, style, .. } = *self;
        let mut t = BlockBuilder::new(width);
        let (size, heading) = (style.body, style.heading);
        let continued = self.steps.start > 0;
        let name = if continued {
            format!("{number}. {} (continued)", stretch.name)
        } else {
            format!("{number}. {}", stretch.name)
        };
        for line in &text::wrap_balanced(&[Span::bold(&name)], heading, width) {
            t.line(line, heading, style.line(heading), style.ink, 0.0);
        }
        if !continued {
            t.paragraph(&[Span::regular(&stretch.summary)], size, style.line(size), style.muted, 0.0, false);
        }
        if !note.is_empty() && !continued {
            t.gap(2.0);
            // "In routine A:" in bold, the rest regular.
            let (head, rest) = note.split_once(": ").map_or((note, ""), |(h, r)| (h, r));
            let head = if rest.is_empty() { head.to_string() } else { format!("{head}: ") };
            let spans = [Span::bold(&head), Span::regular(rest)];
            t.paragraph(&spans, size, style.line(size), style.accent, 0.0, false);
        }
        t.gap(3.0);
        t.finish()
    }

    /// The numbered steps of [`Parts::steps`], never split.
    fn steps(&self, width: f32) -> Block {
        let style = self.style;
        let size = style.body;
        let mut t = BlockBuilder::new(width);
        let steps = &self.stretch.steps;
        let widest = text::width(&format!("{}.", steps.len()), Face::Bold, size);
        let indent = widest + text::width("  ", Face::Regular, size);
        for i in self.steps.clone() {
            let mark = format!("{}.", i + 1);
            t.run_at(0.0, &mark, Face::Bold, size, style.line(size), style.ink);
            t.paragraph(&[Span::regular(&steps[i])], size, style.line(size), style.ink, indent, false);
        }
        t.finish()
    }

    /// Tips and cautions, which may break between their lines.
    fn extras(&self, width: f32) -> Block {
        let (stretch, style) = (self.stretch, self.style);
        let size = style.body;
        let mut t = BlockBuilder::new(width);
        for (title, lines) in [("Tips", &stretch.cues), ("Take care", &stretch.cautions)] {
            if lines.is_empty() || !self.extras {
                continue;
            }
            if t.y() > 0.0 {
                t.gap(3.0);
            }
            t.may_break();
            parts::label(&mut t, style, title, size);
            parts::bulleted(&mut t, style, lines, size, style.ink, true);
        }
        t.finish()
    }

    /// The figure's items in its frame at (x, 0).
    fn figure(&self, x: f32) -> Vec<Item> {
        parts::figure(self.stretch, Rect::new(x, 0.0, self.fw, self.fh), self.style, self.photos)
    }

    /// Figure on the left; header, steps, tips and cautions in a column
    /// `text_w` wide beside it; `width` in all.
    fn beside(&self, text_w: f32, width: f32) -> Block {
        let x = self.fw + GAP;
        let header = self.header(text_w);
        let steps = self.steps(text_w);
        let extras = self.extras(text_w);
        let (at, top) = (header.height, header.height + steps.height + 3.0);
        let kept = top.max(self.fh);
        let placed = vec![(x, 0.0, header), (x, at, steps), (x, top, extras)];
        finish(self.style, width, self.figure(0.0), placed, kept)
    }

    /// Figure on top, centred; the text under it.
    fn under(&self, width: f32) -> Block {
        let text_w = width.min(measure(self.style));
        let header = self.header(text_w);
        let steps = self.steps(text_w);
        let extras = self.extras(text_w);
        let y = self.fh + 2.0;
        let (at, top) = (y + header.height, y + header.height + steps.height + 3.0);
        let placed = vec![(0.0, y, header), (0.0, at, steps), (0.0, top, extras)];
        finish(self.style, width, self.figure((width - self.fw) / 2.0), placed, top)
    }

    /// Figure on the left; header and steps in one column beside it, tips
    /// and cautions in a second; kept whole.
    fn wide(&self, beside: f32) -> Block {
        let col = ((beside - GAP) / 2.0).min(measure(self.style));
        let x = self.fw + GAP;
        let header = self.header(col);
        let steps = self.steps(col);
        let mut extras = self.extras(col);
        extras.breaks.clear();
        let at = header.height;
        let kept = (at + steps.height).max(extras.height).max(self.fh);
        let placed = vec![(x, 0.0, header), (x, at, steps), (x + col + GAP, 0.0, extras)];
        let mut block = finish(self.style, self.fw + beside, self.figure(0.0), placed, kept);
        block.breaks.clear();
        block
    }
}

/// A block of the figure's items and the `placed` parts (x, y, block),
/// ending in a rule `width` wide; it may break between and inside the
/// parts, only below `kept`.
fn finish(style: &Style, width: f32, figure: Vec<Item>, placed: Vec<(f32, f32, Block)>, kept: f32) -> Block {
    let mut items = figure;
    let mut bottom = kept;
    let mut breaks = Vec::new();
    for (i, (x, y, part)) in placed.iter().enumerate() {
        items.extend(part.items_at(*x, *y));
        bottom = bottom.max(y + part.height);
        // Between parts and inside them, below what is kept.
        let starts = (i > 0).then_some(*y);
        breaks.extend(starts.into_iter().chain(part.breaks.iter().map(|k| k + y)).filter(|&k| k >= kept));
    }
    breaks.sort_by(f32::total_cmp);
    breaks.dedup();
    let mut b = BlockBuilder::new(width);
    for item in items {
        b.item(item);
    }
    b.gap(bottom + mm(2.0));
    b.rule(Stroke::solid(0.5, style.muted));
    let mut block = b.finish();
    block.breaks = breaks;
    block
}
