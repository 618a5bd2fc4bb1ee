//! Assembles a library from content files already read: the built-in
//! files embedded in the binary and, on top of them, a user's folder
//! (read at the input edge). Parses each file, validates every stretch, and
//! checks the `easier`/`harder` links across the merged library
//! ([`super::links`]), and collects every problem of every file before giving up, so one run shows
//! an author all that needs fixing. Pure: no I/O.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::de::DeserializeOwned;

use super::library::Library;
use super::model::{Goal, GoalsFile, Origin, Safety, Stretch};
use super::source::SourceFile;
use super::validate::{self, FieldProblem};
use crate::assets;
use crate::error::{Error, Fault, Problem, Result};

/// The files of one content folder, read but not yet parsed.
#[derive(Default)]
pub struct Folder {
    pub goals: Option<SourceFile>,
    pub safety: Option<SourceFile>,
    pub stretches: Vec<StretchFile>,
}

/// One stretch file: its stem (the id), text, and path on disk when it is
/// not built in.
pub struct StretchFile {
    pub stem: String,
    pub source: SourceFile,
    pub path: Option<PathBuf>,
}

/// What else to check of each stretch beyond the content format (the
/// figure's placement, a photo that must load): given by the caller, so
/// content needs no other stage.
pub type ExtraCheck<'a> = &'a (dyn Fn(&Stretch) -> Vec<FieldProblem> + Sync);

/// How thoroughly to check.
#[derive(Clone, Copy)]
pub struct Checks<'a> {
    /// Validate the built-in stretches too (they were validated when the
    /// program was tested; `check` and the tests do it again).
    pub built_in: bool,
    /// Checks beyond the format, run on every validated stretch.
    pub extra: Option<ExtraCheck<'a>>,
}

impl Checks<'_> {
    /// Validate only the user's stretches, in the format's terms.
    pub const QUICK: Checks<'static> = Checks { built_in: false, extra: None };
}

/// The built-in library alone, parsed but not validated again (the tests
/// validate it).
pub fn built_in() -> Result<Library> {
    assemble(vec![built_in_folder()], Vec::new(), Checks::QUICK)
}

/// The ids of the built-in goals, in file order (for help and completion).
pub fn built_in_goal_ids() -> Vec<String> {
    let Some(text) = assets::content_file("goals.toml") else {
        return Vec::new();
    };
    toml::from_str::<GoalsFile>(text).map(|f| f.goal.into_iter().map(|g| g.id).collect()).unwrap_or_default()
}

/// The built-in content files.
pub fn built_in_folder() -> Folder {
    let file = |path: &str| {
        assets::content_file(path)
            .map(|text| SourceFile { name: format!("content/{path}"), text: text.to_string() })
    };
    let stretches = assets::stretch_files()
        .map(|(path, text)| StretchFile {
            stem: stem(Path::new(path)),
            source: SourceFile { name: format!("content/{path}"), text: text.to_string() },
            path: None,
        })
        .collect();
    Folder { goals: file("goals.toml"), safety: file("safety.toml"), stretches }
}

/// A file's stem: its name without the extension.
pub fn stem(path: &Path) -> String {
    path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
}

fn parse<T: DeserializeOwned>(source: &SourceFile, problems: &mut Vec<Problem>) -> Option<T> {
    source.parse().map_err(|p| problems.extend(p)).ok()
}

/// Merges the folders in order (later ones win) and validates the result.
/// `problems` are those found while reading the files.
pub fn assemble(folders: Vec<Folder>, mut problems: Vec<Problem>, checks: Checks) -> Result<Library> {
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
    // The files of the stretches to check, for their links.
    // Where the links of the stretches to check are, for their problems
    // (found once the whole library is known, after the texts are gone).
    let mut checked: BTreeMap<String, LinkPlaces> = BTreeMap::new();
    for (index, folder) in folders.into_iter().enumerate() {
        let user = index > 0;
        let mut seen: BTreeMap<String, String> = BTreeMap::new();
        let files: Vec<std::result::Result<StretchFile, Box<Problem>>> = folder
            .stretches
            .into_iter()
            .map(|file| match seen.insert(file.stem.clone(), file.source.name.clone()) {
                Some(first) => {
                    let fault = Fault::DuplicateId { id: file.stem.clone(), first };
                    Err(Box::new(file.source.problem_at(None, "", fault)))
                }
                None => Ok(file),
            })
            .collect();
        // Every file parsed and validated on every core, its text dropped
        // as soon as it is read; the results are taken in file order, so
        // the problems come in that order.
        let read: Vec<_> = files
            .into_par_iter()
            .map(|file| {
                file.map(|file| {
                    let mut found = Vec::new();
                    let read = stretch(&file, user, &goals, checks, &mut found);
                    let linked = read.as_ref().is_some_and(|s| s.easier.is_some() || s.harder.is_some());
                    let places = (linked && (user || checks.built_in)).then(|| LinkPlaces::of(&file.source));
                    (read, places, found)
                })
            })
            .collect();
        for result in read {
            let (read, places, found) = match result {
                Ok(done) => done,
                Err(duplicate) => {
                    problems.push(*duplicate);
                    continue;
                }
            };
            problems.extend(found);
            let Some(stretch) = read else { continue };
            match places {
                Some(places) => checked.insert(stretch.id.clone(), places),
                None => checked.remove(&stretch.id),
            };
            stretches.insert(stretch.id.clone(), stretch);
        }
    }
    let Some(safety) = safety else {
        let what = "safety.toml".to_string();
        let fault = Fault::Missing { what, hint: "the library needs safety text" };
        problems.push(Problem { file: "safety.toml".into(), at: None, field: String::new(), fault });
        return Err(Error::Problems(problems));
    };
    let library = Library::new(stretches.into_values().collect(), goals, safety);
    for (id, places) in checked {
        if let Some(stretch) = library.stretch(&id) {
            let found = super::links::check(stretch, &library);
            problems.extend(found.into_iter().map(|p| places.problem(p.field, p.fault)));
        }
    }
    if !problems.is_empty() {
        return Err(Error::Problems(problems));
    }
    Ok(library)
}

/// Where a stretch file's links are written, kept in place of its text.
struct LinkPlaces {
    file: String,
    easier: Option<(usize, usize)>,
    harder: Option<(usize, usize)>,
}

impl LinkPlaces {
    fn of(source: &SourceFile) -> Self {
        LinkPlaces {
            file: source.name.clone(),
            easier: source.top_level_value_at("easier"),
            harder: source.top_level_value_at("harder"),
        }
    }

    /// A problem with the link `field` (`easier` or `harder`).
    fn problem(&self, field: String, fault: Fault) -> Problem {
        let at = if field == "easier" { self.easier } else { self.harder };
        Problem { file: self.file.clone(), at, field, fault }
    }
}

/// Parses and (for a user's file, or when asked) validates one stretch.
fn stretch(
    file: &StretchFile,
    user: bool,
    goals: &[Goal],
    checks: Checks,
    problems: &mut Vec<Problem>,
) -> Option<Stretch> {
    let (read, found) = file.source.parse_all::<Stretch>();
    let read_cleanly = found.is_empty();
    problems.extend(found);
    let mut stretch = read?;
    stretch.origin = match &file.path {
        Some(path) if user => Origin::File(path.clone()),
        _ => Origin::BuiltIn,
    };
    if user || checks.built_in {
        let mut found = validate::stretch(&stretch, &file.stem, goals);
        // Checks beyond the format only mean something once the file reads.
        if let Some(extra) = checks.extra.filter(|_| read_cleanly && found.is_empty()) {
            found.extend(extra(&stretch));
        }
        problems.extend(found.into_iter().map(|p| file.source.problem(&p.field, p.fault)));
    }
    stretch.id = file.stem.clone();
    Some(stretch)
}

fn merge_goals(goals: &mut Vec<Goal>, new: Vec<Goal>, file: &SourceFile, problems: &mut Vec<Problem>) {
    let mut ids_here = Vec::new();
    for (i, goal) in new.into_iter().enumerate() {
        let field = format!("goal[{i}].id");
        if ids_here.contains(&goal.id) {
            problems.push(file.problem(&field, Fault::DuplicateGoal { id: goal.id.clone() }));
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

    #[test]
    fn built_in_library_loads_and_validates() {
        let checks = Checks { built_in: true, extra: None };
        let library =
            assemble(vec![built_in_folder()], Vec::new(), checks).expect("built-in content is valid");
        assert!(library.stretches().len() >= 16);
    }
}
