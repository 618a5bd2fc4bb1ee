//! Clinic handouts. Every handout is made from a [`Prescription`]: the
//! command line's patient, dates and stretches (or the planner's pick) are
//! first written down as one, or a saved one is read back (`--from`) and,
//! at the follow-up, progressed (`--progress`). So a saved prescription
//! reprints byte for byte, and a batch makes its handouts the same way.

use crate::config::HandoutJob;
use crate::content::prescription::Sheet;
use std::borrow::Cow;

use crate::content::{Clinic, Library, Limits, Prescribed, Prescription, Stretch};
use crate::error::{Error, Fault, Field, Result};
use crate::input::{self, photos::Photos};
use crate::layout::SheetOptions;
use crate::layout::sheets::{self, Exercise};
use crate::output::Output;
use crate::plan::{self, progress, timing};
use crate::render;

use super::{Job, handout_name, line, notes};

/// What every handout of a run shares: the library, the clinic's branding
/// (its logo decoded once) and the decoded photos of the stretches.
pub struct Studio<'a> {
    pub library: &'a Library,
    pub clinic: Option<&'a Clinic>,
    pub photos: &'a Photos,
}

/// A handout, rendered, with the doses it prints far from their stretch's
/// usual range (see [`far_from_usual`]).
pub struct Made {
    pub pdf: Vec<u8>,
    pub pages: usize,
    pub sheet: SheetOptions,
    pub far_from_usual: Vec<Fault>,
}

impl Studio<'_> {
    /// Lays out and renders the handout of `p`, with the "what changed"
    /// line (label, changes) of a progressed one.
    pub fn make(&self, p: &Prescription, changes: Option<(&str, &str)>) -> Result<Made> {
        if let Some(next) = p.follow_up.filter(|next| *next < p.date) {
            let fault = Fault::FollowUpBefore { follow_up: next.to_string(), date: p.date.to_string() };
            return Err(Error::field(Field::FollowUp, fault));
        }
        let shown = stretches(self.library, p)?;
        let exercises = exercises(&shown, p)?;
        let far = far_from_usual(&exercises);
        let sheet = sheet_options(&p.sheet);
        let handout = sheets::Handout {
            clinic: self.clinic,
            patient: p.patient.as_deref(),
            clinician: p.clinician.as_deref(),
            date: p.date,
            notes: p.notes.as_deref(),
            exercises,
            per_day: p.per_day,
            per_week: p.per_week,
            follow_up: p.follow_up,
            changes,
        };
        let doc = sheets::handout(&handout, self.library.safety(), self.photos, &sheet);
        Ok(Made { pdf: render::render(&doc)?, pages: doc.pages.len(), sheet, far_from_usual: far })
    }
}

/// The stretches a prescription names, each as done in the position it
/// gives (its figure drawn so), else as the stretch is first done.
fn stretches<'a>(library: &'a Library, p: &Prescription) -> Result<Vec<Cow<'a, Stretch>>> {
    p.stretches
        .iter()
        .map(|entry| {
            let stretch = library.require(&entry.id)?;
            match entry.position {
                Some(position) => {
                    stretch.done_in(position).map_err(|fault| Error::field(Field::Stretch, fault))
                }
                None => Ok(Cow::Borrowed(stretch)),
            }
        })
        .collect()
}

/// The exercises of a prescription's `stretches` (from [`stretches`]), at
/// its doses.
fn exercises<'a>(stretches: &'a [Cow<'_, Stretch>], p: &Prescription) -> Result<Vec<Exercise<'a>>> {
    stretches
        .iter()
        .zip(&p.stretches)
        .map(|(stretch, entry)| {
            let stretch: &Stretch = stretch;
            let dose = plan::prescribe(stretch, &progress::choice(entry), p.older)?;
            Ok(Exercise { stretch, dose, seconds: timing::stretch_s(stretch, &dose) })
        })
        .collect()
}

fn sheet_options(sheet: &Sheet) -> SheetOptions {
    SheetOptions {
        paper: sheet.paper,
        landscape: sheet.landscape,
        large_print: sheet.large_print,
        title: sheet.title.clone(),
    }
}

/// `handout`: from the flags, or from a saved prescription (reprinted or
/// progressed); the PDF, and the prescription too with `--save`.
pub fn run(job: &mut Job, library: &Library, h: &HandoutJob) -> Result<()> {
    let clinic = h.clinic.as_deref().map(input::clinic::load).transpose()?;
    let (prescription, changes) = match &h.from {
        Some(path) => from_file(library, h, path, job.config.today)?,
        None => (from_flags(library, clinic.as_ref(), h)?, None),
    };
    let output =
        h.output.clone().unwrap_or_else(|| Output::File(handout_name(prescription.patient.as_deref())));
    output.check_writable()?;
    let saved = h.save.as_deref().map(Output::from_arg);
    if let Some(saved) = &saved {
        saved.check_writable()?;
    }
    let photos = input::photos::load(library, prescription.stretches.iter().map(|s| s.id.as_str()))?;
    let studio = Studio { library, clinic: clinic.as_ref(), photos: &photos };
    let label = changes.as_ref().map(|(since, _)| progress::changed_since(*since));
    let words = changes.as_ref().map(|(_, changes)| progress::changes_words(changes));
    let made = studio.make(&prescription, label.as_deref().zip(words.as_deref()))?;
    if !job.config.quiet {
        for warning in &made.far_from_usual {
            let _ = writeln!(job.stderr, "{warning}");
        }
    }
    let wrote = output.write(&made.pdf)?;
    job.report(&output, wrote, Some((made.pages, &made.sheet)));
    if let Some(saved) = &saved {
        let wrote = saved.write(prescription.to_toml().as_bytes())?;
        job.report(saved, wrote, None);
    }
    if let (Some(label), Some(words), false) = (label, words, job.config.quiet) {
        let _ = writeln!(job.stderr, "{}: {words}", crate::words::lower_first(&label));
    }
    Ok(())
}

/// Doses far from what the stretch's content advises: a hold or a count
/// of repetitions more than twice its range's top, or under half its
/// bottom (a typing slip, most likely), one warning each.
fn far_from_usual(exercises: &[Exercise]) -> Vec<Fault> {
    let mut found = Vec::new();
    for e in exercises {
        let own = &e.stretch.dose;
        let checks =
            [("hold", e.dose.hold_s, own.hold_s), ("repetitions", Some(e.dose.reps), Some(own.reps))];
        for (what, value, usual) in checks {
            let (Some(value), Some(usual)) = (value, usual) else { continue };
            if value > 2 * usual.max || 2 * value < usual.min {
                let usual = (usual.min, usual.max);
                found.push(Fault::FarFromUsual { id: e.stretch.id.clone(), what, value, usual });
            }
        }
    }
    found
}

/// The prescription the flags describe: the named stretches at their
/// prescribed doses, or the planner's pick, every dose written out.
fn from_flags(library: &Library, clinic: Option<&Clinic>, h: &HandoutJob) -> Result<Prescription> {
    let patient = line(Field::Patient, h.patient.as_deref())?;
    let clinician = line(Field::Clinician, h.clinician.as_deref())?;
    let title = line(Field::Title, h.sheet.title.as_deref())?;
    let notes = notes(&h.notes)?;
    // A clinician naming stretches names their equipment too.
    let kept = Limits {
        equipment: h.stretches.is_empty().then(|| h.request.equipment.clone()),
        ..limits(&h.request)
    };
    let stretches = if h.stretches.is_empty() {
        planned(library, &h.request)?
    } else {
        h.stretches
            .iter()
            .map(|choice| {
                let stretch = library.require(&choice.id)?;
                let why = progress::ruled_out(&kept, stretch);
                if !why.is_empty() && !h.allow_excluded {
                    let why = why.iter().map(ToString::to_string).collect();
                    return Err(Error::field(
                        Field::Stretch,
                        Fault::RuledOut { id: stretch.id.clone(), why },
                    ));
                }
                let dose = plan::prescribe(stretch, choice, h.request.older)?;
                Ok(Prescribed { position: choice.position, ..progress::concrete(&stretch.id, &dose) })
            })
            .collect::<Result<_>>()?
    };
    let paper = match (h.paper_given, clinic.and_then(|c| c.paper)) {
        (false, Some(paper)) => paper,
        _ => h.sheet.paper,
    };
    Ok(Prescription {
        patient,
        clinician,
        date: h.date,
        follow_up: h.follow_up,
        per_day: h.per_day,
        per_week: h.per_week,
        notes,
        older: h.request.older,
        limits: kept,
        sheet: Sheet { paper, landscape: h.sheet.landscape, large_print: h.sheet.large_print, title },
        stretches,
    })
}

/// The limits of `request`, as a prescription keeps them.
pub fn limits(request: &plan::Request) -> Limits {
    Limits {
        avoid: request.avoid.clone(),
        equipment: Some(request.equipment.clone()),
        no_floor: request.no_floor,
        seated_only: request.seated_only,
    }
}

/// The planner's pick for `request`, every dose written out.
pub fn planned(library: &Library, request: &plan::Request) -> Result<Vec<Prescribed>> {
    let routine = plan::select(library, request)?;
    routine
        .items
        .iter()
        .map(|item| {
            // The position the planner chose, where it is not the first.
            let first = library.require(&item.id)?.position();
            let position = (item.position != first).then_some(item.position);
            Ok(Prescribed { position, ..progress::concrete(&item.id, &item.prescription) })
        })
        .collect()
}

/// A saved prescription, with the sheet, date and follow-up flags given
/// laid over it; progressed when asked, with the old date and the changes.
type FromFile = (Prescription, Option<(chrono::NaiveDate, Vec<progress::Change>)>);

fn from_file(
    library: &Library,
    h: &HandoutJob,
    path: &std::path::Path,
    today: chrono::NaiveDate,
) -> Result<FromFile> {
    let saved = input::prescription::load(path, library)?;
    let (mut p, changes) = if h.progress {
        let date = if h.date_given { h.date } else { today };
        let (next, changes) = progress::progress(&saved, library, date, h.follow_up)?;
        (next, Some((saved.date, changes)))
    } else {
        let mut p = saved;
        if h.date_given {
            p.date = h.date;
        }
        p.follow_up = h.follow_up.or(p.follow_up);
        (p, None)
    };
    let title = line(Field::Title, h.sheet.title.as_deref())?;
    if h.paper_given {
        p.sheet.paper = h.sheet.paper;
    }
    p.sheet.landscape |= h.sheet.landscape;
    p.sheet.large_print |= h.sheet.large_print;
    if let Some(title) = title {
        p.sheet.title = Some(title);
    }
    Ok((p, changes))
}
