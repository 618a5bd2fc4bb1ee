//! The page model, at the bottom of the crate: it imports nothing else of
//! stretchsheet. A [`Document`] is a list of [`Page`]s; a page is a size
//! plus [`Item`]s (text runs, boxes, lines, paths, pictures, links) at fixed
//! positions, in points from the top-left corner. Sheets build documents;
//! the PDF and SVG exporters (`render`) only read them.
//!
//! Beside the items live what making and measuring them needs: lengths and
//! geometry ([`geom`]), the embedded typeface with its real advance widths
//! ([`fonts`]), and decoded pictures sized for print ([`picture`]).

pub mod fonts;
pub mod geom;
pub mod items;
pub mod picture;

pub use fonts::Fonts;
pub use geom::{Paper, Point, Rect, Size, mm};
pub use items::{Color, Document, Face, Item, LineStyle, Page, Path, Picture, Segment, Stroke, TextRun};
