//! The fonts of a PDF part, made once per character set and reused: a
//! batch prints a thousand handouts in the same few sets of characters,
//! and a long gallery's parts share theirs. printpdf subsets and embeds
//! the faces in a document of one probe page (see `probe`); its font
//! objects, streams packed, and the codes its encoding of the probe gave
//! are kept, then copied into each part that shows those characters.
//!
//! Every part takes its fonts this way, made now or made before, so a
//! document's bytes never depend on what was printed before it. The set
//! always holds the letters, digits and common punctuation: a patient's
//! name or a date then rarely makes a new set, for a kilobyte or two of
//! glyphs a page may not use.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use lopdf::{Dictionary, Object, ObjectId};
use printpdf::{Op, PdfDocument, PdfFont, PdfFontHandle, PdfPage, Pt, TextItem};

use super::pdf::{font_id, parse_font, save_options};
use super::probe::Codes;
use crate::doc::{Face, Page};
use crate::error::{Error, Result};
use crate::recent::Recent;

/// The characters every set holds: what names, dates and short notes are
/// mostly written in.
const BASE: &str = " ,.:;'()-/0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// The characters a part shows in each face, [`BASE`] included.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct CharSet(Vec<(Face, Vec<char>)>);

impl CharSet {
    /// The set of `pages`: for each face they use, its characters, sorted.
    pub(super) fn of(pages: &[Page]) -> CharSet {
        let mut faces: BTreeMap<Face, Vec<char>> = BTreeMap::new();
        for run in pages.iter().flat_map(Page::texts) {
            let chars = faces.entry(run.face).or_insert_with(|| BASE.chars().collect());
            chars.extend(run.text.chars().filter(|c| !BASE.contains(*c)));
        }
        let mut set: Vec<(Face, Vec<char>)> = faces.into_iter().collect();
        for (_, chars) in &mut set {
            chars.sort_unstable();
            chars.dedup();
        }
        CharSet(set)
    }

    /// The characters of `face`, sorted (none when the face is unused).
    pub(super) fn chars(&self, face: Face) -> &[char] {
        self.0.iter().find(|(f, _)| *f == face).map_or(&[], |(_, chars)| chars.as_slice())
    }

    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// The embedded fonts of one character set.
pub(super) struct Fonts {
    /// The font objects, by their ids in the probe document.
    objects: Vec<(ObjectId, Object)>,
    /// Each face's font dictionary, by resource name.
    roots: Vec<(String, ObjectId)>,
    pub(super) codes: Codes,
}

/// The fonts for `set`, made now or reused; `None` when it shows nothing.
pub(super) fn fonts_for(set: &CharSet) -> Result<Option<Arc<Fonts>>> {
    if set.is_empty() {
        return Ok(None);
    }
    shared(set).map(Some)
}

fn shared(set: &CharSet) -> Result<Arc<Fonts>> {
    static KNOWN: Mutex<Recent<CharSet, Arc<Fonts>>> = Mutex::new(Recent::new(8));
    let known = || KNOWN.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(fonts) = known().find(|k| k == set) {
        return Ok(fonts);
    }
    let fonts = Arc::new(make(set)?);
    known().keep(set.clone(), fonts.clone());
    Ok(fonts)
}

/// Subsets and embeds the faces of `set` through printpdf, in a document
/// of one probe page, and keeps what makes the fonts.
fn make(set: &CharSet) -> Result<Fonts> {
    let mut pdf = PdfDocument::new("fonts");
    let mut ops = vec![Op::StartTextSection];
    for (face, chars) in &set.0 {
        pdf.resources.fonts.map.insert(font_id(*face), PdfFont::new(parse_font(*face)?));
        ops.push(Op::SetFont { font: PdfFontHandle::External(font_id(*face)), size: Pt(1.0) });
        ops.push(Op::ShowText { items: vec![TextItem::Text(chars.iter().collect())] });
    }
    ops.push(Op::EndTextSection);
    pdf.with_pages(vec![PdfPage::new(printpdf::Mm(10.0), printpdf::Mm(10.0), ops)]);
    let mut lo = pdf.to_lopdf_document(&save_options(), &mut Vec::new());
    let page = lo.get_pages().into_values().next().ok_or_else(|| broken("no page"))?;
    let codes = Codes::read(&lo.get_page_content(page), set)?;
    super::compress::compress(&mut lo)?;
    let font_dict = resource_fonts(&lo, page)?;
    let mut roots = Vec::new();
    let mut objects = Vec::new();
    for (name, font) in font_dict.iter() {
        let id = font.as_reference().map_err(|e| broken(&e.to_string()))?;
        roots.push((String::from_utf8_lossy(name).into_owned(), id));
        collect(&lo, id, &mut objects)?;
    }
    Ok(Fonts { objects, roots, codes })
}

/// The page's font resources: the dictionary of resource names to fonts.
fn resource_fonts(lo: &lopdf::Document, page: ObjectId) -> Result<&Dictionary> {
    let resources = lo.get_dictionary(page).and_then(|p| p.get(b"Resources")).map_err(lopdf_broken)?;
    let resources = match resources {
        Object::Reference(id) => lo.get_dictionary(*id).map_err(lopdf_broken)?,
        Object::Dictionary(dict) => dict,
        _ => return Err(broken("page resources are not a dictionary")),
    };
    match resources.get(b"Font").map_err(lopdf_broken)? {
        Object::Reference(id) => lo.get_dictionary(*id).map_err(lopdf_broken),
        Object::Dictionary(dict) => Ok(dict),
        _ => Err(broken("font resources are not a dictionary")),
    }
}

/// Collects object `id` and everything it refers to, once each.
fn collect(lo: &lopdf::Document, id: ObjectId, out: &mut Vec<(ObjectId, Object)>) -> Result<()> {
    if out.iter().any(|(known, _)| *known == id) {
        return Ok(());
    }
    let object = lo.get_object(id).map_err(lopdf_broken)?.clone();
    let mut refs = Vec::new();
    references(&object, &mut refs);
    out.push((id, object));
    for id in refs {
        collect(lo, id, out)?;
    }
    Ok(())
}

fn references(object: &Object, out: &mut Vec<ObjectId>) {
    match object {
        Object::Reference(id) => out.push(*id),
        Object::Array(items) => items.iter().for_each(|o| references(o, out)),
        Object::Dictionary(dict) => dict.iter().for_each(|(_, o)| references(o, out)),
        Object::Stream(stream) => stream.dict.iter().for_each(|(_, o)| references(o, out)),
        _ => {}
    }
}

/// Points every reference of `object` at its new id.
fn renumber(object: &mut Object, new_id: &impl Fn(ObjectId) -> ObjectId) {
    match object {
        Object::Reference(id) => *id = new_id(*id),
        Object::Array(items) => items.iter_mut().for_each(|o| renumber(o, new_id)),
        Object::Dictionary(dict) => dict.iter_mut().for_each(|(_, o)| renumber(o, new_id)),
        Object::Stream(stream) => stream.dict.iter_mut().for_each(|(_, o)| renumber(o, new_id)),
        _ => {}
    }
}

impl Fonts {
    /// Copies the fonts into `lo` and names them in every page's font
    /// resources.
    pub(super) fn add_to(&self, lo: &mut lopdf::Document) -> Result<()> {
        let first = lo.max_id + 1;
        let index: BTreeMap<ObjectId, ObjectId> =
            self.objects.iter().enumerate().map(|(i, (old, _))| (*old, (first + i as u32, 0))).collect();
        let new_id = |old: ObjectId| index.get(&old).copied().unwrap_or(old);
        for (old, object) in &self.objects {
            let mut object = object.clone();
            renumber(&mut object, &new_id);
            lo.objects.insert(new_id(*old), object);
        }
        lo.max_id = first + self.objects.len() as u32;
        let mut names = Dictionary::new();
        for (name, id) in &self.roots {
            names.set(name.as_bytes().to_vec(), Object::Reference(new_id(*id)));
        }
        let pages: Vec<ObjectId> = lo.get_pages().into_values().collect();
        for page in pages {
            set_page_fonts(lo, page, &names)?;
        }
        Ok(())
    }
}

/// Sets the font resources of `page` to `names`, wherever its resource
/// dictionary lives.
fn set_page_fonts(lo: &mut lopdf::Document, page: ObjectId, names: &Dictionary) -> Result<()> {
    let resources = lo.get_dictionary(page).and_then(|p| p.get(b"Resources")).map_err(lopdf_broken)?.clone();
    let dict = match resources {
        Object::Reference(id) => lo.get_object_mut(id).and_then(Object::as_dict_mut).map_err(lopdf_broken)?,
        _ => {
            let page = lo.get_object_mut(page).and_then(Object::as_dict_mut).map_err(lopdf_broken)?;
            if !matches!(page.get(b"Resources"), Ok(Object::Dictionary(_))) {
                page.set("Resources", Dictionary::new());
            }
            page.get_mut(b"Resources").and_then(Object::as_dict_mut).map_err(lopdf_broken)?
        }
    };
    match dict.get(b"Font") {
        Ok(Object::Reference(id)) => {
            let id = *id;
            lo.objects.insert(id, Object::Dictionary(names.clone()));
        }
        _ => dict.set("Font", names.clone()),
    }
    Ok(())
}

fn lopdf_broken(e: lopdf::Error) -> Error {
    broken(&e.to_string())
}

fn broken(why: &str) -> Error {
    Error::Internal(format!("the PDF's fonts could not be made: {why}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::{Color, Paper, Point};
    use crate::layout::flow::text_run;

    fn page(text: &str, face: Face) -> Page {
        let mut page = Page::new(Paper::A4.portrait());
        page.items.push(text_run(text, face, 10.0, Color::BLACK, Point::new(50.0, 60.0)));
        page
    }

    #[test]
    fn a_set_holds_the_base_and_the_pages_other_characters_once() {
        let set = CharSet::of(&[page("Café – 20 s!", Face::Regular), page("café!", Face::Regular)]);
        assert_eq!(set.0.len(), 1, "one face");
        let chars = &set.0[0].1;
        assert_eq!(chars.len(), BASE.chars().count() + 3, "{chars:?}");
        assert!(chars.contains(&'é') && chars.contains(&'–') && chars.contains(&'!') && chars.contains(&'Z'));
        assert!(chars.windows(2).all(|w| w[0] < w[1]), "sorted, each once");
    }

    #[test]
    fn the_same_characters_reuse_the_same_fonts() {
        let a = fonts_for(&CharSet::of(&[page("Ann Lee", Face::Bold)])).unwrap().unwrap();
        let b = fonts_for(&CharSet::of(&[page("Sam Patel", Face::Bold)])).unwrap().unwrap();
        assert!(Arc::ptr_eq(&a, &b), "both only ASCII");
        assert_ne!(a.codes.code(Face::Bold, 'A'), [0, 0]);
        let c = fonts_for(&CharSet::of(&[page("Zoë", Face::Bold)])).unwrap().unwrap();
        assert!(fonts_for(&CharSet::of(&[Page::new(Paper::A4.portrait())])).unwrap().is_none());
        assert!(!Arc::ptr_eq(&a, &c));
        assert_ne!(c.codes.code(Face::Bold, 'ë'), [0, 0]);
    }
}
