//! The page model: a document is a list of pages, a page is a size plus
//! items at fixed positions (text runs, lines, boxes, paths, images). Sheets
//! build it; the renderer only reads it. Nothing here knows about PDF.

use std::sync::Arc;

use super::geom::{Point, Rect, Size};

/// A colour in sRGB.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Color {
    pub r: u8,
    pub g: u8,
    pub b: u8,
}

impl Color {
    pub const BLACK: Color = Color::gray(0);
    pub const WHITE: Color = Color::gray(255);

    pub const fn rgb(r: u8, g: u8, b: u8) -> Self {
        Color { r, g, b }
    }

    pub const fn gray(v: u8) -> Self {
        Color { r: v, g: v, b: v }
    }

    /// Perceived lightness 0 (black) – 255 (white), as a grayscale
    /// printer would print it (Rec. 709 luma).
    pub fn luma(self) -> u8 {
        let l = 0.2126 * f32::from(self.r) + 0.7152 * f32::from(self.g) + 0.0722 * f32::from(self.b);
        l.round() as u8
    }
}

/// The typeface styles the sheets use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Face {
    Regular,
    Bold,
}

impl Face {
    pub const ALL: [Face; 2] = [Face::Regular, Face::Bold];
}

/// One line of text, placed by the left end of its baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct TextRun {
    pub origin: Point,
    pub text: String,
    pub face: Face,
    /// Font size in points.
    pub size: f32,
    pub color: Color,
    /// Measured width in points (what the renderer's font will advance).
    pub width: f32,
}

impl TextRun {
    /// The box the run occupies: from ascender to descender (approximated
    /// as 0.8 and 0.2 of the size).
    pub fn bounds(&self) -> Rect {
        Rect::new(self.origin.x, self.origin.y - 0.8 * self.size, self.width, self.size)
    }
}

/// How a line ends and how two segments meet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LineStyle {
    /// Butt caps, mitred joins: crisp rules and boxes.
    #[default]
    Sharp,
    /// Round caps and joins: limbs of a figure, soft arrows.
    Round,
}

/// How to outline a shape.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stroke {
    pub width: f32,
    pub color: Color,
    pub style: LineStyle,
    /// Dash and gap lengths, for dashed lines.
    pub dash: Option<(f32, f32)>,
}

impl Stroke {
    pub const fn solid(width: f32, color: Color) -> Self {
        Stroke { width, color, style: LineStyle::Sharp, dash: None }
    }

    pub const fn round(width: f32, color: Color) -> Self {
        Stroke { width, color, style: LineStyle::Round, dash: None }
    }
}

/// One piece of a path after its start point.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Segment {
    Line(Point),
    /// A cubic Bézier curve: two control points and the end point.
    Curve(Point, Point, Point),
}

/// A path: a start point and segments, optionally closed, stroked and/or
/// filled.
#[derive(Debug, Clone, PartialEq)]
pub struct Path {
    pub start: Point,
    pub segments: Vec<Segment>,
    pub closed: bool,
    pub stroke: Option<Stroke>,
    pub fill: Option<Color>,
}

impl Path {
    /// An open polyline through `points` (at least one).
    pub fn polyline(points: &[Point], stroke: Stroke) -> Self {
        let start = points.first().copied().unwrap_or_default();
        Path {
            start,
            segments: points.iter().skip(1).map(|&p| Segment::Line(p)).collect(),
            closed: false,
            stroke: Some(stroke),
            fill: None,
        }
    }

    /// A closed polygon through `points`.
    pub fn polygon(points: &[Point], fill: Option<Color>, stroke: Option<Stroke>) -> Self {
        Path { closed: true, fill, stroke, ..Path::polyline(points, Stroke::solid(0.0, Color::BLACK)) }
    }

    /// An ellipse centred at `c` with radii `rx`, `ry`, from four cubic
    /// quarter arcs.
    pub fn ellipse(c: Point, rx: f32, ry: f32, fill: Option<Color>, stroke: Option<Stroke>) -> Self {
        const K: f32 = 0.552_284_8;
        let (kx, ky) = (K * rx, K * ry);
        let p = |x: f32, y: f32| Point::new(c.x + x, c.y + y);
        Path {
            start: p(rx, 0.0),
            segments: vec![
                Segment::Curve(p(rx, ky), p(kx, ry), p(0.0, ry)),
                Segment::Curve(p(-kx, ry), p(-rx, ky), p(-rx, 0.0)),
                Segment::Curve(p(-rx, -ky), p(-kx, -ry), p(0.0, -ry)),
                Segment::Curve(p(kx, -ry), p(rx, -ky), p(rx, 0.0)),
            ],
            closed: true,
            stroke,
            fill,
        }
    }

    /// A circle centred at `c` with radius `r`.
    pub fn circle(c: Point, r: f32, fill: Option<Color>, stroke: Option<Stroke>) -> Self {
        Path::ellipse(c, r, r, fill, stroke)
    }

    /// Every point the path passes through or is pulled towards.
    pub fn points(&self) -> impl Iterator<Item = Point> + '_ {
        std::iter::once(self.start).chain(self.segments.iter().flat_map(|s| match *s {
            Segment::Line(p) => vec![p],
            Segment::Curve(a, b, p) => vec![a, b, p],
        }))
    }

    /// A box around the path (control points included), grown by half the
    /// stroke width.
    pub fn bounds(&self) -> Rect {
        let (mut x0, mut y0, mut x1, mut y1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
        for p in self.points() {
            x0 = x0.min(p.x);
            y0 = y0.min(p.y);
            x1 = x1.max(p.x);
            y1 = y1.max(p.y);
        }
        let half = self.stroke.map_or(0.0, |s| s.width / 2.0);
        Rect::new(x0 - half, y0 - half, x1 - x0 + 2.0 * half, y1 - y0 + 2.0 * half)
    }
}

/// Pixels of a picture to place on a page, already sized for print.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picture {
    pub width: u32,
    pub height: u32,
    /// 8-bit samples, row by row: RGB, or RGBA when `alpha` is set.
    pub pixels: Vec<u8>,
    pub alpha: bool,
}

/// Something placed on a page.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Text(TextRun),
    /// A rectangle, filled and/or outlined.
    Box {
        rect: Rect,
        fill: Option<Color>,
        stroke: Option<Stroke>,
    },
    /// A straight line.
    Line {
        from: Point,
        to: Point,
        stroke: Stroke,
    },
    Path(Path),
    /// A picture drawn into `rect`.
    Image {
        rect: Rect,
        picture: Arc<Picture>,
    },
    /// A clickable web or mail link over `rect` (draws nothing).
    Link {
        rect: Rect,
        uri: String,
    },
}

impl Item {
    /// The same item moved by (dx, dy).
    pub fn translated(&self, dx: f32, dy: f32) -> Item {
        let p = |p: Point| Point::new(p.x + dx, p.y + dy);
        let r = |r: Rect| Rect::new(r.x + dx, r.y + dy, r.w, r.h);
        match self {
            Item::Text(run) => Item::Text(TextRun { origin: p(run.origin), ..run.clone() }),
            Item::Box { rect, fill, stroke } => Item::Box { rect: r(*rect), fill: *fill, stroke: *stroke },
            Item::Line { from, to, stroke } => Item::Line { from: p(*from), to: p(*to), stroke: *stroke },
            Item::Path(path) => Item::Path(Path {
                start: p(path.start),
                segments: path
                    .segments
                    .iter()
                    .map(|s| match *s {
                        Segment::Line(a) => Segment::Line(p(a)),
                        Segment::Curve(a, b, c) => Segment::Curve(p(a), p(b), p(c)),
                    })
                    .collect(),
                ..path.clone()
            }),
            Item::Image { rect, picture } => Item::Image { rect: r(*rect), picture: picture.clone() },
            Item::Link { rect, uri } => Item::Link { rect: r(*rect), uri: uri.clone() },
        }
    }

    /// The area the item marks on the page.
    pub fn bounds(&self) -> Rect {
        match self {
            Item::Text(run) => run.bounds(),
            Item::Box { rect, stroke, .. } => rect.inset(-stroke.map_or(0.0, |s| s.width / 2.0)),
            Item::Line { from, to, stroke } => {
                // Butt caps extend only across the line; round caps also along it.
                let (dx, dy) = (to.x - from.x, to.y - from.y);
                let len = dx.hypot(dy).max(f32::EPSILON);
                let half = stroke.width / 2.0;
                let along = if stroke.style == LineStyle::Round { half } else { 0.0 };
                let ex = half * (dy / len).abs() + along;
                let ey = half * (dx / len).abs() + along;
                let x = from.x.min(to.x) - ex;
                let y = from.y.min(to.y) - ey;
                Rect::new(x, y, dx.abs() + 2.0 * ex, dy.abs() + 2.0 * ey)
            }
            Item::Path(path) => path.bounds(),
            Item::Image { rect, .. } | Item::Link { rect, .. } => *rect,
        }
    }
}

/// One page: its size and what is on it, in painting order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Page {
    pub size: Size,
    pub items: Vec<Item>,
}

impl Page {
    pub fn new(size: Size) -> Self {
        Page { size, items: Vec::new() }
    }

    /// Every text run on the page.
    pub fn texts(&self) -> impl Iterator<Item = &TextRun> {
        self.items.iter().filter_map(|i| match i {
            Item::Text(run) => Some(run),
            _ => None,
        })
    }
}

/// A laid-out document, ready to render.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Document {
    pub title: String,
    pub subject: String,
    /// Search keywords for the PDF's metadata.
    pub keywords: Vec<String>,
    /// The day the document is dated (a handout's date, a plan's first
    /// day), its creation date in the PDF; `None`: undated.
    pub date: Option<chrono::NaiveDate>,
    pub pages: Vec<Page>,
}

impl Document {
    /// All the text of the document, page by page, line by line.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for page in &self.pages {
            for run in page.texts() {
                out.push_str(&run.text);
                out.push('\n');
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn circle_bounds_cover_the_circle() {
        let c = Path::circle(Point::new(50.0, 50.0), 10.0, Some(Color::BLACK), None);
        let b = c.bounds();
        assert!((b.x - 40.0).abs() < 0.01 && (b.w - 20.0).abs() < 0.01);
    }

    #[test]
    fn luma_orders_grays() {
        assert_eq!(Color::gray(128).luma(), 128);
        assert!(Color::rgb(0, 0, 255).luma() < Color::rgb(255, 255, 0).luma());
    }
}
