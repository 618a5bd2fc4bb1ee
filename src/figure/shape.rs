//! Shapes in head heights before they are fitted to a frame: lines,
//! curves and closed outlines with a pen (a width in head heights that never
//! drops below a minimum in points) and a fill, and the clipping of an
//! upper-body figure at the waist.

use super::body::V;
use super::scene::Curve;
use crate::doc::Color;

/// A line width: in head heights, but never below `min` points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pen {
    pub width: f32,
    pub min: f32,
    pub color: Color,
}

/// A stand-in pen, replaced where a shape is built.
const HAIRLINE: Pen = Pen { width: 0.0, min: 0.5, color: Color::gray(0) };

#[derive(Debug, Clone, PartialEq)]
pub enum Seg {
    Line(V),
    Curve(V, V, V),
}

/// A shape in head heights.
#[derive(Debug, Clone, PartialEq)]
pub struct Shape {
    pub start: V,
    pub segs: Vec<Seg>,
    pub closed: bool,
    pub pen: Option<Pen>,
    pub fill: Option<Color>,
}

impl Shape {
    pub fn line(points: &[V], pen: Pen) -> Shape {
        Shape {
            start: points[0],
            segs: points[1..].iter().map(|p| Seg::Line(*p)).collect(),
            closed: false,
            pen: Some(pen),
            fill: None,
        }
    }

    pub fn polygon(points: &[V], fill: Color, pen: Option<Pen>) -> Shape {
        Shape { closed: true, fill: Some(fill), pen, ..Shape::line(points, HAIRLINE) }
    }

    pub fn curve(c: &Curve, pen: Pen) -> Shape {
        Shape {
            start: c.start,
            segs: c.segs.iter().map(|[a, b, p]| Seg::Curve(*a, *b, *p)).collect(),
            closed: false,
            pen: Some(pen),
            fill: None,
        }
    }

    pub fn circle(c: V, r: f32, fill: Option<Color>, pen: Option<Pen>) -> Shape {
        let arc = Curve::arc(c, r, r, 0.0, 360.0);
        Shape { closed: true, fill, pen, ..Shape::curve(&arc, HAIRLINE) }
    }

    /// The parts of the shape at or above height `cut`: curves that cross
    /// it are flattened first, open lines may split in pieces, closed
    /// shapes are clipped.
    pub fn above(self, cut: f32) -> Vec<Shape> {
        if self.points().all(|p| p.y >= cut) {
            return vec![self];
        }
        if self.points().all(|p| p.y < cut) {
            return Vec::new();
        }
        // Flatten to a polyline.
        let mut pts = vec![self.start];
        let mut prev = self.start;
        for seg in &self.segs {
            match *seg {
                Seg::Line(p) => pts.push(p),
                Seg::Curve(a, b, p) => {
                    for i in 1..=8 {
                        let t = i as f32 / 8.0;
                        let u = 1.0 - t;
                        pts.push(
                            prev * (u * u * u)
                                + a * (3.0 * u * u * t)
                                + b * (3.0 * u * t * t)
                                + p * (t * t * t),
                        );
                    }
                }
            }
            prev = pts[pts.len() - 1];
        }
        if self.closed {
            pts.push(self.start);
        }
        let cross = |a: V, b: V| a + (b - a) * ((cut - a.y) / (b.y - a.y));
        let mut runs: Vec<Vec<V>> = vec![Vec::new()];
        for w in pts.windows(2) {
            let (a, b) = (w[0], w[1]);
            let run = runs.last_mut().expect("runs start non-empty");
            match (a.y >= cut, b.y >= cut) {
                (true, true) => {
                    if run.is_empty() {
                        run.push(a);
                    }
                    run.push(b);
                }
                (true, false) => {
                    if run.is_empty() {
                        run.push(a);
                    }
                    run.push(cross(a, b));
                    if !self.closed {
                        runs.push(Vec::new());
                    }
                }
                (false, true) => {
                    run.push(cross(a, b));
                    run.push(b);
                }
                (false, false) => {}
            }
        }
        runs.into_iter()
            .filter(|run| run.len() >= 2)
            .map(|run| Shape {
                start: run[0],
                segs: run[1..].iter().map(|p| Seg::Line(*p)).collect(),
                closed: self.closed,
                pen: self.pen,
                fill: self.fill,
            })
            .collect()
    }

    pub fn points(&self) -> impl Iterator<Item = V> + '_ {
        let seg_points = |s: &Seg| match *s {
            Seg::Line(p) => [Some(p), None, None],
            Seg::Curve(a, b, p) => [Some(a), Some(b), Some(p)],
        };
        std::iter::once(self.start).chain(self.segs.iter().flat_map(seg_points).flatten())
    }
}

pub fn rect(x0: f32, y0: f32, x1: f32, y1: f32) -> [V; 4] {
    [V::new(x0, y0), V::new(x1, y0), V::new(x1, y1), V::new(x0, y1)]
}
