//! Joins the parts of a long PDF: each part is a whole document of some of
//! the pages (made and packed one at a time, so a long document never
//! holds every page's drawing at once); the pages of each further part,
//! with everything they use (their own subset fonts, pictures, resources),
//! are appended to the first part's page tree, in order.

use lopdf::{Dictionary, Object, ObjectId};

use crate::error::{Error, Result};

/// Appends every page of `part` to `base`, after its own pages.
pub(super) fn append_pages(base: &mut lopdf::Document, mut part: lopdf::Document) -> Result<()> {
    part.renumber_objects_with(base.max_id + 1);
    base.max_id = base.max_id.max(part.max_id);
    let tree = pages_id(base)?;
    let kids: Vec<ObjectId> = part.get_pages().into_values().collect();
    // The part's own catalog, page tree and information are left behind.
    let mut left = vec![pages_id(&part)?];
    for key in [b"Root".as_slice(), b"Info"] {
        if let Ok(id) = part.trailer.get(key).and_then(Object::as_reference) {
            left.push(id);
        }
    }
    // What only those point at (the part's metadata stream) goes too.
    if let Ok(Object::Reference(id)) = part.catalog().and_then(|c| c.get(b"Metadata")) {
        left.push(*id);
    }
    for (id, object) in std::mem::take(&mut part.objects) {
        if !left.contains(&id) {
            base.objects.insert(id, object);
        }
    }
    for kid in &kids {
        page_dict(base, *kid)?.set("Parent", Object::Reference(tree));
    }
    let root = page_dict(base, tree)?;
    let mut all = root.get(b"Kids").and_then(Object::as_array).cloned().map_err(broken)?;
    all.extend(kids.into_iter().map(Object::Reference));
    root.set("Count", Object::Integer(all.len() as i64));
    root.set("Kids", Object::Array(all));
    Ok(())
}

/// The id of a document's page tree.
fn pages_id(doc: &lopdf::Document) -> Result<ObjectId> {
    doc.catalog().and_then(|c| c.get(b"Pages")).and_then(Object::as_reference).map_err(broken)
}

fn page_dict(doc: &mut lopdf::Document, id: ObjectId) -> Result<&mut Dictionary> {
    doc.get_object_mut(id).and_then(Object::as_dict_mut).map_err(broken)
}

fn broken(e: lopdf::Error) -> Error {
    Error::Internal(format!("the parts of the PDF could not be joined: {e}"))
}
