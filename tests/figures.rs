//! `stretchsheet check` on figures: each problem is one line naming the
//! file, line:column and field, and the run exits 2. `show --svg` writes a
//! figure.

use std::path::Path;
use std::process::Command;

fn stretchsheet(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_stretchsheet")).args(args).output().expect("the binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A stretch file whose `[figure]` table starts on line 12.
fn stretch(figure: &str) -> String {
    format!(
        "name = \"Test\"\nsummary = \"A test.\"\ngoals = [\"posture\"]\nareas = [\"upper-back\"]\n\
         position = \"hands-and-knees\"\nintensity = \"gentle\"\n\
         steps = [\"Kneel.\", \"Round.\", \"Breathe.\"]\n\
         [dose]\nreps = 5\nrep_s = 5\nsides = 1\n{figure}"
    )
}

const ALL_FOURS: &str = "[figure]\n\
    support = \"knees-and-hands\"\n\
    props = [\"floor\", \"mat\"]\n\
    [figure.pose]\n\
    torso = 72\n\
    near_shoulder = 72\n\
    far_shoulder = 72\n\
    near_wrist = 90\n\
    far_wrist = 90\n\
    near_hip = 72\n\
    far_hip = 72\n\
    near_knee = 90\n\
    far_knee = 90\n\
    near_ankle = 90\n\
    far_ankle = 90\n";

fn check(files: &[(&str, String)]) -> (i32, Vec<String>) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("stretches")).unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join("stretches").join(name), text).unwrap();
    }
    let (code, _, err) = stretchsheet(&["check", dir.path().to_str().unwrap()]);
    let prefix = format!("{}/", dir.path().join("stretches").display());
    let lines = err
        .lines()
        .filter(|l| l.starts_with(&prefix))
        .map(|l| l.trim_start_matches(&prefix).to_string())
        .collect();
    (code, lines)
}

#[test]
fn a_good_figure_checks_clean() {
    let (code, lines) = check(&[("good.toml", stretch(ALL_FOURS))]);
    assert_eq!((code, lines), (0, vec![]));
}

#[test]
fn each_figure_problem_is_one_located_line_and_exit_2() {
    let files =
        [
            ("a-missing.toml", stretch("")),
            ("b-joint.toml", stretch(&ALL_FOURS.replace("near_knee = 90", "near_kne = 90"))),
            ("c-prop.toml", stretch(&ALL_FOURS.replace("\"mat\"", "\"yoga-block\""))),
            ("d-range.toml", stretch(&ALL_FOURS.replace("near_knee = 90", "near_knee = 270"))),
            (
                "e-floats.toml",
                stretch(&ALL_FOURS.replace(
                    "near_shoulder = 72\nfar_shoulder = 72",
                    "near_shoulder = 140\nfar_shoulder = 140",
                )),
            ),
            (
                "f-sinks.toml",
                stretch(
                    "[figure]\nsupport = \"feet\"\nprops = [\"floor\"]\n[figure.pose]\n\
                 torso = 120\nnear_hip = 120\nfar_hip = 120\nnear_shoulder = 120\n",
                ),
            ),
            ("g-part.toml", stretch(&ALL_FOURS.replace("support =", "touching = [\"nose\"]\nsupport ="))),
        ];
    let (code, lines) = check(&files);
    assert_eq!(code, 2);
    assert_eq!(
        lines,
        [
            "a-missing.toml: figure: missing; add a [figure] table with a pose (see README) or a photo",
            "b-joint.toml:23:1: figure.pose.near_kne: unknown joint \"near_kne\"; did you mean near_knee?",
            "c-prop.toml:14:19: figure.props[1]: unknown variant `yoga-block`, expected one of `floor`, `mat`, \
             `chair`, `wall`, `door-frame`, `towel-roll`, `foam-roller`",
            "d-range.toml:23:13: figure.pose.near_knee: 270 is above the maximum of 170",
            "e-floats.toml:13:11: figure.support: the hands float 1.58 head heights (about 36 cm) above the mat; \
             change the angles so they rest on it",
            "f-sinks.toml:15:1: figure.pose: the near hand sinks 0.65 head heights (about 15 cm) into the floor; \
             change the angles so nothing goes below it",
            "g-part.toml:13:12: figure.touching: unknown body part \"nose\"; use head, back, hips, shoulders, \
             elbows, forearms, hands, knees, shins, feet, or one of a pair such as near_hand or left_knee",
        ]
    );
}

#[test]
fn show_writes_the_figure_as_svg() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cat-cow.svg");
    let (code, out, err) = stretchsheet(&["show", "cat-cow", "--svg", path.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Cat-cow"), "the text still prints");
    let svg = std::fs::read_to_string(&path).unwrap();
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(svg.matches("<path").count() > 10);
    // To standard output, only the SVG.
    let (code, out, _) = stretchsheet(&["show", "cat-cow", "--svg", "-"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("<svg") && !out.contains("Cat-cow"));
    assert!(!Path::new("-").exists());
}
