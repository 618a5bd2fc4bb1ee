//! Blocks: a piece of content that stacks vertically (items relative to
//! its top-left, a height, the places it may be split, and whether it is
//! kept together or kept with the next one), and the builder that sets
//! lines and shapes into one, top to bottom.

use super::text::{self, Line, Span};
use crate::doc::geom::Point;
use crate::doc::{Color, Face, Item, Stroke, TextRun};

/// A piece of content that stacks vertically.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Block {
    /// Items relative to the block's top-left corner.
    pub items: Vec<Item>,
    pub height: f32,
    /// Offsets (from the block's top) where the block may be split across
    /// pages, in increasing order. Empty: keep together.
    pub breaks: Vec<f32>,
    /// Rather start a new page than split, when the block fits one.
    pub keep: bool,
    /// Never end a page with this block: it goes to the next page with the
    /// start of the block after it (a heading, a label).
    pub with_next: bool,
}

impl Block {
    /// The same block, kept with the block after it.
    pub fn kept_with_next(self) -> Self {
        Block { with_next: true, ..self }
    }

    /// The same block, kept together when it fits a page.
    pub fn kept(self) -> Self {
        Block { keep: true, ..self }
    }

    /// Moves every item by (dx, dy).
    pub fn items_at(&self, dx: f32, dy: f32) -> impl Iterator<Item = Item> + '_ {
        self.items.iter().map(move |item| item.translated(dx, dy))
    }
}

/// Builds a block of lines and shapes, top to bottom, at a fixed width.
pub struct BlockBuilder {
    pub width: f32,
    y: f32,
    items: Vec<Item>,
    breaks: Vec<f32>,
}

impl BlockBuilder {
    pub fn new(width: f32) -> Self {
        BlockBuilder { width, y: 0.0, items: Vec::new(), breaks: Vec::new() }
    }

    /// The width the builder sets text in.
    pub fn width(&self) -> f32 {
        self.width
    }

    /// The current height.
    pub fn y(&self) -> f32 {
        self.y
    }

    /// Adds vertical space.
    pub fn gap(&mut self, h: f32) {
        self.y += h;
    }

    /// Allows a page break at the current position.
    pub fn may_break(&mut self) {
        if self.y > 0.0 && self.breaks.last() != Some(&self.y) {
            self.breaks.push(self.y);
        }
    }

    /// Adds wrapped text indented by `indent`; when `splittable`, a page
    /// may break between its lines, though never to leave one line of it
    /// alone at a page's foot or head (so a paragraph of three lines or
    /// fewer stays whole; callers mark a break before it with
    /// [`BlockBuilder::may_break`] if one is allowed there). Returns the
    /// number of lines.
    pub fn paragraph(
        &mut self,
        spans: &[Span],
        size: f32,
        lead: f32,
        color: Color,
        indent: f32,
        splittable: bool,
    ) -> usize {
        let lines = text::wrap(spans, size, self.width - indent);
        for (i, line) in lines.iter().enumerate() {
            if splittable && i >= 2 && lines.len() - i >= 2 {
                self.may_break();
            }
            self.line(line, size, lead, color, indent);
        }
        lines.len()
    }

    /// Adds one already-wrapped line.
    pub fn line(&mut self, line: &Line, size: f32, lead: f32, color: Color, indent: f32) {
        let baseline = self.y + baseline_offset(size, lead);
        self.items.extend(line.place(Point::new(indent, baseline), size, color).map(Item::Text));
        self.y += lead;
    }

    /// Adds a single run of text at (x, baseline offset in the current
    /// line), without advancing.
    pub fn run_at(&mut self, x: f32, text: &str, face: Face, size: f32, lead: f32, color: Color) {
        let baseline = self.y + baseline_offset(size, lead);
        self.items.push(Item::Text(TextRun {
            origin: Point::new(x, baseline),
            text: text.to_string(),
            face,
            size,
            color,
            width: text::width(text, face, size),
        }));
    }

    /// Adds an item positioned relative to the block.
    pub fn item(&mut self, item: Item) {
        self.items.push(item);
    }

    /// Adds items positioned relative to the block.
    pub fn items_from(&mut self, items: impl IntoIterator<Item = Item>) {
        self.items.extend(items);
    }

    /// Adds `block` below what is there, at the left edge, and moves past it.
    pub fn stack(&mut self, block: &Block) {
        let y = self.y;
        self.items.extend(block.items_at(0.0, y));
        self.y += block.height;
    }

    /// A horizontal rule across the block at the current position.
    pub fn rule(&mut self, stroke: Stroke) {
        let y = self.y + stroke.width / 2.0;
        self.items.push(Item::Line { from: Point::new(0.0, y), to: Point::new(self.width, y), stroke });
        self.y += stroke.width;
    }

    pub fn finish(self) -> Block {
        Block { items: self.items, height: self.y, breaks: self.breaks, ..Block::default() }
    }
}

/// Where the baseline sits below the top of a line box of height `lead`.
pub fn baseline_offset(size: f32, lead: f32) -> f32 {
    (lead - size) / 2.0 + 0.8 * size
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The breaks a splittable paragraph of `words` words allows, and
    /// its line height.
    fn breaks(words: usize) -> (Vec<f32>, usize) {
        let text = vec!["word"; words].join(" ");
        let mut b = BlockBuilder::new(100.0);
        let lines = b.paragraph(&[Span::regular(&text)], 10.0, 12.0, Color::BLACK, 0.0, true);
        (b.finish().breaks, lines)
    }

    #[test]
    fn a_paragraph_never_leaves_one_line_alone_at_a_break() {
        let (short, lines) = breaks(12);
        assert!((2..=3).contains(&lines), "{lines} lines");
        assert!(short.is_empty(), "{short:?}");
        let (long, lines) = breaks(60);
        assert!(lines >= 6, "{lines} lines");
        // Breaks only after the second line and before the last two.
        let allowed: Vec<f32> = (2..=lines - 2).map(|i| i as f32 * 12.0).collect();
        assert_eq!(long, allowed);
    }
}
