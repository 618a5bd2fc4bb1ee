//! The props around a placed body: a towel roll or foam roller under the
//! upper back, a chair under the hips, a wall or door frame against the
//! parts pressed to it, the mat and the floor under everything; and the
//! problems of the prop list itself.

use super::parts::{amount, outline, pieces};
use super::{
    CHAIR_HEIGHT, CORNER_REACH, DOOR_POST, DOOR_TOP, Ground, Issue, MAT, Placed, TOLERANCE, chair_span,
};
use crate::content::{Prop, Support, View};
use crate::figure::body::{V, size};
use crate::figure::pose::Skeleton;

/// The roll under the upper back, with what keeps the back (and the start
/// pose's back) from resting on it.
pub(super) fn roll(
    g: &Ground,
    body: &Skeleton,
    start: Option<&Skeleton>,
    issues: &mut Vec<Issue>,
) -> Option<Placed> {
    let (r, towel) = g.roll?;
    let props = &g.figure.props;
    let index = props.iter().position(|p| matches!(p, Prop::TowelRoll | Prop::FoamRoller)).unwrap_or(0);
    let field = format!("figure.props[{index}]");
    let name = if towel { "towel roll" } else { "foam roller" };
    match fit_roll(body, g.surface, r) {
        Ok(c) => {
            if let Some(start) = start {
                let gap = roll_gap(start, c, r);
                if gap.abs() > TOLERANCE {
                    let (verb, prep) = if gap > 0.0 { ("floats", "above") } else { ("sinks", "into") };
                    issues.push(Issue {
                        field: "figure.start".into(),
                        message: format!(
                            "in the start pose the back {verb} {} {prep} the {name}; \
                             change the torso or spine so it rests on it",
                            amount(gap)
                        ),
                    });
                }
            }
            Some(Placed::Roll { c, r, towel })
        }
        Err((c, gap)) => {
            let message = if g.figure.support != Some(Support::Back) {
                format!("a {name} goes under the back; use support = \"back\"")
            } else {
                format!(
                    "the upper back cannot rest on the {name}: at best it is {} {}; \
                     tilt the torso so the upper back is about {:.1} head heights off the floor",
                    amount(gap),
                    if gap > 0.0 { "above it" } else { "into it" },
                    2.0 * r + size::TORSO_HALF
                )
            };
            issues.push(Issue { field, message });
            Some(Placed::Roll { c, r, towel })
        }
    }
}

/// The chair under the hips at `seat`, or what is wrong with it.
pub(super) fn chair(
    g: &Ground,
    body: &Skeleton,
    seat: Option<f32>,
    issues: &mut Vec<Issue>,
) -> Option<Placed> {
    if !g.has(Prop::Chair) {
        return None;
    }
    let Some(seat) = seat else {
        let index = g.figure.props.iter().position(|p| *p == Prop::Chair).unwrap_or(0);
        issues.push(Issue {
            field: format!("figure.props[{index}]"),
            message: "a chair is for sitting on; use support = \"seat\"".into(),
        });
        return None;
    };
    let h = seat - g.surface;
    if !(CHAIR_HEIGHT.0..=CHAIR_HEIGHT.1).contains(&h) {
        issues.push(Issue {
            field: "figure.pose".into(),
            message: format!(
                "with the hips on the chair and the feet on the floor the seat would be {} high; \
                 a chair seat is {:.1} to {:.1}: bend the hips and knees to about 90",
                amount(h),
                CHAIR_HEIGHT.0,
                CHAIR_HEIGHT.1
            ),
        });
    }
    Some(Placed::Chair { seat, floor: g.surface, x: chair_x(body, g.view), view: g.view })
}

/// Where the chair goes: under the hips; in side view, moved back when a
/// hand holds the seat behind the hips (sitting near the front edge), so
/// the arm reaches the seat in front of the chair back.
fn chair_x(body: &Skeleton, view: View) -> f32 {
    if view != View::Side {
        return body.hip.x;
    }
    body.limbs
        .iter()
        .filter(|l| !l.leg)
        .map(|l| l.points[2])
        .filter(|w| w.x < body.hip.x - 0.3 && w.y < body.hip.y + 0.8)
        .fold(body.hip.x, |x, w| x.min(w.x + 0.35))
}

/// The faces (left, right) of what the `against` parts press on, with a
/// problem for each part that is not flat against it.
fn against_faces(g: &Ground, body: &Skeleton, issues: &mut Vec<Issue>) -> (Option<f32>, Option<f32>) {
    let (mut left_face, mut right_face) = (None, None);
    for (i, part) in g.figure.against.iter().enumerate() {
        for piece in pieces(body, *part) {
            let mean = piece.points.iter().map(|(p, _)| p.x).sum::<f32>() / piece.points.len() as f32;
            let right = mean > body.hip.x;
            let face = if right {
                piece.points.iter().map(|(p, off)| p.x + off).fold(f32::MIN, f32::max)
            } else {
                piece.points.iter().map(|(p, off)| p.x - off).fold(f32::MAX, f32::min)
            };
            let slot = if right { &mut right_face } else { &mut left_face };
            let face = *slot.get_or_insert(face);
            let off_by = piece.points.iter().map(|(p, off)| (p.x - face).abs() - off).fold(0.0f32, f32::max);
            if off_by > TOLERANCE {
                issues.push(Issue {
                    field: format!("figure.against[{i}]"),
                    message: format!(
                        "the {} is not flat against the {}: one end is {} away from it; \
                         make it upright",
                        piece.name,
                        if g.has(Prop::DoorFrame) { "door frame" } else { "wall" },
                        amount(off_by)
                    ),
                });
            }
        }
    }
    (left_face, right_face)
}

/// The x extent (left, right) of the outlines of `bodies`.
pub(super) fn extent(bodies: &[&Skeleton]) -> (f32, f32) {
    bodies
        .iter()
        .flat_map(|sk| outline(sk))
        .map(|(_, p, off)| (p.x - off, p.x + off))
        .fold((f32::MAX, f32::MIN), |a, b| (a.0.min(b.0), a.1.max(b.1)))
}

/// A wall and a door frame, where the figure has them, touching the parts
/// pressed against them.
pub(super) fn walls(g: &Ground, bodies: &[&Skeleton], issues: &mut Vec<Issue>) -> Vec<Placed> {
    let body = bodies[0];
    let top = bodies.iter().flat_map(|sk| outline(sk)).map(|(_, p, off)| p.y + off).fold(f32::MIN, f32::max);
    let (left_face, right_face) = against_faces(g, body, issues);
    let extent = extent(bodies);
    let mut out = Vec::new();
    if g.has(Prop::Wall)
        && g.view != View::Side
        && let (Some(x0), Some(x1)) = (left_face, right_face)
    {
        out.push(Placed::Corner { x0, x1, y0: g.surface, y1: (top + 0.6).max(DOOR_TOP) });
    } else if g.has(Prop::Wall) {
        let (x, toward) = match (left_face, right_face) {
            (Some(x), _) => (x, -1.0),
            (None, Some(x)) => (x, 1.0),
            (None, None) => (extent.0 - 0.3, -1.0),
        };
        out.push(Placed::Wall { x, toward, y0: g.surface, y1: (top + 0.6).max(DOOR_TOP) });
    }
    if g.has(Prop::DoorFrame) {
        let c = body.hip.x;
        let half = (extent.1 - c).max(c - extent.0) + 0.3;
        let (x0, x1) = match (left_face, right_face) {
            (Some(l), Some(r)) => (l, r),
            (Some(l), None) => (l, 2.0 * c - l),
            (None, Some(r)) => (2.0 * c - r, r),
            (None, None) => (c - half.max(2.2), c + half.max(2.2)),
        };
        out.push(Placed::DoorFrame { x0, x1, y0: g.surface, y1: (top + 0.4).max(DOOR_TOP), view: g.view });
    } else if !g.figure.against.is_empty() && !g.has(Prop::Wall) {
        issues.push(Issue {
            field: "figure.against".into(),
            message: "needs a wall or door-frame in figure.props to press against".into(),
        });
    }
    out
}

/// The floor and the mat under the bodies (x extent `extent`) and the
/// props beside them, in painting order.
pub(super) fn floor_and_mat(g: &Ground, extent: (f32, f32), beside: &[Placed]) -> Vec<Placed> {
    let (mut x0, mut x1) = extent;
    for p in beside {
        match p {
            Placed::Chair { x, view, .. } => {
                let (a, b) = chair_span(*x, *view);
                x0 = x0.min(a);
                x1 = x1.max(b);
            }
            Placed::Roll { c, r, .. } => {
                x0 = x0.min(c.x - r);
                x1 = x1.max(c.x + r);
            }
            Placed::Corner { x0: a, x1: b, .. } => {
                x0 = x0.min(a - CORNER_REACH);
                x1 = x1.max(b + CORNER_REACH);
            }
            Placed::DoorFrame { x0: a, x1: b, .. } => {
                x0 = x0.min(a - DOOR_POST);
                x1 = x1.max(b + DOOR_POST);
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    let (mut f0, mut f1) = (x0 - 0.6, x1 + 0.6);
    for p in beside {
        if let Placed::Wall { x, toward, .. } = p {
            if *toward < 0.0 {
                f0 = *x;
            } else {
                f1 = *x;
            }
        }
    }
    if g.has(Prop::Floor) || g.has(Prop::Mat) || g.figure.support.is_some() {
        out.push(Placed::Floor { y: 0.0, x0: f0, x1: f1 });
    }
    if g.has(Prop::Mat) {
        out.push(Placed::Mat { x0: extent.0 - 0.3, x1: extent.1 + 0.3, y0: 0.0, y1: MAT, from_above: false });
    }
    out
}

/// A mat seen from above, under the bodies.
pub(super) fn mat_from_above(bodies: &[&Skeleton]) -> Placed {
    let (mut x0, mut x1, mut y0, mut y1) = (f32::MAX, f32::MIN, f32::MAX, f32::MIN);
    for (_, p, off) in bodies.iter().flat_map(|sk| outline(sk)) {
        x0 = x0.min(p.x - off);
        x1 = x1.max(p.x + off);
        y0 = y0.min(p.y - off);
        y1 = y1.max(p.y + off);
    }
    let w = (x1 - x0).max(3.0);
    let cx = (x0 + x1) / 2.0;
    Placed::Mat {
        x0: cx - w / 2.0 - 0.35,
        x1: cx + w / 2.0 + 0.35,
        y0: y0 - 0.35,
        y1: y1 + 0.35,
        from_above: true,
    }
}

/// Seen from above, the cushion under the head of a figure lying on its
/// side: an oval wider than the head, reaching past its crown and across
/// from the face to the back of the head.
pub(super) fn cushion_under(body: &Skeleton) -> Placed {
    let r = size::HEAD_R;
    let up = (body.head - body.chin).norm();
    Placed::Cushion { c: body.head + up * (r * 0.3), rx: r * 1.6, ry: r * 2.2 }
}

/// Props listed twice, or that cannot be drawn in the figure's view.
pub(super) fn list_problems(props: &[Prop], view: View) -> Vec<Issue> {
    let mut issues = Vec::new();
    for (i, p) in props.iter().enumerate() {
        if props[..i].contains(p) {
            issues.push(Issue {
                field: format!("figure.props[{i}]"),
                message: format!("{:?} is listed twice", p.as_str()),
            });
        }
        let fits = match p {
            Prop::Floor | Prop::Mat => true,
            _ => view != View::Top,
        };
        if !fits {
            issues.push(Issue {
                field: format!("figure.props[{i}]"),
                message: format!("a {} cannot be shown from above; use a side or front view", p.as_str()),
            });
        }
    }
    issues
}

/// Where a roll of radius `r` resting on the floor touches the upper back:
/// its centre, or (a best guess, the gap) when it cannot.
pub(super) fn fit_roll(body: &Skeleton, surface: f32, r: f32) -> Result<V, (V, f32)> {
    let reach = size::TORSO_HALF + r;
    let centre = |u: f32| body.torso_at(u) + body.back_normal(u) * reach;
    let g = |u: f32| centre(u).y - (surface + r);
    const STEPS: usize = 60;
    let us: Vec<f32> = (0..=STEPS).map(|i| 0.4 + 0.6 * i as f32 / STEPS as f32).collect();
    let mut best: Option<f32> = None;
    for w in us.windows(2) {
        let (a, b) = (w[0], w[1]);
        if g(a).signum() != g(b).signum() || g(a) == 0.0 {
            // Bisect for the crossing.
            let (mut lo, mut hi) = (a, b);
            for _ in 0..30 {
                let m = (lo + hi) / 2.0;
                if g(lo).signum() == g(m).signum() {
                    lo = m;
                } else {
                    hi = m;
                }
            }
            let u = (lo + hi) / 2.0;
            if best.is_none_or(|b| (u - 0.72).abs() < (b - 0.72).abs()) {
                best = Some(u);
            }
        }
    }
    match best {
        Some(u) => {
            let c = centre(u);
            Ok(V::new(c.x, surface + r))
        }
        None => {
            let u = us.iter().copied().min_by(|a, b| g(*a).abs().total_cmp(&g(*b).abs())).unwrap_or(0.72);
            let c = V::new(centre(u).x, surface + r);
            if g(u).abs() <= TOLERANCE { Ok(c) } else { Err((c, g(u))) }
        }
    }
}

/// How far the back of `sk` is from a roll at `c`: + above it, − into it.
pub(super) fn roll_gap(sk: &Skeleton, c: V, r: f32) -> f32 {
    (0..=24).map(|i| (sk.torso_at(0.4 + 0.6 * i as f32 / 24.0) - c).len()).fold(f32::MAX, f32::min)
        - (r + size::TORSO_HALF)
}
