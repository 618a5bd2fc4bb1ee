//! Reads a clinic's `clinic.toml` and its logo: bounded reads of regular
//! files, the text checked by `content::clinic`, the logo decoded and sized
//! for the handout's letterhead.

use std::path::Path;
use std::sync::Arc;

use super::{PICTURE_FILE_BYTES, TEXT_FILE_BYTES, open_bounded, read_text};
use crate::content::{Clinic, ClinicFile, SourceFile};
use crate::doc::picture;
use crate::error::{Error, FileKind, Result};

/// Reads and checks the clinic file at `path`; the logo path is relative
/// to the file.
pub fn load(path: &Path) -> Result<Clinic> {
    let text = read_text(path, FileKind::ClinicFile, TEXT_FILE_BYTES)?;
    let source = SourceFile { name: path.display().to_string(), text };
    let (file, mut clinic) = ClinicFile::parse(&source).map_err(Error::Problems)?;
    if let Some(rel) = &file.logo {
        let at = path.parent().unwrap_or(Path::new(".")).join(rel);
        let (w, h) = crate::content::clinic::LOGO_BOX;
        clinic.logo = Some(Arc::new(picture_at(&at, FileKind::Logo, w, h)?));
    }
    Ok(clinic)
}

/// The picture at `path` (a regular file of at most 50 MB), decoded as it
/// is read for a box of `w` × `h` points.
pub fn picture_at(path: &Path, kind: FileKind, w: f32, h: f32) -> Result<crate::doc::Picture> {
    let file = open_bounded(path, kind, PICTURE_FILE_BYTES)?;
    let reader = std::io::BufReader::with_capacity(64 * 1024, file);
    picture::decode_from(reader, w, h).map_err(|e| Error::file(kind, path, crate::error::Fault::Picture(e)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_logo_names_the_logo() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("clinic.toml");
        std::fs::write(&path, "name = \"X\"\nlogo = \"missing.png\"\n").unwrap();
        let err = load(&path).unwrap_err();
        assert_eq!(err.exit_code(), 2);
        let text = err.to_string();
        assert!(text.contains("missing.png: cannot read the clinic logo: it does not exist"), "{text}");
    }

    #[test]
    fn a_device_as_clinic_file_is_refused() {
        let err = load(Path::new("/dev/zero")).unwrap_err().to_string();
        assert_eq!(err, "clinic file /dev/zero: is a device, not a regular file; name a file");
    }
}
