//! Choosing a session, and staying upright: a session with upright work
//! does not get down to the floor for less than [`SHORT_FLOOR_S`] of floor
//! work when the upright stretches can do as well (keeping its warm-up,
//! chest opener and extension move, its time and its goal stretches).

use std::collections::BTreeMap;

use super::score;
use super::selector::{Necks, Picked, SHORT_FLOOR_S, Selector};
use super::timing;
use crate::content::Stretch;

impl Selector<'_> {
    /// The most valuable session at progress `t` that meets the floor, each
    /// stretch worth its value plus `extra`: from the stretches that
    /// [come first](Self::comes_first) when they can meet the floor, else
    /// from all. Two [twins](score::twin), or two twists that the order
    /// cannot keep apart, stay only when the floor needs both. Empty only
    /// when no session fits at all (which [`check_fits`](Self::check_fits)
    /// rules out).
    ///
    /// A session with upright work does not get down to the floor for less
    /// than [`SHORT_FLOOR_S`] of floor work: it stays upright instead,
    /// whenever the upright stretches can meet the floor alone.
    pub fn choose(&self, t: f64, extra: &[i64]) -> Vec<Picked> {
        let picks = self.choose_among(t, extra, vec![false; self.stretches.len()]);
        if !self.short_floor(&picks) {
            return picks;
        }
        let on_floor: Vec<bool> = self.stretches.iter().map(|s| s.position().is_floor()).collect();
        let upright = self.choose_among(t, extra, on_floor.clone());
        if self.stays_up(t, &picks, &upright) {
            return upright;
        }
        // A second neck stretch rather than a short trip to the floor, or
        // than stretches that serve no goal.
        let upright = self.choose_among_necks(t, extra, on_floor.clone(), Necks::Any);
        if self.stays_up(t, &picks, &upright) {
            return upright;
        }
        // Fixed doses (a routine's core at the best session's) may be what
        // keeps it down: upright, the core may take another dose.
        if self.fixed.is_empty() {
            return picks;
        }
        let upright = self.with_fixed(BTreeMap::new()).choose_among(t, extra, on_floor);
        if self.stays_up(t, &picks, &upright) { upright } else { picks }
    }

    /// Whether the `upright` session may replace `picks` (a short floor
    /// visit): not at the cost of the warm-up, the chest opener or the
    /// extension move,
    /// of the time (with further rounds, it reaches what `picks` reached,
    /// up to the floor), or of stretches that serve the goals.
    fn stays_up(&self, t: f64, picks: &[Picked], upright: &[Picked]) -> bool {
        let kinds =
            |p: &[Picked], test: fn(&Stretch) -> bool| p.iter().any(|(i, _)| test(self.stretches[*i]));
        let keeps = |test: fn(&Stretch) -> bool| !kinds(picks, test) || kinds(upright, test);
        let floor = self.floor(t).unwrap_or(0).min(super::rounds::session_s(self, picks));
        let fills = super::rounds::session_s(self, upright) >= floor;
        let fillers = |p: &[Picked]| p.iter().filter(|(i, _)| !self.comes_first(*i)).count();
        let warms_up = |p: &[Picked]| self.warm_up.is_some_and(|w| p.iter().any(|(i, _)| *i == w));
        !upright.is_empty()
            && keeps(score::opens_chest)
            && keeps(score::extends)
            && (!warms_up(picks) || warms_up(upright))
            && fills
            && fillers(upright) <= fillers(picks)
    }

    /// Whether `picks` mixes upright work with less than [`SHORT_FLOOR_S`]
    /// of floor work.
    pub fn short_floor(&self, picks: &[Picked]) -> bool {
        let on_floor = |i: usize| self.stretches[i].position().is_floor();
        let floor_s: u32 = picks
            .iter()
            .filter(|(i, _)| on_floor(*i))
            .map(|(i, p)| timing::stretch_s(self.stretches[*i], p))
            .sum();
        let upright = picks.iter().any(|(i, _)| !on_floor(*i));
        upright && floor_s > 0 && floor_s < SHORT_FLOOR_S
    }
}
