//! The sheet typeface, embedded in the binary: which characters it has and
//! how wide each one is. Widths are in whole thousandths of an em, truncated
//! exactly as the PDF writer truncates its `/W` table, so a line measured
//! here ends where a PDF viewer draws it. Content validation and layout both
//! ask this module; the PDF exporter embeds the same font files.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::items::Face;

/// The regular weight of the sheet font (Atkinson Hyperlegible, SIL OFL).
pub static FONT_REGULAR: &[u8] = include_bytes!("../../fonts/AtkinsonHyperlegible-Regular.ttf");
/// The bold weight of the sheet font.
pub static FONT_BOLD: &[u8] = include_bytes!("../../fonts/AtkinsonHyperlegible-Bold.ttf");

/// The font file of a face.
pub fn font_file(face: Face) -> &'static [u8] {
    match face {
        Face::Regular => FONT_REGULAR,
        Face::Bold => FONT_BOLD,
    }
}

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
            faces: [FaceMetrics::parse(FONT_REGULAR), FaceMetrics::parse(FONT_BOLD)],
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
}
