//! The input edge: every file the program reads, read here and nowhere
//! else. Reads are bounded (a size limit suited to each kind of file,
//! enforced while reading, not only from metadata) and only regular files
//! are read: a folder, FIFO, device or socket is refused with one clear
//! line before anything waits on it. What is read is handed on as text,
//! bytes or decoded data; the stages after this do no I/O.
//!
//! - [`library`]: content folders (stretch files, goals, safety text).
//! - [`clinic`]: a clinic's `clinic.toml` and its logo.
//! - [`photos`]: pictures of a clinic's own stretches.
//! - [`roster`]: a clinic's roster of patients (CSV).
//! - [`prescription`]: a saved prescription.
//! - [`read_text`], [`read_bytes`]: one bounded file; [`open_bounded`]: one
//!   bounded file to stream from (a picture, decoded as it is read).

pub mod clinic;
pub mod library;
pub mod photos;
pub mod prescription;
pub mod roster;

use std::fs::{File, Metadata};
use std::io::{Read, Seek, SeekFrom};
use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
use std::path::Path;

use crate::error::{Action, Error, Fault, FileKind, Result};

pub use crate::limits::{PICTURE_FILE_BYTES, TEXT_FILE_BYTES};

/// Reads at most `max` bytes of the regular file at `path`.
pub fn read_bytes(path: &Path, kind: FileKind, max: u64) -> Result<Vec<u8>> {
    let (file, meta) = open_regular(path, kind)?;
    // Room for the whole file at once: read in pieces, the buffer would
    // grow to as much as twice its size, and a library holds thousands.
    let size = meta.len().min(max);
    let mut bytes = Vec::with_capacity(size as usize + 1);
    file.take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(|source| Error::io(kind, path, Action::Read, source))?;
    if bytes.len() as u64 > max {
        let size = std::fs::metadata(path).map_or(bytes.len() as u64, |m| m.len().max(bytes.len() as u64));
        return Err(Error::file(kind, path, Fault::TooBig { bytes: size, max }));
    }
    Ok(bytes)
}

/// Reads the regular file at `path` as UTF-8 text of at most `max` bytes.
pub fn read_text(path: &Path, kind: FileKind, max: u64) -> Result<String> {
    let bytes = read_bytes(path, kind, max)?;
    String::from_utf8(bytes)
        .map_err(|e| Error::file(kind, path, Fault::NotUtf8 { offset: e.utf8_error().valid_up_to() }))
}

/// Opens the regular file at `path` to read at most `max` bytes from, as
/// a stream: refused at once when it is larger, and cut off (an error)
/// should it grow while being read.
pub fn open_bounded(path: &Path, kind: FileKind, max: u64) -> Result<Bounded> {
    let file = open(path, kind)?;
    let size = file.metadata().map_err(|source| Error::io(kind, path, Action::Read, source))?.len();
    if size > max {
        return Err(Error::file(kind, path, Fault::TooBig { bytes: size, max }));
    }
    Ok(Bounded { file, at: 0, max })
}

/// A file that gives at most `max` bytes (see [`open_bounded`]).
pub struct Bounded {
    file: File,
    at: u64,
    max: u64,
}

impl Read for Bounded {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let left = self.max.saturating_sub(self.at);
        if left == 0 && !buf.is_empty() {
            // At the limit: anything more means the file grew past it.
            let mut probe = [0u8; 1];
            return match self.file.read(&mut probe)? {
                0 => Ok(0),
                _ => Err(std::io::Error::new(std::io::ErrorKind::FileTooLarge, "the file grew")),
            };
        }
        let want = buf.len().min(usize::try_from(left).unwrap_or(usize::MAX));
        let n = self.file.read(&mut buf[..want])?;
        self.at += n as u64;
        Ok(n)
    }
}

impl Seek for Bounded {
    fn seek(&mut self, to: SeekFrom) -> std::io::Result<u64> {
        self.at = self.file.seek(to)?;
        Ok(self.at)
    }
}

/// Opens `path` for reading without blocking on a FIFO, and refuses
/// anything but a regular file.
pub fn open(path: &Path, kind: FileKind) -> Result<File> {
    open_regular(path, kind).map(|(file, _)| file)
}

/// [`open`], with the file's metadata as it was checked (one system call
/// fewer for a reader that wants its size).
fn open_regular(path: &Path, kind: FileKind) -> Result<(File, Metadata)> {
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
        .map_err(|source| refused(path, kind, source))?;
    let meta = file.metadata().map_err(|source| Error::io(kind, path, Action::Read, source))?;
    regular(&meta).map_err(|fault| Error::file(kind, path, fault))?;
    Ok((file, meta))
}

/// Why a path could not be opened: what it is, when it is not a regular
/// file (a socket cannot be opened at all), else the system's reason.
fn refused(path: &Path, kind: FileKind, source: std::io::Error) -> Error {
    match std::fs::metadata(path).map(|meta| regular(&meta)) {
        Ok(Err(fault)) => Error::file(kind, path, fault),
        _ => Error::io(kind, path, Action::Read, source),
    }
}

/// `Ok` for a regular file; else what the path is instead.
pub fn regular(meta: &Metadata) -> std::result::Result<(), Fault> {
    let t = meta.file_type();
    let what = if t.is_file() {
        return Ok(());
    } else if t.is_dir() {
        "a folder"
    } else if t.is_fifo() {
        "a named pipe (FIFO)"
    } else if t.is_char_device() || t.is_block_device() {
        "a device"
    } else if t.is_socket() {
        "a socket"
    } else {
        "not a regular file"
    };
    Err(Fault::NotAFile { what })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn reads_a_small_file_and_refuses_a_large_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.toml");
        std::fs::write(&path, "name = \"x\"\n").unwrap();
        assert_eq!(read_text(&path, FileKind::ClinicFile, 100).unwrap(), "name = \"x\"\n");
        let err = read_text(&path, FileKind::ClinicFile, 4).unwrap_err().to_string();
        assert!(err.ends_with("is 11 bytes large; the most allowed is 4 bytes"), "{err}");
    }

    #[test]
    fn devices_folders_and_fifos_are_refused_without_waiting() {
        let dir = tempfile::tempdir().unwrap();
        let err = read_text(Path::new("/dev/zero"), FileKind::NotesFile, 100).unwrap_err().to_string();
        assert_eq!(err, "notes file /dev/zero: is a device, not a regular file; name a file");
        let err = read_text(dir.path(), FileKind::NotesFile, 100).unwrap_err().to_string();
        assert!(err.ends_with("is a folder, not a regular file; name a file"), "{err}");
        let fifo = dir.path().join("fifo");
        let name = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: a valid C string naming a path in our own temporary folder.
        assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0);
        let err = read_text(&fifo, FileKind::NotesFile, 100).unwrap_err().to_string();
        assert!(err.ends_with("is a named pipe (FIFO), not a regular file; name a file"), "{err}");
    }

    #[test]
    fn a_bounded_stream_refuses_a_large_file_and_one_that_grows() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("logo.png");
        std::fs::write(&path, [7u8; 10]).unwrap();
        let err = open_bounded(&path, FileKind::Logo, 5).err().unwrap().to_string();
        assert!(err.ends_with("is 10 bytes large; the most allowed is 5 bytes"), "{err}");
        let mut file = open_bounded(&path, FileKind::Logo, 10).unwrap();
        std::fs::OpenOptions::new().append(true).open(&path).unwrap().write_all(b"more").unwrap();
        let mut read = Vec::new();
        let grew = file.read_to_end(&mut read).unwrap_err();
        assert_eq!(grew.kind(), std::io::ErrorKind::FileTooLarge);
        assert_eq!(read.len(), 10);
        file.seek(SeekFrom::Start(0)).unwrap();
        let mut first = [0u8; 4];
        file.read_exact(&mut first).unwrap();
        assert_eq!(first, [7; 4]);
    }

    #[test]
    fn a_socket_is_named_as_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("socket");
        let _listener = std::os::unix::net::UnixListener::bind(&path).unwrap();
        let err = read_text(&path, FileKind::ClinicFile, 100).unwrap_err().to_string();
        assert!(err.ends_with("is a socket, not a regular file; name a file"), "{err}");
    }

    #[test]
    fn text_must_be_utf8() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bad.toml");
        std::fs::write(&path, b"name = \"\xff\"").unwrap();
        let err = read_text(&path, FileKind::ClinicFile, 100).unwrap_err().to_string();
        assert!(err.ends_with("is not UTF-8 text (bad byte at offset 8); save it as UTF-8"), "{err}");
    }
}
