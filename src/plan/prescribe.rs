//! Doses a clinician prescribes for named stretches (`--stretch
//! ID:hold=30,reps=3,sides=2`), checked against what the stretch is.

use super::request::Choice;
use super::timing::Prescription;
use crate::content::{Effort, Stretch};
use crate::error::{Error, Fault, Field, Result};

/// The dose for `stretch` as `choice` prescribes it; unset parts come from
/// the standard dose.
pub fn prescribe(stretch: &Stretch, choice: &Choice, older: bool) -> Result<Prescription> {
    let fail = |fault| Err(Error::field(Field::Stretch, fault));
    let mut dose = Prescription::standard(&stretch.dose, super::timing::Holds::of(stretch, older));
    if let Some(hold) = choice.hold_s {
        if let Effort::Moves { .. } = stretch.dose.effort() {
            return fail(Fault::HoldForAMove { id: stretch.id.clone(), hold });
        }
        dose.hold_s = Some(hold);
        dose.rep_s = hold;
    }
    if let Some(reps) = choice.reps {
        dose.reps = reps;
    }
    if let Some(sides) = choice.sides {
        if sides == 2 && stretch.dose.sides == 1 {
            return fail(Fault::BothSidesAtOnce { id: stretch.id.clone() });
        }
        dose.sides = sides;
    }
    Ok(dose)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overrides_apply_and_misfits_are_refused() {
        let library = crate::content::built_in().unwrap();
        let hold = library.stretch("childs-pose").unwrap();
        let choice: Choice = "childs-pose:hold=45,reps=2".parse().unwrap();
        let dose = prescribe(hold, &choice, false).unwrap();
        assert_eq!((dose.hold_s, dose.reps), (Some(45), 2));

        let moves = library.stretch("cat-cow").unwrap();
        let err = prescribe(moves, &"cat-cow:hold=30".parse().unwrap(), false).unwrap_err();
        assert!(err.to_string().contains("is a repeated move"), "{err}");
        let err = prescribe(moves, &"cat-cow:sides=2".parse().unwrap(), false).unwrap_err();
        assert_eq!(
            err.to_string(),
            "stretches: cat-cow:sides=2: cat-cow works both sides at once; leave sides out or use sides=1"
        );
    }
}
