//! Planning: choosing stretches for a goal and a time budget, and spreading
//! sessions over dated days. Pure functions over the library: no I/O and no
//! clock (today's date comes in from the caller).
//!
//! The public surface is small:
//!
//! - [`select`]`(&Library, &Request) -> Result<Routine>`: one session (the
//!   desk card's five-minute desk break, a clinic handout's routine).
//! - [`build`]`(&Library, &Request, &Calendar) -> Result<Plan>`: rotating
//!   routines, dated sessions and weekly progression.
//! - [`Plan::to_text`] (also `Display`, the form snapshot tests compare),
//!   [`Plan::to_json`] (schema in [`json`]) and [`Plan::to_ics`].
//! - [`Plan::dose`] and [`Plan::routine_in_week`]: each stretch's dose by
//!   week, for sheets.
//!
//! Inside: [`timing`] (seconds of a dose, setup and level changes),
//! `eligible` (constraints), `score` (what a stretch and dose are worth),
//! `knapsack` (the exact search), `order` (gentle start, few level changes),
//! `select` and `selector` (one session), `assemble` (a session in order
//! from its picks), `rounds` (doing the stretches
//! again when one round cannot fill a long session), `schedule` (weeks
//! and rotation), `explain`,
//! `text`, [`json`] and `ics`; [`progress`] moves a saved prescription on
//! at the follow-up.

mod assemble;
mod clashes;
mod describe;
mod eligible;
mod explain;
mod fewer;
mod holds;
mod ics;
pub mod json;
mod knapsack;
mod must;
mod order;
mod prescribe;
pub mod progress;
pub mod request;
mod rounds;
mod schedule;
mod score;
mod select;
mod selector;
mod text;
pub mod timing;
mod upright;
mod words;

#[cfg(test)]
mod properties;
#[cfg(test)]
mod rules;

pub use describe::{describe, describe_dose, minutes};
pub use eligible::{Exclusion, allowed, exclusions};
pub use explain::{Chosen, Explanation, LeftOut, Why};
pub use prescribe::prescribe;
pub use request::{Calendar, Choice, Request};
pub use schedule::{Plan, RoutineStretch, Session, Week, build};
pub use select::{Item, Reason, Routine, select};
pub use timing::Prescription;
pub use words::{day_name, level_change_words, long_date, short_date};
