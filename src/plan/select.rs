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

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use crate::content::{Intensity, Library, Position, Stretch};
use crate::error::{Error, Fault, Field, Result};
use crate::limits;

use super::Request;
use super::eligible::{Exclusion, exclusions, nothing_left};
use super::knapsack::{Candidate, Variant, reach, solve};
use super::order::order;
use super::score;
use super::timing::{self, Prescription};

/// One stretch of a session at its dose.
/// Why a stretch is in a session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// It serves these requested goals (goal ids; with no goal requested,
    /// the goals it serves).
    Goals(Vec<String>),
    /// The gentle move that opens the session.
    GentleStart,
    /// A chest opener balancing the session's upper-back work: a tight front
    /// pulls on the back.
    ChestOpener,
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
                f.write_str("a chest opener to balance the upper-back work (a tight front pulls on the back)")
            }
            Reason::FillsTime => f.write_str("fills the remaining time (serves none of your goals)"),
        }
    }
}

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
    /// The stretch ids in order.
    pub fn ids(&self) -> Vec<&str> {
        self.items.iter().map(|i| i.id.as_str()).collect()
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
    Ok(selector.routine("A", &picks, &core))
}

/// A stretch (by index into [`Selector::stretches`]) at a dose.
pub(crate) type Picked = (usize, Prescription);

/// The allowed stretches of a request, what each is worth, and the search
/// over them.
pub(crate) struct Selector<'a> {
    request: &'a Request,
    /// The goals that count: the requested ones, or every goal.
    goals: Vec<String>,
    /// The allowed stretches, in id order.
    pub stretches: Vec<&'a Stretch>,
    /// What each allowed stretch is worth (goals and seed).
    pub values: Vec<i64>,
    /// The warm-up and the chest opener, if any are allowed.
    pub warm_up: Option<usize>,
    pub chest_opener: Option<usize>,
    /// The stretches the constraints rule out, with why.
    pub excluded: Vec<(&'a Stretch, Vec<Exclusion>)>,
}

impl<'a> Selector<'a> {
    /// Checks the request and sorts the library into allowed and ruled out.
    pub fn new(library: &'a Library, request: &'a Request) -> Result<Self> {
        if !limits::MINUTES.contains(i64::from(request.minutes)) {
            let fault = Fault::out_of_range(i64::from(request.minutes), limits::MINUTES);
            return Err(Error::field(Field::Minutes, fault));
        }
        let mut goals: Vec<String> = Vec::new();
        for goal in &request.goals {
            let id = &library.require_goal(goal)?.id;
            if !goals.contains(id) {
                goals.push(id.clone());
            }
        }
        if goals.is_empty() {
            goals = library.goals().iter().map(|g| g.id.clone()).collect();
        }
        let (mut stretches, mut excluded) = (Vec::new(), Vec::new());
        for stretch in library.stretches() {
            let why = exclusions(stretch, request);
            if why.is_empty() {
                stretches.push(stretch);
            } else {
                excluded.push((stretch, why));
            }
        }
        if stretches.is_empty() {
            return Err(nothing_left(&excluded));
        }
        let values: Vec<i64> =
            stretches.iter().map(|s| score::stretch_value(s, &goals, request.seed)).collect();
        Ok(Selector {
            request,
            warm_up: score::warm_up(&stretches, &values, &goals),
            chest_opener: score::chest_opener(&stretches, &values),
            goals,
            stretches,
            values,
            excluded,
        })
    }

    /// The session budget in seconds.
    pub fn budget_s(&self) -> u32 {
        self.request.minutes * 60
    }

    /// The goals that count.
    pub fn goals(&self) -> &[String] {
        &self.goals
    }

    /// Extra value for the warm-up and the chest opener.
    pub fn bonuses(&self) -> Vec<i64> {
        let mut extra = vec![0; self.stretches.len()];
        if let Some(w) = self.warm_up {
            extra[w] += score::WARM_UP;
        }
        if let Some(c) = self.chest_opener {
            extra[c] += score::CHEST_OPENER;
        }
        extra
    }

    /// Seconds a stretch takes alone at its shortest dose at progress `t`.
    pub fn shortest_s(&self, i: usize, t: f64) -> u32 {
        let stretch = self.stretches[i];
        timing::options(&stretch.dose, self.request.older, self.request.quick, t)
            .iter()
            .map(|p| timing::stretch_s(stretch, p))
            .min()
            .unwrap_or(0)
    }

    /// Fails when some week's shortest possible session is longer than the
    /// budget (holds lengthen as a plan goes on, so later weeks need more).
    pub fn check_fits(&self, horizon: &[f64]) -> Result<()> {
        let shortest = horizon
            .iter()
            .map(|&t| (0..self.stretches.len()).map(|i| self.shortest_s(i, t)).min().unwrap_or(0))
            .max()
            .unwrap_or(0);
        if shortest <= self.budget_s() {
            return Ok(());
        }
        let fault = Fault::TooShort { minutes: self.request.minutes, shortest_s: shortest };
        Err(Error::field(Field::Minutes, fault))
    }

    /// The search candidates at progress `t`, each stretch worth its value
    /// plus `extra`; only `members` when given, and then all required.
    /// `at_least` holds, for some moves, the fewest repetitions to offer.
    fn candidates(
        &self,
        t: f64,
        extra: &[i64],
        members: Option<&[usize]>,
        at_least: &BTreeMap<usize, u32>,
    ) -> Vec<(usize, Vec<Prescription>, Candidate)> {
        let chosen: Vec<usize> = match members {
            Some(m) => m.to_vec(),
            None => (0..self.stretches.len()).collect(),
        };
        chosen
            .into_iter()
            .map(|i| {
                let stretch = self.stretches[i];
                let target = Prescription::at(&stretch.dose, self.request.older, t);
                let mut doses = timing::options(&stretch.dose, self.request.older, self.request.quick, t);
                if let Some(&least) = at_least.get(&i) {
                    let kept: Vec<Prescription> = doses.iter().copied().filter(|p| p.reps >= least).collect();
                    if !kept.is_empty() {
                        doses = kept;
                    }
                }
                let variants = doses
                    .iter()
                    .map(|p| Variant {
                        seconds: timing::stretch_s(stretch, p),
                        value: self.values[i] + extra[i] + score::dose_value(p, &target),
                    })
                    .collect();
                let candidate =
                    Candidate { level: stretch.position().level(), variants, required: members.is_some() };
                (i, doses, candidate)
            })
            .collect()
    }

    /// The lowest total a session at progress `t` must reach:
    /// `min(⌈0.9 × budget⌉, reach)` (see the module docs). `None` when no
    /// session fits at all.
    pub fn floor(&self, t: f64) -> Option<u32> {
        let found = self.candidates(t, &vec![0; self.stretches.len()], None, &BTreeMap::new());
        let candidates: Vec<Candidate> = found.into_iter().map(|(_, _, c)| c).collect();
        let reach = reach(&candidates, self.budget_s())?;
        Some(reach.min(ninety_percent(self.budget_s())))
    }

    /// The most valuable session at progress `t` that meets the floor, each
    /// stretch worth its value plus `extra`, keeping two
    /// [twins](score::twin) only when the floor needs both. Empty only when
    /// no session fits at all (which [`check_fits`](Self::check_fits) rules
    /// out).
    pub fn choose(&self, t: f64, extra: &[i64]) -> Vec<Picked> {
        let mut extra = extra.to_vec();
        let mut picks = self.search(t, &extra);
        let mut penalised = BTreeSet::new();
        for _ in 0..3 {
            let twins: Vec<usize> =
                self.lesser_twins(&picks, &extra).into_iter().filter(|i| penalised.insert(*i)).collect();
            if twins.is_empty() {
                break;
            }
            for i in twins {
                extra[i] -= score::TWIN;
            }
            picks = self.search(t, &extra);
        }
        picks
    }

    /// Of each pair of twins in `picks`, the one worth less.
    fn lesser_twins(&self, picks: &[Picked], extra: &[i64]) -> Vec<usize> {
        let worth = |i: usize| (self.values[i] + extra[i], std::cmp::Reverse(i));
        let mut lesser = Vec::new();
        for (k, &(a, _)) in picks.iter().enumerate() {
            for &(b, _) in &picks[k + 1..] {
                if score::twin(self.stretches[a], self.stretches[b]) {
                    lesser.push(if worth(a) < worth(b) { a } else { b });
                }
            }
        }
        lesser
    }

    /// One exact search: the most valuable session that meets the floor.
    fn search(&self, t: f64, extra: &[i64]) -> Vec<Picked> {
        let found = self.candidates(t, extra, None, &BTreeMap::new());
        let candidates: Vec<Candidate> = found.iter().map(|(_, _, c)| c.clone()).collect();
        let table = solve(&candidates, self.budget_s(), score::LEVEL_CHANGE);
        let Some(reach) = table.reach() else {
            return Vec::new();
        };
        let floor = reach.min(ninety_percent(self.budget_s()));
        table.best_from(floor).map_or_else(Vec::new, |pick| picked(&found, &pick.options))
    }

    /// Doses for exactly `members` at progress `t` that meet `floor` within
    /// the budget; `None` when they cannot.
    /// `at_least` gives, for some stretches, the fewest repetitions to offer
    /// (so a move never repeats less than the week before).
    pub fn fit(
        &self,
        members: &[usize],
        t: f64,
        floor: u32,
        at_least: &BTreeMap<usize, u32>,
    ) -> Option<Vec<Picked>> {
        let extra = vec![0; self.stretches.len()];
        let found = self.candidates(t, &extra, Some(members), at_least);
        let candidates: Vec<Candidate> = found.iter().map(|(_, _, c)| c.clone()).collect();
        let pick = solve(&candidates, self.budget_s(), score::LEVEL_CHANGE).best_from(floor)?;
        Some(picked(&found, &pick.options))
    }

    /// The session of `picks` in order, labelled, with reasons; `core`
    /// holds the stretches that are in every routine.
    pub fn routine(&self, label: &str, picks: &[Picked], core: &BTreeSet<usize>) -> Routine {
        let stretches: Vec<&Stretch> = picks.iter().map(|(i, _)| self.stretches[*i]).collect();
        let values: Vec<i64> = picks.iter().map(|(i, _)| self.values[*i]).collect();
        let warm_up = picks.iter().position(|(i, _)| Some(*i) == self.warm_up);
        let sequence = order(&stretches, &values, warm_up);
        let upper_back = stretches.iter().any(|s| score::works_upper_back(s));
        let mut items = Vec::with_capacity(picks.len());
        let mut previous: Option<&Stretch> = None;
        for (place, &k) in sequence.iter().enumerate() {
            let (i, prescription) = picks[k];
            let stretch = self.stretches[i];
            let change_s = previous
                .map_or(0, |p| timing::level_change_s(p.position().level(), stretch.position().level()));
            items.push(Item {
                id: stretch.id.clone(),
                name: stretch.name.clone(),
                position: stretch.position(),
                intensity: stretch.intensity,
                prescription,
                seconds: timing::stretch_s(stretch, &prescription),
                change_s,
                core: core.contains(&i),
                reasons: self.reasons(stretch, place == 0, upper_back),
            });
            previous = Some(stretch);
        }
        let total_s = items.iter().map(|i| i.seconds + i.change_s).sum();
        Routine { label: label.to_string(), items, total_s, budget_s: self.budget_s() }
    }

    fn reasons(&self, stretch: &Stretch, first: bool, upper_back: bool) -> Vec<Reason> {
        let mut reasons = Vec::new();
        if first && score::is_gentle(stretch) {
            reasons.push(Reason::GentleStart);
        }
        let served = score::served(stretch, &self.goals);
        if !served.is_empty() {
            reasons.push(Reason::Goals(served.iter().map(|g| g.to_string()).collect()));
        }
        if score::opens_chest(stretch) && upper_back {
            reasons.push(Reason::ChestOpener);
        }
        if reasons.is_empty() {
            reasons.push(Reason::FillsTime);
        }
        reasons
    }

    /// Whether allowed stretch `i` serves a goal that counts.
    pub fn serves_goal(&self, i: usize) -> bool {
        !score::served(self.stretches[i], &self.goals).is_empty()
    }
}

/// ⌈0.9 × budget⌉.
pub(crate) fn ninety_percent(budget_s: u32) -> u32 {
    (budget_s * 9).div_ceil(10)
}

fn picked(found: &[(usize, Vec<Prescription>, Candidate)], options: &[Option<usize>]) -> Vec<Picked> {
    found.iter().zip(options).filter_map(|((i, doses, _), k)| k.map(|k| (*i, doses[k]))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{Area, Condition, Equipment};

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
    fn never_comes_back_to_a_level() {
        let library = crate::content::built_in().unwrap();
        let mut request = posture(30);
        request.equipment.extend([Equipment::Towel, Equipment::Mat]);
        let routine = select(&library, &request).unwrap();
        let levels: Vec<_> = routine.items.iter().map(|i| i.position.level()).collect();
        let mut seen = Vec::new();
        for level in levels {
            if seen.last() != Some(&level) {
                assert!(!seen.contains(&level), "{:?}", routine.ids());
                seen.push(level);
            }
        }
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
        r.seated_only = true;
        r.avoid.insert(Condition::ShoulderInjury);
        r.equipment.clear();
        let needy: Vec<Stretch> =
            library.stretches().iter().filter(|s| !s.equipment.is_empty()).cloned().collect();
        let needy = Library::new(needy, library.goals().to_vec(), library.safety().clone());
        let e = select(&needy, &r).unwrap_err().to_string();
        assert!(e.starts_with("no stretch is left: "), "{e}");
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
