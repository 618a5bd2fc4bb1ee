//! Painting one page model page as printpdf operations: text runs, paths,
//! boxes, pictures and links, with layout's y-down coordinates flipped to
//! PDF's y-up and numbers rounded to two decimals.

use std::sync::Arc;

use printpdf::{
    Actions, BorderArray, Color as PdfColor, LineCapStyle, LineDashPattern, LineJoinStyle, LinePoint,
    LinkAnnotation, Op, PaintMode, PdfFontHandle, PdfPage, Polygon, PolygonRing, Pt, Rgb, TextItem,
    WindingOrder, XObjectTransform,
};

use super::pdf::{font_id, image_id};
use crate::doc::{Color, Face, Item, LineStyle, Page, Path, Picture, Rect, Segment, Stroke, TextRun};

/// Page coordinates: layout has y down from the top; PDF has y up.
struct Flip {
    height: f32,
}

impl Flip {
    fn point(&self, p: crate::doc::Point) -> printpdf::Point {
        printpdf::Point { x: Pt(round(p.x)), y: Pt(round(self.height - p.y)) }
    }
}

/// Two decimals are finer than any printer; shorter numbers compress better.
fn round(v: f32) -> f32 {
    (v * 100.0).round() / 100.0
}

pub(super) fn pdf_page(page: &Page, pictures: &[Arc<Picture>]) -> PdfPage {
    let mut painter = Painter::new(page.size.h);
    let mut links = Vec::new();
    for item in &page.items {
        match item {
            Item::Text(run) => painter.text(run),
            Item::Box { rect, fill, stroke } => painter.rect(*rect, *fill, *stroke),
            Item::Line { from, to, stroke } => painter.path(&Path::polyline(&[*from, *to], *stroke)),
            Item::Path(path) => painter.path(path),
            Item::Image { rect, picture } => {
                painter.end_text();
                image_ops(*rect, picture, pictures, &painter.flip, &mut painter.ops);
            }
            Item::Link { rect, uri } => links.push(link_op(*rect, uri, &painter.flip)),
        }
    }
    painter.end_text();
    let mut ops = painter.ops;
    ops.extend(links);
    // Set the boxes in points: a round trip through millimetres is not exact.
    let mut pdf_page = PdfPage::new(printpdf::Mm(0.0), printpdf::Mm(0.0), ops);
    let size = printpdf::Rect::from_wh(Pt(page.size.w), Pt(page.size.h));
    pdf_page.media_box = size.clone();
    pdf_page.trim_box = size.clone();
    pdf_page.crop_box = size;
    pdf_page
}

/// Writes a page's operators, emitting a graphics-state change only when
/// the state actually changes (the content stream stays small).
struct Painter {
    flip: Flip,
    ops: Vec<Op>,
    in_text: bool,
    /// Where the current text line starts (text space, PDF points): `Td`
    /// moves relative to it, which is shorter to write than a full matrix.
    line_start: (f32, f32),
    font: Option<(Face, f32)>,
    fill: Option<Color>,
    stroke: Option<Stroke>,
}

impl Painter {
    fn new(height: f32) -> Self {
        Painter {
            flip: Flip { height },
            ops: Vec::new(),
            in_text: false,
            line_start: (0.0, 0.0),
            font: None,
            fill: None,
            stroke: None,
        }
    }

    fn end_text(&mut self) {
        if self.in_text {
            self.ops.push(Op::EndTextSection);
            self.in_text = false;
        }
    }

    fn set_fill(&mut self, c: Color) {
        if self.fill != Some(c) {
            self.ops.push(Op::SetFillColor { col: color(c) });
            self.fill = Some(c);
        }
    }

    fn set_stroke(&mut self, s: &Stroke) {
        let old = self.stroke;
        if old.map(|o| o.color) != Some(s.color) {
            self.ops.push(Op::SetOutlineColor { col: color(s.color) });
        }
        if old.map(|o| o.width) != Some(s.width) {
            self.ops.push(Op::SetOutlineThickness { pt: Pt(s.width) });
        }
        if old.map(|o| o.style) != Some(s.style) {
            let (cap, join) = match s.style {
                LineStyle::Sharp => (LineCapStyle::Butt, LineJoinStyle::Miter),
                LineStyle::Round => (LineCapStyle::Round, LineJoinStyle::Round),
            };
            self.ops.push(Op::SetLineCapStyle { cap });
            self.ops.push(Op::SetLineJoinStyle { join });
        }
        if old.map(|o| o.dash) != Some(s.dash) {
            let dash = match s.dash {
                Some((on, off)) => LineDashPattern::new(0.0, &[on, off]),
                None => LineDashPattern::solid(),
            };
            self.ops.push(Op::SetLineDashPattern { dash });
        }
        self.stroke = Some(*s);
    }

    fn text(&mut self, run: &TextRun) {
        if !self.in_text {
            self.ops.push(Op::StartTextSection);
            self.in_text = true;
            self.line_start = (0.0, 0.0);
        }
        if self.font != Some((run.face, run.size)) {
            self.ops
                .push(Op::SetFont { font: PdfFontHandle::External(font_id(run.face)), size: Pt(run.size) });
            self.font = Some((run.face, run.size));
        }
        self.set_fill(run.color);
        let at = self.flip.point(run.origin);
        let (x, y) = (at.x.0, at.y.0);
        let (dx, dy) = (round(x - self.line_start.0), round(y - self.line_start.1));
        self.ops.push(Op::SetTextCursor { pos: printpdf::Point { x: Pt(dx), y: Pt(dy) } });
        self.line_start = (self.line_start.0 + dx, self.line_start.1 + dy);
        self.ops.push(Op::ShowText { items: vec![TextItem::Text(run.text.clone())] });
    }

    /// Sets the colours and pen for a shape painted with `fill` and
    /// `stroke` (a zero-width stroke counts as none), ending any text
    /// first; the paint mode, or `None` when nothing would show.
    fn paint(&mut self, fill: Option<Color>, stroke: Option<Stroke>) -> Option<PaintMode> {
        let stroke = stroke.filter(|s| s.width > 0.0);
        let mode = match (fill, stroke) {
            (Some(_), Some(_)) => PaintMode::FillStroke,
            (Some(_), None) => PaintMode::Fill,
            (None, Some(_)) => PaintMode::Stroke,
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
        let bottom_left = self.flip.point(crate::doc::Point::new(rect.x, rect.bottom()));
        self.ops.push(Op::DrawRectangle {
            rectangle: printpdf::Rect {
                x: bottom_left.x,
                y: bottom_left.y,
                width: Pt(round(rect.w)),
                height: Pt(round(rect.h)),
                mode: Some(mode),
                winding_order: Some(WindingOrder::NonZero),
            },
        });
    }

    fn path(&mut self, path: &Path) {
        let Some(mode) = self.paint(path.fill.filter(|_| path.closed), path.stroke) else { return };
        let points = line_points(path, &self.flip);
        if path.closed {
            self.ops.push(Op::DrawPolygon {
                polygon: Polygon {
                    rings: vec![PolygonRing { points }],
                    mode,
                    winding_order: WindingOrder::NonZero,
                },
            });
        } else {
            self.ops.push(Op::DrawLine { line: printpdf::Line { points, is_closed: false } });
        }
    }
}

/// A colour for PDF: gray levels as one number, components rounded to
/// three decimals (finer than any printer, and shorter to write).
fn color(c: Color) -> PdfColor {
    let unit = |v: u8| (f32::from(v) / 255.0 * 1000.0).round() / 1000.0;
    if c.r == c.g && c.g == c.b {
        return PdfColor::Greyscale(printpdf::Greyscale { percent: unit(c.r), icc_profile: None });
    }
    PdfColor::Rgb(Rgb { r: unit(c.r), g: unit(c.g), b: unit(c.b), icc_profile: None })
}

fn line_points(path: &Path, flip: &Flip) -> Vec<LinePoint> {
    let mut points = vec![LinePoint { p: flip.point(path.start), bezier: false }];
    for segment in &path.segments {
        match *segment {
            Segment::Line(p) => points.push(LinePoint { p: flip.point(p), bezier: false }),
            Segment::Curve(a, b, p) => {
                for (q, bezier) in [(a, true), (b, true), (p, false)] {
                    points.push(LinePoint { p: flip.point(q), bezier });
                }
            }
        }
    }
    points
}

fn image_ops(rect: Rect, picture: &Arc<Picture>, pictures: &[Arc<Picture>], flip: &Flip, ops: &mut Vec<Op>) {
    let Some(index) = pictures.iter().position(|p| Arc::ptr_eq(p, picture) || p == picture) else {
        return;
    };
    // At 72 dpi one pixel is one point; scale to the rectangle.
    let bottom_left = flip.point(crate::doc::Point::new(rect.x, rect.bottom()));
    ops.push(Op::UseXobject {
        id: image_id(index),
        transform: XObjectTransform {
            translate_x: Some(bottom_left.x),
            translate_y: Some(bottom_left.y),
            scale_x: Some(rect.w / picture.width as f32),
            scale_y: Some(rect.h / picture.height as f32),
            dpi: Some(72.0),
            ..Default::default()
        },
    });
}

fn link_op(rect: Rect, uri: &str, flip: &Flip) -> Op {
    let bottom_left = flip.point(crate::doc::Point::new(rect.x, rect.bottom()));
    Op::LinkAnnotation {
        link: LinkAnnotation::new(
            printpdf::Rect {
                x: bottom_left.x,
                y: bottom_left.y,
                width: Pt(rect.w),
                height: Pt(rect.h),
                mode: None,
                winding_order: None,
            },
            Actions::Uri(uri.to_string()),
            Some(BorderArray::Solid([0.0, 0.0, 0.0])),
            None,
            None,
        ),
    }
}
