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
pub mod config;
pub mod content;
pub mod error;
pub mod figure;
pub mod fonts;
pub mod layout;
pub mod output;
pub mod plan;

pub use config::Config;
pub use error::{Error, Result};

use config::Command;
use output::Output;

/// Carries out one run. Messages for the user (not the result itself) go to
/// `stderr`.
pub fn run(config: Config, stderr: &mut dyn std::io::Write) -> Result<()> {
    match config.command {
        Command::Check { folder } => {
            let library = content::load(Some(&folder))?;
            let _ = writeln!(
                stderr,
                "{}: ok ({} stretches, {} goals)",
                folder.display(),
                library.stretches().len(),
                library.goals().len()
            );
            Ok(())
        }
        Command::Emit { bytes, output } => output.write(&bytes),
        command => {
            let library = content::load(config.library.as_deref())?;
            match command {
                Command::List { filter, format } => {
                    let found = catalog::filter(&library, &filter)?;
                    Output::Stdout.write(catalog::list(&found, format).as_bytes())
                }
                Command::Show { id, format, svg } => {
                    let stretch = library.require(&id)?;
                    if let Some(svg) = &svg {
                        svg.write(figure::preview_svg(stretch)?.as_bytes())?;
                    }
                    if svg == Some(Output::Stdout) {
                        return Ok(());
                    }
                    Output::Stdout.write(catalog::show(stretch, &library, format).as_bytes())
                }
                _ => Err(Error::Internal("this command is not built yet".into())),
            }
        }
    }
}
