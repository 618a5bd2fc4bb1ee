//! The fixed vocabularies of the content format: body areas, positions,
//! equipment, intensities and the conditions a stretch may be unsuitable for.
//! Each word has one spelling (kebab-case) used in files, on the command line
//! and in output.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

pub use super::reader::nearest;
use crate::error::Fault;

/// Declares a closed vocabulary: an enum whose variants each have one
/// kebab-case spelling, with parsing, printing and a list of every word.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident, $noun:literal { $($(#[$vmeta:meta])* $variant:ident = $word:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $word)] $variant),+
        }

        impl $name {
            /// Every word of this vocabulary, in display order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// What one of these is called in messages.
            pub const NOUN: &'static str = $noun;

            /// The word as written in files and on the command line.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $word),+ }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = Fault;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                let wanted = s.trim().to_ascii_lowercase();
                $name::ALL
                    .iter()
                    .copied()
                    .find(|v| v.as_str() == wanted)
                    .ok_or_else(|| unknown_word($noun, s, $name::ALL.iter().map(|v| v.as_str())))
            }
        }
    };
}

/// The fault for a word that is not in its vocabulary, with the nearest
/// word when one is close.
pub fn unknown_word<'a>(noun: &'static str, word: &str, allowed: impl Iterator<Item = &'a str>) -> Fault {
    let allowed: Vec<String> = allowed.map(str::to_string).collect();
    let suggestion = super::reader::nearest(&word.trim().to_ascii_lowercase(), &allowed);
    Fault::UnknownWord { noun, word: word.to_string(), allowed, suggestion }
}

vocabulary!(
    /// A part of the body a stretch works on.
    Area, "area" {
        UpperBack = "upper-back",
        Neck = "neck",
        Shoulders = "shoulders",
        Chest = "chest",
        Sides = "sides",
        Spine = "spine",
    }
);

vocabulary!(
    /// The body position a stretch is done in.
    Position, "position" {
        Standing = "standing",
        Seated = "seated",
        Kneeling = "kneeling",
        HandsAndKnees = "hands-and-knees",
        Lying = "lying",
    }
);

vocabulary!(
    /// Something a stretch needs besides the body.
    Equipment, "equipment" {
        Chair = "chair",
        Wall = "wall",
        Doorway = "doorway",
        Towel = "towel",
        FoamRoller = "foam-roller",
        Mat = "mat",
    }
);

vocabulary!(
    /// How demanding a stretch is; gentle moves open a session.
    Intensity, "intensity" {
        Gentle = "gentle",
        Moderate = "moderate",
        Deep = "deep",
    }
);

vocabulary!(
    /// What the two halves of a two-sided dose are: the body's sides, or
    /// the two directions of a movement (shoulder rolls forwards, then
    /// backwards).
    #[derive(Default)]
    Each, "side kind" {
        #[default]
        Side = "side",
        Direction = "direction",
    }
);

vocabulary!(
    /// What a stretch does to the spine and chest, for the planner's
    /// clinical rules: no two rotations back to back, no loaded flexion
    /// (rounding forward) with osteoporosis, a chest opener and an
    /// extension move in a posture plan, a rest to close the floor block.
    Movement, "movement" {
        Rotation = "rotation",
        Flexion = "flexion",
        Extension = "extension",
        ChestOpener = "chest-opener",
        Rest = "rest",
    }
);

vocabulary!(
    /// A condition that makes a stretch unsuitable (`avoid_if`, `--avoid`).
    Condition, "condition" {
        WristPain = "wrist-pain",
        KneePain = "knee-pain",
        NoFloor = "no-floor",
        ShoulderInjury = "shoulder-injury",
        NeckPain = "neck-pain",
        BalanceProblems = "balance-problems",
        Osteoporosis = "osteoporosis",
        Pregnancy = "pregnancy",
    }
);

/// How far from standing a position is. Changing level between consecutive
/// stretches costs time and effort, so sessions keep level changes few.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    Standing,
    Seated,
    Kneeling,
    Lying,
}

impl Position {
    /// The level this position is at.
    pub fn level(self) -> Level {
        match self {
            Position::Standing => Level::Standing,
            Position::Seated => Level::Seated,
            Position::Kneeling | Position::HandsAndKnees => Level::Kneeling,
            Position::Lying => Level::Lying,
        }
    }

    /// Whether the position is on the floor.
    pub fn is_floor(self) -> bool {
        matches!(self.level(), Level::Kneeling | Level::Lying)
    }
}

impl Condition {
    /// A plain description for `--help` and lists.
    pub fn describe(self) -> &'static str {
        match self {
            Condition::WristPain => "painful or weak wrists (no weight on the hands)",
            Condition::KneePain => "painful knees (no kneeling)",
            Condition::NoFloor => "cannot get down to the floor and up again",
            Condition::ShoulderInjury => "a current shoulder injury or frozen shoulder",
            Condition::NeckPain => "neck pain made worse by moving the head",
            Condition::BalanceProblems => "unsteady on your feet",
            Condition::Osteoporosis => "osteoporosis or low bone density",
            Condition::Pregnancy => "pregnancy",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_round_trip() {
        for p in Position::ALL {
            assert_eq!(p.as_str().parse::<Position>().unwrap(), *p);
        }
        assert_eq!("Foam-Roller".parse::<Equipment>().unwrap(), Equipment::FoamRoller);
    }

    #[test]
    fn unknown_word_lists_what_is_allowed() {
        let err = "bench".parse::<Equipment>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "unknown equipment \"bench\"; use chair, wall, doorway, towel, foam-roller or mat"
        );
        let near = "walll".parse::<Equipment>().unwrap_err();
        assert!(near.to_string().starts_with("unknown equipment \"walll\"; did you mean wall?"), "{near}");
    }

    #[test]
    fn levels_order_from_standing_to_lying() {
        assert!(Position::Standing.level() < Position::Seated.level());
        assert_eq!(Position::Kneeling.level(), Position::HandsAndKnees.level());
        assert!(Position::Lying.is_floor() && !Position::Seated.is_floor());
    }
}
