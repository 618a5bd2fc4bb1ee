//! The figure format: the `[figure]` table of a stretch file, as read from
//! TOML. Where the figure is seen from, what holds the body up, the props
//! drawn with it, which parts touch what, the pose and start pose (see
//! [`super::pose`]) and the movement arrows. Drawing it is the `figure`
//! module's job; this is only what the file says.

use serde::{Deserialize, Serialize};

use super::pose::{Part, PartKind, Pose};

/// How a stretch is pictured: a pose to draw, or (in a clinic's library) a
/// photo to place.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Figure {
    /// A PNG or JPEG file, relative to the stretch file, shown instead of a
    /// drawn figure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub photo: Option<String>,
    /// Where the figure is seen from.
    #[serde(default)]
    pub view: View,
    /// In a front or top view, which way the face points: `viewer` (the
    /// face drawn, the default in a front view) or `away` (the back of the
    /// head, the default from above, where the figure lies face down).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub facing: Option<Facing>,
    /// How much of the body to show: the `whole` figure (default), or the
    /// `upper-body` from the thighs up, for moves of the shoulders and arms
    /// that would be too small to see on a desk card.
    #[serde(default, skip_serializing_if = "Framing::is_whole")]
    pub framing: Framing,
    /// What holds the body up; sets which parts touch the floor or seat.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub support: Option<Support>,
    /// Things drawn with the figure.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub props: Vec<Prop>,
    /// More parts resting on the floor (or the prop under them).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub touching: Vec<Part>,
    /// Parts the support would rest on that are lifted in this pose (a
    /// hand behind the head on all fours).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lifted: Vec<Part>,
    /// Parts pressed against the wall or the door frame.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub against: Vec<Part>,
    /// The pose: where the stretch ends (or its main shape).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pose: Option<Pose>,
    /// The pose the movement starts from, drawn light grey beneath; only the
    /// joints that differ from `pose`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<Pose>,
    /// Movement arrows.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub arrows: Vec<Arrow>,
    /// For a figure drawn seated that is also shown standing (see
    /// [`Figure::in_position`]): the angles that differ then, laid over the
    /// standing pose, such as arms that hang instead of resting on the
    /// thighs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub standing: Option<Pose>,
    /// The same for a figure drawn standing that is also shown seated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seated: Option<Pose>,
}

impl Figure {
    /// The photo file name, when the figure is a photo.
    pub fn photo(&self) -> Option<&str> {
        self.photo.as_deref()
    }
}

/// Where the figure is seen from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum View {
    /// From the figure's side, the figure facing right; limbs are `near_` and
    /// `far_`.
    #[default]
    Side,
    /// From the front, the figure facing you (its left on your right); limbs
    /// are `left_` and `right_`.
    Front,
    /// From above, head at the top, the figure face down (kneeling or lying
    /// on its front) so its left is on your left; limbs are `left_` and
    /// `right_`, angles as in the front view.
    Top,
}

impl View {
    pub fn as_str(self) -> &'static str {
        match self {
            View::Side => "side",
            View::Front => "front",
            View::Top => "top",
        }
    }

    /// The two limb sides this view names.
    pub fn sides(self) -> [Side; 2] {
        match self {
            View::Side => [Side::Far, Side::Near],
            View::Front | View::Top => [Side::Right, Side::Left],
        }
    }
}

/// Which way a front or top view figure faces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Facing {
    /// Toward you: the face is drawn.
    Viewer,
    /// Away from you: the back of the head, the figure's left on your left.
    Away,
}

impl Figure {
    /// Which way the figure faces: as given, or the view's default (side
    /// views face right, `None`).
    pub fn facing(&self) -> Option<Facing> {
        match self.view {
            View::Side => None,
            View::Front => Some(self.facing.unwrap_or(Facing::Viewer)),
            View::Top => Some(self.facing.unwrap_or(Facing::Away)),
        }
    }
}

/// How much of the body a figure shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Framing {
    #[default]
    Whole,
    /// From the middle of the thighs up.
    UpperBody,
}

impl Framing {
    fn is_whole(&self) -> bool {
        *self == Framing::Whole
    }
}

/// What holds the body up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Support {
    /// Standing: both feet on the floor.
    Feet,
    /// Sitting: hips on the chair seat (or the floor without a chair), feet
    /// on the floor.
    Seat,
    /// Kneeling: knees and feet on the floor.
    Knees,
    /// On all fours: knees, feet and hands on the floor.
    KneesAndHands,
    /// Lying on the back: hips and upper back on the floor, or the upper back
    /// on a towel roll or foam roller.
    Back,
    /// Lying on one side, seen from above in a side view: the floor is the
    /// page (a `mat` is drawn under the whole figure), so nothing is placed
    /// on a floor line; near limbs are the upper ones.
    Side,
}

impl Support {
    pub fn as_str(self) -> &'static str {
        match self {
            Support::Feet => "feet",
            Support::Seat => "seat",
            Support::Knees => "knees",
            Support::KneesAndHands => "knees-and-hands",
            Support::Back => "back",
            Support::Side => "side",
        }
    }
}

/// Something drawn with the figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Prop {
    Floor,
    Mat,
    Chair,
    Wall,
    DoorFrame,
    TowelRoll,
    FoamRoller,
}

impl Prop {
    pub fn as_str(self) -> &'static str {
        match self {
            Prop::Floor => "floor",
            Prop::Mat => "mat",
            Prop::Chair => "chair",
            Prop::Wall => "wall",
            Prop::DoorFrame => "door-frame",
            Prop::TowelRoll => "towel-roll",
            Prop::FoamRoller => "foam-roller",
        }
    }
}

/// Which limb: `near`/`far` in side view, `left`/`right` (the figure's own)
/// in front and top views.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Side {
    Near,
    Far,
    Left,
    Right,
}

impl Side {
    pub const ALL: [Side; 4] = [Side::Near, Side::Far, Side::Left, Side::Right];

    pub fn as_str(self) -> &'static str {
        match self {
            Side::Near => "near",
            Side::Far => "far",
            Side::Left => "left",
            Side::Right => "right",
        }
    }

    /// Whether `view` names limbs this way.
    pub fn fits(self, view: View) -> bool {
        view.sides().contains(&self)
    }
}

/// A direction for arrows that loop or turn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Way {
    Forward,
    Backward,
    Left,
    Right,
}

impl Way {
    pub fn as_str(self) -> &'static str {
        match self {
            Way::Forward => "forward",
            Way::Backward => "backward",
            Way::Left => "left",
            Way::Right => "right",
        }
    }
}

/// A movement arrow: exactly one of `move`, `circle` or `turn`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Arrow {
    /// A point (`near_hand`, `head`, `back`…) moving from its place in the
    /// start pose to its place in the pose.
    #[serde(default, rename = "move", skip_serializing_if = "Option::is_none")]
    pub moves: Option<Part>,
    /// A loop around a point, such as a shoulder rolling.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub circle: Option<Part>,
    /// Front and top views: the chest turning to the figure's `left` or
    /// `right`, as an arc around the chest.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub turn: Option<Way>,
    /// Which way a `circle` goes: the top of the loop moves `forward` or
    /// `backward` (side view), `left` or `right` (front view).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub way: Option<Way>,
    /// Curve a `move` arrow by this many degrees (+ bulges to the left of
    /// the direction of travel).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bend: Option<f32>,
    /// Move the arrow off the body: [right, up] in head heights.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shift: Option<[f32; 2]>,
    /// Radius of a `circle` in head heights (default 0.55).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<f32>,
    /// Arrowheads at both ends (a back-and-forth movement).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub both: bool,
    /// A `move` drawn level, at the point's height in the pose: only its
    /// forward or sideways part, for a small straight glide such as a chin
    /// tuck (which then needs to move only 0.25 head heights).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub level: bool,
}

impl Support {
    /// The parts that rest on the floor (or the seat or roll), given the
    /// props.
    pub fn resting(self, props: &[Prop]) -> Vec<Part> {
        let chair = props.contains(&Prop::Chair);
        let roll = props.contains(&Prop::TowelRoll) || props.contains(&Prop::FoamRoller);
        let both = Part::both;
        match self {
            Support::Feet => vec![both(PartKind::Foot)],
            Support::Seat if chair => vec![both(PartKind::Foot)],
            Support::Seat => vec![both(PartKind::Hips), both(PartKind::Foot)],
            Support::Knees => vec![both(PartKind::Knee), both(PartKind::Foot)],
            Support::KneesAndHands => vec![both(PartKind::Knee), both(PartKind::Foot), both(PartKind::Hand)],
            Support::Back if roll => vec![both(PartKind::Hips)],
            Support::Back => vec![both(PartKind::Hips), both(PartKind::Back)],
            Support::Side => Vec::new(),
        }
    }

    /// The part that stays put between the start pose and the pose.
    pub fn anchor(self) -> Part {
        match self {
            Support::Feet => Part::both(PartKind::Foot),
            Support::Knees | Support::KneesAndHands => Part::both(PartKind::Knee),
            Support::Seat | Support::Back | Support::Side => Part::both(PartKind::Hips),
        }
    }
}

impl Figure {
    /// The parts that rest on the floor, seat or roll: those of the support,
    /// less the lifted ones (a pair with one lifted keeps the other).
    pub fn resting_parts(&self) -> Vec<Part> {
        let figure = self;
        let Some(support) = figure.support else {
            return Vec::new();
        };
        let mut parts = Vec::new();
        for part in support.resting(&figure.props) {
            let lifted: Vec<&Part> = figure.lifted.iter().filter(|l| l.kind == part.kind).collect();
            if lifted.iter().any(|l| l.side.is_none()) {
                continue;
            }
            if lifted.is_empty() || !part.kind.paired() {
                parts.push(part);
                continue;
            }
            for side in figure.view.sides() {
                if !lifted.iter().any(|l| l.side == Some(side)) {
                    parts.push(Part::one(side, part.kind));
                }
            }
        }
        parts
    }

    /// Whether the parts the support rests on include `part`.
    pub fn rests_on(&self, part: Part) -> bool {
        self.support.is_some_and(|s| s.resting(&self.props).iter().any(|r| r.kind == part.kind))
    }
}
