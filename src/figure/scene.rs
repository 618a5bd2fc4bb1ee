//! Places a figure: puts the body on its support (the floor, a chair seat, a
//! towel roll or foam roller), sets the start pose beside it, places the
//! props and arrows, and notes every way the result is not physically sane
//! (a part that should rest on something floats above it or sinks into it).
//! Drawing and validation both read the [`Scene`]; everything is in head
//! heights with y up.

use super::body::{V, size};
use super::pose::Skeleton;
use crate::content::{Arrow, Facing, Figure, Framing, Part, PartKind, Prop, Side, Support, View, Way};

/// How far a resting part may be from its support, in head heights.
pub const TOLERANCE: f32 = 0.15;
/// Centimetres in a head height (for messages).
const CM_PER_HEAD: f32 = 23.0;
/// Mat thickness.
pub const MAT: f32 = 0.14;
pub const TOWEL_R: f32 = 0.24;
pub const ROLLER_R: f32 = 0.36;
/// Chair seat heights that let the feet reach the floor.
const CHAIR_HEIGHT: (f32, f32) = (1.3, 2.6);
/// Where a door frame's top is, above the floor.
const DOOR_TOP: f32 = 8.7;

/// A problem found while placing the figure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    pub field: String,
    pub message: String,
}

/// A placed prop.
#[derive(Debug, Clone, PartialEq)]
pub enum Placed {
    /// A floor line at `y` from `x0` to `x1`.
    Floor { y: f32, x0: f32, x1: f32 },
    /// A mat: a flat box (side and front views) or, from above, a rounded
    /// rectangle.
    Mat { x0: f32, x1: f32, y0: f32, y1: f32, from_above: bool },
    /// A chair: seat height, the floor, the hips' x, and the view.
    Chair { seat: f32, floor: f32, x: f32, view: View },
    /// A wall whose face is at `x`, the wall itself toward `toward` (±1).
    Wall { x: f32, toward: f32, y0: f32, y1: f32 },
    /// A door frame: the inner faces of the two posts, the floor and the top.
    DoorFrame { x0: f32, x1: f32, y0: f32, y1: f32, view: View },
    /// A towel roll or foam roller seen end-on.
    Roll { c: V, r: f32, towel: bool },
}

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

/// A figure placed on its support, ready to draw or check.
#[derive(Debug, Clone, PartialEq)]
pub struct Scene {
    pub view: View,
    /// Front and top views: which way the face points.
    pub facing: Option<Facing>,
    pub body: Skeleton,
    pub start: Option<Skeleton>,
    pub props: Vec<Placed>,
    pub arrows: Vec<ArrowShape>,
    /// For an upper-body figure: nothing below this height is drawn.
    pub cut: Option<f32>,
    pub issues: Vec<Issue>,
}

/// One named part of one skeleton: its name in words and its points, each
/// with the distance to the body's surface.
struct Piece {
    /// One part (a side given for a paired one).
    part: Part,
    name: String,
    points: Vec<(V, f32)>,
}

impl Piece {
    fn lowest(&self) -> f32 {
        self.points.iter().map(|(p, off)| p.y - off).fold(f32::MAX, f32::min)
    }
}

/// The pieces `part` names (both of a pair when no side is given).
fn pieces(sk: &Skeleton, part: Part) -> Vec<Piece> {
    use size::*;
    let sides: Vec<Side> = match part.side {
        Some(side) => vec![side],
        None if part.kind.paired() => sk.view.sides().to_vec(),
        None => vec![],
    };
    let name = |side: Option<Side>| match side {
        Some(side) => Part::one(side, part.kind).words(),
        None => part.to_string(),
    };
    match part.kind {
        PartKind::Head => vec![Piece { part, name: "head".into(), points: vec![(sk.head, HEAD_R)] }],
        PartKind::Back => vec![Piece {
            part,
            name: "back".into(),
            points: (0..=6).map(|i| (sk.torso_at(0.5 + i as f32 / 12.0), TORSO_HALF)).collect(),
        }],
        PartKind::Hips => vec![Piece { part, name: "hips".into(), points: vec![(sk.hip, TORSO_HALF)] }],
        kind => sides
            .into_iter()
            .filter_map(|side| {
                let leg = matches!(kind, PartKind::Knee | PartKind::Shin | PartKind::Foot);
                let limb = sk.limb(side, leg)?;
                let p = limb.points;
                let points = match kind {
                    PartKind::Shoulder => vec![(p[0], TORSO_HALF)],
                    PartKind::Elbow | PartKind::Knee => vec![(p[1], LIMB_HALF)],
                    PartKind::Forearm | PartKind::Shin => vec![(p[1], LIMB_HALF), (p[2], LIMB_HALF)],
                    _ => vec![(p[2], LIMB_HALF), (p[3], LIMB_HALF)],
                };
                Some(Piece { part: Part::one(side, kind), name: name(Some(side)), points })
            })
            .collect(),
    }
}

/// The one point an arrow starts or ends at.
fn arrow_point(sk: &Skeleton, part: Part) -> Option<V> {
    if part.kind == PartKind::Back {
        return Some(sk.torso_at(0.55) + sk.back_normal(0.55) * size::TORSO_HALF);
    }
    if part.kind.paired() && part.side.is_none() {
        return None;
    }
    let piece = pieces(sk, part).into_iter().next()?;
    let n = piece.points.len() as f32;
    let sum = piece.points.iter().fold(V::default(), |acc, (p, _)| acc + *p);
    Some(sum * (1.0 / n))
}

/// Every point of the body's outline, named, with its distance to the
/// surface: for the check that nothing sinks into the floor.
fn outline(sk: &Skeleton) -> Vec<(String, V, f32)> {
    use size::*;
    let mut points: Vec<(String, V, f32)> =
        (0..=8).map(|i| ("torso".to_string(), sk.torso_at(i as f32 / 8.0), TORSO_HALF)).collect();
    points.push(("head".into(), sk.head, HEAD_R));
    for limb in &sk.limbs {
        let names =
            if limb.leg { ["hip", "knee", "heel", "toes"] } else { ["shoulder", "elbow", "wrist", "hand"] };
        for (i, p) in limb.points.iter().enumerate().skip(1) {
            points.push((format!("{} {}", limb.side.as_str(), names[i]), *p, LIMB_HALF));
        }
    }
    points
}

/// `one` or `many`, to agree with a part's name ("the head sinks", "the
/// toes sink").
fn verb(name: &str, one: &'static str, many: &'static str) -> &'static str {
    let plural = name.ends_with("feet") || (name.ends_with('s') && !name.ends_with("ss"));
    if plural { many } else { one }
}

/// Parts in words, a pair named once when both of it are there: "knees and
/// near hand".
fn part_names(parts: &[Part], view: View) -> Vec<String> {
    let mut names = Vec::new();
    let mut done: Vec<PartKind> = Vec::new();
    for part in parts {
        if done.contains(&part.kind) {
            continue;
        }
        let both = part.kind.paired()
            && view.sides().iter().all(|side| parts.contains(&Part::one(*side, part.kind)));
        if both {
            done.push(part.kind);
            names.push(Part::both(part.kind).words());
        } else {
            names.push(part.words());
        }
    }
    names
}

/// "a", "a and b", "a, b and c".
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

fn amount(d: f32) -> String {
    let d = d.abs();
    format!("{d:.2} head heights (about {} cm)", (d * CM_PER_HEAD).round() as i32)
}

fn mean_x(sk: &Skeleton, part: Part) -> f32 {
    let xs: Vec<f32> = pieces(sk, part).iter().flat_map(|p| p.points.iter().map(|(v, _)| v.x)).collect();
    if xs.is_empty() { sk.hip.x } else { xs.iter().sum::<f32>() / xs.len() as f32 }
}

fn lowest(sk: &Skeleton, parts: &[Part]) -> Option<f32> {
    parts.iter().flat_map(|p| pieces(sk, *p)).map(|p| p.lowest()).reduce(f32::min)
}

/// Places `figure`, or returns `None` when it has no pose to draw.
pub fn place(figure: &Figure) -> Option<Scene> {
    let pose = figure.pose.as_ref()?;
    if figure.photo.is_some() {
        return None;
    }
    let view = figure.view;
    let mut issues = Vec::new();
    let props = &figure.props;
    let has = |p: Prop| props.contains(&p);
    let support = figure.support;
    let surface = if has(Prop::Mat) { MAT } else { 0.0 };
    let roll_r = if has(Prop::FoamRoller) {
        Some((ROLLER_R, false))
    } else if has(Prop::TowelRoll) {
        Some((TOWEL_R, true))
    } else {
        None
    };

    // The body on its support.
    let facing = figure.facing();
    // Seen from behind, the figure's left is on your left; from above, face
    // up, its left is on your right.
    let mirror =
        matches!((view, facing), (View::Front, Some(Facing::Away)) | (View::Top, Some(Facing::Viewer)));
    let posed = |pose: &crate::content::Pose| {
        let sk = Skeleton::new(pose, view);
        if mirror { sk.mirrored() } else { sk }
    };
    let raw = posed(pose);
    let resting = figure.resting_parts();
    let body = if view == View::Top {
        raw
    } else {
        let low = lowest(&raw, &resting)
            .or_else(|| outline(&raw).iter().map(|(_, p, off)| p.y - off).reduce(f32::min))
            .unwrap_or(0.0);
        raw.shifted(V::new(0.0, surface - low))
    };
    let chair_seat =
        (has(Prop::Chair) && support == Some(Support::Seat)).then_some(body.hip.y - size::TORSO_HALF);

    // The start pose, kept on the same support.
    let start = figure.start.as_ref().map(|changes| {
        let raw = posed(&pose.overlaid(changes));
        let anchor = support.map_or(Part::both(PartKind::Hips), Support::anchor);
        let dx = mean_x(&body, anchor) - mean_x(&raw, anchor);
        let dy = match (view, chair_seat) {
            (View::Top, _) => body.hip.y - raw.hip.y,
            (_, Some(_)) => body.hip.y - raw.hip.y,
            _ => lowest(&raw, &resting).map_or(body.hip.y - raw.hip.y, |low| surface - low),
        };
        raw.shifted(V::new(dx, dy))
    });

    let mut placed = Vec::new();
    let mut scene_props = Vec::new();
    if view != View::Top {
        let bodies: Vec<&Skeleton> = std::iter::once(&body).chain(start.as_ref()).collect();

        // A towel roll or foam roller under the upper back.
        if let Some((r, towel)) = roll_r {
            let index =
                props.iter().position(|p| matches!(p, Prop::TowelRoll | Prop::FoamRoller)).unwrap_or(0);
            let field = format!("figure.props[{index}]");
            let name = if towel { "towel roll" } else { "foam roller" };
            match fit_roll(&body, surface, r) {
                Ok(c) => {
                    scene_props.push(Placed::Roll { c, r, towel });
                    if let Some(start) = &start {
                        let gap = roll_gap(start, c, r);
                        if gap.abs() > TOLERANCE {
                            let (verb, prep) =
                                if gap > 0.0 { ("floats", "above") } else { ("sinks", "into") };
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
                }
                Err((c, gap)) => {
                    scene_props.push(Placed::Roll { c, r, towel });
                    let message = if support != Some(Support::Back) {
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
                }
            }
        }

        // Resting parts: on the floor, the chair seat or the roll.
        for (sk, field_of) in bodies.iter().zip(["pose", "start"]) {
            let is_start = field_of == "start";
            let mut wanted: Vec<(String, Part)> =
                resting.iter().map(|p| ("figure.support".to_string(), *p)).collect();
            if !is_start {
                wanted.extend(
                    figure.touching.iter().enumerate().map(|(i, p)| (format!("figure.touching[{i}]"), *p)),
                );
            }
            // One line per field, naming every part that floats.
            let mut floating: Vec<(String, Vec<(Part, f32)>)> = Vec::new();
            for (field, part) in wanted {
                let field = if is_start { "figure.start".to_string() } else { field };
                if part.kind == PartKind::Back && roll_r.is_some() {
                    continue;
                }
                for piece in pieces(sk, part) {
                    let gap = piece.lowest() - surface;
                    if gap > TOLERANCE {
                        match floating.iter_mut().find(|(f, _)| *f == field) {
                            Some((_, found)) => found.push((piece.part, gap)),
                            None => floating.push((field.clone(), vec![(piece.part, gap)])),
                        }
                    }
                }
            }
            for (field, found) in floating {
                let what = if has(Prop::Mat) { "mat" } else { "floor" };
                let pose_words = if is_start { "in the start pose " } else { "" };
                let names = part_names(&found.iter().map(|(p, _)| *p).collect::<Vec<_>>(), view);
                let gap = found.iter().map(|(_, g)| *g).fold(0.0, f32::max);
                let many = names.len() > 1 || verb(&names[0], "", "many") == "many";
                let up_to = if found.iter().any(|(_, g)| (g - gap).abs() > 0.01) { "up to " } else { "" };
                issues.push(Issue {
                    field,
                    message: format!(
                        "{pose_words}the {} {} {up_to}{} above the {what}; change the angles so {} on it",
                        and_list(&names),
                        if many { "float" } else { "floats" },
                        amount(gap),
                        if many { "they rest" } else { "it rests" },
                    ),
                });
            }
            // Nothing goes below the floor.
            let worst = outline(sk)
                .into_iter()
                .map(|(name, p, off)| (name, p.y - off - surface))
                .min_by(|a, b| a.1.total_cmp(&b.1));
            if let Some((name, gap)) = worst
                && gap < -TOLERANCE
            {
                let what = if has(Prop::Mat) { "mat" } else { "floor" };
                issues.push(Issue {
                    field: format!("figure.{field_of}"),
                    message: format!(
                        "the {name} {} {} into the {what}; change the angles so nothing goes below it",
                        verb(&name, "sinks", "sink"),
                        amount(gap)
                    ),
                });
            }
        }

        // A chair under the hips.
        if has(Prop::Chair) {
            match chair_seat {
                Some(seat) => {
                    let h = seat - surface;
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
                    scene_props.push(Placed::Chair { seat, floor: surface, x: body.hip.x, view });
                }
                None => {
                    let index = props.iter().position(|p| *p == Prop::Chair).unwrap_or(0);
                    issues.push(Issue {
                        field: format!("figure.props[{index}]"),
                        message: "a chair is for sitting on; use support = \"seat\"".into(),
                    });
                }
            }
        }

        // Walls and door frames touch the parts pressed against them.
        let top =
            bodies.iter().flat_map(|sk| outline(sk)).map(|(_, p, off)| p.y + off).fold(f32::MIN, f32::max);
        let (mut left_face, mut right_face) = (None, None);
        for (i, part) in figure.against.iter().enumerate() {
            for piece in pieces(&body, *part) {
                let mean = piece.points.iter().map(|(p, _)| p.x).sum::<f32>() / piece.points.len() as f32;
                let right = mean > body.hip.x;
                let face = if right {
                    piece.points.iter().map(|(p, off)| p.x + off).fold(f32::MIN, f32::max)
                } else {
                    piece.points.iter().map(|(p, off)| p.x - off).fold(f32::MAX, f32::min)
                };
                let slot = if right { &mut right_face } else { &mut left_face };
                let face = *slot.get_or_insert(face);
                let off_by =
                    piece.points.iter().map(|(p, off)| (p.x - face).abs() - off).fold(0.0f32, f32::max);
                if off_by > TOLERANCE {
                    issues.push(Issue {
                        field: format!("figure.against[{i}]"),
                        message: format!(
                            "the {} is not flat against the {}: one end is {} away from it; \
                             make it upright",
                            piece.name,
                            if has(Prop::DoorFrame) { "door frame" } else { "wall" },
                            amount(off_by)
                        ),
                    });
                }
            }
        }
        let extent = bodies
            .iter()
            .flat_map(|sk| outline(sk))
            .map(|(_, p, off)| (p.x - off, p.x + off))
            .fold((f32::MAX, f32::MIN), |a, b| (a.0.min(b.0), a.1.max(b.1)));
        if has(Prop::Wall) {
            let (x, toward) = match (left_face, right_face) {
                (Some(x), _) => (x, -1.0),
                (None, Some(x)) => (x, 1.0),
                (None, None) => (extent.0 - 0.3, -1.0),
            };
            scene_props.push(Placed::Wall { x, toward, y0: surface, y1: (top + 0.6).max(DOOR_TOP) });
        }
        if has(Prop::DoorFrame) {
            let c = body.hip.x;
            let half = (extent.1 - c).max(c - extent.0) + 0.3;
            let (x0, x1) = match (left_face, right_face) {
                (Some(l), Some(r)) => (l, r),
                (Some(l), None) => (l, 2.0 * c - l),
                (None, Some(r)) => (2.0 * c - r, r),
                (None, None) => (c - half.max(2.2), c + half.max(2.2)),
            };
            scene_props.push(Placed::DoorFrame { x0, x1, y0: surface, y1: (top + 0.4).max(DOOR_TOP), view });
        } else if !figure.against.is_empty() && !has(Prop::Wall) {
            issues.push(Issue {
                field: "figure.against".into(),
                message: "needs a wall or door-frame in figure.props to press against".into(),
            });
        }

        // Mat and floor under everything.
        let mut x0 = extent.0;
        let mut x1 = extent.1;
        for p in &scene_props {
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
                Placed::DoorFrame { x0: a, x1: b, .. } => {
                    x0 = x0.min(a - DOOR_POST);
                    x1 = x1.max(b + DOOR_POST);
                }
                _ => {}
            }
        }
        if has(Prop::Mat) {
            placed.push(Placed::Mat {
                x0: extent.0 - 0.3,
                x1: extent.1 + 0.3,
                y0: 0.0,
                y1: MAT,
                from_above: false,
            });
        }
        let (mut f0, mut f1) = (x0 - 0.6, x1 + 0.6);
        for p in &scene_props {
            if let Placed::Wall { x, toward, .. } = p {
                if *toward < 0.0 {
                    f0 = *x;
                } else {
                    f1 = *x;
                }
            }
        }
        if has(Prop::Floor) || has(Prop::Mat) || support.is_some() {
            placed.insert(0, Placed::Floor { y: 0.0, x0: f0, x1: f1 });
        }
    } else if has(Prop::Mat) {
        let bodies: Vec<&Skeleton> = std::iter::once(&body).chain(start.as_ref()).collect();
        let (mut x0, mut x1, mut y0, mut y1) = (f32::MAX, f32::MIN, f32::MAX, f32::MIN);
        for (_, p, off) in bodies.iter().flat_map(|sk| outline(sk)) {
            x0 = x0.min(p.x - off);
            x1 = x1.max(p.x + off);
            y0 = y0.min(p.y - off);
            y1 = y1.max(p.y + off);
        }
        let w = (x1 - x0).max(3.0);
        let cx = (x0 + x1) / 2.0;
        placed.push(Placed::Mat {
            x0: cx - w / 2.0 - 0.35,
            x1: cx + w / 2.0 + 0.35,
            y0: y0 - 0.35,
            y1: y1 + 0.35,
            from_above: true,
        });
    }
    placed.extend(scene_props);
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

    // Arrows.
    let mut arrows = Vec::new();
    for (i, arrow) in figure.arrows.iter().enumerate() {
        match arrow_shape(arrow, &body, start.as_ref(), view) {
            Ok(shape) => arrows.push(shape),
            Err((field, message)) => {
                issues.push(Issue { field: format!("figure.arrows[{i}]{field}"), message })
            }
        }
    }

    let cut = (figure.framing == Framing::UpperBody).then(|| {
        let hip = start.as_ref().map_or(body.hip.y, |s| s.hip.y.min(body.hip.y));
        hip + UPPER_BODY_CUT
    });
    Some(Scene { view, facing, body, start, props: placed, arrows, cut, issues })
}

/// How far above the hips an upper-body figure is cut off (at the waist:
/// the legs are not drawn, so the picture holds standing or seated).
pub const UPPER_BODY_CUT: f32 = 0.35;

/// The shortest move arrow drawn, in head heights: room for a shaft
/// behind the head.
pub const SHORTEST_ARROW: f32 = 1.2;

/// Width of a door post.
pub const DOOR_POST: f32 = 0.4;

/// The x extent of a chair under hips at `x`.
pub fn chair_span(x: f32, view: View) -> (f32, f32) {
    match view {
        View::Side => (x - 0.6, x + 1.5),
        _ => (x - 1.25, x + 1.25),
    }
}

/// Where a roll of radius `r` resting on the floor touches the upper back:
/// its centre, or (a best guess, the gap) when it cannot.
fn fit_roll(body: &Skeleton, surface: f32, r: f32) -> Result<V, (V, f32)> {
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
fn roll_gap(sk: &Skeleton, c: V, r: f32) -> f32 {
    (0..=24).map(|i| (sk.torso_at(0.4 + 0.6 * i as f32 / 24.0) - c).len()).fold(f32::MAX, f32::min)
        - (r + size::TORSO_HALF)
}

fn arrow_shape(
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
    let point = |sk: &Skeleton, part: Part, field: &'static str| {
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
    };
    if let Some(part) = arrow.moves {
        let Some(start) = start else {
            return Err((".move", "needs a start pose ([figure.start]) to move from".into()));
        };
        let a = point(start, part, ".move")? + shift;
        let b = point(body, part, ".move")? + shift;
        let chord = b - a;
        let len = chord.len();
        let least = if arrow.both { 1.0 } else { 0.5 };
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
        // behind its head: stretched about its middle along the chord.
        let (a, b, len) = if len < SHORTEST_ARROW {
            let grow = chord.norm() * ((SHORTEST_ARROW - len) / 2.0);
            (a - grow, b + grow, SHORTEST_ARROW)
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
        let q =
            |s: f32, t: f32| a * ((1.0 - s) * (1.0 - t)) + c * ((1.0 - s) * t + s * (1.0 - t)) + b * (s * t);
        let (p0, pc, p1) = (q(t0, t0), q(t0, t1), q(t1, t1));
        let shaft =
            Curve { start: p0, segs: vec![[p0 + (pc - p0) * (2.0 / 3.0), p1 + (pc - p1) * (2.0 / 3.0), p1]] };
        return Ok(ArrowShape { shaft, both: arrow.both });
    }
    if let Some(part) = arrow.circle {
        let c = point(body, part, ".circle")? + shift;
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
        // The top of the loop moves +x when clockwise; the gap is low behind.
        let shaft =
            if clockwise { Curve::arc(c, r, r, 215.0, -85.0) } else { Curve::arc(c, r, r, -35.0, 265.0) };
        return Ok(ArrowShape { shaft, both: arrow.both });
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn figure(text: &str) -> Figure {
        toml::from_str(text).unwrap()
    }

    fn lowest_foot(sk: &Skeleton) -> f32 {
        sk.limbs
            .iter()
            .filter(|l| l.leg)
            .flat_map(|l| l.points[2..].iter().map(|p| p.y - size::LIMB_HALF))
            .fold(f32::MAX, f32::min)
    }

    #[test]
    fn standing_figure_stands_on_the_floor() {
        let scene = place(&figure("support = \"feet\"\nprops = [\"floor\"]\n[pose]\n")).unwrap();
        assert!(lowest_foot(&scene.body).abs() < 1e-4);
        assert!(scene.issues.is_empty(), "{:?}", scene.issues);
        assert!(matches!(scene.props[0], Placed::Floor { y, .. } if y == 0.0));
    }

    #[test]
    fn a_mat_lifts_the_surface() {
        let scene = place(&figure("support = \"feet\"\nprops = [\"floor\", \"mat\"]\n[pose]\n")).unwrap();
        assert!((lowest_foot(&scene.body) - MAT).abs() < 1e-4);
    }

    #[test]
    fn a_chair_goes_under_the_hips() {
        let text = "support = \"seat\"\nprops = [\"floor\", \"chair\"]\n\
                    [pose]\nnear_hip = 90\nfar_hip = 90\nnear_knee = 90\nfar_knee = 90\n";
        let scene = place(&figure(text)).unwrap();
        assert!(scene.issues.is_empty(), "{:?}", scene.issues);
        let seat = scene.props.iter().find_map(|p| match p {
            Placed::Chair { seat, .. } => Some(*seat),
            _ => None,
        });
        assert!((seat.unwrap() - (scene.body.hip.y - size::TORSO_HALF)).abs() < 1e-4);
        // Standing legs on a chair: the seat would be far too high.
        let scene = place(&figure("support = \"seat\"\nprops = [\"chair\"]\n[pose]\n")).unwrap();
        assert_eq!(scene.issues.len(), 1);
        assert!(scene.issues[0].message.contains("bend the hips and knees"));
    }

    #[test]
    fn floating_and_sinking_parts_are_found() {
        // On all fours with arms reaching forward: hands float.
        let fours = "support = \"knees-and-hands\"\nprops = [\"floor\"]\n[pose]\ntorso = 72\n\
                     near_hip = 72\nfar_hip = 72\nnear_knee = 90\nfar_knee = 90\n\
                     near_ankle = 90\nfar_ankle = 90\nfar_wrist = 90\nnear_wrist = 90\n";
        let ok = place(&figure(&format!("{fours}near_shoulder = 72\nfar_shoulder = 72\n"))).unwrap();
        assert!(ok.issues.is_empty(), "{:?}", ok.issues);
        let reach = place(&figure(&format!("{fours}near_shoulder = 150\nfar_shoulder = 150\n"))).unwrap();
        assert_eq!(reach.issues.len(), 1, "{:?}", reach.issues);
        assert_eq!(reach.issues[0].field, "figure.support");
        assert!(reach.issues[0].message.starts_with("the hands float "), "{}", reach.issues[0].message);
        // One hand lifted on purpose.
        let lifted = format!("lifted = [\"near_hand\"]\n{fours}near_shoulder = 150\nfar_shoulder = 72\n");
        assert!(place(&figure(&lifted)).unwrap().issues.is_empty());
        // Kneeling, leaning forward with the arms hanging: the hands go
        // through the floor.
        let sink = "support = \"knees\"\n[pose]\ntorso = 70\nnear_hip = 70\nfar_hip = 70\n\
                    near_knee = 90\nfar_knee = 90\nnear_ankle = 90\nfar_ankle = 90\nnear_shoulder = 70\n";
        let scene = place(&figure(sink)).unwrap();
        assert_eq!(scene.issues.len(), 1, "{:?}", scene.issues);
        assert_eq!(scene.issues[0].field, "figure.pose");
        assert!(scene.issues[0].message.contains("sink"), "{}", scene.issues[0].message);
    }

    #[test]
    fn a_roller_slides_under_the_upper_back() {
        let text =
            "support = \"back\"\nprops = [\"floor\", \"foam-roller\"]\n[pose]\ntorso = -78\nspine = -43\n";
        let scene = place(&figure(text)).unwrap();
        let (c, r) = scene
            .props
            .iter()
            .find_map(|p| match p {
                Placed::Roll { c, r, .. } => Some((*c, *r)),
                _ => None,
            })
            .unwrap();
        assert!((c.y - r).abs() < 1e-4, "the roller rests on the floor");
        assert!(roll_gap(&scene.body, c, r).abs() <= TOLERANCE);
        // Lying flat, the back cannot reach up to a roller.
        let flat = "support = \"back\"\nprops = [\"floor\", \"foam-roller\"]\n[pose]\ntorso = -90\n";
        let scene = place(&figure(flat)).unwrap();
        assert!(scene.issues[0].message.contains("cannot rest on the foam roller"));
        assert_eq!(scene.issues[0].field, "figure.props[1]");
    }

    #[test]
    fn walls_touch_what_presses_against_them() {
        let text = "view = \"front\"\nsupport = \"feet\"\nprops = [\"floor\", \"wall\"]\n\
                    against = [\"right_forearm\"]\n[pose]\nright_shoulder = 90\nright_elbow = 90\n";
        let scene = place(&figure(text)).unwrap();
        assert!(scene.issues.is_empty(), "{:?}", scene.issues);
        let arm = scene.body.limb(Side::Right, false).unwrap();
        let wall = scene.props.iter().find_map(|p| match p {
            Placed::Wall { x, toward, .. } => Some((*x, *toward)),
            _ => None,
        });
        assert_eq!(wall, Some((arm.points[1].x - size::LIMB_HALF, -1.0)));
        // A forearm that is not upright is not flat on the wall.
        let bent = text.replace("right_elbow = 90", "right_elbow = 40");
        let scene = place(&figure(&bent)).unwrap();
        assert_eq!(scene.issues[0].field, "figure.against[0]");
    }

    #[test]
    fn arrows_need_what_they_point_at() {
        let base = "support = \"feet\"\n[pose]\nnear_shoulder = 90\n";
        let scene = place(&figure(&format!("{base}[[arrows]]\nmove = \"near_hand\"\n"))).unwrap();
        assert_eq!(scene.issues[0].field, "figure.arrows[0].move");
        assert!(scene.issues[0].message.contains("needs a start pose"));
        let text = format!("{base}[start]\nnear_shoulder = 0\n[[arrows]]\nmove = \"near_hand\"\nbend = 40\n");
        let scene = place(&figure(&text)).unwrap();
        assert!(scene.issues.is_empty(), "{:?}", scene.issues);
        assert_eq!(scene.arrows.len(), 1);
        let turn = place(&figure(&format!("{base}[[arrows]]\nturn = \"left\"\n"))).unwrap();
        assert!(turn.issues[0].message.contains("front or top view"));
    }

    #[test]
    fn upper_body_framing_cuts_at_the_waist() {
        let scene = place(&figure("framing = \"upper-body\"\nsupport = \"feet\"\n[pose]\n")).unwrap();
        assert_eq!(scene.cut, Some(scene.body.hip.y + UPPER_BODY_CUT));
    }
}
