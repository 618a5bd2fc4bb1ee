//! Further rounds: a session too long for the allowed stretches done once
//! does them again. When one round cannot fill 90 % of the budget, the
//! round's stretches (at the same doses; never the warm-up again, and
//! never the floor again once the session has left it) are searched again for the time
//! that is left — a second round, then a third, … — each the most valuable
//! set that fills the most of what is left, in the usual order (gentle
//! start, no level revisited within the round, no two twists in a row
//! where the order can help it, the rest last on the floor). A round that
//! would run over with the level change into it is searched again with
//! that change kept back, so the session never runs over.

use super::knapsack::{Candidate, Variant, solve};
use super::score;
use super::selector::{Picked, Selector, ninety_percent};
use super::timing;

/// Most rounds a session does (the first included).
const MAX_ROUNDS: usize = 20;
/// The longest level change between two rounds (up from the floor).
const BETWEEN_ROUNDS_S: u32 = 20;

/// The stretches (indices into the selector's) of each round after the
/// first, for a first round of `first`; empty when the first round fills
/// 90 % of the budget.
pub(crate) fn again(selector: &Selector, first: &[Picked]) -> Vec<Vec<usize>> {
    rounds(selector, first).0
}

/// Seconds of a whole session whose first round is `first`, its further
/// rounds included.
pub(crate) fn session_s(selector: &Selector, first: &[Picked]) -> u32 {
    rounds(selector, first).1
}

/// The further rounds of a first round of `first`, and the seconds of the
/// whole session.
fn rounds(selector: &Selector, first: &[Picked]) -> (Vec<Vec<usize>>, u32) {
    let budget = selector.budget_s();
    let mut used = selector.round_s(first);
    let mut rounds: Vec<Vec<usize>> = Vec::new();
    let again = pool(selector, first);
    let mut before = first.to_vec();
    while used < ninety_percent(budget) && rounds.len() + 1 < MAX_ROUNDS {
        // First with all the time left; when the level change into the
        // round does not fit too, with that change kept back.
        let mut left = budget - used;
        let mut found = None;
        for _ in 0..2 {
            let Some(members) = next_round(selector, again.clone(), &before, left) else { break };
            let change = selector.between_s(&before, &members);
            if change + selector.round_s(&members) <= budget - used {
                found = Some(members);
                break;
            }
            left = (budget - used).saturating_sub(change.max(BETWEEN_ROUNDS_S));
        }
        let Some(members) = found else { break };
        used += selector.between_s(&before, &members) + selector.round_s(&members);
        rounds.push(members.iter().map(|(i, _)| *i).collect());
        before = members;
    }
    (rounds, used)
}

/// The stretches of a first round `first` that further rounds may do
/// again: not the warm-up (once is enough), not the one twist with
/// osteoporosis, and no floor stretch once the session has left the floor
/// (the first round ends on the floor after upright work, and a further
/// round would start upright again: getting down twice is the riskiest
/// part of a session for the people who most need the floor kept short).
fn pool(selector: &Selector, first: &[Picked]) -> Vec<Picked> {
    let on_floor = |i: usize| selector.stretches[i].position().is_floor();
    let upright_first = first.iter().any(|(i, _)| !on_floor(*i));
    first
        .iter()
        .copied()
        .filter(|(i, _)| Some(*i) != selector.warm_up || first.len() == 1)
        .filter(|(i, _)| !(selector.one_twist() && score::twists(selector.stretches[*i])))
        .filter(|(i, _)| !(upright_first && on_floor(*i)))
        .filter(|(i, _)| !score::stretches_neck(selector.stretches[*i]))
        .collect()
}

/// The most valuable round of `pool` that fills the most of `left`
/// seconds, with no two twists in a row (nor one right after the end of
/// the round `before`): of two twists that touch, the one worth less is
/// left out and the search runs again.
fn next_round(
    selector: &Selector,
    mut pool: Vec<Picked>,
    before: &[Picked],
    left: u32,
) -> Option<Vec<Picked>> {
    let twists = |i: usize| score::twists(selector.stretches[i]);
    while !pool.is_empty() {
        let members = fullest(selector, &pool, left)?;
        let mut sequence: Vec<usize> = selector.sequence(before).last().copied().into_iter().collect();
        sequence.extend(selector.sequence(&members));
        let Some(pair) = sequence.windows(2).find(|w| twists(w[0]) && twists(w[1])) else {
            return Some(members);
        };
        // The one worth less of the two (the end of the round before is
        // already done, so then it is the other).
        let in_round = |i: usize| members.iter().any(|(k, _)| *k == i);
        let drop = if !in_round(pair[0]) || selector.values[pair[1]] < selector.values[pair[0]] {
            pair[1]
        } else {
            pair[0]
        };
        pool.retain(|(i, _)| *i != drop);
    }
    None
}

/// The most valuable set of `pool` (at its doses) that fills the most of
/// `left` seconds; `None` when none fits.
fn fullest(selector: &Selector, pool: &[Picked], left: u32) -> Option<Vec<Picked>> {
    let candidates: Vec<Candidate> = pool
        .iter()
        .map(|&(i, dose)| Candidate {
            level: selector.stretches[i].position().level(),
            variants: vec![Variant {
                seconds: timing::stretch_s(selector.stretches[i], &dose),
                value: selector.values[i],
            }],
            required: false,
        })
        .collect();
    let table = solve(&candidates, left, score::LEVEL_CHANGE);
    let pick = super::knapsack::reach(&candidates, left).and_then(|r| table.best_from(r))?;
    let members: Vec<Picked> =
        pool.iter().zip(&pick.options).filter(|(_, k)| k.is_some()).map(|(p, _)| *p).collect();
    (!members.is_empty()).then_some(members)
}
