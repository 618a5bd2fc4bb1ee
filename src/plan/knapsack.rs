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

/// The value of a state no session reaches. Far below any real value, yet
/// far enough from `i32::MIN` that adding a candidate's value cannot
/// overflow, so the inner loop needs no branch for it. (Session values are
/// a few thousand per stretch, far inside `i32`; 32-bit states halve the
/// memory the search walks.)
const UNREACHED: i32 = i32::MIN / 4;

/// Whether a state's value is a real session's.
fn reached_value(v: i32) -> bool {
    v > UNREACHED / 2
}

/// A value change as stored in the table, kept well inside its range.
fn table_value(v: i64) -> i32 {
    v.clamp(-(1 << 26), 1 << 26) as i32
}
const MASKS: usize = 16;

/// The solved search: the best value of every state (levels visited,
/// seconds) after each candidate. How a state was reached is worked out
/// backwards from these layers, so the forward pass is a plain maximum
/// over shifted rows that the compiler vectorises.
pub(crate) struct Table<'a> {
    candidates: &'a [Candidate],
    width: usize,
    /// Layer `i` (`MASKS × width` values from `i × MASKS × width`): best
    /// values before candidate `i`; the last layer: after all. One buffer,
    /// so a search touches its memory once.
    layers: Vec<i32>,
    changes: Changes,
}

/// The seconds and value of every step from one set of levels to a larger
/// one, worked out once per search.
struct Changes {
    seconds: [u32; MASKS],
    count: [i64; MASKS],
    value: i64,
}

impl Changes {
    fn new(value: i64) -> Self {
        Changes {
            seconds: std::array::from_fn(change_s),
            count: std::array::from_fn(|mask| levels_of(mask).count().saturating_sub(1) as i64),
            value,
        }
    }

    /// The level change a step from `from` into `to` costs: seconds and value.
    fn step(&self, from: usize, to: usize) -> (usize, i64) {
        ((self.seconds[to] - self.seconds[from]) as usize, (self.count[to] - self.count[from]) * self.value)
    }
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
    let size = MASKS * width;
    let changes = Changes::new(change_value);
    let mut layers = Vec::with_capacity(size * (candidates.len() + 1));
    layers.resize(size, UNREACHED);
    layers[0] = 0;
    for (i, candidate) in candidates.iter().enumerate() {
        let start = i * size;
        if candidate.required {
            layers.resize(start + 2 * size, UNREACHED);
        } else {
            layers.extend_from_within(start..start + size);
        }
        let (before, after) = layers[start..].split_at_mut(size);
        step(before, after, candidate, width, &changes);
    }
    Table { candidates, width, layers, changes }
}

/// The highest reachable seconds of each set of levels.
fn reached(best: &[i32], width: usize) -> [Option<usize>; MASKS] {
    std::array::from_fn(|mask| {
        let row = &best[mask * width..(mask + 1) * width];
        row.iter().rposition(|&v| reached_value(v))
    })
}

/// The options of a candidate in the order the search tries them: longest
/// first, then as given. With "strictly better wins", a state then keeps
/// the way a walk over totals, then options, would first reach it.
fn order(candidate: &Candidate) -> Vec<(usize, &Variant)> {
    let mut order: Vec<(usize, &Variant)> = candidate.variants.iter().enumerate().collect();
    order.sort_by_key(|&(k, v)| (std::cmp::Reverse(v.seconds), k));
    order
}

/// Raises `next` (a copy of `best`, or unreached for a required
/// candidate) by adding one candidate to every reachable state of `best`.
/// Each (levels, option) pair raises a whole shifted row at once.
fn step(best: &[i32], next: &mut [i32], candidate: &Candidate, width: usize, changes: &Changes) {
    let reach = reached(best, width);
    let b = bit(candidate.level);
    let order = order(candidate);
    for mask in 0..MASKS {
        let Some(top) = reach[mask] else { continue };
        let to = mask | b;
        let (extra_s, extra_value) = changes.step(mask, to);
        let from = &best[mask * width..mask * width + top + 1];
        for &(_, option) in &order {
            let shift = option.seconds as usize + extra_s;
            if shift >= width {
                continue;
            }
            let n = from.len().min(width - shift);
            let delta = table_value(option.value - extra_value);
            let start = to * width + shift;
            for (slot, &here) in next[start..start + n].iter_mut().zip(&from[..n]) {
                *slot = (*slot).max(here + delta);
            }
        }
    }
}

/// The longest total (at least one stretch, level changes included) a
/// session of `candidates` can reach within `budget`: the same answer as
/// `solve(..).reach()`, from a search over reachable totals only (bit sets,
/// no values), which is far cheaper.
pub(crate) fn reach(candidates: &[Candidate], budget: u32) -> Option<u32> {
    let width = budget as usize + 1;
    let words = width.div_ceil(64);
    let mut sets = vec![vec![0u64; words]; MASKS];
    sets[0][0] = 1;
    let changes = Changes::new(0);
    for candidate in candidates {
        let mut next = if candidate.required { vec![vec![0u64; words]; MASKS] } else { sets.clone() };
        let b = bit(candidate.level);
        for mask in (0..MASKS).filter(|&m| sets[m].iter().any(|&w| w != 0)) {
            let to = mask | b;
            let (extra_s, _) = changes.step(mask, to);
            for option in &candidate.variants {
                let shift = option.seconds as usize + extra_s;
                if shift < width {
                    or_shifted(&mut next[to], &sets[mask], shift);
                }
            }
        }
        for set in &mut next {
            clear_beyond(set, width);
        }
        sets = next;
    }
    (1..MASKS).filter_map(|m| highest(&sets[m])).max().map(|s| s as u32)
}

/// `into |= from << shift`, on bit sets of 64-bit words.
fn or_shifted(into: &mut [u64], from: &[u64], shift: usize) {
    let (words, bits) = (shift / 64, shift % 64);
    for i in (words..into.len()).rev() {
        let low = from[i - words];
        let mut v = low << bits;
        if bits > 0 && i > words {
            v |= from[i - words - 1] >> (64 - bits);
        }
        into[i] |= v;
    }
}

/// Clears the bits at and above `width`.
fn clear_beyond(set: &mut [u64], width: usize) {
    let (word, bit) = (width / 64, width % 64);
    if let Some(w) = set.get_mut(word) {
        *w &= (1u64 << bit) - 1;
    }
    for w in set.iter_mut().skip(word + 1) {
        *w = 0;
    }
}

/// The highest set bit.
fn highest(set: &[u64]) -> Option<usize> {
    set.iter()
        .enumerate()
        .rev()
        .find(|(_, w)| **w != 0)
        .map(|(i, w)| i * 64 + 63 - w.leading_zeros() as usize)
}

impl Table<'_> {
    /// The longest total a session with at least one stretch can reach
    /// within the budget.
    pub fn reach(&self) -> Option<u32> {
        (1..self.width)
            .rev()
            .find(|&s| (0..MASKS).any(|m| reached_value(self.last()[m * self.width + s])))
            .map(|s| s as u32)
    }

    /// The most valuable session whose total is at least `floor` (and within
    /// the budget); ties go to the longer session.
    pub fn best_from(&self, floor: u32) -> Option<Pick> {
        let floor = (floor as usize).max(1);
        let mut found: Option<(i32, usize, usize)> = None;
        for s in (floor..self.width).rev() {
            for mask in 0..MASKS {
                let value = self.last()[mask * self.width + s];
                if reached_value(value) && found.is_none_or(|(v, _, _)| value > v) {
                    found = Some((value, mask, s));
                }
            }
        }
        found.map(|(value, mask, s)| self.trace_back(i64::from(value), mask, s))
    }

    /// Layer `i`: best values before candidate `i` (or after all).
    fn layer(&self, i: usize) -> &[i32] {
        let size = MASKS * self.width;
        &self.layers[i * size..(i + 1) * size]
    }

    fn last(&self) -> &[i32] {
        self.layer(self.candidates.len())
    }

    /// The choices behind state (`mask`, `s`): for each candidate from the
    /// last, the first way (in the order the search tried them) that gives
    /// the state its value — leaving the candidate out when that does.
    fn trace_back(&self, value: i64, mut mask: usize, mut s: usize) -> Pick {
        let total_s = s as u32;
        let w = self.width;
        let mut options = vec![None; self.candidates.len()];
        for (i, candidate) in self.candidates.iter().enumerate().rev() {
            let (before, after) = (self.layer(i), self.layer(i + 1));
            let here = after[mask * w + s];
            if !candidate.required && before[mask * w + s] == here {
                continue;
            }
            // Taken, so its level is in `mask`. Sources in the search's
            // order: from before the level was visited (lower mask) first.
            let b = bit(candidate.level);
            let found = [mask & !b, mask].into_iter().find_map(|from| {
                let (extra_s, extra_value) = self.changes.step(from, mask);
                order(candidate).into_iter().find_map(|(k, option)| {
                    let shift = option.seconds as usize + extra_s;
                    let at = s.checked_sub(shift)?;
                    let was = before[from * w + at];
                    (reached_value(was) && was + table_value(option.value - extra_value) == here)
                        .then_some((from, at, k))
                })
            });
            let Some((from, at, k)) = found else { break };
            mask = from;
            s = at;
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

    proptest::proptest! {
        #[test]
        fn bit_set_reach_equals_full_search_reach(
            raw in proptest::collection::vec((0usize..4, proptest::collection::vec((1u32..200, -50i64..50), 1..4), proptest::bool::weighted(0.1)), 0..8),
            budget in 0u32..700,
        ) {
            let levels = [Level::Standing, Level::Seated, Level::Kneeling, Level::Lying];
            let cands: Vec<Candidate> = raw
                .iter()
                .map(|(l, opts, required)| Candidate {
                    level: levels[*l],
                    variants: opts.iter().map(|&(seconds, value)| Variant { seconds, value }).collect(),
                    required: *required,
                })
                .collect();
            proptest::prop_assert_eq!(reach(&cands, budget), solve(&cands, budget, 100).reach());
        }
    }

    #[test]
    fn the_bit_set_search_reaches_what_the_full_search_reaches() {
        let cands = [
            cand(Level::Standing, &[(50, 1), (70, 1)]),
            cand(Level::Seated, &[(40, 1), (45, 2)]),
            cand(Level::Kneeling, &[(66, 1)]),
            cand(Level::Lying, &[(129, 3), (130, 1)]),
        ];
        for budget in [0, 10, 50, 64, 65, 100, 127, 128, 129, 200, 300, 1000] {
            assert_eq!(reach(&cands, budget), solve(&cands, budget, 7).reach(), "budget {budget}");
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
