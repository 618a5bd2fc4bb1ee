//! The clap types of the command line: subcommands and their options, with
//! the help every option shows. Values are read by the parsers in
//! [`super::values`]; defaults are stated in the help.

use std::path::PathBuf;

use chrono::{NaiveDate, Weekday};
use clap::{Args, Parser, Subcommand, ValueEnum};

use super::values;
use crate::content::{Condition, Equipment, Position};
use crate::doc::Paper;
use crate::plan::Choice;

const ABOUT: &str =
    "Print-ready stretching routines for upper back pain: desk cards, weekly plans and clinic handouts.";

const EXAMPLES: &str = "\
Examples:
  stretchsheet card                       # one-page desk card -> desk-card.pdf
  stretchsheet plan --goal posture --minutes 10 --days mon,wed,fri
  stretchsheet plan --goal posture --format pdf -o plan.pdf
  stretchsheet handout --patient \"Ann Lee\" --stretch cat-cow
  stretchsheet list --goal desk-break";

/// The command line.
#[derive(Debug, Parser)]
#[command(
    name = "stretchsheet",
    version,
    about = ABOUT,
    after_help = EXAMPLES,
    propagate_version = true,
    subcommand_required = true,
    arg_required_else_help = true,
    max_term_width = 100
)]
pub struct Cli {
    /// Say nothing on success (errors still print)
    #[arg(short, long, global = true)]
    pub quiet: bool,

    /// Use this date as today (YYYY-MM-DD); for reproducible output
    #[arg(long, global = true, value_name = "DATE", value_parser = values::date, hide = true)]
    pub today: Option<NaiveDate>,

    #[command(subcommand)]
    pub command: Sub,
}

#[derive(Debug, Subcommand)]
pub enum Sub {
    /// Make a one-page desk card of desk-friendly stretches (about six on A4 or Letter)
    #[command(after_help = "Example:\n  stretchsheet card --paper letter -o desk-card.pdf")]
    Card(CardArgs),

    /// Plan sessions by goal and minutes over dated days, as text, JSON, iCalendar or PDF
    #[command(
        after_help = "Example:\n  stretchsheet plan --goal posture --minutes 10 --days mon,wed,fri --format pdf"
    )]
    Plan(PlanArgs),

    /// Make a clinic handout for a named patient
    #[command(
        after_help = "Example:\n  stretchsheet handout --clinic clinic.toml --patient \"Ann Lee\" \\\n    --stretch cat-cow:reps=8 --stretch thread-the-needle --save ann-lee.toml\n  \
                      stretchsheet handout --clinic clinic.toml --from ann-lee.toml --progress \\\n    --save ann-lee-2.toml"
    )]
    Handout(Box<HandoutArgs>),

    /// Make a handout for every patient of a roster (CSV), all at once
    #[command(
        after_help = "Example:\n  stretchsheet batch patients.csv --clinic clinic.toml -o handouts \\\n    --save prescriptions"
    )]
    Batch(BatchArgs),

    /// Make a starter clinic folder: clinic.toml, a logo, example stretches and a roster
    #[command(
        after_help = "Example:\n  stretchsheet init my-clinic && cd my-clinic && \\\n    stretchsheet batch roster.csv --clinic clinic.toml --library ."
    )]
    Init(InitArgs),

    /// Make a catalog PDF of every stretch and its figure
    #[command(after_help = "Example:\n  stretchsheet gallery -o gallery.pdf")]
    Gallery(GalleryArgs),

    /// List the stretches in the library
    #[command(after_help = "Example:\n  stretchsheet list --goal desk-break --position seated")]
    List(ListArgs),

    /// Show everything about one stretch
    #[command(
        after_help = "Example:\n  stretchsheet show cat-cow\n  stretchsheet show cat-cow --svg cat-cow.svg\n  \
                      stretchsheet show shoulder-rolls --svg rolls.svg --position seated"
    )]
    Show(ShowArgs),

    /// Validate a content folder (exit 0 when clean, 2 otherwise)
    #[command(after_help = "Example:\n  stretchsheet check my-clinic-stretches/")]
    Check(CheckArgs),

    /// Print a shell completion script
    #[command(after_help = "Example:\n  dir=~/.local/share/bash-completion/completions\n  \
                            mkdir -p $dir && stretchsheet completions bash > $dir/stretchsheet")]
    Completions {
        /// The shell to complete for
        #[arg(ignore_case = true)]
        shell: clap_complete::Shell,
    },

    /// Write the manual page (roff), every command's options on one page
    #[command(after_help = "Example:\n  stretchsheet man -o stretchsheet.1 && man ./stretchsheet.1")]
    Man {
        /// Write to this file instead of standard output
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

/// A content folder to add to the built-in library.
#[derive(Debug, Args)]
pub struct LibraryArg {
    /// Add the stretches in this content folder to the built-in library
    /// (same-id stretches replace built-in ones)
    #[arg(long, value_name = "DIR")]
    pub library: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only stretches serving this goal (repeatable)
    #[arg(long, value_name = "GOAL")]
    pub goal: Vec<String>,
    /// Only stretches done in this position: standing, seated, kneeling,
    /// hands-and-knees or lying
    #[arg(long, value_parser = values::word::<Position>)]
    pub position: Option<Position>,
    /// Only stretches that need this (or nothing)
    #[arg(long, value_parser = values::word::<Equipment>)]
    pub equipment: Option<Equipment>,
    /// Output format
    #[arg(long, value_enum, ignore_case = true, default_value_t = TextOrJson::Text)]
    pub format: TextOrJson,
    #[command(flatten)]
    pub library: LibraryArg,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The stretch id (see `stretchsheet list`)
    pub id: String,
    /// Output format
    #[arg(long, value_enum, ignore_case = true, default_value_t = TextOrJson::Text)]
    pub format: TextOrJson,
    /// Also write the stretch's figure as an SVG file, at the size it
    /// prints on a desk card (`-` for stdout)
    #[arg(long, value_name = "FILE")]
    pub svg: Option<PathBuf>,
    /// Draw the SVG figure as the stretch is done in this position, one it
    /// lists (seated, say, for a stretch drawn standing)
    #[arg(long, value_parser = values::word::<Position>, requires = "svg")]
    pub position: Option<Position>,
    #[command(flatten)]
    pub library: LibraryArg,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The content folder (stretch files in stretches/, optional goals.toml and safety.toml)
    #[arg(default_value = "content")]
    pub folder: PathBuf,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum TextOrJson {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum PlanFormatArg {
    Text,
    Json,
    Ics,
    Pdf,
}

/// What to select stretches for.
#[derive(Debug, Args)]
pub struct SelectArgs {
    /// A goal to work on (repeatable)
    #[arg(long, value_name = "GOAL")]
    pub goal: Vec<String>,
    /// Minutes per session, 1–60
    #[arg(long, value_name = "N", value_parser = values::minutes, allow_negative_numbers = true)]
    pub minutes: Option<u32>,
    /// What you have: none, chair, wall, doorway, towel, foam-roller, mat
    #[arg(long, value_name = "LIST", value_delimiter = ',', value_parser = values::equipment,
          default_value = "none,chair,wall")]
    pub equipment: Vec<Option<Equipment>>,
    /// No kneeling, hands-and-knees or lying stretches
    #[arg(long)]
    pub no_floor: bool,
    /// Only seated stretches
    #[arg(long)]
    pub seated_only: bool,
    /// Leave out stretches to avoid with these conditions: wrist-pain, knee-pain, no-floor,
    /// shoulder-injury, neck-pain, balance-problems, osteoporosis, pregnancy
    #[arg(long, value_name = "LIST", value_delimiter = ',', value_parser = values::word::<Condition>)]
    pub avoid: Vec<Condition>,
    /// Older adult: large-muscle holds lengthen from 30 to 60 s over the weeks (neck and
    /// arms-overhead holds keep their own range), a stretch that can be done seated is (when
    /// there is a chair), and no floor work unless --floor
    #[arg(long)]
    pub older: bool,
    /// With --older: allow kneeling, hands-and-knees and lying stretches
    #[arg(long)]
    pub floor: bool,
    /// Vary the choice and order; equal seeds give equal plans
    #[arg(long, value_name = "N", default_value_t = 0, value_parser = values::seed, allow_negative_numbers = true)]
    pub seed: u64,
    #[command(flatten)]
    pub library: LibraryArg,
}

/// When sessions happen.
#[derive(Debug, Args)]
pub struct CalendarArgs {
    /// First day of the plan, YYYY-MM-DD [default: next Monday]
    #[arg(long, value_name = "DATE", value_parser = values::date)]
    pub start: Option<NaiveDate>,
    /// Session weekdays, such as mon,wed,fri (or monday,wednesday)
    #[arg(long, value_name = "LIST", value_delimiter = ',', value_parser = values::weekday,
          conflicts_with = "per_week")]
    pub days: Vec<Weekday>,
    /// Sessions per week, 1–7, spread over the week [default: 3; Mon–Fri
    /// for --goal desk-break alone]
    #[arg(long, value_name = "N", value_parser = values::per_week)]
    pub per_week: Option<u32>,
    /// Number of weeks, 1–12
    #[arg(long, value_name = "N", default_value_t = 4, value_parser = values::weeks, allow_negative_numbers = true)]
    pub weeks: u32,
}

/// Paper and print options shared by every sheet.
#[derive(Debug, Args)]
pub struct SheetArgs {
    /// Write to this file (`-` for stdout)
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Paper size: a4, letter or a5 [default: a4]
    #[arg(long, value_parser = values::paper)]
    pub paper: Option<Paper>,
    /// Turn the page sideways
    #[arg(long)]
    pub landscape: bool,
    /// Body text at 14 pt or more (shows fewer items per page)
    #[arg(long)]
    pub large_print: bool,
    /// A title in place of the sheet's usual one
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
}

#[derive(Debug, Args)]
pub struct PlanArgs {
    #[command(flatten)]
    pub select: SelectArgs,
    #[command(flatten)]
    pub calendar: CalendarArgs,
    /// Output format: text, json and ics go to standard output unless -o is
    /// given; pdf goes to stretch-plan.pdf
    #[arg(long, value_enum, ignore_case = true, default_value_t = PlanFormatArg::Text)]
    pub format: PlanFormatArg,
    /// Say why each stretch was chosen and why others were left out
    #[arg(long)]
    pub explain: bool,
    #[command(flatten)]
    pub sheet: SheetArgs,
}

#[derive(Debug, Args)]
pub struct CardArgs {
    /// Put this stretch on the card (repeatable) [default: the planner picks a
    /// 5-minute desk break]
    #[arg(long, value_name = "ID")]
    pub stretch: Vec<String>,
    #[command(flatten)]
    pub select: SelectArgs,
    #[command(flatten)]
    pub sheet: SheetArgs,
}

#[derive(Debug, Args)]
pub struct HandoutArgs {
    /// The clinic's settings: name, contact, logo, colour (see README)
    #[arg(long, value_name = "FILE")]
    pub clinic: Option<PathBuf>,
    /// The patient's name
    #[arg(long, value_name = "NAME")]
    pub patient: Option<String>,
    /// The clinician's name
    #[arg(long, value_name = "NAME")]
    pub clinician: Option<String>,
    /// The handout's date, YYYY-MM-DD [default: today]
    #[arg(long, value_name = "DATE", value_parser = values::date)]
    pub date: Option<NaiveDate>,
    /// Notes for the patient
    #[arg(long, value_name = "TEXT", conflicts_with = "notes_file")]
    pub notes: Option<String>,
    /// Read the notes from this text file
    #[arg(long, value_name = "FILE")]
    pub notes_file: Option<PathBuf>,
    /// A stretch to prescribe, with an optional dose and position: ID[:hold=30,reps=3,sides=2,position=seated] (repeatable)
    /// [default: the planner picks]
    #[arg(long, value_name = "ID[:DOSE]", value_parser = values::choice)]
    pub stretch: Vec<Choice>,
    /// Prescribe a --stretch even though --avoid, --no-floor or
    /// --seated-only rule it out (the handout still prints its cautions)
    #[arg(long, requires = "stretch")]
    pub allow_excluded: bool,
    /// Times a day to do the routine, 1–10
    #[arg(long, value_name = "N", value_parser = values::per_day)]
    pub per_day: Option<u32>,
    /// Days a week to do the routine, 1–7
    #[arg(long, value_name = "N", value_parser = values::per_week)]
    pub per_week: Option<u32>,
    /// Date of the next appointment, YYYY-MM-DD
    #[arg(long, value_name = "DATE", value_parser = values::date)]
    pub follow_up: Option<NaiveDate>,
    /// Save what was prescribed (patient, dates, each stretch and dose) to
    /// this prescription file, to reprint or progress later
    #[arg(long, value_name = "FILE")]
    pub save: Option<PathBuf>,
    /// Make the handout from a saved prescription file (reprinted exactly,
    /// unless --progress)
    #[arg(long, value_name = "FILE",
          conflicts_with_all = ["patient", "clinician", "notes", "notes_file", "stretch", "per_day", "per_week"])]
    pub from: Option<PathBuf>,
    /// With --from: the follow-up version, each dose one step up (holds
    /// longer, more repetitions) and the dates moved on to --date [default:
    /// today]
    #[arg(long, requires = "from")]
    pub progress: bool,
    #[command(flatten)]
    pub select: SelectArgs,
    #[command(flatten)]
    pub sheet: SheetArgs,
}

#[derive(Debug, Args)]
pub struct BatchArgs {
    /// The roster: a CSV file with a header line and one patient a row
    /// (columns: patient, clinician, date, follow_up, notes, per_day,
    /// per_week, paper, and stretches, prescription or goal, minutes,
    /// avoid, equipment, older)
    pub roster: PathBuf,
    /// The clinic's settings: name, contact, logo, colour (see README)
    #[arg(long, value_name = "FILE")]
    pub clinic: Option<PathBuf>,
    /// Write the handouts into this folder, made if missing [default: handouts]
    #[arg(short, long, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Also save each patient's prescription into this folder
    #[arg(long, value_name = "DIR")]
    pub save: Option<PathBuf>,
    #[command(flatten)]
    pub library: LibraryArg,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to make (it must be new or empty)
    pub folder: PathBuf,
}

#[derive(Debug, Args)]
pub struct GalleryArgs {
    #[command(flatten)]
    pub sheet: SheetArgs,
    #[command(flatten)]
    pub library: LibraryArg,
}
