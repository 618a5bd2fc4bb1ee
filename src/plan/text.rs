//! Plans and routines as plain text for a terminal: the form `plan
//! --format text` prints and the snapshot tests compare.
//!
//! A plan reads top to bottom: a header (goals, minutes per session, days,
//! dates, limits), the routines with each stretch's dose in the first week
//! and, after an arrow, in the last week, then week by week every dated
//! session with its stretches, their doses and seconds (level changes on
//! their own lines), each session's total and the week's minutes. With
//! `explain`, why each stretch is in the plan and why the others are not.

use std::fmt::{self, Write as _};

use super::schedule::{Plan, Session};
use super::select::{Item, Routine};
use super::words::{day_name, level_change_words, long_date, short_date, week_list};
use super::{Prescription, describe};
use crate::content::Safety;
use crate::words::{and_list, count, duration};

const DOSE_WIDTH: usize = 26;

/// Width of the name column: the longest name plus room for a mark.
fn name_width<'a>(names: impl Iterator<Item = &'a str>) -> usize {
    names.map(|n| n.chars().count()).max().unwrap_or(0) + 3
}

/// The lines of a session's stretches (name, dose, seconds), with level
/// changes on their own lines.
fn item_lines(out: &mut String, items: &[Item], indent: &str, width: usize) {
    let mut previous: Option<&Item> = None;
    for item in items {
        if previous.is_some_and(|p| p.round != item.round) {
            let _ = writeln!(out, "{indent}Round {}: again", item.round);
        }
        if let (Some(p), true) = (previous, item.change_s > 0) {
            let words = format!("({})", level_change_words(p.position, item.position));
            let _ = writeln!(out, "{indent}{words:<w$}{:>5} s", item.change_s, w = width + DOSE_WIDTH);
        }
        let _ = writeln!(
            out,
            "{indent}{:<width$}{:<DOSE_WIDTH$}{:>5} s",
            item.name,
            describe(&item.prescription),
            item.seconds
        );
        previous = Some(item);
    }
}

/// A dose without the words that stay the same as a plan progresses:
/// "30 s × 2", "10 times".
fn short_dose(p: &Prescription) -> String {
    match p.hold_s {
        Some(hold) => format!("{hold} s × {}", p.reps),
        None => format!("{} times", p.reps),
    }
}

impl fmt::Display for Routine {
    /// The routine's stretches with doses and seconds, and its total.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "Routine {}: {} of {}",
            self.label,
            duration(self.total_s),
            duration(self.budget_s)
        );
        let width = name_width(self.items.iter().map(|i| i.name.as_str()));
        item_lines(&mut out, &self.items, "  ", width);
        f.write_str(&out)
    }
}

impl fmt::Display for Plan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_text(false))
    }
}

impl Plan {
    /// The plan as text; `explain` adds why each stretch is in or out.
    pub fn to_text(&self, explain: bool) -> String {
        let mut out = String::new();
        self.header(&mut out);
        self.routine_lines(&mut out);
        self.schedule(&mut out);
        if explain {
            self.explanation_lines(&mut out);
        }
        out
    }

    /// [`to_text`](Self::to_text) with the safety rules in brief at the
    /// end: when to stop, when to call for help now or today, and where
    /// the full lists are.
    pub fn to_text_with_safety(&self, explain: bool, safety: &Safety) -> String {
        let mut out = self.to_text(explain);
        let lower = |items: &[String]| {
            let items: Vec<String> =
                items.iter().map(|i| crate::words::lower_first(i.trim_end_matches('.'))).collect();
            items.join("; ")
        };
        let _ = writeln!(out, "\nStay safe");
        let _ = writeln!(out, "  Stop if: {}.", lower(&safety.brief.stop));
        let _ = writeln!(out, "  Call emergency services now for: {}.", lower(&safety.brief.emergency));
        let _ = writeln!(out, "  {}", safety.brief.urgent.trim());
        let _ = writeln!(out, "  {}", safety.brief.more.trim());
        out
    }

    fn header(&self, out: &mut String) {
        let goals = if self.goals.is_empty() {
            "every goal".to_string()
        } else {
            let words: Vec<&str> = self.goals.iter().map(String::as_str).collect();
            and_list(&words)
        };
        let days: Vec<&str> = self.calendar.days.iter().map(|d| day_name(*d)).collect();
        let weeks = self.calendar.weeks;
        let _ = writeln!(out, "Stretch plan: {goals}");
        let _ = writeln!(
            out,
            "{} minutes a session on {}, {} {}: {} to {} ({})",
            self.request.minutes,
            and_list(&days),
            weeks,
            if weeks == 1 { "week" } else { "weeks" },
            long_date(self.calendar.start),
            long_date(self.end()),
            count(self.sessions.len(), "session")
        );
        let _ = writeln!(out, "{}. Seed {}.", self.limits(), self.request.seed);
        let budget = self.request.minutes * 60;
        let last = self.calendar.weeks;
        let in_last = || self.sessions.iter().filter(|s| s.week == last);
        if in_last().any(|s| s.total_s < super::select::ninety_percent(budget)) {
            let _ = writeln!(
                out,
                "Some sessions are shorter than 90 % of {} minutes: the stretches your limits allow cannot fill more.",
                self.request.minutes
            );
        }
        if self.weeks.first().zip(self.weeks.last()).is_some_and(|(a, b)| a.total_s < b.total_s) {
            let _ = writeln!(
                out,
                "Sessions start shorter and build up to about {} by week {last}: holds lengthen and moves repeat more.",
                super::minutes(in_last().map(|s| s.total_s).max().unwrap_or(0))
            );
        }
        for note in [self.older_note(), self.desk_break_note(), self.review_note()].into_iter().flatten() {
            let _ = writeln!(out, "{note}");
        }
        out.push('\n');
    }

    /// "You have: chair, wall; no floor; avoid wrist-pain".
    fn limits(&self) -> String {
        let r = &self.request;
        let have: Vec<&str> = r.equipment.iter().map(|e| e.as_str()).collect();
        let mut parts = vec![format!(
            "You have: {}",
            if have.is_empty() { "nothing".to_string() } else { have.join(", ") }
        )];
        if r.seated_only {
            parts.push("seated only".into());
        }
        if r.no_floor {
            parts.push("no floor".into());
        }
        if r.gentle_start() {
            parts.push("gentle moves only, off the floor".into());
        }
        if !r.avoid.is_empty() {
            let avoid: Vec<&str> = r.avoid.iter().map(|c| c.as_str()).collect();
            parts.push(format!("avoid {}", avoid.join(", ")));
        }
        if r.older {
            parts.push("older adult (large-muscle holds 30–60 s)".into());
            if r.floor {
                parts.push("floor work allowed".into());
            }
        }
        parts.join("; ")
    }

    fn routine_lines(&self, out: &mut String) {
        let weeks = self.calendar.weeks;
        if self.routines.len() > 1 {
            let _ = writeln!(
                out,
                "Routines: * marks the core, in every routine; the others change from routine to routine."
            );
        }
        let progress = if weeks > 1 { format!("week 1 → week {weeks}") } else { "week 1".to_string() };
        let width = self.name_width();
        for (r, routine) in self.routines.iter().enumerate() {
            if r > 0 || self.routines.len() > 1 {
                out.push('\n');
            }
            let _ = writeln!(out, "  Routine {} (dose {progress})", routine.label);
            for (n, entry) in self.routine_stretches(r).iter().enumerate() {
                let item = entry.item;
                let mark = if item.core && self.routines.len() > 1 { " *" } else { "" };
                let first = describe(&item.prescription);
                let last_week = entry.weeks.last().copied().unwrap_or(1);
                let mut dose = match self.dose(r, &item.id, last_week) {
                    Some(last) if last != item.prescription => format!("{first} → {}", short_dose(&last)),
                    _ => first,
                };
                if entry.weeks.len() < weeks as usize {
                    dose.push_str(&format!(" ({})", week_list(&entry.weeks)));
                }
                let _ = writeln!(
                    out,
                    "  {:>2}. {:<width$}{:<17}{dose}",
                    n + 1,
                    format!("{}{mark}", item.name),
                    item.position.as_str(),
                );
            }
            if let Some(note) = routine.rounds_note() {
                let _ = writeln!(out, "      {note}");
            }
        }
        out.push('\n');
    }

    /// Width of the name column for every stretch in the plan.
    fn name_width(&self) -> usize {
        name_width(self.weekly.iter().flatten().flat_map(|r| r.items.iter().map(|i| i.name.as_str())))
    }

    fn schedule(&self, out: &mut String) {
        let width = self.name_width();
        for week in &self.weeks {
            let _ = writeln!(
                out,
                "Week {}: {} to {}, {}, {}",
                week.number,
                short_date(week.start),
                short_date(week.end),
                count(week.sessions, "session"),
                duration(week.total_s)
            );
            let sessions: Vec<&Session> = self.sessions.iter().filter(|s| s.week == week.number).collect();
            for (k, session) in sessions.iter().enumerate() {
                let label = &self.routines[session.routine].label;
                let same = sessions[..k].iter().find(|s| s.routine == session.routine);
                let _ = write!(
                    out,
                    "  {}  Routine {label}  {}",
                    short_date(session.date),
                    duration(session.total_s)
                );
                match same {
                    Some(earlier) => {
                        let _ = writeln!(out, ", as on {}", short_date(earlier.date));
                    }
                    None => {
                        out.push('\n');
                        item_lines(out, &session.items, "    ", width);
                    }
                }
            }
            out.push('\n');
        }
        let total: u32 = self.weeks.iter().map(|w| w.total_s).sum();
        let per_week = f64::from(total) / 60.0 / f64::from(self.calendar.weeks.max(1));
        let _ = writeln!(
            out,
            "In all: {}, {} minutes, about {per_week:.0} minutes a week.",
            count(self.sessions.len(), "session"),
            (total + 30) / 60
        );
    }

    fn explanation_lines(&self, out: &mut String) {
        let _ = writeln!(out, "\nWhy these stretches");
        for c in &self.explanation.chosen {
            let _ = writeln!(out, "  {}: {}", c.name, c.summary(self.routines.len()));
        }
        let _ = writeln!(out, "\nLeft out");
        if self.explanation.left_out.is_empty() {
            let _ = writeln!(out, "  nothing: every stretch is in the plan");
        }
        for l in &self.explanation.left_out {
            let _ = writeln!(out, "  {}: {}", l.name, l.why);
        }
    }
}
