//! Doses a clinician prescribes for named stretches (`--stretch
//! ID:hold=30,reps=3,sides=2`), checked against what the stretch is.

use super::request::Choice;
use super::timing::Prescription;
use crate::content::{Effort, Stretch};
use crate::error::{Error, Result};

/// The dose for `stretch` as `choice` prescribes it; unset parts come from
/// the standard dose.
pub fn prescribe(stretch: &Stretch, choice: &Choice, older: bool) -> Result<Prescription> {
    let what = || format!("--stretch {}", choice_text(choice));
    let mut dose = Prescription::standard(&stretch.dose, older);
    if let Some(hold) = choice.hold_s {
        if let Effort::Moves { .. } = stretch.dose.effort() {
            return Err(Error::invalid(
                what(),
                format!("hold={hold}"),
                format!("{} is a repeated move, not a hold; prescribe reps instead", stretch.id),
            ));
        }
        dose.hold_s = Some(hold);
        dose.rep_s = hold;
    }
    if let Some(reps) = choice.reps {
        dose.reps = reps;
    }
    if let Some(sides) = choice.sides {
        if sides == 2 && stretch.dose.sides == 1 {
            return Err(Error::invalid(
                what(),
                "sides=2",
                format!("{} works both sides at once; leave sides out or use sides=1", stretch.id),
            ));
        }
        dose.sides = sides;
    }
    Ok(dose)
}

fn choice_text(choice: &Choice) -> String {
    let mut parts = Vec::new();
    if let Some(h) = choice.hold_s {
        parts.push(format!("hold={h}"));
    }
    if let Some(r) = choice.reps {
        parts.push(format!("reps={r}"));
    }
    if let Some(s) = choice.sides {
        parts.push(format!("sides={s}"));
    }
    if parts.is_empty() { choice.id.clone() } else { format!("{}:{}", choice.id, parts.join(",")) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::load;

    #[test]
    fn overrides_apply_and_misfits_are_refused() {
        let library = load(None).unwrap();
        let hold = library.stretch("childs-pose").unwrap();
        let choice: Choice = "childs-pose:hold=45,reps=2".parse().unwrap();
        let dose = prescribe(hold, &choice, false).unwrap();
        assert_eq!((dose.hold_s, dose.reps), (Some(45), 2));

        let moves = library.stretch("cat-cow").unwrap();
        let err = prescribe(moves, &"cat-cow:hold=30".parse().unwrap(), false).unwrap_err();
        assert!(err.to_string().contains("is a repeated move"), "{err}");
        let err = prescribe(moves, &"cat-cow:sides=2".parse().unwrap(), false).unwrap_err();
        assert!(
            err.to_string().starts_with("--stretch cat-cow:sides=2: \"sides=2\" is not allowed"),
            "{err}"
        );
    }
}
