//! Fewer stretches to learn: one round of a session holds at most
//! [`most_per_round`] stretches. When the best session holds more, its
//! most valuable ones (those it must have first, one of each kind) are
//! searched again for the doses that fill the round best, and further
//! rounds (see [`rounds`](super::rounds)) make up the time. The shorter
//! list is kept only when the session still fills as much of its budget as
//! before (up to 90 %), puts no two twists side by side that the longer
//! one kept apart, and makes no short floor visit the longer one did not.

use std::cmp::Reverse;

use super::score;
use super::selector::{Picked, Selector, ninety_percent};

/// Most stretches in one round of a session of up to half an hour: more
/// are hard to learn and remember at home.
pub(crate) const MOST_PER_ROUND: usize = 8;

/// Most stretches in one round of a session of `budget_s` seconds:
/// [`MOST_PER_ROUND`] up to half an hour, then one more for each further
/// 7½ minutes, up to 12 for an hour. Someone who sets aside an hour does
/// better with a dozen stretches twice than with eight done six times over
/// (physiotherapist review 6).
pub(crate) fn most_per_round(budget_s: u32) -> usize {
    MOST_PER_ROUND + (budget_s.saturating_sub(30 * 60) / 450).min(4) as usize
}

impl Selector<'_> {
    /// `picks` (a session at progress `t`, each stretch worth its value
    /// plus `extra`, holding `must`), or the same session with at most
    /// [`most_per_round`] stretches a round where that does as well.
    pub(super) fn fewer(&self, t: f64, extra: &[i64], picks: Vec<Picked>, must: &[usize]) -> Vec<Picked> {
        if picks.len() <= most_per_round(self.budget_s()) {
            return picks;
        }
        // The most valuable, or the most valuable upright ones where the
        // others would make a short floor visit.
        let on_floor = |i: usize| self.stretches[i].position().is_floor();
        let tries = [self.most_valuable(&picks, extra, must, &|_| true), {
            let upright = |i: usize| !on_floor(i) || must.contains(&i);
            self.most_valuable(&picks, extra, must, &upright)
        }];
        let before = super::rounds::session_s(self, &picks);
        let touching = |p: &[Picked]| !self.touching_twists(p, extra, must).is_empty();
        tries
            .iter()
            .find_map(|keep| {
                let held: Vec<usize> = must.iter().copied().filter(|&m| keep[m]).collect();
                let reach = self.reach_holding(t, &held, keep)?;
                let fewer = self.search(t, extra, keep, reach, &held);
                let has = |p: &[Picked], m: usize| p.iter().any(|(i, _)| *i == m);
                let keeps_must = must.iter().all(|&m| !has(&picks, m) || has(&fewer, m));
                let after = super::rounds::session_s(self, &fewer);
                let fills = after >= before.min(ninety_percent(self.budget_s()));
                let apart = !touching(&fewer) || touching(&picks);
                let stays_up = !self.short_floor(&fewer) || self.short_floor(&picks);
                (!fewer.is_empty() && keeps_must && fills && apart && stays_up).then_some(fewer)
            })
            .unwrap_or(picks)
    }

    /// The [`most_per_round`] stretches of `picks` worth the most among
    /// those `allowed`: those of `must` first, then by worth, one of each
    /// kind (no twins).
    fn most_valuable(
        &self,
        picks: &[Picked],
        extra: &[i64],
        must: &[usize],
        allowed: &dyn Fn(usize) -> bool,
    ) -> Vec<bool> {
        let mut ranked: Vec<usize> = picks.iter().map(|(i, _)| *i).filter(|&i| allowed(i)).collect();
        ranked.sort_by_key(|&i| Reverse(self.worth(i, extra, must)));
        let most = most_per_round(self.budget_s());
        let mut chosen: Vec<usize> = Vec::new();
        for i in ranked {
            let twin = chosen.iter().any(|&k| score::twin(self.stretches[k], self.stretches[i]));
            if chosen.len() < most && (must.contains(&i) || !twin) {
                chosen.push(i);
            }
        }
        (0..self.stretches.len()).map(|i| chosen.contains(&i)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::{Request, select};

    #[test]
    fn long_sessions_go_round_again_with_a_few_more_stretches_and_still_fill() {
        let library = crate::content::built_in().unwrap();
        for goal in ["posture", "mobility", "tension"] {
            for minutes in [20, 30, 45, 60] {
                let request = Request::new(vec![goal.into()], minutes);
                let routine = select(&library, &request).unwrap();
                let first = routine.round(1).count();
                assert!(first <= most_per_round(minutes * 60), "{goal} {minutes} min: {first} in round 1");
                assert!(routine.rounds() <= 5, "{goal} {minutes} min: {} rounds", routine.rounds());
                let least = ninety_percent(minutes * 60);
                assert!(routine.total_s >= least, "{goal} {minutes} min: {} s", routine.total_s);
            }
        }
    }

    #[test]
    fn a_round_holds_eight_up_to_half_an_hour_and_twelve_for_an_hour() {
        assert_eq!(most_per_round(10 * 60), 8);
        assert_eq!(most_per_round(30 * 60), 8);
        assert_eq!(most_per_round(45 * 60), 10);
        assert_eq!(most_per_round(60 * 60), 12);
    }
}
