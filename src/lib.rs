//! stretchsheet turns a library of upper-back stretches into print-ready
//! PDF sheets: a desk card, a weekly plan and a clinic handout.
//!
//! Data flows one way, over a page model at the bottom:
//!
//! ```text
//! input (files, bounded) ─▶ content (Library, Clinic) ─▶ plan (Plan, Routine)
//!   ─▶ layout (+ figure) ─▶ doc::Document ─▶ render (PDF, SVG) ─▶ output
//! ```
//!
//! - Bottom modules import nothing of the crate: [`doc`] (the page model),
//!   [`words`], [`limits`], [`assets`], [`recent`]; [`error`] imports only
//!   those.
//! - [`content`] is the data model and its validation; [`input`] reads
//!   every file; [`plan`] is pure selection and scheduling; [`figure`]
//!   draws poses; [`layout`] builds documents; [`render`] exports them;
//!   [`output`] writes bytes where they go.
//! - [`cli`] is the only module that knows clap; it builds a [`Config`],
//!   and [`run`] carries it out through `jobs`. No two top-level modules
//!   import each other (a test holds that).

pub mod assets;
pub mod catalog;
pub mod cli;
pub mod config;
pub mod content;
pub mod doc;
pub mod error;
pub mod figure;
pub mod input;
mod jobs;
pub mod layout;
pub mod limits;
pub mod output;
pub mod plan;
pub mod recent;
pub mod render;
#[doc(hidden)]
pub mod robustness;
pub mod words;

#[cfg(test)]
mod house;

pub use config::Config;
pub use error::{Error, Result};

/// Carries out one run. Messages for the user (not the result itself)
/// go to `stderr`. Meant to be called once per process: the library it
/// loads is not freed (the process's exit takes it back, faster).
pub fn run(config: Config, stderr: &mut dyn std::io::Write) -> Result<()> {
    jobs::run(config, stderr)
}
