//! Painting one page model page as a PDF content stream, written here as
//! bytes: text runs, paths, boxes and pictures, with layout's y-down
//! coordinates flipped to PDF's y-up, numbers rounded to two decimals and
//! a graphics-state change written only when the state changes. Text is
//! written in the subset fonts' codes (see `probe`), as literal strings.

use std::sync::Arc;

use super::number::{write_color_unit, write_number};
use super::pdf::{font_id, image_id};
use super::probe::Codes;
use crate::doc::{Color, Face, Item, LineStyle, Page, Path, Picture, Point, Rect, Segment, Stroke, TextRun};

/// Two decimals are finer than any printer; shorter numbers compress better.
pub(super) fn round(v: f32) -> f32 {
    (v * 100.0).round() / 100.0
}

/// The content stream of `page`, its text in `codes`.
pub(super) fn page_stream(page: &Page, pictures: &[Arc<Picture>], codes: &Codes) -> Vec<u8> {
    let mut painter = Painter::new(page.size.h, codes);
    for item in &page.items {
        match item {
            Item::Text(run) => painter.text(run),
            Item::Box { rect, fill, stroke } => painter.rect(*rect, *fill, *stroke),
            Item::Line { from, to, stroke } => painter.path(&Path::polyline(&[*from, *to], *stroke)),
            Item::Path(path) => painter.path(path),
            Item::Image { rect, picture } => painter.image(*rect, picture, pictures),
            // Links are annotations, not drawing (see `probe`).
            Item::Link { .. } => {}
        }
    }
    painter.end_text();
    painter.out
}

/// Writes a page's operators, remembering the graphics state so that only
/// changes are written (the content stream stays small).
struct Painter<'a> {
    out: Vec<u8>,
    codes: &'a Codes,
    /// The page height: layout has y down from the top; PDF has y up.
    height: f32,
    in_text: bool,
    /// Where the current text line starts (text space, PDF points): `Td`
    /// moves relative to it, which is shorter to write than a full matrix.
    line_start: (f32, f32),
    font: Option<(Face, f32)>,
    fill: Option<Color>,
    stroke: Option<Stroke>,
}

impl<'a> Painter<'a> {
    fn new(height: f32, codes: &'a Codes) -> Self {
        Painter {
            out: Vec::with_capacity(16 * 1024),
            codes,
            height,
            in_text: false,
            line_start: (0.0, 0.0),
            font: None,
            fill: None,
            stroke: None,
        }
    }

    /// Writes `numbers` (each followed by a space), then `op` and a newline.
    fn op(&mut self, numbers: &[f32], op: &str) {
        for &n in numbers {
            write_number(&mut self.out, n);
            self.out.push(b' ');
        }
        self.out.extend_from_slice(op.as_bytes());
        self.out.push(b'\n');
    }

    /// Writes a point, flipped to PDF's y-up, and `op`.
    fn point_op(&mut self, p: Point, op: &str) {
        self.op(&[round(p.x), round(self.height - p.y)], op);
    }

    fn end_text(&mut self) {
        if self.in_text {
            self.op(&[], "ET");
            self.in_text = false;
        }
    }

    fn color(&mut self, c: Color, gray: &str, rgb: &str) {
        let gray_level = c.r == c.g && c.g == c.b;
        let parts: &[u8] = if gray_level { &[c.r] } else { &[c.r, c.g, c.b] };
        for &part in parts {
            write_color_unit(&mut self.out, part);
            self.out.push(b' ');
        }
        self.op(&[], if gray_level { gray } else { rgb });
    }

    fn set_fill(&mut self, c: Color) {
        if self.fill != Some(c) {
            self.color(c, "g", "rg");
            self.fill = Some(c);
        }
    }

    fn set_stroke(&mut self, s: &Stroke) {
        let old = self.stroke;
        if old.map(|o| o.color) != Some(s.color) {
            self.color(s.color, "G", "RG");
        }
        if old.map(|o| o.width) != Some(s.width) {
            self.op(&[s.width], "w");
        }
        if old.map(|o| o.style) != Some(s.style) {
            let (cap, join) = match s.style {
                LineStyle::Sharp => (0.0, 0.0),
                LineStyle::Round => (1.0, 1.0),
            };
            self.op(&[cap], "J");
            self.op(&[join], "j");
        }
        if old.map(|o| o.dash) != Some(s.dash) {
            match s.dash {
                Some((on, off)) => {
                    self.out.push(b'[');
                    self.op(&[on, off], "] 0 d");
                }
                None => self.op(&[], "[] 0 d"),
            }
        }
        self.stroke = Some(*s);
    }

    fn text(&mut self, run: &TextRun) {
        if !self.in_text {
            self.op(&[], "BT");
            self.in_text = true;
            self.line_start = (0.0, 0.0);
        }
        if self.font != Some((run.face, run.size)) {
            self.out.push(b'/');
            self.out.extend_from_slice(font_id(run.face).0.as_bytes());
            self.out.push(b' ');
            self.op(&[run.size], "Tf");
            self.font = Some((run.face, run.size));
        }
        self.set_fill(run.color);
        let (x, y) = (round(run.origin.x), round(self.height - run.origin.y));
        let (dx, dy) = (round(x - self.line_start.0), round(y - self.line_start.1));
        self.op(&[dx, dy], "Td");
        self.line_start = (self.line_start.0 + dx, self.line_start.1 + dy);
        self.out.push(b'(');
        for c in run.text.chars() {
            for byte in self.codes.code(run.face, c) {
                // A literal string: escape the delimiters and the backslash,
                // and line ends (a reader would turn CR into LF).
                match byte {
                    b'(' | b')' | b'\\' => self.out.extend_from_slice(&[b'\\', byte]),
                    b'\r' => self.out.extend_from_slice(b"\\r"),
                    b'\n' => self.out.extend_from_slice(b"\\n"),
                    _ => self.out.push(byte),
                }
            }
        }
        self.op(&[], ") Tj");
    }

    /// Sets the colours and pen for a shape painted with `fill` and
    /// `stroke` (a zero-width stroke counts as none), ending any text
    /// first; the paint operator, or `None` when nothing would show.
    fn paint(&mut self, fill: Option<Color>, stroke: Option<Stroke>) -> Option<&'static str> {
        let stroke = stroke.filter(|s| s.width > 0.0);
        let mode = match (fill, stroke) {
            (Some(_), Some(_)) => "B",
            (Some(_), None) => "f",
            (None, Some(_)) => "S",
            (None, None) => return None,
        };
        self.end_text();
        if let Some(c) = fill {
            self.set_fill(c);
        }
        if let Some(s) = &stroke {
            self.set_stroke(s);
        }
        Some(mode)
    }

    /// A box as one `re` rectangle: four numbers and a paint operator,
    /// much shorter than a polygon (a QR code is hundreds of boxes).
    fn rect(&mut self, rect: Rect, fill: Option<Color>, stroke: Option<Stroke>) {
        let Some(mode) = self.paint(fill, stroke) else { return };
        let bottom = round(self.height - rect.bottom());
        self.op(&[round(rect.x), bottom, round(rect.w), round(rect.h)], "re");
        self.op(&[], mode);
    }

    fn path(&mut self, path: &Path) {
        let Some(mode) = self.paint(path.fill.filter(|_| path.closed), path.stroke) else { return };
        self.point_op(path.start, "m");
        for segment in &path.segments {
            match *segment {
                Segment::Line(p) => self.point_op(p, "l"),
                Segment::Curve(a, b, p) => {
                    let flip = |q: Point| [round(q.x), round(self.height - q.y)];
                    let [ax, ay] = flip(a);
                    let [bx, by] = flip(b);
                    let [px, py] = flip(p);
                    self.op(&[ax, ay, bx, by, px, py], "c");
                }
            }
        }
        if path.closed {
            self.op(&[], "h");
        }
        self.op(&[], mode);
    }

    fn image(&mut self, rect: Rect, picture: &Arc<Picture>, pictures: &[Arc<Picture>]) {
        let Some(index) = pictures.iter().position(|p| Arc::ptr_eq(p, picture) || p == picture) else {
            return;
        };
        self.end_text();
        // The picture's unit square, scaled to the rectangle.
        let bottom = round(self.height - rect.bottom());
        self.op(&[], "q");
        self.op(&[round(rect.w), 0.0, 0.0, round(rect.h), round(rect.x), bottom], "cm");
        self.out.push(b'/');
        self.out.extend_from_slice(image_id(index).0.as_bytes());
        self.op(&[], " Do");
        self.op(&[], "Q");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::Paper;
    use crate::layout::flow::text_run;

    fn stream(page: &Page) -> String {
        String::from_utf8_lossy(&page_stream(page, &[], &Codes::default())).into_owned()
    }

    #[test]
    fn state_is_written_only_when_it_changes() {
        let mut page = Page::new(Paper::A4.portrait());
        let pen = Stroke::solid(1.5, Color::gray(40));
        for x in [10.0, 20.0] {
            page.items.push(Item::Line { from: Point::new(x, 10.0), to: Point::new(x, 20.0), stroke: pen });
        }
        let text = stream(&page);
        assert_eq!(text.matches(" w\n").count(), 1, "{text}");
        assert_eq!(text.matches(" G\n").count(), 1, "{text}");
        assert_eq!(text.lines().filter(|l| *l == "S").count(), 2, "{text}");
    }

    #[test]
    fn coordinates_flip_and_round_to_two_decimals() {
        let mut page = Page::new(Paper::A4.portrait());
        let h = page.size.h;
        let pen = Stroke::solid(1.0, Color::BLACK);
        let corner = Path {
            closed: true,
            fill: Some(Color::gray(40)),
            ..Path::polyline(&[Point::new(100.004, 200.0), Point::new(20.0, h - 30.126)], pen)
        };
        page.items.push(Item::Path(corner));
        let text = stream(&page);
        let mut number = Vec::new();
        super::super::number::write_number(&mut number, round(h - 200.0));
        let y = String::from_utf8(number).unwrap();
        assert!(text.contains(&format!("100 {y} m\n20 30.13 l\nh\nB\n")), "{text}");
    }

    #[test]
    fn text_is_a_literal_string_with_its_delimiters_escaped() {
        let mut page = Page::new(Paper::A4.portrait());
        page.items.push(text_run("ab", Face::Regular, 10.0, Color::BLACK, Point::new(50.0, 60.0)));
        let codes = Codes::for_tests(&[('a', [0, b'(']), ('b', [b'\\', b'\r'])]);
        let bytes = page_stream(&page, &[], &codes);
        let text = String::from_utf8_lossy(&bytes);
        assert!(text.contains("(\u{0}\\(\\\\\\r) Tj"), "{text:?}");
        assert!(text.starts_with("BT\n/ATKREG 10 Tf\n0 g\n"), "{text:?}");
    }
}
