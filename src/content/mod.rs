//! Content: the stretch library as TOML. Owns the data model (stretches,
//! doses, goals, safety text, a clinic's branding, a saved prescription),
//! the figure format, the vocabularies, assembling a library from files
//! already read (the built-in ones embedded in the binary, plus a user's
//! folder) and validation. Pure: files are read at the input edge, and nothing here
//! knows about plans, pages or PDFs.

pub mod check_figure;
pub mod clinic;
pub mod dose_check;
pub mod figure;
mod library;
pub mod links;
mod load;
pub mod model;
pub mod pose;
mod positioned;
pub mod prescription;
pub(crate) mod reader;
mod source;
pub mod validate;
pub mod vocab;

#[cfg(test)]
mod shipped;

pub use clinic::{Clinic, ClinicFile};
pub use figure::{Arrow, Facing, Figure, Framing, Prop, Side, Support, View, Way};
pub use library::Library;
pub use load::{
    Checks, ExtraCheck, Folder, StretchFile, assemble, built_in, built_in_folder, built_in_goal_ids, stem,
};
pub use model::{BriefSafety, Dose, Effort, Goal, Origin, Range, Safety, Stretch};
pub use pose::{Joint, Kind, Part, PartKind, Pose};
pub use prescription::{Limits, Prescribed, Prescription};
pub use source::{SourceFile, line_col};
pub use validate::FieldProblem;
pub use vocab::{Area, Condition, Each, Equipment, Intensity, Level, Movement, Position};
