//! Pagination. Sheets build [`Block`]s (items relative to the block's
//! top-left, a height, and the places it may be split); a [`Flow`] stacks
//! them down the pages' content frame, keeps each block together when it
//! fits on a page, splits long ones at their break points, repeats a
//! running header on continuation pages and numbers every page
//! ("page 2 of 5"). Nothing is ever placed outside the frame.

use super::style::Style;
use super::text::{self, Line, Span};
use crate::doc::geom::{Point, Rect};
use crate::doc::{Color, Face, Item, Page, Stroke, TextRun};

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
}

impl Block {
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
    /// may break between its lines (callers mark a break before it with
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
            if splittable && i > 0 {
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

    /// A horizontal rule across the block at the current position.
    pub fn rule(&mut self, stroke: Stroke) {
        let y = self.y + stroke.width / 2.0;
        self.items.push(Item::Line { from: Point::new(0.0, y), to: Point::new(self.width, y), stroke });
        self.y += stroke.width;
    }

    pub fn finish(self) -> Block {
        Block { items: self.items, height: self.y, breaks: self.breaks, keep: false }
    }
}

/// Where the baseline sits below the top of a line box of height `lead`.
pub fn baseline_offset(size: f32, lead: f32) -> f32 {
    (lead - size) / 2.0 + 0.8 * size
}

/// The most lines a page's footer takes (its text, wrapped, above the page
/// number).
const MAX_FOOTER_LINES: usize = 3;

/// Stacks blocks down pages.
pub struct Flow<'a> {
    style: &'a Style,
    /// Text repeated at the top of every page after the first.
    running: String,
    /// Text at the foot of every page, beside the page number.
    footer: String,
    pages: Vec<Page>,
    /// The content frame of the current page.
    frame: Rect,
    cursor: f32,
}

impl<'a> Flow<'a> {
    /// A flow over pages in `style`; `running` heads continuation pages,
    /// followed by "(continued)", and `footer` sits at the foot of every
    /// page beside "page N of M".
    pub fn new(style: &'a Style, running: impl Into<String>, footer: impl Into<String>) -> Self {
        let mut flow = Flow {
            style,
            running: running.into(),
            footer: footer.into(),
            pages: Vec::new(),
            frame: Rect::default(),
            cursor: 0.0,
        };
        flow.new_page();
        flow
    }

    /// The width content may use.
    pub fn width(&self) -> f32 {
        self.frame.w
    }

    /// Height left on the current page.
    pub fn remaining(&self) -> f32 {
        self.frame.bottom() - self.cursor
    }

    /// Whether the current page has nothing on it yet.
    pub fn at_page_top(&self) -> bool {
        self.cursor <= self.frame.y + 0.01
    }

    /// Height of the footer band kept free at the bottom of each page.
    fn footer_height(&self) -> f32 {
        let style = self.style;
        self.footer_lines().len() as f32 * style.line(style.small) + 6.0
    }

    /// The footer's lines: the footer text and the page number on one line
    /// when they fit side by side, else the text (wrapped) above the
    /// number.
    fn footer_lines(&self) -> Vec<String> {
        let style = self.style;
        let size = style.small;
        let width = style.page.w - 2.0 * style.margin;
        let number_w = text::width("page 99 of 99", Face::Regular, size);
        if self.footer.is_empty() || text::width(&self.footer, Face::Regular, size) + number_w + 12.0 <= width
        {
            return vec![self.footer.clone()];
        }
        let mut lines: Vec<String> =
            text::wrap_plain(&self.footer, Face::Regular, size, width).iter().map(|l| l.text()).collect();
        if lines.len() > MAX_FOOTER_LINES {
            // A footer this long is refused where it is read; here it is
            // only kept from eating the page.
            lines.truncate(MAX_FOOTER_LINES);
            let last = format!("{} …", lines[MAX_FOOTER_LINES - 1]);
            lines[MAX_FOOTER_LINES - 1] = text::fit(&last, Face::Regular, size, width);
        }
        lines.push(String::new());
        lines
    }

    /// Starts a new page (with the running header after the first).
    pub fn new_page(&mut self) {
        let style = self.style;
        let mut page = Page::new(style.page);
        let full = Rect::new(
            style.margin,
            style.margin,
            style.page.w - 2.0 * style.margin,
            style.page.h - 2.0 * style.margin - self.footer_height(),
        );
        self.frame = full;
        if !self.pages.is_empty() && !self.running.is_empty() {
            let size = style.small;
            let lead = style.line(size);
            let suffix = " (continued)";
            let room = full.w - text::width(suffix, Face::Regular, size);
            let label = text::fit(&self.running, Face::Regular, size, room) + suffix;
            page.items.push(Item::Text(TextRun {
                origin: Point::new(full.x, full.y + baseline_offset(size, lead)),
                width: text::width(&label, Face::Regular, size),
                text: label,
                face: Face::Regular,
                size,
                color: style.muted,
            }));
            let rule_y = full.y + lead + 2.0;
            page.items.push(Item::Line {
                from: Point::new(full.x, rule_y),
                to: Point::new(full.right(), rule_y),
                stroke: Stroke::solid(0.5, style.muted),
            });
            let used = lead + 8.0;
            self.frame = Rect::new(full.x, full.y + used, full.w, full.h - used);
        }
        self.cursor = self.frame.y;
        self.pages.push(page);
    }

    /// Adds vertical space (dropped at the top of a page).
    pub fn space(&mut self, h: f32) {
        if !self.at_page_top() {
            self.cursor = (self.cursor + h).min(self.frame.bottom());
        }
    }

    /// Places a block: on this page if it fits. Otherwise a block marked
    /// `keep` that fits a page starts a new one; a block with break points
    /// fills the rest of this page and continues on the next; one without
    /// moves whole to a new page, or, when taller than a page, is split
    /// where no item crosses, so nothing is ever lost, cut or pushed past
    /// the margins.
    pub fn place(&mut self, block: Block) {
        let fits_fresh = block.height <= self.fresh_height();
        if block.height <= self.remaining() {
            self.put(&block, 0.0, block.height);
        } else if block.keep && fits_fresh {
            self.new_page();
            self.put(&block, 0.0, block.height);
        } else if !block.breaks.is_empty() {
            self.split(&block);
        } else if fits_fresh {
            self.new_page();
            self.put(&block, 0.0, block.height);
        } else {
            self.split(&block);
        }
    }

    /// The content height of a continuation page.
    fn fresh_height(&self) -> f32 {
        let style = self.style;
        let header = if self.running.is_empty() { 0.0 } else { style.line(style.small) + 8.0 };
        style.page.h - 2.0 * style.margin - self.footer_height() - header
    }

    /// Places the part of `block` between offsets `from` and `to`: the
    /// items whose middle lies there (the last part takes everything left,
    /// including rules drawn exactly on the block's bottom edge).
    fn put(&mut self, block: &Block, from: f32, to: f32) {
        let dy = self.cursor - from;
        let x = self.frame.x;
        let last = to >= block.height;
        let page = self.pages.last_mut().expect("a flow always has a page");
        page.items.extend(
            block
                .items
                .iter()
                .filter(|item| {
                    let b = item.bounds();
                    let mid = b.y + b.h / 2.0;
                    mid >= from && (mid < to || last)
                })
                .map(|item| item.translated(x, dy)),
        );
        self.cursor += to - from;
    }

    /// Splits a tall block across pages at its break points.
    fn split(&mut self, block: &Block) {
        let mut breaks: Vec<f32> = block.breaks.clone();
        if breaks.is_empty() {
            breaks = item_edges(block);
        }
        breaks.push(block.height);
        let mut from = 0.0;
        while from < block.height {
            let room = self.remaining();
            let fitting = breaks.iter().copied().rfind(|&b| b > from && b - from <= room);
            match fitting {
                Some(to) => {
                    self.put(block, from, to);
                    from = to;
                    if from < block.height {
                        self.new_page();
                    }
                }
                None if !self.at_page_top() => self.new_page(),
                None => {
                    // Not even one piece fits a fresh page: place the next
                    // piece anyway, cut to the page (never happens with
                    // line-sized pieces).
                    let to = breaks.iter().copied().find(|&b| b > from).unwrap_or(block.height);
                    // Always onwards, however little room a page has.
                    let to = if room > 1.0 { to.min(from + room) } else { to };
                    self.put(block, from, to);
                    from = to;
                    if from < block.height {
                        self.new_page();
                    }
                }
            }
        }
    }

    /// Ends the flow: adds the footer and "page N of M" to every page.
    pub fn finish(self) -> Vec<Page> {
        let style = self.style;
        let total = self.pages.len();
        let size = style.small;
        let lead = style.line(size);
        let lines = self.footer_lines();
        let last_baseline = style.page.h - style.margin - lead + baseline_offset(size, lead);
        let first_baseline = last_baseline - (lines.len() - 1) as f32 * lead;
        let mut pages = self.pages;
        for (i, page) in pages.iter_mut().enumerate() {
            let number = format!("page {} of {total}", i + 1);
            let number_w = text::width(&number, Face::Regular, size);
            let x = style.page.w - style.margin - number_w;
            page.items.push(text_run(
                &number,
                Face::Regular,
                size,
                style.muted,
                Point::new(x, last_baseline),
            ));
            for (k, line) in lines.iter().enumerate().filter(|(_, l)| !l.is_empty()) {
                let at = Point::new(style.margin, first_baseline + k as f32 * lead);
                page.items.push(text_run(line, Face::Regular, size, style.muted, at));
            }
        }
        pages
    }
}

/// A single run of text at a baseline origin.
pub fn text_run(text: &str, face: Face, size: f32, color: Color, origin: Point) -> Item {
    Item::Text(TextRun {
        origin,
        text: text.to_string(),
        face,
        size,
        color,
        width: text::width(text, face, size),
    })
}

/// Offsets where a block with no break points can be cut without cutting
/// an item: the bottoms of items that no other item straddles.
fn item_edges(block: &Block) -> Vec<f32> {
    let spans: Vec<(f32, f32)> = block.items.iter().map(|i| i.bounds()).map(|b| (b.y, b.bottom())).collect();
    let mut edges: Vec<f32> = spans
        .iter()
        .map(|&(_, bottom)| bottom)
        .filter(|&cut| spans.iter().all(|&(top, bottom)| bottom <= cut + 0.01 || top >= cut - 0.01))
        .collect();
    edges.sort_by(f32::total_cmp);
    edges.dedup();
    edges
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::style::SheetOptions;

    fn style() -> Style {
        Style::new(&SheetOptions::default())
    }

    fn paragraph(words: usize, width: f32, style: &Style) -> Block {
        let text = vec!["stretch"; words].join(" ");
        let mut b = BlockBuilder::new(width);
        b.paragraph(&[Span::regular(&text)], style.body, style.line(style.body), style.ink, 0.0, true);
        b.finish()
    }

    fn assert_inside_margins(pages: &[Page], style: &Style) {
        let frame = Rect::new(
            style.margin,
            style.margin,
            style.page.w - 2.0 * style.margin,
            style.page.h - 2.0 * style.margin,
        );
        for page in pages {
            for item in &page.items {
                assert!(frame.contains(&item.bounds()), "{:?} outside {frame:?}", item.bounds());
            }
        }
    }

    #[test]
    fn a_long_paragraph_splits_across_pages_and_keeps_every_line() {
        let style = style();
        let mut flow = Flow::new(&style, "Plan", "My footer");
        let block = paragraph(3000, flow.width(), &style);
        let lines = block.items.len();
        flow.place(block);
        let pages = flow.finish();
        assert!(pages.len() >= 3, "{} pages", pages.len());
        let body_lines: usize =
            pages.iter().map(|p| p.texts().filter(|t| t.text.starts_with("stretch")).count()).sum();
        assert_eq!(body_lines, lines);
        assert_eq!(pages[1].texts().next().unwrap().text, "Plan (continued)");
        assert!(pages.last().unwrap().texts().any(|t| t.text == format!("page {0} of {0}", pages.len())));
        assert_inside_margins(&pages, &style);
    }

    #[test]
    fn blocks_that_fit_are_kept_together() {
        let style = style();
        let mut flow = Flow::new(&style, "", "");
        let unsplittable = |h: f32| Block {
            items: vec![Item::Box {
                rect: Rect::new(0.0, 0.0, 100.0, h),
                fill: Some(Color::BLACK),
                stroke: None,
            }],
            height: h,
            breaks: vec![],
            keep: false,
        };
        flow.place(unsplittable(500.0));
        flow.place(unsplittable(300.0)); // does not fit below the first
        let pages = flow.finish();
        assert_eq!(pages.len(), 2);
        assert_inside_margins(&pages, &style);
    }

    #[test]
    fn a_rule_on_the_bottom_edge_is_kept() {
        let style = style();
        let mut flow = Flow::new(&style, "", "");
        let mut b = BlockBuilder::new(100.0);
        b.gap(20.0);
        b.item(Item::Line {
            from: Point::new(0.0, 20.0),
            to: Point::new(100.0, 20.0),
            stroke: Stroke::solid(0.5, Color::BLACK),
        });
        flow.place(b.finish());
        let pages = flow.finish();
        assert_eq!(pages[0].items.iter().filter(|i| matches!(i, Item::Line { .. })).count(), 1);
    }

    #[test]
    fn text_runs_never_overlap() {
        let style = style();
        let mut flow = Flow::new(&style, "Running", "footer");
        for _ in 0..40 {
            flow.place(paragraph(60, flow.width(), &style));
            flow.space(6.0);
        }
        let pages = flow.finish();
        for page in &pages {
            let runs: Vec<_> = page.texts().collect();
            for (i, a) in runs.iter().enumerate() {
                for b in &runs[i + 1..] {
                    assert!(!a.bounds().overlaps(&b.bounds()), "{:?} overlaps {:?}", a.text, b.text);
                }
            }
        }
    }

    #[test]
    fn a_huge_footer_is_cut_to_three_lines_and_the_flow_ends() {
        let style = style();
        let footer = "Call the clinic on weekdays. ".repeat(400);
        let mut flow = Flow::new(&style, "Running", footer);
        for _ in 0..5 {
            flow.place(paragraph(400, flow.width(), &style));
        }
        let pages = flow.finish();
        assert!(pages.len() < 20, "{} pages", pages.len());
        let is_footer = |t: &&TextRun| !t.text.starts_with("stretch") && !t.text.starts_with("page ");
        let footer_lines = pages[0].texts().filter(is_footer).count();
        assert_eq!(footer_lines, MAX_FOOTER_LINES);
        assert_inside_margins(&pages, &style);
    }
}
