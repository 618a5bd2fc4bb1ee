//! The sheets: each turns plans and content into a laid-out
//! [`Document`](crate::layout::Document).

mod card;
mod gallery;
mod handout;
pub mod parts;
mod plan;

pub use card::{Card, CardEntry, card};
pub use gallery::gallery;
pub use handout::{Exercise, Handout, handout, long_date};
pub use plan::plan;
