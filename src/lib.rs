//! stretchsheet turns a library of upper-back stretches into print-ready
//! PDF sheets: a desk card, a weekly plan and a clinic handout.
//!
//! Data flows one way: `content` (TOML → [`content::Library`]) → `plan`
//! (selection and schedule) → `layout` (pages of positioned items) →
//! `render` (PDF bytes) → `output` (atomic file write). [`run`] wires the
//! stages for one [`Config`].

pub mod assets;
pub mod catalog;
pub mod cli;
pub mod clinic;
pub mod config;
pub mod content;
pub mod error;
pub mod figure;
pub mod fonts;
mod jobs;
pub mod layout;
pub mod output;
pub mod picture;
pub mod plan;
pub mod render;

pub use config::Config;
pub use error::{Error, Result};

use config::Command;

/// Carries out one run. Messages for the user (not the result itself) go to
/// `stderr`.
pub fn run(config: Config, stderr: &mut dyn std::io::Write) -> Result<()> {
    let library = || content::load(config.library.as_deref());
    match &config.command {
        Command::Check { folder } => {
            let library = content::load_checked(Some(folder))?;
            let (stretches, goals) = (library.stretches().len(), library.goals().len());
            let _ = writeln!(stderr, "{}: ok ({stretches} stretches, {goals} goals)", folder.display());
            Ok(())
        }
        Command::Emit { bytes, output } => output.write(bytes),
        Command::List { filter, format } => jobs::list(&library()?, filter, *format),
        Command::Show { id, format, svg } => jobs::show(&library()?, id, *format, svg.as_ref()),
        Command::Plan(job) => jobs::plan(&library()?, job),
        Command::Card(job) => jobs::card(&library()?, job, stderr),
        Command::Handout(job) => jobs::handout(&library()?, job),
        Command::Gallery { sheet, output } => jobs::gallery(&library()?, sheet, output),
    }
}
