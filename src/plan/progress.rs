//! The follow-up: a saved prescription moved on one step. Each dose steps
//! up within the stretch's own ranges (a hold lengthens to the next 5 s,
//! then a repetition is added; a move repeats more); a dose already at the
//! top of its ranges gives way to the stretch's harder version where the
//! content names one and the patient's saved limits allow it, or stays. Dates move on, and each change is said in
//! words for the handout and the terminal. Pure.

use chrono::NaiveDate;

use super::request::{Choice, Request};
use super::timing::Prescription as Dose;
use crate::content::{Effort, Equipment, Library, Limits, Prescribed, Prescription, Stretch};
use crate::error::Result;

/// How one stretch moved on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// A longer hold, in seconds.
    Hold { from: u32, to: u32 },
    /// More repetitions.
    Reps { from: u32, to: u32 },
    /// The stretch's harder version, by name, in its place.
    Harder { to: String },
    /// Already at the top of its ranges, with no harder version: kept.
    Top,
}

/// One stretch's change, for the "what changed" line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The stretch's name before the change.
    pub name: String,
    pub step: Step,
}

/// The id of the stretch's harder version, when the content names one
/// (`harder = "id"`, checked by `check`). The one place the progression
/// learns of it.
fn harder(stretch: &Stretch) -> Option<&str> {
    stretch.harder.as_deref()
}

/// Every one of a prescription's `limits` that rules `stretch` out, in
/// the planner's words; empty when it is allowed. Equipment not recorded
/// (named stretches, an older file) rules nothing out. The one check both
/// a handout's named stretches and a follow-up's harder versions pass.
pub fn ruled_out(limits: &Limits, stretch: &Stretch) -> Vec<super::Exclusion> {
    let mut request = Request::new(Vec::new(), 1);
    request.avoid = limits.avoid.clone();
    request.equipment = limits.equipment.clone().unwrap_or_else(|| Equipment::ALL.iter().copied().collect());
    request.no_floor = limits.no_floor;
    request.seated_only = limits.seated_only;
    super::exclusions(stretch, &request)
}

/// The choice a saved stretch makes, for [`super::prescribe`].
pub fn choice(p: &Prescribed) -> Choice {
    Choice { id: p.id.clone(), hold_s: p.hold_s, reps: p.reps, sides: p.sides, position: p.position }
}

/// The follow-up prescription: every dose stepped up, dated `date`, with
/// the next appointment `follow_up` or, when none is given, as far after
/// `date` as the old one was after its date.
pub fn progress(
    saved: &Prescription,
    library: &Library,
    date: NaiveDate,
    follow_up: Option<NaiveDate>,
) -> Result<(Prescription, Vec<Change>)> {
    let mut next = saved.clone();
    next.date = date;
    next.follow_up = follow_up.or_else(|| {
        let gap = saved.follow_up? - saved.date;
        (gap > chrono::TimeDelta::zero()).then(|| date + gap)
    });
    next.stretches.clear();
    let mut changes = Vec::new();
    for entry in &saved.stretches {
        let stretch = library.require(&entry.id)?;
        let dose = super::prescribe(stretch, &choice(entry), saved.older)?;
        let (moved, step) = match step_up(stretch, &dose) {
            Some(found) => found,
            None => match harder(stretch)
                .and_then(|id| library.stretch(id))
                .filter(|other| ruled_out(&saved.limits, other).is_empty())
            {
                Some(other) => {
                    let named = Choice {
                        id: other.id.clone(),
                        hold_s: None,
                        reps: None,
                        sides: None,
                        position: None,
                    };
                    let standard = super::prescribe(other, &named, saved.older)?;
                    (concrete(&other.id, &standard), Step::Harder { to: other.name.clone() })
                }
                None => (concrete(&stretch.id, &dose), Step::Top),
            },
        };
        // The same stretch stays in its position (a harder one in its own).
        let position = entry.position.filter(|_| moved.id == entry.id);
        next.stretches.push(Prescribed { position, ..moved });
        changes.push(Change { name: stretch.name.clone(), step });
    }
    Ok((next, changes))
}

/// The dose one step up within the stretch's ranges, or `None` at the top.
fn step_up(stretch: &Stretch, dose: &Dose) -> Option<(Prescribed, Step)> {
    let reps = stretch.dose.reps;
    let (dose, step) = match (stretch.dose.effort(), dose.hold_s) {
        (Effort::Hold(own), Some(hold)) if hold < own.max => {
            let to = ((hold / 5 + 1) * 5).min(own.max);
            (Dose { hold_s: Some(to), rep_s: to, ..*dose }, Step::Hold { from: hold, to })
        }
        (Effort::Hold(_), _) if dose.reps < reps.max => {
            let to = dose.reps + 1;
            (dose.with_reps(to), Step::Reps { from: dose.reps, to })
        }
        (Effort::Moves { .. }, _) if dose.reps < reps.max => {
            let to = (dose.reps + (reps.max - reps.min).div_ceil(3).max(1)).min(reps.max);
            (dose.with_reps(to), Step::Reps { from: dose.reps, to })
        }
        _ => return None,
    };
    Some((concrete(&stretch.id, &dose), step))
}

/// A saved stretch with every part of its dose written out.
pub fn concrete(id: &str, dose: &Dose) -> Prescribed {
    Prescribed {
        id: id.to_string(),
        hold_s: dose.hold_s,
        reps: Some(dose.reps),
        sides: Some(dose.sides),
        position: None,
    }
}

/// The label of the "what changed" line: "What changed since 21 November
/// 2026".
pub fn changed_since(date: NaiveDate) -> String {
    format!("What changed since {}", date.format("%-d %B %Y"))
}

/// Every change in one line: "Cat-cow 10 times (was 8); Child's pose held
/// 35 s (was 30 s)".
pub fn changes_words(changes: &[Change]) -> String {
    let parts: Vec<String> = changes
        .iter()
        .map(|c| match &c.step {
            Step::Hold { from, to } => format!("{} held {to} s (was {from} s)", c.name),
            Step::Reps { from, to } => format!("{} {to} times (was {from})", c.name),
            Step::Harder { to } => format!("{to} in place of {}, one step harder", c.name),
            Step::Top => format!("{} unchanged (at the top of its range)", c.name),
        })
        .collect();
    parts.join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::prescription::Sheet;

    fn saved(stretches: Vec<Prescribed>) -> Prescription {
        Prescription {
            patient: Some("Ann Lee".into()),
            clinician: None,
            date: "2026-11-21".parse().unwrap(),
            follow_up: Some("2026-12-05".parse().unwrap()),
            per_day: Some(1),
            per_week: None,
            notes: None,
            older: false,
            limits: Limits::default(),
            sheet: Sheet::default(),
            stretches,
        }
    }

    fn entry(id: &str, hold_s: Option<u32>, reps: Option<u32>) -> Prescribed {
        Prescribed { id: id.into(), hold_s, reps, sides: None, position: None }
    }

    #[test]
    fn holds_lengthen_then_repeat_and_moves_repeat_more() {
        let library = crate::content::built_in().unwrap();
        let pose = library.stretch("childs-pose").unwrap();
        let hold = pose.dose.hold_s.unwrap();
        let cat = library.stretch("cat-cow").unwrap().dose.reps;
        let old = saved(vec![
            entry("childs-pose", Some(hold.min), Some(pose.dose.reps.min)),
            entry("childs-pose", Some(hold.max), Some(pose.dose.reps.min)),
            entry("cat-cow", None, Some(cat.min)),
            entry("cat-cow", None, Some(cat.max)),
        ]);
        let date = "2026-12-05".parse().unwrap();
        let (next, changes) = progress(&old, &library, date, None).unwrap();
        assert_eq!(next.date, date);
        assert_eq!(next.follow_up, Some("2026-12-19".parse().unwrap()), "the same two weeks on");
        let steps: Vec<&Step> = changes.iter().map(|c| &c.step).collect();
        assert!(
            matches!(steps[0], Step::Hold { from, to } if *from == hold.min && *to > *from && *to <= hold.max)
        );
        assert_eq!(*steps[1], Step::Reps { from: pose.dose.reps.min, to: pose.dose.reps.min + 1 });
        assert!(matches!(steps[2], Step::Reps { to, .. } if *to > cat.min && *to <= cat.max));
        assert_eq!(*steps[3], Step::Top);
        assert_eq!(
            next.stretches[3],
            Prescribed {
                id: "cat-cow".into(),
                hold_s: None,
                reps: Some(cat.max),
                sides: Some(1),
                position: None
            }
        );
        let words = changes_words(&changes);
        assert!(words.contains("Cat-cow unchanged (at the top of its range)"), "{words}");
        assert_eq!(changed_since(old.date), "What changed since 21 November 2026");
    }

    #[test]
    fn a_stretch_at_the_top_gives_way_to_its_harder_version() {
        let library = crate::content::built_in().unwrap();
        let pose = library.stretch("childs-pose").unwrap();
        let harder = library.stretch(pose.harder.as_deref().unwrap()).unwrap();
        let top = entry("childs-pose", pose.dose.hold_s.map(|h| h.max), Some(pose.dose.reps.max));
        let (next, changes) =
            progress(&saved(vec![top]), &library, "2026-12-05".parse().unwrap(), None).unwrap();
        assert_eq!(next.stretches[0].id, harder.id);
        assert_eq!(changes[0].step, Step::Harder { to: harder.name.clone() });
        let words = changes_words(&changes);
        assert!(
            words.contains(&format!("{} in place of Child’s pose, one step harder", harder.name)),
            "{words}"
        );
    }

    #[test]
    fn a_harder_version_the_limits_rule_out_is_not_taken() {
        let library = crate::content::built_in().unwrap();
        // Every stretch at the top whose harder version some condition rules out.
        let mut tried = 0;
        for stretch in library.stretches() {
            let Some(other) = stretch.harder.as_deref().and_then(|id| library.stretch(id)) else { continue };
            let ruled_out: Vec<_> = other.avoid_if.iter().filter(|c| !stretch.avoid_if.contains(c)).collect();
            let Some(condition) = ruled_out.first() else { continue };
            tried += 1;
            let top = entry(&stretch.id, stretch.dose.hold_s.map(|h| h.max), Some(stretch.dose.reps.max));
            let mut old = saved(vec![top]);
            old.limits.avoid.insert(**condition);
            let (next, changes) = progress(&old, &library, old.date, None).unwrap();
            assert_eq!(next.stretches[0].id, stretch.id, "{} kept under {condition}", stretch.id);
            assert_eq!(changes[0].step, Step::Top);
            // Without the limit it does move on.
            old.limits = Limits::default();
            let (next, _) = progress(&old, &library, old.date, None).unwrap();
            assert_eq!(next.stretches[0].id, other.id);
        }
        assert!(tried > 0, "the built-in library has a harder version some condition rules out");
    }

    #[test]
    fn every_dose_stays_within_the_stretch_ranges() {
        let library = crate::content::built_in().unwrap();
        for start in library.stretches() {
            let mut current = saved(vec![entry(&start.id, None, None)]);
            for _ in 0..40 {
                current = progress(&current, &library, current.date, None).unwrap().0;
            }
            // The end of the chain of harder versions, at the top of its ranges.
            let mut stretch = start;
            while let Some(next) = stretch.harder.as_deref() {
                stretch = library.stretch(next).unwrap();
            }
            assert_eq!(current.stretches[0].id, stretch.id, "from {}", start.id);
            let dose = super::super::prescribe(stretch, &choice(&current.stretches[0]), false).unwrap();
            assert!(stretch.dose.reps.contains(dose.reps), "{}: {dose:?}", stretch.id);
            if let Effort::Hold(own) = stretch.dose.effort() {
                assert_eq!(dose.hold_s, Some(own.max), "{}", stretch.id);
            }
        }
    }
}
