//! Forward kinematics: a pose's joint angles over the fixed proportions of
//! [`super::body`] become joint positions, seen from the figure's view.

use super::body::{V, size};
use crate::content::{Joint, Kind, Pose, Side, View};

/// An arm or a leg after forward kinematics.
#[derive(Debug, Clone, PartialEq)]
pub struct Limb {
    pub side: Side,
    pub leg: bool,
    /// Shoulder, elbow, wrist, fingertips — or hip, knee, ankle, toes.
    pub points: [V; 4],
    /// Per bone (upper, lower, hand or foot): drawn behind the body.
    pub behind: [bool; 3],
}

/// Joint positions of one pose, in head heights, y up.
#[derive(Debug, Clone, PartialEq)]
pub struct Skeleton {
    pub view: View,
    /// The centre of the pelvis.
    pub hip: V,
    /// The middle of the torso.
    pub mid: V,
    /// The top of the torso, at the base of the neck.
    pub neck: V,
    /// The top of the neck.
    pub chin: V,
    /// The centre of the head.
    pub head: V,
    /// Where the face points: front and top views, in head radii across
    /// the face (+ toward +x on the page) and down (a nod toward you); side
    /// view, how far it turns toward you (+) or away (−).
    pub look: V,
    /// Front and top views: how far the chest is turned (degrees, + toward
    /// the figure's left).
    pub turn: f32,
    /// Arms then legs, far/right before near/left.
    pub limbs: Vec<Limb>,
}

impl Skeleton {
    /// Forward kinematics: joint positions for `pose` seen from `view`, the
    /// pelvis at the origin.
    pub fn new(pose: &Pose, view: View) -> Skeleton {
        use size::*;
        let a = |side: Option<Side>, kind| pose.angle(Joint { side, kind });
        let depth = |side: Option<Side>, kind| {
            let joint = Joint { side, kind };
            let default = if view != View::Side && kind == Kind::Ankle { 60.0 } else { 0.0 };
            pose.depth.get(&joint).copied().unwrap_or(default)
        };
        // A bone tipped toward you looks shorter; tipped past 90 it comes over
        // and points the other way.
        let shorten = |side, kind| depth(side, kind).to_radians().cos();
        // Front and top views are side views turned by a quarter about the
        // vertical; their lean is toward the figure's left (+x on the page).
        let t = a(None, Kind::Torso);
        let s = a(None, Kind::Spine);
        let torso_len = TORSO / 2.0 * shorten(None, Kind::Torso);
        // `up` directions of the lower and upper half of the torso.
        let lower = V::dir(180.0 - (t - s / 2.0));
        let upper = V::dir(180.0 - (t + s / 2.0));
        let hip = V::default();
        let mid = hip + lower * torso_len;
        let neck = mid + upper * torso_len;
        let n = t + s / 2.0 + a(None, Kind::Neck);
        let chin = neck + V::dir(180.0 - n) * (NECK * shorten(None, Kind::Neck));
        // The head sits on the top of the neck whatever the neck does: a
        // nod toward you shortens the neck, never sinks the head into it.
        let head = chin + V::dir(180.0 - n - a(None, Kind::Head)) * HEAD_R;
        let nod = depth(None, Kind::Neck).to_radians().sin();
        let look = V::new((a(None, Kind::Turn) + a(None, Kind::Look)).to_radians().sin(), nod);

        let narrow = a(None, Kind::Turn).to_radians().cos().max(0.0);
        let mut limbs = Vec::with_capacity(4);
        for leg in [false, true] {
            for side in view.sides() {
                // +1 for limbs on the +x side of a front view, −1 on the −x side.
                let (sign, root) = match (view, leg) {
                    (View::Side, false) => {
                        let lift = (a(Some(side), Kind::Shrug) - COLLAR_DROP).to_radians().sin();
                        (1.0, neck + upper * (COLLAR * lift))
                    }
                    (View::Side, true) => (1.0, hip),
                    (_, false) => {
                        let sign = if side == Side::Left { 1.0 } else { -1.0 };
                        let lift = (a(Some(side), Kind::Shrug) - COLLAR_DROP).to_radians();
                        let out = upper.cw() * (sign * COLLAR * lift.cos() * narrow);
                        (sign, neck + out + upper * (COLLAR * lift.sin()))
                    }
                    (_, true) => {
                        let sign = if side == Side::Left { 1.0 } else { -1.0 };
                        (sign, hip + lower.cw() * (sign * PELVIS))
                    }
                };
                let this = side;
                let side = Some(side);
                let [k1, k2, k3] = if leg {
                    [Kind::Hip, Kind::Knee, Kind::Ankle]
                } else {
                    [Kind::Shoulder, Kind::Elbow, Kind::Wrist]
                };
                let [l1, l2, l3] = if leg { [THIGH, SHIN, FOOT] } else { [UPPER_ARM, FOREARM, HAND] };
                // Absolute directions (degrees from straight down toward +x).
                let d1 = sign * a(side, k1) - t;
                let d2 = if leg && view == View::Side {
                    d1 - a(side, k2)
                } else if leg {
                    // Front and top views: the shin turns outward (+).
                    d1 + sign * a(side, k2)
                } else {
                    d1 + sign * a(side, k2)
                };
                let d3 = if leg { d2 + sign * (90.0 - a(side, k3)) } else { d2 + sign * a(side, k3) };
                let p1 = root + V::dir(d1) * (l1 * shorten(side, k1));
                let p2 = p1 + V::dir(d2) * (l2 * shorten(side, k2));
                let p3 = p2 + V::dir(d3) * (l3 * shorten(side, k3));
                let far = this == Side::Far;
                limbs.push(Limb {
                    side: this,
                    leg,
                    points: [root, p1, p2, p3],
                    // A far bone tipped toward you (threading under the
                    // chest) comes in front of the body.
                    behind: [k1, k2, k3].map(|k| {
                        let d = depth(side, k);
                        d < 0.0 || (far && d <= 0.0)
                    }),
                });
            }
        }
        let turn = a(None, Kind::Turn);
        let skeleton = Skeleton { view, hip, mid, neck, chin, head, look, turn, limbs };
        // Seen from above, a figure lying face down has its left on your
        // left: the front view mirrored.
        if view == View::Top { skeleton.mirrored() } else { skeleton }
    }

    /// Mirrored left to right about x = 0.
    pub fn mirrored(mut self) -> Skeleton {
        let flip = |p: &mut V| p.x = -p.x;
        for p in [&mut self.hip, &mut self.mid, &mut self.neck, &mut self.chin, &mut self.head] {
            flip(p);
        }
        self.look.x = -self.look.x;
        self.turn = -self.turn;
        for limb in &mut self.limbs {
            limb.points.iter_mut().for_each(flip);
        }
        self
    }

    /// The limb on `side`, arm or leg.
    pub fn limb(&self, side: Side, leg: bool) -> Option<&Limb> {
        self.limbs.iter().find(|l| l.side == side && l.leg == leg)
    }

    /// Moved by `d`.
    pub fn shifted(&self, d: V) -> Skeleton {
        let mut s = self.clone();
        for p in [&mut s.hip, &mut s.mid, &mut s.neck, &mut s.chin, &mut s.head] {
            *p = *p + d;
        }
        for limb in &mut s.limbs {
            for p in &mut limb.points {
                *p = *p + d;
            }
        }
        s
    }

    /// The torso line at `u` (0 at the pelvis, 1 at the base of the neck):
    /// a smooth curve through the pelvis, the middle and the neck.
    pub fn torso_at(&self, u: f32) -> V {
        let c = self.torso_control();
        let w = 1.0 - u;
        self.hip * (w * w) + c * (2.0 * w * u) + self.neck * (u * u)
    }

    /// The direction of the torso line at `u`.
    pub fn torso_tangent(&self, u: f32) -> V {
        let c = self.torso_control();
        ((c - self.hip) * (1.0 - u) + (self.neck - c) * u).norm()
    }

    /// The control point of the torso curve (a quadratic Bézier through the
    /// middle of the torso at u = 0.5).
    pub fn torso_control(&self) -> V {
        self.mid * 2.0 - (self.hip + self.neck) * 0.5
    }

    /// The side of the torso the back is on, at `u` (side view).
    pub fn back_normal(&self, u: f32) -> V {
        self.torso_tangent(u).cw() * -1.0
    }

    /// Points on the surface of the body with the distance from each to the
    /// body's outline: every joint and a few points along the torso.
    pub fn outline_points(&self) -> Vec<(V, f32)> {
        use size::*;
        let mut points: Vec<(V, f32)> =
            (0..=8).map(|i| (self.torso_at(i as f32 / 8.0), TORSO_HALF)).collect();
        points.push((self.chin, LIMB_HALF));
        points.push((self.head, HEAD_R));
        for limb in &self.limbs {
            points.extend(limb.points.iter().skip(1).map(|p| (*p, LIMB_HALF)));
        }
        points
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pose(text: &str) -> Pose {
        toml::from_str(text).unwrap()
    }

    fn close(a: V, b: V) -> bool {
        (a - b).len() < 1e-3
    }

    #[test]
    fn standing_figure_has_human_proportions() {
        let s = Skeleton::new(&Pose::default(), View::Side);
        use size::*;
        let leg = s.limb(Side::Near, true).unwrap();
        // Hip at the origin, knee and ankle straight below, toes forward.
        assert!(close(leg.points[1], V::new(0.0, -THIGH)));
        assert!(close(leg.points[2], V::new(0.0, -THIGH - SHIN)));
        assert!(close(leg.points[3], V::new(FOOT, -THIGH - SHIN)));
        assert!(close(s.neck, V::new(0.0, TORSO)));
        let height = s.head.y + HEAD_R - leg.points[2].y;
        assert!((7.2..7.8).contains(&height), "{height}");
        let arm = s.limb(Side::Near, false).unwrap();
        // Fingertips hang at mid-thigh.
        assert!(arm.points[3].y < 0.0 && arm.points[3].y > -THIGH);
    }

    #[test]
    fn side_view_angles_are_relative() {
        // On all fours: torso forward 90, hips and shoulders bent 90.
        let p = pose("torso = 90\nnear_shoulder = 90\nnear_hip = 90\nnear_knee = 90\nnear_elbow = 30");
        let s = Skeleton::new(&p, View::Side);
        use size::*;
        assert!(close(s.neck, V::new(TORSO, 0.0)));
        let leg = s.limb(Side::Near, true).unwrap();
        // Thigh straight down, shin back along the floor.
        assert!(close(leg.points[1], V::new(0.0, -THIGH)));
        assert!(close(leg.points[2], V::new(-SHIN, -THIGH)));
        let arm = s.limb(Side::Near, false).unwrap();
        let drop = COLLAR * (-COLLAR_DROP).to_radians().sin();
        let shoulder = V::new(TORSO + drop, 0.0);
        assert!(close(arm.points[0], shoulder));
        assert!(close(arm.points[1], shoulder + V::new(0.0, -UPPER_ARM)));
        // The elbow bends 30 forward: the forearm points down and forward.
        let forearm = V::dir(30.0) * FOREARM;
        assert!(close(arm.points[2], shoulder + V::new(0.0, -UPPER_ARM) + forearm));
        // Far limbs are drawn behind; near ones are not.
        assert!(s.limb(Side::Far, false).unwrap().behind.iter().all(|b| *b));
        assert!(!arm.behind[0]);
    }

    #[test]
    fn front_view_mirrors_left_and_right() {
        let p = pose("left_shoulder = 90\nright_shoulder = 90\nleft_elbow = 90");
        let s = Skeleton::new(&p, View::Front);
        let left = s.limb(Side::Left, false).unwrap();
        let right = s.limb(Side::Right, false).unwrap();
        // Arms straight out to each side; the left forearm points up.
        assert!(left.points[1].x > left.points[0].x + 1.4);
        assert!(right.points[1].x < right.points[0].x - 1.4);
        assert!(close(left.points[2], left.points[1] + V::new(0.0, size::FOREARM)));
        assert!((left.points[0].x + right.points[0].x).abs() < 1e-4);
    }

    #[test]
    fn depth_shortens_and_puts_bones_behind() {
        let p = pose("near_shoulder = 90\n[depth]\nnear_shoulder = 60\nnear_elbow = -30");
        let s = Skeleton::new(&p, View::Side);
        let arm = s.limb(Side::Near, false).unwrap();
        assert!(((arm.points[1] - arm.points[0]).len() - size::UPPER_ARM / 2.0).abs() < 1e-3);
        assert_eq!(arm.behind, [false, true, false]);
    }

    #[test]
    fn spine_bends_the_back_without_moving_the_chord() {
        let straight = Skeleton::new(&pose("torso = 90"), View::Side);
        let round = Skeleton::new(&pose("torso = 90\nspine = 40"), View::Side);
        // Rounded: the middle of the back rises above the line hip–neck.
        assert!(round.mid.y > 0.3);
        assert!(round.neck.y.abs() < 1e-3 && round.neck.x < straight.neck.x);
        assert!((round.torso_at(0.5).y - round.mid.y).abs() < 1e-4);
    }
}
