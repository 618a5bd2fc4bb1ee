//! How faults in a drawn figure are said: its pose, props and arrows,
//! in head heights a content author can act on.

use std::fmt;

use super::faults::{Fault, FigureRule};
use super::words::{number, quote};

/// Drawn figures and their poses.
pub(super) fn figures(fault: &Fault, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    use Fault::*;
    match fault {
        NoDrawnFigure => f.write_str("has a photo, not a drawn figure; there is no SVG to write"),
        NotDoneIn { id, position, positions } => {
            write!(
                f,
                "{id} is done {positions}, not {position}; name a position it is done in, or leave position= out"
            )
        }
        NoFigure => f.write_str("missing; add a [figure] table with a pose (see README) or a photo"),
        NoPose => f.write_str(
            "has neither a pose nor a photo; add a [figure.pose] table of joint angles (see README) or \
             photo = \"photos/<file>.jpg\"",
        ),
        NoSupport { allowed } => write!(f, "missing; say what holds the body up: {allowed}"),
        SideDoesNotFit { side, view, names } => {
            write!(f, "a {view} view names limbs {}_ and {}_, not {side}_", names[0], names[1])
        }
        TurnInSideView => {
            f.write_str("a side view cannot show a turn; use a front or top view, or leave it out")
        }
        DepthNotABone { kind } => write!(
            f,
            "depth turns bones (torso, neck, shoulder, elbow, wrist, hip, knee, ankle), not the {kind}"
        ),
        LiftedNotResting { support, part } => {
            write!(f, "a {support} figure does not rest on its {part}; list only parts the support rests on")
        }
        ArrowBend { value } => write!(f, "{} is not allowed; use -170 to 170 degrees", number(*value)),
        ArrowShift => f.write_str("is too far; use -10 to 10 head heights in each direction"),
        Floats { parts, amount, above } => write!(
            f,
            "the {parts} float {} above the {above}; change the angles so they rest on it",
            heads(*amount)
        ),
        Sinks { part, amount, into } => write!(
            f,
            "the {part} sinks {} into the {into}; change the angles so nothing goes below it",
            heads(*amount)
        ),
        Figure { rule } => write!(f, "{rule}"),
        _ => unreachable!("Display sends only these faults here"),
    }
}

impl fmt::Display for FigureRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use FigureRule::*;
        match self {
            ChairHeight { height, min, max } => write!(
                f,
                "the chair seat would be {} head heights high; the hips must sit {}–{} head heights above the \
                 floor for the feet to reach it",
                number(*height),
                number(*min),
                number(*max)
            ),
            NotUpright { part } => write!(f, "the {part} must be upright to press against it"),
            NothingToPress { prop } => write!(f, "lists parts against a {prop}, but the figure has none"),
            AgainstBothSides => f.write_str("parts against the wall must all be on one side of the body"),
            RollDoesNotFit { prop, amount } => {
                write!(f, "the {prop} does not fit under the back ({} off)", heads(*amount))
            }
            ArrowNeedsStart => f.write_str("a move arrow needs a [figure.start] pose to move from"),
            ArrowKind => f.write_str("an arrow is exactly one of move, circle or turn"),
            ArrowTooShort { part, moved, needed } => write!(
                f,
                "the {part} moves only {} head heights; an arrow needs at least {} to be seen",
                number(*moved),
                number(*needed)
            ),
            ArrowWay { way, view, allowed } => {
                write!(f, "{} does not fit a {view} view; use {allowed}", quote(way))
            }
            ArrowPart { part } => write!(f, "{} cannot carry an arrow in this view", quote(part)),
            FacingInSideView => f.write_str(
                "a side view always faces right; facing = \"viewer\" or \"away\" is for front and top views",
            ),
            UnusedPosition { position, drawn: Some(drawn) } if position == drawn => {
                write!(f, "the figure is drawn {drawn}; give these angles in [figure.pose] instead")
            }
            UnusedPosition { position, .. } => write!(
                f,
                "only a standing or seated figure in a side or front view, with nothing pressed on a wall, \
                 resting by hand or lifted and no arrow on the legs, is shown {position} this way; \
                 leave this table out"
            ),
            Other(message) => f.write_str(message),
        }
    }
}

/// A distance in head heights, with centimetres for a feel of scale.
fn heads(d: f64) -> String {
    const CM_PER_HEAD: f64 = 23.0;
    let d = d.abs();
    format!("{d:.2} head heights (about {} cm)", (d * CM_PER_HEAD).round() as i64)
}
