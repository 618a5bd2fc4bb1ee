//! Weekly plans: routines that rotate around a core, dated sessions on the
//! chosen weekdays, and doses that progress week by week.
//!
//! - **Dates.** The plan covers `weeks × 7` days from `calendar.start`;
//!   every day in that span that falls on a chosen weekday has a session
//!   (so a plan starting on a Wednesday with mon,wed,fri starts that
//!   Wednesday). Week *n* is days `7(n−1)` to `7n−1` from the start.
//! - **Rotation.** With two or more session days there are up to three
//!   routines (A, B, C; one per weekly session, at most three). The best
//!   session's *core* (its warm-up, its chest opener and its most valuable
//!   goal-serving stretches, at most 70 % of the budget) is in every
//!   routine; its other goal-serving stretches are dealt out to the
//!   routines in turn, and each routine fills the rest of its time with
//!   goal-serving stretches the earlier routines did not use (stretches that
//!   serve no goal are not rotated: the fillers an earlier routine used are
//!   preferred, so one set of them is fewer to learn).
//!   Sessions take the
//!   routines in turn: A, B, C, A, … Identical routines are merged.
//! - **Progression.** Week 1 starts at the low end of each stretch's
//!   range, the last week reaches the high end: holds lengthen (on 5-second
//!   steps), moves repeat more. Routines are designed at the last week's
//!   doses, so their shortest doses fit the budget every week; each week the repetitions are fitted
//!   again to fill the budget (never over it, at least the week's floor, see
//!   [`select`](super::select)), moves repeating at least as often as the
//!   week before whenever that fits. When a routine cannot meet a week's
//!   floor as it is (short first-week holds can leave room for one more
//!   stretch), that week re-selects with a strong preference for the
//!   routine's stretches; [`Plan::routine_stretches`] shows which weeks each
//!   stretch is in.

use std::cmp::Reverse;
use std::collections::BTreeSet;

use chrono::{Datelike, Days, NaiveDate, Weekday};

use crate::content::Library;
use crate::error::{Error, Fault, Field, Result};
use crate::limits;

use super::explain::Explanation;
use super::select::{Picked, Routine, Selector};
use super::timing::progress;
use super::{Calendar, Item, Prescription, Request};

/// Extra value for a routine's core (and, in a fallback week, its
/// stretches): keeps them whenever they fit.
const PREFER: i64 = 3000;
/// Value taken off a stretch for each earlier routine that rotated it in:
/// more than a goal is worth, so later routines bring in others.
const REPEAT: i64 = 1100;
/// Most routines a plan rotates through.
const MAX_ROUTINES: usize = 3;
/// Most of the budget, in percent, the core may take.
const CORE_SHARE: u32 = 70;

/// One dated session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub date: NaiveDate,
    pub weekday: Weekday,
    /// 1-based week of the plan.
    pub week: u32,
    /// Index into [`Plan::routines`].
    pub routine: usize,
    /// The stretches in order at this week's doses.
    pub items: Vec<Item>,
    /// Seconds of the whole session, level changes included.
    pub total_s: u32,
}

/// One week of the plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Week {
    /// 1-based.
    pub number: u32,
    pub start: NaiveDate,
    pub end: NaiveDate,
    /// Number of sessions.
    pub sessions: usize,
    /// Seconds of all its sessions.
    pub total_s: u32,
}

impl Week {
    /// Minutes of stretching in the week.
    pub fn minutes(&self) -> f64 {
        f64::from(self.total_s) / 60.0
    }
}

/// A weekly plan: routines, their doses week by week, and dated sessions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// The request it was built for.
    pub request: Request,
    /// The requested goal ids without repeats; empty means every goal.
    pub goals: Vec<String>,
    pub calendar: Calendar,
    /// Each routine as done in week 1 (labels "A", "B", …).
    pub routines: Vec<Routine>,
    /// `weekly[week - 1][routine]`: each routine as done that week.
    pub weekly: Vec<Vec<Routine>>,
    /// Every session in date order.
    pub sessions: Vec<Session>,
    pub weeks: Vec<Week>,
    /// Why each stretch is in the plan or left out.
    pub explanation: Explanation,
}

impl Plan {
    /// Routine `routine` as done in 1-based week `week`.
    pub fn routine_in_week(&self, routine: usize, week: u32) -> Option<&Routine> {
        let w = usize::try_from(week.checked_sub(1)?).ok()?;
        self.weekly.get(w)?.get(routine)
    }

    /// The dose of stretch `id` in routine `routine` in 1-based week `week`.
    pub fn dose(&self, routine: usize, id: &str, week: u32) -> Option<Prescription> {
        self.routine_in_week(routine, week)?.items.iter().find(|i| i.id == id).map(|i| i.prescription)
    }

    /// The last day the plan covers.
    pub fn end(&self) -> NaiveDate {
        self.weeks.last().map_or(self.calendar.start, |w| w.end)
    }

    /// Every stretch routine `routine` uses in any week, in session order
    /// (week 1's stretches first, then any a later week brings in), each
    /// with the weeks it is in. A routine keeps its stretches every week
    /// unless lengthening holds leave too little or too much time for them.
    pub fn routine_stretches(&self, routine: usize) -> Vec<RoutineStretch<'_>> {
        let mut found: Vec<RoutineStretch> = Vec::new();
        for (w, week) in self.weekly.iter().enumerate() {
            let Some(r) = week.get(routine) else { continue };
            for item in &r.items {
                let number = w as u32 + 1;
                match found.iter_mut().find(|f| f.item.id == item.id) {
                    Some(f) => f.weeks.push(number),
                    None => found.push(RoutineStretch { item, weeks: vec![number] }),
                }
            }
        }
        found
    }

    /// Every stretch in the plan, in order of first appearance.
    pub fn stretch_ids(&self) -> Vec<&str> {
        self.explanation.chosen.iter().map(|c| c.id.as_str()).collect()
    }
}

/// A stretch of a routine across the weeks of a plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoutineStretch<'a> {
    /// The stretch as done the first week it is in.
    pub item: &'a Item,
    /// The 1-based weeks it is in.
    pub weeks: Vec<u32>,
}

/// Builds a weekly plan for `request` over `calendar` (see the module docs).
///
/// Errors: everything [`select`](super::select) rejects, plus no weekdays,
/// weeks outside 1–12, or dates beyond the calendar.
pub fn build(library: &Library, request: &Request, calendar: &Calendar) -> Result<Plan> {
    let dates = session_dates(calendar)?;
    let library = &*super::eligible::placed(library, request);
    let selector = Selector::new(library, request)?;
    let horizon: Vec<f64> = (1..=calendar.weeks).map(|w| progress(w, calendar.weeks)).collect();
    selector.check_fits(&horizon)?;
    let last = horizon.last().copied().unwrap_or(0.0);
    // A gentle start keeps to one routine: few moves to learn on a bad day.
    let most = if request.gentle_start() { 1 } else { MAX_ROUTINES };
    let count = most.min(calendar.days.len()).min(dates.len()).max(1);
    let designs = design(&selector, last, count);
    let by_design: Vec<Vec<Routine>> = designs.iter().map(|d| d.weeks(&selector, &horizon)).collect();
    let weekly: Vec<Vec<Routine>> =
        (0..horizon.len()).map(|w| by_design.iter().map(|weeks| weeks[w].clone()).collect()).collect();
    let sessions = sessions(calendar, &dates, &weekly);
    let weeks = weeks(calendar, &sessions);
    let explanation = Explanation::build(&selector, library, &weekly);
    Ok(Plan {
        request: request.clone(),
        goals: dedup(&request.goals),
        calendar: calendar.clone(),
        routines: weekly[0].clone(),
        weekly,
        sessions,
        weeks,
        explanation,
    })
}

fn dedup(goals: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for g in goals {
        if !out.contains(g) {
            out.push(g.clone());
        }
    }
    out
}

/// The dates with a session, checking the calendar.
fn session_dates(calendar: &Calendar) -> Result<Vec<NaiveDate>> {
    if !limits::WEEKS.contains(i64::from(calendar.weeks)) {
        let fault = Fault::out_of_range(i64::from(calendar.weeks), limits::WEEKS);
        return Err(Error::field(Field::Weeks, fault));
    }
    if calendar.days.is_empty() {
        return Err(Error::field(Field::Days, Fault::NoDays));
    }
    let in_years = |d: NaiveDate| limits::YEARS.contains(i64::from(d.year()));
    if !in_years(calendar.start) {
        return Err(Error::field(Field::Start, Fault::DateOutOfRange { value: calendar.start.to_string() }));
    }
    let last = calendar.start.checked_add_days(Days::new(u64::from(calendar.weeks) * 7 - 1));
    if !last.is_some_and(in_years) {
        let end = last.map_or_else(|| "a date past the calendar".into(), |d| d.to_string());
        return Err(Error::field(Field::Start, Fault::EndsOutOfRange { end }));
    }
    let mut dates = Vec::new();
    for offset in 0..u64::from(calendar.weeks) * 7 {
        let date = calendar.start + Days::new(offset);
        if calendar.days.contains(&date.weekday()) {
            dates.push(date);
        }
    }
    Ok(dates)
}

/// A routine's make-up: its stretches at their last-week doses, and which
/// of them are core.
struct Design {
    label: String,
    last: Vec<Picked>,
    /// The stretches of each further round, when one round cannot fill
    /// the time.
    again: Vec<Vec<usize>>,
    core: BTreeSet<usize>,
}

impl Design {
    /// The routine in each week (progress `horizon[w]`): the same stretches
    /// every week, each at its dose for that week (see
    /// [`Selector::dose_in_week`]).
    fn weeks(&self, selector: &Selector, horizon: &[f64]) -> Vec<Routine> {
        let end = horizon.last().copied().unwrap_or(0.0);
        horizon
            .iter()
            .map(|&t| {
                let picks: Vec<Picked> =
                    self.last.iter().map(|&(i, last)| (i, selector.dose_in_week(i, last, t, end))).collect();
                selector.routine(&self.label, &picks, &self.again, &self.core)
            })
            .collect()
    }
}

/// Designs up to `count` distinct routines at progress `t`: the best
/// session's core in each, its other goal-serving stretches dealt out to
/// the routines in turn, and the remaining time filled with stretches the
/// earlier routines did not use.
fn design(selector: &Selector, t: f64, count: usize) -> Vec<Design> {
    let bonuses = selector.bonuses();
    let best = selector.choose(t, &bonuses);
    let core = core_of(selector, &best);
    // The core at one dose in every routine (the best session's), unless a
    // routine cannot meet its floor so.
    let fixed: std::collections::BTreeMap<usize, Prescription> =
        best.iter().filter(|(i, _)| core.contains(i)).copied().collect();
    let alike = selector.with_fixed(fixed);
    // Dealt out: the other goal-serving stretches, none a twin of the core
    // (a second neck stretch beside the core's one, say).
    let mut rotating: Vec<usize> = best
        .iter()
        .map(|(i, _)| *i)
        .filter(|&i| !core.contains(&i) && selector.serves_goal(i) && !twin_of_any(selector, &core, i))
        .collect();
    rotating.sort_by_key(|&i| (Reverse(selector.values[i]), i));
    let dealt_to = |i: usize| rotating.iter().position(|&r| r == i).map(|k| k % count);
    let mut uses = vec![0i64; selector.stretches.len()];
    let mut designs: Vec<Design> = Vec::new();
    for routine in 0..count {
        let extra: Vec<i64> = (0..uses.len())
            .map(|i| {
                let own = core.contains(&i) || dealt_to(i) == Some(routine);
                let other = dealt_to(i).is_some_and(|r| r != routine);
                // Fillers are not rotated: a filler an earlier routine used
                // is preferred, so one set of them is fewer to learn.
                let repeat = if selector.serves_goal(i) { uses[i] * REPEAT } else { -uses[i] * REPEAT / 2 };
                bonuses[i] + if own { PREFER } else { 0 } - if other { REPEAT } else { 0 } - repeat
            })
            .collect();
        let mut last = alike.choose(t, &extra);
        if last.is_empty() {
            last = selector.choose(t, &extra);
        }
        last.sort_unstable_by_key(|(i, _)| *i);
        if designs.iter().any(|d| d.last == last) {
            continue;
        }
        for (i, _) in last.iter().filter(|(i, _)| !core.contains(i)) {
            uses[*i] += 1;
        }
        let again = super::rounds::again(selector, &last);
        designs.push(Design { label: label(designs.len()), last, again, core: core.clone() });
    }
    if let [only] = designs.as_mut_slice() {
        // With one routine, every stretch is in every routine.
        only.core = only.last.iter().map(|(i, _)| *i).collect();
    }
    designs
}

/// "A", "B", "C", …
fn label(index: usize) -> String {
    char::from(b'A' + (index % 26) as u8).to_string()
}

/// The core of a routine: its warm-up, chest opener and extension move,
/// then its most valuable goal-serving stretches (none a twin of one
/// already in) while the core takes no more than [`CORE_SHARE`] of the
/// budget.
fn core_of(selector: &Selector, picks: &[Picked]) -> BTreeSet<usize> {
    let seconds = |(i, dose): &Picked| super::timing::stretch_s(selector.stretches[*i], dose);
    let mut core = BTreeSet::new();
    let mut used = 0;
    for pick in picks.iter().filter(|(i, _)| selector.specials().any(|k| k == *i)) {
        core.insert(pick.0);
        used += seconds(pick);
    }
    let mut ranked: Vec<&Picked> =
        picks.iter().filter(|(i, _)| !core.contains(i) && selector.serves_goal(*i)).collect();
    ranked.sort_by_key(|(i, _)| (Reverse(selector.values[*i]), *i));
    let most = selector.budget_s() * CORE_SHARE / 100;
    for pick in ranked {
        if used + seconds(pick) > most {
            break;
        }
        // One of each kind in the core (one chest opener, not three).
        if twin_of_any(selector, &core, pick.0) {
            continue;
        }
        used += seconds(pick);
        core.insert(pick.0);
    }
    core
}

/// Whether stretch `i` is a [twin](super::score::twin) of one in `set`.
fn twin_of_any(selector: &Selector, set: &BTreeSet<usize>, i: usize) -> bool {
    set.iter().any(|&k| super::score::twin(selector.stretches[k], selector.stretches[i]))
}

/// The dated sessions. Each week takes the routines in turn from A again,
/// so every week holds the same routines and its minutes never fall.
fn sessions(calendar: &Calendar, dates: &[NaiveDate], weekly: &[Vec<Routine>]) -> Vec<Session> {
    let count = weekly[0].len();
    let mut in_week = (0, 0);
    dates
        .iter()
        .map(|&date| {
            let week = week_of(calendar, date);
            in_week = if in_week.0 == week { (week, in_week.1 + 1) } else { (week, 0) };
            let routine = in_week.1 % count;
            let r = &weekly[week as usize - 1][routine];
            Session {
                date,
                weekday: date.weekday(),
                week,
                routine,
                items: r.items.clone(),
                total_s: r.total_s,
            }
        })
        .collect()
}

/// The 1-based week `date` falls in.
fn week_of(calendar: &Calendar, date: NaiveDate) -> u32 {
    ((date - calendar.start).num_days() / 7) as u32 + 1
}

/// The weeks of the plan (`session_dates` has checked that their dates
/// exist).
fn weeks(calendar: &Calendar, sessions: &[Session]) -> Vec<Week> {
    (1..=calendar.weeks)
        .map(|number| {
            let start = calendar.start + Days::new(u64::from(number - 1) * 7);
            let in_week: Vec<&Session> = sessions.iter().filter(|s| s.week == number).collect();
            Week {
                number,
                start,
                end: start + Days::new(6),
                sessions: in_week.len(),
                total_s: in_week.iter().map(|s| s.total_s).sum(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use Weekday::*;

    fn calendar(start: &str, days: &[Weekday], weeks: u32) -> Calendar {
        Calendar { start: start.parse().unwrap(), days: days.to_vec(), weeks }
    }

    fn posture() -> Request {
        Request::new(vec!["posture".into()], 10)
    }

    #[test]
    fn sessions_fall_on_the_chosen_days_from_the_start() {
        let library = crate::content::built_in().unwrap();
        // 2026-11-25 is a Wednesday.
        let plan = build(&library, &posture(), &calendar("2026-11-25", &[Mon, Wed, Fri], 2)).unwrap();
        let dates: Vec<String> = plan.sessions.iter().map(|s| s.date.to_string()).collect();
        assert_eq!(
            dates,
            ["2026-11-25", "2026-11-27", "2026-11-30", "2026-12-02", "2026-12-04", "2026-12-07"]
        );
        assert_eq!(plan.sessions.iter().map(|s| s.week).collect::<Vec<_>>(), [1, 1, 1, 2, 2, 2]);
        assert_eq!(plan.end().to_string(), "2026-12-08");
        assert_eq!(plan.weeks.iter().map(|w| w.sessions).collect::<Vec<_>>(), [3, 3]);
    }

    #[test]
    fn routines_rotate_around_a_core_and_doses_progress() {
        let library = crate::content::built_in().unwrap();
        // 15 minutes: at 10 the allowed stretches make one routine (the
        // floor visit it could rotate in is too short to get down for).
        let request = Request { minutes: 15, ..posture() };
        let plan = build(&library, &request, &calendar("2026-11-23", &[Mon, Wed, Fri], 4)).unwrap();
        assert!(plan.routines.len() >= 2, "{:?}", plan.routines);
        let core: Vec<&str> =
            plan.routines[0].items.iter().filter(|i| i.core).map(|i| i.id.as_str()).collect();
        assert!(!core.is_empty());
        for routine in &plan.routines {
            for id in &core {
                assert!(routine.ids().contains(id), "{} lacks {id}", routine.label);
            }
        }
        assert_ne!(plan.routines[0].ids(), plan.routines[1].ids());
        let routine_of: Vec<usize> = plan.sessions.iter().map(|s| s.routine).collect();
        assert_eq!(&routine_of[..3], &[0, 1, 2][..plan.routines.len().min(3)]);
        for r in 0..plan.routines.len() {
            for entry in plan.routine_stretches(r) {
                let doses: Vec<Prescription> =
                    entry.weeks.iter().map(|&w| plan.dose(r, &entry.item.id, w).unwrap()).collect();
                for pair in doses.windows(2) {
                    assert!(pair[0].hold_s <= pair[1].hold_s, "{}: {doses:?}", entry.item.id);
                    if pair[0].hold_s.is_none() {
                        assert!(pair[0].reps <= pair[1].reps, "{}: {doses:?}", entry.item.id);
                    }
                }
            }
        }
        // Week 1 starts shorter (holds at the low end); the last week fills
        // the budget; weekly minutes never fall.
        for session in &plan.sessions {
            assert!(session.total_s <= 900, "{session:?}");
            if session.week == 4 {
                assert!(session.total_s >= 810, "{session:?}");
            }
        }
        assert!(plan.weeks.windows(2).all(|w| w[0].total_s <= w[1].total_s), "{:?}", plan.weeks);
        assert!(plan.weeks[0].total_s < plan.weeks[3].total_s);
    }

    #[test]
    fn one_day_a_week_has_one_routine() {
        let library = crate::content::built_in().unwrap();
        let plan = build(&library, &posture(), &calendar("2026-11-23", &[Sat], 3)).unwrap();
        assert_eq!(plan.routines.len(), 1);
        assert_eq!(plan.sessions.len(), 3);
        assert!(plan.sessions.iter().all(|s| s.weekday == Sat));
    }

    #[test]
    fn bad_calendars_are_one_line_errors() {
        let library = crate::content::built_in().unwrap();
        let e = build(&library, &posture(), &calendar("2026-11-23", &[Mon], 0)).unwrap_err();
        assert_eq!(e.to_string(), "weeks: 0 is less than 1 (a plan is 1–12 weeks)");
        let e = build(&library, &posture(), &calendar("2026-11-23", &[], 2)).unwrap_err();
        assert!(e.to_string().starts_with("days: no session days"), "{e}");
        let e = build(&library, &posture(), &calendar("2200-12-27", &[Mon], 2)).unwrap_err();
        assert_eq!(
            e.to_string(),
            "start: the plan would end on 2201-01-09, after the year 2200; start earlier or plan fewer weeks"
        );
        let e = build(&library, &posture(), &calendar("9999-12-27", &[Mon], 2)).unwrap_err();
        assert_eq!(
            e.to_string(),
            "start: 9999-12-27 is outside the years 1900–2200; use a date in that range"
        );
        // A plan may end on the last day of 2200.
        assert!(build(&library, &posture(), &calendar("2200-12-18", &[Mon], 2)).is_ok());
    }

    #[test]
    fn left_out_stretches_say_why() {
        let library = crate::content::built_in().unwrap();
        let plan = build(&library, &posture(), &calendar("2026-11-23", &[Mon, Thu], 2)).unwrap();
        let why = |id: &str| plan.explanation.left_out.iter().find(|l| l.id == id).map(|l| l.why.to_string());
        assert_eq!(
            why("foam-roller-thoracic-extension").as_deref(),
            Some("needs a foam-roller (you have: chair, wall)")
        );
        assert_eq!(
            plan.explanation.chosen.len() + plan.explanation.left_out.len(),
            library.stretches().len()
        );
    }
}
