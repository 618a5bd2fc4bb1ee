//! Reads a saved prescription file (bounded, a regular file only) and has
//! `content` check it against the library, every problem at its line.

use std::path::Path;

use super::{TEXT_FILE_BYTES, read_text};
use crate::content::{Library, Prescription, SourceFile};
use crate::error::{Error, FileKind, Result};

/// Reads and checks the prescription at `path`.
pub fn load(path: &Path, library: &Library) -> Result<Prescription> {
    let text = read_text(path, FileKind::Prescription, TEXT_FILE_BYTES)?;
    let source = SourceFile { name: path.display().to_string(), text };
    Prescription::parse(&source, library).map_err(Error::Problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_file_is_named_as_a_prescription() {
        let library = crate::content::built_in().unwrap();
        let err = load(Path::new("/nonexistent/ann.toml"), &library).unwrap_err().to_string();
        assert_eq!(err, "/nonexistent/ann.toml: cannot read the prescription: it does not exist");
    }
}
