//! Layout: turns plans and content into a [`Document`](crate::doc::Document)
//! of pages with items at fixed positions. Text is measured with the
//! embedded fonts' real advance widths, wrapped and paginated so nothing is
//! clipped or overflows. Backend-free: the exporters read the result.

pub mod block;
pub mod columns;
pub mod flow;
pub mod footer;
pub mod qr;
pub mod sheets;
pub mod style;
pub mod text;

pub use style::{SheetOptions, Style};
