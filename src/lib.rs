//! stretchsheet turns a library of upper-back stretches into print-ready
//! PDF sheets: a desk card, a weekly plan and a clinic handout.
//!
//! Data flows one way: `content` (TOML → [`content::Library`]) → `plan`
//! (selection and schedule) → `layout` (pages of positioned items) →
//! `render` (PDF bytes) → `output` (atomic file write). [`run`] wires the
//! stages for one [`Config`].

pub mod assets;
pub mod catalog;
pub mod cli;
pub mod clinic;
pub mod config;
pub mod content;
pub mod error;
pub mod figure;
pub mod fonts;
pub mod layout;
pub mod output;
pub mod picture;
pub mod plan;
pub mod render;

pub use config::Config;
pub use error::{Error, Result};

use config::Command;
use output::Output;

/// Carries out one run. Messages for the user (not the result itself) go to
/// `stderr`.
pub fn run(config: Config, stderr: &mut dyn std::io::Write) -> Result<()> {
    match config.command {
        Command::Check { folder } => {
            let library = content::load(Some(&folder))?;
            let _ = writeln!(
                stderr,
                "{}: ok ({} stretches, {} goals)",
                folder.display(),
                library.stretches().len(),
                library.goals().len()
            );
            Ok(())
        }
        Command::Emit { bytes, output } => output.write(&bytes),
        command => {
            let library = content::load(config.library.as_deref())?;
            match command {
                Command::Plan(job) => {
                    job.output.check_writable()?;
                    let plan = plan::build(&library, &job.request, &job.calendar)?;
                    let text = match job.format {
                        config::PlanFormat::Text => plan.to_text(job.explain),
                        config::PlanFormat::Json => plan.to_json(job.explain),
                        config::PlanFormat::Ics => plan.to_ics(),
                        config::PlanFormat::Pdf => {
                            check_text("--title", job.sheet.title.as_deref())?;
                            let doc = layout::sheets::plan(&plan, &library, &job.sheet);
                            return job.output.write(&render::render(&doc)?);
                        }
                    };
                    job.output.write(text.as_bytes())
                }
                Command::List { filter, format } => {
                    let found = catalog::filter(&library, &filter)?;
                    Output::Stdout.write(catalog::list(&found, format).as_bytes())
                }
                Command::Show { id, format, svg } => {
                    let stretch = library.require(&id)?;
                    if let Some(svg) = &svg {
                        svg.write(figure::preview_svg(stretch)?.as_bytes())?;
                    }
                    if svg == Some(Output::Stdout) {
                        return Ok(());
                    }
                    Output::Stdout.write(catalog::show(stretch, &library, format).as_bytes())
                }
                Command::Gallery { sheet, output } => {
                    check_text("--title", sheet.title.as_deref())?;
                    output.check_writable()?;
                    let doc = layout::sheets::gallery(&library, &sheet);
                    output.write(&render::render(&doc)?)
                }
                Command::Card(job) => make_card(&library, job, stderr),
                Command::Handout(job) => make_handout(&library, *job),
                _ => Err(Error::Internal("this command is not built yet".into())),
            }
        }
    }
}

fn make_card(
    library: &content::Library,
    job: config::CardJob,
    stderr: &mut dyn std::io::Write,
) -> Result<()> {
    check_text("--title", job.sheet.title.as_deref())?;
    job.output.check_writable()?;
    let entries: Vec<layout::sheets::CardEntry> = if job.stretches.is_empty() {
        let routine = plan::select(library, &job.request)?;
        routine
            .items
            .iter()
            .map(|item| {
                Ok(layout::sheets::CardEntry {
                    stretch: library.require(&item.id)?,
                    dose: item.prescription,
                    seconds: item.seconds,
                })
            })
            .collect::<Result<_>>()?
    } else {
        job.stretches
            .iter()
            .map(|id| {
                let stretch = library.require(id)?;
                let dose = plan::Prescription::standard(&stretch.dose, job.request.older);
                Ok(layout::sheets::CardEntry {
                    stretch,
                    dose,
                    seconds: plan::timing::stretch_s(stretch, &dose),
                })
            })
            .collect::<Result<_>>()?
    };
    let card = layout::sheets::card(&entries, library.safety(), &job.sheet);
    if card.shown < entries.len() {
        let _ = writeln!(
            stderr,
            "stretchsheet: the card has room for {} of the {} stretches; use a larger paper or leave out --large-print to fit more",
            card.shown,
            entries.len()
        );
    }
    job.output.write(&render::render(&card.document)?)
}

/// Fails when user text has a character the sheet font lacks.
fn check_text(field: &str, text: Option<&str>) -> Result<()> {
    match text {
        Some(text) => fonts::Fonts::get().check(field, text),
        None => Ok(()),
    }
}

fn make_handout(library: &content::Library, job: config::HandoutJob) -> Result<()> {
    let clinic = job.clinic.as_deref().map(clinic::Clinic::load).transpose()?;
    let mut sheet = job.sheet.clone();
    if let (false, Some(paper)) = (job.paper_given, clinic.as_ref().and_then(|c| c.paper)) {
        sheet.paper = paper;
    }
    check_text("--patient", job.patient.as_deref())?;
    check_text("--clinician", job.clinician.as_deref())?;
    check_text("--title", sheet.title.as_deref())?;
    let notes = match &job.notes {
        config::Notes::None => None,
        config::Notes::Text(text) => {
            check_text("--notes", Some(text))?;
            Some(text.clone())
        }
        config::Notes::File(path) => {
            let text = std::fs::read_to_string(path).map_err(|source| Error::File {
                path: path.clone(),
                action: "cannot read the notes file",
                source,
            })?;
            check_text(&format!("--notes-file {}", path.display()), Some(&text))?;
            Some(text)
        }
    };
    let output = job.output.clone().unwrap_or_else(|| {
        Output::File(std::path::PathBuf::from(default_handout_name(
            job.patient.as_deref(),
        )))
    });
    output.check_writable()?;
    let exercises = if job.stretches.is_empty() {
        let routine = plan::select(library, &job.request)?;
        routine
            .items
            .iter()
            .map(|item| {
                Ok(layout::sheets::Exercise {
                    stretch: library.require(&item.id)?,
                    dose: item.prescription,
                    seconds: item.seconds,
                })
            })
            .collect::<Result<Vec<_>>>()?
    } else {
        job.stretches
            .iter()
            .map(|choice| {
                let stretch = library.require(&choice.id)?;
                let dose = plan::prescribe(stretch, choice, job.request.older)?;
                Ok(layout::sheets::Exercise {
                    stretch,
                    dose,
                    seconds: plan::timing::stretch_s(stretch, &dose),
                })
            })
            .collect::<Result<Vec<_>>>()?
    };
    let handout = layout::sheets::Handout {
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
    let doc = layout::sheets::handout(&handout, library.safety(), &sheet);
    output.write(&render::render(&doc)?)
}

/// "handout-ann-lee.pdf" for patient "Ann Lee"; "handout.pdf" without one.
fn default_handout_name(patient: Option<&str>) -> String {
    let slug: String = patient
        .unwrap_or_default()
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect::<String>()
        .split('-')
        .filter(|s| !s.is_empty())
        .take(6)
        .collect::<Vec<_>>()
        .join("-");
    if slug.is_empty() {
        "handout.pdf".into()
    } else {
        format!("handout-{slug}.pdf")
    }
}
