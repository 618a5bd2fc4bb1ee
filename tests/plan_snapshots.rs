//! Snapshot tests of plans in their text form: each plan is compared,
//! exactly, with a golden file in `tests/snapshots/`. After an intended
//! change, regenerate them with `UPDATE_SNAPSHOTS=1 cargo test --test
//! plan_snapshots` and read the diff before committing.

use std::collections::BTreeSet;
use std::path::PathBuf;

use chrono::Weekday::{self, *};
use stretchsheet::content::{Condition, Equipment, built_in};
use stretchsheet::plan::{Calendar, Request, build, select};

fn snapshot(name: &str, actual: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots").join(format!("{name}.txt"));
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("{} is missing; run with UPDATE_SNAPSHOTS=1", path.display()));
    if expected != actual {
        let line = expected
            .lines()
            .zip(actual.lines())
            .position(|(e, a)| e != a)
            .unwrap_or_else(|| expected.lines().count().min(actual.lines().count()));
        panic!(
            "{name} differs from {} at line {}:\n expected: {:?}\n   actual: {:?}\n(UPDATE_SNAPSHOTS=1 regenerates it)",
            path.display(),
            line + 1,
            expected.lines().nth(line),
            actual.lines().nth(line)
        );
    }
}

fn calendar(start: &str, days: &[Weekday], weeks: u32) -> Calendar {
    Calendar { start: start.parse().unwrap(), days: days.to_vec(), weeks }
}

fn request(goals: &[&str], minutes: u32) -> Request {
    Request::new(goals.iter().map(|g| g.to_string()).collect(), minutes)
}

#[test]
fn posture_ten_minutes_three_days_four_weeks_explained() {
    let library = built_in().unwrap();
    let plan =
        build(&library, &request(&["posture"], 10), &calendar("2026-11-23", &[Mon, Wed, Fri], 4)).unwrap();
    snapshot("posture-10min-mwf-4wk", &plan.to_text(true));
}

#[test]
fn desk_break_five_minutes() {
    let library = built_in().unwrap();
    let routine = select(&library, &request(&["desk-break"], 5)).unwrap();
    snapshot("desk-break-5min", &routine.to_string());
}

#[test]
fn older_seated_tension_from_a_wednesday() {
    let library = built_in().unwrap();
    let mut r = request(&["tension"], 15);
    r.older = true;
    r.seated_only = true;
    let plan = build(&library, &r, &calendar("2026-11-25", &[Mon, Wed, Fri], 2)).unwrap();
    snapshot("tension-older-seated-15min", &plan.to_text(true));
}

#[test]
fn every_goal_no_floor_with_a_seed() {
    let library = built_in().unwrap();
    let mut r = request(&[], 12);
    r.no_floor = true;
    r.avoid = BTreeSet::from([Condition::WristPain]);
    r.seed = 7;
    let plan = build(&library, &r, &calendar("2026-11-23", &[Tue, Thu], 3)).unwrap();
    snapshot("every-goal-no-floor-seed7", &plan.to_text(false));
}

#[test]
fn mobility_with_props_twenty_minutes() {
    let library = built_in().unwrap();
    let mut r = request(&["mobility"], 20);
    r.equipment = BTreeSet::from([Equipment::Towel, Equipment::FoamRoller, Equipment::Mat]);
    let plan = build(&library, &r, &calendar("2026-11-23", &[Sat], 2)).unwrap();
    snapshot("mobility-props-20min", &plan.to_text(true));
}
