//! Exporters of the page model: PDF through printpdf (the only module that
//! knows it) and a small SVG writer for previews. Both only read a laid-out
//! [`Document`](crate::doc::Document) or its items and do no I/O.

mod compress;
mod fonts;
mod join;
mod number;
mod paint;
mod pdf;
mod probe;
pub mod svg;

pub use pdf::render;
