//! Pagination. Sheets build [`Block`]s (items relative to the block's
//! top-left, a height, and the places it may be split); a [`Flow`] stacks
//! them down the pages' content frame, keeps each block together when it
//! fits on a page, splits long ones at their break points, repeats a
//! running header on continuation pages and numbers every page
//! ("page 2 of 5"). Nothing is ever placed outside the frame.

pub use super::block::{Block, BlockBuilder, baseline_offset};
use super::style::Style;
use super::text;
use crate::doc::geom::{Point, Rect};
use crate::doc::{Color, Face, Item, Page, Stroke, TextRun};

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
    /// Blocks kept with the next one, waiting for it, each with the space
    /// asked for before it.
    pending: Vec<(f32, Block)>,
    /// Space asked for after the last pending block.
    pending_space: f32,
}

/// The least share of a page's content height a page carries before the
/// flow moves on to the next (the last page excepted): a block kept
/// together that would leave less behind is split instead.
pub const MIN_FILL: f32 = 0.2;

/// A new section starts a new page only when the current page is at least
/// this full; below it, the section follows on the same page.
const SECTION_FILL: f32 = 0.45;

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
            pending: Vec::new(),
            pending_space: 0.0,
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

    /// How much of the current page's content height is used, 0 to 1.
    pub fn filled(&self) -> f32 {
        ((self.cursor - self.frame.y) / self.frame.h.max(1.0)).clamp(0.0, 1.0)
    }

    /// Starts a section that reads best on a page of its own: on a new
    /// page, unless the current one is so empty that leaving it would strand
    /// what is on it; then after a gap of `gap`.
    pub fn new_section(&mut self, gap: f32) {
        self.flush_pending();
        if self.filled() >= SECTION_FILL {
            self.new_page();
        } else {
            self.space(gap);
        }
    }

    /// Whether the current page has nothing on it yet.
    pub fn at_page_top(&self) -> bool {
        self.cursor <= self.frame.y + 0.01
    }

    /// Height of the footer band kept free at the bottom of each page.
    fn footer_height(&self) -> f32 {
        let style = self.style;
        super::footer::lines(&self.footer, style).len() as f32 * style.line(style.small) + 6.0
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
        if !self.pending.is_empty() {
            self.pending_space += h;
        } else if !self.at_page_top() {
            self.cursor = (self.cursor + h).min(self.frame.bottom());
        }
    }

    /// Places a block: on this page if it fits. Otherwise a block marked
    /// `keep` that fits a page starts a new one (unless that would leave
    /// this page under [`MIN_FILL`] and the block may be split); a block
    /// with break points fills the rest of this page and continues on the
    /// next; one without moves whole to a new page, or, when taller than a
    /// page, is split where no item crosses, so nothing is ever lost, cut or
    /// pushed past the margins. A block kept with the next waits for it, and
    /// both go to a new page when the next one's first piece would not fit
    /// under it.
    pub fn place(&mut self, mut block: Block) {
        if block.with_next {
            let space = std::mem::take(&mut self.pending_space);
            self.pending.push((space, block));
            return;
        }
        if !self.pending.is_empty() {
            let pending = std::mem::take(&mut self.pending);
            let space = std::mem::take(&mut self.pending_space);
            let lead: f32 = pending.iter().map(|(gap, b)| gap + b.height).sum::<f32>() + space;
            let mut first = self.first_piece(&block);
            // A block kept together that fits a page only without what
            // waits for it is split instead, so its first piece goes with them.
            if block.keep && lead + first > self.fresh_height() && !block.breaks.is_empty() {
                block.keep = false;
                first = block.breaks[0];
            }
            if lead + first > self.remaining() && !self.at_page_top() && lead + first <= self.fresh_height() {
                self.new_page();
            }
            for (gap, b) in pending {
                self.space(gap);
                self.place_one(b);
            }
            self.space(space);
        }
        self.place_one(block);
    }

    /// Places what waits for a next block that never came.
    fn flush_pending(&mut self) {
        for (gap, b) in std::mem::take(&mut self.pending) {
            self.space(gap);
            self.place_one(b);
        }
        self.pending_space = 0.0;
    }

    /// The height of the first piece `block` would be placed in.
    fn first_piece(&self, block: &Block) -> f32 {
        if block.breaks.is_empty() || (block.keep && block.height <= self.fresh_height()) {
            block.height.min(self.fresh_height())
        } else {
            block.breaks[0]
        }
    }

    fn place_one(&mut self, block: Block) {
        let fits_fresh = block.height <= self.fresh_height();
        let strands = self.filled() < MIN_FILL && !self.at_page_top();
        if block.height <= self.remaining() {
            self.put(&block, 0.0, block.height);
        } else if block.keep && fits_fresh && (!strands || block.breaks.is_empty()) {
            self.new_page();
            self.put(&block, 0.0, block.height);
        } else if !block.breaks.is_empty() {
            // A block kept together but taller than a page starts on a
            // fresh one, so it breaks as far down as it can.
            if block.keep && !fits_fresh && !strands && !self.at_page_top() {
                self.new_page();
            }
            self.split(&block);
        } else if fits_fresh {
            self.new_page();
            self.put(&block, 0.0, block.height);
        } else {
            self.split(&block);
        }
    }

    /// The content height of a continuation page: the most a block kept
    /// together can take.
    pub fn page_height(&self) -> f32 {
        self.fresh_height()
    }

    /// The content height of a continuation page.
    pub fn fresh_height(&self) -> f32 {
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
    pub fn finish(mut self) -> Vec<Page> {
        self.flush_pending();
        let mut pages = self.pages;
        super::footer::add(&mut pages, &self.footer, self.style);
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
    use crate::layout::text::Span;

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
            ..Block::default()
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
        assert_eq!(footer_lines, super::super::footer::MAX_LINES);
        assert_inside_margins(&pages, &style);
    }
}
