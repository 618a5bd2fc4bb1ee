//! The command line: clap types and their conversion into [`Config`]. No
//! other module sees clap. Also the one place that knows how request
//! settings are spelt as flags ([`flag_names`]), and how clap's own errors
//! fold into one line.

mod args;
pub mod convert;
mod docs;
pub mod values;

use std::ffi::OsString;

use chrono::NaiveDate;
use clap::FromArgMatches;
use clap::error::{ContextKind, ContextValue, ErrorKind};

use crate::config::Config;
use crate::error::{CHOOSE_COMMAND, Error, Fault, Field, Usage};

pub use args::Cli;
pub use docs::command;

/// What parsing the command line led to.
pub enum Parsed {
    Run(Box<Config>),
    /// Text to print and the exit status: help or the version (0), or
    /// usage when no command was given (2).
    Info {
        text: String,
        to_stderr: bool,
        code: u8,
    },
}

/// Parses `args` (including the program name) into a [`Config`].
pub fn parse<I, T>(args: I, today: NaiveDate) -> Result<Parsed, Error>
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let matches = match command().try_get_matches_from(args) {
        Ok(matches) => matches,
        Err(e) => return info_or_error(e),
    };
    let cli = Cli::from_arg_matches(&matches).map_err(|e| Error::Usage(usage(&e)))?;
    Ok(Parsed::Run(Box::new(convert::config(cli, today))))
}

/// Help and version text, usage for a bare `stretchsheet`, or the error.
fn info_or_error(e: clap::Error) -> Result<Parsed, Error> {
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            Ok(Parsed::Info { text: e.render().to_string(), to_stderr: false, code: 0 })
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand | ErrorKind::MissingSubcommand => {
            let mut text = command().render_help().to_string();
            text.push_str(&format!("\n{CHOOSE_COMMAND}\n"));
            Ok(Parsed::Info { text, to_stderr: true, code: 2 })
        }
        _ => Err(Error::Usage(usage(&e))),
    }
}

/// The flag that sets each request setting, for errors about it.
pub fn flag_names(field: Field) -> &'static str {
    match field {
        Field::Goal => "--goal",
        Field::Minutes => "--minutes",
        Field::Equipment => "--equipment",
        Field::Avoid => "--avoid",
        Field::Seed => "--seed",
        Field::Start => "--start",
        Field::Days => "--days",
        Field::PerWeek => "--per-week",
        Field::Weeks => "--weeks",
        Field::Stretch => "--stretch",
        Field::NoFloor => "--no-floor",
        Field::SeatedOnly => "--seated-only",
        Field::Older => "--older",
        Field::PerDay => "--per-day",
        Field::Date => "--date",
        Field::FollowUp => "--follow-up",
        Field::Patient => "--patient",
        Field::Clinician => "--clinician",
        Field::Notes => "--notes",
        Field::Title => "--title",
        Field::Paper => "--paper",
        Field::Output => "--output",
        Field::Library => "--library",
    }
}

/// What clap found wrong, as a structured [`Usage`]: for a value our
/// parsers refused, the option and the reason; for a value not among the
/// choices, the choices with the nearest; otherwise clap's words folded
/// onto one line without the usage block.
fn usage(e: &clap::Error) -> Usage {
    let option = || match e.get(ContextKind::InvalidArg) {
        Some(ContextValue::String(arg)) => arg.split_whitespace().next().unwrap_or(arg).to_string(),
        _ => String::new(),
    };
    match (e.kind(), e.get(ContextKind::InvalidValue), e.get(ContextKind::ValidValue)) {
        (ErrorKind::ValueValidation, ..) => {
            if let Some(source) = std::error::Error::source(e) {
                return Usage::Value { option: option(), reason: source.to_string() };
            }
        }
        (ErrorKind::InvalidValue, Some(ContextValue::String(value)), Some(ContextValue::Strings(valid))) => {
            let suggestion = crate::content::vocab::nearest(&value.to_lowercase(), valid);
            let fault =
                Fault::UnknownWord { noun: "value", word: value.clone(), allowed: valid.clone(), suggestion };
            return Usage::Choice { option: option(), fault };
        }
        (ErrorKind::UnknownArgument, ..) => {
            if let Some(ContextValue::String(arg)) = e.get(ContextKind::InvalidArg) {
                let near = match e.get(ContextKind::SuggestedArg) {
                    Some(ContextValue::String(near)) => Some(near.clone()),
                    _ => None,
                };
                return Usage::UnknownOption { option: arg.clone(), near };
            }
        }
        _ => {}
    }
    Usage::Other(fold(&e.render().to_string()))
}

/// Clap's rendered message on one line, without the usage block.
fn fold(rendered: &str) -> String {
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

#[cfg(test)]
mod tests;
