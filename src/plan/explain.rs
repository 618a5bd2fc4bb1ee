//! Why each stretch is in a plan and why the others are not, for
//! `--explain` (text and JSON) and for sheets that want to say so.

use std::fmt;

use super::eligible::Exclusion;
use super::text::{and_list, duration};

/// Why a stretch is in a session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// It serves these requested goals (goal ids; with no goal requested,
    /// the goals it serves).
    Goals(Vec<String>),
    /// The gentle move that opens the session.
    GentleStart,
    /// A chest opener balancing the session's upper-back work: a tight front
    /// pulls on the back.
    ChestOpener,
    /// It serves none of the requested goals but fills the remaining time.
    FillsTime,
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::Goals(goals) => {
                let words: Vec<&str> = goals.iter().map(String::as_str).collect();
                write!(f, "serves {}", and_list(&words))
            }
            Reason::GentleStart => f.write_str("a gentle move to start"),
            Reason::ChestOpener => {
                f.write_str("a chest opener to balance the upper-back work (a tight front pulls on the back)")
            }
            Reason::FillsTime => f.write_str("fills the remaining time (serves none of your goals)"),
        }
    }
}

/// A stretch in the plan and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chosen {
    pub id: String,
    pub name: String,
    /// In every routine (core) or rotating through some.
    pub core: bool,
    /// Labels of the routines it is in.
    pub routines: Vec<String>,
    pub reasons: Vec<Reason>,
}

impl Chosen {
    /// The reasons as one line, starting with its place in the rotation.
    pub fn summary(&self, routine_count: usize) -> String {
        let mut parts = Vec::new();
        if routine_count > 1 {
            parts.push(if self.core {
                "core: in every routine".to_string()
            } else {
                let labels: Vec<&str> = self.routines.iter().map(String::as_str).collect();
                let noun = if labels.len() == 1 { "routine" } else { "routines" };
                format!("rotates: {noun} {}", and_list(&labels))
            });
        }
        parts.extend(self.reasons.iter().map(ToString::to_string));
        parts.join("; ")
    }
}

/// A stretch of the library that is not in the plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeftOut {
    pub id: String,
    pub name: String,
    pub why: Why,
}

/// Why a stretch is not in the plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Why {
    /// Constraints of the request rule it out.
    Excluded(Vec<Exclusion>),
    /// Alone it takes longer than a session may.
    TooLong { min_s: u32, minutes: u32 },
    /// It would have scored well enough but did not fit beside the others.
    NoRoom { minutes: u32 },
    /// It does much the same as `of` (a stretch in the plan).
    Twin { of: String },
    /// The chosen stretches serve the request better; `than` is the name of
    /// the lowest-scoring chosen stretch.
    LowerScore { than: String, serves_no_goal: bool },
}

impl fmt::Display for Why {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Why::Excluded(exclusions) => {
                let parts: Vec<String> = exclusions.iter().map(ToString::to_string).collect();
                f.write_str(&parts.join("; "))
            }
            Why::TooLong { min_s, minutes } => {
                write!(f, "takes at least {}, more than the {minutes}-minute budget", duration(*min_s))
            }
            Why::NoRoom { minutes } => {
                write!(f, "did not fit the {minutes}-minute budget beside the chosen stretches")
            }
            Why::Twin { of } => write!(f, "does much the same as {of}, which is in the plan"),
            Why::LowerScore { than, serves_no_goal } => {
                write!(f, "lower score than {than}")?;
                if *serves_no_goal {
                    f.write_str(" (serves none of your goals)")?;
                }
                Ok(())
            }
        }
    }
}

/// Every choice of a plan, explained.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Explanation {
    /// The stretches in the plan, in order of first appearance.
    pub chosen: Vec<Chosen>,
    /// The others, in id order.
    pub left_out: Vec<LeftOut>,
}
