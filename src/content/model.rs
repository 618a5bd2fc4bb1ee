//! What the content files describe: a [`Stretch`] with its [`Dose`], the
//! [`Goal`]s stretches serve and the [`Safety`] text every sheet carries.
//! These types are read straight from TOML (unknown fields are rejected) and
//! are what every later stage works with.

use std::fmt;

use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};

use super::figure::Figure;
use super::vocab::{Area, Condition, Each, Equipment, Intensity, Movement, Position};

/// One stretch or mobility move, as its content file describes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stretch {
    /// The file stem. A file may repeat it in an `id` field; it must match.
    #[serde(default)]
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// One line that fits a desk card.
    pub summary: String,
    /// Goal ids from `goals.toml`.
    pub goals: Vec<String>,
    pub areas: Vec<Area>,
    /// The positions it can be done in, the first the default. Files write
    /// `positions = ["standing", "seated"]`, or the older single
    /// `position = "seated"`, which reads as a list of one.
    #[serde(alias = "position", deserialize_with = "one_or_more")]
    pub positions: Vec<Position>,
    /// The id of a gentler version of this stretch, for bad days.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub easier: Option<String>,
    /// The id of a harder version, for when this one is easy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub harder: Option<String>,
    /// What the stretch needs; empty when it needs nothing.
    #[serde(default)]
    pub equipment: Vec<Equipment>,
    pub intensity: Intensity,
    #[serde(default)]
    pub avoid_if: Vec<Condition>,
    /// What it does to the spine and chest (rotation, flexion, extension,
    /// chest-opener, rest); empty for neck and shoulder moves.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub movement: Vec<Movement>,
    /// 3–7 short imperative lines.
    pub steps: Vec<String>,
    /// 2–4 very short lines for the desk card; the card falls back to the
    /// first steps when a stretch has none.
    #[serde(default)]
    pub quick_steps: Vec<String>,
    /// Breathing and form cues.
    #[serde(default)]
    pub cues: Vec<String>,
    /// What to watch for and how to make it easier.
    #[serde(default)]
    pub cautions: Vec<String>,
    pub dose: Dose,
    /// The picture: a pose for the stick figure, or a photo.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub figure: Option<Figure>,
    /// A video of the stretch (`https://…`), printed as a QR code beside
    /// the exercise on a handout.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub video: Option<String>,
    /// Where the stretch was read from (not part of the file).
    #[serde(skip)]
    pub origin: Origin,
}

impl Stretch {
    /// The position it is done in by default (the first one listed; a
    /// plan's chosen position comes first once the planner has placed it).
    pub fn position(&self) -> Position {
        self.positions.first().copied().unwrap_or(Position::Standing)
    }

    /// Whether it can be done in `position`.
    pub fn can_be(&self, position: Position) -> bool {
        self.positions.contains(&position)
    }

    /// What it needs when done in `position`: its `equipment`, where the
    /// chair of a stretch that can be done seated is the seat (needed only
    /// when seated: chin tucks need nothing standing); and a chair to sit on
    /// whenever it is done seated.
    pub fn needs_in(&self, position: Position) -> Vec<Equipment> {
        let seated = position == Position::Seated;
        let seat_only = self.can_be(Position::Seated) && !seated;
        let mut needs: Vec<Equipment> =
            self.equipment.iter().copied().filter(|e| !(seat_only && *e == Equipment::Chair)).collect();
        if seated && !needs.contains(&Equipment::Chair) {
            needs.insert(0, Equipment::Chair);
        }
        needs
    }

    /// What it needs in its (default or placed) position.
    pub fn needs(&self) -> Vec<Equipment> {
        self.needs_in(self.position())
    }

    /// Its positions in words: "standing or seated".
    pub fn positions_words(&self) -> String {
        let words: Vec<&str> = self.positions.iter().map(|p| p.as_str()).collect();
        crate::words::or_list(&words)
    }

    /// The same stretch done in `position` (which comes first), or `None`
    /// when it cannot be done so. Its figure shows it done so where the
    /// figure can be changed to (see [`Figure::in_position`]); otherwise
    /// it is the figure as drawn.
    pub fn placed(&self, position: Position) -> Option<Stretch> {
        let mut placed = self.clone();
        let at = placed.positions.iter().position(|&p| p == position)?;
        placed.positions[..=at].rotate_right(1);
        if let Some(figure) = self.figure.as_ref().and_then(|f| f.in_position(position)) {
            placed.figure = Some(figure);
        }
        Some(placed)
    }

    /// The same stretch as done in `position` where it can be (see
    /// [`Stretch::placed`]), itself otherwise: what a sheet that knows the
    /// position chosen shows.
    pub fn as_done(&self, position: Position) -> std::borrow::Cow<'_, Stretch> {
        match self.placed(position) {
            Some(placed) if placed != *self => std::borrow::Cow::Owned(placed),
            _ => std::borrow::Cow::Borrowed(self),
        }
    }

    /// Why the stretch cannot be done in `position`, if it cannot.
    pub fn not_done_in(&self, position: Position) -> Option<crate::error::Fault> {
        (!self.can_be(position)).then(|| crate::error::Fault::NotDoneIn {
            id: self.id.clone(),
            position: position.as_str(),
            positions: self.positions_words(),
        })
    }

    /// The same stretch as done in `position`, which must be one of its
    /// positions (else [`not_done_in`](Self::not_done_in) says why).
    pub fn done_in(&self, position: Position) -> Result<std::borrow::Cow<'_, Stretch>, crate::error::Fault> {
        match self.not_done_in(position) {
            Some(fault) => Err(fault),
            None => Ok(self.as_done(position)),
        }
    }

    /// The steps for a desk card: `quick_steps`, or the first three steps.
    pub fn card_steps(&self) -> &[String] {
        if self.quick_steps.is_empty() { &self.steps[..self.steps.len().min(3)] } else { &self.quick_steps }
    }

    /// Where the stretch's photo file is, when its figure is a photo:
    /// relative to the stretch file for a stretch from a folder; as written
    /// for a built-in one.
    pub fn photo_file(&self) -> Option<std::path::PathBuf> {
        let photo = self.figure.as_ref()?.photo()?;
        Some(match &self.origin {
            Origin::File(file) => file.parent().map_or_else(|| photo.into(), |dir| dir.join(photo)),
            Origin::BuiltIn => photo.into(),
        })
    }

    /// Whether it does `movement`.
    pub fn does(&self, movement: Movement) -> bool {
        self.movement.contains(&movement)
    }

    /// Whether the stretch serves the goal.
    pub fn serves(&self, goal: &str) -> bool {
        self.goals.iter().any(|g| g == goal)
    }
}

/// Where a stretch came from: the built-in library or a user's folder.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Origin {
    #[default]
    BuiltIn,
    /// A file in a `--library` folder.
    File(std::path::PathBuf),
}

/// How much of a stretch to do, as ranges the planner picks from.
///
/// A static hold has `hold_s`; a repeated move has `rep_s` (seconds one
/// repetition takes). Exactly one of the two is set; validation checks it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dose {
    /// Seconds to hold, for static stretches.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hold_s: Option<Range>,
    /// Seconds one repetition takes, for repeated moves.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rep_s: Option<u32>,
    /// Repetitions (of the hold, or of the move) per side.
    pub reps: Range,
    /// 1, or 2 when the stretch is done on each side.
    pub sides: u32,
    /// With `sides = 2`: whether the two are sides of the body (the
    /// default) or directions of a movement.
    #[serde(default, skip_serializing_if = "is_side")]
    pub each: Each,
    /// Seconds of rest between repetitions.
    #[serde(default)]
    pub rest_s: u32,
}

fn is_side(each: &Each) -> bool {
    *each == Each::Side
}

/// Reads a position list, or a single position as a list of one, keeping
/// serde's own message for an unknown word.
fn one_or_more<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Position>, D::Error> {
    struct Positions;
    impl<'de> Visitor<'de> for Positions {
        type Value = Vec<Position>;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a position, or a list of positions")
        }

        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            let one = Position::deserialize(de::value::StrDeserializer::<E>::new(v))?;
            Ok(vec![one])
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut list = Vec::new();
            while let Some(p) = seq.next_element::<Position>()? {
                list.push(p);
            }
            Ok(list)
        }
    }
    d.deserialize_any(Positions)
}

/// What kind of effort a dose asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effort {
    /// Hold still for a number of seconds in the range.
    Hold(Range),
    /// Repeat a movement that takes this many seconds.
    Moves { rep_s: u32 },
}

impl Dose {
    /// Whether this is a static hold or a repeated move. A dose with neither
    /// field is treated as a move of 5 s (validation rejects it anyway).
    pub fn effort(&self) -> Effort {
        match (self.hold_s, self.rep_s) {
            (Some(hold), _) => Effort::Hold(hold),
            (None, Some(rep_s)) => Effort::Moves { rep_s },
            (None, None) => Effort::Moves { rep_s: 5 },
        }
    }

    /// Whether the stretch is done on each side.
    pub fn each_side(&self) -> bool {
        self.sides >= 2
    }
}

/// An inclusive range of whole numbers, written `[min, max]` or as a single
/// number in the files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Range {
    pub min: u32,
    pub max: u32,
}

impl Range {
    pub const fn new(min: u32, max: u32) -> Self {
        Range { min, max }
    }

    /// The value a fraction `t` (0 = min, 1 = max) of the way along, rounded.
    pub fn lerp(self, t: f64) -> u32 {
        let t = t.clamp(0.0, 1.0);
        let span = self.max.saturating_sub(self.min) as f64;
        self.min + (span * t).round() as u32
    }

    /// Whether `v` lies in the range.
    pub fn contains(self, v: u32) -> bool {
        self.min <= v && v <= self.max
    }

    /// The overlap with another range, if any.
    pub fn intersect(self, other: Range) -> Option<Range> {
        let min = self.min.max(other.min);
        let max = self.max.min(other.max);
        (min <= max).then_some(Range { min, max })
    }
}

impl fmt::Display for Range {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.min == self.max {
            write!(f, "{}", self.min)
        } else {
            write!(f, "{}–{}", self.min, self.max)
        }
    }
}

impl Serialize for Range {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        [self.min, self.max].serialize(s)
    }
}

impl<'de> Deserialize<'de> for Range {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(RangeVisitor)
    }
}

struct RangeVisitor;

impl RangeVisitor {
    fn whole<E: de::Error>(v: i64) -> Result<u32, E> {
        u32::try_from(v).map_err(|_| E::custom(format!("{} {v}", crate::content::reader::BAD_NUMBER)))
    }
}

impl<'de> Visitor<'de> for RangeVisitor {
    type Value = Range;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a whole number or a [min, max] pair")
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Range, E> {
        let v = Self::whole(v)?;
        Ok(Range::new(v, v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Range, E> {
        self.visit_i64(i64::try_from(v).unwrap_or(i64::MAX))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Range, A::Error> {
        let too_short = || de::Error::custom(crate::content::reader::RANGE_SHAPE);
        let min: i64 = seq.next_element()?.ok_or_else(too_short)?;
        let max: i64 = seq.next_element()?.ok_or_else(too_short)?;
        if seq.next_element::<i64>()?.is_some() {
            return Err(de::Error::custom(crate::content::reader::RANGE_SHAPE));
        }
        Ok(Range::new(Self::whole(min)?, Self::whole(max)?))
    }
}

/// A reason to stretch, named in `goals.toml`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Goal {
    pub id: String,
    pub name: String,
    /// A plain explanation of what the goal is for.
    pub about: String,
}

/// The goals file: an ordered list of `[[goal]]` tables.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct GoalsFile {
    pub goal: Vec<Goal>,
}

/// General rules, stop rules and warning signs by how urgent they are:
/// printed on every sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Safety {
    /// That the sheet is general guidance, not personal medical advice.
    pub disclaimer: String,
    /// What to have checked before the first session.
    pub before_you_start: Vec<String>,
    /// How to stretch safely.
    pub general: Vec<String>,
    /// How to get down to the floor and back up safely, for sheets with
    /// floor stretches (none in an older `safety.toml` that lacks it).
    #[serde(default)]
    pub floor: Vec<String>,
    /// When to stop a stretch or a session (each line finishes "Stop now
    /// if…").
    pub stop: Vec<String>,
    /// Signs that need emergency services now.
    pub emergency: Vec<String>,
    /// Signs that need an urgent appointment the same day.
    pub urgent: Vec<String>,
    /// Signs that need a doctor soon (within a week or two).
    pub see_doctor: Vec<String>,
    /// Short forms for one-page sheets with little room.
    pub brief: BriefSafety,
}

/// The stop rules and warning signs in brief, for the desk card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BriefSafety {
    /// A few very short stop rules (each finishes "Stop if…").
    pub stop: Vec<String>,
    /// Every emergency sign, in a few words each.
    pub emergency: Vec<String>,
    /// The same-day signs in one line.
    pub urgent: String,
    /// Where the full lists are.
    pub more: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct R {
        r: Range,
    }

    fn range(text: &str) -> Result<Range, String> {
        toml::from_str::<R>(text).map(|r| r.r).map_err(|e| e.message().to_string())
    }

    #[test]
    fn range_reads_pair_or_single_number() {
        assert_eq!(range("r = [20, 30]").unwrap(), Range::new(20, 30));
        assert_eq!(range("r = 15").unwrap(), Range::new(15, 15));
        assert!(range("r = [1, 2, 3]").is_err());
        assert!(range("r = -4").is_err());
        assert!(range("r = \"x\"").unwrap_err().contains("[min, max]"));
    }

    #[test]
    fn range_arithmetic() {
        let r = Range::new(20, 30);
        assert_eq!(r.lerp(0.0), 20);
        assert_eq!(r.lerp(0.5), 25);
        assert_eq!(r.lerp(2.0), 30);
        assert_eq!(r.intersect(Range::new(30, 60)), Some(Range::new(30, 30)));
        assert_eq!(r.intersect(Range::new(31, 60)), None);
        assert_eq!(r.to_string(), "20–30");
    }
}
