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
    FontId, ImageCompression, ImageOptimizationOptions, ParsedFont, PdfDocument, PdfFont, PdfSaveOptions,
    RawImage, RawImageData, RawImageFormat, XObject, XObjectId,
};
use sha2::{Digest, Sha256};

use super::compress::compress;
use super::paint::pdf_page;
use crate::doc::{Document, Face, Item, Page, Picture};
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
