//! The cheap search for how long a session can be: every total a session
//! of the candidates can reach within the budget, as bit sets per set of
//! levels visited (no values, no trace-back), for floors and fill checks.

use super::{Candidate, Changes, MASKS, bit};

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
