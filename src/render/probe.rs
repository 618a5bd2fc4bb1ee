//! What printpdf sees of a page: its boxes, its links, and for each face
//! one text run naming every character the page shows, once (the probe).
//! printpdf subsets the fonts to these characters and encodes the probe
//! as it encodes any text; reading that encoding back gives each
//! character's code in the subset font, which the painter then writes
//! itself (see `paint`). The drawing never goes through printpdf's
//! operators: a handout's pages are written in a fraction of the time.

use lopdf::Object;
use lopdf::content::Content;
use printpdf::{Actions, BorderArray, LinkAnnotation, Op, PdfFontHandle, PdfPage, Pt, TextItem};

use super::paint::round;
use super::pdf::font_id;
use crate::doc::{Face, Item, Page, Rect};
use crate::error::{Error, Result};

/// The printpdf page standing for `page`: the probe and the links.
pub(super) fn probe_page(page: &Page) -> PdfPage {
    let mut ops = Vec::new();
    for face in [Face::Regular, Face::Bold] {
        let chars = chars_of(page, face);
        if chars.is_empty() {
            continue;
        }
        ops.push(Op::StartTextSection);
        ops.push(Op::SetFont { font: PdfFontHandle::External(font_id(face)), size: Pt(1.0) });
        ops.push(Op::ShowText { items: vec![TextItem::Text(chars)] });
        ops.push(Op::EndTextSection);
    }
    for item in &page.items {
        if let Item::Link { rect, uri } = item {
            ops.push(link_op(*rect, uri, page.size.h));
        }
    }
    // Set the boxes in points: a round trip through millimetres is not exact.
    let mut pdf_page = PdfPage::new(printpdf::Mm(0.0), printpdf::Mm(0.0), ops);
    let size = printpdf::Rect::from_wh(Pt(page.size.w), Pt(page.size.h));
    pdf_page.media_box = size.clone();
    pdf_page.trim_box = size.clone();
    pdf_page.crop_box = size;
    pdf_page
}

/// Every character `page` shows in `face`, each once, in first-use order.
fn chars_of(page: &Page, face: Face) -> String {
    let mut ascii = [false; 128];
    let mut seen = String::new();
    for c in page.texts().filter(|run| run.face == face).flat_map(|run| run.text.chars()) {
        let new = match ascii.get_mut(c as usize) {
            Some(known) => !std::mem::replace(known, true),
            None => !seen.contains(c),
        };
        if new {
            seen.push(c);
        }
    }
    seen
}

/// Each character's two-byte code in the page's subset fonts, read back
/// from printpdf's encoding of the probe.
#[derive(Debug, Default)]
pub(super) struct Codes {
    regular: Vec<(char, [u8; 2])>,
    bold: Vec<(char, [u8; 2])>,
}

impl Codes {
    /// The codes of the page whose probe stream (as printpdf wrote it)
    /// is `stream`, for the characters of `page`.
    pub(super) fn read(stream: &[u8], page: &Page) -> Result<Codes> {
        let content = Content::decode(stream).map_err(|e| broken(&e.to_string()))?;
        let mut codes = Codes::default();
        let mut face = None;
        for op in &content.operations {
            match (op.operator.as_str(), op.operands.as_slice()) {
                ("Tf", [Object::Name(name), ..]) => {
                    face = [Face::Regular, Face::Bold].into_iter().find(|f| font_id(*f).0.as_bytes() == name);
                }
                ("Tj", [Object::String(bytes, _)]) => {
                    let face = face.ok_or_else(|| broken("text before its font"))?;
                    let chars = chars_of(page, face);
                    if bytes.len() != 2 * chars.chars().count() {
                        return Err(broken("a character did not come back as one code"));
                    }
                    let list = codes.list_mut(face);
                    list.extend(chars.chars().zip(bytes.chunks_exact(2).map(|pair| [pair[0], pair[1]])));
                    list.sort_unstable_by_key(|(c, _)| *c);
                }
                _ => {}
            }
        }
        Ok(codes)
    }

    fn list_mut(&mut self, face: Face) -> &mut Vec<(char, [u8; 2])> {
        match face {
            Face::Regular => &mut self.regular,
            Face::Bold => &mut self.bold,
        }
    }

    /// The code of `c` in `face`: glyph 0 (as printpdf writes a character
    /// its font lacks; the renderer checks for those before it starts).
    pub(super) fn code(&self, face: Face, c: char) -> [u8; 2] {
        let list = match face {
            Face::Regular => &self.regular,
            Face::Bold => &self.bold,
        };
        list.binary_search_by_key(&c, |(known, _)| *known).map_or([0, 0], |at| list[at].1)
    }
}

#[cfg(test)]
impl Codes {
    /// Codes for regular text, given outright.
    pub(super) fn for_tests(pairs: &[(char, [u8; 2])]) -> Codes {
        let mut regular = pairs.to_vec();
        regular.sort_unstable_by_key(|(c, _)| *c);
        Codes { regular, bold: Vec::new() }
    }
}

fn broken(why: &str) -> Error {
    Error::Internal(format!("the PDF's text codes could not be read: {why}"))
}

fn link_op(rect: Rect, uri: &str, height: f32) -> Op {
    Op::LinkAnnotation {
        link: LinkAnnotation::new(
            printpdf::Rect {
                x: Pt(round(rect.x)),
                y: Pt(round(height - rect.bottom())),
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
