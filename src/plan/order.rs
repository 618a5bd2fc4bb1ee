//! The order of a session: start gently, never come back to a level, no
//! two twists in a row, and a rest to close the floor.
//!
//! The opener is the session's warm-up when it has one, else its gentlest
//! stretch (a gentle move before a gentle hold, upright before the floor).
//! Its level comes first, then the other level of the same kind (standing
//! and seated are upright; kneeling and lying are on the floor), then the
//! other kind. From upright the floor goes lying, then kneeling, so the
//! floor block ends on hands and knees with the rest (child's pose) last:
//! standing → seated → lying → kneeling. Every such order pays the
//! level-change cost of [`levels_change_s`](super::timing::levels_change_s)
//! exactly. Within a level, gentle comes before moderate before deep, moves
//! before holds, rests last; a twist never follows a twist when another
//! stretch of the level can go between.

use std::cmp::Reverse;

use crate::content::{Effort, Level, Stretch};

use super::score::{rests, twists};

/// How gently a stretch eases into a session: smaller comes first.
fn gentleness(stretch: &Stretch) -> (crate::content::Intensity, bool) {
    let holds = matches!(stretch.dose.effort(), Effort::Hold(_));
    (stretch.intensity, holds)
}

/// The order to do `stretches` in, as indices into it, opening with
/// `warm_up` when given. `values` breaks ties (higher first), then ids.
pub(crate) fn order(stretches: &[&Stretch], values: &[i64], warm_up: Option<usize>) -> Vec<usize> {
    let key = |i: usize| {
        let s = stretches[i];
        (rests(s), gentleness(s), Reverse(values[i]), s.id.as_str())
    };
    // A rest closes its block, so it opens a session only when nothing
    // else is in it (a later round may hold a rest and a floor move).
    let gentlest = (0..stretches.len()).min_by_key(|&i| {
        let s = stretches[i];
        (rests(s), gentleness(s), s.position().is_floor(), Reverse(values[i]), s.id.as_str())
    });
    let Some(opener) = warm_up.filter(|&w| w < stretches.len()).or(gentlest) else {
        return Vec::new();
    };
    let levels = level_order(stretches[opener].position().level());
    let mut order = vec![opener];
    for level in levels {
        let mut block: Vec<usize> = (0..stretches.len())
            .filter(|&i| i != opener && stretches[i].position().level() == level)
            .collect();
        block.sort_by_key(|&i| key(i));
        let last = order.last().copied();
        order.extend(spread_twists(stretches, block, last));
    }
    order
}

/// `block` (in key order) reordered so no twist follows a twist (`before`
/// is the stretch just before the block) where another stretch can go
/// between; rests stay last.
fn spread_twists(stretches: &[&Stretch], block: Vec<usize>, before: Option<usize>) -> Vec<usize> {
    let (mut rest, mut left): (Vec<usize>, Vec<usize>) =
        block.into_iter().partition(|&i| rests(stretches[i]));
    let mut out = Vec::with_capacity(left.len() + rest.len());
    let mut previous_twists = before.is_some_and(|i| twists(stretches[i]));
    while !left.is_empty() {
        let twisting = left.iter().filter(|&&i| twists(stretches[i])).count();
        let others = left.len() - twisting;
        let pick = if previous_twists {
            left.iter().position(|&i| !twists(stretches[i]))
        } else if twisting > others {
            left.iter().position(|&i| twists(stretches[i]))
        } else {
            None
        };
        let i = left.remove(pick.unwrap_or(0));
        previous_twists = twists(stretches[i]);
        out.push(i);
    }
    out.append(&mut rest);
    out
}

/// The levels in session order when the opener is at `first`.
fn level_order(first: Level) -> [Level; 4] {
    use Level::*;
    match first {
        Standing => [Standing, Seated, Lying, Kneeling],
        Seated => [Seated, Standing, Lying, Kneeling],
        Kneeling => [Kneeling, Lying, Standing, Seated],
        Lying => [Lying, Kneeling, Standing, Seated],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::timing::{level_change_s, levels_change_s};

    fn ids<'a>(stretches: &[&'a Stretch], order: &[usize]) -> Vec<&'a str> {
        order.iter().map(|&i| stretches[i].id.as_str()).collect()
    }

    #[test]
    fn starts_gently_and_goes_down_level_by_level() {
        let library = crate::content::built_in().unwrap();
        let pick = |id: &str| library.stretch(id).unwrap();
        let session = [
            pick("thread-the-needle"),
            pick("wall-chest-stretch"),
            pick("overhead-reach"),
            pick("shoulder-rolls"),
            pick("childs-pose"),
            pick("towel-thoracic-extension"),
        ];
        let order = order(&session, &[0; 6], None);
        assert_eq!(
            ids(&session, &order),
            [
                "shoulder-rolls",
                "wall-chest-stretch",
                "overhead-reach",
                "towel-thoracic-extension",
                "thread-the-needle",
                "childs-pose"
            ]
        );
        let levels: Vec<Level> = order.iter().map(|&i| session[i].position().level()).collect();
        let paid: u32 = levels.windows(2).map(|w| level_change_s(w[0], w[1])).sum();
        assert_eq!(paid, levels_change_s(levels.iter().copied()));
    }

    #[test]
    fn a_rest_never_opens_a_round_that_holds_another_stretch() {
        let library = crate::content::built_in().unwrap();
        let pick = |id: &str| library.stretch(id).unwrap();
        // A second round of the rest and a hands-and-knees twist, with no
        // warm-up among them: the rest still closes it.
        let round = [pick("childs-pose"), pick("quadruped-thoracic-rotation")];
        let sequence = order(&round, &[0, 0], None);
        assert_eq!(ids(&round, &sequence), ["quadruped-thoracic-rotation", "childs-pose"]);
        let alone = [pick("childs-pose")];
        assert_eq!(ids(&alone, &order(&alone, &[0], None)), ["childs-pose"]);
    }

    #[test]
    fn a_seated_opener_puts_seated_first() {
        let library = crate::content::built_in().unwrap();
        let pick = |id: &str| library.stretch(id).unwrap();
        let session = [pick("wall-chest-stretch"), pick("seated-trunk-rotation")];
        assert_eq!(
            ids(&session, &order(&session, &[0, 0], None)),
            ["seated-trunk-rotation", "wall-chest-stretch"]
        );
        let session = [pick("shoulder-blade-squeeze"), pick("shoulder-rolls")];
        assert_eq!(
            ids(&session, &order(&session, &[100, 0], Some(1))),
            ["shoulder-rolls", "shoulder-blade-squeeze"]
        );
    }
}
