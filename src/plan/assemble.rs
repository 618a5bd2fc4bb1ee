//! Building a session from the selector's picks: the stretches in order
//! with their doses, reasons and level changes, round after round, and the
//! seconds of a round.

use std::collections::{BTreeMap, BTreeSet};

use crate::content::Stretch;

use super::score;
use super::select::{Item, Reason, Routine};
use super::selector::{Picked, Selector};
use super::timing::{self, Prescription};

impl Selector<'_> {
    /// Seconds of one round of `picks` in session order, level changes
    /// within it included.
    pub fn round_s(&self, picks: &[Picked]) -> u32 {
        let dose: BTreeMap<usize, Prescription> = picks.iter().copied().collect();
        let sequence = self.sequence(picks);
        let level = |i: usize| self.stretches[i].position().level();
        let changes: u32 =
            sequence.windows(2).map(|w| timing::level_change_s(level(w[0]), level(w[1]))).sum();
        changes + sequence.iter().map(|&i| timing::stretch_s(self.stretches[i], &dose[&i])).sum::<u32>()
    }

    /// Seconds of the level change from the end of a round of `before` to
    /// the start of a round of `after`.
    pub fn between_s(&self, before: &[Picked], after: &[Picked]) -> u32 {
        let (Some(&end), Some(&start)) = (self.sequence(before).last(), self.sequence(after).first()) else {
            return 0;
        };
        let level = |i: usize| self.stretches[i].position().level();
        timing::level_change_s(level(end), level(start))
    }

    /// The session of `picks` in order, labelled, with reasons, then its
    /// further rounds (`again`: the stretches of each, at the same doses);
    /// `core` holds the stretches that are in every routine.
    pub fn routine(
        &self,
        label: &str,
        picks: &[Picked],
        again: &[Vec<usize>],
        core: &BTreeSet<usize>,
    ) -> Routine {
        let upper_back = picks.iter().any(|(i, _)| score::works_upper_back(self.stretches[*i]));
        // The session's own extension move, or (off the floor, where it is
        // left out) the first picked that stands in for it.
        let extension = self.extension.filter(|e| picks.iter().any(|(i, _)| i == e)).or_else(|| {
            self.extension.and(picks.iter().map(|(i, _)| *i).find(|&i| score::extends(self.stretches[i])))
        });
        let mut items = Vec::with_capacity(picks.len());
        let mut previous: Option<&Stretch> = None;
        let rounds = std::iter::once(picks.to_vec())
            .chain(again.iter().map(|r| picks.iter().copied().filter(|(i, _)| r.contains(i)).collect()));
        for (round, members) in rounds.enumerate() {
            let dose: BTreeMap<usize, Prescription> = members.iter().copied().collect();
            for (place, i) in self.sequence(&members).into_iter().enumerate() {
                let prescription = dose[&i];
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
                    round: round as u32 + 1,
                    reasons: self.reasons(i, round == 0 && place == 0, upper_back, extension),
                });
                previous = Some(stretch);
            }
        }
        let total_s = items.iter().map(|i| i.seconds + i.change_s).sum();
        Routine { label: label.to_string(), items, total_s, budget_s: self.budget_s() }
    }

    fn reasons(&self, i: usize, first: bool, upper_back: bool, extension: Option<usize>) -> Vec<Reason> {
        let stretch = self.stretches[i];
        let mut reasons = Vec::new();
        if first && score::is_gentle(stretch) {
            reasons.push(Reason::GentleStart);
        }
        let served = score::served(stretch, self.goals());
        if !served.is_empty() {
            reasons.push(Reason::Goals(served.iter().map(|g| g.to_string()).collect()));
        }
        if score::opens_chest(stretch) && upper_back {
            reasons.push(Reason::ChestOpener);
        }
        if Some(i) == extension {
            reasons.push(Reason::Extension);
        }
        if reasons.is_empty() {
            reasons.push(Reason::FillsTime);
        }
        reasons
    }
}
