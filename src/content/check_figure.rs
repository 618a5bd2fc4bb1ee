//! Checks a stretch's `[figure]` in the format's own terms: a pose or a
//! photo is there (not both), every name fits the view, every angle and
//! arrow setting is in range, lifted parts are parts the support rests on.
//! Whether the placed body really rests on its support is the `figure`
//! module's check; whether a photo can be read, the input edge's.

use std::path::Path;

use super::figure::{Figure, Side, View};
use super::pose::{Joint, Kind, Pose};
use super::validate::FieldProblem;
use crate::error::Fault;

/// The angles a joint may take, in degrees, by view.
pub fn range(kind: Kind, view: View) -> (f32, f32) {
    let side = view == View::Side;
    match kind {
        Kind::Torso => (-180.0, 180.0),
        Kind::Spine => (-60.0, 60.0),
        Kind::Turn | Kind::Look => (-90.0, 90.0),
        Kind::Neck if side => (-70.0, 80.0),
        Kind::Neck => (-90.0, 90.0),
        Kind::Head => (-45.0, 45.0),
        Kind::Shrug => (0.0, 45.0),
        Kind::Shoulder if side => (-180.0, 270.0),
        Kind::Shoulder => (-150.0, 200.0),
        Kind::Elbow if side => (-150.0, 170.0),
        Kind::Elbow => (-170.0, 170.0),
        Kind::Wrist => (-100.0, 100.0),
        Kind::Hip if side => (-45.0, 180.0),
        Kind::Hip => (-60.0, 180.0),
        Kind::Knee if side => (0.0, 170.0),
        Kind::Knee => (-170.0, 170.0),
        Kind::Ankle => (-45.0, 90.0),
    }
}

/// How far a bone may point out of the picture.
pub const DEPTH: (f32, f32) = (-180.0, 180.0);

/// Why a side name does not fit a view, as a fault.
pub fn side_fault(side: Side, view: View) -> Fault {
    let [a, b] = view.sides();
    Fault::SideDoesNotFit { side: side.as_str(), view: view.as_str(), names: [b.as_str(), a.as_str()] }
}

/// Every format problem with a stretch's figure.
pub fn figure(figure: Option<&Figure>) -> Vec<FieldProblem> {
    let Some(figure) = figure else {
        return vec![FieldProblem::new("figure", Fault::NoFigure)];
    };
    if let Some(photo) = &figure.photo {
        return photo_problems(figure, photo);
    }
    let Some(pose) = &figure.pose else {
        return vec![FieldProblem::new("figure", Fault::NoPose)];
    };
    let view = figure.view;
    let mut problems = Vec::new();
    if figure.support.is_none() {
        let allowed = "feet, seat, knees, knees-and-hands, back or side".to_string();
        problems.push(FieldProblem::new("figure.support", Fault::NoSupport { allowed }));
    }
    angles(pose, view, "figure.pose", &mut problems);
    if let Some(start) = &figure.start {
        angles(start, view, "figure.start", &mut problems);
    }
    position_angles(figure, &mut problems);
    if view == View::Side && figure.facing.is_some() {
        problems.push(FieldProblem::new(
            "figure.facing",
            Fault::Figure { rule: crate::error::FigureRule::FacingInSideView },
        ));
    }
    parts(figure, &mut problems);
    arrows(figure, &mut problems);
    problems
}

/// The angles a figure gives for the position it is not drawn in: in
/// range, and for the one position it can be changed to.
fn position_angles(figure: &Figure, problems: &mut Vec<FieldProblem>) {
    use super::vocab::Position;
    let given = [
        ("figure.standing", Position::Standing, &figure.standing),
        ("figure.seated", Position::Seated, &figure.seated),
    ];
    for (field, position, pose) in given {
        let Some(pose) = pose else { continue };
        angles(pose, figure.view, field, problems);
        if figure.in_position(position).is_none() {
            let drawn = figure.shows().map(|p| p.as_str());
            problems.push(FieldProblem::new(
                field,
                Fault::Figure {
                    rule: crate::error::FigureRule::UnusedPosition { position: position.as_str(), drawn },
                },
            ));
        }
    }
}

fn parts(figure: &Figure, problems: &mut Vec<FieldProblem>) {
    let view = figure.view;
    let lists = [("touching", &figure.touching), ("lifted", &figure.lifted), ("against", &figure.against)];
    for (list, parts) in lists {
        for (i, part) in parts.iter().enumerate() {
            if let Some(side) = part.side
                && !side.fits(view)
            {
                problems.push(FieldProblem::new(format!("figure.{list}[{i}]"), side_fault(side, view)));
            }
        }
    }
    for (i, part) in figure.lifted.iter().enumerate() {
        if !figure.rests_on(*part) {
            let support = figure.support.map_or("this", |s| s.as_str());
            let fault = Fault::LiftedNotResting { support, part: part.words() };
            problems.push(FieldProblem::new(format!("figure.lifted[{i}]"), fault));
        }
    }
}

fn arrows(figure: &Figure, problems: &mut Vec<FieldProblem>) {
    for (i, arrow) in figure.arrows.iter().enumerate() {
        if let Some(bend) = arrow.bend
            && !(-170.0..=170.0).contains(&bend)
        {
            let fault = Fault::ArrowBend { value: f64::from(bend) };
            problems.push(FieldProblem::new(format!("figure.arrows[{i}].bend"), fault));
        }
        if let Some(shift) = arrow.shift
            && shift.iter().any(|v| !(-10.0..=10.0).contains(v))
        {
            problems.push(FieldProblem::new(format!("figure.arrows[{i}].shift"), Fault::ArrowShift));
        }
    }
}

fn angles(pose: &Pose, view: View, field: &str, problems: &mut Vec<FieldProblem>) {
    for (joint, value) in &pose.angles {
        let (min, max) = range(joint.kind, view);
        if let Some(fault) = joint_fits(*joint, view).or_else(|| out_of(*value, min, max)) {
            problems.push(FieldProblem::new(format!("{field}.{joint}"), fault));
        }
    }
    for (joint, value) in &pose.depth {
        let fault = joint_fits(*joint, view)
            .or_else(|| {
                (!joint.kind.moves_bone()).then(|| Fault::DepthNotABone { kind: joint.kind.as_str() })
            })
            .or_else(|| out_of(*value, DEPTH.0, DEPTH.1));
        if let Some(fault) = fault {
            problems.push(FieldProblem::new(format!("{field}.depth.{joint}"), fault));
        }
    }
}

fn joint_fits(joint: Joint, view: View) -> Option<Fault> {
    if let Some(side) = joint.side
        && !side.fits(view)
    {
        return Some(side_fault(side, view));
    }
    // A side view cannot show the chest turning; the face may turn toward
    // you or away (`look`).
    (joint.kind == Kind::Turn && view == View::Side).then_some(Fault::TurnInSideView)
}

fn out_of(value: f32, min: f32, max: f32) -> Option<Fault> {
    let (v, lo, hi) = (f64::from(value), f64::from(min), f64::from(max));
    if !value.is_finite() {
        Some(Fault::NotDegrees { value: v, min: lo, max: hi })
    } else if value > max {
        Some(Fault::AboveMax { value: v, max: hi })
    } else if value < min {
        Some(Fault::BelowMin { value: v, min: lo })
    } else {
        None
    }
}

fn photo_problems(figure: &Figure, photo: &str) -> Vec<FieldProblem> {
    let mut problems = Vec::new();
    let drawn = figure.pose.is_some()
        || figure.start.is_some()
        || figure.support.is_some()
        || !figure.props.is_empty()
        || !figure.touching.is_empty()
        || !figure.lifted.is_empty()
        || !figure.against.is_empty()
        || !figure.arrows.is_empty();
    if drawn {
        problems.push(FieldProblem::new("figure.photo", Fault::PhotoAndPose));
    }
    if photo.trim().is_empty() {
        problems.push(FieldProblem::new(
            "figure.photo",
            Fault::Empty { hint: "name a .png, .jpg or .jpeg file" },
        ));
        return problems;
    }
    let ext =
        Path::new(photo).extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    if !matches!(ext.as_str(), "png" | "jpg" | "jpeg") {
        problems.push(FieldProblem::new("figure.photo", Fault::NotPhotoType { name: photo.to_string() }));
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    fn messages(text: &str) -> Vec<String> {
        let figure: Figure = toml::from_str(text).unwrap();
        super::figure(Some(&figure)).into_iter().map(|p| format!("{}: {}", p.field, p.fault)).collect()
    }

    const STAND: &str = "support = \"feet\"\nprops = [\"floor\"]\n";

    #[test]
    fn a_plain_standing_figure_is_valid() {
        assert!(messages(&format!("{STAND}[pose]\n")).is_empty());
    }

    #[test]
    fn angles_out_of_range_name_the_joint_and_the_limit() {
        let found = messages(&format!(
            "{STAND}[pose]\nnear_elbow = 270\nnear_knee = -20\nspine = nan\n[pose.depth]\nnear_hip = 200\n"
        ));
        assert_eq!(
            found,
            [
                "figure.pose.spine: NaN is not a number of degrees; use -60 to 60",
                "figure.pose.near_elbow: 270 is above the maximum of 170",
                "figure.pose.near_knee: -20 is below the minimum of 0",
                "figure.pose.depth.near_hip: 200 is above the maximum of 180",
            ]
        );
    }

    #[test]
    fn names_must_fit_the_view() {
        let found = messages(&format!(
            "{STAND}touching = [\"left_hand\"]\n[pose]\nleft_elbow = 10\nturn = 20\n[start]\nfar_knee = 5\n\
             [pose.depth]\nspine = 10\n"
        ));
        assert_eq!(
            found,
            [
                "figure.pose.turn: a side view cannot show a turn; use a front or top view, or leave it out",
                "figure.pose.left_elbow: a side view names limbs near_ and far_, not left_",
                "figure.pose.depth.spine: depth turns bones (torso, neck, shoulder, elbow, wrist, hip, knee, \
                 ankle), not the spine",
                "figure.touching[0]: a side view names limbs near_ and far_, not left_",
            ]
        );
        let front = messages("view = \"front\"\nsupport = \"feet\"\n[pose]\nnear_elbow = 10\n");
        assert_eq!(front, ["figure.pose.near_elbow: a front view names limbs left_ and right_, not near_"]);
    }

    #[test]
    fn a_pose_needs_a_support_and_lifted_parts_must_rest() {
        assert_eq!(
            messages("[pose]\n"),
            [
                "figure.support: missing; say what holds the body up: feet, seat, knees, knees-and-hands, back or side"
            ]
        );
        assert_eq!(
            messages(&format!("{STAND}lifted = [\"near_hand\"]\n[pose]\n")),
            ["figure.lifted[0]: a feet figure does not rest on its near hand; list only parts the support \
                 rests on"]
        );
    }

    #[test]
    fn missing_figure_and_missing_pose() {
        assert_eq!(
            super::figure(None)[0].fault.to_string(),
            "missing; add a [figure] table with a pose (see README) or a photo"
        );
        assert!(messages("view = \"side\"\n")[0].starts_with("figure: has neither a pose nor a photo"));
    }

    #[test]
    fn photos_are_png_or_jpeg_and_take_no_pose() {
        assert!(messages("photo = \"photos/ok.jpg\"\n").is_empty());
        assert_eq!(
            messages("photo = \"photos/ok.gif\"\n"),
            ["figure.photo: \"photos/ok.gif\" is not a PNG or JPEG file; use a .png, .jpg or .jpeg file"]
        );
        assert_eq!(
            messages("photo = \"photos/ok.jpg\"\nsupport = \"feet\"\n[pose]\n"),
            [
                "figure.photo: a figure is a photo or a drawn pose, not both; remove the photo or the pose settings"
            ]
        );
    }
}
