//! Property tests over random requests and random valid libraries: never
//! over budget, at least the floor (checked against a brute-force oracle),
//! constraints honoured, doses in range, no level revisited, dates on the
//! requested weekdays, and equal inputs giving equal plans.

use std::collections::BTreeSet;

use chrono::{Datelike, Days, NaiveDate, Weekday};
use proptest::prelude::*;

use crate::content::{
    Area, Condition, Dose, Equipment, Goal, Intensity, Level, Library, Movement, Position, Range, Safety,
    Stretch,
};
use crate::error::Error;

use super::timing::{self, Holds, hold_range, level_change_s, progress, reps_options};
use super::{Calendar, Item, Request, allowed, build, select};

const GOALS: [&str; 3] = ["ease", "move", "stand"];

fn goals() -> Vec<Goal> {
    GOALS
        .iter()
        .map(|id| Goal { id: id.to_string(), name: id.to_string(), about: "A goal for tests.".into() })
        .collect()
}

fn safety() -> Safety {
    Safety {
        disclaimer: "Tests only.".into(),
        general: vec!["Breathe.".into()],
        before_you_start: vec!["Get new pain checked.".into()],
        floor: vec!["Use a chair to get down.".into()],
        stop: vec!["Stop if it hurts.".into()],
        emergency: vec!["Chest pain.".into()],
        urgent: vec!["Fever.".into()],
        see_doctor: vec!["Numbness.".into()],
        brief: crate::content::BriefSafety {
            stop: vec!["It hurts.".into()],
            emergency: vec!["Chest pain".into()],
            urgent: "Same day: fever.".into(),
            more: "Full list on the plan.".into(),
        },
    }
}

pub(super) fn subset<T: Copy + std::fmt::Debug + 'static>(
    all: &'static [T],
    most: usize,
) -> impl Strategy<Value = Vec<T>> {
    proptest::sample::subsequence(all, 0..=most.min(all.len()))
}

fn range(lo: u32, hi: u32, widest: u32) -> impl Strategy<Value = Range> {
    (lo..=hi, 0..=widest).prop_map(move |(min, span)| Range::new(min, (min + span).min(hi)))
}

/// Doses like real ones most of the time, anywhere in the format's limits
/// now and then.
fn dose() -> impl Strategy<Value = Dose> {
    let hold = |h: BoxedStrategy<Range>, reps: BoxedStrategy<Range>| {
        (h, reps, 1..=2u32, 0..=15u32).prop_map(|(h, reps, sides, rest)| Dose {
            each: Default::default(),
            hold_s: Some(h),
            rep_s: None,
            reps,
            sides,
            rest_s: rest,
        })
    };
    let moves = |rep_s: BoxedStrategy<u32>, reps: BoxedStrategy<Range>| {
        (rep_s, reps, 1..=2u32, 0..=5u32).prop_map(|(rep_s, reps, sides, rest)| Dose {
            each: Default::default(),
            hold_s: None,
            rep_s: Some(rep_s),
            reps,
            sides,
            rest_s: rest,
        })
    };
    prop_oneof![
        4 => hold(range(10, 40, 20).boxed(), range(1, 4, 2).boxed()),
        4 => moves((2..=8u32).boxed(), range(4, 12, 6).boxed()),
        1 => hold(range(5, 120, 60).boxed(), range(1, 30, 10).boxed()),
        1 => moves((1..=30u32).boxed(), range(1, 30, 10).boxed()),
    ]
}

fn stretch(n: usize) -> impl Strategy<Value = Stretch> {
    let equipment = prop_oneof![3 => Just(vec![]), 2 => subset(Equipment::ALL, 2)];
    let avoid_if = prop_oneof![2 => Just(vec![]), 1 => subset(Condition::ALL, 2)];
    (
        subset(&GOALS, 3),
        subset(Area::ALL, 3),
        (
            proptest::sample::select(Position::ALL),
            proptest::option::of(proptest::sample::select(Position::ALL)),
        ),
        equipment,
        proptest::sample::select(Intensity::ALL),
        avoid_if,
        dose(),
        prop_oneof![2 => Just(vec![]), 1 => subset(Movement::ALL, 2)],
    )
        .prop_map(move |(goals, areas, position, equipment, intensity, avoid_if, dose, mut movement)| {
            if dose.hold_s.is_none() {
                movement.retain(|m| *m != Movement::Rest);
            }
            Stretch {
                id: format!("s{n}"),
                name: format!("Stretch {n}"),
                aliases: vec![],
                summary: "A stretch for tests.".into(),
                goals: goals.iter().map(|g| g.to_string()).collect(),
                areas: if areas.is_empty() { vec![Area::UpperBack] } else { areas },
                positions: match position {
                    (first, Some(second)) if second != first => vec![first, second],
                    (first, _) => vec![first],
                },
                easier: None,
                harder: None,
                equipment,
                intensity,
                avoid_if,
                movement,
                steps: vec!["One.".into(), "Two.".into(), "Three.".into()],
                quick_steps: vec![],
                cues: vec![],
                cautions: vec![],
                dose,
                figure: None,
                video: None,
                origin: Default::default(),
            }
        })
}

pub(super) fn library() -> impl Strategy<Value = Library> {
    (1..=8usize)
        .prop_flat_map(|n| (0..n).map(stretch).collect::<Vec<_>>())
        .prop_map(|stretches| Library::new(stretches, goals(), safety()))
}

pub(super) fn request() -> impl Strategy<Value = Request> {
    (
        subset(&GOALS, 2),
        prop_oneof![4 => 1..=20u32, 1 => 21..=60u32],
        prop_oneof![
            2 => Just(Request::default_equipment().into_iter().collect::<Vec<_>>()),
            1 => Just(Equipment::ALL.to_vec()),
            1 => subset(Equipment::ALL, 6),
        ],
        prop_oneof![3 => Just(false), 1 => Just(true)],
        prop_oneof![5 => Just(false), 1 => Just(true)],
        prop_oneof![2 => Just(vec![]), 1 => subset(Condition::ALL, 2)],
        (any::<bool>(), any::<bool>()),
        0..1000u64,
    )
        .prop_map(|(goals, minutes, equipment, no_floor, seated_only, avoid, (older, floor), seed)| {
            Request {
                goals: goals.iter().map(|g| g.to_string()).collect(),
                minutes,
                equipment: equipment.into_iter().collect(),
                no_floor,
                seated_only,
                avoid: avoid.into_iter().collect(),
                older,
                floor,
                quick: seed % 5 == 0,
                seed,
            }
        })
}

const DAYS: [Weekday; 7] =
    [Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri, Weekday::Sat, Weekday::Sun];

pub(super) fn calendar() -> impl Strategy<Value = Calendar> {
    (0..730u64, proptest::sample::subsequence(&DAYS[..], 1..=7), 1..=4u32).prop_map(
        |(offset, days, weeks)| Calendar {
            start: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + Days::new(offset),
            days,
            weeks,
        },
    )
}

/// A small fixed-size bit set of reachable totals 0..=budget.
struct Reach {
    bits: Vec<u64>,
    budget: usize,
}

impl Reach {
    fn zero(budget: u32) -> Self {
        let budget = budget as usize;
        let mut bits = vec![0u64; budget / 64 + 1];
        bits[0] = 1;
        Reach { bits, budget }
    }

    fn get(&self, s: usize) -> bool {
        s <= self.budget && self.bits[s / 64] >> (s % 64) & 1 == 1
    }

    /// Every total reachable by adding one of `steps` to a total here.
    fn add_one_of(&self, steps: &[u32]) -> Self {
        let mut out = vec![0u64; self.bits.len()];
        for &step in steps {
            let (words, shift) = (step as usize / 64, step as usize % 64);
            for i in (words..out.len()).rev() {
                let lo = self.bits[i - words] << shift;
                let hi = if shift > 0 && i > words { self.bits[i - words - 1] >> (64 - shift) } else { 0 };
                out[i] |= lo | hi;
            }
        }
        let mut reach = Reach { bits: out, budget: self.budget };
        let extra = reach.bits.len() * 64 - (reach.budget + 1);
        if extra > 0 {
            let last = reach.bits.len() - 1;
            reach.bits[last] &= u64::MAX >> extra;
        }
        reach
    }
}

/// Least level-change seconds over every order of `levels`.
fn least_changes(levels: &BTreeSet<Level>) -> u32 {
    fn go(rest: &mut Vec<Level>, last: Option<Level>) -> u32 {
        if rest.is_empty() {
            return 0;
        }
        let mut best = u32::MAX;
        for k in 0..rest.len() {
            let level = rest.remove(k);
            let cost = last.map_or(0, |l| level_change_s(l, level)) + go(rest, Some(level));
            best = best.min(cost);
            rest.insert(k, level);
        }
        best
    }
    go(&mut levels.iter().copied().collect(), None)
}

/// The brute-force oracle: the longest total, up to the budget, of any
/// non-empty session of allowed stretches at progress `t`.
fn oracle_reach(library: &Library, request: &Request, t: f64) -> Option<u32> {
    let library = &*super::eligible::placed(library, request);
    let budget = request.minutes * 60;
    // The stretches a session may hold: the allowed ones, with osteoporosis
    // only one twist among them.
    let Ok(selector) = super::selector::Selector::new(library, request) else {
        return None;
    };
    let ok: Vec<&Stretch> = selector.stretches.clone();
    let steps: Vec<Vec<u32>> = ok
        .iter()
        .map(|s| {
            timing::stretch_options(s, Holds::of(s, request.older), request.quick, t)
                .iter()
                .map(|p| timing::stretch_s(s, p))
                .collect()
        })
        .collect();
    let mut best: Option<u32> = None;
    for mask in 1u32..(1 << ok.len()) {
        let members: Vec<usize> = (0..ok.len()).filter(|i| mask & (1 << i) != 0).collect();
        let levels: BTreeSet<Level> = members.iter().map(|&i| ok[i].position().level()).collect();
        let change = least_changes(&levels);
        if change > budget {
            continue;
        }
        let mut reach = Reach::zero(budget - change);
        for &i in &members {
            reach = reach.add_one_of(&steps[i]);
        }
        if let Some(s) = (1..=(budget - change) as usize).rev().find(|&s| reach.get(s)) {
            best = best.max(Some(s as u32 + change));
        }
    }
    best
}

fn floor(library: &Library, request: &Request, t: f64) -> u32 {
    let reach = oracle_reach(library, request, t).unwrap_or(0);
    reach.min((request.minutes * 60 * 9).div_ceil(10))
}

/// Checks one session's items against the request and its budget; its
/// total against the floor at progress `t` when `t` is given (a plan's
/// last week, a single session: earlier weeks of a plan are shorter, as
/// their holds are).
fn check_session(library: &Library, request: &Request, items: &[Item], total_s: u32, t: Option<f64>) {
    let library = &*super::eligible::placed(library, request);
    let budget = request.minutes * 60;
    assert!(total_s <= budget, "{total_s} s is over the {budget} s budget");
    if let Some(t) = t {
        assert!(total_s >= floor(library, request, t), "{total_s} s is under the floor at t={t}");
    }
    let sum: u32 = items.iter().map(|i| i.seconds + i.change_s).sum();
    assert_eq!(sum, total_s);
    // Rounds come one after the other, each a subset of the first.
    let rounds = items.iter().map(|i| i.round).max().unwrap_or(1);
    assert!(items.windows(2).all(|w| w[0].round <= w[1].round), "rounds interleave");
    let first: BTreeSet<&str> = items.iter().filter(|i| i.round == 1).map(|i| i.id.as_str()).collect();
    for round in 1..=rounds {
        let members: Vec<&Item> = items.iter().filter(|i| i.round == round).collect();
        assert!(!members.is_empty(), "round {round} is empty");
        let ids: BTreeSet<&str> = members.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(ids.len(), members.len(), "a stretch appears twice in round {round}");
        assert!(ids.is_subset(&first), "round {round} brings in a new stretch");
    }
    if rounds > 1 {
        // A further round only when one round cannot fill the time.
        let one: u32 = items.iter().filter(|i| i.round == 1).map(|i| i.seconds + i.change_s).sum();
        assert!(one < (budget * 9).div_ceil(10), "a second round though one fills {one} s");
    }
    let mut visited: Vec<Level> = Vec::new();
    let mut round = 1;
    for item in items {
        if item.round != round {
            (round, visited) = (item.round, Vec::new());
        }
        let stretch = library.stretch(&item.id).unwrap();
        assert!(allowed(stretch, request), "{} is not allowed", item.id);
        let p = item.prescription;
        let holds = Holds::of(stretch, request.older);
        assert!(
            reps_options(&stretch.dose, holds, request.quick).contains(p.reps),
            "{} reps {}",
            item.id,
            p.reps
        );
        assert_eq!(p.sides, stretch.dose.sides);
        if let Some(own) = stretch.dose.hold_s {
            assert!(hold_range(own, holds).contains(p.hold_s.unwrap()));
        }
        assert_eq!(item.seconds, timing::stretch_s(stretch, &p));
        let level = item.position.level();
        if visited.last() != Some(&level) {
            assert!(!visited.contains(&level), "comes back to {level:?}");
            visited.push(level);
        }
    }
    // A rest closes its block, so only a gentle stretch that is no rest
    // can open a session.
    let opens_gently =
        |i: &Item| i.intensity == Intensity::Gentle && !super::score::rests(library.stretch(&i.id).unwrap());
    if items.iter().any(opens_gently) {
        assert_eq!(items[0].intensity, Intensity::Gentle, "does not start gently");
    }
}

/// Checks that an error is one the inputs deserve.
fn check_error(library: &Library, request: &Request, horizon: &[f64], error: &Error) {
    let line = error.to_string();
    assert!(!line.contains('\n'), "{line}");
    assert_eq!(error.exit_code(), 2);
    let any_allowed = library.stretches().iter().any(|s| allowed(s, request));
    if request.seated_only && !request.equipment.contains(&Equipment::Chair) {
        // Seated needs a chair to sit on: nothing is allowed, and the
        // error says why in one line.
        assert!(!any_allowed, "a seated stretch with no chair");
        assert!(line.contains("seated stretches need a chair to sit on"), "{line}");
    } else if !any_allowed {
        assert!(line.starts_with("no stretch is left: "), "{line}");
    } else {
        assert!(line.contains("the shortest session"), "{line}");
        assert!(horizon.iter().any(|&t| oracle_reach(library, request, t).is_none()), "{line}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn a_session_fills_its_budget_and_honours_the_request(library in library(), request in request()) {
        match select(&library, &request) {
            Ok(routine) => {
                check_session(&library, &request, &routine.items, routine.total_s, Some(0.0));
                prop_assert_eq!(select(&library, &request).unwrap(), routine);
            }
            Err(e) => check_error(&library, &request, &[0.0], &e),
        }
    }

    #[test]
    fn a_plan_fills_every_session_on_the_requested_days(
        library in library(),
        request in request(),
        calendar in calendar(),
    ) {
        let horizon: Vec<f64> = (1..=calendar.weeks).map(|w| progress(w, calendar.weeks)).collect();
        match build(&library, &request, &calendar) {
            Ok(plan) => {
                let end = calendar.start + Days::new(u64::from(calendar.weeks) * 7);
                let expected = (0..u64::from(calendar.weeks) * 7)
                    .map(|d| calendar.start + Days::new(d))
                    .filter(|d| calendar.days.contains(&d.weekday()))
                    .count();
                prop_assert_eq!(plan.sessions.len(), expected);
                for pair in plan.sessions.windows(2) {
                    prop_assert!(pair[0].date < pair[1].date);
                }
                for session in &plan.sessions {
                    prop_assert!(session.date >= calendar.start && session.date < end);
                    prop_assert!(calendar.days.contains(&session.date.weekday()));
                    prop_assert_eq!(session.weekday, session.date.weekday());
                    let week = (session.date - calendar.start).num_days() / 7 + 1;
                    prop_assert_eq!(i64::from(session.week), week);
                    let last = session.week == calendar.weeks;
                    let t = last.then(|| horizon[session.week as usize - 1]);
                    check_session(&library, &request, &session.items, session.total_s, t);
                }
                for (r, _) in plan.routines.iter().enumerate() {
                    for entry in plan.routine_stretches(r) {
                        let holds: Vec<Option<u32>> = entry
                            .weeks
                            .iter()
                            .map(|&w| plan.dose(r, &entry.item.id, w).unwrap().hold_s)
                            .collect();
                        prop_assert!(holds.windows(2).all(|h| h[0] <= h[1]), "holds shorten: {holds:?}");
                    }
                }
                let weekly: u32 = plan.weeks.iter().map(|w| w.total_s).sum();
                prop_assert_eq!(weekly, plan.sessions.iter().map(|s| s.total_s).sum::<u32>());
                prop_assert_eq!(build(&library, &request, &calendar).unwrap(), plan);
            }
            Err(e) => check_error(&library, &request, &horizon, &e),
        }
    }
}

#[test]
fn oracle_agrees_with_a_hand_count() {
    // One seated stretch of 5 s setup + 2 × 10 s holds = 25 s, and one
    // standing move of 5 s setup + 3 × 5 s = 20 s; together 25 + 20 + 5.
    let hold = Dose {
        each: Default::default(),
        hold_s: Some(Range::new(10, 10)),
        rep_s: None,
        reps: Range::new(2, 2),
        sides: 1,
        rest_s: 0,
    };
    let moves = Dose {
        each: Default::default(),
        hold_s: None,
        rep_s: Some(5),
        reps: Range::new(3, 3),
        sides: 1,
        rest_s: 0,
    };
    let mut a = crate::content::built_in().unwrap().stretches()[0].clone();
    a.id = "a".into();
    a.positions = vec![Position::Seated];
    a.equipment = vec![];
    a.avoid_if = vec![];
    a.dose = hold;
    let mut b = a.clone();
    b.id = "b".into();
    b.positions = vec![Position::Standing];
    b.dose = moves;
    let library = Library::new(vec![a, b], goals(), safety());
    let request = |minutes| Request::new(vec![], minutes);
    assert_eq!(oracle_reach(&library, &request(1), 0.0), Some(50));
    let mut one = request(1);
    one.seated_only = true;
    assert_eq!(oracle_reach(&library, &one, 0.0), Some(25));
}
