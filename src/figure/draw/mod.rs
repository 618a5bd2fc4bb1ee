//! Turns a placed figure into page items: round-capped strokes, a thicker
//! torso, a filled head, far limbs in grey, the start pose in light grey
//! beneath, props in light greys and arrows on top. The figure is fitted
//! into its frame with its aspect kept, centred, with a little padding; line
//! widths scale with the figure but never drop below what prints clearly.

use super::body::V;
use super::pose::Skeleton;
use super::scene::{ArrowShape, CORNER_REACH, Curve, DOOR_POST, Placed, Scene, chair_span};
use super::shape::{Pen, Seg, Shape, rect};
use crate::content::View;
use crate::doc::geom::{Point, Rect};
use crate::doc::{Color, Item, Path, Segment, Stroke};

/// Outlines of the near limbs, torso and head.
pub const INK: Color = Color::gray(0x1a);
/// Fill of the near limbs, torso and head.
pub const NEAR_FILL: Color = Color::gray(0xc2);
/// Outlines of the far limbs.
pub const FAR: Color = Color::gray(0x8c);
/// Fill of the far limbs: lighter than the near ones.
pub const FAR_FILL: Color = Color::gray(0xe8);
/// Outlines of the start pose.
pub const START: Color = Color::gray(0xac);
/// Fill of the start pose: nearly white, so the pose stays secondary.
pub const START_FILL: Color = Color::gray(0xee);
/// The back of the head (hair), for a figure seen from behind.
pub const HAIR: Color = Color::gray(0x5a);
/// Outlines of props and the floor.
pub const PROP_LINE: Color = Color::gray(0x9a);
/// Fills of walls, door frames, chair backs and towels.
pub const PROP_FILL: Color = Color::gray(0xe8);
/// The mat.
pub const MAT_FILL: Color = Color::gray(0xdc);
/// A mat seen from above, under the whole figure: lighter, so the start
/// pose still shows on it.
pub const MAT_ABOVE: Color = Color::gray(0xee);
/// The foam roller.
/// The lighter of a corner's two walls.
pub const CORNER_FILL: Color = Color::gray(0xf4);
/// A cushion seen from above: lighter than the mat under it.
pub const CUSHION_FILL: Color = Color::gray(0xfc);
pub const ROLLER_FILL: Color = Color::gray(0xd2);
/// Movement arrows: a muted blue that prints as a dark grey.
pub const ARROW: Color = Color::rgb(0x2a, 0x5d, 0x9e);

const FLOOR: Pen = Pen { width: 0.05, min: 0.6, color: PROP_LINE };
const CHAIR: Pen = Pen { width: 0.12, min: 0.8, color: PROP_LINE };
const OUTLINE: Pen = Pen { width: 0.045, min: 0.5, color: PROP_LINE };
/// Movement arrows are bold: about twice a body outline, and never under
/// a point, so they read at card size and in grayscale.
pub(super) const ARROW_PEN: Pen = Pen { width: 0.12, min: 1.1, color: ARROW };
/// Arrowhead length and half-width, in head heights and minimum points:
/// at card size (about 8 to 9 points a head height) the head is about
/// 2 mm long and 2 mm wide.
pub(super) const HEAD_LEN: (f32, f32) = (0.52, 5.6);
pub(super) const HEAD_HALF: (f32, f32) = (0.25, 2.8);

/// Props drawn behind the body, in painting order.
fn props(scene: &Scene) -> Vec<Shape> {
    let mut out = Vec::new();
    for prop in &scene.props {
        match *prop {
            Placed::Floor { y, x0, x1 } => out.push(Shape::line(&[V::new(x0, y), V::new(x1, y)], FLOOR)),
            Placed::Mat { x0, x1, y0, y1, from_above: false } => {
                out.push(Shape::polygon(&rect(x0, y0, x1, y1), MAT_FILL, None))
            }
            Placed::Mat { x0, x1, y0, y1, .. } => {
                let r = 0.3;
                let arc = |c: V, a: f32| Curve::arc(c, r, r, a, a + 90.0);
                let corners = [
                    arc(V::new(x1 - r, y0 + r), 270.0),
                    arc(V::new(x1 - r, y1 - r), 0.0),
                    arc(V::new(x0 + r, y1 - r), 90.0),
                    arc(V::new(x0 + r, y0 + r), 180.0),
                ];
                let mut segs = Vec::new();
                for c in &corners {
                    segs.push(Seg::Line(c.start));
                    segs.extend(c.segs.iter().map(|[a, b, p]| Seg::Curve(*a, *b, *p)));
                }
                out.push(Shape {
                    start: corners[3].end(),
                    segs,
                    closed: true,
                    pen: Some(OUTLINE),
                    fill: Some(MAT_ABOVE),
                });
            }
            Placed::Chair { seat, floor, x, view } => {
                let (x0, x1) = chair_span(x, view);
                match view {
                    View::Side => {
                        // Back and rear leg in one stroke, from a short top
                        // rail (so the top edge shows behind a back leaning
                        // on it), then seat and front leg.
                        let top = V::new(x0 - 0.18, seat + 2.0);
                        out.push(Shape::line(
                            &[top - V::new(0.3, 0.0), top, V::new(x0, seat), V::new(x0, floor)],
                            CHAIR,
                        ));
                        out.push(Shape::line(
                            &[V::new(x0, seat), V::new(x1, seat), V::new(x1, floor)],
                            CHAIR,
                        ));
                    }
                    _ => {
                        let back = rect(x0 + 0.25, seat, x1 - 0.25, seat + 2.2);
                        out.push(Shape::polygon(&back, PROP_FILL, Some(OUTLINE)));
                        out.push(Shape::line(
                            &[V::new(x0, floor), V::new(x0, seat), V::new(x1, seat), V::new(x1, floor)],
                            CHAIR,
                        ));
                    }
                }
            }
            Placed::Wall { x, toward, y0, y1 } => {
                let far = x + toward * 0.7;
                out.push(Shape::polygon(&rect(x.min(far), y0, x.max(far), y1), PROP_FILL, None));
                out.push(Shape::line(&[V::new(x, y0), V::new(x, y1)], OUTLINE));
            }
            Placed::Corner { x0, x1, y0, y1 } => out.extend(corner(x0, x1, y0, y1)),
            Placed::DoorFrame { x0, x1, y0, y1, view } => {
                let p = DOOR_POST;
                let outline = if view == View::Side || (x1 - x0).abs() < 0.5 {
                    rect(x0 - p, y0, x0, y1 + p).to_vec()
                } else {
                    vec![
                        V::new(x0 - p, y0),
                        V::new(x0 - p, y1 + p),
                        V::new(x1 + p, y1 + p),
                        V::new(x1 + p, y0),
                        V::new(x1, y0),
                        V::new(x1, y1),
                        V::new(x0, y1),
                        V::new(x0, y0),
                    ]
                };
                out.push(Shape::polygon(&outline, PROP_FILL, Some(OUTLINE)));
            }
            Placed::Cushion { c, rx, ry } => {
                let oval = Curve::arc(c, rx, ry, 0.0, 360.0);
                out.push(Shape { closed: true, fill: Some(CUSHION_FILL), ..Shape::curve(&oval, OUTLINE) });
            }
            Placed::Roll { c, r, towel } => {
                if towel {
                    out.push(Shape::circle(c, r, Some(ROLLER_FILL), Some(CHAIR)));
                    // A spiral end shows it is rolled up.
                    let spiral = Curve::arc(c + V::new(0.03, 0.0), r * 0.45, r * 0.45, 90.0, 360.0);
                    out.push(Shape::curve(&spiral, OUTLINE));
                } else {
                    out.push(Shape::circle(c, r, Some(ROLLER_FILL), Some(CHAIR)));
                    out.push(Shape::circle(c, r * 0.35, None, Some(OUTLINE)));
                }
            }
        }
    }
    out
}

/// The corner of a room seen from behind the figure: two walls whose edges
/// with the floor and the ceiling run in toward the corner line in the
/// middle, the right one a shade lighter, so they read as two walls.
fn corner(x0: f32, x1: f32, y0: f32, y1: f32) -> [Shape; 2] {
    let (c, out) = ((x0 + x1) / 2.0, CORNER_REACH);
    let rise = 0.35 * (c - x0 + out).min(2.5);
    let wall = |edge: f32, fill| {
        let points = [V::new(edge, y0), V::new(c, y0 + rise), V::new(c, y1 - rise), V::new(edge, y1)];
        Shape::polygon(&points, fill, Some(OUTLINE))
    };
    [wall(x0 - out, PROP_FILL), wall(x1 + out, CORNER_FILL)]
}

/// The body of one pose, drawn by [`super::mannequin`].
fn body(sk: &Skeleton, start: bool, over: Option<&Skeleton>, scene: &Scene) -> Vec<Shape> {
    // Legs are left out when the cut is above the hips (not when a seated
    // figure is cut below its chair seat).
    let no_legs = scene.cut.is_some_and(|cut| cut > sk.hip.y);
    super::mannequin::body(sk, start, over, scene.facing, no_legs)
}

/// Everything in painting order, plus the arrows (drawn last, with heads
/// sized at fitting time).
fn shapes(scene: &Scene) -> (Vec<Shape>, &[ArrowShape]) {
    let mut out = props(scene);
    if let Some(start) = &scene.start {
        out.extend(body(start, true, Some(&scene.body), scene));
    }
    out.extend(body(&scene.body, false, None, scene));
    if let Some(cut) = scene.cut {
        out = out.into_iter().flat_map(|shape| shape.above(cut)).collect();
    }
    for arrow in &scene.arrows {
        out.push(Shape::curve(&arrow.shaft, ARROW_PEN));
    }
    (out, &scene.arrows)
}

/// The box around the figure in head heights: (x0, y0, x1, y1).
fn bounds(shapes: &[Shape]) -> (f32, f32, f32, f32) {
    let mut b = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
    for p in shapes.iter().flat_map(Shape::points) {
        b = (b.0.min(p.x), b.1.min(p.y), b.2.max(p.x), b.3.max(p.y));
    }
    if b.0 > b.2 { (0.0, 0.0, 1.0, 1.0) } else { b }
}

/// The box around the figure and its arrowheads drawn at scale `s`.
fn extent(shapes: &[Shape], arrows: &[ArrowShape], s: f32) -> (f32, f32, f32, f32) {
    with_heads(bounds(shapes), arrows, s)
}

/// The box `b` around the shapes grown to hold the arrowheads at scale `s`.
fn with_heads(mut b: (f32, f32, f32, f32), arrows: &[ArrowShape], s: f32) -> (f32, f32, f32, f32) {
    for (tri, _) in arrows.iter().flat_map(|a| heads(a, s)) {
        for p in tri {
            b = (b.0.min(p.x), b.1.min(p.y), b.2.max(p.x), b.3.max(p.y));
        }
    }
    b
}

/// The arrowheads of `arrow` at scale `s` (points per head height), in
/// head heights: each triangle (tip first) and whether it is at the end.
/// Their size grows with the figure, with minimums that print.
fn heads(arrow: &ArrowShape, s: f32) -> Vec<([V; 3], bool)> {
    let len = (HEAD_LEN.0 * s).max(HEAD_LEN.1) / s;
    let half = (HEAD_HALF.0 * s).max(HEAD_HALF.1) / s;
    let mut ends = vec![(arrow.shaft.end(), arrow.shaft.end_dir(), true)];
    if arrow.both {
        ends.push((arrow.shaft.start, arrow.shaft.start_dir() * -1.0, false));
    }
    ends.into_iter()
        .map(|(tip, dir, at_end)| {
            let base = tip - dir * len;
            let side = dir.cw() * half;
            ([tip, base + side, base - side], at_end)
        })
        .collect()
}

/// The figure's size in head heights (width, height), strokes aside.
pub fn natural_size(scene: &Scene) -> (f32, f32) {
    let (shapes, _) = shapes(scene);
    size_of(&shapes)
}

fn size_of(shapes: &[Shape]) -> (f32, f32) {
    let b = bounds(shapes);
    (b.2 - b.0, b.3 - b.1)
}

/// A placed scene with its shapes made once, for a sheet that measures
/// and draws one figure at many sizes: the same numbers and items as
/// [`natural_size`], [`fit_scale`] and [`items_at`] on its scene.
pub struct Prepared {
    scene: Scene,
    shapes: Vec<Shape>,
}

impl Prepared {
    pub fn new(scene: Scene) -> Self {
        let shapes = shapes(&scene).0;
        Prepared { scene, shapes }
    }

    /// See [`natural_size`].
    pub fn natural_size(&self) -> (f32, f32) {
        size_of(&self.shapes)
    }

    /// See [`fit_scale`].
    pub fn fit_scale(&self, w: f32, h: f32) -> f32 {
        fit(&self.shapes, &self.scene.arrows, w, h)
    }

    /// See [`items_at`].
    pub fn items_at(&self, frame: Rect, scale: f32) -> Vec<Item> {
        shapes_at(&self.shapes, &self.scene.arrows, frame, scale)
    }
}

/// The padding left inside a frame of `w` × `h` points.
fn padding(w: f32, h: f32) -> f32 {
    (0.03 * w.min(h)).max(1.5)
}

/// Half the widest stroke at scale `s` (points per head height): the
/// margin the figure needs beyond its bones.
fn stroke_margin(shapes: &[Shape], s: f32) -> f32 {
    let pens = shapes.iter().filter_map(|sh| sh.pen);
    pens.map(|p| (p.width * s).max(p.min) / 2.0).fold(0.0, f32::max)
}

/// The largest scale (points per head height) at which the shapes and
/// arrowheads fit in `w` × `h` points with padding and stroke margins.
fn fit(shapes: &[Shape], arrows: &[ArrowShape], w: f32, h: f32) -> f32 {
    let pad = padding(w, h);
    let bones = bounds(shapes);
    // The size at scale `s` of the drawing fitted at scale `guess`.
    let size = |guess: f32| {
        let (x0, y0, x1, y1) = with_heads(bones, arrows, guess);
        ((x1 - x0).max(1e-3), (y1 - y0).max(1e-3), stroke_margin(shapes, guess))
    };
    let at = |guess: f32| {
        let (bw, bh, half) = size(guess);
        let aw = (w - 2.0 * pad - 2.0 * half).max(1.0);
        let ah = (h - 2.0 * pad - 2.0 * half).max(1.0);
        (aw / bw).min(ah / bh)
    };
    // Strokes and arrowheads grow with the scale but have minimums, so
    // what they need depends on the scale: settle it by a few rounds, then
    // step down until it truly fits.
    let (bw, bh) = ((bones.2 - bones.0).max(1e-3), (bones.3 - bones.1).max(1e-3));
    let mut s = ((w - 2.0 * pad).max(1.0) / bw).min((h - 2.0 * pad).max(1.0) / bh);
    for _ in 0..4 {
        s = at(s);
    }
    for _ in 0..8 {
        let (bw, bh, half) = size(s);
        if bw * s + 2.0 * (pad + half) <= w + 0.01 && bh * s + 2.0 * (pad + half) <= h + 0.01 {
            break;
        }
        s *= 0.98;
    }
    s
}

/// The largest scale at which `scene` fits a frame of `w` × `h` points.
pub fn fit_scale(scene: &Scene, w: f32, h: f32) -> f32 {
    let (shapes, arrows) = shapes(scene);
    fit(&shapes, arrows, w, h)
}

/// The items that draw `scene` inside `frame`, as large as fits.
pub fn items(scene: &Scene, frame: Rect) -> Vec<Item> {
    items_at(scene, frame, f32::INFINITY)
}

/// The items that draw `scene` centred in `frame` at `scale` points per
/// head height, or smaller when that would not fit.
pub fn items_at(scene: &Scene, frame: Rect, scale: f32) -> Vec<Item> {
    let (shapes, arrows) = shapes(scene);
    shapes_at(&shapes, arrows, frame, scale)
}

/// [`items_at`] for shapes already made.
fn shapes_at(shapes: &[Shape], arrows: &[ArrowShape], frame: Rect, scale: f32) -> Vec<Item> {
    let s = fit(shapes, arrows, frame.w, frame.h).min(scale.max(1e-3));
    let (x0, y0, x1, y1) = extent(shapes, arrows, s);
    let (bw, bh) = ((x1 - x0).max(1e-3), (y1 - y0).max(1e-3));
    let (w, h) = (bw * s, bh * s);
    let left = frame.x + (frame.w - w) / 2.0;
    let top = frame.y + (frame.h - h) / 2.0;
    let to_page = |p: V| Point::new(round(left + (p.x - x0) * s), round(top + (y1 - p.y) * s));
    let width = |pen: Pen| round((pen.width * s).max(pen.min));

    let mut items: Vec<Item> = shapes
        .iter()
        .map(|shape| {
            let segments = shape
                .segs
                .iter()
                .map(|seg| match *seg {
                    Seg::Line(p) => Segment::Line(to_page(p)),
                    Seg::Curve(a, b, p) => Segment::Curve(to_page(a), to_page(b), to_page(p)),
                })
                .collect();
            Item::Path(Path {
                start: to_page(shape.start),
                segments,
                closed: shape.closed,
                stroke: shape.pen.map(|pen| Stroke::round(width(pen), pen.color)),
                fill: shape.fill,
            })
        })
        .collect();

    // Arrowheads: the shaft stops inside the head so its round cap does
    // not poke out of the tip.
    let head_len = (HEAD_LEN.0 * s).max(HEAD_LEN.1) / s;
    let shafts = items.len() - arrows.len();
    for (k, arrow) in arrows.iter().enumerate() {
        for (tri, at_end) in heads(arrow, s) {
            let dir = (tri[0] - (tri[1] + tri[2]) * 0.5).norm();
            items.push(Item::Path(Path::polygon(&tri.map(to_page), Some(ARROW), None)));
            if let Item::Path(path) = &mut items[shafts + k] {
                let back = V::new(dir.x, -dir.y) * (head_len * 0.6 * s);
                let pull = |p: Point| Point::new(round(p.x - back.x), round(p.y - back.y));
                if at_end {
                    if let Some(Segment::Curve(_, b, p)) = path.segments.last_mut() {
                        *b = pull(*b);
                        *p = pull(*p);
                    }
                } else {
                    path.start = pull(path.start);
                    if let Some(Segment::Curve(a, _, _)) = path.segments.first_mut() {
                        *a = pull(*a);
                    }
                }
            }
        }
    }
    with_halos(items, shafts)
}

/// White paper showing round an arrow, in points each side: an arrow
/// crossing a limb stays apart from it in grayscale, where the blue and
/// the body's outline print alike.
const HALO: f32 = 0.8;

/// `items` with a white halo painted under the arrows: the items from
/// index `shafts` on (the arrows' shafts, then their heads).
fn with_halos(mut items: Vec<Item>, shafts: usize) -> Vec<Item> {
    let arrows = items.split_off(shafts);
    let halo = |item: &Item| match item {
        Item::Path(path) => {
            let stroke = match path.stroke {
                Some(stroke) => Stroke { width: stroke.width + 2.0 * HALO, color: Color::WHITE, ..stroke },
                None => Stroke::round(2.0 * HALO, Color::WHITE),
            };
            let fill = path.fill.map(|_| Color::WHITE);
            Some(Item::Path(Path { stroke: Some(stroke), fill, ..path.clone() }))
        }
        _ => None,
    };
    items.extend(arrows.iter().filter_map(halo));
    items.extend(arrows);
    items
}

fn round(v: f32) -> f32 {
    (v * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests;
