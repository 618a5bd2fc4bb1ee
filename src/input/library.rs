//! Reads a content folder: `goals.toml` and `safety.toml` (both optional)
//! and stretch files under `stretches/` (or, without that folder, the other
//! `.toml` files beside them), in sub-folders too. The walk follows links
//! but never the same folder twice (so a link loop ends), goes at most
//! [`MAX_DEPTH`] folders deep, reads only regular files (at most 1 MB
//! each), and reports anything else it meets as a problem. The files are
//! then assembled by `content`.

use std::collections::HashSet;
use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::{TEXT_FILE_BYTES, read_text};
use crate::content::{self, Checks, Folder, Library, SourceFile, StretchFile};
use crate::error::{Action, Error, Fault, FileKind, Problem, Result};
use crate::limits::LIBRARY_BYTES;

/// How many folders deep a content folder may go.
pub const MAX_DEPTH: usize = 8;
/// The most stretch files a folder may hold.
pub const MAX_FILES: usize = 20_000;
/// How many stretch files are read at once (on every core).
const READ_AT_ONCE: usize = 64;

/// Loads the built-in library with `folder` (if any) added on top: its
/// stretches add to the built-in ones and replace those with the same id,
/// its goals add or replace by id, and its safety file replaces the text.
pub fn load(folder: Option<&Path>, checks: Checks) -> Result<Library> {
    let mut folders = vec![content::built_in_folder()];
    let mut problems = Vec::new();
    if let Some(dir) = folder {
        folders.push(read_folder(dir, &mut problems)?);
    }
    content::assemble(folders, problems, checks)
}

fn read_folder(dir: &Path, problems: &mut Vec<Problem>) -> Result<Folder> {
    let meta =
        fs::metadata(dir).map_err(|source| Error::io(FileKind::ContentFolder, dir, Action::Read, source))?;
    if !meta.is_dir() {
        return Err(Error::file(FileKind::ContentFolder, dir, Fault::NotAFolder));
    }
    let mut budget = Budget { left: LIBRARY_BYTES, full: false };
    let goals = read_optional(&dir.join("goals.toml"), &mut budget, problems);
    let safety = read_optional(&dir.join("safety.toml"), &mut budget, problems);
    let stretch_dir = dir.join("stretches");
    let mut walk = Walk { seen: HashSet::new(), files: Vec::new(), problems };
    if stretch_dir.is_dir() {
        walk.folder(&stretch_dir, 0, FileKind::StretchesFolder)?;
    } else {
        walk.folder(dir, 0, FileKind::ContentFolder)?;
        let top = |name: &str| dir.join(name);
        walk.files.retain(|p| *p != top("goals.toml") && *p != top("safety.toml"));
    }
    // The walk takes each folder's entries in order of name, depth first:
    // the paths come sorted as paths sort.
    let paths = std::mem::take(&mut walk.files);
    let mut stretches = Vec::new();
    // A few files are read at once on every core, then taken in order
    // against the folder's allowance: the same files and problems as
    // reading one by one, and never much past the allowance in memory.
    'chunks: for chunk in paths.chunks(READ_AT_ONCE) {
        if budget.full {
            break;
        }
        let texts: Vec<Result<String>> =
            chunk.par_iter().map(|path| read_text(path, FileKind::ContentFolder, TEXT_FILE_BYTES)).collect();
        for (path, text) in chunk.iter().zip(texts) {
            if budget.left == 0 {
                let fault = Fault::LibraryFull { max: LIBRARY_BYTES };
                problems.push(Problem {
                    file: path.display().to_string(),
                    at: None,
                    field: String::new(),
                    fault,
                });
                break 'chunks;
            }
            match take(path, text, &mut budget, problems) {
                Some(source) => stretches.push(StretchFile {
                    stem: content::stem(path),
                    source,
                    path: Some(path.clone()),
                }),
                None if budget.full => break 'chunks,
                None => {}
            }
        }
    }
    Ok(Folder { goals, safety, stretches })
}

/// What is left of the bytes one content folder may hold.
struct Budget {
    left: u64,
    /// Whether a file past the allowance has been reported (the rest are
    /// then left unread, unreported).
    full: bool,
}

/// A walk over the folders of a content folder.
struct Walk<'p> {
    /// Folders already walked, by device and inode.
    seen: HashSet<(u64, u64)>,
    files: Vec<PathBuf>,
    problems: &'p mut Vec<Problem>,
}

impl Walk<'_> {
    fn folder(&mut self, dir: &Path, depth: usize, kind: FileKind) -> Result<()> {
        let meta = fs::metadata(dir).map_err(|source| Error::io(kind, dir, Action::Read, source))?;
        if !self.seen.insert((meta.dev(), meta.ino())) {
            return Ok(()); // a link back to a folder already walked
        }
        if depth > MAX_DEPTH {
            self.problem(dir, Fault::TooDeep { depth: MAX_DEPTH });
            return Ok(());
        }
        let entries = fs::read_dir(dir).map_err(|source| Error::io(kind, dir, Action::Read, source))?;
        // The folder's listing says which entries are plain files (no
        // links): those need no look of their own.
        let mut names: Vec<(std::ffi::OsString, bool)> = entries
            .filter_map(|e| e.ok().map(|e| (e.file_name(), e.file_type().is_ok_and(|t| t.is_file()))))
            .filter(|(name, _)| !name.as_encoded_bytes().starts_with(b"."))
            .collect();
        names.sort_unstable();
        for (name, plain) in names {
            self.entry(&dir.join(name), plain, depth)?;
        }
        Ok(())
    }

    /// One entry of a folder; `plain` when the listing says it is a
    /// regular file and not a link.
    fn entry(&mut self, path: &Path, plain: bool, depth: usize) -> Result<()> {
        let toml = path.extension().is_some_and(|e| e == "toml");
        if plain {
            if toml {
                self.file(path);
            }
            return Ok(());
        }
        let meta = match fs::metadata(path) {
            Ok(meta) => meta,
            // A broken link among photos and notes is not the library's
            // business; a stretch file that cannot be read is.
            Err(_) if !toml => return Ok(()),
            Err(e) => {
                self.problem(path, Fault::CannotRead { said: crate::error::said(&e) });
                return Ok(());
            }
        };
        if meta.is_dir() {
            return self.folder(path, depth + 1, FileKind::Folder);
        }
        if !toml {
            return Ok(());
        }
        match super::regular(&meta) {
            Err(fault) => self.problem(path, fault),
            Ok(()) => self.file(path),
        }
        Ok(())
    }

    /// A stretch file found, unless the folder already holds the most.
    fn file(&mut self, path: &Path) {
        if self.files.len() >= MAX_FILES {
            self.problem(path, Fault::TooManyFiles { max: MAX_FILES });
        } else {
            self.files.push(path.to_path_buf());
        }
    }

    fn problem(&mut self, path: &Path, fault: Fault) {
        self.problems.push(Problem {
            file: path.display().to_string(),
            at: None,
            field: String::new(),
            fault,
        });
    }
}

fn read_optional(path: &Path, budget: &mut Budget, problems: &mut Vec<Problem>) -> Option<SourceFile> {
    if fs::symlink_metadata(path).is_ok() { read_file(path, budget, problems) } else { None }
}

/// Reads one file of at most 1 MB (see [`take`]).
fn read_file(path: &Path, budget: &mut Budget, problems: &mut Vec<Problem>) -> Option<SourceFile> {
    take(path, read_text(path, FileKind::ContentFolder, TEXT_FILE_BYTES), budget, problems)
}

/// Takes one file read (at most 1 MB) out of what is left of the folder's
/// allowance: a file past the allowance is reported as such, and so is
/// any other problem reading it.
fn take(
    path: &Path,
    text: Result<String>,
    budget: &mut Budget,
    problems: &mut Vec<Problem>,
) -> Option<SourceFile> {
    let name = path.display().to_string();
    let past = match &text {
        Ok(text) => text.len() as u64 > budget.left,
        Err(Error::Invalid { fault, .. }) => {
            budget.left < TEXT_FILE_BYTES && matches!(**fault, Fault::TooBig { .. })
        }
        Err(_) => false,
    };
    if past {
        budget.full = true;
        let fault = Fault::LibraryFull { max: LIBRARY_BYTES };
        problems.push(Problem { file: name, at: None, field: String::new(), fault });
        return None;
    }
    match text {
        Ok(text) => {
            budget.left -= text.len() as u64;
            Some(SourceFile { name, text })
        }
        Err(e) => {
            let fault = match e {
                Error::Invalid { fault, .. } => *fault,
                Error::Io { source, .. } => Fault::CannotRead { said: crate::error::said(&source) },
                other => Fault::CannotRead { said: other.to_string() },
            };
            problems.push(Problem { file: name, at: None, field: String::new(), fault });
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, rel: &str, text: &str) {
        let path = dir.join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }

    fn problems(dir: &Path) -> Vec<String> {
        match load(Some(dir), Checks::QUICK) {
            Err(Error::Problems(ps)) => ps.iter().map(|p| p.to_string()).collect(),
            Err(other) => vec![format!("other error: {other}")],
            Ok(_) => vec![],
        }
    }

    fn stretch_text(extra: &str, dose: &str) -> String {
        format!(
            "name = \"Test\"\nsummary = \"A test.\"\ngoals = [\"posture\"]\nareas = [\"upper-back\"]\n\
             position = \"seated\"\nintensity = \"gentle\"\n{extra}\
             steps = [\"Sit.\", \"Reach.\", \"Breathe.\"]\n\n[dose]\n{dose}{FIGURE}"
        )
    }

    /// A plain standing figure, after the dose so line numbers above stay put.
    const FIGURE: &str = "\n[figure]\nsupport = \"feet\"\nprops = [\"floor\"]\n\n[figure.pose]\n";

    const GOOD_DOSE: &str = "hold_s = [20, 30]\nreps = [2, 3]\nsides = 1\n";

    #[test]
    fn folder_adds_and_overrides() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "stretches/my-stretch.toml", &stretch_text("", GOOD_DOSE));
        write(dir.path(), "stretches/cat-cow.toml", &stretch_text("", GOOD_DOSE));
        let library = load(Some(dir.path()), Checks::QUICK).unwrap();
        let mine = library.stretch("my-stretch").unwrap();
        assert!(matches!(mine.origin, crate::content::Origin::File(_)));
        assert_eq!(library.stretch("cat-cow").unwrap().name, "Test");
    }

    #[test]
    fn every_problem_of_every_file_is_reported_with_its_place() {
        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            "stretches/a.toml",
            &stretch_text("", "hold_s = [20, 300]\nreps = [2, 3]\nsides = 3\n"),
        );
        write(dir.path(), "stretches/b.toml", "name = \"B\"\nsumary = \"typo\"\n");
        write(dir.path(), "stretches/c.toml", "name = \"C\nbroken");
        let found = problems(dir.path());
        let a = dir.path().join("stretches/a.toml").display().to_string();
        let b = dir.path().join("stretches/b.toml").display().to_string();
        let c = dir.path().join("stretches/c.toml").display().to_string();
        assert_eq!(found.len(), 5, "{found:#?}");
        assert_eq!(found[0], format!("{a}:10:10: dose.hold_s: 300 is above the maximum of 120"));
        assert_eq!(found[1], format!("{a}:12:9: dose.sides: 3 is not allowed; use 1, or 2 for each side"));
        // After the unknown field the reader reads on, and finds what is missing.
        assert_eq!(found[2], format!("{b}:1:1: summary: summary is missing"));
        assert!(
            found[3]
                .starts_with(&format!("{b}:2:1: sumary: unknown field \"sumary\"; did you mean summary?"))
        );
        assert!(found[4].starts_with(&format!("{c}:2:")), "{}", found[4]);
    }

    #[test]
    fn unknown_goal_and_equipment_are_named() {
        let dir = tempfile::tempdir().unwrap();
        let text = stretch_text("equipment = [\"bench\"]\n", GOOD_DOSE).replace("posture", "flying");
        write(dir.path(), "x.toml", &text);
        let found = problems(dir.path());
        // Both problems in one run: the unknown word, then the unknown goal.
        assert_eq!(found.len(), 2, "{found:#?}");
        assert!(
            found
                .iter()
                .any(|f| f.contains("x.toml:7:14: equipment[0]: unknown equipment \"bench\"; use chair"))
        );
        assert!(found.iter().any(|f| f.contains("goals[0]: unknown goal \"flying\"")), "{found:#?}");

        let text = stretch_text("", GOOD_DOSE).replace("posture", "flying");
        write(dir.path(), "x.toml", &text);
        let found = problems(dir.path());
        assert!(found[0].contains("x.toml:3:"), "{}", found[0]);
        assert!(found[0].contains("goals[0]: unknown goal \"flying\"; use "), "{}", found[0]);
    }

    #[test]
    fn duplicate_ids_and_mismatched_id_field() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "stretches/a.toml", &stretch_text("", GOOD_DOSE));
        write(dir.path(), "stretches/more/a.toml", &stretch_text("", GOOD_DOSE));
        write(dir.path(), "stretches/b.toml", &stretch_text("id = \"bee\"\n", GOOD_DOSE));
        let found = problems(dir.path());
        assert_eq!(found.len(), 2, "{found:#?}");
        assert!(found[0].contains("b.toml:7:6: id: \"bee\" differs from the file name"), "{}", found[0]);
        assert!(found[1].contains("more/a.toml: duplicate id \"a\""), "{}", found[1]);
    }

    #[test]
    fn missing_folder_is_one_clear_error() {
        let err = load(Some(Path::new("/no/such/folder")), Checks::QUICK).unwrap_err();
        assert_eq!(err.exit_code(), 2);
        assert_eq!(err.to_string(), "/no/such/folder: cannot read the content folder: it does not exist");
    }

    #[test]
    fn non_utf8_file_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("bad.toml"), b"name = \"\xff\"").unwrap();
        let found = problems(dir.path());
        assert!(found[0].ends_with("bad.toml: is not UTF-8 text (bad byte at offset 8); save it as UTF-8"));
    }
}
