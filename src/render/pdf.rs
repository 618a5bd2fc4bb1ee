//! PDF output: printpdf builds the document (pages, pictures, links, the
//! subset fonts, see `fonts`); each page's drawing is written by `paint`.
//!
//! The bytes are reproducible: fonts and images get fixed resource ids, the
//! only date written is the document's own (from layout, never a clock),
//! and the trailer `/ID` is a hash of the content, so the same document
//! always gives the same file. The metadata is written here, clean: one
//! line of text each, no empty entries. Fonts are subset, and
//! pictures are embedded losslessly (Flate) at the size layout chose.

use std::sync::Arc;

use lopdf::Object;
use printpdf::{
    FontId, ImageCompression, ImageOptimizationOptions, ParsedFont, PdfDocument, PdfSaveOptions, RawImage,
    RawImageData, RawImageFormat, XObject, XObjectId,
};
use sha2::{Digest, Sha256};

use super::compress::compress;
use super::fonts::{CharSet, fonts_for};
use super::paint::page_stream;
use super::probe::{Codes, bare_page};
use crate::doc::{Document, Face, Item, Page, Picture};
use crate::error::{Error, Result};

/// Renders `doc` to PDF bytes.
pub fn render(doc: &Document) -> Result<Vec<u8>> {
    // Layout checks user text; this catches a sheet's own wording.
    let fonts = crate::doc::Fonts::get();
    if let Some((run, c)) =
        doc.pages.iter().flat_map(Page::texts).find_map(|run| fonts.missing(&run.text).map(|c| (run, c)))
    {
        return Err(Error::Internal(format!("the sheet font lacks {c:?} in {:?}", run.text)));
    }
    let pictures = pictures(doc);
    let mut parts = doc.pages.chunks(PAGES_AT_ONCE).map(|pages| part(doc, pages, &pictures));
    let mut lo = parts.next().unwrap_or_else(|| part(doc, &[], &pictures))?;
    for more in parts {
        super::join::append_pages(&mut lo, more?)?;
    }
    save(lo, Info::of(doc))
}

/// How many pages are made at once. A page's drawing unpacked takes
/// several times the memory of its packed stream, so a long document (the
/// gallery of a large library) goes through in parts, each packed before
/// the next is drawn, then joined; a sheet of a few dozen pages is one
/// part.
const PAGES_AT_ONCE: usize = 64;

/// `pages` of `doc` as a PDF document of their own, streams packed: the
/// fonts for these pages' characters, and the pictures they show (by
/// their ids among every picture of `doc`).
fn part(doc: &Document, pages: &[Page], pictures: &[Arc<Picture>]) -> Result<lopdf::Document> {
    let mut pdf = PdfDocument::new(&doc.title);
    let shown = pictures_of(pages);
    for (i, picture) in pictures.iter().enumerate() {
        if shown.iter().any(|p| Arc::ptr_eq(p, picture) || p == picture) {
            pdf.resources.xobjects.map.insert(image_id(i), XObject::Image(raw_image(picture)));
        }
    }
    pdf.with_pages(pages.iter().map(bare_page).collect());
    let mut warnings = Vec::new();
    let mut lo = pdf.to_lopdf_document(&save_options(), &mut warnings);
    drop(pdf);
    let ids: Vec<lopdf::ObjectId> = lo.get_pages().into_values().collect();
    if ids.len() != pages.len() {
        return Err(Error::Internal(format!("printpdf made {} pages of {}", ids.len(), pages.len())));
    }
    let fonts = fonts_for(&CharSet::of(pages))?;
    if let Some(fonts) = &fonts {
        fonts.add_to(&mut lo)?;
    }
    let none = Codes::default();
    let codes = fonts.as_ref().map_or(&none, |f| &f.codes);
    for (page, id) in pages.iter().zip(ids) {
        paint_page(&mut lo, id, page, pictures, codes)?;
    }
    compress(&mut lo)?;
    Ok(lo)
}

/// Replaces the empty content printpdf wrote for page `id` with the
/// page's drawing, its text in `codes`.
fn paint_page(
    lo: &mut lopdf::Document,
    id: lopdf::ObjectId,
    page: &Page,
    pictures: &[Arc<Picture>],
    codes: &Codes,
) -> Result<()> {
    let broken = |e: lopdf::Error| Error::Internal(format!("a page of the PDF has no content stream: {e}"));
    let contents = lo.get_dictionary(id).and_then(|d| d.get(b"Contents")).and_then(Object::as_reference);
    let contents = contents.map_err(broken)?;
    let stream = lo.get_object_mut(contents).and_then(Object::as_stream_mut).map_err(broken)?;
    stream.set_plain_content(page_stream(page, pictures, codes));
    Ok(())
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

pub(super) fn font_id(face: Face) -> FontId {
    // The first six letters become the subset tag: keep them A–Z.
    FontId(
        match face {
            Face::Regular => "ATKREG",
            Face::Bold => "ATKBLD",
        }
        .into(),
    )
}

pub(super) fn image_id(index: usize) -> XObjectId {
    XObjectId(format!("IMG{index}"))
}

thread_local! {
    /// Each face, parsed the first time this thread renders with it: a
    /// copy shares the parsed tables, and a batch renders a thousand
    /// handouts.
    static PARSED: std::cell::RefCell<Vec<(Face, ParsedFont)>> = const { std::cell::RefCell::new(Vec::new()) };
}

pub(super) fn parse_font(face: Face) -> Result<ParsedFont> {
    PARSED.with_borrow_mut(|parsed| {
        if let Some((_, font)) = parsed.iter().find(|(known, _)| *known == face) {
            return Ok(font.clone());
        }
        let bytes = crate::doc::fonts::font_file(face);
        let mut warnings = Vec::new();
        let font = ParsedFont::from_bytes(bytes, 0, &mut warnings)
            .ok_or_else(|| Error::Internal(format!("the embedded {face:?} font could not be parsed")))?;
        parsed.push((face, font.clone()));
        Ok(font)
    })
}

/// Every distinct picture of `doc`, in first-use order.
fn pictures(doc: &Document) -> Vec<Arc<Picture>> {
    pictures_of(&doc.pages)
}

/// Every distinct picture of `pages`, in first-use order.
fn pictures_of(pages: &[Page]) -> Vec<Arc<Picture>> {
    let mut out: Vec<Arc<Picture>> = Vec::new();
    for item in pages.iter().flat_map(|p| &p.items) {
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

pub(super) fn save_options() -> PdfSaveOptions {
    PdfSaveOptions {
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
    }
}

/// The finished file of `lo` (streams packed): our document information,
/// the dictionaries packed too, and the trailer `/ID` from its bytes.
fn save(mut lo: lopdf::Document, info: Info) -> Result<Vec<u8>> {
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

/// Where `needle` last occurs in `haystack`.
fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::{Color, Paper, Path, Point, Rect, Stroke};
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
    fn a_long_document_goes_through_in_parts_and_keeps_every_page_in_order() {
        let mut doc = sample();
        let pages = 2 * PAGES_AT_ONCE + 3;
        doc.pages = (0..pages)
            .map(|i| {
                let mut page = Page::new(Paper::A4.portrait());
                let dot = Path::circle(Point::new(100.0, 200.0), 10.0, Some(Color::gray(40)), None);
                page.items.push(Item::Path(dot));
                // The bold face only past the first part: its font comes with a later one.
                let face = if i > PAGES_AT_ONCE { Face::Bold } else { Face::Regular };
                let label = format!("Page {i}");
                page.items.push(text_run(&label, face, 12.0, Color::BLACK, Point::new(50.0, 90.0)));
                page
            })
            .collect();
        let bytes = render(&doc).unwrap();
        assert_eq!(bytes, render(&doc).unwrap(), "the same bytes every time");
        let lo = lopdf::Document::load_mem(&bytes).unwrap();
        let ids: Vec<_> = lo.get_pages().into_values().collect();
        assert_eq!(ids.len(), pages);
        let faces = |k: usize| {
            let fonts = lo.get_page_fonts(ids[k]).unwrap();
            fonts
                .values()
                .map(|f| f.get(b"BaseFont").unwrap().as_name().unwrap().to_vec())
                .collect::<Vec<_>>()
        };
        assert_eq!(faces(0).len(), 1, "a page names the one face it uses");
        assert_eq!(faces(pages - 1).len(), 1);
        assert_ne!(faces(0), faces(pages - 1), "a later part brings its own font, the bold face");
        for (k, id) in ids.iter().enumerate() {
            let content = lo.get_page_content(*id);
            assert!(!content.is_empty(), "page {k} has its drawing");
            let parent = lo.get_dictionary(*id).unwrap().get(b"Parent").unwrap().as_reference().unwrap();
            assert_eq!(parent, ids_tree(&lo), "page {k} hangs in the one page tree");
        }
    }

    fn ids_tree(lo: &lopdf::Document) -> lopdf::ObjectId {
        lo.catalog().unwrap().get(b"Pages").unwrap().as_reference().unwrap()
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
