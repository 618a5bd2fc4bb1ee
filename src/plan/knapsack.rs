//! The search behind selection: a multiple-choice knapsack over "stretch ×
//! dose". Each candidate stretch may be left out or taken with one of its
//! dose options (each with a time and a value); a session that visits more
//! levels pays the timing model's level-change seconds and a value penalty
//! per change. Dynamic programming over (levels visited, seconds used) finds,
//! exactly, every total a session can reach within the budget and the most
//! valuable session for any range of totals. Deterministic: ties keep the
//! earlier state, and the caller's candidate order is fixed.

use crate::content::Level;

use super::timing::levels_change_s;

/// One way to do a candidate: its seconds (setup and work) and its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Variant {
    pub seconds: u32,
    pub value: i64,
}

/// A stretch the search may take, at one of its options.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Candidate {
    pub level: Level,
    pub variants: Vec<Variant>,
    /// When set, every session the search considers includes it.
    pub required: bool,
}

/// The chosen option of each candidate (`None` = left out), the session's
/// total seconds (level changes included) and its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Pick {
    pub options: Vec<Option<usize>>,
    pub total_s: u32,
    pub value: i64,
}

const UNREACHED: i64 = i64::MIN;
const MASKS: usize = 16;
/// Marks a trace entry whose previous state already visited the level.
const LEVEL_SEEN: u16 = 0x8000;

/// The solved search: best values by (levels visited, seconds) and how each
/// was reached.
pub(crate) struct Table<'a> {
    candidates: &'a [Candidate],
    width: usize,
    best: Vec<i64>,
    /// Per candidate and state: 0 = left out, else option index + 1, with
    /// [`LEVEL_SEEN`] when the level was visited before.
    trace: Vec<Vec<u16>>,
}

fn bit(level: Level) -> usize {
    match level {
        Level::Standing => 1,
        Level::Seated => 2,
        Level::Kneeling => 4,
        Level::Lying => 8,
    }
}

fn levels_of(mask: usize) -> impl Iterator<Item = Level> {
    [Level::Standing, Level::Seated, Level::Kneeling, Level::Lying]
        .into_iter()
        .filter(move |l| mask & bit(*l) != 0)
}

/// Seconds of level changes for a set of levels.
fn change_s(mask: usize) -> u32 {
    levels_change_s(levels_of(mask))
}

/// Number of level changes for a set of levels.
fn changes(mask: usize) -> i64 {
    levels_of(mask).count().saturating_sub(1) as i64
}

/// Solves the search for sessions of at most `budget` seconds. Each level
/// change costs `change_value` besides its seconds.
pub(crate) fn solve(candidates: &[Candidate], budget: u32, change_value: i64) -> Table<'_> {
    let most: u64 = candidates
        .iter()
        .map(|c| u64::from(c.variants.iter().map(|o| o.seconds).max().unwrap_or(0)))
        .sum::<u64>()
        + u64::from(change_s(MASKS - 1));
    let cap = u64::from(budget).min(most) as usize;
    let width = cap + 1;
    let mut best = vec![UNREACHED; MASKS * width];
    best[0] = 0;
    let mut trace = Vec::with_capacity(candidates.len());
    for candidate in candidates {
        let (next, steps) = step(&best, candidate, width, change_value);
        best = next;
        trace.push(steps);
    }
    Table { candidates, width, best, trace }
}

/// Adds one candidate to every reachable state.
fn step(best: &[i64], candidate: &Candidate, width: usize, change_value: i64) -> (Vec<i64>, Vec<u16>) {
    let mut next = if candidate.required { vec![UNREACHED; best.len()] } else { best.to_vec() };
    let mut steps = vec![0u16; best.len()];
    let b = bit(candidate.level);
    for mask in 0..MASKS {
        let to = mask | b;
        let extra_s = (change_s(to) - change_s(mask)) as usize;
        let extra_value = (changes(to) - changes(mask)) * change_value;
        let seen = if mask & b != 0 { LEVEL_SEEN } else { 0 };
        for s in 0..width {
            let here = best[mask * width + s];
            if here == UNREACHED {
                continue;
            }
            for (k, option) in candidate.variants.iter().enumerate() {
                let s2 = s + option.seconds as usize + extra_s;
                if s2 >= width {
                    continue;
                }
                let value = here + option.value - extra_value;
                let slot = to * width + s2;
                if value > next[slot] {
                    next[slot] = value;
                    steps[slot] = (k as u16 + 1) | seen;
                }
            }
        }
    }
    (next, steps)
}

impl Table<'_> {
    /// The longest total a session with at least one stretch can reach
    /// within the budget.
    pub fn reach(&self) -> Option<u32> {
        (1..self.width)
            .rev()
            .find(|&s| (0..MASKS).any(|m| self.best[m * self.width + s] != UNREACHED))
            .map(|s| s as u32)
    }

    /// The most valuable session whose total is at least `floor` (and within
    /// the budget); ties go to the longer session.
    pub fn best_from(&self, floor: u32) -> Option<Pick> {
        let floor = (floor as usize).max(1);
        let mut found: Option<(i64, usize, usize)> = None;
        for s in (floor..self.width).rev() {
            for mask in 0..MASKS {
                let value = self.best[mask * self.width + s];
                if value != UNREACHED && found.is_none_or(|(v, _, _)| value > v) {
                    found = Some((value, mask, s));
                }
            }
        }
        found.map(|(value, mask, s)| self.trace_back(value, mask, s))
    }

    fn trace_back(&self, value: i64, mut mask: usize, mut s: usize) -> Pick {
        let total_s = s as u32;
        let mut options = vec![None; self.candidates.len()];
        for (i, candidate) in self.candidates.iter().enumerate().rev() {
            let step = self.trace[i][mask * self.width + s];
            if step == 0 {
                continue;
            }
            let k = usize::from(step & !LEVEL_SEEN) - 1;
            let before = if step & LEVEL_SEEN != 0 { mask } else { mask & !bit(candidate.level) };
            s -= candidate.variants[k].seconds as usize + (change_s(mask) - change_s(before)) as usize;
            mask = before;
            options[i] = Some(k);
        }
        debug_assert_eq!((mask, s), (0, 0));
        Pick { options, total_s, value }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cand(level: Level, options: &[(u32, i64)]) -> Candidate {
        Candidate {
            level,
            variants: options.iter().map(|&(seconds, value)| Variant { seconds, value }).collect(),
            required: false,
        }
    }

    #[test]
    fn finds_the_longest_reachable_total() {
        let cands = [cand(Level::Standing, &[(50, 1), (70, 1)]), cand(Level::Standing, &[(40, 1)])];
        let table = solve(&cands, 100, 0);
        assert_eq!(table.reach(), Some(90));
        let pick = table.best_from(90).unwrap();
        assert_eq!(pick.options, [Some(0), Some(0)]);
        assert_eq!(pick.total_s, 90);
    }

    #[test]
    fn level_changes_cost_their_seconds_and_value() {
        // Standing 50 s + lying 40 s + 20 s to get down = 110 s.
        let cands = [cand(Level::Standing, &[(50, 10)]), cand(Level::Lying, &[(40, 10)])];
        assert_eq!(solve(&cands, 109, 0).reach(), Some(50));
        let table = solve(&cands, 110, 15);
        let pick = table.best_from(0).unwrap();
        assert_eq!((pick.total_s, pick.value), (50, 10));
        let pick = table.best_from(100).unwrap();
        assert_eq!((pick.total_s, pick.value), (110, 5));
    }

    #[test]
    fn prefers_value_within_the_floor_and_honours_required() {
        let cands = [
            cand(Level::Seated, &[(30, 100)]),
            cand(Level::Seated, &[(60, 10)]),
            cand(Level::Seated, &[(20, 5)]),
        ];
        let table = solve(&cands, 100, 0);
        assert_eq!(table.best_from(0).unwrap().options, [Some(0), Some(0), None]);
        assert_eq!(table.reach(), Some(90));
        assert!(table.best_from(95).is_none());
        let mut required = cands.to_vec();
        required[2].required = true;
        let pick = solve(&required, 100, 0).best_from(0).unwrap();
        assert_eq!(pick.options, [Some(0), None, Some(0)]);
        assert_eq!(pick.total_s, 50);
        assert!(solve(&required, 10, 0).reach().is_none());
    }

    #[test]
    fn a_floor_above_the_most_valuable_session_forces_a_longer_one() {
        let cands = [cand(Level::Seated, &[(30, 100)]), cand(Level::Seated, &[(65, -5)])];
        let table = solve(&cands, 100, 0);
        assert_eq!(table.best_from(0).unwrap().total_s, 30);
        let pick = table.best_from(90).unwrap();
        assert_eq!((pick.total_s, pick.value), (95, 95));
    }
}
