//! The sheet typeface: which characters it has and how wide each one is.
//! Widths are in whole thousandths of an em, truncated exactly as the PDF
//! writer truncates its `/W` table, so a line measured here ends where a PDF
//! viewer draws it. Content validation and layout both ask this module; the
//! renderer embeds the same font files.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::assets;
use crate::error::{Error, Result};
use crate::layout::page::Face;

/// A character's glyph in a face: its id and advance width (1/1000 em).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Glyph {
    id: u16,
    width: u16,
}

/// Metrics of one face of the typeface.
struct FaceMetrics {
    /// Glyphs of characters below U+0100.
    latin: [Option<Glyph>; 256],
    /// Glyphs of every other character the face maps.
    other: HashMap<char, Glyph>,
}

impl FaceMetrics {
    fn parse(bytes: &[u8]) -> Self {
        let face = ttf_parser::Face::parse(bytes, 0).expect("the embedded font parses");
        let per_em = f32::from(face.units_per_em());
        let mut latin = [None; 256];
        let mut other = HashMap::new();
        let mut add = |c: char, gid: ttf_parser::GlyphId| {
            let advance = face.glyph_hor_advance(gid).unwrap_or(0);
            // Same arithmetic as the PDF writer's /W entries: f32, truncated.
            let glyph = Glyph { id: gid.0, width: (f32::from(advance) * (1000.0 / per_em)) as u16 };
            match u8::try_from(u32::from(c)) {
                Ok(byte) => latin[usize::from(byte)] = Some(glyph),
                Err(_) => {
                    other.insert(c, glyph);
                }
            }
        };
        if let Some(cmap) = face.tables().cmap {
            for sub in cmap.subtables.into_iter().filter(|s| s.is_unicode()) {
                sub.codepoints(|cp| {
                    if let (Some(c), Some(gid)) = (char::from_u32(cp), sub.glyph_index(cp)) {
                        add(c, gid);
                    }
                });
            }
        }
        FaceMetrics { latin, other }
    }

    fn glyph(&self, c: char) -> Option<Glyph> {
        match u8::try_from(u32::from(c)) {
            Ok(byte) => self.latin[usize::from(byte)],
            Err(_) => self.other.get(&c).copied(),
        }
    }

    fn width(&self, c: char) -> Option<u16> {
        self.glyph(c).map(|g| g.width)
    }
}

/// The embedded typeface's faces and their metrics.
pub struct Fonts {
    faces: [FaceMetrics; 2],
}

impl Fonts {
    /// The embedded fonts, parsed once per process.
    pub fn get() -> &'static Fonts {
        static FONTS: OnceLock<Fonts> = OnceLock::new();
        FONTS.get_or_init(|| Fonts {
            faces: [FaceMetrics::parse(assets::FONT_REGULAR), FaceMetrics::parse(assets::FONT_BOLD)],
        })
    }

    fn face(&self, face: Face) -> &FaceMetrics {
        &self.faces[face as usize]
    }

    /// Width of `text` in points at `size` points. Characters the face
    /// lacks count as zero (they are rejected before layout).
    pub fn width(&self, face: Face, text: &str, size: f32) -> f32 {
        let metrics = self.face(face);
        let units: u32 = text.chars().map(|c| u32::from(metrics.width(c).unwrap_or(0))).sum();
        units as f32 * size / 1000.0
    }

    /// The glyph id of `c` in `face` (the embedded font file's own ids).
    pub fn glyph_id(&self, face: Face, c: char) -> Option<u16> {
        self.face(face).glyph(c).map(|g| g.id)
    }

    /// The first character of `text` some face lacks (line breaks and tabs
    /// are allowed: layout turns them into space).
    pub fn missing(&self, text: &str) -> Option<char> {
        text.chars()
            .filter(|c| !matches!(c, '\n' | '\r' | '\t'))
            .find(|&c| self.faces.iter().any(|f| f.width(c).is_none()))
    }

    /// An error naming `field` when `text` has a character the fonts lack.
    pub fn check(&self, field: &str, text: &str) -> Result<()> {
        match self.missing(text) {
            None => Ok(()),
            Some(c) => Err(Error::bad_input(field, missing_message(c))),
        }
    }
}

/// What to say about a character the fonts lack.
pub fn missing_message(c: char) -> String {
    format!(
        "the character {c:?} (U+{:04X}) is not in the sheet font; use plain letters, digits and common punctuation",
        u32::from(c)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_are_truncated_thousandths_of_an_em() {
        let fonts = Fonts::get();
        let w = fonts.width(Face::Regular, "a", 1000.0);
        assert_eq!(w.fract(), 0.0);
        assert!(w > 300.0 && w < 700.0);
        assert_eq!(fonts.width(Face::Regular, "aa", 10.0), 2.0 * fonts.width(Face::Regular, "a", 10.0));
        assert!(fonts.width(Face::Bold, "mmm", 10.0) >= fonts.width(Face::Regular, "mmm", 10.0));
    }

    #[test]
    fn covers_the_characters_the_content_uses() {
        let fonts = Fonts::get();
        assert_eq!(fonts.missing("Hold 20–30 s · 2 × each side, 90° – it’s “fine”…"), None);
    }

    #[test]
    fn reports_a_missing_character_with_its_field() {
        let err = Fonts::get().check("--patient", "Zoë 李").unwrap_err();
        assert_eq!(err.exit_code(), 2);
        assert!(
            err.to_string().starts_with("--patient: the character '李' (U+674E) is not in the sheet font")
        );
    }
}
