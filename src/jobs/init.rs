//! `init DIR`: a starter clinic folder, written from the files embedded in
//! the binary (`assets/starter/`). The folder is built beside the target
//! under a hidden name and renamed into place when complete, so a failure
//! leaves nothing half made; an existing folder that holds anything is
//! refused and nothing in it is touched.

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::assets::STARTER_FILES;
use crate::error::{Action, Error, Fault, FileKind, Result};

use super::Job;

/// `init`: writes the starter folder and says what to do next.
pub fn run(job: &mut Job, folder: &Path) -> Result<()> {
    match fs::metadata(folder) {
        Ok(meta) if !meta.is_dir() => return Err(Error::file(FileKind::Folder, folder, Fault::NotAFolder)),
        Ok(_) => {
            let mut entries = fs::read_dir(folder)
                .map_err(|source| Error::io(FileKind::Folder, folder, Action::Read, source))?;
            if entries.next().is_some() {
                return Err(Error::file(FileKind::Folder, folder, Fault::NotEmpty));
            }
        }
        Err(_) => {}
    }
    let temp = staging(folder);
    let fail = |path: &Path, source| Error::io(FileKind::Folder, path, Action::Create, source);
    let result = write_all(&temp).and_then(|()| fs::rename(&temp, folder).map_err(|e| fail(folder, e)));
    if result.is_err() {
        let _ = fs::remove_dir_all(&temp);
    }
    result?;
    if !job.config.quiet {
        let shown = folder.display();
        let _ = writeln!(
            job.stderr,
            "made a starter clinic folder in {shown}: clinic.toml, logo.png, two example stretches, roster.csv \
             and README.txt\nnext: edit {shown}/clinic.toml, then run\n  stretchsheet check {shown}\n  \
             stretchsheet batch {shown}/roster.csv --clinic {shown}/clinic.toml --library {shown} -o {shown}/handouts"
        );
    }
    Ok(())
}

/// A hidden folder beside `folder` to build it in.
fn staging(folder: &Path) -> PathBuf {
    let name = folder.file_name().map_or_else(|| "clinic".into(), |n| n.to_string_lossy().into_owned());
    let parent = match folder.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    parent.join(format!(".{name}.{}.init", std::process::id()))
}

/// Writes every starter file under `root`, never over an existing file.
fn write_all(root: &Path) -> Result<()> {
    let fail = |path: &Path, source| Error::io(FileKind::Folder, path, Action::Create, source);
    fs::create_dir(root).map_err(|e| fail(root, e))?;
    for (rel, bytes) in STARTER_FILES {
        let path = root.join(rel);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).map_err(|e| fail(dir, e))?;
        }
        let mut file =
            fs::OpenOptions::new().write(true).create_new(true).open(&path).map_err(|e| fail(&path, e))?;
        file.write_all(bytes).and_then(|()| file.sync_all()).map_err(|e| fail(&path, e))?;
    }
    Ok(())
}
