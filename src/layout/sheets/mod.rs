//! The sheets: each turns plans and content into a laid-out
//! [`Document`](crate::doc::Document).

mod card;
mod card_cell;
mod card_measure;
mod card_safety;
pub mod dose;
mod exercise_box;
mod gallery;
mod handout;
pub mod parts;

pub use dose::{DoseCells, dose_panel, how_often};
pub use parts::Photos;
mod plan;
mod plan_calendar;
mod plan_exercise;
mod plan_routine;

pub use card::{Card, FIGURE_MIN as CARD_FIGURE_MIN, card};
pub use gallery::{FIGURE_MIN as GALLERY_FIGURE_MIN, gallery};
pub use handout::{Handout, handout, long_date};
pub use plan::plan;
pub use plan_exercise::FIGURE_MIN as PLAN_FIGURE_MIN;
pub use plan_routine::FIGURE_MIN as PLAN_ROUTINE_FIGURE_MIN;

use crate::content::Stretch;
use crate::plan::Prescription;

/// A stretch as a sheet prints it: with its dose and how long it takes.
#[derive(Debug, Clone, Copy)]
pub struct Exercise<'a> {
    pub stretch: &'a Stretch,
    pub dose: Prescription,
    /// Seconds including getting into position.
    pub seconds: u32,
}
