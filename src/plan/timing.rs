//! The timing model: how long a stretch takes at a given dose, how long it
//! takes to get into position, and what a change of level between two
//! stretches costs. Plans add these up to stay inside the time budget.

use serde::Serialize;

use crate::content::{Dose, Each, Effort, Equipment, Intensity, Level, Position, Range, Stretch};

pub use super::holds::Holds;

/// ACSM's static hold range for most adults, in seconds.
pub const HOLD_ADULT: Range = Range::new(10, 30);
/// ACSM's static hold range for older adults, in seconds.
pub const HOLD_OLDER: Range = Range::new(30, 60);
/// ACSM's repetitions per static stretch.
pub const HOLD_REPS: Range = Range::new(2, 4);
/// Repetitions per static stretch in a short desk break.
pub const QUICK_HOLD_REPS: Range = Range::new(1, 2);
/// Repetitions of an older adult's long (30–60 s) holds: fewer, longer
/// holds (2 × 30 s, about a minute in all, building to 2 × 60 s), never
/// the three or four shorter holds an adult may do.
pub const OLDER_HOLD_REPS: Range = Range::new(2, 2);
/// ACSM's total time per stretch, in seconds.
pub const TARGET_TOTAL_S: u32 = 60;
/// Seconds to swap from one side to the other.
pub const SWITCH_SIDE_S: u32 = 3;

/// A dose chosen from a stretch's ranges: what the sheet tells the reader
/// to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Prescription {
    /// Seconds per hold, for static stretches; `None` for repeated moves.
    pub hold_s: Option<u32>,
    /// Repetitions per side.
    pub reps: u32,
    /// 1, or 2 for each side.
    pub sides: u32,
    /// What the sides are: of the body, or directions of a movement.
    #[serde(skip)]
    pub each: Each,
    /// Seconds one repetition of a move takes (the hold, for holds).
    pub rep_s: u32,
    /// Rest between repetitions.
    pub rest_s: u32,
}

impl Prescription {
    /// The dose a first session uses: holds at the low end of the range
    /// ACSM and the stretch agree on, enough repetitions to reach about a
    /// minute in all (within the stretch's range), moves at their minimum.
    pub fn standard(dose: &Dose, holds: impl Into<Holds>) -> Self {
        Self::at(dose, holds, 0.0)
    }

    /// The dose a fraction `t` of the way (0 = start, 1 = end of a plan)
    /// through the stretch's ranges: holds lengthen, moves repeat more.
    pub fn at(dose: &Dose, holds: impl Into<Holds>, t: f64) -> Self {
        let holds = holds.into();
        match dose.effort() {
            Effort::Hold(hold) => {
                let hold_s = hold_at(hold_range(hold, holds), t);
                let reps = reps_range(dose.reps, holds);
                let for_total = TARGET_TOTAL_S.div_ceil(hold_s.max(1));
                Prescription {
                    hold_s: Some(hold_s),
                    reps: for_total.clamp(reps.min, reps.max),
                    sides: dose.sides,
                    each: dose.each,
                    rep_s: hold_s,
                    rest_s: dose.rest_s,
                }
            }
            Effort::Moves { rep_s } => Prescription {
                hold_s: None,
                reps: dose.reps.lerp(t),
                sides: dose.sides,
                each: dose.each,
                rep_s,
                rest_s: dose.rest_s,
            },
        }
    }

    /// The same dose with `reps` repetitions.
    pub fn with_reps(self, reps: u32) -> Self {
        Prescription { reps, ..self }
    }

    /// Seconds of work and rest: reps × rep time × sides, plus rests
    /// between repetitions and a moment to swap sides.
    pub fn seconds(&self) -> u32 {
        let per_side = self.reps * self.rep_s + self.reps.saturating_sub(1) * self.rest_s;
        per_side * self.sides + self.sides.saturating_sub(1) * SWITCH_SIDE_S
    }
}

/// The hold a fraction `t` of the way through `range`, on a multiple of 5 s
/// when one lies in the range (a sheet says "hold 25 s", not "hold 23 s").
/// Never decreases as `t` grows.
fn hold_at(range: Range, t: f64) -> u32 {
    let exact = range.lerp(t);
    let rounded = (exact + 2) / 5 * 5;
    if range.contains(rounded) { rounded } else { exact }
}

/// How far through its progression a plan is in week `week` (1-based) of
/// `weeks`: 0 in the first week, 1 in the last (0 for a one-week plan).
pub fn progress(week: u32, weeks: u32) -> f64 {
    if weeks <= 1 { 0.0 } else { f64::from(week.clamp(1, weeks) - 1) / f64::from(weeks - 1) }
}

/// The repetitions the planner may give a stretch: a static stretch's own
/// range inside ACSM's 2–4 (1–2 in a quick break or with older adults'
/// long holds), a move's own range.
pub fn reps_options(dose: &Dose, holds: Holds, quick: bool) -> Range {
    match dose.effort() {
        Effort::Hold(_) if quick => QUICK_HOLD_REPS,
        Effort::Hold(_) => reps_range(dose.reps, holds),
        Effort::Moves { .. } => dose.reps,
    }
}

/// Every dose the planner may give a stretch at progress `t`: the hold for
/// `t` (holds lengthen as a plan goes on) with any number of repetitions in
/// [`reps_options`]; a move repeats at least a share `t / 2` of the way up
/// its range, so by a plan's last week it is at least halfway and has
/// risen from the low end of week 1. The planner adjusts repetitions to
/// fill a session; the first option has the fewest.
pub fn options(dose: &Dose, holds: Holds, quick: bool, t: f64) -> Vec<Prescription> {
    let at = Prescription::at(dose, holds, t);
    let reps = reps_options(dose, holds, quick);
    let least = match dose.effort() {
        Effort::Moves { .. } => reps.lerp(t / 2.0).max(reps.min),
        Effort::Hold(_) => reps.min,
    };
    (least..=reps.max).map(|r| at.with_reps(r)).collect()
}

/// [`options`] for `stretch`: a deep stretch starts (at `t` = 0, a plan's
/// first week or a single session) at its fewest repetitions only.
pub fn stretch_options(stretch: &Stretch, holds: Holds, quick: bool, t: f64) -> Vec<Prescription> {
    let mut doses = options(&stretch.dose, holds, quick, t);
    if t == 0.0 && stretch.intensity == Intensity::Deep {
        doses.truncate(1);
    }
    doses
}

/// The hold range a stretch is given: its own range inside ACSM's, or the
/// end of its own range nearest to ACSM's when they do not overlap. For
/// older adults' large-muscle stretches ([`Holds::Older`]) ACSM's 30–60 s
/// replaces the top of the stretch's own range (written for adults), so
/// holds still progress from 30 toward 60 s; a stretch whose shortest hold
/// is above 60 s keeps that. Older adults' neck and arms-overhead stretches
/// ([`Holds::OlderWithinOwn`]) stay in their own range, from 30 s (or its
/// top, when shorter).
pub fn hold_range(own: Range, holds: Holds) -> Range {
    match holds {
        Holds::Older => {
            let min = own.min.max(HOLD_OLDER.min);
            return if min <= HOLD_OLDER.max {
                Range::new(min, HOLD_OLDER.max)
            } else {
                Range::new(own.min, own.min)
            };
        }
        Holds::OlderWithinOwn => {
            return Range::new(HOLD_OLDER.min.clamp(own.min, own.max), own.max);
        }
        Holds::Adult => {}
    }
    own.intersect(HOLD_ADULT).unwrap_or_else(|| {
        let nearest = if own.max < HOLD_ADULT.min { own.max } else { own.min };
        Range::new(nearest, nearest)
    })
}

/// The repetitions a static stretch is given: its own inside ACSM's 2–4;
/// older adults' long holds as few as [`OLDER_HOLD_REPS`] allows (else
/// the fewest of the adult range).
fn reps_range(own: Range, holds: Holds) -> Range {
    let adult = own.intersect(HOLD_REPS).unwrap_or(own);
    match holds {
        Holds::Older => own.intersect(OLDER_HOLD_REPS).unwrap_or(Range::new(adult.min, adult.min)),
        Holds::Adult | Holds::OlderWithinOwn => adult,
    }
}

/// Seconds to get into a stretch's position and set up its equipment.
pub fn setup_s(stretch: &Stretch) -> u32 {
    let position = match stretch.position() {
        Position::Standing | Position::Seated => 5,
        Position::Kneeling | Position::HandsAndKnees => 8,
        Position::Lying => 10,
    };
    let props = stretch
        .needs()
        .iter()
        .map(|e| match e {
            Equipment::Towel | Equipment::FoamRoller | Equipment::Mat => 10,
            Equipment::Chair | Equipment::Wall | Equipment::Doorway => 0,
        })
        .sum::<u32>();
    position + props
}

/// Seconds to move between levels (standing, seated, kneeling, lying).
pub fn level_change_s(from: Level, to: Level) -> u32 {
    use Level::*;
    match (from, to) {
        (a, b) if a == b => 0,
        (Standing, Seated) | (Seated, Standing) => 5,
        (Kneeling, Lying) | (Lying, Kneeling) => 10,
        // Getting down to the floor or up from it.
        _ => 20,
    }
}

/// Seconds of level changes in a session that visits `levels` in an order
/// that never comes back to a level (standing next to seated, kneeling next
/// to lying, one trip between the upright and the floor levels). Every such
/// order costs the same; this adds up the changes from standing downwards.
pub fn levels_change_s(levels: impl IntoIterator<Item = Level>) -> u32 {
    let levels: std::collections::BTreeSet<Level> = levels.into_iter().collect();
    let levels: Vec<Level> = levels.into_iter().collect();
    levels.windows(2).map(|w| level_change_s(w[0], w[1])).sum()
}

/// Seconds a stretch takes at a dose, including getting into position.
pub fn stretch_s(stretch: &Stretch, prescription: &Prescription) -> u32 {
    setup_s(stretch) + prescription.seconds()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hold(hold: (u32, u32), reps: (u32, u32), sides: u32, rest_s: u32) -> Dose {
        Dose {
            each: Default::default(),
            hold_s: Some(Range::new(hold.0, hold.1)),
            rep_s: None,
            reps: Range::new(reps.0, reps.1),
            sides,
            rest_s,
        }
    }

    #[test]
    fn static_hold_seconds_are_holds_times_reps_times_sides_plus_rests() {
        // 20 s × 3 reps with 10 s rests = 80 s a side; two sides + 3 s swap.
        let p = Prescription::standard(&hold((20, 30), (2, 3), 2, 10), false);
        assert_eq!((p.hold_s, p.reps), (Some(20), 3));
        assert_eq!(p.seconds(), (20 * 3 + 2 * 10) * 2 + 3);
    }

    #[test]
    fn holds_follow_acsm_and_lengthen_with_progress() {
        let dose = hold((15, 45), (2, 4), 1, 5);
        assert_eq!(Prescription::at(&dose, false, 0.0).hold_s, Some(15));
        assert_eq!(Prescription::at(&dose, false, 1.0).hold_s, Some(30));
        assert_eq!(Prescription::at(&dose, true, 0.0).hold_s, Some(30));
        assert_eq!(Prescription::at(&dose, true, 1.0).hold_s, Some(60));
        // About a minute in all: 30 s holds → 2 reps, 15 s holds → 4 reps.
        assert_eq!(Prescription::at(&dose, false, 1.0).reps, 2);
        assert_eq!(Prescription::at(&dose, false, 0.0).reps, 4);
    }

    #[test]
    fn older_adults_hold_longer_and_fewer_only_where_long_holds_suit() {
        // Large-muscle stretches: 30 → 60 s, twice (not three or four
        // times): about a minute in all at first.
        let dose = hold((20, 30), (2, 4), 2, 5);
        let start = Prescription::at(&dose, Holds::Older, 0.0);
        let end = Prescription::at(&dose, Holds::Older, 1.0);
        assert_eq!((start.hold_s, start.reps), (Some(30), 2));
        assert_eq!((end.hold_s, end.reps), (Some(60), 2));
        let reps: Vec<u32> = options(&dose, Holds::Older, false, 1.0).iter().map(|p| p.reps).collect();
        assert_eq!(reps, [2]);
        // A stretch written for one hold keeps one.
        let once = hold((20, 30), (1, 1), 1, 0);
        assert_eq!(options(&once, Holds::Older, false, 1.0).iter().map(|p| p.reps).collect::<Vec<_>>(), [1]);
        // Neck and arms overhead: the stretch's own range, from 30 s.
        assert_eq!(hold_range(Range::new(15, 30), Holds::OlderWithinOwn), Range::new(30, 30));
        assert_eq!(hold_range(Range::new(10, 20), Holds::OlderWithinOwn), Range::new(20, 20));
        assert_eq!(hold_range(Range::new(20, 45), Holds::OlderWithinOwn), Range::new(30, 45));
        let neck = hold((15, 30), (2, 3), 2, 5);
        for step in 0..=4 {
            let p = Prescription::at(&neck, Holds::OlderWithinOwn, f64::from(step) / 4.0);
            assert_eq!((p.hold_s, p.reps), (Some(30), 2), "2 × 30 s, never 60 s");
        }
    }

    #[test]
    fn hold_range_outside_acsm_uses_nearest_own_end() {
        assert_eq!(hold_range(Range::new(5, 8), Holds::Adult), Range::new(8, 8));
        assert_eq!(hold_range(Range::new(20, 30), Holds::Older), Range::new(30, 60));
        assert_eq!(hold_range(Range::new(45, 50), Holds::Older), Range::new(45, 60));
        assert_eq!(hold_range(Range::new(70, 90), Holds::Older), Range::new(70, 70));
        assert_eq!(hold_range(Range::new(40, 50), Holds::Adult), Range::new(40, 40));
    }

    #[test]
    fn moves_are_reps_times_seconds_times_sides() {
        let dose = Dose {
            each: Default::default(),
            hold_s: None,
            rep_s: Some(4),
            reps: Range::new(8, 10),
            sides: 2,
            rest_s: 0,
        };
        let p = Prescription::standard(&dose, false);
        assert_eq!(p.seconds(), 8 * 4 * 2 + 3);
        assert_eq!(Prescription::at(&dose, false, 1.0).reps, 10);
    }

    #[test]
    fn holds_land_on_multiples_of_five_and_never_shorten() {
        let dose = hold((20, 30), (2, 3), 1, 5);
        let holds: Vec<u32> =
            (1..=4).map(|w| Prescription::at(&dose, false, progress(w, 4)).hold_s.unwrap()).collect();
        assert_eq!(holds, [20, 25, 25, 30]);
        for (lo, hi) in [(5, 8), (12, 14), (8, 12), (13, 16), (10, 120)] {
            let dose = hold((lo, hi), (2, 3), 1, 0);
            let mut last = 0;
            for step in 0..=20 {
                let h = Prescription::at(&dose, false, f64::from(step) / 20.0).hold_s.unwrap();
                assert!(h >= last, "{lo}-{hi}: {h} after {last}");
                assert!(hold_range(Range::new(lo, hi), Holds::Adult).contains(h));
                last = h;
            }
        }
    }

    #[test]
    fn progress_runs_from_first_to_last_week() {
        assert_eq!(progress(1, 1), 0.0);
        assert_eq!(progress(1, 4), 0.0);
        assert_eq!(progress(4, 4), 1.0);
        assert!((progress(2, 3) - 0.5).abs() < 1e-9);
    }

    #[test]
    fn options_span_the_allowed_repetitions_at_the_progressed_hold() {
        let dose = hold((20, 30), (1, 6), 2, 5);
        let opts = options(&dose, Holds::Adult, false, 1.0);
        assert_eq!(opts.iter().map(|p| p.reps).collect::<Vec<_>>(), [2, 3, 4]);
        let quick = options(&dose, Holds::Adult, true, 1.0);
        assert_eq!(quick.iter().map(|p| p.reps).collect::<Vec<_>>(), [1, 2]);
        assert!(opts.iter().all(|p| p.hold_s == Some(30) && p.sides == 2));
        let moves = Dose {
            each: Default::default(),
            hold_s: None,
            rep_s: Some(4),
            reps: Range::new(8, 10),
            sides: 1,
            rest_s: 0,
        };
        assert_eq!(options(&moves, Holds::Adult, false, 0.0).len(), 3);
        assert_eq!(options(&moves, Holds::Adult, true, 0.0).len(), 3);
    }

    #[test]
    fn level_changes_of_a_session_depend_only_on_the_levels_visited() {
        use Level::*;
        assert_eq!(levels_change_s([Seated]), 0);
        assert_eq!(levels_change_s([Seated, Standing]), 5);
        assert_eq!(levels_change_s([Lying, Standing, Seated, Kneeling]), 5 + 20 + 10);
        // Any order that never comes back to a level costs the same.
        let orders = [[Seated, Standing, Kneeling, Lying], [Lying, Kneeling, Standing, Seated]];
        for order in orders {
            let cost: u32 = order.windows(2).map(|w| level_change_s(w[0], w[1])).sum();
            assert_eq!(cost, 35);
        }
    }

    #[test]
    fn level_changes_cost_more_to_and_from_the_floor() {
        assert_eq!(level_change_s(Level::Seated, Level::Seated), 0);
        assert!(
            level_change_s(Level::Standing, Level::Seated) < level_change_s(Level::Standing, Level::Lying)
        );
    }
}
