//! Reads content: the built-in files embedded in the binary and, on top of
//! them, a user's folder. Parses each file, validates every stretch, and
//! collects every problem of every file before giving up, so one run shows
//! an author all that needs fixing.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

use super::library::Library;
use super::model::{Goal, GoalsFile, Origin, Safety, Stretch};
use super::source::SourceFile;
use super::validate;
use crate::assets;
use crate::error::{Error, Problem, Result};

/// The files of one content folder, read but not yet parsed.
struct Folder {
    goals: Option<SourceFile>,
    safety: Option<SourceFile>,
    /// (file stem, file, path on disk when not built in)
    stretches: Vec<(String, SourceFile, Option<PathBuf>)>,
}

/// Loads the built-in library, with `folder` (if any) added on top: its
/// stretches add to the built-in ones and replace those with the same id,
/// its goals add or replace by id, and its safety file replaces the text.
///
/// The folder's stretches are validated; the built-in ones were validated
/// when the program was tested (see [`load_checked`]), so they are only
/// parsed, which keeps every command quick.
pub fn load(folder: Option<&Path>) -> Result<Library> {
    load_with(folder, false)
}

/// Like [`load`], validating the built-in stretches too (`check`, tests).
pub fn load_checked(folder: Option<&Path>) -> Result<Library> {
    load_with(folder, true)
}

fn load_with(folder: Option<&Path>, check_built_in: bool) -> Result<Library> {
    let mut folders = vec![built_in()];
    let mut problems = Vec::new();
    if let Some(dir) = folder {
        folders.push(read_folder(dir, &mut problems)?);
    }
    assemble(folders, problems, check_built_in)
}

fn built_in() -> Folder {
    let file = |path: &str| {
        assets::content_file(path)
            .map(|text| SourceFile { name: format!("content/{path}"), text: text.to_string() })
    };
    let stretches = assets::stretch_files()
        .map(|(path, text)| {
            let source = SourceFile { name: format!("content/{path}"), text: text.to_string() };
            (stem(Path::new(path)), source, None)
        })
        .collect();
    Folder { goals: file("goals.toml"), safety: file("safety.toml"), stretches }
}

/// Reads a content folder: `goals.toml` and `safety.toml` (both optional)
/// and stretch files under `stretches/` (or, without that folder, the other
/// `.toml` files beside them), in sub-folders too.
fn read_folder(dir: &Path, problems: &mut Vec<Problem>) -> Result<Folder> {
    let meta = fs::metadata(dir).map_err(|source| Error::File {
        path: dir.to_path_buf(),
        action: "cannot read the content folder",
        source,
    })?;
    if !meta.is_dir() {
        return Err(Error::bad_input(
            dir.display().to_string(),
            "is a file; name a content folder holding stretch .toml files",
        ));
    }
    let goals = read_optional(&dir.join("goals.toml"), problems);
    let safety = read_optional(&dir.join("safety.toml"), problems);
    let stretch_dir = dir.join("stretches");
    let mut paths = Vec::new();
    if stretch_dir.is_dir() {
        toml_files(&stretch_dir, &mut paths).map_err(|source| Error::File {
            path: stretch_dir.clone(),
            action: "cannot read the stretches folder",
            source,
        })?;
    } else {
        toml_files(dir, &mut paths).map_err(|source| Error::File {
            path: dir.to_path_buf(),
            action: "cannot read the content folder",
            source,
        })?;
        let top = |name: &str| dir.join(name);
        paths.retain(|p| *p != top("goals.toml") && *p != top("safety.toml"));
    }
    paths.sort();
    let stretches = paths
        .into_iter()
        .filter_map(|path| {
            let source = read_file(&path, problems)?;
            Some((stem(&path), source, Some(path)))
        })
        .collect();
    Ok(Folder { goals, safety, stretches })
}

fn toml_files(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        let hidden = path.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if hidden {
            continue;
        }
        if path.is_dir() {
            toml_files(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "toml") {
            out.push(path);
        }
    }
    Ok(())
}

fn read_optional(path: &Path, problems: &mut Vec<Problem>) -> Option<SourceFile> {
    if path.exists() { read_file(path, problems) } else { None }
}

fn read_file(path: &Path, problems: &mut Vec<Problem>) -> Option<SourceFile> {
    let name = path.display().to_string();
    match fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => Some(SourceFile { name, text }),
            Err(e) => {
                let offset = e.utf8_error().valid_up_to();
                let message = format!("is not UTF-8 text (bad byte at offset {offset}); save it as UTF-8");
                problems.push(Problem { file: name, at: None, field: String::new(), message });
                None
            }
        },
        Err(e) => {
            let message = format!("cannot be read: {e}");
            problems.push(Problem { file: name, at: None, field: String::new(), message });
            None
        }
    }
}

fn stem(path: &Path) -> String {
    path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
}

fn parse<T: DeserializeOwned>(source: &SourceFile, problems: &mut Vec<Problem>) -> Option<T> {
    toml::from_str(&source.text).map_err(|e| problems.push(source.parse_problem(&e))).ok()
}

/// Merges the folders in order (later ones win) and validates the result.
fn assemble(folders: Vec<Folder>, mut problems: Vec<Problem>, check_built_in: bool) -> Result<Library> {
    let mut goals: Vec<Goal> = Vec::new();
    let mut safety: Option<Safety> = None;
    for folder in &folders {
        if let Some(file) = &folder.goals
            && let Some(parsed) = parse::<GoalsFile>(file, &mut problems)
        {
            merge_goals(&mut goals, parsed.goal, file, &mut problems);
        }
        if let Some(file) = &folder.safety {
            safety = parse::<Safety>(file, &mut problems).or(safety);
        }
    }

    let mut stretches: BTreeMap<String, Stretch> = BTreeMap::new();
    for (index, folder) in folders.into_iter().enumerate() {
        let mut seen: BTreeMap<String, String> = BTreeMap::new();
        for (stem, source, path) in folder.stretches {
            if let Some(first) = seen.insert(stem.clone(), source.name.clone()) {
                let message = format!("duplicate id {stem:?}: {first} has the same file name");
                problems.push(source.problem_at(None, "", message));
                continue;
            }
            let Some(mut stretch) = parse::<Stretch>(&source, &mut problems) else {
                continue;
            };
            stretch.origin = match path {
                Some(path) if index > 0 => Origin::File(path),
                _ => Origin::BuiltIn,
            };
            if index > 0 || check_built_in {
                for p in validate::stretch(&stretch, &stem, &goals) {
                    problems.push(source.problem(&p.field, p.message));
                }
            }
            stretch.id = stem.clone();
            stretches.insert(stem, stretch);
        }
    }

    let Some(safety) = safety else {
        problems.push(Problem {
            file: "safety.toml".into(),
            at: None,
            field: String::new(),
            message: "is missing; the library needs safety text".into(),
        });
        return Err(Error::Content(problems));
    };
    if !problems.is_empty() {
        return Err(Error::Content(problems));
    }
    Ok(Library::new(stretches.into_values().collect(), goals, safety))
}

fn merge_goals(goals: &mut Vec<Goal>, new: Vec<Goal>, file: &SourceFile, problems: &mut Vec<Problem>) {
    let mut ids_here = Vec::new();
    for (i, goal) in new.into_iter().enumerate() {
        let field = format!("goal[{i}].id");
        if ids_here.contains(&goal.id) {
            problems.push(file.problem(&field, format!("duplicate goal id {:?}", goal.id)));
            continue;
        }
        ids_here.push(goal.id.clone());
        match goals.iter_mut().find(|g| g.id == goal.id) {
            Some(existing) => *existing = goal,
            None => goals.push(goal),
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
        match load(Some(dir)) {
            Err(Error::Content(ps)) => ps.iter().map(|p| p.to_string()).collect(),
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
    fn built_in_library_loads_and_validates() {
        let library = load_checked(None).expect("built-in content is valid");
        assert!(library.stretches().len() >= 16);
    }

    #[test]
    fn folder_adds_and_overrides() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "stretches/my-stretch.toml", &stretch_text("", GOOD_DOSE));
        write(dir.path(), "stretches/cat-cow.toml", &stretch_text("", GOOD_DOSE));
        let library = load(Some(dir.path())).unwrap();
        let mine = library.stretch("my-stretch").unwrap();
        assert!(matches!(mine.origin, Origin::File(_)));
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
        assert_eq!(found.len(), 4, "{found:#?}");
        assert_eq!(found[0], format!("{a}:10:10: dose.hold_s: 300 is above the maximum of 120"));
        assert_eq!(found[1], format!("{a}:12:9: dose.sides: 3 is not allowed; use 1, or 2 for each side"));
        assert!(found[2].starts_with(&format!("{b}:2:1: sumary: unknown field `sumary`")), "{}", found[2]);
        assert!(found[3].starts_with(&format!("{c}:2:")), "{}", found[3]);
    }

    #[test]
    fn unknown_goal_and_equipment_are_named() {
        let dir = tempfile::tempdir().unwrap();
        let text = stretch_text("equipment = [\"bench\"]\n", GOOD_DOSE).replace("posture", "flying");
        write(dir.path(), "x.toml", &text);
        let found = problems(dir.path());
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(found[0].contains("x.toml:7:"), "{}", found[0]);
        assert!(found[0].contains("equipment"), "{}", found[0]);
        assert!(found[0].contains("unknown variant `bench`"), "{}", found[0]);

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
        let err = load(Some(Path::new("/no/such/folder"))).unwrap_err();
        assert_eq!(err.exit_code(), 2);
        assert!(err.to_string().starts_with("/no/such/folder: cannot read the content folder: "));
    }

    #[test]
    fn non_utf8_file_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("bad.toml"), b"name = \"\xff\"").unwrap();
        let found = problems(dir.path());
        assert!(found[0].ends_with("bad.toml: is not UTF-8 text (bad byte at offset 8); save it as UTF-8"));
    }
}
