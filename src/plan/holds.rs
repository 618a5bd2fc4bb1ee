//! Which hold rule a stretch is dosed by: adults' 10–30 s, or for older
//! adults ACSM's longer 30–60 s holds. Longer holds suit the large-muscle
//! static stretches (chest, sides, child's pose); a neck stretch or a hold
//! with both arms overhead stays within the stretch's own hold range (30 s
//! where the range reaches it, else its top), since long neck side-bends
//! and arms held up strain the neck, the shoulders and the blood pressure;
//! so does a hold the content keeps under 30 s (one spot on a foam roller).

use crate::content::{Area, Joint, Kind, Side, Stretch};

/// A shoulder raised at least this far (degrees from the side of the
/// trunk, in the figure's pose) holds the arm overhead.
const OVERHEAD_SHOULDER_DEG: f32 = 160.0;

/// The rule a stretch's holds follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holds {
    /// Adults: the stretch's own range inside 10–30 s.
    Adult,
    /// Older adults, large-muscle stretches: 30 s toward 60 s, one or two
    /// holds (about a minute in all).
    Older,
    /// Older adults, neck and arms-overhead stretches: the stretch's own
    /// range, from 30 s where it reaches that (else its top).
    OlderWithinOwn,
}

impl From<bool> for Holds {
    /// `older` for a stretch the caller knows nothing else about.
    fn from(older: bool) -> Self {
        if older { Holds::Older } else { Holds::Adult }
    }
}

impl Holds {
    /// The rule for `stretch` in a plan for older adults (`older`) or not.
    pub fn of(stretch: &Stretch, older: bool) -> Self {
        match older {
            false => Holds::Adult,
            true if keeps_own_holds(stretch) => Holds::OlderWithinOwn,
            true => Holds::Older,
        }
    }
}

/// Whether a stretch keeps its own hold range for older adults: it works
/// the neck, holds both arms overhead, or its own holds stop short of 30 s
/// (a hold that is a step of a moving exercise, such as one spot on a foam
/// roller, not a long static stretch).
pub fn keeps_own_holds(stretch: &Stretch) -> bool {
    let short = stretch.dose.hold_s.is_some_and(|h| h.max < super::timing::HOLD_OLDER.min);
    stretch.areas.contains(&Area::Neck) || arms_overhead(stretch) || short
}

/// Whether a stretch done upright holds both arms overhead, as its figure
/// shows it (a stretch with no pose is taken not to).
pub fn arms_overhead(stretch: &Stretch) -> bool {
    if stretch.position().is_floor() {
        return false;
    }
    let Some(pose) = stretch.figure.as_ref().and_then(|f| f.pose.as_ref()) else { return false };
    let raised = |side: Side| pose.angle(Joint::limb(side, Kind::Shoulder)).abs() >= OVERHEAD_SHOULDER_DEG;
    let pairs = [(Side::Near, Side::Far), (Side::Left, Side::Right)];
    pairs.iter().any(|&(a, b)| raised(a) && raised(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neck_and_arms_overhead_stretches_keep_their_own_holds() {
        let library = crate::content::built_in().unwrap();
        let mut kept: Vec<&str> =
            library.stretches().iter().filter(|s| keeps_own_holds(s)).map(|s| s.id.as_str()).collect();
        kept.sort_unstable();
        let own =
            ["levator-scapulae-stretch", "overhead-reach", "overhead-side-lean", "upper-trapezius-stretch"];
        for id in own.into_iter().chain(["foam-roller-thoracic-extension"]) {
            assert!(kept.contains(&id), "{id} should keep its own holds: {kept:?}");
        }
        for id in ["wall-chest-stretch", "childs-pose", "standing-side-stretch", "towel-thoracic-extension"] {
            assert!(!kept.contains(&id), "{id} is a large-muscle stretch: {kept:?}");
        }
        let overhead: Vec<&str> =
            library.stretches().iter().filter(|s| arms_overhead(s)).map(|s| s.id.as_str()).collect();
        assert_eq!(overhead, ["overhead-reach", "overhead-side-lean"]);
    }

    #[test]
    fn the_rule_depends_on_older_and_the_stretch() {
        let library = crate::content::built_in().unwrap();
        let neck = library.stretch("upper-trapezius-stretch").unwrap();
        let chest = library.stretch("wall-chest-stretch").unwrap();
        assert_eq!(Holds::of(neck, false), Holds::Adult);
        assert_eq!(Holds::of(neck, true), Holds::OlderWithinOwn);
        assert_eq!(Holds::of(chest, true), Holds::Older);
        assert_eq!(Holds::from(true), Holds::Older);
    }
}
