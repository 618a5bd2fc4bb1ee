//! The planner's clinical rules, as property tests over random requests on
//! the built-in library (and, where a rule holds for any library, over
//! random libraries too); those on how a session starts and what it must
//! hold (the gentle opener, tension, a gentle start, a posture plan's chest
//! opener and extension move) are in [`start`]:
//!
//! - progression is monotone: week to week a stretch's hold never shortens
//!   and its repetitions never fall (a move whose range allows it repeats
//!   more by the last week), a routine keeps every stretch to the
//!   last week, weekly minutes never fall, and with `--older` holds of
//!   large-muscle stretches start at 30 s and reach 60 s by the last week,
//!   once or twice, while neck and arms-overhead holds keep to the
//!   stretch's own range;
//! - no two twists in a row; with osteoporosis no rounding forward and at
//!   most one twist a session, a gentle one;
//! - stretches that serve the goals come before fillers: a filler is in a
//!   session only when the goal-serving stretches (with the warm-up, the
//!   chest opener and the extension move) cannot fill it to its floor
//!   (without the twists it left out, which may have been left out so
//!   that no two follow each other);
//! - a session holds a chest opener and an extension move whenever the
//!   request allows them and a session that meets its floor can hold both
//!   (else one of them, when one fits): so a posture plan does, and a
//!   seated-only one holds the seated chest opener; a posture plan of five
//!   minutes or more holds both whenever the limits allow one of each and
//!   a session that meets its floor can hold them beside the warm-up (else
//!   one of them);
//! - the floor block closes with the rest (child's pose), after the
//!   hands-and-knees moves; a session gets down to the floor once at most
//!   (further rounds never go back down) and does its warm-up once;
//! - no getting down to the floor for less than about two minutes of
//!   floor work when the upright stretches can fill the session instead;
//! - a deep stretch starts week 1 at its fewest repetitions;
//! - a gentle start (`--goal gentle-start`) keeps to gentle stretches,
//!   upright, in every session of every week;
//! - with `--older` or `--avoid balance-problems` and a chair, a stretch
//!   that can be done seated is; with balance problems, or `--older`
//!   without `--floor`, nothing is on the floor;
//! - a session of 5–60 minutes with five stretches or more allowed is
//!   filled to 90 %, with further rounds when one round cannot do it (a
//!   gentle start, whose few stretches may not fill a long session, says
//!   so instead);
//! - a session of 3–60 minutes opens with a gentle stretch whenever a
//!   session that meets its floor can hold one (a twisting one without
//!   another twist: no two twists in a row comes first), and the warm-up
//!   comes before the chest opener and the extension
//!   move when they cannot all fit; a session for tension holds a tension
//!   stretch whenever one fits.

use chrono::{Days, NaiveDate};
use proptest::prelude::*;

use crate::content::{Condition, Intensity, Library, Movement, Position, Stretch};

mod start;

use super::properties::{calendar, request, subset};
use super::select::{Reason, Routine};
use super::selector::Selector;
use super::timing::{Holds, progress};
use super::{Calendar, Item, Plan, Request, build, select};

const GOALS: [&str; 5] = ["tension", "mobility", "posture", "desk-break", "gentle-start"];

fn library() -> Library {
    crate::content::built_in().unwrap()
}

/// Random requests with the built-in library's goals.
fn built_in_request() -> impl Strategy<Value = Request> {
    let often = || prop_oneof![3 => Just(false), 1 => Just(true)];
    (request(), subset(&GOALS, 2), often(), often()).prop_map(|(mut request, goals, fragile, unsteady)| {
        request.goals = goals.iter().map(|g| g.to_string()).collect();
        if fragile {
            request.avoid.insert(Condition::Osteoporosis);
        }
        if unsteady {
            request.avoid.insert(Condition::BalanceProblems);
        }
        request
    })
}

fn stretch<'a>(library: &'a Library, item: &Item) -> &'a Stretch {
    library.stretch(&item.id).unwrap()
}

/// Whether the twists at `k` and `k + 1` are the only stretches of their
/// levels' blocks that could stand between them: the last of one level
/// with nothing but twists before it in that level, the first of the next
/// with nothing after it but twists and the rest that closes the floor.
/// Only then may a session that needs both keep them side by side (its
/// order cannot part them).
fn order_cannot_part(items: &[Item], k: usize, does: &dyn Fn(&Item, Movement) -> bool) -> bool {
    let level = |i: &Item| i.position.level();
    let (a, b) = (&items[k], &items[k + 1]);
    let first_round = |i: &&Item| i.round == a.round;
    let other = |i: &&Item| !does(i, Movement::Rotation) && !does(i, Movement::Rest);
    let mut before = items[..k].iter().filter(first_round).filter(|i| level(i) == level(a));
    let mut after = items[k + 2..].iter().filter(first_round).filter(|i| level(i) == level(b));
    level(a) != level(b) && !before.any(|i| other(&i)) && !after.any(|i| other(&i))
}

/// Checks the order and make-up rules on one session of `request`.
fn check_session(library: &Library, request: &Request, items: &[Item]) -> Result<(), TestCaseError> {
    let does = |item: &Item, m: Movement| stretch(library, item).does(m);
    for (k, pair) in items.windows(2).enumerate() {
        let twists = pair.iter().all(|i| does(i, Movement::Rotation));
        let apart = !twists || order_cannot_part(items, k, &does);
        prop_assert!(apart, "two twists in a row: {} then {}", pair[0].id, pair[1].id);
    }
    if request.avoid.contains(&Condition::Osteoporosis) {
        prop_assert!(items.iter().all(|i| !does(i, Movement::Flexion)), "rounds forward with osteoporosis");
        let twists: Vec<&Item> = items.iter().filter(|i| does(i, Movement::Rotation)).collect();
        prop_assert!(twists.len() <= 1, "{} twists with osteoporosis", twists.len());
        prop_assert!(twists.iter().all(|i| i.intensity == Intensity::Gentle));
    }
    let unsteady = request.avoid.contains(&Condition::BalanceProblems);
    if (request.older || unsteady) && request.equipment.contains(&crate::content::Equipment::Chair) {
        let standing = items
            .iter()
            .find(|i| i.position != Position::Seated && stretch(library, i).can_be(Position::Seated));
        prop_assert!(
            standing.is_none(),
            "older or unsteady, yet {:?} is not seated",
            standing.map(|i| &i.id)
        );
    }
    if request.gentle_start() {
        let hard = items.iter().find(|i| i.intensity != Intensity::Gentle || i.position.is_floor());
        prop_assert!(
            hard.is_none(),
            "a gentle start, yet {:?}",
            hard.map(|i| (&i.id, i.intensity, i.position))
        );
    }
    if unsteady || (request.older && !request.floor) {
        let down = items.iter().find(|i| i.position.is_floor());
        prop_assert!(down.is_none(), "older or unsteady, yet {:?} is on the floor", down.map(|i| &i.id));
    }
    check_floor_visits(items)?;
    let rounds = items.iter().map(|i| i.round).max().unwrap_or(1);
    for round in 1..=rounds {
        let members: Vec<Item> = items.iter().filter(|i| i.round == round).cloned().collect();
        check_floor_block(library, &members)?;
    }
    Ok(())
}

/// Checks that a session gets down to the floor at most once (further
/// rounds never go back down) and does its warm-up once.
fn check_floor_visits(items: &[Item]) -> Result<(), TestCaseError> {
    let downs = items.windows(2).filter(|w| !w[0].position.is_floor() && w[1].position.is_floor()).count();
    let ids: Vec<&str> = items.iter().map(|i| i.id.as_str()).collect();
    prop_assert!(downs <= 1, "down to the floor {downs} times: {ids:?}");
    let first_round = items.iter().filter(|i| i.round == 1).count();
    if let Some(opener) = items.first().filter(|i| i.reasons.contains(&Reason::GentleStart)) {
        let times = items.iter().filter(|i| i.id == opener.id).count();
        prop_assert!(first_round == 1 || times == 1, "the warm-up {} {times} times: {ids:?}", opener.id);
    }
    Ok(())
}

/// Checks that the floor block of one round closes with the rest, after
/// the hands-and-knees moves.
fn check_floor_block(library: &Library, items: &[Item]) -> Result<(), TestCaseError> {
    let rest = items.iter().position(|i| stretch(library, i).does(Movement::Rest));
    if let Some(rest) = rest {
        let on_hands = items.iter().rposition(|i| stretch(library, i).position() == Position::HandsAndKnees);
        prop_assert!(on_hands.is_none_or(|h| h < rest), "the rest comes before a hands-and-knees move");
        if !items[0].position.is_floor() {
            let after = items.get(rest + 1);
            prop_assert!(after.is_none_or(|i| !i.position.is_floor()), "the floor goes on after the rest");
        }
    }
    Ok(())
}

/// The stretches a session at progress `t` is chosen among: those that
/// come first when they can meet the floor (fillers only when they
/// cannot), else all.
fn pool(selector: &Selector, t: f64) -> Vec<bool> {
    let floor = selector.floor(t).unwrap_or(0);
    let first: Vec<bool> = (0..selector.stretches.len()).map(|i| selector.comes_first(i)).collect();
    if selector.reach_among(t, &first).is_some_and(|r| r >= floor) {
        first
    } else {
        vec![true; selector.stretches.len()]
    }
}

/// Whether a session at progress `t` of the stretches in `keep` that meets
/// `floor` can hold stretch `i` — without any other twist, when `i`
/// twists (so no two twists need be side by side).
pub(super) fn can_hold(selector: &Selector, t: f64, i: usize, keep: &[bool], floor: u32) -> bool {
    let twists = |k: usize| selector.stretches[k].does(Movement::Rotation);
    let keep: Vec<bool> = (0..keep.len()).map(|k| keep[k] && (k == i || !twists(i) || !twists(k))).collect();
    selector.reach_requiring(t, &[i], &keep).is_some_and(|r| r >= floor)
}

/// Checks that a session holds a chest opener and an extension move when the
/// request allows one, and fillers only when it must.
fn check_make_up(selector: &Selector, routine: &Routine, t: f64) -> Result<(), TestCaseError> {
    let opens = routine.items.iter().any(|i| selector_has(selector, i, super::score::opens_chest));
    // Any extension move counts: the session may stay upright with another
    // one rather than get down to the floor for the selector's.
    let extends = routine.items.iter().any(|i| selector_has(selector, i, super::score::extends));
    // Both whenever a session that meets the floor can hold both; else at
    // least one that fits. (A five-minute session with only long older
    // holds, say, may have room for one of them alone.)
    let floor = selector.floor(t).unwrap_or(0);
    let keep = pool(selector, t);
    // With the warm-up, when a session that meets the floor can hold it:
    // starting gently comes first.
    let reaches = |need: &[usize]| selector.reach_requiring(t, need, &keep).is_some_and(|r| r >= floor);
    // No two twists in a row comes first: a twisting warm-up is owed only
    // when a session without other twists can hold it.
    let warm_up: Vec<usize> =
        selector.warm_up.filter(|&w| keep[w] && can_hold(selector, t, w, &keep, floor)).into_iter().collect();
    let fits = |need: &[usize]| reaches(&[&warm_up[..], need].concat());
    let (chest, extension) = (selector.chest_opener, selector.extension);
    let ids = routine.ids();
    if let Some(&w) = warm_up.first() {
        let name = &selector.stretches[w].id;
        prop_assert!(ids.contains(&name.as_str()), "no warm-up {name} in {ids:?}");
    }
    match (chest, extension) {
        (Some(c), Some(e)) if fits(&[c, e]) => {
            prop_assert!(opens && extends, "chest opener {opens}, extension move {extends} in {ids:?}");
        }
        (Some(c), Some(e)) if fits(&[c]) || fits(&[e]) => {
            prop_assert!(opens || extends, "neither a chest opener nor an extension move in {ids:?}");
        }
        (Some(c), None) if fits(&[c]) => prop_assert!(opens, "no chest opener in {ids:?}"),
        (None, Some(e)) if fits(&[e]) => prop_assert!(extends, "no extension move in {ids:?}"),
        _ => {}
    }
    let index = |item: &Item| selector.stretches.iter().position(|s| s.id == item.id).unwrap();
    let fills = routine.items.iter().any(|i| !selector.comes_first(index(i)));
    if fills {
        // Twists the session left out may have been left out to keep two
        // from following each other; without them the goal stretches must
        // fall short of the floor.
        let has = |s: &Stretch| routine.items.iter().any(|item| item.id == s.id);
        let absent_twist = |i: usize| {
            let s = selector.stretches[i];
            s.does(Movement::Rotation) && !has(s)
        };
        // One neck stretch a session is enough: a second one comes before
        // fillers only where the floor needs it.
        let necked =
            routine.items.iter().any(|item| selector_has(selector, item, super::score::stretches_neck));
        let absent_neck = |i: usize| {
            let s = selector.stretches[i];
            necked && super::score::stretches_neck(s) && !has(s)
        };
        // A session that stays upright rather than get down to the floor
        // for a short while may fill with upright stretches.
        let upright = routine.items.iter().all(|item| !item.position.is_floor());
        let left_down = |i: usize| upright && selector.stretches[i].position().is_floor();
        let first: Vec<bool> = (0..selector.stretches.len())
            .map(|i| selector.comes_first(i) && !absent_twist(i) && !absent_neck(i) && !left_down(i))
            .collect();
        let floor = selector.floor(t).unwrap_or(0);
        let reach = selector.reach_among(t, &first).unwrap_or(0);
        prop_assert!(
            reach < floor,
            "a filler in {:?} though the goal stretches reach {reach} s",
            routine.ids()
        );
    }
    Ok(())
}

/// Checks that a session with upright work gets down to the floor only
/// for about two minutes of floor work or more, unless the upright
/// stretches alone cannot meet its floor (or would lose the warm-up, the
/// chest opener or the extension move).
fn check_floor_worth_it(selector: &Selector, routine: &Routine, t: f64) -> Result<(), TestCaseError> {
    let first: Vec<&Item> = routine.items.iter().filter(|i| i.round == 1).collect();
    let floor_s: u32 = first.iter().filter(|i| i.position.is_floor()).map(|i| i.seconds).sum();
    let upright = first.iter().any(|i| !i.position.is_floor());
    if !upright || floor_s == 0 || floor_s >= super::selector::SHORT_FLOOR_S {
        return Ok(());
    }
    let floor = selector.floor(t).unwrap_or(0);
    // Upright stretches that serve the goals (as the floor work may).
    let standing: Vec<bool> = (0..selector.stretches.len())
        .map(|i| !selector.stretches[i].position().is_floor() && selector.comes_first(i))
        .collect();
    // Upright, the session keeps a chest opener and an extension move
    // where the routine has them: some upright ones of each kind, with
    // the rest, must reach the floor.
    let kinds = [super::score::opens_chest as fn(&Stretch) -> bool, super::score::extends];
    let mut choices: Vec<Vec<usize>> = vec![vec![]];
    for test in kinds.into_iter().filter(|&test| first.iter().any(|i| selector_has(selector, i, test))) {
        let ups: Vec<usize> =
            (0..standing.len()).filter(|&i| standing[i] && test(selector.stretches[i])).collect();
        choices =
            choices.iter().flat_map(|c| ups.iter().map(move |&u| [c.clone(), vec![u]].concat())).collect();
    }
    // And its warm-up, when it has one: a session starts gently.
    if let Some(w) = selector.warm_up.filter(|&w| first.iter().any(|i| i.id == selector.stretches[w].id)) {
        choices.iter_mut().for_each(|c| c.push(w));
    }
    let can_stay_up = choices
        .iter()
        .any(|required| selector.reach_requiring(t, required, &standing).is_some_and(|r| r >= floor));
    prop_assert!(!can_stay_up, "{floor_s} s on the floor in {:?}", routine.ids());
    Ok(())
}

/// Checks that in week 1 a deep stretch does its fewest repetitions.
fn check_deep_start(library: &Library, request: &Request, items: &[Item]) -> Result<(), TestCaseError> {
    for item in items.iter().filter(|i| i.intensity == Intensity::Deep) {
        let s = stretch(library, item);
        let holds = Holds::of(s, request.older);
        let least = super::timing::options(&s.dose, holds, request.quick, 0.0)[0].reps;
        prop_assert_eq!(item.prescription.reps, least, "{} starts above its fewest repetitions", &item.id);
    }
    Ok(())
}

fn selector_has(selector: &Selector, item: &Item, test: fn(&Stretch) -> bool) -> bool {
    selector.stretches.iter().any(|s| s.id == item.id && test(s))
}

/// Checks that doses only grow, stretches stay and weekly minutes never
/// fall; with `--older` (when `older` is set), holds of large-muscle
/// stretches go from 30 s to 60 s, once or twice, and neck and
/// arms-overhead holds stay within the stretch's own range.
fn check_progression(library: &Library, plan: &Plan, older: bool) -> Result<(), TestCaseError> {
    let weeks = plan.calendar.weeks;
    for w in plan.weeks.windows(2) {
        prop_assert!(
            w[0].total_s <= w[1].total_s,
            "weekly minutes fall: {} → {}",
            w[0].total_s,
            w[1].total_s
        );
    }
    for r in 0..plan.routines.len() {
        let ids = plan.routines[r].ids();
        for week in 1..=weeks {
            prop_assert_eq!(plan.routine_in_week(r, week).unwrap().ids(), ids.clone());
        }
        for id in ids {
            let doses: Vec<_> = (1..=weeks).map(|w| plan.dose(r, id, w).unwrap()).collect();
            for d in doses.windows(2) {
                prop_assert!(d[0].hold_s <= d[1].hold_s && d[0].reps <= d[1].reps, "{id}: {doses:?}");
            }
            let (Some(first), Some(last)) = (doses[0].hold_s, doses[doses.len() - 1].hold_s) else {
                continue;
            };
            if !older {
                continue;
            }
            let stretch = library.stretch(id).unwrap();
            match Holds::of(stretch, true) {
                Holds::Older => {
                    prop_assert_eq!(first, 30, "{}: older holds start at 30 s", id);
                    if weeks > 1 {
                        prop_assert_eq!(last, 60, "{}: older holds reach 60 s", id);
                    }
                    let reps = doses[doses.len() - 1].reps;
                    prop_assert!(reps <= 2, "{id}: {reps} long holds, more than about a minute");
                }
                Holds::OlderWithinOwn => {
                    let own = stretch.dose.hold_s.unwrap();
                    prop_assert!(last <= own.max, "{id}: {last} s is past its own {} s", own.max);
                }
                Holds::Adult => unreachable!("older"),
            }
        }
    }
    Ok(())
}

/// Checks that in a plan of two weeks or more every move whose range
/// allows it repeats more in the last week than in the first.
fn check_moves_progress(library: &Library, plan: &Plan) -> Result<(), TestCaseError> {
    let weeks = plan.calendar.weeks;
    if weeks < 2 {
        return Ok(());
    }
    for r in 0..plan.routines.len() {
        for id in plan.routines[r].ids() {
            let s = library.stretch(id).unwrap();
            if s.dose.hold_s.is_some() || s.dose.reps.min == s.dose.reps.max {
                continue;
            }
            let (first, last) = (plan.dose(r, id, 1).unwrap(), plan.dose(r, id, weeks).unwrap());
            prop_assert!(first.reps < last.reps, "{id} does not progress: {first:?} → {last:?}");
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn a_session_follows_the_clinical_rules(request in built_in_request()) {
        let library = library();
        let Ok(routine) = select(&library, &request) else { return Ok(()) };
        let placed = super::eligible::placed(&library, &request);
        check_session(&placed, &request, &routine.items)?;
        let selector = Selector::new(&placed, &request).unwrap();
        check_make_up(&selector, &routine, 0.0)?;
        check_floor_worth_it(&selector, &routine, 0.0)?;
        check_deep_start(&placed, &request, &routine.items)?;
    }

    #[test]
    fn a_plan_follows_the_clinical_rules(request in built_in_request(), calendar in calendar()) {
        let library = library();
        let Ok(plan) = build(&library, &request, &calendar) else { return Ok(()) };
        let placed = super::eligible::placed(&library, &request);
        for session in &plan.sessions {
            check_session(&placed, &request, &session.items)?;
        }
        let selector = Selector::new(&placed, &request).unwrap();
        let end = progress(calendar.weeks, calendar.weeks);
        for routine in plan.weekly.last().unwrap() {
            check_make_up(&selector, routine, end)?;
            check_floor_worth_it(&selector, routine, end)?;
        }
        for session in plan.sessions.iter().filter(|s| s.week == 1 && calendar.weeks > 1) {
            check_deep_start(&placed, &request, &session.items)?;
        }
        check_progression(&placed, &plan, request.older)?;
        check_moves_progress(&placed, &plan)?;
    }

    #[test]
    fn a_long_session_is_filled_with_further_rounds(
        request in built_in_request(),
        minutes in 5..=60u32,
        calendar in calendar(),
    ) {
        let request = Request { minutes, ..request };
        let library = library();
        let placed = super::eligible::placed(&library, &request);
        let Ok(selector) = Selector::new(&placed, &request) else { return Ok(()) };
        if selector.stretches.len() < 5 {
            return Ok(());
        }
        let least = (minutes * 60 * 9).div_ceil(10);
        // A gentle start keeps to its few stretches (none of them is done
        // more than a dozen times) and says when they fall short.
        let gentle = request.gentle_start();
        let routine = select(&library, &request).unwrap();
        prop_assert!(gentle || routine.total_s >= least, "{} s of {} s: {:?}", routine.total_s, minutes * 60, routine.ids());
        let plan = build(&library, &request, &calendar).unwrap();
        let says_short = plan.to_text(false).contains("Some sessions are shorter than 90 %");
        for routine in plan.weekly.last().unwrap() {
            prop_assert!(routine.total_s >= least || (gentle && says_short), "{} s of {} s: {:?}", routine.total_s, minutes * 60, routine.ids());
            prop_assert_eq!(routine.rounds() > 1, routine.rounds_note().is_some());
        }
    }

    #[test]
    fn any_library_progresses_monotonely(
        library in super::properties::library(),
        request in request(),
        calendar in calendar(),
    ) {
        let Ok(plan) = build(&library, &request, &calendar) else { return Ok(()) };
        check_progression(&library, &plan, false)?;
    }
}

#[test]
fn older_holds_build_from_30_to_60_seconds() {
    let mut request = Request::new(vec!["posture".into()], 20);
    request.older = true;
    let start = NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
    let calendar = Calendar { start, days: Calendar::spread(3), weeks: 4 };
    let plan = build(&library(), &request, &calendar).unwrap();
    // Seated, as an older adult's chest opener is.
    let chest = |w| plan.dose(0, "seated-chest-opener", w).unwrap().hold_s.unwrap();
    assert_eq!((1..=4).map(chest).collect::<Vec<_>>(), [30, 40, 50, 60]);
    for routine in &plan.weekly[3] {
        for item in &routine.items {
            let Some(hold) = item.prescription.hold_s else { continue };
            let own = library().stretch(&item.id).unwrap().dose.hold_s.unwrap();
            if item.id.contains("neck") || item.id.starts_with("overhead") || item.id.contains("trapezius") {
                assert!(hold <= own.max, "{}: {hold} s", item.id);
            }
        }
    }
    assert!(plan.end() == start + Days::new(27));
}
