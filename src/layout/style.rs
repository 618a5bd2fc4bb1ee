//! Sheet-wide choices: paper, orientation, print size, title; and the type
//! scale and colours that follow from them. Body text is never below 10 pt
//! (14 pt in large print) and meaning never rests on colour alone.

use crate::doc::Color;
use crate::doc::geom::{Paper, Size, mm};

/// What the user chose for a sheet.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SheetOptions {
    pub paper: Paper,
    pub landscape: bool,
    /// Body text at 14 pt or more.
    pub large_print: bool,
    /// Replaces the sheet's usual title.
    pub title: Option<String>,
}

/// Type sizes, spacing and colours for one sheet.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Style {
    pub page: Size,
    /// Distance from every paper edge to the content, in points.
    pub margin: f32,
    pub body: f32,
    pub small: f32,
    pub heading: f32,
    pub title: f32,
    /// Line height as a multiple of the font size.
    pub leading: f32,
    /// Accent colour for rules and headings (dark enough for grayscale).
    pub accent: Color,
    pub ink: Color,
    pub muted: Color,
    pub tint: Color,
    /// The tighter variant of [`Style::dense`].
    pub dense: bool,
}

/// The smallest body size on any sheet.
pub const MIN_BODY: f32 = 10.0;
/// The smallest body size in large print.
pub const MIN_LARGE_BODY: f32 = 14.0;

impl Style {
    /// The style for these options.
    pub fn new(options: &SheetOptions) -> Self {
        let scale = if options.large_print { MIN_LARGE_BODY / MIN_BODY } else { 1.0 };
        let body = MIN_BODY * scale;
        Style {
            page: options.paper.size(options.landscape),
            margin: mm(14.0),
            body,
            small: body,
            heading: 13.0 * scale,
            title: 20.0 * scale,
            leading: 1.3,
            accent: Color::rgb(0x1d, 0x4e, 0x89),
            ink: Color::gray(0x1a),
            muted: Color::gray(0x4a),
            tint: Color::rgb(0xe8, 0xef, 0xf7),
            dense: false,
        }
    }

    /// A tighter version for one-page sheets on small paper: smaller
    /// headings, tighter lines and margins just over the 12 mm minimum. Body text
    /// keeps its minimum size.
    pub fn dense(self) -> Self {
        let scale = self.body / MIN_BODY;
        Style {
            margin: mm(12.5),
            heading: 11.0 * scale,
            title: 16.0 * scale,
            leading: 1.2,
            dense: true,
            ..self
        }
    }

    /// The same style with another accent colour.
    pub fn with_accent(self, accent: Color) -> Self {
        Style { accent, ..self }
    }

    /// Whether this is the large-print style.
    pub fn is_large_print(&self) -> bool {
        self.body >= MIN_LARGE_BODY
    }

    /// Line height for text of `size` points.
    pub fn line(&self, size: f32) -> f32 {
        size * self.leading
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_text_meets_minimums() {
        let normal = Style::new(&SheetOptions::default());
        let large = Style::new(&SheetOptions { large_print: true, ..Default::default() });
        assert!(normal.body >= MIN_BODY && normal.small >= MIN_BODY);
        assert!(large.body >= MIN_LARGE_BODY && large.small >= MIN_LARGE_BODY);
        assert!(normal.margin >= mm(12.0));
    }
}
