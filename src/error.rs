//! Everything that can go wrong, and every word the program says about it.
//!
//! The rest of the crate builds structured values — an [`Error`] naming the
//! input at fault, a [`Fault`] saying what is wrong with it, a [`Problem`]
//! placing a fault in a file — and this file alone turns them into text:
//! one clear line each, naming the input, the value found and what is
//! allowed. Values are quoted with control characters made visible and cut
//! to 80 characters, so a hostile value never floods the terminal.
//! [`Error::exit_code`] is the one place that decides exit statuses.

use std::fmt;
use std::path::PathBuf;

pub use faults::{Fault, FigureRule, Limit, Removed};

mod fault_words;
mod faults;
mod figure_words;
mod words;

/// Where a problem was found in a file, and what is wrong there.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// The file as the user would type it (built-in files: `content/...`).
    pub file: String,
    /// 1-based line and column, when the problem has a place in the text.
    pub at: Option<(usize, usize)>,
    /// Dotted field path such as `dose.hold_s`, empty for file-level problems.
    pub field: String,
    pub fault: Fault,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some((line, col)) = self.at {
            write!(f, ":{line}:{col}")?;
        }
        if !self.field.is_empty() {
            write!(f, ": {}", words::cut(&self.field, words::MAX_FIELD))?;
        }
        write!(f, ": {}", self.fault)
    }
}

/// A setting of a request, named by what it is rather than how it was
/// given: the command line calls `Minutes` `--minutes`, a roster calls it
/// the `minutes` column (see `cli::flag_names`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Goal,
    Minutes,
    Equipment,
    Avoid,
    Seed,
    Start,
    Days,
    PerWeek,
    Weeks,
    Stretch,
    NoFloor,
    SeatedOnly,
    Older,
    PerDay,
    Date,
    FollowUp,
    Patient,
    Clinician,
    Notes,
    Title,
    Paper,
    Output,
    Library,
}

impl Field {
    /// The field's own name, as a roster column or a prescription key.
    pub fn name(self) -> &'static str {
        match self {
            Field::Goal => "goal",
            Field::Minutes => "minutes",
            Field::Equipment => "equipment",
            Field::Avoid => "avoid",
            Field::Seed => "seed",
            Field::Start => "start",
            Field::Days => "days",
            Field::PerWeek => "per_week",
            Field::Weeks => "weeks",
            Field::Stretch => "stretches",
            Field::NoFloor => "no_floor",
            Field::SeatedOnly => "seated_only",
            Field::Older => "older",
            Field::PerDay => "per_day",
            Field::Date => "date",
            Field::FollowUp => "follow_up",
            Field::Patient => "patient",
            Field::Clinician => "clinician",
            Field::Notes => "notes",
            Field::Title => "title",
            Field::Paper => "paper",
            Field::Output => "output",
            Field::Library => "library",
        }
    }
}

/// The input an error is about.
#[derive(Debug, Clone, PartialEq)]
pub enum Input {
    /// A request setting (mapped to a flag or column name by the caller).
    Field(Field),
    /// A command-line option as typed, such as `--minutes`.
    Flag(&'static str),
    /// A file or folder the user named, with what it is for.
    Path { kind: FileKind, path: PathBuf },
    /// A stretch in the library, by id.
    Stretch(String),
    /// A row of a roster file.
    Row { file: String, line: usize, column: String },
}

/// What a file is for, as messages name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    ContentFolder,
    StretchesFolder,
    ClinicFile,
    Logo,
    Photo,
    NotesFile,
    Roster,
    Prescription,
    Output,
    Folder,
}

/// What was being done to a file when it failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Read,
    Write,
    Create,
}

/// What is wrong with a command line, as the argument parser found it.
#[derive(Debug, Clone)]
pub enum Usage {
    /// A value the option's own parser refused, with its reason in words.
    Value { option: String, reason: String },
    /// A value that is not one of the option's choices.
    Choice { option: String, fault: Fault },
    /// An option no command has, with the nearest real one when close.
    UnknownOption { option: String, near: Option<String> },
    /// Anything else, in the parser's own words folded onto one line.
    Other(String),
}

impl fmt::Display for Usage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Usage::Value { option, reason } => write!(f, "{option}: {reason}"),
            Usage::Choice { option, fault } => write!(f, "{option}: {fault}"),
            Usage::UnknownOption { option, near: Some(near) } => {
                write!(f, "unknown option {option}; did you mean {near}?")
            }
            Usage::UnknownOption { option, near: None } => write!(
                f,
                "unknown option {option}; `stretchsheet --help` lists the commands and each command's --help its options"
            ),
            Usage::Other(message) => f.write_str(message),
        }
    }
}

/// The line printed under the usage of a bare `stretchsheet`.
pub const CHOOSE_COMMAND: &str = "Choose a command; `stretchsheet <COMMAND> --help` says more about each.";

/// Everything that can go wrong, by the input at fault.
#[derive(Debug)]
pub enum Error {
    /// Problems in files (content, clinic file, roster); each prints on
    /// its own line, all found in one run.
    Problems(Vec<Problem>),
    /// The command line does not parse.
    Usage(Usage),
    /// An input with something wrong with it (the fault boxed, to keep
    /// results small).
    Invalid { input: Input, fault: Box<Fault> },
    /// A request that cannot be met (the limits leave no stretch): the
    /// fault says which settings removed what.
    Unsatisfiable(Fault),
    /// A file or folder could not be read or written.
    Io { kind: FileKind, path: PathBuf, action: Action, source: std::io::Error },
    /// Standard output is closed (a pipe whose reader has gone): not an
    /// error to report, the program just stops.
    ClosedPipe,
    /// Something that is not the user's fault.
    Internal(String),
    /// An error about one row of a roster (a prescription it names, a
    /// stretch's photo): printed after the row's place.
    InRow { file: String, line: usize, error: Box<Error> },
    /// Problems already reported line by line (the rows of a batch that
    /// failed): nothing more to print, exit status 2.
    Reported,
}

impl Error {
    /// Exit status: 0 for a closed pipe (as other Unix tools do), 2 for
    /// bad input or usage, 1 for everything else.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::ClosedPipe => 0,
            Error::Internal(_) => 1,
            Error::Io { action: Action::Write | Action::Create, source, .. } if !user_fault(source) => 1,
            Error::InRow { error, .. } => error.exit_code(),
            _ => 2,
        }
    }

    /// Shorthand for [`Error::Invalid`].
    pub fn invalid(input: Input, fault: Fault) -> Self {
        Error::Invalid { input, fault: Box::new(fault) }
    }

    /// An error about a request setting.
    pub fn field(field: Field, fault: Fault) -> Self {
        Error::invalid(Input::Field(field), fault)
    }

    /// An error about a file.
    pub fn file(kind: FileKind, path: impl Into<PathBuf>, fault: Fault) -> Self {
        Error::invalid(Input::Path { kind, path: path.into() }, fault)
    }

    /// An I/O failure on a file.
    pub fn io(kind: FileKind, path: impl Into<PathBuf>, action: Action, source: std::io::Error) -> Self {
        Error::Io { kind, path: path.into(), action, source }
    }

    /// One problem in a file.
    pub fn problem(problem: Problem) -> Self {
        Error::Problems(vec![problem])
    }

    /// The same error with every [`Input::Field`] in it named by `name`
    /// (the command line's flags, a roster's columns).
    pub fn renaming(self, name: impl Fn(Field) -> &'static str) -> Self {
        let rename = |input: Input| match input {
            Input::Field(field) => Input::Flag(name(field)),
            other => other,
        };
        match self {
            Error::Invalid { input, fault } => Error::Invalid { input: rename(input), fault },
            Error::Unsatisfiable(Fault::NothingLeft { removed }) => {
                let removed =
                    removed.into_iter().map(|r| Removed { option: rename(r.option), ..r }).collect();
                Error::Unsatisfiable(Fault::NothingLeft { removed })
            }
            other => other,
        }
    }

    /// The same error placed in row `line` of the roster `file`: a
    /// setting's error names the roster's column for it (`column`), any
    /// other error follows the row's place.
    pub fn in_row(self, file: &str, line: usize, column: impl Fn(Field) -> &'static str) -> Self {
        match self.renaming(column) {
            Error::Invalid { input: Input::Flag(name), fault } => Error::Invalid {
                input: Input::Row { file: file.to_string(), line, column: name.to_string() },
                fault,
            },
            other => Error::InRow { file: file.to_string(), line, error: Box::new(other) },
        }
    }

    /// The lines to print, one per problem (usually one).
    pub fn lines(&self) -> Vec<String> {
        match self {
            Error::Reported => Vec::new(),
            // Placed at a file's line, as a file's problems are.
            Error::Invalid { input: Input::Row { .. }, .. } => vec![self.to_string()],
            Error::InRow { error, .. } => match error.as_ref() {
                // Problems in a file the row names carry their own place.
                Error::Problems(_) => error.lines(),
                _ => vec![self.to_string()],
            },
            Error::Problems(problems) => {
                let mut lines: Vec<String> = problems.iter().map(Problem::to_string).collect();
                if problems.len() > 1 {
                    lines.push(words::problem_count(problems));
                }
                lines
            }
            other => vec![format!("stretchsheet: {other}")],
        }
    }
}

/// Whether an I/O failure is the user's to fix (a missing folder, no
/// permission, a full disk) rather than the program's.
fn user_fault(e: &std::io::Error) -> bool {
    use std::io::ErrorKind::*;
    matches!(
        e.kind(),
        NotFound
            | PermissionDenied
            | AlreadyExists
            | StorageFull
            | ReadOnlyFilesystem
            | IsADirectory
            | NotADirectory
            | InvalidFilename
            | QuotaExceeded
            | FileTooLarge
    )
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Problems(problems) => {
                let lines: Vec<String> = problems.iter().map(Problem::to_string).collect();
                f.write_str(&lines.join("\n"))
            }
            Error::Usage(usage) => f.write_str(&words::cut(&usage.to_string(), words::MAX_LINE)),
            Error::Invalid { input, fault } => write!(f, "{input}: {fault}"),
            Error::Unsatisfiable(fault) => write!(f, "{fault}"),
            Error::Io { kind, path, action, source } => {
                let what = words::file_kind(*kind);
                let path = words::path(path);
                write!(f, "{path}: {} {what}: {}", words::action(*action), words::io(source))
            }
            Error::ClosedPipe => f.write_str("standard output was closed"),
            Error::Internal(message) => write!(f, "internal error: {message}"),
            Error::InRow { file, line, error } => write!(f, "{file}:{line}: {error}"),
            Error::Reported => f.write_str("some rows failed (see above)"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

impl fmt::Display for Input {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Input::Field(field) => f.write_str(field.name()),
            Input::Flag(flag) => f.write_str(flag),
            Input::Path { kind, path } => write!(f, "{} {}", words::file_kind(*kind), words::path(path)),
            Input::Stretch(id) => write!(f, "stretch {}", words::quote(id)),
            Input::Row { file, line, column } => write!(f, "{file}:{line}: {column}"),
        }
    }
}

/// An I/O failure in plain words ("permission denied"), for a fault that
/// carries it.
pub fn said(e: &std::io::Error) -> String {
    words::io(e)
}

/// The crate's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problem_prints_file_place_field_and_message() {
        let p = Problem {
            file: "cat-cow.toml".into(),
            at: Some((7, 9)),
            field: "dose.hold_s".into(),
            fault: Fault::AboveMax { value: 300.0, max: 120.0 },
        };
        assert_eq!(p.to_string(), "cat-cow.toml:7:9: dose.hold_s: 300 is above the maximum of 120");
    }

    #[test]
    fn fields_are_renamed_by_the_caller_and_errors_are_one_line() {
        let e = Error::field(Field::Minutes, Fault::out_of_range(90, crate::limits::MINUTES));
        let e = e.renaming(|_| "--minutes");
        assert_eq!(e.to_string(), "--minutes: 90 is more than 60 (a session is 1–60 minutes)");
        assert_eq!(e.exit_code(), 2);
        assert_eq!(Error::Internal("x".into()).exit_code(), 1);
        assert_eq!(Error::ClosedPipe.exit_code(), 0);
    }
}
