//! Poses and body parts as the figure format names them: joint angles
//! (`near_elbow = 20`, relative to the parent bone, in degrees), the depth a
//! bone tips out of the picture, and parts that rest on a support
//! (`hands`, `left_knee`). Names are parsed while the file is read, so an
//! unknown one is reported at its key with the nearest valid name.
//!
//! Lengths elsewhere are in head heights; in side view the figure faces +x.
//! A pose reads as a physiotherapist would describe it (hip bent 90°,
//! elbow bent 20°) and its ranges are checked joint by joint.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};

use super::figure::Side;
use crate::error::Fault;

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
    /// Front and top views: the face turned toward the figure's left (+) or
    /// right (−), on top of any turn of the chest.
    Look,
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
    pub const BODY: [Kind; 6] = [Kind::Torso, Kind::Spine, Kind::Turn, Kind::Neck, Kind::Head, Kind::Look];
    pub const LIMB: [Kind; 7] =
        [Kind::Shrug, Kind::Shoulder, Kind::Elbow, Kind::Wrist, Kind::Hip, Kind::Knee, Kind::Ankle];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Torso => "torso",
            Kind::Spine => "spine",
            Kind::Turn => "turn",
            Kind::Neck => "neck",
            Kind::Head => "head",
            Kind::Look => "look",
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
        !matches!(self, Kind::Spine | Kind::Turn | Kind::Head | Kind::Look | Kind::Shrug)
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
    type Err = Fault;

    fn from_str(name: &str) -> Result<Self, Fault> {
        let (side, rest) = split_side(name);
        let kind =
            [Kind::BODY.as_slice(), Kind::LIMB.as_slice()].concat().into_iter().find(|k| k.as_str() == rest);
        match (side, kind) {
            (None, Some(kind)) if kind.is_limb() => {
                Err(Fault::JointNeedsSide { name: name.to_string(), joint: rest.to_string() })
            }
            (Some(_), Some(kind)) if !kind.is_limb() => {
                Err(Fault::JointHasNoSide { name: name.to_string(), joint: rest.to_string() })
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

/// An unknown name, with the nearest known one when it is close.
fn unknown(noun: &'static str, name: &str, known: &[String], hint: &'static str) -> Fault {
    let suggestion = known
        .iter()
        .map(|k| (strsim::jaro_winkler(k, name), k))
        .filter(|(score, _)| *score > 0.85)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k.clone());
    Fault::UnknownName { noun, name: name.to_string(), suggestion, hint }
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
        name.parse().map(AngleKey::Joint).map_err(|fault: Fault| de::Error::custom(fault))
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
                    return Err(de::Error::custom(Fault::NestedDepth));
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
    type Err = Fault;

    fn from_str(name: &str) -> Result<Self, Fault> {
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
        name.parse().map_err(|fault: Fault| de::Error::custom(fault))
    }
}

impl Serialize for Part {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pose(text: &str) -> Pose {
        toml::from_str(text).unwrap()
    }

    #[test]
    fn names_parse_and_print() {
        assert_eq!("near_elbow".parse::<Joint>(), Ok(Joint::limb(Side::Near, Kind::Elbow)));
        assert_eq!("torso".parse::<Joint>().unwrap().to_string(), "torso");
        assert!("elbow".parse::<Joint>().unwrap_err().to_string().contains("near_elbow or far_elbow"));
        assert!("near_torso".parse::<Joint>().unwrap_err().to_string().contains("has no side"));
        assert_eq!(
            "near_elbo".parse::<Joint>().unwrap_err().to_string(),
            "unknown joint \"near_elbo\"; did you mean near_elbow?"
        );
        assert_eq!("hands".parse::<Part>(), Ok(Part::both(PartKind::Hand)));
        assert_eq!("left_knee".parse::<Part>().unwrap().to_string(), "left_knee");
        assert!(
            "tail"
                .parse::<Part>()
                .unwrap_err()
                .to_string()
                .starts_with("unknown body part \"tail\"; use head")
        );
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
