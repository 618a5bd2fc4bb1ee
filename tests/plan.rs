//! `stretchsheet plan` run as a program: text, JSON and iCalendar output,
//! `-o`, `--explain`, determinism, one clear line with exit 2 for each kind
//! of bad input, and the PDF: a valid file on the requested paper with
//! every step of every planned stretch, every warning sign and every
//! session in its text, identical bytes for identical input.

use std::path::{Path, PathBuf};

use crate::harness::*;

const POSTURE: [&str; 9] =
    ["plan", "--goal", "posture", "--minutes", "10", "--days", "mon,wed,fri", "--weeks", "4"];

/// The posture plan's arguments with `extra` after them.
fn posture<'a>(extra: &[&'a str]) -> Vec<&'a str> {
    POSTURE.iter().copied().chain(extra.iter().copied()).collect()
}

/// `plan ARGS…` (the word "plan" is added) in a fresh folder: its stdout.
fn plan(args: &[&str]) -> String {
    ok_stdout(&[&["plan"], args].concat())
}

#[test]
fn text_names_goal_dates_routines_and_weekly_minutes() {
    let text = ok_stdout(&POSTURE);
    assert!(text.starts_with("Stretch plan: posture\n"), "{text}");
    assert!(text.contains("Mon 23 Nov 2026 to Sun 20 Dec 2026 (12 sessions)"), "{text}");
    assert!(text.contains("Routine A"));
    // When to stop and when to get help, in brief, at the end.
    for line in [
        "\nStay safe\n",
        "  Stop if: pain is sharp",
        "  Call emergency services now for: chest pain",
        "  See a doctor today: ",
    ] {
        assert!(text.contains(line), "{line:?} missing: {text}");
    }
    for week in 1..=4 {
        assert!(text.contains(&format!("Week {week}: ")), "week {week}");
    }
    assert!(text.contains("minutes a week"));
    assert!(!text.contains("Why these stretches"));
}

#[test]
fn explain_says_why_in_and_why_out() {
    let text = ok_stdout(&posture(&["--explain"]));
    assert!(text.contains("Why these stretches"));
    assert!(text.contains("Left out"));
    assert!(text.contains("Doorway chest stretch: needs a doorway (you have: chair, wall)"), "{text}");
}

#[test]
fn json_follows_the_schema_and_stays_within_budget() {
    let plan = json(&ok_stdout(&posture(&["--format", "json"])));
    assert_eq!(plan["schema_version"], 1);
    assert_eq!(plan["minutes_per_session"], 10);
    assert_eq!(plan["start"], "2026-11-23");
    assert_eq!(plan["weeks"], 4);
    let sessions = plan["sessions"].as_array().unwrap();
    assert_eq!(sessions.len(), 12);
    // Sessions build up to the budget: within it always, at least 90 % of
    // it in the last week.
    for s in sessions {
        let total = s["total_seconds"].as_u64().unwrap();
        assert!(total <= 600, "{s}");
        if s["week"] == 4 {
            assert!(total >= 540, "{s}");
        }
        assert!(["mon", "wed", "fri"].contains(&s["weekday"].as_str().unwrap()));
        assert!(s["routine"].is_string());
        for stretch in s["stretches"].as_array().unwrap() {
            for key in ["id", "name", "seconds", "hold_s", "reps", "sides"] {
                assert!(stretch.get(key).is_some(), "{key} in {stretch}");
            }
        }
    }
    // One routine at 10 minutes: the only floor visit it could rotate in
    // is too short to get down for (rotation is a unit test in schedule).
    assert!(!plan["routines"].as_array().unwrap().is_empty());
    assert!(plan.get("explanation").is_none());
    let explained = json(&ok_stdout(&posture(&["--format", "json", "--explain"])));
    assert!(explained["explanation"]["left_out"].is_array());
}

#[test]
fn ics_has_one_event_per_session_with_crlf_lines() {
    let ics = ok_stdout(&posture(&["--format", "ics"]));
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
    let dir = tempdir();
    for (format, name) in [("text", "plan.txt"), ("json", "plan.json"), ("ics", "plan.ics")] {
        let out = run_in(dir.path(), &posture(&["--format", format, "-o", name]));
        assert!(ok(&out).is_empty());
        let written = std::fs::read_to_string(dir.path().join(name)).unwrap();
        assert_eq!(written, ok_stdout(&posture(&["--format", format])));
    }
}

#[test]
fn same_inputs_same_plan_and_the_seed_varies_it() {
    assert_eq!(ok_stdout(&POSTURE), ok_stdout(&POSTURE));
    let base = plan(&["--weeks", "1"]);
    let varied = (1..10).any(|seed| plan(&["--weeks", "1", "--seed", &seed.to_string()]) != base);
    assert!(varied, "no seed from 1 to 9 changed the plan");
}

#[test]
fn a_plan_starting_on_a_wednesday_starts_that_day() {
    let args = ["--start", "2026-11-25", "--days", "mon,wed,fri", "--weeks", "1", "--format", "json"];
    let plan = json(&plan(&args));
    let dates: Vec<&str> =
        plan["sessions"].as_array().unwrap().iter().map(|s| s["date"].as_str().unwrap()).collect();
    assert_eq!(dates, ["2026-11-25", "2026-11-27", "2026-11-30"]);
}

/// `plan ARGS…` fails with one line containing `expected` (see
/// [`rejects`]).
fn plan_rejects(args: &[&str], expected: &str) {
    rejects(&[&["plan"], args].concat(), expected);
}

#[test]
fn seated_only_finds_stretches_done_standing_or_sitting() {
    // Stretches done either way count as seated, so strict limits still
    // leave a plan (the message for limits that leave nothing is tested
    // beside the planner, in src/plan/eligible.rs).
    let out = ok_stdout(&[
        "plan",
        "--seated-only",
        "--avoid",
        "shoulder-injury",
        "--equipment",
        "chair",
        "--format",
        "json",
    ]);
    let plan = json(&out);
    let text = plan.to_string();
    assert!(text.contains("shoulder-shrugs") || text.contains("shoulder-rolls"), "{text}");
    assert!(!text.contains("\"position\":\"standing\""), "a standing position in a seated-only plan");
}

#[test]
fn a_gentle_start_keeps_to_gentle_stretches_off_the_floor() {
    // The built-in stretches of gentle intensity that can be done upright.
    const GENTLE: [&str; 8] = [
        "butterfly",
        "chin-tucks",
        "overhead-reach",
        "seated-thoracic-rotation",
        "seated-trunk-rotation",
        "shoulder-blade-squeeze",
        "shoulder-rolls",
        "shoulder-shrugs",
    ];
    for minutes in ["3", "10", "30"] {
        let args = ["--goal", "gentle-start", "--goal", "posture", "--minutes", minutes];
        assert!(plan(&args).contains("gentle moves only, off the floor"));
        let plan = json(&plan(&[&args[..], &["--format", "json"]].concat()));
        for session in plan["sessions"].as_array().unwrap() {
            for stretch in session["stretches"].as_array().unwrap() {
                let id = stretch["id"].as_str().unwrap();
                assert!(GENTLE.contains(&id), "{minutes} minutes: {id}");
                let position = stretch["position"].as_str().unwrap();
                assert!(["standing", "seated"].contains(&position), "{id} {position}");
            }
        }
        // One routine: few moves to learn on a bad day.
        assert_eq!(plan["routines"].as_array().unwrap().len(), 1, "{minutes} minutes");
    }
}

#[test]
fn equipment_follows_the_position_chosen() {
    // Chin tucks list a chair, but only to sit on: standing they need
    // nothing, so a plan with nothing keeps them, standing.
    let plan = json(&plan(&["--goal", "posture", "--equipment", "none", "--format", "json"]));
    let chin = plan["routines"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| r["stretches"].as_array().unwrap())
        .find(|s| s["id"] == "chin-tucks")
        .expect("chin tucks in a posture plan with no equipment");
    assert_eq!(chin["position"], "standing");
    // Seated with nothing to sit on is one clear line.
    plan_rejects(
        &["--seated-only", "--equipment", "none"],
        "--seated-only: seated stretches need a chair to sit on; add chair to the equipment you have",
    );
}

#[test]
fn a_plan_of_six_weeks_or_more_asks_for_a_review_in_text_and_json() {
    const REVIEW: &str = "Review your plan with your physiotherapist or doctor after about 4–6 weeks.";
    assert!(plan(&["--weeks", "6"]).contains(REVIEW));
    assert!(!plan(&["--weeks", "5"]).contains("Review your plan"));
    assert_eq!(json(&plan(&["--weeks", "12", "--format", "json"]))["review"], REVIEW);
    assert!(json(&plan(&["--weeks", "4", "--format", "json"])).get("review").is_none());
    // And on the printed plan.
    let dir = tempdir();
    let pdf = |name: &str, weeks: &str| {
        ok(&run_in(dir.path(), &["plan", "--weeks", weeks, "--format", "pdf", "-o", name]));
        dir.path().join(name)
    };
    let (long, short) = (pdf("long.pdf", "6"), pdf("short.pdf", "4"));
    let (Some(long), Some(short)) = (body_text(&long, ""), body_text(&short, "")) else { return };
    assert!(long.contains(REVIEW), "{long}");
    assert!(!short.contains("Review your plan"), "{short}");
}

#[test]
fn a_desk_break_plan_is_short_breaks_repeated_through_the_day() {
    let text = plan(&["--goal", "desk-break"]);
    assert!(text.contains("\n3 minutes a session on Mon, Tue, Wed, Thu and Fri"), "{text}");
    assert!(text.contains("about once an hour") && text.contains("`stretchsheet card`"), "{text}");
    let plan_json = json(&plan(&["--goal", "desk-break", "--format", "json"]));
    assert_eq!(plan_json["minutes_per_session"], 3);
    assert!(plan_json["desk_break"].as_str().unwrap().contains("once an hour"));
    assert!(!plan(&["--goal", "posture"]).contains("once an hour"));
    // The printed plan says so too, without the command.
    let dir = tempdir();
    ok(&run_in(dir.path(), &["plan", "--goal", "desk-break", "--format", "pdf", "-o", "desk.pdf"]));
    let path = dir.path().join("desk.pdf");
    let Some(text) = body_text(&path, "") else { return };
    assert!(text.contains("Repeat this short break through your working day, about once an hour."), "{text}");
    assert!(!text.contains("stretchsheet card"), "{text}");
}

#[test]
fn unknown_words_list_the_known_ones() {
    plan_rejects(
        &["--goal", "flying"],
        "--goal: unknown goal \"flying\"; use tension, mobility, posture, desk-break or gentle-start",
    );
    plan_rejects(
        &["--avoid", "back-pain"],
        "unknown condition \"back-pain\"; did you mean neck-pain? (use wrist-pain",
    );
    plan_rejects(&["--equipment", "bench"], "unknown equipment \"bench\"; use none, chair");
    plan_rejects(&["--days", "mon,xyz"], "unknown day \"xyz\"; use mon, tue");
    plan_rejects(&["--days", "mon,tusday"], "unknown day \"tusday\"; did you mean tue?");
}

#[test]
fn bad_numbers_and_dates_are_rejected() {
    plan_rejects(&["--weeks", "0"], "--weeks");
    plan_rejects(&["--minutes", "0"], "--minutes");
    plan_rejects(&["--minutes", "90"], "--minutes");
    plan_rejects(&["--start", "2026-02-30"], "\"2026-02-30\" is not a date; write YYYY-MM-DD");
    plan_rejects(&["--start", "next week"], "is not a date");
}

#[test]
fn an_output_folder_that_does_not_exist_fails_before_any_work() {
    plan_rejects(&["-o", "/no/such/folder/plan.txt"], "the folder /no/such/folder does not exist");
}

/// Writes the posture plan as a PDF to `dir/NAME` and returns its path.
fn plan_pdf(dir: &Path, name: &str, extra: &[&str]) -> PathBuf {
    ok(&run_in(dir, &posture(&[&["--format", "pdf", "-o", name], extra].concat())));
    dir.join(name)
}

/// The plan's one end-to-end read of the PDF's text; what it must hold
/// comes from the same plan as JSON.
#[test]
fn pdf_has_every_step_red_flag_and_session() {
    let dir = tempdir();
    let path = plan_pdf(dir.path(), "plan.pdf", &[]);
    assert_valid_pdf(&path);
    let pages = assert_pages_sized(&path, A4);
    assert!(pages >= 6, "overview, routines, exercises, log, safety");

    let expected = json(&ok_stdout(&posture(&["--format", "json", "--explain"])));
    let Some(text) = body_text(&path, "General guidance, not personal medical advice.") else { return };
    for chosen in expected["explanation"]["chosen"].as_array().expect("chosen stretches") {
        let stretch = stretch(chosen["id"].as_str().expect("an id"));
        let name = stretch["name"].as_str().expect("a name");
        assert!(text.contains(name), "{name} missing");
        assert_has_all(&text, "step", &strings(&stretch, "steps"));
    }
    assert_has_all(&text, "red flag", Safety::read().red_flags());
    for session in expected["sessions"].as_array().expect("sessions") {
        let date: chrono::NaiveDate = session["date"].as_str().and_then(|d| d.parse().ok()).expect("a date");
        let label =
            format!("{} · {}", date.format("%a %-d %b"), session["routine"].as_str().expect("a label"));
        assert!(text.contains(&label), "log row missing: {label}");
    }
    for week in 1..=4 {
        assert!(text.contains(&format!("Week {week}")));
    }
}

#[test]
fn pdf_on_letter_landscape_in_large_print_keeps_its_size() {
    let dir = tempdir();
    let path = plan_pdf(dir.path(), "plan.pdf", &["--paper", "letter", "--landscape", "--large-print"]);
    assert_valid_pdf(&path);
    assert_pages_sized(&path, (LETTER.1, LETTER.0));
}

#[test]
fn pdf_of_the_same_input_has_identical_bytes() {
    let dir = tempdir();
    let a = std::fs::read(plan_pdf(dir.path(), "a.pdf", &[])).unwrap();
    let b = std::fs::read(plan_pdf(dir.path(), "b.pdf", &[])).unwrap();
    assert_eq!(a, b);
}

#[test]
fn a_bad_title_is_refused_before_writing() {
    let dir = tempdir();
    let args = posture(&["--format", "pdf", "-o", "plan.pdf", "--title", "Back → better"]);
    let line = bad(&run_in(dir.path(), &args));
    assert!(line.contains("--title: the character \"→\""), "{line}");
    assert!(!dir.path().join("plan.pdf").exists());
}

/// A plan with floor work says how to get down to the floor and back up,
/// every line of it; a plan without floor work leaves it out. The
/// handout does the same.
#[test]
fn floor_work_comes_with_getting_down_and_up() {
    let safety = Safety::read();
    assert!(safety.floor.len() >= 3);
    let dir = tempdir();
    let runs = [
        vec![
            "plan",
            "--goal",
            "mobility",
            "--equipment",
            "none,chair,wall,mat",
            "--format",
            "pdf",
            "-o",
            "floor.pdf",
        ],
        vec!["plan", "--goal", "mobility", "--no-floor", "--format", "pdf", "-o", "upright.pdf"],
        vec!["handout", "--stretch", "cat-cow", "--stretch", "wall-chest-stretch", "-o", "floor-handout.pdf"],
        vec![
            "handout",
            "--stretch",
            "wall-chest-stretch",
            "--stretch",
            "chin-tucks",
            "-o",
            "upright-handout.pdf",
        ],
    ];
    for out in run_all_in(dir.path(), &runs) {
        ok(&out);
    }
    for (file, floor) in [
        ("floor.pdf", true),
        ("upright.pdf", false),
        ("floor-handout.pdf", true),
        ("upright-handout.pdf", false),
    ] {
        let Some(text) = body_text(&dir.path().join(file), "") else { return };
        assert_eq!(text.contains("Getting down to the floor and back up"), floor, "{file}");
        if floor {
            assert_has_all(&text, file, &safety.floor);
        }
    }
}

/// A plan made within limits says so on its first page, in plain words, so
/// the patient and anyone who reads the sheet with them see what the
/// choice allowed for; a plan without limits prints no such line.
#[test]
fn a_plan_made_within_limits_says_whom_it_was_made_for() {
    let dir = tempdir();
    let limited = plan_pdf(
        dir.path(),
        "limited.pdf",
        &["--older", "--seated-only", "--avoid", "osteoporosis,shoulder-injury"],
    );
    let plain = plan_pdf(dir.path(), "plain.pdf", &[]);
    let (Some(limited), Some(plain)) = (pdf_pages_text(&limited), pdf_pages_text(&plain)) else { return };
    let first = squash(&limited[0]);
    let expected = "Made for: an older adult · seated stretches only · leaving out the stretches to avoid \
                    with a shoulder injury or osteoporosis";
    assert!(first.contains(expected), "{first}");
    assert!(!plain.iter().any(|page| page.contains("Made for")), "a plan without limits names none");
}
