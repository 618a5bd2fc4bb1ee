//! Rendering: the only module that knows printpdf. Turns a laid-out
//! [`Document`](crate::layout::Document) into PDF bytes.

mod pdf;

pub use pdf::render;
