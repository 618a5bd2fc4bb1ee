//! Stretches that clash in one session, and which of them a search lets
//! go: the lesser of two twins, of two twists side by side, and every neck
//! stretch but the one worth most.

use std::cmp::Reverse;

use super::score;
use super::selector::{Picked, Selector};

impl Selector<'_> {
    /// The worth of stretch `i` with `extra`, for deciding which of two to
    /// let go: one the session must have (the warm-up, say) first.
    pub(super) fn worth(
        &self,
        i: usize,
        extra: &[i64],
        must: &[usize],
    ) -> (bool, i64, std::cmp::Reverse<usize>) {
        (must.contains(&i), self.values[i] + extra[i], std::cmp::Reverse(i))
    }

    /// The neck stretches of `picks` but the one worth most: one a session
    /// is enough for the neck.
    pub(super) fn extra_necks(&self, picks: &[Picked], extra: &[i64], must: &[usize]) -> Vec<usize> {
        let mut necks: Vec<usize> =
            picks.iter().map(|(i, _)| *i).filter(|&i| score::stretches_neck(self.stretches[i])).collect();
        necks.sort_by_key(|&i| Reverse(self.worth(i, extra, must)));
        necks.into_iter().skip(1).collect()
    }

    /// Of each pair of twins in `picks`, the one worth less.
    pub(super) fn lesser_twins(&self, picks: &[Picked], extra: &[i64], must: &[usize]) -> Vec<usize> {
        let mut lesser = Vec::new();
        for (k, &(a, _)) in picks.iter().enumerate() {
            for &(b, _) in &picks[k + 1..] {
                if score::twin(self.stretches[a], self.stretches[b]) {
                    lesser.push(if self.worth(a, extra, must) < self.worth(b, extra, must) { a } else { b });
                }
            }
        }
        lesser
    }

    /// Of each two twists that the session's order puts one after the
    /// other, the one worth less.
    pub(super) fn touching_twists(&self, picks: &[Picked], extra: &[i64], must: &[usize]) -> Vec<usize> {
        let sequence = self.sequence(picks);
        sequence
            .windows(2)
            .filter(|w| w.iter().all(|&i| score::twists(self.stretches[i])))
            .map(|w| if self.worth(w[0], extra, must) < self.worth(w[1], extra, must) { w[0] } else { w[1] })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use crate::plan::{Calendar, Request, build};

    #[test]
    fn a_routine_holds_one_neck_stretch_where_the_time_allows() {
        let library = crate::content::built_in().unwrap();
        for (goal, minutes, older) in
            [("tension", 15, true), ("tension", 30, false), ("desk-break", 10, false)]
        {
            let request = Request { older, ..Request::new(vec![goal.into()], minutes) };
            let calendar =
                Calendar { start: "2026-11-25".parse().unwrap(), days: Calendar::spread(3), weeks: 2 };
            let plan = build(&library, &request, &calendar).unwrap();
            for routine in plan.weekly.iter().flatten() {
                let necks = routine
                    .items
                    .iter()
                    .filter(|i| crate::plan::score::stretches_neck(library.stretch(&i.id).unwrap()))
                    .count();
                assert!(necks <= 1, "{goal} {minutes} min: {necks} neck stretches in {:?}", routine.ids());
            }
        }
    }
}
