//! Doses in words, as sheets and text output print them.

use crate::content::{Dose, Each, Effort};

use super::Prescription;

/// A dose's ranges in words: "hold 20–30 s, 2–3 times, each side".
pub fn describe_dose(dose: &Dose) -> String {
    let mut out = match dose.effort() {
        Effort::Hold(hold) => format!("hold {hold} s, {} times", dose.reps),
        Effort::Moves { rep_s } => format!("{} slow repetitions of about {rep_s} s", dose.reps),
    };
    if dose.each_side() {
        out.push_str(each(dose.each));
    }
    if dose.rest_s > 0 {
        out.push_str(&format!(", rest {} s between", dose.rest_s));
    }
    out
}

/// A chosen dose in words: "Hold 20 s × 3, each side" or "10 times, each
/// side".
pub fn describe(p: &Prescription) -> String {
    let mut out = match (p.hold_s, p.reps) {
        (Some(hold), 1) => format!("Hold {hold} s"),
        (Some(hold), reps) => format!("Hold {hold} s × {reps}"),
        (None, 1) => "Once".to_string(),
        (None, reps) => format!("{reps} times"),
    };
    if p.sides >= 2 {
        out.push_str(each(p.each));
    }
    out
}

fn each(each: Each) -> &'static str {
    match each {
        Each::Side => ", each side",
        Each::Direction => ", each direction",
    }
}

/// Seconds as whole minutes, rounded up: "1 minute", "6 minutes".
pub fn minutes(seconds: u32) -> String {
    let n = seconds.div_ceil(60).max(1);
    if n == 1 { "1 minute".into() } else { format!("{n} minutes") }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Range;

    #[test]
    fn doses_read_plainly() {
        let dose = Dose {
            each: Default::default(),
            hold_s: Some(Range::new(20, 30)),
            rep_s: None,
            reps: Range::new(2, 3),
            sides: 2,
            rest_s: 10,
        };
        assert_eq!(describe_dose(&dose), "hold 20–30 s, 2–3 times, each side, rest 10 s between");
        let p = Prescription::standard(&dose, false);
        assert_eq!(describe(&p), "Hold 20 s × 3, each side");
        let moves = Dose {
            each: Default::default(),
            hold_s: None,
            rep_s: Some(4),
            reps: Range::new(10, 10),
            sides: 1,
            rest_s: 0,
        };
        assert_eq!(describe_dose(&moves), "10 slow repetitions of about 4 s");
        assert_eq!(describe(&Prescription::standard(&moves, false)), "10 times");
        assert_eq!(describe(&p.with_reps(1)), "Hold 20 s, each side");
        assert_eq!(
            (minutes(30), minutes(60), minutes(61)),
            ("1 minute".into(), "1 minute".into(), "2 minutes".into())
        );
    }
}
