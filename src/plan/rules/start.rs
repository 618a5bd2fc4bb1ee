//! The clinical rules of how a session starts and what it must hold, as
//! property tests on the built-in library: a gentle move opens every
//! session of 3–60 minutes when one fits, a session for tension holds a
//! tension stretch, a gentle start (`--goal gentle-start`) keeps to gentle
//! stretches off the floor, and a posture plan opens the chest and extends
//! the upper back. (The other rules are in the parent module.)

use proptest::prelude::*;

use super::{built_in_request, can_hold, library, pool, selector_has};
use crate::content::{Intensity, Stretch};
use crate::plan::properties::calendar;
use crate::plan::request::GENTLE_START;
use crate::plan::score::{extends, opens_chest};
use crate::plan::selector::Selector;
use crate::plan::timing::progress;
use crate::plan::{Item, Request, Routine, build, eligible, select};

/// Whether `item` is a stretch of `selector` that serves `goal`.
fn placed_serves(selector: &Selector, item: &Item, goal: &str) -> bool {
    selector.stretches.iter().any(|s| s.id == item.id && s.serves(goal))
}

/// Checks that a session at progress `t` opens with a gentle stretch
/// whenever a session that meets its floor can hold an allowed gentle
/// stretch (a twisting one without another twist: no two twists in a row
/// comes first), and that a session
/// for tension holds a tension stretch whenever one fits. (For another
/// single goal the two can clash in three minutes: a mobility stretch that
/// fits alone may not fit beside any gentle one, and the gentle start
/// wins.)
fn check_opening(
    selector: &Selector,
    request: &Request,
    routine: &Routine,
    t: f64,
) -> Result<(), TestCaseError> {
    let budget = selector.budget_s();
    let fits = |test: &dyn Fn(&Stretch) -> bool| {
        (0..selector.stretches.len())
            .any(|i| test(selector.stretches[i]) && selector.shortest_s(i, t) <= budget)
    };
    let ids = routine.ids();
    // A gentle opener is owed when a session that meets the floor can
    // hold one (without another twist beside a twisting one).
    // (Fillers only where the goal stretches cannot fill the session.)
    let floor = selector.floor(t).unwrap_or(0);
    let keep = pool(selector, t);
    let gentle = (0..selector.stretches.len()).any(|i| {
        selector.stretches[i].intensity == Intensity::Gentle && can_hold(selector, t, i, &keep, floor)
    });
    if gentle {
        let first = routine.items.first().map(|i| i.intensity);
        prop_assert_eq!(first, Some(Intensity::Gentle), "opens with {:?}", ids);
    }
    if request.goals == ["tension"] && fits(&|s| s.serves("tension")) {
        let holds = routine.items.iter().any(|i| placed_serves(selector, i, "tension"));
        prop_assert!(holds, "no tension stretch in {:?}", ids);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    /// Every session of 3–60 minutes opens gently whenever a gentle
    /// stretch fits, and one for tension holds a tension stretch whenever
    /// one fits: the single session and every routine of a plan's last
    /// week.
    #[test]
    fn a_session_opens_gently_and_serves_tension(
        request in built_in_request(),
        minutes in 3..=60u32,
        tension in any::<bool>(),
        calendar in calendar(),
    ) {
        let mut request = Request { minutes, ..request };
        if tension {
            request.goals = vec!["tension".into()];
        }
        let library = library();
        let placed = eligible::placed(&library, &request);
        let Ok(selector) = Selector::new(&placed, &request) else { return Ok(()) };
        if let Ok(routine) = select(&library, &request) {
            check_opening(&selector, &request, &routine, 0.0)?;
        }
        let Ok(plan) = build(&library, &request, &calendar) else { return Ok(()) };
        let end = progress(calendar.weeks, calendar.weeks);
        for routine in plan.weekly.last().unwrap() {
            check_opening(&selector, &request, routine, end)?;
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Every item of every session of a gentle-start plan is gentle and
    /// upright, whatever else the request asks (other goals, long
    /// sessions, further rounds).
    #[test]
    fn a_gentle_start_is_gentle_and_upright(
        request in built_in_request(),
        minutes in 1..=60u32,
        calendar in calendar(),
    ) {
        let mut request = Request { minutes, ..request };
        if !request.gentle_start() {
            request.goals.push(GENTLE_START.into());
        }
        let library = library();
        let Ok(plan) = build(&library, &request, &calendar) else { return Ok(()) };
        for session in &plan.sessions {
            let hard = session.items.iter().find(|i| i.intensity != Intensity::Gentle || i.position.is_floor());
            prop_assert!(hard.is_none(), "{}: {:?}", session.date, hard.map(|i| (&i.id, i.intensity, i.position)));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    /// The make-up rule without its "when it fits" clause: a posture plan
    /// of five minutes or more holds a chest opener and an extension move
    /// in every routine of every week whenever the limits allow one of
    /// each. (Under five minutes, long older holds may leave room for one.)
    #[test]
    fn a_posture_plan_always_opens_the_chest_and_extends(
        request in built_in_request(),
        minutes in 5..=60u32,
        calendar in calendar(),
    ) {
        let mut request = Request { minutes, quick: false, ..request };
        if !request.goals.iter().any(|g| g == "posture") {
            request.goals.push("posture".into());
        }
        let library = library();
        let placed = eligible::placed(&library, &request);
        let Ok(selector) = Selector::new(&placed, &request) else { return Ok(()) };
        let (Some(chest), Some(extension)) = (selector.chest_opener, selector.extension) else {
            return Ok(());
        };
        // The warm-up comes first: when no session that meets the floor
        // can hold it with both, one of them is enough (long older holds in
        // five minutes, say).
        let end = progress(calendar.weeks, calendar.weeks);
        let three: Vec<usize> = selector.warm_up.into_iter().chain([chest, extension]).collect();
        let floor = selector.floor(end).unwrap_or(0);
        let room = selector.reach_requiring(end, &three, &pool(&selector, end)).is_some_and(|r| r >= floor);
        let plan = build(&library, &request, &calendar).unwrap();
        for (week, routines) in plan.weekly.iter().enumerate() {
            for routine in routines {
                let has = |test| routine.items.iter().any(|i| selector_has(&selector, i, test));
                let (opens, extends) = (has(opens_chest), has(extends));
                let held = if room { opens && extends } else { opens || extends };
                prop_assert!(held, "week {}: opens {opens}, extends {extends}: {:?}", week + 1, routine.ids());
            }
        }
    }
}
