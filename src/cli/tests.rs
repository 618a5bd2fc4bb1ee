//! Tests of the command line: defaults, conversion, and that every error
//! is one line naming the flag, the value and what is allowed.

use chrono::Weekday;
use clap::CommandFactory;

use super::*;
use crate::config::Command;
use crate::content::Equipment;
use crate::output::Output;
use crate::plan::Request;

fn today() -> NaiveDate {
    "2026-11-21".parse().unwrap()
}

fn config(args: &[&str]) -> Config {
    let all = std::iter::once("stretchsheet").chain(args.iter().copied());
    match parse(all, today()) {
        Ok(Parsed::Run(config)) => *config,
        Ok(Parsed::Info { text, .. }) => panic!("help instead of a config: {text}"),
        Err(e) => panic!("usage error: {e}"),
    }
}

fn error(args: &[&str]) -> String {
    let all = std::iter::once("stretchsheet").chain(args.iter().copied());
    match parse(all, today()) {
        Err(e) => e.renaming(flag_names).to_string(),
        _ => panic!("expected an error for {args:?}"),
    }
}

#[test]
fn definition_is_consistent() {
    Cli::command().debug_assert();
    command().debug_assert();
}

#[test]
fn plan_defaults() {
    let Command::Plan(job) = config(&["plan"]).command else { panic!() };
    assert_eq!(job.request.minutes, 10);
    assert_eq!(job.request.equipment, Request::default_equipment());
    assert_eq!(job.calendar.start, "2026-11-23".parse().unwrap());
    assert_eq!(job.calendar.days, [Weekday::Mon, Weekday::Wed, Weekday::Fri]);
    assert_eq!(job.output, Output::Stdout);
}

#[test]
fn plan_options_convert_in_any_case() {
    let c = config(&[
        "plan",
        "--goal",
        "Posture",
        "--minutes",
        "12",
        "--days",
        "Friday,mon",
        "--weeks",
        "2",
        "--avoid",
        "wrist-pain,Knee-Pain",
        "--equipment",
        "none,towel",
        "--format",
        "PDF",
        "--library",
        "x",
    ]);
    assert_eq!(c.library.as_deref(), Some(std::path::Path::new("x")));
    let Command::Plan(job) = c.command else { panic!() };
    assert_eq!(job.request.goals, ["posture"]);
    assert_eq!(job.calendar.days, [Weekday::Mon, Weekday::Fri]);
    assert_eq!(job.request.equipment.iter().collect::<Vec<_>>(), [&Equipment::Towel]);
    assert_eq!(job.request.avoid.len(), 2);
    assert_eq!(job.output, Output::File("stretch-plan.pdf".into()));
}

#[test]
fn card_defaults_to_a_five_minute_desk_break() {
    let Command::Card(job) = config(&["card"]).command else { panic!() };
    assert_eq!((job.request.goals.as_slice(), job.request.minutes), (&["desk-break".to_string()][..], 5));
    assert!(config(&["card", "--quiet"]).quiet);
}

#[test]
fn a_desk_break_plan_defaults_to_short_breaks() {
    let minutes = |args: &[&str]| {
        let Command::Plan(job) = config(args).command else { panic!() };
        job.request.minutes
    };
    assert_eq!(minutes(&["plan", "--goal", "desk-break"]), 3);
    assert_eq!(minutes(&["plan", "--goal", "desk-break", "--minutes", "8"]), 8, "as given");
    assert_eq!(minutes(&["plan", "--goal", "desk-break", "--goal", "posture"]), 10);
    assert_eq!(minutes(&["plan"]), 10);
}

#[test]
fn bad_values_are_one_line_naming_option_and_allowed_values() {
    let cases: &[(&[&str], &str)] = &[
        (&["plan", "--minutes", "90"], "--minutes: 90 is more than 60 (a session is 1–60 minutes)"),
        (&["plan", "--weeks", "0"], "--weeks: 0 is less than 1 (a plan is 1–12 weeks)"),
        (
            &["plan", "--seed", "-1"],
            "--seed: -1 is less than 0 (a seed is a whole number from 0 to 4294967295)",
        ),
        (
            &["plan", "--days", "mon,xyz"],
            "--days: unknown day \"xyz\"; use mon, tue, wed, thu, fri, sat or sun",
        ),
        (
            &["plan", "--start", "2026-02-30"],
            "--start: \"2026-02-30\" is not a date; write YYYY-MM-DD, for example 2026-03-02",
        ),
        (&["card", "--paper", "b4"], "--paper: unknown paper \"b4\"; use a4, letter or a5"),
        (&["plan", "--format", "xml"], "--format: unknown value \"xml\"; use text, json, ics or pdf"),
        (&["show"], "the following required arguments were not provided: <ID>"),
        (&["plan", "--minuts", "5"], "unknown option --minuts; did you mean --minutes?"),
    ];
    for (args, want) in cases {
        assert_eq!(error(args), *want, "{args:?}");
    }
    let e = error(&["plan", "--equipment", "bench"]);
    assert!(e.starts_with("--equipment: unknown equipment \"bench\"; use none, chair, wall"), "{e}");
    let e = error(&["plan", "--avoid", "back-pain"]);
    assert!(
        e.starts_with("--avoid: unknown condition \"back-pain\";") && e.contains("use wrist-pain"),
        "{e}"
    );
    assert_eq!(config(&["plan", "--minutes", " 5"]).command, config(&["plan", "--minutes", "5"]).command);
}

#[test]
fn no_arguments_prints_usage_with_the_commands_and_exit_2() {
    match parse(["stretchsheet"], today()) {
        Ok(Parsed::Info { text, to_stderr, code }) => {
            assert!(to_stderr && code == 2);
            assert!(text.contains("Commands:") && text.contains("card") && text.contains("--help"), "{text}");
        }
        _ => panic!("expected usage"),
    }
}

#[test]
fn help_states_defaults_and_goal_ids() {
    let mut cmd = command();
    let card = cmd.find_subcommand_mut("card").unwrap().render_long_help().to_string();
    assert!(card.contains("[default: desk-break]") && card.contains("[default: 5]"), "{card}");
    assert!(card.contains("desk-card.pdf") && card.contains("posture"), "{card}");
    let check = cmd.find_subcommand_mut("check").unwrap().render_long_help().to_string();
    assert!(!check.contains("--library"), "{check}");
}

#[test]
fn every_subcommand_help_ends_with_an_example_that_fits_80_columns() {
    let mut cli = command();
    for sub in cli.get_subcommands_mut() {
        let help = sub.render_long_help().to_string();
        assert!(help.trim_end().lines().rev().take(3).any(|l| l.contains("stretchsheet ")), "{help}");
        assert!(help.contains("Example:"), "{}", sub.get_name());
        let example = &help[help.find("Example:").unwrap()..];
        for line in example.lines() {
            assert!(line.chars().count() <= 80, "{}: {line}", sub.get_name());
        }
    }
}

#[test]
fn completions_offer_stretch_ids_and_goals() {
    let script = String::from_utf8(docs::completions(clap_complete::Shell::Bash)).unwrap();
    assert!(script.contains("cat-cow") && script.contains("desk-break") && script.contains("foam-roller"));
    assert!(script.contains("wrist-pain"));
}

#[test]
fn the_manual_page_holds_every_command_and_names_no_other_page() {
    let page = String::from_utf8(docs::man_page()).unwrap();
    // Every command, in the order `--help` lists them.
    let mut last = 0;
    for name in ["CARD", "PLAN", "HANDOUT", "BATCH", "INIT", "GALLERY", "LIST", "SHOW", "CHECK"] {
        let at =
            page.find(&format!(".SH \"STRETCHSHEET {name}\"")).unwrap_or_else(|| panic!("{name} missing"));
        assert!(at > last, "{name} out of order");
        last = at;
    }
    assert!(page.contains("\\-\\-minutes") || page.contains("-minutes"));
    assert!(!page.contains("(1)"), "refers to another page");
    assert!(page.contains(".SH EXAMPLES") && !page.contains(".SH EXTRA"));
}
