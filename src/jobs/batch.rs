//! `batch`: a handout for every row of a roster, in one process on every
//! core. The roster, the clinic (its logo decoded once) and the library are
//! read once; each row becomes a prescription (its named stretches, a saved
//! prescription it points to, or the planner's pick from its goal and
//! minutes), is laid out, rendered and written, each file atomically. A bad
//! row is reported in one line naming its line and column and skipped; the
//! other rows are still written, and the run then exits with status 2.

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::Path;
use std::sync::{Arc, Mutex};

use chrono::NaiveDate;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;

use crate::cli::values;
use crate::config::BatchJob;
use crate::content::{Clinic, Condition, Library, Limits, Prescribed, Prescription, prescription::Sheet};
use crate::doc::{Paper, Picture};
use crate::error::{Action, Error, Fault, Field, FileKind, Input, Result};
use crate::input::roster::{Column, Roster, Row};
use crate::input::{self, photos::Photos};
use crate::output::Output;
use crate::plan::{self, Request, progress};
use crate::{limits, words};

use super::handout::{Studio, limits as kept_limits, planned};
use super::{Job, line, name_stem, printable};

/// `batch`: every row's handout (and prescription, with `--save`).
pub fn run(job: &mut Job, library: &Library, batch: &BatchJob) -> Result<()> {
    let roster = input::roster::load(&batch.roster)?;
    let clinic = batch.clinic.as_deref().map(input::clinic::load).transpose()?;
    folder(&batch.output)?;
    if let Some(save) = &batch.save {
        folder(save)?;
    }
    if !roster.unknown.is_empty() {
        let known = roster_columns();
        let fault = Fault::UnknownColumns { names: roster.unknown.clone(), known };
        let header = Input::Row { file: roster.name.clone(), line: 1, column: "header".into() };
        let _ = writeln!(job.stderr, "{}", Error::invalid(header, fault));
    }
    let stems = unique_stems(&roster);
    let bar = progress_bar(roster.rows.len() as u64, job.config.quiet);
    let photos = PhotoCache::new(library);
    let rows =
        Rows { roster: &roster, library, clinic: clinic.as_ref(), today: job.config.today, photos: &photos };
    let failures: Vec<(usize, Error)> = roster
        .rows
        .par_iter()
        .zip(stems.par_iter())
        .filter_map(|(row, stem)| {
            let result = rows.one(row, stem, batch);
            bar.inc(1);
            result.err().map(|e| (row.line, e.in_row(&roster.name, row.line, Field::name)))
        })
        .collect();
    bar.finish_and_clear();
    for (_, error) in &failures {
        for line in error.lines() {
            let _ = writeln!(job.stderr, "{line}");
        }
    }
    if !job.config.quiet {
        let summary = summary(roster.rows.len() - failures.len(), failures.len(), batch);
        let _ = writeln!(job.stderr, "{summary}");
    }
    if failures.is_empty() { Ok(()) } else { Err(Error::Reported) }
}

/// "wrote 199 handouts to out/; saved 199 prescriptions to rx/; 1 row failed".
fn summary(wrote: usize, failed: usize, batch: &BatchJob) -> String {
    let shown = |dir: &Path| format!("{}/", dir.display().to_string().trim_end_matches('/'));
    let mut parts = vec![format!("wrote {} to {}", words::count(wrote, "handout"), shown(&batch.output))];
    if let Some(save) = &batch.save {
        parts.push(format!("saved {} to {}", words::count(wrote, "prescription"), shown(save)));
    }
    if failed > 0 {
        parts.push(format!("{} failed", words::count(failed, "row")));
    }
    parts.join("; ")
}

/// A progress bar on a terminal; nothing when stderr is not one, or quiet.
fn progress_bar(rows: u64, quiet: bool) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(rows), ProgressDrawTarget::stderr());
    let style = ProgressStyle::with_template("{bar:40} {pos}/{len} handouts, {eta} left")
        .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    bar
}

/// Makes `dir` if it is missing; refuses a file in its place.
fn folder(dir: &Path) -> Result<()> {
    match std::fs::metadata(dir) {
        Ok(meta) if meta.is_dir() => Ok(()),
        Ok(_) => Err(Error::file(FileKind::Folder, dir, Fault::NotAFolder)),
        Err(_) => std::fs::create_dir_all(dir)
            .map_err(|source| Error::io(FileKind::Folder, dir, Action::Create, source)),
    }
}

/// Each row's file stem, from its patient, made unique in row order
/// ("ann-lee", "ann-lee-2").
fn unique_stems(roster: &Roster) -> Vec<String> {
    let mut taken = std::collections::HashSet::new();
    roster
        .rows
        .iter()
        .map(|row| {
            let base = name_stem(roster.cell(row, Column::Patient)).unwrap_or_else(|| "patient".into());
            let mut stem = base.clone();
            let mut n = 1;
            while !taken.insert(stem.clone()) {
                n += 1;
                stem = format!("{base}-{n}");
            }
            stem
        })
        .collect()
}

fn roster_columns() -> Vec<String> {
    Column::ALL.iter().map(|c| c.name().to_string()).collect()
}

/// What every row shares.
struct Rows<'a> {
    roster: &'a Roster,
    library: &'a Library,
    clinic: Option<&'a Clinic>,
    today: NaiveDate,
    photos: &'a PhotoCache<'a>,
}

impl Rows<'_> {
    /// One row: its prescription, handout and saved prescription written.
    fn one(&self, row: &Row, stem: &str, batch: &BatchJob) -> Result<()> {
        let p = self.prescription(row)?;
        let photos = self.photos.get(p.stretches.iter().map(|s| s.id.as_str()))?;
        let studio = Studio { library: self.library, clinic: self.clinic, photos: &photos };
        let made = studio.make(&p, None)?;
        Output::File(batch.output.join(format!("handout-{stem}.pdf"))).write_deferred(&made.pdf)?;
        if let Some(save) = &batch.save {
            let saved = save.join(format!("prescription-{stem}.toml"));
            Output::File(saved).write_deferred(p.to_toml().as_bytes())?;
        }
        Ok(())
    }

    /// The row's prescription: who, when, how often, and its exercises.
    fn prescription(&self, row: &Row) -> Result<Prescription> {
        let roster = self.roster;
        roster.shape(row).map_err(|fault| Error::invalid(Input::Flag("row"), fault))?;
        let cell = |column| roster.cell(row, column);
        let Some(patient) = cell(Column::Patient) else {
            return Err(Error::field(Field::Patient, Fault::Empty { hint: "give the patient's name" }));
        };
        let patient = line(Field::Patient, Some(patient))?.unwrap_or_default();
        let clinician = line(Field::Clinician, cell(Column::Clinician))?;
        let notes = cell(Column::Notes)
            .map(|notes| printable(Field::Notes, crate::words::paragraphs(notes), limits::NOTES_CHARS))
            .transpose()?;
        let date = parsed(cell(Column::Date), Field::Date, values::date)?;
        let follow_up = parsed(cell(Column::FollowUp), Field::FollowUp, values::date)?;
        let per_day = parsed(cell(Column::PerDay), Field::PerDay, values::per_day)?;
        let per_week = parsed(cell(Column::PerWeek), Field::PerWeek, values::per_week)?;
        let paper: Option<Paper> = parsed(cell(Column::Paper), Field::Paper, values::paper)?;
        let older = parsed(cell(Column::Older), Field::Older, yes_or_no)?;
        let mut p = match self.exercises(row, older.unwrap_or(false))? {
            Exercises::Saved(p) => p,
            Exercises::Listed(stretches, limits) => Prescription {
                patient: None,
                clinician: None,
                date: self.today,
                follow_up: None,
                per_day: None,
                per_week: None,
                notes: None,
                older: older.unwrap_or(false),
                limits,
                sheet: Sheet {
                    paper: self.clinic.and_then(|c| c.paper).unwrap_or_default(),
                    ..Sheet::default()
                },
                stretches,
            },
        };
        // The row's own cells win over a saved prescription's.
        p.patient = Some(patient);
        p.clinician = clinician.or(p.clinician);
        p.notes = notes.or(p.notes);
        p.date = date.unwrap_or(p.date);
        p.follow_up = follow_up.or(p.follow_up);
        p.per_day = per_day.or(p.per_day);
        p.per_week = per_week.or(p.per_week);
        p.sheet.paper = paper.unwrap_or(p.sheet.paper);
        Ok(p)
    }

    /// The row's exercises: named, a saved prescription, or planned.
    fn exercises(&self, row: &Row, older: bool) -> Result<Exercises> {
        let roster = self.roster;
        let cell = |column| roster.cell(row, column);
        let planner = [Column::Goal, Column::Minutes, Column::Avoid, Column::Equipment];
        let given: Vec<Column> = [Column::Stretches, Column::Prescription]
            .into_iter()
            .chain(planner)
            .filter(|c| cell(*c).is_some())
            .collect();
        let twice = |column: Column| {
            let others = given.iter().filter(|c| **c != column).map(|c| c.name().to_string()).collect();
            Err(Error::invalid(Input::Flag(column.name()), Fault::ExercisesTwice { columns: others }))
        };
        if let Some(list) = cell(Column::Stretches) {
            if given.len() > 1 {
                return twice(Column::Stretches);
            }
            return Ok(Exercises::Listed(self.named(list, older)?, Limits::default()));
        }
        if let Some(path) = cell(Column::Prescription) {
            if given.len() > 1 {
                return twice(Column::Prescription);
            }
            let saved = input::prescription::load(&roster.folder.join(path), self.library)?;
            return Ok(Exercises::Saved(saved));
        }
        let request = self.request(row, older)?;
        Ok(Exercises::Listed(planned(self.library, &request)?, kept_limits(&request)))
    }

    /// `cat-cow; thread-the-needle:reps=2`, at the doses given.
    fn named(&self, list: &str, older: bool) -> Result<Vec<crate::content::Prescribed>> {
        list.split([';', '\n'])
            .map(str::trim)
            .filter(|part| !part.is_empty())
            .map(|part| {
                let choice = values::choice(part).map_err(|fault| Error::field(Field::Stretch, fault))?;
                let stretch = self.library.require(&choice.id)?;
                let dose = plan::prescribe(stretch, &choice, older)?;
                Ok(Prescribed { position: choice.position, ..progress::concrete(&stretch.id, &dose) })
            })
            .collect()
    }

    /// The planner's request from the row's goal, minutes, avoid and
    /// equipment cells (the command line's defaults for those left empty).
    fn request(&self, row: &Row, older: bool) -> Result<Request> {
        let cell = |column| self.roster.cell(row, column);
        let list = |column| cell(column).into_iter().flat_map(|c: &str| c.split([',', ';'])).map(str::trim);
        let goals = list(Column::Goal).filter(|g| !g.is_empty()).map(str::to_lowercase).collect();
        let minutes = cell(Column::Minutes).map(values::minutes).transpose();
        let minutes = minutes.map_err(|fault| Error::field(Field::Minutes, fault))?;
        let mut request = Request::new(goals, minutes.unwrap_or(crate::cli::convert::SESSION_MINUTES));
        request.older = older;
        if cell(Column::Equipment).is_some() {
            let found: std::result::Result<Vec<_>, _> =
                list(Column::Equipment).map(values::equipment).collect();
            request.equipment =
                found.map_err(|f| Error::field(Field::Equipment, f))?.into_iter().flatten().collect();
        }
        let avoid: std::result::Result<Vec<Condition>, _> = list(Column::Avoid).map(values::word).collect();
        request.avoid = avoid.map_err(|f| Error::field(Field::Avoid, f))?.into_iter().collect();
        Ok(request)
    }
}

/// A row's exercises, before the row's other cells are laid over them.
enum Exercises {
    /// A saved prescription the row points to.
    Saved(Prescription),
    /// Named or planned stretches.
    Listed(Vec<crate::content::Prescribed>, Limits),
}

/// A cell read by `parse`, its fault named by `field`; `None` when empty.
fn parsed<T>(
    cell: Option<&str>,
    field: Field,
    parse: fn(&str) -> std::result::Result<T, Fault>,
) -> Result<Option<T>> {
    cell.map(parse).transpose().map_err(|fault| Error::field(field, fault))
}

/// A yes-or-no cell: yes, y, true, 1 or x; no, n, false or 0.
fn yes_or_no(text: &str) -> std::result::Result<bool, Fault> {
    match text.trim().to_lowercase().as_str() {
        "yes" | "y" | "true" | "1" | "x" => Ok(true),
        "no" | "n" | "false" | "0" => Ok(false),
        _ => Err(Fault::NotYesNo { value: text.to_string() }),
    }
}

/// The photos of the library's photo stretches, each read and decoded the
/// first time a row needs it, then shared by every row.
struct PhotoCache<'a> {
    library: &'a Library,
    decoded: Mutex<BTreeMap<String, Arc<Picture>>>,
}

impl<'a> PhotoCache<'a> {
    fn new(library: &'a Library) -> Self {
        PhotoCache { library, decoded: Mutex::new(BTreeMap::new()) }
    }

    /// The photos of the listed stretches.
    fn get<'i>(&self, ids: impl Iterator<Item = &'i str>) -> Result<Photos> {
        let mut photos = Photos::new();
        for id in ids {
            let Some(stretch) = self.library.stretch(id).filter(|s| s.photo_file().is_some()) else {
                continue;
            };
            let known = self.decoded.lock().unwrap_or_else(|e| e.into_inner()).get(id).cloned();
            let picture = match known {
                Some(picture) => picture,
                None => {
                    let decoded = input::photos::load(self.library, [stretch.id.as_str()])?;
                    let Some(picture) = decoded.get(id).cloned() else { continue };
                    self.decoded
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .insert(id.to_string(), picture.clone());
                    picture
                }
            };
            photos.insert(id.to_string(), picture);
        }
        Ok(photos)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn names_are_made_unique_in_row_order() {
        let roster = input::roster::parse(
            "r.csv".into(),
            PathBuf::from("."),
            "patient\nAnn Lee\nann lee\nAnn Lee 2\n!!!\n",
        )
        .unwrap();
        assert_eq!(unique_stems(&roster), ["ann-lee", "ann-lee-2", "ann-lee-2-2", "patient"]);
    }

    #[test]
    fn yes_and_no_in_any_spelling() {
        assert_eq!(yes_or_no("Yes"), Ok(true));
        assert_eq!(yes_or_no("0"), Ok(false));
        assert!(yes_or_no("maybe").unwrap_err().to_string().contains("is not yes or no"));
    }
}
