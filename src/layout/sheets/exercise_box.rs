//! One exercise in a ruled box, as a handout prints it: the name and how
//! long it takes, its summary, then the figure (at least 50 mm) with the
//! dose panel and the numbered steps beside it, and the tips and cautions
//! underneath in two columns where the box is wide enough. On a narrow
//! page in large print the figure sits above the panel and steps instead.
//! The box is kept whole on one page; only a box taller than a page may
//! break, and then only below its figure.

use super::dose::{DoseCells, dose_panel};
use super::parts::{self, Photos};
use crate::content::Stretch;
use crate::doc::geom::mm;
use crate::doc::{Face, Item, Point, Rect, Stroke};
use crate::layout::flow::{Block, BlockBuilder, baseline_offset, text_run};
use crate::layout::qr;
use crate::layout::style::Style;
use crate::layout::text::{self, Span};

/// The side of the square a figure is drawn in.
pub const FIGURE_SIDE: f32 = 50.5 * 72.0 / 25.4;

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

/// The exercise in its box, `width` wide; `page_h` is the height of a
/// page's content, above which the box may break below its figure.
pub fn exercise_box(e: &BoxedExercise, style: &Style, photos: &Photos, width: f32, page_h: f32) -> Block {
    let inner = width - 2.0 * PAD;
    let size = style.body;
    let side = FIGURE_SIDE.min(inner);
    let gutter = mm(4.0);
    // The figure beside the text when that leaves a column of about 50
    // characters or more; above it otherwise.
    let beside = inner - side - gutter >= style.body * 17.0;
    let (text_x, text_w) = if beside { (side + gutter, inner - side - gutter) } else { (0.0, inner) };
    let mut head = BlockBuilder::new(text_w);
    name_line(&mut head, e, style);
    head.paragraph(&[Span::regular(&e.stretch.summary)], size, style.line(size), style.ink, 0.0, false);
    head.gap(mm(2.0));
    let head = head.finish();
    let top = if beside { 0.0 } else { head.height };

    let mut b = BlockBuilder::new(inner);
    let code = e.stretch.video.as_deref().and_then(|uri| qr::code(uri, style));
    let fig_h = figure_height(e.stretch, side);
    let mut left_bottom = top + fig_h;
    if let Some(code) = &code {
        // A QR code's address is read before the exercise's own text.
        if beside {
            let x = ((side - code.width) / 2.0).max(0.0);
            b.items_from(code.block.items_at(x, top + fig_h + mm(2.0)));
            left_bottom += mm(2.0) + code.block.height;
        } else {
            b.items_from(code.block.items_at(inner - code.width, top));
            left_bottom = left_bottom.max(top + code.block.height);
        }
    }
    if !beside {
        left_bottom += mm(2.0);
    }
    b.items_from(head.items_at(text_x, 0.0));
    b.items_from(parts::figure(e.stretch, Rect::new(0.0, top, side, fig_h), style, photos));

    let panel = dose_panel(style, text_w, e.cells);
    let panel_top = if beside { head.height } else { left_bottom };
    b.items_from(panel.items_at(text_x, panel_top));
    let mut around = Around {
        b: BlockBuilder::new(inner),
        y: panel_top + panel.height + mm(2.5),
        first_step: panel_top + panel.height + mm(2.5),
        clear_y: if beside { left_bottom } else { 0.0 },
        text_x,
        text_w,
        inner,
        breaks: Vec::new(),
        style,
    };
    around.numbered(&e.stretch.steps);

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
    let end = around.y.max(left_bottom);
    b.items_from(around.b.finish().items);
    b.gap(end);
    let breaks = around.breaks;
    framed(b.finish(), breaks, divide, width, page_h, style)
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

    /// Numbered steps with a hanging indent.
    fn numbered(&mut self, items: &[String]) {
        let size = self.style.body;
        let widest = text::width(&format!("{}.", items.len()), Face::Bold, size);
        let indent = widest + text::width("  ", Face::Regular, size);
        for (i, item) in items.iter().enumerate() {
            let (x, w) = self.column();
            let mut c = BlockBuilder::new(w);
            c.run_at(0.0, &format!("{}.", i + 1), Face::Bold, size, self.style.line(size), self.style.ink);
            c.paragraph(&[Span::regular(item)], size, self.style.line(size), self.style.ink, indent, true);
            self.put(c.finish(), x);
        }
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

/// "2. Thread the needle", with how long it takes flush right.
fn name_line(b: &mut BlockBuilder, e: &BoxedExercise, style: &Style) {
    let size = style.heading;
    let lead = style.line(size);
    let time = crate::words::about(e.seconds);
    let time_w = text::width(&time, Face::Regular, style.body);
    let name = format!("{}. {}", e.number, e.stretch.name);
    let lines = text::wrap_balanced(&[Span::bold(&name)], size, b.width - time_w - mm(4.0));
    let at = Point::new(b.width - time_w, b.y() + baseline_offset(size, lead));
    b.item(text_run(&time, Face::Regular, style.body, style.ink, at));
    for line in &lines {
        b.line(line, size, lead, style.ink, 0.0);
    }
}

/// The height of the frame a figure `side` wide is drawn in: square, or
/// shorter for a figure lying wide (drawn as wide as a standing one is
/// tall).
fn figure_height(stretch: &Stretch, side: f32) -> f32 {
    let aspect = stretch.figure.as_ref().and_then(crate::figure::aspect).unwrap_or(1.0);
    if aspect > 1.0 { (side / aspect).max(side * 0.5) } else { side }
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
        let breaks = breaks.into_iter().map(|y| y + PAD).collect();
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
