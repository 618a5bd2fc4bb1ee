//! Snapshot tests (insta; files in `tests/snapshots/`): plans as text, JSON
//! and iCalendar for a few requests, and `--help` of the top level and of
//! every subcommand at 80 columns, all as the binary prints them. See
//! "Snapshots" in the README to review and accept a change.

use crate::harness::*;

/// A named plan request: the snapshot's name and `plan`'s arguments.
struct Request {
    name: &'static str,
    args: &'static [&'static str],
}

const POSTURE: Request = Request {
    name: "posture-10min-mwf-4wk",
    args: &[
        "--goal",
        "posture",
        "--minutes",
        "10",
        "--start",
        "2026-11-23",
        "--days",
        "mon,wed,fri",
        "--weeks",
        "4",
    ],
};

const TENSION: Request = Request {
    name: "tension-older-seated-15min",
    args: &[
        "--goal",
        "tension",
        "--minutes",
        "15",
        "--older",
        "--seated-only",
        "--start",
        "2026-11-25",
        "--days",
        "mon,wed,fri",
        "--weeks",
        "2",
    ],
};

const EVERY_GOAL: Request = Request {
    name: "every-goal-no-floor-seed7",
    args: &[
        "--minutes",
        "12",
        "--no-floor",
        "--avoid",
        "wrist-pain",
        "--seed",
        "7",
        "--start",
        "2026-11-23",
        "--days",
        "tue,thu",
        "--weeks",
        "3",
    ],
};

const MOBILITY: Request = Request {
    name: "mobility-props-20min",
    args: &[
        "--goal",
        "mobility",
        "--minutes",
        "20",
        "--equipment",
        "towel,foam-roller,mat",
        "--start",
        "2026-11-23",
        "--days",
        "sat",
        "--weeks",
        "2",
    ],
};

/// `plan` of the request with `extra` arguments: what it prints.
fn plan(request: &Request, extra: &[&str]) -> String {
    ok_stdout(&[&["plan"], request.args, extra].concat())
}

#[test]
fn plans_as_text() {
    for request in [&POSTURE, &TENSION, &MOBILITY] {
        snapshot(&format!("plan-text-{}", request.name), &plan(request, &["--explain"]));
    }
    snapshot(&format!("plan-text-{}", EVERY_GOAL.name), &plan(&EVERY_GOAL, &[]));
}

#[test]
fn plans_as_json() {
    snapshot(&format!("plan-json-{}", TENSION.name), &plan(&TENSION, &["--format", "json", "--explain"]));
    snapshot(&format!("plan-json-{}", MOBILITY.name), &plan(&MOBILITY, &["--format", "json"]));
}

/// The iCalendar form with its CRLF line ends made plain newlines (after
/// checking every line has one), so the snapshot reads as text, and the
/// crate's version in PRODID replaced, so a release changes no snapshot.
fn ics(request: &Request) -> String {
    let ics = plan(request, &["--format", "ics"]);
    assert!(ics.ends_with("\r\n") && !ics.replace("\r\n", "").contains(['\r', '\n']), "bare line ends");
    let prodid = format!("PRODID:-//stretchsheet//stretchsheet {}//EN\r\n", env!("CARGO_PKG_VERSION"));
    assert!(ics.contains(&prodid), "no {prodid:?}");
    ics.replace(&prodid, "PRODID:-//stretchsheet//stretchsheet [version]//EN\r\n").replace("\r\n", "\n")
}

#[test]
fn plans_as_icalendar() {
    for request in [&POSTURE, &TENSION] {
        snapshot(&format!("plan-ics-{}", request.name), &ics(request));
    }
}

/// Every subcommand, in the order the top-level help lists them.
const SUBCOMMANDS: [&str; 11] =
    ["card", "plan", "handout", "batch", "init", "gallery", "list", "show", "check", "completions", "man"];

/// The subcommands the top-level help lists under "Commands:" (but `help`).
fn listed_subcommands(help: &str) -> Vec<&str> {
    help.lines()
        .skip_while(|l| *l != "Commands:")
        .skip(1)
        .take_while(|l| !l.is_empty())
        .filter(|l| l.starts_with("  ") && !l.starts_with("   "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|name| *name != "help")
        .collect()
}

#[test]
fn help_of_the_top_level_and_every_subcommand() {
    let top = ok_stdout(&["--help"]);
    assert_eq!(listed_subcommands(&top), SUBCOMMANDS, "a new subcommand needs its help snapshot here");
    snapshot("help", &top);
    for sub in SUBCOMMANDS {
        snapshot(&format!("help-{sub}"), &ok_stdout(&[sub, "--help"]));
    }
}
