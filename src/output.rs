//! Where results go, the way a Unix tool writes them.
//!
//! - A regular file is written atomically: a temporary file with a short
//!   name in the same folder, synced, then renamed over the target, so a
//!   failure (a full disk, say) never leaves a half-written file and an
//!   existing file is only ever replaced by a complete one. A replaced file
//!   keeps its permissions (and its owner, where that is allowed).
//! - A symlink is followed: its target is replaced and the link kept.
//! - A character device, FIFO or socket (`/dev/null`, `/dev/stdout`, a
//!   named pipe) is written straight to, never replaced.
//! - `-` is standard output; a reader that has gone away ends the program
//!   quietly, as other tools do.
//! - Many files at once (a batch's handouts) skip the wait for the disk
//!   before each rename ([`Output::write_deferred`]), as `cp` and `tar` do:
//!   each file is still only ever replaced by a complete one, and the
//!   operating system writes them out soon after. (Waiting for the disk
//!   once per file, or once for the whole file system, made a batch of
//!   1,000 handouts take 15–45 s instead of 3 on a busy machine.)

use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::os::unix::fs::{FileTypeExt, MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

use crate::error::{Action, Error, Fault, FileKind, Result};

/// A destination for output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Output {
    Stdout,
    File(PathBuf),
}

/// What writing did, for the closing message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Wrote {
    /// To standard output, or straight into a device or pipe.
    Stream,
    /// A new file.
    Created,
    /// A file that was there before, replaced.
    Replaced,
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
    pub fn write(&self, bytes: &[u8]) -> Result<Wrote> {
        self.write_synced(bytes, true)
    }

    /// As [`Output::write`], but a file is renamed into place without
    /// first waiting for the disk to have it: for writing many files.
    pub fn write_deferred(&self, bytes: &[u8]) -> Result<Wrote> {
        self.write_synced(bytes, false)
    }

    fn write_synced(&self, bytes: &[u8], sync: bool) -> Result<Wrote> {
        match self {
            Output::Stdout => write_stdout(bytes).map(|()| Wrote::Stream),
            Output::File(path) => write_path(path, bytes, sync),
        }
    }

    /// Fails early, before any work, when the file cannot be written: it
    /// names a folder, or its folder is missing.
    pub fn check_writable(&self) -> Result<()> {
        let Output::File(path) = self else {
            return Ok(());
        };
        if path.is_dir() {
            return Err(Error::file(FileKind::Output, path, Fault::IsAFolder));
        }
        if is_own_stream(path) || fs::metadata(path).is_ok_and(|meta| is_stream(&meta)) {
            return Ok(());
        }
        let target = resolve(path);
        let folder = parent(&target);
        if !folder.is_dir() {
            let fault = Fault::NoFolder { folder: folder.display().to_string() };
            return Err(Error::file(FileKind::Output, path, fault));
        }
        Ok(())
    }
}

fn write_stdout(bytes: &[u8]) -> Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(bytes).and_then(|()| out.flush()).map_err(|source| {
        if source.kind() == std::io::ErrorKind::BrokenPipe {
            Error::ClosedPipe
        } else {
            Error::io(FileKind::Output, "-", Action::Write, source)
        }
    })
}

fn write_path(path: &Path, bytes: &[u8], sync: bool) -> Result<Wrote> {
    let fail = |source| Error::io(FileKind::Output, path, Action::Write, source);
    // Links are followed as the system follows them, so that `/dev/stdout`
    // (a link to a pipe, say) is a stream.
    match fs::metadata(path) {
        Ok(meta) if meta.is_dir() => Err(Error::file(FileKind::Output, path, Fault::IsAFolder)),
        Ok(meta) if is_stream(&meta) || is_own_stream(path) => {
            write_stream(path, bytes).map_err(|source| match source.kind() {
                std::io::ErrorKind::BrokenPipe => Error::ClosedPipe,
                _ => fail(source),
            })?;
            Ok(Wrote::Stream)
        }
        Ok(meta) => replace(&resolve(path), bytes, Some(&meta), sync).map_err(fail).map(|()| Wrote::Replaced),
        Err(source) if is_own_stream(path) => Err(fail(source)),
        Err(_) => replace(&resolve(path), bytes, None, sync).map_err(fail).map(|()| Wrote::Created),
    }
}

/// A device, FIFO or socket: written straight to.
fn is_stream(meta: &fs::Metadata) -> bool {
    let t = meta.file_type();
    t.is_char_device() || t.is_fifo() || t.is_socket() || t.is_block_device()
}

/// `/dev/stdout`, `/dev/fd/1` and the like name this process's own open
/// files: writing straight to them keeps a shell's redirection intact.
fn is_own_stream(path: &Path) -> bool {
    let text = path.to_string_lossy();
    ["/dev/stdout", "/dev/stderr"].contains(&text.as_ref())
        || text.starts_with("/dev/fd/")
        || text.starts_with("/proc/self/fd/")
}

fn write_stream(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut file = OpenOptions::new().write(true).open(path)?;
    file.write_all(bytes)?;
    file.flush()
}

/// The file a path names: a symlink's target (even one that does not
/// exist yet), else the path itself.
fn resolve(path: &Path) -> PathBuf {
    let mut current = path.to_path_buf();
    for _ in 0..40 {
        match fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => match fs::read_link(&current) {
                Ok(target) => current = parent(&current).join(target),
                Err(_) => break,
            },
            _ => break,
        }
    }
    current
}

fn parent(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Writes to a temporary file beside `target`, syncs it (when `sync`),
/// gives it the old file's permissions and owner, then renames it over
/// `target`. On any failure the temporary file is removed and `target` is
/// left untouched.
fn replace(target: &Path, bytes: &[u8], old: Option<&fs::Metadata>, sync: bool) -> std::io::Result<()> {
    let (temp, mut file) = temporary(parent(target))?;
    let result = (|| {
        file.write_all(bytes)?;
        if let Some(old) = old {
            file.set_permissions(fs::Permissions::from_mode(old.mode() & 0o7777))?;
            // Keeping the owner is only allowed to its owner or root.
            let _ = std::os::unix::fs::fchown(&file, Some(old.uid()), Some(old.gid()));
        }
        if sync {
            file.sync_all()?;
        }
        fs::rename(&temp, target)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}

/// A new temporary file in `folder`, with a short name so any legal
/// target name works.
fn temporary(folder: &Path) -> std::io::Result<(PathBuf, File)> {
    static COUNT: AtomicU32 = AtomicU32::new(0);
    loop {
        let n = COUNT.fetch_add(1, Ordering::Relaxed);
        let temp = folder.join(format!(".ss{:x}-{n}.tmp", std::process::id()));
        match OpenOptions::new().write(true).create_new(true).mode(0o666).open(&temp) {
            Ok(file) => return Ok((temp, file)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && n < 1000 => continue,
            Err(e) => return Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_whole_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.pdf");
        assert_eq!(Output::File(path.clone()).write(b"new").unwrap(), Wrote::Created);
        assert_eq!(fs::read(&path).unwrap(), b"new");
        assert_eq!(Output::File(path.clone()).write(b"newer").unwrap(), Wrote::Replaced);
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
    fn a_replaced_file_keeps_its_mode_and_a_link_stays_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.pdf");
        fs::write(&real, b"old").unwrap();
        fs::set_permissions(&real, fs::Permissions::from_mode(0o600)).unwrap();
        let link = dir.path().join("link.pdf");
        std::os::unix::fs::symlink("real.pdf", &link).unwrap();
        Output::File(link.clone()).write(b"new").unwrap();
        assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
        assert_eq!(fs::read(&real).unwrap(), b"new");
        assert_eq!(fs::metadata(&real).unwrap().mode() & 0o777, 0o600);
    }

    #[test]
    fn deferred_writes_are_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.pdf");
        assert_eq!(Output::File(path.clone()).write_deferred(b"one").unwrap(), Wrote::Created);
        assert_eq!(Output::File(path.clone()).write_deferred(b"two").unwrap(), Wrote::Replaced);
        assert_eq!(fs::read(&path).unwrap(), b"two");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn devices_are_written_straight_to() {
        assert_eq!(Output::File("/dev/null".into()).write(b"x").unwrap(), Wrote::Stream);
        assert!(fs::metadata("/dev/null").unwrap().file_type().is_char_device());
    }

    #[test]
    fn long_names_work_and_dash_means_stdout() {
        let dir = tempfile::tempdir().unwrap();
        let name = format!("{}.pdf", "n".repeat(251));
        Output::File(dir.path().join(&name)).write(b"x").unwrap();
        assert_eq!(fs::read(dir.path().join(&name)).unwrap(), b"x");
        assert_eq!(Output::from_arg(Path::new("-")), Output::Stdout);
    }
}
