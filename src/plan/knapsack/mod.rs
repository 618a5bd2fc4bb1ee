//! The search behind selection: a multiple-choice knapsack over "stretch ×
//! dose". Each candidate stretch may be left out or taken with one of its
//! dose options (each with a time and a value); a session that visits more
//! levels pays the timing model's level-change seconds and a value penalty
//! per change. Dynamic programming over (levels visited, seconds used) finds,
//! exactly, every total a session can reach within the budget and the most
//! valuable session for any range of totals. Deterministic: ties keep the
//! earlier state, and the caller's candidate order is fixed.

use std::collections::BTreeMap;

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

/// The solved search. The best value of every state (levels visited,
/// seconds) after each candidate is what the trace-back needs, but keeping
/// every layer costs `MASKS × width` values per candidate. So the forward
/// pass keeps a checkpoint layer every `every` candidates, and the
/// trace-back recomputes one stretch of layers at a time from its
/// checkpoint: about `2√n` layers in memory instead of `n`, for at most
/// one more forward pass (less: only the totals up to the one being traced
/// are recomputed). Candidates that cannot change the best session are
/// pruned first ([`prune`]).
pub(crate) struct Table<'a> {
    candidates: &'a [Candidate],
    /// The candidates the search walks (indices into `candidates`).
    kept: Vec<usize>,
    width: usize,
    /// Layers kept before the search walks candidates `kept[k × every]`.
    checkpoints: Vec<i32>,
    every: usize,
    /// Best values after all candidates.
    last: Vec<i32>,
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
    let width = u64::from(budget).min(most) as usize + 1;
    let kept = prune(candidates, budget);
    let size = MASKS * width;
    let every = checkpoint_every(kept.len(), size);
    let changes = Changes::new(change_value);
    let mut best = vec![UNREACHED; size];
    best[0] = 0;
    let mut next = vec![UNREACHED; size];
    let mut checkpoints = Vec::with_capacity(size * kept.len().div_ceil(every));
    for (k, &i) in kept.iter().enumerate() {
        if k % every == 0 {
            checkpoints.extend_from_slice(&best);
        }
        advance(&best, &mut next, &candidates[i], width, width, &changes);
        std::mem::swap(&mut best, &mut next);
    }
    Table { candidates, kept, width, checkpoints, every, last: best, changes }
}

/// Values a search may keep in every layer before it keeps checkpoints
/// only (16 MB: a 60-minute session over about 70 candidates).
const ALL_LAYERS: usize = 4 << 20;

/// How many candidates apart the checkpoints are: 1 (every layer, no
/// recomputing) while they fit in [`ALL_LAYERS`], else about `√n`.
fn checkpoint_every(n: usize, size: usize) -> usize {
    if (n + 1) * size <= ALL_LAYERS { 1 } else { (n as f64).sqrt().ceil() as usize }
}

/// Fills `next` with the layer after `candidate`, from `best` before it,
/// for the totals below `cols` of each row (the others are left as they
/// were: a total depends only on smaller ones).
fn advance(
    best: &[i32],
    next: &mut [i32],
    candidate: &Candidate,
    width: usize,
    cols: usize,
    changes: &Changes,
) {
    if cols == width {
        if candidate.required {
            next.fill(UNREACHED);
        } else {
            next.copy_from_slice(best);
        }
    } else {
        for (to, from) in next.chunks_mut(width).zip(best.chunks(width)) {
            if candidate.required {
                to[..cols].fill(UNREACHED);
            } else {
                to[..cols].copy_from_slice(&from[..cols]);
            }
        }
    }
    step(best, next, candidate, width, cols, changes);
}

/// The candidates worth searching, in their order: every required one, and
/// every other one unless it is *dominated* by at least as many others as a
/// session could hold of its kind. Candidate `a` dominates `b` when both
/// are at the same level with the same set of option lengths, `a` is worth
/// at least as much at every length, and (to break ties) `a` is worth more
/// at some length or comes first. A session holding `b` could then swap it
/// for a dominator it does not hold, with the same total and no less
/// value; so pruning `b` changes neither the longest reachable total nor
/// the best value for any floor.
fn prune(candidates: &[Candidate], budget: u32) -> Vec<usize> {
    let profiles: Vec<Profile> = candidates.iter().map(Profile::of).collect();
    let mut groups: BTreeMap<(usize, &[u32]), Vec<usize>> = BTreeMap::new();
    for (i, (candidate, profile)) in candidates.iter().zip(&profiles).enumerate() {
        if !candidate.required && !profile.seconds.is_empty() {
            groups.entry((bit(candidate.level), &profile.seconds)).or_default().push(i);
        }
    }
    let mut pruned = vec![false; candidates.len()];
    for ((_, seconds), members) in &groups {
        // At most this many of a group fit in one session.
        let fit = (budget / seconds[0].max(1)) as usize;
        if members.len() <= fit {
            continue;
        }
        for &b in members {
            let dominators = members.iter().filter(|&&a| profiles[a].dominates(a, &profiles[b], b));
            pruned[b] = dominators.take(fit).count() >= fit;
        }
    }
    (0..candidates.len()).filter(|&i| !pruned[i]).collect()
}

/// A candidate's distinct option lengths, shortest first, and its best
/// value at each.
struct Profile {
    seconds: Vec<u32>,
    values: Vec<i64>,
}

impl Profile {
    fn of(candidate: &Candidate) -> Self {
        let mut best: BTreeMap<u32, i64> = BTreeMap::new();
        for v in &candidate.variants {
            let slot = best.entry(v.seconds).or_insert(v.value);
            *slot = (*slot).max(v.value);
        }
        Profile { seconds: best.keys().copied().collect(), values: best.values().copied().collect() }
    }

    /// Whether candidate `a` (this profile) dominates candidate `b`, whose
    /// option lengths are the same.
    fn dominates(&self, a: usize, other: &Profile, b: usize) -> bool {
        let at_least = self.values.iter().zip(&other.values).all(|(x, y)| x >= y);
        at_least && (self.values != other.values || a < b)
    }
}

/// The highest reachable seconds below `cols` of each set of levels.
fn reached(best: &[i32], width: usize, cols: usize) -> [Option<usize>; MASKS] {
    std::array::from_fn(|mask| {
        let row = &best[mask * width..mask * width + cols];
        last_reached(row)
    })
}

/// The index of the last reached state of `row`. Many rows are reached
/// only near their start, or not at all: the scan from the end looks at a
/// block of values at a time, which the compiler does with vector
/// instructions, then finds the last reached one in the block.
fn last_reached(row: &[i32]) -> Option<usize> {
    const BLOCK: usize = 32;
    let tail = row.len() % BLOCK;
    let (head, rest) = row.split_at(row.len() - tail);
    if let Some(k) = rest.iter().rposition(|&v| reached_value(v)) {
        return Some(head.len() + k);
    }
    let blocks = head.chunks_exact(BLOCK);
    let n = blocks.len();
    let found = blocks.rev().position(|block| block.iter().fold(false, |any, &v| any | reached_value(v)))?;
    let start = (n - 1 - found) * BLOCK;
    head[start..start + BLOCK].iter().rposition(|&v| reached_value(v)).map(|k| start + k)
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
/// Each (levels, option) pair raises a whole shifted row at once, up to
/// `cols`.
fn step(best: &[i32], next: &mut [i32], candidate: &Candidate, width: usize, cols: usize, changes: &Changes) {
    let reach = reached(best, width, cols);
    let b = bit(candidate.level);
    let order = order(candidate);
    for mask in 0..MASKS {
        let Some(top) = reach[mask] else { continue };
        let to = mask | b;
        let (extra_s, extra_value) = changes.step(mask, to);
        let from = &best[mask * width..mask * width + top + 1];
        for &(_, option) in &order {
            let shift = option.seconds as usize + extra_s;
            if shift >= cols {
                continue;
            }
            let n = from.len().min(cols - shift);
            let delta = table_value(option.value - extra_value);
            let start = to * width + shift;
            raise(&mut next[start..start + n], &from[..n], delta);
        }
    }
}

/// Raises each slot to its source plus `delta` where that is more: the
/// search's inner loop, with the widest vector instructions this processor
/// has (eight values at once with AVX2) where it has more than the
/// baseline.
fn raise(slots: &mut [i32], from: &[i32], delta: i32) {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the processor has AVX2, as just checked.
        return unsafe { raise_avx2(slots, from, delta) };
    }
    raise_any(slots, from, delta);
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn raise_avx2(slots: &mut [i32], from: &[i32], delta: i32) {
    raise_any(slots, from, delta);
}

#[inline(always)]
fn raise_any(slots: &mut [i32], from: &[i32], delta: i32) {
    for (slot, &here) in slots.iter_mut().zip(from) {
        *slot = (*slot).max(here + delta);
    }
}

impl Table<'_> {
    /// The longest total a session with at least one stretch can reach
    /// within the budget.
    #[cfg(test)]
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

    fn last(&self) -> &[i32] {
        &self.last
    }

    /// Recomputes into `layers` the layers before each of the kept
    /// candidates `kept[from + 1..to]` from the checkpoint before
    /// `kept[from]`, for the totals below `cols` only.
    fn segment(&self, from: usize, to: usize, cols: usize, layers: &mut Vec<i32>) {
        let size = MASKS * self.width;
        let count = (to - from).saturating_sub(1);
        if layers.len() < count * size {
            layers.resize(count * size, UNREACHED);
        }
        let start = from / self.every * size;
        let checkpoint = &self.checkpoints[start..start + size];
        for (k, &i) in self.kept[from..from + count].iter().enumerate() {
            let (done, rest) = layers.split_at_mut(k * size);
            let before = if k == 0 { checkpoint } else { &done[(k - 1) * size..] };
            let next = &mut rest[..size];
            advance(before, next, &self.candidates[i], self.width, cols, &self.changes);
        }
    }

    /// The layer before kept candidate `k` of the stretch that starts at
    /// `from` (its checkpoint, or one `segment` recomputed).
    fn before<'t>(&'t self, from: usize, k: usize, layers: &'t [i32]) -> &'t [i32] {
        let size = MASKS * self.width;
        if k == from {
            let start = from / self.every * size;
            &self.checkpoints[start..start + size]
        } else {
            &layers[(k - from - 1) * size..(k - from) * size]
        }
    }

    /// The choices behind state (`mask`, `s`): for each candidate from the
    /// last, the first way (in the order the search tried them) that gives
    /// the state its value — leaving the candidate out when that does.
    fn trace_back(&self, value: i64, mut mask: usize, mut s: usize) -> Pick {
        let total_s = s as u32;
        let size = MASKS * self.width;
        let mut options = vec![None; self.candidates.len()];
        let mut layers = Vec::new();
        let mut to = self.kept.len();
        while to > 0 {
            let from = (to - 1) / self.every * self.every;
            // The layer after the stretch: the last, or the next checkpoint.
            let start = to / self.every * size;
            let mut after =
                if to == self.kept.len() { &self.last[..] } else { &self.checkpoints[start..start + size] };
            // Totals only fall going back: none above `s` is needed.
            self.segment(from, to, s + 1, &mut layers);
            for k in (from..to).rev() {
                let before = self.before(from, k, &layers);
                let i = self.kept[k];
                if let Some(choice) = self.choice(&self.candidates[i], before, after, mask, s) {
                    (mask, s) = (choice.0, choice.1);
                    options[i] = Some(choice.2);
                }
                after = before;
            }
            to = from;
        }
        debug_assert_eq!((mask, s), (0, 0));
        Pick { options, total_s, value }
    }

    /// How `candidate` gave state (`mask`, `s`) of `after` its value, from
    /// `before` it: `None` when leaving it out does, else the state it came
    /// from and the option taken — the first way in the search's order.
    fn choice(
        &self,
        candidate: &Candidate,
        before: &[i32],
        after: &[i32],
        mask: usize,
        s: usize,
    ) -> Option<(usize, usize, usize)> {
        let w = self.width;
        let here = after[mask * w + s];
        if !candidate.required && before[mask * w + s] == here {
            return None;
        }
        // Taken, so its level is in `mask`. Sources in the search's order:
        // from before the level was visited (lower mask) first.
        let b = bit(candidate.level);
        let order = order(candidate);
        [mask & !b, mask].into_iter().find_map(|from| {
            let (extra_s, extra_value) = self.changes.step(from, mask);
            order.iter().find_map(|&(k, option)| {
                let shift = option.seconds as usize + extra_s;
                let at = s.checked_sub(shift)?;
                let was = before[from * w + at];
                (reached_value(was) && was + table_value(option.value - extra_value) == here)
                    .then_some((from, at, k))
            })
        })
    }
}

pub(crate) use reach::{reach, reach_of};

mod reach;

#[cfg(test)]
mod tests;
