//! Layout: turns plans and content into a [`Document`] of pages with items
//! at fixed positions. Text is measured with the embedded fonts' real
//! advance widths, wrapped and paginated so nothing is clipped or overflows.
//! Backend-free: the renderer reads the result.

pub mod flow;
pub mod geom;
pub mod page;
pub mod sheets;
pub mod style;
pub mod text;

pub use geom::{Paper, Point, Rect, Size};
pub use page::{Color, Document, Face, Item, Page, Path, Stroke};
pub use style::{SheetOptions, Style};
