//! Turns the parsed command line into the program's own [`Config`]: the
//! defaults of each command applied (a card is a 5-minute desk break, a
//! plan 10 minutes of every goal, or 3-minute breaks for the desk-break
//! goal alone), lists sorted and de-duplicated.

use std::path::Path;

use chrono::{NaiveDate, Weekday};

use super::args::{
    CalendarArgs, Cli, HandoutArgs, PlanArgs, PlanFormatArg, SelectArgs, SheetArgs, Sub, TextOrJson,
};
use crate::config::{
    BatchJob, CardJob, Command, Config, HandoutJob, ListFilter, ListFormat, Notes, PlanFormat, PlanJob,
};
use crate::layout::SheetOptions;
use crate::output::Output;
use crate::plan::{Calendar, Request};

/// The desk card's goal and minutes when none are given.
pub const CARD_GOAL: &str = "desk-break";
pub const CARD_MINUTES: u32 = 5;
/// A plan's and a handout's minutes when none are given.
pub const SESSION_MINUTES: u32 = 10;

/// Default file names.
pub const CARD_FILE: &str = "desk-card.pdf";
pub const PLAN_FILE: &str = "stretch-plan.pdf";
pub const GALLERY_FILE: &str = "gallery.pdf";
/// The folder a batch writes its handouts in when none is given.
pub const BATCH_FOLDER: &str = "handouts";

pub fn config(cli: Cli, today: NaiveDate) -> Config {
    let today = cli.today.unwrap_or(today);
    let (library, command) = match cli.command {
        Sub::List(a) => (
            a.library.library,
            Command::List {
                filter: ListFilter { goals: a.goal, position: a.position, equipment: a.equipment },
                format: a.format.into(),
            },
        ),
        Sub::Show(a) => (
            a.library.library,
            Command::Show {
                id: a.id,
                format: a.format.into(),
                svg: a.svg.as_deref().map(Output::from_arg),
                position: a.position,
            },
        ),
        Sub::Check(a) => (None, Command::Check { folder: a.folder }),
        Sub::Plan(a) => (a.select.library.library.clone(), Command::Plan(plan(a, today))),
        Sub::Card(a) => {
            let library = a.select.library.library.clone();
            let job = CardJob {
                request: Request { quick: true, ..request(a.select, vec![CARD_GOAL.into()], CARD_MINUTES) },
                stretches: a.stretch,
                output: a.sheet.output_or(CARD_FILE),
                sheet: a.sheet.options(),
            };
            (library, Command::Card(job))
        }
        Sub::Handout(a) => (a.select.library.library.clone(), Command::Handout(Box::new(handout(*a, today)))),
        Sub::Batch(a) => (
            a.library.library,
            Command::Batch(BatchJob {
                roster: a.roster,
                clinic: a.clinic,
                output: a.output.unwrap_or_else(|| BATCH_FOLDER.into()),
                save: a.save,
            }),
        ),
        Sub::Init(a) => (None, Command::Init { folder: a.folder }),
        Sub::Gallery(a) => (
            a.library.library,
            Command::Gallery { output: a.sheet.output_or(GALLERY_FILE), sheet: a.sheet.options() },
        ),
        Sub::Completions { shell } => {
            (None, Command::Emit { bytes: super::docs::completions(shell), output: Output::Stdout })
        }
        Sub::Man { output } => {
            let output = output.as_deref().map_or(Output::Stdout, Output::from_arg);
            (None, Command::Emit { bytes: super::docs::man_page(), output })
        }
    };
    Config { today, library, quiet: cli.quiet, command }
}

impl From<TextOrJson> for ListFormat {
    fn from(f: TextOrJson) -> Self {
        match f {
            TextOrJson::Text => ListFormat::Text,
            TextOrJson::Json => ListFormat::Json,
        }
    }
}

fn plan(a: PlanArgs, today: NaiveDate) -> PlanJob {
    let format = match a.format {
        PlanFormatArg::Text => PlanFormat::Text,
        PlanFormatArg::Json => PlanFormat::Json,
        PlanFormatArg::Ics => PlanFormat::Ics,
        PlanFormatArg::Pdf => PlanFormat::Pdf,
    };
    let output = match (format, &a.sheet.output) {
        (PlanFormat::Pdf, _) => a.sheet.output_or(PLAN_FILE),
        (_, Some(path)) => Output::from_arg(path),
        (_, None) => Output::Stdout,
    };
    let minutes_given = a.select.minutes.is_some();
    let mut request = request(a.select, Vec::new(), SESSION_MINUTES);
    if request.desk_break() && !minutes_given {
        request.minutes = crate::plan::request::DESK_BREAK_MINUTES;
    }
    let mut dates = a.calendar;
    if request.desk_break() && dates.days.is_empty() && dates.per_week.is_none() {
        // A desk break is for every working day.
        dates.days = vec![Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri];
    }
    PlanJob {
        request,
        calendar: calendar(dates, today),
        format,
        explain: a.explain,
        sheet: a.sheet.options(),
        output,
    }
}

fn handout(a: HandoutArgs, today: NaiveDate) -> HandoutJob {
    let notes = match (a.notes, a.notes_file) {
        (Some(text), _) => Notes::Text(text),
        (None, Some(path)) => Notes::File(path),
        (None, None) => Notes::None,
    };
    HandoutJob {
        clinic: a.clinic,
        patient: a.patient,
        clinician: a.clinician,
        date: a.date.unwrap_or(today),
        date_given: a.date.is_some(),
        notes,
        request: request(a.select, Vec::new(), SESSION_MINUTES),
        stretches: a.stretch,
        allow_excluded: a.allow_excluded,
        per_day: a.per_day,
        per_week: a.per_week,
        follow_up: a.follow_up,
        paper_given: a.sheet.paper.is_some(),
        output: a.sheet.output.as_deref().map(Output::from_arg),
        sheet: a.sheet.options(),
        from: a.from,
        progress: a.progress,
        save: a.save,
    }
}

fn request(a: SelectArgs, default_goals: Vec<String>, default_minutes: u32) -> Request {
    let mut goals: Vec<String> = a.goal.iter().map(|g| g.trim().to_lowercase()).collect();
    goals.dedup();
    Request {
        goals: if goals.is_empty() { default_goals } else { goals },
        minutes: a.minutes.unwrap_or(default_minutes),
        equipment: a.equipment.into_iter().flatten().collect(),
        no_floor: a.no_floor,
        seated_only: a.seated_only,
        avoid: a.avoid.into_iter().collect(),
        older: a.older,
        floor: a.floor,
        quick: false,
        seed: a.seed,
    }
}

fn calendar(a: CalendarArgs, today: NaiveDate) -> Calendar {
    let mut days = if a.days.is_empty() { Calendar::spread(a.per_week.unwrap_or(3)) } else { a.days };
    days.sort_by_key(|d| d.num_days_from_monday());
    days.dedup();
    Calendar { start: a.start.unwrap_or_else(|| Calendar::next_monday(today)), days, weeks: a.weeks }
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
