//! Plans as JSON for programs (`plan --format json`). The schema is stable:
//! fields are only ever added, and a change that would break a reader bumps
//! `schema_version`.
//!
//! ```text
//! {
//!   "schema_version": 1,
//!   "goals": ["posture"],            // requested goal ids; [] = every goal
//!   "minutes_per_session": 10,       // the budget each session fills
//!   "start": "2026-11-23",           // first day of the plan (YYYY-MM-DD)
//!   "end": "2026-12-20",             // last day: start + 7 × weeks − 1
//!   "weeks": 4,
//!   "days": ["mon", "wed", "fri"],   // session weekdays
//!   "seed": 0,
//!   "limits": {
//!     "equipment": ["chair", "wall"], // what the user has
//!     "no_floor": false, "seated_only": false,
//!     "avoid": ["wrist-pain"], "older": false
//!   },
//!   "routines": [{
//!     "label": "A",
//!     "total_seconds": 541,          // week 1
//!     "rounds": 1,                   // 2 or more: the session does its
//!                                    // stretches again to fill the time
//!     "stretches": [{                // every stretch it uses in any week, in
//!                                    // order, at the dose of its first week
//!       "id": "wall-chest-stretch", "name": "Wall chest stretch",
//!       "position": "standing",
//!       "core": true,                // in every routine
//!       "seconds": 148,               // setup + work + rests
//!       "hold_s": 20,                // null for moves
//!       "reps": 3, "sides": 2,
//!       "dose": "Hold 20 s × 3, each side",
//!       "by_week": [{"week": 1, "hold_s": 20, "reps": 3, "sides": 2, "seconds": 148},
//!                   {"week": 2, "hold_s": 25, "reps": 3, "sides": 2, "seconds": 178}, …]
//!                                    // every week: holds never shorten,
//!                                    // repetitions never fall
//!     }]
//!   }],
//!   "weekly": [{"week": 1, "start": "2026-11-23", "end": "2026-11-29",
//!               "sessions": 3, "total_seconds": 1656, "minutes": 27.6}],
//!   "sessions": [{
//!     "date": "2026-11-23", "weekday": "mon", "week": 1,
//!     "routine": "A", "total_seconds": 541,   // stretches + level changes
//!     "stretches": [{
//!       "id": "shoulder-blade-squeeze", "name": "Shoulder blade squeeze",
//!       "position": "standing",
//!       "seconds": 75,               // setup + work + rests
//!       "change_seconds": 0,         // changing level just before it
//!       "round": 1,                  // 2, 3, …: done again in a further round
//!       "hold_s": null, "reps": 10, "sides": 1,
//!       "rep_s": 7,                  // seconds per repetition (= hold_s for holds)
//!       "rest_s": 0,                 // rest between repetitions
//!       "dose": "10 times"
//!     }]
//!   }],
//!   "desk_break": "Repeat the break …", // only for --goal desk-break
//!   "review": "Review your plan with …", // only in plans of 6 weeks or more
//!   "explanation": {                 // only with --explain
//!     "chosen": [{"id": "…", "name": "…", "core": true, "routines": ["A", "B"],
//!                 "reasons": ["a gentle move to start", "serves posture"]}],
//!     "left_out": [{"id": "…", "name": "…", "reason": "needs a doorway (you have: chair, wall)"}]
//!   }
//! }
//! ```
//!
//! A session's `total_seconds` is the sum of its stretches' `seconds` and
//! `change_seconds`, and never more than `minutes_per_session × 60`.

use serde::Serialize;

use super::describe;
use super::schedule::{Plan, Session, Week};
use super::select::{Item, Routine};

/// The schema version this module writes.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
struct PlanJson<'a> {
    schema_version: u32,
    goals: &'a [String],
    minutes_per_session: u32,
    start: String,
    end: String,
    weeks: u32,
    days: Vec<String>,
    seed: u64,
    limits: Limits,
    routines: Vec<RoutineJson<'a>>,
    weekly: Vec<WeekJson>,
    sessions: Vec<SessionJson<'a>>,
    /// In desk-break plans: repeat the break through the day; the card.
    #[serde(skip_serializing_if = "Option::is_none")]
    desk_break: Option<&'static str>,
    /// In plans of six weeks or more: review the plan with a professional.
    #[serde(skip_serializing_if = "Option::is_none")]
    review: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    explanation: Option<ExplanationJson<'a>>,
}

#[derive(Serialize)]
struct Limits {
    equipment: Vec<&'static str>,
    no_floor: bool,
    seated_only: bool,
    avoid: Vec<&'static str>,
    older: bool,
}

#[derive(Serialize)]
struct RoutineJson<'a> {
    label: &'a str,
    total_seconds: u32,
    rounds: u32,
    stretches: Vec<RoutineStretchJson<'a>>,
}

#[derive(Serialize)]
struct RoutineStretchJson<'a> {
    id: &'a str,
    name: &'a str,
    position: &'static str,
    core: bool,
    seconds: u32,
    hold_s: Option<u32>,
    reps: u32,
    sides: u32,
    dose: String,
    by_week: Vec<WeekDose>,
}

#[derive(Serialize)]
struct WeekDose {
    week: u32,
    hold_s: Option<u32>,
    reps: u32,
    sides: u32,
    seconds: u32,
}

#[derive(Serialize)]
struct WeekJson {
    week: u32,
    start: String,
    end: String,
    sessions: usize,
    total_seconds: u32,
    minutes: f64,
}

#[derive(Serialize)]
struct SessionJson<'a> {
    date: String,
    weekday: String,
    week: u32,
    routine: &'a str,
    total_seconds: u32,
    stretches: Vec<StretchJson<'a>>,
}

#[derive(Serialize)]
struct StretchJson<'a> {
    id: &'a str,
    name: &'a str,
    position: &'static str,
    seconds: u32,
    change_seconds: u32,
    round: u32,
    hold_s: Option<u32>,
    reps: u32,
    sides: u32,
    rep_s: u32,
    rest_s: u32,
    dose: String,
}

#[derive(Serialize)]
struct ExplanationJson<'a> {
    chosen: Vec<ChosenJson<'a>>,
    left_out: Vec<LeftOutJson<'a>>,
}

#[derive(Serialize)]
struct ChosenJson<'a> {
    id: &'a str,
    name: &'a str,
    core: bool,
    routines: &'a [String],
    reasons: Vec<String>,
}

#[derive(Serialize)]
struct LeftOutJson<'a> {
    id: &'a str,
    name: &'a str,
    reason: String,
}

impl Plan {
    /// The plan as pretty-printed JSON (see the module docs for the
    /// schema); `explain` adds the `explanation` object.
    pub fn to_json(&self, explain: bool) -> String {
        let r = &self.request;
        let json = PlanJson {
            schema_version: SCHEMA_VERSION,
            goals: &self.goals,
            minutes_per_session: r.minutes,
            start: self.calendar.start.to_string(),
            end: self.end().to_string(),
            weeks: self.calendar.weeks,
            days: self.calendar.days.iter().map(|d| weekday(*d)).collect(),
            seed: r.seed,
            limits: Limits {
                equipment: r.equipment.iter().map(|e| e.as_str()).collect(),
                no_floor: r.no_floor,
                seated_only: r.seated_only,
                avoid: r.avoid.iter().map(|c| c.as_str()).collect(),
                older: r.older,
            },
            routines: self
                .routines
                .iter()
                .enumerate()
                .map(|(i, routine)| self.routine_json(i, routine))
                .collect(),
            weekly: self.weeks.iter().map(week_json).collect(),
            sessions: self.sessions.iter().map(|s| self.session_json(s)).collect(),
            desk_break: self.desk_break_note(),
            review: self.review_note(),
            explanation: explain.then(|| self.explanation_json()),
        };
        serde_json::to_string_pretty(&json).expect("plain data serialises") + "\n"
    }

    fn routine_json<'a>(&'a self, index: usize, routine: &'a Routine) -> RoutineJson<'a> {
        let stretches = self
            .routine_stretches(index)
            .into_iter()
            .map(|entry| entry.item)
            .map(|item| RoutineStretchJson {
                id: &item.id,
                name: &item.name,
                position: item.position.as_str(),
                core: item.core,
                seconds: item.seconds,
                hold_s: item.prescription.hold_s,
                reps: item.prescription.reps,
                sides: item.prescription.sides,
                dose: describe(&item.prescription),
                by_week: self.by_week(index, &item.id),
            })
            .collect();
        RoutineJson {
            label: &routine.label,
            total_seconds: routine.total_s,
            rounds: routine.rounds(),
            stretches,
        }
    }

    fn by_week(&self, routine: usize, id: &str) -> Vec<WeekDose> {
        (1..=self.calendar.weeks)
            .filter_map(|week| {
                let item = self.routine_in_week(routine, week)?.items.iter().find(|i| i.id == id)?;
                Some(WeekDose {
                    week,
                    hold_s: item.prescription.hold_s,
                    reps: item.prescription.reps,
                    sides: item.prescription.sides,
                    seconds: item.seconds,
                })
            })
            .collect()
    }

    fn session_json<'a>(&'a self, session: &'a Session) -> SessionJson<'a> {
        SessionJson {
            date: session.date.to_string(),
            weekday: weekday(session.weekday),
            week: session.week,
            routine: &self.routines[session.routine].label,
            total_seconds: session.total_s,
            stretches: session.items.iter().map(stretch_json).collect(),
        }
    }

    fn explanation_json(&self) -> ExplanationJson<'_> {
        ExplanationJson {
            chosen: self
                .explanation
                .chosen
                .iter()
                .map(|c| ChosenJson {
                    id: &c.id,
                    name: &c.name,
                    core: c.core,
                    routines: &c.routines,
                    reasons: c.reasons.iter().map(ToString::to_string).collect(),
                })
                .collect(),
            left_out: self
                .explanation
                .left_out
                .iter()
                .map(|l| LeftOutJson { id: &l.id, name: &l.name, reason: l.why.to_string() })
                .collect(),
        }
    }
}

fn stretch_json(item: &Item) -> StretchJson<'_> {
    let p = &item.prescription;
    StretchJson {
        id: &item.id,
        name: &item.name,
        position: item.position.as_str(),
        seconds: item.seconds,
        change_seconds: item.change_s,
        round: item.round,
        hold_s: p.hold_s,
        reps: p.reps,
        sides: p.sides,
        rep_s: p.rep_s,
        rest_s: p.rest_s,
        dose: describe(p),
    }
}

fn week_json(week: &Week) -> WeekJson {
    WeekJson {
        week: week.number,
        start: week.start.to_string(),
        end: week.end.to_string(),
        sessions: week.sessions,
        total_seconds: week.total_s,
        minutes: (f64::from(week.total_s) / 6.0).round() / 10.0,
    }
}

/// "mon", "tue", … as on the command line.
fn weekday(day: chrono::Weekday) -> String {
    super::words::day_name(day).to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use crate::plan::{Calendar, Request, build};
    use chrono::Weekday::*;

    fn plan(explain: bool) -> serde_json::Value {
        let library = crate::content::built_in().unwrap();
        let calendar = Calendar { start: "2026-11-23".parse().unwrap(), days: vec![Mon, Wed, Fri], weeks: 2 };
        let plan = build(&library, &Request::new(vec!["posture".into()], 10), &calendar).unwrap();
        serde_json::from_str(&plan.to_json(explain)).unwrap()
    }

    #[test]
    fn has_the_documented_fields() {
        let v = plan(false);
        assert_eq!(v["schema_version"], 1);
        assert_eq!(v["minutes_per_session"], 10);
        assert_eq!(v["start"], "2026-11-23");
        assert_eq!(v["end"], "2026-12-06");
        assert_eq!(v["weeks"], 2);
        assert_eq!(v["goals"][0], "posture");
        assert!(v.get("explanation").is_none());
        let sessions = v["sessions"].as_array().unwrap();
        assert_eq!(sessions.len(), 6);
        let first = &sessions[0];
        assert_eq!((first["date"].as_str(), first["weekday"].as_str()), (Some("2026-11-23"), Some("mon")));
        assert_eq!(first["routine"], "A");
        let stretches = first["stretches"].as_array().unwrap();
        let sum: u64 = stretches
            .iter()
            .map(|s| s["seconds"].as_u64().unwrap() + s["change_seconds"].as_u64().unwrap())
            .sum();
        assert_eq!(Some(sum), first["total_seconds"].as_u64());
        for s in stretches {
            for key in ["id", "name", "seconds", "hold_s", "reps", "sides"] {
                assert!(s.get(key).is_some(), "{key}");
            }
            assert_eq!(s["hold_s"].is_null(), s["rep_s"] != s["hold_s"]);
        }
        assert!(v["routines"][0]["stretches"][0]["by_week"].as_array().unwrap().len() == 2);
        assert!(v["weekly"][0]["minutes"].as_f64().unwrap() > 20.0);
    }

    #[test]
    fn explain_adds_reasons() {
        let v = plan(true);
        let e = &v["explanation"];
        assert!(!e["chosen"].as_array().unwrap().is_empty());
        assert!(e["left_out"].as_array().unwrap().iter().all(|l| l["reason"].is_string()));
    }
}
