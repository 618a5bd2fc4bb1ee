//! The selector: a request's allowed stretches, what each is worth, and
//! the searches over them that choose a session (see [`select`](super::select)
//! for the fill guarantee).
//!
//! A session is chosen in two steps: first among the stretches that serve
//! the goals (with the warm-up, the chest opener and the extension move);
//! only when those cannot fill the session to its floor do stretches that
//! serve no goal come in. Twins, and twists that would follow each other,
//! lose value and the search runs again (a few times at most).

use std::cell::RefCell;
use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use crate::content::{Equipment, Intensity, Library, Stretch};
use crate::error::{Error, Fault, Field, Result};
use crate::limits;

use super::Request;
use super::eligible::{Exclusion, exclusions, extra_twists, nothing_left};
use super::knapsack::{Candidate, Variant, reach_of, solve};
use super::order::order;
use super::score::{self, Room};
use super::timing::{self, Prescription};

/// Most searches [`Selector::choose`] runs again after its first, taking
/// out twins and twists in a row.
const MAX_SEARCHES: usize = 4;

/// Least seconds of floor work worth getting down to the floor for (and
/// back up) in a session that also has upright work.
pub(crate) const SHORT_FLOOR_S: u32 = 120;

/// A stretch (by index into [`Selector::stretches`]) at a dose.
pub(crate) type Picked = (usize, Prescription);

/// The allowed stretches of a request, what each is worth, and the search
/// over them.
#[derive(Clone)]
pub(crate) struct Selector<'a> {
    request: &'a Request,
    /// The goals that count: the requested ones, or every goal.
    goals: Vec<String>,
    /// The allowed stretches, in id order.
    pub stretches: Vec<&'a Stretch>,
    /// What each allowed stretch is worth (goals and seed).
    pub values: Vec<i64>,
    /// The warm-up, the chest opener and the extension move, if any are
    /// allowed.
    pub warm_up: Option<usize>,
    pub chest_opener: Option<usize>,
    pub extension: Option<usize>,
    /// The stretches the constraints rule out, with why.
    pub excluded: Vec<(&'a Stretch, Vec<Exclusion>)>,
    /// Stretches held at one dose (a plan's core, dosed alike in every
    /// routine); the floor does not depend on them.
    pub(super) fixed: BTreeMap<usize, Prescription>,
    /// Each allowed stretch's dose options, by the progress they were
    /// worked out for (see [`Selector::options_at`]).
    options: RefCell<Vec<(f64, Rc<[Options]>)>>,
}

/// One allowed stretch's dose options at one progress: each dose, its
/// seconds, and what the dose is worth against that week's target.
struct Options {
    doses: Vec<Prescription>,
    seconds: Vec<u32>,
    values: Vec<i64>,
}

impl<'a> Selector<'a> {
    /// Checks the request and sorts the library into allowed and ruled out.
    pub fn new(library: &'a Library, request: &'a Request) -> Result<Self> {
        if !limits::MINUTES.contains(i64::from(request.minutes)) {
            let fault = Fault::out_of_range(i64::from(request.minutes), limits::MINUTES);
            return Err(Error::field(Field::Minutes, fault));
        }
        if request.seated_only && !request.equipment.contains(&Equipment::Chair) {
            return Err(Error::field(Field::SeatedOnly, Fault::SeatedWithoutChair));
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
        // Older, unsteady or with fragile bones (a fall costs most): of
        // stretches that do the same, the seated one.
        let sits = request.older
            || [crate::content::Condition::BalanceProblems, crate::content::Condition::Osteoporosis]
                .iter()
                .any(|c| request.avoid.contains(c));
        let seated = |s: &Stretch| sits && s.position() == crate::content::Position::Seated;
        let mut values: Vec<i64> = stretches
            .iter()
            .map(|s| {
                score::stretch_value(s, &goals, request.seed) + if seated(s) { score::SEATED } else { 0 }
            })
            .collect();
        let extra = extra_twists(&stretches, &values, request);
        for (i, why) in extra.into_iter().rev() {
            excluded.push((stretches.remove(i), vec![why]));
            values.remove(i);
        }
        excluded.sort_by(|a, b| a.0.id.cmp(&b.0.id));
        let mut selector = Selector {
            request,
            warm_up: score::warm_up(&stretches, &values, &goals),
            chest_opener: None,
            extension: None,
            goals,
            stretches,
            values,
            excluded,
            fixed: BTreeMap::new(),
            options: RefCell::default(),
        };
        // A chest opener and an extension move that each take at most a
        // third of the session at the longest holds leave room for the rest.
        let room = |i: usize| {
            let seconds = selector.shortest_s(i, 1.0);
            if seconds <= selector.budget_s() / 3 { Room::Roomy } else { Room::Tight(Reverse(seconds)) }
        };
        let chest_opener = score::chest_opener(&selector.stretches, &selector.values, room, sits);
        let extension = score::extension(&selector.stretches, &selector.values, room, sits);
        (selector.chest_opener, selector.extension) = (chest_opener, extension);
        Ok(selector)
    }

    /// The session budget in seconds.
    pub fn budget_s(&self) -> u32 {
        self.request.minutes * 60
    }

    /// Whether the request allows only one twist a session, done once
    /// (osteoporosis).
    pub fn one_twist(&self) -> bool {
        self.request.avoid.contains(&crate::content::Condition::Osteoporosis)
    }

    /// The goals that count.
    pub fn goals(&self) -> &[String] {
        &self.goals
    }

    /// Extra value for the warm-up, the chest opener and the extension move.
    pub fn bonuses(&self) -> Vec<i64> {
        let mut extra = vec![0; self.stretches.len()];
        let special = [
            (self.warm_up, score::WARM_UP),
            (self.chest_opener, score::CHEST_OPENER),
            (self.extension, score::EXTENSION),
        ];
        for (i, bonus) in special {
            if let Some(i) = i {
                extra[i] += bonus;
            }
        }
        extra
    }

    /// The warm-up, the chest opener and the extension move that are allowed.
    pub fn specials(&self) -> impl Iterator<Item = usize> + '_ {
        [self.warm_up, self.chest_opener, self.extension].into_iter().flatten()
    }

    /// Whether allowed stretch `i` is chosen before stretches that serve no
    /// goal: it is the warm-up, the chest opener or the extension move, or
    /// it serves a goal and is no twin of the chest opener or the extension
    /// move (a second chest stretch comes in only as a filler).
    pub fn comes_first(&self, i: usize) -> bool {
        let special = |k: usize| k == i;
        let twin_of_special = [self.chest_opener, self.extension]
            .into_iter()
            .flatten()
            .any(|k| score::twin(self.stretches[k], self.stretches[i]));
        self.specials().any(special) || (self.serves_goal(i) && !twin_of_special)
    }

    /// Seconds a stretch takes alone at its shortest dose at progress `t`.
    pub fn shortest_s(&self, i: usize, t: f64) -> u32 {
        let stretch = self.stretches[i];
        timing::stretch_options(stretch, self.holds(stretch), self.request.quick, t)
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

    /// This selector with the stretches of `fixed` held at their doses.
    pub fn with_fixed(&self, fixed: BTreeMap<usize, Prescription>) -> Self {
        Selector { fixed, ..self.clone() }
    }

    /// Every allowed stretch's dose options at progress `t`, worked out
    /// once per progress and kept (the searches ask again and again).
    fn options_at(&self, t: f64) -> Rc<[Options]> {
        let mut cache = self.options.borrow_mut();
        if let Some((_, options)) = cache.iter().find(|(at, _)| at.to_bits() == t.to_bits()) {
            return Rc::clone(options);
        }
        let options: Rc<[Options]> = self
            .stretches
            .iter()
            .map(|stretch| {
                let holds = self.holds(stretch);
                let target = Prescription::at(&stretch.dose, holds, t);
                let doses = timing::stretch_options(stretch, holds, self.request.quick, t);
                let seconds = doses.iter().map(|p| timing::stretch_s(stretch, p)).collect();
                let values = doses.iter().map(|p| score::dose_value(p, &target)).collect();
                Options { doses, seconds, values }
            })
            .collect();
        cache.push((t, Rc::clone(&options)));
        options
    }

    /// Search candidate `i` from its dose `options`, worth its value plus
    /// `extra`, with its doses; its fixed dose held unless `free`.
    fn candidate(
        &self,
        options: &Options,
        i: usize,
        extra: i64,
        free: bool,
    ) -> (Vec<Prescription>, Candidate) {
        let fixed = self.fixed.get(&i).filter(|f| !free && options.doses.contains(f));
        let mut doses = Vec::with_capacity(options.doses.len());
        let mut variants = Vec::with_capacity(options.doses.len());
        for (k, dose) in options.doses.iter().enumerate() {
            if fixed.is_none_or(|f| f == dose) {
                doses.push(*dose);
                variants.push(Variant {
                    seconds: options.seconds[k],
                    value: self.values[i] + extra + options.values[k],
                });
            }
        }
        let level = self.stretches[i].position().level();
        (doses, Candidate { level, variants, required: false })
    }

    /// The search candidates at progress `t` of the stretches marked in
    /// `keep`, each worth its value plus `extra`; beside them, each one's
    /// index and doses.
    fn candidates(&self, t: f64, extra: &[i64], keep: &[bool]) -> (Vec<Found>, Vec<Candidate>) {
        let options = self.options_at(t);
        (0..self.stretches.len())
            .filter(|&i| keep[i])
            .map(|i| {
                let (doses, candidate) = self.candidate(&options[i], i, extra[i], false);
                ((i, doses), candidate)
            })
            .unzip()
    }

    /// The longest total, within the budget, of a session at progress `t`
    /// of the stretches marked in `keep` that holds every stretch of
    /// `required`; fixed doses held unless `free`. Candidates are made as
    /// the search asks for them, and it seldom asks for all.
    fn reach_of(&self, t: f64, keep: &[bool], required: &[usize], free: bool) -> Option<u32> {
        let options = self.options_at(t);
        let candidate = |i: usize| {
            let (_, candidate) = self.candidate(&options[i], i, 0, free);
            Candidate { required: required.contains(&i), ..candidate }
        };
        let kept = (0..self.stretches.len()).filter(|&i| keep[i]);
        let (first, rest) =
            (kept.clone().filter(|i| required.contains(i)), kept.filter(|i| !required.contains(i)));
        reach_of(first.chain(rest).map(candidate), self.budget_s())
    }

    /// As [`reach_requiring`](Self::reach_requiring), with fixed doses held.
    pub(super) fn reach_holding(&self, t: f64, required: &[usize], keep: &[bool]) -> Option<u32> {
        self.reach_of(t, keep, required, false)
    }

    /// The longest total, within the budget, of a session at progress `t`
    /// of the stretches marked in `keep` only.
    pub fn reach_among(&self, t: f64, keep: &[bool]) -> Option<u32> {
        self.reach_of(t, keep, &[], false)
    }

    /// The longest total, within the budget, of a session at progress `t`
    /// of the stretches marked in `keep` that holds every stretch of
    /// `required`.
    pub fn reach_requiring(&self, t: f64, required: &[usize], keep: &[bool]) -> Option<u32> {
        self.reach_of(t, keep, required, true)
    }

    /// The lowest total a session at progress `t` must reach:
    /// `min(⌈0.9 × budget⌉, reach)` (see the module docs). `None` when no
    /// session fits at all.
    pub fn floor(&self, t: f64) -> Option<u32> {
        let reach = self.reach_of(t, &vec![true; self.stretches.len()], &[], true)?;
        Some(reach.min(ninety_percent(self.budget_s())))
    }

    /// [`choose`](Self::choose) without the stretches marked `banned`.
    pub(super) fn choose_among(&self, t: f64, extra: &[i64], banned: Vec<bool>) -> Vec<Picked> {
        self.choose_among_necks(t, extra, banned, Necks::OneWherePossible)
    }

    /// [`choose_among`](Self::choose_among), with `neck_rule` saying whether a
    /// second neck stretch is let go wherever the floor can be met without.
    pub(super) fn choose_among_necks(
        &self,
        t: f64,
        extra: &[i64],
        mut banned: Vec<bool>,
        neck_rule: Necks,
    ) -> Vec<Picked> {
        let Some(floor) = self.floor(t) else {
            return Vec::new();
        };
        let Some(mut keep) = self.pool(t, floor, &banned) else {
            return Vec::new();
        };
        let mut extra = extra.to_vec();
        // What the first round must reach: the floor, or less when further
        // rounds make up the rest.
        let mut target = floor;
        let must = self.must_have(t, floor, &keep);
        let mut picks = self.search(t, &extra, &keep, target, &must);
        let mut penalised = BTreeSet::new();
        for _ in 0..MAX_SEARCHES {
            let twins: Vec<usize> = self
                .lesser_twins(&picks, &extra, &must)
                .into_iter()
                .filter(|i| penalised.insert(*i))
                .collect();
            let mut changed = !twins.is_empty();
            for i in twins {
                extra[i] -= score::TWIN;
            }
            let necks = match neck_rule {
                Necks::OneWherePossible => self.extra_necks(&picks, &extra, &must),
                Necks::Any => Vec::new(),
            };
            for i in self.touching_twists(&picks, &extra, &must).into_iter().chain(necks.iter().copied()) {
                banned[i] = true;
                // A second neck stretch goes only where one round still
                // meets the floor without it (further rounds never repeat
                // a neck stretch, so they cannot make up for it).
                let rounds = !necks.contains(&i);
                if let Some(pool) = self.pool(t, floor, &banned) {
                    (keep, target, changed) = (pool, floor, true);
                } else if let Some((pool, reach)) =
                    self.pool_with_rounds(t, floor, &banned, &extra).filter(|_| rounds)
                {
                    (keep, target, changed) = (pool, reach, true);
                } else {
                    // The floor needs it: keep it, and the clash.
                    banned[i] = false;
                }
            }
            if !changed {
                break;
            }
            picks = self.search(t, &extra, &keep, target, &must);
        }
        self.fewer(t, &extra, picks, &must)
    }

    /// The stretches a search at progress `t` may use, none of them
    /// `banned`: those that [come first](Self::comes_first) when they can
    /// meet `floor`, else all but neck stretches that serve no goal (the
    /// neck is no place to fill time), else all; `None` when not even all
    /// can.
    fn pool(&self, t: f64, floor: u32, banned: &[bool]) -> Option<Vec<bool>> {
        self.pools(banned).into_iter().find(|keep| self.reach_among(t, keep).is_some_and(|r| r >= floor))
    }

    /// The pools [`pool`](Self::pool) tries, in turn.
    fn pools(&self, banned: &[bool]) -> [Vec<bool>; 3] {
        let fill = |neck: bool| -> Vec<bool> {
            (0..self.stretches.len())
                .map(|i| {
                    !banned[i] && (neck || self.comes_first(i) || !score::stretches_neck(self.stretches[i]))
                })
                .collect()
        };
        let first: Vec<bool> = (0..self.stretches.len()).map(|i| self.comes_first(i) && !banned[i]).collect();
        [first, fill(false), fill(true)]
    }

    /// Like [`pool`](Self::pool) for a first round that cannot meet
    /// `floor` alone but does with further rounds: the pool and what its
    /// first round reaches.
    fn pool_with_rounds(
        &self,
        t: f64,
        floor: u32,
        banned: &[bool],
        extra: &[i64],
    ) -> Option<(Vec<bool>, u32)> {
        self.pools(banned).into_iter().find_map(|keep| {
            let reach = self.reach_among(t, &keep)?;
            let picks = self.search(t, extra, &keep, reach, &[]);
            (super::rounds::session_s(self, &picks) >= floor).then_some((keep, reach))
        })
    }

    /// The stretches of `picks` (indices into [`Self::stretches`]) in the
    /// order a session does them.
    pub fn sequence(&self, picks: &[Picked]) -> Vec<usize> {
        let stretches: Vec<&Stretch> = picks.iter().map(|(i, _)| self.stretches[*i]).collect();
        let values: Vec<i64> = picks.iter().map(|(i, _)| self.values[*i]).collect();
        let warm_up = picks.iter().position(|(i, _)| Some(*i) == self.warm_up);
        order(&stretches, &values, warm_up).into_iter().map(|k| picks[k].0).collect()
    }

    /// One exact search over the stretches in `keep`: the most valuable
    /// session that meets `floor` and holds the stretches of `must` (or,
    /// when no such session is among `keep`, without them).
    pub(super) fn search(
        &self,
        t: f64,
        extra: &[i64],
        keep: &[bool],
        floor: u32,
        must: &[usize],
    ) -> Vec<Picked> {
        let (found, mut candidates) = self.candidates(t, extra, keep);
        for ((i, _), candidate) in found.iter().zip(&mut candidates) {
            candidate.required = must.contains(i);
        }
        let table = solve(&candidates, self.budget_s(), score::LEVEL_CHANGE);
        match table.best_from(floor) {
            Some(pick) => picked(&found, &pick.options),
            // Fixed doses may leave no room for all of them: the warm-up
            // alone (a session starts gently), then none.
            None if must.len() > 1 && must.first() == self.warm_up.as_ref() => {
                self.search(t, extra, keep, floor, &must[..1])
            }
            None if !must.is_empty() => self.search(t, extra, keep, floor, &[]),
            None => Vec::new(),
        }
    }

    /// Stretch `i`'s dose at progress `t` of a plan that ends at progress
    /// `end` with dose `last`: the hold for `t` (holds lengthen week by
    /// week) with `last`'s repetitions; a move's (and a deep stretch's, or
    /// a hold's that does not lengthen) repetitions rising from the low end
    /// of its range to `last`'s. Never shorter or fewer than the week
    /// before, and `last` itself at `end`.
    pub fn dose_in_week(&self, i: usize, last: Prescription, t: f64, end: f64) -> Prescription {
        let stretch = self.stretches[i];
        let (dose, holds) = (&stretch.dose, self.holds(stretch));
        let at = Prescription::at(dose, holds, t);
        // A hold that lengthens week by week keeps its repetitions; a deep
        // stretch, and a hold that stays the same length (an older
        // adult's 30 s neck stretch), starts at its fewest repetitions and
        // builds up.
        let lengthens =
            Prescription::at(dose, holds, 0.0).hold_s != Prescription::at(dose, holds, end).hold_s;
        if last.hold_s.is_some() && stretch.intensity != Intensity::Deep && lengthens {
            return at.with_reps(last.reps);
        }
        let share = if end > 0.0 { (t / end).clamp(0.0, 1.0) } else { 1.0 };
        let low = timing::reps_options(dose, holds, self.request.quick).min.min(last.reps);
        at.with_reps(crate::content::Range::new(low, last.reps).lerp(share))
    }

    /// The hold rule of `stretch` in this request (longer holds for older
    /// adults where they suit).
    pub fn holds(&self, stretch: &Stretch) -> timing::Holds {
        timing::Holds::of(stretch, self.request.older)
    }

    /// Whether allowed stretch `i` serves a goal that counts.
    pub fn serves_goal(&self, i: usize) -> bool {
        !score::served(self.stretches[i], &self.goals).is_empty()
    }
}

/// How many neck stretches a session may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Necks {
    /// One, unless the floor needs more: one a session is enough for the
    /// neck.
    OneWherePossible,
    /// As many as serve the goals best (twins still count against them).
    Any,
}

/// ⌈0.9 × budget⌉.
pub(crate) fn ninety_percent(budget_s: u32) -> u32 {
    (budget_s * 9).div_ceil(10)
}

/// A search candidate's stretch (by index) and its doses, in the order of
/// its options.
type Found = (usize, Vec<Prescription>);

fn picked(found: &[Found], options: &[Option<usize>]) -> Vec<Picked> {
    found.iter().zip(options).filter_map(|((i, doses), k)| k.map(|k| (*i, doses[k]))).collect()
}
