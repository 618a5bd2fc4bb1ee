//! PDF output through printpdf: one function per kind of page item.
//!
//! The bytes are reproducible: fonts and images get fixed resource ids, the
//! only date written is the document's own (from layout, never a clock),
//! and the trailer `/ID` is a hash of the content, so the same document
//! always gives the same file. The metadata is written here, clean: one
//! line of text each, no empty entries. Fonts are subset, and
//! pictures are embedded losslessly (Flate) at the size layout chose.

use std::collections::BTreeSet;
use std::sync::Arc;

use lopdf::Object;
use printpdf::{
    Actions, BorderArray, Color as PdfColor, FontId, ImageCompression, ImageOptimizationOptions,
    LineCapStyle, LineDashPattern, LineJoinStyle, LinePoint, LinkAnnotation, Op, PaintMode, ParsedFont,
    PdfDocument, PdfFont, PdfFontHandle, PdfPage, PdfSaveOptions, Polygon, PolygonRing, Pt, RawImage,
    RawImageData, RawImageFormat, Rgb, TextItem, WindingOrder, XObject, XObjectId, XObjectTransform,
};
use sha2::{Digest, Sha256};

use crate::doc::{Color, Document, Face, Item, Page, Path, Rect, Stroke};
use crate::doc::{LineStyle, Picture, Segment, TextRun};
use crate::error::{Error, Result};

/// Renders `doc` to PDF bytes.
pub fn render(doc: &Document) -> Result<Vec<u8>> {
    let mut pdf = PdfDocument::new(&doc.title);

    // Layout checks user text; this catches a sheet's own wording.
    let fonts = crate::doc::Fonts::get();
    if let Some((run, c)) =
        doc.pages.iter().flat_map(Page::texts).find_map(|run| fonts.missing(&run.text).map(|c| (run, c)))
    {
        return Err(Error::Internal(format!("the sheet font lacks {c:?} in {:?}", run.text)));
    }
    for face in used_faces(doc) {
        let font = parse_font(face)?;
        pdf.resources.fonts.map.insert(font_id(face), PdfFont::new(font));
    }
    let pictures = pictures(doc);
    for (i, picture) in pictures.iter().enumerate() {
        pdf.resources.xobjects.map.insert(image_id(i), XObject::Image(raw_image(picture)));
    }
    let pages = doc.pages.iter().map(|page| pdf_page(page, &pictures)).collect();
    pdf.with_pages(pages);
    save(&pdf, Info::of(doc))
}

/// What the PDF's document information says.
struct Info {
    title: String,
    subject: String,
    keywords: String,
    date: Option<chrono::NaiveDate>,
}

impl Info {
    fn of(doc: &Document) -> Self {
        let clean =
            |text: &str| crate::words::one_line(text).chars().filter(|c| !c.is_control()).collect::<String>();
        let keywords: Vec<String> = doc.keywords.iter().map(|k| clean(k)).collect();
        Info {
            title: clean(&doc.title),
            subject: clean(&doc.subject),
            keywords: keywords.join(", "),
            date: doc.date,
        }
    }
}

/// Replaces printpdf's document information with ours: the texts, who
/// made it, and the document's date as its creation date (none when it is
/// undated); nothing empty.
fn set_info(lo: &mut lopdf::Document, info: Info) {
    let Ok(id) = lo.trailer.get(b"Info").and_then(Object::as_reference) else {
        return;
    };
    let mut dict = lopdf::Dictionary::new();
    let creator = format!("stretchsheet {}", env!("CARGO_PKG_VERSION"));
    let texts = [
        ("Title", info.title.as_str()),
        ("Subject", info.subject.as_str()),
        ("Keywords", info.keywords.as_str()),
        ("Creator", creator.as_str()),
        ("Producer", "stretchsheet (printpdf)"),
    ];
    for (key, text) in texts.into_iter().filter(|(_, text)| !text.is_empty()) {
        dict.set(key, pdf_text(text));
    }
    if let Some(date) = info.date {
        let stamp = format!("D:{}000000Z", date.format("%Y%m%d"));
        for key in ["CreationDate", "ModDate"] {
            dict.set(key, Object::String(stamp.clone().into_bytes(), lopdf::StringFormat::Literal));
        }
    }
    lo.objects.insert(id, Object::Dictionary(dict));
}

/// A PDF text string: plain ASCII as is, anything else as UTF-16 with a
/// byte-order mark.
fn pdf_text(text: &str) -> Object {
    if text.is_ascii() {
        return Object::String(text.as_bytes().to_vec(), lopdf::StringFormat::Literal);
    }
    let mut bytes = vec![0xfe, 0xff];
    bytes.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    Object::String(bytes, lopdf::StringFormat::Hexadecimal)
}

fn font_id(face: Face) -> FontId {
    // The first six letters become the subset tag: keep them A–Z.
    FontId(
        match face {
            Face::Regular => "ATKREG",
            Face::Bold => "ATKBLD",
        }
        .into(),
    )
}

fn image_id(index: usize) -> XObjectId {
    XObjectId(format!("IMG{index}"))
}

fn parse_font(face: Face) -> Result<ParsedFont> {
    let bytes = crate::doc::fonts::font_file(face);
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
            && !out.iter().any(|known| Arc::ptr_eq(known, picture) || known == picture)
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
        data_format: if picture.alpha { RawImageFormat::RGBA8 } else { RawImageFormat::RGB8 },
        tag: Vec::new(),
    }
}

fn save(pdf: &PdfDocument, info: Info) -> Result<Vec<u8>> {
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
            format: Some(ImageCompression::None),
        }),
    };
    let mut warnings = Vec::new();
    let mut lo = pdf.to_lopdf_document(&options, &mut warnings);
    set_info(&mut lo, info);
    compress(&mut lo)?;
    // Object streams compress the dictionaries too (fonts' width tables,
    // pages); they need PDF 1.5.
    lo.version = "1.5".into();
    // The trailer /ID is a hash of the file: written first as a
    // placeholder, then filled in (same length, so nothing moves).
    let placeholder = [b'0'; 32];
    let id = Object::String(placeholder.to_vec(), lopdf::StringFormat::Literal);
    lo.trailer.set("ID", Object::Array(vec![id.clone(), id]));
    let mut bytes = Vec::new();
    lo.save_modern(&mut bytes).map_err(|e| Error::Internal(format!("PDF could not be written: {e}")))?;
    let hash = Sha256::digest(&bytes);
    let hex: String = hash[..16].iter().map(|b| format!("{b:02x}")).collect();
    let at = find_last(&bytes, &placeholder)
        .ok_or_else(|| Error::Internal("the PDF trailer has no /ID".into()))?;
    for start in [at - 34, at] {
        if bytes[start..start + 32] == placeholder {
            bytes[start..start + 32].copy_from_slice(hex.as_bytes());
        }
    }
    Ok(bytes)
}

/// The compressors of this thread, made once and reused from stream to
/// stream and document to document (making one clears large tables).
struct Compressors {
    /// Level 6 packs almost as tightly as the slowest level in a fraction
    /// of the time.
    text: flate2::Compress,
    /// Pictures are large and already as small as their pixels allow: a
    /// lighter level costs them little and halves their time.
    pictures: flate2::Compress,
}

thread_local! {
    static COMPRESSORS: std::cell::RefCell<Compressors> = std::cell::RefCell::new(Compressors {
        text: flate2::Compress::new(flate2::Compression::new(6), true),
        pictures: flate2::Compress::new(flate2::Compression::new(3), true),
    });
}

/// Flate-compresses every stream not yet compressed. (Pictures go in as
/// plain rows: PNG predictors made the anti-aliased logos we tried larger,
/// not smaller.)
fn compress(lo: &mut lopdf::Document) -> Result<()> {
    COMPRESSORS.with_borrow_mut(|c| compress_with(lo, c))
}

fn compress_with(lo: &mut lopdf::Document, compressors: &mut Compressors) -> Result<()> {
    let Compressors { text: deflate, pictures: deflate_pictures } = compressors;
    for object in lo.objects.values_mut() {
        let Object::Stream(stream) = object else { continue };
        if stream.dict.get(b"Filter").is_ok() {
            continue;
        }
        let picture = stream.dict.get(b"Subtype").and_then(Object::as_name).is_ok_and(|n| n == b"Image");
        let packed = if picture {
            packed_picture(deflate_pictures, &stream.content)?
        } else {
            pack(deflate, &stream.content)?
        };
        if packed.len() < stream.content.len() {
            stream.dict.set("Filter", "FlateDecode");
            stream.set_content(packed);
        }
    }
    Ok(())
}

/// A picture's rows already deflated in this process, with the rows they
/// came from: a batch prints the same logo on every handout.
struct Packed {
    crc: u32,
    rows: Vec<u8>,
    packed: Vec<u8>,
}

/// The most pictures kept deflated at once.
const KEPT_PICTURES: usize = 8;

/// Deflates a picture's rows, or reuses the result for the same rows.
fn packed_picture(deflate: &mut flate2::Compress, rows: &[u8]) -> Result<Vec<u8>> {
    static KNOWN: std::sync::Mutex<Vec<Packed>> = std::sync::Mutex::new(Vec::new());
    let mut crc = flate2::Crc::new();
    crc.update(rows);
    let crc = crc.sum();
    let same = |p: &Packed| p.crc == crc && p.rows == rows;
    if let Some(found) = KNOWN.lock().unwrap_or_else(|e| e.into_inner()).iter().find(|p| same(p)) {
        return Ok(found.packed.clone());
    }
    let packed = pack(deflate, rows)?;
    let mut known = KNOWN.lock().unwrap_or_else(|e| e.into_inner());
    if known.len() >= KEPT_PICTURES {
        known.remove(0);
    }
    known.push(Packed { crc, rows: rows.to_vec(), packed: packed.clone() });
    Ok(packed)
}

/// Deflates `data` (zlib format) with a reused compressor.
fn pack(deflate: &mut flate2::Compress, data: &[u8]) -> Result<Vec<u8>> {
    let failed =
        |e: flate2::CompressError| Error::Internal(format!("PDF stream could not be compressed: {e}"));
    deflate.reset();
    let mut out = Vec::with_capacity(data.len() / 3 + 64);
    loop {
        let consumed = deflate.total_in() as usize;
        let status = deflate
            .compress_vec(&data[consumed.min(data.len())..], &mut out, flate2::FlushCompress::Finish)
            .map_err(failed)?;
        match status {
            flate2::Status::StreamEnd => return Ok(out),
            _ => out.reserve(out.capacity().max(1024)),
        }
    }
}

/// Where `needle` last occurs in `haystack`.
fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

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

fn pdf_page(page: &Page, pictures: &[Arc<Picture>]) -> PdfPage {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::{Paper, Point};
    use crate::layout::flow::text_run;

    fn sample() -> Document {
        let mut page = Page::new(Paper::A4.portrait());
        page.items.push(text_run("Hold 20–30 s × 3", Face::Bold, 12.0, Color::BLACK, Point::new(50.0, 60.0)));
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
            date: None,
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
    fn a_character_the_font_lacks_is_an_error_not_an_empty_box() {
        let mut doc = sample();
        doc.pages[0].items.push(text_run("a → b", Face::Regular, 10.0, Color::BLACK, Point::new(50.0, 90.0)));
        let err = render(&doc).unwrap_err();
        assert!(err.to_string().contains("lacks '→'"), "{err}");
    }

    #[test]
    fn different_documents_get_different_ids() {
        let mut other = sample();
        other.title = "Other".into();
        let a = render(&sample()).unwrap();
        let b = render(&other).unwrap();
        let id = |bytes: &[u8]| {
            let text = String::from_utf8_lossy(bytes);
            text[text.rfind("/ID").unwrap()..].chars().take(80).collect::<String>()
        };
        assert_ne!(id(&a), id(&b));
    }
}
