//! A figure as done in another position: a stretch that can be done
//! standing or seated is drawn once, in one of them, and this makes the
//! other from it. Standing ↔ seated, in a side or front view: the support
//! (feet ↔ seat), the chair prop, and the legs at standing or sitting
//! angles, for the pose and the start pose alike; the arms, back, neck and
//! head, and so the movement and its arrows, are kept. A pure change of the
//! figure format: nothing here places or draws anything.
//!
//! Seated, the thighs go forward: level in a side view (the hip bent 90°
//! more than the torso leans), and toward you in a front view (tipped 80°
//! out of the picture, so they look short, the shins hanging straight down),
//! the way the seated figures of the library are drawn. Standing, the thighs
//! hang straight down under the hips and the knees are straight.
//!
//! A figure may give the angles that differ in the other position
//! (`[figure.standing]` or `[figure.seated]`, as [`Pose`] tables); they are
//! laid over the changed pose, the start pose keeping to them where it does
//! not change them itself.
//!
//! What cannot be made this way (lying, kneeling, a top view, a figure with
//! parts pressed on a wall, resting on the floor or lifted, or an arrow on
//! the legs) is left to the figure as drawn.

use super::figure::{Figure, Prop, Side, Support, View};
use super::pose::{Joint, Kind, PartKind, Pose};
use super::vocab::Position;

/// The hips' sideways angle of a figure standing seen from the front: feet
/// a little apart.
const STANDING_FRONT_HIP: f32 = 5.0;
/// Seen from the front, seated: the knees a little apart, the thighs tipped
/// toward you, the shins straight down.
const SEATED_FRONT_HIP: f32 = 10.0;
const SEATED_FRONT_THIGH_DEPTH: f32 = 80.0;

impl Figure {
    /// The position the figure shows, from what holds it up: standing on
    /// its feet, seated on a seat. `None` for other supports, which this
    /// module does not change.
    pub fn shows(&self) -> Option<Position> {
        match self.support? {
            Support::Feet => Some(Position::Standing),
            Support::Seat => Some(Position::Seated),
            _ => None,
        }
    }

    /// This figure as done in `position`, or `None` when it already shows
    /// that position or cannot be made to (see the module's notes): then
    /// the figure as drawn is the one to use.
    pub fn in_position(&self, position: Position) -> Option<Figure> {
        let from = self.shows()?;
        let to = match position {
            Position::Standing | Position::Seated if position != from => position,
            _ => return None,
        };
        if !self.can_change_position() {
            return None;
        }
        let pose = self.pose.as_ref()?;
        let seated = to == Position::Seated;
        let mut figure = self.clone();
        let legs = |p: &Pose| legs(p, self.view, seated);
        let extra = if seated { self.seated.as_ref() } else { self.standing.as_ref() };
        let new_pose = with_legs(pose, &legs(pose)).overlaid(extra.unwrap_or(&Pose::default()));
        figure.start = self.start.as_ref().map(|start| {
            let whole = pose.overlaid(start);
            let mut changes = without_legs(start);
            for (joint, angle) in legs(&whole).angles {
                if new_pose.angle(joint) != angle {
                    changes.angles.insert(joint, angle);
                }
            }
            changes
        });
        figure.pose = Some(new_pose);
        // Laid over already; the changed figure shows its own position.
        (figure.standing, figure.seated) = (None, None);
        figure.support = Some(if seated { Support::Seat } else { Support::Feet });
        figure.props.retain(|p| *p != Prop::Chair);
        if !figure.props.contains(&Prop::Floor) {
            figure.props.insert(0, Prop::Floor);
        }
        if seated {
            figure.props.push(Prop::Chair);
        }
        Some(figure)
    }

    /// Whether nothing but the legs and the support depends on how the
    /// figure is held up: a side or front view, no photo, no parts placed
    /// on a wall or the floor by hand, no arrow on the legs.
    fn can_change_position(&self) -> bool {
        let legs = [PartKind::Hips, PartKind::Knee, PartKind::Shin, PartKind::Foot];
        let on_legs =
            self.arrows.iter().filter_map(|a| a.moves.or(a.circle)).any(|part| legs.contains(&part.kind));
        matches!(self.view, View::Side | View::Front)
            && self.photo.is_none()
            && self.touching.is_empty()
            && self.lifted.is_empty()
            && self.against.is_empty()
            && !on_legs
    }
}

/// The leg joints, both sides.
fn is_leg(joint: &Joint) -> bool {
    matches!(joint.kind, Kind::Hip | Kind::Knee | Kind::Ankle)
}

/// `pose` without any leg angle or depth.
fn without_legs(pose: &Pose) -> Pose {
    let mut out = pose.clone();
    out.angles.retain(|j, _| !is_leg(j));
    out.depth.retain(|j, _| !is_leg(j));
    out
}

/// `pose` with its legs replaced by `legs`.
fn with_legs(pose: &Pose, legs: &Pose) -> Pose {
    without_legs(pose).overlaid(legs)
}

/// The leg angles (and depths) of a figure standing or seated under the
/// torso of `pose`, seen from `view`.
fn legs(pose: &Pose, view: View, seated: bool) -> Pose {
    let torso = pose.angle(Joint::body(Kind::Torso));
    let mut legs = Pose::default();
    for side in view.sides() {
        let mut set = |kind, angle: f32| {
            // Kept to a tenth of a degree: the same figure every time, and
            // short numbers in a saved figure.
            legs.angles.insert(Joint::limb(side, kind), (angle * 10.0).round() / 10.0);
        };
        match view {
            // The thigh's direction is the hip angle less the lean.
            View::Side if seated => {
                set(Kind::Hip, (90.0 + torso).clamp(-45.0, 180.0));
                set(Kind::Knee, 90.0);
            }
            View::Side => set(Kind::Hip, torso.clamp(-45.0, 180.0)),
            _ => {
                // Front: the lean is toward the figure's left (+x); the
                // left leg's angles turn toward +x, the right one's to −x.
                let sign = if side == Side::Left { 1.0 } else { -1.0 };
                let out = if seated { SEATED_FRONT_HIP } else { STANDING_FRONT_HIP };
                set(Kind::Hip, (out + sign * torso).clamp(-60.0, 180.0));
                if seated {
                    set(Kind::Knee, -out);
                    legs.depth.insert(Joint::limb(side, Kind::Hip), SEATED_FRONT_THIGH_DEPTH);
                }
            }
        }
    }
    legs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::figure::Arrow;
    use crate::content::pose::Part;

    fn figure(text: &str) -> Figure {
        toml::from_str(text).unwrap()
    }

    const STANDING_SIDE: &str = "view = \"side\"\nframing = \"upper-body\"\nsupport = \"feet\"\n\
                                 props = [\"floor\"]\n[pose]\ntorso = 10\nnear_hip = 30\nnear_knee = 20\n\
                                 near_elbow = 40\n[start]\ntorso = -6\nnear_hip = -6\nnear_knee = 0\n";

    #[test]
    fn a_standing_side_view_sits_on_a_chair_with_the_thighs_level() {
        let standing = figure(STANDING_SIDE);
        let seated = standing.in_position(Position::Seated).unwrap();
        assert_eq!(seated.support, Some(Support::Seat));
        assert_eq!(seated.props, vec![Prop::Floor, Prop::Chair]);
        let pose = seated.pose.as_ref().unwrap();
        for side in [Side::Near, Side::Far] {
            assert_eq!(pose.angle(Joint::limb(side, Kind::Hip)), 100.0);
            assert_eq!(pose.angle(Joint::limb(side, Kind::Knee)), 90.0);
        }
        // The arms and the back are kept; the start pose sits too, its
        // thighs level under its own lean.
        assert_eq!(pose.angle(Joint::limb(Side::Near, Kind::Elbow)), 40.0);
        let start = pose.overlaid(seated.start.as_ref().unwrap());
        assert_eq!(start.angle(Joint::body(Kind::Torso)), -6.0);
        assert_eq!(start.angle(Joint::limb(Side::Near, Kind::Hip)), 84.0);
        assert_eq!(start.angle(Joint::limb(Side::Far, Kind::Knee)), 90.0);
    }

    #[test]
    fn a_seated_figure_stands_without_its_chair_and_back_again() {
        let seated = figure(
            "view = \"side\"\nsupport = \"seat\"\nprops = [\"floor\", \"chair\"]\n[pose]\nneck = -4\n\
             near_hip = 90\nfar_hip = 90\nnear_knee = 90\nfar_knee = 90\n[start]\nneck = 42\n",
        );
        let standing = seated.in_position(Position::Standing).unwrap();
        assert_eq!(standing.support, Some(Support::Feet));
        assert_eq!(standing.props, vec![Prop::Floor]);
        let pose = standing.pose.as_ref().unwrap();
        assert!(pose.angles.iter().filter(|(j, _)| is_leg(j)).all(|(_, a)| *a == 0.0), "{pose:?}");
        assert_eq!(standing.start.as_ref().unwrap().angle(Joint::body(Kind::Neck)), 42.0);
        let again = standing.in_position(Position::Seated).unwrap();
        assert_eq!(again.pose, seated.pose);
        assert_eq!(again.props, seated.props);
    }

    #[test]
    fn a_front_view_sits_with_the_thighs_toward_you() {
        let standing = figure(
            "view = \"front\"\nsupport = \"feet\"\nprops = [\"floor\"]\n[pose]\nleft_hip = 6\n\
             right_hip = 6\nleft_shrug = 30\n",
        );
        let seated = standing.in_position(Position::Seated).unwrap();
        let pose = seated.pose.as_ref().unwrap();
        for side in [Side::Left, Side::Right] {
            assert_eq!(pose.angle(Joint::limb(side, Kind::Hip)), SEATED_FRONT_HIP);
            assert_eq!(pose.angle(Joint::limb(side, Kind::Knee)), -SEATED_FRONT_HIP);
            assert_eq!(pose.depth[&Joint::limb(side, Kind::Hip)], SEATED_FRONT_THIGH_DEPTH);
        }
        let standing_again = seated.in_position(Position::Standing).unwrap();
        assert!(standing_again.pose.as_ref().unwrap().depth.is_empty());
    }

    #[test]
    fn angles_given_for_the_other_position_are_laid_over_it_and_checked() {
        let seated = figure(
            "view = \"side\"\nsupport = \"seat\"\nprops = [\"floor\", \"chair\"]\n[pose]\nnear_hip = 90\n\
             near_elbow = 50\n[start]\nneck = 30\n[standing]\nnear_elbow = 8\n",
        );
        let standing = seated.in_position(Position::Standing).unwrap();
        assert_eq!(standing.pose.as_ref().unwrap().angle(Joint::limb(Side::Near, Kind::Elbow)), 8.0);
        assert_eq!(standing.standing, None);
        assert!(super::super::check_figure::figure(Some(&seated)).is_empty());
        // Angles for the position it is drawn in say where they belong.
        let mut wrong = seated.clone();
        (wrong.seated, wrong.standing) = (seated.standing.clone(), None);
        let found = super::super::check_figure::figure(Some(&wrong));
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].field, "figure.seated");
        assert!(found[0].fault.to_string().contains("drawn seated; give these angles in [figure.pose]"));
    }

    #[test]
    fn what_cannot_be_made_is_left_as_drawn() {
        let standing = figure(STANDING_SIDE);
        assert_eq!(standing.in_position(Position::Standing), None, "already standing");
        assert_eq!(standing.in_position(Position::Lying), None);
        let mut on_wall = standing.clone();
        on_wall.against = vec![Part::both(PartKind::Forearm)];
        assert_eq!(on_wall.in_position(Position::Seated), None);
        let mut knee_arrow = standing.clone();
        knee_arrow.arrows =
            vec![Arrow { moves: Some(Part::one(Side::Near, PartKind::Knee)), ..Arrow::default() }];
        assert_eq!(knee_arrow.in_position(Position::Seated), None);
        let kneeling = figure("support = \"knees\"\n[pose]\n");
        assert_eq!(kneeling.in_position(Position::Standing), None);
        let photo = figure("photo = \"a.jpg\"\nsupport = \"feet\"\n");
        assert_eq!(photo.in_position(Position::Seated), None);
    }
}
