//! One exercise in a ruled box, as a handout prints it: the name and how
//! long it takes, its summary, then the figure (at least 50 mm, as on the plan's exercise pages) with the
//! dose panel and the numbered steps beside it, and the tips and cautions
//! underneath in two columns where the box is wide enough. On a narrow
//! page the figure sits above the steps instead, with the dose panel
//! beside it where the column left there holds the panel. The box is
//! kept whole on one page; steps too long for one page go on in a box
//! under the name and figure again, and only the tips and cautions may
//! run on to the next page by themselves.

use super::dose::{DoseCells, dose_panel};
use super::parts::{self, Photos};
use crate::content::Stretch;
use crate::doc::geom::mm;
use crate::doc::{Face, Item, Point, Rect, Stroke};
use crate::layout::flow::{Block, BlockBuilder, baseline_offset, text_run};
use crate::layout::qr;
use crate::layout::style::Style;
use crate::layout::text::{self, Span};

/// What a box shows of one exercise besides the stretch itself.
pub struct BoxedExercise<'a> {
    pub number: usize,
    pub stretch: &'a Stretch,
    pub cells: &'a DoseCells,
    /// Seconds the whole exercise takes, said rounded.
    pub seconds: u32,
}

/// Padding inside the box.
const PAD: f32 = 2.0 * 72.0 / 25.4;

/// The exercise in its box, `width` wide, in one piece when its figure
/// and steps fit `room` (the room on the page it starts, at most a page,
/// `page_h`). Steps too long for that go on in further boxes, each under
/// the name and the figure again, so no step is ever apart from its
/// figure; the tips and cautions follow the last steps.
pub fn exercise_box(
    e: &BoxedExercise,
    style: &Style,
    photos: &Photos,
    width: f32,
    room: f32,
    page_h: f32,
) -> Vec<Block> {
    let n = e.stretch.steps.len();
    let mut pieces = Vec::new();
    let mut from = 0;
    loop {
        let room = if from == 0 { room } else { page_h };
        let rest = build(e, style, photos, width, Piece { from, to: n, notes: true }, room);
        if rest.steps_end + 2.0 * PAD <= room || from + 1 >= n {
            pieces.push(rest.block);
            return pieces;
        }
        // The most steps that fit under the figure, at least one.
        let to =
            (from + 1..n).rev().find(|&to| rest.step_tops[to - from] + 2.0 * PAD <= room).unwrap_or(from + 1);
        pieces.push(build(e, style, photos, width, Piece { from, to, notes: false }, room).block);
        from = to;
    }
}

/// Which steps one box of an exercise shows (`from..to`), and whether
/// the tips and cautions follow them. A box that starts past the first
/// step says it goes on from the one before, without the summary and the
/// dose (printed above it).
#[derive(Clone, Copy)]
struct Piece {
    from: usize,
    to: usize,
    notes: bool,
}

/// A box built, with where its steps start and end (for the pieces).
struct Built {
    block: Block,
    /// The top of each step shown, from the box's inner top.
    step_tops: Vec<f32>,
    /// The bottom of the last step shown (or of the figure, if lower).
    steps_end: f32,
}

fn build(e: &BoxedExercise, style: &Style, photos: &Photos, width: f32, piece: Piece, room: f32) -> Built {
    let inner = width - 2.0 * PAD;
    let (side, fig_h) = frame_size(e.stretch, photos, inner);
    let gutter = mm(4.0);
    // The figure beside the text when that leaves a column of about 50
    // characters or more; above it otherwise.
    let beside = inner - side - gutter >= style.body * 17.0;
    let (text_x, text_w) = if beside { (side + gutter, inner - side - gutter) } else { (0.0, inner) };
    let mut b = BlockBuilder::new(inner);
    let code = e.stretch.video.as_deref().and_then(|uri| qr::code(uri, style)).filter(|_| piece.from == 0);
    let top =
        top_matter(e, style, &mut b, piece, Column { x: text_x, w: text_w, beside }, (side, fig_h, gutter));
    let mut left_bottom = top.figure + fig_h;
    if let Some(code) = &code {
        // A QR code's address is read before the exercise's own text.
        if beside {
            let x = ((side - code.width) / 2.0).max(0.0);
            b.items_from(code.block.items_at(x, left_bottom + mm(2.0)));
            left_bottom += mm(2.0) + code.block.height;
        } else {
            let y = top.figure + top.aside;
            b.items_from(code.block.items_at(inner - code.width, y));
            left_bottom = left_bottom.max(y + code.block.height);
        }
    }
    if !beside {
        left_bottom += mm(2.0);
    }
    b.items_from(parts::figure(e.stretch, Rect::new(0.0, top.figure, side, fig_h), style, photos));
    let mut steps_top = top.text.unwrap_or(left_bottom);
    if let Some(panel) = top.panel_below {
        b.items_from(panel.items_at(0.0, left_bottom));
        steps_top += panel.height;
    }
    let mut around = Around {
        b: BlockBuilder::new(inner),
        y: steps_top + mm(2.5),
        first_step: steps_top + mm(2.5),
        clear_y: if beside { left_bottom } else { 0.0 },
        text_x,
        text_w,
        inner,
        breaks: Vec::new(),
        style,
    };
    let step_tops = around.numbered(&e.stretch.steps, piece.from..piece.to);
    let steps_end = around.y.max(left_bottom);
    let divide = if piece.notes { notes(e, &mut around, gutter) } else { None };
    let end = around.y.max(left_bottom);
    b.items_from(around.b.finish().items);
    b.gap(end);
    let breaks = around.breaks;
    Built { block: framed(b.finish(), breaks, divide, width, room, style), step_tops, steps_end }
}

/// The column of text beside the figure (or under it, the whole width).
#[derive(Clone, Copy)]
struct Column {
    x: f32,
    w: f32,
    beside: bool,
}

/// Where the name, summary and dose panel went.
struct Top {
    /// The figure's top.
    figure: f32,
    /// Where the text beside the figure starts, if it does not start
    /// under the figure.
    text: Option<f32>,
    /// The height taken beside the figure (by the dose panel) on a narrow
    /// page, where a QR code goes under it.
    aside: f32,
    /// A dose panel to go under the figure, on a page too narrow for it
    /// beside.
    panel_below: Option<Block>,
}

/// Places the name line, the summary and the dose panel: in the column
/// beside the figure where the panel sets there in one row; across the
/// top of the box, the figure and steps under them, where the box is wide
/// enough for that but the column is not; on a narrow page across the top
/// with the panel beside the figure (or under it when it does not fit).
fn top_matter(
    e: &BoxedExercise,
    style: &Style,
    b: &mut BlockBuilder,
    piece: Piece,
    column: Column,
    (side, fig_h, gutter): (f32, f32, f32),
) -> Top {
    let inner = b.width;
    let continued = piece.from > 0;
    let across = !column.beside || (column.w < mm(100.0) && inner >= mm(100.0));
    let head_w = if across { inner } else { column.w };
    let head = head_block(e, style, head_w, continued);
    let head_x = if across { 0.0 } else { column.x };
    b.items_from(head.items_at(head_x, 0.0));
    let panel_at = |w: f32| (!continued).then(|| dose_panel(style, w, e.cells));
    if column.beside {
        let Some(panel) = panel_at(head_w) else {
            let text = if across { head.height } else { head.height - mm(2.5) };
            return Top {
                figure: if across { head.height } else { 0.0 },
                text: Some(text),
                aside: 0.0,
                panel_below: None,
            };
        };
        b.items_from(panel.items_at(head_x, head.height));
        let below = head.height + panel.height;
        return match across {
            true => Top { figure: below + mm(2.5), text: Some(below), aside: 0.0, panel_below: None },
            false => Top { figure: 0.0, text: Some(below), aside: 0.0, panel_below: None },
        };
    }
    // A narrow page: the panel beside the figure when the column left
    // there holds it.
    let side_w = inner - side - gutter;
    let aside = panel_at(side_w).filter(|p| side_w >= mm(50.0) && p.height <= fig_h);
    match aside {
        Some(panel) => {
            b.items_from(panel.items_at(side + gutter, head.height));
            Top { figure: head.height, text: None, aside: panel.height + mm(2.0), panel_below: None }
        }
        None => Top { figure: head.height, text: None, aside: 0.0, panel_below: panel_at(inner) },
    }
}

/// The frame a box draws its figure in: as on the plan's exercise pages
/// (at least 50 mm tall), but a pose lying wide enough to be measured by
/// its length only as wide as 50 mm of length needs, which leaves the
/// steps beside it a wider column.
fn frame_size(stretch: &Stretch, photos: &Photos, inner: f32) -> (f32, f32) {
    let (w, h) = super::plan_exercise::frame_size(stretch, photos, inner);
    let aspect = match (&stretch.figure, photos.contains_key(&stretch.id)) {
        (Some(figure), false) => crate::figure::aspect(figure).unwrap_or(1.0),
        _ => 1.0,
    };
    if aspect <= 1.6 {
        return (w, h);
    }
    let w = w.min(super::plan_exercise::FIGURE_MIN + mm(14.0));
    (w, ((w - mm(6.0)) / aspect + mm(12.0)).min(h))
}

/// The name line and, on a box's first piece, the summary under it.
fn head_block(e: &BoxedExercise, style: &Style, width: f32, continued: bool) -> Block {
    let size = style.body;
    let mut head = BlockBuilder::new(width);
    name_line(&mut head, e, style, continued);
    if !continued {
        head.paragraph(&[Span::regular(&e.stretch.summary)], size, style.line(size), style.ink, 0.0, false);
    }
    head.gap(mm(2.0));
    head.finish()
}

/// The tips and cautions under the steps; where the box may be divided
/// between the steps and them, if it may.
fn notes(e: &BoxedExercise, around: &mut Around, gutter: f32) -> Option<f32> {
    let (style, inner) = (around.style, around.inner);
    // The first label names the exercise, so the notes still read as its
    // own when they go on to the next page.
    let name = crate::words::lower_first(&e.stretch.name);
    let (tips, care) = (format!("Tips for {name}"), format!("Take care with {name}"));
    let care = if e.stretch.cues.is_empty() { care.as_str() } else { "Take care" };
    let notes = [(tips.as_str(), &e.stretch.cues), (care, &e.stretch.cautions)];
    let notes: Vec<_> = notes.into_iter().filter(|(_, lines)| !lines.is_empty()).collect();
    // Below the figure and its steps the box may be divided: the tips and
    // cautions can go on to the next page, the steps never.
    let divide = (!notes.is_empty() && around.y >= around.clear_y - 0.01).then_some(around.y + mm(1.2));
    if divide.is_some() {
        around.y += mm(1.2);
    }
    let two = notes.len() == 2 && (inner - gutter) / 2.0 >= style.body * 17.0;
    if two && around.y + mm(2.0) >= around.clear_y {
        // Under the figure and the steps, in two balanced columns.
        let y0 = around.y + mm(2.0);
        around.breaks.push(y0);
        let col_w = (inner - gutter) / 2.0;
        let columns = parts::balanced_columns(style, col_w, &notes);
        let mut bottom = y0;
        for (k, column) in columns.iter().enumerate() {
            around.b.items_from(column.items_at(k as f32 * (col_w + gutter), y0));
            bottom = bottom.max(y0 + column.height);
        }
        around.y = bottom;
    } else {
        for (label, lines) in &notes {
            around.y += mm(2.0);
            around.label(label, lines);
        }
    }
    divide
}

/// Text set down the column beside the figure, and across the whole box
/// once it is below the figure (`clear_y`): each paragraph takes the width
/// free where it starts.
struct Around<'a> {
    b: BlockBuilder,
    y: f32,
    clear_y: f32,
    text_x: f32,
    text_w: f32,
    inner: f32,
    /// Where a box taller than a page may break: below the figure only.
    breaks: Vec<f32>,
    /// Where the steps start, under the dose panel.
    first_step: f32,
    style: &'a Style,
}

impl Around<'_> {
    /// The x and width free at the current height.
    fn column(&self) -> (f32, f32) {
        if self.y >= self.clear_y - 0.01 { (0.0, self.inner) } else { (self.text_x, self.text_w) }
    }

    /// Places a block built at the current column's width.
    fn put(&mut self, block: Block, x: f32) {
        if self.y >= self.clear_y - 0.01 {
            // Never between the dose panel and the first step.
            if self.y > self.first_step + 0.01 {
                self.breaks.push(self.y);
            }
            self.breaks.extend(block.breaks.iter().map(|y| y + self.y));
        }
        self.b.items_from(block.items_at(x, self.y));
        self.y += block.height;
    }

    /// Steps `shown` of `items`, numbered with a hanging indent; the top
    /// of each.
    fn numbered(&mut self, items: &[String], shown: std::ops::Range<usize>) -> Vec<f32> {
        let size = self.style.body;
        let widest = text::width(&format!("{}.", items.len()), Face::Bold, size);
        let indent = widest + text::width("  ", Face::Regular, size);
        let mut tops = Vec::with_capacity(shown.len());
        for (i, item) in items.iter().enumerate().take(shown.end).skip(shown.start) {
            tops.push(self.y);
            let (x, w) = self.column();
            let mut c = BlockBuilder::new(w);
            c.run_at(0.0, &format!("{}.", i + 1), Face::Bold, size, self.style.line(size), self.style.ink);
            c.paragraph(&[Span::regular(item)], size, self.style.line(size), self.style.ink, indent, true);
            self.put(c.finish(), x);
        }
        tops
    }

    /// A bold label over its bullets, the label kept with the first.
    fn label(&mut self, label: &str, lines: &[String]) {
        let style = self.style;
        let size = style.body;
        let indent = text::width("•  ", Face::Regular, size);
        for (i, line) in lines.iter().enumerate() {
            let (x, w) = self.column();
            let mut c = BlockBuilder::new(w);
            if i == 0 {
                parts::label(&mut c, style, label, size);
            }
            c.run_at(0.0, "•", Face::Bold, size, style.line(size), style.ink);
            c.paragraph(&[Span::regular(line)], size, style.line(size), style.ink, indent, true);
            self.put(c.finish(), x);
        }
    }
}

/// "2. Thread the needle", with how long it takes flush right; on a box
/// that goes on from the one before, "2. Thread the needle, continued".
fn name_line(b: &mut BlockBuilder, e: &BoxedExercise, style: &Style, continued: bool) {
    let size = style.heading;
    let lead = style.line(size);
    let time = if continued { String::new() } else { crate::words::about(e.seconds) };
    let time_w = text::width(&time, Face::Regular, style.body);
    let name = match continued {
        true => format!("{}. {}, continued", e.number, e.stretch.name),
        false => format!("{}. {}", e.number, e.stretch.name),
    };
    let lines = text::wrap_balanced(&[Span::bold(&name)], size, b.width - time_w - mm(4.0));
    if !continued {
        let at = Point::new(b.width - time_w, b.y() + baseline_offset(size, lead));
        b.item(text_run(&time, Face::Regular, style.body, style.ink, at));
    }
    for line in &lines {
        b.line(line, size, lead, style.ink, 0.0);
    }
}

/// The box around `inner` (its items offset by the padding): a whole
/// ruled frame when it fits a page, in two frames meeting at `divide`
/// (the line between the steps and the notes, where it may break) when
/// it has one, or a rule above and below when it is taller than a page
/// and may break at any of `breaks`.
fn framed(
    inner: Block,
    breaks: Vec<f32>,
    divide: Option<f32>,
    width: f32,
    page_h: f32,
    style: &Style,
) -> Block {
    let height = inner.height + 2.0 * PAD;
    let stroke = Stroke::solid(1.0, style.accent);
    let mut items = Vec::with_capacity(inner.items.len() + 2);
    let frame = |top: f32, bottom: f32| Item::Box {
        rect: Rect::new(0.0, top, width, bottom - top),
        fill: None,
        stroke: Some(stroke),
    };
    if height > page_h {
        items.push(Item::Line { from: Point::new(0.0, 0.5), to: Point::new(width, 0.5), stroke });
        items.extend(inner.items.iter().map(|i| i.translated(PAD, PAD)));
        let y = height - 0.5;
        items.push(Item::Line { from: Point::new(0.0, y), to: Point::new(width, y), stroke });
        // It may break under the steps too, where the notes begin.
        let mut breaks: Vec<f32> = breaks.into_iter().chain(divide).map(|y| y + PAD).collect();
        breaks.sort_by(f32::total_cmp);
        breaks.dedup();
        // No tail of a line or two alone in a box on the next page.
        let least_tail = 3.0 * style.line(style.body);
        breaks.retain(|&b| height - b >= least_tail);
        return Block { items, height, breaks, keep: true, with_next: false };
    }
    match divide.map(|y| y + PAD) {
        Some(at) => {
            items.push(frame(0.0, at));
            items.push(frame(at, height));
            items.extend(inner.items.iter().map(|i| i.translated(PAD, PAD)));
            Block { items, height, breaks: vec![at], keep: false, with_next: false }
        }
        None => {
            items.push(frame(0.0, height));
            items.extend(inner.items.iter().map(|i| i.translated(PAD, PAD)));
            Block { items, height, breaks: Vec::new(), keep: true, with_next: false }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::style::SheetOptions;

    #[test]
    fn a_box_taller_than_a_page_never_leaves_a_line_or_two_alone() {
        let library = crate::content::built_in().unwrap();
        let style = Style::new(&SheetOptions::default());
        let stretch = library.stretch("chair-back-extension").unwrap();
        let cells = DoseCells::ranges(&stretch.dose, "Once a day");
        let e = BoxedExercise { number: 1, stretch, cells: &cells, seconds: 35 };
        // A page shorter than the box, so it may break inside its notes.
        let whole = exercise_box(&e, &style, &Photos::new(), mm(120.0), f32::MAX, f32::MAX);
        let page_h = whole[0].height - 10.0;
        let pieces = exercise_box(&e, &style, &Photos::new(), mm(120.0), page_h, page_h);
        let last = pieces.last().unwrap();
        assert!(!last.breaks.is_empty(), "the box should break in its notes");
        for b in &last.breaks {
            assert!(last.height - b >= 3.0 * style.line(style.body), "a break {b} of {}", last.height);
        }
    }
}
