//! The program's error type. Every variant names the input at fault, the
//! value found and what is allowed, so it prints as one clear line; the one
//! place that maps errors to exit codes is [`Error::exit_code`].

use std::fmt;
use std::path::PathBuf;

/// Where a problem was found in a content file, and what is wrong there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file as the user would type it (built-in files: `content/...`).
    pub file: String,
    /// 1-based line and column, when the problem has a place in the text.
    pub at: Option<(usize, usize)>,
    /// Dotted field path such as `dose.hold_s`, empty for file-level problems.
    pub field: String,
    /// What is wrong and what is allowed.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some((line, col)) = self.at {
            write!(f, ":{line}:{col}")?;
        }
        if !self.field.is_empty() {
            write!(f, ": {}", self.field)?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Everything that can go wrong, by the stage and input at fault.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// One or more content files are invalid; each prints on its own line.
    #[error("{}", join_lines(.0))]
    Content(Vec<Problem>),

    /// A command-line value or setting that is not allowed.
    #[error("{what}: {value:?} is not allowed; {allowed}")]
    Invalid { what: String, value: String, allowed: String },

    /// A name that matches nothing known, with a hint at what does.
    #[error("unknown {what} {value:?}; {hint}")]
    Unknown { what: String, value: String, hint: String },

    /// A request the library cannot satisfy (for example, filters that leave
    /// no stretch). The message says which input removed what.
    #[error("{0}")]
    Unsatisfiable(String),

    /// A file or folder named by the user could not be read or written.
    #[error("{}: {action}: {source}", .path.display())]
    File {
        path: PathBuf,
        action: &'static str,
        #[source]
        source: std::io::Error,
    },

    /// An input file exists but its content is unusable (a corrupt image,
    /// a clinic file with unknown fields, a character no font has).
    #[error("{input}: {message}")]
    BadInput { input: String, message: String },

    /// A failure that is not the user's fault.
    #[error("internal error: {0}")]
    Internal(String),
}

impl Error {
    /// Exit status: 2 for bad input or usage, 1 for everything else.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Internal(_) => 1,
            _ => 2,
        }
    }

    /// Shorthand for [`Error::Invalid`].
    pub fn invalid(what: impl Into<String>, value: impl Into<String>, allowed: impl Into<String>) -> Self {
        Error::Invalid { what: what.into(), value: value.into(), allowed: allowed.into() }
    }

    /// Shorthand for [`Error::BadInput`].
    pub fn bad_input(input: impl Into<String>, message: impl Into<String>) -> Self {
        Error::BadInput { input: input.into(), message: message.into() }
    }
}

fn join_lines(problems: &[Problem]) -> String {
    let lines: Vec<String> = problems.iter().map(Problem::to_string).collect();
    lines.join("\n")
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
            message: "300 is above the maximum of 120".into(),
        };
        assert_eq!(p.to_string(), "cat-cow.toml:7:9: dose.hold_s: 300 is above the maximum of 120");
    }

    #[test]
    fn invalid_value_is_one_line_and_exit_2() {
        let e = Error::invalid("--minutes", "90", "use a whole number from 1 to 60");
        assert_eq!(e.to_string(), "--minutes: \"90\" is not allowed; use a whole number from 1 to 60");
        assert_eq!(e.exit_code(), 2);
        assert_eq!(Error::Internal("x".into()).exit_code(), 1);
    }
}
