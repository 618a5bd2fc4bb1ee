//! The cheap search for how long a session can be: every total a session
//! of the candidates can reach within the budget, as bit sets per set of
//! levels visited (no values, no trace-back), for floors and fill checks.

use std::borrow::Borrow;
use std::collections::HashMap;

use super::{Candidate, Changes, MASKS, bit};

/// The longest total (at least one stretch, level changes included) a
/// session of `candidates` can reach within `budget`: the same answer as
/// `solve(..).reach()`, from a search over reachable totals only (bit sets,
/// no values), which is far cheaper.
pub(crate) fn reach(candidates: &[Candidate], budget: u32) -> Option<u32> {
    let required = candidates.iter().filter(|c| c.required);
    reach_of(required.chain(candidates.iter().filter(|c| !c.required)), budget)
}

/// [`reach`] over candidates given one at a time, every required one
/// before the others (the answer does not depend on their order). The
/// search stops early once the whole budget is reached (nothing after a
/// required candidate can raise it), and it skips a candidate when
/// as many of the same level and option lengths as one session could hold
/// have come already (any of them does for another: no value counts here),
/// so a large library is mostly never looked at.
pub(crate) fn reach_of<C: Borrow<Candidate>>(
    candidates: impl IntoIterator<Item = C>,
    budget: u32,
) -> Option<u32> {
    let width = budget as usize + 1;
    let words = width.div_ceil(64);
    let mut sets = vec![0u64; MASKS * words];
    sets[0] = 1;
    let mut next = sets.clone();
    let changes = Changes::new(0);
    let mut alike: HashMap<(usize, Vec<u32>), usize> = HashMap::new();
    let mut others_begun = false;
    for candidate in candidates {
        let candidate = candidate.borrow();
        debug_assert!(!(candidate.required && others_begun), "required candidates come first");
        if !candidate.required {
            if !others_begun && full(&sets, words, width) {
                break;
            }
            others_begun = true;
            let mut lengths: Vec<u32> = candidate.variants.iter().map(|v| v.seconds).collect();
            lengths.sort_unstable();
            lengths.dedup();
            let fit = (budget / lengths.first().copied().unwrap_or(0).max(1)) as usize;
            let seen = alike.entry((bit(candidate.level), lengths)).or_default();
            if *seen >= fit {
                continue;
            }
            *seen += 1;
        }
        if candidate.required {
            next.fill(0);
        } else {
            next.copy_from_slice(&sets);
        }
        let b = bit(candidate.level);
        for mask in (0..MASKS).filter(|&m| sets[m * words..(m + 1) * words].iter().any(|&w| w != 0)) {
            let to = mask | b;
            let (extra_s, _) = changes.step(mask, to);
            for option in &candidate.variants {
                let shift = option.seconds as usize + extra_s;
                if shift < width {
                    let from = &sets[mask * words..(mask + 1) * words];
                    or_shifted(&mut next[to * words..(to + 1) * words], from, shift);
                }
            }
        }
        for set in next.chunks_mut(words) {
            clear_beyond(set, width);
        }
        std::mem::swap(&mut sets, &mut next);
        if others_begun && full(&sets, words, width) {
            break;
        }
    }
    (1..MASKS).filter_map(|m| highest(&sets[m * words..(m + 1) * words])).max().map(|s| s as u32)
}

/// Whether some session (at least one stretch) already fills the budget
/// exactly: no further candidate can raise the answer.
fn full(sets: &[u64], words: usize, width: usize) -> bool {
    let top = width - 1;
    (1..MASKS).any(|m| sets[m * words + top / 64] >> (top % 64) & 1 == 1)
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
