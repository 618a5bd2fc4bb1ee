//! PDF output through printpdf: one function per kind of page item.
//!
//! The bytes are reproducible: fonts and images get fixed resource ids, the
//! document dates are fixed, and the trailer `/ID` is a hash of the content,
//! so the same document always gives the same file. Fonts are subset, and
//! pictures are embedded losslessly (Flate) at the size layout chose.

use std::collections::BTreeSet;
use std::sync::Arc;

use lopdf::Object;
use printpdf::{
    Actions, BorderArray, Color as PdfColor, FontId, ImageCompression, ImageOptimizationOptions,
    LineCapStyle, LineDashPattern, LineJoinStyle, LinePoint, LinkAnnotation, Op, PaintMode, ParsedFont,
    PdfDocument, PdfFont, PdfFontHandle, PdfPage, PdfSaveOptions, Polygon, PolygonRing, Pt, RawImage,
    RawImageData, RawImageFormat, Rgb, TextItem, TextMatrix, WindingOrder, XObject, XObjectId,
    XObjectTransform,
};
use sha2::{Digest, Sha256};

use crate::assets;
use crate::error::{Error, Result};
use crate::layout::page::{LineStyle, Picture, Segment, TextRun};
use crate::layout::{Color, Document, Face, Item, Page, Path, Rect, Stroke};

/// Renders `doc` to PDF bytes.
pub fn render(doc: &Document) -> Result<Vec<u8>> {
    let mut pdf = PdfDocument::new(&doc.title);
    let info = &mut pdf.metadata.info;
    info.subject = doc.subject.clone();
    info.keywords = doc.keywords.clone();
    info.creator = format!("stretchsheet {}", env!("CARGO_PKG_VERSION"));
    info.producer = "stretchsheet (printpdf)".into();

    for face in used_faces(doc) {
        let font = parse_font(face)?;
        pdf.resources.fonts.map.insert(font_id(face), PdfFont::new(font));
    }
    let pictures = pictures(doc);
    for (i, picture) in pictures.iter().enumerate() {
        pdf.resources
            .xobjects
            .map
            .insert(image_id(i), XObject::Image(raw_image(picture)));
    }
    let pages = doc.pages.iter().map(|page| pdf_page(page, &pictures)).collect();
    pdf.with_pages(pages);
    save(&pdf)
}

fn font_id(face: Face) -> FontId {
    // The first six letters become the subset tag: keep them A–Z.
    FontId(
        match face {
            Face::Regular => "ATKREG",
            Face::Bold => "ATKBLD",
            Face::Italic => "ATKITA",
        }
        .into(),
    )
}

fn image_id(index: usize) -> XObjectId {
    XObjectId(format!("IMG{index}"))
}

fn parse_font(face: Face) -> Result<ParsedFont> {
    let bytes = match face {
        Face::Regular => assets::FONT_REGULAR,
        Face::Bold => assets::FONT_BOLD,
        Face::Italic => assets::FONT_ITALIC,
    };
    let mut warnings = Vec::new();
    ParsedFont::from_bytes(bytes, 0, &mut warnings)
        .ok_or_else(|| Error::Internal(format!("the embedded {face:?} font could not be parsed")))
}

fn used_faces(doc: &Document) -> BTreeSet<Face> {
    doc.pages.iter().flat_map(|p| p.texts().map(|t| t.face)).collect()
}

/// Every distinct picture, in first-use order.
fn pictures(doc: &Document) -> Vec<Arc<Picture>> {
    let mut out: Vec<Arc<Picture>> = Vec::new();
    for item in doc.pages.iter().flat_map(|p| &p.items) {
        if let Item::Image { picture, .. } = item
            && !out
                .iter()
                .any(|known| Arc::ptr_eq(known, picture) || known == picture)
        {
            out.push(picture.clone());
        }
    }
    out
}

fn raw_image(picture: &Picture) -> RawImage {
    RawImage {
        pixels: RawImageData::U8(picture.pixels.clone()),
        width: picture.width as usize,
        height: picture.height as usize,
        data_format: if picture.alpha {
            RawImageFormat::RGBA8
        } else {
            RawImageFormat::RGB8
        },
        tag: Vec::new(),
    }
}

fn save(pdf: &PdfDocument) -> Result<Vec<u8>> {
    let options = PdfSaveOptions {
        optimize: true,
        subset_fonts: true,
        secure: true,
        image_optimization: Some(ImageOptimizationOptions {
            quality: None,
            max_image_size: None,
            dither_greyscale: Some(false),
            convert_to_greyscale: Some(false),
            auto_optimize: Some(false),
            format: Some(ImageCompression::Flate),
        }),
    };
    let mut warnings = Vec::new();
    let mut lo = pdf.to_lopdf_document(&options, &mut warnings);
    lo.compress();
    // A content hash in place of printpdf's random document ids.
    let mut probe = Vec::new();
    lo.trailer.remove(b"ID");
    lo.save_to(&mut probe)
        .map_err(|e| Error::Internal(format!("PDF could not be written: {e}")))?;
    let hash = Sha256::digest(&probe);
    let id: String = hash[..16].iter().map(|b| format!("{b:02x}")).collect();
    let id = Object::String(id.into_bytes(), lopdf::StringFormat::Literal);
    lo.trailer.set("ID", Object::Array(vec![id.clone(), id]));
    let mut bytes = Vec::with_capacity(probe.len() + 100);
    lo.save_to(&mut bytes)
        .map_err(|e| Error::Internal(format!("PDF could not be written: {e}")))?;
    Ok(bytes)
}

/// Page coordinates: layout has y down from the top; PDF has y up.
struct Flip {
    height: f32,
}

impl Flip {
    fn point(&self, p: crate::layout::Point) -> printpdf::Point {
        printpdf::Point {
            x: Pt(round(p.x)),
            y: Pt(round(self.height - p.y)),
        }
    }
}

/// Two decimals are finer than any printer; shorter numbers compress better.
fn round(v: f32) -> f32 {
    (v * 100.0).round() / 100.0
}

fn pdf_page(page: &Page, pictures: &[Arc<Picture>]) -> PdfPage {
    let flip = Flip { height: page.size.h };
    let mut ops = Vec::with_capacity(page.items.len() * 4);
    let mut links = Vec::new();
    let mut i = 0;
    while i < page.items.len() {
        // Consecutive text runs share one text section.
        let texts = page.items[i..]
            .iter()
            .take_while(|item| matches!(item, Item::Text(_)))
            .count();
        if texts > 0 {
            let runs = page.items[i..i + texts].iter().filter_map(|item| match item {
                Item::Text(run) => Some(run),
                _ => None,
            });
            text_ops(runs, &flip, &mut ops);
            i += texts;
            continue;
        }
        match &page.items[i] {
            Item::Box { rect, fill, stroke } => box_ops(*rect, *fill, *stroke, &flip, &mut ops),
            Item::Line { from, to, stroke } => {
                let path = Path::polyline(&[*from, *to], *stroke);
                path_ops(&path, &flip, &mut ops);
            }
            Item::Path(path) => path_ops(path, &flip, &mut ops),
            Item::Image { rect, picture } => image_ops(*rect, picture, pictures, &flip, &mut ops),
            Item::Link { rect, uri } => links.push(link_op(*rect, uri, &flip)),
            Item::Text(_) => unreachable!("text runs are handled above"),
        }
        i += 1;
    }
    ops.extend(links);
    // Set the boxes in points: a round trip through millimetres is not exact.
    let mut pdf_page = PdfPage::new(printpdf::Mm(0.0), printpdf::Mm(0.0), ops);
    let size = printpdf::Rect::from_wh(Pt(page.size.w), Pt(page.size.h));
    pdf_page.media_box = size.clone();
    pdf_page.trim_box = size.clone();
    pdf_page.crop_box = size;
    pdf_page
}

fn color(c: Color) -> PdfColor {
    PdfColor::Rgb(Rgb {
        r: f32::from(c.r) / 255.0,
        g: f32::from(c.g) / 255.0,
        b: f32::from(c.b) / 255.0,
        icc_profile: None,
    })
}

fn text_ops<'a>(runs: impl Iterator<Item = &'a TextRun>, flip: &Flip, ops: &mut Vec<Op>) {
    ops.push(Op::StartTextSection);
    let mut font: Option<(Face, f32)> = None;
    let mut fill: Option<Color> = None;
    for run in runs {
        if font != Some((run.face, run.size)) {
            ops.push(Op::SetFont {
                font: PdfFontHandle::External(font_id(run.face)),
                size: Pt(run.size),
            });
            font = Some((run.face, run.size));
        }
        if fill != Some(run.color) {
            ops.push(Op::SetFillColor {
                col: color(run.color),
            });
            fill = Some(run.color);
        }
        let at = flip.point(run.origin);
        ops.push(Op::SetTextMatrix {
            matrix: TextMatrix::Translate(at.x, at.y),
        });
        ops.push(Op::ShowText {
            items: vec![TextItem::Text(run.text.clone())],
        });
    }
    ops.push(Op::EndTextSection);
}

fn stroke_ops(stroke: &Stroke, ops: &mut Vec<Op>) {
    ops.push(Op::SetOutlineColor {
        col: color(stroke.color),
    });
    ops.push(Op::SetOutlineThickness { pt: Pt(stroke.width) });
    let (cap, join) = match stroke.style {
        LineStyle::Sharp => (LineCapStyle::Butt, LineJoinStyle::Miter),
        LineStyle::Round => (LineCapStyle::Round, LineJoinStyle::Round),
    };
    ops.push(Op::SetLineCapStyle { cap });
    ops.push(Op::SetLineJoinStyle { join });
    let dash = match stroke.dash {
        Some((on, off)) => LineDashPattern::new(0.0, &[on, off]),
        None => LineDashPattern::solid(),
    };
    ops.push(Op::SetLineDashPattern { dash });
}

fn box_ops(rect: Rect, fill: Option<Color>, stroke: Option<Stroke>, flip: &Flip, ops: &mut Vec<Op>) {
    let corners = [
        crate::layout::Point::new(rect.x, rect.y),
        crate::layout::Point::new(rect.right(), rect.y),
        crate::layout::Point::new(rect.right(), rect.bottom()),
        crate::layout::Point::new(rect.x, rect.bottom()),
    ];
    path_ops(&Path::polygon(&corners, fill, stroke), flip, ops);
}

fn line_points(path: &Path, flip: &Flip) -> Vec<LinePoint> {
    let mut points = vec![LinePoint {
        p: flip.point(path.start),
        bezier: false,
    }];
    for segment in &path.segments {
        match *segment {
            Segment::Line(p) => points.push(LinePoint {
                p: flip.point(p),
                bezier: false,
            }),
            Segment::Curve(a, b, p) => {
                points.push(LinePoint {
                    p: flip.point(a),
                    bezier: true,
                });
                points.push(LinePoint {
                    p: flip.point(b),
                    bezier: true,
                });
                points.push(LinePoint {
                    p: flip.point(p),
                    bezier: false,
                });
            }
        }
    }
    points
}

fn path_ops(path: &Path, flip: &Flip, ops: &mut Vec<Op>) {
    let mode = match (
        path.fill.filter(|_| path.closed),
        path.stroke.filter(|s| s.width > 0.0),
    ) {
        (Some(_), Some(_)) => PaintMode::FillStroke,
        (Some(_), None) => PaintMode::Fill,
        (None, Some(_)) => PaintMode::Stroke,
        (None, None) => return,
    };
    ops.push(Op::SaveGraphicsState);
    if let (Some(fill), true) = (path.fill, path.closed) {
        ops.push(Op::SetFillColor { col: color(fill) });
    }
    if let Some(stroke) = path.stroke.filter(|s| s.width > 0.0) {
        stroke_ops(&stroke, ops);
    }
    let points = line_points(path, flip);
    if path.closed {
        ops.push(Op::DrawPolygon {
            polygon: Polygon {
                rings: vec![PolygonRing { points }],
                mode,
                winding_order: WindingOrder::NonZero,
            },
        });
    } else {
        ops.push(Op::DrawLine {
            line: printpdf::Line {
                points,
                is_closed: false,
            },
        });
    }
    ops.push(Op::RestoreGraphicsState);
}

fn image_ops(rect: Rect, picture: &Arc<Picture>, pictures: &[Arc<Picture>], flip: &Flip, ops: &mut Vec<Op>) {
    let Some(index) = pictures
        .iter()
        .position(|p| Arc::ptr_eq(p, picture) || p == picture)
    else {
        return;
    };
    // At 72 dpi one pixel is one point; scale to the rectangle.
    let bottom_left = flip.point(crate::layout::Point::new(rect.x, rect.bottom()));
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
    let bottom_left = flip.point(crate::layout::Point::new(rect.x, rect.bottom()));
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::flow::text_run;
    use crate::layout::{Paper, Point};

    fn sample() -> Document {
        let mut page = Page::new(Paper::A4.portrait());
        page.items.push(text_run(
            "Hold 20–30 s × 3",
            Face::Bold,
            12.0,
            Color::BLACK,
            Point::new(50.0, 60.0),
        ));
        page.items.push(Item::Path(Path::circle(
            Point::new(100.0, 200.0),
            10.0,
            Some(Color::gray(40)),
            None,
        )));
        page.items.push(Item::Box {
            rect: Rect::new(40.0, 300.0, 100.0, 50.0),
            fill: None,
            stroke: Some(Stroke::solid(1.0, Color::BLACK)),
        });
        Document {
            title: "Test".into(),
            subject: "A test".into(),
            keywords: vec![],
            pages: vec![page],
        }
    }

    #[test]
    fn same_document_gives_identical_bytes() {
        let a = render(&sample()).unwrap();
        let b = render(&sample()).unwrap();
        assert_eq!(a, b);
        assert!(a.starts_with(b"%PDF-"));
    }

    #[test]
    fn different_documents_get_different_ids() {
        let mut other = sample();
        other.title = "Other".into();
        let a = render(&sample()).unwrap();
        let b = render(&other).unwrap();
        let id = |bytes: &[u8]| {
            let text = String::from_utf8_lossy(bytes);
            text[text.rfind("/ID").unwrap()..]
                .chars()
                .take(80)
                .collect::<String>()
        };
        assert_ne!(id(&a), id(&b));
    }
}
