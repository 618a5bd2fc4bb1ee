//! Planning: choosing stretches for a goal and a time budget, and spreading
//! sessions over dated days. Pure functions over the library: no I/O and no
//! clock (today's date comes in from the caller).

mod describe;
mod prescribe;
pub mod request;
pub mod timing;

pub use describe::{describe, describe_dose, minutes};
pub use prescribe::prescribe;
pub use request::{Calendar, Choice, Request};
pub use timing::Prescription;
