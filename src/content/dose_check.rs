//! Dose sanity warnings for `check`: doses the format allows but a
//! physiotherapist would question. A hold over a minute, or one stretch
//! whose top dose takes more than five minutes of a session, is a warning
//! (the folder still passes).

use super::model::Stretch;
use super::validate::FieldProblem;
use crate::error::Fault;

/// The longest hold that draws no warning, in seconds.
pub const MOST_HOLD_S: u32 = 60;
/// The longest one stretch may take in a session without a warning.
pub const MOST_STRETCH_S: u32 = 300;

/// The warnings for `stretch`'s dose, each with its field.
pub fn dose_warnings(stretch: &Stretch) -> Vec<FieldProblem> {
    let dose = &stretch.dose;
    let mut found = Vec::new();
    if let Some(hold) = dose.hold_s.filter(|h| h.max > MOST_HOLD_S) {
        found.push(FieldProblem::new("dose.hold_s", Fault::LongHold { hold_s: hold.max }));
    }
    let seconds = top_dose_s(stretch);
    if seconds > MOST_STRETCH_S {
        found.push(FieldProblem::new("dose", Fault::LongStretch { seconds }));
    }
    found
}

/// Seconds of work and rest at the top of the dose: the most repetitions
/// at the longest hold (or a move's time a repetition), with the rests
/// between them, on every side.
fn top_dose_s(stretch: &Stretch) -> u32 {
    let dose = &stretch.dose;
    let rep_s = dose.hold_s.map_or(dose.rep_s.unwrap_or(0), |h| h.max);
    let reps = dose.reps.max;
    (reps * rep_s + reps.saturating_sub(1) * dose.rest_s) * dose.sides.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Range;

    fn stretch(id: &str) -> Stretch {
        crate::content::built_in().unwrap().stretch(id).unwrap().clone()
    }

    #[test]
    fn built_in_doses_draw_no_warning() {
        for s in crate::content::built_in().unwrap().stretches() {
            assert!(dose_warnings(s).is_empty(), "{}: {:?}", s.id, dose_warnings(s));
        }
    }

    #[test]
    fn long_holds_and_long_stretches_are_warnings() {
        let mut s = stretch("wall-chest-stretch");
        s.dose.hold_s = Some(Range::new(30, 90));
        let found = dose_warnings(&s);
        let fields: Vec<&str> = found.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, ["dose.hold_s", "dose"], "{found:?}");
        assert!(found[0].fault.to_string().starts_with("warning: a hold of 90 s is over a minute"));
        let mut s = stretch("cat-cow");
        s.dose.reps = Range::new(10, 60);
        let found = dose_warnings(&s);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].fault.to_string().contains("over 5 minutes"), "{}", found[0].fault);
        // At the limits exactly: no warning.
        let mut s = stretch("wall-chest-stretch");
        s.dose.hold_s = Some(Range::new(30, 60));
        s.dose.reps = Range::new(2, 2);
        s.dose.rest_s = 0;
        assert!(dose_warnings(&s).is_empty(), "{:?}", dose_warnings(&s));
    }
}
