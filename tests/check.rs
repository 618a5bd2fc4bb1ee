//! `stretchsheet check`: the shipped content checks clean; each problem in
//! a stretch file or its figure is one line naming the file, line:column
//! and field, and the run exits 2.

use crate::harness::*;

/// A stretch file whose `[figure]` table starts on line 12.
fn stretch_file(figure: &str) -> String {
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

/// Checks a folder holding these stretch files: the exit code and the
/// problem lines, each with the folder's path taken off.
fn check_files(files: &[(&str, String)]) -> (Option<i32>, Vec<String>) {
    let dir = tempdir();
    let stretches = dir.path().join("stretches");
    std::fs::create_dir(&stretches).unwrap();
    for (name, text) in files {
        std::fs::write(stretches.join(name), text).unwrap();
    }
    let out = run_in(dir.path(), &["check", dir.path().to_str().unwrap()]);
    let prefix = format!("{}/", stretches.display());
    let lines = stderr(&out)
        .lines()
        .filter(|l| l.starts_with(&prefix))
        .map(|l| l.trim_start_matches(&prefix).to_string())
        .collect();
    (out.status.code(), lines)
}

#[test]
fn check_passes_on_the_shipped_content() {
    let out = run_in(root(), &["check", "content"]);
    ok(&out);
    assert!(stdout(&out).contains("content: ok ("), "{}", stdout(&out));
}

#[test]
fn a_good_figure_checks_clean() {
    let (code, lines) = check_files(&[("good.toml", stretch_file(ALL_FOURS))]);
    assert_eq!((code, lines), (Some(0), vec![]));
}

#[test]
fn each_figure_problem_is_one_located_line_and_exit_2() {
    let files = [
        ("a-missing.toml", stretch_file("")),
        ("b-joint.toml", stretch_file(&ALL_FOURS.replace("near_knee = 90", "near_kne = 90"))),
        ("c-prop.toml", stretch_file(&ALL_FOURS.replace("\"mat\"", "\"yoga-block\""))),
        ("d-range.toml", stretch_file(&ALL_FOURS.replace("near_knee = 90", "near_knee = 270"))),
        (
            "e-floats.toml",
            stretch_file(
                &ALL_FOURS.replace(
                    "near_shoulder = 72\nfar_shoulder = 72",
                    "near_shoulder = 140\nfar_shoulder = 140",
                ),
            ),
        ),
        (
            "f-sinks.toml",
            stretch_file(
                "[figure]\nsupport = \"feet\"\nprops = [\"floor\"]\n[figure.pose]\n\
                 torso = 120\nnear_hip = 120\nfar_hip = 120\nnear_shoulder = 120\n",
            ),
        ),
        ("g-part.toml", stretch_file(&ALL_FOURS.replace("support =", "touching = [\"nose\"]\nsupport ="))),
    ];
    let (code, lines) = check_files(&files);
    assert_eq!(code, Some(2));
    assert_eq!(
        lines,
        [
            "a-missing.toml: figure: missing; add a [figure] table with a pose (see README) or a photo",
            "b-joint.toml:23:1: figure.pose.near_kne: unknown joint \"near_kne\"; did you mean near_knee?",
            "c-prop.toml:14:19: figure.props[1]: unknown prop \"yoga-block\"; use floor, mat, chair, wall, \
             door-frame, towel-roll or foam-roller",
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
fn check_reports_every_broken_file_with_line_and_column() {
    let dir = tempdir();
    copy_content(&dir.path().join("content"));
    let edit = |name: &str, from: &str, to: &str| {
        let path = dir.path().join("content/stretches").join(name);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{name} has no {from:?}");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    };
    edit("cat-cow.toml", "reps = [6, 10]", "reps = [6, 100]");
    edit("butterfly.toml", "name = ", "colour = \"red\"\nname = ");
    edit("childs-pose.toml", "goals = [", "goals = [\"flying\", ");
    let out = run_in(dir.path(), &["check", "content"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 4, "{err}");
    assert!(
        lines[0].starts_with("content/stretches/butterfly.toml:")
            && lines[0].contains("unknown field \"colour\"")
    );
    assert!(
        lines[1].starts_with("content/stretches/cat-cow.toml:")
            && lines[1].contains("dose.reps: 100 is above the maximum of 30")
    );
    assert!(lines[2].contains("childs-pose.toml:") && lines[2].contains("goals[0]: unknown goal \"flying\""));
    assert_eq!(lines[3], "stretchsheet: 3 problems in 3 files");
    for line in &lines[..3] {
        let place = line.split(": ").next().unwrap();
        assert_eq!(place.split(':').count(), 3, "file:line:col in {line}");
    }
}

#[test]
fn check_of_a_missing_folder_is_one_line() {
    let (out, _dir) = run(&["check", "no-such-folder"]);
    assert!(bad(&out).contains("no-such-folder: cannot read the content folder"));
}

#[test]
fn a_broken_link_is_placed_at_its_value() {
    // `harder` on line 6, before the intensity.
    let text = stretch_file(ALL_FOURS).replacen("intensity = ", "harder = \"cat-cwo\"\nintensity = ", 1);
    let (code, lines) = check_files(&[("linked.toml", text)]);
    assert_eq!(code, Some(2));
    assert_eq!(lines.len(), 1, "{lines:#?}");
    assert!(
        lines[0].starts_with("linked.toml:6:10: harder: unknown stretch \"cat-cwo\"; did you mean cat-cow"),
        "{lines:#?}"
    );
}

#[test]
fn a_long_hold_or_a_long_stretch_is_a_warning_not_a_failure() {
    let long = stretch_file(ALL_FOURS)
        .replace("[dose]\nreps = 5\nrep_s = 5\n", "[dose]\nhold_s = [30, 90]\nreps = 4\n");
    let (code, lines) = check_files(&[("long.toml", long)]);
    assert_eq!(code, Some(0), "{lines:?}");
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(
        lines[0].starts_with("long.toml: dose.hold_s: warning: a hold of 90 s is over a minute"),
        "{lines:?}"
    );
    assert!(lines[1].starts_with("long.toml: dose: warning: at the top of its dose"), "{lines:?}");
    assert!(lines[1].ends_with("over 5 minutes"), "{lines:?}");
}
