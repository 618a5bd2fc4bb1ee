//! The weekly plan as a PDF, run as a user runs it: a valid PDF on the
//! requested paper, every step of every planned stretch and every warning
//! sign in its text, identical bytes for identical input.

mod common;

use common::*;

const PLAN: [&str; 12] = [
    "plan",
    "--goal",
    "posture",
    "--minutes",
    "10",
    "--days",
    "mon,wed,fri",
    "--weeks",
    "4",
    "--format",
    "pdf",
    "-o",
];

fn plan(dir: &std::path::Path, name: &str, extra: &[&str]) -> std::path::PathBuf {
    let mut args = PLAN.to_vec();
    args.push(name);
    args.extend_from_slice(extra);
    ok(&run_in(dir, &args));
    dir.join(name)
}

#[test]
fn has_every_step_red_flag_and_session() {
    let dir = tempfile::tempdir().unwrap();
    let path = plan(dir.path(), "plan.pdf", &[]);
    assert_valid_pdf(&path);
    let sizes = page_sizes(&path);
    assert!(sizes.len() >= 6, "overview, routines, exercises, log, safety");
    assert!(sizes.iter().all(|&(w, h)| (w - 595.28).abs() < 0.01 && (h - 841.89).abs() < 0.01));

    let library = stretchsheet::content::built_in().unwrap();
    let request = stretchsheet::plan::Request::new(vec!["posture".into()], 10);
    let calendar = stretchsheet::plan::Calendar {
        start: "2026-11-23".parse().unwrap(),
        days: stretchsheet::plan::Calendar::spread(3),
        weeks: 4,
    };
    let expected = stretchsheet::plan::build(&library, &request, &calendar).unwrap();
    let Some(text) = body_text(&path, "General guidance, not personal medical advice.") else { return };
    for id in expected.stretch_ids() {
        let stretch = library.stretch(id).unwrap();
        assert!(text.contains(&stretch.name), "{} missing", stretch.name);
        for step in &stretch.steps {
            assert!(text.contains(&squash(step)), "step missing: {step}");
        }
    }
    let safety = library.safety();
    for flag in safety.urgent.iter().chain(&safety.see_doctor).chain(&safety.stop) {
        assert!(text.contains(&squash(flag)), "red flag missing: {flag}");
    }
    for session in &expected.sessions {
        let label =
            format!("{} · {}", session.date.format("%a %-d %b"), expected.routines[session.routine].label);
        assert!(text.contains(&label), "log row missing: {label}");
    }
    for week in 1..=4 {
        assert!(text.contains(&format!("Week {week}")));
    }
}

#[test]
fn letter_landscape_and_large_print_keep_their_size() {
    let dir = tempfile::tempdir().unwrap();
    let path = plan(dir.path(), "plan.pdf", &["--paper", "letter", "--landscape", "--large-print"]);
    assert_valid_pdf(&path);
    assert!(page_sizes(&path).iter().all(|&(w, h)| (w - 792.0).abs() < 0.01 && (h - 612.0).abs() < 0.01));
}

#[test]
fn same_input_gives_identical_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let a = std::fs::read(plan(dir.path(), "a.pdf", &[])).unwrap();
    let b = std::fs::read(plan(dir.path(), "b.pdf", &[])).unwrap();
    assert_eq!(a, b);
}

#[test]
fn a_bad_title_is_refused_before_writing() {
    let dir = tempfile::tempdir().unwrap();
    let mut args = PLAN.to_vec();
    args.extend_from_slice(&["plan.pdf", "--title", "Back → better"]);
    let line = bad(&run_in(dir.path(), &args));
    assert!(line.contains("--title: the character '→'"), "{line}");
    assert!(!dir.path().join("plan.pdf").exists());
}
