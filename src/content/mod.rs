//! Content: the stretch library read from TOML files. Owns the data model,
//! the vocabularies, loading (built-in files plus a user's folder) and
//! validation. Nothing here knows about plans, pages or PDFs.

mod library;
mod load;
pub mod model;
mod source;
pub mod validate;
pub mod vocab;

pub use library::Library;
pub use load::{load, load_checked};
pub use model::{BriefSafety, Dose, Effort, Goal, Origin, Range, Safety, Stretch};
pub use source::{SourceFile, line_col};
pub use vocab::{Area, Condition, Each, Equipment, Intensity, Level, Position};
