//! Where results go: a file, written atomically (a temporary file in the same
//! folder, then a rename, so a failure never leaves a half-written or broken
//! file and an existing file is replaced only by a complete one), or stdout.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// A destination for output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Output {
    Stdout,
    File(PathBuf),
}

impl Output {
    /// `-` means stdout; anything else is a file path.
    pub fn from_arg(arg: &Path) -> Self {
        if arg == Path::new("-") { Output::Stdout } else { Output::File(arg.to_path_buf()) }
    }

    /// What to call the destination in messages.
    pub fn describe(&self) -> String {
        match self {
            Output::Stdout => "standard output".into(),
            Output::File(path) => path.display().to_string(),
        }
    }

    /// Writes `bytes` in full, or leaves the destination as it was.
    pub fn write(&self, bytes: &[u8]) -> Result<()> {
        match self {
            Output::Stdout => {
                let mut out = std::io::stdout().lock();
                out.write_all(bytes).and_then(|()| out.flush()).map_err(|source| Error::File {
                    path: PathBuf::from("-"),
                    action: "cannot write to standard output",
                    source,
                })
            }
            Output::File(path) => write_atomically(path, bytes),
        }
    }

    /// Fails early, before any work, when the file cannot be written: its
    /// folder is missing or it names a folder.
    pub fn check_writable(&self) -> Result<()> {
        let Output::File(path) = self else {
            return Ok(());
        };
        if path.is_dir() {
            return Err(Error::bad_input(
                path.display().to_string(),
                "is a folder; give a file name such as sheet.pdf",
            ));
        }
        let folder = parent(path);
        if !folder.is_dir() {
            return Err(Error::bad_input(
                path.display().to_string(),
                format!("cannot be written: the folder {} does not exist", folder.display()),
            ));
        }
        Ok(())
    }
}

fn parent(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Writes to a temporary file beside `path`, syncs it, then renames it over
/// `path`. On any failure the temporary file is removed and `path` is left
/// untouched.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let folder = parent(path);
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let temp = folder.join(format!(".{name}.{}.tmp", std::process::id()));
    let fail = |source| Error::File { path: path.to_path_buf(), action: "cannot write", source };
    let result = (|| {
        let mut file = fs::File::create(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&temp, path)
    })();
    if let Err(source) = result {
        let _ = fs::remove_file(&temp);
        return Err(fail(source));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_whole_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.pdf");
        Output::File(path.clone()).write(b"new").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"new");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn failure_leaves_existing_file_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("missing-folder").join("out.pdf");
        let err = Output::File(path.clone()).write(b"x").unwrap_err();
        assert_eq!(err.exit_code(), 2);
        assert!(Output::File(path).check_writable().unwrap_err().to_string().contains("does not exist"));
        let folder_as_file = Output::File(dir.path().to_path_buf());
        assert!(folder_as_file.check_writable().unwrap_err().to_string().contains("is a folder"));
    }

    #[test]
    fn dash_means_stdout() {
        assert_eq!(Output::from_arg(Path::new("-")), Output::Stdout);
    }
}
