//! Places a figure: puts the body on its support (the floor, a chair seat, a
//! towel roll or foam roller), sets the start pose beside it, places the
//! props and arrows, and notes every way the result is not physically sane
//! (a part that should rest on something floats above it or sinks into it).
//! Drawing and validation both read the [`Scene`]; everything is in head
//! heights with y up.
//!
//! - `parts`: the points each named part stands for, and messages' words.
//! - `rest`: resting parts that float or sink.
//! - `props`: rolls, chairs, walls, door frames, mats and floors.
//! - `arrow`: curves and the shafts of movement arrows.

mod arrow;
mod parts;
mod props;
mod rest;

pub use arrow::{ArrowShape, Curve};

use super::body::{V, size};
use super::pose::Skeleton;
use crate::content::{Facing, Figure, Framing, Part, PartKind, Pose, Prop, Support, View};
use parts::{lowest, mean_x, outline};

/// How far a resting part may be from its support, in head heights.
pub const TOLERANCE: f32 = 0.15;
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
    /// Front view, a wall on each side (forearms pressed on both): the
    /// corner of a room seen from behind, two walls meeting in the middle,
    /// their faces at `x0` and `x1`, from the floor `y0` to `y1`.
    Corner { x0: f32, x1: f32, y0: f32, y1: f32 },
    /// A door frame: the inner faces of the two posts, the floor and the top.
    DoorFrame { x0: f32, x1: f32, y0: f32, y1: f32, view: View },
    /// A towel roll or foam roller seen end-on.
    Roll { c: V, r: f32, towel: bool },
    /// From above, a cushion under the head of a figure lying on its side:
    /// an oval centred at `c` with half-widths `rx` and `ry`.
    Cushion { c: V, rx: f32, ry: f32 },
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

/// What placing needs to know of a figure, worked out once.
struct Ground<'a> {
    figure: &'a Figure,
    view: View,
    /// The height the body rests at: the floor, or the top of the mat.
    surface: f32,
    /// A towel roll or foam roller: its radius, and whether a towel.
    roll: Option<(f32, bool)>,
    /// The parts the support rests on.
    resting: Vec<Part>,
    /// Whether the skeleton is mirrored (seen from behind, or from above
    /// face up).
    mirror: bool,
}

impl<'a> Ground<'a> {
    fn new(figure: &'a Figure) -> Ground<'a> {
        let has = |p: Prop| figure.props.contains(&p);
        let roll = if has(Prop::FoamRoller) {
            Some((ROLLER_R, false))
        } else if has(Prop::TowelRoll) {
            Some((TOWEL_R, true))
        } else {
            None
        };
        // Seen from behind, the figure's left is on your left; from above,
        // face up, its left is on your right.
        let mirror = matches!(
            (figure.view, figure.facing()),
            (View::Front, Some(Facing::Away)) | (View::Top, Some(Facing::Viewer))
        );
        Ground {
            figure,
            view: figure.view,
            surface: if has(Prop::Mat) { MAT } else { 0.0 },
            roll,
            resting: figure.resting_parts(),
            mirror,
        }
    }

    fn has(&self, p: Prop) -> bool {
        self.figure.props.contains(&p)
    }

    /// Whether the floor is the page: a top view, or a figure lying on its
    /// side seen from above.
    fn seen_from_above(&self) -> bool {
        self.view == View::Top || self.figure.support == Some(Support::Side)
    }

    /// Forward kinematics for `pose` in this figure's view.
    fn posed(&self, pose: &Pose) -> Skeleton {
        let sk = Skeleton::new(pose, self.view);
        if self.mirror { sk.mirrored() } else { sk }
    }

    /// The pose on its support: its lowest resting part (or lowest point)
    /// on the surface. From above, the floor is the page: as posed.
    fn body(&self, pose: &Pose) -> Skeleton {
        let raw = self.posed(pose);
        if self.seen_from_above() {
            return raw;
        }
        let low = lowest(&raw, &self.resting)
            .or_else(|| outline(&raw).iter().map(|(_, p, off)| p.y - off).reduce(f32::min))
            .unwrap_or(0.0);
        raw.shifted(V::new(0.0, self.surface - low))
    }

    /// The start pose (`changes` over `pose`), kept on the same support as
    /// `body`: its anchor over the body's, on the same seat or surface.
    fn start(&self, pose: &Pose, changes: &Pose, body: &Skeleton, chair_seat: Option<f32>) -> Skeleton {
        let raw = self.posed(&pose.overlaid(changes));
        let anchor = self.figure.support.map_or(Part::both(PartKind::Hips), Support::anchor);
        let dx = mean_x(body, anchor) - mean_x(&raw, anchor);
        let dy = match (self.view, chair_seat) {
            _ if self.seen_from_above() => body.hip.y - raw.hip.y,
            (_, Some(_)) => body.hip.y - raw.hip.y,
            _ => lowest(&raw, &self.resting).map_or(body.hip.y - raw.hip.y, |low| self.surface - low),
        };
        raw.shifted(V::new(dx, dy))
    }
}

/// Places `figure`, or returns `None` when it has no pose to draw.
pub fn place(figure: &Figure) -> Option<Scene> {
    let pose = figure.pose.as_ref()?;
    if figure.photo.is_some() {
        return None;
    }
    let g = Ground::new(figure);
    let view = g.view;
    let body = g.body(pose);
    let chair_seat = (g.has(Prop::Chair) && figure.support == Some(Support::Seat))
        .then_some(body.hip.y - size::TORSO_HALF);
    let start = figure.start.as_ref().map(|changes| g.start(pose, changes, &body, chair_seat));
    let bodies: Vec<&Skeleton> = std::iter::once(&body).chain(start.as_ref()).collect();

    let mut issues = Vec::new();
    let placed = if !g.seen_from_above() {
        let mut beside: Vec<Placed> =
            props::roll(&g, &body, start.as_ref(), &mut issues).into_iter().collect();
        for (sk, is_start) in bodies.iter().zip([false, true]) {
            issues.extend(rest::check(&g, sk, is_start));
        }
        beside.extend(props::chair(&g, &body, chair_seat, &mut issues));
        beside.extend(props::walls(&g, &bodies, &mut issues));
        let mut placed = props::floor_and_mat(&g, props::extent(&bodies), &beside);
        placed.extend(beside);
        placed
    } else {
        let mut placed: Vec<Placed> =
            g.has(Prop::Mat).then(|| props::mat_from_above(&bodies)).into_iter().collect();
        // Lying on the side, the head rests on a cushion.
        if figure.support == Some(Support::Side) {
            placed.push(props::cushion_under(&body));
        }
        placed
    };
    issues.extend(props::list_problems(&figure.props, view));

    let mut arrows = Vec::new();
    for (i, arrow) in figure.arrows.iter().enumerate() {
        match arrow::shape(arrow, &body, start.as_ref(), view) {
            Ok(shape) => arrows.push(shape),
            Err((field, message)) => {
                issues.push(Issue { field: format!("figure.arrows[{i}]{field}"), message })
            }
        }
    }

    let cut = (figure.framing == Framing::UpperBody).then(|| match chair_seat {
        // Seated on a chair: cut below the seat, so the thighs rest on it;
        // from the front, where the thighs come toward you and look short,
        // lower, so the bent knees and the shins below them show too.
        Some(seat) if view == View::Front => seat - SEAT_CUT_BELOW_FRONT,
        Some(seat) => seat - SEAT_CUT_BELOW,
        None => start.as_ref().map_or(body.hip.y, |s| s.hip.y.min(body.hip.y)) + UPPER_BODY_CUT,
    });
    Some(Scene { view, facing: figure.facing(), body, start, props: placed, arrows, cut, issues })
}

/// How far above the hips an upper-body figure is cut off (at the waist:
/// the legs are not drawn, so the picture holds standing or seated).
pub const UPPER_BODY_CUT: f32 = 0.35;

/// How far below the chair seat an upper-body figure sitting on a chair is
/// cut off: the seat and the thighs on it show, so the figure sits.
pub const SEAT_CUT_BELOW: f32 = 0.45;

/// The same, seen from the front: the thighs toward you look short, and
/// the shins hanging from the knees are what shows the figure sits.
pub const SEAT_CUT_BELOW_FRONT: f32 = 1.0;

/// The shortest move arrow drawn, in head heights: room for a shaft
/// about twice as long as the head behind it (about 6 mm on a desk card).
pub const SHORTEST_ARROW: f32 = 2.0;

/// How far the walls of a corner reach out beyond the faces pressed on them.
pub const CORNER_REACH: f32 = 0.9;

/// Width of a door post.
pub const DOOR_POST: f32 = 0.4;

/// The x extent of a chair under hips at `x`.
pub fn chair_span(x: f32, view: View) -> (f32, f32) {
    match view {
        View::Side => (x - 0.6, x + 1.5),
        _ => (x - 1.25, x + 1.25),
    }
}

#[cfg(test)]
mod tests {
    use super::props::roll_gap;
    use super::*;
    use crate::content::Side;

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
    fn a_wall_on_both_sides_is_a_corner() {
        let text = "view = \"front\"\nfacing = \"away\"\nsupport = \"feet\"\nprops = [\"floor\", \"wall\"]\n\
                    against = [\"left_forearm\", \"right_forearm\"]\n[pose]\nleft_shoulder = 90\nleft_elbow = 90\n\
                    right_shoulder = 90\nright_elbow = 90\n";
        let scene = place(&figure(text)).unwrap();
        assert!(scene.issues.is_empty(), "{:?}", scene.issues);
        let corner = scene.props.iter().find_map(|p| match p {
            Placed::Corner { x0, x1, .. } => Some((*x0, *x1)),
            _ => None,
        });
        let (x0, x1) = corner.expect("a corner");
        // Each forearm lies flat on its wall, one on each side.
        let right = scene.body.limb(Side::Right, false).unwrap().points[1].x;
        let left = scene.body.limb(Side::Left, false).unwrap().points[1].x;
        assert!((x0 - (right.min(left) - size::LIMB_HALF)).abs() < 1e-4, "{x0}");
        assert!((x1 - (right.max(left) + size::LIMB_HALF)).abs() < 1e-4, "{x1}");
        assert!(!scene.props.iter().any(|p| matches!(p, Placed::Wall { .. })));
        // Seen from the side, the wall stays one wall.
        let side = "support = \"feet\"\nprops = [\"floor\", \"wall\"]\n[pose]\n";
        assert!(place(&figure(side)).unwrap().props.iter().any(|p| matches!(p, Placed::Wall { .. })));
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
    fn a_figure_lying_on_its_side_is_seen_from_above_on_a_mat() {
        let text =
            "support = \"side\"\nprops = [\"mat\"]\n[pose]\ntorso = 90\nnear_hip = 70\nnear_knee = 110\n";
        let scene = place(&figure(text)).unwrap();
        assert!(scene.issues.is_empty(), "{:?}", scene.issues);
        // As posed (the floor is the page), on a mat drawn under it all.
        assert_eq!(scene.body.hip, V::default());
        assert!(matches!(
            scene.props.as_slice(),
            [Placed::Mat { from_above: true, .. }, Placed::Cushion { .. }]
        ));
    }

    #[test]
    fn upper_body_framing_on_a_chair_cuts_below_the_seat() {
        let text = "framing = \"upper-body\"\nsupport = \"seat\"\nprops = [\"floor\", \"chair\"]\n\
                    [pose]\nnear_hip = 90\nfar_hip = 90\nnear_knee = 90\nfar_knee = 90\n";
        let scene = place(&figure(text)).unwrap();
        let seat = scene.props.iter().find_map(|p| match p {
            Placed::Chair { seat, .. } => Some(*seat),
            _ => None,
        });
        let seat = seat.expect("a chair");
        assert_eq!(scene.cut, Some(seat - SEAT_CUT_BELOW));
        assert!(scene.cut.unwrap() < scene.body.hip.y);
    }

    #[test]
    fn upper_body_framing_cuts_at_the_waist() {
        let scene = place(&figure("framing = \"upper-body\"\nsupport = \"feet\"\n[pose]\n")).unwrap();
        assert_eq!(scene.cut, Some(scene.body.hip.y + UPPER_BODY_CUT));
    }
}
