//! Validation of a stretch's `[figure]`: a pose or a photo is there, every
//! name fits the view, every angle is in range, and the placed body rests
//! on its support (nothing floats above it or sinks into it).

use std::path::Path;

use super::pose::{Figure, Joint, Kind, Pose, View};
use super::scene::{self, side_message};
use crate::content::Origin;
use crate::content::validate::FieldProblem;

/// The angles a joint may take, in degrees, by view.
pub fn range(kind: Kind, view: View) -> (f32, f32) {
    let side = view == View::Side;
    match kind {
        Kind::Torso => (-180.0, 180.0),
        Kind::Spine => (-60.0, 60.0),
        Kind::Turn => (-90.0, 90.0),
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

fn problem(field: impl Into<String>, message: impl Into<String>) -> FieldProblem {
    FieldProblem { field: field.into(), message: message.into() }
}

/// Every problem with a stretch's figure. `origin` tells where the stretch
/// file is, to find a photo beside it.
pub fn validate(figure: Option<&Figure>, origin: &Origin) -> Vec<FieldProblem> {
    let Some(figure) = figure else {
        return vec![problem("figure", "missing; add a [figure] table with a pose (see README) or a photo")];
    };
    if let Some(photo) = &figure.photo {
        return check_photo(figure, photo, origin);
    }
    let Some(pose) = &figure.pose else {
        return vec![problem(
            "figure",
            "has neither a pose nor a photo; add a [figure.pose] table of joint angles (see README) \
             or photo = \"photos/<file>.jpg\"",
        )];
    };
    let view = figure.view;
    let mut problems = Vec::new();
    if figure.support.is_none() {
        problems.push(problem(
            "figure.support",
            "missing; say what holds the body up: feet, seat, knees, knees-and-hands or back",
        ));
    }
    angles(pose, view, "figure.pose", &mut problems);
    if let Some(start) = &figure.start {
        angles(start, view, "figure.start", &mut problems);
    }
    let lists = [("touching", &figure.touching), ("lifted", &figure.lifted), ("against", &figure.against)];
    for (list, parts) in lists {
        for (i, part) in parts.iter().enumerate() {
            if let Some(side) = part.side
                && !side.fits(view)
            {
                problems.push(problem(format!("figure.{list}[{i}]"), side_message(side, view)));
            }
        }
    }
    for (i, part) in figure.lifted.iter().enumerate() {
        if !scene::rests_on(figure, *part) {
            let support = figure.support.map_or("this", |s| s.as_str());
            problems.push(problem(
                format!("figure.lifted[{i}]"),
                format!(
                    "a {support} figure does not rest on its {}; list only parts the support rests on",
                    part.words()
                ),
            ));
        }
    }
    for (i, arrow) in figure.arrows.iter().enumerate() {
        if let Some(bend) = arrow.bend
            && !(-170.0..=170.0).contains(&bend)
        {
            problems.push(problem(
                format!("figure.arrows[{i}].bend"),
                format!("{bend} is not allowed; use -170 to 170 degrees"),
            ));
        }
        if let Some(shift) = arrow.shift
            && shift.iter().any(|v| !(-10.0..=10.0).contains(v))
        {
            problems.push(problem(
                format!("figure.arrows[{i}].shift"),
                "is too far; use -10 to 10 head heights in each direction",
            ));
        }
    }
    // Whether the body rests on its support only means something once the
    // names and angles are right.
    if problems.is_empty()
        && let Some(scene) = scene::place(figure)
    {
        problems.extend(scene.issues.into_iter().map(|i| problem(i.field, i.message)));
    }
    problems
}

fn angles(pose: &Pose, view: View, field: &str, problems: &mut Vec<FieldProblem>) {
    for (joint, value) in &pose.angles {
        let field = format!("{field}.{joint}");
        if let Some(message) = joint_fits(*joint, view) {
            problems.push(problem(field, message));
            continue;
        }
        let (min, max) = range(joint.kind, view);
        if let Some(message) = out_of(*value, min, max) {
            problems.push(problem(field, message));
        }
    }
    for (joint, value) in &pose.depth {
        let field = format!("{field}.depth.{joint}");
        if let Some(message) = joint_fits(*joint, view) {
            problems.push(problem(field, message));
            continue;
        }
        if !joint.kind.moves_bone() {
            problems.push(problem(
                field,
                format!(
                    "depth turns bones (torso, neck, shoulder, elbow, wrist, hip, knee, ankle), not the {}",
                    joint.kind.as_str()
                ),
            ));
            continue;
        }
        if let Some(message) = out_of(*value, DEPTH.0, DEPTH.1) {
            problems.push(problem(field, message));
        }
    }
}

fn joint_fits(joint: Joint, view: View) -> Option<String> {
    if let Some(side) = joint.side
        && !side.fits(view)
    {
        return Some(side_message(side, view));
    }
    (joint.kind == Kind::Turn && view == View::Side)
        .then(|| "a side view cannot show a turn; use a front or top view, or leave it out".to_string())
}

fn out_of(value: f32, min: f32, max: f32) -> Option<String> {
    if !value.is_finite() {
        Some(format!("{value} is not a number of degrees; use {min} to {max}"))
    } else if value > max {
        Some(format!("{value} is above the maximum of {max}"))
    } else if value < min {
        Some(format!("{value} is below the minimum of {min}"))
    } else {
        None
    }
}

fn check_photo(figure: &Figure, photo: &str, origin: &Origin) -> Vec<FieldProblem> {
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
        problems.push(problem(
            "figure.photo",
            "a figure is a photo or a drawn pose, not both; remove the photo or the pose settings",
        ));
    }
    if photo.trim().is_empty() {
        problems.push(problem("figure.photo", "is empty; name a .png, .jpg or .jpeg file"));
        return problems;
    }
    let ext =
        Path::new(photo).extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    if !matches!(ext.as_str(), "png" | "jpg" | "jpeg") {
        problems.push(problem(
            "figure.photo",
            format!("{photo:?} is not a PNG or JPEG file; use a .png, .jpg or .jpeg file"),
        ));
    } else if let Origin::File(_) = origin
        && let Some(path) = super::photo_path(figure, origin)
        && !path.is_file()
    {
        problems.push(problem(
            "figure.photo",
            format!(
                "{photo:?} was not found; the path is relative to the stretch file ({} does not exist)",
                path.display()
            ),
        ));
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    fn messages(text: &str) -> Vec<String> {
        let figure: Figure = toml::from_str(text).unwrap();
        validate(Some(&figure), &Origin::BuiltIn)
            .into_iter()
            .map(|p| format!("{}: {}", p.field, p.message))
            .collect()
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
                "figure.support: missing; say what holds the body up: feet, seat, knees, knees-and-hands or back"
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
            validate(None, &Origin::BuiltIn)[0].message,
            "missing; add a [figure] table with a pose (see README) or a photo"
        );
        assert!(messages("view = \"side\"\n")[0].starts_with("figure: has neither a pose nor a photo"));
    }

    #[test]
    fn photos_are_png_or_jpeg_beside_the_stretch_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("photos")).unwrap();
        std::fs::write(dir.path().join("photos/ok.jpg"), b"jpeg").unwrap();
        let origin = Origin::File(dir.path().join("s.toml"));
        let check = |text: &str| {
            let figure: Figure = toml::from_str(text).unwrap();
            validate(Some(&figure), &origin)
                .into_iter()
                .map(|p| format!("{}: {}", p.field, p.message))
                .collect::<Vec<_>>()
        };
        assert!(check("photo = \"photos/ok.jpg\"\n").is_empty());
        assert!(check("photo = \"photos/OK.JPG\"\n")[0].contains("was not found"));
        assert_eq!(
            check("photo = \"photos/ok.gif\"\n"),
            ["figure.photo: \"photos/ok.gif\" is not a PNG or JPEG file; use a .png, .jpg or .jpeg file"]
        );
        assert_eq!(
            check("photo = \"photos/ok.jpg\"\nsupport = \"feet\"\n[pose]\n"),
            [
                "figure.photo: a figure is a photo or a drawn pose, not both; remove the photo or the pose settings"
            ]
        );
        // Built-in stretches have no folder to look in.
        let figure: Figure = toml::from_str("photo = \"x.png\"\n").unwrap();
        assert!(validate(Some(&figure), &Origin::BuiltIn).is_empty());
    }
}
