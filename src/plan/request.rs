//! What a user asks the planner for: goals, a time budget and the limits on
//! what they can do, plus the calendar the sessions fall on.

use std::collections::BTreeSet;

use chrono::{NaiveDate, Weekday};

use crate::content::{Condition, Equipment};
use crate::error::Fault;
use crate::limits;

/// What to select stretches for, and under which constraints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// Goal ids; empty means every goal counts equally.
    pub goals: Vec<String>,
    /// Minutes per session, 1–60.
    pub minutes: u32,
    /// What the user has; a stretch needing anything else is left out.
    pub equipment: BTreeSet<Equipment>,
    /// Leave out kneeling, hands-and-knees and lying stretches.
    pub no_floor: bool,
    /// Only seated stretches.
    pub seated_only: bool,
    /// Conditions the user has; stretches to avoid with them are left out.
    pub avoid: BTreeSet<Condition>,
    /// Older adults: large-muscle static holds of 30–60 s, seated where
    /// possible, and no floor work unless `floor` allows it.
    pub older: bool,
    /// Allow floor work for older adults (`--floor`); the floor stays
    /// ruled out by `no_floor` and by balance problems.
    pub floor: bool,
    /// A short break (the desk card): one or two holds of each static
    /// stretch instead of ACSM's two to four, so more stretches fit; the
    /// break is meant to be repeated through the day.
    pub quick: bool,
    /// Varies the plan; equal seeds give equal plans.
    pub seed: u64,
}

/// The goal for delicate days: gentle stretches only, and off the floor.
pub const GENTLE_START: &str = "gentle-start";

/// The goal of short breaks at the desk, repeated through the day.
pub const DESK_BREAK: &str = "desk-break";

/// Minutes of a desk break when none are given: a short break, done about
/// once an hour, not one long session.
pub const DESK_BREAK_MINUTES: u32 = 3;

impl Request {
    /// Whether the request is for desk breaks alone (`--goal desk-break`).
    pub fn desk_break(&self) -> bool {
        self.goals.iter().all(|g| g == DESK_BREAK) && !self.goals.is_empty()
    }

    /// Whether the request asks for a gentle start (`--goal
    /// gentle-start`): then only gentle-intensity stretches, off the floor,
    /// as the goal promises for days when the back feels delicate.
    pub fn gentle_start(&self) -> bool {
        self.goals.iter().any(|g| g == GENTLE_START)
    }

    /// Equipment a user is assumed to have unless they say otherwise.
    pub fn default_equipment() -> BTreeSet<Equipment> {
        [Equipment::Chair, Equipment::Wall].into_iter().collect()
    }

    /// A request for `minutes` with the default constraints.
    pub fn new(goals: Vec<String>, minutes: u32) -> Self {
        Request {
            goals,
            minutes,
            equipment: Self::default_equipment(),
            no_floor: false,
            seated_only: false,
            avoid: BTreeSet::new(),
            older: false,
            floor: false,
            quick: false,
            seed: 0,
        }
    }
}

/// When the sessions happen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Calendar {
    /// The first day of the plan.
    pub start: NaiveDate,
    /// The weekdays with a session, in week order (Monday first).
    pub days: Vec<Weekday>,
    /// Number of weeks, 1–12.
    pub weeks: u32,
}

impl Calendar {
    /// The first Monday strictly after `today`: the default start.
    pub fn next_monday(today: NaiveDate) -> NaiveDate {
        let ahead = 7 - today.weekday().num_days_from_monday();
        today + chrono::Days::new(u64::from(ahead))
    }

    /// Spreads `per_week` sessions over the week, as evenly as possible
    /// (for example 3 → Monday, Wednesday, Friday).
    pub fn spread(per_week: u32) -> Vec<Weekday> {
        let per_week = per_week.clamp(1, 7);
        let days: &[u8] = match per_week {
            1 => &[0],
            2 => &[0, 3],
            3 => &[0, 2, 4],
            4 => &[0, 1, 3, 4],
            5 => &[0, 1, 2, 3, 4],
            6 => &[0, 1, 2, 3, 4, 5],
            _ => &[0, 1, 2, 3, 4, 5, 6],
        };
        days.iter().map(|&d| Weekday::try_from(d).expect("0-6 is a weekday")).collect()
    }
}

use chrono::Datelike as _;

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn next_monday_is_strictly_after_today() {
        assert_eq!(Calendar::next_monday(date("2026-11-21")), date("2026-11-23")); // Saturday
        assert_eq!(Calendar::next_monday(date("2026-11-23")), date("2026-11-30")); // Monday
        assert_eq!(Calendar::next_monday(date("2026-11-29")), date("2026-11-30")); // Sunday
    }

    #[test]
    fn spread_keeps_rest_days_between_sessions() {
        use Weekday::*;
        assert_eq!(Calendar::spread(3), [Mon, Wed, Fri]);
        assert_eq!(Calendar::spread(2), [Mon, Thu]);
        assert_eq!(Calendar::spread(7).len(), 7);
    }
}

/// A stretch named explicitly (`--stretch
/// ID[:hold=30,reps=3,sides=2,position=seated]`), with any dose the
/// clinician prescribes in place of the planner's, and the position it is
/// done in when not its first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub id: String,
    pub hold_s: Option<u32>,
    pub reps: Option<u32>,
    pub sides: Option<u32>,
    pub position: Option<crate::content::Position>,
}

impl std::str::FromStr for Choice {
    type Err = Fault;

    /// Reads `ID` or `ID:key=value,...` with keys hold, reps, sides and
    /// position.
    fn from_str(s: &str) -> Result<Self, Fault> {
        let (id, overrides) = s.split_once(':').unwrap_or((s, ""));
        let id = id.trim();
        if id.is_empty() {
            return Err(Fault::NoStretchId);
        }
        let mut choice = Choice { id: id.to_string(), hold_s: None, reps: None, sides: None, position: None };
        for part in overrides.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (key, value) =
                part.split_once('=').ok_or_else(|| Fault::BadChoice { part: part.to_string() })?;
            if key.trim() == "position" {
                choice.position = Some(value.parse()?);
                continue;
            }
            let (slot, limit) = match key.trim() {
                "hold" => (&mut choice.hold_s, limits::HOLD_S),
                "reps" => (&mut choice.reps, limits::REPS),
                "sides" => (&mut choice.sides, limits::SIDES),
                other => return Err(Fault::UnknownDoseKey { key: other.to_string() }),
            };
            let number: i64 = value
                .trim()
                .parse()
                .map_err(|_| Fault::NotWhole { value: value.trim().to_string(), limit })?;
            if !limit.contains(number) {
                return Err(Fault::out_of_range(number, limit));
            }
            *slot = u32::try_from(number).ok();
        }
        Ok(choice)
    }
}

#[cfg(test)]
mod choice_tests {
    use super::*;

    #[test]
    fn reads_id_and_dose_overrides() {
        let c: Choice = "cat-cow:reps=8, sides=1".parse().unwrap();
        assert_eq!((c.id.as_str(), c.hold_s, c.reps, c.sides), ("cat-cow", None, Some(8), Some(1)));
        assert_eq!("childs-pose".parse::<Choice>().unwrap().hold_s, None);
    }

    #[test]
    fn rejects_bad_overrides_with_what_is_allowed() {
        let says = |s: &str| s.parse::<Choice>().unwrap_err().to_string();
        assert_eq!(says("x:hold=300"), "300 is more than 120 (a hold is 5–120 seconds)");
        assert!(says("x:speed=3").contains("use hold, reps, sides or position"));
        assert_eq!(
            "chin-tucks:position=standing".parse::<Choice>().unwrap().position,
            Some(crate::content::Position::Standing)
        );
        assert!(says("x:position=upside-down").contains("upside-down"));
        assert!(says("x:reps").contains("not key=value"));
        assert!(says(":reps=3").contains("id is missing"));
        assert!(says("x:reps=two").starts_with("\"two\" is not a whole number"));
    }
}
