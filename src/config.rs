//! Checked settings for one run: what to do and with which inputs, in the
//! program's own types. The CLI builds a [`Config`]; `run` carries it out.

use std::path::PathBuf;

use chrono::NaiveDate;

use crate::content::{Equipment, Position};
use crate::layout::SheetOptions;
use crate::output::Output;
use crate::plan::{Calendar, Choice, Request};

/// Everything one run needs.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// Today's date, from the clock or `--today`.
    pub today: NaiveDate,
    /// A content folder to add to the built-in library.
    pub library: Option<PathBuf>,
    /// Say nothing on success.
    pub quiet: bool,
    pub command: Command,
}

/// What to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// List stretches, filtered.
    List { filter: ListFilter, format: ListFormat },
    /// Everything about one stretch; optionally its figure as SVG.
    Show { id: String, format: ListFormat, svg: Option<Output>, position: Option<Position> },
    /// Validate a content folder.
    Check { folder: PathBuf },
    /// Plan sessions over dated days.
    Plan(PlanJob),
    /// A one-page desk card.
    Card(CardJob),
    /// A clinic handout for a patient.
    Handout(Box<HandoutJob>),
    /// A handout for every patient of a roster.
    Batch(BatchJob),
    /// A starter clinic folder.
    Init { folder: PathBuf },
    /// A catalog of every stretch with its figure.
    Gallery { sheet: SheetOptions, output: Output },
    /// Print text the CLI already produced (completions, man page).
    Emit { bytes: Vec<u8>, output: Output },
}

/// Filters for `list`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ListFilter {
    pub goals: Vec<String>,
    pub position: Option<Position>,
    pub equipment: Option<Equipment>,
}

/// Text for people or JSON for programs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ListFormat {
    #[default]
    Text,
    Json,
}

/// How to write a plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanFormat {
    Text,
    Json,
    Ics,
    Pdf,
}

/// `plan`: a request, a calendar and where the result goes.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanJob {
    pub request: Request,
    pub calendar: Calendar,
    pub format: PlanFormat,
    pub explain: bool,
    pub sheet: SheetOptions,
    pub output: Output,
}

/// `card`: which stretches (chosen or named) and the sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct CardJob {
    pub request: Request,
    /// Named stretches; empty means the planner picks.
    pub stretches: Vec<String>,
    pub sheet: SheetOptions,
    pub output: Output,
}

/// `handout`: the clinic, the patient and the prescription.
#[derive(Debug, Clone, PartialEq)]
pub struct HandoutJob {
    /// The clinic's settings file, if any.
    pub clinic: Option<PathBuf>,
    pub patient: Option<String>,
    pub clinician: Option<String>,
    pub date: NaiveDate,
    /// Whether the date was given (else it is today, or a saved
    /// prescription's own date).
    pub date_given: bool,
    pub notes: Notes,
    pub request: Request,
    /// Named stretches with prescribed doses; empty means the planner picks.
    pub stretches: Vec<Choice>,
    /// Prescribe named stretches the request's limits rule out.
    pub allow_excluded: bool,
    pub per_day: Option<u32>,
    pub per_week: Option<u32>,
    pub follow_up: Option<NaiveDate>,
    pub sheet: SheetOptions,
    /// Whether the paper was chosen on the command line (else the clinic's
    /// default paper applies).
    pub paper_given: bool,
    /// `None` means a name made from the patient's name.
    pub output: Option<Output>,
    /// A saved prescription to reprint (or progress) instead of the flags.
    pub from: Option<PathBuf>,
    /// Progress the saved prescription: the follow-up version.
    pub progress: bool,
    /// Save what was prescribed to this file.
    pub save: Option<PathBuf>,
}

/// `batch`: a handout for every row of a roster.
#[derive(Debug, Clone, PartialEq)]
pub struct BatchJob {
    pub roster: PathBuf,
    /// The clinic's settings file, if any.
    pub clinic: Option<PathBuf>,
    /// The folder the handouts go in (made if missing).
    pub output: PathBuf,
    /// The folder each row's prescription is saved in, if any.
    pub save: Option<PathBuf>,
}

/// Clinician notes: none, given inline, or in a file to read.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Notes {
    #[default]
    None,
    Text(String),
    File(PathBuf),
}
