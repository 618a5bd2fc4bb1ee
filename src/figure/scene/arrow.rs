//! Movement arrows: the cubic curves they are drawn along, and the shaft
//! of each arrow in a figure (a move from the start pose to the pose, a
//! circle around a joint, or a turn of the chest), found from the placed
//! skeletons.

use super::SHORTEST_ARROW;
use super::parts::{amount, arrow_point};
use crate::content::{Arrow, Part, Side, View, Way};
use crate::figure::body::{V, size};
use crate::figure::pose::Skeleton;

/// A cubic path in head heights.
#[derive(Debug, Clone, PartialEq)]
pub struct Curve {
    pub start: V,
    /// Cubic segments: two control points and the end.
    pub segs: Vec<[V; 3]>,
}

impl Curve {
    pub fn end(&self) -> V {
        self.segs.last().map_or(self.start, |s| s[2])
    }

    /// The direction of travel at the end.
    pub fn end_dir(&self) -> V {
        match self.segs.last() {
            Some([_, c2, p]) if (*p - *c2).len() > 1e-4 => (*p - *c2).norm(),
            Some([c1, _, p]) => (*p - *c1).norm(),
            None => V::new(1.0, 0.0),
        }
    }

    /// The direction of travel at the start.
    pub fn start_dir(&self) -> V {
        match self.segs.first() {
            Some([c1, _, _]) if (*c1 - self.start).len() > 1e-4 => (*c1 - self.start).norm(),
            Some([_, c2, _]) => (*c2 - self.start).norm(),
            None => V::new(1.0, 0.0),
        }
    }

    /// A circular or elliptical arc around `c` from angle `a0` to `a1`
    /// (degrees, counter-clockwise with y up), radii `rx`, `ry`.
    pub fn arc(c: V, rx: f32, ry: f32, a0: f32, a1: f32) -> Curve {
        let n = ((a1 - a0).abs() / 90.0).ceil().max(1.0) as usize;
        let step = (a1 - a0) / n as f32;
        let k = 4.0 / 3.0 * (step.to_radians() / 4.0).tan();
        let at = |a: f32| {
            let r = a.to_radians();
            (V::new(r.cos(), r.sin()), V::new(-r.sin(), r.cos()))
        };
        let map = |p: V| V::new(c.x + p.x * rx, c.y + p.y * ry);
        let (p0, _) = at(a0);
        let mut segs = Vec::with_capacity(n);
        for i in 0..n {
            let (p, dp) = at(a0 + step * i as f32);
            let (q, dq) = at(a0 + step * (i + 1) as f32);
            segs.push([map(p + dp * k), map(q - dq * k), map(q)]);
        }
        Curve { start: map(p0), segs }
    }
}

/// A placed arrow: its shaft and the ends that carry a head.
#[derive(Debug, Clone, PartialEq)]
pub struct ArrowShape {
    pub shaft: Curve,
    /// A head at the start too.
    pub both: bool,
}

/// The shaft of `arrow` placed on `body` (and its start pose), or the
/// field and message of what is wrong with it.
pub(super) fn shape(
    arrow: &Arrow,
    body: &Skeleton,
    start: Option<&Skeleton>,
    view: View,
) -> Result<ArrowShape, (&'static str, String)> {
    let shift = arrow.shift.map_or(V::default(), |[x, y]| V::new(x, y));
    let kinds = [arrow.moves.is_some(), arrow.circle.is_some(), arrow.turn.is_some()];
    if kinds.iter().filter(|k| **k).count() != 1 {
        return Err((
            "",
            "give exactly one of move = \"<point>\", circle = \"<point>\" or turn = \"left\"/\"right\""
                .into(),
        ));
    }
    if let Some(part) = arrow.moves {
        return moving(arrow, part, body, start, view, shift);
    }
    if let Some(part) = arrow.circle {
        return circling(arrow, part, body, view, shift);
    }
    turning(arrow, body, view, shift)
}

/// The one point `part` names on `sk`, or why it names none in `view`.
fn point(sk: &Skeleton, part: Part, field: &'static str, view: View) -> Result<V, (&'static str, String)> {
    if let Some(side) = part.side
        && !side.fits(view)
    {
        return Err((field, crate::content::check_figure::side_fault(side, view).to_string()));
    }
    arrow_point(sk, part).ok_or_else(|| {
        (
            field,
            format!(
                "{:?} names two points; name one, such as {}_{}",
                part.to_string(),
                view.sides()[1].as_str(),
                Part::one(Side::Near, part.kind).to_string().trim_start_matches("near_")
            ),
        )
    })
}

/// A move of `part` from the start pose to the pose, bent by `bend`.
fn moving(
    arrow: &Arrow,
    part: Part,
    body: &Skeleton,
    start: Option<&Skeleton>,
    view: View,
    shift: V,
) -> Result<ArrowShape, (&'static str, String)> {
    let Some(start) = start else {
        return Err((".move", "needs a start pose ([figure.start]) to move from".into()));
    };
    let mut a = point(start, part, ".move", view)? + shift;
    let b = point(body, part, ".move", view)? + shift;
    if arrow.level {
        a.y = b.y;
    }
    let chord = b - a;
    let len = chord.len();
    // Short moves are drawn longer (below), so two heads fit on any move
    // that is seen at all.
    let least = if arrow.level && !arrow.both { 0.25 } else { 0.5 };
    if len < least {
        return Err((
            ".move",
            format!(
                "the {} moves only {} between the start pose and the pose; \
                 an arrow{} needs at least {least:.1} to be seen",
                part.words(),
                amount(len),
                if arrow.both { " with two heads" } else { "" }
            ),
        ));
    }
    // A short move still gets an arrow long enough to show a shaft
    // behind its head: its tail drawn back along the chord, so the tip
    // stays where the move ends (about its middle with two heads).
    let (a, b, len) = if len < SHORTEST_ARROW {
        let missing = chord.norm() * (SHORTEST_ARROW - len);
        if arrow.both {
            (a - missing * 0.5, b + missing * 0.5, SHORTEST_ARROW)
        } else {
            (a - missing, b, SHORTEST_ARROW)
        }
    } else {
        (a, b, len)
    };
    let chord = b - a;
    let bend = arrow.bend.unwrap_or(0.0).clamp(-170.0, 170.0);
    let left = chord.norm().cw() * -1.0;
    let c = (a + b) * 0.5 + left * (len / 2.0 * (bend.to_radians() / 2.0).tan());
    // Leave a little room at each end so the arrow does not touch the body.
    let gap = (0.16 / len).min(0.2);
    let (t0, t1) = (gap, 1.0 - gap);
    let q = |s: f32, t: f32| a * ((1.0 - s) * (1.0 - t)) + c * ((1.0 - s) * t + s * (1.0 - t)) + b * (s * t);
    let (p0, pc, p1) = (q(t0, t0), q(t0, t1), q(t1, t1));
    let shaft =
        Curve { start: p0, segs: vec![[p0 + (pc - p0) * (2.0 / 3.0), p1 + (pc - p1) * (2.0 / 3.0), p1]] };
    Ok(ArrowShape { shaft, both: arrow.both })
}

/// A loop around `part`, turning the way `arrow.way` says.
fn circling(
    arrow: &Arrow,
    part: Part,
    body: &Skeleton,
    view: View,
    shift: V,
) -> Result<ArrowShape, (&'static str, String)> {
    let c = point(body, part, ".circle", view)? + shift;
    let r = arrow.size.unwrap_or(0.55);
    if !(0.2..=3.0).contains(&r) {
        return Err((".size", format!("{r} is not allowed; use 0.2 to 3 head heights")));
    }
    let way = arrow.way.unwrap_or(if view == View::Side { Way::Forward } else { Way::Left });
    let clockwise = match (view, way) {
        (View::Side, Way::Forward) | (View::Front | View::Top, Way::Left) => true,
        (View::Side, Way::Backward) | (View::Front | View::Top, Way::Right) => false,
        _ => {
            let allowed = if view == View::Side { "forward or backward" } else { "left or right" };
            return Err((
                ".way",
                format!("{:?} is not allowed in a {} view; use {allowed}", way.as_str(), view.as_str()),
            ));
        }
    };
    // Seen from above the figure's left is on your left.
    let clockwise = clockwise != (view == View::Top);
    // The top of the loop moves +x when clockwise. The loop goes over the
    // top and its head ends on the far side, pointing down (a backward
    // roll: up the front, back over the top, down the back), so it stays
    // clear of the face and neck above a shoulder; the gap is just ahead.
    let shaft = if clockwise { Curve::arc(c, r, r, 340.0, 25.0) } else { Curve::arc(c, r, r, 200.0, 515.0) };
    Ok(ArrowShape { shaft, both: arrow.both })
}

/// A turn of the chest to the left or right, along the front of it.
fn turning(
    arrow: &Arrow,
    body: &Skeleton,
    view: View,
    shift: V,
) -> Result<ArrowShape, (&'static str, String)> {
    let way = arrow.turn.unwrap_or(Way::Left);
    if view == View::Side {
        return Err((
            ".turn",
            "a turn arrow needs a front or top view; in a side view use move or circle".into(),
        ));
    }
    let toward_left = match way {
        Way::Left => true,
        Way::Right => false,
        other => {
            return Err((".turn", format!("{:?} is not allowed; use left or right", other.as_str())));
        }
    };
    let toward_left = toward_left != (view == View::Top);
    let c = body.torso_at(0.72) + shift;
    let rx = arrow.size.unwrap_or(size::COLLAR + 0.5);
    let ry = 0.32;
    // The front of the chest moves toward the figure's left (+x): the arc
    // runs along the front (below the centre) from −x to +x.
    let shaft =
        if toward_left { Curve::arc(c, rx, ry, 165.0, 375.0) } else { Curve::arc(c, rx, ry, 15.0, -195.0) };
    Ok(ArrowShape { shaft, both: arrow.both })
}
