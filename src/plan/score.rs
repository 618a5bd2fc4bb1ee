//! How much a stretch and a dose are worth to a request, as whole numbers
//! the selection adds up (whole numbers keep the search exact and
//! deterministic).
//!
//! - A stretch is worth [`BASE`] plus [`GOAL`] times the share of the
//!   requested goals it serves (no goals requested: every goal counts), plus
//!   a small seeded jitter that breaks ties between near-equal stretches, so
//!   `--seed` varies the plan without changing what matters.
//! - A dose is worth [`PER_WORK_S`] a second of work, minus a penalty for
//!   each second it falls short of the week's target dose ([`SHORT_PER_S`],
//!   steep: about a minute per stretch is the point) or goes beyond it
//!   ([`LONG_PER_S`], mild: it only fills time).
//! - One gentle move to start ([`WARM_UP`]), one chest opener to balance
//!   upper-back work ([`CHEST_OPENER`]) and one extension move
//!   ([`EXTENSION`]) get a bonus.
//! - Each level change costs [`LEVEL_CHANGE`] besides its seconds.
//! - A stretch too like another one in the session (a [`twin`]: the same
//!   movement at the same level, such as seated trunk rotation and seated
//!   thoracic rotation, two chest openers or two neck stretches; never a
//!   rest and a move) loses [`TWIN`], so a session keeps both only when it
//!   needs both to fill its time.

use crate::content::{Area, Effort, Intensity, Movement, Position, Stretch};

use super::Prescription;

/// Value of a stretch serving every requested goal.
pub(crate) const GOAL: i64 = 1000;
/// Value of any stretch: every one works the upper back somehow.
pub(crate) const BASE: i64 = 200;
/// Seeded tie-breaker, below this.
pub(crate) const JITTER: u64 = 60;
/// Bonus for the gentle move that opens a session.
pub(crate) const WARM_UP: i64 = 1500;
/// Bonus for the chest opener that balances upper-back work: more than two
/// goal-serving stretches are worth, so a session keeps one whenever it can.
pub(crate) const CHEST_OPENER: i64 = 3000;
/// Bonus for the extension move that straightens the upper back (the
/// opposite of rounding forward at a desk), kept as surely.
pub(crate) const EXTENSION: i64 = 3000;
/// Extra value of a seated stretch for an older or unsteady user: more
/// than the seed's tie-breaker, less than a goal.
pub(crate) const SEATED: i64 = 300;
/// Value taken off a stretch too like another in the session.
pub(crate) const TWIN: i64 = 1300;
/// Value lost per level change (getting up and down is effort).
pub(crate) const LEVEL_CHANGE: i64 = 100;
/// Value of a second of work.
pub(crate) const PER_WORK_S: i64 = 1;
/// Penalty per second a dose falls short of its target.
pub(crate) const SHORT_PER_S: i64 = 8;
/// Penalty per second a dose goes beyond its target.
pub(crate) const LONG_PER_S: i64 = 2;

/// The requested goals a stretch serves, in request order.
pub(crate) fn served<'g>(stretch: &Stretch, goals: &'g [String]) -> Vec<&'g str> {
    goals.iter().filter(|g| stretch.serves(g)).map(String::as_str).collect()
}

/// What a stretch is worth to `goals` (the goals that count), with the
/// seed's tie-breaker.
pub(crate) fn stretch_value(stretch: &Stretch, goals: &[String], seed: u64) -> i64 {
    let share =
        if goals.is_empty() { 0 } else { GOAL * served(stretch, goals).len() as i64 / goals.len() as i64 };
    BASE + share + jitter(seed, &stretch.id)
}

/// What a dose is worth against the week's target dose.
pub(crate) fn dose_value(dose: &Prescription, target: &Prescription) -> i64 {
    let (work, aim) = (i64::from(dose.seconds()), i64::from(target.seconds()));
    let off = if work < aim { (aim - work) * SHORT_PER_S } else { (work - aim) * LONG_PER_S };
    work * PER_WORK_S - off
}

/// A number in `0..JITTER` from the seed and the stretch id: the same for
/// the same inputs on every machine.
pub(crate) fn jitter(seed: u64, id: &str) -> i64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ seed.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    for byte in id.bytes() {
        h ^= u64::from(byte);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    // splitmix64 finaliser: spreads nearby seeds apart.
    h ^= h >> 30;
    h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h ^= h >> 27;
    h = h.wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^= h >> 31;
    (h % JITTER) as i64
}

/// Whether two stretches do much the same: they share a movement (two
/// twists, two extension moves, …) at the same level, or both open the
/// chest (wherever they are done). Stretches with no movement tag in
/// common are never twins: a squeeze of the shoulder blades and a
/// butterfly, or a twist and a rest, do different things.
pub(crate) fn twin(a: &Stretch, b: &Stretch) -> bool {
    if a.id == b.id || rests(a) != rests(b) {
        return false;
    }
    if opens_chest(a) && opens_chest(b) || stretches_neck(a) && stretches_neck(b) {
        return true;
    }
    let shared = a.movement.iter().any(|m| *m != Movement::ChestOpener && b.movement.contains(m));
    shared && a.position().level() == b.position().level()
}

/// Whether a stretch makes a good first move: gentle.
pub(crate) fn is_gentle(stretch: &Stretch) -> bool {
    stretch.intensity == Intensity::Gentle
}

/// Whether a stretch opens the chest: tagged `chest-opener`, or (for a
/// stretch with no movement tags, as a clinic's may be) working the chest.
pub(crate) fn opens_chest(stretch: &Stretch) -> bool {
    stretch.does(Movement::ChestOpener)
        || (stretch.movement.is_empty() && stretch.areas.contains(&Area::Chest))
}

/// Whether a stretch bends the upper back backwards (extension).
pub(crate) fn extends(stretch: &Stretch) -> bool {
    stretch.does(Movement::Extension)
}

/// Whether a stretch twists the spine.
pub(crate) fn twists(stretch: &Stretch) -> bool {
    stretch.does(Movement::Rotation)
}

/// Whether a stretch is a held stretch of the neck (its first area): the
/// neck takes little stretching, so a session holds one at most where it
/// can, never as a filler, and never again in a further round.
pub(crate) fn stretches_neck(stretch: &Stretch) -> bool {
    stretch.areas.first() == Some(&Area::Neck) && matches!(stretch.dose.effort(), Effort::Hold(_))
}

/// Whether a stretch is a resting position (child's pose).
pub(crate) fn rests(stretch: &Stretch) -> bool {
    stretch.does(Movement::Rest)
}

/// Whether a stretch works the upper back (and is not itself a chest
/// opener).
pub(crate) fn works_upper_back(stretch: &Stretch) -> bool {
    stretch.areas.contains(&Area::UpperBack) && !opens_chest(stretch)
}

/// The best warm-up among `stretches` (with their values, for `goals`): a
/// gentle move (not a hold), upright before floor, one that does not twist
/// (shoulder rolls before a trunk rotation), serving the most goals,
/// then the one that moves the most areas (shoulder rolls: shoulders, neck
/// and upper back), then the most valuable; a gentle hold when there is no
/// gentle move.
pub(crate) fn warm_up(stretches: &[&Stretch], values: &[i64], goals: &[String]) -> Option<usize> {
    best_by(stretches, values, is_gentle, |s| {
        let moves = matches!(s.dose.effort(), Effort::Moves { .. });
        (moves, !s.position().is_floor(), !twists(s), served(s, goals).len(), s.areas.len())
    })
}

/// The best extension move among `stretches`: one that leaves room
/// (`roomy`), upright (no getting down to the floor for it), seated when
/// `seated_first` (an older or unsteady user), then the most valuable.
pub(crate) fn extension(
    stretches: &[&Stretch],
    values: &[i64],
    room: impl Fn(usize) -> Room,
    seated_first: bool,
) -> Option<usize> {
    special(stretches, values, extends, room, seated_first)
}

/// The best chest opener among `stretches`: one that leaves room
/// (`roomy`), upright, seated when `seated_first`, then the most valuable.
pub(crate) fn chest_opener(
    stretches: &[&Stretch],
    values: &[i64],
    room: impl Fn(usize) -> Room,
    seated_first: bool,
) -> Option<usize> {
    special(stretches, values, opens_chest, room, seated_first)
}

/// How much of a session a stretch takes at its shortest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Room {
    /// More than leaves room for the rest: the seconds it takes.
    Tight(std::cmp::Reverse<u32>),
    /// Little enough to leave room for the rest.
    Roomy,
}

/// The best of `stretches` that pass `keep`: one that leaves room in the
/// session first (else the shortest), then upright, then seated when
/// `seated_first`, then not lying, then the most valuable.
fn special(
    stretches: &[&Stretch],
    values: &[i64],
    keep: fn(&Stretch) -> bool,
    room: impl Fn(usize) -> Room,
    seated_first: bool,
) -> Option<usize> {
    (0..stretches.len()).filter(|&i| keep(stretches[i])).max_by_key(|&i| {
        let p = stretches[i].position();
        let seated = seated_first && p == Position::Seated;
        (room(i), !p.is_floor(), seated, p != Position::Lying, values[i], std::cmp::Reverse(i))
    })
}

fn best_by(
    stretches: &[&Stretch],
    values: &[i64],
    keep: impl Fn(&Stretch) -> bool,
    rank: impl Fn(&Stretch) -> (bool, bool, bool, usize, usize),
) -> Option<usize> {
    (0..stretches.len())
        .filter(|&i| keep(stretches[i]))
        .max_by_key(|&i| (rank(stretches[i]), values[i], std::cmp::Reverse(i)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Range;

    #[test]
    fn goals_dominate_and_jitter_only_breaks_ties() {
        let library = crate::content::built_in().unwrap();
        let goals = vec!["posture".to_string()];
        let squeeze = library.stretch("shoulder-blade-squeeze").unwrap();
        let shrugs = library.stretch("shoulder-shrugs").unwrap();
        for seed in 0..50 {
            assert!(stretch_value(squeeze, &goals, seed) > stretch_value(shrugs, &goals, seed));
        }
        let jitters: std::collections::BTreeSet<i64> = (0..50).map(|seed| jitter(seed, "cat-cow")).collect();
        assert!(jitters.len() > 10 && jitters.iter().all(|j| (0..JITTER as i64).contains(j)));
        assert_eq!(jitter(7, "cat-cow"), jitter(7, "cat-cow"));
    }

    #[test]
    fn twins_do_much_the_same() {
        let library = crate::content::built_in().unwrap();
        let s = |id: &str| library.stretch(id).unwrap();
        assert!(twin(s("seated-trunk-rotation"), s("seated-thoracic-rotation")));
        assert!(twin(s("wall-chest-stretch"), s("seated-chest-opener")));
        assert!(!twin(s("butterfly"), s("shoulder-blade-squeeze")));
        assert!(!twin(s("chair-back-extension"), s("seated-trunk-rotation")));
        assert!(!twin(s("thread-the-needle"), s("childs-pose")));
        assert!(!twin(s("cat-cow"), s("quadruped-thoracic-rotation")));
        assert!(!twin(s("cat-cow"), s("cat-cow")));
    }

    #[test]
    fn short_doses_cost_more_than_long_ones() {
        let dose = crate::content::Dose {
            each: Default::default(),
            hold_s: Some(Range::new(20, 30)),
            rep_s: None,
            reps: Range::new(2, 4),
            sides: 1,
            rest_s: 0,
        };
        let target = Prescription::standard(&dose, false);
        assert_eq!(target.reps, 3);
        let at = |reps| dose_value(&target.with_reps(reps), &target);
        assert_eq!(at(3), 60);
        assert!(at(2) < at(4) && at(4) < at(3));
    }

    #[test]
    fn warm_up_is_a_gentle_upright_move_and_chest_opener_opens_the_chest() {
        let library = crate::content::built_in().unwrap();
        let all: Vec<&Stretch> = library.stretches().iter().collect();
        let values = vec![0; all.len()];
        let w = all[warm_up(&all, &values, &[]).unwrap()];
        assert!(is_gentle(w) && !w.position().is_floor() && w.dose.hold_s.is_none(), "{}", w.id);
        let posture = ["posture".to_string()];
        let w = all[warm_up(&all, &values, &posture).unwrap()];
        assert!(is_gentle(w) && w.serves("posture") && w.dose.hold_s.is_none(), "{}", w.id);
        let c = all[chest_opener(&all, &values, |_| Room::Roomy, false).unwrap()];
        assert!(opens_chest(c) && !c.position().is_floor(), "{}", c.id);
    }
}
