//! The body drawn as a simple mannequin: tapered limbs and a torso with
//! volume, outlined with a light fill; hands and feet; a head that shows
//! where the face points (a nose and eye in side view, a face or the back of
//! the head in front and top views). Far limbs are lighter and behind, the
//! start pose lighter still.
//!
//! Limbs are drawn as two round-capped strokes per bone, a wide one in the
//! outline colour and a narrower one in the fill on top: a tapered tube in
//! four points a bone, which keeps a card small.

use super::body::{V, size};
use super::draw::{FAR, FAR_FILL, HAIR, INK, NEAR_FILL, START, START_FILL};
use super::pose::{Limb, Skeleton};
use super::shape::{Pen, Shape};
use crate::content::{Facing, Side, View};
use crate::doc::Color;

/// Outline width around every body shape, in head heights and points.
const LINE: (f32, f32) = (0.055, 0.45);
/// Widths of an arm's bones (upper arm, forearm, hand) in head heights: the
/// hand a little wider than the wrist, so it reads as a hand.
const ARM: [f32; 3] = [0.3, 0.24, 0.27];
/// Widths of a leg's bones (thigh, shin, foot).
const LEG: [f32; 3] = [0.44, 0.32, 0.2];
/// The least width of a limb's fill, in points.
const LIMB_MIN: f32 = 1.1;
/// Half-depth of the torso in side view, measured from the spine line
/// toward the front at u = 0 (pelvis), ¼, ½, ¾ and 1 (base of the neck).
const FRONT: [f32; 5] = [0.46, 0.4, 0.4, 0.56, 0.36];
/// From the spine line to the surface of the back (side view).
const BACK: f32 = size::TORSO_HALF + 0.04;
/// Half-width of the torso seen from the front or above, at the same u.
const WIDE: [f32; 5] = [0.62, 0.54, 0.5, 0.66, 0.74];
const NECK_W: f32 = 0.24;
/// Side view: from how far a face turned toward you (the sine of `look`)
/// it is drawn from the front rather than in profile.
const TURNED_TO_YOU: f32 = 0.85;
/// Seen from above, how far the seat rounds out below the pelvis.
const SEAT: f32 = 0.3;

/// The colours of one limb or of the trunk: outline and fill.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tone {
    pub line: Color,
    pub fill: Color,
}

pub const NEAR_TONE: Tone = Tone { line: INK, fill: NEAR_FILL };
pub const FAR_TONE: Tone = Tone { line: FAR, fill: FAR_FILL };
pub const START_TONE: Tone = Tone { line: START, fill: START_FILL };

fn outline_pen(width: f32, color: Color) -> Pen {
    Pen { width: width + 2.0 * LINE.0, min: LIMB_MIN + 2.0 * LINE.1, color }
}

fn fill_pen(width: f32, color: Color) -> Pen {
    Pen { width, min: LIMB_MIN, color }
}

fn edge_pen(color: Color) -> Pen {
    Pen { width: LINE.0, min: LINE.1, color }
}

/// Bones `from..to` of a limb as outline strokes then fill strokes.
fn tube(limb: &Limb, from: usize, to: usize, tone: Tone, out: &mut Vec<Shape>) {
    let widths = if limb.leg { LEG } else { ARM };
    let bones = || (from..to).map(|bone| ([limb.points[bone], limb.points[bone + 1]], widths[bone]));
    for (pts, width) in bones() {
        out.push(Shape::line(&pts, outline_pen(width, tone.line)));
    }
    for (pts, width) in bones() {
        out.push(Shape::line(&pts, fill_pen(width, tone.fill)));
    }
}

/// The torso outline: a tapered shape around the spine line.
fn torso(sk: &Skeleton, tone: Tone) -> Shape {
    let us = [0.0, 0.25, 0.5, 0.75, 1.0];
    let mut points = Vec::with_capacity(10);
    let normal = |u: f32| sk.back_normal(u);
    if sk.view == View::Side {
        for u in us {
            points.push(sk.torso_at(u) + normal(u) * BACK);
        }
        for (u, d) in us.iter().zip(FRONT).rev() {
            points.push(sk.torso_at(*u) - normal(*u) * d);
        }
    } else {
        // A turned chest looks narrower; the pelvis stays square.
        let narrow = 1.0 - sk.turn.to_radians().cos().max(0.0);
        let width = |u: f32, w: f32| w * (1.0 - narrow * u * 0.8);
        let [below, above] = shoulder_line(sk);
        for (u, w) in us.iter().zip(WIDE).take(4) {
            points.push(sk.torso_at(*u) + normal(*u) * width(*u, w));
        }
        points.extend([below[0], above[0], above[1], below[1]]);
        for (u, w) in us.iter().zip(WIDE).take(4).rev() {
            points.push(sk.torso_at(*u) - normal(*u) * width(*u, w));
        }
        if sk.view == View::Top {
            // From above, sitting back on the heels: the rounded seat below
            // the pelvis.
            let (base, down) = (sk.torso_at(0.0), sk.torso_tangent(0.0) * -SEAT);
            let n = normal(0.0);
            let w = WIDE[0];
            points.extend([
                base - n * (w * 0.85) + down * 0.6,
                base - n * (w * 0.4) + down,
                base + n * (w * 0.4) + down,
                base + n * (w * 0.85) + down * 0.6,
            ]);
        }
    }
    Shape::polygon(&points, tone.fill, Some(edge_pen(tone.line)))
}

/// Front and top views: the top of the trunk, from the shoulders up to the
/// sides of the neck, so a shrug lifts the shoulder line with the arms.
/// The back-normal side first: [shoulders, sides of the neck].
fn shoulder_line(sk: &Skeleton) -> [[V; 2]; 2] {
    let up = sk.torso_tangent(1.0);
    let normal = sk.back_normal(1.0);
    let mut roots: Vec<V> = sk.limbs.iter().filter(|l| !l.leg).map(|l| l.points[0]).collect();
    roots.sort_by(|a, b| {
        let (da, db) = (
            (*a - sk.neck).x * normal.x + (*a - sk.neck).y * normal.y,
            (*b - sk.neck).x * normal.x + (*b - sk.neck).y * normal.y,
        );
        db.total_cmp(&da)
    });
    let lift = |p: V| p + up * 0.16;
    let (a, b) = match roots.as_slice() {
        [a, b] => (lift(*a), lift(*b)),
        _ => (sk.neck + normal * WIDE[4], sk.neck - normal * WIDE[4]),
    };
    let height = |p: V| (p - sk.neck).x * up.x + (p - sk.neck).y * up.y;
    let rise = (height(a).max(height(b)) - 0.1).clamp(0.1, 0.24);
    let side = NECK_W * 0.7;
    [[a, b], [sk.neck + normal * side + up * rise, sk.neck - normal * side + up * rise]]
}

/// Front view, a turned chest: the line of the breastbone, moved toward
/// the side the chest turns to, so the twist shows without the arrow.
fn breastbone(sk: &Skeleton, tone: Tone) -> Option<Shape> {
    if sk.view != View::Front || sk.turn.abs() < 10.0 {
        return None;
    }
    let shift = sk.turn.to_radians().sin() * 0.45;
    let at = |u: f32| sk.torso_at(u) - sk.back_normal(u) * (shift * u);
    Some(Shape::line(&[at(0.95), at(0.7), at(0.45)], edge_pen(tone.line)))
}

/// Seen from behind (a figure facing away, or face down from above): the
/// line of the spine down the middle of the back, so the back reads as a
/// back and a side bend shows in its curve.
fn spine(sk: &Skeleton, tone: Tone) -> Shape {
    let points: Vec<V> = (0..=6).map(|i| sk.torso_at(0.12 + 0.13 * i as f32)).collect();
    Shape::line(&points, edge_pen(tone.line))
}

/// The neck, drawn before the head (and what passes behind it).
fn neck(sk: &Skeleton, tone: Tone, out: &mut Vec<Shape>) {
    let neck = [sk.neck, sk.chin];
    out.push(Shape::line(&neck, outline_pen(NECK_W, tone.line)));
    out.push(Shape::line(&neck, fill_pen(NECK_W, tone.fill)));
}

/// The head, with what shows which way the face points.
fn head(sk: &Skeleton, tone: Tone, facing: Option<Facing>, start: bool, out: &mut Vec<Shape>) {
    let up = (sk.head - sk.chin).norm();
    let across = up.cw();
    let r = size::HEAD_R;
    let away = facing == Some(Facing::Away);
    let fill = if away && !start { HAIR } else { tone.fill };
    if sk.view == View::Side && sk.look.x.abs() >= TURNED_TO_YOU {
        // Side view, the face turned to you (or away): drawn from the
        // front, the eyes toward the face side.
        let toward = sk.look.x > 0.0;
        let fill = if toward || start { tone.fill } else { HAIR };
        out.push(Shape::circle(sk.head, r, Some(fill), Some(edge_pen(tone.line))));
        if toward && !start {
            let mut seen = sk.clone();
            seen.look.x = 1.0 - sk.look.x;
            face(&seen, tone, out);
        }
        return;
    }
    if sk.view == View::Side {
        // A nose on the face side (the figure faces +x when upright).
        let base = sk.head + across * (r * 0.93);
        let nose = [base + up * 0.12, base + across * 0.15 - up * 0.04, base - up * 0.1];
        out.push(Shape::polygon(&nose, tone.fill, Some(edge_pen(tone.line))));
        out.push(Shape::circle(sk.head, r, Some(fill), Some(edge_pen(tone.line))));
        if !start {
            let eye = sk.head + across * (r * 0.55) + up * 0.08;
            out.push(Shape::line(&[eye, eye], fill_pen(0.09, tone.line)));
        }
        return;
    }
    out.push(Shape::circle(sk.head, r, Some(fill), Some(edge_pen(tone.line))));
    if away || start {
        return;
    }
    face(sk, tone, out);
}

/// Facing you: two eyes and a mouth, moved the way the face points (a
/// turned face shows a nose toward the side it looks to; a nod lowers the
/// eyes).
fn face(sk: &Skeleton, tone: Tone, out: &mut Vec<Shape>) {
    let up = (sk.head - sk.chin).norm();
    let across = up.cw();
    let r = size::HEAD_R;
    let (turned, nod) = (sk.look.x.clamp(-1.0, 1.0), sk.look.y.clamp(0.0, 1.0));
    let centre = sk.head + across * (r * 0.5 * turned) - up * (r * 0.3 * nod);
    let apart = 0.17 * (1.0 - 0.4 * turned.abs());
    // Eyes looking down are short lids; looking ahead, dots.
    let lid = across * (0.05 * nod);
    for side in [-1.0, 1.0] {
        let eye = centre + across * (apart * side) + up * 0.06;
        out.push(Shape::line(&[eye - lid, eye + lid], fill_pen(0.1, tone.line)));
    }
    if turned.abs() > 0.2 {
        let tip = centre + across * (0.12 * turned.signum()) - up * 0.1;
        out.push(Shape::line(&[centre, tip], edge_pen(tone.line)));
    }
    if nod > 0.4 {
        // The chin is lowered: the mouth is out of sight.
        return;
    }
    let mouth = centre - up * 0.2;
    let half = 0.1 * (1.0 - 0.3 * turned.abs());
    out.push(Shape::line(&[mouth - across * half, mouth + across * half], edge_pen(tone.line)));
}

/// (A far limb tipped toward you all along, threading under the chest,
/// is drawn in front and dark, like a near one.)
///
/// Front view, a chest turned well to one side (50° or more; less, the arm
/// still shows beside the body and a light one would read as missing): the
/// arm on the side that turns away from you, drawn like a far limb, unless
/// its elbow is raised above the shoulder (a hand behind the head shows
/// beside the head: it is the working arm, drawn dark).
fn turned_back(sk: &Skeleton, limb: &Limb) -> bool {
    let back = if sk.turn < 0.0 { Side::Right } else { Side::Left };
    let raised = limb.points[1].y > limb.points[0].y;
    sk.view == View::Front && sk.turn.abs() >= 50.0 && !limb.leg && limb.side == back && !raised
}

/// The body of one pose in painting order: limbs behind the body, torso,
/// neck, near limbs tipped away, head, limbs in front. `start` draws it
/// all in the start tone;
/// `over` is the pose drawn on top, whose identical limbs are skipped.
/// `no_legs` leaves the legs out (an upper-body figure).
pub fn body(
    sk: &Skeleton,
    start: bool,
    over: Option<&Skeleton>,
    facing: Option<Facing>,
    no_legs: bool,
) -> Vec<Shape> {
    let mut behind = Vec::new();
    let mut beside_head = Vec::new();
    let mut front = Vec::new();
    let same = |a: &[V], b: &[V]| a.iter().zip(b).all(|(p, q)| (*p - *q).len() < 0.01);
    let tone_of = |limb: &Limb| {
        if start {
            START_TONE
        } else if (limb.side == Side::Far && limb.behind.iter().any(|b| *b)) || turned_back(sk, limb) {
            FAR_TONE
        } else {
            NEAR_TONE
        }
    };
    for (i, limb) in sk.limbs.iter().enumerate() {
        if no_legs && limb.leg {
            continue;
        }
        if let Some(end) = over.and_then(|o| o.limbs.get(i))
            && same(&limb.points, &end.points)
        {
            continue;
        }
        // Runs of bones on the same layer become one tube.
        let mut i = 0;
        while i < 3 {
            let layer = limb.behind[i];
            let mut j = i;
            while j + 1 < 3 && limb.behind[j + 1] == layer {
                j += 1;
            }
            let into = match layer {
                false => &mut front,
                true if tipped_near(sk, limb) => &mut beside_head,
                true => &mut behind,
            };
            tube(limb, i, j + 1, tone_of(limb), into);
            i = j + 1;
        }
    }
    let tone = if start { START_TONE } else { NEAR_TONE };
    let mut out = behind;
    // Seen from the side, far limbs sit behind the torso; the trunk is one
    // shape, then the head on its neck.
    out.push(torso(sk, tone));
    if facing != Some(Facing::Away) {
        out.extend(breastbone(sk, tone));
    } else if !start {
        out.push(spine(sk, tone));
    }
    neck(sk, tone, &mut out);
    out.extend(beside_head);
    head(sk, tone, facing, start, &mut out);
    out.extend(front);
    out
}

/// Side view, a near limb tipped a little away from you (an arm overhead
/// or reaching forward past the head, a hand behind the head): it is still
/// nearer than the trunk and the neck, so it is drawn over them from the
/// shoulder and only the head comes in front of it.
fn tipped_near(sk: &Skeleton, limb: &Limb) -> bool {
    sk.view == View::Side && limb.side == Side::Near
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Relative luminance of a grey or colour, 0 (black) to 1 (white).
    fn luminance(c: Color) -> f32 {
        f32::from(c.luma()) / 255.0
    }

    #[test]
    fn a_turned_away_arm_is_far_unless_raised_beside_the_head() {
        let skeleton = |text: &str| {
            let pose: crate::content::Pose = toml::from_str(text).unwrap();
            Skeleton::new(&pose, View::Front)
        };
        // Chest turned to the right: the right arm turns away.
        let hanging = skeleton("turn = -50");
        let raised = skeleton("turn = -50\nright_shoulder = 108\nright_elbow = 150");
        let right_arm = |sk: &Skeleton| sk.limb(Side::Right, false).unwrap().clone();
        assert!(turned_back(&hanging, &right_arm(&hanging)));
        assert!(!turned_back(&raised, &right_arm(&raised)));
        // The arm on the side turning toward you is never far.
        let left_arm = hanging.limb(Side::Left, false).unwrap().clone();
        assert!(!turned_back(&hanging, &left_arm));
    }

    #[test]
    fn a_side_view_face_turned_to_you_is_drawn_from_the_front() {
        let head = |look: f32| {
            let pose: crate::content::Pose = toml::from_str(&format!("look = {look}")).unwrap();
            let mut out = Vec::new();
            super::head(&Skeleton::new(&pose, View::Side), NEAR_TONE, None, false, &mut out);
            out
        };
        // In profile: a nose (a filled triangle) and one eye.
        let profile = head(0.0);
        let noses = |shapes: &[Shape]| shapes.iter().filter(|s| s.closed && s.points().count() == 3).count();
        let dots = |shapes: &[Shape]| shapes.iter().filter(|s| s.pen.is_some_and(|p| p.width == 0.1)).count();
        assert_eq!(noses(&profile), 1);
        // Turned to you: no profile nose, two eyes.
        let turned = head(90.0);
        assert_eq!(noses(&turned), 0);
        assert_eq!(dots(&turned), 2);
        // Turned away: the back of the head, no face.
        let away = head(-90.0);
        assert_eq!(noses(&away) + dots(&away), 0);
        assert!(away.iter().any(|s| s.fill == Some(HAIR)));
    }

    #[test]
    fn near_and_far_limbs_differ_in_grayscale() {
        // The outline carries the difference; the fill helps.
        assert!(luminance(FAR_TONE.line) - luminance(NEAR_TONE.line) >= 0.35);
        assert!(luminance(FAR_TONE.fill) - luminance(NEAR_TONE.fill) >= 0.1);
        // The start pose is lighter than both.
        assert!(luminance(START_TONE.line) > luminance(FAR_TONE.line) + 0.05);
        assert!(luminance(START_TONE.fill) >= luminance(FAR_TONE.fill));
        // Every outline stands out from its own fill.
        for tone in [NEAR_TONE, FAR_TONE, START_TONE] {
            assert!(luminance(tone.fill) - luminance(tone.line) >= 0.15, "{tone:?}");
        }
    }
}
