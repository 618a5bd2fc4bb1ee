//! `stretchsheet plan` run as a program: text, JSON and iCalendar output,
//! `-o`, `--explain`, determinism, and one clear line with exit 2 for each
//! kind of bad input. `--today` pins the default start date.

use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_stretchsheet"))
        .args(["--today", "2026-11-21", "plan"])
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stdout(args: &[&str]) -> String {
    let out = run(args);
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

const POSTURE: [&str; 8] = ["--goal", "posture", "--minutes", "10", "--days", "mon,wed,fri", "--weeks", "4"];

fn with<'a>(extra: &[&'a str]) -> Vec<&'a str> {
    POSTURE.iter().copied().chain(extra.iter().copied()).collect()
}

#[test]
fn text_names_goal_dates_routines_and_weekly_minutes() {
    let text = stdout(&POSTURE);
    assert!(text.starts_with("Stretch plan: posture\n"), "{text}");
    assert!(text.contains("Mon 23 Nov 2026 to Sun 20 Dec 2026 (12 sessions)"), "{text}");
    assert!(text.contains("Routine A"));
    for week in 1..=4 {
        assert!(text.contains(&format!("Week {week}: ")), "week {week}");
    }
    assert!(text.contains("minutes a week"));
    assert!(!text.contains("Why these stretches"));
}

#[test]
fn explain_says_why_in_and_why_out() {
    let text = stdout(&with(&["--explain"]));
    assert!(text.contains("Why these stretches"));
    assert!(text.contains("Left out"));
    assert!(text.contains("Doorway chest stretch: needs a doorway (you have: chair, wall)"), "{text}");
}

#[test]
fn json_follows_the_schema_and_stays_within_budget() {
    let json: serde_json::Value = serde_json::from_str(&stdout(&with(&["--format", "json"]))).unwrap();
    assert_eq!(json["schema_version"], 1);
    assert_eq!(json["minutes_per_session"], 10);
    assert_eq!(json["start"], "2026-11-23");
    assert_eq!(json["weeks"], 4);
    let sessions = json["sessions"].as_array().unwrap();
    assert_eq!(sessions.len(), 12);
    for s in sessions {
        let total = s["total_seconds"].as_u64().unwrap();
        assert!((540..=600).contains(&total), "{s}");
        assert!(["mon", "wed", "fri"].contains(&s["weekday"].as_str().unwrap()));
        assert!(s["routine"].is_string());
        for stretch in s["stretches"].as_array().unwrap() {
            for key in ["id", "name", "seconds", "hold_s", "reps", "sides"] {
                assert!(stretch.get(key).is_some(), "{key} in {stretch}");
            }
        }
    }
    assert!(json["routines"].as_array().unwrap().len() >= 2);
    assert!(json.get("explanation").is_none());
    let explained: serde_json::Value =
        serde_json::from_str(&stdout(&with(&["--format", "json", "--explain"]))).unwrap();
    assert!(explained["explanation"]["left_out"].is_array());
}

#[test]
fn ics_has_one_event_per_session_with_crlf_lines() {
    let ics = stdout(&with(&["--format", "ics"]));
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"), "{ics}");
    assert!(ics.ends_with("END:VCALENDAR\r\n"));
    assert_eq!(ics.matches("BEGIN:VEVENT\r\n").count(), 12);
    assert_eq!(ics.matches("BEGIN:VALARM\r\n").count(), 12);
    assert!(ics.contains("DTSTART;VALUE=DATE:20261123\r\n"));
    assert!(ics.contains("SUMMARY:Stretch: routine A ("));
    assert!(ics.split("\r\n").all(|line| line.len() <= 75));
}

#[test]
fn output_file_gets_the_plan_and_stdout_stays_empty() {
    let dir = tempfile::tempdir().unwrap();
    for (format, name) in [("text", "plan.txt"), ("json", "plan.json"), ("ics", "plan.ics")] {
        let path = dir.path().join(name);
        let out = run(&with(&["--format", format, "-o", path.to_str().unwrap()]));
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        assert!(out.stdout.is_empty());
        let written = std::fs::read_to_string(&path).unwrap();
        assert_eq!(written, stdout(&with(&["--format", format])));
    }
}

#[test]
fn same_inputs_same_plan_and_the_seed_varies_it() {
    assert_eq!(stdout(&POSTURE), stdout(&POSTURE));
    let base = stdout(&["--weeks", "1"]);
    let varied = (1..10).any(|seed| stdout(&["--weeks", "1", "--seed", &seed.to_string()]) != base);
    assert!(varied, "no seed from 1 to 9 changed the plan");
}

#[test]
fn a_plan_starting_on_a_wednesday_starts_that_day() {
    let json: serde_json::Value = serde_json::from_str(&stdout(&[
        "--start",
        "2026-11-25",
        "--days",
        "mon,wed,fri",
        "--weeks",
        "1",
        "--format",
        "json",
    ]))
    .unwrap();
    let dates: Vec<&str> =
        json["sessions"].as_array().unwrap().iter().map(|s| s["date"].as_str().unwrap()).collect();
    assert_eq!(dates, ["2026-11-25", "2026-11-27", "2026-11-30"]);
}

/// Runs with bad input: exit 2 and one line on stderr containing `expected`.
fn rejects(args: &[&str], expected: &str) {
    let out = run(args);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
    assert!(out.stdout.is_empty(), "{args:?}");
    assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
    assert!(err.contains(expected), "{args:?}: {err}");
    assert!(!err.contains("panicked"));
}

#[test]
fn a_budget_below_the_shortest_session_names_the_minimum() {
    rejects(
        &["--minutes", "1", "--seated-only"],
        "--minutes: \"1\" is not allowed; the shortest session these stretches allow is 2 minutes",
    );
}

#[test]
fn constraints_that_leave_nothing_say_what_removed_what() {
    rejects(
        &["--seated-only", "--avoid", "shoulder-injury", "--equipment", "none"],
        "no stretch is left: --seated-only removed 16, --equipment (you have: nothing) removed 4",
    );
}

#[test]
fn unknown_words_list_the_known_ones() {
    rejects(
        &["--goal", "flying"],
        "--goal: \"flying\" is not allowed; unknown goal; use tension, mobility, posture, desk-break or gentle-start",
    );
    rejects(&["--avoid", "back-pain"], "unknown condition \"back-pain\"; use wrist-pain");
    rejects(&["--equipment", "bench"], "unknown equipment \"bench\"; use none, chair");
    rejects(&["--days", "mon,funday"], "unknown day \"funday\"; use mon, tue");
}

#[test]
fn bad_numbers_and_dates_are_rejected() {
    rejects(&["--weeks", "0"], "--weeks");
    rejects(&["--minutes", "0"], "--minutes");
    rejects(&["--minutes", "90"], "--minutes");
    rejects(&["--start", "2026-02-30"], "\"2026-02-30\" is not a date; write YYYY-MM-DD");
    rejects(&["--start", "next week"], "is not a date");
}

#[test]
fn an_output_folder_that_does_not_exist_fails_before_any_work() {
    rejects(&["-o", "/no/such/folder/plan.txt"], "the folder /no/such/folder does not exist");
}
