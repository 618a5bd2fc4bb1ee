//! Carrying out each command: gather its inputs (library, clinic, notes,
//! photos), run the stages in order (plan → layout → render) and write the
//! result. Each function here is the whole story of one command.

use std::path::PathBuf;
use std::sync::Arc;

use crate::catalog;
use crate::clinic::Clinic;
use crate::config::{CardJob, HandoutJob, ListFilter, ListFormat, Notes, PlanFormat, PlanJob};
use crate::content::{Library, Stretch};
use crate::error::{Error, Result};
use crate::fonts::Fonts;
use crate::layout::sheets::{self, Exercise, Photos};
use crate::layout::{Document, SheetOptions};
use crate::output::Output;
use crate::plan::{self, Routine, timing};
use crate::{figure, picture, render};

/// `list`: the stretches passing the filter.
pub fn list(library: &Library, filter: &ListFilter, format: ListFormat) -> Result<()> {
    let found = catalog::filter(library, filter)?;
    Output::Stdout.write(catalog::list(&found, format).as_bytes())
}

/// `show`: one stretch, and its figure as SVG if asked (to stdout alone
/// when the SVG goes there).
pub fn show(library: &Library, id: &str, format: ListFormat, svg: Option<&Output>) -> Result<()> {
    let stretch = library.require(id)?;
    if let Some(svg) = svg {
        svg.write(figure::preview_svg(stretch)?.as_bytes())?;
        if *svg == Output::Stdout {
            return Ok(());
        }
    }
    Output::Stdout.write(catalog::show(stretch, library, format).as_bytes())
}

/// `plan`: text, JSON, iCalendar or the PDF sheet.
pub fn plan(library: &Library, job: &PlanJob) -> Result<()> {
    check_text("--title", job.sheet.title.as_deref())?;
    job.output.check_writable()?;
    let plan = plan::build(library, &job.request, &job.calendar)?;
    let bytes = match job.format {
        PlanFormat::Text => plan.to_text(job.explain).into_bytes(),
        PlanFormat::Json => plan.to_json(job.explain).into_bytes(),
        PlanFormat::Ics => plan.to_ics().into_bytes(),
        PlanFormat::Pdf => {
            let photos = photos(library, plan.stretch_ids())?;
            pdf(&sheets::plan(&plan, library, &photos, &job.sheet))?
        }
    };
    job.output.write(&bytes)
}

/// `gallery`: every stretch with its figure.
pub fn gallery(library: &Library, sheet: &SheetOptions, output: &Output) -> Result<()> {
    check_text("--title", sheet.title.as_deref())?;
    output.check_writable()?;
    let photos = photos(library, library.stretches().iter().map(|s| s.id.as_str()))?;
    output.write(&pdf(&sheets::gallery(library, &photos, sheet))?)
}

/// `card`: the named stretches at their standard dose, or the planner's
/// pick for a short desk break. Says so when the page cannot hold them all.
pub fn card(library: &Library, job: &CardJob, stderr: &mut dyn std::io::Write) -> Result<()> {
    check_text("--title", job.sheet.title.as_deref())?;
    job.output.check_writable()?;
    let exercises = if job.stretches.is_empty() {
        from_routine(library, &plan::select(library, &job.request)?)?
    } else {
        let standard = |stretch: &Stretch| Ok(plan::Prescription::standard(&stretch.dose, job.request.older));
        named(library, job.stretches.iter().map(String::as_str), |s, _| standard(s))?
    };
    let photos = photos(library, exercises.iter().map(|e| e.stretch.id.as_str()))?;
    let card = sheets::card(&exercises, library.safety(), &photos, &job.sheet);
    if card.shown < exercises.len() {
        let _ = writeln!(
            stderr,
            "stretchsheet: the card has room for {} of the {} stretches; use larger paper or leave out --large-print to fit more",
            card.shown,
            exercises.len()
        );
    }
    job.output.write(&pdf(&card.document)?)
}

/// `handout`: the clinic's branding, the patient, the notes and the
/// prescribed (or planned) exercises.
pub fn handout(library: &Library, job: &HandoutJob) -> Result<()> {
    let clinic = job.clinic.as_deref().map(Clinic::load).transpose()?;
    let mut sheet = job.sheet.clone();
    if let (false, Some(paper)) = (job.paper_given, clinic.as_ref().and_then(|c| c.paper)) {
        sheet.paper = paper;
    }
    check_text("--patient", job.patient.as_deref())?;
    check_text("--clinician", job.clinician.as_deref())?;
    check_text("--title", sheet.title.as_deref())?;
    let notes = notes(&job.notes)?;
    let output = job.output.clone().unwrap_or_else(|| Output::File(handout_name(job.patient.as_deref())));
    output.check_writable()?;
    let exercises = if job.stretches.is_empty() {
        from_routine(library, &plan::select(library, &job.request)?)?
    } else {
        let ids = job.stretches.iter().map(|c| c.id.as_str());
        named(library, ids, |stretch, i| plan::prescribe(stretch, &job.stretches[i], job.request.older))?
    };
    let photos = photos(library, exercises.iter().map(|e| e.stretch.id.as_str()))?;
    let handout = sheets::Handout {
        clinic: clinic.as_ref(),
        patient: job.patient.as_deref(),
        clinician: job.clinician.as_deref(),
        date: job.date,
        notes: notes.as_deref(),
        exercises,
        per_day: job.per_day,
        per_week: job.per_week,
        follow_up: job.follow_up,
    };
    output.write(&pdf(&sheets::handout(&handout, library.safety(), &photos, &sheet))?)
}

fn pdf(doc: &Document) -> Result<Vec<u8>> {
    render::render(doc)
}

/// The exercises of a planned session, at the planner's doses.
fn from_routine<'a>(library: &'a Library, routine: &Routine) -> Result<Vec<Exercise<'a>>> {
    routine
        .items
        .iter()
        .map(|item| {
            Ok(Exercise {
                stretch: library.require(&item.id)?,
                dose: item.prescription,
                seconds: item.seconds,
            })
        })
        .collect()
}

/// Named stretches with the dose `dose(stretch, index)` gives each.
fn named<'a, 'i>(
    library: &'a Library,
    ids: impl Iterator<Item = &'i str>,
    dose: impl Fn(&Stretch, usize) -> Result<plan::Prescription>,
) -> Result<Vec<Exercise<'a>>> {
    ids.enumerate()
        .map(|(i, id)| {
            let stretch = library.require(id)?;
            let dose = dose(stretch, i)?;
            Ok(Exercise { stretch, dose, seconds: timing::stretch_s(stretch, &dose) })
        })
        .collect()
}

/// The photos of the listed stretches whose figure is a photo, read and
/// sized for the largest figure box a sheet draws.
fn photos<'i>(library: &Library, ids: impl IntoIterator<Item = &'i str>) -> Result<Photos> {
    const BOX: f32 = crate::layout::geom::mm(60.0);
    let mut photos = Photos::default();
    for id in ids {
        let Some(stretch) = library.stretch(id) else { continue };
        let Some(path) = stretch.figure.as_ref().and_then(|f| figure::photo_path(f, &stretch.origin)) else {
            continue;
        };
        if photos.0.contains_key(id) {
            continue;
        }
        let photo = picture::load(&path, BOX, BOX, &format!("photo of {id}"))?;
        photos.0.insert(id.to_string(), Arc::new(photo));
    }
    Ok(photos)
}

/// The clinician's notes, read from a file if need be, in printable text.
fn notes(notes: &Notes) -> Result<Option<String>> {
    match notes {
        Notes::None => Ok(None),
        Notes::Text(text) => {
            check_text("--notes", Some(text))?;
            Ok(Some(text.clone()))
        }
        Notes::File(path) => {
            let text = std::fs::read_to_string(path).map_err(|source| Error::File {
                path: path.clone(),
                action: "cannot read the notes file",
                source,
            })?;
            check_text(&format!("--notes-file {}", path.display()), Some(&text))?;
            Ok(Some(text))
        }
    }
}

/// Fails when user text has a character the sheet font lacks.
fn check_text(field: &str, text: Option<&str>) -> Result<()> {
    text.map_or(Ok(()), |text| Fonts::get().check(field, text))
}

/// "handout-ann-lee.pdf" for patient "Ann Lee"; "handout.pdf" without one.
fn handout_name(patient: Option<&str>) -> PathBuf {
    let lower: String =
        patient.unwrap_or_default().chars().map(|c| if c.is_alphanumeric() { c } else { ' ' }).collect();
    let words: Vec<String> = lower.split_whitespace().take(6).map(str::to_lowercase).collect();
    if words.is_empty() { "handout.pdf".into() } else { format!("handout-{}.pdf", words.join("-")).into() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn handout_names_come_from_the_patient() {
        assert_eq!(handout_name(Some("Ann Lee")), PathBuf::from("handout-ann-lee.pdf"));
        assert_eq!(handout_name(Some("  O'Brien, Zoë ")), PathBuf::from("handout-o-brien-zoë.pdf"));
        assert_eq!(handout_name(None), PathBuf::from("handout.pdf"));
        assert_eq!(handout_name(Some("!!!")), PathBuf::from("handout.pdf"));
    }
}
