//! Which stretches a request allows. A stretch is out when it needs
//! equipment the user lacks, is not seated under `--seated-only`, is on the
//! floor under `--no-floor` (or `--avoid no-floor`, `--avoid
//! balance-problems`, `--older` without `--floor`, or `--goal
//! gentle-start`), is more than gentle under `--goal gentle-start`, or is
//! marked to avoid with a condition the user has (`--avoid`). Each stretch left out keeps
//! every constraint that removed it, for `--explain` and for the one-line
//! error when nothing is left. A stretch done in more than one position is
//! allowed when any of them is, and is placed in the first allowed one
//! ([`placed`]).

use std::borrow::Cow;
use std::fmt;

use crate::content::{Condition, Equipment, Intensity, Library, Movement, Position, Stretch};
use crate::error::{Error, Fault, Field, Removed};

use super::Request;

/// Why a request keeps off the floor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OffFloor {
    /// `--no-floor`.
    NoFloor,
    /// `--avoid no-floor`.
    AvoidNoFloor,
    /// `--avoid balance-problems`: getting down and up is where an
    /// unsteady person falls.
    Balance,
    /// `--older` without `--floor`.
    Older,
    /// `--goal gentle-start`: for days when the back feels delicate.
    GentleStart,
}

impl OffFloor {
    /// Why `request` keeps off the floor, if it does; `--no-floor` first.
    pub fn of(request: &Request) -> Option<Self> {
        if request.no_floor {
            Some(OffFloor::NoFloor)
        } else if request.avoid.contains(&Condition::NoFloor) {
            Some(OffFloor::AvoidNoFloor)
        } else if request.avoid.contains(&Condition::BalanceProblems) {
            Some(OffFloor::Balance)
        } else if request.older && !request.floor {
            Some(OffFloor::Older)
        } else if request.gentle_start() {
            Some(OffFloor::GentleStart)
        } else {
            None
        }
    }
}

/// A constraint of the request that rules a stretch out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Exclusion {
    /// The stretch needs equipment the user does not have.
    Equipment { missing: Vec<Equipment>, have: Vec<Equipment> },
    /// `--seated-only` and the stretch is done in another position.
    NotSeated(Position),
    /// The stretch is on the floor (or marked no-floor) and the request
    /// keeps off the floor, for the reason `by`.
    Floor { position: Position, by: OffFloor },
    /// `--goal gentle-start` and the stretch is more than gentle.
    NotGentle(Intensity),
    /// The stretch is to be avoided with a condition the user has.
    Avoid(Condition),
    /// With osteoporosis: the stretch rounds the spine forward under load
    /// (flexion) or twists it more than gently.
    Osteoporosis { rounds_forward: bool },
    /// With osteoporosis one gentle twist a session is enough, and this
    /// session has another.
    OneTwist { kept: String },
    /// `--older`: the stretch is to be avoided with balance problems
    /// (standing with an arm overhead, say), and a fall costs an older
    /// adult most.
    Unsteady,
}

impl Exclusion {
    /// The setting that caused it and its detail, for counts such as
    /// "avoid wrist-pain removed 4" (the caller names the setting as the
    /// user gave it: `--avoid`, an `avoid` column).
    pub fn option(&self) -> (Field, String) {
        match self {
            Exclusion::Equipment { have, .. } => (Field::Equipment, format!(" ({})", you_have(have))),
            Exclusion::NotSeated(_) => (Field::SeatedOnly, String::new()),
            Exclusion::Floor { by: OffFloor::NoFloor, .. } => (Field::NoFloor, String::new()),
            Exclusion::Floor { by: OffFloor::AvoidNoFloor, .. } => (Field::Avoid, " no-floor".into()),
            Exclusion::Floor { by: OffFloor::Balance, .. } => {
                (Field::Avoid, format!(" {}", Condition::BalanceProblems))
            }
            Exclusion::Floor { by: OffFloor::Older, .. } | Exclusion::Unsteady => {
                (Field::Older, String::new())
            }
            Exclusion::Floor { by: OffFloor::GentleStart, .. } | Exclusion::NotGentle(_) => {
                (Field::Goal, format!(" {}", super::request::GENTLE_START))
            }
            Exclusion::Avoid(condition) => (Field::Avoid, format!(" {condition}")),
            Exclusion::Osteoporosis { .. } | Exclusion::OneTwist { .. } => {
                (Field::Avoid, format!(" {}", Condition::Osteoporosis))
            }
        }
    }
}

impl Exclusion {
    /// Where its option comes in messages: position, equipment, the goal,
    /// conditions.
    fn rank(&self) -> (u8, Option<Condition>) {
        match self {
            Exclusion::NotSeated(_) => (0, None),
            Exclusion::Floor { .. } => (1, None),
            Exclusion::Equipment { .. } => (2, None),
            Exclusion::NotGentle(_) => (3, None),
            Exclusion::Avoid(condition) => (4, Some(*condition)),
            Exclusion::Osteoporosis { .. } | Exclusion::OneTwist { .. } => (4, Some(Condition::Osteoporosis)),
            Exclusion::Unsteady => (4, Some(Condition::BalanceProblems)),
        }
    }
}

fn you_have(have: &[Equipment]) -> String {
    if have.is_empty() {
        "you have: nothing".into()
    } else {
        let words: Vec<&str> = have.iter().map(|e| e.as_str()).collect();
        format!("you have: {}", words.join(", "))
    }
}

impl fmt::Display for Exclusion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Exclusion::Equipment { missing, have } => {
                let needs: Vec<String> = missing.iter().map(|e| format!("a {e}")).collect();
                write!(f, "needs {} ({})", needs.join(" and "), you_have(have))
            }
            Exclusion::NotSeated(position) => write!(f, "done {position}, not seated (--seated-only)"),
            Exclusion::Floor { by: OffFloor::NoFloor, .. } => f.write_str("on the floor (--no-floor)"),
            Exclusion::Floor { by: OffFloor::AvoidNoFloor, .. } => {
                f.write_str("on the floor (--avoid no-floor)")
            }
            Exclusion::Floor { by: OffFloor::Balance, .. } => {
                write!(f, "on the floor, which to avoid with {} (--avoid)", Condition::BalanceProblems)
            }
            Exclusion::Floor { by: OffFloor::Older, .. } => {
                f.write_str("on the floor, left out for older adults (--older; --floor allows it)")
            }
            Exclusion::Floor { by: OffFloor::GentleStart, .. } => {
                f.write_str("on the floor, not for a gentle start (--goal gentle-start)")
            }
            Exclusion::NotGentle(intensity) => {
                write!(f, "{intensity}, not gentle (--goal gentle-start)")
            }
            Exclusion::Avoid(condition) => write!(f, "avoid with {condition} (--avoid)"),
            Exclusion::Osteoporosis { rounds_forward: true } => {
                f.write_str("rounds the back forward, which to avoid with osteoporosis (--avoid)")
            }
            Exclusion::Osteoporosis { rounds_forward: false } => {
                f.write_str("twists more than gently, which to avoid with osteoporosis (--avoid)")
            }
            Exclusion::OneTwist { kept } => {
                write!(f, "one gentle twist a session is enough with osteoporosis ({kept} is in) (--avoid)")
            }
            Exclusion::Unsteady => {
                write!(f, "to avoid with {}, left out for older adults (--older)", Condition::BalanceProblems)
            }
        }
    }
}

/// Every constraint of `request` that rules `stretch` out, position first,
/// then equipment, then conditions; empty when the stretch is allowed.
pub fn exclusions(stretch: &Stretch, request: &Request) -> Vec<Exclusion> {
    let mut found = Vec::new();
    if request.seated_only && !stretch.can_be(Position::Seated) {
        found.push(Exclusion::NotSeated(stretch.position()));
    }
    let off_floor = stretch.positions.iter().any(|p| !p.is_floor());
    let marked = stretch.avoid_if.contains(&Condition::NoFloor);
    match OffFloor::of(request) {
        // `--avoid no-floor` rules a marked stretch out as a condition.
        Some(OffFloor::AvoidNoFloor) if !off_floor && !marked => {
            found.push(Exclusion::Floor { position: stretch.position(), by: OffFloor::AvoidNoFloor });
        }
        Some(OffFloor::AvoidNoFloor) | None => {}
        Some(by) if !off_floor || marked => found.push(Exclusion::Floor { position: stretch.position(), by }),
        Some(_) => {}
    }
    let missing = missing_equipment(stretch, request);
    if !missing.is_empty() {
        found.push(Exclusion::Equipment { missing, have: request.equipment.iter().copied().collect() });
    }
    if request.gentle_start() && stretch.intensity != Intensity::Gentle {
        found.push(Exclusion::NotGentle(stretch.intensity));
    }
    for condition in &stretch.avoid_if {
        if request.avoid.contains(condition) {
            found.push(Exclusion::Avoid(*condition));
        }
    }
    let unsteady = stretch.avoid_if.contains(&Condition::BalanceProblems);
    if request.older && unsteady && !request.avoid.contains(&Condition::BalanceProblems) {
        found.push(Exclusion::Unsteady);
    }
    let fragile = request.avoid.contains(&Condition::Osteoporosis);
    if fragile && !stretch.avoid_if.contains(&Condition::Osteoporosis) {
        if stretch.does(Movement::Flexion) {
            found.push(Exclusion::Osteoporosis { rounds_forward: true });
        } else if stretch.does(Movement::Rotation) && stretch.intensity != Intensity::Gentle {
            found.push(Exclusion::Osteoporosis { rounds_forward: false });
        }
    }
    found
}

/// Whether the position limits of `request` (`--seated-only`, off the
/// floor) allow `position`.
fn position_fits(request: &Request, position: Position) -> bool {
    (!request.seated_only || position == Position::Seated)
        && (OffFloor::of(request).is_none() || !position.is_floor())
}

/// Whether the user has everything `stretch` needs done in `position`.
fn has_what_it_needs(stretch: &Stretch, request: &Request, position: Position) -> bool {
    stretch.needs_in(position).iter().all(|e| request.equipment.contains(e))
}

/// The equipment `stretch` needs that the user lacks, in the position the
/// limits leave it that needs least (any position when the limits leave
/// none): nothing when some allowed position needs only what they have.
fn missing_equipment(stretch: &Stretch, request: &Request) -> Vec<Equipment> {
    let allowed: Vec<Position> =
        stretch.positions.iter().copied().filter(|&p| position_fits(request, p)).collect();
    let positions = if allowed.is_empty() { &stretch.positions } else { &allowed };
    positions
        .iter()
        .map(|&p| stretch.needs_in(p).into_iter().filter(|e| !request.equipment.contains(e)).collect())
        .min_by_key(|missing: &Vec<Equipment>| missing.len())
        .unwrap_or_default()
}

/// With osteoporosis, of the allowed twists (by index into `stretches`,
/// each worth `values`) only one is kept, an upright one when there is one
/// (then the most valuable); the others, each
/// with why. Empty otherwise.
pub(crate) fn extra_twists(
    stretches: &[&Stretch],
    values: &[i64],
    request: &Request,
) -> Vec<(usize, Exclusion)> {
    if !request.avoid.contains(&Condition::Osteoporosis) {
        return Vec::new();
    }
    let twists: Vec<usize> =
        (0..stretches.len()).filter(|&i| stretches[i].does(Movement::Rotation)).collect();
    // An upright twist (seated or standing, the spine supported and easy
    // to control) before one on the floor.
    let upright = |i: usize| !stretches[i].position().is_floor();
    let Some(&kept) = twists.iter().max_by_key(|&&i| (upright(i), values[i], std::cmp::Reverse(i))) else {
        return Vec::new();
    };
    let name = stretches[kept].name.clone();
    twists
        .into_iter()
        .filter(|&i| i != kept)
        .map(|i| (i, Exclusion::OneTwist { kept: name.clone() }))
        .collect()
}

/// The position `request` has an allowed `stretch` done in: one the
/// limits allow (seated under `--seated-only`, off the floor when the floor
/// is ruled out) and the user has what it needs for (a chair to sit on,
/// say); seated first under `--older` or `--avoid balance-problems` where
/// the stretch can be done seated and there is a chair; otherwise the first
/// listed that fits.
pub fn position_for(stretch: &Stretch, request: &Request) -> Position {
    let usable = |p: &Position| position_fits(request, *p) && has_what_it_needs(stretch, request, *p);
    // Older adults and the unsteady sit where the stretch allows it and
    // they have a chair: steadier, and no standing for long holds.
    let sits = request.older || request.avoid.contains(&Condition::BalanceProblems);
    let seated =
        (sits && stretch.can_be(Position::Seated) && usable(&Position::Seated)).then_some(Position::Seated);
    seated
        .or_else(|| stretch.positions.iter().copied().find(usable))
        .or_else(|| stretch.positions.iter().copied().find(|&p| position_fits(request, p)))
        .unwrap_or_else(|| stretch.position())
}

/// `library` with each stretch placed in the position `request` has it
/// done in (see [`position_for`]); borrowed when no stretch moves.
pub fn placed<'a>(library: &'a Library, request: &Request) -> Cow<'a, Library> {
    let moved = |s: &Stretch| position_for(s, request) != s.position();
    if !library.stretches().iter().any(moved) {
        return Cow::Borrowed(library);
    }
    let stretches = library
        .stretches()
        .iter()
        .map(|s| s.placed(position_for(s, request)).unwrap_or_else(|| s.clone()))
        .collect();
    Cow::Owned(Library::new(stretches, library.goals().to_vec(), library.safety().clone()))
}

/// Whether `request` allows `stretch`.
pub fn allowed(stretch: &Stretch, request: &Request) -> bool {
    exclusions(stretch, request).is_empty()
}

/// The error for a request that leaves no stretch: how many stretches each
/// option removed, applying them in turn (position first, then equipment,
/// then conditions), so the counts add up to the library.
pub fn nothing_left(excluded: &[(&Stretch, Vec<Exclusion>)]) -> Error {
    let mut counts: Vec<(&Exclusion, usize)> = Vec::new();
    for (_, why) in excluded {
        let Some(first) = why.first() else { continue };
        match counts.iter_mut().find(|(e, _)| e.option() == first.option()) {
            Some((_, n)) => *n += 1,
            None => counts.push((first, 1)),
        }
    }
    counts.sort_by_key(|(e, _)| e.rank());
    let removed = counts
        .iter()
        .map(|(e, count)| {
            let (field, detail) = e.option();
            Removed { option: crate::error::Input::Field(field), detail, count: *count }
        })
        .collect();
    Error::Unsatisfiable(Fault::NothingLeft { removed })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request() -> Request {
        Request::new(vec![], 10)
    }

    #[test]
    fn older_adults_sit_only_when_they_have_a_chair() {
        let library = crate::content::built_in().unwrap();
        let rolls = library.stretch("shoulder-rolls").unwrap();
        let mut older = request();
        older.older = true;
        assert_eq!(position_for(rolls, &older), Position::Seated);
        older.equipment.remove(&Equipment::Chair);
        assert_eq!(position_for(rolls, &older), Position::Standing, "no chair to sit on");
    }

    #[test]
    fn balance_problems_sit_where_they_can_and_stay_off_the_floor() {
        let library = crate::content::built_in().unwrap();
        let rolls = library.stretch("shoulder-rolls").unwrap();
        let pose = library.stretch("childs-pose").unwrap();
        let mut unsteady = request();
        unsteady.avoid.insert(Condition::BalanceProblems);
        assert_eq!(position_for(rolls, &unsteady), Position::Seated);
        let why: Vec<String> = exclusions(pose, &unsteady).iter().map(ToString::to_string).collect();
        assert!(
            why.contains(&"on the floor, which to avoid with balance-problems (--avoid)".into()),
            "{why:?}"
        );
    }

    #[test]
    fn older_adults_stay_off_the_floor_unless_the_request_allows_it() {
        let library = crate::content::built_in().unwrap();
        let pose = library.stretch("childs-pose").unwrap();
        let mut older = request();
        older.older = true;
        let why: Vec<String> = exclusions(pose, &older).iter().map(ToString::to_string).collect();
        assert_eq!(why, ["on the floor, left out for older adults (--older; --floor allows it)"]);
        assert_eq!(exclusions(pose, &older)[0].option(), (Field::Older, String::new()));
        older.floor = true;
        assert!(allowed(pose, &older));
        // `--floor` opens the floor to older adults only: not past
        // `--no-floor` or balance problems.
        older.no_floor = true;
        assert!(!allowed(pose, &older));
        older.no_floor = false;
        older.avoid.insert(Condition::BalanceProblems);
        assert!(!allowed(pose, &older));
    }

    #[test]
    fn a_gentle_start_keeps_to_gentle_stretches_off_the_floor() {
        let library = crate::content::built_in().unwrap();
        let gentle = Request::new(vec!["posture".into(), "gentle-start".into()], 10);
        let why = |id: &str| -> Vec<String> {
            exclusions(library.stretch(id).unwrap(), &gentle).iter().map(ToString::to_string).collect()
        };
        assert_eq!(why("wall-chest-stretch"), ["moderate, not gentle (--goal gentle-start)"]);
        assert_eq!(why("childs-pose"), ["on the floor, not for a gentle start (--goal gentle-start)"]);
        assert!(why("shoulder-rolls").is_empty());
        let chin = library.stretch("chin-tucks").unwrap();
        assert!(!position_for(chin, &gentle).is_floor());
        let (field, detail) = exclusions(library.stretch("cat-cow").unwrap(), &gentle)[0].option();
        assert_eq!((field, detail.as_str()), (Field::Goal, " gentle-start"));
        // Without the goal neither limit applies.
        assert!(allowed(library.stretch("childs-pose").unwrap(), &request()));
        assert!(allowed(library.stretch("wall-chest-stretch").unwrap(), &request()));
    }

    #[test]
    fn equipment_follows_the_position() {
        let library = crate::content::built_in().unwrap();
        let chin = library.stretch("chin-tucks").unwrap();
        let mut nothing = request();
        nothing.equipment.clear();
        // A chair is the seat: chin tucks need nothing standing.
        assert!(allowed(chin, &nothing), "{:?}", exclusions(chin, &nothing));
        assert_eq!(position_for(chin, &nothing), Position::Standing);
        assert_eq!(position_for(chin, &request()), Position::Seated);
        // Sitting needs something to sit on, listed or not.
        let rolls = library.stretch("shoulder-rolls").unwrap();
        assert_eq!(rolls.needs_in(Position::Seated), [Equipment::Chair]);
        assert!(rolls.needs_in(Position::Standing).is_empty());
        nothing.seated_only = true;
        assert_eq!(exclusions(rolls, &nothing)[0].to_string(), "needs a chair (you have: nothing)");
        // Older adults sit only where there is a chair; otherwise they stand.
        let mut older = request();
        older.older = true;
        older.equipment.clear();
        assert_eq!(position_for(chin, &older), Position::Standing);
        older.equipment.insert(Equipment::Chair);
        assert_eq!(position_for(chin, &older), Position::Seated);
        // A seated-only stretch keeps its chair.
        let twist = library.stretch("seated-trunk-rotation").unwrap();
        assert_eq!(twist.needs(), [Equipment::Chair]);
    }

    #[test]
    fn equipment_the_user_lacks_rules_a_stretch_out() {
        let library = crate::content::built_in().unwrap();
        let roller = library.stretch("foam-roller-thoracic-extension").unwrap();
        let why = exclusions(roller, &request());
        assert_eq!(why[0].to_string(), "needs a foam-roller (you have: chair, wall)");
        let mut with_roller = request();
        with_roller.equipment.insert(Equipment::FoamRoller);
        assert!(allowed(roller, &with_roller));
    }

    #[test]
    fn floor_seated_and_conditions_each_say_which_option() {
        let library = crate::content::built_in().unwrap();
        let needle = library.stretch("thread-the-needle").unwrap();
        let mut r = request();
        r.no_floor = true;
        r.seated_only = true;
        r.avoid.insert(Condition::WristPain);
        let why: Vec<String> = exclusions(needle, &r).iter().map(ToString::to_string).collect();
        assert_eq!(
            why,
            [
                "done hands-and-knees, not seated (--seated-only)",
                "on the floor (--no-floor)",
                "avoid with wrist-pain (--avoid)",
            ]
        );
        let mut avoid_floor = request();
        avoid_floor.avoid.insert(Condition::NoFloor);
        assert_eq!(exclusions(needle, &avoid_floor)[0].to_string(), "avoid with no-floor (--avoid)");
        assert!(allowed(library.stretch("overhead-reach").unwrap(), &avoid_floor));
    }

    #[test]
    fn nothing_left_counts_each_option() {
        // Without the stretches that need nothing and suit everyone seated
        // (shoulder rolls, say), which no option here removes.
        let library = crate::content::built_in().unwrap();
        let hard_to_do: Vec<_> = library
            .stretches()
            .iter()
            .filter(|s| {
                !s.can_be(Position::Seated)
                    || !s.equipment.is_empty()
                    || s.avoid_if.contains(&Condition::ShoulderInjury)
            })
            .cloned()
            .collect();
        let library = Library::new(hard_to_do, library.goals().to_vec(), library.safety().clone());
        let mut r = request();
        r.seated_only = true;
        r.avoid.insert(Condition::ShoulderInjury);
        r.equipment.clear();
        let excluded: Vec<_> = library
            .stretches()
            .iter()
            .map(|s| (s, exclusions(s, &r)))
            .filter(|(_, why)| !why.is_empty())
            .collect();
        assert_eq!(excluded.len(), library.stretches().len());
        let message = nothing_left(&excluded).to_string();
        assert!(message.starts_with("no stretch is left: "), "{message}");
        assert!(message.contains("equipment (you have: nothing) removed"), "{message}");
        assert!(message.contains("seated_only removed"), "{message}");
        let flags = nothing_left(&excluded)
            .renaming(|f| if f == Field::SeatedOnly { "--seated-only" } else { "--x" });
        assert!(flags.to_string().contains("--seated-only removed"), "{flags}");
        assert!(!message.contains('\n'));
    }
}
