//! The figure format (the `[figure]` table of a stretch file) and forward
//! kinematics: joint angles over fixed human proportions become joint
//! positions.
//!
//! Lengths are in head heights (a standing figure is about 7.5 heads tall),
//! with y pointing up and, in side view, the figure facing +x. Angles are in
//! degrees and relative: each bone is measured from its parent, so a pose
//! reads like a physiotherapist would describe it (hip bent 90°, elbow bent
//! 20°) and ranges can be checked joint by joint. See the README's "Figures" section.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};

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
}

impl Support {
    pub fn as_str(self) -> &'static str {
        match self {
            Support::Feet => "feet",
            Support::Seat => "seat",
            Support::Knees => "knees",
            Support::KneesAndHands => "knees-and-hands",
            Support::Back => "back",
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

/// What a pose angle turns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// The torso's lean from upright (side view: forward +; front and top:
    /// toward the figure's left +).
    Torso,
    /// The bend of the back between hips and shoulders (side view: rounded +,
    /// arched −; front: curved toward the figure's left +).
    Spine,
    /// Front and top views: the chest turned toward the figure's left (+) or
    /// right (−).
    Turn,
    /// The neck from the line of the upper back (chin toward chest +).
    Neck,
    /// The head nodding on the neck.
    Head,
    /// The shoulder lifted toward the ear.
    Shrug,
    Shoulder,
    Elbow,
    Wrist,
    Hip,
    Knee,
    Ankle,
}

impl Kind {
    pub const BODY: [Kind; 5] = [Kind::Torso, Kind::Spine, Kind::Turn, Kind::Neck, Kind::Head];
    pub const LIMB: [Kind; 7] =
        [Kind::Shrug, Kind::Shoulder, Kind::Elbow, Kind::Wrist, Kind::Hip, Kind::Knee, Kind::Ankle];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Torso => "torso",
            Kind::Spine => "spine",
            Kind::Turn => "turn",
            Kind::Neck => "neck",
            Kind::Head => "head",
            Kind::Shrug => "shrug",
            Kind::Shoulder => "shoulder",
            Kind::Elbow => "elbow",
            Kind::Wrist => "wrist",
            Kind::Hip => "hip",
            Kind::Knee => "knee",
            Kind::Ankle => "ankle",
        }
    }

    /// Whether the angle belongs to one limb (and so needs a side).
    pub fn is_limb(self) -> bool {
        !Kind::BODY.contains(&self)
    }

    /// Whether the angle moves a bone (and so may be given a depth).
    pub fn moves_bone(self) -> bool {
        !matches!(self, Kind::Spine | Kind::Turn | Kind::Head | Kind::Shrug)
    }
}

/// A pose angle's name: `torso`, `spine`, `turn`, `neck`, `head`, or a side
/// and a limb joint such as `near_elbow` or `left_hip`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Joint {
    pub side: Option<Side>,
    pub kind: Kind,
}

impl Joint {
    pub const fn body(kind: Kind) -> Self {
        Joint { side: None, kind }
    }

    pub const fn limb(side: Side, kind: Kind) -> Self {
        Joint { side: Some(side), kind }
    }

    /// Every valid name, for suggestions.
    fn names() -> Vec<String> {
        let mut names: Vec<String> = Kind::BODY.iter().map(|k| k.as_str().to_string()).collect();
        for side in Side::ALL {
            for kind in Kind::LIMB {
                names.push(format!("{}_{}", side.as_str(), kind.as_str()));
            }
        }
        names
    }
}

impl fmt::Display for Joint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.side {
            Some(side) => write!(f, "{}_{}", side.as_str(), self.kind.as_str()),
            None => f.write_str(self.kind.as_str()),
        }
    }
}

impl FromStr for Joint {
    type Err = String;

    fn from_str(name: &str) -> Result<Self, String> {
        let (side, rest) = split_side(name);
        let kind =
            [Kind::BODY.as_slice(), Kind::LIMB.as_slice()].concat().into_iter().find(|k| k.as_str() == rest);
        match (side, kind) {
            (None, Some(kind)) if kind.is_limb() => Err(format!(
                "unknown joint {name:?}; say which {rest}: near_{rest} or far_{rest} (side view), \
                 left_{rest} or right_{rest} (front and top views)"
            )),
            (Some(_), Some(kind)) if !kind.is_limb() => {
                Err(format!("unknown joint {name:?}; the {rest} has no side, write {rest}"))
            }
            (side, Some(kind)) => Ok(Joint { side, kind }),
            (_, None) => Err(unknown("joint", name, &Joint::names(), JOINT_HINT)),
        }
    }
}

const JOINT_HINT: &str = "use torso, spine, turn, neck, head, or near_, far_, left_ or right_ with \
                          shrug, shoulder, elbow, wrist, hip, knee or ankle";

fn split_side(name: &str) -> (Option<Side>, &str) {
    for side in Side::ALL {
        if let Some(rest) = name.strip_prefix(side.as_str()).and_then(|r| r.strip_prefix('_')) {
            return (Some(side), rest);
        }
    }
    (None, name)
}

/// "unknown joint "x"; did you mean y? use …"
fn unknown(what: &str, name: &str, known: &[String], hint: &str) -> String {
    let best = known
        .iter()
        .map(|k| (strsim::jaro_winkler(k, name), k))
        .filter(|(score, _)| *score > 0.85)
        .max_by(|a, b| a.0.total_cmp(&b.0));
    match best {
        Some((_, near)) => format!("unknown {what} {name:?}; did you mean {near}?"),
        None => format!("unknown {what} {name:?}; {hint}"),
    }
}

/// Joint angles in degrees. Angles not given are 0: a figure standing
/// upright with its arms hanging.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Pose {
    pub angles: BTreeMap<Joint, f32>,
    /// How far bones tip out of the picture, toward you (+) or away (−), in
    /// degrees: a bone at 90 points straight at you and is seen end-on; past
    /// 90 it comes over and points the other way (a torso tipped forward
    /// past level, seen from the front). Bones tipped away are drawn behind
    /// the body.
    pub depth: BTreeMap<Joint, f32>,
}

impl Pose {
    /// The angle of `joint`, 0 when not given.
    pub fn angle(&self, joint: Joint) -> f32 {
        self.angles.get(&joint).copied().unwrap_or(0.0)
    }

    /// This pose with `changes` on top: the start pose gives only what
    /// differs from the main pose.
    pub fn overlaid(&self, changes: &Pose) -> Pose {
        let mut pose = self.clone();
        pose.angles.extend(changes.angles.iter().map(|(j, a)| (*j, *a)));
        pose.depth.extend(changes.depth.iter().map(|(j, a)| (*j, *a)));
        pose
    }
}

impl Serialize for Joint {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A key of an angles table: `depth` or a joint name. Parsed while the
/// key is read, so an unknown name is reported at the key.
enum AngleKey {
    Depth,
    Joint(Joint),
}

impl<'de> Deserialize<'de> for AngleKey {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let name = String::deserialize(d)?;
        if name == "depth" {
            return Ok(AngleKey::Depth);
        }
        name.parse().map(AngleKey::Joint).map_err(de::Error::custom)
    }
}

struct Depths(BTreeMap<Joint, f32>);

impl<'de> Deserialize<'de> for Depths {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(AnglesVisitor { nested: false }).map(|pose| Depths(pose.angles))
    }
}

struct AnglesVisitor {
    /// Whether a `depth` table may appear.
    nested: bool,
}

impl<'de> Visitor<'de> for AnglesVisitor {
    type Value = Pose;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a table of joint angles in degrees, such as near_elbow = 20")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Pose, A::Error> {
        let mut pose = Pose::default();
        while let Some(key) = map.next_key::<AngleKey>()? {
            match key {
                AngleKey::Depth if self.nested => pose.depth = map.next_value::<Depths>()?.0,
                AngleKey::Depth => {
                    return Err(de::Error::custom(
                        "unknown joint \"depth\"; a depth table holds joint names only",
                    ));
                }
                AngleKey::Joint(joint) => {
                    let angle: f32 = map.next_value()?;
                    pose.angles.insert(joint, angle);
                }
            }
        }
        Ok(pose)
    }
}

impl<'de> Deserialize<'de> for Pose {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(AnglesVisitor { nested: true })
    }
}

impl Serialize for Pose {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let extra = usize::from(!self.depth.is_empty());
        let mut map = s.serialize_map(Some(self.angles.len() + extra))?;
        for (joint, angle) in &self.angles {
            map.serialize_entry(joint, angle)?;
        }
        if !self.depth.is_empty() {
            map.serialize_entry("depth", &self.depth)?;
        }
        map.end()
    }
}

/// A body part that touches a support or a wall: `head`, `back`, `hips`,
/// both of a pair (`hands`, `knees`, …) or one (`near_hand`, `left_knee`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Part {
    /// `None` for both of a pair (or a part with no side).
    pub side: Option<Side>,
    pub kind: PartKind,
}

/// The kinds of body part.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PartKind {
    Head,
    /// The upper back (the upper half of the torso).
    Back,
    Hips,
    Shoulder,
    Elbow,
    Forearm,
    Hand,
    Knee,
    Shin,
    Foot,
}

impl PartKind {
    const ALL: [PartKind; 10] = [
        PartKind::Head,
        PartKind::Back,
        PartKind::Hips,
        PartKind::Shoulder,
        PartKind::Elbow,
        PartKind::Forearm,
        PartKind::Hand,
        PartKind::Knee,
        PartKind::Shin,
        PartKind::Foot,
    ];

    fn singular(self) -> &'static str {
        match self {
            PartKind::Head => "head",
            PartKind::Back => "back",
            PartKind::Hips => "hips",
            PartKind::Shoulder => "shoulder",
            PartKind::Elbow => "elbow",
            PartKind::Forearm => "forearm",
            PartKind::Hand => "hand",
            PartKind::Knee => "knee",
            PartKind::Shin => "shin",
            PartKind::Foot => "foot",
        }
    }

    fn plural(self) -> &'static str {
        match self {
            PartKind::Head => "head",
            PartKind::Back => "back",
            PartKind::Hips => "hips",
            PartKind::Shoulder => "shoulders",
            PartKind::Elbow => "elbows",
            PartKind::Forearm => "forearms",
            PartKind::Hand => "hands",
            PartKind::Knee => "knees",
            PartKind::Shin => "shins",
            PartKind::Foot => "feet",
        }
    }

    /// Whether the part comes in a pair (one on each side).
    pub fn paired(self) -> bool {
        !matches!(self, PartKind::Head | PartKind::Back | PartKind::Hips)
    }
}

impl Part {
    pub const fn both(kind: PartKind) -> Self {
        Part { side: None, kind }
    }

    pub const fn one(side: Side, kind: PartKind) -> Self {
        Part { side: Some(side), kind }
    }

    fn names() -> Vec<String> {
        let mut names: Vec<String> = PartKind::ALL.iter().map(|k| k.plural().to_string()).collect();
        for side in Side::ALL {
            for kind in PartKind::ALL.iter().filter(|k| k.paired()) {
                names.push(format!("{}_{}", side.as_str(), kind.singular()));
            }
        }
        names
    }

    /// The part in words: "near hand", "knees".
    pub fn words(&self) -> String {
        self.to_string().replace('_', " ")
    }
}

impl fmt::Display for Part {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.side {
            Some(side) => write!(f, "{}_{}", side.as_str(), self.kind.singular()),
            None => f.write_str(self.kind.plural()),
        }
    }
}

const PART_HINT: &str = "use head, back, hips, shoulders, elbows, forearms, hands, knees, shins, feet, \
                         or one of a pair such as near_hand or left_knee";

impl FromStr for Part {
    type Err = String;

    fn from_str(name: &str) -> Result<Self, String> {
        let (side, rest) = split_side(name);
        let found = match side {
            Some(side) => PartKind::ALL
                .into_iter()
                .find(|k| k.paired() && k.singular() == rest)
                .map(|k| Part::one(side, k)),
            None => PartKind::ALL.into_iter().find(|k| k.plural() == rest).map(Part::both),
        };
        found.ok_or_else(|| unknown("body part", name, &Part::names(), PART_HINT))
    }
}

impl<'de> Deserialize<'de> for Part {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let name = String::deserialize(d)?;
        name.parse().map_err(de::Error::custom)
    }
}

impl Serialize for Part {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
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
}

/// Body proportions in head heights.
pub mod size {
    pub const HEAD_R: f32 = 0.46;
    pub const NECK: f32 = 0.34;
    pub const TORSO: f32 = 2.55;
    pub const UPPER_ARM: f32 = 1.42;
    pub const FOREARM: f32 = 1.22;
    pub const HAND: f32 = 0.5;
    pub const THIGH: f32 = 1.85;
    pub const SHIN: f32 = 1.8;
    pub const FOOT: f32 = 0.7;
    /// From the base of the neck to a shoulder joint, seen from the front.
    pub const COLLAR: f32 = 0.92;
    /// How far a relaxed shoulder sits below the base of the neck (degrees
    /// of the collar bone).
    pub const COLLAR_DROP: f32 = 15.0;
    /// From the centre of the pelvis to a hip joint, seen from the front.
    pub const PELVIS: f32 = 0.5;
    /// From the torso line to the surface of the back or the buttocks.
    pub const TORSO_HALF: f32 = 0.16;
    /// From a limb line to its surface.
    pub const LIMB_HALF: f32 = 0.08;
}

/// A point or direction in head heights, y up.
#[derive(Clone, Copy, PartialEq, Default)]
pub struct V {
    pub x: f32,
    pub y: f32,
}

impl V {
    pub const fn new(x: f32, y: f32) -> Self {
        V { x, y }
    }

    /// The unit direction at `a` degrees from straight down, turning toward
    /// +x: 0 down, 90 along +x, 180 up, −90 along −x.
    pub fn dir(a: f32) -> Self {
        let r = a.to_radians();
        V::new(r.sin(), -r.cos())
    }

    pub fn len(self) -> f32 {
        self.x.hypot(self.y)
    }

    /// Turned a quarter clockwise (from up to +x).
    pub fn cw(self) -> Self {
        V::new(self.y, -self.x)
    }

    pub fn norm(self) -> Self {
        let l = self.len();
        if l > 1e-6 { self * (1.0 / l) } else { V::new(0.0, -1.0) }
    }
}

impl fmt::Debug for V {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "({:.2}, {:.2})", self.x, self.y)
    }
}

impl std::ops::Add for V {
    type Output = V;
    fn add(self, o: V) -> V {
        V::new(self.x + o.x, self.y + o.y)
    }
}

impl std::ops::Sub for V {
    type Output = V;
    fn sub(self, o: V) -> V {
        V::new(self.x - o.x, self.y - o.y)
    }
}

impl std::ops::Mul<f32> for V {
    type Output = V;
    fn mul(self, k: f32) -> V {
        V::new(self.x * k, self.y * k)
    }
}

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
        let head = chin + V::dir(180.0 - n - a(None, Kind::Head)) * (HEAD_R * shorten(None, Kind::Neck));

        let turn = a(None, Kind::Turn).to_radians().cos().max(0.0);
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
                        let out = upper.cw() * (sign * COLLAR * lift.cos() * turn);
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
                    behind: [k1, k2, k3].map(|k| far || depth(side, k) < 0.0),
                });
            }
        }
        let skeleton = Skeleton { view, hip, mid, neck, chin, head, limbs };
        // Seen from above, a figure lying face down has its left on your
        // left: the front view mirrored.
        if view == View::Top { skeleton.mirrored() } else { skeleton }
    }

    fn mirrored(mut self) -> Skeleton {
        let flip = |p: &mut V| p.x = -p.x;
        for p in [&mut self.hip, &mut self.mid, &mut self.neck, &mut self.chin, &mut self.head] {
            flip(p);
        }
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

    #[test]
    fn names_parse_and_print() {
        assert_eq!("near_elbow".parse::<Joint>(), Ok(Joint::limb(Side::Near, Kind::Elbow)));
        assert_eq!("torso".parse::<Joint>().unwrap().to_string(), "torso");
        assert!("elbow".parse::<Joint>().unwrap_err().contains("near_elbow or far_elbow"));
        assert!("near_torso".parse::<Joint>().unwrap_err().contains("has no side"));
        assert_eq!(
            "near_elbo".parse::<Joint>().unwrap_err(),
            "unknown joint \"near_elbo\"; did you mean near_elbow?"
        );
        assert_eq!("hands".parse::<Part>(), Ok(Part::both(PartKind::Hand)));
        assert_eq!("left_knee".parse::<Part>().unwrap().to_string(), "left_knee");
        assert!("tail".parse::<Part>().unwrap_err().starts_with("unknown body part \"tail\"; use head"));
    }

    #[test]
    fn pose_round_trips_through_toml() {
        let p = pose("torso = 10\nnear_elbow = 20.5\n[depth]\nfar_hip = -30\n");
        assert_eq!(p.angle(Joint::body(Kind::Torso)), 10.0);
        assert_eq!(p.depth[&Joint::limb(Side::Far, Kind::Hip)], -30.0);
        let text = toml::to_string(&p).unwrap();
        assert_eq!(pose(&text), p);
    }
}
