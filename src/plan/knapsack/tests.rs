//! Tests of the knapsack: the bit-set reach against the full search, and
//! the search against brute force.

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
    fn the_blockwise_scan_finds_the_last_reached_state(
        reached in proptest::collection::vec(proptest::bool::weighted(0.05), 0..200),
    ) {
        let row: Vec<i32> = reached.iter().map(|&r| if r { 7 } else { UNREACHED }).collect();
        proptest::prop_assert_eq!(last_reached(&row), reached.iter().rposition(|&r| r));
    }

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

/// Every session of `cands` within `budget` by brute force: (total
/// seconds, value) of each, level changes included.
fn every_session(cands: &[Candidate], budget: u32, change_value: i64) -> Vec<(u32, i64)> {
    let mut sessions = vec![(0usize, 0u32, 0i64, false)];
    for c in cands {
        let mut next = Vec::new();
        for &(mask, s, v, any) in &sessions {
            if !c.required {
                next.push((mask, s, v, any));
            }
            for o in &c.variants {
                next.push((mask | bit(c.level), s + o.seconds, v + o.value, true));
            }
        }
        sessions = next;
    }
    sessions
        .into_iter()
        .filter(|&(_, _, _, any)| any)
        .map(|(mask, s, v, _)| {
            let levels = levels_of(mask).count().saturating_sub(1) as i64;
            (s + change_s(mask), v - levels * change_value)
        })
        .filter(|&(s, _)| s <= budget)
        .collect()
}

/// What a pick's options add up to: (total seconds, value).
fn pick_adds_up(cands: &[Candidate], pick: &Pick, change_value: i64) -> (u32, i64) {
    let (mut mask, mut s, mut v) = (0, 0, 0);
    for (c, k) in cands.iter().zip(&pick.options) {
        if let Some(k) = k {
            mask |= bit(c.level);
            s += c.variants[*k].seconds;
            v += c.variants[*k].value;
        }
    }
    (s + change_s(mask), v - levels_of(mask).count().saturating_sub(1) as i64 * change_value)
}

proptest::proptest! {
    /// Pruning and checkpoints change nothing a caller sees: the
    /// longest total and the best value for any floor are those of a
    /// brute-force walk over every session, and a pick's options add up
    /// to what it says. Candidates come from a few shared shapes, so
    /// groups larger than a session can hold (the pruned case) are common.
    #[test]
    fn the_search_matches_brute_force(
        shapes in proptest::collection::vec((0usize..2, proptest::collection::vec(120u32..300, 1..3)), 1..3),
        picks in proptest::collection::vec((0usize..3, proptest::collection::vec(-3i64..4, 3), proptest::bool::weighted(0.1)), 1..9),
        budget in 100u32..800,
        floor in 0u32..800,
    ) {
        let levels = [Level::Seated, Level::Lying];
        let cands: Vec<Candidate> = picks
            .iter()
            .map(|(shape, values, required)| {
                let (level, seconds) = &shapes[shape % shapes.len()];
                Candidate {
                    level: levels[*level],
                    variants: seconds.iter().zip(values).map(|(&seconds, &value)| Variant { seconds, value }).collect(),
                    required: *required,
                }
            })
            .collect();
        let sessions = every_session(&cands, budget, 7);
        let table = solve(&cands, budget, 7);
        proptest::prop_assert_eq!(table.reach(), sessions.iter().map(|s| s.0).filter(|&s| s > 0).max());
        let floor = floor.max(1);
        let best = sessions.iter().filter(|s| s.0 >= floor).map(|s| s.1).max();
        let pick = table.best_from(floor);
        proptest::prop_assert_eq!(pick.as_ref().map(|p| p.value), best);
        if let Some(pick) = pick {
            proptest::prop_assert_eq!(pick_adds_up(&cands, &pick, 7), (pick.total_s, pick.value));
            proptest::prop_assert!(pick.total_s >= floor && pick.total_s <= budget);
        }
    }
}

#[test]
fn prunes_only_what_enough_equal_or_better_twins_can_replace() {
    // Five seated 100 s stretches; a 250 s session holds two of them.
    let cands: Vec<Candidate> = [5, 5, 9, 5, 1].iter().map(|&v| cand(Level::Seated, &[(100, v)])).collect();
    // The 9 dominates all, the first 5 the later ones and the 1: every
    // stretch but the 9 and the first 5 has two dominators.
    assert_eq!(prune(&cands, 250), [0, 2]);
    // A budget that holds all five prunes none.
    assert_eq!(prune(&cands, 500), [0, 1, 2, 3, 4]);
    // Another length or level is another group.
    let mut mixed = cands.clone();
    mixed[3] = cand(Level::Seated, &[(100, 5), (150, 0)]);
    mixed[4] = cand(Level::Standing, &[(100, 1)]);
    assert_eq!(prune(&mixed, 250), [0, 2, 3, 4]);
}

#[test]
fn keeps_about_twice_the_square_root_of_the_layers() {
    let cands: Vec<Candidate> =
        (0..400).map(|i| cand(Level::Seated, &[(30 + i % 97, (i % 13) as i64)])).collect();
    let table = solve(&cands, 1800, 0);
    let size = MASKS * table.width;
    assert_eq!(table.every, 20);
    assert_eq!(table.checkpoints.len() / size, 20);
    // A small search keeps every layer and recomputes nothing.
    let small = solve(&cands[..40], 1800, 0);
    assert_eq!((small.every, small.checkpoints.len() / size), (1, 40));
    assert_eq!(small.best_from(0).unwrap().value, solve(&cands[..40], 1800, 0).best_from(0).unwrap().value);
    let pick = table.best_from(1700).unwrap();
    assert!(pick.total_s >= 1700);
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
