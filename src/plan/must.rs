//! What a session must hold: a gentle opener (the warm-up, or another
//! gentle stretch where the warm-up cannot be held), the chest opener and
//! the extension move where they fit, and a stretch that serves a goal.

use std::cmp::Reverse;

use super::score;
use super::selector::Selector;
use crate::content::Stretch;

impl Selector<'_> {
    /// The stretches a session at progress `t` of the stretches in `keep`
    /// must hold: the warm-up (a session starts gently) whenever a session
    /// that meets `floor` can hold it, and with it the chest opener and the
    /// extension move when such a session can hold both, else the one of
    /// them that fits (the extension move first); where the warm-up cannot
    /// be held, another gentle stretch that fits beside those; and when
    /// none of them serves a goal, the most valuable stretch that does and
    /// fits with them (a three-minute session for tension holds a tension
    /// stretch).
    pub(super) fn must_have(&self, t: f64, floor: u32, keep: &[bool]) -> Vec<usize> {
        let fits = |need: &[usize]| self.reach_requiring(t, need, keep).is_some_and(|r| r >= floor);
        let warm_up: Vec<usize> =
            self.warm_up.filter(|&w| self.holds_apart(t, floor, keep, w)).into_iter().collect();
        let with = |base: &[usize], more: &[usize]| [base, more].concat();
        // The session's own chest opener and extension move, or where
        // `keep` leaves one out (staying off the floor), the best of its
        // kind that `keep` has.
        let of_kind = |own: Option<usize>, test: fn(&Stretch) -> bool| {
            own.filter(|&i| keep[i]).or_else(|| {
                let kind = (0..keep.len()).filter(|&i| keep[i] && test(self.stretches[i]));
                own.and_then(|_| kind.max_by_key(|&i| (self.values[i], Reverse(i))))
            })
        };
        let chest = of_kind(self.chest_opener, score::opens_chest);
        let extension = of_kind(self.extension, score::extends);
        let both: Vec<usize> = [extension, chest].into_iter().flatten().collect();
        let mut must = if fits(&with(&warm_up, &both)) {
            with(&warm_up, &both)
        } else {
            both.iter().map(|&i| with(&warm_up, &[i])).find(|need| fits(need)).unwrap_or(warm_up.clone())
        };
        if warm_up.is_empty() {
            // Another gentle opener, where one fits beside the rest.
            let gentle = |i: usize| score::is_gentle(self.stretches[i]) && !score::rests(self.stretches[i]);
            let opener = (0..keep.len())
                .filter(|&i| Some(i) != self.warm_up && keep[i] && gentle(i) && !must.contains(&i))
                .filter(|&i| self.holds_apart(t, floor, keep, i) && fits(&with(&must, &[i])))
                .max_by_key(|&i| (self.values[i], Reverse(i)));
            must.splice(0..0, opener);
        }
        if must.iter().any(|&i| self.serves_goal(i)) {
            return must;
        }
        let mut serving: Vec<usize> =
            (0..self.stretches.len()).filter(|&i| keep[i] && self.serves_goal(i)).collect();
        serving.sort_by_key(|&i| (Reverse(self.values[i]), i));
        let goal = serving.into_iter().find(|&i| fits(&with(&must, &[i])));
        with(&must, &goal.into_iter().collect::<Vec<_>>())
    }

    /// Whether a session at progress `t` of the stretches in `keep` that
    /// meets `floor` can hold stretch `w` — without any other twist when
    /// `w` twists, so no two twists need be side by side.
    fn holds_apart(&self, t: f64, floor: u32, keep: &[bool], w: usize) -> bool {
        let twists = |i: usize| score::twists(self.stretches[i]);
        let apart: Vec<bool> =
            (0..keep.len()).map(|k| keep[k] && (k == w || !twists(w) || !twists(k))).collect();
        keep[w] && self.reach_requiring(t, &[w], &apart).is_some_and(|r| r >= floor)
    }
}
