//! The command line: clap types and their conversion into [`Config`]. No
//! other module sees clap. Every subcommand's help ends with an example.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use chrono::{NaiveDate, Weekday};
use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

use crate::config::{
    CardJob, Command, Config, HandoutJob, ListFilter, ListFormat, Notes, PlanFormat, PlanJob,
};
use crate::content::{Condition, Equipment, Position};
use crate::layout::{Paper, SheetOptions};
use crate::output::Output;
use crate::plan::{Calendar, Choice, Request};

const ABOUT: &str =
    "Print-ready stretching routines for upper back pain: desk cards, weekly plans and clinic handouts.";

const EXAMPLES: &str = "\
Examples:
  stretchsheet card                                   # one-page desk card -> desk-card.pdf
  stretchsheet plan --goal posture --minutes 10 --days mon,wed,fri --weeks 4
  stretchsheet plan --goal posture --format pdf -o posture-plan.pdf
  stretchsheet handout --clinic clinic.toml --patient \"Ann Lee\" --stretch doorway-chest-stretch:hold=30,reps=3
  stretchsheet list --goal desk-break";

/// The command line.
#[derive(Debug, Parser)]
#[command(name = "stretchsheet", version, about = ABOUT, after_help = EXAMPLES, propagate_version = true)]
pub struct Cli {
    /// Add the stretches in this content folder to the built-in library
    /// (same-id stretches replace built-in ones)
    #[arg(long, global = true, value_name = "DIR")]
    library: Option<PathBuf>,

    /// Use this date as today (YYYY-MM-DD); for reproducible output
    #[arg(long, global = true, value_name = "DATE", value_parser = date, hide = true)]
    today: Option<NaiveDate>,

    #[command(subcommand)]
    command: Sub,
}

#[derive(Debug, Subcommand)]
enum Sub {
    /// List the stretches in the library
    #[command(after_help = "Example:\n  stretchsheet list --goal desk-break --position seated")]
    List(ListArgs),

    /// Show everything about one stretch
    #[command(
        after_help = "Example:\n  stretchsheet show cat-cow\n  stretchsheet show cat-cow --svg cat-cow.svg"
    )]
    Show(ShowArgs),

    /// Validate a content folder (exit 0 when clean, 2 otherwise)
    #[command(after_help = "Example:\n  stretchsheet check my-clinic-stretches/")]
    Check(CheckArgs),

    /// Plan sessions by goal and minutes over dated days, as text, JSON, iCalendar or PDF
    #[command(
        after_help = "Example:\n  stretchsheet plan --goal posture --minutes 10 --days mon,wed,fri --weeks 4 --format pdf"
    )]
    Plan(PlanArgs),

    /// Make a one-page desk card of 5–8 desk-friendly stretches
    #[command(after_help = "Example:\n  stretchsheet card --paper letter -o desk-card.pdf")]
    Card(CardArgs),

    /// Make a clinic handout for a named patient
    #[command(
        after_help = "Example:\n  stretchsheet handout --clinic clinic.toml --patient \"Ann Lee\" --clinician \"Sam Patel\" \\\n    --stretch doorway-chest-stretch:hold=30,reps=3 --stretch cat-cow --per-day 1 --per-week 5"
    )]
    Handout(Box<HandoutArgs>),

    /// Make a catalog PDF of every stretch and its figure
    #[command(after_help = "Example:\n  stretchsheet gallery -o gallery.pdf")]
    Gallery(GalleryArgs),

    /// Print a shell completion script
    #[command(after_help = "Example:\n  stretchsheet completions bash > /etc/bash_completion.d/stretchsheet")]
    Completions {
        /// The shell to complete for
        shell: clap_complete::Shell,
    },

    /// Write the man page (roff)
    #[command(after_help = "Example:\n  stretchsheet man -o stretchsheet.1 && man ./stretchsheet.1")]
    Man {
        /// Write to this file instead of standard output
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

#[derive(Debug, Args)]
struct ListArgs {
    /// Only stretches serving this goal (repeatable)
    #[arg(long, value_name = "GOAL")]
    goal: Vec<String>,
    /// Only stretches done in this position
    #[arg(long, value_parser = word::<Position>)]
    position: Option<Position>,
    /// Only stretches that need this (or nothing)
    #[arg(long, value_parser = word::<Equipment>)]
    equipment: Option<Equipment>,
    /// Output format
    #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
    format: TextOrJson,
}

#[derive(Debug, Args)]
struct ShowArgs {
    /// The stretch id (see `stretchsheet list`)
    id: String,
    /// Output format
    #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
    format: TextOrJson,
    /// Also write the stretch's figure as an SVG file (`-` for stdout)
    #[arg(long, value_name = "FILE")]
    svg: Option<PathBuf>,
}

#[derive(Debug, Args)]
struct CheckArgs {
    /// The content folder (stretch files in stretches/, optional goals.toml and safety.toml)
    #[arg(default_value = "content")]
    folder: PathBuf,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum TextOrJson {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum PlanFormatArg {
    Text,
    Json,
    Ics,
    Pdf,
}

/// What to select stretches for.
#[derive(Debug, Args)]
struct SelectArgs {
    /// A goal to work on (repeatable; default: every goal)
    #[arg(long, value_name = "GOAL")]
    goal: Vec<String>,
    /// Minutes per session, 1–60
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=60))]
    minutes: Option<u32>,
    /// What you have: none, chair, wall, doorway, towel, foam-roller, mat
    #[arg(long, value_name = "LIST", value_delimiter = ',', value_parser = equipment, default_value = "none,chair,wall")]
    equipment: Vec<Option<Equipment>>,
    /// No kneeling, hands-and-knees or lying stretches
    #[arg(long)]
    no_floor: bool,
    /// Only seated stretches
    #[arg(long)]
    seated_only: bool,
    /// Leave out stretches to avoid with these conditions: wrist-pain, knee-pain, no-floor,
    /// shoulder-injury, neck-pain, balance-problems, osteoporosis, pregnancy
    #[arg(long, value_name = "LIST", value_delimiter = ',', value_parser = word::<Condition>)]
    avoid: Vec<Condition>,
    /// Older adult: static holds of 30–60 s
    #[arg(long)]
    older: bool,
    /// Vary the choice and order; equal seeds give equal plans
    #[arg(long, value_name = "N", default_value_t = 0)]
    seed: u64,
}

/// When sessions happen.
#[derive(Debug, Args)]
struct CalendarArgs {
    /// First day of the plan, YYYY-MM-DD (default: next Monday)
    #[arg(long, value_name = "DATE", value_parser = date)]
    start: Option<NaiveDate>,
    /// Session weekdays, such as mon,wed,fri
    #[arg(long, value_name = "LIST", value_delimiter = ',', value_parser = weekday, conflicts_with = "per_week")]
    days: Vec<Weekday>,
    /// Sessions per week, 1–7, spread over the week (default 3)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=7))]
    per_week: Option<u32>,
    /// Number of weeks, 1–12
    #[arg(long, value_name = "N", default_value_t = 4, value_parser = clap::value_parser!(u32).range(1..=12))]
    weeks: u32,
}

/// Paper and print options shared by every sheet.
#[derive(Debug, Args)]
struct SheetArgs {
    /// Write to this file (`-` for stdout)
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Paper size: a4, letter or a5
    #[arg(long, value_parser = paper)]
    paper: Option<Paper>,
    /// Turn the page sideways
    #[arg(long)]
    landscape: bool,
    /// Body text at 14 pt or more (shows fewer items per page)
    #[arg(long)]
    large_print: bool,
    /// A title in place of the sheet's usual one
    #[arg(long, value_name = "TEXT")]
    title: Option<String>,
}

#[derive(Debug, Args)]
struct PlanArgs {
    #[command(flatten)]
    select: SelectArgs,
    #[command(flatten)]
    calendar: CalendarArgs,
    /// Output format
    #[arg(long, value_enum, default_value_t = PlanFormatArg::Text)]
    format: PlanFormatArg,
    /// Say why each stretch was chosen and why others were left out
    #[arg(long)]
    explain: bool,
    #[command(flatten)]
    sheet: SheetArgs,
}

#[derive(Debug, Args)]
struct CardArgs {
    /// Put this stretch on the card (repeatable; default: the planner picks a desk break)
    #[arg(long, value_name = "ID")]
    stretch: Vec<String>,
    #[command(flatten)]
    select: SelectArgs,
    #[command(flatten)]
    sheet: SheetArgs,
}

#[derive(Debug, Args)]
struct HandoutArgs {
    /// The clinic's settings: name, contact, logo, colour (see README)
    #[arg(long, value_name = "FILE")]
    clinic: Option<PathBuf>,
    /// The patient's name
    #[arg(long, value_name = "NAME")]
    patient: Option<String>,
    /// The clinician's name
    #[arg(long, value_name = "NAME")]
    clinician: Option<String>,
    /// The handout's date, YYYY-MM-DD (default: today)
    #[arg(long, value_name = "DATE", value_parser = date)]
    date: Option<NaiveDate>,
    /// Notes for the patient
    #[arg(long, value_name = "TEXT", conflicts_with = "notes_file")]
    notes: Option<String>,
    /// Read the notes from this text file
    #[arg(long, value_name = "FILE")]
    notes_file: Option<PathBuf>,
    /// A stretch to prescribe, with an optional dose: ID[:hold=30,reps=3,sides=2] (repeatable)
    #[arg(long, value_name = "ID[:DOSE]", value_parser = choice)]
    stretch: Vec<Choice>,
    /// Times a day to do the routine
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=10))]
    per_day: Option<u32>,
    /// Days a week to do the routine
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=7))]
    per_week: Option<u32>,
    /// Date of the next appointment, YYYY-MM-DD
    #[arg(long, value_name = "DATE", value_parser = date)]
    follow_up: Option<NaiveDate>,
    #[command(flatten)]
    select: SelectArgs,
    #[command(flatten)]
    sheet: SheetArgs,
}

#[derive(Debug, Args)]
struct GalleryArgs {
    #[command(flatten)]
    sheet: SheetArgs,
}

/// What parsing the command line led to.
pub enum Parsed {
    Run(Box<Config>),
    /// Help or version text, printed as clap formats it (exit 0).
    Info(clap::Error),
}

/// Parses `args` (including the program name) into a [`Config`]. A usage
/// error comes back as one line.
pub fn parse<I, T>(args: I, today: NaiveDate) -> Result<Parsed, String>
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    match Cli::try_parse_from(args) {
        Ok(cli) => Ok(Parsed::Run(Box::new(cli.into_config(today)))),
        Err(e) if !e.use_stderr() => Ok(Parsed::Info(e)),
        Err(e) => Err(one_line(&e)),
    }
}

/// Folds clap's multi-line error into one line: the error, the allowed
/// values and any tip, without the usage block.
fn one_line(e: &clap::Error) -> String {
    let rendered = e.render().to_string();
    let mut out = String::new();
    for line in rendered.lines().map(str::trim) {
        if line.starts_with("Usage:") || line.starts_with("For more information") {
            break;
        }
        if line.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push_str(if out.ends_with(':') { " " } else { "; " });
        }
        out.push_str(line.trim_start_matches("error: "));
    }
    out
}

impl Cli {
    fn into_config(self, today: NaiveDate) -> Config {
        let today = self.today.unwrap_or(today);
        let command = match self.command {
            Sub::List(a) => Command::List {
                filter: ListFilter { goals: a.goal, position: a.position, equipment: a.equipment },
                format: a.format.into(),
            },
            Sub::Show(a) => Command::Show {
                id: a.id,
                format: a.format.into(),
                svg: a.svg.as_deref().map(Output::from_arg),
            },
            Sub::Check(a) => Command::Check { folder: a.folder },
            Sub::Plan(a) => Command::Plan(a.into_job(today)),
            Sub::Card(a) => Command::Card(CardJob {
                request: Request { quick: true, ..a.select.into_request(vec!["desk-break".into()], 5) },
                stretches: a.stretch,
                output: a.sheet.output_or("desk-card.pdf"),
                sheet: a.sheet.options(),
            }),
            Sub::Handout(a) => Command::Handout(Box::new(a.into_job(today))),
            Sub::Gallery(a) => {
                Command::Gallery { output: a.sheet.output_or("gallery.pdf"), sheet: a.sheet.options() }
            }
            Sub::Completions { shell } => {
                let mut bytes = Vec::new();
                clap_complete::generate(shell, &mut Cli::command(), "stretchsheet", &mut bytes);
                Command::Emit { bytes, output: Output::Stdout }
            }
            Sub::Man { output } => {
                let mut bytes = Vec::new();
                clap_mangen::Man::new(Cli::command())
                    .render(&mut bytes)
                    .expect("writing to memory cannot fail");
                Command::Emit { bytes, output: output.as_deref().map_or(Output::Stdout, Output::from_arg) }
            }
        };
        Config { today, library: self.library, command }
    }
}

impl From<TextOrJson> for ListFormat {
    fn from(f: TextOrJson) -> Self {
        match f {
            TextOrJson::Text => ListFormat::Text,
            TextOrJson::Json => ListFormat::Json,
        }
    }
}

impl PlanArgs {
    fn into_job(self, today: NaiveDate) -> PlanJob {
        let format = match self.format {
            PlanFormatArg::Text => PlanFormat::Text,
            PlanFormatArg::Json => PlanFormat::Json,
            PlanFormatArg::Ics => PlanFormat::Ics,
            PlanFormatArg::Pdf => PlanFormat::Pdf,
        };
        let output = match (format, &self.sheet.output) {
            (PlanFormat::Pdf, _) => self.sheet.output_or("stretch-plan.pdf"),
            (_, Some(path)) => Output::from_arg(path),
            (_, None) => Output::Stdout,
        };
        PlanJob {
            request: self.select.into_request(Vec::new(), 10),
            calendar: self.calendar.into_calendar(today),
            format,
            explain: self.explain,
            sheet: self.sheet.options(),
            output,
        }
    }
}

impl HandoutArgs {
    fn into_job(self, today: NaiveDate) -> HandoutJob {
        let notes = match (self.notes, self.notes_file) {
            (Some(text), _) => Notes::Text(text),
            (None, Some(path)) => Notes::File(path),
            (None, None) => Notes::None,
        };
        HandoutJob {
            clinic: self.clinic,
            patient: self.patient,
            clinician: self.clinician,
            date: self.date.unwrap_or(today),
            notes,
            request: self.select.into_request(Vec::new(), 10),
            stretches: self.stretch,
            per_day: self.per_day,
            per_week: self.per_week,
            follow_up: self.follow_up,
            paper_given: self.sheet.paper.is_some(),
            output: self.sheet.output.as_deref().map(Output::from_arg),
            sheet: self.sheet.options(),
        }
    }
}

impl SelectArgs {
    fn into_request(self, default_goals: Vec<String>, default_minutes: u32) -> Request {
        Request {
            goals: if self.goal.is_empty() { default_goals } else { self.goal },
            minutes: self.minutes.unwrap_or(default_minutes),
            equipment: self.equipment.into_iter().flatten().collect(),
            no_floor: self.no_floor,
            seated_only: self.seated_only,
            avoid: self.avoid.into_iter().collect(),
            older: self.older,
            quick: false,
            seed: self.seed,
        }
    }
}

impl CalendarArgs {
    fn into_calendar(self, today: NaiveDate) -> Calendar {
        let mut days =
            if self.days.is_empty() { Calendar::spread(self.per_week.unwrap_or(3)) } else { self.days };
        days.sort_by_key(|d| d.num_days_from_monday());
        days.dedup();
        Calendar {
            start: self.start.unwrap_or_else(|| Calendar::next_monday(today)),
            days,
            weeks: self.weeks,
        }
    }
}

impl SheetArgs {
    fn options(&self) -> SheetOptions {
        SheetOptions {
            paper: self.paper.unwrap_or_default(),
            landscape: self.landscape,
            large_print: self.large_print,
            title: self.title.clone(),
        }
    }

    fn output_or(&self, default: &str) -> Output {
        Output::from_arg(self.output.as_deref().unwrap_or(Path::new(default)))
    }
}

fn word<T: std::str::FromStr>(s: &str) -> Result<T, String>
where
    T::Err: std::fmt::Display,
{
    s.parse().map_err(|e: T::Err| e.to_string())
}

fn equipment(s: &str) -> Result<Option<Equipment>, String> {
    if s.trim().eq_ignore_ascii_case("none") {
        Ok(None)
    } else {
        word::<Equipment>(s).map(Some).map_err(|e| e.replace("; use ", "; use none, "))
    }
}

fn date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| format!("{s:?} is not a date; write YYYY-MM-DD, for example 2026-03-02"))
}

fn weekday(s: &str) -> Result<Weekday, String> {
    s.trim()
        .parse::<Weekday>()
        .map_err(|_| format!("unknown day {s:?}; use mon, tue, wed, thu, fri, sat or sun"))
}

fn paper(s: &str) -> Result<Paper, String> {
    s.parse()
}

fn choice(s: &str) -> Result<Choice, String> {
    s.parse()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        "2026-11-21".parse().unwrap()
    }

    fn config(args: &[&str]) -> Config {
        let all = std::iter::once("stretchsheet").chain(args.iter().copied());
        match parse(all, today()) {
            Ok(Parsed::Run(config)) => *config,
            Ok(Parsed::Info(e)) => panic!("help instead of a config: {e}"),
            Err(e) => panic!("usage error: {e}"),
        }
    }

    fn error(args: &[&str]) -> String {
        let all = std::iter::once("stretchsheet").chain(args.iter().copied());
        match parse(all, today()) {
            Err(e) => e,
            _ => panic!("expected an error for {args:?}"),
        }
    }

    #[test]
    fn definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn plan_defaults() {
        let Command::Plan(job) = config(&["plan"]).command else { panic!() };
        assert_eq!(job.request.minutes, 10);
        assert_eq!(job.request.equipment, Request::default_equipment());
        assert_eq!(job.calendar.start, "2026-11-23".parse().unwrap());
        assert_eq!(job.calendar.days, [Weekday::Mon, Weekday::Wed, Weekday::Fri]);
        assert_eq!(job.output, Output::Stdout);
    }

    #[test]
    fn plan_options_convert() {
        let c = config(&[
            "plan",
            "--goal",
            "posture",
            "--minutes",
            "12",
            "--days",
            "fri,mon",
            "--weeks",
            "2",
            "--avoid",
            "wrist-pain,knee-pain",
            "--equipment",
            "none,towel",
            "--format",
            "pdf",
        ]);
        let Command::Plan(job) = c.command else { panic!() };
        assert_eq!(job.request.goals, ["posture"]);
        assert_eq!(job.calendar.days, [Weekday::Mon, Weekday::Fri]);
        assert_eq!(job.request.equipment.iter().collect::<Vec<_>>(), [&Equipment::Towel]);
        assert_eq!(job.request.avoid.len(), 2);
        assert_eq!(job.output, Output::File("stretch-plan.pdf".into()));
    }

    #[test]
    fn card_defaults_to_a_five_minute_desk_break() {
        let Command::Card(job) = config(&["card"]).command else { panic!() };
        assert_eq!((job.request.goals.as_slice(), job.request.minutes), (&["desk-break".to_string()][..], 5));
    }

    #[test]
    fn bad_values_are_one_line_naming_option_and_allowed_values() {
        let e = error(&["plan", "--minutes", "90"]);
        assert!(!e.contains('\n') && e.contains("--minutes") && e.contains("1..=60"), "{e}");
        let e = error(&["plan", "--days", "mon,funday"]);
        assert!(e.contains("unknown day \"funday\"; use mon, tue"), "{e}");
        let e = error(&["plan", "--equipment", "bench"]);
        assert!(e.contains("use none, chair, wall"), "{e}");
        let e = error(&["plan", "--start", "2026-02-30"]);
        assert!(e.contains("is not a date"), "{e}");
        let e = error(&["plan", "--weeks", "0"]);
        assert!(e.contains("--weeks") && e.contains("1..=12"), "{e}");
        let e = error(&["show"]);
        assert_eq!(e, "the following required arguments were not provided: <ID>");
        let e = error(&["card", "--paper", "b4"]);
        assert!(e.contains("use a4, letter or a5"), "{e}");
        let e = error(&["plan", "--avoid", "back-pain"]);
        assert!(e.contains("unknown condition \"back-pain\"; use wrist-pain"), "{e}");
    }

    #[test]
    fn every_subcommand_help_ends_with_an_example() {
        let mut cli = Cli::command();
        for sub in cli.get_subcommands_mut() {
            let help = sub.render_long_help().to_string();
            assert!(help.trim_end().lines().rev().take(3).any(|l| l.contains("stretchsheet ")), "{help}");
            assert!(help.contains("Example:"), "{}", sub.get_name());
        }
    }
}
