//! What printpdf sees of a page (its boxes and its links: the drawing is
//! written by `paint`, never through printpdf's operators, which takes a
//! fraction of the time), and the codes of the characters in the subset
//! fonts, read back from printpdf's encoding of a probe that shows each
//! character once (see `fonts`).

use lopdf::Object;
use lopdf::content::Content;
use printpdf::{Actions, BorderArray, LinkAnnotation, Op, PdfPage, Pt};

use super::fonts::CharSet;
use super::paint::round;
use super::pdf::font_id;
use crate::doc::{Face, Item, Page, Rect};
use crate::error::{Error, Result};

/// The printpdf page standing for `page`: its boxes and its links.
pub(super) fn bare_page(page: &Page) -> PdfPage {
    let ops = page
        .items
        .iter()
        .filter_map(|item| match item {
            Item::Link { rect, uri } => Some(link_op(*rect, uri, page.size.h)),
            _ => None,
        })
        .collect();
    // Set the boxes in points: a round trip through millimetres is not exact.
    let mut pdf_page = PdfPage::new(printpdf::Mm(0.0), printpdf::Mm(0.0), ops);
    let size = printpdf::Rect::from_wh(Pt(page.size.w), Pt(page.size.h));
    pdf_page.media_box = size.clone();
    pdf_page.trim_box = size.clone();
    pdf_page.crop_box = size;
    pdf_page
}

/// Each character's two-byte code in the page's subset fonts, read back
/// from printpdf's encoding of the probe.
#[derive(Debug, Default)]
pub(super) struct Codes {
    regular: Vec<(char, [u8; 2])>,
    bold: Vec<(char, [u8; 2])>,
}

impl Codes {
    /// The codes of the characters of `set`, from the probe stream that
    /// showed them (as printpdf wrote it): each face's characters in order.
    pub(super) fn read(stream: &[u8], set: &CharSet) -> Result<Codes> {
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
                    let chars = set.chars(face);
                    if bytes.len() != 2 * chars.len() {
                        return Err(broken("a character did not come back as one code"));
                    }
                    let list = codes.list_mut(face);
                    list.extend(
                        chars.iter().copied().zip(bytes.chunks_exact(2).map(|pair| [pair[0], pair[1]])),
                    );
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
