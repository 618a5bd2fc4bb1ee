//! Selection: which stretches fill one session, at which doses, in which
//! order.
//!
//! 1. The request's constraints decide which stretches are allowed
//!    ([`eligible`](super::eligible)); goals, a warm-up and a chest opener
//!    decide what each is worth ([`score`](super::score)).
//! 2. An exact search over "stretch × dose" ([`knapsack`](super::knapsack))
//!    finds the longest total any allowed session can reach within the
//!    budget, `reach`, and the most valuable session whose total lies
//!    between the *floor* and the budget.
//! 3. The session is ordered to start gently and never come back to a
//!    level ([`order`](super::order)).
//!
//! # The fill guarantee
//!
//! A session never runs over its budget `B`. Its total is at least the
//! floor `min(⌈0.9 × B⌉, reach)`, where `reach` is the longest total, up to
//! `B`, of any session of allowed stretches, each at most once, at any
//! repetitions in range at that week's hold length, setup and level
//! changes included. So a session is at least 90 % full whenever the
//! stretches can get that close; when their steps are too coarse (a
//! 1-minute budget and only 2-minute stretches, say) it is as full as they
//! allow. The search is exact, so this holds for any library.

use std::collections::BTreeSet;
use std::fmt;

use crate::content::{Intensity, Library, Position};
use crate::error::Result;

use super::Request;
pub(crate) use super::selector::{Picked, Selector, ninety_percent};
use super::timing::Prescription;

/// Why a stretch is in a session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// It serves these requested goals (goal ids; with no goal requested,
    /// the goals it serves).
    Goals(Vec<String>),
    /// The gentle move that opens the session.
    GentleStart,
    /// A chest opener beside the session's upper-back work, so the front of
    /// the chest and shoulders is stretched too.
    ChestOpener,
    /// An extension move: straightens the upper back, the opposite of
    /// rounding forward at a desk.
    Extension,
    /// It serves none of the requested goals but fills the remaining time.
    FillsTime,
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::Goals(goals) => {
                let words: Vec<&str> = goals.iter().map(String::as_str).collect();
                write!(f, "serves {}", crate::words::and_list(&words))
            }
            Reason::GentleStart => f.write_str("a gentle move to start"),
            Reason::ChestOpener => {
                f.write_str("a chest opener, so the front of the chest and shoulders is stretched too")
            }
            Reason::Extension => {
                f.write_str("an extension move to straighten the upper back (the opposite of slouching)")
            }
            Reason::FillsTime => {
                f.write_str("fills the remaining time with a general stretch (not aimed at your goals)")
            }
        }
    }
}

/// One stretch of a session at its dose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub id: String,
    pub name: String,
    pub position: Position,
    pub intensity: Intensity,
    pub prescription: Prescription,
    /// Seconds to get into position plus the work and rests.
    pub seconds: u32,
    /// Seconds to change level (sit down, get down to the floor, stand up)
    /// just before this stretch; 0 when the level stays the same.
    pub change_s: u32,
    /// In every routine of a plan (always true for a single session).
    pub core: bool,
    /// 1 for the first round; 2, 3, … when a session too long for its
    /// stretches does them again.
    pub round: u32,
    /// Why it is in the session.
    pub reasons: Vec<Reason>,
}

/// One session's stretches in order, with their total time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Routine {
    /// "A", "B", …
    pub label: String,
    pub items: Vec<Item>,
    /// Seconds of the whole session: the items plus level changes.
    pub total_s: u32,
    /// The budget it was filled to, in seconds.
    pub budget_s: u32,
}

impl Routine {
    /// The stretch ids in order (a stretch again for each further round).
    pub fn ids(&self) -> Vec<&str> {
        self.items.iter().map(|i| i.id.as_str()).collect()
    }

    /// How many rounds the session does: 1, or more when one round of its
    /// stretches cannot fill the time.
    pub fn rounds(&self) -> u32 {
        self.items.iter().map(|i| i.round).max().unwrap_or(1)
    }

    /// The items of round `round` (1-based).
    pub fn round(&self, round: u32) -> impl Iterator<Item = &Item> {
        self.items.iter().filter(move |i| i.round == round)
    }

    /// A line saying the session repeats its stretches, when it does, and
    /// which: "… goes on with a second round: Overhead reach and Seated
    /// chest opener again."
    pub fn rounds_note(&self) -> Option<String> {
        let rounds = self.rounds();
        if rounds < 2 {
            return None;
        }
        let all = self.round(1).count();
        let names = |r: u32| {
            let names: Vec<&str> = self.round(r).map(|i| i.name.as_str()).collect();
            crate::words::and_list(&names)
        };
        let more =
            if rounds == 2 { "a second round".to_string() } else { format!("{} more rounds", rounds - 1) };
        let second = names(2);
        let what = if (2..=rounds).all(|r| self.round(r).count() == all) {
            format!("{more}: the same stretches again")
        } else if (3..=rounds).all(|r| names(r) == second) {
            let each = if rounds == 2 { "again" } else { "each time" };
            format!("{more}: {second} {each}")
        } else {
            format!("{more}: {} again", (2..=rounds).map(names).collect::<Vec<_>>().join("; then "))
        };
        Some(format!("The stretches alone do not fill the time, so the session goes on with {what}."))
    }
}

/// Selects one session for `request`: the stretches that best serve its
/// goals, filling `request.minutes` (never over, at least 90 % whenever the
/// allowed stretches can get that close), starting gently, with few level
/// changes, at first-week doses. The desk card and the clinic handout use
/// it; a weekly [`Plan`](super::Plan) comes from [`build`](super::build).
///
/// Errors: an unknown goal, minutes outside 1–60, constraints that leave
/// no stretch, or a budget shorter than the shortest possible session.
pub fn select(library: &Library, request: &Request) -> Result<Routine> {
    let library = &*super::eligible::placed(library, request);
    let selector = Selector::new(library, request)?;
    selector.check_fits(&[0.0])?;
    let picks = selector.choose(0.0, &selector.bonuses());
    let core: BTreeSet<usize> = picks.iter().map(|(i, _)| *i).collect();
    let again = super::rounds::again(&selector, &picks);
    Ok(selector.routine("A", &picks, &again, &core))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{Area, Condition, Equipment, Stretch};

    fn posture(minutes: u32) -> Request {
        Request::new(vec!["posture".into()], minutes)
    }

    #[test]
    fn a_ten_minute_posture_session_fills_nine_to_ten_minutes() {
        let library = crate::content::built_in().unwrap();
        let routine = select(&library, &posture(10)).unwrap();
        assert!((540..=600).contains(&routine.total_s), "{}", routine.total_s);
        let items: u32 = routine.items.iter().map(|i| i.seconds + i.change_s).sum();
        assert_eq!(items, routine.total_s);
    }

    #[test]
    fn starts_gently_and_pairs_upper_back_work_with_a_chest_opener() {
        let library = crate::content::built_in().unwrap();
        for minutes in [5, 10, 20] {
            let routine = select(&library, &posture(minutes)).unwrap();
            assert_eq!(routine.items[0].intensity, Intensity::Gentle, "{minutes}");
            let has =
                |area| routine.items.iter().any(|i| library.stretch(&i.id).unwrap().areas.contains(&area));
            assert!(has(Area::UpperBack) && has(Area::Chest), "{minutes}: {:?}", routine.ids());
        }
    }

    #[test]
    fn a_three_minute_tension_session_starts_gently_with_a_tension_stretch() {
        let library = crate::content::built_in().unwrap();
        let routine = select(&library, &Request::new(vec!["tension".into()], 3)).unwrap();
        assert_eq!(routine.items[0].intensity, Intensity::Gentle, "{:?}", routine.ids());
        assert!(routine.items[0].reasons.contains(&Reason::GentleStart), "{:?}", routine.items[0].reasons);
        let tension = routine.items.iter().any(|i| library.stretch(&i.id).unwrap().serves("tension"));
        assert!(tension, "{:?}", routine.ids());
    }

    #[test]
    fn never_comes_back_to_a_level() {
        let library = crate::content::built_in().unwrap();
        let mut request = posture(30);
        request.equipment.extend([Equipment::Towel, Equipment::Mat]);
        let routine = select(&library, &request).unwrap();
        // Within each round; a further round starts upright again, and
        // never goes back down to the floor.
        for round in 1..=routine.rounds() {
            let levels: Vec<_> = routine.round(round).map(|i| i.position.level()).collect();
            let mut seen = Vec::new();
            for level in levels {
                if seen.last() != Some(&level) {
                    assert!(!seen.contains(&level), "{:?}", routine.ids());
                    seen.push(level);
                }
            }
        }
        assert!(routine.rounds() > 1, "a 30-minute session of at most 8 stretches goes round again");
        assert!(routine.items.iter().filter(|i| i.round > 1).all(|i| !i.position.is_floor()));
    }

    #[test]
    fn bad_requests_are_one_line_errors() {
        let library = crate::content::built_in().unwrap();
        // A library whose one stretch takes longer than a minute at least.
        let mut long = library.stretch("childs-pose").unwrap().clone();
        long.dose.hold_s = Some(crate::content::Range::new(60, 60));
        long.dose.reps = crate::content::Range::new(3, 3);
        let one = Library::new(vec![long], library.goals().to_vec(), library.safety().clone());
        let e = select(&one, &Request::new(vec![], 1)).unwrap_err().to_string();
        assert_eq!(e, "minutes: 1 is too short; the shortest session these stretches allow is 4 minutes");
        let e = select(&library, &Request::new(vec!["flying".into()], 10)).unwrap_err().to_string();
        assert!(e.starts_with("goal: unknown goal \"flying\"; use tension"), "{e}");
        let mut r = posture(10);
        r.avoid.insert(Condition::ShoulderInjury);
        r.equipment.clear();
        let needy: Vec<Stretch> = library
            .stretches()
            .iter()
            .filter(|s| s.positions.iter().all(|&p| !s.needs_in(p).is_empty()))
            .cloned()
            .collect();
        let needy = Library::new(needy, library.goals().to_vec(), library.safety().clone());
        let e = select(&needy, &r).unwrap_err().to_string();
        assert!(e.starts_with("no stretch is left: "), "{e}");
        // Seated with nothing to sit on: one line that says so.
        r.seated_only = true;
        let e = select(&library, &r).unwrap_err().to_string();
        assert_eq!(
            e,
            "seated_only: seated stretches need a chair to sit on; add chair to the equipment you have"
        );
        assert!(select(&library, &posture(61)).is_err());
    }

    #[test]
    fn the_seed_varies_near_equal_choices_only() {
        let library = crate::content::built_in().unwrap();
        let base = select(&library, &Request::new(vec![], 10)).unwrap();
        let again = select(&library, &Request::new(vec![], 10)).unwrap();
        assert_eq!(base, again);
        let varied = (1..20).any(|seed| {
            let mut r = Request::new(vec![], 10);
            r.seed = seed;
            select(&library, &r).unwrap().ids() != base.ids()
        });
        assert!(varied);
    }
}
