//! Lengths, points, rectangles and paper sizes. Layout works in PDF points
//! (1/72 inch) with the origin at the top-left of the page and y growing
//! downwards, as a reader reads; the renderer flips y for PDF.

use std::fmt;
use std::str::FromStr;

/// Points per millimetre.
pub const PT_PER_MM: f32 = 72.0 / 25.4;

/// Millimetres expressed in points.
pub const fn mm(v: f32) -> f32 {
    v * PT_PER_MM
}

/// A point on the page, in points from the top-left corner.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Point {
    pub x: f32,
    pub y: f32,
}

impl Point {
    pub const fn new(x: f32, y: f32) -> Self {
        Point { x, y }
    }
}

/// A width and height in points.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Size {
    pub w: f32,
    pub h: f32,
}

/// An axis-aligned rectangle: top-left corner and size, in points.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Rect {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

impl Rect {
    pub const fn new(x: f32, y: f32, w: f32, h: f32) -> Self {
        Rect { x, y, w, h }
    }

    pub fn right(&self) -> f32 {
        self.x + self.w
    }

    pub fn bottom(&self) -> f32 {
        self.y + self.h
    }

    /// The rectangle shrunk by `d` on every side (never below zero size).
    pub fn inset(&self, d: f32) -> Rect {
        Rect::new(self.x + d, self.y + d, (self.w - 2.0 * d).max(0.0), (self.h - 2.0 * d).max(0.0))
    }

    /// Whether `other` lies wholly inside this rectangle (with a hair of
    /// tolerance for rounding).
    pub fn contains(&self, other: &Rect) -> bool {
        const EPS: f32 = 0.01;
        other.x >= self.x - EPS
            && other.y >= self.y - EPS
            && other.right() <= self.right() + EPS
            && other.bottom() <= self.bottom() + EPS
    }

    /// Whether the two rectangles share any area.
    pub fn overlaps(&self, other: &Rect) -> bool {
        const EPS: f32 = 0.01;
        self.x < other.right() - EPS
            && other.x < self.right() - EPS
            && self.y < other.bottom() - EPS
            && other.y < self.bottom() - EPS
    }
}

/// A sheet of paper.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Paper {
    #[default]
    A4,
    Letter,
    A5,
}

impl Paper {
    pub const ALL: [Paper; 3] = [Paper::A4, Paper::Letter, Paper::A5];

    /// Portrait size in points.
    pub fn portrait(self) -> Size {
        match self {
            Paper::A4 => Size { w: mm(210.0), h: mm(297.0) },
            Paper::Letter => Size { w: 612.0, h: 792.0 },
            Paper::A5 => Size { w: mm(148.0), h: mm(210.0) },
        }
    }

    /// Size in points in the given orientation.
    pub fn size(self, landscape: bool) -> Size {
        let p = self.portrait();
        if landscape { Size { w: p.h, h: p.w } } else { p }
    }

    /// The name as people write it: "A4", "Letter", "A5".
    pub fn title(self) -> &'static str {
        match self {
            Paper::A4 => "A4",
            Paper::Letter => "Letter",
            Paper::A5 => "A5",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Paper::A4 => "a4",
            Paper::Letter => "letter",
            Paper::A5 => "a5",
        }
    }
}

impl fmt::Display for Paper {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Paper {
    type Err = ();

    /// Reads a paper name in any case: `a4`, `letter` (or `us-letter`), `a5`.
    fn from_str(s: &str) -> Result<Self, ()> {
        match s.trim().to_ascii_lowercase().as_str() {
            "a4" => Ok(Paper::A4),
            "letter" | "us-letter" => Ok(Paper::Letter),
            "a5" => Ok(Paper::A5),
            _ => Err(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paper_sizes_in_points() {
        let a4 = Paper::A4.portrait();
        assert!((a4.w - 595.276).abs() < 0.01 && (a4.h - 841.89).abs() < 0.01);
        assert_eq!(Paper::Letter.size(true), Size { w: 792.0, h: 612.0 });
        assert_eq!("Letter".parse::<Paper>(), Ok(Paper::Letter));
        assert_eq!("b4".parse::<Paper>(), Err(()));
    }

    #[test]
    fn rect_helpers() {
        let r = Rect::new(10.0, 10.0, 100.0, 50.0);
        assert!(r.contains(&r.inset(5.0)));
        assert!(!r.contains(&Rect::new(0.0, 10.0, 20.0, 20.0)));
        assert!(r.overlaps(&Rect::new(50.0, 50.0, 10.0, 10.0)));
        assert!(!r.overlaps(&Rect::new(50.0, 60.0, 10.0, 10.0)));
    }
}
