//! What the command line says about itself: `--help` with each command's
//! real defaults and the built-in goal ids, shell completion scripts that
//! complete stretch ids, goals, equipment and conditions, and the manual
//! page with every command's options on one page.

use clap::builder::PossibleValuesParser;
use clap::{Arg, Command, CommandFactory};

use super::args::Cli;
use super::convert::{
    BATCH_FOLDER, CARD_FILE, CARD_GOAL, CARD_MINUTES, GALLERY_FILE, PLAN_FILE, SESSION_MINUTES,
};
use crate::content::{Condition, Equipment, Position};
use crate::doc::Paper;

/// The command line with the help that depends on the built-in content and
/// on each command's defaults.
pub fn command() -> Command {
    let goals = crate::content::built_in_goal_ids().join(", ");
    let goal_help = |default: &str| format!("A goal to work on (repeatable): {goals} [default: {default}]");
    let minutes = |n: u32| format!("Minutes per session, 1–60 [default: {n}]");
    let output = |file: &str| format!("Write to this file (`-` for stdout) [default: {file}]");
    Cli::command()
        .mut_subcommand("card", |c| {
            c.mut_arg("goal", |a| a.help(goal_help(CARD_GOAL)))
                .mut_arg("minutes", |a| a.help(minutes(CARD_MINUTES)))
                .mut_arg("output", |a| a.help(output(CARD_FILE)))
        })
        .mut_subcommand("plan", |c| {
            c.mut_arg("goal", |a| a.help(goal_help("every goal")))
                .mut_arg("minutes", |a| a.help(minutes(SESSION_MINUTES)))
                .mut_arg("output", |a| {
                    a.help(format!(
                        "Write to this file (`-` for stdout) [default: standard output; {PLAN_FILE} for pdf]"
                    ))
                })
        })
        .mut_subcommand("handout", |c| {
            c.mut_arg("goal", |a| a.help(goal_help("every goal")))
                .mut_arg("minutes", |a| a.help(minutes(SESSION_MINUTES)))
                .mut_arg("output", |a| a.help(output("handout-<patient>.pdf")))
        })
        .mut_subcommand("gallery", |c| c.mut_arg("output", |a| a.help(output(GALLERY_FILE))))
        .mut_subcommand("batch", |c| {
            c.mut_arg("output", |a| {
                a.help(format!(
                    "Write the handouts into this folder, made if missing [default: {BATCH_FOLDER}]"
                ))
            })
        })
        .mut_subcommand("list", |c| {
            c.mut_arg("goal", |a| a.help(format!("Only stretches serving this goal (repeatable): {goals}")))
        })
}

/// The completion script for `shell`: values that can be completed are
/// offered (stretch ids, goals, equipment, conditions, positions, papers).
pub fn completions(shell: clap_complete::Shell) -> Vec<u8> {
    let ids: Vec<String> =
        crate::assets::stretch_files().map(|(path, _)| crate::content::stem(path.as_ref())).collect();
    let goals = crate::content::built_in_goal_ids();
    let words = |list: Vec<String>| PossibleValuesParser::new(list);
    let equipment: Vec<String> = std::iter::once("none".to_string())
        .chain(Equipment::ALL.iter().map(|e| e.as_str().to_string()))
        .collect();
    let conditions: Vec<String> = Condition::ALL.iter().map(|c| c.as_str().to_string()).collect();
    let positions: Vec<String> = Position::ALL.iter().map(|p| p.as_str().to_string()).collect();
    let papers: Vec<String> = Paper::ALL.iter().map(|p| p.as_str().to_string()).collect();
    let complete = |cmd: Command| -> Command {
        let mut cmd = cmd;
        for (name, values) in [
            ("goal", &goals),
            ("equipment", &equipment),
            ("avoid", &conditions),
            ("position", &positions),
            ("paper", &papers),
            ("stretch", &ids),
            ("id", &ids),
        ] {
            if cmd.get_arguments().any(|a: &Arg| a.get_id() == name) {
                let values = values.clone();
                cmd = cmd.mut_arg(name, |a| a.value_parser(words(values)));
            }
        }
        cmd
    };
    let mut cmd = command();
    let names: Vec<String> = cmd.get_subcommands().map(|s| s.get_name().to_string()).collect();
    for name in names {
        cmd = cmd.mut_subcommand(name, complete);
    }
    let mut bytes = Vec::new();
    clap_complete::generate(shell, &mut cmd, "stretchsheet", &mut bytes);
    bytes
}

/// The manual page: the program, then each command with its options and
/// examples, on one page (it refers to no other page).
pub fn man_page() -> Vec<u8> {
    let mut cmd = command().disable_help_subcommand(true);
    cmd.build();
    let mut out = Vec::new();
    let top = clap_mangen::Man::new(cmd.clone());
    let _ = top.render_title(&mut out);
    let _ = top.render_name_section(&mut out);
    let _ = top.render_synopsis_section(&mut out);
    let _ = top.render_description_section(&mut out);
    let _ = top.render_options_section(&mut out);
    // In the order `--help` lists them (the build leaves them otherwise).
    let mut subs: Vec<&Command> = cmd.get_subcommands().filter(|s| !s.is_hide_set()).collect();
    subs.sort_by_key(|s| s.get_display_order());
    for sub in subs {
        out.extend(subcommand_section(sub));
    }
    let mut extra = Vec::new();
    let _ = top.render_extra_section(&mut extra);
    out.extend(String::from_utf8_lossy(&extra).replace(".SH EXTRA", ".SH EXAMPLES").into_bytes());
    out
}

/// One command's part of the manual page: a section headed by the command,
/// its synopsis, description, options and examples as subsections.
fn subcommand_section(sub: &Command) -> Vec<u8> {
    let man = clap_mangen::Man::new(sub.clone());
    let mut part = Vec::new();
    let name = sub.get_display_name().unwrap_or(sub.get_name()).replace('-', " ");
    part.extend(format!(".SH \"{}\"\n", name.to_uppercase()).into_bytes());
    let mut body = Vec::new();
    let _ = man.render_synopsis_section(&mut body);
    let _ = man.render_description_section(&mut body);
    let _ = man.render_options_section(&mut body);
    let _ = man.render_extra_section(&mut body);
    let text = String::from_utf8_lossy(&body)
        .replace(".SH SYNOPSIS", ".SS Synopsis")
        .replace(".SH DESCRIPTION", ".SS Description")
        .replace(".SH OPTIONS", ".SS Options")
        .replace(".SH EXTRA", ".SS Examples");
    part.extend(text.into_bytes());
    part
}
