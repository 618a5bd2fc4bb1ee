//! Photos of a clinic's own stretches: found beside the stretch file, read
//! (bounded) and decoded exactly as the sheets will use them, so `check`
//! and the sheets accept and refuse the same files.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::clinic::picture_at;
use crate::content::{FieldProblem, Library, Stretch};
use crate::doc::{Picture, mm};
use crate::error::{Error, Fault, FileKind, Input, Result};

/// The largest figure box a sheet draws a photo in.
pub const PHOTO_BOX: f32 = mm(60.0);

/// Decoded photos by stretch id.
pub type Photos = BTreeMap<String, Arc<Picture>>;

/// The photos of the listed stretches whose figure is a photo, read and
/// sized for the largest figure box a sheet draws.
pub fn load<'i>(library: &Library, ids: impl IntoIterator<Item = &'i str>) -> Result<Photos> {
    let mut photos = Photos::new();
    for id in ids {
        let Some(stretch) = library.stretch(id) else { continue };
        if photos.contains_key(id) {
            continue;
        }
        if let Some(photo) = photo(stretch)? {
            photos.insert(id.to_string(), Arc::new(photo));
        }
    }
    Ok(photos)
}

/// The stretch's photo, when its figure is one.
fn photo(stretch: &Stretch) -> Result<Option<Picture>> {
    let Some(path) = stretch.photo_file() else {
        return Ok(None);
    };
    picture_at(&path, FileKind::Photo, PHOTO_BOX, PHOTO_BOX).map(Some).map_err(|e| match e {
        Error::Invalid { fault, .. } => Error::Invalid { input: Input::Stretch(stretch.id.clone()), fault },
        other => other,
    })
}

/// The problem with a stretch's photo, as `check` reports it: the same
/// reading and decoding the sheets do.
pub fn problems(stretch: &Stretch) -> Vec<FieldProblem> {
    let Some(path) = stretch.photo_file() else {
        return Vec::new();
    };
    match picture_at(&path, FileKind::Photo, PHOTO_BOX, PHOTO_BOX) {
        Ok(_) => Vec::new(),
        Err(Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
            let name = stretch.figure.as_ref().and_then(|f| f.photo()).unwrap_or_default().to_string();
            let fault = Fault::PhotoMissing { name, path: path.display().to_string() };
            vec![FieldProblem::new("figure.photo", fault)]
        }
        Err(Error::Invalid { fault, .. }) => vec![FieldProblem::new("figure.photo", *fault)],
        Err(Error::Io { source, .. }) => {
            vec![FieldProblem::new("figure.photo", Fault::CannotRead { said: crate::error::said(&source) })]
        }
        Err(other) => vec![FieldProblem::new("figure.photo", Fault::CannotRead { said: other.to_string() })],
    }
}
